//! The YAML block between `---` lines at the top of a page.

use crate::diag::{Code, Diagnostic};
use crate::parse::contains;
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
    match flat(&text[yaml.clone()]) {
        Some(pairs) => {
            for (key, value) in pairs {
                fm.set(key, Some(value), || value.into());
            }
        }
        None => read_yaml(file, text, yaml, &mut fm, diags),
    }
    (fm, body_start)
}

/// Reads the YAML at `yaml` in `text` into `fm`; what is not valid is reported.
fn read_yaml(
    file: FileId,
    text: &str,
    yaml: std::ops::Range<usize>,
    fm: &mut FrontMatter,
    diags: &mut Vec<Diagnostic>,
) {
    let span = Span::new(file, yaml.clone());
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
            return;
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
        return;
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
        fm.set(&key, as_text.as_deref(), || {
            serde_json::to_value(&value).unwrap_or(serde_json::Value::Null)
        });
    }
}

impl FrontMatter {
    /// Sets `key`: a known key takes its value as text, and any other key, or a known key
    /// whose value is not text, is kept as written.
    fn set(&mut self, key: &str, text: Option<&str>, value: impl FnOnce() -> serde_json::Value) {
        let slot = match key {
            "title" => &mut self.title,
            "description" => &mut self.description,
            "author" => &mut self.author,
            "localization_priority" => &mut self.localization_priority,
            "ms.prod" => &mut self.ms_prod,
            "ms.date" => &mut self.ms_date,
            _ => {
                self.other.insert(key.to_string(), value());
                return;
            }
        };
        match text {
            Some(t) => *slot = Some(t.to_string()),
            None => {
                self.other.insert(key.to_string(), value());
            }
        }
    }
}

/// The keys and string values of front matter written the way nearly every page writes it:
/// one `key: value` per line, each value quoted without escapes or a plain word that YAML
/// can read only as a string. `None` for anything else (nesting, comments, continued lines,
/// escapes, values YAML would read as a number, a boolean or null, a key given twice),
/// which the YAML parser reads. A YAML parser costs more than the rest of a page's parse.
fn flat(yaml: &str) -> Option<Vec<(&str, &str)>> {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for (_, line) in crate::parse::lines_inclusive(yaml) {
        let line = line.strip_suffix('\n').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let (key, rest) = line.split_once(':')?;
        let key_ok = key.starts_with(|c: char| c.is_ascii_alphabetic())
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
        // YAML reads no control character but a tab, and a tab is not worth the care.
        // Nearly every line is ASCII, whose only controls are below a space and DEL.
        let printable = match line.is_ascii() {
            true => !line.bytes().any(|b| b < b' ' || b == 0x7f),
            false => !line.chars().any(|c| c.is_control() || c == '\u{feff}'),
        };
        if !key_ok || !printable || pairs.iter().any(|(k, _)| *k == key) {
            return None;
        }
        let rest = rest.strip_prefix(' ')?.trim_matches(' ');
        pairs.push((key, flat_value(rest)?));
    }
    Some(pairs)
}

/// A quoted value without escapes, or a plain value that can only be a string.
fn flat_value(value: &str) -> Option<&str> {
    for quote in [b'"', b'\''] {
        if let Some(inner) = value.strip_prefix(char::from(quote)) {
            let inner = inner.strip_suffix(char::from(quote))?;
            let escaped = memchr::memchr2(quote, b'\\', inner.as_bytes()).is_some();
            return (!escaped).then_some(inner);
        }
    }
    let first = value.chars().next()?;
    // A plain value that starts with a digit is a number unless it holds a `/` (a date
    // such as `09/10/2017`); one that starts with a letter is a string unless it is a
    // boolean or null.
    let string = match first {
        'a'..='z' | 'A'..='Z' => !["true", "false", "null"]
            .iter()
            .any(|word| value.eq_ignore_ascii_case(word)),
        '0'..='9' => value.contains('/'),
        _ => false,
    };
    let plain = !contains(value, ": ") && !contains(value, " #") && !value.ends_with(':');
    (string && plain).then_some(value)
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
    crate::parse::lines_inclusive(&text[yaml_start..])
        .find(|(_, line)| line.trim_end() == "---")
        .map(|(at, line)| (yaml_start..yaml_start + at, yaml_start + at + line.len()))
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

    /// What the flat reading gives is what the YAML parser gives, wherever it reads at all.
    fn assert_flat_is_yaml(yaml: &str) -> bool {
        let Some(pairs) = flat(yaml) else {
            return false;
        };
        let mut fast = FrontMatter::default();
        for (key, value) in pairs {
            fast.set(key, Some(value), || value.into());
        }
        let mut slow = FrontMatter::default();
        let mut diags = Vec::new();
        read_yaml(FileId(0), yaml, 0..yaml.len(), &mut slow, &mut diags);
        assert!(diags.is_empty(), "{yaml:?} is not valid YAML: {diags:?}");
        assert_eq!(
            serde_json::to_value(&fast).unwrap(),
            serde_json::to_value(&slow).unwrap(),
            "{yaml:?}"
        );
        true
    }

    #[test]
    fn the_flat_reading_is_the_yaml_reading() {
        let read_flat = [
            "title: \"call: redirect\"\nms.prod: microsoft-teams\nauthor: 'x y'\n",
            "title: Get \"x\" [now] {or} C#\ndescription:   spaced out   \n\nms.date: 09/10/2017\n",
            "title: \"\"\nother: \"it's\"\nthird: 'say \"hi\"'\n",
            "yes: yes\nno: no\non: off\nkey-1.a_b: a:b\ntitle: naN\ndescription: inf\n",
            "title: Créer un événement\ndescription: \"l’objet\"\n",
            "",
        ];
        for yaml in read_flat {
            assert!(assert_flat_is_yaml(yaml), "{yaml:?} was not read flat");
        }
        // Left to the YAML parser: anything it could read as something else than the
        // string the line shows, or not read at all.
        let read_as_yaml = [
            "title: true",
            "title: False",
            "title: NULL",
            "title: ~",
            "title: 12",
            "title: 1.5",
            "title: 0x1F",
            "title: 2019-04-01",
            "title: .inf",
            "title: -x",
            "title:",
            "title: ",
            "title:x",
            "title: a: b",
            "title: a #comment",
            "title: a:",
            "title: \"a\\nb\"",
            "title: 'it''s'",
            "title: \"a\" b",
            "title: \"open",
            "title: x\ntitle: y",
            "title: x\n  continued",
            "# comment: x",
            "- title: x",
            "title: [a, b]",
            "title: {a: b}",
            "title: &a x",
            "title: *a",
            "title: !t x",
            "title: |",
            "title: >",
            "title: a\tb",
            "title: a\u{7}b",
            "title: a\u{7f}b",
            "title: a\u{85}é",
            "title: a\u{feff}é",
            "title: a\rb",
            "ti tle: x",
            "title : x",
            "1title: x",
            "title: %x",
            "title: @x",
            "title: `x",
        ];
        for yaml in read_as_yaml {
            assert!(flat(yaml).is_none(), "{yaml:?} was read flat");
        }
    }

    /// Every page of the fixtures and of `docs-input/`, and of the folders that
    /// `GRAPH_DOCS_CORPUS` names (CI's corpus step), is read alike either way.
    #[test]
    fn real_front_matter_is_read_alike_either_way() {
        let (mut pages, mut flat_pages) = (0, 0);
        crate::parse::for_each_real_page(|_, text| {
            if let Some((yaml, _)) = split(text) {
                pages += 1;
                flat_pages += usize::from(assert_flat_is_yaml(&text[yaml]));
            }
        });
        // Nearly every real page is read flat; were none, this would test nothing.
        assert!(
            flat_pages * 10 > pages * 9,
            "{flat_pages} of {pages} read flat"
        );
    }

    #[test]
    fn no_front_matter_or_no_closing_line() {
        let mut diags = Vec::new();
        assert_eq!(parse(FileId(0), "# t\n", &mut diags).1, 0);
        assert_eq!(parse(FileId(0), "---\ntitle: x\n", &mut diags).1, 0);
        assert!(diags.is_empty());
    }
}
