//! A strict reader of CSV files as RFC 4180 writes them: comma separated, `"` quoted,
//! `""` for a quote inside quotes, CRLF or LF line ends, an optional UTF-8 byte order mark.
//! The `csv` crate reads the records; a pre-check here refuses the quote errors it
//! would read leniently.
//!
//! Strict where a lenient reader would silently change data: a quoted field that is
//! never closed, text right after a closing quote, invalid UTF-8 and a row with more or
//! fewer fields than the header are errors naming the file, the row and the column.
//! A quote inside an unquoted field (`5" screen`) has only one reading and is kept.

use std::collections::HashMap;

use super::ImportError;

/// A parsed CSV file: its header and rows.
///
/// Every value is kept once, in one string, and a row holds only where its values are:
/// a package of 100,000 services has millions of values, and a string for each would
/// take several times the size of the files.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file's name, for messages.
    pub file: String,
    /// Column names, trimmed.
    pub headers: Vec<String>,
    index: HashMap<String, usize>,
    /// Every field of the file, unquoted, one after another.
    text: String,
    /// Where each field is in `text`, row after row.
    spans: Vec<(u32, u32)>,
    /// Data rows, in file order.
    pub rows: Vec<Row>,
}

/// One data row.
#[derive(Debug, Clone)]
pub struct Row {
    /// Row number as a spreadsheet counts it: the header is row 1.
    pub number: usize,
    /// Line of the file the row starts on.
    pub line: usize,
    /// Index in the table's spans of the row's first field.
    first: usize,
}

impl Table {
    /// Parses the bytes of a CSV file named `file`.
    ///
    /// # Errors
    /// An [`ImportError`] naming the file, row, line and column of the first problem.
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Self, ImportError> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let before = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
            ImportError::at_line(
                file,
                line,
                "the file is not valid UTF-8 text; save it as UTF-8 CSV",
            )
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let Records {
            text: fields,
            spans,
            records,
        } = split_records(file, text)?;
        let mut records = records.into_iter();
        let Some(header) = records.next() else {
            return Err(ImportError::file(
                file,
                "the file is empty; a CSV table starts with a header row of column names",
            ));
        };
        let headers: Vec<String> = spans
            .get(header.first..header.first + header.count)
            .unwrap_or_default()
            .iter()
            .map(|&span| field(&fields, span).trim().to_owned())
            .collect();
        let mut index = HashMap::with_capacity(headers.len());
        for (i, h) in headers.iter().enumerate() {
            if h.is_empty() {
                return Err(ImportError::row(
                    file,
                    1,
                    1,
                    None,
                    format!("column {} of the header has no name", i + 1),
                ));
            }
            if index.insert(h.clone(), i).is_some() {
                return Err(ImportError::row(
                    file,
                    1,
                    1,
                    Some(h),
                    "the column is named twice in the header",
                ));
            }
        }
        let mut rows = Vec::with_capacity(records.len());
        for (n, record) in records.enumerate() {
            let number = n + 2;
            if record.count != headers.len() {
                return Err(ImportError::row(
                    file,
                    number,
                    record.line,
                    None,
                    format!(
                        "the row has {} fields but the header has {} columns; check for a missing or extra comma, or an unquoted comma in a value",
                        record.count,
                        headers.len()
                    ),
                ));
            }
            rows.push(Row {
                number,
                line: record.line,
                first: record.first,
            });
        }
        Ok(Self {
            file: file.to_owned(),
            headers,
            index,
            text: fields,
            spans,
            rows,
        })
    }

    /// Whether the table has this column.
    #[must_use]
    pub fn has(&self, column: &str) -> bool {
        self.index.contains_key(column)
    }

    /// The value of `column` in `row`, trimmed; `None` when the column is missing or the
    /// value empty.
    #[must_use]
    pub fn get<'a>(&'a self, row: &Row, column: &str) -> Option<&'a str> {
        let i = *self.index.get(column)?;
        let &span = self.spans.get(row.first.checked_add(i)?)?;
        let v = field(&self.text, span).trim();
        (!v.is_empty()).then_some(v)
    }

    /// Every field of `row`, as written (untrimmed).
    #[must_use]
    pub fn fields<'a>(&'a self, row: &Row) -> Vec<&'a str> {
        self.spans
            .get(row.first..row.first + self.headers.len())
            .unwrap_or_default()
            .iter()
            .map(|&span| field(&self.text, span))
            .collect()
    }

    /// Like [`Table::get`], owned.
    #[must_use]
    pub fn text(&self, row: &Row, column: &str) -> Option<String> {
        self.get(row, column).map(str::to_owned)
    }

    /// Checks that every column of `required` is in the header.
    ///
    /// # Errors
    /// The first missing column, naming the file and the header row.
    pub fn require(&self, required: &[&str]) -> Result<(), ImportError> {
        match required.iter().find(|c| !self.has(c)) {
            Some(c) => Err(ImportError::row(
                &self.file,
                1,
                1,
                Some(c),
                format!(
                    "the required column \"{c}\" is missing from the header (it has: {})",
                    self.headers.join(", ")
                ),
            )),
            None => Ok(()),
        }
    }

    /// Checks that at least one column of `any` is in the header.
    ///
    /// # Errors
    /// Naming the columns, when none is there.
    pub fn require_any(&self, any: &[&str]) -> Result<(), ImportError> {
        if any.iter().any(|c| self.has(c)) {
            return Ok(());
        }
        Err(ImportError::row(
            &self.file,
            1,
            1,
            any.first().copied(),
            format!(
                "the header needs at least one of the columns {} (it has: {})",
                any.join(", "),
                self.headers.join(", ")
            ),
        ))
    }

    /// Column names of the header that `known` does not know.
    #[must_use]
    pub fn unknown_columns(&self, known: impl Fn(&str) -> bool) -> Vec<String> {
        self.headers.iter().filter(|h| !known(h)).cloned().collect()
    }
}

/// The field at `span` of `text`.
fn field(text: &str, (start, end): (u32, u32)) -> &str {
    text.get(start as usize..end as usize).unwrap_or_default()
}

/// One record of a CSV file: the line it starts on, and its fields' spans.
struct Record {
    line: usize,
    first: usize,
    count: usize,
}

/// The records of a CSV file: every field, unquoted, in one string, and where each is.
struct Records {
    text: String,
    spans: Vec<(u32, u32)>,
    records: Vec<Record>,
}

/// The character column (from 1) of byte `at` of `text`, on the line starting at byte
/// `line_start`.
fn column_at(text: &str, line_start: usize, at: usize) -> usize {
    text.get(line_start..at).map_or(0, |s| s.chars().count()) + 1
}

/// Splits text into records of fields with the `csv` crate, each with the line it
/// starts on, after [`check_quotes`] has refused what the crate would read leniently.
/// Blank lines are no records.
fn split_records(file: &str, text: &str) -> Result<Records, ImportError> {
    let too_large = || {
        ImportError::file(
            file,
            "the file is too large for heatwatch's CSV reader (4 GiB at most)",
        )
    };
    check_quotes(file, text)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut fields = String::with_capacity(text.len());
    let mut spans: Vec<(u32, u32)> = Vec::new();
    let mut records: Vec<Record> = Vec::new();
    let mut record = csv::StringRecord::new();
    let bytes = text.as_bytes();
    let (mut line, mut counted_to) = (1usize, 0usize);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                return Err(ImportError::at_line(
                    file,
                    usize::try_from(line).unwrap_or(usize::MAX),
                    format!("the file cannot be read as CSV: {e}"),
                ));
            }
        }
        let first = spans.len();
        for f in &record {
            let s = u32::try_from(fields.len()).map_err(|_| too_large())?;
            fields.push_str(f);
            let e = u32::try_from(fields.len()).map_err(|_| too_large())?;
            spans.push((s, e));
        }
        // The line a record starts on, from its byte offset: the crate's own line
        // count leaves out line breaks inside quoted values.
        // (The crate's byte offset may point at the line break before the record.)
        let mut at = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(counted_to)
            .max(counted_to);
        while matches!(bytes.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        line += memchr::memchr_iter(b'\n', bytes.get(counted_to..at).unwrap_or_default()).count();
        counted_to = at;
        records.push(Record {
            line,
            first,
            count: record.len(),
        });
    }
    Ok(Records {
        text: fields,
        spans,
        records,
    })
}

/// Refuses the two quote errors a lenient reader (the `csv` crate among them) reads
/// without a word, changing the data: a quoted value never closed (the rest of the
/// file would become one value) and text right after a closing quote (`"a"b` read as
/// `ab`). Each names the row, its line and column, and the column's name from the
/// header. Kept by hand because the crate offers no strict mode for either; a quote
/// inside an unquoted value (`5" screen`) has only one reading and is allowed.
fn check_quotes(file: &str, text: &str) -> Result<(), ImportError> {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum At {
        Start,
        Unquoted,
        Quoted,
        AfterQuote,
    }
    let bytes = text.as_bytes();
    let mut state = At::Start;
    let (mut line, mut line_start) = (1usize, 0usize);
    // Records ended so far (blank lines aside), the field in the current record, the
    // line the record started on, and the header's fields.
    let (mut ended, mut field_no, mut record_line) = (0usize, 0usize, 1usize);
    let mut header: Vec<String> = Vec::new();
    let mut field_start = 0usize;
    let mut quote_at = (1usize, 0usize, 0usize);
    let mut i = 0usize;
    let fail = |ended: usize, field_no: usize, record_line: usize, header: &[String], m: String| {
        let column = if ended == 0 {
            None
        } else {
            header.get(field_no)
        };
        ImportError::row(file, ended + 1, record_line, column.map(String::as_str), m)
    };
    while let Some(&b) = bytes.get(i) {
        match (state, b) {
            (At::Quoted, b'"') if bytes.get(i + 1) == Some(&b'"') => i += 1,
            (At::Quoted, b'"') => state = At::AfterQuote,
            (At::Quoted, b'\n') => {
                line += 1;
                line_start = i + 1;
            }
            (At::Quoted, _) => {}
            (_, b',' | b'\n' | b'\r') => {
                if ended == 0 {
                    let raw = text.get(field_start..i).unwrap_or_default();
                    header.push(raw.trim().trim_matches('"').trim().to_owned());
                }
                field_start = i + 1;
                if b == b',' {
                    field_no += 1;
                } else {
                    if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    let blank = field_no == 0 && state == At::Start;
                    if !blank {
                        ended += 1;
                    }
                    field_no = 0;
                    line += 1;
                    line_start = i + 1;
                    record_line = line;
                    field_start = i + 1;
                }
                state = At::Start;
            }
            (At::Start, b'"') => {
                state = At::Quoted;
                quote_at = (line, line_start, i);
            }
            (At::AfterQuote, _) => {
                let c = text.get(i..).and_then(|s| s.chars().next()).unwrap_or('?');
                let column = column_at(text, line_start, i);
                return Err(fail(
                    ended,
                    field_no,
                    record_line,
                    &header,
                    format!(
                        "text ({c:?}) follows the closing quote at line {line}, column {column}; a quoted value must end at a comma or the end of the line, and a quote inside it is written twice (\"\")"
                    ),
                ));
            }
            _ => state = At::Unquoted,
        }
        i += 1;
    }
    if state == At::Quoted {
        let (qline, qstart, qat) = quote_at;
        return Err(fail(
            ended,
            field_no,
            record_line,
            &header,
            format!(
                "the quote opened at line {qline}, column {} is never closed; a quoted value must end with a quote, and a quote inside it is written twice (\"\")",
                column_at(text, qstart, qat)
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Table, ImportError> {
        Table::parse("t.csv", s.as_bytes())
    }

    #[test]
    fn reads_quotes_crlf_and_bom() {
        let t = parse("\u{feff}id,name\r\n1,\"a, \"\"b\"\"\"\r\n2,\"two\nlines\"\r\n3,x\"y\n\n")
            .unwrap();
        assert_eq!(t.headers, ["id", "name"]);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.get(&t.rows[0], "name"), Some("a, \"b\""));
        assert_eq!(t.get(&t.rows[1], "name"), Some("two\nlines"));
        assert_eq!(t.rows[2].line, 5);
        assert_eq!(t.rows[2].number, 4);
        assert_eq!(t.get(&t.rows[2], "name"), Some("x\"y"));
    }

    #[test]
    fn lines_count_blank_lines_crlf_and_breaks_inside_quotes() {
        let t = parse("a,b\r\n\r\n1,2\r\n\n3,\"x\ny\"\n\n\n4,5\n").unwrap();
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 5, 9]);
        let numbers: Vec<usize> = t.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [2, 3, 4]);
        // A row after a long quoted value names its own line in an error.
        let e = parse("a,b\n1,\"x\n\ny\"\n2,3,4\n").unwrap_err();
        assert_eq!((e.row, e.line), (Some(3), Some(5)), "{e}");
    }

    #[test]
    fn no_final_newline_and_empty_last_field() {
        let t = parse("a,b\n1,").unwrap();
        assert_eq!(t.fields(&t.rows[0]), ["1", ""]);
        let t = parse("a,b\n1,\"\"").unwrap();
        assert_eq!(t.fields(&t.rows[0]), ["1", ""]);
    }

    #[test]
    fn unclosed_quote_names_row_and_column() {
        let e = parse("id,name\n1,ok\n2,\"broken\n3,x\n").unwrap_err();
        assert_eq!(e.row, Some(3));
        assert_eq!(e.column.as_deref(), Some("name"));
        assert!(e.message.contains("never closed"), "{e}");
        assert!(e.message.contains("line 3, column 3"), "{e}");
    }

    #[test]
    fn text_after_closing_quote_is_an_error() {
        let e = parse("id,name\n1,\"a\"b\n").unwrap_err();
        assert_eq!(e.row, Some(2));
        assert_eq!(e.column.as_deref(), Some("name"));
    }

    #[test]
    fn wrong_field_count_and_header_problems() {
        let e = parse("a,b\n1,2,3\n").unwrap_err();
        assert_eq!(e.row, Some(2));
        assert!(e.message.contains("3 fields"), "{e}");
        assert!(parse("a,a\n").is_err());
        assert!(parse("").is_err());
        assert!(Table::parse("t.csv", b"a\n\xff\n").is_err());
    }
}
