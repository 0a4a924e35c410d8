//! The rules compiled into the binary at build time are exactly what loading and compiling the
//! embedded YAML gives now: a stale or partial precompiled pack would check reports with rules
//! other than the ones the pack's files say.

// Test and measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use fislint::pack::{self, PackRef};

#[test]
fn every_embedded_pack_is_precompiled_and_equal_to_its_yaml() {
    let names: Vec<_> = pack::embedded_packs().collect();
    assert!(names.contains(&"national"));
    for name in names {
        let loaded = pack::load(PackRef::Embedded(name.into()), &pack::EmbeddedOnly)
            .unwrap_or_else(|f| panic!("{name}:\n{}", f.render()));
        let fresh = pack::compile(&loaded).unwrap_or_else(|f| panic!("{name}:\n{}", f.render()));
        let stored = fislint::precompiled::rules(name)
            .unwrap_or_else(|| panic!("`{name}` was not compiled at build time"));
        assert_eq!(stored.len(), fresh.len(), "{name}");
        for (s, f) in stored.iter().zip(&fresh) {
            // Rules hold compiled regular expressions, which have no equality; their stored
            // form (the pattern text, and everything else as is) is compared instead.
            assert_eq!(
                postcard::to_allocvec(s).unwrap(),
                postcard::to_allocvec(f).unwrap(),
                "{name}: rule {}",
                f.id
            );
        }
    }
}

#[test]
fn an_unknown_pack_has_no_precompiled_rules() {
    assert!(fislint::precompiled::rules("no-such-pack").is_none());
}
