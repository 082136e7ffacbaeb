//! Builds the [`Ir`] from parsed pages: declares a type for every resource and enum page,
//! resolves each Type cell to a type (by link first, then by name), reconciles property
//! tables with JSON representations, and turns API pages and their examples into requests
//! and typed examples.

use crate::diag::{Code, Diagnostic};
use crate::ir::model::*;
use crate::ir::typeref::{self, BaseType, Primitive};
use crate::ir::validate::Checker;
use crate::parse::http::HttpMessage;
use crate::parse::json::{self, JsonValue};
use crate::parse::page::{ExampleBlock, ExampleRole, Page, PageKind, TableEntry};
use crate::source::Span;
use std::collections::{BTreeMap, BTreeSet};

const NAMESPACE: &str = "microsoft.graph";

pub fn build(version: String, pages: Vec<Page>, diags: &mut Vec<Diagnostic>) -> Ir {
    let mut r = Resolver {
        pages: &pages,
        by_path: BTreeMap::new(),
        by_name: BTreeMap::new(),
        page_type: BTreeMap::new(),
        also_documented: BTreeMap::new(),
        diags,
    };
    for (i, page) in pages.iter().enumerate() {
        r.by_path.insert(page.path.to_lowercase(), i);
    }
    let declared = r.declare_types();
    let mut types = TypeSpace::default();
    for (key, page_index) in &declared {
        let def = r.define(key, &pages[*page_index], &mut types);
        types.types.insert(key.clone(), def);
    }
    inherit(&mut types);
    let requests = r.requests(&mut types);
    let examples = r.examples(&requests, &types);
    Ir {
        version,
        pages,
        types,
        requests,
        examples,
    }
}

struct Resolver<'a> {
    pages: &'a [Page],
    by_path: BTreeMap<String, usize>,
    /// Short and qualified names, lowercased, to type keys.
    by_name: BTreeMap<String, TypeKey>,
    page_type: BTreeMap<usize, TypeKey>,
    /// Pages that document a type again, by type.
    also_documented: BTreeMap<TypeKey, Vec<String>>,
    diags: &'a mut Vec<Diagnostic>,
}

/// `microsoft.graph.x` for `x`, `#microsoft.graph.x` and `Collection(microsoft.graph.x)`.
pub fn qualify(name: &str) -> String {
    let name = name.trim().trim_start_matches('#');
    let name = name
        .strip_prefix("Collection(")
        .map_or(name, |n| n.trim_end_matches(')'));
    if name.contains('.') {
        name.to_string()
    } else {
        format!("{NAMESPACE}.{name}")
    }
}

pub fn type_key(name: &str) -> TypeKey {
    qualify(name).to_lowercase()
}

fn short_name(qualified: &str) -> &str {
    qualified.rsplit('.').next().unwrap_or(qualified)
}

fn stem(path: &str) -> &str {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.strip_suffix(".md").unwrap_or(file)
}

impl Resolver<'_> {
    /// One type per resource or enum page; the first page (by path) wins a duplicate.
    /// One type per resource or enum page. A type documented twice is taken from its own
    /// page (`user.md` for `user`), else from the page that lists more properties, else the
    /// first by path; the other page is reported.
    fn declare_types(&mut self) -> BTreeMap<TypeKey, usize> {
        let mut candidates: BTreeMap<TypeKey, Vec<usize>> = BTreeMap::new();
        for (i, page) in self.pages.iter().enumerate() {
            if page.kind != PageKind::Resource {
                continue;
            }
            if let Some(qualified) = declared_name(page) {
                candidates
                    .entry(qualified.to_lowercase())
                    .or_default()
                    .push(i);
            }
        }
        let mut declared = BTreeMap::new();
        for (key, pages) in candidates {
            let own_page =
                |i: &usize| stem(&self.pages[*i].path).eq_ignore_ascii_case(short_name(&key));
            let chosen = *pages
                .iter()
                .max_by_key(|i| {
                    (
                        own_page(i),
                        self.pages[**i].properties.len(),
                        std::cmp::Reverse(**i),
                    )
                })
                .unwrap_or(&pages[0]);
            for &other in pages.iter().filter(|&&i| i != chosen) {
                let page = &self.pages[other];
                let span = page
                    .resource_block()
                    .map_or(page.title.as_ref().map(|t| t.span), |b| {
                        b.annotation.as_ref().map(|a| a.span)
                    });
                let qualified = declared_name(page).unwrap_or_default();
                self.diags.push(
                    Diagnostic::new(
                        Code::TypeDuplicate,
                        span,
                        format!(
                            "type `{qualified}` is also documented in {}; that page is used",
                            self.pages[chosen].path
                        ),
                    )
                    .label("second definition, ignored"),
                );
            }
            let others = pages
                .iter()
                .filter(|&&i| i != chosen)
                .map(|&i| self.pages[i].path.clone())
                .collect();
            self.also_documented.insert(key.clone(), others);
            declared.insert(key.clone(), chosen);
            self.page_type.insert(chosen, key.clone());
            self.by_name.insert(key.clone(), key.clone());
            self.by_name
                .entry(short_name(&key).to_string())
                .or_insert(key);
        }
        declared
    }

    fn define(&mut self, key: &TypeKey, page: &Page, types: &mut TypeSpace) -> TypeDef {
        let qualified = declared_name(page).unwrap_or_else(|| key.clone());
        let name = short_name(&qualified).to_string();
        let description = page.description();
        let span = page
            .title
            .as_ref()
            .map(|t| t.span)
            .unwrap_or(Span::new(page.file, 0..0));
        let kind = if page.properties.is_empty()
            && page.resource_block().is_none()
            && !page.enum_members.is_empty()
        {
            TypeKind::Enum(EnumType {
                members: self.enum_members(page, &name),
                from_property: None,
            })
        } else {
            TypeKind::Object(self.object(key, &name, page, types))
        };
        TypeDef {
            name,
            qualified_name: qualified,
            description,
            page: Some(page.path.clone()),
            span,
            kind,
            also_documented_in: self.also_documented.get(key).cloned().unwrap_or_default(),
        }
    }

    fn object(
        &mut self,
        key: &TypeKey,
        name: &str,
        page: &Page,
        types: &mut TypeSpace,
    ) -> ObjectType {
        let resource = page.resource_block();
        let annotation = resource.and_then(|r| r.annotation.as_ref());
        let template = resource.and_then(|r| match json::parse(&r.code.content) {
            Ok(parsed) => Some((parsed.value, r.code.content_span)),
            Err(e) => {
                self.diags.push(
                    Diagnostic::new(
                        Code::JsonInvalid,
                        Some(r.code.content_span.sub(e.span.clone())),
                        format!("JSON representation does not parse: {}", e.message),
                    )
                    .label("here"),
                );
                None
            }
        });
        let mut properties = Vec::new();
        for entry in self.unique_entries(&page.properties, name) {
            properties.push(self.property(key, name, page, entry, PropertyOrigin::Table, types));
        }
        // The table is the source of types; the JSON template adds what the table forgot.
        if let Some((
            json::Json {
                value: JsonValue::Object(members),
                ..
            },
            base,
        )) = &template
        {
            let table_names: BTreeSet<&str> =
                page.properties.iter().map(|e| e.name.as_str()).collect();
            for m in members {
                if let Some(p) = properties
                    .iter_mut()
                    .find(|p: &&mut Property| p.name == m.key)
                {
                    p.origin = PropertyOrigin::TableAndJson;
                    if p.possible_values.is_empty() && p.ty == TypeRef::Primitive(Primitive::String)
                    {
                        p.possible_values = template_choices(&m.value);
                        if !p.possible_values.is_empty() {
                            p.ty = synthesize_enum(types, key, name, &p.name, &p.possible_values);
                        }
                    }
                    continue;
                }
                if table_names.contains(m.key.as_str())
                    || page.relationships.iter().any(|r| r.name == m.key)
                {
                    continue;
                }
                let span = base.sub(m.key_span.clone());
                if !page.properties.is_empty() {
                    self.diags.push(
                        Diagnostic::new(Code::TableJsonDisagree, Some(span), format!("`{}` is in the JSON representation of `{name}` but not in its property table", m.key))
                            .label("kept, typed from the JSON"),
                    );
                }
                let (ty, collection) = self.template_type(&m.value);
                let possible_values = template_choices(&m.value);
                let ty = if possible_values.is_empty() {
                    ty
                } else {
                    synthesize_enum(types, key, name, &m.key, &possible_values)
                };
                properties.push(Property {
                    name: m.key.clone(),
                    ty,
                    collection,
                    description: String::new(),
                    possible_values,
                    read_only: false,
                    required: false,
                    origin: PropertyOrigin::JsonOnly,
                    note: None,
                    span,
                });
            }
            for p in properties
                .iter()
                .filter(|p| p.origin == PropertyOrigin::Table)
            {
                self.diags.push(
                    Diagnostic::new(Code::TableJsonDisagree, Some(p.span), format!("`{}` is in the property table of `{name}` but not in its JSON representation", p.name))
                        .label("kept, typed from the table")
                        .severity(crate::diag::Severity::Note),
                );
            }
        }
        for entry in &page.relationships {
            if properties.iter().any(|p| p.name == entry.name) {
                continue;
            }
            properties.push(self.property(
                key,
                name,
                page,
                entry,
                PropertyOrigin::Relationship,
                types,
            ));
        }
        if let Some(a) = annotation {
            for optional in &a.optional_properties {
                if !properties.iter().any(|p| &p.name == optional) {
                    self.diags.push(
                        Diagnostic::new(Code::TableJsonDisagree, Some(a.span), format!("`{optional}` is named in `optionalProperties` of `{name}` but documented nowhere else"))
                            .label("kept as untyped JSON"),
                    );
                    properties.push(Property {
                        name: optional.clone(),
                        ty: TypeRef::Any,
                        collection: false,
                        description: String::new(),
                        possible_values: Vec::new(),
                        read_only: false,
                        required: false,
                        origin: PropertyOrigin::AnnotationOnly,
                        note: None,
                        span: a.span,
                    });
                }
            }
        }
        let base_type = annotation
            .and_then(|a| a.base_type.as_deref())
            .map(type_key);
        ObjectType {
            properties,
            base_type,
            open_type: annotation.is_some_and(|a| a.open_type),
            key_property: annotation.and_then(|a| a.key_property.clone()),
        }
    }

    /// An enum page's members, each value once; a repeated one is reported.
    fn enum_members(&mut self, page: &Page, name: &str) -> Vec<crate::ir::model::EnumMember> {
        let mut out: Vec<crate::ir::model::EnumMember> = Vec::new();
        for m in &page.enum_members {
            if out.iter().any(|o| o.wire == m.name) {
                self.diags.push(
                    Diagnostic::new(
                        Code::PropertyDuplicate,
                        Some(m.span),
                        format!("`{}` is listed twice for `{name}`", m.name),
                    )
                    .label("second row, ignored"),
                );
                continue;
            }
            out.push(crate::ir::model::EnumMember {
                wire: m.name.clone(),
                description: m.description.clone(),
            });
        }
        out
    }

    /// Table rows with their first spelling of each name; a repeated row is reported.
    fn unique_entries<'p>(
        &mut self,
        entries: impl IntoIterator<Item = &'p TableEntry>,
        owner: &str,
    ) -> Vec<&'p TableEntry> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for entry in entries {
            if seen.insert(entry.name.clone()) {
                out.push(entry);
            } else {
                self.diags.push(
                    Diagnostic::new(
                        Code::PropertyDuplicate,
                        Some(entry.name_span),
                        format!("`{}` is listed twice for `{owner}`", entry.name),
                    )
                    .label("second row, ignored"),
                );
            }
        }
        out
    }

    fn property(
        &mut self,
        owner_key: &str,
        owner: &str,
        page: &Page,
        entry: &TableEntry,
        origin: PropertyOrigin,
        types: &mut TypeSpace,
    ) -> Property {
        let expr = typeref::parse(&entry.type_text);
        let mut ty = self.resolve(&expr.base, page, entry.type_span);
        let possible_values = possible_values(&entry.description);
        let mut note = None;
        // An undocumented enum type (`websiteType`) still lists its values in the description.
        let string_like = ty == TypeRef::Primitive(Primitive::String)
            || ty == TypeRef::Any && matches!(expr.base, BaseType::Name(_));
        if string_like && !possible_values.is_empty() {
            if ty == TypeRef::Any {
                note = Some(format!("The docs give its type as `{}`, which no page documents; it is typed from the values its description lists.", entry.type_text.replace('`', "")));
                let unknown = self
                    .diags
                    .iter_mut()
                    .rev()
                    .find(|d| d.code == Code::TypeUnknown && d.span == Some(entry.type_span));
                if let Some(d) = unknown {
                    d.label = Some("typed as an enum of the values the description lists".into());
                }
            }
            ty = synthesize_enum(types, owner_key, owner, &entry.name, &possible_values);
        }
        if ty == TypeRef::Any && note.is_none() && expr.base != BaseType::Primitive(Primitive::Json)
        {
            note = Some(format!(
                "The docs give its type as `{}`, which no page documents; any JSON is accepted.",
                entry.type_text.replace('`', "")
            ));
        }
        let lower = entry.description.to_lowercase();
        Property {
            name: entry.name.clone(),
            ty,
            collection: expr.collection,
            description: entry.description.clone(),
            possible_values,
            read_only: lower.contains("read-only") || lower.contains("read only"),
            required: lower.contains("required"),
            origin,
            note,
            span: entry.name_span,
        }
    }

    /// Resolves a Type cell's base: links by their target page, then names.
    fn resolve(&mut self, base: &BaseType, page: &Page, span: Span) -> TypeRef {
        match base {
            BaseType::Primitive(p) => TypeRef::Primitive(*p),
            BaseType::Link { text, target } => match self.link_target(page, target) {
                Some(key) => TypeRef::Named(key),
                None => {
                    let target_missing = !target.is_empty()
                        && !target.starts_with("http")
                        && !target.starts_with('/')
                        && self.page_at(page, target).is_none();
                    if target_missing {
                        self.diags.push(
                            Diagnostic::new(
                                Code::LinkMissingTarget,
                                Some(span),
                                format!("link target `{target}` does not exist"),
                            )
                            .label(format!("resolved by the name `{text}` instead")),
                        );
                    }
                    self.resolve(&name_or_primitive(text), page, span)
                }
            },
            BaseType::Name(name) => match self
                .by_name
                .get(&name.to_lowercase())
                .or_else(|| self.by_name.get(&type_key(name)))
            {
                Some(key) => TypeRef::Named(key.clone()),
                None => {
                    self.diags.push(
                        Diagnostic::new(
                            Code::TypeUnknown,
                            Some(span),
                            format!("no page documents the type `{name}`"),
                        )
                        .label("typed as any JSON"),
                    );
                    TypeRef::Any
                }
            },
            BaseType::Union(members) => {
                let keys: Vec<TypeKey> = members
                    .iter()
                    .filter_map(|m| match self.resolve(m, page, span) {
                        TypeRef::Named(k) => Some(k),
                        _ => None,
                    })
                    .collect();
                if keys.is_empty() {
                    TypeRef::Any
                } else {
                    TypeRef::Union(keys)
                }
            }
            BaseType::Unknown(text) => {
                self.diags.push(
                    Diagnostic::new(
                        Code::TypeUnknown,
                        Some(span),
                        format!("`{text}` names no type"),
                    )
                    .label("typed as any JSON"),
                );
                TypeRef::Any
            }
        }
    }

    fn page_at(&self, from: &Page, target: &str) -> Option<usize> {
        let target = target.split('#').next().unwrap_or("");
        if target.is_empty() {
            return None;
        }
        let path = join_path(&from.path, target).to_lowercase();
        self.by_path.get(&path).copied()
    }

    fn link_target(&self, from: &Page, target: &str) -> Option<TypeKey> {
        self.page_at(from, target)
            .and_then(|i| self.page_type.get(&i).cloned())
    }

    /// The type a JSON representation's value stands for.
    fn template_type(&mut self, value: &json::Json) -> (TypeRef, bool) {
        match &value.value {
            JsonValue::Array(items) => (
                items
                    .first()
                    .map_or(TypeRef::Any, |i| self.template_type(i).0),
                true,
            ),
            JsonValue::Object(_) => {
                let odata = value
                    .get("@odata.type")
                    .and_then(|v| v.as_str())
                    .map(type_key);
                match odata.and_then(|k| self.by_name.get(&k).cloned()) {
                    Some(k) => (TypeRef::Named(k), false),
                    None => (TypeRef::Any, false),
                }
            }
            JsonValue::Bool(_) => (TypeRef::Primitive(Primitive::Boolean), false),
            JsonValue::Number(n) if n.contains(['.', 'e', 'E']) => {
                (TypeRef::Primitive(Primitive::Double), false)
            }
            JsonValue::Number(n) => match n.parse::<i32>() {
                Ok(_) => (TypeRef::Primitive(Primitive::Int32), false),
                Err(_) => (TypeRef::Primitive(Primitive::Int64), false),
            },
            JsonValue::String(s) => {
                let word = s
                    .split(|c: char| c.is_whitespace() || c == '(')
                    .next()
                    .unwrap_or("");
                (
                    TypeRef::Primitive(Primitive::from_name(word).unwrap_or(Primitive::String)),
                    false,
                )
            }
            JsonValue::Null => (TypeRef::Any, false),
        }
    }

    fn requests(&mut self, types: &mut TypeSpace) -> BTreeMap<String, Request> {
        let mut out = BTreeMap::new();
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        for page in self.pages {
            for a in page
                .examples
                .iter()
                .filter_map(|e| e.annotation.as_ref())
                .filter(|a| a.block_type == crate::parse::annotation::BlockType::Request)
            {
                for name in &a.names {
                    if let Some(first) = names.insert(name.clone(), page.path.clone()) {
                        self.diags.push(Diagnostic::new(
                            Code::RequestNameDuplicate,
                            Some(a.span),
                            format!("request name `{name}` is also used in {first}"),
                        ));
                    }
                }
            }
            if page.kind != PageKind::Api || page.http_requests.is_empty() {
                continue;
            }
            let name = stem(&page.path).to_string();
            let method = page.http_requests[0].method.clone();
            let paths = page
                .http_requests
                .iter()
                .filter(|l| l.method == method)
                .map(|l| self.path_template(&l.target, l.target_span))
                .collect();
            let owner_key = request_enum_prefix(&name);
            let query_entries: Vec<&TableEntry> = page
                .parameters
                .iter()
                .filter(|e| e.section.to_lowercase().contains("query"))
                .collect();
            let query: Vec<Property> = self
                .unique_entries(query_entries, &name)
                .into_iter()
                .map(|e| self.property(&owner_key, &name, page, e, PropertyOrigin::Table, types))
                .collect();
            let body_entries: Vec<&TableEntry> = page
                .parameters
                .iter()
                .filter(|e| e.section.to_lowercase().contains("body"))
                .collect();
            let body: Vec<Property> = self
                .unique_entries(body_entries, &name)
                .into_iter()
                .map(|e| self.property(&owner_key, &name, page, e, PropertyOrigin::Table, types))
                .collect();
            let response = page
                .examples
                .iter()
                .find(|e| e.role == ExampleRole::Response);
            let response_status = page
                .response_status
                .map(|(s, _)| s)
                .or_else(|| response.and_then(|e| status_of(e)));
            let response_type = response
                .and_then(|e| e.annotation.as_ref())
                .and_then(|a| a.odata_type.as_deref())
                .filter(|t| !is_no_body(t))
                .map(|t| {
                    let key = type_key(t);
                    let ty = self
                        .by_name
                        .get(&key)
                        .cloned()
                        .map_or(TypeRef::Any, TypeRef::Named);
                    (
                        ty,
                        t.starts_with("Collection(")
                            || response
                                .and_then(|e| e.annotation.as_ref())
                                .is_some_and(|a| a.is_collection),
                    )
                })
                .or_else(|| self.prose_type(page, &page.response_links));
            // A create or update sends the resource itself; the prose names it.
            let body_type = match body.is_empty() {
                true => self
                    .prose_type(page, &page.request_body_links)
                    .map(|(t, _)| t)
                    .filter(|t| matches!(t, TypeRef::Named(k) if matches!(types.get(k).map(|d| &d.kind), Some(TypeKind::Object(_)))))
                    // An update or create sends what it gets back.
                    .or_else(|| match (&method[..], &response_type) {
                        ("PATCH" | "POST" | "PUT", Some((TypeRef::Named(k), false))) if matches!(types.get(k).map(|d| &d.kind), Some(TypeKind::Object(_))) => Some(TypeRef::Named(k.clone())),
                        _ => None,
                    }),
                false => None,
            };
            let title = page
                .title
                .as_ref()
                .map(|t| t.text.clone())
                .or(page.front_matter.title.clone())
                .unwrap_or_else(|| name.clone());
            let description = page.description();
            out.insert(
                name.clone(),
                Request {
                    name,
                    page: page.path.clone(),
                    title,
                    description,
                    method,
                    paths,
                    permissions: page.permissions.clone(),
                    headers: page.request_headers.clone(),
                    body,
                    body_type,
                    query,
                    response_status,
                    response_type,
                    span: page.http_requests[0].target_span,
                },
            );
        }
        out
    }

    /// The first prose link that names a documented type, and whether "collection" follows it.
    fn prose_type(
        &self,
        page: &Page,
        links: &[crate::parse::page::ProseLink],
    ) -> Option<(TypeRef, bool)> {
        links.iter().find_map(|l| {
            let by_name = || {
                let name = l
                    .text
                    .trim_matches(|c: char| !c.is_ascii_alphanumeric())
                    .to_lowercase();
                self.by_name
                    .get(&name)
                    .or_else(|| self.by_name.get(&singular(&name)))
                    .cloned()
            };
            if l.target.is_empty() {
                if let Some(p) =
                    Primitive::from_name(&l.text).filter(|_| l.text.starts_with(char::is_uppercase))
                {
                    return Some((TypeRef::Primitive(p), l.collection));
                }
            }
            let key = match l.target.is_empty() {
                true => by_name(),
                false => self.link_target(page, &l.target),
            };
            key.map(|k| (TypeRef::Named(k), l.collection))
        })
    }

    fn path_template(&mut self, target: &str, span: Span) -> PathTemplate {
        let path = strip_service_root(target);
        let path = path.split('?').next().unwrap_or(path);
        let mut segments = Vec::new();
        let mut rest = path;
        let mut names = BTreeSet::new();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            let before = &rest[..open];
            if !before.is_empty() {
                segments.push(Segment::Literal(before.to_string()));
            }
            // `{id | userPrincipalName}`: either names the same segment; the first is the name.
            let raw = rest[open + 1..close]
                .split('|')
                .next()
                .unwrap_or("")
                .trim()
                .to_string();
            let preceding =
                path[..path.len() - rest.len() + open].trim_end_matches(['/', '(', '\'', '=']);
            let word = preceding.rsplit(['/', '(', ',', '=']).next().unwrap_or("");
            let mut name = if raw.eq_ignore_ascii_case("id") && !word.is_empty() {
                format!("{}_id", singular(word))
            } else {
                raw.clone()
            };
            while !names.insert(name.clone()) {
                name.push_str("_2");
            }
            segments.push(Segment::Param(PathParam { raw, name }));
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            if rest.contains(['{', '}']) {
                self.diags.push(Diagnostic::new(
                    Code::PathTemplate,
                    Some(span),
                    format!("unbalanced braces in `{path}`; the rest is kept as text"),
                ));
            }
            segments.push(Segment::Literal(rest.to_string()));
        }
        PathTemplate {
            raw: path.to_string(),
            segments,
            span,
        }
    }

    fn examples(
        &mut self,
        requests: &BTreeMap<String, Request>,
        types: &TypeSpace,
    ) -> Vec<Example> {
        let mut out = Vec::new();
        for page in self.pages {
            let page_stem = stem(&page.path).to_string();
            let request = requests.get(&page_stem);
            let mut ordinals: BTreeMap<&str, usize> = BTreeMap::new();
            for block in page
                .examples
                .iter()
                .filter(|e| e.role != ExampleRole::Resource)
            {
                let role_name = match block.role {
                    ExampleRole::Request => "request",
                    ExampleRole::Response => "response",
                    _ => "example",
                };
                let n = ordinals.entry(role_name).or_insert(0);
                *n += 1;
                let id = format!("{page_stem}_{role_name}_{n}");
                out.push(self.example(id, page, block, request, types));
            }
        }
        out
    }

    fn example(
        &mut self,
        id: String,
        page: &Page,
        block: &ExampleBlock,
        request: Option<&Request>,
        types: &TypeSpace,
    ) -> Example {
        let mut ex = Example {
            id,
            page: page.path.clone(),
            role: block.role,
            title: block.example_title.clone().or(block.heading.clone()),
            span: block.code.span,
            target: None,
            json_body: false,
            json: None,
            request: None,
            status: None,
            untested: None,
        };
        let (body_text, body_span) = match &block.http {
            Some(HttpMessage::Request { body, .. }) | Some(HttpMessage::Response { body, .. }) => {
                match body {
                    Some(b) => (Some(b.text.as_str()), b.span),
                    None => (None, block.code.content_span),
                }
            }
            None => (Some(block.code.content.as_str()), block.code.content_span),
        };
        if let Some(HttpMessage::Response { status, .. }) = &block.http {
            ex.status = Some(*status);
        }
        if let (Some(HttpMessage::Request { lines, .. }), Some(req)) = (&block.http, request) {
            ex.request = self.match_request(
                req,
                &lines[0].method,
                &lines[0].target,
                lines[0].target_span,
            );
        }
        let annotated_type = block.annotation.as_ref().and_then(|a| a.odata_type.clone());
        ex.target = match (block.role, &annotated_type) {
            (_, Some(t)) if is_no_body(t) => Some(ExampleTarget::NoBody),
            (ExampleRole::Request, _) => match request {
                Some(r) if !r.body.is_empty() => Some(ExampleTarget::RequestBody {
                    request: r.name.clone(),
                }),
                Some(Request {
                    body_type: Some(ty),
                    ..
                }) if body_text.is_some() => Some(ExampleTarget::Type {
                    ty: ty.clone(),
                    collection: false,
                }),
                _ if body_text.is_none() => Some(ExampleTarget::NoBody),
                _ => None,
            },
            (_, Some(t)) => {
                let key = type_key(t);
                let collection = t.trim().starts_with("Collection(")
                    || block.annotation.as_ref().is_some_and(|a| a.is_collection);
                match types.get(&key) {
                    Some(_) => Some(ExampleTarget::Type {
                        ty: TypeRef::Named(key),
                        collection,
                    }),
                    None => {
                        self.diags.push(
                            Diagnostic::new(
                                Code::TypeUnknown,
                                block.annotation.as_ref().map(|a| a.span),
                                format!("example type `{t}` is documented on no page"),
                            )
                            .label("example not tested"),
                        );
                        None
                    }
                }
            }
            (ExampleRole::Response, None) => match request.and_then(|r| r.response_type.clone()) {
                Some((ty, collection)) => Some(ExampleTarget::Type { ty, collection }),
                None if body_text.is_none() => Some(ExampleTarget::NoBody),
                None => None,
            },
            _ => None,
        };
        if let Some(text) = body_text.filter(|t| !t.trim().is_empty()) {
            ex.json_body = block.code.lang == "json" || text.trim_start().starts_with(['{', '[']);
            match json::parse(text) {
                Ok(parsed) => {
                    for repair in &parsed.repairs {
                        self.diags.push(
                            Diagnostic::new(
                                Code::JsonNotStrict,
                                Some(body_span.sub(repair.span.clone())),
                                format!("example is not strict JSON: {}", repair.kind.describe()),
                            )
                            .label("repaired"),
                        );
                    }
                    let mut checker = Checker::new(types, body_span);
                    match (&ex.target, request) {
                        (Some(ExampleTarget::Type { ty, collection }), _) => {
                            checker.check(&parsed.value, ty, *collection, "$")
                        }
                        (Some(ExampleTarget::RequestBody { .. }), Some(r)) => {
                            checker.object(&parsed.value, &r.body, false, &r.name, "$")
                        }
                        _ => {}
                    }
                    self.diags.extend(checker.diags);
                    if let Some(why) = checker.unreadable {
                        ex.untested = Some(format!("does not match its documented type: {why}"));
                    }
                    ex.json = Some(parsed.value.to_value());
                }
                Err(e) => {
                    let is_json =
                        block.code.lang == "json" || text.trim_start().starts_with(['{', '[']);
                    if is_json {
                        self.diags.push(
                            Diagnostic::new(
                                Code::JsonInvalid,
                                Some(body_span.sub(e.span.clone())),
                                format!("example body is not JSON: {}", e.message),
                            )
                            .label("here"),
                        );
                        ex.untested = Some(format!("body does not parse as JSON: {}", e.message));
                    } else {
                        ex.untested = Some("body is not JSON".into());
                    }
                }
            }
        }
        if ex.untested.is_none() {
            ex.untested = match (&ex.target, &ex.json) {
                (None, Some(_)) => {
                    self.diags.push(
                        Diagnostic::new(
                            Code::ExampleUntyped,
                            Some(block.code.span.sub(0..3)),
                            format!(
                                "{} example has a body but no known type",
                                role_label(block.role)
                            ),
                        )
                        .label("not tested"),
                    );
                    Some("no documented type for the body".into())
                }
                (Some(ExampleTarget::NoBody), Some(_)) => {
                    Some("annotated as having no body, but has one".into())
                }
                _ => None,
            };
        }
        ex
    }

    fn match_request(
        &mut self,
        req: &Request,
        method: &str,
        url: &str,
        span: Span,
    ) -> Option<ExampleRequest> {
        let path = strip_service_root(url);
        let path_only = path.split('?').next().unwrap_or(path);
        let parts = canonical_segments(path_only);
        for (index, template) in req.paths.iter().enumerate() {
            let mut marked = String::new();
            for s in &template.segments {
                match s {
                    Segment::Literal(l) => marked.push_str(l),
                    Segment::Param(_) => marked.push('\u{0}'),
                }
            }
            let pattern = canonical_segments(&marked);
            if pattern.len() != parts.len() {
                continue;
            }
            let mut args = Vec::new();
            let matches = pattern.iter().zip(&parts).all(|(p, part)| {
                if p == "\u{0}" {
                    args.push(part.clone());
                    true
                } else {
                    p.eq_ignore_ascii_case(part)
                }
            });
            if matches && args.len() == template.params().count() {
                return Some(ExampleRequest {
                    request: req.name.clone(),
                    method: method.to_string(),
                    path_index: index,
                    args,
                    path: path_only.to_string(),
                });
            }
        }
        self.diags.push(
            Diagnostic::new(
                Code::ExampleMismatch,
                Some(span),
                format!("request URL matches none of the paths of `{}`", req.name),
            )
            .label("path not checked")
            .help(format!(
                "use one of: {}",
                req.paths
                    .iter()
                    .map(|p| p.raw.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        );
        None
    }
}

fn role_label(role: ExampleRole) -> &'static str {
    match role {
        ExampleRole::Request => "request",
        ExampleRole::Response => "response",
        ExampleRole::Example => "JSON",
        ExampleRole::Resource => "resource",
    }
}

fn status_of(block: &ExampleBlock) -> Option<u16> {
    match &block.http {
        Some(HttpMessage::Response { status, .. }) => Some(*status),
        _ => None,
    }
}

fn is_no_body(odata_type: &str) -> bool {
    let t = odata_type.trim().to_lowercase();
    t == "microsoft.graph.none" || t == "none"
}

pub fn request_enum_prefix(request: &str) -> String {
    format!("request:{request}")
}

/// The type a page declares: its resource block's `@odata.type`, else its title's first word.
fn declared_name(page: &Page) -> Option<String> {
    if let Some(t) = page
        .resource_block()
        .and_then(|b| b.annotation.as_ref())
        .and_then(|a| a.odata_type.as_deref())
    {
        return Some(qualify(t));
    }
    if page.properties.is_empty() && page.enum_members.is_empty() {
        return None;
    }
    let title = page
        .title
        .as_ref()
        .map(|t| t.text.clone())
        .or(page.front_matter.title.clone())?;
    let word = title
        .split_whitespace()
        .next()?
        .trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '.');
    (!word.is_empty()).then(|| qualify(word))
}

fn name_or_primitive(text: &str) -> BaseType {
    match Primitive::from_name(text) {
        Some(p) => BaseType::Primitive(p),
        None => BaseType::Name(text.to_string()),
    }
}

/// Adds a "Possible values" enum for `owner.property` and returns a reference to it.
fn synthesize_enum(
    types: &mut TypeSpace,
    owner_key: &str,
    owner: &str,
    property: &str,
    values: &[String],
) -> TypeRef {
    let key = format!("{owner_key}#{}", property.to_lowercase());
    types.types.entry(key.clone()).or_insert_with(|| TypeDef {
        name: format!("{owner}_{property}"),
        qualified_name: format!("{owner}.{property}"),
        description: format!("Values of `{owner}.{property}`."),
        page: None,
        span: Span::new(crate::source::FileId(0), 0..0),
        kind: TypeKind::Enum(EnumType {
            members: values
                .iter()
                .map(|v| crate::ir::model::EnumMember {
                    wire: v.clone(),
                    description: String::new(),
                })
                .collect(),
            from_property: Some((owner_key.to_string(), property.to_string())),
        }),
        also_documented_in: Vec::new(),
    });
    TypeRef::Named(key)
}

/// Values in backticks after "possible value(s)" in a description.
pub fn possible_values(description: &str) -> Vec<String> {
    let lower = description.to_lowercase();
    let Some(at) = lower.find("possible value") else {
        return Vec::new();
    };
    let rest = &description[at..];
    let mut out: Vec<String> = Vec::new();
    let mut parts = rest.split('`');
    parts.next();
    while let (Some(value), gap) = (parts.next(), parts.next()) {
        let value = value.trim();
        let valid = !value.is_empty() && value.len() <= 64 && !value.contains(char::is_whitespace);
        if valid && !out.iter().any(|v| v == value) {
            out.push(value.to_string());
        }
        // Stop at the end of the sentence that lists them.
        match gap {
            Some(g)
                if g.contains(". ")
                    || g.trim_end().ends_with('.')
                        && !g.trim().is_empty()
                        && !g.trim().starts_with(',') =>
            {
                break
            }
            None => break,
            _ => {}
        }
    }
    out
}

/// `"default | voicemail"` in a JSON representation lists an enum's values.
fn template_choices(value: &json::Json) -> Vec<String> {
    let s = match &value.value {
        JsonValue::String(s) => s.as_str(),
        JsonValue::Array(items) => match items.first().map(|i| &i.value) {
            Some(JsonValue::String(s)) => s.as_str(),
            _ => return Vec::new(),
        },
        _ => return Vec::new(),
    };
    if !s.contains(" | ") {
        return Vec::new();
    }
    s.split('|')
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty() && !v.contains(' '))
        .collect()
}

/// Copies base-type properties into derived types, nearest base first.
fn inherit(types: &mut TypeSpace) {
    let keys: Vec<TypeKey> = types.types.keys().cloned().collect();
    for key in keys {
        let mut inherited = Vec::new();
        let mut seen = BTreeSet::from([key.clone()]);
        let mut base = base_of(types, &key);
        while let Some(b) = base {
            if !seen.insert(b.clone()) {
                break;
            }
            if let Some(TypeDef {
                kind: TypeKind::Object(o),
                ..
            }) = types.get(&b)
            {
                inherited.extend(
                    o.properties
                        .iter()
                        .filter(|p| p.origin != PropertyOrigin::Inherited)
                        .cloned(),
                );
            }
            base = base_of(types, &b);
        }
        if let Some(TypeDef {
            kind: TypeKind::Object(o),
            ..
        }) = types.types.get_mut(&key)
        {
            for mut p in inherited {
                if !o.properties.iter().any(|q| q.name == p.name) {
                    p.origin = PropertyOrigin::Inherited;
                    o.properties.push(p);
                }
            }
        }
    }
}

fn base_of(types: &TypeSpace, key: &str) -> Option<TypeKey> {
    match types.get(key).map(|t| &t.kind) {
        Some(TypeKind::Object(o)) => o.base_type.clone(),
        _ => None,
    }
}

/// Path segments with OData keys and function arguments split out, so that
/// `accessReviews('x')`, `accessReviews/x` and `f(period='x')` compare alike.
fn canonical_segments(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        match segment.find('(').filter(|_| segment.ends_with(')')) {
            Some(open) => {
                if open > 0 {
                    out.push(segment[..open].to_string());
                }
                let args = &segment[open + 1..segment.len() - 1];
                for arg in args.split(',').filter(|a| !a.trim().is_empty()) {
                    let value = arg.split_once('=').map_or(arg, |(_, v)| v);
                    out.push(value.trim().trim_matches('\'').to_string());
                }
            }
            None => out.push(segment.to_string()),
        }
    }
    out
}

/// `/app/calls/{id}` from `https://graph.microsoft.com/beta/app/calls/{id}`.
pub fn strip_service_root(url: &str) -> &str {
    let mut path = url.trim();
    if let Some(rest) = path
        .strip_prefix("https://")
        .or_else(|| path.strip_prefix("http://"))
    {
        path = rest.find('/').map_or("", |i| &rest[i..]);
    }
    for version in ["/beta/", "/v1.0/", "/{ver}/", "/{version}/"] {
        if let Some(rest) = path.strip_prefix(version) {
            return &path[path.len() - rest.len() - 1..];
        }
    }
    path
}

fn singular(word: &str) -> String {
    let w = word.to_string();
    if let Some(stem) = w.strip_suffix("ies") {
        format!("{stem}y")
    } else if w.ends_with("ss") {
        w
    } else if let Some(stem) = w.strip_suffix('s') {
        stem.to_string()
    } else {
        w
    }
}

/// `beta/api/x.md` + `../resources/Y.md` = `beta/resources/Y.md`.
pub fn join_path(from: &str, target: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possible_values_from_descriptions() {
        assert_eq!(
            possible_values("The possible value is: `default`"),
            vec!["default"]
        );
        assert_eq!(
            possible_values("The direction of the call. The possible value are `incoming` or `outgoing`. Read-only. Server generated."),
            vec!["incoming", "outgoing"]
        );
        assert_eq!(
            possible_values("Possible values are: `created`, `updated`, `deleted`."),
            vec!["created", "updated", "deleted"]
        );
        assert!(possible_values("Uses `x` somewhere").is_empty());
    }

    #[test]
    fn paths_and_roots() {
        assert_eq!(
            join_path(
                "beta/api/call-redirect.md",
                "../resources/invitationparticipantinfo.md"
            ),
            "beta/resources/invitationparticipantinfo.md"
        );
        assert_eq!(
            join_path("beta/resources/call.md", "chatinfo.md"),
            "beta/resources/chatinfo.md"
        );
        assert_eq!(
            strip_service_root("https://graph.microsoft.com/beta/app/calls/{id}/redirect"),
            "/app/calls/{id}/redirect"
        );
        assert_eq!(strip_service_root("/app/calls/{id}"), "/app/calls/{id}");
        assert_eq!(singular("applications"), "application");
        assert_eq!(singular("policies"), "policy");
    }

    #[test]
    fn odata_keys_and_function_arguments_compare_alike() {
        assert_eq!(
            canonical_segments("/accessReviews('x')/reviewers"),
            vec!["accessReviews", "x", "reviewers"]
        );
        assert_eq!(
            canonical_segments("/accessReviews/x/reviewers"),
            vec!["accessReviews", "x", "reviewers"]
        );
        assert_eq!(
            canonical_segments("/reports/getX(period='D7')"),
            vec!["reports", "getX", "D7"]
        );
        assert_eq!(canonical_segments("/f(a=1,b='2')"), vec!["f", "1", "2"]);
    }

    #[test]
    fn qualified_names_and_keys() {
        assert_eq!(qualify("#microsoft.graph.call"), "microsoft.graph.call");
        assert_eq!(
            type_key("Collection(microsoft.graph.identitySet)"),
            "microsoft.graph.identityset"
        );
        assert_eq!(type_key("identitySet"), "microsoft.graph.identityset");
    }
}
