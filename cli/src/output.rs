//! Everything the tool prints goes through here, for two reasons. Text that came from a file (a
//! scenario's title, a field name in an error, a path) is shown with its control characters
//! escaped, so a file cannot drive the terminal. And a write that fails — a full disk, a closed
//! pipe — is an error: the tool stops writing, says so once, and exits non-zero, so that a
//! failed check is never hidden behind output nobody received.

use std::borrow::Cow;
use std::io::{self, Write};

/// The tool's standard output, remembering the first write that failed.
#[derive(Default)]
pub struct Out {
    failed: Option<io::Error>,
    /// In tests: what was written, instead of standard output.
    #[cfg(test)]
    captured: Option<String>,
}

impl Out {
    /// Prints `text` and a newline, escaped.
    pub fn line(&mut self, text: &str) {
        self.write(&format!("{}\n", printable(text)));
    }

    /// Prints a whole rendering (a diagram, a trace), escaped.
    pub fn text(&mut self, text: &str) {
        self.write(&printable(text));
    }

    /// Writes bytes as they are (a capture file sent down a pipe).
    pub fn bytes(&mut self, data: &[u8]) {
        if self.failed.is_some() {
            return;
        }
        let mut stdout = io::stdout().lock();
        if let Err(e) = stdout.write_all(data).and_then(|()| stdout.flush()) {
            self.failed = Some(e);
        }
    }

    fn write(&mut self, text: &str) {
        if self.failed.is_some() {
            return;
        }
        #[cfg(test)]
        if let Some(captured) = &mut self.captured {
            captured.push_str(text);
            return;
        }
        let mut stdout = io::stdout().lock();
        if let Err(e) = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
            self.failed = Some(e);
        }
    }

    /// An output that keeps what is written, for tests.
    #[cfg(test)]
    pub fn capture() -> Out {
        Out { failed: None, captured: Some(String::new()) }
    }

    #[cfg(test)]
    pub fn captured(&self) -> &str {
        self.captured.as_deref().unwrap_or_default()
    }

    /// Whether everything was written; if not, says why, once, on standard error.
    pub fn finish(self) -> bool {
        match self.failed {
            None => true,
            Some(e) => {
                complain(&format!("cannot write the output: {e}"));
                false
            }
        }
    }
}

/// A message on standard error, escaped. (If standard error itself cannot be written, there is
/// nobody left to tell.)
pub fn complain(message: &str) {
    let _ = writeln!(io::stderr().lock(), "finwait: {}", printable(message));
}

/// `text` with every control character but newline and tab written as an escape (`\u{1b}`),
/// and so are the invisible characters that reorder text on screen (bidirectional overrides).
pub fn printable(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars().map(|c| if unsafe_char(c) { c.escape_unicode().to_string() } else { c.to_string() }).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_text_is_kept() {
        assert_eq!(printable("plain → text\n"), "plain → text\n");
        assert_eq!(printable("red \u{1b}[31m"), "red \\u{1b}[31m");
        assert_eq!(printable("a\rb\u{7f}\u{9b}"), "a\\u{d}b\\u{7f}\\u{9b}");
        assert_eq!(printable("\u{202e}evil"), "\\u{202e}evil");
    }
}
