//! Parsing never panics or hangs: every `.py` in the repository, cut after each of its lines and
//! with random characters changed, goes through the lexer and parser.

mod support;

use std::sync::mpsc;
use std::time::Duration;

/// A small deterministic generator, so that a failure reproduces.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

const NOISE: &[char] = &['(', ')', '[', ']', '{', '}', ':', ',', '.', '"', '\'', '\\', '\n', '\t', ' ', '#', '=', '@', '*', 'é', '\0', '1', 'x', 'j', 'e', '-', '\u{200b}', '!', '$', '?', '`'];

fn all_python_files() -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for dir in ["tests/programs", "tests/errors", "tests/syntax", "examples", "bench/kernels", "tests/gpu"] {
        files.extend(support::py_files(dir));
    }
    files
}

#[test]
fn parser_survives_truncation_and_mutation() {
    let files = all_python_files();
    assert!(files.len() >= 10, "expected the repository's .py files, found {}", files.len());
    let (done, finished) = mpsc::channel();
    let worker = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let mut rng = Lcg(0x5eed);
            let mut parses = 0usize;
            for path in files {
                let text = std::fs::read_to_string(&path).expect("readable");
                let lines: Vec<&str> = text.split_inclusive('\n').collect();
                for k in 0..=lines.len() {
                    let _ = rhumba_grammar::parse(&lines[..k].concat());
                    parses += 1;
                }
                let chars: Vec<char> = text.chars().collect();
                for _ in 0..60 {
                    let mut mutated = chars.clone();
                    for _ in 0..1 + rng.next() % 4 {
                        if mutated.is_empty() {
                            break;
                        }
                        let at = rng.next() % mutated.len();
                        match rng.next() % 3 {
                            0 => mutated[at] = NOISE[rng.next() % NOISE.len()],
                            1 => mutated.insert(at, NOISE[rng.next() % NOISE.len()]),
                            _ => {
                                mutated.remove(at);
                            }
                        }
                    }
                    let _ = rhumba_grammar::parse(&mutated.iter().collect::<String>());
                    parses += 1;
                }
            }
            let _ = done.send(parses);
        })
        .expect("spawn parser thread");
    match finished.recv_timeout(Duration::from_secs(120)) {
        Ok(parses) => assert!(parses > 100),
        Err(_) => panic!("parsing did not finish within 120 s: a hang, or a panic in the parser thread"),
    }
    worker.join().expect("the parser must not panic");
}

/// Sources nested past CPython's limits get one clear error from `rhumba run` and from
/// `rhumba inspect --emit ast` (exit 1, no panic, promptly), whatever the kind of nesting:
/// brackets (CPython: 200), indentation (CPython: 100 levels), and chains that nest without
/// brackets (`- - - x`, `1 + 1 + ...`), which CPython refuses past about 2,000 levels.
#[test]
fn deep_nesting_is_a_clear_error() {
    let mut indented = String::new();
    for level in 0..150 {
        indented.push_str(&format!("{}for i{level} in range(2):\n", " ".repeat(level)));
    }
    indented.push_str(&format!("{}pass\n", " ".repeat(150)));
    let cases: Vec<(&str, String, &str)> = vec![
        ("brackets", format!("x = {}1{}\n", "(".repeat(40_000), ")".repeat(40_000)), "too many nested parentheses"),
        ("unary chain", format!("x = {}1\n", "-".repeat(100_000)), "nested too deeply"),
        ("binary chain", format!("x = {}\n", vec!["1"; 100_000].join(" + ")), "nested too deeply"),
        ("indentation", indented, "too many levels of indentation"),
    ];
    let dir = std::env::temp_dir().join(format!("rhumba-deep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    for (name, source, expected) in cases {
        let path = dir.join(format!("{}.py", name.replace(' ', "_")));
        std::fs::write(&path, source).expect("writable");
        for args in [vec!["run"], vec!["inspect", "--emit", "ast"]] {
            let started = std::time::Instant::now();
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_rhumba")).args(&args).arg(&path).output().expect("rhumba runs");
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{name} ({args:?}): {err}");
            assert!(err.contains(expected) && !err.contains("panicked"), "{name} ({args:?}): {err}");
            assert!(started.elapsed() < Duration::from_secs(20), "{name} ({args:?}) took {:?}", started.elapsed());
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Loops nested as deeply as Python allows (99 levels) compile promptly in both tiers: the
/// optimising tier leaves code nested past its limit to Cranelift instead of taking minutes.
#[test]
fn deeply_nested_loops_compile_promptly() {
    let depth = 97;
    let mut source = String::from("from numba import njit\n\n\n@njit\ndef f(m):\n    t = 0\n");
    for level in 0..depth {
        source.push_str(&format!("    {}for i{level} in range(m):\n", " ".repeat(level)));
    }
    source.push_str(&format!("    {}t += 1\n    return t\n\n\nprint(f(1), f(0))\n", " ".repeat(depth)));
    let path = std::env::temp_dir().join(format!("rhumba-nested-loops-{}.py", std::process::id()));
    std::fs::write(&path, source).expect("writable");
    for tier in ["", "now"] {
        let started = std::time::Instant::now();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_rhumba")).arg("run").arg(&path).env("RHUMBA_OPTIMISE", tier).output().expect("rhumba runs");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "1 0\n", "{}", String::from_utf8_lossy(&out.stderr));
        assert!(started.elapsed() < Duration::from_secs(20), "RHUMBA_OPTIMISE={tier:?} took {:?}", started.elapsed());
    }
    let _ = std::fs::remove_file(&path);
}
