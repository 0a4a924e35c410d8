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
//! - every other element has a few ends at most (a figure's digits), so the recursion is as deep
//!   as the pattern is long, never as the text.

use std::collections::HashMap;
use std::ops::Range;

use super::pattern::CaptureKind;

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Element {
    /// Literal text; a space between its pieces matches any run of spaces, tabs and ideographic
    /// spaces, or none.
    Literal(Vec<String>),
    /// A capture of a kind, numbered in pattern order.
    Capture(CaptureKind, usize),
}

/// What a search remembers about one text.
pub(crate) struct Memo {
    width: usize,
    failed: Vec<u64>,
    text_failed: Vec<u64>,
    reason_best: HashMap<(usize, usize), (usize, Option<usize>)>,
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
        }
    }

    fn get(bits: &[u64], i: usize) -> bool {
        bits[i / 64] & (1 << (i % 64)) != 0
    }

    fn set(bits: &mut [u64], i: usize) {
        bits[i / 64] |= 1 << (i % 64);
    }
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
        Some(Element::Literal(pieces)) => pieces.first().filter(|p| !p.is_empty()),
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
        let found = match element {
            Element::Capture(CaptureKind::Text, slot) => self.text_capture(i, *slot, at),
            Element::Capture(CaptureKind::Reason, slot) => self.reason_capture(i, *slot, at),
            Element::Capture(kind, slot) => {
                let (kind, slot) = (*kind, *slot);
                let ends = ends(kind, self.text, at);
                ends.into_iter().find_map(|end| {
                    let found = self.run(i + 1, end)?;
                    self.slots[slot] = at..end;
                    Some(found)
                })
            }
            // Most literals have no space, so one end at most.
            Element::Literal(pieces) if pieces.len() == 1 => self.text[at..]
                .starts_with(pieces[0].as_str())
                .then(|| self.run(i + 1, at + pieces[0].len()))
                .flatten(),
            Element::Literal(pieces) => {
                let ends = literal_ends(pieces, self.text, at);
                ends.into_iter().find_map(|end| self.run(i + 1, end))
            }
        };
        if found.is_none() {
            Memo::set(&mut self.memo.failed, key);
        }
        found
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
        let limit = self.text[at..]
            .find(['。', '；'])
            .map_or(self.text.len(), |k| at + k);
        // The longest end in reach found so far for this sentence end, and how far down the
        // search has gone: ends are tried from `limit` down, each once for all starts.
        let (mut low, mut best) = self
            .memo
            .reason_best
            .get(&(i, limit))
            .copied()
            .unwrap_or((limit + 1, None));
        while best.is_none() && low > at {
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

/// The ends of a literal at `at`, most preferred first (runs of spaces are taken whole first).
fn literal_ends(pieces: &[String], text: &str, at: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    literal_from(pieces, text, at, &mut ends);
    ends
}

fn literal_from(pieces: &[String], text: &str, at: usize, ends: &mut Vec<usize>) {
    let Some((first, rest)) = pieces.split_first() else {
        ends.push(at);
        return;
    };
    if !text[at..].starts_with(first.as_str()) {
        return;
    }
    let after = at + first.len();
    if rest.is_empty() {
        ends.push(after);
        return;
    }
    // A space in the pattern: a run of spaces, longest first.
    let mut run = vec![after];
    for c in text[after..].chars().take_while(|c| SPACES.contains(c)) {
        run.push(run.last().copied().unwrap_or(after) + c.len_utf8());
    }
    for next in run.into_iter().rev() {
        literal_from(rest, text, next, ends);
    }
}

/// Ends of a figure or word capture at `at`, most preferred first: what a leftmost-first
/// regular expression engine would try, in order, for the capture's expression
/// (`CaptureKind::regex`).
fn ends(kind: CaptureKind, text: &str, at: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let digits = |from: usize| {
        bytes[from.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let mut out = Vec::new();
    match kind {
        CaptureKind::Count => {
            let d = digits(at);
            out.extend((1..=d).rev().map(|k| at + k));
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
            // `[0-9]+`: the whole run first; a shorter one is followed by a digit.
            let d = digits(start);
            bases.extend((1..=d).rev().map(|k| (start + k, k == d)));
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
        CaptureKind::Text | CaptureKind::Reason => {}
    }
    out
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
