//! URL rules and the issuer URLs (pure).
//!
//! Parsing is left to a WHATWG URL parser: the browser's own `URL` in the
//! wasm build, the `url` crate (same standard) on the host. The browser's
//! parser is the one that will load the URL, so what the SDK checks is what
//! the browser navigates to, and the wasm carries no parser of its own
//! (the `url` crate and its IDNA tables were about 45 KB of it;
//! docs/size.md). [`WebUrl`] keeps the serialization and splits it, which is exact
//! because a serialized `http(s):` URL has one shape:
//! `scheme://[userinfo@]host[:port]/path[?query][#fragment]`.
//!
//! Every URL the SDK accepts goes through [`parse_web_url`], so the "https,
//! or http on loopback only" rule (docs/security.md#https-only) lives in one place, and every
//! URL it builds is built by [`Issuer::page`] with form encoding.

use crate::prelude::*;
/// The default issuer of 0.6.0.
pub const DEFAULT_ISSUER: &str = "https://aveid.net";

/// The API host of the default issuer.
const DEFAULT_API: &str = "https://api.aveid.net";

/// Why a URL option was refused; used as the end of a `TypeError` message.
pub type UrlProblem = &'static str;

/// The WHATWG serialization (`href`) of an absolute URL, or `None`.
#[cfg(target_arch = "wasm32")]
fn serialize(input: &str) -> Option<String> {
    web_sys::Url::new(input).ok().map(|u| u.href())
}

/// The WHATWG serialization (`href`) of an absolute URL, or `None`.
#[cfg(not(target_arch = "wasm32"))]
fn serialize(input: &str) -> Option<String> {
    url::Url::parse(input).ok().map(String::from)
}

/// An absolute `http:` or `https:` URL in its serialized form.
#[derive(Clone, PartialEq, Eq)]
pub struct WebUrl {
    href: String,
    /// Index of `://`.
    scheme_end: usize,
    /// Start of `host[:port]` (after any `userinfo@`).
    host_start: usize,
    /// Start of the path (the `/` after the authority).
    path_start: usize,
    /// Index of `?`, if any.
    query_start: Option<usize>,
    /// Index of `#`, if any.
    fragment_start: Option<usize>,
}

impl WebUrl {
    /// Parses an absolute URL with the WHATWG parser; only `http:` and
    /// `https:` URLs are kept.
    pub fn parse(input: &str) -> Result<Self, UrlProblem> {
        let href = serialize(input).ok_or("must be an absolute URL")?;
        Self::split(href).ok_or("must be an https: URL")
    }

    /// Splits a serialized `http(s):` URL; `None` for any other scheme.
    fn split(href: String) -> Option<Self> {
        let scheme_end = find(&href, b"://")?;
        matches!(href.get(..scheme_end)?, "http" | "https").then(|| Self::locate(href, scheme_end))
    }

    /// Finds the parts of a serialized URL whose `://` is at `scheme_end`.
    /// (`?` and `#` cannot occur before the query and fragment of a
    /// serialized URL, and `/` and `@` only as the delimiters used here.)
    fn locate(href: String, scheme_end: usize) -> Self {
        let authority_start = scheme_end + 3;
        let fragment_start = find(&href, b"#");
        let query_start = href
            .get(..fragment_start.unwrap_or(href.len()))
            .and_then(|before| find(before, b"?"));
        let after_path = query_start.or(fragment_start).unwrap_or(href.len());
        let path_start = href
            .get(authority_start..after_path)
            .and_then(|rest| find(rest, b"/"))
            .map_or(after_path, |slash| authority_start + slash);
        let host_start = href
            .get(authority_start..path_start)
            .and_then(|authority| rfind(authority, b'@'))
            .map_or(authority_start, |at| authority_start + at + 1);
        Self {
            href,
            scheme_end,
            host_start,
            path_start,
            query_start,
            fragment_start,
        }
    }

    /// The whole URL.
    pub fn as_str(&self) -> &str {
        &self.href
    }

    /// `http` or `https`.
    pub fn scheme(&self) -> &str {
        self.href.get(..self.scheme_end).unwrap_or_default()
    }

    /// `host[:port]`, the port only when it is not the scheme's default.
    fn host_and_port(&self) -> &str {
        self.href
            .get(self.host_start..self.path_start)
            .unwrap_or_default()
    }

    /// The host: a lower-case domain, an IPv4 address or a bracketed IPv6 address.
    pub fn host(&self) -> &str {
        let hp = self.host_and_port();
        let port_colon = if hp.starts_with('[') {
            find(hp, b"]:").map(|i| i + 1)
        } else {
            rfind(hp, b':')
        };
        port_colon.and_then(|i| hp.get(..i)).unwrap_or(hp)
    }

    /// Whether the URL carries a user name or password.
    pub fn has_credentials(&self) -> bool {
        self.host_start > self.scheme_end + 3
    }

    /// The serialized origin, e.g. `https://aveid.net` or `http://localhost:8080`.
    pub fn origin(&self) -> String {
        let mut origin = String::with_capacity(self.scheme_end + 3 + self.host_and_port().len());
        origin.push_str(self.scheme());
        origin.push_str("://");
        origin.push_str(self.host_and_port());
        origin
    }

    /// The path, always starting with `/`.
    pub fn path(&self) -> &str {
        let end = self
            .query_start
            .or(self.fragment_start)
            .unwrap_or(self.href.len());
        match self.href.get(self.path_start..end) {
            Some(path) if !path.is_empty() => path,
            _ => "/",
        }
    }

    /// The query without `?`, if there is one (possibly empty).
    pub fn query(&self) -> Option<&str> {
        let start = self.query_start? + 1;
        self.href
            .get(start..self.fragment_start.unwrap_or(self.href.len()))
    }

    /// The fragment without `#`, if there is one (possibly empty).
    pub fn fragment(&self) -> Option<&str> {
        self.href.get(self.fragment_start? + 1..)
    }

    /// The query's `application/x-www-form-urlencoded` pairs, decoded, in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        form_pairs(self.query().unwrap_or_default())
    }

    /// The fragment read as `application/x-www-form-urlencoded` pairs (as
    /// `new URLSearchParams(url.hash.slice(1))` reads it), in order.
    pub fn fragment_pairs(&self) -> Vec<(String, String)> {
        form_pairs(self.fragment().unwrap_or_default())
    }
}

/// The decoded `name=value` pairs of a form-encoded string. Loops over
/// bytes, here and in the callers: `char` patterns and iterator adapters
/// each brought their own code into the wasm (docs/size.md).
fn form_pairs(text: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for pair in text.as_bytes().split(|&b| b == b'&') {
        if pair.is_empty() {
            continue;
        }
        let (name, value) = match pair.iter().position(|&b| b == b'=') {
            Some(eq) => (pair.get(..eq), pair.get(eq + 1..)),
            None => (Some(pair), None),
        };
        pairs.push((
            form_decode(name.unwrap_or_default()),
            form_decode(value.unwrap_or_default()),
        ));
    }
    pairs
}

impl core::fmt::Debug for WebUrl {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.href)
    }
}

/// The index of `needle` in `haystack`. Byte searches, here and in
/// [`rfind`]: `str::find` with a string pattern brings in about 5 KB of
/// searcher and panic formatting, and with a `char` pattern the UTF-8
/// decoding of `CharSearcher` (docs/size.md).
fn find(haystack: &str, needle: &[u8]) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window == needle)
}

/// The index of the last `byte` (ASCII) in `haystack`.
fn rfind(haystack: &str, byte: u8) -> Option<usize> {
    haystack.as_bytes().iter().rposition(|&b| b == byte)
}

/// Appends `text` form-encoded (`application/x-www-form-urlencoded`, as
/// `URLSearchParams` writes it): alphanumerics and `*-._` stay, a space
/// becomes `+`, every other UTF-8 byte becomes `%XX`.
fn form_encode(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in text.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                for nibble in [byte >> 4, byte & 0xf] {
                    out.push(char::from(
                        HEX.get(usize::from(nibble)).copied().unwrap_or(b'0'),
                    ));
                }
            }
        }
    }
}

/// Decodes one form-encoded name or value: `+` is a space, `%XX` a byte,
/// anything else itself; invalid UTF-8 becomes U+FFFD.
fn form_decode(bytes: &[u8]) -> String {
    fn hex(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        }
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let escaped = match (b, bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) => hex(h).zip(hex(l)).map(|(h, l)| h << 4 | l),
            _ => None,
        };
        match escaped {
            Some(decoded) => {
                out.push(decoded);
                i += 3;
            }
            None => {
                out.push(if b == b'+' { b' ' } else { b });
                i += 1;
            }
        }
    }
    crate::encoding::utf8_lossy(&out)
}

/// Parses an absolute `https:` URL, or an `http:` URL on a loopback host
/// (`localhost`, `127.0.0.1`, `[::1]`). Credentials in URLs are refused.
pub fn parse_web_url(input: &str) -> Result<WebUrl, UrlProblem> {
    let url = WebUrl::parse(input)?;
    let loopback = matches!(url.host(), "localhost" | "127.0.0.1" | "[::1]");
    if url.scheme() == "http" && !loopback {
        return Err("must use https: (http: is allowed only for localhost, 127.0.0.1 and [::1])");
    }
    if url.host().is_empty() {
        return Err("must have a host");
    }
    if url.has_credentials() {
        return Err("must not contain credentials");
    }
    Ok(url)
}

/// Parses a bare origin (`https://irischat.app`, optional trailing `/`): no
/// path, query, fragment or wildcard. Returns its normalised serialization.
pub fn parse_bare_origin(input: &str) -> Result<String, UrlProblem> {
    if input.bytes().any(|b| b == b'*') {
        return Err("must be an exact origin, not a wildcard");
    }
    let url = parse_web_url(input)?;
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        return Err("must be a bare origin (scheme://host[:port]) without path, query or fragment");
    }
    Ok(url.origin())
}

/// A validated issuer: where its pages live and the origin its messages come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issuer {
    /// The origin followed by the base path without its trailing `/`.
    base: String,
    origin: String,
}

impl Issuer {
    /// Parses an issuer URL (`https://aveid.net`, `https://aveid.net/`, or a
    /// base path such as `https://id.example.com/ave`). Query and fragment are refused.
    pub fn parse(input: &str) -> Result<Self, UrlProblem> {
        let url = parse_web_url(input)?;
        if url.query().is_some() || url.fragment().is_some() {
            return Err("must not have a query or fragment");
        }
        let origin = url.origin();
        let mut base = origin.clone();
        let path = url.path();
        let kept = path
            .bytes()
            .rposition(|b| b != b'/')
            .map_or(0, |last| last + 1);
        base.push_str(path.get(..kept).unwrap_or_default());
        Ok(Self { base, origin })
    }

    /// The origin that every message from this issuer must come from.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// `{apiBase}{path}`: `https://api.aveid.net` for the default issuer,
    /// else the issuer itself (docs/protocol.md#token-exchange).
    pub fn api(&self, path: &str) -> WebUrl {
        if self.origin == DEFAULT_ISSUER {
            let api = Self {
                base: DEFAULT_API.to_owned(),
                origin: DEFAULT_API.to_owned(),
            };
            return api.page(path, &[]);
        }
        self.page(path, &[])
    }

    /// `{issuer}{path}` with the given query parameters, in order. `path`
    /// is an ASCII path of the SDK's own, such as `/connect`.
    pub fn page(&self, path: &str, params: &[(&str, &str)]) -> WebUrl {
        let mut href = String::with_capacity(self.base.len() + path.len() + 16 * params.len());
        href.push_str(&self.base);
        href.push_str(path);
        for (i, (name, value)) in params.iter().enumerate() {
            href.push(if i == 0 { '?' } else { '&' });
            form_encode(name, &mut href);
            href.push('=');
            form_encode(value, &mut href);
        }
        let scheme_end = find(&self.origin, b"://").unwrap_or_default();
        WebUrl::locate(href, scheme_end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_and_loopback_http_only() {
        assert!(parse_web_url("https://yourapp.com/callback").is_ok());
        assert!(parse_web_url("http://localhost:8080/cb").is_ok());
        assert!(parse_web_url("http://127.0.0.1:9/cb").is_ok());
        assert!(parse_web_url("http://[::1]:9/cb").is_ok());
        assert!(parse_web_url("http://example.com/cb").is_err());
        assert!(parse_web_url("http://127.0.0.2/cb").is_err());
        assert!(parse_web_url("javascript:alert(1)").is_err());
        assert!(parse_web_url("data:text/html,hi").is_err());
        assert!(parse_web_url("/relative").is_err());
        assert!(parse_web_url("https://user:pw@aveid.net").is_err());
    }

    #[test]
    fn issuer_normalises_trailing_slash() {
        let a = Issuer::parse("https://aveid.net/").unwrap();
        let b = Issuer::parse("https://aveid.net").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.origin(), "https://aveid.net");
        assert_eq!(Issuer::parse(DEFAULT_ISSUER).unwrap(), b);
        assert_eq!(
            a.page("/connect", &[]).as_str(),
            "https://aveid.net/connect"
        );
    }

    #[test]
    fn api_base() {
        let ave = Issuer::parse("https://aveid.net/").unwrap();
        assert_eq!(
            ave.api("/api/oauth/token").as_str(),
            "https://api.aveid.net/api/oauth/token"
        );
        let own = Issuer::parse("http://127.0.0.1:8081").unwrap();
        assert_eq!(
            own.api("/api/oauth/token").as_str(),
            "http://127.0.0.1:8081/api/oauth/token"
        );
    }

    #[test]
    fn issuer_with_base_path() {
        let i = Issuer::parse("https://id.example.com/ave/").unwrap();
        assert_eq!(i.origin(), "https://id.example.com");
        assert_eq!(
            i.page("/connect", &[("a", "b c")]).as_str(),
            "https://id.example.com/ave/connect?a=b+c"
        );
        assert!(Issuer::parse("https://aveid.net/?x=1").is_err());
    }

    #[test]
    fn bare_origins() {
        assert_eq!(
            parse_bare_origin("https://irischat.app").unwrap(),
            "https://irischat.app"
        );
        assert_eq!(
            parse_bare_origin("https://irischat.app/").unwrap(),
            "https://irischat.app"
        );
        assert_eq!(
            parse_bare_origin("HTTPS://IRISCHAT.APP:443").unwrap(),
            "https://irischat.app"
        );
        for bad in [
            "*",
            "https://*.irischat.app",
            "https://irischat.app/x",
            "https://irischat.app?x",
            "https://irischat.app#f",
            "http://irischat.app",
            "irischat.app",
        ] {
            assert!(parse_bare_origin(bad).is_err(), "{bad}");
        }
    }

    /// The shared URL cases with the host's parser, the `url` crate.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn url_cases_with_the_url_crate() {
        crate::url_cases::check_url_cases();
    }
}

/// In the browser layers (Chromium, Firefox, WebKit): the wasm build parses
/// with the browser's `URL`, which must answer the shared cases as the host
/// build's `url` crate does.
#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use super::parse_web_url;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn url_rules_hold_with_the_browser_url_parser() {
        crate::url_cases::check_url_cases();
        // Only the browser maps Unicode host names (the host build is ASCII-only).
        let url = parse_web_url("https://bücher.example/cb").unwrap();
        assert_eq!(url.origin(), "https://xn--bcher-kva.example");
    }
}
