//! Real pages (in `tests/fixtures/faithful/`, copied unchanged from the Graph docs) that the
//! generator once read unfaithfully: each test names the page and what it says.

use codegen::diag::{Code, Diagnostic};
use codegen::ir::model::{BaseSource, Ir, Property, TypeKind, TypeRef};
use std::path::Path;

fn load() -> (Vec<Ir>, Vec<Diagnostic>) {
    let (corpus, diags) = load_corpus();
    (corpus.versions, diags)
}

fn load_corpus() -> (codegen::ir::model::Corpus, Vec<Diagnostic>) {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/faithful");
    let mut diags = Vec::new();
    let corpus = codegen::ir::load(&docs, &mut diags).unwrap();
    (corpus, diags)
}

/// `file:line:column` of a diagnostic, with its message.
fn located(corpus: &codegen::ir::model::Corpus, d: &Diagnostic) -> String {
    let span = d.span.expect("a located diagnostic");
    let file = corpus.sources.file(span.file);
    let (line, column) = file.line_col(span.start as usize);
    format!("{}:{line}:{column}: {}", file.path, d.message)
}

fn has_property(ir: &Ir, ty: &str, name: &str) -> bool {
    match &ir.types.get(ty).unwrap().kind {
        TypeKind::Object(o) => o.properties.iter().any(|p| p.name == name),
        _ => false,
    }
}

fn version<'a>(versions: &'a [Ir], name: &str) -> &'a Ir {
    versions.iter().find(|v| v.version == name).unwrap()
}

fn property<'a>(ir: &'a Ir, ty: &str, name: &str) -> &'a Property {
    let TypeKind::Object(o) = &ir.types.get(ty).unwrap_or_else(|| panic!("{ty}")).kind else {
        panic!("{ty} is no object")
    };
    o.properties
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{ty}.{name}"))
}

#[test]
fn a_type_named_collection_is_one_object() {
    let (versions, _) = load();
    let beta = version(&versions, "beta");
    for (ty, name, of) in [
        (
            "microsoft.graph.site",
            "siteCollection",
            "microsoft.graph.sitecollection",
        ),
        (
            "microsoft.graph.plannerplan",
            "contexts",
            "microsoft.graph.plannerplancontextcollection",
        ),
        (
            "microsoft.graph.planneruser",
            "favoritePlanReferences",
            "microsoft.graph.plannerfavoriteplanreferencecollection",
        ),
    ] {
        let p = property(beta, ty, name);
        assert_eq!(p.ty, TypeRef::Named(of.into()), "{ty}.{name}");
        assert!(!p.collection, "{ty}.{name} is one object, not a list");
    }
    // "Collection" as a word still makes a list.
    let v1 = version(&versions, "v1_0");
    assert!(property(v1, "microsoft.graph.device", "physicalIds").collection);
    assert!(property(v1, "microsoft.graph.site", "items").collection);
}

#[test]
fn reference_style_links_name_their_types() {
    // `| **driveItem** | [**driveItem**][driveItem] | ...` with `[driveItem]: driveitem.md`
    // at the end of the page.
    let (versions, diags) = load();
    let v1 = version(&versions, "v1_0");
    for (name, of, collection) in [
        ("driveItem", "microsoft.graph.driveitem", false),
        ("items", "microsoft.graph.driveitem", true),
        ("list", "microsoft.graph.list", false),
        ("listItem", "microsoft.graph.listitem", false),
        ("site", "microsoft.graph.site", false),
        ("root", "microsoft.graph.driveitem", false),
    ] {
        let p = property(v1, "microsoft.graph.shareddriveitem", name);
        assert_eq!(p.ty, TypeRef::Named(of.into()), "sharedDriveItem.{name}");
        assert_eq!(p.collection, collection, "sharedDriveItem.{name}");
        assert!(p.note.is_none(), "{:?}", p.note);
    }
    // By the link's destination, not by its text.
    let page = v1
        .pages
        .iter()
        .find(|p| p.path == "v1.0/resources/shareddriveitem.md")
        .unwrap();
    let types: Vec<&str> = page
        .relationships
        .iter()
        .map(|e| e.type_text.as_str())
        .collect();
    assert_eq!(types[0], "[**driveItem**](driveitem.md)", "{types:?}");
    assert_eq!(types[1], "[**list**](list.md)", "{types:?}");
    // The same in beta's site.md: `[siteCollection][]`.
    let beta = version(&versions, "beta");
    let p = property(beta, "microsoft.graph.site", "siteCollection");
    assert_eq!(
        p.ty,
        TypeRef::Named("microsoft.graph.sitecollection".into())
    );
    let wrong: Vec<_> = diags
        .iter()
        .filter(|d| d.code == Code::TypeUnknown && d.message.contains("**"))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn names_that_are_no_odata_identifiers_are_reported_not_fields() {
    let (corpus, diags) = load_corpus();
    let v1 = version(&corpus.versions, "v1_0");
    let beta = version(&corpus.versions, "beta");
    let reported: Vec<String> = diags
        .iter()
        .filter(|d| d.code == Code::PropertyNameInvalid)
        .map(|d| located(&corpus, d))
        .collect();
    let expect = |needle: &str| {
        assert!(
            reported.iter().any(|r| r.contains(needle)),
            "no diagnostic {needle:?} in {reported:#?}"
        )
    };
    // A row of the methods table pasted into the relationships table.
    assert!(!has_property(
        v1,
        "microsoft.graph.device",
        "[List transitive memberOf](../api/device-list-transitivememberof.md)"
    ));
    assert!(has_property(v1, "microsoft.graph.device", "memberOf"));
    expect("v1.0/resources/device.md:61:2: `[List transitive memberOf](../api/device-list-transitivememberof.md)` is listed as a property of `device`, but it is a link");
    // User IDs as example keys of an open type: data, not names.
    let TypeKind::Object(assignments) = &v1
        .types
        .get("microsoft.graph.plannerassignments")
        .unwrap()
        .kind
    else {
        panic!()
    };
    assert!(
        assignments.properties.is_empty(),
        "{:#?}",
        assignments.properties
    );
    assert!(assignments.open_type);
    expect("v1.0/resources/plannerassignments.md:29:3: `ca2a1df2-e36b-4987-9f6b-0ea462f4eb47` is listed as a property of `plannerAssignments`, but it is a GUID");
    // `"implementationCost ": "String"` is the table's `implementationCost`, once.
    let cost = property(
        beta,
        "microsoft.graph.securescorecontrolprofile",
        "implementationCost",
    );
    assert_eq!(
        cost.origin,
        codegen::ir::model::PropertyOrigin::TableAndJson
    );
    assert!(!has_property(
        beta,
        "microsoft.graph.securescorecontrolprofile",
        "implementationCost "
    ));
    expect("beta/resources/securescorecontrolprofiles.md:70:3: `implementationCost ` in the JSON representation of `secureScoreControlProfile` has spaces around the name");
    // `files/fileName` in a request body table is a path into `files`.
    let body = &beta.requests["agreement-post-agreements"].body;
    assert!(body.iter().all(|p| !p.name.contains('/')), "{body:#?}");
    assert!(body.iter().any(|p| p.name == "displayName"));
    expect("beta/api/agreement-post-agreements.md:40:2: `files/fileName` is listed as a property of `agreement-post-agreements`, but it is a path");
    // Each says what to do.
    let help = |needle: &str| {
        diags
            .iter()
            .find(|d| d.code == Code::PropertyNameInvalid && d.message.contains(needle))
            .and_then(|d| d.help.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        help("[List transitive memberOf]"),
        "move the row to the table of methods"
    );
    assert!(help("files/fileName").starts_with("document the outer property with its own type"));
    assert!(help("ca2a1df2").starts_with("an open type's keys are data"));
    // Instance annotations the docs list are fields, under their name.
    assert!(has_property(
        v1,
        "microsoft.graph.driveitem",
        "@microsoft.graph.downloadUrl"
    ));
}

#[test]
fn name_value_tables_give_request_bodies() {
    let (corpus, diags) = load_corpus();
    let beta = version(&corpus.versions, "beta");
    // `| Name | Value | Description |` under `### Request body`: the Value column gives types.
    let copy = &beta.requests["driveitem-copy"];
    let body: Vec<(&str, &TypeRef)> = copy.body.iter().map(|p| (p.name.as_str(), &p.ty)).collect();
    assert_eq!(
        body,
        [
            ("parentReference", &TypeRef::Any),
            (
                "name",
                &TypeRef::Primitive(codegen::ir::typeref::Primitive::String)
            ),
        ],
        "itemReference.md is not in the fixture, so `parentReference` is any JSON"
    );
    let note = copy.body[1].note.as_deref().unwrap_or_default();
    assert!(
        note.contains("has no Type column; the type is read from its Value column (`string`)"),
        "{note}"
    );
    let checkin = &beta.requests["driveitem-checkin"];
    let names: Vec<&str> = checkin.body.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["checkInAs", "comment"]);
    assert!(checkin.body.iter().all(|p| p.description.len() > 10));

    let unread: Vec<String> = diags
        .iter()
        .filter(|d| d.code == Code::TableUnread)
        .map(|d| format!("{:?} {}", d.severity, located(&corpus, d)))
        .collect();
    let expect = |needle: &str| {
        assert!(
            unread.iter().any(|r| r.contains(needle)),
            "no diagnostic {needle:?} in {unread:#?}"
        )
    };
    // Values, not types: reported, and the body stays the resource the prose names.
    expect("Warning v1.0/api/opentypeextension-update.md:75:1: table `Name | Value` under \"Request body\" is not read: it has no Type column, and its Value column gives values, not types");
    // A table for readers is a note.
    expect("Note beta/api/driveitem-list-thumbnails.md:215:1: table `Name | Resolution | Aspect Ratio | Description` under \"Size values\" is not read");
    // A Methods table is read: each row is checked against the requests.
    assert!(
        !unread.iter().any(|r| r.contains("Method | Return Type")),
        "{unread:#?}"
    );
    // The tables the model is made of are not reported.
    for used in [
        "Property | Type",
        "Permission type",
        "Name | Value | Description",
    ] {
        assert!(
            !unread
                .iter()
                .any(|r| r.contains(used) && r.contains("driveitem-c")),
            "{used}: {unread:#?}"
        );
    }
    assert!(
        !unread.iter().any(|r| r.contains("Relationship | Type")),
        "{unread:#?}"
    );
}

#[test]
fn http_request_sections_as_the_docs_write_them() {
    let (versions, _) = load();
    let beta = version(&versions, "beta");
    let v1 = version(&versions, "v1_0");
    let paths = |ir: &Ir, request: &str| -> Vec<String> {
        ir.requests[request]
            .paths
            .iter()
            .map(|p| p.raw.clone())
            .collect()
    };
    // "## Get a user's OneDrive" / "### HTTP request", once per path.
    assert_eq!(
        paths(beta, "drive-get"),
        [
            "/me/drive",
            "/users/{idOrUserPrincipalName}/drive",
            "/groups/{groupId}/drive",
            "/sites/{siteId}/drive",
            "/drives/{driveId}"
        ]
    );
    // Two blocks under one "## HTTP request", with prose between them.
    assert_eq!(
        paths(v1, "user-get"),
        ["/users/{id | userPrincipalName}", "/me"]
    );
    // `### HTTP Request` and paths without their leading `/`.
    assert_eq!(
        paths(beta, "synchronization-synchronizationtemplate-get"),
        [
            "/applications/{id}/synchronization/templates/{templateId}",
            "/servicePrincipals/{id}/synchronization/templates/{templateId}"
        ]
    );
    // "You can use either PATCH or PUT": one request per method, the same paths.
    let patch = &v1.requests["profilephoto-update"];
    let put = &v1.requests["profilephoto-update-put"];
    assert_eq!(
        (patch.method.as_str(), put.method.as_str()),
        ("PATCH", "PUT")
    );
    assert_eq!(patch.paths.len(), 7);
    assert_eq!(
        paths(v1, "profilephoto-update-put"),
        paths(v1, "profilephoto-update")
    );
    assert_eq!(put.page, "v1.0/api/profilephoto-update.md");
    // The "### HTTP request" of the example in `## Example` is the example's, not a path.
    let thumbnails = paths(beta, "driveitem-list-thumbnails");
    assert!(
        thumbnails.iter().all(|p| p.ends_with("/thumbnails")),
        "{thumbnails:?}"
    );
}

#[test]
fn operations_without_a_request_are_reported() {
    let (corpus, diags) = load_corpus();
    let reported: Vec<String> = diags
        .iter()
        .filter(|d| d.code == Code::OperationWithoutRequest)
        .map(|d| located(&corpus, d))
        .collect();
    let expect = |needle: &str| {
        assert!(
            reported.iter().any(|r| r == needle),
            "no diagnostic {needle:?} in {reported:#?}"
        )
    };
    // The docs' faults: no "HTTP request" section; a block whose line has no method.
    expect("beta/api/site-get.md:9:1: this API page yields no request: it has no \"HTTP request\" section");
    expect("beta/api/applicationsigninsummary-get.md:27:1: this API page yields no request: it has no request line under \"HTTP request\": `reports/getAzureADApplicationSignInSummary(period='{period}')`");
    // The rows of Methods tables that link to them, and to pages that do not exist.
    expect("beta/resources/site.md:20:3: operation `Get site` in the methods table yields no request: `beta/api/site-get.md` has no \"HTTP request\" section");
    expect("beta/resources/applicationsigninsummary.md:19:3: operation `Get applicationSignInSummary` in the methods table yields no request: `beta/api/applicationsigninsummary-get.md` has no request line under \"HTTP request\": `reports/getAzureADApplicationSignInSummary(period='{period}')`");
    expect("beta/resources/site.md:21:3: operation `Get site by path` in the methods table yields no request: it links to `beta/api/site-getbypath.md`, which is not in the docs folder");
    // A page the docs folder lacks is a note: a subset of the docs lacks most of them.
    let absent = diags
        .iter()
        .find(|d| d.message.contains("site-getbypath.md"))
        .unwrap();
    assert_eq!(absent.severity, codegen::diag::Severity::Note);
    // Further operations of a page, each under its own "### HTTP request".
    for line in [102, 135, 162] {
        expect(&format!("beta/api/driveitem-list-thumbnails.md:{line}:1: this section documents another operation of the page, which yields no request: a page's request is read from its first \"HTTP request\" section"));
    }
    // Pages and rows that yield a request are not reported.
    assert!(!reported
        .iter()
        .any(|r| r.contains("drive-get.md") || r.contains("profilephoto")));
    // Each says what to change.
    let help = |needle: &str| {
        diags
            .iter()
            .find(|d| d.code == Code::OperationWithoutRequest && d.message.starts_with(needle))
            .and_then(|d| d.help.clone())
            .unwrap_or_default()
    };
    assert!(
        help("this API page yields no request: it has no request line")
            .starts_with("start each line with a method and a path")
    );
    assert!(
        help("this API page yields no request: it has no \"HTTP request\"")
            .contains("under an `## HTTP request` heading")
    );
    assert_eq!(
        help("this section documents"),
        "document each operation on a page of its own"
    );
}

#[test]
fn collections_said_in_prose() {
    let (corpus, diags) = load_corpus();
    let beta = version(&corpus.versions, "beta");
    let response = |request: &str| beta.requests[request].response_type.clone().unwrap();
    let example = |id: &str| {
        let e = beta.examples.iter().find(|e| e.id == id).unwrap();
        match &e.target {
            Some(codegen::ir::model::ExampleTarget::Type { collection, .. }) => {
                (*collection, e.shape, e.untested.clone())
            }
            other => panic!("{id}: {other:?}"),
        }
    };
    // "returns ... [privilegedRoleAssignmentRequest](..) collection object", and the
    // annotation says nothing: a list, read as a page of the type.
    assert_eq!(
        response("privilegedroleassignmentrequest-my"),
        (
            TypeRef::Named("microsoft.graph.privilegedroleassignmentrequest".into()),
            true
        )
    );
    assert_eq!(
        example("privilegedroleassignmentrequest-my_response_1"),
        (true, codegen::ir::model::BodyShape::Page, None)
    );
    // `"isCollection": false` against "a collection of [directoryObject](..) objects": the
    // annotation is followed, and the disagreement reported where the annotation is.
    assert!(!response("orgcontact-get-manager").1);
    assert!(!example("orgcontact-get-manager_response_1").0);
    let disagree: Vec<String> = diags
        .iter()
        .filter(|d| d.code == Code::CollectionDisagree)
        .map(|d| located(&corpus, d))
        .collect();
    assert_eq!(
        disagree,
        ["beta/api/orgcontact-get-manager.md:61:5: the annotation says `isCollection: false`, but the Response prose calls `directoryObject` a collection"]
    );
    // The prose calls another type a collection (`chat`, the annotation `chatMessage`):
    // nothing follows for the annotated type.
    assert_eq!(
        response("chat-get"),
        (TypeRef::Named("microsoft.graph.chatmessage".into()), false)
    );
}

fn enum_wires(ir: &Ir, key: &str) -> Vec<String> {
    match &ir.types.get(key).unwrap_or_else(|| panic!("{key}")).kind {
        TypeKind::Enum(e) => e.members.iter().map(|m| m.wire.clone()).collect(),
        TypeKind::Object(_) => panic!("{key} is no enum"),
    }
}

#[test]
fn each_table_of_enums_md_is_an_enum_named_by_its_heading() {
    let (corpus, diags) = load_corpus();
    let v1 = version(&corpus.versions, "v1_0");
    // `### emailRole values` and its table: one enum, where the heading is.
    let role = v1.types.get("microsoft.graph.emailrole").unwrap();
    assert_eq!(role.qualified_name, "microsoft.graph.emailRole");
    assert_eq!(role.page.as_deref(), Some("v1.0/resources/enums.md"));
    let file = corpus.sources.file(role.span.file);
    assert_eq!(file.line_col(role.span.start as usize), (568, 1));
    assert_eq!(
        enum_wires(v1, "microsoft.graph.emailrole"),
        ["unknown", "sender", "recipient"]
    );
    // Tables of one `Value` column are enums too, and nothing is merged into one `Enum`.
    assert_eq!(
        enum_wires(v1, "microsoft.graph.timezonestandard"),
        ["windows", "iana"]
    );
    assert!(v1.types.get("microsoft.graph.enum").is_none());
    let sections = v1
        .types
        .types
        .values()
        .filter(|t| t.page.as_deref() == Some("v1.0/resources/enums.md"))
        .count();
    assert_eq!(sections, 51, "one enum per `### ... values` heading");
    // Type cells that name them are typed by them, not from their "Possible values".
    for (name, of) in [
        ("emailRole", "microsoft.graph.emailrole"),
        ("logonType", "microsoft.graph.logontype"),
        ("userAccountType", "microsoft.graph.useraccountsecuritytype"),
    ] {
        let p = property(v1, "microsoft.graph.usersecuritystate", name);
        assert_eq!(p.ty, TypeRef::Named(of.into()), "{name}");
        assert!(p.note.is_none(), "{:?}", p.note);
    }
    let unknown: Vec<String> = diags
        .iter()
        .filter(|d| matches!(d.code, Code::TypeUnknown | Code::LinkMissingTarget))
        .map(|d| located(&corpus, d))
        .filter(|d| d.contains("usersecuritystate") || d.contains("tiindicator"))
        .collect();
    assert!(unknown.is_empty(), "{unknown:#?}");
}

#[test]
fn enums_under_headings_of_a_resource_page_are_reached_by_their_anchors() {
    let (corpus, diags) = load_corpus();
    let beta = version(&corpus.versions, "beta");
    // `[tlpLevel](#tlplevel-values)` and `[killChain](#killchain-values) collection`.
    let tlp = property(beta, "microsoft.graph.tiindicator", "tlpLevel");
    assert_eq!(tlp.ty, TypeRef::Named("microsoft.graph.tlplevel".into()));
    let kill_chain = property(beta, "microsoft.graph.tiindicator", "killChain");
    assert_eq!(
        kill_chain.ty,
        TypeRef::Named("microsoft.graph.killchain".into())
    );
    assert!(kill_chain.collection);
    assert_eq!(
        enum_wires(beta, "microsoft.graph.tlplevel"),
        ["White", "Green", "Amber", "Red"]
    );
    // `### sortBy values` on folderView lists the values of a String property: no enum.
    assert!(beta.types.get("microsoft.graph.sortby").is_none());
    let unread: Vec<String> = diags
        .iter()
        .filter(|d| d.code == Code::TableUnread && d.message.contains("sortBy values"))
        .map(|d| format!("{:?} {}", d.severity, located(&corpus, d)))
        .collect();
    assert_eq!(unread, ["Note beta/resources/folderview.md:42:1: table `Value | Description` under \"sortBy values\" is not read: no Type cell of the page names the enum of its heading, and the page documents more than enums"]);
}

#[test]
fn possible_values_that_differ_from_the_enum_are_reported_and_the_enum_wins() {
    let (corpus, diags) = load_corpus();
    let beta = version(&corpus.versions, "beta");
    let disagree: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.code == Code::EnumValuesDisagree)
        .collect();
    let located: Vec<String> = disagree.iter().map(|d| located(&corpus, d)).collect();
    // `emailRole` and `logonType` list their enums' members; tlpLevel's description does not.
    assert_eq!(located, ["beta/resources/tiindicator.md:56:41: `tiIndicator.tlpLevel` lists other possible values than the members of `tlpLevel`"]);
    let d = disagree[0];
    assert_eq!(d.label.as_deref(), Some("not members: `unknown`, `white` (`White` in the table), `green` (`Green` in the table), `amber` (`Amber` in the table), `red` (`Red` in the table)"));
    assert!(
        d.help.as_deref().unwrap_or_default().starts_with(
            "the members of `tlpLevel` (beta/resources/tiindicator.md under \"tlpLevel values\") are used"
        ),
        "{:?}",
        d.help
    );
    // The description's list is kept as it is written; the type is the enum's.
    let tlp = property(beta, "microsoft.graph.tiindicator", "tlpLevel");
    assert_eq!(
        tlp.possible_values,
        ["unknown", "white", "green", "amber", "red"]
    );
}

fn base_of(ir: &Ir, ty: &str) -> (Option<String>, Option<BaseSource>) {
    match &ir.types.get(ty).unwrap_or_else(|| panic!("{ty}")).kind {
        TypeKind::Object(o) => (o.base_type.clone(), o.base_from),
        _ => panic!("{ty} is no object"),
    }
}

#[test]
fn every_statement_of_a_base_type_is_read() {
    let (corpus, diags) = load_corpus();
    let beta = version(&corpus.versions, "beta");
    let v1 = version(&corpus.versions, "v1_0");
    let expect = |ir: &Ir, ty: &str, base: &str, from: BaseSource| {
        assert_eq!(
            base_of(ir, ty),
            (Some(base.to_string()), Some(from)),
            "{} {ty}",
            ir.version
        );
    };
    // "Inherits from [deviceConfiguration](../resources/intune-deviceconfig-...)": prose only.
    expect(
        beta,
        "microsoft.graph.androidcustomconfiguration",
        "microsoft.graph.deviceconfiguration",
        BaseSource::Prose,
    );
    // "Inherited from [DomainDnsRecord](domaindnsrecord.md)", also in the description.
    expect(
        beta,
        "microsoft.graph.domaindnstxtrecord",
        "microsoft.graph.domaindnsrecord",
        BaseSource::Prose,
    );
    // No statement, `keyProperty: id`: an entity.
    expect(
        beta,
        "microsoft.graph.directoryobject",
        "microsoft.graph.entity",
        BaseSource::EntityKey,
    );
    expect(
        beta,
        "microsoft.graph.deviceconfiguration",
        "microsoft.graph.entity",
        BaseSource::EntityKey,
    );
    assert_eq!(base_of(beta, "microsoft.graph.entity"), (None, None));
    // The annotation wins over the prose, and the difference is reported where the prose is.
    expect(
        v1,
        "microsoft.graph.subscribedsku",
        "microsoft.graph.entity",
        BaseSource::Annotation,
    );
    let disagree: Vec<String> = diags
        .iter()
        .filter(|d| d.code == Code::BaseTypeDisagree)
        .map(|d| located(&corpus, d))
        .collect();
    assert_eq!(
        disagree,
        ["v1.0/resources/subscribedsku.md:13:1: `subscribedSku` is said to derive from `directoryObject` here, but from `entity` by its annotation's `baseType`"]
    );
    // What a base type brings: its properties, and dispatch to the types below it.
    assert!(has_property(
        beta,
        "microsoft.graph.androidcustomconfiguration",
        "displayName"
    ));
    let derived = beta.types.derived();
    let below = &derived["microsoft.graph.deviceconfiguration"];
    assert!(below.contains(&"microsoft.graph.androidcustomconfiguration".to_string()));
    assert!(derived["microsoft.graph.entity"]
        .contains(&"microsoft.graph.androidcustomconfiguration".to_string()));
}

#[test]
fn names_are_the_types_own_never_a_number_or_a_file_name() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/faithful-2020-05");
    let mut diags = Vec::new();
    let corpus = codegen::ir::load(&docs, &mut diags).unwrap();
    let (output, emit_diags) = codegen::emit::emit(
        &corpus,
        codegen::emit::Options {
            crate_ident: "graph",
            workload_features: false,
        },
    )
    .unwrap();
    let types = &output.modules["beta/types"];
    assert!(types.contains("pub struct MediaStream {"), "{types}");
    assert!(types.contains("pub struct CallRecordsMediaStream {"));
    let module = &types[types
        .find("pub mod call_records {")
        .expect("a module per namespace")..];
    assert!(module.contains("pub use super::CallRecordsMediaStream as MediaStream;"));
    assert!(!types.contains("MediaStream2"));
    assert!(!emit_diags.iter().any(|d| d.code == Code::NameCollision));
    // v1.0 annotates `microsoft.graph.teamsasyncoperation`; its title keeps the word breaks.
    let (versions, _) = load();
    let v1 = version(&versions, "v1_0");
    let def = v1.types.get("microsoft.graph.teamsasyncoperation").unwrap();
    assert_eq!(def.name, "teamsAsyncOperation");
    assert_eq!(def.qualified_name, "microsoft.graph.teamsAsyncOperation");
}

#[test]
fn an_empty_base_type_in_the_annotation_states_nothing() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/faithful-2020-05");
    let mut diags = Vec::new();
    let corpus = codegen::ir::load(&docs, &mut diags).unwrap();
    // `"baseType": ""`, and "Derived from [place](place.md)" in the prose.
    assert_eq!(
        base_of(&corpus.versions[0], "microsoft.graph.room"),
        (
            Some("microsoft.graph.place".to_string()),
            Some(BaseSource::Prose)
        )
    );
    assert!(!diags.iter().any(|d| d.code == Code::BaseTypeDisagree));
}
