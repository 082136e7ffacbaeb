//! The machine-readable summary of a run (`report.json`): what was read, what was made,
//! and every example without a test, with its reason.

use crate::ir::model::{Corpus, Ir};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub total: Counts,
    pub versions: BTreeMap<String, Counts>,
    /// Pages that declare no type or request and show no example: overviews, and the
    /// second page of a type documented twice.
    pub pages_without_ir: Vec<String>,
    pub untested: Vec<Untested>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub pages: usize,
    /// Pages that declared a type or a request, or showed an example.
    pub pages_with_ir: usize,
    pub types: usize,
    pub requests: usize,
    pub examples: usize,
    pub examples_tested: usize,
    /// Examples with a body meant as JSON, and how many of those round-trip in a test.
    pub json_examples: usize,
    pub json_examples_round_tripped: usize,
    /// Untested examples by the first words of their reason.
    pub untested_by_reason: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Untested {
    pub version: String,
    pub id: String,
    pub at: String,
    pub reason: String,
    /// Whether the example has a JSON body.
    pub json: bool,
}

impl Counts {
    fn of(ir: &Ir, untested: &[&Untested], without_ir: usize) -> Counts {
        let with_ir = ir.pages.len() - without_ir;
        let json_examples = ir.examples.iter().filter(|e| e.json_body).count();
        let mut by_reason = BTreeMap::new();
        for u in untested {
            *by_reason.entry(reason_class(&u.reason)).or_insert(0) += 1;
        }
        Counts {
            pages: ir.pages.len(),
            pages_with_ir: with_ir,
            types: ir.types.types.len(),
            requests: ir.requests.len(),
            examples: ir.examples.len(),
            examples_tested: ir.examples.len() - untested.len(),
            json_examples,
            json_examples_round_tripped: json_examples - untested.iter().filter(|u| u.json).count(),
            untested_by_reason: by_reason,
        }
    }

    fn add(&mut self, other: &Counts) {
        self.pages += other.pages;
        self.pages_with_ir += other.pages_with_ir;
        self.types += other.types;
        self.requests += other.requests;
        self.examples += other.examples;
        self.examples_tested += other.examples_tested;
        self.json_examples += other.json_examples;
        self.json_examples_round_tripped += other.json_examples_round_tripped;
        for (reason, n) in &other.untested_by_reason {
            *self.untested_by_reason.entry(reason.clone()).or_insert(0) += n;
        }
    }
}

fn pages_without_ir(ir: &Ir) -> Vec<String> {
    let mut used: std::collections::BTreeSet<&str> = ir
        .types
        .types
        .values()
        .filter_map(|t| t.page.as_deref())
        .collect();
    used.extend(ir.requests.values().map(|r| r.page.as_str()));
    used.extend(ir.examples.iter().map(|e| e.page.as_str()));
    ir.pages
        .iter()
        .map(|p| p.path.as_str())
        .filter(|p| !used.contains(p))
        .map(str::to_string)
        .collect()
}

/// "does not match its documented type" from "does not match its documented type: $.x ...".
fn reason_class(reason: &str) -> String {
    reason
        .split(':')
        .next()
        .unwrap_or(reason)
        .trim()
        .to_string()
}

impl Report {
    pub fn build(corpus: &Corpus, untested: Vec<Untested>) -> Report {
        let mut versions = BTreeMap::new();
        let mut total = Counts::default();
        let mut all_without_ir = Vec::new();
        for ir in &corpus.versions {
            let mine: Vec<&Untested> = untested
                .iter()
                .filter(|u| u.version == ir.version)
                .collect();
            let without_ir = pages_without_ir(ir);
            let counts = Counts::of(ir, &mine, without_ir.len());
            total.add(&counts);
            versions.insert(ir.version.clone(), counts);
            all_without_ir.extend(without_ir);
        }
        let pages_without_ir = all_without_ir;
        Report {
            total,
            versions,
            pages_without_ir,
            untested,
        }
    }

    /// `n of m (p%)`, for the summary line.
    pub fn percent(part: usize, whole: usize) -> String {
        if whole == 0 {
            return "0 of 0".into();
        }
        format!(
            "{part} of {whole} ({:.1}%)",
            part as f64 * 100.0 / whole as f64
        )
    }
}
