//! The `rhumba` command: run a script, or inspect what the front end makes of it.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rhumba::SourceFile;

#[derive(Parser)]
#[command(name = "rhumba", version, about = "Run Numba-style Python kernels without Python")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a script: module-level code and every function.
    Run {
        /// Interpret decorated functions instead of compiling them (Numba's NUMBA_DISABLE_JIT=1).
        #[arg(long)]
        no_jit: bool,
        /// Do not say when a decorated function runs interpreted because it cannot be compiled yet.
        #[arg(long)]
        quiet: bool,
        /// Run @cuda.jit kernels on the CPU simulator (as RHUMBA_CUDA_SIM=1 does).
        #[arg(long)]
        cuda_sim: bool,
        /// The script to run.
        file: PathBuf,
        /// Arguments for the script (ignored today: rhumba has no `sys.argv`).
        args: Vec<String>,
    },
    /// An interactive session: statements, kernels and :commands (:help lists them). With a
    /// pipe on standard input, statements are read from it and results printed without prompts.
    Repl {
        /// Interpret decorated functions instead of compiling them.
        #[arg(long)]
        no_jit: bool,
    },
    /// Print an intermediate form of a script. For tir, clif and asm the script is run with the
    /// JIT and the code of every signature compiled along the way is printed.
    Inspect {
        /// Which form to print.
        #[arg(long, value_enum)]
        emit: Emit,
        file: PathBuf,
        /// Only this function's specialisations (tir, clif, asm).
        #[arg(long)]
        function: Option<String>,
        /// Also compile --function for this Numba signature, e.g. "f8(f8[:], i8)".
        #[arg(long, requires = "function")]
        signature: Option<String>,
    },
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum Emit {
    /// The syntax tree, one node per line with byte spans.
    Ast,
    /// The typed IR after type inference.
    Tir,
    /// Cranelift IR.
    Clif,
    /// Machine code (Cranelift's disassembly).
    Asm,
    /// LLVM IR of @cuda.jit kernels, as written from the TIR (needs the `gpu` feature).
    Llvm,
    /// PTX of @cuda.jit kernels for sm_80 (needs the `gpu` feature).
    Ptx,
}

/// The interpreter recurses on the native stack once per nested expression and call; a large
/// stack lets Python's own recursion limit (1000 calls) be the one users meet.
const INTERPRETER_STACK_BYTES: usize = 1 << 30;

fn main() -> ExitCode {
    let cli = Cli::parse();
    rhumba::apply_thread_setting();
    let worker = std::thread::Builder::new().stack_size(INTERPRETER_STACK_BYTES).spawn(move || run(cli));
    match worker.map(|handle| handle.join()) {
        Ok(Ok(code)) => code,
        _ => {
            eprintln!("rhumba: internal error (the interpreter thread failed); please report this with the script");
            ExitCode::from(2)
        }
    }
}

fn read(path: &PathBuf) -> Result<SourceFile, ExitCode> {
    SourceFile::read(path).map_err(|e| {
        eprintln!("rhumba: cannot read {}: {e}", path.display());
        ExitCode::from(2)
    })
}

fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Run { no_jit, quiet, cuda_sim, file, args: _ } => {
            let source = match read(&file) {
                Ok(s) => s,
                Err(code) => return code,
            };
            let stdout = Box::new(std::io::BufWriter::new(std::io::stdout()));
            // Compiled `print` writes to standard output as it runs, after what the interpreter
            // flushed before the call (live output from long kernels, as under Numba).
            rhumba_runtime::print::print_directly(true);
            let options = rhumba::RunOptions { jit: !no_jit, notes: !quiet, cuda_simulator: cuda_sim };
            match rhumba::run_source(&source, stdout, options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    let _ = std::io::stdout().flush();
                    eprint!("{}", e.render());
                    ExitCode::from(1)
                }
            }
        }
        Command::Repl { no_jit } => match rhumba::repl::run(!no_jit) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("rhumba repl: {e}");
                ExitCode::from(2)
            }
        },
        Command::Inspect { emit: emit @ (Emit::Llvm | Emit::Ptx), file, function, signature } => {
            let source = match read(&file) {
                Ok(s) => s,
                Err(code) => return code,
            };
            inspect_gpu(emit, &source, function.as_deref(), signature.as_deref())
        }
        Command::Inspect { emit, file, function, signature } if emit != Emit::Ast => {
            let source = match read(&file) {
                Ok(s) => s,
                Err(code) => return code,
            };
            match rhumba::compile_listings(&source, function.as_deref(), signature.as_deref()) {
                Ok((_, listings)) if listings.is_empty() => {
                    let which = function.map(|f| format!("{f}() ")).unwrap_or_default();
                    eprintln!("rhumba: no function {which}was compiled while running {} (it was not called, or it runs interpreted)", file.display());
                    ExitCode::from(1)
                }
                Ok((_, listings)) => {
                    for l in listings {
                        match emit {
                            Emit::Tir => print!("{}", l.tir),
                            Emit::Clif => print!("; {}\n{}", l.signature, l.clif),
                            _ => print!("; {}\n{}", l.signature, l.asm),
                        }
                        println!();
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprint!("{}", e.render());
                    ExitCode::from(1)
                }
            }
        }
        Command::Inspect { file, .. } => {
            let source = match read(&file) {
                Ok(s) => s,
                Err(code) => return code,
            };
            match rhumba::parse(&source) {
                Ok(module) => {
                    print!("{}", rhumba_grammar::dump::dump_module(&module));
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprint!("{}", e.render());
                    ExitCode::from(1)
                }
            }
        }
    }
}

#[cfg(feature = "llvm")]
fn inspect_gpu(emit: Emit, source: &SourceFile, function: Option<&str>, signature: Option<&str>) -> ExitCode {
    match rhumba::gpu_listings(source, function, signature) {
        Ok((_, listings)) if listings.is_empty() => {
            let which = function.map(|f| format!("{f}() ")).unwrap_or_default();
            eprintln!("rhumba: no CUDA kernel {which}was launched while running {} (name it with --function and give --signature)", source.name);
            ExitCode::from(1)
        }
        Ok((_, listings)) => {
            for l in listings {
                match emit {
                    Emit::Llvm => print!("; {}\n{}", l.signature, l.llvm_ir),
                    _ => print!("// {}\n{}", l.signature, l.ptx),
                }
                println!();
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprint!("{}", e.render());
            ExitCode::from(1)
        }
    }
}

#[cfg(not(feature = "llvm"))]
fn inspect_gpu(_: Emit, _: &SourceFile, _: Option<&str>, _: Option<&str>) -> ExitCode {
    eprintln!("rhumba: this build has no GPU backend; rebuild with the default `llvm` feature (needs LLVM 14)");
    ExitCode::from(2)
}
