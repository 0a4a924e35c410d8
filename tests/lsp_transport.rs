//! The language server's transport and protocol edges (issue 15, items 4, 6, 13 and 20):
//! `Content-Length` values that must not be trusted, bodies that are no message, the position
//! encoding and server info negotiated at `initialize`, the help worded as the command line
//! words it, and a FIFO beside an open pack. Driven over the binary's standard input and output;
//! every wait has a timeout.

// Test code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "common/lsp_client.rs"]
mod lsp_client;

use serde_json::{json, Value};

use lsp_client::{frame, open, seed, uri, Client};

/// A request the server always answers (hover on a document it does not have: `null`).
fn probe(client: &mut Client, id: i64) {
    client.send(json!({
        "jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
        "params": { "textDocument": { "uri": "file:///nowhere.fis" },
                    "position": { "line": 0, "character": 0 } },
    }));
    let answer = client.wait(|m| m["id"] == id);
    assert_eq!(answer.get("error"), None, "{answer}");
    assert_eq!(answer["result"], Value::Null);
}

// Item 4: Content-Length.

#[test]
fn a_huge_content_length_is_never_allocated() {
    // Each of these aborted the allocator or zero-filled gigabytes before the first body byte.
    for n in ["99999999999999", "18446744073709551615", "3000000000"] {
        let mut client = Client::start();
        client.send_raw(format!("Content-Length: {n}\r\n\r\n{{\"jsonrpc\":\"2.0\"}}").as_bytes());
        // The input ends inside that frame: logged, and a clean exit.
        assert_eq!(client.exit_code(), 2, "{n}: {}", client.stderr());
        let expected = format!("Content-Length 为 {n} 字节");
        let stderr = client.stderr_when(|s| s.contains(&expected));
        assert!(stderr.contains(&expected), "{n}: {stderr}");
    }
}

#[test]
fn a_content_length_past_u64_ends_the_session_with_a_message() {
    let mut client = Client::start();
    client.send_raw(b"Content-Length: 18446744073709551616\r\n\r\n{}");
    assert_eq!(client.exit_code(), 2);
    let stderr = client.stderr_when(|s| s.contains("超出可表示的范围"));
    assert!(stderr.contains("超出可表示的范围"), "{stderr}");
}

#[test]
fn a_frame_over_the_limit_is_skipped_answered_and_the_stream_goes_on() {
    // 256 MiB and one byte, the CLI's own input limit plus one: streamed through, never kept.
    let length: usize = 256 * 1024 * 1024 + 1;
    let mut client = Client::start();
    client.send_raw(format!("Content-Length: {length}\r\n\r\n").as_bytes());
    let chunk = vec![b' '; 1024 * 1024];
    let mut left = length;
    while left > 0 {
        let n = left.min(chunk.len());
        client.send_raw(&chunk[..n]);
        left -= n;
    }
    let error = client.error(Value::Null);
    assert_eq!(error["error"]["code"], -32600, "{error}");
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("256 MiB"),
        "{error}"
    );
    probe(&mut client, 50);
    let stderr = client.stderr_when(|s| s.contains("消息过大"));
    assert!(stderr.contains("消息过大"), "{stderr}");
    assert_eq!(client.shutdown(), 0);
}

// Item 6: malformed frames.

#[test]
fn each_malformed_body_is_answered_and_the_next_request_still_served() {
    let mut client = Client::start();
    let cases: [(&[u8], i64, Value, &str); 8] = [
        (
            b"{\"jsonrpc\": \"2.0\", \"id\": 1,",
            -32700,
            Value::Null,
            "JSON",
        ),
        (
            br#"[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]"#,
            -32600,
            Value::Null,
            "批量",
        ),
        (
            b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"\xff\xfe\"}",
            -32700,
            Value::Null,
            "UTF-8",
        ),
        (
            br#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"t":"\ud800"}}"#,
            -32700,
            Value::Null,
            "代理项",
        ),
        (
            br#"{"jsonrpc":"2.0","id":{"a":1},"method":"textDocument/hover"}"#,
            -32600,
            Value::Null,
            "id",
        ),
        (
            br#"{"jsonrpc":"2.0","id":1.5,"method":"textDocument/hover"}"#,
            -32600,
            json!(1.5),
            "id",
        ),
        (
            br#"{"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":"x"}"#,
            -32600,
            json!(9),
            "params",
        ),
        (b"", -32700, Value::Null, "JSON"),
    ];
    for (i, (body, code, id, logged)) in cases.into_iter().enumerate() {
        let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        framed.extend_from_slice(body);
        client.send_raw(&framed);
        let error = client.error(id.clone());
        assert_eq!(error["error"]["code"], code, "{body:?}: {error}");
        assert_eq!(error["id"], id, "{body:?}: {error}");
        // Resynchronised: the next frame is read and answered.
        probe(&mut client, 100 + i as i64);
        let stderr = client.stderr_when(|s| s.contains(logged));
        assert!(stderr.contains(logged), "{body:?}: {stderr}");
    }
    // One log line per refused body.
    let stderr = client.stderr_when(|s| s.lines().count() >= 8);
    assert_eq!(stderr.lines().count(), 8, "{stderr}");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn a_request_before_initialize_is_refused_and_the_handshake_still_works() {
    let mut client = Client::spawn();
    client.send(json!({ "jsonrpc": "2.0", "id": 1, "method": "textDocument/hover" }));
    let error = client.error(json!(1));
    assert_eq!(error["error"]["code"], -32002, "{error}");
    let result = client.request("initialize", json!({ "capabilities": {} }));
    assert_eq!(result["serverInfo"]["name"], "fislint");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn a_header_without_content_length_ends_the_session_with_a_message() {
    for header in [
        "Content-Type: application/vscode-jsonrpc\r\n\r\n",
        "garbage\r\n\r\n",
        "Content-Length: twelve\r\n\r\n",
    ] {
        let mut client = Client::start();
        client.send_raw(format!("{header}{{}}{}", frame("{}")).as_bytes());
        // Without a length the body's end is unknown: the server says so and exits, rather
        // than guess where the next frame starts.
        assert_eq!(client.exit_code(), 2, "{header:?}");
        let stderr = client.stderr_when(|s| s.contains("无法确定消息的边界"));
        assert!(
            stderr.contains("无法确定消息的边界"),
            "{header:?}: {stderr}"
        );
    }
}

// Item 20: the messages, server info and the position encoding.

#[test]
fn the_server_names_itself_and_speaks_utf16_by_default() {
    let (client, result) = Client::start_with(json!({ "capabilities": {} }));
    assert_eq!(result["serverInfo"]["name"], "fislint");
    assert_eq!(result["serverInfo"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(client.shutdown(), 0);
    let offered = json!({ "capabilities": { "general": { "positionEncodings": ["utf-16"] } } });
    let (client, result) = Client::start_with(offered);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(client.shutdown(), 0);
}

/// The seed's `prose-total-growth` finding, as published, and its line's text.
fn growth(client: &mut Client) -> (Value, String, String) {
    let (path, text) = seed();
    let uri = uri(&path);
    open(client, &uri, "fis", &text);
    let published = client.diagnostics(&uri);
    let found = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "prose-total-growth")
        .unwrap()
        .clone();
    let line = text.lines().nth(345).unwrap().to_string();
    (found, line, uri)
}

#[test]
fn help_is_worded_as_the_command_line_words_it() {
    let mut client = Client::start();
    let (found, _, _) = growth(&mut client);
    let message = found["message"].as_str().unwrap();
    assert!(message.contains("\n帮助："), "{message}");
    assert!(!message.contains("help:"), "{message}");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn utf8_is_negotiated_when_offered_and_positions_are_then_bytes() {
    let offered = json!({
        "capabilities": { "general": { "positionEncodings": ["utf-8", "utf-16"] } }
    });
    let (mut client, result) = Client::start_with(offered);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    let (found, line, report) = growth(&mut client);
    let at = line.find("10.93%").unwrap();
    assert_eq!(found["range"]["start"]["line"], 345);
    assert_eq!(found["range"]["start"]["character"], at, "{found}");
    assert_eq!(found["range"]["end"]["character"], at + "10.93%".len());
    // Hover is received in bytes too: the finding's start, and inside it.
    for character in [at, at + 3] {
        let hover = client.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": report },
                    "position": { "line": 345, "character": character } }),
        );
        assert_eq!(hover["range"], found["range"], "{character}: {hover}");
    }
    // Just before it (in bytes; in UTF-16 this column lies far to the right): nothing.
    let before = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": report },
                "position": { "line": 345, "character": at - 1 } }),
    );
    assert_eq!(before, Value::Null);
    // A pack's errors in bytes as well: 规则们 is 9 bytes.
    let dir = tempfile::tempdir().unwrap();
    let pack = uri(&dir.path().join("pack.yaml"));
    let text = "pack: mine\ntitle: 我的规则包\nversion: \"1\"\nextends: [national]\nrules: []\n规则们: []\n";
    open(&mut client, &pack, "yaml", text);
    let published = client.diagnostics(&pack);
    assert_eq!(
        published["diagnostics"][0]["range"]["end"]["character"], 9,
        "{published}"
    );
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn utf16_positions_otherwise() {
    let mut client = Client::start();
    let (found, line, _) = growth(&mut client);
    let at = line.find("10.93%").unwrap();
    assert_eq!(
        found["range"]["start"]["character"],
        line[..at].encode_utf16().count()
    );
    assert_eq!(client.shutdown(), 0);
}

// Item 13: a FIFO beside an open pack.

fn mkfifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

#[test]
fn a_fifo_beside_an_open_pack_is_skipped_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    // Sorted first among the siblings looked at, and named by the pack's include.
    mkfifo(&dir.path().join("a-fifo.yaml"));
    let pack = dir.path().join("pack.yaml");
    std::fs::write(
        &pack,
        "pack: p\ntitle: t\nversion: \"1\"\ninclude: [more.yaml]\n",
    )
    .unwrap();
    let more = dir.path().join("more.yaml");
    let mut client = Client::start();
    // A rule file: the server looks through its siblings for the pack that includes it.
    let more_uri = uri(&more);
    open(
        &mut client,
        &more_uri,
        "yaml",
        "rules:\n  - id: a\n    未知: 1\n",
    );
    let published = client.diagnostics(&more_uri);
    assert!(
        published["diagnostics"]
            .as_array()
            .is_some_and(|d| !d.is_empty()),
        "{published}"
    );
    // A pack whose include names the FIFO: refused with a message, not opened.
    let bad = dir.path().join("bad.yaml");
    let bad_uri = uri(&bad);
    let text = "pack: q\ntitle: t\nversion: \"1\"\ninclude: [a-fifo.yaml]\n";
    open(&mut client, &bad_uri, "yaml", text);
    let published = client.diagnostics(&bad_uri);
    let message = published["diagnostics"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains("不是普通文件"), "{published}");
    assert_eq!(client.shutdown(), 0);
}
