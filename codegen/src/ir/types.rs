//! Types from resource and enum pages: one type per page, each Type cell resolved (by link
//! first, then by name), property tables reconciled with JSON representations, "Possible
//! values" made enums, and base-type properties inherited.

use crate::diag::{Code, Diagnostic};
use crate::ir::model::*;
use crate::ir::resolve::*;
use crate::ir::typeref::{self, BaseType, Primitive};
use crate::parse::json::{self, JsonValue};
use crate::parse::page::{Page, PageKind, TableEntry};
use crate::source::Span;
use std::collections::{BTreeMap, BTreeSet};

impl Resolver<'_> {
    /// One type per resource or enum page; the first page (by path) wins a duplicate.
    /// One type per resource or enum page. A type documented twice is taken from its own
    /// page (`user.md` for `user`), else from the page that lists more properties, else the
    /// first by path; the other page is reported.
    pub(super) fn declare_types(&mut self) -> BTreeMap<TypeKey, usize> {
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
            self.also_documented.to_mut().insert(key.clone(), others);
            declared.insert(key.clone(), chosen);
            // Links to any of the pages mean the one type.
            for &page in &pages {
                self.page_type.to_mut().insert(page, key.clone());
            }
            self.by_name.to_mut().insert(key.clone(), key.clone());
            self.by_name
                .to_mut()
                .entry(short_name(&key).to_string())
                .or_insert(key);
        }
        declared
    }

    pub(super) fn define(&mut self, key: &TypeKey, page: &Page, types: &mut TypeSpace) -> TypeDef {
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
                members: self.enum_members(&page.enum_members, &name),
                from_property: None,
                section: None,
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

    pub(super) fn object(
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
        let open_type = annotation.is_some_and(|a| a.open_type);
        let mut properties = Vec::new();
        for entry in self.unique_entries(&page.properties, name) {
            if !self.property_name(&entry.name, entry.name_span, name, NameKind::Property) {
                continue;
            }
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
                let span = base.sub(m.key_span.clone());
                // `"implementationCost ": "String"`: the name is what is left without the spaces.
                let json_key = m.key.trim();
                if json_key != m.key && !json_key.is_empty() {
                    self.diags.push(
                        Diagnostic::new(
                            Code::PropertyNameInvalid,
                            Some(span),
                            format!("`{}` in the JSON representation of `{name}` has spaces around the name", m.key),
                        )
                        .label(format!("read as `{json_key}`"))
                        .help("remove the spaces inside the quotes"),
                    );
                }
                if let Some(p) = properties
                    .iter_mut()
                    .find(|p: &&mut Property| p.name == json_key)
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
                // `@odata.type` in a template names the type; it is no property.
                if json_key.contains('@')
                    || table_names.contains(json_key)
                    || page.relationships.iter().any(|r| r.name == json_key)
                {
                    continue;
                }
                // An open type's representation shows example keys (user IDs, `String-value`).
                let kind = match open_type {
                    true => NameKind::OpenTypeKey,
                    false => NameKind::Property,
                };
                if !self.property_name(json_key, span, name, kind) {
                    continue;
                }
                if !page.properties.is_empty() {
                    self.diags.push(
                        Diagnostic::new(Code::TableJsonDisagree, Some(span), format!("`{json_key}` is in the JSON representation of `{name}` but not in its property table"))
                            .label("kept, typed from the JSON"),
                    );
                }
                let (ty, collection) = self.template_type(&m.value);
                let possible_values = template_choices(&m.value);
                let ty = if possible_values.is_empty() {
                    ty
                } else {
                    synthesize_enum(types, key, name, json_key, &possible_values)
                };
                properties.push(Property {
                    name: json_key.to_string(),
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
            if properties.iter().any(|p| p.name == entry.name)
                || !self.property_name(&entry.name, entry.name_span, name, NameKind::Property)
            {
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
                let kind = match open_type {
                    true => NameKind::OpenTypeKey,
                    false => NameKind::Property,
                };
                if !properties.iter().any(|p| &p.name == optional)
                    && self.property_name(optional, a.span, name, kind)
                {
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
        let base = self.base_type(key, name, page, annotation);
        ObjectType {
            properties,
            base_type: base.as_ref().map(|(k, _)| k.clone()),
            base_from: base.map(|(_, from)| from),
            open_type,
            key_property: annotation.and_then(|a| a.key_property.clone()),
        }
    }

    /// An enum's members as a page lists them, each value once; a repeated one is reported.
    pub(super) fn enum_members(
        &mut self,
        members: &[crate::parse::page::EnumMember],
        name: &str,
    ) -> Vec<crate::ir::model::EnumMember> {
        let mut out: Vec<crate::ir::model::EnumMember> = Vec::new();
        for m in members {
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

    /// Whether `name` can be a property (or parameter) name; when it cannot, it is reported
    /// and the row or key is no field.
    pub(super) fn property_name(
        &mut self,
        name: &str,
        span: Span,
        owner: &str,
        kind: NameKind,
    ) -> bool {
        let Some(problem) = name_problem(name, kind) else {
            return true;
        };
        let (severity, label, what) = match kind {
            NameKind::OpenTypeKey => (
                crate::diag::Severity::Note,
                "an example key of an open type: such keys are kept in `additional_properties`",
                "a property",
            ),
            NameKind::Query => (
                crate::diag::Severity::Warning,
                "no parameter",
                "a query parameter",
            ),
            NameKind::Property => (
                crate::diag::Severity::Warning,
                "no field; the key is kept in `additional_properties`",
                "a property",
            ),
        };
        let mut d = Diagnostic::new(
            Code::PropertyNameInvalid,
            Some(span),
            format!("`{name}` is listed as {what} of `{owner}`, but it is {problem}"),
        )
        .label(label)
        .severity(severity);
        if let Some(help) = name_help(problem, kind) {
            d = d.help(help);
        }
        self.diags.push(d);
        false
    }

    /// Table rows with their first spelling of each name; a repeated row is reported.
    pub(super) fn unique_entries<'p>(
        &mut self,
        entries: impl IntoIterator<Item = &'p TableEntry>,
        owner: &str,
    ) -> Vec<&'p TableEntry> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for entry in entries {
            if seen.insert(entry.name.as_str()) {
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

    pub(super) fn property(
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
        // How a table without a Type column was read comes first.
        let note = match (entry.note.clone(), note) {
            (Some(a), Some(b)) => Some(format!("{a} {b}")),
            (a, b) => a.or(b),
        };
        let (read_only, required) = read_only_or_required(&entry.description);
        Property {
            name: entry.name.clone(),
            ty,
            collection: expr.collection,
            description: entry.description.clone(),
            possible_values,
            read_only,
            required,
            origin,
            note,
            span: entry.name_span,
        }
    }

    /// Resolves a Type cell's base: links by their target page, then names.
    pub(super) fn resolve(&mut self, base: &BaseType, page: &Page, span: Span) -> TypeRef {
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

    pub(super) fn page_at(&self, from: &Page, target: &str) -> Option<usize> {
        let target = target.split('#').next().unwrap_or("");
        if target.is_empty() {
            return None;
        }
        let path = join_path(&from.path, target).to_lowercase();
        self.by_path.get(&path).copied()
    }

    pub(super) fn link_target(&self, from: &Page, target: &str) -> Option<TypeKey> {
        self.section_target(from, target).or_else(|| {
            self.page_at(from, target)
                .and_then(|i| self.page_type.get(&i).cloned())
        })
    }

    /// The type a JSON representation's value stands for.
    pub(super) fn template_type(&mut self, value: &json::Json) -> (TypeRef, bool) {
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
            JsonValue::String(s) => (
                TypeRef::Primitive(Primitive::from_placeholder(s).unwrap_or(Primitive::String)),
                false,
            ),
            JsonValue::Null => (TypeRef::Any, false),
        }
    }
}

/// What a name is checked as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NameKind {
    /// A property of a type or a parameter of a request body.
    Property,
    /// A key in the JSON representation of an open type (an example of the data).
    OpenTypeKey,
    /// A query parameter: OData's system query options (`$skiptoken`) are names too.
    Query,
}

/// Why `name` is no property name, or `None` when it is one.
///
/// A property name is an OData identifier (CSDL's SimpleIdentifier): letters, digits and
/// `_`, not starting with a digit. Instance annotations (`@microsoft.graph.downloadUrl`, `@content.sourceUrl`) are
/// the documented exception: the docs list them as properties, payloads carry them under
/// that name, and they are fields. `@odata.*` control information is not: every type keeps
/// it in `additional_properties`.
pub(super) fn name_problem(name: &str, kind: NameKind) -> Option<&'static str> {
    // CSDL's SimpleIdentifier: letters are Unicode letters (`café` is one).
    fn identifier(s: &str) -> bool {
        s.chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
            && s.chars().all(|c| c.is_alphanumeric() || c == '_')
    }
    if identifier(name) {
        return None;
    }
    if let Some(annotation) = name.strip_prefix('@') {
        if annotation.starts_with("odata.") {
            return Some(
                "OData control information, which every type keeps in `additional_properties`",
            );
        }
        if annotation.contains('.') && annotation.split('.').all(identifier) {
            return None;
        }
    }
    if kind == NameKind::Query && name.strip_prefix('$').is_some_and(identifier) {
        return None;
    }
    let guid = name.len() == 36
        && name.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        });
    Some(if name.starts_with('[') && name.contains("](") {
        "a link: the row belongs to a table of methods, not of properties"
    } else if guid {
        "a GUID: an example of the data, not a name"
    } else if name.contains('/') || name.contains('.') && name.split('.').all(identifier) {
        "a path to a nested property"
    } else if name.chars().any(char::is_whitespace) {
        "words, not a name"
    } else {
        "not an OData identifier"
    })
}

/// What to change for a [`name_problem`], where it says more than the code's general help.
fn name_help(problem: &str, kind: NameKind) -> Option<&'static str> {
    if kind == NameKind::OpenTypeKey {
        return Some("an open type's keys are data: say in prose what they are, and show them in an example rather than in the JSON representation");
    }
    if problem.starts_with("a link") {
        Some("move the row to the table of methods")
    } else if problem.starts_with("a path") {
        Some("document the outer property with its own type, and the nested one in that type's table")
    } else if problem.starts_with("OData control information") {
        Some("say in prose which `@odata.type` to send; it needs no row")
    } else {
        None
    }
}

/// The type a page declares: its resource block's `@odata.type`, else its title's first word.
pub(super) fn declared_name(page: &Page) -> Option<String> {
    let title = page
        .title
        .as_ref()
        .map(|t| t.text.clone())
        .or(page.front_matter.title.clone());
    let title_word = title.as_deref().and_then(|t| {
        let word = t
            .split_whitespace()
            .next()?
            .trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '.');
        (!word.is_empty()).then(|| word.to_string())
    });
    if let Some(t) = page
        .resource_block()
        .and_then(|b| b.annotation.as_ref())
        .and_then(|a| a.odata_type.as_deref())
    {
        let qualified = qualify(t);
        // `microsoft.graph.teamsasyncoperation` under the title `teamsAsyncOperation`: the
        // title keeps the word breaks that the lowercased annotation lost.
        // Only the breaks: `Thumbnail` as a title's first word does not capitalise the type.
        let short = short_name(&qualified);
        return Some(match title_word.as_deref().map(short_name) {
            Some(w)
                if !short.chars().any(|c| c.is_ascii_uppercase())
                    && w.eq_ignore_ascii_case(short)
                    && w.chars().skip(1).any(|c| c.is_ascii_uppercase()) =>
            {
                let prefix = &qualified[..qualified.len() - short.len()];
                let first = short.chars().take(1);
                format!(
                    "{prefix}{}",
                    first.chain(w.chars().skip(1)).collect::<String>()
                )
            }
            _ => qualified,
        });
    }
    if page.properties.is_empty() && page.enum_members.is_empty() {
        return None;
    }
    title_word.map(|w| qualify(&w))
}

pub(super) fn name_or_primitive(text: &str) -> BaseType {
    match Primitive::from_name(text) {
        Some(p) => BaseType::Primitive(p),
        None => BaseType::Name(text.to_string()),
    }
}

/// Adds a "Possible values" enum for `owner.property` and returns a reference to it.
pub(super) fn synthesize_enum(
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
            section: None,
        }),
        also_documented_in: Vec::new(),
    });
    TypeRef::Named(key)
}

/// Whether a description says "read-only" (or "read only") and whether it says
/// "required", in any ASCII case. All three start with an `r`: the description, often a
/// few hundred bytes with an `r` every few words, is searched once, not once for each.
fn read_only_or_required(description: &str) -> (bool, bool) {
    let (mut read_only, mut required) = (false, false);
    for at in memchr::memchr2_iter(b'r', b'R', description.as_bytes()) {
        // An `r` starts a character.
        let says = |words| crate::parse::starts_with_ignore_ascii_case(&description[at..], words);
        read_only |= says("read-only") || says("read only");
        required |= says("required");
    }
    (read_only, required)
}

/// Values in backticks after "possible value(s)" in a description.
pub(super) fn possible_values(description: &str) -> Vec<String> {
    let Some(at) = crate::parse::find_ignore_ascii_case(description, "possible value") else {
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
pub(super) fn template_choices(value: &json::Json) -> Vec<String> {
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
pub(super) fn inherit(types: &mut TypeSpace) {
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

pub(super) fn base_of(types: &TypeSpace, key: &str) -> Option<TypeKey> {
    match types.get(key).map(|t| &t.kind) {
        Some(TypeKind::Object(o)) => o.base_type.clone(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// What lowercasing the description and searching it for each phrase answers, in
        /// texts of the phrases' pieces in any case.
        #[test]
        fn read_only_and_required_are_said_in_any_case(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "r", "R", "re", "RE", "ad", "AD", "-only", " only", " ONLY", "-", "qui",
                "QUI", "red", "RED", "İ", "\u{212a}", " ",
            ]), 0..10),
        ) {
            let text = pieces.concat();
            let lower = text.to_lowercase();
            proptest::prop_assert_eq!(
                read_only_or_required(&text),
                (lower.contains("read-only") || lower.contains("read only"), lower.contains("required"))
            );
        }
    }

    #[test]
    fn property_names_are_odata_identifiers() {
        use NameKind::*;
        for ok in [
            "id",
            "displayName",
            "_x",
            "odata2",
            "café",
            "@microsoft.graph.downloadUrl",
            "@content.sourceUrl",
        ] {
            assert_eq!(name_problem(ok, Property), None, "{ok}");
        }
        assert_eq!(name_problem("$skiptoken", Query), None);
        for (bad, why) in [
            ("$skiptoken", "not an OData identifier"),
            ("@odata.type", "OData control information"),
            (
                "[List transitive memberOf](../api/device-list-transitivememberof.md)",
                "a link",
            ),
            ("ca2a1df2-e36b-4987-9f6b-0ea462f4eb47", "a GUID"),
            ("files/fileName", "a path"),
            ("payload.visual.title", "a path"),
            ("Office 365 (aka unified group)", "words"),
            ("String-value", "not an OData identifier"),
            ("2fa", "not an OData identifier"),
            ("", "not an OData identifier"),
        ] {
            let problem = name_problem(bad, Property).unwrap_or_default();
            assert!(problem.starts_with(why), "{bad}: {problem}");
        }
    }

    #[test]
    pub(super) fn possible_values_from_descriptions() {
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
        // `İ` takes a byte more lowercased: twenty of them put an offset found in a
        // lowercased copy past the first value.
        let description = format!("{} Possible values: `a`, `b`.", "İ".repeat(20));
        assert_eq!(possible_values(&description), vec!["a", "b"]);
    }
}
