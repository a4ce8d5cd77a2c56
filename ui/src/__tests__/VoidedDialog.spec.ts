import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { VoidedRecord } from '../api'
import { plugins, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return {
    ...original,
    api: {
      pageVoided: vi.fn(),
      restoreVoided: vi.fn(),
    },
  }
})

import { api } from '../api'
import VoidedDialog from '../components/VoidedDialog.vue'

afterEach(() => {
  document.body.innerHTML = ''
  vi.mocked(api.pageVoided).mockReset()
  vi.mocked(api.restoreVoided).mockReset()
})

const record = (id: number, name: string, reason: string): VoidedRecord => ({
  id,
  person_name: name,
  date: '2026-10-01',
  what: '生日 · 500.00元',
  voided_at: '2026-11-21T10:01:00',
  void_reason: reason,
})

const body = () => document.body

async function openDialog() {
  const w = mount(VoidedDialog, { props: { ledger: 'visits' }, global: { plugins }, attachTo: document.body })
  ;(body().querySelector('[data-testid=voided-open]') as HTMLElement).click()
  await settle()
  return w
}

/** Types a reason into the open prompt and presses its confirm button. */
async function answerPrompt(reason: string) {
  await settle()
  const box = body().querySelector('.el-message-box')!
  expect(box.textContent).toContain('请填写恢复原因')
  const input = box.querySelector('input')!
  input.value = reason
  input.dispatchEvent(new Event('input'))
  await settle()
  ;(box.querySelector('.el-message-box__btns .el-button--primary') as HTMLElement).click()
  await settle(6)
}

describe('VoidedDialog', () => {
  it('lists the ledger’s voided records, restores one with a reason and tells the page to reload', async () => {
    vi.mocked(api.pageVoided)
      .mockResolvedValueOnce({ rows: [record(7, '张三', '录入错误'), record(5, '李四', '重复录入')], total: 2, totals: {} })
      .mockResolvedValueOnce({ rows: [record(5, '李四', '重复录入')], total: 1, totals: {} })
    vi.mocked(api.restoreVoided).mockResolvedValue(undefined)
    const w = await openDialog()

    expect(vi.mocked(api.pageVoided).mock.calls[0][0]).toMatchObject({ filter: { ledger: 'visits' }, offset: 0 })
    const table = body().querySelector('[data-testid=voided-table]')!
    expect(table.textContent).toContain('张三')
    expect(table.textContent).toContain('生日 · 500.00元')
    expect(table.textContent).toContain('2026.10.01')
    expect(table.textContent).toContain('2026-11-21 10:01')
    expect(table.textContent).toContain('录入错误')
    expect(body().querySelector('[data-testid=voided-total]')!.textContent).toContain('共 2 条')

    ;(body().querySelectorAll('[data-testid=voided-restore]')[0] as HTMLElement).click()
    await answerPrompt('误作废')

    expect(api.restoreVoided).toHaveBeenCalledWith('visits', 7, '误作废')
    expect(w.emitted('restored')).toHaveLength(1)
    expect(body().querySelector('[data-testid=voided-table]')!.textContent).not.toContain('张三')
    expect(body().querySelector('[data-testid=voided-total]')!.textContent).toContain('共 1 条')
  })

  it('shows the core’s refusal and keeps the record listed', async () => {
    vi.mocked(api.pageVoided).mockResolvedValue({ rows: [record(7, '张三', '录入错误')], total: 1, totals: {} })
    vi.mocked(api.restoreVoided).mockRejectedValue({
      kind: 'invalid',
      message: '不能恢复：日期：该同志已于2026年9月15日去世，走访日期不能在此之后，请核对。请改为重新录入一条正确的记录。',
    })
    const w = await openDialog()
    ;(body().querySelector('[data-testid=voided-restore]') as HTMLElement).click()
    await answerPrompt('误作废')

    expect(body().textContent).toContain('不能恢复：')
    expect(w.emitted('restored')).toBeUndefined()
    expect(body().querySelector('[data-testid=voided-table]')!.textContent).toContain('张三')
  })
})
