import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { ElMessage } from 'element-plus'
import type { PeoplePage, PeopleQuery } from '../api'
import { plugins, row, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return {
    ...original,
    api: {
      listPeople: vi.fn(),
      revealContact: vi.fn(),
      exportRoster: vi.fn(),
      exportTemplate: vi.fn(),
      getPerson: vi.fn(),
      validatePerson: vi.fn(),
      checkDate: vi.fn(),
      listBranches: vi.fn(async () => ['离退休第一党支部', '离退休第二党支部']),
      listLiaisons: vi.fn(async () => [
        { liaison: '王小明', people: 3 },
        { liaison: '李娜', people: 2 },
      ]),
      exportList: vi.fn(),
    },
    onJobProgress: vi.fn(async () => () => {}),
  }
})

import { api } from '../api'
import RosterPage from '../pages/RosterPage.vue'

const listPeople = vi.mocked(api.listPeople)

function page(rows: PeoplePage['rows'], total = rows.length): PeoplePage {
  return { rows, total }
}

function mountRoster() {
  return mount(RosterPage, { global: { plugins }, attachTo: document.body })
}

beforeEach(() => {
  listPeople.mockReset()
})
afterEach(() => {
  document.body.innerHTML = ''
  vi.useRealTimers()
})

/** Picks `label` in the filter select with test id `id` (its options open in a popper on body). */
async function pick(w: ReturnType<typeof mountRoster>, id: string, label: string) {
  await w.get(`[data-testid=${id}] .el-select__wrapper`).trigger('click')
  await settle()
  const option = [...document.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find(
    (o) => o.textContent?.trim() === label,
  )
  if (!option) throw new Error(`no option ${label} in ${id}`)
  option.click()
  await settle()
}

describe('RosterPage', () => {
  it('filters by 联系人, 党支部 and a working list in the core, shows 联系人, and exports the chosen list', async () => {
    listPeople.mockResolvedValue(page([row(1, '张三丰', { liaison: '李娜' })], 1))
    vi.mocked(api.exportList).mockResolvedValue('/tmp/丧偶人员清单.xlsx')
    const w = mountRoster()
    await settle()
    expect(w.get('[data-testid=roster-table]').text()).toContain('李娜')
    expect(w.find('[data-testid=export-list]').exists()).toBe(false)

    await pick(w, 'filter-liaison', '李娜')
    await pick(w, 'filter-branch', '离退休第二党支部')
    await pick(w, 'filter-list', '丧偶')
    const q = listPeople.mock.calls[listPeople.mock.calls.length - 1][0]
    expect(q).toMatchObject({ liaison: '李娜', party_branch: '离退休第二党支部', list: 'widowed', offset: 0 })

    await w.get('[data-testid=export-list]').trigger('click')
    await settle()
    expect(api.exportList).toHaveBeenCalledWith('widowed', true)
    w.unmount()
  })

  it('renders the rows of the first page with the total and formatted dates', async () => {
    listPeople.mockResolvedValue(page([row(1, '张三丰'), row(2, '覃秀英', { sex: 'female', birth: '1938-02' })], 812))
    const w = mountRoster()
    await settle()

    const q = listPeople.mock.calls[0][0]
    expect(q).toMatchObject({ search: '', status: 'living', offset: 0, limit: 50 })
    expect(w.get('[data-testid=roster-total]').text()).toBe('共 812 人')
    const table = w.get('[data-testid=roster-table]')
    expect(table.text()).toContain('张三丰')
    expect(table.text()).toContain('覃秀英')
    expect(table.text()).toContain('1938.02')
    expect(table.text()).toContain('110105********0011')
    expect(w.find('[data-testid=empty-hint]').exists()).toBe(false)
    w.unmount()
  })

  it('shows the empty-ledger hint when nobody is on the roster at all', async () => {
    listPeople.mockResolvedValue(page([], 0))
    const w = mountRoster()
    await settle()
    const hint = w.get('[data-testid=empty-hint]').text()
    expect(hint).toContain('台账中还没有人员')
    expect(hint).toContain('导入花名册')
    w.unmount()
  })

  it('shows the search hint when the ledger has people but none match', async () => {
    listPeople.mockImplementation(async (q: PeopleQuery) =>
      q.search === 'zzz' ? page([], 0) : page([row(1, '张三丰')], q.status === 'all' ? 5 : 1),
    )
    const w = mountRoster()
    await settle()
    vi.useFakeTimers()
    await w.get('[data-testid=search-input] input').setValue('zzz')
    vi.advanceTimersByTime(50)
    expect(listPeople).toHaveBeenCalledTimes(1) // still waiting for the clerk to stop typing
    vi.advanceTimersByTime(200)
    vi.useRealTimers()
    await settle()
    expect(listPeople.mock.calls[1][0]).toMatchObject({ search: 'zzz', offset: 0 })
    expect(w.get('[data-testid=empty-hint]').text()).toContain('没有找到符合条件的人员')
    expect(w.get('[data-testid=roster-total]').text()).toBe('共 0 人')
    w.unmount()
  })

  it('reveals the full ID number and phone of one row on 显示', async () => {
    listPeople.mockResolvedValue(page([row(7, '张三丰')]))
    vi.mocked(api.revealContact).mockResolvedValue({ id_number: '110105194912310011', phone: '13812345678', address: '', emergency_phone: '' })
    const w = mountRoster()
    await settle()
    const link = w.findAll('.reveal').find((l) => l.text() === '显示')
    expect(link).toBeDefined()
    await link!.trigger('click')
    await settle()
    expect(api.revealContact).toHaveBeenCalledWith(7)
    const text = w.get('[data-testid=roster-table]').text()
    expect(text).toContain('110105194912310011')
    expect(text).toContain('13812345678')
    w.unmount()
  })

  it('marks the deceased instead of showing an age', async () => {
    listPeople.mockResolvedValue(page([row(3, '李四', { died_on: '2025-01-02', age: null })]))
    const w = mountRoster()
    await settle()
    expect(w.get('[data-testid=roster-table]').text()).toContain('已故')
    w.unmount()
  })
  it('导出花名册 runs through the export runner: button busy while writing, then the saved path', async () => {
    listPeople.mockResolvedValue(page([row(1, '张三丰')]))
    let finish: (path: string | null) => void = () => {}
    vi.mocked(api.exportRoster).mockReset().mockReturnValue(new Promise((resolve) => (finish = resolve)))
    const success = vi.spyOn(ElMessage, 'success')
    const w = mountRoster()
    await settle()
    await w.get('[data-testid=export-roster]').trigger('click')
    await settle()
    expect(api.exportRoster).toHaveBeenCalledTimes(1)
    expect(w.get('[data-testid=export-roster]').classes()).toContain('is-loading')
    finish('/home/clerk/花名册.xlsx')
    await settle()
    expect(success).toHaveBeenCalledWith('已导出到 /home/clerk/花名册.xlsx')
    expect(w.get('[data-testid=export-roster]').classes()).not.toContain('is-loading')
    success.mockRestore()
    w.unmount()
  })
})
