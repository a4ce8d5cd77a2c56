//! Import tests on real files written into a temporary folder by the tests themselves: messy
//! workbooks as clerks have them, CSV in both encodings, and hostile files.

use super::*;
use crate::domain::idcard::check_char;
use crate::domain::model::{Grade, Sex};
use crate::progress::{CancelFlag, Silent};
use crate::{Ledger, PartialDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A valid 18-digit ID for a birth date (`19451003`) and a 3-digit sequence (odd = male).
fn id(birth: &str, seq: &str) -> String {
    let first17 = format!("110105{birth}{seq}");
    format!("{first17}{}", check_char(&first17).unwrap())
}

fn stamp() -> Stamp {
    Stamp {
        actor: "测试".into(),
        now: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap().and_hms_opt(9, 0, 0).unwrap(),
    }
}

struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Self {
        Dir(tempfile::tempdir().unwrap())
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn xlsx(&self, name: &str, fill: impl FnOnce(&mut Worksheet)) -> PathBuf {
        let path = self.0.path().join(name);
        let mut wb = Workbook::new();
        fill(wb.add_worksheet());
        wb.save(&path).unwrap();
        path
    }

    /// A plain one-row header and rows of text.
    fn simple(&self, name: &str, rows: &[&[&str]]) -> PathBuf {
        let text: Vec<String> = rows.iter().map(|r| r.join(",")).collect();
        self.file(name, text.join("\n").as_bytes())
    }
}

fn row(p: &ImportPreview, n: u32) -> &PreviewRow {
    p.rows.iter().find(|r| r.row == n).unwrap_or_else(|| panic!("row {n} not in preview"))
}

fn messages(r: &PreviewRow, severity: Severity) -> Vec<String> {
    r.issues
        .iter()
        .filter(|i| i.severity == severity)
        .map(|i| format!("{}：{}", i.column, i.message))
        .collect()
}

fn err(path: &Path) -> String {
    let ledger = Ledger::open_in_memory().unwrap();
    match preview(ledger.conn(), path, &Silent) {
        Ok(p) => panic!("expected an error, got {} rows", p.rows.len()),
        Err(e) => {
            assert_eq!(e.kind(), crate::ErrorKind::File, "{e}");
            e.to_string()
        }
    }
}

/// The messy roster of DOMAIN.md: title rows, a two-row merged header, notes, blank rows,
/// full-width spaces, a lowercase x, an ID stored as a number, every date form.
fn messy(dir: &Dir) -> PathBuf {
    dir.xlsx("花名册.xlsx", |ws| {
        let f = Format::new();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        ws.merge_range(0, 0, 0, 9, "某某局离退休干部花名册", &f).unwrap();
        ws.write_string(1, 0, "填报单位（盖章）：某某局").unwrap();
        ws.write_string(1, 7, "填报日期：2026年1月5日").unwrap();
        ws.merge_range(2, 0, 3, 0, "序号", &f).unwrap();
        ws.merge_range(2, 1, 3, 1, "姓  名", &f).unwrap();
        ws.merge_range(2, 2, 2, 4, "基础信息", &f).unwrap();
        ws.write_string(3, 2, "性别").unwrap();
        ws.write_string(3, 3, "出生\n年月").unwrap();
        ws.write_string(3, 4, "民族").unwrap();
        ws.merge_range(2, 5, 3, 5, "身份证号码", &f).unwrap();
        ws.merge_range(2, 6, 3, 6, "参加工作\n时间", &f).unwrap();
        ws.merge_range(2, 7, 3, 7, "职务\n（职级）", &f).unwrap();
        ws.merge_range(2, 8, 3, 8, "联系电话", &f).unwrap();
        ws.merge_range(2, 9, 3, 9, "备注", &f).unwrap();
        fn put(ws: &mut Worksheet, r: u32, cells: &[&str]) -> u32 {
            for (c, v) in cells.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r, c as u16, *v).unwrap();
                }
            }
            r
        }
        // Row 5 (index 4): full-width spaces, lowercase x, phone as a number.
        let z = put(
            ws,
            4,
            &[
                "1",
                "　张　三　",
                "男",
                "1945-10",
                "汉族",
                &id("19451003", "005").to_lowercase().replace('X', "x"),
                "1965.1",
                "正处级",
                "",
                "",
            ],
        );
        ws.write_number(z, 8, 13_812_345_678.0).unwrap();
        // Row 7: the ID stored as a number: its last digits are gone.
        let l = put(ws, 6, &["2", "李四", "女", "1950.1", "汉族", "", "2000年1月", "", "", ""]);
        ws.write_number(l, 5, 110_105_195_001_010_026.0).unwrap();
        // Row 8: a legacy 15-digit ID.
        put(
            ws,
            7,
            &["3", "王五", "", "1948年3月", "回族", "110105480312001", "20000101", "", "", ""],
        );
        // Row 9: birth date disagrees with the ID.
        put(
            ws,
            8,
            &["4", "赵六", "女", "19520315", "汉族", &id("19520415", "002"), "", "", "", ""],
        );
        // Row 10: an Excel serial number typed in the date column (16713 = 1945-10-03).
        let q = put(ws, 9, &["5", "钱七", "男", "", "", "", "", "", "", ""]);
        ws.write_number(q, 3, 16_713.0).unwrap();
        // Row 11: a real date cell, an ID with spaces.
        let s = put(ws, 10, &["6", "孙八", "男", "", "", "110105 19470506 0013", "", "", "", ""]);
        ws.write_datetime_with_format(s, 3, ExcelDateTime::from_ymd(1947, 5, 6).unwrap(), &date)
            .unwrap();
        put(ws, 13, &["说明：1、本表由各单位填报。"]);
        put(ws, 14, &["2、出生年月按身份证填写。"]);
        put(ws, 15, &["单位负责人：", "", "审核人：", "", "填表人：", "", "", "联系电话："]);
    })
}

#[test]
fn a_messy_roster_is_understood() {
    let dir = Dir::new();
    let path = messy(&dir);
    let ledger = Ledger::open_in_memory().unwrap();
    let p = preview(ledger.conn(), &path, &Silent).unwrap();

    assert_eq!(p.file_name, "花名册.xlsx");
    assert_eq!(p.header_rows, vec![3, 4]);
    let columns: Vec<(&str, &str, Option<&str>)> = p
        .columns
        .iter()
        .map(|c| (c.column.as_str(), c.header.as_str(), c.field.as_deref()))
        .collect();
    assert_eq!(
        columns,
        vec![
            ("A", "序号", None),
            ("B", "姓 名", Some("姓名")),
            ("C", "基础信息/性别", Some("性别")),
            ("D", "基础信息/出生 年月", Some("出生年月")),
            ("E", "基础信息/民族", Some("民族")),
            ("F", "身份证号码", Some("身份证号码")),
            ("G", "参加工作 时间", Some("参加工作时间")),
            ("H", "职务 （职级）", Some("职级/待遇")),
            ("I", "联系电话", Some("联系电话")),
            ("J", "备注", Some("备注")),
        ]
    );
    let numbers: Vec<u32> = p.rows.iter().map(|r| r.row).collect();
    assert_eq!(numbers, vec![5, 7, 8, 9, 10, 11], "blank and notes rows are left out");

    let zhang = row(&p, 5);
    assert_eq!(zhang.status, RowStatus::New, "{:?}", zhang.issues);
    assert_eq!(zhang.fields.name, "张三");
    assert_eq!(zhang.fields.id_number, id("19451003", "005"));
    assert!(zhang.fields.id_number.ends_with('X'));
    assert_eq!(
        zhang.fields.birth,
        PartialDate::parse("1945-10-03").ok(),
        "the ID supplies the day"
    );
    assert_eq!(zhang.fields.work_started, PartialDate::parse("1965-01").ok());
    assert_eq!(zhang.fields.grade, Some(Grade::CountyFull));
    assert_eq!(zhang.fields.phone, "13812345678");
    assert!(zhang.issues.is_empty(), "{:?}", zhang.issues);

    let li = row(&p, 7);
    assert_eq!(li.status, RowStatus::Invalid);
    let e = messages(li, Severity::Error);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with("身份证号码：身份证号被存成了数字"), "{e:?}");
    assert_eq!(li.fields.work_started, PartialDate::parse("2000-01").ok());

    let wang = row(&p, 8);
    assert_eq!(wang.status, RowStatus::New);
    assert_eq!(wang.fields.id_number, id("19480312", "001"));
    assert_eq!(wang.fields.sex, Some(Sex::Male), "sex taken from the ID");
    assert_eq!(
        wang.fields.birth,
        PartialDate::parse("1948-03-12").ok(),
        "a month in the file, the day from the ID"
    );
    assert_eq!(wang.fields.work_started, PartialDate::parse("2000-01-01").ok());
    let w = messages(wang, Severity::Warning);
    assert!(w.len() == 1 && w[0].contains("15位旧身份证号已自动升级"), "{w:?}");

    let zhao = row(&p, 9);
    assert_eq!(zhao.status, RowStatus::New);
    let w = messages(zhao, Severity::Warning);
    assert!(
        w.len() == 1 && w[0].starts_with("基础信息/出生 年月：出生年月1952.03.15与身份证号"),
        "{w:?}"
    );

    let qian = row(&p, 10);
    assert_eq!(qian.fields.birth, PartialDate::parse("1945-10-03").ok());
    let sun = row(&p, 11);
    assert_eq!(sun.fields.birth, PartialDate::parse("1947-05-06").ok());
    assert_eq!(sun.fields.id_number, "110105194705060013");
    assert_eq!(sun.status, RowStatus::New, "{:?}", sun.issues);

    assert_eq!((p.new_count, p.duplicate_count, p.invalid_count, p.warning_count), (5, 0, 1, 2));
}

#[test]
fn csv_in_utf8_with_bom_and_in_gbk() {
    let dir = Dir::new();
    let text = format!(
        "姓名,性别,出生年月,身份证号码,现住址\r\n张三,男,1945.10,{},\"北京市西城区\r\n某某胡同1号\"\r\n\"李,四\",女,1950-01,,\r\n",
        id("19451003", "001")
    );
    let mut utf8 = vec![0xEF, 0xBB, 0xBF];
    utf8.extend_from_slice(text.as_bytes());
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let ledger = Ledger::open_in_memory().unwrap();
    for path in [dir.file("utf8.csv", &utf8), dir.file("gbk.csv", &gbk)] {
        let p = preview(ledger.conn(), &path, &Silent).unwrap();
        assert_eq!(p.rows.len(), 2, "{}", path.display());
        assert_eq!(p.rows[0].fields.name, "张三");
        assert_eq!(p.rows[0].fields.address, "北京市西城区 某某胡同1号");
        assert_eq!(p.rows[1].fields.name, "李,四");
        assert_eq!(p.rows[1].row, 3, "a quoted line break stays in its row");
        assert_eq!(p.new_count, 2);
    }
}

#[test]
fn tab_separated_text_saved_as_xls_is_read() {
    let dir = Dir::new();
    let path = dir.file("导出.xls", "姓名\t性别\t出生年月\n张三\t男\t1945.10\n".as_bytes());
    let ledger = Ledger::open_in_memory().unwrap();
    let p = preview(ledger.conn(), &path, &Silent).unwrap();
    assert_eq!(p.rows.len(), 1);
    assert_eq!(p.rows[0].fields.birth, PartialDate::parse("1945-10").ok());
}

#[test]
fn hostile_and_wrong_files_are_refused_with_a_reason() {
    let dir = Dir::new();
    let html = "\u{FEFF}  <html><body><table><tr><td>姓名</td></tr></table></body></html>";
    let e = err(&dir.file("名单.xls", html.as_bytes()));
    assert!(
        e.contains("扩展名是 .xls") && e.contains("网页（HTML）") && e.contains("另存为"),
        "{e}"
    );
    let e = err(&dir.file("名单.xls", b"<?xml version=\"1.0\"?><Workbook/>"));
    assert!(e.contains("网页（HTML）或 XML"), "{e}");

    let mut seed: u32 = 12345;
    let random: Vec<u8> = (0..4096)
        .map(|_| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (seed >> 16) as u8
        })
        .collect();
    let e = err(&dir.file("随机.xlsx", &random));
    assert!(e.contains("无法识别的文件格式") && e.contains(".xlsx / .xls / .et / .csv"), "{e}");

    let e = err(&dir.file("空.csv", b""));
    assert!(e.contains("文件是空的"), "{e}");
    let e = err(&dir.file("空白.csv", b" \r\n\r\n"));
    assert!(e.contains("文件是空的"), "{e}");

    // A compound file that is not a workbook, and a truncated xlsx.
    let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    cfb.extend_from_slice(&[0u8; 600]);
    let e = err(&dir.file("坏.xls", &cfb));
    assert!(e.contains("无法读取"), "{e}");
    let good = std::fs::read(messy(&dir)).unwrap();
    let e = err(&dir.file("截断.xlsx", &good[..good.len() / 2]));
    assert!(e.contains("无法读取"), "{e}");

    // A zip that holds no workbook.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("readme.txt", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(b"hello").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let e = err(&dir.file("包.xlsx", &bytes));
    assert!(e.contains("压缩包"), "{e}");

    // A header nowhere in the first rows.
    let e = err(&dir.simple("无表头.csv", &[&["张三", "男"], &["李四", "女"]]));
    assert!(e.contains("没有找到表头"), "{e}");

    // Over the size limit (a sparse file: nothing is written to disk).
    let big = dir.0.path().join("大.xlsx");
    std::fs::File::create(&big).unwrap().set_len(read::MAX_FILE_BYTES + 1).unwrap();
    let e = err(&big);
    assert!(e.contains("文件太大"), "{e}");
}

fn zip_with(name: &str, data: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(b"<workbook/>").unwrap();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false);
    zip.start_file(name, options).unwrap();
    zip.write_all(data).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn zip_bombs_are_refused_before_inflating() {
    let dir = Dir::new();
    // 20 MB of zeros deflate to about 20 KB: a ratio no real workbook has.
    let bomb = zip_with("xl/worksheets/sheet1.xml", &vec![0u8; 20 * 1024 * 1024]);
    assert!(bomb.len() < 200 * 1024);
    let e = err(&dir.file("炸弹.xlsx", &bomb));
    assert!(e.contains("解压后异常巨大"), "{e}");

    // A crafted file that declares a small size and inflates to more: `zip` stops reading at the
    // declared size, so it fails as a broken file.
    let mut liar = zip_with("xl/worksheets/sheet1.xml", &vec![b'a'; 1024 * 1024]);
    let declared = (1024u32 * 1024).to_le_bytes();
    let small = 1000u32.to_le_bytes();
    let mut patched = 0;
    for i in 0..liar.len() - 4 {
        if liar[i..i + 4] == declared {
            liar[i..i + 4].copy_from_slice(&small);
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "local header and central directory");
    let e = err(&dir.file("撒谎.xlsx", &liar));
    assert!(e.contains("无法读取"), "{e}");
}

#[test]
fn more_than_200000_rows_are_refused_quickly() {
    let dir = Dir::new();
    let mut text = String::from("姓名,性别,出生年月\n");
    for i in 0..250_000 {
        text.push_str(&format!("人员{i},男,1945.10\n"));
    }
    let path = dir.file("大.csv", text.as_bytes());
    let started = std::time::Instant::now();
    let e = err(&path);
    assert!(e.contains("行数超过20万") && e.contains("拆分"), "{e}");
    assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
}

#[test]
fn the_first_sheet_with_a_header_is_used() {
    let dir = Dir::new();
    let path = dir.0.path().join("多表.xlsx");
    let mut wb = Workbook::new();
    wb.add_worksheet().set_name("填表说明").unwrap().write_string(0, 0, "请按模板填写").unwrap();
    wb.add_worksheet().set_name("空表").unwrap();
    let ws = wb.add_worksheet().set_name("花名册").unwrap();
    ws.write_string(0, 0, "姓名").unwrap();
    ws.write_string(0, 1, "出生年月").unwrap();
    ws.write_string(1, 0, "张三").unwrap();
    ws.write_string(1, 1, "1945.10").unwrap();
    wb.save(&path).unwrap();
    let ledger = Ledger::open_in_memory().unwrap();
    let p = preview(ledger.conn(), &path, &Silent).unwrap();
    assert_eq!(p.sheet_name, "花名册");
    assert_eq!(p.rows.len(), 1);
}

#[test]
fn a_long_sheet_without_a_header_is_passed_over() {
    // More rows than the reading thread may hold ahead of the checker: the checker gives up on
    // the sheet after its first rows and must not leave the reader waiting.
    let dir = Dir::new();
    let path = dir.0.path().join("长说明.xlsx");
    let mut wb = Workbook::new();
    let notes = wb.add_worksheet().set_name("说明").unwrap();
    for r in 0..10_000 {
        notes.write_string(r, 0, format!("第{r}条说明")).unwrap();
    }
    let ws = wb.add_worksheet().set_name("花名册").unwrap();
    ws.write_row(0, 0, ["姓名", "出生年月"]).unwrap();
    ws.write_row(1, 0, ["张三", "1945.10"]).unwrap();
    wb.save(&path).unwrap();
    let ledger = Ledger::open_in_memory().unwrap();
    let p = preview(ledger.conn(), &path, &Silent).unwrap();
    assert_eq!((p.sheet_name.as_str(), p.rows.len()), ("花名册", 1));
}

/// The workbook with the `<row>` elements of rows `a` and `b` (1-based) swapped in its first
/// sheet's XML, as a hand-edited or oddly generated file might store them.
fn swap_rows(path: &Path, a: u32, b: u32) -> Vec<u8> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(data).unwrap();
            let span = |n: u32| {
                let start = xml.find(&format!("<row r=\"{n}\"")).unwrap();
                (start, start + xml[start..].find("</row>").unwrap() + "</row>".len())
            };
            let ((a0, a1), (b0, b1)) = (span(a), span(b));
            assert!(a1 <= b0);
            let swapped =
                [&xml[..a0], &xml[b0..b1], &xml[a1..b0], &xml[a0..a1], &xml[b1..]].concat();
            data = swapped.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn rows_stored_out_of_order_are_read_in_row_order() {
    let dir = Dir::new();
    let fill = |ws: &mut Worksheet| {
        ws.write_row(0, 0, ["姓名", "出生年月"]).unwrap();
        for (r, name) in [(1, "张三"), (2, "李四"), (3, "王五")] {
            ws.write_row(r, 0, [name, "1945.10"]).unwrap();
        }
    };
    let ledger = Ledger::open_in_memory().unwrap();
    // Swapped within the first rows, and after them (a long sheet).
    for (rows, a, b) in [(0u32, 2, 4), (40, 30, 40)] {
        let path = dir.xlsx("顺序.xlsx", |ws| {
            fill(ws);
            for r in 4..4 + rows {
                ws.write_row(r, 0, [format!("人员{r}").as_str(), "1950.01"]).unwrap();
            }
        });
        let swapped = dir.file("乱序.xlsx", &swap_rows(&path, a, b));
        let p = preview(ledger.conn(), &swapped, &Silent).unwrap();
        let numbers: Vec<u32> = p.rows.iter().map(|r| r.row).collect();
        assert_eq!(numbers, (2..=4 + rows).collect::<Vec<_>>(), "swapped rows {a} and {b}");
        assert_eq!(row(&p, 2).fields.name, "张三");
    }
}

#[test]
fn nameless_rows_and_repeated_headers() {
    let dir = Dir::new();
    let path = dir.simple(
        "名单.csv",
        &[
            &["序号", "姓名", "性别", "出生年月", "民族"],
            &["一、离休干部", "", "", "", ""],
            &["1", "张三", "男", "1945.10", "汉族"],
            &["序号", "姓名", "性别", "出生年月", "民族"],
            &["2", "", "女", "1950.01", "汉族"],
            &["合计", "2人", "", "", ""],
        ],
    );
    let ledger = Ledger::open_in_memory().unwrap();
    let p = preview(ledger.conn(), &path, &Silent).unwrap();
    let numbers: Vec<(u32, RowStatus)> = p.rows.iter().map(|r| (r.row, r.status)).collect();
    assert_eq!(numbers, vec![(3, RowStatus::New), (5, RowStatus::Invalid)]);
    let e = messages(row(&p, 5), Severity::Error);
    assert!(e.len() == 1 && e[0].starts_with("姓名：这一行有内容但没有姓名"), "{e:?}");
}

fn person(ledger: &Ledger, name: &str, birth: &str, id_number: &str) -> PersonId {
    let fields = PersonFields {
        name: name.into(),
        birth: PartialDate::parse(birth).ok(),
        id_number: id_number.into(),
        address: "旧地址".into(),
        phone: "010-66001234".into(),
        ..Default::default()
    };
    let v = people::validate(&fields);
    assert!(v.errors.is_empty(), "{:?}", v.errors);
    people::insert_validated(ledger.conn(), &stamp(), &v.into_valid().unwrap()).unwrap()
}

#[test]
fn duplicates_against_the_ledger_and_within_the_file() {
    let dir = Dir::new();
    let ledger = Ledger::open_in_memory().unwrap();
    let by_id = person(&ledger, "张三", "1945-10", &id("19451003", "001"));
    let by_name = person(&ledger, "李四", "1950-01", "");
    let zhang_id = id("19451003", "001");
    let path = dir.simple(
        "名单.csv",
        &[
            &["姓名", "出生年月", "身份证号码"],
            &["张三丰", "1945.10", &zhang_id], // 2: same ID as 张三 (a typo in the name)
            &["李四", "1950年1月", &id("19500101", "002")], // 3: same name and birth month as 李四
            &["王五", "1948.03", ""],          // 4: new
            &["王五", "1948.3", ""],           // 5: same as row 4
            &["赵六", "1952.04", &zhang_id],   // 6: same ID as row 2
            &["李四", "1950.01", &id("19500101", "004")], // 7: another 李四, matched by name
        ],
    );
    let p = preview(ledger.conn(), &path, &Silent).unwrap();
    let r = row(&p, 2);
    assert_eq!(
        (r.status, r.duplicate_of, r.duplicate_reason.as_str()),
        (RowStatus::Duplicate, Some(by_id), "身份证号相同")
    );
    let r = row(&p, 3);
    assert_eq!(
        (r.status, r.duplicate_of, r.duplicate_reason.as_str()),
        (RowStatus::Duplicate, Some(by_name), "姓名和出生年月相同")
    );
    assert_eq!(row(&p, 4).status, RowStatus::New);
    let r = row(&p, 5);
    assert_eq!(r.status, RowStatus::Invalid);
    assert!(
        messages(r, Severity::Error)[0].contains("与第4行重复（姓名和出生年月相同）"),
        "{:?}",
        r.issues
    );
    let r = row(&p, 6);
    assert_eq!(r.status, RowStatus::Invalid);
    assert!(
        messages(r, Severity::Error)[0].contains("与第2行重复（身份证号相同）"),
        "{:?}",
        r.issues
    );
    let r = row(&p, 7);
    assert_eq!(r.status, RowStatus::Invalid, "row 3 already matched the same person");
    assert!(
        messages(r, Severity::Error)[0].contains("与第3行对应台账中的同一人员"),
        "{:?}",
        r.issues
    );
    assert_eq!((p.new_count, p.duplicate_count, p.invalid_count), (1, 2, 3));
}

#[test]
fn the_id_lookup_uses_the_partial_unique_index() {
    let ledger = Ledger::open_in_memory().unwrap();
    let plan: String = ledger
        .conn()
        .query_row(&format!("EXPLAIN QUERY PLAN {}", people::ID_LOOKUP), ["x"], |r| r.get(3))
        .unwrap();
    assert!(plan.contains("people_id_number_unique"), "{plan}");
}

fn count(ledger: &Ledger) -> u32 {
    people::count_live(ledger.conn()).unwrap()
}

fn audit_rows(ledger: &Ledger) -> i64 {
    ledger.conn().query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0)).unwrap()
}

#[test]
fn apply_is_all_or_nothing_unless_told_to_skip_errors() {
    let dir = Dir::new();
    let mut ledger = Ledger::open_in_memory().unwrap();
    let path = dir.simple(
        "名单.csv",
        &[
            &["姓名", "出生年月", "身份证号码"],
            &["张三", "1945.10", &id("19451003", "001")],
            &["李四", "1950.13", ""],
            &["王五", "1948.03", ""],
        ],
    );
    let p = preview(ledger.conn(), &path, &Silent).unwrap();
    assert_eq!(p.invalid_count, 1);

    let strict = ImportOptions::default();
    let s = ledger.with_tx(|tx| apply(tx, &stamp(), &p, &strict, &Silent)).unwrap();
    assert_eq!((s.added, s.updated), (0, 0));
    assert_eq!(s.errors.len(), 1);
    assert_eq!((s.errors[0].row, s.errors[0].column.as_str()), (3, "出生年月"));
    assert_eq!(count(&ledger), 0, "nothing written");

    let lenient = ImportOptions { skip_invalid: true, ..Default::default() };
    let s = ledger.with_tx(|tx| apply(tx, &stamp(), &p, &lenient, &Silent)).unwrap();
    assert_eq!((s.added, s.updated, s.skipped, s.errors.len()), (2, 0, 1, 1));
    assert_eq!(count(&ledger), 2);
    assert_eq!(audit_rows(&ledger), 2, "each insert is audited");
}

/// Cancels after a number of checks, as the clerk pressing 取消 midway.
struct CancelAfter(AtomicUsize);

impl Progress for CancelAfter {
    fn step(&self, _: Stage, _: u64, _: u64) {}
    fn cancelled(&self) -> bool {
        self.0.fetch_sub(1, Ordering::Relaxed) == 0
    }
}

#[test]
fn cancelling_midway_leaves_the_ledger_unchanged() {
    let dir = Dir::new();
    let mut ledger = Ledger::open_in_memory().unwrap();
    person(&ledger, "张三", "1945-10", "");
    let path = dir.simple(
        "名单.csv",
        &[
            &["姓名", "出生年月"],
            &["张三", "1945.10"],
            &["李四", "1950.01"],
            &["王五", "1948.03"],
            &["赵六", "1952.04"],
        ],
    );
    let p = preview(ledger.conn(), &path, &Silent).unwrap();
    let before = (count(&ledger), audit_rows(&ledger));
    // One check per row: cancel after three rows (the update of 张三 among them) are written.
    let cancel = CancelAfter(AtomicUsize::new(3));
    let e = ledger
        .with_tx(|tx| apply(tx, &stamp(), &p, &ImportOptions::default(), &cancel))
        .unwrap_err();
    assert!(matches!(e, Error::Cancelled), "{e}");
    assert_eq!((count(&ledger), audit_rows(&ledger)), before);
    let stranger = people::all_fields(ledger.conn()).unwrap();
    assert_eq!(stranger[0].1.address, "旧地址", "the update was rolled back too");

    let flag = CancelFlag::default();
    flag.0.store(true, Ordering::Relaxed);
    let e = preview(ledger.conn(), &path, &flag).unwrap_err();
    assert!(matches!(e, Error::Cancelled));
}

#[test]
fn update_merges_only_the_non_empty_fields() {
    let dir = Dir::new();
    let mut ledger = Ledger::open_in_memory().unwrap();
    let zhang = person(&ledger, "张三", "1945-10", "");
    let li = person(&ledger, "李四", "1950-01", "");
    let path = dir.simple(
        "名单.csv",
        &[
            &["姓名", "出生年月", "现住址", "联系电话", "民族"],
            &["张三", "1945.10", "新地址", "", "汉族"],
            &["李四", "1950.01", "李四新址", "", ""],
            &["王五", "1948.03", "", "", ""],
        ],
    );
    let p = preview(ledger.conn(), &path, &Silent).unwrap();
    assert_eq!(p.duplicate_count, 2);
    let options = ImportOptions {
        on_duplicate: DuplicateAction::Update,
        skip_invalid: false,
        overrides: vec![(3, DuplicateAction::Skip)],
        create_branches: false,
    };
    let s = ledger.with_tx(|tx| apply(tx, &stamp(), &p, &options, &Silent)).unwrap();
    assert_eq!((s.added, s.updated, s.skipped), (1, 1, 1));
    let z = people::get(ledger.conn(), zhang).unwrap().fields;
    assert_eq!(
        (z.address.as_str(), z.phone.as_str(), z.ethnicity.as_str()),
        ("新地址", "010-66001234", "汉族")
    );
    let l = people::get(ledger.conn(), li).unwrap().fields;
    assert_eq!(l.address, "旧地址", "row 3 was skipped by its override");

    // Importing the same file again changes nothing.
    let p = preview(ledger.conn(), &path, &Silent).unwrap();
    let s =
        ledger.with_tx(|tx| apply(tx, &stamp(), &p, &ImportOptions::default(), &Silent)).unwrap();
    assert_eq!((s.added, s.updated, s.skipped), (0, 1, 2), "李四 now gets the new address");
}

#[test]
fn adding_a_duplicate_id_as_new_is_refused() {
    let dir = Dir::new();
    let mut ledger = Ledger::open_in_memory().unwrap();
    person(&ledger, "张三", "1945-10", &id("19451003", "001"));
    person(&ledger, "李四", "1950-01", "");
    let path = dir.simple(
        "名单.csv",
        &[
            &["姓名", "出生年月", "身份证号码"],
            &["张三", "1945.10", &id("19451003", "001")],
            &["李四", "1950.01", ""],
        ],
    );
    let p = preview(ledger.conn(), &path, &Silent).unwrap();
    let add = ImportOptions { on_duplicate: DuplicateAction::Add, ..Default::default() };
    let s = ledger.with_tx(|tx| apply(tx, &stamp(), &p, &add, &Silent)).unwrap();
    assert_eq!((s.added, s.errors.len()), (0, 1), "{:?}", s.errors);
    assert!(s.errors[0].message.contains("不能作为新人员添加"));
    // 李四, after the refused row, was written and then rolled back with it.
    assert_eq!((count(&ledger), audit_rows(&ledger)), (2, 2));
    let add = ImportOptions { skip_invalid: true, ..add };
    let s = ledger.with_tx(|tx| apply(tx, &stamp(), &p, &add, &Silent)).unwrap();
    assert_eq!((s.added, s.skipped), (1, 1), "the namesake 李四 is added");
    assert_eq!(count(&ledger), 3);
}

#[test]
fn warnings_of_written_rows_are_reported() {
    let dir = Dir::new();
    let mut ledger = Ledger::open_in_memory().unwrap();
    let p = preview(ledger.conn(), &messy(&dir), &Silent).unwrap();
    let options = ImportOptions { skip_invalid: true, ..Default::default() };
    let s = ledger.with_tx(|tx| apply(tx, &stamp(), &p, &options, &Silent)).unwrap();
    assert_eq!((s.added, s.skipped), (5, 1));
    let rows: Vec<u32> = s.warnings.iter().map(|w| w.row).collect();
    assert_eq!(rows, vec![8, 9]);
    assert_eq!(s.errors.iter().map(|e| e.row).collect::<Vec<_>>(), vec![7]);
}

/// Rough timings for a large roster, including the case `cadre-ledger bench` does not cover:
/// previewing the same file again against a ledger that already holds everyone (every row is then
/// looked up by ID). Run in release mode:
/// `cargo test --release -p ledger bench_100k -- --ignored --nocapture`.
#[test]
#[ignore = "a timing measurement, not a check"]
fn bench_100k_rows_by_12_columns() {
    use calamine::Reader;
    use std::time::Instant;
    let dir = Dir::new();
    let headers = [
        "姓名",
        "性别",
        "出生年月",
        "身份证号码",
        "民族",
        "政治面貌",
        "参加工作时间",
        "离退休时间",
        "离休/退休",
        "原单位及职务",
        "联系电话",
        "现住址",
    ];
    let path = dir.xlsx("大花名册.xlsx", |ws| {
        for (c, h) in headers.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        let base = chrono::NaiveDate::from_ymd_opt(1930, 1, 1).unwrap();
        for i in 0..100_000u32 {
            let r = i + 1;
            let birth = base + chrono::Days::new(u64::from(i % 10_000));
            let number = id(&birth.format("%Y%m%d").to_string(), &format!("{:03}", i / 10_000));
            let cells = [
                format!("人员{i}"),
                if i % 2 == 0 { "男" } else { "女" }.to_string(),
                birth.format("%Y.%m").to_string(),
                number,
                "汉族".into(),
                "中共党员".into(),
                "1975.09".into(),
                "1990年10月".into(),
                "退休".into(),
                "某某局办公室主任".into(),
                String::new(),
                format!("北京市西城区某某街道{i}号"),
            ];
            for (c, v) in cells.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r, c as u16, v).unwrap();
                }
            }
            ws.write_number(r, 10, 13_800_000_000.0 + f64::from(i)).unwrap();
        }
    });
    println!("file: {} KB", std::fs::metadata(&path).unwrap().len() / 1024);

    let start = Instant::now();
    let mut wb = calamine::open_workbook_auto(&path).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    println!("plain calamine read: {} rows in {:?}", range.height(), start.elapsed());

    let mut ledger = Ledger::open(&dir.0.path().join("台账.db")).unwrap();
    let start = Instant::now();
    let p = preview(ledger.conn(), &path, &Silent).unwrap();
    println!("preview, empty ledger: {} new in {:?}", p.new_count, start.elapsed());
    assert_eq!(p.new_count, 100_000);
    let start = Instant::now();
    let s =
        ledger.with_tx(|tx| apply(tx, &stamp(), &p, &ImportOptions::default(), &Silent)).unwrap();
    println!("apply: {} added in {:?}", s.added, start.elapsed());
    let start = Instant::now();
    let p = preview(ledger.conn(), &path, &Silent).unwrap();
    println!("preview, full ledger: {} duplicates in {:?}", p.duplicate_count, start.elapsed());
    let start = Instant::now();
    let s =
        ledger.with_tx(|tx| apply(tx, &stamp(), &p, &ImportOptions::default(), &Silent)).unwrap();
    println!("apply (update, nothing changes): {} skipped in {:?}", s.skipped, start.elapsed());
}

#[test]
fn a_real_biff_xls_and_the_same_file_named_et() {
    // See tests/fixtures/README.md for how the file was made.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster.xls");
    let dir = Dir::new();
    let et = dir.file("花名册.et", &std::fs::read(&fixture).unwrap());
    let ledger = Ledger::open_in_memory().unwrap();
    for path in [fixture, et] {
        let p = preview(ledger.conn(), &path, &Silent).unwrap();
        assert_eq!(p.header_rows, vec![2], "{}", path.display());
        let numbers: Vec<u32> = p.rows.iter().map(|r| r.row).collect();
        assert_eq!(numbers, vec![3, 4], "the title and notes rows are left out");
        let zhang = row(&p, 3);
        assert_eq!(zhang.status, RowStatus::New, "{:?}", zhang.issues);
        assert_eq!(zhang.fields.birth, PartialDate::parse("1945-10-03").ok(), "a date cell");
        assert_eq!(zhang.fields.id_number, "110105194510030017");
        assert_eq!(zhang.fields.phone, "13812345678", "a number cell, without .0");
        let li = row(&p, 4);
        assert_eq!(li.status, RowStatus::New, "{:?}", li.issues);
        assert_eq!(li.fields.sex, Some(Sex::Female));
    }
}

#[test]
fn missing_branches_are_listed_and_created_with_the_rows_when_ticked() {
    use crate::tables::{branch_link, branches};
    let dir = Dir::new();
    let mut ledger = Ledger::open(&dir.0.path().join("台账.db")).unwrap();
    let kept = branches::BranchInput {
        name: "第一支部".into(),
        kind: branches::BranchKind::Lixiu,
        secretary: String::new(),
        committee: String::new(),
        groups: 1,
        last_election: None,
    };
    let first = ledger.with_tx(|tx| branches::insert(tx, &stamp(), &kept)).unwrap();
    let path = dir.simple(
        "名单.csv",
        &[
            &["姓名", "出生年月", "所在党支部"],
            &["张三", "1945.10", "第一支部"],
            &["李四", "1946.02", "第二支部"],
            &["王五", "1947.03", "第三支部"],
            &["赵六", "1948.13", "第四支部"],
            &["钱七", "1949.01", "第二支部"],
        ],
    );
    let p = preview(ledger.conn(), &path, &Silent).unwrap();
    // The invalid row's branch is not offered: that row will not be written.
    assert_eq!(p.missing_branches, ["第二支部", "第三支部"]);

    // Not ticked: the rows go in unlinked, no branch is made.
    let plain = ImportOptions { skip_invalid: true, ..Default::default() };
    let s = ledger.with_rollback(|tx| apply(tx, &stamp(), &p, &plain, &Silent)).unwrap();
    assert_eq!((s.added, s.branches_created), (4, 0));

    // A refused import (an error, not skipping) creates no branch either.
    let strict = ImportOptions { create_branches: true, ..Default::default() };
    let s = ledger.with_tx(|tx| apply(tx, &stamp(), &p, &strict, &Silent)).unwrap();
    assert_eq!((s.added, s.branches_created), (0, 0));
    assert_eq!(branches::list(ledger.conn()).unwrap().len(), 1);

    let ticked = ImportOptions { create_branches: true, skip_invalid: true, ..Default::default() };
    let s = ledger.with_tx(|tx| apply(tx, &stamp(), &p, &ticked, &Silent)).unwrap();
    assert_eq!((s.added, s.branches_created), (4, 2));
    let c = ledger.conn();
    let names: Vec<String> =
        branches::list(c).unwrap().into_iter().map(|b| b.fields.name).collect();
    assert_eq!(names, ["第一支部", "第三支部", "第二支部"]);
    assert!(branch_link::unlinked_names(c).unwrap().is_empty(), "every row linked");
    let linked: Vec<(String, Option<i64>)> = c
        .prepare("SELECT name, branch_id FROM people ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(linked.iter().all(|(_, b)| b.is_some()), "{linked:?}");
    assert!(linked.contains(&("张三".into(), Some(first))));
    let created: i64 = c
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'party_branch' AND action = 'create'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(created, 3, "the two new branches are audited like one entered by hand");
}

#[test]
fn the_page_receives_the_preview_masked_and_the_full_values_stay_for_apply() {
    let dir = Dir::new();
    let full_id = id("19451003", "005");
    let row_text =
        ["张三", "男", "1945.10", full_id.as_str(), "13812345678", "北京市东城区和平里3号楼501"];
    let path = dir.simple(
        "名单.csv",
        &[&["姓名", "性别", "出生年月", "身份证号码", "联系电话", "家庭住址"], &row_text],
    );
    let ledger = Ledger::open_in_memory().unwrap();
    let p = preview(ledger.conn(), &path, &Silent).unwrap();
    let page = p.masked();
    let shown = &page.rows[0].fields;
    assert_eq!(shown.id_number, crate::domain::idcard::mask(&full_id));
    assert_eq!((shown.phone.as_str(), shown.address.as_str()), ("138****5678", "北京市东城区****"));
    let json = serde_json::to_string(&page).unwrap();
    assert!(
        !json.contains(&full_id) && !json.contains("13812345678") && !json.contains("和平里"),
        "{json}"
    );
    // The preview kept for apply still holds what the file says.
    assert_eq!(p.rows[0].fields.phone, "13812345678");
    assert_eq!(p.rows[0].fields.id_number, full_id);
}
