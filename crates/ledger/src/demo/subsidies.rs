//! Demo subsidy payments and batches.

use crate::domain::model::*;
use crate::domain::money::Fen;
use crate::domain::period::{PayPeriod, Period};
use crate::domain::stamp::Stamp;
use crate::error::Result;
use crate::tables::subsidies::{
    self, branch_committee_members, issue_batch, BatchInput, BatchRecipient, SubsidyInput,
    COMMITTEE_ALLOWANCE, SURVIVOR_AID,
};
use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension};

/// Demo data for every work ledger of this slice, over the current year and the two before:
/// party posts and medals, quarterly 支委工作补贴 batches, 困难补贴 / 慰问金 / 老年大学学费,
/// 遗属困难补助 to survivors, yearly checkups and about ten activities a year.
pub(super) fn payments(
    conn: &Connection,
    stamp: &Stamp,
    rng: &mut super::Rng,
    people: &[(PersonId, PersonFields)],
    today: NaiveDate,
) -> Result<()> {
    let committee = branch_committee_members(conn)?;
    let handler = "王丽";
    let approver = "周建平";
    let alive_in = |p: &PersonFields, y: i32| p.died_on.is_none_or(|d| d.year() > y);
    for year in today.year() - 2..=today.year() {
        for q in 1..=4u8 {
            let Some(paid_on) =
                Period::new(year, Some(q))?.end().checked_sub_days(chrono::Days::new(5))
            else {
                continue;
            };
            if paid_on > today || committee.is_empty() {
                continue;
            }
            let batch = BatchInput {
                kind: COMMITTEE_ALLOWANCE.into(),
                period: PayPeriod::Quarter(year, q),
                paid_on,
                method: PayMethod::Transfer,
                handler: handler.into(),
                approver: approver.into(),
                notes: String::new(),
                amount: Fen(30_000),
                recipients: committee
                    .iter()
                    .map(|m| BatchRecipient {
                        person_id: m.person_id,
                        survivor_id: None,
                        amount: m.post.contains("书记").then_some(Fen(50_000)),
                    })
                    .collect(),
                allow_repeat: false,
            };
            issue_batch(conn, stamp, &batch)?;
        }
        // 春节 慰问金 to every 离休 retiree, as one batch in late January.
        let jan = NaiveDate::from_ymd_opt(year, 1, 20).filter(|d| *d <= today);
        let lixiu: Vec<BatchRecipient> = people
            .iter()
            .filter(|(_, p)| p.retirement_kind == Some(RetirementKind::Lixiu) && alive_in(p, year))
            .map(|(id, _)| BatchRecipient { person_id: *id, survivor_id: None, amount: None })
            .collect();
        if let (Some(paid_on), false) = (jan, lixiu.is_empty()) {
            issue_batch(
                conn,
                stamp,
                &BatchInput {
                    kind: "慰问金".into(),
                    period: PayPeriod::Year(year),
                    paid_on,
                    method: PayMethod::Cash,
                    handler: handler.into(),
                    approver: approver.into(),
                    notes: "春节慰问".into(),
                    amount: Fen(100_000),
                    recipients: lixiu,
                    allow_repeat: false,
                },
            )?;
        }
        let last_day = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today).min(today);
        let single = |person_id: PersonId,
                      survivor_id: Option<i64>,
                      kind: &str,
                      amount: i64,
                      rng: &mut super::Rng|
         -> Result<()> {
            let day = rng.range(0, i64::from(last_day.ordinal0()));
            let paid_on = NaiveDate::from_yo_opt(year, day as u32 + 1).unwrap_or(last_day);
            let input = SubsidyInput {
                person_id,
                survivor_id,
                kind: kind.into(),
                period: PayPeriod::Year(year),
                amount: Fen(amount),
                paid_on,
                method: if rng.chance(0.5) { PayMethod::Cash } else { PayMethod::Transfer },
                handler: handler.into(),
                approver: approver.into(),
                notes: String::new(),
            };
            subsidies::insert(conn, stamp, &input)?;
            Ok(())
        };
        for (id, p) in people {
            if !alive_in(p, year) {
                continue;
            }
            if rng.chance(0.03) {
                single(*id, None, "困难补贴", rng.range(10, 50) * 10_000, rng)?;
            }
            if rng.chance(0.02) {
                single(*id, None, "老年大学学费", rng.range(3, 8) * 10_000, rng)?;
            }
            if p.is_dependent() && rng.chance(0.3) {
                single(*id, None, "护理费", rng.range(12, 36) * 10_000, rng)?;
            }
        }
        // 遗属困难补助 to some survivors of those who died before this year.
        let mut survivors = conn.prepare_cached(
            "SELECT id FROM family_members
             WHERE person_id = ?1 AND is_survivor = 1 AND voided_at IS NULL ORDER BY id LIMIT 1",
        )?;
        for (id, p) in people {
            if p.died_on.is_some_and(|d| d.year() < year) && rng.chance(0.4) {
                let sid: Option<i64> = survivors.query_row([id.0], |r| r.get(0)).optional()?;
                if let Some(sid) = sid {
                    single(*id, Some(sid), SURVIVOR_AID, rng.range(10, 30) * 10_000, rng)?;
                    // Those paid the aid are recorded as receiving it (是否享受遗属补助).
                    crate::tables::people::set_survivor_aid(conn, stamp, sid, true)?;
                }
            }
        }
    }
    Ok(())
}
