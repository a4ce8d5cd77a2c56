//! A person as the drawer first shows them: ID number, phone and address masked as the lists mask
//! them, so the full values appear only after a logged reveal (`people::reveal`). A form sent back
//! with a field still masked keeps the stored value: a masked text is never written over a real one.
//! Family members' phones and addresses are masked the same way and revealed by [`reveal_family`].

use crate::domain::idcard::{mask, mask_phone};
use crate::domain::model::{FamilyMember, Person, PersonFields, PersonId, PersonInput};
use crate::domain::privacy::{mask_address, mask_member};
use crate::domain::stamp::Stamp;
use crate::error::{Error, Result};
use crate::store::audit;
use crate::tables::people::{self, Saved};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

fn mask_fields(f: &mut PersonFields) {
    f.id_number = mask(&f.id_number);
    f.phone = mask_phone(&f.phone);
    f.emergency_phone = mask_phone(&f.emergency_phone);
    f.address = mask_address(&f.address);
}

/// [`people::get`] with the sensitive fields masked.
pub fn get(conn: &Connection, id: PersonId) -> Result<Person> {
    let mut p = people::get(conn, id)?;
    mask_fields(&mut p.fields);
    p.family.iter_mut().for_each(mask_member);
    Ok(p)
}

/// Puts back the stored phone and address of every saved family member the form still shows masked.
fn unmask_family(conn: &Connection, id: PersonId, family: &mut [FamilyMember]) -> Result<()> {
    let stored = people::list_family(conn, id)?;
    for m in family.iter_mut() {
        let Some(old) = m.id.and_then(|mid| stored.iter().find(|o| o.id == Some(mid))) else {
            continue;
        };
        let mut shown = old.clone();
        mask_member(&mut shown);
        if !old.phone.is_empty() && m.phone == shown.phone {
            m.phone.clone_from(&old.phone);
        }
        if !old.address.is_empty() && m.address == shown.address {
            m.address.clone_from(&old.address);
        }
    }
    Ok(())
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
    keep(&mut fields.emergency_phone, &stored.emergency_phone, mask_phone(&stored.emergency_phone));
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
    unmask_family(conn, id, &mut input.family)?;
    let mut saved = people::update(conn, stamp, id, &input)?;
    mask_fields(&mut saved.person.fields);
    saved.person.family.iter_mut().for_each(mask_member);
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

/// The full phone and address of a family member (家属, 遗属), shown after a logged reveal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FamilyContact {
    #[ts(type = "number")]
    pub id: i64,
    pub phone: String,
    pub address: String,
}

/// The full phones and addresses of a person's family members: every live member, or only
/// `member`. Each member shown is one reveal in the audit log, as a retiree's own reveal is.
pub fn reveal_family(
    conn: &Connection,
    stamp: &Stamp,
    person: PersonId,
    member: Option<i64>,
) -> Result<Vec<FamilyContact>> {
    let family = people::list_family(conn, person)?;
    let mut out = Vec::new();
    for m in family {
        let Some(id) = m.id.filter(|id| member.is_none_or(|wanted| wanted == *id)) else {
            continue;
        };
        audit::record(conn, stamp, "family_member", Some(id), "reveal", &[], None)?;
        out.push(FamilyContact { id, phone: m.phone, address: m.address });
    }
    if member.is_some() && out.is_empty() {
        return Err(Error::NotFound("找不到这位家属，可能已被删除。请刷新列表后再看。".into()));
    }
    Ok(out)
}
