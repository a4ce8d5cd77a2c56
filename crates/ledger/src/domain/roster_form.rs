//! How each roster column is edited in the person drawer: its field name as the UI's `PersonFields`
//! spells it, the label, the kind of input, the section it sits in and whether lists mask it.
//!
//! The drawer renders its form from this table (generated into `ui/src/api/contract.ts` by
//! `crate::contract`), so labels, order and masking are written once, here and in [`COLUMNS`].
//!
//! [`COLUMNS`]: crate::domain::roster::COLUMNS

use crate::domain::roster::{Field, COLUMNS};
use serde::Serialize;

/// The kind of input a field is edited with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Input {
    Text,
    /// A partial date typed as `1945`, `1945.10` or `1945.10.03`.
    Date,
    /// One of an enum's values; `labels` names the generated `*_LABELS` table.
    Choice,
    /// Lunar month, day and 闰.
    Lunar,
    /// A party branch: picked from the branch records, or any name typed (ledgers that keep no
    /// records); the name links the person to the record of that name.
    Branch,
}

/// The drawer's sections, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Basic,
    Work,
    Party,
    Living,
    Contact,
    /// Not edited as a plain field (the death is recorded through its own dialog; notes sit apart).
    Other,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Basic,
        Section::Work,
        Section::Party,
        Section::Living,
        Section::Contact,
        Section::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Section::Basic => "基本信息",
            Section::Work => "工作与待遇",
            Section::Party => "党组织",
            Section::Living => "健康与居住",
            Section::Contact => "联系方式",
            Section::Other => "其他",
        }
    }
}

/// One field of the drawer's form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormField {
    /// The key in `PersonFields` (`id_number`).
    pub field: &'static str,
    pub label: &'static str,
    pub input: Input,
    /// For a choice: the generated label table (`SEX_LABELS`).
    pub labels: Option<&'static str>,
    pub section: Section,
    /// Whether the field takes a whole row of the form (long text).
    pub wide: bool,
    /// A hint shown in the empty input.
    pub placeholder: &'static str,
    /// Whether lists show the field masked, revealing it only on a logged click.
    pub masked: bool,
}

impl Field {
    /// The field's key in `PersonFields`, as serde and the UI spell it.
    pub fn code(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Sex => "sex",
            Field::Ethnicity => "ethnicity",
            Field::NativePlace => "native_place",
            Field::Birth => "birth",
            Field::IdNumber => "id_number",
            Field::PoliticalStatus => "political_status",
            Field::PartyJoined => "party_joined",
            Field::PartyConfirmed => "party_confirmed",
            Field::Education => "education",
            Field::WorkStarted => "work_started",
            Field::RetiredOn => "retired_on",
            Field::RetirementKind => "retirement_kind",
            Field::FormerPost => "former_post",
            Field::Grade => "grade",
            Field::UnitKind => "unit_kind",
            Field::Health => "health",
            Field::CareLevel => "care_level",
            Field::Living => "living",
            Field::Residence => "residence",
            Field::Address => "address",
            Field::Phone => "phone",
            Field::EmergencyContact => "emergency_contact",
            Field::EmergencyPhone => "emergency_phone",
            Field::PartyBranch => "party_branch",
            Field::Liaison => "liaison",
            Field::LunarBirthday => "lunar_birthday",
            Field::DiedOn => "died_on",
            Field::Notes => "notes",
        }
    }

    /// How the drawer edits the field: (input, label table, section, wide, placeholder).
    fn form(self) -> (Input, Option<&'static str>, Section, bool, &'static str) {
        use Input::*;
        use Section::*;
        match self {
            Field::Name | Field::IdNumber => (Text, None, Basic, false, ""),
            Field::Sex => (Choice, Some("SEX_LABELS"), Basic, false, "请选择"),
            Field::Birth => (Date, None, Basic, false, ""),
            Field::Ethnicity => (Text, None, Basic, false, "如 汉族"),
            Field::NativePlace => (Text, None, Basic, false, "如 山东济南"),
            Field::Education => (Text, None, Basic, false, "如 大学、中专、初中"),
            Field::LunarBirthday => (Lunar, None, Basic, false, ""),
            Field::RetirementKind => {
                (Choice, Some("RETIREMENT_KIND_LABELS"), Work, false, "请选择")
            }
            Field::UnitKind => {
                (Choice, Some("UNIT_KIND_LABELS"), Work, false, "机关/事业单位/企业")
            }
            Field::WorkStarted | Field::RetiredOn => (Date, None, Work, false, ""),
            Field::Grade => (Choice, Some("GRADE_LABELS"), Work, false, "请选择"),
            Field::FormerPost => (Text, None, Work, true, ""),
            Field::PoliticalStatus => {
                (Choice, Some("POLITICAL_STATUS_LABELS"), Party, false, "请选择")
            }
            Field::PartyBranch => (Branch, None, Party, false, "选择支部，或直接填写名称"),
            Field::PartyJoined | Field::PartyConfirmed => (Date, None, Party, false, ""),
            Field::Health => (Choice, Some("HEALTH_LABELS"), Living, false, "请选择"),
            Field::CareLevel => (Choice, Some("CARE_LEVEL_LABELS"), Living, false, "请选择"),
            Field::Living => (Choice, Some("LIVING_LABELS"), Living, false, "请选择"),
            Field::Residence => (Choice, Some("RESIDENCE_LABELS"), Living, false, "请选择"),
            Field::Address => (Text, None, Living, true, ""),
            Field::Phone | Field::EmergencyContact | Field::EmergencyPhone => {
                (Text, None, Contact, false, "")
            }
            Field::Liaison => (Text, None, Contact, false, "负责联系的工作人员"),
            Field::DiedOn => (Date, None, Other, false, ""),
            Field::Notes => (Text, None, Other, true, ""),
        }
    }

    /// The label in the drawer: the 花名册 header, except where the sheet's short header would be
    /// unclear on its own (联系人 is the staff member who keeps in touch, not a relative).
    pub fn form_label(self) -> &'static str {
        match self {
            Field::Liaison => "一对一联系人",
            _ => crate::domain::roster::column(self).header,
        }
    }

    /// Fields lists show masked (`110105********002X`, `138****5678`, the street hidden).
    pub fn masked(self) -> bool {
        matches!(self, Field::IdNumber | Field::Phone | Field::EmergencyPhone | Field::Address)
    }
}

/// Every roster field as the drawer edits it, in the drawer's order: section by section, and within
/// a section in the 花名册's column order.
pub fn form_fields() -> Vec<FormField> {
    let mut out = Vec::new();
    for section in Section::ALL {
        for c in COLUMNS {
            let (input, labels, s, wide, placeholder) = c.field.form();
            if s != section {
                continue;
            }
            out.push(FormField {
                field: c.field.code(),
                label: c.field.form_label(),
                input,
                labels,
                section,
                wide,
                placeholder,
                masked: c.field.masked(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::PersonFields;

    #[test]
    fn every_field_code_is_a_key_of_person_fields() {
        let json = serde_json::to_value(PersonFields::default()).unwrap();
        let keys: std::collections::BTreeSet<String> =
            json.as_object().unwrap().keys().cloned().collect();
        let codes: std::collections::BTreeSet<String> =
            COLUMNS.iter().map(|c| c.field.code().to_string()).collect();
        assert_eq!(codes, keys, "the roster's columns and PersonFields name the same fields");
    }

    #[test]
    fn the_form_lists_every_column_once() {
        let fields = form_fields();
        assert_eq!(fields.len(), COLUMNS.len());
        let first = &fields[0];
        assert_eq!((first.field, first.label, first.section), ("name", "姓名", Section::Basic));
        let id = fields.iter().find(|f| f.field == "id_number").unwrap();
        assert!(id.masked);
        assert_eq!(id.label, "身份证号码");
        let liaison = fields.iter().find(|f| f.field == "liaison").unwrap();
        assert_eq!(liaison.label, "一对一联系人");
        assert!(fields.iter().filter(|f| f.input == Input::Choice).all(|f| f.labels.is_some()));
    }
}
