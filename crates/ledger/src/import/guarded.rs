//! The import as the app and the tool both run it: a verified backup first (when the import will
//! write anything), then every row in one transaction that takes the ledger's write lock at its
//! start, so a second import at the same time is told the ledger is busy instead of failing on
//! rows the first one wrote.

use super::{apply, ImportOptions, ImportPreview, ImportSummary, RowStatus};
use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::store::db::{Ledger, Stamp};
use rusqlite::{Transaction, TransactionBehavior};

/// Whether applying `preview` with `options` would write anything (and so needs a backup first).
pub fn writes_anything(preview: &ImportPreview, options: &ImportOptions) -> bool {
    let has_work = preview.rows.iter().any(|r| r.status != RowStatus::Invalid);
    has_work && (options.skip_invalid || preview.invalid_count == 0)
}

/// Backs the ledger up (`导入前`) and applies `preview` in one transaction (all rows or none).
pub fn apply_with_backup(
    ledger: &mut Ledger,
    stamp: &Stamp,
    preview: &ImportPreview,
    options: &ImportOptions,
    progress: &dyn Progress,
) -> Result<ImportSummary> {
    if writes_anything(preview, options) {
        crate::store::backup::create(ledger, crate::store::backup::BEFORE_IMPORT, stamp.now)?;
    }
    let tx = Transaction::new_unchecked(ledger.conn(), TransactionBehavior::Immediate)
        .map_err(|e| busy_or(e.into()))?;
    let summary = apply(&tx, stamp, preview, options, progress)?;
    tx.commit().map_err(|e| busy_or(e.into()))?;
    Ok(summary)
}

/// The busy error of SQLite, said as what it means here.
fn busy_or(e: Error) -> Error {
    if e.to_string().contains("另一个程序") {
        Error::Database(
            "台账正在被另一个导入或另一个窗口写入，本次导入未写入任何数据。请等对方完成后再导入。"
                .into(),
        )
    } else {
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Silent;

    fn stamp() -> Stamp {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap();
        Stamp { actor: "测试".into(), now }
    }

    fn csv(dir: &std::path::Path, text: &str) -> std::path::PathBuf {
        let path = dir.join("花名册.csv");
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn an_import_backs_up_first_only_when_it_writes() {
        let dir = tempfile::tempdir().unwrap();
        let mut ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
        let bad = csv(dir.path(), "姓名,出生年月\n,1945.10\n");
        let preview = super::super::preview(ledger.conn(), &bad, &Silent).unwrap();
        let options = ImportOptions::default();
        apply_with_backup(&mut ledger, &stamp(), &preview, &options, &Silent).unwrap();
        assert!(crate::store::backup::list(ledger.path().unwrap()).is_empty(), "nothing to write");

        let good = csv(dir.path(), "姓名,出生年月\n张三,1945.10\n");
        let preview = super::super::preview(ledger.conn(), &good, &Silent).unwrap();
        let summary =
            apply_with_backup(&mut ledger, &stamp(), &preview, &options, &Silent).unwrap();
        assert_eq!(summary.added, 1);
        let backups = crate::store::backup::list(ledger.path().unwrap());
        assert_eq!(backups.len(), 1);
        assert_eq!((backups[0].reason.as_str(), backups[0].contents.people), ("导入前", 0));
    }

    #[test]
    fn a_second_import_while_one_writes_is_told_the_ledger_is_busy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        let mut ledger = Ledger::open(&path).unwrap();
        let file = csv(dir.path(), "姓名,出生年月\n张三,1945.10\n李四,1946.01\n");
        let preview = super::super::preview(ledger.conn(), &file, &Silent).unwrap();

        // The other import holds the write lock.
        let other = Ledger::open(&path).unwrap();
        other.conn().execute_batch("BEGIN IMMEDIATE").unwrap();
        ledger.conn().busy_timeout(std::time::Duration::from_millis(50)).unwrap();
        let err =
            apply_with_backup(&mut ledger, &stamp(), &preview, &ImportOptions::default(), &Silent)
                .unwrap_err();
        assert!(err.to_string().contains("另一个导入"), "{err}");
        other.conn().execute_batch("ROLLBACK").unwrap();

        let summary =
            apply_with_backup(&mut ledger, &stamp(), &preview, &ImportOptions::default(), &Silent)
                .unwrap();
        assert_eq!(summary.added, 2);
    }
}
