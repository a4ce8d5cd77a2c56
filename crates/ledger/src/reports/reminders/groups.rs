//! 待办 as the home page shows it: the reminders grouped by kind with their counts, and only the
//! first lines of each group. At 10,000 people the window holds some ten thousand reminders; the
//! page shows a handful per group, so the counts are taken here and only those lines cross to it.

use super::{compute, Reminder, ReminderKind, ReminderQuery, RULES};
use crate::error::Result;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

/// One kind's reminders: how many, how many overdue, and the first of them in order.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReminderGroup {
    pub kind: ReminderKind,
    pub total: u32,
    pub overdue: u32,
    /// The first `first` reminders of the kind, overdue first, then by due date.
    pub items: Vec<Reminder>,
}

/// The groups that have reminders, in the order of [`RULES`], each cut to its first `first` lines.
pub fn groups(conn: &Connection, q: &ReminderQuery, first: u32) -> Result<Vec<ReminderGroup>> {
    let all = compute(conn, q)?;
    let mut groups: Vec<ReminderGroup> = RULES
        .iter()
        .map(|r| ReminderGroup { kind: r.kind, total: 0, overdue: 0, items: Vec::new() })
        .collect();
    for reminder in all {
        let Some(g) = groups.iter_mut().find(|g| g.kind == reminder.kind) else { continue };
        g.total += 1;
        g.overdue += u32::from(reminder.overdue);
        if g.items.len() < first as usize {
            g.items.push(reminder);
        }
    }
    groups.retain(|g| g.total > 0);
    Ok(groups)
}
