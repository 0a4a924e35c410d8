//! The expression compiler on any text, in a scope with a row and a column bound.
use fislint::expr::{Scope, Type};

fn main() {
    afl::fuzz!(|data: &[u8]| {
        if let Ok(text) = std::str::from_utf8(data) {
            let scope = Scope::default()
                .bind("row", Type::Row)
                .bind("col", Type::Text);
            let _ = fislint::expr::compile(text, &scope);
            let _ = fislint::expr::compile_template(text, &scope);
        }
    });
}
