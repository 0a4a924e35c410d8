//! The layout reader on small texts of our own, one per quirk of the form, and on the two
//! Shanghai texts of `../shared/reports/` (not part of the project; skipped when absent).

use super::*;
use crate::import::BlockKind;

#[test]
fn dump_putuo() {
    let name = std::env::var("DUMP").unwrap_or("shanghai-putuo-shehuigongzuobu-2024.txt".into());
    let Some(text) = crate::import::shared_report(&name) else {
        return;
    };
    let doc = layout(&text);
    for b in &doc.blocks {
        eprintln!("{:?} {:?} {}", b.kind, b.lines, b.text);
    }
    for t in &doc.tables {
        eprintln!("== {} {} {:?} {:?}", t.id, t.title, t.unit, t.lines);
        for (r, l) in t.rows.iter().zip(&t.row_lines) {
            eprintln!("  {l}: {r:?}");
        }
        for n in &t.notes {
            eprintln!("  note {n}");
        }
        match crate::import::table_source(t) {
            Some((e, w)) => eprintln!("{}{w:?}", e.text),
            None => eprintln!("NO SOURCE"),
        }
    }
    for w in &doc.warnings {
        eprintln!("W {:?} {}", w.lines, w.message);
    }
    let _ = BlockKind::Heading;
}
