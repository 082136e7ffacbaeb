//! Statements of a base type in prose: "Inherits from [directoryObject](directoryobject.md)",
//! "The **drive** resource is derived from [**baseItem**](baseitem.md)", and the same words
//! in the front matter's description. Resolving the name is the model's job.

use crate::source::Span;
use serde::Serialize;

/// Where the prose states a base type; the annotation's `baseType` is read with the
/// annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatedIn {
    Prose,
    Description,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct BaseStatement {
    /// The type's name as written (`directoryObject`).
    pub name: String,
    /// The page the name links to, when it is a link.
    pub target: Option<String>,
    pub stated_in: StatedIn,
    pub span: Span,
}

const PHRASES: &[&str] = &[
    "inherits from ",
    "inherited from ",
    "derives from ",
    "derived from ",
];

/// The base type a sentence states, if it states one. `links` are the text's links as
/// (text, target) pairs, so that a linked name carries its page.
pub fn statement(
    text: &str,
    links: &[(String, String)],
    stated_in: StatedIn,
    span: Span,
) -> Option<BaseStatement> {
    // Searchers made once: every paragraph of the docs is asked, and making one costs more
    // than searching a paragraph with it. ASCII lowercasing keeps every offset.
    static FINDERS: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::LazyLock::new(|| PHRASES.iter().map(memchr::memmem::Finder::new).collect());
    let lower = text.to_ascii_lowercase();
    let rest = FINDERS
        .iter()
        .filter_map(|f| f.find(lower.as_bytes()).map(|at| at + f.needle().len()))
        .min()?;
    let mut words = text[rest..].split_whitespace();
    let mut word = words.next()?;
    if ["the", "a", "an"].contains(&word.to_ascii_lowercase().as_str()) {
        word = words.next()?;
    }
    let name = word
        .trim_start_matches(|c: char| !c.is_ascii_alphabetic())
        .trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
    let identifier = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    // "inherit from here", "derived from descendants (like ...)": no type is named.
    if !identifier || name.eq_ignore_ascii_case("here") {
        return None;
    }
    let target = links
        .iter()
        .find(|(t, _)| t.trim_matches('*').eq_ignore_ascii_case(name))
        .map(|(_, target)| target.clone());
    // An unlinked common word ("derived from descendants") is prose, not a type: only a
    // link or a name written in camelCase or with its namespace counts.
    let looks_like_type = name.contains('.')
        || name.chars().any(|c| c.is_ascii_lowercase())
            && name.chars().skip(1).any(|c| c.is_ascii_uppercase());
    if target.is_none() && !looks_like_type {
        return None;
    }
    Some(BaseStatement {
        name: name.to_string(),
        target,
        stated_in,
        span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn read(text: &str, links: &[(&str, &str)]) -> Option<(String, Option<String>)> {
        let links: Vec<(String, String)> = links
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        statement(text, &links, StatedIn::Prose, Span::new(FileId(0), 0..0))
            .map(|s| (s.name, s.target))
    }

    #[test]
    fn the_docs_ways_of_saying_it() {
        let link = Some("directoryobject.md".to_string());
        assert_eq!(
            read(
                "Inherits from directoryObject.",
                &[("directoryObject", "directoryobject.md")]
            ),
            Some(("directoryObject".into(), link.clone()))
        );
        assert_eq!(
            read(
                "The drive resource is derived from baseItem and inherits properties from that resource.",
                &[("**baseItem**", "baseitem.md")]
            ),
            Some(("baseItem".into(), Some("baseitem.md".into())))
        );
        assert_eq!(
            read(
                "which is derived from the extension abstract type.",
                &[("extension", "extension.md")]
            ),
            Some(("extension".into(), Some("extension.md".into())))
        );
        assert_eq!(
            read(
                "Represents a TXT record. Inherited from DomainDnsRecord",
                &[]
            ),
            Some(("DomainDnsRecord".into(), None))
        );
        assert_eq!(
            read(
                "Represents an Azure AD user account. Inherits from directoryObject.",
                &[]
            ),
            Some(("directoryObject".into(), None))
        );
    }

    #[test]
    fn words_that_name_no_type() {
        assert_eq!(read("individual policies inherit from here.", &[]), None);
        assert_eq!(
            read("It is inherited from here.", &[("here", "base.md")]),
            None
        );
        assert_eq!(
            read(
                "Contains properties and inherited properties for apps.",
                &[]
            ),
            None
        );
        assert_eq!(
            read(
                "properties that are derived from descendants (like childCount)",
                &[]
            ),
            None
        );
        assert_eq!(read("derived from ISO 639-1", &[]), None);
        assert_eq!(read("Inherits from", &[]), None);
        // A link is no type name when its text is no identifier.
        assert_eq!(
            read("Derived from foo-bar.", &[("foo-bar", "foo-bar.md")]),
            None
        );
        assert_eq!(
            read("Derived from foo_bar.", &[("foo_bar", "foo-bar.md")]),
            Some(("foo_bar".into(), Some("foo-bar.md".into())))
        );
    }

    #[test]
    fn a_qualified_name_keeps_its_namespace() {
        assert_eq!(
            read("Inherits from microsoft.graph.directoryObject.", &[]),
            Some(("microsoft.graph.directoryObject".into(), None))
        );
    }
}
