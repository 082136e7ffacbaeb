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

#[cfg(test)]
mod tests {
    proptest::proptest! {
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
