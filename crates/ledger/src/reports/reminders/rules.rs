//! The rules as data: the kinds of reminder with what fulfils each, and the unit's numbers (every
//! one a setting, with the defaults of DOMAIN.md "Duties that come round").

use crate::error::{Error, Result};
use crate::store::audit;
use crate::store::db::Stamp;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What kind of duty a reminder is about. The serde names are the interface of the command-line
/// tool's `--kind` and `--json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    Birthday,
    PoliticalBirthday,
    HospitalVisit,
    HospitalFollowUp,
    CareContact,
    MustVisit,
    Delivery,
    Medal,
    Checkup,
    Dues,
    Subsidy,
    Festival,
    /// 换届: a party branch's committee whose term ends.
    Election,
}

/// One line of the rules table: a kind, its Chinese name, and the action that fulfils it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Rule {
    pub kind: ReminderKind,
    /// The group heading on 待办: 生日, 住院探视 …
    pub label: &'static str,
    /// The button that fulfils it: 登记生日慰问 …
    pub action: &'static str,
    /// What counts as done, in one line for the clerk.
    pub fulfilled_by: &'static str,
}

/// Every kind in the order 待办 lists them: the most pressing first.
pub const RULES: &[Rule] = &[
    Rule {
        kind: ReminderKind::HospitalVisit,
        label: "住院探视",
        action: "登记探视",
        fulfilled_by: "登记一次与该次住院关联的探视",
    },
    Rule {
        kind: ReminderKind::HospitalFollowUp,
        label: "出院回访",
        action: "登记回访",
        fulfilled_by: "出院后登记一次电话问候或走访",
    },
    Rule {
        kind: ReminderKind::MustVisit,
        label: "五必访",
        action: "登记五必访",
        fulfilled_by: "得知情况后登记一次走访",
    },
    Rule {
        kind: ReminderKind::Birthday,
        label: "生日慰问",
        action: "登记生日慰问",
        fulfilled_by: "生日前后30天内登记一次生日慰问",
    },
    Rule {
        kind: ReminderKind::CareContact,
        label: "一对一联系",
        action: "登记联系",
        fulfilled_by: "登记一次走访或电话问候",
    },
    Rule {
        kind: ReminderKind::Festival,
        label: "节日慰问",
        action: "安排节日慰问",
        fulfilled_by: "建立节日慰问活动并逐人登记走访",
    },
    Rule {
        kind: ReminderKind::Medal,
        label: "光荣在党50年",
        action: "颁发纪念章",
        fulfilled_by: "登记纪念章颁发",
    },
    Rule {
        kind: ReminderKind::PoliticalBirthday,
        label: "政治生日",
        action: "登记主题党日",
        fulfilled_by: "当月主题党日活动登记其参加",
    },
    Rule {
        kind: ReminderKind::Delivery,
        label: "送学上门",
        action: "登记送学上门",
        fulfilled_by: "本月登记一次送文件、送学习资料或送报刊",
    },
    Rule {
        kind: ReminderKind::Checkup,
        label: "健康体检",
        action: "登记体检",
        fulfilled_by: "登记本年度体检（参检或未参检原因）",
    },
    Rule {
        kind: ReminderKind::Dues,
        label: "党费",
        action: "登记党费",
        fulfilled_by: "更新“党费缴至”年月",
    },
    Rule {
        kind: ReminderKind::Subsidy,
        label: "补贴发放",
        action: "发放补贴",
        fulfilled_by: "登记本期补贴发放",
    },
    Rule {
        kind: ReminderKind::Election,
        label: "支部换届",
        action: "登记换届",
        fulfilled_by: "换届后在党组织设置中登记新的换届时间",
    },
];

impl ReminderKind {
    pub fn rule(self) -> &'static Rule {
        RULES.iter().find(|r| r.kind == self).unwrap_or(&RULES[0])
    }

    pub fn label(self) -> &'static str {
        self.rule().label
    }

    /// The serde name (`birthday`, `care_contact` …).
    pub fn code(self) -> &'static str {
        match self {
            ReminderKind::Birthday => "birthday",
            ReminderKind::PoliticalBirthday => "political_birthday",
            ReminderKind::HospitalVisit => "hospital_visit",
            ReminderKind::HospitalFollowUp => "hospital_follow_up",
            ReminderKind::CareContact => "care_contact",
            ReminderKind::MustVisit => "must_visit",
            ReminderKind::Delivery => "delivery",
            ReminderKind::Medal => "medal",
            ReminderKind::Checkup => "checkup",
            ReminderKind::Dues => "dues",
            ReminderKind::Subsidy => "subsidy",
            ReminderKind::Festival => "festival",
            ReminderKind::Election => "election",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        RULES.iter().map(|r| r.kind).find(|k| k.code() == code)
    }

    /// The codes, for messages such as "应为 birthday、medal …".
    pub fn codes_hint() -> String {
        RULES.iter().map(|r| r.kind.code()).collect::<Vec<_>>().join("、")
    }
}

/// The unit's numbers. Every field has the default of DOMAIN.md; a ledger stores only what the
/// clerk changed (as JSON under one settings key), so a new default reaches old ledgers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ReminderSettings {
    /// 整寿: the ages whose birthday is always visited.
    pub round_ages: Vec<i32>,
    /// Every birthday from this age on is visited.
    pub every_birthday_from: i32,
    /// A birthday visit this many days before or after the day counts for it.
    #[ts(type = "number")]
    pub birthday_margin_days: i64,
    /// 一对一联系: 离休干部, every this many days.
    #[ts(type = "number")]
    pub lixiu_contact_days: i64,
    /// 一对一联系: the priority groups (≥ `priority_age`, 独居, 空巢, 失能/半失能, 长年有病,
    /// 生活不能自理), every this many days.
    #[ts(type = "number")]
    pub priority_contact_days: i64,
    /// The age from which a person is in the priority group.
    pub priority_age: i32,
    /// 一对一联系: everyone else, every this many days.
    #[ts(type = "number")]
    pub other_contact_days: i64,
    /// 住院必访: a visit within this many days of admission.
    #[ts(type = "number")]
    pub hospital_visit_days: i64,
    /// A long stay needs a visit at least every this many days.
    #[ts(type = "number")]
    pub long_stay_days: i64,
    /// A call or visit within this many days of discharge.
    #[ts(type = "number")]
    pub follow_up_days: i64,
    /// 五必访: a visit within this many days of learning of the case.
    #[ts(type = "number")]
    pub must_visit_days: i64,
    /// 党费: a reminder when paid up to more than this many months ago.
    pub dues_months: u32,
    /// 体检: people not examined by the end of this month.
    pub checkup_month: u32,
    /// 季度报送: due on this day of the month after each quarter.
    pub deadline_day: u32,
    /// A birthday, festival or political birthday missed stays on 待办 this many days.
    #[ts(type = "number")]
    pub keep_missed_days: i64,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        Self {
            round_ages: vec![70, 80, 90, 100],
            every_birthday_from: 90,
            birthday_margin_days: 30,
            lixiu_contact_days: 30,
            priority_contact_days: 90,
            priority_age: 80,
            other_contact_days: 180,
            hospital_visit_days: 3,
            long_stay_days: 30,
            follow_up_days: 7,
            must_visit_days: 7,
            dues_months: 3,
            checkup_month: 10,
            deadline_day: 10,
            keep_missed_days: 30,
        }
    }
}

/// One number of [`ReminderSettings`] as the settings page shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct SettingHelp {
    pub field: &'static str,
    pub label: &'static str,
    /// What it does, in one line.
    pub help: &'static str,
}

/// The settings page's text for every number, in the order shown.
pub const SETTINGS_HELP: &[SettingHelp] = &[
    SettingHelp {
        field: "round_ages",
        label: "整寿年龄",
        help: "逢这些年龄的生日一定上门祝寿（默认70、80、90、100岁）",
    },
    SettingHelp {
        field: "every_birthday_from",
        label: "每年祝寿起始年龄",
        help: "年满此岁后每个生日都提醒（默认90岁）",
    },
    SettingHelp {
        field: "birthday_margin_days",
        label: "生日慰问前后天数",
        help: "生日前后这么多天内登记的生日慰问都算数（默认30天）",
    },
    SettingHelp {
        field: "lixiu_contact_days",
        label: "离休干部联系间隔（天）",
        help: "离休干部超过这么多天没有走访或电话就提醒（默认30天）",
    },
    SettingHelp {
        field: "priority_contact_days",
        label: "重点对象联系间隔（天）",
        help: "高龄、独居、空巢、失能半失能、长年有病、生活不能自理的老同志（默认90天）",
    },
    SettingHelp {
        field: "priority_age",
        label: "高龄起始年龄",
        help: "年满此岁列为重点联系对象（默认80岁）",
    },
    SettingHelp {
        field: "other_contact_days",
        label: "其他人员联系间隔（天）",
        help: "其余老同志超过这么多天没有联系就提醒（默认180天）",
    },
    SettingHelp {
        field: "hospital_visit_days",
        label: "住院探视期限（天）",
        help: "入院后这么多天内应去探视（默认3天）",
    },
    SettingHelp {
        field: "long_stay_days",
        label: "长期住院探视间隔（天）",
        help: "住院期间至少这么多天探视一次（默认30天）",
    },
    SettingHelp {
        field: "follow_up_days",
        label: "出院回访期限（天）",
        help: "出院后这么多天内电话或上门回访（默认7天）",
    },
    SettingHelp {
        field: "must_visit_days",
        label: "五必访期限（天）",
        help: "得知情况后这么多天内上门（默认7天）",
    },
    SettingHelp {
        field: "dues_months",
        label: "党费欠缴提醒（月）",
        help: "党费缴至月份落后超过这么多个月就提醒（默认3个月）",
    },
    SettingHelp {
        field: "checkup_month",
        label: "体检截止月份",
        help: "到该月底仍未体检的人员提醒（默认10月）",
    },
    SettingHelp {
        field: "deadline_day",
        label: "季度报送日",
        help: "每季度结束后次月的这一天报送台账（默认10日）",
    },
    SettingHelp {
        field: "keep_missed_days",
        label: "错过后保留天数",
        help: "错过的生日、节日、政治生日在待办中保留这么多天（默认30天）",
    },
];

const KEY: &str = "reminder_settings";

/// The unit's numbers: the stored ones over the defaults.
pub fn get(conn: &Connection) -> Result<ReminderSettings> {
    let raw: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([KEY], |r| r.get(0))
        .optional()?;
    Ok(raw.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default())
}

/// Checks and saves the unit's numbers (audited with the changed fields).
pub fn save(conn: &Connection, stamp: &Stamp, new: &ReminderSettings) -> Result<ReminderSettings> {
    let mut s = new.clone();
    s.round_ages.sort_unstable();
    s.round_ages.dedup();
    let bad = |what: &str, hint: &str| Err(Error::invalid(format!("{what}不合理，{hint}。")));
    if s.round_ages.iter().any(|a| !(1..=130).contains(a)) {
        return bad("整寿年龄", "请填写1到130之间的年龄，如70、80、90、100");
    }
    if !(1..=130).contains(&s.every_birthday_from) || !(1..=130).contains(&s.priority_age) {
        return bad("年龄", "请填写1到130之间的岁数");
    }
    let days = [
        s.birthday_margin_days,
        s.lixiu_contact_days,
        s.priority_contact_days,
        s.other_contact_days,
        s.hospital_visit_days,
        s.long_stay_days,
        s.follow_up_days,
        s.must_visit_days,
        s.keep_missed_days,
    ];
    if days.iter().any(|d| !(0..=3660).contains(d)) {
        return bad("天数", "请填写0到3660之间的天数");
    }
    if !(1..=24).contains(&s.dues_months) {
        return bad("党费欠缴月数", "请填写1到24之间的月数");
    }
    if !(1..=12).contains(&s.checkup_month) {
        return bad("体检截止月份", "请填写1到12月");
    }
    if !(1..=28).contains(&s.deadline_day) {
        return bad("季度报送日", "请填写1到28日");
    }
    let old = get(conn)?;
    let json = serde_json::to_string(&s).unwrap_or_else(|_| "{}".into());
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [KEY, json.as_str()],
    )?;
    let changes = audit::diff(&old, &s);
    if !changes.is_empty() {
        audit::record(conn, stamp, "settings", None, "update", &changes, None)?;
    }
    Ok(s)
}
