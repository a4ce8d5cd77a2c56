#!/usr/bin/env bash
# Installs what building the app needs on a Debian-family machine (Debian 12, Ubuntu 22.04+, deepin
# 23, 统信UOS with WebKitGTK 4.1): system libraries, the UI's npm packages, and the built UI.
# With WITH_TEST_TOOLS=1 it also installs what the tests need (Xvfb, WebKitWebDriver, tauri-driver).
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

pkgs=(libwebkit2gtk-4.1-dev librsvg2-dev build-essential perl pkg-config curl fonts-noto-cjk)
if [ "${WITH_TEST_TOOLS:-0}" = 1 ]; then
  pkgs+=(xvfb xauth x11-utils webkit2gtk-driver imagemagick python3)
fi
command -v npm >/dev/null 2>&1 || pkgs+=(nodejs npm)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== 安装系统依赖：${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "需要 Rust 工具链（1.85 或更新）：请先按 https://rustup.rs 的说明安装 rustup，然后重新运行本脚本。" >&2
  exit 1
fi

echo "== 安装界面依赖（npm）"
stamp=ui/node_modules/.package-lock.stamp
if [ ! -f "$stamp" ] || ! cmp -s ui/package-lock.json "$stamp"; then
  (cd ui && npm ci --no-audit --no-fund)
  cp ui/package-lock.json "$stamp"
fi

echo "== 构建界面"
(cd ui && npm run build)

if [ "${WITH_TEST_TOOLS:-0}" = 1 ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "== 安装 tauri-driver"
  cargo install tauri-driver --version '^2' --locked
fi
