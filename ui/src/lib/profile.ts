// The 六清楚 profile as the drawer edits it: an empty one, and whether an edit changed anything.
import type { Profile } from '../api'

export function emptyProfile(): Profile {
  return { marital_status: null, illnesses: '', hobbies: '', needs: '', hardship: '', has_hardship: false }
}

/** Whether `edited` differs from `saved` in what the core stores (surrounding spaces do not count). */
export function profileChanged(saved: Profile, edited: Profile): boolean {
  const texts = ['illnesses', 'hobbies', 'needs', 'hardship'] as const
  return (
    saved.marital_status !== edited.marital_status ||
    saved.has_hardship !== edited.has_hardship ||
    texts.some((k) => saved[k].trim() !== edited[k].trim())
  )
}
