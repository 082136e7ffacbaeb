//! The typed model every emitter reads: types, requests and examples, resolved across pages.
//! Every node keeps the span it came from, so diagnostics and docs can point back at the page.

use crate::ir::typeref::Primitive;
use crate::parse::page::{ExampleRole, HeaderRow, Page, Permission};
use crate::source::{SourceMap, Span};
use serde::Serialize;
use std::collections::BTreeMap;

/// Lowercased qualified name (`microsoft.graph.identityset`): the docs vary the case.
pub type TypeKey = String;

/// The version of the IR's JSON, which `codegen ir-schema` describes.
pub const FORMAT: u32 = 1;

/// Everything read from one docs folder: its files, and one model per API version.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Corpus {
    /// [`FORMAT`]: raised when the JSON changes in a way a reader must know of.
    pub format: u32,
    pub sources: SourceMap,
    pub versions: Vec<Ir>,
}

/// The model of one version of the API (`beta`, `v1.0`), or of a folder without versions.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Ir {
    /// The version as the docs name it (`beta`, `v1.0`), or the docs folder's own name when
    /// it has no version subfolders.
    pub name: String,
    /// The Rust module the version is emitted into (`beta`, `v1_0`); empty for a folder
    /// without version subfolders.
    pub version: String,
    pub pages: Vec<Page>,
    pub types: TypeSpace,
    pub requests: BTreeMap<String, Request>,
    pub examples: Vec<Example>,
}

#[derive(Debug, Clone, Default)]
pub struct TypeSpace {
    pub types: BTreeMap<TypeKey, TypeDef>,
}

/// The JSON of a [`TypeSpace`]: the types the docs document (or name), and apart from them
/// the enums made from a property's "Possible values", whose keys are no Graph names
/// (`microsoft.graph.alert#feedback`, `request:call-redirect#targetdisposition`).
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "TypeSpace")]
struct TypeSpaceJson<'a> {
    types: BTreeMap<&'a str, &'a TypeDef>,
    property_enums: BTreeMap<&'a str, &'a TypeDef>,
}

impl<'a> From<&'a TypeSpace> for TypeSpaceJson<'a> {
    fn from(space: &'a TypeSpace) -> Self {
        let (property_enums, types) =
            space.types.iter().map(|(k, t)| (k.as_str(), t)).partition(
                |(_, t)| matches!(&t.kind, TypeKind::Enum(e) if e.from_property.is_some()),
            );
        TypeSpaceJson {
            types,
            property_enums,
        }
    }
}

impl Serialize for TypeSpace {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        TypeSpaceJson::from(self).serialize(serializer)
    }
}

impl schemars::JsonSchema for TypeSpace {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TypeSpace".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        TypeSpaceJson::json_schema(generator)
    }
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

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub enum TypeKind {
    Object(ObjectType),
    Enum(EnumType),
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ObjectType {
    /// Own properties, then inherited ones, in table order.
    pub properties: Vec<Property>,
    pub base_type: Option<TypeKey>,
    /// Which statement of the docs gave the base type.
    pub base_from: Option<BaseSource>,
    pub open_type: bool,
    pub key_property: Option<String>,
}

/// Where a base type was read, strongest first: the annotation's `baseType`, an "Inherits
/// from" sentence, the front matter's description, or the rule that an entity keyed by `id`
/// derives from `entity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BaseSource {
    Annotation,
    Prose,
    Description,
    EntityKey,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct EnumType {
    pub members: Vec<EnumMember>,
    /// Set for enums made from a property's "Possible values".
    #[serde(serialize_with = "property_origin")]
    #[schemars(with = "Option<PropertyRef>")]
    pub from_property: Option<(TypeKey, String)>,
    /// The heading of an enum documented under its own heading (`calendarColor values` in
    /// `enums.md`), rather than on a page of its own.
    pub section: Option<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct EnumMember {
    pub wire: String,
    pub description: String,
}

/// In JSON always an object: `{"kind": "named", "of": "microsoft.graph.call"}`,
/// `{"kind": "primitive", "of": "String"}`, `{"kind": "union", "of": [...]}`, `{"kind": "any"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", content = "of", rename_all = "snake_case")]
pub enum TypeRef {
    Primitive(Primitive),
    Named(TypeKey),
    /// One of several types, told apart by `@odata.type`.
    Union(Vec<TypeKey>),
    /// Any JSON, read as a typed resource when it carries a known `@odata.type`.
    Any,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PathParam {
    /// As written between braces (`id`).
    pub raw: String,
    /// The name it gets in Rust (`call_id`).
    pub name: String,
}

/// A piece of a path template: text (slashes included) or a parameter.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub enum Segment {
    Literal(String),
    Param(PathParam),
}

/// `/accessReviews('{reviewId}')/reviewers` as pieces: `/accessReviews('`, `reviewId`, `')/reviewers`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
    #[serde(serialize_with = "response_json")]
    #[schemars(with = "Option<ResponseType>")]
    pub response_type: Option<(TypeRef, bool)>,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub enum ExampleTarget {
    /// A document of a type, or a collection of it.
    Type { ty: TypeRef, collection: bool },
    /// The body of a request defined on the page.
    RequestBody { request: String },
    /// No body at all (`microsoft.graph.None`).
    NoBody,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ExampleRequest {
    pub request: String,
    pub method: String,
    /// Index into the request's `paths`.
    pub path_index: usize,
    /// Values for the path parameters, in path order.
    pub args: Vec<String>,
    /// The example's path without host and version, as written.
    pub path: String,
    /// The example's query string without its `?`, as written; empty when it has none.
    pub query: String,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
    #[schemars(with = "Option<serde_json::Value>")]
    pub json: Option<crate::parse::json::JsonData>,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
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

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
pub struct ExpectedFallback {
    pub path: String,
    pub kind: FallbackKind,
}

/// The property an enum was made from: `owner` is a type key, or `request:NAME` for a
/// request body's parameter.
#[derive(Serialize, schemars::JsonSchema)]
struct PropertyRef<'a> {
    owner: &'a str,
    property: &'a str,
}

fn property_origin<S: serde::Serializer>(
    origin: &Option<(TypeKey, String)>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    origin
        .as_ref()
        .map(|(owner, property)| PropertyRef { owner, property })
        .serialize(serializer)
}

/// What a request returns on success.
#[derive(Serialize, schemars::JsonSchema)]
struct ResponseType<'a> {
    #[serde(rename = "type")]
    ty: &'a TypeRef,
    collection: bool,
}

fn response_json<S: serde::Serializer>(
    response: &Option<(TypeRef, bool)>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    response
        .as_ref()
        .map(|(ty, collection)| ResponseType {
            ty,
            collection: *collection,
        })
        .serialize(serializer)
}
