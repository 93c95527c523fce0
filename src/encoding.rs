//! base64url without padding (random `state`, PKCE values, JWT payloads)
//! and decimal integers (and rounding, without `std`'s `f64::round`),
//! without `core::fmt` (its machinery is kilobytes
//! of wasm; docs/size.md), and UTF-8 decoding (the platform's: in the
//! wasm build, the browser's `TextDecoder`).

use crate::platform::utf8;
use crate::prelude::*;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `n` in decimal.
pub fn decimal(n: u64) -> String {
    let mut out = String::new();
    push_decimal(&mut out, n);
    out
}

/// `n` rounded to the nearest integer, halves away from zero, like
/// `f64::round` (which is `std`-only) for the non-negative, in-range
/// numbers the option readers have already checked (others saturate:
/// negatives and NaN to 0, past `u64::MAX` to it).
pub fn round(n: f64) -> u64 {
    let whole = n as u64;
    // Exact: a float minus its integer part loses no bits.
    if n - whole as f64 >= 0.5 {
        whole.saturating_add(1)
    } else {
        whole
    }
}

fn push_decimal(out: &mut String, n: u64) {
    if n >= 10 {
        push_decimal(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// `bytes` as UTF-8 text, each invalid sequence replaced by U+FFFD.
pub fn utf8_lossy(bytes: &[u8]) -> String {
    utf8(bytes, false).unwrap_or_default()
}

/// `bytes` as UTF-8 text, or `None` when they are not valid UTF-8.
pub fn utf8_strict(bytes: &[u8]) -> Option<String> {
    utf8(bytes, true)
}

/// Encodes bytes as base64url (RFC 4648 §5) without `=` padding.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let index = (n >> (18 - 6 * i)) & 63;
            if let Some(c) = ALPHABET.get(index as usize) {
                out.push(char::from(*c));
            }
        }
    }
    out
}

/// Decodes base64url (padding optional); `None` on any other character.
pub fn base64url_decode(text: impl AsRef<[u8]>) -> Option<Vec<u8>> {
    // Bytes, not `trim_end_matches('=')`: its `char` searcher decodes UTF-8.
    let bytes = text.as_ref();
    let unpadded = bytes
        .iter()
        .rposition(|&b| b != b'=')
        .map_or(0, |last| last + 1);
    let text = bytes.get(..unpadded).unwrap_or_default();
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &c in text {
        let v = ALPHABET.iter().position(|a| *a == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::{base64url, base64url_decode, round};

    #[test]
    fn round_is_f64_round_for_non_negative_numbers() {
        let cases = [
            0.0,
            0.49999999999999994,
            0.5,
            1.0,
            1.5,
            2.5,
            599_999.5,
            600_000.0,
            123.456 * 100.0,
            4_503_599_627_370_495.5,
        ];
        for n in cases {
            assert_eq!(round(n), n.round() as u64, "{n}");
        }
    }

    #[test]
    fn decode_round_trips() {
        for s in [
            &b""[..],
            b"f",
            b"fo",
            b"foo",
            b"foob",
            b"fooba",
            b"foobar",
            &[0xfb, 0xff, 0x00],
        ] {
            assert_eq!(base64url_decode(base64url(s)).unwrap(), s);
        }
        assert_eq!(base64url_decode("Zg==").unwrap(), b"f");
        assert_eq!(base64url_decode("Z+g"), None);
    }

    #[test]
    fn rfc4648_vectors_without_padding() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(b"foob"), "Zm9vYg");
        assert_eq!(base64url(b"fooba"), "Zm9vYmE");
        assert_eq!(base64url(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }
}

/// In the browser layers (Chromium, Firefox, WebKit): the wasm build decodes
/// UTF-8 with the browser's `TextDecoder`; it must agree with `core` (the
/// host build's decoder) on every input, invalid sequences included:
/// overlong forms, surrogates, past U+10FFFF, truncated sequences, stray
/// continuation bytes, and random bytes.
#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use super::{utf8_lossy, utf8_strict};
    use crate::prelude::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn utf8_decoding_agrees_with_core() {
        let mut cases: Vec<Vec<u8>> = [
            &b""[..],
            b"plain ascii",
            "caf\u{e9} \u{1f600} \u{4e2d}".as_bytes(),
            b"\xc0\x80",
            b"\xed\xa0\x80x",
            b"\xf4\x90\x80\x80",
            b"\xe2\x82",
            b"a\x80b\xbf",
            b"\xf0\x9f\x98",
            b"\xff\xfe",
            b"\xe0\x80\xaf",
            b"ok\xf0\x9f\x98\x80\xf0",
        ]
        .iter()
        .map(|c| c.to_vec())
        .collect();
        let mut seed = 0x2545_f491_u32;
        for len in 0..400 {
            cases.push(
                (0..len % 13)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 17;
                        seed ^= seed << 5;
                        // Mostly bytes ≥ 0x80, where decoders can differ.
                        (seed as u8) | if seed & 0x300 != 0 { 0x80 } else { 0 }
                    })
                    .collect(),
            );
        }
        for bytes in &cases {
            assert_eq!(
                utf8_lossy(bytes),
                String::from_utf8_lossy(bytes),
                "{bytes:x?}"
            );
            assert_eq!(
                utf8_strict(bytes).as_deref(),
                core::str::from_utf8(bytes).ok(),
                "{bytes:x?}"
            );
        }
    }
}
