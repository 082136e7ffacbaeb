//! Examples: each request, response or JSON block with its target type, its JSON
//! (repaired when it was not strict, and checked against the type), its request path and
//! its status.

use crate::diag::{Code, Diagnostic};
use crate::ir::model::*;
use crate::ir::requests::is_no_body;
use crate::ir::resolve::*;
use crate::ir::validate::Checker;
use crate::parse::http::HttpMessage;
use crate::parse::json;
use crate::parse::page::{ExampleBlock, ExampleRole, Page};
use std::collections::BTreeMap;

impl Resolver<'_> {
    /// Every example of every page, in page order, and what reading them reported. Examples
    /// read the model, never each other, and are a third of resolving a version: with
    /// `threads` of 2 or more, runs of pages are handed out one at a time to that many
    /// threads (this one and others, each with a fork of this resolver), so that a thread
    /// that drew light pages takes more, and each run's examples and what it reports are put
    /// back in page order, as one thread would have made them.
    pub(super) fn examples(
        &self,
        requests: &BTreeMap<String, Request>,
        types: &TypeSpace,
        threads: usize,
    ) -> (Vec<Example>, Vec<Diagnostic>) {
        let derived = types.derived();
        let pages = self.pages;
        let runs = runs_of_pages(pages, threads);
        if threads < 2 || runs.len() < 2 {
            let mut diags = Vec::new();
            let examples = self
                .fork(&mut diags)
                .examples_of(pages, requests, types, &derived);
            return (examples, diags);
        }
        let next = std::sync::atomic::AtomicUsize::new(0);
        // Each thread returns the runs it read: (index, examples, what they reported).
        let read_runs = |resolver: &mut Resolver<'_>| {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(run) = runs.get(i) else { break done };
                let before = resolver.diags.len();
                let examples = resolver.examples_of(&pages[run.clone()], requests, types, &derived);
                done.push((i, examples, resolver.diags.split_off(before)));
            }
        };
        // What each fork reports is handed back with its runs: these stay empty.
        let mut forks: Vec<Vec<Diagnostic>> = vec![Vec::new(); threads.min(runs.len())];
        let mut read = std::thread::scope(|scope| {
            let (own, others) = forks.split_first_mut().expect("two threads or more");
            let handles: Vec<_> = others
                .iter_mut()
                .map(|diags| {
                    let mut fork = self.fork(diags);
                    scope.spawn(move || read_runs(&mut fork))
                })
                .collect();
            let mut read = read_runs(&mut self.fork(own));
            for handle in handles {
                // A panic on another thread is a bug; carry it on as one.
                read.extend(
                    handle
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                );
            }
            read
        });
        read.sort_by_key(|(i, _, _)| *i);
        let mut out = Vec::new();
        let mut reported = Vec::new();
        for (_, mut examples, mut diags) in read {
            out.append(&mut examples);
            reported.append(&mut diags);
        }
        (out, reported)
    }

    /// The examples of `pages`, in order.
    fn examples_of(
        &mut self,
        pages: &[Page],
        requests: &BTreeMap<String, Request>,
        types: &TypeSpace,
        derived: &BTreeMap<TypeKey, Vec<TypeKey>>,
    ) -> Vec<Example> {
        let mut out = Vec::new();
        for page in pages {
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
                out.push(self.example(id, page, block, request, types, derived));
            }
        }
        out
    }

    pub(super) fn example(
        &mut self,
        id: String,
        page: &Page,
        block: &ExampleBlock,
        request: Option<&Request>,
        types: &TypeSpace,
        derived: &BTreeMap<TypeKey, Vec<TypeKey>>,
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
            fallbacks: Vec::new(),
            float_paths: Vec::new(),
            shape: BodyShape::Plain,
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
                let collection =
                    self.annotated_collection(page, block, types.get(&key).map(|_| &key));
                // `"@odata.type": "string"`, `Edm.Boolean`: a primitive result.
                let bare = t
                    .trim()
                    .trim_start_matches("Collection(")
                    .trim_end_matches(')');
                let primitive = crate::ir::typeref::Primitive::from_name(bare)
                    .filter(|_| !bare.contains("graph."));
                match types.get(&key) {
                    _ if primitive.is_some() => primitive.map(|p| ExampleTarget::Type {
                        ty: TypeRef::Primitive(p),
                        collection,
                    }),
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
                    let mut checker = Checker::new(types, derived, body_span);
                    match (&ex.target, request) {
                        (Some(ExampleTarget::Type { ty, collection }), _) => {
                            ex.shape = checker.document(&parsed.value, ty, *collection)
                        }
                        (Some(ExampleTarget::RequestBody { .. }), Some(r)) => {
                            checker.object(&parsed.value, &r.body, false, &r.name, &mut "$".into())
                        }
                        _ => {}
                    }
                    ex.fallbacks = checker.take_fallbacks();
                    ex.float_paths = std::mem::take(&mut checker.float_paths);
                    self.diags.extend(checker.diags);
                    if let Some(why) = checker.unreadable {
                        ex.untested = Some(format!("does not match its documented type: {why}"));
                    }
                    ex.json = Some(parsed.value.into_data());
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
}

impl Resolver<'_> {
    /// Whether an annotated example is a list: a response as [`Resolver::response_collection`]
    /// decides (the annotation, else the Response prose), any other as its annotation says.
    fn annotated_collection(
        &mut self,
        page: &Page,
        block: &ExampleBlock,
        key: Option<&TypeKey>,
    ) -> bool {
        let Some(annotation) = &block.annotation else {
            return false;
        };
        if block.role != ExampleRole::Response {
            let t = annotation.odata_type.as_deref().unwrap_or_default();
            return t.trim().starts_with("Collection(") || annotation.is_collection == Some(true);
        }
        let ty = key.map_or(TypeRef::Any, |k| TypeRef::Named(k.clone()));
        let (collection, disagreement) = self.response_collection(page, annotation, &ty);
        self.diags.extend(disagreement);
        collection
    }
}

pub(super) fn role_label(role: ExampleRole) -> &'static str {
    match role {
        ExampleRole::Request => "request",
        ExampleRole::Response => "response",
        ExampleRole::Example => "JSON",
        ExampleRole::Resource => "resource",
    }
}

/// `pages` cut into runs of consecutive pages, about eight per thread, each with about as
/// many examples as the others: small enough that the threads finish together, large enough
/// that handing them out costs nothing.
fn runs_of_pages(pages: &[Page], threads: usize) -> Vec<std::ops::Range<usize>> {
    let total: usize = pages.iter().map(|page| page.examples.len()).sum();
    let per_run = total.div_ceil(threads.max(1) * 8).max(1);
    let mut runs = Vec::new();
    let (mut start, mut in_run) = (0, 0);
    for (i, page) in pages.iter().enumerate() {
        in_run += page.examples.len();
        if in_run >= per_run {
            runs.push(start..i + 1);
            (start, in_run) = (i + 1, 0);
        }
    }
    if start < pages.len() {
        runs.push(start..pages.len());
    }
    runs
}
