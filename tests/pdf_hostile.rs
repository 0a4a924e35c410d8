//! Hostile PDFs (issue 16, item 7): reference cycles, nesting 10,000 deep, 100,000 pages,
//! millions of objects and operators, files cut short. Each either is refused with the budget
//! it hits (a `PdfError`, exit 2 through `fislint check`) or is read as far as it can be, as
//! each test states; none crashes, overflows the stack, hangs or exhausts memory. What hayro
//! bounds itself and what the reader's budgets bound is set out in `src/import/pdf/budget.rs`.
//!
//! The inputs are `common::hostile`'s, which `benches/pdf.rs` times (group `hostile`) and
//! `examples/hostile_pdfs.rs` writes out for measuring memory (BENCHMARKS.md). Here they are
//! sized to hit their budget just, so that the file runs in seconds in a debug build; the
//! full-size ones that take longer are `#[ignore]`d and run by `.ci/run`.
//!
//! Every test runs on the test harness's threads, whose stack is 2 MiB: the recursion the
//! budgets leave (64 levels of nesting, 50 of forms) fits in it in a debug build.

// Test code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::hostile::{self, nested, Doc, TITLE};

use fislint::import::pdf::{
    read_pdf, PdfError, ReadError, ReadPdf, MAX_DEPTH, MAX_OBJECTS, MAX_OPERATORS, MAX_PAGES,
};

/// The budget (or other error) `pdf` is refused with.
fn refused(pdf: &[u8]) -> PdfError {
    match read_pdf(pdf) {
        Err(ReadError::Pdf(e)) => e,
        Err(e) => panic!("refused, but not as a PDF: {e}"),
        Ok(read) => panic!("read: {:?}", read.reconstructed.text),
    }
}

/// `pdf` read; its title line among what was read.
fn read(pdf: &[u8]) -> ReadPdf {
    let read = read_pdf(pdf).unwrap_or_else(|e| panic!("not read: {e}"));
    assert!(
        read.reconstructed.text.contains(TITLE),
        "{:?}",
        read.reconstructed.text
    );
    read
}

// ---------------------------------------------------------------------------------------------
// Reference cycles: hayro-syntax does not read an object again while reading it
// (`IndirectObject::read`, the reader context's `parent_chain`), so each cycle resolves to
// nothing where it closes, and the rest of the page is read.

#[test]
fn a_page_tree_whose_kids_include_itself_and_its_parent_has_its_one_page() {
    // hayro walks the tree with a set of the nodes seen (`page.rs`, `resolve_pages`): the
    // page listed twice is one page.
    assert_eq!(read(&hostile::kids_cycle()).pages, 1);
}

#[test]
fn pages_that_are_a_reference_to_themselves_are_found_by_searching_the_file() {
    // `/Pages 9 0 R` with `9 0 obj 9 0 R`: no tree, so hayro looks through every object for
    // pages (`Pages::new_brute_force`).
    assert_eq!(read(&hostile::pages_is_itself()).pages, 1);
}

#[test]
fn objects_that_are_a_reference_to_themselves_are_nothing() {
    // Used as a content stream, a font, an XObject, a colour space and a graphics state.
    let read = read(&hostile::refers_to_itself());
    assert_eq!(read.pages, 1);
    // Nothing is shown with the font that is itself: the text is the title alone.
    assert_eq!(read.reconstructed.text.trim(), TITLE);
}

#[test]
fn contents_that_contain_themselves_are_read_once() {
    assert_eq!(read(&hostile::contents_contains_itself()).pages, 1);
}

#[test]
fn fonts_and_resources_in_a_loop_draw_what_they_can() {
    // A Type0 font its own descendant, a CIDFont its own descriptor, resources listing
    // themselves as a font, an XObject and a pattern: their glyphs have no Unicode mapping.
    let read = read(&hostile::font_loop());
    assert!(read.unmapped > 0, "{read:?}");
}

#[test]
fn a_form_that_draws_itself_is_drawn_once() {
    // Its resources' reference to itself resolves to nothing within itself, whether it draws
    // itself once or twice (which would be 2^50 forms, were it not for that).
    read(&hostile::form_draws_itself());
    read(&hostile::form_draws_itself_twice());
}

#[test]
fn colour_spaces_and_functions_that_are_their_own_base_are_nothing() {
    read(&hostile::colour_space_cycle());
    read(&hostile::function_cycle());
}

#[test]
fn a_cross_reference_table_that_is_its_own_previous_one_is_read_once() {
    // hayro follows `/Prev` with a set of the offsets seen (`xref.rs`, at most
    // `MAX_XREF_CHAIN_DEPTH`, 256).
    read(&hostile::xref_prev_cycle());
}

// ---------------------------------------------------------------------------------------------
// Nesting: the pre-scan measures how deep arrays and dictionaries nest in each object and
// each object stream, `budget::check_pages` in each content stream, colour space and function,
// all against MAX_DEPTH (64).

#[test]
fn arrays_and_dictionaries_nested_10000_deep_are_refused() {
    for dicts in [false, true] {
        for (place, pdf) in [
            ("page's resources", hostile::deep_in_resources(dicts)),
            ("object", hostile::deep_object(dicts)),
            ("content stream", hostile::deep_in_content(dicts)),
        ] {
            assert_eq!(refused(&pdf), PdfError::TooDeep, "{place}, dicts: {dicts}");
        }
    }
}

#[test]
fn nesting_is_refused_one_level_past_the_budget() {
    let object = |levels: usize| {
        let mut d = Doc::new();
        let n = d.add(nested("[", "1", "]", levels));
        d.resources(&format!("/Deep {n} 0 R"));
        d.finish()
    };
    read(&object(MAX_DEPTH));
    assert_eq!(refused(&object(MAX_DEPTH + 1)), PdfError::TooDeep);
    let content = |levels: usize| {
        let mut d = Doc::new();
        d.draw(format!("/P {} BDC EMC", nested("<< /A ", "1", " >>", levels)).as_bytes());
        d.finish()
    };
    read(&content(MAX_DEPTH));
    assert_eq!(refused(&content(MAX_DEPTH + 1)), PdfError::TooDeep);
}

#[test]
fn brackets_in_strings_and_inline_images_are_not_nesting() {
    let mut d = Doc::new();
    let many = "[".repeat(2 * MAX_DEPTH);
    d.draw(
        format!(
            "BT /F1 12 Tf 72 700 Td ({many}) Tj ET % {many}\n\
             q BI /W 4 /H 1 /CS /G /BPC 8 ID {many}\nEI Q"
        )
        .as_bytes(),
    );
    let n = d.add(format!("[({many}) <5B5B5B5B>]"));
    d.resources(&format!("/Strings {n} 0 R"));
    read(&d.finish());
}

#[test]
fn colour_spaces_and_functions_10000_references_deep_are_refused() {
    // Each level is a recursion of hayro-interpret (`ColorSpace::new`, `Function::new`); these
    // overflowed the stack before the budget.
    assert_eq!(
        refused(&hostile::deep_colour_space_chain()),
        PdfError::TooDeep
    );
    assert_eq!(refused(&hostile::deep_function_chain()), PdfError::TooDeep);
}

#[test]
fn a_postscript_function_nested_a_million_braces_deep_is_refused() {
    // hayro-interpret parses each `{` by recursion (`function/type4.rs`); this overflowed the
    // stack before the budget.
    assert_eq!(
        refused(&hostile::deep_postscript_function()),
        PdfError::TooDeep
    );
}

#[test]
fn a_page_tree_10000_levels_deep_has_its_page() {
    // hayro walks the tree with a stack of its own, not by recursion.
    assert_eq!(read(&hostile::deep_page_tree()).pages, 1);
}

#[test]
fn graphics_states_saved_100000_deep_are_drawn() {
    // hayro keeps the saved states in a vector, and beyond 65,535 only counts the saves
    // (`interpret/stack.rs`).
    let read = read(&hostile::deep_save_state());
    assert_eq!(read.reconstructed.text.matches(TITLE).count(), 2);
}

#[test]
fn the_deepest_recursion_left_fits_a_2_mib_stack() {
    // Forms drawn 50 deep (hayro's limit), the last setting a colour space 63 references deep
    // and showing text with an operand nested 64 deep: everything the budgets let through at
    // once, on a thread with the stack of the test harness's and of `fislint check`'s workers.
    let mut d = Doc::new();
    let first_cs = d.next();
    for i in 0..(MAX_DEPTH as u32 - 1) {
        d.add(format!("[/Indexed {} 0 R 0 <00>]", first_cs + i + 1));
    }
    d.add("/DeviceGray");
    let first_form = d.next();
    let forms = 50u32;
    for i in 0..forms {
        let dict = format!(
            "/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources << /Font << /F1 3 0 R >> \
             /ColorSpace << /C1 {first_cs} 0 R >> /XObject << /X {} 0 R >> >>",
            first_form + i + 1
        );
        let ops = if i + 1 == forms {
            format!(
                "/C1 cs 0 sc 0 0 10 10 re f BT /F1 12 Tf 72 600 Td {} TJ ET {}",
                nested("[", "<4E00>", "]", MAX_DEPTH),
                hostile::show(72.0, 500.0, TITLE)
            )
        } else {
            "/X Do".to_string()
        };
        d.add_stream(&dict, ops.as_bytes());
    }
    d.resources(&format!("/XObject << /X {first_form} 0 R >>"));
    d.draw(b"/X Do");
    let pdf = d.finish();
    let read = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || read_pdf(&pdf).map(|r| r.reconstructed.text))
        .unwrap()
        .join()
        .unwrap()
        .unwrap();
    // The title on the page, and again from the innermost form.
    assert_eq!(read.matches(TITLE).count(), 2, "{read:?}");
}

// ---------------------------------------------------------------------------------------------
// Pages: hayro builds every page when it opens the file, before the reader can count them, so
// the page budget is checked before any page is drawn, and the object budget keeps what hayro
// builds to a few hundred thousand pages.

#[test]
fn one_page_more_than_the_budget_is_refused_before_any_is_drawn() {
    let pdf = hostile::many_pages(MAX_PAGES + 1, 10);
    assert_eq!(refused(&pdf), PdfError::TooManyPages(MAX_PAGES + 1));
    let pdf = hostile::inline_pages(MAX_PAGES + 1);
    assert_eq!(refused(&pdf), PdfError::TooManyPages(MAX_PAGES + 1));
}

/// 100,000 pages, as a flat `/Kids` array and as a tree of fan-out 10: hayro walks them when
/// it opens the file (0.5 s in a release build, 5 s in a debug one), then they are refused.
#[test]
#[ignore = "slow in a debug build (5 s a file); run by .ci/run"]
fn a_hundred_thousand_pages_are_refused_before_any_is_drawn() {
    for fanout in [100_000, 10] {
        let pdf = hostile::many_pages(100_000, fanout);
        assert_eq!(refused(&pdf), PdfError::TooManyPages(100_000), "{fanout}");
    }
}

#[test]
fn a_million_pages_written_as_dictionaries_are_refused_unread() {
    // `<<>>` is a page to hayro (it takes a kid of any type for one), 1 KB of memory each once
    // built: the pre-scan counts the dictionaries first.
    let pdf = hostile::inline_pages(1_000_000);
    assert_eq!(refused(&pdf), PdfError::TooManyObjects);
}

// ---------------------------------------------------------------------------------------------
// Objects and operators.

#[test]
fn objects_past_the_budget_are_refused_unread() {
    let count = usize::try_from(MAX_OBJECTS).unwrap();
    assert_eq!(
        refused(&hostile::many_objects(count)),
        PdfError::TooManyObjects
    );
    // Dictionaries within one object count too.
    let mut d = Doc::new();
    d.add(format!("[{}]", "<<>>".repeat(count)));
    assert_eq!(refused(&d.finish()), PdfError::TooManyObjects);
}

#[test]
fn a_cross_reference_stream_inflating_to_more_entries_than_the_budget_is_refused() {
    // One byte an entry (`/W [0 1 0]`): hayro made an entry of its table for each, and ran out
    // of memory for 200 MiB of zeros, a 200 KB file.
    let count = usize::try_from(MAX_OBJECTS).unwrap() + 1;
    assert_eq!(
        refused(&hostile::xref_stream_entries(count)),
        PdfError::TooManyObjects
    );
    // Well within the budget, the file is read through its cross-reference stream.
    read(&hostile::xref_stream_entries(20));
}

#[test]
fn operators_past_the_budget_are_refused_before_any_is_drawn() {
    let over = usize::try_from(MAX_OPERATORS).unwrap() / 2 + 1;
    // Pairs of operators that draw nothing: no glyph or line for the device's budgets to see.
    assert_eq!(
        refused(&hostile::many_operators("q Q ", over)),
        PdfError::TooMuchContent
    );
}

#[test]
fn text_past_the_budget_in_one_string_is_refused() {
    // One `Tj` of a million characters (2 bytes each): hayro holds every glyph of a run at
    // once, 170 bytes each.
    let chars = usize::try_from(MAX_OPERATORS).unwrap() / 2 + 1;
    assert_eq!(
        refused(&hostile::long_string(chars)),
        PdfError::TooMuchContent
    );
}

#[test]
fn forms_that_draw_forms_twice_each_are_refused_before_any_is_drawn() {
    // 30 forms each drawing the next twice: 2^30 forms drawn, from a 7 KB file. hayro's nesting
    // limit (50) does not stop it: it did not end within a minute before the budget.
    assert_eq!(
        refused(&hostile::forms_doubling(30)),
        PdfError::TooMuchContent
    );
    // Ten levels (1,024 forms drawn) are within it.
    read(&hostile::forms_doubling(10));
}

#[test]
fn a_function_built_of_a_billion_functions_is_refused_before_it_is_built() {
    // 30 stitching functions each stitching the next twice: hayro builds 2^30 functions
    // (`Function::new`, no sharing) at each `sh`. The budget counts what each resource used
    // makes hayro build.
    assert_eq!(
        refused(&hostile::function_tree(30)),
        PdfError::TooMuchContent
    );
    read(&hostile::function_tree(8));
}

#[test]
fn a_form_of_white_space_drawn_often_is_refused() {
    // No operator in it, but hayro inflates and reads its megabyte at each of the 10,000
    // `Do`s (over 5 s in a release build before the budget).
    assert_eq!(
        refused(&hostile::empty_form_drawn_often(1 << 20, 10_000)),
        PdfError::TooMuchContent
    );
}

// ---------------------------------------------------------------------------------------------
// Damaged files.

#[test]
fn a_pdf_cut_anywhere_is_read_as_far_as_it_goes_or_refused_as_cut_short() {
    let whole = hostile::three_pages();
    for (at, cut) in hostile::cuts(&whole) {
        match read_pdf(&cut) {
            // hayro rebuilds the cross-reference table from the objects left (`xref.rs`,
            // `fallback`): the pages whose objects are whole are read.
            Ok(read) => {
                assert!(read.pages >= 1, "{at}");
                assert!(read.reconstructed.text.contains(TITLE), "{at}");
            }
            Err(ReadError::Pdf(PdfError::Truncated)) => {}
            // Cut at the very start: nothing to tell it is a PDF.
            Err(ReadError::Pdf(PdfError::Invalid)) => assert!(cut.len() < 10, "{at}"),
            Err(e) => panic!("cut {at}: {e}"),
        }
    }
    // Within the cross-reference table or the trailer, every page's objects are whole.
    for (at, cut) in hostile::cuts(&whole).into_iter().skip(20) {
        let read = read_pdf(&cut).unwrap_or_else(|e| panic!("{at}: {e}"));
        assert_eq!(read.pages, 3, "{at}");
        assert_eq!(read.reconstructed.text.matches(TITLE).count(), 3, "{at}");
    }
    // Before the first page's content, nothing is read.
    let cut = &whole[..whole.len() / 4];
    assert_eq!(refused(cut), PdfError::Truncated);
}

#[test]
fn a_broken_cross_reference_table_is_rebuilt() {
    let whole = hostile::three_pages();
    for pdf in [hostile::shifted(&whole), hostile::xref_garbled(&whole)] {
        let read = read(&pdf);
        assert_eq!(read.pages, 3);
        assert_eq!(read.reconstructed.text.matches(TITLE).count(), 3);
    }
}

// ---------------------------------------------------------------------------------------------
// Through the binary: exit 2 and the budget's message.

#[test]
fn fislint_check_exits_2_with_the_budget_hit() {
    let dir = tempfile::tempdir().unwrap();
    let half = hostile::three_pages();
    for (file, pdf, says) in [
        (
            "forms.pdf",
            hostile::forms_doubling(30),
            "绘制指令超过可读取的上限",
        ),
        (
            "chain.pdf",
            hostile::deep_colour_space_chain(),
            "嵌套超过 64 层的上限",
        ),
        (
            "inline.pdf",
            hostile::inline_pages(1_000_000),
            "对象超过可读取的上限",
        ),
        ("cut.pdf", half[..half.len() / 4].to_vec(), "PDF 文件不完整"),
    ] {
        std::fs::write(dir.path().join(file), pdf).unwrap();
        let (code, out) = common::fislint_in(dir.path(), &["check", "--no-config", file]);
        assert_eq!(code, 2, "{file}: {out}");
        assert!(
            out.contains("无法读取 PDF") && out.contains(says),
            "{file}: {out}"
        );
    }
}
