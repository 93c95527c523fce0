#!/usr/bin/env bash
# `make test`: every layer, with a count per layer and a final summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
logs=target/test-logs
mkdir -p "$logs"
summary=()
total_pass=0
total_fail=0
total_skip=0
status=0

# Each counter prints "passed failed skipped".
# cargo test prints "test result: ok. N passed; M failed; K ignored; …" per binary.
count_cargo() { awk '/^test result:/ {p+=$4; f+=$6; s+=$8} END {print p+0, f+0, s+0}' "$1"; }
# node --test prints "# pass N", "# fail N" and "# skipped N".
count_node() { awk '/^# pass/ {p=$3} /^# fail/ {f=$3} /^# skipped/ {s=$3} END {print p+0, f+0, s+0}' "$1"; }

layer() { # name counter command...
  local name=$1 counter=$2; shift 2
  echo "=== $name: $*"
  "$@" 2>&1 | tee "$logs/$name.log"
  local rc=${PIPESTATUS[0]}
  read -r p f s < <($counter "$logs/$name.log")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  summary+=("$(printf '%-16s %4d passed, %d failed, %d skipped' "$name" "$p" "$f" "$s")")
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f)); total_skip=$((total_skip + s))
  [ "$rc" -eq 0 ] || status=1
}

check() { # name description command...  (a pass/fail check without its own test count)
  local name=$1 what=$2; shift 2
  echo "=== $name: $what"
  if "$@"; then
    summary+=("$(printf '%-16s %4d passed, 0 failed  (%s)' "$name" 1 "$what")"); total_pass=$((total_pass + 1))
  else
    summary+=("$(printf '%-16s %4d passed, 1 failed  (%s)' "$name" 0 "$what")"); total_fail=$((total_fail + 1)); status=1
  fi
}
lint() {
  cargo fmt --check && cargo fmt --check --manifest-path inflate/Cargo.toml &&
    cargo fmt --check --manifest-path examples/rust-consumer/Cargo.toml &&
    cargo fmt --check --manifest-path examples/yew/Cargo.toml &&
    cargo clippy --quiet --all-targets --target wasm32-unknown-unknown --features small-allocator -- -D warnings &&
    cargo clippy --quiet --lib --target wasm32-unknown-unknown --features npm-build -- -D warnings &&
    cargo clippy --quiet --all-targets -- -D warnings &&
    cargo clippy --quiet --manifest-path inflate/Cargo.toml --target-dir target --all-targets -- -D warnings &&
    cargo clippy --quiet --manifest-path inflate/Cargo.toml --target-dir target --target wasm32-unknown-unknown -- -D warnings &&
    RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps --target wasm32-unknown-unknown &&
    # The Rust app of examples/rust-consumer, against the crate's public API.
    cargo clippy --quiet --manifest-path examples/rust-consumer/Cargo.toml --target-dir target/examples \
      --target wasm32-unknown-unknown -- -D warnings
}

check lint "fmt, clippy -D warnings (no unwrap/expect/panic/indexing in library code; the Rust consumer example), cargo doc -D warnings" lint
types() { tsc -p tests/types/tsconfig.json && tsc -p tests/types/testing/tsconfig.json && node scripts/doc-snippets.mjs && tsc -p tests/types/docs/tsconfig.json; }
check types "tsc --strict on tests/types (every export and option, seed snippets, the testing kit, @ts-expect-error) and on the TypeScript examples of docs/" types

layer host count_cargo cargo test
# inflate/: the raw-DEFLATE decoder the npm package uses to unpack its wasm.
layer inflate count_cargo cargo test --manifest-path inflate/Cargo.toml --target-dir target
# With the npm build's allocator (src/allocator.rs), so that every browser
# test also runs on it.
layer browser count_cargo env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --features small-allocator
# Firefox and WebKit: tests/browser.rs (the public API) and the crate's own
# browser tests (`--lib`: the browser's URL and TextDecoder against the core).
layer firefox count_cargo env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  GECKODRIVER="$(command -v geckodriver)" cargo test --target wasm32-unknown-unknown --lib --test browser
# WebKit (Safari's engine): Debian's WebKitWebDriver drives MiniBrowser,
# which has no headless mode, so it runs on a virtual display (Xvfb).
layer webkit count_cargo env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  SAFARIDRIVER=/usr/bin/WebKitWebDriver xvfb-run -a cargo test --target wasm32-unknown-unknown --lib --test browser
# The e2e layer needs the built package and the React example built by
# Vite, esbuild and webpack against it (examples/react, its own lock file);
# the app-test layer, examples/app-test installed (its own lock file).
if make --no-print-directory package > "$logs/package.log" 2>&1 &&
   (cd examples/react && npm ci --no-audit --no-fund && node build.mjs) >> "$logs/package.log" 2>&1 &&
   (cd examples/app-test && npm ci --no-audit --no-fund) >> "$logs/package.log" 2>&1; then
  # LEAK_CYCLES: open/close cycles of each of the seven flows in
  # leaks.test.mjs, popups included (10 000; ~10-20 min on 2 cores).
  # What a page downloads may not grow past scripts/size.mjs's limit.
  check size "gzip of dist/npm/index.js and the CDN file within scripts/size.mjs GZIP_LIMIT" node scripts/size.mjs
  # The tarball as npm and TypeScript users resolve it. The package is ESM
  # (`type: module`, no CommonJS entry), so attw leaves out the CommonJS
  # resolutions.
  npm_lint() { publint --strict dist/npm && (cd dist/npm && attw --pack . --profile esm-only); }
  check npm-lint "publint --strict and attw --pack --profile esm-only on the packed dist/npm" npm_lint
  layer e2e count_node env LEAK_CYCLES="${LEAK_CYCLES:-10000}" node --test --test-concurrency=1 tests/e2e/
  # An app's own test (examples/app-test): the demo against ave-embed-wasm/testing,
  # installed from dist/npm as an app installs the package.
  layer app-test count_node node --test --test-concurrency=1 examples/app-test/
  # A Rust app that depends on the crate (examples/rust-consumer, its own
  # crate and lock file): built by cargo and the wasm-bindgen CLI, then its
  # connector sheet, sign-in and runtime driven in Chromium against the mock
  # issuer. (The Yew example is `make examples`: too slow to build here.)
  if make --no-print-directory build-rust-consumer > "$logs/rust-consumer-build.log" 2>&1; then
    layer rust-consumer count_node node --test --test-concurrency=1 examples/rust-consumer/consumer.test.mjs
  else
    cat "$logs/rust-consumer-build.log"; summary+=("rust-consumer    FAILED (build: see $logs/rust-consumer-build.log)"); status=1; total_fail=$((total_fail + 1))
  fi
  # The engine matrix: the same scenarios (tests/engines/) in each engine;
  # then the page states (tests/page-states/): every function called while
  # its importer evaluates, at load, before and after the ready mark and the
  # warm-up, in old engines, under a CSP without wasm, with hostile values,
  # and from an app page that another origin frames.
  for engine in chromium firefox webkit; do
    layer "engine-$engine" count_node env ENGINE=$engine node --test tests/engines/
    layer "states-$engine" count_node env ENGINE=$engine node --test --test-concurrency=1 tests/page-states/
  done
else
  cat "$logs/package.log"; summary+=("package          FAILED (see $logs/package.log)"); status=1; total_fail=$((total_fail + 1))
fi

echo
echo "=== make test summary"
printf '%s\n' "${summary[@]}"
echo "total: $total_pass passed, $total_fail failed, $total_skip skipped"
exit $status
