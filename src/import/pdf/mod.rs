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
    let pages = read_pages(bytes)?;
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
    let tables: Vec<Option<(f32, f32)>> = pages
        .iter()
        .map(|p| ruled::grid(p, 0.0, p.height).map(|g| (g.top, g.bottom)))
        .collect();
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
        pages: pages.len(),
        unmapped: pages.iter().map(|p| p.unmapped).sum(),
        reconstructed,
        imported,
    })
}
