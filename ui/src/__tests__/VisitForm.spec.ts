import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { SurvivorRow, VisitInput } from '../api'
import { plugins, row, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return {
    ...original,
    api: {
      listPeople: vi.fn(),
      mustVisitReasons: vi.fn(),
      listSurvivors: vi.fn(),
      validateVisit: vi.fn(),
      createVisit: vi.fn(),
      updateVisit: vi.fn(),
    },
  }
})

import { api } from '../api'
import VisitForm from '../components/VisitForm.vue'
import { emptyVisit } from '../lib/visit'

const survivor = (id: number, person: number, name: string): SurvivorRow => ({
  family_member_id: id,
  person_id: person,
  deceased_name: '李四',
  died_on: '2026-03-01',
  name,
  relation: '配偶',
  birth: '1948-02',
  phone_masked: '138****1111',
  address_masked: '',
  survivor_aid: true,
})

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

beforeEach(() => {
  vi.mocked(api.listPeople).mockResolvedValue({ rows: [row(1, '张三'), row(2, '李四', { died_on: '2026-03-01' })], total: 2 })
  vi.mocked(api.mustVisitReasons).mockResolvedValue(['生病', '住院', '家庭发生纠纷', '邻里出现矛盾', '思想出现问题'])
  vi.mocked(api.listSurvivors).mockResolvedValue([survivor(21, 2, '王秀兰'), survivor(22, 9, '赵桂芳')])
  vi.mocked(api.validateVisit).mockReset().mockImplementation(async (input: VisitInput) => ({
    input,
    errors:
      input.kind === 'survivor' && input.survivor_id === null
        ? [{ field: 'survivor_id', label: '遗属', message: '遗属慰问请选择慰问的是哪位遗属。' }]
        : [],
  }))
  vi.mocked(api.createVisit).mockReset()
})
afterEach(() => {
  document.body.innerHTML = ''
})

async function mountForm(preset: VisitInput | null = null) {
  const w = mount(VisitForm, {
    props: { open: true, today: '2026-11-21', preset, presetName: preset ? '李四' : '' },
    global: { plugins },
    attachTo: document.body,
  })
  await settle()
  return w
}

describe('VisitForm', () => {
  it('shows the survivor picker only for 遗属慰问 (and 吊唁)', async () => {
    const w = await mountForm()
    expect(document.querySelector('[data-testid=visit-survivor]')).toBeNull()
    expect(document.body.textContent).toContain('老同志身体状况')

    await w.setProps({ preset: { ...emptyVisit('2026-11-21', 'survivor'), person_id: 2 } })
    await w.setProps({ open: false })
    await w.setProps({ open: true })
    await settle()
    expect(document.querySelector('[data-testid=visit-survivor]')).not.toBeNull()
    // The only survivor of 李四 is chosen for the clerk; 赵桂芳 belongs to someone else.
    await wait(350)
    await settle()
    const sent = vi.mocked(api.validateVisit).mock.calls.at(-1)![0]
    expect(sent.survivor_id).toBe(21)
    w.unmount()
  })

  it('offers the person’s liaison as 走访人 until the clerk types someone else', async () => {
    const w = await mountForm()
    const picker = w.findComponent({ name: 'PersonSelect' })
    picker.vm.$emit('picked', [row(1, '张三', { liaison: '王小明' })])
    await settle()
    const madeBy = () => (document.querySelector('input[data-testid=visit-made-by], [data-testid=visit-made-by] input') as HTMLInputElement).value
    expect(madeBy()).toBe('王小明')
    picker.vm.$emit('picked', [row(3, '赵六', { liaison: '李红' })])
    await settle()
    expect(madeBy()).toBe('李红')
    const input = document.querySelector('input[data-testid=visit-made-by], [data-testid=visit-made-by] input') as HTMLInputElement
    input.value = '周科长'
    input.dispatchEvent(new Event('input'))
    await settle()
    picker.vm.$emit('picked', [row(1, '张三', { liaison: '王小明' })])
    await settle()
    expect(madeBy()).toBe('周科长')
  })

  it('offers the unit’s 五必访 reasons as a list for 五必访', async () => {
    const w = await mountForm({ ...emptyVisit('2026-11-21', 'must_visit'), person_id: 1 })
    expect(document.querySelector('[data-testid=visit-reason]')).not.toBeNull()
    w.unmount()
  })

  it('refuses to save with the core’s message under the field', async () => {
    vi.mocked(api.listSurvivors).mockResolvedValue([])
    const w = await mountForm({ ...emptyVisit('2026-11-21', 'survivor'), person_id: 2 })
    ;(document.querySelector('[data-testid=visit-save]') as HTMLButtonElement).click()
    await wait(20)
    await settle()
    expect(api.createVisit).not.toHaveBeenCalled()
    expect(document.querySelector('.issue-error')?.textContent).toContain('遗属慰问请选择慰问的是哪位遗属')
    // The refusal stays in the dialog, naming what to correct.
    expect(document.querySelector('[data-testid=visit-error]')?.textContent).toContain('请先改正标红的项目：遗属')
    w.unmount()
  })

  it('saves the money typed in yuan as fen', async () => {
    vi.mocked(api.createVisit).mockImplementation(async (input: VisitInput) => ({
      ...input,
      id: 5,
      person_name: '张三',
      person_sex: 'male',
      person_birth: null,
      retirement_kind: 'lixiu',
      survivor_name: null,
      created_at: '',
      updated_at: '',
    }))
    const w = await mountForm({ ...emptyVisit('2026-11-21', 'routine'), person_id: 1 })
    const money = document.querySelector<HTMLInputElement>('[data-testid=visit-amount] input')!
    money.value = '1,200.05'
    money.dispatchEvent(new Event('input'))
    await settle()
    ;(document.querySelector('[data-testid=visit-save]') as HTMLButtonElement).click()
    await wait(20)
    await settle()
    expect(api.createVisit).toHaveBeenCalledOnce()
    expect(vi.mocked(api.createVisit).mock.calls[0][0]).toMatchObject({ person_id: 1, amount: 120005, kind: 'routine' })
    expect(w.emitted('saved')).toHaveLength(1)
    w.unmount()
  })
})
