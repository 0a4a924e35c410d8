//! The corpus generator's work, without IO: realistic variants of the seed report, and the seed
//! grown n-fold.
//!
//! `examples/corpus.rs` writes what this makes; `tests/corpus.rs` parses it; the benches grow the
//! seed with [`grown`]. Each includes this file with `#[path]`, so there is one copy.
//!
//! A variant is the seed with, decided by a small deterministic generator (splitmix64) from the
//! corpus seed and the report's index:
//!
//! - every amount scaled by one factor for the report (0.20–5.00), in the tables and in the
//!   prose (`…1022.32万元`), each kept with its written decimals, so the report's identities
//!   still hold within rounding; thousands separators in the tables as the seed wrote them, or
//!   everywhere, or nowhere; then 0–3 table cells jittered by a few hundredths, which the rules
//!   find, as they would in a real report;
//! - a few leaf rows of some 科目 tables dropped (a row whose code begins no other row's code),
//!   mostly empty ones, as many reports leave them out; a dropped row with figures breaks its
//!   parent's sum, as it would in a real report;
//! - the department's name (header, table attributes, prose) and its 地区 taken from a list;
//!   some paragraphs of 第三部分 (the 说明 sections) dropped or written twice.

use fislint::report::{Number, Report};
use rust_decimal::{Decimal, RoundingStrategy};

/// The seed report, `fixtures/reports/hetang-2021.fis`.
pub const SEED_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/reports/hetang-2021.fis"
);

/// The seed's department, replaced in each variant.
const SEED_DEPARTMENT: &str = "株洲市荷塘区行政审批服务局";

/// Departments a variant is given, with the 地区 each is in.
const DEPARTMENTS: &[(&str, &str)] = &[
    ("株洲市荷塘区行政审批服务局", "湖南"),
    ("长沙市岳麓区教育局", "湖南"),
    ("湘潭市雨湖区民政局", "湖南"),
    ("衡阳市石鼓区财政局", "湖南"),
    ("岳阳市君山区农业农村局", "湖南"),
    ("常德市武陵区住房和城乡建设局", "湖南"),
    ("邵阳市大祥区卫生健康局", "湖南"),
    ("益阳市赫山区自然资源局", "湖南"),
    ("郴州市北湖区文化旅游广电体育局", "湖南"),
    ("娄底市娄星区人力资源和社会保障局", "湖南"),
    ("株洲市芦淞区市场监督管理局", "湖南"),
    ("永州市冷水滩区水利局", "湖南"),
    ("上海市普陀区民政局", "上海"),
    ("南昌市东湖区司法局", "江西"),
    ("武汉市江汉区城市管理执法局", "湖北"),
    ("成都市武侯区统计局", "四川"),
];

/// Columns whose numbers are not money and are never scaled: line numbers and scores.
const NOT_MONEY: &[&str] = &["行次", "分值", "得分"];

/// splitmix64 (Steele, Lea, Flood 2014): small, fast, and good enough to vary a corpus.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// The generator for report `index` of the corpus made from `seed`.
    pub fn new(seed: u64, index: u64) -> Rng {
        let mut rng = Rng(seed ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
        rng.next();
        rng
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0; the modulo bias is negligible here).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// True once in `n` times.
    pub fn one_in(&mut self, n: u64) -> bool {
        self.below(n) == 0
    }
}

/// The seed, parsed once, from which variants are made.
pub struct Seed {
    /// The seed's text.
    text: String,
    /// Its tree, whose spans say where each amount, row and paragraph is.
    report: Report,
}

/// One change to the seed's text: the bytes of `range` become `with`.
struct Edit {
    range: std::ops::Range<usize>,
    with: String,
}

impl Seed {
    /// Parses the seed's text; `Err` with the first syntax error if it does not parse.
    pub fn new(text: &str) -> Result<Seed, String> {
        let parsed = fislint::report::parse(text);
        if let Some(e) = parsed.errors.first() {
            return Err(format!("the seed does not parse: {e:?}"));
        }
        Ok(Seed {
            text: text.to_string(),
            report: parsed.report,
        })
    }

    /// Variant `index` of the corpus made from `seed`: the same arguments give the same text.
    pub fn variant(&self, seed: u64, index: u64) -> String {
        let mut rng = Rng::new(seed, index);
        let factor = Decimal::new(20 + rng.below(481) as i64, 2);
        let mut edits = Vec::new();
        self.table_edits(&mut rng, factor, &mut edits);
        self.prose_edits(&mut rng, factor, &mut edits);
        let mut out = apply(&self.text, edits);
        let (department, region) = DEPARTMENTS[rng.below(DEPARTMENTS.len() as u64) as usize];
        out = out.replace(SEED_DEPARTMENT, department);
        out.replacen("地区 = 湖南", &format!("地区 = {region}"), 1)
    }

    /// Amounts scaled, a few jittered, and leaf rows dropped.
    fn table_edits(&self, rng: &mut Rng, factor: Decimal, edits: &mut Vec<Edit>) {
        // Thousands separators as the seed wrote each amount, or everywhere, or nowhere.
        let style = rng.below(3);
        let grouped = |n: &Number| match style {
            0 => n.written.contains(','),
            1 => true,
            _ => false,
        };
        // (edit index, number) of each scaled nonzero cell, for the jitter.
        let mut jitterable = Vec::new();
        for table in &self.report.tables {
            let thin = rng.one_in(2);
            for part in &table.parts {
                let codes: Vec<&str> = part.rows.iter().filter_map(|r| r.code.as_deref()).collect();
                for row in &part.rows {
                    let amounts: Vec<(usize, &Number)> = row
                        .cells
                        .iter()
                        .enumerate()
                        .filter_map(|(i, c)| c.amount().map(|n| (i, n)))
                        .filter(|(i, _)| {
                            Some(*i) != part.code_column
                                && part.columns.get(*i).is_some_and(|c| {
                                    !NOT_MONEY.iter().any(|w| c.leaf().starts_with(w))
                                })
                        })
                        .collect();
                    let leaf = row.code.as_deref().is_some_and(|code| {
                        !codes
                            .iter()
                            .any(|c| c.len() > code.len() && c.starts_with(code))
                    });
                    let empty = amounts.iter().all(|(_, n)| n.value.is_zero());
                    if thin && leaf && rng.one_in(if empty { 3 } else { 30 }) {
                        edits.push(Edit {
                            range: line_of(&self.text, &row.span),
                            with: String::new(),
                        });
                        continue;
                    }
                    for (i, n) in amounts {
                        if !n.value.is_zero() {
                            jitterable.push((edits.len(), n));
                        }
                        edits.push(Edit {
                            range: row.cells[i].span.clone(),
                            with: write(n.value * factor, n.decimals, grouped(n)),
                        });
                    }
                }
            }
        }
        for _ in 0..rng.below(4) {
            if jitterable.is_empty() {
                break;
            }
            let (at, n) = jitterable.swap_remove(rng.below(jitterable.len() as u64) as usize);
            let step = Decimal::new(1 + rng.below(20) as i64, n.decimals);
            let scaled = n.value * factor;
            let jittered = if rng.one_in(2) && scaled > step {
                scaled - step
            } else {
                scaled + step
            };
            edits[at].with = write(jittered, n.decimals, grouped(n));
        }
    }

    /// Figures in the prose scaled; paragraphs of 第三部分 dropped or repeated.
    fn prose_edits(&self, rng: &mut Rng, factor: Decimal, edits: &mut Vec<Edit>) {
        let sections = &self.report.sections;
        let level_one: Vec<usize> = sections
            .iter()
            .filter(|s| s.heading.level == 1)
            .map(|s| s.heading.span.start)
            .collect();
        // 第三部分 …情况说明: from its heading to the next part's.
        let explained = sections
            .iter()
            .find(|s| s.heading.level == 1 && s.heading.title.contains("情况说明"))
            .map(|s| {
                let start = s.heading.span.start;
                let end = level_one
                    .iter()
                    .copied()
                    .find(|&p| p > start)
                    .unwrap_or(self.text.len());
                start..end
            })
            .unwrap_or(0..0);
        let paragraphs = self
            .report
            .front
            .iter()
            .chain(sections.iter().flat_map(|s| &s.paragraphs));
        for p in paragraphs {
            let text = scale_prose(&p.text, factor);
            if explained.contains(&p.span.start) && rng.one_in(15) {
                edits.push(Edit {
                    range: line_of(&self.text, &p.span),
                    with: String::new(),
                });
            } else if explained.contains(&p.span.start) && rng.one_in(14) {
                edits.push(Edit {
                    range: p.span.clone(),
                    with: format!("{text}\n{text}"),
                });
            } else if text != p.text {
                edits.push(Edit {
                    range: p.span.clone(),
                    with: text,
                });
            }
        }
    }
}

/// `text` with `edits` made (they do not overlap).
fn apply(text: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| e.range.start);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.with);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The whole line `span` is on, its newline included.
fn line_of(text: &str, span: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i + 1);
    start..end
}

/// `value` written with `decimals` decimals (rounded half away from zero), with thousands
/// separators if `grouped`.
fn write(value: Decimal, decimals: u32, grouped: bool) -> String {
    let mut v = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    v.rescale(decimals);
    let s = v.abs().to_string();
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    if v.is_sign_negative() && !v.is_zero() {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if grouped && i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A paragraph with each figure of an amount (`1022.32万元`, `951.03 万元`) scaled.
fn scale_prose(text: &str, factor: Decimal) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        // A figure starts after a character that is no part of a number.
        let before = rest[..start].chars().next_back();
        let len = rest[start..]
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(rest.len() - start);
        let figure = rest[start..start + len].trim_end_matches(['.', ',']);
        let after = rest[start + figure.len()..].trim_start_matches(' ');
        out.push_str(&rest[..start]);
        let number = before
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
            .then(|| figure.replace(',', "").parse::<Decimal>().ok())
            .flatten();
        match number {
            Some(value) if after.starts_with("万元") => {
                let decimals = figure.split_once('.').map_or(0, |(_, f)| f.len() as u32);
                out.push_str(&write(value * factor, decimals, figure.contains(',')));
            }
            _ => out.push_str(figure),
        }
        rest = &rest[start + figure.len()..];
    }
    out.push_str(rest);
    out
}

/// The seed grown `n`-fold as a department `n` times the size would write it: every coded row
/// of the nine tables and every paragraph written `n` times, and every attachment table (a
/// project's 绩效自评表) `n` times.
///
/// Each copy of a coded row gets a code of its own: copy k of a row coded `30101` is coded
/// `ppp01`, where `ppp` is the 3-digit prefix given to the pair (copy k, prefix 301), one not
/// used in the seed, the same in every table (so table 05's copies still match table 03's). The
/// hierarchy is kept (a copy's 款 and 项 sit under its 类), and no report repeats a code.
/// Rows without a code (合计, the lines of tables 01, 04 and 07) and the lines that declare
/// things are written once: a bigger department has more 科目 and more projects, not more total
/// rows. Copies of an attachment table are numbered `附件1-1-c2`, `附件1-1-c3`, ….
///
/// The prefixes run out at about 120×: panics beyond.
pub fn grown(seed: &str, n: usize) -> String {
    let mut prefixes = Prefixes::new(seed);
    let mut out = String::with_capacity(seed.len() * n);
    // Lines of an attachment table, written n times when the table closes.
    let mut attachment: Option<(String, Vec<&str>)> = None;
    let mut depth = 0usize;
    let mut in_standard = false;
    for line in seed.lines() {
        let t = line.trim_start();
        let opens = t.ends_with('{') && !t.starts_with("//");
        let closes = t == "}";
        if depth == 0 && opens {
            if let Some(id) = table_id(t) {
                in_standard = id.len() == 2 && id.bytes().all(|b| b.is_ascii_digit());
                if !in_standard {
                    attachment = Some((id.to_string(), Vec::new()));
                }
            }
        }
        if let Some((_, lines)) = attachment.as_mut() {
            lines.push(line);
        } else {
            let is_row =
                depth > 0 && t.contains(" | ") && !t.starts_with("columns") && !t.starts_with("//");
            let code = t.split(" | ").next().unwrap_or("").trim();
            let coded = is_row
                && in_standard
                && code.len() >= 3
                && code.bytes().all(|b| b.is_ascii_digit());
            let is_paragraph =
                depth == 0 && !t.is_empty() && !t.starts_with(['#', '/', '}']) && !opens;
            out.push_str(line);
            out.push('\n');
            for k in 1..if coded || is_paragraph { n } else { 1 } {
                if coded {
                    let at = line.len() - t.len();
                    out.push_str(&line[..at]);
                    out.push_str(prefixes.get(k, &code[..3]));
                    out.push_str(&t[3..]);
                } else {
                    out.push_str(line);
                }
                out.push('\n');
            }
        }
        if opens {
            depth += 1;
        } else if closes {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                if let Some((id, lines)) = attachment.take() {
                    for k in 1..=n {
                        for (i, l) in lines.iter().enumerate() {
                            if i == 0 && k > 1 {
                                out.push_str(&l.replacen(&id, &format!("{id}-c{k}"), 1));
                            } else {
                                out.push_str(l);
                            }
                            out.push('\n');
                        }
                    }
                }
                in_standard = false;
            }
        }
    }
    out
}

/// The id of a `table ID "…" {` line.
fn table_id(line: &str) -> Option<&str> {
    line.strip_prefix("table ")?.split_whitespace().next()
}

/// Fresh 3-digit code prefixes for the copies of grown rows: one per (copy, seed prefix).
struct Prefixes {
    given: std::collections::HashMap<(usize, String), String>,
    free: std::vec::IntoIter<String>,
}

impl Prefixes {
    fn new(seed: &str) -> Prefixes {
        let used: std::collections::HashSet<&str> = seed
            .lines()
            .filter_map(|l| l.trim_start().split(" | ").next())
            .map(str::trim)
            .filter(|c| c.len() >= 3 && c.bytes().all(|b| b.is_ascii_digit()))
            .map(|c| &c[..3])
            .collect();
        let free: Vec<String> = (100..1000)
            .map(|p: u32| p.to_string())
            .filter(|p| !used.contains(p.as_str()))
            .collect();
        Prefixes {
            given: std::collections::HashMap::new(),
            free: free.into_iter(),
        }
    }

    fn get(&mut self, copy: usize, prefix: &str) -> &str {
        let free = &mut self.free;
        self.given
            .entry((copy, prefix.to_string()))
            .or_insert_with(|| {
                free.next()
                    .expect("the seed grown beyond its 3-digit codes")
            })
    }
}
