//! The part of `support` that reads and writes the generated types.
//!
//! Every object type implements `Object`, whose two methods list its properties once each;
//! every string enum lists its values once in a `VALUES` table. Serde, `Inspect`, equality,
//! ordering and the rest are written here once, generically, and `object!` and
//! `string_enum!` give each type the impls that must name it. This keeps the generated code
//! to what differs between types: a struct with 20 properties was about 300 lines of
//! serde_derive output, and is now 40 lines that rustc checks quickly.
//!
//! The functions of every generated type are `#[inline]`: rustc compiles them in the crate
//! that calls them, not in the generated crate, so that a build compiles the code its users
//! call and not all of Graph.

use proc_macro2::TokenStream;
use quote::quote;

pub fn items() -> TokenStream {
    quote! {
        /// A JSON object type, read and written property by property: each object type lists
        /// its properties here, and `object!` gives it its serde impls from this.
        ///
        /// Neither method returns an error: `properties` and `out` keep the first one, so
        /// that each property is one plain call (a `?` per property would be most of the
        /// code rustc checks).
        pub trait Object: ::std::marker::Sized {
            /// Takes the documented properties out of `properties`; what is left is kept as
            /// the type's `additional_properties`.
            fn read(properties: &mut Properties) -> Self;
            /// Writes each property that is not absent to `out`, and then the rest.
            fn write<W: Write>(&self, out: &mut W);
        }

        /// The properties of a JSON object being read, and the first property that did not
        /// fit its type; `Default` is `{}`.
        #[derive(Default)]
        pub struct Properties {
            rest: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
            error: ::std::option::Option<::serde_json::Error>,
        }

        impl Properties {
            /// Takes the property `key`: absent, `null`, or a value read as `T`. A value that
            /// does not fit is kept as the error of the whole read, and reads as absent.
            pub fn take<T: ::serde::de::DeserializeOwned>(&mut self, key: &str) -> Field<T> {
                let ::std::option::Option::Some(value) = self.rest.remove(key) else {
                    return Field::Absent;
                };
                match <Field<T> as ::serde::Deserialize>::deserialize(value) {
                    ::std::result::Result::Ok(field) => field,
                    ::std::result::Result::Err(e) => {
                        if self.error.is_none() {
                            self.error = ::std::option::Option::Some(<::serde_json::Error as ::serde::de::Error>::custom(::std::format!("`{key}`: {e}")));
                        }
                        Field::Absent
                    }
                }
            }

            /// The properties not taken, as they arrived.
            pub fn rest(&mut self) -> ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value> {
                ::std::mem::take(&mut self.rest)
            }
        }

        /// Where an [`Object`] writes its properties: a serializer, a debug listing or an
        /// inspection. A writer that fails keeps its first error and ignores what follows.
        pub trait Write {
            /// Writes the property `key` unless it is absent.
            fn field<T: ::serde::Serialize + Inspect + ::std::fmt::Debug>(&mut self, key: &str, value: &Field<T>);
            /// Writes the properties the docs do not list, and the annotations.
            fn rest(&mut self, rest: &::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>);
        }

        struct Serializing<M: ::serde::ser::SerializeMap> {
            map: M,
            error: ::std::option::Option<M::Error>,
        }

        impl<M: ::serde::ser::SerializeMap> Serializing<M> {
            fn entry<V: ::serde::Serialize + ?::std::marker::Sized>(&mut self, key: &str, value: &V) {
                if self.error.is_none() {
                    self.error = self.map.serialize_entry(key, value).err();
                }
            }
        }

        impl<M: ::serde::ser::SerializeMap> Write for Serializing<M> {
            fn field<T: ::serde::Serialize + Inspect + ::std::fmt::Debug>(&mut self, key: &str, value: &Field<T>) {
                if !value.is_absent() {
                    self.entry(key, value);
                }
            }

            fn rest(&mut self, rest: &::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>) {
                for (key, value) in rest {
                    self.entry(key, value);
                }
            }
        }

        struct Inspecting<'a> {
            at: &'a str,
            out: &'a mut ::std::vec::Vec<Fallback>,
        }

        impl Write for Inspecting<'_> {
            fn field<T: ::serde::Serialize + Inspect + ::std::fmt::Debug>(&mut self, key: &str, value: &Field<T>) {
                value.inspect_at(self.at, key, self.out);
            }

            fn rest(&mut self, rest: &::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>) {
                inspect_additional(rest, self.at, self.out);
            }
        }

        /// `Inspect` of an object type: each property that has a value, and the rest.
        pub fn inspect_object<T: Object>(value: &T, at: &str, out: &mut ::std::vec::Vec<Fallback>) {
            value.write(&mut Inspecting { at, out });
        }

        struct Debugging<'a, 'b>(::std::fmt::DebugStruct<'a, 'b>);

        impl Write for Debugging<'_, '_> {
            fn field<T: ::serde::Serialize + Inspect + ::std::fmt::Debug>(&mut self, key: &str, value: &Field<T>) {
                self.0.field(key, value);
            }

            fn rest(&mut self, rest: &::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>) {
                self.0.field("additional_properties", rest);
            }
        }

        /// `Debug` of an object type: its properties by their names in Graph.
        pub fn debug_object<T: Object>(value: &T, name: &str, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            let mut out = Debugging(f.debug_struct(name));
            value.write(&mut out);
            out.0.finish()
        }

        /// `Serialize` of an object type: its properties as a JSON object.
        pub fn serialize_object<T: Object, S: ::serde::Serializer>(value: &T, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
            let map = ::serde::Serializer::serialize_map(serializer, ::std::option::Option::None)?;
            let mut out = Serializing { map, error: ::std::option::Option::None };
            value.write(&mut out);
            match out.error {
                ::std::option::Option::Some(e) => ::std::result::Result::Err(e),
                ::std::option::Option::None => ::serde::ser::SerializeMap::end(out.map),
            }
        }

        /// `Deserialize` of an object type: a JSON object, read property by property.
        pub fn deserialize_object<'de, T: Object, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<T, D::Error> {
            let rest = <::std::collections::BTreeMap<::std::string::String, ::serde_json::Value> as ::serde::Deserialize>::deserialize(deserializer)?;
            let mut properties = Properties { rest, error: ::std::option::Option::None };
            let value = T::read(&mut properties);
            match properties.error {
                ::std::option::Option::Some(e) => ::std::result::Result::Err(<D::Error as ::serde::de::Error>::custom(e)),
                ::std::option::Option::None => ::std::result::Result::Ok(value),
            }
        }

        /// An object with every property absent: what its `Object` impl reads from `{}`.
        pub fn empty_object<T: Object>() -> T {
            T::read(&mut Properties::default())
        }

        /// `Default`, `Serialize`, `Deserialize`, `Inspect` and `Debug` of an object type,
        /// through its [`Object`] impl: one call each, where a derive would touch every field
        /// (the compiler checks each such body, in every type).
        /// Expanded in a `types` or `requests` module, where `super::support` is this module.
        #[allow(unused_macros)]
        macro_rules! object {
            ($name:ident) => {
                impl ::std::default::Default for $name {
                    #[inline]
                    fn default() -> Self {
                        super::support::empty_object()
                    }
                }

                impl ::serde::Serialize for $name {
                    #[inline]
                    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                        super::support::serialize_object(self, serializer)
                    }
                }

                impl<'de> ::serde::Deserialize<'de> for $name {
                    #[inline]
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                        super::support::deserialize_object(deserializer)
                    }
                }

                impl super::support::Inspect for $name {
                    #[inline]
                    fn inspect(&self, at: &str, out: &mut ::std::vec::Vec<super::support::Fallback>) {
                        super::support::inspect_object(self, at, out)
                    }
                }

                impl ::std::fmt::Debug for $name {
                    #[inline]
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        super::support::debug_object(self, stringify!($name), f)
                    }
                }
            };
            ($name:ident, $odata_type:literal) => {
                super::support::object!($name);

                impl $name {
                    /// The type's name in Graph, as `@odata.type` gives it (without the `#`).
                    pub const ODATA_TYPE: &'static str = $odata_type;
                }

                impl super::support::Typed for $name {
                    #[inline]
                    fn odata_type(&self) -> &'static str {
                        $odata_type
                    }

                    #[inline]

                    fn additional_properties(&self) -> &::std::collections::BTreeMap<::std::string::String, ::serde_json::Value> {
                        &self.additional_properties
                    }

                    #[inline]

                    fn to_value(&self) -> ::serde_json::Result<::serde_json::Value> {
                        ::serde_json::to_value(self)
                    }
                }
            };
        }
        #[allow(unused_imports)]
        pub(crate) use object;

        /// A documented object type, seen through an enum over several (`Resource`, a
        /// family such as `AnyEntity`): its Graph name, its JSON, and what it did not
        /// understand. `object!` implements it for every documented type.
        pub trait Typed: Inspect + ::std::fmt::Debug {
            /// The type's name in Graph (`microsoft.graph.call`).
            fn odata_type(&self) -> &'static str;
            /// Properties the docs do not list, and `@odata.*` annotations.
            fn additional_properties(&self) -> &::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>;
            /// The value as JSON.
            fn to_value(&self) -> ::serde_json::Result<::serde_json::Value>;
        }

        /// Reads `value` as `T` into the variant `wrap`, or keeps it with serde's error.
        pub fn read_as<T: ::serde::de::DeserializeOwned, E>(value: ::serde_json::Value, wrap: fn(::std::boxed::Box<T>) -> E) -> ::std::result::Result<E, Unread> {
            match <T as ::serde::Deserialize>::deserialize(&value) {
                ::std::result::Result::Ok(typed) => ::std::result::Result::Ok(wrap(::std::boxed::Box::new(typed))),
                ::std::result::Result::Err(e) => ::std::result::Result::Err(Unread::new(value, ::std::option::Option::Some(e))),
            }
        }

        /// `Serialize` of a value seen as [`Typed`].
        pub fn serialize_typed<S: ::serde::Serializer>(typed: &dyn Typed, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
            let value = typed.to_value().map_err(<S::Error as ::serde::ser::Error>::custom)?;
            ::serde::Serialize::serialize(&value, serializer)
        }

        /// What a value read through a family did not understand: a value read as its base
        /// type although its `@odata.type` names another, and what the value itself holds.
        pub fn inspect_typed(typed: &dyn Typed, at: &str, out: &mut ::std::vec::Vec<Fallback>) {
            inspect_base(typed.additional_properties(), typed.odata_type(), at, out);
            typed.inspect(at, out);
        }

        /// The impls of an enum over object types told apart by `@odata.type`, from its
        /// `read` and `typed` (see `union_enum` in the generator). Expanded in a `types`
        /// module, where `super::support` is this module.
        #[allow(unused_macros)]
        macro_rules! family {
            ($name:ident) => {
                impl $name {
                    /// The Graph name of the value's type, unless it was kept as JSON.
                    #[inline]
                    pub fn odata_type(&self) -> ::std::option::Option<&'static str> {
                        self.typed().map(|typed| typed.odata_type())
                    }
                }

                impl ::std::fmt::Debug for $name {
                    #[inline]
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        match (self.typed(), self) {
                            (::std::option::Option::Some(typed), _) => ::std::fmt::Debug::fmt(typed, f),
                            (::std::option::Option::None, $name::Other(unread)) => f.debug_tuple("Other").field(unread).finish(),
                            (::std::option::Option::None, _) => ::std::result::Result::Ok(()),
                        }
                    }
                }

                impl super::support::Inspect for $name {
                    #[inline]
                    fn inspect(&self, at: &str, out: &mut ::std::vec::Vec<super::support::Fallback>) {
                        match (self.typed(), self) {
                            (::std::option::Option::Some(typed), _) => super::support::inspect_typed(typed, at, out),
                            (::std::option::Option::None, $name::Other(unread)) => unread.inspect(at, out),
                            (::std::option::Option::None, _) => {}
                        }
                    }
                }

                impl ::serde::Serialize for $name {
                    #[inline]
                    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                        match (self.typed(), self) {
                            (::std::option::Option::Some(typed), _) => super::support::serialize_typed(typed, serializer),
                            (::std::option::Option::None, $name::Other(unread)) => ::serde::Serialize::serialize(unread, serializer),
                            (::std::option::Option::None, _) => serializer.serialize_none(),
                        }
                    }
                }

                impl<'de> ::serde::Deserialize<'de> for $name {
                    #[inline]
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                        let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                        let kind = super::support::odata_type(&value).unwrap_or_default();
                        ::std::result::Result::Ok($name::read(&kind, value).unwrap_or_else($name::Other))
                    }
                }
            };
        }
        #[allow(unused_imports)]
        pub(crate) use family;

        /// The [`Request`] impl, the constructor and the named types of a request type: its
        /// path type and body type (`CallRedirect(CallRedirectPath, body: CallRedirectBody)`;
        /// `GroupGet(GroupGetPath = GroupPath)` makes `GroupGetPath` an alias of the path enum
        /// it shares, and `body: ACreateBody as BCreateBody` makes `BCreateBody` an alias of
        /// the body struct it shares), its method (a [`Method`] variant), the status the docs give for success
        /// (`Some(202)` or `None`), how a successful body reads and the alias that names it
        /// (`read_none as CallRedirectResponse = ()`, `read_json as CallGetResponse =
        /// types::Call`), and, after a `;`, whether it has `query` parameters. Expanded in a
        /// `requests` module, where `super::support` is this module and `API_VERSION` the
        /// module's version.
        #[allow(unused_macros)]
        macro_rules! request {
            ($name:ident($path:ident $(= $shared:ident)? $(, $body:ident: $body_ty:ty $(as $body_alias:ident)?)?), $method:ident, $status:expr, $read:ident as $response:ident = $response_ty:ty $(; $query:ident)?) => {
                $(
                    #[doc = concat!(" The paths of [`", stringify!($name), "`], with their parameters: an enum that the requests with the same paths share.")]
                    pub type $path = $shared;
                )?
                $($(
                    #[doc = concat!(" The JSON body of [`", stringify!($name), "`]: [`", stringify!($body_ty), "`], which the requests with the same body share.")]
                    pub type $body_alias = $body_ty;
                )?)?

                #[doc = concat!(" What a successful [`", stringify!($name), "`] returns.")]
                pub type $response = $response_ty;

                impl $name {
                    /// The request on `path`, with its body if it has one; its documented
                    /// query parameters, if any, start unset. Request types are
                    /// `#[non_exhaustive]`, so that what the docs add later stays additive.
                    #[inline]
                    pub fn new(path: $path $(, $body: $body_ty)?) -> Self {
                        Self { path $(, $body)? $(, $query: ::std::default::Default::default())? }
                    }
                }

                impl super::support::Request for $name {
                    const METHOD: super::support::Method = super::support::Method::$method;
                    const EXPECTED_STATUS: ::std::option::Option<u16> = $status;
                    const API_VERSION: &'static str = API_VERSION;
                    type Response = $response;

                    #[inline]
                    fn path(&self) -> ::std::string::String {
                        self.path.to_path()
                    }

                    #[inline]
                    fn read_response(body: &[u8]) -> ::serde_json::Result<$response> {
                        super::support::$read(body)
                    }

                    $(
                        #[inline]
                        fn body_json(&self) -> ::std::option::Option<::serde_json::Result<::std::vec::Vec<u8>>> {
                            ::std::option::Option::Some(::serde_json::to_vec(&self.$body))
                        }
                    )?

                    $(
                        #[inline]
                        fn query_params(&self) -> ::std::vec::Vec<(&'static str, ::std::string::String)> {
                            super::support::QueryParams::pairs(&self.$query)
                        }
                    )?
                }

                impl ::std::fmt::Debug for $name {
                    #[inline]
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.debug_struct(stringify!($name))
                            .field("path", &self.path)
                            $(.field(stringify!($body), &self.$body))?
                            $(.field(stringify!($query), &self.$query))?
                            .finish()
                    }
                }
            };
        }
        #[allow(unused_imports)]
        pub(crate) use request;

        /// The documented wire value of a documented variant, from the enum's `VALUES`.
        pub fn wire_value<T>(variant: &T, values: &'static [(&'static str, T)]) -> &'static str {
            let wanted = ::std::mem::discriminant(variant);
            values
                .iter()
                .find(|(_, v)| ::std::mem::discriminant(v) == wanted)
                .map_or("", |(wire, _)| wire)
        }

        /// The documented variant `value` reads as, and whether it is spelled as documented:
        /// the exact spelling first (values may differ in case only), then any case, the
        /// first listed.
        pub fn find_value<T>(value: &str, values: &'static [(&'static str, T)]) -> ::std::option::Option<(&'static T, bool)> {
            values
                .iter()
                .find(|(wire, _)| *wire == value)
                .map(|(_, v)| (v, true))
                .or_else(|| values.iter().find(|(wire, _)| wire.eq_ignore_ascii_case(value)).map(|(_, v)| (v, false)))
        }

        /// The impls of a string enum, from its `VALUES` table. `described` names the enum in
        /// reports of values the docs do not list.
        ///
        /// Graph reads enum values whatever their case and sends some in another case than
        /// the docs (`html` for `HTML`). Such a value is read as its documented variant,
        /// wrapped in `Respelled` with the spelling that arrived, so that it is written back
        /// as it came; it equals the variant (`==`, `Hash` and `Ord` compare the documented
        /// value), and `documented()` gives the variant to match on.
        ///
        /// Expanded in a `types` or `requests` module, where `super::support` is this module.
        #[allow(unused_macros)]
        macro_rules! string_enum {
            ($name:ident, $described:literal) => {
                impl $name {
                    /// The value as it is sent on the wire: as it arrived, for a value that was read.
                    #[inline]
                    pub fn as_str(&self) -> &str {
                        match self {
                            $name::Respelled(_, spelling) => spelling,
                            $name::Other(value) => value,
                            documented => super::support::wire_value(documented, $name::VALUES),
                        }
                    }

                    /// The documented value: the variant a respelled value was read as, else
                    /// `self`. Match on this to treat every spelling of a value alike.
                    #[inline]
                    pub fn documented(&self) -> &Self {
                        match self {
                            $name::Respelled(value, _) => value.documented(),
                            value => value,
                        }
                    }
                }

                impl ::std::convert::From<&str> for $name {
                    #[inline]
                    fn from(value: &str) -> Self {
                        match super::support::find_value(value, $name::VALUES) {
                            ::std::option::Option::Some((documented, true)) => documented.clone(),
                            ::std::option::Option::Some((documented, false)) => $name::Respelled(
                                ::std::boxed::Box::new(documented.clone()),
                                ::std::string::ToString::to_string(value),
                            ),
                            ::std::option::Option::None => $name::Other(::std::string::ToString::to_string(value)),
                        }
                    }
                }

                impl super::support::Inspect for $name {
                    #[inline]
                    fn inspect(&self, at: &str, out: &mut ::std::vec::Vec<super::support::Fallback>) {
                        if let $name::Other(value) = self {
                            out.push(super::support::Fallback {
                                path: at.into(),
                                kind: super::support::FallbackKind::OtherValue,
                                detail: ::std::format!("`{value}` is not a documented value of `{}`", $described),
                            });
                        }
                    }
                }

                impl ::std::cmp::PartialEq for $name {
                    #[inline]
                    fn eq(&self, other: &Self) -> bool {
                        self.documented().as_str() == other.documented().as_str()
                    }
                }

                impl ::std::cmp::Eq for $name {}

                impl ::std::hash::Hash for $name {
                    #[inline]
                    fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                        ::std::hash::Hash::hash(self.documented().as_str(), state)
                    }
                }

                impl ::std::cmp::PartialOrd for $name {
                    #[inline]
                    fn partial_cmp(&self, other: &Self) -> ::std::option::Option<::std::cmp::Ordering> {
                        ::std::option::Option::Some(::std::cmp::Ord::cmp(self, other))
                    }
                }

                impl ::std::cmp::Ord for $name {
                    #[inline]
                    fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
                        ::std::cmp::Ord::cmp(self.documented().as_str(), other.documented().as_str())
                    }
                }

                impl ::std::fmt::Display for $name {
                    #[inline]
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(self.as_str())
                    }
                }

                impl ::serde::Serialize for $name {
                    #[inline]
                    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                        serializer.serialize_str(self.as_str())
                    }
                }

                impl<'de> ::serde::Deserialize<'de> for $name {
                    #[inline]
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                        let value = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                        ::std::result::Result::Ok($name::from(value.as_str()))
                    }
                }
            };
        }
        #[allow(unused_imports)]
        pub(crate) use string_enum;
    }
}
