//! Small constructors used by the grammar's actions, kept out of the `.lalrpop` file so they are plain Rust.

use std::rc::Rc;

use lalrpop_util::ParseError;

use crate::ast::*;
use crate::lexer::Tok;

/// An error raised by a grammar action, with the byte range it concerns.
#[derive(Clone, Debug, PartialEq)]
pub struct UserError {
    pub message: String,
    pub start: usize,
    pub end: usize,
}

pub fn user_error(start: usize, end: usize, message: impl Into<String>) -> ParseError<usize, Tok, UserError> {
    ParseError::User { error: UserError { message: message.into(), start, end } }
}

pub enum CallArg {
    Positional(Expr),
    Keyword(Keyword),
}

pub enum StringLit {
    Plain(Rc<str>),
    Format(Rc<str>),
}

pub fn tuple_or_single(mut items: Vec<Expr>, trailing_comma: bool, span: Span) -> Expr {
    if items.len() == 1 && !trailing_comma {
        items.pop().expect("one item")
    } else {
        Expr::new(ExprKind::Tuple(items), span)
    }
}

/// `(x)` is `x`; a parenthesised tuple takes the span of its parentheses.
pub fn parenthesized(e: Expr, span: Span) -> Expr {
    match e.kind {
        ExprKind::Tuple(_) => Expr { span, ..e },
        _ => e,
    }
}

pub fn bool_op(op: BoolOp, first: Expr, rest: Vec<Expr>, span: Span) -> Expr {
    let mut values = vec![first];
    values.extend(rest);
    Expr::new(ExprKind::BoolOp { op, values }, span)
}

pub fn unary(op: UnaryOp, operand: Expr, span: Span) -> Expr {
    Expr::new(ExprKind::UnaryOp { op, operand: Box::new(operand) }, span)
}

pub fn build_call(func: Expr, args: Vec<CallArg>, span: Span) -> Expr {
    let mut positional = Vec::new();
    let mut keywords = Vec::new();
    for arg in args {
        match arg {
            CallArg::Positional(e) => positional.push(e),
            CallArg::Keyword(k) => keywords.push(k),
        }
    }
    Expr::new(ExprKind::Call { func: Box::new(func), args: positional, keywords }, span)
}

/// `if/elif/else` becomes nested `If` statements, each `elif` the `orelse` of the one before.
pub fn build_if(
    l: usize,
    r: usize,
    test: Expr,
    body: Vec<Stmt>,
    elifs: Vec<(usize, Expr, Vec<Stmt>)>,
    orelse: Option<Vec<Stmt>>,
) -> Stmt {
    let mut tail = orelse.unwrap_or_default();
    for (start, test, body) in elifs.into_iter().rev() {
        tail = vec![Stmt { kind: StmtKind::If { test, body, orelse: tail }, span: Span::new(start, r) }];
    }
    Stmt { kind: StmtKind::If { test, body, orelse: tail }, span: Span::new(l, r) }
}

/// A lambda is an anonymous function whose body returns one expression.
pub fn build_lambda(params: Vec<Param>, body: Expr, span: Span) -> Expr {
    let ret = Stmt { span: body.span, kind: StmtKind::Return(Some(body)) };
    let name = Ident { name: crate::symbol::Symbol::intern("<lambda>"), span };
    let def = FunctionDef { name, params, vararg: None, returns: None, body: vec![ret], decorators: vec![], span };
    Expr::new(ExprKind::Lambda(Rc::new(def)), span)
}

/// Adjacent string literals concatenate; if any is an f-string the result is an f-string.
pub fn concat_strings(pieces: Vec<(usize, StringLit, usize)>, l: usize, r: usize) -> Result<Expr, ParseError<usize, Tok, UserError>> {
    let span = Span::new(l, r);
    if pieces.iter().all(|(_, p, _)| matches!(p, StringLit::Plain(_))) {
        let mut text = String::new();
        for (_, piece, _) in &pieces {
            if let StringLit::Plain(s) = piece {
                text.push_str(s);
            }
        }
        return Ok(Expr::new(ExprKind::Str(Rc::from(text)), span));
    }
    let mut parts = Vec::new();
    for (start, piece, end) in pieces {
        match piece {
            StringLit::Plain(s) => parts.push(FStringPart::Literal(s)),
            StringLit::Format(body) => {
                // The body starts after the prefix and the opening quote.
                let body_start = end - 1 - body.len();
                parts.extend(split_fstring(&body, body_start).map_err(|(s, e, m)| user_error(s.max(start), e.max(s.max(start)), m))?);
            }
        }
    }
    Ok(Expr::new(ExprKind::FString(parts), span))
}

/// Splits an f-string body into literal text and `{expr[!r][:spec]}` holes, parsing each hole.
fn split_fstring(body: &str, offset: usize) -> Result<Vec<FStringPart>, (usize, usize, String)> {
    let mut parts = Vec::new();
    let mut literal = String::new();
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => {
                literal.push('{');
                i += 2;
            }
            b'}' if bytes.get(i + 1) == Some(&b'}') => {
                literal.push('}');
                i += 2;
            }
            b'{' => {
                let start = i + 1;
                let mut depth = 0usize;
                let mut j = start;
                let mut colon = None;
                while j < bytes.len() {
                    match bytes[j] {
                        b'(' | b'[' | b'{' => depth += 1,
                        b')' | b']' => depth = depth.saturating_sub(1),
                        b'}' if depth == 0 => break,
                        b'}' => depth -= 1,
                        b':' if depth == 0 && colon.is_none() => colon = Some(j),
                        _ => {}
                    }
                    j += 1;
                }
                if j >= bytes.len() {
                    return Err((offset + i, offset + body.len(), "f-string: expecting '}'".into()));
                }
                let expr_end = colon.unwrap_or(j);
                let mut expr_text = &body[start..expr_end];
                if let Some(bang) = expr_text.rfind("!r").or_else(|| expr_text.rfind("!s")) {
                    if bang + 2 == expr_text.trim_end().len() {
                        expr_text = &expr_text[..bang];
                    }
                }
                let spec = colon.map(|c| Rc::from(&body[c + 1..j]));
                let value = crate::parse_expression_at(expr_text, offset + start)
                    .map_err(|d| (d.span.start as usize, d.span.end as usize, format!("in f-string: {}", d.message)))?;
                if !literal.is_empty() {
                    parts.push(FStringPart::Literal(Rc::from(crate::lexer::decode_escapes(&literal).unwrap_or(literal.clone()))));
                    literal.clear();
                }
                parts.push(FStringPart::Hole { value, spec });
                i = j + 1;
            }
            _ => {
                let c = body[i..].chars().next().unwrap_or(' ');
                literal.push(c);
                i += c.len_utf8();
            }
        }
    }
    if !literal.is_empty() {
        parts.push(FStringPart::Literal(Rc::from(crate::lexer::decode_escapes(&literal).unwrap_or(literal))));
    }
    Ok(parts)
}
