//! URL rules and the issuer URLs (pure).
//!
//! Every URL the SDK accepts goes through [`parse_web_url`], so the
//! "https, or http on loopback only" rule (SPEC §3.4) lives in one place, and
//! every URL it builds is built here with `url`'s form encoding.

use url::{Host, Url};

/// The default issuer of 0.6.0.
pub const DEFAULT_ISSUER: &str = "https://aveid.net";

/// The API host of the default issuer.
const DEFAULT_API: &str = "https://api.aveid.net";

/// Why a URL option was refused; used as the end of a `TypeError` message.
pub type UrlProblem = &'static str;

/// Parses an absolute `https:` URL, or an `http:` URL on a loopback host
/// (`localhost`, `127.0.0.1`, `[::1]`). Credentials in URLs are refused.
pub fn parse_web_url(input: &str) -> Result<Url, UrlProblem> {
    let url = Url::parse(input.trim()).map_err(|_| "must be an absolute URL")?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(
                "must use https: (http: is allowed only for localhost, 127.0.0.1 and [::1])",
            )
        }
        _ => return Err("must be an https: URL"),
    }
    if url.host().is_none() {
        return Err("must have a host");
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("must not contain credentials");
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip == std::net::Ipv4Addr::LOCALHOST,
        Some(Host::Ipv6(ip)) => ip == std::net::Ipv6Addr::LOCALHOST,
        None => false,
    }
}

/// The ASCII serialization of a URL's origin, e.g. `https://aveid.net`.
pub fn origin_of(url: &Url) -> String {
    url.origin().ascii_serialization()
}

/// Parses a bare origin (`https://irischat.app`, optional trailing `/`): no
/// path, query, fragment or wildcard. Returns its normalised serialization.
pub fn parse_bare_origin(input: &str) -> Result<String, UrlProblem> {
    if input.contains('*') {
        return Err("must be an exact origin, not a wildcard");
    }
    let url = parse_web_url(input)?;
    if url.path() != "/"
        || url.query().is_some()
        || url.fragment().is_some()
        || input.trim_end().ends_with('?')
    {
        return Err("must be a bare origin (scheme://host[:port]) without path, query or fragment");
    }
    Ok(origin_of(&url))
}

/// A validated issuer: where its pages live and the origin its messages come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issuer {
    base: Url,
    origin: String,
}

impl Issuer {
    /// Parses an issuer URL (`https://aveid.net`, `https://aveid.net/`, or a
    /// base path such as `https://id.example.com/ave`). Query and fragment are refused.
    pub fn parse(input: &str) -> Result<Self, UrlProblem> {
        let mut base = parse_web_url(input)?;
        if base.query().is_some() || base.fragment().is_some() {
            return Err("must not have a query or fragment");
        }
        let trimmed = base.path().trim_end_matches('/').to_owned();
        base.set_path(&trimmed);
        let origin = origin_of(&base);
        Ok(Self { base, origin })
    }

    /// The origin that every message from this issuer must come from.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// `{apiBase}{path}`: `https://api.aveid.net` for the default issuer,
    /// else the issuer itself (SPEC §2, token exchange).
    pub fn api(&self, path: &str) -> Url {
        match Url::parse(DEFAULT_API) {
            Ok(api) if self.origin == DEFAULT_ISSUER => Self {
                origin: origin_of(&api),
                base: api,
            }
            .page(path, &[]),
            _ => self.page(path, &[]),
        }
    }

    /// `{issuer}{path}` with the given query parameters, in order.
    pub fn page(&self, path: &str, params: &[(&str, &str)]) -> Url {
        let mut url = self.base.clone();
        let joined = format!("{}{}", url.path().trim_end_matches('/'), path);
        url.set_path(&joined);
        if !params.is_empty() {
            url.query_pairs_mut().extend_pairs(params.iter().copied());
        }
        url
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
}
