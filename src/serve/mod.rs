//! `thidua serve`: the `thidua build` pipeline kept in memory and served over HTTP (loopback by
//! default) while the site's sources are watched. Each burst of saves is one rebuild; open tabs
//! reload by themselves, and a failed rebuild is shown in them while the last good site stays
//! served. Nothing is written to disk: `output/` is never touched.

mod connections;
mod host;
mod http;
mod state;
mod streams;
mod watch;

use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tokio::sync::watch as signal;

use crate::error::{Diagnostic, Error, Result};
use crate::pipeline::builder::{Builder, Built};
use crate::pipeline::site::BuildOptions;

pub use state::Change;
use state::Live;
use watch::{SourceWatcher, WatchMessage};

/// How many ports after a busy one are tried.
const PORT_TRIES: u16 = 10;
/// After a batch of changes, how long to wait for more before rebuilding, so files saved
/// together (a checkout, "save all") give one rebuild; and the longest such wait.
const SETTLE: Duration = Duration::from_millis(20);
const SETTLE_AT_MOST: Duration = Duration::from_secs(1);
/// How long open connections get to finish when the server stops.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// What to build; `output` and `force` are not used (nothing is written), and `base_url`
    /// is replaced by the preview's own URL so every link stays in the preview.
    pub build: BuildOptions,
    pub bind: IpAddr,
    /// `0` picks a free port.
    pub port: u16,
}

/// What happens while serving, for the caller to show.
#[derive(Debug)]
pub enum ServeEvent {
    /// The server is up at `url`. `busy_port` is the requested port when it was taken and a
    /// later one was used instead.
    Listening { url: String, busy_port: Option<u16> },
    /// A build succeeded and is now served (`changed_files` is empty for the first build).
    Built {
        report: BuildSummary,
        change: Change,
        changed_files: Vec<PathBuf>,
    },
    /// A build failed; the last good site (if any) is still served.
    Failed {
        error: Error,
        changed_files: Vec<PathBuf>,
    },
    /// The file watcher reported a problem; serving goes on.
    WatchProblem(String),
    /// The server stopped (Ctrl-C).
    Stopped,
}

#[derive(Debug)]
pub struct BuildSummary {
    pub pages: usize,
    /// Pages rendered by this build; the rest are the previous build's.
    pub rendered: usize,
    pub stories: usize,
    pub reparsed: usize,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

type Reporter = Arc<dyn Fn(ServeEvent) + Send + Sync>;

/// Builds the site, serves it, and rebuilds on every change until Ctrl-C (or SIGTERM).
pub fn serve(
    options: ServeOptions,
    report: impl Fn(ServeEvent) + Send + Sync + 'static,
) -> Result<()> {
    let report: Reporter = Arc::new(report);
    let root = std::fs::canonicalize(&options.build.root)
        .map_err(|e| Error::io("open the site folder", &options.build.root, e))?;
    if !root.join(crate::source::load::CONTENT_DIR).is_dir() {
        return Err(Error::Refused(format!(
            "{} has no content/ folder: run thidua serve in a campaign site, or pass --root DIR",
            options.build.root.display()
        )));
    }
    let (listener, busy_port) = bind(options.bind, options.port)?;
    let address = listener
        .local_addr()
        .map_err(|e| Error::Refused(format!("the server socket has no address: {e}")))?;
    let url = preview_url(address);

    let mut builder = Builder::new(BuildOptions {
        root: root.clone(),
        base_url: Some(url.clone()),
        output: None,
        force: false,
        plain_asset_names: true,
        ..options.build.clone()
    });
    let live = Arc::new(Live::new(run_id()));
    rebuild(&mut builder, &live, &report, Vec::new());

    let (changes_sender, changes) = mpsc::channel();
    let watcher = SourceWatcher::start(&root, changes_sender.clone())?;
    let rebuilder = {
        let live = Arc::clone(&live);
        let report = Arc::clone(&report);
        std::thread::Builder::new()
            .name("thidua-rebuild".into())
            .spawn(move || rebuild_on_changes(changes, watcher, builder, &live, &report))
            .map_err(|e| Error::Refused(format!("could not start the rebuild thread: {e}")))?
    };

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Refused(format!("could not start the server: {e}")))?;
    // Bound to loopback, only loopback names are answered (DNS rebinding); bound to another
    // address on purpose, the preview is meant to be reached by other names too.
    let allowed_hosts = options
        .bind
        .is_loopback()
        .then(|| host::loopback_names(options.bind));
    let (stop, stopping) = signal::channel(false);
    let app = http::AppState {
        live,
        root,
        stopping,
        allowed_hosts,
        streams: Arc::new(streams::Streams::new(connections::stream_limit())),
    };
    let served = runtime.block_on(run_server(listener, app, stop, url, busy_port, &report));
    runtime.shutdown_timeout(SHUTDOWN_GRACE);
    let _ = changes_sender.send(WatchMessage::Stop);
    // A rebuild in progress finishes first; a panic in it has already been reported by Rust.
    let _ = rebuilder.join();
    served?;
    report(ServeEvent::Stopped);
    Ok(())
}

async fn run_server(
    listener: TcpListener,
    app: http::AppState,
    stop: signal::Sender<bool>,
    url: String,
    busy_port: Option<u16>,
    report: &Reporter,
) -> Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)
        .map_err(|e| Error::Refused(format!("could not start the server: {e}")))?;
    let stopping = app.stopping.clone();
    let app = http::router(Arc::new(app));
    let server = tokio::spawn(connections::serve(listener, app, stopping, SHUTDOWN_GRACE));
    report(ServeEvent::Listening { url, busy_port });
    wait_for_stop_signal().await?;
    let _ = stop.send(true);
    // Event streams end when `stopping` flips; connections still open after the grace period
    // are closed.
    let _ = server.await;
    Ok(())
}

async fn wait_for_stop_signal() -> Result<()> {
    let signal_error = |e: io::Error| Error::Refused(format!("could not listen for Ctrl-C: {e}"));
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut terminate = signal(SignalKind::terminate()).map_err(signal_error)?;
        tokio::select! {
            result = tokio::signal::ctrl_c() => result.map_err(signal_error),
            _ = terminate.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await.map_err(signal_error)
    }
}

/// Binds `ip:port`, or the next free port when it is taken (not for `0`, which is always free).
fn bind(ip: IpAddr, port: u16) -> Result<(TcpListener, Option<u16>)> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_TRIES)
    };
    for candidate in port..=last {
        match TcpListener::bind(SocketAddr::new(ip, candidate)) {
            Ok(listener) => {
                listener
                    .set_nonblocking(true)
                    .map_err(|e| Error::Refused(format!("could not set up the server: {e}")))?;
                let busy = (candidate != port).then_some(port);
                return Ok((listener, busy));
            }
            Err(error) if error.kind() == io::ErrorKind::AddrInUse => continue,
            Err(error) => {
                return Err(Error::Refused(format!(
                    "cannot listen on {ip}:{candidate}: {error}; choose another address with --bind or port with --port"
                )));
            }
        }
    }
    Err(Error::Refused(format!(
        "ports {port} to {last} on {ip} are all in use (another thidua serve?): stop it or pass --port N"
    )))
}

/// The URL to open: a wildcard address is reached through loopback.
fn preview_url(address: SocketAddr) -> String {
    let host = match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V6(ip) if ip.is_unspecified() => "[::1]".to_string(),
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    };
    format!("http://{host}:{}/", address.port())
}

/// Differs between runs, so tabs left open across a restart reload once reconnected.
fn run_id() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{:x}{:x}", nanos, std::process::id())
}

fn rebuild(builder: &mut Builder, live: &Live, report: &Reporter, changed_files: Vec<PathBuf>) {
    // A bug in one build must not end the preview: report it and start the next one afresh.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if changed_files.is_empty() {
            builder.build()
        } else {
            builder.rebuild(&changed_files)
        }
    }))
        .unwrap_or_else(|_| {
            *builder = Builder::new(builder.options().clone());
            Err(Error::Refused(
                "thidua failed unexpectedly while building (a bug: please report it with the file you changed); save again to retry".into(),
            ))
        });
    match outcome {
        Ok(built) => {
            let summary = summary(&built);
            let change = live.succeeded(built);
            report(ServeEvent::Built {
                report: summary,
                change,
                changed_files,
            });
        }
        Err(error) => {
            live.failed(&error);
            report(ServeEvent::Failed {
                error,
                changed_files,
            });
        }
    }
}

fn summary(built: &Built) -> BuildSummary {
    BuildSummary {
        pages: built.pages,
        rendered: built.rendered,
        stories: built.stories,
        reparsed: built.reparsed,
        warnings: built.warnings.clone(),
        elapsed: built.elapsed,
    }
}

/// The rebuild thread: one rebuild per burst of changes, until told to stop. It owns the
/// watcher, which stops with it.
fn rebuild_on_changes(
    changes: Receiver<WatchMessage>,
    mut watcher: SourceWatcher,
    mut builder: Builder,
    live: &Live,
    report: &Reporter,
) {
    while let Ok(first) = changes.recv() {
        let mut changed_files = Vec::new();
        let mut message = first;
        let started = Instant::now();
        loop {
            match message {
                WatchMessage::Changed(paths) => changed_files.extend(paths),
                WatchMessage::Failed(problem) => report(ServeEvent::WatchProblem(problem)),
                WatchMessage::Stop => return,
            }
            let wait = SETTLE.min(SETTLE_AT_MOST.saturating_sub(started.elapsed()));
            match changes.recv_timeout(wait) {
                Ok(next) => message = next,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if changed_files.is_empty() {
            continue;
        }
        changed_files.sort();
        changed_files.dedup();
        for path in &changed_files {
            if let Err(error) = watcher.rewatch_if_source_dir(path) {
                report(ServeEvent::WatchProblem(error.to_string()));
            }
        }
        rebuild(&mut builder, live, report, changed_files);
    }
}
