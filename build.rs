//! Compiles the embedded rule packs at build time, so that `fislint check` starts with its rules
//! ready instead of reading YAML and compiling expressions on every run.
//!
//! The script includes the library's own modules (everything but the command line), so the
//! packs are loaded and compiled by exactly the code that would do it at run time. Every root
//! pack of `pack::embedded_packs()` that compiles without error is stored, with postcard, in
//! `$OUT_DIR/packs.bin`, which `src/precompiled.rs` includes. A pack with errors is left out
//! with a build warning: at run time it is then loaded from its YAML, which reports each error
//! at its place (and the tests fail), instead of the build failing without a located message.
// A build script reports failure by panicking (cargo prints the message as the build error), and
// it reads only the project's own files, so `expect` is its way to say what went wrong.
#![allow(
    dead_code,
    unused_imports,
    missing_docs,
    clippy::all,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic
)]

// The code pest_derive generates without its `std` feature names `alloc::` paths.
extern crate alloc;

#[path = "src/engine/mod.rs"]
mod engine;
#[path = "src/expr/mod.rs"]
mod expr;
#[path = "src/measure.rs"]
mod measure;
#[path = "src/pack/mod.rs"]
mod pack;
#[path = "src/parallel.rs"]
mod parallel;
#[path = "src/report/mod.rs"]
mod report;
#[path = "src/severity.rs"]
mod severity;
#[path = "src/subjects.rs"]
mod subjects;
#[path = "src/text.rs"]
mod text;

use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-changed=rules");
    println!("cargo::rerun-if-changed=grammar");
    println!("cargo::rerun-if-changed=src");
    let mut compiled: Vec<(String, Vec<u8>)> = Vec::new();
    for name in pack::embedded_packs() {
        let rules = pack::load(
            pack::PackRef::Embedded(name.to_string()),
            &pack::EmbeddedOnly,
        )
        .and_then(|loaded| pack::compile(&loaded));
        match rules {
            Ok(rules) => {
                let bytes = postcard::to_allocvec(&rules).expect("compiled rules serialize");
                compiled.push((name.to_string(), bytes));
            }
            Err(failure) => println!(
                "cargo::warning=embedded pack `{name}` has {} error(s); it is compiled at run time, which reports them",
                failure.errors.len()
            ),
        }
    }
    let bytes = postcard::to_allocvec(&compiled).expect("a list of byte strings serializes");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("packs.bin"), bytes).expect("OUT_DIR is writable");
}
