// The few pieces of the wasm binary format that the build's post-link
// steps read and write (scripts/short-imports.mjs, dead-table-entries.mjs).

/** An unsigned LEB128 number at `at`: `[value, the offset after it]`. */
export function readU32(bytes, at) {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [value, at];
  }
}

/** `value` as unsigned LEB128 bytes. */
export function u32(value) {
  const out = [];
  do {
    let b = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) b |= 0x80;
    out.push(b);
  } while (value);
  return out;
}

/** The module's sections, in order: `{ id, start, body, end }` (`start`: the id byte). */
export function sections(wasm) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error("not a wasm module");
  const out = [];
  for (let at = 8; at < wasm.length; ) {
    const [size, body] = readU32(wasm, at + 1);
    out.push({ id: wasm[at], start: at, body, end: body + size });
    at = body + size;
  }
  return out;
}

/** The section with id `id` (e.g. 2 imports, 7 exports); throws when there is none. */
export function section(wasm, id) {
  const found = sections(wasm).find((s) => s.id === id);
  if (!found) throw new Error(`no section ${id} in the wasm`);
  return found;
}

/** `wasm` with section `sec` (from `sections`/`section`) replaced by one of the same id holding `content` (bytes). */
export function replaceSection(wasm, sec, content) {
  return Buffer.concat([wasm.subarray(0, sec.start), Buffer.from([sec.id, ...u32(content.length), ...content]), wasm.subarray(sec.end)]);
}
