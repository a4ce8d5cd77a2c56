import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { AppInfo } from '../api'
import { plugins, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return { ...original, api: { unlockLedger: vi.fn() } }
})

import { api } from '../api'
import UnlockStep from '../components/UnlockStep.vue'

const info: AppInfo = {
  version: '0.1.0',
  db_path: '/home/clerk/ledger.db',
  first_run: false,
  unit_name: '示范市审计局',
  people_count: 300,
  today: '2026-03-01',
}

const WRONG = '密码不正确，无法打开台账 /home/clerk/ledger.db（也可能这不是台账文件）。请检查大小写和输入法后重新输入。'

afterEach(() => {
  document.body.innerHTML = ''
})

describe('UnlockStep', () => {
  it('asks for a password, says plainly when it is wrong, then opens with the right one', async () => {
    const w = mount(UnlockStep, {
      props: { message: '台账文件 /home/clerk/ledger.db 已加密，需要输入密码才能打开。' },
      global: { plugins },
      attachTo: document.body,
    })
    expect(w.text()).toContain('无法找回')
    await w.get('[data-testid=unlock-submit]').trigger('click')
    await settle()
    expect(api.unlockLedger).not.toHaveBeenCalled()
    expect(w.get('[data-testid=unlock-error]').text()).toContain('请输入台账密码')

    vi.mocked(api.unlockLedger).mockRejectedValueOnce({ kind: 'locked', message: WRONG })
    const input = w.get('[data-testid=unlock-password] input')
    await input.setValue('wrong-one')
    await w.get('[data-testid=unlock-submit]').trigger('click')
    await settle()
    expect(api.unlockLedger).toHaveBeenLastCalledWith('wrong-one')
    expect(w.get('[data-testid=unlock-error]').text()).toBe(WRONG)
    expect((input.element as HTMLInputElement).value).toBe('')
    expect(w.emitted('done')).toBeUndefined()

    vi.mocked(api.unlockLedger).mockResolvedValueOnce(info)
    await input.setValue('right-one')
    await input.trigger('keyup', { key: 'Enter' })
    await settle()
    expect(api.unlockLedger).toHaveBeenLastCalledWith('right-one')
    expect(w.emitted('done')).toEqual([[info]])
    w.unmount()
  })
})
