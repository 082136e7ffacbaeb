//! Pipe tables read from their source lines, so that ragged rows are seen and reported
//! rather than silently padded or cut as a markdown renderer would.

use crate::source::Span;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// Trimmed markdown of the cell, with `\|` unescaped.
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct RawTable {
    pub header: Row,
    pub rows: Vec<Row>,
    pub span: Span,
}

impl RawTable {
    /// Index of the first header cell whose lowercased text starts with one of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.header.cells.iter().position(|c| {
            let h = c.text.trim_matches('*').trim().to_ascii_lowercase();
            names.iter().any(|n| h.starts_with(n))
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

/// Parses the table source `text`, which starts at `span.start` in its file.
pub fn parse(text: &str, span: Span) -> RawTable {
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if !content.trim().is_empty() {
            lines.push((offset, content));
        }
        offset += line.len();
    }
    let mut rows = lines
        .iter()
        .filter(|(_, l)| !is_delimiter_row(l))
        .map(|&(at, line)| split_row(line, span.sub(at..at + line.len())));
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
    t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

fn split_row(line: &str, span: Span) -> Row {
    let mut cells = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    let mut bounds = Vec::new();
    for (i, c) in line.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => {
                bounds.push((start, i));
                start = i + 1;
            }
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
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
    for (s, e) in bounds {
        let raw = &line[s..e];
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        cells.push(Cell {
            text: trimmed.replace("\\|", "|").replace("&#124;", "|"),
            span: span.sub(s + lead..s + lead + trimmed.len()),
        });
    }
    Row { cells, span }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn table(text: &str) -> RawTable {
        parse(text, Span::new(FileId(0), 10..10 + text.len()))
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
    fn rows_without_outer_pipes_and_escaped_pipes() {
        let t = table("a | b\n--|--\nx \\| y | z\n");
        assert_eq!(t.rows[0].cells.len(), 2);
        assert_eq!(t.rows[0].cells[0].text, "x | y");
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
