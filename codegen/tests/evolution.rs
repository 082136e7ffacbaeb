//! The generated API's evolution policy (README, "How the API evolves"): what Graph adds to
//! the docs must be an additive change for the users of the generated crate. So every
//! generated struct and enum that the docs can grow is `#[non_exhaustive]`; requests are
//! built with `new`, and types with `Default` or `support::Build`.

use std::path::Path;

/// Enums whose variants are fixed by the generator, not by the docs.
const CLOSED: &[&str] = &["AnyValue"];

fn non_exhaustive(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("non_exhaustive"))
}

#[test]
fn every_struct_and_enum_the_docs_can_grow_is_non_exhaustive() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/src/beta");
    let mut checked = 0;
    let mut open = Vec::new();
    for file in ["types.rs", "requests.rs"] {
        let text = std::fs::read_to_string(src.join(file)).unwrap();
        let parsed = syn::parse_file(&text).unwrap();
        for item in parsed.items {
            let (name, attrs) = match &item {
                syn::Item::Struct(s) => (s.ident.to_string(), &s.attrs),
                syn::Item::Enum(e) => (e.ident.to_string(), &e.attrs),
                _ => continue,
            };
            checked += 1;
            if !non_exhaustive(attrs) && !CLOSED.contains(&name.as_str()) {
                open.push(format!("{file}: {name}"));
            }
        }
    }
    // Types, value enums, dispatch enums, request, body, path and query types.
    assert!(checked > 40, "only {checked} items found");
    assert!(open.is_empty(), "not #[non_exhaustive]: {open:?}");
}

#[test]
fn every_request_has_a_constructor() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/src/beta/requests.rs");
    let text = std::fs::read_to_string(src).unwrap();
    let requests = text.matches("support::request!(").count();
    assert!(requests >= 3);
    // The macro gives `new` its path and body types: `Name(PathType[, body: BodyType])`.
    let with_signature = text
        .split("support::request!(")
        .skip(1)
        .filter(|call| {
            let head = call.split(',').next().unwrap_or("");
            head.contains('(')
                && head
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        })
        .count();
    assert_eq!(with_signature, requests);
}
