//! The importer on any bytes: decoded, read in whichever form, written as `.fis`, parsed back.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        let read = fislint::lint::read_text(data);
        if let Some((imported, _)) = read.imported {
            let parsed = fislint::report::parse(&imported.source);
            let locator = imported.locator(&read.text);
            for e in &parsed.errors {
                let _ = locator.span(e.span.clone());
            }
        }
    });
}
