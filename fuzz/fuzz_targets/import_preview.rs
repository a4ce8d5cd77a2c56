//! Arbitrary bytes as a roster file (.xlsx, .xls, .ods or .csv, chosen by the first byte) through
//! the import preview, on an in-memory ledger. The preview may refuse the file with an error; it must
//! never panic, exhaust memory (libFuzzer's -rss_limit_mb) or hang (-timeout).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;

static HOOK: std::sync::Once = std::sync::Once::new();

const KINDS: [&str; 4] = ["xlsx", "xls", "ods", "csv"];

thread_local! {
    static LEDGER: ledger::Ledger = ledger::Ledger::open_in_memory().expect("in-memory ledger");
    static DIR: PathBuf = {
        let dir = std::env::temp_dir().join(format!("cadre-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("fuzz temp dir");
        dir
    };
}

fuzz_target!(|data: &[u8]| {
    // libfuzzer-sys's panic hook aborts at once, even for a panic the importer catches (it turns
    // calamine's panics on malformed files into a 无法读取 error); a panic that escapes the preview
    // still aborts, through libfuzzer-sys's own check after the call.
    HOOK.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let Some((&kind, bytes)) = data.split_first() else { return };
    let ext = KINDS[kind as usize % KINDS.len()];
    let path = DIR.with(|d| d.join(format!("roster.{ext}")));
    std::fs::write(&path, bytes).expect("write input");
    LEDGER.with(|l| {
        let _ = ledger::import::preview(l.conn(), &path, &ledger::progress::Silent);
    });
});
