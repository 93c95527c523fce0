// Shortens the names between the wasm and its JavaScript glue: the imports
// (shortenImports) and the exports (shortenExports).
//
// wasm-bindgen names each import like `__wbg_setAttribute_f75317b2b5cabfb4`
// from the module "./ave_embed_wasm_bg.js": about 7 KB of the wasm's import
// section and as much again as object keys in the glue, mostly hex hashes
// that no compressor can shrink, and that a minifier cannot rename. Here
// they become `0`, `1`, … from module `a`, in the wasm's import section and
// in the glue's import object alike; nothing else refers to them (imports
// are called by index). The modules of the crate's own JS files become `b`,
// `c`, … Throws if the glue does not have the expected shape.

import { readU32, replaceSection, section, u32 } from "./wasm-binary.mjs";

const MODULE = "./ave_embed_wasm_bg.js";

const utf8 = new TextDecoder();
const name = (text) => {
  const bytes = new TextEncoder().encode(text);
  return [...u32(bytes.length), ...bytes];
};

/** Returns `{ wasm, glue }` with every import from the glue module renamed. */
export function shortenImports(wasm, glue) {
  // The import section: rewrite each entry, copying its description as is.
  const imports = section(wasm, 2);
  const [count, first] = readU32(wasm, imports.body);
  let p = first;
  const entries = [];
  const renamed = new Map();
  const snippets = new Map();
  for (let i = 0; i < count; i++) {
    const [moduleLen, m] = readU32(wasm, p);
    const module = utf8.decode(wasm.subarray(m, m + moduleLen));
    const [fieldLen, f] = readU32(wasm, m + moduleLen);
    const field = utf8.decode(wasm.subarray(f, f + fieldLen));
    const descStart = f + fieldLen;
    p = skipDescription(wasm, descStart);
    const desc = [...wasm.subarray(descStart, p)];
    if (module === MODULE) {
      const short = String(renamed.size);
      renamed.set(field, short);
      entries.push(...name("a"), ...name(short), ...desc);
    } else {
      // A JS file of the crate's (`#[wasm_bindgen(module = …)]`), whose
      // exports the wasm imports directly, by their own names.
      if (!snippets.has(module)) snippets.set(module, String.fromCharCode(98 + snippets.size));
      entries.push(...name(snippets.get(module)), ...name(field), ...desc);
    }
  }
  if (p !== imports.end) throw new Error("import section not fully read");
  for (const [field, short] of renamed) {
    const key = new RegExp(`^(\\s+)${field}: function\\(`, "m");
    if (glue.split(field).length !== 2 || !key.test(glue)) throw new Error(`glue: import ${field} not found once as a key`);
    glue = glue.replace(key, `$1${short}: function(`);
  }
  const moduleKey = `"${MODULE}": import0,`;
  if (glue.split(MODULE).length !== 2 || !glue.includes(moduleKey)) throw new Error("glue: import module key not found once");
  glue = glue.replace(moduleKey, "a: import0,");
  // wasm-bindgen writes one key per imported function of a snippet, all
  // the same module under the same key: keep the first, named as above.
  for (const [module, short] of snippets) {
    const key = new RegExp(`^\\s+"${module.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}": import\\d+,\n`, "gm");
    let first = true;
    glue = glue.replace(key, (line) => (first ? ((first = false), line.replace(`"${module}"`, short)) : ""));
    if (first) throw new Error(`glue: import module ${module} not found`);
  }
  return { wasm: replaceSection(wasm, imports, [...u32(count), ...entries]), glue, renamed: renamed.size };
}

/**
 * Returns `{ wasm, glue }` with the wasm's exports renamed `a`, `b`, … in
 * the export section and in the glue, which reaches them only as
 * `wasm.<name>`. Their names (the closures' `…_invoke__h<hash>` above all)
 * were written twice, once in each file, where no compressor could share
 * them. An export the glue never names (wasm-bindgen's `__abort_handler`
 * and `__instance_terminated` globals, read by no code of this package) is
 * dropped: nothing else can reach the instance's exports.
 */
export function shortenExports(wasm, glue) {
  const exports = section(wasm, 7);
  const [count, first] = readU32(wasm, exports.body);
  let p = first;
  const entries = [];
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const [fieldLen, f] = readU32(wasm, p);
    const field = utf8.decode(wasm.subarray(f, f + fieldLen));
    const descStart = f + fieldLen;
    p = readU32(wasm, descStart + 1)[1]; // kind, index
    const use = new RegExp(`\\bwasm\\.${field}\\b`, "g");
    if (!use.test(glue)) continue;
    const short = identifier(kept++);
    if (new RegExp(`\\bwasm\\.${short}\\b`).test(glue)) throw new Error(`glue: wasm.${short} already used`);
    glue = glue.replace(use, `wasm.${short}`);
    entries.push(...name(short), ...wasm.subarray(descStart, p));
  }
  if (p !== exports.end) throw new Error("export section not fully read");
  return { wasm: replaceSection(wasm, exports, [...u32(kept), ...entries]), glue };
}

// `a`…`z`, `A`…`Z`, then two letters: short JavaScript identifiers.
function identifier(n) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  return n < letters.length ? letters[n] : identifier(Math.floor(n / letters.length) - 1) + letters[n % letters.length];
}

// The end of one import description (func, table, memory or global).
function skipDescription(bytes, at) {
  const kind = bytes[at++];
  const limits = (p) => {
    const flags = bytes[p++];
    let [, next] = readU32(bytes, p);
    if (flags & 1) [, next] = readU32(bytes, next);
    return next;
  };
  switch (kind) {
    case 0: return readU32(bytes, at)[1]; // type index
    case 1: return limits(at + 1); // reftype, limits
    case 2: return limits(at); // limits
    case 3: return at + 2; // valtype, mutability
    default: throw new Error(`unknown import kind ${kind}`);
  }
}
