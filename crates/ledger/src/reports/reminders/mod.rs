//! What is due: every reminder for a day and a window, computed from the ledger each time.
//!
//! Nothing here is stored as a reminder: [`compute`] reads the roster and the work ledgers and
//! derives what the office still owes each person, so a reminder goes away by itself when the
//! record that fulfils it (a visit, a medal, a checkup, a payment) is entered, and a death removes
//! every reminder of the person in the transaction that records it (rule 7). What the clerk
//! decides is kept in the tables of migration 005 ([`cases`]): 五必访 cases, the 送学上门 list, and
//! reminders dismissed for their period.
//!
//! The rules are data ([`rules::RULES`], [`rules::ReminderSettings`] with DOMAIN.md's defaults);
//! the birthday placement is pure ([`birthdays`]). The core never reads the clock: `on` is passed in.

pub mod birthday_list;
pub mod birthdays;
pub mod calendar;
pub mod election;
pub mod groups;
pub mod liaison;

pub mod rules;
#[cfg(test)]
mod tests;

pub use rules::{ReminderKind, ReminderSettings, Rule, RULES};

use crate::domain::date::PartialDate;
use crate::domain::model::*;
use crate::error::{Error, Result};
use chrono::{Datelike, Days, Months, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

/// The record that would fulfil a reminder, with what the form should be prefilled with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "record", rename_all = "snake_case")]
pub enum Fulfil {
    /// A visit of this kind (登记生日慰问, 登记探视, 登记回访, 登记联系 …).
    Visit {
        kind: VisitKind,
        reason: String,
        #[ts(type = "number | null")]
        hospital_stay_id: Option<i64>,
        #[ts(type = "number | null")]
        survivor_id: Option<i64>,
    },
    /// 颁发纪念章 for the year.
    Medal { year: i32 },
    /// The year's checkup (attended, or the reason not).
    Checkup { year: i32 },
    /// 党费缴至 brought up to date.
    PartyDues,
    /// A payment of the kind for the period (`2026-Q4`).
    Subsidy { kind: String, period: String },
    /// A festival campaign (created, then every target visited).
    Campaign {
        festival: Festival,
        year: i32,
        #[ts(type = "number | null")]
        campaign_id: Option<i64>,
    },
    /// The month's 主题党日 activity with the person among those taking part (`2026-07`).
    PartyDay { month: String },
    /// The branch's new election (上次换届时间) recorded.
    Election {
        #[ts(type = "number")]
        branch_id: i64,
    },
}

/// One thing due.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Reminder {
    pub kind: ReminderKind,
    /// Names the duty and its subject (`birthday:12`, `hospital_visit:12:40`), for dismissing.
    pub key: String,
    /// The retiree (for a survivor's reminder, the deceased retiree); `None` for a campaign.
    pub person_id: Option<PersonId>,
    /// The person, survivor or campaign.
    pub name: String,
    #[ts(type = "string")]
    pub due: NaiveDate,
    /// Due before the day asked about and not yet done.
    pub overdue: bool,
    /// Why, in a sentence: `农历八月十五生日（2026年9月25日），满80周岁整寿`.
    pub message: String,
    /// 一对一联系人 of the person (empty when none is recorded or for a campaign).
    pub liaison: String,
    /// The button that fulfils it (登记生日慰问 …).
    pub action: String,
    pub fulfil: Fulfil,
    /// A dismissal of this reminder keeps it away up to this day (a standing duty such as regular
    /// contact); otherwise only this occurrence (`due`) is dismissed.
    #[ts(type = "string | null")]
    pub dismiss_until: Option<NaiveDate>,
    /// Birthdays: by the lunar birthday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub lunar: Option<bool>,
    /// Birthdays: the age reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub age: Option<i32>,
    /// Birthdays: 整寿.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub round: Option<bool>,
    /// Birthdays: false when the birth is known only to the month (the entry is the month's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub day_known: Option<bool>,
}

/// What to compute: the day, the window after it, and optional filters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReminderQuery {
    #[ts(type = "string")]
    pub on: NaiveDate,
    /// The window is `on` up to but not including `on + days`; overdue reminders are listed
    /// whatever the window.
    pub days: u32,
    /// Only these kinds (all when empty).
    #[serde(default)]
    pub kinds: Vec<ReminderKind>,
    /// Only the people of this liaison (一对一联系人).
    #[serde(default)]
    pub liaison: Option<String>,
}

impl ReminderQuery {
    /// Everything due from `on` over the next `days` days.
    pub fn new(on: NaiveDate, days: u32) -> Self {
        Self { on, days, kinds: Vec::new(), liaison: None }
    }

    fn wants(&self, kind: ReminderKind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }
}

/// 2026年9月25日
fn cn(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn plus(d: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        d.checked_add_days(Days::new(days as u64)).unwrap_or(NaiveDate::MAX)
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs())).unwrap_or(NaiveDate::MIN)
    }
}

fn first_of_month(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MAX)
}

/// What the engine knows of a living (or dead) person.
struct PersonFacts {
    id: i64,
    name: String,
    birth: Option<PartialDate>,
    lunar: Option<LunarBirthday>,
    political_status: Option<PoliticalStatus>,
    party_joined: Option<PartialDate>,
    party_confirmed: Option<PartialDate>,
    retirement_kind: Option<RetirementKind>,
    health: Option<Health>,
    care_level: Option<CareLevel>,
    living: Option<Living>,
    liaison: String,
    died_on: Option<PartialDate>,
}

/// Read from the covering index `people_reminder_facts` (migration 013); a test checks the plan.
const PEOPLE_FACTS: &str = "SELECT id, name, birth, lunar_month, lunar_day, lunar_leap,
        political_status, party_joined, party_confirmed, retirement_kind, health, care_level,
        living, liaison, died_on
     FROM people WHERE voided_at IS NULL ORDER BY id";

fn load_people(conn: &Connection) -> Result<Vec<PersonFacts>> {
    let mut stmt = conn.prepare_cached(PEOPLE_FACTS)?;
    let rows = stmt.query_map([], |r| {
        let month: Option<u8> = r.get(3)?;
        let day: Option<u8> = r.get(4)?;
        Ok(PersonFacts {
            id: r.get(0)?,
            name: r.get(1)?,
            birth: r.get(2)?,
            lunar: month.zip(day).map(|(month, day)| LunarBirthday {
                month,
                day,
                leap: r.get::<_, i64>(5).unwrap_or(0) != 0,
            }),
            political_status: r.get(6)?,
            party_joined: r.get(7)?,
            party_confirmed: r.get(8)?,
            retirement_kind: r.get(9)?,
            health: r.get(10)?,
            care_level: r.get(11)?,
            living: r.get(12)?,
            liaison: r.get(13)?,
            died_on: r.get(14)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// person id → dates, from a query returning (person_id, date) rows.
fn dates_by_person(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<HashMap<i64, Vec<NaiveDate>>> {
    let mut out: HashMap<i64, Vec<NaiveDate>> = HashMap::new();
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?).or_default().push(r.get(1)?);
    }
    Ok(out)
}

/// The engine's state while it runs: the query, the settings, and what it has found.
struct Run<'a> {
    q: &'a ReminderQuery,
    s: ReminderSettings,
    /// The first day after the window.
    end: NaiveDate,
    /// Missed birthdays, festivals and political birthdays are kept from this day on.
    keep_from: NaiveDate,
    out: Vec<Reminder>,
}

impl Run<'_> {
    /// Whether a reminder due on `due` would be kept: a rule asks before it writes the message,
    /// as most of the ten thousand people checked are not due.
    fn keeps(&self, due: NaiveDate) -> bool {
        due < self.end
    }

    /// Adds a reminder when it is overdue or falls in the window; `last_day` is the last day on
    /// which it is not yet overdue (the due day itself, or a month's last day).
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kind: ReminderKind,
        key: String,
        person: Option<&PersonFacts>,
        name: &str,
        due: NaiveDate,
        last_day: NaiveDate,
        message: String,
        fulfil: Fulfil,
    ) -> Option<&mut Reminder> {
        if due >= self.end {
            return None;
        }
        self.out.push(Reminder {
            kind,
            key,
            person_id: person.map(|p| PersonId(p.id)),
            name: name.to_string(),
            due,
            overdue: last_day < self.q.on,
            message,
            liaison: person.map(|p| p.liaison.clone()).unwrap_or_default(),
            action: kind.rule().action.to_string(),
            fulfil,
            dismiss_until: None,
            lunar: None,
            age: None,
            round: None,
            day_known: None,
        });
        self.out.last_mut()
    }
}

/// Everyone on the roster, and the living among them: what every rule starts from.
struct Facts<'a> {
    all: &'a [PersonFacts],
    living: &'a [&'a PersonFacts],
}

/// A rule of the engine: adds to `run` the reminders of its kinds.
type RuleFn = fn(&Connection, &mut Run<'_>, &Facts<'_>) -> Result<()>;

/// Which rule computes which kinds (the hospital rule both of its own); a test checks that every
/// kind is computed by exactly one rule.
const ENGINE: &[(&[ReminderKind], RuleFn)] = &[
    (&[ReminderKind::Birthday], birthday),
    (&[ReminderKind::PoliticalBirthday], political_birthday),
    (&[ReminderKind::HospitalVisit, ReminderKind::HospitalFollowUp], hospital),
    (&[ReminderKind::CareContact], care_contact),
    (&[ReminderKind::MustVisit], must_visit),
    (&[ReminderKind::Delivery], delivery),
    (&[ReminderKind::Medal], medal),
    (&[ReminderKind::Checkup], checkup),
    (&[ReminderKind::Dues], dues),
    (&[ReminderKind::Subsidy], subsidy),
    (&[ReminderKind::Festival], festival),
    (&[ReminderKind::Election], election::election),
];

/// Every reminder for `q.on` and the `q.days` after it, overdue first, then by due date.
pub fn compute(conn: &Connection, q: &ReminderQuery) -> Result<Vec<Reminder>> {
    if q.days > 3660 {
        return Err(Error::invalid("提醒的天数不合理，请填写0到3660之间的天数，如30。"));
    }
    let s = rules::get(conn)?;
    let mut run = Run {
        q,
        end: plus(q.on, i64::from(q.days)),
        keep_from: plus(q.on, -s.keep_missed_days),
        s,
        out: Vec::new(),
    };
    let people = load_people(conn)?;
    let living: Vec<&PersonFacts> = people.iter().filter(|p| p.died_on.is_none()).collect();

    let facts = Facts { all: &people, living: &living };
    for (kinds, rule) in ENGINE {
        if kinds.iter().any(|k| q.wants(*k)) {
            rule(conn, &mut run, &facts)?;
        }
    }

    let dismissed = crate::tables::reminder_cases::active_dismissals(conn)?;
    let on = q.on;
    let mut out: Vec<Reminder> = run
        .out
        .into_iter()
        .filter(|r| {
            !dismissed.get(&r.key).is_some_and(|ds| {
                ds.iter().any(|(due, until)| *due == r.due || until.is_some_and(|u| u >= on))
            })
        })
        .filter(|r| q.liaison.as_deref().is_none_or(|l| r.liaison == l))
        .collect();
    out.sort_by(|a, b| {
        (!a.overdue, a.due, a.kind, &a.name, &a.key)
            .cmp(&(!b.overdue, b.due, b.kind, &b.name, &b.key))
    });
    Ok(out)
}

/// 祝寿上门: 整寿 and every birthday from the set age, by the lunar birthday when one is recorded.
/// Fulfilled by a birthday visit within `birthday_margin_days` of the day.
fn birthday(conn: &Connection, run: &mut Run<'_>, facts: &Facts<'_>) -> Result<()> {
    let living = facts.living;
    let margin = run.s.birthday_margin_days;
    // A month-level entry may start up to a month before the kept range.
    let from = plus(run.keep_from, -31);
    let visits = dates_by_person(
        conn,
        "SELECT person_id, date FROM visits WHERE voided_at IS NULL AND kind = 'birthday'
           AND survivor_id IS NULL AND date >= ?1",
        [iso(plus(from, -margin))],
    )?;
    let mut months = birthdays::LunarMonths::default();
    for p in living {
        for o in birthdays::occurrences(p.birth, p.lunar, from, run.end, &mut months) {
            if o.last_day < run.keep_from {
                continue;
            }
            let round = run.s.round_ages.contains(&o.age);
            if !round && o.age < run.s.every_birthday_from {
                continue;
            }
            let (lo, hi) = (plus(o.date, -margin), plus(o.last_day, margin));
            if visits.get(&p.id).is_some_and(|ds| ds.iter().any(|d| (lo..=hi).contains(d))) {
                continue;
            }
            let when = if o.day_known { format!("（{}）", cn(o.date)) } else { String::new() };
            let what = if round {
                format!("满{}周岁整寿", o.age)
            } else {
                format!("{}周岁", o.age)
            };
            let message = format!("{}生日{when}，{what}", o.label);
            let reason =
                if round { format!("{}岁整寿", o.age) } else { format!("{}岁生日", o.age) };
            let key = format!("birthday:{}", p.id);
            let fulfil = Fulfil::Visit {
                kind: VisitKind::Birthday,
                reason,
                hospital_stay_id: None,
                survivor_id: None,
            };
            if let Some(r) = run.push(
                ReminderKind::Birthday,
                key,
                Some(p),
                &p.name,
                o.date,
                o.last_day,
                message,
                fulfil,
            ) {
                r.lunar = Some(o.lunar);
                r.age = Some(o.age);
                r.round = Some(round);
                r.day_known = Some(o.day_known);
            }
        }
    }
    Ok(())
}

/// 政治生日: members' 入党 anniversaries coming up, celebrated at the month's 主题党日 (an activity
/// of that kind with the person taking part fulfils it). Never overdue: a month's 主题党日 that has
/// passed is not held again.
fn political_birthday(conn: &Connection, run: &mut Run<'_>, facts: &Facts<'_>) -> Result<()> {
    let living = facts.living;
    let mut attended: HashSet<(i64, String)> = HashSet::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT ap.person_id, substr(a.date, 1, 7) FROM activities a
             JOIN activity_participants ap ON ap.activity_id = a.id
             WHERE a.voided_at IS NULL AND ap.removed_at IS NULL AND a.kind = 'party_day'
               AND a.date >= ?1",
        )?;
        let mut rows = stmt.query([iso(first_of_month(run.q.on.year(), run.q.on.month()))])?;
        while let Some(r) = rows.next()? {
            attended.insert((r.get(0)?, r.get(1)?));
        }
    }
    for p in living {
        if !p.political_status.is_some_and(PoliticalStatus::is_party_member) {
            continue;
        }
        let Some(joined) = p.party_joined else { continue };
        let Some(month) = joined.month() else { continue };
        for year in run.q.on.year()..=run.end.year() {
            let years = year - joined.year();
            if years <= 0 {
                continue;
            }
            let first = first_of_month(year, month);
            let (due, last_day) = match joined.day() {
                Some(day) => {
                    let d = NaiveDate::from_ymd_opt(year, month, day)
                        .or_else(|| NaiveDate::from_ymd_opt(year, month, day - 1))
                        .unwrap_or(first);
                    (d, d)
                }
                None => (
                    first,
                    first
                        .checked_add_months(Months::new(1))
                        .and_then(|d| d.pred_opt())
                        .unwrap_or(first),
                ),
            };
            // Celebrated together at the month's 主题党日: one that has passed is not chased.
            if last_day < run.q.on || !run.keeps(due) {
                continue;
            }
            let ym = format!("{year}-{month:02}");
            if attended.contains(&(p.id, ym.clone())) {
                continue;
            }
            let message = format!(
                "{}入党，入党{years}周年，请在{month}月主题党日一同过政治生日",
                joined.chinese()
            );
            run.push(
                ReminderKind::PoliticalBirthday,
                format!("political_birthday:{}", p.id),
                Some(p),
                &p.name,
                due,
                last_day,
                message,
                Fulfil::PartyDay { month: ym },
            );
        }
    }
    Ok(())
}

/// A stay discharged longer ago than this is history: the hospital page still flags it, 待办 not.
const HOSPITAL_LOOKBACK_DAYS: i64 = 90;

/// 住院必访: a visit after admission, at least every `long_stay_days` during a long stay, and a
/// call or visit within `follow_up_days` of discharge. A visit linked to the stay counts, and so
/// does any hospital visit (or, after discharge, call or home visit) to the person in the time.
fn hospital(conn: &Connection, run: &mut Run<'_>, facts: &Facts<'_>) -> Result<()> {
    let people = facts.all;
    let by_id: HashMap<i64, &PersonFacts> = people.iter().map(|p| (p.id, p)).collect();
    let on = run.q.on;
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.person_id, s.hospital, s.admitted_on, s.discharged_on,
           (SELECT MAX(v.date) FROM visits v WHERE v.person_id = s.person_id
              AND v.voided_at IS NULL AND v.survivor_id IS NULL AND v.date >= s.admitted_on
              AND v.date <= ?2
              AND (v.hospital_stay_id = s.id OR v.kind = 'hospital')
              AND (s.discharged_on IS NULL OR v.date <= s.discharged_on)),
           (SELECT MIN(v.date) FROM visits v WHERE v.person_id = s.person_id
              AND v.voided_at IS NULL AND v.survivor_id IS NULL AND s.discharged_on IS NOT NULL
              AND v.date >= s.discharged_on AND v.kind IN ('phone', 'routine', 'hospital'))
         FROM hospital_stays s
         WHERE s.voided_at IS NULL AND s.admitted_on <= ?2
           AND (s.discharged_on IS NULL OR s.discharged_on >= ?1)
         ORDER BY s.id",
    )?;
    let mut rows = stmt.query([iso(plus(on, -HOSPITAL_LOOKBACK_DAYS)), iso(run.end)])?;
    while let Some(r) = rows.next()? {
        let stay: i64 = r.get(0)?;
        let Some(p) = by_id.get(&r.get::<_, i64>(1)?).copied() else { continue };
        if p.died_on.is_some() {
            continue;
        }
        let hospital: String = r.get(2)?;
        let admitted: NaiveDate = r.get(3)?;
        let discharged: Option<NaiveDate> = r.get(4)?;
        let last_visit: Option<NaiveDate> = r.get(5)?;
        let follow_up: Option<NaiveDate> = r.get(6)?;
        let at = if hospital.is_empty() { String::new() } else { format!("在{hospital}") };
        let visit = |kind: VisitKind, reason: &str| Fulfil::Visit {
            kind,
            reason: reason.into(),
            hospital_stay_id: Some(stay),
            survivor_id: None,
        };
        if run.q.wants(ReminderKind::HospitalVisit) && discharged.is_none() {
            let (due, message) = match last_visit {
                None => (
                    plus(admitted, run.s.hospital_visit_days),
                    format!("{}入院{at}住院，尚未探视", cn(admitted)),
                ),
                Some(v) => (
                    plus(v, run.s.long_stay_days),
                    format!(
                        "{}入院{at}住院，上次探视{}，住院期间每{}天至少探视一次",
                        cn(admitted),
                        cn(v),
                        run.s.long_stay_days
                    ),
                ),
            };
            run.push(
                ReminderKind::HospitalVisit,
                format!("hospital_visit:{}:{stay}", p.id),
                Some(p),
                &p.name,
                due,
                due,
                message,
                visit(VisitKind::Hospital, "住院探视"),
            );
        }
        if let (true, Some(out_on), None) =
            (run.q.wants(ReminderKind::HospitalFollowUp), discharged, follow_up)
        {
            let due = plus(out_on, run.s.follow_up_days);
            let message = format!(
                "{}出院，应在{}天内电话或上门回访，尚未回访",
                cn(out_on),
                run.s.follow_up_days
            );
            run.push(
                ReminderKind::HospitalFollowUp,
                format!("hospital_follow_up:{}:{stay}", p.id),
                Some(p),
                &p.name,
                due,
                due,
                message,
                visit(VisitKind::Phone, "出院回访"),
            );
        }
    }
    Ok(())
}

/// The visit kinds that count as keeping in touch (一对一联系): any visit or call to the person
/// themselves.
pub(crate) const CONTACT_KINDS: &str =
    "('birthday', 'hospital', 'holiday', 'routine', 'phone', 'must_visit',
    'deliver_documents', 'deliver_study', 'deliver_papers')";

/// Which contact group a person is in and its interval, by the unit's numbers.
fn contact_interval(p: &PersonFacts, s: &ReminderSettings, on: NaiveDate) -> (i64, &'static str) {
    let mut best = (s.other_contact_days, "");
    let mut take = |days: i64, why: &'static str| {
        if days < best.0 || best.1.is_empty() && days <= best.0 {
            best = (days, why);
        }
    };
    if p.retirement_kind == Some(RetirementKind::Lixiu) {
        take(s.lixiu_contact_days, "离休干部");
    }
    if p.birth.is_some_and(|b| b.age_on(on) >= s.priority_age) {
        take(s.priority_contact_days, "高龄");
    }
    match p.living {
        Some(Living::Alone) => take(s.priority_contact_days, "独居"),
        Some(Living::EmptyNest) => take(s.priority_contact_days, "空巢"),
        _ => {}
    }
    match p.care_level {
        Some(CareLevel::Disabled) => take(s.priority_contact_days, "失能"),
        Some(CareLevel::PartlyDisabled) => take(s.priority_contact_days, "半失能"),
        _ => {}
    }
    match p.health {
        Some(Health::Chronic) => take(s.priority_contact_days, "长年有病"),
        Some(Health::Dependent) => take(s.priority_contact_days, "生活不能自理"),
        _ => {}
    }
    best
}

/// 一对一联系: everyone is contacted (a visit or a call) within their group's interval.
/// Each person's last contact up to `?1`, read in person order from `visits_contact`; a test keeps
/// it there (a scan over every visit by date, then a lookup for each, took ten times as long).
fn last_contacts_sql() -> String {
    format!(
        "SELECT person_id, MAX(date) FROM visits WHERE voided_at IS NULL
           AND survivor_id IS NULL AND kind IN {CONTACT_KINDS} AND date <= ?1
         GROUP BY person_id"
    )
}

fn care_contact(conn: &Connection, run: &mut Run<'_>, facts: &Facts<'_>) -> Result<()> {
    let living = facts.living;
    let on = run.q.on;
    let mut last: HashMap<i64, NaiveDate> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(&last_contacts_sql())?;
        let mut rows = stmt.query([iso(on)])?;
        while let Some(r) = rows.next()? {
            last.insert(r.get(0)?, r.get(1)?);
        }
    }
    for p in living {
        let (days, group) = contact_interval(p, &run.s, on);
        let contacted = last.get(&p.id).copied();
        let due = contacted.map_or(on, |l| plus(l, days));
        if !run.keeps(due) {
            continue;
        }
        let group = if group.is_empty() { String::new() } else { format!("{group}，") };
        let message = match contacted {
            Some(l) => format!("{group}每{days}天至少联系一次，上次联系{}", cn(l)),
            None => format!("{group}每{days}天至少联系一次，尚无走访或电话记录"),
        };
        let interval = days;
        if let Some(r) = run.push(
            ReminderKind::CareContact,
            format!("care_contact:{}", p.id),
            Some(p),
            &p.name,
            due,
            due,
            message,
            Fulfil::Visit {
                kind: VisitKind::Phone,
                reason: "电话问候".into(),
                hospital_stay_id: None,
                survivor_id: None,
            },
        ) {
            r.dismiss_until = Some(plus(on, interval));
        }
    }
    Ok(())
}

/// 五必访: an open case is due within `must_visit_days` of the day the office learned of it, and
/// is closed by a visit (五必访, home visit or hospital visit) to the person on or after that day.
fn must_visit(conn: &Connection, run: &mut Run<'_>, facts: &Facts<'_>) -> Result<()> {
    let people = facts.all;
    let by_id: HashMap<i64, &PersonFacts> = people.iter().map(|p| (p.id, p)).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.person_id, c.reason, c.learned_on FROM must_visit_cases c
         WHERE c.voided_at IS NULL AND c.learned_on <= ?1
           AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.person_id = c.person_id
               AND v.voided_at IS NULL AND v.survivor_id IS NULL AND v.date >= c.learned_on
               AND v.kind IN ('must_visit', 'routine', 'hospital'))
         ORDER BY c.id",
    )?;
    let mut rows = stmt.query([iso(run.end)])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let Some(p) = by_id.get(&r.get::<_, i64>(1)?).copied() else { continue };
        if p.died_on.is_some() {
            continue;
        }
        let reason: String = r.get(2)?;
        let learned: NaiveDate = r.get(3)?;
        let due = plus(learned, run.s.must_visit_days);
        let message =
            format!("{}得知“{reason}”，五必访应在{}天内上门", cn(learned), run.s.must_visit_days);
        run.push(
            ReminderKind::MustVisit,
            format!("must_visit:{}:{id}", p.id),
            Some(p),
            &p.name,
            due,
            due,
            message,
            Fulfil::Visit {
                kind: VisitKind::MustVisit,
                reason,
                hospital_stay_id: None,
                survivor_id: None,
            },
        );
    }
    Ok(())
}

/// 上门三送: people on the 送学上门 list with nothing delivered this month: due from the month's
/// first day, overdue once the month is over.
fn delivery(conn: &Connection, run: &mut Run<'_>, facts: &Facts<'_>) -> Result<()> {
    let people = facts.all;
    let by_id: HashMap<i64, &PersonFacts> = people.iter().map(|p| (p.id, p)).collect();
    let on = run.q.on;
    let first = first_of_month(on.year(), on.month());
    let last = first.checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(first);
    let mut stmt = conn.prepare_cached(
        "SELECT d.person_id FROM delivery_list d
         WHERE d.removed_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.person_id = d.person_id
               AND v.voided_at IS NULL AND v.date >= ?1 AND v.date <= ?2
               AND v.kind IN ('deliver_documents', 'deliver_study', 'deliver_papers'))
         ORDER BY d.person_id",
    )?;
    let ids: Vec<i64> =
        stmt.query_map([iso(first), iso(last)], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for id in ids {
        let Some(p) = by_id.get(&id).copied() else { continue };
        if p.died_on.is_some() {
            continue;
        }
        let message = format!("{}月尚未送学上门（送文件、送学习资料、送报刊）", on.month());
        run.push(
            ReminderKind::Delivery,
            format!("delivery:{}:{}", p.id, first.format("%Y-%m")),
            Some(p),
            &p.name,
            first,
            last,
            message,
            Fulfil::Visit {
                kind: VisitKind::DeliverStudy,
                reason: "送学上门".into(),
                hospital_stay_id: None,
                survivor_id: None,
            },
        );
    }
    Ok(())
}

/// 光荣在党50年 (rule 5): living members who reach 50 years of standing by July 1 and have not
/// been presented the medal; due July 1.
fn medal(conn: &Connection, run: &mut Run<'_>, facts: &Facts<'_>) -> Result<()> {
    let living = facts.living;
    let presented: HashSet<i64> = conn
        .prepare_cached("SELECT person_id FROM medals WHERE voided_at IS NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for year in run.q.on.year()..=run.end.year() {
        let july1 = crate::domain::lunar::party_day(year);
        // Once the year is over, its list is closed: next year's list takes those still due.
        if july1 >= run.end || july1.year() < run.q.on.year() {
            continue;
        }
        for p in living {
            if presented.contains(&p.id) || p.political_status != Some(PoliticalStatus::CpcMember) {
                continue;
            }
            let fields = PersonFields {
                political_status: p.political_status,
                party_joined: p.party_joined,
                party_confirmed: p.party_confirmed,
                died_on: p.died_on,
                ..Default::default()
            };
            let Ok(standing) = crate::tables::party::medal_standing(&fields, year) else {
                continue;
            };
            let mut message = format!("{}，应颁发“光荣在党50年”纪念章", standing.reason);
            if let Some(note) = standing.note {
                message.push_str(&format!("（{note}）"));
            }
            run.push(
                ReminderKind::Medal,
                format!("medal:{}", p.id),
                Some(p),
                &p.name,
                july1,
                july1,
                message,
                Fulfil::Medal { year },
            );
        }
    }
    Ok(())
}

/// 体检: living people with no checkup recorded for the year by the end of the unit's month.
fn checkup(conn: &Connection, run: &mut Run<'_>, facts: &Facts<'_>) -> Result<()> {
    let living = facts.living;
    let year = run.q.on.year();
    let month = run.s.checkup_month;
    let due = first_of_month(year, month)
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX);
    if due >= run.end {
        return Ok(());
    }
    let recorded: HashSet<i64> = conn
        .prepare_cached("SELECT person_id FROM checkups WHERE voided_at IS NULL AND year = ?1")?
        .query_map([year], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for p in living {
        if recorded.contains(&p.id) {
            continue;
        }
        run.push(
            ReminderKind::Checkup,
            format!("checkup:{}:{year}", p.id),
            Some(p),
            &p.name,
            due,
            due,
            format!("{year}年度尚未登记体检（应于{month}月底前完成）"),
            Fulfil::Checkup { year },
        );
    }
    Ok(())
}

/// 党费: members whose dues are paid up to a month more than `dues_months` months back.
fn dues(conn: &Connection, run: &mut Run<'_>, facts: &Facts<'_>) -> Result<()> {
    let people = facts.all;
    let by_id: HashMap<i64, &PersonFacts> = people.iter().map(|p| (p.id, p)).collect();
    let on = run.q.on;
    let n = run.s.dues_months;
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, dues_paid_to FROM party_info WHERE dues_paid_to IS NOT NULL
         ORDER BY person_id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(p) = by_id.get(&r.get::<_, i64>(0)?).copied() else { continue };
        if p.died_on.is_some() || !p.political_status.is_some_and(PoliticalStatus::is_party_member)
        {
            continue;
        }
        let paid: PartialDate = r.get(1)?;
        let Some(month) = paid.month() else { continue };
        // Due on the first day of the month in which the dues are more than n months behind.
        let due = first_of_month(paid.year(), month)
            .checked_add_months(Months::new(n + 1))
            .unwrap_or(NaiveDate::MAX);
        if !run.keeps(due) {
            continue;
        }
        let behind = (on.year() - paid.year()) * 12 + on.month() as i32 - month as i32;
        let message = format!(
            "党费缴至{}年{}月，已欠缴{}个月（超过{n}个月提醒）",
            paid.year(),
            month,
            behind.max(0)
        );
        if let Some(r) = run.push(
            ReminderKind::Dues,
            format!("dues:{}", p.id),
            Some(p),
            &p.name,
            due,
            due,
            message,
            Fulfil::PartyDues,
        ) {
            r.dismiss_until = due.checked_add_months(Months::new(1));
        }
    }
    Ok(())
}

/// 支委工作补贴: branch committee members not yet paid this quarter's allowance by the quarter's
/// last month.
fn subsidy(conn: &Connection, run: &mut Run<'_>, facts: &Facts<'_>) -> Result<()> {
    let people = facts.all;
    let by_id: HashMap<i64, &PersonFacts> = people.iter().map(|p| (p.id, p)).collect();
    let on = run.q.on;
    let quarter = (on.month() - 1) / 3 + 1;
    let due = first_of_month(on.year(), quarter * 3);
    let period = crate::domain::period::PayPeriod::Quarter(on.year(), quarter as u8);
    let kind = crate::tables::subsidies::COMMITTEE_ALLOWANCE;
    let paid: HashSet<i64> = conn
        .prepare_cached(
            "SELECT person_id FROM subsidies WHERE voided_at IS NULL AND survivor_id IS NULL
               AND kind = ?1 AND period = ?2",
        )?
        .query_map([kind, period.code().as_str()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for m in crate::tables::party::committee_members(conn)? {
        let Some(p) = by_id.get(&m.person_id.0).copied() else { continue };
        if paid.contains(&p.id) {
            continue;
        }
        let (branch, post) = (&m.branch, &m.post);
        let last = first_of_month(on.year(), quarter * 3)
            .checked_add_months(Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(due);
        let message = format!("{branch}{post}，{}尚未发放{kind}", period.label());
        run.push(
            ReminderKind::Subsidy,
            format!("subsidy:{}:{}", p.id, period.code()),
            Some(p),
            &p.name,
            due,
            last,
            message,
            Fulfil::Subsidy { kind: kind.into(), period: period.code() },
        );
    }
    recurring_subsidies(conn, run, &by_id)
}

/// Kinds the unit marks as paid every month, quarter or year (other than 支委工作补贴, whose
/// recipients are the committee): whoever was paid the kind last period and is living is due it
/// this period, from the period's last month, until a payment for this period is entered.
fn recurring_subsidies(
    conn: &Connection,
    run: &mut Run<'_>,
    by_id: &HashMap<i64, &PersonFacts>,
) -> Result<()> {
    let on = run.q.on;
    let kinds = crate::tables::subsidies::kinds(conn)?;
    for kind in kinds.iter().filter(|k| !k.hidden) {
        let Some(every) = kind.recurring else { continue };
        if kind.name == crate::tables::subsidies::COMMITTEE_ALLOWANCE {
            continue;
        }
        let period = every.period_of(on);
        let before = every.previous(period);
        let (due, last) = period.last_month_and_end();
        let mut stmt = conn.prepare_cached(
            "SELECT DISTINCT s.person_id FROM subsidies s
             WHERE s.voided_at IS NULL AND s.survivor_id IS NULL AND s.kind = ?1 AND s.period = ?2
               AND NOT EXISTS (SELECT 1 FROM subsidies t WHERE t.voided_at IS NULL
                   AND t.survivor_id IS NULL AND t.person_id = s.person_id AND t.kind = ?1
                   AND t.period = ?3)
             ORDER BY s.person_id",
        )?;
        let due_people: Vec<i64> = stmt
            .query_map(rusqlite::params![kind.name, before.code(), period.code()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in due_people {
            let Some(p) = by_id.get(&id).copied() else { continue };
            if p.died_on.is_some() {
                continue;
            }
            let message = format!(
                "{}（{}发放）：{}已发放，{}尚未发放",
                kind.name,
                every.label(),
                before.label(),
                period.label()
            );
            run.push(
                ReminderKind::Subsidy,
                format!("subsidy:{}:{}:{}", p.id, kind.name, period.code()),
                Some(p),
                &p.name,
                due,
                last,
                message,
                Fulfil::Subsidy { kind: kind.name.clone(), period: period.code() },
            );
        }
    }
    Ok(())
}

/// 节日慰问: 春节, 七一 and 重阳 coming within the window without a campaign; campaigns with people
/// not yet visited; and survivors (遗属) due their 春节 visit (rule 7).
fn festival(conn: &Connection, run: &mut Run<'_>, facts: &Facts<'_>) -> Result<()> {
    let people = facts.all;
    let on = run.q.on;
    for year in run.keep_from.year()..=run.end.year() {
        for f in [Festival::SpringFestival, Festival::PartyDay, Festival::DoubleNinth] {
            let Some(date) = f.date(year) else { continue };
            if date < run.keep_from || date >= run.end {
                continue;
            }
            let campaign: Option<(i64, String, i64)> = conn
                .prepare_cached(
                    "SELECT c.id, c.name,
                       (SELECT COUNT(*) FROM campaign_targets t WHERE t.campaign_id = c.id
                          AND t.removed_at IS NULL
                          AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.campaign_id = c.id
                              AND v.person_id = t.person_id AND v.voided_at IS NULL))
                     FROM campaigns c WHERE c.voided_at IS NULL AND c.festival = ?1 AND c.year = ?2
                     ORDER BY c.id LIMIT 1",
                )?
                .query_row(rusqlite::params![f.code(), year], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .ok();
            let fulfil = |campaign_id| Fulfil::Campaign { festival: f, year, campaign_id };
            let key = format!("festival:{}:{year}", f.code());
            match campaign {
                None if date >= on => {
                    let name = crate::tables::campaigns::default_name(f, year);
                    let left = (date - on).num_days();
                    let message = format!(
                        "{}（{}）还有{left}天，尚未建立慰问活动、确定慰问名单",
                        f.label(),
                        cn(date)
                    );
                    run.push(
                        ReminderKind::Festival,
                        key,
                        None,
                        &name,
                        date,
                        date,
                        message,
                        fulfil(None),
                    );
                }
                Some((id, name, left)) if left > 0 => {
                    let message = format!("{}（{}）慰问还有{left}人未走访", f.label(), cn(date));
                    run.push(
                        ReminderKind::Festival,
                        key,
                        None,
                        &name,
                        date,
                        date,
                        message,
                        fulfil(Some(id)),
                    );
                }
                _ => {}
            }
            if f == Festival::SpringFestival {
                survivors(conn, run, people, date)?;
            }
        }
    }
    Ok(())
}

/// Survivors of a deceased retiree are visited at 春节; a survivor visit within 45 days before
/// or `keep_missed_days` after the festival counts.
fn survivors(
    conn: &Connection,
    run: &mut Run<'_>,
    people: &[PersonFacts],
    date: NaiveDate,
) -> Result<()> {
    let by_id: HashMap<i64, &PersonFacts> = people.iter().map(|p| (p.id, p)).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT f.id, f.person_id, f.name, f.relation FROM family_members f
         WHERE f.is_survivor = 1 AND f.voided_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.survivor_id = f.id
               AND v.voided_at IS NULL AND v.date >= ?1 AND v.date <= ?2)
         ORDER BY f.id",
    )?;
    let mut rows = stmt.query([iso(plus(date, -45)), iso(plus(date, run.s.keep_missed_days))])?;
    while let Some(r) = rows.next()? {
        let member: i64 = r.get(0)?;
        let Some(p) = by_id.get(&r.get::<_, i64>(1)?).copied() else { continue };
        // Survivors are visited only once the retiree has died before the festival.
        if !p.died_on.is_some_and(|d| d.is_on_or_before(date)) {
            continue;
        }
        let name: String = r.get(2)?;
        let relation: String = r.get(3)?;
        let of = if relation.is_empty() {
            format!("{}的遗属", p.name)
        } else {
            format!("{}之{relation}", p.name)
        };
        let message = format!("遗属（{of}）春节慰问（{}）", cn(date));
        run.push(
            ReminderKind::Festival,
            format!("festival:survivor:{member}:{}", date.year()),
            Some(p),
            &name,
            date,
            date,
            message,
            Fulfil::Visit {
                kind: VisitKind::Survivor,
                reason: "春节".into(),
                hospital_stay_id: None,
                survivor_id: Some(member),
            },
        );
    }
    Ok(())
}
