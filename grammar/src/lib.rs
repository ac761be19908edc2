//! rhumba-grammar: source text to a spanned AST, with diagnostics. Knows nothing of types.
//!
//! The one entry point is [`parse`]: it never fails and never panics. It returns the module it
//! could build and every syntax error it found, recovering at line boundaries so that several
//! independent errors are reported together.

pub mod ast;
mod builder;
pub mod depth;
pub mod diagnostic;
pub mod dump;
pub mod lexer;
pub mod symbol;

use lalrpop_util::{lalrpop_mod, ErrorRecovery, ParseError};

pub use ast::{Module, Span};
pub use diagnostic::Diagnostic;
pub use symbol::Symbol;

use builder::UserError;
use lexer::Tok;

lalrpop_mod!(
    #[allow(clippy::all, unused_parens, unused_variables, dead_code)]
    parser
);

/// Parses a whole file. The module is empty when a diagnostic makes it meaningless to run.
pub fn parse(source: &str) -> (Module, Vec<Diagnostic>) {
    parse_at(source, 0)
}

/// Parses `source` as if it started at byte `offset` of a longer text: every span (of the AST
/// and of the diagnostics) is shifted by `offset`. The REPL parses each input this way, so that
/// spans point into the whole session.
pub fn parse_at(source: &str, offset: usize) -> (Module, Vec<Diagnostic>) {
    let (tokens, mut diagnostics) = lexer::tokenize(source);
    // Lines where the lexer already reported a problem: parse errors there are its echoes.
    let lexical_lines: Vec<usize> = diagnostics.iter().map(|d| line_of(source, d.span.start as usize)).collect();
    // A keyword outside the subset is reported by name, and the parse errors it would cause
    // right after it are not: they would only repeat the same problem less clearly.
    let mut unsupported_lines = Vec::new();
    for (start, tok, end) in &tokens {
        if let Tok::Unsupported(kw) = tok {
            diagnostics.push(unsupported_keyword(&kw[..], Span::new(*start, *end)));
            unsupported_lines.push(line_of(source, *start));
        }
    }
    let mut recovered: Vec<ErrorRecovery<usize, Tok, UserError>> = Vec::new();
    let shifted = tokens.into_iter().map(|(s, t, e)| Ok::<_, UserError>((s + offset, t, e + offset)));
    let result = parser::ModuleParser::new().parse(&mut recovered, shifted);
    // Parse errors carry shifted locations; the filtering below works in the chunk's own.
    let unshift = |e: ParseError<usize, Tok, UserError>| match e.map_location(|l| l.saturating_sub(offset)) {
        ParseError::User { error } => ParseError::User {
            error: UserError { start: error.start.saturating_sub(offset), end: error.end.saturating_sub(offset), ..error },
        },
        other => other,
    };
    let mut parse_errors: Vec<Diagnostic> = recovered.into_iter().map(|r| convert_error(unshift(r.error), source)).collect();
    let module = match result {
        Ok(module) => module,
        Err(e) => {
            parse_errors.push(convert_error(unshift(e), source));
            Module::default()
        }
    };
    // A tree nested past what later passes can walk is refused here, and taken apart without
    // deep recursion.
    let module = match depth::check(&module) {
        Some(mut too_deep) => {
            too_deep.span = Span::new((too_deep.span.start as usize).saturating_sub(offset), (too_deep.span.end as usize).saturating_sub(offset));
            diagnostics.push(too_deep);
            depth::dispose(module);
            Module::default()
        }
        None => module,
    };
    // A parse error on the line of an unsupported keyword, or an indentation error on the line
    // after it (the block it opens), only repeats that problem.
    // An unexpected indent is followed by the unindent that closes it; report the first only.
    let mut open_indents = 0usize;
    let error_lines: Vec<usize> = parse_errors.iter().map(|d| line_of(source, d.span.start as usize)).collect();
    parse_errors.retain(|d| {
        let line = line_of(source, d.span.start as usize);
        let cascade = unsupported_lines.contains(&line)
            || lexical_lines.contains(&line)
            || (unsupported_lines.contains(&line.saturating_sub(1)) && d.message.contains("indent"));
        if d.message == "unexpected indent" {
            open_indents += 1;
            // The block of a statement that failed to parse is no news.
            if error_lines.contains(&line.saturating_sub(1)) {
                return false;
            }
        } else if d.message == "unexpected unindent" && open_indents > 0 {
            open_indents -= 1;
            return false;
        }
        !cascade
    });
    diagnostics.extend(parse_errors);
    diagnostics.sort_by_key(|d| d.span.start);
    diagnostics.dedup_by_key(|d| d.span.start);
    let diagnostics = diagnostics.into_iter().map(|d| shift(d, offset)).collect();
    (module, diagnostics)
}

/// Parses one expression whose text starts at byte `offset` of the file (used for f-string holes).
pub(crate) fn parse_expression_at(text: &str, offset: usize) -> Result<ast::Expr, Diagnostic> {
    let (tokens, errors) = lexer::tokenize(text);
    if let Some(e) = errors.into_iter().next() {
        return Err(shift(e, offset));
    }
    let tokens = tokens
        .into_iter()
        .filter(|(_, t, _)| !matches!(t, Tok::Newline))
        .map(|(s, t, e)| Ok::<_, UserError>((s + offset, t, e + offset)));
    let mut recovered = Vec::new();
    // Locations are already shifted into the file; an error at the end of the hole points
    // just after its text.
    let end = offset + text.len();
    let locate = |mut d: Diagnostic| {
        if (d.span.start as usize) < offset || d.span.end < d.span.start {
            d.span = Span::new(end, end);
        }
        d
    };
    parser::TestParser::new()
        .parse(&mut recovered, tokens)
        .map_err(|e| locate(convert_error(e, "")))
        .and_then(|expr| match recovered.into_iter().next() {
            Some(r) => Err(locate(convert_error(r.error, ""))),
            None => Ok(expr),
        })
}

fn line_of(source: &str, offset: usize) -> usize {
    source.as_bytes()[..offset.min(source.len())].iter().filter(|b| **b == b'\n').count()
}

fn shift(mut d: Diagnostic, offset: usize) -> Diagnostic {
    d.span = Span::new(d.span.start as usize + offset, d.span.end as usize + offset);
    d
}

fn unsupported_keyword(kw: &str, span: Span) -> Diagnostic {
    let (what, why) = match kw {
        "with" => ("`with` is", "context managers need Python objects"),
        "yield" => ("`yield` is", "generators are outside the nopython subset"),
        "async" | "await" => ("`async`/`await` is", "coroutines are outside the nopython subset"),
        "del" => ("`del` is", "variables live until the end of their function"),
        "nonlocal" => ("`nonlocal` is", "inner functions capture the values of outer variables, not the variables"),
        _ => ("this keyword is", "it is outside the supported subset"),
    };
    Diagnostic::error(span, format!("{what} not supported")).with_label(format!("`{kw}`")).with_note(why.to_string())
}

fn convert_error(error: ParseError<usize, Tok, UserError>, source: &str) -> Diagnostic {
    match error {
        ParseError::InvalidToken { location } => Diagnostic::error(Span::new(location, location + 1), "invalid token"),
        ParseError::UnrecognizedEof { location, expected } => {
            let at = location.min(source.len());
            Diagnostic::error(Span::new(at, at), "unexpected end of file").with_label(expected_label(&expected))
        }
        ParseError::UnrecognizedToken { token: (start, tok, end), expected } => {
            // An unexpected end of line is pointed at where the line ends, not across the break.
            let end = if matches!(tok, Tok::Newline) { start } else { end.max(start + 1) };
            let span = Span::new(start, end.min(source.len().max(start)));
            let message = match tok {
                Tok::Indent => "unexpected indent".to_string(),
                Tok::Dedent => "unexpected unindent".to_string(),
                Tok::Newline if expected.iter().any(|e| e == "INDENT") => "expected an indented block".to_string(),
                Tok::Walrus => "the walrus operator `:=` is not supported".to_string(),
                ref other => format!("unexpected {other}"),
            };
            let label = if matches!(tok, Tok::Walrus) { String::new() } else { expected_label(&expected) };
            Diagnostic::error(span, message).with_label(label)
        }
        ParseError::ExtraToken { token: (start, tok, end) } => Diagnostic::error(Span::new(start, end), format!("unexpected {tok}")),
        ParseError::User { error } => Diagnostic::error(Span::new(error.start, error.end), error.message),
    }
}

/// Turns lalrpop's list of expected terminals into a short, readable label.
fn expected_label(expected: &[String]) -> String {
    let mut names: Vec<String> = expected
        .iter()
        .map(|e| match e.as_str() {
            "NAME" => "a name".to_string(),
            "NEWLINE" => "end of line".to_string(),
            "INDENT" => "an indented block".to_string(),
            "DEDENT" => "end of block".to_string(),
            "INT" | "FLOAT" | "STR" | "FSTR" | "IMAGINARY" => "an expression".to_string(),
            other => format!("`{}`", other.trim_matches('"')),
        })
        .collect();
    // Closing brackets and separators are the likeliest fixes; list them first.
    let rank = |n: &String| match n.as_str() {
        "`)`" | "`]`" => 0,
        "`,`" | "`:`" | "`=`" => 1,
        "end of line" => 2,
        "a name" | "an expression" => 3,
        _ => 4,
    };
    names.sort_by_key(rank);
    let mut unique = Vec::new();
    for n in names {
        if !unique.contains(&n) {
            unique.push(n);
        }
    }
    if unique.iter().any(|n| n == "an expression") {
        unique.retain(|n| !n.starts_with('`') || matches!(n.as_str(), "`)`" | "`]`" | "`:`" | "`,`" | "`=`"));
    }
    match unique.len() {
        0 => String::new(),
        1 => format!("expected {}", unique[0]),
        n if n <= 6 => format!("expected {} or {}", unique[..n - 1].join(", "), unique[n - 1]),
        _ => format!("expected {}, ...", unique[..5].join(", ")),
    }
}
