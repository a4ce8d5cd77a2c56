import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { AppInfo, BackupInfo } from '../api'
import { plugins, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return {
    ...original,
    api: { unopenedBackups: vi.fn(), restoreUnopened: vi.fn(), openOtherLedger: vi.fn() },
  }
})

import { api } from '../api'
import OpenErrorStep from '../components/OpenErrorStep.vue'

const info: AppInfo = {
  version: '0.1.0',
  db_path: '/home/clerk/ledger.db',
  first_run: false,
  unit_name: '示范市审计局',
  people_count: 300,
  today: '2026-12-03',
}

function backup(name: string, ok: boolean): BackupInfo {
  return {
    path: `/home/clerk/backups/${name}`,
    at: '2026-12-03 09:00:00',
    reason: '每日',
    size: 4 << 20,
    contents: { people: 300, audit_entries: 6117, last_change: '2026-12-02 17:00:00', audit_last_id: 6117, audit_head: 'ab' },
    ok,
    problem: ok ? '' : '文件是空的（0 字节）',
  }
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('OpenErrorStep', () => {
  it('lists the backups, restores the chosen one by file name and goes on', async () => {
    vi.mocked(api.unopenedBackups).mockResolvedValueOnce([
      backup('ledger-20261203-090000-每日.db', true),
      backup('ledger-20261202-090000-导入前.db', false),
    ])
    vi.mocked(api.restoreUnopened).mockResolvedValueOnce(info)
    const w = mount(OpenErrorStep, {
      props: { message: '台账文件 /home/clerk/ledger.db 是空的（0 字节）。' },
      global: { plugins },
      attachTo: document.body,
    })
    expect(w.text()).toContain('0 字节')
    await w.get('[data-testid=open-restore]').trigger('click')
    await settle()
    // Only the good backup offers 恢复.
    const buttons = w.findAll('[data-testid=open-backup-restore]')
    expect(buttons).toHaveLength(1)
    expect(w.text()).toContain('不可用')
    await buttons[0].trigger('click')
    await settle()
    const confirm = [...document.querySelectorAll<HTMLButtonElement>('.el-message-box button')].find((b) =>
      b.textContent?.includes('恢复'),
    )
    confirm?.click()
    await settle()
    expect(api.restoreUnopened).toHaveBeenCalledWith('ledger-20261203-090000-每日.db')
    expect(w.emitted('retry')).toHaveLength(1)
    w.unmount()
  })

  it('shows why another file could not be picked, and goes on when one was', async () => {
    vi.mocked(api.openOtherLedger).mockRejectedValueOnce({ kind: 'invalid', message: '台账已经打开。' })
    const w = mount(OpenErrorStep, { props: { message: '无法打开' }, global: { plugins }, attachTo: document.body })
    await w.get('[data-testid=open-other]').trigger('click')
    await settle()
    expect(w.get('[data-testid=open-error-action]').text()).toBe('台账已经打开。')
    expect(w.emitted('retry')).toBeUndefined()
    vi.mocked(api.openOtherLedger).mockResolvedValueOnce(false)
    await w.get('[data-testid=open-other]').trigger('click')
    await settle()
    expect(w.emitted('retry')).toBeUndefined()
    vi.mocked(api.openOtherLedger).mockResolvedValueOnce(true)
    await w.get('[data-testid=open-other]').trigger('click')
    await settle()
    expect(w.emitted('retry')).toHaveLength(1)
    w.unmount()
  })
})
