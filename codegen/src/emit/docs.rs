//! Docs text to rustdoc: links to documented types become intra-doc links, other links
//! become their text, and anything rustdoc would read as HTML or a broken link is escaped,
//! so that `cargo doc` with warnings denied stays clean whatever the docs say.

use proc_macro2::TokenStream;
use quote::quote;

/// Rewrites docs markdown. `link` maps a link target to a Rust path, if it names an
/// emitted type.
pub fn rustdoc(text: &str, link: &dyn Fn(&str) -> Option<String>) -> String {
    // Most docs text has neither; this runs over every description in the docs.
    let text = if memchr::memchr2(b'<', b'&', text.as_bytes()).is_some() {
        std::borrow::Cow::Owned(
            text.replace("<br/>", "\n")
                .replace("<br />", "\n")
                .replace("<br>", "\n")
                .replace("&nbsp;", " "),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = &*text;
    while !rest.is_empty() {
        if let Some(code) = rest.strip_prefix('`') {
            // Inline code is kept as it is, up to its closing backtick.
            match code.find('`') {
                Some(end) => {
                    out.push('`');
                    out.push_str(&code[..end].replace('\n', " "));
                    out.push('`');
                    rest = &code[end + 1..];
                }
                None => {
                    out.push_str("\\`");
                    rest = code;
                }
            }
        } else if rest.starts_with('[') {
            match markdown_link(rest) {
                Some((label, target, len)) => {
                    let label_text = plain(label);
                    match link(target) {
                        Some(path) => out.push_str(&format!("[{label_text}]({path})")),
                        None => out.push_str(&label_text),
                    }
                    rest = &rest[len..];
                }
                None => {
                    out.push_str("\\[");
                    rest = &rest[1..];
                }
            }
        } else if rest.starts_with("http://") || rest.starts_with("https://") {
            let end = rest
                .find(|c: char| {
                    c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '<' | '>' | '`' | '|')
                })
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
        } else {
            // The character, and the text after it up to the next character that could
            // start any of the above or must be escaped, copied as it is.
            let c = rest.chars().next().unwrap_or(' ');
            escape_char(c, &mut out);
            rest = &rest[c.len_utf8()..];
            let run = plain_run(rest);
            out.push_str(&rest[..run]);
            rest = &rest[run..];
        }
    }
    out
}

/// How many bytes at the start of `text` are copied as they are: up to the first that
/// could start inline code, a link or a URL, or that [`escape_char`] changes. Read a byte
/// at a time, as every description in the docs is: an `h` that starts no URL, or a
/// character outside ASCII, goes on with the run.
fn plain_run(text: &str) -> usize {
    let bytes = text.as_bytes();
    let stops_at = |i: usize| match bytes[i] {
        b'`' | b'[' | b'<' | b'>' | b']' | b'\\' => true,
        b'h' => bytes[i..].starts_with(b"http://") || bytes[i..].starts_with(b"https://"),
        b'\n' | b'\t' => false,
        // The controls: C0 and DEL, and C1 (U+0080 to U+009F, `0xC2` and a byte after).
        b if b < b' ' || b == 0x7f => true,
        0xc2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
        _ => false,
    };
    (0..bytes.len())
        .find(|&i| stops_at(i))
        .unwrap_or(bytes.len())
}

/// Appends `c` to `out` as rustdoc must read it.
fn escape_char(c: char, out: &mut String) {
    match c {
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        ']' => out.push_str("\\]"),
        '\\' => out.push_str("\\\\"),
        '\0' => {}
        c if c.is_control() && c != '\n' && c != '\t' => {}
        c => out.push(c),
    }
}

/// Text of a link label, with anything link-like escaped.
fn plain(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for c in label.chars() {
        match c {
            '[' => out.push_str("\\["),
            c => escape_char(c, &mut out),
        }
    }
    out
}

/// `[label](target)` at the start of `text`: label, target and the length consumed.
fn markdown_link(text: &str) -> Option<(&str, &str, usize)> {
    let close = text.find(']')?;
    let label = &text[1..close];
    if label.contains('[') {
        return None;
    }
    let after = &text[close + 1..];
    if let Some(target) = after.strip_prefix('(') {
        let end = target.find(')')?;
        let target_text = target[..end].trim();
        let target_text = target_text.split_whitespace().next().unwrap_or("");
        return Some((label, target_text, close + 2 + end + 1));
    }
    if let Some(reference) = after.strip_prefix("[]") {
        let _ = reference;
        return Some((label, "", close + 3));
    }
    None
}

/// `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `#[doc]` attributes, one per line, as prettyplease prints them: `/// line`.
pub fn doc_attrs(text: &str) -> TokenStream {
    let attrs = doc_attributes(text);
    quote! { #(#attrs)* }
}

/// [`doc_attrs`] as syntax trees.
pub fn doc_attributes(text: &str) -> Vec<syn::Attribute> {
    doc_lines(text)
        .map(|line| {
            // Raw strings: see `raw_string`. prettyplease prints either kind as `/// line`.
            let literal = match line.is_empty() {
                true => crate::emit::code::raw_string(""),
                false => crate::emit::code::raw_doc_line(line),
            };
            crate::emit::syntax::value_attribute("doc", literal)
        })
        .collect()
}

/// The lines of the doc comment that `text` makes, one attribute each: trimmed at the end,
/// the text's own leading and trailing blank lines dropped, and a run of blank lines as one.
pub fn doc_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut after_blank = false;
    text.trim().lines().map(str::trim_end).filter(move |line| {
        let blank = line.is_empty();
        let repeated = blank && after_blank;
        after_blank = blank;
        !repeated
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One attribute a line, each after a space; a run of blank lines is one blank line,
    /// and the text's own leading and trailing blank lines are none.
    #[test]
    fn doc_lines_are_attributes_and_blank_runs_are_one() {
        let attrs = doc_attributes("\n  First line.  \n\n \n\nSecond \"line\"#.\n\n");
        let lines: Vec<String> = attrs
            .iter()
            .map(|a| match &a.meta {
                syn::Meta::NameValue(nv) => match &nv.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => s.value(),
                    other => panic!("{}", quote::quote!(#other)),
                },
                other => panic!("{}", quote::quote!(#other)),
            })
            .collect();
        assert_eq!(lines, [" First line.", "", " Second \"line\"#."]);
        assert!(attrs.iter().all(|a| a.path().is_ident("doc")));
    }

    fn doc(text: &str) -> String {
        rustdoc(text, &|target| {
            (target == "identityset.md").then(|| "IdentitySet".to_string())
        })
    }

    #[test]
    fn links_become_intra_doc_links_or_text() {
        assert_eq!(
            doc("The [identitySet](identityset.md) of it."),
            "The [identitySet](IdentitySet) of it."
        );
        assert_eq!(
            doc("See [Permissions](/graph/permissions-reference)."),
            "See Permissions."
        );
    }

    #[test]
    fn html_brackets_and_urls_are_escaped() {
        assert_eq!(doc("Bearer <TOKEN>"), "Bearer &lt;TOKEN&gt;");
        assert_eq!(doc("a [0] b"), "a \\[0\\] b");
        assert_eq!(
            doc("see https://x.example/a."),
            "see <https://x.example/a>."
        );
        assert_eq!(doc("`a <b> [c]`"), "`a <b> [c]`");
        assert_eq!(doc("one<br>two"), "one\ntwo");
    }

    #[test]
    fn comment_terminators_and_nul_are_data() {
        let attrs = doc_attrs(&doc("ends */ here \"]\0 #[x] }")).to_string();
        assert!(attrs.contains("ends */ here"), "{attrs}");
        assert!(!attrs.contains('\0'));
    }

    #[test]
    fn text_between_escapes_is_copied_whole_in_any_script() {
        assert_eq!(
            doc("é<ü>ß]\\ Zeitzone\u{7}ñ here https://x.example/ü"),
            "é&lt;ü&gt;ß\\]\\\\ Zeitzoneñ here <https://x.example/ü>"
        );
        assert_eq!(doc("[ä](identityset.md)ö"), "[ä](IdentitySet)ö");
        assert_eq!(doc("see `a <b>` [c]"), "see `a <b>` \\[c\\]");
        assert_eq!(doc("ok\u{0}"), "ok");
    }

    proptest::proptest! {
        /// A plain run ends at the first character that could start inline code, a link
        /// or a URL, or that is escaped or dropped, as reading by characters finds it.
        #[test]
        fn a_plain_run_ends_where_reading_by_characters_does(
            text in "(h|http://|https://|ht|[a `\\[\\]<>\\\\\n\t\u{1}\u{7f}\u{85}\u{9f}\u{a0}\u{c2}é€])*"
        ) {
            let by_chars = text
                .char_indices()
                .find(|&(i, c)| match c {
                    '`' | '[' | '<' | '>' | ']' | '\\' => true,
                    'h' => text[i..].starts_with("http://") || text[i..].starts_with("https://"),
                    c => c.is_control() && c != '\n' && c != '\t',
                })
                .map_or(text.len(), |(i, _)| i);
            proptest::prop_assert_eq!(plain_run(&text), by_chars);
        }
    }
}
