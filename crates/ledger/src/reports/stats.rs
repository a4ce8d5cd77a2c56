//! The yearly statistics sent upward (基本情况统计表; DOMAIN.md "Yearly statistics sent upward",
//! rules 6 and 9), as plain numbers: [`yearly`] is a pure function of the roster and last year's
//! reported figure, and `export::stats` prints what it returns. The `year_end_counts` table keeps
//! the year-end figure as reported, so next year's reconciliation starts from what the bureau
//! actually received rather than from a ledger that has been corrected since.
//!
//! Who counts at the end of a year: people alive on Dec 31 (no death date, or one after the year)
//! who had retired by then (no retirement date, or one in or before the year). Ages are on Dec 31.
//! Nobody is dropped for a missing field: a person without 人员类别 gets a row of their own, and
//! missing grades, birth dates and so on are counted in the 说明 lines.

use crate::domain::model::{Grade, PersonFields, RetirementKind, UnitKind};
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

/// The unit kinds in the order the tables list them; `None` is "人员类别未填写".
pub const UNIT_ROWS: [Option<UnitKind>; 4] =
    [Some(UnitKind::Organ), Some(UnitKind::Institution), Some(UnitKind::Enterprise), None];

/// The row label of a unit kind.
pub fn unit_label(u: Option<UnitKind>) -> &'static str {
    u.map(UnitKind::label).unwrap_or("未填写类别")
}

/// The periods of joining revolutionary work for 离休 cadres, with the last day of each.
pub const WORK_PERIODS: [(&str, (i32, u32, u32)); 5] = [
    ("1927年7月及以前", (1927, 7, 31)),
    ("1927.8.1—\n1937.7.6", (1937, 7, 6)),
    ("1937.7.7—\n1942.12.31", (1942, 12, 31)),
    ("1943.1.1—\n1945.9.2", (1945, 9, 2)),
    ("1945.9.3—\n1949.9.30", (1949, 9, 30)),
];

/// 基本情况: one row per unit kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct BasicRow {
    pub unit_kind: Option<UnitKind>,
    pub total: u32,
    pub lixiu: u32,
    /// 退休, 退职 included.
    pub tuixiu: u32,
    pub party_members: u32,
    /// 生活不能自理
    pub dependent: u32,
    pub aged_70_79: u32,
    pub aged_80_plus: u32,
    /// In the order of [`Grade::ALL`].
    pub by_grade: Vec<u32>,
}

/// 离休干部参加革命工作时间: one row per unit kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct WorkPeriodRow {
    pub unit_kind: Option<UnitKind>,
    /// 离休 cadres counted at the year end.
    pub total: u32,
    /// In the order of [`WORK_PERIODS`].
    pub by_period: Vec<u32>,
    /// No date recorded, or one after 1949-09-30 (to be checked).
    pub missing: u32,
}

/// 人数变动情况: one row per unit kind (rule 9).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ChangeRow {
    pub unit_kind: Option<UnitKind>,
    pub last_year_end: i64,
    pub new: i64,
    pub deaths: i64,
    /// last + new − deaths
    pub expected: i64,
    pub actual: i64,
    /// actual − expected
    pub difference: i64,
}

/// One cell of a year-end count as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct YearEndCell {
    pub unit_kind: Option<UnitKind>,
    pub retirement_kind: Option<RetirementKind>,
    pub total: u32,
}

/// The year-end count by unit kind and retirement kind, as reported upward.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct YearEndCounts {
    pub year: i32,
    /// When it was recorded (ISO date); empty for a count not recorded yet.
    pub recorded_at: String,
    pub cells: Vec<YearEndCell>,
}

impl YearEndCounts {
    pub fn total_for(&self, unit: Option<UnitKind>) -> u32 {
        self.cells.iter().filter(|c| c.unit_kind == unit).map(|c| c.total).sum()
    }
}

/// Where 上年末人数 came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LastYearSource {
    /// The figure recorded when last year's table was exported.
    Recorded { recorded_at: String },
    /// No figure was recorded: computed from the ledger as it is now.
    Computed,
}

/// Everything the 基本情况统计表 prints, with the 说明 lines of each sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct YearlyStats {
    pub year: i32,
    /// The unit kinds shown as rows: the three kinds, plus "未填写" when someone lacks it.
    pub unit_rows: Vec<Option<UnitKind>>,
    pub basic: Vec<BasicRow>,
    pub basic_total: BasicRow,
    pub basic_notes: Vec<String>,
    pub work_periods: Vec<WorkPeriodRow>,
    pub work_periods_total: WorkPeriodRow,
    pub work_period_notes: Vec<String>,
    pub changes: Vec<ChangeRow>,
    pub changes_total: ChangeRow,
    pub change_notes: Vec<String>,
    pub last_year_source: LastYearSource,
    /// This year's actual year-end count, to be recorded when the table is sent.
    pub year_end: YearEndCounts,
}

fn dec31(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX)
}

fn retired_by(p: &PersonFields, year: i32) -> bool {
    p.retired_on.is_none_or(|d| d.year() <= year)
}

fn alive_at_end(p: &PersonFields, year: i32) -> bool {
    p.died_on.is_none_or(|d| d.year() > year)
}

/// On the roster at the end of `year`: retired by then and still alive.
pub fn counted_at_end(p: &PersonFields, year: i32) -> bool {
    retired_by(p, year) && alive_at_end(p, year)
}

/// The period index of a 离休 cadre's start of revolutionary work, by the earliest day the recorded
/// date can mean; `None` when missing or after 1949-09-30.
pub fn work_period(p: &PersonFields) -> Option<usize> {
    let start = p.work_started?.earliest();
    WORK_PERIODS.iter().position(|(_, (y, m, d))| {
        NaiveDate::from_ymd_opt(*y, *m, *d).is_some_and(|last_day| start <= last_day)
    })
}

fn year_end_counts(people: &[PersonFields], year: i32) -> YearEndCounts {
    let kinds: Vec<Option<RetirementKind>> =
        RetirementKind::ALL.iter().copied().map(Some).chain([None]).collect();
    let mut cells = Vec::new();
    for unit in UNIT_ROWS {
        for rk in &kinds {
            let total = people
                .iter()
                .filter(|p| {
                    counted_at_end(p, year) && p.unit_kind == unit && p.retirement_kind == *rk
                })
                .count() as u32;
            if total > 0 {
                cells.push(YearEndCell { unit_kind: unit, retirement_kind: *rk, total });
            }
        }
    }
    YearEndCounts { year, recorded_at: String::new(), cells }
}

/// The statistics for `year` (as of Dec 31). `reported_last_year` is the year-end count recorded
/// for `year − 1`, if one was; otherwise last year's end count is computed from the roster.
pub fn yearly(
    people: &[PersonFields],
    year: i32,
    reported_last_year: Option<&YearEndCounts>,
) -> YearlyStats {
    let end = dec31(year);
    let at_end: Vec<&PersonFields> = people.iter().filter(|p| counted_at_end(p, year)).collect();
    let new_in_year = |p: &&PersonFields| p.retired_on.is_some_and(|d| d.year() == year);
    let died_in_year =
        |p: &&PersonFields| retired_by(p, year) && p.died_on.is_some_and(|d| d.year() == year);

    let unknown_unit = people
        .iter()
        .filter(|p| p.unit_kind.is_none())
        .any(|p| counted_at_end(p, year) || counted_at_end(p, year - 1) || died_in_year(&p))
        // A recorded figure with people of no 人员类别 needs its row, or the rows would not add up.
        || reported_last_year.is_some_and(|r| r.total_for(None) > 0);
    let unit_rows: Vec<Option<UnitKind>> =
        UNIT_ROWS.iter().copied().filter(|u| u.is_some() || unknown_unit).collect();

    // 基本情况
    let basic: Vec<BasicRow> = unit_rows
        .iter()
        .map(|&unit| {
            let mut row = BasicRow {
                unit_kind: unit,
                by_grade: vec![0; Grade::ALL.len()],
                ..Default::default()
            };
            for p in at_end.iter().filter(|p| p.unit_kind == unit) {
                row.total += 1;
                match p.retirement_kind {
                    Some(RetirementKind::Lixiu) => row.lixiu += 1,
                    Some(RetirementKind::Tuixiu | RetirementKind::Tuizhi) => row.tuixiu += 1,
                    None => {}
                }
                row.party_members += u32::from(p.is_party_member());
                row.dependent += u32::from(p.is_dependent());
                match p.birth.map(|b| b.age_on(end)) {
                    Some(70..=79) => row.aged_70_79 += 1,
                    Some(age) if age >= 80 => row.aged_80_plus += 1,
                    _ => {}
                }
                if let Some(i) = p.grade.and_then(|g| Grade::ALL.iter().position(|x| *x == g)) {
                    row.by_grade[i] += 1;
                }
            }
            row
        })
        .collect();
    let basic_total = BasicRow {
        unit_kind: None,
        total: basic.iter().map(|r| r.total).sum(),
        lixiu: basic.iter().map(|r| r.lixiu).sum(),
        tuixiu: basic.iter().map(|r| r.tuixiu).sum(),
        party_members: basic.iter().map(|r| r.party_members).sum(),
        dependent: basic.iter().map(|r| r.dependent).sum(),
        aged_70_79: basic.iter().map(|r| r.aged_70_79).sum(),
        aged_80_plus: basic.iter().map(|r| r.aged_80_plus).sum(),
        by_grade: (0..Grade::ALL.len())
            .map(|i| basic.iter().map(|r| r.by_grade[i]).sum())
            .collect(),
    };
    let mut basic_notes = vec![format!(
        "说明：1.统计截至{year}年12月31日，含当日在世且已离退休的人员；年龄按{year}年12月31日计算。"
    )];
    let count = |f: &dyn Fn(&PersonFields) -> bool| at_end.iter().filter(|p| f(p)).count();
    let missing = [
        (count(&|p| p.unit_kind.is_none()), "未填写人员类别，单列为“未填写类别”一行"),
        (count(&|p| p.retirement_kind.is_none()), "未填写离休/退休，未计入离休、退休两栏"),
        (count(&|p| p.birth.is_none()), "未填写出生年月，未计入年龄两栏"),
        (count(&|p| p.grade.is_none()), "未填写职级，未计入分职级各栏"),
        (count(&|p| p.retired_on.is_none()), "未填写离退休时间，按已离退休计算"),
    ];
    for (n, what) in missing {
        if n > 0 {
            basic_notes.push(format!("{}.有{n}人{what}，请在台账中补全。", basic_notes.len() + 1));
        }
    }

    // 离休干部参加革命工作时间
    let work_periods: Vec<WorkPeriodRow> = unit_rows
        .iter()
        .map(|&unit| {
            let mut row = WorkPeriodRow {
                unit_kind: unit,
                by_period: vec![0; WORK_PERIODS.len()],
                ..Default::default()
            };
            for p in at_end
                .iter()
                .filter(|p| p.unit_kind == unit && p.retirement_kind == Some(RetirementKind::Lixiu))
            {
                row.total += 1;
                match work_period(p) {
                    Some(i) => row.by_period[i] += 1,
                    None => row.missing += 1,
                }
            }
            row
        })
        .collect();
    let work_periods_total = WorkPeriodRow {
        unit_kind: None,
        total: work_periods.iter().map(|r| r.total).sum(),
        by_period: (0..WORK_PERIODS.len())
            .map(|i| work_periods.iter().map(|r| r.by_period[i]).sum())
            .collect(),
        missing: work_periods.iter().map(|r| r.missing).sum(),
    };
    let mut work_period_notes =
        vec!["说明：按登记的参加革命工作时间归入时期；只登记到年月的，按该月1日归入。".to_string()];
    let late = at_end
        .iter()
        .filter(|p| p.retirement_kind == Some(RetirementKind::Lixiu))
        .filter(|p| p.work_started.is_some() && work_period(p).is_none())
        .count();
    if late > 0 {
        work_period_notes.push(format!(
            "“未填写”一栏中有{late}人登记的参加工作时间晚于1949年9月30日，不符合离休条件，请核对。"
        ));
    }

    // 人数变动情况
    let last_by_unit = |unit: Option<UnitKind>| -> i64 {
        match reported_last_year {
            Some(r) => i64::from(r.total_for(unit)),
            None => {
                people.iter().filter(|p| p.unit_kind == unit && counted_at_end(p, year - 1)).count()
                    as i64
            }
        }
    };
    let changes: Vec<ChangeRow> = unit_rows
        .iter()
        .map(|&unit| {
            let of_unit = |p: &&PersonFields| p.unit_kind == unit;
            let last_year_end = last_by_unit(unit);
            let new = people.iter().filter(of_unit).filter(new_in_year).count() as i64;
            let deaths = people.iter().filter(of_unit).filter(died_in_year).count() as i64;
            let actual = at_end.iter().filter(|p| p.unit_kind == unit).count() as i64;
            let expected = last_year_end + new - deaths;
            ChangeRow {
                unit_kind: unit,
                last_year_end,
                new,
                deaths,
                expected,
                actual,
                difference: actual - expected,
            }
        })
        .collect();
    let sum = |f: fn(&ChangeRow) -> i64| changes.iter().map(f).sum::<i64>();
    let changes_total = ChangeRow {
        unit_kind: None,
        last_year_end: sum(|r| r.last_year_end),
        new: sum(|r| r.new),
        deaths: sum(|r| r.deaths),
        expected: sum(|r| r.expected),
        actual: sum(|r| r.actual),
        difference: sum(|r| r.difference),
    };
    let last_year_source = match reported_last_year {
        Some(r) => LastYearSource::Recorded { recorded_at: r.recorded_at.clone() },
        None => LastYearSource::Computed,
    };
    let mut change_notes = vec![match &last_year_source {
        LastYearSource::Recorded { recorded_at } => format!(
            "说明：1.上年末人数取自{}年度统计表导出时记录的数字（记录于{recorded_at}）。",
            year - 1
        ),
        LastYearSource::Computed => format!(
            "说明：1.本台账没有{}年度统计表的记录，上年末人数按台账现有数据推算。",
            year - 1
        ),
    }];
    change_notes.push(format!(
        "2.本年新增为离退休时间在{year}年内的人员，本年去世为去世日期在{year}年内的人员；应有年末人数＝上年末人数＋本年新增－本年去世，差额＝实有年末人数－应有年末人数。"
    ));
    if changes_total.difference != 0 || changes.iter().any(|r| r.difference != 0) {
        change_notes.push(
            "3.差额不为0，请核对：可能是补录了以前年度离退休的人员、人员调入调出，或更正了人员类别、离退休时间、去世日期。"
                .to_string(),
        );
    }

    YearlyStats {
        year,
        unit_rows,
        basic,
        basic_total,
        basic_notes,
        work_periods,
        work_periods_total,
        work_period_notes,
        changes,
        changes_total,
        change_notes,
        last_year_source,
        year_end: year_end_counts(people, year),
    }
}

fn code_or_empty<T>(v: Option<T>, code: fn(T) -> &'static str) -> &'static str {
    v.map(code).unwrap_or("")
}

/// The year-end count recorded for `year`, if any. Unknown codes (and the empty code kept for
/// "not filled in") read as `None`.
pub fn load_year_end(conn: &Connection, year: i32) -> Result<Option<YearEndCounts>> {
    let mut stmt = conn.prepare(
        "SELECT unit_kind, retirement_kind, total, recorded_at FROM year_end_counts
         WHERE year = ?1 ORDER BY unit_kind, retirement_kind",
    )?;
    let mut recorded_at = String::new();
    let mut cells = Vec::new();
    let mut rows = stmt.query([year])?;
    while let Some(r) = rows.next()? {
        let unit: String = r.get(0)?;
        let kind: String = r.get(1)?;
        let total: u32 = r.get(2)?;
        let at: String = r.get(3)?;
        if at > recorded_at {
            recorded_at = at;
        }
        cells.push(YearEndCell {
            unit_kind: UnitKind::from_code(&unit),
            retirement_kind: RetirementKind::from_code(&kind),
            total,
        });
    }
    Ok((!cells.is_empty()).then_some(YearEndCounts { year, recorded_at, cells }))
}

/// Records a year-end count as reported, replacing any earlier record for that year (a table
/// exported again after corrections is the one that counts). Run it inside the caller's transaction.
pub fn record_year_end(conn: &Connection, counts: &YearEndCounts, recorded_at: &str) -> Result<()> {
    conn.execute("DELETE FROM year_end_counts WHERE year = ?1", [counts.year])?;
    let mut stmt = conn.prepare(
        "INSERT OR REPLACE INTO year_end_counts (year, unit_kind, retirement_kind, total, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for c in &counts.cells {
        stmt.execute(params![
            counts.year,
            code_or_empty(c.unit_kind, UnitKind::code),
            code_or_empty(c.retirement_kind, RetirementKind::code),
            c.total,
            recorded_at
        ])?;
    }
    Ok(())
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::builder::retiree;

    fn ages(people: &[PersonFields], year: i32) -> (u32, u32) {
        let s = yearly(people, year, None);
        (s.basic_total.aged_70_79, s.basic_total.aged_80_plus)
    }

    #[test]
    fn age_bands_use_december_31() {
        // Rule 6: age on Dec 31 of the report year; month precision counts the birthday as reached
        // once its month has begun (date.rs), so December births are a year older on Dec 31.
        let cases = [
            ("1946-12", 2026, (0, 1)), // 80 on 2026-12-31
            ("1947-01", 2026, (1, 0)), // 79
            ("1946-12-31", 2026, (0, 1)),
            ("1957-01", 2026, (0, 0)), // 69
            ("1956-12", 2026, (1, 0)), // 70
            ("1926-05", 2026, (0, 1)), // 100
        ];
        for (born, year, want) in cases {
            let p = [retiree("甲").born(born).build()];
            assert_eq!(ages(&p, year), want, "born {born}");
        }
    }

    #[test]
    fn who_counts_at_the_year_end() {
        let cases = [
            (retiree("在世").build(), true),
            (retiree("年内去世").died("2026-12").build(), false),
            (retiree("次年去世").died("2027-01").build(), true),
            (retiree("年内退休").retired("2026-12").build(), true),
            (retiree("次年退休").retired("2027-01").build(), false),
            (retiree("只知年份").died("2026").build(), false),
        ];
        for (p, want) in cases {
            assert_eq!(counted_at_end(&p, 2026), want, "{}", p.name);
        }
    }

    #[test]
    fn work_period_edges() {
        // The periods of DOMAIN.md; a date known only to the month counts from its first day.
        let cases = [
            (Some("1927-07"), Some(0)),
            (Some("1927-07-31"), Some(0)),
            (Some("1927-08-01"), Some(1)),
            (Some("1937-07-06"), Some(1)),
            (Some("1937-07-07"), Some(2)),
            (Some("1937-07"), Some(1)),
            (Some("1942-12-31"), Some(2)),
            (Some("1943-01"), Some(3)),
            (Some("1945-09-02"), Some(3)),
            (Some("1945-09-03"), Some(4)),
            (Some("1949-09-30"), Some(4)),
            (Some("1949-10"), None),
            (None, None),
        ];
        for (worked, want) in cases {
            let mut r = retiree("甲").lixiu();
            if let Some(w) = worked {
                r = r.worked(w);
            }
            assert_eq!(work_period(&r.build()), want, "{worked:?}");
        }
    }

    fn roster() -> Vec<PersonFields> {
        vec![
            retiree("机关离休").lixiu().born("1925-03").worked("1944-05").party().build(),
            retiree("机关退休").born("1950-06").retired("2010-06").build(),
            retiree("机关今年退休").born("1966-03").retired("2026-03").build(),
            retiree("机关今年去世").born("1930-01").died("2026-05").build(),
            retiree("机关去年去世").born("1930-01").died("2025-05").build(),
            retiree("事业退职").tuizhi().institution().born("1946-12").disabled().build(),
            retiree("企业离休").lixiu().enterprise().born("1928-02").worked("1937-07-07").build(),
            retiree("无类别").unit(None).born("1947-01").build(),
        ]
    }

    #[test]
    fn reconciliation_computed_from_the_ledger() {
        let s = yearly(&roster(), 2026, None);
        assert_eq!(s.last_year_source, LastYearSource::Computed);
        assert_eq!(s.unit_rows.len(), 4, "a row for the person without 人员类别");
        let organ = &s.changes[0];
        // Last year end: 离休, 退休, 今年去世 (alive then) = 3; +1 new, −1 death, actual 3.
        assert_eq!(
            (organ.last_year_end, organ.new, organ.deaths, organ.expected, organ.actual),
            (3, 1, 1, 3, 3)
        );
        assert_eq!(s.changes_total.difference, 0);
        assert_eq!(s.changes_total.actual, 6);
        assert_eq!(s.basic_total.total, 6);
        assert_eq!(s.basic[0].lixiu + s.basic[0].tuixiu, 3);
        assert_eq!(s.basic_total.dependent, 1);
        assert_eq!(s.work_periods_total.by_period, vec![0, 0, 1, 1, 0]);
        assert!(s.change_notes[0].contains("按台账现有数据推算"), "{:?}", s.change_notes);
    }

    #[test]
    fn reconciliation_against_a_recorded_figure() {
        let recorded = YearEndCounts {
            year: 2025,
            recorded_at: "2026-01-06".into(),
            cells: vec![
                YearEndCell {
                    unit_kind: Some(UnitKind::Organ),
                    retirement_kind: Some(RetirementKind::Tuixiu),
                    total: 4,
                },
                YearEndCell {
                    unit_kind: Some(UnitKind::Organ),
                    retirement_kind: Some(RetirementKind::Lixiu),
                    total: 1,
                },
            ],
        };
        let s = yearly(&roster(), 2026, Some(&recorded));
        let organ = &s.changes[0];
        // Reported 5; +1 −1 → 5 expected, 3 on the ledger: 2 fewer than reported.
        assert_eq!(
            (organ.last_year_end, organ.expected, organ.actual, organ.difference),
            (5, 5, 3, -2)
        );
        // Institution had no recorded figure: 0 + 0 − 0 expected, 1 actual.
        assert_eq!(s.changes[1].difference, 1);
        assert_eq!(s.changes_total.last_year_end, 5);
        assert!(s.change_notes[0].contains("记录于2026-01-06"));
        assert!(s.change_notes.iter().any(|n| n.contains("差额不为0")));
    }

    #[test]
    fn missing_fields_are_counted_in_the_notes() {
        let people = vec![retiree("甲").kind_unknown().build(), retiree("乙").build()];
        let s = yearly(&people, 2026, None);
        assert_eq!(s.basic_total.total, 2);
        assert_eq!(s.basic_total.lixiu + s.basic_total.tuixiu, 1);
        let notes = s.basic_notes.join("\n");
        assert!(notes.contains("有1人未填写离休/退休"), "{notes}");
        assert!(notes.contains("有2人未填写职级"), "{notes}");
        assert!(notes.contains("有2人未填写出生年月"), "{notes}");
        assert_eq!(s.unit_rows.len(), 3, "no 未填写类别 row when everyone has one");
    }

    #[test]
    fn year_end_counts_round_trip_through_the_ledger() {
        let ledger = crate::Ledger::open_in_memory().unwrap();
        let s = yearly(&roster(), 2026, None);
        record_year_end(ledger.conn(), &s.year_end, "2027-01-05").unwrap();
        record_year_end(ledger.conn(), &s.year_end, "2027-01-06").unwrap();
        let back = load_year_end(ledger.conn(), 2026).unwrap().unwrap();
        assert_eq!(back.recorded_at, "2027-01-06");
        for u in UNIT_ROWS {
            assert_eq!(back.total_for(u), s.year_end.total_for(u), "{u:?}");
        }
        assert_eq!(back.total_for(None), 1);
        assert!(load_year_end(ledger.conn(), 2025).unwrap().is_none());
    }
}
