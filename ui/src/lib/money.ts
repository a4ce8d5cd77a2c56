// Money typed by the clerk, and the 所属期间 of a subsidy. Pure helpers, unit-tested in
// src/__tests__/money.spec.ts.
//
// Money crosses to the core as integer fen (DOMAIN.md rule 8). What the clerk types is parsed as
// text, digit by digit, never through a float: `Number('0.29') * 100` is 28.999999999999996.

/** The result of reading a yuan amount: fen, or a reason in Chinese. */
export type ParsedYuan = { ok: true; fen: number } | { ok: false; error: string }

/** Larger than any payment a unit makes, and far below Number.MAX_SAFE_INTEGER in fen. */
const MAX_FEN = 100_000_000_00

const FULL_WIDTH = /[０-９．，]/g

/**
 * Reads an amount in yuan as the clerk writes it: `1200`, `1,200.50`, `1200.5元`, `￥300`,
 * full-width digits from a Chinese input method. At most two decimals; not negative. The reading is
 * the core's `money::parse_yuan`: `yuan-cases.json`, generated from it, is the test of this function.
 */
export function parseYuan(text: string): ParsedYuan {
  const t = text
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .replace(/\s*元$/, '')
  if (t === '') return { ok: false, error: '请填写金额' }
  if (t.startsWith('-')) return { ok: false, error: '金额不能为负数' }
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(t)
  if (!m) return { ok: false, error: `“${text.trim()}”不是金额，请只填数字，如 1200、1,200 或 1200.50` }
  const decimals = m[2] ?? ''
  if (decimals.length > 2) return { ok: false, error: '金额最多到分（小数点后两位）' }
  const whole = m[1].replace(/,/g, '').replace(/^0+(?=\d)/, '')
  if (whole.length > 10) return { ok: false, error: '金额太大，请检查是否多填了数字' }
  const fen = Number(whole) * 100 + Number(decimals.padEnd(2, '0'))
  if (fen > MAX_FEN) return { ok: false, error: '金额太大，请检查是否多填了数字' }
  return { ok: true, fen }
}

/** Fen as the text an amount field starts with: 120000 → "1200", 120050 → "1200.50". */
export function fenToInput(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return ''
  const abs = Math.abs(Math.trunc(fen))
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  return `${fen < 0 ? '-' : ''}${yuan}${cents ? '.' + String(cents).padStart(2, '0') : ''}`
}

// ---- 所属期间 ------------------------------------------------------------------------------

/** What a subsidy is paid for: a year, a quarter of it, or a month of it. */
export type PayPeriodScope = 'year' | 'quarter' | 'month'

export interface PayPeriodParts {
  scope: PayPeriodScope
  year: number
  /** 1–4, used when scope is quarter. */
  quarter: number
  /** 1–12, used when scope is month. */
  month: number
}

const QUARTER_NAMES = ['一', '二', '三', '四']

/** The code the core reads: `2026`, `2026-Q3`, `2026-07`. */
export function payPeriodCode(p: PayPeriodParts): string {
  switch (p.scope) {
    case 'year':
      return String(p.year)
    case 'quarter':
      return `${p.year}-Q${p.quarter}`
    case 'month':
      return `${p.year}-${String(p.month).padStart(2, '0')}`
  }
}

/** The parts of a code (for editing); null when the code is not one the core writes. */
export function parsePayPeriod(code: string): PayPeriodParts | null {
  const m = /^(\d{4})(?:-(?:Q([1-4])|(\d{2})))?$/.exec(code.trim())
  if (!m) return null
  const year = Number(m[1])
  if (m[2]) return { scope: 'quarter', year, quarter: Number(m[2]), month: (Number(m[2]) - 1) * 3 + 1 }
  if (m[3]) {
    const month = Number(m[3])
    if (month < 1 || month > 12) return null
    return { scope: 'month', year, quarter: Math.floor((month - 1) / 3) + 1, month }
  }
  return { scope: 'year', year, quarter: 1, month: 1 }
}

/** `2026年`, `2026年第三季度`, `2026年7月`, as the core's tables print it; unknown codes unchanged. */
export function payPeriodLabel(code: string): string {
  const p = parsePayPeriod(code)
  if (!p) return code
  switch (p.scope) {
    case 'year':
      return `${p.year}年`
    case 'quarter':
      return `${p.year}年第${QUARTER_NAMES[p.quarter - 1]}季度`
    case 'month':
      return `${p.year}年${p.month}月`
  }
}

/**
 * The period a new payment of this kind is most likely for, on `today` (ISO): 支委工作补贴 is
 * quarterly, 老年大学学费 yearly, the rest by month of payment is too fine, so by quarter.
 */
export function defaultPayPeriod(kind: string, today: string): PayPeriodParts {
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7)) || 1
  const quarter = Math.floor((month - 1) / 3) + 1
  const scope: PayPeriodScope = kind === '老年大学学费' ? 'year' : kind === '护理费' ? 'month' : 'quarter'
  return { scope, year, quarter, month }
}
