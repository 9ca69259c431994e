//! The live-reload event streams have their own bound, apart from page requests: each open tab
//! holds one stream for as long as it is open, so without a bound of their own, enough tabs
//! (or a client opening streams on purpose) would take every connection and the preview would
//! stop answering pages. When the bound is reached, the oldest stream is told to close.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

/// The open streams, oldest first.
pub(crate) struct Streams {
    limit: usize,
    open: Mutex<Open>,
}

struct Open {
    next_id: u64,
    /// Each stream's id and the sender that tells it to close.
    streams: VecDeque<(u64, oneshot::Sender<()>)>,
}

/// One open stream's place among the others; it leaves when dropped.
pub(crate) struct StreamTicket {
    id: u64,
    streams: Arc<Streams>,
    /// Fires when a newer stream took this one's place.
    pub(crate) displaced: oneshot::Receiver<()>,
}

impl Streams {
    pub(crate) fn new(limit: usize) -> Self {
        Self {
            limit: limit.max(1),
            open: Mutex::new(Open {
                next_id: 0,
                streams: VecDeque::new(),
            }),
        }
    }

    /// Registers a new stream, telling the oldest ones to close if the bound is reached.
    pub(crate) fn open(self: &Arc<Self>) -> StreamTicket {
        let (sender, displaced) = oneshot::channel();
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        while open.streams.len() >= self.limit {
            if let Some((_, oldest)) = open.streams.pop_front() {
                // A stream that already ended is not listening: nothing to tell.
                let _ = oldest.send(());
            }
        }
        let id = open.next_id;
        open.next_id += 1;
        open.streams.push_back((id, sender));
        StreamTicket {
            id,
            streams: Arc::clone(self),
            displaced,
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.open.lock().unwrap().streams.len()
    }
}

impl Drop for StreamTicket {
    fn drop(&mut self) {
        let mut open = self.streams.open.lock().unwrap_or_else(|e| e.into_inner());
        open.streams.retain(|(id, _)| *id != self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_stream_makes_way_for_a_new_one() {
        let streams = Arc::new(Streams::new(2));
        let mut first = streams.open();
        let mut second = streams.open();
        assert_eq!(streams.len(), 2);
        assert!(first.displaced.try_recv().is_err());
        let mut third = streams.open();
        assert_eq!(streams.len(), 2);
        assert_eq!(first.displaced.try_recv(), Ok(()));
        assert!(second.displaced.try_recv().is_err());
        // A stream that closes by itself frees its place: no one is displaced.
        drop(third);
        let _fourth = streams.open();
        assert!(second.displaced.try_recv().is_err());
        third = streams.open();
        assert_eq!(second.displaced.try_recv(), Ok(()));
        drop((first, second, third));
        assert_eq!(streams.len(), 1);
    }
}
