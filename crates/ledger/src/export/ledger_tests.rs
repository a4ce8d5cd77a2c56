//! The work-ledger tables (走访慰问台账, 住院探视登记, 去世及遗属登记) written to real files and
//! read back with calamine: title, header, a body row, and every 合计 equal to the ledger's sum.

use super::sheet::{new_workbook, Styles};
use super::*;
use super::{deaths as death_sheet, hospital as hospital_sheet, visits as visit_sheet};
use crate::domain::model::*;
use crate::domain::money::Fen;
use crate::domain::period::Period;
use crate::store::db::Ledger;
use crate::tables::deaths::{self, DeathInput};
use crate::tables::hospital::{self, HospitalStayInput};
use crate::tables::visits::tests::{add, d, stamp};
use crate::tables::visits::{self, VisitInput};
use crate::testing::builder::retiree;
use calamine::{open_workbook, Data, Range, Reader, Xlsx};

fn today() -> NaiveDate {
    d("2026-11-21")
}

fn settings() -> UnitSettings {
    UnitSettings {
        unit_name: "某市财政局".into(),
        head: "王一".into(),
        reviewer: "赵二".into(),
        preparer: "钱三".into(),
        phone: "0531-86000000".into(),
    }
}

type Writer =
    fn(&mut Workbook, &Styles, &Connection, &UnitSettings, Period, NaiveDate) -> Result<()>;

/// Writes one sheet to a temporary file through `save` and reads it back.
fn written(conn: &Connection, write: Writer, name: &str, period: Period) -> Range<Data> {
    let mut wb = new_workbook("台账", &settings(), today()).unwrap();
    write(&mut wb, &Styles::new(), conn, &settings(), period, today()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.xlsx");
    save(&mut wb, &path).unwrap();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    book.worksheet_range(name).unwrap()
}

fn text(r: &Range<Data>, row: u32, col: u32) -> String {
    match r.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => format!("{f}"),
        Some(Data::Int(i)) => format!("{i}"),
        Some(Data::Empty) | None => String::new(),
        Some(other) => format!("{other:?}"),
    }
}

fn row(r: &Range<Data>, row: u32) -> Vec<String> {
    (0..r.width() as u32).map(|c| text(r, row, c)).collect()
}

fn find_row(r: &Range<Data>, first: &str) -> u32 {
    (0..r.height() as u32).find(|&i| text(r, i, 0) == first).unwrap_or_else(|| panic!("{first}"))
}

fn number(r: &Range<Data>, row: u32, col: u32) -> f64 {
    match r.get_value((row, col)) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("not a number at ({row},{col}): {other:?}"),
    }
}

#[test]
fn visit_ledger_lists_the_quarter_with_its_total() {
    let ledger = Ledger::open_in_memory().unwrap();
    let conn = ledger.conn();
    let (a, _) = add(conn, retiree("张三").male().lixiu().born("1930-05").build(), &[]);
    let (b, fam) = add(
        conn,
        retiree("王五").female().born("1935-05").died("2026-03-02").build(),
        &[("赵兰", "配偶", true)],
    );
    let mut holiday = VisitInput::new(a, VisitKind::Holiday, d("2026-10-15"));
    holiday.reason = "重阳节".into();
    holiday.leader = "周局长".into();
    holiday.made_by = "李联络".into();
    holiday.amount = Fen(100_050);
    holiday.problems = "=希望增加体检项目".into();
    visits::insert(conn, &stamp(), &holiday).unwrap();
    let mut survivor = VisitInput::new(b, VisitKind::Survivor, d("2026-10-16"));
    survivor.survivor_id = Some(fam[0]);
    survivor.amount = Fen(50_000);
    visits::insert(conn, &stamp(), &survivor).unwrap();
    visits::insert(conn, &stamp(), &VisitInput::new(a, VisitKind::Phone, d("2026-11-01"))).unwrap();
    let mut outside = VisitInput::new(a, VisitKind::Routine, d("2026-09-30"));
    outside.amount = Fen(99_900);
    visits::insert(conn, &stamp(), &outside).unwrap();

    let q4 = Period::new(2026, Some(4)).unwrap();
    let r = written(conn, visit_sheet::write_sheet, visit_sheet::SHEET, q4);
    assert_eq!(text(&r, 0, 0), "2026年第四季度离退休干部走访慰问台账");
    assert_eq!(text(&r, 1, 0), "填报单位（盖章）：某市财政局");
    assert_eq!(
        row(&r, 2),
        [
            "序号",
            "姓名",
            "性别",
            "出生年月",
            "离退休\n类型",
            "走访类型",
            "节日或事由",
            "日期",
            "带队领导",
            "参加人员",
            "走访人",
            "慰问品",
            "慰问金(元)",
            "老同志身体状况",
            "反映问题及诉求",
            "办理情况",
            "备注"
        ]
    );
    let first = row(&r, 3);
    assert_eq!(
        first[..13],
        [
            "1",
            "张三",
            "男",
            "1930.05",
            "离休",
            "节日",
            "重阳节",
            "2026.10.15",
            "周局长",
            "",
            "李联络",
            "",
            "1000.5"
        ]
    );
    assert_eq!(first[14], "=希望增加体检项目", "text stays text");
    assert_eq!(text(&r, 4, 1), "王五（遗属：赵兰）");
    assert_eq!(text(&r, 4, 5), "遗属慰问");
    let total = find_row(&r, "合    计");
    assert_eq!(total, 6, "three visits in the quarter");
    let ledger_sum: i64 = visits::list(
        conn,
        &crate::tables::visits::VisitQuery { period: Some(q4), ..Default::default() },
    )
    .unwrap()
    .iter()
    .map(|v| v.input.amount.0)
    .sum();
    assert_eq!((number(&r, total, 12) * 100.0).round() as i64, ledger_sum);
    assert_eq!(ledger_sum, 150_050);
    assert_eq!(
        text(&r, total + 1, 0),
        "说明：本期走访2人、3人次，其中节日1人次、电话问候1人次、遗属慰问1人次。"
    );
    assert!(text(&r, total + 3, 0).starts_with("单位负责人：王一"));
}

#[test]
fn hospital_table_shows_visits_and_follow_ups() {
    let ledger = Ledger::open_in_memory().unwrap();
    let conn = ledger.conn();
    let (a, _) = add(conn, retiree("张三").born("1930-05").build(), &[]);
    let stay = |admitted: &str, discharged: Option<&str>| HospitalStayInput {
        person_id: a,
        hospital: "市第一人民医院".into(),
        department: "心内科".into(),
        condition: "冠心病".into(),
        admitted_on: d(admitted),
        discharged_on: discharged.map(d),
        notes: String::new(),
    };
    let s1 =
        hospital::insert(conn, &stamp(), &stay("2026-10-03", Some("2026-10-12")), today()).unwrap();
    hospital::insert(conn, &stamp(), &stay("2026-11-18", None), today()).unwrap();
    hospital::insert(conn, &stamp(), &stay("2026-03-01", Some("2026-03-05")), today()).unwrap();
    for (kind, date) in [(VisitKind::Hospital, "2026-10-05"), (VisitKind::Phone, "2026-10-15")] {
        let mut v = VisitInput::new(a, kind, d(date));
        v.hospital_stay_id = Some(s1.id.0);
        visits::insert(conn, &stamp(), &v).unwrap();
    }
    let q4 = Period::new(2026, Some(4)).unwrap();
    let r = written(conn, hospital_sheet::write_sheet, hospital_sheet::SHEET, q4);
    assert_eq!(text(&r, 0, 0), "2026年第四季度离退休干部住院探视登记表");
    assert_eq!(
        row(&r, 2),
        [
            "序号",
            "姓名",
            "医院",
            "科室",
            "入院日期",
            "出院日期",
            "病情",
            "是否已探视",
            "探视日期",
            "出院后回访日期"
        ]
    );
    assert_eq!(
        row(&r, 3),
        [
            "1",
            "张三",
            "市第一人民医院",
            "心内科",
            "2026.10.03",
            "2026.10.12",
            "冠心病",
            "是",
            "2026.10.05",
            "2026.10.15"
        ]
    );
    assert_eq!(row(&r, 4)[5..8], ["在院", "冠心病", "否"]);
    assert_eq!(
        text(&r, 5, 0),
        "说明：本期住院2人次（截至2026年11月21日仍在院1人次），已探视1人次；出院后一周内未回访0人次。"
    );
}

#[test]
fn death_table_groups_survivors_and_sums_money_once_per_death() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let (a, fam) = add(
        ledger.conn(),
        retiree("张三").male().lixiu().born("1928-05").build(),
        &[("李梅", "配偶", false), ("张小", "儿子", false)],
    );
    let (b, _) = add(ledger.conn(), retiree("王五").female().born("1935-05").build(), &[]);
    let death = |p, on: &str, funeral: i64, pension: i64, survivors: Vec<i64>| DeathInput {
        person_id: p,
        died_on: d(on),
        cause: "病故".into(),
        farewell: "遗体告别".into(),
        funeral: Fen(funeral),
        pension: Fen(pension),
        paid_on: Some(d("2026-11-10")),
        recipient: "李梅".into(),
        notes: String::new(),
        survivors,
    };
    ledger
        .with_tx(|tx| {
            deaths::record_death(
                tx,
                &stamp(),
                &death(a, "2026-10-08", 500_000, 2_400_050, fam.clone()),
                today(),
            )?;
            deaths::record_death(tx, &stamp(), &death(b, "2026-11-02", 300_000, 0, vec![]), today())
        })
        .unwrap();
    let conn = ledger.conn();
    conn.execute("UPDATE family_members SET survivor_aid = 1 WHERE id = ?1", [fam[0]]).unwrap();
    let q4 = Period::new(2026, Some(4)).unwrap();
    let r = written(conn, death_sheet::write_sheet, death_sheet::SHEET, q4);
    assert_eq!(text(&r, 0, 0), "2026年第四季度离退休干部去世及遗属登记表");
    assert_eq!(text(&r, 2, 12), "遗属", "the group header over the survivors");
    assert_eq!(
        row(&r, 3)[12..],
        ["姓名", "关系", "出生年月", "联系电话", "住址", "是否享受\n遗属补助"]
    );
    assert_eq!(text(&r, 2, 8), "丧葬费(元)");
    assert_eq!(
        row(&r, 4),
        [
            "1",
            "张三",
            "男",
            "1928.05",
            "离休",
            "2026.10.08",
            "病故",
            "遗体告别",
            "5000",
            "24000.5",
            "2026.11.10",
            "李梅",
            "李梅",
            "配偶",
            "",
            "13800001111",
            "人民路1号",
            "是"
        ]
    );
    // The second survivor's row leaves the death's cells to the merge above.
    assert_eq!(row(&r, 5)[..12].iter().filter(|c| !c.is_empty()).count(), 0);
    assert_eq!(row(&r, 5)[12..14], ["张小", "儿子"]);
    assert_eq!(row(&r, 6)[..2], ["2", "王五"]);
    assert_eq!(row(&r, 6)[12], "", "no survivors: one row with blanks");
    let total = find_row(&r, "合    计");
    let records = deaths::list(conn, q4).unwrap();
    let funeral: i64 = records.iter().map(|d| d.funeral.0).sum();
    let pension: i64 = records.iter().map(|d| d.pension.0).sum();
    assert_eq!((number(&r, total, 8) * 100.0).round() as i64, funeral);
    assert_eq!((number(&r, total, 9) * 100.0).round() as i64, pension);
    assert_eq!((funeral, pension), (800_000, 2_400_050));
    assert_eq!(text(&r, total + 1, 0), "说明：本期去世2人，登记遗属2人，其中享受遗属补助1人。");
}
