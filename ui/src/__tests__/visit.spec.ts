import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import YuanInput from '../components/YuanInput.vue'
import { plugins } from './helpers'
import { followUpVisit, hospitalVisit, namesSummary } from '../lib/visit'
import type { HospitalStay } from '../api'

describe('YuanInput', () => {
  it('gives fen for what the clerk types, 0 for nothing, and keeps the last good value on a mistake', async () => {
    const w = mount(YuanInput, { props: { modelValue: 50000 }, global: { plugins } })
    const input = w.find('input')
    expect(input.element.value).toBe('500')
    for (const [typed, fen] of [['0.29', 29], ['1,200.05', 120005], ['', 0]] as const) {
      await input.setValue(typed)
      expect(w.emitted('update:modelValue')!.at(-1)).toEqual([fen])
    }
    const before = w.emitted('update:modelValue')!.length
    await input.setValue('1.234')
    expect(w.emitted('update:modelValue')!.length).toBe(before)
    expect(w.text()).toContain('小数点后两位')
  })
})

describe('visits linked to a hospital stay', () => {
  const stay: HospitalStay = {
    id: 7,
    person_id: 3,
    person_name: '张三',
    person_sex: 'male',
    hospital: '市第一人民医院',
    department: '心内科',
    condition: '冠心病',
    admitted_on: '2026-11-10',
    discharged_on: '2026-11-18',
    notes: '',
    visited_on: null,
    follow_up_on: null,
    flags: ['not_visited'],
  }
  it('prefills a 住院 visit linked to the stay', () => {
    expect(hospitalVisit(stay, '2026-11-21')).toMatchObject({
      kind: 'hospital',
      person_id: 3,
      hospital_stay_id: 7,
      date: '2026-11-21',
      condition: '冠心病',
    })
  })
  it('dates the follow-up call no earlier than the discharge', () => {
    expect(followUpVisit(stay, '2026-11-21')).toMatchObject({ kind: 'phone', hospital_stay_id: 7, date: '2026-11-21' })
    expect(followUpVisit({ ...stay, discharged_on: '2026-11-25' }, '2026-11-21').date).toBe('2026-11-25')
  })
})

it('names a long batch briefly', () => {
  expect(namesSummary(['甲', '乙'])).toBe('甲、乙')
  expect(namesSummary(['甲', '乙', '丙', '丁'], 2)).toBe('甲、乙等 4 人')
})
