//! The classification a pack names (`classification:`): embedded by name, from a file by path
//! (checked as an `extends` path is), inherited along `extends`, and every error in a
//! classification file located in it.

use super::*;

const DATA: &str = "classification: mine\ntitle: 测试科目\nyears: [2019, 2026]\nkinds:\n  功能分类:\n    \"206\": 科学技术支出\n    \"210\":\n      - { name: 医疗卫生与计划生育支出, to: 2018 }\n      - { name: 卫生健康支出, from: 2019 }\n";

#[test]
fn the_embedded_classification_is_read_by_name_and_inherited() {
    let loaded = load(PackRef::Embedded("national".into()), &EmbeddedOnly).unwrap();
    let subjects = loaded
        .subjects
        .expect("national inherits common's classification");
    assert_eq!(subjects.id, "subjects");
    assert_eq!(subjects.years, (2019, 2026));
    let name = |code, year| {
        subjects
            .name("功能分类", code, year)
            .map(|n| n.name.clone())
    };
    assert_eq!(name("210", 2021).as_deref(), Some("卫生健康支出"));
    assert_eq!(
        subjects
            .name("经济分类", "30213", 2024)
            .map(|n| n.name.as_str()),
        Some("维修（护）费")
    );
}

#[test]
fn a_classification_file_is_read_relative_to_the_pack_that_names_it() {
    let source = Memory::default()
        .file(
            "packs/a.yaml",
            "pack: a\ntitle: t\nversion: v\nclassification: data/mine.yaml\n",
        )
        .file("packs/data/mine.yaml", DATA);
    let loaded = load(file("packs/a.yaml"), &source).unwrap();
    let subjects = loaded.subjects.unwrap();
    assert_eq!(subjects.id, "mine");
    assert_eq!(
        subjects.note("功能分类", "210", "医疗卫生与计划生育支出", 2020),
        "医疗卫生与计划生育支出是 2018 年以前的名称，2019 年起为卫生健康支出"
    );
}

#[test]
fn a_pack_s_own_classification_replaces_the_one_it_extends() {
    let source = Memory::default()
        .file(
            "a.yaml",
            "pack: a\ntitle: t\nversion: v\nextends: [national]\nclassification: mine.yaml\n",
        )
        .file("mine.yaml", DATA);
    let source = EmbeddedAnd(source);
    let loaded = load(file("a.yaml"), &source).unwrap();
    assert_eq!(loaded.subjects.unwrap().id, "mine");
}

/// Files in memory, embedded packs as built.
struct EmbeddedAnd(Memory);

impl PackSource for EmbeddedAnd {
    fn embedded(&self, name: &str) -> Option<&str> {
        embedded(name)
    }

    fn read(&self, path: &Path) -> io::Result<String> {
        self.0.read(path)
    }
}

#[test]
fn every_error_of_a_classification_file_is_located_in_it() {
    let bad = "classification: Bad\ntitle: t\nyears: [2026, 2019]\nkinds:\n  功能分类:\n    \"2010\": 四位\n    \"20805\": 缺上级\n    \"210\": [{ name: 甲, from: 二〇一九, until: 1 }]\n  经济分类: [301]\n";
    let source = Memory::default()
        .file(
            "a.yaml",
            "pack: a\ntitle: t\nversion: v\nclassification: bad.yaml\n",
        )
        .file("bad.yaml", bad);
    insta::assert_snapshot!(errors(&source, file("a.yaml")));
}

#[test]
fn a_classification_path_may_not_lead_out_of_the_pack_folder() {
    let source = Memory::default()
        .file(
            "packs/a.yaml",
            "pack: a\ntitle: t\nversion: v\nclassification: ../mine.yaml\n",
        )
        .file("mine.yaml", DATA);
    let out = errors(&source, file("packs/a.yaml"));
    assert!(out.contains("路径超出了规则包所在的文件夹"), "{out}");
}

#[test]
fn an_unknown_embedded_classification_and_a_missing_file_are_errors() {
    let source = Memory::default()
        .file(
            "a.yaml",
            "pack: a\ntitle: t\nversion: v\nclassification: subjcts\n",
        )
        .file(
            "b.yaml",
            "pack: b\ntitle: t\nversion: v\nclassification: none.yaml\n",
        );
    let out = errors(&source, file("a.yaml"));
    assert!(out.contains("没有名为 `subjcts` 的内置科目数据"), "{out}");
    let out = errors(&source, file("b.yaml"));
    assert!(out.contains("找不到科目数据文件"), "{out}");
}
