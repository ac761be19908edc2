//! `rhumba repl`: an interactive session for writing, inspecting and timing kernels.
//!
//! One interpreter lives for the whole session. Every input is parsed at its offset in the text
//! of the session so far, so errors and tracebacks cite `<repl>` lines as a file would. With a
//! terminal, rustyline gives line editing, history and completion; with a pipe, statements are
//! read from standard input and results are printed without prompts.

use std::borrow::Cow;
use std::io::{BufRead, IsTerminal, Write};
use std::time::Instant;

use rustyline::completion::Completer;
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Editor, Helper};

use crate::diagnostics::{render_diagnostics, render_traceback, SourceFile};
use crate::interp::{Interpreter, INTERRUPTED};

const HELP: &str = "\
Type Python statements; a block (def, for, if, a decorator) ends with an empty line.
Commands:
  :help                    this text
  :type NAME               the type of NAME; for a compiled function, every signature so far
                           and the types of its variables
  :emit tir|clif|asm NAME  the code of every compiled signature of NAME
  :emit llvm|ptx KERNEL    the LLVM IR or PTX of a CUDA kernel (gpu builds)
  :time STATEMENT          median time of STATEMENT over repeated runs (also %timeit)
  :load FILE               run a file in this session
  :quit                    leave (also Ctrl-D)
";

/// The state of one session.
pub struct Session {
    interp: Interpreter,
    /// Everything entered so far, which spans point into.
    text: String,
}

impl Session {
    /// A fresh session; `jit` compiles decorated functions (else everything is interpreted).
    pub fn new(jit: bool) -> Result<Session, String> {
        let mut interp = Interpreter::new(Box::new(std::io::stdout()));
        if jit {
            interp.enable_jit()?;
            interp.keep_listings();
        }
        Ok(Session { interp, text: String::new() })
    }

    fn file(&self) -> SourceFile {
        SourceFile::new("<repl>", &self.text)
    }

    /// Runs one input (a statement or a block); errors are printed and the session goes on.
    pub fn run(&mut self, input: &str) {
        let trimmed = input.trim();
        if let Some(command) = trimmed.strip_prefix(':') {
            return self.command(command.trim());
        }
        if let Some(statement) = trimmed.strip_prefix("%timeit") {
            return self.time(statement.trim());
        }
        if trimmed.is_empty() {
            return;
        }
        let offset = self.text.len();
        self.text.push_str(input);
        if !input.ends_with('\n') {
            self.text.push('\n');
        }
        let (module, diagnostics) = rhumba_grammar::parse_at(&self.text[offset..], offset);
        let file = self.file();
        self.interp.set_source("<repl>", &self.text);
        if !diagnostics.is_empty() {
            eprint!("{}", render_diagnostics(&file, &diagnostics));
            return;
        }
        if let Err(e) = self.interp.run_interactive(&module) {
            let _ = std::io::stdout().flush();
            eprint!("{}", render_traceback(&file, &e));
        }
    }

    fn command(&mut self, command: &str) {
        let (name, rest) = command.split_once(char::is_whitespace).unwrap_or((command, ""));
        let rest = rest.trim();
        match name {
            "help" | "h" => print!("{HELP}"),
            "quit" | "q" | "exit" => std::process::exit(0),
            "type" => match self.interp.describe(rest) {
                Some(text) => print!("{text}"),
                None => eprintln!("no name '{rest}' in this session"),
            },
            "emit" if rest.starts_with("llvm") || rest.starts_with("ptx") => {
                let (form, target) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
                self.emit_gpu(form, target.trim());
            }
            "emit" => {
                let (form, target) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
                let listings = self.interp.listings(Some(target.trim()));
                if listings.is_empty() {
                    eprintln!("{}() has not been compiled yet: call it first", target.trim());
                }
                for (signature, tir, _, clif, asm) in listings {
                    match form {
                        "tir" => print!("{tir}"),
                        "clif" => print!("; {signature}\n{clif}"),
                        "asm" => print!("; {signature}\n{asm}"),
                        other => {
                            eprintln!("unknown form '{other}': use tir, clif, asm, llvm or ptx");
                            return;
                        }
                    }
                }
            }
            "time" | "timeit" => self.time(rest),
            "load" => match std::fs::read_to_string(rest) {
                Ok(text) => self.run(&text),
                Err(e) => eprintln!("cannot read {rest}: {e}"),
            },
            other => eprintln!("unknown command ':{other}' (:help lists them)"),
        }
    }

    /// `:emit llvm|ptx KERNEL`: the GPU code of every signature the kernel was launched with.
    #[cfg(feature = "llvm")]
    fn emit_gpu(&mut self, form: &str, target: &str) {
        let code = self.interp.gpu_code(Some(target));
        if code.is_empty() {
            eprintln!("{target}() has not been launched yet: launch it first (RHUMBA_CUDA_SIM=1 runs kernels without a GPU)");
        }
        for entry in code {
            match entry {
                Ok((signature, llvm, ptx)) => print!("{} {signature}\n{}", if form == "llvm" { ";" } else { "//" }, if form == "llvm" { llvm } else { ptx }),
                Err(e) => eprintln!("{e}"),
            }
        }
    }

    #[cfg(not(feature = "llvm"))]
    fn emit_gpu(&mut self, _: &str, _: &str) {
        eprintln!("this rhumba was built without the GPU backend: rebuild with the default `llvm` feature (needs LLVM 14)");
    }

    /// Times a statement like IPython's `%timeit`: one warm-up run (which compiles), enough loops
    /// to take about 0.2 s, then the median of five such runs.
    fn time(&mut self, statement: &str) {
        if statement.is_empty() {
            eprintln!("usage: :time STATEMENT");
            return;
        }
        let offset = self.text.len();
        self.text.push_str(statement);
        self.text.push('\n');
        let (module, diagnostics) = rhumba_grammar::parse_at(&self.text[offset..], offset);
        let file = self.file();
        self.interp.set_source("<repl>", &self.text);
        if !diagnostics.is_empty() {
            eprint!("{}", render_diagnostics(&file, &diagnostics));
            return;
        }
        let mut run = |loops: usize| -> Result<f64, String> {
            let start = Instant::now();
            for _ in 0..loops {
                self.interp.run_module(&module).map_err(|e| render_traceback(&file, &e))?;
            }
            Ok(start.elapsed().as_secs_f64())
        };
        let result = (|| {
            let once = run(1)?;
            let loops = if once > 0.0 { ((0.2 / once) as usize).clamp(1, 1_000_000) } else { 1_000_000 };
            let mut samples = Vec::new();
            for _ in 0..5 {
                samples.push(run(loops)? / loops as f64);
            }
            samples.sort_by(|a, b| a.total_cmp(b));
            Ok::<_, String>((samples[2], loops))
        })();
        match result {
            Ok((per_loop, loops)) => println!("{} per loop (median of 5 runs, {loops} loops each)", human_time(per_loop)),
            Err(e) => eprint!("{e}"),
        }
    }
}

fn human_time(seconds: f64) -> String {
    if seconds >= 1.0 {
        format!("{seconds:.3} s")
    } else if seconds >= 1e-3 {
        format!("{:.3} ms", seconds * 1e3)
    } else if seconds >= 1e-6 {
        format!("{:.3} µs", seconds * 1e6)
    } else {
        format!("{:.1} ns", seconds * 1e9)
    }
}

/// Whether `line` opens a block or leaves a bracket open, so that more lines must follow.
fn needs_more(buffer: &str) -> bool {
    let depth: i32 = buffer.chars().map(|c| match c {
        '(' | '[' | '{' => 1,
        ')' | ']' | '}' => -1,
        _ => 0,
    }).sum();
    let last = buffer.lines().last().unwrap_or("").trim_end();
    depth > 0 || last.ends_with(':') || last.ends_with('\\') || last.trim_start().starts_with('@')
}

/// Completion for the editor, from the session's names (refreshed after every input).
struct SessionHelper {
    names: std::rc::Rc<std::cell::RefCell<Vec<String>>>,
    modules: std::rc::Rc<std::cell::RefCell<Vec<(String, Vec<String>)>>>,
}

impl Completer for SessionHelper {
    type Candidate = String;

    fn complete(&self, line: &str, pos: usize, _: &Context<'_>) -> rustyline::Result<(usize, Vec<String>)> {
        let start = line[..pos].rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.')).map_or(0, |i| i + 1);
        let word = &line[start..pos];
        let candidates = match word.rsplit_once('.') {
            Some((module, partial)) => self
                .modules
                .borrow()
                .iter()
                .find(|(m, _)| m == module)
                .map(|(_, attrs)| attrs.iter().filter(|a| a.starts_with(partial)).map(|a| format!("{module}.{a}")).collect())
                .unwrap_or_default(),
            None => self.names.borrow().iter().filter(|n| n.starts_with(word)).cloned().collect(),
        };
        Ok((start, candidates))
    }
}

impl Hinter for SessionHelper {
    type Hint = String;
}

impl Highlighter for SessionHelper {
    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(&'s self, prompt: &'p str, _default: bool) -> Cow<'b, str> {
        Cow::Borrowed(prompt)
    }
}

impl Validator for SessionHelper {}

impl Helper for SessionHelper {}

/// Runs the REPL on standard input until end of input or `:quit`.
pub fn run(jit: bool) -> Result<(), String> {
    let mut session = Session::new(jit)?;
    // Ctrl-C during a computation interrupts it; at the prompt rustyline handles it.
    let _ = ctrlc::set_handler(|| {
        INTERRUPTED.store(true, std::sync::atomic::Ordering::Relaxed);
        // Compiled loops poll this and raise KeyboardInterrupt.
        rhumba_runtime::abi::request_interrupt();
    });
    if !std::io::stdin().is_terminal() {
        return run_piped(&mut session);
    }
    let names = std::rc::Rc::new(std::cell::RefCell::new(session.interp.names()));
    let modules = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let mut editor: Editor<SessionHelper, rustyline::history::DefaultHistory> = Editor::new().map_err(|e| e.to_string())?;
    editor.set_helper(Some(SessionHelper { names: names.clone(), modules: modules.clone() }));
    let history = std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".rhumba_history"));
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    println!("rhumba {} — :help for commands, Ctrl-D to leave", env!("CARGO_PKG_VERSION"));
    let mut buffer = String::new();
    loop {
        let prompt = if buffer.is_empty() { ">>> " } else { "... " };
        match editor.readline(prompt) {
            Ok(line) => {
                if buffer.is_empty() && (line.trim_start().starts_with(':') || line.trim_start().starts_with('%')) {
                    let _ = editor.add_history_entry(line.as_str());
                    session.run(&line);
                    continue;
                }
                let blank = line.trim().is_empty();
                if !(buffer.is_empty() && blank) {
                    buffer.push_str(&line);
                    buffer.push('\n');
                }
                // A block ends with an empty line; a simple statement runs at once.
                if needs_more(&buffer) || (!blank && buffer.lines().count() > 1) {
                    continue;
                }
                let _ = editor.add_history_entry(buffer.trim_end());
                session.run(&buffer);
                buffer.clear();
                *names.borrow_mut() = session.interp.names();
                *modules.borrow_mut() = ["np", "numpy", "math", "numba"]
                    .iter()
                    .map(|m| (m.to_string(), crate::interp::attribute_names(&session.interp, m)))
                    .collect();
            }
            Err(ReadlineError::Interrupted) => {
                buffer.clear();
                println!("KeyboardInterrupt");
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(e.to_string()),
        }
    }
    if let Some(h) = &history {
        let _ = editor.save_history(h);
    }
    Ok(())
}

/// Reads statements from a pipe: a statement starts at a line with no indentation, a block runs
/// when the next statement starts (or the input ends), commands run on their own line.
fn run_piped(session: &mut Session) -> Result<(), String> {
    let mut buffer = String::new();
    // Lines as bytes: an invalid UTF-8 byte becomes U+FFFD, which the lexer reports on its
    // line, instead of ending the session.
    for line in std::io::stdin().lock().split(b'\n') {
        let line = line.map_err(|e| e.to_string())?;
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches('\r');
        let starts_statement = !line.starts_with([' ', '\t']) && !line.trim().is_empty();
        let continues = ["else", "elif", "except", "finally"].iter().any(|k| line.trim_start().starts_with(k));
        if starts_statement && !continues && !buffer.trim().is_empty() && !needs_more(&buffer) {
            session.run(&buffer);
            buffer.clear();
        }
        if buffer.is_empty() && (line.starts_with(':') || line.starts_with('%')) {
            session.run(line);
            continue;
        }
        buffer.push_str(line);
        buffer.push('\n');
    }
    if !buffer.trim().is_empty() {
        session.run(&buffer);
    }
    let _ = std::io::stdout().flush();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completion_offers_session_names_and_module_attributes() {
        let helper = SessionHelper {
            names: std::rc::Rc::new(std::cell::RefCell::new(vec!["double".into(), "print".into()])),
            modules: std::rc::Rc::new(std::cell::RefCell::new(vec![("np".into(), vec!["sqrt".into(), "sum".into(), "zeros".into()])])),
        };
        let history = rustyline::history::DefaultHistory::new();
        let ctx = Context::new(&history);
        assert_eq!(helper.complete("x = dou", 7, &ctx).unwrap(), (4, vec!["double".to_string()]));
        assert_eq!(helper.complete("np.s", 4, &ctx).unwrap(), (0, vec!["np.sqrt".to_string(), "np.sum".to_string()]));
    }

    #[test]
    fn blocks_and_open_brackets_need_more_lines() {
        assert!(needs_more("def f(x):\n"));
        assert!(needs_more("x = (1,\n"));
        assert!(needs_more("@njit\n"));
        assert!(!needs_more("x = 1\n"));
    }
}
