//! Figures as PDF extraction prints them, put back into their written form: `1, 022. 32` is
//! `1,022.32`, `95. 42 %` is `95.42%`, full-width `１０２２．３２` is `1022.32`. Only the form
//! changes: no digit is added, dropped or moved, so the figure keeps its value and its number of
//! decimals (which the rounding tolerance depends on).

/// The compact form of a table cell that is a figure with stray spaces or full-width
/// characters; `None` when the cell is not a figure (text, a date, two figures side by side).
///
/// ```
/// use fislint::import::compact_figure;
/// assert_eq!(compact_figure("1, 022. 32").as_deref(), Some("1,022.32"));
/// assert_eq!(compact_figure(" 0. 30 ").as_deref(), Some("0.30"));
/// assert_eq!(compact_figure("2021 年"), None);
/// ```
pub fn compact_figure(cell: &str) -> Option<String> {
    let mut out = String::with_capacity(cell.len());
    let mut space_before = false;
    for c in cell.trim().chars() {
        let c = match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '，' => ',',
            '．' => '.',
            '％' => '%',
            '－' => '-',
            c => c,
        };
        match c {
            ' ' | '\u{3000}' => space_before = true,
            '0'..='9' | ',' | '.' | '%' | '-' => {
                // A space may only stand next to a separator: `1, 022` or `022. 32`, never
                // between two digits (`12 34` is two figures, or a code and a figure).
                let last = out.chars().last();
                if space_before && c.is_ascii_digit() && last.is_some_and(|l| l.is_ascii_digit()) {
                    return None;
                }
                out.push(c);
                space_before = false;
            }
            _ => return None,
        }
    }
    is_figure(&out).then_some(out)
}

/// `-1,022.32`, `1022.32`, `95.42%`, `0`: an optional minus, digits (grouped by commas in threes,
/// or not at all), an optional fraction, an optional percent sign.
fn is_figure(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let s = s.strip_suffix('%').unwrap_or(s);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let grouped = {
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or("");
        digits(first)
            && (!int.contains(',') || first.len() <= 3)
            && groups.all(|g| g.len() == 3 && digits(g))
    };
    grouped && frac.is_none_or(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stray_spaces_around_separators_go() {
        for (printed, written) in [
            ("1, 022. 32", "1,022.32"),
            ("975. 48", "975.48"),
            ("0. 30", "0.30"),
            ("46.84", "46.84"),
            ("95. 42 %", "95.42%"),
            ("- 3. 5", "-3.5"),
            ("1,025.90", "1,025.90"),
            ("0", "0"),
        ] {
            assert_eq!(
                compact_figure(printed).as_deref(),
                Some(written),
                "{printed}"
            );
        }
    }

    #[test]
    fn full_width_characters_become_ascii() {
        assert_eq!(
            compact_figure("１，０２２．３２").as_deref(),
            Some("1,022.32")
        );
        assert_eq!(compact_figure("８０％").as_deref(), Some("80%"));
    }

    #[test]
    fn what_is_not_one_figure_is_left_alone() {
        for cell in [
            "",
            "-",
            "12 34",
            "2021 年",
            "1-1",
            "1,02",
            "1,0222",
            "1..2",
            "12.",
            ".5",
            "1, 022. 32 万元",
            "合计",
            "1,022.32 46.84",
            "1234,567",
        ] {
            assert_eq!(compact_figure(cell), None, "{cell:?}");
        }
    }

    #[test]
    fn no_digit_is_added_dropped_or_moved() {
        for printed in ["1, 022. 32", "9 , 876 . 5", "0. 300"] {
            let written = compact_figure(printed).unwrap();
            let digits = |t: &str| t.chars().filter(char::is_ascii_digit).collect::<String>();
            assert_eq!(digits(printed), digits(&written));
        }
    }
}
