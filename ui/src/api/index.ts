// The one typed module through which the UI talks to the Rust core. Components never call `invoke`
// directly: every command the shell exposes has exactly one function here, with the generated types.

import { invoke as tauriInvoke, type InvokeArgs } from '@tauri-apps/api/core'
import { listen, type UnlistenFn } from '@tauri-apps/api/event'
import type {
  Activity,
  BranchInput,
  BranchRow,
  DeliveryRow,
  LiaisonCount,
  LiaisonPage,
  LiaisonQuery,
  BackupInfo,
  CopyStatus,
  Restored,
  Rekeyed,
  Verification,
  AuditFilters,
  AuditPage,
  AuditQuery,
  ActivityInput,
  ActivitySummary,
  BatchInput,
  BatchResult,
  Campaign,
  CampaignCoverage,
  CampaignId,
  CampaignInput,
  CampaignSummary,
  CampaignVisit,
  CoverageFilter,
  CoverageRow,
  CoverageSort,
  CoverageTotals,
  TargetName,
  Checkup,
  CheckupGroup,
  CheckupInput,
  CheckupRound,
  CheckupRow,
  CheckupFilter,
  CheckupSort,
  CheckupTotals,
  CommitteeMember,
  DeathId,
  DeathInput,
  DeathOutcome,
  DeathRecord,
  FamilyMember,
  Festival,
  HospitalStay,
  HospitalStayInput,
  Page,
  PageRequest,
  LedgerTable,
  MedalCandidate,
  PartyInfo,
  Period,
  RecordedVisits,
  StayId,
  StayQuery,
  StaySort,
  StayTotals,
  MemberFilter,
  MemberRow,
  MemberSort,
  MemberTotals,
  Subsidy,
  SubsidyBatch,
  SubsidyInput,
  SubsidyKind,
  SubsidyQuery,
  SubsidySort,
  SubsidyPageTotals,
  SubsidyTotals,
  SurvivorRow,
  SurvivorFilter,
  SurvivorSort,
  SurvivorTotals,
  TimelinePage,
  TargetFilters,
  Visit,
  VisitCheck,
  VisitId,
  VisitInput,
  VisitQuery,
  VisitSort,
  VisitTotals,
  AppInfo,
  AuditEntry,
  Contact,
  FamilyContact,
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
  Profile,
  ProfileList,
  Saved,
  Summary,
  UnitSettings,
  Validation,
  CalendarMonth,
  Dismissal,
  MustVisitCaseInput,
  Reminder,
  ReminderGroup,
  ReminderQuery,
  ReminderSettings,
  VoidedLedger,
  VoidedQuery,
  VoidedRecord,
  VoidedSort,
  VoidedTotals,
  Operator,
} from './bindings'
import type { CommandName } from './commands'

/** Tauri's `invoke`, taking only the commands the shell registers (generated from Rust). */
function invoke<T>(command: CommandName, args?: InvokeArgs): Promise<T> {
  return tauriInvoke<T>(command, args)
}

export * from './bindings'
export * from './contract'

/** What the new-campaign form starts from. */
export interface CampaignDefaults {
  name: string
  /** ISO date; null for a campaign without a fixed festival. */
  date: string | null
}

/** Who works on the ledger now (`operator_session`, and the sign-in / sign-out answers). */
export interface OperatorSession {
  /** The ledger has operators: someone must be signed in to work. */
  required: boolean
  /** Who is signed in, if anyone. */
  operator: string | null
  /** Minutes without mouse or keyboard before the window locks; 0 never. */
  idle_lock_minutes: number
}

/** What the 加密设置 card and the recovery sheet show (`encryption_status`). */
export interface EncryptionStatus {
  encrypted: boolean
  /** The ledger file. */
  path: string
  /** Set when the ledger is damaged and open read-only: what is wrong and what to do. */
  damage: string | null
}

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
  /** The party branches on the roster (living people), for branch filters. */
  listBranches: () => invoke<string[]>('list_branches'),
  /** The branches on record (支部), with each committee's term (换届到期) and its living people. */
  listBranchRecords: () => invoke<BranchRow[]>('list_branch_records'),
  createBranch: (input: BranchInput) => invoke<number>('create_branch', { input }),
  /** Saves a branch; renaming it renames its people's 所在党支部 too (audited). */
  updateBranch: (id: number, input: BranchInput) => invoke<void>('update_branch', { id, input }),
  voidBranch: (id: number, reason: string) => invoke<void>('void_branch', { id, reason }),
  getPerson: (id: PersonId) => invoke<Person>('get_person', { id }),
  /** The person's 六清楚 profile (婚姻状况, 主要疾病, 特长爱好, 个性需求, 特殊困难); empty when none. */
  getProfile: (id: PersonId) => invoke<Profile>('get_profile', { id }),
  /** Saves the profile (audited) and returns it as stored. */
  saveProfile: (id: PersonId, profile: Profile) => invoke<Profile>('save_profile', { id, profile }),
  /** One of the six working lists (患病 … 特殊困难人员清单) to a file the clerk picks, phones and
   * addresses masked (脱敏) when asked; null if cancelled. */
  exportList: (list: ProfileList, masked: boolean) => invoke<string | null>('export_list', { list, masked }),
  /** Full ID number, phone and address of one person, for "显示" in the list and the drawer (logged). */
  revealContact: (id: PersonId) => invoke<Contact>('reveal_contact', { id }),
  /** Full phones and addresses of a person's family, or of one member; each reveal is logged. */
  revealFamily: (person: PersonId, member: number | null = null) =>
    invoke<FamilyContact[]>('reveal_family', { person, member }),
  /** Checks a form without saving: normalised values (birth and sex from the ID), errors, warnings. */
  /** Parses what the clerk typed in a date field (1945.10, 1945年10月 …): stored form or a reason. */
  checkDate: (text: string) => invoke<DateCheck>('check_date', { text }),
  /** `id` for a saved person: their form may still show masked values, which the core checks as stored. */
  validatePerson: (fields: PersonFields, id: PersonId | null = null) =>
    invoke<Validation>('validate_person', { fields, id }),
  createPerson: (input: PersonInput) => invoke<Saved>('create_person', { input }),
  updatePerson: (id: PersonId, input: PersonInput) => invoke<Saved>('update_person', { id, input }),
  voidPerson: (id: PersonId, reason: string) => invoke<void>('void_person', { id, reason }),
  personAudit: (id: PersonId) => invoke<AuditEntry[]>('person_audit', { id }),
  /** The ledger's backups, newest first. */
  listBackups: () => invoke<BackupInfo[]>('list_backups'),
  /** A verified backup now (reason 手动). */
  backupNow: () => invoke<BackupInfo>('backup_now'),
  /** Restores the backup of that file name (backs the current ledger up first). */
  restoreBackup: (name: string) => invoke<Restored>('restore_backup', { name }),
  /** 迁移: saves the whole ledger as one checked file where the clerk picks; the path, or null if cancelled. */
  exportWholeLedger: () => invoke<string | null>('export_whole_ledger'),
  /** Replaces the ledger with a migration file or backup the clerk picks (checked, current ledger backed up first). */
  restoreFromFile: () => invoke<Restored | null>('restore_from_file'),
  /** Checks the audit chain and every record against it. */
  verifyAudit: () => invoke<Verification>('verify_audit'),
  /** The backup folder the clerk chose (USB stick or share): present, last copy, how many. */
  backupCopyStatus: () => invoke<CopyStatus>('backup_copy_status'),
  /** Opens the folder dialog in the shell; null when cancelled. The page never sends a path. */
  pickBackupFolder: () => invoke<CopyStatus | null>('pick_backup_folder'),
  /** Stops copying backups to the chosen folder (copies there stay). */
  clearBackupFolder: () => invoke<CopyStatus>('clear_backup_folder'),
  /** The backups of a ledger that could not be opened (the 无法打开 screen). */
  unopenedBackups: () => invoke<BackupInfo[]>('unopened_backups'),
  /** Restores that backup over the ledger that could not be opened, then opens it. */
  restoreUnopened: (name: string) => invoke<AppInfo>('restore_unopened', { name }),
  /** Picks another ledger file in the shell's dialog and opens it; false when cancelled. */
  openOtherLedger: () => invoke<boolean>('open_other_ledger'),
  /** The same check off the window's thread: at startup and from the 修改记录 page. */
  verifyAuditBackground: () => invoke<Verification>('verify_audit_background'),
  /** One page of the whole ledger's 修改记录, newest first, with the selection's count. */
  pageAudit: (query: AuditQuery) => invoke<AuditPage>('page_audit', { query }),
  /** The record kinds and operators the 修改记录 filters offer. */
  auditFilters: () => invoke<AuditFilters>('audit_filters'),
  /** The 修改记录 selection to Excel, saved where the clerk chooses; null when cancelled. */
  exportAuditLog: (query: AuditQuery) => invoke<string | null>('export_audit_log', { query }),
  /** Opens the encrypted ledger with the password typed at the unlock step. */
  unlockLedger: (password: string) => invoke<AppInfo>('unlock_ledger', { password }),
  /** Whether the ledger is encrypted, its file, and what is wrong when it is damaged (read-only). */
  encryptionStatus: () => invoke<EncryptionStatus>('encryption_status'),
  /** Encrypts (`current` empty), changes the password, or decrypts (`next` empty); backs up first. */
  setLedgerPassword: (current: string, next: string) =>
    invoke<Rekeyed>('set_ledger_password', { current, new: next }),

  /** Whether operators exist, who is signed in, and the idle minutes before the lock. */
  operatorSession: () => invoke<OperatorSession>('operator_session'),
  /** The unit's operators (names, and whether each has a password), in the order added. */
  listOperators: () => invoke<Operator[]>('list_operators'),
  /** Signs in; a wrong password is refused with a Chinese message. */
  signInOperator: (name: string, password: string | null) =>
    invoke<OperatorSession>('sign_in_operator', { name, password }),
  /** Signs out (切换 / 锁定 / the idle lock): nothing runs until someone signs in again. */
  signOutOperator: () => invoke<OperatorSession>('sign_out_operator'),
  /** Adds an operator, with a password or without (null or empty). */
  addOperator: (name: string, password: string | null) =>
    invoke<Operator>('add_operator', { name, password }),
  /** Voids an operator with the reason; the entries they made keep their name. */
  voidOperator: (id: number, reason: string) => invoke<void>('void_operator', { id, reason }),
  /** Sets an operator's password, or clears it (null or empty). */
  setOperatorPassword: (id: number, password: string | null) =>
    invoke<void>('set_operator_password', { id, password }),
  /** Minutes without activity before the window locks (0 never). */
  setIdleLockMinutes: (minutes: number) => invoke<void>('set_idle_lock_minutes', { minutes }),

  /** Opens the native file dialog; `null` when the clerk cancels. */
  pickImportFile: () => invoke<string | null>('pick_import_file'),
  /** Reads and checks the file; writes nothing. Progress arrives as `job-progress` events. */
  importPreview: (path: string) => invoke<ImportPreview>('import_preview', { path }),
  /** Applies the last preview in one transaction. */
  importApply: (options: ImportOptions) => invoke<ImportSummary>('import_apply', { options }),
  /** Asks the running import or export to stop; it undoes what it did. */
  cancelJob: () => invoke<void>('cancel_job'),

  /** Each export opens the native save dialog and returns the saved path, or `null` if cancelled. */
  /** The 花名册; `masked` gives the copy for sharing beyond the bureau (脱敏导出: ID, phone, address masked). */
  exportRoster: (masked = false) => invoke<string | null>('export_roster', { masked }),
  /** The columns to tick in 导出当前列表 for a list (null: the whole roster): last used, else the printed roster's. */
  rosterColumns: (list: ProfileList | null) => invoke<string[]>('roster_columns', { list }),
  /** 导出当前列表: the roster as filtered (every page) with the ticked columns, the choice remembered
   * for the list; null if the clerk cancels the save dialog. */
  exportRosterView: (query: PeopleQuery, columns: string[], masked: boolean) =>
    invoke<string | null>('export_roster_view', { query, columns, masked }),
  exportStats: (year: number) => invoke<string | null>('export_stats', { year }),
  exportTemplate: () => invoke<string | null>('export_template'),

  /** Work-report figures for a quarter (1–4) or, with `quarter` null, the whole year. */
  /** 待办: what is overdue and what falls due from `query.on` over `query.days` days. */
  listReminders: (query: ReminderQuery) => invoke<Reminder[]>('list_reminders', { query }),
  /** 待办 by kind, in the rules' order: each kind's counts and its first `first` reminders. */
  reminderGroups: (query: ReminderQuery, first: number) =>
    invoke<ReminderGroup[]>('reminder_groups', { query, first }),
  /** 暂不提醒: dismisses a reminder for its period, with a reason (audited). */
  dismissReminder: (dismissal: Dismissal) => invoke<number>('dismiss_reminder', { dismissal }),
  openMustVisitCase: (input: MustVisitCaseInput) => invoke<number>('open_must_visit_case', { input }),
  reminderSettings: () => invoke<ReminderSettings>('reminder_settings'),
  saveReminderSettings: (settings: ReminderSettings) =>
    invoke<ReminderSettings>('save_reminder_settings', { settings }),
  /** 日历: a month with lunar dates, festivals, birthdays and what falls due. */
  calendarMonth: (year: number, month: number) => invoke<CalendarMonth>('calendar_month', { year, month }),
  /** 本月生日名单, saved where the clerk chooses; null when the dialog is cancelled. */
  exportBirthdays: (year: number, month: number) => invoke<string | null>('export_birthdays', { year, month }),
  /** 一对一联系人 named on living people, with how many each looks after. */
  listLiaisons: () => invoke<LiaisonCount[]>('list_liaisons'),
  /** One page of a liaison's people, longest without contact first, with what is due for each. */
  liaisonPeople: (query: LiaisonQuery) => invoke<LiaisonPage>('liaison_people', { query }),
  /** The 送学上门 list of a month, with what was brought to each. */
  deliveryMonth: (year: number, month: number) => invoke<DeliveryRow[]>('delivery_month', { year, month }),
  addToDeliveryList: (personId: PersonId, reason: string) =>
    invoke<void>('add_to_delivery_list', { personId, reason }),
  removeFromDeliveryList: (personId: PersonId, reason: string) =>
    invoke<void>('remove_from_delivery_list', { personId, reason }),
  /** Voids a 五必访 case opened by mistake (a visit closes a case by itself). */
  voidMustVisitCase: (id: number, reason: string) => invoke<void>('void_must_visit_case', { id, reason }),
  /** 联系人任务单 / 送学上门名单, saved where the clerk chooses; null when the dialog is cancelled. */
  exportLiaisonTasks: (liaison: string, on: string) =>
    invoke<string | null>('export_liaison_tasks', { liaison, on }),
  exportDeliveryList: (year: number, month: number) =>
    invoke<string | null>('export_delivery_list', { year, month }),
  workSummary: (year: number, quarter: number | null) =>
    invoke<Summary>('work_summary', { year, quarter }),

  // ---- work ledgers ------------------------------------------------------------------------
  listVisits: (query: VisitQuery) => invoke<Visit[]>('list_visits', { query }),
  /** One page of the visit ledger, with the 人次 / 人数 / 慰问金 of the whole selection. */
  pageVisits: (request: PageRequest<VisitQuery, VisitSort>) =>
    invoke<Page<Visit, VisitTotals>>('page_visits', { request }),
  /** One page of hospital stays, with the flag counts of the whole selection. */
  pageStays: (request: PageRequest<StayQuery, StaySort>) =>
    invoke<Page<HospitalStay, StayTotals>>('page_stays', { request }),
  pagePartyMembers: (request: PageRequest<MemberFilter, MemberSort>) =>
    invoke<Page<MemberRow, MemberTotals>>('page_party_members', { request }),
  /** One page of subsidy payments, with the recipients and amount of the whole selection. */
  pageSubsidies: (request: PageRequest<SubsidyQuery, SubsidySort>) =>
    invoke<Page<Subsidy, SubsidyPageTotals>>('page_subsidies', { request }),
  /** One page of a year's checkup round, with the figures (应检, 参检率 …) of the whole round. */
  pageCheckups: (request: PageRequest<CheckupFilter, CheckupSort>) =>
    invoke<Page<CheckupRow, CheckupTotals>>('page_checkups', { request }),
  /** One page of a campaign's list (not yet visited first), with the campaign and its counts. */
  pageCampaignTargets: (request: PageRequest<CoverageFilter, CoverageSort>) =>
    invoke<Page<CoverageRow, CoverageTotals>>('page_campaign_targets', { request }),
  /** Everyone on a campaign's list not yet visited, by name. */
  campaignTodo: (id: CampaignId) => invoke<TargetName[]>('campaign_todo', { id }),
  /** One page of the survivors of deceased retirees, with how many receive 遗属补助. */
  pageSurvivors: (request: PageRequest<SurvivorFilter, SurvivorSort>) =>
    invoke<Page<SurvivorRow, SurvivorTotals>>('page_survivors', { request }),
  /** One ledger's voided records (已作废记录), newest void first. */
  pageVoided: (request: PageRequest<VoidedQuery, VoidedSort>) =>
    invoke<Page<VoidedRecord, VoidedTotals>>('page_voided', { request }),
  /** Restores a voided record with a reason; refused in Chinese if the ledger would not accept it now. */
  restoreVoided: (ledger: VoidedLedger, id: number, reason: string) =>
    invoke<void>('restore_voided', { ledger, id, reason }),
  /** Checks a visit without saving: normalised input and Chinese messages per field. */
  validateVisit: (input: VisitInput) => invoke<VisitCheck>('validate_visit', { input }),
  createVisit: (input: VisitInput) => invoke<Visit>('create_visit', { input }),
  updateVisit: (id: VisitId, input: VisitInput) => invoke<Visit>('update_visit', { id, input }),
  voidVisit: (id: VisitId, reason: string) => invoke<void>('void_visit', { id, reason }),
  /** The unit's 五必访 reasons (configurable in 单位设置). */
  mustVisitReasons: () => invoke<string[]>('must_visit_reasons'),
  setMustVisitReasons: (reasons: string[]) => invoke<string[]>('set_must_visit_reasons', { reasons }),

  /** Default name (2026年重阳节慰问) and the festival's solar date in a year. */
  campaignDefaults: (festival: Festival, year: number) =>
    invoke<CampaignDefaults>('campaign_defaults', { festival, year }),
  listCampaigns: (year: number | null) => invoke<CampaignSummary[]>('list_campaigns', { year }),
  /** The living people a campaign's ticked conditions select on `on` (ISO date); the core turns them into queries. */
  campaignTargetsMatching: (filters: TargetFilters, on: string) =>
    invoke<PersonId[]>('campaign_targets_matching', { filters, on }),
  createCampaign: (input: CampaignInput) => invoke<Campaign>('create_campaign', { input }),
  voidCampaign: (id: CampaignId, reason: string) => invoke<void>('void_campaign', { id, reason }),
  campaignCoverage: (id: CampaignId) => invoke<CampaignCoverage>('campaign_coverage', { id }),
  campaignAddTargets: (id: CampaignId, people: PersonId[]) =>
    invoke<number>('campaign_add_targets', { id, people }),
  campaignRemoveTarget: (id: CampaignId, person: PersonId, reason: string) =>
    invoke<void>('campaign_remove_target', { id, person, reason }),
  /** One visit per person with the shared details, in one transaction; already visited are skipped. */
  campaignRecordVisits: (id: CampaignId, shared: CampaignVisit, people: PersonId[]) =>
    invoke<RecordedVisits>('campaign_record_visits', { id, shared, people }),

  listStays: (query: StayQuery) => invoke<HospitalStay[]>('list_stays', { query }),
  createStay: (input: HospitalStayInput) => invoke<HospitalStay>('create_stay', { input }),
  updateStay: (id: StayId, input: HospitalStayInput) => invoke<HospitalStay>('update_stay', { id, input }),
  voidStay: (id: StayId, reason: string) => invoke<void>('void_stay', { id, reason }),

  /** Family members proposed as survivors when a person dies (the spouse). */
  proposedSurvivors: (person: PersonId) => invoke<FamilyMember[]>('proposed_survivors', { person }),
  /** Marks a person deceased: keeps every record, leaves pending campaigns, marks survivors. */
  recordDeath: (input: DeathInput) => invoke<DeathOutcome>('record_death', { input }),
  /** Whether a death is recorded for the person (an imported 去世日期 alone is not a record). */
  hasDeathRecord: (person: PersonId) => invoke<boolean>('has_death_record', { person }),
  listDeaths: (period: Period) => invoke<DeathRecord[]>('list_deaths', { period }),
  voidDeath: (id: DeathId, reason: string) => invoke<void>('void_death', { id, reason }),
  listSurvivors: () => invoke<SurvivorRow[]>('list_survivors'),
  /** One page of everything recorded for one person, newest first, with the count of all entries. */
  personTimelinePage: (person: PersonId, offset: number, limit: number) =>
    invoke<TimelinePage>('person_timeline_page', { person, offset, limit }),

  subsidyKinds: () => invoke<SubsidyKind[]>('subsidy_kinds'),
  setSubsidyKinds: (kinds: SubsidyKind[]) => invoke<SubsidyKind[]>('set_subsidy_kinds', { kinds }),
  listSubsidies: (query: SubsidyQuery) => invoke<Subsidy[]>('list_subsidies', { query }),
  subsidyTotals: (period: Period) => invoke<SubsidyTotals>('subsidy_totals', { period }),
  createSubsidy: (input: SubsidyInput) => invoke<Subsidy>('create_subsidy', { input }),
  updateSubsidy: (id: number, input: SubsidyInput) => invoke<Subsidy>('update_subsidy', { id, input }),
  voidSubsidy: (id: number, reason: string) => invoke<void>('void_subsidy', { id, reason }),
  /** Pays a group at once (all or nothing). */
  issueSubsidyBatch: (input: BatchInput) => invoke<BatchResult>('issue_subsidy_batch', { input }),
  listSubsidyBatches: (period: Period | null) => invoke<SubsidyBatch[]>('list_subsidy_batches', { period }),
  voidSubsidyBatch: (id: number, reason: string) => invoke<number>('void_subsidy_batch', { id, reason }),
  /** Branch committee members: the recipients of the quarterly 支委工作补贴. */
  committeeMembers: () => invoke<CommitteeMember[]>('committee_members'),

  checkupRound: (year: number) => invoke<CheckupRound>('checkup_round', { year }),
  recordCheckup: (input: CheckupInput) => invoke<Checkup>('record_checkup', { input }),
  /** "All of these attended on this day at this hospital", in one transaction. */
  recordCheckups: (group: CheckupGroup) => invoke<number>('record_checkups', { group }),
  voidCheckup: (id: number, reason: string) => invoke<void>('void_checkup', { id, reason }),

  getPartyInfo: (person: PersonId) => invoke<PartyInfo>('get_party_info', { person }),
  setPartyInfo: (person: PersonId, info: PartyInfo) => invoke<PartyInfo>('set_party_info', { person, info }),
  /** The 光荣在党50年 list for a year, each person with the reason. */
  medalList: (year: number) => invoke<MedalCandidate[]>('medal_list', { year }),
  presentMedal: (person: PersonId, year: number, presentedOn: string, notes: string) =>
    invoke<number>('present_medal', { person, year, presentedOn, notes }),
  voidMedal: (id: number, reason: string) => invoke<void>('void_medal', { id, reason }),

  listActivities: (period: Period) => invoke<ActivitySummary[]>('list_activities', { period }),
  getActivity: (id: number) => invoke<Activity>('get_activity', { id }),
  createActivity: (input: ActivityInput) => invoke<Activity>('create_activity', { input }),
  updateActivity: (id: number, input: ActivityInput) => invoke<Activity>('update_activity', { id, input }),
  voidActivity: (id: number, reason: string) => invoke<void>('void_activity', { id, reason }),

  /** One ledger table for a quarter (1–4) or, with `quarter` null, a year; `null` if cancelled.
   *  `masked` (脱敏导出) masks phones and addresses (the survivors' on the deaths table). */
  exportLedgerTable: (table: LedgerTable, year: number, quarter: number | null, masked = false) =>
    invoke<string | null>('export_ledger_table', { table, year, quarter, masked }),
  /** The quarterly submission workbook (every table, one sheet each), masked when asked. */
  exportQuarterly: (year: number, quarter: number, masked = false) =>
    invoke<string | null>('export_quarterly', { year, quarter, masked }),
  /** The printable 签收表 of one subsidy batch. */
  exportSubsidyReceipt: (batch: number) => invoke<string | null>('export_subsidy_receipt', { batch }),
}

/** Subscribes to progress of the running import or export. */
export function onJobProgress(handler: (p: JobProgress) => void): Promise<UnlistenFn> {
  return listen<JobProgress>('job-progress', (event) => handler(event.payload))
}
