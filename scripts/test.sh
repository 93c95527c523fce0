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
status=0

# cargo test prints "test result: ok. N passed; M failed; …" per binary.
count_cargo() { awk '/^test result:/ {p+=$4; f+=$6} END {print p+0, f+0}' "$1"; }
# node --test prints "# pass N" and "# fail N".
count_node() { awk '/^# pass/ {p=$3} /^# fail/ {f=$3} END {print p+0, f+0}' "$1"; }

layer() { # name counter command...
  local name=$1 counter=$2; shift 2
  echo "=== $name: $*"
  "$@" 2>&1 | tee "$logs/$name.log"
  local rc=${PIPESTATUS[0]}
  read -r p f < <($counter "$logs/$name.log")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  summary+=("$(printf '%-8s %4d passed, %d failed' "$name" "$p" "$f")")
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
  [ "$rc" -eq 0 ] || status=1
}

echo "=== lint: cargo fmt --check, cargo clippy (wasm32, -D warnings; unwrap/expect/panic/indexing denied in library code)"
if cargo fmt --check && cargo clippy --quiet --all-targets --target wasm32-unknown-unknown -- -D warnings \
   && cargo clippy --quiet --all-targets -- -D warnings; then
  summary+=("lint     clean")
else
  summary+=("lint     FAILED"); status=1; total_fail=$((total_fail + 1))
fi

layer host count_cargo cargo test
layer browser count_cargo env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown
if make --no-print-directory package > "$logs/package.log" 2>&1; then
  layer e2e count_node node --test --test-concurrency=1 tests/e2e/
else
  cat "$logs/package.log"; summary+=("package  FAILED (see $logs/package.log)"); status=1; total_fail=$((total_fail + 1))
fi

echo
echo "=== make test summary"
printf '%s\n' "${summary[@]}"
echo "total: $total_pass passed, $total_fail failed"
exit $status
