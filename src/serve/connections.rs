//! Accepts the preview's connections with limits, so that stalled or idle clients cannot wear
//! the server down: a connection that has not sent a complete request head within
//! [`HEADER_TIMEOUT`] (a client stuck half-way, or a kept-alive one left idle) is closed, and
//! only so many connections are open at once (the rest wait in the system's queue) so that
//! the files of the site, its photos and the next rebuild can always be opened. A connection
//! that becomes a live-reload stream gives its place back: streams have their own bound
//! ([`super::streams`]), so open tabs never keep pages from being answered.

use std::io;
use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::{Extension, Router};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tokio::task::JoinSet;

/// How long a client has to send a request's head; also how long an idle kept-alive
/// connection stays open. Browsers reopen closed idle connections by themselves.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections take at most this share of the open-file limit; the rest is for reading the
/// site while serving and rebuilding.
const FILE_LIMIT_SHARE: u64 = 2;
/// Bounds on the number of open connections (one person previewing uses a few dozen).
const FEWEST_CONNECTIONS: usize = 16;
const MOST_CONNECTIONS: usize = 1024;
/// Live-reload streams take at most this share of the open-file limit, within bounds (one
/// person previewing has a tab or a few open; a browser opens at most six per server).
const STREAM_FILE_SHARE: u64 = 8;
const FEWEST_STREAMS: usize = 4;
const MOST_STREAMS: usize = 64;
/// How long to wait before accepting again after the system refused (e.g. out of files).
const ACCEPT_RETRY: Duration = Duration::from_millis(100);

/// The place a connection holds among the open connections, given back when the connection
/// closes or when it becomes a live-reload stream (see [`ConnectionSlot::release`]).
#[derive(Clone)]
pub(crate) struct ConnectionSlot(Arc<Mutex<Option<OwnedSemaphorePermit>>>);

impl ConnectionSlot {
    /// Gives the place back while the connection stays open.
    pub(crate) fn release(&self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).take();
    }
}

/// Serves `app` on `listener` until `stopping` becomes `true`, then gives open connections
/// `grace` to finish their responses (event streams end by themselves) and closes the rest.
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    mut stopping: watch::Receiver<bool>,
    grace: Duration,
) {
    let slots = Arc::new(Semaphore::new(connection_limit()));
    let mut connections = JoinSet::new();
    loop {
        // Reap finished connections so the set does not grow with every one ever served.
        while connections.try_join_next().is_some() {}
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => slot,
            _ = stopped(&mut stopping) => break,
        };
        let Ok(slot) = slot else { break };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    if !is_connection_error(&error) {
                        tokio::time::sleep(ACCEPT_RETRY).await;
                    }
                    continue;
                }
            },
            _ = stopped(&mut stopping) => break,
        };
        // Small responses go out at once rather than waiting for more to send.
        let _ = stream.set_nodelay(true);
        let slot = ConnectionSlot(Arc::new(Mutex::new(Some(slot))));
        let service = TowerToHyperService::new(app.clone().layer(Extension(slot.clone())));
        let mut stopping = stopping.clone();
        connections.spawn(async move {
            let _slot = slot;
            let mut builder = http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT);
            let mut connection = pin!(builder.serve_connection(TokioIo::new(stream), service));
            tokio::select! {
                // Errors are the client's doing (a reset, a malformed or late request): the
                // connection is closed and nothing else needs to happen.
                _ = connection.as_mut() => {}
                _ = stopped(&mut stopping) => {
                    // Finish the response in progress, if any, then close.
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
        });
    }
    drop(listener);
    let finished = async { while connections.join_next().await.is_some() {} };
    // Whatever is still open after the grace period is closed when the set is dropped.
    let _ = tokio::time::timeout(grace, finished).await;
}

/// Returns once the server is stopping (or whoever stops it is gone).
async fn stopped(stopping: &mut watch::Receiver<bool>) {
    let _ = stopping.wait_for(|stop| *stop).await;
}

/// Errors of one connection that was being accepted, not of the listener.
fn is_connection_error(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// How many connections may be open at once: a share of the process's open-file limit.
fn connection_limit() -> usize {
    let files = open_file_limit().unwrap_or(u64::MAX);
    share_of_files(files)
}

fn share_of_files(files: u64) -> usize {
    usize::try_from(files / FILE_LIMIT_SHARE)
        .unwrap_or(usize::MAX)
        .clamp(FEWEST_CONNECTIONS, MOST_CONNECTIONS)
}

/// How many live-reload streams may be open at once: a share of the open-file limit.
pub(crate) fn stream_limit() -> usize {
    let files = open_file_limit().unwrap_or(u64::MAX);
    streams_for_files(files)
}

fn streams_for_files(files: u64) -> usize {
    usize::try_from(files / STREAM_FILE_SHARE)
        .unwrap_or(usize::MAX)
        .clamp(FEWEST_STREAMS, MOST_STREAMS)
}

#[cfg(unix)]
fn open_file_limit() -> Option<u64> {
    rustix::process::getrlimit(rustix::process::Resource::Nofile).current
}

#[cfg(not(unix))]
fn open_file_limit() -> Option<u64> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_take_half_the_open_file_limit_within_bounds() {
        assert_eq!(share_of_files(1024), 512);
        assert_eq!(share_of_files(256), 128);
        assert_eq!(share_of_files(20), FEWEST_CONNECTIONS);
        assert_eq!(share_of_files(1 << 20), MOST_CONNECTIONS);
        assert_eq!(share_of_files(u64::MAX), MOST_CONNECTIONS);
    }

    #[test]
    fn streams_take_an_eighth_of_the_open_file_limit_within_bounds() {
        assert_eq!(streams_for_files(256), 32);
        assert_eq!(streams_for_files(1024), 64);
        assert_eq!(streams_for_files(16), FEWEST_STREAMS);
        assert_eq!(streams_for_files(u64::MAX), MOST_STREAMS);
    }
}
