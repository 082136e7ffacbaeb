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
    for entry in entries_in_name_order(dir)? {
        match entry {
            Entry::Folder(path) => walk_in_name_order(&path, out)?,
            Entry::Page(path) => out.push(path),
        }
    }
    Ok(())
}

/// What a folder holds that is walked: pages, and folders that may hold more.
enum Entry {
    Folder(PathBuf),
    Page(PathBuf),
}

/// The pages and folders to walk in `dir`, in name order.
fn entries_in_name_order(dir: &Path) -> std::io::Result<Vec<Entry>> {
    // An io error names no file; the user needs to know which folder it was.
    let named =
        |e: std::io::Error| std::io::Error::new(e.kind(), format!("{}: {e}", dir.display()));
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(named)? {
        let entry = entry.map_err(named)?;
        entries.push((entry.file_name(), entry));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = Vec::with_capacity(entries.len());
    for (name, entry) in entries {
        let path = entry.path();
        let file_type = entry.file_type().map_err(named)?;
        if file_type.is_dir() && !FRAGMENT_DIRS.contains(&&*name.to_string_lossy()) {
            out.push(Entry::Folder(path));
        } else if file_type.is_file() && path.extension().is_some_and(|e| e == "md") {
            out.push(Entry::Page(path));
        }
    }
    Ok(out)
}

/// [`markdown_files`] of each of `dirs`, the folders inside them walked on `threads`
/// threads (`api/`, `resources/`: thousands of pages each, listed on one thread while the
/// others waited for the first page to read).
fn markdown_files_side_by_side(
    dirs: &[&Path],
    threads: usize,
) -> std::io::Result<Vec<Vec<PathBuf>>> {
    let tops = dirs
        .iter()
        .map(|dir| entries_in_name_order(dir))
        .collect::<std::io::Result<Vec<_>>>()?;
    let folders: Vec<&Path> = tops
        .iter()
        .flatten()
        .filter_map(|entry| match entry {
            Entry::Folder(path) => Some(path.as_path()),
            Entry::Page(_) => None,
        })
        .collect();
    let walked = crate::threads::each(&folders, threads, |folder| {
        let mut pages = Vec::new();
        walk_in_name_order(folder, &mut pages).map(|()| pages)
    });
    let mut walked = walked.into_iter();
    let mut listed = Vec::with_capacity(tops.len());
    for top in tops {
        let mut pages = Vec::new();
        for entry in top {
            match entry {
                Entry::Page(path) => pages.push(path),
                Entry::Folder(_) => {
                    // One walk for each folder, in order.
                    let walked = walked.next();
                    pages.extend(walked.expect("internal error: a folder was not walked")?)
                }
            }
        }
        listed.push(pages);
    }
    Ok(listed)
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
/// With 2 or more, each version's examples are read on that many threads, or on one while
/// another version is still being resolved.
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
    // Each version with where its pages are in the list of all pages, in order.
    let mut listed = Vec::new();
    let mut all: Vec<PathBuf> = Vec::new();
    let versions = version_dirs(root)?;
    let dirs: Vec<&Path> = versions.iter().map(|(_, dir)| dir.as_path()).collect();
    let pages_of = markdown_files_side_by_side(&dirs, threads)?;
    for ((version, dir), pages) in versions.into_iter().zip(pages_of) {
        listed.push((version, dir, all.len()..all.len() + pages.len()));
        all.extend(pages);
    }
    // A page's id is its place in the list, before any fragment, whenever it is read: each
    // has its place in the source map from the start (made while the first pages are read),
    // filled when it is settled (an empty file until then, which nothing reads).
    let first = fragments.sources.next_id();
    let plain = std::sync::Mutex::new(BTreeMap::new());
    let mut failed = None;
    // Pages are read and parsed side by side, in list order. Once a version's pages are all
    // in, it is settled (in page order, with the fragments it reads) and resolved on a thread
    // of its own while the pages of the versions after it are still parsed: resolving beta,
    // the larger version, is the longest step of all.
    let reading = Reading::new(listed.iter().map(|(_, _, pages)| pages.len()));
    let resolving = &Resolving::default();
    let resolved: Vec<std::thread::Result<(model::Ir, Vec<Diagnostic>)>> =
        std::thread::scope(|scope| {
            read_side_by_side(scope, root, first, &all, threads, &plain, &reading);
            let places = fragments.sources.files.len() + all.len();
            fragments.sources.files.resize_with(places, || {
                SourceFile::new(String::new(), PathBuf::new(), Vec::new())
            });
            let mut handles = Vec::new();
            for (version, dir, pages) in listed {
                let Some(read) = reading.version(handles.len()) else {
                    break;
                };
                match settle(&mut fragments, first, pages, read) {
                    Ok((pages, version_diags)) => handles.push(scope.spawn(move || {
                        resolve_version(version, dir, pages, version_diags, threads, resolving)
                    })),
                    Err(e) => {
                        failed = Some(e);
                        reading.stop();
                        break;
                    }
                }
            }
            handles.into_iter().map(|h| h.join()).collect()
        });
    if let Some(e) = failed {
        return Err(e);
    }
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

/// The pages of one version as read (`read`, the pages at `pages` in the list) put in the
/// source map, and each parsed where the threads could not: in page order, so that the
/// fragments they read are added where the loader would have added them.
fn settle(
    fragments: &mut FragmentFiles,
    first: FileId,
    pages: std::ops::Range<usize>,
    read: impl Iterator<Item = Option<Read>>,
) -> std::io::Result<(Vec<page::Page>, Vec<Diagnostic>)> {
    let mut version_diags = Vec::new();
    // Sized at once: a page is a kilobyte, and a growing list of thousands is copied often.
    let mut version_pages = Vec::with_capacity(pages.len());
    for (i, read) in pages.zip(read) {
        // Every page of the version is read before it is settled.
        let (source, parsed) = read.expect("internal error: a page was not read")?;
        let file = FileId(first.0 + i as u32);
        fragments.sources.files[file.0 as usize] = source;
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
                let tables = page::Fragments::tables(fragments, path, &mut read_diags);
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
                let source = fragments.sources.file(file);
                let (rel, text) = (source.path.clone(), source.text.clone());
                let mut page_diags = Vec::new();
                let page = page::parse_with(file, &rel, &text, Some(fragments), &mut page_diags);
                (page, page_diags)
            }
        };
        version_diags.extend(page_diags);
        version_pages.push(page);
    }
    Ok((version_pages, version_diags))
}

/// The model of one version, named after its folder, and what resolving it reported.
fn resolve_version(
    version: String,
    dir: PathBuf,
    pages: Vec<page::Page>,
    mut diags: Vec<Diagnostic>,
    threads: usize,
    resolving: &Resolving,
) -> (model::Ir, Vec<Diagnostic>) {
    let mut ir = {
        let _counted = resolving.begin();
        // A version that comes to its examples while another is still being resolved
        // reads them on its own thread: the other, further from its end, has a core of
        // its own to finish on. With both on two, the last version's steps before its
        // examples ran alone at the end, one core idle for a twentieth of `ir`.
        resolve::build(version, pages, &mut diags, || {
            resolving.examples_threads(threads)
        })
    };
    ir.name = dir
        .canonicalize()
        .unwrap_or(dir)
        .file_name()
        .map_or_else(|| "docs".to_string(), |n| n.to_string_lossy().into_owned());
    (ir, diags)
}

/// How many versions are being resolved, each counted while a [`Resolving::begin`]
/// guard is held.
#[derive(Default)]
struct Resolving(std::sync::atomic::AtomicUsize);

impl Resolving {
    fn begin(&self) -> ResolvingOne<'_> {
        self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        ResolvingOne(self)
    }

    /// The threads a version being resolved reads its examples on, of `threads`: one
    /// while another version is being resolved too.
    fn examples_threads(&self, threads: usize) -> usize {
        match self.0.load(std::sync::atomic::Ordering::Relaxed) {
            0 | 1 => threads,
            _ => threads.min(1),
        }
    }
}

/// One version being resolved, counted until dropped (a panic too ends its count).
struct ResolvingOne<'a>(&'a Resolving);

impl Drop for ResolvingOne<'_> {
    fn drop(&mut self) {
        (self.0)
            .0
            .fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
    }
}

/// A page parsed without the fragment loader and its diagnostics, or `None` when it needs
/// the loader.
/// Boxed: a page is a kilobyte, moved twice on the way to its version.
type Parsed = Option<(Box<page::Page>, Vec<Diagnostic>)>;

/// A page as a reading thread gives it: its file and what parsing it gave, or why it could
/// not be read.
type Read = std::io::Result<(SourceFile, Parsed)>;

/// Pages read side by side, by their place in the list, until each version's are all in.
struct Reading {
    state: std::sync::Mutex<ReadState>,
    /// Told when a version's last page is in.
    version_done: std::sync::Condvar,
    /// The next page not taken by a thread.
    next: std::sync::atomic::AtomicUsize,
    /// Set when no more pages are wanted.
    stop: std::sync::atomic::AtomicBool,
}

struct ReadState {
    pages: Vec<Option<Read>>,
    /// Where each version's pages end in the list, and how many of them are still out.
    ends: Vec<usize>,
    out: Vec<usize>,
    /// Whether a reading thread panicked: its page will never be in.
    panicked: bool,
}

impl Reading {
    /// For versions of `counts` pages each, listed one version after another.
    fn new(counts: impl Iterator<Item = usize>) -> Reading {
        let out: Vec<usize> = counts.collect();
        let ends: Vec<usize> = out
            .iter()
            .scan(0, |end, count| {
                *end += count;
                Some(*end)
            })
            .collect();
        Reading {
            state: std::sync::Mutex::new(ReadState {
                pages: (0..ends.last().copied().unwrap_or(0))
                    .map(|_| None)
                    .collect(),
                ends,
                out,
                panicked: false,
            }),
            version_done: std::sync::Condvar::new(),
            next: std::sync::atomic::AtomicUsize::new(0),
            stop: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Keeps page `i`; tells the waiting thread when it was the last of its version.
    fn arrived(&self, i: usize, page: Read) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.pages[i] = Some(page);
        let version = state.ends.partition_point(|&end| end <= i);
        state.out[version] -= 1;
        if state.out[version] == 0 {
            self.version_done.notify_all();
        }
    }

    /// Waits until every page of `version` is in, and takes them, in list order; `None`
    /// when a reading thread panicked, which the scope then carries on.
    fn version(&self, version: usize) -> Option<std::vec::IntoIter<Option<Read>>> {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let mut state = self
            .version_done
            .wait_while(state, |s| s.out[version] > 0 && !s.panicked)
            .unwrap_or_else(|e| e.into_inner());
        if state.out[version] > 0 {
            return None;
        }
        let start = version.checked_sub(1).map_or(0, |v| state.ends[v]);
        let end = state.ends[version];
        let pages: Vec<_> = state.pages[start..end]
            .iter_mut()
            .map(Option::take)
            .collect();
        Some(pages.into_iter())
    }

    /// Runs `read` (a reading thread's work) so that, should it panic, the thread waiting
    /// for its pages is woken rather than left waiting for ever.
    fn work(&self, read: impl FnOnce()) {
        let _wake = WakeOnPanic(self);
        read()
    }

    fn stop(&self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Held by a reading thread (see [`Reading::work`]): marks the reading as broken when the
/// thread panics, and wakes the waiting thread.
struct WakeOnPanic<'a>(&'a Reading);

impl Drop for WakeOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let mut state = self.0.state.lock().unwrap_or_else(|e| e.into_inner());
            state.panicked = true;
            self.0.version_done.notify_all();
        }
    }
}

/// Reads and parses `pages` on `threads` threads started in `scope`, into `reading`; the
/// page at index `i` is to be file `first + i` of the source map. Each thread takes the
/// next page not taken, so that a thread with long pages does not hold up the rest, and the
/// first version's pages are all in while the rest are still read. A page that includes a
/// fragment's tables, or a target outside the root, needs the shared loader and comes back
/// as `None`. `plain` is shared by the threads: whether each fragment met so far is plain.
/// With no threads, pages are read on one and none is parsed: each is parsed in order,
/// with the loader, which is what the threads must come to.
fn read_side_by_side<'scope, 'env: 'scope>(
    scope: &'scope std::thread::Scope<'scope, 'env>,
    root: &'env Path,
    first: FileId,
    pages: &'env [PathBuf],
    threads: usize,
    plain: &'env std::sync::Mutex<BTreeMap<String, bool>>,
    reading: &'env Reading,
) {
    for _ in 0..threads.max(1) {
        scope.spawn(move || {
            reading.work(|| read_pages(root, first, pages, threads, plain, reading))
        });
    }
}

/// What each thread of [`read_side_by_side`] does: takes the next page until none is left.
fn read_pages(
    root: &Path,
    first: FileId,
    pages: &[PathBuf],
    threads: usize,
    plain: &std::sync::Mutex<BTreeMap<String, bool>>,
    reading: &Reading,
) {
    loop {
        if reading.stop.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let i = reading
            .next
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let Some(path) = pages.get(i) else {
            return;
        };
        // An io error names no file; the user needs to know which page it was.
        let read = std::fs::read(path)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())));
        let read = read.map(|bytes| {
            // Found here, on a reading thread, rather than as the pages are listed, which
            // every thread waits for.
            let rel = relative_path(root, path);
            let source = SourceFile::new(rel, path.to_path_buf(), bytes);
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
            let page = page::parse_with(
                file,
                &source.path,
                &source.text,
                Some(&mut probe),
                &mut page_diags,
            );
            let parsed = (!probe.reads).then(|| (Box::new(page), page_diags));
            (source, parsed)
        });
        reading.arrived(i, read);
    }
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
    fn tables(
        &mut self,
        path: &str,
        _: &mut Vec<Diagnostic>,
    ) -> Result<Vec<RawTable<'static>>, String> {
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
fn fragment_tables<'a>(
    file: FileId,
    text: &'a str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<RawTable<'a>> {
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
    read: BTreeMap<String, Result<Vec<RawTable<'static>>, String>>,
    /// Targets outside the root met so far.
    outside: BTreeSet<String>,
}

impl FragmentFiles<'_> {
    fn read(
        &mut self,
        rel: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<Vec<RawTable<'static>>, String> {
        let path = self.root.join(rel);
        if !path.is_file() {
            return Err("does not exist".into());
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("cannot be read: {e}"))?;
        let file = add_file(&mut self.sources, rel.to_string(), path, bytes, diags);
        let tables = fragment_tables(file, &self.sources.file(file).text, diags);
        Ok(tables.into_iter().map(RawTable::into_owned).collect())
    }
}

impl page::Fragments for FragmentFiles<'_> {
    fn tables(
        &mut self,
        path: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<Vec<RawTable<'static>>, String> {
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
        // Folders walked side by side list what each lists walked alone, in its order,
        // and one that cannot be read fails the listing.
        let dirs = [
            dir.clone(),
            dir.join("a"),
            dir.join("a-b"),
            dir.join("includes"),
        ];
        let dirs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
        let alone: Vec<Vec<PathBuf>> = dirs.iter().map(|d| markdown_files(d).unwrap()).collect();
        for threads in [0, 1, 2, 3, 8] {
            let side_by_side = markdown_files_side_by_side(&dirs, threads).unwrap();
            assert_eq!(side_by_side, alone, "{threads} threads");
        }
        let missing = dir.join("missing");
        let error = markdown_files_side_by_side(&[dirs[0], &missing], 2).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with(&format!("{}: ", missing.display())),
            "{error}"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_page_that_cannot_be_read_is_named_in_the_error() {
        // A folder where a page should be: reading it fails, as an unreadable file would.
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checkout");
        let pages = [root.clone()];
        let plain = std::sync::Mutex::new(BTreeMap::new());
        let reading = Reading::new([1].into_iter());
        let read = std::thread::scope(|scope| {
            read_side_by_side(scope, &root, FileId(0), &pages, 2, &plain, &reading);
            reading.version(0)?.next()
        });
        let Some(Some(Err(e))) = read else {
            panic!("reading a folder as a page succeeded");
        };
        assert!(
            e.to_string().starts_with(&format!("{}: ", root.display())),
            "{e}"
        );
    }

    #[test]
    fn a_reading_thread_that_panics_does_not_leave_the_loader_waiting() {
        // On a thread of its own, so that a loader left waiting fails the test, not hangs it.
        let (done, outcome) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let reading = Reading::new([2, 1].into_iter());
            let loaded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                std::thread::scope(|scope| {
                    scope.spawn(|| {
                        reading.work(|| {
                            let page = Err(std::io::Error::other("read"));
                            reading.arrived(0, page);
                            panic!("a bug met while parsing (this panic is the test's)");
                        })
                    });
                    // Woken with nothing, rather than waiting for a page that never comes.
                    reading.version(0).is_none()
                })
            }));
            let _ = done.send(loaded.map_err(|_| ()));
        });
        let loaded = outcome
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("the loader was left waiting for a page that never came");
        // The scope carries the reading thread's panic on.
        assert!(loaded.is_err());
    }

    /// Each version's pages are handed over once all of them are in, in list order.
    #[test]
    fn a_version_is_handed_its_own_pages() {
        let reading = Reading::new([2, 0, 3].into_iter());
        let page = |i: usize| Err(std::io::Error::other(i.to_string()));
        for i in [4, 0, 2, 3, 1] {
            reading.arrived(i, page(i));
        }
        let taken = |v| -> Vec<String> {
            let pages = reading.version(v).expect("every page is in");
            pages.map(|p| p.unwrap().unwrap_err().to_string()).collect()
        };
        assert_eq!(taken(0), ["0", "1"]);
        assert!(taken(1).is_empty());
        assert_eq!(taken(2), ["2", "3", "4"]);
    }

    #[test]
    fn examples_are_read_on_one_thread_while_another_version_is_resolved() {
        let resolving = Resolving::default();
        let beta = resolving.begin();
        assert_eq!(resolving.examples_threads(2), 2);
        {
            let _v1 = resolving.begin();
            assert_eq!(resolving.examples_threads(2), 1);
            assert_eq!(resolving.examples_threads(0), 0);
        }
        assert_eq!(resolving.examples_threads(2), 2);
        // A version whose resolving panicked is no longer counted.
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _v1 = resolving.begin();
            panic!("a bug");
        }));
        assert!(panicked.is_err());
        assert_eq!(resolving.examples_threads(2), 2);
        drop(beta);
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
