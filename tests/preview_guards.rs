//! The preview against clients that are not a person's own browser tab: requests addressed to
//! another host name (a web page elsewhere reaching 127.0.0.1 through DNS rebinding), and more
//! live-reload streams than the preview holds. Raw HTTP over TCP to 127.0.0.1.

mod common;

use std::fs;
use std::time::Duration;

use common::fixture;
use common::http::{self, EventStream};
use common::server::Server;

/// Bounds every wait (a debug build on a busy machine); never a condition of the test.
const PATIENCE: Duration = Duration::from_secs(30);

const PATHS: &[&str] = &[
    "/",
    "/bang-vang/do-van-khai/",
    "/bang-vang",
    "/khong-co-trang-nay/",
    "/assets/style.css",
    "/images/do-van-khai-320.jpg",
    "/atom.xml",
    "/__thidua/live.js",
    "/__thidua/live",
    "/../secret.txt",
];

#[test]
fn a_preview_on_loopback_answers_only_loopback_host_names() {
    let site = fixture("bundled");
    let mut server = Server::start(site.path(), &[]);
    let address = server.address.clone();
    let port = server.port;
    let foreign = [
        format!("Host: evil.example:{port}\r\n"),
        "Host: evil.example\r\n".to_string(),
        format!("Host: localhost.evil.example:{port}\r\n"),
        format!("Host: 127.0.0.1.nip.io:{port}\r\n"),
        format!("Host: 127.0.0.2:{port}\r\n"),
        format!("Host: localhost:{port}@evil.example\r\n"),
        // No Host at all (HTTP/1.0 allows it).
        String::new(),
    ];
    for path in PATHS {
        for host in &foreign {
            let response = http::raw(
                &address,
                &format!("GET {path} HTTP/1.0\r\n{host}Connection: close\r\n\r\n"),
            );
            assert_eq!(response.status, 421, "GET {path} with {host:?}");
            let text = response.text();
            assert!(
                text.starts_with("421 Misdirected Request") && !text.contains('<'),
                "GET {path} with {host:?} gave content: {text}"
            );
            assert_ne!(response.header("content-type"), Some("text/event-stream"));
        }
        // A request in absolute form names its host in the request line.
        let response = http::raw(
            &address,
            &format!(
                "GET http://evil.example:{port}{path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
            ),
        );
        assert_eq!(response.status, 421, "absolute-form GET {path}");
    }
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
        format!("[::1]:{port}"),
        "localhost".to_string(),
    ] {
        let response = http::raw(
            &address,
            &format!(
                "GET /bang-vang/do-van-khai/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
            ),
        );
        assert_eq!(response.status, 200, "Host: {host}");
        assert!(response.text().contains("<h1>"), "Host: {host}");
    }
    assert!(server.interrupt().success());
}

#[test]
fn a_preview_bound_to_another_address_answers_any_host() {
    let site = fixture("minimal");
    let server = Server::start(site.path(), &["--bind", "0.0.0.0"]);
    let port = server.port;
    let response = http::raw(
        &format!("127.0.0.1:{port}"),
        &format!(
            "GET / HTTP/1.1\r\nHost: campaign-laptop.local:{port}\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_eq!(response.status, 200);
}

#[test]
fn open_live_reload_streams_never_keep_pages_from_being_answered() {
    let site = fixture("bundled");
    // With 256 files the preview holds 128 connections and 32 streams: open more streams than
    // either, over raw sockets, one after the other.
    let mut server = Server::start_with_file_limit(site.path(), 256, &[]);
    const STREAMS: usize = 32;
    const OPENED: usize = 160;
    let mut streams: Vec<EventStream> = (0..OPENED)
        .map(|_| EventStream::open(&server.address, "/__thidua/live"))
        .collect();

    // Pages, the script and photos are still answered.
    for path in [
        "/",
        "/bang-vang/do-van-khai/",
        "/__thidua/live.js",
        "/images/do-van-khai-320.jpg",
    ] {
        assert_eq!(server.get(path).status, 200, "GET {path}");
    }
    // The oldest streams were told to stop and closed; the newest are still told of rebuilds.
    for displaced in [0, OPENED - STREAMS - 1] {
        let stream = &mut streams[displaced];
        stream.expect("hello", PATIENCE);
        stream.expect("bye", PATIENCE);
        assert!(
            stream.closed_within(PATIENCE),
            "stream {displaced} stays open"
        );
    }
    let story = site.path().join("content/stories/do-van-khai.md");
    let text = fs::read_to_string(&story).unwrap();
    fs::write(
        &story,
        text.replacen("Tài xế xe buýt", "Bác tài xe buýt", 1),
    )
    .unwrap();
    for kept in [OPENED - STREAMS, OPENED - 1] {
        let stream = &mut streams[kept];
        stream.expect("hello", PATIENCE);
        stream.expect("reload", PATIENCE);
    }
    let page = server.get("/bang-vang/do-van-khai/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Bác tài xe buýt"));
    assert!(server.interrupt().success());
}
