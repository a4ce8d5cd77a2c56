import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { AppInfo, CheckupRow, CheckupTotals, Page } from '../api'
import { plugins, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return {
    ...original,
    api: { pageCheckups: vi.fn(), recordCheckup: vi.fn(), recordCheckups: vi.fn(), voidCheckup: vi.fn() },
  }
})

import { api } from '../api'
import CheckupsPage from '../pages/CheckupsPage.vue'

const info: AppInfo = {
  version: '0.1.0',
  db_path: '/tmp/ledger.db',
  first_run: false,
  unit_name: '示范市审计局',
  people_count: 3,
  today: '2026-11-21',
}

function person(id: number, name: string, extra: Partial<CheckupRow> = {}): CheckupRow {
  return {
    person_id: id,
    name,
    sex: 'male',
    age: 80,
    retirement_kind: 'tuixiu',
    status: 'not_recorded',
    date: null,
    hospital: '',
    findings: '',
    advice: '',
    absence_reason: '',
    notes: '',
    checkup_id: null,
    ...extra,
  }
}

/** The page the core sends for a round of these rows (all on one page). */
function round(rows: CheckupRow[]): Page<CheckupRow, CheckupTotals> {
  const count = (s: CheckupRow['status']) => rows.filter((r) => r.status === s).length
  return {
    rows,
    total: rows.length,
    totals: {
      living: rows.length,
      attended: count('attended'),
      absent: count('absent'),
      not_recorded: count('not_recorded'),
      rate: rows.length ? count('attended') / rows.length : 0,
    },
  }
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('CheckupsPage', () => {
  it('lists the round with a status tag per person and the counts with the rate', async () => {
    vi.mocked(api.pageCheckups).mockResolvedValue(
      round([
        person(1, '张三丰', { status: 'attended', date: '2026-09-21', hospital: '市老年病医院', checkup_id: 11 }),
        person(2, '李四', { status: 'absent', absence_reason: '住院治疗', checkup_id: 12 }),
        person(3, '王五'),
      ]),
    )
    const w = mount(CheckupsPage, { props: { info }, global: { plugins }, attachTo: document.body })
    await settle()
    expect(api.pageCheckups).toHaveBeenCalledWith(
      expect.objectContaining({ filter: { year: 2026, status: null, search: '' }, offset: 0, limit: 50 }),
    )
    const figures = w.get('[data-testid=checkup-figures]').text()
    expect(figures).toContain('应检 3 人')
    expect(figures).toContain('参检率 33.3%')
    const table = w.get('[data-testid=checkup-table]').text()
    expect(table).toContain('已参检')
    expect(table).toContain('未参检')
    expect(table).toContain('未登记')
    expect(table).toContain('2026.09.21')
    expect(table).toContain('住院治疗')
    w.unmount()
  })
})
