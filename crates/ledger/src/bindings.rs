//! TypeScript declarations for the UI, generated from the Rust types so the two cannot drift.
//! `ui/src/api/bindings.ts` is committed; the test below fails when it is stale. Regenerate with
//! `UPDATE_BINDINGS=1 cargo test -p ledger bindings`.

use crate::domain::model::*;
use crate::tables::branches::BranchKind;
use crate::tables::profiles::{MaritalStatus, ProfileList};
use ts_rs::TS;

fn declarations() -> String {
    macro_rules! decls {
        ($($t:ty),* $(,)?) => { vec![$(format!("export {}", <$t as TS>::decl())),*] };
    }
    let mut out = vec![
        "// Generated from the Rust types in crates/ledger by `UPDATE_BINDINGS=1 cargo test -p ledger bindings`.".to_string(),
        "// Do not edit by hand.".to_string(),
        String::new(),
    ];
    let mut types = decls![
        crate::error::ErrorKind,
        crate::domain::date::DateCheck,
        Sex,
        RetirementKind,
        UnitKind,
        Grade,
        Health,
        Living,
        CareLevel,
        Residence,
        PoliticalStatus,
        PersonId,
        LunarBirthday,
        PersonFields,
        FamilyMember,
        Person,
        PersonInput,
        UnitSettings,
        crate::tables::people::FieldIssue,
        crate::tables::people::Validation,
        crate::tables::people::PersonRow,
        crate::tables::people::LifeStatus,
        crate::tables::people::CareFilter,
        crate::tables::people::SortOrder,
        crate::tables::people::PeopleQuery,
        crate::tables::people::PeoplePage,
        crate::tables::people::Saved,
        crate::tables::people::Contact,
        crate::tables::people_masked::FamilyContact,
        MaritalStatus,
        crate::tables::profiles::Profile,
        crate::tables::profiles::ProfileList,
        crate::store::audit::FieldChange,
        crate::store::audit::AuditEntry,
        crate::reports::audit_check::Finding,
        crate::reports::audit_check::Verification,
        crate::reports::audit_log::AuditQuery,
        crate::reports::audit_log::AuditLine,
        crate::reports::audit_log::AuditRow,
        crate::reports::audit_log::AuditPage,
        crate::reports::audit_log::AuditKind,
        crate::reports::audit_log::AuditFilters,
        crate::store::backup::Contents,
        crate::store::backup::BackupInfo,
        crate::store::backup::Restored,
        crate::store::backup::CopyStatus,
        crate::store::crypt::Rekeyed,
        crate::tables::operators::Operator,
        crate::progress::Stage,
        crate::import::DuplicateAction,
        crate::import::Severity,
        crate::import::ImportIssue,
        crate::import::RowStatus,
        crate::import::PreviewRow,
        crate::import::ColumnMapping,
        crate::import::ImportPreview,
        crate::import::ImportOptions,
        crate::import::ImportSummary,
        crate::app::AppInfo,
        crate::app::JobProgress,
        VisitKind,
        Festival,
        PayMethod,
        ActivityKind,
        PartyContact,
        crate::domain::money::Fen,
        crate::domain::period::Period,
        crate::export::LedgerTable,
        crate::reports::summary::PeopleFigures,
        crate::reports::summary::CountFigure,
        crate::reports::summary::CheckupFigures,
        crate::reports::summary::ActivityFigures,
        crate::reports::summary::BranchFigure,
        crate::reports::summary::YearEndFigures,
        crate::reports::summary::Summary,
        // subsidies, checkups, party, activities
        crate::tables::subsidies::SubsidyKind,
        crate::tables::subsidies::SubsidyInput,
        crate::tables::subsidies::Subsidy,
        crate::tables::subsidies::SubsidyQuery,
        crate::tables::subsidies::KindTotal,
        crate::tables::subsidies::SubsidyTotals,
        crate::tables::subsidies::BatchRecipient,
        crate::tables::subsidies::BatchInput,
        crate::tables::subsidies::BatchResult,
        crate::tables::subsidies::SubsidyBatch,
        crate::tables::checkups::CheckupInput,
        crate::tables::checkups::Checkup,
        crate::tables::checkups::CheckupStatus,
        crate::tables::checkups::CheckupRow,
        crate::tables::checkups::CheckupRound,
        crate::tables::checkups::CheckupGroup,
        crate::tables::party::PartyInfo,
        crate::tables::party::PartyMember,
        crate::tables::party::CommitteeMember,
        crate::tables::party::MedalStanding,
        crate::tables::party::MedalPresented,
        crate::tables::party::MedalCandidate,
        crate::tables::activities::ActivityInput,
        crate::tables::activities::Participant,
        crate::tables::activities::Activity,
        crate::tables::activities::ActivitySummary,
        // visits, campaigns, hospital, deaths, timeline
        crate::tables::visits::VisitId,
        crate::tables::visits::VisitInput,
        crate::tables::visits::Visit,
        crate::tables::visits::VisitQuery,
        crate::tables::visits::VisitCheck,
        crate::tables::campaigns::CampaignId,
        crate::tables::campaigns::CampaignInput,
        crate::tables::campaigns::Campaign,
        crate::tables::campaigns::CampaignSummary,
        crate::tables::campaigns::CoverageRow,
        crate::tables::campaigns::CampaignCoverage,
        crate::tables::campaigns::CampaignVisit,
        crate::tables::campaigns::SkippedPerson,
        crate::tables::campaigns::RecordedVisits,
        crate::tables::campaign_targets::TargetMode,
        crate::tables::campaign_targets::TargetFilters,
        crate::tables::hospital::StayId,
        crate::tables::hospital::HospitalStayInput,
        crate::tables::hospital::StayFlag,
        crate::tables::hospital::HospitalStay,
        crate::tables::hospital::StayQuery,
        crate::tables::deaths::DeathId,
        crate::tables::deaths::DeathInput,
        crate::tables::deaths::DeathOutcome,
        crate::tables::deaths::DeathRecord,
        crate::tables::deaths::SurvivorRow,
        crate::reports::timeline::TimelineEntry,
        crate::reports::timeline_page::TimelinePage,
        // paged ledger lists
        crate::tables::paging::PageRequest<(), ()>,
        crate::tables::paging::Page<(), ()>,
        crate::tables::paging::visits::VisitSort,
        crate::tables::paging::visits::VisitTotals,
        crate::tables::paging::voided::VoidedLedger,
        crate::tables::paging::voided::VoidedQuery,
        crate::tables::paging::voided::VoidedSort,
        crate::tables::paging::voided::VoidedRecord,
        crate::tables::paging::voided::VoidedTotals,
        crate::tables::paging::subsidies::SubsidySort,
        crate::tables::paging::subsidies::SubsidyPageTotals,
        crate::tables::paging::hospital::StaySort,
        crate::tables::paging::hospital::StayTotals,
        crate::tables::paging::checkups::CheckupFilter,
        crate::tables::paging::checkups::CheckupSort,
        crate::tables::paging::checkups::CheckupTotals,
        crate::tables::paging::campaigns::CoverageShow,
        crate::tables::paging::campaigns::CoverageFilter,
        crate::tables::paging::campaigns::CoverageSort,
        crate::tables::paging::campaigns::CoverageTotals,
        crate::tables::paging::campaigns::TargetName,
        crate::tables::paging::deaths::SurvivorFilter,
        crate::tables::paging::deaths::SurvivorSort,
        crate::tables::paging::deaths::SurvivorTotals,
        crate::domain::period::Recurrence,
        crate::tables::paging::party::MemberFilter,
        crate::tables::paging::party::MemberSort,
        crate::tables::paging::party::MemberRow,
        crate::tables::paging::party::MemberTotals,
        // reminders
        crate::reports::reminders::ReminderKind,
        crate::reports::reminders::Fulfil,
        crate::reports::reminders::Reminder,
        crate::reports::reminders::ReminderQuery,
        crate::reports::reminders::groups::ReminderGroup,
        crate::reports::reminders::ReminderSettings,
        crate::reports::reminders::rules::SettingHelp,
        crate::reports::reminders::Rule,
        crate::tables::reminder_cases::MustVisitCaseInput,
        crate::tables::reminder_cases::DeliveryEntry,
        crate::tables::reminder_cases::Dismissal,
        crate::reports::reminders::birthday_list::BirthdayRow,
        crate::reports::reminders::calendar::CalendarDue,
        crate::reports::reminders::calendar::CalendarDay,
        crate::reports::reminders::calendar::CalendarMonth,
        crate::reports::reminders::liaison::LiaisonCount,
        crate::reports::reminders::liaison::LiaisonQuery,
        crate::reports::reminders::liaison::LiaisonRow,
        crate::reports::reminders::liaison::LiaisonPage,
        crate::reports::reminders::liaison::DeliveryRow,
        // party branches as records
        BranchKind,
        crate::tables::branches::BranchInput,
        crate::tables::branches::BranchRow,
    ];
    out.append(&mut types);
    out.push(String::new());
    out.push("// Chinese labels of every enum, as the core prints them.".into());
    macro_rules! labels {
        ($($t:ident),*) => {$(
            let entries: Vec<String> = $t::ALL.iter().map(|v| format!("  {}: \"{}\",", v.code(), v.label())).collect();
            out.push(format!("export const {}_LABELS: Record<{}, string> = {{\n{}\n}};", upper_snake(stringify!($t)), stringify!($t), entries.join("\n")));
        )*};
    }
    labels!(
        Sex,
        RetirementKind,
        UnitKind,
        Grade,
        Health,
        Living,
        CareLevel,
        Residence,
        PoliticalStatus,
        VisitKind,
        Festival,
        PayMethod,
        ActivityKind,
        PartyContact,
        MaritalStatus,
        ProfileList,
        BranchKind
    );
    let reminders: Vec<String> = crate::reports::reminders::RULES
        .iter()
        .map(|r| format!("  {}: \"{}\",", r.kind.code(), r.label))
        .collect();
    out.push(format!(
        "export const REMINDER_KIND_LABELS: Record<ReminderKind, string> = {{\n{}\n}};",
        reminders.join("\n")
    ));
    // What each reminder number does, for the settings page (one line of Chinese each).
    out.push(format!(
        "export const REMINDER_SETTINGS_HELP: SettingHelp[] = {};",
        serde_json::to_string_pretty(crate::reports::reminders::rules::SETTINGS_HELP)
            .unwrap_or_default()
    ));
    // The idle lock's number on the settings page, worded like the reminder numbers.
    out.push(format!(
        "export const IDLE_LOCK_HELP: SettingHelp = {};",
        serde_json::json!({
            "field": "idle_lock_minutes",
            "label": crate::tables::settings::IDLE_LOCK_LABEL,
            "help": crate::tables::settings::IDLE_LOCK_HELP,
        })
    ));
    out.join("\n") + "\n"
}

fn upper_snake(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_uppercase());
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn bindings_are_up_to_date() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/api/bindings.ts");
        let want = super::declarations();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "ui/src/api/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p ledger bindings`"
        );
    }
}
