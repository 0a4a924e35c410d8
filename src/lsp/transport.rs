//! Messages over standard input and output: the framing read here, read ahead.
//!
//! lsp-server's own stdio transport hands messages over a rendezvous channel: while a report is
//! linted, only one message waits and the rest stay in the pipe unread, so the loop cannot see
//! that more changes are queued. Here the reader thread parses every message as it arrives into
//! an unbounded channel, so after a lint every change typed meanwhile is already waiting, and
//! only the latest is linted.
//!
//! The frames are read here too, not by lsp-server's `Message::read`, which trusts the peer: it
//! allocates whatever `Content-Length` says before a byte of the body arrives (a huge value
//! aborts the process), and any malformed body ends the whole stream without a word. Here:
//!
//! - [`read_frame`] reads one `Content-Length` frame. The body is read as it arrives, its buffer
//!   growing with the bytes received, never sized on the peer's word; a length above
//!   [`MAX_FRAME`] (the command line's own input limit) is skipped as it arrives, kept nowhere,
//!   and answered with an error (`-32600`, id `null`): the frame's end is known, so the next
//!   frame is still readable.
//! - [`decode`] turns a body into a message, or into the reason it is refused and the JSON-RPC
//!   error owed for it: `-32700` (parse error, id `null`) for a body that is not UTF-8 or not
//!   JSON (a lone surrogate escape such as `"\ud800"` included); `-32600` (invalid request) for
//!   valid JSON that is no LSP message: a batch array, a request whose `id` is an object, a
//!   float or out of the protocol's integer range, a `method` that is no string. The error
//!   echoes the request's `id` when it is a JSON-RPC one (a number or a string), else `null`.
//!   The stream goes on: the frame's end was known.
//! - A header that cannot be trusted ends the session: a line that is no `Name: value`, a
//!   `Content-Length` missing, repeated or not a number, a header line longer than
//!   [`MAX_HEADER_LINE`], or the input ending inside a frame. Without a length, the body's end is
//!   unknown, and guessing it (scanning for the next `Content-Length:`) could read a document's
//!   text as protocol; so the reason is written to standard error and the server exits with code
//!   2 ([`super::run`]).
//!
//! Everything refused is logged on standard error, one line each (`fislint lsp：…`).

use std::io::{self, BufRead, Read, Write};
use std::thread::{self, JoinHandle};

use crossbeam_channel::Sender;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use serde_json::{json, Value};

use crate::lint::MAX_INPUT;

/// The largest body read: the limit `fislint check` puts on any input, 256 MiB.
pub const MAX_FRAME: u64 = MAX_INPUT;

/// The longest header line accepted, in bytes (`Content-Length: 268435456` is 26).
pub const MAX_HEADER_LINE: usize = 1024;

/// One frame read from the stream.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// Its body, exactly `Content-Length` bytes.
    Body(Vec<u8>),
    /// A body longer than [`MAX_FRAME`], of this length: read to its end and dropped.
    Oversized(u64),
}

/// Why the stream cannot be read any further (see the module's documentation).
#[derive(Debug)]
pub enum FrameError {
    /// Reading failed.
    Io(io::Error),
    /// A header line that cannot be trusted, said in the words of the log.
    Header(String),
    /// The input ended inside a frame: in its header, or after `got` of its `expected` bytes.
    Truncated {
        /// The body's `Content-Length`, or `None` inside the header.
        expected: Option<u64>,
        /// The bytes of the body that arrived.
        got: u64,
    },
}

impl std::fmt::Display for FrameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FrameError::Io(e) => write!(f, "读取标准输入失败：{e}"),
            FrameError::Header(why) => write!(f, "{why}；无法确定消息的边界，服务器退出"),
            FrameError::Truncated {
                expected: None,
                got: _,
            } => write!(f, "输入在消息头中途结束"),
            FrameError::Truncated {
                expected: Some(n),
                got,
            } => write!(
                f,
                "输入在消息内容中途结束（Content-Length 为 {n} 字节，只收到 {got} 字节）"
            ),
        }
    }
}

impl std::error::Error for FrameError {}

impl From<io::Error> for FrameError {
    fn from(e: io::Error) -> Self {
        FrameError::Io(e)
    }
}

/// Reads the next frame: its header lines up to an empty one, then its body. `None` at the end
/// of input between frames. Blank lines before a header are skipped; header fields other than
/// `Content-Length` (`Content-Type`) are ignored.
pub fn read_frame(input: &mut impl BufRead) -> Result<Option<Frame>, FrameError> {
    let mut length: Option<u64> = None;
    let mut started = false;
    let mut line = Vec::new();
    loop {
        if !header_line(input, &mut line)? {
            return match started {
                false => Ok(None),
                true => Err(FrameError::Truncated {
                    expected: None,
                    got: 0,
                }),
            };
        }
        if line.is_empty() {
            if started {
                break;
            }
            continue;
        }
        started = true;
        let text = std::str::from_utf8(&line)
            .map_err(|_| FrameError::Header(format!("消息头不是文本：{}", shown(&line))))?;
        let Some((name, value)) = text.split_once(':') else {
            return Err(FrameError::Header(format!(
                "消息头行应为“名称: 值”：{}",
                shown(&line)
            )));
        };
        if name.trim().eq_ignore_ascii_case("Content-Length") {
            if length.is_some() {
                return Err(FrameError::Header("消息头重复给出 Content-Length".into()));
            }
            length = Some(content_length(value.trim())?);
        }
    }
    let Some(length) = length else {
        return Err(FrameError::Header("消息头缺少 Content-Length".into()));
    };
    let mut body = input.take(length);
    if length > MAX_FRAME {
        // Skipped as it arrives: nothing kept, the next frame then read as usual.
        let got = io::copy(&mut body, &mut io::sink())?;
        return match got == length {
            true => Ok(Some(Frame::Oversized(length))),
            false => Err(FrameError::Truncated {
                expected: Some(length),
                got,
            }),
        };
    }
    // Grown as the bytes arrive (read_to_end on a `Take` does not reserve its limit).
    let mut bytes = Vec::new();
    body.read_to_end(&mut bytes)?;
    let got = bytes.len() as u64;
    match got == length {
        true => Ok(Some(Frame::Body(bytes))),
        false => Err(FrameError::Truncated {
            expected: Some(length),
            got,
        }),
    }
}

/// A `Content-Length` value: decimal digits only, within `u64`.
fn content_length(value: &str) -> Result<u64, FrameError> {
    let bad = |why: &str| FrameError::Header(format!("Content-Length “{value}”{why}"));
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad("不是非负整数"));
    }
    value.parse().map_err(|_| bad("超出可表示的范围"))
}

/// Reads one header line into `line`, without its `\r\n` (or bare `\n`); `false` at the end of
/// input before any byte of it. A line longer than [`MAX_HEADER_LINE`] is refused as its bytes
/// arrive, so a stream without line ends costs no memory.
fn header_line(input: &mut impl BufRead, line: &mut Vec<u8>) -> Result<bool, FrameError> {
    line.clear();
    loop {
        let available = match input.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        if available.is_empty() {
            return match line.is_empty() {
                true => Ok(false),
                false => Err(FrameError::Truncated {
                    expected: None,
                    got: 0,
                }),
            };
        }
        let (taken, ended) = match available.iter().position(|&b| b == b'\n') {
            Some(at) => (at + 1, true),
            None => (available.len(), false),
        };
        let room = MAX_HEADER_LINE + 2 - line.len();
        line.extend_from_slice(&available[..taken.min(room)]);
        input.consume(taken.min(room));
        if line.len() > MAX_HEADER_LINE + 1 {
            return Err(FrameError::Header(format!(
                "消息头行超过 {MAX_HEADER_LINE} 字节：{}",
                shown(&line[..40])
            )));
        }
        if ended {
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(true);
        }
    }
}

/// Bytes from the peer as they may be shown in the log: at most 80, escaped.
fn shown(bytes: &[u8]) -> String {
    let cut = &bytes[..bytes.len().min(80)];
    let mut out = format!("“{}”", cut.escape_ascii());
    if bytes.len() > cut.len() {
        out.push('…');
    }
    out
}

/// A message refused, with what is owed for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    /// Why, in the words of the log.
    pub reason: String,
    /// The JSON-RPC error response owed to the peer, if any (none for a malformed response:
    /// JSON-RPC never answers a response).
    pub reply: Option<Value>,
}

impl Rejected {
    fn with_reply(code: ErrorCode, id: Value, reason: String) -> Rejected {
        Rejected {
            reply: Some(error_reply(code, id, &reason)),
            reason,
        }
    }
}

/// A JSON-RPC error response (raw JSON: its `id` may be `null` or a float, which lsp-server's
/// `RequestId` cannot hold).
pub fn error_reply(code: ErrorCode, id: Value, message: &str) -> Value {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code as i32, "message": message },
    })
}

/// A frame's body as a message, or why it is refused and the error owed for it.
pub fn decode(body: &[u8]) -> Result<Message, Rejected> {
    let text = std::str::from_utf8(body).map_err(|e| {
        let at = e.valid_up_to();
        Rejected::with_reply(
            ErrorCode::ParseError,
            Value::Null,
            format!("消息不是有效的 UTF-8 文本（第 {} 字节起）", at + 1),
        )
    })?;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let detail = e.to_string();
        // serde_json says "lone leading surrogate" or "unexpected end of hex escape".
        let why = if detail.contains("surrogate") || detail.contains("hex escape") {
            "，含有不成对的 UTF-16 代理项或不完整的 \\u 转义"
        } else if e.is_eof() {
            "，内容不完整"
        } else {
            ""
        };
        Rejected::with_reply(
            ErrorCode::ParseError,
            Value::Null,
            format!(
                "消息不是有效的 JSON（第 {} 行第 {} 列{why}）",
                e.line(),
                e.column()
            ),
        )
    })?;
    message(value)
}

/// A JSON value as a request, a notification or a response, checked as JSON-RPC asks.
pub fn message(value: Value) -> Result<Message, Rejected> {
    let invalid = |id: Value, reason: &str| {
        Err(Rejected::with_reply(
            ErrorCode::InvalidRequest,
            id,
            reason.to_string(),
        ))
    };
    let map = match &value {
        Value::Object(map) => map,
        Value::Array(_) => return invalid(Value::Null, "不支持批量消息（JSON 数组）"),
        _ => return invalid(Value::Null, "消息应为 JSON 对象"),
    };
    // The id echoed in an error: a JSON-RPC id (a number or a string), else null.
    let echoed = match map.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    let has_result = map.contains_key("result") || map.contains_key("error");
    match (map.get("method"), map.get("id")) {
        (Some(Value::String(_)), id) => {
            if let Some(id) = id {
                if !lsp_id(id) {
                    return invalid(
                        echoed,
                        "请求的 id 应为整数（32 位）或字符串，不能是对象、数组、小数或 null",
                    );
                }
            }
            if !matches!(
                map.get("params"),
                None | Some(Value::Null | Value::Object(_) | Value::Array(_))
            ) {
                return invalid(echoed, "params 应为对象或数组");
            }
            let decoded = match id {
                Some(_) => serde_json::from_value::<Request>(value).map(Message::Request),
                None => serde_json::from_value::<Notification>(value).map(Message::Notification),
            };
            decoded.or_else(|e| invalid(echoed, &format!("无法读取消息：{e}")))
        }
        (Some(_), _) => invalid(echoed, "method 应为字符串"),
        (None, Some(_)) if has_result => match serde_json::from_value::<Response>(value) {
            Ok(response) => Ok(Message::Response(response)),
            Err(e) => Err(Rejected {
                reason: format!("无法读取回复，已忽略：{e}"),
                reply: None,
            }),
        },
        _ => invalid(echoed, "消息既不是请求、通知，也不是回复"),
    }
}

/// Whether an id is one the protocol allows: an integer in `i32` or a string.
fn lsp_id(id: &Value) -> bool {
    match id {
        Value::String(_) => true,
        Value::Number(n) => n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
        _ => false,
    }
}

/// Reads frames from `input` until `exit`, the end of input or a frame that ends the stream,
/// handing each message to `to_server`. Each refused message is logged with `log`, and the
/// error owed for it handed to `reply`.
pub fn read_messages(
    input: &mut impl BufRead,
    to_server: &Sender<Message>,
    reply: &mut impl FnMut(&Value),
    log: &mut impl FnMut(&str),
) -> Result<(), FrameError> {
    while let Some(frame) = read_frame(input)? {
        let decoded = match frame {
            Frame::Body(body) => decode(&body),
            Frame::Oversized(length) => {
                let mib = MAX_FRAME / (1024 * 1024);
                Err(Rejected::with_reply(
                    ErrorCode::InvalidRequest,
                    Value::Null,
                    format!(
                        "消息过大（Content-Length 为 {length} 字节），上限为 {mib} MiB，已跳过"
                    ),
                ))
            }
        };
        match decoded {
            Ok(message) => {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if to_server.send(message).is_err() || exit {
                    break;
                }
            }
            Err(rejected) => {
                log(&rejected.reason);
                if let Some(value) = &rejected.reply {
                    reply(value);
                }
            }
        }
    }
    Ok(())
}

/// A line on standard error, as the server logs.
pub fn log(line: &str) {
    let _ = writeln!(io::stderr(), "fislint lsp：{line}");
}

/// How the threads ended, when not well.
#[derive(Debug)]
pub enum Failure {
    /// The input could not be read any further (logged when it happened).
    Input,
    /// Standard output failed (the client is gone), or a thread panicked.
    Output,
}

/// The threads reading standard input and writing standard output.
pub struct Threads {
    reader: JoinHandle<Result<(), FrameError>>,
    writer: JoinHandle<io::Result<()>>,
}

impl Threads {
    /// Waits for both threads: the reader ends at `exit` or the end of input, the writer when
    /// the connection is dropped.
    pub fn join(self) -> Result<(), Failure> {
        let reader = self.reader.join();
        let writer = self.writer.join();
        match (reader, writer) {
            (Ok(Err(_)), _) => Err(Failure::Input),
            (Ok(Ok(())), Ok(Ok(()))) => Ok(()),
            _ => Err(Failure::Output),
        }
    }
}

/// Writes one frame to standard output, whole, under its lock (the reader thread's error
/// replies and the writer thread's messages never interleave).
fn write_frame(body: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    out.write_all(body)?;
    out.flush()
}

/// A connection on standard input and output.
pub fn stdio() -> (Connection, Threads) {
    let (to_server, receiver) = crossbeam_channel::unbounded::<Message>();
    let (sender, to_client) = crossbeam_channel::unbounded::<Message>();
    let reader = thread::spawn(move || {
        let mut stdin = io::stdin().lock();
        let mut reply = |value: &Value| {
            // A client gone: the writer and the loop end on their own.
            let _ = write_frame(value.to_string().as_bytes());
        };
        let read = read_messages(&mut stdin, &to_server, &mut reply, &mut |line| log(line));
        if let Err(e) = &read {
            log(&e.to_string());
        }
        read
    });
    let writer = thread::spawn(move || {
        for message in to_client {
            let mut out = io::stdout().lock();
            message.write(&mut out)?;
        }
        Ok(())
    });
    (Connection { sender, receiver }, Threads { reader, writer })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn frames(input: &[u8]) -> Vec<Result<Option<Frame>, String>> {
        let mut r = io::BufReader::new(input);
        let mut out = Vec::new();
        loop {
            match read_frame(&mut r) {
                Ok(None) => return out,
                Ok(f) => out.push(Ok(f)),
                Err(e) => {
                    out.push(Err(e.to_string()));
                    return out;
                }
            }
        }
    }

    fn body(s: &str) -> Result<Option<Frame>, String> {
        Ok(Some(Frame::Body(s.as_bytes().to_vec())))
    }

    #[test]
    fn frames_are_read_one_after_another() {
        let input = format!("{}{}", frame("{\"a\":1}"), frame("[]"));
        assert_eq!(frames(input.as_bytes()), [body("{\"a\":1}"), body("[]")]);
        // Other fields, any case, a bare `\n`, blank lines between frames.
        let input = "content-length:2\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}\r\n\r\nContent-Length: 0\r\n\r\n";
        assert_eq!(frames(input.as_bytes()), [body("{}"), body("")]);
        assert_eq!(frames(b""), []);
    }

    #[test]
    fn a_huge_length_is_never_allocated() {
        // Each would abort or zero-fill gigabytes if the buffer were sized by it; here the input
        // ends first, and that is all.
        for n in ["99999999999999", "18446744073709551615", "3000000000"] {
            let input = format!("Content-Length: {n}\r\n\r\n{{}}");
            let got = frames(input.as_bytes());
            assert_eq!(got.len(), 1);
            let e = got[0].as_ref().unwrap_err();
            assert!(
                e.contains(&format!("Content-Length 为 {n} 字节，只收到 2 字节")),
                "{e}"
            );
        }
        let e = frames(b"Content-Length: 18446744073709551616\r\n\r\n{}");
        assert!(
            e[0].as_ref().unwrap_err().contains("超出可表示的范围"),
            "{e:?}"
        );
    }

    #[test]
    fn an_oversized_body_is_skipped_and_the_next_frame_read() {
        let length = MAX_FRAME + 1;
        let header = format!("Content-Length: {length}\r\n\r\n");
        let next = frame("{}");
        // Nothing of the oversized body is held: it streams from `repeat`.
        let input = io::Cursor::new(header)
            .chain(io::repeat(b' ').take(length))
            .chain(io::Cursor::new(next));
        let mut r = io::BufReader::with_capacity(1 << 16, input);
        assert_eq!(read_frame(&mut r).unwrap(), Some(Frame::Oversized(length)));
        assert_eq!(
            read_frame(&mut r).unwrap(),
            Some(Frame::Body(b"{}".to_vec()))
        );
        assert_eq!(read_frame(&mut r).unwrap(), None);
    }

    #[test]
    fn a_header_that_cannot_be_trusted_ends_the_stream() {
        let cases: [(&[u8], &str); 8] = [
            (b"\r\n\r\n", ""),
            (b"\r\n\r\n{}", "消息头中途结束"),
            (b"Content-Type: x\r\n\r\n{}", "缺少 Content-Length"),
            (b"{\"jsonrpc\":\"2.0\"}\r\n\r\n", "缺少 Content-Length"),
            (b"garbage\r\n\r\n", "应为“名称: 值”"),
            (b"Content-Length: -1\r\n\r\n", "不是非负整数"),
            (
                b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
                "重复给出",
            ),
            (b"Content-Length: \xff\r\n\r\n", "不是文本"),
        ];
        for (input, want) in cases {
            let got = frames(input);
            if want.is_empty() {
                // Blank lines alone: skipped, then the input ends between frames.
                assert_eq!(got, [], "{input:?}");
                continue;
            }
            let e = got.last().unwrap().as_ref().unwrap_err();
            assert!(e.contains(want), "{input:?}: {e}");
        }
        let e = frames(b"Content-Length: 5\r\n");
        assert_eq!(e, [Err("输入在消息头中途结束".to_string())]);
    }

    #[test]
    fn an_endless_header_line_is_refused_at_its_limit() {
        let input = io::repeat(b'a').take(1 << 30);
        let mut r = io::BufReader::new(input);
        let e = read_frame(&mut r).unwrap_err().to_string();
        assert!(e.contains("消息头行超过 1024 字节"), "{e}");
    }

    fn rejected(body: &[u8]) -> (String, Option<Value>) {
        let r = decode(body).unwrap_err();
        (r.reason, r.reply)
    }

    fn code(reply: &Option<Value>) -> (i64, Value) {
        let reply = reply.as_ref().unwrap();
        (
            reply["error"]["code"].as_i64().unwrap(),
            reply["id"].clone(),
        )
    }

    #[test]
    fn a_body_that_is_not_json_is_a_parse_error() {
        for (body, why) in [
            (&b"{\"jsonrpc\": "[..], "内容不完整"),
            (b"not json", "第 1 行第 2 列"),
            (b"{\"method\":\"\xff\"}", "UTF-8"),
            (
                br#"{"jsonrpc":"2.0","method":"x","params":{"t":"\ud800"}}"#,
                "代理项",
            ),
            (b"", "内容不完整"),
        ] {
            let (reason, reply) = rejected(body);
            assert!(reason.contains(why), "{body:?}: {reason}");
            assert_eq!(code(&reply), (-32700, Value::Null), "{body:?}");
        }
        // Nesting deeper than serde_json's limit is an error, not a stack overflow.
        let deep = "[".repeat(100_000);
        assert_eq!(code(&rejected(deep.as_bytes()).1).0, -32700);
    }

    #[test]
    fn json_that_is_no_message_is_an_invalid_request() {
        for (body, id) in [
            (
                r#"[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]"#,
                Value::Null,
            ),
            ("[]", Value::Null),
            ("42", Value::Null),
            (
                r#"{"jsonrpc":"2.0","id":{"a":1},"method":"x"}"#,
                Value::Null,
            ),
            (r#"{"jsonrpc":"2.0","id":[1],"method":"x"}"#, Value::Null),
            (r#"{"jsonrpc":"2.0","id":null,"method":"x"}"#, Value::Null),
            (r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#, json!(1.5)),
            (
                r#"{"jsonrpc":"2.0","id":3000000000,"method":"x"}"#,
                json!(3_000_000_000u64),
            ),
            (r#"{"jsonrpc":"2.0","id":7,"method":3}"#, json!(7)),
            (
                r#"{"jsonrpc":"2.0","id":"a","method":"x","params":"p"}"#,
                json!("a"),
            ),
            (r#"{"jsonrpc":"2.0"}"#, Value::Null),
        ] {
            let (_, reply) = rejected(body.as_bytes());
            assert_eq!(code(&reply), (-32600, id), "{body}");
        }
        // A malformed response is logged, never answered.
        let (reason, reply) = rejected(br#"{"jsonrpc":"2.0","id":{},"result":1}"#);
        assert!(reason.contains("回复"), "{reason}");
        assert_eq!(reply, None);
    }

    #[test]
    fn good_messages_pass() {
        let m = decode(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown","params":null}"#);
        assert!(matches!(m, Ok(Message::Request(r)) if r.method == "shutdown"));
        let m = decode(br#"{"jsonrpc":"2.0","id":"x","method":"a"}"#);
        assert!(matches!(m, Ok(Message::Request(_))));
        let m = decode(br#"{"jsonrpc":"2.0","method":"exit"}"#);
        assert!(matches!(m, Ok(Message::Notification(n)) if n.method == "exit"));
        let m = decode(br#"{"jsonrpc":"2.0","id":2,"result":null}"#);
        assert!(matches!(m, Ok(Message::Response(_))));
    }

    #[test]
    fn the_reader_answers_a_bad_frame_and_goes_on() {
        let good = r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#;
        let input = [
            frame("{oops"),
            frame(r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#),
            frame(good),
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
            frame("after exit: never read"),
        ]
        .concat();
        let (tx, rx) = crossbeam_channel::unbounded();
        let mut replies = Vec::new();
        let mut logged = Vec::new();
        read_messages(
            &mut input.as_bytes(),
            &tx,
            &mut |v: &Value| replies.push(v.clone()),
            &mut |l: &str| logged.push(l.to_string()),
        )
        .unwrap();
        let codes: Vec<_> = replies.iter().map(|r| r["error"]["code"].clone()).collect();
        assert_eq!(codes, [json!(-32700), json!(-32600)]);
        assert_eq!(logged.len(), 2);
        let got: Vec<Message> = rx.try_iter().collect();
        assert_eq!(got.len(), 2);
        assert!(matches!(&got[0], Message::Request(r) if r.method == "shutdown"));
    }
}
