//! The glyph stage: a PDF's pages interpreted by hayro-interpret into the characters they show,
//! each with its box on the page, and the straight lines drawn on them (table rules).
//!
//! Coordinates are the page's as a reader sees it: points, origin at the top left, y growing
//! downwards, the page's rotation and crop box applied. What is not on the page is left out (a
//! row set past the page's edge is not printed), and a glyph drawn twice at one place (bold
//! faked by filling and then stroking, or by showing the text twice) is kept once.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use super::budget::{self, MAX_DEPTH, MAX_INFLATED, MAX_OBJECTS, MAX_OPERATORS};
use hayro_interpret::font::{Glyph as HayroGlyph, GlyphRun};
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point, Rect, Shape};
use hayro_interpret::{
    interpret_page, BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image,
    ImageDrawProps, InterpreterCache, InterpreterSettings, InterpreterWarning, SoftMask,
};

/// The most pages read: a 部门决算 has 20 to 60; a file with more is not one.
pub const MAX_PAGES: usize = 2_000;

/// The most glyphs read in all: about 40 times the largest report seen (20,000). Each byte of
/// text shown also counts towards the drawing budget (`MAX_OPERATORS`, 2,000,000 with the
/// operators), which is reached first; this stays as the device's own guard.
pub const MAX_GLYPHS: usize = 2_000_000;

/// A character shown on a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// The character, as the font's Unicode mapping gives it (`\u{FFFD}` when it has none).
    pub ch: char,
    /// Left edge.
    pub x0: f32,
    /// Right edge (the left plus the glyph's advance).
    pub x1: f32,
    /// Baseline.
    pub base: f32,
    /// Font size, in points as set on the page.
    pub size: f32,
}

impl Glyph {
    /// The box the character occupies: from its baseline up by its size (the em box, whose
    /// bottom is a fifth of the size below the baseline for CJK fonts).
    pub fn rect(&self) -> Rect {
        let size = f64::from(self.size);
        Rect::new(
            f64::from(self.x0),
            f64::from(self.base) - 0.88 * size,
            f64::from(self.x1),
            f64::from(self.base) + 0.12 * size,
        )
    }
}

/// A straight line drawn on a page, horizontal or vertical.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    /// Start (the smaller coordinates).
    pub from: (f32, f32),
    /// End.
    pub to: (f32, f32),
}

impl Segment {
    /// Whether it runs across the page.
    pub fn horizontal(&self) -> bool {
        (self.to.1 - self.from.1).abs() < 1.0
    }
}

/// A page read.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// 1-based.
    pub number: usize,
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// The characters shown on it, in the order they were drawn.
    pub glyphs: Vec<Glyph>,
    /// The straight lines drawn on it.
    pub segments: Vec<Segment>,
    /// Glyphs whose font gives no Unicode mapping (shown as `\u{FFFD}`): characters that will not
    /// display or copy, which an inspector counts as a fault of the PDF.
    pub unmapped: usize,
    /// Characters drawn off the page or outside the clipping region in force (the page's text
    /// run on past a frame that cuts it off): in the file, but never shown. Not among `glyphs`.
    pub hidden: Vec<Glyph>,
    /// Characters the page's edge or the clipping region cuts through: partly shown (whether
    /// their middle, which decides `glyphs` or `hidden`, is in or out).
    pub cut: Vec<Glyph>,
    /// How often text was set in a font the interpreter could not load: that text is neither
    /// shown nor among `glyphs`.
    pub unloaded_fonts: usize,
}

/// Why a PDF could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// Not a PDF file, or one too damaged to find its pages.
    #[error("不是有效的 PDF 文件，或文件已损坏，无法找到页面")]
    Invalid,
    /// A PDF cut short (no `%%EOF` at its end) in which no page with text was found.
    #[error("PDF 文件不完整（结尾缺少 %%EOF，可能在下载或复制时被截断），未能读到有文字的页面")]
    Truncated,
    /// Encrypted with a password needed to open it.
    #[error("PDF 文件已加密，需要密码才能打开")]
    Encrypted,
    /// More pages than any report has.
    #[error("PDF 有 {0} 页，超过可读取的上限 {MAX_PAGES} 页")]
    TooManyPages(usize),
    /// More characters than any report has.
    #[error("PDF 的字符超过可读取的上限 {MAX_GLYPHS} 个")]
    TooManyGlyphs,
    /// Compressed streams that inflate past the budget.
    #[error("PDF 的压缩数据解压后超过 {} MiB 的上限（可能是“解压炸弹”），未读取", .0 / 1024 / 1024)]
    TooMuchInflated(u64),
    /// More objects than any report has.
    #[error("PDF 的对象超过可读取的上限 {MAX_OBJECTS} 个（可能是恶意构造的文件），未读取")]
    TooManyObjects,
    /// Arrays, dictionaries, colour spaces or functions nested past the budget.
    #[error("PDF 的对象嵌套超过 {MAX_DEPTH} 层的上限（可能是恶意构造的文件），未读取")]
    TooDeep,
    /// Pages whose drawing is more work than any report's.
    #[error(
        "PDF 页面内容的绘制指令超过可读取的上限 {MAX_OPERATORS} 条（重复绘制的表单按次数计，可能是恶意构造的文件），未读取"
    )]
    TooMuchContent,
}

/// Every page of a PDF, read.
pub fn read_pages(bytes: &[u8]) -> Result<Vec<Page>, PdfError> {
    read_pages_within(bytes, MAX_INFLATED)
}

/// [`read_pages`] with the budget of inflated bytes given (tests use a small one).
pub fn read_pages_within(bytes: &[u8], max_inflated: u64) -> Result<Vec<Page>, PdfError> {
    // The interpreter inflates streams without a limit, so the file's streams are measured
    // first, each inflated into a small buffer and counted, never kept; objects are counted and
    // their nesting measured in the same pass (`budget`).
    let scan = budget::scan(bytes, max_inflated);
    if scan.inflated > max_inflated {
        return Err(PdfError::TooMuchInflated(max_inflated));
    }
    if scan.objects > MAX_OBJECTS {
        return Err(PdfError::TooManyObjects);
    }
    if scan.depth > MAX_DEPTH {
        return Err(PdfError::TooDeep);
    }
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(_) => PdfError::Encrypted,
        _ => invalid(bytes),
    })?;
    // hayro has walked the page tree (each node once, iteratively) and built every page, which
    // the object budget keeps to a few hundred thousand; nothing is drawn yet.
    let pages = pdf.pages();
    if pages.is_empty() {
        return Err(invalid(bytes));
    }
    if pages.len() > MAX_PAGES {
        return Err(PdfError::TooManyPages(pages.len()));
    }
    budget::check_pages(pages, pdf.xref())?;
    let cache = InterpreterCache::new();
    let mut out = Vec::with_capacity(pages.len());
    let mut total = 0usize;
    for (i, page) in pages.iter().enumerate() {
        let (width, height) = page.render_dimensions();
        let initial = Affine::new(page.initial_transform(true).as_coeffs());
        let bbox = Rect::new(0.0, 0.0, f64::from(width), f64::from(height));
        // Fonts the interpreter could not load (their data broken or of a kind it does not
        // read): the text set in them is not drawn, so neither shown nor read.
        let unloaded = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&unloaded);
        let settings = InterpreterSettings {
            warning_sink: Arc::new(move |w| {
                if matches!(w, InterpreterWarning::UnsupportedFont) {
                    counter.fetch_add(1, Ordering::Relaxed);
                }
            }),
            ..InterpreterSettings::default()
        };
        let mut context = Context::new(initial, bbox, &cache, pdf.xref(), settings);
        let mut device = Collector {
            page: Page {
                number: i + 1,
                width,
                height,
                ..Page::default()
            },
            seen: HashMap::new(),
            budget: MAX_GLYPHS.saturating_sub(total),
            over: false,
            clips: Vec::new(),
        };
        interpret_page(page, &mut context, &mut device);
        device.page.unloaded_fonts = unloaded.load(Ordering::Relaxed);
        if device.over {
            return Err(PdfError::TooManyGlyphs);
        }
        total += device.page.glyphs.len();
        out.push(device.page);
    }
    Ok(out)
}

/// Why no page was found: the file is cut short, or else damaged or not a PDF.
fn invalid(bytes: &[u8]) -> PdfError {
    if cut_short(bytes) {
        PdfError::Truncated
    } else {
        PdfError::Invalid
    }
}

/// Whether a PDF is cut short: it starts as one, but `%%EOF` is not in its last kilobyte
/// (where readers look for it).
pub fn cut_short(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    super::is_pdf(bytes) && memchr::memmem::find(tail, b"%%EOF").is_none()
}

/// The device hayro draws into: keeps characters and straight lines, nothing else.
struct Collector {
    page: Page,
    /// The glyphs kept, by character and place rounded to a point, for finding repeats.
    seen: HashMap<(char, i32, i32), Vec<usize>>,
    /// How many more glyphs may be kept.
    budget: usize,
    /// The budget ran out.
    over: bool,
    /// The clipping regions in force, each the bounding box of its path within the one before
    /// (what lies outside it is certainly not shown).
    clips: Vec<Rect>,
}

impl Collector {
    /// Whether `g` repeats a glyph already kept: the same character within a point of it (bold
    /// faked by a second, slightly offset impression is within half a point).
    fn repeats(&self, g: &Glyph) -> bool {
        let (kx, ky) = (g.x0.round() as i32, g.base.round() as i32);
        for dx in -1..=1 {
            for dy in -1..=1 {
                if let Some(kept) = self.seen.get(&(g.ch, kx + dx, ky + dy)) {
                    let close = kept.iter().any(|&k| {
                        let o = &self.page.glyphs[k];
                        (o.x0 - g.x0).abs() < 1.0 && (o.base - g.base).abs() < 1.0
                    });
                    if close {
                        return true;
                    }
                }
            }
        }
        false
    }

    fn keep(&mut self, g: Glyph) {
        if self.budget == 0 {
            self.over = true;
            return;
        }
        if self.repeats(&g) {
            return;
        }
        self.budget -= 1;
        let key = (g.ch, g.x0.round() as i32, g.base.round() as i32);
        self.seen
            .entry(key)
            .or_default()
            .push(self.page.glyphs.len());
        self.page.glyphs.push(g);
    }

    /// Whether a glyph is drawn outside the clipping region in force: its middle outside it.
    fn clipped(&self, g: &Glyph) -> bool {
        let Some(region) = self.clips.last() else {
            return false;
        };
        let x = f64::from((g.x0 + g.x1) / 2.0);
        let y = f64::from(g.base - 0.4 * g.size);
        !(region.x0 <= x && x <= region.x1 && region.y0 <= y && y <= region.y1)
    }

    /// Whether the page's edge or the clipping region in force cuts through a glyph's box: part
    /// of it shown (a tenth of its size or more: a sliver of the ink), part not (a quarter or more: an
    /// em box is taller than the ink).
    fn cuts(&self, g: &Glyph) -> bool {
        let page = Rect::new(
            0.0,
            0.0,
            f64::from(self.page.width),
            f64::from(self.page.height),
        );
        let region = self.clips.last().map_or(page, |c| c.intersect(page));
        let bounds = g.rect();
        let size = f64::from(g.size);
        let overlap = region.intersect(bounds);
        let some_shown = overlap.width() > 0.1 * size && overlap.height() > 0.1 * size;
        let all_shown = (bounds.height() - overlap.height()) <= 0.25 * size
            && (bounds.width() - overlap.width()) <= 0.25 * size;
        some_shown && !all_shown
    }

    /// Whether a glyph lies on the page: its middle inside the page's box.
    fn on_page(&self, g: &Glyph) -> bool {
        let mid = (g.x0 + g.x1) / 2.0;
        let middle = g.base - 0.4 * g.size;
        (0.0..=self.page.width).contains(&mid) && (0.0..=self.page.height).contains(&middle)
    }
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, _: &DrawMode) {
        let path = props.transform * path.clone();
        let bounds = path.bounding_box();
        // A filled rectangle a point or two thick is a rule drawn as a box.
        if bounds.height() < 2.0 && bounds.width() > 2.0 {
            let y = ((bounds.y0 + bounds.y1) / 2.0) as f32;
            self.segment((bounds.x0 as f32, y), (bounds.x1 as f32, y));
            return;
        }
        if bounds.width() < 2.0 && bounds.height() > 2.0 {
            let x = ((bounds.x0 + bounds.x1) / 2.0) as f32;
            self.segment((x, bounds.y0 as f32), (x, bounds.y1 as f32));
            return;
        }
        // Otherwise each straight, axis-parallel piece of the path (a cell's box).
        let mut start = Point::ZERO;
        let mut at = Point::ZERO;
        for el in path.elements() {
            match *el {
                PathEl::MoveTo(p) => {
                    start = p;
                    at = p;
                }
                PathEl::LineTo(p) => {
                    self.line(at, p);
                    at = p;
                }
                PathEl::ClosePath => {
                    self.line(at, start);
                    at = start;
                }
                PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => at = p,
            }
        }
    }

    fn push_clip_path(&mut self, clip: &ClipPath) {
        let bounds = clip.path.bounding_box();
        let region = match self.clips.last() {
            Some(outer) => outer.intersect(bounds),
            None => bounds,
        };
        self.clips.push(region);
    }

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        for g in run.glyphs() {
            if self.over {
                return;
            }
            let t = props.transform * g.transform();
            let [a, b, c, d, _, _] = t.as_coeffs();
            // Only upright text: a rotated watermark or a vertical label is not a cell.
            if a <= 0.0 || d >= 0.0 || b.abs() > a.abs() * 0.01 || c.abs() > d.abs() * 0.01 {
                continue;
            }
            let origin = t * Point::ZERO;
            let advance = match &**g {
                HayroGlyph::Outline(o) => o.advance_width(),
                HayroGlyph::Type3(t) => t.advance_width(),
            };
            let text = match g.as_unicode() {
                Some(BfString::Char(ch)) => ch.to_string(),
                Some(BfString::String(s)) => s,
                None => {
                    self.page.unmapped += 1;
                    "\u{FFFD}".to_string()
                }
            };
            // Font units are thousandths of the size; a glyph without an advance is as wide
            // as its character's kind.
            let size = (-d * 1000.0) as f32;
            let width = match advance {
                Some(w) if w > 0.0 => (a * f64::from(w)) as f32,
                _ => size * text.chars().map(em_width).sum::<f32>(),
            };
            let chars: Vec<char> = text.chars().filter(|c| !c.is_control()).collect();
            if chars.is_empty() || !width.is_finite() || !size.is_finite() || size <= 0.0 {
                continue;
            }
            // A ligature (`ﬁ` mapped to "fi") shares the glyph's width among its characters.
            let step = width / chars.len() as f32;
            for (k, ch) in chars.into_iter().enumerate() {
                let x0 = origin.x as f32 + step * k as f32;
                let glyph = Glyph {
                    ch,
                    x0,
                    x1: x0 + step,
                    base: origin.y as f32,
                    size,
                };
                let shown = self.on_page(&glyph) && !self.clipped(&glyph);
                if !glyph.ch.is_whitespace()
                    && self.page.cut.len() < MAX_GLYPHS
                    && self.cuts(&glyph)
                {
                    self.page.cut.push(glyph);
                }
                if shown {
                    self.keep(glyph);
                } else if !glyph.ch.is_whitespace() && self.page.hidden.len() < MAX_GLYPHS {
                    self.page.hidden.push(glyph);
                }
            }
        }
    }

    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}

    fn pop_clip(&mut self) {
        self.clips.pop();
    }

    fn pop_transparency_group(&mut self) {}
}

impl Collector {
    fn line(&mut self, from: Point, to: Point) {
        if (from.y - to.y).abs() < 1.0 && (from.x - to.x).abs() > 2.0 {
            let y = ((from.y + to.y) / 2.0) as f32;
            self.segment((from.x.min(to.x) as f32, y), (from.x.max(to.x) as f32, y));
        } else if (from.x - to.x).abs() < 1.0 && (from.y - to.y).abs() > 2.0 {
            let x = ((from.x + to.x) / 2.0) as f32;
            self.segment((x, from.y.min(to.y) as f32), (x, from.y.max(to.y) as f32));
        }
    }

    fn segment(&mut self, from: (f32, f32), to: (f32, f32)) {
        if self.page.segments.len() < MAX_GLYPHS && from.0.is_finite() && to.1.is_finite() {
            self.page.segments.push(Segment { from, to });
        }
    }
}

/// The width of a character in ems when its font does not say: CJK and full-width forms one,
/// the rest a half.
pub fn em_width(c: char) -> f32 {
    if unicode_width::UnicodeWidthChar::width(c) == Some(2) {
        1.0
    } else {
        0.5
    }
}
