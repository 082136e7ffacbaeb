//! Phase one: docs pages to [`page::Page`]s, with every piece located by byte span.

pub mod annotation;
pub mod front_matter;
pub mod http;
pub mod inheritance;
pub mod json;
pub mod markdown;
pub mod page;
pub mod table;

/// The lines of `text`, each with its `\n` (the last one without, when the text does not
/// end in one), as `str::split_inclusive('\n')` gives them: found with `memchr`, whose
/// search is several times faster than the standard library's on the short lines of the
/// docs, which every page is split into several times.
pub fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |i| i + 1);
        let (line, after) = rest.split_at(end);
        rest = after;
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// The lines are `split_inclusive`'s, in any text.
        #[test]
        fn lines_are_split_inclusive(text in "[a\\n\\ré]{0,24}") {
            let ours: Vec<&str> = super::lines_inclusive(&text).collect();
            let std: Vec<&str> = text.split_inclusive('\n').collect();
            proptest::prop_assert_eq!(ours, std);
        }
    }
}
