//! JSON as finwait reads and writes it: a strict reader (RFC 8259) that returns a tree, and a
//! writer for the same tree. Each type of a scenario file or a trace turns itself into this
//! tree and back (see `wire.rs`), so a name is spelt once for both directions.
//!
//! Why not serde_json: the web app reads scenario files too (its presets, and later share
//! links), and serde_json's generic deserializer, its float parser and its ordered map are a
//! large part of the bundle while a scenario needs none of them: no field is a fraction, and
//! objects are small. This reader keeps numbers as integers (anything else as its text, for
//! error messages), keeps objects in file order and refuses a key given twice, and reports every
//! syntax error with its line and column. A property test (`tests/json_reader.rs`) checks it
//! against serde_json on generated documents, and the writer against serde_json's output.

/// A JSON value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Json>),
    /// Members in file order; keys are unique.
    Object(Vec<(String, Json)>),
}

/// A number as a scenario can use it: a whole number, or else the text it was written as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Number {
    /// 0 to 2^64−1.
    Whole(u64),
    /// Negative, fractional, with an exponent, or too large: kept only to be named in errors.
    Other(String),
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Number::Whole(n) => write!(f, "{n}"),
            Number::Other(text) => f.write_str(text),
        }
    }
}

impl Json {
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(Number::Whole(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.as_object()?.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl From<u64> for Json {
    fn from(n: u64) -> Json {
        Json::Number(Number::Whole(n))
    }
}

impl From<u32> for Json {
    fn from(n: u32) -> Json {
        Json::Number(Number::Whole(u64::from(n)))
    }
}

impl From<usize> for Json {
    fn from(n: usize) -> Json {
        Json::Number(Number::Whole(n as u64))
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Json {
        Json::Bool(b)
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Json {
        Json::String(s.to_string())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Json {
        Json::String(s)
    }
}

impl<T: Into<Json>> From<Option<T>> for Json {
    /// `None` is `null`.
    fn from(v: Option<T>) -> Json {
        v.map_or(Json::Null, Into::into)
    }
}

impl Json {
    /// The text of this value, indented by two spaces per level, with the line breaks and
    /// escapes serde_json's pretty printer uses (`tests/json_reader.rs` checks the two agree).
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(0));
        out
    }

    /// Appends this value's pretty text to `out` as it would stand `level` levels deep in a
    /// larger pretty document (for writing a long document piece by piece).
    pub fn write_pretty(&self, out: &mut String, level: usize) {
        self.write(out, Some(level));
    }

    /// The text of this value with no white space.
    pub fn to_compact(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None);
        out
    }

    fn write(&self, out: &mut String, indent: Option<usize>) {
        let newline = |out: &mut String, level: usize| {
            out.push('\n');
            for _ in 0..level {
                out.push_str("  ");
            }
        };
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(&n.to_string()),
            Json::String(s) => write_string(out, s),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(members) if members.is_empty() => out.push_str("{}"),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    if let Some(level) = indent {
                        newline(out, level + 1);
                    }
                    item.write(out, indent.map(|l| l + 1));
                }
                if let Some(level) = indent {
                    newline(out, level);
                }
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    if let Some(level) = indent {
                        newline(out, level + 1);
                    }
                    write_string(out, key);
                    out.push_str(if indent.is_some() { ": " } else { ":" });
                    value.write(out, indent.map(|l| l + 1));
                }
                if let Some(level) = indent {
                    newline(out, level);
                }
                out.push('}');
            }
        }
    }
}

/// How long a string from a file may be when an error message shows it.
const SHOWN_CHARS: usize = 40;

/// A string from a file as an error message shows it: in double quotes, its control characters
/// escaped (so a file cannot drive the terminal it is reported on), and cut after
/// `SHOWN_CHARS` characters with the length said.
pub fn quoted(s: &str) -> String {
    let count = s.chars().count();
    let shown: String = s.chars().take(SHOWN_CHARS).collect();
    let mut out = String::with_capacity(shown.len() + 2);
    write_string(&mut out, &shown);
    if count > SHOWN_CHARS {
        out.push_str(&format!("… ({count} characters)"));
    }
    out
}

/// A string in double quotes, with the escapes JSON requires — and the control characters
/// beyond ASCII (DEL, U+0080–U+009F), which JSON allows raw but a terminal may obey.
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' || ('\u{7f}'..='\u{9f}').contains(&c) => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let n = c as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[n >> 4]));
                out.push(char::from(HEX[n & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Where and why a text is not JSON. Line and column count from 1; the column counts
/// characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

/// Nesting deeper than this is refused, so that a hostile file cannot exhaust the stack.
const MAX_DEPTH: usize = 128;
/// An object with more fields than this is refused: a scenario's objects have a handful, and
/// the check for a repeated field compares each key with those before it.
const MAX_FIELDS: usize = 1_000;

/// Reads one JSON value that fills `text` (surrounding white space aside). A byte-order mark
/// at the start is skipped: RFC 8259 §8.1 lets a reader ignore one, and editors still write it.
pub fn parse(text: &str) -> Result<Json, SyntaxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut r = Reader { text, pos: 0 };
    let value = r.value(0)?;
    r.skip_space();
    if r.pos < text.len() {
        return Err(r.error("trailing characters after the value"));
    }
    Ok(value)
}

struct Reader<'a> {
    text: &'a str,
    /// Byte offset of the next character; always on a character boundary.
    pos: usize,
}

impl Reader<'_> {
    fn error(&self, message: &str) -> SyntaxError {
        let before = self.text.get(..self.pos).unwrap_or(self.text);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).map_or(0, |l| l.chars().count()) + 1;
        SyntaxError { message: message.to_string(), line, column }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Consumes `word` (a literal such as `true`) if the text continues with it.
    fn literal(&mut self, word: &str) -> bool {
        let found = self.text.get(self.pos..).is_some_and(|rest| rest.starts_with(word));
        if found {
            self.pos += word.len();
        }
        found
    }

    fn value(&mut self, depth: usize) -> Result<Json, SyntaxError> {
        self.skip_space();
        match self.peek() {
            None => Err(self.error("the text ends where a value should be")),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) if self.literal("true") => Ok(Json::Bool(true)),
            Some(_) if self.literal("false") => Ok(Json::Bool(false)),
            Some(_) if self.literal("null") => Ok(Json::Null),
            Some(_) => Err(self.error("expected a value")),
        }
    }

    fn enter(&self, depth: usize) -> Result<(), SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Result<Json, SyntaxError> {
        self.enter(depth)?;
        self.pos += 1; // '['
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_space();
                    if self.peek() == Some(b']') {
                        return Err(self.error("trailing comma"));
                    }
                }
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                None => return Err(self.error("the text ends inside a list")),
                Some(_) => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, SyntaxError> {
        self.enter(depth)?;
        self.pos += 1; // '{'
        let mut members: Vec<(String, Json)> = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_space();
            match self.peek() {
                Some(b'"') => {}
                Some(b'}') if !members.is_empty() => return Err(self.error("trailing comma")),
                None => return Err(self.error("the text ends inside an object")),
                Some(_) => return Err(self.error("expected a field name in double quotes")),
            }
            let key_at = self.pos;
            if members.len() == MAX_FIELDS {
                return Err(self.error("too many fields in one object (at most 1000)"));
            }
            let key = self.string()?;
            if members.iter().any(|(k, _)| *k == key) {
                self.pos = key_at;
                return Err(self.error(&format!("field {} is given twice", quoted(&key))));
            }
            self.skip_space();
            if self.peek() != Some(b':') {
                return Err(self.error("expected `:`"));
            }
            self.pos += 1;
            let value = self.value(depth)?;
            members.push((key, value));
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(members));
                }
                None => return Err(self.error("the text ends inside an object")),
                Some(_) => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    /// A string, from its opening quote.
    fn string(&mut self) -> Result<String, SyntaxError> {
        self.pos += 1; // '"'
        let mut out = String::new();
        loop {
            let Some(rest) = self.text.get(self.pos..) else {
                return Err(self.error("the text ends inside a string"));
            };
            // Copy the run up to the next quote, backslash or control character at once.
            let run = rest.find(|c: char| c == '"' || c == '\\' || c < ' ').unwrap_or(rest.len());
            out.push_str(&rest[..run]);
            self.pos += run;
            match self.peek() {
                None => return Err(self.error("the text ends inside a string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = self.escape()?;
                    out.push(c);
                }
                Some(_) => return Err(self.error("control character in a string (write it as an escape)")),
            }
        }
    }

    /// The character an escape stands for, from the character after the backslash.
    fn escape(&mut self) -> Result<char, SyntaxError> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                return self.unicode_escape();
            }
            _ => return Err(self.error("invalid escape")),
        };
        self.pos += 1;
        Ok(c)
    }

    /// `\uXXXX`, or a pair of them for a character beyond the Basic Multilingual Plane.
    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if !self.literal("\\u") {
                    return Err(self.error("a high surrogate escape must be followed by a low one"));
                }
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("a high surrogate escape must be followed by a low one"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.error("a low surrogate escape without a high one")),
            _ => first,
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid escape"))
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self.text.get(self.pos..self.pos + 4).filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let Some(value) = digits.and_then(|d| u32::from_str_radix(d, 16).ok()) else {
            return Err(self.error("expected four hexadecimal digits after \\u"));
        };
        self.pos += 4;
        Ok(value)
    }

    /// A number by the grammar of RFC 8259 §6. Only whole numbers are converted.
    fn number(&mut self) -> Result<Json, SyntaxError> {
        let start = self.pos;
        let digits = |r: &mut Self| {
            let from = r.pos;
            while r.peek().is_some_and(|b| b.is_ascii_digit()) {
                r.pos += 1;
            }
            r.pos - from
        };
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let int_start = self.pos;
        match digits(self) {
            0 => return Err(self.error("expected a digit")),
            n if n > 1 && self.text.as_bytes().get(int_start) == Some(&b'0') => {
                self.pos = int_start;
                return Err(self.error("a number cannot start with 0"));
            }
            _ => {}
        }
        let mut whole = !negative;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            whole = false;
            if digits(self) == 0 {
                return Err(self.error("expected a digit after the decimal point"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            whole = false;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.error("expected a digit in the exponent"));
            }
        }
        let text = self.text.get(start..self.pos).unwrap_or_default();
        let number = match text.parse::<u64>() {
            Ok(n) if whole => Number::Whole(n),
            _ => Number::Other(text.to_string()),
        };
        Ok(Json::Number(number))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> (String, usize, usize) {
        let e = parse(text).expect_err("should be refused");
        (e.message, e.line, e.column)
    }

    #[test]
    fn reads_every_kind_of_value() {
        let v =
            parse(r#" {"a": [1, -2, 3.5, 1e3, true, false, null], "b": {"c": "x\"\u00e9\ud83d\ude00\n"}} "#).unwrap();
        assert_eq!(v.get("a").and_then(Json::as_array).map(<[Json]>::len), Some(7));
        assert_eq!(v.get("a").and_then(|a| a.as_array()?.first()?.as_u64()), Some(1));
        assert_eq!(
            v.get("a").and_then(|a| a.as_array()).map(|a| a[1].clone()),
            Some(Json::Number(Number::Other("-2".into())))
        );
        assert_eq!(v.get("b").and_then(|b| b.get("c")).and_then(Json::as_str), Some("x\"é😀\n"));
        assert_eq!(parse("18446744073709551615").unwrap().as_u64(), Some(u64::MAX));
        assert_eq!(parse("18446744073709551616").unwrap().as_u64(), None);
    }

    #[test]
    fn errors_say_where() {
        assert_eq!(err("{\n  \"version\": 1,\n}"), ("trailing comma".into(), 3, 1));
        assert_eq!(err("[1 2]"), ("expected `,` or `]`".into(), 1, 4));
        assert_eq!(err("[1,\n ]"), ("trailing comma".into(), 2, 2));
        assert_eq!(err("{\"a\": 1, \"a\": 2}"), ("field \"a\" is given twice".into(), 1, 10));
        assert_eq!(err("{\"é\" 1}"), ("expected `:`".into(), 1, 6));
        assert_eq!(err("01"), ("a number cannot start with 0".into(), 1, 1));
        assert_eq!(err("\"\\ud800\""), ("a high surrogate escape must be followed by a low one".into(), 1, 8));
        assert_eq!(err("1 2").0, "trailing characters after the value");
        assert_eq!(err("").0, "the text ends where a value should be");
        assert_eq!(err("\"a\tb\"").0, "control character in a string (write it as an escape)");
    }

    #[test]
    fn a_byte_order_mark_is_skipped_and_odd_keys_are_shown_safely() {
        assert_eq!(parse("\u{feff}{\"a\": 1}").unwrap().get("a").and_then(Json::as_u64), Some(1));
        assert_eq!(err("{\"\\u001b[31m\": 1, \"\\u001b[31m\": 2}").0, r#"field "\u001b[31m" is given twice"#);
        assert_eq!(quoted("seq "), r#""seq ""#);
        assert_eq!(quoted(&"k".repeat(100)), format!("\"{}\"… (100 characters)", "k".repeat(40)));
        assert_eq!(Json::from("\u{9b}x").to_compact(), r#""\u009bx""#);
    }

    #[test]
    fn a_huge_object_is_refused() {
        let fields: Vec<String> = (0..=MAX_FIELDS).map(|i| format!("\"k{i}\": {i}")).collect();
        assert_eq!(err(&format!("{{{}}}", fields.join(","))).0, "too many fields in one object (at most 1000)");
        assert!(parse(&format!("{{{}}}", fields[..MAX_FIELDS].join(","))).is_ok());
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        assert_eq!(err(&deep).0, "nested too deeply");
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }
}
