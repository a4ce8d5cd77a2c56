//! The roster's columns: one table that says, for every field of [`PersonFields`], its header in
//! the 花名册, the other headers real files use for it, how to print it and how to read it back.
//! Export and import both go through this table, so what one writes the other reads.

use crate::domain::date::PartialDate;
use crate::domain::model::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Sex,
    Ethnicity,
    NativePlace,
    Birth,
    IdNumber,
    PoliticalStatus,
    PartyJoined,
    PartyConfirmed,
    Education,
    WorkStarted,
    RetiredOn,
    RetirementKind,
    FormerPost,
    Grade,
    UnitKind,
    Health,
    CareLevel,
    Living,
    Residence,
    Address,
    Phone,
    EmergencyContact,
    EmergencyPhone,
    PartyBranch,
    Liaison,
    LunarBirthday,
    DiedOn,
    Notes,
}

pub struct Column {
    pub field: Field,
    /// The header printed in the 花名册 and the import template.
    pub header: &'static str,
    /// Other headers seen in real files (compared after removing spaces, line breaks and brackets).
    pub synonyms: &'static [&'static str],
    /// Width in characters in the exported sheet.
    pub width: f64,
}

const fn col(
    field: Field,
    header: &'static str,
    synonyms: &'static [&'static str],
    width: f64,
) -> Column {
    Column { field, header, synonyms, width }
}

/// The 花名册 columns in print order (序号 is added by the exporter).
pub const COLUMNS: &[Column] = &[
    col(Field::Name, "姓名", &["姓 名", "名字", "老干部姓名", "离退休干部姓名"], 9.0),
    col(Field::Sex, "性别", &[], 5.0),
    col(Field::Ethnicity, "民族", &[], 6.0),
    col(Field::NativePlace, "籍贯", &["祖籍"], 9.0),
    col(Field::Birth, "出生年月", &["出生日期", "出生时间", "出生年月日", "生日"], 10.0),
    col(
        Field::IdNumber,
        "身份证号码",
        &["身份证号", "公民身份号码", "身份证", "证件号码", "身份证件号码"],
        20.0,
    ),
    col(Field::PoliticalStatus, "政治面貌", &["政治身份"], 10.0),
    col(Field::PartyJoined, "入党时间", &["入党日期", "入党年月"], 10.0),
    col(Field::PartyConfirmed, "转正时间", &["转正日期", "转正年月"], 10.0),
    col(Field::Education, "文化程度", &["学历", "最高学历"], 8.0),
    col(
        Field::WorkStarted,
        "参加工作时间",
        &["参加工作日期", "参加革命工作时间", "参加工作年月", "工作时间"],
        11.0,
    ),
    col(
        Field::RetiredOn,
        "离退休时间",
        &["退休时间", "离休时间", "离退休日期", "退休日期", "离退休年月"],
        11.0,
    ),
    col(
        Field::RetirementKind,
        "离休/退休",
        &["离退休类型", "离退休", "类型", "离退休类别", "离休退休"],
        8.0,
    ),
    col(
        Field::FormerPost,
        "原单位及职务",
        &[
            "原单位及职务职级",
            "原工作单位及职务",
            "原职务",
            "职务",
            "原单位职务",
            "退休前单位及职务",
        ],
        22.0,
    ),
    col(Field::Grade, "职级/待遇", &["职级", "待遇", "享受待遇", "职级待遇", "职务职级"], 12.0),
    col(Field::UnitKind, "人员类别", &["单位类别", "单位性质", "身份类别", "人员身份"], 10.0),
    col(Field::Health, "健康状况", &["身体状况", "健康情况"], 10.0),
    col(Field::CareLevel, "自理能力", &["失能情况", "是否失能", "生活自理能力"], 8.0),
    col(Field::Living, "居住状况", &["居住情况", "居住类型"], 10.0),
    col(Field::Residence, "居住地", &["安置地", "居住地区", "现居住地"], 9.0),
    col(
        Field::Address,
        "现住址",
        &["家庭住址", "住址", "家庭地址", "现居住地址", "居住地址"],
        24.0,
    ),
    col(
        Field::Phone,
        "联系电话",
        &["电话", "手机", "手机号", "手机号码", "联系方式", "本人电话"],
        13.0,
    ),
    col(Field::EmergencyContact, "紧急联系人", &["紧急联系人姓名", "联系人姓名"], 9.0),
    col(
        Field::EmergencyPhone,
        "紧急联系人电话",
        &["紧急联系电话", "紧急联系人联系电话", "家属电话"],
        13.0,
    ),
    col(Field::PartyBranch, "所在党支部", &["党支部", "所在支部", "支部"], 14.0),
    col(Field::Liaison, "联系人", &["一对一联系人", "联络人", "结对联系人"], 8.0),
    col(Field::LunarBirthday, "农历生日", &["阴历生日"], 10.0),
    col(Field::DiedOn, "去世日期", &["去世时间", "死亡日期", "逝世时间"], 10.0),
    col(Field::Notes, "备注", &["说明"], 16.0),
];

pub fn column(field: Field) -> &'static Column {
    COLUMNS.iter().find(|c| c.field == field).unwrap_or(&COLUMNS[0])
}

/// Compares header text the way clerks' files vary it: without spaces, line breaks, brackets,
/// slashes and full-width forms.
pub fn header_key(text: &str) -> String {
    crate::domain::text::compact(text).chars().filter(|c| !is_header_punctuation(*c)).collect()
}

/// The field a header names, if any. The normalised headers and synonyms are computed once: the
/// importer asks this for every cell it suspects of being a repeated header row.
pub fn field_for_header(text: &str) -> Option<Field> {
    field_for_header_in(text, &mut String::new())
}

/// [`field_for_header`] building the compared key in `buf`, so a caller asking for many cells
/// allocates once. The key is [`header_key`]'s, built character by character.
pub fn field_for_header_in(text: &str, buf: &mut String) -> Option<Field> {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static KEYS: OnceLock<HashMap<String, Field>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        let mut map = HashMap::new();
        for c in COLUMNS {
            for name in std::iter::once(&c.header).chain(c.synonyms) {
                map.entry(header_key(name)).or_insert(c.field);
            }
        }
        map
    });
    buf.clear();
    buf.extend(
        text.chars()
            .map(crate::domain::text::fold)
            .filter(|c| !c.is_whitespace() && !is_header_punctuation(*c)),
    );
    if buf.is_empty() {
        return None;
    }
    keys.get(buf.as_str()).copied()
}

fn is_header_punctuation(c: char) -> bool {
    matches!(c, '(' | ')' | '[' | ']' | '/' | '、' | '*' | ':' | '：' | '（' | '）' | '【' | '】')
}

const LUNAR_MONTHS: [&str; 12] =
    ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"];
const LUNAR_DAYS: [&str; 30] = [
    "初一", "初二", "初三", "初四", "初五", "初六", "初七", "初八", "初九", "初十", "十一", "十二",
    "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十", "廿一", "廿二", "廿三", "廿四",
    "廿五", "廿六", "廿七", "廿八", "廿九", "三十",
];

/// A lunar birthday as printed: `八月十五`, `闰四月初二`.
pub fn lunar_birthday_text(l: &LunarBirthday) -> String {
    let m = LUNAR_MONTHS.get(usize::from(l.month.saturating_sub(1))).copied().unwrap_or("?");
    let d = LUNAR_DAYS.get(usize::from(l.day.saturating_sub(1))).copied().unwrap_or("?");
    format!("{}{}月{}", if l.leap { "闰" } else { "" }, m, d)
}

/// Reads `八月十五`, `闰四月初二`, `腊月廿三`, or numeric `8-15` / `8月15日` / `闰4-2`.
pub fn parse_lunar_birthday(text: &str) -> Result<LunarBirthday, String> {
    let t = crate::domain::text::compact(text);
    let (leap, t) = match t.strip_prefix('闰') {
        Some(rest) => (true, rest.to_string()),
        None => (false, t.clone()),
    };
    let bad = || format!("农历生日“{}”无法识别，应写成如“八月十五”或“8-15”", text.trim());
    let (m, d) = if t.chars().any(|c| c.is_ascii_digit()) {
        let parts: Vec<&str> =
            t.split(['-', '.', '/', '月', '日']).filter(|p| !p.is_empty()).collect();
        if parts.len() != 2 {
            return Err(bad());
        }
        (parts[0].parse::<u8>().map_err(|_| bad())?, parts[1].parse::<u8>().map_err(|_| bad())?)
    } else {
        let (month_text, day_text) = t.split_once('月').ok_or_else(bad)?;
        let month = match month_text {
            "正" | "一" => 1,
            "二" => 2,
            "三" => 3,
            "四" => 4,
            "五" => 5,
            "六" => 6,
            "七" => 7,
            "八" => 8,
            "九" => 9,
            "十" => 10,
            "冬" | "十一" => 11,
            "腊" | "十二" => 12,
            _ => return Err(bad()),
        };
        let day =
            (1..=30u8).find(|&d| LUNAR_DAYS[usize::from(d - 1)] == day_text).ok_or_else(bad)?;
        (month, day)
    };
    if !(1..=12).contains(&m) || !(1..=30).contains(&d) {
        return Err(bad());
    }
    Ok(LunarBirthday { month: m, day: d, leap })
}

fn date_text(d: &Option<PartialDate>) -> String {
    d.map(|d| d.dotted()).unwrap_or_default()
}

fn label<T: Copy>(v: &Option<T>, f: impl Fn(T) -> &'static str) -> String {
    v.map(f).unwrap_or("").to_string()
}

impl Field {
    /// The value as printed in the 花名册 (dates as `1945.10`, enums as their label).
    pub fn text(self, p: &PersonFields) -> String {
        match self {
            Field::Name => p.name.clone(),
            Field::Sex => label(&p.sex, Sex::label),
            Field::Ethnicity => p.ethnicity.clone(),
            Field::NativePlace => p.native_place.clone(),
            Field::Birth => date_text(&p.birth),
            Field::IdNumber => p.id_number.clone(),
            Field::PoliticalStatus => label(&p.political_status, PoliticalStatus::label),
            Field::PartyJoined => date_text(&p.party_joined),
            Field::PartyConfirmed => date_text(&p.party_confirmed),
            Field::Education => p.education.clone(),
            Field::WorkStarted => date_text(&p.work_started),
            Field::RetiredOn => date_text(&p.retired_on),
            Field::RetirementKind => label(&p.retirement_kind, RetirementKind::label),
            Field::FormerPost => p.former_post.clone(),
            Field::Grade => label(&p.grade, Grade::label),
            Field::UnitKind => label(&p.unit_kind, UnitKind::label),
            Field::Health => label(&p.health, Health::label),
            Field::CareLevel => label(&p.care_level, CareLevel::label),
            Field::Living => label(&p.living, Living::label),
            Field::Residence => label(&p.residence, Residence::label),
            Field::Address => p.address.clone(),
            Field::Phone => p.phone.clone(),
            Field::EmergencyContact => p.emergency_contact.clone(),
            Field::EmergencyPhone => p.emergency_phone.clone(),
            Field::PartyBranch => p.party_branch.clone(),
            Field::Liaison => p.liaison.clone(),
            Field::LunarBirthday => {
                p.lunar_birthday.as_ref().map(lunar_birthday_text).unwrap_or_default()
            }
            Field::DiedOn => date_text(&p.died_on),
            Field::Notes => p.notes.clone(),
        }
    }

    /// Sets the field from text as found in a file. Empty text clears nothing and is not an error.
    /// The error says what was expected. ID numbers are stored as given (normalised); checking them
    /// against birth date and sex is [`crate::tables::people::validate`]'s job.
    pub fn set_text(self, p: &mut PersonFields, raw: &str) -> Result<(), String> {
        // Borrowed when the cell is already normal: enum and date fields then parse it in place.
        let text = crate::domain::text::normalized(raw);
        if text.is_empty() {
            return Ok(());
        }
        fn en<T>(text: &str, parsed: Option<T>, hint: String) -> Result<Option<T>, String> {
            parsed.map(Some).ok_or_else(|| format!("“{text}”不是可选的值，应为：{hint}"))
        }
        let date = |t: &str| PartialDate::parse(t).map(Some).map_err(|e| e.0);
        match self {
            Field::Name => p.name = crate::domain::text::compact(&text),
            Field::Sex => p.sex = en(&text, Sex::from_label(&text), Sex::labels_hint())?,
            Field::Ethnicity => p.ethnicity = text.into_owned(),
            Field::NativePlace => p.native_place = text.into_owned(),
            Field::Birth => p.birth = date(&text)?,
            Field::IdNumber => p.id_number = crate::domain::text::compacted(&text).to_uppercase(),
            Field::PoliticalStatus => {
                p.political_status =
                    en(&text, PoliticalStatus::from_label(&text), PoliticalStatus::labels_hint())?
            }
            Field::PartyJoined => p.party_joined = date(&text)?,
            Field::PartyConfirmed => p.party_confirmed = date(&text)?,
            Field::Education => p.education = text.into_owned(),
            Field::WorkStarted => p.work_started = date(&text)?,
            Field::RetiredOn => p.retired_on = date(&text)?,
            Field::RetirementKind => {
                p.retirement_kind =
                    en(&text, RetirementKind::from_label(&text), RetirementKind::labels_hint())?
            }
            Field::FormerPost => p.former_post = text.into_owned(),
            Field::Grade => p.grade = en(&text, Grade::from_label(&text), Grade::labels_hint())?,
            Field::UnitKind => {
                p.unit_kind = en(&text, UnitKind::from_label(&text), UnitKind::labels_hint())?
            }
            Field::Health => {
                p.health = en(&text, Health::from_label(&text), Health::labels_hint())?
            }
            Field::CareLevel => {
                p.care_level = en(&text, CareLevel::from_label(&text), CareLevel::labels_hint())?
            }
            Field::Living => {
                p.living = en(&text, Living::from_label(&text), Living::labels_hint())?
            }
            Field::Residence => {
                p.residence = en(&text, Residence::from_label(&text), Residence::labels_hint())?
            }
            Field::Address => p.address = text.into_owned(),
            Field::Phone => p.phone = text.into_owned(),
            Field::EmergencyContact => p.emergency_contact = text.into_owned(),
            Field::EmergencyPhone => p.emergency_phone = text.into_owned(),
            Field::PartyBranch => p.party_branch = text.into_owned(),
            Field::Liaison => p.liaison = text.into_owned(),
            Field::LunarBirthday => p.lunar_birthday = Some(parse_lunar_birthday(&text)?),
            Field::DiedOn => p.died_on = date(&text)?,
            Field::Notes => p.notes = text.into_owned(),
        }
        Ok(())
    }

    /// Whether the field holds a date (the importer also accepts Excel date cells and serials there).
    pub fn is_date(self) -> bool {
        matches!(
            self,
            Field::Birth
                | Field::PartyJoined
                | Field::PartyConfirmed
                | Field::WorkStarted
                | Field::RetiredOn
                | Field::DiedOn
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_synonyms_map_to_fields() {
        let cases = [
            ("身份证号", Some(Field::IdNumber)),
            ("身份证号码", Some(Field::IdNumber)),
            ("公民身份号码", Some(Field::IdNumber)),
            ("职务\n（职级）", Some(Field::Grade)),
            ("姓  名", Some(Field::Name)),
            ("出生\n年月", Some(Field::Birth)),
            ("离休/退休", Some(Field::RetirementKind)),
            ("序号", None),
            ("", None),
        ];
        for (header, want) in cases {
            assert_eq!(field_for_header(header), want, "{header:?}");
        }
    }

    #[test]
    fn every_field_round_trips_through_text() {
        let mut p = PersonFields {
            name: "张三".into(),
            sex: Some(Sex::Female),
            birth: PartialDate::parse("1945.10").ok(),
            retirement_kind: Some(RetirementKind::Lixiu),
            grade: Some(Grade::BureauDeputy),
            lunar_birthday: Some(LunarBirthday { month: 4, day: 2, leap: true }),
            ..Default::default()
        };
        p.notes = "=SUM(A1)".into();
        for c in COLUMNS {
            let text = c.field.text(&p);
            let mut q = PersonFields::default();
            c.field.set_text(&mut q, &text).unwrap();
            assert_eq!(c.field.text(&q), text, "{}", c.header);
        }
    }

    #[test]
    fn lunar_birthdays() {
        let cases = [
            ("八月十五", (8, 15, false)),
            ("闰四月初二", (4, 2, true)),
            ("腊月廿三", (12, 23, false)),
            ("正月初一", (1, 1, false)),
            ("8-15", (8, 15, false)),
            ("8月15日", (8, 15, false)),
        ];
        for (text, (m, d, leap)) in cases {
            assert_eq!(
                parse_lunar_birthday(text),
                Ok(LunarBirthday { month: m, day: d, leap }),
                "{text}"
            );
        }
        assert!(parse_lunar_birthday("十三月初一").is_err());
        assert_eq!(
            lunar_birthday_text(&LunarBirthday { month: 11, day: 30, leap: false }),
            "冬月三十"
        );
    }
}
