//! The 六清楚 profile's columns in an imported roster (婚姻状况, 主要疾病, 特长爱好, 个性需求,
//! 特殊困难; headers and synonyms in [`crate::tables::profiles::PROFILE_COLUMNS`]). They are found
//! among the columns the roster's own table leaves unmapped, read per row into a
//! [`Profile`], and written with the person (see `apply`), merged with what the ledger has.

use super::header::{Header, HeaderColumn};
use super::read::SheetRow;
use super::{cells, issue, ImportIssue, Severity};
use crate::domain::roster::Field;
use crate::tables::profiles::{self, Profile, ProfileField, PROFILE_COLUMNS};
use std::collections::HashSet;

/// A column of the file that holds a profile field.
pub(crate) struct ProfileColumn {
    pub index: usize,
    pub text: String,
    pub field: ProfileField,
}

/// The profile field a header column names: its whole text, or in a two-row header
/// (`六清楚/婚姻状况`) its lower part.
pub(crate) fn field_of(c: &HeaderColumn) -> Option<ProfileField> {
    if c.field.is_some() {
        return None;
    }
    profiles::field_for_header(&c.text)
        .or_else(|| c.text.rsplit_once('/').and_then(|(_, low)| profiles::field_for_header(low)))
}

/// The profile columns of `header`, the first column for each field.
pub(crate) fn columns(header: &Header) -> Vec<ProfileColumn> {
    let mut seen = HashSet::new();
    header
        .columns
        .iter()
        .filter_map(|c| {
            let field = field_of(c)?;
            seen.insert(field).then(|| ProfileColumn {
                index: c.index,
                text: c.text.clone(),
                field,
            })
        })
        .collect()
}

/// The header a profile field is printed under, for the preview's column list.
pub(crate) fn header_of(field: ProfileField) -> &'static str {
    PROFILE_COLUMNS.iter().find(|c| c.field == field).map_or("", |c| c.header)
}

/// One row's profile (`None` when its profile cells are all empty), the problems found, and how
/// many profile cells had a value.
pub(crate) fn read(
    columns: &[ProfileColumn],
    row: &SheetRow,
    issues: &mut Vec<ImportIssue>,
) -> (Option<Profile>, usize) {
    let mut profile = Profile::default();
    let mut filled = 0;
    for col in columns {
        // Free text: read as the roster's 备注 is (formula guard, numbers as written).
        match cells::field_text(Field::Notes, row.cell(col.index)) {
            Ok(None) => {}
            Ok(Some(t)) => {
                filled += 1;
                if let Some(w) = t.warning {
                    issues.push(issue(row.number, &col.text, w, Severity::Warning));
                }
                if let Err(e) = col.field.set_text(&mut profile, &t.text) {
                    issues.push(issue(row.number, &col.text, e, Severity::Error));
                }
            }
            Err(e) => {
                filled += 1;
                issues.push(issue(row.number, &col.text, e, Severity::Error));
            }
        }
    }
    ((filled > 0).then_some(profile), filled)
}
