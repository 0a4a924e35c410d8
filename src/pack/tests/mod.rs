//! Pack loading from an in-memory [`PackSource`]: a good chain here, every kind of error in
//! `errors.rs` (rendered, as insta snapshots in `snapshots/`), [`ExprSrc::file_offset`] in
//! `spans.rs`.

mod classification;
mod errors;
mod spans;

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::*;

/// Files and embedded packs held in memory.
#[derive(Default)]
struct Memory {
    files: HashMap<PathBuf, String>,
    embedded: HashMap<String, String>,
    /// What a path really is, where it is not itself: a link, a FIFO.
    real: HashMap<PathBuf, RealPath>,
}

impl Memory {
    fn file(mut self, path: &str, text: &str) -> Self {
        self.files.insert(PathBuf::from(path), text.to_string());
        self
    }

    /// `path` is a link to `target`, or (`special`) a FIFO, a device or a socket.
    fn real(mut self, path: &str, target: &str, special: bool) -> Self {
        self.real.insert(
            PathBuf::from(path),
            RealPath {
                path: PathBuf::from(target),
                special,
            },
        );
        self
    }

    fn embed(mut self, name: &str, text: &str) -> Self {
        self.embedded.insert(name.to_string(), text.to_string());
        self
    }
}

impl PackSource for Memory {
    fn embedded(&self, name: &str) -> Option<&str> {
        self.embedded.get(name).map(String::as_str)
    }

    fn read(&self, path: &Path) -> io::Result<String> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "not found"))
    }

    fn real(&self, path: &Path) -> RealPath {
        self.real.get(path).cloned().unwrap_or_else(|| RealPath {
            path: path.to_path_buf(),
            special: false,
        })
    }
}

fn file(path: &str) -> PackRef {
    PackRef::File(PathBuf::from(path))
}

/// Loads `root`, which must fail; the errors as rendered.
fn errors(source: &Memory, root: PackRef) -> String {
    match load(root, source) {
        Ok(p) => panic!("loaded, expected errors: {:?}", p.chain),
        Err(e) => e.render(),
    }
}

/// A single-file pack whose rules are `rules` (YAML, indented as list items under `rules:`).
fn pack_with(rules: &str) -> String {
    format!("pack: p\ntitle: 测试\nversion: \"1\"\nrules:\n{rules}")
}

/// A complete rule with the given id and check (a flow map).
fn rule(id: &str, check: &str) -> String {
    format!(
        "  - id: {id}
    severity: error
    title: 标题
    summary: 摘要
    rationale: 依据
    examples: {{ bad: 坏, good: 好 }}
    check: {check}
"
    )
}

const NATIONAL: &str = r#"pack: national
title: 全国部门决算公开规则
version: "2021"
include: [national/tables.yaml]
params:
  min-reason-length: 6
  deviation-threshold: 10%
rules:
  - id: explain-deviation
    severity: warning
    title: 预决算差异较大须说明原因
    summary: 决算数与预算数差异超过阈值时，应说明原因。
    rationale: 财预〔2016〕143号
    examples: { bad: 增长50%。, good: 增长50%，主要原因是新增项目。 }
    params:
      threshold: 10%
    check:
      explain:
        each: rows(t05)
        when: abs(row.变动率) > param.threshold
        markers: [主要原因是]
        min-length: param.min-reason-length
        message: "{row.名称} 变动 {row.变动率}，未说明原因"
  - id: prose-growth-direction
    severity: info
    title: 增减方向与表格一致
    summary: 文字所述增减方向应与表格一致。
    rationale: 表述与数据一致
    examples: { bad: 增加, good: 减少 }
    check:
      claim:
        sections: [收入支出决算总体情况说明]
        patterns: ["{direction:dir}{amount:delta}万元"]
        that: dir == sign(t01.合计 - t01.上年合计)
        message: 方向与表格不符
        help: 核对表01
"#;

const NATIONAL_TABLES: &str = r#"rules:
  - id: t05-row-total
    severity: error
    title: 小计等于基本支出与项目支出之和
    summary: 表05每一行的“小计”应等于“基本支出”加“项目支出”。
    rationale: 财预〔2016〕143号附表口径
    examples:
      bad: |
        201 | 一般公共服务支出 | 975.48 | 900.00 | 46.84
      good: |
        201 | 一般公共服务支出 | 975.48 | 975.48 | -
    tables: ["05"]
    check:
      sum:
        each: rows(t05)
        columns: [决算数]
        total: row.小计
        parts: [row.基本支出, row.项目支出]
  - id: t06-admin-running-cost
    severity: warning
    title: 机关运行经费不超过预算
    summary: 机关运行经费决算数不应超过预算数。
    rationale: 过紧日子要求
    examples: { bad: 超, good: 未超 }
    tables: ["06"]
    when: has(t06)
    check:
      ceiling:
        value: t06.机关运行经费.决算数
        limit: t06.机关运行经费.预算数
        message: "机关运行经费 {t06.机关运行经费.决算数} 超过预算"
"#;

const HUNAN: &str = r#"pack: hunan
title: 湖南省部门决算公开规则
version: 2021.1
extends: [national]
include: [rules/attachments.yaml]
params:
  deviation-threshold: 5%
  tautologies: [无此项支出, 无变化]
  strict: true
  unit: "万元"
overrides:
  prose-growth-direction: off
  t06-admin-running-cost: { severity: error }
  explain-deviation: { params: { threshold: 5% } }
rules:
  - id: t01-balance
    severity: error
    title: 收支总表收支平衡
    summary: 收入总计等于支出总计。
    rationale: 会计恒等式
    examples: { bad: 不平, good: 平 }
    tables: ["01"]
    check:
      assert:
        that: t01.收入总计 == t01.支出总计
        message: "收入总计 {t01.收入总计} 不等于支出总计 {t01.支出总计}"
        help: 核对各行
"#;

const ATTACHMENTS: &str = r#"rules:
  - id: required-sections
    severity: error
    title: 必备章节
    summary: 报告应有部门职责等章节。
    rationale: 财预〔2016〕143号
    examples: { bad: 缺, good: 有 }
    sections: [部门概况]
    check:
      require:
        tables: ["01", "02"]
        sections:
          - { name: 部门职责, aliases: [主要职能] }
          - name: 机构设置
        phrases: [{ in: 三公经费, text: 因公出国 }, { in: [政府性基金, 政府性基金说明], text: [没有, 无此项] }]
        empty-table-note: true
"#;

fn good_source() -> Memory {
    Memory::default()
        .embed("national", NATIONAL)
        .embed("national/tables.yaml", NATIONAL_TABLES)
        .file("packs/hunan.yaml", HUNAN)
        .file("packs/rules/attachments.yaml", ATTACHMENTS)
}

#[test]
fn a_good_chain_loads_with_every_check_kind() {
    let pack =
        load(file("packs/hunan.yaml"), &good_source()).unwrap_or_else(|e| panic!("{}", e.render()));
    assert_eq!(pack.id, "hunan");
    assert_eq!(pack.version, "2021.1", "a plain number is read as written");
    assert_eq!(pack.chain, ["national", "hunan"]);
    let ids: Vec<_> = pack.rules.iter().map(|r| r.def.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "t05-row-total",
            "t06-admin-running-cost",
            "explain-deviation",
            "prose-growth-direction",
            "required-sections",
            "t01-balance",
        ]
    );
    let kinds: Vec<_> = pack.rules.iter().map(|r| r.def.check.kind()).collect();
    assert_eq!(
        kinds,
        ["sum", "ceiling", "explain", "claim", "require", "assert"]
    );
    let names: Vec<_> = pack.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "packs/hunan.yaml",
            "embedded:national",
            "embedded:national/tables.yaml",
            "packs/rules/attachments.yaml"
        ]
    );
}

#[test]
fn fields_arrive_and_overrides_apply() {
    let pack =
        load(file("packs/hunan.yaml"), &good_source()).unwrap_or_else(|e| panic!("{}", e.render()));
    let text = |e: &ExprSrc| &pack.files[e.file].text[e.span.clone()];

    // Severities after overrides; `off` disables; a rule no override names is unchanged.
    let t06 = pack.rule("t06-admin-running-cost").unwrap();
    assert_eq!(
        (t06.def.severity, t06.severity, t06.enabled),
        (Severity::Warning, Severity::Error, true)
    );
    let prose = pack.rule("prose-growth-direction").unwrap();
    assert!(!prose.enabled);
    assert_eq!(prose.severity, Severity::Info);
    let t05 = pack.rule("t05-row-total").unwrap();
    assert!(t05.enabled);
    assert_eq!(
        t05.def.pack, "national",
        "an included file's rules belong to its pack"
    );
    assert_eq!(pack.rule("required-sections").unwrap().def.pack, "hunan");

    // Rule params: the default, overridden.
    let explain = pack.rule("explain-deviation").unwrap();
    let pct = |n: i64| ParamValue::Percent(Decimal::from(n), 0);
    assert_eq!(explain.def.params["threshold"].value, pct(10));
    assert_eq!(explain.params["threshold"].value, pct(5));
    let p = &explain.params["threshold"];
    assert_eq!(&pack.files[p.file].text[p.span.clone()], "5%");
    assert_eq!(pack.files[p.file].name, "packs/hunan.yaml");

    // Pack params merged: a later pack's value replaces an earlier one.
    assert_eq!(pack.params["deviation-threshold"].value, pct(5));
    assert_eq!(
        pack.params["min-reason-length"].value,
        ParamValue::Number(Decimal::from(6), 0)
    );
    assert_eq!(
        pack.params["tautologies"].value,
        ParamValue::List(vec!["无此项支出".into(), "无变化".into()])
    );
    assert_eq!(pack.params["strict"].value, ParamValue::Bool(true));
    assert_eq!(pack.params["unit"].value, ParamValue::Text("万元".into()));

    // Rule fields.
    assert_eq!(t05.def.tables, ["05"]);
    assert_eq!(
        t05.def.examples.bad,
        "201 | 一般公共服务支出 | 975.48 | 900.00 | 46.84\n"
    );
    assert_eq!(
        &pack.files[t05.def.file].text[t05.def.id_span.clone()],
        "t05-row-total"
    );
    let Check::Sum {
        each,
        columns,
        total,
        parts,
        message,
    } = &t05.def.check
    else {
        panic!("{:?}", t05.def.check)
    };
    assert_eq!(each.as_ref().map(|e| e.text.as_str()), Some("rows(t05)"));
    assert_eq!(columns, &["决算数"]);
    assert_eq!((total.text.as_str(), text(total)), ("row.小计", "row.小计"));
    let Parts::List(parts) = parts else {
        panic!("{parts:?}")
    };
    assert_eq!(
        parts.iter().map(text).collect::<Vec<_>>(),
        ["row.基本支出", "row.项目支出"]
    );
    assert!(message.is_none());

    let Check::Explain {
        when,
        markers,
        min_length,
        message,
        sections,
        ..
    } = &explain.def.check
    else {
        panic!()
    };
    assert_eq!(when.text, "abs(row.变动率) > param.threshold");
    assert_eq!(markers.as_deref(), Some(&["主要原因是".to_string()][..]));
    assert_eq!(min_length.as_ref().unwrap().text, "param.min-reason-length");
    assert!(sections.is_empty());
    assert_eq!(message.text, "{row.名称} 变动 {row.变动率}，未说明原因");
    assert_eq!(
        text(message),
        "{row.名称} 变动 {row.变动率}，未说明原因",
        "span without quotes"
    );

    let Check::Claim { patterns, help, .. } = &prose.def.check else {
        panic!()
    };
    assert_eq!(patterns[0].text, "{direction:dir}{amount:delta}万元");
    assert_eq!(help.as_ref().unwrap().text, "核对表01");

    let req = pack.rule("required-sections").unwrap();
    let Check::Require {
        tables,
        sections,
        phrases,
        empty_table_note,
        message,
        ..
    } = &req.def.check
    else {
        panic!()
    };
    assert_eq!(tables, &["01", "02"]);
    assert_eq!(
        sections[0],
        RequiredSection {
            name: "部门职责".into(),
            aliases: vec!["主要职能".into()]
        }
    );
    assert_eq!(sections[1].aliases, Vec::<String>::new());
    assert_eq!(
        phrases[0],
        RequiredPhrase {
            sections: vec!["三公经费".into()],
            texts: vec!["因公出国".into()]
        }
    );
    // `in` and `text` may list alternatives.
    assert_eq!(
        phrases[1],
        RequiredPhrase {
            sections: vec!["政府性基金".into(), "政府性基金说明".into()],
            texts: vec!["没有".into(), "无此项".into()]
        }
    );
    assert!(*empty_table_note && message.is_none());

    let Check::Ceiling { value, limit, .. } = &t06.def.check else {
        panic!()
    };
    assert_eq!(
        (value.text.as_str(), limit.text.as_str()),
        ("t06.机关运行经费.决算数", "t06.机关运行经费.预算数")
    );
    assert_eq!(t06.def.when.as_ref().unwrap().text, "has(t06)");

    let balance = pack.rule("t01-balance").unwrap();
    let Check::Assert {
        each, that, help, ..
    } = &balance.def.check
    else {
        panic!()
    };
    assert!(each.is_none());
    assert_eq!(that.text, "t01.收入总计 == t01.支出总计");
    assert_eq!(help.as_ref().unwrap().text, "核对各行");
}

#[test]
fn rules_come_in_extends_order_then_includes_then_own() {
    let base = |id: &str, r: &str| {
        format!(
            "pack: {id}\ntitle: t\nversion: v\nrules:\n{}",
            rule(r, "{ assert: { that: x, message: m } }")
        )
    };
    let source = Memory::default()
        .file("a.yaml", &format!("pack: a\ntitle: t\nversion: v\nextends: [b.yaml, c.yaml]\ninclude: [inc/one.yaml, inc/two.yaml]\nrules:\n{}", rule("a-own", "{ assert: { that: x, message: m } }")))
        .file("b.yaml", &base("b", "b-rule").replace("rules:", "extends: [./d.yaml]\nrules:"))
        .file("c.yaml", &base("c", "c-rule").replace("rules:", "extends: [d.yaml]\nrules:"))
        .file("d.yaml", &base("d", "d-rule"))
        .file("inc/one.yaml", &format!("rules:\n{}", rule("one", "{ assert: { that: x, message: m } }")))
        .file("inc/two.yaml", &format!("rules:\n{}", rule("two", "{ assert: { that: x, message: m } }")));
    let pack = load(file("a.yaml"), &source).unwrap_or_else(|e| panic!("{}", e.render()));
    assert_eq!(
        pack.chain,
        ["d", "b", "c", "a"],
        "a pack extended twice comes once"
    );
    let ids: Vec<_> = pack.rules.iter().map(|r| r.def.id.as_str()).collect();
    assert_eq!(ids, ["d-rule", "b-rule", "c-rule", "one", "two", "a-own"]);
}

/// A single-file pack `p.yaml`, which must fail to load; the errors as rendered.
fn single(text: &str) -> String {
    errors(&Memory::default().file("p.yaml", text), file("p.yaml"))
}

const ASSERT: &str = "{ assert: { that: x, message: m } }";

/// Every error as (code, file, line:column), for tests that need no rendering.
fn codes(source: &Memory, root: PackRef) -> Vec<String> {
    let failure = load(root, source).expect_err("expected errors");
    failure
        .errors
        .iter()
        .map(|e| {
            let f = &failure.files[e.file];
            let before = &f.text[..e.span.start];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            format!("{} {}:{line}:{column}", e.code(), f.name)
        })
        .collect()
}

#[test]
fn a_later_map_override_switches_a_rule_back_on() {
    let source = Memory::default()
        .file("a.yaml", "pack: a\ntitle: t\nversion: v\nextends: [b.yaml]\noverrides:\n  r: { severity: info }\n")
        .file("b.yaml", "pack: b\ntitle: t\nversion: v\nextends: [c.yaml]\noverrides:\n  r: off\n")
        .file("c.yaml", &pack_with(&rule("r", ASSERT)).replace("pack: p", "pack: c"));
    let pack = load(file("a.yaml"), &source).unwrap_or_else(|e| panic!("{}", e.render()));
    let r = pack.rule("r").unwrap();
    assert!(r.enabled);
    assert_eq!(r.severity, Severity::Info);
}

#[test]
fn a_pack_may_not_override_its_own_rules() {
    let text = pack_with(&rule("r", ASSERT)).replace("rules:", "overrides:\n  r: off\nrules:");
    assert_eq!(
        codes(&Memory::default().file("p.yaml", &text), file("p.yaml")),
        ["pack/unknown-override p.yaml:5:3"]
    );
}

#[test]
fn an_embedded_root_names_embedded_packs_only() {
    let source = Memory::default()
        .embed("national", "pack: national\ntitle: t\nversion: v\nextends: [base, ../x.yaml]\ninclude: [national/more.yaml]\n")
        .embed("base", &pack_with(&rule("b", ASSERT)).replace("pack: p", "pack: base"))
        .embed("national/more.yaml", &format!("rules:\n{}", rule("more", ASSERT)));
    let root = PackRef::Embedded("national".into());
    assert_eq!(
        codes(&source, root.clone()),
        ["pack/extends-escapes embedded:national:4:17"]
    );
    let fixed = source.embed(
        "national",
        "pack: national\ntitle: t\nversion: v\nextends: [base]\ninclude: [national/more.yaml]\n",
    );
    let pack = load(root, &fixed).unwrap_or_else(|e| panic!("{}", e.render()));
    assert_eq!(pack.chain, ["base", "national"]);
    let ids: Vec<_> = pack.rules.iter().map(|r| r.def.id.as_str()).collect();
    assert_eq!(ids, ["b", "more"]);
}

#[test]
fn packs_loaded_together_read_a_shared_pack_once_with_each_packs_overrides() {
    let source = Memory::default()
        .embed("national", NATIONAL)
        .embed("national/tables.yaml", NATIONAL_TABLES)
        .file(
            "a.yaml",
            "pack: a\ntitle: t\nversion: v\nextends: [national]\noverrides:\n  t05-row-total: off\n",
        )
        .file(
            "b/b.yaml",
            "pack: b\ntitle: t\nversion: v\nextends: [national]\noverrides:\n  explain-deviation: { severity: error }\n",
        )
        // `a.yaml` named again by another path: the same file.
        .real("./a.yaml", "a.yaml", false);
    let roots = [
        PackRef::Embedded("national".into()),
        file("a.yaml"),
        file("b/b.yaml"),
        file("./a.yaml"),
    ];
    let pack = load_all(&roots, &source).unwrap_or_else(|e| panic!("{}", e.render()));
    assert_eq!(pack.chain, ["national", "a", "b"]);
    let ids: Vec<&str> = pack.rules.iter().map(|r| r.def.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "t05-row-total",
            "t06-admin-running-cost",
            "explain-deviation",
            "prose-growth-direction"
        ],
        "national's rules once"
    );
    assert!(!pack.rule("t05-row-total").unwrap().enabled, "a's override");
    assert_eq!(
        pack.rule("explain-deviation").unwrap().severity,
        Severity::Error,
        "b's override"
    );
    assert_eq!((pack.id.as_str(), pack.title.as_str()), ("a", "t"));
}
