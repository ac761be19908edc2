//! Generates the LR parser from `src/parser.lalrpop` at build time.
fn main() {
    lalrpop::Configuration::new()
        .use_cargo_dir_conventions()
        .emit_rerun_directives(true)
        .process()
        .expect("the grammar in src/parser.lalrpop must be LR(1)");
}
