//! One module per table (or group of tables that live and die together), each with the SQL it needs:
//! the roster (`people`, its `search` key, `settings`) and the work ledgers.
//!
//! May use `store` and `domain`. A table module may read another table module's public functions
//! (a death takes the person off campaigns; a visit checks the person is alive) but never a report,
//! an export or the demo data.

pub mod activities;
pub mod branch_link;
pub mod branches;
pub mod campaign_targets;
pub mod campaigns;
pub mod checkups;
pub mod deaths;
pub mod hospital;
pub mod operators;
pub mod paging;
pub mod party;
pub mod people;
pub mod people_masked;
pub mod profiles;
pub mod reminder_cases;
pub mod restores;
pub mod roster_columns;
pub mod search;
pub mod settings;
pub mod subsidies;
pub mod visits;
