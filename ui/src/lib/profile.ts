// The 六清楚 profile as the drawer edits it: an empty one, and whether an edit changed anything.
import type { Profile } from '../api'

/** The five 管理现状 yes/no facts the 管理现状统计表 counts, in the form's order, with their labels. */
export const MANAGEMENT_FLAGS = [
  ['pension_socialized', '养老金社会化发放'],
  ['local_medical_insurance', '参加属地医疗保险'],
  ['party_transferred', '党组织关系移交地方'],
  ['file_transferred', '人事档案移交地方'],
  ['managed_elsewhere', '异地管理'],
] as const

export function emptyProfile(): Profile {
  return {
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
  }
}

/** Whether `edited` differs from `saved` in what the core stores (surrounding spaces do not count). */
export function profileChanged(saved: Profile, edited: Profile): boolean {
  const texts = ['illnesses', 'hobbies', 'needs', 'hardship'] as const
  return (
    saved.marital_status !== edited.marital_status ||
    saved.has_hardship !== edited.has_hardship ||
    MANAGEMENT_FLAGS.some(([k]) => saved[k] !== edited[k]) ||
    texts.some((k) => saved[k].trim() !== edited[k].trim())
  )
}
