//! `cadre-ledger`: the ledger without a window, for scripts, benchmarks and tests. Every command is
//! a thin call into the `ledger` crate, the same code the desktop app runs.
//!
//! Exit status: 0 done; 1 the input had errors and nothing was written; 2 the file or the arguments
//! could not be used. Messages are Chinese; `--json` prints one JSON document on stdout.

mod bench;
mod reminders;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use ledger::import::{DuplicateAction, ImportOptions, ImportSummary, Severity};
use ledger::people::{LifeStatus, PeopleQuery};
use ledger::progress::Silent;
use ledger::{Error, Ledger, Stamp};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "cadre-ledger",
    version,
    about = "老干部工作台账 命令行工具",
    disable_help_subcommand = true
)]
struct Cli {
    /// 台账文件路径（默认：环境变量 CADRE_LEDGER_DB，或用户数据目录下的 cadre-ledger/ledger.db）
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 创建（或升级）台账文件
    Init,
    /// 生成演示数据（同一种子生成的数据完全相同）
    Demo {
        /// 人数
        #[arg(long)]
        people: u32,
        /// 随机种子
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// 人员
    People {
        #[command(subcommand)]
        command: PeopleCommand,
    },
    /// 导入
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// 导出上报表格
    Export {
        #[command(subcommand)]
        command: ExportCommand,
    },
    /// 工作总结数据：某季度或全年的走访、补贴、体检、住院、去世、新增退休等数字
    Summary {
        #[arg(long)]
        year: i32,
        /// 季度（1–4）；不填为全年
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
        quarter: Option<u8>,
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
    /// 待办提醒：逾期未办的和今后若干天内到期的（生日、住院、联系、五必访、纪念章、体检、党费、补贴、节日…）
    Reminders {
        /// 从哪一天算起（YYYY-MM-DD，默认今天）
        #[arg(long, value_parser = parse_day)]
        on: Option<NaiveDate>,
        /// 今后多少天内到期的（不含第 N 天；逾期的总会列出）
        #[arg(long, default_value_t = 30)]
        days: u32,
        /// 只看某类，可重复：birthday、political_birthday、hospital_visit、hospital_follow_up、care_contact、must_visit、delivery、medal、checkup、dues、subsidy、festival
        #[arg(long = "kind", value_parser = parse_kind)]
        kinds: Vec<ledger::reminders::ReminderKind>,
        /// 只看某位一对一联系人负责的人员
        #[arg(long)]
        liaison: Option<String>,
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
    /// 生成空白导入模板
    Template {
        #[command(subcommand)]
        command: TemplateCommand,
    },
    /// 性能测试：在 1千 / 1万 / 10万 人的演示台账上测导入、导出和搜索的中位数
    Bench {
        /// 人数，逗号分隔
        #[arg(long, value_delimiter = ',', default_values_t = [1_000u32, 10_000, 100_000])]
        sizes: Vec<u32>,
        /// 每项重复次数（取中位数）
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
}

#[derive(Subcommand)]
enum PeopleCommand {
    /// 列出人员（身份证号、电话在表格输出中打码；--json 输出完整信息供程序使用）
    List {
        /// 按姓名、拼音、首字母、身份证号或电话搜索
        #[arg(long)]
        search: Option<String>,
        /// 健在 / 已故 / 全部
        #[arg(long, value_enum, default_value_t = Status::All)]
        status: Status,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Status {
    All,
    Living,
    Deceased,
}

#[derive(Subcommand)]
enum ImportCommand {
    /// 从 .xlsx / .xls / .et / .csv 导入花名册
    Roster {
        file: PathBuf,
        /// 只检查，不写入
        #[arg(long)]
        dry_run: bool,
        /// 跳过有错误的行，导入其余各行
        #[arg(long)]
        skip_invalid: bool,
        /// 与台账中已有人员重复时：update 更新 / skip 跳过 / add 仍然新增
        #[arg(long, value_enum, default_value_t = OnDuplicate::Update)]
        on_duplicate: OnDuplicate,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum OnDuplicate {
    Update,
    Skip,
    Add,
}

#[derive(Subcommand)]
enum ExportCommand {
    /// 花名册
    Roster {
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
    },
    /// 基本情况统计表（年度）
    Stats {
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
    },
    /// 走访慰问台账
    Visits(TableArgs),
    /// 住院探视登记
    Hospital(TableArgs),
    /// 补贴发放明细
    Subsidies(TableArgs),
    /// 健康体检台账
    Checkups(TableArgs),
    /// 去世及遗属登记
    Deaths(TableArgs),
    /// 光荣在党50年名单
    Medals(TableArgs),
    /// 活动登记
    Activities(TableArgs),
    /// 本月生日名单（按农历生日的排入农历生日所在月）
    Birthdays {
        #[arg(long)]
        year: i32,
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=12))]
        month: u32,
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
    },
    /// 季度报送工作簿：全部台账，每表一页
    Quarterly {
        #[arg(long)]
        year: i32,
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
        quarter: u8,
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
    },
}

/// The period of a ledger table and where to write it.
#[derive(clap::Args)]
struct TableArgs {
    #[arg(long)]
    year: i32,
    /// 季度（1–4）；不填为全年
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    quarter: Option<u8>,
    #[arg(long, value_name = "FILE.xlsx")]
    out: PathBuf,
}

#[derive(Subcommand)]
enum TemplateCommand {
    /// 花名册导入模板
    Roster {
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
    },
}

/// How a command ended, mapped to the exit status.
enum Outcome {
    Done,
    InputErrors,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    match run(cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::InputErrors) => ExitCode::from(1),
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::from(match e {
                Error::Invalid(_) => 1,
                _ => 2,
            })
        }
    }
}

fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind as K;
    let what = match e.kind() {
        K::DisplayHelp | K::DisplayVersion | K::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return if e.kind() == K::DisplayHelpOnMissingArgumentOrSubcommand {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
        K::MissingRequiredArgument => "缺少必填的参数",
        K::MissingSubcommand => "缺少子命令",
        K::InvalidSubcommand => "没有这个子命令",
        K::UnknownArgument => "有无法识别的参数",
        K::InvalidValue | K::ValueValidation => "参数的值无效",
        _ => "参数有误",
    };
    eprintln!("错误：{what}。可用 cadre-ledger --help 查看用法。\n\n{}", e.render());
    ExitCode::from(2)
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn stamp() -> Stamp {
    Stamp {
        actor: format!("{}（命令行）", ledger::app::os_user()),
        now: chrono::Local::now().naive_local(),
    }
}

fn open(db: Option<&Path>) -> Result<Ledger, Error> {
    Ledger::open(&ledger::app::resolve_db_path(db))
}

fn print_json(value: &impl serde::Serialize) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("错误：无法输出 JSON：{e}"),
    }
}

fn run(cli: Cli) -> Result<Outcome, Error> {
    let db = cli.db.as_deref();
    match cli.command {
        Command::Init => {
            let ledger = open(db)?;
            println!("台账已就绪：{}", display_path(&ledger));
        }
        Command::Demo { people, seed } => {
            if people == 0 {
                return Err(Error::invalid("人数必须大于0，例如 --people 500"));
            }
            let mut ledger = open(db)?;
            let n = ledger::demo::populate(&mut ledger, &stamp(), people, seed, today(), &Silent)?;
            ledger.with_tx(|tx| ledger::settings::set_flag(tx, ledger::app::SETUP_DONE, true))?;
            println!("已生成演示数据 {n} 人：{}", display_path(&ledger));
        }
        Command::People { command: PeopleCommand::List { search, status, json } } => {
            let ledger = open(db)?;
            list_people(&ledger, search.unwrap_or_default(), status, json)?;
        }
        Command::Import {
            command: ImportCommand::Roster { file, dry_run, skip_invalid, on_duplicate, json },
        } => {
            let mut ledger = open(db)?;
            let on_duplicate = match on_duplicate {
                OnDuplicate::Update => DuplicateAction::Update,
                OnDuplicate::Skip => DuplicateAction::Skip,
                OnDuplicate::Add => DuplicateAction::Add,
            };
            let options = ImportOptions { on_duplicate, skip_invalid, overrides: Vec::new() };
            return import_roster(&mut ledger, &file, &options, dry_run, json);
        }
        Command::Export { command: ExportCommand::Roster { out } } => {
            let ledger = open(db)?;
            let n = ledger::export::roster(ledger.conn(), today(), &out, &Silent)?;
            println!("已导出花名册（{n} 人）：{}", out.display());
        }
        Command::Export { command: ExportCommand::Stats { year, out } } => {
            check_year(year)?;
            let mut ledger = open(db)?;
            ledger.with_tx(|tx| ledger::export::stats(tx, year, today(), &out))?;
            println!("已导出{year}年基本情况统计表：{}", out.display());
        }
        Command::Export { command: ExportCommand::Quarterly { year, quarter, out } } => {
            check_year(year)?;
            let period = ledger::period::Period::new(year, Some(quarter))?;
            let ledger = open(db)?;
            ledger::export::quarterly(ledger.conn(), period, today(), &out, &Silent)?;
            println!("已导出{}老干部工作台账：{}", period.label(), out.display());
        }
        Command::Export { command: ExportCommand::Birthdays { year, month, out } } => {
            check_year(year)?;
            let ledger = open(db)?;
            let n = ledger::reminders::birthday_list::export(
                ledger.conn(),
                year,
                month,
                today(),
                &out,
            )?;
            println!("已导出{year}年{month}月生日名单（{n} 人）：{}", out.display());
        }
        Command::Reminders { on, days, kinds, liaison, json } => {
            let ledger = open(db)?;
            let query = ledger::reminders::ReminderQuery {
                on: on.unwrap_or_else(today),
                days,
                kinds,
                liaison,
            };
            let list = ledger::reminders::compute(ledger.conn(), &query)?;
            if json {
                print_json(&list);
            } else {
                reminders::print(&query, &list);
            }
        }
        Command::Export { command } => {
            use ledger::export::LedgerTable as T;
            let (table, args) = match command {
                ExportCommand::Visits(a) => (T::Visits, a),
                ExportCommand::Hospital(a) => (T::Hospital, a),
                ExportCommand::Subsidies(a) => (T::Subsidies, a),
                ExportCommand::Checkups(a) => (T::Checkups, a),
                ExportCommand::Deaths(a) => (T::Deaths, a),
                ExportCommand::Medals(a) => (T::Medals, a),
                ExportCommand::Activities(a) => (T::Activities, a),
                ExportCommand::Roster { .. }
                | ExportCommand::Stats { .. }
                | ExportCommand::Birthdays { .. }
                | ExportCommand::Quarterly { .. } => unreachable!("matched above"),
            };
            check_year(args.year)?;
            let period = ledger::period::Period::new(args.year, args.quarter)?;
            let ledger = open(db)?;
            ledger::export::ledger_table(ledger.conn(), table, period, today(), &args.out)?;
            println!("已导出{}{}：{}", period.label(), table.label(), args.out.display());
        }
        Command::Summary { year, quarter, json } => {
            check_year(year)?;
            let period = ledger::period::Period::new(year, quarter)?;
            let ledger = open(db)?;
            let summary = ledger::summary::compute(ledger.conn(), period)?;
            if json {
                print_json(&summary);
            } else {
                print_work_summary(&summary);
            }
        }
        Command::Template { command: TemplateCommand::Roster { out } } => {
            ledger::export::template(&out)?;
            println!("已生成导入模板：{}", out.display());
        }
        Command::Bench { sizes, runs } => bench::run(&sizes, runs.max(1))?,
    }
    Ok(Outcome::Done)
}

/// Pads Chinese text to a display width (CJK characters take two columns in a terminal).
fn pad(text: &str, width: usize) -> String {
    let w: usize = text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

fn print_work_summary(s: &ledger::summary::Summary) {
    let p = &s.people;
    println!("{} 工作数据", s.label);
    println!(
        "离退休干部 {} 人（离休 {}，退休 {}，退职 {}）；中共党员 {}；80岁及以上 {}；遗属 {}",
        p.total, p.lixiu, p.tuixiu, p.tuizhi, p.party_members, p.aged_80_plus, p.survivors
    );
    println!("走访慰问（人 / 人次 / 慰问金元）：");
    for f in s.visits.iter().chain(std::iter::once(&s.visits_total)) {
        println!(
            "  {}{:>6}{:>8}{:>14.2}",
            pad(&f.label, 12),
            f.persons,
            f.times,
            f.amount.0 as f64 / 100.0
        );
    }
    println!("补贴发放（人 / 人次 / 金额元）：");
    for f in s.subsidies.iter().chain(std::iter::once(&s.subsidies_total)) {
        println!(
            "  {}{:>6}{:>8}{:>14.2}",
            pad(&f.label, 12),
            f.persons,
            f.times,
            f.amount.0 as f64 / 100.0
        );
    }
    let c = &s.checkups;
    let rate = c.rate.map_or_else(|| "—".to_string(), |r| format!("{r:.1}%"));
    println!(
        "{}年度体检：应检 {}，参检 {}，未参检 {}，参检率 {rate}",
        c.year, c.due, c.attended, c.absent
    );
    println!(
        "住院 {} 人次（{} 人）；去世 {} 人；新增退休 {} 人；光荣在党50年纪念章 {} 枚；活动 {} 次、{} 人次",
        s.hospital_stays,
        s.hospital_persons,
        s.deaths,
        s.new_retirements,
        s.medals,
        s.activities.count,
        s.activities.person_times
    );
    println!();
    println!("{}", s.paragraph);
}

/// `--on 2026-11-21`.
fn parse_day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("日期“{text}”无法识别，请写成 2026-11-21 这样的格式"))
}

/// `--kind birthday`.
fn parse_kind(text: &str) -> Result<ledger::reminders::ReminderKind, String> {
    ledger::reminders::ReminderKind::from_code(text.trim()).ok_or_else(|| {
        format!("没有“{text}”这类提醒，应为：{}", ledger::reminders::ReminderKind::codes_hint())
    })
}

fn check_year(year: i32) -> Result<(), Error> {
    if (1949..=2200).contains(&year) {
        Ok(())
    } else {
        Err(Error::invalid(format!("年份“{year}”不合理，请写四位年份，如 --year 2026")))
    }
}

fn display_path(ledger: &Ledger) -> String {
    ledger.path().map(|p| p.display().to_string()).unwrap_or_default()
}

fn list_people(ledger: &Ledger, search: String, status: Status, json: bool) -> Result<(), Error> {
    let status = match status {
        Status::All => LifeStatus::All,
        Status::Living => LifeStatus::Living,
        Status::Deceased => LifeStatus::Deceased,
    };
    let query = PeopleQuery { search, status, ..Default::default() };
    let page = ledger::people::list(ledger.conn(), &query, today())?;
    if json {
        // Scripts get the full record: the machine interface is the one place full values are needed.
        let mut out = Vec::with_capacity(page.rows.len());
        for row in &page.rows {
            let person = ledger::people::get(ledger.conn(), row.id)?;
            let mut value = serde_json::to_value(&person).unwrap_or_default();
            if let Some(obj) = value.as_object_mut() {
                obj.insert("age".into(), serde_json::json!(row.age));
            }
            out.push(value);
        }
        print_json(&out);
        return Ok(());
    }
    if page.rows.is_empty() {
        println!("没有符合条件的人员。");
        return Ok(());
    }
    println!("序号\t姓名\t性别\t出生年月\t年龄\t类别\t身份证号\t联系电话");
    for (i, r) in page.rows.iter().enumerate() {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            i + 1,
            r.name,
            r.sex.map(|s| s.label()).unwrap_or(""),
            r.birth.map(|b| b.dotted()).unwrap_or_default(),
            match (r.age, &r.died_on) {
                (_, Some(d)) => format!("已故（{}）", d.dotted()),
                (Some(a), None) => a.to_string(),
                (None, None) => String::new(),
            },
            r.retirement_kind.map(|k| k.label()).unwrap_or(""),
            r.id_number_masked,
            r.phone_masked
        );
    }
    println!("共 {} 人", page.total);
    Ok(())
}

fn import_roster(
    ledger: &mut Ledger,
    file: &Path,
    options: &ImportOptions,
    dry_run: bool,
    json: bool,
) -> Result<Outcome, Error> {
    let preview = ledger::import::preview(ledger.conn(), file, &Silent)?;
    let stamp = stamp();
    let summary = if dry_run {
        ledger.with_rollback(|tx| ledger::import::apply(tx, &stamp, &preview, options, &Silent))?
    } else {
        let has_work = preview.rows.iter().any(|r| r.status != ledger::import::RowStatus::Invalid);
        if has_work && (options.skip_invalid || preview.invalid_count == 0) {
            ledger.backup_before("导入前", stamp.now)?;
        }
        ledger.with_tx(|tx| ledger::import::apply(tx, &stamp, &preview, options, &Silent))?
    };
    let failed = !summary.errors.is_empty() && !options.skip_invalid;
    if json {
        print_json(&summary);
    } else {
        print_summary(&summary, dry_run, failed, options.skip_invalid);
    }
    Ok(if failed { Outcome::InputErrors } else { Outcome::Done })
}

fn print_summary(s: &ImportSummary, dry_run: bool, failed: bool, skip_invalid: bool) {
    for issue in s.errors.iter().chain(&s.warnings) {
        let tag = if issue.severity == Severity::Error { "错误" } else { "提示" };
        eprintln!("第{}行【{}】{}：{}", issue.row, issue.column, tag, issue.message);
    }
    if failed {
        println!(
            "有 {} 处错误，未导入任何数据。请改正后重新导入，或加 --skip-invalid 只导入没有错误的行。",
            s.errors.len()
        );
        return;
    }
    let verb = if dry_run { "检查完成（未写入）：将" } else { "导入完成：" };
    let skipped_invalid = if skip_invalid && !s.errors.is_empty() {
        format!("，{} 行因错误未导入", s.errors.len())
    } else {
        String::new()
    };
    println!(
        "{verb}新增 {} 人，更新 {} 人，跳过 {} 人{skipped_invalid}。",
        s.added, s.updated, s.skipped
    );
}
