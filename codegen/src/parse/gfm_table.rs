//! Which paragraphs are tables, as pulldown-cmark's table extension would read them.
//!
//! The extension builds a tree for every cell of every table, which the generator throws
//! away: it reads each table again from its source text (`table.rs`). So a page is read
//! with the extension off, where a table is a paragraph, and a paragraph that the
//! extension would read as exactly one table is taken as one. The rules here are the
//! extension's (pulldown-cmark 0.13, `firstpass.rs`), for tables as the docs write them: a
//! header line, a delimiter row, then rows that each begin with `|`. Anything else that
//! could be a table (a delimiter row anywhere but in such a paragraph) has the page read
//! again with the extension on: either way, a page has the blocks the extension gives it.

/// The text of a page searched so far for lines that could be a table's delimiter row,
/// outside the blocks where such a line is known to be a table's row or not a row at all
/// (tables as [`is_whole_table`] finds them, code, HTML).
#[derive(Debug, Default)]
pub struct Uncovered {
    searched: usize,
}

impl Uncovered {
    /// Takes `body[range]` as such a block, the blocks in page order: `false` when the
    /// text between it and the last one has a line that could be a delimiter row.
    pub fn cover(&mut self, body: &str, range: std::ops::Range<usize>) -> bool {
        let between = body
            .as_bytes()
            .get(self.searched..range.start.max(self.searched));
        self.searched = self.searched.max(range.end);
        between.is_some_and(|text| !has_delimiter_row(text))
    }

    /// Whether the text after the last such block has no line that could be a delimiter
    /// row.
    pub fn finish(self, body: &str) -> bool {
        let after = body.as_bytes().get(self.searched..);
        after.is_some_and(|text| !has_delimiter_row(text))
    }
}

/// A page's body with the rows of its likely tables written over, for pulldown-cmark to
/// read: each run of rows is one line, its first pipe then letters to the end of its last
/// row, so the paragraph that holds it has the same extent (no line that begins with a
/// pipe begins or ends a block, so the rows were one paragraph's lines), and pulldown-cmark
/// has one line of plain text to read where it had a line of cells for every row, each to
/// be parsed for inline markup (a third of the docs' text is table rows, which the
/// generator reads from the page itself).
#[derive(Debug)]
pub struct Masked {
    pub text: String,
    /// The runs of rows written over, each from after its first pipe to the end of its
    /// last row, in order.
    rows: Vec<std::ops::Range<usize>>,
}

/// Written over the rows: no byte of it is special to markdown, ends an HTML block, is a
/// space or ends a line.
const FILL: &str = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

impl Masked {
    /// `body` with the rows of its likely tables written over: each run of two lines or
    /// more that begin with a pipe (at their first byte) whose first or second line is a
    /// delimiter row. `None` when there is none.
    pub fn of(body: &str) -> Option<Masked> {
        let bytes = body.as_bytes();
        let after_newline_pipe = memchr::memmem::Finder::new(b"\n|");
        let mut rows = Vec::new();
        let mut next = match bytes.first() {
            Some(b'|') => Some(0),
            _ => after_newline_pipe.find(bytes).map(|at| at + 1),
        };
        // Each run of lines that begin with a pipe, line by line.
        while let Some(first) = next {
            let (mut lines, mut delimiter) = (0, false);
            let mut line = first;
            let mut ends = memchr::memchr_iter(b'\n', &bytes[first..]).map(|i| first + i);
            let end = loop {
                let end = ends.next().unwrap_or(bytes.len());
                if lines < 2 && delimiter_columns(&bytes[line..end]).is_some() {
                    delimiter = true;
                }
                lines += 1;
                match bytes.get(end + 1) {
                    Some(b'|') => line = end + 1,
                    _ => break end,
                }
            };
            if lines >= 2 && delimiter {
                rows.push(first + 1..end);
            }
            next = after_newline_pipe
                .find(&bytes[end..])
                .map(|at| end + at + 1);
        }
        if rows.is_empty() {
            return None;
        }
        let mut text = String::with_capacity(body.len());
        let mut copied = 0;
        for row in &rows {
            text.push_str(&body[copied..row.start]);
            let mut left = row.len();
            while left > 0 {
                let n = left.min(FILL.len());
                text.push_str(&FILL[..n]);
                left -= n;
            }
            copied = row.end;
        }
        text.push_str(&body[copied..]);
        Some(Masked { text, rows })
    }

    /// The runs written over, to be found in the tables of the page as read.
    pub fn rows(&self) -> MaskedRows<'_> {
        MaskedRows { rows: &self.rows }
    }
}

/// The runs of rows of a [`Masked`] body not yet found in a table, in page order. The
/// blocks pulldown-cmark finds in a masked body are those of the body itself wherever no
/// run is (a run begins with a pipe either way, which no block does, and its letters are
/// inline text): so when every run is in a paragraph that is a whole table, whose text is
/// read from the page, the blocks are the page's. A run elsewhere (in code, an HTML block
/// a row's text would have ended, a list, a link reference definition, a paragraph that is
/// no table) has the page read again.
#[derive(Debug, Clone, Copy, Default)]
pub struct MaskedRows<'m> {
    rows: &'m [std::ops::Range<usize>],
}

impl MaskedRows<'_> {
    /// Takes the runs in `table`, the range of a paragraph that is a whole table (a run
    /// that starts in it is its lines to its end, as in the body): `false` when a run
    /// before it was in no such table.
    pub fn claim(&mut self, table: std::ops::Range<usize>) -> bool {
        let reached = self.rows.partition_point(|row| row.start < table.end);
        let (claimed, rest) = self.rows.split_at(reached);
        self.rows = rest;
        claimed.first().is_none_or(|row| row.start >= table.start)
    }

    /// Whether every run was claimed.
    pub fn finish(self) -> bool {
        self.rows.is_empty()
    }
}

/// Whether `text` has a line that could be a table's delimiter row: only spaces, tabs,
/// colons, hyphens and pipes, with a hyphen and a pipe, after the `>` of the block quotes
/// the row may be in. Every delimiter row that the extension takes is such a line
/// (`scan_table_head`, after `scan_containers`).
fn has_delimiter_row(bytes: &[u8]) -> bool {
    let mut at = 0;
    // Each line with a pipe, found by its pipes.
    while let Some(pipe) = memchr::memchr(b'|', &bytes[at..]) {
        let pipe = at + pipe;
        let start = memchr::memrchr(b'\n', &bytes[..pipe]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[pipe..]).map_or(bytes.len(), |i| pipe + i);
        if maybe_delimiter_row(&bytes[start..end]) {
            return true;
        }
        at = end;
    }
    false
}

fn maybe_delimiter_row(line: &[u8]) -> bool {
    line.iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b':' | b'-' | b'|' | b'>'))
        && line.contains(&b'-')
}

/// Whether `text`, a paragraph as read with the extension off (from its first character,
/// at the top level of the page), is exactly one table to the extension. `false` says
/// only that these rules do not tell: it may be a table, a paragraph, or both.
pub fn is_whole_table(text: &str) -> bool {
    let mut lines = crate::parse::lines_inclusive(text).map(|(_, line)| {
        let line = line.as_bytes();
        line.strip_suffix(b"\n").unwrap_or(line)
    });
    let (Some(header), Some(delimiter)) = (lines.next(), lines.next()) else {
        return false;
    };
    // Most paragraphs are not tables, and their second line tells at its first letter.
    let Some(columns) = delimiter_columns(delimiter) else {
        return false;
    };
    // A header that could be a delimiter row may be one to the extension, under a line
    // the paragraph does not hold: a link definition's destination (`[r]:` then `|a`).
    if header_columns(header) != Some(columns) || delimiter_columns(header).is_some() {
        return false;
    }
    // A comment in a cell is read apart from the rest of the cell by the extension, but
    // whole in a paragraph; a carriage return is a line break to it.
    let bytes = text.as_bytes();
    if memchr::memchr(b'\r', bytes).is_some()
        || memchr::memchr_iter(b'<', bytes).any(|at| bytes[at..].starts_with(b"<!--"))
    {
        return false;
    }
    let mut rows = 2usize;
    for row in lines {
        if !is_plain_row(row) {
            return false;
        }
        rows += 1;
    }
    // The extension stops filling short rows with empty cells after 2^18 of them.
    rows.saturating_mul(columns) < 1 << 18
}

/// The columns of a header line, counted as the extension counts them (`count_header_cols`):
/// its pipes, less a leading one, plus one unless only spaces follow the last. `None` for a
/// line without a pipe, or with a backslash, whose pipes these rules do not count (an
/// escaped pipe, a line break after a backslash).
fn header_columns(line: &[u8]) -> Option<usize> {
    if line.contains(&b'\\') {
        return None;
    }
    let mut pipes = line.iter().filter(|&&b| b == b'|').count();
    let last = line.iter().rposition(|&b| b == b'|')?;
    let first = line.iter().position(|&b| !is_space(b))?;
    if line[first] == b'|' {
        pipes -= 1;
    }
    match line[last + 1..].iter().all(|&b| is_space(b)) {
        true => Some(pipes),
        false => Some(pipes + 1),
    }
}

/// A space to the extension within a line: space, tab, vertical tab or form feed.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\x0b' | b'\x0c')
}

/// The columns of a delimiter row (`scan_table_head`): cells of hyphens and colons between
/// pipes, at most three spaces in. `None` for a line that is not one, or has a tab (which
/// the extension counts as up to four spaces of indent, and these rules do not).
fn delimiter_columns(line: &[u8]) -> Option<usize> {
    let indent = line.iter().take_while(|&&b| b == b' ').count();
    if indent > 3 || indent == line.len() {
        return None;
    }
    let mut rest = &line[indent..];
    let mut found_pipe = false;
    if let [b'|', after @ ..] = rest {
        found_pipe = true;
        rest = after;
    }
    let (mut columns, mut cell_open, mut found_hyphen, mut hyphen_in_cell) =
        (0, false, false, false);
    for &b in rest {
        match b {
            b' ' => {}
            b':' => cell_open = true,
            b'-' => (cell_open, found_hyphen, hyphen_in_cell) = (true, true, true),
            b'|' => {
                // Back-to-back pipes make it no delimiter row.
                if !hyphen_in_cell {
                    return None;
                }
                (found_pipe, columns, cell_open, hyphen_in_cell) =
                    (true, columns + 1, false, false);
            }
            _ => return None,
        }
    }
    if cell_open {
        columns += 1;
    }
    (found_pipe && found_hyphen).then_some(columns)
}

/// A body row that begins with a pipe (after at most three spaces) and has a cell: such a
/// line continues the paragraph with the extension off and the table with it on.
fn is_plain_row(line: &[u8]) -> bool {
    let indent = line.iter().take_while(|&&b| b == b' ').count();
    match &line[indent..] {
        [b'|', cells @ ..] if indent <= 3 => !cells.iter().all(|&b| is_space(b)),
        _ => false,
    }
}
