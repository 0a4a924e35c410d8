//! The reader's budgets against hostile PDFs (issue 16, item 7): what hayro-syntax and
//! hayro-interpret do not bound themselves, measured before they do it.
//!
//! What hayro bounds already, and the budgets here rely on:
//! - reference cycles: an object is not read again while it is being read (hayro-syntax,
//!   `IndirectObject::read` and the `parent_chain` of its `ReaderContext`), so `9 0 obj 9 0 R`,
//!   a `/Contents` array holding itself, a font or a colour space that is its own descendant
//!   resolve to nothing; the page tree is walked with a set of the nodes seen (`page.rs`,
//!   `resolve_pages`), iteratively, so neither a cycle nor a tree 10,000 levels deep hurts it;
//!   the chain of cross-reference sections is followed at most 256 deep, each once
//!   (`xref.rs`, `MAX_XREF_CHAIN_DEPTH`);
//! - nesting within one object: at most 512 arrays and dictionaries deep
//!   (`object/mod.rs`, `MAX_OBJECT_NESTING_DEPTH`); a deeper object is unreadable (null);
//! - form XObjects drawn within form XObjects: at most 50 deep (hayro-interpret, `context.rs`,
//!   `MAX_NESTED_INTERPRETATION_DEPTH`); CMaps used by CMaps: 16 deep (hayro-cmap).
//!
//! What it does not bound, and the budget here that does:
//! - how much its compressed streams inflate to: [`MAX_INFLATED`], measured by inflating each
//!   into a small buffer before hayro inflates anything;
//! - how many objects it builds: every dictionary may become a page (hayro takes a `/Kids`
//!   entry of any type for a page, about a kilobyte each) and every entry of a cross-reference
//!   stream an entry of its table (one byte each when `/W` is `[0 1 0]`, so a stream inflating
//!   to 200 MiB of zeros made 200 million): [`MAX_OBJECTS`], counted in the same pass;
//! - how deep colour spaces and functions go through references (`[/Indexed 10 0 R …]`, 10
//!   the same with 11, …: each level a recursion of hayro-interpret, which overflowed the stack
//!   at a few thousand), and how deep a PostScript function's braces nest (its parser recurses
//!   at each `{`): [`MAX_DEPTH`], which also refuses syntax nested deeper than it in an object
//!   or a content stream, as pdfium does (`kParserMaxRecursionDepth`, 64);
//! - how much work drawing the pages is: a form drawn by a form drawn by a form …, each
//!   drawing the next twice, is 2^30 forms from a few kilobytes; one `Tj` of ten million
//!   characters materialises ten million glyphs at once; every `Do` of a form inflates its
//!   stream anew: [`MAX_OPERATORS`], counted on each page before it is drawn, forms as often
//!   as they are drawn.
//!
//! Each budget hit is a [`PdfError`] of its own, which `fislint check` reports with exit 2.

use std::collections::HashMap;
use std::rc::Rc;

use hayro_interpret::hayro_syntax::content::UntypedIter;
use hayro_interpret::hayro_syntax::object::{
    Array, Dict, MaybeRef, Name, Object, ObjectIdentifier, Stream,
};
use hayro_interpret::hayro_syntax::page::{Page as HayroPage, Resources};
use hayro_interpret::hayro_syntax::xref::XRef;

use super::glyphs::PdfError;

/// The most bytes the PDF's compressed streams may inflate to, all together (128 MiB): a report
/// with its fonts inflates to one or two megabytes; a stream that inflates to gigabytes is a
/// bomb. hayro holds a page's content inflated, two or three times over while it grows and is
/// joined: a content stream just within this budget peaks at 350 to 480 MB, where one of
/// 500 MiB (within the earlier budget, 512 MiB) peaked at 1.7 GB.
pub const MAX_INFLATED: u64 = 128 * 1024 * 1024;

/// The most objects: indirect objects (`n 0 obj` and entries of cross-reference streams) and
/// dictionaries (`<<`, in the file and in its object streams), together. The reports seen have
/// 200 to 350; 100,000 pages of an object and three dictionaries each are within it (and
/// refused as pages, hayro having built them: 280 MB), a million objects are not. At its edge,
/// half a million pages written as `<<>>` peak at 600 MB.
pub const MAX_OBJECTS: u64 = 500_000;

/// The most levels arrays and dictionaries nest in an object or a content stream, colour spaces
/// and functions nest through one another, and a PostScript function's braces nest. A report
/// nests a few levels.
pub const MAX_DEPTH: usize = 64;

/// The most drawing work for the whole file, in operators: each operator of a content stream
/// is one, and so is each byte of text it shows and each 16 bytes of the stream (hayro reads
/// them all); a form counts each time it is drawn; a shading, pattern, image or graphics state
/// counts the colour spaces and functions hayro builds for it. The reports seen count 70,000 to
/// 130,000 (21 to 33 pages).
pub const MAX_OPERATORS: u64 = 2_000_000;

/// hayro-interpret's limit on forms drawn within forms (`MAX_NESTED_INTERPRETATION_DEPTH`).
const MAX_FORM_NESTING: u32 = 50;

/// What drawing a form costs besides its operators, in operators: hayro-interpret inflates its
/// stream again, saves and restores the graphics state and clips to its box.
const FORM_COST: u64 = 32;

/// What the pre-scan of the file's bytes found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scan {
    /// Bytes the zlib streams inflate to, all together (counted up to just past the limit).
    pub inflated: u64,
    /// Objects, as [`MAX_OBJECTS`] counts them.
    pub objects: u64,
    /// The deepest nesting of arrays and dictionaries within one object.
    pub depth: usize,
}

/// Reads through the file's bytes once, without hayro: every zlib stream inflated into a small
/// buffer and counted (never kept), objects counted, and the nesting of each object measured.
/// Every `stream` keyword's data (to the next `endstream`) is tried, whatever its dictionary
/// says (object streams and cross-reference streams included); data that is not zlib stops at
/// its header. Stops once more than `limit` bytes have been inflated.
pub fn scan(bytes: &[u8], limit: u64) -> Scan {
    let mut s = Scan::default();
    let mut scratch = vec![0u8; 64 * 1024];
    let mut at = 0;
    // Where the syntax not yet measured starts: the file outside the streams' data.
    let mut syntax_from = 0;
    while let Some(found) = memchr::memmem::find(&bytes[at..], b"stream") {
        let keyword = at + found;
        at = keyword + b"stream".len();
        // `endstream` contains `stream`; a stream's data starts after its keyword's line end.
        if bytes[..keyword].ends_with(b"end") {
            continue;
        }
        let start = match bytes.get(at..at + 2) {
            Some([b'\r', b'\n']) => at + 2,
            Some([b'\n', _]) | Some([b'\r', _]) => at + 1,
            // After a dictionary, a stream whose keyword is followed by spaces (or nothing)
            // before its line end, as careless writers leave it: its data is not syntax.
            _ if bytes[syntax_from..keyword]
                .trim_ascii_end()
                .ends_with(b">>") =>
            {
                let mut data = at;
                while matches!(bytes.get(data), Some(b' ' | b'\t')) {
                    data += 1;
                }
                match bytes.get(data..data + 2) {
                    Some([b'\r', b'\n']) => data + 2,
                    Some([b'\n', _]) | Some([b'\r', _]) => data + 1,
                    _ => data,
                }
            }
            _ => continue,
        };
        let syntax = &bytes[syntax_from..keyword];
        s.syntax(syntax);
        let kind = StreamKind::of(dictionary_before(syntax));
        let end =
            memchr::memmem::find(&bytes[start..], b"endstream").map_or(bytes.len(), |e| start + e);
        let mut nesting = Nesting::new(false);
        let mut last = 0u8;
        let mut dicts = 0u64;
        let inflated = inflate(
            &bytes[start..end],
            &mut scratch,
            limit - s.inflated.min(limit),
            |chunk| {
                if kind == StreamKind::Objects {
                    nesting.feed(chunk);
                    dicts += count_dicts(chunk, last);
                    last = chunk.last().copied().unwrap_or(last);
                }
            },
        );
        s.inflated = s.inflated.saturating_add(inflated);
        s.objects = s.objects.saturating_add(dicts);
        s.depth = s.depth.max(nesting.max);
        if let StreamKind::CrossReference(width) = kind {
            s.objects = s.objects.saturating_add(inflated / width);
        }
        if s.inflated > limit {
            return s;
        }
        at = end;
        syntax_from = end;
    }
    s.syntax(&bytes[syntax_from..]);
    s
}

/// How many bytes the file's zlib streams inflate to, all together, counted up to just past
/// `limit` (the pre-scan's first measure, [`scan`]).
pub fn inflated_size(bytes: &[u8], limit: u64) -> u64 {
    scan(bytes, limit).inflated
}

impl Scan {
    /// Counts the objects of a stretch of the file outside streams' data, and measures how deep
    /// each nests (from one `obj` keyword to the next, so that a damaged object does not
    /// carry its unclosed brackets into the next).
    fn syntax(&mut self, bytes: &[u8]) {
        self.objects = self.objects.saturating_add(count_dicts(bytes, 0));
        let mut from = 0;
        for at in memchr::memmem::find_iter(bytes, b"obj") {
            if is_object_header(bytes, at) {
                self.objects = self.objects.saturating_add(1);
            }
            self.measure(&bytes[from..at]);
            from = at + 3;
        }
        self.measure(&bytes[from..]);
    }

    fn measure(&mut self, bytes: &[u8]) {
        let mut nesting = Nesting::new(false);
        nesting.feed(bytes);
        self.depth = self.depth.max(nesting.max);
    }
}

/// Whether `obj` at `at` is an object's header: `12 0 obj`, followed by a delimiter.
fn is_object_header(bytes: &[u8], at: usize) -> bool {
    let after = bytes.get(at + 3).copied().unwrap_or(b' ');
    if is_regular(after) {
        return false;
    }
    let before = &bytes[..at];
    let Some(space) = before.last() else {
        return false;
    };
    if !is_white(*space) {
        return false;
    }
    let trimmed = before.trim_ascii_end();
    trimmed.last().is_some_and(u8::is_ascii_digit)
}

/// How many `<<` a chunk holds (`last`: the byte before it, for one split across chunks).
fn count_dicts(chunk: &[u8], last: u8) -> u64 {
    let split = u64::from(last == b'<' && chunk.first() == Some(&b'<'));
    split + memchr::memmem::find_iter(chunk, b"<<").count() as u64
}

/// The dictionary of the stream whose keyword ends `syntax`: the text after the last `obj`.
fn dictionary_before(syntax: &[u8]) -> &[u8] {
    let from = memchr::memmem::rfind(syntax, b"obj").map_or(0, |at| at + 3);
    &syntax[from..]
}

/// What a stream's dictionary says it is, as far as counting objects goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StreamKind {
    /// An object stream (`/Type /ObjStm`): objects' syntax.
    Objects,
    /// A cross-reference stream (`/Type /XRef`), with the bytes of one entry (`/W`'s sum).
    CrossReference(u64),
    Other,
}

impl StreamKind {
    fn of(dict: &[u8]) -> StreamKind {
        if has_name(dict, b"/ObjStm") {
            StreamKind::Objects
        } else if has_name(dict, b"/XRef") {
            StreamKind::CrossReference(entry_width(dict).max(1))
        } else {
            StreamKind::Other
        }
    }
}

/// Whether `dict` holds the name `name` (not a longer one starting with it).
fn has_name(dict: &[u8], name: &[u8]) -> bool {
    memchr::memmem::find_iter(dict, name)
        .any(|at| !is_regular(dict.get(at + name.len()).copied().unwrap_or(b' ')))
}

/// The sum of a cross-reference stream's `/W` entry, 1 when it cannot be read (hayro reads at
/// least one byte an entry).
fn entry_width(dict: &[u8]) -> u64 {
    for at in memchr::memmem::find_iter(dict, b"/W") {
        let rest = &dict[at + 2..];
        if rest.first().is_some_and(|&b| is_regular(b)) {
            continue;
        }
        let Some(open) = rest.iter().position(|&b| b == b'[') else {
            return 1;
        };
        let close = rest[open..]
            .iter()
            .position(|&b| b == b']')
            .map_or(rest.len(), |c| open + c);
        return rest[open + 1..close]
            .split(|b| is_white(*b))
            .filter_map(|n| std::str::from_utf8(n).ok()?.parse::<u64>().ok())
            .take(3)
            .fold(0u64, u64::saturating_add);
    }
    1
}

/// Inflates zlib `data` into `scratch` piece by piece, handing each piece to `each`; how many
/// bytes it inflated to, counting stopped just past `limit`.
fn inflate(data: &[u8], scratch: &mut [u8], limit: u64, mut each: impl FnMut(&[u8])) -> u64 {
    let mut inflater = flate2::Decompress::new(true);
    let mut total = 0u64;
    loop {
        let before_in = inflater.total_in();
        let before_out = inflater.total_out();
        let consumed = usize::try_from(before_in)
            .unwrap_or(data.len())
            .min(data.len());
        let status = inflater.decompress(&data[consumed..], scratch, flate2::FlushDecompress::None);
        let made = inflater.total_out() - before_out;
        let made_len = usize::try_from(made)
            .unwrap_or(scratch.len())
            .min(scratch.len());
        each(&scratch[..made_len]);
        total += made;
        if total > limit {
            return total;
        }
        let stuck = inflater.total_in() == before_in && made == 0;
        match status {
            Ok(flate2::Status::Ok) if !stuck => {}
            _ => return total,
        }
    }
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delimiter(b)
}

/// How deep arrays and dictionaries nest in PDF syntax fed to it piece by piece: strings,
/// hexadecimal strings and comments skipped, and in a content stream (`content`) an inline
/// image's data (from the word `ID` to ` EI`).
struct Nesting {
    content: bool,
    depth: usize,
    /// The deepest seen.
    max: usize,
    state: State,
    /// A `<` or `>` that ended the piece before, to be paired with this one's first byte.
    pending: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Syntax,
    /// Within a literal string, its parentheses this deep; the next byte escaped.
    String {
        depth: usize,
        escape: bool,
    },
    Hex,
    Comment,
    Image,
}

/// The bytes that change the state outside strings: the rest are skipped a byte a step.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    let special = b"()<>[]%I";
    while i < special.len() {
        table[special[i] as usize] = true;
        i += 1;
    }
    table
};

impl Nesting {
    fn new(content: bool) -> Self {
        Nesting {
            content,
            depth: 0,
            max: 0,
            state: State::Syntax,
            pending: None,
        }
    }

    fn open(&mut self) {
        self.depth += 1;
        self.max = self.max.max(self.depth);
    }

    fn feed(&mut self, data: &[u8]) {
        let n = data.len();
        let mut i = 0;
        match (self.pending.take(), data.first()) {
            (Some(b'<'), Some(b'<')) => {
                self.open();
                i = 1;
            }
            (Some(b'<'), Some(b'>')) => i = 1,
            (Some(b'<'), Some(_)) => self.state = State::Hex,
            (Some(b'>'), Some(b'>')) => {
                self.depth = self.depth.saturating_sub(1);
                i = 1;
            }
            (pending, None) => self.pending = pending,
            _ => {}
        }
        while i < n {
            match self.state {
                State::Syntax => {
                    let b = data[i];
                    if !SPECIAL[usize::from(b)] {
                        i += 1;
                        continue;
                    }
                    i += 1;
                    match b {
                        b'%' => self.state = State::Comment,
                        b'(' => {
                            self.state = State::String {
                                depth: 1,
                                escape: false,
                            }
                        }
                        b'[' => self.open(),
                        b']' => self.depth = self.depth.saturating_sub(1),
                        b'<' => match data.get(i) {
                            Some(b'<') => {
                                self.open();
                                i += 1;
                            }
                            Some(b'>') => i += 1,
                            Some(_) => self.state = State::Hex,
                            None => self.pending = Some(b'<'),
                        },
                        b'>' => match data.get(i) {
                            Some(b'>') => {
                                self.depth = self.depth.saturating_sub(1);
                                i += 1;
                            }
                            Some(_) => {}
                            None => self.pending = Some(b'>'),
                        },
                        // `ID`, a word of its own, in a content stream: an inline image's data.
                        b'I' => {
                            let word = data.get(i) == Some(&b'D')
                                && (i < 2 || is_white(data[i - 2]))
                                && data.get(i + 1).is_none_or(|&c| !is_regular(c));
                            if self.content && word {
                                self.state = State::Image;
                                i += 1;
                            }
                        }
                        _ => {}
                    }
                }
                State::String { depth, escape } => {
                    if escape {
                        i += 1;
                        self.state = State::String {
                            depth,
                            escape: false,
                        };
                        continue;
                    }
                    let Some(k) = memchr::memchr3(b'(', b')', b'\\', &data[i..]) else {
                        i = n;
                        continue;
                    };
                    i += k + 1;
                    self.state = match data[i - 1] {
                        b'\\' => State::String {
                            depth,
                            escape: true,
                        },
                        b'(' => State::String {
                            depth: depth + 1,
                            escape: false,
                        },
                        _ if depth > 1 => State::String {
                            depth: depth - 1,
                            escape: false,
                        },
                        _ => State::Syntax,
                    };
                }
                State::Hex => match memchr::memchr(b'>', &data[i..]) {
                    Some(k) => {
                        i += k + 1;
                        self.state = State::Syntax;
                    }
                    None => i = n,
                },
                State::Comment => match memchr::memchr2(b'\n', b'\r', &data[i..]) {
                    Some(k) => {
                        i += k + 1;
                        self.state = State::Syntax;
                    }
                    None => i = n,
                },
                State::Image => {
                    // ` EI` followed by a delimiter ends the data.
                    let end = memchr::memmem::find_iter(&data[i..], b"EI")
                        .map(|k| i + k)
                        .find(|&at| {
                            at > 0
                                && is_white(data[at - 1])
                                && data.get(at + 2).is_none_or(|&c| !is_regular(c))
                        });
                    match end {
                        Some(at) => {
                            i = at + 2;
                            self.state = State::Syntax;
                        }
                        None => i = n,
                    }
                }
            }
        }
    }
}

/// How deep the braces of a PostScript function's program nest.
fn brace_depth(program: &[u8]) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let mut comment = false;
    for &b in program {
        match b {
            b'\n' | b'\r' => comment = false,
            _ if comment => {}
            b'%' => comment = true,
            b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// The drawing work of the pages, counted before any is drawn: [`MAX_OPERATORS`] and, for the
/// content streams and the colour spaces and functions they use, [`MAX_DEPTH`].
pub(super) fn check_pages(pages: &[HayroPage<'_>], xref: &XRef) -> Result<(), PdfError> {
    let mut work = Work {
        xref,
        used: 0,
        forms: HashMap::new(),
        steps: HashMap::new(),
        weights: HashMap::new(),
        path: Vec::new(),
    };
    for (number, page) in pages.iter().enumerate() {
        let info = work.read_stream(page.page_stream().unwrap_or_default())?;
        let owner = Owner::Page(number);
        work.visit(owner, &info, page.resources(), owner, 0)?;
        work.annotations(page, number)?;
    }
    Ok(())
}

/// What hayro does with one content stream each time it is interpreted.
struct StreamInfo {
    /// Operators, text bytes and bytes read, as [`MAX_OPERATORS`] counts them.
    cost: u64,
    /// The resources its operators use, by kind and name, with how many times each.
    uses: Vec<(Use, Vec<u8>, u64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Use {
    /// `Do`: a form is drawn (and counted again), an image's colour space built.
    XObject,
    /// `sh`.
    Shading,
    /// `scn` or `SCN` with a pattern's name.
    Pattern,
    /// `cs` or `CS`.
    ColorSpace,
    /// `gs`.
    GraphicsState,
}

/// A page's content or a form: what is interpreted, and whose resources it is interpreted with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Owner {
    Page(usize),
    Form(ObjectIdentifier),
}

/// What interpreting a stream does besides its operators.
enum Step<'a> {
    /// Builds colour spaces, functions, shadings …, weighing this much.
    Build(u64),
    /// Draws a form: its object, its content, its own resources, how many times.
    Draw(ObjectIdentifier, Rc<StreamInfo>, Option<Resources<'a>>, u64),
}

fn is_form(stream: &Stream<'_>) -> bool {
    stream.dict().get::<Name<'_>>(b"Subtype").as_deref() == Some(b"Form")
}

/// A colour space's or function's key in the cache of weights: its object, or a direct one's
/// bytes (hashed with their length), which weigh the same wherever they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Object(ObjectIdentifier),
    Direct(u64, usize),
}

impl Key {
    fn direct(bytes: &[u8]) -> Key {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        Key::Direct(h.finish(), bytes.len())
    }
}

struct Work<'a> {
    xref: &'a XRef,
    /// Work counted so far.
    used: u64,
    /// Forms read, by object.
    forms: HashMap<ObjectIdentifier, Rc<StreamInfo>>,
    /// What each stream's resources are, by the stream and whose resources they are.
    steps: HashMap<(Owner, Owner), Rc<Vec<Step<'a>>>>,
    /// What each colour space, function, shading … weighs: (objects hayro builds for it, how
    /// deep they nest).
    weights: HashMap<Key, (u64, usize)>,
    /// The objects whose weight is being found, for cycles (hayro resolves them to nothing).
    path: Vec<ObjectIdentifier>,
}

impl<'a> Work<'a> {
    fn spend(&mut self, cost: u64) -> Result<(), PdfError> {
        self.used = self.used.saturating_add(cost);
        if self.used > MAX_OPERATORS {
            return Err(PdfError::TooMuchContent);
        }
        Ok(())
    }

    /// A content stream's operators counted and the resources they use listed; its syntax's
    /// nesting measured.
    fn read_stream(&mut self, data: &[u8]) -> Result<StreamInfo, PdfError> {
        let mut nesting = Nesting::new(true);
        nesting.feed(data);
        if nesting.max > MAX_DEPTH {
            return Err(PdfError::TooDeep);
        }
        let mut cost = (data.len() / 16) as u64;
        // Each resource once, with how often it is used (a page sets one colour space
        // thousands of times).
        let mut uses: HashMap<(Use, Vec<u8>), u64> = HashMap::new();
        let mut ops = UntypedIter::new(data);
        while let Some(op) = ops.next() {
            cost += 1;
            // A stream is counted at least once: past the budget alone, it is refused unread.
            if self.used.saturating_add(cost) > MAX_OPERATORS {
                return Err(PdfError::TooMuchContent);
            }
            let name = |i: usize| match op.operands().nth(i) {
                Some(Object::Name(n)) => Some(n.as_ref().to_vec()),
                _ => None,
            };
            let used = match &**op.operator {
                b"Tj" | b"'" | b"\"" | b"TJ" => {
                    cost = cost.saturating_add(op.operands().map(text_bytes).sum::<u64>());
                    None
                }
                b"Do" => Some(Use::XObject).zip(name(0)),
                b"sh" => Some(Use::Shading).zip(name(0)),
                b"cs" | b"CS" => Some(Use::ColorSpace).zip(name(0)),
                b"gs" => Some(Use::GraphicsState).zip(name(0)),
                b"scn" | b"SCN" => {
                    let last = op.operands().count().saturating_sub(1);
                    Some(Use::Pattern).zip(name(last))
                }
                b"BI" => {
                    // An inline image's colour space, if it is not a resource's name.
                    if let Some(Object::Stream(image)) = op.operands().next() {
                        let cs = image.dict().get_raw::<Object<'_>>(b"CS");
                        let cs = cs.or_else(|| image.dict().get_raw::<Object<'_>>(b"ColorSpace"));
                        if let Some(MaybeRef::NotRef(Object::Name(n))) = cs {
                            Some((Use::ColorSpace, n.as_ref().to_vec()))
                        } else {
                            if let Some(cs) = cs {
                                cost = cost.saturating_add(self.weight(cs, 0)?.0);
                            }
                            None
                        }
                    } else {
                        None
                    }
                }
                _ => None,
            };
            if let Some(used) = used {
                *uses.entry(used).or_default() += 1;
            }
        }
        let mut uses: Vec<(Use, Vec<u8>, u64)> = uses
            .into_iter()
            .map(|((u, n), times)| (u, n, times))
            .collect();
        // In the order of the names, so that the counting does not depend on hashing.
        uses.sort_unstable();
        Ok(StreamInfo { cost, uses })
    }

    /// Counts a content stream (`stream`) interpreted with `resources` (`owner`'s), `depth`
    /// forms deep: its own work, what each resource it uses weighs, each form it draws in full.
    fn visit(
        &mut self,
        stream: Owner,
        info: &StreamInfo,
        resources: &Resources<'a>,
        owner: Owner,
        depth: u32,
    ) -> Result<(), PdfError> {
        self.spend(info.cost)?;
        let steps = match self.steps.get(&(stream, owner)) {
            Some(steps) => Rc::clone(steps),
            None => {
                let steps = Rc::new(self.resolve(info, resources)?);
                self.steps.insert((stream, owner), Rc::clone(&steps));
                steps
            }
        };
        for step in steps.iter() {
            match step {
                Step::Build(weight) => self.spend(*weight)?,
                Step::Draw(id, info, own, times) => {
                    // At most as many times as the stream has operators, each counted already.
                    for _ in 0..*times {
                        self.draw(*id, info, own.as_ref(), resources, owner, depth)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// A form drawn from a stream interpreted `depth` forms deep, as hayro-interpret draws it:
    /// not past its nesting limit, with its own resources or else the drawing stream's.
    fn draw(
        &mut self,
        id: ObjectIdentifier,
        info: &StreamInfo,
        own: Option<&Resources<'a>>,
        resources: &Resources<'a>,
        owner: Owner,
        depth: u32,
    ) -> Result<(), PdfError> {
        if depth >= MAX_FORM_NESTING {
            return Ok(());
        }
        self.spend(FORM_COST)?;
        match own {
            Some(own) => self.visit(Owner::Form(id), info, own, Owner::Form(id), depth + 1),
            None => self.visit(Owner::Form(id), info, resources, owner, depth + 1),
        }
    }

    /// What the resources a stream uses are, looked up in `resources`: forms it draws, and what
    /// hayro builds for the rest.
    fn resolve(
        &mut self,
        info: &StreamInfo,
        resources: &Resources<'a>,
    ) -> Result<Vec<Step<'a>>, PdfError> {
        let mut steps = Vec::with_capacity(info.uses.len());
        for (kind, name, times) in &info.uses {
            let (name, times) = (name.as_slice(), *times);
            let dict = match kind {
                Use::XObject => {
                    if let Some(form) = resources.x_objects.get::<Stream<'a>>(name) {
                        if is_form(&form) {
                            let (id, info, own) = self.form(&form)?;
                            steps.push(Step::Draw(id, info, own, times));
                            continue;
                        }
                    }
                    &resources.x_objects
                }
                Use::Shading => &resources.shadings,
                Use::Pattern => &resources.patterns,
                Use::ColorSpace => &resources.color_spaces,
                Use::GraphicsState => &resources.ext_g_states,
            };
            if let Some(object) = dict.get_raw::<Object<'a>>(name) {
                let (weight, _) = self.weight(object, 0)?;
                steps.push(Step::Build(weight.saturating_mul(times)));
            }
        }
        Ok(steps)
    }

    /// A form's object, its content stream read (once), and its own resources.
    fn form(
        &mut self,
        form: &Stream<'a>,
    ) -> Result<(ObjectIdentifier, Rc<StreamInfo>, Option<Resources<'a>>), PdfError> {
        let id = form.obj_id();
        let info = match self.forms.get(&id) {
            Some(info) => Rc::clone(info),
            None => {
                let data = form.decoded_data().unwrap_or_default();
                let info = Rc::new(self.read_stream(&data)?);
                self.forms.insert(id, Rc::clone(&info));
                info
            }
        };
        let own = form
            .dict()
            .get::<Dict<'a>>(b"Resources")
            .map(Resources::new);
        Ok((id, info, own))
    }

    /// The appearances of the page's annotations, which hayro-interpret draws as forms with
    /// the page's resources.
    fn annotations(&mut self, page: &HayroPage<'a>, number: usize) -> Result<(), PdfError> {
        let Some(annots) = page.raw().get::<Array<'a>>(b"Annots") else {
            return Ok(());
        };
        for annot in annots.iter::<Dict<'a>>() {
            let Some(appearance) = annot.get::<Dict<'a>>(b"AP") else {
                continue;
            };
            let form = match appearance.get::<Object<'a>>(b"N") {
                Some(Object::Stream(s)) => Some(s),
                Some(Object::Dict(states)) => annot
                    .get::<Name<'_>>(b"AS")
                    .and_then(|state| states.get::<Stream<'a>>(state.as_ref())),
                _ => None,
            };
            if let Some(form) = form.filter(is_form) {
                let (id, info, own) = self.form(&form)?;
                let owner = Owner::Page(number);
                self.draw(id, &info, own.as_ref(), page.resources(), owner, 0)?;
            }
        }
        Ok(())
    }

    /// What hayro-interpret builds for `object` used as a colour space, function, shading,
    /// pattern, image or graphics state: how many colour spaces and functions (a function's
    /// stream counting a sixteenth of its bytes, as it is inflated and parsed each time), and
    /// how deep they nest, from `depth` levels down. Deeper than [`MAX_DEPTH`] is an error:
    /// hayro builds them by recursion.
    fn weight<'b>(
        &mut self,
        object: MaybeRef<Object<'b>>,
        depth: usize,
    ) -> Result<(u64, usize), PdfError>
    where
        'a: 'b,
    {
        if depth > MAX_DEPTH {
            return Err(PdfError::TooDeep);
        }
        let (key, object) = match object {
            MaybeRef::Ref(r) => {
                let id = ObjectIdentifier::from(r);
                if self.path.contains(&id) {
                    // A cycle, which hayro resolves to nothing.
                    return Ok((0, 0));
                }
                let key = Key::Object(id);
                if let Some(&(size, height)) = self.weights.get(&key) {
                    return self.reached(size, height, depth);
                }
                let Some(object) = self.xref.get::<Object<'a>>(id) else {
                    return Ok((0, 0));
                };
                (key, object as Object<'b>)
            }
            MaybeRef::NotRef(object) => {
                let key = match &object {
                    Object::Array(a) => Key::direct(a.data()),
                    Object::Dict(d) => Key::direct(d.data()),
                    _ => return Ok((1, 0)),
                };
                if let Some(&(size, height)) = self.weights.get(&key) {
                    return self.reached(size, height, depth);
                }
                (key, object)
            }
        };
        if let Key::Object(id) = key {
            self.path.push(id);
        }
        let weighed = self.weigh(&object, depth);
        if let Key::Object(_) = key {
            self.path.pop();
        }
        let (size, height) = weighed?;
        self.weights.insert(key, (size, height));
        Ok((size, height))
    }

    /// A weight already known, reached again `depth` levels down.
    fn reached(&self, size: u64, height: usize, depth: usize) -> Result<(u64, usize), PdfError> {
        if depth + height > MAX_DEPTH {
            return Err(PdfError::TooDeep);
        }
        Ok((size, height))
    }

    fn weigh<'b>(&mut self, object: &Object<'b>, depth: usize) -> Result<(u64, usize), PdfError>
    where
        'a: 'b,
    {
        let mut children: Vec<MaybeRef<Object<'b>>> = Vec::new();
        let mut size = 1u64;
        match object {
            Object::Array(array) => {
                let mut items: Vec<Option<MaybeRef<Object<'b>>>> =
                    array.raw_iter().map(Some).collect();
                let family = match items.first() {
                    Some(Some(MaybeRef::NotRef(Object::Name(n)))) => Some(n.as_ref().to_vec()),
                    _ => None,
                };
                let take: &[usize] = match family.as_deref() {
                    // A colour space: its base, underlying, alternate space and tint transform.
                    Some(b"Indexed" | b"I" | b"Pattern" | b"ICCBased") => &[1],
                    Some(b"Separation" | b"DeviceN") => &[2, 3],
                    Some(_) => &[],
                    // An array of functions (a shading's, a transfer function's).
                    None => &[],
                };
                if family.is_none() {
                    children = items.into_iter().flatten().collect();
                } else {
                    for &i in take {
                        children.extend(items.get_mut(i).and_then(Option::take));
                    }
                }
            }
            Object::Dict(dict) => self.dict_children(dict, &mut children),
            Object::Stream(stream) => {
                let dict = stream.dict();
                self.dict_children(dict, &mut children);
                if let Some(kind) = dict.get::<u8>(b"FunctionType") {
                    if kind == 0 || kind == 4 {
                        let data = stream.decoded_data().unwrap_or_default();
                        size = size.saturating_add((data.len() / 16) as u64);
                        if kind == 4 && depth + brace_depth(&data) > MAX_DEPTH {
                            return Err(PdfError::TooDeep);
                        }
                    }
                } else if dict.get::<Name<'_>>(b"Subtype").as_deref() == Some(b"Form") {
                    // A soft mask's group, which hayro inflates when the graphics state is set.
                    let data = stream.decoded_data().unwrap_or_default();
                    size = size.saturating_add((data.len() / 16) as u64);
                }
            }
            _ => {}
        }
        let mut height = 0;
        for child in children {
            let (s, h) = self.weight(child, depth + 1)?;
            size = size.saturating_add(s);
            height = height.max(h + 1);
        }
        Ok((size, height))
    }

    /// The entries of a dictionary through which hayro-interpret builds colour spaces and
    /// functions: a stitching function's functions, a shading's function and colour space, an
    /// ICC profile's alternate, a pattern's shading, an image's or a group's colour space, a
    /// graphics state's soft mask and transfer functions, a soft mask's group.
    fn dict_children<'b>(&self, dict: &Dict<'b>, out: &mut Vec<MaybeRef<Object<'b>>>) {
        for key in [
            &b"Functions"[..],
            b"Function",
            b"ColorSpace",
            b"CS",
            b"Alternate",
            b"Shading",
            b"SMask",
            b"G",
            b"Group",
            b"TR",
            b"TR2",
        ] {
            if let Some(value) = dict.get_raw::<Object<'b>>(key) {
                out.push(value);
            }
        }
    }
}

/// The bytes of text an operand of `Tj`, `TJ`, `'` or `"` shows.
fn text_bytes(operand: &Object<'_>) -> u64 {
    match operand {
        Object::String(s) => s.as_bytes().len() as u64,
        Object::Array(a) => a
            .raw_iter()
            .map(|item| match item {
                MaybeRef::NotRef(Object::String(s)) => s.as_bytes().len() as u64,
                _ => 0,
            })
            .sum(),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(text: &[u8], content: bool) -> usize {
        let mut n = Nesting::new(content);
        n.feed(text);
        n.max
    }

    #[test]
    fn nesting_counts_arrays_and_dictionaries_not_strings_comments_or_image_data() {
        assert_eq!(depth(b"<< /A [1 [2] << /B 3 >>] >>", false), 3);
        assert_eq!(
            depth(b"[(a [[[ \\) [[ (b) [[) <5B5B5B> % [[[[\n]", false),
            1
        );
        assert_eq!(depth(b"[[]] [[]]", false), 2);
        let image = b"q BI /W 1 /H 1 /CS /G /BPC 8 ID [[[[<<<<\nEI Q [[x]]";
        assert_eq!(depth(image, true), 2);
        // Outside a content stream, `ID` is a word like any other.
        assert_eq!(depth(b"/ID [[x]]", false), 2);
        // Fed in pieces, split anywhere: the same.
        let text = b"<< /A << /B (x\\) [[[) <5B5B> [1 [2]] >> >> % [[[\n[<<>>]";
        let whole = depth(text, false);
        assert_eq!(whole, 4);
        for at in 0..text.len() {
            let mut n = Nesting::new(false);
            n.feed(&text[..at]);
            n.feed(&text[at..]);
            assert_eq!(n.max, whole, "split at {at}");
        }
    }

    #[test]
    fn object_headers_and_entry_widths() {
        let text = b"1 0 obj\n<< >>\nendobj\n12 0 obj [] endobj %obj\n/obj";
        let headers = memchr::memmem::find_iter(text, b"obj")
            .filter(|&at| is_object_header(text, at))
            .count();
        assert_eq!(headers, 2);
        assert_eq!(entry_width(b"<< /Type /XRef /Width 3 /W [1 4 2] >>"), 7);
        assert_eq!(entry_width(b"<< /W[0 1 0] >>"), 1);
        assert_eq!(
            StreamKind::of(b"<< /Type /XRef /W [1 2 1] >>"),
            StreamKind::CrossReference(4)
        );
        assert_eq!(
            StreamKind::of(b"<< /Type /ObjStm /N 3 >>"),
            StreamKind::Objects
        );
        assert_eq!(StreamKind::of(b"<< /Type /XRefs >>"), StreamKind::Other);
    }

    #[test]
    fn the_scan_skips_streams_data_after_a_careless_keyword() {
        let brackets = "[".repeat(2 * MAX_DEPTH);
        for keyword in ["stream\n", "stream \r\n", "stream", "stream  "] {
            let file = format!("1 0 obj\n<< /Length 9 >> {keyword}{brackets}\nendstream\nendobj\n");
            let scan = scan(file.as_bytes(), u64::MAX);
            assert_eq!(scan.depth, 1, "{keyword:?}");
            assert_eq!(scan.objects, 2, "{keyword:?}");
        }
        // Outside a dictionary's stream, the word is any word.
        let file = format!("1 0 obj\n[(upstream) {brackets}\nendobj\n");
        assert!(scan(file.as_bytes(), u64::MAX).depth > MAX_DEPTH);
    }

    #[test]
    fn postscript_braces() {
        assert_eq!(brace_depth(b"{ dup 0.5 le { 1 } { 0 } ifelse }"), 2);
        assert_eq!(brace_depth(b"{ % {{{{\n 1 }"), 1);
    }
}
