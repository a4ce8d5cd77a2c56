#!/usr/bin/env bash
# Builds the Linux installer (.deb) the way a release would, and checks what it contains:
# the app binary, the desktop entry, and a dependency on WebKitGTK 4.1. Needs scripts/setup.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

(cd ui && npm run build)
# The Tauri CLI, pinned, from the npm registry (a build-time tool only; the app never needs it).
npx --yes @tauri-apps/cli@2.12.5 build --bundles deb --ci

deb=$(ls -t target/release/bundle/deb/*.deb | head -n 1)
echo "== $deb ($(du -h "$deb" | cut -f1))"
info=$(dpkg-deb --info "$deb")
contents=$(dpkg-deb --contents "$deb")
echo "$info" | grep -E 'Package|Version|Depends'
echo "$info" | grep -q 'libwebkit2gtk-4.1' || { echo "错误：安装包未声明依赖 libwebkit2gtk-4.1"; exit 1; }
echo "$contents" | grep -q 'usr/bin/cadre-ledger-app' || { echo "错误：安装包中没有程序文件"; exit 1; }
echo "$contents" | grep -q '\.desktop' || { echo "错误：安装包中没有桌面快捷方式"; exit 1; }
echo "== 安装包检查通过"
