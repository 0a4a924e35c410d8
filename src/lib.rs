//! fislint: a compliance linter for Chinese government fiscal disclosure reports.
//!
//! Data flows one way: [`report`] parses a `.fis` source into a typed tree, [`diagnostics`]
//! renders what is wrong with it, and [`cli`] is the only code that reads files, prints or exits.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod diagnostics;
pub mod report;
