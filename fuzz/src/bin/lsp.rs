//! The language server's transport on any bytes: the frames read from them
//! (`Content-Length` headers, bodies) and each body checked as JSON-RPC, then every message
//! that passed served by the real loop on an in-memory connection, after an `initialize` of its
//! own so that documents, hovers and shutdowns are reached.
use fislint::lsp::transport;
use lsp_server::{Connection, Message, Request};

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let (server, client) = Connection::memory();
        let initialize = Request::new(
            0.into(),
            "initialize".into(),
            serde_json::json!({ "capabilities": {} }),
        );
        let _ = client.sender.send(Message::Request(initialize));
        let mut input = data;
        let mut reply = |v: &serde_json::Value| {
            // Every error owed is a response: an id and an error code.
            assert!(v.get("id").is_some() && v["error"]["code"].is_i64(), "{v}");
        };
        let _ = transport::read_messages(&mut input, &client.sender, &mut reply, &mut |_| {});
        let Connection { sender, receiver } = client;
        // Closed: the loop serves what is queued, then ends.
        drop(sender);
        let _ = fislint::lsp::serve(&server);
        drop(receiver);
    });
}
