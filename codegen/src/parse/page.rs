//! Reads one docs page into a [`Page`]: everything the page says, with spans, before any
//! cross-page resolution. Sections are recognised by their headings, case-insensitively,
//! because the docs spell them both ways.

use crate::diag::{Code, Diagnostic};
use crate::parse::annotation::{self, Annotation, BlockType};
use crate::parse::front_matter::{self, FrontMatter};
use crate::parse::http::{self, HttpMessage, RequestLine};
use crate::parse::inheritance::{self, BaseStatement, StatedIn};
use crate::parse::markdown::{self, Block, CodeBlock, Heading, Paragraph};
use crate::parse::table::RawTable;
use crate::source::{join_relative, FileId, Span};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Api,
    Resource,
    Other,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Permission {
    pub permission_type: String,
    /// Empty when the page says "Not supported".
    pub permissions: Vec<String>,
    pub span: Span,
}

/// A row of a property, relationship or parameter table; the type cell is resolved later.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TableEntry {
    pub name: String,
    pub name_span: Span,
    pub type_text: String,
    pub type_span: Span,
    pub description: String,
    pub description_span: Option<Span>,
    /// The heading of the section the table is in ("Request body", "Function parameters").
    pub section: String,
    /// How the type was read when the table has no Type column, for the rustdoc.
    pub note: Option<String>,
}

/// What the parser took a table for. Whether the resolver then uses it is checked once the
/// model is built; a table it does not use is reported (`table-unread`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TableRole {
    Permissions,
    Headers,
    EnumMembers,
    /// Enum members under a heading that names their enum (`### calendarColor values`): an
    /// enum of its own, whatever type the page documents.
    EnumSection,
    Properties,
    Relationships,
    Parameters,
    /// A resource's operations, each a link to its API page.
    Methods,
    /// None of the above: a table of methods, of error codes, of example values...
    Other,
}

/// A table of the page, as a whole.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PageTable {
    /// The header cells as written, joined with ` | ` (`Name | Value | Description`).
    pub header: String,
    /// The nearest heading above the table.
    pub heading: String,
    pub role: TableRole,
    /// Whether a header cell starts with "Type".
    pub type_column: bool,
    /// Why the parser could not read it, when it looks like it lists properties or parameters.
    pub unreadable: Option<String>,
    /// The header row.
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct EnumMember {
    pub name: String,
    pub value: Option<String>,
    pub description: String,
    pub span: Span,
}

/// A table of enum members under a heading that names the enum: `### calendarColor values`
/// in `enums.md`, which documents dozens of enums, or `### tlpLevel values` on the page of
/// `tiIndicator`, whose property it types.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct EnumSection {
    /// The enum's name as the heading gives it (`calendarColor`).
    pub name: String,
    /// The heading, which diagnostics point at and links reach by its anchor.
    pub heading: Heading,
    pub members: Vec<EnumMember>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct HeaderRow {
    pub name: String,
    pub description: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExampleRole {
    Request,
    Response,
    /// A JSON document of a given type (notifications, resource examples).
    Example,
    /// A resource's JSON representation: a template, not data.
    Resource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ClassifiedBy {
    Annotation,
    Heading,
}

/// A code block that shows a request, a response, or a JSON document.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ExampleBlock {
    pub role: ExampleRole,
    pub classified_by: ClassifiedBy,
    pub annotation: Option<Annotation>,
    pub code: CodeBlock,
    pub http: Option<HttpMessage>,
    /// The nearest heading above the block ("Redirect a call", "Notification - incoming").
    pub heading: Option<String>,
    /// The `###` heading that names the example this block belongs to.
    pub example_title: Option<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Page {
    pub file: FileId,
    /// Path relative to the docs root, `/`-separated (`beta/api/call-redirect.md`).
    pub path: String,
    pub kind: PageKind,
    pub front_matter: FrontMatter,
    pub title: Option<Heading>,
    /// First paragraph under the title.
    pub summary: Option<Paragraph>,
    pub headings: Vec<Heading>,
    pub permissions: Vec<Permission>,
    /// The request lines of the "HTTP request" section: the path templates.
    pub http_requests: Vec<RequestLine>,
    /// The first "HTTP request" heading, at any level.
    pub http_request_heading: Option<Span>,
    /// Code blocks under it that hold no request line, by their first line: why a page
    /// without `http_requests` has none.
    pub http_request_unread: Vec<(String, Span)>,
    /// "HTTP request" headings of further operations (`### HTTP request` under "## Get a
    /// single thumbnail", after the page's own `## HTTP request`): their blocks are examples.
    pub other_http_requests: Vec<Span>,
    pub request_headers: Vec<HeaderRow>,
    pub parameters: Vec<TableEntry>,
    /// `202 Accepted` as stated in the Response section's prose.
    pub response_status: Option<(u16, Span)>,
    pub properties: Vec<TableEntry>,
    pub relationships: Vec<TableEntry>,
    /// Members of the page's own enum type (a table under `## Members`).
    pub enum_members: Vec<EnumMember>,
    /// Enums documented under headings of their own, in page order.
    pub enum_sections: Vec<EnumSection>,
    pub examples: Vec<ExampleBlock>,
    pub page_annotation: Option<Annotation>,
    /// Annotations of blocks that are neither examples nor templates (`ignored`, `samples`).
    pub other_annotations: Vec<Annotation>,
    /// Links in the Request body section's prose ("supply a JSON representation of [user](..)").
    pub request_body_links: Vec<ProseLink>,
    /// Links in the Response section's prose ("returns a [user](..) collection").
    pub response_links: Vec<ProseLink>,
    /// Every table of the page, in order, with those of the fragments it includes where it
    /// includes them (their spans point into the fragment).
    pub tables: Vec<PageTable>,
    /// What the prose and the description say the base type is ("Inherits from ...").
    pub base_statements: Vec<BaseStatement>,
    /// The page's `[!INCLUDE [name](target)]`s, in order.
    pub includes: Vec<Include>,
    /// The rows of its Methods tables that link to a page: the operations it lists.
    pub operations: Vec<OperationLink>,
}

/// A row of a Methods table: `| [List users](../api/user-list.md) | [user](user.md) collection | ... |`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct OperationLink {
    /// The link's text (`List users`).
    pub name: String,
    /// The link's target, as written.
    pub target: String,
    /// The cell that holds the link.
    pub span: Span,
}

/// An `[!INCLUDE [name](target)]`: the docs site puts the target file's content there.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Include {
    /// As written (`../../includes/beta-disclaimer.md`).
    pub target: String,
    /// Relative to the docs root; `None` when the target climbs out of it.
    pub path: Option<String>,
    pub kind: IncludeKind,
    /// The target as written.
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum IncludeKind {
    /// A fragment of the page (`includes/beta-disclaimer.md`): its tables are read as the
    /// page's own.
    Fragment,
    /// A code sample in another language (`includes/snippets/csharp/x.md`): for readers only.
    Snippet,
}

/// Where the fragments a page includes are read from; see [`parse_with`].
pub trait Fragments {
    /// The tables of the fragment at `path` (relative to the docs root), or why it cannot be
    /// read (`does not exist`).
    fn tables(
        &mut self,
        path: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<Vec<RawTable<'static>>, String>;
    /// Whether a file exists at `path`: code samples are checked, not read.
    fn exists(&mut self, path: &str) -> bool;
    /// Whether a target that leaves the docs folder is met for the first time: it is
    /// reported once, not on every page that includes it.
    fn first_outside(&mut self, target: &str) -> bool;
}

/// A link in prose that may name the type of a body.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ProseLink {
    pub text: String,
    pub target: String,
    /// The words right after the link say "collection".
    pub collection: bool,
    pub span: Span,
}

impl Page {
    /// The front matter's description, else the first paragraph under the title.
    pub fn description(&self) -> String {
        let summary = || self.summary.as_ref().map(|p| p.text.clone());
        self.front_matter
            .description
            .clone()
            .or_else(summary)
            .unwrap_or_default()
    }

    pub fn resource_block(&self) -> Option<&ExampleBlock> {
        self.examples
            .iter()
            .find(|e| e.role == ExampleRole::Resource)
    }
}

/// Parses a page on its own: its includes are listed, not read. Problems become
/// diagnostics; parsing itself never fails.
pub fn parse(file: FileId, path: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Page {
    parse_with(file, path, text, None, diags)
}

/// Parses a page and reads the fragments it includes from `fragments`: their tables count
/// where the include stands; a target that is missing or outside the docs root is reported.
pub fn parse_with(
    file: FileId,
    path: &str,
    text: &str,
    fragments: Option<&mut dyn Fragments>,
    diags: &mut Vec<Diagnostic>,
) -> Page {
    let (front_matter, body_start) = front_matter::parse(file, text, diags);
    let blocks = markdown::blocks(file, text, body_start);
    let kind = if super::contains(path, "/api/") || path.starts_with("api/") {
        PageKind::Api
    } else if super::contains(path, "/resources/") || path.starts_with("resources/") {
        PageKind::Resource
    } else {
        PageKind::Other
    };
    let mut page = Page {
        file,
        path: path.to_string(),
        kind,
        front_matter,
        title: None,
        summary: None,
        headings: Vec::new(),
        permissions: Vec::new(),
        http_requests: Vec::new(),
        http_request_heading: None,
        http_request_unread: Vec::new(),
        other_http_requests: Vec::new(),
        request_headers: Vec::new(),
        parameters: Vec::new(),
        response_status: None,
        properties: Vec::new(),
        relationships: Vec::new(),
        enum_members: Vec::new(),
        enum_sections: Vec::new(),
        examples: Vec::new(),
        page_annotation: None,
        other_annotations: Vec::new(),
        request_body_links: Vec::new(),
        response_links: Vec::new(),
        tables: Vec::new(),
        base_statements: Vec::new(),
        includes: Vec::new(),
        operations: Vec::new(),
    };
    Reader {
        page: &mut page,
        text,
        // A shorter-lived borrow of the same loader.
        fragments: fragments.map(|f| f as &mut dyn Fragments),
        diags,
        section: String::new(),
        heading: None,
        example_title: None,
        pending: None,
        http_request_section: false,
    }
    .read(blocks);
    if page.kind == PageKind::Resource {
        page.base_statements
            .extend(description_statement(&page.front_matter, file, text));
    }
    page
}

/// "Represents an Azure AD user account. Inherits from directoryObject." in the front matter.
fn description_statement(fm: &FrontMatter, file: FileId, text: &str) -> Option<BaseStatement> {
    let description = fm.description.as_deref()?;
    let yaml = fm.span?;
    let (start, end) = (yaml.start as usize, yaml.end as usize);
    let mut statement = inheritance::statement(description, &[], StatedIn::Description, yaml)?;
    // Point at the name inside the front matter when it is there as written.
    let at = text[start..end].find("description:").and_then(|l| {
        text[start + l..end]
            .find(&statement.name)
            .map(|n| start + l + n)
    });
    if let Some(at) = at {
        statement.span = Span::new(file, at..at + statement.name.len());
    }
    Some(statement)
}

struct Reader<'a> {
    page: &'a mut Page,
    /// The page's text, for the spans of include targets.
    text: &'a str,
    fragments: Option<&'a mut dyn Fragments>,
    diags: &'a mut Vec<Diagnostic>,
    /// Lowercased text of the current `##` heading.
    section: String,
    heading: Option<String>,
    example_title: Option<String>,
    /// An annotation waiting for its code block.
    pending: Option<Annotation>,
    /// Whether the page has a `##` "HTTP request" section.
    http_request_section: bool,
}

impl Reader<'_> {
    fn read(mut self, blocks: Vec<Block>) {
        self.http_request_section = blocks
            .iter()
            .any(|b| matches!(b, Block::Heading(h) if h.level <= 2 && is_http_request(&h.text)));
        // Sized at once, as the page keeps them: every heading but a tab's is kept, every
        // table (and those of the fragments it includes, which are few) and most code blocks
        // are examples (half a kilobyte each, of which a list grown one by one left more than
        // half unused).
        let count = |kind: fn(&Block) -> bool| blocks.iter().filter(|b| kind(b)).count();
        let headings = count(|b| matches!(b, Block::Heading(_)));
        self.page.headings.reserve_exact(headings);
        let tables = count(|b| matches!(b, Block::Table(_)));
        self.page.tables.reserve_exact(tables);
        let code = count(|b| matches!(b, Block::Code(_)));
        self.page.examples.reserve_exact(code);
        for block in blocks {
            match block {
                Block::Heading(h) => self.heading(h),
                Block::Paragraph(p) => {
                    let included = self.includes(p.span, true);
                    self.paragraph(p);
                    for t in included {
                        self.table(t);
                    }
                }
                Block::Table(t) => {
                    // Includes in cells (`[!INCLUDE [outlook-beta-id](..)]`) are prose.
                    self.includes(t.span, false);
                    self.table(t)
                }
                Block::Code(c) => self.code(c),
                Block::Comment(c) => {
                    if let Some(a) = annotation::parse(&c.text, c.text_span, self.diags) {
                        self.annotation(a);
                    }
                }
            }
        }
        if let Some(a) = self.pending.take() {
            self.unattached(a);
        }
    }

    fn heading(&mut self, h: Heading) {
        // `# [HTTP](#tab/http)` opens a tab of code samples; it is no heading of the page.
        if self
            .text
            .get(h.span.range())
            .is_some_and(|raw| raw.contains("](#tab/"))
        {
            return;
        }
        if h.level == 1 && self.page.title.is_none() {
            self.page.title = Some(h.clone());
        }
        if h.level == 2 {
            self.section = h.text.to_lowercase();
            self.example_title = None;
        }
        if h.level == 3 {
            self.example_title = Some(h.text.clone());
        }
        if self.page.http_request_heading.is_none() && is_http_request(&h.text) {
            self.page.http_request_heading = Some(h.span);
        }
        self.heading = Some(h.text.clone());
        if is_http_request(&h.text) && h.level > 2 && !self.in_http_request() && !self.in_examples()
        {
            self.page.other_http_requests.push(h.span);
        }
        self.page.headings.push(h);
    }

    /// Records the includes in the source of a block and, when fragments are read, checks
    /// that each target exists; returns the tables of the fragments when `tables`.
    fn includes(&mut self, block: Span, tables: bool) -> Vec<RawTable<'static>> {
        let raw = self.text.get(block.range()).unwrap_or("");
        let mut read = Vec::new();
        for (range, target) in include_targets(raw) {
            let span = block.sub(range);
            let path = join_relative(&self.page.path, &target);
            let kind = match path.as_deref().is_some_and(is_snippet) {
                true => IncludeKind::Snippet,
                false => IncludeKind::Fragment,
            };
            if let Some(fragments) = self.fragments.as_deref_mut() {
                let problem = match (&path, kind) {
                    (None, _) => fragments
                        .first_outside(&target)
                        .then(|| outside_docs(span, &target)),
                    (Some(p), IncludeKind::Snippet) => {
                        (!fragments.exists(p)).then(|| missing(span, p, "does not exist"))
                    }
                    (Some(p), IncludeKind::Fragment) => match fragments.tables(p, self.diags) {
                        Ok(t) => {
                            if tables {
                                read.extend(t);
                            }
                            None
                        }
                        Err(why) => Some(missing(span, p, &why)),
                    },
                };
                self.diags.extend(problem);
            }
            self.page.includes.push(Include {
                target,
                path,
                kind,
                span,
            });
        }
        read
    }

    fn paragraph(&mut self, p: Paragraph) {
        // `**Request**` on a line of its own labels the next block as a heading would.
        if self.in_examples() && is_label(&p.text) {
            self.heading = Some(p.text.trim_end_matches(':').trim().to_string());
        }
        let in_intro = self.page.headings.len() == 1 && self.page.title.is_some();
        if in_intro
            && self.page.summary.is_none()
            && !p.text.starts_with("[!INCLUDE")
            && !p.text.starts_with('[')
        {
            self.page.summary = Some(p.clone());
        }
        if self.page.kind == PageKind::Resource && !self.in_examples() {
            self.page.base_statements.extend(inheritance::statement(
                &p.text,
                &p.links,
                StatedIn::Prose,
                p.span,
            ));
        }
        if self.section.starts_with("response") && self.page.response_status.is_none() {
            self.page.response_status = status_in_prose(&p.text).map(|s| (s, p.span));
        }
        // Prose names the type of a request or a response body only under those headings.
        let request_body = self.section.starts_with("request body");
        if !request_body && !self.section.starts_with("response") {
            return;
        }
        let included = |target: &str| {
            self.page
                .includes
                .iter()
                .any(|i| i.target == target && p.span.range().contains(&(i.span.start as usize)))
        };
        let links = p
            .links
            .iter()
            .filter(|(_, target)| is_page_link(target) && !included(target));
        let prose_links = links.map(|(text, target)| ProseLink {
            text: text.clone(),
            target: target.clone(),
            collection: names_collection(&p.text, text),
            span: p.span,
        });
        // A bold name (`an **accounts** object`) names a type as a link would.
        let bold = p
            .strong
            .iter()
            .filter(|b| !b.is_empty() && !b.contains(' '))
            .map(|b| ProseLink {
                text: b.clone(),
                target: String::new(),
                collection: false,
                span: p.span,
            });
        // "a String collection", "a Boolean": primitive results named in prose.
        let words: Vec<&str> = p
            .text
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
            .collect();
        let primitives = words
            .iter()
            .enumerate()
            .filter(|(_, w)| PROSE_PRIMITIVES.contains(w))
            .map(|(i, w)| ProseLink {
                text: w.to_string(),
                target: String::new(),
                collection: words
                    .get(i + 1)
                    .is_some_and(|n| n.eq_ignore_ascii_case("collection")),
                span: p.span,
            });
        let prose_links: Vec<ProseLink> = prose_links.chain(bold).chain(primitives).collect();
        match request_body {
            true => self.page.request_body_links.extend(prose_links),
            false => self.page.response_links.extend(prose_links),
        }
    }

    fn table(&mut self, t: RawTable<'_>) {
        self.check_ragged(&t);
        let section = self.section.clone();
        let heading = self.heading.clone().unwrap_or_default();
        let headers = t.header_texts();
        let first = headers.first().map(String::as_str).unwrap_or("");
        // Parameters are under "Request body" or "... parameters", as a `##` section or as the
        // heading right above the table (`## HTTP request` / `### Request body`).
        let lists_parameters = |s: &str| {
            super::contains_ignore_ascii_case(s, "body")
                || super::contains_ignore_ascii_case(s, "parameter")
        };
        let parameters_here = lists_parameters(&section) || lists_parameters(&heading);
        let mut unreadable = None;
        let role = if first.starts_with("permission type") {
            self.permissions(&t);
            TableRole::Permissions
        } else if section.starts_with("request header")
            || (first == "header" || first == "name")
                && headers.len() == 2
                && super::contains(&section, "header")
        {
            self.page
                .request_headers
                .extend(
                    t.rows
                        .iter()
                        .filter(|r| r.cells.len() >= 2)
                        .map(|r| HeaderRow {
                            name: r.cells[0].text.to_string(),
                            description: r.cells[1].text.to_string(),
                            span: r.span,
                        }),
                );
            TableRole::Headers
        } else if let Some(name) = self.enum_section_name(first, &t) {
            let members = enum_members(&t);
            self.add_enum_section(name, members);
            TableRole::EnumSection
        } else if first.starts_with("member")
            || (first.starts_with("name") || first.starts_with("value"))
                && super::contains(&section, "member")
        {
            self.page.enum_members.extend(enum_members(&t));
            TableRole::EnumMembers
        } else if first.starts_with("method") {
            self.operations(&t);
            TableRole::Methods
        } else if t.column(&["type"]).is_some() {
            let entries = entries(&t, &heading);
            if section.starts_with("propert") {
                self.page.properties.extend(entries);
                TableRole::Properties
            } else if section.starts_with("relationship") {
                self.page.relationships.extend(entries);
                TableRole::Relationships
            } else if parameters_here {
                self.page.parameters.extend(entries);
                TableRole::Parameters
            } else {
                TableRole::Other
            }
        } else if parameters_here && t.column(&["value"]).is_some_and(|i| i > 0) {
            // `Name | Value | Description` in a request body: the Value column may give types.
            match value_entries(&t, &heading) {
                Ok(entries) => {
                    self.page.parameters.extend(entries);
                    TableRole::Parameters
                }
                Err(why) => {
                    unreadable = Some(why);
                    TableRole::Other
                }
            }
        } else {
            TableRole::Other
        };
        self.page.tables.push(PageTable {
            header: t
                .header
                .cells
                .iter()
                .map(|c| &*c.text)
                .collect::<Vec<_>>()
                .join(" | "),
            heading,
            role,
            type_column: t.column(&["type"]).is_some(),
            unreadable,
            span: t.header.span,
        });
    }

    fn permissions(&mut self, t: &RawTable) {
        for row in t.rows.iter().filter(|r| r.cells.len() >= 2) {
            let text = &row.cells[1].text;
            let not_supported =
                super::contains_ignore_ascii_case(text, "not supported") || text.trim().is_empty();
            let permissions = if not_supported {
                Vec::new()
            } else {
                text.split([',', ' '])
                    .map(|p| p.trim().trim_matches('`'))
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            self.page.permissions.push(Permission {
                permission_type: row.cells[0].text.to_string(),
                permissions,
                span: row.span,
            });
        }
    }

    /// The enum a table of members documents on its own, named by the heading right above
    /// it: `calendarColor values`, or a bare `conditionalAccessPolicyState` at `###` or
    /// deeper (2020-05's `enums.md`). `## Members` on an enum's own page names no enum.
    fn enum_section_name(&self, first: &str, t: &RawTable) -> Option<String> {
        let heading = self.page.headings.last()?;
        let text = heading.text.trim();
        let name = match super::ends_with_ignore_ascii_case(text, " values") {
            // The suffix is ASCII: what comes before it ends on a character.
            true => &text[..text.len() - " values".len()],
            false if heading.level >= 3 => text,
            false => return None,
        };
        let name = name.trim().trim_matches(|c| c == '`' || c == '*');
        let identifier = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        let generic = ["member", "members", "value", "values", "enum"]
            .iter()
            .any(|w| name.eq_ignore_ascii_case(w));
        // `Value` alone is a column of members only under such a heading; a Type column
        // makes it a table of properties.
        let lists_members = first.starts_with("member")
            || first.starts_with("value") && t.column(&["type"]).is_none();
        (identifier && !generic && lists_members).then(|| name.to_string())
    }

    /// Adds the members of a table to the enum of the heading above it; two tables under
    /// one heading are one enum.
    fn add_enum_section(&mut self, name: String, members: Vec<EnumMember>) {
        let Some(heading) = self.page.headings.last() else {
            return;
        };
        match self.page.enum_sections.last_mut() {
            Some(last) if last.heading.span == heading.span => last.members.extend(members),
            _ => self.page.enum_sections.push(EnumSection {
                name,
                heading: heading.clone(),
                members,
            }),
        }
    }

    fn operations(&mut self, t: &RawTable) {
        for cell in t.rows.iter().filter_map(|r| r.cells.first()) {
            let links = crate::ir::typeref::links(&cell.text);
            // A row that links nowhere heads a group of rows (`| **Open extensions** | | |`).
            let Some((name, target)) = links.into_iter().find(|(_, t)| is_page_link(t)) else {
                continue;
            };
            self.page.operations.push(OperationLink {
                name,
                target,
                span: cell.span,
            });
        }
    }

    fn check_ragged(&mut self, t: &RawTable) {
        let want = t.header.cells.len();
        for row in &t.rows {
            let got = row.cells.len();
            if got != want {
                let (what, span) = if got > want {
                    let extra = &row.cells[want..];
                    (
                        "long",
                        Span {
                            file: row.span.file,
                            start: extra[0].span.start,
                            end: extra[extra.len() - 1].span.end,
                        },
                    )
                } else {
                    ("short", row.span)
                };
                self.diags.push(
                    Diagnostic::new(
                        Code::TableRaggedRow,
                        Some(span),
                        format!("table row is {what}: {got} cells where the header has {want}"),
                    )
                    .label(if got > want {
                        "extra cells, kept in the last column"
                    } else {
                        "missing cells are read as empty"
                    }),
                );
            }
        }
    }

    fn annotation(&mut self, a: Annotation) {
        if a.block_type == BlockType::PageAnnotation {
            self.page.page_annotation = Some(a);
            return;
        }
        if let Some(previous) = self.pending.replace(a) {
            self.unattached(previous);
        }
    }

    fn unattached(&mut self, a: Annotation) {
        if a.block_type != BlockType::Ignored {
            self.diags.push(
                Diagnostic::new(
                    Code::AnnotationWithoutBlock,
                    Some(a.span),
                    "annotation is not followed by a code block",
                )
                .label("this annotation"),
            );
        }
        self.page.other_annotations.push(a);
    }

    fn code(&mut self, code: CodeBlock) {
        if !code.closed {
            self.diags.push(
                Diagnostic::new(
                    Code::FenceNotClosed,
                    Some(code.span.sub(0..3)),
                    "code block is never closed; it runs to the end of the page",
                )
                .label("opened here"),
            );
        }
        let annotation = self.pending.take();
        // Fences are labelled `http`, `json` or nothing whatever they hold; the first line tells.
        // `msgraph-interactive` is an http block that the docs site lets readers run.
        let http = matches!(
            code.lang.as_str(),
            "http" | "json" | "" | "msgraph-interactive"
        )
        .then(|| http_message(&code))
        .flatten();
        if self.in_http_request() {
            match &http {
                // Pages that document a path per `##` section give each its own block.
                Some(HttpMessage::Request { lines, .. }) => {
                    self.page.http_requests.extend(lines.iter().cloned())
                }
                _ if self.page.http_requests.is_empty() => {
                    self.page.http_request_unread.push(first_line(&code))
                }
                _ => {}
            }
            if matches!(http, Some(HttpMessage::Request { .. }))
                || self.page.http_requests.is_empty()
            {
                self.page.other_annotations.extend(annotation);
                return;
            }
        }
        let by_annotation = annotation.as_ref().and_then(|a| match a.block_type {
            BlockType::Request => Some(ExampleRole::Request),
            BlockType::Response => Some(ExampleRole::Response),
            BlockType::Example => Some(ExampleRole::Example),
            BlockType::Resource => Some(ExampleRole::Resource),
            _ => None,
        });
        let (role, classified_by) = match (by_annotation, &annotation) {
            (Some(role), _) => (role, ClassifiedBy::Annotation),
            (None, Some(_)) => {
                self.page.other_annotations.extend(annotation);
                return;
            }
            (None, None) => match self.role_from_heading(&code, &http) {
                Some(role) => (role, ClassifiedBy::Heading),
                None => {
                    if self.in_examples() && (code.lang == "http" || code.lang == "json") {
                        self.diags.push(
                            Diagnostic::new(Code::ExampleUnclassified, Some(code.span.sub(0..code.span.range().len().min(3))), format!("{} block under \"{}\" is neither a request nor a response example", code.lang, self.heading.as_deref().unwrap_or("")))
                                .label("not used as an example"),
                        );
                    }
                    return;
                }
            },
        };
        self.page.examples.push(ExampleBlock {
            role,
            classified_by,
            annotation,
            code,
            http,
            heading: self.heading.clone(),
            example_title: self.example_title.clone(),
        });
    }

    /// Under an "HTTP request" heading: the `##` section, or, on a page without one, a
    /// `###` one in each section of a path (`drive-get.md`: "## Get a user's OneDrive" /
    /// "### HTTP request"). Under an Examples section such a heading titles an example.
    fn in_http_request(&self) -> bool {
        // Pages that write every section at `###` put "### Example" inside "## HTTP request".
        let example = self
            .example_title
            .as_deref()
            .is_some_and(|t| super::starts_with_ignore_ascii_case(t, "example"));
        !example
            && (is_http_request(&self.section)
                || !self.http_request_section
                    && !self.in_examples()
                    && self.heading.as_deref().is_some_and(is_http_request))
    }

    fn in_examples(&self) -> bool {
        self.section.starts_with("example")
    }

    /// Unannotated blocks count as examples when a heading says what they are, as on the
    /// intune pages and "Forward a call" in call-redirect.md.
    fn role_from_heading(
        &self,
        code: &CodeBlock,
        http: &Option<HttpMessage>,
    ) -> Option<ExampleRole> {
        let heading = self.heading.as_deref()?;
        if !self.in_examples()
            && !self.section.starts_with("request")
            && !self.section.starts_with("response")
        {
            return None;
        }
        match http {
            Some(HttpMessage::Request { .. })
                if super::contains_ignore_ascii_case(heading, "request") =>
            {
                Some(ExampleRole::Request)
            }
            Some(HttpMessage::Response { .. })
                if super::contains_ignore_ascii_case(heading, "response") =>
            {
                Some(ExampleRole::Response)
            }
            None if code.lang == "json"
                && super::contains_ignore_ascii_case(heading, "response") =>
            {
                Some(ExampleRole::Response)
            }
            _ => None,
        }
    }
}

/// Each `[!INCLUDE [name](target)]` in markdown source: the target's range and text.
fn include_targets(raw: &str) -> Vec<(std::ops::Range<usize>, String)> {
    const MARK: &str = "[!INCLUDE";
    let mut out = Vec::new();
    let mut at = 0;
    // `[!` and then `include` in any case, found without copying the page to one case. Found
    // by its `!`, which a byte search finds fast and pages hold fewer of than `[`.
    while let Some(found) = memchr::memchr(b'!', &raw.as_bytes()[at..]) {
        let bang = at + found;
        at = bang + 1;
        if bang == 0 || raw.as_bytes()[bang - 1] != b'[' {
            continue;
        }
        let mark = bang - 1;
        let word = raw.as_bytes().get(at..mark + MARK.len());
        if !word.is_some_and(|w| w.eq_ignore_ascii_case(&MARK.as_bytes()[2..])) {
            continue;
        }
        at = mark + MARK.len();
        let rest = &raw[at..];
        let Some(name) = rest.trim_start().strip_prefix('[') else {
            continue;
        };
        let Some(open) = name.find("](").map(|i| rest.len() - name.len() + i + 2) else {
            continue;
        };
        let Some(close) = rest[open..].find(')').map(|i| open + i) else {
            continue;
        };
        let inner = &rest[open..close];
        let start = at + open + (inner.len() - inner.trim_start().len());
        let target = inner.trim();
        out.push((start..start + target.len(), target.to_string()));
        at += close;
    }
    out
}

/// A link to a docs page (`user.md`, `../api/user-get.md#example`), not to a site or anchor.
fn is_page_link(target: &str) -> bool {
    target.ends_with(".md") || target.contains(".md#")
}

/// Code samples live under `includes/snippets/`.
fn is_snippet(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    parts.windows(2).any(|w| w == ["includes", "snippets"])
}

fn missing(span: Span, path: &str, why: &str) -> Diagnostic {
    Diagnostic::new(
        Code::IncludeMissing,
        Some(span),
        format!("included file `{path}` {why}"),
    )
    .label("nothing is included here")
}

fn outside_docs(span: Span, target: &str) -> Diagnostic {
    Diagnostic::new(
        Code::IncludeOutsideDocs,
        Some(span),
        format!("included file `{target}` is outside the docs folder and is not read, here or where other pages include it"),
    )
    .label("not read")
}

/// "a [user](..) collection" or "a collection of [user](..) objects": the words around a
/// name say whether it is a list.
fn names_collection(text: &str, name: &str) -> bool {
    let Some(at) = text.find(name) else {
        return false;
    };
    let after: Vec<String> = text[at + name.len()..]
        .split_whitespace()
        .take(2)
        .map(str::to_lowercase)
        .collect();
    let before: Vec<String> = text[..at]
        .split_whitespace()
        .rev()
        .take(3)
        .map(str::to_lowercase)
        .collect();
    after.iter().any(|w| w.starts_with("collection"))
        || before.first().is_some_and(|w| w == "of")
            && before
                .iter()
                .any(|w| w == "collection" || w == "list" || w == "array")
}

/// Primitive type names that prose uses for results, capitalised as type names are.
const PROSE_PRIMITIVES: &[&str] = &[
    "String",
    "Boolean",
    "Int32",
    "Int64",
    "Double",
    "DateTimeOffset",
    "Guid",
];

/// A short paragraph that only names a part of an example ("Request", "Response:").
fn is_label(text: &str) -> bool {
    let text = text.trim().trim_end_matches(':');
    // A label is three words at most.
    if text.split_whitespace().nth(3).is_some() {
        return false;
    }
    ["request", "response"].iter().any(|word| {
        super::starts_with_ignore_ascii_case(text, word)
            || super::ends_with_ignore_ascii_case(text, word)
    })
}

fn is_http_request(heading: &str) -> bool {
    super::starts_with_ignore_ascii_case(heading, "http request")
}

/// The first line of a code block that is not blank, with its span; the opening fence when
/// the block is empty.
fn first_line(code: &CodeBlock) -> (String, Span) {
    http::lines(&code.content, code.content_span)
        .into_iter()
        .find(|(l, _)| !l.trim().is_empty())
        .map(|(l, span)| {
            let start = l.len() - l.trim_start().len();
            (
                l.trim().to_string(),
                span.sub(start..start + l.trim().len()),
            )
        })
        .unwrap_or_else(|| {
            (
                String::new(),
                code.span.sub(0..code.span.range().len().min(3)),
            )
        })
}

fn http_message(code: &CodeBlock) -> Option<HttpMessage> {
    let prefix = code
        .info_rest
        .as_ref()
        .map(|(rest, span)| (rest.as_str(), *span));
    http::parse_block(prefix, &code.content, code.content_span)
}

/// The rows of a table of enum members: the first column names each member.
fn enum_members(t: &RawTable) -> Vec<EnumMember> {
    let value = t.column(&["value"]).filter(|&i| i != 0);
    let description = t.column(&["description"]);
    let mut out = Vec::new();
    for row in &t.rows {
        let Some(name) = row.cells.first() else {
            continue;
        };
        let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).map(|c| c.text.to_string());
        out.push(EnumMember {
            name: name.text.trim_matches('`').to_string(),
            value: cell(value),
            description: cell(description).unwrap_or_default(),
            span: row.span,
        });
    }
    out
}

fn entries(t: &RawTable, section: &str) -> Vec<TableEntry> {
    let Some(type_col) = t.column(&["type"]) else {
        return Vec::new();
    };
    let description_col = t.column(&["description"]);
    let mut out = Vec::new();
    for row in &t.rows {
        let Some(name) = row.cells.first() else {
            continue;
        };
        let Some(ty) = row.cells.get(type_col) else {
            continue;
        };
        // A long row's extra cells belong to the description (an unescaped `|` in its text).
        let mut description = String::new();
        for (i, cell) in description_col
            .and_then(|i| row.cells.get(i..))
            .into_iter()
            .flatten()
            .enumerate()
        {
            if i > 0 {
                description.push_str(" | ");
            }
            description.push_str(&cell.text);
        }
        let description_span = description_col
            .and_then(|i| row.cells.get(i))
            .map(|c| Span {
                end: row.cells[row.cells.len() - 1].span.end,
                ..c.span
            });
        let name_text = name
            .text
            .trim_matches(|c| c == '*' || c == '`')
            .trim()
            .to_string();
        if name_text.is_empty() {
            continue;
        }
        out.push(TableEntry {
            name: name_text,
            name_span: name.span,
            type_text: ty.text.to_string(),
            type_span: ty.span,
            description,
            description_span,
            section: section.to_string(),
            note: None,
        });
    }
    out
}

/// The rows of a `Name | Value | Description` table of parameters (`driveitem-copy`), with
/// the type read from the Value column: a primitive name (`string`) or a link to a type
/// page. A row whose Value names no type is read as a String, and its rustdoc says so. A
/// table whose Value column names no type at all gives values, not types (`%unique_string%`),
/// and is not read: the error says why.
fn value_entries(t: &RawTable, section: &str) -> Result<Vec<TableEntry>, String> {
    use crate::ir::typeref::{self, BaseType};
    let Some(value_col) = t.column(&["value"]) else {
        return Err("it has no Value column".into());
    };
    let description_col = t.column(&["description"]);
    let mut out = Vec::new();
    let mut typed = 0;
    for row in &t.rows {
        let (Some(name), Some(value)) = (row.cells.first(), row.cells.get(value_col)) else {
            continue;
        };
        let name_text = name
            .text
            .trim_matches(|c| c == '*' || c == '`' || c == '_')
            .trim();
        if name_text.is_empty() {
            continue;
        }
        let names_type = matches!(
            typeref::parse(&value.text).base,
            BaseType::Primitive(_) | BaseType::Link { .. } | BaseType::Union(_)
        );
        let (type_text, note) = if names_type {
            typed += 1;
            (value.text.to_string(), format!("The docs' table has no Type column; the type is read from its Value column (`{}`).", value.text.replace('`', "")))
        } else {
            ("String".to_string(), format!("The docs' table has no Type column and its Value column names no type (`{}`); it is read as a String.", value.text.replace('`', "")))
        };
        let description_cell = description_col.and_then(|i| row.cells.get(i));
        out.push(TableEntry {
            name: name_text.to_string(),
            name_span: name.span,
            type_text,
            type_span: value.span,
            description: description_cell
                .map(|c| c.text.to_string())
                .unwrap_or_default(),
            description_span: description_cell.map(|c| c.span),
            section: section.to_string(),
            note: Some(note),
        });
    }
    if typed == 0 {
        return Err("it has no Type column, and its Value column gives values, not types".into());
    }
    Ok(out)
}

/// `202 Accepted` in "Returns `202 Accepted` response code".
fn status_in_prose(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(2)).find_map(|i| {
        let digits = &text.get(i..i + 3)?;
        let boundary_before = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let boundary_after = bytes.get(i + 3).is_none_or(|b| *b == b' ' || *b == b'`');
        let status: u16 = digits.parse().ok()?;
        (boundary_before
            && boundary_after
            && (200..=599).contains(&status)
            && digits.bytes().all(|b| b.is_ascii_digit()))
        .then_some(status)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collections_named_in_prose() {
        // Paragraph text holds a link's text, not its markup.
        assert!(names_collection(
            "returns a user collection in the body",
            "user"
        ));
        assert!(names_collection(
            "returns a collection of user objects",
            "user"
        ));
        assert!(!names_collection("returns a user object", "user"));
        assert!(!names_collection("returns the owner of user", "user"));
    }

    #[test]
    fn enum_tables_under_headings_that_name_them_are_enums_of_their_own() {
        let text = "# Enum values\n\n### calendarColor values\n\n|Member|Value|Description|\n|:---|:---|:---|\n|lightBlue|0|Blue.|\n|auto|-1|Any.|\n\n### timeZoneStandard values\n\n| Value\n|:-----\n| windows\n| iana\n\n### conditionalAccessPolicyState\n\n|Member|\n|:---|\n|enabled|\n\n## Properties\n\n### sortBy values\n\n| Name | Type | Description\n|:--|:--|:--\n| a | String | b\n";
        let mut diags = Vec::new();
        let page = parse(FileId(0), "beta/resources/enums.md", text, &mut diags);
        let sections: Vec<(&str, &str, Vec<&str>)> = page
            .enum_sections
            .iter()
            .map(|s| {
                let members = s.members.iter().map(|m| m.name.as_str()).collect();
                (s.name.as_str(), s.heading.text.as_str(), members)
            })
            .collect();
        assert_eq!(
            sections,
            [
                (
                    "calendarColor",
                    "calendarColor values",
                    vec!["lightBlue", "auto"]
                ),
                (
                    "timeZoneStandard",
                    "timeZoneStandard values",
                    vec!["windows", "iana"]
                ),
                (
                    "conditionalAccessPolicyState",
                    "conditionalAccessPolicyState",
                    vec!["enabled"]
                ),
            ]
        );
        assert_eq!(
            text[page.enum_sections[0].heading.span.range()].trim_end(),
            "### calendarColor values"
        );
        assert!(page.enum_members.is_empty());
        // A table with a Type column under such a heading lists properties, not members.
        assert_eq!(page.tables[3].role, TableRole::Properties);

        // An enum's own page: `## Members` names no enum, the page's title does.
        let text = "# teamVisibilityType enum type\n\n## Members\n\n| Member | Value |\n|:--|:--|\n| private | 0 |\n";
        let page = parse(
            FileId(0),
            "v1.0/resources/teamvisibilitytype.md",
            text,
            &mut diags,
        );
        assert!(page.enum_sections.is_empty());
        assert_eq!(page.enum_members.len(), 1);
        assert_eq!(page.tables[0].role, TableRole::EnumMembers);
    }

    #[test]
    fn include_targets_with_their_ranges() {
        let raw = "[!INCLUDE [a](../x/a.md)]\n[!include [b]( b.md )] and [!INCLUDE broken \
                   [!NOTE] [![img](x.png)] [!InClUdE [c](c.md)] [!INCLUDED [d](d.md)] [!inclu";
        let found = include_targets(raw);
        let texts: Vec<&str> = found.iter().map(|(r, _)| &raw[r.clone()]).collect();
        assert_eq!(texts, ["../x/a.md", "b.md", "c.md"]);
        assert_eq!(found[1].1, "b.md");
        // Unfinished or odd directives give nothing and do not panic.
        for odd in [
            "[!INCLUDE",
            "[!INCLUDE [",
            "[!INCLUDE [a](",
            "[!INCLUDE é[a](b)",
            "x[!INCLUDE [é](ü)]",
        ] {
            let _ = include_targets(odd);
        }
        assert!(is_snippet("beta/includes/snippets/csharp/x.md"));
        assert!(!is_snippet("includes/beta-disclaimer.md"));
    }

    /// A label names a part of an example in at most three words, in any case.
    #[test]
    fn short_paragraphs_that_name_a_request_or_response_are_labels() {
        for label in [
            "Request",
            "Response:",
            "The REQUEST",
            "Example 1 response",
            " response: ",
        ] {
            assert!(is_label(label), "{label}");
        }
        for prose in [
            "Here is the response",
            "Response of the call",
            "Example",
            "Examples of calls",
            "",
        ] {
            assert!(!is_label(prose), "{prose}");
        }
    }

    #[test]
    fn status_from_prose() {
        assert_eq!(
            status_in_prose("Returns `202 Accepted` response code"),
            Some(202)
        );
        assert_eq!(
            status_in_prose(
                "If successful, this method returns a `200 OK` response code and a [call](x.md)"
            ),
            Some(200)
        );
        assert_eq!(status_in_prose("Returns 2020 things"), None);
    }
}
