//! Tokens: a logos lexer for the raw tokens, then Python's layout rules (NEWLINE, INDENT, DEDENT).

use std::fmt;
use std::rc::Rc;

use logos::Logos;

use crate::ast::Span;
use crate::diagnostic::Diagnostic;

/// One token. The raw lexer never produces `Indent`, `Dedent` or `Newline` directly with layout
/// meaning: `RawNewline` is turned into those by [`tokenize`].
#[derive(Logos, Clone, Debug, PartialEq)]
#[logos(skip r"[ \t\f\r]+")]
#[logos(skip(r"#[^\n]*", allow_greedy = true))]
#[logos(skip r"\\\r?\n")]
pub enum Tok {
    #[token("\n")]
    RawNewline,
    Newline,
    Indent,
    Dedent,

    // Identifiers as Python 3 has them: Unicode letters too (`é = 1`).
    #[regex(r"[\p{XID_Start}_][\p{XID_Continue}]*", |lex| Rc::<str>::from(lex.slice()))]
    Name(Rc<str>),
    #[regex(r"[0-9](_?[0-9])*", |lex| parse_decimal(lex.slice()))]
    #[regex(r"0[xX](_?[0-9a-fA-F])+", |lex| parse_int(&lex.slice()[2..], 16))]
    #[regex(r"0[oO](_?[0-7])+", |lex| parse_int(&lex.slice()[2..], 8))]
    #[regex(r"0[bB](_?[01])+", |lex| parse_int(&lex.slice()[2..], 2))]
    Int(u64),
    #[regex(r"[0-9](_?[0-9])*\.([0-9](_?[0-9])*)?([eE][+-]?[0-9](_?[0-9])*)?", parse_float)]
    #[regex(r"\.[0-9](_?[0-9])*([eE][+-]?[0-9](_?[0-9])*)?", parse_float)]
    #[regex(r"[0-9](_?[0-9])*[eE][+-]?[0-9](_?[0-9])*", parse_float)]
    Float(f64),
    /// An imaginary literal such as `1j` or `2.5e-3J`: the value of its imaginary part.
    #[regex(r"([0-9](_?[0-9])*(\.([0-9](_?[0-9])*)?)?|\.[0-9](_?[0-9])*)([eE][+-]?[0-9](_?[0-9])*)?[jJ]", parse_imaginary)]
    Imaginary(f64),
    /// A string literal, escapes already decoded.
    #[regex(r#"([rR]|[uU]|[bB]|[rR][bB]|[bB][rR])?'([^'\\\n]|\\(.|\n))*'"#, decode_string)]
    #[regex(r#"([rR]|[uU]|[bB]|[rR][bB]|[bB][rR])?"([^"\\\n]|\\(.|\n))*""#, decode_string)]
    #[regex(r#"([rR]|[uU]|[bB]|[rR][bB]|[bB][rR])?'''([^'\\]|\\(.|\n)|'[^']|''[^'])*'''"#, decode_string)]
    #[regex(r#"([rR]|[uU]|[bB]|[rR][bB]|[bB][rR])?"""([^"\\]|\\(.|\n)|"[^"]|""[^"])*""""#, decode_string)]
    Str(Rc<str>),
    /// An f-string: the text between the quotes, undecoded; the parser splits out its `{holes}`.
    #[regex(r#"([fF]|[fF][rR]|[rR][fF])'([^'\\\n]|\\(.|\n))*'"#, fstring_body)]
    #[regex(r#"([fF]|[fF][rR]|[rR][fF])"([^"\\\n]|\\(.|\n))*""#, fstring_body)]
    FStr(Rc<str>),

    // Keywords.
    #[token("def")]
    Def,
    #[token("return")]
    Return,
    #[token("if")]
    If,
    #[token("elif")]
    Elif,
    #[token("else")]
    Else,
    #[token("for")]
    For,
    #[token("while")]
    While,
    #[token("in")]
    In,
    #[token("not")]
    Not,
    #[token("and")]
    And,
    #[token("or")]
    Or,
    #[token("is")]
    Is,
    #[token("break")]
    Break,
    #[token("continue")]
    Continue,
    #[token("pass")]
    Pass,
    #[token("None")]
    NoneKw,
    #[token("True")]
    True,
    #[token("False")]
    False,
    #[token("import")]
    Import,
    #[token("from")]
    From,
    #[token("as")]
    As,
    #[token("lambda")]
    Lambda,
    #[token("global")]
    Global,
    #[token("assert")]
    Assert,
    #[token("raise")]
    Raise,
    #[token("try")]
    Try,
    #[token("except")]
    Except,
    #[token("finally")]
    Finally,
    #[token("class")]
    Class,
    #[token("del")]
    Del,
    /// Python keywords for constructs outside the supported subset. They are lexed so that the
    /// error can name the construct instead of calling it a syntax error.
    #[token("with", |lex| Rc::<str>::from(lex.slice()))]
    #[token("yield", |lex| Rc::<str>::from(lex.slice()))]
    #[token("async", |lex| Rc::<str>::from(lex.slice()))]
    #[token("await", |lex| Rc::<str>::from(lex.slice()))]
    #[token("nonlocal", |lex| Rc::<str>::from(lex.slice()))]
    Unsupported(Rc<str>),

    // Operators and delimiters.
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(",")]
    Comma,
    #[token(":")]
    Colon,
    #[token(";")]
    Semi,
    #[token(".")]
    Dot,
    #[token("@")]
    At,
    #[token("=")]
    Assign,
    #[token("->")]
    Arrow,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("**")]
    DoubleStar,
    #[token("/")]
    Slash,
    #[token("//")]
    DoubleSlash,
    #[token("%")]
    Percent,
    #[token("<<")]
    LShift,
    #[token(">>")]
    RShift,
    #[token("&")]
    Amper,
    #[token("|")]
    Pipe,
    #[token("^")]
    Caret,
    #[token("~")]
    Tilde,
    #[token("<")]
    Less,
    #[token(">")]
    Greater,
    #[token("<=")]
    LessEq,
    #[token(">=")]
    GreaterEq,
    #[token("==")]
    EqEq,
    #[token("!=")]
    NotEq,
    #[token("+=")]
    PlusEq,
    #[token("-=")]
    MinusEq,
    #[token("*=")]
    StarEq,
    #[token("/=")]
    SlashEq,
    #[token("//=")]
    DoubleSlashEq,
    #[token("%=")]
    PercentEq,
    #[token("**=")]
    DoubleStarEq,
    #[token("@=")]
    AtEq,
    #[token("&=")]
    AmperEq,
    #[token("|=")]
    PipeEq,
    #[token("^=")]
    CaretEq,
    #[token("<<=")]
    LShiftEq,
    #[token(">>=")]
    RShiftEq,
    #[token(":=")]
    Walrus,
}

/// A decimal integer; `0777` is refused as CPython refuses it (leading zeros are only allowed
/// in zero itself).
fn parse_decimal(digits: &str) -> Option<u64> {
    if digits.starts_with('0') && digits.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        return None;
    }
    parse_int(digits, 10)
}

fn parse_int(digits: &str, radix: u32) -> Option<u64> {
    u64::from_str_radix(&digits.replace('_', ""), radix).ok()
}

fn parse_float(lex: &mut logos::Lexer<Tok>) -> Option<f64> {
    lex.slice().replace('_', "").parse().ok()
}

fn parse_imaginary(lex: &mut logos::Lexer<Tok>) -> Option<f64> {
    let text = lex.slice();
    text[..text.len() - 1].replace('_', "").parse().ok()
}

fn fstring_body(lex: &mut logos::Lexer<Tok>) -> Rc<str> {
    let text = lex.slice();
    let open = text.find(['\'', '"']).unwrap_or(0);
    Rc::from(&text[open + 1..text.len() - 1])
}

/// Strips the prefix and quotes of a string literal and decodes its escapes.
fn decode_string(lex: &mut logos::Lexer<Tok>) -> Option<Rc<str>> {
    let text = lex.slice();
    let open = text.find(['\'', '"'])?;
    let raw = text[..open].contains(['r', 'R']);
    let quote_len = if text[open..].starts_with("'''") || text[open..].starts_with("\"\"\"") { 3 } else { 1 };
    let body = &text[open + quote_len..text.len() - quote_len];
    if raw && !text[..open].contains(['b', 'B']) {
        return Some(Rc::from(body));
    }
    // Bytes are not a type rhumba has: refused (a clear error), not read as a str.
    if text[..open].contains(['b', 'B']) {
        return None;
    }
    decode_escapes(body).map(Rc::from)
}

/// Decodes Python's backslash escapes; `None` for a malformed `\x`, `\u` or `\U` escape.
pub fn decode_escapes(body: &str) -> Option<String> {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\');
            break;
        };
        match e {
            '\n' => {}
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            // Octal: up to three digits (`\0`, `\012`, `\777`).
            '0'..='7' => {
                let mut code = e.to_digit(8)?;
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            code = code * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(code)?);
            }
            // Named characters need Unicode's name table, which rhumba does not carry: refused
            // (a clear error) rather than kept as the six characters `\N{..}`.
            'N' => return None,
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'v' => out.push('\x0b'),
            '\\' | '\'' | '"' => out.push(e),
            'x' | 'u' | 'U' => {
                let width = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = (0..width).filter_map(|_| chars.next()).collect();
                let code = u32::from_str_radix(&hex, 16).ok()?;
                out.push(char::from_u32(code)?);
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Some(out)
}

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Tok::RawNewline | Tok::Newline => "end of line",
            Tok::Indent => "indent",
            Tok::Dedent => "dedent",
            Tok::Name(n) => return write!(f, "name `{n}`"),
            Tok::Int(v) => return write!(f, "integer `{v}`"),
            Tok::Float(v) => return write!(f, "number `{v}`"),
            Tok::Imaginary(v) => return write!(f, "number `{v}j`"),
            Tok::Str(_) | Tok::FStr(_) => "string literal",
            Tok::Unsupported(kw) => return write!(f, "`{kw}`"),
            other => return write!(f, "`{}`", keyword_or_operator_text(other)),
        };
        f.write_str(text)
    }
}

fn keyword_or_operator_text(tok: &Tok) -> &'static str {
    match tok {
        Tok::Def => "def",
        Tok::Return => "return",
        Tok::If => "if",
        Tok::Elif => "elif",
        Tok::Else => "else",
        Tok::For => "for",
        Tok::While => "while",
        Tok::In => "in",
        Tok::Not => "not",
        Tok::And => "and",
        Tok::Or => "or",
        Tok::Is => "is",
        Tok::Break => "break",
        Tok::Continue => "continue",
        Tok::Pass => "pass",
        Tok::NoneKw => "None",
        Tok::True => "True",
        Tok::False => "False",
        Tok::Import => "import",
        Tok::From => "from",
        Tok::As => "as",
        Tok::Lambda => "lambda",
        Tok::Global => "global",
        Tok::Assert => "assert",
        Tok::Raise => "raise",
        Tok::Try => "try",
        Tok::Except => "except",
        Tok::Finally => "finally",
        Tok::Class => "class",
        Tok::Del => "del",
        Tok::LParen => "(",
        Tok::RParen => ")",
        Tok::LBracket => "[",
        Tok::RBracket => "]",
        Tok::LBrace => "{",
        Tok::RBrace => "}",
        Tok::Comma => ",",
        Tok::Colon => ":",
        Tok::Semi => ";",
        Tok::Dot => ".",
        Tok::At => "@",
        Tok::Assign => "=",
        Tok::Arrow => "->",
        Tok::Plus => "+",
        Tok::Minus => "-",
        Tok::Star => "*",
        Tok::DoubleStar => "**",
        Tok::Slash => "/",
        Tok::DoubleSlash => "//",
        Tok::Percent => "%",
        Tok::LShift => "<<",
        Tok::RShift => ">>",
        Tok::Amper => "&",
        Tok::Pipe => "|",
        Tok::Caret => "^",
        Tok::Tilde => "~",
        Tok::Less => "<",
        Tok::Greater => ">",
        Tok::LessEq => "<=",
        Tok::GreaterEq => ">=",
        Tok::EqEq => "==",
        Tok::NotEq => "!=",
        Tok::PlusEq => "+=",
        Tok::MinusEq => "-=",
        Tok::StarEq => "*=",
        Tok::SlashEq => "/=",
        Tok::DoubleSlashEq => "//=",
        Tok::PercentEq => "%=",
        Tok::DoubleStarEq => "**=",
        Tok::AtEq => "@=",
        Tok::AmperEq => "&=",
        Tok::PipeEq => "|=",
        Tok::CaretEq => "^=",
        Tok::LShiftEq => "<<=",
        Tok::RShiftEq => ">>=",
        Tok::Walrus => ":=",
        _ => "token",
    }
}

/// CPython's limits on nesting, enforced where CPython enforces them (its tokenizer): 100 levels
/// of indentation (`IndentationError: too many levels of indentation`) and 200 open brackets.
pub const MAX_INDENTS: usize = 100;
pub const MAX_BRACKETS: usize = 200;

/// A token with its byte offsets, as lalrpop wants it.
pub type Spanned = (usize, Tok, usize);

/// Lexes `source` into layout tokens. Lexical errors become diagnostics and the offending text is
/// skipped, so that the parser still sees the rest of the file and can report more errors.
pub fn tokenize(source: &str) -> (Vec<Spanned>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut indents: Vec<usize> = vec![0];
    let mut alt_indents: Vec<usize> = vec![0];
    let mut depth: usize = 0;
    let mut at_line_start = true;
    let mut lex = Tok::lexer(source);
    while let Some(result) = lex.next() {
        let range = lex.span();
        let tok = match result {
            Ok(tok) => tok,
            Err(()) => {
                errors.push(lexical_error(source, range.clone()));
                continue;
            }
        };
        match tok {
            Tok::RawNewline => {
                if depth == 0 && !at_line_start {
                    out.push((range.start, Tok::Newline, range.end));
                    at_line_start = true;
                }
                continue;
            }
            Tok::LParen | Tok::LBracket | Tok::LBrace => {
                depth += 1;
                if depth == MAX_BRACKETS + 1 {
                    errors.push(Diagnostic::error(Span::new(range.start, range.end), "too many nested parentheses").with_label(format!("more than {MAX_BRACKETS} open brackets here")));
                }
            }
            Tok::RParen | Tok::RBracket | Tok::RBrace => depth = depth.saturating_sub(1),
            _ => {}
        }
        if at_line_start {
            let column = indentation_of(source, range.start);
            // CPython also measures with tabs as one column: when the two measures disagree on
            // how this line's indentation compares with the enclosing block's, the meaning
            // depends on the tab size (TabError).
            let alt = indentation_alt(source, range.start);
            let (top8, top1) = (*indents.last().unwrap_or(&0), *alt_indents.last().unwrap_or(&0));
            let tab_error = |errors: &mut Vec<Diagnostic>| {
                errors.push(
                    Diagnostic::error(Span::new(range.start - (range.start - source[..range.start].rfind('\n').map_or(0, |i| i + 1)), range.start), "inconsistent use of tabs and spaces in indentation")
                        .with_label("this line's indentation"),
                )
            };
            if column >= top8 && column.cmp(&top8) != alt.cmp(&top1) {
                tab_error(&mut errors);
            }
            let top = *indents.last().unwrap_or(&0);
            if column > top {
                indents.push(column);
                alt_indents.push(alt);
                if indents.len() == MAX_INDENTS + 1 {
                    errors.push(
                        Diagnostic::error(Span::new(range.start - column.min(range.start), range.start), "too many levels of indentation")
                            .with_label(format!("indentation level {MAX_INDENTS} starts here")),
                    );
                }
                out.push((range.start, Tok::Indent, range.start));
            } else if column < top {
                while column < *indents.last().unwrap_or(&0) {
                    indents.pop();
                    alt_indents.pop();
                    out.push((range.start, Tok::Dedent, range.start));
                }
                if column == *indents.last().unwrap_or(&0) && alt != *alt_indents.last().unwrap_or(&0) {
                    tab_error(&mut errors);
                }
                if column != *indents.last().unwrap_or(&0) {
                    errors.push(
                        Diagnostic::error(
                            Span::new(range.start - column.min(range.start), range.start),
                            "unindent does not match any outer indentation level",
                        )
                        .with_label("this line's indentation"),
                    );
                }
            }
            at_line_start = false;
        }
        out.push((range.start, tok, range.end));
    }
    let end = source.len();
    if !at_line_start {
        out.push((end, Tok::Newline, end));
    }
    for _ in 1..indents.len() {
        out.push((end, Tok::Dedent, end));
    }
    (out, errors)
}

/// The indentation column of the line holding `offset`: tabs advance to the next multiple of 8.
fn indentation_of(source: &str, offset: usize) -> usize {
    let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let mut column = 0;
    for c in source[line_start..offset].chars() {
        match c {
            '\t' => column = (column / 8 + 1) * 8,
            '\x0c' => column = 0,
            _ => column += 1,
        }
    }
    column
}

/// The indentation of the line holding `offset` counting a tab as one column (CPython's
/// "alternate" measure, used to detect TabError).
fn indentation_alt(source: &str, offset: usize) -> usize {
    let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    source[line_start..offset].chars().filter(|c| *c != '\x0c').count()
}

fn lexical_error(source: &str, range: std::ops::Range<usize>) -> Diagnostic {
    let text = &source[range.clone()];
    let span = Span::new(range.start, range.end.max(range.start + 1).min(source.len().max(range.start)));
    let first = text.chars().next().unwrap_or(' ');
    // A whole string literal the lexer refused: bytes, or a `\N{...}` escape.
    let quote = text.find(['\'', '"']);
    let complete = quote.is_some_and(|q| text.len() > q + 1 && text.ends_with(&text[q..q + 1]));
    if complete && quote.is_some_and(|q| text[..q].contains(['b', 'B'])) {
        Diagnostic::error(span, "bytes literals are not supported").with_label("rhumba has str but no bytes type yet")
    } else if complete && text.contains("\\N{") {
        Diagnostic::error(span, "`\\N{...}` escapes are not supported").with_label("write the character itself, or `\\u` with its code point")
    } else if first == '\'' || first == '"' || text.starts_with(['r', 'b', 'f', 'R', 'B', 'F', 'u', 'U']) && text.contains(['\'', '"']) {
        Diagnostic::error(span, "unterminated string literal").with_label("the string starts here")
    } else if text.starts_with('0') && text.bytes().all(|b| b.is_ascii_digit() || b == b'_') {
        Diagnostic::error(span, "leading zeros in decimal integer literals are not permitted").with_label("use an 0o prefix for octal integers")
    } else if first.is_ascii_digit() {
        Diagnostic::error(span, format!("invalid number literal `{text}`")).with_label("integers must fit in 64 bits")
    } else {
        Diagnostic::error(span, format!("invalid character `{}` in source", first.escape_default())).with_label("not valid here")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> String {
        let (toks, errs) = tokenize(src);
        let mut s: Vec<String> = toks.iter().map(|(_, t, _)| format!("{t:?}")).collect();
        s.extend(errs.iter().map(|e| format!("ERR({})", e.message)));
        s.join(" ")
    }

    #[test]
    fn layout_tokens_follow_python() {
        let src = "def f(a,\n      b):\n    x = 1  # c\n\n    if x:\n        y = \\\n 2\n    return y\nz = .5 + 1e-5\n";
        expect_test::expect![[r#"Def Name("f") LParen Name("a") Comma Name("b") RParen Colon Newline Indent Name("x") Assign Int(1) Newline If Name("x") Colon Newline Indent Name("y") Assign Int(2) Newline Dedent Return Name("y") Newline Dedent Name("z") Assign Float(0.5) Plus Float(1e-5) Newline"#]]
            .assert_eq(&kinds(src));
    }

    #[test]
    fn strings_decode_escapes() {
        expect_test::expect![[r#"Str("a\nb") Str("it's") Str("x\\n") Str("l1\nl2") Newline"#]]
            .assert_eq(&kinds("'a\\nb' \"it's\" r'x\\n' '''l1\nl2'''"));
    }

    #[test]
    fn inconsistent_dedent_is_an_error() {
        let (_, errs) = tokenize("if x:\n        a\n    b\n");
        assert_eq!(errs.len(), 1);
        assert!(errs[0].message.contains("unindent"));
    }
}
