//! The `support` module of every generated crate: the few pieces all generated types share.
//! Written once here as a syntax tree, so the generated crate depends on serde alone.

use proc_macro2::TokenStream;
use quote::quote;

/// The module, which re-exports the derives of `derive_crate` (see
/// [`crate::emit::support_derive`]).
pub fn module(derive_crate: &str) -> TokenStream {
    let derive = {
        let c = crate::emit::types::ident(derive_crate);
        quote! {
            /// `#[derive(Object)]` makes a generated struct's [`Object`] impl from its
            /// fields, `#[derive(Path)]` a path enum's `to_path` from its templates, and
            /// `#[derive(Dispatch)]` an enum's reading by `@odata.type` and its `typed()`.
            pub use #c::{Dispatch, Object, Path};
        }
    };
    let text_types = crate::emit::text_types::module();
    let serde_items = crate::emit::support_serde::items();
    let http_items = crate::emit::support_http::items();
    let client = crate::emit::support_client::items();
    quote! {
        #derive

        /// A property as it arrived: absent, explicitly `null`, or a value.
        ///
        /// Graph tells "not sent" apart from "sent as null" (a `PATCH` with `null` clears a
        /// property), so both are kept and written back as they were.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Field<T> {
            /// The property was not in the JSON.
            Absent,
            /// The property was `null`.
            Null,
            /// The property had a value.
            Value(T),
        }

        impl<T> Field<T> {
            /// The value, if there is one.
            pub fn value(&self) -> ::std::option::Option<&T> {
                match self {
                    Field::Value(value) => ::std::option::Option::Some(value),
                    _ => ::std::option::Option::None,
                }
            }

            /// The value, mutably, if there is one.
            pub fn value_mut(&mut self) -> ::std::option::Option<&mut T> {
                match self {
                    Field::Value(value) => ::std::option::Option::Some(value),
                    _ => ::std::option::Option::None,
                }
            }

            /// Whether the property was not in the JSON; such a property is not written back.
            pub fn is_absent(&self) -> bool {
                matches!(self, Field::Absent)
            }

            /// Whether the property was explicitly `null`.
            pub fn is_null(&self) -> bool {
                matches!(self, Field::Null)
            }
        }

        // Not derived: that would ask `T: Default`, which the enums over derived types are not.
        #[allow(clippy::derivable_impls)]
        impl<T> ::std::default::Default for Field<T> {
            fn default() -> Self {
                Field::Absent
            }
        }

        /// Builds a value of a generated type: its defaults, then what `set` sets. Generated
        /// types are `#[non_exhaustive]`, so that a property Graph adds is no breaking
        /// change, and other crates build them this way rather than with a struct literal:
        /// `Identity::build(|i| i.id = Field::Value("550fae72".into()))`.
        pub trait Build: ::std::default::Default {
            #[inline]
            fn build(set: impl ::std::ops::FnOnce(&mut Self)) -> Self {
                let mut value = Self::default();
                set(&mut value);
                value
            }
        }

        impl<T: Object + ::std::default::Default> Build for T {}

        impl<T> ::std::convert::From<T> for Field<T> {
            fn from(value: T) -> Self {
                Field::Value(value)
            }
        }

        impl<T: ::serde::Serialize> ::serde::Serialize for Field<T> {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    Field::Value(value) => value.serialize(serializer),
                    _ => serializer.serialize_none(),
                }
            }
        }

        impl<'de, T: ::serde::Deserialize<'de>> ::serde::Deserialize<'de> for Field<T> {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value: ::std::option::Option<T> = ::serde::Deserialize::deserialize(deserializer)?;
                ::std::result::Result::Ok(match value {
                    ::std::option::Option::Some(value) => Field::Value(value),
                    ::std::option::Option::None => Field::Null,
                })
            }
        }

        /// The members of a JSON object, by name: what a type holds beyond its documented
        /// properties.
        pub type JsonObject = ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>;

        /// One page of a collection, as list operations return it.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Page<T> {
            /// The items on this page.
            pub value: Field<::std::vec::Vec<T>>,
            /// Where the next page is; absent on the last page.
            pub next_link: Field<::std::string::String>,
            /// `@odata.context`, `@odata.count` and anything else that came with the page.
            pub additional_properties: JsonObject,
        }

        impl<T> ::std::default::Default for Page<T> {
            fn default() -> Self {
                Page {
                    value: Field::Absent,
                    next_link: Field::Absent,
                    additional_properties: ::std::collections::BTreeMap::new(),
                }
            }
        }

        impl<T: ::serde::de::DeserializeOwned + ::serde::Serialize + Inspect + ::std::fmt::Debug> Object for Page<T> {
            fn read(properties: &mut Properties) -> Self {
                Page {
                    value: properties.take("value"),
                    next_link: properties.take("@odata.nextLink"),
                    additional_properties: properties.rest(),
                }
            }

            fn write<W: Write>(&self, out: &mut W) {
                out.field("value", &self.value);
                out.field("@odata.nextLink", &self.next_link);
                out.rest(&self.additional_properties);
            }
        }

        impl<T: ::serde::de::DeserializeOwned + ::serde::Serialize + Inspect + ::std::fmt::Debug> ::serde::Serialize for Page<T> {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serialize_object(self, serializer)
            }
        }

        impl<'de, T: ::serde::de::DeserializeOwned + ::serde::Serialize + Inspect + ::std::fmt::Debug> ::serde::Deserialize<'de> for Page<T> {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                deserialize_object(deserializer)
            }
        }

        impl<T: ::serde::de::DeserializeOwned + ::serde::Serialize + Inspect + ::std::fmt::Debug> Inspect for Page<T> {
            fn inspect(&self, at: &str, out: &mut ::std::vec::Vec<Fallback>) {
                inspect_object(self, at, out)
            }
        }

        /// A single value as functions and actions return it: `{"value": ...}`.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Single<T> {
            /// The value.
            pub value: Field<T>,
            /// `@odata.context` and anything else that came with it.
            pub additional_properties: JsonObject,
        }

        impl<T: ::serde::de::DeserializeOwned + ::serde::Serialize + Inspect + ::std::fmt::Debug> Object for Single<T> {
            fn read(properties: &mut Properties) -> Self {
                Single {
                    value: properties.take("value"),
                    additional_properties: properties.rest(),
                }
            }

            fn write<W: Write>(&self, out: &mut W) {
                out.field("value", &self.value);
                out.rest(&self.additional_properties);
            }
        }

        impl<T: ::serde::de::DeserializeOwned + ::serde::Serialize + Inspect + ::std::fmt::Debug> ::serde::Serialize for Single<T> {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serialize_object(self, serializer)
            }
        }

        impl<'de, T: ::serde::de::DeserializeOwned + ::serde::Serialize + Inspect + ::std::fmt::Debug> ::serde::Deserialize<'de> for Single<T> {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                deserialize_object(deserializer)
            }
        }

        impl<T: ::serde::de::DeserializeOwned + ::serde::Serialize + Inspect + ::std::fmt::Debug> Inspect for Single<T> {
            fn inspect(&self, at: &str, out: &mut ::std::vec::Vec<Fallback>) {
                inspect_object(self, at, out)
            }
        }

        /// The `@odata.type` of a JSON object, lowercased and without the leading `#`.
        pub fn odata_type(value: &::serde_json::Value) -> ::std::option::Option<::std::string::String> {
            let name = value.get("@odata.type")?.as_str()?;
            ::std::option::Option::Some(name.trim_start_matches('#').to_ascii_lowercase())
        }

        /// JSON that could not be read as a documented type, and why; written back as it arrived.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Unread {
            /// The value as it arrived.
            pub value: ::serde_json::Value,
            /// Why no documented type read it: no `@odata.type`, one that names no documented
            /// type, or the error of the type it names.
            pub reason: ::std::string::String,
        }

        impl ::serde::Serialize for Unread {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                self.value.serialize(serializer)
            }
        }

        /// What kind of thing a value held that the generated types did not understand.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum FallbackKind {
            /// A key the docs do not document for the type, kept in `additional_properties`.
            UnknownKey,
            /// A string the docs do not list among an enum's values, in any case, kept as `Other`.
            OtherValue,
            /// A value read as its base type although its `@odata.type` names another type.
            ReadAsBase,
            /// A value kept as plain JSON ([`Unread`]) instead of a documented type.
            Json,
        }

        /// One thing a value held that the generated types did not understand, and where.
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
        pub struct Fallback {
            /// JSON path of the value: `$.targets[0].identity`.
            pub path: ::std::string::String,
            pub kind: FallbackKind,
            /// The key, the value, or the reason, for people to read.
            pub detail: ::std::string::String,
        }

        impl ::std::fmt::Display for Fallback {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let what = match self.kind {
                    FallbackKind::UnknownKey => "undocumented key kept in `additional_properties`",
                    FallbackKind::OtherValue => "value the docs do not list, kept as `Other`",
                    FallbackKind::ReadAsBase => "read as its base type",
                    FallbackKind::Json => "kept as plain JSON",
                };
                write!(f, "{}: {what}: {}", self.path, self.detail)
            }
        }

        /// Walks a typed value for what the generated types did not understand: undocumented
        /// keys, enum values the docs do not list, derived values read as their base, values
        /// kept as plain JSON. Nothing is computed until it is called.
        pub trait Inspect {
            /// Adds to `out` what `self`, found at JSON path `at`, did not understand.
            fn inspect(&self, at: &str, out: &mut ::std::vec::Vec<Fallback>);

            /// Everything in `self` that was not understood, at every depth.
            fn fallbacks(&self) -> ::std::vec::Vec<Fallback> {
                let mut out = ::std::vec::Vec::new();
                self.inspect("$", &mut out);
                out
            }
        }

        /// Whether a key is an OData annotation (`@odata.type`, `members@odata.bind`), which
        /// every type carries and none documents.
        pub fn is_annotation(key: &str) -> bool {
            key.contains("@odata.")
        }

        /// Reports every key of `additional` that is no annotation.
        pub fn inspect_additional(
            additional: &::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
            at: &str,
            out: &mut ::std::vec::Vec<Fallback>,
        ) {
            for key in additional.keys().filter(|k| !is_annotation(k)) {
                out.push(Fallback {
                    path: ::std::format!("{at}.{key}"),
                    kind: FallbackKind::UnknownKey,
                    detail: key.clone(),
                });
            }
        }

        /// Reports a derived value read as `base`: its `@odata.type` names another type.
        pub fn inspect_base(
            additional: &::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
            base: &str,
            at: &str,
            out: &mut ::std::vec::Vec<Fallback>,
        ) {
            let named = additional.get("@odata.type").and_then(|t| t.as_str()).unwrap_or_default();
            let name = named.trim_start_matches('#');
            if !name.is_empty() && !name.eq_ignore_ascii_case(base) {
                out.push(Fallback {
                    path: at.into(),
                    kind: FallbackKind::ReadAsBase,
                    detail: ::std::format!("`@odata.type` `{named}` names no type derived from `{base}` that the docs document"),
                });
            }
        }

        impl Inspect for Unread {
            fn inspect(&self, at: &str, out: &mut ::std::vec::Vec<Fallback>) {
                out.push(Fallback { path: at.into(), kind: FallbackKind::Json, detail: self.reason.clone() });
            }
        }

        impl Unread {
            /// Why `value` was read by no documented type: `error` from the type it names, if any.
            pub fn new(value: ::serde_json::Value, error: ::std::option::Option<::serde_json::Error>) -> Self {
                let named = value.get("@odata.type").and_then(|t| t.as_str()).map(::std::string::ToString::to_string);
                let reason = match (named, error) {
                    (::std::option::Option::Some(named), ::std::option::Option::Some(error)) => ::std::format!("does not fit `{named}`: {error}"),
                    (::std::option::Option::Some(named), ::std::option::Option::None) => ::std::format!("`@odata.type` `{named}` names no type documented here"),
                    (::std::option::Option::None, _) if !value.is_object() => "not an object".into(),
                    (::std::option::Option::None, _) => "no `@odata.type`".into(),
                };
                Unread { value, reason }
            }
        }

        impl<T: Inspect> Field<T> {
            /// Inspects the value of the property `key`, if it has one.
            pub fn inspect_at(&self, at: &str, key: &str, out: &mut ::std::vec::Vec<Fallback>) {
                if let Field::Value(value) = self {
                    value.inspect(&::std::format!("{at}.{key}"), out);
                }
            }
        }

        impl<T: Inspect> Inspect for ::std::vec::Vec<T> {
            fn inspect(&self, at: &str, out: &mut ::std::vec::Vec<Fallback>) {
                for (i, item) in self.iter().enumerate() {
                    item.inspect(&::std::format!("{at}[{i}]"), out);
                }
            }
        }

        impl<T: Inspect> Inspect for ::std::boxed::Box<T> {
            fn inspect(&self, at: &str, out: &mut ::std::vec::Vec<Fallback>) {
                (**self).inspect(at, out)
            }
        }

        /// Primitives and documented-as-any JSON hold nothing to understand.
        macro_rules! understood {
            ($($t:ty),*) => {
                $(impl Inspect for $t {
                    fn inspect(&self, _: &str, _: &mut ::std::vec::Vec<Fallback>) {}
                })*
            };
        }
        understood!(bool, u8, i8, i16, i32, i64, f32, f64, ::std::string::String, ::serde_json::Value, Guid, DateTimeOffset, Date, TimeOfDay, Duration);

        #text_types

        #serde_items

        #http_items

        #client
    }
}
