import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { plugins, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return {
    ...original,
    api: {
      listOperators: vi.fn(),
      operatorSession: vi.fn(),
      addOperator: vi.fn(),
      setIdleLockMinutes: vi.fn(),
    },
  }
})

import { api, IDLE_LOCK_HELP } from '../api'
import OperatorsCard from '../components/OperatorsCard.vue'

/** An Element Plus input's text box: el-input puts the test id on the native input, wrappers keep it outside. */
const box = (id: string) => `input[data-testid=${id}], [data-testid=${id}] input`

afterEach(() => {
  document.body.innerHTML = ''
})

describe('OperatorsCard', () => {
  it('adds operators with or without a password, says what is wrong, and saves the idle minutes', async () => {
    vi.mocked(api.listOperators).mockResolvedValue([])
    vi.mocked(api.operatorSession).mockResolvedValue({ required: false, operator: null, idle_lock_minutes: 10 })
    const w = mount(OperatorsCard, { global: { plugins }, attachTo: document.body })
    await settle()
    expect(w.text()).toContain('还没有操作员')
    expect(w.text()).toContain(IDLE_LOCK_HELP.help)

    await w.get('[data-testid=operator-add]').trigger('click')
    expect(w.get('[data-testid=operators-error]').text()).toContain('请填写操作员姓名')
    expect(api.addOperator).not.toHaveBeenCalled()

    vi.mocked(api.addOperator).mockResolvedValueOnce({ id: 1, name: '王红', has_password: true })
    vi.mocked(api.listOperators).mockResolvedValue([{ id: 1, name: '王红', has_password: true }])
    vi.mocked(api.operatorSession).mockResolvedValue({ required: true, operator: '王红', idle_lock_minutes: 10 })
    await w.get(box('operator-name')).setValue('王红')
    await w.get(box('operator-password')).setValue('wh-2026')
    await w.get('[data-testid=operator-add]').trigger('click')
    await settle()
    expect(api.addOperator).toHaveBeenLastCalledWith('王红', 'wh-2026')
    expect(w.get('[data-testid=operators-table]').text()).toContain('已设置')
    expect(w.get('[data-testid=operators-table]').text()).toContain('当前')
    expect((w.get(box('operator-name')).element as HTMLInputElement).value).toBe('')

    const TAKEN = '已有名为“王红”的操作员。同名的两位请加以区分，如“王红（财务）”。'
    vi.mocked(api.addOperator).mockRejectedValueOnce({ kind: 'invalid', message: TAKEN })
    await w.get(box('operator-name')).setValue('王红')
    await w.get('[data-testid=operator-add]').trigger('click')
    await settle()
    expect(api.addOperator).toHaveBeenLastCalledWith('王红', null)
    expect(w.get('[data-testid=operators-error]').text()).toBe(TAKEN)

    vi.mocked(api.setIdleLockMinutes).mockResolvedValueOnce(undefined)
    await w.get(box('idle-minutes')).setValue('0')
    await w.get(box('idle-minutes')).trigger('change')
    await w.get('[data-testid=idle-save]').trigger('click')
    await settle()
    expect(api.setIdleLockMinutes).toHaveBeenLastCalledWith(0)
  })
})
