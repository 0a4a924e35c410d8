//! The report parser on any bytes.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        let _ = fislint::report::parse_bytes(data);
    });
}
