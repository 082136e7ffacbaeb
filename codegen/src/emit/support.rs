//! The `support` module of every generated crate: the few pieces all generated types share.
//! Written once here as a syntax tree, so the generated crate depends on serde alone.

use proc_macro2::TokenStream;
use quote::quote;

pub fn module() -> TokenStream {
    quote! {
        /// A property as it arrived: absent, explicitly `null`, or a value.
        ///
        /// Graph tells "not sent" apart from "sent as null" (a `PATCH` with `null` clears a
        /// property), so both are kept and written back as they were.
        #[derive(Debug, Clone, PartialEq, Default)]
        pub enum Field<T> {
            /// The property was not in the JSON.
            #[default]
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

        /// One page of a collection, as list operations return it.
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct Page<T> {
            /// The items on this page.
            #[serde(rename = "value", default, skip_serializing_if = "Field::is_absent")]
            pub value: Field<::std::vec::Vec<T>>,
            /// Where the next page is; absent on the last page.
            #[serde(rename = "@odata.nextLink", default, skip_serializing_if = "Field::is_absent")]
            pub next_link: Field<::std::string::String>,
            /// `@odata.context`, `@odata.count` and anything else that came with the page.
            #[serde(flatten)]
            pub additional_properties: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
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

        /// A single value as functions and actions return it: `{"value": ...}`.
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct Single<T> {
            /// The value.
            #[serde(rename = "value", default, skip_serializing_if = "Field::is_absent")]
            pub value: Field<T>,
            /// `@odata.context` and anything else that came with it.
            #[serde(flatten)]
            pub additional_properties: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
        }

        /// An HTTP method.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Method {
            Get,
            Post,
            Patch,
            Put,
            Delete,
            Head,
            Options,
        }

        impl Method {
            /// The method as it goes on the request line.
            pub fn as_str(&self) -> &'static str {
                match self {
                    Method::Get => "GET",
                    Method::Post => "POST",
                    Method::Patch => "PATCH",
                    Method::Put => "PUT",
                    Method::Delete => "DELETE",
                    Method::Head => "HEAD",
                    Method::Options => "OPTIONS",
                }
            }
        }

        /// What an HTTP client needs to send a Graph request.
        pub trait Request {
            /// The HTTP method.
            fn method(&self) -> Method;
            /// The path below the service root (`https://graph.microsoft.com/beta`), percent-encoded.
            fn path(&self) -> ::std::string::String;
            /// The JSON body, if the request has one.
            fn body_json(&self) -> ::std::option::Option<::serde_json::Result<::std::vec::Vec<u8>>>;
            /// The status code the docs give for success, if they give one.
            fn expected_status(&self) -> ::std::option::Option<u16>;
        }

        /// Percent-encodes one path segment: everything but RFC 3986's unreserved characters.
        pub fn encode_segment(segment: &str) -> ::std::string::String {
            let mut out = ::std::string::String::with_capacity(segment.len());
            for byte in segment.bytes() {
                match byte {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(byte as char),
                    _ => out.push_str(&::std::format!("%{:02X}", byte)),
                }
            }
            out
        }

        /// `?name=value&...` with names and values percent-encoded; empty for no pairs.
        pub fn encode_query(pairs: &[(&str, &str)]) -> ::std::string::String {
            let mut out = ::std::string::String::new();
            for (i, (name, value)) in pairs.iter().enumerate() {
                out.push(if i == 0 { '?' } else { '&' });
                out.push_str(&encode_segment(name));
                out.push('=');
                out.push_str(&encode_segment(value));
            }
            out
        }

        /// The `@odata.type` of a JSON object, lowercased and without the leading `#`.
        pub fn odata_type(value: &::serde_json::Value) -> ::std::option::Option<::std::string::String> {
            let name = value.get("@odata.type")?.as_str()?;
            ::std::option::Option::Some(name.trim_start_matches('#').to_ascii_lowercase())
        }
    }
}
