import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { Campaign } from '../api'
import { plugins, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return { ...original, api: { campaignRecordVisits: vi.fn() } }
})

import { api } from '../api'
import CampaignVisitDialog from '../components/CampaignVisitDialog.vue'

const campaign: Campaign = {
  id: 1,
  name: '2026年重阳节慰问',
  festival: 'double_ninth',
  year: 2026,
  date: '2026-10-18',
  notes: '',
  created_at: '',
  updated_at: '',
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('CampaignVisitDialog', () => {
  it('names the people it skipped as text, never as HTML', async () => {
    // A name as a clerk might paste it from a web page: it must show as typed and run nothing.
    const name = '<img src=x onerror="window.pwned=1">李<b>四</b>'
    vi.mocked(api.campaignRecordVisits).mockResolvedValue({
      visit_ids: [11],
      skipped: [{ person_id: 2, name, reason: '已于2026年9月去世' }],
    })
    const w = mount(CampaignVisitDialog, {
      props: {
        open: true,
        campaign,
        people: [
          { person_id: 1, name: '张三' },
          { person_id: 2, name },
        ],
        today: '2026-11-21',
      },
      global: { plugins },
      attachTo: document.body,
    })
    await settle()
    ;(document.querySelector('[data-testid=campaign-visit-save]') as HTMLElement).click()
    await settle(6)
    const list = document.querySelector('[data-testid=skipped-list]')
    expect(list?.textContent).toContain(`${name}：已于2026年9月去世`)
    expect(list?.textContent).toContain('已登记 1 人的走访')
    expect(list?.querySelector('img, b')).toBeNull()
    w.unmount()
  })
})
