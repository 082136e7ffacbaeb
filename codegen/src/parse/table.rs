//! Pipe tables read from their source lines, so that ragged rows are seen and reported
//! rather than silently padded or cut as a markdown renderer would.

use crate::source::Span;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The page's link reference definitions (`[driveItem]: driveitem.md`), by label as
/// CommonMark matches them: case-insensitive, runs of whitespace as one space.
#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
pub struct LinkDefs(BTreeMap<String, String>);

impl LinkDefs {
    pub fn insert(&mut self, label: &str, destination: &str) {
        self.0
            .entry(normalize_label(label))
            .or_insert_with(|| destination.to_string());
    }

    pub fn get(&self, label: &str) -> Option<&str> {
        self.0.get(&normalize_label(label)).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn normalize_label(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Cell<'a> {
    /// Trimmed markdown of the cell, with `\|` unescaped and reference-style links
    /// (`[**driveItem**][driveItem]`, `[identitySet][]`, `[site]`) written inline with the
    /// destination the page defines for them (`[**driveItem**](driveitem.md)`). Most cells
    /// are their source as it is, and are not copied: a table lives while its page is read.
    pub text: Cow<'a, str>,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Row<'a> {
    pub cells: Vec<Cell<'a>>,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct RawTable<'a> {
    pub header: Row<'a>,
    pub rows: Vec<Row<'a>>,
    pub span: Span,
}

impl RawTable<'_> {
    /// The table with its cells copied, for one that outlives its text (a fragment's).
    pub fn into_owned(self) -> RawTable<'static> {
        let row = |r: Row<'_>| Row {
            cells: r
                .cells
                .into_iter()
                .map(|c| Cell {
                    text: Cow::Owned(c.text.into_owned()),
                    span: c.span,
                })
                .collect(),
            span: r.span,
        };
        RawTable {
            header: row(self.header),
            rows: self.rows.into_iter().map(row).collect(),
            span: self.span,
        }
    }

    /// Index of the first header cell whose lowercased text starts with one of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.header.cells.iter().position(|c| {
            let h = c.text.trim_matches('*').trim();
            // Compared in place: tables are asked for their columns again and again.
            names
                .iter()
                .any(|n| crate::parse::starts_with_ignore_ascii_case(h, n))
        })
    }

    pub fn header_texts(&self) -> Vec<String> {
        self.header
            .cells
            .iter()
            .map(|c| c.text.to_ascii_lowercase())
            .collect()
    }
}

/// Parses the table source `text`, which starts at `span.start` in its file; `defs` are the
/// page's link reference definitions.
pub fn parse<'a>(text: &'a str, span: Span, defs: &LinkDefs) -> RawTable<'a> {
    // Each line with its offset in `text`, its terminator dropped; blank lines and the
    // delimiter row are no rows.
    let lines = crate::parse::lines_inclusive(text).filter_map(|(at, line)| {
        let content = line.trim_end_matches(['\n', '\r']);
        (!content.trim().is_empty() && !is_delimiter_row(content)).then_some((at, content))
    });
    // Where each row's cells are, found again for every row in the one list.
    let mut bounds = Vec::new();
    let mut rows =
        lines.map(|(at, line)| split_row(line, span.sub(at..at + line.len()), defs, &mut bounds));
    let header = rows.next().unwrap_or(Row {
        cells: Vec::new(),
        span: span.sub(0..0),
    });
    RawTable {
        header,
        rows: rows.collect(),
        span,
    }
}

fn is_delimiter_row(line: &str) -> bool {
    let t = line.trim();
    // The characters first: a row of cells fails at its first letter, before a search of
    // the whole row for a `-`.
    t.bytes()
        .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
        && t.contains('-')
}

/// The cells of one row; `bounds` is a list to work in, whatever it holds.
fn split_row<'a>(
    line: &'a str,
    span: Span,
    defs: &LinkDefs,
    bounds: &mut Vec<(usize, usize)>,
) -> Row<'a> {
    let mut start = 0;
    bounds.clear();
    // Bytes, not chars: `|` and `\` are ASCII, and no byte of another character is either.
    // Table rows are a third of the docs' text, so they are searched, not walked.
    let bytes = line.as_bytes();
    let mut at = 0;
    // Whether a cell may need unescaping: asked of the row, once, rather than of each cell.
    let mut escaped = false;
    while let Some(found) = bytes
        .get(at..)
        .and_then(|rest| memchr::memchr2(b'|', b'\\', rest))
    {
        let i = at + found;
        if bytes[i] == b'\\' {
            // A backslash escapes the byte after it, a `|` or another backslash among them.
            escaped = true;
            at = i + 2;
        } else {
            bounds.push((start, i));
            start = i + 1;
            at = i + 1;
        }
    }
    bounds.push((start, line.len()));
    // A leading and a trailing pipe open and close the row; they do not make empty cells.
    if line.trim_start().starts_with('|')
        && bounds
            .first()
            .is_some_and(|&(s, e)| line[s..e].trim().is_empty())
    {
        bounds.remove(0);
    }
    if line.trim_end().ends_with('|')
        && bounds.len() > 1
        && bounds
            .last()
            .is_some_and(|&(s, e)| line[s..e].trim().is_empty())
    {
        bounds.pop();
    }
    let escaped = escaped || memchr::memchr(b'&', bytes).is_some();
    let mut cells = Vec::with_capacity(bounds.len());
    for &(s, e) in bounds.iter() {
        let raw = &line[s..e];
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        // Most cells have nothing to unescape or link: their source, not a copy.
        let text = match escaped && memchr::memchr2(b'\\', b'&', trimmed.as_bytes()).is_some() {
            true => Cow::Owned(trimmed.replace("\\|", "|").replace("&#124;", "|")),
            false => Cow::Borrowed(trimmed),
        };
        let text = inline_reference_links(text, defs);
        cells.push(Cell {
            text,
            span: span.sub(s + lead..s + lead + trimmed.len()),
        });
    }
    Row { cells, span }
}

/// `[text][label]`, `[text][]` and `[text]` written as `[text](destination)` when the page
/// defines the label; anything else is left as it is.
pub fn inline_reference_links<'t>(text: Cow<'t, str>, defs: &LinkDefs) -> Cow<'t, str> {
    // Most cells have no link, and most pages define no label: the text as it came.
    if defs.is_empty() || !text.contains('[') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = &*text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else {
            rest = &rest[open..];
            break;
        };
        let link_text = &after[..close];
        let tail = &after[close + 1..];
        if link_text.contains('[') {
            // An inner `[`: the link, if any, starts there.
            out.push('[');
            rest = after;
            continue;
        }
        if tail.starts_with('(') {
            // An inline link: copied through its destination.
            let end = tail.find(')').map_or(tail.len(), |e| e + 1);
            out.push_str(&rest[open..open + 1 + close + 1 + end]);
            rest = &tail[end..];
            continue;
        }
        let (label, used) = match tail
            .strip_prefix('[')
            .and_then(|t| t.find(']').map(|e| (t, e)))
        {
            Some((t, e)) if t[..e].trim().is_empty() => (link_text, e + 2),
            Some((t, e)) => (&t[..e], e + 2),
            None => (link_text, 0),
        };
        match defs.get(label) {
            Some(destination) if !link_text.trim().is_empty() => {
                out.push_str(&format!("[{link_text}]({destination})"));
                rest = &tail[used..];
            }
            _ => {
                out.push_str(&rest[open..open + 1 + close + 1 + used]);
                rest = &tail[used..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn table(text: &str) -> RawTable<'_> {
        parse(
            text,
            Span::new(FileId(0), 10..10 + text.len()),
            &LinkDefs::default(),
        )
    }

    #[test]
    fn reference_links_are_written_inline() {
        let mut defs = LinkDefs::default();
        defs.insert("driveItem", "driveitem.md");
        defs.insert("identity  Set", "identityset.md");
        let inline = |t: &str| inline_reference_links(t.into(), &defs).into_owned();
        assert_eq!(
            inline("[**driveItem**][driveItem] collection"),
            "[**driveItem**](driveitem.md) collection"
        );
        assert_eq!(inline("[DriveItem][]"), "[DriveItem](driveitem.md)");
        assert_eq!(inline("[driveitem]"), "[driveitem](driveitem.md)");
        assert_eq!(inline("[x][identity set]"), "[x](identityset.md)");
        // Inline links, undefined labels and plain brackets stay as they are.
        assert_eq!(inline("[driveItem](other.md)"), "[driveItem](other.md)");
        assert_eq!(inline("[list][list] or [a]"), "[list][list] or [a]");
        assert_eq!(inline("a [ [driveItem][]"), "a [ [driveItem](driveitem.md)");
        assert_eq!(inline("[unclosed"), "[unclosed");
        // A link needs text.
        assert_eq!(inline("[][driveItem]"), "[][driveItem]");
        let t = parse(
            "| a | b |\n|-|-|\n| x | [**driveItem**][driveItem] |\n",
            Span::new(FileId(0), 0..40),
            &defs,
        );
        assert_eq!(t.rows[0].cells[1].text, "[**driveItem**](driveitem.md)");
    }

    #[test]
    fn splits_cells_and_skips_delimiter_row() {
        let t = table("| Name | Type |\n|:--|:--|\n|a|[b](b.md) collection|\n");
        assert_eq!(t.header_texts(), vec!["name", "type"]);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].cells[1].text, "[b](b.md) collection");
        // Offsets are in the file: the table starts at byte 10.
        assert_eq!(t.rows[0].cells[0].span.start as usize, 10 + 27);
    }

    #[test]
    fn every_cell_and_row_span_covers_its_text() {
        let text = "| Name |  Type |\n|-|-|\n|  ab | c d  |\n";
        let t = table(text);
        let at = |span: Span| &text[span.start as usize - 10..span.end as usize - 10];
        let cells: Vec<&str> = t.rows[0].cells.iter().map(|c| at(c.span)).collect();
        assert_eq!(cells, ["ab", "c d"]);
        assert_eq!(at(t.header.cells[1].span), "Type");
        assert_eq!(at(t.rows[0].span), "|  ab | c d  |");
    }

    #[test]
    fn an_escaped_backslash_does_not_escape_the_pipe() {
        let t = table("a | b\n--|--\nx \\\\| y\n");
        let texts: Vec<&str> = t.rows[0].cells.iter().map(|c| &*c.text).collect();
        assert_eq!(texts, ["x \\\\", "y"]);
    }

    proptest::proptest! {
        /// Rows split where a walk over their characters splits them: at each `|` that no
        /// backslash escapes, a backslash escaping whatever comes after it.
        #[test]
        fn rows_split_at_each_unescaped_pipe(line in "[a|\\\\é ]{0,24}") {
            let mut walked = vec![String::new()];
            let mut escaped = false;
            for c in line.chars() {
                match c {
                    '|' if !escaped => walked.push(String::new()),
                    _ => walked.last_mut().unwrap().push(c),
                }
                escaped = c == '\\' && !escaped;
            }
            let span = Span::new(FileId(0), 0..line.len());
            let row = split_row(&line, span, &LinkDefs::default(), &mut vec![(7, 7)]);
            let mut walked: Vec<&str> = walked.iter().map(|c| c.trim()).collect();
            // The outer pipes, as `split_row` drops them.
            if line.trim_start().starts_with('|') && walked[0].is_empty() {
                walked.remove(0);
            }
            if line.trim_end().ends_with('|') && walked.len() > 1 && walked.last() == Some(&"") {
                walked.pop();
            }
            // A cell's span covers its text as written, escapes and all.
            let split: Vec<&str> = row
                .cells
                .iter()
                .map(|c| &line[c.span.start as usize..c.span.end as usize])
                .collect();
            proptest::prop_assert_eq!(split, walked);
        }
    }

    #[test]
    fn a_row_of_one_pipe_is_one_empty_cell() {
        let t = table("a\n-\n|\n");
        assert_eq!(t.rows[0].cells.len(), 1);
        assert_eq!(t.rows[0].cells[0].text, "");
    }

    #[test]
    fn rows_without_outer_pipes_and_escaped_pipes() {
        let t = table("a | b\n--|--\nx \\| y | z\n");
        assert_eq!(t.rows[0].cells.len(), 2);
        assert_eq!(t.rows[0].cells[0].text, "x | y");
    }

    #[test]
    fn a_pipe_written_as_an_entity_is_a_pipe_in_its_cell() {
        // As the docs write `attacker&#124;victim` (tiindicator.md), no backslash in the row.
        let t = table("| a | b |\n|-|-|\n| x &#124; y | z |\n");
        assert_eq!(t.rows[0].cells[0].text, "x | y");
        assert_eq!(t.rows[0].cells[1].text, "z");
    }

    #[test]
    fn an_unescaped_pipe_in_text_makes_a_long_row() {
        let t = table("|a|b|c|\n|-|-|-|\n|x|y| z | w|\n");
        assert_eq!(t.rows[0].cells.len(), 4);
    }

    #[test]
    fn finds_columns_by_header_prefix() {
        let t = table("| Property | **Type** | Description |\n|-|-|-|\n");
        assert_eq!(t.column(&["type"]), Some(1));
        assert_eq!(t.column(&["permission"]), None);
    }
}
