//! The PDF reader: bytes as a PDF, read (budgets, glyphs, lines, the layout reader), checked
//! with the national pack, every output rendered with its pages. Seeded with the synthetic PDFs
//! (`cargo run --example synthetic_pdfs -- fuzz/in/pdf`).
use fislint::lint::Kind;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        fislint_fuzz::pipeline(Kind::Pdf, data);
    });
}
