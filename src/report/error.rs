//! Syntax errors in a report source: what is wrong, where, and what would be right.

use thiserror::Error;

use super::model::Span;

/// One problem found while reading a report source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the problem is, as a byte range in the (decoded) source.
    pub span: Span,
    /// What the problem is.
    pub kind: SyntaxErrorKind,
    /// Other places that explain it (the first definition of a duplicate id).
    pub related: Vec<(Span, String)>,
}

impl SyntaxError {
    pub(crate) fn new(span: Span, kind: SyntaxErrorKind) -> Self {
        SyntaxError {
            span,
            kind,
            related: Vec::new(),
        }
    }

    pub(crate) fn with_related(mut self, span: Span, label: impl Into<String>) -> Self {
        self.related.push((span, label.into()));
        self
    }
}

/// What went wrong; the `Display` text is the message users read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SyntaxErrorKind {
    /// The bytes are not UTF-8 at this point.
    #[error("文件不是有效的 UTF-8 编码：此处的字节 {bytes} 无法解码")]
    InvalidUtf8 {
        /// The offending bytes, in hex.
        bytes: String,
    },
    /// Many invalid sequences: the file is in another encoding.
    #[error("文件不是 UTF-8 编码：共有 {count} 处无法解码的字节，第一处是 {bytes}")]
    ForeignEncoding {
        /// The first offending bytes, in hex.
        bytes: String,
        /// How many invalid sequences the file has.
        count: usize,
    },
    /// The file has no content at all.
    #[error("文件为空：报告应以 `report 决算 {{ … }}` 表头开始")]
    EmptyFile,
    /// A line does not match the grammar of its context.
    #[error("{message}")]
    Unexpected {
        /// What the parser expected, in words.
        message: String,
    },
    /// A control character (other than tab) in the text.
    #[error("不允许的控制字符 U+{code:04X}")]
    ControlCharacter {
        /// The character's code point.
        code: u32,
    },
    /// The first content is not the `report` header.
    #[error("缺少报告表头：文件应以 `report 决算 {{ 部门 = \"…\"  年度 = …  单位 = 万元  地区 = … }}` 开始")]
    MissingHeader,
    /// A second `report` header.
    #[error("重复的报告表头：一个文件只能有一个 `report` 块")]
    DuplicateHeader,
    /// A header or table attribute the format does not know.
    #[error("未知的{place}属性 `{key}`；可用的属性：{expected}")]
    UnknownKey {
        /// `表头` or `表格`.
        place: &'static str,
        /// The key as written.
        key: String,
        /// The keys that are allowed there.
        expected: &'static str,
    },
    /// The same attribute given twice.
    #[error("属性 `{key}` 重复")]
    DuplicateKey {
        /// The key as written.
        key: String,
    },
    /// A required header attribute is missing.
    #[error("报告表头缺少 `{key}`")]
    MissingKey {
        /// The missing key.
        key: &'static str,
    },
    /// An attribute value of the wrong form.
    #[error("`{key}` 的值 `{value}` 无效：应为 {expected}")]
    BadValue {
        /// The key.
        key: String,
        /// The value as written.
        value: String,
        /// What it should be, in words.
        expected: &'static str,
    },
    /// A block (`report`, `contents`, `table`, `part`) not closed by `}`.
    #[error("{block} 块没有结束：缺少 `}}`")]
    Unterminated {
        /// `table 05`, `part 收入`, …
        block: String,
    },
    /// A `}` with no open block.
    #[error("多余的 `}}`：没有需要结束的块")]
    StrayClose,
    /// Two tables with the same id.
    #[error("表格编号 `{id}` 重复")]
    DuplicateTable {
        /// The id.
        id: String,
    },
    /// A second `contents` block.
    #[error("重复的目录：一个报告只能有一个 `contents` 块")]
    DuplicateContents,
    /// A row before any `columns` line.
    #[error("表格行之前缺少 `columns` 列声明")]
    RowBeforeColumns,
    /// A row whose cell count differs from the column count.
    #[error("此行有 {found} 个单元格，但声明了 {expected} 列")]
    CellCount {
        /// Declared columns.
        expected: usize,
        /// Cells in the row.
        found: usize,
    },
    /// Nothing between two `|`.
    #[error("空单元格：空白单元格请写 `-`")]
    EmptyCell,
    /// A value cell that starts like a number but is not a well-formed amount.
    #[error("金额格式错误：`{text}`")]
    MalformedAmount {
        /// The cell text.
        text: String,
    },
    /// An amount `Decimal` cannot hold exactly (about 7.9·10^28, or more than 28 decimals).
    #[error("数值超出可精确表示的范围：`{text}`")]
    NumberTooLarge {
        /// The cell text.
        text: String,
    },
    /// `^` in the first row of a list.
    #[error("合并单元格 `^` 的上方没有单元格")]
    MergedWithoutAbove,
    /// A code cell that is not digits.
    #[error("科目编码 `{text}` 无效：应为数字，或 `-` 表示无编码")]
    MalformedCode {
        /// The cell text.
        text: String,
    },
    /// `columns` given twice for one list.
    #[error("列已声明过；一组行只能有一行 `columns`")]
    DuplicateColumns,
    /// A `columns` line with a header that repeats another.
    #[error("列名 `{header}` 重复")]
    DuplicateColumn {
        /// The header.
        header: String,
    },
    /// `编码列 = X` or `名称列 = X` naming no column.
    #[error("`{key}` 指定的列 `{header}` 不存在")]
    UnknownColumn {
        /// `编码列` or `名称列`.
        key: String,
        /// The header it names.
        header: String,
    },
    /// A table that has parts and direct rows, or a part inside a part.
    #[error("{message}")]
    Structure {
        /// What is wrong, in words.
        message: &'static str,
    },
    /// A table attribute after the columns or rows.
    #[error("表格属性应写在 `columns` 和各行之前")]
    LateAttribute,
    /// A `fislint:` comment that is not a well-formed suppression.
    #[error("抑制注释格式错误：应为 `// fislint: allow 规则编号 -- 理由`")]
    MalformedSuppression,
    /// A suppression without its `-- reason`: it does not apply, and the report is checked
    /// (a problem of `Parsed::problems`, not an error that stops the check).
    #[error("抑制注释缺少理由：在规则名后写 `-- 理由`")]
    SuppressionWithoutReason,
    /// A line longer than the parser accepts.
    #[error("行过长（{len} 字节）：单行最多 {max} 字节")]
    LineTooLong {
        /// The line's length in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The parse tree lacks a node the grammar promises: a bug in fislint, reported at the line
    /// instead of aborting the run.
    #[error("fislint 内部错误：此行的语法树缺少{what}（请将此行报告给 fislint 的维护者）")]
    Internal {
        /// The node that was missing.
        what: &'static str,
    },
}

impl SyntaxErrorKind {
    /// A stable identifier for the kind of error, for machine output.
    pub fn code(&self) -> &'static str {
        use SyntaxErrorKind::*;
        match self {
            InvalidUtf8 { .. } => "syntax/invalid-utf8",
            ForeignEncoding { .. } => "syntax/not-utf8",
            EmptyFile => "syntax/empty-file",
            Unexpected { .. } => "syntax/unexpected",
            ControlCharacter { .. } => "syntax/control-character",
            MissingHeader => "syntax/missing-header",
            DuplicateHeader => "syntax/duplicate-header",
            UnknownKey { .. } => "syntax/unknown-key",
            DuplicateKey { .. } => "syntax/duplicate-key",
            MissingKey { .. } => "syntax/missing-key",
            BadValue { .. } => "syntax/bad-value",
            Unterminated { .. } => "syntax/unterminated-block",
            StrayClose => "syntax/stray-close",
            DuplicateTable { .. } => "syntax/duplicate-table",
            DuplicateContents => "syntax/duplicate-contents",
            RowBeforeColumns => "syntax/row-before-columns",
            CellCount { .. } => "syntax/cell-count",
            EmptyCell => "syntax/empty-cell",
            MalformedAmount { .. } => "syntax/malformed-amount",
            NumberTooLarge { .. } => "syntax/number-too-large",
            MalformedCode { .. } => "syntax/malformed-code",
            MergedWithoutAbove => "syntax/merged-without-above",
            DuplicateColumns => "syntax/duplicate-columns",
            DuplicateColumn { .. } => "syntax/duplicate-column",
            UnknownColumn { .. } => "syntax/unknown-column",
            Structure { .. } => "syntax/structure",
            LateAttribute => "syntax/late-attribute",
            MalformedSuppression => "syntax/malformed-suppression",
            SuppressionWithoutReason => "suppression/missing-reason",
            LineTooLong { .. } => "syntax/line-too-long",
            Internal { .. } => "syntax/internal",
        }
    }

    /// The short label shown under the offending text.
    pub fn label(&self) -> String {
        use SyntaxErrorKind::*;
        match self {
            InvalidUtf8 { .. } => "无效字节".into(),
            ForeignEncoding { .. } => "第一处无法解码的字节".into(),
            MissingHeader => "此处应为 `report` 表头".into(),
            Unterminated { .. } => "此块从这里开始".into(),
            CellCount { expected, found } if found > expected => {
                format!("多出 {} 个单元格", found - expected)
            }
            CellCount { expected, found } => format!("少了 {} 个单元格", expected - found),
            MalformedAmount { .. } => "不是有效的金额".into(),
            UnknownKey { .. } => "未知属性".into(),
            DuplicateTable { .. } => "重复的编号".into(),
            Unexpected { .. } => "此处有误".into(),
            SuppressionWithoutReason => "没有理由，此抑制注释不生效".into(),
            _ => String::new(),
        }
    }

    /// A hint on how to fix it, when there is a useful one.
    pub fn help(&self) -> Option<String> {
        use SyntaxErrorKind::*;
        match self {
            InvalidUtf8 { .. } => Some("请删除或重新输入此处的字符，并以 UTF-8 编码保存文件".into()),
            ForeignEncoding { .. } => Some(
                "文件可能是 GB18030/GBK 等编码：请在编辑器中以 UTF-8 编码另存（如记事本“另存为”时选择 UTF-8）"
                    .into(),
            ),
            MalformedAmount { text } if text.chars().any(|c| ('０'..='９').contains(&c)) => {
                Some("请使用半角数字，如 `1,022.32`".into())
            }
            MalformedAmount { .. } => Some(
                "金额写作 `1,022.32`、`975.8` 或 `-`（空）；以数字开头的文字请加引号，如 `\"12 次\"`"
                    .into(),
            ),
            CellCount { .. } => Some("每行单元格数须与 `columns` 列数相同；空白单元格写 `-`".into()),
            Unterminated { .. } => Some("在块的末尾加一行 `}`".into()),
            SuppressionWithoutReason => Some(
                "例如 `// fislint: allow t05-row-total -- 该行为合并列示，已与财政部门确认`".into(),
            ),
            _ => None,
        }
    }
}

/// Something read as the writer meant it but not as the format writes it: a note on the text,
/// not an error. Checking goes on (a [`SyntaxError`] stops it); `lint` shows it as info.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseNote {
    /// What was read so, as a byte range in the (decoded) source.
    pub span: Span,
    /// What was read, and how.
    pub kind: ParseNoteKind,
}

/// What was read generously; the `Display` text is the message users read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParseNoteKind {
    /// An amount or percentage written with full-width digits, point, comma, minus or percent
    /// sign (`－１２．３`), or with the minus sign U+2212 (`−12.3`, as typesetting software
    /// writes it), read as the number it shows.
    #[error("已将「{written}」按数值 {value} 读取")]
    NormalizedNumber {
        /// The cell as written.
        written: String,
        /// The number as the format writes it: `-12.3`.
        value: String,
    },
}

impl ParseNoteKind {
    /// A stable identifier for the kind of note, for machine output.
    pub fn code(&self) -> &'static str {
        match self {
            ParseNoteKind::NormalizedNumber { .. } => "syntax/normalized-number",
        }
    }

    /// The short label shown under the text.
    pub fn label(&self) -> String {
        match self {
            ParseNoteKind::NormalizedNumber { written, .. } => {
                let full_width = written
                    .chars()
                    .any(|c| ('\u{FF01}'..='\u{FF5E}').contains(&c));
                let minus = written.contains('\u{2212}');
                match (full_width, minus) {
                    (true, true) => "全角字符和减号「−」（U+2212）已按半角读取",
                    (true, false) => "全角字符已按半角读取",
                    _ => "减号「−」（U+2212）已按「-」读取",
                }
                .into()
            }
        }
    }

    /// How to write it as the format does.
    pub fn help(&self) -> Option<String> {
        match self {
            ParseNoteKind::NormalizedNumber { value, .. } => Some(format!(
                "数值请用半角数字、小数点、逗号和减号「-」书写，写作 `{value}`"
            )),
        }
    }
}
