//! The embedded packs, compiled when fislint was built (`build.rs`): the rules of `national`
//! without reading YAML or compiling an expression at run time.
//!
//! The stored rules are those `pack::load` and `pack::compile` give for the embedded YAML, made by
//! that very code at build time; `tests/precompiled.rs` checks they are equal. A pack that did
//! not compile at build time is not here, and is loaded from its YAML, which reports its errors.

use crate::engine::Rule;

static PACKS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/packs.bin"));

/// The compiled rules of the embedded pack `name`, if it was compiled at build time.
pub fn rules(name: &str) -> Option<Vec<Rule>> {
    // Each pack is stored as its own bytes, so only the one asked for is decoded.
    let packs: Vec<(&str, &[u8])> = postcard::from_bytes(PACKS).ok()?;
    let (_, bytes) = packs.into_iter().find(|(n, _)| *n == name)?;
    postcard::from_bytes(bytes).ok()
}
