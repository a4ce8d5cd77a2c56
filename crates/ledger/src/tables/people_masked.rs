//! A person as the drawer first shows them: ID number, phone and address masked as the lists mask
//! them, so the full values appear only after a logged reveal (`people::reveal`). A form sent back
//! with a field still masked keeps the stored value: a masked text is never written over a real one.

use crate::domain::idcard::{mask, mask_phone};
use crate::domain::model::{Person, PersonFields, PersonId, PersonInput};
use crate::domain::privacy::mask_address;
use crate::domain::stamp::Stamp;
use crate::error::Result;
use crate::tables::people::{self, Saved};
use rusqlite::Connection;

fn mask_fields(f: &mut PersonFields) {
    f.id_number = mask(&f.id_number);
    f.phone = mask_phone(&f.phone);
    f.address = mask_address(&f.address);
}

/// [`people::get`] with the sensitive fields masked.
pub fn get(conn: &Connection, id: PersonId) -> Result<Person> {
    let mut p = people::get(conn, id)?;
    mask_fields(&mut p.fields);
    Ok(p)
}

/// Puts back the stored value of every sensitive field the form still shows masked.
pub fn unmask(conn: &Connection, id: PersonId, fields: &mut PersonFields) -> Result<()> {
    let stored = people::get(conn, id)?.fields;
    let keep = |sent: &mut String, stored: &str, masked: String| {
        if !stored.is_empty() && *sent == masked {
            *sent = stored.to_string();
        }
    };
    keep(&mut fields.id_number, &stored.id_number, mask(&stored.id_number));
    keep(&mut fields.phone, &stored.phone, mask_phone(&stored.phone));
    keep(&mut fields.address, &stored.address, mask_address(&stored.address));
    Ok(())
}

/// [`people::update`] from a form that may still show masked fields; the saved person comes back
/// masked again.
pub fn update(
    conn: &Connection,
    stamp: &Stamp,
    id: PersonId,
    input: &PersonInput,
) -> Result<Saved> {
    let mut input = input.clone();
    unmask(conn, id, &mut input.fields)?;
    let mut saved = people::update(conn, stamp, id, &input)?;
    mask_fields(&mut saved.person.fields);
    Ok(saved)
}

/// [`people::validate`] for a saved person's form that may still show masked values: the stored
/// values are checked, and the normalised fields come back masked.
pub fn validate(
    conn: &Connection,
    id: PersonId,
    fields: &PersonFields,
) -> Result<people::Validation> {
    let mut fields = fields.clone();
    unmask(conn, id, &mut fields)?;
    let mut v = people::validate(&fields);
    mask_fields(&mut v.fields);
    Ok(v)
}
