//! Loading docs pages as normalised text that still maps back to the file's bytes.
//!
//! Pages are read with CRLF line ends, a BOM, or U+00A0 / U+202F spaces depending on who
//! wrote them; parsers see LF, no BOM and plain spaces. Every span in the IR points into the
//! normalised text, and [`SourceFile::original_offset`] maps it back. An invalid UTF-8 byte
//! becomes one `?`, which keeps offsets as they are.

use serde::Serialize;
use std::path::{Path, PathBuf};

/// Index of a file in a [`SourceMap`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
pub struct FileId(pub u32);

/// A byte range in one file.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, range: std::ops::Range<usize>) -> Span {
        Span {
            file,
            start: range.start as u32,
            end: range.end as u32,
        }
    }

    /// A span `range` relative to the start of `self`.
    pub fn sub(&self, range: std::ops::Range<usize>) -> Span {
        Span {
            file: self.file,
            start: self.start + range.start as u32,
            end: self.start + range.end as u32,
        }
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct SourceFile {
    /// Path relative to the docs root, with `/` separators: stable across machines.
    pub path: String,
    #[serde(skip)]
    pub abs_path: PathBuf,
    #[serde(skip)]
    pub text: String,
    /// Byte offsets of invalid UTF-8 bytes that were replaced by `?`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub invalid_utf8: Vec<u32>,
    /// `(offset in text, bytes removed before it)` at each place normalisation shortened the text.
    #[serde(skip)]
    pub shifts: Vec<(u32, u32)>,
}

impl SourceFile {
    /// The file `bytes` as normalised text. Needs no source map, so files can be made side
    /// by side and added in order.
    pub fn new(path: String, abs_path: PathBuf, bytes: Vec<u8>) -> SourceFile {
        let (text, invalid_utf8) = decode_preserving_offsets(bytes);
        let (text, shifts) = normalize(text);
        SourceFile {
            path,
            abs_path,
            text,
            invalid_utf8,
            shifts,
        }
    }

    /// The byte offset in the file on disk of an offset in the normalised text.
    pub fn original_offset(&self, offset: usize) -> usize {
        let i = self
            .shifts
            .partition_point(|&(at, _)| at as usize <= offset);
        offset
            + if i == 0 {
                0
            } else {
                self.shifts[i - 1].1 as usize
            }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        // Searched, not walked: the tests name the place of each of thousands of examples.
        let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
        let line_start = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    }
}

#[derive(Debug, Default, Clone, Serialize, schemars::JsonSchema)]
pub struct SourceMap {
    pub files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn add(&mut self, path: String, abs_path: PathBuf, bytes: Vec<u8>) -> FileId {
        self.push(SourceFile::new(path, abs_path, bytes))
    }

    /// Adds a file made with [`SourceFile::new`]; its id is the number of files before it.
    pub fn push(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() as u32 - 1)
    }

    /// The id the next file added gets.
    pub fn next_id(&self) -> FileId {
        FileId(self.files.len() as u32)
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn text(&self, span: Span) -> &str {
        let text = &self.file(span.file).text;
        let start = floor_char_boundary(text, span.start as usize);
        let end = floor_char_boundary(text, span.end as usize).max(start);
        &text[start..end]
    }

    /// `path:line:col` of the start of a span.
    pub fn location(&self, span: Span) -> String {
        let file = self.file(span.file);
        let (line, col) = file.line_col(span.start as usize);
        format!("{}:{}:{}", file.path, line, col)
    }
}

/// Decodes UTF-8, replacing each invalid byte with `?` so offsets stay those of the file.
pub fn decode_preserving_offsets(bytes: Vec<u8>) -> (String, Vec<u32>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, Vec::new()),
        Err(err) => {
            let mut bytes = err.into_bytes();
            let mut invalid = Vec::new();
            let mut pos = 0;
            while pos < bytes.len() {
                match std::str::from_utf8(&bytes[pos..]) {
                    Ok(_) => break,
                    Err(e) => {
                        let bad_at = pos + e.valid_up_to();
                        let bad_len = e.error_len().unwrap_or(bytes.len() - bad_at);
                        for (at, byte) in bytes.iter_mut().enumerate().skip(bad_at).take(bad_len) {
                            *byte = b'?';
                            invalid.push(at as u32);
                        }
                        pos = bad_at + bad_len;
                    }
                }
            }
            // Every invalid byte is now ASCII, so this cannot fail; fall back to lossy just in case.
            let text = String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            (text, invalid)
        }
    }
}

/// CRLF and lone CR to LF, no BOM, U+00A0 and U+202F to a space; returns the text and
/// where it got shorter.
///
/// Copies the runs between the bytes that can start a replacement whole, and nothing when
/// there is nothing to replace (most pages): this runs over every byte of the docs.
pub fn normalize(text: String) -> (String, Vec<(u32, u32)>) {
    // Most pages: ASCII (checked a word at a time) without a CR (`memchr`: a vector at a
    // time, where `str::contains` goes a word at a time).
    if text.is_ascii() && memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return (text, Vec::new());
    }
    let bytes = text.as_bytes();
    // Made at the first replacement.
    let mut out: Option<String> = None;
    let mut shifts = Vec::new();
    let mut removed = 0u32;
    // `text[copied..]` is not in `out` yet; the search goes on from `next`.
    let mut copied = 0;
    if text.starts_with('\u{feff}') {
        copied = '\u{feff}'.len_utf8();
        removed = copied as u32;
        shifts.push((0, removed));
        out = Some(String::with_capacity(text.len()));
    }
    let mut next = copied;
    // `\r`, and the lead bytes of U+00A0 (C2 A0) and U+202F (E2 80 AF): never inside a
    // character, so every cut below is on a character boundary.
    while let Some(found) = memchr::memchr3(b'\r', 0xC2, 0xE2, &bytes[next..]) {
        let at = next + found;
        let (len, replacement) = match &bytes[at..] {
            [b'\r', b'\n', ..] => (1, ""),
            [b'\r', ..] => (1, "\n"),
            [0xC2, 0xA0, ..] => (2, " "),
            [0xE2, 0x80, 0xAF, ..] => (3, " "),
            _ => {
                next = at + 1;
                continue;
            }
        };
        let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
        out.push_str(&text[copied..at]);
        out.push_str(replacement);
        if len > replacement.len() {
            removed += (len - replacement.len()) as u32;
            shifts.push((out.len() as u32, removed));
        }
        copied = at + len;
        next = copied;
    }
    match out {
        Some(mut out) => {
            out.push_str(&text[copied..]);
            (out, shifts)
        }
        None => (text, shifts),
    }
}

pub fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Path of `path` relative to `root`, with `/` separators.
pub fn relative_path(root: &Path, path: &Path) -> String {
    // A page's path is the root joined with the names the walk found, so its text after the
    // root is the answer: splitting both into components took a third of listing the pages,
    // which every reading thread waits for.
    match plain_suffix(root, path) {
        Some(rel) => rel.to_string(),
        None => relative_by_components(root, path),
    }
}

fn relative_by_components(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The text of `path` after `root` and a `/`, where it is what the components would give:
/// UTF-8 and `/`-separated, with no empty, `.` or `..` component.
fn plain_suffix<'p>(root: &Path, path: &'p Path) -> Option<&'p str> {
    if std::path::MAIN_SEPARATOR != '/' || root.as_os_str().is_empty() {
        return None;
    }
    let (root, path) = (root.to_str()?, path.to_str()?);
    let rest = path.strip_prefix(root)?;
    let rest = match root.ends_with('/') {
        true => rest,
        false => rest.strip_prefix('/')?,
    };
    let plain = !rest.is_empty()
        && rest
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != "..");
    plain.then_some(rest)
}

/// `target` as written in `from` (both relative to the docs root, `/`-separated), resolved:
/// `beta/api/x.md` + `../../includes/y.md` = `includes/y.md`. `None` when it climbs out of
/// the docs root, which nothing outside it is read from. A `#fragment` is dropped.
pub fn join_relative(from: &str, target: &str) -> Option<String> {
    let target = target.split(['#', '?']).next().unwrap_or("").trim();
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    if target.starts_with('/') {
        parts.clear();
    }
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_keeps_offsets() {
        let (text, bad) = decode_preserving_offsets(b"ab\xffc\xe2\x82".to_vec());
        assert_eq!(text, "ab?c??");
        assert_eq!(bad, vec![2, 4, 5]);
    }

    #[test]
    fn normalised_text_maps_back_to_the_file() {
        let original = "\u{feff}a\r\nb\u{a0}c\u{202f}d\re";
        let mut map = SourceMap::default();
        let id = map.add("a.md".into(), PathBuf::new(), original.as_bytes().to_vec());
        let file = map.file(id);
        assert_eq!(file.text, "a\nb c d\ne");
        for (i, c) in file.text.char_indices().filter(|(_, c)| c.is_alphabetic()) {
            assert_eq!(
                original[file.original_offset(i)..].chars().next(),
                Some(c),
                "{c}"
            );
        }
    }

    #[test]
    fn only_the_listed_characters_are_replaced() {
        // `Â` (C3 82), `€` (E2 82 AC), `…` (E2 80 A6), `ª` (C2 AA) share lead bytes with the
        // replaced characters; a BOM past the start is text.
        let text = "\u{a0}Â€…ª\u{feff}\r\r\n\u{202f}\u{a0}";
        let (out, shifts) = normalize(text.to_string());
        assert_eq!(out, " Â€…ª\u{feff}\n\n  ");
        assert_eq!(shifts, vec![(1, 1), (15, 2), (17, 4), (18, 5)]);
        assert_eq!(normalize("\u{feff}".into()), (String::new(), vec![(0, 3)]));
        assert_eq!(
            normalize("\u{feff}a\r".into()),
            ("a\n".into(), vec![(0, 3)])
        );
        assert_eq!(normalize("\r".into()), ("\n".to_string(), vec![]));
        assert_eq!(normalize("Â€ a\n".into()), ("Â€ a\n".to_string(), vec![]));
    }

    #[test]
    fn line_and_column_are_one_based() {
        let mut map = SourceMap::default();
        let id = map.add(
            "a.md".into(),
            PathBuf::new(),
            "x\ny\u{e9}z".as_bytes().to_vec(),
        );
        assert_eq!(map.file(id).line_col(0), (1, 1));
        assert_eq!(map.file(id).line_col(5), (2, 3));
    }

    #[test]
    fn relative_paths_read_from_the_text_are_those_of_the_components() {
        let roots = [
            "/d/api-reference",
            "/d/api-reference/",
            "/d/./x",
            "/d/x/.",
            ".",
            "",
            "/",
        ];
        let rests = [
            "beta/api/call-redirect.md",
            "x.md",
            "a//b.md",
            "a/./b.md",
            "./a.md",
            "a/../b.md",
            "a/b/",
            "",
            "é/ü.md",
        ];
        for root in roots {
            for rest in rests {
                for path in [
                    format!("{root}/{rest}"),
                    format!("{root}{rest}"),
                    rest.to_string(),
                ] {
                    let (root, path) = (Path::new(root), Path::new(&path));
                    assert_eq!(
                        relative_path(root, path),
                        relative_by_components(root, path),
                        "{root:?} {path:?}"
                    );
                }
            }
        }
        // The text is taken where it is plain, and the components read otherwise.
        let root = Path::new("/d/api-reference");
        assert_eq!(
            plain_suffix(root, Path::new("/d/api-reference/beta/api/x.md")),
            Some("beta/api/x.md")
        );
        assert_eq!(
            plain_suffix(root, Path::new("/d/api-reference//beta/x.md")),
            None
        );
        assert_eq!(
            plain_suffix(root, Path::new("/d/api-reference-2/x.md")),
            None
        );
    }

    #[test]
    fn relative_targets_resolve_within_the_root() {
        let from = "beta/api/call-redirect.md";
        assert_eq!(
            join_relative(from, "../../includes/beta-disclaimer.md").as_deref(),
            Some("includes/beta-disclaimer.md")
        );
        assert_eq!(
            join_relative(from, "../includes/snippets/csharp/x.md#top").as_deref(),
            Some("beta/includes/snippets/csharp/x.md")
        );
        assert_eq!(join_relative("api/x.md", "../../includes/y.md"), None);
        assert_eq!(
            join_relative("api/x.md", "/includes/y.md").as_deref(),
            Some("includes/y.md")
        );
    }
}
