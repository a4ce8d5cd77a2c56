//! The members of the retirees' party branches (党员名册), one page at a time, with the counts the
//! page shows for the whole selection: members, 流动/失联 members and members whose dues are
//! behind. At ten thousand retirees there are some seven thousand members: the page used to fetch
//! them all and filter in the window.

use super::{Filter, Page, PageRequest, SortKey};
use crate::domain::date::PartialDate;
use crate::error::Result;
use crate::tables::party::{
    dues_behind, member_from_row, PartyMember, MEMBER_SELECT, MEMBER_WHERE,
};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which members to list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct MemberFilter {
    /// One branch (as written on the roster), or every branch.
    #[serde(default)]
    pub branch: Option<String>,
    /// Name, pinyin, initials, ID or phone digits, as in the roster search.
    #[serde(default)]
    pub search: String,
}

/// The columns the member list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MemberSort {
    Name,
    Branch,
    Joined,
    Dues,
}

impl SortKey for MemberSort {
    fn column(self) -> &'static str {
        match self {
            MemberSort::Name => "p.name",
            MemberSort::Branch => "p.party_branch",
            MemberSort::Joined => "p.party_joined",
            MemberSort::Dues => "i.dues_paid_to",
        }
    }
}

/// A member as listed, with the dues judged by the unit's rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MemberRow {
    #[serde(flatten)]
    pub member: PartyMember,
    /// More than the unit's `dues_months` behind (or nothing recorded).
    pub dues_behind: bool,
}

/// Counts over every matching member, and the branches to choose from (of all members).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct MemberTotals {
    /// 流动党员 and 失联党员.
    pub not_normal: u32,
    pub dues_behind: u32,
    pub branches: Vec<String>,
}

pub type MemberPageRequest = PageRequest<MemberFilter, MemberSort>;
pub type MemberPage = Page<MemberRow, MemberTotals>;

fn filter(q: &MemberFilter) -> Filter {
    let mut f = Filter::new(MEMBER_WHERE);
    if let Some(b) = &q.branch {
        f.and("p.party_branch = ?", b.clone());
    }
    let needle = crate::tables::search::normalize_query(&q.search);
    if !needle.is_empty() {
        f.and("instr(p.search_key, ?) > 0", needle);
    }
    f
}

/// One page of members, by branch unless sorted otherwise. Dues are judged on `on` against
/// `dues_months` (the unit's reminder setting), by [`dues_behind`] alone.
pub fn page(
    conn: &Connection,
    req: &MemberPageRequest,
    on: NaiveDate,
    dues_months: u32,
) -> Result<MemberPage> {
    let f = filter(&req.filter);
    let from = "FROM people p LEFT JOIN party_info i ON i.person_id = p.id";
    let mut total = 0;
    let mut not_normal = 0;
    let mut behind = 0;
    {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT COALESCE(i.contact, 'normal') <> 'normal', i.dues_paid_to {from}{}",
            f.sql
        ))?;
        let mut rows = stmt.query(f.params())?;
        while let Some(r) = rows.next()? {
            total += 1;
            not_normal += u32::from(r.get::<_, bool>(0)?);
            behind += u32::from(dues_behind(r.get::<_, Option<PartialDate>>(1)?, on, dues_months));
        }
    }
    let branches = conn
        .prepare_cached(&format!(
            "SELECT DISTINCT p.party_branch {from} WHERE {MEMBER_WHERE} AND p.party_branch <> ''
             ORDER BY p.party_branch"
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    let sql =
        format!("{MEMBER_SELECT}{}{}", f.sql, f.order_and_window(req, "p.party_branch, p.id"));
    let rows = conn
        .prepare_cached(&sql)?
        .query_map(f.params(), member_from_row)?
        .map(|m| {
            m.map(|member| MemberRow {
                dues_behind: dues_behind(member.info.dues_paid_to, on, dues_months),
                member,
            })
        })
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Page { rows, total, totals: MemberTotals { not_normal, dues_behind: behind, branches } })
}
