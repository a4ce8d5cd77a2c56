//! Shared helpers of the cross-cutting tests: finding the built binaries, and making the messy
//! roster files real clerks have (title rows, two-row merged headers, notes, IDs as numbers …).
#![allow(clippy::unwrap_used)] // Test support: a failed setup is a failed test.

use rust_xlsxwriter::{Format, Workbook};
use std::path::{Path, PathBuf};

/// A binary of this workspace, built by `cargo build --workspace --bins` (the test script does it).
pub fn binary(name: &str) -> PathBuf {
    // Test executables live in target/<profile>/deps; binaries one level up.
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(Path::parent).unwrap();
    let path = dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: build it first with `cargo build --workspace --bins` (scripts/test.sh does)",
        path.display()
    );
    path
}

/// A PNG of the whole X display the app runs on (`$DISPLAY`, Xvfb in the tests), taken with
/// ImageMagick's `import`.
///
/// WebDriver's own screenshot asks WebKit for a snapshot, which never returns while WebKit draws
/// without its compositor, and the app turns the compositor off on Linux (see `prefer_direct_drawing`
/// in the shell). Only one app runs on a test display, so the screen is the window.
pub fn screen_png() -> Option<Vec<u8>> {
    let out = std::process::Command::new("import")
        .args(["-window", "root", "png:-"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    (out.status.success() && !out.stdout.is_empty()).then_some(out.stdout)
}

/// An 18-digit ID number with a correct check character.
pub fn id_number(region: &str, birth: &str, seq: &str) -> String {
    let first17 = format!("{region}{birth}{seq}");
    format!("{first17}{}", ledger::domain::idcard::check_char(&first17).unwrap())
}

/// One person of the messy roster, as the clerk's spreadsheet has them.
pub struct MessyRow {
    pub name: &'static str,
    pub id: String,
    pub birth: &'static str,
    pub kind: &'static str,
}

pub fn messy_people() -> Vec<MessyRow> {
    vec![
        MessyRow {
            name: "欧阳 建国",
            id: id_number("320102", "19450312", "101"),
            birth: "1945.3",
            kind: "退休",
        },
        MessyRow {
            name: "　覃秀英　",
            id: id_number("450102", "19520708", "202").to_lowercase(),
            birth: "1952年7月",
            kind: "退休",
        },
        MessyRow {
            name: "单卫东",
            id: id_number("110105", "19301105", "013"),
            birth: "1930-11",
            kind: "离休",
        },
    ]
}

/// Writes a roster the way unit spreadsheets come: a title row and a blank row above a two-row
/// header with merged group cells, a line break and full-width brackets in a header, a notes row
/// under the data.
pub fn write_messy_roster(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let bold = Format::new().set_bold();
    ws.merge_range(0, 0, 0, 6, "某某单位离退休干部花名册（2026年）", &bold).unwrap();
    // Row 3/4 (1-based): two-row header.
    ws.merge_range(2, 0, 3, 0, "序号", &bold).unwrap();
    ws.merge_range(2, 1, 3, 1, "姓  名", &bold).unwrap();
    ws.merge_range(2, 2, 2, 3, "基础信息", &bold).unwrap();
    ws.write_string(3, 2, "出生\n年月").unwrap();
    ws.write_string(3, 3, "公民身份号码").unwrap();
    ws.merge_range(2, 4, 3, 4, "离休/退休", &bold).unwrap();
    ws.merge_range(2, 5, 3, 5, "职务\n（职级）", &bold).unwrap();
    ws.merge_range(2, 6, 3, 6, "联系电话", &bold).unwrap();
    for (i, p) in messy_people().iter().enumerate() {
        let r = 4 + i as u32;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        ws.write_string(r, 1, p.name).unwrap();
        ws.write_string(r, 2, p.birth).unwrap();
        ws.write_string(r, 3, format!(" {} ", p.id)).unwrap();
        ws.write_string(r, 4, p.kind).unwrap();
        ws.write_string(r, 5, "正处级").unwrap();
        ws.write_number(r, 6, 13912345670.0 + i as f64).unwrap();
    }
    let notes = 4 + messy_people().len() as u32 + 1;
    ws.write_string(notes, 0, "说明：1、本表由各支部填报；2、出生年月按身份证填写。").unwrap();
    wb.save(path).unwrap();
}
