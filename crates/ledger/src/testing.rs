//! Test fixtures shared by the core's unit tests: a fixed day and stamp, quick ways to add people,
//! a builder for a retiree (`retiree("张三").born("1945-10").lixiu()`), and readers for saved
//! workbooks. Compiled only for tests.
#![allow(clippy::unwrap_used)]

use crate::domain::model::*;
use crate::store::db::{Ledger, Stamp};
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
    crate::tables::people::insert(conn, &stamp(), &PersonInput { fields, family })
        .unwrap()
        .person
        .id
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

/// A builder for retirees in tests: `retiree("张三").born("1945-10").lixiu().organ()`.
pub mod builder {
    use crate::domain::date::PartialDate;
    use crate::domain::model::*;

    pub struct Retiree(pub PersonFields);

    pub fn retiree(name: &str) -> Retiree {
        Retiree(PersonFields {
            name: name.into(),
            retirement_kind: Some(RetirementKind::Tuixiu),
            unit_kind: Some(UnitKind::Organ),
            ..Default::default()
        })
    }

    fn date(s: &str) -> Option<PartialDate> {
        Some(PartialDate::parse(s).expect("test date"))
    }

    // Some helpers are used only by the export tests.
    #[allow(dead_code)]
    impl Retiree {
        pub fn born(mut self, d: &str) -> Self {
            self.0.birth = date(d);
            self
        }
        pub fn female(mut self) -> Self {
            self.0.sex = Some(Sex::Female);
            self
        }
        pub fn male(mut self) -> Self {
            self.0.sex = Some(Sex::Male);
            self
        }
        pub fn lixiu(mut self) -> Self {
            self.0.retirement_kind = Some(RetirementKind::Lixiu);
            self
        }
        pub fn tuizhi(mut self) -> Self {
            self.0.retirement_kind = Some(RetirementKind::Tuizhi);
            self
        }
        pub fn kind_unknown(mut self) -> Self {
            self.0.retirement_kind = None;
            self
        }
        pub fn unit(mut self, u: Option<UnitKind>) -> Self {
            self.0.unit_kind = u;
            self
        }
        pub fn institution(self) -> Self {
            self.unit(Some(UnitKind::Institution))
        }
        pub fn enterprise(self) -> Self {
            self.unit(Some(UnitKind::Enterprise))
        }
        pub fn grade(mut self, g: Grade) -> Self {
            self.0.grade = Some(g);
            self
        }
        pub fn party(mut self) -> Self {
            self.0.political_status = Some(PoliticalStatus::CpcMember);
            self
        }
        pub fn disabled(mut self) -> Self {
            self.0.care_level = Some(CareLevel::Disabled);
            self
        }
        pub fn worked(mut self, d: &str) -> Self {
            self.0.work_started = date(d);
            self
        }
        pub fn retired(mut self, d: &str) -> Self {
            self.0.retired_on = date(d);
            self
        }
        pub fn died(mut self, d: &str) -> Self {
            self.0.died_on = date(d);
            self
        }
        pub fn id(mut self, id: &str) -> Self {
            self.0.id_number = id.into();
            self
        }
        pub fn phone(mut self, p: &str) -> Self {
            self.0.phone = p.into();
            self
        }
        pub fn notes(mut self, n: &str) -> Self {
            self.0.notes = n.into();
            self
        }
        pub fn build(self) -> PersonFields {
            self.0
        }
    }
}

/// A person looked after by `liaison`, with a phone and an address to mask (the duty lists' tests).
pub fn liaison_person(
    c: &rusqlite::Connection,
    name: &str,
    liaison: &str,
) -> crate::domain::model::PersonId {
    add(
        c,
        crate::domain::model::PersonFields {
            liaison: liaison.into(),
            phone: "13812345678".into(),
            address: "北京市东城区和平里街道3号楼2单元501".into(),
            ..simple(name)
        },
    )
}

/// A visit of `kind` on `on`, made by `by`.
pub fn visit_by(
    c: &rusqlite::Connection,
    p: crate::domain::model::PersonId,
    kind: crate::domain::model::VisitKind,
    on: &str,
    by: &str,
) {
    let mut v = crate::tables::visits::VisitInput::new(p, kind, day(on));
    v.made_by = by.into();
    crate::tables::visits::insert(c, &stamp(), &v).unwrap();
}

/// The steps of `sql`'s query plan (`EXPLAIN QUERY PLAN`), with `?` parameters unbound. Tests that a
/// query meant for 10,000 people stays on its index read these.
pub fn query_plan(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let mut rows = stmt.raw_query();
    let mut steps = Vec::new();
    while let Some(row) = rows.next().unwrap() {
        steps.push(row.get(3).unwrap());
    }
    steps
}
