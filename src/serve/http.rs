//! The preview's HTTP side: serves the in-memory site (only files the build produced, never
//! anything else under or outside the site folder), injects the live-reload script into HTML
//! responses, and streams rebuild events to open tabs over Server-Sent Events. Bound to
//! loopback, it answers only requests addressed to a loopback name (see [`super::host`]).

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body as HttpBody, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use tokio::sync::{broadcast, watch};

use super::connections::ConnectionSlot;
use super::host;
use super::state::{Body, Live, Message};
use super::streams::Streams;

/// Paths the preview server answers itself; a site never produces them.
pub(crate) const EVENTS_PATH: &str = "/__thidua/live";
pub(crate) const SCRIPT_PATH: &str = "/__thidua/live.js";
const SCRIPT: &str = include_str!("live.js");

pub(crate) struct AppState {
    pub(crate) live: Arc<Live>,
    /// The site folder, with symbolic links resolved: files read from disk must be inside it.
    pub(crate) root: PathBuf,
    /// Becomes `true` when the server stops, which ends the event streams.
    pub(crate) stopping: watch::Receiver<bool>,
    /// The host names requests must be addressed to (any port), or `None` to answer any: a
    /// preview bound to loopback answers only loopback names.
    pub(crate) allowed_hosts: Option<Vec<String>>,
    /// The open live-reload streams, bounded apart from page requests.
    pub(crate) streams: Arc<Streams>,
}

pub(crate) fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(SCRIPT_PATH, get(script))
        .fallback(site_file)
        // Before every route, the fallback included: nothing is answered to a foreign Host.
        .layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            refuse_foreign_hosts,
        ))
        .with_state(state)
}

/// Answers 421 with no content when the request is addressed to a host the preview does not
/// answer to: a page elsewhere whose domain name was pointed at 127.0.0.1 (DNS rebinding)
/// must not read the preview, which shows drafts and internal stories.
async fn refuse_foreign_hosts(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(allowed) = &state.allowed_hosts else {
        return next.run(request).await;
    };
    let header_ok = request
        .headers()
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| host::is_allowed(value.trim(), allowed));
    // A request in absolute form (`GET http://host/ HTTP/1.1`) names its host in the URI too.
    let uri_ok = request
        .uri()
        .authority()
        .is_none_or(|authority| host::is_allowed(authority.as_str(), allowed));
    if header_ok && uri_ok {
        return next.run(request).await;
    }
    respond(
        StatusCode::MISDIRECTED_REQUEST,
        "txt",
        Bytes::from(format!(
            "421 Misdirected Request: this preview answers only requests addressed to {}\n",
            allowed.join(", ")
        )),
    )
}

async fn script() -> Response {
    respond(StatusCode::OK, "js", Bytes::from_static(SCRIPT.as_bytes()))
}

/// Where a request path leads in the built site.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    File(String),
    Forbidden,
}

/// Maps a raw (percent-encoded) request path to a site path. Anything that could step out of
/// the site (`..`, encoded or not, backslashes, NUL) is forbidden rather than normalised.
fn target(raw_path: &str) -> Target {
    let Ok(decoded) = percent_encoding::percent_decode_str(raw_path).decode_utf8() else {
        return Target::Forbidden;
    };
    if decoded.contains(['\\', '\0']) {
        return Target::Forbidden;
    }
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| *s == ".." || *s == ".") {
        return Target::Forbidden;
    }
    let joined = segments.join("/");
    if joined.is_empty() {
        Target::File("index.html".into())
    } else if decoded.ends_with('/') {
        Target::File(format!("{joined}/index.html"))
    } else {
        Target::File(joined)
    }
}

async fn site_file(State(state): State<Arc<AppState>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = (StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n").into_response();
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let snapshot = state.live.snapshot();
    if snapshot.files.is_empty() {
        // The first build failed: there is no good site yet, only the error to show.
        return placeholder(&snapshot.build);
    }
    let path = match target(uri.path()) {
        Target::Forbidden => return forbidden(),
        Target::File(path) => path,
    };
    let body = match snapshot.files.get(&path) {
        Some(body) => body.clone(),
        // A folder asked for without its trailing slash: relative links need the slash.
        None if snapshot.files.contains_key(&format!("{path}/index.html")) => {
            // Never `//host/`, which a browser would take for another site.
            let location = format!("/{}/", uri.path().trim_start_matches('/'));
            return (
                StatusCode::MOVED_PERMANENTLY,
                [(header::LOCATION, location)],
            )
                .into_response();
        }
        None => return not_found(&snapshot.files, &snapshot.build),
    };
    let extension = extension(&path);
    let bytes = match body {
        Body::Bytes(bytes) => bytes,
        Body::File { path: file, .. } => match read_inside(&state.root, &file).await {
            Ok(bytes) => bytes,
            Err(status) => {
                return if status == StatusCode::FORBIDDEN {
                    forbidden()
                } else {
                    not_found(&snapshot.files, &snapshot.build)
                };
            }
        },
    };
    let bytes = if extension == "html" {
        inject(&bytes, &snapshot.build)
    } else {
        bytes
    };
    respond(StatusCode::OK, extension, bytes)
}

/// Reads a file the build copies (a photo, a theme file), refusing one whose real location,
/// symbolic links followed, is outside the site folder.
async fn read_inside(root: &Path, file: &Path) -> Result<Bytes, StatusCode> {
    let real = tokio::fs::canonicalize(file)
        .await
        .map_err(|_| StatusCode::NOT_FOUND)?;
    if !real.starts_with(root) {
        return Err(StatusCode::FORBIDDEN);
    }
    tokio::fs::read(&real)
        .await
        .map(Bytes::from)
        .map_err(|_| StatusCode::NOT_FOUND)
}

fn extension(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map(|(_, ext)| ext).unwrap_or("")
}

fn content_type(extension: &str) -> &'static str {
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "rss" => "application/rss+xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn respond(status: StatusCode, extension: &str, bytes: Bytes) -> Response {
    let mut response = (status, HttpBody::from(bytes)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(extension)),
    );
    // A preview is always fresh.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn forbidden() -> Response {
    respond(
        StatusCode::FORBIDDEN,
        "txt",
        Bytes::from_static("403 Forbidden: this path is outside the site\n".as_bytes()),
    )
}

/// The theme's 404 page (with the live-reload script, so it too updates by itself).
fn not_found(files: &std::collections::HashMap<String, Body>, build: &str) -> Response {
    match files.get("404.html") {
        Some(Body::Bytes(page)) => respond(StatusCode::NOT_FOUND, "html", inject(page, build)),
        _ => respond(
            StatusCode::NOT_FOUND,
            "txt",
            Bytes::from_static(b"404 Not Found\n"),
        ),
    }
}

/// Shown while no build has succeeded yet; the script shows the error over it. The site's
/// language is not known (its config may be what is broken), so it speaks Vietnamese first
/// and English after.
fn placeholder(build: &str) -> Response {
    let page = "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
        <title>Trang chưa dựng được</title></head><body data-thidua-placeholder>\
        <h1>Trang chưa dựng được</h1>\
        <p>thidua chưa dựng được trang vì nội dung có lỗi (xem cửa sổ dòng lệnh). \
        Sửa tệp rồi lưu lại, trang sẽ tự cập nhật.</p>\
        <p lang=\"en\">The site could not be built: the content has errors (see the terminal). \
        Fix the file and save; this page updates by itself.</p></body></html>";
    respond(
        StatusCode::SERVICE_UNAVAILABLE,
        "html",
        inject(page.as_bytes(), build),
    )
}

/// Adds the live-reload script before the last `</body>` (or at the end). Only the preview
/// server does this; `thidua build` never writes it.
pub(crate) fn inject(html: &[u8], build: &str) -> Bytes {
    let tag = format!("<script src=\"{SCRIPT_PATH}\" data-build=\"{build}\"></script>");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    Bytes::from(out)
}

/// The event stream of one tab: `hello` with the build being served (and the current error,
/// if any) on connect, then every reload and failure until the server stops, or until newer
/// streams displace it (`bye`: the tab stops listening). The stream gives its connection's
/// place back: streams are bounded on their own ([`Streams`]), so page requests are always
/// answered however many tabs are open.
async fn events(
    State(state): State<Arc<AppState>>,
    slot: Option<Extension<ConnectionSlot>>,
) -> impl IntoResponse {
    if let Some(Extension(slot)) = slot {
        slot.release();
    }
    let ticket = state.streams.open();
    let receiver = state.live.subscribe();
    let mut first = vec![
        Event::default()
            .event("hello")
            .data(format!("{{\"build\":\"{}\"}}", state.live.snapshot().build)),
    ];
    if let Some(error) = state.live.failure() {
        first.push(event(&Message::Failure {
            build: state.live.snapshot().build.clone(),
            error,
        }));
    }
    let stream = futures_util::stream::unfold(
        (first, receiver, state.stopping.clone(), Some(ticket)),
        |(mut pending, mut receiver, mut stopping, mut ticket)| async move {
            if !pending.is_empty() {
                let next = pending.remove(0);
                return Some((Ok(next), (pending, receiver, stopping, ticket)));
            }
            // Displaced: the `bye` event has been sent, the stream ends.
            let displaced = &mut ticket.as_mut()?.displaced;
            if *stopping.borrow() {
                return None;
            }
            let next = tokio::select! {
                message = receiver.recv() => match message {
                    Ok(message) => event(&message),
                    // Missed messages: the tab compares build ids and reloads if behind.
                    Err(broadcast::error::RecvError::Lagged(_)) => Event::default()
                        .event("hello")
                        .data("{\"build\":\"\"}"),
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                _ = displaced => {
                    ticket = None;
                    Event::default().event("bye").data("{}")
                }
                _ = stopping.wait_for(|stop| *stop) => return None,
            };
            Some((
                Ok::<_, Infallible>(next),
                (pending, receiver, stopping, ticket),
            ))
        },
    );
    // The connection closes with the stream: its place among connections was given back.
    (
        [(header::CONNECTION, HeaderValue::from_static("close"))],
        Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))),
    )
}

fn event(message: &Message) -> Event {
    Event::default()
        .event(message.event_name())
        .data(serde_json::to_string(message).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_map_into_the_site_only() {
        let file = |p: &str| Target::File(p.to_string());
        assert_eq!(target("/"), file("index.html"));
        assert_eq!(target("/bang-vang/"), file("bang-vang/index.html"));
        assert_eq!(target("/bang-vang"), file("bang-vang"));
        assert_eq!(target("/assets/style.css"), file("assets/style.css"));
        assert_eq!(target("//assets//style.css"), file("assets/style.css"));
        assert_eq!(
            target("/%C4%91%C6%A1n-v%E1%BB%8B/"),
            file("đơn-vị/index.html")
        );
        for refused in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/assets/..%2f..%2fCargo.toml",
            "/a/./b",
            "/..\\Cargo.toml",
            "/%5c..%5cCargo.toml",
            "/x%00.html",
            "/%ff",
        ] {
            assert_eq!(target(refused), Target::Forbidden, "{refused}");
        }
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let html = inject(b"<html><body><p>x</p></BODY></html>", "b1");
        let text = String::from_utf8(html.to_vec()).unwrap();
        assert_eq!(
            text,
            "<html><body><p>x</p><script src=\"/__thidua/live.js\" data-build=\"b1\"></script></BODY></html>"
        );
        let bare = inject(b"<p>no body</p>", "b1");
        assert!(bare.ends_with(b"</script>"));
    }

    #[test]
    fn content_types_name_the_charset_of_text() {
        assert_eq!(content_type("html"), "text/html; charset=utf-8");
        assert_eq!(content_type("ics"), "text/calendar; charset=utf-8");
        assert_eq!(content_type("JPG"), "image/jpeg");
        assert_eq!(extension("bang-vang/index.html"), "html");
        assert_eq!(extension("a.b/README"), "");
    }
}
