// Generated from the Rust types in crates/ledger by `UPDATE_BINDINGS=1 cargo test -p ledger bindings`.
// Do not edit by hand.

export type ErrorKind = "database" | "file" | "invalid" | "not_found" | "cancelled";
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
export type Contact = { id_number: string, phone: string, };
export type FieldChange = { field: string, old: unknown, new: unknown, };
export type AuditEntry = { at: string, actor: string, entity: string, entity_id: number | null, action: string, changes: Array<FieldChange>, reason: string | null, };
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
fields: PersonFields, duplicate_of: PersonId | null, 
/**
 * Why it is a duplicate (`身份证号相同`, `姓名和出生年月相同`), empty otherwise.
 */
duplicate_reason: string, issues: Array<ImportIssue>, };
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
header_rows: Array<number>, columns: Array<ColumnMapping>, rows: Array<PreviewRow>, new_count: number, duplicate_count: number, invalid_count: number, warning_count: number, };
export type ImportOptions = { on_duplicate: DuplicateAction, 
/**
 * Write the good rows even when some rows have errors. Without it, any error stops the import
 * and nothing is written.
 */
skip_invalid: boolean, 
/**
 * Per-row choices that override `on_duplicate` (row number, action).
 */
overrides: Array<[number, DuplicateAction]>, };
export type ImportSummary = { added: number, updated: number, skipped: number, errors: Array<ImportIssue>, warnings: Array<ImportIssue>, };
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
export type VisitKind = "birthday" | "hospital" | "holiday" | "routine" | "phone" | "condolence" | "survivor" | "must_visit";
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
in_use: boolean, };
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
deceased_name: string, died_on: string | null, name: string, relation: string, birth: string | null, phone: string, address: string, 
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
