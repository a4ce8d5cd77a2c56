//! TypeScript declarations for the UI, generated from the Rust types so the two cannot drift.
//! `ui/src/api/bindings.ts` is committed; the test below fails when it is stale. Regenerate with
//! `UPDATE_BINDINGS=1 cargo test -p ledger bindings`.

use crate::model::*;
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
        crate::date::DateCheck,
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
        crate::people::FieldIssue,
        crate::people::Validation,
        crate::people::PersonRow,
        crate::people::LifeStatus,
        crate::people::CareFilter,
        crate::people::SortOrder,
        crate::people::PeopleQuery,
        crate::people::PeoplePage,
        crate::people::Saved,
        crate::people::Contact,
        crate::audit::FieldChange,
        crate::audit::AuditEntry,
        crate::audit_chain::Finding,
        crate::audit_chain::Verification,
        crate::backup::Contents,
        crate::backup::BackupInfo,
        crate::backup::Restored,
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
        crate::money::Fen,
        crate::period::Period,
        crate::export::LedgerTable,
        crate::summary::PeopleFigures,
        crate::summary::CountFigure,
        crate::summary::CheckupFigures,
        crate::summary::ActivityFigures,
        crate::summary::Summary,
        // subsidies, checkups, party, activities
        crate::subsidies::SubsidyKind,
        crate::subsidies::SubsidyInput,
        crate::subsidies::Subsidy,
        crate::subsidies::SubsidyQuery,
        crate::subsidies::KindTotal,
        crate::subsidies::SubsidyTotals,
        crate::subsidies::BatchRecipient,
        crate::subsidies::BatchInput,
        crate::subsidies::BatchResult,
        crate::subsidies::SubsidyBatch,
        crate::checkups::CheckupInput,
        crate::checkups::Checkup,
        crate::checkups::CheckupStatus,
        crate::checkups::CheckupRow,
        crate::checkups::CheckupRound,
        crate::checkups::CheckupGroup,
        crate::party::PartyInfo,
        crate::party::PartyMember,
        crate::party::CommitteeMember,
        crate::party::MedalStanding,
        crate::party::MedalPresented,
        crate::party::MedalCandidate,
        crate::activities::ActivityInput,
        crate::activities::Participant,
        crate::activities::Activity,
        crate::activities::ActivitySummary,
        // visits, campaigns, hospital, deaths, timeline
        crate::visits::VisitId,
        crate::visits::VisitInput,
        crate::visits::Visit,
        crate::visits::VisitQuery,
        crate::visits::VisitCheck,
        crate::campaigns::CampaignId,
        crate::campaigns::CampaignInput,
        crate::campaigns::Campaign,
        crate::campaigns::CampaignSummary,
        crate::campaigns::CoverageRow,
        crate::campaigns::CampaignCoverage,
        crate::campaigns::CampaignVisit,
        crate::campaigns::SkippedPerson,
        crate::campaigns::RecordedVisits,
        crate::hospital::StayId,
        crate::hospital::HospitalStayInput,
        crate::hospital::StayFlag,
        crate::hospital::HospitalStay,
        crate::hospital::StayQuery,
        crate::deaths::DeathId,
        crate::deaths::DeathInput,
        crate::deaths::DeathOutcome,
        crate::deaths::DeathRecord,
        crate::deaths::SurvivorRow,
        crate::timeline::TimelineEntry,
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
        PartyContact
    );
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
