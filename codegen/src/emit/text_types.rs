//! The `support` types for Edm values that JSON carries as text: `Guid`, `DateTimeOffset`,
//! `Date`, `TimeOfDay` and `Duration`. Each keeps the text it was read from, so a round trip
//! is exact whatever the service sent (`2019-04-16T09:30:00.0000000Z` keeps its seven
//! digits), and parses on demand: `Duration` by itself, the others into the `uuid` and
//! `time` crates' types behind the generated crate's optional features of those names.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn module() -> TokenStream {
    let guid = text_type(
        "Guid",
        "An `Edm.Guid`: `\"0f1e2d3c-...\"`.",
        quote! {
            /// The GUID, parsed.
            #[cfg(feature = "uuid")]
            pub fn to_uuid(&self) -> ::std::result::Result<::uuid::Uuid, ::uuid::Error> {
                ::uuid::Uuid::parse_str(&self.0)
            }
        },
    );
    let timestamp = text_type(
        "DateTimeOffset",
        "An `Edm.DateTimeOffset`: an RFC 3339 timestamp, `\"2019-04-16T09:30:00Z\"`.",
        quote! {
            /// The timestamp, parsed as RFC 3339.
            #[cfg(feature = "time")]
            pub fn to_offset_date_time(&self) -> ::std::result::Result<::time::OffsetDateTime, ::time::error::Parse> {
                ::time::OffsetDateTime::parse(&self.0, &::time::format_description::well_known::Rfc3339)
            }
        },
    );
    let date = text_type(
        "Date",
        "An `Edm.Date`: `\"2019-04-16\"`.",
        quote! {
            /// The date, parsed as ISO 8601.
            #[cfg(feature = "time")]
            pub fn to_date(&self) -> ::std::result::Result<::time::Date, ::time::error::Parse> {
                ::time::Date::parse(&self.0, &::time::format_description::well_known::Iso8601::DATE)
            }
        },
    );
    let time_of_day = text_type(
        "TimeOfDay",
        "An `Edm.TimeOfDay`: `\"09:30:00.0000000\"`.",
        quote! {
            /// The time of day, parsed as ISO 8601.
            #[cfg(feature = "time")]
            pub fn to_time(&self) -> ::std::result::Result<::time::Time, ::time::error::Parse> {
                ::time::Time::parse(&self.0, &::time::format_description::well_known::Iso8601::TIME)
            }
        },
    );
    let duration = text_type(
        "Duration",
        "An `Edm.Duration`: an ISO 8601 duration, `\"PT1H30M\"`.",
        quote! {
            /// The duration, when it is made of days, hours, minutes and seconds (`P1DT2H`,
            /// `PT0.5S`); `None` for years or months, which have no fixed length, for a
            /// negative duration, and for text that is no duration.
            pub fn to_std(&self) -> ::std::option::Option<::std::time::Duration> {
                let rest = self.0.strip_prefix('P')?;
                let (days, time) = match rest.split_once('T') {
                    ::std::option::Option::Some((days, time)) => (days, time),
                    ::std::option::Option::None => (rest, ""),
                };
                let mut seconds = 0f64;
                for (part, units) in [(days, &[('W', 604_800f64), ('D', 86_400f64)][..]), (time, &[('H', 3_600f64), ('M', 60f64), ('S', 1f64)][..])] {
                    let mut number = ::std::string::String::new();
                    let mut next = 0;
                    for c in part.chars() {
                        if c.is_ascii_digit() || c == '.' {
                            number.push(c);
                            continue;
                        }
                        let at = units[next..].iter().position(|(u, _)| *u == c)?;
                        seconds += number.parse::<f64>().ok()? * units[next + at].1;
                        number.clear();
                        next += at + 1;
                    }
                    if !number.is_empty() {
                        return ::std::option::Option::None;
                    }
                }
                ::std::time::Duration::try_from_secs_f64(seconds).ok()
            }
        },
    );
    quote! {
        #guid
        #timestamp
        #date
        #time_of_day
        #duration

        #[cfg(feature = "uuid")]
        impl ::std::convert::From<::uuid::Uuid> for Guid {
            fn from(value: ::uuid::Uuid) -> Self {
                Guid(value.hyphenated().to_string())
            }
        }

        #[cfg(feature = "time")]
        impl ::std::convert::TryFrom<::time::OffsetDateTime> for DateTimeOffset {
            type Error = ::time::error::Format;
            /// Written as RFC 3339; fails for a year past 9999 or an offset with seconds.
            fn try_from(value: ::time::OffsetDateTime) -> ::std::result::Result<Self, Self::Error> {
                value.format(&::time::format_description::well_known::Rfc3339).map(DateTimeOffset)
            }
        }
    }
}

/// A newtype over the text of a value, read and written as a JSON string, with `methods`.
fn text_type(name: &str, doc: &str, methods: TokenStream) -> TokenStream {
    let ty = format_ident!("{name}");
    let doc = format!(" {doc} Kept as the text it was read from, so that it is written back unchanged; it is parsed only on request.");
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct #ty(::std::string::String);

        impl #ty {
            /// The value as it will be sent; the text is not checked.
            pub fn new(text: impl ::std::convert::Into<::std::string::String>) -> Self {
                #ty(text.into())
            }

            /// The text as it was read or given.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            #methods
        }

        impl ::std::convert::From<::std::string::String> for #ty {
            fn from(text: ::std::string::String) -> Self {
                #ty(text)
            }
        }

        impl ::std::convert::From<&str> for #ty {
            fn from(text: &str) -> Self {
                #ty(text.to_string())
            }
        }

        impl ::std::fmt::Display for #ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::serde::Serialize for #ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                <::std::string::String as ::serde::Deserialize>::deserialize(deserializer).map(#ty)
            }
        }
    }
}
