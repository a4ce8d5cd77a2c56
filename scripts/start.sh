#!/usr/bin/env bash
# Sets up everything and launches 老干部工作台账 on its default ledger (in the user's data folder;
# set CADRE_LEDGER_DB or pass --db PATH to use another file). On first run the app offers demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "== 编译并启动（首次编译需要几分钟）"
exec cargo run --release -p cadre-ledger-app -- "$@"
