//! Page-level suppressions: a page annotation's `"suppressions"` list silences diagnostics
//! on that page. Entries name a code (`"table-ragged-row"`), optionally with the subject
//! the message names (`"table-json-disagree: guest"`). The docs' own entries, written for
//! another checker, are honoured where they say the same thing as one of ours.
//! Entries that match nothing are reported, so stale ones can be removed.

use crate::diag::{Code, Diagnostic};
use crate::parse::page::Page;
use crate::source::FileId;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub code: Code,
    /// Text the diagnostic's message must contain in backticks.
    pub subject: Option<String>,
}

/// Reads one suppression entry; `None` when it is for another checker and means nothing here.
pub fn rule(entry: &str) -> Option<Rule> {
    let entry = entry.trim();
    let (head, subject) = match entry.split_once(':') {
        Some((h, s)) => (
            h.trim(),
            Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        ),
        None => (entry, None),
    };
    if let Some(code) = Code::from_name(head) {
        return Some(Rule { code, subject });
    }
    // The docs' checker writes "Warning: /api-reference/...md:\n  <message>".
    let message = entry.rsplit(".md:").next().unwrap_or(entry).trim();
    let quoted = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('\'').next())
            .map(str::to_string)
    };
    if message.contains("but not described in markdown table")
        || message.contains("found in markdown table but not in resource definition")
    {
        return quoted("Property '").map(|p| Rule {
            code: Code::TableJsonDisagree,
            subject: Some(p),
        });
    }
    if let Some(rest) = message.strip_prefix("Referenced type ") {
        let name = rest.split_whitespace().next()?;
        let short = name.rsplit('.').next()?.to_string();
        return Some(Rule {
            code: Code::TypeUnknown,
            subject: Some(short),
        });
    }
    if let Some(rest) =
        message.strip_prefix("Type mismatch between example and table. Parameter name: ")
    {
        let name = rest.split(';').next()?.trim().to_string();
        return Some(Rule {
            code: Code::ExampleMismatch,
            subject: Some(name),
        });
    }
    None
}

fn matches(rule: &Rule, d: &Diagnostic) -> bool {
    rule.code == d.code
        && rule.subject.as_ref().is_none_or(|s| {
            d.message.contains(&format!("`{s}`"))
                || d.message.contains(&format!("`microsoft.graph.{s}`"))
        })
}

/// Drops suppressed diagnostics and adds one note per entry that matched nothing.
pub fn apply<'p>(
    pages: impl IntoIterator<Item = &'p Page>,
    diags: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut rules: BTreeMap<FileId, Vec<(Rule, String, crate::source::Span, bool)>> =
        BTreeMap::new();
    for page in pages {
        let Some(a) = &page.page_annotation else {
            continue;
        };
        for entry in &a.suppressions {
            if let Some(r) = rule(entry) {
                rules
                    .entry(page.file)
                    .or_default()
                    .push((r, entry.clone(), a.span, false));
            }
        }
    }
    if rules.is_empty() {
        return diags;
    }
    let mut kept = Vec::with_capacity(diags.len());
    for d in diags {
        let page_rules = d.span.and_then(|s| rules.get_mut(&s.file));
        let hit = page_rules.and_then(|rs| rs.iter_mut().find(|(r, ..)| matches(r, &d)));
        match hit {
            Some(rule) => rule.3 = true,
            None => kept.push(d),
        }
    }
    for (r, entry, span, used) in rules.into_values().flatten() {
        if !used {
            let first_line = entry
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            kept.push(
                Diagnostic::new(
                    Code::SuppressionUnused,
                    Some(span),
                    format!(
                        "suppression \"{first_line}\" ({}) matches nothing on this page",
                        r.code.as_str()
                    ),
                )
                .label("in this page annotation"),
            );
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_and_foreign_entries() {
        assert_eq!(
            rule("table-ragged-row"),
            Some(Rule {
                code: Code::TableRaggedRow,
                subject: None
            })
        );
        assert_eq!(
            rule("table-json-disagree: guest"),
            Some(Rule {
                code: Code::TableJsonDisagree,
                subject: Some("guest".into())
            })
        );
        assert_eq!(
            rule("Warning: /api-reference/v1.0/resources/organization.md:\n      Property 'businessPhones' found in resource definition for 'microsoft.graph.organization', but not described in markdown table."),
            Some(Rule { code: Code::TableJsonDisagree, subject: Some("businessPhones".into()) })
        );
        assert_eq!(
            rule("Error: /api-reference/beta/api/x.md:\n Referenced type microsoft.graph.licenseAssignmentState is not defined in the doc set! Potential suggestion: UNKNOWN"),
            Some(Rule { code: Code::TypeUnknown, subject: Some("licenseAssignmentState".into()) })
        );
        assert_eq!(rule("Warning: /api-reference/beta/api/x.md:\n Unable to map some markdown elements into schema."), None);
    }
}
