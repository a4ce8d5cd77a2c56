import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { AuditPage as Page, AuditQuery, AuditRow, Verification } from '../api'
import { plugins, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return {
    ...original,
    api: {
      pageAudit: vi.fn(),
      auditFilters: vi.fn(),
      verifyAuditBackground: vi.fn(),
      exportAuditLog: vi.fn(),
      listPeople: vi.fn(),
    },
  }
})

import { api } from '../api'
import AuditPage from '../pages/AuditPage.vue'
import { auditCheck } from '../lib/auditCheck'

function entry(id: number, extra: Partial<AuditRow> = {}): AuditRow {
  return {
    id,
    at: '2026-11-21 09:30:00',
    actor: '李干事',
    entity: 'subsidy',
    entity_label: '补助发放',
    entity_id: id,
    person_id: 7,
    person_name: '张三',
    action: 'update',
    action_label: '修改',
    lines: [{ field: 'amount', label: '金额', old: '1,000.00元', new: '1,200.00元' }],
    reason: null,
    ...extra,
  }
}

function verification(intact: boolean): Verification {
  return {
    intact,
    entries: 120,
    records: 30,
    anchors: 2,
    findings: intact
      ? []
      : [{ entry: 42, entity: 'person', entity_id: 7, field: '现住址', message: '第42条修改记录之后，人员7的现住址在程序之外被改动过' }],
  }
}

beforeEach(() => {
  auditCheck.value = null
  vi.mocked(api.verifyAuditBackground).mockReset()
  vi.mocked(api.exportAuditLog).mockReset()
  vi.mocked(api.auditFilters).mockResolvedValue({
    kinds: [
      { code: 'person', label: '人员信息' },
      { code: 'subsidy', label: '补助发放' },
    ],
    actors: ['李干事', '王会计'],
  })
  vi.mocked(api.pageAudit).mockReset().mockImplementation(
    async (q: AuditQuery): Promise<Page> => ({ total: 120, rows: [entry(120 - q.offset)] }),
  )
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('AuditPage', () => {
  it('shows each change in the core\'s words and pages through the core', async () => {
    vi.mocked(api.verifyAuditBackground).mockResolvedValue(verification(true))
    const w = mount(AuditPage, { global: { plugins }, attachTo: document.body })
    await settle()
    expect(api.pageAudit).toHaveBeenCalledWith(
      expect.objectContaining({ person_id: null, entity: null, actor: null, offset: 0, limit: 50 }),
    )
    const table = document.querySelector('[data-testid=audit-table]')?.textContent ?? ''
    expect(table).toContain('金额：1,000.00元 → 1,200.00元')
    expect(table).toContain('李干事')
    expect(document.querySelector('[data-testid=audit-total]')?.textContent).toBe('共 120 条')
    expect(document.querySelector('[data-testid=audit-check]')?.textContent).toContain('修改记录完好')
    w.unmount()
  })

  it('says plainly where a broken chain was found, and repairs nothing', async () => {
    vi.mocked(api.verifyAuditBackground).mockResolvedValue(verification(false))
    const w = mount(AuditPage, { global: { plugins }, attachTo: document.body })
    await settle()
    const check = document.querySelector('[data-testid=audit-check]')?.textContent ?? ''
    expect(check).toContain('发现 1 处问题')
    expect(check).toContain('程序不会自动修复')
    expect(document.querySelector('[data-testid=audit-findings]')?.textContent).toContain('人员7的现住址')
    // Checking again on demand asks the core again.
    ;(document.querySelector('[data-testid=audit-page-verify]') as HTMLButtonElement).click()
    await settle()
    expect(api.verifyAuditBackground).toHaveBeenCalledTimes(2)
    w.unmount()
  })

  it('exports the selection the page shows', async () => {
    vi.mocked(api.verifyAuditBackground).mockResolvedValue(verification(true))
    vi.mocked(api.exportAuditLog).mockResolvedValue('/tmp/修改记录.xlsx')
    const w = mount(AuditPage, { global: { plugins }, attachTo: document.body })
    await settle()
    ;(document.querySelector('[data-testid=audit-export]') as HTMLButtonElement).click()
    await settle()
    expect(api.exportAuditLog).toHaveBeenCalledWith(expect.objectContaining({ entity: null, offset: 0 }))
    w.unmount()
  })
})
