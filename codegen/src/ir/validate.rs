//! Checks an example's JSON against its documented type, before any test is generated.
//!
//! What the generated types keep anyway (an unknown property on a closed type, a value
//! outside an enum) is reported; what they cannot read (a string where a number is
//! documented) is reported and makes the example untestable, with that reason.

use crate::diag::{Code, Diagnostic, Severity};
use crate::ir::model::{Property, TypeKind, TypeRef, TypeSpace};
use crate::ir::typeref::Primitive;
use crate::parse::json::{Json, JsonValue};
use crate::source::Span;

pub struct Checker<'a> {
    pub types: &'a TypeSpace,
    /// Span of the JSON text that the values' spans are relative to.
    pub base: Span,
    pub diags: Vec<Diagnostic>,
    /// The first problem the generated types cannot read, if any.
    pub unreadable: Option<String>,
}

impl<'a> Checker<'a> {
    pub fn new(types: &'a TypeSpace, base: Span) -> Checker<'a> {
        Checker {
            types,
            base,
            diags: Vec::new(),
            unreadable: None,
        }
    }

    pub fn check(&mut self, value: &Json, ty: &TypeRef, collection: bool, path: &str) {
        if matches!(value.value, JsonValue::Null) {
            return;
        }
        // A primitive result arrives wrapped: `{"value": true}` (a whole body only).
        let whole_body = path == "$";
        if let (TypeRef::Primitive(_), false, Some(inner), true) =
            (ty, collection, value.get("value"), whole_body)
        {
            if matches!(value.value, JsonValue::Object(_)) {
                return self.check(inner, ty, false, &format!("{path}.value"));
            }
        }
        if collection {
            // A collection response arrives as a page: `{"value": [...], "@odata.nextLink": ...}`.
            if let Some(items) = value
                .get("value")
                .filter(|_| whole_body && matches!(value.value, JsonValue::Object(_)))
            {
                return self.check(items, ty, true, &format!("{path}.value"));
            }
            match &value.value {
                JsonValue::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.check(item, ty, false, &format!("{path}[{i}]"));
                    }
                }
                _ => self.wrong(value, path, "a list"),
            }
            return;
        }
        match ty {
            TypeRef::Primitive(p) => self.primitive(value, *p, path),
            TypeRef::Named(key) => match self.types.get(key).map(|t| (&t.kind, t)) {
                Some((TypeKind::Object(o), def)) => {
                    let open = o.open_type || derived_type_named(value, key);
                    self.object(value, &o.properties, open, &def.name, path);
                }
                Some((TypeKind::Enum(e), def)) => {
                    let JsonValue::String(s) = &value.value else {
                        return self.wrong(value, path, "a string");
                    };
                    if !e.members.iter().any(|m| &m.wire == s) {
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
                None => {}
            },
            // Unions and open JSON fall back to plain JSON: anything is readable.
            TypeRef::Union(_) | TypeRef::Any => {}
        }
    }

    /// An object with the given properties (a type's, or a request body's).
    pub fn object(
        &mut self,
        value: &Json,
        properties: &[Property],
        open: bool,
        name: &str,
        path: &str,
    ) {
        let JsonValue::Object(members) = &value.value else {
            return self.wrong(value, path, "an object");
        };
        for m in members {
            // `@odata.*` and `prop@odata.bind` annotations belong to every type.
            if m.key.contains('@') {
                continue;
            }
            match properties.iter().find(|p| p.name == m.key) {
                Some(p) => self.check(&m.value, &p.ty, p.collection, &format!("{path}.{}", m.key)),
                None if !open => self.diags.push(
                    Diagnostic::new(
                        Code::ExampleMismatch,
                        Some(self.base.sub(m.key_span.clone())),
                        format!("`{}` is not a documented property of `{name}`", m.key),
                    )
                    .label("kept in `additional_properties`")
                    .severity(Severity::Note),
                ),
                None => {}
            }
        }
    }

    fn primitive(&mut self, value: &Json, p: Primitive, path: &str) {
        let ok = match (p, &value.value) {
            (Primitive::Json, _) => true,
            (Primitive::Boolean, JsonValue::Bool(_)) => true,
            (Primitive::Int32, JsonValue::Number(n)) => n.parse::<i32>().is_ok(),
            (Primitive::Int64, JsonValue::Number(n)) => n.parse::<i64>().is_ok(),
            (Primitive::Double, JsonValue::Number(_)) => true,
            (Primitive::Boolean | Primitive::Int32 | Primitive::Int64 | Primitive::Double, _) => {
                false
            }
            (_, JsonValue::String(_)) => true,
            _ => false,
        };
        if !ok {
            let expected = match p {
                Primitive::Boolean => "a boolean",
                Primitive::Int32 => "a 32-bit integer",
                Primitive::Int64 => "a 64-bit integer",
                Primitive::Double => "a number",
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

/// A value whose `@odata.type` names another type than the documented one: its extra
/// properties belong to that type.
fn derived_type_named(value: &Json, key: &str) -> bool {
    value
        .get("@odata.type")
        .and_then(|t| t.as_str())
        .is_some_and(|t| crate::ir::resolve::type_key(t) != key)
}
