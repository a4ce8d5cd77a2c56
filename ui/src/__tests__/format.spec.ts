import { describe, expect, it, vi } from 'vitest'
import {
  formatSize,
  ageBandRange,
  auditLines,
  auditValue,
  contactCell,
  debounce,
  formatDate,
  formatTimestamp,
  formatYearMonth,
  formatYuan,
  quarterOf,
} from '../lib/format'

describe('formatDate', () => {
  it.each([
    ['1945', '1945'],
    ['1945-10', '1945.10'],
    ['1945-10-03', '1945.10.03'],
    ['1945-1', '1945.01'],
    [null, ''],
    ['', ''],
    ['not a date', 'not a date'],
  ])('%s → %s', (iso, shown) => {
    expect(formatDate(iso)).toBe(shown)
  })
})

describe('formatYearMonth (the 出生年月 column)', () => {
  it('drops the day but never invents a month', () => {
    expect(formatYearMonth('1945-10-03')).toBe('1945.10')
    expect(formatYearMonth('1945-10')).toBe('1945.10')
    expect(formatYearMonth('1945')).toBe('1945')
    expect(formatYearMonth(null)).toBe('')
  })
})

describe('ageBandRange', () => {
  it.each([
    ['', null, null],
    ['under70', null, 69],
    ['70s', 70, 79],
    ['80s', 80, 89],
    ['90s', 90, 99],
    ['100plus', 100, null],
  ] as const)('%s → %s..%s', (band, min, max) => {
    expect(ageBandRange(band)).toEqual({ age_min: min, age_max: max })
  })
})

describe('masking', () => {
  it('shows the revealed value once known, the masked one before', () => {
    expect(contactCell('110105********002X', undefined)).toBe('110105********002X')
    expect(contactCell('110105********002X', '11010519491231002X')).toBe('11010519491231002X')
    expect(contactCell('138****5678', '')).toBe('')
  })
})

describe('audit display', () => {
  it('speaks the clerk\'s words for fields, enums and dates', () => {
    expect(auditValue('retirement_kind', 'lixiu')).toBe('离休')
    expect(auditValue('birth', '1945-10')).toBe('1945.10')
    expect(auditValue('phone', null)).toBe('（空）')
    expect(auditValue('lunar_birthday', { month: 4, day: 30, leap: true })).toBe('闰4月30日')
    expect(
      auditLines({
        at: '2026-03-01T09:30:12+08:00',
        actor: '联络员',
        entity: 'person',
        entity_id: 1,
        action: 'update',
        changes: [{ field: 'sex', old: null, new: 'female' }],
        reason: null,
      }),
    ).toEqual(['性别：（空） → 女'])
    expect(formatTimestamp('2026-03-01T09:30:12+08:00')).toBe('2026-03-01 09:30')
  })
})

describe('debounce', () => {
  it('runs once, with the last arguments, after calls stop', () => {
    vi.useFakeTimers()
    const fn = vi.fn()
    const d = debounce(fn, 250)
    d('z')
    d('zs')
    vi.advanceTimersByTime(200)
    d('zsf')
    vi.advanceTimersByTime(249)
    expect(fn).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(fn).toHaveBeenCalledOnce()
    expect(fn).toHaveBeenCalledWith('zsf')
    d('x')
    d.cancel()
    vi.advanceTimersByTime(1000)
    expect(fn).toHaveBeenCalledOnce()
    vi.useRealTimers()
  })
})

describe('formatYuan and quarterOf', () => {
  it('prints fen as yuan with separators', () => {
    expect(formatYuan(0)).toBe('0.00')
    expect(formatYuan(5)).toBe('0.05')
    expect(formatYuan(120005)).toBe('1,200.05')
    expect(formatYuan(123456789)).toBe('1,234,567.89')
  })
  it('finds the quarter of a date', () => {
    expect(['2026-01-01', '2026-03-31', '2026-04-01', '2026-09-30', '2026-12-31'].map(quarterOf)).toEqual([1, 1, 2, 3, 4])
  })
})

describe('formatSize (the backups table)', () => {
  it('shows kilobytes rounded up below a megabyte, then megabytes to one decimal', () => {
    expect(formatSize(0)).toBe('0 KB')
    expect(formatSize(1)).toBe('1 KB')
    expect(formatSize(1024 * 1024 - 1)).toBe('1024 KB')
    expect(formatSize(1024 * 1024)).toBe('1.0 MB')
    expect(formatSize(137_428_992)).toBe('131.1 MB')
  })
})
