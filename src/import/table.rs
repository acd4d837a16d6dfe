//! A strict reader of CSV files as RFC 4180 writes them: comma separated, `"` quoted,
//! `""` for a quote inside quotes, CRLF or LF line ends, an optional UTF-8 byte order mark.
//!
//! Strict where a lenient reader would silently change data: a quoted field that is
//! never closed, text right after a closing quote, invalid UTF-8 and a row with more or
//! fewer fields than the header are errors naming the file, the row and the column.
//! A quote inside an unquoted field (`5" screen`) has only one reading and is kept.

use std::collections::HashMap;

use super::ImportError;

/// A parsed CSV file: its header and rows.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file's name, for messages.
    pub file: String,
    /// Column names, trimmed.
    pub headers: Vec<String>,
    index: HashMap<String, usize>,
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
    /// Fields, one per column.
    pub fields: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field.
    Start,
    /// In an unquoted field.
    Unquoted,
    /// In a quoted field.
    Quoted,
    /// Just after the closing quote of a quoted field.
    AfterQuote,
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
        let records = split_records(file, text)?;
        let mut records = records.into_iter();
        let Some((_, header_fields)) = records.next() else {
            return Err(ImportError::file(
                file,
                "the file is empty; a CSV table starts with a header row of column names",
            ));
        };
        let headers: Vec<String> = header_fields.iter().map(|h| h.trim().to_owned()).collect();
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
        let mut rows = Vec::new();
        for (n, (line, fields)) in records.enumerate() {
            let number = n + 2;
            if fields.len() != headers.len() {
                return Err(ImportError::row(
                    file,
                    number,
                    line,
                    None,
                    format!(
                        "the row has {} fields but the header has {} columns; check for a missing or extra comma, or an unquoted comma in a value",
                        fields.len(),
                        headers.len()
                    ),
                ));
            }
            rows.push(Row {
                number,
                line,
                fields,
            });
        }
        Ok(Self {
            file: file.to_owned(),
            headers,
            index,
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
    pub fn get<'a>(&self, row: &'a Row, column: &str) -> Option<&'a str> {
        let i = *self.index.get(column)?;
        let v = row.fields.get(i)?.trim();
        (!v.is_empty()).then_some(v)
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

    /// Column names of the header that are not in `known`.
    #[must_use]
    pub fn unknown_columns(&self, known: &[&str]) -> Vec<String> {
        self.headers
            .iter()
            .filter(|h| !known.contains(&h.as_str()))
            .cloned()
            .collect()
    }
}

/// Splits text into records of fields, each with the line it starts on.
fn split_records(file: &str, text: &str) -> Result<Vec<(usize, Vec<String>)>, ImportError> {
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut state = State::Start;
    let mut line = 1usize;
    let mut column = 0usize;
    let mut record_line = 1usize;
    let mut quote_at = (1usize, 1usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        column += 1;
        match state {
            State::Quoted => match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    column += 1;
                    field.push('"');
                }
                '"' => state = State::AfterQuote,
                '\n' => {
                    field.push('\n');
                    line += 1;
                    column = 0;
                }
                c => field.push(c),
            },
            State::Start | State::Unquoted | State::AfterQuote => match c {
                ',' => {
                    fields.push(std::mem::take(&mut field));
                    state = State::Start;
                }
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' | '\r' => {
                    fields.push(std::mem::take(&mut field));
                    // A line with nothing on it is not a record.
                    if !(fields.len() == 1 && fields.first().is_some_and(String::is_empty))
                        || state == State::AfterQuote
                    {
                        records.push((record_line, std::mem::take(&mut fields)));
                    }
                    fields.clear();
                    state = State::Start;
                    line += 1;
                    column = 0;
                    record_line = line;
                }
                '"' if state == State::Start => {
                    state = State::Quoted;
                    quote_at = (line, column);
                }
                c if state == State::AfterQuote => {
                    return Err(broken(
                        file,
                        records.len() + 1,
                        record_line,
                        fields.len(),
                        &records,
                        format!(
                            "text ({c:?}) follows the closing quote at line {line}, column {column}; a quoted value must end at a comma or the end of the line, and a quote inside it is written twice (\"\")"
                        ),
                    ));
                }
                c => {
                    field.push(c);
                    state = State::Unquoted;
                }
            },
        }
    }
    if state == State::Quoted {
        return Err(broken(
            file,
            records.len() + 1,
            record_line,
            fields.len(),
            &records,
            format!(
                "the quote opened at line {}, column {} is never closed; a quoted value must end with a quote, and a quote inside it is written twice (\"\")",
                quote_at.0, quote_at.1
            ),
        ));
    }
    if !fields.is_empty() || !field.is_empty() || state == State::AfterQuote {
        fields.push(field);
        records.push((record_line, fields));
    }
    Ok(records)
}

/// An error inside record number `record` (1 = header), in field `field_index`.
fn broken(
    file: &str,
    record: usize,
    line: usize,
    field_index: usize,
    records: &[(usize, Vec<String>)],
    message: String,
) -> ImportError {
    let column = if record == 1 {
        None
    } else {
        records
            .first()
            .and_then(|(_, header)| header.get(field_index))
            .map(|h| h.trim().to_owned())
    };
    ImportError::row(file, record, line, column.as_deref(), message)
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
    fn no_final_newline_and_empty_last_field() {
        let t = parse("a,b\n1,").unwrap();
        assert_eq!(t.rows[0].fields, ["1", ""]);
        let t = parse("a,b\n1,\"\"").unwrap();
        assert_eq!(t.rows[0].fields, ["1", ""]);
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
