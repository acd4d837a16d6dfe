//! The rule for web addresses, shared by the loader (`check`), the importer and the app's
//! "open link" key, so that what `check` accepts is exactly what `o` may open.
//!
//! A web address is either `http://HOST…` or `https://HOST…` (the scheme in any case), or
//! a bare `HOST/path` as the embedded data and many 211 exports write them, which is
//! opened as `https://HOST/path`. The host holds a `.`; nothing in the address is
//! whitespace; no other scheme (`javascript:`, `file:`, `data:`, `mailto:`…) is allowed;
//! and the address never carries user information (`https://www.polaris.org@evil.example`
//! leads to `evil.example`, whatever it looks like).

/// The rule a web address breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlProblem {
    /// Empty, whitespace inside, or no host with a `.` in it.
    NotAnAddress,
    /// A scheme other than `http` or `https`: the scheme as written.
    Scheme(String),
    /// User information before the host (an `@` before the first `/`, `?` or `#`).
    UserInfo,
}

/// Characters that end the host part of an address.
fn ends_host(c: char) -> bool {
    matches!(c, '/' | '?' | '#')
}

/// The scheme of `u`, if it starts with one (`letters:` before any `/`, `?` or `#`),
/// and the rest after the `:`. A bare `host.example:8080/path` has a port, not a scheme.
fn scheme(u: &str) -> Option<(&str, &str)> {
    let colon = u.find(':')?;
    let (name, rest) = (u.get(..colon)?, u.get(colon + 1..)?);
    let mut chars = name.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let scheme_like =
        first_is_letter && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_like {
        return None;
    }
    // `example.org:8080/x`: a host with a dot and a port of digits.
    let port = rest.split(ends_host).next().unwrap_or_default();
    if name.contains('.') && port.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((name, rest))
}

/// Checks a web address (already cleaned) against the rule; `Ok` if it may be kept.
///
/// # Errors
///
/// The rule broken.
pub fn check(u: &str) -> Result<(), UrlProblem> {
    if u.is_empty() || u.chars().any(char::is_whitespace) {
        return Err(UrlProblem::NotAnAddress);
    }
    let after_scheme = match scheme(u) {
        Some((name, rest)) => {
            if !(name.eq_ignore_ascii_case("https") || name.eq_ignore_ascii_case("http")) {
                return Err(UrlProblem::Scheme(name.to_owned()));
            }
            rest.strip_prefix("//").ok_or(UrlProblem::NotAnAddress)?
        }
        None if u.starts_with('/') => return Err(UrlProblem::NotAnAddress),
        None => u,
    };
    let host = after_scheme.split(ends_host).next().unwrap_or_default();
    if host.contains('@') {
        return Err(UrlProblem::UserInfo);
    }
    // A backslash is read as `/` by browsers: nothing after the host may hide one.
    if host.contains('\\') || !host.contains('.') || host.starts_with('.') {
        return Err(UrlProblem::NotAnAddress);
    }
    Ok(())
}

/// The address to open for `u`: `u` itself if it has a scheme, `https://` and `u` if it
/// is a bare `host/path`; `None` if it breaks the rule.
#[must_use]
pub fn to_open(u: &str) -> Option<String> {
    check(u).ok()?;
    Some(if scheme(u).is_some() {
        u.to_owned()
    } else {
        format!("https://{u}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_http_https_and_bare_hosts() {
        for u in [
            "https://humantraffickinghotline.org/our-approach",
            "http://www.dhs.gov/blue-campaign/educate-yourself",
            "HTTPS://EXAMPLE.ORG",
            "HtTp://example.org:8080/x?y=1#z",
            "humantraffickinghotline.org/about-us/what-we-do",
            "www.humantraffickinghotline.org",
            "example.org:8080/help",
            "https://example.org/path/with@at-in-path",
            "example.org/?q=a@b",
        ] {
            assert_eq!(check(u), Ok(()), "{u}");
        }
    }

    #[test]
    fn refuses_other_schemes_by_name() {
        for (u, s) in [
            ("javascript:alert(1).x", "javascript"),
            ("JavaScript:alert(document.domain)//.org", "JavaScript"),
            ("file:///etc/passwd.txt", "file"),
            ("data:text/html,<script>.x", "data"),
            ("mailto:help@example.org", "mailto"),
            ("ftp://files.example.org", "ftp"),
            ("vbscript:x.y", "vbscript"),
        ] {
            assert_eq!(check(u), Err(UrlProblem::Scheme(s.to_owned())), "{u}");
            assert_eq!(to_open(u), None, "{u}");
        }
    }

    #[test]
    fn refuses_user_information() {
        for u in [
            "https://www.polaris.org@evil.example/help",
            "https://x@evil.example",
            "http://user:pass@example.org",
            "www.polaris.org@evil.example",
            "https://a\\@evil.example",
        ] {
            assert_eq!(check(u), Err(UrlProblem::UserInfo), "{u}");
            assert_eq!(to_open(u), None, "{u}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_address() {
        for u in [
            "",
            "no dot",
            "nodot",
            "https://",
            "https:example.org",
            "https:///example.org",
            "//evil.example",
            "/local/file.html",
            "https://localhost/x.html",
            "https://.example.org",
            "https://evil.example\\.polaris.org",
        ] {
            assert_eq!(check(u), Err(UrlProblem::NotAnAddress), "{u:?}");
        }
    }

    #[test]
    fn bare_hosts_open_as_https() {
        assert_eq!(
            to_open("humantraffickinghotline.org/about-us").as_deref(),
            Some("https://humantraffickinghotline.org/about-us")
        );
        assert_eq!(
            to_open("http://www.dhs.gov/x").as_deref(),
            Some("http://www.dhs.gov/x")
        );
        assert_eq!(
            to_open("example.org:8080/help").as_deref(),
            Some("https://example.org:8080/help")
        );
    }
}
