//! `print(...)` in compiled code: each argument is appended to this thread's line in Python's
//! text form, separators and the end are added, and the whole line goes either straight to
//! standard output (a host that prints there itself, such as `rhumba run`, asks for that with
//! [`print_directly`]) or to this thread's printed text, which the host takes with
//! [`take_printed`] after the call and writes where its own output goes (a captured buffer, a
//! REPL). Compiled `print` runs only on the calling thread (the checker refuses it in `prange`
//! bodies and CUDA kernels), so thread-local state is enough.

use std::cell::{Cell, RefCell};
use std::io::Write;

thread_local! {
    /// The line being printed by this thread.
    static LINE: RefCell<String> = const { RefCell::new(String::new()) };
    /// Lines printed by this thread's compiled code, not yet taken by the host.
    static PRINTED: RefCell<String> = const { RefCell::new(String::new()) };
    /// Whether lines go straight to standard output.
    static DIRECT: Cell<bool> = const { Cell::new(false) };
}

/// Sends compiled code's printed lines on this thread straight to standard output (`true`) or
/// keeps them for [`take_printed`] (`false`, the default).
pub fn print_directly(on: bool) {
    DIRECT.with(|d| d.set(on));
}

/// The lines compiled code on this thread printed since the last call (empty in direct mode).
pub fn take_printed() -> String {
    PRINTED.with(|p| std::mem::take(&mut *p.borrow_mut()))
}

fn append(text: &str) {
    LINE.with(|l| l.borrow_mut().push_str(text));
}

/// An `int64` argument.
#[no_mangle]
pub extern "C" fn rhumba_print_int(x: i64) {
    append(&x.to_string());
}

/// A `uint64` argument.
#[no_mangle]
pub extern "C" fn rhumba_print_uint(x: u64) {
    append(&x.to_string());
}

/// A float argument (a float32 is printed as the Python float Numba boxes it to).
#[no_mangle]
pub extern "C" fn rhumba_print_float(x: f64) {
    append(&crate::text::float_repr(x));
}

/// A bool argument.
#[no_mangle]
pub extern "C" fn rhumba_print_bool(x: i8) {
    append(if x != 0 { "True" } else { "False" });
}

/// A complex argument, by its parts (a complex64's widened to float64, as Numba boxes it).
#[no_mangle]
pub extern "C" fn rhumba_print_complex(re: f64, im: f64) {
    append(&crate::text::complex_repr(re, im, false));
}

/// One character of a string argument, by its code point.
#[no_mangle]
pub extern "C" fn rhumba_print_char(code: i64) {
    let c = u32::try_from(code).ok().and_then(char::from_u32).unwrap_or('\u{fffd}');
    LINE.with(|l| l.borrow_mut().push(c));
}

/// `None`.
#[no_mangle]
pub extern "C" fn rhumba_print_none() {
    append("None");
}

/// The separator between two arguments.
#[no_mangle]
pub extern "C" fn rhumba_print_sep() {
    append(" ");
}

/// The end of the line: it is written to standard output and flushed.
#[no_mangle]
pub extern "C" fn rhumba_print_end() {
    let line = LINE.with(|l| {
        let mut l = l.borrow_mut();
        l.push('\n');
        std::mem::take(&mut *l)
    });
    if !DIRECT.with(Cell::get) {
        PRINTED.with(|p| p.borrow_mut().push_str(&line));
        return;
    }
    let mut out = std::io::stdout().lock();
    // A closed or full standard output is not compiled code's error (Python's print would
    // raise; the line is dropped instead of aborting the kernel).
    let _ = out.write_all(line.as_bytes());
    let _ = out.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_accumulate_in_python_text_forms() {
        rhumba_print_int(-3);
        rhumba_print_sep();
        rhumba_print_float(0.1);
        rhumba_print_sep();
        rhumba_print_bool(1);
        rhumba_print_sep();
        rhumba_print_complex(0.0, -2.0);
        rhumba_print_sep();
        for c in "añ".chars() {
            rhumba_print_char(c as i64);
        }
        rhumba_print_sep();
        rhumba_print_none();
        rhumba_print_end();
        assert_eq!(take_printed(), "-3 0.1 True -2j añ None\n");
        assert_eq!(take_printed(), "");
    }
}
