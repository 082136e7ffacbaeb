//! `codegen diff` over two releases of the whole reference: `cargo bench -p codegen --bench
//! diff` prints the time to read each side, to compare them and to render the report (the
//! fastest of 3 runs), the peak memory, and the report's counts.
//!
//! Reads `../shared/graph-docs/2019-04` and `2020-05` when they are there, and the
//! `call: redirect` pair of `codegen/tests/fixtures` otherwise; `CODEGEN_BENCH_OLD` and
//! `CODEGEN_BENCH_NEW` name other folders.

use codegen::diff::{compare, markdown, Class, Options};
use std::path::PathBuf;
use std::time::Instant;

fn folder(var: &str, release: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| {
        let corpus = root.join(format!("../shared/graph-docs/{release}/api-reference"));
        if corpus.is_dir() {
            corpus
        } else {
            root.join(format!(
                "codegen/tests/fixtures/diff-call-redirect/{release}"
            ))
        }
    })
}

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0
}

fn main() {
    let (old, new) = (
        folder("CODEGEN_BENCH_OLD", "2019-04"),
        folder("CODEGEN_BENCH_NEW", "2020-05"),
    );
    println!("old: {}\nnew: {}", old.display(), new.display());
    let mut best = [f64::MAX; 4];
    let mut report = None;
    for _ in 0..3 {
        let start = Instant::now();
        let a = codegen::ir::load(&old, &mut Vec::new()).expect("old docs are readable");
        let read_old = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let b = codegen::ir::load(&new, &mut Vec::new()).expect("new docs are readable");
        let read_new = start.elapsed().as_secs_f64();
        let start = Instant::now();
        // As `.ci/corpus` and README: the crate with workload features.
        let r = compare(
            &a,
            &b,
            Options {
                workload_features: true,
            },
        );
        let compared = start.elapsed().as_secs_f64();
        let start = Instant::now();
        std::hint::black_box(markdown(&r, "old", "new", None));
        let rendered = start.elapsed().as_secs_f64();
        for (slot, t) in best
            .iter_mut()
            .zip([read_old, read_new, compared, rendered])
        {
            *slot = slot.min(t);
        }
        report = Some(r);
    }
    let r = report.expect("ran");
    for (what, t) in ["read old", "read new", "compare", "markdown"]
        .iter()
        .zip(best)
    {
        println!("{what:<10} {t:>7.2} s");
    }
    println!("{:<10} {:>7.2} s", "in all", best.iter().sum::<f64>());
    println!("peak       {:>7.0} MiB", peak_rss_mib());
    println!(
        "changes: {} breaking, {} additive, {} docs-only; {} rustdoc-only; bump {:?}",
        r.count(Class::Breaking),
        r.count(Class::Additive),
        r.count(Class::DocsOnly),
        r.rustdoc_only,
        r.bump
    );
}
