//! Who a 慰问活动 is due to, as the clerk ticks it in the new-campaign dialog: the conditions, the
//! festival's usual list, and the roster queries whose union is the list.
//!
//! The UI shows these boxes and asks `targets_matching`; it does not turn them into queries itself.

use crate::domain::model::{Festival, PersonId, RetirementKind};
use crate::error::Result;
use crate::tables::people::{CareFilter, LifeStatus, PeopleQuery};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How ticked conditions combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TargetMode {
    /// Anyone meeting one ticked condition.
    #[default]
    Any,
    /// Only people meeting every ticked condition.
    All,
}

/// The conditions of a campaign's list.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TargetFilters {
    /// 全体健在人员: everyone living (the other boxes then add nothing).
    pub everyone: bool,
    /// 全体健在离休干部
    pub lixiu: bool,
    /// 80岁及以上, on the festival's date.
    pub aged80: bool,
    /// 中共党员
    pub party_members: bool,
    /// One party branch, exactly as recorded; empty for none.
    pub branch: String,
    /// 独居 / 空巢 / 失能半失能
    pub care: Vec<CareFilter>,
    pub mode: TargetMode,
}

impl TargetFilters {
    /// The list most units draw up for a festival: for 七一 the party members aged 80 and over; for
    /// the others every 离休干部 and everyone aged 80 and over.
    pub fn for_festival(festival: Festival) -> TargetFilters {
        match festival {
            Festival::PartyDay => TargetFilters {
                party_members: true,
                aged80: true,
                mode: TargetMode::All,
                ..TargetFilters::default()
            },
            _ => TargetFilters { lixiu: true, aged80: true, ..TargetFilters::default() },
        }
    }

    /// Whether any condition is ticked (with none, the list is only the people added by hand).
    pub fn any_ticked(&self) -> bool {
        self.everyone
            || self.lixiu
            || self.aged80
            || self.party_members
            || !self.branch.is_empty()
            || !self.care.is_empty()
    }

    /// The roster queries whose union is the list. "Any" gives one query per condition. "All" gives
    /// one query holding every condition; the care situations are alternatives of one another
    /// (nobody is both 独居 and 空巢), so each ticked one gives its own query.
    pub fn queries(&self) -> Vec<PeopleQuery> {
        let base = PeopleQuery { status: LifeStatus::Living, limit: 0, ..PeopleQuery::default() };
        if self.everyone {
            return vec![base];
        }
        if !self.any_ticked() {
            return Vec::new();
        }
        match self.mode {
            TargetMode::Any => {
                let mut out = Vec::new();
                if self.lixiu {
                    out.push(PeopleQuery {
                        retirement_kind: Some(RetirementKind::Lixiu),
                        ..base.clone()
                    });
                }
                if self.aged80 {
                    out.push(PeopleQuery { age_min: Some(80), ..base.clone() });
                }
                if self.party_members {
                    out.push(PeopleQuery { party_member: Some(true), ..base.clone() });
                }
                if !self.branch.is_empty() {
                    out.push(PeopleQuery { party_branch: self.branch.clone(), ..base.clone() });
                }
                for c in &self.care {
                    out.push(PeopleQuery { care: Some(*c), ..base.clone() });
                }
                out
            }
            TargetMode::All => {
                let all = PeopleQuery {
                    retirement_kind: self.lixiu.then_some(RetirementKind::Lixiu),
                    age_min: self.aged80.then_some(80),
                    party_member: self.party_members.then_some(true),
                    party_branch: self.branch.clone(),
                    ..base
                };
                if self.care.is_empty() {
                    vec![all]
                } else {
                    self.care
                        .iter()
                        .map(|c| PeopleQuery { care: Some(*c), ..all.clone() })
                        .collect()
                }
            }
        }
    }
}

/// The living people the conditions select, ages counted on `on`, in roster order, each once.
pub fn targets_matching(
    conn: &Connection,
    filters: &TargetFilters,
    on: NaiveDate,
) -> Result<Vec<PersonId>> {
    crate::tables::campaigns::targets_for_any(conn, &filters.queries(), on)
}

impl CareFilter {
    pub const ALL: [CareFilter; 3] =
        [CareFilter::Alone, CareFilter::EmptyNest, CareFilter::Disabled];

    pub fn label(self) -> &'static str {
        match self {
            CareFilter::Alone => "独居",
            CareFilter::EmptyNest => "空巢",
            CareFilter::Disabled => "失能半失能",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Living;
    use crate::testing::add;
    use crate::testing::builder::retiree;

    #[test]
    fn festivals_have_their_usual_lists() {
        let party = TargetFilters::for_festival(Festival::PartyDay);
        assert!(party.party_members && party.aged80 && !party.lixiu);
        assert_eq!(party.mode, TargetMode::All);
        let autumn = TargetFilters::for_festival(Festival::DoubleNinth);
        assert!(autumn.lixiu && autumn.aged80 && !autumn.party_members);
        assert_eq!(autumn.mode, TargetMode::Any);
    }

    #[test]
    fn conditions_become_queries() {
        assert!(TargetFilters::default().queries().is_empty());
        let everyone = TargetFilters { everyone: true, lixiu: true, ..Default::default() };
        assert_eq!(everyone.queries().len(), 1);
        assert_eq!(everyone.queries()[0].retirement_kind, None);
        let any = TargetFilters {
            lixiu: true,
            aged80: true,
            care: vec![CareFilter::Alone, CareFilter::EmptyNest],
            ..Default::default()
        };
        assert_eq!(any.queries().len(), 4);
        let all = TargetFilters { mode: TargetMode::All, ..any.clone() };
        let q = all.queries();
        assert_eq!(q.len(), 2, "one query per care situation");
        assert!(q.iter().all(|q| q.retirement_kind == Some(RetirementKind::Lixiu)
            && q.age_min == Some(80)
            && q.status == LifeStatus::Living));
    }

    #[test]
    fn the_list_is_the_living_people_the_conditions_select() {
        let ledger = crate::testing::ledger();
        let conn = ledger.conn();
        let on = NaiveDate::from_ymd_opt(2026, 10, 29).unwrap();
        let old_lixiu = add(conn, retiree("甲").born("1935-01").lixiu().build());
        let mut alone = retiree("乙").born("1960-01").build();
        alone.living = Some(Living::Alone);
        let young_alone = add(conn, alone);
        add(conn, retiree("丙").born("1960-01").build());
        add(conn, retiree("丁").born("1930-01").lixiu().died("2020-01").build());
        let usual = TargetFilters::for_festival(Festival::DoubleNinth);
        assert_eq!(targets_matching(conn, &usual, on).unwrap(), vec![old_lixiu]);
        let by_care = TargetFilters { care: vec![CareFilter::Alone], ..Default::default() };
        assert_eq!(targets_matching(conn, &by_care, on).unwrap(), vec![young_alone]);
    }
}
