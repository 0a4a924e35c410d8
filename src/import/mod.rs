//! Importing reports that arrive as text extracted from PDF or Word files (issue: the importer).
//!
//! This is where such a text becomes a `.fis` report. So far: reading the text in the encodings
//! Chinese tools write ([`decode`]), and figures put back into their written form
//! ([`compact_figure`]).

mod blocks;
mod columns;
mod decode;
mod fis;
mod number;
mod tables;

pub use blocks::{blocks, Block, BlockKind};
pub use columns::{
    code_groups, code_table, column_groups, halves_table, settle, CodeRow, CodeTable, HalvesTable,
    Part, Settled,
};
pub use decode::{decode, DecodeError, Encoding, Text};
pub use fis::{code_table_source, halves_table_source};
pub use number::compact_figure;
pub use tables::{raw_tables, RawTable};
