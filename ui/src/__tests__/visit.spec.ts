import { describe, expect, it } from 'vitest'
import { parseYuan, yuanText } from '../lib/format'
import { emptyFilters, festivalFilters, followUpVisit, hospitalVisit, namesSummary, targetQueries } from '../lib/visit'
import type { HospitalStay } from '../api'

describe('parseYuan', () => {
  // [typed, fen]: each must come out exact, with no float in between (0.29 * 100 = 28.999… in floats).
  const ok: [string, number][] = [
    ['', 0],
    ['500', 50000],
    ['0.29', 29],
    ['1.1', 110],
    ['1200.05', 120005],
    ['1,200.50', 120050],
    ['￥300元', 30000],
    ['¥ 8.8', 880],
    ['１２００', 120000],
    ['.5', 50],
    ['100.', 10000],
    ['19.99', 1999],
    ['  600 ', 60000],
  ]
  it.each(ok)('reads %j as %i fen', (text, fen) => {
    expect(parseYuan(text)).toEqual({ fen })
  })

  const bad: [string, string][] = [
    ['-5', '负数'],
    ['1.234', '两位小数'],
    ['abc', '数字'],
    ['12a', '数字'],
    ['.', '数字'],
    ['1.2.3', '数字'],
    ['999999999999', '过大'],
  ]
  it.each(bad)('refuses %j saying %s', (text, words) => {
    const r = parseYuan(text)
    expect(r.fen).toBeUndefined()
    expect(r.error).toContain(words)
  })

  it('writes fen back as plain yuan text that reads back the same', () => {
    for (const fen of [1, 29, 110, 50000, 120005, 123456789]) {
      expect(parseYuan(yuanText(fen))).toEqual({ fen })
    }
    expect(yuanText(0)).toBe('')
    expect(yuanText(120050)).toBe('1200.50')
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
