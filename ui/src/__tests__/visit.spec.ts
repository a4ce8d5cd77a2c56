import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import YuanInput from '../components/YuanInput.vue'
import { plugins } from './helpers'
import { emptyFilters, festivalFilters, followUpVisit, hospitalVisit, namesSummary, targetQueries } from '../lib/visit'
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

describe('campaign target filters', () => {
  it('asks for nobody when nothing is ticked', () => {
    expect(targetQueries(emptyFilters())).toEqual([])
  })

  it('gives one living, unlimited query per ticked condition in "any" mode', () => {
    const f = { ...emptyFilters(), lixiu: true, aged80: true, branch: '第一党支部', care: ['alone' as const] }
    const qs = targetQueries(f)
    expect(qs).toHaveLength(4)
    for (const q of qs) {
      expect(q.status).toBe('living')
      expect(q.limit).toBe(0)
    }
    expect(qs[0]).toMatchObject({ retirement_kind: 'lixiu', age_min: null })
    expect(qs[1]).toMatchObject({ age_min: 80, retirement_kind: null })
    expect(qs[2]).toMatchObject({ party_branch: '第一党支部' })
    expect(qs[3]).toMatchObject({ care: 'alone' })
  })

  it('combines every condition in one query in "all" mode, one per care situation', () => {
    const f = { ...emptyFilters(), partyMembers: true, aged80: true, mode: 'all' as const }
    expect(targetQueries(f)).toEqual([expect.objectContaining({ party_member: true, age_min: 80, care: null })])
    const g = { ...f, care: ['alone' as const, 'empty_nest' as const] }
    const qs = targetQueries(g)
    expect(qs.map((q) => q.care)).toEqual(['alone', 'empty_nest'])
    expect(qs.every((q) => q.party_member === true && q.age_min === 80)).toBe(true)
  })

  it('"everyone" is one query for all the living, whatever else is ticked', () => {
    const qs = targetQueries({ ...emptyFilters(), everyone: true, lixiu: true })
    expect(qs).toHaveLength(1)
    expect(qs[0]).toMatchObject({ status: 'living', retirement_kind: null, age_min: null })
  })

  it('starts 七一 with party members 80 and over, other festivals with 离休 or 80 and over', () => {
    expect(festivalFilters('party_day')).toMatchObject({ partyMembers: true, aged80: true, mode: 'all' })
    expect(festivalFilters('double_ninth')).toMatchObject({ lixiu: true, aged80: true, mode: 'any' })
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
