import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { SubsidyKind } from '../api'
import { plugins, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return {
    ...original,
    api: {
      listPeople: vi.fn(),
      committeeMembers: vi.fn(),
      listSurvivors: vi.fn(),
      issueSubsidyBatch: vi.fn(),
    },
  }
})

import { api } from '../api'
import SubsidyBatchDialog from '../components/SubsidyBatchDialog.vue'

const kinds: SubsidyKind[] = [
  { name: '困难补贴', hidden: false, in_use: true, recurring: null },
  { name: '支委工作补贴', hidden: false, in_use: true, recurring: 'quarter' },
  { name: '护理费', hidden: true, in_use: false, recurring: null },
]

afterEach(() => {
  document.body.innerHTML = ''
})

async function openDialog() {
  const w = mount(SubsidyBatchDialog, {
    props: { open: false, today: '2026-08-15', kinds },
    global: { plugins },
    attachTo: document.body,
  })
  await w.setProps({ open: true })
  await settle()
  return w
}

const body = () => document.body

describe('SubsidyBatchDialog', () => {
  it('loads the committee, issues the quarter to them, and offers 允许重复发放 when the core names who already got it', async () => {
    vi.mocked(api.committeeMembers).mockResolvedValue([
      { person_id: 1, name: '张三丰', branch: '第一支部', post: '书记' },
      { person_id: 2, name: '李四', branch: '第一支部', post: '组织委员' },
    ])
    vi.mocked(api.issueSubsidyBatch)
      .mockRejectedValueOnce({
        kind: 'invalid',
        message: '以下人员已领取过2026年第三季度的支委工作补贴：张三丰。请从名单中去掉他们；如确需再次发放，请勾选“允许重复发放”。',
      })
      .mockResolvedValueOnce({ batch_id: 4, count: 2, total: 60000 })
    const w = await openDialog()

    const amount = body().querySelector<HTMLInputElement>('input[data-testid=batch-amount], [data-testid=batch-amount] input')!
    amount.value = '300'
    amount.dispatchEvent(new Event('input'))
    ;(body().querySelector('[data-testid=batch-load-committee]') as HTMLElement).click()
    await settle()
    expect(body().querySelector('[data-testid=batch-recipients]')!.textContent).toContain('李四')
    expect(body().querySelector('[data-testid=batch-total]')!.textContent).toContain('共 2 人，合计 600.00 元')

    ;(body().querySelector('[data-testid=batch-issue]') as HTMLElement).click()
    await settle()
    const first = vi.mocked(api.issueSubsidyBatch).mock.calls[0][0]
    expect(first).toMatchObject({ kind: '支委工作补贴', period: '2026-Q3', amount: 30000, allow_repeat: false })
    expect(first.recipients.map((r) => r.person_id)).toEqual([1, 2])
    expect(body().querySelector('[data-testid=batch-errors]')!.textContent).toContain('已领取过2026年第三季度的支委工作补贴：张三丰')

    ;(body().querySelector('[data-testid=batch-allow-repeat] input') as HTMLInputElement).click()
    await settle()
    ;(body().querySelector('[data-testid=batch-issue]') as HTMLElement).click()
    await settle()
    expect(vi.mocked(api.issueSubsidyBatch).mock.calls[1][0].allow_repeat).toBe(true)
    expect(w.emitted('saved')?.[0]).toEqual([4])
    w.unmount()
  })

  it('says what is missing before asking the core', async () => {
    vi.mocked(api.issueSubsidyBatch).mockClear()
    const w = await openDialog()
    ;(body().querySelector('[data-testid=batch-issue]') as HTMLElement).click()
    await settle()
    expect(api.issueSubsidyBatch).not.toHaveBeenCalled()
    const errors = body().querySelector('[data-testid=batch-errors]')!.textContent
    expect(errors).toContain('请填写金额')
    expect(errors).toContain('请至少选择一位领取人')
    w.unmount()
  })
})
