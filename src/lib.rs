//! fislint: a compliance linter for Chinese government fiscal disclosure reports.
//!
//! Data flows one way: [`report`] parses a `.fis` source into a typed tree, [`pack`] loads the
//! rule packs and compiles their expressions ([`expr`]), [`engine`] runs them on the report,
//! [`diagnostics`] renders what is wrong, and [`cli`] and [`lsp`] (the language server) are the
//! only code that reads files, prints or exits. [`measure`] is the arithmetic of published figures and the one tolerance rule.
#![warn(clippy::print_stdout, clippy::print_stderr)]

// The code pest_derive generates without its `std` feature names `alloc::` paths.
extern crate alloc;

pub mod baseline;
pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod engine;
pub mod expr;
pub mod import;
pub mod lint;
pub mod lsp;
pub mod measure;
pub mod pack;
pub mod parallel;
pub mod precompiled;
pub mod report;
pub mod severity;
pub mod subjects;
mod text;
pub(crate) mod workspace;
