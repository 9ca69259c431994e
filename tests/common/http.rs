//! A minimal HTTP/1.1 client over a raw TCP stream (one request per connection, or several on a
//! kept-alive one), for the preview server's tests: it sends the request path exactly as given
//! (a real client would normalise `..` away before sending), and reads Server-Sent Events one
//! by one. Every read has a deadline.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn connect(address: &str) -> TcpStream {
    let stream = TcpStream::connect(address).unwrap_or_else(|e| panic!("connect {address}: {e}"));
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    stream.set_write_timeout(Some(TIMEOUT)).unwrap();
    stream
}

/// Splits the status line and headers from the head of a response.
fn parse_head(head: &str) -> (u16, Vec<(String, String)>) {
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    (status, headers)
}

/// `method path` against `address` (`127.0.0.1:PORT`), the path sent byte for byte.
pub fn request(address: &str, method: &str, path: &str) -> Response {
    try_request(address, method, path)
        .unwrap_or_else(|| panic!("no HTTP response to {method} {path}"))
}

/// `GET path`, or `None` when the server is not (yet) answering.
pub fn try_get(address: &str, path: &str) -> Option<Response> {
    try_request(address, "GET", path)
}

fn try_request(address: &str, method: &str, path: &str) -> Option<Response> {
    let mut stream = TcpStream::connect(address).ok()?;
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    stream.set_write_timeout(Some(TIMEOUT)).unwrap();
    exchange(&mut stream, address, method, path, false).ok()
}

/// Sends one request on `stream` and reads its response: the head, then as much body as it
/// announces (a server may keep the connection open despite `Connection: close`). Never
/// reads past the response, so a kept-alive stream is ready for the next request.
fn exchange(
    stream: &mut TcpStream,
    address: &str,
    method: &str,
    path: &str,
    keep_alive: bool,
) -> Result<Response, String> {
    let connection = if keep_alive { "keep-alive" } else { "close" };
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: {connection}\r\n\r\n"
    )
    .map_err(|e| format!("sending {method} {path}: {e}"))?;
    read_response(stream, method, path)
}

/// Sends `head` (a request line and headers, ending with an empty line) byte for byte on a
/// new connection to `address`, and reads the response: for requests no real client sends,
/// such as one with a forged `Host`.
pub fn raw(address: &str, head: &str) -> Response {
    let mut stream = connect(address);
    stream.write_all(head.as_bytes()).unwrap();
    let method = head.split(' ').next().unwrap_or_default();
    read_response(&mut stream, method, head.lines().next().unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn read_response(stream: &mut TcpStream, method: &str, path: &str) -> Result<Response, String> {
    let mut read = |buffer: &mut [u8]| match stream.read(buffer) {
        Ok(0) => Err(format!("{method} {path}: the server closed the connection")),
        Ok(read) => Ok(read),
        Err(e) => Err(format!("{method} {path}: {e}")),
    };
    let mut raw = Vec::new();
    let mut buffer = [0u8; 16 * 1024];
    let split = loop {
        if let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break split;
        }
        let count = read(&mut buffer)?;
        raw.extend_from_slice(&buffer[..count]);
    };
    let (status, headers) = parse_head(&String::from_utf8_lossy(&raw[..split]));
    let mut response = Response {
        status,
        headers,
        body: raw.split_off(split + 4),
    };
    let length = response
        .header("content-length")
        .and_then(|v| v.parse::<usize>().ok());
    let chunked = response
        .header("transfer-encoding")
        .is_some_and(|v| v.eq_ignore_ascii_case("chunked"));
    let no_body = method == "HEAD" || status == 304 || status == 204;
    loop {
        let complete = match length {
            _ if no_body => true,
            Some(length) => response.body.len() >= length,
            None if chunked => response.body.ends_with(b"0\r\n\r\n"),
            None => false,
        };
        if complete {
            break;
        }
        match read(&mut buffer) {
            Ok(count) => response.body.extend_from_slice(&buffer[..count]),
            // Without a length, the body ends when the connection does.
            Err(_) if length.is_none() && !chunked => break,
            Err(error) => {
                return Err(format!(
                    "{error} after {} body bytes (expected {length:?})",
                    response.body.len()
                ));
            }
        }
    }
    if chunked {
        response.body = dechunk(&response.body);
    }
    Ok(response)
}

fn connect_within(address: &str, timeout: Duration) -> Result<TcpStream, String> {
    let socket = address
        .parse()
        .map_err(|e| format!("bad address {address}: {e}"))?;
    let stream = TcpStream::connect_timeout(&socket, timeout)
        .map_err(|e| format!("connect {address}: {e}"))?;
    stream.set_read_timeout(Some(timeout)).unwrap();
    stream.set_write_timeout(Some(timeout)).unwrap();
    Ok(stream)
}

/// `GET path` on a fresh connection, every step (connect, send, each read) bounded by
/// `timeout`; the error says what went wrong instead of panicking, for load tests that
/// collect failures from many threads.
pub fn fetch(address: &str, path: &str, timeout: Duration) -> Result<Response, String> {
    let mut stream = connect_within(address, timeout)?;
    exchange(&mut stream, address, "GET", path, false)
}

/// One connection reused for request after request (HTTP/1.1 keep-alive), as a browser
/// does; every step is bounded by the timeout given to [`KeptAlive::open`].
pub struct KeptAlive {
    address: String,
    stream: TcpStream,
}

impl KeptAlive {
    pub fn open(address: &str, timeout: Duration) -> Result<Self, String> {
        Ok(Self {
            address: address.to_string(),
            stream: connect_within(address, timeout)?,
        })
    }

    pub fn get(&mut self, path: &str) -> Result<Response, String> {
        let response = exchange(&mut self.stream, &self.address, "GET", path, true)?;
        if response
            .header("connection")
            .is_some_and(|v| v.eq_ignore_ascii_case("close"))
        {
            return Err(format!(
                "GET {path}: the server refused to keep the connection"
            ));
        }
        Ok(response)
    }
}

/// The body of a `Transfer-Encoding: chunked` response.
fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    while let Some(end) = raw.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&raw[..end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16)
            .unwrap_or_else(|_| panic!("bad chunk size {size_text:?}"));
        if size == 0 {
            break;
        }
        let start = end + 2;
        body.extend_from_slice(&raw[start..start + size]);
        raw = &raw[start + size + 2..];
    }
    body
}

pub fn get(address: &str, path: &str) -> Response {
    request(address, "GET", path)
}

/// One Server-Sent Event.
#[derive(Debug, Clone)]
pub struct Event {
    pub name: String,
    pub data: String,
}

/// A live connection to an event stream.
pub struct EventStream {
    reader: BufReader<TcpStream>,
    /// Bytes of a line, and fields of an event, not yet complete when a read timed out.
    partial: Vec<u8>,
    name: String,
    data: Vec<String>,
}

impl EventStream {
    pub fn open(address: &str, path: &str) -> Self {
        let mut stream = connect(address);
        // HTTP/1.0, so the stream comes unchunked: events can be read line by line.
        write!(stream, "GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n").unwrap();
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).expect("event stream headers");
            if line == "\r\n" || line.is_empty() {
                break;
            }
            head.push_str(&line);
        }
        let (status, headers) = parse_head(&head);
        assert_eq!(status, 200, "event stream: {head}");
        assert!(
            headers
                .iter()
                .any(|(k, v)| k.eq_ignore_ascii_case("content-type")
                    && v.starts_with("text/event-stream")),
            "event stream content type: {head}"
        );
        Self {
            reader,
            partial: Vec::new(),
            name: String::new(),
            data: Vec::new(),
        }
    }

    /// The next event, or `None` when none comes within `timeout`.
    pub fn next(&mut self, timeout: Duration) -> Option<Event> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            self.reader
                .get_ref()
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .unwrap();
            match self.reader.read_until(b'\n', &mut self.partial) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    return None;
                }
                Err(e) => panic!("event stream: {e}"),
            }
            if !self.partial.ends_with(b"\n") {
                continue;
            }
            let line = String::from_utf8_lossy(&self.partial)
                .trim_end_matches(['\r', '\n'])
                .to_string();
            self.partial.clear();
            if line.is_empty() {
                if !self.name.is_empty() || !self.data.is_empty() {
                    let data = std::mem::take(&mut self.data);
                    return Some(Event {
                        name: std::mem::take(&mut self.name),
                        data: data.join("\n"),
                    });
                }
            } else if let Some(value) = line.strip_prefix("event:") {
                self.name = value.trim_start().to_string();
            } else if let Some(value) = line.strip_prefix("data:") {
                self.data
                    .push(value.strip_prefix(' ').unwrap_or(value).to_string());
            }
        }
    }

    /// Whether the server closes the stream within `timeout` (events before the end are
    /// skipped).
    pub fn closed_within(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut buffer = [0u8; 4096];
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            let stream = self.reader.get_mut();
            stream
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .unwrap();
            match self.reader.read(&mut buffer) {
                Ok(0) => return true,
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
                Err(_) => return false,
            }
        }
        false
    }

    /// The next event named `name`, skipping others; panics after `timeout`.
    pub fn expect(&mut self, name: &str, timeout: Duration) -> Event {
        let deadline = Instant::now() + timeout;
        let mut skipped = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.next(left) {
                Some(event) if event.name == name => return event,
                Some(event) => skipped.push(event),
                None => break,
            }
        }
        panic!("no `{name}` event within {timeout:?}; got {skipped:?}");
    }
}
