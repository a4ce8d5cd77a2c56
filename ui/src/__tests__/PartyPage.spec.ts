import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { AppInfo, MedalCandidate } from '../api'
import { plugins, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return {
    ...original,
    api: {
      pagePartyMembers: vi.fn(),
      setPartyInfo: vi.fn(),
      medalList: vi.fn(),
      presentMedal: vi.fn(),
      voidMedal: vi.fn(),
    },
  }
})

import { api } from '../api'
import PartyPage from '../pages/PartyPage.vue'

const info: AppInfo = {
  version: '0.1.0',
  db_path: '/tmp/ledger.db',
  first_run: false,
  unit_name: '示范市审计局',
  people_count: 3,
  today: '2026-06-10',
}

function candidate(id: number, name: string, extra: Partial<MedalCandidate> = {}): MedalCandidate {
  return {
    person_id: id,
    name,
    sex: 'male',
    birth: '1940-03',
    branch: '离退休第一党支部',
    party_joined: '1975-05',
    party_confirmed: '1976-05',
    standing_from: '1976-05',
    years: 50,
    reason: '1976年5月转正，至2026年7月1日党龄满50年',
    note: null,
    presented: null,
    ...extra,
  }
}

const emptyPage = { rows: [], total: 0, totals: { not_normal: 0, dues_behind: 0, branches: [] } }

afterEach(() => {
  document.body.innerHTML = ''
})

async function openMedals() {
  vi.mocked(api.pagePartyMembers).mockResolvedValue(emptyPage)
  vi.mocked(api.medalList).mockClear()
  const w = mount(PartyPage, { props: { info }, global: { plugins }, attachTo: document.body })
  await settle()
  const tab = w.findAll('.el-tabs__item').find((t) => t.text() === '光荣在党50年')
  await tab!.trigger('click')
  await settle()
  return w
}

describe('PartyPage · 光荣在党50年', () => {
  it('shows each reason and, visibly, the note to check', async () => {
    vi.mocked(api.medalList).mockResolvedValue([
      candidate(1, '张三丰'),
      candidate(2, '李四', {
        party_confirmed: null,
        party_joined: '1975-03',
        standing_from: '1976-03',
        reason: '1975年3月入党，至2026年7月1日党龄满50年',
        note: '未填写转正时间，按入党时间加一年计算，请核实',
      }),
      candidate(3, '王五', { presented: { medal_id: 8, year: 2026, presented_on: '2026-06-28' } }),
    ])
    const w = await openMedals()
    expect(api.medalList).toHaveBeenCalledWith(2026)
    const table = w.get('[data-testid=medal-table]')
    expect(table.text()).toContain('1976年5月转正，至2026年7月1日党龄满50年')
    const notes = table.findAll('[data-testid=medal-note]')
    expect(notes).toHaveLength(1)
    expect(notes[0].text()).toContain('按入党时间加一年计算')
    expect(notes[0].classes()).toContain('note') // orange, not hidden in a tooltip
    expect(table.text()).toContain('未填写') // the missing 转正时间
    expect(table.text()).toContain('已颁发 2026.06.28')
    // Only those not yet presented get the button.
    expect(table.findAll('[data-testid=medal-present]')).toHaveLength(2)
    w.unmount()
  })

  it('登记颁发 records the medal for the year with the date chosen', async () => {
    vi.mocked(api.medalList).mockResolvedValue([candidate(1, '张三丰')])
    vi.mocked(api.presentMedal).mockResolvedValue(5)
    const w = await openMedals()
    await w.get('[data-testid=medal-present]').trigger('click')
    await settle()
    await w.get('[data-testid=medal-save]').trigger('click')
    await settle()
    // Before July 1 the date proposed is today.
    expect(api.presentMedal).toHaveBeenCalledWith(1, 2026, '2026-06-10', '')
    expect(api.medalList).toHaveBeenCalledTimes(2)
    w.unmount()
  })
})

describe('PartyPage · 党员名册', () => {
  it('asks the core for one page and shows its counts and its judgement of the dues', async () => {
    const member = (id: number, name: string, dues: string | null, behind: boolean) => ({
      person_id: id,
      name,
      sex: 'male' as const,
      birth: '1940-03',
      political_status: 'cpc_member' as const,
      branch: '离退休第一党支部',
      party_joined: '1975-05',
      party_confirmed: '1976-05',
      post: '',
      dues_paid_to: dues,
      contact: 'normal' as const,
      dues_behind: behind,
    })
    vi.mocked(api.pagePartyMembers).mockResolvedValue({
      rows: [member(1, '张三丰', '2026-05', false), member(2, '李四', '2025-12', true)],
      total: 7012,
      totals: { not_normal: 3, dues_behind: 640, branches: ['离退休第一党支部', '离退休第二党支部'] },
    })
    const w = mount(PartyPage, { props: { info }, global: { plugins }, attachTo: document.body })
    await settle()
    expect(api.pagePartyMembers).toHaveBeenCalledWith(
      expect.objectContaining({ filter: { branch: null, search: '' }, offset: 0, limit: 50 }),
    )
    expect(w.get('[data-testid=party-count]').text()).toBe('共 7012 名党员，其中流动或失联 3 名，党费欠缴 640 名')
    const rows = w.findAll('[data-testid=party-table] .el-table__body tr')
    expect(rows).toHaveLength(2)
    expect(rows[0].find('.note').exists()).toBe(false)
    expect(rows[1].find('.note').text()).toBe('2025.12')
    w.unmount()
  })
})
