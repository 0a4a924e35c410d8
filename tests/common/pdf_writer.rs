//! A small PDF 1.7 writer for tests: pages of CJK text and stroked rules, nothing else.
//!
//! Text uses the non-embedded Adobe-GB1 font every PDF reader knows (`STSong-Light`, encoding
//! `UniGB-UCS2-H`, so a string is its UCS-2 code units), with a ToUnicode CMap by default so that
//! extractors without the Adobe CMaps read it too. Widths are the font's own: half an em for
//! U+0020..U+007E, one em for everything else; `text_right` and `text_centred` use them.
//!
//! Every run of text drawn is also recorded (`Page::runs`), with its position and how it was
//! drawn: the ground truth for a reader's glyphs. The writer is compiled both as a test module
//! and by `examples/synthetic_pdfs.rs`, so it uses no path that differs between the two.

use std::collections::BTreeSet;
use std::fmt::Write as _;

/// A4 portrait, in points.
pub const A4: (f32, f32) = (595.28, 841.89);

/// How a run of text was drawn. Whatever the style, a reader must see the text once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Filled, as usual.
    Plain,
    /// Filled and stroked (text render mode 2): the bold of producers without a bold font.
    Bold,
    /// Shown twice, the second copy shifted by a fraction of a point or not at all: another
    /// producers' bold.
    Twice,
}

/// One run of text as drawn: baseline start in PDF coordinates (origin bottom left), as asked
/// for; the file writes coordinates to 0.01 pt, so a reader finds them within 0.005.
#[derive(Clone, Debug)]
pub struct Run {
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub text: String,
    pub style: Style,
}

impl Run {
    /// Where the run ends on the baseline.
    pub fn right(&self) -> f32 {
        self.x + text_width(self.size, &self.text)
    }
}

/// One straight rule as drawn: a `line`, or one side of a `rect`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// The advance of `s` at `size`: half an em for printable ASCII, one em for anything else
/// (the font's `/W` and `/DW`).
pub fn text_width(size: f32, s: &str) -> f32 {
    s.chars()
        .map(|c| if (' '..='~').contains(&c) { 0.5 } else { 1.0 })
        .sum::<f32>()
        * size
}

/// How text is written in a content stream. Either way the same glyphs land at the same
/// places; only the operators differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emit {
    /// `BT /F1 9 Tf x y Td <…> Tj ET`: one string per run.
    Plain,
    /// One glyph per `Tj` under a flipped, scaled matrix, as Word-made PDFs do (`show_per_glyph`).
    PerGlyph,
}

/// One page: its size, its content stream as it grows, and the text drawn on it.
pub struct Page {
    width: f32,
    height: f32,
    emit: Emit,
    ops: String,
    resources: String,
    runs: Vec<Run>,
    rules: Vec<Segment>,
}

impl Page {
    pub fn width(&self) -> f32 {
        self.width
    }

    pub fn height(&self) -> f32 {
        self.height
    }

    /// The text drawn so far, in drawing order.
    pub fn runs(&self) -> &[Run] {
        &self.runs
    }

    /// The rules drawn so far (`line`, and each side of a `rect`).
    pub fn rules(&self) -> &[Segment] {
        &self.rules
    }

    /// `s` with its baseline starting at (x, y).
    pub fn text(&mut self, x: f32, y: f32, size: f32, s: &str) {
        self.show(x, y, size, s);
        self.record(x, y, size, s, Style::Plain);
    }

    /// `s` filled and stroked (render mode 2), as producers without a bold face draw bold.
    pub fn bold_text(&mut self, x: f32, y: f32, size: f32, s: &str) {
        let _ = write!(self.ops, "q {} w 2 Tr ", num(size / 30.0));
        self.show(x, y, size, s);
        self.ops.push_str("Q\n");
        self.record(x, y, size, s, Style::Bold);
    }

    /// `s` shown twice, the second copy `dx` points to the right (0: at the same place), as
    /// some producers fake bold. A reader must not double the characters.
    pub fn text_twice(&mut self, x: f32, y: f32, size: f32, s: &str, dx: f32) {
        self.show(x, y, size, s);
        self.show(x + dx, y, size, s);
        self.record(x, y, size, s, Style::Twice);
    }

    /// `s` ending at `x_right`, as numbers are set in a table.
    pub fn text_right(&mut self, x_right: f32, y: f32, size: f32, s: &str) {
        self.text(x_right - text_width(size, s), y, size, s);
    }

    /// `s` centred on `x_centre`.
    pub fn text_centred(&mut self, x_centre: f32, y: f32, size: f32, s: &str) {
        self.text(x_centre - text_width(size, s) / 2.0, y, size, s);
    }

    /// A stroked line half a point wide: a table rule.
    pub fn line(&mut self, x0: f32, y0: f32, x1: f32, y1: f32) {
        let _ = writeln!(
            self.ops,
            "q 0.5 w {} {} m {} {} l S Q",
            num(x0),
            num(y0),
            num(x1),
            num(y1)
        );
        self.rules.push(Segment { x0, y0, x1, y1 });
    }

    /// A stroked rectangle, lower-left corner at (x, y).
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        let _ = writeln!(
            self.ops,
            "q 0.5 w {} {} {} {} re S Q",
            num(x),
            num(y),
            num(w),
            num(h)
        );
        let (x1, y1) = (x + w, y + h);
        self.rules.extend([
            Segment {
                x0: x,
                y0: y,
                x1,
                y1: y,
            },
            Segment {
                x0: x1,
                y0: y,
                x1,
                y1,
            },
            Segment {
                x0: x,
                y0: y1,
                x1,
                y1,
            },
            Segment {
                x0: x,
                y0: y,
                x1: x,
                y1,
            },
        ]);
    }

    /// Content operators appended as they are (escape hatch for hostile tests). Text they show
    /// is not recorded, and its characters are in the ToUnicode CMap only if `text` and its
    /// kin draw them somewhere too.
    pub fn raw(&mut self, ops: &str) {
        self.ops.push_str(ops);
        self.ops.push('\n');
    }

    /// Entries added to the page's `/Resources` dictionary as they are, e.g.
    /// `/XObject << /X1 12 0 R >>` for an object made with `Pdf::raw_stream`.
    pub fn raw_resources(&mut self, entries: &str) {
        self.resources.push(' ');
        self.resources.push_str(entries);
    }

    fn show(&mut self, x: f32, y: f32, size: f32, s: &str) {
        match self.emit {
            Emit::Plain => {
                let _ = writeln!(
                    self.ops,
                    "BT /F1 {} Tf {} {} Td {} Tj ET",
                    num(size),
                    num(x),
                    num(y),
                    hex(s)
                );
            }
            Emit::PerGlyph => self.show_per_glyph(x, y, size, s),
        }
    }

    /// As Word and WPS write text: y-down user space (`1 0 0 -1 0 H cm`), a font size twenty
    /// times too large scaled back and flipped upright by the text matrix, and each glyph its
    /// own `Tj`, the next placed by `TD` with its advance in text space units.
    fn show_per_glyph(&mut self, x: f32, y: f32, size: f32, s: &str) {
        let big = size * 20.0;
        let _ = write!(
            self.ops,
            "q 1 0 0 -1 0 {h} cm BT /F1 {} Tf 0.05 0 0 -0.05 {} {} Tm",
            num(big),
            num(x),
            num(self.height - y),
            h = num(self.height)
        );
        let mut previous: Option<char> = None;
        for c in s.chars() {
            if let Some(p) = previous {
                let advance = text_width(big, p.encode_utf8(&mut [0; 4]));
                let _ = write!(self.ops, " {} 0 TD", num(advance));
            }
            let _ = write!(self.ops, " {} Tj", hex(c.encode_utf8(&mut [0; 4])));
            previous = Some(c);
        }
        self.ops.push_str(" ET Q\n");
    }

    fn record(&mut self, x: f32, y: f32, size: f32, s: &str, style: Style) {
        let text = s.to_owned();
        self.runs.push(Run {
            x,
            y,
            size,
            text,
            style,
        });
    }
}

/// A document being written. Objects 1 to 5 are the catalog, the page tree and the font;
/// raw objects come next, then each page and its content.
pub struct Pdf {
    pages: Vec<Page>,
    raw: Vec<Vec<u8>>,
    to_unicode: bool,
    compress: bool,
    emit: Emit,
}

/// The objects before the raw ones: catalog, pages, Type0 font, CIDFont, font descriptor,
/// ToUnicode CMap.
const FIXED_OBJECTS: u32 = 6;

/// The object number of the Type0 font, for raw objects that use it (`/F1 3 0 R`).
pub const FONT_OBJECT: u32 = 3;

impl Default for Pdf {
    fn default() -> Self {
        Self::new()
    }
}

impl Pdf {
    /// An empty document whose font has a ToUnicode CMap, whose streams are not compressed and
    /// whose text is written one string per run.
    pub fn new() -> Self {
        Pdf {
            pages: Vec::new(),
            raw: Vec::new(),
            to_unicode: true,
            compress: false,
            emit: Emit::Plain,
        }
    }

    /// Whether the font carries a ToUnicode CMap; without it, text is read through the Adobe
    /// CMap `UniGB-UCS2-H` and the Adobe-GB1 character collection alone.
    pub fn with_to_unicode(mut self, on: bool) -> Self {
        self.to_unicode = on;
        self
    }

    /// Whether content streams are `/FlateDecode` (zlib, stored blocks: valid, not smaller).
    pub fn compressed(mut self, on: bool) -> Self {
        self.compress = on;
        self
    }

    /// How the pages made from now on write their text.
    pub fn emitting(mut self, emit: Emit) -> Self {
        self.emit = emit;
        self
    }

    /// A new page of the given size, in points.
    pub fn page(&mut self, width: f32, height: f32) -> &mut Page {
        self.pages.push(Page {
            width,
            height,
            emit: self.emit,
            ops: String::new(),
            resources: String::new(),
            runs: Vec::new(),
            rules: Vec::new(),
        });
        self.pages.last_mut().unwrap()
    }

    /// A new A4 portrait page.
    pub fn a4_page(&mut self) -> &mut Page {
        self.page(A4.0, A4.1)
    }

    pub fn pages(&self) -> &[Page] {
        &self.pages
    }

    /// An object with `body` as it is (`<< … >>`, `[ … ]`, …); returns its object number.
    pub fn raw_object(&mut self, body: &[u8]) -> u32 {
        self.raw.push(body.to_vec());
        FIXED_OBJECTS + self.raw.len() as u32
    }

    /// A stream with the dictionary entries `dict` (without `/Length`, which is added) and
    /// `data` as it is; returns its object number.
    pub fn raw_stream(&mut self, dict: &str, data: &[u8]) -> u32 {
        self.raw_object(&stream(dict, data))
    }

    /// The file: header, objects, a cross-reference table with exact offsets, trailer.
    pub fn finish(&self) -> Vec<u8> {
        write_file(&self.objects())
    }

    /// The number the next raw object will have.
    pub fn next_raw_object(&self) -> u32 {
        FIXED_OBJECTS + self.raw.len() as u32 + 1
    }

    /// The file's objects, object `n` at index `n - 1`: the catalog, the page tree, the font
    /// (four objects), the raw objects, then each page followed by its content stream. Hostile
    /// tests edit them before `write_file`.
    pub fn objects(&self) -> Vec<Vec<u8>> {
        let first_page = FIXED_OBJECTS + self.raw.len() as u32 + 1;
        let page_ids: Vec<u32> = (0..self.pages.len() as u32)
            .map(|i| first_page + 2 * i)
            .collect();
        let mut objects: Vec<Vec<u8>> = Vec::new();
        objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
        let kids: Vec<String> = page_ids.iter().map(|id| format!("{id} 0 R")).collect();
        objects.push(
            format!(
                "<< /Type /Pages /Kids [{}] /Count {} >>",
                kids.join(" "),
                page_ids.len()
            )
            .into_bytes(),
        );
        let to_unicode = if self.to_unicode {
            " /ToUnicode 6 0 R"
        } else {
            ""
        };
        objects.push(
            format!(
                "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H \
                 /DescendantFonts [4 0 R]{to_unicode} >>"
            )
            .into_bytes(),
        );
        // CIDs 1..95 are U+0020..U+007E under UniGB-UCS2-H: the half-width ASCII.
        objects.push(
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light \
              /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> \
              /FontDescriptor 5 0 R /DW 1000 /W [1 95 500] >>"
                .to_vec(),
        );
        objects.push(
            b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 \
              /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 \
              /CapHeight 880 /StemV 93 >>"
                .to_vec(),
        );
        // Written even when the font does not point to it, so that object numbers stay put.
        objects.push(stream("", to_unicode_cmap(&self.chars()).as_bytes()));
        objects.extend(self.raw.iter().cloned());
        for (page, id) in self.pages.iter().zip(&page_ids) {
            objects.push(
                format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] \
                     /Resources << /Font << /F1 3 0 R >>{} >> /Contents {} 0 R >>",
                    num(page.width),
                    num(page.height),
                    page.resources,
                    id + 1
                )
                .into_bytes(),
            );
            objects.push(if self.compress {
                stream("/Filter /FlateDecode", &zlib_stored(page.ops.as_bytes()))
            } else {
                stream("", page.ops.as_bytes())
            });
        }
        objects
    }

    /// Every character drawn, for the ToUnicode CMap.
    fn chars(&self) -> BTreeSet<char> {
        self.pages
            .iter()
            .flat_map(|p| &p.runs)
            .flat_map(|r| r.text.chars())
            .collect()
    }
}

/// Objects numbered from 1 in order, then the xref table and trailer (`/Root 1 0 R`).
pub fn write_file(objects: &[Vec<u8>]) -> Vec<u8> {
    // The binary comment line tells transfer tools the file is not text.
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        // Each entry is exactly 20 bytes: the trailing space makes the line end two bytes.
        let _ = writeln!(table, "{offset:010} 00000 n ");
    }
    let _ = write!(
        table,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend_from_slice(table.as_bytes());
    out
}

/// A stream object's body: `<< dict /Length n >>`, then `data` between `stream` and `endstream`.
pub fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// `s` as a hex string of UCS-2 big-endian code units, which UniGB-UCS2-H maps to CIDs.
pub fn hex(s: &str) -> String {
    let mut out = String::from("<");
    for c in s.chars() {
        let unit =
            u16::try_from(u32::from(c)).expect("UCS-2 has only the Basic Multilingual Plane");
        let _ = write!(out, "{unit:04X}");
    }
    out.push('>');
    out
}

/// A ToUnicode CMap mapping each code used to itself: with UniGB-UCS2-H the code is the
/// character. At most 100 entries per `bfchar` block, as the CMap format requires.
fn to_unicode_cmap(chars: &BTreeSet<char>) -> String {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let chars: Vec<char> = chars.iter().copied().collect();
    for block in chars.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", block.len());
        for &c in block {
            let _ = writeln!(out, "<{:04X}> <{:04X}>", u32::from(c), u32::from(c));
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

/// `data` as a zlib stream of stored (uncompressed) deflate blocks: a valid `/FlateDecode`
/// stream without a compressor.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let mut blocks = data.chunks(0xFFFF).peekable();
    if blocks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xFF, 0xFF]);
    }
    while let Some(block) = blocks.next() {
        out.push(u8::from(blocks.peek().is_none()));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

/// A coordinate as PDF writes it: at most two decimals, no trailing zeros.
fn num(v: f32) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}
