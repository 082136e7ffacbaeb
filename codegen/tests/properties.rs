//! Property tests: naming always yields unique, valid identifiers; the lenient JSON parser
//! agrees with `serde_json` on strict JSON; and no input makes the JSON or page parser panic.
//!
//! Case counts are kept small so the file runs in seconds in a debug build. For a longer
//! run, set `PROPTEST_CASES` (e.g. `PROPTEST_CASES=5000 cargo test -p codegen --test properties`).

use codegen::emit::naming::{field_name, is_valid_ident, type_name, Scope};
use codegen::parse::json::{self, Json, JsonValue, RepairKind};
use codegen::parse::page;
use codegen::source::SourceMap;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Number, Value};
use std::collections::HashSet;
use std::ops::Range;

// ---------------------------------------------------------------------------------------------
// Naming
// ---------------------------------------------------------------------------------------------

/// Names that have caused trouble in identifier generators: keywords (strict, reserved, weak and
/// edition-dependent), raw identifiers, lone underscores, leading digits, punctuation only.
const AWKWARD: &[&str] = &[
    "type",
    "self",
    "Self",
    "super",
    "crate",
    "_",
    "__",
    "_1",
    "r#type",
    "r#self",
    "fn",
    "async",
    "await",
    "dyn",
    "try",
    "gen",
    "union",
    "static",
    "abstract",
    "become",
    "box",
    "do",
    "final",
    "macro",
    "macro_rules",
    "override",
    "priv",
    "typeof",
    "unsized",
    "virtual",
    "yield",
    "true",
    "false",
    "let",
    "in",
    "as",
    "ref",
    "mut",
    "move",
    "where",
    "loop",
    "match",
    "impl",
    "trait",
    "struct",
    "enum",
    "mod",
    "pub",
    "use",
    "extern",
    "unsafe",
    "const",
    "continue",
    "break",
    "return",
    "while",
    "for",
    "if",
    "else",
    "safe",
    "raw",
    "0",
    "0start",
    "1st",
    "2",
    "007",
    "@odata.type",
    "@odata.nextLink",
    "$skiptoken",
    "--",
    "",
    " ",
    ".",
    "-1",
    "a-b",
    "a.b",
    "a_2",
    "a 2",
    "A2",
    "SELF",
    "TYPE",
    "Type",
    "ßtraße",
    "\u{e9}t\u{e9}",
    "\u{130}",
    "\u{1c5}",
    "\u{0}",
    "\u{200b}",
    "\u{feff}",
    "日本語",
    "𝄞",
    "٣",
    "Ⅻ",
];

/// Every awkward name, not only those a run happens to draw.
#[test]
fn every_awkward_name_gives_valid_identifiers() {
    for name in AWKWARD {
        assert!(
            is_valid_ident(&field_name(name)),
            "{name:?} -> {}",
            field_name(name)
        );
        assert!(
            is_valid_ident(&type_name(name)),
            "{name:?} -> {}",
            type_name(name)
        );
    }
}

fn awkward() -> impl Strategy<Value = String> {
    select(AWKWARD).prop_map(String::from)
}

/// Arbitrary docs names: any Unicode, ASCII with punctuation, awkward words and their mixtures.
fn any_name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        3 => "[a-zA-Z0-9_@.$ \\-]{0,12}",
        1 => "\\PC{0,8}",
        3 => awkward(),
        2 => (awkward(), "[a-zA-Z0-9_.@ \\-]{0,3}", awkward())
            .prop_map(|(a, b, c)| format!("{a}{b}{c}")),
    ]
}

/// Names from a tiny alphabet, so that many of them collide after case conversion, and some
/// collide with the numbered names a [`Scope`] makes (`a 2` is `a_2`, `A2` is `A2`).
fn colliding_name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[aAbB2 ._\\-]{0,4}",
        1 => awkward(),
        1 => any_name(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn naming_gives_valid_identifiers(name in any_name()) {
        let field = field_name(&name);
        let ty = type_name(&name);
        prop_assert!(is_valid_ident(&field), "field_name({:?}) = {:?}", name, field);
        prop_assert!(is_valid_ident(&ty), "type_name({:?}) = {:?}", name, ty);
        // Same name, same identifier: the output must not depend on anything else.
        prop_assert_eq!(field_name(&name), field);
        prop_assert_eq!(type_name(&name), ty);
    }
}

/// Claims every name in `scope`; checks each result is new, starts with the requested name and
/// is reported as changed exactly when it differs from it. Returns the identifiers handed out.
fn claim_all(
    scope: &mut Scope,
    reserved: &[String],
    idents: impl IntoIterator<Item = String>,
) -> Result<Vec<String>, TestCaseError> {
    let mut seen: HashSet<String> = reserved.iter().cloned().collect();
    let mut out = Vec::new();
    for ident in idents {
        let (claimed, changed) = scope.claim(ident.clone());
        prop_assert!(
            seen.insert(claimed.clone()),
            "{:?} handed out twice (asked for {:?})",
            claimed,
            ident
        );
        prop_assert_eq!(changed, claimed != ident, "changed flag for {:?}", ident);
        prop_assert!(claimed.starts_with(&ident), "{:?} -> {:?}", ident, claimed);
        out.push(claimed);
    }
    Ok(out)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn scope_hands_out_unique_valid_identifiers(
        names in vec(colliding_name(), 0..40),
        reserved in vec(colliding_name(), 0..4),
    ) {
        let reserved_fields: Vec<String> = reserved.iter().map(|n| field_name(n)).collect();
        let reserved_refs: Vec<&str> = reserved_fields.iter().map(String::as_str).collect();
        let mut fields = Scope::with_reserved(&reserved_refs);
        let claimed = claim_all(&mut fields, &reserved_fields, names.iter().map(|n| field_name(n)))?;
        for ident in &claimed {
            prop_assert!(is_valid_ident(ident), "field {:?} is not an identifier", ident);
        }

        let reserved_types: Vec<String> = reserved.iter().map(|n| type_name(n)).collect();
        let reserved_refs: Vec<&str> = reserved_types.iter().map(String::as_str).collect();
        let mut types = Scope::camel(&reserved_refs);
        let claimed = claim_all(&mut types, &reserved_types, names.iter().map(|n| type_name(n)))?;
        for ident in &claimed {
            prop_assert!(is_valid_ident(ident), "type {:?} is not an identifier", ident);
        }
    }

    #[test]
    fn scope_never_repeats_even_for_raw_names(names in vec(colliding_name(), 0..40)) {
        claim_all(&mut Scope::with_reserved(&[]), &[], names.iter().cloned())?;
        claim_all(&mut Scope::camel(&[]), &[], names.iter().cloned())?;
    }
}

// ---------------------------------------------------------------------------------------------
// Lenient JSON agrees with serde_json on strict JSON
// ---------------------------------------------------------------------------------------------

fn json_string() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => any::<String>(),
        2 => "[a-z\"\\\\/ \\x00-\\x1f\u{7f}\u{a0}\u{2028}\u{feff}]{0,8}",
        1 => "\\PC{0,8}",
        1 => select(&["", "...", "…", "//", "/*", "*/", "\\u0000", "null", "true", "1e5"][..])
            .prop_map(String::from),
    ]
}

fn json_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1000i32..1000).prop_map(|i| Value::from(i64::from(i))),
        (-1000i32..1000).prop_map(|i| Value::from(f64::from(i))),
        (-1e6f64..1e6).prop_map(Value::from),
        // Any finite f64: subnormals, huge exponents, -0.0. NaN and infinities are not JSON.
        any::<f64>().prop_filter_map("not finite", |f| Number::from_f64(f).map(Value::Number)),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        json_number(),
        json_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..8).prop_map(Value::Array),
            vec((json_string(), inner), 0..8)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// SplitMix64: cheap choices for [`write_strict`] from one seed.
struct Choices(u64);

impl Choices {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn pick(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// Strict JSON whitespace, usually none.
    fn space(&mut self, out: &mut String) {
        if self.pick(3) == 0 {
            for _ in 0..=self.pick(3) {
                out.push([' ', '\t', '\n', '\r'][self.pick(4) as usize]);
            }
        }
    }
}

fn write_u_escape(out: &mut String, unit: u16, upper: bool) {
    if upper {
        out.push_str(&format!("\\u{unit:04X}"));
    } else {
        out.push_str(&format!("\\u{unit:04x}"));
    }
}

/// A strict JSON string literal, escaping each character in one of the ways JSON allows.
fn write_string(s: &str, out: &mut String, ch: &mut Choices) {
    out.push('"');
    for c in s.chars() {
        let short = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '/' => Some("\\/"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            _ => None,
        };
        let must_escape = matches!(c, '"' | '\\') || (c as u32) < 0x20;
        match (ch.pick(3), short) {
            (0, _) if !must_escape => out.push(c),
            (1, Some(short)) => out.push_str(short),
            (_, Some(short)) if must_escape && ch.pick(2) == 0 => out.push_str(short),
            _ => {
                // `\uXXXX`, as a surrogate pair outside the Basic Multilingual Plane.
                let upper = ch.pick(2) == 0;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write_u_escape(out, *unit, upper);
                }
            }
        }
    }
    out.push('"');
}

fn write_number(n: &Number, out: &mut String, ch: &mut Choices) {
    match n.as_f64().filter(|_| n.is_f64()) {
        // Other spellings of the same float: `1.5e3`, `1.5E3`, `1.5e+3`.
        Some(f) if ch.pick(2) == 0 => {
            let text = if ch.pick(2) == 0 {
                format!("{f:e}")
            } else {
                format!("{f:E}")
            };
            if ch.pick(2) == 0 && !text.contains("e-") && !text.contains("E-") {
                out.push_str(&text.replace('e', "e+").replace('E', "E+"));
            } else {
                out.push_str(&text);
            }
        }
        _ => out.push_str(&n.to_string()),
    }
}

/// Serialises `value` as strict JSON with varied whitespace, escapes and number spellings.
fn write_strict(value: &Value, out: &mut String, ch: &mut Choices) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(n, out, ch),
        Value::String(s) => write_string(s, out, ch),
        Value::Array(items) => {
            out.push('[');
            ch.space(out);
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                    ch.space(out);
                }
                write_strict(item, out, ch);
                ch.space(out);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            ch.space(out);
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                    ch.space(out);
                }
                write_string(key, out, ch);
                ch.space(out);
                out.push(':');
                ch.space(out);
                write_strict(item, out, ch);
                ch.space(out);
            }
            out.push('}');
        }
    }
}

fn is_json_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Every node's span is exactly its own text: serde_json reads the same value from it, and a
/// key span is the quoted key.
fn check_spans(node: &Json, text: &str) -> Result<(), TestCaseError> {
    let own: Value = serde_json::from_str(&text[node.span.clone()])
        .map_err(|e| TestCaseError::fail(format!("span {:?} is not a value: {e}", node.span)))?;
    prop_assert_eq!(&own, &node.clone().into_value(), "span {:?}", node.span);
    match &node.value {
        JsonValue::Array(items) => {
            for item in items {
                check_spans(item, text)?;
            }
        }
        JsonValue::Object(members) => {
            for member in members {
                let key: String = serde_json::from_str(&text[member.key_span.clone()])
                    .map_err(|e| TestCaseError::fail(format!("key span: {e}")))?;
                prop_assert_eq!(&key, &member.key);
                check_spans(&member.value, text)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// What `serde_json` reads from a strict JSON text must be what the lenient parser reads, with
/// no repairs (the texts here have no duplicate keys) and a span covering the whole value.
fn agrees_with_serde(text: &str) -> Result<(), TestCaseError> {
    let expected: Value = serde_json::from_str(text)
        .map_err(|e| TestCaseError::fail(format!("generator made invalid JSON: {e}\n{text}")))?;
    let parsed = json::parse(text)
        .map_err(|e| TestCaseError::fail(format!("lenient parser rejected strict JSON: {e}")))?;
    prop_assert!(
        parsed.repairs.is_empty(),
        "repairs on strict JSON: {:?}",
        parsed.repairs
    );
    prop_assert_eq!(&parsed.value.clone().into_value(), &expected);
    let start = text.len() - text.trim_start_matches(is_json_space).len();
    let end = text.trim_end_matches(is_json_space).len();
    prop_assert_eq!(parsed.value.span.clone(), start..end);
    check_spans(&parsed.value, text)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn lenient_json_agrees_with_serde_json_output(value in json_value()) {
        agrees_with_serde(&serde_json::to_string(&value).unwrap())?;
        agrees_with_serde(&serde_json::to_string_pretty(&value).unwrap())?;
    }

    #[test]
    fn lenient_json_agrees_on_any_strict_spelling(value in json_value(), seed in any::<u64>()) {
        let mut ch = Choices(seed);
        let mut text = String::new();
        ch.space(&mut text);
        write_strict(&value, &mut text, &mut ch);
        ch.space(&mut text);
        agrees_with_serde(&text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Strict JSON may repeat a key: the last value wins, as in serde_json, and each repeat
    /// (however its key is escaped) is the one repair reported.
    #[test]
    fn duplicate_keys_last_wins_and_are_reported(
        members in vec((select(&["a", "b", "\u{e9}", "/", ""][..]), json_value()), 0..8),
        seed in any::<u64>(),
    ) {
        let mut ch = Choices(seed);
        let mut text = String::from("[{");
        for (i, (key, value)) in members.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            write_string(key, &mut text, &mut ch);
            text.push(':');
            write_strict(value, &mut text, &mut ch);
        }
        text.push_str("}]");
        let expected: Value = serde_json::from_str(&text).unwrap();
        let parsed = json::parse(&text)
            .map_err(|e| TestCaseError::fail(format!("rejected strict JSON: {e}\n{text}")))?;
        prop_assert_eq!(parsed.value.into_value(), expected);
        let distinct: HashSet<&str> = members.iter().map(|(k, _)| *k).collect();
        prop_assert_eq!(parsed.repairs.len(), members.len() - distinct.len(), "{:?}", parsed.repairs);
        for repair in &parsed.repairs {
            prop_assert_eq!(repair.kind, RepairKind::DuplicateKey);
            let key: String = serde_json::from_str(&text[repair.span.clone()]).unwrap();
            prop_assert!(distinct.contains(key.as_str()), "{:?}", key);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// No panics on arbitrary input
// ---------------------------------------------------------------------------------------------

const JSON_TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\"",
    "'",
    "\\",
    "\\u",
    "\\ud800",
    "\\udc00",
    "\\u00e9",
    "\\x",
    "/",
    "//",
    "/*",
    "*/",
    "...",
    "..",
    "\u{2026}",
    "\n",
    "\r",
    " ",
    "\t",
    "\u{a0}",
    "\u{feff}",
    "\u{2028}",
    "\u{200b}",
    "0",
    "-",
    "+",
    ".",
    "e",
    "E",
    "1e400",
    "5",
    "00",
    "0x1F",
    "true",
    "false",
    "null",
    "nul",
    "NaN",
    "Infinity",
    "a",
    "key",
    "$ref",
    "@odata.type",
    "\u{e9}",
    "\u{0}",
    "\u{1f}",
    "\u{10ffff}",
    "𝄞",
    "\"a\"",
    "'b'",
    "\"k\":",
    "[1,2]",
    "{\"a\":1}",
];

/// Text that is nearly JSON: random runs of JSON tokens, so the parser gets deep into its cases.
fn jsonish() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => vec(select(JSON_TOKENS), 0..48).prop_map(|t| t.concat()),
        1 => any::<String>(),
    ]
}

fn check_range(what: &str, span: &Range<usize>, text: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "{} span {:?} is not a range of the {}-byte text",
        what,
        span,
        text.len()
    );
    Ok(())
}

fn check_node_ranges(node: &Json, text: &str) -> Result<(), TestCaseError> {
    check_range("value", &node.span, text)?;
    match &node.value {
        JsonValue::Array(items) => items.iter().try_for_each(|i| check_node_ranges(i, text)),
        JsonValue::Object(members) => members.iter().try_for_each(|m| {
            check_range("key", &m.key_span, text)?;
            prop_assert!(m.key_span.end <= m.value.span.start, "key after its value");
            check_node_ranges(&m.value, text)
        }),
        _ => Ok(()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn lenient_json_never_panics_and_keeps_spans_in_range(text in jsonish()) {
        match json::parse(&text) {
            Ok(parsed) => {
                check_node_ranges(&parsed.value, &text)?;
                for repair in &parsed.repairs {
                    check_range("repair", &repair.span, &text)?;
                }
                prop_assert!(
                    parsed.repairs.windows(2).all(|w| w[0].span.start <= w[1].span.start),
                    "repairs not sorted: {:?}", parsed.repairs
                );
                // What the lenient parser accepted is, once written out, strict JSON that
                // both parsers read the same way.
                let value = parsed.value.into_value();
                let out = serde_json::to_string(&value).unwrap();
                let strict: Value = serde_json::from_str(&out).unwrap();
                let again = json::parse(&out)
                    .map_err(|e| TestCaseError::fail(format!("rejected {out:?}: {e}")))?;
                prop_assert!(again.repairs.is_empty(), "{:?}", again.repairs);
                prop_assert_eq!(again.value.into_value(), strict);
            }
            Err(err) => {
                check_range("error", &err.span, &text)?;
                prop_assert!(!err.message.is_empty());
            }
        }
        if let Ok((parsed, end)) = json::parse_prefix(&text) {
            check_node_ranges(&parsed.value, &text)?;
            prop_assert!(end <= text.len() && text.is_char_boundary(end));
        }
        // Whatever serde_json accepts is read the same way, with only duplicate keys reported.
        if let Ok(strict) = serde_json::from_str::<Value>(&text) {
            let parsed = json::parse(&text)
                .map_err(|e| TestCaseError::fail(format!("rejected strict JSON: {e}")))?;
            prop_assert!(
                parsed.repairs.iter().all(|r| r.kind == RepairKind::DuplicateKey),
                "repairs on strict JSON: {:?}", parsed.repairs
            );
            prop_assert_eq!(parsed.value.into_value(), strict);
        }
    }
}

/// Pieces of docs pages: front matter, headings, tables, fences, annotations, HTTP, JSON,
/// CRLF, BOM, odd spaces and invalid UTF-8.
const PAGE_PIECES: &[&[u8]] = &[
    b"---\n",
    b"title: \"x\"\n",
    b"description: a: b\n",
    b"# ",
    b"## ",
    b"### ",
    b"Properties\n",
    b"Relationships\n",
    b"HTTP request\n",
    b"Request headers\n",
    b"Request body\n",
    b"Response\n",
    b"Permissions\n",
    b"Example\n",
    b"| Property | Type | Description |\n",
    b"|:-|:-|:-|\n",
    b"| id | String | The id. |\n",
    b"| a | [user](user.md) collection |\n",
    b"| Permission type | Permissions |\n",
    b"| \\| |",
    b"|",
    b"```http\n",
    b"```json\n",
    b"```\n",
    b"~~~\n",
    b"    ",
    b"GET /users/{id}\n",
    b"POST https://graph.microsoft.com/v1.0/me/events\n",
    b"HTTP/1.1 200 OK\n",
    b"Content-type: application/json\n",
    b"<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.x\"} -->\n",
    b"<!-- { \"blockType\": \"request\", name: 'x', truncated: true, } -->\n",
    b"<!-- {\"blockType\": \"response\", \"suppressions\": [\"json-invalid\"]} -->\n",
    b"<!-- ",
    b" -->\n",
    b"{\"a\": [1, 2, ...], }\n",
    b"{\n  \"@odata.type\": \"#microsoft.graph.x\",\n",
    b"}\n",
    b"[",
    b"{",
    b"\n",
    b"\r\n",
    b"\r",
    b"\xef\xbb\xbf",
    b"\xc2\xa0",
    b"\xe2\x80\xaf",
    b"\xff",
    b"\xe2\x82",
    b"\x00",
    b"\t",
    b"text with `code` and [a link](../x.md). ",
    b"\xc3\xa9",
    b"Returns `202 Accepted`.\n",
    b"| Name | Value | Description |\n",
];

fn page_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => vec(select(PAGE_PIECES), 0..64).prop_map(|pieces| pieces.concat()),
        1 => vec(any::<u8>(), 0..512),
        1 => any::<String>().prop_map(String::into_bytes),
    ]
}

/// Collects every serialised [`codegen::source::Span`] (an object `{file, start, end}`).
fn spans_in(value: &Value, out: &mut Vec<(u64, u64, u64)>) {
    match value {
        Value::Object(map) => {
            if map.len() == 3 {
                if let (Some(f), Some(s), Some(e)) = (
                    map.get("file").and_then(Value::as_u64),
                    map.get("start").and_then(Value::as_u64),
                    map.get("end").and_then(Value::as_u64),
                ) {
                    out.push((f, s, e));
                    return;
                }
            }
            map.values().for_each(|v| spans_in(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| spans_in(v, out)),
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    #[test]
    fn page_parser_never_panics_and_diagnostics_render(
        bytes in page_bytes(),
        dir in select(&["beta/resources/x.md", "v1.0/api/x-get.md", "includes/x.md"][..]),
    ) {
        let mut sources = SourceMap::default();
        let file = sources.add(dir.to_string(), Default::default(), bytes);
        let text = sources.file(file).text.clone();
        let mut diags = Vec::new();
        let parsed = page::parse(file, dir, &text, &mut diags);
        prop_assert_eq!(parsed.file, file);
        prop_assert_eq!(parsed.path.as_str(), dir);

        let mut spans = Vec::new();
        spans_in(&serde_json::to_value(&parsed).unwrap(), &mut spans);
        for (f, start, end) in spans {
            prop_assert_eq!(f, u64::from(file.0));
            prop_assert!(start <= end && end <= text.len() as u64,
                "page span {}..{} outside the {}-byte text", start, end, text.len());
        }

        for d in &diags {
            if let Some(span) = d.span {
                prop_assert_eq!(span.file, file);
                prop_assert!(span.start <= span.end && span.end as usize <= text.len(),
                    "{:?} span outside the {}-byte text", d, text.len());
            }
            let plain = d.render(&sources, false);
            prop_assert!(plain.contains(d.code.as_str()), "{}", plain);
            let styled = d.render(&sources, true);
            prop_assert!(!styled.is_empty());
            let line: Value = serde_json::from_str(&d.to_json_line(&sources))
                .map_err(|e| TestCaseError::fail(format!("to_json_line: {e}")))?;
            prop_assert_eq!(line["code"].as_str(), Some(d.code.as_str()));
        }
    }
}
