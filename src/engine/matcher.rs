//! The matcher of prose patterns: a pattern is a sequence of literals and typed captures, matched
//! by backtracking in priority order (the leftmost match; greedy figures and reasons, the
//! shortest text), which is what a regular expression engine with leftmost-first semantics
//! returns for the same pattern (`tests` check them against `regex-lite` on every pattern of the
//! embedded packs). It needs no compilation, and it is linear in the text:
//!
//! - which of the remaining elements match from a position does not depend on how the position
//!   was reached, so a failure is remembered (`failed`) and never explored again;
//! - the two captures that can span a whole sentence are loops with memories of their own: a
//!   `{text}` (shortest first) remembers from where on nothing can follow it (`text_failed`), a
//!   `{reason}` (longest first, up to `。` or `；`) the longest end that something can follow
//!   (`reason_best`);
//! - a space of the pattern (`Element::Spaces`) has as many ends as its run of spaces is long,
//!   and every position of the run has the same ends from itself on: a failure at one position
//!   is marked for the rest of the run, so each end is tried once (5,000 spaces after a `{text}`
//!   used to be tried 5,000 times over); where a run or a sentence ends is measured once per
//!   stretch of text (`next_stop`), not from every position that asks;
//! - a count or an amount ends after its whole run of digits, or after a shorter one: those are
//!   the same for every start in the run, less the ones before the start, so what failed once
//!   is not tried again (`Matcher::shorter_figures`), and a run of digits is measured once;
//! - every other element has a few ends at most, so the recursion is as deep as the pattern is
//!   long, never as the text.

use std::collections::HashMap;
use std::ops::Range;

use super::pattern::{CaptureKind, MARKS};

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Element {
    /// Literal text, without spaces.
    Literal(String),
    /// Where the pattern has a space, or beside a capture: any run of spaces, tabs and
    /// ideographic spaces, or none, the longest first.
    Spaces,
    /// A capture of a kind, numbered in pattern order.
    Capture(CaptureKind, usize),
}

/// What a search remembers about one text.
pub(crate) struct Memo {
    width: usize,
    failed: Vec<u64>,
    text_failed: Vec<u64>,
    reason_best: HashMap<(usize, usize), (usize, Option<usize>)>,
    /// For each position already looked at, one past where its run of spaces ends, and one past
    /// where its sentence ends (the next `。` or `；`, or the text's end); 0: not known yet.
    /// Filled a stretch at a time, so each stretch of the text is scanned once.
    run_ends: Vec<usize>,
    sentence_ends: Vec<usize>,
    digit_ends: Vec<usize>,
    /// For a figure's capture (its element) and the end of a run of digits: from where on no
    /// shorter run of digits lets the rest match (`Matcher::shorter_figures`).
    tail_low: HashMap<(usize, usize), usize>,
    /// Where the text's unpaired quotation marks and brackets are ([`unpaired`]), found once.
    unpaired: Option<Vec<usize>>,
    /// The range of the paragraph's last sentence when it ends without its full stop
    /// ([`unended`]), found once.
    unended: Option<Option<Range<usize>>>,
    /// How many ends of elements the search has tried: linear in the text.
    pub(crate) steps: usize,
}

impl Memo {
    pub(crate) fn new(elements: usize, text: &str) -> Memo {
        let width = text.len() + 1;
        let words = ((elements + 1) * width).div_ceil(64);
        Memo {
            width,
            failed: vec![0; words],
            text_failed: vec![0; words],
            reason_best: HashMap::new(),
            run_ends: Vec::new(),
            sentence_ends: Vec::new(),
            digit_ends: Vec::new(),
            tail_low: HashMap::new(),
            unpaired: None,
            unended: None,
            steps: 0,
        }
    }

    /// Where the run of spaces at `at` ends (`at` itself when there is none).
    fn run_end(&mut self, text: &str, at: usize) -> usize {
        let (end, scanned) = next_stop(&mut self.run_ends, self.width, text, at, |c| {
            !SPACES.contains(&c)
        });
        self.steps += scanned;
        end
    }

    /// Where the run of ASCII digits at `at` ends (`at` itself when there is none).
    fn digit_end(&mut self, text: &str, at: usize) -> usize {
        let (end, scanned) = next_stop(&mut self.digit_ends, self.width, text, at, |c| {
            !c.is_ascii_digit()
        });
        self.steps += scanned;
        end
    }

    /// Where the sentence at `at` ends: its `。` or `；`, or the end of the text.
    fn sentence_end(&mut self, text: &str, at: usize) -> usize {
        let (end, scanned) = next_stop(&mut self.sentence_ends, self.width, text, at, |c| {
            c == '。' || c == '；'
        });
        self.steps += scanned;
        end
    }

    fn get(bits: &[u64], i: usize) -> bool {
        bits[i / 64] & (1 << (i % 64)) != 0
    }

    fn set(bits: &mut [u64], i: usize) {
        bits[i / 64] |= 1 << (i % 64);
    }
}

/// The first position from `at` on whose character is a stop (or the text's end), remembered in
/// `cache` (one past it, 0 for not known) for every position scanned on the way, so that a
/// stretch is scanned once however many positions in it ask; and how many characters it read.
fn next_stop(
    cache: &mut Vec<usize>,
    width: usize,
    text: &str,
    at: usize,
    stop: impl Fn(char) -> bool,
) -> (usize, usize) {
    if cache.is_empty() {
        *cache = vec![0; width];
    }
    let mut scanned = 0;
    if cache[at] == 0 {
        let mut q = at;
        let end = loop {
            if cache[q] != 0 {
                break cache[q] - 1;
            }
            scanned += 1;
            match text[q..].chars().next() {
                Some(c) if !stop(c) => q += c.len_utf8(),
                _ => break q,
            }
        };
        let mut p = at;
        while p <= q && p <= end {
            cache[p] = end + 1;
            p += text[p..].chars().next().map_or(1, char::len_utf8);
        }
    }
    (cache[at] - 1, scanned)
}

/// A match: its range and each capture's range, in capture order.
pub(crate) type Found = (Range<usize>, Vec<Range<usize>>);

/// Finds the leftmost match starting at `from` or after.
pub(crate) fn find_at(
    elements: &[Element],
    captures: usize,
    text: &str,
    from: usize,
    memo: &mut Memo,
) -> Option<Found> {
    let mut m = Matcher {
        elements,
        text,
        memo,
        slots: vec![0..0; captures],
    };
    // A pattern that starts with literal text can only match where that text occurs.
    let lead = match elements.first() {
        Some(Element::Literal(lead)) => Some(lead),
        _ => None,
    };
    let mut start = from;
    while start <= text.len() {
        let start_at = match lead {
            Some(lead) => start + text[start..].find(lead.as_str())?,
            None => start,
        };
        if let Some(end) = m.run(0, start_at) {
            return Some((start_at..end, m.slots));
        }
        match text[start_at..].chars().next() {
            Some(c) => start = start_at + c.len_utf8(),
            None => return None,
        }
    }
    None
}

struct Matcher<'a> {
    elements: &'a [Element],
    text: &'a str,
    memo: &'a mut Memo,
    slots: Vec<Range<usize>>,
}

const SPACES: [char; 3] = [' ', '\t', '\u{3000}'];

impl Matcher<'_> {
    /// Whether elements `i..` match from `at`: the end of the whole match.
    fn run(&mut self, i: usize, at: usize) -> Option<usize> {
        let Some(element) = self.elements.get(i) else {
            return Some(at);
        };
        let key = i * self.memo.width + at;
        if Memo::get(&self.memo.failed, key) {
            return None;
        }
        self.memo.steps += 1;
        let found = match element {
            Element::Capture(CaptureKind::Text, slot) => self.text_capture(i, *slot, at),
            Element::Capture(CaptureKind::Reason, slot) => self.reason_capture(i, *slot, at),
            Element::Capture(kind, slot) => {
                let (kind, slot) = (*kind, *slot);
                let (head, tail) = ends(kind, self.text, at, self.memo);
                head.into_iter()
                    .find_map(|end| {
                        self.memo.steps += 1;
                        let found = self.run(i + 1, end)?;
                        self.slots[slot] = at..end;
                        Some(found)
                    })
                    .or_else(|| self.shorter_figures(i, slot, at, tail))
            }
            Element::Literal(literal) => self.text[at..]
                .starts_with(literal.as_str())
                .then(|| self.run(i + 1, at + literal.len()))
                .flatten(),
            Element::Spaces => return self.spaces(i, at),
        };
        if found.is_none() {
            Memo::set(&mut self.memo.failed, key);
        }
        found
    }

    /// A run of spaces (or none) at `at`, the longest first: the ends `run_end`, …, `at`.
    ///
    /// Every position of one run has the same ends from itself on, so one failure at `p` is a
    /// failure at every later position of the run, and they are all marked at once (up to the
    /// first marked already). A position whose next one is marked has itself to try, no more:
    /// each end of a run is tried once, whichever way the positions of a run are reached (a
    /// `{text}` before walks them forward, a `{reason}` backward). Without this, each of the
    /// positions of a run of 5,000 spaces after a `{text}` tried the rest of the run again.
    fn spaces(&mut self, i: usize, at: usize) -> Option<usize> {
        let end = self.memo.run_end(self.text, at);
        let row = i * self.memo.width;
        let next = at + self.text[at..].chars().next().map_or(1, char::len_utf8);
        // Positions of a run are char boundaries; `next` is the following one (or past `end`).
        let top = if next <= end && Memo::get(&self.memo.failed, row + next) {
            at
        } else {
            end
        };
        let mut e = top;
        loop {
            self.memo.steps += 1;
            if let Some(found) = self.run(i + 1, e) {
                return Some(found);
            }
            if e == at {
                break;
            }
            e -= self.text[..e].chars().next_back().map_or(1, char::len_utf8);
        }
        let mut p = at;
        while p <= end && !Memo::get(&self.memo.failed, row + p) {
            Memo::set(&mut self.memo.failed, row + p);
            p += self.text[p..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }

    /// The shorter runs of digits a figure may end with (`tail`, tried from its top down),
    /// after its whole run. They are the same for every start in one run of digits, less the
    /// ones before the start, so what failed once is not tried again from a later start: each
    /// run of digits is tried once (5,000 digits were tried 5,000 times over).
    fn shorter_figures(
        &mut self,
        i: usize,
        slot: usize,
        at: usize,
        tail: Range<usize>,
    ) -> Option<usize> {
        if tail.is_empty() {
            return None;
        }
        let key = (i, tail.end);
        let known = self.memo.tail_low.get(&key).copied().unwrap_or(tail.end);
        let mut end = known.min(tail.end);
        while end > tail.start {
            end -= 1;
            self.memo.steps += 1;
            if let Some(found) = self.run(i + 1, end) {
                self.slots[slot] = at..end;
                return Some(found);
            }
        }
        self.memo.tail_low.insert(key, known.min(tail.start));
        None
    }

    /// `{text}`: one character or more (not a line break), as few as let the rest match.
    fn text_capture(&mut self, i: usize, slot: usize, at: usize) -> Option<usize> {
        let mut visited = Vec::new();
        let mut end = at;
        let found = loop {
            let Some(c) = self.text[end..].chars().next().filter(|&c| c != '\n') else {
                break None;
            };
            end += c.len_utf8();
            self.memo.steps += 1;
            // From `end` on, no end of this capture lets the rest match: known already.
            if Memo::get(&self.memo.text_failed, i * self.memo.width + end) {
                break None;
            }
            visited.push(end);
            if let Some(found) = self.run(i + 1, end) {
                self.slots[slot] = at..end;
                break Some(found);
            }
        };
        if found.is_none() {
            for end in visited {
                Memo::set(&mut self.memo.text_failed, i * self.memo.width + end);
            }
        }
        found
    }

    /// `{reason}`: everything up to `。` or `；` (perhaps nothing), as much as lets the rest match.
    fn reason_capture(&mut self, i: usize, slot: usize, at: usize) -> Option<usize> {
        let limit = self.memo.sentence_end(self.text, at);
        // The longest end in reach found so far for this sentence end, and how far down the
        // search has gone: ends are tried from `limit` down, each once for all starts.
        let (mut low, mut best) = self
            .memo
            .reason_best
            .get(&(i, limit))
            .copied()
            .unwrap_or((limit + 1, None));
        while best.is_none() && low > at {
            self.memo.steps += 1;
            low = if low > limit {
                limit
            } else {
                low - self.text[..low]
                    .chars()
                    .next_back()
                    .map_or(1, char::len_utf8)
            };
            if self.run(i + 1, low).is_some() {
                best = Some(low);
            }
        }
        self.memo.reason_best.insert((i, limit), (low, best));
        let end = best.filter(|&e| e >= at)?;
        // Run again to set the slots of what follows (remembered, so this is cheap).
        let found = self.run(i + 1, end)?;
        self.slots[slot] = at..end;
        Some(found)
    }
}

/// Ends of a figure or word capture at `at`, most preferred first: what a leftmost-first
/// regular expression engine would try, in order, for the capture's expression
/// (`CaptureKind::regex`). The ends after the first are a range, tried from its top down: the
/// shorter runs of digits of a count or an amount (`Matcher::shorter_figures`).
fn ends(kind: CaptureKind, text: &str, at: usize, memo: &mut Memo) -> (Vec<usize>, Range<usize>) {
    let bytes = text.as_bytes();
    let mut digits = |from: usize| {
        if from > text.len() {
            return 0;
        }
        memo.digit_end(text, from) - from
    };
    let mut out = Vec::new();
    let mut tail = at..at;
    match kind {
        CaptureKind::Count | CaptureKind::Code => {
            let d = digits(at);
            if d > 0 {
                out.push(at + d);
                tail = at + 1..at + d;
            }
        }
        CaptureKind::Amount | CaptureKind::Percent => {
            let sign = usize::from(bytes.get(at) == Some(&b'-'));
            let start = at + sign;
            let mut bases = Vec::new();
            if kind == CaptureKind::Amount {
                // `[0-9]{1,3}(?:,[0-9]{3})+`: groups of thousands, the most first.
                let lead = digits(start);
                if (1..=3).contains(&lead) {
                    let mut groups = Vec::new();
                    let mut q = start + lead;
                    while bytes.get(q) == Some(&b',') && digits(q + 1) >= 3 {
                        q += 4;
                        groups.push(q);
                    }
                    bases.extend(groups.into_iter().rev().map(|q| (q, true)));
                }
            }
            // `[0-9]+`: the whole run first; a shorter one is followed by a digit, so it has no
            // fraction and no `%`: the shorter ones of an amount are the tail.
            let d = digits(start);
            if d > 0 {
                bases.push((start + d, true));
                if kind == CaptureKind::Amount {
                    tail = start + 1..start + d;
                }
            }
            for (base, may_have_fraction) in bases {
                let mut candidates = Vec::new();
                // `(?:\.[0-9]+)?`, the longest fraction first, then none.
                if may_have_fraction && bytes.get(base) == Some(&b'.') {
                    let f = digits(base + 1);
                    candidates.extend((1..=f).rev().map(|k| base + 1 + k));
                }
                candidates.push(base);
                for end in candidates {
                    if kind == CaptureKind::Percent {
                        if bytes.get(end) == Some(&b'%') {
                            out.push(end + 1);
                        }
                    } else {
                        out.push(end);
                    }
                }
            }
        }
        CaptureKind::Direction => {
            for word in DIRECTIONS {
                if text[at..].starts_with(word) {
                    out.push(at + word.len());
                }
            }
        }
        CaptureKind::Mark => {
            if let Some(c) = text[at..].chars().next().filter(|c| MARKS.contains(c)) {
                out.push(at + c.len_utf8());
            }
        }
        CaptureKind::Word => {
            let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
            let starts =
                bytes.get(at).copied().is_some_and(word) && (at == 0 || !word(bytes[at - 1]));
            if starts {
                let len = bytes[at..].iter().take_while(|&&b| word(b)).count();
                out.push(at + len);
            }
        }
        CaptureKind::Unpaired => {
            let unpaired = memo.unpaired.get_or_insert_with(|| unpaired(text));
            if unpaired.binary_search(&at).is_ok() {
                out.push(at + text[at..].chars().next().map_or(1, char::len_utf8));
            }
        }
        CaptureKind::Unended => {
            let unended = memo.unended.get_or_insert_with(|| unended(text));
            if let Some(r) = unended.as_ref().filter(|r| r.start == at) {
                out.push(r.end);
            }
        }
        CaptureKind::Text | CaptureKind::Reason => {}
    }
    (out, tail)
}

/// The direction words, in the order they are tried.
pub(crate) const DIRECTIONS: [&str; 16] = [
    "增加",
    "增长",
    "上升",
    "减少",
    "下降",
    "降低",
    "持平",
    "一样",
    "相同",
    "无变化",
    "大于",
    "超过",
    "高于",
    "小于",
    "低于",
    "等于",
];

/// The opening and closing marks that pair; `（` and `(` close with either bracket (a mixed pair
/// is a typo of width, not a mark left alone).
const PAIRS: [(char, &[char]); 6] = [
    ('“', &['”']),
    ('‘', &['’']),
    ('（', &['）', ')']),
    ('(', &['）', ')']),
    ('《', &['》']),
    ('【', &['】']),
];

/// The byte offsets, in order, of the quotation marks and brackets of `text` that have no
/// partner: a closing mark with no opening one before it, an opening mark never closed. Marks
/// nest; a closing mark whose opening one lies under others closes it, and the others are left
/// unpaired (`“甲（乙”`: the `（`). A closing bracket after nothing but a number at the start
/// (`1）`, `a)`) belongs to the numbering. Linear in the text (each mark is pushed and popped once).
pub(crate) fn unpaired(text: &str) -> Vec<usize> {
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut out = Vec::new();
    for (at, c) in text.char_indices() {
        if PAIRS.iter().any(|(o, _)| *o == c) {
            open.push((at, c));
            continue;
        }
        if !PAIRS.iter().any(|(_, cs)| cs.contains(&c)) {
            continue;
        }
        let closes = |o: char| PAIRS.iter().any(|(p, cs)| *p == o && cs.contains(&c));
        match open.iter().rposition(|&(_, o)| closes(o)) {
            Some(k) => {
                out.extend(open.drain(k + 1..).map(|(at, _)| at));
                open.pop();
            }
            None => {
                let head = text[..at].trim_start();
                let numbering = !head.is_empty()
                    && head.chars().count() <= 3
                    && head
                        .chars()
                        .all(|h| h.is_ascii_alphanumeric() || "一二三四五六七八九十".contains(h));
                if !numbering {
                    out.push(at);
                }
            }
        }
    }
    out.extend(open.into_iter().map(|(at, _)| at));
    out.sort_unstable();
    out
}

/// The marks that end a sentence.
const SENTENCE_ENDS: [char; 5] = ['。', '！', '？', '；', '!'];

/// The last sentence of a paragraph that ends without its full stop, as a byte range: from
/// after the last sentence mark (`。` `！` `？` `；`) to the end, spaces trimmed. `None` when the
/// paragraph ends in a sentence mark, in `：` `，` `、` `…` `?` `.` (a list's lead-in, a line cut
/// short, an ellipsis), or in closing quotation marks and brackets right after one of those
/// (`。”`), or is empty.
pub(crate) fn unended(text: &str) -> Option<Range<usize>> {
    let end = text.trim_end_matches(SPACES).len();
    let body = &text[..end];
    // A note in brackets at the end (`……（不涉及的不列）`) is read past; a paragraph that ends
    // inside brackets it opened was cut short, not left without its full stop.
    let mut head = body;
    while let Some(inner) = head.strip_suffix(['）', ')']) {
        let open = inner.rfind(['（', '('])?;
        head = inner[..open].trim_end_matches(SPACES);
    }
    let depth = head.chars().fold(0i32, |d, c| match c {
        '（' | '(' => d + 1,
        '）' | ')' => d - 1,
        _ => d,
    });
    let last = head
        .trim_end_matches(['”', '’', '》', '】', '"', '\''])
        .chars()
        .next_back()?;
    let ended = SENTENCE_ENDS.contains(&last) || "：:，,、…?.".contains(last);
    if ended || depth > 0 {
        return None;
    }
    let start = body
        .char_indices()
        .rfind(|(_, c)| SENTENCE_ENDS.contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let start = start + (body[start..].len() - body[start..].trim_start_matches(SPACES).len());
    (start < end).then_some(start..end)
}
