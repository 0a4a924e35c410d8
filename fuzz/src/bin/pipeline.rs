//! The whole pipeline: bytes as a `.fis` report and as extracted text, checked with the national
//! pack, every output rendered.
use fislint::lint::Kind;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        fislint_fuzz::pipeline(Kind::Fis, data);
        fislint_fuzz::pipeline(Kind::Text, data);
    });
}
