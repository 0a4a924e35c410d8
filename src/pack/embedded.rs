//! The packs compiled into the binary, by name (`national`, `hunan`, `budget`,
//! `budget-shanghai`, and the files they include, such as `national/tables.yaml`). A user names them with `--pack NAME`; packs name them in `extends`.
//! Each is the same YAML as in `rules/`, so a pack reads the same embedded or from disk. The
//! classifications packs name in `classification` (`subjects`: `rules/common/subjects.yaml`)
//! are embedded here too.

/// Every embedded text, by the name packs use for it: a pack by its folder's name, its other
/// files by `folder/file`.
const EMBEDDED: &[(&str, &str)] = &[
    ("common", include_str!("../../rules/common/pack.yaml")),
    (
        "common/hygiene.yaml",
        include_str!("../../rules/common/hygiene.yaml"),
    ),
    (
        "common/years.yaml",
        include_str!("../../rules/common/years.yaml"),
    ),
    (
        "common/subjects-rules.yaml",
        include_str!("../../rules/common/subjects-rules.yaml"),
    ),
    (
        "common/previous.yaml",
        include_str!("../../rules/common/previous.yaml"),
    ),
    ("national", include_str!("../../rules/national/pack.yaml")),
    (
        "national/tables.yaml",
        include_str!("../../rules/national/tables.yaml"),
    ),
    (
        "national/prose.yaml",
        include_str!("../../rules/national/prose.yaml"),
    ),
    (
        "national/content.yaml",
        include_str!("../../rules/national/content.yaml"),
    ),
    (
        "national/attachments.yaml",
        include_str!("../../rules/national/attachments.yaml"),
    ),
    (
        "national/crossdoc.yaml",
        include_str!("../../rules/national/crossdoc.yaml"),
    ),
    ("hunan", include_str!("../../rules/hunan/pack.yaml")),
    ("budget", include_str!("../../rules/budget/pack.yaml")),
    (
        "budget/tables.yaml",
        include_str!("../../rules/budget/tables.yaml"),
    ),
    (
        "budget/prose.yaml",
        include_str!("../../rules/budget/prose.yaml"),
    ),
    (
        "budget/content.yaml",
        include_str!("../../rules/budget/content.yaml"),
    ),
    (
        "budget-shanghai",
        include_str!("../../rules/budget-shanghai/pack.yaml"),
    ),
];

/// The classifications compiled into the binary, by the name a pack's `classification` uses.
const CLASSIFICATIONS: &[(&str, &str)] =
    &[("subjects", include_str!("../../rules/common/subjects.yaml"))];

/// The text of an embedded classification (`subjects`: the 政府收支分类科目).
pub fn classification(name: &str) -> Option<&'static str> {
    CLASSIFICATIONS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

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

/// The embedded pack a report is checked with when no pack is named: for a 预算, `budget`, or
/// `budget-shanghai` when its 地区 starts with 上海; for a 决算, its 地区's pack
/// ([`pack_for_region`]), else `national`.
pub fn pack_for_report(kind: crate::report::ReportKind, region: &str) -> &'static str {
    match kind {
        crate::report::ReportKind::Budget if region.trim().starts_with("上海") => {
            "budget-shanghai"
        }
        crate::report::ReportKind::Budget => "budget",
        crate::report::ReportKind::Final => pack_for_region(region).unwrap_or("national"),
    }
}

/// The embedded pack for a report of this 地区, if there is one (provincial packs extend
/// `national`); `None` means the national pack applies. A 地区 names its province first
/// (`湖南`, `湖南省`, `湖南省株洲市荷塘区`), so the province's name starting it is what counts.
pub fn pack_for_region(region: &str) -> Option<&'static str> {
    const REGIONS: &[(&str, &str)] = &[("湖南", "hunan")];
    let region = region.trim();
    REGIONS
        .iter()
        .find(|(r, _)| region.starts_with(r))
        .map(|(_, pack)| *pack)
}
