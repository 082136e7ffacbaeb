//! Real pages (in `tests/fixtures/faithful/`, copied unchanged from the Graph docs) that the
//! generator once read unfaithfully: each test names the page and what it says.

use codegen::diag::{Code, Diagnostic};
use codegen::ir::model::{Ir, Property, TypeKind, TypeRef};
use std::path::Path;

fn load() -> (Vec<Ir>, Vec<Diagnostic>) {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/faithful");
    let mut diags = Vec::new();
    let corpus = codegen::ir::load(&docs, &mut diags).unwrap();
    (corpus.versions, diags)
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
        ("microsoft.graph.site", "siteCollection", "microsoft.graph.sitecollection"),
        ("microsoft.graph.plannerplan", "contexts", "microsoft.graph.plannerplancontextcollection"),
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
    // The same in beta's site.md: `[siteCollection][]`.
    let beta = version(&versions, "beta");
    let p = property(beta, "microsoft.graph.site", "siteCollection");
    assert_eq!(p.ty, TypeRef::Named("microsoft.graph.sitecollection".into()));
    let wrong: Vec<_> = diags
        .iter()
        .filter(|d| d.code == Code::TypeUnknown && d.message.contains("**"))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}
