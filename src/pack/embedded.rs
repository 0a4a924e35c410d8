//! The packs compiled into the binary, by name (`national`, and the files they include, such as
//! `national/tables.yaml`). A user names them with `--pack NAME`; packs name them in `extends`.

/// Every embedded text, by the name packs use for it. The national pack lands here with its
/// rules; until then the list is empty and `fislint check` checks the report format only.
const EMBEDDED: &[(&str, &str)] = &[];

/// The text of an embedded pack or pack file.
pub fn embedded(name: &str) -> Option<&'static str> {
    EMBEDDED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// The names of the embedded packs (not of the files they include).
pub fn embedded_packs() -> impl Iterator<Item = &'static str> {
    EMBEDDED
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| !n.contains('/'))
}
