//! GIFT, Moodle's plain-text question format: `::title::stem{=right#feedback ~wrong#feedback}`,
//! with `~ = # { } :` (and the backslash) escaped by a backslash.

use crate::Item;

/// The quiz as a GIFT file; `comment` goes on the first line (`// …`).
pub fn write(comment: &str, items: &[Item]) -> String {
    let mut out = String::new();
    for line in comment.lines() {
        out.push_str("// ");
        out.push_str(line);
        out.push('\n');
    }
    for item in items {
        out.push('\n');
        out.push_str(&format!("::{}::{}{{\n", escape(&item.title), escape(&item.stem)));
        for c in &item.choices {
            let mark = if c.right { '=' } else { '~' };
            out.push_str(&format!("\t{mark}{}#{}\n", escape(&c.text), escape(&c.feedback)));
        }
        out.push_str(&format!("\t####{}\n}}\n", escape(&item.explanation)));
    }
    out
}

/// `text` with GIFT's special characters escaped, on one line.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
