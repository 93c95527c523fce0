// Unpacks the inlined SDK module. The package ships it deflated (base64 of
// raw wasm gzips to 1.4× a gzipped .wasm; docs/size.md) together with a
// 3 KB raw-DEFLATE decoder that is itself wasm (inflate/, in Rust): a
// JavaScript decoder would run cold in the interpreter for tens of
// milliseconds inside the caller's click, the wasm one takes 3–4 ms on a slow
// 2-core machine (docs/performance.md).

/** Inflates raw DEFLATE `input` into exactly `size` bytes with the decoder module `inflater`. */
export function inflateRaw(inflater, input, size) {
  const { memory, inflate, __heap_base } = new WebAssembly.Instance(new WebAssembly.Module(inflater)).exports;
  const at = __heap_base.value;
  const end = at + input.length + size;
  if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / 65536));
  new Uint8Array(memory.buffer, at, input.length).set(input);
  if (!inflate(at, input.length, at + input.length, size)) throw new Error("ave-embed-wasm: corrupt inlined wasm");
  return new Uint8Array(memory.buffer, at + input.length, size);
}
