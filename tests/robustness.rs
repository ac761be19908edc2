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
