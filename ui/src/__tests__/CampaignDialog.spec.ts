import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { CampaignInput } from '../api'
import { plugins, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return {
    ...original,
    api: {
      listPeople: vi.fn(async () => ({ rows: [], total: 0 })),
      listBranches: vi.fn(async () => ['第一支部']),
      campaignDefaults: vi.fn(),
      campaignTargetsMatching: vi.fn(),
      createCampaign: vi.fn(),
    },
  }
})

import { api } from '../api'
import CampaignDialog from '../components/CampaignDialog.vue'

beforeEach(() => {
  vi.mocked(api.campaignDefaults).mockImplementation(async (festival, year) => ({
    name: festival === 'other' ? '' : `${year}年重阳节慰问`,
    date: festival === 'other' ? null : `${year}-10-18`,
  }))
  vi.mocked(api.campaignTargetsMatching).mockResolvedValue([1, 2, 3])
  vi.mocked(api.createCampaign).mockReset()
})
afterEach(() => {
  document.body.innerHTML = ''
})

async function openDialog() {
  const w = mount(CampaignDialog, {
    props: { open: false, today: '2026-09-01' },
    global: { plugins },
    attachTo: document.body,
  })
  await w.setProps({ open: true })
  await settle(5)
  return w
}

const saveButton = () => document.querySelector<HTMLButtonElement>('[data-testid=campaign-save]')!

describe('CampaignDialog', () => {
  it('proposes the festival’s name and day, previews the list and creates it', async () => {
    vi.mocked(api.createCampaign).mockImplementation(async (input: CampaignInput) => ({
      id: 9,
      name: input.name,
      festival: input.festival,
      year: input.year,
      date: input.date,
      notes: input.notes,
      created_at: '',
      updated_at: '',
    }))
    const w = await openDialog()
    expect(document.querySelector<HTMLInputElement>('[data-testid=campaign-name] input')!.value).toBe('2026年重阳节慰问')
    expect(document.querySelector('[data-testid=campaign-preview]')!.textContent).toContain('将列入 3 人')
    saveButton().click()
    await settle()
    expect(api.createCampaign).toHaveBeenCalledWith(
      expect.objectContaining({ name: '2026年重阳节慰问', festival: 'double_ninth', year: 2026, date: '2026-10-18', targets: [1, 2, 3] }),
    )
    expect(w.emitted('created')).toHaveLength(1)
    w.unmount()
  })

  it('asks for a name for 其他 before asking the core, and shows the core’s refusal in the dialog', async () => {
    const w = await openDialog()
    const other = document.querySelector<HTMLElement>('[data-testid=festival-other] input, [data-testid=festival-other]')!
    other.click()
    await settle(5)
    saveButton().click()
    await settle()
    expect(api.createCampaign).not.toHaveBeenCalled()
    expect(document.querySelector('[data-testid=campaign-error]')!.textContent).toContain('请填写活动名称')

    vi.mocked(api.createCampaign).mockRejectedValue({ kind: 'invalid', message: '已有同名的慰问活动“国庆慰问”，请换个名称。' })
    const name = document.querySelector<HTMLInputElement>('[data-testid=campaign-name] input')!
    name.value = '国庆慰问'
    name.dispatchEvent(new Event('input'))
    await settle()
    saveButton().click()
    await settle()
    expect(document.querySelector('[data-testid=campaign-error]')!.textContent).toContain('已有同名的慰问活动')
    expect(w.emitted('created')).toBeUndefined()
    w.unmount()
  })
})
