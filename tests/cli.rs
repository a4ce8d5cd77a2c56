//! The command-line tool on real files in temporary folders: the interface scripts depend on
//! (arguments, JSON shapes, exit status 0 / 1 / 2, Chinese messages).
#![allow(clippy::unwrap_used)]

use cadre_tests::{binary, id_number, messy_people, write_messy_roster};
use calamine::{open_workbook_auto, Data, Reader};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(binary("cadre-ledger"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("CADRE_LEDGER_DB")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", stdout(o), stderr(o)))
}

/// `init` is the only command that creates a ledger.
fn init(db: &Path) {
    let o = run(db, &["init"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

fn people(db: &Path, search: &str) -> Vec<Value> {
    let o = run(db, &["people", "list", "--json", "--search", search]);
    assert!(o.status.success(), "{}", stderr(&o));
    json(&o).as_array().unwrap().clone()
}

fn names(db: &Path, search: &str) -> Vec<String> {
    people(db, search).iter().map(|p| p["name"].as_str().unwrap().to_string()).collect()
}

#[test]
fn init_and_an_empty_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nested/ledger.db");
    let o = run(&db, &["init"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("台账已就绪"));
    assert!(db.exists());
    assert_eq!(people(&db, ""), Vec::<Value>::new());
}

#[test]
fn the_environment_variable_chooses_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("from-env.db");
    init(&db);
    let o = Command::new(binary("cadre-ledger"))
        .args(["demo", "--people", "5"])
        .env("CADRE_LEDGER_DB", &db)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(people(&db, "").len(), 5);
}

#[test]
fn demo_data_is_realistic_and_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    init(&a);
    init(&b);
    for db in [&a, &b] {
        let o = run(db, &["demo", "--people", "300", "--seed", "9"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let strip = |v: Vec<Value>| -> Vec<(String, String, String)> {
        v.iter()
            .map(|p| {
                (
                    p["name"].as_str().unwrap().into(),
                    p["id_number"].as_str().unwrap().into(),
                    p["birth"].as_str().unwrap().into(),
                )
            })
            .collect()
    };
    let people_a = people(&a, "");
    assert_eq!(strip(people_a.clone()), strip(people(&b, "")), "same seed, same ledger");
    assert_eq!(people_a.len(), 300);
    for p in &people_a {
        let id = p["id_number"].as_str().unwrap();
        let info = ledger::domain::idcard::parse(id).unwrap();
        assert!(p["birth"].as_str().unwrap().starts_with(&info.birth.format("%Y-%m").to_string()));
    }
    let lixiu: Vec<&Value> = people_a.iter().filter(|p| p["retirement_kind"] == "lixiu").collect();
    assert!(!lixiu.is_empty() && lixiu.len() < 30);
    assert!(lixiu.iter().all(|p| p["birth"].as_str().unwrap() < "1935"));
    assert!(people_a.iter().any(|p| !p["died_on"].is_null()));
}

#[test]
fn a_messy_roster_imports_with_dry_run_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    init(&db);
    let file = dir.path().join("花名册.xlsx");
    write_messy_roster(&file);

    let o = run(&db, &["import", "roster", file.to_str().unwrap(), "--dry-run", "--json"]);
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    let summary = json(&o);
    assert_eq!(summary["added"], 3, "{summary}");
    assert_eq!(summary["errors"], Value::Array(vec![]));
    assert!(people(&db, "").is_empty(), "a dry run writes nothing");

    let o = run(&db, &["import", "roster", file.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(json(&o)["added"], 3);
    assert_eq!(names(&db, "swd"), ["单卫东"], "polyphonic surname 单 reads shan");
    assert_eq!(names(&db, "qinxiu"), ["覃秀英"], "spaces trimmed, 覃 reads qin");
    let ouyang = &people(&db, "欧阳建国")[0];
    assert_eq!(ouyang["birth"], "1945-03-12", "day filled in from the ID");
    assert_eq!(ouyang["grade"], "county_full");
    assert_eq!(ouyang["phone"], "13912345670", "a number cell, no .0");
    let qin = &people(&db, "覃秀英")[0];
    assert!(qin["id_number"]
        .as_str()
        .unwrap()
        .ends_with(&messy_people()[1].id[17..].to_uppercase()));

    // The same file again: duplicates by ID number are updated (nothing new), or skipped.
    let o =
        run(&db, &["import", "roster", file.to_str().unwrap(), "--json", "--on-duplicate", "skip"]);
    let s = json(&o);
    assert_eq!((s["added"].as_u64(), s["skipped"].as_u64()), (Some(0), Some(3)), "{s}");
    assert!(dir.path().join("backups").exists(), "a backup is taken before a real import");
}

#[test]
fn rows_with_errors_are_never_half_imported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    init(&db);
    let csv = dir.path().join("roster.csv");
    let good = id_number("110105", "19480101", "011");
    let mut bad = good.clone();
    bad.replace_range(17.., if good.ends_with('0') { "1" } else { "0" });
    let text =
        format!("姓名,身份证号,离休/退休\n王建国,{good},退休\n李秀兰,{bad},退休\n赵立新,,退休\n");
    // Chinese Excel and WPS save CSV in GBK.
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    std::fs::write(&csv, gbk).unwrap();

    let o = run(&db, &["import", "roster", csv.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let s = json(&o);
    assert_eq!(s["added"], 0);
    let errors = s["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{s}");
    assert_eq!(errors[0]["row"], 3);
    assert!(errors[0]["column"].as_str().unwrap().contains("身份证号"));
    assert!(errors[0]["message"].as_str().unwrap().contains("校验位"));
    assert!(people(&db, "").is_empty(), "nothing written");

    let o = run(&db, &["import", "roster", csv.to_str().unwrap(), "--skip-invalid"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("新增 2 人"), "{}", stdout(&o));
    assert!(stderr(&o).contains("第3行"), "{}", stderr(&o));
    assert_eq!(names(&db, ""), ["王建国", "赵立新"]);
}

#[test]
fn import_creates_the_missing_branches_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    init(&db);
    let csv = dir.path().join("名单.csv");
    std::fs::write(
        &csv,
        "姓名,出生年月,所在党支部\n王建国,1945.10,机关第一支部\n李秀兰,1950.03,机关第二支部\n",
    )
    .unwrap();
    let branches = |db: &Path| -> Vec<String> {
        let l = ledger::Ledger::open(db).unwrap();
        ledger::tables::branches::list(l.conn())
            .unwrap()
            .into_iter()
            .map(|b| b.fields.name)
            .collect()
    };
    let o = run(
        &db,
        &["import", "roster", csv.to_str().unwrap(), "--dry-run", "--create-branches", "--json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json(&o)["branches_created"], 2);
    assert!(branches(&db).is_empty(), "a dry run writes nothing");

    let o = run(&db, &["import", "roster", csv.to_str().unwrap(), "--create-branches"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("新建党支部记录 2 个"), "{}", stdout(&o));
    assert_eq!(branches(&db), ["机关第一支部", "机关第二支部"]);
}

#[test]
fn unusable_files_and_arguments_exit_2_with_a_chinese_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    init(&db);
    let random = dir.path().join("random.xlsx");
    std::fs::write(
        &random,
        (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect::<Vec<_>>(),
    )
    .unwrap();
    let html = dir.path().join("export.xls");
    std::fs::write(&html, "<html><body><table><tr><td>姓名</td></tr></table></body></html>")
        .unwrap();
    let missing = dir.path().join("missing.xlsx");
    for (file, says) in [(&random, "无法识别"), (&html, "网页"), (&missing, "")] {
        let o = run(&db, &["import", "roster", file.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{}: {}", file.display(), stderr(&o));
        assert!(stderr(&o).contains("错误："), "{}", stderr(&o));
        assert!(stderr(&o).contains(says), "{}", stderr(&o));
    }
    let o = run(&db, &["export", "stats", "--out", "x.xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("缺少必填的参数"), "{}", stderr(&o));
    let o = run(&db, &["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

fn cell(path: &Path, sheet: usize, row: usize, col: usize) -> Data {
    let mut wb = open_workbook_auto(path).unwrap();
    let name = wb.sheet_names()[sheet].clone();
    let range = wb.worksheet_range(&name).unwrap();
    range.get((row, col)).cloned().unwrap_or(Data::Empty)
}

#[test]
fn exported_roster_imports_back_into_an_empty_ledger_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let (source, copy) = (dir.path().join("source.db"), dir.path().join("copy.db"));
    init(&source);
    init(&copy);
    assert!(run(&source, &["demo", "--people", "250", "--seed", "4"]).status.success());
    let out = dir.path().join("花名册.xlsx");
    let o = run(&source, &["export", "roster", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(matches!(cell(&out, 0, 0, 0), Data::String(s) if s.contains("花名册")));

    let o = run(&copy, &["import", "roster", out.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    assert_eq!(json(&o)["added"], 250);
    let comparable = |db: &Path| -> Vec<Value> {
        people(db, "")
            .into_iter()
            .map(|mut p| {
                let obj = p.as_object_mut().unwrap();
                for volatile in ["id", "created_at", "updated_at", "family"] {
                    obj.remove(volatile);
                }
                p
            })
            .collect()
    };
    let (a, b) = (comparable(&source), comparable(&copy));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
}

#[test]
fn stats_and_template_are_real_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    init(&db);
    assert!(run(&db, &["demo", "--people", "120", "--seed", "2"]).status.success());
    let stats = dir.path().join("stats.xlsx");
    let o = run(&db, &["export", "stats", "--year", "2026", "--out", stats.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let wb = open_workbook_auto(&stats).unwrap();
    assert!(wb.sheet_names().len() >= 3, "{:?}", wb.sheet_names());
    assert!(
        matches!(cell(&stats, 0, 0, 0), Data::String(s) if s.contains("2026") && s.contains("统计"))
    );

    let template = dir.path().join("导入模板.xlsx");
    let o = Command::new(binary("cadre-ledger"))
        .args(["template", "roster", "--out", template.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&db, &["import", "roster", template.to_str().unwrap(), "--dry-run", "--json"]);
    assert!(o.status.success(), "the blank template imports as nothing: {}", stderr(&o));
    assert_eq!(json(&o)["added"], 0);
}

#[test]
fn the_work_ledgers_export_and_summarise_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    init(&db);
    assert!(run(&db, &["demo", "--people", "200", "--seed", "4"]).status.success());

    // The summary as JSON: the figures a script would read, consistent with each other.
    let o = run(&db, &["summary", "--year", "2026", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = json(&o);
    let by_kind: i64 =
        s["visits"].as_array().unwrap().iter().map(|f| f["times"].as_i64().unwrap()).sum();
    assert_eq!(by_kind, s["visits_total"]["times"].as_i64().unwrap());
    assert!(by_kind > 100, "three years of demo records include this year's visits: {by_kind}");
    let paragraph = s["paragraph"].as_str().unwrap();
    assert!(paragraph.starts_with("截至2026年12月31日，我单位共有离退休人员"), "{paragraph}");

    // The quarterly workbook: one sheet per table, each titled for the quarter.
    let out = dir.path().join("季度.xlsx");
    let o = run(
        &db,
        &[
            "export",
            "quarterly",
            "--year",
            "2026",
            "--quarter",
            "3",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut wb = calamine::open_workbook_auto(&out).unwrap();
    let sheets = wb.sheet_names();
    assert_eq!(
        sheets,
        [
            "走访慰问台账",
            "住院探视登记",
            "补贴发放明细",
            "健康体检台账",
            "去世及遗属登记",
            "光荣在党50年名单",
            "活动登记"
        ]
    );
    let range = wb.worksheet_range("走访慰问台账").unwrap();
    assert_eq!(
        range.get_value((0, 0)).unwrap().to_string(),
        "2026年第三季度离退休干部走访慰问台账"
    );

    // One table for the whole year.
    let out = dir.path().join("补贴.xlsx");
    let o = run(&db, &["export", "subsidies", "--year", "2026", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("2026年补贴发放明细"));

    // A quarter that does not exist is an argument error, in Chinese, exit 2.
    let o = run(&db, &["summary", "--year", "2026", "--quarter", "5"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("参数的值无效"));
}

#[test]
fn working_lists_and_a_filtered_roster_export_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    init(&db);
    assert!(run(&db, &["demo", "--people", "120", "--seed", "2"]).status.success());

    let list = dir.path().join("独居.xlsx");
    let o = run(&db, &["export", "list", "独居", "--out", list.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        matches!(cell(&list, 0, 0, 0), Data::String(s) if s.ends_with("独居人员清单")),
        "{:?}",
        cell(&list, 0, 0, 0)
    );
    let o = run(&db, &["export", "list", "高龄", "--out", list.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "an unknown list is the clerk's input error");
    assert!(stderr(&o).contains("患病、丧偶、独居"), "{}", stderr(&o));

    let roster = dir.path().join("筛选.xlsx");
    let args = [
        "export",
        "roster",
        "--out",
        roster.to_str().unwrap(),
        "--filter",
        "居住状况=独居",
        "--columns",
        "姓名,身份证号码",
        "--masked",
    ];
    let o = run(&db, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(cell(&roster, 0, 2, 2), Data::String("身份证号码".into()));
    assert!(
        matches!(cell(&roster, 0, 3, 2), Data::String(s) if s.contains("********")),
        "the 打印 sheet masks IDs: {:?}",
        cell(&roster, 0, 3, 2)
    );
}

#[test]
fn only_init_creates_a_ledger_and_an_empty_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mistyped.db");
    let o = run(&db, &["people", "list"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("找不到台账文件") && stderr(&o).contains("mistyped.db"));
    assert!(!db.exists(), "a mistyped path creates nothing");
    let o = run(&db, &["demo", "--people", "3"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!db.exists());

    std::fs::write(&db, b"").unwrap();
    let o = run(&db, &["people", "list"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("0 字节"), "{}", stderr(&o));
    assert_eq!(std::fs::metadata(&db).unwrap().len(), 0);
}

#[test]
fn backup_backups_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    init(&db);
    assert!(run(&db, &["demo", "--people", "30", "--seed", "3"]).status.success());
    // The day's first open made a daily backup (the ledger was empty at init, so only once).
    let out = dir.path().join("copy/手动备份.db");
    let o = run(&db, &["backup", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), out.to_str().unwrap());
    let o = run(&db, &["backup"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let made = stdout(&o).trim().to_string();
    assert!(made.contains("backups") && made.ends_with("-手动.db"), "{made}");

    let o = run(&db, &["backups", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list = json(&o);
    let list = list.as_array().unwrap();
    assert!(list.iter().any(|b| b["reason"] == "手动" && b["ok"] == true));
    assert!(list.iter().any(|b| b["reason"] == "每日"), "{list:?}");
    assert!(list.iter().all(|b| b["contents"]["people"] == 30), "{list:?}");
    let o = run(&db, &["backups"]);
    assert!(stdout(&o).contains("完好"), "{}", stdout(&o));

    // Change the ledger, then restore the copy: asked first, then done with --yes.
    let csv = dir.path().join("new.csv");
    std::fs::write(&csv, "姓名,出生年月\n新来的,1950.01\n").unwrap();
    assert!(run(&db, &["import", "roster", csv.to_str().unwrap()]).status.success());
    assert_eq!(people(&db, "").len(), 31);
    let o = Command::new(binary("cadre-ledger"))
        .args(["--db", db.to_str().unwrap(), "restore", out.to_str().unwrap()])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "no answer, no restore");
    assert!(stderr(&o).contains("30 人") && stderr(&o).contains("31 人"), "{}", stderr(&o));
    assert_eq!(people(&db, "").len(), 31);
    let o = run(&db, &["restore", out.to_str().unwrap(), "--yes"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("已恢复"), "{}", stdout(&o));
    assert_eq!(people(&db, "").len(), 30);
    let o = run(&db, &["backups", "--json"]);
    let list = json(&o);
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|b| b["reason"] == "恢复前" && b["contents"]["people"] == 31),
        "{list}"
    );

    // A file that is not whole is refused.
    let half = dir.path().join("half.db");
    let bytes = std::fs::read(&out).unwrap();
    std::fs::write(&half, &bytes[..bytes.len() / 2]).unwrap();
    let o = run(&db, &["restore", half.to_str().unwrap(), "--yes"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("不能用这个文件恢复"), "{}", stderr(&o));
}

#[test]
fn a_closed_pipe_ends_the_tool_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    init(&db);
    assert!(run(&db, &["demo", "--people", "1500", "--seed", "5"]).status.success());
    let mut child = Command::new(binary("cadre-ledger"))
        .args(["--db", db.to_str().unwrap(), "people", "list"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then hang up, as `| head -1` does.
    {
        use std::io::BufRead;
        let mut first = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        assert!(first.contains("姓名"), "{first}");
    }
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{:?} {}", o.status, stderr(&o));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
}

#[test]
fn audit_verify_and_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    init(&db);
    assert!(run(&db, &["demo", "--people", "40", "--seed", "8"]).status.success());
    let o = run(&db, &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("修改记录完好"), "{}", stdout(&o));
    let o = run(&db, &["audit", "verify", "--json"]);
    let v = json(&o);
    assert_eq!(v["intact"], true);
    assert!(v["entries"].as_u64().unwrap() > 40 && v["anchors"].as_u64().unwrap() >= 1, "{v}");

    let first = &people(&db, "")[0];
    let id = first["id"].as_i64().unwrap();
    let o = run(&db, &["audit", "list", "--person", &id.to_string(), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let entries = json(&o);
    let entries = entries.as_array().unwrap();
    assert!(entries.iter().any(|e| e["action"] == "create" && e["entity_id"] == id), "{entries:?}");
    assert!(entries.iter().all(|e| e["entity"] == "person" || e["entity"] == "family_member"));
    let o = run(&db, &["audit", "list"]);
    assert!(o.status.success() && stdout(&o).lines().count() > 40);

    // Change a phone number with plain SQL, as anyone with sqlite3 could.
    {
        let ledger = ledger::Ledger::open(&db).unwrap();
        ledger
            .conn()
            .execute("UPDATE people SET phone = '13000000000' WHERE id = ?1", [id])
            .unwrap();
    }
    let o = run(&db, &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("联系电话") && stdout(&o).contains(&format!("编号 {id}")),
        "{}",
        stdout(&o)
    );
    let v = json(&run(&db, &["audit", "verify", "--json"]));
    assert_eq!(v["intact"], false);
    assert_eq!(v["findings"][0]["field"], "联系电话");
    assert_eq!(v["findings"][0]["entity_id"], id);
}

#[test]
fn reminders_and_the_months_birthday_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    init(&db);
    let roster = dir.path().join("花名册.csv");
    // Lunar birthdays as clerks write them: 八月十五, 闰四月初二, 8-15.
    std::fs::write(
        &roster,
        "姓名,性别,出生年月,离休/退休,农历生日,联系人,现住址\n\
         张老,男,1946-09-10,退休,八月十五,王联络,北京市东城区和平里3号楼\n\
         李老,女,1956-09,退休,,李联络,\n\
         周老,男,1936-06,退休,闰四月初二,王联络,\n\
         吴老,男,1946-09-10,退休,8-15,李联络,\n",
    )
    .unwrap();
    let o = run(&db, &["import", "roster", roster.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(json(&o)["added"], 4);

    let o = run(&db, &["reminders", "--on", "2026-09-20", "--kind", "birthday", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list = json(&o);
    let brief: Vec<(String, String, bool, bool, i64, bool)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            assert_eq!(r["kind"], "birthday");
            assert!(r["person_id"].as_i64().is_some() && r["message"].as_str().is_some());
            (
                r["name"].as_str().unwrap().into(),
                r["due"].as_str().unwrap().into(),
                r["overdue"].as_bool().unwrap(),
                r["lunar"].as_bool().unwrap(),
                r["age"].as_i64().unwrap(),
                r["round"].as_bool().unwrap(),
            )
        })
        .collect();
    // 2026 八月 starts 2026-09-11 (crates/ledger/tests/lunar_table/months.tsv, from sxtwl), so
    // 八月十五 is 09-25; 李老 is known only to the month: a month-level entry on 09-01.
    assert_eq!(
        brief,
        [
            ("李老".into(), "2026-09-01".into(), false, false, 70, true),
            ("吴老".into(), "2026-09-25".into(), false, true, 80, true),
            ("张老".into(), "2026-09-25".into(), false, true, 80, true),
        ]
    );
    let zhang = list.as_array().unwrap().iter().find(|r| r["name"] == "张老").unwrap();
    assert_eq!(zhang["message"], "农历八月十五生日（2026年9月25日），满80周岁整寿");
    assert_eq!(zhang["liaison"], "王联络");

    // The liaison filter, and the window: 2026 四月 starts 05-17 (months.tsv), so the 闰四月初二
    // birthday is kept on 四月初二, 05-18; from 05-19 over 30 days it is overdue.
    let o = run(&db, &["reminders", "--on", "2026-05-19", "--liaison", "王联络", "--json"]);
    let list = json(&o);
    let zhou: Vec<&Value> =
        list.as_array().unwrap().iter().filter(|r| r["kind"] == "birthday").collect();
    assert_eq!(zhou.len(), 1);
    assert_eq!(
        (zhou[0]["name"].as_str(), zhou[0]["due"].as_str()),
        (Some("周老"), Some("2026-05-18"))
    );
    assert_eq!(zhou[0]["overdue"], true);
    assert!(list.as_array().unwrap().iter().all(|r| r["liaison"] == "王联络"));

    // Text output groups by kind with counts.
    let o = run(&db, &["reminders", "--on", "2026-09-20", "--kind", "birthday"]);
    assert!(stdout(&o).contains("【生日慰问】3 项"), "{}", stdout(&o));

    // Bad arguments: exit 2 with a Chinese message.
    let o = run(&db, &["reminders", "--kind", "生日"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("没有“生日”这类提醒"), "{}", stderr(&o));
    let o = run(&db, &["reminders", "--on", "2026/9/20"]);
    assert_eq!(o.status.code(), Some(2));

    let out = dir.path().join("生日.xlsx");
    let o = run(
        &db,
        &["export", "birthdays", "--year", "2026", "--month", "9", "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(cell(&out, 0, 0, 0), Data::String("2026年9月离退休干部生日名单".into()));
    assert_eq!(cell(&out, 0, 2, 6), Data::String("农历生日".into()));
    assert_eq!(cell(&out, 0, 5, 1), Data::String("张老".into()));
    assert_eq!(cell(&out, 0, 5, 4), Data::String("80岁整寿".into()));
    assert_eq!(cell(&out, 0, 5, 8), Data::String("北京市东城区****".into()));
    assert_eq!(cell(&out, 0, 6, 0), Data::String("合计：3 人，其中整寿 3 人".into()));

    // The liaison's task list: 周老 and 张老 are 王联络's; neither has been contacted yet.
    let out = dir.path().join("任务单.xlsx");
    let args = ["export", "liaison-tasks", "--liaison", "王联络", "--on", "2026-09-20", "--out"];
    let o = run(&db, &[&args[..], &[out.to_str().unwrap()]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("王联络的一对一联系人任务单（2 人）"), "{}", stdout(&o));
    assert_eq!(cell(&out, 0, 0, 0), Data::String("一对一联系人任务单（王联络）".into()));
    let names = [cell(&out, 0, 3, 1), cell(&out, 0, 4, 1)];
    assert_eq!(names, [Data::String("周老".into()), Data::String("张老".into())]);
    assert_eq!(cell(&out, 0, 3, 6), Data::String("尚无记录".into()));
    let o = run(&db, &["export", "liaison-tasks", "--liaison", "赵联络", "--out", "x.xlsx"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("现有联系人：李联络、王联络"), "{}", stderr(&o));

    // The month's 送学上门名单: nobody is on the list yet, and the sheet says so.
    let out = dir.path().join("送学.xlsx");
    let args = ["export", "delivery-list", "--year", "2026", "--month", "9", "--out"];
    let o = run(&db, &[&args[..], &[out.to_str().unwrap()]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(cell(&out, 0, 0, 0), Data::String("2026年9月送学上门名单".into()));
    assert_eq!(cell(&out, 0, 3, 0), Data::String("合计：0 人，本月尚未送达 0 人".into()));
}

/// `run` with environment variables set (the passwords of an encrypted ledger).
fn run_env(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(binary("cadre-ledger"));
    cmd.arg("--db").arg(db).args(args).env_remove("CADRE_LEDGER_DB");
    for var in ["CADRE_LEDGER_PASSWORD", "CADRE_LEDGER_NEW_PASSWORD"] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.stdin(std::process::Stdio::null()).output().unwrap()
}

#[test]
fn encrypt_passwd_and_decrypt_and_every_command_needs_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    init(&db);
    assert!(run(&db, &["demo", "--people", "12"]).status.success());
    let first = [("CADRE_LEDGER_PASSWORD", "密码-first-1")];

    let o = run_env(&db, &["encrypt"], &first);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("台账已加密") && stdout(&o).contains("12 人"), "{}", stdout(&o));
    assert!(stderr(&o).contains("无法找回"), "{}", stderr(&o));
    let bytes = std::fs::read(&db).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"), "the file is no longer plain SQLite");

    // Without the password, or with a wrong one: exit 2, a Chinese message, no English from SQLCipher.
    for (args, env) in [
        (&["people", "list", "--json"][..], &[][..]),
        (&["backups"][..], &[][..]),
        (&["audit", "verify"][..], &[][..]),
        (&["people", "list"][..], &[("CADRE_LEDGER_PASSWORD", "wrong-password")][..]),
        (&["decrypt"][..], &[("CADRE_LEDGER_PASSWORD", "wrong-password")][..]),
    ] {
        let o = run_env(&db, args, env);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("密码"), "{args:?}: {err}");
        for english in ["hmac", "ERROR", "not a database", "sqlcipher"] {
            assert!(!err.contains(english), "{args:?}: {err}");
        }
        assert!(stdout(&o).is_empty(), "{args:?}");
    }
    // With it, every command reads the ledger as before.
    let o = run_env(&db, &["people", "list", "--json"], &first);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(json(&o).as_array().unwrap().len(), 12);
    let o = run_env(&db, &["backups", "--json"], &first);
    let listed = json(&o);
    let reasons: Vec<&str> =
        listed.as_array().unwrap().iter().map(|b| b["reason"].as_str().unwrap()).collect();
    assert!(reasons.contains(&"加密前"), "{reasons:?}");
    let o = run_env(&db, &["audit", "verify"], &first);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));

    // passwd: the old password opens, the new one is set; then only the new one works.
    let both =
        [("CADRE_LEDGER_PASSWORD", "密码-first-1"), ("CADRE_LEDGER_NEW_PASSWORD", "second-2")];
    let o = run_env(&db, &["passwd"], &both);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("密码已修改"));
    assert_eq!(run_env(&db, &["people", "list"], &first).status.code(), Some(2));
    let second = [("CADRE_LEDGER_PASSWORD", "second-2")];
    assert!(run_env(&db, &["people", "list"], &second).status.success());
    // A too short new password is refused and changes nothing.
    let short = [("CADRE_LEDGER_PASSWORD", "second-2"), ("CADRE_LEDGER_NEW_PASSWORD", "123")];
    let o = run_env(&db, &["passwd"], &short);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("太短"));
    // No password given and nothing to read at the prompt: refused.
    let o = run_env(&db, &["decrypt"], &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));

    // decrypt: a plain ledger again, read without any password.
    let o = run_env(&db, &["decrypt"], &second);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read(&db).unwrap().starts_with(b"SQLite format 3\0"));
    assert_eq!(people(&db, "").len(), 12);
    let o = run(&db, &["audit", "list", "--json"]);
    let text = stdout(&o);
    for action in ["encrypt", "passwd", "decrypt"] {
        assert!(text.contains(&format!("\"{action}\"")), "{action}: {text}");
    }
}

/// Operators (issue 12): `--operator` (or `CADRE_LEDGER_OPERATOR`) stamps the changes with that
/// operator once their password checks; a wrong one exits 1 with a Chinese message and writes
/// nothing; without it the tool stamps the OS user as before.
#[test]
fn operators_are_named_on_the_command_line_and_stamp_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    init(&db);
    let o = run(&db, &["--operator", "王红", "operators", "list"]);
    assert_eq!(o.status.code(), Some(1), "no operators yet");
    assert!(stderr(&o).contains("还没有设置操作员"), "{}", stderr(&o));
    let o = Command::new(binary("cadre-ledger"))
        .args(["--db", db.to_str().unwrap(), "operators", "add", "王红"])
        .env("CADRE_LEDGER_NEW_OPERATOR_PASSWORD", "wh-2026")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let with = |pw: &str, args: &[&str]| {
        Command::new(binary("cadre-ledger"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("CADRE_LEDGER_OPERATOR", "王红")
            .env("CADRE_LEDGER_OPERATOR_PASSWORD", pw)
            .output()
            .unwrap()
    };
    let wrong = with("wh", &["operators", "add", "李明"]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(stderr(&wrong).contains("密码不对"), "{}", stderr(&wrong));
    let right = with("wh-2026", &["operators", "add", "李明"]);
    assert!(right.status.success(), "{}", stderr(&right));
    let o = run(&db, &["--operator", "李明", "operators", "void", "王红", "--reason", "调离"]);
    assert!(o.status.success(), "{}", stderr(&o));

    let listed = json(&run(&db, &["operators", "list", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["name"], "李明");
    let log = json(&run(&db, &["audit", "list", "--json"]));
    let actors: Vec<(&str, &str)> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entity"] == "operator")
        .map(|e| (e["actor"].as_str().unwrap(), e["action"].as_str().unwrap()))
        .collect();
    assert_eq!(actors.len(), 3, "{actors:?}");
    assert_eq!(actors[0], ("李明", "void"));
    assert_eq!(actors[1], ("王红", "create"));
    assert!(actors[2].0.ends_with("（命令行）") && actors[2].1 == "create", "{actors:?}");
}

/// `export deaths --masked` (脱敏导出): the survivors' phones and addresses are masked in every
/// cell, where the plain export has them in full.
#[test]
fn a_masked_deaths_export_has_no_full_phone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    init(&db);
    assert!(run(&db, &["demo", "--people", "400"]).status.success());
    let full_phone =
        |c: &str| c.len() == 11 && c.starts_with('1') && c.bytes().all(|b| b.is_ascii_digit());
    let cells = |path: &Path| -> Vec<String> {
        let mut wb = open_workbook_auto(path).unwrap();
        let range = wb.worksheet_range_at(0).unwrap().unwrap();
        range.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect()
    };
    let (mut plain_phones, mut masked_phones, mut masked_cells) = (0, 0, 0);
    // The demo's three years of records end in the current year.
    for year in 2020..=2030 {
        let y = year.to_string();
        let plain = dir.path().join(format!("{y}.xlsx"));
        let masked = dir.path().join(format!("{y}-masked.xlsx"));
        let o = run(&db, &["export", "deaths", "--year", &y, "--out", plain.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        let args =
            ["export", "deaths", "--year", &y, "--masked", "--out", masked.to_str().unwrap()];
        let o = run(&db, &args);
        assert!(o.status.success(), "{}", stderr(&o));
        plain_phones += cells(&plain).iter().filter(|c| full_phone(c)).count();
        let m = cells(&masked);
        masked_phones += m.iter().filter(|c| full_phone(c)).count();
        masked_cells += m.iter().filter(|c| c.contains("****")).count();
    }
    assert!(plain_phones > 0, "the demo's survivors have phones");
    assert_eq!(masked_phones, 0);
    assert!(masked_cells >= plain_phones);
}
