//! Enums documented under headings of their own ([`EnumSection`]): `enums.md` lists dozens,
//! one table each (`### calendarColor values`), and some resource pages document the enums
//! of their properties so (`### tlpLevel values` on `tiIndicator`'s page). Each table is an
//! enum named by its heading, which a Type cell reaches by name or by a link to the
//! heading's anchor (`enums.md#calendarcolor-values`).
//!
//! Where a property's type is a documented enum and its description also lists "Possible
//! values", the enum wins and a different list is reported (`enum-values-disagree`).

use crate::diag::{Code, Diagnostic};
use crate::ir::model::*;
use crate::ir::resolve::*;
use crate::ir::typeref::{self, BaseType};
use crate::parse::markdown::anchor;
use crate::parse::page::{EnumSection, Page, PageKind};
use std::collections::BTreeMap;

/// A member that tables list for compatibility, not as a value of the data; a description
/// that leaves it out still lists the same values.
const SENTINEL: &str = "unknownFutureValue";

/// How many values a label names before it says how many more there are.
const LISTED: usize = 6;

impl Resolver<'_> {
    /// One enum per section, by its heading's name: on a page that documents nothing else
    /// (`enums.md`), every section; elsewhere, a section that a Type cell of the page names
    /// (`[tlpLevel](#tlplevel-values)`), since a heading like `sortBy values` on `folderView`
    /// lists the values of a String property, not an enum. A name that a page of its own
    /// declares, or an earlier section (resource pages first, then in path order), is that
    /// type; the section is reported.
    pub(super) fn declare_enum_sections(
        &mut self,
        declared: &BTreeMap<TypeKey, usize>,
    ) -> BTreeMap<TypeKey, (usize, usize)> {
        let mut order: Vec<usize> = (0..self.pages.len()).collect();
        order.sort_by_key(|&i| (self.pages[i].kind != PageKind::Resource, i));
        let mut sections: BTreeMap<TypeKey, (usize, usize)> = BTreeMap::new();
        for i in order {
            let page = &self.pages[i];
            for (s, section) in page.enum_sections.iter().enumerate() {
                if !documents_only_enums(page) && !names_section(page, section) {
                    self.unread_sections
                        .to_mut()
                        .insert((i, section.heading.text.clone()));
                    continue;
                }
                let key = type_key(&section.name);
                self.section_types
                    .to_mut()
                    .insert((i, anchor(&section.heading.text)), key.clone());
                let first = declared
                    .get(&key)
                    .copied()
                    .or_else(|| sections.get(&key).map(|&(p, _)| p));
                if let Some(first) = first {
                    self.duplicate_section(&key, i, section, first);
                    continue;
                }
                sections.insert(key.clone(), (i, s));
                self.by_name.to_mut().insert(key.clone(), key.clone());
                self.by_name
                    .to_mut()
                    .entry(section.name.to_lowercase())
                    .or_insert(key);
            }
        }
        sections
    }

    /// Reports a section whose enum is documented before, on page `first`.
    fn duplicate_section(
        &mut self,
        key: &TypeKey,
        page: usize,
        section: &EnumSection,
        first: usize,
    ) {
        let path = &self.pages[page].path;
        let first_path = &self.pages[first].path;
        let (message, label) = if first == page {
            (
                format!(
                    "enum `{}` is documented twice on this page; the first table is used",
                    section.name
                ),
                "second table, ignored",
            )
        } else {
            (
                format!(
                    "type `{}` is also documented in {first_path}; that page is used",
                    qualify(&section.name)
                ),
                "second definition, ignored",
            )
        };
        self.diags.push(
            Diagnostic::new(Code::TypeDuplicate, Some(section.heading.span), message).label(label),
        );
        let others = self
            .also_documented
            .to_mut()
            .entry(key.clone())
            .or_default();
        if first != page && !others.contains(path) {
            others.push(path.clone());
        }
    }

    /// The enum of a section, documented on `page`.
    pub(super) fn define_section(
        &mut self,
        key: &TypeKey,
        page: &Page,
        section: &EnumSection,
    ) -> TypeDef {
        TypeDef {
            name: section.name.clone(),
            qualified_name: qualify(&section.name),
            description: String::new(),
            page: Some(page.path.clone()),
            span: section.heading.span,
            kind: TypeKind::Enum(EnumType {
                members: self.enum_members(&section.members, &section.name),
                from_property: None,
                section: Some(section.heading.text.clone()),
            }),
            also_documented_in: self.also_documented.get(key).cloned().unwrap_or_default(),
        }
    }

    /// The enum documented under the heading a link's anchor names, on the linked page or,
    /// for `#tlplevel-values`, on the page itself.
    pub(super) fn section_target(&self, from: &Page, target: &str) -> Option<TypeKey> {
        let (path, fragment) = target.split_once('#')?;
        let page = match path {
            "" => self.by_path.get(&from.path.to_lowercase()).copied(),
            path => self.page_at(from, path),
        }?;
        self.section_types
            .get(&(page, fragment.to_lowercase()))
            .cloned()
    }

    /// Reports every property (of a type, a request body or a query) whose description lists
    /// "Possible values" that differ from the members of the documented enum its type names.
    pub(super) fn check_possible_values(
        &mut self,
        types: &TypeSpace,
        requests: &BTreeMap<String, Request>,
    ) {
        let objects = types.types.values().filter_map(|t| match &t.kind {
            TypeKind::Object(o) => Some((t.name.as_str(), &o.properties)),
            TypeKind::Enum(_) => None,
        });
        let requests = requests
            .values()
            .flat_map(|r| [(r.name.as_str(), &r.body), (r.name.as_str(), &r.query)]);
        for (owner, properties) in objects.chain(requests) {
            for p in properties {
                if p.origin == PropertyOrigin::Inherited || p.possible_values.is_empty() {
                    continue;
                }
                let TypeRef::Named(key) = &p.ty else {
                    continue;
                };
                let Some(def) = types.get(key).filter(|d| d.page.is_some()) else {
                    continue;
                };
                if let TypeKind::Enum(e) = &def.kind {
                    self.compare_possible_values(owner, p, def, e);
                }
            }
        }
    }

    fn compare_possible_values(&mut self, owner: &str, p: &Property, def: &TypeDef, e: &EnumType) {
        let Some(label) = disagreement(&p.possible_values, &e.members) else {
            return;
        };
        let span = self.description_span(p).unwrap_or(p.span);
        let page = def.page.as_deref().unwrap_or_default();
        let under = e
            .section
            .as_ref()
            .map(|h| format!(" under \"{h}\""))
            .unwrap_or_default();
        self.diags.push(
            Diagnostic::new(
                Code::EnumValuesDisagree,
                Some(span),
                format!(
                    "`{owner}.{}` lists other possible values than the members of `{}`",
                    p.name, def.name
                ),
            )
            .label(label)
            .help(format!(
                "the members of `{}` ({page}{under}) are used; list the same values here, or link to the enum instead of listing them",
                def.name
            )),
        );
    }

    /// The description cell of the table row a property was read from.
    fn description_span(&self, p: &Property) -> Option<crate::source::Span> {
        let page = self.pages.iter().find(|page| page.file == p.span.file)?;
        page.properties
            .iter()
            .chain(&page.relationships)
            .chain(&page.parameters)
            .find(|entry| entry.name_span == p.span)?
            .description_span
    }
}

/// A page of nothing but enums under their own headings (`enums.md`).
fn documents_only_enums(page: &Page) -> bool {
    page.properties.is_empty()
        && page.relationships.is_empty()
        && page.parameters.is_empty()
        && page.enum_members.is_empty()
        && page.http_requests.is_empty()
        && page.resource_block().is_none()
}

/// Whether a Type cell of the page names the section's enum, by name or by a link to its
/// heading.
fn names_section(page: &Page, section: &EnumSection) -> bool {
    let fragment = format!("#{}", anchor(&section.heading.text));
    let names = |base: &BaseType| match base {
        BaseType::Name(name) => name.eq_ignore_ascii_case(&section.name),
        BaseType::Link { text, target } => {
            text.eq_ignore_ascii_case(&section.name) || target.to_lowercase().ends_with(&fragment)
        }
        _ => false,
    };
    page.properties
        .iter()
        .chain(&page.relationships)
        .chain(&page.parameters)
        .any(|entry| match typeref::parse(&entry.type_text).base {
            BaseType::Union(members) => members.iter().any(names),
            base => names(&base),
        })
}

/// What a description's list of values gets wrong about an enum's members, as a label; `None`
/// when it lists the same values (the sentinel `unknownFutureValue` may be left out).
pub(super) fn disagreement(listed: &[String], members: &[EnumMember]) -> Option<String> {
    let documented = |v: &str| members.iter().any(|m| m.wire == v);
    let mut extra = Vec::new();
    for v in listed.iter().filter(|v| !documented(v)) {
        match members.iter().find(|m| m.wire.eq_ignore_ascii_case(v)) {
            Some(m) => extra.push(format!("`{v}` (`{}` in the table)", m.wire)),
            None => extra.push(format!("`{v}`")),
        }
    }
    let missing: Vec<String> = members
        .iter()
        .filter(|m| m.wire != SENTINEL && !listed.contains(&m.wire))
        .filter(|m| !listed.iter().any(|v| v.eq_ignore_ascii_case(&m.wire)))
        .map(|m| format!("`{}`", m.wire))
        .collect();
    let mut parts = Vec::new();
    if !extra.is_empty() {
        parts.push(format!("not members: {}", some_of(&extra)));
    }
    if !missing.is_empty() {
        parts.push(format!("members not listed: {}", some_of(&missing)));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// The first few items, and how many more there are.
fn some_of(items: &[String]) -> String {
    let mut text = items[..items.len().min(LISTED)].join(", ");
    if items.len() > LISTED {
        text.push_str(&format!(" and {} more", items.len() - LISTED));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(wires: &[&str]) -> Vec<EnumMember> {
        wires
            .iter()
            .map(|w| EnumMember {
                wire: w.to_string(),
                description: String::new(),
            })
            .collect()
    }

    fn listed(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| v.to_string()).collect()
    }

    #[test]
    fn a_label_names_six_values_then_counts_the_rest() {
        let six = listed(&["a", "b", "c", "d", "e", "f"]);
        assert_eq!(some_of(&six), "a, b, c, d, e, f");
        let seven = listed(&["a", "b", "c", "d", "e", "f", "g"]);
        assert_eq!(some_of(&seven), "a, b, c, d, e, f and 1 more");
    }

    #[test]
    fn the_same_values_agree_whatever_their_order_and_without_the_sentinel() {
        let table = members(&["low", "normal", "high", "unknownFutureValue"]);
        assert_eq!(
            disagreement(&listed(&["high", "low", "normal"]), &table),
            None
        );
        assert_eq!(
            disagreement(
                &listed(&["low", "normal", "high", "unknownFutureValue"]),
                &table
            ),
            None
        );
    }

    #[test]
    fn values_missing_extra_or_spelled_otherwise_are_named() {
        let table = members(&["low", "normal", "high"]);
        assert_eq!(
            disagreement(&listed(&["low", "urgent"]), &table).as_deref(),
            Some("not members: `urgent`; members not listed: `normal`, `high`")
        );
        assert_eq!(
            disagreement(&listed(&["Low", "normal", "high"]), &table).as_deref(),
            Some("not members: `Low` (`low` in the table)")
        );
        let many = members(&["a", "b", "c", "d", "e", "f", "g", "h"]);
        assert_eq!(
            disagreement(&[], &many).as_deref(),
            Some("members not listed: `a`, `b`, `c`, `d`, `e`, `f` and 2 more")
        );
    }

    fn section(name: &str, members: &[&str]) -> String {
        let rows: String = members.iter().map(|m| format!("|{m}|\n")).collect();
        format!("\n### {name} values\n\n|Member|\n|:---|\n{rows}")
    }

    #[test]
    fn which_sections_are_enums_and_which_page_documents_each() {
        let api = format!(
            "# thing: paint\n\n## Request body\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n| color | [color](#color-values) | The color. |\n{}",
            section("color", &["cyan"])
        );
        let enums = format!(
            "# Enum values\n{}{}",
            section("color", &["red", "blue"]),
            section("color", &["green"])
        );
        let other = format!(
            "# More enum values\n{}{}",
            section("color", &["black"]),
            section("color", &["white"])
        );
        // Named by a plain name, by a link's text, by a link to the heading with other text;
        // a section no Type cell names lists a String's values.
        let shape = format!(
            "# shape resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| tint | tint | Plain. |\n| size | [size](size.md) | By text. |\n| level | [Level of detail](#level-values) | By anchor. |\n{}{}{}{}",
            section("tint", &["light"]),
            section("size", &["small"]),
            section("level", &["coarse"]),
            section("unused", &["x"])
        );
        let (ir, diags) = crate::ir::resolve::model_of(&[
            ("beta/api/thing-paint.md", &api),
            ("beta/resources/enums.md", &enums),
            ("beta/resources/other.md", &other),
            ("beta/resources/shape.md", &shape),
        ]);
        let enum_of = |name: &str| match ir.types.get(&format!("microsoft.graph.{name}")) {
            Some(TypeDef {
                kind: TypeKind::Enum(e),
                page,
                also_documented_in,
                ..
            }) => Some((
                e.members.iter().map(|m| m.wire.clone()).collect::<Vec<_>>(),
                page.clone().unwrap_or_default(),
                also_documented_in.clone(),
            )),
            _ => None,
        };
        // Resource pages come first; the API page's table and the later ones are reported.
        let (members, page, also) = enum_of("color").expect("color");
        assert_eq!(members, ["red", "blue"]);
        assert_eq!(page, "beta/resources/enums.md");
        assert_eq!(also, ["beta/resources/other.md", "beta/api/thing-paint.md"]);
        for name in ["tint", "size", "level"] {
            assert_eq!(
                enum_of(name).map(|(_, page, _)| page),
                Some("beta/resources/shape.md".to_string()),
                "{name}"
            );
        }
        assert!(
            enum_of("unused").is_none(),
            "a page with properties names its enums"
        );
        let duplicates: Vec<&str> = diags
            .iter()
            .filter(|d| d.code == Code::TypeDuplicate)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            duplicates,
            [
                "enum `color` is documented twice on this page; the first table is used",
                "type `microsoft.graph.color` is also documented in beta/resources/enums.md; that page is used",
                "type `microsoft.graph.color` is also documented in beta/resources/enums.md; that page is used",
                "type `microsoft.graph.color` is also documented in beta/resources/enums.md; that page is used",
            ]
        );
    }
}
