//! Holiday campaigns (节日慰问): 春节, 七一, 重阳节 or any campaign the unit names, each with the
//! list of people it is due to, so the clerk sees who has been visited and who not yet
//! (DOMAIN.md rule 4).
//!
//! Targets are chosen with the roster's own filters ([`crate::tables::people::PeopleQuery`]); the deceased
//! can never be targets, and a death takes the person off every campaign they were still waiting
//! for (see [`crate::tables::deaths`]). The visits are ordinary [`crate::tables::visits`] records with
//! `campaign_id` set; recording a whole campaign's visits is one call ([`record_visits`]) that the
//! caller runs inside one transaction.

use crate::domain::date::PartialDate;
use crate::domain::model::{Festival, PersonId, RetirementKind, VisitKind};
use crate::domain::money::Fen;
use crate::domain::stamp::Stamp;
use crate::error::{Error, Result};
use crate::store::audit;
use crate::store::records;
use crate::tables::people::{LifeStatus, PeopleQuery};
use crate::tables::visits::{self, VisitId, VisitInput};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use ts_rs::TS;

/// The row id of a campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(type = "number")]
pub struct CampaignId(pub i64);

/// What the clerk enters to start a campaign. `targets` is used by [`create`] only; later changes
/// go through [`add_targets`] and [`remove_target`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CampaignInput {
    /// Empty: `2026年重阳节慰问`.
    #[serde(default)]
    pub name: String,
    pub festival: Festival,
    pub year: i32,
    /// Empty: the festival's date that year (春节 and 重阳 from the lunar calendar, 七一 July 1).
    #[serde(default)]
    #[ts(type = "string | null")]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub targets: Vec<PersonId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Campaign {
    pub id: CampaignId,
    pub name: String,
    pub festival: Festival,
    pub year: i32,
    #[ts(type = "string | null")]
    pub date: Option<NaiveDate>,
    pub notes: String,
    pub created_at: String,
    pub updated_at: String,
}

/// A campaign in the list, with how far it has got.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CampaignSummary {
    pub campaign: Campaign,
    /// People due (targets not taken off the list).
    pub total: u32,
    /// Of those, people visited.
    pub visited: u32,
}

/// One person due in a campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CoverageRow {
    pub person_id: PersonId,
    pub name: String,
    /// Age on the festival date.
    pub age: Option<i32>,
    pub retirement_kind: Option<RetirementKind>,
    /// 所在党支部
    pub branch: String,
    #[ts(type = "string | null")]
    pub visited_on: Option<NaiveDate>,
    pub visit_id: Option<VisitId>,
}

/// Who has been visited in a campaign and who not yet: those not yet visited first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CampaignCoverage {
    pub campaign: Campaign,
    pub total: u32,
    pub visited: u32,
    pub rows: Vec<CoverageRow>,
}

/// The details shared by every visit of a campaign recorded in one go. Per-person details (身体状况,
/// 反映问题, 办理情况) are added afterwards with [`crate::tables::visits::update`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CampaignVisit {
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// 节日或事由; empty: the festival's name (春节 / 七一 / 重阳节) or the campaign's name.
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub leader: String,
    #[serde(default)]
    pub participants: String,
    #[serde(default)]
    pub gifts: String,
    #[serde(default)]
    pub amount: Fen,
    #[serde(default)]
    pub notes: String,
}

/// Someone a batch did not record a visit for, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SkippedPerson {
    pub person_id: PersonId,
    pub name: String,
    pub reason: String,
}

/// The outcome of [`record_visits`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RecordedVisits {
    pub visit_ids: Vec<VisitId>,
    pub skipped: Vec<SkippedPerson>,
}

/// `2026年重阳节慰问`.
pub fn default_name(festival: Festival, year: i32) -> String {
    format!("{year}年{}慰问", festival.label())
}

/// The people a filter selects, alive, with ages counted on `on` (pass the festival's date, so
/// "80 and over" means 80 on the day). Use [`targets_for_any`] to combine filters ("all 离休, and
/// everyone 80 and over").
pub fn targets_for(conn: &Connection, q: &PeopleQuery, on: NaiveDate) -> Result<Vec<PersonId>> {
    let q = PeopleQuery { status: LifeStatus::Living, offset: 0, limit: 0, ..q.clone() };
    Ok(crate::tables::people::list(conn, &q, on)?.rows.into_iter().map(|r| r.id).collect())
}

/// The union of several filters, in roster order, each person once.
pub fn targets_for_any(
    conn: &Connection,
    queries: &[PeopleQuery],
    on: NaiveDate,
) -> Result<Vec<PersonId>> {
    let mut all: Vec<PersonId> = Vec::new();
    for q in queries {
        all.extend(targets_for(conn, q, on)?);
    }
    all.sort();
    all.dedup();
    Ok(all)
}

fn normalized(input: &CampaignInput) -> Result<CampaignInput> {
    let mut c = input.clone();
    c.name = crate::domain::text::normalize(&c.name);
    c.notes = crate::domain::text::normalize(&c.notes);
    crate::domain::period::check_year(c.year)?;
    if c.name.is_empty() {
        if c.festival == Festival::Other {
            return Err(Error::invalid("自定义的慰问活动请填写名称，例如“2026年国庆慰问”。"));
        }
        c.name = default_name(c.festival, c.year);
    }
    if c.date.is_none() {
        c.date = Festival::date(c.festival, c.year);
    }
    Ok(c)
}

/// Starts a campaign with its list of people due. Refuses the deceased by name.
pub fn create(conn: &Connection, stamp: &Stamp, input: &CampaignInput) -> Result<CampaignId> {
    let c = normalized(input)?;
    let now = stamp.at();
    conn.prepare_cached(
        "INSERT INTO campaigns (name, festival, year, date, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?
    .execute(params![c.name, c.festival, c.year, c.date, c.notes, now])?;
    let id = CampaignId(conn.last_insert_rowid());
    let logged = CampaignInput { targets: Vec::new(), ..c.clone() };
    audit::record_created(conn, stamp, "campaign", id.0, &logged)?;
    add_targets(conn, stamp, id, &c.targets)?;
    Ok(id)
}

/// Changes a campaign's name, date and notes (its festival, year and targets stay); audited.
pub fn update(
    conn: &Connection,
    stamp: &Stamp,
    id: CampaignId,
    input: &CampaignInput,
) -> Result<Campaign> {
    let old = get(conn, id)?;
    let c = normalized(&CampaignInput { festival: old.festival, year: old.year, ..input.clone() })?;
    let before = (old.name.clone(), old.date, old.notes.clone());
    let after = (c.name.clone(), c.date, c.notes.clone());
    if before == after {
        return Ok(old);
    }
    conn.execute(
        "UPDATE campaigns SET name = ?1, date = ?2, notes = ?3, updated_at = ?4 WHERE id = ?5",
        params![c.name, c.date, c.notes, stamp.at(), id.0],
    )?;
    let changes = audit::diff(
        &serde_json::json!({"name": before.0, "date": before.1, "notes": before.2}),
        &serde_json::json!({"name": after.0, "date": after.1, "notes": after.2}),
    );
    audit::record(conn, stamp, "campaign", Some(id.0), "update", &changes, None)?;
    get(conn, id)
}

const NOT_FOUND: &str = "找不到这个慰问活动，可能已被作废。请刷新列表。";

fn not_found() -> Error {
    Error::NotFound(NOT_FOUND.into())
}

/// Voids a campaign with a reason. Its visits stay in the visit ledger.
pub fn void(conn: &Connection, stamp: &Stamp, id: CampaignId, reason: &str) -> Result<()> {
    records::void_row(conn, stamp, "campaigns", "campaign", id.0, reason, NOT_FOUND)
}

fn campaign_from_row(r: &Row<'_>) -> rusqlite::Result<Campaign> {
    Ok(Campaign {
        id: CampaignId(r.get(0)?),
        name: r.get(1)?,
        festival: r.get(2)?,
        year: r.get(3)?,
        date: r.get(4)?,
        notes: r.get(5)?,
        created_at: r.get(6)?,
        updated_at: r.get(7)?,
    })
}

const CAMPAIGN_COLUMNS: &str = "id, name, festival, year, date, notes, created_at, updated_at";

pub fn get(conn: &Connection, id: CampaignId) -> Result<Campaign> {
    conn.prepare_cached(&format!(
        "SELECT {CAMPAIGN_COLUMNS} FROM campaigns WHERE id = ?1 AND voided_at IS NULL"
    ))?
    .query_row([id.0], campaign_from_row)
    .optional()?
    .ok_or_else(not_found)
}

/// Adds people to a campaign's list (again, if they had been taken off). People who had died by
/// the festival (for a campaign without a date: before its year) are refused by name; someone who
/// died later can be on an earlier campaign's list, as they were at the time. Returns how many
/// were added.
pub fn add_targets(
    conn: &Connection,
    stamp: &Stamp,
    id: CampaignId,
    people: &[PersonId],
) -> Result<u32> {
    let campaign = get(conn, id)?;
    let on = campaign
        .date
        .or_else(|| NaiveDate::from_ymd_opt(campaign.year, 1, 1))
        .unwrap_or(NaiveDate::MIN);
    let mut lookup = conn
        .prepare_cached("SELECT name, died_on FROM people WHERE id = ?1 AND voided_at IS NULL")?;
    let mut dead = Vec::new();
    let mut missing = 0;
    for p in people {
        let found: Option<(String, Option<PartialDate>)> =
            lookup.query_row([p.0], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
        match found {
            None => missing += 1,
            Some((name, Some(died))) if died.is_on_or_before(on) => dead.push(name),
            Some(_) => {}
        }
    }
    if !dead.is_empty() {
        return Err(Error::invalid(format!(
            "{}已去世，不能列为慰问对象。请把他们从名单中去掉；对其遗属请登记“遗属慰问”。",
            dead.join("、")
        )));
    }
    if missing > 0 {
        return Err(Error::invalid(format!(
            "名单中有{missing}人在花名册中找不到（可能已被作废），请刷新后重新选择。"
        )));
    }
    let mut insert = conn.prepare_cached(
        "INSERT INTO campaign_targets (campaign_id, person_id, added_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (campaign_id, person_id) DO UPDATE
         SET removed_at = NULL, removed_reason = NULL, added_at = excluded.added_at
         WHERE removed_at IS NOT NULL",
    )?;
    let now = stamp.at();
    let mut added = Vec::new();
    for p in people {
        if insert.execute(params![id.0, p.0, now])? > 0 {
            added.push(p.0);
        }
    }
    if !added.is_empty() {
        let change = audit::FieldChange {
            field: "targets".into(),
            old: serde_json::Value::Null,
            new: serde_json::json!(added),
        };
        audit::record(conn, stamp, "campaign", Some(id.0), "add_targets", &[change], None)?;
    }
    Ok(added.len() as u32)
}

/// Takes a person off a campaign's list, with the reason (迁居外地, 本人谢绝 …). The row stays.
pub fn remove_target(
    conn: &Connection,
    stamp: &Stamp,
    id: CampaignId,
    person: PersonId,
    reason: &str,
) -> Result<()> {
    let reason = crate::domain::text::normalize(reason);
    if reason.is_empty() {
        return Err(Error::invalid("从名单中去掉需要填写原因，例如“迁居外地”。"));
    }
    let n = conn.execute(
        "UPDATE campaign_targets SET removed_at = ?1, removed_reason = ?2
         WHERE campaign_id = ?3 AND person_id = ?4 AND removed_at IS NULL",
        params![stamp.at(), reason, id.0, person.0],
    )?;
    if n == 0 {
        return Err(Error::NotFound("此人不在这个慰问活动的名单中，请刷新后重试。".into()));
    }
    let change = audit::FieldChange {
        field: "targets".into(),
        old: serde_json::json!([person.0]),
        new: serde_json::Value::Null,
    };
    audit::record(conn, stamp, "campaign", Some(id.0), "remove_target", &[change], Some(&reason))?;
    Ok(())
}

/// People visited in a campaign, from its non-void visits to the retirees themselves.
fn visited_people(conn: &Connection, id: CampaignId) -> Result<HashSet<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT person_id FROM visits
         WHERE campaign_id = ?1 AND voided_at IS NULL AND survivor_id IS NULL",
    )?;
    let rows = stmt.query_map([id.0], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records one 节日 visit per person with the shared details. People already visited in this
/// campaign, the deceased and unknown ids are skipped and reported; people not on the list are
/// added to it. Run it inside one transaction (`Ledger::with_tx`): a batch is saved whole or not
/// at all.
pub fn record_visits(
    conn: &Connection,
    stamp: &Stamp,
    id: CampaignId,
    shared: &CampaignVisit,
    people: &[PersonId],
) -> Result<RecordedVisits> {
    let campaign = get(conn, id)?;
    let mut visited = visited_people(conn, id)?;
    let reason = match crate::domain::text::normalize(&shared.reason) {
        r if !r.is_empty() => r,
        _ if campaign.festival == Festival::Other => campaign.name.clone(),
        _ => campaign.festival.label().to_string(),
    };
    if shared.amount.0 < 0 {
        return Err(Error::invalid("慰问金不能为负数，没有慰问金请填0。"));
    }
    let mut template = VisitInput::new(PersonId(0), VisitKind::Holiday, shared.date);
    template.reason = reason;
    template.campaign_id = Some(id.0);
    template.leader = crate::domain::text::normalize(&shared.leader);
    template.participants = crate::domain::text::normalize(&shared.participants);
    template.gifts = crate::domain::text::normalize(&shared.gifts);
    template.amount = shared.amount;
    template.notes = crate::domain::text::normalize(&shared.notes);

    let mut lookup = conn
        .prepare_cached("SELECT name, died_on FROM people WHERE id = ?1 AND voided_at IS NULL")?;
    let mut target = conn.prepare_cached(
        "INSERT INTO campaign_targets (campaign_id, person_id, added_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (campaign_id, person_id) DO UPDATE
         SET removed_at = NULL, removed_reason = NULL WHERE removed_at IS NOT NULL",
    )?;
    let now = stamp.at();
    let mut out =
        RecordedVisits { visit_ids: Vec::with_capacity(people.len()), skipped: Vec::new() };
    for &p in people {
        let found: Option<(String, Option<PartialDate>)> =
            lookup.query_row([p.0], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
        let skip = |name: String, reason: &str| SkippedPerson {
            person_id: p,
            name,
            reason: reason.into(),
        };
        let Some((name, died_on)) = found else {
            out.skipped.push(skip(String::new(), "花名册中找不到此人（可能已被作废）"));
            continue;
        };
        if died_on.is_some_and(|d| d.is_on_or_before(shared.date)) {
            out.skipped.push(skip(name, "已去世，请改为遗属慰问"));
            continue;
        }
        if !visited.insert(p.0) {
            out.skipped.push(skip(name, "本次活动中已走访过"));
            continue;
        }
        target.execute(params![id.0, p.0, now])?;
        let visit = VisitInput { person_id: p, ..template.clone() };
        out.visit_ids.push(visits::insert_validated(conn, stamp, &visit)?);
    }
    Ok(out)
}

/// Who is due in a campaign, who has been visited (first visit's date and id) and who not yet.
/// People taken off the list are left out.
pub fn coverage(conn: &Connection, id: CampaignId) -> Result<CampaignCoverage> {
    let campaign = get(conn, id)?;
    let age_on = campaign
        .date
        .or_else(|| NaiveDate::from_ymd_opt(campaign.year, 12, 31))
        .unwrap_or(NaiveDate::MIN);
    // SQLite returns the bare `id` from the row holding MIN(date): the first visit's id.
    let mut stmt = conn.prepare_cached(
        "SELECT t.person_id, p.name, p.birth, p.retirement_kind, p.party_branch, v.first, v.id
         FROM campaign_targets t JOIN people p ON p.id = t.person_id
         LEFT JOIN (SELECT person_id, MIN(date) AS first, id FROM visits
                    WHERE campaign_id = ?1 AND voided_at IS NULL AND survivor_id IS NULL
                    GROUP BY person_id) v ON v.person_id = t.person_id
         WHERE t.campaign_id = ?1 AND t.removed_at IS NULL AND p.voided_at IS NULL
         ORDER BY v.first IS NOT NULL, t.person_id",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        let birth: Option<PartialDate> = r.get(2)?;
        Ok(CoverageRow {
            person_id: PersonId(r.get(0)?),
            name: r.get(1)?,
            age: birth.map(|b| b.age_on(age_on)),
            retirement_kind: r.get(3)?,
            branch: r.get(4)?,
            visited_on: r.get(5)?,
            visit_id: r.get::<_, Option<i64>>(6)?.map(VisitId),
        })
    })?;
    let rows: Vec<CoverageRow> = rows.collect::<rusqlite::Result<_>>()?;
    let visited = rows.iter().filter(|r| r.visited_on.is_some()).count() as u32;
    Ok(CampaignCoverage { campaign, total: rows.len() as u32, visited, rows })
}

/// The campaigns of a year (every year when `None`), newest first, with their counts.
pub fn list(conn: &Connection, year: Option<i32>) -> Result<Vec<CampaignSummary>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CAMPAIGN_COLUMNS},
           (SELECT COUNT(*) FROM campaign_targets t JOIN people p ON p.id = t.person_id
            WHERE t.campaign_id = c.id AND t.removed_at IS NULL AND p.voided_at IS NULL),
           (SELECT COUNT(*) FROM campaign_targets t JOIN people p ON p.id = t.person_id
            WHERE t.campaign_id = c.id AND t.removed_at IS NULL AND p.voided_at IS NULL
              AND EXISTS (SELECT 1 FROM visits v WHERE v.campaign_id = c.id
                          AND v.person_id = t.person_id AND v.voided_at IS NULL
                          AND v.survivor_id IS NULL))
         FROM campaigns c WHERE voided_at IS NULL AND (?1 IS NULL OR year = ?1)
         ORDER BY year DESC, date DESC, id DESC"
    ))?;
    let rows = stmt.query_map([year], |r| {
        Ok(CampaignSummary {
            campaign: campaign_from_row(r)?,
            total: r.get(8)?,
            visited: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::db::Ledger;
    use crate::tables::deaths::{self, DeathInput};
    use crate::tables::visits::tests::{add, d, stamp};
    use crate::testing::builder::retiree;

    fn input(festival: Festival, year: i32, targets: Vec<PersonId>) -> CampaignInput {
        CampaignInput {
            name: String::new(),
            festival,
            year,
            date: None,
            notes: String::new(),
            targets,
        }
    }

    fn shared(date: &str) -> CampaignVisit {
        CampaignVisit {
            date: d(date),
            reason: String::new(),
            leader: "周建平".into(),
            participants: "王丽、李娜".into(),
            gifts: "牛奶、水果".into(),
            amount: Fen(100_000),
            notes: String::new(),
        }
    }

    #[test]
    fn festival_dates_and_default_names() {
        // 春节 and 重阳节 from the almanac (万年历); 七一 is solar.
        let cases = [
            (Festival::SpringFestival, 2024, Some("2024-02-10"), "2024年春节慰问"),
            (Festival::SpringFestival, 2025, Some("2025-01-29"), "2025年春节慰问"),
            (Festival::SpringFestival, 2026, Some("2026-02-17"), "2026年春节慰问"),
            (Festival::SpringFestival, 2027, Some("2027-02-06"), "2027年春节慰问"),
            (Festival::DoubleNinth, 2024, Some("2024-10-11"), "2024年重阳节慰问"),
            (Festival::DoubleNinth, 2025, Some("2025-10-29"), "2025年重阳节慰问"),
            (Festival::DoubleNinth, 2026, Some("2026-10-18"), "2026年重阳节慰问"),
            (Festival::DoubleNinth, 2027, Some("2027-10-08"), "2027年重阳节慰问"),
            (Festival::PartyDay, 2026, Some("2026-07-01"), "2026年七一慰问"),
        ];
        for (festival, year, date, name) in cases {
            assert_eq!(Festival::date(festival, year), date.map(d), "{name}");
            assert_eq!(default_name(festival, year), name);
        }
        for year in 2020..=2030 {
            let dn = Festival::date(Festival::DoubleNinth, year).unwrap();
            assert!(d(&format!("{year}-10-01")) <= dn && dn <= d(&format!("{year}-11-01")));
        }
        let err = normalized(&input(Festival::Other, 2026, vec![])).unwrap_err();
        assert!(err.to_string().contains("请填写名称"));
    }

    #[test]
    fn targets_are_chosen_with_roster_filters_and_never_include_the_dead() {
        let ledger = Ledger::open_in_memory().unwrap();
        let conn = ledger.conn();
        let (lixiu, _) = add(conn, retiree("离休甲").lixiu().born("1930-01").build(), &[]);
        // 80 on 2026-10-18 only if born on or before 1946-10-18 (month precision: from October).
        let (eighty, _) = add(conn, retiree("满八十").born("1946-10").build(), &[]);
        let (seventy_nine, _) = add(conn, retiree("七十九").born("1946-11").build(), &[]);
        let (dead_lixiu, _) =
            add(conn, retiree("离休已故").lixiu().born("1928-01").died("2025-05-01").build(), &[]);
        let mut branch = retiree("二支部").born("1950-01").build();
        branch.party_branch = "离退休干部第二党支部".into();
        let (second, _) = add(conn, branch, &[]);
        let on = d("2026-10-18");
        let lixiu_q =
            PeopleQuery { retirement_kind: Some(RetirementKind::Lixiu), ..Default::default() };
        let over_80 = PeopleQuery { age_min: Some(80), ..Default::default() };
        assert_eq!(targets_for(conn, &lixiu_q, on).unwrap(), [lixiu]);
        assert_eq!(targets_for(conn, &over_80, on).unwrap(), [lixiu, eighty]);
        assert_eq!(targets_for_any(conn, &[lixiu_q, over_80], on).unwrap(), [lixiu, eighty]);
        let branch_q = PeopleQuery {
            party_branch: "离退休干部第二党支部".into(),
            ..Default::default()
        };
        assert_eq!(targets_for(conn, &branch_q, on).unwrap(), [second]);

        let err =
            create(conn, &stamp(), &input(Festival::DoubleNinth, 2026, vec![lixiu, dead_lixiu]))
                .unwrap_err();
        assert!(err.to_string().contains("离休已故已去世，不能列为慰问对象"), "{err}");
        let id = create(conn, &stamp(), &input(Festival::DoubleNinth, 2026, vec![lixiu, eighty]))
            .unwrap();
        assert_eq!(get(conn, id).unwrap().date, Some(on));
        assert_eq!(add_targets(conn, &stamp(), id, &[eighty, seventy_nine]).unwrap(), 1);
        remove_target(conn, &stamp(), id, seventy_nine, "本人谢绝").unwrap();
        assert!(remove_target(conn, &stamp(), id, seventy_nine, "x").is_err());
        assert!(remove_target(conn, &stamp(), id, eighty, " ")
            .unwrap_err()
            .to_string()
            .contains("原因"));
        assert_eq!(coverage(conn, id).unwrap().total, 2);
    }

    #[test]
    fn campaign_coverage_follows_visits_and_deaths() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let today = d("2026-11-21");
        let (a, b, c, early, late) = ledger
            .with_tx(|tx| {
                let a = add(tx, retiree("甲").lixiu().born("1930-01").build(), &[]).0;
                let b = add(tx, retiree("乙").born("1940-01").build(), &[]).0;
                let c =
                    add(tx, retiree("丙").born("1941-01").build(), &[("丙妻", "妻子", false)]).0;
                let early = add(tx, retiree("丁").born("1942-01").build(), &[]).0;
                let late = add(tx, retiree("戊").born("1943-01").build(), &[]).0;
                Ok((a, b, c, early, late))
            })
            .unwrap();
        let id = ledger
            .with_tx(|tx| {
                create(
                    tx,
                    &stamp(),
                    &input(Festival::DoubleNinth, 2026, vec![a, b, c, early, late]),
                )
            })
            .unwrap();
        let recorded = ledger
            .with_tx(|tx| record_visits(tx, &stamp(), id, &shared("2026-10-15"), &[a, b]))
            .unwrap();
        assert_eq!(recorded.visit_ids.len(), 2);
        // Recording again skips those already visited and reports them.
        let again = ledger
            .with_tx(|tx| record_visits(tx, &stamp(), id, &shared("2026-10-16"), &[b, late]))
            .unwrap();
        assert_eq!(again.visit_ids.len(), 1);
        assert_eq!(again.skipped.len(), 1);
        assert_eq!(
            (again.skipped[0].name.as_str(), again.skipped[0].reason.as_str()),
            ("乙", "本次活动中已走访过")
        );
        let conn = ledger.conn();
        let v = crate::tables::visits::get(conn, recorded.visit_ids[0]).unwrap();
        assert_eq!(
            (v.input.kind, v.input.reason.as_str(), v.input.amount),
            (VisitKind::Holiday, "重阳节", Fen(100_000))
        );

        // 丙 dies before being visited: he leaves the campaign. 丁 died in the spring, before the
        // festival, recorded late — he leaves it too. 戊 was visited and then died: he stays.
        ledger
            .with_tx(|tx| {
                let death = |p, on: &str| DeathInput {
                    person_id: p,
                    died_on: d(on),
                    cause: String::new(),
                    farewell: String::new(),
                    funeral: Fen(0),
                    pension: Fen(0),
                    paid_on: None,
                    recipient: String::new(),
                    notes: String::new(),
                    survivors: vec![],
                };
                let out = deaths::record_death(tx, &stamp(), &death(c, "2026-10-17"), today)?;
                assert_eq!(out.left_campaigns, ["2026年重阳节慰问"]);
                deaths::record_death(tx, &stamp(), &death(early, "2026-04-01"), today)?;
                let out = deaths::record_death(tx, &stamp(), &death(late, "2026-11-01"), today)?;
                assert!(out.left_campaigns.is_empty());
                Ok(())
            })
            .unwrap();
        let cov = coverage(ledger.conn(), id).unwrap();
        let rows: Vec<(&str, Option<NaiveDate>)> =
            cov.rows.iter().map(|r| (r.name.as_str(), r.visited_on)).collect();
        assert_eq!(
            rows,
            [
                ("甲", Some(d("2026-10-15"))),
                ("乙", Some(d("2026-10-15"))),
                ("戊", Some(d("2026-10-16")))
            ]
        );
        assert_eq!((cov.total, cov.visited), (3, 3));
        assert_eq!(cov.rows[0].age, Some(96));
        let summary = list(ledger.conn(), Some(2026)).unwrap();
        assert_eq!((summary[0].total, summary[0].visited), (3, 3));
        assert!(list(ledger.conn(), Some(2025)).unwrap().is_empty());

        // A visit recorded for the dead is refused by name, not saved.
        let dead = ledger
            .with_tx(|tx| record_visits(tx, &stamp(), id, &shared("2026-10-18"), &[c]))
            .unwrap();
        assert_eq!(dead.skipped[0].reason, "已去世，请改为遗属慰问");
    }

    #[test]
    fn two_hundred_visits_are_one_quick_transaction() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let people: Vec<PersonId> = ledger
            .with_tx(|tx| {
                Ok((0..200)
                    .map(|i| add(tx, retiree(&format!("老同志{i}")).born("1940-01").build(), &[]).0)
                    .collect())
            })
            .unwrap();
        let id = ledger
            .with_tx(|tx| {
                create(tx, &stamp(), &input(Festival::SpringFestival, 2026, people.clone()))
            })
            .unwrap();
        let started = std::time::Instant::now();
        let out = ledger
            .with_tx(|tx| record_visits(tx, &stamp(), id, &shared("2026-02-10"), &people))
            .unwrap();
        let took = started.elapsed();
        assert_eq!(out.visit_ids.len(), 200);
        // Generous for a debug build on a shared machine; release is a few milliseconds.
        assert!(took < std::time::Duration::from_secs(1), "{took:?}");
        let cov = coverage(ledger.conn(), id).unwrap();
        assert_eq!((cov.total, cov.visited), (200, 200));
    }
}
