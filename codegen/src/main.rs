//! The `codegen` command line: `generate`, `check`, `lint`, `ir` and `subset`.

use codegen::cli;

/// Reading the docs makes and frees millions of small strings on every thread, and glibc's
/// allocator grows and trims each thread's heap as it goes: with it, `codegen generate` takes
/// a quarter longer (`cargo bench -p codegen --bench pipeline`, with and without default
/// features).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: codegen::allocator::Mimalloc = codegen::allocator::Mimalloc;

fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}
