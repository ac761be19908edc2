//! Fuzz target: any bytes, read as source text, go through the lexer, the parser (with its
//! error recovery), the nesting check and the AST dump without panicking, hanging or
//! overflowing the stack.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (module, diagnostics) = rhumba_grammar::parse(&text);
    let dump = rhumba_grammar::dump::dump_module(&module);
    // Every diagnostic points inside the text (the renderer slices the source with it).
    for d in &diagnostics {
        if std::env::var_os("FUZZ_SHOW").is_some() { eprintln!("{:?} {}", d.span, d.message); }
        assert!(d.span.start <= d.span.end && d.span.end as usize <= text.len(), "diagnostic span {:?} outside a {}-byte text", d.span, text.len());
    }
    std::hint::black_box(dump);
});
