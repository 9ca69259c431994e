//! Which `Host` a preview bound to loopback answers: only loopback names, so that a web page
//! elsewhere cannot read the preview by pointing its own domain name at 127.0.0.1 (DNS
//! rebinding). Pure: the HTTP side asks, this module answers.

use std::net::IpAddr;

/// The host names (without port) a loopback preview answers to: the usual loopback names and
/// the address it is bound to, as a browser writes it in a URL.
pub(crate) fn loopback_names(bound: IpAddr) -> Vec<String> {
    let mut names: Vec<String> = ["127.0.0.1", "localhost", "[::1]"]
        .map(String::from)
        .to_vec();
    let own = match bound {
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    };
    if !names.contains(&own) {
        names.push(own);
    }
    names
}

/// Whether `host` (a `Host` header or a URI authority: a name and an optional `:port`) names
/// one of `allowed`, in any letter case and with any port.
pub(crate) fn is_allowed(host: &str, allowed: &[String]) -> bool {
    let (name, port) = if host.starts_with('[') {
        match host.find(']') {
            Some(end) => host.split_at(end + 1),
            None => return false,
        }
    } else {
        match host.rfind(':') {
            Some(colon) => host.split_at(colon),
            None => (host, ""),
        }
    };
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|digits| digits.len() <= 5 && digits.bytes().all(|b| b.is_ascii_digit()));
    port_ok && allowed.iter().any(|a| a.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_names_with_any_port_are_allowed() {
        let allowed = loopback_names("127.0.0.1".parse().unwrap());
        assert_eq!(allowed, ["127.0.0.1", "localhost", "[::1]"]);
        for host in [
            "127.0.0.1",
            "127.0.0.1:8080",
            "localhost",
            "LocalHost:1",
            "[::1]",
            "[::1]:65535",
            "localhost:",
        ] {
            assert!(is_allowed(host, &allowed), "{host}");
        }
        for host in [
            "",
            "evil.example",
            "evil.example:8080",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "localhost.",
            "127.0.0.2",
            "0.0.0.0",
            "[::1",
            "[::1]x",
            "localhost:80:80",
            "localhost:8o",
            "user@localhost",
            "[::ffff:127.0.0.1]",
        ] {
            assert!(!is_allowed(host, &allowed), "{host}");
        }
        let other = loopback_names("127.0.0.2".parse().unwrap());
        assert!(is_allowed("127.0.0.2:4000", &other));
        let v6 = loopback_names("::1".parse().unwrap());
        assert_eq!(v6.len(), 3);
    }
}
