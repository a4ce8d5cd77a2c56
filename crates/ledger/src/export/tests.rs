//! Exports written to real files in temporary folders and read back with calamine, the way the
//! importer and the bureau's tools will read them.

use super::*;
use crate::domain::model::*;
use crate::domain::roster::{field_for_header, Field, COLUMNS};
use crate::progress::{CancelFlag, Silent};
use crate::testing::builder::retiree;
use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use std::sync::atomic::Ordering;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
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

fn save_tmp(wb: &mut Workbook) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.xlsx");
    save(wb, &path).unwrap();
    (dir, path)
}

fn sheet(path: &Path, name: &str) -> Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.worksheet_range(name).unwrap()
}

fn formulas(path: &Path, name: &str) -> Range<String> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.worksheet_formula(name).unwrap()
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

/// One part of the xlsx package, read with the same zip crate the importer uses.
fn xml(path: &Path, part: &str) -> String {
    use std::io::Read;
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut entry =
        archive.by_name(part).unwrap_or_else(|_| panic!("{part} not in {}", path.display()));
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    text
}

fn people(list: Vec<PersonFields>) -> Vec<(PersonId, PersonFields)> {
    list.into_iter().enumerate().map(|(i, p)| (PersonId(i as i64 + 1), p)).collect()
}

/// Reads the roster back the way the importer does: find the header by its names, map each column
/// through `roster::COLUMNS`, read rows while the 序号 column holds a number.
fn read_roster(path: &Path) -> (Vec<String>, Vec<PersonFields>) {
    let r = sheet(path, "花名册");
    let header_row = (0..r.height() as u32).find(|&row| text(&r, row, 1) == "姓名").unwrap();
    let width = r.width() as u32;
    let headers: Vec<String> = (0..width).map(|c| text(&r, header_row, c)).collect();
    let fields: Vec<Option<Field>> = headers.iter().map(|h| field_for_header(h)).collect();
    let mut out = Vec::new();
    let mut row = header_row + 1;
    while matches!(r.get_value((row, 0)), Some(Data::Float(_))) {
        let mut p = PersonFields::default();
        for (c, f) in fields.iter().enumerate() {
            if let Some(f) = f {
                f.set_text(&mut p, &text(&r, row, c as u32)).unwrap();
            }
        }
        out.push(p);
        row += 1;
    }
    (headers, out)
}

/// People as the ledger holds them: normalised by `people::validate`, as every save does.
fn sample_people() -> Vec<PersonFields> {
    let list = [
        super::template::example(),
        retiree("李四")
            .female()
            .lixiu()
            .born("1928-02")
            .worked("1945-09-03")
            .id("11010519491231002X")
            .build(),
        retiree("=SUM(A1)").male().born("1950").notes("+86 138 0000 0000").phone("-5").build(),
        retiree("王五")
            .enterprise()
            .born("1940-03-05")
            .died("2026-02-01")
            .notes("@某人 转告")
            .build(),
    ];
    list.iter().map(|p| crate::tables::people::validate(p).fields).collect()
}

#[test]
fn roster_headers_and_values_round_trip() {
    let list = sample_people();
    let mut wb = roster_workbook(&people(list.clone()), &settings(), today()).unwrap();
    let (_dir, path) = save_tmp(&mut wb);
    let (headers, back) = read_roster(&path);
    let want: Vec<&str> = std::iter::once("序号")
        .chain(COLUMNS.iter().map(|c| c.header))
        .chain(crate::tables::profiles::PROFILE_COLUMNS.iter().map(|c| c.header))
        .collect();
    assert_eq!(headers, want);
    assert_eq!(back, list);

    let r = sheet(&path, "花名册");
    assert_eq!(text(&r, 0, 0), "某市财政局离退休干部花名册");
    assert_eq!(text(&r, 1, 0), "填报单位（盖章）：某市财政局");
    // Row 2 splits at the middle column: the date starts right of it.
    let right = (want.len() as u32 - 1) / 2 + 1;
    assert!(text(&r, 1, right).starts_with("填报日期：2026年11月21日"), "{}", text(&r, 1, right));
    assert_eq!(text(&r, 3, 5), "1945.10.01", "dates print dotted; the ID supplied the day");
    let after = 3 + list.len() as u32;
    let deceased = list.iter().filter(|p| p.died_on.is_some()).count();
    assert_eq!(
        text(&r, after, 0),
        format!("合计：4 人（在世 {} 人，已去世 {deceased} 人）", 4 - deceased)
    );
    assert_eq!(text(&r, after, 1), "", "the 姓名 column of the lines below stays empty");
    assert_eq!(
        text(&r, after + 2, 0),
        "单位负责人：王一      审核人：赵二      填表人：钱三      联系电话：0531-86000000"
    );
}

#[test]
fn ids_stay_text_and_text_never_becomes_a_formula() {
    let list = sample_people();
    let mut wb = roster_workbook(&people(list), &settings(), today()).unwrap();
    let (_dir, path) = save_tmp(&mut wb);
    let r = sheet(&path, "花名册");
    let col = |h: &str| 1 + COLUMNS.iter().position(|c| c.header == h).unwrap() as u32;
    assert_eq!(
        r.get_value((4, col("身份证号码"))),
        Some(&Data::String("11010519491231002X".into()))
    );
    assert_eq!(
        r.get_value((3, col("身份证号码"))),
        Some(&Data::String("370102194510011237".into()))
    );
    assert_eq!(r.get_value((5, col("姓名"))), Some(&Data::String("=SUM(A1)".into())));
    assert_eq!(r.get_value((5, col("备注"))), Some(&Data::String("+86 138 0000 0000".into())));
    assert_eq!(r.get_value((5, col("联系电话"))), Some(&Data::String("-5".into())));
    assert_eq!(r.get_value((6, col("备注"))), Some(&Data::String("@某人 转告".into())));
    let f = formulas(&path, "花名册");
    assert!(f.used_cells().all(|(_, _, f)| f.is_empty()), "the roster has no formulas at all");
    assert!(xml(&path, "xl/styles.xml").contains("quotePrefix=\"1\""));
}

#[test]
fn roster_is_print_ready() {
    let list = sample_people();
    let mut wb = roster_workbook(&people(list.clone()), &settings(), today()).unwrap();
    let (_dir, path) = save_tmp(&mut wb);
    // Sheet 1 is 打印 (A4, 11 columns), sheet 2 the full 花名册 register (A3, 30 columns and
    // the 10 of the 六清楚 profile, 5 of them 管理现状).
    for (part, paper, last) in [("sheet1", "9", "K"), ("sheet2", "8", "AN")] {
        let s = xml(&path, &format!("xl/worksheets/{part}.xml"));
        let merged = format!("<mergeCell ref=\"A1:{last}1\"/>");
        let paper = format!("paperSize=\"{paper}\"");
        for want in [
            "orientation=\"landscape\"",
            paper.as_str(),
            "<pageSetUpPr fitToPage=\"1\"/>",
            "fitToHeight=\"0\"",
            "<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>",
            "state=\"frozen\"",
            "topLeftCell=\"A4\"",
            merged.as_str(),
        ] {
            assert!(s.contains(want), "{part}.xml lacks {want}");
        }
    }
    let w = xml(&path, "xl/workbook.xml");
    assert!(w.contains("_xlnm.Print_Titles"), "{w}");
    assert!(w.contains("花名册!$3:$3"), "{w}");
    assert!(w.contains("打印!$3:$3"), "{w}");

    // The 打印 sheet fits A4 landscape at 9 pt or more: its widths, as stored, printed one page
    // wide.
    let s = xml(&path, "xl/worksheets/sheet1.xml");
    let widths: Vec<f64> = s
        .split("<col ")
        .skip(1)
        .map(|c| {
            let w = c.split("width=\"").nth(1).unwrap();
            w[..w.find('"').unwrap()].parse::<f64>().unwrap() - 182.0 / 256.0
        })
        .collect();
    assert_eq!(widths.len(), 11);
    let pt = roster_print::printed_body_points(&widths);
    assert!(pt >= 9.0, "the printed roster's body would print at {pt:.1} pt");

    let r = sheet(&path, roster_print::PRINT_SHEET);
    let header: Vec<String> = (0..11).map(|c| text(&r, 2, c)).collect();
    assert_eq!(
        header,
        [
            "序号",
            "姓名",
            "性别",
            "出生年月",
            "身份证号码",
            "离/退休",
            "人员类别",
            "职级",
            "原单位及职务",
            "联系电话",
            "备注"
        ]
    );
    assert_eq!(text(&r, 3, 1), list[0].name);
    assert_eq!(text(&r, 3, 4), list[0].id_number, "IDs print whole unless asked to mask");
}

#[test]
fn a_masked_roster_shows_no_full_id_phone_or_address_on_any_sheet() {
    // The masked roster is the copy shared beyond the bureau (脱敏导出): a register sheet with the
    // full values would defeat it, so both sheets are masked. The whole register is the unmasked
    // export's.
    let list = sample_people();
    let with_id = list.iter().position(|p| !p.id_number.is_empty()).unwrap();
    let options = roster_print::RosterOptions { masked: true, ..Default::default() };
    let mut wb = roster_workbook_with_options(
        &people(list.clone()),
        &settings(),
        today(),
        &Silent,
        &options,
    )
    .unwrap();
    let (_dir, path) = save_tmp(&mut wb);
    let printed = sheet(&path, roster_print::PRINT_SHEET);
    let row = 3 + with_id as u32;
    assert_eq!(text(&printed, row, 4), crate::domain::idcard::mask(&list[with_id].id_number));
    let (_, back) = read_roster(&path);
    assert_eq!(back.len(), list.len());
    for (got, full) in back.iter().zip(&list) {
        assert_eq!(got.name, full.name);
        assert_eq!(got.id_number, crate::domain::idcard::mask(&full.id_number), "{}", full.name);
        assert_eq!(got.phone, crate::domain::idcard::mask_phone(&full.phone), "{}", full.name);
        assert_eq!(
            got.address,
            crate::domain::privacy::mask_address(&full.address),
            "{}",
            full.name
        );
    }
}

#[test]
fn same_ledger_same_day_same_bytes() {
    let build = |day| {
        roster_workbook(&people(sample_people()), &settings(), day)
            .unwrap()
            .save_to_buffer()
            .unwrap()
    };
    assert_eq!(build(today()), build(today()));
    assert_ne!(build(today()), build(today().succ_opt().unwrap()));
    let stats = crate::reports::stats::yearly(&sample_people(), 2026, None);
    let s = |_| stats_workbook(&stats, &settings(), today()).unwrap().save_to_buffer().unwrap();
    assert_eq!(s(1), s(2));
    assert_eq!(
        template_workbook().unwrap().save_to_buffer().unwrap(),
        template_workbook().unwrap().save_to_buffer().unwrap()
    );
}

fn ledger_with(list: &[PersonFields]) -> crate::Ledger {
    let ledger = crate::Ledger::open_in_memory().unwrap();
    let stamp = crate::Stamp { actor: "测试".into(), now: today().and_hms_opt(9, 0, 0).unwrap() };
    crate::tables::settings::save(ledger.conn(), &stamp, &settings()).unwrap();
    for p in list {
        let input = PersonInput { fields: p.clone(), family: vec![] };
        crate::tables::people::insert(ledger.conn(), &stamp, &input).unwrap();
    }
    ledger
}

#[test]
fn roster_export_writes_the_file_whole_or_not_at_all() {
    let ledger = ledger_with(&sample_people()[1..]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("花名册.xlsx");
    assert_eq!(roster(ledger.conn(), today(), &path, &Silent).unwrap(), 3);
    let (_, back) = read_roster(&path);
    assert_eq!(back.len(), 3);
    assert_eq!(back[0].id_number, "11010519491231002X");

    let before = std::fs::read(&path).unwrap();
    let cancel = CancelFlag::default();
    cancel.0.store(true, Ordering::Relaxed);
    let err = roster(ledger.conn(), today().succ_opt().unwrap(), &path, &cancel).unwrap_err();
    assert!(matches!(err, crate::Error::Cancelled));
    assert_eq!(std::fs::read(&path).unwrap(), before, "a cancelled export leaves the old file");
    let names: Vec<_> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "no temporary file left behind: {names:?}");

    let missing = dir.path().join("没有这个文件夹").join("花名册.xlsx");
    let err = roster(ledger.conn(), today(), &missing, &Silent).unwrap_err();
    assert_eq!(err.kind(), crate::ErrorKind::File);
    assert!(err.to_string().contains("无法写入"), "{err}");
}

#[test]
fn template_has_the_roster_header_and_no_rows() {
    let mut wb = template_workbook().unwrap();
    let (_dir, path) = save_tmp(&mut wb);
    let r = sheet(&path, "导入模板");
    let headers: Vec<String> = (0..r.width() as u32).map(|c| text(&r, 2, c)).collect();
    let profile = crate::tables::profiles::PROFILE_COLUMNS.iter().map(|c| c.header);
    let want: Vec<&str> =
        std::iter::once("序号").chain(COLUMNS.iter().map(|c| c.header)).chain(profile).collect();
    assert_eq!(headers, want);
    assert!((3..r.height() as u32 + 3)
        .all(|row| (0..want.len() as u32).all(|c| text(&r, row, c).is_empty())));

    let notes = sheet(&path, "填写说明");
    let listed: Vec<String> =
        (2..2 + want.len() as u32 - 1).map(|row| text(&notes, row, 0)).collect();
    assert_eq!(listed, want[1..].iter().map(|h| h.to_string()).collect::<Vec<_>>());
    let kinds_row =
        2 + COLUMNS.iter().position(|c| c.field == Field::RetirementKind).unwrap() as u32;
    assert_eq!(text(&notes, kinds_row, 2), "可选：离休、退休、退职");
    let styles = xml(&path, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"@\""), "text-formatted columns");
}

/// A small unit for the statistics: every band and edge appears once.
fn stats_people() -> Vec<PersonFields> {
    vec![
        retiree("离休甲")
            .lixiu()
            .born("1925-03")
            .worked("1937-07-06")
            .party()
            .grade(Grade::BureauFull)
            .build(),
        retiree("离休乙")
            .lixiu()
            .born("1927-09")
            .worked("1937-07-07")
            .disabled()
            .grade(Grade::CountyFull)
            .build(),
        retiree("退休丙")
            .born("1946-12")
            .retired("2006-12")
            .party()
            .grade(Grade::SectionFull)
            .build(),
        retiree("退休丁").born("1947-01").retired("2007-01").grade(Grade::StaffOther).build(),
        retiree("新退休")
            .born("1966-05")
            .retired("2026-05")
            .party()
            .grade(Grade::SectionDeputy)
            .build(),
        retiree("年内去世").born("1931-02").retired("1991-02").died("2026-08-09").build(),
        retiree("事业退职").institution().tuizhi().born("1950-03").retired("2005-03").build(),
        retiree("企业离休").enterprise().lixiu().born("1929-10").worked("1945-09-03").build(),
        retiree("企业退休").enterprise().born("1956-12").retired("2016-12").party().build(),
        retiree("未填类别").unit(None).born("1955-01").retired("2015-01").build(),
    ]
}

/// The sheet as a grid of strings, one line per row, cells separated by `|`, trailing empty cells
/// dropped; line breaks inside cells shown as `/`.
fn grid(r: &Range<Data>, rows: std::ops::Range<u32>) -> String {
    rows.map(|row| {
        let mut cells: Vec<String> =
            (0..r.width() as u32).map(|c| text(r, row, c).replace('\n', "/")).collect();
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        cells.join("|")
    })
    .collect::<Vec<_>>()
    .join("\n")
}

#[test]
fn stats_tables_read_back_as_expected() {
    let stats = crate::reports::stats::yearly(&stats_people(), 2026, None);
    let mut wb = stats_workbook(&stats, &settings(), today()).unwrap();
    let (_dir, path) = save_tmp(&mut wb);

    let basic = sheet(&path, "基本情况统计表");
    let want = "\
某市财政局2026年度离退休干部基本情况统计表
填报单位（盖章）：某市财政局|||||||||填报日期：2026年11月21日
类别|总人数|其中||||年龄||职级
||离休|退休/（含退职）|中共党员|生活不能/自理|70—79岁|80岁及/以上|正省部级|副省部级|正厅局级|副厅局级|正县处级|副县处级|正乡科级|副乡科级|科员办事员及其他
机关|5|2|3|3|1|1|3|0|0|1|0|1|0|1|1|1
事业单位|1|0|1|0|0|1|0|0|0|0|0|0|0|0|0|0
企业|2|1|1|1|0|1|1|0|0|0|0|0|0|0|0|0
未填写类别|1|0|1|0|0|1|0|0|0|0|0|0|0|0|0|0
合    计|9|3|6|4|1|4|4|0|0|1|0|1|0|1|1|1
说明：1.统计截至2026年12月31日，含当日在世且已离退休的人员；年龄按2026年12月31日计算。
2.有1人未填写人员类别，单列为“未填写类别”一行，请在台账中补全。
3.有4人未填写职级，未计入分职级各栏，请在台账中补全。
4.有3人未填写离退休时间，按已离退休计算，请在台账中补全。

单位负责人：王一      审核人：赵二      填表人：钱三      联系电话：0531-86000000";
    assert_eq!(grid(&basic, 0..15), want);

    let periods = sheet(&path, "离休干部参加革命工作时间");
    let want = "\
类别|离休干部/人数|参加革命工作时间
||1927年7月及以前|1927.8.1—/1937.7.6|1937.7.7—/1942.12.31|1943.1.1—/1945.9.2|1945.9.3—/1949.9.30|未填写
机关|2|0|1|1|0|0|0
事业单位|0|0|0|0|0|0|0
企业|1|0|0|0|0|1|0
未填写类别|0|0|0|0|0|0|0
合    计|3|0|1|1|0|1|0";
    assert_eq!(grid(&periods, 2..9), want);

    let changes = sheet(&path, "人数变动情况");
    let want = "\
类别|上年末人数|本年新增|本年去世|应有年末人数|实有年末人数|差额/（实有－应有）
机关|5|1|1|5|5|0
事业单位|1|0|0|1|1|0
企业|2|0|0|2|2|0
未填写类别|1|0|0|1|1|0
合    计|9|1|1|9|9|0
说明：1.本台账没有2025年度统计表的记录，上年末人数按台账现有数据推算。";
    assert_eq!(grid(&changes, 2..9), want);
}

#[test]
fn total_rows_are_sum_formulas_with_cached_results() {
    let stats = crate::reports::stats::yearly(&stats_people(), 2026, None);
    let mut wb = stats_workbook(&stats, &settings(), today()).unwrap();
    let (_dir, path) = save_tmp(&mut wb);
    for name in super::yearly::SHEETS {
        let r = sheet(&path, name);
        let f = formulas(&path, name);
        // 0-based; the change table has a one-row header, the others two rows.
        let first = if name == "人数变动情况" { 3 } else { 4 };
        let total_row = first + stats.unit_rows.len() as u32;
        assert_eq!(text(&r, total_row, 0), "合    计", "{name}");
        for col in 1..r.width() as u32 {
            let sum: f64 = (first..total_row)
                .map(|row| match r.get_value((row, col)) {
                    Some(Data::Float(v)) => *v,
                    other => panic!("{name} ({row},{col}) is {other:?}"),
                })
                .sum();
            assert_eq!(r.get_value((total_row, col)), Some(&Data::Float(sum)), "{name} col {col}");
            let letter = rust_xlsxwriter::utility::column_number_to_name(col as u16);
            let want = format!("SUM({letter}{}:{letter}{})", first + 1, total_row);
            assert_eq!(f.get_value((total_row, col)).map(String::as_str), Some(want.as_str()));
        }
    }
    // The printed totals are the ones `yearly` computed.
    assert_eq!(stats.basic_total.total, 9);
    assert_eq!(stats.changes_total.actual, 9);
    let s = xml(&path, "xl/worksheets/sheet1.xml");
    assert!(s.contains("<f>SUM(B5:B8)</f><v>9</v>"), "cached result written with the formula");
}

#[test]
fn stats_export_records_the_year_end_for_next_year() {
    let mut ledger = ledger_with(&stats_people());
    let dir = tempfile::tempdir().unwrap();
    let path_2026 = dir.path().join("2026.xlsx");
    let day = NaiveDate::from_ymd_opt(2027, 1, 8).unwrap();
    ledger.with_tx(|tx| stats(tx, 2026, day, &path_2026)).unwrap();
    let recorded = crate::reports::stats::load_year_end(ledger.conn(), 2026).unwrap().unwrap();
    assert_eq!(recorded.recorded_at, "2027-01-08");
    assert_eq!(recorded.total_for(Some(UnitKind::Organ)), 5);

    // After the report, someone who retired in 2020 is entered late: next year's table starts from
    // the 9 reported, and the late entry shows as a difference of 1.
    let stamp = crate::Stamp { actor: "测试".into(), now: day.and_hms_opt(10, 0, 0).unwrap() };
    let late = retiree("补录").born("1960-02").retired("2020-02").build();
    crate::tables::people::insert(
        ledger.conn(),
        &stamp,
        &PersonInput { fields: late, family: vec![] },
    )
    .unwrap();
    let path_2027 = dir.path().join("2027.xlsx");
    let day = NaiveDate::from_ymd_opt(2028, 1, 5).unwrap();
    ledger.with_tx(|tx| stats(tx, 2027, day, &path_2027)).unwrap();
    let changes = sheet(&path_2027, "人数变动情况");
    assert_eq!(grid(&changes, 3..4), "机关|5|0|0|5|6|1");
    let notes = grid(&changes, 8..12);
    assert!(
        notes.contains("上年末人数取自2026年度统计表导出时记录的数字（记录于2027-01-08）"),
        "{notes}"
    );
    assert!(notes.contains("差额不为0"), "{notes}");
}

/// A roster of `n` varied people for the benchmarks.
fn big_roster(n: usize) -> Vec<(PersonId, PersonFields)> {
    let base = crate::tables::people::validate(&super::template::example()).fields;
    (0..n)
        .map(|i| {
            let mut p = base.clone();
            p.name = format!("张{i}");
            p.id_number = format!("3701021945{:08}", i);
            p.address = format!("历下区某某路{}号{}单元{}", i % 300, i % 6, i % 1000);
            p.phone = format!("138{:08}", i);
            p.notes = if i % 7 == 0 { "=备注".into() } else { String::new() };
            (PersonId(i as i64 + 1), p)
        })
        .collect()
}

#[test]
fn a_large_roster_reads_back() {
    let people = big_roster(6_000);
    let mut wb = roster_workbook(&people, &settings(), today()).unwrap();
    let (_dir, path) = save_tmp(&mut wb);
    let (_, back) = read_roster(&path);
    assert_eq!(back.len(), 6_000);
    assert_eq!(back[5_999], people[5_999].1);
    assert_eq!(back[7].notes, "=备注");
    let r = sheet(&path, "花名册");
    assert!(text(&r, 3 + 6_000, 0).starts_with("合计：6000 人（在世 "));
}

#[test]
fn roster_reports_progress_while_writing() {
    #[derive(Default)]
    struct Steps(std::sync::Mutex<Vec<(u64, u64)>>);
    impl Progress for Steps {
        fn step(&self, stage: crate::progress::Stage, done: u64, total: u64) {
            assert_eq!(stage, crate::progress::Stage::Writing);
            self.0.lock().unwrap().push((done, total));
        }
        fn cancelled(&self) -> bool {
            false
        }
    }
    let steps = Steps::default();
    roster_workbook_with_progress(&big_roster(2_500), &settings(), today(), &steps).unwrap();
    assert_eq!(
        *steps.0.lock().unwrap(),
        vec![(0, 2_500), (1_000, 2_500), (2_000, 2_500), (2_500, 2_500)]
    );
}
