//! Raw DEFLATE (RFC 1951) decoder, built as a wasm module of its own (about
//! 2 KB) that the npm package inlines next to the deflated SDK module.
//!
//! Why: the package ships its wasm deflated (base64 of raw wasm gzips to
//! 1.4× a gzipped `.wasm`; docs/size.md), and the first call must unpack
//! it synchronously, inside the caller's click. A JavaScript inflater runs
//! cold in the interpreter (tens of milliseconds); this one is compiled by
//! the browser's baseline wasm compiler in about half a millisecond and
//! unpacks the SDK in 3–4 ms on this project's 2-core test machine
//! (docs/performance.md); the background start uses the browser's own
//! DecompressionStream instead.
//!
//! Safe Rust throughout except the one exported entry point, which turns the
//! JavaScript side's pointers into slices. Corrupt input is an error, never
//! a panic or an out-of-bounds access.
#![cfg_attr(all(target_arch = "wasm32", not(test)), no_std)]

/// The input is not valid DEFLATE data of the expected size.
#[derive(Debug, PartialEq, Eq)]
pub struct Corrupt;

/// Code length order of the code-length code (RFC 1951 §3.2.7).
const ORDER: [u8; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];
/// Base length and extra bits of length symbol `257 + l` (RFC 1951
/// §3.2.5), computed rather than tabled: four lengths per extra bit after
/// the first eight, and 258 on its own.
fn length_code(l: usize) -> Option<(usize, u32)> {
    match l {
        0..=7 => Some((l + 3, 0)),
        8..=27 => {
            let extra = (l as u32 - 4) >> 2;
            Some((((4 + (l & 3)) << extra) + 3, extra))
        }
        28 => Some((258, 0)),
        _ => None,
    }
}

/// Base distance and extra bits of distance symbol `d`: two distances per
/// extra bit after the first four.
fn distance_code(d: usize) -> Option<(usize, u32)> {
    match d {
        0..=3 => Some((d + 1, 0)),
        4..=29 => {
            let extra = (d as u32 - 2) >> 1;
            Some((((2 + (d & 1)) << extra) + 1, extra))
        }
        _ => None,
    }
}

/// Bits looked up at once; longer codes (rare) are decoded bit by bit.
const FAST_BITS: u32 = 9;

/// A canonical Huffman code: a lookup table for codes of up to
/// [`FAST_BITS`] bits (entry = symbol << 4 | code length, 0 = longer code),
/// and the code-length counts and symbols in code order for the rest.
/// Small, so each block rebuilds it in a few hundred steps.
struct Table {
    fast: [u16; 1 << FAST_BITS],
    count: [u16; 16],
    symbols: [u16; 320],
}

impl Table {
    const fn new() -> Self {
        Self {
            fast: [0; 1 << FAST_BITS],
            count: [0; 16],
            symbols: [0; 320],
        }
    }

    /// Builds the code of `lengths` (one per symbol, 0 = unused).
    fn build(&mut self, lengths: &[u8]) -> Result<(), Corrupt> {
        self.count = [0; 16];
        for &len in lengths {
            *self.count.get_mut(usize::from(len)).ok_or(Corrupt)? += 1;
        }
        self.count[0] = 0;
        // offset[len]: where the symbols of each length start in code order;
        // next[len]: the first code of each length (RFC 1951 §3.2.2).
        let mut offset = [0u16; 16];
        let mut next = [0u32; 16];
        let (mut at, mut code) = (0u16, 0u32);
        for len in 1..16usize {
            let shorter = self.count.get(len - 1).copied().unwrap_or(0);
            code = (code + u32::from(shorter)) << 1;
            if let (Some(n), Some(o)) = (next.get_mut(len), offset.get_mut(len)) {
                *n = code;
                *o = at;
            }
            at += self.count.get(len).copied().unwrap_or(0);
        }
        self.fast.fill(0);
        for (symbol, &len) in lengths.iter().enumerate() {
            if len == 0 {
                continue;
            }
            let slot = offset.get_mut(usize::from(len)).ok_or(Corrupt)?;
            *self.symbols.get_mut(usize::from(*slot)).ok_or(Corrupt)? = symbol as u16;
            *slot += 1;
            let code = next.get_mut(usize::from(len)).ok_or(Corrupt)?;
            let reversed = code.reverse_bits() >> (32 - u32::from(len));
            *code += 1;
            if u32::from(len) <= FAST_BITS {
                let mut i = reversed as usize;
                while let Some(entry) = self.fast.get_mut(i) {
                    *entry = (symbol as u16) << 4 | u16::from(len);
                    i += 1 << len;
                }
            }
        }
        Ok(())
    }
}

/// Reads bits least significant first.
struct Bits<'a> {
    input: &'a [u8],
    at: usize,
    buffer: u32,
    held: u32,
}

impl Bits<'_> {
    fn take(&mut self, n: u32) -> Result<u32, Corrupt> {
        while self.held < n {
            let byte = *self.input.get(self.at).ok_or(Corrupt)?;
            self.at += 1;
            self.buffer |= u32::from(byte) << self.held;
            self.held += 8;
        }
        let value = self.buffer & ((1u32 << n) - 1);
        self.buffer = self.buffer.checked_shr(n).unwrap_or(0);
        self.held -= n;
        Ok(value)
    }

    /// The next symbol of `table`. Past the end of the input it reads zero
    /// bits (the last code may end in the final byte), up to 4 bytes' worth.
    fn symbol(&mut self, table: &Table) -> Result<u32, Corrupt> {
        while self.held < 16 {
            let byte = match self.input.get(self.at) {
                Some(&b) => b,
                None if self.at < self.input.len() + 4 => 0,
                None => return Err(Corrupt),
            };
            self.at += 1;
            self.buffer |= u32::from(byte) << self.held;
            self.held += 8;
        }
        let entry = u32::from(
            *table
                .fast
                .get((self.buffer & ((1 << FAST_BITS) - 1)) as usize)
                .ok_or(Corrupt)?,
        );
        if entry != 0 {
            self.buffer >>= entry & 15;
            self.held -= entry & 15;
            return Ok(entry >> 4);
        }
        // A longer code: walk the lengths, one bit at a time (codes are
        // stored most significant bit first).
        let (mut code, mut first, mut index) = (0u32, 0u32, 0u32);
        for len in 1..16 {
            code |= self.buffer >> (len - 1) & 1;
            let count = u32::from(*table.count.get(len as usize).ok_or(Corrupt)?);
            if code.wrapping_sub(first) < count {
                self.buffer >>= len;
                self.held -= len;
                let at = (index + code - first) as usize;
                return table.symbols.get(at).map(|&s| u32::from(s)).ok_or(Corrupt);
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err(Corrupt)
    }
}

/// The decoder's tables (about 3 KB; the wasm entry point keeps one in
/// static memory).
pub struct Inflater {
    lit: Table,
    dist: Table,
    code: Table,
    lengths: [u8; 320],
}

impl Inflater {
    /// Empty tables.
    pub const fn new() -> Self {
        Self {
            lit: Table::new(),
            dist: Table::new(),
            code: Table::new(),
            lengths: [0; 320],
        }
    }

    /// Inflates raw DEFLATE `input` into `out`, which must be exactly the
    /// size of the inflated data.
    pub fn inflate(&mut self, input: &[u8], out: &mut [u8]) -> Result<(), Corrupt> {
        let mut bits = Bits {
            input,
            at: 0,
            buffer: 0,
            held: 0,
        };
        let mut at = 0usize;
        loop {
            let last = bits.take(1)? == 1;
            match bits.take(2)? {
                0 => {
                    bits.take(bits.held % 8)?;
                    let len = bits.take(16)?;
                    if len ^ 0xffff != bits.take(16)? {
                        return Err(Corrupt);
                    }
                    for _ in 0..len {
                        *out.get_mut(at).ok_or(Corrupt)? = bits.take(8)? as u8;
                        at += 1;
                    }
                }
                1 => {
                    let mut lengths = [8u8; 288];
                    lengths.get_mut(144..256).ok_or(Corrupt)?.fill(9);
                    lengths.get_mut(256..280).ok_or(Corrupt)?.fill(7);
                    self.lit.build(&lengths)?;
                    self.dist.build(&[5; 30])?;
                    at = self.codes(&mut bits, out, at)?;
                }
                2 => {
                    self.dynamic_tables(&mut bits)?;
                    at = self.codes(&mut bits, out, at)?;
                }
                _ => return Err(Corrupt),
            }
            if last {
                break;
            }
        }
        if at == out.len() {
            Ok(())
        } else {
            Err(Corrupt)
        }
    }

    fn dynamic_tables(&mut self, bits: &mut Bits) -> Result<(), Corrupt> {
        let nlit = bits.take(5)? as usize + 257;
        let ndist = bits.take(5)? as usize + 1;
        let ncode = bits.take(4)? as usize + 4;
        let mut code_lengths = [0u8; 19];
        for &i in ORDER.get(..ncode).ok_or(Corrupt)? {
            *code_lengths.get_mut(usize::from(i)).ok_or(Corrupt)? = bits.take(3)? as u8;
        }
        self.code.build(&code_lengths)?;
        let lengths = self.lengths.get_mut(..nlit + ndist).ok_or(Corrupt)?;
        let mut i = 0;
        while i < lengths.len() {
            let symbol = bits.symbol(&self.code)?;
            let (repeat, value) = match symbol {
                0..=15 => (1, symbol as u8),
                16 => {
                    let previous = *lengths.get(i.wrapping_sub(1)).ok_or(Corrupt)?;
                    (3 + bits.take(2)?, previous)
                }
                17 => (3 + bits.take(3)?, 0),
                18 => (11 + bits.take(7)?, 0),
                _ => return Err(Corrupt),
            };
            let end = i + repeat as usize;
            lengths.get_mut(i..end).ok_or(Corrupt)?.fill(value);
            i = end;
        }
        let (lit, dist) = lengths.split_at(nlit);
        self.lit.build(lit)?;
        self.dist.build(dist)
    }

    /// Decodes literal/length and distance codes up to the end-of-block code.
    fn codes(&self, bits: &mut Bits, out: &mut [u8], mut at: usize) -> Result<usize, Corrupt> {
        loop {
            let symbol = bits.symbol(&self.lit)?;
            if symbol < 256 {
                *out.get_mut(at).ok_or(Corrupt)? = symbol as u8;
                at += 1;
                continue;
            }
            if symbol == 256 {
                return Ok(at);
            }
            let (base, extra) = length_code(symbol as usize - 257).ok_or(Corrupt)?;
            let length = base + bits.take(extra)? as usize;
            let d = bits.symbol(&self.dist)? as usize;
            let (base, extra) = distance_code(d).ok_or(Corrupt)?;
            let distance = base + bits.take(extra)? as usize;
            let from = at.checked_sub(distance).ok_or(Corrupt)?;
            let end = at + length;
            if end > out.len() {
                return Err(Corrupt);
            }
            if distance >= length {
                out.copy_within(from..from + length, at);
            } else {
                for i in at..end {
                    *out.get_mut(i).ok_or(Corrupt)? = *out.get(i - distance).ok_or(Corrupt)?;
                }
            }
            at = end;
        }
    }
}

impl Default for Inflater {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use super::Inflater;

    static mut INFLATER: Inflater = Inflater::new();

    /// Inflates `input_len` bytes at `input` into the `out_len` bytes at
    /// `out`; returns 1 on success, 0 on corrupt input. Both ranges are
    /// memory the JavaScript side grew above `__heap_base` for this call.
    #[no_mangle]
    pub extern "C" fn inflate(
        input: *const u8,
        input_len: usize,
        out: *mut u8,
        out_len: usize,
    ) -> u32 {
        // SAFETY: the caller owns both ranges, they do not overlap, they lie
        // above all Rust data, and this single-threaded module is not re-entered.
        let (input, out, inflater) = unsafe {
            (
                core::slice::from_raw_parts(input, input_len),
                core::slice::from_raw_parts_mut(out, out_len),
                &mut *core::ptr::addr_of_mut!(INFLATER),
            )
        };
        u32::from(inflater.inflate(input, out).is_ok())
    }

    #[cfg(not(test))]
    #[panic_handler]
    fn panic(_: &core::panic::PanicInfo) -> ! {
        core::arch::wasm32::unreachable()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::{Corrupt, Inflater};
    use flate2::{write::DeflateEncoder, Compression};
    use std::io::Write;

    fn deflate(data: &[u8], level: u32) -> Vec<u8> {
        let mut e = DeflateEncoder::new(Vec::new(), Compression::new(level));
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn inflate(input: &[u8], size: usize) -> Result<Vec<u8>, Corrupt> {
        let mut out = vec![0; size];
        let mut inflater = Box::new(Inflater::new());
        inflater.inflate(input, &mut out)?;
        Ok(out)
    }

    fn samples() -> Vec<Vec<u8>> {
        let noise: Vec<u8> = (0u32..70_000)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        let text = include_bytes!("lib.rs").repeat(3);
        vec![Vec::new(), b"a".to_vec(), vec![7; 100_000], noise, text]
    }

    #[test]
    fn round_trips_every_level() {
        for data in samples() {
            for level in 0..=9 {
                let packed = deflate(&data, level);
                assert_eq!(inflate(&packed, data.len()).unwrap(), data, "level {level}");
            }
        }
    }

    #[test]
    fn computed_codes_are_rfc1951_tables() {
        const LEN_BASE: [usize; 29] = [
            3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99,
            115, 131, 163, 195, 227, 258,
        ];
        const LEN_EXTRA: [u32; 29] = [
            0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
        ];
        const DIST_BASE: [usize; 30] = [
            1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025,
            1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
        ];
        for (l, (&base, &extra)) in LEN_BASE.iter().zip(&LEN_EXTRA).enumerate() {
            assert_eq!(super::length_code(l), Some((base, extra)), "length {l}");
        }
        for (d, &base) in DIST_BASE.iter().enumerate() {
            let extra = if d < 4 { 0 } else { (d as u32 - 2) / 2 };
            assert_eq!(super::distance_code(d), Some((base, extra)), "distance {d}");
        }
        assert_eq!(super::length_code(29), None);
        assert_eq!(super::distance_code(30), None);
    }

    #[test]
    fn fixed_huffman_block() {
        // flate2 picks fixed codes for short inputs.
        let data = b"hello hello hello hello";
        assert_eq!(inflate(&deflate(data, 6), data.len()).unwrap(), data);
    }

    #[test]
    fn wrong_size_or_truncated_input_is_an_error() {
        let data = samples().pop().unwrap();
        let packed = deflate(&data, 9);
        assert_eq!(inflate(&packed, data.len() - 1), Err(Corrupt));
        assert_eq!(inflate(&packed, data.len() + 1), Err(Corrupt));
        assert_eq!(
            inflate(&packed[..packed.len() / 2], data.len()),
            Err(Corrupt)
        );
        assert_eq!(inflate(&[], 0), Err(Corrupt));
    }

    #[test]
    fn flipped_bits_never_panic() {
        let data = samples().pop().unwrap();
        let packed = deflate(&data, 9);
        let mut inflater = Box::new(Inflater::new());
        let mut out = vec![0; data.len()];
        for i in 0..2000 {
            let mut bad = packed.clone();
            let at = (i * 7919) % bad.len();
            bad[at] ^= 1 << (i % 8);
            let _ = inflater.inflate(&bad, &mut out);
        }
    }
}
