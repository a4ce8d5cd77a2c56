import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { AppInfo } from '../api'
import { plugins, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return { ...original, api: { setupLedger: vi.fn() } }
})

import { api } from '../api'
import WelcomeStep from '../components/WelcomeStep.vue'

const info: AppInfo = {
  version: '0.1.0',
  db_path: '/home/clerk/ledger.db',
  first_run: false,
  unit_name: '示范市审计局',
  people_count: 300,
  today: '2026-03-01',
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('WelcomeStep', () => {
  it('asks for the unit name before anything is created', async () => {
    const w = mount(WelcomeStep, { global: { plugins }, attachTo: document.body })
    await w.get('[data-testid=welcome-start]').trigger('click')
    await settle()
    expect(api.setupLedger).not.toHaveBeenCalled()
    expect(w.text()).toContain('请填写单位名称')
    w.unmount()
  })

  it('sets up the ledger with demo data when chosen', async () => {
    vi.mocked(api.setupLedger).mockResolvedValue(info)
    const w = mount(WelcomeStep, { global: { plugins }, attachTo: document.body })
    await w.get('[data-testid=welcome-unit-name] input').setValue('  示范市审计局 ')
    await w.get('[data-testid=welcome-demo]').trigger('click')
    await w.get('[data-testid=welcome-start]').trigger('click')
    await settle()
    expect(api.setupLedger).toHaveBeenCalledWith('示范市审计局', true)
    expect(w.emitted('done')).toEqual([[info]])
    w.unmount()
  })
})
