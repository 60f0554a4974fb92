//! Just enough URL handling for ids, sources and joins: host extraction and a
//! normal form under which trivially different spellings of one article's URL
//! compare equal. (The `url` crate would pull in IDNA tables for no gain here.)

/// Splits `scheme://authority/rest` into (scheme, authority, rest).
fn split(url: &str) -> Option<(&str, &str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme.is_empty() || !scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b)) {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some((scheme, &rest[..end], &rest[end..]))
}

/// The lower-cased host of an absolute URL, without user info or port.
pub fn host_of(url: &str) -> Option<String> {
    let (_, authority, _) = split(url.trim())?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host.starts_with('[') {
        host.split_inclusive(']').next().unwrap_or(host)
    } else {
        host.split(':').next().unwrap_or(host)
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

/// A normal form for joining and hashing: scheme dropped (http = https), host
/// lower-cased without `www.` and port, fragment and tracking parameters
/// (`utm_*`, `fbclid`, `gclid`, ...) removed, trailing `/` removed.
/// Strings that are not absolute URLs are returned trimmed.
pub fn normalize_url(url: &str) -> String {
    let url = url.trim();
    let Some((_, _, rest)) = split(url) else {
        return url.to_string();
    };
    let host = host_of(url).unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let rest = rest.split('#').next().unwrap_or("");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|kv| {
            let k = kv.split('=').next().unwrap_or("").to_ascii_lowercase();
            !kv.is_empty()
                && !k.starts_with("utm_")
                && !matches!(k.as_str(), "fbclid" | "gclid" | "mc_cid" | "mc_eid" | "ocid" | "cmpid")
        })
        .collect();
    let path = path.trim_end_matches('/');
    let mut out = String::with_capacity(url.len());
    out.push_str(host);
    out.push_str(path);
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    out
}

/// True when `s` looks like an absolute URL with a host.
pub fn is_absolute_url(s: &str) -> bool {
    host_of(s).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(host_of("https://www.Example.com:8080/a").as_deref(), Some("www.example.com"));
        assert_eq!(host_of("http://user@host.org").as_deref(), Some("host.org"));
        assert_eq!(host_of("example.com/a"), None);
        assert_eq!(host_of("https:///x"), None);
    }

    #[test]
    fn normal_form() {
        assert_eq!(normalize_url("https://www.example.com/news/a/?utm_source=tw&id=3#top"), "example.com/news/a?id=3");
        assert_eq!(normalize_url("http://example.com/news/a"), "example.com/news/a");
        assert_eq!(normalize_url(" not a url "), "not a url");
    }
}
