//! Text forms of values exactly as CPython and numpy print them: float repr, arrays, format specs.

use rhumba_runtime::{DType, Element, NdArray};

use super::value::{PyResult, Value};

pub use rhumba_runtime::text::{f32_repr, float_repr};

/// `str(value)`, what `print` shows.
pub fn str(value: &Value) -> String {
    match value {
        Value::Str(s) => s.to_string(),
        Value::Array(a) => array_str(a),
        Value::DType(d) => d.name().to_string(),
        // `str(KeyError(k))` is the key's repr, as in Python.
        Value::Exception(e) if e.class.name == "KeyError" && e.args.len() == 1 => repr(&e.args[0]),
        Value::Exception(e) => super::exceptions::message(&e.args),
        Value::Dict(d) => super::dict::repr(d),
        // `print(typed_list)` shows the items only (with `str`, as Numba's); `repr` adds the type.
        Value::List(items) if super::typed_containers::is_typed_list(items) => format!("[{}]", items.borrow().iter().map(str).collect::<Vec<_>>().join(", ")),
        Value::List(items) => format!("[{}]", items.borrow().iter().map(repr).collect::<Vec<_>>().join(", ")),
        other => repr(other),
    }
}

/// Numba's name for the type of a value (`int64`, `UniTuple(int64 x 2)`), where it has one.
fn numba_type_name(value: &Value) -> Option<String> {
    Some(match value {
        Value::Int(_) => "int64".into(),
        Value::Float(_) => "float64".into(),
        Value::F32(_) => "float32".into(),
        Value::Bool(_) => "bool".into(),
        Value::Complex(..) => "complex128".into(),
        Value::C64(..) => "complex64".into(),
        Value::Str(_) => "unicode_type".into(),
        Value::Tuple(items) => {
            let names: Vec<String> = items.iter().map(numba_type_name).collect::<Option<_>>()?;
            match names.first() {
                Some(first) if names.iter().all(|n| n == first) => format!("UniTuple({first} x {})", names.len()),
                _ => format!("Tuple({})", names.join(", ")),
            }
        }
        _ => return None,
    })
}

/// `repr(value)`, used inside containers.
pub fn repr(value: &Value) -> String {
    match value {
        Value::None => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => float_repr(*f),
        Value::F32(f) => f32_repr(*f),
        Value::Complex(re, im) => super::complex::repr(*re, *im, false),
        Value::C64(re, im) => super::complex::repr(*re as f64, *im as f64, true),
        Value::Str(s) => string_repr(s),
        Value::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Value::List(items) => {
            let typed = super::typed_containers::is_typed_list(items);
            let parts: Vec<String> = items.borrow().iter().map(|v| if typed { str(v) } else { repr(v) }).collect();
            let body = format!("[{}]", parts.join(", "));
            // A typed list shows its item type, as Numba's `repr` does (known from an item).
            match items.borrow().first().and_then(numba_type_name) {
                Some(item) if super::typed_containers::is_typed_list(items) => format!("ListType[{item}]({body})"),
                _ => body,
            }
        }
        Value::Array(a) => {
            let body = array_text(a, ", ");
            let body = body.replace('\n', "\n      ");
            // numpy leaves out the default dtypes of each kind.
            if matches!(a.dtype, DType::Float64 | DType::Int64 | DType::Bool | DType::Complex128) {
                format!("array({body})")
            } else {
                format!("array({body}, dtype={})", a.dtype)
            }
        }
        Value::Range(r) => {
            if r.step == 1 {
                format!("range({}, {})", r.start, r.stop)
            } else {
                format!("range({}, {}, {})", r.start, r.stop, r.step)
            }
        }
        Value::Slice(s) => {
            let f = |v: Option<i64>| v.map_or("None".to_string(), |x| x.to_string());
            format!("slice({}, {}, {})", f(s.lower), f(s.upper), f(s.step))
        }
        Value::Function(func) => format!("<function {}>", func.name()),
        Value::Exception(e) => super::exceptions::repr(e),
        // A typed dict shows its types, as Numba's `repr` does (known from an entry).
        Value::Dict(d) => {
            let body = super::dict::repr(d);
            let types = d.borrow().entries.values().next().and_then(|(k, v)| Some((numba_type_name(k)?, numba_type_name(v)?)));
            match types {
                Some((k, v)) if d.borrow().typed => format!("DictType[{k},{v}]<iv=None>({body})"),
                _ => body,
            }
        }
        Value::Instance(i) => super::classes::repr(i),
        Value::Class(c) => format!("<class '{}'>", c.name),
        Value::ExceptionClass(c) => format!("<class '{}'>", c.name),
        Value::Builtin(b) => format!("<built-in function {}>", b.name),
        Value::BoundMethod(m) => format!("<method {} of {}>", m.1, m.0.type_name()),
        Value::Module(m) => format!("<module '{}'>", m.name()),
        Value::DType(d) => format!("dtype('{}')", d.name()),
        Value::ScalarType(d) => format!("<class 'numpy.{}'>", if *d == DType::Bool { "bool" } else { d.name() }),
        Value::NumbaType(t) => t.to_string(),
        Value::Signature(s) => s.to_string(),
        Value::Decorator(_) => "<numba decorator>".into(),
        Value::Cuda(o) => super::cuda::repr(o),
        Value::SpecType(s) => match &**s {
            super::classes::SpecType::Deferred(_) => "DeferredType".into(),
            super::classes::SpecType::Optional(inner) => format!("OptionalType({})", repr(inner)),
        },
        Value::Lazy(_) => format!("<{} object>", value.type_name()),
    }
}

fn string_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::new();
    out.push(quote);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\\' => out.push_str("\\\\"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

// ------------------------------------------------------------------ numpy arrays

/// numpy's `str(array)` with default print options: 8 digits of precision, line width 75,
/// summarised with `...` above 1000 elements.
pub fn array_str(a: &NdArray) -> String {
    array_text(a, " ")
}

/// The text of an array's elements with `sep` between them: `" "` for `str`, `", "` for `repr`.
fn array_text(a: &NdArray, sep: &str) -> String {
    if a.ndim() == 0 {
        return element_str(a.read(a.offset), a.dtype);
    }
    let summarize = a.size() > 1000;
    let values: Vec<Element> = a.elements().collect();
    let formatter = ElementFormat::new(&values, a.dtype, summarize.then_some(&a.shape[..]));
    let mut out = String::new();
    let mut index = vec![0usize; a.ndim()];
    write_axis(a, &formatter, &mut index, 0, summarize, sep, &mut out);
    out
}

fn element_str(e: Element, dtype: DType) -> String {
    match e {
        Element::F32(f) => f32_repr(f),
        Element::F64(f) => float_repr(f),
        Element::C64(re, im) => super::complex::repr(re as f64, im as f64, true),
        Element::C128(re, im) => super::complex::repr(re, im, false),
        Element::Bool(b) => if b { "True" } else { "False" }.into(),
        Element::Int(i) => i.to_string(),
        Element::UInt(u) if dtype == DType::UInt64 => u.to_string(),
        Element::UInt(u) => u.to_string(),
    }
}

fn write_axis(a: &NdArray, f: &ElementFormat, index: &mut Vec<usize>, axis: usize, summarize: bool, sep: &str, out: &mut String) {
    let len = a.shape[axis];
    let shown: Vec<Option<usize>> = if summarize && len > 6 {
        (0..3).map(Some).chain([None]).chain((len - 3..len).map(Some)).collect()
    } else {
        (0..len).map(Some).collect()
    };
    out.push('[');
    if axis + 1 == a.ndim() {
        // The innermost axis: elements separated by spaces, wrapped at 75 columns.
        let indent = axis + 1;
        // `repr` lines start after `array(`, which counts toward the 75 columns.
        let prefix = if sep == ", " { "array(".len() } else { 0 };
        let mut line_len = indent + prefix;
        for (k, item) in shown.iter().enumerate() {
            let text = match item {
                Some(i) => {
                    index[axis] = *i;
                    f.format(a.read(a.offset_of(index)))
                }
                None => "...".to_string(),
            };
            if k > 0 {
                if line_len + sep.len() + text.len() + 1 > 75 {
                    // numpy strips the padding at the end of a wrapped line.
                    out.push_str(sep.trim_end());
                    while out.ends_with(' ') {
                        out.pop();
                    }
                    out.push('\n');
                    out.push_str(&" ".repeat(indent));
                    line_len = indent + prefix;
                } else {
                    out.push_str(sep);
                    line_len += sep.len();
                }
            }
            out.push_str(&text);
            line_len += text.len();
        }
    } else {
        let blank_lines = "\n".repeat(a.ndim() - axis - 1);
        for (k, item) in shown.iter().enumerate() {
            if k > 0 {
                out.push_str(sep.trim_end());
                out.push_str(&blank_lines);
                out.push_str(&" ".repeat(axis + 1));
            }
            match item {
                Some(i) => {
                    index[axis] = *i;
                    write_axis(a, f, index, axis + 1, summarize, sep, out);
                }
                None => out.push_str("..."),
            }
        }
    }
    out.push(']');
}

/// The common layout numpy chooses for all elements of one array.
enum ElementFormat {
    Int { width: usize },
    Bool,
    /// `plus` writes a `+` before non-negative values (the imaginary parts of complex numbers).
    Float { scientific: bool, int_width: usize, frac_width: usize, precision: usize, is_f32: bool, plus: bool },
    /// numpy's ComplexFloatingFormat: the real parts' layout, then the imaginary parts' (signed),
    /// then `j` before the imaginary part's padding.
    Complex { real: Box<ElementFormat>, imag: Box<ElementFormat> },
}

impl ElementFormat {
    fn new(values: &[Element], dtype: DType, _summary_shape: Option<&[usize]>) -> ElementFormat {
        if dtype == DType::Bool {
            return ElementFormat::Bool;
        }
        if dtype.is_complex() {
            let is_f32 = dtype == DType::Complex64;
            let real: Vec<f64> = values.iter().map(|e| e.as_complex().0).collect();
            let imag: Vec<f64> = values.iter().map(|e| e.as_complex().1).collect();
            return ElementFormat::Complex { real: Box::new(ElementFormat::float(&real, is_f32, false)), imag: Box::new(ElementFormat::float(&imag, is_f32, true)) };
        }
        if !dtype.is_float() {
            let width = values.iter().map(|e| element_str(*e, dtype).len()).max().unwrap_or(1);
            return ElementFormat::Int { width };
        }
        let values: Vec<f64> = values.iter().map(|e| e.as_f64()).collect();
        ElementFormat::float(&values, dtype == DType::Float32, false)
    }

    /// The common layout of floats (numpy's FloatingFormat with `sign='+'` when `plus`).
    fn float(values: &[f64], is_f32: bool, plus: bool) -> ElementFormat {
        let sign = |text: String| if plus && !text.starts_with('-') { format!("+{text}") } else { text };
        let finite: Vec<f64> = values.iter().cloned().filter(|x| x.is_finite()).collect();
        let nonzero: Vec<f64> = finite.iter().map(|x| x.abs()).filter(|x| *x != 0.0).collect();
        let max = nonzero.iter().cloned().fold(0.0, f64::max);
        let min = nonzero.iter().cloned().fold(f64::INFINITY, f64::min);
        let scientific = !nonzero.is_empty() && (max >= 1e8 || min < 1e-4 || max / min > 1e3);
        let mut int_width = 0;
        let mut frac_width = 0;
        let mut precision = 0;
        for x in &finite {
            let text = sign(if scientific { sci_unique(*x, is_f32) } else { positional_unique(*x, is_f32) });
            let mantissa = text.split('e').next().unwrap_or("");
            let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
            int_width = int_width.max(int_part.len());
            frac_width = frac_width.max(frac_part.len());
            precision = precision.max(frac_part.len());
        }
        for &x in values {
            if !x.is_finite() && !scientific {
                let text = sign(non_finite(x).to_string());
                // numpy widens the integer part so that `nan` and `inf` fit the common width.
                int_width = int_width.max(text.len().saturating_sub(frac_width + 1));
            }
        }
        ElementFormat::Float { scientific, int_width, frac_width, precision, is_f32, plus }
    }

    fn format(&self, e: Element) -> String {
        match self {
            ElementFormat::Bool => format!("{:>5}", if e.is_truthy() { "True" } else { "False" }),
            ElementFormat::Int { width } => format!("{:>width$}", element_str(e, DType::Int64)),
            ElementFormat::Complex { real, imag } => {
                let (re, im) = e.as_complex();
                let r = real.format(Element::F64(re));
                let i = imag.format(Element::F64(im));
                let end = i.trim_end().len();
                format!("{r}{}j{}", &i[..end], &i[end..])
            }
            ElementFormat::Float { scientific, int_width, frac_width, precision, is_f32, plus } => {
                let x = e.as_f64();
                let sign = |text: String| if *plus && !text.starts_with('-') { format!("+{text}") } else { text };
                if !x.is_finite() {
                    let text = sign(non_finite(x).to_string());
                    let exp_width = if *scientific { 4 } else { 0 };
                    let total = int_width + 1 + frac_width + exp_width;
                    return format!("{text:>total$}");
                }
                if *scientific {
                    let text = sign(sci_with_precision(x, *precision));
                    let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "+00"));
                    let (ip, fp) = mantissa.split_once('.').unwrap_or((mantissa, ""));
                    format!("{ip:>iw$}.{fp:<fw$}e{exp}", iw = int_width, fw = frac_width)
                } else {
                    let text = sign(positional_unique(x, *is_f32));
                    let (ip, fp) = text.split_once('.').unwrap_or((&text, ""));
                    format!("{ip:>iw$}.{fp:<fw$}", iw = int_width, fw = frac_width)
                }
            }
        }
    }
}

fn non_finite(x: f64) -> &'static str {
    if x.is_nan() {
        "nan"
    } else if x > 0.0 {
        "inf"
    } else {
        "-inf"
    }
}

/// numpy's `dragon4_positional(x, precision=8, unique=True, trim='.')`: shortest digits,
/// at most 8 after the point, `1.` for integral values.
fn positional_unique(x: f64, is_f32: bool) -> String {
    let shortest = if is_f32 { format!("{}", x as f32) } else { format!("{x}") };
    let (ip, fp) = shortest.split_once('.').unwrap_or((&shortest, ""));
    if fp.len() <= 8 {
        return format!("{ip}.{fp}");
    }
    let rounded = format!("{x:.8}");
    let trimmed = rounded.trim_end_matches('0');
    trimmed.to_string()
}

fn sci_unique(x: f64, is_f32: bool) -> String {
    let text = if is_f32 { format!("{:e}", x as f32) } else { format!("{x:e}") };
    let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
    let mantissa = if mantissa.contains('.') { mantissa.to_string() } else { format!("{mantissa}.") };
    let (ip, fp) = mantissa.split_once('.').unwrap_or((&mantissa, ""));
    if fp.len() <= 8 {
        return format!("{ip}.{fp}e{exp}");
    }
    // More than 8 digits: round to 8, then drop trailing zeros, as numpy's `unique` mode does
    // (1.5000000000000016e16 prints as `1.5e+16`).
    let rounded = if is_f32 { format!("{:.8e}", x as f32) } else { format!("{x:.8e}") };
    let (m, e) = rounded.split_once('e').unwrap_or((&rounded, "0"));
    format!("{}e{e}", m.trim_end_matches('0'))
}

/// Scientific notation with a fixed number of fraction digits, numpy's two-digit exponent.
fn sci_with_precision(x: f64, precision: usize) -> String {
    let text = format!("{:.*e}", precision, x);
    let (m, e) = text.split_once('e').unwrap_or((&text, "0"));
    let m = if m.contains('.') { m.to_string() } else { format!("{m}.") };
    let exp: i32 = e.parse().unwrap_or(0);
    format!("{m}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
}

// ------------------------------------------------------------------ format specs

/// Applies a format spec (`.3f`, `>10`, `08.2e`, `,d`, `%`) as `format(value, spec)` does.
pub fn format_spec(value: &Value, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(str(value));
    }
    let p = parse_spec(spec).ok_or_else(|| super::value::value_error(format!("Invalid format specifier '{spec}'")))?;
    let body = match (p.kind, value) {
        (Some('d'), Value::Int(i)) | (None, Value::Int(i)) => group(&i.abs().to_string(), p.grouping),
        (Some('d'), Value::Bool(b)) => (*b as i64).to_string(),
        (Some('s'), v) | (None, v @ Value::Str(_)) => {
            let s = str(v);
            match p.precision {
                Some(n) => s.chars().take(n).collect(),
                None => s,
            }
        }
        (Some(k @ ('f' | 'F' | 'e' | 'E' | 'g' | 'G' | '%')), v) | (Some(k), v @ (Value::Float(_) | Value::F32(_))) => {
            let x = v.as_f64()?.abs();
            let prec = p.precision.unwrap_or(6);
            match k {
                'f' | 'F' => group(&format!("{x:.prec$}"), p.grouping),
                '%' => format!("{:.prec$}%", x * 100.0),
                'e' | 'E' => {
                    let t = sci_python(x, prec);
                    if k == 'E' {
                        t.to_uppercase()
                    } else {
                        t
                    }
                }
                _ => general(x, p.precision.unwrap_or(6).max(1), p.alternate),
            }
        }
        (None, v @ (Value::Float(_) | Value::F32(_))) => match p.precision {
            Some(prec) => general(v.as_f64()?.abs(), prec.max(1), false),
            None => {
                let s = str(v);
                s.trim_start_matches('-').to_string()
            }
        },
        (_, v) => str(v),
    };
    let negative = match value {
        Value::Int(i) => *i < 0,
        Value::Float(f) => f.is_sign_negative() && !f.is_nan(),
        Value::F32(f) => f.is_sign_negative() && !f.is_nan(),
        _ => false,
    };
    let sign = if negative {
        "-"
    } else if matches!(value, Value::Int(_) | Value::Float(_) | Value::F32(_)) {
        match p.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    } else {
        ""
    };
    let width = p.width.unwrap_or(0);
    let content_len = sign.chars().count() + body.chars().count();
    if content_len >= width {
        return Ok(format!("{sign}{body}"));
    }
    let pad = width - content_len;
    let fill = p.fill.unwrap_or(if p.zero { '0' } else { ' ' });
    let default_align = if matches!(value, Value::Str(_)) { '<' } else { '>' };
    let align = p.align.unwrap_or(if p.zero { '=' } else { default_align });
    let fills = |n: usize| std::iter::repeat_n(fill, n).collect::<String>();
    Ok(match align {
        '<' => format!("{sign}{body}{}", fills(pad)),
        '^' => format!("{}{sign}{body}{}", fills(pad / 2), fills(pad - pad / 2)),
        '=' => format!("{sign}{}{body}", fills(pad)),
        _ => format!("{}{sign}{body}", fills(pad)),
    })
}

struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    alternate: bool,
    zero: bool,
    width: Option<usize>,
    grouping: bool,
    precision: Option<usize>,
    kind: Option<char>,
}

fn parse_spec(spec: &str) -> Option<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut s = Spec { fill: None, align: None, sign: None, alternate: false, zero: false, width: None, grouping: false, precision: None, kind: None };
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = Some(chars[0]);
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        s.sign = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        s.alternate = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        s.width = chars[start..i].iter().collect::<String>().parse().ok();
    }
    if i < chars.len() && (chars[i] == ',' || chars[i] == '_') {
        s.grouping = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        s.precision = Some(chars[start..i].iter().collect::<String>().parse().ok()?);
    }
    if i < chars.len() {
        s.kind = Some(chars[i]);
        i += 1;
    }
    (i == chars.len()).then_some(s)
}

fn group(digits: &str, grouping: bool) -> String {
    if !grouping {
        return digits.to_string();
    }
    let (int_part, rest) = match digits.find('.') {
        Some(p) => (&digits[..p], &digits[p..]),
        None => (digits, ""),
    };
    let mut out = String::new();
    for (k, c) in int_part.chars().enumerate() {
        if k > 0 && (int_part.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out + rest
}

/// `format(x, '.{prec}e')`: mantissa with `prec` digits and an exponent of at least two digits.
fn sci_python(x: f64, prec: usize) -> String {
    if !x.is_finite() {
        return float_repr(x);
    }
    let text = format!("{x:.prec$e}");
    let (m, e) = text.split_once('e').unwrap_or((&text, "0"));
    let exp: i32 = e.parse().unwrap_or(0);
    format!("{m}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
}

/// `format(x, '.{prec}g')`.
fn general(x: f64, prec: usize, alternate: bool) -> String {
    if !x.is_finite() {
        return float_repr(x);
    }
    if x == 0.0 {
        return "0".into();
    }
    let exp = format!("{x:.*e}", prec - 1).split_once('e').and_then(|(_, e)| e.parse::<i32>().ok()).unwrap_or(0);
    let text = if exp < -4 || exp >= prec as i32 {
        sci_python(x, prec - 1)
    } else {
        format!("{x:.*}", (prec as i32 - 1 - exp).max(0) as usize)
    };
    if alternate {
        return text;
    }
    match text.split_once('e') {
        Some((m, e)) if m.contains('.') => format!("{}e{e}", m.trim_end_matches('0').trim_end_matches('.')),
        Some(_) => text,
        None if text.contains('.') => text.trim_end_matches('0').trim_end_matches('.').to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_repr_matches_python() {
        let cases = [
            (0.1, "0.1"),
            (1e-05, "1e-05"),
            (1e16, "1e+16"),
            (123456789012345.6, "123456789012345.6"),
            (1.0, "1.0"),
            (-0.0, "-0.0"),
            (0.0001, "0.0001"),
            (1.5e300, "1.5e+300"),
            (f64::INFINITY, "inf"),
        ];
        for (x, want) in cases {
            assert_eq!(float_repr(x), want, "repr of {x:e}");
        }
    }

    #[test]
    fn arrays_print_like_numpy() {
        let a = NdArray::from_f64(&[3], [0.0, 0.5, 1.0]);
        assert_eq!(array_str(&a), "[0.  0.5 1. ]");
        let b = NdArray::from_f64(&[2, 2], [1.0, -2.25, 3.0, 4.0]);
        assert_eq!(array_str(&b), "[[ 1.   -2.25]\n [ 3.    4.  ]]");
        let c = NdArray::from_elements(DType::Int64, &[3], [1, -20, 3].map(Element::Int));
        assert_eq!(array_str(&c), "[  1 -20   3]");
        let d = NdArray::from_f64(&[2], [1e-5, 1.0]);
        assert_eq!(array_str(&d), "[1.e-05 1.e+00]");
        // Digits beyond numpy's 8 are rounded away, and the zeros that leaves are trimmed.
        let e = NdArray::from_f64(&[1], [1.5000000000000016e16]);
        assert_eq!(array_str(&e), "[1.5e+16]");
        let f = NdArray::from_f64(&[2], [1.2345678912e16, 1.0]);
        assert_eq!(array_str(&f), "[1.23456789e+16 1.00000000e+00]");
    }

    #[test]
    fn format_specs_follow_python() {
        assert_eq!(format_spec(&Value::Float(3.14159), ".3f").unwrap(), "3.142");
        assert_eq!(format_spec(&Value::Float(-3.5), "8.2f").unwrap(), "   -3.50");
        assert_eq!(format_spec(&Value::Int(42), "05d").unwrap(), "00042");
        assert_eq!(format_spec(&Value::Int(1234567), ",").unwrap(), "1,234,567");
        assert_eq!(format_spec(&Value::Float(12345.678), ".3e").unwrap(), "1.235e+04");
        assert_eq!(format_spec(&Value::Float(0.0001234), "g").unwrap(), "0.0001234");
        assert_eq!(format_spec(&Value::str("ab"), ">4").unwrap(), "  ab");
    }
}
