//! The clerk's working lists (分类服务清单, DOMAIN.md "The clerk's working lists"): 患病, 丧偶,
//! 独居, 特长爱好, 个性需求 and 特殊困难, each a bureau-style table of the living people it
//! concerns; and the roster as the clerk filters it, with the columns they pick.

use super::roster_print::RosterOptions;
use super::sheet::{new_workbook, Cell, Column, Heading, Kind, Styles, TableSheet};
use crate::domain::date::chinese_date;
use crate::domain::model::{Health, Living, PersonFields, PersonId};
use crate::domain::roster::{field_for_header, Field};
use crate::error::{Error, Result};
use crate::tables::profiles::{MaritalStatus, Profile};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;
use std::path::Path;

/// How a list's own column reads a person.
type CellText = fn(&PersonFields, &Profile) -> String;

/// One of the six lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkingList {
    Ill,
    Widowed,
    Alone,
    Hobbies,
    Needs,
    Hardship,
}

impl WorkingList {
    pub const ALL: [WorkingList; 6] = [
        WorkingList::Ill,
        WorkingList::Widowed,
        WorkingList::Alone,
        WorkingList::Hobbies,
        WorkingList::Needs,
        WorkingList::Hardship,
    ];

    pub fn label(self) -> &'static str {
        match self {
            WorkingList::Ill => "患病",
            WorkingList::Widowed => "丧偶",
            WorkingList::Alone => "独居",
            WorkingList::Hobbies => "特长爱好",
            WorkingList::Needs => "个性需求",
            WorkingList::Hardship => "特殊困难",
        }
    }

    /// The list named `label`, with a Chinese error listing the names when it is none of them.
    pub fn from_label(label: &str) -> Result<Self> {
        Self::ALL.into_iter().find(|l| l.label() == label.trim()).ok_or_else(|| {
            let names: Vec<&str> = Self::ALL.iter().map(|l| l.label()).collect();
            Error::invalid(format!("没有名为“{label}”的清单。可选：{}。", names.join("、")))
        })
    }

    /// Whether a living person belongs on the list.
    pub fn includes(self, p: &PersonFields, profile: &Profile) -> bool {
        match self {
            WorkingList::Ill => {
                !profile.illnesses.is_empty()
                    || matches!(p.health, Some(Health::Chronic | Health::Dependent))
            }
            WorkingList::Widowed => profile.marital_status == Some(MaritalStatus::Widowed),
            WorkingList::Alone => p.living == Some(Living::Alone),
            WorkingList::Hobbies => !profile.hobbies.is_empty(),
            WorkingList::Needs => !profile.needs.is_empty(),
            WorkingList::Hardship => profile.has_hardship || !profile.hardship.is_empty(),
        }
    }

    /// The list's own columns, after the common ones, with their text for a person.
    fn own_columns(self) -> Vec<(Column, CellText)> {
        let health = |p: &PersonFields, _: &Profile| p.health.map_or("", Health::label).to_string();
        let living = |p: &PersonFields, _: &Profile| p.living.map_or("", Living::label).to_string();
        let emergency = |p: &PersonFields, _: &Profile| {
            [p.emergency_contact.as_str(), p.emergency_phone.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
        };
        match self {
            WorkingList::Ill => vec![
                (Column::new("健康状况", 9.0, Kind::Center), health),
                (Column::new("主要疾病", 22.0, Kind::Text), |_, f| f.illnesses.clone()),
            ],
            WorkingList::Widowed => vec![
                (Column::new("居住状况", 9.0, Kind::Center), living),
                (Column::new("紧急联系人及电话", 22.0, Kind::Text), emergency),
            ],
            WorkingList::Alone => vec![
                (Column::new("健康状况", 9.0, Kind::Center), health),
                (Column::new("紧急联系人及电话", 22.0, Kind::Text), emergency),
            ],
            WorkingList::Hobbies => {
                vec![(Column::new("特长爱好", 26.0, Kind::Text), |_, f| f.hobbies.clone())]
            }
            WorkingList::Needs => {
                vec![(Column::new("个性需求", 26.0, Kind::Text), |_, f| f.needs.clone())]
            }
            WorkingList::Hardship => {
                vec![(Column::new("特殊困难", 26.0, Kind::Text), |_, f| f.hardship.clone())]
            }
        }
    }
}

/// Every recorded profile, by person.
fn profiles(conn: &Connection) -> Result<HashMap<i64, Profile>> {
    let mut stmt = conn.prepare("SELECT person_id FROM person_profiles")?;
    let ids: Vec<i64> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| Ok((id, crate::tables::profiles::get(conn, PersonId(id))?))).collect()
}

/// The living people on `list`, in roster order.
pub fn members(
    conn: &Connection,
    list: WorkingList,
) -> Result<Vec<(PersonId, PersonFields, Profile)>> {
    let profiles = profiles(conn)?;
    Ok(crate::tables::people::all_fields(conn)?
        .into_iter()
        .filter(|(_, p)| p.died_on.is_none())
        .filter_map(|(id, p)| {
            let profile = profiles.get(&id.0).cloned().unwrap_or_default();
            list.includes(&p, &profile).then_some((id, p, profile))
        })
        .collect())
}

/// Writes the list as a table; returns how many people it lists.
pub fn working_list(
    conn: &Connection,
    list: WorkingList,
    today: NaiveDate,
    path: &Path,
) -> Result<u32> {
    working_list_with(conn, list, today, path, false)
}

/// [`working_list`], with phone numbers and addresses masked (脱敏) when `masked`, for a copy
/// that leaves the office: `138****5678`, the address's first six characters.
pub fn working_list_with(
    conn: &Connection,
    list: WorkingList,
    today: NaiveDate,
    path: &Path,
    masked: bool,
) -> Result<u32> {
    use crate::domain::idcard::mask_phone;
    use crate::reports::reminders::birthday_list::mask_address;
    let phone = |s: &str| if masked { mask_phone(s) } else { s.to_string() };
    let settings = crate::tables::settings::get(conn)?;
    let people = members(conn, list)?;
    let title = format!("{}离退休干部{}人员清单", settings.unit_name, list.label());
    let mut wb = new_workbook(&title, &settings, today)?;
    let styles = Styles::new();
    let own = list.own_columns();
    let mut columns = vec![
        Column::new("序号", 5.0, Kind::Serial),
        Column::new("姓名", 8.0, Kind::Center),
        Column::new("性别", 5.0, Kind::Center),
        Column::new("出生年月", 9.0, Kind::Center),
        Column::new("年龄", 5.0, Kind::Center),
        Column::new("离/退休", 7.0, Kind::Center),
        Column::new("联系电话", 13.0, Kind::Text),
        Column::new("现住址", 22.0, Kind::Text),
    ];
    columns.extend(own.iter().map(|(c, _)| c.clone()));
    columns.push(Column::new("联系人", 8.0, Kind::Center));
    columns.push(Column::new("备注", 12.0, Kind::Text));
    let ws = wb.add_worksheet();
    ws.set_name(format!("{}清单", list.label()))?;
    let right = format!("填报日期：{}", chinese_date(today));
    let heading = Heading { title: &title, unit_name: &settings.unit_name, right: &right };
    let mut t = TableSheet::start(ws, &styles, &heading, &columns)?;
    for (i, (_, p, profile)) in people.iter().enumerate() {
        let mut texts = vec![
            p.name.clone(),
            Field::Sex.text(p),
            Field::Birth.text(p),
            p.birth.map(|b| b.age_on(today).to_string()).unwrap_or_default(),
            Field::RetirementKind.text(p),
            phone(&p.phone),
            if masked { mask_address(&p.address) } else { p.address.clone() },
        ];
        // Only the 紧急联系人及电话 column of the list's own holds a number.
        texts.extend(own.iter().map(|(c, f)| {
            let text = f(p, profile);
            if c.header.contains("电话") {
                phone(&text)
            } else {
                text
            }
        }));
        texts.push(p.liaison.clone());
        texts.push(String::new());
        let cells: Vec<Cell<'_>> = std::iter::once(Cell::Number(i as i64 + 1))
            .chain(texts.iter().map(|s| Cell::Text(s)))
            .collect();
        t.row(ws, &cells)?;
    }
    t.line(ws, &format!("合计：{} 人", people.len()))?;
    if masked {
        t.line(ws, "本表已脱敏：联系电话只显示前三位和后四位，住址只显示前六个字。")?;
    }
    t.signature(ws, &settings)?;
    super::save(&mut wb, path)?;
    Ok(people.len() as u32)
}

/// `离休/退休=离休`: a roster column, by any header the importer knows it by, and a value.
pub fn parse_filter(text: &str) -> Result<(Field, String)> {
    let (key, value) = text.split_once(['=', '＝']).ok_or_else(|| {
        Error::invalid(format!("筛选条件“{text}”应写成“列名=值”，如“居住状况=独居”。"))
    })?;
    let field = field_for_header(key.trim()).ok_or_else(|| {
        Error::invalid(format!("花名册没有“{}”这一列，请用花名册表头上的列名。", key.trim()))
    })?;
    Ok((field, value.trim().to_string()))
}

/// `姓名,性别,联系电话`: the columns the clerk picks, in order.
pub fn parse_columns(text: &str) -> Result<Vec<Field>> {
    text.split([',', '，', '、'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|h| {
            field_for_header(h).ok_or_else(|| {
                Error::invalid(format!("花名册没有“{h}”这一列，请用花名册表头上的列名。"))
            })
        })
        .collect()
}

/// The roster of the people matching every filter (a column's printed text equal to the value),
/// with the 打印 sheet's columns and masking as asked. Returns how many people it lists.
pub fn roster_view(
    conn: &Connection,
    filters: &[(Field, String)],
    options: &RosterOptions,
    today: NaiveDate,
    path: &Path,
) -> Result<u32> {
    let settings = crate::tables::settings::get(conn)?;
    let people: Vec<(PersonId, PersonFields)> = crate::tables::people::all_fields(conn)?
        .into_iter()
        .filter(|(_, p)| filters.iter().all(|(f, v)| f.text(p) == *v))
        .collect();
    let mut options = options.clone();
    if options.profiles.is_empty() {
        options.profiles = crate::tables::profiles::all(conn)?;
    }
    if !filters.is_empty() {
        let header = |f: Field| {
            crate::domain::roster::COLUMNS.iter().find(|c| c.field == f).map_or("", |c| c.header)
        };
        let said: Vec<String> =
            filters.iter().map(|(f, v)| format!("{}={v}", header(*f))).collect();
        options.notes.push(format!("筛选条件：{}", said.join("；")));
    }
    let mut wb = super::roster_workbook_with_options(
        &people,
        &settings,
        today,
        &crate::progress::Silent,
        &options,
    )?;
    super::save(&mut wb, path)?;
    Ok(people.len() as u32)
}
