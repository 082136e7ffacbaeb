//! Phase one: docs pages to [`page::Page`]s, with every piece located by byte span.

pub mod annotation;
pub mod front_matter;
pub mod gfm_table;
pub mod http;
pub mod inheritance;
pub mod json;
pub mod markdown;
pub mod page;
pub mod table;

/// The lines of `text` with their offsets in it, each with its `\n` (the last one without,
/// when the text does not end in one), as `str::split_inclusive('\n')` gives them: found
/// with `memchr`, whose search is several times faster than the standard library's on the
/// short lines of the docs, which every page is split into several times. The offsets are
/// what each caller's spans start from.
pub fn lines_inclusive(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = &text[at..];
        if rest.is_empty() {
            return None;
        }
        let end = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |i| i + 1);
        let line = (at, &rest[..end]);
        at += end;
        Some(line)
    })
}

/// Whether `text` contains `needle`, as `str::contains` tells: each place of the needle's
/// first byte found with `memchr`, then the rest compared. The texts asked about again and
/// again (cells, descriptions, headings, keys) are short, and `str::contains` sets up a
/// searcher for each question that costs more than the search.
pub fn contains(text: &str, needle: &str) -> bool {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    memchr::memchr_iter(first, text).any(|at| text[at + 1..].starts_with(rest))
}

/// Where `text` first holds `needle` in any ASCII case: an offset into `text` itself (one
/// into a lowercased copy is not, where a character before it changes length when
/// lowercased). Each place that starts with the needle's first byte is a place to look.
pub fn find_ignore_ascii_case(text: &str, needle: &str) -> Option<usize> {
    let (bytes, needle) = (text.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else {
        return Some(0);
    };
    memchr::memchr2_iter(
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        bytes,
    )
    .find(|&at| {
        bytes
            .get(at..at + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// Whether `text` holds `needle` in any ASCII case: for the lowercase needles the
/// generator asks about, what lowercasing `text` and searching the copy answers, without the
/// copy (thousands of cells and headings each). Of the characters outside ASCII, only the
/// KELVIN SIGN lowercases to an ASCII letter (`k`), and `İ` to an `i` with a combining dot
/// after it: for a needle without a `k` that ends in no `i`, no text tells the two apart.
pub fn contains_ignore_ascii_case(text: &str, needle: &str) -> bool {
    find_ignore_ascii_case(text, needle).is_some()
}

/// Whether `text` starts with `prefix` in any ASCII case (see [`contains_ignore_ascii_case`]).
pub fn starts_with_ignore_ascii_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Whether `text` ends with `suffix` in any ASCII case (see [`contains_ignore_ascii_case`]).
pub fn ends_with_ignore_ascii_case(text: &str, suffix: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .len()
        .checked_sub(suffix.len())
        .is_some_and(|at| bytes[at..].eq_ignore_ascii_case(suffix.as_bytes()))
}

/// The needles asked about in any ASCII case, which the tests hold to what lowercasing
/// answers.
#[cfg(test)]
const ASCII_CASE_NEEDLES: [&str; 7] = [
    "query",
    "body",
    "parameter",
    "not supported",
    "request",
    "response",
    "example",
];

/// Calls `visit` with every page of the test fixtures, of `docs-input/` and of the folders
/// that `GRAPH_DOCS_CORPUS` lists (as `.ci/corpus` sets it), each with its text as the
/// loader reads it.
#[cfg(test)]
pub fn for_each_real_page(mut visit: impl FnMut(&std::path::Path, &str)) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut folders = vec![root.join("tests/fixtures"), root.join("../docs-input")];
    if let Some(corpus) = std::env::var_os("GRAPH_DOCS_CORPUS") {
        folders.extend(std::env::split_paths(&corpus));
    }
    for folder in folders {
        assert!(folder.is_dir(), "{} is not a folder", folder.display());
        let mut stack = vec![folder];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "md") {
                    let bytes = std::fs::read(&path).unwrap();
                    let text =
                        crate::source::SourceFile::new(String::new(), path.clone(), bytes).text;
                    visit(&path, &text);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    /// Offsets into the text itself, in any case, whatever comes before; a needle cut
    /// short by the end of the text is not found.
    #[test]
    fn found_in_any_case_at_offsets_into_the_text() {
        assert_eq!(super::find_ignore_ascii_case("a OR b", " or "), Some(1));
        // `İ` lowercases to two characters: an offset into a lowercased copy would be off.
        let text = "İİ Possible Values: `a`";
        assert_eq!(
            super::find_ignore_ascii_case(text, "possible value"),
            Some(5)
        );
        assert_eq!(&text[5..13], "Possible");
        assert_eq!(
            super::find_ignore_ascii_case("pp possible", "possible"),
            Some(3)
        );
        assert_eq!(
            super::find_ignore_ascii_case("the possible valu", "possible value"),
            None
        );
        assert_eq!(super::find_ignore_ascii_case("nothing here", " or "), None);
        assert_eq!(super::find_ignore_ascii_case("x", ""), Some(0));
    }

    proptest::proptest! {
        /// Any needle is found where `str::contains` finds it, in any text.
        #[test]
        fn contains_is_str_contains(text in "[ab\\-é]{0,16}", needle in "[ab\\-é]{0,3}") {
            proptest::prop_assert_eq!(super::contains(&text, &needle), text.contains(needle.as_str()));
        }

        /// For each needle asked about in any ASCII case, the answer lowercasing the text
        /// first gives, in texts made of the needles' pieces in any case and of the
        /// characters that lowercase to ASCII letters.
        #[test]
        fn ascii_case_questions_are_lowercased_ones(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "re", "RE", "qu", "ery", "bo", "DY", "param", "ETER", "not ", "Supported",
                "quest", "sponse", "Ex", "ample", "er", "İ", "\u{212a}", "i", "K", " ",
            ]), 0..8),
        ) {
            let text = pieces.concat();
            let lower = text.to_lowercase();
            for needle in super::ASCII_CASE_NEEDLES {
                proptest::prop_assert_eq!(
                    super::contains_ignore_ascii_case(&text, needle), lower.contains(needle));
                proptest::prop_assert_eq!(
                    super::starts_with_ignore_ascii_case(&text, needle), lower.starts_with(needle));
                proptest::prop_assert_eq!(
                    super::ends_with_ignore_ascii_case(&text, needle), lower.ends_with(needle));
            }
        }

        /// The lines are `split_inclusive`'s, in any text, each at its offset.
        #[test]
        fn lines_are_split_inclusive(text in "[a\\n\\ré]{0,24}") {
            let ours: Vec<(usize, &str)> = super::lines_inclusive(&text).collect();
            let std: Vec<&str> = text.split_inclusive('\n').collect();
            let lines: Vec<&str> = ours.iter().map(|&(_, line)| line).collect();
            proptest::prop_assert_eq!(lines, std);
            for (at, line) in ours {
                proptest::prop_assert_eq!(&text[at..at + line.len()], line);
            }
        }
    }
}
