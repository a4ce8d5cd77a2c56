#!/usr/bin/env bash
# Runs every test: formatting, clippy, the core's rules, the command-line tool on real files, the
# UI's unit tests, and the real app end to end (tauri-driver + WebKitWebDriver under Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
WITH_TEST_TOOLS=1 bash scripts/setup.sh

echo "== the core's layers: no import cycle, no import up a layer"
python3 scripts/module-cycles.py

echo "== cargo fmt --check"
cargo fmt --all --check

echo "== cargo clippy (workspace, all targets, warnings are errors)"
cargo clippy --workspace --all-targets -- -D warnings

echo "== UI unit tests (Vitest)"
(cd ui && npm test)

echo "== build binaries (the app, the command-line tool)"
cargo build --workspace --bins

echo "== Rust tests: core rules, bindings, command-line tool"
cargo test --workspace

echo "== End to end through the real app (Xvfb + tauri-driver + WebKitWebDriver)"
xvfb-run -a -s '-screen 0 1366x768x24' \
  cargo test -p cadre-tests --test e2e -- --ignored --test-threads=1

echo "== Installer: build the .deb and check what it holds"
bash scripts/package.sh

echo "== 全部测试通过"
