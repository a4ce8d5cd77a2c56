import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { ROSTER_COLUMNS, ROSTER_PRINT_DEFAULT, type PeopleQuery } from '../api'
import { plugins, settle } from './helpers'
import { defaultQuery } from '../lib/person'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return {
    ...original,
    api: {
      rosterColumns: vi.fn(),
      exportRosterView: vi.fn(),
    },
    onJobProgress: vi.fn(async () => () => {}),
  }
})

import { api } from '../api'
import ExportViewDialog from '../components/ExportViewDialog.vue'

const query: PeopleQuery = { ...defaultQuery(), list: 'widowed', status: 'living', offset: 50, limit: 50 }

function mountDialog() {
  return mount(ExportViewDialog, {
    props: { open: true, query, total: 123, filterText: '按当前筛选条件' },
    global: { plugins },
    attachTo: document.body,
  })
}

const box = (field: string) => document.querySelector(`[data-testid=export-col-${field}] input`) as HTMLInputElement

beforeEach(() => {
  vi.mocked(api.rosterColumns).mockReset().mockResolvedValue(['name', 'phone'])
  vi.mocked(api.exportRosterView).mockReset().mockResolvedValue('/home/clerk/丧偶.xlsx')
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('ExportViewDialog', () => {
  it('ticks the columns remembered for the list, in the printed order', async () => {
    const w = mountDialog()
    await settle()
    expect(api.rosterColumns).toHaveBeenCalledWith('widowed')
    const labels = [...document.querySelectorAll('[data-testid=export-view-columns] .el-checkbox')].map((e) =>
      e.textContent?.trim(),
    )
    expect(labels).toEqual(ROSTER_COLUMNS.map((c) => c.header))
    expect(box('name').checked).toBe(true)
    expect(box('phone').checked).toBe(true)
    expect(box('id_number').checked).toBe(false)
    const summary = document.querySelector('[data-testid=export-view-summary]')?.textContent ?? ''
    expect(summary).toContain('丧偶清单中的 123 人（按当前筛选条件），共 2 列')
    w.unmount()
  })

  it('exports every page with the ticked columns in the roster order, masked by default', async () => {
    const w = mountDialog()
    await settle()
    box('id_number').click()
    await settle()
    ;(document.querySelector('[data-testid=export-view-go]') as HTMLElement).click()
    await settle()
    expect(api.exportRosterView).toHaveBeenCalledWith(
      { ...query, offset: 0, limit: 0 },
      ['name', 'id_number', 'phone'],
      true,
    )
    expect(w.emitted('update:open')?.at(-1)).toEqual([false])
    w.unmount()
  })

  it('sends whole values when 脱敏 is off, and restores the printed roster\'s columns', async () => {
    const w = mountDialog()
    await settle()
    ;(document.querySelector('[data-testid=export-view-masked]') as HTMLElement).click()
    ;(document.querySelector('[data-testid=export-view-default]') as HTMLElement).click()
    await settle()
    ;(document.querySelector('[data-testid=export-view-go]') as HTMLElement).click()
    await settle()
    const order = ROSTER_COLUMNS.map((c) => c.field).filter((f) => ROSTER_PRINT_DEFAULT.includes(f))
    expect(api.exportRosterView).toHaveBeenCalledWith({ ...query, offset: 0, limit: 0 }, order, false)
    w.unmount()
  })

  it('refuses to export no column at all, saying what to do', async () => {
    vi.mocked(api.rosterColumns).mockResolvedValue(['name'])
    const w = mountDialog()
    await settle()
    box('name').click()
    await settle()
    ;(document.querySelector('[data-testid=export-view-go]') as HTMLElement).click()
    await settle()
    expect(api.exportRosterView).not.toHaveBeenCalled()
    expect(document.querySelector('[data-testid=export-view-error]')?.textContent).toContain('请至少勾选一列')
    w.unmount()
  })
})
