import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { Subsidy, SubsidyKind } from '../api'
import { plugins, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return {
    ...original,
    api: {
      listPeople: vi.fn(async () => ({ rows: [], total: 0 })),
      listSurvivors: vi.fn(async () => []),
      createSubsidy: vi.fn(),
      updateSubsidy: vi.fn(),
    },
  }
})

import { api } from '../api'
import SubsidyDialog from '../components/SubsidyDialog.vue'

const kinds: SubsidyKind[] = [{ name: '困难补贴', hidden: false, in_use: true, recurring: null }]

const payment: Subsidy = {
  id: 42,
  person_id: 7,
  person_name: '张三丰',
  survivor_id: null,
  survivor_name: '',
  batch_id: null,
  kind: '困难补贴',
  period: '2026-Q3',
  amount: 120050,
  paid_on: '2026-08-15',
  method: 'cash',
  handler: '王丽',
  approver: '周建平',
  notes: '',
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('SubsidyDialog', () => {
  it('corrects an existing payment: fields filled from it, saved through updateSubsidy', async () => {
    vi.mocked(api.updateSubsidy).mockResolvedValue(payment)
    const w = mount(SubsidyDialog, {
      props: { open: false, today: '2026-11-21', kinds, editing: payment },
      global: { plugins },
      attachTo: document.body,
    })
    await w.setProps({ open: true })
    await settle()
    expect(document.body.textContent).toContain('修改发放记录')
    const amount = document.querySelector<HTMLInputElement>('[data-testid=subsidy-amount] input, input[data-testid=subsidy-amount]')!
    expect(amount.value).toBe('1200.50')
    const save = [...document.querySelectorAll<HTMLButtonElement>('.el-dialog__footer button')].find((b) =>
      b.textContent?.includes('保存'),
    )!
    save.click()
    await settle()
    expect(api.createSubsidy).not.toHaveBeenCalled()
    expect(api.updateSubsidy).toHaveBeenCalledWith(
      42,
      expect.objectContaining({ person_id: 7, kind: '困难补贴', period: '2026-Q3', amount: 120050, method: 'cash' }),
    )
    w.unmount()
  })
})
