//! 党员情况: each member's party post, dues and contact state (the `party_info` table, beside the
//! roster's branch and 入党 / 转正 dates), the branch committees, and the 光荣在党50年 medal
//! (DOMAIN.md rule 5): who is due it in a year, and why, and who has received it.

use crate::domain::date::PartialDate;
use crate::domain::model::*;
use crate::domain::stamp::Stamp;
use crate::error::{Error, Result};
use crate::store::audit;
use crate::store::records;
use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A member's party details beyond the roster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PartyInfo {
    /// 党内职务: 书记, 组织委员 … (empty for an ordinary member).
    pub post: String,
    /// 党费缴至: year and month.
    pub dues_paid_to: Option<PartialDate>,
    /// 正常 / 流动 / 失联
    pub contact: PartyContact,
}

impl Default for PartyInfo {
    fn default() -> Self {
        Self { post: String::new(), dues_paid_to: None, contact: PartyContact::Normal }
    }
}

/// Whether a post is on the branch committee (支部委员会): 书记, 副书记 and every 委员.
pub fn is_committee_post(post: &str) -> bool {
    let p = crate::domain::text::compact(post);
    p.contains("书记") || p.contains("委员") || p == "支委"
}

/// The committee's usual order on a list: 书记 first, then 副书记, then the 委员.
fn post_rank(post: &str) -> u8 {
    if post.contains("副书记") {
        1
    } else if post.contains("书记") {
        0
    } else {
        2
    }
}

/// A person's party details; the defaults when none are recorded yet.
pub fn get(conn: &Connection, person: PersonId) -> Result<PartyInfo> {
    records::person(conn, person)?;
    get_raw(conn, person).map(Option::unwrap_or_default)
}

fn get_raw(conn: &Connection, person: PersonId) -> Result<Option<PartyInfo>> {
    Ok(conn
        .prepare_cached("SELECT post, dues_paid_to, contact FROM party_info WHERE person_id = ?1")?
        .query_row([person.0], |r| {
            Ok(PartyInfo { post: r.get(0)?, dues_paid_to: r.get(1)?, contact: r.get(2)? })
        })
        .optional()?)
}

/// Saves a person's party details (audited with the changed fields). 党费缴至 is kept to the
/// month: a full date is cut to its month, a bare year is refused.
pub fn set(
    conn: &Connection,
    stamp: &Stamp,
    person: PersonId,
    info: &PartyInfo,
) -> Result<PartyInfo> {
    let who = records::person(conn, person)?;
    let dues_paid_to = match info.dues_paid_to {
        None => None,
        Some(d) => match d.month() {
            Some(m) => PartialDate::year_month(d.year(), m).ok(),
            None => {
                return Err(Error::invalid(format!(
                    "{}的党费缴至时间只写了年份（{}），请写到月份，如 2026.06。",
                    who.name,
                    d.chinese()
                )))
            }
        },
    };
    let new = PartyInfo {
        post: crate::domain::text::compact(&info.post),
        dues_paid_to,
        contact: info.contact,
    };
    let old = get_raw(conn, person)?;
    let changes = audit::diff(&old.clone().unwrap_or_default(), &new);
    if old.is_some() && changes.is_empty() {
        return Ok(new);
    }
    conn.prepare_cached(
        "INSERT INTO party_info (person_id, post, dues_paid_to, contact, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (person_id) DO UPDATE SET post = excluded.post,
           dues_paid_to = excluded.dues_paid_to, contact = excluded.contact,
           updated_at = excluded.updated_at",
    )?
    .execute(params![person.0, new.post, new.dues_paid_to, new.contact, stamp.at()])?;
    let action = if old.is_some() { "update" } else { "create" };
    audit::record(conn, stamp, "party_info", Some(person.0), action, &changes, None)?;
    Ok(new)
}

/// One living member on the 党员情况 list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PartyMember {
    pub person_id: PersonId,
    pub name: String,
    pub sex: Option<Sex>,
    pub birth: Option<PartialDate>,
    pub political_status: Option<PoliticalStatus>,
    pub branch: String,
    pub party_joined: Option<PartialDate>,
    pub party_confirmed: Option<PartialDate>,
    #[serde(flatten)]
    pub info: PartyInfo,
}

/// The columns of a [`PartyMember`], over `people p LEFT JOIN party_info i`, in [`member_from_row`]'s
/// order; the paged list (`tables::paging::party`) reads the same.
pub(crate) const MEMBER_SELECT: &str =
    "SELECT p.id, p.name, p.sex, p.birth, p.political_status, p.party_branch, p.party_joined,
            p.party_confirmed, COALESCE(i.post, ''), i.dues_paid_to, COALESCE(i.contact, 'normal')
     FROM people p LEFT JOIN party_info i ON i.person_id = p.id";

/// Who is listed as a member: living 中共党员 and 预备党员 on the roster.
pub(crate) const MEMBER_WHERE: &str = "p.voided_at IS NULL AND p.died_on IS NULL
     AND p.political_status IN ('cpc_member', 'cpc_probationary')";

pub(crate) fn member_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PartyMember> {
    Ok(PartyMember {
        person_id: PersonId(r.get(0)?),
        name: r.get(1)?,
        sex: r.get(2)?,
        birth: r.get(3)?,
        political_status: r.get(4)?,
        branch: r.get(5)?,
        party_joined: r.get(6)?,
        party_confirmed: r.get(7)?,
        info: PartyInfo { post: r.get(8)?, dues_paid_to: r.get(9)?, contact: r.get(10)? },
    })
}

/// The living members (中共党员 and 预备党员), by branch, optionally of one branch only.
pub fn list_members(conn: &Connection, branch: Option<&str>) -> Result<Vec<PartyMember>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{MEMBER_SELECT} WHERE {MEMBER_WHERE} AND (?1 IS NULL OR p.party_branch = ?1)
         ORDER BY p.party_branch, p.id"
    ))?;
    let rows = stmt.query_map([branch], member_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether a member's dues are more than `months` months behind on `on` (paid up to March,
/// asked in July: 4 months). Nothing recorded counts as behind; a year alone as paid up to its
/// December. The reminder (`reports::reminders`, kind 党费) falls due on the first day this turns true.
pub fn dues_behind(paid: Option<PartialDate>, on: NaiveDate, months: u32) -> bool {
    let Some(paid) = paid else { return true };
    let month = paid.month().unwrap_or(12) as i32;
    (on.year() - paid.year()) * 12 + on.month() as i32 - month > months as i32
}

/// A member of a branch committee, as proposed for the quarterly 支委工作补贴.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CommitteeMember {
    pub person_id: PersonId,
    pub name: String,
    pub branch: String,
    pub post: String,
}

/// The living members who hold a committee post, branch by branch, 书记 first.
pub fn committee_members(conn: &Connection) -> Result<Vec<CommitteeMember>> {
    // Only members with a post are read: the reminder engine asks for the committee every time.
    let mut stmt = conn.prepare_cached(&format!(
        "{MEMBER_SELECT} WHERE {MEMBER_WHERE} AND i.post <> '' ORDER BY p.id"
    ))?;
    let members = stmt.query_map([], member_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out: Vec<CommitteeMember> = members
        .into_iter()
        .filter(|m| is_committee_post(&m.info.post))
        .map(|m| CommitteeMember {
            person_id: m.person_id,
            name: m.name,
            branch: m.branch,
            post: m.info.post,
        })
        .collect();
    out.sort_by(|a, b| {
        (&a.branch, post_rank(&a.post), a.person_id).cmp(&(
            &b.branch,
            post_rank(&b.post),
            b.person_id,
        ))
    });
    Ok(out)
}

/// Why a member qualifies for the 50-year medal in a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MedalStanding {
    /// The day party standing is counted from.
    #[ts(type = "string")]
    pub standing_from: NaiveDate,
    /// Whole years of standing on July 1 of the year.
    pub years: i32,
    /// `1976年6月转正，至2026年7月1日党龄满50年`
    pub reason: String,
    /// What the clerk should check: a date known only to the month or year, a missing 转正时间.
    pub note: Option<String>,
}

/// Whole years from `from` to `on`.
fn full_years(from: NaiveDate, on: NaiveDate) -> i32 {
    let behind = (on.month(), on.day()) < (from.month(), from.day());
    on.year() - from.year() - i32::from(behind)
}

/// DOMAIN.md rule 5, for one person and one year: a 中共党员 alive on July 1 whose standing —
/// counted from 转正时间, or failing that from 入党时间 plus one year, with a note — reaches 50 years
/// on July 1. `Err` says, in words for the clerk, why the person does not qualify.
pub fn medal_standing(p: &PersonFields, year: i32) -> std::result::Result<MedalStanding, String> {
    let july1 = NaiveDate::from_ymd_opt(year, 7, 1).ok_or_else(|| format!("年份{year}不合理"))?;
    match p.political_status {
        Some(PoliticalStatus::CpcMember) => {}
        Some(PoliticalStatus::CpcProbationary) => return Err("预备党员尚未转正，不计算党龄".into()),
        _ => return Err("不是中共党员".into()),
    }
    if let Some(died) = p.died_on {
        // A death recorded only to the month or year counts from its first possible day: the list
        // is of people known to be alive on July 1.
        if died.earliest() <= july1 {
            return Err(format!("已于{}去世，{year}年7月1日不在世", died.chinese()));
        }
    }
    let (from, basis, note) = if let Some(c) = p.party_confirmed {
        let note = match (c.month(), c.day()) {
            (Some(_), Some(_)) => None,
            (Some(_), None) => Some(format!("转正时间只登记到{}，按当月1日计算", c.chinese())),
            _ => Some(format!("转正时间只登记到{}，按当年1月1日计算，请核对", c.chinese())),
        };
        (c.earliest(), format!("{}转正", c.chinese()), note)
    } else if let Some(j) = p.party_joined {
        let from = j
            .earliest()
            .checked_add_months(Months::new(12))
            .ok_or_else(|| format!("入党时间{}不合理", j.chinese()))?;
        let mut note = String::from("未登记转正时间，按入党时间加一年计算，请核对");
        match (j.month(), j.day()) {
            (Some(_), Some(_)) => {}
            (Some(_), None) => note.push_str("（入党时间只登记到月，按当月1日计算）"),
            _ => note.push_str("（入党时间只登记到年份，按当年1月1日计算）"),
        }
        (from, format!("{}入党（未登记转正时间）", j.chinese()), Some(note))
    } else {
        return Err("未登记入党时间和转正时间，无法计算党龄，请先在花名册中补充".into());
    };
    let years = full_years(from, july1);
    if years < 50 {
        return Err(format!("{basis}，至{year}年7月1日党龄{years}年，未满50年"));
    }
    Ok(MedalStanding {
        standing_from: from,
        years,
        reason: format!("{basis}，至{year}年7月1日党龄满{years}年"),
        note,
    })
}

/// A medal that has been presented.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MedalPresented {
    #[ts(type = "number")]
    pub medal_id: i64,
    pub year: i32,
    #[ts(type = "string")]
    pub presented_on: NaiveDate,
}

/// One line of the year's 光荣在党50年 list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MedalCandidate {
    pub person_id: PersonId,
    pub name: String,
    pub sex: Option<Sex>,
    pub birth: Option<PartialDate>,
    pub branch: String,
    pub party_joined: Option<PartialDate>,
    pub party_confirmed: Option<PartialDate>,
    #[ts(type = "string")]
    pub standing_from: NaiveDate,
    pub years: i32,
    pub reason: String,
    pub note: Option<String>,
    /// Set when the medal was presented in this year.
    pub presented: Option<MedalPresented>,
}

/// Everyone due the medal in `year`, longest standing first; those who received it in an earlier
/// year are not listed again, those who received it this year are listed with the presentation.
pub fn medal_list(conn: &Connection, year: i32) -> Result<Vec<MedalCandidate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.name, p.sex, p.birth, p.party_branch, p.party_joined, p.party_confirmed,
                p.died_on, m.id, m.year, m.presented_on
         FROM people p LEFT JOIN medals m ON m.person_id = p.id AND m.voided_at IS NULL
         WHERE p.voided_at IS NULL AND p.political_status = 'cpc_member'
         ORDER BY p.id",
    )?;
    let mut out = Vec::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let medal_year: Option<i32> = r.get(9)?;
        if medal_year.is_some_and(|y| y < year) {
            continue;
        }
        let fields = PersonFields {
            political_status: Some(PoliticalStatus::CpcMember),
            party_joined: r.get(5)?,
            party_confirmed: r.get(6)?,
            died_on: r.get(7)?,
            ..Default::default()
        };
        let Ok(s) = medal_standing(&fields, year) else { continue };
        let presented = match (r.get::<_, Option<i64>>(8)?, medal_year) {
            (Some(medal_id), Some(y)) if y == year => {
                Some(MedalPresented { medal_id, year: y, presented_on: r.get(10)? })
            }
            _ => None,
        };
        out.push(MedalCandidate {
            person_id: PersonId(r.get(0)?),
            name: r.get(1)?,
            sex: r.get(2)?,
            birth: r.get(3)?,
            branch: r.get(4)?,
            party_joined: fields.party_joined,
            party_confirmed: fields.party_confirmed,
            standing_from: s.standing_from,
            years: s.years,
            reason: s.reason,
            note: s.note,
            presented,
        });
    }
    out.sort_by_key(|c| (c.standing_from, c.person_id));
    Ok(out)
}

#[derive(Serialize)]
struct MedalRecord<'a> {
    person_id: i64,
    year: i32,
    presented_on: NaiveDate,
    notes: &'a str,
}

/// Records the medal presented to a person for `year`. Refused, with the reason, for a person who
/// does not qualify that year or who already has one (one medal per person, ever).
pub fn present_medal(
    conn: &Connection,
    stamp: &Stamp,
    person: PersonId,
    year: i32,
    presented_on: NaiveDate,
    notes: &str,
) -> Result<i64> {
    let p = crate::tables::people::get(conn, person)?;
    let name = &p.fields.name;
    if let Err(why) = medal_standing(&p.fields, year) {
        return Err(Error::invalid(format!(
            "{name}不符合{year}年“光荣在党50年”纪念章的颁发条件：{why}。请核对花名册中的政治面貌、入党和转正时间。"
        )));
    }
    let existing: Option<i32> = conn
        .prepare_cached("SELECT year FROM medals WHERE person_id = ?1 AND voided_at IS NULL")?
        .query_row([person.0], |r| r.get(0))
        .optional()?;
    if let Some(y) = existing {
        return Err(Error::invalid(format!(
            "{name}已在{y}年获颁“光荣在党50年”纪念章，每人只颁发一次。如原记录有误，请先作废原记录。"
        )));
    }
    if presented_on.year() < year {
        return Err(Error::invalid(format!(
            "颁发日期{}早于{year}年，请填写实际颁发的日期。",
            crate::domain::date::chinese_date(presented_on)
        )));
    }
    let notes = crate::domain::text::normalize(notes);
    conn.prepare_cached(
        "INSERT INTO medals (person_id, year, presented_on, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![person.0, year, presented_on, notes, stamp.at()])?;
    let id = conn.last_insert_rowid();
    let record = MedalRecord { person_id: person.0, year, presented_on, notes: &notes };
    audit::record_created(conn, stamp, "medal", id, &record)?;
    Ok(id)
}

/// Voids a medal record (e.g. entered for the wrong person); the person can then be listed again.
pub fn void_medal(conn: &Connection, stamp: &Stamp, id: i64, reason: &str) -> Result<()> {
    records::void_row(
        conn,
        stamp,
        "medals",
        "medal",
        id,
        reason,
        "找不到这条纪念章颁发记录，可能已被作废。请刷新列表。",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    fn standing(
        joined: &str,
        confirmed: &str,
        year: i32,
    ) -> std::result::Result<MedalStanding, String> {
        medal_standing(&member("甲", joined, confirmed), year)
    }

    #[test]
    fn fifty_years_are_reached_on_july_first() {
        // (入党, 转正, year, eligible, years) — rule 5: standing from 转正, ≥ 50 years on July 1.
        let cases = [
            ("1975-07-01", "1976-07-01", 2026, true, 50), // exactly 50 on July 1
            ("1975-07-02", "1976-07-02", 2026, false, 49), // one day short
            ("1975-07-02", "1976-07-02", 2027, true, 50), // due the next year
            ("1975-02-28", "1976-02-29", 2026, true, 50), // Feb 29 standing reaches 50 before July
            ("1950-01", "1951-01-15", 2026, true, 75),    // long standing, never presented
            ("2000-01", "2001-01", 2026, false, 25),
        ];
        for (joined, confirmed, year, eligible, years) in cases {
            let got = standing(joined, confirmed, year);
            assert_eq!(got.is_ok(), eligible, "转正 {confirmed} in {year}: {got:?}");
            match got {
                Ok(s) => assert_eq!(s.years, years),
                Err(why) => assert!(why.contains(&format!("党龄{years}年")), "{why}"),
            }
        }
    }

    #[test]
    fn partial_and_missing_dates_fall_back_with_a_visible_note() {
        // (入党, 转正, year, eligible, reason, note)
        let cases = [
            ("1975-06-10", "1976-06-10", 2026, true, "1976年6月10日转正，至2026年7月1日党龄满50年", None),
            ("1975-06", "1976-06", 2026, true, "1976年6月转正，至2026年7月1日党龄满50年", Some("转正时间只登记到1976年6月，按当月1日计算")),
            // July 1976 known only to the month counts from July 1: just reaches 50.
            ("1975-07", "1976-07", 2026, true, "1976年7月转正，至2026年7月1日党龄满50年", Some("转正时间只登记到1976年7月，按当月1日计算")),
            ("1975", "1976", 2026, true, "1976年转正，至2026年7月1日党龄满50年", Some("转正时间只登记到1976年，按当年1月1日计算，请核对")),
            ("1975-06-10", "", 2026, true, "1975年6月10日入党（未登记转正时间），至2026年7月1日党龄满50年", Some("未登记转正时间，按入党时间加一年计算，请核对")),
            ("1975-07-02", "", 2026, false, "1975年7月2日入党（未登记转正时间），至2026年7月1日党龄49年，未满50年", None),
            ("1975-06", "", 2026, true, "1975年6月入党（未登记转正时间），至2026年7月1日党龄满50年", Some("未登记转正时间，按入党时间加一年计算，请核对（入党时间只登记到月，按当月1日计算）")),
            // 入党 on Feb 29 plus one year is Feb 28 of the next year.
            ("1976-02-29", "", 2027, true, "1976年2月29日入党（未登记转正时间），至2027年7月1日党龄满50年", Some("未登记转正时间，按入党时间加一年计算，请核对")),
        ];
        for (joined, confirmed, year, eligible, reason, note) in cases {
            match standing(joined, confirmed, year) {
                Ok(s) => {
                    assert!(eligible, "{joined}/{confirmed}: {s:?}");
                    assert_eq!(s.reason, reason);
                    assert_eq!(s.note.as_deref(), note, "{joined}/{confirmed}");
                }
                Err(why) => {
                    assert!(!eligible, "{joined}/{confirmed}: {why}");
                    assert_eq!(why, reason);
                }
            }
        }
        let feb = standing("1976-02-29", "", 2027).unwrap();
        assert_eq!(feb.standing_from, day("1977-02-28"));
    }

    #[test]
    fn only_living_full_members_qualify() {
        let mut dead_in_june = member("乙", "1960-01", "1961-01");
        dead_in_june.died_on = PartialDate::parse("2026-06-30").ok();
        let mut dead_after = dead_in_june.clone();
        dead_after.died_on = PartialDate::parse("2026-07-02").ok();
        let mut dead_on_july1 = dead_in_june.clone();
        dead_on_july1.died_on = PartialDate::parse("2026-07-01").ok();
        let mut probationary = member("丙", "1960-01", "");
        probationary.political_status = Some(PoliticalStatus::CpcProbationary);
        let mut masses = member("丁", "1960-01", "1961-01");
        masses.political_status = Some(PoliticalStatus::Masses);
        let none = member("戊", "", "");
        let cases = [
            (dead_in_june, Some("已于2026年6月30日去世")),
            (dead_on_july1, Some("已于2026年7月1日去世")),
            (dead_after, None),
            (probationary, Some("预备党员")),
            (masses, Some("不是中共党员")),
            (none, Some("未登记入党时间和转正时间")),
        ];
        for (p, refusal) in cases {
            let got = medal_standing(&p, 2026);
            match refusal {
                None => assert!(got.is_ok(), "{}: {got:?}", p.name),
                Some(text) => assert!(got.unwrap_err().contains(text), "{}", p.name),
            }
        }
    }

    #[test]
    fn the_list_skips_earlier_medals_and_one_medal_per_person() {
        let mut l = ledger();
        let conn = l.conn();
        let a = add(conn, member("张老", "1970-03", "1971-03"));
        let b = add(conn, member("李老", "1975-05", "1976-05"));
        let _young = add(conn, member("王年轻", "1990-01", "1991-01"));
        let mut dead = member("赵故", "1960-01", "1961-01");
        dead.died_on = PartialDate::parse("2025-03-01").ok();
        add(conn, dead);

        let names =
            |list: &[MedalCandidate]| list.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&medal_list(conn, 2025).unwrap()), ["张老"]);
        present_medal(conn, &stamp(), a, 2025, day("2025-06-28"), "").unwrap();
        let list = medal_list(conn, 2025).unwrap();
        assert_eq!(list[0].presented.as_ref().map(|p| p.year), Some(2025));
        assert_eq!(names(&medal_list(conn, 2026).unwrap()), ["李老"], "张老 got it in 2025");

        let again = present_medal(conn, &stamp(), a, 2026, day("2026-06-28"), "").unwrap_err();
        assert!(again.to_string().contains("已在2025年获颁"), "{again}");
        let early = present_medal(conn, &stamp(), b, 2025, day("2025-06-28"), "").unwrap_err();
        assert!(early.to_string().contains("党龄49年，未满50年"), "{early}");

        let id = present_medal(conn, &stamp(), b, 2026, day("2026-06-28"), "").unwrap();
        assert!(void_medal(conn, &stamp(), id, " ").is_err(), "a reason is required");
        void_medal(conn, &stamp(), id, "录入错误").unwrap();
        assert!(medal_list(conn, 2026).unwrap()[0].presented.is_none());
        present_medal(conn, &stamp(), b, 2026, day("2026-06-29"), "补录").unwrap();
        let _ = &mut l;
    }

    #[test]
    fn party_info_is_audited_and_committee_members_are_proposed() {
        let l = ledger();
        let conn = l.conn();
        let a = add(conn, member("张书记", "1970-03", "1971-03"));
        let b = add(conn, member("李委员", "1970-03", "1971-03"));
        let c = add(conn, member("王党员", "1970-03", "1971-03"));
        let info = |post: &str| PartyInfo {
            post: post.into(),
            dues_paid_to: PartialDate::parse("2026-10-15").ok(),
            contact: PartyContact::Normal,
        };
        let saved = set(conn, &stamp(), b, &info("组织委员")).unwrap();
        assert_eq!(saved.dues_paid_to.unwrap().iso(), "2026-10", "kept to the month");
        set(conn, &stamp(), a, &info("书记")).unwrap();
        set(conn, &stamp(), c, &info("")).unwrap();
        set(conn, &stamp(), b, &info("宣传委员")).unwrap();
        let log = audit::list_for(conn, "party_info", b.0).unwrap();
        assert_eq!(log.len(), 2);
        assert_eq!(log[0].changes.len(), 1, "only the post changed: {:?}", log[0].changes);
        let year_only = PartyInfo { dues_paid_to: PartialDate::parse("2026").ok(), ..info("") };
        assert!(set(conn, &stamp(), c, &year_only).unwrap_err().to_string().contains("写到月份"));

        let committee: Vec<_> =
            committee_members(conn).unwrap().into_iter().map(|m| (m.name, m.post)).collect();
        assert_eq!(
            committee,
            [("张书记".to_string(), "书记".to_string()), ("李委员".into(), "宣传委员".into())]
        );
        assert_eq!(list_members(conn, Some("离退休干部第一党支部")).unwrap().len(), 3);
        assert_eq!(list_members(conn, Some("别的支部")).unwrap().len(), 0);
    }
}
