//! 补贴发放明细 (a period's payments, with the total in figures and in capitals) and the printable
//! 签收表 of one batch, where each recipient signs for the money.

use super::sheet::{Cell, Column, Heading, Kind, Styles, TableSheet};
use crate::domain::date::chinese_date;
use crate::domain::model::UnitSettings;
use crate::domain::money::{capitals, Fen};
use crate::domain::period::Period;
use crate::error::Result;
use crate::tables::subsidies::{self, SubsidyQuery};
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::Workbook;

pub(crate) const SHEET: &str = "补贴发放明细";
pub(crate) const RECEIPT_SHEET: &str = "签收表";

fn dotted(d: NaiveDate) -> String {
    d.format("%Y.%m.%d").to_string()
}

/// `合计金额（大写）：人民币壹仟贰佰元整`
fn capitals_line(total: Fen) -> String {
    format!("合计金额（大写）：人民币{}", capitals(total))
}

/// The period's payments (by 发放日期), one row each, the 合计 row and the total in capitals.
pub(crate) fn write_sheet(
    wb: &mut Workbook,
    styles: &Styles,
    conn: &Connection,
    settings: &UnitSettings,
    period: Period,
    _today: NaiveDate,
) -> Result<()> {
    let payments =
        subsidies::list(conn, &SubsidyQuery { period: Some(period), ..Default::default() })?;
    let title = format!("{}离退休干部补贴发放明细", period.label());
    let columns = [
        Column::new("序号", 6.0, Kind::Serial),
        Column::new("姓名", 16.0, Kind::Text),
        Column::new("补贴类型", 14.0, Kind::Center),
        Column::new("所属期间", 16.0, Kind::Center),
        Column::new("金额(元)", 12.0, Kind::Money),
        Column::new("发放日期", 12.0, Kind::Center),
        Column::new("发放方式", 9.0, Kind::Center),
        Column::new("经办人", 9.0, Kind::Center),
        Column::new("审批人", 9.0, Kind::Center),
        Column::new("备注", 20.0, Kind::Text),
    ];
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let heading = Heading { title: &title, unit_name: &settings.unit_name, right: "单位：元" };
    let mut t = TableSheet::start(ws, styles, &heading, &columns)?;
    let mut total = 0;
    for (i, p) in payments.iter().enumerate() {
        let (recipient, period, paid_on) = (p.recipient(), p.period.label(), dotted(p.paid_on));
        t.row(
            ws,
            &[
                Cell::Number(i as i64 + 1),
                Cell::Text(&recipient),
                Cell::Text(&p.kind),
                Cell::Text(&period),
                Cell::Fen(p.amount.0),
                Cell::Text(&paid_on),
                Cell::Text(p.method.label()),
                Cell::Text(&p.handler),
                Cell::Text(&p.approver),
                Cell::Text(&p.notes),
            ],
        )?;
        total += p.amount.0;
    }
    t.total_row(ws)?;
    t.line(ws, &capitals_line(Fen(total)))?;
    t.signature(ws, settings)
}

/// The 签收表 of one batch: a tall row per recipient with a blank, wide column to sign in, the
/// total in figures and in capitals, and the 经办人 / 审批人 line.
pub(crate) fn write_receipt_sheet(
    wb: &mut Workbook,
    styles: &Styles,
    conn: &Connection,
    settings: &UnitSettings,
    batch_id: i64,
    _today: NaiveDate,
) -> Result<()> {
    let batch = subsidies::get_batch(conn, batch_id)?;
    let payments = subsidies::batch_payments(conn, batch_id)?;
    let title = receipt_title(&batch);
    let columns = [
        Column::new("序号", 6.0, Kind::Serial),
        Column::new("姓名", 18.0, Kind::Text),
        Column::new("金额(元)", 14.0, Kind::Money),
        Column::new("领取人签字", 28.0, Kind::Text),
        Column::new("备注", 20.0, Kind::Text),
    ];
    let ws = wb.add_worksheet();
    ws.set_name(RECEIPT_SHEET)?;
    let heading = Heading { title: &title, unit_name: &settings.unit_name, right: "单位：元" };
    let mut t = TableSheet::start(ws, styles, &heading, &columns)?;
    let mut total = 0;
    for (i, p) in payments.iter().enumerate() {
        // Room for a handwritten signature.
        ws.set_row_height(t.next_row(), 36)?;
        let recipient = p.recipient();
        t.row(
            ws,
            &[
                Cell::Number(i as i64 + 1),
                Cell::Text(&recipient),
                Cell::Fen(p.amount.0),
                Cell::Blank,
                Cell::Text(&p.notes),
            ],
        )?;
        total += p.amount.0;
    }
    t.total_row(ws)?;
    t.line(ws, &capitals_line(Fen(total)))?;
    t.line(
        ws,
        &format!(
            "发放日期：{}      发放方式：{}",
            chinese_date(batch.paid_on),
            batch.method.label()
        ),
    )?;
    let or_blank = |v: &str| if v.is_empty() { "          ".to_string() } else { v.to_string() };
    t.line(
        ws,
        &format!("经办人：{}      审批人：{}", or_blank(&batch.handler), or_blank(&batch.approver)),
    )?;
    Ok(())
}

/// `支委工作补贴发放签收表（2026年第三季度）`
pub(crate) fn receipt_title(batch: &subsidies::SubsidyBatch) -> String {
    format!("{}发放签收表（{}）", batch.kind, batch.period.label())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{FamilyMember, PayMethod, PersonId};
    use crate::domain::period::PayPeriod;
    use crate::tables::subsidies::{BatchInput, BatchRecipient, SubsidyInput};
    use crate::testing::*;

    fn settings() -> UnitSettings {
        UnitSettings {
            unit_name: "某市财政局".into(),
            head: "王一".into(),
            reviewer: "赵二".into(),
            preparer: "钱三".into(),
            phone: "0531-86000000".into(),
        }
    }

    #[test]
    fn capitals_follow_the_banking_rules() {
        // (fen, capitals) — 人民银行《正确填写票据和结算凭证的基本规定》.
        let cases = [
            (120_000, "壹仟贰佰元整"),
            (120_005, "壹仟贰佰元零伍分"),
            // 元位 is 0 before 角: the rules allow both forms; crate::domain::money writes the 零.
            (120_050, "壹仟贰佰元零伍角"),
            (1_000_500, "壹万零伍元整"),
            (10_000_000, "壹拾万元整"),
            (101_000_000, "壹佰零壹万元整"),
            (1_050_000, "壹万零伍佰元整"),
            (5, "伍分"),
            (50, "伍角"),
            (0, "零元整"),
            (1_234_567_890, "壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角"),
            (10_000_000_000, "壹亿元整"),
        ];
        for (fen, want) in cases {
            assert_eq!(capitals(Fen(fen)), want, "{fen} fen");
        }
    }

    fn payment(person: PersonId, kind: &str, fen: i64, paid_on: &str) -> SubsidyInput {
        SubsidyInput {
            person_id: person,
            survivor_id: None,
            kind: kind.into(),
            period: PayPeriod::Quarter(2026, 3),
            amount: Fen(fen),
            paid_on: day(paid_on),
            method: PayMethod::Transfer,
            handler: "王丽".into(),
            approver: "周建平".into(),
            notes: String::new(),
        }
    }

    #[test]
    fn the_detail_sheet_totals_the_ledger_in_figures_and_capitals() {
        let l = ledger();
        let conn = l.conn();
        let st = stamp();
        let a = add(conn, simple("张三"));
        let spouse = FamilyMember {
            name: "王秀英".into(),
            relation: "配偶".into(),
            is_survivor: true,
            ..Default::default()
        };
        let dead = add_with_family(
            conn,
            PersonFields {
                died_on: crate::PartialDate::parse("2025-01-05").ok(),
                ..simple("李四")
            },
            vec![spouse],
        );
        let sid = crate::tables::people::list_family(conn, dead).unwrap()[0].id;
        subsidies::insert(conn, &st, &payment(a, "困难补贴", 100_000, "2026-07-10")).unwrap();
        let mut aid = payment(dead, subsidies::SURVIVOR_AID, 20_005, "2026-08-01");
        aid.survivor_id = sid;
        aid.notes = "=遗属".into();
        subsidies::insert(conn, &st, &aid).unwrap();
        subsidies::insert(conn, &st, &payment(a, "慰问金", 50_000, "2026-10-01")).unwrap();

        let period = Period::new(2026, Some(3)).unwrap();
        let mut wb = Workbook::new();
        write_sheet(&mut wb, &Styles::new(), conn, &settings(), period, today()).unwrap();
        let (_dir, r, f) = save_and_read(&mut wb, SHEET);
        assert_eq!(cell(&r, 0, 0), "2026年第三季度离退休干部补贴发放明细");
        assert_eq!(cell(&r, 1, 0), "填报单位（盖章）：某市财政局");
        assert_eq!(cell(&r, 1, 5), "单位：元");
        assert_eq!(
            header(&r),
            [
                "序号",
                "姓名",
                "补贴类型",
                "所属期间",
                "金额(元)",
                "发放日期",
                "发放方式",
                "经办人",
                "审批人",
                "备注"
            ]
        );
        let body: Vec<String> = (0..10).map(|c| cell(&r, 4, c)).collect();
        assert_eq!(
            body,
            [
                "2",
                "王秀英（李四遗属）",
                "遗属困难补助",
                "2026年第三季度",
                "200.05",
                "2026.08.01",
                "转账",
                "王丽",
                "周建平",
                "=遗属"
            ]
        );
        let total = row_of(&r, "合");
        assert_eq!(total, 5, "two payments in the quarter");
        let ledger_total = subsidies::totals(conn, period).unwrap().amount;
        assert_eq!(cell(&r, total, 4), format!("{}", ledger_total.0 as f64 / 100.0));
        assert_eq!(f.get_value((total, 4)).map(String::as_str), Some("SUM(E4:E5)"));
        assert_eq!(cell(&r, total + 1, 0), "合计金额（大写）：人民币壹仟贰佰元零伍分");
        assert!(cell(&r, total + 3, 0).starts_with("单位负责人：王一"));
    }

    #[test]
    fn the_receipt_has_a_signing_column_and_the_total_in_capitals() {
        let l = ledger();
        let conn = l.conn();
        let st = stamp();
        let a = add(conn, simple("张书记"));
        let b = add(conn, simple("李委员"));
        let batch = BatchInput {
            kind: subsidies::COMMITTEE_ALLOWANCE.into(),
            period: PayPeriod::Quarter(2026, 3),
            paid_on: day("2026-09-25"),
            method: PayMethod::Cash,
            handler: "王丽".into(),
            approver: "周建平".into(),
            notes: String::new(),
            amount: Fen(30_000),
            recipients: vec![
                BatchRecipient { person_id: a, survivor_id: None, amount: Some(Fen(50_000)) },
                BatchRecipient { person_id: b, survivor_id: None, amount: None },
            ],
            allow_repeat: false,
        };
        let id = subsidies::issue_batch(conn, &st, &batch).unwrap().batch_id;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("签收表.xlsx");
        crate::export::subsidy_receipt(conn, id, today(), &path).unwrap();
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
        use calamine::Reader;
        let r = book.worksheet_range(RECEIPT_SHEET).unwrap();
        assert_eq!(cell(&r, 0, 0), "支委工作补贴发放签收表（2026年第三季度）");
        assert_eq!(header(&r), ["序号", "姓名", "金额(元)", "领取人签字", "备注"]);
        assert_eq!(
            (cell(&r, 3, 1), cell(&r, 3, 2), cell(&r, 3, 3)),
            ("张书记".into(), "500".into(), String::new())
        );
        let total = row_of(&r, "合");
        assert_eq!(cell(&r, total, 2), "800");
        assert_eq!(cell(&r, total + 1, 0), "合计金额（大写）：人民币捌佰元整");
        assert_eq!(cell(&r, total + 2, 0), "发放日期：2026年9月25日      发放方式：现金");
        assert_eq!(cell(&r, total + 3, 0), "经办人：王丽      审批人：周建平");
        subsidies::void_batch(conn, &st, id, "作废测试").unwrap();
        assert!(crate::export::subsidy_receipt(conn, id, today(), &path).is_err());
    }

    use crate::domain::model::PersonFields;
}
