//! PKCE (RFC 7636) and the OpenID nonce, computed synchronously in Rust so
//! that `openAvePopup` can open its window inside the caller's click (pure;
//! randomness is passed in).

use crate::encoding::{base64url, base64url_decode, utf8_strict};
use crate::prelude::*;
use crate::sha256::sha256;

/// Bytes of randomness in a code verifier (→ 43 base64url characters).
pub const VERIFIER_BYTES: usize = 32;
/// Bytes of randomness in a nonce (→ 32 base64url characters).
pub const NONCE_BYTES: usize = 24;

/// A PKCE verifier with its S256 challenge, and the nonce sent with it.
/// `Debug` is redacted: the verifier is a secret until the code exchange.
#[derive(Clone, PartialEq, Eq)]
pub struct Pkce {
    /// The secret sent only to the token endpoint.
    pub verifier: String,
    /// `base64url(SHA-256(verifier))`, sent as `code_challenge`.
    pub challenge: String,
    /// Sent as `nonce`; the `id_token` must carry it back.
    pub nonce: String,
}

impl core::fmt::Debug for Pkce {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Pkce { <redacted> }")
    }
}

impl Pkce {
    /// The `code_challenge_method` this SDK uses.
    pub const METHOD: &'static str = "S256";

    /// Builds verifier, challenge and nonce from random bytes.
    pub fn from_random(
        verifier_bytes: &[u8; VERIFIER_BYTES],
        nonce_bytes: &[u8; NONCE_BYTES],
    ) -> Self {
        let verifier = base64url(verifier_bytes);
        let challenge = s256_challenge(&verifier);
        Self {
            verifier,
            challenge,
            nonce: base64url(nonce_bytes),
        }
    }
}

/// `base64url(SHA-256(verifier))` without padding.
pub fn s256_challenge(verifier: &str) -> String {
    base64url(&sha256(verifier.as_bytes()))
}

/// The decoded (UTF-8 JSON text) payload of a JWT, or `None` when the token
/// is not `header.payload.signature` with a base64url payload.
pub fn jwt_payload(token: &str) -> Option<String> {
    let mut parts = token.as_bytes().split(|&b| b == b'.');
    let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    utf8_strict(&base64url_decode(payload)?)
}

/// docs/security.md#nonce: after the exchange, an `id_token`'s `nonce` claim must equal the
/// nonce sent. No `id_token` at all is fine; an `id_token` without the claim
/// (or one that cannot be read) is a mismatch.
pub fn nonce_matches(sent: &str, claim: Option<&str>) -> bool {
    claim.is_some_and(|c| c == sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b_vector() {
        assert_eq!(
            s256_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn verifier_and_nonce_lengths() {
        let p = Pkce::from_random(&[7; VERIFIER_BYTES], &[9; NONCE_BYTES]);
        assert_eq!(p.verifier.len(), 43);
        assert_eq!(p.nonce.len(), 32);
        assert_eq!(p.challenge, s256_challenge(&p.verifier));
        assert!(!format!("{p:?}").contains(&p.verifier));
    }

    #[test]
    fn jwt_payloads() {
        // {"nonce":"n-1"} → eyJub25jZSI6Im4tMSJ9
        assert_eq!(
            jwt_payload("eyJhbGciOiJub25lIn0.eyJub25jZSI6Im4tMSJ9.").as_deref(),
            Some(r#"{"nonce":"n-1"}"#)
        );
        assert_eq!(jwt_payload("only.two"), None);
        assert_eq!(jwt_payload("a.b.c.d"), None);
        assert_eq!(jwt_payload("a.!!!.c"), None);
        // "/w" is the byte 0xFF: not UTF-8, so no payload.
        assert_eq!(jwt_payload("a._w.c"), None);
        assert_eq!(jwt_payload("a.w6k.c").as_deref(), Some("\u{e9}"));
    }

    #[test]
    fn nonce_rule() {
        assert!(nonce_matches("n", Some("n")));
        assert!(!nonce_matches("n", Some("n-tampered")));
        assert!(!nonce_matches("n", None));
    }
}
