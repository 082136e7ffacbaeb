//! The typed model every emitter reads: types, requests and examples, resolved across pages.
//! Every node keeps the span it came from, so diagnostics and docs can point back at the page.

use crate::ir::typeref::Primitive;
use crate::parse::page::{ExampleRole, HeaderRow, Page, Permission};
use crate::source::{SourceMap, Span};
use serde::Serialize;
use std::collections::BTreeMap;

/// Lowercased qualified name (`microsoft.graph.identityset`): the docs vary the case.
pub type TypeKey = String;

/// Everything read from one docs folder: its files, and one model per API version.
#[derive(Debug, Clone, Serialize)]
pub struct Corpus {
    pub sources: SourceMap,
    pub versions: Vec<Ir>,
}

/// The model of one version of the API (`beta`, `v1.0`), or of a folder without versions.
#[derive(Debug, Clone, Serialize)]
pub struct Ir {
    /// The Rust module the version is emitted into (`beta`, `v1_0`); empty for a folder
    /// without version subfolders.
    pub version: String,
    pub pages: Vec<Page>,
    pub types: TypeSpace,
    pub requests: BTreeMap<String, Request>,
    pub examples: Vec<Example>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct TypeSpace {
    pub types: BTreeMap<TypeKey, TypeDef>,
}

impl TypeSpace {
    pub fn get(&self, key: &str) -> Option<&TypeDef> {
        self.types.get(key)
    }

    /// Base type to every documented type below it, directly or not.
    pub fn derived(&self) -> BTreeMap<TypeKey, Vec<TypeKey>> {
        let mut derived: BTreeMap<TypeKey, Vec<TypeKey>> = BTreeMap::new();
        for (key, def) in &self.types {
            let mut seen = std::collections::BTreeSet::from([key.clone()]);
            let mut base = match &def.kind {
                TypeKind::Object(o) => o.base_type.clone(),
                _ => None,
            };
            while let Some(b) = base {
                if !seen.insert(b.clone()) {
                    break;
                }
                let Some(TypeKind::Object(o)) = self.get(&b).map(|t| &t.kind) else {
                    break;
                };
                derived.entry(b.clone()).or_default().push(key.clone());
                base = o.base_type.clone();
            }
        }
        derived
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TypeDef {
    /// As the docs spell it: `identitySet`.
    pub name: String,
    /// `microsoft.graph.identitySet`.
    pub qualified_name: String,
    pub description: String,
    /// The page that documents it.
    pub page: Option<String>,
    pub span: Span,
    pub kind: TypeKind,
    /// Other pages that document the same type; this one is used.
    pub also_documented_in: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub enum TypeKind {
    Object(ObjectType),
    Enum(EnumType),
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectType {
    /// Own properties, then inherited ones, in table order.
    pub properties: Vec<Property>,
    pub base_type: Option<TypeKey>,
    pub open_type: bool,
    pub key_property: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EnumType {
    pub members: Vec<EnumMember>,
    /// Set for enums made from a property's "Possible values".
    pub from_property: Option<(TypeKey, String)>,
    /// The heading of an enum documented under its own heading (`calendarColor values` in
    /// `enums.md`), rather than on a page of its own.
    pub section: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EnumMember {
    pub wire: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum TypeRef {
    Primitive(Primitive),
    Named(TypeKey),
    /// One of several types, told apart by `@odata.type`.
    Union(Vec<TypeKey>),
    /// Any JSON, read as a typed resource when it carries a known `@odata.type`.
    Any,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PropertyOrigin {
    Table,
    TableAndJson,
    /// In the JSON representation but not in the property table.
    JsonOnly,
    /// Named only in the annotation's `optionalProperties`.
    AnnotationOnly,
    /// A navigation property from the Relationships table.
    Relationship,
    /// Inherited from the base type.
    Inherited,
}

#[derive(Debug, Clone, Serialize)]
pub struct Property {
    /// The JSON name.
    pub name: String,
    pub ty: TypeRef,
    pub collection: bool,
    pub description: String,
    pub possible_values: Vec<String>,
    pub read_only: bool,
    pub required: bool,
    pub origin: PropertyOrigin,
    /// A decision the generator took about this property, stated in its rustdoc.
    pub note: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct PathParam {
    /// As written between braces (`id`).
    pub raw: String,
    /// The name it gets in Rust (`call_id`).
    pub name: String,
}

/// A piece of a path template: text (slashes included) or a parameter.
#[derive(Debug, Clone, Serialize)]
pub enum Segment {
    Literal(String),
    Param(PathParam),
}

/// `/accessReviews('{reviewId}')/reviewers` as pieces: `/accessReviews('`, `reviewId`, `')/reviewers`.
#[derive(Debug, Clone, Serialize)]
pub struct PathTemplate {
    pub raw: String,
    pub segments: Vec<Segment>,
    pub span: Span,
}

impl PathTemplate {
    pub fn params(&self) -> impl Iterator<Item = &PathParam> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Param(p) => Some(p),
            _ => None,
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Request {
    /// The page's file stem (`call-redirect`): unique within a version.
    pub name: String,
    pub page: String,
    pub title: String,
    pub description: String,
    pub method: String,
    pub paths: Vec<PathTemplate>,
    pub permissions: Vec<Permission>,
    pub headers: Vec<HeaderRow>,
    /// Parameters of the request body (actions), in table order.
    pub body: Vec<Property>,
    /// The type of the body when it is a resource (create, update), from the Request body prose.
    pub body_type: Option<TypeRef>,
    /// Query parameters the page documents in a table (OData's `$select`, `$filter`, ... are
    /// not listed by most pages, and every request accepts them).
    pub query: Vec<Property>,
    pub response_status: Option<u16>,
    pub response_type: Option<(TypeRef, bool)>,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub enum ExampleTarget {
    /// A document of a type, or a collection of it.
    Type { ty: TypeRef, collection: bool },
    /// The body of a request defined on the page.
    RequestBody { request: String },
    /// No body at all (`microsoft.graph.None`).
    NoBody,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExampleRequest {
    pub request: String,
    pub method: String,
    /// Index into the request's `paths`.
    pub path_index: usize,
    /// Values for the path parameters, in path order.
    pub args: Vec<String>,
    /// The example's path without host and version, as written.
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Example {
    /// Unique and stable: page stem, role, ordinal (`call_redirect_request_1`).
    pub id: String,
    pub page: String,
    pub role: ExampleRole,
    pub title: Option<String>,
    pub span: Span,
    pub target: Option<ExampleTarget>,
    /// Whether the example has a body that is meant as JSON (it may still not parse).
    pub json_body: bool,
    /// The example JSON, repaired when it was not strict.
    pub json: Option<serde_json::Value>,
    pub request: Option<ExampleRequest>,
    pub status: Option<u16>,
    /// Why the example gets no round-trip test; `None` when it gets one.
    pub untested: Option<String>,
    /// What the generated types will not understand in the example, by JSON path: the
    /// generated test expects exactly these, so anything else it finds is a failure.
    pub fallbacks: Vec<ExpectedFallback>,
    /// Integers in the example that a `Double` property writes back as `2.0`.
    pub float_paths: Vec<String>,
    /// How the body holds its type, as the example checker read it.
    pub shape: BodyShape,
}

/// How a whole example body holds its documented type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyShape {
    /// The type itself.
    #[default]
    Plain,
    /// A JSON list of the type.
    List,
    /// A page of the type: `{"value": [...], "@odata.nextLink": ...}` (`support::Page`).
    Page,
    /// A primitive result wrapped as `{"value": ...}` (`support::Single`).
    Single,
}

/// The kinds of `support::FallbackKind` in the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FallbackKind {
    /// A key the type does not document (annotations aside).
    UnknownKey,
    /// A string outside an enum's documented values.
    OtherValue,
    /// A value read as the base type although its `@odata.type` names another type.
    ReadAsBase,
    /// A value no documented type reads, kept as JSON.
    Json,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ExpectedFallback {
    pub path: String,
    pub kind: FallbackKind,
}
