// The UI's contract with the core: tables generated from Rust (src/api/contract.ts, bindings.ts)
// are complete and consistent, and no component renders text as HTML.
import { describe, expect, it } from 'vitest'
import * as bindings from '../api/bindings'
import {
  CARE_FILTER_LABELS,
  FESTIVAL_LABELS,
  FESTIVAL_TARGETS,
  FIELD_LABELS,
  FORM_SECTIONS,
  LEDGER_TABLES,
  PERSON_FORM,
  QUARTER_NAMES,
} from '../api'
import { emptyFields } from '../lib/person'

describe('the generated contract', () => {
  it('lists every person field once in the form, with a label the audit log also uses', () => {
    const keys = Object.keys(emptyFields()).sort()
    expect(PERSON_FORM.map((f) => f.field).sort()).toEqual(keys)
    for (const f of PERSON_FORM) {
      expect(FIELD_LABELS[f.field]).toBe(f.label)
      expect(FORM_SECTIONS[f.section]).toBeTruthy()
    }
    expect(PERSON_FORM[0]).toMatchObject({ field: 'name', label: '姓名', input: 'text', section: 'basic' })
  })

  it('names an existing label table for every choice', () => {
    const tables = bindings as unknown as Record<string, Record<string, string> | undefined>
    for (const f of PERSON_FORM.filter((f) => f.input === 'choice')) {
      expect(f.labels, f.field).not.toBeNull()
      expect(Object.keys(tables[f.labels!] ?? {}).length, `${f.field} → ${f.labels}`).toBeGreaterThan(1)
    }
  })

  it('masks ID numbers, phones and addresses in lists', () => {
    const masked = PERSON_FORM.filter((f) => f.masked).map((f) => f.field)
    expect(masked).toEqual(expect.arrayContaining(['id_number', 'phone', 'emergency_phone', 'address']))
    expect(masked).not.toContain('name')
  })

  it('has the core’s quarters, ledger tables, care groups and a usual list for every festival', () => {
    expect(QUARTER_NAMES).toEqual(['第一季度', '第二季度', '第三季度', '第四季度'])
    expect(LEDGER_TABLES.map((t) => t.code)).toEqual([
      'visits',
      'hospital',
      'subsidies',
      'checkups',
      'deaths',
      'medals',
      'activities',
    ])
    expect(Object.keys(CARE_FILTER_LABELS)).toEqual(['alone', 'empty_nest', 'disabled'])
    expect(Object.keys(FESTIVAL_TARGETS).sort()).toEqual(Object.keys(FESTIVAL_LABELS).sort())
    expect(FESTIVAL_TARGETS.party_day).toMatchObject({ party_members: true, aged80: true, mode: 'all' })
  })
})

describe('user text', () => {
  const sources = import.meta.glob('../**/*.{vue,ts}', { query: '?raw', import: 'default', eager: true }) as Record<
    string,
    string
  >

  it('is never rendered as HTML', () => {
    // The glob names this folder's own files `./x.spec.ts`: the tests may mention the words.
    const files = Object.entries(sources).filter(([path]) => !path.startsWith('./'))
    expect(files.length).toBeGreaterThan(20)
    const offenders = files
      .filter(([, text]) => /v-html|dangerouslyUseHTMLString|innerHTML/.test(text))
      .map(([path]) => path)
    expect(offenders).toEqual([])
  })
})
