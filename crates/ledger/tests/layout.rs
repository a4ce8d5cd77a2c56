//! Every exported sheet, written from a real demo ledger and read back from the file, measured by
//! the layout engine's rules (`export::layout`): no header needs more lines than its row (or its
//! two merged rows) allows, no date or ID number needs more than one line, and no body cell needs
//! more lines than its row gives it. Widths and heights are read from the sheet XML itself, as a
//! spreadsheet program would, so a table writer that forgets the engine fails here.
#![allow(clippy::unwrap_used)] // Test helpers panic on purpose: a failed setup is a failed test.

use calamine::{open_workbook_auto, Data, Reader};
use chrono::NaiveDate;
use ledger::domain::period::Period;
use ledger::export::layout::{self, Face, Font};
use ledger::progress::Silent;
use ledger::{Ledger, Stamp};
use rust_xlsxwriter::Workbook;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

/// The value of `name="…"` inside one XML tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

/// Every `<name …>` tag of an XML text.
fn tags<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name} ");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let end = rest[i..].find('>').unwrap() + i;
        out.push(&rest[i..=end]);
        rest = &rest[end..];
    }
    out
}

/// `B12` → (11, 1), zero-based.
fn cell_ref(r: &str) -> (u32, u32) {
    let letters: String = r.chars().take_while(char::is_ascii_alphabetic).collect();
    let col = letters.chars().fold(0u32, |acc, c| acc * 26 + (c as u32 - 'A' as u32 + 1)) - 1;
    let row: u32 = r[letters.len()..].parse().unwrap();
    (row - 1, col)
}

/// What the rules need from one sheet's XML.
struct Geometry {
    widths: HashMap<u32, f64>,
    heights: HashMap<u32, f64>,
    /// (first row, first col, last row, last col)
    merges: Vec<(u32, u32, u32, u32)>,
    /// The first row under the frozen header.
    body_from: u32,
}

impl Geometry {
    fn read(xml: &str) -> Self {
        let mut widths = HashMap::new();
        for t in tags(xml, "col") {
            let min: u32 = attr(t, "min").unwrap().parse().unwrap();
            let max: u32 = attr(t, "max").unwrap().parse().unwrap();
            // The file stores the width plus 5 px of padding (rust_xlsxwriter and Excel both add
            // 0.7109375 = 182/256 units); the rules take the width the writer asked for.
            let stored: f64 = attr(t, "width").unwrap().parse().unwrap();
            let w = if stored > 1.0 { stored - 182.0 / 256.0 } else { stored };
            for c in min..=max {
                widths.insert(c - 1, w);
            }
        }
        let mut heights = HashMap::new();
        for t in tags(xml, "row") {
            if let Some(h) = attr(t, "ht") {
                let r: u32 = attr(t, "r").unwrap().parse().unwrap();
                heights.insert(r - 1, h.parse().unwrap());
            }
        }
        let merges = tags(xml, "mergeCell")
            .into_iter()
            .map(|t| {
                let (a, b) = attr(t, "ref").unwrap().split_once(':').unwrap();
                let (r1, c1) = cell_ref(a);
                let (r2, c2) = cell_ref(b);
                (r1, c1, r2, c2)
            })
            .collect();
        let body_from = tags(xml, "pane")
            .first()
            .and_then(|t| attr(t, "ySplit"))
            .map_or(0, |y| y.parse::<f64>().unwrap() as u32);
        Self { widths, heights, merges, body_from }
    }

    /// Width of a column in Excel units (8.43 when not set, Excel's default).
    fn width(&self, col: u32) -> f64 {
        self.widths.get(&col).copied().unwrap_or(8.43)
    }

    /// The rectangle a cell covers (itself, or the merge it starts), or `None` for a cell hidden
    /// inside a merge.
    fn span(&self, row: u32, col: u32) -> Option<(u32, u32, u32, u32)> {
        for &(r1, c1, r2, c2) in &self.merges {
            if (r1, c1) == (row, col) {
                return Some((r1, c1, r2, c2));
            }
            if (r1..=r2).contains(&row) && (c1..=c2).contains(&col) {
                return None;
            }
        }
        Some((row, col, row, col))
    }

    /// Lines of `font` that rows `r1..=r2` hold; a row without a set height is taken to hold one
    /// line (spreadsheet programs size it to its font).
    fn lines_allowed(&self, r1: u32, r2: u32, font: Font) -> u32 {
        let explicit: Vec<f64> = (r1..=r2).filter_map(|r| self.heights.get(&r).copied()).collect();
        if explicit.is_empty() {
            return 1;
        }
        let unset = (r2 - r1 + 1) - explicit.len() as u32;
        layout::lines_that_fit(explicit.iter().sum(), font).max(1) + unset
    }
}

/// A date as the tables print it (`1945.10`, `2026.07.01`) or an ID number.
fn is_date_or_id(text: &str) -> bool {
    let date = text.len() >= 6
        && text.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        && text.contains('.');
    let id = text.len() >= 15 && text.chars().all(|c| c.is_ascii_digit() || c == 'X' || c == '*');
    date || id
}

/// Checks every sheet of a saved workbook; returns one line per problem.
fn check(path: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let mut wb = open_workbook_auto(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    for (i, name) in wb.sheet_names().into_iter().enumerate() {
        let mut xml = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{}.xml", i + 1))
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        let g = Geometry::read(&xml);
        let range = wb.worksheet_range(&name).unwrap();
        let (row0, col0) = range.start().unwrap_or((0, 0));
        for (r, row) in range.rows().enumerate() {
            for (c, value) in row.iter().enumerate() {
                let (row, col) = (row0 + r as u32, col0 + c as u32);
                let Data::String(text) = value else { continue };
                // Row 1 is the title and row 2 the unit line: one line each, by design.
                if row < 2 {
                    continue;
                }
                let Some((r1, c1, r2, c2)) = g.span(row, col) else { continue };
                let header = row < g.body_from;
                let font = if header {
                    layout::HEADER
                } else if c2 > c1 {
                    // Lines merged across the table: 说明, 合计, the signature.
                    Font::new(Face::Song, 12.0)
                } else {
                    layout::BODY
                };
                let width: f64 = (c1..=c2).map(|c| g.width(c)).sum();
                let need = layout::lines(text, font, width);
                let allowed = g.lines_allowed(r1, r2, font);
                let at = format!("{name}!{}{}", (b'A' + (col % 26) as u8) as char, row + 1);
                if need > allowed {
                    problems.push(format!(
                        "{at} 「{}」 needs {need} lines, its row holds {allowed} (width {width})",
                        text.replace('\n', "⏎")
                    ));
                }
                if !header && is_date_or_id(text) && need > 1 {
                    problems.push(format!("{at} 「{text}」 is split over {need} lines"));
                }
            }
        }
    }
    problems
}

fn save(wb: &mut Workbook, dir: &Path, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    wb.save(&path).unwrap();
    path
}

#[test]
fn no_exported_header_or_date_needs_more_lines_than_its_row_holds() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
    let stamp = Stamp { actor: "测试员".into(), now: today().and_hms_opt(9, 0, 0).unwrap() };
    ledger::demo::populate(&mut ledger, &stamp, 300, 5, today(), &Silent).unwrap();
    let conn = ledger.conn();
    let settings = ledger::tables::settings::get(conn).unwrap();
    let people = ledger::tables::people::all_fields(conn).unwrap();

    let q3 = Period::new(2026, Some(3)).unwrap();
    let mut books = vec![
        ("quarterly.xlsx", ledger::export::quarterly_workbook(conn, q3, today(), &Silent).unwrap()),
        ("roster.xlsx", ledger::export::roster_workbook(&people, &settings, today()).unwrap()),
        ("template.xlsx", ledger::export::template_workbook().unwrap()),
    ];
    let fields: Vec<_> = people.iter().map(|(_, p)| p.clone()).collect();
    let stats = ledger::reports::stats::yearly(&fields, 2026, None);
    books.push(("stats.xlsx", ledger::export::stats_workbook(&stats, &settings, today()).unwrap()));
    let mut forms =
        ledger::reports::forms::yearly_forms(&fields, &[], 2026, None, &settings.unit_name, "本地");
    let profiles = ledger::tables::profiles::all(conn).unwrap();
    forms.push(ledger::reports::forms::management_form(
        &people,
        &profiles,
        &settings.unit_name,
        2026,
    ));
    let wb = ledger::export::forms::forms_workbook(&forms, &stats, &settings, today()).unwrap();
    books.push(("forms.xlsx", wb));

    let mut problems = Vec::new();
    for (name, wb) in &mut books {
        let path = save(wb, dir.path(), name);
        problems.extend(check(&path).into_iter().map(|p| format!("{name}: {p}")));
    }
    let mut written: Vec<String> = books.iter().map(|(n, _)| n.to_string()).collect();
    for list in ledger::export::lists::WorkingList::ALL {
        let name = format!("{}.xlsx", list.label());
        let path = dir.path().join(&name);
        ledger::export::lists::working_list(conn, list, today(), &path).unwrap();
        problems.extend(check(&path).into_iter().map(|p| format!("{name}: {p}")));
        written.push(name);
    }
    // The liaison's printed lists (the demo puts people on the 送学上门 list).
    let liaison = ledger::reports::reminders::liaison::liaisons(conn).unwrap()[0].liaison.clone();
    let tasks = dir.path().join("联系人任务单.xlsx");
    ledger::export::duty_lists::export_tasks(conn, &liaison, today(), today(), &tasks).unwrap();
    let delivery = dir.path().join("送学上门名单.xlsx");
    let month = chrono::Datelike::month(&today());
    let year = chrono::Datelike::year(&today());
    ledger::export::duty_lists::export_delivery(conn, year, month, today(), &delivery).unwrap();
    for path in [tasks, delivery] {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        problems.extend(check(&path).into_iter().map(|p| format!("{name}: {p}")));
        written.push(name);
    }
    if let Some(keep) = std::env::var_os("KEEP_LAYOUT_FILES") {
        for name in &written {
            std::fs::copy(dir.path().join(name), Path::new(&keep).join(name)).unwrap();
        }
    }
    assert!(problems.is_empty(), "{} cells do not fit:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn the_check_catches_a_clipped_header_and_a_split_date() {
    // The rules above must be able to fail: a hand-made sheet with a narrow date column and a
    // header row too short for its text.
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_column_width(0, 5.0).unwrap();
    ws.set_row_height(2, 15.0).unwrap();
    ws.write_string(2, 0, "生活不能自理").unwrap();
    ws.write_string(3, 0, "1944.08.01").unwrap();
    ws.set_freeze_panes(3, 0).unwrap();
    let path = save(&mut wb, dir.path(), "bad.xlsx");
    let problems = check(&path);
    assert!(
        problems.iter().any(|p| p.contains("A3") && p.contains("生活不能自理")),
        "{problems:?}"
    );
    assert!(problems.iter().any(|p| p.contains("A4") && p.contains("split")), "{problems:?}");
}
