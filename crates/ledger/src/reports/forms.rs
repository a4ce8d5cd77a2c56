//! The official yearly forms the veteran-cadre bureau collects (DOMAIN.md, "The yearly statistics
//! the bureau collects"), as figures: 离休干部基本情况统计表 (one per 机关 / 事业单位 / 企业),
//! 退休干部基本情况统计表 by grade, 两年数字变化情况统计表 (离休, 退休) with the reconciliation and its
//! 说明, 离退休干部党组织设置情况 and the 管理现状统计表 ([`management_form`]). Each is a
//! [`Form`]: its column tree, numbered rows and notes; `export::forms` prints any form the same way.
//!
//! Counting rules: as of Dec 31 of the report year ([`crate::reports::stats::counted_at_end`]); everyone the
//! unit pays is counted, resettled elsewhere (易地安置) included, and nobody twice: a person whose
//! 人员类别 or 离/退休 is missing is named in a 说明 line instead of silently dropped. 退职 counts with
//! 退休. The 在京 / 本地 sub-column counts people whose 居住地 is 本市; its label is a unit setting
//! ([`local_label`]).

use crate::domain::model::{Grade, PersonFields, PersonId, Residence, RetirementKind, UnitKind};
use crate::domain::stamp::Stamp;
use crate::error::Result;
use crate::reports::stats::{counted_at_end, work_period, YearEndCounts};
use crate::store::audit;
use crate::tables::branches::{Branch, BranchKind};
use crate::tables::profiles::Profile;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use std::collections::HashMap;

/// The settings key of the 在京 / 本地 label.
const LOCAL_LABEL_KEY: &str = "local_label";
/// The label a local unit's forms use when none is set (the national form's is 在京).
pub const DEFAULT_LOCAL_LABEL: &str = "本地";

/// The label of the 在京 / 本地 sub-column.
pub fn local_label(conn: &Connection) -> Result<String> {
    let v: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [LOCAL_LABEL_KEY], |r| r.get(0))
        .optional()?;
    Ok(v.filter(|s| !s.is_empty()).unwrap_or_else(|| DEFAULT_LOCAL_LABEL.to_string()))
}

/// Sets the 在京 / 本地 label (e.g. 在京 for a unit in Beijing, 在济 for Jinan), audited.
pub fn set_local_label(conn: &Connection, stamp: &Stamp, label: &str) -> Result<()> {
    #[derive(Serialize)]
    struct Label {
        local_label: String,
    }
    let label = crate::domain::text::normalize(label);
    if label.chars().count() > 6 {
        return Err(crate::Error::invalid(
            "“在京/本地”栏的名称太长，请用两三个字，如“在京”“本地”“在济”。",
        ));
    }
    let old = Label { local_label: local_label(conn)? };
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [LOCAL_LABEL_KEY, label.as_str()],
    )?;
    let new = Label { local_label: local_label(conn)? };
    let changes = audit::diff(&old, &new);
    if !changes.is_empty() {
        audit::record(conn, stamp, "settings", None, "update", &changes, None)?;
    }
    Ok(())
}

/// Paper a form prints on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    A3,
}

/// One numbered row: 项目, 编号 and the figures in column order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormRow {
    pub label: String,
    /// 编号; empty for the 合计 row.
    pub number: String,
    pub values: Vec<i64>,
}

/// A form ready to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The sheet's name.
    pub sheet: String,
    pub title: String,
    /// Each figure column's header path, outermost group first (`["参加革命工作时间",
    /// "1927年7月底以前", "人数"]`); adjacent columns with the same group share a merged cell.
    pub columns: Vec<Vec<String>>,
    pub rows: Vec<FormRow>,
    /// Whether the last row is a 合计 of the rows above (printed with SUM formulas).
    pub total: bool,
    pub notes: Vec<String>,
    pub paper: Paper,
}

impl Form {
    /// The figures of the row labelled `label`.
    pub fn row(&self, label: &str) -> Option<&[i64]> {
        self.rows.iter().find(|r| r.label == label).map(|r| r.values.as_slice())
    }

    /// The index of the column whose header path ends with `leaf` (and contains `group`, when
    /// given).
    pub fn column(&self, group: Option<&str>, leaf: &str) -> Option<usize> {
        self.columns.iter().position(|p| {
            p.last().is_some_and(|l| l == leaf) && group.is_none_or(|g| p.iter().any(|h| h == g))
        })
    }
}

/// The five periods of joining revolutionary work as the 离休 form heads them, with the last day.
/// The line breaks are where the printed forms break them, so no date is split.
pub const PERIOD_HEADERS: [&str; 5] = [
    "1927年7月底\n以前",
    "1927年8月1日至\n1937年7月6日",
    "1937年7月7日至\n1942年12月底",
    "1943年1月1日至\n1945年9月2日",
    "1945年9月3日至\n1949年9月30日",
];

fn path(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|s| s.to_string()).collect()
}

fn is_lixiu(p: &PersonFields) -> bool {
    p.retirement_kind == Some(RetirementKind::Lixiu)
}

/// 退休 forms count 退职 with the retirees (DOMAIN.md).
fn is_tuixiu(p: &PersonFields) -> bool {
    matches!(p.retirement_kind, Some(RetirementKind::Tuixiu | RetirementKind::Tuizhi))
}

fn is_local(p: &PersonFields) -> bool {
    p.residence == Some(Residence::Local)
}

/// Joined revolutionary work before the founding of the PRC (建国前: on or before 1949-09-30).
fn before_1949(p: &PersonFields) -> bool {
    let last = NaiveDate::from_ymd_opt(1949, 9, 30).unwrap_or(NaiveDate::MIN);
    p.work_started.is_some_and(|d| d.earliest() <= last)
}

fn age_band(p: &PersonFields, year: i32) -> Option<bool> {
    let end = NaiveDate::from_ymd_opt(year, 12, 31)?;
    match p.birth?.age_on(end) {
        70..=79 => Some(false),
        a if a >= 80 => Some(true),
        _ => None,
    }
}

fn count(people: &[&PersonFields], f: impl Fn(&PersonFields) -> bool) -> i64 {
    people.iter().filter(|p| f(p)).count() as i64
}

fn unit_title(unit: &str) -> String {
    if unit.is_empty() {
        "本单位".to_string()
    } else {
        unit.to_string()
    }
}

fn dec31_note(year: i32) -> String {
    format!(
        "说明：1.统计截至{year}年12月31日，年龄按当日计算；由本单位发放离退休费的人员均统计在内（含易地安置人员），不重不漏。"
    )
}

/// 离休干部基本情况统计表 for one unit kind.
fn lixiu_form(
    people: &[&PersonFields],
    unit: UnitKind,
    unit_name: &str,
    year: i32,
    local: &str,
) -> Form {
    let mut columns: Vec<Vec<String>> =
        ["总数", "中共党员", "生活不能\n自理", "70岁至\n79岁", "80岁\n及以上"]
            .iter()
            .map(|h| path(&[h]))
            .collect();
    for period in PERIOD_HEADERS {
        columns.push(path(&["参加革命工作时间", period, "人数"]));
        columns.push(path(&["参加革命工作时间", period, local]));
    }
    let of_unit: Vec<&PersonFields> =
        people.iter().copied().filter(|p| is_lixiu(p) && p.unit_kind == Some(unit)).collect();
    let mut values = vec![
        of_unit.len() as i64,
        count(&of_unit, PersonFields::is_party_member),
        count(&of_unit, PersonFields::is_dependent),
        count(&of_unit, |p| age_band(p, year) == Some(false)),
        count(&of_unit, |p| age_band(p, year) == Some(true)),
    ];
    for i in 0..PERIOD_HEADERS.len() {
        values.push(count(&of_unit, |p| work_period(p) == Some(i)));
        values.push(count(&of_unit, |p| work_period(p) == Some(i) && is_local(p)));
    }
    let mut notes = vec![dec31_note(year)];
    notes.push(format!(
        "2.“{local}”指居住地为本市的人员；参加革命工作时间只登记到年月的，按该月1日归入时期。"
    ));
    let no_period = count(&of_unit, |p| work_period(p).is_none());
    if no_period > 0 {
        notes.push(format!(
            "{}.有{no_period}人未登记参加革命工作时间（或晚于1949年9月30日），未计入分时期各栏，请在台账中补全。",
            notes.len() + 1
        ));
    }
    let unknown = count(people, |p| is_lixiu(p) && p.unit_kind.is_none());
    if unknown > 0 {
        notes.push(format!(
            "{}.另有{unknown}名离休干部未填写人员类别，未计入机关、事业单位、企业任何一张表，请在台账中补全。",
            notes.len() + 1
        ));
    }
    let row = FormRow { label: unit_title(unit_name), number: "1".into(), values };
    let total = FormRow { label: "合    计".into(), number: String::new(), ..row.clone() };
    Form {
        sheet: format!("离休干部（{}）", unit.label()),
        title: format!("{year}年离休干部基本情况统计表（{}）", unit.label()),
        columns,
        rows: vec![row, total],
        total: true,
        notes,
        paper: Paper::A4,
    }
}

/// 退休干部基本情况统计表: rows 总数 and 其中 …, columns by unit kind and grade.
fn tuixiu_form(people: &[&PersonFields], year: i32) -> Form {
    let units = [UnitKind::Organ, UnitKind::Institution, UnitKind::Enterprise];
    let mut columns = vec![path(&["总数"])];
    for u in units {
        columns.push(path(&[u.label(), "合计"]));
        // 科员办事员及其他 breaks after 办事员, as the printed form does.
        columns.extend(Grade::ALL.iter().map(|g| match g {
            Grade::StaffOther => path(&[u.label(), "科员办事员\n及其他"]),
            _ => path(&[u.label(), g.label()]),
        }));
    }
    let retirees: Vec<&PersonFields> = people.iter().copied().filter(|p| is_tuixiu(p)).collect();
    type Filter = fn(&PersonFields, i32) -> bool;
    let rows: [(&str, Filter); 5] = [
        ("总数", |_, _| true),
        ("其中：中共党员", |p, _| p.is_party_member()),
        ("生活不能自理", |p, _| p.is_dependent()),
        ("70岁至79岁", |p, y| age_band(p, y) == Some(false)),
        ("80岁及以上", |p, y| age_band(p, y) == Some(true)),
    ];
    let rows = rows
        .iter()
        .enumerate()
        .map(|(i, (label, f))| {
            let these: Vec<&PersonFields> =
                retirees.iter().copied().filter(|p| f(p, year)).collect();
            let mut values = vec![these.len() as i64];
            for u in units {
                let of_unit: Vec<&PersonFields> =
                    these.iter().copied().filter(|p| p.unit_kind == Some(u)).collect();
                values.push(of_unit.len() as i64);
                values.extend(Grade::ALL.iter().map(|g| count(&of_unit, |p| p.grade == Some(*g))));
            }
            FormRow { label: label.to_string(), number: (i + 1).to_string(), values }
        })
        .collect();
    let mut notes = vec![dec31_note(year), "2.退休干部含退职人员。".to_string()];
    let unknown = count(&retirees, |p| p.unit_kind.is_none());
    if unknown > 0 {
        notes.push(format!(
            "{}.有{unknown}人未填写人员类别，只计入“总数”一栏，请在台账中补全。",
            notes.len() + 1
        ));
    }
    let no_grade = count(&retirees, |p| p.unit_kind.is_some() && p.grade.is_none());
    if no_grade > 0 {
        notes.push(format!(
            "{}.有{no_grade}人未填写职级，计入所在类别的“合计”但未计入分职级各栏，请在台账中补全。",
            notes.len() + 1
        ));
    }
    Form {
        sheet: "退休干部".into(),
        title: format!("{year}年退休干部基本情况统计表"),
        columns,
        rows,
        total: false,
        notes,
        paper: Paper::A3,
    }
}

/// 两年数字变化情况统计表 for 离休 (`lixiu`) or 退休 cadres: rows by unit kind, then 合计.
fn change_form(
    all: &[PersonFields],
    year: i32,
    reported_last_year: Option<&YearEndCounts>,
    lixiu: bool,
    local: &str,
) -> Form {
    let kind_name = if lixiu { "离休" } else { "退休" };
    let of_kind = |p: &PersonFields| if lixiu { is_lixiu(p) } else { is_tuixiu(p) };
    let columns = vec![
        path(&["上年12月底总数"]),
        path(&[&format!("本年度内办理\n{kind_name}手续数")]),
        path(&["本年度内去世数"]),
        path(&["本年12月底应有数"]),
        path(&["本年12月底实有数"]),
        path(&["其中", local]),
        path(&["其中", "中共党员"]),
        path(&["其中", "建国前参加\n革命工作"]),
    ];
    let mut units: Vec<Option<UnitKind>> = UnitKind::ALL.iter().copied().map(Some).collect();
    let unknown_unit = all.iter().any(|p| {
        of_kind(p)
            && p.unit_kind.is_none()
            && (counted_at_end(p, year) || counted_at_end(p, year - 1))
    });
    if unknown_unit {
        units.push(None);
    }
    let last_year = |unit: Option<UnitKind>| -> i64 {
        match reported_last_year {
            Some(r) => r
                .cells
                .iter()
                .filter(|c| c.unit_kind == unit)
                .filter(|c| match c.retirement_kind {
                    Some(RetirementKind::Lixiu) => lixiu,
                    Some(_) => !lixiu,
                    None => false,
                })
                .map(|c| i64::from(c.total))
                .sum(),
            None => all
                .iter()
                .filter(|p| of_kind(p) && p.unit_kind == unit && counted_at_end(p, year - 1))
                .count() as i64,
        }
    };
    let mut rows = Vec::new();
    let mut differences = Vec::new();
    for (i, unit) in units.iter().enumerate() {
        let mine: Vec<&PersonFields> =
            all.iter().filter(|p| of_kind(p) && p.unit_kind == *unit).collect();
        let last = last_year(*unit);
        let new = count(&mine, |p| p.retired_on.is_some_and(|d| d.year() == year));
        let deaths = count(&mine, |p| {
            p.retired_on.is_none_or(|d| d.year() <= year)
                && p.died_on.is_some_and(|d| d.year() == year)
        });
        let at_end: Vec<&PersonFields> =
            mine.iter().copied().filter(|p| counted_at_end(p, year)).collect();
        let expected = last + new - deaths;
        let actual = at_end.len() as i64;
        let label = unit.map(UnitKind::label).unwrap_or("未填写类别").to_string();
        if actual != expected {
            differences.push(format!(
                "{label}实有数比应有数{}{}人",
                if actual > expected { "多" } else { "少" },
                (actual - expected).abs()
            ));
        }
        rows.push(FormRow {
            label,
            number: (i + 1).to_string(),
            values: vec![
                last,
                new,
                deaths,
                expected,
                actual,
                count(&at_end, is_local),
                count(&at_end, PersonFields::is_party_member),
                count(&at_end, before_1949),
            ],
        });
    }
    let total: Vec<i64> =
        (0..columns.len()).map(|c| rows.iter().map(|r| r.values[c]).sum()).collect();
    rows.push(FormRow { label: "合    计".into(), number: String::new(), values: total });

    let mut notes = vec![
        format!(
            "说明：1.本年12月底应有数＝上年12月底总数＋本年度内办理{kind_name}手续数－本年度内去世数；实有数按台账中{year}年12月31日在世且已{kind_name}的人员统计。"
        ),
        match reported_last_year {
            Some(r) => format!(
                "2.上年12月底总数取自{}年度统计表导出时记录的数字（记录于{}）。",
                year - 1,
                r.recorded_at
            ),
            None => format!(
                "2.本台账没有{}年度统计表的记录，上年12月底总数按台账现有数据推算。",
                year - 1
            ),
        },
    ];
    if differences.is_empty() {
        notes.push("3.本年12月底实有数与应有数相符。".into());
    } else {
        notes.push(format!(
            "3.{}。可能的原因：补录了以前年度{kind_name}的人员、人员调入调出，或更正了人员类别、{kind_name}时间、去世日期，请核对后在此说明。",
            differences.join("，")
        ));
    }
    Form {
        sheet: format!("{kind_name}两年变化"),
        title: format!("{}年、{year}年{kind_name}干部两年数字变化情况统计表", year - 1),
        columns,
        rows,
        total: true,
        notes,
        paper: Paper::A4,
    }
}

/// 离退休干部党组织设置情况: one row for the unit, then 合计.
fn branch_form(branches: &[Branch], unit_name: &str, year: i32) -> Form {
    let of = |k: BranchKind| branches.iter().filter(|b| b.fields.kind == k).count() as i64;
    let mut columns = vec![path(&["党总支数"]), path(&["党支部总数"])];
    let kinds = [
        BranchKind::Lixiu,
        BranchKind::Combined,
        BranchKind::Tuixiu,
        BranchKind::LixiuWithServing,
        BranchKind::TuixiuWithServing,
    ];
    columns.extend(kinds.iter().map(|k| path(&["其中", k.label()])));
    columns.push(path(&["党小组数"]));
    let mut values = vec![of(BranchKind::General), kinds.iter().map(|k| of(*k)).sum()];
    values.extend(kinds.iter().map(|k| of(*k)));
    values.push(branches.iter().map(|b| i64::from(b.fields.groups)).sum());
    let row = FormRow { label: unit_title(unit_name), number: "1".into(), values };
    let total = FormRow { label: "合    计".into(), number: String::new(), ..row.clone() };
    let mut notes = vec![format!(
        "说明：1.按台账中登记的离退休干部党组织统计（截至{year}年12月31日，已撤销的不计）。"
    )];
    if branches.is_empty() {
        notes.push("2.台账中还没有登记党组织，请先在“党组织”中登记各支部后再导出。".into());
    }
    Form {
        sheet: "党组织设置".into(),
        title: format!("{year}年离退休干部党组织设置情况"),
        columns,
        rows: vec![row, total],
        total: true,
        notes,
        paper: Paper::A4,
    }
}

/// The 管理现状统计表's columns after 总数, in the form's order, as the header prints them.
pub const MANAGEMENT_HEADERS: [&str; 5] = [
    "养老金\n社会化发放",
    "参加属地\n医疗保险",
    "党组织关系\n移交地方",
    "人事档案\n移交地方",
    "异地管理",
];

/// 管理现状统计表 (DOMAIN.md form 5): of the people counted at the end of `year` (the same rule
/// as every other form, [`counted_at_end`]), how many have each of the five 管理现状 facts recorded
/// in their profile ([`Profile`]; a person without one has none). One row for the unit, then 合计.
pub fn management_form(
    people: &[(PersonId, PersonFields)],
    profiles: &HashMap<i64, Profile>,
    unit_name: &str,
    year: i32,
) -> Form {
    let none = Profile::default();
    let at_end: Vec<&Profile> = people
        .iter()
        .filter(|(_, p)| counted_at_end(p, year))
        .map(|(id, _)| profiles.get(&id.0).unwrap_or(&none))
        .collect();
    let of = |f: fn(&Profile) -> bool| at_end.iter().filter(|p| f(p)).count() as i64;
    let mut columns = vec![path(&["总数"])];
    columns.extend(MANAGEMENT_HEADERS.iter().map(|h| path(&[h])));
    let values = vec![
        at_end.len() as i64,
        of(|p| p.pension_socialized),
        of(|p| p.local_medical_insurance),
        of(|p| p.party_transferred),
        of(|p| p.file_transferred),
        of(|p| p.managed_elsewhere),
    ];
    let row = FormRow { label: unit_title(unit_name), number: "1".into(), values };
    let total = FormRow { label: "合    计".into(), number: String::new(), ..row.clone() };
    let notes = vec![
        format!(
            "说明：1.统计截至{year}年12月31日，由本单位发放离退休费的人员均统计在内（含易地安置人员），不重不漏。"
        ),
        "2.各项按台账“六清楚”中登记的管理现状统计；未登记的按“否”计，请在人员详情中补全。".into(),
    ];
    Form {
        sheet: "管理现状".into(),
        title: format!("{year}年离退休干部管理现状统计表"),
        columns,
        rows: vec![row, total],
        total: true,
        notes,
        paper: Paper::A4,
    }
}

/// Every form for `year`, in the order the workbook prints them.
pub fn yearly_forms(
    people: &[PersonFields],
    branches: &[Branch],
    year: i32,
    reported_last_year: Option<&YearEndCounts>,
    unit_name: &str,
    local: &str,
) -> Vec<Form> {
    let at_end: Vec<&PersonFields> = people.iter().filter(|p| counted_at_end(p, year)).collect();
    let mut forms: Vec<Form> =
        UnitKind::ALL.iter().map(|u| lixiu_form(&at_end, *u, unit_name, year, local)).collect();
    forms.push(tuixiu_form(&at_end, year));
    forms.push(change_form(people, year, reported_last_year, true, local));
    forms.push(change_form(people, year, reported_last_year, false, local));
    forms.push(branch_form(branches, unit_name, year));
    forms
}
