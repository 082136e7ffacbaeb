//! A lenient JSON parser that keeps byte positions.
//!
//! The JSON in the Microsoft Graph docs (code blocks, and HTML-comment annotations such as
//! `<!-- { "blockType": "resource", truncated: true, } -->`) is often not strict JSON: examples
//! are truncated with `...`, annotations use unquoted keys and trailing commas, and pasted text
//! brings comments, single quotes and non-breaking spaces. A strict parser would reject much of
//! the docs, so this one accepts those quirks, records every repair with its span so callers can
//! report it, and still gives a positioned error for input that is genuinely broken.
//!
//! Numbers keep their source text so no precision is lost before the generator decides what
//! type they are.

use std::collections::BTreeSet;
use std::fmt;
use std::ops::Range;

/// Deepest allowed nesting of arrays and objects. Matches `serde_json`'s limit and bounds recursion.
const MAX_DEPTH: usize = 128;

/// A parsed value with the byte range it occupies in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Json {
    pub value: JsonValue,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonValue {
    Null,
    Bool(bool),
    /// Strict JSON number text, e.g. "1024", "-1.5e3".
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// Members in source order; duplicate keys are kept (and reported as a repair of kind `DuplicateKey`).
    Object(Vec<Member>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub key: String,
    /// Covers the quotes of a quoted key.
    pub key_span: Range<usize>,
    pub value: Json,
}

/// Something non-strict that was accepted. A `MissingComma` span is empty: it marks where the
/// comma belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    pub kind: RepairKind,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RepairKind {
    TrailingComma,
    LineComment,
    BlockComment,
    Ellipsis,
    SingleQuotedString,
    UnquotedKey,
    UnusualWhitespace,
    ControlCharInString,
    MissingComma,
    InvalidEscape,
    NonStrictNumber,
    DuplicateKey,
}

impl RepairKind {
    pub fn describe(&self) -> &'static str {
        match self {
            RepairKind::TrailingComma => "trailing comma",
            RepairKind::LineComment => "`//` comment",
            RepairKind::BlockComment => "`/* */` comment",
            RepairKind::Ellipsis => "`...` placeholder",
            RepairKind::SingleQuotedString => "single-quoted string",
            RepairKind::UnquotedKey => "unquoted object key",
            RepairKind::UnusualWhitespace => "non-standard whitespace",
            RepairKind::ControlCharInString => "raw control character in string",
            RepairKind::MissingComma => "missing comma",
            RepairKind::InvalidEscape => "invalid escape sequence",
            RepairKind::NonStrictNumber => "non-standard number",
            RepairKind::DuplicateKey => "duplicate object key",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub message: String,
    pub span: Range<usize>,
}

impl JsonError {
    fn new(message: impl Into<String>, span: Range<usize>) -> Self {
        JsonError {
            message: message.into(),
            span,
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.span.start)
    }
}

impl std::error::Error for JsonError {}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub value: Json,
    /// Sorted by start offset.
    pub repairs: Vec<Repair>,
}

/// Parses one JSON value surrounded by optional whitespace/comments. Trailing non-space text after
/// the value is an error ("unexpected text after the JSON value").
///
/// # Errors
/// Input that is not JSON even after the documented repairs, with the offending span.
pub fn parse(text: &str) -> Result<Parsed, JsonError> {
    let mut parser = Parser::new(text);
    parser.skip_trivia()?;
    let value = parser.parse_value(0)?;
    parser.skip_trivia()?;
    if let Some(c) = parser.peek_char() {
        let start = parser.pos;
        return Err(JsonError::new(
            "unexpected text after the JSON value",
            start..start + c.len_utf8(),
        ));
    }
    Ok(parser.finish(value))
}

/// Parses a value starting at the beginning of `text` and returns it with the byte offset where it ended,
/// ignoring whatever follows (needed for annotations followed by other text).
///
/// # Errors
/// As for [`parse`], except that text after the value is not examined.
pub fn parse_prefix(text: &str) -> Result<(Parsed, usize), JsonError> {
    let mut parser = Parser::new(text);
    parser.skip_trivia()?;
    let value = parser.parse_value(0)?;
    let end = parser.pos;
    Ok((parser.finish(value), end))
}

impl Json {
    /// Converts to `serde_json::Value`, taking the strings rather than copying them. Duplicate
    /// keys: last wins. Numbers go through `serde_json`'s own number parsing; one it cannot
    /// represent becomes an f64 if finite, else a String.
    pub fn into_value(self) -> serde_json::Value {
        use serde_json::Value;
        match self.value {
            JsonValue::Null => Value::Null,
            JsonValue::Bool(b) => Value::Bool(b),
            JsonValue::Number(text) => number_value(&text),
            JsonValue::String(s) => Value::String(s),
            JsonValue::Array(items) => {
                Value::Array(items.into_iter().map(Json::into_value).collect())
            }
            JsonValue::Object(members) => {
                let mut map = serde_json::Map::new();
                for member in members {
                    map.insert(member.key, member.value.into_value());
                }
                Value::Object(map)
            }
        }
    }

    /// Converts to [`JsonData`]: what [`Json::into_value`] gives, in less room.
    pub fn into_data(self) -> JsonData {
        match self.value {
            JsonValue::Null => JsonData::Null,
            JsonValue::Bool(b) => JsonData::Bool(b),
            JsonValue::Number(text) => match number_value(&text) {
                serde_json::Value::Number(n) => JsonData::Number(n),
                _ => JsonData::String(text),
            },
            JsonValue::String(s) => JsonData::String(s),
            JsonValue::Array(items) => {
                // Made anew rather than in the parsed list's room, which is half as large
                // again.
                let mut out = Vec::with_capacity(items.len());
                out.extend(items.into_iter().map(Json::into_data));
                JsonData::Array(out)
            }
            JsonValue::Object(members) => {
                let mut out = Vec::with_capacity(members.len());
                out.extend(members.into_iter().map(|m| (m.key, m.value.into_data())));
                // Stable: of a key given twice, the later value comes later, and is kept.
                out.sort_by(|a, b| a.0.cmp(&b.0));
                out.dedup_by(|later, kept| {
                    let same = later.0 == kept.0;
                    if same {
                        std::mem::swap(&mut later.1, &mut kept.1);
                    }
                    same
                });
                out.shrink_to_fit();
                JsonData::Object(out)
            }
        }
    }

    /// Object member lookup by exact key (first match).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match &self.value {
            JsonValue::Object(members) => members.iter().find(|m| m.key == key).map(|m| &m.value),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            JsonValue::String(s) => Some(s),
            _ => None,
        }
    }
}

/// A JSON value as `serde_json::Value` holds one (an object's members in key order, the
/// last of a key given twice), in less room: an object's members in a list sorted by key,
/// where a `serde_json` map gives even one member a B-tree node with room for eleven. The
/// model keeps one for every example; it serializes as the `serde_json::Value` would.
#[derive(Debug, Clone, PartialEq)]
pub enum JsonData {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<JsonData>),
    /// Sorted by key, each key once.
    Object(Vec<(String, JsonData)>),
}

impl JsonData {
    /// An object's member by exact key.
    pub fn get(&self, key: &str) -> Option<&JsonData> {
        match self {
            JsonData::Object(members) => members
                .binary_search_by(|(k, _)| k.as_str().cmp(key))
                .ok()
                .map(|i| &members[i].1),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            JsonData::String(s) => Some(s),
            _ => None,
        }
    }

    /// The `serde_json::Value` it stands for.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

impl serde::Serialize for JsonData {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            JsonData::Null => serializer.serialize_unit(),
            JsonData::Bool(b) => serializer.serialize_bool(*b),
            JsonData::Number(n) => n.serialize(serializer),
            JsonData::String(s) => serializer.serialize_str(s),
            JsonData::Array(items) => serializer.collect_seq(items),
            JsonData::Object(members) => {
                serializer.collect_map(members.iter().map(|(k, v)| (k, v)))
            }
        }
    }
}

fn number_value(text: &str) -> serde_json::Value {
    use serde_json::{Number, Value};
    if let Ok(n) = serde_json::from_str::<Number>(text) {
        return Value::Number(n);
    }
    // serde_json rejects out-of-range numbers such as 1e400; keep the text rather than lose it.
    match text.parse::<f64>().ok().and_then(Number::from_f64) {
        Some(n) => Value::Number(n),
        None => Value::String(text.to_owned()),
    }
}

/// Characters allowed in unquoted keys and bare words.
fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '$' | '@' | '.' | '-')
}

/// Whitespace strict JSON does not allow but pasted docs contain (NBSP, BOM, zero-width space...).
fn is_unusual_whitespace(c: char) -> bool {
    !matches!(c, ' ' | '\t' | '\n' | '\r')
        && (c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}'))
}

/// Shows a character in an error message; control characters would be invisible or break lines.
fn show(c: char) -> String {
    if c.is_control() {
        c.escape_debug().to_string()
    } else {
        c.to_string()
    }
}

/// Keeps error messages short when the offending text is huge.
fn snippet(s: &str) -> String {
    const MAX_CHARS: usize = 40;
    match s.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}...", &s[..cut]),
        None => s.to_owned(),
    }
}

/// The bytes that end a plain run of a string quoted with `quote`: the quote, a backslash
/// and the control characters. One lookup a byte, where three comparisons were made: the
/// docs' examples are mostly strings.
const fn run_ends(quote: u8) -> [bool; 256] {
    let mut ends = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        ends[b] = true;
        b += 1;
    }
    ends[quote as usize] = true;
    ends[b'\\' as usize] = true;
    ends
}

static ENDS_DOUBLE_QUOTED_RUN: [bool; 256] = run_ends(b'"');
static ENDS_SINGLE_QUOTED_RUN: [bool; 256] = run_ends(b'\'');

#[derive(Clone, Copy)]
enum Container {
    Array,
    Object,
}

impl Container {
    fn open(self) -> char {
        match self {
            Container::Array => '[',
            Container::Object => '{',
        }
    }

    fn close(self) -> u8 {
        match self {
            Container::Array => b']',
            Container::Object => b'}',
        }
    }

    fn name(self) -> &'static str {
        match self {
            Container::Array => "array",
            Container::Object => "object",
        }
    }

    fn item(self) -> &'static str {
        match self {
            Container::Array => "array element",
            Container::Object => "object member",
        }
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// Always on a char boundary.
    pos: usize,
    repairs: Vec<Repair>,
    /// The items of the arrays and the members of the objects being read, innermost last:
    /// each container's are moved out at its close into a list of their exact number,
    /// where a list of its own would grow (and be copied) item by item and keep up to
    /// twice the room it needs.
    items: Vec<Json>,
    members: Vec<Member>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            repairs: Vec::new(),
            items: Vec::new(),
            members: Vec::new(),
        }
    }

    fn finish(mut self, value: Json) -> Parsed {
        // Duplicate keys are only known once an object closes, so restore source order.
        self.repairs.sort_by_key(|r| r.span.start);
        Parsed {
            value,
            repairs: self.repairs,
        }
    }

    fn peek_byte(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_char(&self) -> Option<char> {
        self.text
            .get(self.pos..)
            .and_then(|rest| rest.chars().next())
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek_byte() == Some(byte);
        if found {
            self.pos += 1;
        }
        found
    }

    fn repair(&mut self, kind: RepairKind, span: Range<usize>) {
        // Runs of odd whitespace or control characters are one repair, not one per character.
        if matches!(
            kind,
            RepairKind::UnusualWhitespace | RepairKind::ControlCharInString
        ) {
            if let Some(last) = self.repairs.last_mut() {
                if last.kind == kind && last.span.end == span.start {
                    last.span.end = span.end;
                    return;
                }
            }
        }
        self.repairs.push(Repair { kind, span });
    }

    /// "expected {what}, found {next char}" pointing at the next char (or the end of input).
    fn expected(&self, what: &str) -> JsonError {
        match self.peek_char() {
            Some(c) => JsonError::new(
                format!("expected {what}, found `{}`", show(c)),
                self.pos..self.pos + c.len_utf8(),
            ),
            None => JsonError::new(
                format!("expected {what}, found end of input"),
                self.text.len()..self.text.len(),
            ),
        }
    }

    // ---- whitespace and comments ----

    /// Skips whitespace and comments; returns whether a line break was crossed, which is what
    /// makes a missing comma recoverable.
    #[inline]
    fn skip_trivia(&mut self) -> Result<bool, JsonError> {
        // Most tokens follow another with nothing between: an ASCII byte that is no
        // whitespace and starts no comment ends the trivia before it starts.
        match self.peek_byte() {
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'/' | 0x0b | 0x0c) => self.skip_trivia_run(),
            Some(b) if !b.is_ascii() => self.skip_trivia_run(),
            _ => Ok(false),
        }
    }

    /// [`Parser::skip_trivia`] once there may be some.
    fn skip_trivia_run(&mut self) -> Result<bool, JsonError> {
        let mut newline = false;
        loop {
            match self.peek_byte() {
                Some(b' ' | b'\t') => self.pos += 1,
                Some(b'\n' | b'\r') => {
                    newline = true;
                    self.pos += 1;
                    // The indentation after it, most of the trivia there is, in one tight loop.
                    let rest = &self.bytes[self.pos..];
                    self.pos += rest.iter().position(|&b| b != b' ').unwrap_or(rest.len());
                }
                Some(b'/') => match self.bytes.get(self.pos + 1) {
                    Some(b'/') => self.skip_line_comment(),
                    Some(b'*') => newline |= self.skip_block_comment()?,
                    _ => return Ok(newline),
                },
                // Every token ends here: of ASCII, only a vertical tab and a form feed are
                // whitespace still to look at, and other characters need decoding first.
                Some(b) if b.is_ascii() && b != 0x0b && b != 0x0c => return Ok(newline),
                _ => match self.peek_char().filter(|&c| is_unusual_whitespace(c)) {
                    Some(c) => {
                        newline |= matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}');
                        let start = self.pos;
                        self.pos += c.len_utf8();
                        self.repair(RepairKind::UnusualWhitespace, start..self.pos);
                    }
                    None => return Ok(newline),
                },
            }
        }
    }

    fn skip_line_comment(&mut self) {
        let start = self.pos;
        let len = self.bytes[start..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r');
        self.pos = len.map_or(self.bytes.len(), |len| start + len);
        self.repair(RepairKind::LineComment, start..self.pos);
    }

    fn skip_block_comment(&mut self) -> Result<bool, JsonError> {
        let start = self.pos;
        let Some(len) = self.text[start + 2..].find("*/") else {
            return Err(JsonError::new(
                "unterminated comment: no closing `*/` before end of input",
                start..start + 2,
            ));
        };
        self.pos = start + 2 + len + 2;
        self.repair(RepairKind::BlockComment, start..self.pos);
        Ok(self.bytes[start..self.pos]
            .iter()
            .any(|&b| b == b'\n' || b == b'\r'))
    }

    /// Length of a `...` (three or more dots) or `…` placeholder at the current position.
    fn ellipsis_len(&self) -> Option<usize> {
        // Asked before every value: most start with neither a dot nor `…`'s first byte.
        const ELLIPSIS: &str = "\u{2026}";
        match self.peek_byte()? {
            b'.' => {
                let dots = self.bytes[self.pos..]
                    .iter()
                    .take_while(|&&b| b == b'.')
                    .count();
                (dots >= 3).then_some(dots)
            }
            _ => self.bytes[self.pos..]
                .starts_with(ELLIPSIS.as_bytes())
                .then_some(ELLIPSIS.len()),
        }
    }

    fn skip_ellipsis(&mut self, len: usize) {
        let start = self.pos;
        self.pos += len;
        self.repair(RepairKind::Ellipsis, start..self.pos);
    }

    // ---- values ----

    /// `depth` is the number of containers enclosing this value.
    fn parse_value(&mut self, depth: usize) -> Result<Json, JsonError> {
        let start = self.pos;
        if let Some(len) = self.ellipsis_len() {
            return Err(JsonError::new(
                "a `...` placeholder is only allowed as an array element or object member",
                start..start + len,
            ));
        }
        // Every value but a bare word starts with an ASCII byte.
        let value = match self.peek_byte() {
            Some(b'[') => self.parse_array(depth)?,
            Some(b'{') => self.parse_object(depth)?,
            Some(quote @ (b'"' | b'\'')) => JsonValue::String(self.parse_string(quote)?),
            Some(b'-' | b'+' | b'.' | b'0'..=b'9') => self.parse_number()?,
            _ => match self.peek_char() {
                Some(c) if is_ident_char(c) => self.parse_word()?,
                _ => return Err(self.expected("a JSON value")),
            },
        };
        Ok(Json {
            value,
            span: start..self.pos,
        })
    }

    fn parse_array(&mut self, depth: usize) -> Result<JsonValue, JsonError> {
        let items = self.parse_items(
            Container::Array,
            depth,
            |p| &mut p.items,
            |p, depth| p.parse_value(depth).map(Some),
        )?;
        Ok(JsonValue::Array(items))
    }

    fn parse_object(&mut self, depth: usize) -> Result<JsonValue, JsonError> {
        let members = self.parse_items(
            Container::Object,
            depth,
            |p| &mut p.members,
            Self::parse_member,
        )?;
        self.report_duplicate_keys(&members);
        Ok(JsonValue::Object(members))
    }

    /// Parses `[ ... ]` or `{ ... }` with the separator repairs shared by both. `parse_item`
    /// returns `None` for an item that is dropped (a member whose value is `...`); the items
    /// are gathered on the parser's list that `stack` names. An error ends the whole parse,
    /// so what an unfinished container left there is never read.
    fn parse_items<T>(
        &mut self,
        kind: Container,
        depth: usize,
        stack: fn(&mut Self) -> &mut Vec<T>,
        mut parse_item: impl FnMut(&mut Self, usize) -> Result<Option<T>, JsonError>,
    ) -> Result<Vec<T>, JsonError> {
        let open = self.pos;
        if depth >= MAX_DEPTH {
            return Err(JsonError::new(
                format!("nesting deeper than {MAX_DEPTH} levels"),
                open..open + 1,
            ));
        }
        self.pos += 1;
        let close = kind.close();
        let first = stack(self).len();
        self.skip_trivia()?;
        loop {
            match self.peek_byte() {
                None => return Err(Self::unclosed(kind, open)),
                Some(b) if b == close => {
                    self.pos += 1;
                    return Ok(stack(self).drain(first..).collect());
                }
                Some(_) => {}
            }
            if let Some(len) = self.ellipsis_len() {
                self.skip_ellipsis(len);
            } else if let Some(item) = parse_item(self, depth + 1)? {
                stack(self).push(item);
            }
            let item_end = self.pos;
            let newline = self.skip_trivia()?;
            match self.peek_byte() {
                Some(b',') => {
                    let comma = self.pos;
                    self.pos += 1;
                    self.skip_trivia()?;
                    if self.peek_byte() == Some(close) {
                        self.repair(RepairKind::TrailingComma, comma..comma + 1);
                    }
                }
                Some(b) if b == close => {}
                None => return Err(Self::unclosed(kind, open)),
                // Only across lines: on one line a missing comma is more likely a real mistake.
                Some(_) if newline && self.at_item_start(kind) => {
                    self.repair(RepairKind::MissingComma, item_end..item_end);
                }
                Some(_) => {
                    let what = format!("`,` or `{}` after {}", char::from(close), kind.item());
                    return Err(self.expected(&what));
                }
            }
        }
    }

    fn unclosed(kind: Container, open: usize) -> JsonError {
        let message = format!(
            "unterminated {}: `{}` has no closing `{}` before end of input",
            kind.name(),
            kind.open(),
            char::from(kind.close())
        );
        JsonError::new(message, open..open + 1)
    }

    /// Whether the next token plausibly starts another item, i.e. only a comma is missing.
    fn at_item_start(&self, kind: Container) -> bool {
        let Some(c) = self.peek_char() else {
            return false;
        };
        let quote_or_ellipsis = matches!(c, '"' | '\'' | '\u{2026}');
        match kind {
            Container::Array => {
                quote_or_ellipsis || matches!(c, '[' | '{' | '+') || is_ident_char(c)
            }
            Container::Object => quote_or_ellipsis || is_ident_char(c),
        }
    }

    fn parse_member(&mut self, depth: usize) -> Result<Option<Member>, JsonError> {
        let (key, key_span) = self.parse_key()?;
        self.skip_trivia()?;
        if !self.eat(b':') {
            return Err(self.expected("`:` after object key"));
        }
        self.skip_trivia()?;
        // `"key": ...` elides the value; dropping the member is the only faithful reading.
        if let Some(len) = self.ellipsis_len() {
            self.skip_ellipsis(len);
            return Ok(None);
        }
        let value = self.parse_value(depth)?;
        Ok(Some(Member {
            key,
            key_span,
            value,
        }))
    }

    fn parse_key(&mut self) -> Result<(String, Range<usize>), JsonError> {
        let start = self.pos;
        if let Some(quote @ (b'"' | b'\'')) = self.peek_byte() {
            let key = self.parse_string(quote)?;
            return Ok((key, start..self.pos));
        }
        match self.peek_char() {
            Some(c) if is_ident_char(c) => {
                let span = self.take_word();
                self.repair(RepairKind::UnquotedKey, span.clone());
                Ok((self.text[span.clone()].to_owned(), span))
            }
            _ => Err(self.expected("an object key")),
        }
    }

    fn report_duplicate_keys(&mut self, members: &[Member]) {
        // Most objects in the docs have a handful of keys: comparing each with those before
        // it finds a duplicate sooner than a set, which allocates; larger ones use a set.
        if members.len() <= 16 {
            for (i, member) in members.iter().enumerate() {
                if members[..i].iter().any(|m| m.key == member.key) {
                    self.repair(RepairKind::DuplicateKey, member.key_span.clone());
                }
            }
            return;
        }
        let mut seen = BTreeSet::new();
        for member in members {
            if !seen.insert(member.key.as_str()) {
                self.repair(RepairKind::DuplicateKey, member.key_span.clone());
            }
        }
    }

    fn take_word(&mut self) -> Range<usize> {
        let start = self.pos;
        let len = self.text[start..].find(|c| !is_ident_char(c));
        self.pos = len.map_or(self.text.len(), |len| start + len);
        start..self.pos
    }

    fn parse_word(&mut self) -> Result<JsonValue, JsonError> {
        let span = self.take_word();
        match &self.text[span.clone()] {
            "true" => Ok(JsonValue::Bool(true)),
            "false" => Ok(JsonValue::Bool(false)),
            "null" => Ok(JsonValue::Null),
            word => Err(JsonError::new(
                format!(
                    "unexpected bare word `{}`: strings must be quoted, and only `true`, `false` and `null` are literals",
                    snippet(word)
                ),
                span,
            )),
        }
    }

    // ---- numbers ----

    fn take_digits(&mut self) -> Range<usize> {
        let start = self.pos;
        let len = self.bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        self.pos += len;
        start..self.pos
    }

    /// Accepts strict JSON numbers plus `+1`, `.5`, `5.` and leading zeros, which are rewritten
    /// to strict JSON so the stored text can always be handed to a strict parser.
    fn parse_number(&mut self) -> Result<JsonValue, JsonError> {
        let start = self.pos;
        let negative = self.eat(b'-');
        let plus = !negative && self.eat(b'+');
        let int = self.take_digits();
        let frac = if self.eat(b'.') {
            Some(self.take_digits())
        } else {
            None
        };
        if int.is_empty() && frac.iter().all(Range::is_empty) {
            return Err(self.expected("a digit in number"));
        }
        let exp_start = self.pos;
        if matches!(self.peek_byte(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek_byte(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.take_digits().is_empty() {
                return Err(self.expected("a digit in the exponent"));
            }
        }
        if let Some(c) = self.peek_char().filter(|&c| is_ident_char(c)) {
            return Err(JsonError::new(
                format!("invalid character `{}` in number", show(c)),
                self.pos..self.pos + c.len_utf8(),
            ));
        }
        let span = start..self.pos;
        let leading_zero = int.len() > 1 && self.bytes[int.start] == b'0';
        let empty_frac = frac.as_ref().is_some_and(Range::is_empty);
        if !plus && !int.is_empty() && !leading_zero && !empty_frac {
            return Ok(JsonValue::Number(self.text[span].to_owned()));
        }
        self.repair(RepairKind::NonStrictNumber, span.clone());
        let mut strict = String::with_capacity(span.len() + 2);
        if negative {
            strict.push('-');
        }
        let int_digits = self.text[int].trim_start_matches('0');
        strict.push_str(if int_digits.is_empty() {
            "0"
        } else {
            int_digits
        });
        if let Some(frac) = frac {
            strict.push('.');
            strict.push_str(if frac.is_empty() {
                "0"
            } else {
                &self.text[frac]
            });
        }
        strict.push_str(&self.text[exp_start..span.end]);
        Ok(JsonValue::Number(strict))
    }

    // ---- strings ----

    /// Parses a string delimited by `quote` (`"` or `'`); the current byte is the opening quote.
    fn parse_string(&mut self, quote: u8) -> Result<String, JsonError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            // Copy plain runs in one go; every byte that stops the run is ASCII, so slicing is safe.
            let run_start = self.pos;
            let stops = match quote {
                b'"' => &ENDS_DOUBLE_QUOTED_RUN,
                _ => &ENDS_SINGLE_QUOTED_RUN,
            };
            let run = self.bytes[run_start..]
                .iter()
                .position(|&b| stops[usize::from(b)])
                .unwrap_or(self.bytes.len() - run_start);
            self.pos += run;
            let run = &self.text[run_start..self.pos];
            match out.is_empty() && self.peek_byte() == Some(quote) {
                // Nearly every string is one run: copied at its size, not grown to it.
                true => out = run.to_string(),
                false => out.push_str(run),
            }
            match self.peek_byte() {
                None => {
                    let message = format!(
                        "unterminated string: no closing `{}` before end of input",
                        char::from(quote)
                    );
                    return Err(JsonError::new(message, start..start + 1));
                }
                Some(b'\\') => self.parse_escape(quote, &mut out),
                Some(b) if b == quote => {
                    self.pos += 1;
                    break;
                }
                Some(control) => {
                    out.push(char::from(control));
                    self.pos += 1;
                    self.repair(RepairKind::ControlCharInString, self.pos - 1..self.pos);
                }
            }
        }
        if quote == b'\'' {
            self.repair(RepairKind::SingleQuotedString, start..self.pos);
        }
        Ok(out)
    }

    /// The current byte is a backslash. An escape JSON does not define keeps the escaped char.
    fn parse_escape(&mut self, quote: u8, out: &mut String) {
        let start = self.pos;
        self.pos += 1;
        // A backslash at the very end is left for the caller to report as an unterminated string.
        let Some(c) = self.peek_char() else { return };
        self.pos += c.len_utf8();
        let decoded = match c {
            '"' | '\\' | '/' => c,
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => return self.parse_unicode_escape(start, out),
            // Natural inside a single-quoted string, already reported as such.
            '\'' if quote == b'\'' => c,
            _ => {
                self.repair(RepairKind::InvalidEscape, start..self.pos);
                c
            }
        };
        out.push(decoded);
    }

    /// Handles `\uXXXX` (the `\u` is consumed), joining surrogate pairs. A lone surrogate
    /// becomes U+FFFD; a `\u` without four hex digits keeps the `u`.
    fn parse_unicode_escape(&mut self, start: usize, out: &mut String) {
        let Some(unit) = self.hex4(self.pos) else {
            self.repair(RepairKind::InvalidEscape, start..self.pos);
            out.push('u');
            return;
        };
        self.pos += 4;
        let code = match unit {
            0xD800..=0xDBFF => self
                .low_surrogate()
                .map(|low| 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)),
            0xDC00..=0xDFFF => None,
            _ => Some(unit),
        };
        match code.and_then(char::from_u32) {
            Some(c) => out.push(c),
            None => {
                self.repair(RepairKind::InvalidEscape, start..self.pos);
                out.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }

    /// Consumes a following `\uDC00`..`\uDFFF` escape, if there is one.
    fn low_surrogate(&mut self) -> Option<u32> {
        if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
            return None;
        }
        let low = self
            .hex4(self.pos + 2)
            .filter(|low| (0xDC00..=0xDFFF).contains(low))?;
        self.pos += 6;
        Some(low)
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = self.bytes.get(at..at + 4)?;
        digits
            .iter()
            .try_fold(0, |acc, &b| Some(acc * 16 + char::from(b).to_digit(16)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn ok(text: &str) -> Parsed {
        parse(text).unwrap_or_else(|e| panic!("{text:?} failed to parse: {e:?}"))
    }

    /// The compact form reads as `serde_json::Value` reads, printed either way: keys in
    /// order, the last of a key given twice, numbers as `serde_json` takes them.
    fn data_prints_as_the_value(text: &str) {
        let parsed = ok(text).value;
        let (data, value) = (parsed.clone().into_data(), parsed.into_value());
        assert_eq!(data.to_value(), value, "{text}");
        if let Value::Object(map) = &value {
            for (key, member) in map {
                assert_eq!(data.get(key).map(JsonData::to_value).as_ref(), Some(member));
            }
            assert_eq!(data.get("no such key"), None);
        }
        let compact = serde_json::to_string(&data).expect("prints");
        assert_eq!(
            compact,
            serde_json::to_string(&value).expect("prints"),
            "{text}"
        );
        let pretty = serde_json::to_string_pretty(&data).expect("prints");
        assert_eq!(
            pretty,
            serde_json::to_string_pretty(&value).expect("prints"),
            "{text}"
        );
    }

    #[test]
    fn data_is_the_value_in_less_room() {
        for text in [
            r#"{"b": 1, "a": [true, null, {"z": "x", "y": -1.5e3}], "b": 2}"#,
            r#"{"a": 1, "a": {"c": 1}, "A": 3, "é": 4, "": 5, "a": [{}]}"#,
            "[1e400, 12345678901234567890, -0, 0.1, 1E2]",
            r#"{"x": {"x": {"x": [], "x": null}}}"#,
            "\"only\"",
            "{}",
            "[]",
        ] {
            data_prints_as_the_value(text);
        }
    }

    proptest::proptest! {
        /// Objects whose keys repeat, in any order, nested once.
        #[test]
        fn data_reads_repeated_keys_as_the_value(
            members in proptest::collection::vec(("[abA]{0,2}", 0u8..4), 0..10)
        ) {
            let inner: Vec<String> = members.iter().map(|(k, v)| format!("\"{k}\": {v}")).collect();
            let inner = inner.join(", ");
            data_prints_as_the_value(&format!("{{{inner}, \"n\": {{{inner}}}}}").replace("{, ", "{"));
        }
    }

    fn value(text: &str) -> Value {
        ok(text).value.into_value()
    }

    fn repairs(text: &str) -> Vec<(RepairKind, Range<usize>)> {
        ok(text)
            .repairs
            .into_iter()
            .map(|r| (r.kind, r.span))
            .collect()
    }

    /// Span of the first occurrence of `needle` in `text`.
    fn at(text: &str, needle: &str) -> Range<usize> {
        let start = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
        start..start + needle.len()
    }

    fn err(text: &str) -> JsonError {
        match parse(text) {
            Ok(parsed) => panic!("{text:?} parsed, expected an error: {parsed:?}"),
            Err(e) => e,
        }
    }

    fn assert_error(text: &str, message: &str, span: Range<usize>) {
        let e = err(text);
        assert!(
            e.message.contains(message),
            "{text:?}: message {:?} lacks {message:?}",
            e.message
        );
        assert_eq!(e.span, span, "{text:?}: wrong span for {:?}", e.message);
    }

    const STRICT_DOCS: &[&str] = &[
        "null",
        "true",
        " false ",
        "0",
        "-0",
        "-0.0",
        "12345678901234567890",
        "-9223372036854775808",
        "1.5e-3",
        "2E+10",
        "1e05",
        "\"\"",
        r#""plain""#,
        r#""esc \" \\ \/ \b \f \n \r \t""#,
        r#""\u00e9\u4e2d\ud83d\ude00 é 中 😀""#,
        "[]",
        "{}",
        "[[[]], {}, [{}]]",
        "\t{\r\n  \"a\" : [1, 2.5, -3e2, true, false, null],\r\n  \"b\": {\"c\": {\"d\": \"e\"}}\n}\n",
        r#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","value":[{"id":"87d349ed","businessPhones":[],"displayName":"Adele Vance"}]}"#,
        r#"{"": "empty key", "a/b": "\u0000"}"#,
    ];

    #[test]
    fn strict_json_matches_serde_json_with_no_repairs() {
        for text in STRICT_DOCS {
            let parsed = ok(text);
            assert!(parsed.repairs.is_empty(), "{text:?}: {:?}", parsed.repairs);
            let expected: Value = serde_json::from_str(text).expect("test document is strict JSON");
            assert_eq!(parsed.value.into_value(), expected, "{text:?}");
        }
    }

    #[test]
    fn numbers_keep_their_text() {
        let parsed = ok("[12345678901234567890, -0, 1e400, 0.1000000000000000055511151231257827]");
        let JsonValue::Array(items) = &parsed.value.value else {
            panic!("not an array")
        };
        let texts: Vec<_> = items
            .iter()
            .map(|item| match &item.value {
                JsonValue::Number(text) => text.as_str(),
                other => panic!("not a number: {other:?}"),
            })
            .collect();
        assert_eq!(
            texts,
            [
                "12345678901234567890",
                "-0",
                "1e400",
                "0.1000000000000000055511151231257827"
            ]
        );
        assert!(parsed.repairs.is_empty());
    }

    #[test]
    fn unrepresentable_numbers_become_strings() {
        assert_eq!(value("1e400"), json!("1e400"));
        assert_eq!(value("-1e400"), json!("-1e400"));
        assert_eq!(
            value("12345678901234567890"),
            json!(12345678901234567890u64)
        );
        // Too big for u64: serde_json's own float parsing decides the value.
        let big = "123456789012345678901234";
        assert_eq!(
            value(big),
            serde_json::from_str::<Value>(big).expect("serde_json parses it")
        );
        assert!(value(big).is_f64());
    }

    #[test]
    fn surrogate_pairs_and_unicode_escapes() {
        assert_eq!(value(r#""\ud83d\ude00""#), json!("😀"));
        assert_eq!(value(r#""\u00E9\u0041""#), json!("éA"));
        let text = r#""a\ud83dz""#;
        assert_eq!(value(text), json!("a\u{FFFD}z"));
        assert_eq!(
            repairs(text),
            [(RepairKind::InvalidEscape, at(text, r"\ud83d"))]
        );
        let text = r#""\ude00""#;
        assert_eq!(value(text), json!("\u{FFFD}"));
        assert_eq!(
            repairs(text),
            [(RepairKind::InvalidEscape, at(text, r"\ude00"))]
        );
        let text = r#""\u12G4""#;
        assert_eq!(value(text), json!("u12G4"));
        assert_eq!(
            repairs(text),
            [(RepairKind::InvalidEscape, at(text, r"\u"))]
        );
    }

    #[test]
    fn spans_cover_values_keys_and_quotes() {
        let text = r#" {"a": [1, "x"], 'b' : null} "#;
        let parsed = ok(text);
        let root = &parsed.value;
        assert_eq!(root.span, 1..text.len() - 1);
        let JsonValue::Object(members) = &root.value else {
            panic!("not an object")
        };
        assert_eq!(members[0].key_span, at(text, r#""a""#));
        assert_eq!(members[0].value.span, at(text, r#"[1, "x"]"#));
        let JsonValue::Array(items) = &members[0].value.value else {
            panic!("not an array")
        };
        assert_eq!(items[0].span, at(text, "1"));
        assert_eq!(items[1].span, at(text, r#""x""#));
        assert_eq!(members[1].key_span, at(text, "'b'"));
        assert_eq!(members[1].value.span, at(text, "null"));
    }

    #[test]
    fn trailing_commas() {
        let text = "[1,2,]";
        assert_eq!(value(text), json!([1, 2]));
        assert_eq!(repairs(text), [(RepairKind::TrailingComma, 4..5)]);
        let text = "{\"a\":1,\n}";
        assert_eq!(value(text), json!({"a": 1}));
        assert_eq!(repairs(text), [(RepairKind::TrailingComma, 6..7)]);
        assert_error("[1,,]", "expected a JSON value, found `,`", 3..4);
        assert_error("[,]", "expected a JSON value, found `,`", 1..2);
        assert_error("{,}", "expected an object key, found `,`", 1..2);
    }

    #[test]
    fn comments() {
        let text = "// leading\n[1, // one\n /* two */ 2 /* multi\nline */]";
        assert_eq!(value(text), json!([1, 2]));
        assert_eq!(
            repairs(text),
            [
                (RepairKind::LineComment, at(text, "// leading")),
                (RepairKind::LineComment, at(text, "// one")),
                (RepairKind::BlockComment, at(text, "/* two */")),
                (RepairKind::BlockComment, at(text, "/* multi\nline */")),
            ]
        );
        let text = "{\"a\": 1} // done";
        assert_eq!(
            repairs(text),
            [(RepairKind::LineComment, at(text, "// done"))]
        );
        assert_eq!(value("\"//not a comment\""), json!("//not a comment"));
        assert_error(
            "[1 / 2]",
            "expected `,` or `]` after array element, found `/`",
            3..4,
        );
    }

    #[test]
    fn ellipsis_placeholders_are_dropped() {
        let text = "[ {...}, ... ]";
        assert_eq!(value(text), json!([{}]));
        assert_eq!(
            repairs(text),
            [(RepairKind::Ellipsis, 3..6), (RepairKind::Ellipsis, 9..12)]
        );
        let text = "{ \"a\": 1, ... }";
        assert_eq!(value(text), json!({"a": 1}));
        assert_eq!(repairs(text), [(RepairKind::Ellipsis, at(text, "..."))]);
        let text = "[1, \u{2026}]";
        assert_eq!(value(text), json!([1]));
        assert_eq!(
            repairs(text),
            [(RepairKind::Ellipsis, at(text, "\u{2026}"))]
        );
        let text = "{\"a\": ..., \"b\": 2}";
        assert_eq!(value(text), json!({"b": 2}));
        assert_eq!(repairs(text), [(RepairKind::Ellipsis, at(text, "..."))]);
        let text = "{\n  \"value\": [\n    {\"id\": \"1\"},\n    ...\n  ]\n}";
        assert_eq!(value(text), json!({"value": [{"id": "1"}]}));
        assert_eq!(repairs(text), [(RepairKind::Ellipsis, at(text, "..."))]);
        assert_eq!(value("[\"...\"]"), json!(["..."]));
        assert_error("...", "placeholder is only allowed", 0..3);
        assert_error("[..]", "expected a digit in number, found `.`", 2..3);
    }

    #[test]
    fn single_quoted_strings() {
        let text = r#"{'a': 'it\'s "x"'}"#;
        assert_eq!(value(text), json!({"a": "it's \"x\""}));
        assert_eq!(
            repairs(text),
            [
                (RepairKind::SingleQuotedString, at(text, "'a'")),
                (RepairKind::SingleQuotedString, at(text, r#"'it\'s "x"'"#)),
            ]
        );
    }

    #[test]
    fn unquoted_keys() {
        let text = "{ blockType: \"resource\", truncated: true, @odata.type: 1, key-2_$: null }";
        assert_eq!(
            value(text),
            json!({"blockType": "resource", "truncated": true, "@odata.type": 1, "key-2_$": null})
        );
        assert_eq!(
            repairs(text),
            [
                (RepairKind::UnquotedKey, at(text, "blockType")),
                (RepairKind::UnquotedKey, at(text, "truncated")),
                (RepairKind::UnquotedKey, at(text, "@odata.type")),
                (RepairKind::UnquotedKey, at(text, "key-2_$")),
            ]
        );
        let parsed = ok(text);
        assert_eq!(
            parsed.value.get("truncated").map(|v| v.span.clone()),
            Some(at(text, "true"))
        );
        assert_error(
            "{ a b: 1 }",
            "expected `:` after object key, found `b`",
            4..5,
        );
    }

    #[test]
    fn unusual_whitespace() {
        let text = "\u{FEFF}{\u{A0}\"a\":\u{202F}\u{200B}1\t}\r\n";
        assert_eq!(value(text), json!({"a": 1}));
        assert_eq!(
            repairs(text),
            [
                (RepairKind::UnusualWhitespace, at(text, "\u{FEFF}")),
                (RepairKind::UnusualWhitespace, at(text, "\u{A0}")),
                (RepairKind::UnusualWhitespace, at(text, "\u{202F}\u{200B}")),
            ]
        );
        assert!(repairs(" \t\r\n[ \t\r\n1 ]\r\n").is_empty());
        // The two ASCII ones that JSON does not allow.
        let text = "[1,\u{0B}2\u{0C}]";
        assert_eq!(value(text), json!([1, 2]));
        assert_eq!(
            repairs(text),
            [
                (RepairKind::UnusualWhitespace, at(text, "\u{0B}")),
                (RepairKind::UnusualWhitespace, at(text, "\u{0C}")),
            ]
        );
        // Inside strings it is content, not whitespace.
        assert!(repairs("\"a\u{A0}b\"").is_empty());
    }

    #[test]
    fn control_characters_in_strings() {
        let text = "[\"line1\nline2\", \"a\tb\r\n\u{1}\"]";
        assert_eq!(value(text), json!(["line1\nline2", "a\tb\r\n\u{1}"]));
        assert_eq!(
            repairs(text),
            [
                (RepairKind::ControlCharInString, at(text, "\n")),
                (RepairKind::ControlCharInString, at(text, "\t")),
                (RepairKind::ControlCharInString, at(text, "\r\n\u{1}")),
            ]
        );
        // Every control character, in either quote, and no other ASCII byte; DEL is none.
        for quote in ['"', '\''] {
            for b in 0u8..0x80 {
                if b == quote as u8 || b == b'\\' {
                    continue;
                }
                let text = format!("[{quote}a{}b{quote}]", char::from(b));
                let control = repairs(&text)
                    .iter()
                    .any(|(kind, _)| *kind == RepairKind::ControlCharInString);
                assert_eq!(control, b < 0x20, "{text:?}");
            }
        }
    }

    #[test]
    fn missing_commas_across_lines() {
        let text = "{\n  \"a\": 1\n  \"b\": [1\n 2]\n  c: 'x'\n}";
        assert_eq!(value(text), json!({"a": 1, "b": [1, 2], "c": "x"}));
        let a_end = at(text, "1\n").start + 1;
        let one_end = at(text, "[1").end;
        let b_end = at(text, "2]").end;
        assert_eq!(
            repairs(text),
            [
                (RepairKind::MissingComma, a_end..a_end),
                (RepairKind::MissingComma, one_end..one_end),
                (RepairKind::MissingComma, b_end..b_end),
                (
                    RepairKind::UnquotedKey,
                    at(text, "c:").start..at(text, "c:").start + 1
                ),
                (RepairKind::SingleQuotedString, at(text, "'x'")),
            ]
        );
        let text = "[{}\n// comment\n{}]";
        assert_eq!(value(text), json!([{}, {}]));
        assert_error(
            "[1 2]",
            "expected `,` or `]` after array element, found `2`",
            3..4,
        );
        assert_error(
            "{\"a\": 1 \"b\": 2}",
            "expected `,` or `}` after object member, found `\"`",
            8..9,
        );
        assert_error(
            "[1\n:]",
            "expected `,` or `]` after array element, found `:`",
            3..4,
        );
    }

    #[test]
    fn invalid_escapes_keep_the_char() {
        let text = r#""it\'s \q""#;
        assert_eq!(value(text), json!("it's q"));
        assert_eq!(
            repairs(text),
            [
                (RepairKind::InvalidEscape, at(text, r"\'")),
                (RepairKind::InvalidEscape, at(text, r"\q"))
            ]
        );
        let text = "\"\\é\"";
        assert_eq!(value(text), json!("é"));
        assert_eq!(repairs(text), [(RepairKind::InvalidEscape, 1..4)]);
    }

    #[test]
    fn non_strict_numbers_are_normalised() {
        let cases = [
            ("+1", "1"),
            (".5", "0.5"),
            ("-.5", "-0.5"),
            ("5.", "5.0"),
            ("5.e3", "5.0e3"),
            ("007", "7"),
            ("-00.25", "-0.25"),
            ("00", "0"),
            ("+0.5E-2", "0.5E-2"),
        ];
        for (text, strict) in cases {
            let parsed = ok(text);
            assert_eq!(
                parsed.value.value,
                JsonValue::Number(strict.to_owned()),
                "{text:?}"
            );
            assert_eq!(
                parsed.repairs,
                [Repair {
                    kind: RepairKind::NonStrictNumber,
                    span: 0..text.len()
                }]
            );
            let expected: Value = serde_json::from_str(strict).expect("normalised text is strict");
            assert_eq!(parsed.value.into_value(), expected, "{text:?}");
        }
    }

    #[test]
    fn number_errors() {
        assert_error("-", "expected a digit in number, found end of input", 1..1);
        assert_error("[-]", "expected a digit in number, found `]`", 2..3);
        assert_error("+", "expected a digit in number", 1..1);
        assert_error(
            "1e",
            "expected a digit in the exponent, found end of input",
            2..2,
        );
        assert_error("1e+x", "expected a digit in the exponent, found `x`", 3..4);
        assert_error("12abc", "invalid character `a` in number", 2..3);
        assert_error("1.2.3", "invalid character `.` in number", 3..4);
        assert_error("0x10", "invalid character `x` in number", 1..2);
    }

    #[test]
    fn duplicate_keys_are_kept_and_reported() {
        let text = r#"{"a": 1, "b": 2, "a": 3}"#;
        let parsed = ok(text);
        let JsonValue::Object(members) = &parsed.value.value else {
            panic!("not an object")
        };
        assert_eq!(members.len(), 3);
        assert_eq!(
            parsed.value.get("a").map(|v| v.clone().into_value()),
            Some(json!(1))
        );
        assert_eq!(parsed.value.into_value(), json!({"a": 3, "b": 2}));
        let second = text.rfind("\"a\"").unwrap_or(0);
        assert_eq!(
            parsed.repairs,
            [Repair {
                kind: RepairKind::DuplicateKey,
                span: second..second + 3
            }]
        );
    }

    #[test]
    fn every_duplicate_key_is_reported_in_order() {
        let mut text: String = (0..20).map(|i| format!("\"k{i}\": {i}, ")).collect();
        text.insert(0, '{');
        text.push_str("\"k7\": 0, \"k19\": 1}");
        let parsed = ok(&text);
        let spans: Vec<_> = parsed
            .repairs
            .iter()
            .map(|r| (r.kind, r.span.clone()))
            .collect();
        let (k7, k19) = (
            text.rfind("\"k7\"").unwrap(),
            text.rfind("\"k19\"").unwrap(),
        );
        assert_eq!(
            spans,
            [
                (RepairKind::DuplicateKey, k7..k7 + 4),
                (RepairKind::DuplicateKey, k19..k19 + 5)
            ]
        );
        // A small object, searched without a set: a key met a third time is reported again.
        let text = r#"{"a": 1, "b": 2, "a": 3, "a": 4}"#;
        let spans: Vec<_> = ok(text).repairs.iter().map(|r| r.span.start).collect();
        assert_eq!(spans, [17, 25]);
    }

    #[test]
    fn only_lowercase_literals() {
        assert_eq!(value("[true, false, null]"), json!([true, false, null]));
        for word in [
            "True",
            "False",
            "None",
            "NULL",
            "undefined",
            "NaN",
            "Infinity",
            "nul",
            "truex",
        ] {
            assert_error(
                word,
                &format!("unexpected bare word `{word}`"),
                0..word.len(),
            );
        }
        assert_error("[1, string]", "unexpected bare word `string`", 4..10);
    }

    #[test]
    fn error_positions() {
        assert_error("", "expected a JSON value, found end of input", 0..0);
        assert_error(
            "   // only a comment",
            "expected a JSON value, found end of input",
            20..20,
        );
        assert_error(
            "{\"a\" 1}",
            "expected `:` after object key, found `1`",
            5..6,
        );
        assert_error(
            "{\"a\": 1 x}",
            "expected `,` or `}` after object member, found `x`",
            8..9,
        );
        assert_error("{\"a\": }", "expected a JSON value, found `}`", 6..7);
        assert_error("[1] x", "unexpected text after the JSON value", 4..5);
        assert_error("[1] \u{e9}", "unexpected text after the JSON value", 4..6);
        assert_error("{]", "expected an object key, found `]`", 1..2);
        assert_error("[}", "expected a JSON value, found `}`", 1..2);
        assert_error("#", "expected a JSON value, found `#`", 0..1);
        assert_error("[\u{1}]", "expected a JSON value, found `\\u{1}`", 1..2);
    }

    #[test]
    fn unterminated_input() {
        assert_error("\"abc", "unterminated string", 0..1);
        assert_error("[1, 'abc]", "unterminated string: no closing `'`", 4..5);
        assert_error("\"abc\\", "unterminated string", 0..1);
        assert_error("[1 /* never closed", "unterminated comment", 3..5);
        assert_error("/*/", "unterminated comment", 0..2);
        assert_error(
            "  [1, 2",
            "unterminated array: `[` has no closing `]`",
            2..3,
        );
        assert_error("[1, [2,", "unterminated array", 4..5);
        assert_error(
            "{\"a\": 1",
            "unterminated object: `{` has no closing `}`",
            0..1,
        );
        assert_error("{\"a\": 1,", "unterminated object", 0..1);
        assert_error("{\"a\":", "expected a JSON value, found end of input", 5..5);
        assert_error(
            "{\"a\"",
            "expected `:` after object key, found end of input",
            4..4,
        );
        assert_error("[", "unterminated array", 0..1);
    }

    /// Containers of one kind inside another of that kind, with items before and after:
    /// each keeps its own items, in order, at their places (the items of every open
    /// container wait on one list of the parser's until it closes).
    #[test]
    fn a_container_keeps_its_own_items_whatever_encloses_it() {
        let text = r#"[1, [2, [3], 4], {"a": {"b": [5]}, "c": 6}, [], 7]"#;
        assert_eq!(
            value(text),
            json!([1, [2, [3], 4], {"a": {"b": [5]}, "c": 6}, [], 7])
        );
        let JsonValue::Array(items) = ok(text).value.value else {
            panic!("not an array");
        };
        let spans: Vec<&str> = items.iter().map(|i| &text[i.span.clone()]).collect();
        assert_eq!(
            spans,
            [
                "1",
                "[2, [3], 4]",
                r#"{"a": {"b": [5]}, "c": 6}"#,
                "[]",
                "7"
            ]
        );
        // An object whose members come before and after one of its own kind.
        let text = r#"{"x": 1, "y": {"z": 2, "w": {}}, "v": 3}"#;
        assert_eq!(value(text), json!({"x": 1, "y": {"z": 2, "w": {}}, "v": 3}));
    }

    #[test]
    fn nesting_depth_is_limited() {
        let depth = MAX_DEPTH;
        let deepest = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(parse(&deepest).is_ok());
        let objects = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        assert!(parse(&objects).is_ok());

        assert_error(
            &format!("{}{}", "[".repeat(depth + 1), "]".repeat(depth + 1)),
            "nesting deeper than 128 levels",
            depth..depth + 1,
        );
        let e = err(&"[".repeat(100_000));
        assert_eq!(
            e,
            JsonError::new("nesting deeper than 128 levels", depth..depth + 1)
        );
        let e = err(&"{\"a\":[".repeat(100_000));
        assert_eq!(e.message, "nesting deeper than 128 levels");
    }

    #[test]
    fn parse_prefix_stops_after_the_value() {
        let annotation = r#" { "blockType": "resource", truncated: true, } -->
more text"#;
        let (parsed, end) = parse_prefix(annotation).expect("annotation parses");
        assert_eq!(&annotation[end..end + 4], " -->");
        assert_eq!(parsed.value.span.end, end);
        assert_eq!(
            parsed.value.clone().into_value(),
            json!({"blockType": "resource", "truncated": true})
        );
        assert_eq!(
            parsed.value.get("blockType").and_then(Json::as_str),
            Some("resource")
        );
        let kinds: Vec<_> = parsed.repairs.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, [RepairKind::UnquotedKey, RepairKind::TrailingComma]);

        assert_eq!(parse_prefix("12 34").map(|(_, end)| end), Ok(2));
        assert_eq!(parse_prefix("/* c */ true}").map(|(_, end)| end), Ok(12));
        assert!(parse_prefix("  ").is_err());
    }

    #[test]
    fn accessors() {
        let parsed = ok(r#"{"name": "x", "n": 1}"#);
        assert_eq!(parsed.value.get("name").and_then(Json::as_str), Some("x"));
        assert_eq!(parsed.value.get("n").and_then(Json::as_str), None);
        assert!(parsed.value.get("missing").is_none());
        assert!(ok("[1]").value.get("0").is_none());
        assert_eq!(ok("'q'").value.as_str(), Some("q"));
    }

    #[test]
    fn describe_is_distinct_for_every_kind() {
        use RepairKind::*;
        let kinds = [
            TrailingComma,
            LineComment,
            BlockComment,
            Ellipsis,
            SingleQuotedString,
            UnquotedKey,
            UnusualWhitespace,
            ControlCharInString,
            MissingComma,
            InvalidEscape,
            NonStrictNumber,
            DuplicateKey,
        ];
        let descriptions: std::collections::HashSet<_> =
            kinds.iter().map(RepairKind::describe).collect();
        assert_eq!(descriptions.len(), kinds.len());
        assert_eq!(TrailingComma.describe(), "trailing comma");
        assert_eq!(LineComment.describe(), "`//` comment");
    }

    #[test]
    fn docs_example_with_every_quirk() {
        let doc = "{\n  // sample\n  'id': '1',\n  displayName: \"Adele\u{A0}Vance\",\n  \"size\": +1024,\n  \"tags\": [\"a\"\n \"b\"],\n  \"items\": [ {...}, ... ],\n}";
        let parsed = ok(doc);
        assert_eq!(
            parsed.value.into_value(),
            json!({"id": "1", "displayName": "Adele\u{A0}Vance", "size": 1024, "tags": ["a", "b"], "items": [{}]})
        );
        let kinds: Vec<_> = parsed.repairs.iter().map(|r| r.kind).collect();
        use RepairKind::*;
        assert_eq!(
            kinds,
            [
                LineComment,
                SingleQuotedString,
                SingleQuotedString,
                UnquotedKey,
                NonStrictNumber,
                MissingComma,
                Ellipsis,
                Ellipsis,
                TrailingComma
            ]
        );
    }

    // ---- robustness ----

    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    /// Spans must stay inside the input, on char boundaries, and nest.
    fn check_spans(json: &Json, outer: &Range<usize>, text: &str) {
        let span = &json.span;
        assert!(outer.start <= span.start && span.start <= span.end && span.end <= outer.end);
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        match &json.value {
            JsonValue::Array(items) => items.iter().for_each(|item| check_spans(item, span, text)),
            JsonValue::Object(members) => {
                for member in members {
                    assert!(
                        span.start <= member.key_span.start
                            && member.key_span.end <= member.value.span.start
                    );
                    check_spans(&member.value, span, text);
                }
            }
            _ => {}
        }
    }

    /// Parses without panicking and, when the input is valid JSON, agrees with serde_json.
    fn check_input(text: &str) {
        let result = parse(text);
        if let Ok(parsed) = &result {
            check_spans(&parsed.value, &(0..text.len()), text);
            for repair in &parsed.repairs {
                assert!(repair.span.start <= repair.span.end && repair.span.end <= text.len());
                assert!(
                    text.is_char_boundary(repair.span.start)
                        && text.is_char_boundary(repair.span.end)
                );
            }
            let _ = parsed.value.clone().into_value();
            let (prefix, end) =
                parse_prefix(text).expect("parse_prefix accepts what parse accepts");
            assert_eq!(prefix.value, parsed.value);
            assert_eq!(end, parsed.value.span.end);
        }
        if let Err(e) = &result {
            assert!(
                e.span.start <= e.span.end && e.span.end <= text.len(),
                "{text:?}: {e:?}"
            );
            assert!(!e.message.is_empty());
        }
        if let Ok(expected) = serde_json::from_str::<Value>(text) {
            let parsed =
                result.unwrap_or_else(|e| panic!("serde_json accepts {text:?} but we fail: {e:?}"));
            assert_eq!(parsed.value.into_value(), expected, "{text:?}");
            assert!(
                parsed
                    .repairs
                    .iter()
                    .all(|r| r.kind == RepairKind::DuplicateKey),
                "{text:?}"
            );
        }
    }

    #[rustfmt::skip]
    const TOKENS: &[&str] = &[
        "{", "}", "[", "]", ",", ":", "\"", "'", "\\", "\\u", "\\ud83d", "\\ude00", "0", "1", "-", "+",
        ".", "e", "E", "...", "\u{2026}", "//", "/*", "*/", "/", "\n", " ", "\t", "\r", "\u{A0}",
        "\u{FEFF}", "true", "false", "null", "nul", "x", "\"k\":", "é", "😀", "\u{0}", "1e400", "\"a\"",
        "{\"a\":1}",
    ];

    /// Random bytes, random token soup, or a valid document with a few tokens spliced in.
    fn garbage(rng: &mut XorShift, case: usize) -> String {
        let len = rng.below(48);
        match case % 3 {
            0 => {
                let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
                String::from_utf8_lossy(&bytes).into_owned()
            }
            1 => (0..len).map(|_| TOKENS[rng.below(TOKENS.len())]).collect(),
            _ => {
                let mut text = random_value(rng, 3).to_string();
                for _ in 0..1 + rng.below(3) {
                    let mut at = rng.below(text.len() + 1);
                    while !text.is_char_boundary(at) {
                        at -= 1;
                    }
                    let cut = (at + rng.below(3)).min(text.len());
                    let cut = if text.is_char_boundary(cut) { cut } else { at };
                    text.replace_range(at..cut, TOKENS[rng.below(TOKENS.len())]);
                }
                text
            }
        }
    }

    #[test]
    fn garbage_never_panics() {
        let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
        for case in 0..6000 {
            let text = garbage(&mut rng, case);
            check_input(&text);
        }
    }

    #[test]
    fn edge_inputs_never_panic() {
        let huge_number = format!(
            "-{}.{}e{}",
            "9".repeat(5000),
            "1".repeat(5000),
            "9".repeat(400)
        );
        let inputs = [
            "-",
            "+",
            ".",
            "-.",
            "1.",
            "1e",
            "1e+",
            "\"",
            "'",
            "\"\\",
            "\"\\u",
            "\"\\u12",
            "\"\\ud800\\u",
            "/",
            "/*",
            "//",
            "{",
            "[",
            "{\"a\"",
            "{a",
            "{a:",
            "\u{2026}",
            "..",
            "{...",
            "[...",
            "\u{FEFF}",
            "\u{FFFD}",
            "\u{2028}1",
            &huge_number,
        ];
        for text in inputs {
            check_input(text);
        }
        assert!(matches!(
            ok(&huge_number).value.into_value(),
            Value::String(_)
        ));
    }

    fn random_value(rng: &mut XorShift, depth: usize) -> Value {
        let pick = if depth == 0 {
            rng.below(5)
        } else {
            rng.below(7)
        };
        match pick {
            0 => Value::Null,
            1 => Value::Bool(rng.below(2) == 0),
            2 => json!(rng.next() as i64 >> rng.below(64)),
            3 => json!((rng.next() as i64 as f64) / ((rng.next() >> 40) as f64 + 1.0)),
            4 => {
                const CHARS: &[char] = &[
                    'a', 'Z', '"', '\\', '/', '\n', '\u{1}', '\u{7f}', 'é', '😀', '\u{A0}', ' ',
                ];
                Value::String(
                    (0..rng.below(8))
                        .map(|_| CHARS[rng.below(CHARS.len())])
                        .collect(),
                )
            }
            5 => Value::Array(
                (0..rng.below(5))
                    .map(|_| random_value(rng, depth - 1))
                    .collect(),
            ),
            _ => Value::Object(
                (0..rng.below(5))
                    .map(|i| (format!("k{i}"), random_value(rng, depth - 1)))
                    .collect(),
            ),
        }
    }

    #[test]
    fn random_strict_documents_round_trip() {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..500 {
            let doc = random_value(&mut rng, 5);
            for text in [
                doc.to_string(),
                serde_json::to_string_pretty(&doc).unwrap_or_default(),
            ] {
                let parsed = ok(&text);
                assert!(parsed.repairs.is_empty(), "{text}: {:?}", parsed.repairs);
                let expected: Value =
                    serde_json::from_str(&text).expect("serde_json output parses");
                assert_eq!(parsed.value.into_value(), expected, "{text}");
            }
        }
    }

    #[test]
    fn large_inputs_stay_linear() {
        let item = "{\"id\": \"87d349ed-44d7\", 'n': [1, 2.5, -3], /* c */ x: true,\u{A0}},\n";
        let count = 40_000;
        let text = format!("[{}...]", item.repeat(count));
        let parsed = ok(&text);
        let JsonValue::Array(items) = &parsed.value.value else {
            panic!("not an array")
        };
        assert_eq!(items.len(), count);

        let long_string = format!("\"{}\"", "ab\u{A0}".repeat(1_000_000));
        assert!(ok(&long_string).repairs.is_empty());
        let long_comment = format!("/*{}*/ 1", "*".repeat(2_000_000));
        assert_eq!(value(&long_comment), json!(1));
        let whitespace = format!("{}1", "\u{A0}".repeat(1_000_000));
        assert_eq!(
            repairs(&whitespace),
            [(RepairKind::UnusualWhitespace, 0..2_000_000)]
        );
        let dots = format!("[{}]", ".".repeat(1_000_000));
        assert_eq!(value(&dots), json!([]));
        assert!(parse(&"1".repeat(1_000_000)).is_ok());
        assert!(parse(&"a".repeat(1_000_000)).is_err());
    }
}
