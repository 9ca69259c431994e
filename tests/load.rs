//! The preview server under load, on 127.0.0.1: 200 client threads make 5,000 requests over
//! every kind of page while 100 slow clients hold connections open with half a request line
//! and stories are edited, so the site is rebuilt and swapped while it is being served. Every
//! response must be complete and come from one build. Correctness and liveness only: nothing
//! here measures speed, but every wait is bounded, so a stuck server fails the test instead of
//! hanging it.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use scraper::{Html, Selector};

use common::http::{self, KeptAlive, Response};
use common::server::Server;
use common::{fixture, generate};

const STORIES: usize = 300;
const CLIENTS: usize = 200;
const REQUESTS: usize = 5_000;
const SLOW_CLIENTS: usize = 100;
/// The edited story is saved this many times during the load, each after the previous rebuild.
const EDITS: usize = 6;
/// Bounds each connect, send and read; generous for a loaded 2-core CI machine.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const REBUILD_TIMEOUT: Duration = Duration::from_secs(60);
/// Bounds the whole load phase: past it the test fails rather than waits.
const LOAD_LIMIT: Duration = Duration::from_secs(240);

/// The story edited during the load (the first generated one) and its page.
const EDITED: &str = "content/stories/generated-00001.md";
const EDITED_PAGE: &str = "/bang-vang/nguyen-van-an-1/";
const EDITED_HEADLINE: &str = "Gương điển hình số 1:";

/// What a request asks for, and so what its response must be.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// A page of the site (200, HTML).
    Page,
    /// The edited story's page: HTML whose headline names the version of the story.
    EditedPage,
    /// A path the site does not have: the theme's 404 page.
    Missing,
    /// A file whose bytes no edit changes (stylesheet, photo, script): the same bytes every time.
    Fixed,
    /// The search index: JavaScript that changes with the stories.
    Search,
}

struct Target {
    path: String,
    kind: Kind,
}

/// The paths the clients cycle through, and the bytes of the files that never change.
struct Plan {
    targets: Vec<Target>,
    fixed: BTreeMap<String, Vec<u8>>,
}

impl Plan {
    /// Every page in the sitemap (home, honor roll, stories, units, listings), plus the
    /// stylesheet, scripts, photos, the search index and pages that do not exist.
    fn discover(address: &str) -> Plan {
        let sitemap = http::get(address, "/sitemap.xml");
        assert_eq!(sitemap.status, 200);
        let text = sitemap.text();
        let xml = roxmltree::Document::parse(&text).expect("sitemap.xml parses");
        let base = format!("http://{address}");
        let pages: Vec<String> = xml
            .descendants()
            .filter(|node| node.has_tag_name("loc"))
            .filter_map(|node| node.text()?.strip_prefix(&base).map(str::to_string))
            .collect();
        assert!(
            pages.len() > STORIES,
            "{} pages in the sitemap",
            pages.len()
        );
        for needed in ["/", "/bang-vang/", EDITED_PAGE] {
            assert!(
                pages.iter().any(|p| p == needed),
                "no {needed} in the sitemap"
            );
        }
        assert!(
            pages.iter().any(|p| p.starts_with("/don-vi/")),
            "no unit pages"
        );

        let mut targets: Vec<Target> = Vec::new();
        let mut add = |path: &str, kind: Kind| {
            targets.push(Target {
                path: path.to_string(),
                kind,
            })
        };
        let mut fixed = BTreeMap::new();
        for path in [
            "/assets/style.css",
            "/assets/thidua.js",
            "/images/do-van-khai-320.jpg",
            "/images/do-van-khai-1024.webp",
            "/__thidua/live.js",
        ] {
            let response = http::get(address, path);
            assert_eq!(response.status, 200, "GET {path}");
            fixed.insert(path.to_string(), response.body);
        }
        // One round of the mix: every page once and, for every eight of them, the pages every
        // visitor sees, the edited story, a file that never changes, the search index and a
        // page that does not exist.
        for (index, page) in pages.iter().enumerate() {
            add(page, Kind::Page);
            if index % 8 == 0 {
                add(EDITED_PAGE, Kind::EditedPage);
                add("/", Kind::Page);
                add("/bang-vang/", Kind::Page);
                let fixed_path = fixed.keys().nth(index / 8 % fixed.len()).unwrap().clone();
                add(&fixed_path, Kind::Fixed);
                add("/search/docs.js", Kind::Search);
                add(&format!("/khong-co-trang-{index}/"), Kind::Missing);
            }
        }
        add("/search/terms-a.js", Kind::Search);
        add("/khong-co.css", Kind::Missing);
        Plan { targets, fixed }
    }
}

/// What one response showed, for the checks across responses.
struct Seen {
    /// The generation of the build a page came from (`RUN-GENERATION` in `data-build`).
    generation: Option<u64>,
    /// The version of the edited story its page showed.
    version: Option<usize>,
}

/// Checks one response completely; the error says what was wrong.
fn check(plan: &Plan, target: &Target, response: &Response) -> Result<Seen, String> {
    let path = &target.path;
    let expected = if target.kind == Kind::Missing {
        404
    } else {
        200
    };
    if response.status != expected {
        return Err(format!("GET {path}: status {}", response.status));
    }
    let length = response.header("content-length");
    if length != Some(response.body.len().to_string().as_str()) {
        return Err(format!(
            "GET {path}: Content-Length {length:?}, body {} bytes",
            response.body.len()
        ));
    }
    let mut seen = Seen {
        generation: None,
        version: None,
    };
    match target.kind {
        Kind::Fixed if plan.fixed.get(path) != Some(&response.body) => {
            return Err(format!("GET {path}: the bytes differ from the first fetch"));
        }
        Kind::Fixed => {}
        Kind::Search => {
            let text = String::from_utf8(response.body.clone())
                .map_err(|_| format!("GET {path}: not UTF-8"))?;
            if !text.starts_with("window.THIDUA_SEARCH") && !text.starts_with("(window.") {
                return Err(format!("GET {path}: not the search index: {:.80}", text));
            }
            if !text.trim_end().ends_with(';') {
                return Err(format!("GET {path}: the index is cut short"));
            }
        }
        Kind::Page | Kind::EditedPage | Kind::Missing => {
            seen.generation = Some(check_page(path, response)?);
            if target.kind == Kind::EditedPage {
                seen.version = Some(edited_version(&response.text())?);
            }
        }
    }
    Ok(seen)
}

/// A page must be one whole document of one build: it ends with `</html>`, has the theme's
/// main content and footer, and carries the live-reload script exactly once. Returns the
/// generation of its build.
fn check_page(path: &str, response: &Response) -> Result<u64, String> {
    if response.header("content-type") != Some("text/html; charset=utf-8") {
        return Err(format!("GET {path}: {:?}", response.header("content-type")));
    }
    let text = String::from_utf8(response.body.clone())
        .map_err(|_| format!("GET {path}: the page is not UTF-8"))?;
    if !text.trim_end().ends_with("</html>") {
        return Err(format!("GET {path}: the page does not end with </html>"));
    }
    let doc = Html::parse_document(&text);
    let count = |selector: &str| doc.select(&Selector::parse(selector).unwrap()).count();
    for (selector, wanted) in [
        ("main#noi-dung", 1),
        ("footer.site-footer", 1),
        ("h1", 1),
        ("body > script[data-build]", 1),
        ("script[data-build]", 1),
    ] {
        if count(selector) != wanted {
            return Err(format!(
                "GET {path}: {} × {selector}, expected {wanted}",
                count(selector)
            ));
        }
    }
    let build = doc
        .select(&Selector::parse("script[data-build]").unwrap())
        .next()
        .and_then(|script| script.value().attr("data-build"))
        .unwrap_or_default();
    build
        .rsplit_once('-')
        .and_then(|(_, generation)| generation.parse().ok())
        .ok_or_else(|| format!("GET {path}: build id {build:?}"))
}

/// The headline of the edited story reads `… số 1 (bản N): …` after the Nth edit.
fn edited_version(page: &str) -> Result<usize, String> {
    let doc = Html::parse_document(page);
    let h1 = common::text(&doc, "h1");
    let Some(rest) = h1.strip_prefix("Gương điển hình số 1") else {
        return Err(format!("{EDITED_PAGE}: headline {h1:?}"));
    };
    if rest.starts_with(':') {
        return Ok(0);
    }
    rest.strip_prefix(" (bản ")
        .and_then(|rest| rest.split(')').next())
        .and_then(|number| number.parse().ok())
        .ok_or_else(|| format!("{EDITED_PAGE}: headline {h1:?}"))
}

/// Rewrites the edited story as its version `version`: a new headline and a body that grows
/// with each version, so a page cut short or mixed from two builds cannot pass.
fn edit_story(site: &Path, original: &str, version: usize) {
    let headline = format!("Gương điển hình số 1 (bản {version}):");
    let mut text = original.replacen(EDITED_HEADLINE, &headline, 1);
    for paragraph in 0..version {
        text.push_str(&format!(
            "\nĐoạn bổ sung {paragraph} của bản {version}: anh chị tiếp tục dẫn đầu phong trào.\n"
        ));
    }
    fs::write(site.join(EDITED), text).unwrap();
}

/// A connection that sends half a request line and then nothing, like a stalled client.
fn slow_client(address: &str) -> TcpStream {
    let mut stream = TcpStream::connect(address).expect("connect a slow client");
    stream.write_all(b"GET /bang-vang/ HT").unwrap();
    stream
}

/// Everything the load phase observed.
struct Outcome {
    errors: Vec<String>,
    /// Build generation → versions of the edited story its pages showed.
    versions: BTreeMap<u64, BTreeSet<usize>>,
    generations: BTreeSet<u64>,
    responses: usize,
    while_rebuilding: usize,
}

impl Outcome {
    /// Counts a response, and whether it came while a rebuild was under way.
    fn record(&mut self, result: Result<Seen, String>, rebuilding: bool) {
        self.responses += 1;
        self.while_rebuilding += usize::from(rebuilding);
        match result {
            Ok(seen) => {
                self.generations.extend(seen.generation);
                if let (Some(generation), Some(version)) = (seen.generation, seen.version) {
                    self.versions.entry(generation).or_default().insert(version);
                }
            }
            Err(error) => self.errors.push(error),
        }
    }
}

/// How many requests the clients may have started. The test releases them bit by bit while
/// each rebuild is under way, so pages are being served at the moment a new build is swapped
/// in, however fast or slow the machine.
struct Gate {
    released: Mutex<usize>,
    opened: Condvar,
}

impl Gate {
    fn release(&self, count: usize) {
        let mut released = self.released.lock().unwrap();
        *released = (*released).max(count);
        self.opened.notify_all();
    }

    /// Waits until request `number` is released, or the load's time is up.
    fn wait_for(&self, number: usize, deadline: Instant) {
        let mut released = self.released.lock().unwrap();
        while *released <= number {
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                return;
            };
            released = self.opened.wait_timeout(released, left).unwrap().0;
        }
    }
}

/// One client: takes request numbers from `next` until all are taken, on one kept-alive
/// connection or a fresh connection per request. A client's requests are sequential, so the
/// builds it sees must never go back in time.
fn client(
    id: usize,
    address: &str,
    plan: &Plan,
    next: &AtomicUsize,
    gate: &Gate,
    results: &mpsc::Sender<Result<Seen, String>>,
) {
    let mut connection = None;
    let mut newest = 0;
    let deadline = Instant::now() + LOAD_LIMIT;
    loop {
        let number = next.fetch_add(1, Ordering::SeqCst);
        if number >= REQUESTS {
            return;
        }
        gate.wait_for(number, deadline);
        let target = &plan.targets[(number * 7 + id) % plan.targets.len()];
        let response = if id.is_multiple_of(2) {
            match connection.get_or_insert_with(|| KeptAlive::open(address, REQUEST_TIMEOUT)) {
                Ok(kept) => kept.get(&target.path),
                Err(error) => Err(error.clone()),
            }
        } else {
            http::fetch(address, &target.path, REQUEST_TIMEOUT)
        };
        let outcome = response
            .and_then(|response| check(plan, target, &response))
            .and_then(|seen| match seen.generation {
                Some(generation) if generation < newest => Err(format!(
                    "client {id}: GET {} came from build {generation} after build {newest}",
                    target.path
                )),
                generation => {
                    newest = newest.max(generation.unwrap_or(0));
                    Ok(seen)
                }
            });
        if outcome.is_err() {
            // Start afresh after a failure, as a browser would.
            connection = None;
        }
        if results.send(outcome).is_err() {
            return;
        }
    }
}

#[test]
fn preview_serves_complete_pages_to_many_clients_while_slow_ones_wait_and_it_rebuilds() {
    let site = fixture("bundled");
    generate::add_stories(site.path(), STORIES);
    let original = fs::read_to_string(site.path().join(EDITED)).unwrap();
    assert!(original.contains(EDITED_HEADLINE));
    let mut server = Server::start(site.path(), &[]);
    let address = server.address.clone();
    let plan = Arc::new(Plan::discover(&address));

    let slow: Vec<TcpStream> = (0..SLOW_CLIENTS).map(|_| slow_client(&address)).collect();

    let started = Instant::now();
    let next = Arc::new(AtomicUsize::new(0));
    let gate = Arc::new(Gate {
        released: Mutex::new(0),
        opened: Condvar::new(),
    });
    let (sender, results) = mpsc::channel();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|id| {
            let (address, plan) = (address.clone(), Arc::clone(&plan));
            let (next, gate, sender) = (Arc::clone(&next), Arc::clone(&gate), sender.clone());
            thread::Builder::new()
                .name(format!("client-{id}"))
                .spawn(move || client(id, &address, &plan, &next, &gate, &sender))
                .expect("start a client thread")
        })
        .collect();
    drop(sender);

    let mut outcome = Outcome {
        errors: Vec::new(),
        versions: BTreeMap::new(),
        generations: BTreeSet::new(),
        responses: 0,
        while_rebuilding: 0,
    };
    // The first requests are served by the first build; then the story is saved, and each
    // time a rebuild is served it is saved again. While a rebuild is under way, requests are
    // released every tick, spread so they last through this rebuild and those to come (judged
    // by how long the last one took); the last tenth is released after the last rebuild.
    let first = REQUESTS / 100;
    let before_last = REQUESTS - REQUESTS / 10;
    let tick = Duration::from_millis(10);
    let mut released = first;
    gate.release(released);
    let mut rebuild_ticks = 30;
    let mut edits = 0;
    let mut rebuilding: Option<(Instant, usize)> = None;
    let deadline = started + LOAD_LIMIT;
    while outcome.responses < REQUESTS {
        assert!(
            Instant::now() < deadline,
            "the load did not finish within {LOAD_LIMIT:?}: {} of {REQUESTS} responses, {edits} edits, errors: {:?}",
            outcome.responses,
            outcome.errors
        );
        while let Ok(result) = results.try_recv() {
            outcome.record(result, rebuilding.is_some());
        }
        if let Some((saved, ticks)) = rebuilding {
            let rebuilds_left = EDITS - edits + 1;
            let per_tick = (before_last - released).div_ceil(rebuilds_left * rebuild_ticks);
            released = (released + per_tick).min(before_last);
            gate.release(released);
            let lines = server.lines_during(tick);
            assert!(
                !lines.iter().any(|line| line.starts_with("error")),
                "the rebuild after edit {edits} failed:\n{}",
                lines.join("\n")
            );
            if let Some(rebuilt) = lines.iter().find(|line| line.contains(": rebuilt")) {
                assert!(rebuilt.contains("generated-00001.md"), "{rebuilt}");
                assert!(rebuilt.contains("changed"), "{rebuilt}");
                rebuild_ticks = ticks.max(1);
                rebuilding = None;
            } else {
                assert!(
                    saved.elapsed() < REBUILD_TIMEOUT,
                    "no rebuild within {REBUILD_TIMEOUT:?} of edit {edits}:\n{}",
                    server.seen.join("\n")
                );
                rebuilding = Some((saved, ticks + 1));
            }
        } else if edits < EDITS && outcome.responses >= first {
            edits += 1;
            edit_story(site.path(), &original, edits);
            rebuilding = Some((Instant::now(), 1));
        } else {
            if edits == EDITS {
                gate.release(REQUESTS);
            }
            match results.recv_timeout(tick) {
                Ok(result) => outcome.record(result, false),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                // Every client is gone: one panicked, which joining it reports.
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
    }
    for client in clients {
        client.join().expect("a client thread panicked");
    }
    let load_time = started.elapsed();

    assert!(
        outcome.errors.is_empty(),
        "{} of {} requests failed, the first: {:#?}",
        outcome.errors.len(),
        outcome.responses,
        &outcome.errors[..outcome.errors.len().min(20)]
    );
    assert_eq!(outcome.responses, REQUESTS);
    assert_eq!(edits, EDITS);
    // Pages of several builds were served, and every build showed one version of the story,
    // newer builds newer versions.
    assert!(outcome.generations.len() >= 2, "{:?}", outcome.generations);
    let mut last_version = 0;
    for (generation, versions) in &outcome.versions {
        assert_eq!(
            versions.len(),
            1,
            "build {generation} showed versions {versions:?}"
        );
        let version = *versions.first().unwrap();
        assert!(
            version >= last_version,
            "build {generation} went back to version {version}"
        );
        last_version = version;
    }

    // Still healthy: the newest build is served, and the event stream answers.
    let page = http::fetch(&address, EDITED_PAGE, REQUEST_TIMEOUT).expect("the edited page");
    let target = Target {
        path: EDITED_PAGE.into(),
        kind: Kind::EditedPage,
    };
    let seen = check(&plan, &target, &page).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(seen.version, Some(edits));
    assert!(seen.generation >= outcome.generations.last().copied());
    server.events().expect("hello", REQUEST_TIMEOUT);

    // The slow clients were never served a page (they never finished a request): they are
    // still waiting, or the server gave up on them. They stay open while the server stops.
    for stream in &slow {
        stream
            .set_read_timeout(Some(Duration::from_millis(1)))
            .unwrap();
        let mut buffer = [0u8; 64];
        if let Ok(read) = (&*stream).read(&mut buffer) {
            let answer = String::from_utf8_lossy(&buffer[..read]);
            assert!(!answer.contains(" 200 "), "a slow client got {answer:?}");
        }
    }

    assert!(server.interrupt().success(), "{}", server.seen.join("\n"));
    assert!(server.seen.iter().any(|line| line == "stopped"));
    drop(slow);
    for line in &server.seen {
        assert!(
            !line.contains("panicked") && !line.starts_with("error"),
            "thidua serve printed {line:?}"
        );
    }
    eprintln!(
        "load: {REQUESTS} requests from {CLIENTS} clients, {SLOW_CLIENTS} slow clients, {edits} rebuilds ({} responses while rebuilding), {} builds seen, in {load_time:?}",
        outcome.while_rebuilding,
        outcome.generations.len()
    );
}

#[test]
fn a_client_that_stalls_before_finishing_its_request_is_disconnected() {
    let site = fixture("bundled");
    let mut server = Server::start(site.path(), &[]);
    let mut stalled = slow_client(&server.address);
    // The server gives up after its header timeout (seconds); this bound is only there so a
    // server that never does fails the test instead of hanging it.
    stalled
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut answer = Vec::new();
    match stalled.read_to_end(&mut answer) {
        Ok(_) => {}
        Err(error) if error.kind() == std::io::ErrorKind::ConnectionReset => {}
        Err(error) => panic!("the stalled connection was not closed: {error}"),
    }
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{answer}"
    );
    assert_eq!(server.get("/").status, 200);
    assert!(server.interrupt().success());
}

#[cfg(unix)]
#[test]
fn idle_connections_beyond_the_open_file_limit_do_not_break_rebuilds() {
    let site = fixture("bundled");
    // A low open-file limit, as some systems set by default (macOS: 256).
    let mut server = Server::start_with_file_limit(site.path(), 128, &[]);
    // More idle connections than the server could hold open with 128 files; those it does
    // not accept wait in the system's queue (until that is full: then connecting fails).
    let idle: Vec<TcpStream> = (0..200)
        .map_while(|_| {
            let socket = server.address.parse().unwrap();
            let mut stream = TcpStream::connect_timeout(&socket, Duration::from_secs(2)).ok()?;
            stream.write_all(b"GET / HT").ok()?;
            Some(stream)
        })
        .collect();
    assert!(idle.len() >= 128, "only {} connections opened", idle.len());

    let story = site.path().join("content/stories/do-van-khai.md");
    let text = fs::read_to_string(&story).unwrap();
    fs::write(
        &story,
        text.replacen("Tài xế xe buýt", "Bác tài xe buýt", 1),
    )
    .unwrap();
    let rebuilt = server.wait_for("do-van-khai.md", REBUILD_TIMEOUT);
    assert!(
        rebuilt.contains(": rebuilt"),
        "{}",
        server.lines_during(Duration::from_millis(500)).join("\n")
    );

    drop(idle);
    let page = server.get("/bang-vang/do-van-khai/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Bác tài xe buýt"));
    assert_eq!(server.get("/images/do-van-khai-320.jpg").status, 200);
    assert!(server.interrupt().success());
}
