// Shared test set-up: Element Plus in Chinese, and a flush that lets promises and Vue updates settle.
import { flushPromises } from '@vue/test-utils'
import { nextTick, type Plugin } from 'vue'
import type { PersonFields, PersonRow } from '../api'
import { emptyFields } from '../lib/person'
import { elementPlus } from '../lib/elementPlus'

export const plugins: [Plugin, ...unknown[]][] = [elementPlus]

export async function settle(times = 3) {
  for (let i = 0; i < times; i++) {
    await flushPromises()
    await nextTick()
  }
}

export function row(id: number, name: string, extra: Partial<PersonRow> = {}): PersonRow {
  return {
    id,
    name,
    sex: 'male',
    birth: '1945-10-03',
    age: 80,
    id_number_masked: '110105********0011',
    phone_masked: '138****5678',
    retirement_kind: 'lixiu',
    unit_kind: 'organ',
    grade: 'bureau_full',
    former_post: '市审计局局长',
    political_status: 'cpc_member',
    party_branch: '离退休第一党支部',
    health: 'good',
    care_level: 'self_caring',
    living: 'alone',
    liaison: '王小明',
    died_on: null,
    ...extra,
  }
}

export function fields(extra: Partial<PersonFields> = {}): PersonFields {
  return { ...emptyFields(), ...extra }
}
