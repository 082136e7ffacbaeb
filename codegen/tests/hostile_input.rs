//! No input makes the parser panic, hang or overflow its stack.

use codegen::parse::page;
use codegen::source::SourceMap;

fn parse_bytes(bytes: Vec<u8>) -> (page::Page, Vec<codegen::diag::Diagnostic>) {
    let mut sources = SourceMap::default();
    let file = sources.add("beta/resources/x.md".into(), Default::default(), bytes);
    let mut diags = Vec::new();
    let p = page::parse(
        file,
        "beta/resources/x.md",
        &sources.file(file).text,
        &mut diags,
    );
    // Rendering must cope with whatever was found, too.
    for d in &diags {
        let _ = d.render(&sources, false);
    }
    (p, diags)
}

#[test]
fn json_nested_100_000_deep_is_an_error_not_a_stack_overflow() {
    let deep = format!(
        "# x\n\n<!-- {{ \"blockType\": \"example\" }} -->\n```json\n{}\n```\n",
        "[".repeat(100_000)
    );
    let (p, _) = parse_bytes(deep.clone().into_bytes());
    assert_eq!(p.examples.len(), 1);
    let annotation = format!("<!-- {} -->\n", "{\"a\":".repeat(100_000));
    let (_, diags) = parse_bytes(annotation.into_bytes());
    assert!(
        diags
            .iter()
            .any(|d| d.code == codegen::diag::Code::AnnotationInvalid
                && d.message.contains("nesting")),
        "{diags:?}"
    );
}

#[test]
fn a_50_mb_page_parses() {
    let row = "| name | String | A description with `code` and [a link](x.md). |\n";
    let mut page = String::from(
        "# big resource type\n\n## Properties\n\n| Property | Type | Description |\n|:-|:-|:-|\n",
    );
    while page.len() < 50_000_000 {
        page.push_str(row);
    }
    let (p, _) = parse_bytes(page.into_bytes());
    assert!(p.properties.len() > 600_000);
}

#[test]
fn invalid_utf8_binary_garbage_and_empty_files() {
    let (p, _) = parse_bytes(b"# a\xffb\n\xfe\x00\x01\xc3".to_vec());
    assert_eq!(p.title.map(|t| t.text).as_deref(), Some("a?b"));
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for _ in 0..200 {
        let bytes: Vec<u8> = (0..512)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let alphabet = b"#|`<!-{}[]()\":, \n-abc\xff";
                alphabet[(state % alphabet.len() as u64) as usize]
            })
            .collect();
        parse_bytes(bytes);
    }
    let (p, diags) = parse_bytes(Vec::new());
    assert!(p.title.is_none() && p.examples.is_empty() && diags.is_empty());
}

#[test]
fn only_front_matter_and_a_fence_that_never_closes() {
    let (p, diags) = parse_bytes(b"---\ntitle: only\n---\n".to_vec());
    assert_eq!(p.front_matter.title.as_deref(), Some("only"));
    assert!(diags.is_empty());
    let (_, diags) =
        parse_bytes(b"## Examples\n\n##### Request\n```http\nPOST /me\n\n{\"a\": 1\n".to_vec());
    assert!(diags
        .iter()
        .any(|d| d.code == codegen::diag::Code::FenceNotClosed));
}
