// The one typed module through which the UI talks to the Rust core. Components never call `invoke`
// directly: every command the shell exposes has exactly one function here, with the generated types.

import { invoke } from '@tauri-apps/api/core'
import { listen, type UnlistenFn } from '@tauri-apps/api/event'
import type {
  AppInfo,
  AuditEntry,
  Contact,
  DateCheck,
  ErrorKind,
  ImportOptions,
  ImportPreview,
  ImportSummary,
  JobProgress,
  PeoplePage,
  PeopleQuery,
  Person,
  PersonFields,
  PersonId,
  PersonInput,
  Saved,
  Summary,
  UnitSettings,
  Validation,
} from './bindings'

export * from './bindings'

/** An error from the core: `kind` to react to, `message` (Chinese) to show as it is. */
export interface ApiError {
  kind: ErrorKind
  message: string
}

export function isApiError(e: unknown): e is ApiError {
  return typeof e === 'object' && e !== null && 'kind' in e && 'message' in e
}

/** The message to show for any error thrown by a call below. */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) return e.message
  if (e instanceof Error) return e.message
  return String(e)
}

export const api = {
  appInfo: () => invoke<AppInfo>('app_info'),
  /** The welcome step: names the unit and, if asked, fills the ledger with demo data. */
  setupLedger: (unitName: string, demo: boolean) => invoke<AppInfo>('setup_ledger', { unitName, demo }),

  getSettings: () => invoke<UnitSettings>('get_settings'),
  saveSettings: (settings: UnitSettings) => invoke<void>('save_settings', { settings }),

  listPeople: (query: PeopleQuery) => invoke<PeoplePage>('list_people', { query }),
  getPerson: (id: PersonId) => invoke<Person>('get_person', { id }),
  /** Full ID and phone number of one person, for "显示" in the list (logged in the audit log). */
  revealContact: (id: PersonId) => invoke<Contact>('reveal_contact', { id }),
  /** Checks a form without saving: normalised values (birth and sex from the ID), errors, warnings. */
  /** Parses what the clerk typed in a date field (1945.10, 1945年10月 …): stored form or a reason. */
  checkDate: (text: string) => invoke<DateCheck>('check_date', { text }),
  validatePerson: (fields: PersonFields) => invoke<Validation>('validate_person', { fields }),
  createPerson: (input: PersonInput) => invoke<Saved>('create_person', { input }),
  updatePerson: (id: PersonId, input: PersonInput) => invoke<Saved>('update_person', { id, input }),
  voidPerson: (id: PersonId, reason: string) => invoke<void>('void_person', { id, reason }),
  personAudit: (id: PersonId) => invoke<AuditEntry[]>('person_audit', { id }),

  /** Opens the native file dialog; `null` when the clerk cancels. */
  pickImportFile: () => invoke<string | null>('pick_import_file'),
  /** Reads and checks the file; writes nothing. Progress arrives as `job-progress` events. */
  importPreview: (path: string) => invoke<ImportPreview>('import_preview', { path }),
  /** Applies the last preview in one transaction. */
  importApply: (options: ImportOptions) => invoke<ImportSummary>('import_apply', { options }),
  /** Asks the running import or export to stop; it undoes what it did. */
  cancelJob: () => invoke<void>('cancel_job'),

  /** Each export opens the native save dialog and returns the saved path, or `null` if cancelled. */
  exportRoster: () => invoke<string | null>('export_roster'),
  exportStats: (year: number) => invoke<string | null>('export_stats', { year }),
  exportTemplate: () => invoke<string | null>('export_template'),

  /** Work-report figures for a quarter (1–4) or, with `quarter` null, the whole year. */
  workSummary: (year: number, quarter: number | null) =>
    invoke<Summary>('work_summary', { year, quarter }),
}

/** Subscribes to progress of the running import or export. */
export function onJobProgress(handler: (p: JobProgress) => void): Promise<UnlistenFn> {
  return listen<JobProgress>('job-progress', (event) => handler(event.payload))
}
