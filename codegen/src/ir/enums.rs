//! Enums documented under headings of their own ([`EnumSection`]): `enums.md` lists dozens,
//! one table each (`### calendarColor values`), and some resource pages document the enums
//! of their properties so (`### tlpLevel values` on `tiIndicator`'s page). Each table is an
//! enum named by its heading, which a Type cell reaches by name or by a link to the
//! heading's anchor (`enums.md#calendarcolor-values`).

use crate::diag::{Code, Diagnostic};
use crate::ir::model::*;
use crate::ir::resolve::*;
use crate::ir::typeref::{self, BaseType};
use crate::parse::markdown::anchor;
use crate::parse::page::{EnumSection, Page, PageKind};
use std::collections::BTreeMap;

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
                        .insert((i, section.heading.text.clone()));
                    continue;
                }
                let key = type_key(&section.name);
                self.section_types
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
                self.by_name.insert(key.clone(), key.clone());
                self.by_name
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
        let others = self.also_documented.entry(key.clone()).or_default();
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
