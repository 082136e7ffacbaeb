//! The JSON inside `<!-- { "blockType": ... } -->` comments that tells what the next code
//! block is. About one in two hundred is not strict JSON, so they are read leniently.

use crate::diag::{Code, Diagnostic};
use crate::parse::json::{self, Json, JsonValue};
use crate::source::Span;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum BlockType {
    Request,
    Response,
    Example,
    Resource,
    Ignored,
    Samples,
    PageAnnotation,
    Other(String),
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Annotation {
    pub block_type: BlockType,
    /// `name` of a request or response; responses sometimes give a list.
    pub names: Vec<String>,
    /// `@odata.type`, or `@type` which some pages write instead.
    pub odata_type: Option<String>,
    pub truncated: bool,
    /// `isCollection`; `None` when the annotation does not say.
    pub is_collection: Option<bool>,
    pub optional_properties: Vec<String>,
    pub key_property: Option<String>,
    pub open_type: bool,
    pub base_type: Option<String>,
    pub suppressions: Vec<String>,
    /// Every key as written, including the ones above.
    #[schemars(with = "serde_json::Value")]
    pub raw: crate::parse::json::JsonData,
    pub span: Span,
}

const KNOWN_KEYS: &[&str] = &[
    "blockType",
    "name",
    "@odata.type",
    "@type",
    "truncated",
    "isCollection",
    "optionalProperties",
    "keyProperty",
    "openType",
    "baseType",
    "scopes",
    "isComposable",
    "sampleKeys",
    "tags",
    "idempotent",
    "target",
    "opaqueUrl",
    "isEmpty",
    "@odata.annotations",
    "@type.aka",
    "abstract",
    "isMediaEntity",
    "type",
    "description",
    "keywords",
    "section",
    "tocPath",
    "suppressions",
    "expectError",
];

/// Reads a comment's text; `None` when the comment is not an annotation (does not start with `{`).
pub fn parse(text: &str, span: Span, diags: &mut Vec<Diagnostic>) -> Option<Annotation> {
    let lead = text.len() - text.trim_start().len();
    if !text.trim_start().starts_with('{') {
        return None;
    }
    let body = &text[lead..];
    let at = |r: std::ops::Range<usize>| span.sub(lead + r.start..lead + r.end);
    let parsed = match json::parse_prefix(body) {
        Ok((parsed, end)) => {
            if !body[end..].trim().is_empty() {
                let extra = end + (body[end..].len() - body[end..].trim_start().len());
                diags.push(
                    Diagnostic::new(
                        Code::AnnotationNotStrictJson,
                        Some(at(extra..body.trim_end().len())),
                        "text after the annotation's JSON object is ignored",
                    )
                    .label("ignored"),
                );
            }
            parsed
        }
        Err(e) => {
            diags.push(
                Diagnostic::new(
                    Code::AnnotationInvalid,
                    Some(at(e.span.clone())),
                    format!("annotation is not JSON: {}", e.message),
                )
                .label("here"),
            );
            return None;
        }
    };
    for repair in &parsed.repairs {
        diags.push(
            Diagnostic::new(
                Code::AnnotationNotStrictJson,
                Some(at(repair.span.clone())),
                format!("annotation is not strict JSON: {}", repair.kind.describe()),
            )
            .label("read leniently"),
        );
    }
    let root = &parsed.value;
    let JsonValue::Object(members) = &root.value else {
        diags.push(Diagnostic::new(
            Code::AnnotationInvalid,
            Some(at(root.span.clone())),
            "annotation is not a JSON object",
        ));
        return None;
    };
    for m in members {
        if !KNOWN_KEYS.contains(&m.key.as_str()) {
            diags.push(
                Diagnostic::new(
                    Code::AnnotationUnknownKey,
                    Some(at(m.key_span.clone())),
                    format!("unknown annotation key `{}`", m.key),
                )
                .label("kept, not used"),
            );
        }
    }
    let string = |key: &str| root.get(key).and_then(|v| v.as_str()).map(str::to_string);
    let block_type = match (string("blockType"), string("type")) {
        (Some(t), _) => match t.as_str() {
            "request" => BlockType::Request,
            "response" => BlockType::Response,
            "example" => BlockType::Example,
            "resource" => BlockType::Resource,
            "ignored" => BlockType::Ignored,
            "samples" => BlockType::Samples,
            _ => {
                diags.push(Diagnostic::new(
                    Code::AnnotationUnknownBlockType,
                    root.get("blockType").map(|v| at(v.span.clone())),
                    format!("unknown blockType `{t}`"),
                ));
                BlockType::Other(t)
            }
        },
        (None, Some(t)) if t == "#page.annotation" => BlockType::PageAnnotation,
        _ => {
            diags.push(Diagnostic::new(
                Code::AnnotationUnknownBlockType,
                Some(at(root.span.clone())),
                "annotation has no `blockType`",
            ));
            BlockType::Other(String::new())
        }
    };
    Some(Annotation {
        block_type,
        names: strings(root.get("name")),
        odata_type: string("@odata.type").or_else(|| string("@type")),
        truncated: boolean(root.get("truncated")),
        is_collection: said_boolean(root.get("isCollection")),
        optional_properties: strings(root.get("optionalProperties")),
        key_property: string("keyProperty"),
        open_type: boolean(root.get("openType")),
        base_type: string("baseType"),
        suppressions: strings(root.get("suppressions")),
        raw: parsed.value.into_data(),
        span,
    })
}

/// `true`, or the string `"true"` that some pages write.
fn boolean(value: Option<&Json>) -> bool {
    match value.map(|v| &v.value) {
        Some(JsonValue::Bool(b)) => *b,
        Some(JsonValue::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

/// `true` or `false`, also as strings; `None` when absent or neither.
fn said_boolean(value: Option<&Json>) -> Option<bool> {
    match value.map(|v| &v.value) {
        Some(JsonValue::Bool(b)) => Some(*b),
        Some(JsonValue::String(s)) if s.eq_ignore_ascii_case("true") => Some(true),
        Some(JsonValue::String(s)) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// A string or a list of strings.
fn strings(value: Option<&Json>) -> Vec<String> {
    match value.map(|v| &v.value) {
        Some(JsonValue::String(s)) => vec![s.clone()],
        Some(JsonValue::Array(items)) => items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn read(text: &str) -> (Option<Annotation>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let a = parse(
            text,
            Span::new(FileId(0), 100..100 + text.len()),
            &mut diags,
        );
        (a, diags)
    }

    #[test]
    fn request_annotation() {
        let (a, diags) =
            read(" {\n  \"blockType\": \"request\",\n  \"name\": \"call-redirect\"\n}");
        let a = a.unwrap();
        assert_eq!(a.block_type, BlockType::Request);
        assert_eq!(a.names, vec!["call-redirect"]);
        assert!(diags.is_empty());
    }

    #[test]
    fn is_collection_is_said_or_not() {
        for (text, said) in [
            (r#"{"blockType": "response"}"#, None),
            (
                r#"{"blockType": "response", "isCollection": true}"#,
                Some(true),
            ),
            (
                r#"{"blockType": "response", "isCollection": "true"}"#,
                Some(true),
            ),
            (
                r#"{"blockType": "response", "isCollection": false}"#,
                Some(false),
            ),
            (r#"{"blockType": "response", "isCollection": 1}"#, None),
        ] {
            assert_eq!(read(text).0.unwrap().is_collection, said, "{text}");
        }
    }

    #[test]
    fn block_types_by_name() {
        for (text, block_type) in [
            (r#"{"blockType": "ignored"}"#, BlockType::Ignored),
            (r#"{"blockType": "samples"}"#, BlockType::Samples),
            (
                r##"{"type": "#page.annotation"}"##,
                BlockType::PageAnnotation,
            ),
        ] {
            let (a, diags) = read(text);
            assert_eq!(a.unwrap().block_type, block_type, "{text}");
            assert!(diags.is_empty(), "{text}: {diags:?}");
        }
        let (a, diags) = read(r##"{"type": "#page.other"}"##);
        assert_eq!(a.unwrap().block_type, BlockType::Other(String::new()));
        assert_eq!(diags[0].code, Code::AnnotationUnknownBlockType);
    }

    #[test]
    fn text_after_the_object_is_reported_where_it_stands() {
        let text = "  {\"blockType\": \"request\"}  trailing words \n";
        let (a, diags) = read(text);
        assert_eq!(a.unwrap().block_type, BlockType::Request);
        assert_eq!(diags.len(), 1);
        let span = diags[0].span.unwrap();
        assert_eq!(
            &text[span.start as usize - 100..span.end as usize - 100],
            "trailing words"
        );
    }

    #[test]
    fn unquoted_key_from_call_md_parses_with_a_diagnostic() {
        let text = "{\n  \"blockType\": \"example\",\n  \"@odata.type\": \"microsoft.graph.call\",\n  truncated: true\n}";
        let (a, diags) = read(text);
        let a = a.unwrap();
        assert!(a.truncated);
        assert_eq!(a.odata_type.as_deref(), Some("microsoft.graph.call"));
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, Code::AnnotationNotStrictJson);
        let span = diags[0].span.unwrap();
        assert_eq!(
            &text[span.start as usize - 100..span.end as usize - 100],
            "truncated"
        );
    }

    #[test]
    fn trailing_comma_and_string_boolean() {
        let (a, diags) = read("{ \"blockType\": \"resource\", \"openType\": \"true\", }");
        assert!(a.unwrap().open_type);
        assert_eq!(diags[0].code, Code::AnnotationNotStrictJson);
    }

    #[test]
    fn page_annotation_and_suppressions() {
        let (a, _) = read("\n{\n  \"type\": \"#page.annotation\",\n  \"suppressions\": [\"Warning: /x.md:\n   bad link\"]\n}\n");
        let a = a.unwrap();
        assert_eq!(a.block_type, BlockType::PageAnnotation);
        assert_eq!(a.suppressions.len(), 1);
    }

    #[test]
    fn plain_comments_are_not_annotations_and_unknown_keys_are_noted() {
        assert!(read(" uuid: 8fcb5dbc\n2015-10-25 ").0.is_none());
        let (a, diags) = read("{\"blockType\": \"response\", \"colour\": 1}");
        assert_eq!(
            a.unwrap().raw.get("colour").map(|c| c.to_value()),
            Some(1.into())
        );
        assert_eq!(diags[0].code, Code::AnnotationUnknownKey);
    }
}
