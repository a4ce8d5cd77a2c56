// The person form's model: a `PersonInput` (fields + family), with helpers to start an empty one,
// load one from a saved `Person`, and take the plain fields out for validation.

import type { FamilyMember, Person, PersonFields, PersonId, PersonInput, PersonRow, PeopleQuery } from '../api'

export function emptyFields(): PersonFields {
  return {
    name: '',
    sex: null,
    ethnicity: '',
    native_place: '',
    birth: null,
    id_number: '',
    political_status: null,
    party_joined: null,
    party_confirmed: null,
    education: '',
    work_started: null,
    retired_on: null,
    retirement_kind: null,
    former_post: '',
    grade: null,
    unit_kind: null,
    health: null,
    care_level: null,
    living: null,
    residence: null,
    address: '',
    phone: '',
    emergency_contact: '',
    emergency_phone: '',
    party_branch: '',
    liaison: '',
    lunar_birthday: null,
    died_on: null,
    notes: '',
  }
}

export function emptyInput(): PersonInput {
  return { ...emptyFields(), family: [] }
}

export function emptyFamilyMember(): FamilyMember {
  return { id: null, name: '', relation: '', birth: null, phone: '', address: '', is_survivor: false, survivor_aid: false, notes: '' }
}

const FIELD_KEYS = Object.keys(emptyFields()) as (keyof PersonFields)[]

/** Only the person's own fields (what `validatePerson` takes). */
export function fieldsOf(input: PersonFields): PersonFields {
  const out = emptyFields() as Record<string, unknown>
  for (const k of FIELD_KEYS) out[k] = (input as Record<string, unknown>)[k]
  const f = out as PersonFields
  if (f.lunar_birthday) f.lunar_birthday = { ...f.lunar_birthday }
  return f
}

/** A saved person as an editable form model (a deep copy, so cancelling loses nothing). */
export function inputFromPerson(p: Person): PersonInput {
  return { ...fieldsOf(p), family: p.family.map((m) => ({ ...m })) }
}

/** The query the roster starts with, and that 重置 returns to. */
export function defaultQuery(): PeopleQuery {
  return {
    search: '',
    retirement_kind: null,
    status: 'living',
    unit_kind: null,
    party_member: null,
    care: null,
    party_branch: '',
    liaison: '',
    list: null,
    age_min: null,
    age_max: null,
    sort: 'entry',
    offset: 0,
    limit: 50,
  }
}

/**
 * A stand-in roster row for a person known only by id and name (a visit being edited, the deceased
 * of a survivor), so the person picker can show the name before any search.
 */
export function knownRow(id: PersonId, name: string, extra: Partial<PersonRow> = {}): PersonRow {
  return {
    id,
    name,
    sex: null,
    birth: null,
    age: null,
    id_number_masked: '',
    phone_masked: '',
    retirement_kind: null,
    unit_kind: null,
    grade: null,
    former_post: '',
    political_status: null,
    party_branch: '',
    health: null,
    care_level: null,
    living: null,
    liaison: '',
    died_on: null,
    ...extra,
  }
}
