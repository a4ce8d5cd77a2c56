//! The work-ledger tables for a period, one at a time or all together as the quarterly submission
//! workbook (`XX单位_2026年第三季度_老干部工作台账.xlsx`): one print-ready sheet per table.

use super::sheet::{new_workbook, Styles};
use crate::domain::model::UnitSettings;
use crate::domain::period::Period;
use crate::error::Result;
use crate::progress::{Progress, Stage};
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::Workbook;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// A work-ledger table sent upward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LedgerTable {
    Visits,
    Hospital,
    Subsidies,
    Checkups,
    Deaths,
    Medals,
    Activities,
}

impl LedgerTable {
    /// In the order the quarterly workbook puts its sheets.
    pub const ALL: [LedgerTable; 7] = [
        LedgerTable::Visits,
        LedgerTable::Hospital,
        LedgerTable::Subsidies,
        LedgerTable::Checkups,
        LedgerTable::Deaths,
        LedgerTable::Medals,
        LedgerTable::Activities,
    ];

    /// The sheet's name and the table's name in file names.
    pub fn label(self) -> &'static str {
        match self {
            LedgerTable::Visits => "走访慰问台账",
            LedgerTable::Hospital => "住院探视登记",
            LedgerTable::Subsidies => "补贴发放明细",
            LedgerTable::Checkups => "健康体检台账",
            LedgerTable::Deaths => "去世及遗属登记",
            LedgerTable::Medals => "光荣在党50年名单",
            LedgerTable::Activities => "活动登记",
        }
    }

    /// The name the command line uses (`export visits`).
    pub fn code(self) -> &'static str {
        match self {
            LedgerTable::Visits => "visits",
            LedgerTable::Hospital => "hospital",
            LedgerTable::Subsidies => "subsidies",
            LedgerTable::Checkups => "checkups",
            LedgerTable::Deaths => "deaths",
            LedgerTable::Medals => "medals",
            LedgerTable::Activities => "activities",
        }
    }

    fn write(
        self,
        wb: &mut Workbook,
        styles: &Styles,
        conn: &Connection,
        settings: &UnitSettings,
        period: Period,
        today: NaiveDate,
    ) -> Result<()> {
        match self {
            LedgerTable::Visits => {
                super::visits::write_sheet(wb, styles, conn, settings, period, today)
            }
            LedgerTable::Hospital => {
                super::hospital::write_sheet(wb, styles, conn, settings, period, today)
            }
            LedgerTable::Subsidies => {
                super::subsidies::write_sheet(wb, styles, conn, settings, period, today)
            }
            LedgerTable::Checkups => {
                super::checkups::write_sheet(wb, styles, conn, settings, period, today)
            }
            LedgerTable::Deaths => {
                super::deaths::write_sheet(wb, styles, conn, settings, period, today)
            }
            LedgerTable::Medals => {
                super::medals::write_sheet(wb, styles, conn, settings, period, today)
            }
            LedgerTable::Activities => {
                super::activities::write_sheet(wb, styles, conn, settings, period, today)
            }
        }
    }
}

/// One table for a period, as its own workbook.
pub fn ledger_table_workbook(
    conn: &Connection,
    table: LedgerTable,
    period: Period,
    today: NaiveDate,
) -> Result<Workbook> {
    ledger_table_workbook_with(conn, table, period, today, false)
}

/// [`ledger_table_workbook`], with phones and addresses masked (脱敏导出) when `masked`.
pub fn ledger_table_workbook_with(
    conn: &Connection,
    table: LedgerTable,
    period: Period,
    today: NaiveDate,
    masked: bool,
) -> Result<Workbook> {
    let settings = crate::tables::settings::get(conn)?;
    let styles = Styles::new();
    let title = format!("{}{}", period.label(), table.label());
    let mut wb = new_workbook(&title, &settings, today)?;
    // Only the deaths sheet carries phones and addresses (its survivors'); `masked` masks them.
    if masked && table == LedgerTable::Deaths {
        super::deaths::write_sheet_with(&mut wb, &styles, conn, &settings, period, today, true)?;
    } else {
        table.write(&mut wb, &styles, conn, &settings, period, today)?;
    }
    Ok(wb)
}

/// Every table for the period in one workbook, one sheet each, in [`LedgerTable::ALL`] order.
pub fn quarterly_workbook(
    conn: &Connection,
    period: Period,
    today: NaiveDate,
    progress: &dyn Progress,
) -> Result<Workbook> {
    quarterly_workbook_with(conn, period, today, progress, false)
}

/// [`quarterly_workbook`], with phones and addresses masked (脱敏导出) when `masked`.
pub fn quarterly_workbook_with(
    conn: &Connection,
    period: Period,
    today: NaiveDate,
    progress: &dyn Progress,
    masked: bool,
) -> Result<Workbook> {
    let settings = crate::tables::settings::get(conn)?;
    let styles = Styles::new();
    let title = format!("{}老干部工作台账", period.label());
    let mut wb = new_workbook(&title, &settings, today)?;
    let total = LedgerTable::ALL.len() as u64;
    for (i, table) in LedgerTable::ALL.into_iter().enumerate() {
        progress.step(Stage::Writing, i as u64, total);
        crate::progress::check(progress)?;
        if masked && table == LedgerTable::Deaths {
            super::deaths::write_sheet_with(
                &mut wb, &styles, conn, &settings, period, today, true,
            )?;
        } else {
            table.write(&mut wb, &styles, conn, &settings, period, today)?;
        }
    }
    progress.step(Stage::Writing, total, total);
    Ok(wb)
}

pub fn ledger_table(
    conn: &Connection,
    table: LedgerTable,
    period: Period,
    today: NaiveDate,
    path: &Path,
) -> Result<()> {
    ledger_table_with(conn, table, period, today, path, false)
}

/// [`ledger_table`], masked (脱敏导出) when `masked`.
pub fn ledger_table_with(
    conn: &Connection,
    table: LedgerTable,
    period: Period,
    today: NaiveDate,
    path: &Path,
    masked: bool,
) -> Result<()> {
    let mut wb = ledger_table_workbook_with(conn, table, period, today, masked)?;
    super::save(&mut wb, path)
}

pub fn quarterly(
    conn: &Connection,
    period: Period,
    today: NaiveDate,
    path: &Path,
    progress: &dyn Progress,
) -> Result<()> {
    quarterly_with(conn, period, today, path, progress, false)
}

/// [`quarterly`], masked (脱敏导出) when `masked`.
pub fn quarterly_with(
    conn: &Connection,
    period: Period,
    today: NaiveDate,
    path: &Path,
    progress: &dyn Progress,
    masked: bool,
) -> Result<()> {
    let mut wb = quarterly_workbook_with(conn, period, today, progress, masked)?;
    crate::progress::check(progress)?;
    super::save(&mut wb, path)
}
