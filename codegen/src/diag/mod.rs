//! Diagnostics: what is wrong in the docs, where, and what to change.
//!
//! Each problem has a stable [`Code`] so that pages can suppress it and tools can count it.
//! Rendering follows rustc: the offending text underlined in context, then a help line.

use crate::source::{SourceMap, Span};
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
pub mod suppress;

use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $help:literal;)*) => {
        /// Stable diagnostic codes. The kebab-case name is what pages suppress and JSON reports.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// What to change in the docs, in general terms.
            pub fn help(self) -> &'static str {
                match self { $(Code::$variant => $help,)* }
            }

            pub fn from_name(name: &str) -> Option<Code> {
                match name { $($name => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    InvalidUtf8 = "invalid-utf8", Warning, "save the page as UTF-8";
    FrontMatter = "front-matter", Warning, "make the block between the `---` lines valid YAML";
    AnnotationNotStrictJson = "annotation-not-strict-json", Warning, "write the annotation as strict JSON: quoted keys, no trailing commas or comments";
    AnnotationInvalid = "annotation-invalid", Error, "write the annotation as a JSON object inside `<!-- ... -->`";
    AnnotationUnknownKey = "annotation-unknown-key", Note, "remove the key, or teach the generator what it means";
    AnnotationUnknownBlockType = "annotation-unknown-block-type", Warning, "use one of: request, response, example, resource, ignored";
    AnnotationWithoutBlock = "annotation-without-block", Warning, "put the annotated code block right after the annotation";
    JsonNotStrict = "json-not-strict", Warning, "make the example strict JSON so readers can copy it";
    JsonInvalid = "json-invalid", Error, "fix the JSON so that it parses";
    FenceNotClosed = "fence-not-closed", Warning, "close the code block with a line of three backticks";
    HttpInvalid = "http-invalid", Warning, "start the block with `METHOD /path` for a request or `HTTP/1.1 STATUS` for a response";
    TableUnread = "table-unread", Note, "give a table of properties or parameters a `Type` column, under a Properties, Relationships, Request body or Query parameters heading; a table for readers only needs no change";
    TableRaggedRow = "table-ragged-row", Warning, "give every row as many cells as the header; escape `|` in text as `\\|`";
    TypeUnknown = "type-unknown", Warning, "link the type to its resource page, or use a primitive type name";
    LinkMissingTarget = "link-missing-target", Warning, "point the link at a page that exists";
    TableJsonDisagree = "table-json-disagree", Warning, "list every property in both the property table and the JSON representation";
    ExampleMismatch = "example-mismatch", Warning, "make the example match the documented type, or document the property";
    ExampleUntyped = "example-untyped", Warning, "annotate the example with the `@odata.type` it shows";
    ExampleUnclassified = "example-unclassified", Note, "annotate the block with `blockType` request, response, example or ignored";
    PropertyDuplicate = "property-duplicate", Warning, "list each property or value once";
    EnumValuesDisagree = "enum-values-disagree", Warning, "list the same values as the enum's table, or link to the enum instead of listing its values";
    PropertyNameInvalid = "property-name-invalid", Warning, "name the property with an OData identifier (letters, digits and `_`, not starting with a digit); document a nested property in its own type's table";
    TypeDuplicate = "type-duplicate", Warning, "document each type on one page only";
    BaseTypeDisagree = "base-type-disagree", Warning, "state one base type: make the annotation's `baseType`, the \"Inherits from\" sentence and the description agree";
    BaseTypeCycle = "base-type-cycle", Warning, "a type cannot derive from itself; correct one of the base types in the cycle";
    RequestNameDuplicate = "request-name-duplicate", Warning, "give each request annotation a unique `name`";
    NameCollision = "name-collision", Warning, "rename one of the names; they are the same after case conversion";
    SuppressionUnused = "suppression-unused", Note, "remove the suppression; nothing on the page matches it";
    IncludeMissing = "include-missing", Warning, "point the include at a file that exists, relative to the page";
    IncludeOutsideDocs = "include-outside-docs", Note, "point --docs at the folder that holds both the page and the file it includes";
    OperationWithoutRequest = "operation-without-request", Warning, "put the operation's method and path in a code block under an `## HTTP request` heading of its API page";
    CollectionDisagree = "collection-disagree", Warning, "make the response's annotation (`isCollection`) and the Response section's prose agree on whether it is a collection";
    PathTemplate = "path-template", Warning, "write path parameters as `{name}` inside one segment";
    Io = "io", Error, "check that the path exists and is readable";
}

#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    #[serde(serialize_with = "serialize_code")]
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub span: Option<Span>,
    /// Label under the underlined text.
    pub label: Option<String>,
    /// What to change; defaults to the code's general help.
    pub help: Option<String>,
}

fn serialize_code<S: serde::Serializer>(code: &Code, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(code.as_str())
}

impl Diagnostic {
    pub fn new(code: Code, span: Option<Span>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.default_severity(),
            message: message.into(),
            span,
            label: None,
            help: None,
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Renders like rustc: header, location, the line(s) with the span underlined, help.
    pub fn render(&self, sources: &SourceMap, styled: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let help = self.help.as_deref().unwrap_or(self.code.help());
        let code = self.code.as_str();
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let label = self.label.as_deref().unwrap_or("");
        let located = self.span.map(|span| {
            let file = sources.file(span.file);
            let (window, line_start, range) = snippet_window(file, span.range());
            // Control characters would drive the terminal; each is shown as one `?`, so spans
            // still fit. Most windows have none, and are shown as they are.
            let window: std::borrow::Cow<str> = match has_control(window) {
                false => window.into(),
                true => window
                    .chars()
                    .map(|c| match c.is_control() && c != '\n' && c != '\t' {
                        true => '?',
                        false => c,
                    })
                    .collect::<String>()
                    .into(),
            };
            (window, line_start, range, file.path.as_str())
        });
        let group = level
            .primary_title(&self.message)
            .id(code)
            .elements(located.as_ref().map(|(window, line_start, range, origin)| {
                Snippet::source(window.as_ref())
                    .line_start(*line_start)
                    .path(*origin)
                    .fold(true)
                    .annotation(AnnotationKind::Primary.span(range.clone()).label(label))
            }));
        let group = group.element(Level::HELP.message(help));
        renderer.render(&[group]).to_string()
    }

    pub fn to_json_line(&self, sources: &SourceMap) -> String {
        let location = self.span.map(|span| {
            let file = sources.file(span.file);
            let (line, column) = file.line_col(span.start as usize);
            serde_json::json!({
                "file": file.path, "line": line, "column": column,
                "byte_start": file.original_offset(span.start as usize),
                "byte_end": file.original_offset(span.end as usize),
            })
        });
        serde_json::json!({
            "code": self.code.as_str(),
            "severity": self.severity,
            "message": self.message,
            "location": location,
            "label": self.label,
            "help": self.help.as_deref().unwrap_or(self.code.help()),
        })
        .to_string()
    }
}

/// The whole lines around `range` (at most a few), the 1-based number of the first one, and
/// `range` relative to the window. Keeps rendering cheap on very large pages.
fn snippet_window(
    file: &crate::source::SourceFile,
    range: std::ops::Range<usize>,
) -> (&str, usize, std::ops::Range<usize>) {
    use crate::source::floor_char_boundary;
    let text = file.text.as_str();
    let start = floor_char_boundary(text, range.start);
    let end = floor_char_boundary(text, range.end).max(start);
    let win_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    // Limit the window to six lines after the span starts, and to 2,000 bytes.
    let mut win_end = start;
    let mut lines = 0;
    for (i, b) in text[start..].bytes().enumerate() {
        if b == b'\n' {
            lines += 1;
            win_end = start + i;
            if lines >= 6 || start + i >= end {
                break;
            }
        }
        win_end = start + i + 1;
        if i > 2_000 {
            break;
        }
    }
    let win_end = floor_char_boundary(text, win_end.max(start));
    let window = &text[win_start..win_end];
    // The window starts at the start of the span's line.
    let (line_start, _) = file.line_col(start);
    let rel_end = (end.min(win_end) - win_start).max(start - win_start);
    (window, line_start, start - win_start..rel_end)
}

/// Whether `text` holds a control character other than a line feed or a tab: a C0 control
/// or DEL (one byte each in UTF-8), or a C1 control (`0xC2` then `0x80..=0x9F`).
fn has_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\n' | b'\t' => false,
        0..=0x1F | 0x7F => true,
        0xC2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)),
        _ => false,
    })
}

/// Each of `diags` rendered by `render`, in order, on as many threads as there are cores:
/// rendering the thousands of a whole reference takes a tenth of reading it.
pub fn render_each(
    diags: &[Diagnostic],
    render: impl Fn(&Diagnostic) -> String + Sync,
) -> Vec<String> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    crate::threads::each(diags, threads, render)
}

/// All diagnostics of a run, in the order they were found.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// Sorts by file, position and code so that output is the same on every run.
    pub fn sort(&mut self) {
        self.items
            .sort_by(|a, b| (a.span, a.code, &a.message).cmp(&(b.span, b.code, &b.message)));
        self.items
            .dedup_by(|a, b| a.span == b.span && a.code == b.code && a.message == b.message);
    }

    pub fn counts_by_code(&self) -> BTreeMap<&'static str, usize> {
        let mut counts = BTreeMap::new();
        for d in &self.items {
            *counts.entry(d.code.as_str()).or_insert(0) += 1;
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// Every character, alone and between others, is a control by the bytes exactly when
    /// it is one by its category.
    #[test]
    fn controls_are_found_by_their_bytes() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let control = c.is_control() && c != '\n' && c != '\t';
            for text in [c.to_string(), format!("a{c}\u{A0}b"), format!("é{c}")] {
                assert_eq!(has_control(&text), control, "{:?} in {text:?}", c);
            }
        }
    }

    #[test]
    fn diagnostics_are_rendered_in_their_order() {
        // More diagnostics than threads, and a number that does not split evenly.
        let diags: Vec<Diagnostic> = (0..1001)
            .map(|i| Diagnostic::new(Code::FrontMatter, None, i.to_string()))
            .collect();
        let expected: Vec<String> = (0..1001).map(|i| i.to_string()).collect();
        assert_eq!(render_each(&diags, |d| d.message.clone()), expected);
        assert!(render_each(&[], |d| d.message.clone()).is_empty());
    }

    #[test]
    fn renders_location_underline_and_help() {
        let mut map = SourceMap::default();
        let id = map.add(
            "beta/api/x.md".into(),
            PathBuf::new(),
            b"line one\n| a | b | c |\nlast\n".to_vec(),
        );
        let d = Diagnostic::new(
            Code::TableRaggedRow,
            Some(Span::new(id, 9..22)),
            "row has 3 cells, header has 2",
        )
        .label("extra cell");
        let out = d.render(&map, false);
        assert!(
            out.contains("warning[table-ragged-row]: row has 3 cells, header has 2"),
            "{out}"
        );
        assert!(out.contains("--> beta/api/x.md:2:1"), "{out}");
        // The span is the primary one, underlined with `^` at every severity, as rustc does.
        assert!(
            out.contains("2 | | a | b | c |\n  | ^^^^^^^^^^^^^ extra cell"),
            "{out}"
        );
        assert!(out.contains("help: give every row"), "{out}");
    }

    #[test]
    fn code_names_round_trip() {
        for &code in Code::ALL {
            assert_eq!(Code::from_name(code.as_str()), Some(code));
        }
    }

    /// A page's control characters would drive the reader's terminal: each is shown as
    /// one `?`, and the underline still falls under the span (a tab is kept, and the
    /// renderer widens it).
    #[test]
    fn control_characters_in_a_snippet_are_shown_as_question_marks() {
        let mut map = SourceMap::default();
        let text = "a\u{1b}[31mb\u{9b}c\u{7}d\tz\n";
        let id = map.add(
            "beta/api/x.md".into(),
            PathBuf::new(),
            text.as_bytes().to_vec(),
        );
        let b = text.find('b').unwrap();
        let d =
            Diagnostic::new(Code::TableRaggedRow, Some(Span::new(id, b..b + 1)), "m").label("here");
        let out = d.render(&map, false);
        assert!(
            out.contains("1 | a?[31mb?c?d    z\n  |       ^ here"),
            "{out}"
        );
        assert!(!out.contains(['\u{1b}', '\u{9b}', '\u{7}']), "{out:?}");
    }

    #[test]
    fn window_of_span_at_end_of_text_is_valid() {
        let file = crate::source::SourceFile::new("x.md".into(), PathBuf::new(), b"a\nbc".to_vec());
        let (w, line, r) = snippet_window(&file, 4..4);
        assert_eq!((w, line, r), ("bc", 2, 2..2));
    }
}
