//! The few WebDriver calls `pishkhan-bench startup` makes (new session, execute script, delete
//! session), over plain HTTP/1.1 on loopback with the standard library, JSON in and out: one
//! kept-alive connection (or, with `keep_alive` off, one connection per call). Small on
//! purpose — the benchmark polls every ~10 ms, and a blocking call with nothing between it and
//! the socket keeps that overhead small and visible (see `Client::call`).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use anyhow::{bail, Context};
use serde_json::{json, Value};

/// A WebDriver endpoint (`tauri-driver` in front of WebKitWebDriver).
#[derive(Debug)]
pub struct Client {
    /// `127.0.0.1:PORT`
    pub addr: String,
    /// How long one call may take (a new session starts the app: seconds).
    pub timeout: Duration,
    /// One connection for every call (`Connection: close` on each call otherwise).
    pub keep_alive: bool,
    conn: Mutex<Option<TcpStream>>,
}

/// A WebDriver error answer (`{"value": {"error": ..., "message": ...}}`).
#[derive(Debug)]
pub struct WdError {
    pub status: u16,
    pub error: String,
    pub message: String,
}

impl std::fmt::Display for WdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "WebDriver {}: {} ({})",
            self.status, self.error, self.message
        )
    }
}

impl std::error::Error for WdError {}

/// Calls answered only on a second or third try (see [`Client::execute`]), over the whole run.
pub static RETRIED: AtomicU64 = AtomicU64::new(0);

/// The error of a call that got no HTTP answer at all (as opposed to a WebDriver error).
#[derive(Debug)]
struct NoAnswer(String);

impl std::fmt::Display for NoAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no answer: {}", self.0)
    }
}

impl std::error::Error for NoAnswer {}

impl Client {
    pub fn new(port: u16, keep_alive: bool) -> Client {
        Client {
            addr: format!("127.0.0.1:{port}"),
            timeout: Duration::from_secs(120),
            keep_alive,
            conn: Mutex::new(None),
        }
    }

    fn connect(&self) -> anyhow::Result<TcpStream> {
        let stream = TcpStream::connect(&self.addr)
            .with_context(|| format!("connecting to WebDriver at {}", self.addr))?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(self.timeout))?;
        stream.set_write_timeout(Some(self.timeout))?;
        Ok(stream)
    }

    /// One call: `method path` with an optional JSON body; the answer's `value`.
    pub fn call(&self, method: &str, path: &str, body: Option<&Value>) -> anyhow::Result<Value> {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n{}\r\n{body}",
            self.addr,
            body.len(),
            if self.keep_alive { "" } else { "Connection: close\r\n" }
        );
        let mut conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        let raw = loop {
            let reused = conn.is_some();
            let mut stream = match conn.take() {
                Some(s) => s,
                None => self.connect()?,
            };
            let answer = stream
                .write_all(request.as_bytes())
                .and_then(|()| read_response(&mut stream));
            match answer {
                Ok((raw, open)) if !raw.is_empty() => {
                    if self.keep_alive && open {
                        *conn = Some(stream);
                    }
                    break raw;
                }
                // A kept connection the other side had closed: once more on a new one.
                Ok(_) | Err(_) if reused => continue,
                // tauri-driver closes the connection without an answer when its own request
                // to WebKitWebDriver fails ("connection reset by peer" in its log).
                Ok(_) => return Err(NoAnswer(format!("{method} {path}: connection closed")).into()),
                Err(e) => return Err(NoAnswer(format!("{method} {path}: {e}")).into()),
            }
        };
        drop(conn);
        let (status, payload) =
            parse_response(&raw).with_context(|| format!("the answer to {method} {path}"))?;
        let value: Value = if payload.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&payload).with_context(|| {
                format!(
                    "the answer to {method} {path} is not JSON: {}",
                    String::from_utf8_lossy(&payload[..payload.len().min(300)])
                )
            })?
        };
        let value = value.get("value").cloned().unwrap_or(Value::Null);
        if status >= 400 {
            let error = WdError {
                status,
                error: value["error"].as_str().unwrap_or("unknown").to_string(),
                message: value["message"].as_str().unwrap_or("").to_string(),
            };
            return Err(error.into());
        }
        Ok(value)
    }

    /// `GET /status`: whether the driver (and the native driver behind it) answers.
    pub fn ready(&self) -> bool {
        match self.call("GET", "/status", None) {
            Ok(v) => v.get("ready").and_then(Value::as_bool).unwrap_or(true),
            Err(_) => false,
        }
    }

    /// `POST /session` with these capabilities (`alwaysMatch`); the session's id.
    pub fn new_session(&self, capabilities: Value) -> anyhow::Result<String> {
        let v = self.call(
            "POST",
            "/session",
            Some(&json!({ "capabilities": { "alwaysMatch": capabilities } })),
        )?;
        match v["sessionId"].as_str() {
            Some(id) => Ok(id.to_string()),
            None => bail!("no sessionId in the new session's answer: {v}"),
        }
    }

    /// `POST /session/{id}/execute/sync`: runs `script` (a function body; `arguments` are
    /// `args`) in the page and returns what it returns.
    ///
    /// The scripts this benchmark runs may run twice, so a call that got no answer at all (seen
    /// now and then under load) is made again, up to three tries; [`RETRIED`] counts them.
    pub fn execute(&self, session: &str, script: &str, args: Value) -> anyhow::Result<Value> {
        let path = format!("/session/{session}/execute/sync");
        let body = json!({ "script": script, "args": args });
        let mut tries = 1;
        loop {
            match self.call("POST", &path, Some(&body)) {
                Err(e) if tries < 3 && e.downcast_ref::<NoAnswer>().is_some() => {
                    tries += 1;
                    RETRIED.fetch_add(1, Ordering::Relaxed);
                    std::thread::sleep(Duration::from_millis(20));
                }
                answer => return answer,
            }
        }
    }

    /// `DELETE /session/{id}`: WebKitWebDriver closes the browser (the app).
    pub fn delete_session(&self, session: &str) -> anyhow::Result<()> {
        self.call("DELETE", &format!("/session/{session}"), None)
            .map(|_| ())
    }
}

/// Reads one HTTP/1.1 response from `stream`: by its `Content-Length`, to the end of a chunked
/// body, or to the connection's close. Returns it whole and whether the connection stays open
/// (empty: closed before any byte).
fn read_response(stream: &mut TcpStream) -> std::io::Result<(Vec<u8>, bool)> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    let mut head: Option<(usize, Option<usize>, bool, bool)> = None; // end, length, chunked, close
    loop {
        if head.is_none() {
            if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                let text = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
                let mut length = None;
                let (mut chunked, mut close) = (false, false);
                for line in text.split("\r\n").skip(1) {
                    if let Some((name, value)) = line.split_once(':') {
                        match name.trim() {
                            "content-length" => length = value.trim().parse().ok(),
                            "transfer-encoding" => chunked = value.contains("chunked"),
                            "connection" => close = value.contains("close"),
                            _ => {}
                        }
                    }
                }
                head = Some((end + 4, length, chunked, close));
            }
        }
        match head {
            Some((start, Some(n), false, close)) if buf.len() >= start + n => {
                buf.truncate(start + n);
                return Ok((buf, !close));
            }
            Some((start, _, true, close)) if buf[start..].ends_with(b"0\r\n\r\n") => {
                return Ok((buf, !close));
            }
            _ => {}
        }
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Ok((buf, false));
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// Status code and body of a whole HTTP/1.1 response (`Content-Length`, chunked, or up to
/// the connection's close).
fn parse_response(raw: &[u8]) -> anyhow::Result<(u16, Vec<u8>)> {
    let Some(head_end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        bail!("no complete HTTP header ({} bytes)", raw.len());
    };
    let head = std::str::from_utf8(&raw[..head_end]).context("header is not UTF-8")?;
    let rest = &raw[head_end + 4..];
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .with_context(|| format!("status line {status_line:?}"))?;
    let mut chunked = false;
    let mut length: Option<usize> = None;
    for line in lines {
        if let Some((name, value)) = line.split_once(':') {
            let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
            if name == "transfer-encoding" && value.to_ascii_lowercase().contains("chunked") {
                chunked = true;
            } else if name == "content-length" {
                length = value.parse().ok();
            }
        }
    }
    if chunked {
        return Ok((status, dechunk(rest)?));
    }
    let body = match length {
        Some(n) if n <= rest.len() => rest[..n].to_vec(),
        Some(n) => bail!("body cut short: {} of {n} bytes", rest.len()),
        None => rest.to_vec(),
    };
    Ok((status, body))
}

fn dechunk(mut data: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = data.windows(2).position(|w| w == b"\r\n") else {
            bail!("chunked body cut short");
        };
        let size_text = std::str::from_utf8(&data[..eol])?;
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .with_context(|| format!("chunk size {size_text:?}"))?;
        data = &data[eol + 2..];
        if size == 0 {
            return Ok(out);
        }
        anyhow::ensure!(data.len() >= size + 2, "chunk cut short");
        out.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_length_chunked_and_close_delimited_bodies() {
        let (s, b) =
            parse_response(b"HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n{\"value\":1}\r\nextra")
                .unwrap();
        assert_eq!((s, b.as_slice()), (200, &b"{\"value\":1}\r\n"[..]));
        let (s, b) = parse_response(
            b"HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"va\r\n8\r\nlue\":2}\n\r\n0\r\n\r\n",
        )
        .unwrap();
        assert_eq!((s, b.as_slice()), (404, &b"{\"value\":2}\n"[..]));
        let (s, b) = parse_response(b"HTTP/1.0 200 OK\r\n\r\n{}").unwrap();
        assert_eq!((s, b.as_slice()), (200, &b"{}"[..]));
        assert!(parse_response(b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n{}").is_err());
    }

    #[test]
    fn reads_answers_one_by_one_from_a_kept_connection() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            let (mut s, _) = listener.accept().unwrap();
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf).unwrap();
            s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{\"value\":1}")
                .unwrap();
            let _ = s.read(&mut buf).unwrap();
            s.write_all(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n{\"value\":2}\r\n0\r\n\r\n")
                .unwrap();
            let _ = s.read(&mut buf).unwrap();
            s.write_all(
                b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 11\r\n\r\n{\"value\":3}",
            )
            .unwrap();
        });
        let client = Client::new(port, true);
        for want in 1..=3 {
            assert_eq!(client.call("GET", "/status", None).unwrap(), json!(want));
        }
        assert!(
            client.conn.lock().unwrap().is_none(),
            "closed as the server said"
        );
        server.join().unwrap();
    }
}
