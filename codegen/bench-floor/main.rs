//! The floor of `cargo bench -p codegen --bench pipeline`: what any reader of the docs must
//! do. Every page read, parsed as markdown, and its JSON blocks parsed as JSON; prints
//! `seconds cpu_seconds peak_kib` as each of the bench's phases does.
//!
//! A binary of its own, which the bench runs, so that its machine code does not move with
//! the generator's: built into the bench, the same floor code ran 5% slower or faster from
//! one build of the generator to the next, with the same instructions (the layout of the
//! binary), and every ratio moved with it.
//!
//! Usage: `floor DOCS`, the folder of the versions' folders.

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: codegen::allocator::Mimalloc = codegen::allocator::Mimalloc;

#[path = "measure.rs"]
mod measure;

use std::path::Path;
use std::time::Instant;

/// Every page read, parsed as markdown, and its JSON blocks parsed as JSON. Returns how
/// many JSON blocks parsed, so nothing is optimised away, or what could not be read.
fn floor(docs: &Path) -> Result<usize, String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let unreadable = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
    let mut parsed = 0;
    for (_, dir) in codegen::ir::version_dirs(docs).map_err(|e| unreadable(docs, e))? {
        for path in codegen::ir::markdown_files(&dir).map_err(|e| unreadable(&dir, e))? {
            let bytes = std::fs::read(&path).map_err(|e| unreadable(&path, e))?;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let mut in_json = false;
            let mut block = String::new();
            for event in Parser::new(&text) {
                match event {
                    Event::Start(Tag::CodeBlock(kind)) => {
                        in_json = matches!(kind, pulldown_cmark::CodeBlockKind::Fenced(info) if info.starts_with("json"));
                        block.clear();
                    }
                    Event::Text(t) if in_json => block.push_str(&t),
                    Event::End(TagEnd::CodeBlock) if in_json => {
                        in_json = false;
                        parsed +=
                            usize::from(serde_json::from_str::<serde_json::Value>(&block).is_ok());
                    }
                    _ => {}
                }
            }
        }
    }
    Ok(parsed)
}

fn main() -> std::process::ExitCode {
    let Some(docs) = std::env::args_os().nth(1) else {
        eprintln!("usage: floor DOCS (the folder of the versions' folders)");
        return std::process::ExitCode::from(2);
    };
    let cpu_start = measure::cpu_seconds();
    let start = Instant::now();
    match floor(Path::new(&docs)) {
        Ok(parsed) => {
            std::hint::black_box(parsed);
        }
        Err(e) => {
            eprintln!("error: cannot read the docs: {e}");
            return std::process::ExitCode::FAILURE;
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let cpu = measure::cpu_seconds() - cpu_start;
    println!("{seconds} {cpu} {}", measure::peak_rss_kib());
    std::process::ExitCode::SUCCESS
}
