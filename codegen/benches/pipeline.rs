//! Times each phase of a run and prints the figures: `cargo bench -p codegen`.
//!
//! Reads `../shared/graph-docs/2019-04/api-reference` (beta and v1.0) when it is there, and
//! `docs-input/` otherwise, or the folder named by `CODEGEN_BENCH_DOCS`.

use std::path::PathBuf;
use std::time::Instant;

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let docs = std::env::var_os("CODEGEN_BENCH_DOCS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let corpus = root.join("../shared/graph-docs/2019-04/api-reference");
            if corpus.is_dir() {
                corpus
            } else {
                root.join("docs-input")
            }
        });
    println!("docs: {}", docs.display());
    for run in 1..=3 {
        let start = Instant::now();
        let mut diags = Vec::new();
        let corpus = codegen::ir::load(&docs, &mut diags).expect("docs folder is readable");
        let loaded = start.elapsed();
        let (output, _) = codegen::emit::emit(&corpus, "graph_generated", true).expect("emits");
        let emitted = start.elapsed() - loaded;
        let pages: usize = corpus.versions.iter().map(|v| v.pages.len()).sum();
        let bytes: usize = corpus.sources.files.iter().map(|f| f.text.len()).sum();
        let code: usize =
            output.modules.values().map(String::len).sum::<usize>() + output.tests.len();
        println!(
            "run {run}: {pages} pages ({:.1} MB) parsed and resolved in {:.2} s ({:.0} pages/s), emitted {:.1} MB of Rust in {:.2} s; {} diagnostics",
            bytes as f64 / 1e6,
            loaded.as_secs_f64(),
            pages as f64 / loaded.as_secs_f64(),
            code as f64 / 1e6,
            emitted.as_secs_f64(),
            diags.len()
        );
    }
    if let Some(kib) = peak_rss_kib() {
        println!("peak resident memory: {:.0} MB", kib as f64 / 1024.0);
    }
}
