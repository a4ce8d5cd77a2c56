//! Bookkeeping the work-ledger tables (subsidies, checkups, party, activities) share: voiding a
//! record with a required reason, running a group of writes all-or-nothing, and looking up the
//! person a record is about.

use crate::audit;
use crate::date::PartialDate;
use crate::db::Stamp;
use crate::error::{Error, Result};
use crate::model::PersonId;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

/// The reason a record is voided, normalised; an empty one is refused.
pub(crate) fn require_reason(reason: &str) -> Result<String> {
    let reason = crate::text::normalize(reason);
    if reason.is_empty() {
        return Err(Error::invalid("作废必须填写原因，例如“重复录入”或“录入错误”。"));
    }
    Ok(reason)
}

/// Voids one row of `table` (which has `voided_at` / `void_reason`) and logs it under `entity`.
/// `missing` is the message when there is no such live row.
pub(crate) fn void_row(
    conn: &Connection,
    stamp: &Stamp,
    table: &str,
    entity: &str,
    id: i64,
    reason: &str,
    missing: &str,
) -> Result<()> {
    let reason = require_reason(reason)?;
    let n = conn
        .prepare_cached(&format!(
            "UPDATE {table} SET voided_at = ?1, void_reason = ?2, updated_at = ?1
             WHERE id = ?3 AND voided_at IS NULL"
        ))?
        .execute(params![stamp.at(), reason, id])?;
    if n == 0 {
        return Err(Error::NotFound(missing.into()));
    }
    audit::record(conn, stamp, entity, Some(id), "void", &[], Some(&reason))
}

/// Runs `f` inside a savepoint: every write it makes stays only if it returns `Ok`. Works on a bare
/// connection and inside a caller's transaction alike, so a batch is all-or-nothing either way.
pub(crate) fn all_or_nothing<T>(conn: &Connection, f: impl FnOnce() -> Result<T>) -> Result<T> {
    conn.execute_batch("SAVEPOINT work_ledger")?;
    match f() {
        Ok(v) => {
            conn.execute_batch("RELEASE work_ledger")?;
            Ok(v)
        }
        Err(e) => {
            conn.execute_batch("ROLLBACK TO work_ledger; RELEASE work_ledger")?;
            Err(e)
        }
    }
}

/// The few facts about a person that the work ledgers check.
#[derive(Debug, Clone)]
pub(crate) struct PersonBrief {
    pub name: String,
    pub died_on: Option<PartialDate>,
}

/// A live (not voided) person, or a message that says the record is gone.
pub(crate) fn person(conn: &Connection, id: PersonId) -> Result<PersonBrief> {
    conn.prepare_cached("SELECT name, died_on FROM people WHERE id = ?1 AND voided_at IS NULL")?
        .query_row([id.0], |r| Ok(PersonBrief { name: r.get(0)?, died_on: r.get(1)? }))
        .optional()?
        .ok_or_else(|| {
            Error::NotFound(format!(
                "找不到编号为{}的人员，可能已被作废。请刷新列表后重新选择。",
                id.0
            ))
        })
}

/// Whether a death recorded as `died_on` certainly happened before `day`: compared at the
/// precision recorded (a death in "2026-05" is before 2026-06-01 but not before 2026-05-20).
pub(crate) fn died_before(died_on: PartialDate, day: NaiveDate) -> bool {
    let iso = died_on.iso();
    let day_iso = day.format("%Y-%m-%d").to_string();
    iso.as_str() < &day_iso[..iso.len().min(day_iso.len())]
}

/// Shared fixtures for the work-ledger tests: a fixed day, a stamp, and a quick way to add people.
#[cfg(test)]
pub(crate) mod testing {
    use crate::db::{Ledger, Stamp};
    use crate::model::*;
    use crate::PartialDate;
    use chrono::NaiveDate;

    pub fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    pub fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    pub fn stamp() -> Stamp {
        Stamp { actor: "测试员".into(), now: today().and_hms_opt(9, 30, 0).unwrap() }
    }

    pub fn ledger() -> Ledger {
        Ledger::open_in_memory().unwrap()
    }

    /// A party member with the given 入党 / 转正 dates (either may be empty).
    pub fn member(name: &str, joined: &str, confirmed: &str) -> PersonFields {
        let date = |s: &str| (!s.is_empty()).then(|| PartialDate::parse(s).unwrap());
        PersonFields {
            name: name.into(),
            sex: Some(Sex::Male),
            birth: PartialDate::parse("1950-03").ok(),
            retirement_kind: Some(RetirementKind::Tuixiu),
            political_status: Some(PoliticalStatus::CpcMember),
            party_branch: "离退休干部第一党支部".into(),
            party_joined: date(joined),
            party_confirmed: date(confirmed),
            ..Default::default()
        }
    }

    pub fn add(conn: &rusqlite::Connection, fields: PersonFields) -> PersonId {
        add_with_family(conn, fields, Vec::new())
    }

    pub fn add_with_family(
        conn: &rusqlite::Connection,
        fields: PersonFields,
        family: Vec<FamilyMember>,
    ) -> PersonId {
        crate::people::insert(conn, &stamp(), &PersonInput { fields, family }).unwrap().person.id
    }

    /// Saves a workbook through `export::save` into a temporary folder and reads one sheet back.
    pub fn save_and_read(
        wb: &mut rust_xlsxwriter::Workbook,
        sheet: &str,
    ) -> (tempfile::TempDir, calamine::Range<calamine::Data>, calamine::Range<String>) {
        use calamine::Reader;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.xlsx");
        crate::export::save(wb, &path).unwrap();
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
        let values = book.worksheet_range(sheet).unwrap();
        let formulas = book.worksheet_formula(sheet).unwrap();
        (dir, values, formulas)
    }

    /// A cell as text (numbers without a trailing `.0`).
    pub fn cell(r: &calamine::Range<calamine::Data>, row: u32, col: u32) -> String {
        use calamine::Data;
        match r.get_value((row, col)) {
            Some(Data::String(s)) => s.clone(),
            Some(Data::Float(f)) => format!("{f}"),
            Some(Data::Int(i)) => format!("{i}"),
            Some(Data::Empty) | None => String::new(),
            Some(other) => format!("{other:?}"),
        }
    }

    /// The header row (row 3 of the sheet) as text.
    pub fn header(r: &calamine::Range<calamine::Data>) -> Vec<String> {
        (0..r.width() as u32).map(|c| cell(r, 2, c)).collect()
    }

    /// The row whose first cell is `label` (e.g. the 合计 row).
    pub fn row_of(r: &calamine::Range<calamine::Data>, label: &str) -> u32 {
        (0..r.height() as u32).find(|&row| cell(r, row, 0).starts_with(label)).unwrap()
    }

    pub fn simple(name: &str) -> PersonFields {
        PersonFields {
            name: name.into(),
            sex: Some(Sex::Female),
            birth: PartialDate::parse("1948-05").ok(),
            retirement_kind: Some(RetirementKind::Tuixiu),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn death_is_compared_at_its_recorded_precision() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let p = |s: &str| PartialDate::parse(s).unwrap();
        let cases = [
            ("2026-05-19", "2026-05-20", true),
            ("2026-05-20", "2026-05-20", false),
            ("2026-05", "2026-05-20", false),
            ("2026-05", "2026-06-01", true),
            ("2026", "2026-12-31", false),
            ("2025", "2026-01-01", true),
        ];
        for (died, on, want) in cases {
            assert_eq!(died_before(p(died), d(on)), want, "died {died}, on {on}");
        }
    }
}
