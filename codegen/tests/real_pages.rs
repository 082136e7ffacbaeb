//! Each parser piece against the real pages in `docs-input/` (copied unchanged from the
//! Graph docs), so that the quirks they carry stay covered.

use codegen::diag::{Code, Diagnostic};
use codegen::ir::model::{ExampleTarget, TypeKind, TypeRef};
use codegen::parse::annotation::BlockType;
use codegen::parse::http::HttpMessage;
use codegen::parse::page::{self, ClassifiedBy, ExampleRole, Page};
use codegen::source::SourceMap;
use std::path::{Path, PathBuf};

fn docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

fn page(path: &str) -> (Page, Vec<Diagnostic>, SourceMap) {
    let mut sources = SourceMap::default();
    let abs = docs().join(path);
    let file = sources.add(path.to_string(), abs.clone(), std::fs::read(&abs).unwrap());
    let mut diags = Vec::new();
    let p = page::parse(file, path, &sources.file(file).text, &mut diags);
    (p, diags, sources)
}

#[test]
fn call_redirect_front_matter_permissions_paths_headers() {
    let (p, diags, sources) = page("beta/api/call-redirect.md");
    assert_eq!(p.front_matter.title.as_deref(), Some("call: redirect"));
    assert_eq!(p.front_matter.ms_prod.as_deref(), Some("microsoft-teams"));
    assert_eq!(p.front_matter.author.as_deref(), Some("VinodRavichandran"));
    assert!(p.front_matter.other.is_empty());
    assert_eq!(p.title.as_ref().unwrap().text, "call: redirect");
    assert_eq!(
        p.summary.as_ref().unwrap().text,
        "Redirect an incoming call."
    );

    let perms: Vec<_> = p
        .permissions
        .iter()
        .map(|p| (p.permission_type.as_str(), p.permissions.clone()))
        .collect();
    assert_eq!(
        perms,
        vec![
            ("Delegated (work or school account)", vec![]),
            ("Delegated (personal Microsoft account)", vec![]),
            ("Application", vec!["Calls.Initiate.All".to_string()]),
        ]
    );
    let paths: Vec<_> = p
        .http_requests
        .iter()
        .map(|r| (r.method.as_str(), r.target.as_str()))
        .collect();
    assert_eq!(
        paths,
        vec![
            ("POST", "/app/calls/{id}/redirect"),
            ("POST", "/applications/{id}/calls/{id}/redirect")
        ]
    );
    assert_eq!(
        sources.location(p.http_requests[1].target_span),
        "beta/api/call-redirect.md:28:6"
    );
    assert_eq!(p.request_headers.len(), 1);
    assert_eq!(p.request_headers[0].name, "Authorization");
    assert_eq!(p.response_status.map(|s| s.0), Some(202));
    // The three notification framings are http blocks that show no request of this API.
    assert_eq!(
        diags
            .iter()
            .filter(|d| d.code == Code::ExampleUnclassified)
            .count(),
        3
    );
}

#[test]
fn call_redirect_body_parameters() {
    let (p, _, _) = page("beta/api/call-redirect.md");
    let params: Vec<_> = p
        .parameters
        .iter()
        .map(|e| (e.name.as_str(), e.type_text.as_str()))
        .collect();
    assert_eq!(
        params,
        vec![
            (
                "targets",
                "[invitationParticipantInfo](../resources/invitationparticipantinfo.md) collection"
            ),
            ("targetDisposition", "String"),
            ("timeout", "Int32"),
            ("maskCallee", "Boolean"),
            ("maskCaller", "Boolean"),
        ]
    );
    assert!(p.parameters.iter().all(|e| e.section == "Request body"));
}

#[test]
fn call_redirect_examples_annotated_and_by_heading() {
    let (p, _, _) = page("beta/api/call-redirect.md");
    let kinds: Vec<_> = p
        .examples
        .iter()
        .map(|e| (e.role, e.classified_by))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (ExampleRole::Request, ClassifiedBy::Annotation),
            (ExampleRole::Response, ClassifiedBy::Annotation),
            (ExampleRole::Example, ClassifiedBy::Annotation),
            (ExampleRole::Request, ClassifiedBy::Heading),
            (ExampleRole::Response, ClassifiedBy::Heading),
            (ExampleRole::Example, ClassifiedBy::Annotation),
            (ExampleRole::Example, ClassifiedBy::Annotation),
        ]
    );
    let request = p.examples[0].annotation.as_ref().unwrap();
    assert_eq!(
        (request.block_type.clone(), request.names.clone()),
        (BlockType::Request, vec!["call-redirect".to_string()])
    );
    let response = p.examples[1].annotation.as_ref().unwrap();
    assert!(response.truncated);
    assert_eq!(response.odata_type.as_deref(), Some("microsoft.graph.None"));
    assert!(matches!(
        p.examples[1].http,
        Some(HttpMessage::Response { status: 202, .. })
    ));
    assert_eq!(
        p.examples[3].example_title.as_deref(),
        Some("Forward a call")
    );
    let Some(HttpMessage::Request { lines, body, .. }) = &p.examples[3].http else {
        panic!()
    };
    assert_eq!(
        lines[0].target,
        "https://graph.microsoft.com/beta/app/calls/57DAB8B1894C409AB240BD8BEAE78896/redirect"
    );
    assert!(body.as_ref().unwrap().text.contains("\"timeout\": 60"));
    let page_annotation = p.page_annotation.as_ref().unwrap();
    let description = page_annotation.raw.get("description");
    assert_eq!(description.and_then(|d| d.as_str()), Some("call: redirect"));
}

#[test]
fn call_md_unquoted_key_union_and_ragged_row() {
    let (p, diags, sources) = page("beta/resources/call.md");
    let example = p
        .examples
        .iter()
        .find(|e| e.role == ExampleRole::Example)
        .unwrap();
    assert!(example.annotation.as_ref().unwrap().truncated);
    let lenient: Vec<_> = diags
        .iter()
        .filter(|d| d.code == Code::AnnotationNotStrictJson)
        .collect();
    assert_eq!(lenient.len(), 1);
    assert_eq!(sources.text(lenient[0].span.unwrap()), "truncated");
    let ragged: Vec<_> = diags
        .iter()
        .filter(|d| d.code == Code::TableRaggedRow)
        .collect();
    assert_eq!(ragged.len(), 1);
    assert_eq!(
        sources.location(ragged[0].span.unwrap()),
        "beta/resources/call.md:63:166"
    );
    // The row's extra cell belongs to its description, after a ` | `, and so does its span.
    let modalities = p
        .properties
        .iter()
        .find(|e| e.name == "requestedModalities")
        .unwrap();
    assert_eq!(
        modalities.description,
        "The list of requested modalities. | Possible values are: `unknown`, `audio`, \
         `video`, `videoBasedScreenSharing`, `data`."
    );
    let span = modalities.description_span.unwrap();
    assert!(
        sources.text(span).ends_with("`data`."),
        "{}",
        sources.text(span)
    );
    let resource = p.resource_block().unwrap().annotation.as_ref().unwrap();
    assert_eq!(resource.key_property.as_deref(), Some("id"));
    assert!(resource
        .optional_properties
        .contains(&"toneInfo".to_string()));
    assert_eq!(p.relationships.len(), 3);
}

fn load() -> (codegen::ir::model::Ir, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let corpus = codegen::ir::load(&docs(), &mut diags).unwrap();
    // `docs-input/` holds one version, `beta/`.
    assert_eq!(corpus.versions.len(), 1);
    let ir = corpus.versions.into_iter().next().unwrap();
    assert_eq!(ir.version, "beta");
    (ir, diags)
}

#[test]
fn types_resolve_across_pages() {
    let (ir, diags) = load();
    let call = ir.types.get("microsoft.graph.call").unwrap();
    let TypeKind::Object(o) = &call.kind else {
        panic!()
    };
    let prop = |name: &str| o.properties.iter().find(|p| p.name == name).unwrap();
    // `chatinfo.md` is linked; the file is `chatInfo.md`.
    assert_eq!(
        prop("chatInfo").ty,
        TypeRef::Named("microsoft.graph.chatinfo".into())
    );
    assert_eq!(
        prop("mediaConfig").ty,
        TypeRef::Union(vec![
            "microsoft.graph.apphostedmediaconfig".into(),
            "microsoft.graph.servicehostedmediaconfig".into()
        ])
    );
    assert_eq!(prop("state").possible_values.len(), 10);
    assert!(prop("requestedModalities").collection);
    assert_eq!(
        prop("participants").origin,
        codegen::ir::model::PropertyOrigin::Relationship
    );
    // identitySet's JSON names three identities its table does not: kept and reported.
    let TypeKind::Object(set) = &ir.types.get("microsoft.graph.identityset").unwrap().kind else {
        panic!()
    };
    for name in ["applicationInstance", "encrypted", "guest"] {
        let p = set.properties.iter().find(|p| p.name == name).unwrap();
        assert_eq!(p.ty, TypeRef::Named("microsoft.graph.identity".into()));
        assert!(
            diags
                .iter()
                .any(|d| d.code == Code::TableJsonDisagree
                    && d.message.contains(&format!("`{name}`")))
        );
    }
    assert!(
        !diags
            .iter()
            .any(|d| d.code == Code::LinkMissingTarget || d.code == Code::TypeUnknown),
        "{diags:#?}"
    );
}

#[test]
fn the_redirect_request_and_its_examples() {
    let (ir, _) = load();
    let r = &ir.requests["call-redirect"];
    assert_eq!(r.method, "POST");
    assert_eq!(r.response_status, Some(202));
    assert_eq!(r.body.len(), 5);
    let names: Vec<Vec<String>> = r
        .paths
        .iter()
        .map(|p| {
            p.segments
                .iter()
                .filter_map(|s| {
                    if let codegen::ir::model::Segment::Param(p) = s {
                        Some(p.name.clone())
                    } else {
                        None
                    }
                })
                .collect()
        })
        .collect();
    assert_eq!(
        names,
        vec![
            vec!["call_id".to_string()],
            vec!["application_id".to_string(), "call_id".to_string()]
        ]
    );
    let on_page: Vec<_> = ir
        .examples
        .iter()
        .filter(|e| e.page == "beta/api/call-redirect.md")
        .collect();
    assert_eq!(on_page.len(), 7);
    assert_eq!(
        on_page
            .iter()
            .filter(|e| matches!(e.target, Some(ExampleTarget::RequestBody { .. })))
            .count(),
        2
    );
    assert_eq!(on_page.iter().filter(|e| matches!(&e.target, Some(ExampleTarget::Type { ty: TypeRef::Named(k), .. }) if k == "microsoft.graph.commsnotifications")).count(), 3);
    assert_eq!(on_page.iter().filter(|e| e.status == Some(202)).count(), 2);
    assert!(ir.examples.iter().all(|e| e.untested.is_none()));
}
