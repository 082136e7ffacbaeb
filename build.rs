//! The root crate uses the generator the way a downstream crate would: from its build
//! script, reading `docs-input/` and writing into `OUT_DIR`.

fn main() {
    if let Err(e) = codegen::Config::new().docs_dir("docs-input").generate() {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
