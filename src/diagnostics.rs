//! Rendering at the edge: syntax diagnostics with codespan-reporting, run-time errors as Python tracebacks.

use std::fmt;
use std::rc::Rc;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::Buffer};
use rhumba_grammar::Diagnostic;

use crate::interp::PyError;

/// A source file: its name as the user gave it, and its text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path or label that messages cite (`kernels.py`, `<repl>`).
    pub name: Rc<str>,
    /// The whole source text.
    pub text: Rc<str>,
}

/// Source bytes as text: see [`SourceFile::read`].
pub fn source_text(bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let before = &bytes[..e.valid_up_to()];
            let line = before.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
            return Err(format!(
                "line {line}, column {column}: byte 0x{:02x} is not valid UTF-8 (Python source files are UTF-8)",
                bytes[e.valid_up_to()]
            ));
        }
    };
    Ok(if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_string() })
}

impl SourceFile {
    /// A file named `name` holding `text`.
    pub fn new(name: &str, text: &str) -> SourceFile {
        SourceFile { name: Rc::from(name), text: Rc::from(text) }
    }

    /// Reads the file at `path`, named as the path is written.
    /// As CPython reads a source file: UTF-8 (an invalid byte is an error naming its line and
    /// column), a byte-order mark skipped, `\r\n` and lone `\r` line endings read as `\n`.
    pub fn read(path: &std::path::Path) -> std::io::Result<SourceFile> {
        let bytes = std::fs::read(path)?;
        let text = source_text(&bytes).map_err(|message| std::io::Error::new(std::io::ErrorKind::InvalidData, message))?;
        Ok(SourceFile::new(&path.display().to_string(), &text))
    }

    /// 1-based line and column of a byte offset (columns count characters).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }

    fn line_text(&self, line: usize) -> &str {
        self.text.lines().nth(line.saturating_sub(1)).unwrap_or("")
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Everything that can stop a script: syntax errors (all of them) or a run-time exception.
#[derive(Debug)]
pub enum Error {
    /// The file did not parse; every error the parser could recover from is listed.
    Syntax {
        /// The file that failed.
        file: SourceFile,
        /// One entry per error, each with its span and message.
        diagnostics: Vec<Diagnostic>,
    },
    /// The script raised an exception (IndexError, ZeroDivisionError, TypingError, ...).
    Runtime {
        /// The script that raised it.
        file: SourceFile,
        /// The exception with its traceback.
        error: PyError,
    },
    /// The machine cannot run compiled code (an unsupported CPU, for instance).
    Setup {
        /// What is missing, in one line.
        message: String,
    },
}

impl Error {
    /// The text shown to the user: codespan-style reports, or a Python traceback.
    pub fn render(&self) -> String {
        match self {
            Error::Syntax { file, diagnostics } => render_diagnostics(file, diagnostics),
            Error::Runtime { file, error } => render_traceback(file, error),
            Error::Setup { message } => format!("rhumba: {message}\n"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

impl std::error::Error for Error {}

/// Syntax or type diagnostics rendered as codespan-style reports: `file:line:col`, the source
/// line and an underline, one report per diagnostic.
pub fn render_diagnostics(file: &SourceFile, diagnostics: &[Diagnostic]) -> String {
    let files = SimpleFile::new(file.name.to_string(), file.text.to_string());
    let mut buffer = Buffer::no_color();
    let config = term::Config::default();
    let len = file.text.len();
    for d in diagnostics {
        let clamp = |s: rhumba_grammar::Span| {
            let start = floor_char_boundary(&file.text, (s.start as usize).min(len));
            let end = floor_char_boundary(&file.text, (s.end as usize).clamp(start, len));
            start..end
        };
        let mut labels = vec![Label::primary((), clamp(d.span)).with_message(d.label.clone())];
        labels.extend(d.secondary.iter().map(|(s, m)| Label::secondary((), clamp(*s)).with_message(m.clone())));
        let report = Report::error().with_message(&d.message).with_labels(labels).with_notes(d.notes.clone());
        // Writing into an in-memory buffer only fails on a span outside the file, which the
        // clamping above rules out; fall back to a plain line anyway.
        if term::emit_to_write_style(&mut buffer, &config, &files, &report).is_err() {
            let (line, col) = file.line_col(d.span.start as usize);
            buffer_push(&mut buffer, &format!("error: {}\n  --> {}:{line}:{col}\n", d.message, file.name));
        }
    }
    let count = diagnostics.len();
    buffer_push(&mut buffer, &format!("{count} error{} in {}\n", if count == 1 { "" } else { "s" }, file.name));
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

fn buffer_push(buffer: &mut Buffer, text: &str) {
    use std::io::Write;
    let _ = buffer.write_all(text.as_bytes());
}

/// A Python-style traceback, outermost call first, each frame with its source line.
pub fn render_traceback(file: &SourceFile, error: &PyError) -> String {
    let mut out = String::from("Traceback (most recent call last):\n");
    // Like Python, a frame repeated more than three times in a row is shown three times.
    let mut previous: Option<(&str, usize)> = None;
    let mut repeats = 0usize;
    let flush_repeats = |out: &mut String, repeats: usize| {
        if repeats > 3 {
            let more = repeats - 3;
            out.push_str(&format!("  [Previous line repeated {more} more time{}]\n", if more == 1 { "" } else { "s" }));
        }
    };
    for (function, span) in error.frames.iter().rev() {
        if span.start >= rhumba_compiler::prelude::PRELUDE_BASE {
            // A frame in rhumba's numpy prelude (numpy's own code, in Python's tracebacks).
            let line = rhumba_compiler::prelude::line_of(span.start);
            out.push_str(&format!("  File \"<rhumba numpy prelude>\", line {line}, in {function}\n"));
            if let Some(text) = rhumba_compiler::prelude::SOURCE.lines().nth(line - 1).map(str::trim).filter(|t| !t.is_empty()) {
                out.push_str(&format!("    {text}\n"));
            }
            previous = None;
            continue;
        }
        let (line, _) = file.line_col(span.start as usize);
        if previous == Some((function.as_str(), line)) {
            repeats += 1;
            if repeats > 3 {
                continue;
            }
        } else {
            flush_repeats(&mut out, repeats);
            repeats = 1;
            previous = Some((function.as_str(), line));
        }
        out.push_str(&format!("  File \"{}\", line {line}, in {function}\n", file.name));
        let text = file.line_text(line).trim();
        if !text.is_empty() {
            out.push_str(&format!("    {text}\n"));
        }
    }
    flush_repeats(&mut out, repeats);
    if error.message.is_empty() {
        out.push_str(&format!("{}\n", error.class));
    } else {
        out.push_str(&format!("{}: {}\n", error.class, error.message));
    }
    out
}
