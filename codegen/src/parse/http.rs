//! HTTP blocks: request lines with headers and a body, or a response status line.

use crate::source::Span;
use serde::Serialize;

pub const METHODS: &[&str] = &["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"];

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct RequestLine {
    pub method: String,
    pub target: String,
    pub target_span: Span,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Header {
    pub name: String,
    pub value: String,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Body {
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub enum HttpMessage {
    /// One or more request lines (the "HTTP request" section lists every path), then headers and body.
    Request {
        lines: Vec<RequestLine>,
        headers: Vec<Header>,
        body: Option<Body>,
    },
    Response {
        status: u16,
        reason: String,
        status_span: Span,
        headers: Vec<Header>,
        body: Option<Body>,
    },
}

/// A line of source with its span.
pub type Line<'a> = (&'a str, Span);

/// Splits `text` (starting at `span.start`) into lines with spans, without line terminators.
pub fn lines(text: &str, span: Span) -> Vec<Line<'_>> {
    // Sized at once: a JSON body is hundreds of lines.
    let mut out = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    for (at, line) in crate::parse::lines_inclusive(text) {
        let content = line.trim_end_matches(['\n', '\r']);
        out.push((content, span.sub(at..at + content.len())));
    }
    out
}

/// Parses an http block; `None` when its first line is neither a request nor a status line.
pub fn parse(lines: &[Line<'_>]) -> Option<HttpMessage> {
    let mut i = lines.iter().position(|(l, _)| !l.trim().is_empty())?;
    let (first, first_span) = lines[i];
    if let Some((status, reason)) = status_line(first) {
        let (headers, body) = headers_and_body(&lines[i + 1..]);
        return Some(HttpMessage::Response {
            status,
            reason,
            status_span: first_span,
            headers,
            body,
        });
    }
    let mut request_lines = Vec::new();
    while i < lines.len() {
        let (line, span) = lines[i];
        match request_line(line, span) {
            Some(r) => request_lines.push(r),
            None if line.trim().is_empty()
                && request_lines.len() == 1
                && next_is_header(&lines[i..]) => {}
            None if line.trim().is_empty() => {}
            None => break,
        }
        i += 1;
        if request_lines.len() == 1
            && i < lines.len()
            && lines[i].0.contains(':')
            && !starts_with_method(lines[i].0)
        {
            break;
        }
    }
    if request_lines.is_empty() {
        return None;
    }
    let (headers, body) = headers_and_body(&lines[i..]);
    Some(HttpMessage::Request {
        lines: request_lines,
        headers,
        body,
    })
}

/// [`parse`] of a code block: `prefix` (what follows the fence's language, if anything),
/// then the lines of `text` at `span`. A block whose first non-blank line is neither a
/// status line nor starts with a method (a JSON block) is not a message, and is not split
/// into lines at all: `parse` would read no further.
pub fn parse_block(prefix: Option<Line<'_>>, text: &str, span: Span) -> Option<HttpMessage> {
    let first = prefix
        .map(|(line, _)| line)
        .into_iter()
        .chain(text.lines())
        .find(|l| !l.trim().is_empty())?;
    if status_line(first).is_none() && !starts_with_method(first) {
        return None;
    }
    let mut all: Vec<Line<'_>> = prefix.into_iter().collect();
    all.extend(lines(text, span));
    parse(&all)
}

fn starts_with_method(line: &str) -> bool {
    let word = line.split_whitespace().next().unwrap_or("");
    METHODS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

fn next_is_header(lines: &[Line<'_>]) -> bool {
    lines
        .iter()
        .find(|(l, _)| !l.trim().is_empty())
        .is_some_and(|(l, _)| header(l).is_some())
}

fn request_line(line: &str, span: Span) -> Option<RequestLine> {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    let mut words = trimmed.split_whitespace();
    let word = words.next()?;
    // A method in any case, written as the list spells it.
    let method = METHODS.iter().find(|m| m.eq_ignore_ascii_case(word))?;
    let after_method = &trimmed[trimmed.find(char::is_whitespace)?..];
    let target_rel = trimmed.len() - after_method.trim_start().len();
    let target = target_text(after_method.trim_start())?;
    let start = lead + target_rel;
    Some(RequestLine {
        method: method.to_string(),
        target: target.to_string(),
        target_span: span.sub(start..start + target.len()),
    })
}

/// The request target: up to white space, except inside `{...}` (`{id | userPrincipalName}`).
fn target_text(text: &str) -> Option<&str> {
    let mut depth = 0usize;
    let end = text
        .char_indices()
        .find(|&(_, c)| {
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            c.is_whitespace() && depth == 0
        })
        .map_or(text.len(), |(i, _)| i);
    (end > 0).then(|| &text[..end])
}

/// `HTTP/1.1 202 Accepted`, and `HTTP 201 Created` without a version.
fn status_line(line: &str) -> Option<(u16, String)> {
    let line = line.trim();
    let rest = line.strip_prefix("HTTP")?;
    let rest = rest
        .trim_start_matches(|c: char| c == '/' || c == '.' || c.is_ascii_digit())
        .trim_start();
    let code_end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let status: u16 = rest[..code_end].parse().ok()?;
    (100..=599)
        .contains(&status)
        .then(|| (status, rest[code_end..].trim().to_string()))
}

fn header(line: &str) -> Option<(String, String)> {
    let (name, value) = line.split_once(':')?;
    let name = name.trim();
    let is_token = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    is_token.then(|| (name.to_string(), value.trim().to_string()))
}

fn headers_and_body(lines: &[Line<'_>]) -> (Vec<Header>, Option<Body>) {
    let mut headers = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (line, span) = lines[i];
        if line.trim().is_empty() {
            i += 1;
            // Headers end at the first blank line, unless more headers follow it.
            if headers.is_empty()
                || lines[i..]
                    .first()
                    .is_some_and(|(l, _)| header(l).is_some() && !l.trim_start().starts_with('{'))
            {
                continue;
            }
            break;
        }
        match header(line) {
            Some((name, value)) if !line.trim_start().starts_with(['{', '[', '"']) => {
                headers.push(Header { name, value, span });
                i += 1;
            }
            _ => break,
        }
    }
    let rest = &lines[i.min(lines.len())..];
    let first = rest.iter().position(|(l, _)| !l.trim().is_empty());
    let last = rest.iter().rposition(|(l, _)| !l.trim().is_empty());
    let body = match (first, last) {
        (Some(f), Some(l)) => {
            let span = Span {
                file: rest[f].1.file,
                start: rest[f].1.start,
                end: rest[l].1.end,
            };
            let mut text = String::with_capacity((span.end - span.start) as usize);
            for (i, (line, _)) in rest[f..=l].iter().enumerate() {
                if i > 0 {
                    text.push('\n');
                }
                text.push_str(line);
            }
            Some(Body { text, span })
        }
        _ => None,
    };
    (headers, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn parse_text(text: &str) -> HttpMessage {
        parse(&lines(text, Span::new(FileId(0), 0..text.len()))).expect("parses")
    }

    /// Skipping the blocks that cannot be messages changes nothing `parse` gives.
    #[test]
    fn a_block_is_what_its_lines_are() {
        // Each block, and whether it is a message.
        let blocks = [
            (
                "POST /me/x\nContent-Type: application/json\n\n{\"a\": 1}\n",
                true,
            ),
            (
                "\n\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{}\n",
                true,
            ),
            ("  get https://graph.microsoft.com/v1.0/me\n", true),
            ("{\n  \"value\": []\n}\n", false),
            ("GET\n", false),
            ("HTTP 999\n", false),
            ("\r\n\r\n", false),
            ("", false),
            ("// POST /me\n", false),
        ];
        for (text, message) in blocks {
            let span = Span::new(FileId(0), 0..text.len());
            let whole = parse(&lines(text, span));
            assert_eq!(whole.is_some(), message, "{text:?}");
            assert_eq!(
                format!("{:?}", parse_block(None, text, span)),
                format!("{whole:?}"),
                "{text:?}"
            );
        }
        // The rest of a fence's info string is the block's first line.
        let span = Span::new(FileId(0), 0..3);
        let prefixed = parse_block(Some(("GET /me", span)), "", span);
        assert!(
            matches!(prefixed, Some(HttpMessage::Request { .. })),
            "{prefixed:?}"
        );
    }

    #[test]
    fn request_with_headers_and_body() {
        let text = "POST https://graph.microsoft.com/beta/app/calls/{id}/redirect\nContent-Type: application/json\nContent-Length: 515\n\n{\n  \"a\": 1\n}\n";
        let HttpMessage::Request {
            lines,
            headers,
            body,
        } = parse_text(text)
        else {
            panic!()
        };
        assert_eq!(lines[0].method, "POST");
        assert_eq!(
            &text[lines[0].target_span.range()],
            "https://graph.microsoft.com/beta/app/calls/{id}/redirect"
        );
        assert_eq!(headers.len(), 2);
        let body = body.unwrap();
        assert_eq!(body.text, "{\n  \"a\": 1\n}");
        assert_eq!(&text[body.span.range()], body.text);
    }

    #[test]
    fn parameters_with_spaces_stay_in_the_target() {
        let HttpMessage::Request { lines, .. } =
            parse_text("GET /users/{id | userPrincipalName}/directReports HTTP/1.1\n")
        else {
            panic!()
        };
        assert_eq!(
            lines[0].target,
            "/users/{id | userPrincipalName}/directReports"
        );
    }

    /// A method in any case is a method, named as HTTP spells it.
    #[test]
    fn methods_in_any_case() {
        let HttpMessage::Request { lines, .. } = parse_text("  pAtch /me/x\n") else {
            panic!()
        };
        assert_eq!(lines[0].method, "PATCH");
        assert_eq!(lines[0].target, "/me/x");
        assert!(parse_block(None, "Fetch /me\n", Span::new(FileId(0), 0..10)).is_none());
    }

    #[test]
    fn several_request_lines() {
        let HttpMessage::Request { lines, body, .. } = parse_text(
            "POST /app/calls/{id}/redirect\nPOST /applications/{id}/calls/{id}/redirect\n",
        ) else {
            panic!()
        };
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].target, "/applications/{id}/calls/{id}/redirect");
        assert!(body.is_none());
    }

    #[test]
    fn blank_line_between_request_line_and_headers() {
        let HttpMessage::Request { headers, body, .. } =
            parse_text("GET /me\n\nAuthorization: Bearer x\n")
        else {
            panic!()
        };
        assert_eq!(headers.len(), 1);
        assert!(body.is_none());
    }

    #[test]
    fn status_lines_with_and_without_version() {
        assert!(matches!(
            parse_text("HTTP/1.1 202 Accepted\n"),
            HttpMessage::Response { status: 202, .. }
        ));
        assert!(matches!(
            parse_text("HTTP 201 Created\n"),
            HttpMessage::Response { status: 201, .. }
        ));
        let HttpMessage::Response { body, .. } =
            parse_text("HTTP/1.1 200 OK\nContent-type: application/json\n\n{\"value\": []}\n")
        else {
            panic!()
        };
        assert_eq!(body.unwrap().text, "{\"value\": []}");
    }

    #[test]
    fn not_http() {
        let text = "https://teams.microsoft.com/l/meetup-join/x\ndecodes to:\n";
        assert!(parse(&lines(text, Span::new(FileId(0), 0..text.len()))).is_none());
    }
}
