//! `fislint lsp` run as an editor runs it: JSON-RPC with `Content-Length` framing over the
//! binary's standard input and output. Every wait has a timeout, so a broken server fails the
//! test instead of hanging it.

// Test and measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "common/lsp_client.rs"]
mod lsp_client;

use serde_json::{json, Value};

use lsp_client::{change, codes, open, seed, uri, Client};

fn shutdown(client: Client) -> i32 {
    client.shutdown()
}

#[test]
fn the_seed_is_linted_as_it_is_edited_and_hover_explains_a_finding() {
    let (path, text) = seed();
    let uri = uri(&path);
    let mut client = Client::start();
    open(&mut client, &uri, "fis", &text);
    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 1);
    let growth = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "prose-total-growth")
        .unwrap_or_else(|| panic!("prose-total-growth in {:?}", codes(&published)))
        .clone();
    assert_eq!(growth["range"]["start"]["line"], 345, "{growth}");
    assert_eq!(growth["source"], "fislint");
    assert_eq!(growth["severity"], 1);
    // The stated rate, in UTF-16 columns of a line full of CJK text.
    let line = text.lines().nth(345).unwrap();
    let at = line.find("10.93%").unwrap();
    assert_eq!(
        growth["range"]["start"]["character"],
        line[..at].encode_utf16().count()
    );
    let related = growth["relatedInformation"].as_array().unwrap();
    assert!(!related.is_empty(), "the cells it used: {growth}");
    assert!(related.iter().all(|r| r["location"]["uri"] == uri.as_str()));

    // Hover on the finding: its rule explained.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": growth["range"]["start"] }),
    );
    let markdown = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(
        markdown.contains("收支总计的增长率与增加额一致"),
        "{markdown}"
    );
    assert!(markdown.contains("**错误示例**"), "{markdown}");
    // Nowhere near a finding: no hover.
    let nothing = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(nothing, Value::Null);

    // The seed's error corrected: that finding is gone, the others stay.
    let corrected = text.replacen("增长10.93%", "增长10.89%", 1);
    change(&mut client, &uri, 2, &corrected);
    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 2);
    assert!(!codes(&published).contains(&"prose-total-growth"));
    assert!(!codes(&published).is_empty());

    // Closed: cleared.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    let published = client.diagnostics(&uri);
    assert_eq!(published["diagnostics"], json!([]));

    assert_eq!(shutdown(client), 0);
}

#[test]
fn changes_queued_together_end_on_the_latest_text() {
    let (path, text) = seed();
    let uri = uri(&path);
    let mut client = Client::start();
    open(&mut client, &uri, "fis", &text);
    client.diagnostics(&uri);
    let corrected = text.replacen("增长10.93%", "增长10.89%", 1);
    for version in 2..=6 {
        let t = if version % 2 == 0 { &corrected } else { &text };
        change(&mut client, &uri, version, t);
    }
    change(&mut client, &uri, 7, &corrected);
    let mut published = 0;
    loop {
        let p = client.diagnostics(&uri);
        published += 1;
        if p["version"] == 7 {
            assert!(!codes(&p).contains(&"prose-total-growth"));
            break;
        }
    }
    assert!(published <= 6, "{published} publications for 6 changes");
    assert_eq!(shutdown(client), 0);
}

#[test]
fn a_rule_pack_is_checked_from_the_editor_text() {
    let dir = tempfile::tempdir().unwrap();
    // Never written to disk: the server reads the editor's text.
    let path = dir.path().join("pack.yaml");
    let uri = uri(&path);
    let good = "pack: mine\ntitle: 我的规则包\nversion: \"1\"\nextends: [national]\nrules: []\n";
    let bad = format!("{good}规则们: []\n");
    let mut client = Client::start();
    open(&mut client, &uri, "yaml", &bad);
    let published = client.diagnostics(&uri);
    let d = &published["diagnostics"][0];
    assert_eq!(d["code"], "pack/unknown-key", "{published}");
    assert_eq!(d["range"]["start"]["line"], 5);
    assert_eq!(d["range"]["end"]["character"], 3, "UTF-16 columns: {d}");
    change(&mut client, &uri, 2, good);
    let published = client.diagnostics(&uri);
    assert_eq!(published["diagnostics"], json!([]));
    assert_eq!(shutdown(client), 0);
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let mut client = Client::start();
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), 1);
}

// ------------------------------------------------------------ issue 15, item 11
/// A `fislint.toml` the server finds by walking up from an open report may name only built-in
/// packs and files inside its own folder, as `check` allows it: one naming a pack outside
/// (absolute, `../`) is left out, the report checked with its 地区's pack, and nothing of the
/// outside files reaches the editor. (The server leaves out a configuration with mistakes
/// rather than publishing them; `check` shows them at their place.)
#[test]
fn a_discovered_configuration_naming_files_outside_its_folder_is_left_out() {
    let (_, text) = seed();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let outside = root.join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(
        outside.join("o.yaml"),
        "pack: outside\ntitle: 外部\nversion: \"1\"\nrules:\n  - id: outside-rule\n    severity: error\n    title: 外部规则\n    summary: 外部。\n    rationale: 外部。\n    examples: { bad: 甲, good: 乙 }\n    check:\n      assert:\n        that: \"1 > 2\"\n        message: 外部规则包的规则被执行了\n",
    )
    .unwrap();
    let configs = [
        format!(
            "packs = [{:?}]\n",
            outside.join("o.yaml").display().to_string()
        ),
        "packs = [\"../outside/o.yaml\"]\n".to_string(),
        "packs = [\"/etc/passwd\"]\n".to_string(),
    ];
    let mut client = Client::start();
    for (i, config) in configs.iter().enumerate() {
        let repo = root.join(format!("repo{i}"));
        std::fs::create_dir_all(&repo).unwrap();
        std::fs::write(repo.join("fislint.toml"), config).unwrap();
        let report = repo.join("a.fis");
        std::fs::write(&report, &text).unwrap();
        let uri = uri(&report);
        open(&mut client, &uri, "fis", &text);
        let published = client.diagnostics(&uri);
        let codes = codes(&published);
        assert!(!codes.contains(&"outside-rule"), "{config}: {codes:?}");
        assert!(codes.contains(&"prose-total-growth"), "{config}: {codes:?}");
        let all = published.to_string();
        assert!(!all.contains("外部规则包"), "{config}: {all}");
        assert!(!all.contains("root:x:"), "{config}: {all}");
    }
    assert_eq!(shutdown(client), 0);
}

// ------------------------------------------------------------ issue 15, item 10
/// An open pack, not yet saved, whose `include` is a link to a file outside its folder and
/// whose `extends` goes through a linked folder: both refused at their entries, as `check`
/// refuses them, and the outside file's text never published.
#[test]
#[cfg(unix)]
fn a_link_cannot_lead_an_open_pack_out_of_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside");
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::create_dir_all(&repo).unwrap();
    std::fs::write(outside.join("secret.yaml"), "SECRET-LINE: 不应出现\n").unwrap();
    std::fs::write(
        outside.join("o.yaml"),
        "pack: o\ntitle: 外部\nversion: \"1\"\nrules: []\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.join("secret.yaml"), repo.join("secret.yaml")).unwrap();
    std::os::unix::fs::symlink(&outside, repo.join("linked")).unwrap();
    let path = repo.join("pack.yaml");
    let uri = uri(&path);
    let text = "pack: mine\ntitle: 我的规则包\nversion: \"1\"\nextends: [linked/o.yaml]\ninclude: [secret.yaml]\n";
    let mut client = Client::start();
    open(&mut client, &uri, "yaml", text);
    let published = client.diagnostics(&uri);
    let lines: Vec<_> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].clone(), d["range"]["start"]["line"].clone()))
        .collect();
    assert_eq!(
        lines,
        [
            (json!("pack/extends-escapes"), json!(3)),
            (json!("pack/extends-escapes"), json!(4))
        ],
        "{published}"
    );
    assert!(
        !published.to_string().contains("SECRET-LINE"),
        "{published}"
    );
    assert_eq!(shutdown(client), 0);
}
