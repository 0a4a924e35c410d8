//! Errors in rule packs: what is wrong, where, and what would be right. `render.rs` draws them.

use std::ops::Range;

use thiserror::Error;

use super::model::FileId;

/// One problem found while loading a pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    /// The file the problem is in (for a file that could not be read: the file that names it).
    pub file: FileId,
    /// Where, as a byte range in that file; zero-width where only a point is known.
    pub span: Range<usize>,
    /// What the problem is.
    pub kind: PackErrorKind,
    /// Other places that explain it: the first definition of a duplicate id, each link of a cycle.
    pub related: Vec<Related>,
}

/// A labelled place that explains an error, possibly in another file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// The file.
    pub file: FileId,
    /// The byte range in it.
    pub span: Range<usize>,
    /// What is there.
    pub label: String,
}

impl PackError {
    pub(crate) fn new(file: FileId, span: Range<usize>, kind: PackErrorKind) -> Self {
        PackError {
            file,
            span,
            kind,
            related: Vec::new(),
        }
    }

    pub(crate) fn with_related(
        mut self,
        file: FileId,
        span: Range<usize>,
        label: impl Into<String>,
    ) -> Self {
        self.related.push(Related {
            file,
            span,
            label: label.into(),
        });
        self
    }

    /// A stable identifier for the kind of error, for machine output: `pack/unknown-key`.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// A hint on how to fix it, when there is a useful one.
    pub fn help(&self) -> Option<String> {
        self.kind.help()
    }
}

/// What went wrong; the `Display` text is the message users read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PackErrorKind {
    /// The file is not valid YAML (or is a hostile one: too many aliases, too deep).
    #[error("YAML 格式错误：{detail}")]
    InvalidYaml {
        /// What the YAML reader found, in words.
        detail: String,
    },
    /// A key the format does not know.
    #[error("未知的键 `{key}`：{place}中可用的键为 {expected}")]
    UnknownKey {
        /// The key as written.
        key: String,
        /// `规则包`, `规则`, `检查 sum`, …
        place: String,
        /// The keys that are allowed there, listed.
        expected: String,
    },
    /// Required keys are missing.
    #[error("{place}缺少必需的键 {keys}")]
    MissingKey {
        /// The keys, listed: `` `title`、`version` ``.
        keys: String,
        /// Where they are missing.
        place: String,
    },
    /// A file whose content is not a map (an empty file, a list).
    #[error("{what}应为映射（{keys}），而不是{found}")]
    NotAMap {
        /// `规则包文件` or `包含的规则文件`.
        what: &'static str,
        /// The keys it should have, in words.
        keys: &'static str,
        /// What it is, in words.
        found: &'static str,
    },
    /// A value of the wrong type.
    #[error("{what}应为{expected}，而不是{found}")]
    WrongType {
        /// Whose value it is: `` `title` ``, `` `rules` 的条目 ``.
        what: String,
        /// What it should be, in words.
        expected: &'static str,
        /// What it is, in words.
        found: &'static str,
    },
    /// A value of the right type but not one of those allowed.
    #[error("`{key}` 的值 `{value}` 无效：应为{expected}")]
    BadValue {
        /// The key whose value it is.
        key: String,
        /// The value as written.
        value: String,
        /// What it should be, in words.
        expected: String,
    },
    /// `check` names a kind that does not exist.
    #[error("未知的检查类型 `{kind}`：可用的类型为 {expected}")]
    UnknownCheckKind {
        /// The kind as written.
        kind: String,
        /// The kinds that exist, listed.
        expected: String,
    },
    /// `check` holds no kind, or more than one.
    #[error("`check` 应恰好包含一种检查，这里有 {count} 种")]
    CheckKindCount {
        /// How many it holds.
        count: usize,
    },
    /// A pack or rule id that is not kebab-case.
    #[error("{what}编号 `{id}` 不是 kebab-case 格式")]
    BadId {
        /// `规则包` or `规则`.
        what: &'static str,
        /// The id as written.
        id: String,
    },
    /// Two packs of one chain with the same id.
    #[error("规则包编号 `{id}` 重复：扩展链中已有同名的规则包")]
    DuplicatePack {
        /// The id.
        id: String,
    },
    /// A rule id defined twice in the pack and what it extends.
    #[error("规则编号 `{id}` 重复")]
    DuplicateRule {
        /// The id.
        id: String,
    },
    /// An override naming no inherited rule.
    #[error("`overrides` 中的 `{id}` 不是继承来的规则")]
    UnknownOverride {
        /// The id as written.
        id: String,
        /// The closest inherited id, if one is close.
        suggestion: Option<String>,
    },
    /// An override setting a param the rule does not have.
    #[error("规则 `{rule}` 没有参数 `{param}`")]
    UnknownOverrideParam {
        /// The rule.
        rule: String,
        /// The param as written.
        param: String,
        /// The params the rule has, listed (empty when it has none).
        expected: String,
    },
    /// Packs that extend each other in a circle.
    #[error("规则包循环扩展：{cycle}")]
    ExtendsCycle {
        /// `a → b → a`.
        cycle: String,
    },
    /// A path that leads out of the folder of the root pack, or an absolute path.
    #[error("{reason}：`{path}`")]
    Escapes {
        /// The path as written.
        path: String,
        /// Why it is not allowed, in words.
        reason: &'static str,
    },
    /// An `extends` chain longer than the loader follows.
    #[error("扩展链超过 {limit} 层：此处扩展的规则包不再读取")]
    ExtendsTooDeep {
        /// The limit ([`super::MAX_EXTENDS_DEPTH`]).
        limit: usize,
    },
    /// A FIFO, a device or a socket named by `extends` or `include`.
    #[error("{what} `{path}` 不是普通文件（而是管道、设备或套接字），不予读取")]
    NotRegular {
        /// `扩展的规则包` or `包含的规则文件`.
        what: &'static str,
        /// The path as resolved.
        path: String,
    },
    /// A file named by `extends` or `include` that does not exist.
    #[error("找不到{what} `{path}`")]
    Missing {
        /// `扩展的规则包` or `包含的规则文件`.
        what: &'static str,
        /// The path as resolved.
        path: String,
    },
    /// No embedded pack by that name.
    #[error("没有名为 `{name}` 的内置规则包")]
    UnknownEmbedded {
        /// The name as written.
        name: String,
        /// Whether an embedded pack names it (where every entry is an embedded name); `None`
        /// for the root pack, which the user named.
        from_embedded: Option<bool>,
    },
    /// `classification` naming no embedded classification.
    #[error("没有名为 `{name}` 的内置科目数据")]
    UnknownClassification {
        /// The name as written.
        name: String,
    },
    /// A rule that looks names up in the classification of a pack that names none.
    #[error("规则 `{rule}` 用到科目数据（`subject_…` 函数），但规则包及其扩展的规则包都没有指定 `classification`")]
    NoClassification {
        /// The rule's id.
        rule: String,
    },
    /// A file that exists but could not be read.
    #[error("无法读取 `{path}`：{detail}")]
    Unreadable {
        /// The path as resolved.
        path: String,
        /// The reason the system gave.
        detail: String,
    },
    /// An expression, template or pattern of a rule that does not compile (syntax, unknown name,
    /// type error), located at its place in the YAML.
    #[error("{message}")]
    Expression {
        /// The expression error's own code (`expr/type`, `pattern/malformed`, …).
        code: &'static str,
        /// Its message.
        message: String,
    },
}

impl PackErrorKind {
    /// A stable identifier for the kind of error, for machine output.
    pub fn code(&self) -> &'static str {
        use PackErrorKind::*;
        match self {
            InvalidYaml { .. } => "pack/invalid-yaml",
            UnknownKey { .. } => "pack/unknown-key",
            MissingKey { .. } => "pack/missing-key",
            NotAMap { .. } | WrongType { .. } | BadValue { .. } | CheckKindCount { .. } => {
                "pack/bad-value"
            }
            UnknownCheckKind { .. } => "pack/unknown-check-kind",
            BadId { .. } | DuplicatePack { .. } => "pack/bad-id",
            DuplicateRule { .. } => "pack/duplicate-rule",
            UnknownOverride { .. } | UnknownOverrideParam { .. } => "pack/unknown-override",
            ExtendsCycle { .. } => "pack/extends-cycle",
            Escapes { .. } => "pack/extends-escapes",
            ExtendsTooDeep { .. } => "pack/extends-too-deep",
            NotRegular { .. } => "pack/not-a-file",
            Missing { .. } => "pack/extends-missing",
            UnknownEmbedded { .. } | UnknownClassification { .. } => "pack/unknown-embedded",
            NoClassification { .. } => "pack/no-classification",
            Unreadable { .. } => "pack/unreadable",
            Expression { code, .. } => code,
        }
    }

    /// The short label shown under the offending text.
    pub fn label(&self) -> String {
        use PackErrorKind::*;
        match self {
            InvalidYaml { .. } => "此处有误".into(),
            UnknownKey { .. } => "未知的键".into(),
            MissingKey { keys, .. } => format!("缺少 {keys}"),
            NotAMap { .. } => "应为映射".into(),
            WrongType { expected, .. } => format!("应为{expected}"),
            BadValue { .. } => "无效的值".into(),
            UnknownCheckKind { .. } => "未知的检查类型".into(),
            CheckKindCount { .. } => "应恰好一种检查".into(),
            BadId { .. } => "不是 kebab-case".into(),
            DuplicateRule { .. } | DuplicatePack { .. } => "重复定义".into(),
            UnknownOverride { .. } => "没有这条继承的规则".into(),
            UnknownOverrideParam { .. } => "未知参数".into(),
            ExtendsCycle { .. } => "此处回到了循环的起点".into(),
            Escapes { .. } => "不允许的路径".into(),
            ExtendsTooDeep { limit } => format!("第 {} 层", limit + 1),
            NotRegular { .. } => "不是普通文件".into(),
            Missing { .. } => "文件不存在".into(),
            UnknownEmbedded { .. } => "未知的内置规则包".into(),
            UnknownClassification { .. } => "未知的内置科目数据".into(),
            NoClassification { .. } => "没有科目数据".into(),
            Unreadable { .. } => "无法读取".into(),
            Expression { .. } => "此处有误".into(),
        }
    }

    /// A hint on how to fix it, when there is a useful one.
    pub fn help(&self) -> Option<String> {
        use PackErrorKind::*;
        match self {
            BadId { .. } => Some(
                "编号只能由小写字母、数字和单个连字符组成，如 `t05-row-total`".into(),
            ),
            DuplicateRule { .. } => Some(
                "规则编号在规则包及其扩展的规则包中必须唯一；要修改继承的规则，请使用 `overrides`"
                    .into(),
            ),
            UnknownOverride {
                suggestion: Some(s),
                ..
            } => Some(format!("是否应为 `{s}`？")),
            UnknownOverride { .. } => {
                Some("`overrides` 只能修改 `extends` 中的规则包定义的规则".into())
            }
            UnknownOverrideParam { expected, .. } if expected.is_empty() => {
                Some("该规则没有可覆盖的参数".into())
            }
            UnknownOverrideParam { expected, .. } => Some(format!("该规则的参数为 {expected}")),
            ExtendsCycle { .. } => Some("规则包不能直接或间接地扩展自身：请删除其中一个 `extends`".into()),
            Escapes { .. } => Some(
                "`extends` 与 `include` 的路径相对于写出它的文件，且不能超出用户指定的规则包所在的文件夹"
                    .into(),
            ),
            ExtendsTooDeep { .. } => Some(
                "规则包层层扩展的深度有上限；请检查扩展链是否由程序生成或有误，或把中间的规则包合并"
                    .into(),
            ),
            NotRegular { .. } => Some("`extends` 与 `include` 只能引用普通的 YAML 文件".into()),
            UnknownEmbedded {
                from_embedded: Some(true),
                ..
            } => Some(format!(
                "内置规则包只能扩展、包含其他内置规则包（{}）",
                embedded_names()
            )),
            UnknownEmbedded {
                from_embedded: Some(false),
                ..
            } => Some(format!(
                "不含 `/`、不以 `.yaml` 或 `.yml` 结尾的条目是内置规则包的名称（{}）；文件路径请写作 `./x.yaml`",
                embedded_names()
            )),
            UnknownEmbedded {
                from_embedded: None,
                ..
            } => Some(format!(
                "内置规则包有：{}；自己的规则包请写出文件或文件夹的路径，如 `./shanghai/pack.yaml` 或 `./shanghai/`",
                embedded_names()
            )),
            NoClassification { .. } => Some(
                "在规则包中加上 `classification: subjects`（内置的政府收支分类科目），或科目数据文件的路径"
                    .into(),
            ),
            UnknownClassification { .. } => Some(
                "内置的科目数据为 `subjects`；不含 `/`、不以 `.yaml` 或 `.yml` 结尾的名称指内置数据，文件路径请写作 `./x.yaml`"
                    .into(),
            ),
            CheckKindCount { .. } => Some(
                "可用的检查类型为 assert、sum、claim、require、explain、ceiling".into(),
            ),
            _ => None,
        }
    }
}

/// The embedded packs' names, for a message: `common、national、hunan、…`.
fn embedded_names() -> String {
    super::embedded_packs().collect::<Vec<_>>().join("、")
}
