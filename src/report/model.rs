//! The typed report tree: header, contents, sections, paragraphs, tables, parts, rows, cells.
//!
//! Every element keeps its byte span in the source it was parsed from, so that a finding can
//! point at the very cell or sentence it is about. The tree knows nothing of rules.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use rust_decimal::Decimal;

/// A byte range in the report source.
pub type Span = Range<usize>;

/// A whole report: what one `.fis` file says.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The `report 决算 { … }` header; `None` only when the source lacked one (an error).
    pub header: Option<Header>,
    /// The printed table of contents (目录), if the report has one.
    pub contents: Option<Contents>,
    /// Paragraphs before the first heading (a cover page, say).
    pub front: Vec<Paragraph>,
    /// Every section, in document order; `Section::parent` gives the nesting.
    pub sections: Vec<Section>,
    /// Every table, in document order.
    pub tables: Vec<Table>,
    /// Every `// fislint: allow …` comment, with the element it applies to.
    pub suppressions: Vec<Suppression>,
    pub(crate) table_index: HashMap<String, usize>,
}

/// `report 决算 { 部门 = "…"  年度 = 2021  单位 = 万元  地区 = 湖南 }`
#[derive(Debug, Clone)]
pub struct Header {
    /// 决算 (final accounts) or 预算 (budget).
    pub kind: ReportKind,
    /// Whose report: a 部门's (its own and its units' together), or one 单位's.
    pub scope: Scope,
    /// 部门: the department, as published.
    pub department: String,
    /// 年度: the fiscal year.
    pub year: u16,
    /// 单位: the unit of the tables.
    pub unit: Unit,
    /// 地区: the province or city whose rule pack applies, e.g. `湖南`.
    pub region: String,
    /// 标题: the title printed on the cover, if given.
    pub title: Option<String>,
    /// The whole header block.
    pub span: Span,
}

/// The kind of report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    /// `决算`: final accounts of a year, published after it.
    Final,
    /// `预算`: the budget of a year, published before it.
    Budget,
}

impl ReportKind {
    /// `决算` or `预算`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::Final => "决算",
            ReportKind::Budget => "预算",
        }
    }
}

/// Whose report it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `部门决算`, `部门预算` (and `决算`, `预算` without a word before them): a department's,
    /// its own body and the units under it together.
    Department,
    /// `单位决算`, `单位预算`: one budget unit's own.
    Unit,
}

impl Scope {
    /// `部门` or `单位`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Department => "部门",
            Scope::Unit => "单位",
        }
    }
}

/// The unit amounts are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// `万元`: ten thousand yuan, the unit of almost every published table.
    WanYuan,
    /// `元`: yuan.
    Yuan,
}

impl Unit {
    /// Reads `万元` or `元`.
    pub fn from_text(text: &str) -> Option<Unit> {
        match text {
            "万元" => Some(Unit::WanYuan),
            "元" => Some(Unit::Yuan),
            _ => None,
        }
    }

    /// The word: `万元`, `元`.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::WanYuan => "万元",
            Unit::Yuan => "元",
        }
    }

    /// How many 元 one of it is, as a power of ten: 4 for `万元`, 0 for `元`.
    pub fn exponent(self) -> i32 {
        match self {
            Unit::WanYuan => 4,
            Unit::Yuan => 0,
        }
    }
}

/// `contents 目录 { … }`: the printed table of contents.
#[derive(Debug, Clone)]
pub struct Contents {
    /// The printed title of the listing, e.g. `目录`.
    pub title: String,
    /// The entries, in printed order.
    pub entries: Vec<Heading>,
    /// The whole block.
    pub span: Span,
}

/// `## 一、部门职责`: a heading, or an entry of the contents listing.
#[derive(Debug, Clone)]
pub struct Heading {
    /// 1 for `#` (第一部分), 2 for `##` (一、), and so on.
    pub level: u8,
    /// The published numbering: `第一部分`, `一、`, `（一）`, `1、`, `附件 1-1`.
    pub numbering: Option<String>,
    /// The text after the numbering: `部门职责`.
    pub title: String,
    /// The whole heading text as written: `一、部门职责`.
    pub text: String,
    /// The title as [`Heading::is_titled`] compares it: no spaces, no leading year.
    pub key: String,
    /// The heading text (without the `#`s).
    pub span: Span,
}

impl Heading {
    /// Whether the heading is titled `name`: its title (without numbering) or its whole text,
    /// spaces ignored, and a leading year ignored on both sides (`2021 年度部门整体支出绩效自评报告`
    /// is titled `部门整体支出绩效自评报告`), since the year changes every report.
    pub fn is_titled(&self, name: &str) -> bool {
        self.has(&Title::new(name))
    }

    /// [`Heading::is_titled`] for a title made once: what to call for every heading.
    pub fn has(&self, title: &Title<'_>) -> bool {
        title.name == self.title
            || title.name == self.text
            || (!self.key.is_empty() && self.key == title.key)
    }
}

/// A section title a rule asks for, with its key made once, so that comparing it with every
/// heading of a report builds nothing.
#[derive(Debug, Clone)]
pub struct Title<'a> {
    name: &'a str,
    key: String,
}

impl<'a> Title<'a> {
    /// The title `name`, as [`Heading::is_titled`] compares it.
    pub fn new(name: &'a str) -> Title<'a> {
        Title {
            name,
            key: title_key(name).collect(),
        }
    }
}

/// A title's characters without spaces and without a leading year (`2021年度`, `2021 年`).
pub(crate) fn title_key(title: &str) -> impl Iterator<Item = char> + '_ {
    let chars = || title.chars().filter(|c| !c.is_whitespace());
    let mut head = chars();
    let year = head.by_ref().take(4).filter(char::is_ascii_digit).count() == 4;
    let skip = match (year, head.next(), head.next()) {
        (true, Some('年'), Some('度')) => 6,
        (true, Some('年'), _) => 5,
        _ => 0,
    };
    chars().skip(skip)
}

/// Index of a section in `Report::sections`.
pub type SectionId = usize;
/// Index of a table in `Report::tables`.
pub type TableId = usize;

/// A heading and what it governs, up to the next heading of the same or a higher level.
#[derive(Debug, Clone)]
pub struct Section {
    /// The heading that opens the section.
    pub heading: Heading,
    /// The enclosing section: `第一部分` for `一、部门职责`.
    pub parent: Option<SectionId>,
    /// The paragraphs directly in this section (not in its subsections).
    pub paragraphs: Vec<Paragraph>,
    /// The tables directly in this section.
    pub tables: Vec<TableId>,
}

/// One paragraph of prose, verbatim: `2021年度收入合计1022.32万元，其中：…`
#[derive(Debug, Clone)]
pub struct Paragraph {
    /// The text, exactly as written.
    pub text: String,
    /// The numbering it starts with, for enumerated items: `1、`, `（1）`, `一、`.
    pub numbering: Option<String>,
    /// The text.
    pub span: Span,
}

/// `table 05 "一般公共预算财政拨款支出决算表" { … }`
#[derive(Debug, Clone)]
pub struct Table {
    /// `01`…`09` for the nine standard tables; any word for others (`附件1-1`).
    pub id: String,
    /// The title as published.
    pub title: String,
    /// 部门 as printed above the table.
    pub department: Option<String>,
    /// 单位 as printed above the table.
    pub unit: Option<Unit>,
    /// `未读取 = "…"`: the importer found the table but could not read it, for this reason. The
    /// table is there (no rule says it is missing) but holds nothing to check.
    pub unread: Option<String>,
    /// `缺行 = "…"`: the importer saw figures in the table that it could not put in a row (a
    /// line with figures but no code), as it says here. Every row written was read, but a rule
    /// over a set of the table's rows (a sum, its children, a count) may be missing one.
    pub missing: Option<String>,
    /// The row lists: one unnamed part for a plain table, one per side-by-side list otherwise
    /// (the 收入 and 支出 halves of table 01).
    pub parts: Vec<Part>,
    /// The notes printed under the table (注…, the empty-table note).
    pub notes: Vec<Note>,
    /// The section the table appears in.
    pub section: Option<SectionId>,
    /// The id in `table ID "…"`.
    pub id_span: Span,
    /// The quoted title.
    pub title_span: Span,
    /// The whole block, `table` to `}`.
    pub span: Span,
    /// Its rows by code and by name, built as rules ask.
    pub(crate) index: RowIndex,
}

/// A list of rows under one set of columns: a whole plain table, or one side of table 01.
#[derive(Debug, Clone)]
pub struct Part {
    /// `收入` in `part 收入 {`; `None` for the rows of a table without parts.
    pub name: Option<String>,
    /// The declared columns, in order.
    pub columns: Vec<Column>,
    /// Which column holds the 科目编码, if any.
    pub code_column: Option<usize>,
    /// Which column holds the row names, if any.
    pub name_column: Option<usize>,
    /// The rows, in order.
    pub rows: Vec<Row>,
    /// `part … { … }`, or the `columns` line of a table without parts.
    pub span: Span,
}

/// A declared column: `本年支出/小计`.
#[derive(Debug, Clone)]
pub struct Column {
    /// The header as written; group headers are joined with `/`.
    pub header: String,
    /// The header in the `columns` line.
    pub span: Span,
}

impl Column {
    /// The last segment of the header path: `小计` for `本年支出/小计`.
    pub fn leaf(&self) -> &str {
        self.header.rsplit('/').next().unwrap_or(&self.header)
    }
}

/// One table row: `201 | 一般公共服务支出 | 975.48 | 975.48 | -`
#[derive(Debug, Clone)]
pub struct Row {
    /// The 科目编码, when the part has a code column and the cell is not `-`.
    pub code: Option<String>,
    /// The row name, when the part has a name column and the cell is not `-`.
    pub name: Option<String>,
    /// One cell per column, the code and name columns included.
    pub cells: Vec<Cell>,
    /// The whole row line.
    pub span: Span,
}

/// One cell of a row.
#[derive(Debug, Clone)]
pub struct Cell {
    /// What the cell says.
    pub value: CellValue,
    /// The cell text in the row line.
    pub span: Span,
    /// Marked `?`: the importer could not read it with certainty, so no finding may rest on it.
    pub uncertain: bool,
}

/// What a cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellValue {
    /// `-`: the published cell is blank.
    Empty,
    /// `^`: the published cell is merged with the one above it (a group label such as
    /// `产出指标（50分）` printed once beside several rows). It holds no value of its own, so a
    /// merged amount is never counted twice; [`Part::resolve`] finds the cell it continues.
    Merged,
    /// `1,022.32`: an amount, exact.
    Amount(Number),
    /// `95.42%`: a percentage, exact; `value` is 95.42, not 0.9542.
    Percent(Number),
    /// `有所增强`, `"12 次"`, a 科目编码 or a row name: text.
    Text {
        /// The text, without quotes.
        value: String,
    },
}

/// A number as published: its exact value and how many decimals it was written with.
///
/// `975.8` is `{ value: 975.8, decimals: 1 }`: it stands for anything in 975.75…975.85, which is
/// what rounding tolerance is computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// The exact value.
    pub value: Decimal,
    /// The number of decimals as written (`0.30` has 2).
    pub decimals: u32,
    /// The text as written: `1,022.32`.
    pub written: String,
}

impl Cell {
    /// The amount in this cell, if it holds one.
    pub fn amount(&self) -> Option<&Number> {
        match &self.value {
            CellValue::Amount(n) => Some(n),
            _ => None,
        }
    }

    /// Whether the cell is explicitly empty (`-`).
    pub fn is_empty(&self) -> bool {
        self.value == CellValue::Empty
    }
}

/// `note 注：本表反映部门本年度各项支出情况。`
#[derive(Debug, Clone)]
pub struct Note {
    /// The note, verbatim.
    pub text: String,
    /// The note text.
    pub span: Span,
}

/// `// fislint: allow rule-id -- reason`: silences rules on one element.
#[derive(Debug, Clone)]
pub struct Suppression {
    /// The rule ids it names.
    pub rules: Vec<String>,
    /// Why the finding does not apply.
    pub reason: String,
    /// The comment.
    pub span: Span,
    /// The element it silences: the next heading, paragraph, table or row, or the table line the
    /// comment ends. `None` when nothing follows it.
    pub target: Option<Span>,
}

impl Report {
    /// The paragraphs of the sections `own` picks and of their subsections, in document order.
    pub fn paragraphs_where(&self, own: impl Fn(usize, &Section) -> bool) -> Vec<&Paragraph> {
        let mut inside = vec![false; self.sections.len()];
        let mut out = Vec::new();
        for (i, s) in self.sections.iter().enumerate() {
            inside[i] = own(i, s) || s.parent.is_some_and(|p| inside[p]);
            if inside[i] {
                out.extend(s.paragraphs.iter());
            }
        }
        out
    }

    /// The paragraphs of the sections titled one of `titles` (a heading's title without its
    /// numbering, or its whole text) and of their subsections; every paragraph, the front matter
    /// included, when `titles` is empty.
    pub fn prose<S: AsRef<str>>(&self, titles: &[S]) -> Vec<&Paragraph> {
        if titles.is_empty() {
            return self
                .front
                .iter()
                .chain(self.sections.iter().flat_map(|s| s.paragraphs.iter()))
                .collect();
        }
        let titles: Vec<Title<'_>> = titles.iter().map(|t| Title::new(t.as_ref())).collect();
        self.paragraphs_where(|_, s| titles.iter().any(|t| s.heading.has(t)))
    }

    /// The tables whose title contains `text`, spaces ignored (`项目支出绩效自评表` finds
    /// `2021 年度项目支出绩效自评表`): attachment tables have no fixed id.
    pub fn tables_titled<'a>(&'a self, text: &str) -> impl Iterator<Item = &'a Table> {
        let squeeze = crate::text::squeeze;
        let wanted = squeeze(text);
        self.tables
            .iter()
            .filter(move |t| squeeze(&t.title).contains(&wanted))
    }

    /// The table with this id (`"05"`, `"附件1-1"`).
    pub fn table(&self, id: &str) -> Option<&Table> {
        self.table_index.get(id).map(|&i| &self.tables[i])
    }

    /// Sections titled `title` (`部门职责`, `一、部门职责`; see [`Heading::is_titled`]).
    pub fn sections_titled<'a>(&'a self, title: &'a str) -> impl Iterator<Item = &'a Section> {
        let title = Title::new(title);
        self.sections.iter().filter(move |s| s.heading.has(&title))
    }

    /// The subsections directly under `id`.
    pub fn children(&self, id: SectionId) -> impl Iterator<Item = (SectionId, &Section)> {
        self.sections
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.parent == Some(id))
    }

    pub(crate) fn index(&mut self) {
        self.table_index = self
            .tables
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
    }
}

impl Table {
    /// The part with this name (`收入`).
    pub fn part(&self, name: &str) -> Option<&Part> {
        self.parts.iter().find(|p| p.name.as_deref() == Some(name))
    }

    /// Every row of every part, with the part it belongs to.
    pub fn rows(&self) -> impl Iterator<Item = (&Part, &Row)> {
        self.parts
            .iter()
            .flat_map(|p| p.rows.iter().map(move |r| (p, r)))
    }

    /// The first row, in any part, whose 科目编码 is `code`.
    pub fn row_by_code(&self, code: &str) -> Option<(&Part, &Row)> {
        self.coded(code).first().map(|&at| self.at(at))
    }

    /// The first row, in any part, named `name`.
    pub fn row_by_name(&self, name: &str) -> Option<(&Part, &Row)> {
        self.called(name).first().map(|&at| self.at(at))
    }

    /// The part and row at a position.
    pub fn at(&self, (part, row): RowAt) -> (&Part, &Row) {
        let part = &self.parts[part];
        (part, &part.rows[row])
    }

    /// Where the rows coded `code` are, in table order (one, unless the report repeats a code).
    pub fn coded(&self, code: &str) -> &[RowAt] {
        let (codes, _) = self.index.keys(&self.parts);
        codes.get(code).map_or(&[], Vec::as_slice)
    }

    /// Where the rows named `name` (exactly) are, in table order.
    pub fn called(&self, name: &str) -> &[RowAt] {
        let (_, names) = self.index.keys(&self.parts);
        names.get(name).map_or(&[], Vec::as_slice)
    }

    /// Where the rows are whose code extends `code` by one level (two more characters: 30101
    /// and 30102 under 301), in table order.
    pub fn children(&self, code: &str) -> &[RowAt] {
        let children = self.index.children(&self.parts);
        children.get(code).map_or(&[], Vec::as_slice)
    }

    /// The row a text ends by naming, among the rows `keep` accepts: of the rows whose name
    /// (spaces ignored, half- and full-width brackets alike) ends the text, one with the longest
    /// name, the first in table order; with that name's length in characters. `其他商品和服务支出`
    /// finds 30299 其他商品和服务支出, not 302 商品和服务支出.
    pub fn named_by(&self, text: &str, keep: impl Fn(RowAt) -> bool) -> Option<(usize, RowAt)> {
        let (keys, longest) = self.index.name_keys(&self.parts);
        let key = name_key(text);
        // Where each suffix of the text's key starts, up to the longest name's length.
        let starts: Vec<usize> = key
            .char_indices()
            .rev()
            .map(|(i, _)| i)
            .take(*longest)
            .collect();
        // Longest first.
        starts.iter().enumerate().rev().find_map(|(len, &start)| {
            let rows = keys.get(&key[start..])?;
            rows.iter()
                .copied()
                .find(|&at| keep(at))
                .map(|at| (len + 1, at))
        })
    }

    /// Whether the table has no amount anywhere (an empty table, which must carry a note).
    pub fn has_no_data(&self) -> bool {
        self.rows()
            .all(|(_, r)| r.cells.iter().all(|c| c.amount().is_none()))
    }
}

impl Part {
    /// The index of the column with this header, or with this last segment when only one
    /// column has it (`小计` finds `本年支出/小计`). Failing that, the header as reports word it
    /// differently ([`header_key`]): `小计` finds `合计`, `因公出国(境)费` finds
    /// `因公出国（境）费`, `公务用车购置及运行费/小计` finds `公务用车购置及运行维护费/小计`.
    /// Failing that too, a group by its total: `预算数` finds `预算数/合计`.
    pub fn column(&self, header: &str) -> Option<usize> {
        if let Some(i) = self.columns.iter().position(|c| c.header == header) {
            return Some(i);
        }
        let only = |mut found: std::vec::IntoIter<usize>| match (found.next(), found.next()) {
            (Some(i), None) => Some(i),
            _ => None,
        };
        let by_leaf = |leaf: &dyn Fn(&Column) -> bool| {
            let found: Vec<usize> = (0..self.columns.len())
                .filter(|&i| leaf(&self.columns[i]))
                .collect();
            only(found.into_iter())
        };
        if let Some(i) = by_leaf(&|c| c.leaf() == header) {
            return Some(i);
        }
        let key = header_key(header);
        if let Some(i) = by_leaf(&|c| header_key(&c.header) == key) {
            return Some(i);
        }
        let leaf_key = header_key(header.rsplit('/').next().unwrap_or(header));
        if let Some(i) = by_leaf(&|c| header_key(c.leaf()) == leaf_key) {
            return Some(i);
        }
        // A group of columns by its total: `预算数` is `预算数/合计` when 预算数 is printed over
        // 合计, 基本支出 and 项目支出 (the 单位预算's 财务收支预算总表).
        by_leaf(&|c| {
            c.header.rsplit_once('/').is_some_and(|(group, leaf)| {
                header_key(group) == key && matches!(leaf, "合计" | "小计")
            })
        })
    }

    /// The cell at (`row`, `column`), or for a merged cell (`^`) the cell above it that it
    /// continues.
    pub fn resolve(&self, row: usize, column: usize) -> Option<&Cell> {
        (0..=row)
            .rev()
            .filter_map(|r| self.rows.get(r)?.cells.get(column))
            .find(|c| c.value != CellValue::Merged)
    }

    /// The cell of `row` in the column with this header.
    pub fn cell<'r>(&self, row: &'r Row, header: &str) -> Option<&'r Cell> {
        self.column(header).and_then(|i| row.cells.get(i))
    }
}

/// Where a row is in its table: its part's index and its index in the part.
pub type RowAt = (usize, usize);

/// Rows by a key.
type Rows = HashMap<String, Vec<RowAt>>;

/// A table's rows by code and by name, so that a rule evaluated for every row finds a row, its
/// children or a named row without scanning the table (which would make checking a report
/// quadratic in its size). Each map is built the first time it is asked for, once: a table no
/// rule looks into costs nothing. A table is not changed after it is parsed, so the maps stay
/// true.
#[derive(Clone, Default)]
pub(crate) struct RowIndex {
    /// Code → its rows, and name → its rows.
    keys: OnceLock<(Rows, Rows)>,
    /// Code → the rows whose code extends it by two characters.
    children: OnceLock<Rows>,
    /// [`name_key`] of a name → the rows so named; the longest key, in characters.
    name_keys: OnceLock<(Rows, usize)>,
}

/// What the index holds is the table's rows again: a table's `Debug` shows its rows, not the
/// index (which is built as rules ask, and whose maps have no fixed order).
impl std::fmt::Debug for RowIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RowIndex").finish_non_exhaustive()
    }
}

impl RowIndex {
    fn keys(&self, parts: &[Part]) -> &(Rows, Rows) {
        self.keys.get_or_init(|| {
            let (mut codes, mut names) = (Rows::new(), Rows::new());
            for (at, row) in positions(parts) {
                if let Some(code) = &row.code {
                    codes.entry(code.clone()).or_default().push(at);
                }
                if let Some(name) = &row.name {
                    names.entry(name.clone()).or_default().push(at);
                }
            }
            (codes, names)
        })
    }

    fn children(&self, parts: &[Part]) -> &Rows {
        self.children.get_or_init(|| {
            let mut children = Rows::new();
            for (at, row) in positions(parts) {
                let Some(code) = &row.code else { continue };
                if let Some(parent) = code.len().checked_sub(2).and_then(|n| code.get(..n)) {
                    children.entry(parent.to_string()).or_default().push(at);
                }
            }
            children
        })
    }

    fn name_keys(&self, parts: &[Part]) -> &(Rows, usize) {
        self.name_keys.get_or_init(|| {
            let (mut keys, mut longest) = (Rows::new(), 0);
            for (at, row) in positions(parts) {
                let Some(name) = &row.name else { continue };
                let key = name_key(name);
                if !key.is_empty() {
                    longest = usize::max(longest, key.chars().count());
                    keys.entry(key).or_default().push(at);
                }
            }
            (keys, longest)
        })
    }
}

/// Every row of these parts with its position, in table order.
fn positions(parts: &[Part]) -> impl Iterator<Item = (RowAt, &Row)> {
    parts.iter().enumerate().flat_map(|(p, part)| {
        part.rows
            .iter()
            .enumerate()
            .map(move |(r, row)| ((p, r), row))
    })
}

/// A row name as texts refer to it: spaces left out, half-width brackets read as full-width.
pub fn name_key(name: &str) -> String {
    name.chars().filter_map(name_char).collect()
}

/// A character of a row name as texts refer to it ([`name_key`]): none for a space, a
/// half-width bracket as the full-width one.
pub fn name_char(c: char) -> Option<char> {
    match c {
        c if c.is_whitespace() => None,
        '(' => Some('（'),
        ')' => Some('）'),
        c => Some(c),
    }
}

/// A column header as reports word it differently, reduced to one form: spaces gone, brackets
/// half-width, and the words that name the same column in different provinces' templates made
/// one (`合计` for `小计`, a group's total; `决算数` for `金额`; `运行费` for `运行维护费`), and
/// a year printed before a header left out (`2024年机关运行经费预算数`).
/// Each segment of a grouped header (`本年支出/小计`) is reduced alike.
pub fn header_key(header: &str) -> String {
    header
        .split('/')
        .map(|segment| {
            let s: String = segment
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| match c {
                    '（' => '(',
                    '）' => ')',
                    c => c,
                })
                .collect();
            let s = s.replace("运行维护费", "运行费");
            // The year a template prints before a header (`2024年机关运行经费预算数`).
            let s = match s.get(..7) {
                Some(year)
                    if year.ends_with('年') && year[..4].bytes().all(|b| b.is_ascii_digit()) =>
                {
                    s[7..].to_string()
                }
                _ => s,
            };
            match s.as_str() {
                "小计" => "合计".to_string(),
                "金额" => "决算数".to_string(),
                _ => s,
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}
