//! Figures read from the tables: the figures shared by every page and table (`figures`), the
//! yearly statistics and the bureau's official forms, the work-report summary and one person's
//! timeline. The workbooks made from them are in `export`.
//!
//! May use `tables`, `store` and `domain`; never writes a record except the statistics' recorded
//! year-end counts.

pub mod audit_check;
pub mod audit_log;
pub mod figures;
pub mod forms;
pub mod reminders;
pub mod stats;
pub mod summary;
pub mod timeline;
pub mod timeline_page;
