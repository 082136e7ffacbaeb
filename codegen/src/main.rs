//! The `codegen` command line: `generate`, `check`, `lint`, `ir` and `subset`.

use codegen::cli;

fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}
