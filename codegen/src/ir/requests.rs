//! Requests from API pages: method, path templates as pieces, body parameters or the
//! resource a create or update sends, query parameters, and the response status and type.

use crate::diag::{Code, Diagnostic, Severity};
use crate::ir::model::*;
use crate::ir::resolve::*;
use crate::ir::typeref::Primitive;
use crate::ir::types::NameKind;
use crate::parse::annotation::Annotation;
use crate::parse::http::{HttpMessage, RequestLine};
use crate::parse::page::{ExampleBlock, ExampleRole, Page, PageKind, ProseLink, TableEntry};
use crate::source::Span;
use std::collections::{BTreeMap, BTreeSet};

impl Resolver<'_> {
    pub(super) fn requests(&mut self, types: &mut TypeSpace) -> BTreeMap<String, Request> {
        self.check_request_names();
        let mut out = BTreeMap::new();
        for page in self.pages {
            let lines: Vec<&RequestLine> = page
                .http_requests
                .iter()
                .filter(|l| names_path(&l.target))
                .collect();
            if page.kind != PageKind::Api || lines.is_empty() {
                continue;
            }
            let request = self.request(page, &lines, types);
            for other in self.other_methods(page, &lines, &request) {
                out.insert(other.name.clone(), other);
            }
            out.insert(request.name.clone(), request);
        }
        self.report_operations_without_request(&out);
        out
    }

    /// Request annotation names are meant to be unique across the docs.
    fn check_request_names(&mut self) {
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        for page in self.pages {
            for a in page
                .examples
                .iter()
                .filter_map(|e| e.annotation.as_ref())
                .filter(|a| a.block_type == crate::parse::annotation::BlockType::Request)
            {
                for name in &a.names {
                    if let Some(first) = names.insert(name.clone(), page.path.clone()) {
                        self.diags.push(Diagnostic::new(
                            Code::RequestNameDuplicate,
                            Some(a.span),
                            format!("request name `{name}` is also used in {first}"),
                        ));
                    }
                }
            }
        }
    }

    /// The request of an API page, with the method of its first request line.
    fn request(&mut self, page: &Page, lines: &[&RequestLine], types: &mut TypeSpace) -> Request {
        let name = stem(&page.path).to_string();
        let method = lines[0].method.clone();
        let paths = self.paths(lines, &method);
        let query = self.parameters(page, &name, "query", types);
        let body = self.parameters(page, &name, "body", types);
        let response = page
            .examples
            .iter()
            .find(|e| e.role == ExampleRole::Response);
        let response_status = page
            .response_status
            .map(|(s, _)| s)
            .or_else(|| response.and_then(status_of));
        let response_type = response
            .and_then(|e| e.annotation.as_ref())
            .filter(|a| a.odata_type.as_deref().is_some_and(|t| !is_no_body(t)))
            .map(|a| {
                let key = type_key(a.odata_type.as_deref().unwrap_or_default());
                let ty = self
                    .by_name
                    .get(&key)
                    .cloned()
                    .map_or(TypeRef::Any, TypeRef::Named);
                // A disagreement is reported once, with the example (`ir/examples.rs`).
                let (collection, _) = self.response_collection(page, a, &ty);
                (ty, collection)
            })
            .or_else(|| self.prose_type(page, &page.response_links));
        // A create or update sends the resource itself; the prose names it.
        let body_type = match body.is_empty() {
            true => self
                .prose_type(page, &page.request_body_links)
                .map(|(t, _)| t)
                .filter(|t| matches!(t, TypeRef::Named(k) if matches!(types.get(k).map(|d| &d.kind), Some(TypeKind::Object(_)))))
                // An update or create sends what it gets back.
                .or_else(|| match (&method[..], &response_type) {
                    ("PATCH" | "POST" | "PUT", Some((TypeRef::Named(k), false))) if matches!(types.get(k).map(|d| &d.kind), Some(TypeKind::Object(_))) => Some(TypeRef::Named(k.clone())),
                    _ => None,
                }),
            false => None,
        };
        let title = page
            .title
            .as_ref()
            .map(|t| t.text.clone())
            .or(page.front_matter.title.clone())
            .unwrap_or_else(|| name.clone());
        let description = page.description();
        Request {
            name,
            page: page.path.clone(),
            title,
            description,
            method,
            paths,
            permissions: page.permissions.clone(),
            headers: page.request_headers.clone(),
            body,
            body_type,
            query,
            response_status,
            response_type,
            span: lines[0].target_span,
        }
    }

    /// The path templates of the page's request lines with `method`, each once.
    fn paths(&mut self, lines: &[&RequestLine], method: &str) -> Vec<PathTemplate> {
        let mut paths: Vec<PathTemplate> = Vec::new();
        for l in lines.iter().filter(|l| l.method == method) {
            let path = self.path_template(&l.target, l.target_span);
            // The same path with other query options (`?$expand=...`) is the same path.
            if !paths.iter().any(|p| p.raw == path.raw) {
                paths.push(path);
            }
        }
        paths
    }

    /// A page that gives its paths with two methods (`PATCH` or `PUT` in
    /// `profilephoto-update`) documents one operation per method: each further method is a
    /// request of its own, `profilephoto-update-put`, with the same body and response.
    fn other_methods(
        &mut self,
        page: &Page,
        lines: &[&RequestLine],
        first: &Request,
    ) -> Vec<Request> {
        let mut methods: Vec<&RequestLine> = Vec::new();
        for &line in lines {
            if line.method != first.method && !methods.iter().any(|m| m.method == line.method) {
                methods.push(line);
            }
        }
        let mut out = Vec::new();
        for line in methods {
            let name = format!("{}-{}", first.name, line.method.to_lowercase());
            if self.pages.iter().any(|p| stem(&p.path) == name) {
                self.diags.push(
                    Diagnostic::new(
                        Code::OperationWithoutRequest,
                        Some(line.target_span),
                        format!("the `{}` operation of `{}` yields no request: its name `{name}` is the name of another page", line.method, page.path),
                    )
                    .label("no request is generated")
                    .help("document each method on a page of its own"),
                );
                continue;
            }
            out.push(Request {
                name,
                method: line.method.clone(),
                paths: self.paths(lines, &line.method),
                span: line.target_span,
                ..first.clone()
            });
        }
        out
    }

    /// Operations the docs document that yield no request: API pages without one, and rows
    /// of Methods tables that link to such a page or to none.
    fn report_operations_without_request(&mut self, requests: &BTreeMap<String, Request>) {
        let with_request: BTreeSet<&str> = requests.values().map(|r| r.page.as_str()).collect();
        let without =
            |page: &Page| page.kind == PageKind::Api && !with_request.contains(page.path.as_str());
        for page in self.pages.iter().filter(|p| without(p)) {
            let (why, span, help) = no_request_reason(page);
            self.diags.push(
                Diagnostic::new(
                    Code::OperationWithoutRequest,
                    Some(span),
                    format!("this API page yields no request: it {why}"),
                )
                .label("no request is generated")
                .help(help),
            );
        }
        for page in self.pages.iter().filter(|p| !without(p)) {
            for &span in &page.other_http_requests {
                self.diags.push(
                    Diagnostic::new(
                        Code::OperationWithoutRequest,
                        Some(span),
                        "this section documents another operation of the page, which yields no request: a page's request is read from its first \"HTTP request\" section",
                    )
                    .label("no request is generated")
                    .help("document each operation on a page of its own"),
                );
            }
        }
        for page in self.pages {
            for op in &page.operations {
                let path = join_path(&page.path, op.target.split('#').next().unwrap_or(""));
                let target = self
                    .by_path
                    .get(&path.to_lowercase())
                    .map(|&i| &self.pages[i]);
                let d = match target {
                    // A subset of the docs (`docs-input/`) lacks most pages its rows link to.
                    None => Diagnostic::new(
                        Code::OperationWithoutRequest,
                        Some(op.span),
                        format!("operation `{}` in the methods table yields no request: it links to `{path}`, which is not in the docs folder", op.name),
                    )
                    .severity(Severity::Note)
                    .help("link the row to the operation's API page; in a subset of the docs, this is expected"),
                    Some(t) if without(t) => Diagnostic::new(
                        Code::OperationWithoutRequest,
                        Some(op.span),
                        format!("operation `{}` in the methods table yields no request: `{}` {}", op.name, t.path, no_request_reason(t).0),
                    ),
                    Some(_) => continue,
                };
                self.diags.push(d.label("no request for this operation"));
            }
        }
    }

    /// The parameters of the tables under a section whose heading names `section`
    /// ("Request body", "Optional query parameters"), each once.
    fn parameters(
        &mut self,
        page: &Page,
        request: &str,
        section: &str,
        types: &mut TypeSpace,
    ) -> Vec<Property> {
        let entries: Vec<&TableEntry> = page
            .parameters
            .iter()
            .filter(|e| crate::parse::contains_ignore_ascii_case(&e.section, section))
            .collect();
        let owner_key = request_enum_prefix(request);
        let unique = self.unique_entries(entries, request);
        let kind = match section {
            "query" => NameKind::Query,
            _ => NameKind::Property,
        };
        let mut out = Vec::new();
        for e in unique {
            if self.property_name(&e.name, e.name_span, request, kind) {
                out.push(self.property(&owner_key, request, page, e, PropertyOrigin::Table, types));
            }
        }
        out
    }

    /// The first prose link that names a documented type, and whether "collection" follows it.
    pub(super) fn prose_type(&self, page: &Page, links: &[ProseLink]) -> Option<(TypeRef, bool)> {
        links.iter().find_map(|l| {
            if l.target.is_empty() {
                if let Some(p) =
                    Primitive::from_name(&l.text).filter(|_| l.text.starts_with(char::is_uppercase))
                {
                    return Some((TypeRef::Primitive(p), l.collection));
                }
            }
            self.prose_link_type(page, l)
                .map(|k| (TypeRef::Named(k), l.collection))
        })
    }

    /// The documented type a prose link names: by its target, or a bold name by its text.
    fn prose_link_type(&self, page: &Page, l: &ProseLink) -> Option<TypeKey> {
        if !l.target.is_empty() {
            return self.link_target(page, &l.target);
        }
        let name = l
            .text
            .trim_matches(|c: char| !c.is_ascii_alphanumeric())
            .to_lowercase();
        self.by_name
            .get(&name)
            .or_else(|| self.by_name.get(&singular(&name)))
            .cloned()
    }

    /// Whether a response annotated as `annotation` (of type `ty`) is a list. The annotation
    /// decides when it says (`Collection(x)`, `isCollection`); when it says nothing, the
    /// Response prose does, if it calls the same type a collection ("returns a collection of
    /// [user](..) objects"). An annotation that says `isCollection: false` against such prose
    /// is followed, and the disagreement is returned as a diagnostic.
    pub(super) fn response_collection(
        &self,
        page: &Page,
        annotation: &Annotation,
        ty: &TypeRef,
    ) -> (bool, Option<Diagnostic>) {
        let odata_type = annotation.odata_type.as_deref().unwrap_or_default();
        let said = match odata_type.trim().starts_with("Collection(") {
            true => Some(true),
            false => annotation.is_collection,
        };
        let prose = match ty {
            TypeRef::Named(key) => page
                .response_links
                .iter()
                .filter(|l| l.collection)
                .find(|l| self.prose_link_type(page, l).as_ref() == Some(key)),
            _ => None,
        };
        match (said, prose) {
            (Some(said), Some(l)) if !said => {
                let d = Diagnostic::new(
                    Code::CollectionDisagree,
                    Some(annotation.span),
                    format!("the annotation says `isCollection: false`, but the Response prose calls `{}` a collection", l.text),
                )
                .label(format!("read as one `{}`, as the annotation says", short_name(odata_type)));
                (false, Some(d))
            }
            (Some(said), _) => (said, None),
            (None, prose) => (prose.is_some(), None),
        }
    }

    pub(super) fn path_template(&mut self, target: &str, span: Span) -> PathTemplate {
        let path = strip_service_root(target);
        let path = path.split('?').next().unwrap_or(path);
        // `GET policies/x` and `GET ~/policies/x` mean `/policies/x`, as most pages write it.
        let rooted;
        let path = match path.starts_with('/') {
            true => path,
            false => {
                rooted = format!("/{}", path.trim_start_matches('~').trim_start_matches('/'));
                self.diags.push(
                    Diagnostic::new(
                        Code::PathTemplate,
                        Some(span),
                        format!("path `{path}` does not start with `/`; read as `{rooted}`"),
                    )
                    .label("read with a leading `/`")
                    .help("start the path with `/`"),
                );
                &rooted
            }
        };
        // `/agreements/<id>`: a placeholder in angle brackets is one in braces.
        let braced;
        let path = match angled_to_braced(path) {
            Some(b) => {
                braced = b;
                self.diags.push(
                    Diagnostic::new(
                        Code::PathTemplate,
                        Some(span),
                        format!("path `{path}` writes a parameter in angle brackets; read as `{braced}`"),
                    )
                    .label("read as a parameter")
                    .help("write path parameters in braces: `{id}`"),
                );
                &braced
            }
            None => path,
        };
        let mut segments = Vec::new();
        let mut rest = path;
        let mut names = BTreeSet::new();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            let before = &rest[..open];
            if !before.is_empty() {
                segments.push(Segment::Literal(before.to_string()));
            }
            // `{id | userPrincipalName}`: either names the same segment; the first is the name.
            let raw = rest[open + 1..close]
                .split('|')
                .next()
                .unwrap_or("")
                .trim()
                .to_string();
            let preceding =
                path[..path.len() - rest.len() + open].trim_end_matches(['/', '(', '\'', '=']);
            let word = preceding.rsplit(['/', '(', ',', '=']).next().unwrap_or("");
            let mut name = if raw.eq_ignore_ascii_case("id") && !word.is_empty() {
                format!("{}_id", singular(word))
            } else {
                raw.clone()
            };
            while !names.insert(name.clone()) {
                name.push_str("_2");
            }
            segments.push(Segment::Param(PathParam { raw, name }));
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            if rest.contains(['{', '}']) {
                self.diags.push(Diagnostic::new(
                    Code::PathTemplate,
                    Some(span),
                    format!("unbalanced braces in `{path}`; the rest is kept as text"),
                ));
            }
            segments.push(Segment::Literal(rest.to_string()));
        }
        PathTemplate {
            raw: path.to_string(),
            segments,
            span,
        }
    }

    pub(super) fn match_request(
        &mut self,
        req: &Request,
        method: &str,
        url: &str,
        span: Span,
    ) -> Option<ExampleRequest> {
        let path = strip_service_root(url);
        let path_only = path.split('?').next().unwrap_or(path);
        let parts = canonical_segments(path_only);
        let mut marked = String::new();
        for (index, template) in req.paths.iter().enumerate() {
            marked.clear();
            for s in &template.segments {
                match s {
                    Segment::Literal(l) => marked.push_str(l),
                    Segment::Param(_) => marked.push('\u{0}'),
                }
            }
            let pattern = canonical_segments(&marked);
            if pattern.len() != parts.len() {
                continue;
            }
            let mut args = Vec::new();
            let matches = pattern.iter().zip(&parts).all(|(p, part)| {
                if *p == "\u{0}" {
                    args.push(part.to_string());
                    true
                } else {
                    p.eq_ignore_ascii_case(part)
                }
            });
            if matches && args.len() == template.params().count() {
                return Some(ExampleRequest {
                    request: req.name.clone(),
                    method: method.to_string(),
                    path_index: index,
                    args,
                    path: path_only.to_string(),
                    query: path.split_once('?').map_or("", |(_, q)| q).to_string(),
                });
            }
        }
        self.diags.push(
            Diagnostic::new(
                Code::ExampleMismatch,
                Some(span),
                format!("request URL matches none of the paths of `{}`", req.name),
            )
            .label("path not checked")
            .help(format!(
                "use one of: {}",
                req.paths
                    .iter()
                    .map(|p| p.raw.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        );
        None
    }
}

pub(super) fn status_of(block: &ExampleBlock) -> Option<u16> {
    match &block.http {
        Some(HttpMessage::Response { status, .. }) => Some(*status),
        _ => None,
    }
}

pub(super) fn is_no_body(odata_type: &str) -> bool {
    let t = odata_type.trim().to_lowercase();
    t == "microsoft.graph.none" || t == "none"
}

pub(super) fn request_enum_prefix(request: &str) -> String {
    format!("request:{request}")
}

/// Whether a request line's target is a path (`/users`, `users`, `~/users`, a URL), not
/// words (`** Entity URI for ... not found`).
fn names_path(target: &str) -> bool {
    strip_service_root(target)
        .starts_with(|c: char| c == '/' || c == '~' || c == '{' || c.is_ascii_alphanumeric())
}

/// Why an API page yields no request, said of the page ("has no ..."): the message,
/// where, and what to change.
fn no_request_reason(page: &Page) -> (String, Span, &'static str) {
    if let Some(line) = page.http_requests.first() {
        return (
            format!(
                "gives no path in its request line: `{} {}`",
                line.method, line.target
            ),
            line.target_span,
            "write the request's path after its method: `GET /users/{id}`",
        );
    }
    if let Some((line, span)) = page.http_request_unread.first() {
        let why = match line.is_empty() {
            true => "has an empty block under \"HTTP request\"".to_string(),
            false => format!("has no request line under \"HTTP request\": `{line}`"),
        };
        return (
            why,
            *span,
            "start each line with a method and a path: `GET /users/{id}`",
        );
    }
    match page.http_request_heading {
        Some(span) => (
            "has no code block after its \"HTTP request\" heading".into(),
            span,
            "put the method and path in a code block under the heading",
        ),
        None => (
            "has no \"HTTP request\" section".into(),
            page.title
                .as_ref()
                .map_or(Span::new(page.file, 0..0), |t| t.span),
            "put the method and path in a code block under an `## HTTP request` heading",
        ),
    }
}

/// Path segments with OData keys and function arguments split out, so that
/// `accessReviews('x')`, `accessReviews/x` and `f(period='x')` compare alike.
pub(super) fn canonical_segments(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        match segment.find('(').filter(|_| segment.ends_with(')')) {
            Some(open) => {
                if open > 0 {
                    out.push(&segment[..open]);
                }
                let args = &segment[open + 1..segment.len() - 1];
                for arg in args.split(',').filter(|a| !a.trim().is_empty()) {
                    let value = arg.split_once('=').map_or(arg, |(_, v)| v);
                    out.push(value.trim().trim_matches('\''));
                }
            }
            None => out.push(segment),
        }
    }
    out
}

/// `path` with each `<name>` (a name without `/`, `<` or `>`) written `{name}`; `None` when
/// it has none.
fn angled_to_braced(path: &str) -> Option<String> {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    let mut changed = false;
    while let Some(open) = rest.find('<') {
        let inner_end = rest[open + 1..].find(['>', '/', '<']).map(|i| open + 1 + i);
        match inner_end {
            Some(close) if rest[close..].starts_with('>') && close > open + 1 => {
                out.push_str(&rest[..open]);
                out.push('{');
                out.push_str(&rest[open + 1..close]);
                out.push('}');
                rest = &rest[close + 1..];
                changed = true;
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn angle_bracket_placeholders_are_parameters() {
        assert_eq!(
            angled_to_braced("/agreements/<id>").as_deref(),
            Some("/agreements/{id}")
        );
        assert_eq!(
            angled_to_braced("/a/<x>/b/<y-id>").as_deref(),
            Some("/a/{x}/b/{y-id}")
        );
        assert_eq!(angled_to_braced("/a/{id}"), None);
        // Not a placeholder: an unclosed bracket, one across a `/`, an empty one.
        assert_eq!(angled_to_braced("/a/<b/c>"), None);
        assert_eq!(angled_to_braced("/a/<>"), None);
        assert_eq!(angled_to_braced("/a<"), None);
    }

    #[test]
    pub(super) fn odata_keys_and_function_arguments_compare_alike() {
        assert_eq!(
            canonical_segments("/accessReviews('x')/reviewers"),
            vec!["accessReviews", "x", "reviewers"]
        );
        assert_eq!(
            canonical_segments("/accessReviews/x/reviewers"),
            vec!["accessReviews", "x", "reviewers"]
        );
        assert_eq!(
            canonical_segments("/reports/getX(period='D7')"),
            vec!["reports", "getX", "D7"]
        );
        assert_eq!(canonical_segments("/f(a=1,b='2')"), vec!["f", "1", "2"]);
    }
}
