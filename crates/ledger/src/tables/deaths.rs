//! 去世及遗属: recording a retiree's death and what follows from it (DOMAIN.md rule 7).
//!
//! Recording a death, in the caller's one transaction: the roster's 去世日期 is set (audited), the
//! death row keeps the cause, the farewell and the one-off payments, the person leaves every
//! campaign still waiting for them, and the family members the clerk chose become survivors
//! (遗属). A condolence visit is proposed, not saved: the clerk confirms it. Nothing is deleted:
//! voiding a death record (entered by mistake) clears the 去世日期 again and puts the person back
//! on the campaigns the death took them off.

use crate::domain::date::PartialDate;
use crate::domain::model::{FamilyMember, PersonId, RetirementKind, Sex, VisitKind};
use crate::domain::money::Fen;
use crate::domain::period::Period;
use crate::domain::stamp::Stamp;
use crate::error::{Error, Result};
use crate::store::audit;
use crate::store::records;
use crate::tables::visits::VisitInput;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The reason written on campaign targets a death takes off the list.
pub const LEFT_CAMPAIGN_REASON: &str = "已去世";

/// Relations that make a family member a survivor by default: the spouse, however it is written.
const SPOUSE_RELATIONS: [&str; 7] = ["配偶", "妻子", "丈夫", "妻", "夫", "老伴", "爱人"];

/// The row id of a death record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(type = "number")]
pub struct DeathId(pub i64);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DeathInput {
    pub person_id: PersonId,
    #[ts(type = "string")]
    pub died_on: NaiveDate,
    /// 原因
    #[serde(default)]
    pub cause: String,
    /// 送别方式: 遗体告别 …
    #[serde(default)]
    pub farewell: String,
    /// 丧葬费
    #[serde(default)]
    pub funeral: Fen,
    /// 抚恤金
    #[serde(default)]
    pub pension: Fen,
    /// 发放日期
    #[serde(default)]
    #[ts(type = "string | null")]
    pub paid_on: Option<NaiveDate>,
    /// 领取人
    #[serde(default)]
    pub recipient: String,
    #[serde(default)]
    pub notes: String,
    /// Family member ids to mark as survivors (see [`proposed_survivors`]).
    #[serde(default)]
    #[ts(type = "Array<number>")]
    pub survivors: Vec<i64>,
}

/// What recording a death did, and the condolence visit to confirm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DeathOutcome {
    pub death_id: DeathId,
    /// The person's survivors after the change.
    pub survivors: Vec<FamilyMember>,
    /// Names of the campaigns the person was taken off.
    pub left_campaigns: Vec<String>,
    /// A 吊唁 visit prefilled for the UI to show; not saved.
    pub proposed_visit: VisitInput,
}

/// A death as the 去世及遗属登记 table lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DeathRecord {
    pub id: DeathId,
    pub person_id: PersonId,
    pub name: String,
    pub sex: Option<Sex>,
    pub birth: Option<PartialDate>,
    pub retirement_kind: Option<RetirementKind>,
    #[ts(type = "string")]
    pub died_on: NaiveDate,
    pub cause: String,
    pub farewell: String,
    pub funeral: Fen,
    pub pension: Fen,
    #[ts(type = "string | null")]
    pub paid_on: Option<NaiveDate>,
    pub recipient: String,
    pub notes: String,
    pub survivors: Vec<FamilyMember>,
}

/// A survivor, for choosing whom a survivor visit or a 遗属困难补助 is for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SurvivorRow {
    #[ts(type = "number")]
    pub family_member_id: i64,
    pub person_id: PersonId,
    /// The deceased retiree.
    pub deceased_name: String,
    pub died_on: Option<PartialDate>,
    pub name: String,
    pub relation: String,
    pub birth: Option<PartialDate>,
    /// The full phone, for the survivor list's export; never sent to the page, which shows
    /// `phone_masked` until a logged reveal (`people_masked::reveal_family`).
    #[serde(skip)]
    #[ts(skip)]
    pub phone: String,
    /// The phone as lists show it (`138****5678`), masked by the core.
    pub phone_masked: String,
    /// The full address, kept like `phone`.
    #[serde(skip)]
    #[ts(skip)]
    pub address: String,
    /// The address as lists show it (`北京市东城区****`), masked by the core.
    pub address_masked: String,
    /// 是否享受遗属补助
    pub survivor_aid: bool,
}

/// The family members proposed as survivors: the spouse (配偶, 妻子, 老伴 …).
pub fn proposed_survivors(conn: &Connection, person: PersonId) -> Result<Vec<FamilyMember>> {
    let family = crate::tables::people::list_family(conn, person)?;
    Ok(family
        .into_iter()
        .filter(|f| SPOUSE_RELATIONS.contains(&crate::domain::text::compact(&f.relation).as_str()))
        .collect())
}

fn normalize(input: &DeathInput) -> DeathInput {
    let mut d = input.clone();
    for t in [&mut d.cause, &mut d.farewell, &mut d.recipient, &mut d.notes] {
        *t = crate::domain::text::normalize(t);
    }
    d
}

/// The checks shared by recording and correcting a death.
fn check(d: &DeathInput, birth: Option<PartialDate>, today: NaiveDate) -> Result<()> {
    if d.died_on > today {
        return Err(Error::invalid(format!(
            "去世日期{}晚于今天，请核对。",
            crate::domain::date::chinese_date(d.died_on)
        )));
    }
    if let Some(b) = birth.filter(|b| d.died_on < b.earliest()) {
        return Err(Error::invalid(format!(
            "去世日期{}早于出生年月{}，请核对。",
            crate::domain::date::chinese_date(d.died_on),
            b.dotted()
        )));
    }
    if d.funeral.0 < 0 || d.pension.0 < 0 {
        return Err(Error::invalid("丧葬费和抚恤金不能为负数，未发放请填0。"));
    }
    if d.paid_on.is_some_and(|p| p < d.died_on) {
        return Err(Error::invalid("发放日期早于去世日期，请核对。"));
    }
    Ok(())
}

/// Sets or clears the roster's 去世日期 through the people module, so the change is audited like
/// any edit of the person.
fn set_died_on(
    conn: &Connection,
    stamp: &Stamp,
    person: PersonId,
    died_on: Option<PartialDate>,
) -> Result<()> {
    let mut fields = crate::tables::people::get(conn, person)?.fields;
    fields.died_on = died_on;
    let valid = crate::tables::people::validate_owned(fields).into_valid()?;
    crate::tables::people::update_validated(conn, stamp, person, &valid)?;
    Ok(())
}

/// Records a death (see the module documentation). Refuses a second death for the same person, a
/// date before birth or after `today`. Run it inside one transaction (`Ledger::with_tx`).
pub fn record_death(
    conn: &Connection,
    stamp: &Stamp,
    input: &DeathInput,
    today: NaiveDate,
) -> Result<DeathOutcome> {
    let d = normalize(input);
    let person = crate::tables::people::get(conn, d.person_id)?;
    let existing: Option<String> = conn
        .prepare_cached("SELECT died_on FROM deaths WHERE person_id = ?1 AND voided_at IS NULL")?
        .query_row([d.person_id.0], |r| r.get(0))
        .optional()?;
    if let Some(on) = existing {
        return Err(Error::invalid(format!(
            "{}的去世信息已于此前登记（去世日期{on}），不能重复登记。如需更正，请修改原记录。",
            person.fields.name
        )));
    }
    check(&d, person.fields.birth, today)?;
    for id in &d.survivors {
        if !person.family.iter().any(|f| f.id == Some(*id)) {
            return Err(Error::invalid("所选遗属不在该同志的家属名单中，请刷新后重新选择。"));
        }
    }

    set_died_on(conn, stamp, d.person_id, Some(PartialDate::from_date(d.died_on)))?;
    let now = stamp.at();
    conn.prepare_cached(
        "INSERT INTO deaths (person_id, died_on, cause, farewell, funeral_fen, pension_fen, paid_on,
         recipient, notes, created_at, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?10)",
    )?
    .execute(params![
        d.person_id.0,
        d.died_on,
        d.cause,
        d.farewell,
        d.funeral.0,
        d.pension.0,
        d.paid_on,
        d.recipient,
        d.notes,
        now
    ])?;
    let death_id = DeathId(conn.last_insert_rowid());
    let logged = DeathInput { survivors: Vec::new(), ..d.clone() };
    audit::record_created(conn, stamp, "death", death_id.0, &logged)?;

    let left_campaigns = leave_campaigns(conn, stamp, d.person_id, d.died_on)?;

    for member in person.family.iter().filter(|f| f.id.is_some_and(|id| d.survivors.contains(&id)))
    {
        if member.is_survivor {
            continue;
        }
        conn.execute(
            "UPDATE family_members SET is_survivor = 1, updated_at = ?1 WHERE id = ?2",
            params![now, member.id],
        )?;
        let change = audit::FieldChange {
            field: "is_survivor".into(),
            old: serde_json::json!(false),
            new: serde_json::json!(true),
        };
        audit::record(conn, stamp, "family_member", member.id, "update", &[change], None)?;
    }
    let survivors = crate::tables::people::list_family(conn, d.person_id)?
        .into_iter()
        .filter(|f| f.is_survivor)
        .collect();

    let mut proposed_visit = VisitInput::new(d.person_id, VisitKind::Condolence, d.died_on);
    proposed_visit.reason = "吊唁慰问".into();
    Ok(DeathOutcome { death_id, survivors, left_campaigns, proposed_visit })
}

/// Takes the person off every campaign still waiting for them whose festival falls on or after the
/// death (a campaign without a date: of the death's year or later). Campaigns that had already
/// passed keep them, visited or not, so last spring's coverage stays what it was.
fn leave_campaigns(
    conn: &Connection,
    stamp: &Stamp,
    person: PersonId,
    died_on: NaiveDate,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.name FROM campaign_targets t JOIN campaigns c ON c.id = t.campaign_id
         WHERE t.person_id = ?1 AND t.removed_at IS NULL AND c.voided_at IS NULL
           AND (c.date >= ?2 OR (c.date IS NULL AND c.year >= CAST(substr(?2, 1, 4) AS INTEGER)))
           AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.campaign_id = c.id
                           AND v.person_id = t.person_id AND v.voided_at IS NULL)
         ORDER BY c.id",
    )?;
    let campaigns: Vec<(i64, String)> = stmt
        .query_map(params![person.0, died_on], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, _) in &campaigns {
        crate::tables::campaigns::remove_target(
            conn,
            stamp,
            crate::tables::campaigns::CampaignId(*id),
            person,
            LEFT_CAMPAIGN_REASON,
        )?;
    }
    Ok(campaigns.into_iter().map(|(_, name)| name).collect())
}

fn not_found() -> Error {
    Error::NotFound("找不到这条去世记录，可能已被作废。请刷新列表。".into())
}

/// Corrects a death record (cause, payments, recipient; a corrected date also updates the
/// roster). Survivors are changed in the person's family list. Audited.
pub fn update(
    conn: &Connection,
    stamp: &Stamp,
    id: DeathId,
    input: &DeathInput,
    today: NaiveDate,
) -> Result<DeathRecord> {
    let old = get(conn, id)?;
    let d = normalize(input);
    if d.person_id != old.person_id {
        return Err(Error::invalid(
            "去世记录不能改到另一位同志名下：请作废这条记录，再为正确的人员登记。",
        ));
    }
    check(&d, old.birth, today)?;
    let before = DeathInput {
        person_id: old.person_id,
        died_on: old.died_on,
        cause: old.cause.clone(),
        farewell: old.farewell.clone(),
        funeral: old.funeral,
        pension: old.pension,
        paid_on: old.paid_on,
        recipient: old.recipient.clone(),
        notes: old.notes.clone(),
        survivors: Vec::new(),
    };
    let after = DeathInput { survivors: Vec::new(), ..d };
    let changes = audit::diff(&before, &after);
    if changes.is_empty() {
        return Ok(old);
    }
    conn.execute(
        "UPDATE deaths SET died_on=?1, cause=?2, farewell=?3, funeral_fen=?4, pension_fen=?5,
         paid_on=?6, recipient=?7, notes=?8, updated_at=?9 WHERE id=?10 AND voided_at IS NULL",
        params![
            after.died_on,
            after.cause,
            after.farewell,
            after.funeral.0,
            after.pension.0,
            after.paid_on,
            after.recipient,
            after.notes,
            stamp.at(),
            id.0
        ],
    )?;
    audit::record(conn, stamp, "death", Some(id.0), "update", &changes, None)?;
    if after.died_on != old.died_on {
        set_died_on(conn, stamp, old.person_id, Some(PartialDate::from_date(after.died_on)))?;
    }
    get(conn, id)
}

/// Voids a death record entered by mistake: the roster's 去世日期 is cleared (audited) and the
/// person goes back on the campaigns the death took them off. Survivor marks stay on the family
/// members but count only while the person is deceased (see [`survivors`]).
pub fn void(conn: &Connection, stamp: &Stamp, id: DeathId, reason: &str) -> Result<()> {
    let record = get(conn, id)?;
    records::void_row(
        conn,
        stamp,
        "deaths",
        "death",
        id.0,
        reason,
        "找不到这条去世记录，可能已被作废。请刷新列表。",
    )?;
    set_died_on(conn, stamp, record.person_id, None)?;
    let campaigns: Vec<i64> = conn
        .prepare_cached(
            "SELECT campaign_id FROM campaign_targets WHERE person_id = ?1 AND removed_reason = ?2",
        )?
        .query_map(params![record.person_id.0, LEFT_CAMPAIGN_REASON], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for c in campaigns {
        crate::tables::campaigns::add_targets(
            conn,
            stamp,
            crate::tables::campaigns::CampaignId(c),
            &[record.person_id],
        )?;
    }
    Ok(())
}

/// Restores a death record voided by mistake, with a reason: the roster's 去世日期 comes back
/// (audited) and the person leaves the campaigns after the death again. Refused while the person
/// has another live death record or has been voided.
pub fn restore(conn: &Connection, stamp: &Stamp, id: DeathId, reason: &str) -> Result<DeathRecord> {
    records::all_or_nothing(conn, || {
        records::restore_row(
            conn,
            stamp,
            "deaths",
            "death",
            id.0,
            reason,
            "找不到这条已作废的去世记录，可能已被恢复。请刷新列表。",
            "不能恢复：这位同志已有另一条去世记录。如需更正，请修改那一条。",
        )?;
        let record = get(conn, id)?;
        records::person(conn, record.person_id).map_err(|_| {
            Error::invalid("不能恢复：这位人员已被作废。请先恢复人员，再恢复其去世记录。")
        })?;
        set_died_on(conn, stamp, record.person_id, Some(PartialDate::from_date(record.died_on)))?;
        leave_campaigns(conn, stamp, record.person_id, record.died_on)?;
        Ok(record)
    })
}

const SELECT: &str = "SELECT d.id, d.person_id, p.name, p.sex, p.birth, p.retirement_kind,
    d.died_on, d.cause, d.farewell, d.funeral_fen, d.pension_fen, d.paid_on, d.recipient, d.notes
    FROM deaths d JOIN people p ON p.id = d.person_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DeathRecord> {
    Ok(DeathRecord {
        id: DeathId(r.get(0)?),
        person_id: PersonId(r.get(1)?),
        name: r.get(2)?,
        sex: r.get(3)?,
        birth: r.get(4)?,
        retirement_kind: r.get(5)?,
        died_on: r.get(6)?,
        cause: r.get(7)?,
        farewell: r.get(8)?,
        funeral: Fen(r.get(9)?),
        pension: Fen(r.get(10)?),
        paid_on: r.get(11)?,
        recipient: r.get(12)?,
        notes: r.get(13)?,
        survivors: Vec::new(),
    })
}

fn with_survivors(conn: &Connection, mut d: DeathRecord) -> Result<DeathRecord> {
    d.survivors = crate::tables::people::list_family(conn, d.person_id)?
        .into_iter()
        .filter(|f| f.is_survivor)
        .collect();
    Ok(d)
}

pub fn get(conn: &Connection, id: DeathId) -> Result<DeathRecord> {
    let d = conn
        .prepare_cached(&format!("{SELECT} WHERE d.id = ?1 AND d.voided_at IS NULL"))?
        .query_row([id.0], from_row)
        .optional()?
        .ok_or_else(not_found)?;
    with_survivors(conn, d)
}

/// Whether the person's death has been recorded here (a roster imported with 去世日期 has the date
/// but not the death record: the clerk may still add the cause, farewell and payments).
pub fn has_record(conn: &Connection, person: PersonId) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM deaths WHERE person_id = ?1 AND voided_at IS NULL")?
        .exists([person.0])?)
}

/// Deaths in the period (by date of death), in date order, each with the person's survivors.
pub fn list(conn: &Connection, period: Period) -> Result<Vec<DeathRecord>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE d.voided_at IS NULL AND p.voided_at IS NULL
         AND d.died_on >= ?1 AND d.died_on <= ?2 ORDER BY d.died_on, d.id"
    ))?;
    let rows: Vec<DeathRecord> = stmt
        .query_map(params![period.start(), period.end()], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|d| with_survivors(conn, d)).collect()
}

/// Every survivor of a deceased retiree, by the deceased's name order of entry.
pub fn survivors(conn: &Connection) -> Result<Vec<SurvivorRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SURVIVOR_COLUMNS}
         FROM family_members f JOIN people p ON p.id = f.person_id
         WHERE f.is_survivor = 1 AND f.voided_at IS NULL AND p.voided_at IS NULL
           AND p.died_on IS NOT NULL
         ORDER BY p.id, f.id"
    ))?;
    let rows = stmt.query_map([], survivor_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The columns every survivor list selects, in order.
pub(crate) const SURVIVOR_COLUMNS: &str =
    "f.id, p.id, p.name, p.died_on, f.name, f.relation, f.birth, f.phone, f.address, f.survivor_aid";

/// One survivor row, from a query that selects [`SURVIVOR_COLUMNS`].
pub(crate) fn survivor_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SurvivorRow> {
    Ok(SurvivorRow {
        family_member_id: r.get(0)?,
        person_id: PersonId(r.get(1)?),
        deceased_name: r.get(2)?,
        died_on: r.get(3)?,
        name: r.get(4)?,
        relation: r.get(5)?,
        birth: r.get(6)?,
        phone_masked: crate::domain::idcard::mask_phone(&r.get::<_, String>(7)?),
        phone: r.get(7)?,
        address_masked: crate::domain::privacy::mask_address(&r.get::<_, String>(8)?),
        address: r.get(8)?,
        survivor_aid: r.get(9)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Festival;
    use crate::store::db::Ledger;
    use crate::tables::campaigns::{self, CampaignInput};
    use crate::tables::visits::tests::{add, d, stamp};
    use crate::testing::builder::retiree;

    fn death(p: PersonId, on: &str) -> DeathInput {
        DeathInput {
            person_id: p,
            died_on: d(on),
            cause: "病故".into(),
            farewell: "遗体告别".into(),
            funeral: Fen(500_000),
            pension: Fen(2_000_000),
            paid_on: Some(d("2026-09-20")),
            recipient: "李梅".into(),
            notes: String::new(),
            survivors: vec![],
        }
    }

    #[test]
    fn a_death_imported_with_the_roster_can_be_completed_later() {
        // The roster file said 去世 2025.03 but nothing more: no record yet, and one can be added.
        let mut ledger = Ledger::open_in_memory().unwrap();
        let (p, _) =
            add(ledger.conn(), retiree("王五").born("1930-05").died("2025-03").build(), &[]);
        assert!(!has_record(ledger.conn(), p).unwrap());
        let today = d("2026-11-21");
        let input = DeathInput { paid_on: Some(d("2025-03-20")), ..death(p, "2025-03-12") };
        ledger.with_tx(|tx| record_death(tx, &stamp(), &input, today)).unwrap();
        let conn = ledger.conn();
        assert!(has_record(conn, p).unwrap());
        let died = crate::tables::people::get(conn, p).unwrap().fields.died_on;
        assert_eq!(died, Some(PartialDate::from_date(d("2025-03-12"))), "the day is now known");
    }

    #[test]
    fn recording_a_death_moves_the_spouse_to_survivors_and_proposes_a_condolence() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let today = d("2026-11-21");
        let (p, family) = add(
            ledger.conn(),
            retiree("张三").born("1935-03").build(),
            &[("李梅", " 老伴 ", false), ("张小", "儿子", false)],
        );
        let proposed = proposed_survivors(ledger.conn(), p).unwrap();
        assert_eq!(proposed.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["李梅"]);

        let spring = ledger
            .with_tx(|tx| {
                let input = |f, y| CampaignInput {
                    name: String::new(),
                    festival: f,
                    year: y,
                    date: None,
                    notes: String::new(),
                    targets: vec![p],
                };
                let spring =
                    campaigns::create(tx, &stamp(), &input(Festival::SpringFestival, 2027))?;
                campaigns::create(tx, &stamp(), &input(Festival::SpringFestival, 2026))?;
                Ok(spring)
            })
            .unwrap();
        let mut input = death(p, "2026-09-10");
        input.survivors = family.clone();
        assert!(!has_record(ledger.conn(), p).unwrap());
        let out = ledger.with_tx(|tx| record_death(tx, &stamp(), &input, today)).unwrap();
        assert!(has_record(ledger.conn(), p).unwrap());
        assert_eq!(out.survivors.len(), 2);
        assert_eq!(out.left_campaigns, ["2027年春节慰问"], "the past spring keeps its list");
        assert_eq!(
            (out.proposed_visit.kind, out.proposed_visit.date, out.proposed_visit.reason.as_str()),
            (VisitKind::Condolence, d("2026-09-10"), "吊唁慰问")
        );
        let conn = ledger.conn();
        assert!(
            crate::tables::visits::list(conn, &Default::default()).unwrap().is_empty(),
            "not saved"
        );
        let person = crate::tables::people::get(conn, p).unwrap();
        assert_eq!(person.fields.died_on, Some(PartialDate::from_date(d("2026-09-10"))));
        let log = audit::list_for(conn, "person", p.0).unwrap();
        assert!(log[0].changes.iter().any(|c| c.field == "died_on"));
        assert_eq!(survivors(conn).unwrap().len(), 2);
        assert_eq!(campaigns::coverage(conn, spring).unwrap().total, 0);

        let listed = list(conn, Period::new(2026, Some(3)).unwrap()).unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(
            (listed[0].funeral, listed[0].survivors[0].name.as_str()),
            (Fen(500_000), "李梅")
        );
        assert!(list(conn, Period::new(2026, Some(4)).unwrap()).unwrap().is_empty());

        // A condolence visit can now be saved; a holiday visit cannot.
        crate::tables::visits::insert(conn, &stamp(), &out.proposed_visit).unwrap();

        // Voiding the record (entered by mistake) restores life and the campaign list.
        let err = ledger.with_tx(|tx| void(tx, &stamp(), out.death_id, "")).unwrap_err();
        assert!(err.to_string().contains("原因"));
        ledger.with_tx(|tx| void(tx, &stamp(), out.death_id, "误登记")).unwrap();
        let conn = ledger.conn();
        assert!(!has_record(conn, p).unwrap());
        assert_eq!(crate::tables::people::get(conn, p).unwrap().fields.died_on, None);
        assert_eq!(campaigns::coverage(conn, spring).unwrap().total, 1);
        assert!(survivors(conn).unwrap().is_empty(), "survivors only of the deceased");
        // And the death can be recorded again, correctly.
        ledger.with_tx(|tx| record_death(tx, &stamp(), &death(p, "2026-09-11"), today)).unwrap();
    }

    #[test]
    fn deaths_that_cannot_be_recorded() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let today = d("2026-11-21");
        let (p, _) = add(ledger.conn(), retiree("张三").born("1935-03").build(), &[]);
        let (other, other_family) =
            add(ledger.conn(), retiree("李四").born("1936-03").build(), &[("王兰", "配偶", false)]);
        ledger.with_tx(|tx| record_death(tx, &stamp(), &death(p, "2026-09-10"), today)).unwrap();
        let mut foreign = death(other, "2026-09-10");
        foreign.survivors = vec![other_family[0] + 100];
        let mut unpaid = death(other, "2026-09-10");
        unpaid.paid_on = Some(d("2026-09-01"));
        // (case, input, expected message)
        let cases = [
            ("a second death", death(p, "2026-09-12"), "不能重复登记"),
            ("before birth", death(other, "1936-02-28"), "早于出生年月1936.03"),
            ("after today", death(other, "2026-11-22"), "晚于今天"),
            ("a survivor from another family", foreign, "不在该同志的家属名单中"),
            ("paid before the death", unpaid, "发放日期早于去世日期"),
        ];
        for (case, input, want) in cases {
            let err = ledger.with_tx(|tx| record_death(tx, &stamp(), &input, today)).unwrap_err();
            assert!(err.to_string().contains(want), "{case}: {err}");
        }
        assert_eq!(
            crate::tables::people::get(ledger.conn(), other).unwrap().fields.died_on,
            None,
            "rolled back"
        );
        // Today itself is allowed, with the payment still to come.
        let mut on_the_day = death(other, "2026-11-21");
        on_the_day.paid_on = None;
        ledger.with_tx(|tx| record_death(tx, &stamp(), &on_the_day, today)).unwrap();
    }

    #[test]
    fn correcting_the_date_updates_the_roster() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let today = d("2026-11-21");
        let (p, _) = add(ledger.conn(), retiree("张三").born("1935-03").build(), &[]);
        let out = ledger
            .with_tx(|tx| record_death(tx, &stamp(), &death(p, "2026-09-10"), today))
            .unwrap();
        let mut fixed = death(p, "2026-09-09");
        fixed.recipient = "张小".into();
        let rec = ledger.with_tx(|tx| update(tx, &stamp(), out.death_id, &fixed, today)).unwrap();
        assert_eq!((rec.died_on, rec.recipient.as_str()), (d("2026-09-09"), "张小"));
        let person = crate::tables::people::get(ledger.conn(), p).unwrap();
        assert_eq!(person.fields.died_on, Some(PartialDate::from_date(d("2026-09-09"))));
        let log = audit::list_for(ledger.conn(), "death", out.death_id.0).unwrap();
        assert_eq!(log[0].action, "update");
    }
}
