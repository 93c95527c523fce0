#!/usr/bin/env bash
# `make release-check`: what a release would publish, checked without
# publishing: the npm tarball (its files and sizes, publint, attw) and the
# crate (`cargo publish --dry-run`, `cargo package --list`).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

echo "=== npm: the tarball (npm pack --dry-run in dist/npm)"
(cd dist/npm && npm pack --dry-run --json) | node -e '
  const [p] = JSON.parse(require("fs").readFileSync(0, "utf8"));
  for (const f of p.files) console.log(String(f.size).padStart(9), f.path);
  console.log(`${p.name}@${p.version}: ${p.entryCount} files, ${p.size} B packed, ${p.unpackedSize} B unpacked`);'
echo "=== npm: publint --strict"
publint --strict dist/npm
echo '=== npm: attw --pack (ESM-only profile: the package is ESM, "type": "module", with no CommonJS entry)'
(cd dist/npm && attw --pack . --profile esm-only)
echo "=== crate: cargo package --list"
files=$(cargo package --list --allow-dirty 2>/dev/null)
echo "$(wc -l <<<"$files") files"
# The crate is the library: no example app (examples/ has crates of its
# own), test or npm-only file goes into it (Cargo.toml's `include`).
if grep -E '^(examples|tests|kit|pkg-template|inflate|scripts|proptest-regressions)/' <<<"$files"; then
  echo "error: the files above must not be in the crate package"; exit 1
fi
echo "=== crate: cargo publish --dry-run"
cargo publish --dry-run --allow-dirty 2>&1 | grep -v "^\s*Compiling"
# The public repository is set in one place, Cargo.toml's `repository`
# (scripts/package.mjs copies it into package.json as repository,
# homepage and bugs); nothing is published without it.
echo "=== metadata: repository, homepage, bugs"
node -e '
  const pkg = require("./dist/npm/package.json");
  const missing = ["repository", "homepage", "bugs"].filter((k) => !pkg[k]);
  for (const k of ["repository", "homepage", "bugs"]) console.log(`${k}: ${JSON.stringify(pkg[k] ?? null)}`);
  if (missing.length) {
    console.log(`NOT READY: set repository = "https://…" in Cargo.toml (the project\x27s public URL), then make release-check again`);
    process.exit(1);
  }'
