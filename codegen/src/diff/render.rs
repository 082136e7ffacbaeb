//! The report as markdown for a pull-request description: the bump, counts per workload,
//! then each change, breaking first, grouped by workload.

use super::{Bump, Class, Report};
use std::collections::BTreeMap;
use std::fmt::Write;

fn bump_text(bump: Bump) -> &'static str {
    match bump {
        Bump::Major => "major (breaking changes; the minor number while the crate is below 1.0)",
        Bump::Minor => "minor (additions only)",
        Bump::Patch => "patch (rustdoc only)",
        Bump::None => "none (nothing changed)",
    }
}

const CLASSES: [Class; 3] = [Class::Breaking, Class::Additive, Class::DocsOnly];

/// The report as markdown; with `limit`, at most that many changes are listed per class and
/// workload (a pull-request description has room for about 65,000 characters), and the
/// rest are counted.
pub fn markdown(report: &Report, old: &str, new: &str, limit: Option<usize>) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "## Docs changes: `{old}` -> `{new}`\n");
    let _ = writeln!(md, "**Version bump: {}.**\n", bump_text(report.bump));
    let _ = writeln!(
        md,
        "{} breaking, {} additive and {} docs-only changes; {} changes to descriptions only, counted and not listed.\n",
        report.count(Class::Breaking),
        report.count(Class::Additive),
        report.count(Class::DocsOnly),
        report.rustdoc_only
    );
    for v in &report.versions_removed {
        let _ = writeln!(md, "- **breaking**: version `{v}` removed");
    }
    for v in &report.versions_added {
        let _ = writeln!(md, "- additive: version `{v}` added");
    }
    let mut per_workload: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    let mut per_kind: BTreeMap<(Class, &str), usize> = BTreeMap::new();
    for c in &report.changes {
        per_workload.entry(&c.workload).or_default()[c.class as usize] += 1;
        *per_kind.entry((c.class, c.kind)).or_default() += 1;
    }
    if !per_workload.is_empty() {
        md.push_str(
            "| workload | breaking | additive | docs-only |\n| --- | ---: | ---: | ---: |\n",
        );
        for (workload, [b, a, d]) in &per_workload {
            let _ = writeln!(md, "| {workload} | {b} | {a} | {d} |");
        }
        md.push_str("\n| change | class | count |\n| --- | --- | ---: |\n");
        for ((class, kind), n) in &per_kind {
            let _ = writeln!(md, "| {kind} | {} | {n} |", class.as_str());
        }
        md.push('\n');
    }
    for class in CLASSES {
        let changes: Vec<_> = report.changes.iter().filter(|c| c.class == class).collect();
        if changes.is_empty() {
            continue;
        }
        let title = match class {
            Class::Breaking => "Breaking",
            Class::Additive => "Additive",
            Class::DocsOnly => "Docs only",
        };
        let _ = writeln!(md, "### {title} ({})", changes.len());
        let mut workload = "";
        let (mut listed, mut in_workload) = (0, 0);
        let unlisted = |md: &mut String, listed: usize, n: usize| {
            if listed < n {
                let _ = writeln!(
                    md,
                    "- and {} more (`--format json` lists every one)",
                    n - listed
                );
            }
        };
        for c in changes {
            if c.workload != workload {
                unlisted(&mut md, listed, in_workload);
                workload = &c.workload;
                in_workload = report
                    .changes
                    .iter()
                    .filter(|x| x.class == class && x.workload == workload)
                    .count();
                listed = 0;
                let _ = writeln!(md, "\n#### {workload} ({in_workload})\n");
            }
            if limit.is_some_and(|l| listed >= l) {
                continue;
            }
            listed += 1;
            let _ = writeln!(md, "- `{}`: {} ({})", c.item, c.detail, c.location);
            if let Some(note) = &c.note {
                let _ = writeln!(md, "  - {note}");
            }
        }
        unlisted(&mut md, listed, in_workload);
        md.push('\n');
    }
    md
}
