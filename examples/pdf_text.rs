//! Prints the text fislint reads from a PDF (the layout form its reader reconstructs), for
//! looking at how a PDF is read: `cargo run --release --example pdf_text -- FILE.pdf`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)]

fn main() {
    let path = std::env::args().nth(1).expect("usage: pdf_text FILE.pdf");
    let bytes = std::fs::read(&path).expect("readable file");
    let started = std::time::Instant::now();
    let pages = fislint::import::pdf::read_pages(&bytes).expect("a PDF");
    let read = fislint::import::pdf::reconstruct(&pages);
    let took = started.elapsed();
    print!("{}", read.text);
    eprintln!(
        "{} pages, {} lines, {took:?}",
        pages.len(),
        read.lines.len()
    );
}
