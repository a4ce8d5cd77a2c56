import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { TimelineEntry } from '../api'
import { plugins, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return { ...original, api: { personTimelinePage: vi.fn() } }
})

import { api } from '../api'
import PersonTimeline from '../components/PersonTimeline.vue'

function entry(i: number): TimelineEntry {
  return {
    date: `2026-01-${String(31 - (i % 30)).padStart(2, '0')}`,
    kind: 'visit',
    kind_label: '走访慰问',
    title: `第${i + 1}次走访`,
    detail: '',
    entity: 'visit',
    entity_id: i + 1,
  }
}

/** A history of 45 entries, served a page at a time as the core does. */
const ALL = Array.from({ length: 45 }, (_, i) => entry(i))

afterEach(() => {
  document.body.innerHTML = ''
})

describe('PersonTimeline', () => {
  it('shows the first page, then loads the next on 加载更多 until every entry is shown', async () => {
    vi.mocked(api.personTimelinePage).mockImplementation(async (_p, offset, limit) => ({
      entries: ALL.slice(offset, offset + limit),
      total: ALL.length,
    }))
    const w = mount(PersonTimeline, { props: { personId: 7, active: true }, global: { plugins } })
    await settle()
    expect(api.personTimelinePage).toHaveBeenLastCalledWith(7, 0, 30)
    expect(w.findAll('.el-timeline-item')).toHaveLength(30)
    const more = w.get('[data-testid=timeline-more]')
    expect(more.text()).toContain('已显示 30 / 共 45 条')

    await more.get('button').trigger('click')
    await settle()
    expect(api.personTimelinePage).toHaveBeenLastCalledWith(7, 30, 30)
    expect(w.findAll('.el-timeline-item')).toHaveLength(45)
    expect(w.text()).toContain('第45次走访')
    expect(w.get('[data-testid=timeline-more]').text()).toContain('已显示 45 / 共 45 条')
    expect(w.find('[data-testid=timeline-more] button').exists()).toBe(false)
  })
})
