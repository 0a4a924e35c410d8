//! The protocol: capabilities, the message loop, notifications to [`State`], requests answered.
//!
//! Linting is synchronous, on this thread, but coalesced: a change only marks its document
//! dirty, and dirty documents are linted when no message is waiting (or before a request is
//! answered, so a hover sees the latest findings). Several queued `didChange`s therefore cost one
//! lint, on the latest text.

use lsp_server::{Connection, ErrorCode, Message, Notification, ProtocolError, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument, Exit,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::Initialize;
use lsp_types::request::{HoverRequest, Request as _};
use lsp_types::{
    Hover, HoverContents, HoverProviderCapability, InitializeResult, MarkupContent, MarkupKind,
    SaveOptions, ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
};

use super::position::Encoding;
use super::state::State;

/// What the server does: full-text sync with open, close and save (text included), and hover;
/// positions in `encoding`.
pub fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(true),
                })),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..Default::default()
    }
}

/// How the session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// `shutdown`, then `exit`.
    Shutdown,
    /// `exit` without `shutdown`, or the client went away.
    Abrupt,
}

/// The answer to `initialize`: the capabilities, with positions in `encoding`, and the server's
/// name and version.
pub fn initialize_result(encoding: Encoding) -> InitializeResult {
    InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "fislint".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    }
}

/// The handshake: waits for `initialize` and answers it; the position encoding agreed, or `None`
/// when the client exits or goes away first. Requests before it are answered with an error
/// (`ServerNotInitialized`), notifications dropped, as the protocol asks. (lsp-server's own
/// handshake also insists that `initialized` come next; here it is simply ignored when it does.)
fn initialize(connection: &Connection) -> Option<Encoding> {
    while let Ok(message) = connection.receiver.recv() {
        match message {
            Message::Request(request) if request.method == Initialize::METHOD => {
                let encoding = Encoding::negotiate(&request.params);
                let result = initialize_result(encoding);
                send(connection, Response::new_ok(request.id, result).into());
                return Some(encoding);
            }
            Message::Request(request) => send(
                connection,
                Response::new_err(
                    request.id,
                    ErrorCode::ServerNotInitialized as i32,
                    "服务器尚未初始化：应先发送 initialize 请求".to_string(),
                )
                .into(),
            ),
            Message::Notification(n) if n.method == Exit::METHOD => return None,
            Message::Notification(_) | Message::Response(_) => {}
        }
    }
    None
}

/// Serves one client on `connection` until it exits.
pub fn serve(connection: &Connection) -> Result<End, ProtocolError> {
    let Some(encoding) = initialize(connection) else {
        return Ok(End::Abrupt);
    };
    let mut state = State::new(encoding);
    while let Ok(message) = connection.receiver.recv() {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(End::Shutdown);
                }
                publish(connection, &mut state);
                let response = respond(&mut state, request);
                send(connection, response.into());
            }
            Message::Notification(n) if n.method == Exit::METHOD => return Ok(End::Abrupt),
            Message::Notification(n) => notify(connection, &mut state, n),
            Message::Response(_) => {}
        }
        if connection.receiver.is_empty() {
            publish(connection, &mut state);
        }
    }
    Ok(End::Abrupt)
}

/// Lints the dirty documents and publishes what was found.
fn publish(connection: &Connection, state: &mut State) {
    for params in state.lint_dirty() {
        send(
            connection,
            Notification::new(PublishDiagnostics::METHOD.to_string(), params).into(),
        );
    }
}

fn send(connection: &Connection, message: Message) {
    // The writer thread ends only when the client is gone; the loop then ends on its own.
    let _ = connection.sender.send(message);
}

/// A notification applied to the documents.
fn notify(connection: &Connection, state: &mut State, n: Notification) {
    match n.method.as_str() {
        DidOpenTextDocument::METHOD => {
            if let Some(p) = params::<DidOpenTextDocument>(n) {
                let doc = p.text_document;
                state.set(doc.uri, doc.text, Some(doc.version));
            }
        }
        DidChangeTextDocument::METHOD => {
            if let Some(p) = params::<DidChangeTextDocument>(n) {
                // Full sync: the last change is the whole text.
                if let Some(change) = p.content_changes.into_iter().last() {
                    let doc = p.text_document;
                    state.set(doc.uri, change.text, Some(doc.version));
                }
            }
        }
        DidSaveTextDocument::METHOD => {
            if let Some(p) = params::<DidSaveTextDocument>(n) {
                match p.text {
                    Some(text) => state.set(p.text_document.uri, text, None),
                    None => state.touch(p.text_document.uri),
                }
            }
        }
        DidCloseTextDocument::METHOD => {
            if let Some(p) = params::<DidCloseTextDocument>(n) {
                let cleared = state.close(p.text_document.uri);
                send(
                    connection,
                    Notification::new(PublishDiagnostics::METHOD.to_string(), cleared).into(),
                );
            }
        }
        _ => {}
    }
}

fn params<N: lsp_types::notification::Notification>(n: Notification) -> Option<N::Params> {
    serde_json::from_value(n.params).ok()
}

/// The answer to a request.
fn respond(state: &mut State, request: Request) -> Response {
    match request.method.as_str() {
        HoverRequest::METHOD => {
            let params: lsp_types::HoverParams = match serde_json::from_value(request.params) {
                Ok(p) => p,
                Err(e) => {
                    return Response::new_err(
                        request.id,
                        ErrorCode::InvalidParams as i32,
                        e.to_string(),
                    )
                }
            };
            let at = params.text_document_position_params;
            let hover = state
                .hover(&at.text_document.uri, at.position)
                .map(|(value, range)| Hover {
                    contents: HoverContents::Markup(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value,
                    }),
                    range: Some(range),
                });
            Response::new_ok(request.id, hover)
        }
        method => Response::new_err(
            request.id,
            ErrorCode::MethodNotFound as i32,
            format!("unhandled request {method}"),
        ),
    }
}
