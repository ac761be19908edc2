//! Compiler-only goldens: a `.py` file and the signatures named in its `# compile:` lines become
//! the TIR the pipeline hands a backend (after `check`, `outline` and `legalize`, verified after
//! every pass), or the diagnostic it stops with. No interpreter and no backend run: module-level
//! names come from a test environment built from the file's imports and decorated functions.
//!
//! `tests/tir/NAME.py` beside `NAME.tir`; `UPDATE_EXPECT=1` rewrites the goldens.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use rhumba_compiler::check::{self, Environment, Global, Unit};
use rhumba_compiler::pipeline::Options;
use rhumba_compiler::{parse_signature, tir};
use rhumba_grammar::ast::{ExprKind, FunctionDef, StmtKind};
use rhumba_grammar::Symbol;

/// Module-level names as a script's imports and definitions make them.
struct SourceEnvironment {
    names: HashMap<String, Global>,
    functions: Vec<Rc<FunctionDef>>,
    parallel: Vec<bool>,
}

impl SourceEnvironment {
    fn new(module: &rhumba_grammar::ast::Module) -> SourceEnvironment {
        let mut names: HashMap<String, Global> = HashMap::new();
        for b in ["range", "prange", "len", "min", "max", "abs", "int", "float", "bool", "round", "enumerate", "zip"] {
            names.insert(b.to_string(), Global::Builtin(b));
        }
        let (mut functions, mut parallel) = (Vec::new(), Vec::new());
        for s in &module.body {
            match &s.kind {
                StmtKind::Import(aliases) => {
                    for a in aliases {
                        let module_name = match a.name.dotted().as_str() {
                            "numpy" => "numpy",
                            "math" => "math",
                            "numba" => "numba",
                            _ => continue,
                        };
                        let bound = a.asname.as_ref().map(|n| n.name.as_str().to_string()).unwrap_or_else(|| a.name.dotted());
                        names.insert(bound, Global::Module(module_name));
                    }
                }
                StmtKind::FunctionDef(def) => {
                    let decorated = !def.decorators.is_empty();
                    let is_parallel = def.decorators.iter().any(|d| match &d.kind {
                        ExprKind::Call { keywords, .. } => keywords.iter().any(|k| k.name.name.as_str() == "parallel" && matches!(k.value.kind, ExprKind::Name(n) if n.as_str() == "True")),
                        _ => false,
                    });
                    if decorated {
                        names.insert(def.name.name.as_str().to_string(), Global::Function { key: functions.len(), def: def.clone() });
                        functions.push(def.clone());
                        parallel.push(is_parallel);
                    }
                }
                _ => {}
            }
        }
        SourceEnvironment { names, functions, parallel }
    }
}

impl Environment for SourceEnvironment {
    fn global(&self, _: usize, name: Symbol) -> Option<Global> {
        self.names.get(name.as_str()).cloned()
    }

    fn bounds_check(&self, _: usize) -> bool {
        true
    }

    fn function(&self, key: usize) -> Option<Rc<FunctionDef>> {
        self.functions.get(key).cloned()
    }

    fn parallel(&self, key: usize) -> bool {
        self.parallel.get(key).copied().unwrap_or(false)
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.len() - before.rfind('\n').map_or(0, |p| p + 1) + 1;
    (line, col)
}

/// The TIR (or diagnostic) of every `# compile: name(types)` line of a file.
fn compile_file(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("test program is readable");
    let (module, diagnostics) = rhumba_grammar::parse(&text);
    assert!(diagnostics.is_empty(), "{}: syntax errors: {diagnostics:?}", path.display());
    let env = SourceEnvironment::new(&module);
    let mut out = String::new();
    for directive in text.lines().filter_map(|l| l.strip_prefix("# compile: ")) {
        let (name, sig) = directive.split_at(directive.find('(').expect("# compile: name(types)"));
        let Some(Global::Function { key, def }) = env.names.get(name.trim()).cloned() else { panic!("{}: no decorated function {name}", path.display()) };
        let types = parse_signature(sig).unwrap_or_else(|e| panic!("{}: {e}", path.display())).args;
        let mut unit = Unit::with_options(Options { verify: true, ..Options::default() });
        out.push_str(&format!("=== {directive}\n"));
        match check::check_function(&mut unit, &env, key, &def, &types) {
            Ok(_) => {
                for f in unit.functions.iter().flatten() {
                    out.push_str(&tir::print_function(f));
                }
            }
            Err(e) => {
                let (line, col) = line_col(&text, e.span.start as usize);
                let kind = if e.is_type_error { "TypingError" } else { "not compiled yet" };
                out.push_str(&format!("{}:{line}:{col}: {kind}: {}\n", path.file_name().unwrap_or_default().to_string_lossy(), e.message));
            }
        }
    }
    out
}

#[test]
fn tir_goldens() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/tir");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).expect("tests/tir").filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "py")).collect();
    files.sort();
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    for path in &files {
        let actual = compile_file(path);
        let golden = path.with_extension("tir");
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(&golden, &actual).expect("write golden");
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => {
                let n = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(expected.lines().count().min(actual.lines().count()));
                failures.push(format!("{} differs at line {}:\n  expected: {:?}\n  actual:   {:?}", golden.display(), n + 1, expected.lines().nth(n), actual.lines().nth(n)));
            }
            Err(_) => failures.push(format!("{} is missing; run with UPDATE_EXPECT=1", golden.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
