import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import BarChart from '../components/BarChart.vue'

describe('BarChart', () => {
  it('draws one row per bar, widths relative to the largest', () => {
    const w = mount(BarChart, {
      props: { bars: [{ label: '节日', value: 40 }, { label: '生日', value: 10, text: '10 人次' }] },
    })
    const rows = w.findAll('[data-testid=bar-row]')
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain('节日')
    expect(rows[0].find('.bar-fill').attributes('style')).toContain('width: 100%')
    expect(rows[1].find('.bar-fill').attributes('style')).toContain('width: 25%')
    expect(rows[1].text()).toContain('10 人次')
  })

  it('says so when there is nothing to draw', () => {
    const w = mount(BarChart, { props: { bars: [{ label: '节日', value: 0 }], empty: '本期还没有走访记录' } })
    expect(w.findAll('[data-testid=bar-row]')).toHaveLength(0)
    expect(w.text()).toContain('本期还没有走访记录')
  })
})
