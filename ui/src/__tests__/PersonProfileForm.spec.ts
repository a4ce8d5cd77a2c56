import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { Profile } from '../api'
import { emptyProfile, profileChanged } from '../lib/profile'
import { plugins, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return { ...original, api: { getProfile: vi.fn(), saveProfile: vi.fn() } }
})

import { api } from '../api'
import PersonProfileForm from '../components/PersonProfileForm.vue'

const stored: Profile = {
  marital_status: 'widowed',
  illnesses: '高血压',
  hobbies: '',
  needs: '',
  hardship: '',
  has_hardship: false,
  pension_socialized: true,
  local_medical_insurance: false,
  party_transferred: false,
  file_transferred: false,
  managed_elsewhere: false,
}

describe('profileChanged', () => {
  const cases: [string, Partial<Profile>, boolean][] = [
    ['nothing edited', {}, false],
    ['only surrounding spaces', { illnesses: ' 高血压 ' }, false],
    ['marital status', { marital_status: 'married' }, true],
    ['marital status cleared', { marital_status: null }, true],
    ['hardship flag', { has_hardship: true }, true],
    ['a management flag set', { managed_elsewhere: true }, true],
    ['a management flag cleared', { pension_socialized: false }, true],
    ['needs text', { needs: '理发' }, true],
  ]
  for (const [what, edit, want] of cases) {
    it(what, () => expect(profileChanged(stored, { ...stored, ...edit })).toBe(want))
  }
  it('an empty profile is unchanged from itself', () => expect(profileChanged(emptyProfile(), emptyProfile())).toBe(false))
})

/** The input or textarea a test id names (Element Plus puts the id on the control or around it). */
function control(w: { element: Element }, id: string): HTMLInputElement {
  const el = w.element.querySelector(`[data-testid=${id}]`)
  if (!el) throw new Error(`no ${id}`)
  const inner = el.matches('input, textarea') ? el : el.querySelector('input, textarea')
  if (!inner) throw new Error(`no control under ${id}`)
  return inner as HTMLInputElement
}

async function typeInto(w: { element: Element }, id: string, value: string) {
  const el = control(w, id)
  el.value = value
  el.dispatchEvent(new Event('input'))
  await settle(1)
}

describe('PersonProfileForm', () => {
  it('loads the profile, saves only an edit, and shows what the core stored', async () => {
    vi.mocked(api.getProfile).mockResolvedValue({ ...stored })
    vi.mocked(api.saveProfile).mockImplementation(async (_id, p) => ({ ...p, hobbies: p.hobbies.trim() }))
    const w = mount(PersonProfileForm, { props: { personId: 7 }, global: { plugins }, attachTo: document.body })
    await settle()
    expect(api.getProfile).toHaveBeenCalledWith(7)
    const button = () => w.get('[data-testid=save-profile]')
    expect(button().attributes('disabled')).toBeDefined()
    expect(control(w, 'profile-illnesses').value).toBe('高血压')

    await typeInto(w, 'profile-hobbies', ' 书法 ')
    control(w, 'profile-has-hardship').click()
    expect(control(w, 'profile-pension_socialized').checked).toBe(true)
    control(w, 'profile-file_transferred').click()
    await settle(1)
    expect(button().attributes('disabled')).toBeUndefined()
    await button().trigger('click')
    await settle()
    expect(api.saveProfile).toHaveBeenCalledWith(7, { ...stored, hobbies: ' 书法 ', has_hardship: true, file_transferred: true })
    expect(control(w, 'profile-hobbies').value).toBe('书法')
    expect(button().attributes('disabled')).toBeDefined()
    w.unmount()
  })
})
