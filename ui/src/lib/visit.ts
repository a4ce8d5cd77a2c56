// The visit form's model and the campaign filters, kept apart from the components so they can be
// unit-tested (src/__tests__/visit.spec.ts).

import type {
  CareFilter,
  HospitalStay,
  PeopleQuery,
  StayFlag,
  Visit,
  VisitInput,
  VisitKind,
} from '../api'
import { defaultQuery } from './person'

/** The core's labels of the hospital flags (`StayFlag::label` in crates/ledger/src/hospital.rs). */
export const STAY_FLAG_LABELS: Record<StayFlag, string> = {
  not_visited: '未探视',
  no_follow_up: '出院一周内未回访',
}

/** Kinds made to the family of someone who has died: the person picked is among the deceased. */
export function isForTheDead(kind: VisitKind): boolean {
  return kind === 'survivor' || kind === 'condolence'
}

export function emptyVisit(date: string, kind: VisitKind = 'routine'): VisitInput {
  return {
    person_id: 0,
    survivor_id: null,
    kind,
    reason: '',
    campaign_id: null,
    hospital_stay_id: null,
    date,
    leader: '',
    participants: '',
    made_by: '',
    gifts: '',
    amount: 0,
    condition: '',
    problems: '',
    handling: '',
    notes: '',
  }
}

/** A saved visit as an editable form model. */
export function inputFromVisit(v: Visit): VisitInput {
  return {
    person_id: v.person_id,
    survivor_id: v.survivor_id,
    kind: v.kind,
    reason: v.reason,
    campaign_id: v.campaign_id,
    hospital_stay_id: v.hospital_stay_id,
    date: v.date,
    leader: v.leader,
    participants: v.participants,
    made_by: v.made_by,
    gifts: v.gifts,
    amount: v.amount,
    condition: v.condition,
    problems: v.problems,
    handling: v.handling,
    notes: v.notes,
  }
}

/** A visit during a hospital stay (住院探视), dated today unless the stay began later. */
export function hospitalVisit(stay: HospitalStay, today: string): VisitInput {
  return {
    ...emptyVisit(stay.admitted_on > today ? stay.admitted_on : today, 'hospital'),
    person_id: stay.person_id,
    hospital_stay_id: stay.id,
    reason: '住院探视',
    condition: stay.condition,
  }
}

/** The call after discharge (出院回访): a phone visit linked to the stay, on or after discharge. */
export function followUpVisit(stay: HospitalStay, today: string): VisitInput {
  const out = stay.discharged_on ?? today
  return {
    ...emptyVisit(out > today ? out : today, 'phone'),
    person_id: stay.person_id,
    hospital_stay_id: stay.id,
    reason: '出院回访',
  }
}


/** Who a campaign is due to, as the clerk ticks it in the new-campaign dialog. */
export interface TargetFilters {
  /** 全体健在人员: everyone living (the other boxes then add nothing). */
  everyone: boolean
  /** 全体健在离休干部 */
  lixiu: boolean
  /** 80岁及以上 (on the festival's date) */
  aged80: boolean
  /** 中共党员 */
  partyMembers: boolean
  /** One party branch, exactly as recorded; empty for none. */
  branch: string
  /** 独居 / 空巢 / 失能半失能 */
  care: CareFilter[]
  /** `any`: anyone meeting one ticked condition; `all`: only people meeting every one. */
  mode: 'any' | 'all'
}

export function emptyFilters(): TargetFilters {
  return { everyone: false, lixiu: false, aged80: false, partyMembers: false, branch: '', care: [], mode: 'any' }
}

/** The filters for a festival the way most units draw the list up. */
export function festivalFilters(festival: string): TargetFilters {
  const f = emptyFilters()
  if (festival === 'party_day') {
    f.partyMembers = true
    f.aged80 = true
    f.mode = 'all'
  } else {
    f.lixiu = true
    f.aged80 = true
  }
  return f
}

/** Whether any condition is ticked (with none, the list is only the people added by hand). */
export function hasFilters(f: TargetFilters): boolean {
  return f.everyone || f.lixiu || f.aged80 || f.partyMembers || f.branch !== '' || f.care.length > 0
}

/**
 * The roster queries whose union (`api.campaignTargetsFor`) is the list. "Any" gives one query per
 * condition. "All" gives one query holding every condition; the care situations are alternatives
 * of one another (nobody is both 独居 and 空巢), so each ticked one gives its own query.
 */
export function targetQueries(f: TargetFilters): PeopleQuery[] {
  const base: PeopleQuery = { ...defaultQuery(), status: 'living', limit: 0 }
  if (f.everyone) return [base]
  if (!hasFilters(f)) return []
  if (f.mode === 'any') {
    const out: PeopleQuery[] = []
    if (f.lixiu) out.push({ ...base, retirement_kind: 'lixiu' })
    if (f.aged80) out.push({ ...base, age_min: 80 })
    if (f.partyMembers) out.push({ ...base, party_member: true })
    if (f.branch) out.push({ ...base, party_branch: f.branch })
    for (const c of f.care) out.push({ ...base, care: c })
    return out
  }
  const all: PeopleQuery = {
    ...base,
    retirement_kind: f.lixiu ? 'lixiu' : null,
    age_min: f.aged80 ? 80 : null,
    party_member: f.partyMembers ? true : null,
    party_branch: f.branch,
  }
  return f.care.length ? f.care.map((c) => ({ ...all, care: c })) : [all]
}

/** "张三、李四、王五等 12 人" for confirming a batch. */
export function namesSummary(names: string[], shown = 8): string {
  if (names.length <= shown) return names.join('、')
  return `${names.slice(0, shown).join('、')}等 ${names.length} 人`
}
