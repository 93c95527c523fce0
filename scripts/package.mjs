#!/usr/bin/env node
// Builds the npm package in dist/npm from target/bindgen (wasm-bindgen
// `--target web` output and the inflate/ decoder, already through
// `wasm-opt -Oz`) and pkg-template/.
//
//   dist/npm/index.js              ESM entry: wrappers + glue + inlined deflated wasm (one file)
//   dist/npm/ave-embed.global.js   CDN build: defines globalThis.AveEmbed
//   dist/npm/global.d.ts           its types (`ave-embed-wasm/global`)
//   dist/npm/integrity.json        its Subresource Integrity hash (sha384)
//   dist/npm/index.d.ts            types of every export and option
//   dist/npm/react.js, react.d.ts  ave-embed-wasm/react: the two React hooks (copied as written; they import ./index.js)
//   dist/npm/testing/              ave-embed-wasm/testing: the mock issuer for apps' tests (kit/, copied)
//   dist/npm/package.json, README.md, LICENSE
// Each thing once: the wasm is in the two bundles only (no loose `.wasm`:
// its imports and exports are renamed for the bundled glue, so no other
// glue could load it). The bench and the size report read the wasm the
// bundles inline from target/bundle/.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zopfli from "@gfx/zopfli";
import { build } from "esbuild";
import { inflateRaw } from "../pkg-template/inflate.js";
import { shortenExports, shortenImports } from "./short-imports.mjs";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
const bindgen = path.join(root, "target", "bindgen");
const stage = path.join(root, "target", "npm-stage");
const out = path.join(root, "dist", "npm");
const template = path.join(root, "pkg-template");

const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(path.join(root, "Cargo.toml"), "utf8"))?.[1];
if (!version) throw new Error("no version in Cargo.toml");

rmSync(stage, { recursive: true, force: true });
rmSync(out, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
mkdirSync(out, { recursive: true });

// wasm-bindgen's glue is used as generated (`--omit-default-module-path`:
// no `new URL(…, import.meta.url)` for bundlers to chase; `--encode-into
// always`), with one rewrite, catchInPlace below, which every call that
// reaches a `catch` import walks (tests/page-states/hostile.test.mjs throws
// through each kind of them; every flow of tests/e2e/ and tests/engines/
// goes through the rest). Everything else it has stays: an edit on a path
// no test walks once cut the synchronous start (issue 26).
const glue = readFileSync(path.join(bindgen, "ave_embed_wasm.js"), "utf8");
if (glue.includes("import.meta.url")) throw new Error("wasm-bindgen glue resolves a .wasm URL: build with --omit-default-module-path (Makefile)");
const imports = shortenImports(readFileSync(path.join(bindgen, "ave_embed_wasm_bg.wasm")), glue);
const short = shortenExports(imports.wasm, imports.glue);
const wasm = short.wasm;
writeFileSync(path.join(stage, "ave_embed_wasm.js"), catchInPlace(short.glue));

// wasm-bindgen wraps each `catch` import in two functions, the import
// (`function() { return handleError(function (a, b) { … }, arguments); }`)
// and the body it applies to `arguments`: both are compiled at the first
// call (a first sheet open makes several), and every call builds
// `arguments`. Here each becomes one function with the body in a `try`,
// and `handleError` takes the caught value (the same store of the error
// into wasm; the import then returns undefined, as before).
function catchInPlace(glue) {
  const wrapped = /function\(\) \{ return handleError\(function (\([^)]*\)) \{\n([^]*?)\n {8}\}, arguments\); \}/g;
  const helper = /\nfunction handleError\(f, args\) \{\n {4}try \{\n {8}return f\.apply\(this, args\);\n {4}\} catch \(e\) \{\n([^]*?)\n {4}\}\n\}\n/;
  // (`split` keeps the helper's one captured group: 3 parts for exactly one helper.)
  if (!glue.match(wrapped) || glue.split(helper).length !== 3) throw new Error("wasm-bindgen glue changed (handleError): update scripts/package.mjs");
  glue = glue
    .replace(wrapped, (_, params, body) => `function ${params} { try {\n${body}\n        } catch (e) { handleError(e); } }`)
    .replace(helper, (_, store) => `\nfunction handleError(e) {\n${store}\n}\n`);
  if (glue.includes("handleError(function")) throw new Error("wasm-bindgen glue changed (handleError): update scripts/package.mjs");
  return glue;
}

// The JS the crate imports (`#[wasm_bindgen(module = …)]`: src/browser/channel.js).
cpSync(path.join(bindgen, "snippets"), path.join(stage, "snippets"), { recursive: true });
new WebAssembly.Module(wasm); // still valid

// The WebAssembly features the two modules may use: exactly those README's
// "Browser support" minimum (Chrome/Edge 96, Firefox 79, Safari 15) has. A
// toolchain that starts emitting another one fails the build here instead
// of failing those browsers.
const WASM_FEATURES = ["sign-ext", "nontrapping-float-to-int", "bulk-memory", "reference-types", "multivalue", "mutable-globals"];
const wasmOpt = path.join(root, "node_modules", ".bin", "wasm-opt");
for (const [name, bytes] of [["ave_embed_wasm_bg.wasm", wasm], ["ave_inflate.wasm", readFileSync(path.join(bindgen, "ave_inflate.wasm"))]]) {
  const file = path.join(stage, `features-${name}`);
  writeFileSync(file, bytes);
  try {
    execFileSync(wasmOpt, ["--mvp-features", ...WASM_FEATURES.map((f) => `--enable-${f}`), file, "-o", "/dev/null", "-q"], { stdio: "pipe" });
  } catch (e) {
    throw new Error(`${name} uses a WebAssembly feature beyond README's browser minimum (${WASM_FEATURES.join(", ")}):\n${e.stdout}${e.stderr}`);
  }
}

// Inlined deflated: base64 of deflated bytes gzips to about the deflated
// size, where base64 of the raw wasm gzips to 1.4× a gzipped .wasm. Zopfli
// writes standard DEFLATE about 6% smaller than zlib -9; the decoder is the
// small wasm module built from inflate/ (pkg-template/inflate.js). The round
// trip is checked here, with that decoder, before anything is written.
const inflater = readFileSync(path.join(bindgen, "ave_inflate.wasm"));
const deflated = Buffer.from(await zopfli.deflateAsync(wasm, { numiterations: 15, blocksplitting: true }));
if (Buffer.compare(Buffer.from(inflateRaw(inflater, deflated, wasm.length)), wasm) !== 0) throw new Error("inflate round trip failed");
// The two base64 strings go at the very end of each bundle, as hoisted
// function declarations the module calls: gzip codes the JavaScript and the
// base64 better apart than interleaved (−0.4 KB gzip). Measured with GNU
// `gzip -9`, the budget's measure (scripts/size.mjs), this order beats
// putting them first by 0.5 KB; only Node's own zlib, a fork with its own
// match finder, preferred them first (docs/size.md).
writeFileSync(
  path.join(stage, "wasm-inline.js"),
  ["export const inflater = aveInflater();", "export const deflated = aveDeflated();", `export const size = ${wasm.length};`].join("\n") + "\n",
);
const data =
  `function aveInflater(){return${JSON.stringify(inflater.toString("base64"))}}` +
  `function aveDeflated(){return${JSON.stringify(deflated.toString("base64"))}}`;
for (const f of ["index.js", "global.js", "inflate.js"]) cpSync(path.join(template, f), path.join(stage, f));

// The first line asks V8 (Chrome 136+) to compile every function of the
// file while it streams it in, off the main thread: the SDK's functions all
// run at a page's first call, which otherwise compiles them one by one
// inside the user's click. Other engines read a comment.
const banner = `//# allFunctionsCalledOnLoad\n/*! ave-embed-wasm ${version} | MIT OR Apache-2.0 */`;
const common = { bundle: true, minify: true, target: "es2020", legalComments: "none", banner: { js: banner }, logLevel: "warning" };
await build({ ...common, entryPoints: [path.join(stage, "index.js")], format: "esm", outfile: path.join(out, "index.js") });
await build({ ...common, entryPoints: [path.join(stage, "global.js")], format: "iife", outfile: path.join(out, "ave-embed.global.js") });
// ESM: module scope. IIFE: inside the function, so that no global is added.
const esm = readFileSync(path.join(out, "index.js"), "utf8");
writeFileSync(path.join(out, "index.js"), esm.trimEnd() + data + "\n");
const iife = readFileSync(path.join(out, "ave-embed.global.js"), "utf8").trimEnd();
if (!iife.endsWith("})();")) throw new Error("esbuild's IIFE changed shape: update scripts/package.mjs");
writeFileSync(path.join(out, "ave-embed.global.js"), iife.slice(0, -"})();".length) + data + "})();\n");

// The `integrity` value a page puts on the CDN file's <script> tag
// (README, "From a CDN"): a CDN URL names the version (…@0.1.0/…), and
// the hash pins the bytes.
const cdnName = "ave-embed.global.js";
const cdn = readFileSync(path.join(out, cdnName));
const integrity = `sha384-${createHash("sha384").update(cdn).digest("base64")}`;
writeFileSync(path.join(out, "integrity.json"), JSON.stringify({ [cdnName]: integrity }, null, 2) + "\n");

mkdirSync(path.join(root, "target", "bundle"), { recursive: true });
writeFileSync(path.join(root, "target", "bundle", "ave_embed_wasm_bg.wasm"), wasm);
for (const f of ["index.d.ts", "global.d.ts", "react.js", "react.d.ts"]) cpSync(path.join(template, f), path.join(out, f));
// ave-embed-wasm/testing: the mock issuer, as it is in kit/ (Node ESM, its pages' scripts, types).
cpSync(path.join(root, "kit"), path.join(out, "testing"), { recursive: true });
const pkg = JSON.parse(readFileSync(path.join(template, "package.json"), "utf8"));
pkg.version = version;
// The public repository is written once, in Cargo.toml's `repository`;
// the npm package takes its `repository`, `homepage` and `bugs` from it
// (`npm publish --provenance` needs `repository`). `make release-check`
// fails while it is not set.
const repository = /^repository\s*=\s*"([^"]+)"/m.exec(readFileSync(path.join(root, "Cargo.toml"), "utf8"))?.[1];
if (repository) {
  const url = repository.replace(/\.git$/, "").replace(/\/$/, "");
  Object.assign(pkg, { repository: { type: "git", url: `git+${url}.git` }, homepage: `${url}#readme`, bugs: { url: `${url}/issues` } });
}
writeFileSync(path.join(out, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
for (const f of ["README.md", "LICENSE", "LICENSE-MIT", "LICENSE-APACHE"]) cpSync(path.join(root, f), path.join(out, f));

console.log(`dist/npm: ave-embed-wasm ${version}; ${cdnName} integrity ${integrity}`);
