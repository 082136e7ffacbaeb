//! The HTTP side of `support`: the `Request` trait, paths and query options, conversion to
//! and from the `http` crate's types, and Graph's error body. No I/O: any HTTP client can
//! send what this builds (the `client` feature adds one, see `support_client`).

use proc_macro2::TokenStream;
use quote::quote;

pub fn items() -> TokenStream {
    quote! {
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

        impl ::std::convert::From<Method> for ::http::Method {
            fn from(method: Method) -> ::http::Method {
                match method {
                    Method::Get => ::http::Method::GET,
                    Method::Post => ::http::Method::POST,
                    Method::Patch => ::http::Method::PATCH,
                    Method::Put => ::http::Method::PUT,
                    Method::Delete => ::http::Method::DELETE,
                    Method::Head => ::http::Method::HEAD,
                    Method::Options => ::http::Method::OPTIONS,
                }
            }
        }

        /// A Graph request: what goes on the wire, and what a successful response reads as.
        pub trait Request {
            /// The HTTP method.
            const METHOD: Method;
            /// The status code the docs give for success, if they give one.
            const EXPECTED_STATUS: ::std::option::Option<u16>;
            /// The API version the request belongs to (`beta`, `v1.0`): the first segment of
            /// its URL's path.
            const API_VERSION: &'static str;

            /// What a successful response reads as: `()` when the docs show no body, the
            /// resource for a get, create or update, [`Page`] for a list, [`Single`] for
            /// `{"value": ...}`, the bytes for a body that is not JSON, and
            /// [`::serde_json::Value`] only where the docs name no type.
            type Response;

            /// The path below the version (`/users/{id}`), percent-encoded.
            fn path(&self) -> ::std::string::String;

            /// Reads the body of a successful response.
            fn read_response(body: &[u8]) -> ::serde_json::Result<Self::Response>;

            /// The JSON body, if the request has one.
            fn body_json(&self) -> ::std::option::Option<::serde_json::Result<::std::vec::Vec<u8>>> {
                ::std::option::Option::None
            }

            /// The HTTP method.
            fn method(&self) -> Method {
                Self::METHOD
            }

            /// The status code the docs give for success, if they give one.
            fn expected_status(&self) -> ::std::option::Option<u16> {
                Self::EXPECTED_STATUS
            }

            /// The query parameters the docs list for the request, as set on it.
            fn query_params(&self) -> ::std::vec::Vec<(&'static str, ::std::string::String)> {
                ::std::vec::Vec::new()
            }

            /// The path with `query`'s options and the request's own query parameters,
            /// percent-encoded.
            fn path_with_query(&self, query: &Query) -> ::std::string::String {
                let mut pairs = query.pairs();
                pairs.extend(self.query_params().into_iter().map(|(name, value)| (name.to_string(), value)));
                ::std::format!("{}{}", self.path(), encode_pairs(&pairs))
            }

            /// The request for `http`: `base`'s URL for the version, the path and the query,
            /// and the body as JSON with its `Content-Type`. A query with `$search` or
            /// `$count` carries `ConsistencyLevel: eventual`, which Graph asks for such
            /// queries on directory objects.
            fn to_http(&self, base: &BaseUrl, query: &Query) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, BuildError> {
                let uri = ::std::format!("{}/{}{}", base.as_str(), Self::API_VERSION, self.path_with_query(query));
                let mut builder = ::http::Request::builder()
                    .method(::http::Method::from(Self::METHOD))
                    .uri(uri)
                    .header(::http::header::ACCEPT, "application/json");
                if query.search.is_some() || query.count.is_some() {
                    builder = builder.header("ConsistencyLevel", "eventual");
                }
                let body = match self.body_json() {
                    ::std::option::Option::Some(body) => {
                        builder = builder.header(::http::header::CONTENT_TYPE, "application/json");
                        body.map_err(BuildError::Body)?
                    }
                    ::std::option::Option::None => ::std::vec::Vec::new(),
                };
                builder.body(body).map_err(BuildError::Http)
            }

            /// Reads a response: its body as [`Request::Response`] when its status is a
            /// success, else as a [`GraphError`]. Nothing in the response makes this panic.
            fn from_http<B: ::std::convert::AsRef<[u8]>>(response: &::http::Response<B>) -> ::std::result::Result<Self::Response, ResponseError> {
                let status = response.status();
                let body = response.body().as_ref();
                if !status.is_success() {
                    return ::std::result::Result::Err(ResponseError::Graph(GraphError::read(status.as_u16(), response.headers(), body)));
                }
                Self::read_response(body).map_err(|e| ResponseError::Undecodable {
                    status: status.as_u16(),
                    message: e.to_string(),
                    body: body.to_vec(),
                })
            }
        }

        /// The body of a response that the docs show without one: whatever comes is ignored.
        pub fn read_none(_: &[u8]) -> ::serde_json::Result<()> {
            ::std::result::Result::Ok(())
        }

        /// A JSON body; an empty one reads as `null`.
        pub fn read_json<T: ::serde::de::DeserializeOwned>(body: &[u8]) -> ::serde_json::Result<T> {
            if body.iter().all(u8::is_ascii_whitespace) {
                return ::serde_json::from_slice(b"null");
            }
            ::serde_json::from_slice(body)
        }

        /// A body that is not JSON (a photo, a file's content), as its bytes.
        pub fn read_bytes(body: &[u8]) -> ::serde_json::Result<::std::vec::Vec<u8>> {
            ::std::result::Result::Ok(body.to_vec())
        }

        /// Where requests go: the service root of a Graph cloud (or a test server), without
        /// the version, which each request adds.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct BaseUrl(::std::string::String);

        impl BaseUrl {
            /// The global service.
            pub const GLOBAL: &'static str = "https://graph.microsoft.com";
            /// Microsoft Graph for US Government L4.
            pub const US_GOV_L4: &'static str = "https://graph.microsoft.us";
            /// Microsoft Graph for US Government L5 (DOD).
            pub const US_GOV_L5: &'static str = "https://dod-graph.microsoft.us";
            /// Microsoft Graph China operated by 21Vianet.
            pub const CHINA: &'static str = "https://microsoftgraph.chinacloudapi.cn";

            /// Any root, such as `http://127.0.0.1:8080` for a test server; a trailing `/`
            /// is dropped.
            pub fn new(root: impl ::std::convert::Into<::std::string::String>) -> BaseUrl {
                let mut root = root.into();
                while root.ends_with('/') {
                    root.pop();
                }
                BaseUrl(root)
            }

            /// The root as a string, without a trailing `/`.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::default::Default for BaseUrl {
            fn default() -> BaseUrl {
                BaseUrl::new(BaseUrl::GLOBAL)
            }
        }

        /// OData's query options, and any other query parameter by its name as sent (the ones
        /// a page documents for its request). Each is encoded when the request is built:
        /// the `$` of a name stays, and everything in a value but letters, digits and `-._~`
        /// is percent-encoded (a space as `%20`).
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct Query {
            /// `$select`: the properties to return.
            pub select: ::std::vec::Vec<::std::string::String>,
            /// `$expand`: the relationships to return inline.
            pub expand: ::std::vec::Vec<::std::string::String>,
            /// `$filter`: an OData filter expression (quote strings with [`odata_string`]).
            pub filter: ::std::option::Option<::std::string::String>,
            /// `$orderby`: properties, each optionally followed by ` desc`.
            pub orderby: ::std::vec::Vec<::std::string::String>,
            /// `$top`: at most this many items per page.
            pub top: ::std::option::Option<u32>,
            /// `$skip`: skip this many items.
            pub skip: ::std::option::Option<u32>,
            /// `$count`: include `@odata.count`.
            pub count: ::std::option::Option<bool>,
            /// `$search`: a search expression, such as `"displayName:room"` with its quotes.
            pub search: ::std::option::Option<::std::string::String>,
            /// Other parameters, by name as sent, in order.
            pub other: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
        }

        impl Query {
            /// No options.
            pub fn new() -> Query {
                Query::default()
            }

            /// Adds properties to `$select`.
            pub fn select<S: ::std::convert::Into<::std::string::String>>(mut self, properties: impl ::std::iter::IntoIterator<Item = S>) -> Query {
                self.select.extend(properties.into_iter().map(::std::convert::Into::into));
                self
            }

            /// Adds relationships to `$expand`.
            pub fn expand<S: ::std::convert::Into<::std::string::String>>(mut self, relationships: impl ::std::iter::IntoIterator<Item = S>) -> Query {
                self.expand.extend(relationships.into_iter().map(::std::convert::Into::into));
                self
            }

            /// Sets `$filter`.
            pub fn filter(mut self, expression: impl ::std::convert::Into<::std::string::String>) -> Query {
                self.filter = ::std::option::Option::Some(expression.into());
                self
            }

            /// Adds a property to `$orderby` (with ` desc` for descending order).
            pub fn orderby(mut self, property: impl ::std::convert::Into<::std::string::String>) -> Query {
                self.orderby.push(property.into());
                self
            }

            /// Sets `$top`.
            pub fn top(mut self, top: u32) -> Query {
                self.top = ::std::option::Option::Some(top);
                self
            }

            /// Sets `$skip`.
            pub fn skip(mut self, skip: u32) -> Query {
                self.skip = ::std::option::Option::Some(skip);
                self
            }

            /// Sets `$count`.
            pub fn count(mut self, count: bool) -> Query {
                self.count = ::std::option::Option::Some(count);
                self
            }

            /// Sets `$search`.
            pub fn search(mut self, expression: impl ::std::convert::Into<::std::string::String>) -> Query {
                self.search = ::std::option::Option::Some(expression.into());
                self
            }

            /// Adds another parameter, such as one a page documents (`startDateTime`).
            pub fn param(mut self, name: impl ::std::convert::Into<::std::string::String>, value: impl ::std::string::ToString) -> Query {
                self.other.push((name.into(), value.to_string()));
                self
            }

            /// The parameters as sent, in a fixed order: the OData options, then the others.
            pub fn pairs(&self) -> ::std::vec::Vec<(::std::string::String, ::std::string::String)> {
                let mut pairs = ::std::vec::Vec::new();
                let mut list = |name: &str, items: &[::std::string::String]| {
                    if !items.is_empty() {
                        pairs.push((name.to_string(), items.join(",")));
                    }
                };
                list("$select", &self.select);
                list("$expand", &self.expand);
                list("$orderby", &self.orderby);
                let single = [
                    ("$filter", self.filter.clone()),
                    ("$top", self.top.map(|n| n.to_string())),
                    ("$skip", self.skip.map(|n| n.to_string())),
                    ("$count", self.count.map(|b| b.to_string())),
                    ("$search", self.search.clone()),
                ];
                for (name, value) in single {
                    if let ::std::option::Option::Some(value) = value {
                        pairs.push((name.to_string(), value));
                    }
                }
                pairs.extend(self.other.iter().cloned());
                pairs
            }

            /// `?name=value&...`, encoded; empty when there are no options.
            pub fn encode(&self) -> ::std::string::String {
                encode_pairs(&self.pairs())
            }
        }

        /// `?name=value&...`, encoded (the `$` of a name kept); empty for no pairs.
        pub fn encode_pairs(pairs: &[(::std::string::String, ::std::string::String)]) -> ::std::string::String {
            let mut out = ::std::string::String::new();
            for (i, (name, value)) in pairs.iter().enumerate() {
                out.push(if i == 0 { '?' } else { '&' });
                out.push_str(&encode(name, b"$"));
                out.push('=');
                out.push_str(&encode(value, b""));
            }
            out
        }

        /// The query parameters a request's page documents, typed (`{Request}Query`).
        pub trait QueryParams {
            /// Each parameter that is set, by its name as sent, with its value as text.
            fn pairs(&self) -> ::std::vec::Vec<(&'static str, ::std::string::String)>;
        }

        /// Adds `name` when `value` is set: a string as it is, a list as its items joined by
        /// `,`, anything else as its JSON.
        pub fn push_param<T: ::serde::Serialize>(pairs: &mut ::std::vec::Vec<(&'static str, ::std::string::String)>, name: &'static str, value: &::std::option::Option<T>) {
            fn text(value: ::serde_json::Value) -> ::std::string::String {
                match value {
                    ::serde_json::Value::String(s) => s,
                    ::serde_json::Value::Array(items) => items.into_iter().map(text).collect::<::std::vec::Vec<_>>().join(","),
                    other => other.to_string(),
                }
            }
            if let ::std::option::Option::Some(value) = value {
                if let ::std::result::Result::Ok(value) = ::serde_json::to_value(value) {
                    pairs.push((name, text(value)));
                }
            }
        }

        /// A string literal for a `$filter` expression: in single quotes, with each quote in
        /// it doubled (`O'Neil` gives `'O''Neil'`).
        pub fn odata_string(value: &str) -> ::std::string::String {
            ::std::format!("'{}'", value.replace('\'', "''"))
        }

        /// A path template (`/users/{}/calendars/{}`, with `{{` and `}}` for braces) with each
        /// `{}` replaced by the next parameter, percent-encoded.
        pub fn fill_path(template: &str, params: &[&::std::string::String]) -> ::std::string::String {
            let mut out = ::std::string::String::with_capacity(template.len() + 16 * params.len());
            let mut params = params.iter();
            let mut rest = template;
            while let ::std::option::Option::Some(at) = rest.find(['{', '}']) {
                out.push_str(&rest[..at]);
                let marker = &rest[at..];
                if marker.starts_with("{}") {
                    out.push_str(&encode_segment(params.next().map_or("", |p| p.as_str())));
                } else {
                    out.push_str(&marker[..1]);
                }
                // `{}`, `{{` and `}}` are two characters; a lone brace is kept as it is.
                let skip = if marker.starts_with("{}") || marker.starts_with("{{") || marker.starts_with("}}") { 2 } else { 1 };
                rest = &rest[at + skip..];
            }
            out.push_str(rest);
            out
        }

        /// Percent-encodes one path segment: everything but RFC 3986's unreserved characters.
        pub fn encode_segment(segment: &str) -> ::std::string::String {
            encode(segment, b"")
        }

        /// Percent-encodes everything but RFC 3986's unreserved characters and `keep`.
        fn encode(text: &str, keep: &[u8]) -> ::std::string::String {
            let mut out = ::std::string::String::with_capacity(text.len());
            for byte in text.bytes() {
                match byte {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(byte as char),
                    _ if keep.contains(&byte) => out.push(byte as char),
                    _ => out.push_str(&::std::format!("%{:02X}", byte)),
                }
            }
            out
        }

        /// Why a request could not be built.
        #[derive(Debug)]
        pub enum BuildError {
            /// The body did not serialize.
            Body(::serde_json::Error),
            /// The URL or a header is not valid (a base URL that is not one, say).
            Http(::http::Error),
        }

        impl ::std::fmt::Display for BuildError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    BuildError::Body(e) => ::std::write!(f, "the request body does not serialize: {e}"),
                    BuildError::Http(e) => ::std::write!(f, "the request is not valid HTTP: {e}"),
                }
            }
        }

        impl ::std::error::Error for BuildError {}

        /// Why a response did not read as the request's [`Request::Response`].
        #[derive(Debug, Clone, PartialEq)]
        pub enum ResponseError {
            /// Graph answered with an error status.
            Graph(GraphError),
            /// A success whose body does not read as the documented type; the body is kept.
            Undecodable {
                status: u16,
                message: ::std::string::String,
                body: ::std::vec::Vec<u8>,
            },
        }

        impl ::std::fmt::Display for ResponseError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    ResponseError::Graph(e) => ::std::fmt::Display::fmt(e, f),
                    ResponseError::Undecodable { status, message, body } => ::std::write!(f, "status {status}: the body ({} bytes) does not read as the documented type: {message}", body.len()),
                }
            }
        }

        impl ::std::error::Error for ResponseError {}

        /// An error status from Graph, with its error body when it is Graph's JSON
        /// (`{"error": {"code", "message", "innerError", "details"}}`), else the body as text.
        #[derive(Debug, Clone, PartialEq)]
        pub struct GraphError {
            /// The HTTP status.
            pub status: u16,
            /// The body, when it is Graph's error JSON; unknown members are kept.
            pub body: ::std::option::Option<::std::boxed::Box<ErrorResponse>>,
            /// The body as text when it is not Graph's error JSON (a proxy's HTML page), or
            /// empty.
            pub text: ::std::string::String,
            /// `Retry-After` in seconds, when the response gave it.
            pub retry_after: ::std::option::Option<u64>,
        }

        impl GraphError {
            /// Reads an error response.
            pub fn read(status: u16, headers: &::http::HeaderMap, body: &[u8]) -> GraphError {
                let parsed = ::serde_json::from_slice::<ErrorResponse>(body).ok().filter(|b| !b.error.is_absent()).map(::std::boxed::Box::new);
                let text = match parsed {
                    ::std::option::Option::Some(_) => ::std::string::String::new(),
                    ::std::option::Option::None => ::std::string::String::from_utf8_lossy(body).into_owned(),
                };
                GraphError { status, body: parsed, text, retry_after: retry_after(headers) }
            }

            /// Graph's error, when the body held one.
            pub fn error(&self) -> ::std::option::Option<&ErrorDetail> {
                self.body.as_ref()?.error.value()
            }

            /// The error's `code` (`Request_ResourceNotFound`).
            pub fn code(&self) -> ::std::option::Option<&str> {
                self.error()?.code.value().map(::std::string::String::as_str)
            }

            /// The error's `message`.
            pub fn message(&self) -> ::std::option::Option<&str> {
                self.error()?.message.value().map(::std::string::String::as_str)
            }

            /// `innerError`'s `request-id`, which Microsoft support asks for.
            pub fn request_id(&self) -> ::std::option::Option<&str> {
                self.error()?.inner_error.value()?.request_id.value().map(::std::string::String::as_str)
            }
        }

        impl ::std::fmt::Display for GraphError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::write!(f, "Graph answered {}", self.status)?;
                match (self.code(), self.message()) {
                    (::std::option::Option::Some(code), ::std::option::Option::Some(message)) => ::std::write!(f, ": {code}: {message}"),
                    (::std::option::Option::Some(code), ::std::option::Option::None) => ::std::write!(f, ": {code}"),
                    _ if !self.text.is_empty() => ::std::write!(f, ": {}", self.text.chars().take(200).collect::<::std::string::String>()),
                    _ => ::std::result::Result::Ok(()),
                }
            }
        }

        impl ::std::error::Error for GraphError {}

        /// `Retry-After` as seconds; Graph sends seconds, not dates.
        pub fn retry_after(headers: &::http::HeaderMap) -> ::std::option::Option<u64> {
            headers.get(::http::header::RETRY_AFTER)?.to_str().ok()?.trim().parse().ok()
        }

        /// Graph's error body: `{"error": {...}}`.
        #[derive(Clone, PartialEq)]
        pub struct ErrorResponse {
            pub error: Field<ErrorDetail>,
            pub additional_properties: JsonObject,
        }

        impl Object for ErrorResponse {
            fn read(properties: &mut Properties) -> Self {
                ErrorResponse { error: properties.take("error"), additional_properties: properties.rest() }
            }
            fn write<W: Write>(&self, out: &mut W) {
                out.field("error", &self.error);
                out.rest(&self.additional_properties);
            }
        }

        /// An error, or one of its `details`.
        #[derive(Clone, PartialEq)]
        pub struct ErrorDetail {
            pub code: Field<::std::string::String>,
            pub message: Field<::std::string::String>,
            pub target: Field<::std::string::String>,
            pub inner_error: Field<InnerError>,
            pub details: Field<::std::vec::Vec<ErrorDetail>>,
            pub additional_properties: JsonObject,
        }

        impl Object for ErrorDetail {
            fn read(properties: &mut Properties) -> Self {
                ErrorDetail {
                    code: properties.take("code"),
                    message: properties.take("message"),
                    target: properties.take("target"),
                    inner_error: properties.take("innerError"),
                    details: properties.take("details"),
                    additional_properties: properties.rest(),
                }
            }
            fn write<W: Write>(&self, out: &mut W) {
                out.field("code", &self.code);
                out.field("message", &self.message);
                out.field("target", &self.target);
                out.field("innerError", &self.inner_error);
                out.field("details", &self.details);
                out.rest(&self.additional_properties);
            }
        }

        /// `innerError`: what identifies the request to Microsoft support.
        #[derive(Clone, PartialEq)]
        pub struct InnerError {
            pub request_id: Field<::std::string::String>,
            pub client_request_id: Field<::std::string::String>,
            pub date: Field<::std::string::String>,
            pub additional_properties: JsonObject,
        }

        impl Object for InnerError {
            fn read(properties: &mut Properties) -> Self {
                InnerError {
                    request_id: properties.take("request-id"),
                    client_request_id: properties.take("client-request-id"),
                    date: properties.take("date"),
                    additional_properties: properties.rest(),
                }
            }
            fn write<W: Write>(&self, out: &mut W) {
                out.field("request-id", &self.request_id);
                out.field("client-request-id", &self.client_request_id);
                out.field("date", &self.date);
                out.rest(&self.additional_properties);
            }
        }

        object!(ErrorResponse);
        object!(ErrorDetail);
        object!(InnerError);
    }
}
