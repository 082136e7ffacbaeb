//! Phase one: docs pages to [`page::Page`]s, with every piece located by byte span.

pub mod annotation;
pub mod front_matter;
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

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// Any needle is found where `str::contains` finds it, in any text.
        #[test]
        fn contains_is_str_contains(text in "[ab\\-é]{0,16}", needle in "[ab\\-é]{0,3}") {
            proptest::prop_assert_eq!(super::contains(&text, &needle), text.contains(needle.as_str()));
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
