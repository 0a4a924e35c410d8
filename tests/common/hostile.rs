//! Hostile PDFs: files made to hang, exhaust or crash a PDF reader (issue 16, item 7). Each is
//! a one-page report fragment (a title line `TITLE`, readable) with something hostile added, or
//! a file that is hostile as a whole (100,000 pages, a million objects, cut short).
//!
//! Compiled by `tests/pdf_hostile.rs` (what the reader makes of each), by `benches/pdf.rs` (the
//! `hostile` group: how long each takes) and by `examples/hostile_pdfs.rs` (each written to a
//! folder, for `/usr/bin/time -v fislint check`). It reaches the writer as `super::pdf_writer`,
//! which each of them declares beside it.

use std::fmt::Write as _;
use std::io::Write as _;

use super::pdf_writer::{hex, stream, write_file, Pdf};

/// The line of text every hostile fragment prints, so that a test can tell it was read.
pub const TITLE: &str = "一般公共预算财政拨款支出决算表";

/// A hostile PDF and the name it is known by (in tests, bench ids and file names).
pub struct Hostile {
    pub name: &'static str,
    pub pdf: Vec<u8>,
}

/// A one-page document as its objects, edited before it is written. Object `n` is at index
/// `n - 1`: 1 the catalog, 2 the page tree, 3 the Type0 font (`/F1`), 4–6 its CIDFont, font
/// descriptor and ToUnicode CMap, then the page and its content stream, then what is added.
pub struct Doc {
    pub objects: Vec<Vec<u8>>,
    /// The page's object number.
    pub page: u32,
    /// Its content stream's.
    pub content: u32,
}

impl Doc {
    /// The page with `TITLE` on it.
    pub fn new() -> Doc {
        let mut pdf = Pdf::new();
        pdf.a4_page().text(72.0, 770.0, 12.0, TITLE);
        let objects = pdf.objects();
        let content = objects.len() as u32;
        Doc {
            objects,
            page: content - 1,
            content,
        }
    }

    /// The number the next object added gets.
    pub fn next(&self) -> u32 {
        self.objects.len() as u32 + 1
    }

    /// Adds an object; its number.
    pub fn add(&mut self, body: impl Into<Vec<u8>>) -> u32 {
        self.objects.push(body.into());
        self.objects.len() as u32
    }

    /// Adds a stream with dictionary entries `dict` (`/Length` is added) and `data`; its number.
    pub fn add_stream(&mut self, dict: &str, data: &[u8]) -> u32 {
        self.add(stream(dict, data))
    }

    /// Adds a stream of `data` deflated (`/FlateDecode`); its number.
    pub fn add_deflated(&mut self, dict: &str, data: &[u8]) -> u32 {
        let dict = format!("{dict} /Filter /FlateDecode");
        self.add_stream(&dict, &deflate(data))
    }

    /// Replaces object `n`'s body.
    pub fn set(&mut self, n: u32, body: impl Into<Vec<u8>>) {
        self.objects[n as usize - 1] = body.into();
    }

    /// Edits the text of object `n` (the catalog, the page tree or the page: ASCII).
    pub fn edit(&mut self, n: u32, f: impl FnOnce(String) -> String) {
        let i = n as usize - 1;
        let text = String::from_utf8(std::mem::take(&mut self.objects[i])).unwrap();
        self.objects[i] = f(text).into_bytes();
    }

    /// Adds `entries` to the page's resources (`/XObject << /X 9 0 R >>`, say).
    pub fn resources(&mut self, entries: &str) {
        self.edit(self.page, |p| {
            p.replacen("/Resources << ", &format!("/Resources << {entries} "), 1)
        });
    }

    /// Makes the page's `/Contents` the value `value` (`[8 0 R 9 0 R]`, say).
    pub fn contents(&mut self, value: &str) {
        let old = format!("/Contents {} 0 R", self.content);
        self.edit(self.page, |p| {
            p.replacen(&old, &format!("/Contents {value}"), 1)
        });
    }

    /// Draws `ops` after the title (as a second content stream, deflated); its object number.
    pub fn draw(&mut self, ops: &[u8]) -> u32 {
        let n = self.add_deflated("", ops);
        self.contents(&format!("[{} 0 R {n} 0 R]", self.content));
        n
    }

    pub fn finish(&self) -> Vec<u8> {
        write_file(&self.objects)
    }
}

impl Default for Doc {
    fn default() -> Self {
        Self::new()
    }
}

/// `data` zlib-compressed.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(data).unwrap();
    z.finish().unwrap()
}

/// `text` shown with `/F1` at (x, y): an operator sequence drawing readable characters.
pub fn show(x: f32, y: f32, text: &str) -> String {
    format!("BT /F1 12 Tf {x} {y} Td {} Tj ET\n", hex(text))
}

/// `open` `n` times, `middle`, `close` `n` times.
pub fn nested(open: &str, middle: &str, close: &str, n: usize) -> String {
    let mut out = String::with_capacity((open.len() + close.len()) * n + middle.len());
    for _ in 0..n {
        out.push_str(open);
    }
    out.push_str(middle);
    for _ in 0..n {
        out.push_str(close);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Reference cycles.

/// The page tree's `/Kids` lists the root itself, and an intermediate node that lists itself,
/// its parent and the page again.
pub fn kids_cycle() -> Vec<u8> {
    let mut d = Doc::new();
    let node = d.next();
    let page = d.page;
    d.add(format!(
        "<< /Type /Pages /Parent 2 0 R /Kids [{node} 0 R 2 0 R {page} 0 R] /Count 1 >>"
    ));
    d.set(
        2,
        format!("<< /Type /Pages /Kids [{page} 0 R 2 0 R {node} 0 R] /Count 1 >>"),
    );
    d.finish()
}

/// The catalog's `/Pages` is an object whose value is a reference to itself (`9 0 obj 9 0 R`).
pub fn pages_is_itself() -> Vec<u8> {
    let mut d = Doc::new();
    let n = d.next();
    d.add(format!("{n} 0 R"));
    d.set(1, format!("<< /Type /Catalog /Pages {n} 0 R >>"));
    d.finish()
}

/// Objects whose value is a reference to themselves, used as a content stream, a font, an
/// XObject, a colour space and the resources of a form.
pub fn refers_to_itself() -> Vec<u8> {
    let mut d = Doc::new();
    let me = d.next();
    d.add(format!("{me} 0 R"));
    d.resources(&format!(
        "/XObject << /X1 {me} 0 R >> /ColorSpace << /C1 {me} 0 R >> /ExtGState << /G1 {me} 0 R >>"
    ));
    d.edit(d.page, |p| {
        p.replacen("/F1 3 0 R", &format!("/F1 3 0 R /F2 {me} 0 R"), 1)
    });
    let ops = format!(
        "/G1 gs /C1 cs 0.5 sc /X1 Do BT /F2 12 Tf 72 700 Td {} Tj ET\n",
        hex("二")
    );
    let n = d.add_deflated("", ops.as_bytes());
    d.contents(&format!("[{} 0 R {me} 0 R {n} 0 R]", d.content));
    d.finish()
}

/// The page's `/Contents` is an array that contains itself.
pub fn contents_contains_itself() -> Vec<u8> {
    let mut d = Doc::new();
    let me = d.next();
    d.add(format!("[{} 0 R {me} 0 R]", d.content));
    d.contents(&format!("{me} 0 R"));
    d.finish()
}

/// A Type0 font whose descendant is itself, a CIDFont whose descriptor is the font, and a
/// resources dictionary that lists itself as a font, an XObject and a pattern.
pub fn font_loop() -> Vec<u8> {
    let mut d = Doc::new();
    let type0 = d.next();
    d.add(format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /Loop /Encoding /Identity-H \
         /DescendantFonts [{type0} 0 R] /ToUnicode {type0} 0 R >>"
    ));
    let cid = d.next();
    d.add(format!(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Loop /FontDescriptor {cid} 0 R \
         /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>"
    ));
    let outer = d.next();
    d.add(format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /Loop2 /Encoding /Identity-H \
         /DescendantFonts [{cid} 0 R] >>"
    ));
    let res = d.next();
    d.add(format!(
        "<< /Font << /F1 3 0 R /F2 {type0} 0 R /F3 {outer} 0 R /F4 {res} 0 R >> \
         /XObject << /X1 {res} 0 R >> /Pattern << /P1 {res} 0 R >> /Self {res} 0 R >>"
    ));
    d.edit(d.page, |p| {
        let at = p.find("/Resources").unwrap();
        let end = p.find(" /Contents").unwrap();
        format!("{}/Resources {res} 0 R{}", &p[..at], &p[end..])
    });
    d.draw(b"BT /F2 12 Tf 72 700 Td <0001> Tj /F3 12 Tf <0002> Tj /F4 12 Tf <0003> Tj ET /X1 Do");
    d.finish()
}

/// A form XObject that draws itself once: hayro-interpret stops at its nesting limit
/// (`MAX_NESTED_INTERPRETATION_DEPTH`, 50).
pub fn form_draws_itself() -> Vec<u8> {
    let mut d = Doc::new();
    let form = d.next();
    d.add_stream(
        &format!("/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources << /XObject << /X1 {form} 0 R >> >>"),
        b"/X1 Do",
    );
    d.resources(&format!("/XObject << /X1 {form} 0 R >>"));
    d.draw(b"/X1 Do");
    d.finish()
}

/// Colour spaces whose base or alternate is themselves: `[/Indexed 9 0 R 0 <00>]`,
/// `[/Pattern 10 0 R]`, `[/Separation /S 11 0 R f]`, used by `cs`.
pub fn colour_space_cycle() -> Vec<u8> {
    let mut d = Doc::new();
    let indexed = d.next();
    d.add(format!("[/Indexed {indexed} 0 R 0 <00>]"));
    let pattern = d.next();
    d.add(format!("[/Pattern {pattern} 0 R]"));
    let separation = d.next();
    d.add(format!(
        "[/Separation /Spot {separation} 0 R << /FunctionType 2 /Domain [0 1] /C0 [0] /C1 [1] /N 1 >>]"
    ));
    d.resources(&format!(
        "/ColorSpace << /C1 {indexed} 0 R /C2 {pattern} 0 R /C3 {separation} 0 R >>"
    ));
    d.draw(b"/C1 cs 0 sc /C2 cs /C3 cs 1 sc 0 0 10 10 re f");
    d.finish()
}

/// A stitching function (type 3) that stitches itself, the function of a shading drawn by `sh`.
pub fn function_cycle() -> Vec<u8> {
    let mut d = Doc::new();
    let f = d.next();
    d.add(format!(
        "<< /FunctionType 3 /Domain [0 1] /Functions [{f} 0 R] /Bounds [] /Encode [0 1] >>"
    ));
    let sh = d.add(format!(
        "<< /ShadingType 2 /ColorSpace /DeviceGray /Coords [0 0 100 0] /Function {f} 0 R >>"
    ));
    d.resources(&format!("/Shading << /S1 {sh} 0 R >>"));
    d.draw(b"/S1 sh");
    d.finish()
}

/// The trailer's `/Prev` is the offset of its own cross-reference table.
pub fn xref_prev_cycle() -> Vec<u8> {
    let file = Doc::new().finish();
    let text = String::from_utf8_lossy(&file).into_owned();
    let at = text.rfind("startxref\n").unwrap();
    let offset: usize = text[at + 10..].lines().next().unwrap().parse().unwrap();
    let with = text.replacen("/Root 1 0 R", &format!("/Root 1 0 R /Prev {offset}"), 1);
    with.into_bytes()
}

// ---------------------------------------------------------------------------------------------
// Deep nesting.

/// How deep the nested ones go.
pub const DEEP: usize = 10_000;

/// An entry of the page's resources nested `DEEP` deep: arrays `[[[…]]]` or dictionaries
/// `<< /A << /A … >> >>`.
pub fn deep_in_resources(dicts: bool) -> Vec<u8> {
    let mut d = Doc::new();
    let deep = if dicts {
        nested("<< /A ", "1", " >>", DEEP)
    } else {
        nested("[", "1", "]", DEEP)
    };
    d.resources(&format!("/Deep {deep}"));
    d.finish()
}

/// An operand of the content stream nested `DEEP` deep (a `TJ` array, an inline image's
/// dictionary), after the title.
pub fn deep_in_content(dicts: bool) -> Vec<u8> {
    let mut d = Doc::new();
    let ops = if dicts {
        format!("/P {} BDC EMC", nested("<< /A ", "1", " >>", DEEP))
    } else {
        format!(
            "BT /F1 12 Tf 72 700 Td {} TJ ET",
            nested("[", "<4E00>", "]", DEEP)
        )
    };
    d.draw(ops.as_bytes());
    d.finish()
}

/// The same nesting as the value of an indirect object (the page's `/Deep` refers to it).
pub fn deep_object(dicts: bool) -> Vec<u8> {
    let mut d = Doc::new();
    let deep = if dicts {
        nested("<< /A ", "1", " >>", DEEP)
    } else {
        nested("[", "1", "]", DEEP)
    };
    let n = d.add(deep);
    d.resources(&format!("/Deep {n} 0 R"));
    d.finish()
}

/// A page tree `DEEP` levels deep, the page at the bottom.
pub fn deep_page_tree() -> Vec<u8> {
    let mut d = Doc::new();
    let first = d.next();
    for i in 0..DEEP as u32 {
        let kid = if i + 1 == DEEP as u32 {
            d.page
        } else {
            first + i + 1
        };
        d.add(format!("<< /Type /Pages /Kids [{kid} 0 R] /Count 1 >>"));
    }
    d.set(
        2,
        format!("<< /Type /Pages /Kids [{first} 0 R] /Count 1 >>"),
    );
    d.finish()
}

/// `q` (save the graphics state) `DEEP` × 10 times, the title again, then as many `Q`.
pub fn deep_save_state() -> Vec<u8> {
    let mut d = Doc::new();
    let ops = nested("q ", &show(72.0, 700.0, TITLE), "Q ", DEEP * 10);
    d.draw(ops.as_bytes());
    d.finish()
}

/// A colour space whose base is a colour space whose base is …, `DEEP` indirect objects deep
/// (`[/Indexed 10 0 R 0 <00>]`, 10 the same with 11, …): no cycle, and no nesting within one
/// object for the syntax's depth limit to stop.
pub fn deep_colour_space_chain() -> Vec<u8> {
    let mut d = Doc::new();
    let first = d.next();
    for i in 0..DEEP as u32 {
        if i + 1 == DEEP as u32 {
            d.add("/DeviceGray");
        } else {
            d.add(format!("[/Indexed {} 0 R 0 <00>]", first + i + 1));
        }
    }
    d.resources(&format!("/ColorSpace << /C1 {first} 0 R >>"));
    d.draw(b"/C1 cs 0 sc 0 0 10 10 re f");
    d.finish()
}

/// A colour space nested 400 deep within one object (`[/Indexed [/Indexed … ] 0 <00>]`):
/// within the syntax's depth limit (512), each level a recursion of the colour-space reader.
pub fn deep_colour_space_direct() -> Vec<u8> {
    let mut d = Doc::new();
    let cs = nested("[/Indexed ", "/DeviceGray", " 0 <00>]", 400);
    d.resources(&format!("/ColorSpace << /C1 {cs} >>"));
    d.draw(b"/C1 cs 0 sc 0 0 10 10 re f");
    d.finish()
}

/// Stitching functions (type 3) `DEEP` indirect objects deep, a shading's function.
pub fn deep_function_chain() -> Vec<u8> {
    let mut d = Doc::new();
    let first = d.next();
    for i in 0..DEEP as u32 {
        if i + 1 == DEEP as u32 {
            d.add("<< /FunctionType 2 /Domain [0 1] /C0 [0] /C1 [1] /N 1 >>");
        } else {
            d.add(format!(
                "<< /FunctionType 3 /Domain [0 1] /Functions [{} 0 R] /Bounds [] /Encode [0 1] >>",
                first + i + 1
            ));
        }
    }
    let sh = d.add(format!(
        "<< /ShadingType 2 /ColorSpace /DeviceGray /Coords [0 0 100 0] /Function {first} 0 R >>"
    ));
    d.resources(&format!("/Shading << /S1 {sh} 0 R >>"));
    d.draw(b"/S1 sh");
    d.finish()
}

/// A PostScript function (type 4) whose procedure nests `{ … }` a million deep, the tint
/// transform of a Separation colour space set by `cs`.
pub fn deep_postscript_function() -> Vec<u8> {
    let mut d = Doc::new();
    let program = nested("{", "", "}", 100 * DEEP);
    let f = d.add_deflated(
        "/FunctionType 4 /Domain [0 1] /Range [0 1]",
        program.as_bytes(),
    );
    d.resources(&format!(
        "/ColorSpace << /C1 [/Separation /Spot /DeviceGray {f} 0 R] >>"
    ));
    d.draw(b"/C1 cs 0.5 sc 0 0 10 10 re f");
    d.finish()
}

// ---------------------------------------------------------------------------------------------
// Many pages.

/// `n` pages, each the same page object's text (all sharing one content stream), in a page
/// tree of fan-out `fanout` (`n` for one flat `/Kids` array).
pub fn many_pages(n: usize, fanout: usize) -> Vec<u8> {
    let mut d = Doc::new();
    let page = String::from_utf8(d.objects[d.page as usize - 1].clone()).unwrap();
    // The level being built: object numbers of its nodes (the pages first).
    let mut level: Vec<u32> = (0..n).map(|_| d.add(page.clone())).collect();
    while level.len() > fanout {
        let mut up = Vec::new();
        for kids in level.chunks(fanout) {
            up.push(d.add(pages_node(kids)));
        }
        level = up;
    }
    d.set(2, pages_node(&level));
    d.finish()
}

fn pages_node(kids: &[u32]) -> String {
    let mut out = String::from("<< /Type /Pages /Kids [");
    for k in kids {
        let _ = write!(out, "{k} 0 R ");
    }
    let _ = write!(out, "] /Count {} >>", kids.len());
    out
}

/// `n` pages written as direct dictionaries in the root's `/Kids` (`[<< >> << >> …]`): a
/// page is four bytes of the file, and no object of its own.
pub fn inline_pages(n: usize) -> Vec<u8> {
    let mut d = Doc::new();
    let mut kids = String::with_capacity(n * 5 + 64);
    kids.push_str("<< /Type /Pages /Kids [");
    for _ in 0..n {
        kids.push_str("<<>> ");
    }
    let _ = write!(kids, "] /Count {n} >>");
    d.set(2, kids);
    d.finish()
}

// ---------------------------------------------------------------------------------------------
// Many objects and operators.

/// `n` objects (`null`) besides the page's.
pub fn many_objects(n: usize) -> Vec<u8> {
    let mut d = Doc::new();
    for _ in 0..n {
        d.add("null");
    }
    d.finish()
}

/// A content stream of `n` copies of `op` after the title (deflated: a few hundred bytes per
/// million operators).
pub fn many_operators(op: &str, n: usize) -> Vec<u8> {
    let mut d = Doc::new();
    d.draw(op.repeat(n).as_bytes());
    d.finish()
}

/// A chain of `levels` form XObjects, each drawing the next one twice: 2^`levels` forms drawn
/// from a file of a few kilobytes (the last draws a rule).
pub fn forms_doubling(levels: u32) -> Vec<u8> {
    let mut d = Doc::new();
    let first = d.next();
    for i in 0..levels {
        let dict = "/Type /XObject /Subtype /Form /BBox [0 0 600 800]";
        if i + 1 == levels {
            d.add_stream(dict, b"0 0 m 100 0 l S");
        } else {
            d.add_stream(
                &format!(
                    "{dict} /Resources << /XObject << /X {} 0 R >> >>",
                    first + i + 1
                ),
                b"/X Do /X Do",
            );
        }
    }
    d.resources(&format!("/XObject << /X {first} 0 R >>"));
    d.draw(b"/X Do");
    d.finish()
}

/// Stitching functions (type 3) `levels` deep, each stitching the next one twice: 2^`levels`
/// functions built each time the shading they colour is drawn, from a file of a few kilobytes.
pub fn function_tree(levels: u32) -> Vec<u8> {
    let mut d = Doc::new();
    let first = d.next();
    for i in 0..levels {
        if i + 1 == levels {
            d.add("<< /FunctionType 2 /Domain [0 1] /C0 [0] /C1 [1] /N 1 >>");
        } else {
            let next = first + i + 1;
            d.add(format!(
                "<< /FunctionType 3 /Domain [0 1] /Functions [{next} 0 R {next} 0 R] \
                 /Bounds [0.5] /Encode [0 1 0 1] >>"
            ));
        }
    }
    let sh = d.add(format!(
        "<< /ShadingType 2 /ColorSpace /DeviceGray /Coords [0 0 100 0] /Function {first} 0 R >>"
    ));
    d.resources(&format!("/Shading << /S1 {sh} 0 R >>"));
    d.draw(b"/S1 sh");
    d.finish()
}

/// A content stream of spaces inflating to `bytes`: within the inflation budget, it is
/// inflated whole before it can be measured.
pub fn big_content(bytes: usize) -> Vec<u8> {
    let mut d = Doc::new();
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let chunk = vec![b' '; 1 << 20];
    let mut left = bytes;
    while left > 0 {
        let k = left.min(chunk.len());
        z.write_all(&chunk[..k]).unwrap();
        left -= k;
    }
    let n = d.add_stream("/Filter /FlateDecode", &z.finish().unwrap());
    d.contents(&format!("[{} 0 R {n} 0 R]", d.content));
    d.finish()
}

/// A form that draws itself twice: 2^50 forms drawn before hayro's nesting limit (50) stops it.
pub fn form_draws_itself_twice() -> Vec<u8> {
    let mut d = Doc::new();
    let form = d.next();
    d.add_stream(
        &format!("/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources << /XObject << /X1 {form} 0 R >> >>"),
        b"/X1 Do /X1 Do",
    );
    d.resources(&format!("/XObject << /X1 {form} 0 R >>"));
    d.draw(b"/X1 Do");
    d.finish()
}

/// A form of `bytes` spaces and nothing else, drawn `draws` times: no operator in it, but
/// hayro-interpret inflates and reads it at each `Do`.
pub fn empty_form_drawn_often(bytes: usize, draws: usize) -> Vec<u8> {
    let mut d = Doc::new();
    let form = d.add_deflated(
        "/Type /XObject /Subtype /Form /BBox [0 0 600 800]",
        " ".repeat(bytes).as_bytes(),
    );
    d.resources(&format!("/XObject << /X1 {form} 0 R >>"));
    d.draw("/X1 Do ".repeat(draws).as_bytes());
    d.finish()
}

/// One `Tj` showing `n` characters.
pub fn long_string(n: usize) -> Vec<u8> {
    let mut d = Doc::new();
    let mut s = String::with_capacity(4 * n + 64);
    s.push_str("BT /F1 1 Tf 72 700 Td <");
    for _ in 0..n {
        s.push_str("4E00");
    }
    s.push_str("> Tj ET");
    d.draw(s.as_bytes());
    d.finish()
}

/// A cross-reference stream, the file's only one, whose entries are one byte each (`/W [0 1 0]`)
/// and which inflates to `n` zero bytes: `n` entries from a small file.
pub fn xref_stream_entries(n: usize) -> Vec<u8> {
    let d = Doc::new();
    let mut out = write_file(&d.objects);
    // The table and trailer written go; a cross-reference stream takes their place.
    let at = memchr_last(&out, b"xref\n0 ");
    out.truncate(at);
    let xref = out.len();
    let next = d.objects.len() + 1;
    let data = deflate(&vec![0u8; n]);
    out.extend_from_slice(
        format!(
            "{next} 0 obj\n<< /Type /XRef /Size {n} /W [0 1 0] /Root 1 0 R /Filter /FlateDecode /Length {} >>\nstream\n",
            data.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&data);
    out.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    out
}

fn memchr_last(hay: &[u8], needle: &[u8]) -> usize {
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| &hay[i..i + needle.len()] == needle)
        .unwrap()
}

// ---------------------------------------------------------------------------------------------
// Damaged files.

/// A readable three-page report fragment (compressed content streams) to cut and break.
pub fn three_pages() -> Vec<u8> {
    let mut pdf = Pdf::new().compressed(true);
    for i in 0..3 {
        let page = pdf.a4_page();
        page.text(72.0, 770.0, 12.0, TITLE);
        page.text(72.0, 750.0, 10.0, &format!("第{}页", i + 1));
    }
    pdf.finish()
}

/// `pdf` cut at every twentieth of its length, and at places in its cross-reference table and
/// trailer: a name for each cut and the bytes left.
pub fn cuts(pdf: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut at: Vec<(String, usize)> = (0..20)
        .map(|k| (format!("{k}/20"), pdf.len() * k / 20))
        .collect();
    let xref = memchr_last(pdf, b"xref\n0 ");
    let trailer = memchr_last(pdf, b"trailer");
    let startxref = memchr_last(pdf, b"startxref");
    let eof = memchr_last(pdf, b"%%EOF");
    for (name, offset) in [
        ("at xref", xref),
        ("in the xref table", (xref + trailer) / 2),
        ("at trailer", trailer),
        ("in the trailer", trailer + 12),
        ("at startxref", startxref),
        ("in the startxref offset", startxref + 11),
        ("at %%EOF", eof),
        ("one byte short", pdf.len() - 1),
    ] {
        at.push((name.to_string(), offset));
    }
    at.into_iter()
        .map(|(name, offset)| (name, pdf[..offset].to_vec()))
        .collect()
}

/// `pdf` with junk inserted after its header: every offset of the cross-reference table and
/// `startxref` points 1,000 bytes early.
pub fn shifted(pdf: &[u8]) -> Vec<u8> {
    let header = pdf.iter().position(|&b| b == b'\n').unwrap() + 1;
    let mut out = pdf[..header].to_vec();
    out.extend_from_slice(b"%");
    out.extend(std::iter::repeat_n(b'x', 998));
    out.push(b'\n');
    out.extend_from_slice(&pdf[header..]);
    out
}

/// `pdf` with its cross-reference table overwritten by junk of the same length.
pub fn xref_garbled(pdf: &[u8]) -> Vec<u8> {
    let xref = memchr_last(pdf, b"xref\n0 ");
    let trailer = memchr_last(pdf, b"trailer");
    let mut out = pdf.to_vec();
    for b in &mut out[xref..trailer] {
        if !b.is_ascii_whitespace() {
            *b = b'#';
        }
    }
    out
}

/// Every hostile kind at its full size, for the bench and for measuring by hand.
pub fn all() -> Vec<Hostile> {
    let three = three_pages();
    let kinds: Vec<(&'static str, Vec<u8>)> = vec![
        ("kids-cycle", kids_cycle()),
        ("pages-is-itself", pages_is_itself()),
        ("refers-to-itself", refers_to_itself()),
        ("contents-contains-itself", contents_contains_itself()),
        ("font-loop", font_loop()),
        ("form-draws-itself", form_draws_itself()),
        ("colour-space-cycle", colour_space_cycle()),
        ("function-cycle", function_cycle()),
        ("xref-prev-cycle", xref_prev_cycle()),
        ("deep-arrays-in-resources", deep_in_resources(false)),
        ("deep-dicts-in-resources", deep_in_resources(true)),
        ("deep-arrays-in-content", deep_in_content(false)),
        ("deep-dicts-in-content", deep_in_content(true)),
        ("deep-array-object", deep_object(false)),
        ("deep-dict-object", deep_object(true)),
        ("deep-page-tree", deep_page_tree()),
        ("deep-save-state", deep_save_state()),
        ("deep-colour-space-chain", deep_colour_space_chain()),
        ("deep-colour-space-direct", deep_colour_space_direct()),
        ("deep-function-chain", deep_function_chain()),
        ("deep-postscript-function", deep_postscript_function()),
        ("pages-100k-flat", many_pages(100_000, 100_000)),
        ("pages-100k-tree", many_pages(100_000, 10)),
        ("pages-1m-inline", inline_pages(1_000_000)),
        ("objects-1m", many_objects(1_000_000)),
        (
            "operators-5m-path",
            many_operators("0 0 m 1 1 l ", 2_500_000),
        ),
        ("operators-5m-save", many_operators("q Q ", 2_500_000)),
        (
            "operators-5m-glyphs",
            many_operators("BT /F1 9 Tf 72 700 Td <4E00> Tj ET ", 1_000_000),
        ),
        ("forms-doubling-30", forms_doubling(30)),
        ("form-draws-itself-twice", form_draws_itself_twice()),
        (
            "empty-form-drawn-often",
            empty_form_drawn_often(1 << 20, 10_000),
        ),
        ("long-string", long_string(10_000_000)),
        ("xref-stream-entries", xref_stream_entries(200 << 20)),
        ("truncated-half", three[..three.len() / 2].to_vec()),
        ("xref-shifted", shifted(&three)),
        ("xref-garbled", xref_garbled(&three)),
        ("function-tree-30", function_tree(30)),
    ];
    kinds
        .into_iter()
        .map(|(name, pdf)| Hostile { name, pdf })
        .collect()
}

/// The largest inputs each budget lets through (or just refuses after hayro has built what it
/// builds on opening the file): what reading costs at the budgets' edges.
pub fn at_budgets() -> Vec<Hostile> {
    let objects = 500_000usize; // MAX_OBJECTS
    let operators = 2_000_000usize; // MAX_OPERATORS
    let kinds: Vec<(&'static str, Vec<u8>)> = vec![
        // A page is an object and three dictionaries (its own, its resources, its fonts).
        (
            "pages-at-object-budget",
            many_pages(objects / 4 - 100, objects),
        ),
        ("pages-inline-at-object-budget", inline_pages(objects - 100)),
        ("objects-at-budget", many_objects(objects - 100)),
        (
            "xref-stream-at-object-budget",
            xref_stream_entries(objects - 100),
        ),
        // A pair is two operators and 12 bytes (a sixteenth each): 2.75 of the budget.
        (
            "path-at-operator-budget",
            many_operators("0 0 m 1 1 l ", operators * 35 / 100),
        ),
        // A character is 2 bytes of text and 4 of the stream: 2.25.
        ("text-at-operator-budget", long_string(operators * 42 / 100)),
        // 2^15 forms drawn, each 2 operators and FORM_COST (32).
        ("forms-doubling-15", forms_doubling(15)),
        // MAX_INFLATED less a mebibyte, the page's second content stream.
        ("content-at-inflation-budget", big_content(127 << 20)),
    ];
    kinds
        .into_iter()
        .map(|(name, pdf)| Hostile { name, pdf })
        .collect()
}
