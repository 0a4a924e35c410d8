//! Importing reports that arrive as text extracted from PDF or Word files (issue: the importer).
//!
//! This is where such a text becomes a `.fis` report. So far: reading the text in the encodings
//! Chinese tools write ([`decode`]).

mod decode;

pub use decode::{decode, DecodeError, Encoding, Text};
