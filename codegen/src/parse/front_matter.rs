//! The YAML block between `---` lines at the top of a page.

use crate::diag::{Code, Diagnostic};
use crate::source::{FileId, Span};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub author: Option<String>,
    pub localization_priority: Option<String>,
    pub ms_prod: Option<String>,
    pub ms_date: Option<String>,
    /// Keys the generator has no use for yet, kept as written.
    pub other: BTreeMap<String, serde_json::Value>,
    pub span: Option<Span>,
}

/// Splits off and parses the front matter; returns it and where the markdown body starts.
pub fn parse(file: FileId, text: &str, diags: &mut Vec<Diagnostic>) -> (FrontMatter, usize) {
    let Some((yaml, body_start)) = split(text) else {
        return (FrontMatter::default(), 0);
    };
    let span = Span::new(file, yaml.clone());
    let mut fm = FrontMatter {
        span: Some(span),
        ..FrontMatter::default()
    };
    let value: serde_norway::Value = match serde_norway::from_str(&text[yaml.clone()]) {
        Ok(v) => v,
        Err(e) => {
            let at = e.location().map_or(yaml.start, |l| yaml.start + l.index());
            diags.push(
                Diagnostic::new(
                    Code::FrontMatter,
                    Some(Span::new(file, at..at + 1)),
                    format!("front matter is not valid YAML: {e}"),
                )
                .label("here"),
            );
            return (fm, body_start);
        }
    };
    let serde_norway::Value::Mapping(map) = value else {
        if !matches!(value, serde_norway::Value::Null) {
            diags.push(Diagnostic::new(
                Code::FrontMatter,
                Some(span),
                "front matter is not a mapping of keys to values",
            ));
        }
        return (fm, body_start);
    };
    for (key, value) in map {
        let key = match key {
            serde_norway::Value::String(s) => s,
            other => serde_norway::to_string(&other)
                .unwrap_or_default()
                .trim()
                .to_string(),
        };
        let as_text = match &value {
            serde_norway::Value::String(s) => Some(s.clone()),
            serde_norway::Value::Number(n) => Some(n.to_string()),
            serde_norway::Value::Bool(b) => Some(b.to_string()),
            _ => None,
        };
        let slot = match key.as_str() {
            "title" => &mut fm.title,
            "description" => &mut fm.description,
            "author" => &mut fm.author,
            "localization_priority" => &mut fm.localization_priority,
            "ms.prod" => &mut fm.ms_prod,
            "ms.date" => &mut fm.ms_date,
            _ => {
                fm.other.insert(
                    key,
                    serde_json::to_value(&value).unwrap_or(serde_json::Value::Null),
                );
                continue;
            }
        };
        match as_text {
            Some(t) => *slot = Some(t),
            None => {
                fm.other.insert(
                    key,
                    serde_json::to_value(&value).unwrap_or(serde_json::Value::Null),
                );
            }
        }
    }
    (fm, body_start)
}

/// The byte range of the YAML and the offset after the closing `---` line.
fn split(text: &str) -> Option<(std::ops::Range<usize>, usize)> {
    let start = text.len()
        - text
            .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
            .len();
    let rest = &text[start..];
    let first_line_end = rest.find('\n')?;
    if rest[..first_line_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = start + first_line_end + 1;
    let mut at = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((yaml_start..at, at + line.len()));
        }
        at += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_keys_typed_and_unknown_kept() {
        let text = "---\ntitle: \"call: redirect\"\nms.prod: \"microsoft-teams\"\nms.author: x\n---\n# call\n";
        let mut diags = Vec::new();
        let (fm, body) = parse(FileId(0), text, &mut diags);
        assert_eq!(fm.title.as_deref(), Some("call: redirect"));
        assert_eq!(fm.ms_prod.as_deref(), Some("microsoft-teams"));
        assert_eq!(fm.other["ms.author"], serde_json::json!("x"));
        assert_eq!(&text[body..], "# call\n");
        assert!(diags.is_empty());
    }

    #[test]
    fn broken_yaml_is_a_diagnostic_not_a_failure() {
        let mut diags = Vec::new();
        let (fm, body) = parse(FileId(0), "---\ntitle: [unclosed\n---\nbody", &mut diags);
        assert!(fm.title.is_none());
        assert_eq!(body, 25);
        assert_eq!(diags[0].code, Code::FrontMatter);
    }

    #[test]
    fn no_front_matter_or_no_closing_line() {
        let mut diags = Vec::new();
        assert_eq!(parse(FileId(0), "# t\n", &mut diags).1, 0);
        assert_eq!(parse(FileId(0), "---\ntitle: x\n", &mut diags).1, 0);
        assert!(diags.is_empty());
    }
}
