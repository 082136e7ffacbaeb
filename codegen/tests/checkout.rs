//! A docs folder as a real checkout has it: `includes/snippets/` beside the pages, shared
//! `includes/` fragments, and what the pages of that release pull in with `[!INCLUDE ...]`.
//! `tests/fixtures/checkout/` holds real pages (2020-05); `tests/fixtures/includes/` holds
//! pages written for these tests, since no real page includes a table.

use codegen::diag::{Code, Diagnostic, Severity};
use codegen::ir::model::{Corpus, Ir};
use codegen::parse::page::{IncludeKind, Page};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn load(name: &str) -> (Corpus, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let corpus = codegen::ir::load(&fixture(name), &mut diags).unwrap();
    (corpus, diags)
}

fn version<'a>(corpus: &'a Corpus, name: &str) -> &'a Ir {
    corpus.versions.iter().find(|v| v.version == name).unwrap()
}

fn page<'a>(ir: &'a Ir, path: &str) -> &'a Page {
    ir.pages.iter().find(|p| p.path == path).unwrap()
}

/// `file:line:column: message` of each diagnostic with `code`.
fn located(corpus: &Corpus, diags: &[Diagnostic], code: Code) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            let span = d.span.expect("a located diagnostic");
            format!("{}: {}", corpus.sources.location(span), d.message)
        })
        .collect()
}

#[test]
fn code_samples_are_no_pages() {
    let (corpus, diags) = load("checkout");
    let pages: Vec<&str> = corpus
        .versions
        .iter()
        .flat_map(|v| &v.pages)
        .map(|p| p.path.as_str())
        .collect();
    assert_eq!(
        pages,
        [
            "beta/api/intune-partnerintegration-appvulnerabilitymobileapp-get.md",
            "v1.0/api/drive-recent.md",
            "v1.0/api/tokenissuancepolicy-list.md",
            "v1.0/api/user-list-owneddevices.md",
        ]
    );
    // The fragment a page includes is read; the code samples are not.
    let read: Vec<&str> = corpus
        .sources
        .files
        .iter()
        .map(|f| f.path.as_str())
        .collect();
    assert!(read.contains(&"includes/limited-info.md"), "{read:?}");
    assert!(!read.iter().any(|p| p.contains("snippets")), "{read:?}");
    // Every include of these pages exists.
    assert!(located(&corpus, &diags, Code::IncludeMissing).is_empty());
}

#[test]
fn includes_are_listed_with_their_kind_and_place() {
    let (corpus, _) = load("checkout");
    let v1 = version(&corpus, "v1_0");
    let owned = page(v1, "v1.0/api/user-list-owneddevices.md");
    let kinds: Vec<(IncludeKind, Option<&str>)> = owned
        .includes
        .iter()
        .map(|i| (i.kind, i.path.as_deref()))
        .collect();
    assert_eq!(
        kinds[0],
        (IncludeKind::Fragment, Some("includes/limited-info.md"))
    );
    assert_eq!(
        kinds[1],
        (
            IncludeKind::Snippet,
            Some("v1.0/includes/snippets/csharp/get-owneddevices-csharp-snippets.md")
        )
    );
    assert_eq!(kinds.len(), 9);
    assert_eq!(
        corpus.sources.location(owned.includes[0].span),
        "v1.0/api/user-list-owneddevices.md:24:26"
    );
    // An include is no prose link: nothing reads `limited-info` as a type.
    assert!(owned
        .response_links
        .iter()
        .chain(&owned.request_body_links)
        .all(|l| !l.target.contains("includes/")));
}

#[test]
fn tab_headings_and_runnable_blocks_are_read() {
    let (corpus, diags) = load("checkout");
    let v1 = version(&corpus, "v1_0");
    // `## HTTP request`, then `# [HTTP](#tab/http)` and a `msgraph-interactive` block.
    let recent = &v1.requests["drive-recent"];
    let paths: Vec<&str> = recent.paths.iter().map(|p| p.raw.as_str()).collect();
    assert_eq!(paths, ["/me/drive/recent"]);
    // The tab heading does not hide "##### Request" above the example's runnable block.
    let example = v1
        .examples
        .iter()
        .find(|e| e.id == "user-list-owneddevices_request_1")
        .unwrap();
    assert_eq!(example.title.as_deref(), Some("Request"));
    // Its URL is read, and checked: the page documents `/users/{id}/ownedDevices` only.
    assert!(example.request.is_none());
    assert_eq!(
        located(&corpus, &diags, Code::ExampleMismatch),
        ["v1.0/api/user-list-owneddevices.md:55:5: request URL matches none of the paths of `user-list-owneddevices`"]
    );
}

#[test]
fn paths_without_a_slash_and_lines_without_a_path() {
    let (corpus, diags) = load("checkout");
    let v1 = version(&corpus, "v1_0");
    let policies = &v1.requests["tokenissuancepolicy-list"];
    assert_eq!(policies.paths[0].raw, "/policies/tokenIssuancePolicies");
    assert_eq!(
        located(&corpus, &diags, Code::PathTemplate),
        ["v1.0/api/tokenissuancepolicy-list.md:33:5: path `policies/tokenIssuancePolicies` does not start with `/`; read as `/policies/tokenIssuancePolicies`"]
    );
    // `GET ** Entity URI for ... not found` names no path: no request, and a diagnostic.
    let beta = version(&corpus, "beta");
    assert!(beta.requests.is_empty(), "{:?}", beta.requests.keys());
    assert_eq!(
        located(&corpus, &diags, Code::OperationWithoutRequest),
        ["beta/api/intune-partnerintegration-appvulnerabilitymobileapp-get.md:35:5: this API page yields no request: it gives no path in its request line: `GET **`"]
    );
}

#[test]
fn tables_of_fragments_are_read_where_they_are_included() {
    let (corpus, diags) = load("includes");
    let beta = version(&corpus, "beta");
    let request = &beta.requests["widget-get"];
    let permissions: Vec<(&str, Vec<String>)> = request
        .permissions
        .iter()
        .map(|p| (p.permission_type.as_str(), p.permissions.clone()))
        .collect();
    assert_eq!(
        permissions,
        [(
            "Delegated (work or school account)",
            vec!["Widget.Read".to_string(), "Widget.ReadWrite".to_string()]
        )]
    );
    // Spans of what the fragment holds point into the fragment.
    assert_eq!(
        corpus.sources.location(request.permissions[0].span),
        "includes/widget-permissions.md:7:1"
    );
    assert_eq!(
        located(&corpus, &diags, Code::TableRaggedRow),
        ["includes/widget-permissions.md:8:1: table row is short: 1 cells where the header has 2"]
    );
    // The table is read, so it is not reported as unread.
    assert!(located(&corpus, &diags, Code::TableUnread).is_empty());
}

#[test]
fn missing_and_outside_includes_are_reported() {
    let (corpus, diags) = load("includes");
    assert_eq!(
        located(&corpus, &diags, Code::IncludeMissing),
        [
            "beta/api/widget-get.md:14:18: included file `includes/gone.md` does not exist",
            "beta/api/widget-get.md:24:25: included file `beta/includes/snippets/csharp/widget-get-csharp-snippets.md` does not exist",
        ]
    );
    let outside: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.code == Code::IncludeOutsideDocs)
        .collect();
    // Once, where it is first included, though two pages include it.
    assert_eq!(outside.len(), 1);
    assert_eq!(outside[0].severity, Severity::Note);
    assert_eq!(
        corpus.sources.location(outside[0].span.unwrap()),
        "beta/api/widget-get.md:26:21"
    );
    // Each is rendered with its place, the target underlined, and what to do.
    let missing = diags
        .iter()
        .find(|d| d.code == Code::IncludeMissing)
        .unwrap();
    let rendered = missing.render(&corpus.sources, false);
    assert!(
        rendered.contains("--> beta/api/widget-get.md:14:18"),
        "{rendered}"
    );
    assert!(
        rendered.contains("^^^^^^^^^^^^^^^^^^^^^^ nothing is included here"),
        "{rendered}"
    );
    assert!(
        rendered.contains("help: point the include at a file that exists"),
        "{rendered}"
    );
}

#[test]
fn a_subset_brings_what_its_pages_include() {
    let out = std::env::temp_dir().join(format!("codegen-subset-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let code = codegen::cli::run(
        [
            "subset",
            "--docs",
            fixture("checkout").to_str().unwrap(),
            "--page",
            "v1.0/api/user-list-owneddevices.md",
            "--out",
            out.to_str().unwrap(),
        ]
        .map(String::from)
        .to_vec(),
    );
    assert_eq!(code, 0);
    assert!(out.join("includes/limited-info.md").is_file());
    assert!(out
        .join("v1.0/includes/snippets/java/get-owneddevices-java-snippets.md")
        .is_file());
    assert!(!out.join("v1.0/api/drive-recent.md").exists());
    std::fs::remove_dir_all(&out).unwrap();
}
