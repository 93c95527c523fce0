#!/usr/bin/env node
// What a web page downloads, from dist/npm (after `make package`): gzip -9
// bytes of the ESM entry and the CDN file, and the wasm they inline. Exits
// non-zero when the ESM entry or the CDN file is over GZIP_LIMIT, so that
// `make test` catches a size regression (README, "Size").
//
//   node scripts/size.mjs          the table and the limit check
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/** The goal for `index.js` and the CDN file, gzip -9 (`make bench` checks it). */
export const GZIP_BUDGET = 40 * 1024;
/**
 * What `make test` allows: the budget itself, now that the package is
 * within it. A change that makes the package bigger has to take the bytes
 * from somewhere else (README, "Size").
 */
export const GZIP_LIMIT = GZIP_BUDGET;

const out = path.resolve(fileURLToPath(new URL("../dist/npm", import.meta.url)));

/** Raw and gzip -9 bytes of a file of dist/npm. */
export function measure(file) {
  const bytes = readFileSync(path.join(out, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = ["index.js", "ave-embed.global.js", "ave_embed_wasm_bg.wasm"].map(measure);
  for (const r of rows) console.log(`${r.file.padEnd(24)} ${String(r.raw).padStart(7)} B raw ${String(r.gzip).padStart(7)} B gzip`);
  let ok = true;
  for (const r of rows.filter((r) => r.file.endsWith(".js"))) {
    const pass = r.gzip <= GZIP_LIMIT;
    ok &&= pass;
    console.log(`${pass ? "PASS" : "FAIL"}  ${r.file}: gzip ${r.gzip} B ≤ ${GZIP_LIMIT} B (goal ${GZIP_BUDGET} B)`);
  }
  process.exit(ok ? 0 : 1);
}
