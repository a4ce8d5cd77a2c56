//! `cadre-ledger`: the ledger without a window, for scripts, benchmarks and tests. Every command is
//! a thin call into the `ledger` crate, the same code the desktop app runs.
//!
//! Exit status: 0 done; 1 the input had errors and nothing was written; 2 the file or the arguments
//! could not be used. Messages are Chinese; `--json` prints one JSON document on stdout.

/// Output on stdout that ends the program quietly when the reader has gone (`people list | head -1`)
/// instead of panicking on the closed pipe. Declared before the modules so they use it too.
macro_rules! println {
    () => {
        $crate::write_stdout(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::write_stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

mod bench;
mod operator;
mod password;
mod reminders;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use ledger::import::{DuplicateAction, ImportOptions, ImportSummary, Severity};
use ledger::progress::Silent;
use ledger::tables::people::{LifeStatus, PeopleQuery};
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
    /// 以哪位操作员的身份修改（默认：环境变量 CADRE_LEDGER_OPERATOR；密码取自 CADRE_LEDGER_OPERATOR_PASSWORD）。不填时修改记录记为本机用户（命令行）
    #[arg(long, global = true, value_name = "NAME")]
    operator: Option<String>,
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
        /// 只看某类，可重复：birthday、political_birthday、hospital_visit、hospital_follow_up、care_contact、must_visit、delivery、medal、checkup、dues、subsidy、festival、election
        #[arg(long = "kind", value_parser = parse_kind)]
        kinds: Vec<ledger::reports::reminders::ReminderKind>,
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
    /// 备份台账（经完整性检查）；不加 --out 时存入台账旁的 backups 文件夹
    Backup {
        /// 备份到这个文件
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// 列出自动备份：时间、原因、大小、人数、是否完好
    Backups {
        #[arg(long)]
        json: bool,
    },
    /// 用备份文件恢复台账：先检查备份，再备份当前台账，然后整体替换
    Restore {
        file: PathBuf,
        /// 不再询问，直接恢复
        #[arg(long)]
        yes: bool,
    },
    /// 加密台账：新密码取自环境变量 CADRE_LEDGER_PASSWORD，或在提示时输入（忘记无法找回）
    Encrypt,
    /// 解除加密：密码取自 CADRE_LEDGER_PASSWORD，或在提示时输入
    Decrypt,
    /// 修改密码：原密码取自 CADRE_LEDGER_PASSWORD，新密码取自 CADRE_LEDGER_NEW_PASSWORD，或在提示时输入
    Passwd,
    /// 操作员：列出、添加（密码取自 CADRE_LEDGER_NEW_OPERATOR_PASSWORD）、作废
    Operators {
        #[command(subcommand)]
        command: OperatorsCommand,
    },
    /// 修改记录（审计日志）
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
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
enum OperatorsCommand {
    /// 列出操作员（姓名、是否设有密码）
    List {
        #[arg(long)]
        json: bool,
    },
    /// 添加操作员；密码取自环境变量 CADRE_LEDGER_NEW_OPERATOR_PASSWORD，不设则无密码
    Add { name: String },
    /// 作废操作员（须填原因）；其以前的修改记录仍保留其姓名
    Void {
        name: String,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// 检查修改记录是否完整、未被改动，以及每条人员记录是否与修改记录一致（完好退出码 0，有问题 1）
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// 列出修改记录（新的在前）
    List {
        /// 只列这位人员（编号）的记录
        #[arg(long, value_name = "ID")]
        person: Option<i64>,
        #[arg(long)]
        json: bool,
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
        /// 为还没有记录的所在党支部新建支部记录（类别记为退休干部党支部，之后可在程序中修改）
        #[arg(long)]
        create_branches: bool,
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
    /// 花名册（打印页 + 完整名册）；可按列筛选、选择打印列、隐去身份证号和电话中间几位
    Roster {
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
        /// 筛选条件“列名=值”，可写多个，如 --filter 居住状况=独居
        #[arg(long, value_name = "列名=值")]
        filter: Vec<String>,
        /// 打印页的列，用逗号隔开，如 --columns 姓名,性别,联系电话
        #[arg(long, value_name = "列名,列名")]
        columns: Option<String>,
        /// 打印页的身份证号码和联系电话隐去中间几位
        #[arg(long)]
        masked: bool,
    },
    /// 分类服务清单：患病、丧偶、独居、特长爱好、个性需求、特殊困难
    List {
        /// 患病|丧偶|独居|特长爱好|个性需求|特殊困难
        kind: String,
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
        /// 脱敏导出：联系电话和住址隐去部分，用于报送局外
        #[arg(long)]
        masked: bool,
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
    /// 一对一联系人任务单：某位联系人负责的人员、上次联系、待办事项，留空一栏填写联系情况
    LiaisonTasks {
        /// 一对一联系人姓名
        #[arg(long)]
        liaison: String,
        /// 截至哪一天（YYYY-MM-DD，默认今天）
        #[arg(long, value_parser = parse_day)]
        on: Option<NaiveDate>,
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
    },
    /// 送学上门名单：名单上的老同志、本月已送的，留空几栏填写本月送达日期
    DeliveryList {
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
        /// 脱敏导出：遗属的联系电话和住址隐去部分，用于报送局外
        #[arg(long)]
        masked: bool,
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
    /// 脱敏导出：联系电话和住址隐去部分（去世及遗属登记的遗属信息），用于报送局外
    #[arg(long)]
    masked: bool,
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
        // The operator named with --operator once the ledger accepted them; else the OS user.
        actor: operator::actor().unwrap_or_else(|| format!("{}（命令行）", ledger::app::os_user())),
        now: chrono::Local::now().naive_local(),
    }
}

/// Writes to stdout; a reader that has gone away ends the program quietly (status 0).
fn write_stdout(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    if let Err(e) = std::io::stdout().lock().write_fmt(args) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("错误：无法输出结果：{e}");
            std::process::exit(2);
        }
        std::process::exit(0);
    }
}

/// Whether a command writes to the ledger (refused on a damaged ledger) or only reads it.
#[derive(Clone, Copy, PartialEq)]
enum Access {
    Read,
    Write,
}

/// Opens an existing ledger with its checks (`init` is the only command that creates one). A
/// damaged ledger is read with a warning and refused for writing; the day's first open of a sound
/// one makes the daily backup.
fn open_for(db: Option<&Path>, access: Access) -> Result<Ledger, Error> {
    open_with(db, access, password::from_env(password::ENV).as_deref())
}

/// [`open_for`] with the password of an encrypted ledger (a plain ledger ignores it).
fn open_with(db: Option<&Path>, access: Access, key: Option<&str>) -> Result<Ledger, Error> {
    let opened =
        ledger::store::opening::open_existing_with_key(&ledger::app::resolve_db_path(db), key)?;
    if let Some(damage) = opened.damage {
        if access == Access::Write {
            return Err(Error::Database(format!(
                "{damage}可用 cadre-ledger restore 备份文件 恢复。"
            )));
        }
        eprintln!("警告：{damage}");
        operator::sign_in(&opened.ledger)?;
        return Ok(opened.ledger);
    }
    operator::sign_in(&opened.ledger)?;
    if let Err(e) = ledger::store::backup::daily_if_due(&opened.ledger, stamp().now) {
        eprintln!("警告：今天的自动备份没有做成：{e}");
    }
    Ok(opened.ledger)
}

fn open(db: Option<&Path>) -> Result<Ledger, Error> {
    open_for(db, Access::Write)
}

fn open_read(db: Option<&Path>) -> Result<Ledger, Error> {
    open_for(db, Access::Read)
}

fn print_json(value: &impl serde::Serialize) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("错误：无法输出 JSON：{e}"),
    }
}

fn run(cli: Cli) -> Result<Outcome, Error> {
    let db = cli.db.as_deref();
    operator::name(cli.operator.clone());
    match cli.command {
        Command::Init => {
            let path = ledger::app::resolve_db_path(db);
            // An existing encrypted ledger is read with its password; a new one is created plain.
            let ledger = if ledger::store::crypt::is_encrypted(&path) {
                open_read(db)?
            } else {
                Ledger::open(&path)?
            };
            println!("台账已就绪：{}", display_path(&ledger));
        }
        Command::Demo { people, seed } => {
            if people == 0 {
                return Err(Error::invalid("人数必须大于0，例如 --people 500"));
            }
            let mut ledger = open(db)?;
            let n = ledger::demo::populate(&mut ledger, &stamp(), people, seed, today(), &Silent)?;
            ledger.with_tx(|tx| {
                ledger::tables::settings::set_flag(tx, ledger::app::SETUP_DONE, true)
            })?;
            println!("已生成演示数据 {n} 人：{}", display_path(&ledger));
        }
        Command::People { command: PeopleCommand::List { search, status, json } } => {
            let ledger = open_read(db)?;
            list_people(&ledger, search.unwrap_or_default(), status, json)?;
        }
        Command::Import {
            command:
                ImportCommand::Roster {
                    file,
                    dry_run,
                    skip_invalid,
                    create_branches,
                    on_duplicate,
                    json,
                },
        } => {
            let mut ledger = open(db)?;
            let on_duplicate = match on_duplicate {
                OnDuplicate::Update => DuplicateAction::Update,
                OnDuplicate::Skip => DuplicateAction::Skip,
                OnDuplicate::Add => DuplicateAction::Add,
            };
            let options = ImportOptions {
                on_duplicate,
                skip_invalid,
                overrides: Vec::new(),
                create_branches,
            };
            return import_roster(&mut ledger, &file, &options, dry_run, json);
        }
        Command::Export { command: ExportCommand::Roster { out, filter, columns, masked } } => {
            use ledger::export::lists;
            let ledger = open_read(db)?;
            if filter.is_empty() && columns.is_none() && !masked {
                let n = ledger::export::roster(ledger.conn(), today(), &out, &Silent)?;
                println!("已导出花名册（{n} 人）：{}", out.display());
            } else {
                let filters =
                    filter.iter().map(|f| lists::parse_filter(f)).collect::<Result<Vec<_>, _>>()?;
                let columns = columns.as_deref().map(lists::parse_columns).transpose()?;
                let options = ledger::export::roster_print::RosterOptions {
                    masked,
                    columns,
                    ..Default::default()
                };
                let n = lists::roster_view(ledger.conn(), &filters, &options, today(), &out)?;
                println!("已导出花名册（{n} 人）：{}", out.display());
            }
        }
        Command::Export { command: ExportCommand::List { kind, out, masked } } => {
            use ledger::export::lists;
            let list = lists::WorkingList::from_label(&kind)?;
            let ledger = open_read(db)?;
            let n = lists::working_list_with(ledger.conn(), list, today(), &out, masked)?;
            println!("已导出{}人员清单（{n} 人）：{}", list.label(), out.display());
        }
        Command::Export { command: ExportCommand::Stats { year, out } } => {
            ledger::domain::period::check_year(year)?;
            let mut ledger = open(db)?;
            ledger.with_tx(|tx| ledger::export::stats(tx, year, today(), &out))?;
            println!("已导出{year}年基本情况统计表：{}", out.display());
        }
        Command::Export { command: ExportCommand::Quarterly { year, quarter, out, masked } } => {
            ledger::domain::period::check_year(year)?;
            let period = ledger::domain::period::Period::new(year, Some(quarter))?;
            let ledger = open(db)?;
            ledger::export::quarterly_with(ledger.conn(), period, today(), &out, &Silent, masked)?;
            println!("已导出{}老干部工作台账：{}", period.label(), out.display());
        }
        Command::Export { command: ExportCommand::Birthdays { year, month, out } } => {
            ledger::domain::period::check_year(year)?;
            let ledger = open(db)?;
            let n = ledger::reports::reminders::birthday_list::export(
                ledger.conn(),
                year,
                month,
                today(),
                &out,
            )?;
            println!("已导出{year}年{month}月生日名单（{n} 人）：{}", out.display());
        }
        Command::Export { command: ExportCommand::LiaisonTasks { liaison, on, out } } => {
            let ledger = open(db)?;
            let on = on.unwrap_or_else(today);
            let n = ledger::export::duty_lists::export_tasks(
                ledger.conn(),
                &liaison,
                on,
                today(),
                &out,
            )?;
            println!("已导出{}的一对一联系人任务单（{n} 人）：{}", liaison.trim(), out.display());
        }
        Command::Export { command: ExportCommand::DeliveryList { year, month, out } } => {
            ledger::domain::period::check_year(year)?;
            let ledger = open(db)?;
            let n = ledger::export::duty_lists::export_delivery(
                ledger.conn(),
                year,
                month,
                today(),
                &out,
            )?;
            println!("已导出{year}年{month}月送学上门名单（{n} 人）：{}", out.display());
        }
        Command::Reminders { on, days, kinds, liaison, json } => {
            let ledger = open(db)?;
            let query = ledger::reports::reminders::ReminderQuery {
                on: on.unwrap_or_else(today),
                days,
                kinds,
                liaison,
            };
            let list = ledger::reports::reminders::compute(ledger.conn(), &query)?;
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
                | ExportCommand::List { .. }
                | ExportCommand::Stats { .. }
                | ExportCommand::Birthdays { .. }
                | ExportCommand::LiaisonTasks { .. }
                | ExportCommand::DeliveryList { .. }
                | ExportCommand::Quarterly { .. } => unreachable!("matched above"),
            };
            ledger::domain::period::check_year(args.year)?;
            let period = ledger::domain::period::Period::new(args.year, args.quarter)?;
            let ledger = open(db)?;
            let (conn, out) = (ledger.conn(), &args.out);
            ledger::export::ledger_table_with(conn, table, period, today(), out, args.masked)?;
            println!("已导出{}{}：{}", period.label(), table.label(), args.out.display());
        }
        Command::Summary { year, quarter, json } => {
            ledger::domain::period::check_year(year)?;
            let period = ledger::domain::period::Period::new(year, quarter)?;
            let ledger = open(db)?;
            let summary = ledger::reports::summary::compute(ledger.conn(), period)?;
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
        Command::Backup { out } => {
            let ledger = open_read(db)?;
            match out {
                Some(out) => {
                    let c = ledger::store::backup::create_at(&ledger, &out)?;
                    println!("{}", out.display());
                    eprintln!(
                        "已备份并检查完好：{} 人，修改记录 {} 条。",
                        c.people, c.audit_entries
                    );
                }
                None => match ledger::store::backup::create(
                    &ledger,
                    ledger::store::backup::MANUAL,
                    stamp().now,
                )? {
                    Some(b) => {
                        println!("{}", b.path);
                        eprintln!(
                            "已备份并检查完好：{} 人，修改记录 {} 条。",
                            b.contents.people, b.contents.audit_entries
                        );
                    }
                    None => return Err(Error::invalid("内存中的台账无法备份。")),
                },
            }
        }
        Command::Backups { json } => {
            let ledger = open_read(db)?;
            let path = ledger::app::resolve_db_path(db);
            let backups = ledger::store::backup::list_with_key(&path, ledger.key());
            let copies = ledger::store::backup::copy_status(ledger.conn(), &path)?;
            if json {
                // The chosen folder as extra fields on each backup (the array stays as it was):
                // the folder, and whether this backup's copy is there.
                let rows: Vec<serde_json::Value> = backups
                    .iter()
                    .map(|b| {
                        let mut v = serde_json::to_value(b).unwrap_or_default();
                        let copied = !copies.folder.is_empty()
                            && std::path::Path::new(&b.path).file_name().is_some_and(|n| {
                                std::path::Path::new(&copies.folder).join(n).exists()
                            });
                        if let Some(o) = v.as_object_mut() {
                            o.insert("copy_folder".into(), copies.folder.clone().into());
                            o.insert("copied_to_folder".into(), copied.into());
                        }
                        v
                    })
                    .collect();
                print_json(&rows);
            } else if backups.is_empty() {
                println!("还没有备份：{}", ledger::store::backup::folder(&path).display());
            } else {
                println!("时间\t原因\t大小\t人数\t修改记录\t状态\t文件");
                for b in &backups {
                    println!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        b.at,
                        b.reason,
                        human_size(b.size),
                        b.contents.people,
                        b.contents.audit_entries,
                        if b.ok {
                            "完好".to_string()
                        } else {
                            format!("不可用：{}", b.problem)
                        },
                        b.path
                    );
                }
            }
            if !json && !copies.folder.is_empty() {
                println!(
                    "备份文件夹：{}（{} 份，最近一次 {}）{}",
                    copies.folder,
                    copies.copies,
                    if copies.last_copy.is_empty() { "—" } else { &copies.last_copy },
                    copies.problem
                );
            }
        }
        Command::Restore { file, yes } => {
            let mut ledger = open_read(db)?;
            let incoming = ledger::store::backup::check_file_with_key(&file, ledger.key())
                .map_err(|p| Error::File(format!("不能用这个文件恢复：{p}。请选择另一个备份。")))?;
            if !yes {
                let now = ledger::store::backup::contents(ledger.conn()).unwrap_or_default();
                eprintln!(
                    "当前台账：{} 人，修改记录 {} 条，最后修改 {}。\n备份文件：{} 人，修改记录 {} 条，最后修改 {}。",
                    now.people,
                    now.audit_entries,
                    dash(&now.last_change),
                    incoming.people,
                    incoming.audit_entries,
                    dash(&incoming.last_change)
                );
                eprint!("恢复后当前台账会先自动备份。确认恢复请输入 yes：");
                let mut answer = String::new();
                let _ = std::io::stdin().read_line(&mut answer);
                if !matches!(answer.trim(), "yes" | "y" | "是") {
                    eprintln!("未恢复，台账没有改动。");
                    return Ok(Outcome::InputErrors);
                }
            }
            let restored = ledger::store::backup::restore(&mut ledger, &file, &stamp())?;
            if let Some(before) = &restored.before {
                eprintln!("恢复前的台账已备份到：{}", before.path);
            }
            println!(
                "已恢复：{}（{} 人，修改记录 {} 条）",
                display_path(&ledger),
                restored.contents.people,
                restored.contents.audit_entries
            );
        }
        Command::Audit { command } => return audit(db, command),
        Command::Operators { command } => match command {
            OperatorsCommand::List { json } => operator::print_list(&open_read(db)?, json)?,
            OperatorsCommand::Add { name } => operator::add(&mut open(db)?, &stamp(), &name)?,
            OperatorsCommand::Void { name, reason } => {
                operator::void(&mut open(db)?, &stamp(), &name, &reason)?
            }
        },
        Command::Encrypt | Command::Decrypt | Command::Passwd => {
            return encryption(db, &cli.command)
        }
    }
    Ok(Outcome::Done)
}

/// `encrypt`, `decrypt` and `passwd`: each rewrites the ledger after a verified backup.
fn encryption(db: Option<&Path>, command: &Command) -> Result<Outcome, Error> {
    let path = ledger::app::resolve_db_path(db);
    let encrypted = ledger::store::crypt::is_encrypted(&path);
    let current = if encrypted {
        Some(password::current(password::ENV, "请输入台账密码：")?)
    } else {
        None
    };
    let mut ledger = open_with(db, Access::Write, current.as_deref())?;
    let new_key = match (command, ledger.key().is_some()) {
        (Command::Encrypt, true) => {
            return Err(Error::invalid("台账已经加密。要修改密码请用 cadre-ledger passwd。"))
        }
        (Command::Passwd | Command::Decrypt, false) => {
            return Err(Error::invalid("台账没有加密。要加密请用 cadre-ledger encrypt。"))
        }
        (Command::Encrypt, false) => Some(password::new(password::ENV, "请设置台账密码：")?),
        (Command::Passwd, true) => Some(password::new(password::ENV_NEW, "请输入新密码：")?),
        _ => None,
    };
    let done = ledger::store::crypt::rekey(&mut ledger, new_key.as_deref(), &stamp())?;
    if let Some(b) = &done.backup {
        eprintln!("改动前的台账已备份到：{b}");
    }
    let what = match command {
        Command::Encrypt => "台账已加密",
        Command::Passwd => "台账密码已修改",
        _ => "台账已解除加密",
    };
    println!("{what}：{}（{} 人）", display_path(&ledger), done.people);
    if done.encrypted {
        eprintln!("{}", ledger::store::crypt::NO_RECOVERY);
    }
    Ok(Outcome::Done)
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1u64 << 20) as f64)
    } else {
        format!("{:.0} KB", (bytes as f64 / 1024.0).ceil())
    }
}

fn dash(text: &str) -> &str {
    if text.is_empty() {
        "—"
    } else {
        text
    }
}

fn audit(db: Option<&Path>, command: AuditCommand) -> Result<Outcome, Error> {
    let ledger = open_read(db)?;
    match command {
        AuditCommand::Verify { json } => {
            let anchors = ledger.path().map(ledger::store::backup::anchors).unwrap_or_default();
            let v = ledger::reports::audit_check::verify(ledger.conn(), &anchors)?;
            if json {
                print_json(&v);
            } else if v.intact {
                println!(
                    "修改记录完好：{} 条记录前后相连，{} 条人员和家属记录与修改记录一致（核对了 {} 个备份中的校验值）。",
                    v.entries, v.records, v.anchors
                );
            } else {
                println!("发现 {} 处问题，台账或修改记录在程序之外被改动过：", v.findings.len());
                for f in &v.findings {
                    println!("- {}", f.message);
                }
                println!("请不要继续修改台账，联系技术人员核实；可以用 cadre-ledger backups 查看可恢复的备份。");
            }
            Ok(if v.intact { Outcome::Done } else { Outcome::InputErrors })
        }
        AuditCommand::List { person, json } => {
            let entries = ledger::reports::audit_check::list(ledger.conn(), person)?;
            if json {
                print_json(&entries);
                return Ok(Outcome::Done);
            }
            if entries.is_empty() {
                println!("没有修改记录。");
            }
            for e in &entries {
                let a = &e.entry;
                let target = match a.entity_id {
                    Some(id) => format!("{} {id}", a.entity),
                    None => a.entity.clone(),
                };
                let reason = a.reason.as_deref().map(|r| format!("（{r}）")).unwrap_or_default();
                println!("{}\t{}\t{}\t{target}{reason}", e.id, a.at, a.actor);
                for c in &a.changes {
                    println!("\t\t{}: {} → {}", c.field, c.old, c.new);
                }
            }
            Ok(Outcome::Done)
        }
    }
}

/// Pads Chinese text to a display width (CJK characters take two columns in a terminal).
fn pad(text: &str, width: usize) -> String {
    let w: usize = text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

fn print_work_summary(s: &ledger::reports::summary::Summary) {
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
fn parse_kind(text: &str) -> Result<ledger::reports::reminders::ReminderKind, String> {
    ledger::reports::reminders::ReminderKind::from_code(text.trim()).ok_or_else(|| {
        format!(
            "没有“{text}”这类提醒，应为：{}",
            ledger::reports::reminders::ReminderKind::codes_hint()
        )
    })
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
    let page = ledger::tables::people::list(ledger.conn(), &query, today())?;
    if json {
        // Scripts get the full record: the machine interface is the one place full values are needed.
        let mut out = Vec::with_capacity(page.rows.len());
        for row in &page.rows {
            let person = ledger::tables::people::get(ledger.conn(), row.id)?;
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
        ledger::import::apply_with_backup(ledger, &stamp, &preview, options, &Silent)?
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
    if s.branches_created > 0 {
        println!(
            "新建党支部记录 {} 个，请在党员管理的“支部”中补全类别、书记和换届时间。",
            s.branches_created
        );
    }
}
