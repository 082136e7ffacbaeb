//! Splits a page into the blocks the rest of the parser reads: headings, paragraphs, tables,
//! fenced code and HTML comments, each with its byte span in the file.
//!
//! pulldown-cmark decides block structure; tables and code are then re-read from the source
//! text itself, because the docs' tables are ragged and the generator must say so.

use crate::parse::gfm_table;
use crate::parse::table::{self, LinkDefs, RawTable};
use crate::source::{FileId, Span};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Paragraph {
    /// Plain text with inline code kept in backticks.
    pub text: String,
    /// Link targets in the paragraph, with their text, in order.
    pub links: Vec<(String, String)>,
    /// Text set in bold (`**customers**`), in order.
    pub strong: Vec<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CodeBlock {
    /// First word of the info string, lowercased (`http`, `json`); empty when there is none.
    pub lang: String,
    /// Text after the language on the opening line (```` ```http GET /x ````), with its span.
    pub info_rest: Option<(String, Span)>,
    pub content: String,
    pub content_span: Span,
    pub span: Span,
    pub closed: bool,
}

/// The inside of one `<!-- ... -->` comment.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Comment {
    pub text: String,
    /// Span of `text` (between the markers).
    pub text_span: Span,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub enum Block<'a> {
    Heading(Heading),
    Paragraph(Paragraph),
    Table(RawTable<'a>),
    Code(CodeBlock),
    Comment(Comment),
}

impl Block<'_> {
    pub fn span(&self) -> Span {
        match self {
            Block::Heading(h) => h.span,
            Block::Paragraph(p) => p.span,
            Block::Table(t) => t.span,
            Block::Code(c) => c.span,
            Block::Comment(c) => c.span,
        }
    }
}

/// Reads the markdown body `text[body_start..]` of file `file` into blocks in document order.
///
/// Tables are found without pulldown-cmark's table extension where [`gfm_table`] can tell
/// them as it would, which is nearly every page; a page where it cannot is read again with
/// the extension on.
pub fn blocks(file: FileId, text: &str, body_start: usize) -> Vec<Block<'_>> {
    let body = &text[body_start..];
    // A lone carriage return is a line break to pulldown-cmark, not to the rows' search.
    if memchr::memchr(b'\r', body.as_bytes()).is_none() {
        let (blocks, alike) = without_extension(file, text, body_start);
        if alike {
            return blocks;
        }
    }
    Parser::new_ext(body, Options::ENABLE_TABLES)
        .read_blocks(file, text, body_start, Tables::Extension)
        .0
}

/// [`blocks`] read with the extension off, and whether they are the blocks the extension
/// gives. The cells of the likely tables are written over for pulldown-cmark (see
/// [`gfm_table::Masked`]); where a row so written is not in a table (a table in an HTML
/// comment, say: three pages of 2019-04, four of 2020-05), the page is read again as it
/// is.
fn without_extension(file: FileId, text: &str, body_start: usize) -> (Vec<Block<'_>>, bool) {
    let body = &text[body_start..];
    if let Some(masked) = gfm_table::Masked::of(body) {
        let (blocks, alike) = masked_paragraphs(file, text, body_start, &masked);
        if alike {
            return (blocks, alike);
        }
    }
    Parser::new_ext(body, Options::empty()).read_blocks(
        file,
        text,
        body_start,
        Tables::Paragraphs(gfm_table::MaskedRows::default()),
    )
}

/// [`without_extension`] as pulldown-cmark reads `masked`, the body with its rows written
/// over: `false` too when a run of rows is not in a table.
fn masked_paragraphs<'a>(
    file: FileId,
    text: &'a str,
    body_start: usize,
    masked: &gfm_table::Masked,
) -> (Vec<Block<'a>>, bool) {
    Parser::new_ext(&masked.text, Options::empty()).read_blocks(
        file,
        text,
        body_start,
        Tables::Paragraphs(masked.rows()),
    )
}

/// How a page's tables are found: by pulldown-cmark's table extension, or among the
/// paragraphs read without it, with the rows that were written over for it.
#[derive(Clone, Copy)]
enum Tables<'m> {
    Extension,
    Paragraphs(gfm_table::MaskedRows<'m>),
}

/// [`blocks`], as a method of pulldown-cmark's parser. rustc compiles a method in the code
/// unit of its self type's module: here pulldown-cmark's `parse`, where the parser's
/// `next`, called for each of the million and a half events of the docs, is compiled too,
/// and so inlined into the loop. As a function of this module, the loop met `next` in one
/// unit or not as rustc grouped its units in each build, with no change to either: about
/// 80 M instructions of `ir` (3%) came and went from one build to the next.
///
/// Reading paragraphs for tables, it also says whether the blocks are those the extension
/// would give: `false` when a line that could be a delimiter row is not in a table it can
/// tell, a code block or an HTML block (the blocks are then cut short).
///
/// The parser may read a copy of the body with its table rows written over: `text` is the
/// page itself, which blocks are read from.
trait ReadBlocks<'a> {
    fn read_blocks(
        self,
        file: FileId,
        text: &'a str,
        body_start: usize,
        tables: Tables,
    ) -> (Vec<Block<'a>>, bool);
}

impl<'a> ReadBlocks<'a> for Parser<'_> {
    fn read_blocks(
        self,
        file: FileId,
        text: &'a str,
        body_start: usize,
        mut tables: Tables,
    ) -> (Vec<Block<'a>>, bool) {
        let parser = self;
        let body = &text[body_start..];
        let span =
            |r: std::ops::Range<usize>| Span::new(file, r.start + body_start..r.end + body_start);
        // A block for every other line at most, as a rule: sized once, where growing a list of
        // hundreds copied it again and again. It lives only while its page is read.
        let lines = memchr::memchr_iter(b'\n', body.as_bytes()).count();
        let mut out = Vec::with_capacity(lines / 2 + 1);
        let mut heading: Option<(u8, String, std::ops::Range<usize>)> = None;
        let mut paragraph: Option<(String, std::ops::Range<usize>)> = None;
        let mut code: Option<CodeStart> = None;
        let mut in_table = false;
        // Block quotes, lists and their items open around the current event; whether every
        // line so far that could be a delimiter row is in a block that can hold one.
        let mut containers = 0usize;
        let mut uncovered = gfm_table::Uncovered::default();
        let mut alike = true;
        let mut links: Vec<(String, String)> = Vec::new();
        let mut link_start: Option<usize> = None;
        let mut strong: Vec<String> = Vec::new();
        let mut strong_start: Option<usize> = None;
        // The text of a heading or paragraph is gathered in this buffer, which each hands back
        // when it is done: one copy of the exact length is kept, where gathering in a new
        // string grew it again for each block, then copied it to trim it.
        let mut spare = String::new();

        // Link reference definitions are known once the blocks are read, before any event:
        // paragraphs get them from the parser; tables, read from their source, get them here.
        let mut defs = LinkDefs::default();
        for (label, def) in parser.reference_definitions().iter() {
            defs.insert(label, &def.dest);
        }
        let parser = parser.into_offset_iter();
        for (event, range) in parser {
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    heading = Some((level as u8, std::mem::take(&mut spare), range))
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((level, text, r)) = heading.take() {
                        out.push(Block::Heading(Heading {
                            level,
                            text: text.trim().to_string(),
                            span: span(r),
                        }));
                        spare = text;
                        spare.clear();
                    }
                }
                Event::Start(Tag::Paragraph) if heading.is_none() && !in_table => {
                    let rows = match &mut tables {
                        Tables::Paragraphs(rows) if containers == 0 => Some(rows),
                        _ => None,
                    };
                    if let Some(rows) =
                        rows.filter(|_| gfm_table::is_whole_table(&body[range.clone()]))
                    {
                        // Its events are passed over as a table's are: with no paragraph
                        // open, nothing reads them.
                        alike &= uncovered.cover(body, range.clone());
                        alike &= rows.claim(range.clone());
                        out.push(Block::Table(table::parse(
                            &body[range.clone()],
                            span(range),
                            &defs,
                        )));
                    } else {
                        paragraph = Some((std::mem::take(&mut spare), range));
                    }
                }
                Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Item) => containers += 1,
                Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => {
                    containers = containers.saturating_sub(1)
                }
                Event::End(TagEnd::Paragraph) => {
                    if let Some((text, r)) = paragraph.take() {
                        out.push(Block::Paragraph(Paragraph {
                            text: text.trim().to_string(),
                            links: std::mem::take(&mut links),
                            strong: std::mem::take(&mut strong),
                            span: span(r),
                        }));
                        spare = text;
                        spare.clear();
                    }
                }
                Event::Start(Tag::Link { dest_url, .. }) if paragraph.is_some() => {
                    links.push((String::new(), dest_url.to_string()));
                    link_start = paragraph.as_ref().map(|p| p.0.len());
                }
                Event::End(TagEnd::Link) => {
                    if let (Some(at), Some((text, _)), Some(link)) =
                        (link_start.take(), paragraph.as_ref(), links.last_mut())
                    {
                        link.0 = text[at.min(text.len())..].to_string();
                    }
                }
                Event::Start(Tag::Strong) if paragraph.is_some() => {
                    strong_start = paragraph.as_ref().map(|p| p.0.len());
                }
                Event::End(TagEnd::Strong) => {
                    if let (Some(at), Some((text, _))) = (strong_start.take(), paragraph.as_ref()) {
                        strong.push(text[at.min(text.len())..].trim().to_string());
                    }
                }
                Event::Start(Tag::Table(_)) => {
                    in_table = true;
                    out.push(Block::Table(table::parse(
                        &body[range.clone()],
                        span(range),
                        &defs,
                    )));
                }
                Event::End(TagEnd::Table) => in_table = false,
                Event::Start(Tag::CodeBlock(kind)) => {
                    alike &= uncovered.cover(body, range.clone());
                    let fenced = matches!(kind, CodeBlockKind::Fenced(_));
                    code = Some(CodeStart {
                        fenced,
                        range,
                        content: None,
                    });
                }
                Event::End(TagEnd::CodeBlock) => {
                    if let Some(start) = code.take() {
                        out.push(Block::Code(code_block(file, text, body_start, start)));
                    }
                }
                Event::Start(Tag::HtmlBlock) => {
                    alike &= uncovered.cover(body, range.clone());
                    for c in comments(file, text, range.start + body_start, range.end + body_start)
                    {
                        out.push(Block::Comment(c));
                    }
                }
                Event::InlineHtml(html) if html.starts_with("<!--") => {
                    for c in comments(file, text, range.start + body_start, range.end + body_start)
                    {
                        out.push(Block::Comment(c));
                    }
                }
                Event::Text(t) => {
                    if let Some(c) = code.as_mut() {
                        let r = c.content.get_or_insert(range.clone());
                        r.end = range.end;
                    } else if let Some((_, text, _)) = heading.as_mut() {
                        text.push_str(&t);
                    } else if let Some((text, _)) = paragraph.as_mut() {
                        text.push_str(&t);
                    }
                }
                Event::Code(t) => {
                    let target = heading
                        .as_mut()
                        .map(|h| &mut h.1)
                        .or(paragraph.as_mut().map(|p| &mut p.0));
                    if let Some(text) = target {
                        text.push('`');
                        text.push_str(&t);
                        text.push('`');
                    }
                }
                Event::SoftBreak | Event::HardBreak => {
                    if let Some((text, _)) = paragraph.as_mut() {
                        text.push(' ');
                    }
                }
                _ => {}
            }
        }
        let alike = match tables {
            Tables::Extension => true,
            Tables::Paragraphs(rows) => alike && uncovered.finish(body) && rows.finish(),
        };
        // Pages written as `#Title` (no space) are headings to the docs site too.
        let blocks = out.into_iter().map(|b| unspaced_heading(b, text)).collect();
        (blocks, alike)
    }
}

struct CodeStart {
    fenced: bool,
    range: std::ops::Range<usize>,
    content: Option<std::ops::Range<usize>>,
}

fn code_block(file: FileId, text: &str, body_start: usize, start: CodeStart) -> CodeBlock {
    let whole = start.range.start + body_start..start.range.end + body_start;
    let source = &text[whole.clone()];
    let first_line_end = source.find('\n').map_or(source.len(), |i| i);
    let (lang, info_rest, closed) = if start.fenced {
        let opener = source[..first_line_end].trim_start();
        let marker_len = opener.chars().take_while(|&c| c == '`' || c == '~').count();
        let info = &opener[marker_len..];
        let info_offset = whole.start
            + (first_line_end - source[..first_line_end].trim_start().len())
            + marker_len;
        let lead = info.len() - info.trim_start().len();
        let info_trimmed = info.trim();
        let lang_len = info_trimmed
            .find(char::is_whitespace)
            .unwrap_or(info_trimmed.len());
        let lang = info_trimmed[..lang_len].to_ascii_lowercase();
        let rest = info_trimmed[lang_len..].trim();
        let info_rest = (!rest.is_empty()).then(|| {
            let rest_start = info_offset
                + lead
                + info_trimmed[lang_len..]
                    .find(|c: char| !c.is_whitespace())
                    .unwrap_or(0)
                + lang_len;
            (
                rest.to_string(),
                Span::new(file, rest_start..rest_start + rest.len()),
            )
        });
        let last_line = source.trim_end().rsplit('\n').next().unwrap_or("").trim();
        let closed = first_line_end < source.trim_end().len()
            && last_line.starts_with(&opener[..marker_len]);
        (lang, info_rest, closed)
    } else {
        (String::new(), None, true)
    };
    let content_range = match start.content {
        Some(r) => r.start + body_start..r.end + body_start,
        None => {
            let at = (whole.start + first_line_end + 1).min(whole.end);
            at..at
        }
    };
    CodeBlock {
        lang,
        info_rest,
        content: text[content_range.clone()].to_string(),
        content_span: Span::new(file, content_range),
        span: Span::new(file, whole),
        closed,
    }
}

/// Every `<!-- ... -->` in `text[start..end]`; an unterminated one runs to `end`.
fn comments(file: FileId, text: &str, start: usize, end: usize) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut at = start;
    while let Some(open) = text[at..end].find("<!--") {
        let open = at + open;
        let inner_start = open + 4;
        let (inner_end, close_end) = match text[inner_start..end].find("-->") {
            Some(i) => (inner_start + i, inner_start + i + 3),
            None => (end, end),
        };
        out.push(Comment {
            text: text[inner_start..inner_end].to_string(),
            text_span: Span::new(file, inner_start..inner_end),
            span: Span::new(file, open..close_end),
        });
        at = close_end;
    }
    out
}

/// The anchor a heading gets on the docs site, which links use (`calendarColor values` ->
/// `calendarcolor-values`): lowercased, spaces as `-`, other punctuation dropped.
pub fn anchor(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn unspaced_heading<'a>(block: Block<'a>, text: &str) -> Block<'a> {
    match block {
        Block::Paragraph(p) if p.text.starts_with('#') && !p.text.contains('\n') => {
            let raw = &text[p.span.range()];
            let level = raw.chars().take_while(|&c| c == '#').count();
            if (1..=6).contains(&level) && !raw[level..].starts_with(' ') {
                return Block::Heading(Heading {
                    level: level as u8,
                    text: p.text[level..].trim().to_string(),
                    span: p.span,
                });
            }
            Block::Paragraph(p)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<Block<'_>> {
        blocks(FileId(0), text, 0)
    }

    #[test]
    fn reads_headings_code_and_comments_with_spans() {
        let text = "# Title\n\n<!-- { \"a\": 1 } -->\n```http\nPOST /x\n```\n";
        let blocks = parse(text);
        assert!(matches!(&blocks[0], Block::Heading(h) if h.level == 1 && h.text == "Title"));
        let Block::Comment(c) = &blocks[1] else {
            panic!("{blocks:?}")
        };
        assert_eq!(c.text, " { \"a\": 1 } ");
        assert_eq!(&text[c.text_span.range()], c.text);
        let Block::Code(code) = &blocks[2] else {
            panic!("{blocks:?}")
        };
        assert_eq!(
            (code.lang.as_str(), code.content.as_str(), code.closed),
            ("http", "POST /x\n", true)
        );
        assert_eq!(&text[code.content_span.range()], "POST /x\n");
    }

    #[test]
    fn unclosed_fence_is_reported_as_open() {
        let blocks = parse("```json\n{\"a\": 1}\n");
        let Block::Code(code) = &blocks[0] else {
            panic!()
        };
        assert!(!code.closed);
        assert_eq!(code.content, "{\"a\": 1}\n");
    }

    #[test]
    fn content_on_the_opening_line_is_kept() {
        let text = "```http GET /education/schools\n```\n";
        let Block::Code(code) = &parse(text)[0] else {
            panic!()
        };
        let (rest, span) = code.info_rest.clone().unwrap();
        assert_eq!(rest, "GET /education/schools");
        assert_eq!(&text[span.range()], "GET /education/schools");
    }

    #[test]
    fn table_cells_use_the_pages_link_definitions() {
        // The definition comes after the table, as on the docs' pages.
        let text = "| Property | Type |\n|-|-|\n| root | [**Drive item**][driveItem] |\n\n[driveitem]: driveitem.md\n";
        let Block::Table(t) = &parse(text)[0] else {
            panic!()
        };
        assert_eq!(t.rows[0].cells[1].text, "[**Drive item**](driveitem.md)");
    }

    #[test]
    fn headings_have_the_anchors_links_use() {
        assert_eq!(anchor("calendarColor values"), "calendarcolor-values");
        assert_eq!(anchor(" `tlpLevel` values "), "tlplevel-values");
        assert_eq!(
            anchor("Indicator Observables - Email"),
            "indicator-observables---email"
        );
    }

    #[test]
    fn hash_without_space_is_a_heading() {
        let blocks = parse("#teamVisibilityType enum type\n");
        assert!(
            matches!(&blocks[0], Block::Heading(h) if h.level == 1 && h.text == "teamVisibilityType enum type")
        );
    }

    /// The blocks of `text` as pulldown-cmark's table extension finds its tables.
    fn with_extension(text: &str) -> Vec<Block<'_>> {
        Parser::new_ext(text, Options::ENABLE_TABLES)
            .read_blocks(FileId(0), text, 0, Tables::Extension)
            .0
    }

    /// Whether `text` is read without the extension, its tables found in its paragraphs.
    fn read_without_extension(text: &str) -> bool {
        without_extension(FileId(0), text, 0).1
    }

    #[test]
    fn tables_as_the_docs_write_them_are_read_without_the_extension() {
        // Each with whether it has rows to write over: a run of lines that begin with a
        // pipe, a delimiter row first or second.
        for (text, has_rows) in [
            (
                "| Property\t | Type\t|Description|\n|:---|:--|:--|\n|id|String|Key.|\n",
                true,
            ),
            (
                "# Properties\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\n|---|\n```\n",
                true,
            ),
            ("a | b\n--|--\n| 1 | 2 |", false),
            ("<div>\n|---|\n</div>\n\n| a |\n|---|\n| 1 |\n", true),
            (
                "| a |\n|---|\n| 1 |\n\n| not | a table |\n| at | all |\n",
                true,
            ),
        ] {
            assert!(read_without_extension(text), "{text:?}");
            // Read with the rows of its tables written over, and only those.
            assert_eq!(read_masked(text), has_rows.then_some(true), "{text:?}");
            assert_eq!(
                format!("{:?}", parse(text)),
                format!("{:?}", with_extension(text))
            );
            assert!(parse(text).iter().any(|b| matches!(b, Block::Table(_))));
        }
    }

    #[test]
    fn other_tables_are_read_with_the_extension() {
        for text in [
            // Text just above the header, rows without a leading pipe, a table in a list,
            // a tab in the delimiter row, a pipe escaped in the header, a row with no cell.
            "Some text.\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            "| a | b |\n|---|---|\n1 | 2\n",
            "- item\n\n  | a |\n  |---|\n  | 1 |\n",
            "| a | b |\n|---\t|---|\n| 1 | 2 |\n",
            "| a \\| b |\n|---|\n| 1 |\n",
            "| a |\n|---|\n|\n| 1 |\n",
            // A link definition whose destination is a header to the extension.
            "[r]:\n|a\n|---|\n|---|\n",
            "| a | b |\n|---|\n| 1 | 2 |\n",
        ] {
            assert!(!read_without_extension(text), "{text:?}");
            assert_eq!(
                format!("{:?}", parse(text)),
                format!("{:?}", with_extension(text))
            );
        }
    }

    /// Whether `text` is read with its table rows written over, and gives the extension's
    /// blocks so: `None` when it has no row to write over.
    fn read_masked(text: &str) -> Option<bool> {
        let masked = gfm_table::Masked::of(text)?;
        let (blocks, alike) = masked_paragraphs(FileId(0), text, 0, &masked);
        if alike {
            assert_eq!(format!("{blocks:?}"), format!("{:?}", with_extension(text)));
        }
        Some(alike)
    }

    #[test]
    fn tables_are_read_with_their_rows_written_over() {
        let rows = "| Property | Type |\n|:--|:--|\n| id | [**user**](user.md) `x` |";
        let text = format!("# T\n\n{rows}\n\nText [link](a.md).\n");
        assert_eq!(read_masked(&text), Some(true));
        // The rows one line: their first pipe, then letters to the end of the last; the
        // rest as it was.
        let written_over = format!(
            "# T\n\n|{}\n\nText [link](a.md).\n",
            "x".repeat(rows.len() - 1)
        );
        assert_eq!(gfm_table::Masked::of(&text).unwrap().text, written_over);
    }

    #[test]
    fn rows_written_over_anywhere_but_a_table_read_the_page_as_it_is() {
        for text in [
            // A comment that a row ends (alone, and with a later end and a table after
            // it), a link definition whose destination is a row, a table with text above
            // it (before a table that is one), a table in a list, a table in a comment, a
            // table in code.
            "<!--\n| a | b |\n|---|---|\n| x --> |\n\nText.\n",
            "<!--\n| a |\n|---|\n| x --> |\nmore -->\n\n| c |\n|---|\n| 1 |\n",
            "[r]:\n|---|\n| a |\n|---|\n| 1 |\n\n[x][r]\n",
            "Text\n| a |\n|---|\n| *b* |\n\n| c |\n|---|\n| 1 |\n",
            "- item\n| a |\n|---|\n| 1 |\n",
            "<!--\n| a |\n|---|\n| 1 |\n-->\n",
            "```\n| a |\n|---|\n```\n",
        ] {
            assert_eq!(read_masked(text), Some(false), "{text:?}");
            assert_eq!(
                format!("{:?}", parse(text)),
                format!("{:?}", with_extension(text)),
                "{text:?}"
            );
        }
        // Read as it is, the comment is read without the extension still.
        assert!(read_without_extension("<!--\n| a |\n|---|\n| 1 |\n-->\n"));
    }

    #[test]
    fn a_lone_carriage_return_reads_the_page_with_the_extension() {
        // A line break to pulldown-cmark, which the search for delimiter rows does not
        // split lines at: the loader's text never has one, a caller's may.
        let text = "Text.\r| a | b |\r|---|---|\r| 1 | 2 |\n";
        assert!(with_extension(text)
            .iter()
            .any(|b| matches!(b, Block::Table(_))));
        assert_eq!(
            format!("{:?}", parse(text)),
            format!("{:?}", with_extension(text))
        );
    }

    #[test]
    fn a_table_too_short_to_fill_is_read_as_the_extension_reads_it() {
        // The extension stops filling short rows after 2^18 empty cells.
        let columns = 1000;
        let mut text = format!("{}|\n{}|\n", "|a".repeat(columns), "|-".repeat(columns));
        text.push_str(&"|x|\n".repeat(300));
        assert!(!read_without_extension(&text));
        assert_eq!(
            format!("{:?}", parse(&text)),
            format!("{:?}", with_extension(&text))
        );
    }

    #[test]
    fn real_tables_are_found_alike_either_way() {
        let (mut with_tables, mut unextended, mut masked) = (0, 0, 0);
        crate::parse::for_each_real_page(|path, text| {
            let expected = format!("{:?}", with_extension(text));
            assert_eq!(format!("{:?}", parse(text)), expected, "{}", path.display());
            if expected.contains("Table(RawTable") {
                with_tables += 1;
                unextended += usize::from(read_without_extension(text));
                masked += usize::from(read_masked(text) == Some(true));
            }
        });
        // Nearly every real page with a table is read without the extension, its rows
        // written over; were none, this would compare the extension with itself.
        assert!(
            unextended * 10 > with_tables * 9 && masked * 10 > with_tables * 9,
            "of {with_tables} pages with tables, {unextended} read without the extension, \
             {masked} with their rows written over"
        );
    }

    proptest::proptest! {
        /// Pages made of lines that tables, paragraphs and the blocks that interrupt them
        /// are made of: whichever way they are read, the blocks are the extension's.
        #[test]
        fn tables_are_found_as_the_extension_finds_them(
            lines in proptest::collection::vec(proptest::sample::select(vec![
                "| a | b |", "|a|b|", "a | b", "| a |", "|a", "| a | b | c |", "|---|---|",
                "| --- | :-: |", "---|---", "|-|", ":-|-:", "|---", "- | -", "---", "===",
                "", "  ", "text", "# h", "    | x |", "  | y | z |", "> | q |", "> |---|",
                "- item", "1. x", "2. | n |", "```", "~~~", "|", "| ", "||", "| \\| |", "a\\",
                "| `a|b` |", "<!-- c | d -->", "<div>", "\t| t |", "|:-\t|", "| a |\t",
                "[r]: u", "| [l][r] |", "***", "  - | -", "| a |  ", " |---| ", "> text", ">",
                "  |---|", "   |-|", "- | a |", "1. a|b", "   | a |", "|---|---|---|",
                "| a | b |\\", "a|b  ", "|:-:|", "| a | <!--", "-->", "| - |", "|-|-", "`",
                "| a\\\\|b |", "| a | b", "|--|--|--|", "&#124;|", "| <!-- c | d --> |",
                "|--||--|", "    |---|", "   |---|", "[r]:", "| x --> |", "<!--",
                "| a -->", "[r]: | a |",
            ]), 1..16),
            end in proptest::bool::ANY,
        ) {
            let mut text = lines.join("\n");
            if end {
                text.push('\n');
            }
            proptest::prop_assert_eq!(format!("{:?}", parse(&text)), format!("{:?}", with_extension(&text)));
        }
    }

    #[test]
    fn two_comments_in_one_html_block() {
        let text = "<!-- uuid: x\n2015 -->\n<!--\n{\"type\": \"#page.annotation\"}\n-->\n";
        let comments: Vec<_> = parse(text)
            .into_iter()
            .filter(|b| matches!(b, Block::Comment(_)))
            .collect();
        assert_eq!(comments.len(), 2);
    }
}
