//! Messages over standard input and output, read ahead.
//!
//! lsp-server's own stdio transport hands messages over a rendezvous channel: while a report is
//! linted, only one message waits and the rest stay in the pipe unread, so the loop cannot see
//! that more changes are queued. Here the reader thread parses every message as it arrives into
//! an unbounded channel, so after a lint every change typed meanwhile is already waiting, and
//! only the latest is linted.

use std::io::{self, Write};
use std::thread::{self, JoinHandle};

use lsp_server::{Connection, Message};

/// The threads reading standard input and writing standard output.
pub struct Threads {
    reader: JoinHandle<io::Result<()>>,
    writer: JoinHandle<io::Result<()>>,
}

impl Threads {
    /// Waits for both threads: the reader ends at `exit` or the end of input, the writer when
    /// the connection is dropped.
    pub fn join(self) -> io::Result<()> {
        let reader = self.reader.join().unwrap_or_else(|_| Err(panicked()));
        let writer = self.writer.join().unwrap_or_else(|_| Err(panicked()));
        reader.and(writer)
    }
}

fn panicked() -> io::Error {
    io::Error::other("an IO thread panicked")
}

/// A connection on standard input and output.
pub fn stdio() -> (Connection, Threads) {
    let (to_server, receiver) = crossbeam_channel::unbounded::<Message>();
    let (sender, to_client) = crossbeam_channel::unbounded::<Message>();
    let reader = thread::spawn(move || {
        let mut stdin = io::stdin().lock();
        while let Some(message) = Message::read(&mut stdin)? {
            let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
            if to_server.send(message).is_err() || exit {
                break;
            }
        }
        Ok(())
    });
    let writer = thread::spawn(move || {
        let mut stdout = io::stdout().lock();
        for message in to_client {
            message.write(&mut stdout)?;
        }
        stdout.flush()
    });
    (Connection { sender, receiver }, Threads { reader, writer })
}
