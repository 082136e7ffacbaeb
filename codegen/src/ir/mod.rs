//! Phase two: pages to the typed model ([`model::Ir`]).

mod bases;
pub mod closure;
mod enums;
mod examples;
pub mod model;
mod requests;
pub mod resolve;
mod tables;
pub mod typeref;
mod types;
pub mod validate;

use crate::diag::{Code, Diagnostic};
use crate::parse::markdown::{self, Block};
use crate::parse::table::RawTable;
use crate::parse::{front_matter, page};
use crate::source::{relative_path, FileId, SourceFile, SourceMap};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The JSON Schema of what `codegen ir` prints: the contract for other emitters.
///
/// Closed: an object has exactly the properties listed, so that a field added to the model
/// without the schema knowing fails the contract test.
pub fn schema() -> serde_json::Value {
    fn close(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                    map.insert("additionalProperties".into(), false.into());
                }
                map.values_mut().for_each(close);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(close),
            _ => {}
        }
    }
    // The IR is only written, so the schema describes what serializing gives.
    let generator = schemars::generate::SchemaSettings::default()
        .for_serialize()
        .into_generator();
    let schema = generator.into_root_schema_for::<model::Corpus>();
    let mut schema = serde_json::to_value(schema).unwrap_or_default();
    close(&mut schema);
    schema
}

/// Folders of fragments that pages include (`includes/`, with the code samples in
/// `includes/snippets/`): read where a page includes them, never as pages.
const FRAGMENT_DIRS: &[&str] = &["includes"];

/// Every page under `root`: each `.md` file outside `includes/` folders, sorted by path so
/// that runs are reproducible.
pub fn markdown_files(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    walk_in_name_order(root, &mut out)?;
    Ok(out)
}

/// Adds the pages under `dir` to `out` depth first, each folder's entries in name order:
/// the order of the whole paths sorted (paths compare by component), which a sort of
/// thousands of paths took a twentieth of reading the pages to find.
fn walk_in_name_order(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        entries.push((entry.file_name(), entry));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, entry) in entries {
        let path = entry.path();
        let file_type = entry.file_type()?;
        if file_type.is_dir() && !FRAGMENT_DIRS.contains(&&*name.to_string_lossy()) {
            walk_in_name_order(&path, out)?;
        } else if file_type.is_file() && path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    Ok(())
}

/// The version folders of a docs root (`beta`, `v1.0`: folders with `api/` or `resources/`),
/// or the root itself when it has none.
pub fn version_dirs(root: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut versions = Vec::new();
    for entry in std::fs::read_dir(root)? {
        let path = entry?.path();
        let is_version = path.join("api").is_dir() || path.join("resources").is_dir();
        if path.is_dir() && is_version {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            versions.push((crate::emit::naming::field_name(&name), path));
        }
    }
    versions.sort();
    if versions.is_empty() {
        versions.push((String::new(), root.to_path_buf()));
    }
    Ok(versions)
}

/// Reads every page under `root`, with the fragments they include, and resolves each
/// version into its own model.
pub fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> std::io::Result<model::Corpus> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    load_on(root, diags, threads)
}

/// [`load`] with pages parsed on `threads` threads; 0 parses them one by one, in order.
/// With 2 or more, each version's examples are read on that many threads.
fn load_on(
    root: &Path,
    diags: &mut Vec<Diagnostic>,
    threads: usize,
) -> std::io::Result<model::Corpus> {
    let mut fragments = FragmentFiles {
        root,
        sources: SourceMap::default(),
        read: BTreeMap::new(),
        outside: BTreeSet::new(),
    };
    let mut listed = Vec::new();
    for (version, dir) in version_dirs(root)? {
        let pages: Vec<(PathBuf, String)> = markdown_files(&dir)?
            .into_iter()
            .map(|path| {
                let rel = relative_path(root, &path);
                (path, rel)
            })
            .collect();
        listed.push((version, dir, pages));
    }
    let all: Vec<(&Path, &str)> = listed
        .iter()
        .flat_map(|(_, _, pages)| {
            pages
                .iter()
                .map(|(path, rel)| (path.as_path(), rel.as_str()))
        })
        .collect();
    // Pages are read and parsed side by side, and added to the source map in page order,
    // before any fragment: a page's id is its place in the list.
    let first = fragments.sources.next_id();
    let mut read = Vec::with_capacity(all.len());
    let plain = std::sync::Mutex::new(BTreeMap::new());
    for page in read_side_by_side(root, first, &all, threads, &plain) {
        let (source, parsed) = page?;
        let file = fragments.sources.push(source);
        debug_assert_eq!(
            file.0,
            first.0 + read.len() as u32,
            "parsed as another file"
        );
        read.push((file, parsed));
    }
    let mut read = read.into_iter();
    let mut versions = Vec::new();
    for (version, dir, pages) in listed {
        let mut version_diags = Vec::new();
        let mut version_pages = Vec::new();
        for ((_, rel), (file, parsed)) in pages.into_iter().zip(&mut read) {
            version_diags.extend(invalid_utf8(&fragments.sources, file));
            // The plain fragments a page includes are added to the source map where the
            // loader would have read them, so that file ids do not depend on the threads. One
            // that changed since it was found plain sends the page to the loader, and what
            // reading it reported is kept.
            let parsed = parsed.filter(|(page, _)| {
                // A page parsed without the loader includes only plain fragments.
                let mut plain = page.includes.iter().filter_map(|i| match i.kind {
                    page::IncludeKind::Fragment => i.path.as_deref(),
                    page::IncludeKind::Snippet => None,
                });
                plain.all(|path| {
                    let mut read_diags = Vec::new();
                    let tables = page::Fragments::tables(&mut fragments, path, &mut read_diags);
                    let still_plain = read_diags.is_empty() && tables.is_ok_and(|t| t.is_empty());
                    version_diags.extend(read_diags);
                    still_plain
                })
            });
            let (page, page_diags) = match parsed {
                Some((page, page_diags)) => (*page, page_diags),
                // A page that reads fragments is parsed again, in page order, with the loader
                // that adds them to the source map.
                None => {
                    let text = fragments.sources.file(file).text.clone();
                    let mut page_diags = Vec::new();
                    let page =
                        page::parse_with(file, &rel, &text, Some(&mut fragments), &mut page_diags);
                    (page, page_diags)
                }
            };
            version_diags.extend(page_diags);
            version_pages.push(page);
        }
        versions.push((version, dir, version_pages, version_diags));
    }
    // Versions share nothing once parsed: each is resolved on a thread of its own.
    let resolved: Vec<std::thread::Result<(model::Ir, Vec<Diagnostic>)>> =
        std::thread::scope(|scope| {
            let handles: Vec<_> = versions
                .into_iter()
                .map(|(version, dir, pages, mut version_diags)| {
                    scope.spawn(move || {
                        let mut ir = resolve::build(version, pages, &mut version_diags, threads);
                        ir.name = dir.canonicalize().unwrap_or(dir).file_name().map_or_else(
                            || "docs".to_string(),
                            |n| n.to_string_lossy().into_owned(),
                        );
                        (ir, version_diags)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join()).collect()
        });
    let mut versions = Vec::new();
    for result in resolved {
        // A panic in a resolver thread is a bug; carry it on as one.
        let (ir, version_diags) = result.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        diags.extend(version_diags);
        versions.push(ir);
    }
    Ok(model::Corpus {
        format: model::FORMAT,
        sources: fragments.sources,
        versions,
    })
}

/// A page parsed without the fragment loader and its diagnostics, or `None` when it needs
/// the loader.
/// Boxed: a page is a kilobyte, moved twice on the way to its version.
type Parsed = Option<(Box<page::Page>, Vec<Diagnostic>)>;

/// Reads and parses `pages` on `threads` threads; the page at index `i` is to be file
/// `first + i` of the source map. Each thread takes the next page not taken, so that a
/// thread with long pages does not hold up the rest. A page that includes a fragment's
/// tables, or a target outside the root, needs the shared loader and comes back as `None`.
/// `plain` is shared by the threads: whether each fragment met so far is plain. With no
/// threads, pages are read on one and none is parsed: each is parsed in order, with the
/// loader, which is what the threads must come to.
fn read_side_by_side(
    root: &Path,
    first: FileId,
    pages: &[(&Path, &str)],
    threads: usize,
    plain: &std::sync::Mutex<BTreeMap<String, bool>>,
) -> Vec<std::io::Result<(SourceFile, Parsed)>> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&(path, rel)) = pages.get(i) else {
                return done;
            };
            // An io error names no file; the user needs to know which page it was.
            let read = std::fs::read(path)
                .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())));
            let read = read.map(|bytes| {
                let source = SourceFile::new(rel.to_string(), path.to_path_buf(), bytes);
                if threads == 0 {
                    return (source, None);
                }
                let file = FileId(first.0 + i as u32);
                let mut probe = FragmentProbe {
                    root,
                    plain,
                    reads: false,
                };
                let mut page_diags = Vec::new();
                let page =
                    page::parse_with(file, rel, &source.text, Some(&mut probe), &mut page_diags);
                let parsed = (!probe.reads).then(|| (Box::new(page), page_diags));
                (source, parsed)
            });
            done.push((i, read));
        }
    };
    let mut slots: Vec<Option<std::io::Result<(SourceFile, Parsed)>>> =
        pages.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads.max(1)).map(|_| scope.spawn(work)).collect();
        for handle in handles {
            let done = handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (i, read) in done {
                slots[i] = Some(read);
            }
        }
    });
    // Every index below `pages.len()` was taken by one thread, so every slot is filled.
    slots.into_iter().flatten().collect()
}

/// Answers what a page asks of its fragments without adding any to the source map. A
/// plain fragment (no tables, nothing to report: the beta disclaimer that a quarter of the
/// pages include) gives what the loader would give. A page that asks for any other
/// fragment, or meets a target outside the root, is marked to be parsed again.
struct FragmentProbe<'a> {
    root: &'a Path,
    plain: &'a std::sync::Mutex<BTreeMap<String, bool>>,
    reads: bool,
}

impl page::Fragments for FragmentProbe<'_> {
    fn tables(&mut self, path: &str, _: &mut Vec<Diagnostic>) -> Result<Vec<RawTable>, String> {
        let known = self.plain.lock().map(|p| p.get(path).copied());
        let plain = match known {
            Ok(Some(plain)) => plain,
            _ => {
                let plain = is_plain(self.root, path);
                if let Ok(mut known) = self.plain.lock() {
                    known.insert(path.to_string(), plain);
                }
                plain
            }
        };
        self.reads |= !plain;
        Ok(Vec::new())
    }

    fn exists(&mut self, path: &str) -> bool {
        self.root.join(path).is_file()
    }

    fn first_outside(&mut self, _: &str) -> bool {
        self.reads = true;
        false
    }
}

/// Whether the fragment at `path` (relative to `root`) exists, is UTF-8, and has neither
/// tables nor anything in its front matter to report: reading it gives nothing but its
/// place in the source map.
fn is_plain(root: &Path, path: &str) -> bool {
    let full = root.join(path);
    let Ok(bytes) = std::fs::read(&full) else {
        return false;
    };
    let source = SourceFile::new(path.to_string(), full, bytes);
    if !source.invalid_utf8.is_empty() {
        return false;
    }
    let mut diags = Vec::new();
    let tables = fragment_tables(FileId(0), &source.text, &mut diags);
    diags.is_empty() && tables.is_empty()
}

/// The tables of the fragment `file` holding `text`, as a page that includes it reads them.
fn fragment_tables(file: FileId, text: &str, diags: &mut Vec<Diagnostic>) -> Vec<RawTable> {
    let (_, body_start) = front_matter::parse(file, text, diags);
    markdown::blocks(file, text, body_start)
        .into_iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// Adds a file to the source map; bytes that are not UTF-8 are reported.
fn add_file(
    sources: &mut SourceMap,
    rel: String,
    path: PathBuf,
    bytes: Vec<u8>,
    diags: &mut Vec<Diagnostic>,
) -> FileId {
    let file = sources.add(rel, path, bytes);
    diags.extend(invalid_utf8(sources, file));
    file
}

/// Where `file` was not UTF-8, if anywhere.
fn invalid_utf8(sources: &SourceMap, file: FileId) -> Option<Diagnostic> {
    let source = sources.file(file);
    let &at = source.invalid_utf8.first()?;
    let span = crate::source::Span::new(file, at as usize..at as usize + 1);
    let count = source.invalid_utf8.len();
    Some(Diagnostic::new(
        Code::InvalidUtf8,
        Some(span),
        format!("{count} bytes are not UTF-8; read as `?`"),
    ))
}

/// The files under the docs root that pages include, each read once into the source map,
/// so that spans in them point into them.
struct FragmentFiles<'a> {
    root: &'a Path,
    sources: SourceMap,
    /// By path relative to the root: the fragment's tables, or why it could not be read.
    read: BTreeMap<String, Result<Vec<RawTable>, String>>,
    /// Targets outside the root met so far.
    outside: BTreeSet<String>,
}

impl FragmentFiles<'_> {
    fn read(&mut self, rel: &str, diags: &mut Vec<Diagnostic>) -> Result<Vec<RawTable>, String> {
        let path = self.root.join(rel);
        if !path.is_file() {
            return Err("does not exist".into());
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("cannot be read: {e}"))?;
        let file = add_file(&mut self.sources, rel.to_string(), path, bytes, diags);
        Ok(fragment_tables(file, &self.sources.file(file).text, diags))
    }
}

impl page::Fragments for FragmentFiles<'_> {
    fn tables(&mut self, path: &str, diags: &mut Vec<Diagnostic>) -> Result<Vec<RawTable>, String> {
        if !self.read.contains_key(path) {
            let read = self.read(path, diags);
            self.read.insert(path.to_string(), read);
        }
        self.read[path].clone()
    }

    fn exists(&mut self, path: &str) -> bool {
        self.root.join(path).is_file()
    }

    fn first_outside(&mut self, target: &str) -> bool {
        self.outside.insert(target.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_listed_in_path_order() {
        let dir = std::env::temp_dir().join(format!("codegen-listing-{}", std::process::id()));
        let files = [
            "a.md",
            "a/z.md",
            "a-b/c.md",
            "a/b/c.md",
            "B.md",
            "b.md",
            "includes/x.md",
            "a/includes/y.md",
            "a/notes.txt",
            "\u{e9}.md",
        ];
        for file in files {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let listed = markdown_files(&dir).unwrap();
        let mut sorted: Vec<PathBuf> = files
            .iter()
            .filter(|f| f.ends_with(".md") && !f.contains("includes/"))
            .map(|f| dir.join(f))
            .collect();
        sorted.sort();
        assert_eq!(listed, sorted);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_page_that_cannot_be_read_is_named_in_the_error() {
        // A folder where a page should be: reading it fails, as an unreadable file would.
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checkout");
        let pages = [(root.as_path(), "beta/api/x.md")];
        let plain = std::sync::Mutex::new(BTreeMap::new());
        let read = read_side_by_side(&root, FileId(0), &pages, 2, &plain);
        let Some(Err(e)) = read.into_iter().next() else {
            panic!("reading a folder as a page succeeded");
        };
        assert!(
            e.to_string().starts_with(&format!("{}: ", root.display())),
            "{e}"
        );
    }

    /// Pages parsed side by side, and examples read on several threads, give the same model and
    /// the same diagnostics, in the same order, as one after another, with or without
    /// fragments to read.
    #[test]
    fn threads_do_not_change_the_model() {
        for fixture in ["checkout", "includes", "faithful-2020-05", "hostile"] {
            let root = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(fixture);
            let run = |threads| {
                let mut diags = Vec::new();
                let corpus = load_on(&root, &mut diags, threads).expect("fixture is readable");
                let messages: Vec<String> = diags
                    .iter()
                    .map(|d| d.render(&corpus.sources, false))
                    .collect();
                (
                    serde_json::to_string(&corpus).expect("serializes"),
                    messages,
                )
            };
            let (model, diags) = run(0);
            assert!(
                !diags.is_empty() || fixture != "hostile",
                "{fixture}: no diagnostics"
            );
            for threads in [1, 2, 3, 64] {
                let (other_model, other_diags) = run(threads);
                assert!(
                    model == other_model,
                    "{fixture}: {threads} threads, another model"
                );
                assert_eq!(diags, other_diags, "{fixture}: {threads} threads");
            }
        }
    }
}
