//! The name every exported workbook is offered under in the save dialog, made in one place so the
//! app and the tool name files alike and a unit name can never break a path.

use super::LedgerTable;
use crate::domain::period::Period;
use chrono::NaiveDate;

/// Characters Windows does not allow in file names, replaced so a unit name never breaks the path;
/// an empty name becomes 本单位.
fn file_safe(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim().trim_end_matches('.');
    if trimmed.is_empty() {
        "本单位".to_string()
    } else {
        trimmed.to_string()
    }
}

/// `XX单位_2026年第三季度_走访慰问台账.xlsx`
pub fn table_file_name(unit_name: &str, table: LedgerTable, period: Period) -> String {
    format!("{}_{}_{}.xlsx", file_safe(unit_name), period.label(), table.label())
}

/// `XX单位_2026年第三季度_老干部工作台账.xlsx`
pub fn quarterly_file_name(unit_name: &str, period: Period) -> String {
    format!("{}_{}_老干部工作台账.xlsx", file_safe(unit_name), period.label())
}

/// `XX单位_离退休干部花名册_20261121.xlsx`
pub fn roster_file_name(unit_name: &str, today: NaiveDate) -> String {
    format!("{}_离退休干部花名册_{}.xlsx", file_safe(unit_name), today.format("%Y%m%d"))
}

/// `XX单位_2026年_离退休干部基本情况统计表.xlsx`
pub fn stats_file_name(unit_name: &str, year: i32) -> String {
    format!("{}_{year}年_离退休干部基本情况统计表.xlsx", file_safe(unit_name))
}

/// `XX单位_2026年第三季度_支委工作补贴签收表.xlsx`
pub fn receipt_file_name(unit_name: &str, period_label: &str, kind: &str) -> String {
    format!("{}_{}_{}签收表.xlsx", file_safe(unit_name), file_safe(period_label), file_safe(kind))
}

/// `XX单位_台账迁移_20261121.db`: the whole ledger as one verified file, for moving to another PC.
pub fn whole_ledger_file_name(unit_name: &str, today: NaiveDate) -> String {
    format!("{}_台账迁移_{}.db", file_safe(unit_name), today.format("%Y%m%d"))
}

/// `XX单位_离退休干部花名册_脱敏_20261121.xlsx`: the copy for sharing beyond the bureau.
pub fn masked_roster_file_name(unit_name: &str, today: NaiveDate) -> String {
    format!("{}_离退休干部花名册_脱敏_{}.xlsx", file_safe(unit_name), today.format("%Y%m%d"))
}

/// A masked copy's name (脱敏导出): `…_脱敏.xlsx` after any of the names above.
pub fn masked_file_name(name: &str) -> String {
    match name.strip_suffix(".xlsx") {
        Some(stem) if !stem.ends_with("_脱敏") => format!("{stem}_脱敏.xlsx"),
        _ => name.to_string(),
    }
}

/// `XX单位_修改记录_20261121.xlsx`
pub fn audit_log_file_name(unit_name: &str, today: NaiveDate) -> String {
    format!("{}_修改记录_{}.xlsx", file_safe(unit_name), today.format("%Y%m%d"))
}

/// `XX单位_一对一联系人任务单_王明_20261120.xlsx`
pub fn liaison_tasks_file_name(unit_name: &str, liaison: &str, on: NaiveDate) -> String {
    format!(
        "{}_一对一联系人任务单_{}_{}.xlsx",
        file_safe(unit_name),
        file_safe(liaison),
        on.format("%Y%m%d")
    )
}

/// `XX单位_2026年11月_送学上门名单.xlsx`
pub fn delivery_list_file_name(unit_name: &str, year: i32, month: u32) -> String {
    format!("{}_{year}年{month}月_送学上门名单.xlsx", file_safe(unit_name))
}

/// The import template carries no unit: it is the same for everyone.
pub const TEMPLATE_FILE_NAME: &str = "花名册导入模板.xlsx";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_carry_the_unit_and_the_period_and_stay_legal() {
        let q3 = Period::new(2026, Some(3)).unwrap();
        assert_eq!(quarterly_file_name("XX单位", q3), "XX单位_2026年第三季度_老干部工作台账.xlsx");
        assert_eq!(
            table_file_name("市财政局/老干科", LedgerTable::Visits, Period::year(2026)),
            "市财政局_老干科_2026年_走访慰问台账.xlsx"
        );
        assert_eq!(quarterly_file_name("  ", q3), "本单位_2026年第三季度_老干部工作台账.xlsx");
    }

    #[test]
    fn every_name_is_legal_whatever_the_unit_calls_itself() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        assert_eq!(roster_file_name("市财政局", day), "市财政局_离退休干部花名册_20261121.xlsx");
        assert_eq!(stats_file_name("a:b", 2026), "a_b_2026年_离退休干部基本情况统计表.xlsx");
        assert_eq!(
            receipt_file_name("X|Y", "2026年第三季度", "支委/补贴"),
            "X_Y_2026年第三季度_支委_补贴签收表.xlsx"
        );
        assert_eq!(
            liaison_tasks_file_name("市财政局", "王/明", day),
            "市财政局_一对一联系人任务单_王_明_20261121.xlsx"
        );
        assert_eq!(delivery_list_file_name("", 2026, 11), "本单位_2026年11月_送学上门名单.xlsx");
    }
}
