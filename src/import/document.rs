//! A report's text read into its pieces, whatever form the text is in: the blocks outside the
//! tables (headings, paragraphs, listing items) and the tables as printed. Two readers make a
//! [`Document`]: one for text extracted with tabs between cells and a line per paragraph (the
//! seed's form), one for `pdftotext -layout` text (columns aligned with spaces, prose wrapped,
//! pages separated by form feeds). What comes after (tables into columns, the `.fis` source) is
//! the same for both.

use std::ops::Range;

use super::blocks::{blocks, Block, BlockKind};
use super::columns::{code_groups, code_table, column_groups, halves_table, settle};
use super::fis::{code_table_source, figures_table_source, halves_table_source, Emitted};
use super::tables::{raw_tables, RawTable};

/// A report's text read into blocks and tables.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The headings, paragraphs and listing items outside the tables, in order.
    pub blocks: Vec<Block>,
    /// The tables, in order, each with the lines it spans.
    pub tables: Vec<RawTable>,
    /// What the reader could not tell, each on the lines it is about.
    pub warnings: Vec<Warning>,
}

/// Something the importer could not tell for sure, located on the text's lines: the user should
/// look there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The 1-based lines it is about.
    pub lines: Range<usize>,
    /// What, in words for the user (Chinese).
    pub message: String,
}

/// The form an extracted text is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Tables as tab-separated rows, a paragraph per line (text copied out of a PDF viewer, or
    /// converted by tools that keep table cells apart).
    Tabbed,
    /// `pdftotext -layout`: columns aligned with spaces, prose wrapped at the page's width,
    /// pages separated by form feeds.
    Layout,
}

impl Form {
    /// The form's name, as users know it.
    pub fn name(self) -> &'static str {
        match self {
            Form::Tabbed => "制表符分隔的文本",
            Form::Layout => "pdftotext -layout 文本",
        }
    }

    /// The form of a text: tabs between cells make it [`Form::Tabbed`]; otherwise form feeds, or
    /// lines with runs of spaces between their words, make it [`Form::Layout`].
    pub fn of(text: &str) -> Form {
        let mut tabbed = 0usize;
        let mut aligned = 0usize;
        for line in text.lines() {
            let line = line.trim();
            if line.contains('\t') {
                tabbed += 1;
            } else if line.contains("   ") {
                aligned += 1;
            }
        }
        if tabbed > 0 && tabbed >= aligned / 4 {
            Form::Tabbed
        } else if text.contains('\u{c}') || aligned > 0 {
            Form::Layout
        } else {
            Form::Tabbed
        }
    }
}

/// Reads a text in the tabbed form.
pub fn tabbed(text: &str) -> Document {
    let all = blocks(text);
    let tables = raw_tables(&all);
    let inside = |b: &Block| {
        tables
            .iter()
            .any(|t| t.lines.start <= b.lines.start && b.lines.start < t.lines.end)
    };
    let blocks = all
        .into_iter()
        .filter(|b| b.kind != BlockKind::TableRow && !inside(b))
        .collect();
    Document {
        blocks,
        tables,
        warnings: Vec::new(),
    }
}

/// A table as `.fis` source, read into columns by the shape its id says it is printed in (01
/// and 04 as halves side by side, 06 as groups of 科目, 07 as column groups, the others as 科目
/// tables), with what could not be told for sure. `None` when the table is not printed in a
/// shape the importer knows.
pub fn table_source(raw: &RawTable) -> Option<(Emitted, Vec<Warning>)> {
    // A row without a single cell (a reader can leave one) carries nothing; the readers of
    // shapes below may take every row to have a first cell.
    if raw.rows.iter().any(Vec::is_empty) {
        let mut kept = raw.clone();
        let (rows, lines): (Vec<Vec<String>>, Vec<usize>) = raw
            .rows
            .iter()
            .zip(&raw.row_lines)
            .filter(|(r, _)| !r.is_empty())
            .map(|(r, &l)| (r.clone(), l))
            .unzip();
        kept.rows = rows;
        kept.row_lines = lines;
        return table_source(&kept);
    }
    if super::attachments::is_self_evaluation(raw) {
        return super::attachments::self_evaluation_source(raw);
    }
    let mut warnings = Vec::new();
    let emitted = match raw.id.as_str() {
        "01" | "04" => halves_table_source(raw, &halves_table(raw)?),
        "06" if !one_header(raw) => halves_table_source(raw, &code_groups(raw)?),
        "07" if one_header(raw) && figures_below(raw) => figures_table_source(raw),
        "07" => code_table_source(raw, &column_groups(raw)?),
        _ => {
            let mut table = code_table(raw)?;
            for s in settle(&mut table) {
                if !s.decided {
                    warnings.push(Warning {
                        lines: s.line..s.line + 1,
                        message: s.message,
                    });
                }
            }
            code_table_source(raw, &table)
        }
    };
    Some((emitted, warnings))
}

/// Whether a table's rows start with its one header row, every column's header a path
/// (`收入预算/合计`), as a budget's tables read from their ruling do: the first row has no empty
/// cell and no header twice, and the second is data (a code or `合计` first, or figures only).
fn one_header(raw: &RawTable) -> bool {
    let Some(first) = raw.rows.first() else {
        return false;
    };
    let data = |r: &Vec<String>| {
        r.first()
            .is_some_and(|c| super::columns::is_code(c) || crate::text::squeeze(c) == "合计")
            || figures_only(r)
    };
    // Each header once: a row of headers repeated (06's groups side by side) is no path row.
    let unique = first
        .iter()
        .enumerate()
        .all(|(i, h)| !first[..i].contains(h));
    !first.is_empty()
        && unique
        && first.iter().all(|c| !c.trim().is_empty())
        && first
            .iter()
            .all(|c| super::number::compact_figure(c).is_none())
        && raw.rows.get(1).is_none_or(data)
}

/// Whether every row after the first holds figures only (blank cells allowed), and one does.
fn figures_below(raw: &RawTable) -> bool {
    raw.rows.len() > 1 && raw.rows[1..].iter().all(|r| figures_only(r))
}

fn figures_only(r: &[String]) -> bool {
    r.iter().any(|c| !c.trim().is_empty())
        && r.iter()
            .all(|c| c.trim().is_empty() || super::number::compact_figure(c).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_is_told_by_tabs_or_aligned_columns() {
        assert_eq!(Form::of("合计\t\t1,022.32\n一段文字。\n"), Form::Tabbed);
        assert_eq!(
            Form::of("一、一般公共预算财政拨款收入     307.82   一、一般公共服务支出   264.87\n"),
            Form::Layout
        );
        assert_eq!(Form::of("第一页\u{c}第二页\n"), Form::Layout);
        assert_eq!(Form::of("只有一段文字。\n"), Form::Tabbed);
    }

    #[test]
    fn the_tabbed_form_keeps_table_rows_out_of_the_blocks() {
        let text = "一、收入决算情况说明\n\n本年收入合计 10 万元。\n\n收入决算表\n\n公开 02 表\n单位：万元\n\n\
功能分类科目编码\t科目名称\t本年收入合计\n合计\t\t10\n\n注：本表反映收入。\n\n二、支出决算情况说明\n";
        let doc = tabbed(text);
        let kinds: Vec<(BlockKind, &str)> = doc
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::Heading, "一、收入决算情况说明"),
                (BlockKind::Paragraph, "本年收入合计 10 万元。"),
                (BlockKind::Heading, "二、支出决算情况说明"),
            ]
        );
        assert_eq!(doc.tables.len(), 1);
        let (emitted, warnings) = table_source(&doc.tables[0]).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(emitted.text.lines().count(), emitted.origins.len());
        assert!(emitted.text.starts_with("table 02 \"收入决算表\" {\n"));
        // The 合计 row is written from line 11 of the text.
        let total = emitted
            .text
            .lines()
            .position(|l| l.ends_with("| 10"))
            .unwrap();
        assert_eq!(emitted.origins[total], 11);
    }
}
