//! Every input the importer's fuzz target (`fuzz/`, cargo fuzz) crashed on, kept under
//! `tests/fuzz_inputs/` and fed to the import preview the way the target feeds it: the first byte
//! picks the extension (.xlsx, .xls, .ods, .csv), the rest is the file. Each must be refused with a
//! Chinese message (or read), never panic.
#![allow(clippy::unwrap_used)] // Test helpers panic on purpose: a failed setup is a failed test.

use ledger::progress::Silent;
use ledger::Ledger;

const KINDS: [&str; 4] = ["xlsx", "xls", "ods", "csv"];

#[test]
fn no_fuzz_crash_input_crashes_the_preview() {
    let inputs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_inputs");
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
    let mut seen = 0;
    for entry in std::fs::read_dir(&inputs).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let Some((&kind, bytes)) = data.split_first() else { continue };
        let file = dir.path().join(format!("roster.{}", KINDS[kind as usize % KINDS.len()]));
        std::fs::write(&file, bytes).unwrap();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            ledger::import::preview(ledger.conn(), &file, &Silent)
        }));
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        match outcome {
            Err(_) => panic!("{name} crashed the preview"),
            Ok(Err(e)) => {
                let message = e.to_string();
                assert!(message.contains("请"), "{name}: the message says what to do: {message}");
            }
            Ok(Ok(_)) => {}
        }
        seen += 1;
    }
    assert!(seen >= 1, "the crash inputs are committed");
}

#[test]
fn an_xls_whose_sector_chain_runs_past_its_end_is_refused_as_damaged() {
    let data = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fuzz_inputs/xls-cfb-chain-past-end"),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("花名册.xls");
    std::fs::write(&file, &data[1..]).unwrap();
    let ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
    let err = ledger::import::preview(ledger.conn(), &file, &Silent).unwrap_err();
    assert!(err.to_string().contains("无法读取这个表格文件"), "{err}");
}
