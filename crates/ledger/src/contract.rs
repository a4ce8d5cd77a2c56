//! The UI's contract tables, generated from the core so the page cannot drift from it: the period
//! pickers' quarter names, the ledger tables and their order, labels the core prints, who a campaign
//! is due to by default, and the person form (labels, order, inputs, which fields are masked).
//!
//! `ui/src/api/contract.ts` is committed; the test below fails when it is stale. It is regenerated
//! with the bindings: `UPDATE_BINDINGS=1 cargo test -p ledger bindings`.

use crate::domain::model::Festival;
use crate::domain::period::Recurrence;
use crate::domain::roster_form::{form_fields, Section};
use crate::export::LedgerTable;
use crate::tables::campaign_targets::TargetFilters;
use crate::tables::hospital::StayFlag;
use crate::tables::people::CareFilter;
use serde::Serialize;

fn json<T: Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// An enum value's code, as serde writes it (`not_visited`).
fn code<T: Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn record<T: Serialize + Copy>(
    name: &str,
    ty: &str,
    all: &[T],
    label: impl Fn(T) -> String,
) -> String {
    let entries: Vec<String> =
        all.iter().map(|v| format!("  {}: {},", code(*v), json(&label(*v)))).collect();
    format!("export const {name}: Record<{ty}, string> = {{\n{}\n}};", entries.join("\n"))
}

fn contract() -> String {
    let mut out = vec![
        "// Generated from crates/ledger (src/contract.rs) by `UPDATE_BINDINGS=1 cargo test -p ledger bindings`.".to_string(),
        "// Do not edit by hand.".to_string(),
        String::new(),
        "import type { CareFilter, Festival, LedgerTable, Recurrence, Stage, StayFlag, TargetFilters } from './bindings'".to_string(),
        String::new(),
        "/** 第一季度 … 第四季度, as `Period::label` names them. */".to_string(),
        format!("export const QUARTER_NAMES: string[] = {};", json(&crate::domain::period::quarter_names())),
        String::new(),
        "/** The ledger tables sent upward, in the order of the quarterly workbook. */".to_string(),
    ];
    let tables: Vec<serde_json::Value> = LedgerTable::ALL
        .iter()
        .map(|t| serde_json::json!({ "code": code(*t), "label": t.label() }))
        .collect();
    out.push(format!(
        "export const LEDGER_TABLES: {{ code: LedgerTable; label: string }}[] = {};",
        json(&tables)
    ));
    out.push(String::new());
    out.push(record("STAY_FLAG_LABELS", "StayFlag", &StayFlag::ALL, |f| f.label().into()));
    out.push(record("CARE_FILTER_LABELS", "CareFilter", &CareFilter::ALL, |c| c.label().into()));
    out.push(record("RECURRENCE_LABELS", "Recurrence", &Recurrence::ALL, |r| r.label().into()));
    out.push(String::new());
    out.push(
        "/** Who a campaign for each festival is due to unless the clerk changes it. */".into(),
    );
    let targets: serde_json::Map<String, serde_json::Value> = Festival::ALL
        .iter()
        .map(|f| {
            (
                f.code().to_string(),
                serde_json::to_value(TargetFilters::for_festival(*f)).unwrap_or_default(),
            )
        })
        .collect();
    out.push(format!(
        "export const FESTIVAL_TARGETS: Record<Festival, TargetFilters> = {};",
        json(&targets)
    ));
    out.push(String::new());
    out.push(
        "/** How the person form edits a field (`roster_form.rs`). `choice` fields name their label table. */"
            .into(),
    );
    out.push("export type FormInput = 'text' | 'date' | 'choice' | 'lunar' | 'branch'".into());
    out.push(
        "export type FormSection = 'basic' | 'work' | 'party' | 'living' | 'contact' | 'other'"
            .into(),
    );
    out.push(
        "export interface FormField {\n  field: string\n  label: string\n  input: FormInput\n  labels: string | null\n  section: FormSection\n  wide: boolean\n  placeholder: string\n  masked: boolean\n}"
            .into(),
    );
    let sections: serde_json::Map<String, serde_json::Value> =
        Section::ALL.iter().map(|s| (code(*s), s.label().into())).collect();
    out.push(format!(
        "export const FORM_SECTIONS: Record<FormSection, string> = {};",
        json(&sections)
    ));
    out.push("/** Every roster field, in the form's order. */".into());
    out.push(format!("export const PERSON_FORM: FormField[] = {};", json(&form_fields())));
    out.push(String::new());
    out.push("/** The Chinese name of every person field, for the audit log (the core logs code names). */".into());
    let mut labels: serde_json::Map<String, serde_json::Value> =
        form_fields().iter().map(|f| (f.field.to_string(), f.label.into())).collect();
    labels.insert("family".into(), "家属".into());
    out.push(format!("export const FIELD_LABELS: Record<string, string> = {};", json(&labels)));
    out.push(String::new());
    out.push(
        "/** The 花名册's columns in print order, for 导出当前列表 (`domain::roster::COLUMNS`). */"
            .into(),
    );
    let columns: Vec<serde_json::Value> = crate::domain::roster::COLUMNS
        .iter()
        .map(|c| serde_json::json!({ "field": c.field.code(), "header": c.header }))
        .collect();
    out.push(format!(
        "export const ROSTER_COLUMNS: {{ field: string; header: string }}[] = {};",
        json(&columns)
    ));
    out.push("/** The columns the printed roster carries unless the clerk picks others. */".into());
    let printed: Vec<&str> =
        crate::export::roster_print::default_fields().iter().map(|f| f.code()).collect();
    out.push(format!("export const ROSTER_PRINT_DEFAULT: string[] = {};", json(&printed)));
    out.push("/** The most characters each roster field takes (a spreadsheet cell's limit, or the field's rule). */".into());
    let limits: serde_json::Map<String, serde_json::Value> = form_fields()
        .iter()
        .map(|f| (f.field.to_string(), crate::domain::limits::max_chars(f.field).into()))
        .collect();
    out.push(format!("export const MAX_LENGTH: Record<string, number> = {};", json(&limits)));
    out.push(format!(
        "/** What a spreadsheet cell holds: the limit of every other text. */\nexport const CELL_MAX_CHARS = {};",
        crate::domain::limits::CELL_MAX_CHARS
    ));
    out.push(String::new());
    out.push("/** The Chinese name of every action the audit log records. */".into());
    let actions: serde_json::Map<String, serde_json::Value> = crate::reports::audit_log::ACTIONS
        .iter()
        .map(|a| (a.to_string(), crate::reports::audit_log::action_label(a).into()))
        .collect();
    out.push(format!("export const ACTION_LABELS: Record<string, string> = {};", json(&actions)));
    out.push(String::new());
    out.push(record("STAGE_LABELS", "Stage", &crate::progress::Stage::ALL, |s| s.label().into()));
    out.push(String::new());
    out.push(
        "/** The roster filter's age bands (DOMAIN rule 6), inclusive bounds in years. */".into(),
    );
    out.push(format!(
        "export const AGE_BANDS: {{ value: string; label: string; age_min: number | null; age_max: number | null }}[] = {};",
        json(&crate::domain::age_bands::AGE_BANDS)
    ));
    out.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    /// Every action the audit log records has a Chinese name: 修改记录 never shows a code.
    #[test]
    fn every_audit_action_has_a_chinese_label() {
        for a in crate::reports::audit_log::ACTIONS {
            let label = crate::reports::audit_log::action_label(a);
            assert!(label != a && !label.is_ascii(), "{a} → {label}");
        }
    }

    /// The form's limits are the core's rules: a 31-character name is refused, no field takes more
    /// than a cell holds.
    #[test]
    fn the_form_limits_are_the_core_rules() {
        use crate::domain::limits::{max_chars, CELL_MAX_CHARS, NAME_MAX_CHARS};
        use crate::domain::model::PersonFields;
        let fields = |name: String| PersonFields { name, ..Default::default() };
        let long = "张".repeat(max_chars("name") + 1);
        assert!(!crate::tables::people::validate(&fields(long)).errors.is_empty());
        let ok = "张".repeat(NAME_MAX_CHARS);
        assert!(crate::tables::people::validate(&fields(ok)).errors.is_empty());
        for f in crate::domain::roster_form::form_fields() {
            assert!(max_chars(f.field) <= CELL_MAX_CHARS, "{}", f.field);
        }
    }

    #[test]
    fn contract_bindings_are_up_to_date() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/api/contract.ts");
        let want = super::contract();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "ui/src/api/contract.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p ledger bindings`"
        );
    }
}
