import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { DeathInput, FamilyMember } from '../api'
import { plugins, settle } from './helpers'
import { emptyVisit } from '../lib/visit'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return {
    ...original,
    api: {
      listPeople: vi.fn(async () => ({ rows: [], total: 0 })),
      getPerson: vi.fn(),
      proposedSurvivors: vi.fn(),
      recordDeath: vi.fn(),
      mustVisitReasons: vi.fn(async () => []),
      listSurvivors: vi.fn(async () => []),
      validateVisit: vi.fn(async (input) => ({ input, errors: [] })),
    },
  }
})

import { api } from '../api'
import DeathDialog from '../components/DeathDialog.vue'

const member = (id: number, name: string, relation: string): FamilyMember => ({
  id,
  name,
  relation,
  birth: null,
  phone: '',
  address: '',
  is_survivor: false,
  survivor_aid: false,
  notes: '',
}) as FamilyMember

beforeEach(() => {
  vi.mocked(api.getPerson).mockResolvedValue({
    id: 7,
    name: '张三丰',
    family: [member(71, '王秀兰', '配偶'), member(72, '张小明', '子')],
  } as never)
  vi.mocked(api.proposedSurvivors).mockResolvedValue([member(71, '王秀兰', '配偶')])
  vi.mocked(api.recordDeath).mockReset()
})
afterEach(() => {
  document.body.innerHTML = ''
})

async function openDialog() {
  const w = mount(DeathDialog, {
    props: { open: false, today: '2026-11-21', personId: 7, personName: '张三丰', diedOn: '2026-11-20' },
    global: { plugins },
    attachTo: document.body,
  })
  await w.setProps({ open: true })
  await settle()
  return w
}

const saveButton = () => document.querySelector<HTMLButtonElement>('[data-testid=death-save]')!

describe('DeathDialog', () => {
  it('records the death with the spouse ticked as survivor and the roster’s day, then shows the outcome', async () => {
    vi.mocked(api.recordDeath).mockResolvedValue({
      death_id: 3,
      survivors: [{ ...member(71, '王秀兰', '配偶'), is_survivor: true }],
      left_campaigns: ['2026年重阳节慰问'],
      proposed_visit: { ...emptyVisit('2026-11-20', 'condolence'), person_id: 7 },
    } as never)
    const w = await openDialog()
    expect(document.body.textContent).toContain('登记去世：张三丰')
    expect(document.querySelector('[data-testid=death-survivors]')!.textContent).toContain('张小明')
    saveButton().click()
    await settle()
    const sent = vi.mocked(api.recordDeath).mock.calls[0][0] as DeathInput
    expect(sent).toMatchObject({ person_id: 7, died_on: '2026-11-20', survivors: [71], recipient: '王秀兰' })
    expect(w.emitted('recorded')).toHaveLength(1)
    expect(document.querySelector('[data-testid=death-outcome-survivors]')!.textContent).toContain('王秀兰（配偶）')
    expect(document.querySelector('[data-testid=death-outcome]')!.textContent).toContain('2026年重阳节慰问')
    w.unmount()
  })

  it('shows the core’s refusal in the dialog and keeps the form', async () => {
    vi.mocked(api.recordDeath).mockRejectedValue({ kind: 'invalid', message: '去世日期不能早于出生日期，请核对后再保存。' })
    const w = await openDialog()
    saveButton().click()
    await settle()
    expect(document.querySelector('[data-testid=death-error]')!.textContent).toContain('去世日期不能早于出生日期')
    expect(document.querySelector('[data-testid=death-outcome]')).toBeNull()
    expect(w.emitted('recorded')).toBeUndefined()
    // A new opening starts afresh: no message from the last one.
    await w.setProps({ open: false })
    await w.setProps({ open: true })
    await settle()
    expect(document.querySelector('[data-testid=death-error]')).toBeNull()
    w.unmount()
  })
})
