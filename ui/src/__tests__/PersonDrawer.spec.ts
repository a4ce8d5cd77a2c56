import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { PERSON_FORM, type PersonFields, type PersonInput, type Validation } from '../api'
import { fields, plugins, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return {
    ...original,
    api: {
      getPerson: vi.fn(),
      hasDeathRecord: vi.fn(async () => true),
      validatePerson: vi.fn(),
      checkDate: vi.fn(),
      createPerson: vi.fn(),
      updatePerson: vi.fn(),
      voidPerson: vi.fn(),
      personAudit: vi.fn(),
      revealContact: vi.fn(),
      revealFamily: vi.fn(),
      getProfile: vi.fn(async () => ({
        marital_status: null,
        illnesses: '',
        hobbies: '',
        needs: '',
        hardship: '',
        has_hardship: false,
        pension_socialized: false,
        local_medical_insurance: false,
        party_transferred: false,
        file_transferred: false,
        managed_elsewhere: false,
      })),
    },
  }
})

import { api } from '../api'
import PersonDrawer from '../components/PersonDrawer.vue'

/** A stand-in for the core's check: an ID number 11010519491231001x yields birth and sex. */
async function fakeValidate(f: PersonFields): Promise<Validation> {
  const fromId = /^\d{6}(\d{4})(\d{2})(\d{2})\d{2}(\d)/.exec(f.id_number)
  const out: Validation = { fields: { ...f }, errors: [], warnings: [] }
  if (fromId) {
    out.fields.birth = `${fromId[1]}-${fromId[2]}-${fromId[3]}`
    out.fields.sex = Number(fromId[4]) % 2 === 1 ? 'male' : 'female'
    if (f.birth && f.birth !== out.fields.birth) {
      out.warnings.push({ field: 'birth', label: '出生年月', message: '出生年月与身份证号码不一致' })
    }
  }
  if (!f.name.trim()) out.errors.push({ field: 'name', label: '姓名', message: '姓名不能为空' })
  return out
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

function input(testid: string): HTMLInputElement {
  const el = document.querySelector<HTMLInputElement>(`[data-testid=${testid}] input`)
  if (!el) throw new Error(`no input under ${testid}`)
  return el
}

function type(testid: string, text: string) {
  const el = input(testid)
  el.value = text
  el.dispatchEvent(new Event('input'))
}

async function mountDrawer(personId: number | null = null) {
  const w = mount(PersonDrawer, {
    props: { open: true, personId },
    global: { plugins },
    attachTo: document.body,
  })
  await settle()
  return w
}

beforeEach(() => {
  vi.mocked(api.validatePerson).mockReset().mockImplementation(fakeValidate)
  vi.mocked(api.createPerson).mockReset()
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('PersonDrawer', () => {
  it('lays its fields out from the core’s column table, in its order and with its labels', async () => {
    await mountDrawer()
    const labels = [...document.querySelectorAll('.person-drawer .el-form-item__label')].map((l) => l.textContent?.trim())
    const want = PERSON_FORM.filter((f) => f.section !== 'other').map((f) => f.label)
    expect(labels.slice(0, want.length)).toEqual(want)
    expect(document.querySelector('[data-testid=field-retirement-kind]')!.textContent).toContain('请选择')
  })

  it('fills birth date and sex from the ID number, then saves them', async () => {
    vi.mocked(api.createPerson).mockImplementation(async (i: PersonInput) => ({
      person: { ...i, id: 1, created_at: '', updated_at: '' },
      warnings: [],
    }))
    const w = await mountDrawer()
    expect(document.querySelector('[data-testid=person-drawer]')).not.toBeNull()

    type('field-name', '张三丰')
    type('field-id-number', '110105194912310011')
    await wait(350)
    await settle()

    expect(api.validatePerson).toHaveBeenCalled()
    expect(input('field-birth').value).toBe('1949.12.31')
    expect(document.querySelector('[data-testid=field-sex]')!.textContent).toContain('男')

    ;(document.querySelector('[data-testid=save-person]') as HTMLButtonElement).click()
    await wait(20)
    await settle()
    expect(api.createPerson).toHaveBeenCalledOnce()
    const sent = vi.mocked(api.createPerson).mock.calls[0][0]
    expect(sent).toMatchObject({ name: '张三丰', id_number: '110105194912310011', birth: '1949-12-31', sex: 'male', family: [] })
    expect(w.emitted('saved')).toHaveLength(1)
    expect(w.emitted('update:open')).toEqual([[false]])
    w.unmount()
  })

  it('never overwrites a birth date the clerk entered, and shows the mismatch as a warning', async () => {
    vi.mocked(api.getPerson).mockResolvedValue({
      ...fields({ name: '覃秀英', birth: '1950-01' }),
      id: 9,
      family: [],
      created_at: '',
      updated_at: '',
    })
    const w = await mountDrawer(9)
    expect(input('field-birth').value).toBe('1950.01')
    type('field-id-number', '110105194912310021')
    await wait(350)
    await settle()
    expect(input('field-birth').value).toBe('1950.01')
    const warning = document.querySelector('.issue-warning')
    expect(warning?.textContent).toContain('出生年月与身份证号码不一致')
    w.unmount()
  })

  it('keeps the drawer open with everything typed when the save fails', async () => {
    vi.mocked(api.createPerson).mockRejectedValue({ kind: 'invalid', message: '该身份证号码已在花名册中：张三丰' })
    const w = await mountDrawer()
    type('field-name', '张三丰')
    type('field-id-number', '110105194912310011')
    await wait(350)
    ;(document.querySelector('[data-testid=save-person]') as HTMLButtonElement).click()
    await wait(20)
    await settle()
    expect(api.createPerson).toHaveBeenCalledOnce()
    expect(w.emitted('update:open')).toBeUndefined()
    expect(w.emitted('saved')).toBeUndefined()
    expect(input('field-name').value).toBe('张三丰')
    expect(document.body.textContent).toContain('该身份证号码已在花名册中：张三丰')
    w.unmount()
  })

  it('refuses to save without a name and says so under the field', async () => {
    const w = await mountDrawer()
    type('field-id-number', '110105194912310011')
    await wait(350)
    await settle()
    ;(document.querySelector('[data-testid=save-person]') as HTMLButtonElement).click()
    await wait(20)
    await settle()
    expect(api.createPerson).not.toHaveBeenCalled()
    expect(document.querySelector('.issue-error')?.textContent).toContain('姓名不能为空')
    w.unmount()
  })

  it('shows a saved person\'s ID, phone and address masked until the logged reveal', async () => {
    vi.mocked(api.getPerson).mockResolvedValue({
      ...fields({ name: '张三', id_number: '110105********0017', phone: '138****5678', address: '北京市东城区****' }),
      id: 5,
      family: [],
      created_at: '',
      updated_at: '',
    })
    vi.mocked(api.revealContact).mockResolvedValue({
      id_number: '110105194510030017',
      phone: '13812345678',
      address: '北京市东城区和平里3号楼',
      emergency_phone: '',
    })
    const w = await mountDrawer(5)
    expect(input('field-id-number').value).toBe('110105********0017')
    expect(input('field-id-number').disabled).toBe(true)
    expect(input('field-phone').disabled).toBe(true)
    expect(api.revealContact).not.toHaveBeenCalled()
    ;(document.querySelector('[data-testid=drawer-reveal]') as HTMLButtonElement).click()
    await settle()
    expect(api.revealContact).toHaveBeenCalledWith(5)
    expect(input('field-id-number').value).toBe('110105194510030017')
    expect(input('field-id-number').disabled).toBe(false)
    expect(input('field-phone').value).toBe('13812345678')
    expect(document.querySelector('[data-testid=drawer-reveal]')).toBeNull()
    w.unmount()
  })

  it('masks family phones and addresses with the same logged reveal', async () => {
    vi.mocked(api.getPerson).mockResolvedValue({
      ...fields({ name: '张三', id_number: '110105********0017' }),
      id: 5,
      family: [
        { id: 51, name: '王秀兰', relation: '配偶', birth: null, phone: '139****4321', address: '北京市东城区****', is_survivor: false, survivor_aid: false, notes: '' },
      ],
      created_at: '',
      updated_at: '',
    })
    vi.mocked(api.revealContact).mockResolvedValue({ id_number: '110105194510030017', phone: '', address: '', emergency_phone: '' })
    vi.mocked(api.revealFamily).mockResolvedValue([{ id: 51, phone: '13987654321', address: '北京市东城区和平里七区5号楼' }])
    const w = await mountDrawer(5)
    const phone = () => document.querySelector<HTMLInputElement>('[data-testid=family-phone] input, input[data-testid=family-phone]')!
    const address = () => document.querySelector<HTMLInputElement>('[data-testid=family-address] input, input[data-testid=family-address]')!
    expect(phone().value).toBe('139****4321')
    expect(phone().disabled).toBe(true)
    expect(address().disabled).toBe(true)
    expect(api.revealFamily).not.toHaveBeenCalled()
    ;(document.querySelector('[data-testid=drawer-reveal]') as HTMLButtonElement).click()
    await settle()
    expect(api.revealFamily).toHaveBeenCalledWith(5)
    expect(phone().value).toBe('13987654321')
    expect(address().value).toBe('北京市东城区和平里七区5号楼')
    expect(phone().disabled).toBe(false)
    // Seeing the values is not a change: closing asks nothing.
    expect(document.body.textContent).not.toContain('未保存')
    w.unmount()
  })
})
