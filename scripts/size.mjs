#!/usr/bin/env node
// What a web page downloads, from dist/npm (after `make package`): gzip -9
// bytes of the ESM entry and the CDN file, and the wasm they inline. Exits
// non-zero when the ESM entry or the CDN file is over GZIP_LIMIT, so that
// `make test` catches a size regression (docs/size.md).
//
// Measured with GNU gzip (`gzip -9 -c FILE`, the file's name in its header),
// what the budget's "gzip -9" means. Not Node's zlib: Node ships Chromium's
// fork of it, whose match finder gives other sizes (here up to 0.5 KB off,
// in either direction, depending on where the base64 sits).
//
//   node scripts/size.mjs          the table and the limit check
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";

/** The goal for `index.js` and the CDN file, gzip -9 (`make bench` reports against it). */
export const GZIP_BUDGET = 40 * 1024;
/**
 * What `make test` allows: the goal plus headroom, so that a correctness
 * fix never has to fight for bytes (issue 26: a byte saved by cutting a
 * path the package needed broke every early call). Bytes over the goal are
 * the size work's business, not a reason to break a path. 44 KiB until
 * FedCM sign-in (issue 31), a feature of 2.3 KB (docs/size.md).
 */
export const GZIP_LIMIT = 47 * 1024;

const out = path.resolve(fileURLToPath(new URL("../dist/npm", import.meta.url)));

/** Bytes of `gzip -9 -c` of the file at `filePath` (GNU gzip). */
export function gzipSize(filePath) {
  return execFileSync("gzip", ["-9", "-c", filePath], { maxBuffer: 1 << 26 }).length;
}

/** Raw and gzip -9 bytes of a file of dist/npm (or of the repository, by its path from the root). */
export function measure(file) {
  const filePath = file.includes("/") ? path.join(out, "..", "..", file) : path.join(out, file);
  return { file, raw: readFileSync(filePath).length, gzip: gzipSize(filePath) };
}

/** The wasm the bundles inline (scripts/package.mjs writes it beside dist/npm, not into it). */
export const INLINED_WASM = "target/bundle/ave_embed_wasm_bg.wasm";

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = ["index.js", "ave-embed.global.js", INLINED_WASM].map(measure);
  for (const r of rows) console.log(`${r.file.padEnd(31)} ${String(r.raw).padStart(7)} B raw ${String(r.gzip).padStart(7)} B gzip`);
  let ok = true;
  for (const r of rows.filter((r) => r.file.endsWith(".js"))) {
    const pass = r.gzip <= GZIP_LIMIT;
    ok &&= pass;
    console.log(`${pass ? "PASS" : "FAIL"}  ${r.file}: gzip ${r.gzip} B ≤ ${GZIP_LIMIT} B (goal ${GZIP_BUDGET} B)`);
  }
  process.exit(ok ? 0 : 1);
}
