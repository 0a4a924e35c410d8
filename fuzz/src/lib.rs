//! What the fuzz targets share: an in-memory pack source, and the whole pipeline.

use std::path::Path;

use fislint::diagnostics::{
    render_github, render_human, render_json, render_sarif, render_short, FileDiagnostics,
    HumanOptions, Tool,
};
use fislint::lint::{self, Kind, Options};
use fislint::pack::{self, PackRef, PackSource};

/// A pack file given as bytes; `extends` reaches the embedded packs only.
pub struct OneFile<'a>(pub &'a str);

impl PackSource for OneFile<'_> {
    fn embedded(&self, name: &str) -> Option<&str> {
        pack::embedded(name)
    }

    fn read(&self, path: &Path) -> std::io::Result<String> {
        if path == Path::new("/fuzz/pack.yaml") {
            Ok(self.0.to_string())
        } else {
            Err(std::io::Error::from(std::io::ErrorKind::NotFound))
        }
    }
}

/// Loads and compiles a pack from its text; every outcome is fine except a panic or a hang.
pub fn pack(text: &str) {
    if let Ok(loaded) = pack::load(PackRef::File("/fuzz/pack.yaml".into()), &OneFile(text)) {
        if let Ok(rules) = pack::compile(&loaded) {
            let seed = include_str!("../../fixtures/reports/hetang-2021.fis");
            let parsed = fislint::report::parse(seed);
            let _ = fislint::engine::check(&parsed.report, &rules);
        }
    } else if let Err(failure) = pack::load(PackRef::File("/fuzz/pack.yaml".into()), &OneFile(text))
    {
        let _ = failure.render();
    }
}

/// The whole pipeline on bytes read as `kind`: lint with the national pack, render every output
/// format (human, json, short, github, sarif).
pub fn pipeline(kind: Kind, data: &[u8]) {
    let rules = fislint::precompiled::rules("national").expect("the national pack is built in");
    let linted = lint::lint(
        kind,
        data,
        &mut rules.as_slice(),
        &Options {
            show_rounding: true,
            max_errors: 0,
            // One thread: the fuzzer wants each input's run the same every time.
            threads: 1,
            ..Options::default()
        },
    );
    let _ = render_human(
        "fuzz.fis",
        &linted.text,
        &linted.diagnostics,
        HumanOptions {
            pages: linted.pages.as_ref(),
            ..HumanOptions::default()
        },
    );
    let files = [FileDiagnostics {
        name: "fuzz.fis",
        source: &linted.text,
        diagnostics: &linted.diagnostics,
        pages: linted.pages.as_ref(),
    }];
    let _ = render_json(&files);
    let _ = render_short(&files);
    let _ = render_github(&files);
    let tool = Tool {
        name: "fislint",
        version: "0",
        information_uri: None,
    };
    let _ = render_sarif(&files, &[], tool);
}
