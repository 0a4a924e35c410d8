//! A whole report imported: the [`Document`] a reader made of the text, written as one `.fis`
//! source, each of its lines with the line of the text it came from.
//!
//! - **Cover**: what comes before the contents listing (or before the first heading) is the
//!   title, its lines joined (`**2021年度` / `株洲市荷塘区行政审批服务` / `局部门决算**`). The
//!   header takes from it the year and the kind (决算, 预算); the 部门 is the one the tables
//!   name, or the title's; the 地区 is the province the 部门's name places it in.
//! - **Contents**: the entries between `目录` and the body, which starts where the first entry
//!   is printed again.
//! - **Headings**: a part label printed alone (`第一部分`) takes the line after it as its title.
//!   Levels follow the numbering: a part is level 1, and each kind of numbering met below it
//!   (`一、`, `（一）`, `1.`) one level deeper than the last, until a kind met before comes back.
//!   In the attachments, a document's title (`…绩效自评报告`) and an attached table's label
//!   (`附件 1-1`) are one level below the part.
//! - **Tables** go where they are printed, read by the shape their id says.
//!
//! What cannot be told is a [`Warning`] on its lines, never a silent guess.

use super::attachments::is_self_evaluation;
use super::blocks::{Block, BlockKind};
use super::columns::unwrap_name;
use super::document::{tabbed, table_source, Document, Form, Warning};
use super::fis::Emitted;
use super::region::region_of;
use super::tables::RawTable;
use super::titles::table_id;
use crate::report::numbering;
use crate::text::{quote, squeeze};

/// A report imported from text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The form the text was in.
    pub form: Form,
    /// The report as `.fis` source.
    pub source: String,
    /// For each line of the source, the 1-based line of the text it was written from.
    pub origins: Vec<usize>,
    /// What the importer could not tell, on the text's lines, in order.
    pub warnings: Vec<Warning>,
    /// How many tables the reader found by their titles (each read or, if it could not be,
    /// left out with a warning).
    pub tables_found: usize,
}

/// Imports a report's text (already decoded).
pub fn import(text: &str) -> Imported {
    let form = Form::of(text);
    let document = match form {
        Form::Tabbed => tabbed(text),
        Form::Layout => super::layout::layout(text),
    };
    let mut imported = assemble(text, &document);
    imported.form = form;
    imported
}

/// The kinds of numbering, for heading levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `第一部分`.
    Part,
    /// A document of the attachments, or an attached table: `…自评报告`, `附件 1-1`.
    Document,
    /// `一、`.
    Chinese,
    /// `（一）`, `(一)`.
    ChineseBracketed,
    /// `1、`, `1.`.
    Arabic,
    /// `（1）`, `(1)`.
    ArabicBracketed,
}

fn style(numbering: &str) -> Style {
    let bracketed = numbering.starts_with(['（', '(']);
    let arabic = numbering
        .trim_start_matches(['（', '('])
        .starts_with(|c: char| c.is_ascii_digit());
    if numbering.starts_with('第') {
        Style::Part
    } else if numbering.starts_with("附件") {
        Style::Document
    } else {
        match (bracketed, arabic) {
            (false, false) => Style::Chinese,
            (true, false) => Style::ChineseBracketed,
            (false, true) => Style::Arabic,
            (true, true) => Style::ArabicBracketed,
        }
    }
}

/// Heading levels from the kinds of numbering met so far.
#[derive(Debug, Default)]
struct Levels {
    stack: Vec<Style>,
}

impl Levels {
    /// The level of a heading numbered in `style`.
    fn level(&mut self, style: Style) -> usize {
        match style {
            Style::Part => self.stack = vec![Style::Part],
            Style::Document => {
                self.stack.retain(|s| *s == Style::Part);
                self.stack.push(Style::Document);
            }
            _ => match self.stack.iter().position(|s| *s == style) {
                Some(at) => self.stack.truncate(at + 1),
                None => self.stack.push(style),
            },
        }
        self.stack.len().clamp(1, 6)
    }
}

/// Writes a document as a report.
pub fn assemble(text: &str, doc: &Document) -> Imported {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Emitted::default();
    let mut warnings = doc.warnings.clone();
    let blocks = &doc.blocks;
    let is_contents_title = |b: &Block| matches!(squeeze(&b.text).as_str(), "目录" | "目錄");
    let contents_at = blocks.iter().position(is_contents_title);
    // Without a contents listing, the cover is the short lines before the first heading or
    // sentence.
    let cover_end = contents_at.unwrap_or_else(|| {
        blocks
            .iter()
            .position(|b| {
                // A heading without numbering at the start is the cover's title, set large.
                (b.kind == BlockKind::Heading && numbering(&b.text).is_some())
                    || b.text.chars().count() > 40
                    || b.text.ends_with(['。', '：', ':'])
            })
            .unwrap_or(blocks.len())
    });
    let cover = &blocks[..cover_end];
    let (entries, body_start) = match contents_at {
        Some(at) => contents(&blocks[at + 1..], at + 1, &pages_of(&lines)),
        None => (Vec::new(), cover_end),
    };
    let kind = header(cover, doc, &mut out, &mut warnings);
    if let Some(at) = contents_at {
        out.line(
            blocks[at].lines.start,
            &format!("contents {} {{", squeeze(&blocks[at].text)),
        );
        for e in &entries {
            let level = if style_of(&e.text) == Some(Style::Part) {
                1
            } else {
                2
            };
            out.line(
                e.lines.start,
                &format!("  {} {}", "#".repeat(level), entry_text(&e.text)),
            );
        }
        out.line(
            entries
                .last()
                .map_or(blocks[at].lines.start, |e| e.lines.start),
            "}",
        );
    }
    body(&blocks[body_start..], doc, &lines, &mut out, &mut warnings);
    if kind.ends_with("决算") {
        let listed = contents_at.map(|at| at + 1..at + 1 + entries.len());
        unfound_tables(doc, listed, &mut out);
    }
    warnings.sort_by_key(|w| w.lines.start);
    Imported {
        form: Form::Tabbed,
        source: out.text,
        origins: out.origins,
        warnings,
        tables_found: doc.tables.len(),
    }
}

/// The kind of numbering a text starts with.
fn style_of(text: &str) -> Option<Style> {
    numbering(text).map(|n| style(&n))
}

/// A contents entry's text: without its listing bullet.
fn entry_text(text: &str) -> &str {
    text.trim_start_matches("- ").trim()
}

/// The contents entries (the blocks after `目录`), and the index of the block the body starts
/// at: where the first entry's numbering is printed again.
fn contents<'a>(after: &'a [Block], offset: usize, pages: &[usize]) -> (Vec<&'a Block>, usize) {
    // Entries printed with leaders to their page (`一、部门主要职能 ……… 3`) are the listing, to
    // the first block without them: the body's headings need not repeat the entries' numbering
    // (a 预算's `上海市某局主要职能` under the listing's `一、部门主要职能`).
    let leaders = |b: &Block| b.text.contains("……") || b.text.contains("....");
    if after.first().is_some_and(leaders) {
        let end = after
            .iter()
            .position(|b| !leaders(b))
            .unwrap_or(after.len());
        return (after[..end].iter().collect(), offset + end);
    }
    let first = after.iter().find_map(|b| numbering(entry_text(&b.text)));
    let again = first.and_then(|n| {
        after
            .iter()
            .skip(1)
            .position(|b| b.kind != BlockKind::ListItem && numbering(&b.text) == Some(n.clone()))
            .map(|p| p + 1)
    });
    // The listing ends on its pages: a block on a later page without numbering (the body's
    // first heading, `上海市某局主要职能`) is no entry.
    let listed_page = after.first().map(|b| page_of(pages, b.lines.start));
    let new_page = after.iter().position(|b| {
        Some(page_of(pages, b.lines.start)) != listed_page && numbering(&b.text).is_none()
    });
    let end = match (again, new_page) {
        (Some(a), Some(n)) => a.min(n),
        (a, n) => a.or(n).unwrap_or(0),
    };
    (after[..end].iter().collect(), offset + end)
}

/// For each line of a text (0-based), the page it is on: a form feed opens each page after the
/// first (one page for a text without form feeds).
fn pages_of(lines: &[&str]) -> Vec<usize> {
    let mut page = 1;
    lines
        .iter()
        .map(|l| {
            if l.contains('\u{c}') {
                page += 1;
            }
            page
        })
        .collect()
}

/// The page of a 1-based line.
fn page_of(pages: &[usize], line: usize) -> usize {
    pages
        .get(line.saturating_sub(1))
        .or(pages.last())
        .copied()
        .unwrap_or(1)
}

/// The `report` block: kind, title, 部门, year, unit and region, from the cover and the tables.
/// Writes the report block from the cover; the kind of report it says (`决算` or `预算`).
fn header(
    cover: &[Block],
    doc: &Document,
    out: &mut Emitted,
    warnings: &mut Vec<Warning>,
) -> &'static str {
    let at = cover.first().map_or(1, |b| b.lines.start);
    let cover_lines = at..cover.last().map_or(at + 1, |b| b.lines.end);
    let title = unwrap_name(
        &cover
            .iter()
            .map(|b| b.text.trim_matches(['*', '#', ' ']))
            .collect::<Vec<_>>()
            .join(""),
    );
    // A 单位's own report says so (`2026年区级单位预算`); a 部门's is written without the word.
    let unit_report = title.contains("单位预算") || title.contains("单位决算");
    let kind = if title.contains("预算") && !title.contains("决算") {
        if unit_report {
            "单位预算"
        } else {
            "预算"
        }
    } else {
        if !title.contains("决算") {
            warnings.push(Warning {
                lines: cover_lines.clone(),
                message: "封面标题未写明“决算”或“预算”，已按部门决算读入".to_string(),
            });
        }
        if unit_report {
            "单位决算"
        } else {
            "决算"
        }
    };
    let department = most_common(doc.tables.iter().filter_map(|t| t.department.clone()))
        .or_else(|| department_of(&title));
    // The year the title names, else the first the text names (`2021年度收入合计…`).
    let year = year_of(&title).or_else(|| doc.blocks.iter().find_map(|b| year_of(&b.text)));
    let unit = most_common(
        doc.tables
            .iter()
            .filter_map(|t| t.unit.as_deref().map(squeeze)),
    );
    let region = department
        .as_deref()
        .and_then(region_of)
        .or_else(|| region_of(&title));
    out.line(at, &format!("report {kind} {{"));
    if !title.is_empty() {
        out.line(at, &format!("  标题 = {}", quote(&title)));
    }
    match &department {
        Some(d) => out.line(at, &format!("  部门 = {}", quote(d))),
        None => {
            out.line(at, &format!("  部门 = {}", quote(UNKNOWN_DEPARTMENT)));
            warnings.push(Warning {
                lines: cover_lines.clone(),
                message: format!(
                    "未能从封面或表格读出部门名称，已暂记为“{UNKNOWN_DEPARTMENT}”，请在 report 块中写明 部门"
                ),
            });
        }
    }
    match year {
        Some(y) => out.line(at, &format!("  年度 = {y}")),
        None => warnings.push(Warning {
            lines: cover_lines.clone(),
            message: "未能从封面标题读出年度，请在 report 块中写明 年度".to_string(),
        }),
    }
    match unit.as_deref() {
        Some(u @ ("万元" | "元")) => out.line(at, &format!("  单位 = {u}")),
        _ => {
            out.line(at, "  单位 = 万元");
            warnings.push(Warning {
                lines: cover_lines.clone(),
                message: "表格未注明金额单位，已按万元读入，请核对".to_string(),
            });
        }
    }
    match region {
        Some(r) => out.line(at, &format!("  地区 = {r}")),
        None => {
            out.line(at, &format!("  地区 = {UNKNOWN_REGION}"));
            warnings.push(Warning {
                lines: cover_lines,
                message: format!(
                    "未能从部门名称判断所属省份，已记为“{UNKNOWN_REGION}”（按全国通用规则检查），请在 report 块中写明 地区"
                ),
            });
        }
    }
    out.line(at, "}");
    kind
}

/// The nine tables of a 部门决算 that the text names but no table was read for, or that a text
/// without a contents listing never shows, each written as found but not read (`未读取`): the
/// reader may have missed it, so no rule calls it missing, and the table's `import/unchecked`
/// notice says it was not found and which rules could not be checked. A table the report's own contents listing leaves out, and no
/// heading names, is not written: the report lacks it (`缺少表`). `listed` is the blocks of the
/// listing, when there is one.
fn unfound_tables(doc: &Document, listed: Option<std::ops::Range<usize>>, out: &mut Emitted) {
    let found: Vec<&str> = doc.tables.iter().map(|t| t.id.as_str()).collect();
    let last = doc.blocks.last().map_or(1, |b| b.lines.start);
    for (id, standard) in super::titles::STANDARD {
        if found.contains(&id) {
            continue;
        }
        // The first block whose text is this table's title: an entry of the listing (its
        // leader dots and page number aside), or a heading of the body.
        let named = doc.blocks.iter().enumerate().find_map(|(i, b)| {
            let title = without_leaders(entry_text(&b.text));
            (table_id(title) == Some(id)).then_some((i, title, b.lines.start))
        });
        let (reason, title, at) = match (named, &listed) {
            (Some((i, title, at)), Some(listing)) if listing.contains(&i) => {
                ("目录列有此表，但正文中未能找到".to_string(), title, at)
            }
            (Some((_, title, at)), _) => (
                format!("正文第 {at} 行有此表的标题，但未能读出表格"),
                title,
                at,
            ),
            (None, None) => (
                "正文中未能找到此表；报告没有目录，无法确认是否缺少".to_string(),
                standard,
                last,
            ),
            (None, Some(_)) => continue,
        };
        let title = crate::report::numbering(title).map_or(title, |n| title[n.len()..].trim());
        out.line(at, &format!("table {id} {} {{", quote(title)));
        out.line(at, &format!("  未读取 = {}", quote(&reason)));
        out.line(at, "}");
    }
}

/// A contents entry's title without its leader dots and page number (`五、支出决算表 …… 7`).
fn without_leaders(text: &str) -> &str {
    let cut = text
        .char_indices()
        .find(|&(i, c)| {
            c == '…'
                || c == '·'
                || ((c == '.' || c == '．') && text[i + c.len_utf8()..].starts_with(c))
        })
        .map_or(text.len(), |(i, _)| i);
    text[..cut].trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace())
}

/// The 部门 written when the text names none: plainly a placeholder, with a warning.
const UNKNOWN_DEPARTMENT: &str = "（未能识别）";

/// The 地区 written when no province can be told: no provincial pack applies to it.
const UNKNOWN_REGION: &str = "未知";

/// The value given most often (the first of those tied).
fn most_common(values: impl Iterator<Item = String>) -> Option<String> {
    let values: Vec<String> = values.collect();
    let count = |v: &String| values.iter().filter(|x| *x == v).count();
    values
        .iter()
        .fold(None, |best: Option<&String>, v| match best {
            Some(b) if count(b) >= count(v) => Some(b),
            _ => Some(v),
        })
        .cloned()
}

/// The year a title names: `2021年度…` → 2021.
fn year_of(title: &str) -> Option<u32> {
    let t = squeeze(title);
    let bytes = t.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let digits = bytes.get(i..i + 4)?;
        let before = i.checked_sub(1).map(|b| bytes[b]);
        let fits = digits.iter().all(u8::is_ascii_digit)
            && !before.is_some_and(|b| b.is_ascii_digit())
            && t[i + 4..].starts_with('年');
        fits.then(|| t[i..i + 4].parse().ok()).flatten()
    })
}

/// The department a title names: the title without its year and its `部门决算`.
fn department_of(title: &str) -> Option<String> {
    let t = squeeze(title);
    // A cover naming it after a label: `预算主管部门：上海市普陀区司法局`, `预算单位：…`.
    for label in [
        "预算主管部门：",
        "主管部门：",
        "预算单位：",
        "部门名称：",
        "单位名称：",
    ] {
        if let Some((_, name)) = t.split_once(label) {
            if !name.is_empty() {
                return Some(name.to_string());
            }
        }
    }
    let year = year_of(&t).map(|y| y.to_string());
    let mut name = t.clone();
    if let Some(y) = year {
        for form in [format!("{y}年度"), format!("{y}年")] {
            name = name.replacen(&form, "", 1);
        }
    }
    for tail in ["部门决算", "部门预算", "决算", "预算"] {
        if let Some(n) = name.strip_suffix(tail) {
            name = n.to_string();
            break;
        }
    }
    (!name.is_empty()).then_some(name)
}

/// What the body is made of, in the order printed.
enum Item<'a> {
    Block(&'a Block),
    Table(&'a RawTable),
}

fn start(item: &Item<'_>) -> usize {
    match item {
        Item::Block(b) => b.lines.start,
        Item::Table(t) => t.lines.start,
    }
}

/// The body: headings, paragraphs and tables in the order printed.
fn body(
    blocks: &[Block],
    doc: &Document,
    lines: &[&str],
    out: &mut Emitted,
    warnings: &mut Vec<Warning>,
) {
    let from = blocks.first().map_or(usize::MAX, |b| b.lines.start);
    let mut items: Vec<Item<'_>> = blocks.iter().map(Item::Block).collect();
    items.extend(
        doc.tables
            .iter()
            .filter(|t| t.lines.start >= from || blocks.is_empty())
            .map(Item::Table),
    );
    items.sort_by_key(start);
    let mut levels = Levels::default();
    let mut k = 0;
    while k < items.len() {
        match &items[k] {
            Item::Table(t) => table(t, lines, &mut levels, out, warnings),
            Item::Block(b) => {
                let next = match items.get(k + 1) {
                    Some(Item::Block(n)) => Some(*n),
                    _ => None,
                };
                if heading(b, next, &mut levels, out) {
                    k += 1;
                }
            }
        }
        k += 1;
    }
}

/// Writes a heading or a paragraph; whether it took the next block as its title (a part label
/// printed alone).
fn heading(b: &Block, next: Option<&Block>, levels: &mut Levels, out: &mut Emitted) -> bool {
    let at = b.lines.start;
    let n = numbering(&b.text);
    // A part label alone (`第一部分`) takes the next line, unnumbered and short, as its title.
    if let (Some(n), Some(next)) = (&n, next) {
        let alone = squeeze(&b.text) == squeeze(n);
        let title_like = numbering(&next.text).is_none()
            && next.text.chars().count() <= 40
            && !next.text.ends_with(['。', '；', '：']);
        if alone && style(n) == Style::Part && title_like {
            let level = levels.level(Style::Part);
            let title = unwrap_name(&next.text);
            out.line(at, &format!("{} {} {title}", "#".repeat(level), n));
            return true;
        }
    }
    match (b.kind, &n) {
        (BlockKind::Heading, Some(n)) => {
            let level = levels.level(style(n));
            out.line(at, &format!("{} {}", "#".repeat(level), b.text));
        }
        // Marked a heading but unnumbered (`## 名词解释` in a converter's markdown), or a
        // document's title.
        (BlockKind::Heading, None) => {
            let level = levels.level(Style::Document);
            out.line(at, &format!("{} {}", "#".repeat(level), b.text));
        }
        _ if is_document_title(b) => {
            let level = levels.level(Style::Document);
            out.line(at, &format!("{} {}", "#".repeat(level), b.text));
        }
        _ => out.line(at, &paragraph(&b.text)),
    }
    false
}

/// A document's own title among the attachments: short, unnumbered, no sentence, and named a
/// report (`2021 年度部门整体支出绩效自评报告`).
fn is_document_title(b: &Block) -> bool {
    b.kind == BlockKind::Paragraph
        && b.text.chars().count() <= 40
        && numbering(&b.text).is_none()
        && b.text.ends_with("报告")
}

/// A paragraph line: escaped when it starts like something else.
fn paragraph(text: &str) -> String {
    let risky = ["#", "//", "\\", "}"].iter().any(|p| text.starts_with(p))
        || ["report", "contents", "table"].iter().any(|k| {
            text.strip_prefix(k)
                .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t', '{']))
        });
    if risky {
        format!("\\{text}")
    } else {
        text.to_string()
    }
}

/// Writes a table, an attached one under a heading of its label (`附件 1-1`).
fn table(
    t: &RawTable,
    lines: &[&str],
    levels: &mut Levels,
    out: &mut Emitted,
    warnings: &mut Vec<Warning>,
) {
    if is_self_evaluation(t) {
        // The label line printed before the title (`附件 1-1`) heads the table.
        let label = lines
            .get(t.lines.start.wrapping_sub(1))
            .map(|l| l.trim())
            .filter(|l| l.starts_with("附件"));
        if let Some(label) = label {
            let level = levels.level(Style::Document);
            out.line(t.lines.start, &format!("{} {label}", "#".repeat(level)));
        }
    }
    match table_source(t) {
        Some((mut emitted, found)) => {
            // A row a warning is about (its cells' places guessed) is written with its figures
            // marked `?`: no finding may rest on them.
            let unsure: Vec<usize> = warnings
                .iter()
                .chain(&found)
                .map(|w| w.lines.start)
                .filter(|l| t.lines.contains(l))
                .collect();
            mark_uncertain(&mut emitted, &unsure);
            // A line with figures a warning is about that no row was written from (figures
            // without a code): the table lacks a row, which it says, so that no sum over its
            // rows is taken for checked.
            let mut dropped: Vec<usize> = unsure
                .iter()
                .copied()
                .filter(|l| !emitted.origins.contains(l))
                .filter(|&l| {
                    lines.get(l.wrapping_sub(1)).is_some_and(|text| {
                        text.split_whitespace().any(|w| {
                            crate::import::compact_figure(w)
                                .is_some_and(|f| f.chars().any(|c| c.is_ascii_digit()))
                        })
                    })
                })
                .collect();
            dropped.sort_unstable();
            dropped.dedup();
            if !dropped.is_empty() {
                missing_rows(&mut emitted, &dropped);
            }
            out.append(emitted);
            warnings.extend(found);
        }
        None => {
            // The table is there: written as found but not read, so that no rule calls it
            // missing and every rule about it says it could not be checked.
            out.line(
                t.lines.start,
                &format!("table {} {} {{", t.id, quote(&t.title)),
            );
            out.line(t.lines.start, "  未读取 = \"未能读出表格结构\"");
            out.line(t.lines.start, "}");
            warnings.push(Warning {
                lines: t.lines.clone(),
                message: format!(
                    "未能读出表 {}（{}）的结构，已记为未读取，请核对此表或手工录入",
                    t.id, t.title
                ),
            })
        }
    }
}

/// Writes `缺行 = "原文第 N、M 行有数字未能读入"` as the table's first attribute, from the first
/// of those lines.
fn missing_rows(emitted: &mut Emitted, dropped: &[usize]) {
    let Some(end) = emitted.text.find('\n') else {
        return;
    };
    let numbers: Vec<String> = dropped.iter().map(usize::to_string).collect();
    let attribute = format!(
        "  缺行 = {}\n",
        quote(&format!("原文第 {} 行有数字未能读入", numbers.join("、")))
    );
    emitted.text.insert_str(end + 1, &attribute);
    emitted
        .origins
        .insert(1.min(emitted.origins.len()), dropped[0]);
}

/// Marks `?` every figure and blank of the rows of a table's source written from one of the
/// text's `lines`: the cells after its leading columns (codes and names: a header ending in
/// 编码 or 名称, or 项目), as the `columns` line above the row says.
fn mark_uncertain(emitted: &mut Emitted, lines: &[usize]) {
    if lines.is_empty() {
        return;
    }
    let mut leading = 0;
    let mut text = String::with_capacity(emitted.text.len());
    for (line, &origin) in emitted.text.lines().zip(&emitted.origins) {
        let body = line.trim_start();
        if let Some(headers) = body.strip_prefix("columns ") {
            leading = headers
                .split(" | ")
                .take_while(|h| h.ends_with("编码") || h.ends_with("名称") || *h == "项目")
                .count();
        }
        let row = !["columns ", "note ", "part ", "table ", "}", "//"]
            .iter()
            .any(|k| body.starts_with(k))
            && !body.contains(" = ")
            && body.contains(" | ");
        if row && lines.contains(&origin) {
            let indent = &line[..line.len() - body.len()];
            let cells: Vec<String> = body
                .split(" | ")
                .enumerate()
                .map(|(i, c)| {
                    let value = c == "-" || crate::import::compact_figure(c).is_some();
                    if i >= leading && value && !c.ends_with('?') {
                        format!("{c}?")
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            text.push_str(indent);
            text.push_str(&cells.join(" | "));
        } else {
            text.push_str(line);
        }
        text.push('\n');
    }
    emitted.text = text;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_a_warning_is_about_have_their_figures_marked_uncertain() {
        let mut emitted = Emitted::default();
        for (origin, line) in [
            (5, "table 05 \"一般公共预算财政拨款支出决算表\" {"),
            (6, "  单位 = 万元"),
            (
                7,
                "  columns 功能分类科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出",
            ),
            (8, "  201 | 一般公共服务支出 | 10.00 | 4.00 | 6.00"),
            (9, "  2010101 | 行政运行 | 4.00 | 4.00 | -"),
            (10, "  note 注：本表反映……"),
            (10, "}"),
        ] {
            emitted.line(origin, line);
        }
        mark_uncertain(&mut emitted, &[9, 10, 6]);
        let lines: Vec<&str> = emitted.text.lines().collect();
        // Only the row the warning is on; its code and name stay as they are.
        assert_eq!(lines[3], "  201 | 一般公共服务支出 | 10.00 | 4.00 | 6.00");
        assert_eq!(lines[4], "  2010101 | 行政运行 | 4.00? | 4.00? | -?");
        assert_eq!(lines[1], "  单位 = 万元");
        assert_eq!(lines[5], "  note 注：本表反映……");
        let parsed = crate::report::parse(&format!(
            "report 决算 {{ 部门 = \"某局\"  年度 = 2021  单位 = 万元  地区 = 湖南 }}\n{}",
            emitted.text
        ));
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let row = &parsed.report.tables[0].parts[0].rows[1];
        let unsure: Vec<bool> = row.cells.iter().map(|c| c.uncertain).collect();
        assert_eq!(unsure, [false, false, true, true, true]);
    }

    #[test]
    fn heading_levels_follow_the_kinds_of_numbering() {
        let mut l = Levels::default();
        let got: Vec<usize> = [
            Style::Part,
            Style::Chinese,
            Style::ChineseBracketed,
            Style::Arabic,
            Style::Chinese,
            Style::ChineseBracketed,
            Style::Part,
            Style::Document,
            Style::Chinese,
            Style::Document,
        ]
        .into_iter()
        .map(|s| l.level(s))
        .collect();
        assert_eq!(got, [1, 2, 3, 4, 2, 3, 1, 2, 3, 2]);
    }

    #[test]
    fn a_budget_cover_names_its_department_after_a_label_and_a_unit_says_so() {
        for (title, department) in [
            (
                "上海市普陀区2026年区级部门预算预算主管部门：上海市普陀区司法局",
                "上海市普陀区司法局",
            ),
            (
                "上海市普陀区2026年区级单位预算预算单位：上海市普陀区司法局",
                "上海市普陀区司法局",
            ),
        ] {
            assert_eq!(department_of(title).as_deref(), Some(department), "{title}");
        }
        let imported = import(
            "上海市普陀区2026年区级单位预算\n\n预算单位：上海市普陀区司法局\n\n一、单位主要职能\n\n负责全区的司法行政工作。\n",
        );
        assert!(
            imported.source.starts_with("report 单位预算 {\n"),
            "{}",
            imported.source
        );
        assert!(imported
            .source
            .contains("  部门 = \"上海市普陀区司法局\"\n"));
    }

    #[test]
    fn the_cover_gives_year_department_and_region() {
        assert_eq!(
            year_of("2021年度株洲市荷塘区行政审批服务局部门决算"),
            Some(2021)
        );
        assert_eq!(
            year_of("中共上海市普陀区委社会工作部 2024 年度部门决算"),
            Some(2024)
        );
        assert_eq!(year_of("某局部门决算"), None);
        assert_eq!(
            department_of("中共上海市普陀区委社会工作部 2024 年度部门决算").as_deref(),
            Some("中共上海市普陀区委社会工作部")
        );
    }

    #[test]
    fn paragraphs_that_start_like_something_else_are_escaped() {
        assert_eq!(paragraph("# 不是标题"), "\\# 不是标题");
        assert_eq!(paragraph("table 1 shows"), "\\table 1 shows");
        assert_eq!(paragraph("tables"), "tables");
        assert_eq!(paragraph("一段话。"), "一段话。");
    }

    #[test]
    fn a_small_report_is_imported_whole() {
        let text = "**2021年度\n某市某区\n某局部门决算**\n\n目录\n\n第一部分单位概况\n\n- 一、部门职责\n\n\
第一部分\n\n单位 概况\n\n一、部门职责\n\n负责全区的某项工作。\n\n";
        let imported = import(text);
        let expected = "report 决算 {\n  标题 = \"2021年度某市某区某局部门决算\"\n  部门 = \"某市某区某局\"\n  年度 = 2021\n  单位 = 万元\n  地区 = 未知\n}\n\
contents 目录 {\n  # 第一部分单位概况\n  ## 一、部门职责\n}\n# 第一部分 单位概况\n## 一、部门职责\n负责全区的某项工作。\n";
        assert_eq!(imported.source, expected);
        assert_eq!(imported.origins.len(), imported.source.lines().count());
        // No tables give the unit, and no place names the province: both said, on the cover.
        let messages: Vec<&str> = imported
            .warnings
            .iter()
            .map(|w| w.message.as_str())
            .collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(imported.warnings.iter().all(|w| w.lines == (1..4)));
    }
}

#[cfg(test)]
mod seed {
    use serde_json::Value;

    /// A report's tree as JSON, without the lines its elements were on.
    fn tree(source: &str) -> Value {
        fn strip(v: &mut Value) {
            match v {
                Value::Object(map) => {
                    map.remove("line");
                    map.remove("lines");
                    map.values_mut().for_each(strip);
                }
                Value::Array(items) => items.iter_mut().for_each(strip),
                _ => {}
            }
        }
        let parsed = crate::report::parse(source);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let mut v = crate::report::to_json(&parsed.report, source);
        strip(&mut v);
        v
    }

    /// The seed's text, imported, is the hand-checked fixture: header, contents, every heading
    /// and paragraph, every table cell by cell.
    #[test]
    fn the_seed_imports_as_the_fixture() {
        let Some(seed) = crate::import::shared_report("000_1f0f530592110c3b.txt") else {
            return;
        };
        let fixture = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/reports/hetang-2021.fis"
        ))
        .unwrap();
        let imported = super::import(&seed);
        let (ours, theirs) = (tree(&imported.source), tree(&fixture));
        let (Value::Object(ours), Value::Object(theirs)) = (&ours, &theirs) else {
            panic!("a tree is an object");
        };
        for (key, expected) in theirs {
            let got = &ours[key];
            if let (Value::Array(got), Value::Array(expected)) = (got, expected) {
                for (i, (g, e)) in got.iter().zip(expected).enumerate() {
                    assert_eq!(g, e, "{key}[{i}]");
                }
                assert_eq!(got.len(), expected.len(), "{key}");
            } else {
                assert_eq!(got, expected, "{key}");
            }
        }
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    }
}
