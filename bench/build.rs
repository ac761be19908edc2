//! Compiles the C row of the matmul suite (`c/matmul.c`) with `-O3 -march=native` when a C
//! compiler is present; without one the suite's C row says so instead of failing the build.

fn main() {
    println!("cargo::rerun-if-changed=c/matmul.c");
    println!("cargo::rustc-check-cfg=cfg(rhumba_bench_c)");
    let mut build = cc::Build::new();
    build.file("c/matmul.c").opt_level(3).flag_if_supported("-march=native").warnings(false);
    match build.try_compile("rhumba_bench_matmul") {
        Ok(()) => println!("cargo::rustc-cfg=rhumba_bench_c"),
        Err(e) => println!("cargo::warning=the C row of the matmul benchmark is disabled: {e}"),
    }
}
