//! `cadre-ledger reminders` as text: grouped by kind with counts, overdue first in each group.

use ledger::reports::reminders::{Reminder, ReminderQuery, RULES};

pub fn print(q: &ReminderQuery, list: &[Reminder]) {
    let overdue = list.iter().filter(|r| r.overdue).count();
    println!(
        "{}起{}天内到期的待办 {} 项（其中逾期 {} 项）",
        q.on.format("%Y年%m月%d日"),
        q.days,
        list.len(),
        overdue
    );
    if list.is_empty() {
        println!("没有需要办理的事项。");
        return;
    }
    for rule in RULES {
        let items: Vec<&Reminder> = list.iter().filter(|r| r.kind == rule.kind).collect();
        if items.is_empty() {
            continue;
        }
        println!();
        println!("【{}】{} 项（办理：{}）", rule.label, items.len(), rule.action);
        for r in items {
            let state = if r.overdue { "逾期" } else { "    " };
            let liaison = if r.liaison.is_empty() {
                String::new()
            } else {
                format!("  联系人：{}", r.liaison)
            };
            println!(
                "  {state} {}  {}  {}{liaison}",
                r.due.format("%Y-%m-%d"),
                crate::pad(&r.name, 10),
                r.message
            );
        }
    }
}
