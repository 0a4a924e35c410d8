//! How long the language server takes to re-lint a report after a change: from a `didChange`
//! handed to the server to its `publishDiagnostics` coming back, in process (lsp-server's
//! in-memory connection, so no JSON framing or pipe is timed), on the seed or a given report.
//! Then a burst of changes sent at once, to show they are coalesced.
//!
//! `cargo run --release --example lsp_latency [-- REPORT.fis [ROUNDS]]`

// Test and measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use lsp_server::{Connection, Message, Notification};
use serde_json::json;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/reports/hetang-2021.fis"
        )
        .to_string()
    });
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(50);
    let text = std::fs::read_to_string(&path).expect("the report reads");
    let path = std::fs::canonicalize(&path).expect("the report exists");
    let uri = format!("file://{}", path.display());
    // Two texts to alternate between, so each change is a real one.
    let edited = match text.replacen("增长10.93%", "增长10.89%", 1) {
        same if same == text => format!("{text}\n"),
        other => other,
    };

    let (server, client) = Connection::memory();
    let thread = std::thread::spawn(move || fislint::lsp::serve(&server));
    let request = |id: i32, method: &str, params| {
        Message::Request(lsp_server::Request::new(id.into(), method.into(), params))
    };
    client
        .sender
        .send(request(1, "initialize", json!({ "capabilities": {} })))
        .unwrap();
    client.receiver.recv().unwrap();
    notify(&client, "initialized", json!({}));
    notify(
        &client,
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "fis", "version": 0, "text": text } }),
    );
    let found = published(&client).len();

    let mut times = Vec::new();
    for version in 1..=rounds {
        let t = if version % 2 == 1 { &edited } else { &text };
        let start = Instant::now();
        change(&client, &uri, version, t);
        published(&client);
        times.push(start.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    say(format!(
        "{} ({} bytes, {} lines, {found} diagnostics)",
        path.display(),
        text.len(),
        text.lines().count()
    ));
    say(format!(
        "re-lint after didChange, {rounds} rounds: median {:.2} ms, p90 {:.2} ms, max {:.2} ms",
        ms(times[times.len() / 2]),
        ms(times[times.len() * 9 / 10]),
        ms(times[times.len() - 1]),
    ));

    // A burst: ten changes queued before the server sees any.
    let burst = 10;
    let start = Instant::now();
    for version in rounds + 1..=rounds + burst {
        let t = if version % 2 == 1 { &edited } else { &text };
        change(&client, &uri, version, t);
    }
    let mut publications = 0;
    loop {
        let (version, _) = publication(&client);
        publications += 1;
        if version == Some((rounds + burst) as i64) {
            break;
        }
    }
    say(format!(
        "burst of {burst} changes: {publications} lint(s), latest published after {:.2} ms",
        ms(start.elapsed())
    ));

    client
        .sender
        .send(request(2, "shutdown", serde_json::Value::Null))
        .unwrap();
    client.receiver.recv().unwrap();
    notify(&client, "exit", serde_json::Value::Null);
    thread.join().unwrap().unwrap();
}

/// A line on standard output.
fn say(line: String) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout(), "{line}");
}

fn notify(client: &Connection, method: &str, params: serde_json::Value) {
    let n = Notification::new(method.to_string(), params);
    client.sender.send(Message::Notification(n)).unwrap();
}

fn change(client: &Connection, uri: &str, version: usize, text: &str) {
    notify(
        client,
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{ "text": text }],
        }),
    );
}

/// The next diagnostics published.
fn published(client: &Connection) -> Vec<serde_json::Value> {
    publication(client).1
}

/// The next publication: its version and diagnostics.
fn publication(client: &Connection) -> (Option<i64>, Vec<serde_json::Value>) {
    loop {
        if let Message::Notification(n) = client.receiver.recv().unwrap() {
            if n.method == "textDocument/publishDiagnostics" {
                let version = n.params["version"].as_i64();
                let diagnostics = n.params["diagnostics"].as_array().cloned();
                return (version, diagnostics.unwrap_or_default());
            }
        }
    }
}
