//! URL cases run by the tests of `src/urls.rs` on the host (parsed by the
//! `url` crate) and in the browser layers (parsed by the browser's `URL`):
//! the rules of `src/urls.rs` must give the same answers with either
//! WHATWG parser.

use crate::prelude::*;
use crate::urls::{parse_bare_origin, parse_web_url, Issuer};

/// `input` → `Ok([href, origin, host, path, query, fragment])` ("-" for none) or `Err(problem)`.
type Case = (&'static str, Result<[&'static str; 6], &'static str>);

const HTTPS_ONLY: &str =
    "must use https: (http: is allowed only for localhost, 127.0.0.1 and [::1])";

const CASES: &[Case] = &[
    (
        "https://aveid.net",
        Ok([
            "https://aveid.net/",
            "https://aveid.net",
            "aveid.net",
            "/",
            "-",
            "-",
        ]),
    ),
    (
        " HTTPS://AveID.net:443/a/../b?x=1&y=%20#frag ",
        Ok([
            "https://aveid.net/b?x=1&y=%20#frag",
            "https://aveid.net",
            "aveid.net",
            "/b",
            "x=1&y=%20",
            "frag",
        ]),
    ),
    // Leading and trailing C0 controls and spaces are the parser's to
    // strip (`parse_web_url` does not trim).
    (
        "\n\t\u{0}https://aveid.net/cb \r\n",
        Ok([
            "https://aveid.net/cb",
            "https://aveid.net",
            "aveid.net",
            "/cb",
            "-",
            "-",
        ]),
    ),
    (
        "https:aveid.net/x",
        Ok([
            "https://aveid.net/x",
            "https://aveid.net",
            "aveid.net",
            "/x",
            "-",
            "-",
        ]),
    ),
    (
        "https://aveid.net\\connect",
        Ok([
            "https://aveid.net/connect",
            "https://aveid.net",
            "aveid.net",
            "/connect",
            "-",
            "-",
        ]),
    ),
    (
        "https://aveid.net/p a?q=a b",
        Ok([
            "https://aveid.net/p%20a?q=a%20b",
            "https://aveid.net",
            "aveid.net",
            "/p%20a",
            "q=a%20b",
            "-",
        ]),
    ),
    (
        "https://aveid.net/?",
        Ok([
            "https://aveid.net/?",
            "https://aveid.net",
            "aveid.net",
            "/",
            "",
            "-",
        ]),
    ),
    (
        "https://aveid.net/#",
        Ok([
            "https://aveid.net/#",
            "https://aveid.net",
            "aveid.net",
            "/",
            "-",
            "",
        ]),
    ),
    (
        "https://aveid.net:8443/x#a?b",
        Ok([
            "https://aveid.net:8443/x#a?b",
            "https://aveid.net:8443",
            "aveid.net",
            "/x",
            "-",
            "a?b",
        ]),
    ),
    (
        "http://localhost:8080/cb",
        Ok([
            "http://localhost:8080/cb",
            "http://localhost:8080",
            "localhost",
            "/cb",
            "-",
            "-",
        ]),
    ),
    (
        "http://127.0.0.1:9/cb",
        Ok([
            "http://127.0.0.1:9/cb",
            "http://127.0.0.1:9",
            "127.0.0.1",
            "/cb",
            "-",
            "-",
        ]),
    ),
    (
        "http://2130706433/",
        Ok([
            "http://127.0.0.1/",
            "http://127.0.0.1",
            "127.0.0.1",
            "/",
            "-",
            "-",
        ]),
    ),
    (
        "http://[0:0::1]:80/",
        Ok(["http://[::1]/", "http://[::1]", "[::1]", "/", "-", "-"]),
    ),
    ("http://example.com/cb", Err(HTTPS_ONLY)),
    ("http://127.0.0.2/", Err(HTTPS_ONLY)),
    ("http://localhost.evil.example/", Err(HTTPS_ONLY)),
    ("javascript:alert(1)", Err("must be an https: URL")),
    ("data:text/html,hi", Err("must be an https: URL")),
    ("ftp://aveid.net/", Err("must be an https: URL")),
    ("/relative", Err("must be an absolute URL")),
    ("https://", Err("must be an absolute URL")),
    (
        "https://user:pw@aveid.net",
        Err("must not contain credentials"),
    ),
    (
        "https://user@aveid.net/",
        Err("must not contain credentials"),
    ),
];

/// Asserts every case, then the origin and issuer rules built on them.
pub fn check_url_cases() {
    for (input, expected) in CASES {
        let got = parse_web_url(input).map(|u| {
            [
                u.as_str().to_owned(),
                u.origin(),
                u.host().to_owned(),
                u.path().to_owned(),
                u.query().unwrap_or("-").to_owned(),
                u.fragment().unwrap_or("-").to_owned(),
            ]
        });
        let expected = expected.map(|parts| parts.map(str::to_owned));
        assert_eq!(got, expected, "{input:?}");
    }
    assert_eq!(
        parse_bare_origin("HTTPS://IRISCHAT.APP:443/").as_deref(),
        Ok("https://irischat.app")
    );
    assert!(parse_bare_origin("https://irischat.app/?").is_err());
    assert!(parse_bare_origin("https://irischat.app/#").is_err());
    let issuer = Issuer::parse("https://ID.example.com/ave/").expect("issuer");
    assert_eq!(issuer.origin(), "https://id.example.com");
    assert_eq!(
        issuer.page("/connect", &[("a b", "c&d=e#f%~é")]).as_str(),
        "https://id.example.com/ave/connect?a+b=c%26d%3De%23f%25%7E%C3%A9"
    );
}
