//! The roster table: validate, insert, update, get, list (search and filters), void.

use crate::domain::date::PartialDate;
use crate::domain::idcard;
use crate::domain::model::*;
use crate::domain::stamp::Stamp;
use crate::error::{Error, Result};
use crate::store::audit;
use crate::store::records;
use crate::tables::search;
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A problem with one field, for inline validation in the form and for import previews.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FieldIssue {
    /// The field's code name (`id_number`), so the form can place the message.
    pub field: String,
    /// The column header the clerk knows (`身份证号码`).
    pub label: String,
    pub message: String,
}

/// The outcome of checking a person: what was normalised, what is wrong, what looks suspicious.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Validation {
    pub fields: PersonFields,
    pub errors: Vec<FieldIssue>,
    pub warnings: Vec<FieldIssue>,
}

fn issue(
    field: crate::domain::roster::Field,
    code: &str,
    message: impl Into<String>,
) -> FieldIssue {
    FieldIssue {
        field: code.into(),
        label: crate::domain::roster::column(field).header.into(),
        message: message.into(),
    }
}

/// Checks and normalises a person: the name is required; the ID number is validated (15→18,
/// checksum), fills birth date and sex when they are empty, and a mismatch with them is a warning.
pub fn validate(input: &PersonFields) -> Validation {
    validate_owned(input.clone())
}

/// [`validate`] for fields the caller no longer needs: text that is already normal is kept as it is,
/// without a copy (the importer validates every row it reads).
pub fn validate_owned(mut p: PersonFields) -> Validation {
    use crate::domain::roster::Field as F;
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    // Invisible characters typed or pasted into the form go as on import, with a warning each.
    for (field, code, text) in [
        (F::Name, "name", &mut p.name),
        (F::IdNumber, "id_number", &mut p.id_number),
        (F::Ethnicity, "ethnicity", &mut p.ethnicity),
        (F::NativePlace, "native_place", &mut p.native_place),
        (F::Education, "education", &mut p.education),
        (F::FormerPost, "former_post", &mut p.former_post),
        (F::Address, "address", &mut p.address),
        (F::Phone, "phone", &mut p.phone),
        (F::EmergencyContact, "emergency_contact", &mut p.emergency_contact),
        (F::EmergencyPhone, "emergency_phone", &mut p.emergency_phone),
        (F::PartyBranch, "party_branch", &mut p.party_branch),
        (F::Liaison, "liaison", &mut p.liaison),
        (F::Notes, "notes", &mut p.notes),
    ] {
        let removed = crate::domain::invisible::strip(text);
        if removed > 0 {
            warnings.push(issue(field, code, crate::domain::invisible::warning(removed)));
        }
    }
    if let std::borrow::Cow::Owned(name) = crate::domain::text::compacted(&p.name) {
        p.name = name;
    }
    if p.name.is_empty() {
        errors.push(issue(F::Name, "name", "姓名不能为空"));
    } else if p.name.chars().count() > crate::domain::limits::NAME_MAX_CHARS {
        errors.push(issue(F::Name, "name", "姓名过长（超过30个字），请检查是否填错了列"));
    }
    for text in [
        &mut p.ethnicity,
        &mut p.native_place,
        &mut p.education,
        &mut p.former_post,
        &mut p.address,
        &mut p.phone,
        &mut p.emergency_contact,
        &mut p.emergency_phone,
        &mut p.party_branch,
        &mut p.liaison,
        &mut p.notes,
    ] {
        crate::domain::text::normalize_in_place(text);
    }
    // Numbers, not prose: `（0371）` is `(0371)`.
    for phone in [&mut p.phone, &mut p.emergency_phone] {
        *phone = crate::domain::text::normalize_value(phone);
    }
    if !p.id_number.trim().is_empty() {
        match idcard::parse(&p.id_number) {
            Ok(info) => {
                p.id_number = info.number.clone();
                if info.converted_from_15 {
                    warnings.push(issue(
                        F::IdNumber,
                        "id_number",
                        format!("15位旧身份证号已自动升级为18位：{}", info.number),
                    ));
                }
                let id_birth = PartialDate::from_date(info.birth);
                match p.birth {
                    None => p.birth = Some(id_birth),
                    Some(b) if !agrees(b, info.birth) => warnings.push(issue(
                        F::Birth,
                        "birth",
                        format!(
                            "出生年月{}与身份证号中的出生日期{}不一致，请核对",
                            b.dotted(),
                            id_birth.dotted()
                        ),
                    )),
                    // The ID gives the day a month-precision entry lacked: that is recorded
                    // fact, not an invented day, so the more precise date is kept.
                    Some(b) if b.day().is_none() => p.birth = Some(id_birth),
                    Some(_) => {}
                }
                match p.sex {
                    None => p.sex = Some(info.sex),
                    Some(s) if s != info.sex => warnings.push(issue(
                        F::Sex,
                        "sex",
                        format!(
                            "性别“{}”与身份证号显示的性别“{}”不一致，请核对",
                            s.label(),
                            info.sex.label()
                        ),
                    )),
                    Some(_) => {}
                }
            }
            Err(message) => errors.push(issue(F::IdNumber, "id_number", message)),
        }
    } else {
        p.id_number.clear();
    }
    if let Some(l) = p.lunar_birthday {
        if !(1..=12).contains(&l.month) || !(1..=30).contains(&l.day) {
            errors.push(issue(
                F::LunarBirthday,
                "lunar_birthday",
                "农历生日的月应为1–12，日应为1–30",
            ));
        }
    }
    if let Some(birth) = p.birth {
        let before_birth = [
            (F::WorkStarted, "work_started", p.work_started, "参加工作时间"),
            (F::RetiredOn, "retired_on", p.retired_on, "离退休时间"),
            (F::PartyJoined, "party_joined", p.party_joined, "入党时间"),
            (F::DiedOn, "died_on", p.died_on, "去世日期"),
        ];
        for (field, code, date, name) in before_birth {
            if let Some(d) = date {
                if d.year() < birth.year() {
                    errors.push(issue(
                        field,
                        code,
                        format!("{name}{}早于出生年月{}，请检查", d.dotted(), birth.dotted()),
                    ));
                }
            }
        }
    }
    if let (Some(joined), Some(confirmed)) = (p.party_joined, p.party_confirmed) {
        if confirmed.earliest() < joined.earliest() {
            warnings.push(issue(
                F::PartyConfirmed,
                "party_confirmed",
                "转正时间早于入党时间，请核对",
            ));
        }
    }
    if p.retirement_kind == Some(RetirementKind::Lixiu) {
        if let Some(w) = p.work_started {
            if w.earliest() > NaiveDate::from_ymd_opt(1949, 9, 30).unwrap_or(NaiveDate::MIN) {
                warnings.push(issue(
                    F::WorkStarted,
                    "work_started",
                    format!(
                        "离休干部应在1949年9月30日前参加革命工作，登记的是{}，请核对",
                        w.dotted()
                    ),
                ));
            }
        }
    }
    for (field, code, phone) in
        [(F::Phone, "phone", &p.phone), (F::EmergencyPhone, "emergency_phone", &p.emergency_phone)]
    {
        if !phone.is_empty() && phone.chars().filter(char::is_ascii_digit).count() < 7 {
            warnings.push(issue(field, code, format!("电话“{phone}”位数太少，请核对")));
        }
    }
    Validation { fields: p, errors, warnings }
}

/// Whether a partial date agrees with an exact one at the partial date's precision.
fn agrees(partial: PartialDate, exact: NaiveDate) -> bool {
    partial.year() == exact.year()
        && partial.month().is_none_or(|m| m == exact.month())
        && partial.day().is_none_or(|d| d == exact.day())
}

/// A row of the roster list: masked ID and phone, age computed for the day asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PersonRow {
    pub id: PersonId,
    pub name: String,
    pub sex: Option<Sex>,
    pub birth: Option<PartialDate>,
    pub age: Option<i32>,
    pub id_number_masked: String,
    pub phone_masked: String,
    pub retirement_kind: Option<RetirementKind>,
    pub unit_kind: Option<UnitKind>,
    pub grade: Option<Grade>,
    pub former_post: String,
    pub political_status: Option<PoliticalStatus>,
    pub party_branch: String,
    pub health: Option<Health>,
    pub care_level: Option<CareLevel>,
    pub living: Option<Living>,
    pub liaison: String,
    pub died_on: Option<PartialDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LifeStatus {
    #[default]
    All,
    Living,
    Deceased,
}

/// A living-situation filter: the groups that drive priority visits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CareFilter {
    Alone,
    EmptyNest,
    /// 失能 or 半失能 (or recorded as 生活不能自理)
    Disabled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    /// The order people were entered (序号).
    #[default]
    Entry,
    /// By name, in pinyin order.
    Name,
    /// Oldest first.
    Age,
}

/// What the roster list shows: search text, filters, one page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PeopleQuery {
    pub search: String,
    pub retirement_kind: Option<RetirementKind>,
    pub status: LifeStatus,
    pub unit_kind: Option<UnitKind>,
    pub party_member: Option<bool>,
    pub care: Option<CareFilter>,
    /// 所在党支部, exactly as recorded; empty means every branch.
    pub party_branch: String,
    /// 联系人, exactly as recorded; empty means everyone.
    pub liaison: String,
    /// Only the people on one of the working lists (患病、丧偶 … 清单).
    pub list: Option<crate::tables::profiles::ProfileList>,
    /// Inclusive age band, on `today`.
    pub age_min: Option<i32>,
    pub age_max: Option<i32>,
    pub sort: SortOrder,
    pub offset: u32,
    /// 0 means no limit.
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PeoplePage {
    pub rows: Vec<PersonRow>,
    /// How many match the query in all (for the pager).
    pub total: u32,
}

const PERSON_COLUMNS: &str = "id, name, sex, ethnicity, native_place, birth, id_number, political_status,
    party_joined, party_confirmed, education, work_started, retired_on, retirement_kind, former_post,
    grade, unit_kind, health, care_level, living, residence, address, phone, emergency_contact,
    emergency_phone, party_branch, liaison, lunar_month, lunar_day, lunar_leap, died_on, notes,
    created_at, updated_at";

/// Reads the fields of a row selected with [`PERSON_COLUMNS`], by position: looking a column up by
/// name compares it with every column's name, which was a quarter of exporting a large roster.
/// `person_columns_are_read_by_position` checks the positions against the list.
fn fields_from_row(r: &Row<'_>) -> rusqlite::Result<PersonFields> {
    let lunar_month: Option<u8> = r.get(27)?;
    let lunar_day: Option<u8> = r.get(28)?;
    let lunar_leap: bool = r.get(29)?;
    Ok(PersonFields {
        name: r.get(1)?,
        sex: r.get(2)?,
        ethnicity: r.get(3)?,
        native_place: r.get(4)?,
        birth: r.get(5)?,
        id_number: r.get(6)?,
        political_status: r.get(7)?,
        party_joined: r.get(8)?,
        party_confirmed: r.get(9)?,
        education: r.get(10)?,
        work_started: r.get(11)?,
        retired_on: r.get(12)?,
        retirement_kind: r.get(13)?,
        former_post: r.get(14)?,
        grade: r.get(15)?,
        unit_kind: r.get(16)?,
        health: r.get(17)?,
        care_level: r.get(18)?,
        living: r.get(19)?,
        residence: r.get(20)?,
        address: r.get(21)?,
        phone: r.get(22)?,
        emergency_contact: r.get(23)?,
        emergency_phone: r.get(24)?,
        party_branch: r.get(25)?,
        liaison: r.get(26)?,
        lunar_birthday: match (lunar_month, lunar_day) {
            (Some(month), Some(day)) => Some(LunarBirthday { month, day, leap: lunar_leap }),
            _ => None,
        },
        died_on: r.get(30)?,
        notes: r.get(31)?,
    })
}

/// The INSERT and UPDATE that [`write_fields`] runs, built once: they are looked up in the
/// statement cache for every row an import writes.
static SQL: std::sync::LazyLock<(String, String)> = std::sync::LazyLock::new(|| {
    const SET: &str = "name, sex, ethnicity, native_place, birth, id_number, political_status,
        party_joined, party_confirmed, education, work_started, retired_on, retirement_kind,
        former_post, grade, unit_kind, health, care_level, living, residence, address, phone,
        emergency_contact, emergency_phone, party_branch, liaison, lunar_month, lunar_day,
        lunar_leap, died_on, notes, search_key";
    let insert = format!(
        "INSERT INTO people ({SET}, updated_at, created_at) VALUES
         (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,
          ?24,?25,?26,?27,?28,?29,?30,?31,?32,?33,?33)"
    );
    let assignments: Vec<String> = SET
        .split(',')
        .map(str::trim)
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect();
    let update = format!(
        "UPDATE people SET {}, updated_at = ?33 WHERE id = ?34 AND voided_at IS NULL",
        assignments.join(", ")
    );
    (insert, update)
});

fn search_key_of(p: &PersonFields) -> String {
    search::search_key(&p.name, &p.id_number, &p.phone, &p.emergency_phone)
}

fn write_fields(
    conn: &Connection,
    id: Option<PersonId>,
    p: &PersonFields,
    key: &str,
    now: &str,
) -> Result<PersonId> {
    let lunar = p.lunar_birthday;
    let values = params![
        p.name,
        p.sex,
        p.ethnicity,
        p.native_place,
        p.birth,
        p.id_number,
        p.political_status,
        p.party_joined,
        p.party_confirmed,
        p.education,
        p.work_started,
        p.retired_on,
        p.retirement_kind,
        p.former_post,
        p.grade,
        p.unit_kind,
        p.health,
        p.care_level,
        p.living,
        p.residence,
        p.address,
        p.phone,
        p.emergency_contact,
        p.emergency_phone,
        p.party_branch,
        p.liaison,
        lunar.map(|l| l.month),
        lunar.map(|l| l.day),
        lunar.is_some_and(|l| l.leap),
        p.died_on,
        p.notes,
        key,
        now,
    ];
    let result = match id {
        None => conn.prepare_cached(&SQL.0).and_then(|mut stmt| stmt.execute(values)),
        Some(id) => conn.prepare_cached(&SQL.1).and_then(|mut stmt| {
            stmt.execute(rusqlite::params_from_iter(
                values.iter().copied().chain(std::iter::once(&id.0 as &dyn rusqlite::ToSql)),
            ))
        }),
    };
    match result {
        Ok(_) => Ok(id.unwrap_or(PersonId(conn.last_insert_rowid()))),
        Err(e) if e.to_string().contains("UNIQUE constraint failed: people.id_number") => {
            Err(duplicate_id_error(conn, &p.id_number))
        }
        Err(e) => Err(e.into()),
    }
}

fn duplicate_id_error(conn: &Connection, id_number: &str) -> Error {
    let other: Option<String> = conn
        .query_row(
            "SELECT name FROM people WHERE id_number = ?1 AND id_number <> '' AND voided_at IS NULL",
            [id_number],
            |r| r.get(0),
        )
        .optional()
        .ok()
        .flatten();
    Error::invalid(format!(
        "身份证号{}已登记在“{}”名下，同一身份证号不能登记两人。请查找该人员后修改，不要重复添加。",
        idcard::mask(id_number),
        other.unwrap_or_default()
    ))
}

/// Rejects input with errors, with all the errors in one message.
fn ensure_valid(v: &Validation) -> Result<()> {
    if v.errors.is_empty() {
        return Ok(());
    }
    let list: Vec<String> =
        v.errors.iter().map(|e| format!("{}：{}", e.label, e.message)).collect();
    Err(Error::invalid(format!("未保存，请先改正：{}", list.join("；"))))
}

/// A person's fields as [`validate`] normalised them and found them free of errors. Only
/// [`Validation::into_valid`] makes one, so every function that writes a person takes input that
/// has been checked: there is no path that trusts its caller to have validated first.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidPerson(PersonFields);

impl ValidPerson {
    pub fn fields(&self) -> &PersonFields {
        &self.0
    }
}

impl Validation {
    /// The checked fields, or every error in one message (and nothing is saved).
    pub fn into_valid(self) -> Result<ValidPerson> {
        ensure_valid(&self)?;
        Ok(ValidPerson(self.fields))
    }
}

/// The result of a save: the stored person and the warnings the clerk should see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Saved {
    pub person: Person,
    pub warnings: Vec<FieldIssue>,
}

/// Inserts a validated person without reading the record back: the path bulk imports take.
/// Audited like any insert.
pub fn insert_validated(
    conn: &Connection,
    stamp: &Stamp,
    person: &ValidPerson,
) -> Result<PersonId> {
    insert_prepared(conn, stamp, person, &InsertExtras::of(person))
}

/// What writing a new person takes besides their fields, worked out without the ledger (the
/// search key and the audit entry), so a bulk import can prepare it on one thread while another
/// writes.
pub struct InsertExtras {
    search_key: String,
    audit: String,
}

impl InsertExtras {
    pub fn of(person: &ValidPerson) -> Self {
        Self { search_key: search_key_of(&person.0), audit: audit::created_json(&person.0) }
    }
}

/// [`insert_validated`] with its extras prepared beforehand; `extras` must be of these `fields`.
pub fn insert_prepared(
    conn: &Connection,
    stamp: &Stamp,
    person: &ValidPerson,
    extras: &InsertExtras,
) -> Result<PersonId> {
    let at = stamp.at();
    let id = write_fields(conn, None, &person.0, &extras.search_key, &at)?;
    audit::record_json(conn, stamp, "person", Some(id.0), "create", &extras.audit, None)?;
    Ok(id)
}

/// Replaces a person's fields with validated ones (the family is left as it is); audited with the
/// changed fields. Returns whether anything changed.
pub fn update_validated(
    conn: &Connection,
    stamp: &Stamp,
    id: PersonId,
    person: &ValidPerson,
) -> Result<bool> {
    let fields = &person.0;
    let old = get(conn, id)?;
    let changes = audit::diff(&old.fields, fields);
    if changes.is_empty() {
        return Ok(false);
    }
    write_fields(conn, Some(id), fields, &search_key_of(fields), &stamp.at())?;
    audit::record(conn, stamp, "person", Some(id.0), "update", &changes, None)?;
    Ok(true)
}

pub fn insert(conn: &Connection, stamp: &Stamp, input: &PersonInput) -> Result<Saved> {
    let v = validate(&input.fields);
    let warnings = v.warnings.clone();
    let id = insert_validated(conn, stamp, &v.into_valid()?)?;
    save_family(conn, stamp, id, &input.family)?;
    Ok(Saved { person: get(conn, id)?, warnings })
}

pub fn update(
    conn: &Connection,
    stamp: &Stamp,
    id: PersonId,
    input: &PersonInput,
) -> Result<Saved> {
    let v = validate(&input.fields);
    let warnings = v.warnings.clone();
    update_validated(conn, stamp, id, &v.into_valid()?)?;
    save_family(conn, stamp, id, &input.family)?;
    Ok(Saved { person: get(conn, id)?, warnings })
}

/// Brings the family list to what the clerk submitted: new members inserted, changed ones updated,
/// missing ones voided (never deleted).
fn save_family(
    conn: &Connection,
    stamp: &Stamp,
    person: PersonId,
    family: &[FamilyMember],
) -> Result<()> {
    let existing = list_family(conn, person)?;
    let now = stamp.at();
    for member in family {
        let mut m = member.clone();
        m.name = crate::domain::text::compact(&m.name);
        m.relation = crate::domain::text::normalize(&m.relation);
        m.phone = crate::domain::text::normalize_value(&m.phone);
        m.address = crate::domain::text::normalize(&m.address);
        m.notes = crate::domain::text::normalize(&m.notes);
        if m.name.is_empty() {
            if m.relation.is_empty() && m.phone.is_empty() {
                continue;
            }
            return Err(Error::invalid("家属姓名不能为空：请填写姓名，或删去这一行"));
        }
        let values = params![
            m.name,
            m.relation,
            m.birth,
            m.phone,
            m.address,
            m.is_survivor,
            m.notes,
            now,
            m.survivor_aid
        ];
        match m.id.and_then(|id| existing.iter().find(|e| e.id == Some(id))) {
            Some(old) => {
                let changes = audit::diff(old, &m);
                if changes.iter().all(|c| c.field == "id") {
                    continue;
                }
                conn.execute(
                    "UPDATE family_members SET name=?1, relation=?2, birth=?3, phone=?4, address=?5,
                     is_survivor=?6, notes=?7, updated_at=?8, survivor_aid=?9 WHERE id=?10 AND person_id=?11",
                    params![m.name, m.relation, m.birth, m.phone, m.address, m.is_survivor, m.notes, now, m.survivor_aid, old.id, person.0],
                )?;
                audit::record(conn, stamp, "family_member", old.id, "update", &changes, None)?;
            }
            None => {
                conn.execute(
                    "INSERT INTO family_members (name, relation, birth, phone, address, is_survivor, notes,
                     created_at, survivor_aid, updated_at, person_id)
                     VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?8,?10)",
                    rusqlite::params_from_iter(
                        values.iter().copied().chain(std::iter::once(&person.0 as &dyn rusqlite::ToSql)),
                    ),
                )?;
                let id = conn.last_insert_rowid();
                m.id = Some(id);
                audit::record_created(conn, stamp, "family_member", id, &m)?;
            }
        }
    }
    for old in &existing {
        if !family.iter().any(|m| m.id.is_some() && m.id == old.id) {
            conn.execute(
                "UPDATE family_members SET voided_at = ?1, void_reason = ?2 WHERE id = ?3",
                params![now, "从家属列表中移除", old.id],
            )?;
            audit::record(
                conn,
                stamp,
                "family_member",
                old.id,
                "void",
                &[],
                Some("从家属列表中移除"),
            )?;
        }
    }
    Ok(())
}

/// Marks whether a family member receives 遗属困难补助 (是否享受遗属补助), audited like any edit.
pub fn set_survivor_aid(conn: &Connection, stamp: &Stamp, member: i64, aid: bool) -> Result<()> {
    let old: bool = conn
        .query_row(
            "SELECT survivor_aid FROM family_members WHERE id = ?1 AND voided_at IS NULL",
            [member],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound("找不到这位家属，可能已被作废。请刷新后重试。".into()))?;
    if old == aid {
        return Ok(());
    }
    conn.prepare_cached(
        "UPDATE family_members SET survivor_aid = ?1, updated_at = ?2 WHERE id = ?3",
    )?
    .execute(params![aid, stamp.at(), member])?;
    let change =
        audit::FieldChange { field: "survivor_aid".into(), old: old.into(), new: aid.into() };
    audit::record(conn, stamp, "family_member", Some(member), "update", &[change], None)
}

pub fn list_family(conn: &Connection, person: PersonId) -> Result<Vec<FamilyMember>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, relation, birth, phone, address, is_survivor, notes, survivor_aid
         FROM family_members
         WHERE person_id = ?1 AND voided_at IS NULL ORDER BY id",
    )?;
    let rows = stmt.query_map([person.0], |r| {
        Ok(FamilyMember {
            id: r.get(0)?,
            name: r.get(1)?,
            relation: r.get(2)?,
            birth: r.get(3)?,
            phone: r.get(4)?,
            address: r.get(5)?,
            is_survivor: r.get(6)?,
            notes: r.get(7)?,
            survivor_aid: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A person who is not voided.
pub fn get(conn: &Connection, id: PersonId) -> Result<Person> {
    let person = conn
        .prepare_cached(&format!(
            "SELECT {PERSON_COLUMNS} FROM people WHERE id = ?1 AND voided_at IS NULL"
        ))?
        .query_row([id.0], |r| {
            Ok(Person {
                id: PersonId(r.get("id")?),
                fields: fields_from_row(r)?,
                family: Vec::new(),
                created_at: r.get("created_at")?,
                updated_at: r.get("updated_at")?,
            })
        })
        .optional()?
        .ok_or_else(|| Error::NotFound("找不到这位人员，可能已被作废。请刷新列表。".into()))?;
    Ok(Person { family: list_family(conn, id)?, ..person })
}

/// Every person who is not voided, in entry order, with their fields (for exports and statistics).
pub fn all_fields(conn: &Connection) -> Result<Vec<(PersonId, PersonFields)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {PERSON_COLUMNS} FROM people WHERE voided_at IS NULL ORDER BY id"
    ))?;
    let rows = stmt.query_map([], |r| Ok((PersonId(r.get(0)?), fields_from_row(r)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Voids a person with a reason. The record stays in the file and in the audit log.
pub fn void(conn: &Connection, stamp: &Stamp, id: PersonId, reason: &str) -> Result<()> {
    records::void_row(
        conn,
        stamp,
        "people",
        "person",
        id.0,
        reason,
        "找不到这位人员，可能已被作废。请刷新列表。",
    )
}

/// Restores a voided person with a reason, unless a live person now holds the same ID number.
pub fn restore(conn: &Connection, stamp: &Stamp, id: PersonId, reason: &str) -> Result<()> {
    records::restore_row(
        conn,
        stamp,
        "people",
        "person",
        id.0,
        reason,
        "找不到这位已作废的人员，可能已被恢复。请刷新列表。",
        "不能恢复：花名册中已有一位身份证号相同的人员。请核对后保留其中一条。",
    )
}

/// The full ID number, phone and address of one person, for "reveal" in the list and the drawer.
/// Logged, since it shows sensitive personal information.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Contact {
    pub id_number: String,
    pub phone: String,
    pub address: String,
    /// 紧急联系人电话, masked in the drawer like the person's own phone.
    #[serde(default)]
    pub emergency_phone: String,
}

pub fn reveal(conn: &Connection, stamp: &Stamp, id: PersonId) -> Result<Contact> {
    let p = get(conn, id)?;
    audit::record(conn, stamp, "person", Some(id.0), "reveal", &[], None)?;
    let f = p.fields;
    Ok(Contact {
        id_number: f.id_number,
        phone: f.phone,
        address: f.address,
        emergency_phone: f.emergency_phone,
    })
}

/// A live person with this ID number, or else with this name and birth month (the duplicate rule
/// of DOMAIN.md's import section).
pub fn find_duplicate(conn: &Connection, p: &PersonFields) -> Result<Option<(PersonId, String)>> {
    if !p.id_number.is_empty() {
        let hit =
            conn.prepare_cached(ID_LOOKUP)?.query_row([&p.id_number], |r| r.get(0)).optional()?;
        if let Some(id) = hit {
            return Ok(Some((PersonId(id), "身份证号相同".into())));
        }
    }
    if let (Some(birth), Some(month)) = (p.birth, p.birth.and_then(|b| b.month())) {
        let ym = format!("{:04}-{:02}", birth.year(), month);
        let hit = conn
            .prepare_cached(
                "SELECT id FROM people WHERE name = ?1 AND substr(birth, 1, 7) = ?2
                 AND voided_at IS NULL AND (id_number = '' OR ?3 = '') LIMIT 1",
            )?
            .query_row(params![p.name, ym, p.id_number], |r| r.get(0))
            .optional()?;
        if let Some(id) = hit {
            return Ok(Some((PersonId(id), "姓名和出生年月相同".into())));
        }
    }
    Ok(None)
}

/// Looks up a live person by ID number in a way the partial unique index
/// `people_id_number_unique (id_number) WHERE id_number <> '' AND voided_at IS NULL` can serve:
/// SQLite uses a partial index only when the query repeats the index's condition, and
/// `id_number = ?1 AND voided_at IS NULL` alone scans the whole table for every row checked
/// (re-importing 100,000 people took about 9 minutes that way; seconds with this).
pub(crate) const ID_LOOKUP: &str =
    "SELECT id FROM people WHERE id_number = ?1 AND id_number <> '' AND voided_at IS NULL";

/// The party branches recorded on the roster (living people only), for filters and pickers.
pub fn branches(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT party_branch FROM people
         WHERE party_branch <> '' AND voided_at IS NULL AND died_on IS NULL ORDER BY party_branch",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One page of the roster for the list, with the total count.
pub fn list(conn: &Connection, q: &PeopleQuery, today: NaiveDate) -> Result<PeoplePage> {
    let mut sql = String::from(" FROM people WHERE voided_at IS NULL");
    let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
    let mut arg = |sql: &mut String, clause: &str, v: Box<dyn rusqlite::ToSql>| {
        args.push(v);
        sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
    };
    let needle = search::normalize_query(&q.search);
    if !needle.is_empty() {
        // instr() is a plain substring search: faster than LIKE '%…%' and needs no escaping.
        arg(&mut sql, " AND instr(search_key, ?) > 0", Box::new(needle));
    }
    if let Some(k) = q.retirement_kind {
        arg(&mut sql, " AND retirement_kind = ?", Box::new(k));
    }
    if let Some(k) = q.unit_kind {
        arg(&mut sql, " AND unit_kind = ?", Box::new(k));
    }
    let branch = crate::domain::text::normalize(&q.party_branch);
    if !branch.is_empty() {
        arg(&mut sql, " AND party_branch = ?", Box::new(branch));
    }
    let liaison = crate::domain::text::normalize(&q.liaison);
    if !liaison.is_empty() {
        arg(&mut sql, " AND liaison = ?", Box::new(liaison));
    }
    if let Some(list) = q.list {
        sql.push_str(" AND ");
        sql.push_str(list.sql());
    }
    match q.status {
        LifeStatus::All => {}
        LifeStatus::Living => sql.push_str(" AND died_on IS NULL"),
        LifeStatus::Deceased => sql.push_str(" AND died_on IS NOT NULL"),
    }
    match q.party_member {
        Some(true) => sql.push_str(" AND political_status IN ('cpc_member', 'cpc_probationary')"),
        Some(false) => sql.push_str(
            " AND (political_status IS NULL OR political_status NOT IN ('cpc_member', 'cpc_probationary'))",
        ),
        None => {}
    }
    match q.care {
        Some(CareFilter::Alone) => sql.push_str(" AND living = 'alone'"),
        Some(CareFilter::EmptyNest) => sql.push_str(" AND living = 'empty_nest'"),
        Some(CareFilter::Disabled) => sql.push_str(
            " AND (care_level IN ('disabled', 'partly_disabled') OR health = 'dependent')",
        ),
        None => {}
    }
    // Age ≥ n on `today` ⇔ the stored birth text sorts at or before today's date n years back; this
    // holds for month- and year-precision values too (see `PartialDate::age_on`).
    let years_back = |n: i32| {
        let y = today.year() - n;
        NaiveDate::from_ymd_opt(y, today.month(), today.day())
            .or_else(|| NaiveDate::from_ymd_opt(y, today.month(), 28))
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    if let Some(min) = q.age_min {
        arg(&mut sql, " AND birth IS NOT NULL AND birth <= ?", Box::new(years_back(min)));
    }
    if let Some(max) = q.age_max {
        arg(&mut sql, " AND birth IS NOT NULL AND birth > ?", Box::new(years_back(max + 1)));
    }
    let params = rusqlite::params_from_iter(args.iter().map(|b| b.as_ref()));
    let total: u32 = conn.query_row(&format!("SELECT COUNT(*){sql}"), params, |r| r.get(0))?;
    let order = match q.sort {
        SortOrder::Entry => "id",
        SortOrder::Name => "substr(search_key, instr(search_key, '|') + 1), id",
        SortOrder::Age => "birth IS NULL, birth, id",
    };
    let limit = if q.limit == 0 { -1 } else { i64::from(q.limit) };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, name, sex, birth, id_number, phone, retirement_kind, unit_kind, grade, former_post,
         political_status, party_branch, health, care_level, living, liaison, died_on
         {sql} ORDER BY {order} LIMIT {limit} OFFSET {}",
        q.offset
    ))?;
    let params = rusqlite::params_from_iter(args.iter().map(|b| b.as_ref()));
    let rows = stmt.query_map(params, |r| {
        let birth: Option<PartialDate> = r.get(3)?;
        let died_on: Option<PartialDate> = r.get(16)?;
        let id_number: String = r.get(4)?;
        let phone: String = r.get(5)?;
        Ok(PersonRow {
            id: PersonId(r.get(0)?),
            name: r.get(1)?,
            sex: r.get(2)?,
            birth,
            // The deceased have no current age; the list shows their death date instead.
            age: birth.filter(|_| died_on.is_none()).map(|b| b.age_on(today)),
            id_number_masked: idcard::mask(&id_number),
            phone_masked: idcard::mask_phone(&phone),
            retirement_kind: r.get(6)?,
            unit_kind: r.get(7)?,
            grade: r.get(8)?,
            former_post: r.get(9)?,
            political_status: r.get(10)?,
            party_branch: r.get(11)?,
            health: r.get(12)?,
            care_level: r.get(13)?,
            living: r.get(14)?,
            liaison: r.get(15)?,
            died_on,
        })
    })?;
    Ok(PeoplePage { rows: rows.collect::<rusqlite::Result<_>>()?, total })
}

pub fn count_live(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("SELECT COUNT(*) FROM people WHERE voided_at IS NULL", [], |r| r.get(0))?)
}

#[cfg(test)]
mod position_tests {
    use super::PERSON_COLUMNS;

    #[test]
    fn person_columns_are_read_by_position() {
        let names: Vec<&str> = PERSON_COLUMNS.split(',').map(str::trim).collect();
        let read = [
            "id",
            "name",
            "sex",
            "ethnicity",
            "native_place",
            "birth",
            "id_number",
            "political_status",
            "party_joined",
            "party_confirmed",
            "education",
            "work_started",
            "retired_on",
            "retirement_kind",
            "former_post",
            "grade",
            "unit_kind",
            "health",
            "care_level",
            "living",
            "residence",
            "address",
            "phone",
            "emergency_contact",
            "emergency_phone",
            "party_branch",
            "liaison",
            "lunar_month",
            "lunar_day",
            "lunar_leap",
            "died_on",
            "notes",
        ];
        assert_eq!(&names[..read.len()], read);
    }
}
