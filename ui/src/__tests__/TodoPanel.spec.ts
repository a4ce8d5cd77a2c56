import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { AppInfo, Reminder, ReminderGroup } from '../api'
import { plugins, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return { ...original, api: { reminderGroups: vi.fn(), dismissReminder: vi.fn() } }
})

import { api } from '../api'
import TodoPanel from '../components/TodoPanel.vue'

const info: AppInfo = {
  version: '0.1.0',
  db_path: '/tmp/ledger.db',
  first_run: false,
  unit_name: '示范市审计局',
  people_count: 3,
  today: '2026-12-03',
}

function contact(id: number): Reminder {
  return {
    kind: 'care_contact',
    key: `care_contact:${id}`,
    person_id: id,
    name: `联系${id}`,
    due: '2026-12-10',
    overdue: id === 1,
    message: '高龄，每30天至少联系一次',
    liaison: '王联络',
    action: '登记联系',
    fulfil: { record: 'visit', kind: 'phone', reason: '电话问候', hospital_stay_id: null, survivor_id: null },
    dismiss_until: null,
  }
}

function group(total: number, first: number): ReminderGroup {
  const items = Array.from({ length: Math.min(total, first) }, (_, i) => contact(i + 1))
  return { kind: 'care_contact', total, overdue: 1, items }
}

describe('TodoPanel', () => {
  it('shows each group with the core counts and asks for more lines of one kind only', async () => {
    vi.mocked(api.reminderGroups).mockResolvedValueOnce([group(120, 8)])
    const w = mount(TodoPanel, { props: { info }, global: { plugins } })
    await settle()
    expect(api.reminderGroups).toHaveBeenCalledWith({ on: '2026-12-03', days: 30, kinds: [], liaison: null }, 8)
    expect(w.get('[data-testid="todo-summary"]').text()).toContain('逾期 1 项，30天内到期 119 项')
    const g = w.get('[data-testid="todo-group-care_contact"]')
    expect(g.text()).toContain('一对一联系')
    expect(g.text()).toContain('120')
    // A closed group's lines are not built; opening it shows them.
    expect(w.findAll('[data-testid="todo-line-care_contact"]')).toHaveLength(0)
    await g.get('.el-collapse-item__header').trigger('click')
    await settle()
    expect(w.findAll('[data-testid="todo-line-care_contact"]')).toHaveLength(8)
    expect(g.text()).toContain('还有 112 项，显示更多')

    vi.mocked(api.reminderGroups).mockResolvedValueOnce([group(120, 58)])
    const more = g.findAll('button').find((b) => b.text().includes('显示更多'))!
    await more.trigger('click')
    await settle()
    expect(api.reminderGroups).toHaveBeenLastCalledWith(
      { on: '2026-12-03', days: 30, kinds: ['care_contact'], liaison: null },
      58,
    )
    expect(w.findAll('[data-testid="todo-line-care_contact"]')).toHaveLength(58)
    expect(w.text()).toContain('还有 62 项，显示更多')
  })

  it('says plainly when nothing is due', async () => {
    vi.mocked(api.reminderGroups).mockResolvedValueOnce([])
    const w = mount(TodoPanel, { props: { info }, global: { plugins } })
    await settle()
    expect(w.text()).toContain('眼下没有需要办理的事项')
  })
})

describe('TodoPanel actions', () => {
  it('sends an election reminder to the party page on its 支部 tab', async () => {
    const election: Reminder = {
      ...contact(9),
      kind: 'election',
      key: 'election:1',
      person_id: null,
      name: '离退休干部第一党支部',
      action: '登记换届',
      fulfil: { record: 'election', branch_id: 1 },
    }
    vi.mocked(api.reminderGroups).mockResolvedValueOnce([{ kind: 'election', total: 1, overdue: 1, items: [election] }])
    const w = mount(TodoPanel, { props: { info }, global: { plugins } })
    await settle()
    await w.get('[data-testid="todo-group-election"] .el-collapse-item__header').trigger('click')
    await settle()
    await w.get('[data-testid="todo-act"]').trigger('click')
    expect(w.emitted('go')).toEqual([['party:branches']])
  })
})
