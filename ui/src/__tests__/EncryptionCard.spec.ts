import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { AppInfo } from '../api'
import { plugins, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return { ...original, api: { encryptionStatus: vi.fn(), setLedgerPassword: vi.fn() } }
})
vi.mock('element-plus', async (importOriginal) => {
  const original = await importOriginal<typeof import('element-plus')>()
  return { ...original, ElMessageBox: { confirm: vi.fn().mockResolvedValue('confirm') } }
})

import { api } from '../api'
import { ElMessageBox } from 'element-plus'
import EncryptionCard from '../components/EncryptionCard.vue'

const info: AppInfo = {
  version: '0.1.0',
  db_path: '/home/clerk/ledger.db',
  first_run: false,
  unit_name: '示范市审计局',
  people_count: 300,
  today: '2026-03-01',
}

/** The text box of an el-input carrying `data-testid` (on the box or on its wrapper). */
function box(w: ReturnType<typeof mount>, id: string) {
  const el = w.get(`[data-testid=${id}]`)
  return el.element.tagName === 'INPUT' ? el : el.get('input')
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('EncryptionCard', () => {
  it('encrypts after the warning and offers a recovery sheet without the password', async () => {
    vi.mocked(api.encryptionStatus)
      .mockResolvedValueOnce({ encrypted: false, path: info.db_path, damage: null })
      .mockResolvedValue({ encrypted: true, path: info.db_path, damage: null })
    vi.mocked(api.setLedgerPassword).mockResolvedValue({ backup: '/b.db', encrypted: true, people: 300 })
    const w = mount(EncryptionCard, { props: { info }, global: { plugins }, attachTo: document.body })
    await settle()
    expect(w.text()).toContain('无法找回')
    expect(w.get('[data-testid=encryption-state]').text()).toBe('未加密')

    await w.get('[data-testid=encrypt-start]').trigger('click')
    await box(w, 'crypt-new').setValue('secret-1')
    await box(w, 'crypt-again').setValue('secret-2')
    await w.get('[data-testid=crypt-submit]').trigger('click')
    await settle()
    expect(api.setLedgerPassword).not.toHaveBeenCalled()
    expect(w.get('[data-testid=crypt-error]').text()).toContain('不一致')

    await box(w, 'crypt-again').setValue('secret-1')
    await w.get('[data-testid=crypt-submit]').trigger('click')
    await settle()
    expect(ElMessageBox.confirm).toHaveBeenCalled()
    expect(vi.mocked(ElMessageBox.confirm).mock.calls[0][0]).toContain('无法找回')
    expect(api.setLedgerPassword).toHaveBeenCalledWith('', 'secret-1')
    expect(w.get('[data-testid=encryption-state]').text()).toBe('已加密')

    // The recovery sheet: unit, file, date, and a blank where the password is written by hand.
    const sheet = document.querySelector('[data-testid=recovery-sheet-page]') as HTMLElement
    expect(sheet.textContent).toContain('示范市审计局')
    expect(sheet.textContent).toContain('/home/clerk/ledger.db')
    expect(sheet.textContent).toContain('2026-03-01')
    expect(sheet.textContent).not.toContain('secret-1')
    expect(document.querySelector('[data-testid=sheet-password]')).toBeNull()
    w.unmount()
  })
})
