//! Every table of a page is read or reported: once the model is built, each table the parser
//! took for permissions, headers, enum members, properties, relationships or parameters is
//! checked against what the resolver made of its page, and every other table is reported
//! too (`table-unread`). A table that lists properties or parameters and is not read is a
//! warning (the model lacks what it says); a table for readers (methods, error codes,
//! example values) is a note.

use crate::diag::{Code, Diagnostic, Severity};
use crate::ir::model::{Request, TypeKey, TypeKind, TypeSpace};
use crate::ir::resolve::Resolver;
use crate::parse::page::{PageKind, TableRole};
use std::collections::{BTreeMap, BTreeSet};

/// Which parameters of a table under `heading` the requests read (`ir/requests.rs`).
pub(super) fn read_parameters(heading: &str) -> bool {
    let heading = heading.to_lowercase();
    heading.contains("query") || heading.contains("body")
}

impl Resolver<'_> {
    pub(super) fn report_unread_tables(
        &mut self,
        declared: &BTreeMap<TypeKey, usize>,
        types: &TypeSpace,
        requests: &BTreeMap<String, Request>,
    ) {
        let own_type: BTreeMap<usize, &TypeKind> = declared
            .iter()
            .filter_map(|(key, &page)| types.get(key).map(|t| (page, &t.kind)))
            .collect();
        let request_pages: BTreeSet<&str> = requests.values().map(|r| r.page.as_str()).collect();
        for (i, page) in self.pages.iter().enumerate() {
            let request = request_pages.contains(page.path.as_str());
            let no_type = || -> String {
                match self.page_type.get(&i) {
                    Some(key) => format!("`{key}` is taken from the page that documents it too (see `type-duplicate`)"),
                    None if page.kind != PageKind::Resource => "the page is no resource page, so it declares no type".into(),
                    None => "the page declares no type (no JSON representation with an `@odata.type`, no title that names one)".into(),
                }
            };
            for t in &page.tables {
                let (why, warn) = match t.role {
                    TableRole::Permissions | TableRole::Headers => match request {
                        true => continue,
                        false => ("the page defines no request (no block under `HTTP request`)".to_string(), false),
                    },
                    TableRole::EnumSection => match self.unread_sections.contains(&(i, t.heading.clone())) {
                        true => ("no Type cell of the page names the enum of its heading, and the page documents more than enums".into(), false),
                        // An enum of its own, or a `type-duplicate`.
                        false => continue,
                    },
                    TableRole::EnumMembers => match own_type.get(&i) {
                        Some(TypeKind::Enum(_)) => continue,
                        Some(TypeKind::Object(_)) => ("the page's type is an object, not an enum".into(), true),
                        None => (no_type(), !self.page_type.contains_key(&i)),
                    },
                    TableRole::Properties | TableRole::Relationships => match own_type.get(&i) {
                        Some(TypeKind::Object(_)) => continue,
                        Some(TypeKind::Enum(_)) => ("the page's type is an enum".into(), true),
                        None => (no_type(), !self.page_type.contains_key(&i)),
                    },
                    // Each row is checked against the requests (`operation-without-request`).
                    TableRole::Methods => continue,
                    TableRole::Parameters if !request => {
                        ("the page defines no request (no block under `HTTP request`)".into(), true)
                    }
                    TableRole::Parameters if read_parameters(&t.heading) => continue,
                    TableRole::Parameters if t.heading.to_lowercase().contains("path") => (
                        "path parameters are read from the request's path, not from this table".into(),
                        false,
                    ),
                    TableRole::Parameters => (
                        "only query and request-body parameters are read; these are neither".into(),
                        true,
                    ),
                    TableRole::Other => match &t.unreadable {
                        Some(why) => (why.clone(), true),
                        None if t.type_column => (
                            "it has a Type column, but under a heading where no properties or parameters are read".into(),
                            true,
                        ),
                        None => (
                            "it lists no permissions, headers, enum members, properties, relationships or parameters".into(),
                            false,
                        ),
                    },
                };
                let mut d = Diagnostic::new(
                    Code::TableUnread,
                    Some(t.span),
                    format!(
                        "table `{}` under \"{}\" is not read: {why}",
                        t.header, t.heading
                    ),
                )
                .label("this table");
                if warn {
                    d = d.severity(Severity::Warning);
                }
                self.diags.push(d);
            }
        }
    }
}
