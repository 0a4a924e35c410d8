//! A minimal LSP client around a running `fislint lsp`, for the tests that drive it over its
//! standard input and output (`tests/lsp.rs`, `tests/lsp_transport.rs`, each with
//! `#[path = "common/lsp_client.rs"] mod lsp_client;`). Every wait has a timeout, so a broken
//! server fails the test instead of hanging it.

// Each test binary uses some of these, not all.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long any one answer may take (a debug build lints the seed in well under this).
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// A running `fislint lsp` and the messages it sent.
pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    stderr: Arc<Mutex<String>>,
    next_id: i64,
}

impl Client {
    /// Starts the server and initializes it with empty client capabilities.
    pub fn start() -> Client {
        Client::start_with(json!({ "capabilities": {} })).0
    }

    /// Starts the server and initializes it with these `initialize` parameters; the client and
    /// the `initialize` result.
    pub fn start_with(params: Value) -> (Client, Value) {
        let mut client = Client::spawn();
        let result = client.request("initialize", params);
        let caps = &result["capabilities"];
        assert_eq!(caps["textDocumentSync"]["change"], 1, "full sync: {caps}");
        assert_eq!(caps["textDocumentSync"]["openClose"], true);
        assert_eq!(caps["hoverProvider"], true, "hover: {caps}");
        client.notify("initialized", json!({}));
        (client, result)
    }

    /// Starts the server without a word sent to it.
    pub fn spawn() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_fislint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("fislint lsp starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut from = child.stderr.take().unwrap();
        let to = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut buf = [0; 4096];
            while let Ok(n @ 1..) = from.read(&mut buf) {
                to.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            messages,
            stderr,
            next_id: 1,
        }
    }

    /// Writes bytes as they are, framing included.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        // The server may have gone (that is what some tests check): a broken pipe is fine.
        let _ = stdin.write_all(bytes).and_then(|()| stdin.flush());
    }

    /// Sends a message, framed.
    pub fn send(&mut self, message: Value) {
        self.send_raw(frame(&message.to_string()).as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its result, skipping notifications meanwhile.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let response = self.wait(|m| m["id"] == id);
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    /// The next message that `wanted` accepts; others are dropped.
    pub fn wait(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(m) if wanted(&m) => return m,
                Ok(_) => {}
                Err(e) => panic!(
                    "no expected message from the server: {e}; its standard error: {}",
                    self.stderr()
                ),
            }
        }
    }

    /// The next error response with this `id`.
    pub fn error(&mut self, id: Value) -> Value {
        self.wait(|m| m.get("error").is_some() && m["id"] == id)
    }

    /// The next diagnostics published for `uri`.
    pub fn diagnostics(&mut self, uri: &str) -> Value {
        self.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
            ["params"]
            .clone()
    }

    /// What the server wrote on standard error so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Its standard error once `done` holds of it (a reader thread collects it, so a line the
    /// server wrote before answering may still be on its way), or as it is at the time-out.
    #[allow(dead_code)]
    pub fn stderr_when(&self, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let now = self.stderr();
            if done(&now) || Instant::now() > deadline {
                return now;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Closes the input and waits for the process to end; its exit code.
    pub fn exit_code(&mut self) -> i32 {
        self.stdin = None;
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().expect("fislint exits, it is not killed");
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("fislint lsp did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `shutdown`, then `exit`; the exit code.
    pub fn shutdown(mut self) -> i32 {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.exit_code()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // A test that failed midway leaves no server behind.
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A body with its `Content-Length` header.
pub fn frame(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

/// One `Content-Length`-framed message, or `None` at the end of the output.
pub fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The `file:` URI of a path.
pub fn uri(path: &Path) -> String {
    // The test paths are ASCII; a space is the one character to escape in a checkout's path.
    format!("file://{}", path.display()).replace(' ', "%20")
}

pub fn open(client: &mut Client, uri: &str, language: &str, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }),
    );
}

pub fn change(client: &mut Client, uri: &str, version: i32, text: &str) {
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{ "text": text }],
        }),
    );
}

/// The seed report's path and text.
pub fn seed() -> (std::path::PathBuf, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/reports/hetang-2021.fis");
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

/// The codes of the diagnostics published.
pub fn codes(published: &Value) -> Vec<&str> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}
