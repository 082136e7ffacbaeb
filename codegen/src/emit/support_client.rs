//! `support::client`, behind the generated crate's `client` feature: an async client on
//! reqwest that sends any generated request with a bearer token, reads the typed response,
//! follows `@odata.nextLink` and retries throttled requests.

use proc_macro2::TokenStream;
use quote::quote;

pub fn items() -> TokenStream {
    quote! {
        /// An async Graph client (the `client` feature): each generated request goes out with a
        /// bearer token from a [`client::TokenSource`] and comes back as its typed response.
        ///
        /// - Requests that Graph throttles or cannot serve for now (429, 503, 504) are sent
        ///   again, at most [`client::Client::max_retries`] times, after the `Retry-After`
        ///   the response gives, or else after a wait that doubles each time.
        /// - Each request has a timeout, from connecting until its whole body is read.
        /// - Each request carries a fresh `client-request-id` (kept across its retries), which
        ///   Graph echoes in its errors' `innerError`.
        /// - Nothing in a response makes it panic: every failure is a [`client::Error`].
        #[cfg(feature = "client")]
        pub mod client {
            use super::{BaseUrl, BuildError, GraphError, Page, Query, Request, ResponseError};

            /// A boxed future, as a [`TokenSource`] returns it.
            pub type BoxFuture<'a, T> = ::std::pin::Pin<::std::boxed::Box<dyn ::std::future::Future<Output = T> + ::std::marker::Send + 'a>>;

            /// Any error a token source can give.
            pub type BoxError = ::std::boxed::Box<dyn ::std::error::Error + ::std::marker::Send + ::std::marker::Sync>;

            /// Where bearer tokens come from: MSAL, `azure_identity`, a cache of your own. The
            /// client asks for one before each request, so a source can refresh as it likes.
            pub trait TokenSource: ::std::marker::Send + ::std::marker::Sync {
                /// An access token for Graph, without the `Bearer ` prefix.
                fn token(&self) -> BoxFuture<'_, ::std::result::Result<::std::string::String, BoxError>>;
            }

            /// One fixed token, for scripts and tests.
            #[derive(Clone)]
            pub struct StaticToken(::std::string::String);

            impl StaticToken {
                pub fn new(token: impl ::std::convert::Into<::std::string::String>) -> StaticToken {
                    StaticToken(token.into())
                }
            }

            impl TokenSource for StaticToken {
                fn token(&self) -> BoxFuture<'_, ::std::result::Result<::std::string::String, BoxError>> {
                    ::std::boxed::Box::pin(async move { ::std::result::Result::Ok(self.0.clone()) })
                }
            }

            // The token is a secret: it stays out of logs.
            impl ::std::fmt::Debug for StaticToken {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str("StaticToken(..)")
                }
            }

            /// Why a request did not give its typed response.
            #[derive(Debug)]
            pub enum Error {
                /// The request could not be built (its body did not serialize, say).
                Build(BuildError),
                /// The token source failed.
                Token(BoxError),
                /// Connecting, sending or receiving failed.
                Transport(::reqwest::Error),
                /// No whole response came within the timeout.
                Timeout,
                /// Graph answered with an error status (after any retries).
                Graph(GraphError),
                /// A success whose body does not read as the documented type; the body is kept.
                Undecodable {
                    status: u16,
                    message: ::std::string::String,
                    body: ::std::vec::Vec<u8>,
                },
                /// An `@odata.nextLink` that leaves the base URL: it is not followed, so that the
                /// token goes nowhere else.
                ForeignNextLink(::std::string::String),
            }

            impl ::std::fmt::Display for Error {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    match self {
                        Error::Build(e) => ::std::fmt::Display::fmt(e, f),
                        Error::Token(e) => ::std::write!(f, "no token: {e}"),
                        Error::Transport(e) => ::std::write!(f, "the request failed: {e}"),
                        Error::Timeout => f.write_str("no response within the timeout"),
                        Error::Graph(e) => ::std::fmt::Display::fmt(e, f),
                        Error::Undecodable { status, message, body } => ::std::write!(f, "status {status}: the body ({} bytes) does not read as the documented type: {message}", body.len()),
                        Error::ForeignNextLink(link) => ::std::write!(f, "`@odata.nextLink` leaves the base URL: {link}"),
                    }
                }
            }

            impl ::std::error::Error for Error {}

            impl ::std::convert::From<ResponseError> for Error {
                fn from(e: ResponseError) -> Error {
                    match e {
                        ResponseError::Graph(e) => Error::Graph(e),
                        ResponseError::Undecodable { status, message, body } => Error::Undecodable { status, message, body },
                    }
                }
            }

            fn transport(e: ::reqwest::Error) -> Error {
                if e.is_timeout() { Error::Timeout } else { Error::Transport(e) }
            }

            /// Sends generated requests. Cheap to clone: clones share their connections.
            #[derive(Clone)]
            pub struct Client {
                http: ::reqwest::Client,
                tokens: ::std::sync::Arc<dyn TokenSource>,
                base: BaseUrl,
                timeout: ::std::time::Duration,
                max_retries: u32,
                backoff: ::std::time::Duration,
                max_wait: ::std::time::Duration,
            }

            impl ::std::fmt::Debug for Client {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.debug_struct("Client")
                        .field("base", &self.base)
                        .field("timeout", &self.timeout)
                        .field("max_retries", &self.max_retries)
                        .finish_non_exhaustive()
                }
            }

            impl Client {
                /// A client of the global service with tokens from `tokens`: a timeout of 100
                /// seconds, at most 3 retries, waits from 1 second, and none over 5 minutes.
                pub fn new(tokens: impl TokenSource + 'static) -> Client {
                    Client {
                        http: ::reqwest::Client::new(),
                        tokens: ::std::sync::Arc::new(tokens),
                        base: BaseUrl::default(),
                        timeout: ::std::time::Duration::from_secs(100),
                        max_retries: 3,
                        backoff: ::std::time::Duration::from_secs(1),
                        max_wait: ::std::time::Duration::from_secs(300),
                    }
                }

                /// Sends through this reqwest client (a proxy, other TLS roots).
                pub fn http_client(mut self, http: ::reqwest::Client) -> Client {
                    self.http = http;
                    self
                }

                /// Sends to another cloud, or to a test server.
                pub fn base_url(mut self, base: BaseUrl) -> Client {
                    self.base = base;
                    self
                }

                /// The longest a request may take, from connecting until its body is read.
                pub fn timeout(mut self, timeout: ::std::time::Duration) -> Client {
                    self.timeout = timeout;
                    self
                }

                /// How many times a throttled request (429, 503, 504) is sent again.
                pub fn max_retries(mut self, retries: u32) -> Client {
                    self.max_retries = retries;
                    self
                }

                /// The first wait before a retry when the response gives no `Retry-After`;
                /// it doubles with each retry.
                pub fn backoff(mut self, first: ::std::time::Duration) -> Client {
                    self.backoff = first;
                    self
                }

                /// The longest wait before a retry: a longer `Retry-After` ends the retries,
                /// and the throttling error is returned.
                pub fn max_wait(mut self, wait: ::std::time::Duration) -> Client {
                    self.max_wait = wait;
                    self
                }

                /// Sends `request` and reads its typed response.
                pub async fn send<R: Request>(&self, request: &R) -> ::std::result::Result<R::Response, Error> {
                    self.send_with(request, &Query::new()).await
                }

                /// Sends `request` with query options and reads its typed response.
                pub async fn send_with<R: Request>(&self, request: &R, query: &Query) -> ::std::result::Result<R::Response, Error> {
                    let request = request.to_http(&self.base, query).map_err(Error::Build)?;
                    let response = self.execute(request).await?;
                    R::from_http(&response).map_err(Error::from)
                }

                /// Every item of a list, page by page, following `@odata.nextLink` for as long
                /// as Graph gives one. The stream ends after the first error.
                pub fn items<'a, R, T>(&'a self, request: &R, query: &Query) -> impl ::futures_util::Stream<Item = ::std::result::Result<T, Error>> + 'a
                where
                    R: Request<Response = Page<T>>,
                    T: ::serde::de::DeserializeOwned + ::serde::Serialize + super::Inspect + ::std::fmt::Debug + 'a,
                {
                    enum Next {
                        First(::std::boxed::Box<::std::result::Result<::http::Request<::std::vec::Vec<u8>>, BuildError>>),
                        Link(::std::string::String),
                        Done,
                    }
                    let first = Next::First(::std::boxed::Box::new(request.to_http(&self.base, query)));
                    let state = (first, ::std::collections::VecDeque::<T>::new());
                    ::futures_util::stream::unfold(state, move |(mut next, mut items)| async move {
                        loop {
                            if let ::std::option::Option::Some(item) = items.pop_front() {
                                return ::std::option::Option::Some((::std::result::Result::Ok(item), (next, items)));
                            }
                            let page = match ::std::mem::replace(&mut next, Next::Done) {
                                Next::Done => return ::std::option::Option::None,
                                Next::First(request) => match *request {
                                    ::std::result::Result::Ok(request) => self.page::<T>(request).await,
                                    ::std::result::Result::Err(e) => ::std::result::Result::Err(Error::Build(e)),
                                },
                                Next::Link(link) => match self.follow(&link) {
                                    ::std::result::Result::Ok(request) => self.page::<T>(request).await,
                                    ::std::result::Result::Err(e) => ::std::result::Result::Err(e),
                                },
                            };
                            match page {
                                ::std::result::Result::Ok(page) => {
                                    if let ::std::option::Option::Some(link) = page.next_link.value() {
                                        next = Next::Link(link.clone());
                                    }
                                    if let super::Field::Value(values) = page.value {
                                        items.extend(values);
                                    }
                                }
                                ::std::result::Result::Err(e) => return ::std::option::Option::Some((::std::result::Result::Err(e), (Next::Done, items))),
                            }
                        }
                    })
                }

                /// A `GET` of a next link, which must lie under the base URL.
                fn follow(&self, link: &str) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, Error> {
                    let base = self.base.as_str();
                    let under_base = link.strip_prefix(base).is_some_and(|rest| rest.starts_with('/'));
                    if !under_base {
                        return ::std::result::Result::Err(Error::ForeignNextLink(link.to_string()));
                    }
                    ::http::Request::get(link)
                        .header(::http::header::ACCEPT, "application/json")
                        .body(::std::vec::Vec::new())
                        .map_err(|e| Error::Build(BuildError::Http(e)))
                }

                async fn page<T>(&self, request: ::http::Request<::std::vec::Vec<u8>>) -> ::std::result::Result<Page<T>, Error>
                where
                    T: ::serde::de::DeserializeOwned + ::serde::Serialize + super::Inspect + ::std::fmt::Debug,
                {
                    let response = self.execute(request).await?;
                    let status = response.status().as_u16();
                    if !response.status().is_success() {
                        return ::std::result::Result::Err(Error::Graph(GraphError::read(status, response.headers(), response.body())));
                    }
                    super::read_json(response.body()).map_err(|e| Error::Undecodable { status, message: e.to_string(), body: response.body().clone() })
                }

                /// Sends a request as built, with a token and a `client-request-id`, and
                /// retries it while Graph throttles it. Any status comes back as a response.
                pub async fn execute(&self, request: ::http::Request<::std::vec::Vec<u8>>) -> ::std::result::Result<::http::Response<::std::vec::Vec<u8>>, Error> {
                    let (parts, body) = request.into_parts();
                    let client_request_id = fresh_id();
                    let mut retries = 0;
                    loop {
                        let token = self.tokens.token().await.map_err(Error::Token)?;
                        let sent = self
                            .http
                            .request(parts.method.clone(), parts.uri.to_string())
                            .headers(parts.headers.clone())
                            .header("client-request-id", &client_request_id)
                            .bearer_auth(token)
                            .timeout(self.timeout)
                            .body(body.clone())
                            .send()
                            .await
                            .map_err(transport)?;
                        let status = sent.status();
                        let headers = sent.headers().clone();
                        let bytes = sent.bytes().await.map_err(transport)?;
                        let throttled = matches!(status.as_u16(), 429 | 503 | 504);
                        if throttled && retries < self.max_retries {
                            let wait = match super::retry_after(&headers) {
                                ::std::option::Option::Some(seconds) => ::std::time::Duration::from_secs(seconds),
                                ::std::option::Option::None => self.backoff.saturating_mul(1 << retries.min(16)),
                            };
                            if wait <= self.max_wait {
                                retries += 1;
                                ::tokio::time::sleep(wait).await;
                                continue;
                            }
                        }
                        let mut response = ::http::Response::new(bytes.to_vec());
                        *response.status_mut() = status;
                        *response.headers_mut() = headers;
                        return ::std::result::Result::Ok(response);
                    }
                }
            }

            /// A random-looking version 4 UUID, unique per call: two hashes, each with its own
            /// randomly keyed hasher, of a counter and the time. Not for secrets.
            fn fresh_id() -> ::std::string::String {
                use ::std::hash::{BuildHasher, Hasher};
                static COUNTER: ::std::sync::atomic::AtomicU64 = ::std::sync::atomic::AtomicU64::new(0);
                let count = COUNTER.fetch_add(1, ::std::sync::atomic::Ordering::Relaxed);
                let nanos = ::std::time::SystemTime::now()
                    .duration_since(::std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos());
                let mut bits: u128 = 0;
                for half in 0..2u8 {
                    let mut hasher = ::std::collections::hash_map::RandomState::new().build_hasher();
                    hasher.write_u64(count);
                    hasher.write_u128(nanos);
                    hasher.write_u8(half);
                    bits = (bits << 64) | u128::from(hasher.finish());
                }
                // Version 4 in the 13th hex digit, variant 1 (`10`) in the two bits after it.
                bits = (bits & !(0xF << 76)) | (0x4 << 76);
                bits = (bits & !(0x3 << 62)) | (0x2 << 62);
                let hex = ::std::format!("{bits:032x}");
                ::std::format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
            }
        }
    }
}
