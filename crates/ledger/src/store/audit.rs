//! The audit log: who changed what and when, with old and new values (DOMAIN.md rule 10).

use crate::domain::stamp::Stamp;
use crate::error::Result;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

/// One changed field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FieldChange {
    pub field: String,
    #[ts(type = "unknown")]
    pub old: Value,
    #[ts(type = "unknown")]
    pub new: Value,
}

/// One entry of the log as shown to the clerk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub entity: String,
    #[ts(type = "number | null")]
    pub entity_id: Option<i64>,
    pub action: String,
    pub changes: Vec<FieldChange>,
    pub reason: Option<String>,
}

/// The fields that differ between two serialisable values (compared as JSON objects).
pub fn diff<T: Serialize>(old: &T, new: &T) -> Vec<FieldChange> {
    let (Ok(Value::Object(old)), Ok(Value::Object(new))) =
        (serde_json::to_value(old), serde_json::to_value(new))
    else {
        return Vec::new();
    };
    let mut changes = Vec::new();
    for (field, new_value) in &new {
        let old_value = old.get(field).cloned().unwrap_or(Value::Null);
        if &old_value != new_value {
            changes.push(FieldChange {
                field: field.clone(),
                old: old_value,
                new: new_value.clone(),
            });
        }
    }
    changes
}

/// Every field of a new record, as changes from nothing.
pub fn created<T: Serialize>(new: &T) -> Vec<FieldChange> {
    let Ok(Value::Object(new)) = serde_json::to_value(new) else { return Vec::new() };
    new.into_iter()
        .filter(|(_, v)| !matches!(v, Value::Null) && v != &Value::String(String::new()))
        .map(|(field, new)| FieldChange { field, old: Value::Null, new })
        .collect()
}

/// [`created`] as the JSON a creation is logged with: one object of the new values
/// (`{"birth":"1945-10","name":"张三"}`, keys in name order), which [`list_for`] reads back as
/// changes from nothing. Half the size of the change list an update stores, which matters because
/// an import logs every person it adds. Written field by field, without building a
/// `serde_json::Value` of the whole record.
pub fn created_json<T: Serialize>(new: &T) -> String {
    let general = || {
        let object: serde_json::Map<String, Value> =
            created(new).into_iter().map(|c| (c.field, c.new)).collect();
        serde_json::to_string(&object).unwrap_or_else(|_| "{}".into())
    };
    let mut fields = Fields::default();
    if new.serialize(&mut fields).is_err() {
        // Not a plain struct: take the general way.
        return general();
    }
    fields.entries.sort_by(|a, b| a.0.cmp(b.0));
    let mut out: Vec<u8> = Vec::with_capacity(fields.json.len() + 20 * fields.entries.len() + 2);
    out.push(b'{');
    for (i, (name, range)) in fields.entries.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        if serde_json::to_writer(&mut out, name).is_err() {
            return general();
        }
        out.push(b':');
        out.extend_from_slice(&fields.json[range.clone()]);
    }
    out.push(b'}');
    // serde_json writes UTF-8 only.
    String::from_utf8(out).unwrap_or_else(|_| general())
}

/// The changes a log entry stores: a list of [`FieldChange`] (updates, and creations logged by
/// earlier builds), or an object of new values (creations, see [`created_json`]).
pub(crate) fn parse_changes(text: &str) -> Vec<FieldChange> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(values)) => values
            .into_iter()
            .map(|(field, new)| FieldChange { field, old: Value::Null, new })
            .collect(),
        Ok(list @ Value::Array(_)) => serde_json::from_value(list).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Collects a struct's fields as JSON text for [`created_json`]: each value is written into one
/// buffer, and null and empty-string values are dropped as [`created`] drops them. A value holding
/// objects goes through `Value`, whose maps order keys by name, so the text stays the same.
#[derive(Default)]
struct Fields {
    json: Vec<u8>,
    entries: Vec<(&'static str, std::ops::Range<usize>)>,
}

fn not_a_struct() -> serde_json::Error {
    serde::ser::Error::custom("not a struct")
}

macro_rules! refuse {
    ($($name:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $name(self, $(_: $arg),*) -> std::result::Result<$ok, serde_json::Error> {
            Err(not_a_struct())
        })*
    };
}

impl serde::Serializer for &mut Fields {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = serde::ser::Impossible<(), serde_json::Error>;
    type SerializeTuple = serde::ser::Impossible<(), serde_json::Error>;
    type SerializeTupleStruct = serde::ser::Impossible<(), serde_json::Error>;
    type SerializeTupleVariant = serde::ser::Impossible<(), serde_json::Error>;
    type SerializeMap = serde::ser::Impossible<(), serde_json::Error>;
    type SerializeStruct = Self;
    type SerializeStructVariant = serde::ser::Impossible<(), serde_json::Error>;

    refuse! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_str(&str) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    fn serialize_some<V: Serialize + ?Sized>(self, _: &V) -> std::result::Result<(), Self::Error> {
        Err(not_a_struct())
    }

    fn serialize_newtype_struct<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &V,
    ) -> std::result::Result<(), Self::Error> {
        Err(not_a_struct())
    }

    fn serialize_newtype_variant<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> std::result::Result<(), Self::Error> {
        Err(not_a_struct())
    }

    fn serialize_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> std::result::Result<Self::SerializeStruct, Self::Error> {
        self.entries.reserve(len);
        Ok(self)
    }
}

impl serde::ser::SerializeStruct for &mut Fields {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_field<V: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> std::result::Result<(), Self::Error> {
        let start = self.json.len();
        serde_json::to_writer(&mut self.json, value)?;
        let text = &self.json[start..];
        if text == b"null" || text == b"\"\"" {
            self.json.truncate(start);
            return Ok(());
        }
        if text.starts_with(b"{") || text.starts_with(b"[") {
            // Nested objects: `Value` orders their keys by name.
            let ordered = serde_json::to_vec(&serde_json::to_value(value)?)?;
            self.json.truncate(start);
            self.json.extend_from_slice(&ordered);
        }
        self.entries.push((key, start..self.json.len()));
        Ok(())
    }

    fn end(self) -> std::result::Result<(), Self::Error> {
        Ok(())
    }
}

pub fn record(
    conn: &rusqlite::Connection,
    stamp: &Stamp,
    entity: &str,
    entity_id: Option<i64>,
    action: &str,
    changes: &[FieldChange],
    reason: Option<&str>,
) -> Result<()> {
    let changes = serde_json::to_string(changes).unwrap_or_else(|_| "[]".into());
    record_json(conn, stamp, entity, entity_id, action, &changes, reason)
}

/// Logs the creation of a record with its non-empty fields (see [`created_json`]).
pub fn record_created<T: Serialize>(
    conn: &rusqlite::Connection,
    stamp: &Stamp,
    entity: &str,
    entity_id: i64,
    new: &T,
) -> Result<()> {
    record_json(conn, stamp, entity, Some(entity_id), "create", &created_json(new), None)
}

/// [`record`] with the changes already as JSON text.
pub fn record_json(
    conn: &rusqlite::Connection,
    stamp: &Stamp,
    entity: &str,
    entity_id: Option<i64>,
    action: &str,
    changes: &str,
    reason: Option<&str>,
) -> Result<()> {
    // Chained: see `audit_chain`.
    crate::store::audit_chain::append(conn, stamp, entity, entity_id, action, changes, reason)
}

/// The log of one record, newest first.
pub fn list_for(
    conn: &rusqlite::Connection,
    entity: &str,
    entity_id: i64,
) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT at, actor, entity, entity_id, action, changes, reason FROM audit_log
         WHERE entity = ?1 AND entity_id = ?2 ORDER BY id DESC",
    )?;
    let rows = stmt.query_map(rusqlite::params![entity, entity_id], |r| {
        let changes: String = r.get(5)?;
        Ok(AuditEntry {
            at: r.get(0)?,
            actor: r.get(1)?,
            entity: r.get(2)?,
            entity_id: r.get(3)?,
            action: r.get(4)?,
            changes: parse_changes(&changes),
            reason: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::PartialDate;
    use crate::domain::model::*;

    /// The fast writer must store exactly what the general way stores.
    #[test]
    fn created_json_is_the_text_of_created() {
        let full = PersonFields {
            name: "张三".into(),
            sex: Some(Sex::Male),
            birth: PartialDate::parse("1945.10").ok(),
            id_number: "11010519451003001X".into(),
            retirement_kind: Some(RetirementKind::Lixiu),
            grade: Some(Grade::BureauDeputy),
            address: "北京市\"东城区\"\n\\ 1号".into(),
            lunar_birthday: Some(LunarBirthday { month: 8, day: 15, leap: true }),
            notes: "=SUM(A1)".into(),
            ..Default::default()
        };
        let member = FamilyMember {
            id: Some(7),
            name: "李四".into(),
            relation: "配偶".into(),
            is_survivor: true,
            ..Default::default()
        };
        let cases = [
            (created_json(&full), created(&full)),
            (created_json(&PersonFields::default()), created(&PersonFields::default())),
            (created_json(&member), created(&member)),
            (created_json(&3), created(&3)),
        ];
        for (json, general) in cases {
            assert!(json.starts_with('{'), "an object of new values: {json}");
            assert_eq!(parse_changes(&json), general, "{json}");
            // The general way's text too: a `Value` map orders keys by name, as the fast way does.
            let object: serde_json::Map<String, Value> =
                general.iter().map(|c| (c.field.clone(), c.new.clone())).collect();
            assert_eq!(json, serde_json::to_string(&object).unwrap());
        }
        assert!(!created(&full).is_empty() && created(&PersonFields::default()).is_empty());
    }

    /// Creations logged by earlier builds stored the change list; both forms read back the same.
    #[test]
    fn both_forms_of_a_creation_read_back_as_changes_from_nothing() {
        let legacy =
            r#"[{"field":"name","old":null,"new":"张三"},{"field":"sex","old":null,"new":"male"}]"#;
        let compact = r#"{"name":"张三","sex":"male"}"#;
        let want = vec![
            FieldChange { field: "name".into(), old: Value::Null, new: "张三".into() },
            FieldChange { field: "sex".into(), old: Value::Null, new: "male".into() },
        ];
        assert_eq!(parse_changes(legacy), want);
        assert_eq!(parse_changes(compact), want);
        assert_eq!(parse_changes("not json"), Vec::new());
    }
}
