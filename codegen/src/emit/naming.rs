//! The one place where docs names become Rust identifiers. Every identifier in the output
//! comes from here, so keywords, digits, punctuation and collisions are handled once.

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];

/// Reduces a docs name to ASCII words: punctuation separates words, other characters are
/// spelled as their code point so that distinct names stay distinct.
fn ascii_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_ascii() {
            out.push(' ');
        } else {
            out.push_str(&format!(" u{:x} ", c as u32));
        }
    }
    out
}

fn finish(ident: String, fallback: &str, keyword_suffix: &str) -> String {
    let ident = if ident.is_empty() {
        fallback.to_string()
    } else {
        ident
    };
    let ident = if ident.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{ident}")
    } else {
        ident
    };
    if KEYWORDS.contains(&ident.as_str()) || ident == "_" {
        format!("{ident}{keyword_suffix}")
    } else {
        ident
    }
}

/// Calls `word` with each word of `text`, which is ASCII (as [`ascii_words`] gives), by
/// heck's rules: runs of letters and digits, split after a lowercase letter that an
/// uppercase one follows (`mask|Callee`) and before the last of a run of capitals that a
/// lowercase letter follows (`HTTP|Request`). heck finds the same words in any text, but
/// writes each character through `fmt`: recasing every name of a whole reference took
/// most of the time of naming it. A test holds the two to the same output.
fn words(text: &str, mut word: impl FnMut(&str)) {
    #[derive(Clone, Copy, PartialEq)]
    enum Case {
        None,
        Lower,
        Upper,
    }
    // The runs of letters and digits, found a byte at a time: `text` is ASCII.
    let all = text.as_bytes();
    let mut at = 0;
    while at < all.len() {
        if !all[at].is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        let run_start = at;
        while all.get(at).is_some_and(u8::is_ascii_alphanumeric) {
            at += 1;
        }
        let run = &text[run_start..at];
        let bytes = run.as_bytes();
        let mut start = 0;
        // The case of the last cased letter of the word so far.
        let mut case = Case::None;
        for (i, &c) in bytes.iter().enumerate() {
            let Some(&next) = bytes.get(i + 1) else {
                word(&run[start..]);
                break;
            };
            let with_c = match c {
                b'a'..=b'z' => Case::Lower,
                b'A'..=b'Z' => Case::Upper,
                _ => case,
            };
            if with_c == Case::Lower && next.is_ascii_uppercase() {
                word(&run[start..=i]);
                start = i + 1;
                case = Case::None;
            } else if case == Case::Upper && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                word(&run[start..i]);
                start = i;
                case = Case::None;
            } else {
                case = with_c;
            }
        }
    }
}

/// `HTTPRequest` -> `HttpRequest`: each word capitalised.
fn upper_camel_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    words(text, |w| {
        let at = out.len();
        out.push_str(w);
        out[at..at + 1].make_ascii_uppercase();
        out[at + 1..].make_ascii_lowercase();
    });
    out
}

/// `maskCallee` -> `mask_callee`: the words in lowercase, joined by `_`.
fn snake_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    words(text, |w| {
        if !out.is_empty() {
            out.push('_');
        }
        let at = out.len();
        out.push_str(w);
        out[at..].make_ascii_lowercase();
    });
    out
}

/// `name` as ASCII words (see [`ascii_words`]); an ASCII name is that already, as
/// punctuation separates words either way.
fn ascii(name: &str) -> std::borrow::Cow<'_, str> {
    match name.is_ascii() {
        true => name.into(),
        false => ascii_words(name).into(),
    }
}

/// `identitySet` -> `IdentitySet`; `sp.owner` -> `SpOwner`; `0start` -> `_0start`; `Self` -> `SelfType`.
pub fn type_name(name: &str) -> String {
    finish(upper_camel_case(&ascii(name)), "Unnamed", "Type")
}

/// `maskCallee` -> `mask_callee`; `type` -> `type_`; `@odata.type` -> `odata_type`.
pub fn field_name(name: &str) -> String {
    finish(snake_case(&ascii(name)), "field", "_")
}

/// FNV-1a, for the names of a [`Scope`]: short, and written by the docs rather than by
/// an adversary, so they need none of SipHash's defence (and its cost, most of a claim's).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Hands out identifiers that are unique within one scope (a type's fields, an enum's
/// variants, a module's types), appending `_2`, `_3` on a collision.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    /// Only asked whether it holds a name, never walked, so its order cannot reach the
    /// output; hashed, as a module's scope holds thousands of names.
    used: std::collections::HashSet<String, std::hash::BuildHasherDefault<Fnv>>,
    /// `_` between a snake_case name and its number; nothing for CamelCase names.
    separator: &'static str,
}

impl Scope {
    /// A scope for snake_case names.
    pub fn with_reserved(names: &[&str]) -> Scope {
        Scope {
            used: names.iter().map(|s| s.to_string()).collect(),
            separator: "_",
        }
    }

    /// A scope for CamelCase names, which take a number without `_` (`Contract2`).
    pub fn camel(names: &[&str]) -> Scope {
        Scope {
            separator: "",
            ..Scope::with_reserved(names)
        }
    }

    /// Whether `ident` is taken.
    pub fn contains(&self, ident: &str) -> bool {
        self.used.contains(ident)
    }

    /// Returns the identifier and whether it had to be changed to stay unique.
    pub fn claim(&mut self, ident: String) -> (String, bool) {
        if self.used.insert(ident.clone()) {
            return (ident, false);
        }
        let mut n = 2;
        loop {
            let candidate = format!("{ident}{}{n}", self.separator);
            if self.used.insert(candidate.clone()) {
                return (candidate, true);
            }
            n += 1;
        }
    }
}

/// Whether `ident` parses as a Rust identifier (not a keyword).
pub fn is_valid_ident(ident: &str) -> bool {
    syn::parse_str::<syn::Ident>(ident).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The words are heck's, in any ASCII text: the recasing is heck's, done faster.
        #[test]
        fn recasing_is_hecks(text in "[a-zA-Z0-9 ._@-]{0,24}") {
            use heck::{ToSnakeCase, ToUpperCamelCase};
            proptest::prop_assert_eq!(snake_case(&text), text.to_snake_case());
            proptest::prop_assert_eq!(upper_camel_case(&text), text.to_upper_camel_case());
        }

        /// An ASCII name is recased as it is, without its punctuation made spaces first:
        /// the same words either way, in any text.
        #[test]
        fn ascii_names_need_no_spelling_out(text in "[a-zA-Z0-9 ._@(){}é-]{0,24}") {
            proptest::prop_assert_eq!(snake_case(&ascii(&text)), snake_case(&ascii_words(&text)));
            proptest::prop_assert_eq!(
                upper_camel_case(&ascii(&text)),
                upper_camel_case(&ascii_words(&text))
            );
        }
    }

    #[test]
    fn recasing_splits_words_as_heck_does() {
        for (text, snake, camel) in [
            ("maskCallee", "mask_callee", "MaskCallee"),
            ("HTTPRequest", "http_request", "HttpRequest"),
            ("odata type", "odata_type", "OdataType"),
            ("ABC", "abc", "Abc"),
            ("a1B2c", "a1_b2c", "A1B2c"),
            ("X509Certificate", "x509_certificate", "X509Certificate"),
            ("", "", ""),
        ] {
            assert_eq!(snake_case(text), snake, "{text}");
            assert_eq!(upper_camel_case(text), camel, "{text}");
        }
    }

    #[test]
    fn identifiers_are_checked_by_the_rust_parser() {
        assert!(is_valid_ident("mask_callee"));
        assert!(is_valid_ident("r#type"));
        assert!(!is_valid_ident("type"));
        assert!(!is_valid_ident("0start"));
        assert!(!is_valid_ident("a-b"));
        assert!(!is_valid_ident(""));
    }

    #[test]
    fn a_scope_numbers_repeated_names_in_order() {
        let mut scope = Scope::with_reserved(&["value"]);
        let claimed: Vec<(String, bool)> = ["value", "value", "value", "other"]
            .iter()
            .map(|n| scope.claim(n.to_string()))
            .collect();
        assert_eq!(
            claimed,
            [
                ("value_2".to_string(), true),
                ("value_3".to_string(), true),
                ("value_4".to_string(), true),
                ("other".to_string(), false)
            ]
        );
    }

    #[test]
    fn awkward_names() {
        assert_eq!(field_name("maskCallee"), "mask_callee");
        assert_eq!(field_name("type"), "type_");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("@odata.type"), "odata_type");
        assert_eq!(field_name("0start"), "_0start");
        assert_eq!(field_name("a-b"), "a_b");
        assert_eq!(field_name("_"), "field");
        assert_eq!(field_name("azureADDeviceId"), "azure_ad_device_id");
        assert_eq!(type_name("identitySet"), "IdentitySet");
        assert_eq!(type_name("Self"), "SelfType");
        let mut types = Scope::camel(&[]);
        assert_eq!(types.claim(type_name("Contract")).0, "Contract");
        assert_eq!(types.claim(type_name("contract")).0, "Contract2");
        assert_eq!(type_name("sp.owner"), "SpOwner");
        assert_eq!(
            type_name("call-redirect_targetDisposition"),
            "CallRedirectTargetDisposition"
        );
        assert_ne!(field_name("caf\u{e9}"), field_name("caf"));
    }

    #[test]
    fn scope_makes_collisions_unique() {
        let mut scope = Scope::with_reserved(&["additional_properties"]);
        assert_eq!(scope.claim(field_name("eTag")), ("e_tag".into(), false));
        assert_eq!(scope.claim(field_name("etag")), ("etag".into(), false));
        assert_eq!(scope.claim(field_name("ETag")), ("e_tag_2".into(), true));
        assert_eq!(
            scope.claim(field_name("additionalProperties")),
            ("additional_properties_2".into(), true)
        );
    }
}
