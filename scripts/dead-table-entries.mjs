#!/usr/bin/env node
// Drops table entries that only a deleted export could reach, so that
// `wasm-opt` can remove the functions behind them (`make build`, between
// wasm-bindgen and wasm-opt, while the module still has its name section).
//
// js-sys links the waker of its JSPI task runner through a raw export,
// `__wbg_jspi_task_poll`, which wasm-bindgen deletes from a module without
// JSPI exports (this one). What the export reached goes with it, except
// the waker's four functions: their addresses sit in a vtable in the data
// section, so they stay in the function table, and no pass can tell that
// nothing reads that vtable any more (0.5 KB of wasm with what they call).
// Here their table entries point at another entry's function instead.
// Nothing calls them: the only path to the vtable was the deleted export,
// which is checked to be gone.
//
//   node scripts/dead-table-entries.mjs file.wasm   (rewrites the file)
import { readFileSync, writeFileSync } from "node:fs";
import { readU32, replaceSection, sections, u32 } from "./wasm-binary.mjs";

const DEAD = /^js_sys::futures::jspi::task_waker::raw_(clone|wake|wake_by_ref|drop)::/;
const GONE_EXPORT = "__wbg_jspi_task_poll";

const utf8 = new TextDecoder();

/** Function index → name, from the `name` custom section. */
function functionNames(wasm, all) {
  const names = new Map();
  for (const s of all.filter((s) => s.id === 0)) {
    const [len, at] = readU32(wasm, s.body);
    if (utf8.decode(wasm.subarray(at, at + len)) !== "name") continue;
    for (let p = at + len; p < s.end; ) {
      const kind = wasm[p];
      const [size, body] = readU32(wasm, p + 1);
      if (kind === 1) {
        let [count, q] = readU32(wasm, body);
        for (; count > 0; count--) {
          const [index, r] = readU32(wasm, q);
          const [n, t] = readU32(wasm, r);
          names.set(index, utf8.decode(wasm.subarray(t, t + n)));
          q = t + n;
        }
      }
      p = body + size;
    }
  }
  return names;
}

function exportNames(wasm, all) {
  const names = [];
  const s = all.find((s) => s.id === 7);
  if (!s) return names;
  let [count, p] = readU32(wasm, s.body);
  for (; count > 0; count--) {
    const [len, at] = readU32(wasm, p);
    names.push(utf8.decode(wasm.subarray(at, at + len)));
    p = readU32(wasm, at + len + 1)[1];
  }
  return names;
}

/** Returns the module with the dead entries of its (one, active) element segment redirected. */
export function dropDeadTableEntries(wasm) {
  const all = sections(wasm);
  const names = functionNames(wasm, all);
  if (names.size === 0) throw new Error("dead-table-entries: no name section (run it before wasm-opt)");
  if (exportNames(wasm, all).includes(GONE_EXPORT)) return { wasm, dropped: 0 };
  const elem = all.find((s) => s.id === 9);
  if (!elem) return { wasm, dropped: 0 };
  const [segments, first] = readU32(wasm, elem.body);
  // `flags` 0: an active segment of table 0 with an `i32.const` offset and function indices.
  if (segments !== 1 || wasm[first] !== 0 || wasm[first + 1] !== 0x41) throw new Error("dead-table-entries: unexpected element section");
  const [, afterOffset] = readU32(wasm, first + 2);
  if (wasm[afterOffset] !== 0x0b) throw new Error("dead-table-entries: unexpected element offset");
  let [count, p] = readU32(wasm, afterOffset + 1);
  const entries = [];
  for (; count > 0; count--) {
    const [index, next] = readU32(wasm, p);
    entries.push(index);
    p = next;
  }
  if (p !== elem.end) throw new Error("dead-table-entries: element section not fully read");
  const live = entries.find((i) => !DEAD.test(names.get(i) ?? ""));
  let dropped = 0;
  const rewritten = entries.map((i) => (DEAD.test(names.get(i) ?? "") ? (dropped++, live) : i));
  const body = [...u32(1), ...wasm.subarray(first, afterOffset + 1), ...u32(rewritten.length), ...rewritten.flatMap(u32)];
  return { wasm: replaceSection(wasm, elem, body), dropped };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  const { wasm, dropped } = dropDeadTableEntries(readFileSync(file));
  new WebAssembly.Module(wasm); // still valid
  writeFileSync(file, wasm);
  console.log(`dead-table-entries: ${dropped} entries redirected in ${file}`);
}
