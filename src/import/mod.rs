//! Importing reports that arrive as text extracted from PDF or Word files (issue: the importer).
//!
//! This is where such a text becomes a `.fis` report ([`import`]): the text read in the
//! encodings Chinese tools write ([`decode`]); read into a [`Document`] by the reader of its
//! [`Form`] (tab-separated cells, [`tabbed`]; `pdftotext -layout`, [`layout`]); its tables read
//! into columns by their printed shape ([`table_source`]); the whole written as `.fis` with the
//! text line each line came from ([`assemble`]), so that findings can be shown on the text
//! ([`Imported::text_span`]). What cannot be told is a located [`Warning`].

mod assemble;
mod attachments;
mod blocks;
mod columns;
mod decode;
mod document;
mod fis;
mod layout;
mod map;
mod number;
pub mod pdf;
mod region;
mod tables;
mod titles;

pub use assemble::{assemble, import, Imported};
pub use blocks::{blocks, Block, BlockKind};
pub use columns::{
    code_groups, code_table, column_groups, halves_table, settle, CodeRow, CodeTable, HalvesTable,
    Part, Settled,
};
pub use decode::{decode, DecodeError, Encoding, Text};
pub use document::{tabbed, table_source, Document, Form, Warning};
pub use fis::{code_table_source, halves_table_source, Emitted};
pub use layout::{layout, layout_at, Printed, Ruling};
pub use map::Locator;
pub use number::compact_figure;
pub use region::region_of;
pub use tables::{raw_tables, RawTable};
pub use titles::table_id;

/// The text of a report in `../shared/reports/` (the real reports the importer is tested on,
/// which are not part of the project), or `None`, said on the terminal even when the test's own
/// output is captured, when the folder is absent (a user's fresh clone).
#[cfg(test)]
pub(crate) fn shared_report(name: &str) -> Option<String> {
    let path = format!("{}/../shared/reports/{name}", env!("CARGO_MANIFEST_DIR"));
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            use std::io::Write;
            // Straight to the terminal: the test harness captures only `eprintln!`.
            let _ = writeln!(
                std::io::stderr(),
                "skipped: {path} is absent (the shared reports are not part of a clone)"
            );
            None
        }
    }
}
