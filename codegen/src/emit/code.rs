//! Generated code printed item by item, as the items are made.
//!
//! prettyplease lays out each top-level item from column 0, and nothing of one item's
//! layout carries over to the next: a file printed one item at a time is byte for byte the
//! file printed whole. Printing as the items are made keeps one item's syntax tree alive at
//! a time instead of a whole module's (hundreds of MiB for the whole reference). Most items
//! are made as trees (see [`super::syntax`]); the few quoted ones are parsed once. A
//! workload's `#[cfg]` is put on the item's tree, never quoted and parsed again.

use proc_macro2::TokenStream;
use std::collections::BTreeMap;

/// Items to print: tokens, which are parsed first, or syntax trees made directly (see
/// [`super::syntax`]) for items made thousands of times over.
pub enum Items {
    Tokens(TokenStream),
    Trees(Vec<syn::Item>),
}

impl From<TokenStream> for Items {
    fn from(tokens: TokenStream) -> Items {
        Items::Tokens(tokens)
    }
}

impl From<Vec<syn::Item>> for Items {
    fn from(trees: Vec<syn::Item>) -> Items {
        Items::Trees(trees)
    }
}

/// Printed code, and the first item that did not parse (a bug in the generator).
#[derive(Debug)]
pub struct Printed {
    /// The code, as printed a batch of items at a time: copied once, into the text of the
    /// whole, when it is done. Appended to one growing string, a module of megabytes was
    /// copied again at each doubling, and once more into its file.
    parts: Vec<String>,
    error: Option<String>,
    /// Whether items are printed at all: `lint` wants only the diagnostics that emitting
    /// finds, and skips parsing and printing, which are most of the work.
    print: bool,
}

impl Printed {
    /// Empty code; with `print` false, items are made but neither parsed nor printed.
    pub fn new(print: bool) -> Printed {
        Printed {
            parts: Vec::new(),
            error: None,
            print,
        }
    }

    /// Prints `items` (any number of items, and inner attributes) after the code so far.
    pub fn push(&mut self, items: impl Into<Items>) {
        self.push_gated(None, items);
    }

    /// Prints `items` with `cfg` (a `#[cfg(...)]` attribute, or nothing) on each of them,
    /// after its doc comment.
    pub fn push_gated(&mut self, cfg: Option<&syn::Attribute>, items: impl Into<Items>) {
        if !self.print || self.error.is_some() {
            return;
        }
        let mut file = match items.into() {
            Items::Tokens(tokens) if tokens.is_empty() => return,
            Items::Tokens(tokens) => match self.parse::<syn::File>(tokens) {
                Some(file) => file,
                None => return,
            },
            Items::Trees(items) if items.is_empty() => return,
            Items::Trees(items) => syn::File {
                shebang: None,
                frontmatter: None,
                attrs: Vec::new(),
                items,
            },
        };
        if let Some(cfg) = cfg {
            gate(cfg, &mut file.items);
        }
        self.parts.push(prettyplease::unparse(&file));
    }

    /// `tokens` parsed as a `T`; a failure is kept as the error (a bug in the generator).
    fn parse<T: syn::parse::Parse>(&mut self, tokens: TokenStream) -> Option<T> {
        match syn::parse2(tokens) {
            Ok(parsed) => Some(parsed),
            Err(e) => {
                self.error = Some(format!(
                    "internal error: generated code does not parse: {e}"
                ));
                None
            }
        }
    }

    /// Appends code printed elsewhere (the union enums, the tests of every version).
    pub fn append(&mut self, other: Printed) {
        if self.error.is_none() {
            self.error = other.error;
        }
        self.parts.extend(other.parts);
    }

    /// The code without the header, to follow code printed before it.
    pub fn finish_items(self) -> Result<String, String> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.parts.concat()),
        }
    }

    /// The code as a file, with the `@generated` header.
    pub fn finish(self) -> Result<String, String> {
        Printed::file([self])
    }

    /// The code of `parts`, one after another, as a file with the `@generated` header; the
    /// first part's error wins. Each part is copied once, into a file made at its size:
    /// the test files are tens of MB.
    pub fn file(parts: impl IntoIterator<Item = Printed>) -> Result<String, String> {
        let parts: Vec<Printed> = parts.into_iter().collect();
        if let Some(e) = parts.iter().find_map(|p| p.error.as_ref()) {
            return Err(e.clone());
        }
        let texts = parts.iter().flat_map(|p| &p.parts);
        let size = texts.clone().map(String::len).sum::<usize>();
        let mut text = String::with_capacity(super::HEADER.len() + 1 + size);
        text.push_str(super::HEADER);
        text.push('\n');
        for part in texts {
            text.push_str(part);
        }
        Ok(text)
    }
}

/// A module's code, split by workload: with workload features, what one workload alone
/// compiles is printed in that workload's submodule, which carries the one `#[cfg]` for
/// all of it; the rest stays in the module, each item under its own gate.
pub struct Split {
    pub shared: Printed,
    /// Feature name to the code of its workload's submodule.
    pub workloads: BTreeMap<String, Printed>,
    print: bool,
    /// Its context's gates (see [`super::features::Gates`]).
    gates: std::rc::Rc<super::features::Gates>,
}

impl Split {
    pub fn new(shared: Printed, print: bool, gates: std::rc::Rc<super::features::Gates>) -> Split {
        Split {
            shared,
            workloads: BTreeMap::new(),
            print,
            gates,
        }
    }

    /// Prints `items`, which the `features` compile (`None` when there are no workload
    /// features), where they belong.
    pub fn push(&mut self, features: Option<Vec<String>>, items: impl Into<Items>) {
        match features.as_deref() {
            Some([one]) => {
                let print = self.print;
                let code = self.workloads.entry(one.clone()).or_insert_with(|| {
                    let mut code = Printed::new(print);
                    code.push(quote::quote!(
                        #[allow(unused_imports)]
                        use super::*;
                    ));
                    code
                });
                code.push(items);
            }
            _ => self
                .shared
                .push_gated(self.gates.cfg(features).as_ref(), items),
        }
    }
}

/// Puts `cfg` on every item, after its doc comment, where a reader looks
/// for them.
fn gate(cfg: &syn::Attribute, items: &mut [syn::Item]) {
    for item in items {
        let item_attrs = match item {
            syn::Item::Struct(i) => &mut i.attrs,
            syn::Item::Enum(i) => &mut i.attrs,
            syn::Item::Impl(i) => &mut i.attrs,
            syn::Item::Fn(i) => &mut i.attrs,
            syn::Item::Const(i) => &mut i.attrs,
            syn::Item::Type(i) => &mut i.attrs,
            syn::Item::Mod(i) => &mut i.attrs,
            syn::Item::Macro(i) => &mut i.attrs,
            _ => continue,
        };
        let at = item_attrs
            .iter()
            .position(|attr| !attr.path().is_ident("doc"))
            .unwrap_or(item_attrs.len());
        item_attrs.insert(at, cfg.clone());
    }
}

/// `text` as a raw string literal, `r#"..."#`, with as many `#` as it needs. JSON examples
/// are written this way so that they read as in the docs. So are docs, for speed: syn reads
/// a plain string literal a character at a time to undo its escapes, twice (to tell it from
/// other tokens, then to keep it) and prettyplease a third time, while a raw one is copied
/// whole; docs are much of the text in the generated code. A text that a raw string cannot
/// hold (a carriage return) is written as a plain one.
pub fn raw_string(text: &str) -> proc_macro2::Literal {
    raw_literal("", text)
}

/// `text` as a plain string literal, `"..."`, exactly as `Literal::string` writes it. That
/// escapes a character at a time; text of printable ASCII without a quote or a backslash
/// (paths, names, features: nearly all the generator quotes) needs no escape, and is
/// copied whole and read back as a literal instead, at a fraction of the cost.
pub fn str_literal(text: &str) -> proc_macro2::Literal {
    let plain = text
        .bytes()
        .all(|b| matches!(b, b' '..=b'~') && b != b'"' && b != b'\\');
    if !plain {
        return proc_macro2::Literal::string(text);
    }
    let mut repr = String::with_capacity(text.len() + 2);
    repr.push('"');
    repr.push_str(text);
    repr.push('"');
    repr.parse()
        .unwrap_or_else(|_| proc_macro2::Literal::string(text))
}

/// [`raw_string`] of `text` after a space: a line of docs, as `///` comments begin.
pub fn raw_doc_line(text: &str) -> proc_macro2::Literal {
    raw_literal(" ", text)
}

/// `lead` (which holds no quote) and `text` as one raw string literal.
fn raw_literal(lead: &str, text: &str) -> proc_macro2::Literal {
    // One `#` more than the longest run that follows a quote, so that none ends the string.
    // Searched for as `"#`, which is rare, where JSON has a quote every few bytes; with a
    // searcher made once, as most texts are a line of docs.
    static QUOTE_HASH: std::sync::OnceLock<memchr::memmem::Finder> = std::sync::OnceLock::new();
    let bytes = text.as_bytes();
    let hashes = QUOTE_HASH
        .get_or_init(|| memchr::memmem::Finder::new("\"#"))
        .find_iter(bytes)
        .map(|quote| {
            let after = &bytes[quote + 1..];
            after.iter().take_while(|&&b| b == b'#').count() + 1
        })
        .max()
        .unwrap_or(1);
    // Built by hand rather than with `format!`, which costs more than the copy: every doc
    // line and every whole example goes through here.
    let mut repr = String::with_capacity(lead.len() + text.len() + 2 * hashes + 3);
    repr.push('r');
    repr.extend(std::iter::repeat_n('#', hashes));
    repr.push('"');
    repr.push_str(lead);
    repr.push_str(text);
    repr.push('"');
    repr.extend(std::iter::repeat_n('#', hashes));
    repr.parse()
        .unwrap_or_else(|_| proc_macro2::Literal::string(&format!("{lead}{text}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn items_printed_one_by_one_are_the_file_printed_whole() {
        let a = quote! {
            /// A.
            #[derive(Debug)]
            pub struct A { pub x: ::std::vec::Vec<::std::string::String> }
            impl A { pub fn f(&self) -> usize { self.x.len() } }
        };
        let b = quote!(
            pub enum B {
                One,
                Two,
            }
        );
        let mut code = Printed::new(true);
        code.push(a.clone());
        code.push(b.clone());
        let whole: syn::File = syn::parse2(quote!(#a #b)).unwrap();
        assert_eq!(
            code.finish().unwrap(),
            format!(
                "{}\n{}",
                super::super::HEADER,
                prettyplease::unparse(&whole)
            )
        );
    }

    #[test]
    fn cfg_goes_after_the_doc_comment() {
        let mut code = Printed::new(true);
        code.push_gated(
            Some(&syn::parse_quote!(#[cfg(feature = "f")])),
            quote!(
                /// A.
                #[derive(Debug)]
                pub struct A;
            ),
        );
        let text = code.finish().unwrap();
        assert!(
            text.ends_with("/// A.\n#[cfg(feature = \"f\")]\n#[derive(Debug)]\npub struct A;\n"),
            "{text}"
        );
    }

    #[test]
    fn code_that_does_not_parse_is_an_error_and_unprinted_code_is_empty() {
        let mut code = Printed::new(true);
        code.push(quote!(pub struct));
        assert!(code.finish().is_err());
        // Items made as trees are printed as parsed ones are.
        let body = vec![crate::emit::syntax::statement(crate::emit::syntax::name(
            "f",
        ))];
        let mut code = Printed::new(true);
        code.push(vec![crate::emit::syntax::test_function(
            Vec::new(),
            false,
            crate::emit::syntax::ident("f"),
            body,
        )]);
        assert_eq!(
            code.finish().unwrap(),
            format!("{}\nfn f() {{\n    f;\n}}\n", super::super::HEADER)
        );
        let mut code = Printed::new(false);
        code.push(quote!(
            pub struct A;
        ));
        assert_eq!(
            code.finish().unwrap(),
            format!("{}\n", super::super::HEADER)
        );
    }

    #[test]
    fn opening_items_go_first_and_their_error_wins() {
        let printed = |items: TokenStream| {
            let mut code = Printed::new(true);
            code.push(items);
            code
        };
        let mut body = Printed::new(true);
        body.append(printed(quote!(
            pub struct B;
        )));
        body.append(printed(quote!(
            pub struct C;
        )));
        let opening = printed(quote!(
            pub struct A;
        ));
        assert_eq!(
            Printed::file([opening, body]).unwrap(),
            format!(
                "{}\npub struct A;\npub struct B;\npub struct C;\n",
                super::super::HEADER
            )
        );
        let body = printed(quote!(pub struct));
        let opening = printed(quote!(pub fn f() -> {}));
        let error = Printed::file([opening, body]).unwrap_err();
        assert!(error.contains("`dyn`"), "{error}");
    }

    /// A plain string literal is written as `Literal::string` writes it, escapes and all.
    #[test]
    fn str_literals_are_written_as_literal_string_writes_them() {
        for text in [
            "/users/{user-id}/calendar",
            "it's",
            "say \"hi\"",
            "a\\nb",
            "a\\",
            "tab\there",
            "line\n",
            "caf\u{e9}",
            "\u{0}7",
            "del\u{7f}",
            "",
        ] {
            assert_eq!(
                str_literal(text).to_string(),
                proc_macro2::Literal::string(text).to_string()
            );
        }
    }

    proptest::proptest! {
        /// The same for any text of the characters that escape or could.
        #[test]
        fn any_str_literal_is_written_as_literal_string_writes_it(text in "[a~ nt0x'\"\\\\\t\n\r\u{0}\u{7f}\u{e9}\u{301}]{0,16}") {
            proptest::prop_assert_eq!(
                str_literal(&text).to_string(),
                proc_macro2::Literal::string(&text).to_string()
            );
        }
    }

    /// Raw strings that read back as the text, whatever quotes and hashes
    /// it holds, and prettyplease prints them as plain `///` lines.
    #[test]
    fn raw_strings_read_back_as_the_text() {
        for text in [
            " plain",
            " a \"quoted\" word",
            " ends with a quote\"",
            " \"# and \"### and \"#",
            " a \\ backslash, \\n not a newline, and é",
            "",
        ] {
            let literal = raw_string(text);
            let repr = literal.to_string();
            assert!(repr.starts_with('r'), "{repr} is not a raw string");
            let parsed: syn::LitStr = syn::parse2(quote!(#literal)).expect("a string literal");
            assert_eq!(parsed.value(), text, "{repr}");
        }
        // As few hashes as it takes: one more than the longest run after a quote.
        assert_eq!(raw_string("a \"b\"").to_string(), "r#\"a \"b\"\"#");
        assert_eq!(
            raw_string("\"# and \"### and \"#").to_string(),
            "r####\"\"# and \"### and \"#\"####"
        );
        let literal = raw_string(" \"# x");
        let printed = prettyplease::unparse(&syn::parse_quote!(#[doc = #literal] struct A;));
        assert_eq!(printed, "/// \"# x\nstruct A;\n");
        // A raw string cannot hold one; the text is still kept.
        let literal = raw_string(" a\rb");
        let parsed: syn::LitStr = syn::parse2(quote!(#literal)).expect("a string literal");
        assert_eq!(parsed.value(), " a\rb");
    }
}
