//! Reports read from the PDF itself, with no program but fislint: the pages interpreted into
//! glyphs with their boxes (`glyphs`, through hayro-interpret), the glyphs grouped into printed
//! lines and written as text in the layout form (`lines`), which the layout reader then reads
//! as it reads `pdftotext -layout` text. The text is what findings are shown on; each of its
//! characters keeps the page and box it was printed at.

mod budget;
mod budget_tables;
mod glyphs;
mod lines;
mod ruled;

pub use budget::{inflated_size, scan, Scan, MAX_DEPTH, MAX_INFLATED, MAX_OBJECTS, MAX_OPERATORS};
pub use glyphs::{
    cut_short, read_pages, read_pages_within, Glyph, Page, PdfError, Segment, MAX_GLYPHS, MAX_PAGES,
};
pub use lines::{printed_lines, reconstruct, PrintedLine, Reconstructed, TextLine};
pub use ruled::{attachment_tables, grid, Grid};

use std::collections::HashSet;

use super::layout::Ruling;
use super::{assemble, layout_at, Form, Imported, Printed};

/// A PDF read: its text, where each line of it was printed, and the report imported from it.
#[derive(Debug, Clone)]
pub struct ReadPdf {
    /// The pages written as text (the layout form), with each line's page and boxes.
    pub reconstructed: Reconstructed,
    /// How many pages it has.
    pub pages: usize,
    /// Characters without a Unicode mapping, which show as `\u{FFFD}`.
    pub unmapped: usize,
    /// The report imported from the text.
    pub imported: Imported,
    /// What is wrong with the PDF itself, each on the line of the text it is about.
    pub faults: Vec<Fault>,
}

/// A fault of the PDF itself, which a reader of the published file sees (or fails to see),
/// whatever the report says: characters that cannot display, text drawn where it is cut off, a
/// page with nothing on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// `pdf/unmapped-glyph`, `pdf/unloaded-font`, `pdf/cut-text`, `pdf/hidden-text`,
    /// `pdf/empty-page`.
    pub code: &'static str,
    /// The 1-based line of the reconstructed text it is shown on.
    pub line: usize,
    /// What, in words for the user (Chinese).
    pub message: String,
}

/// Puts back into each page's text the lines a clipping region or the page's edge cuts through
/// (partly shown, their middle hidden) that neither neighbouring page shows: what a reader sees
/// of them is all there is of them. A line the next page shows whole (a page's text set again,
/// shifted, for the part that runs over) stays out, so that it is read once.
fn restore_cut(pages: &mut [Page]) {
    let shown: Vec<String> = pages
        .iter()
        .map(|p| {
            p.glyphs
                .iter()
                .map(|g| g.ch)
                .filter(|c| !c.is_whitespace())
                .collect()
        })
        .collect();
    for (n, page) in pages.iter_mut().enumerate() {
        if page.cut.is_empty() || page.hidden.is_empty() {
            continue;
        }
        let near: String = [n.wrapping_sub(1), n + 1]
            .iter()
            .filter_map(|&k| shown.get(k))
            .map(String::as_str)
            .collect();
        let hidden = Page {
            glyphs: page.hidden.clone(),
            ..Page::default()
        };
        let key = |g: &Glyph| (g.ch, g.x0.to_bits(), g.base.to_bits());
        let cut: HashSet<_> = page.cut.iter().map(key).collect();
        let mut back = Vec::new();
        for line in printed_lines(&hidden) {
            let text: String = line.glyphs.iter().map(|g| g.ch).collect();
            if line.glyphs.iter().any(|g| cut.contains(&key(g))) && !near.contains(text.as_str()) {
                back.extend(line.glyphs);
            }
        }
        let restored: HashSet<_> = back.iter().map(key).collect();
        page.hidden.retain(|g| !restored.contains(&key(g)));
        page.glyphs.extend(back);
    }
}

/// The most characters of hidden text quoted in a message.
const QUOTED: usize = 60;

/// Characters grouped into printed lines: each line's baseline and text (spaces left out).
fn lines_of(glyphs: &[Glyph]) -> Vec<(f32, String)> {
    let page = Page {
        glyphs: glyphs.to_vec(),
        ..Page::default()
    };
    printed_lines(&page)
        .into_iter()
        .map(|l| (l.base, l.glyphs.iter().map(|g| g.ch).collect()))
        .collect()
}

/// Lines quoted in a message: joined by ` / `, cut at [`QUOTED`] characters.
fn quote_lines(lines: &[(f32, String)]) -> String {
    let all: Vec<&str> = lines.iter().map(|(_, t)| t.as_str()).collect();
    let all = all.join(" / ");
    if all.chars().count() > QUOTED {
        all.chars().take(QUOTED).collect::<String>() + "…"
    } else {
        all
    }
}

/// The faults of a PDF's pages, each on a line of their reconstructed text: a line with
/// characters whose font gives no Unicode mapping (`pdf/unmapped-glyph`), a page's text drawn
/// outside its clipping region (`pdf/hidden-text`, on the page's line printed nearest to it),
/// a page with no text (`pdf/empty-page`: only a table's frame, or nothing at all).
pub fn faults(pages: &[Page], text: &Reconstructed) -> Vec<Fault> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let n = line.chars().filter(|&c| c == '\u{FFFD}').count();
        if n > 0 {
            let page = text.lines.get(i).map_or(0, |l| l.page);
            out.push(Fault {
                code: "pdf/unmapped-glyph",
                line: i + 1,
                message: format!(
                    "第{page}页此行有 {n} 个字符在字体中没有 Unicode 映射（显示为“\u{FFFD}”），阅读或复制时无法正常显示"
                ),
            });
        }
    }
    for page in pages {
        let first = text.lines.iter().position(|l| l.page == page.number);
        let Some(first) = first else {
            continue;
        };
        if page.unloaded_fonts > 0 {
            out.push(Fault {
                code: "pdf/unloaded-font",
                line: first + 1,
                message: format!(
                    "第{}页有文字所用的字体无法载入（字体数据损坏或格式不受支持），这些文字无法显示，也未能读出",
                    page.number
                ),
            });
        }
        let empty = page.glyphs.iter().all(|g| g.ch.is_whitespace());
        if empty && page.hidden.is_empty() && page.unloaded_fonts == 0 {
            let message = if page.segments.is_empty() {
                format!("第{}页是空白页，没有任何内容", page.number)
            } else {
                format!("第{}页只有表格框线，没有文字（多余的空表页）", page.number)
            };
            out.push(Fault {
                code: "pdf/empty-page",
                line: first + 1,
                message,
            });
            continue;
        }
        // The page's line printed nearest to a baseline.
        let near = |base: f32| {
            text.lines
                .iter()
                .enumerate()
                .filter(|(_, l)| l.page == page.number && l.size > 0.0)
                .min_by(|(_, a), (_, b)| (a.base - base).abs().total_cmp(&(b.base - base).abs()))
                .map_or(first, |(i, _)| i)
        };
        // Text drawn where it is not shown that the page before or after shows (a page's text
        // set again, shifted, for the part that runs over) is not lost.
        let shown_near: String = [page.number.wrapping_sub(1), page.number + 1]
            .iter()
            .filter_map(|&n| pages.get(n.wrapping_sub(1)))
            .flat_map(|p| p.glyphs.iter().map(|g| g.ch))
            .filter(|c| !c.is_whitespace())
            .collect();
        let lost: Vec<(f32, String)> = lines_of(&page.hidden)
            .into_iter()
            .filter(|(_, t)| !shown_near.contains(t.as_str()))
            .collect();
        if let Some((base, _)) = lost.first() {
            let chars: usize = lost.iter().map(|(_, t)| t.chars().count()).sum();
            out.push(Fault {
                code: "pdf/hidden-text",
                line: near(*base) + 1,
                message: format!(
                    "第{}页有 {chars} 个字符（{} 行）画在页面或裁剪区域之外，阅读时看不到：“{}”",
                    page.number,
                    lost.len(),
                    quote_lines(&lost)
                ),
            });
        }
        let cut = lines_of(&page.cut);
        if let Some((base, _)) = cut.first() {
            out.push(Fault {
                code: "pdf/cut-text",
                line: near(*base) + 1,
                message: format!(
                    "第{}页有 {} 行文字被页面边缘或裁剪区域截断，只显示一部分：“{}”",
                    page.number,
                    cut.len(),
                    quote_lines(&cut)
                ),
            });
        }
    }
    out.sort_by_key(|f| f.line);
    out
}

/// Whether bytes are a PDF: `%PDF-` in the first kilobyte, as readers accept it.
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    memchr::memmem::find(head, b"%PDF-").is_some()
}

/// Why a PDF read gave no report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// The file could not be read as a PDF.
    #[error("{0}")]
    Pdf(#[from] PdfError),
    /// No page has text: a scan, which would need character recognition.
    #[error(
        "PDF 的 {0} 页都没有文字层（可能是扫描件），无法读取；请使用带文字的 PDF 或先进行文字识别"
    )]
    NoText(usize),
}

/// Reads a PDF into its text and the report imported from it.
pub fn read_pdf(bytes: &[u8]) -> Result<ReadPdf, ReadError> {
    let mut pages = read_pages(bytes)?;
    restore_cut(&mut pages);
    if pages
        .iter()
        .all(|p| p.glyphs.iter().all(|g| g.ch.is_whitespace()))
    {
        // A file cut short is read as far as it goes (hayro rebuilds the cross-reference
        // table); without text, being cut is the likelier reason than being a scan.
        if cut_short(bytes) {
            return Err(ReadError::Pdf(PdfError::Truncated));
        }
        return Err(ReadError::NoText(pages.len()));
    }
    let reconstructed = reconstruct(&pages);
    // Each page's ruled table, from its first horizontal rule to its last.
    let tables: Vec<Option<(f32, f32)>> = pages.iter().map(ruled::extent).collect();
    let printed: Vec<Option<Printed>> = reconstructed
        .lines
        .iter()
        .map(|l| {
            let first = l.boxes.iter().flatten().next()?;
            let last = l.boxes.iter().flatten().last()?;
            Some(Printed {
                page: l.page,
                base: l.base,
                cells: l.cells.clone(),
                span: (first.x0 as f32, last.x1 as f32),
                block: reconstructed
                    .blocks
                    .get(l.page - 1)
                    .copied()
                    .unwrap_or_default(),
                size: (l.size, reconstructed.body),
                ruling: match tables.get(l.page - 1).copied().flatten() {
                    None => Ruling::NoRules,
                    Some((top, _)) if l.base < top => Ruling::Above,
                    Some((_, bottom)) if l.base - 0.5 * l.size > bottom => Ruling::Below,
                    Some(_) => Ruling::Inside,
                },
            })
        })
        .collect();
    let mut document = layout_at(&reconstructed.text, &printed);
    // A budget's tables are read from their ruling, where the rules place what the text's
    // columns cannot; what the layout reader warned about their lines goes with its rows.
    let starts: Vec<usize> = document.tables.iter().map(|t| t.lines.start).collect();
    for (k, t) in document.tables.iter_mut().enumerate() {
        if !budget_tables::is_budget_table(t) {
            continue;
        }
        let next = starts.get(k + 1).copied();
        if let Some((rows, lines)) = budget_tables::ruled_rows(&pages, &reconstructed, t, next) {
            let within = t.lines.clone();
            document
                .warnings
                .retain(|w| !within.contains(&w.lines.start));
            t.rows = rows;
            t.row_lines = lines;
        }
    }
    // The self-evaluation forms are read from their rules, their lines no prose.
    let forms = attachment_tables(&pages, &reconstructed);
    document.blocks.retain(|b| {
        !forms
            .iter()
            .any(|t| b.lines.start < t.lines.end && t.lines.start < b.lines.end)
    });
    document.tables.extend(forms);
    document.tables.sort_by_key(|t| t.lines.start);
    let mut imported = assemble(&reconstructed.text, &document);
    imported.form = Form::Layout;
    Ok(ReadPdf {
        faults: faults(&pages, &reconstructed),
        pages: pages.len(),
        unmapped: pages.iter().map(|p| p.unmapped).sum(),
        reconstructed,
        imported,
    })
}
