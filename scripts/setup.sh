#!/usr/bin/env bash
# Installs what `make test` / `make demo` need, only when it is missing.
# Safe to run repeatedly; every install step of the project lives here.
set -euo pipefail
cd "$(dirname "$0")/.."
WASM_BINDGEN_VERSION=0.2.130
export PATH="$HOME/.cargo/bin:$PATH"
need_browser="${1:-}"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

installed=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$installed" != "$WASM_BINDGEN_VERSION" ]; then
  echo "setup: installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (found: ${installed:-none}; takes ~2 min)"
  # --locked fails against this registry mirror (see docs/testing.md#toolchain)
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi

if [ "$need_browser" = "--browser" ]; then
  # Browsers come from Debian (never a tool's own download): Chromium for the
  # browser and e2e layers, chromium-headless-shell for the e2e leak cycles
  # (10 000 real popup windows; its windows are ~5x cheaper to create) and
  # for `make bench`,
  # Firefox ESR + geckodriver for the Firefox run, WebKitWebDriver (with
  # MiniBrowser) + Xvfb for the WebKit run.
  missing=()
  { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; } || missing+=(chromium chromium-driver)
  [ -x /usr/bin/chromium-headless-shell ] || missing+=(chromium-headless-shell)
  command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
  [ -x /usr/bin/WebKitWebDriver ] || missing+=(webkit2gtk-driver)
  command -v xvfb-run >/dev/null 2>&1 || missing+=(xvfb)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "setup: installing Debian ${missing[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "setup: needs ${missing[*]}; run as root or: sudo apt-get install ${missing[*]}" >&2
      exit 1
    fi
  fi
  if ! command -v geckodriver >/dev/null 2>&1; then
    echo "setup: installing geckodriver (cargo install; ~2 min)"
    cargo install geckodriver
  fi
fi
