//! Checks an example's JSON against its documented type, before any test is generated.
//!
//! What the generated types keep anyway (an unknown property on a closed type, a value
//! outside an enum) is reported; what they cannot read (a string where a number is
//! documented) is reported and makes the example untestable, with that reason.
//!
//! The walk follows the generated types step by step (the same `@odata.type` dispatch, the
//! same fallbacks), so it also says what the generated `Inspect` will find in the example:
//! the generated test expects exactly that list, and a name, enum value or dispatch that the
//! generated code gets wrong shows up as a difference.

use crate::diag::{Code, Diagnostic, Severity};
use crate::ir::model::{
    BodyShape, ExpectedFallback, FallbackKind, Property, TypeDef, TypeKey, TypeKind, TypeRef,
    TypeSpace,
};
use crate::ir::typeref::Primitive;
use crate::parse::json::{Json, JsonValue, Member};
use crate::source::Span;
use std::collections::BTreeMap;

pub struct Checker<'a> {
    pub types: &'a TypeSpace,
    /// Base type to the types derived from it ([`TypeSpace::derived`]).
    derived: &'a BTreeMap<TypeKey, Vec<TypeKey>>,
    /// Span of the JSON text that the values' spans are relative to.
    pub base: Span,
    pub diags: Vec<Diagnostic>,
    /// The first problem the generated types cannot read, if any.
    pub unreadable: Option<String>,
    /// What the generated types will not understand, sorted once the walk is done.
    pub fallbacks: Vec<ExpectedFallback>,
    /// Integers that a `Double` property writes back as floating-point numbers.
    pub float_paths: Vec<String>,
}

/// Whether a key is an OData annotation, which every type carries and none documents
/// (the generated `support::is_annotation`).
pub fn is_annotation(key: &str) -> bool {
    crate::parse::contains(key, "@odata.")
}

/// `@odata.type` as the generated dispatch reads it: lowercased, without the `#`.
fn odata_type(value: &Json) -> Option<String> {
    let name = value.get("@odata.type")?.as_str()?;
    Some(name.trim_start_matches('#').to_ascii_lowercase())
}

impl<'a> Checker<'a> {
    pub fn new(
        types: &'a TypeSpace,
        derived: &'a BTreeMap<TypeKey, Vec<TypeKey>>,
        base: Span,
    ) -> Checker<'a> {
        Checker {
            types,
            derived,
            base,
            diags: Vec::new(),
            unreadable: None,
            fallbacks: Vec::new(),
            float_paths: Vec::new(),
        }
    }

    /// The fallbacks, sorted and without repeats (a key given twice is read once).
    pub fn take_fallbacks(&mut self) -> Vec<ExpectedFallback> {
        let mut f = std::mem::take(&mut self.fallbacks);
        f.sort();
        f.dedup();
        f
    }

    /// A whole example body of type `ty`: a primitive result wrapped as `{"value": ...}`, a
    /// collection as a page when it has a `value`, a union as any JSON. The shape it returns
    /// is the one the generated test reads the body as.
    pub fn document(&mut self, value: &Json, ty: &TypeRef, collection: bool) -> BodyShape {
        let ty = match ty {
            TypeRef::Union(_) => &TypeRef::Any,
            ty => ty,
        };
        if let (JsonValue::Object(members), Some(inner)) = (&value.value, value.get("value")) {
            let wrapped = matches!(ty, TypeRef::Primitive(_)) && !collection;
            if wrapped || collection {
                self.unknown_keys(members, &["value"], &mut "$".to_string());
                self.check(inner, ty, collection, &mut "$.value".to_string());
                return if collection {
                    BodyShape::Page
                } else {
                    BodyShape::Single
                };
            }
        }
        self.check(value, ty, collection, &mut "$".to_string());
        if collection {
            BodyShape::List
        } else {
            BodyShape::Plain
        }
    }

    /// A property's value, at `path` (`$.value[0].name`): the walk adds each step to the
    /// one buffer and takes it off again, as it goes down and back up.
    pub fn check(&mut self, value: &Json, ty: &TypeRef, collection: bool, path: &mut String) {
        if matches!(value.value, JsonValue::Null) {
            return; // `Field::Null`
        }
        if collection {
            match &value.value {
                JsonValue::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let len = push_index(path, i);
                        match item.value {
                            JsonValue::Null => self.null_item(item, ty, path),
                            _ => self.check(item, ty, false, path),
                        }
                        path.truncate(len);
                    }
                }
                _ => self.wrong(value, path, "a list"),
            }
            return;
        }
        match ty {
            TypeRef::Primitive(p) => self.primitive(value, *p, path),
            TypeRef::Any => self.any(value, path),
            TypeRef::Union(keys) => self.union(value, keys, None, path),
            TypeRef::Named(key) => match self.types.get(key) {
                None => self.any(value, path),
                Some(def) => match &def.kind {
                    TypeKind::Object(_) if self.derived.get(key).is_some_and(|d| !d.is_empty()) => {
                        let mut family = vec![key.clone()];
                        family.extend(self.derived[key].iter().cloned());
                        self.union(value, &family, Some(key), path)
                    }
                    TypeKind::Object(o) => {
                        let open = o.open_type || derived_type_named(value, key);
                        self.object(value, &o.properties, open, &def.name, path)
                    }
                    TypeKind::Enum(e) => {
                        let JsonValue::String(s) = &value.value else {
                            return self.wrong(value, path, "a string");
                        };
                        // The generated enum reads a value in any (ASCII) case as its variant.
                        if !e.members.iter().any(|m| m.wire.eq_ignore_ascii_case(s)) {
                            self.fallback(path, FallbackKind::OtherValue);
                            self.diags.push(
                                Diagnostic::new(
                                    Code::ExampleMismatch,
                                    Some(self.base.sub(value.span.clone())),
                                    format!(
                                        "`{s}` is not one of the documented values of `{}`",
                                        def.qualified_name
                                    ),
                                )
                                .label("read as `Other`")
                                .severity(Severity::Note),
                            );
                        }
                    }
                },
            },
        }
    }

    /// An object with the given properties (a type's, or a request body's).
    pub fn object(
        &mut self,
        value: &Json,
        properties: &[Property],
        open: bool,
        name: &str,
        path: &mut String,
    ) {
        let JsonValue::Object(members) = &value.value else {
            return self.wrong(value, path, "an object");
        };
        for m in members.iter().filter(|m| !is_annotation(&m.key)) {
            let len = push_key(path, &m.key);
            match properties.iter().find(|p| p.name == m.key) {
                Some(p) => self.check(&m.value, &p.ty, p.collection, path),
                None => {
                    self.fallback(path, FallbackKind::UnknownKey);
                    // Instance annotations (`@microsoft.graph.conflictBehavior`) are no
                    // property the docs forgot; they are expected, not reported.
                    if !open && !m.key.contains('@') {
                        self.diags.push(
                            Diagnostic::new(
                                Code::ExampleMismatch,
                                Some(self.base.sub(m.key_span.clone())),
                                format!("`{}` is not a documented property of `{name}`", m.key),
                            )
                            .label("kept in `additional_properties`")
                            .severity(Severity::Note),
                        );
                    }
                }
            }
            path.truncate(len);
        }
    }

    /// A value of an enum over `keys`, chosen by `@odata.type`: the family of `base` reads
    /// anything else as the base; a union without one keeps it as JSON.
    fn union(&mut self, value: &Json, keys: &[TypeKey], base: Option<&TypeKey>, path: &mut String) {
        let kind = odata_type(value);
        let chosen = kind
            .as_ref()
            .filter(|k| keys.contains(k))
            .and_then(|k| self.object_type(k));
        if let Some((key, def)) = chosen {
            return self.typed_object(value, key, def, false, path);
        }
        match base.and_then(|b| self.object_type(b)) {
            Some((key, def)) => {
                let named_other = kind.as_ref().is_some_and(|k| !k.is_empty() && k != key);
                if named_other {
                    self.fallback(path, FallbackKind::ReadAsBase);
                }
                self.typed_object(value, key, def, named_other, path)
            }
            None => self.fallback(path, FallbackKind::Json),
        }
    }

    /// A value read as `AnyValue`: a list item by item, an object by the documented type its
    /// `@odata.type` names, anything else as JSON.
    fn any(&mut self, value: &Json, path: &mut String) {
        if let JsonValue::Array(items) = &value.value {
            for (i, item) in items.iter().enumerate() {
                let len = push_index(path, i);
                self.any(item, path);
                path.truncate(len);
            }
            return;
        }
        let resource = odata_type(value)
            .and_then(|k| self.object_type(&k))
            .filter(|(_, def)| def.page.is_some());
        match resource {
            Some((key, def)) => self.typed_object(value, key, def, false, path),
            None => self.fallback(path, FallbackKind::Json),
        }
    }

    /// `null` as an item of a list: JSON to the enums that keep what they cannot read, an
    /// error to everything else.
    fn null_item(&mut self, value: &Json, ty: &TypeRef, path: &str) {
        let keeps_it = match ty {
            TypeRef::Primitive(Primitive::Json) => return,
            TypeRef::Any | TypeRef::Union(_) => true,
            TypeRef::Named(key) => match self.types.get(key).map(|t| &t.kind) {
                None => true,
                Some(TypeKind::Object(_)) => self.derived.get(key).is_some_and(|d| !d.is_empty()),
                Some(TypeKind::Enum(_)) => false,
            },
            TypeRef::Primitive(_) => false,
        };
        if keeps_it {
            self.fallback(path, FallbackKind::Json);
        } else {
            self.wrong(value, path, "a value");
        }
    }

    fn object_type(&self, key: &str) -> Option<(&'a TypeKey, &'a TypeDef)> {
        let (key, def) = self.types.types.get_key_value(key)?;
        matches!(def.kind, TypeKind::Object(_)).then_some((key, def))
    }

    fn typed_object(
        &mut self,
        value: &Json,
        key: &str,
        def: &TypeDef,
        open: bool,
        path: &mut String,
    ) {
        if let TypeKind::Object(o) = &def.kind {
            let open = open || o.open_type || derived_type_named(value, key);
            self.object(value, &o.properties, open, &def.name, path);
        }
    }

    /// The keys of a wrapper (`{"value": ..., "@odata.context": ...}`) besides `known`.
    fn unknown_keys(&mut self, members: &[Member], known: &[&str], path: &mut String) {
        for m in members {
            if !is_annotation(&m.key) && !known.contains(&m.key.as_str()) {
                let len = push_key(path, &m.key);
                self.fallback(path, FallbackKind::UnknownKey);
                path.truncate(len);
            }
        }
    }

    fn fallback(&mut self, path: &str, kind: FallbackKind) {
        self.fallbacks.push(ExpectedFallback {
            path: path.to_string(),
            kind,
        });
    }

    fn primitive(&mut self, value: &Json, p: Primitive, path: &str) {
        let ok = match (p, &value.value) {
            (Primitive::Json, _) => true,
            (Primitive::Boolean, JsonValue::Bool(_)) => true,
            (Primitive::Byte, JsonValue::Number(n)) => n.parse::<u8>().is_ok(),
            (Primitive::SByte, JsonValue::Number(n)) => n.parse::<i8>().is_ok(),
            (Primitive::Int16, JsonValue::Number(n)) => n.parse::<i16>().is_ok(),
            (Primitive::Int32, JsonValue::Number(n)) => n.parse::<i32>().is_ok(),
            (Primitive::Int64, JsonValue::Number(n)) => n.parse::<i64>().is_ok(),
            (Primitive::Single | Primitive::Double | Primitive::Decimal, JsonValue::Number(n)) => {
                // serde_json reads `2` as an integer; a float writes it back as `2.0`.
                if n.parse::<i64>().is_ok() || n.parse::<u64>().is_ok() {
                    self.float_paths.push(path.to_string());
                }
                true
            }
            (p, _) if p.is_number() || p == Primitive::Boolean => false,
            (_, JsonValue::String(_)) => true,
            _ => false,
        };
        if !ok {
            let expected = match p {
                Primitive::Boolean => "a boolean",
                Primitive::Byte => "an integer from 0 to 255",
                Primitive::SByte => "an 8-bit integer",
                Primitive::Int16 => "a 16-bit integer",
                Primitive::Int32 => "a 32-bit integer",
                Primitive::Int64 => "a 64-bit integer",
                Primitive::Single | Primitive::Double | Primitive::Decimal => "a number",
                _ => "a string",
            };
            self.wrong(value, path, expected);
        }
    }

    fn wrong(&mut self, value: &Json, path: &str, expected: &str) {
        let found = match &value.value {
            JsonValue::Null => "null",
            JsonValue::Bool(_) => "a boolean",
            JsonValue::Number(_) => "a number",
            JsonValue::String(_) => "a string",
            JsonValue::Array(_) => "a list",
            JsonValue::Object(_) => "an object",
        };
        let message = format!("{path} is {found} where the docs document {expected}");
        self.diags.push(
            Diagnostic::new(
                Code::ExampleMismatch,
                Some(self.base.sub(value.span.clone())),
                message.clone(),
            )
            .label("the generated type cannot read this"),
        );
        self.unreadable.get_or_insert(message);
    }
}

/// Adds `.key` to `path`; returns the length to truncate it back to.
fn push_key(path: &mut String, key: &str) -> usize {
    let len = path.len();
    path.push('.');
    path.push_str(key);
    len
}

/// Adds `[i]` to `path`; returns the length to truncate it back to.
fn push_index(path: &mut String, i: usize) -> usize {
    use std::fmt::Write;
    let len = path.len();
    let _ = write!(path, "[{i}]");
    len
}

/// A value whose `@odata.type` names another type than the documented one: its extra
/// properties belong to that type.
fn derived_type_named(value: &Json, key: &str) -> bool {
    value
        .get("@odata.type")
        .and_then(|t| t.as_str())
        .is_some_and(|t| crate::ir::resolve::type_key(t) != key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::model::{EnumMember, EnumType, ObjectType, PropertyOrigin};
    use crate::source::FileId;
    use FallbackKind::*;

    fn prop(name: &str, ty: TypeRef, collection: bool) -> Property {
        Property {
            name: name.into(),
            ty,
            collection,
            description: String::new(),
            possible_values: Vec::new(),
            read_only: false,
            required: false,
            origin: PropertyOrigin::Table,
            note: None,
            span: Span::new(FileId(0), 0..0),
        }
    }

    fn named(key: &str) -> TypeRef {
        TypeRef::Named(format!("microsoft.graph.{key}"))
    }

    fn object(
        types: &mut TypeSpace,
        name: &str,
        base: Option<&str>,
        open: bool,
        props: Vec<Property>,
    ) {
        let key = format!("microsoft.graph.{}", name.to_lowercase());
        types.types.insert(
            key,
            TypeDef {
                name: name.into(),
                qualified_name: format!("microsoft.graph.{name}"),
                description: String::new(),
                page: Some(format!("resources/{name}.md")),
                span: Span::new(FileId(0), 0..0),
                kind: TypeKind::Object(ObjectType {
                    properties: props,
                    base_type: base.map(|b| format!("microsoft.graph.{b}")),
                    base_from: base.map(|_| crate::ir::model::BaseSource::Annotation),
                    open_type: open,
                    key_property: None,
                }),
                also_documented_in: Vec::new(),
            },
        );
    }

    /// shape <- circle, shape <- square; color (enum); drawing uses them all; note (open).
    fn types() -> TypeSpace {
        let mut t = TypeSpace::default();
        let name = || prop("name", TypeRef::Primitive(Primitive::String), false);
        object(&mut t, "shape", None, false, vec![name()]);
        let radius = prop("radius", TypeRef::Primitive(Primitive::Double), false);
        object(&mut t, "circle", Some("shape"), false, vec![radius, name()]);
        let side = prop("side", TypeRef::Primitive(Primitive::Int32), false);
        object(&mut t, "square", Some("shape"), false, vec![side, name()]);
        object(&mut t, "note", None, true, vec![name()]);
        t.types.insert(
            "microsoft.graph.color".into(),
            TypeDef {
                name: "color".into(),
                qualified_name: "microsoft.graph.color".into(),
                description: String::new(),
                page: Some("resources/enums.md".into()),
                span: Span::new(FileId(0), 0..0),
                kind: TypeKind::Enum(EnumType {
                    members: ["red", "green"]
                        .iter()
                        .map(|w| EnumMember {
                            wire: w.to_string(),
                            description: String::new(),
                        })
                        .collect(),
                    from_property: None,
                    section: None,
                }),
                also_documented_in: Vec::new(),
            },
        );
        let p = |n: &str, p: Primitive| prop(n, TypeRef::Primitive(p), false);
        let drawing = vec![
            p("title", Primitive::String),
            p("count", Primitive::Int64),
            p("tiny", Primitive::Int32),
            p("level", Primitive::Byte),
            p("offset", Primitive::Int16),
            p("ratio", Primitive::Single),
            p("at", Primitive::DateTimeOffset),
            p("weight", Primitive::Double),
            p("flags", Primitive::Boolean),
            p("blob", Primitive::Json),
            prop("tags", TypeRef::Primitive(Primitive::String), true),
            prop("shapes", named("shape"), true),
            prop("main", named("shape"), false),
            prop("color", named("color"), false),
            prop("extra", TypeRef::Any, false),
            prop("missing", named("nowhere"), false),
            prop(
                "pick",
                TypeRef::Union(vec![
                    "microsoft.graph.circle".into(),
                    "microsoft.graph.note".into(),
                ]),
                false,
            ),
            prop("notes", named("note"), true),
        ];
        object(&mut t, "drawing", None, false, drawing);
        t
    }

    struct Checked {
        fallbacks: Vec<(String, FallbackKind)>,
        floats: Vec<String>,
        unreadable: Option<String>,
        /// Messages of the diagnostics.
        said: Vec<String>,
        shape: BodyShape,
    }

    fn run(json: &str, ty: TypeRef, collection: bool) -> Checked {
        let types = types();
        let derived = types.derived();
        let parsed = crate::parse::json::parse(json).unwrap();
        let mut c = Checker::new(&types, &derived, Span::new(FileId(0), 0..json.len()));
        let shape = c.document(&parsed.value, &ty, collection);
        Checked {
            shape,
            fallbacks: c
                .take_fallbacks()
                .into_iter()
                .map(|f| (f.path, f.kind))
                .collect(),
            floats: c.float_paths.clone(),
            unreadable: c.unreadable.clone(),
            said: c.diags.iter().map(|d| d.message.clone()).collect(),
        }
    }

    fn drawing(json: &str) -> Checked {
        run(json, named("drawing"), false)
    }

    fn expect(c: &Checked, expected: &[(&str, FallbackKind)]) {
        let expected: Vec<(String, FallbackKind)> =
            expected.iter().map(|(p, k)| (p.to_string(), *k)).collect();
        assert_eq!(c.fallbacks, expected, "diagnostics: {:?}", c.said);
        assert_eq!(c.unreadable, None);
    }

    #[test]
    fn documented_keys_and_annotations_are_understood() {
        let c = drawing(
            r##"{"@odata.type": "#microsoft.graph.drawing", "title": "t", "count": 1, "tags@odata.type": "x", "tags": ["a"], "flags": true, "blob": {"any": [1]}, "color": "red"}"##,
        );
        expect(&c, &[]);
        assert!(c.said.is_empty(), "{:?}", c.said);
    }

    #[test]
    fn undocumented_keys_are_expected_by_path_and_reported_on_closed_types() {
        let c = drawing(
            r##"{"title": "t", "mood": 1, "@microsoft.graph.conflictBehavior": "fail", "notes": [{"name": "n", "free": 2}]}"##,
        );
        expect(
            &c,
            &[
                ("$.@microsoft.graph.conflictBehavior", UnknownKey),
                ("$.mood", UnknownKey),
                ("$.notes[0].free", UnknownKey),
            ],
        );
        // The closed type's unknown key is reported; the instance annotation and the open
        // type's extra key are not.
        assert_eq!(c.said, ["`mood` is not a documented property of `drawing`"]);
    }

    #[test]
    fn enum_values_outside_the_list_fall_to_other() {
        let c = drawing(r##"{"color": "green"}"##);
        expect(&c, &[]);
        // Another case is the same value, read as its variant, and no mismatch.
        let c = drawing(r##"{"color": "Green"}"##);
        expect(&c, &[]);
        assert!(c.said.is_empty(), "{:?}", c.said);
        let c = drawing(r##"{"color": "GREEN"}"##);
        expect(&c, &[]);
        let c = drawing(r##"{"color": "greenish"}"##);
        expect(&c, &[("$.color", OtherValue)]);
        assert_eq!(
            c.said,
            ["`greenish` is not one of the documented values of `microsoft.graph.color`"]
        );
        let c = drawing(r##"{"color": 1}"##);
        assert_eq!(
            c.unreadable.as_deref(),
            Some("$.color is a number where the docs document a string")
        );
    }

    #[test]
    fn a_base_type_reads_its_derived_types_by_odata_type() {
        // Each value is checked as the type it names: `radius` is a circle's, `side` a square's.
        let c = drawing(
            r##"{"main": {"@odata.type": "#microsoft.graph.circle", "radius": 2.5, "side": 1},
                            "shapes": [{"@odata.type": "#Microsoft.Graph.Square", "side": 2}, {"name": "plain"}, {"@odata.type": "#microsoft.graph.shape", "name": "s"}]}"##,
        );
        expect(&c, &[("$.main.side", UnknownKey)]);
        // No diagnostic for a derived type's key on its own type; one for a key it lacks.
        assert_eq!(c.said, ["`side` is not a documented property of `circle`"]);
        // A type that is not derived from the base: read as the base, its own keys kept.
        let c = drawing(
            r##"{"main": {"@odata.type": "#microsoft.graph.triangle", "name": "t", "corners": 3}}"##,
        );
        expect(
            &c,
            &[("$.main", ReadAsBase), ("$.main.corners", UnknownKey)],
        );
        assert!(
            c.said.is_empty(),
            "another type's keys are no error: {:?}",
            c.said
        );
        // A closed type whose value names another type: that type's keys are no error.
        let c = drawing(r##"{"@odata.type": "#microsoft.graph.sketch", "mood": 1}"##);
        expect(&c, &[("$.mood", UnknownKey)]);
        assert!(c.said.is_empty(), "{:?}", c.said);
        let c = drawing(r##"{"main": {"@odata.type": "", "name": "t"}}"##);
        expect(&c, &[]);
        let c = drawing(r##"{"main": {"@odata.type": 7, "name": "t"}}"##);
        expect(&c, &[]);
    }

    #[test]
    fn unions_and_any_json_fall_back_to_json() {
        let c = drawing(
            r##"{"pick": {"@odata.type": "#microsoft.graph.circle", "radius": 1, "color": 2}}"##,
        );
        expect(&c, &[("$.pick.color", UnknownKey)]);
        assert_eq!(c.floats, ["$.pick.radius"]);
        let c = drawing(r##"{"pick": {"@odata.type": "#microsoft.graph.square", "side": 1}}"##);
        expect(&c, &[("$.pick", Json)]);
        let c = drawing(r##"{"pick": {"radius": 1}}"##);
        expect(&c, &[("$.pick", Json)]);
        let c = drawing(
            r##"{"extra": [{"@odata.type": "#microsoft.graph.note", "name": "n", "x": 1}, {"name": "n"}, 3, [null]], "missing": {"a": 1}}"##,
        );
        expect(
            &c,
            &[
                ("$.extra[0].x", UnknownKey),
                ("$.extra[1]", Json),
                ("$.extra[2]", Json),
                ("$.extra[3][0]", Json),
                ("$.missing", Json),
            ],
        );
        // `note` is an open type: its extra key is expected, not reported.
        assert!(c.said.is_empty(), "{:?}", c.said);
        // A value read as a documented type is checked as one.
        let c =
            drawing(r##"{"extra": {"@odata.type": "#microsoft.graph.square", "side": "wide"}}"##);
        assert_eq!(
            c.unreadable.as_deref(),
            Some("$.extra.side is a string where the docs document a 32-bit integer")
        );
    }

    #[test]
    fn nulls_are_absent_values_except_in_lists() {
        let c = drawing(
            r##"{"title": null, "main": null, "color": null, "shapes": [null], "extra": null}"##,
        );
        expect(&c, &[("$.shapes[0]", Json)]);
        let c = drawing(r##"{"notes": [null]}"##);
        assert_eq!(
            c.unreadable.as_deref(),
            Some("$.notes[0] is null where the docs document a value")
        );
        let c = drawing(r##"{"tags": [null]}"##);
        assert_eq!(
            c.unreadable.as_deref(),
            Some("$.tags[0] is null where the docs document a value")
        );
        let c = run(
            r##"[null, {"a": 1}]"##,
            TypeRef::Primitive(Primitive::Json),
            true,
        );
        expect(&c, &[]);
    }

    #[test]
    fn numbers_keep_their_kind_and_their_range() {
        let c = drawing(r##"{"weight": 2, "count": 9007199254740993, "tiny": -5}"##);
        expect(&c, &[]);
        assert_eq!(c.floats, ["$.weight"]);
        let c = drawing(r##"{"weight": 2.5}"##);
        assert!(c.floats.is_empty());
        // serde_json reads both as integers too: past `i64` as `u64`, below zero as `i64`.
        let c = drawing(
            r##"{"weight": 18446744073709551615, "pick": {"@odata.type": "#microsoft.graph.circle", "radius": -2}}"##,
        );
        assert_eq!(c.floats, ["$.weight", "$.pick.radius"]);
        let c = drawing(
            r##"{"level": 255, "offset": -32768, "ratio": 1, "at": "2019-04-16T09:30:00Z"}"##,
        );
        expect(&c, &[]);
        assert_eq!(c.floats, ["$.ratio"]);
        for (json, why) in [
            (
                r##"{"level": 256}"##,
                "$.level is a number where the docs document an integer from 0 to 255",
            ),
            (
                r##"{"offset": 40000}"##,
                "$.offset is a number where the docs document a 16-bit integer",
            ),
            (
                r##"{"ratio": "1"}"##,
                "$.ratio is a string where the docs document a number",
            ),
            (
                r##"{"at": 1555407000}"##,
                "$.at is a number where the docs document a string",
            ),
            (
                r##"{"tiny": 3000000000}"##,
                "$.tiny is a number where the docs document a 32-bit integer",
            ),
            (
                r##"{"count": 1.5}"##,
                "$.count is a number where the docs document a 64-bit integer",
            ),
            (
                r##"{"count": "1"}"##,
                "$.count is a string where the docs document a 64-bit integer",
            ),
            (
                r##"{"weight": "2"}"##,
                "$.weight is a string where the docs document a number",
            ),
            (
                r##"{"flags": "yes"}"##,
                "$.flags is a string where the docs document a boolean",
            ),
            (
                r##"{"title": 1}"##,
                "$.title is a number where the docs document a string",
            ),
            (
                r##"{"tags": "a"}"##,
                "$.tags is a string where the docs document a list",
            ),
            (
                r##"{"main": [1]}"##,
                "$.main is a list where the docs document an object",
            ),
        ] {
            let c = drawing(json);
            assert_eq!(c.unreadable.as_deref(), Some(why), "{json}");
            assert!(c.said.iter().any(|s| s == why), "{json}: {:?}", c.said);
        }
    }

    #[test]
    fn whole_bodies_are_read_as_the_generated_test_reads_them() {
        // A page: its items are checked, its own extra keys expected.
        let c = run(
            r##"{"@odata.context": "x", "@odata.nextLink": "y", "skip": 1, "value": [{"name": "a", "b": 1}]}"##,
            named("note"),
            true,
        );
        expect(&c, &[("$.skip", UnknownKey), ("$.value[0].b", UnknownKey)]);
        assert_eq!(c.shape, BodyShape::Page);
        // A bare list.
        let c = run(
            r##"[{"@odata.type": "#microsoft.graph.circle", "radius": 1}]"##,
            named("shape"),
            true,
        );
        expect(&c, &[]);
        assert_eq!(c.floats, ["$[0].radius"]);
        assert_eq!(c.shape, BodyShape::List);
        // A primitive result, wrapped.
        let c = run(
            r##"{"value": 3, "@odata.context": "x", "more": true}"##,
            TypeRef::Primitive(Primitive::Double),
            false,
        );
        expect(&c, &[("$.more", UnknownKey)]);
        assert_eq!(c.floats, ["$.value"]);
        assert_eq!(c.shape, BodyShape::Single);
        // An object type with a `value` property is no wrapper.
        let c = run(r##"{"value": 3}"##, named("note"), false);
        expect(&c, &[("$.value", UnknownKey)]);
        assert_eq!(c.shape, BodyShape::Plain);
        // A union at the top is any JSON.
        let c = run(
            r##"{"@odata.type": "#microsoft.graph.square", "side": 1}"##,
            TypeRef::Union(vec!["microsoft.graph.circle".into()]),
            false,
        );
        expect(&c, &[]);
        // A key given twice is one key.
        let c = drawing(r##"{"mood": 1, "mood": 2}"##);
        expect(&c, &[("$.mood", UnknownKey)]);
    }
}
