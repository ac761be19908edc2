//! Python's text forms of numbers (`repr(float)`, numpy's float32, `repr(complex)`), shared by
//! the interpreter's printing and compiled code's `print`, which must write the same digits.

/// Python's `repr(float)`: the shortest string that reads back to the same double,
/// positional for exponents in [-4, 16), scientific (`1e-05`, `1.5e+16`) otherwise.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let mut sci = format!("{:e}", x);
    // Seventeen digits can tie between two candidates; Python then rounds the exact value half
    // to even, which Rust's fixed-precision formatting also does.
    if sci.split('e').next().is_some_and(|m| m.chars().filter(|c| c.is_ascii_digit()).count() >= 17) {
        sci = format!("{:.16e}", x);
    }
    let (negative, digits, exp) = shortest_digits(sci);
    let digits = digits.trim_end_matches('0');
    python_layout(negative, if digits.is_empty() { "0" } else { digits }, exp, 16)
}

/// The shortest digits of a float32 (numpy's `str(np.float32(x))`), laid out like Python's repr.
pub fn f32_repr(x: f32) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let (negative, digits, exp) = shortest_digits(format!("{:e}", x));
    // numpy prints float32 scalars positionally only below 1e6.
    python_layout(negative, &digits, exp, 6)
}

/// Splits Rust's shortest `{:e}` output (`-1.2345e-5`) into sign, digits and decimal exponent.
fn shortest_digits(sci: String) -> (bool, String, i32) {
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    (negative, digits, exp.parse().unwrap_or(0))
}

fn python_layout(negative: bool, digits: &str, exp: i32, cutoff: i32) -> String {
    let sign = if negative { "-" } else { "" };
    if (-4..cutoff).contains(&exp) {
        let n = digits.len() as i32;
        let body = if exp >= n - 1 {
            format!("{digits}{}.0", "0".repeat((exp - n + 1) as usize))
        } else if exp >= 0 {
            let point = (exp + 1) as usize;
            format!("{}.{}", &digits[..point], &digits[point..])
        } else {
            format!("0.{}{digits}", "0".repeat((-exp - 1) as usize))
        };
        format!("{sign}{body}")
    } else {
        let mantissa = if digits.len() > 1 { format!("{}.{}", &digits[..1], &digits[1..]) } else { digits.to_string() };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{mantissa}e{esign}{:02}", exp.abs())
    }
}

/// Python's `repr(complex)`: `(1+2j)`, `-3j`, with integral parts written without `.0`;
/// `single` for a complex64's parts (printed at float32's precision).
pub fn complex_repr(re: f64, im: f64, single: bool) -> String {
    let text = |x: f64| {
        let s = if single { f32_repr(x as f32) } else { float_repr(x) };
        match s.strip_suffix(".0") {
            Some(short) => short.to_string(),
            None => s,
        }
    };
    let imag = text(im);
    if re == 0.0 && re.is_sign_positive() {
        return format!("{imag}j");
    }
    let sign = if imag.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{imag}j)", text(re))
}
