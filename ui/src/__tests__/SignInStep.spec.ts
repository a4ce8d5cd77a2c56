import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { plugins, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return { ...original, api: { listOperators: vi.fn(), signInOperator: vi.fn() } }
})

import { api } from '../api'
import SignInStep from '../components/SignInStep.vue'
import { createIdleLock } from '../lib/idleLock'

const WRONG = '操作员“王红”的密码不对，请重新输入（注意大小写和输入法）。'

afterEach(() => {
  document.body.innerHTML = ''
  vi.useRealTimers()
})

describe('SignInStep', () => {
  it('asks for the password of an operator who has one, says when it is wrong, then signs in', async () => {
    vi.mocked(api.listOperators).mockResolvedValue([
      { id: 1, name: '王红', has_password: true },
      { id: 2, name: '李明', has_password: false },
    ])
    const w = mount(SignInStep, { props: { unitName: '示范市审计局' }, global: { plugins }, attachTo: document.body })
    await settle()
    const names = w.findAll('[data-testid=signin-op]')
    expect(names.map((n) => n.text())).toEqual(['王红', '李明'])

    await w.get('[data-testid=signin-submit]').trigger('click')
    expect(w.get('[data-testid=signin-error]').text()).toContain('请先点选您的姓名')

    await names[0].trigger('click')
    expect(w.find('[data-testid=signin-password]').exists()).toBe(true)
    await w.get('[data-testid=signin-submit]').trigger('click')
    expect(w.get('[data-testid=signin-error]').text()).toContain('请输入“王红”的密码')
    expect(api.signInOperator).not.toHaveBeenCalled()

    vi.mocked(api.signInOperator).mockRejectedValueOnce({ kind: 'invalid', message: WRONG })
    await w.get('[data-testid=signin-password] input').setValue('wh')
    await w.get('[data-testid=signin-submit]').trigger('click')
    await settle()
    expect(api.signInOperator).toHaveBeenLastCalledWith('王红', 'wh')
    expect(w.get('[data-testid=signin-error]').text()).toBe(WRONG)
    expect(w.emitted('done')).toBeUndefined()

    const session = { required: true, operator: '王红', idle_lock_minutes: 10 }
    vi.mocked(api.signInOperator).mockResolvedValueOnce(session)
    await w.get('[data-testid=signin-password] input').setValue('wh-2026')
    await w.get('[data-testid=signin-password] input').trigger('keyup', { key: 'Enter' })
    await settle()
    expect(api.signInOperator).toHaveBeenLastCalledWith('王红', 'wh-2026')
    expect(w.emitted('done')).toEqual([[session]])
  })

  it('signs in an operator without a password by the name alone', async () => {
    vi.mocked(api.listOperators).mockResolvedValue([{ id: 2, name: '李明', has_password: false }])
    vi.mocked(api.signInOperator).mockResolvedValueOnce({ required: true, operator: '李明', idle_lock_minutes: 0 })
    const w = mount(SignInStep, { global: { plugins }, attachTo: document.body })
    await settle()
    // The only operator is chosen already.
    expect(w.find('[data-testid=signin-password]').exists()).toBe(false)
    await w.get('[data-testid=signin-submit]').trigger('click')
    await settle()
    expect(api.signInOperator).toHaveBeenLastCalledWith('李明', null)
    expect(w.emitted('done')).toHaveLength(1)
  })
})

describe('idle lock', () => {
  it('locks after the minutes without activity, and activity starts the wait again', () => {
    vi.useFakeTimers()
    const target = new EventTarget()
    const onIdle = vi.fn()
    const lock = createIdleLock(onIdle, target)
    lock.start(10)
    vi.advanceTimersByTime(9 * 60_000)
    target.dispatchEvent(new Event('mousemove'))
    vi.advanceTimersByTime(9 * 60_000)
    expect(onIdle).not.toHaveBeenCalled()
    target.dispatchEvent(new Event('keydown'))
    vi.advanceTimersByTime(10 * 60_000 - 1)
    expect(onIdle).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(onIdle).toHaveBeenCalledTimes(1)
    // Locked: activity no longer matters until the next start.
    target.dispatchEvent(new Event('mousemove'))
    vi.advanceTimersByTime(60 * 60_000)
    expect(onIdle).toHaveBeenCalledTimes(1)
  })

  it('never locks with 0 minutes or once stopped', () => {
    vi.useFakeTimers()
    const onIdle = vi.fn()
    const lock = createIdleLock(onIdle, new EventTarget())
    lock.start(0)
    vi.advanceTimersByTime(24 * 60 * 60_000)
    lock.start(5)
    lock.stop()
    vi.advanceTimersByTime(24 * 60 * 60_000)
    expect(onIdle).not.toHaveBeenCalled()
  })
})
