//! What the end-to-end tests share: the repository, the `codegen` command, and `cargo test`
//! in a generated crate.
#![allow(dead_code)] // each test file uses its part

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs the `codegen` command from the repository's root.
pub fn codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(args)
        .current_dir(repo())
        .output()
        .unwrap()
}

/// `codegen generate --docs DOCS --out OUT`.
pub fn generate(docs: &Path, out: &Path) -> Output {
    codegen(&[
        "generate",
        "--docs",
        docs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

/// `cargo test ARGS` in a generated crate, built into `target/NAME` of the repository so that
/// runs share their dependencies: whether it passed, and what it printed.
pub fn cargo_test(dir: &Path, target: &str, args: &[&str]) -> (bool, String) {
    let run = Command::new(env!("CARGO"))
        .args(["test", "--quiet"])
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", repo().join("target").join(target))
        .output()
        .unwrap();
    let out = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    (run.status.success(), out)
}

/// Copies `from` into `to`, folders and all.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
