//! [`ExprSrc::file_offset`] on plain, quoted and block scalars.

use super::*;

/// The `check` of a one-rule pack whose `assert` fields are `fields` (YAML lines, indented
/// under `assert:`), and the files.
fn assert_fields(fields: &str) -> (Check, Vec<SourceFile>) {
    let text = format!(
        "{}        each: rows(t05)\n{fields}",
        pack_with(&rule("r", "\n      assert:\n"))
    );
    let pack = load(file("p.yaml"), &Memory::default().file("p.yaml", &text))
        .unwrap_or_else(|e| panic!("{}", e.render()));
    (pack.rules[0].def.check.clone(), pack.files)
}

/// For each `token` of `expr`'s text: the file, at `file_offset` of the token's offset, holds
/// the token.
fn assert_maps(expr: &ExprSrc, files: &[SourceFile], tokens: &[&str]) {
    let file = &files[expr.file].text;
    for token in tokens {
        let rel = expr
            .text
            .find(token)
            .unwrap_or_else(|| panic!("{token} not in {:?}", expr.text));
        let at = expr.file_offset(files, rel);
        assert!(
            file[at..].starts_with(token),
            "{token} at {rel} maps to {at}: {:?}",
            file[at..].chars().take(12).collect::<String>()
        );
        assert!(expr.span.contains(&at), "{at} outside {:?}", expr.span);
    }
}

#[test]
fn file_offset_of_plain_and_quoted_scalars() {
    let (check, files) = assert_fields(concat!(
        "        that: row.小计 == row.基本支出 + row.项目支出\n",
        "        message: \"小计 {row.小计} 与 \\\"合计\\\" {row.合计} 不符\\u3002{x}\"\n",
        "        help: '它''s {row.名称} 的说明'\n",
    ));
    let Check::Assert {
        that,
        message,
        help,
        ..
    } = check
    else {
        panic!()
    };
    // Plain: the text is the source.
    assert_eq!(&files[0].text[that.span.clone()], that.text);
    for (rel, _) in that.text.char_indices() {
        assert_eq!(that.file_offset(&files, rel), that.span.start + rel);
    }
    assert_maps(&that, &files, &["row.基本支出", "row.项目支出"]);
    // Double-quoted, with escapes before the tokens: the span excludes the quotes.
    assert_eq!(
        message.text,
        "小计 {row.小计} 与 \"合计\" {row.合计} 不符。{x}"
    );
    assert!(files[0].text[message.span.clone()].starts_with("小计"));
    assert!(files[0].text[message.span.clone()].ends_with("{x}"));
    assert_maps(
        &message,
        &files,
        &["{row.小计}", "合计", "{row.合计}", "{x}"],
    );
    // Single-quoted, with a doubled quote.
    let help = help.unwrap();
    assert_eq!(help.text, "它's {row.名称} 的说明");
    assert_maps(&help, &files, &["s {row", "{row.名称}", "的说明"]);
}

#[test]
fn file_offset_of_block_scalars() {
    let (check, files) = assert_fields(concat!(
        "        that: |\n",
        "          row.小计 ==\n",
        "            row.基本支出\n",
        "\n",
        "            + row.项目支出\n",
        "\n",
        "        message: >-\n",
        "          小计 {row.小计}\n",
        "          不等于 {row.基本支出 + row.项目支出}\n",
        "\n",
        "          请核对。\n",
    ));
    let Check::Assert { that, message, .. } = check else {
        panic!()
    };
    // Literal: each line of the text is the end of its source line.
    assert_eq!(
        that.text,
        "row.小计 ==\n  row.基本支出\n\n  + row.项目支出\n"
    );
    assert!(
        files[0].text[that.span.clone()].ends_with("+ row.项目支出"),
        "no trailing line break"
    );
    for (rel, c) in that.text.char_indices().filter(|(_, c)| !c.is_whitespace()) {
        let at = that.file_offset(&files, rel);
        assert!(
            files[0].text[at..].starts_with(c),
            "{c} at {rel} maps to {at}"
        );
    }
    assert_maps(
        &that,
        &files,
        &["row.小计", "  row.基本支出", "+ row.项目支出"],
    );
    // Folded: line breaks became spaces.
    assert_eq!(
        message.text,
        "小计 {row.小计} 不等于 {row.基本支出 + row.项目支出}\n请核对。"
    );
    assert_maps(
        &message,
        &files,
        &[
            "{row.小计}",
            "不等于",
            "{row.基本支出 + row.项目支出}",
            "请核对。",
        ],
    );
    // The end of the text maps to the end of the content.
    assert_eq!(
        message.file_offset(&files, message.text.len()),
        message.span.end
    );
}
