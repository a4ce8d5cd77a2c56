// Generated from the Rust types in crates/ledger by `UPDATE_BINDINGS=1 cargo test -p ledger bindings`.
// Do not edit by hand.

export type ErrorKind = "database" | "file" | "invalid" | "not_found" | "cancelled" | "locked";
export type DateCheck = { iso: string | null, display: string, error: string | null, };
export type Sex = "male" | "female";
export type RetirementKind = "lixiu" | "tuixiu" | "tuizhi";
export type UnitKind = "organ" | "institution" | "enterprise";
export type Grade = "provincial_full" | "provincial_deputy" | "bureau_full" | "bureau_deputy" | "county_full" | "county_deputy" | "section_full" | "section_deputy" | "staff_other";
export type Health = "good" | "fair" | "chronic" | "dependent";
export type Living = "alone" | "empty_nest" | "with_children" | "care_home";
export type CareLevel = "self_caring" | "partly_disabled" | "disabled";
export type Residence = "local" | "in_province" | "out_of_province" | "abroad";
export type PoliticalStatus = "cpc_member" | "cpc_probationary" | "democratic_party" | "masses";
export type PersonId = number;
export type LunarBirthday = { month: number, day: number, leap: boolean, };
export type PersonFields = { name: string, sex: Sex | null, 
/**
 * 民族
 */
ethnicity: string, 
/**
 * 籍贯
 */
native_place: string, birth: string | null, 
/**
 * Stored in its 18-character form; may be empty when unknown.
 */
id_number: string, political_status: PoliticalStatus | null, 
/**
 * 入党时间
 */
party_joined: string | null, 
/**
 * 转正时间
 */
party_confirmed: string | null, 
/**
 * 文化程度
 */
education: string, 
/**
 * 参加工作时间 (for 离休: the date of joining revolutionary work)
 */
work_started: string | null, 
/**
 * 离退休时间
 */
retired_on: string | null, retirement_kind: RetirementKind | null, 
/**
 * 原单位及职务
 */
former_post: string, grade: Grade | null, unit_kind: UnitKind | null, health: Health | null, care_level: CareLevel | null, living: Living | null, residence: Residence | null, address: string, phone: string, emergency_contact: string, emergency_phone: string, 
/**
 * 所在党支部
 */
party_branch: string, 
/**
 * 一对一联系人: the staff member who keeps in touch.
 */
liaison: string, lunar_birthday: LunarBirthday | null, 
/**
 * 去世日期; `None` while alive.
 */
died_on: string | null, notes: string, };
export type FamilyMember = { 
/**
 * `None` for a member not yet saved.
 */
id: number | null, name: string, 
/**
 * 关系: 配偶, 子, 女 …
 */
relation: string, birth: string | null, phone: string, address: string, 
/**
 * 遗属: a survivor of the deceased retiree.
 */
is_survivor: boolean, 
/**
 * 是否享受遗属补助
 */
survivor_aid: boolean, notes: string, };
export type Person = { id: PersonId, family: Array<FamilyMember>, created_at: string, updated_at: string, name: string, sex: Sex | null, 
/**
 * 民族
 */
ethnicity: string, 
/**
 * 籍贯
 */
native_place: string, birth: string | null, 
/**
 * Stored in its 18-character form; may be empty when unknown.
 */
id_number: string, political_status: PoliticalStatus | null, 
/**
 * 入党时间
 */
party_joined: string | null, 
/**
 * 转正时间
 */
party_confirmed: string | null, 
/**
 * 文化程度
 */
education: string, 
/**
 * 参加工作时间 (for 离休: the date of joining revolutionary work)
 */
work_started: string | null, 
/**
 * 离退休时间
 */
retired_on: string | null, retirement_kind: RetirementKind | null, 
/**
 * 原单位及职务
 */
former_post: string, grade: Grade | null, unit_kind: UnitKind | null, health: Health | null, care_level: CareLevel | null, living: Living | null, residence: Residence | null, address: string, phone: string, emergency_contact: string, emergency_phone: string, 
/**
 * 所在党支部
 */
party_branch: string, 
/**
 * 一对一联系人: the staff member who keeps in touch.
 */
liaison: string, lunar_birthday: LunarBirthday | null, 
/**
 * 去世日期; `None` while alive.
 */
died_on: string | null, notes: string, };
export type PersonInput = { family: Array<FamilyMember>, name: string, sex: Sex | null, 
/**
 * 民族
 */
ethnicity: string, 
/**
 * 籍贯
 */
native_place: string, birth: string | null, 
/**
 * Stored in its 18-character form; may be empty when unknown.
 */
id_number: string, political_status: PoliticalStatus | null, 
/**
 * 入党时间
 */
party_joined: string | null, 
/**
 * 转正时间
 */
party_confirmed: string | null, 
/**
 * 文化程度
 */
education: string, 
/**
 * 参加工作时间 (for 离休: the date of joining revolutionary work)
 */
work_started: string | null, 
/**
 * 离退休时间
 */
retired_on: string | null, retirement_kind: RetirementKind | null, 
/**
 * 原单位及职务
 */
former_post: string, grade: Grade | null, unit_kind: UnitKind | null, health: Health | null, care_level: CareLevel | null, living: Living | null, residence: Residence | null, address: string, phone: string, emergency_contact: string, emergency_phone: string, 
/**
 * 所在党支部
 */
party_branch: string, 
/**
 * 一对一联系人: the staff member who keeps in touch.
 */
liaison: string, lunar_birthday: LunarBirthday | null, 
/**
 * 去世日期; `None` while alive.
 */
died_on: string | null, notes: string, };
export type UnitSettings = { 
/**
 * 填报单位
 */
unit_name: string, 
/**
 * 单位负责人
 */
head: string, 
/**
 * 审核人
 */
reviewer: string, 
/**
 * 填表人
 */
preparer: string, 
/**
 * 联系电话
 */
phone: string, };
export type FieldIssue = { 
/**
 * The field's code name (`id_number`), so the form can place the message.
 */
field: string, 
/**
 * The column header the clerk knows (`身份证号码`).
 */
label: string, message: string, };
export type Validation = { fields: PersonFields, errors: Array<FieldIssue>, warnings: Array<FieldIssue>, };
export type PersonRow = { id: PersonId, name: string, sex: Sex | null, birth: string | null, age: number | null, id_number_masked: string, phone_masked: string, retirement_kind: RetirementKind | null, unit_kind: UnitKind | null, grade: Grade | null, former_post: string, political_status: PoliticalStatus | null, party_branch: string, health: Health | null, care_level: CareLevel | null, living: Living | null, liaison: string, died_on: string | null, };
export type LifeStatus = "all" | "living" | "deceased";
export type CareFilter = "alone" | "empty_nest" | "disabled";
export type SortOrder = "entry" | "name" | "age";
export type PeopleQuery = { search: string, retirement_kind: RetirementKind | null, status: LifeStatus, unit_kind: UnitKind | null, party_member: boolean | null, care: CareFilter | null, 
/**
 * 所在党支部, exactly as recorded; empty means every branch.
 */
party_branch: string, 
/**
 * 联系人, exactly as recorded; empty means everyone.
 */
liaison: string, 
/**
 * Only the people on one of the working lists (患病、丧偶 … 清单).
 */
list: ProfileList | null, 
/**
 * Inclusive age band, on `today`.
 */
age_min: number | null, age_max: number | null, sort: SortOrder, offset: number, 
/**
 * 0 means no limit.
 */
limit: number, };
export type PeoplePage = { rows: Array<PersonRow>, 
/**
 * How many match the query in all (for the pager).
 */
total: number, };
export type Saved = { person: Person, warnings: Array<FieldIssue>, };
export type Contact = { id_number: string, phone: string, address: string, 
/**
 * 紧急联系人电话, masked in the drawer like the person's own phone.
 */
emergency_phone: string, };
export type FamilyContact = { id: number, phone: string, address: string, };
export type MaritalStatus = "married" | "widowed" | "divorced" | "single";
export type Profile = { marital_status: MaritalStatus | null, 
/**
 * 主要疾病
 */
illnesses: string, 
/**
 * 特长爱好
 */
hobbies: string, 
/**
 * 个性需求
 */
needs: string, 
/**
 * 特殊困难
 */
hardship: string, 
/**
 * Whether the person is on the 特殊困难 list (the text says what the hardship is).
 */
has_hardship: boolean, 
/**
 * 管理现状 (migration 012, the 管理现状统计表): 养老金社会化发放
 */
pension_socialized: boolean, 
/**
 * 参加属地医疗保险
 */
local_medical_insurance: boolean, 
/**
 * 党组织关系移交地方
 */
party_transferred: boolean, 
/**
 * 人事档案移交地方
 */
file_transferred: boolean, 
/**
 * 异地管理
 */
managed_elsewhere: boolean, };
export type ProfileList = "ill" | "widowed" | "alone" | "hobbies" | "needs" | "hardship";
export type FieldChange = { field: string, old: unknown, new: unknown, };
export type AuditEntry = { at: string, actor: string, entity: string, entity_id: number | null, action: string, changes: Array<FieldChange>, reason: string | null, };
export type Finding = { 
/**
 * The audit entry concerned (its id), if any.
 */
entry: number | null, 
/**
 * The record concerned: `person`, `family_member` …, empty for the chain itself.
 */
entity: string, entity_id: number | null, 
/**
 * The field concerned (its Chinese name), empty when not one field.
 */
field: string, 
/**
 * What is wrong, in Chinese.
 */
message: string, };
export type Verification = { intact: boolean, entries: number, 
/**
 * People and family members compared with their audited values.
 */
records: number, 
/**
 * Backup manifests whose anchor was checked.
 */
anchors: number, findings: Array<Finding>, };
export type AuditQuery = { person_id: PersonId | null, 
/**
 * A record kind's code (`visit`, `person`…), as [`kinds`] lists them.
 */
entity: string | null, 
/**
 * An operator's name exactly as recorded.
 */
actor: string | null, from: string | null, to: string | null, offset: number, 
/**
 * 0 means [`DEFAULT_LIMIT`]; more than [`MAX_LIMIT`] is cut to it.
 */
limit: number, };
export type AuditLine = { 
/**
 * The stored field name (`id_number`).
 */
field: string, 
/**
 * Its Chinese label (`身份证号码`).
 */
label: string, old: string, new: string, };
export type AuditRow = { id: number, 
/**
 * `2026-01-05 09:00:00`.
 */
at: string, actor: string, entity: string, 
/**
 * 记录类别, e.g. 走访慰问.
 */
entity_label: string, entity_id: number | null, 
/**
 * The person the record is about, when it is about one.
 */
person_id: PersonId | null, person_name: string, action: string, 
/**
 * 新增, 修改, 作废, 查看完整信息…
 */
action_label: string, lines: Array<AuditLine>, reason: string | null, };
export type AuditPage = { total: number, rows: Array<AuditRow>, };
export type AuditKind = { code: string, label: string, };
export type AuditFilters = { kinds: Array<AuditKind>, 
/**
 * Everyone who has made a change.
 */
actors: Array<string>, };
export type Contents = { 
/**
 * People not voided.
 */
people: number, 
/**
 * Entries in the audit log.
 */
audit_entries: number, 
/**
 * When the newest audit entry was written (`2026-11-21 09:30:00`), empty for none.
 */
last_change: string, 
/**
 * Id and hash of the newest audit entry: the audit chain's anchor outside the ledger.
 */
audit_last_id: number, audit_head: string, };
export type BackupInfo = { 
/**
 * Full path of the `.db` file (filled in when listed; not stored in the manifest).
 */
path: string, 
/**
 * When it was made, `2026-11-21 09:30:00`.
 */
at: string, 
/**
 * 每日 / 导入前 / 恢复前 / 手动 …
 */
reason: string, size: number, contents: Contents, 
/**
 * Checked whole when written (and, for a file without a manifest, when listed).
 */
ok: boolean, 
/**
 * Why it is not usable, in Chinese; empty when `ok`.
 */
problem: string, };
export type Restored = { 
/**
 * The backup of the ledger as it was before the restore.
 */
before: BackupInfo | null, 
/**
 * What the ledger holds now.
 */
contents: Contents, };
export type CopyStatus = { 
/**
 * The chosen folder; empty when none is chosen.
 */
folder: string, 
/**
 * Why copies cannot go there now, in Chinese; empty when they can.
 */
problem: string, 
/**
 * When the newest copy there was made (`2026-11-21 09:30:00`); empty for none.
 */
last_copy: string, 
/**
 * How many good copies of this ledger the folder holds.
 */
copies: number, };
export type Rekeyed = { 
/**
 * The verified backup made first, with the old key (absent only for an in-memory ledger).
 */
backup: string | null, 
/**
 * Whether the ledger is encrypted now.
 */
encrypted: boolean, 
/**
 * People in the rewritten ledger (the same as before).
 */
people: number, };
export type Operator = { id: number, name: string, 
/**
 * Whether signing in as this operator asks for a password.
 */
has_password: boolean, };
export type Stage = "reading" | "checking" | "saving" | "writing";
export type DuplicateAction = "add" | "update" | "skip";
export type Severity = "error" | "warning";
export type ImportIssue = { row: number, column: string, message: string, severity: Severity, };
export type RowStatus = "new" | "duplicate" | "invalid";
export type PreviewRow = { 
/**
 * The row number as the spreadsheet shows it (1-based).
 */
row: number, status: RowStatus, 
/**
 * The row's values after normalisation and checking.
 */
fields: PersonFields, 
/**
 * The ID number as the preview shows it (`110105********002X`), masked by the core.
 */
id_masked: string, duplicate_of: PersonId | null, 
/**
 * Why it is a duplicate (`身份证号相同`, `姓名和出生年月相同`), empty otherwise.
 */
duplicate_reason: string, issues: Array<ImportIssue>, 
/**
 * The row's 六清楚 values, when the file has such columns and the row fills any.
 */
profile?: Profile, };
export type ColumnMapping = { 
/**
 * The spreadsheet column letter (`A`, `B` …).
 */
column: string, 
/**
 * The header as found in the file (two-row headers joined: `基础信息/性别`).
 */
header: string, 
/**
 * The roster field's header it maps to (`身份证号码`), or `None` when the column is ignored.
 */
field: string | null, };
export type ImportPreview = { file_name: string, sheet_name: string, 
/**
 * The rows (1-based) that formed the header.
 */
header_rows: Array<number>, columns: Array<ColumnMapping>, rows: Array<PreviewRow>, new_count: number, duplicate_count: number, invalid_count: number, warning_count: number, 
/**
 * The branch names the rows to import carry that no party-branch record has: what the clerk
 * may tick 新建这些支部 for (`ImportOptions::create_branches`).
 */
missing_branches: Array<string>, };
export type ImportOptions = { on_duplicate: DuplicateAction, 
/**
 * Write the good rows even when some rows have errors. Without it, any error stops the import
 * and nothing is written.
 */
skip_invalid: boolean, 
/**
 * Per-row choices that override `on_duplicate` (row number, action).
 */
overrides: Array<[number, DuplicateAction]>, 
/**
 * 新建这些支部: create a record for each of the preview's `missing_branches`, in the import's
 * transaction, so the rows are linked to them.
 */
create_branches: boolean, };
export type ImportSummary = { added: number, updated: number, skipped: number, errors: Array<ImportIssue>, warnings: Array<ImportIssue>, 
/**
 * Branch records created for the rows (新建这些支部).
 */
branches_created: number, };
export type AppInfo = { version: string, 
/**
 * Where the ledger file is (shown in 设置 so the clerk can back it up).
 */
db_path: string, 
/**
 * The welcome step has not been completed yet.
 */
first_run: boolean, unit_name: string, people_count: number, 
/**
 * Today as the app sees it (ISO date), so ages in the UI agree with the core's.
 */
today: string, };
export type JobProgress = { stage: string, done: number, total: number, };
export type VisitKind = "birthday" | "hospital" | "holiday" | "routine" | "phone" | "condolence" | "survivor" | "must_visit" | "deliver_documents" | "deliver_study" | "deliver_papers";
export type Festival = "spring_festival" | "party_day" | "double_ninth" | "other";
export type PayMethod = "cash" | "transfer" | "goods";
export type ActivityKind = "study" | "party_day" | "forum" | "outing" | "recreation" | "health_talk" | "other";
export type PartyContact = "normal" | "flowing" | "lost";
export type Fen = number;
export type Period = { year: number, 
/**
 * 1–4; `None` for the whole year.
 */
quarter: number | null, };
export type LedgerTable = "visits" | "hospital" | "subsidies" | "checkups" | "deaths" | "medals" | "activities";
export type PeopleFigures = { total: number, lixiu: number, tuixiu: number, tuizhi: number, organ: number, institution: number, enterprise: number, party_members: number, 
/**
 * Aged 80 or more on the last day of the period.
 */
aged_80_plus: number, 
/**
 * 遗属 recorded for people who have died.
 */
survivors: number, };
export type CountFigure = { 
/**
 * The kind's code (`holiday`) for visits, or the subsidy kind's name.
 */
code: string, label: string, persons: number, times: number, amount: Fen, };
export type CheckupFigures = { year: number, 
/**
 * 应检: the people of the year's checkup round (see [`crate::reports::figures`]).
 */
due: number, attended: number, absent: number, 
/**
 * Attended / due, in percent with one decimal; `None` when nobody is due.
 */
rate: number | null, };
export type ActivityFigures = { count: number, person_times: number, persons: number, };
export type BranchFigure = { 
/**
 * The kind's code (`tuixiu`).
 */
code: string, label: string, count: number, };
export type YearEndFigures = { 
/**
 * 离退休人员 on the roster at the end of the year.
 */
retirees: number, organ: number, institution: number, enterprise: number, 
/**
 * On the roster with no unit kind recorded.
 */
unit_unknown: number, 
/**
 * 离休干部 on the roster.
 */
lixiu: number, 
/**
 * 离退休党员 on the roster, and those of 机关 and of 企业.
 */
party_members: number, party_organ: number, party_enterprise: number, 
/**
 * Those of 事业单位, and of no recorded unit kind, so that the split adds up.
 */
party_institution: number, party_unit_unknown: number, 
/**
 * Party members as a percentage of the retirees on the roster, one decimal.
 */
party_share: number | null, 
/**
 * Party organisations on record, by kind (kinds with none left out), in the form's order.
 */
branches: Array<BranchFigure>, branches_total: number, 
/**
 * 党小组 of all the organisations.
 */
groups: number, 
/**
 * “光荣在党50年” medals presented up to Dec 31 of the year.
 */
medals_cumulative: number, };
export type Summary = { period: Period, 
/**
 * `2026年第三季度` / `2026年`.
 */
label: string, people: PeopleFigures, 
/**
 * Every visit kind, in the order of [`VisitKind::ALL`], including kinds with no visits.
 */
visits: Array<CountFigure>, visits_total: CountFigure, 
/**
 * Subsidy kinds paid in the period, largest amount first.
 */
subsidies: Array<CountFigure>, subsidies_total: CountFigure, checkups: CheckupFigures, 
/**
 * Hospital stays that began in the period, and the people they concern.
 */
hospital_stays: number, hospital_persons: number, deaths: number, new_retirements: number, medals: number, activities: ActivityFigures, 
/**
 * The year-end figures of a yearly summary (`None` for a quarter).
 */
year_end: YearEndFigures | null, 
/**
 * The figures as a paragraph to paste into the unit's work report.
 */
paragraph: string, };
export type SubsidyKind = { name: string, hidden: boolean, 
/**
 * Filled in when read: whether any payment (not voided) uses this kind.
 */
in_use: boolean, 
/**
 * Paid to the same people every month, quarter or year: those paid last period are reminded
 * until paid this period (`reports::reminders`, kind 补贴). `None` for a kind paid as needed.
 */
recurring: Recurrence | null, };
export type SubsidyInput = { person_id: PersonId, 
/**
 * A survivor (遗属) of the person who receives the payment; required for 遗属困难补助.
 */
survivor_id: number | null, kind: string, 
/**
 * 所属期间: `2026`, `2026-Q3`, `2026-07`.
 */
period: string, amount: Fen, paid_on: string, method: PayMethod, handler: string, approver: string, notes: string, };
export type Subsidy = { id: number, person_id: PersonId, person_name: string, survivor_id: number | null, 
/**
 * Empty unless paid to a survivor.
 */
survivor_name: string, batch_id: number | null, kind: string, period: string, amount: Fen, paid_on: string, method: PayMethod, handler: string, approver: string, notes: string, };
export type SubsidyQuery = { 
/**
 * Payments whose 发放日期 falls in this period.
 */
period: Period | null, kind: string | null, person_id: PersonId | null, };
export type KindTotal = { kind: string, 
/**
 * Payments.
 */
count: number, 
/**
 * Distinct recipients (a survivor counts apart from the retiree).
 */
persons: number, amount: Fen, };
export type SubsidyTotals = { period: Period, 
/**
 * In the configured order of kinds; kinds no longer configured come last.
 */
kinds: Array<KindTotal>, count: number, persons: number, amount: Fen, };
export type BatchRecipient = { person_id: PersonId, survivor_id: number | null, amount: Fen | null, };
export type BatchInput = { kind: string, period: string, paid_on: string, method: PayMethod, handler: string, approver: string, notes: string, 
/**
 * The amount each recipient gets unless their own amount is given.
 */
amount: Fen, recipients: Array<BatchRecipient>, 
/**
 * Issue even to recipients who already received this kind for this period.
 */
allow_repeat: boolean, };
export type BatchResult = { batch_id: number, count: number, total: Fen, };
export type SubsidyBatch = { id: number, kind: string, period: string, paid_on: string, method: PayMethod, handler: string, approver: string, notes: string, count: number, total: Fen, };
export type CheckupInput = { person_id: PersonId, year: number, attended: boolean, 
/**
 * Required when attended, and within the year.
 */
date: string | null, hospital: string, 
/**
 * 主要异常
 */
findings: string, 
/**
 * 复查建议
 */
advice: string, 
/**
 * 未参检原因: required when not attended.
 */
absence_reason: string, notes: string, };
export type Checkup = { id: number, person_id: PersonId, year: number, attended: boolean, 
/**
 * Required when attended, and within the year.
 */
date: string | null, hospital: string, 
/**
 * 主要异常
 */
findings: string, 
/**
 * 复查建议
 */
advice: string, 
/**
 * 未参检原因: required when not attended.
 */
absence_reason: string, notes: string, };
export type CheckupStatus = "attended" | "absent" | "not_recorded";
export type CheckupRow = { person_id: PersonId, name: string, sex: Sex | null, 
/**
 * Age on Dec 31 of the year (DOMAIN.md rule 6).
 */
age: number | null, retirement_kind: RetirementKind | null, status: CheckupStatus, date: string | null, hospital: string, findings: string, advice: string, absence_reason: string, notes: string, checkup_id: number | null, };
export type CheckupRound = { year: number, rows: Array<CheckupRow>, 
/**
 * 应检: everyone listed.
 */
living: number, attended: number, absent: number, not_recorded: number, 
/**
 * 参检率: attended ÷ listed, 0–1 (0 when nobody is listed).
 */
rate: number, };
export type CheckupGroup = { person_ids: Array<PersonId>, date: string, hospital: string, notes: string, };
export type PartyInfo = { 
/**
 * 党内职务: 书记, 组织委员 … (empty for an ordinary member).
 */
post: string, 
/**
 * 党费缴至: year and month.
 */
dues_paid_to: string | null, 
/**
 * 正常 / 流动 / 失联
 */
contact: PartyContact, };
export type PartyMember = { person_id: PersonId, name: string, sex: Sex | null, birth: string | null, political_status: PoliticalStatus | null, branch: string, party_joined: string | null, party_confirmed: string | null, 
/**
 * 党内职务: 书记, 组织委员 … (empty for an ordinary member).
 */
post: string, 
/**
 * 党费缴至: year and month.
 */
dues_paid_to: string | null, 
/**
 * 正常 / 流动 / 失联
 */
contact: PartyContact, };
export type CommitteeMember = { person_id: PersonId, name: string, branch: string, post: string, };
export type MedalStanding = { 
/**
 * The day party standing is counted from.
 */
standing_from: string, 
/**
 * Whole years of standing on July 1 of the year.
 */
years: number, 
/**
 * `1976年6月转正，至2026年7月1日党龄满50年`
 */
reason: string, 
/**
 * What the clerk should check: a date known only to the month or year, a missing 转正时间.
 */
note: string | null, };
export type MedalPresented = { medal_id: number, year: number, presented_on: string, };
export type MedalCandidate = { person_id: PersonId, name: string, sex: Sex | null, birth: string | null, branch: string, party_joined: string | null, party_confirmed: string | null, standing_from: string, years: number, reason: string, note: string | null, 
/**
 * Set when the medal was presented in this year.
 */
presented: MedalPresented | null, };
export type ActivityInput = { date: string, title: string, kind: ActivityKind, place: string, notes: string, participants: Array<PersonId>, };
export type Participant = { person_id: PersonId, name: string, };
export type Activity = { id: number, date: string, title: string, kind: ActivityKind, place: string, notes: string, participants: Array<Participant>, };
export type ActivitySummary = { id: number, date: string, title: string, kind: ActivityKind, place: string, notes: string, count: number, 
/**
 * `张三、李四、…` in roster order.
 */
names: string, };
export type VisitId = number;
export type VisitInput = { person_id: PersonId, 
/**
 * The survivor (遗属) visited, a family member of the deceased `person_id`.
 */
survivor_id: number | null, kind: VisitKind, 
/**
 * 节日或事由: the festival, the 五必访 reason, the round birthday …
 */
reason: string, campaign_id: number | null, hospital_stay_id: number | null, date: string, 
/**
 * 带队领导
 */
leader: string, 
/**
 * 参加人员
 */
participants: string, 
/**
 * 走访人: who made the visit or call (the form offers the person's liaison).
 */
made_by: string, 
/**
 * 慰问品
 */
gifts: string, 
/**
 * 慰问金
 */
amount: Fen, 
/**
 * 老同志身体状况
 */
condition: string, 
/**
 * 反映问题及诉求
 */
problems: string, 
/**
 * 办理情况
 */
handling: string, notes: string, };
export type Visit = { id: VisitId, person_name: string, person_sex: Sex | null, person_birth: string | null, retirement_kind: RetirementKind | null, 
/**
 * The survivor's name, for a survivor visit.
 */
survivor_name: string | null, created_at: string, updated_at: string, person_id: PersonId, 
/**
 * The survivor (遗属) visited, a family member of the deceased `person_id`.
 */
survivor_id: number | null, kind: VisitKind, 
/**
 * 节日或事由: the festival, the 五必访 reason, the round birthday …
 */
reason: string, campaign_id: number | null, hospital_stay_id: number | null, date: string, 
/**
 * 带队领导
 */
leader: string, 
/**
 * 参加人员
 */
participants: string, 
/**
 * 走访人: who made the visit or call (the form offers the person's liaison).
 */
made_by: string, 
/**
 * 慰问品
 */
gifts: string, 
/**
 * 慰问金
 */
amount: Fen, 
/**
 * 老同志身体状况
 */
condition: string, 
/**
 * 反映问题及诉求
 */
problems: string, 
/**
 * 办理情况
 */
handling: string, notes: string, };
export type VisitQuery = { period: Period | null, kind: VisitKind | null, person_id: PersonId | null, campaign_id: number | null, 
/**
 * Name, pinyin, initials or phone digits of the person, as in the roster search.
 */
search: string, };
export type VisitCheck = { input: VisitInput, errors: Array<FieldIssue>, };
export type CampaignId = number;
export type CampaignInput = { 
/**
 * Empty: `2026年重阳节慰问`.
 */
name: string, festival: Festival, year: number, 
/**
 * Empty: the festival's date that year (春节 and 重阳 from the lunar calendar, 七一 July 1).
 */
date: string | null, notes: string, targets: Array<PersonId>, };
export type Campaign = { id: CampaignId, name: string, festival: Festival, year: number, date: string | null, notes: string, created_at: string, updated_at: string, };
export type CampaignSummary = { campaign: Campaign, 
/**
 * People due (targets not taken off the list).
 */
total: number, 
/**
 * Of those, people visited.
 */
visited: number, };
export type CoverageRow = { person_id: PersonId, name: string, 
/**
 * Age on the festival date.
 */
age: number | null, retirement_kind: RetirementKind | null, 
/**
 * 所在党支部
 */
branch: string, visited_on: string | null, visit_id: VisitId | null, };
export type CampaignCoverage = { campaign: Campaign, total: number, visited: number, rows: Array<CoverageRow>, };
export type CampaignVisit = { date: string, 
/**
 * 节日或事由; empty: the festival's name (春节 / 七一 / 重阳节) or the campaign's name.
 */
reason: string, leader: string, participants: string, gifts: string, amount: Fen, notes: string, };
export type SkippedPerson = { person_id: PersonId, name: string, reason: string, };
export type RecordedVisits = { visit_ids: Array<VisitId>, skipped: Array<SkippedPerson>, };
export type TargetMode = "any" | "all";
export type TargetFilters = { 
/**
 * 全体健在人员: everyone living (the other boxes then add nothing).
 */
everyone: boolean, 
/**
 * 全体健在离休干部
 */
lixiu: boolean, 
/**
 * 80岁及以上, on the festival's date.
 */
aged80: boolean, 
/**
 * 中共党员
 */
party_members: boolean, 
/**
 * One party branch, exactly as recorded; empty for none.
 */
branch: string, 
/**
 * 独居 / 空巢 / 失能半失能
 */
care: Array<CareFilter>, mode: TargetMode, };
export type StayId = number;
export type HospitalStayInput = { person_id: PersonId, hospital: string, department: string, 
/**
 * 病情
 */
condition: string, admitted_on: string, discharged_on: string | null, notes: string, };
export type StayFlag = "not_visited" | "no_follow_up";
export type HospitalStay = { id: StayId, person_name: string, person_sex: Sex | null, 
/**
 * The first visit linked to the stay (on or after admission).
 */
visited_on: string | null, 
/**
 * The first call or visit linked to the stay on or after discharge.
 */
follow_up_on: string | null, flags: Array<StayFlag>, person_id: PersonId, hospital: string, department: string, 
/**
 * 病情
 */
condition: string, admitted_on: string, discharged_on: string | null, notes: string, };
export type StayQuery = { 
/**
 * Stays that overlap the period (admitted before its end, not discharged before its start).
 */
period: Period | null, 
/**
 * Only stays without a discharge date.
 */
open_only: boolean, person_id: PersonId | null, 
/**
 * Only stays with at least one flag.
 */
flagged_only: boolean, };
export type DeathId = number;
export type DeathInput = { person_id: PersonId, died_on: string, 
/**
 * 原因
 */
cause: string, 
/**
 * 送别方式: 遗体告别 …
 */
farewell: string, 
/**
 * 丧葬费
 */
funeral: Fen, 
/**
 * 抚恤金
 */
pension: Fen, 
/**
 * 发放日期
 */
paid_on: string | null, 
/**
 * 领取人
 */
recipient: string, notes: string, 
/**
 * Family member ids to mark as survivors (see [`proposed_survivors`]).
 */
survivors: Array<number>, };
export type DeathOutcome = { death_id: DeathId, 
/**
 * The person's survivors after the change.
 */
survivors: Array<FamilyMember>, 
/**
 * Names of the campaigns the person was taken off.
 */
left_campaigns: Array<string>, 
/**
 * A 吊唁 visit prefilled for the UI to show; not saved.
 */
proposed_visit: VisitInput, };
export type DeathRecord = { id: DeathId, person_id: PersonId, name: string, sex: Sex | null, birth: string | null, retirement_kind: RetirementKind | null, died_on: string, cause: string, farewell: string, funeral: Fen, pension: Fen, paid_on: string | null, recipient: string, notes: string, survivors: Array<FamilyMember>, };
export type SurvivorRow = { family_member_id: number, person_id: PersonId, 
/**
 * The deceased retiree.
 */
deceased_name: string, died_on: string | null, name: string, relation: string, birth: string | null, 
/**
 * The phone as lists show it (`138****5678`), masked by the core.
 */
phone_masked: string, 
/**
 * The address as lists show it (`北京市东城区****`), masked by the core.
 */
address_masked: string, 
/**
 * 是否享受遗属补助
 */
survivor_aid: boolean, };
export type TimelineEntry = { 
/**
 * ISO text, `2026-10-15`; party dates may be `1965-07` or `1965` (their recorded precision).
 */
date: string, 
/**
 * visit / hospital / subsidy / checkup / party / medal / activity / death
 */
kind: string, 
/**
 * 走访慰问 / 住院 / 补贴 / 体检 / 党员 / 活动 / 去世
 */
kind_label: string, title: string, detail: string, 
/**
 * The table the record lives in, for opening it (`visit`, `hospital_stay`, `person` …).
 */
entity: string, entity_id: number | null, };
export type TimelinePage = { entries: Array<TimelineEntry>, total: number, };
export type PageRequest<F, K> = { filter: F, 
/**
 * The column to sort by; `None` (or absent) is the ledger's natural order. No
 * `#[serde(default)]` here: serde would then ask every sort key to be `Default`.
 */
sort: K | null, 
/**
 * Descending instead of ascending (only with `sort`).
 */
desc: boolean, offset: number, 
/**
 * Rows per page; 0 means [`DEFAULT_LIMIT`], more than [`MAX_LIMIT`] is cut to it.
 */
limit: number, };
export type Page<T, S> = { rows: Array<T>, total: number, totals: S, };
export type VisitSort = "date" | "person_name" | "kind" | "reason" | "leader" | "amount";
export type VisitTotals = { 
/**
 * 人数: how many different people the visits went to.
 */
persons: number, 
/**
 * 慰问金合计.
 */
amount: Fen, };
export type VoidedLedger = "visits" | "hospital" | "subsidies" | "checkups" | "deaths" | "people" | "campaigns" | "activities" | "medals" | "must_visit_cases" | "subsidy_batches";
export type VoidedQuery = { ledger: VoidedLedger, };
export type VoidedSort = "voided_at";
export type VoidedRecord = { id: number, person_name: string, 
/**
 * The record's own date as entered (走访日期, 入院日期, 发放日期, 体检日期 or 年度, 去世日期, 出生年月).
 */
date: string, 
/**
 * What it was, as the ledger shows it: e.g. "生日 · 500.00元", "市一医院", "高龄补贴 · 300.00元".
 */
what: string, voided_at: string, void_reason: string, };
export type VoidedTotals = Record<string, never>;
export type SubsidySort = "paid_on" | "person_name" | "kind" | "period" | "amount";
export type SubsidyPageTotals = { 
/**
 * Distinct recipients (a survivor counts apart from the retiree), as in the period totals.
 */
persons: number, amount: Fen, };
export type StaySort = "admitted_on" | "discharged_on" | "person_name" | "hospital" | "visited_on";
export type StayTotals = { persons: number, 
/**
 * 仍在住院: no discharge date.
 */
in_hospital: number, 
/**
 * 未探视.
 */
not_visited: number, 
/**
 * 出院一周内未回访, as of today.
 */
no_follow_up: number, };
export type CheckupFilter = { year: number, status: CheckupStatus | null, 
/**
 * Name, pinyin, initials, ID or phone digits, as in the roster search.
 */
search: string, };
export type CheckupSort = "name" | "status" | "date";
export type CheckupTotals = { living: number, attended: number, absent: number, not_recorded: number, 
/**
 * attended ÷ listed, 0–1.
 */
rate: number, };
export type CoverageShow = "all" | "todo" | "done";
export type CoverageFilter = { campaign_id: CampaignId, show: CoverageShow, 
/**
 * Name, pinyin, initials, ID or phone digits, as in the roster search.
 */
search: string, };
export type CoverageSort = "name" | "branch" | "visited_on";
export type CoverageTotals = { campaign: Campaign, targets: number, visited: number, };
export type TargetName = { person_id: PersonId, name: string, };
export type SurvivorFilter = { 
/**
 * Part of the survivor's name, or the deceased's name, pinyin or initials.
 */
search: string, 
/**
 * Only those who receive 遗属补助.
 */
aid_only: boolean, };
export type SurvivorSort = "deceased_name" | "died_on" | "name";
export type SurvivorTotals = { 
/**
 * Deceased retirees the matching survivors belong to.
 */
deceased: number, with_aid: number, };
export type Recurrence = "month" | "quarter" | "year";
export type MemberFilter = { 
/**
 * One branch (as written on the roster), or every branch.
 */
branch: string | null, 
/**
 * Name, pinyin, initials, ID or phone digits, as in the roster search.
 */
search: string, };
export type MemberSort = "name" | "branch" | "joined" | "dues";
export type MemberRow = { 
/**
 * More than the unit's `dues_months` behind (or nothing recorded).
 */
dues_behind: boolean, person_id: PersonId, name: string, sex: Sex | null, birth: string | null, political_status: PoliticalStatus | null, branch: string, party_joined: string | null, party_confirmed: string | null, 
/**
 * 党内职务: 书记, 组织委员 … (empty for an ordinary member).
 */
post: string, 
/**
 * 党费缴至: year and month.
 */
dues_paid_to: string | null, 
/**
 * 正常 / 流动 / 失联
 */
contact: PartyContact, };
export type MemberTotals = { 
/**
 * 流动党员 and 失联党员.
 */
not_normal: number, dues_behind: number, branches: Array<string>, };
export type ReminderKind = "birthday" | "political_birthday" | "hospital_visit" | "hospital_follow_up" | "care_contact" | "must_visit" | "delivery" | "medal" | "checkup" | "dues" | "subsidy" | "festival" | "election";
export type Fulfil = { "record": "visit", kind: VisitKind, reason: string, hospital_stay_id: number | null, survivor_id: number | null, } | { "record": "medal", year: number, } | { "record": "checkup", year: number, } | { "record": "party_dues" } | { "record": "subsidy", kind: string, period: string, } | { "record": "campaign", festival: Festival, year: number, campaign_id: number | null, } | { "record": "party_day", month: string, } | { "record": "election", branch_id: number, };
export type Reminder = { kind: ReminderKind, 
/**
 * Names the duty and its subject (`birthday:12`, `hospital_visit:12:40`), for dismissing.
 */
key: string, 
/**
 * The retiree (for a survivor's reminder, the deceased retiree); `None` for a campaign.
 */
person_id: PersonId | null, 
/**
 * The person, survivor or campaign.
 */
name: string, due: string, 
/**
 * Due before the day asked about and not yet done.
 */
overdue: boolean, 
/**
 * Why, in a sentence: `农历八月十五生日（2026年9月25日），满80周岁整寿`.
 */
message: string, 
/**
 * 一对一联系人 of the person (empty when none is recorded or for a campaign).
 */
liaison: string, 
/**
 * The button that fulfils it (登记生日慰问 …).
 */
action: string, fulfil: Fulfil, 
/**
 * A dismissal of this reminder keeps it away up to this day (a standing duty such as regular
 * contact); otherwise only this occurrence (`due`) is dismissed.
 */
dismiss_until: string | null, 
/**
 * Birthdays: by the lunar birthday.
 */
lunar?: boolean, 
/**
 * Birthdays: the age reached.
 */
age?: number, 
/**
 * Birthdays: 整寿.
 */
round?: boolean, 
/**
 * Birthdays: false when the birth is known only to the month (the entry is the month's).
 */
day_known?: boolean, };
export type ReminderQuery = { on: string, 
/**
 * The window is `on` up to but not including `on + days`; overdue reminders are listed
 * whatever the window.
 */
days: number, 
/**
 * Only these kinds (all when empty).
 */
kinds: Array<ReminderKind>, 
/**
 * Only the people of this liaison (一对一联系人).
 */
liaison: string | null, };
export type ReminderGroup = { kind: ReminderKind, total: number, overdue: number, 
/**
 * The first `first` reminders of the kind, overdue first, then by due date.
 */
items: Array<Reminder>, };
export type ReminderSettings = { 
/**
 * 整寿: the ages whose birthday is always visited.
 */
round_ages: Array<number>, 
/**
 * Every birthday from this age on is visited.
 */
every_birthday_from: number, 
/**
 * A birthday visit this many days before or after the day counts for it.
 */
birthday_margin_days: number, 
/**
 * 一对一联系: 离休干部, every this many days.
 */
lixiu_contact_days: number, 
/**
 * 一对一联系: the priority groups (≥ `priority_age`, 独居, 空巢, 失能/半失能, 长年有病,
 * 生活不能自理), every this many days.
 */
priority_contact_days: number, 
/**
 * The age from which a person is in the priority group.
 */
priority_age: number, 
/**
 * 一对一联系: everyone else, every this many days.
 */
other_contact_days: number, 
/**
 * 住院必访: a visit within this many days of admission.
 */
hospital_visit_days: number, 
/**
 * A long stay needs a visit at least every this many days.
 */
long_stay_days: number, 
/**
 * A call or visit within this many days of discharge.
 */
follow_up_days: number, 
/**
 * 五必访: a visit within this many days of learning of the case.
 */
must_visit_days: number, 
/**
 * 党费: a reminder when paid up to more than this many months ago.
 */
dues_months: number, 
/**
 * 体检: people not examined by the end of this month.
 */
checkup_month: number, 
/**
 * 季度报送: due on this day of the month after each quarter.
 */
deadline_day: number, 
/**
 * A birthday, festival or political birthday missed stays on 待办 this many days.
 */
keep_missed_days: number, };
export type SettingHelp = { field: string, label: string, 
/**
 * What it does, in one line.
 */
help: string, };
export type Rule = { kind: ReminderKind, 
/**
 * The group heading on 待办: 生日, 住院探视 …
 */
label: string, 
/**
 * The button that fulfils it: 登记生日慰问 …
 */
action: string, 
/**
 * What counts as done, in one line for the clerk.
 */
fulfilled_by: string, };
export type MustVisitCaseInput = { person_id: PersonId, 
/**
 * One of the unit's 五必访 reasons.
 */
reason: string, 
/**
 * The day the office learned of it.
 */
learned_on: string, notes: string, };
export type DeliveryEntry = { person_id: PersonId, name: string, reason: string, added_on: string, };
export type Dismissal = { key: string, due: string, until: string | null, 
/**
 * Why (本人在外地随子女居住 …); required.
 */
reason: string, };
export type BirthdayRow = { person_id: PersonId, name: string, sex: Sex | null, 
/**
 * The age reached on this birthday (lunar years for a lunar birthday).
 */
age: number, 
/**
 * 整寿, by the unit's set.
 */
round: boolean, 
/**
 * The solar day; for a birth known only to the month, the month's first day.
 */
date: string, 
/**
 * False when only the month of birth is known (日期不详).
 */
day_known: boolean, 
/**
 * `农历八月十五` when kept by the lunar calendar.
 */
lunar: string | null, liaison: string, 
/**
 * The address with its detail hidden, as lists show it.
 */
address: string, };
export type CalendarDue = { kind: ReminderKind, name: string, message: string, };
export type CalendarDay = { date: string, 
/**
 * Under the day number: the lunar day (`十五`), or the month's name on its first day (`八月`).
 */
lunar: string, 
/**
 * 春节, 元宵节, 七一, 中秋节, 重阳节 …, and the quarterly submission deadline.
 */
festivals: Array<string>, 
/**
 * Birthdays kept on this day (a birth known only to the month is on the list, not a day).
 */
birthdays: Array<BirthdayRow>, due: Array<CalendarDue>, };
export type CalendarMonth = { year: number, month: number, days: Array<CalendarDay>, month_birthdays: Array<BirthdayRow>, };
export type LiaisonCount = { liaison: string, people: number, };
export type LiaisonQuery = { liaison: string, on: string, 
/**
 * What falls due within this many days after `on` (overdue duties are always shown).
 */
days: number, offset: number, 
/**
 * Rows per page; 0 means all.
 */
limit: number, };
export type LiaisonRow = { person_id: PersonId, name: string, sex: Sex | null, age: number | null, phone_masked: string, 
/**
 * The address with its detail hidden, as lists show it.
 */
address: string, 
/**
 * The last visit or call to the person on or before the day asked about.
 */
last_contact: string | null, last_contact_kind: VisitKind | null, 
/**
 * Who made that contact (走访人), empty when not recorded.
 */
last_contact_by: string, 
/**
 * What is due for the person, overdue first.
 */
due: Array<Reminder>, };
export type LiaisonPage = { liaison: string, 
/**
 * All the liaison's living people, not only this page.
 */
total: number, 
/**
 * How many of them have an overdue duty.
 */
overdue_people: number, rows: Array<LiaisonRow>, };
export type DeliveryRow = { person_id: PersonId, name: string, sex: Sex | null, age: number | null, 
/**
 * The address with its detail hidden, as the roster shows it.
 */
address: string, liaison: string, 
/**
 * Why the person is on the list (年高体弱、行动不便 …).
 */
reason: string, 
/**
 * This month's deliveries: `送文件 11.03（王明）`, in date order.
 */
delivered: Array<string>, };
export type BranchKind = "general" | "lixiu" | "tuixiu" | "combined" | "lixiu_with_serving" | "tuixiu_with_serving";
export type BranchInput = { name: string, kind: BranchKind, 
/**
 * 书记
 */
secretary: string, 
/**
 * 支委 (names, separated by 、)
 */
committee: string, 
/**
 * 党小组数
 */
groups: number, 
/**
 * 上次换届时间
 */
last_election: string | null, };
export type BranchRow = { id: number, fields: BranchInput, 
/**
 * The day the term runs out (ISO), when an election is recorded.
 */
due_on: string | null, 
/**
 * 换届到期: the term has run out, or no election is recorded.
 */
election_due: boolean, 
/**
 * Living people whose 所在党支部 is this branch.
 */
members: number, };

// Chinese labels of every enum, as the core prints them.
export const SEX_LABELS: Record<Sex, string> = {
  male: "男",
  female: "女",
};
export const RETIREMENT_KIND_LABELS: Record<RetirementKind, string> = {
  lixiu: "离休",
  tuixiu: "退休",
  tuizhi: "退职",
};
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  organ: "机关",
  institution: "事业单位",
  enterprise: "企业",
};
export const GRADE_LABELS: Record<Grade, string> = {
  provincial_full: "正省部级",
  provincial_deputy: "副省部级",
  bureau_full: "正厅局级",
  bureau_deputy: "副厅局级",
  county_full: "正县处级",
  county_deputy: "副县处级",
  section_full: "正乡科级",
  section_deputy: "副乡科级",
  staff_other: "科员办事员及其他",
};
export const HEALTH_LABELS: Record<Health, string> = {
  good: "健康",
  fair: "一般",
  chronic: "长年有病",
  dependent: "生活不能自理",
};
export const LIVING_LABELS: Record<Living, string> = {
  alone: "独居",
  empty_nest: "空巢",
  with_children: "与子女同住",
  care_home: "养老机构",
};
export const CARE_LEVEL_LABELS: Record<CareLevel, string> = {
  self_caring: "能自理",
  partly_disabled: "半失能",
  disabled: "失能",
};
export const RESIDENCE_LABELS: Record<Residence, string> = {
  local: "本市",
  in_province: "省内异地",
  out_of_province: "省外",
  abroad: "境外",
};
export const POLITICAL_STATUS_LABELS: Record<PoliticalStatus, string> = {
  cpc_member: "中共党员",
  cpc_probationary: "中共预备党员",
  democratic_party: "民主党派",
  masses: "群众",
};
export const VISIT_KIND_LABELS: Record<VisitKind, string> = {
  birthday: "生日",
  hospital: "住院",
  holiday: "节日",
  routine: "日常走访",
  phone: "电话问候",
  condolence: "吊唁",
  survivor: "遗属慰问",
  must_visit: "五必访",
  deliver_documents: "送文件",
  deliver_study: "送学习资料",
  deliver_papers: "送报刊",
};
export const FESTIVAL_LABELS: Record<Festival, string> = {
  spring_festival: "春节",
  party_day: "七一",
  double_ninth: "重阳节",
  other: "其他",
};
export const PAY_METHOD_LABELS: Record<PayMethod, string> = {
  cash: "现金",
  transfer: "转账",
  goods: "物资",
};
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  study: "学习",
  party_day: "主题党日",
  forum: "座谈会",
  outing: "春秋游",
  recreation: "文体",
  health_talk: "体检讲座",
  other: "其他",
};
export const PARTY_CONTACT_LABELS: Record<PartyContact, string> = {
  normal: "正常",
  flowing: "流动",
  lost: "失联",
};
export const MARITAL_STATUS_LABELS: Record<MaritalStatus, string> = {
  married: "已婚",
  widowed: "丧偶",
  divorced: "离异",
  single: "未婚",
};
export const PROFILE_LIST_LABELS: Record<ProfileList, string> = {
  ill: "患病",
  widowed: "丧偶",
  alone: "独居",
  hobbies: "特长爱好",
  needs: "个性需求",
  hardship: "特殊困难",
};
export const BRANCH_KIND_LABELS: Record<BranchKind, string> = {
  general: "党总支",
  lixiu: "离休干部党支部",
  combined: "离退休干部合编党支部",
  tuixiu: "退休干部党支部",
  lixiu_with_serving: "离休干部与在职党员合编",
  tuixiu_with_serving: "退休干部与在职党员合编",
};
export const REMINDER_KIND_LABELS: Record<ReminderKind, string> = {
  hospital_visit: "住院探视",
  hospital_follow_up: "出院回访",
  must_visit: "五必访",
  birthday: "生日慰问",
  care_contact: "一对一联系",
  festival: "节日慰问",
  medal: "光荣在党50年",
  political_birthday: "政治生日",
  delivery: "送学上门",
  checkup: "健康体检",
  dues: "党费",
  subsidy: "补贴发放",
  election: "支部换届",
};
export const REMINDER_SETTINGS_HELP: SettingHelp[] = [
  {
    "field": "round_ages",
    "label": "整寿年龄",
    "help": "逢这些年龄的生日一定上门祝寿（默认70、80、90、100岁）"
  },
  {
    "field": "every_birthday_from",
    "label": "每年祝寿起始年龄",
    "help": "年满此岁后每个生日都提醒（默认90岁）"
  },
  {
    "field": "birthday_margin_days",
    "label": "生日慰问前后天数",
    "help": "生日前后这么多天内登记的生日慰问都算数（默认30天）"
  },
  {
    "field": "lixiu_contact_days",
    "label": "离休干部联系间隔（天）",
    "help": "离休干部超过这么多天没有走访或电话就提醒（默认30天）"
  },
  {
    "field": "priority_contact_days",
    "label": "重点对象联系间隔（天）",
    "help": "高龄、独居、空巢、失能半失能、长年有病、生活不能自理的老同志（默认90天）"
  },
  {
    "field": "priority_age",
    "label": "高龄起始年龄",
    "help": "年满此岁列为重点联系对象（默认80岁）"
  },
  {
    "field": "other_contact_days",
    "label": "其他人员联系间隔（天）",
    "help": "其余老同志超过这么多天没有联系就提醒（默认180天）"
  },
  {
    "field": "hospital_visit_days",
    "label": "住院探视期限（天）",
    "help": "入院后这么多天内应去探视（默认3天）"
  },
  {
    "field": "long_stay_days",
    "label": "长期住院探视间隔（天）",
    "help": "住院期间至少这么多天探视一次（默认30天）"
  },
  {
    "field": "follow_up_days",
    "label": "出院回访期限（天）",
    "help": "出院后这么多天内电话或上门回访（默认7天）"
  },
  {
    "field": "must_visit_days",
    "label": "五必访期限（天）",
    "help": "得知情况后这么多天内上门（默认7天）"
  },
  {
    "field": "dues_months",
    "label": "党费欠缴提醒（月）",
    "help": "党费缴至月份落后超过这么多个月就提醒（默认3个月）"
  },
  {
    "field": "checkup_month",
    "label": "体检截止月份",
    "help": "到该月底仍未体检的人员提醒（默认10月）"
  },
  {
    "field": "deadline_day",
    "label": "季度报送日",
    "help": "每季度结束后次月的这一天报送台账（默认10日）"
  },
  {
    "field": "keep_missed_days",
    "label": "错过后保留天数",
    "help": "错过的生日、节日、政治生日在待办中保留这么多天（默认30天）"
  }
];
export const IDLE_LOCK_HELP: SettingHelp = {"field":"idle_lock_minutes","help":"设有操作员时，这么多分钟没有操作就锁定窗口，需重新选择操作员登录；0 表示不锁定（默认10分钟）","label":"无操作自动锁定（分钟）"};
