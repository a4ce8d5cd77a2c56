// The visit form's model, kept apart from the components so it can be unit-tested
// (src/__tests__/visit.spec.ts). Who a campaign is due to is the core's rule
// (`tables/campaign_targets.rs`): the dialog sends the ticked boxes and the core draws the list.

import type { HospitalStay, Visit, VisitInput, VisitKind } from '../api'

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

/** "张三、李四、王五等 12 人" for confirming a batch. */
export function namesSummary(names: string[], shown = 8): string {
  if (names.length <= shown) return names.join('、')
  return `${names.slice(0, shown).join('、')}等 ${names.length} 人`
}
