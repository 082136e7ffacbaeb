//! The base type of each object type. The docs state it in up to three places (the
//! annotation's `baseType`, an "Inherits from" sentence, the front matter's description),
//! and an entity keyed by `id` that states none derives from `entity`. Every statement is
//! read; the strongest wins and the others are checked against it.

use crate::diag::{Code, Diagnostic, Severity};
use crate::ir::model::*;
use crate::ir::resolve::*;
use crate::parse::annotation::Annotation;
use crate::parse::inheritance::StatedIn;
use crate::parse::page::Page;
use crate::source::Span;
use std::collections::BTreeSet;

const ENTITY: &str = "microsoft.graph.entity";

impl Resolver<'_> {
    /// The base type of the type `key` documented on `page`, and which statement gave it.
    pub(super) fn base_type(
        &mut self,
        key: &TypeKey,
        name: &str,
        page: &Page,
        annotation: Option<&Annotation>,
    ) -> Option<(TypeKey, BaseSource)> {
        // (key, how the docs spell it, where it was read, span)
        let mut stated: Vec<(TypeKey, String, BaseSource, Span)> = Vec::new();
        // `"baseType": ""` (2020-05's `room`, `personName`) states nothing.
        let annotated = annotation.and_then(|a| Some((a, a.base_type.as_deref()?.trim())));
        if let Some((a, base)) = annotated.filter(|(_, base)| !base.is_empty()) {
            stated.push((
                type_key(base),
                short_name(base).to_string(),
                BaseSource::Annotation,
                a.span,
            ));
        }
        for s in &page.base_statements {
            let by_link = s.target.as_deref().and_then(|t| self.link_target(page, t));
            let by_name = || {
                self.by_name
                    .get(&s.name.to_lowercase())
                    .or_else(|| self.by_name.get(&type_key(&s.name)))
                    .cloned()
            };
            let source = match s.stated_in {
                StatedIn::Prose => BaseSource::Prose,
                StatedIn::Description => BaseSource::Description,
            };
            match by_link.or_else(by_name) {
                // "Inherits from" on a base type's own page can name itself.
                Some(base) if base == *key => {}
                Some(base) => stated.push((base, s.name.clone(), source, s.span)),
                None => self.diags.push(
                    Diagnostic::new(
                        Code::TypeUnknown,
                        Some(s.span),
                        format!(
                            "`{name}` is said to derive from `{}`, but no page documents that type",
                            s.name
                        ),
                    )
                    .label("no base type taken from this")
                    .severity(Severity::Note),
                ),
            }
        }
        stated.sort_by_key(|(_, _, source, _)| *source);
        let Some((chosen, chosen_name, source, _)) = stated.first().cloned() else {
            let entity_documented = self.by_name.contains_key(ENTITY);
            return (is_entity(page, annotation) && entity_documented && key != ENTITY)
                .then(|| (ENTITY.to_string(), BaseSource::EntityKey));
        };
        let mut reported = BTreeSet::new();
        for (other, other_name, other_source, span) in &stated[1..] {
            if *other != chosen && reported.insert(other.clone()) {
                self.diags.push(
                    Diagnostic::new(
                        Code::BaseTypeDisagree,
                        Some(*span),
                        format!(
                            "`{name}` is said to derive from `{}` here, but from `{}` by its {}",
                            other_name,
                            chosen_name,
                            source_name(source),
                        ),
                    )
                    .label(format!("the {} is ignored", source_name(*other_source))),
                );
            }
        }
        Some((chosen, source))
    }
}

/// An entity keyed by `id`: the annotation says so, or the page lists an `id` and has what
/// only entities have (methods to address it, navigation properties). A complex type with
/// an `id` (`identity`, `appRole`) has neither.
fn is_entity(page: &Page, annotation: Option<&Annotation>) -> bool {
    let keyed_by_id = annotation
        .and_then(|a| a.key_property.as_deref())
        .is_some_and(|k| k.eq_ignore_ascii_case("id"));
    let lists_id = page.properties.iter().any(|p| p.name == "id");
    let addressable = !page.relationships.is_empty()
        || page
            .tables
            .iter()
            .any(|t| t.heading.trim().eq_ignore_ascii_case("methods"));
    keyed_by_id || lists_id && addressable
}

fn source_name(source: BaseSource) -> &'static str {
    match source {
        BaseSource::Annotation => "annotation's `baseType`",
        BaseSource::Prose => "\"Inherits from\" sentence",
        BaseSource::Description => "description",
        BaseSource::EntityKey => "key",
    }
}

/// Drops the base of a type that would derive from itself, so that every hierarchy is a tree.
pub(super) fn break_cycles(types: &mut TypeSpace, diags: &mut Vec<Diagnostic>) {
    let keys: Vec<TypeKey> = types.types.keys().cloned().collect();
    for key in keys {
        let mut seen = BTreeSet::from([key.clone()]);
        let mut base = crate::ir::types::base_of(types, &key);
        while let Some(b) = base {
            if b == key {
                let Some(def) = types.types.get_mut(&key) else {
                    break;
                };
                diags.push(
                    Diagnostic::new(
                        Code::BaseTypeCycle,
                        Some(def.span),
                        format!("`{}` derives from itself through its base types", def.name),
                    )
                    .label("its base type is dropped"),
                );
                if let TypeKind::Object(o) = &mut def.kind {
                    o.base_type = None;
                    o.base_from = None;
                }
                break;
            }
            if !seen.insert(b.clone()) {
                break;
            }
            base = crate::ir::types::base_of(types, &b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The model of resource pages given as (file stem, markdown).
    fn model(pages: &[(&str, &str)]) -> (Ir, Vec<Diagnostic>) {
        let paths: Vec<String> = pages
            .iter()
            .map(|(stem, _)| format!("beta/resources/{stem}.md"))
            .collect();
        let pages: Vec<(&str, &str)> = paths
            .iter()
            .zip(pages)
            .map(|(path, (_, text))| (path.as_str(), *text))
            .collect();
        crate::ir::resolve::model_of(&pages)
    }

    fn base(ir: &Ir, name: &str) -> Option<String> {
        crate::ir::types::base_of(&ir.types, &format!("microsoft.graph.{name}"))
    }

    /// A resource page: a title, prose, a property table, and optionally more.
    fn page(name: &str, prose: &str, rows: &str, more: &str) -> String {
        format!("# {name} resource type\n\n{prose}\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| displayName | String | A name. |\n{rows}\n{more}")
    }

    const METHODS: &str =
        "## Methods\n\n| Method | Return Type | Description |\n|:--|:--|:--|\n| [Get x](../api/x-get.md) | x | Gets. |\n";
    const RELATIONSHIPS: &str =
        "## Relationships\n\n| Relationship | Type | Description |\n|:--|:--|:--|\n| owner | [entity](entity.md) | The owner. |\n";
    const ID: &str = "| id | String | The key. |";

    fn keyed(name: &str) -> String {
        format!("# {name} resource type\n\nA thing.\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| displayName | String | A name. |\n\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"keyProperty\": \"ID\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n\n```json\n{{ \"displayName\": \"String\" }}\n```\n")
    }

    #[test]
    fn an_entity_is_told_by_its_key_or_by_what_only_entities_have() {
        let entity = page("entity", "The base.", ID, "");
        let (ir, _) = model(&[
            ("entity", &entity),
            ("keyed", &keyed("keyed")),
            ("addressed", &page("addressed", "A thing.", ID, METHODS)),
            (
                "navigable",
                &page("navigable", "A thing.", ID, RELATIONSHIPS),
            ),
            ("complex", &page("complex", "A thing.", ID, "")),
            ("keyless", &page("keyless", "A thing.", "", METHODS)),
        ]);
        let entity = Some("microsoft.graph.entity".to_string());
        assert_eq!(base(&ir, "keyed"), entity, "keyProperty, in any case");
        assert_eq!(base(&ir, "addressed"), entity, "an id and methods");
        assert_eq!(
            base(&ir, "navigable"),
            entity,
            "an id and navigation properties"
        );
        assert_eq!(
            base(&ir, "complex"),
            None,
            "an id alone is a complex type's"
        );
        assert_eq!(base(&ir, "keyless"), None, "methods without an id");
        assert_eq!(base(&ir, "entity"), None, "entity derives from nothing");
    }

    #[test]
    fn a_type_that_names_itself_or_a_cycle_is_no_base() {
        let (ir, diags) = model(&[
            (
                "shape",
                &page("shape", "Inherits from [shape](shape.md).", "", ""),
            ),
            ("a", &page("a", "Inherits from [b](b.md).", "", "")),
            ("b", &page("b", "Inherits from [a](a.md).", "", "")),
            ("c", &page("c", "Inherits from [a](a.md).", "", "")),
        ]);
        assert_eq!(base(&ir, "shape"), None);
        // The first of the cycle loses its base; the others keep theirs, and so do the types
        // below the cycle.
        assert_eq!(base(&ir, "a"), None);
        assert_eq!(base(&ir, "b"), Some("microsoft.graph.a".into()));
        assert_eq!(base(&ir, "c"), Some("microsoft.graph.a".into()));
        let cycles: Vec<&str> = diags
            .iter()
            .filter(|d| d.code == Code::BaseTypeCycle)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(cycles, ["`a` derives from itself through its base types"]);
    }
}
