//! The pack loader and compiler on any YAML; a pack that compiles is run on the seed.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        if let Ok(text) = std::str::from_utf8(data) {
            fislint_fuzz::pack(text);
        }
    });
}
