//! `fislint lsp`: a language server over stdio, so an editor shows findings as the report is
//! written. Beside `cli`, the only code that does IO (standard input and output, and pack files
//! a pack open in the editor extends).
//!
//! - `server.rs`: the protocol (lsp-server): capabilities, the message loop, coalesced linting.
//! - `state.rs`: open documents, each linted through [`crate::lint`] like `fislint check`.
//! - `pack_doc.rs`: a rule pack open in the editor, loaded from its unsaved text.
//! - `convert.rs`: the library's diagnostics as LSP diagnostics.
//! - `position.rs`: byte offsets to LSP positions (UTF-16 code units, or UTF-8 bytes when the
//!   client offers them) and back.
//! - `hover.rs`: a finding's rule explained in Markdown.
//! - `transport.rs`: standard input and output, read ahead so queued changes are seen; the
//!   framing, bounded and validated (a malformed message is answered and the stream goes on).
//! - `uri.rs`: `file:` URIs to paths and back.

mod convert;
mod hover;
mod pack_doc;
mod position;
mod server;
mod state;
pub mod transport;
mod uri;

pub use position::{Encoding, LineIndex};
pub use server::{capabilities, serve, End};

/// Runs the server on standard input and output; the exit code: 0 after `shutdown` and `exit`,
/// 1 after an `exit` without `shutdown` or at the end of input (as the protocol asks), 2 on a
/// protocol error or a frame that ends the stream (a header that cannot be trusted, the input
/// ending inside a frame: see [`transport`]), its reason on standard error.
pub fn run() -> u8 {
    let (connection, threads) = transport::stdio();
    let end = serve(&connection);
    // Closing the channel lets the writer thread write what is left and end.
    drop(connection);
    match end {
        // The reader has ended at `exit`, the end of input, or a frame it could not read.
        Ok(end) => match (end, threads.join()) {
            (_, Err(transport::Failure::Input)) => 2,
            (End::Shutdown, Ok(())) => 0,
            _ => 1,
        },
        Err(e) => {
            transport::log(&e.to_string());
            2
        }
    }
}
