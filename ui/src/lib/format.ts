// Pure display helpers shared by the pages. They never talk to the core, so they are unit-tested
// directly (src/__tests__/format.spec.ts).

import type { AuditEntry, PeopleQuery } from '../api'
import { ACTION_LABELS, AGE_BANDS, FIELD_LABELS } from '../api/contract'
import {
  CARE_LEVEL_LABELS,
  GRADE_LABELS,
  HEALTH_LABELS,
  LIVING_LABELS,
  POLITICAL_STATUS_LABELS,
  RESIDENCE_LABELS,
  RETIREMENT_KIND_LABELS,
  SEX_LABELS,
  UNIT_KIND_LABELS,
} from '../api/bindings'

/**
 * Shows a stored partial date the way the clerk's tables do: "1945" → "1945", "1945-10" → "1945.10",
 * "1945-10-03" → "1945.10.03". Anything that does not look like a stored date is shown unchanged,
 * so a surprise from the core is visible rather than hidden.
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const m = /^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$/.exec(iso.trim())
  if (!m) return iso
  const parts = [m[1]]
  if (m[2]) parts.push(m[2].padStart(2, '0'))
  if (m[3]) parts.push(m[3].padStart(2, '0'))
  return parts.join('.')
}

/** The 出生年月 column: year and month only ("1945-10-03" → "1945.10"), never an invented day. */
export function formatYearMonth(iso: string | null | undefined): string {
  const full = formatDate(iso)
  const m = /^(\d{4})(\.\d{2})?/.exec(full)
  return m ? m[1] + (m[2] ?? '') : full
}

/** An age band of the roster filter (DOMAIN rule 6), a code of the core's `AGE_BANDS`; '' is every age. */
export type AgeBand = string
export { AGE_BANDS }

/** Inclusive bounds of an age band, as `PeopleQuery` wants them (the core's table). */
export function ageBandRange(band: AgeBand): Pick<PeopleQuery, 'age_min' | 'age_max'> {
  const b = AGE_BANDS.find((x) => x.value === band)
  return { age_min: b?.age_min ?? null, age_max: b?.age_max ?? null }
}

/** What a contact cell shows: the full value once revealed, the masked one until then. */
export function contactCell(masked: string, revealed: string | undefined): string {
  return revealed !== undefined ? revealed : masked
}

/** Calls `fn` once calls have stopped for `ms` milliseconds. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined
  const wrapped = (...args: A) => {
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      fn(...args)
    }, ms)
  }
  wrapped.cancel = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }
  return wrapped
}

const ENUM_LABELS: Record<string, Record<string, string>> = {
  sex: SEX_LABELS,
  retirement_kind: RETIREMENT_KIND_LABELS,
  unit_kind: UNIT_KIND_LABELS,
  grade: GRADE_LABELS,
  health: HEALTH_LABELS,
  living: LIVING_LABELS,
  care_level: CARE_LEVEL_LABELS,
  residence: RESIDENCE_LABELS,
  political_status: POLITICAL_STATUS_LABELS,
}

const DATE_FIELDS = new Set(['birth', 'party_joined', 'party_confirmed', 'work_started', 'retired_on', 'died_on'])

/** One value of an audit change, in the words the clerk uses. */
export function auditValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）'
  if (typeof value === 'string') {
    if (ENUM_LABELS[field]?.[value]) return ENUM_LABELS[field][value]
    if (DATE_FIELDS.has(field)) return formatDate(value)
    return value
  }
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (typeof value === 'number') return String(value)
  if (field === 'lunar_birthday' && typeof value === 'object') {
    const l = value as { month?: number; day?: number; leap?: boolean }
    return `${l.leap ? '闰' : ''}${l.month}月${l.day}日`
  }
  return JSON.stringify(value)
}

export function auditAction(action: string): string {
  return ACTION_LABELS[action] ?? action
}

/** "2026-03-01T09:30:12…" → "2026-03-01 09:30". */
export function formatTimestamp(at: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(at)
  return m ? `${m[1]} ${m[2]}` : at
}

/** The lines of one audit entry: "字段：旧 → 新". */
export function auditLines(entry: AuditEntry): string[] {
  return entry.changes.map(
    (c) => `${FIELD_LABELS[c.field] ?? c.field}：${auditValue(c.field, c.old)} → ${auditValue(c.field, c.new)}`,
  )
}

/** Fen as yuan with thousands separators and two decimals: 123456 → "1,234.56". */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(fen))
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`
}

/** The quarter (1–4) an ISO date falls in. */
export function quarterOf(iso: string): number {
  const month = Number(iso.slice(5, 7))
  return month >= 1 && month <= 12 ? Math.floor((month - 1) / 3) + 1 : 1
}

/**
 * Copies text to the clipboard. The async clipboard API is tried first; WebKitGTK may refuse it
 * outside a secure context, so a hidden text area with `execCommand('copy')` is the fallback.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // fall through to the older way
  }
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.appendChild(area)
  area.select()
  let ok = false
  try {
    ok = document.execCommand('copy')
  } catch {
    ok = false
  }
  document.body.removeChild(area)
  return ok
}


/** A file's size as the clerk reads it: `1.3 MB`, `12 KB`. */
export function formatSize(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`
}
