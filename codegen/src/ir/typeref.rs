//! The Type column of the docs' tables, in its many spellings (`String`, `Int32`,
//! `[identitySet](identityset.md) collection`, `Collection(Edm.String)`, `[a](a.md) or [b](b.md)`),
//! read into one [`TypeExpr`].

use serde::Serialize;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
pub enum Primitive {
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    DateTimeOffset,
    Date,
    TimeOfDay,
    Duration,
    Guid,
    Binary,
    Stream,
    /// "Untyped JSON object" and friends: any JSON value.
    Json,
}

/// Every spelling of a primitive type the docs use, in lowercase, with the type it names.
const PRIMITIVE_NAMES: &[(&str, Primitive)] = &[
    ("string", Primitive::String),
    ("str", Primitive::String),
    ("url", Primitive::String),
    ("uri", Primitive::String),
    ("boolean", Primitive::Boolean),
    ("bool", Primitive::Boolean),
    ("byte", Primitive::Byte),
    ("sbyte", Primitive::SByte),
    ("int16", Primitive::Int16),
    ("short", Primitive::Int16),
    ("int32", Primitive::Int32),
    ("int", Primitive::Int32),
    ("integer", Primitive::Int32),
    ("int64", Primitive::Int64),
    ("long", Primitive::Int64),
    ("single", Primitive::Single),
    ("float", Primitive::Single),
    ("double", Primitive::Double),
    ("number", Primitive::Double),
    ("decimal", Primitive::Decimal),
    ("datetimeoffset", Primitive::DateTimeOffset),
    ("datetime", Primitive::DateTimeOffset),
    ("timestamp", Primitive::DateTimeOffset),
    ("date", Primitive::Date),
    ("timeofday", Primitive::TimeOfDay),
    ("duration", Primitive::Duration),
    ("timespan", Primitive::Duration),
    ("guid", Primitive::Guid),
    ("uuid", Primitive::Guid),
    ("binary", Primitive::Binary),
    ("stream", Primitive::Stream),
    ("json", Primitive::Json),
    ("object", Primitive::Json),
    ("untyped", Primitive::Json),
];

impl Primitive {
    /// Whether JSON carries it as a number.
    pub fn is_number(self) -> bool {
        matches!(
            self,
            Primitive::Byte
                | Primitive::SByte
                | Primitive::Int16
                | Primitive::Int32
                | Primitive::Int64
                | Primitive::Single
                | Primitive::Double
                | Primitive::Decimal
        )
    }

    /// A JSON representation's placeholder: `"String (timestamp)"` is a DateTimeOffset,
    /// `"String (duration)"` a Duration; otherwise the first word names the type.
    pub fn from_placeholder(text: &str) -> Option<Primitive> {
        let (word, hint) = match text.split_once('(') {
            Some((word, hint)) => (word.trim(), hint.trim_end_matches(')').trim()),
            None => (text.split_whitespace().next().unwrap_or(""), ""),
        };
        let hinted = match hint.to_ascii_lowercase().replace(' ', "").as_str() {
            "timestamp" | "datetime" | "datetimeoffset" => Some(Primitive::DateTimeOffset),
            "duration" | "timespan" => Some(Primitive::Duration),
            "timeofday" => Some(Primitive::TimeOfDay),
            "date" => Some(Primitive::Date),
            "base64" | "binary" => Some(Primitive::Binary),
            _ => None,
        };
        let named = Primitive::from_name(word);
        match (named, hinted) {
            (Some(Primitive::String), Some(hinted)) => Some(hinted),
            (named, _) => named,
        }
    }

    pub fn from_name(name: &str) -> Option<Primitive> {
        // Asked of every type cell in the docs: prefixes are stripped without a substring
        // searcher (what `trim_start_matches("Edm.")` makes), and names compared in any
        // case without a lowercased copy.
        let mut name = name.trim();
        while let Some(rest) = name.strip_prefix("Edm.") {
            name = rest;
        }
        while let Some(rest) = name.strip_prefix("edm.") {
            name = rest;
        }
        PRIMITIVE_NAMES
            .iter()
            .find(|(spelling, _)| spelling.eq_ignore_ascii_case(name))
            .map(|&(_, p)| p)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub enum BaseType {
    Primitive(Primitive),
    /// `[text](target)`; `target` is empty for reference-style links (`[identitySet][]`).
    Link {
        text: String,
        target: String,
    },
    /// An unlinked type name (`itemBody`, `microsoft.graph.identity`).
    Name(String),
    /// `[a](a.md) or [b](b.md)`.
    Union(Vec<BaseType>),
    /// Text that names no type.
    Unknown(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct TypeExpr {
    pub base: BaseType,
    pub collection: bool,
}

/// Reads a Type cell.
pub fn parse(cell: &str) -> TypeExpr {
    let text = strip_html(cell);
    let end = text.trim_end();
    let collection = says_collection(&text) || (end.ends_with("[]") && !end.ends_with("][]"));
    let links = links(&text);
    let base = if links.len() > 1 && crate::parse::find_ignore_ascii_case(&text, " or ").is_some() {
        BaseType::Union(
            links
                .into_iter()
                .map(|(text, target)| BaseType::Link { text, target })
                .collect(),
        )
    } else if let Some((text, target)) = links.into_iter().next() {
        BaseType::Link { text, target }
    } else {
        name_base(&text)
    };
    TypeExpr { base, collection }
}

/// Whether a Type cell says the value is a list: `Collection(x)`, `x collection`,
/// `collection of x`, that is the word "collection" on its own. A type whose name ends in
/// "Collection" (`siteCollection`, `plannerPlanContextCollection`) is one object, and link
/// targets (`sitecollection.md`) say nothing.
pub fn says_collection(text: &str) -> bool {
    let says = |part: &str| {
        part.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("collection"))
    };
    let mut rest = text;
    // The targets of inline links are skipped, their text is read; no word runs across.
    while let Some(at) = memchr::memmem::find(rest.as_bytes(), b"](") {
        if says(&rest[..at]) {
            return true;
        }
        let after = &rest[at + 2..];
        rest = after.find(')').map_or("", |end| &after[end + 1..]);
    }
    says(rest)
}

fn name_base(text: &str) -> BaseType {
    let mut t = text.trim().trim_matches('`').trim();
    for wrapper in ["Collection(", "collection("] {
        if let Some(inner) = t.strip_prefix(wrapper) {
            t = inner.trim_end_matches(')');
        }
    }
    let first = t
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(')
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let word = first.trim_matches(|c: char| c == '`' || c == '*' || c == '.');
    if let Some(p) = Primitive::from_name(word) {
        return BaseType::Primitive(p);
    }
    if crate::parse::starts_with_ignore_ascii_case(t, "untyped")
        || crate::parse::starts_with_ignore_ascii_case(t, "json")
    {
        return BaseType::Primitive(Primitive::Json);
    }
    let is_identifier = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    if is_identifier && word.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        BaseType::Name(word.to_string())
    } else {
        BaseType::Unknown(text.trim().to_string())
    }
}

/// Markdown links in a cell: `[text](target)` and reference-style `[text][]` / `[text][ref]`.
pub fn links(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = memchr::memchr(b'[', rest.as_bytes()) {
        let after = &rest[open + 1..];
        let Some(close) = memchr::memchr(b']', after.as_bytes()) else {
            break;
        };
        // `[**driveItem**](driveitem.md)`: the name without its emphasis.
        let link_text = after[..close]
            .trim()
            .trim_matches(|c| c == '*' || c == '_' || c == '`')
            .trim()
            .to_string();
        let tail = &after[close + 1..];
        if let Some(target_part) = tail.strip_prefix('(') {
            let end = target_part.find(')').unwrap_or(target_part.len());
            let target = target_part[..end]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string();
            out.push((link_text, target));
            rest = &target_part[end.min(target_part.len())..];
        } else if let Some(ref_part) = tail.strip_prefix('[') {
            let end = ref_part.find(']').unwrap_or(ref_part.len());
            out.push((link_text, String::new()));
            rest = &ref_part[end.min(ref_part.len())..];
        } else {
            rest = tail;
        }
    }
    out.retain(|(t, _)| !t.is_empty());
    out
}

fn strip_html(text: &str) -> std::borrow::Cow<'_, str> {
    // Most Type cells hold neither: read as they are.
    if memchr::memchr2(b'<', b'&', text.as_bytes()).is_none() {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ").into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(text: &str, target: &str) -> BaseType {
        BaseType::Link {
            text: text.into(),
            target: target.into(),
        }
    }

    #[test]
    fn placeholders_name_their_edm_type() {
        use Primitive::*;
        for (text, p) in [
            ("String (timestamp)", Some(DateTimeOffset)),
            ("string (timestamp)", Some(DateTimeOffset)),
            ("String(timestamp)", Some(DateTimeOffset)),
            ("String (duration)", Some(Duration)),
            ("String (time of day)", Some(TimeOfDay)),
            ("String (timeofday)", Some(TimeOfDay)),
            ("string (base64)", Some(Binary)),
            ("String (identifier)", Some(String)),
            ("Guid (identifier)", Some(Guid)),
            ("Int64", Some(Int64)),
            ("Int16", Some(Int16)),
            ("Byte", Some(Byte)),
            ("Single", Some(Single)),
            ("Decimal", Some(Decimal)),
            ("Edm.Guid", Some(Guid)),
            ("low", None),
        ] {
            assert_eq!(Primitive::from_placeholder(text), p, "{text}");
        }
    }

    #[test]
    fn primitive_names_by_their_spellings() {
        use Primitive::*;
        for (name, p) in [
            (" Edm.DateTimeOffset ", Some(DateTimeOffset)),
            ("Edm.Edm.string", Some(String)),
            ("edm.Int32", Some(Int32)),
            ("DATETIMEOFFSET", Some(DateTimeOffset)),
            ("EDM.String", None),
            ("datetimeoffsetoffset", None),
            ("Édm.String", None),
            ("", None),
            // The other spellings the docs use.
            ("str", Some(String)),
            ("URL", Some(String)),
            ("Uri", Some(String)),
            ("bool", Some(Boolean)),
            ("SByte", Some(SByte)),
            ("short", Some(Int16)),
            ("int", Some(Int32)),
            ("Integer", Some(Int32)),
            ("long", Some(Int64)),
            ("float", Some(Single)),
            ("Number", Some(Double)),
            ("DateTime", Some(DateTimeOffset)),
            ("timestamp", Some(DateTimeOffset)),
            ("UUID", Some(Guid)),
            ("untyped", Some(Json)),
        ] {
            assert_eq!(Primitive::from_name(name), p, "{name}");
        }
    }

    #[test]
    fn primitives_in_their_spellings() {
        for (cell, p) in [
            ("String", Primitive::String),
            ("string", Primitive::String),
            ("Boolean", Primitive::Boolean),
            ("Int32", Primitive::Int32),
            ("Edm.Int64", Primitive::Int64),
            ("DateTimeOffset", Primitive::DateTimeOffset),
            ("GUID", Primitive::Guid),
            ("string, maximum size 20", Primitive::String),
            ("Untyped JSON object", Primitive::Json),
            ("Double", Primitive::Double),
            ("Edm.Single", Primitive::Single),
            ("Int16", Primitive::Int16),
            ("Byte", Primitive::Byte),
            ("Decimal", Primitive::Decimal),
            ("Date", Primitive::Date),
            ("TimeOfDay", Primitive::TimeOfDay),
            ("Duration", Primitive::Duration),
            ("TimeSpan", Primitive::Duration),
            ("Binary", Primitive::Binary),
            ("Stream", Primitive::Stream),
            ("Json", Primitive::Json),
            ("Object", Primitive::Json),
            ("`Int64`", Primitive::Int64),
            ("**Boolean**", Primitive::Boolean),
            ("String.", Primitive::String),
            ("Edm.String(nullable)", Primitive::String),
            ("Int32,", Primitive::Int32),
            ("<code>Guid</code>", Primitive::Guid),
            ("String<br/>(max 10)", Primitive::String),
        ] {
            assert_eq!(
                parse(cell),
                TypeExpr {
                    base: BaseType::Primitive(p),
                    collection: false
                },
                "{cell}"
            );
        }
    }

    #[test]
    fn names_that_are_not_primitives() {
        for (cell, base) in [
            ("itemBody", BaseType::Name("itemBody".into())),
            (
                "microsoft.graph.identity",
                BaseType::Name("microsoft.graph.identity".into()),
            ),
            ("my_type (see below)", BaseType::Name("my_type".into())),
            ("`x1`", BaseType::Name("x1".into())),
            ("1stType", BaseType::Unknown("1stType".into())),
            ("key-value", BaseType::Unknown("key-value".into())),
            ("", BaseType::Unknown("".into())),
            (
                "JSON blob of settings",
                BaseType::Primitive(Primitive::Json),
            ),
            ("untyped object", BaseType::Primitive(Primitive::Json)),
        ] {
            assert_eq!(parse(cell).base, base, "{cell}");
        }
    }

    #[test]
    fn a_union_is_two_links_joined_by_or() {
        assert_eq!(parse("[a](a.md) or null").base, link("a", "a.md"));
        assert_eq!(parse("[a](a.md), see [b](b.md)").base, link("a", "a.md"));
        assert_eq!(
            parse("[a](a.md) or [b](b.md)").base,
            BaseType::Union(vec![link("a", "a.md"), link("b", "b.md")])
        );
        assert_eq!(parse("[`a`](a.md)").base, link("a", "a.md"));
        assert_eq!(parse("[_a_](a.md)").base, link("a", "a.md"));
    }

    #[test]
    fn json_spelled_as_prose() {
        for cell in ["Untyped-JSON", "json-like object"] {
            assert_eq!(
                parse(cell).base,
                BaseType::Primitive(Primitive::Json),
                "{cell}"
            );
        }
    }

    #[test]
    fn a_link_whose_text_has_a_parenthesis_says_nothing_by_its_target() {
        assert!(!says_collection("[a)b](collection.md)"));
        assert!(says_collection("[a)b](b.md) collection"));
    }

    #[test]
    fn html_in_cells_is_dropped() {
        assert_eq!(strip_html("a<br/>b&nbsp;c"), "ab c");
        assert_eq!(strip_html("x > y"), "x > y");
        assert_eq!(strip_html("<b>bold</b> text"), "bold text");
        // Text without `<` or `&` is kept whole, a `>` alone included.
        assert_eq!(
            strip_html("[identitySet](identityset.md) > é"),
            "[identitySet](identityset.md) > é"
        );
        assert_eq!(strip_html("a&nbsp;b"), "a b");
    }

    #[test]
    fn collections() {
        assert_eq!(
            parse("String Collection"),
            TypeExpr {
                base: BaseType::Primitive(Primitive::String),
                collection: true
            }
        );
        assert_eq!(
            parse("Collection(Edm.String)"),
            TypeExpr {
                base: BaseType::Primitive(Primitive::String),
                collection: true
            }
        );
        assert_eq!(
            parse(
                "[invitationParticipantInfo](../resources/invitationparticipantinfo.md) collection"
            ),
            TypeExpr {
                base: link(
                    "invitationParticipantInfo",
                    "../resources/invitationparticipantinfo.md"
                ),
                collection: true
            }
        );
    }

    #[test]
    fn a_name_that_ends_in_collection_is_one_object() {
        for cell in [
            "[siteCollection][]",
            "[siteCollection](sitecollection.md)",
            "[plannerPlanContextCollection](plannerplancontextcollection.md)",
            "plannerFavoritePlanReferenceCollection",
            "microsoft.graph.siteCollection",
            "[site](../collection/site.md)",
        ] {
            assert!(!parse(cell).collection, "{cell}");
        }
        for cell in [
            "[siteCollection](sitecollection.md) collection",
            "Collection([site](site.md))",
            "collection of [site](site.md)",
            "Collection(microsoft.graph.siteCollection)",
            "String collection",
            "String[]",
        ] {
            assert!(parse(cell).collection, "{cell}");
        }
    }

    #[test]
    fn unions_names_and_reference_links() {
        assert_eq!(
            parse("[appHostedMediaConfig](apphostedmediaconfig.md) or [serviceHostedMediaConfig](servicehostedmediaconfig.md)").base,
            BaseType::Union(vec![link("appHostedMediaConfig", "apphostedmediaconfig.md"), link("serviceHostedMediaConfig", "servicehostedmediaconfig.md")])
        );
        assert_eq!(parse("itemBody").base, BaseType::Name("itemBody".into()));
        assert_eq!(parse("[identitySet][]").base, link("identitySet", ""));
        assert_eq!(
            parse("[**driveItem**](driveitem.md)").base,
            link("driveItem", "driveitem.md")
        );
        assert_eq!(
            parse("alertStatus enum").base,
            BaseType::Name("alertStatus".into())
        );
        assert!(matches!(parse("—").base, BaseType::Unknown(_)));
    }
}
