//! Errors in an expression: located in its text, said in Chinese, with a stable code.

use thiserror::Error;

use super::ast::Span;

/// One problem with an expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    /// Where, in the expression's text.
    pub span: Span,
    /// What.
    pub kind: ExprErrorKind,
}

impl ExprError {
    pub(crate) fn new(span: Span, kind: ExprErrorKind) -> Self {
        ExprError { span, kind }
    }
}

/// What is wrong; the `Display` text is the message users read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExprErrorKind {
    /// The text does not parse.
    #[error("表达式语法错误：此处应为{expected}，却是 {found}")]
    Syntax {
        /// What would have been right, in words.
        expected: String,
        /// What was found.
        found: String,
    },
    /// A function the language does not have.
    #[error("未知的函数 `{name}`；可用的函数：{known}")]
    UnknownFunction {
        /// The name as written.
        name: String,
        /// The functions there are.
        known: String,
    },
    /// A function called with the wrong number of arguments.
    #[error("函数 `{name}` 需要 {expected} 个参数，这里给了 {found} 个")]
    Arity {
        /// The function.
        name: String,
        /// How many it takes, in words (`2`, `1 个或以上`).
        expected: String,
        /// How many were given.
        found: usize,
    },
    /// `param.NAME` with no such param.
    #[error("未知的参数 `param.{name}`{known}")]
    UnknownParam {
        /// The name.
        name: String,
        /// The params there are, as a suffix (`；可用的参数：…`), or empty.
        known: String,
    },
    /// A variable not in scope.
    #[error("未知的名称 `{name}`{known}")]
    UnknownVariable {
        /// The name.
        name: String,
        /// What is in scope, as a suffix, or empty.
        known: String,
    },
    /// A value of the wrong type for where it is used.
    #[error("类型错误：{context}需要{expected}，这里是{found}")]
    Type {
        /// Where it is used, in words (`` `+` 的右边 ``).
        context: String,
        /// What it needs.
        expected: &'static str,
        /// What it got.
        found: &'static str,
    },
    /// A number and a percent mixed.
    #[error(
        "数值与百分比不能直接{operation}：百分比请写作 `95%`，或用 share()/rate()/growth() 计算"
    )]
    NumberVsPercent {
        /// `比较`, `相加`, …
        operation: &'static str,
    },
    /// A literal beyond exact decimals.
    #[error("数字超出可精确表示的范围")]
    NumberTooLarge,
    /// An expression nested or chained beyond what is checked before parsing
    /// (`expr::parse::MAX_DEPTH`, `MAX_OPERATORS`, `MAX_SELECTORS`).
    #[error("表达式过于复杂：{what}，请拆分为几条规则或使用 params")]
    TooComplex {
        /// What went past which limit.
        what: String,
    },
    /// A division by a literal zero (`x / 0`): never defined, whatever the report.
    #[error("除以零：除数是常数 0，此表达式对任何报告都无法计算")]
    DivisionByZero,
    /// The parser's tree lacks a node the grammar promises: a bug in fislint, reported at the
    /// expression instead of aborting the whole run.
    #[error("fislint 内部错误：表达式的语法树缺少{what}（请将此表达式报告给 fislint 的维护者）")]
    Internal {
        /// The node that was missing.
        what: &'static str,
    },
}

impl ExprErrorKind {
    /// A stable identifier for machine output.
    pub fn code(&self) -> &'static str {
        use ExprErrorKind::*;
        match self {
            Syntax { .. } => "expr/syntax",
            UnknownFunction { .. } => "expr/unknown-function",
            Arity { .. } => "expr/arity",
            UnknownParam { .. } => "expr/unknown-param",
            UnknownVariable { .. } => "expr/unknown-name",
            Type { .. } => "expr/type",
            NumberVsPercent { .. } => "expr/number-vs-percent",
            NumberTooLarge => "expr/number-too-large",
            DivisionByZero => "expr/division-by-zero",
            TooComplex { .. } => "expr/too-complex",
            Internal { .. } => "expr/internal",
        }
    }
}
