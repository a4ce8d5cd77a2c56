import { describe, expect, it } from 'vitest'
import cases from './yuan-cases.json'
import { defaultPayPeriod, fenToInput, parsePayPeriod, parseYuan, payPeriodCode, payPeriodLabel } from '../lib/money'

describe('parseYuan', () => {
  // The core's reading of each case (generated from money::parse_yuan): the UI must agree.
  it.each(cases as { text: string; fen: number | null }[])('reads $text as the core does', ({ text, fen }) => {
    const r = parseYuan(text)
    expect(r.ok ? r.fen : null).toBe(fen)
  })


  // Each amount as a clerk types it, and the fen it must become exactly.
  const good: [string, number][] = [
    ['1200', 120000],
    ['1200.5', 120050],
    ['1200.05', 120005],
    ['0.29', 29], // 0.29 * 100 is 28.999999999999996 in floating point
    ['0.07', 7],
    ['1,200.50', 120050],
    ['  300 ', 30000],
    ['300元', 30000],
    ['￥300', 30000],
    ['¥1,000', 100000],
    ['１２００．５', 120050], // full-width digits from a Chinese input method
    ['007', 700],
    ['19999999.99', 1999999999],
    ['0', 0],
  ]
  it.each(good)('reads %s as %i fen', (text, fen) => {
    expect(parseYuan(text)).toEqual({ ok: true, fen })
  })

  const bad: [string, string][] = [
    ['', '请填写金额'],
    ['   ', '请填写金额'],
    ['-5', '负数'],
    ['1.234', '小数点后两位'],
    ['abc', '不是金额'],
    ['1.2.3', '不是金额'],
    ['12e3', '不是金额'],
    ['99999999999', '太大'],
  ]
  it.each(bad)('refuses %j with a reason', (text, reason) => {
    const r = parseYuan(text)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toContain(reason)
  })
})

describe('fenToInput', () => {
  it('gives back what the clerk would type', () => {
    expect(fenToInput(120000)).toBe('1200')
    expect(fenToInput(120050)).toBe('1200.50')
    expect(fenToInput(5)).toBe('0.05')
    expect(fenToInput(null)).toBe('')
    for (const fen of [1, 29, 100, 123456, 99999]) {
      const back = parseYuan(fenToInput(fen))
      expect(back).toEqual({ ok: true, fen })
    }
  })
})

describe('所属期间', () => {
  it('builds the codes the core reads', () => {
    expect(payPeriodCode({ scope: 'year', year: 2026, quarter: 3, month: 7 })).toBe('2026')
    expect(payPeriodCode({ scope: 'quarter', year: 2026, quarter: 3, month: 7 })).toBe('2026-Q3')
    expect(payPeriodCode({ scope: 'month', year: 2026, quarter: 3, month: 7 })).toBe('2026-07')
  })

  it('reads them back and labels them as the tables print them', () => {
    expect(parsePayPeriod('2026-Q3')).toMatchObject({ scope: 'quarter', year: 2026, quarter: 3 })
    expect(parsePayPeriod('2026-11')).toMatchObject({ scope: 'month', year: 2026, month: 11, quarter: 4 })
    expect(parsePayPeriod('2026')).toMatchObject({ scope: 'year', year: 2026 })
    expect(parsePayPeriod('2026-13')).toBeNull()
    expect(parsePayPeriod('去年')).toBeNull()
    expect(payPeriodLabel('2026-Q3')).toBe('2026年第三季度')
    expect(payPeriodLabel('2026-07')).toBe('2026年7月')
    expect(payPeriodLabel('2026')).toBe('2026年')
    expect(payPeriodLabel('odd')).toBe('odd')
  })

  it('proposes the usual period of a kind on a day', () => {
    expect(payPeriodCode(defaultPayPeriod('支委工作补贴', '2026-08-15'))).toBe('2026-Q3')
    expect(payPeriodCode(defaultPayPeriod('老年大学学费', '2026-08-15'))).toBe('2026')
    expect(payPeriodCode(defaultPayPeriod('护理费', '2026-08-15'))).toBe('2026-08')
    expect(payPeriodCode(defaultPayPeriod('困难补贴', '2026-01-02'))).toBe('2026-Q1')
  })
})
