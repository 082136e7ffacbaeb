//! What the generated code costs its users, before and after, in one run:
//! `cargo bench -p codegen --bench generated_build` prints each figure and its ratio.
//!
//! Generates the whole 2019-04 reference (beta and v1.0, `--workload-features`) twice, with
//! the generator of a baseline commit (`CODEGEN_BENCH_BASELINE`, by default the last commit
//! before the generated code was cut down) and with this one, then for each crate measures:
//! - the bytes of generated Rust;
//! - `cargo build --lib --all-features`: wall time and peak memory (its dependencies, the
//!   optional ones too, built beforehand: debug profile, no incremental state);
//! - `cargo check --lib --features beta-microsoft-teams`, the calls workload alone.
//!
//! The builds run one after the other, never side by side. Needs `../shared/graph-docs/`,
//! git and GNU time (`/usr/bin/time`), and about 10 minutes and 13 GB on a 2-core machine;
//! it fails, rather than skips, without them.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The last commit before the generated code went through `support` traits and macros.
const BASELINE: &str = "6d1bc18";

struct Build {
    seconds: f64,
    peak_mib: f64,
}

struct Figures {
    source_bytes: u64,
    build: Build,
    calls_check: Build,
}

/// A cargo that uses a jobserver of its own: under `cargo bench`, the bench's would leave
/// the builds one job.
fn cargo() -> Command {
    let mut cmd = Command::new("cargo");
    for var in ["CARGO_MAKEFLAGS", "MAKEFLAGS", "MFLAGS"] {
        cmd.env_remove(var);
    }
    cmd
}

fn run(cmd: &mut Command) {
    let status = cmd.status().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(status.success(), "{cmd:?} failed: {status}");
}

/// Runs `cargo <args>` in `dir` under GNU time: wall seconds and peak memory of the
/// largest process (rustc).
fn timed_cargo(dir: &Path, target: &Path, args: &[&str]) -> Build {
    let report = target.join("time.txt");
    run(Command::new("/usr/bin/time")
        .args(["-f", "%e %M", "-o"])
        .arg(&report)
        .arg("cargo")
        .args(args)
        .env_remove("CARGO_MAKEFLAGS")
        .env_remove("MAKEFLAGS")
        .env_remove("MFLAGS")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0"));
    let text = std::fs::read_to_string(&report).expect("GNU time wrote its report");
    let mut words = text.split_whitespace();
    let seconds = words.next().and_then(|w| w.parse().ok()).expect("seconds");
    let kib: f64 = words.next().and_then(|w| w.parse().ok()).expect("peak");
    Build {
        seconds,
        peak_mib: kib / 1024.0,
    }
}

fn source_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).expect("readable") {
        let path = entry.expect("readable").path();
        if path.is_dir() {
            total += source_bytes(&path);
        } else if path.extension().is_some_and(|e| e == "rs") {
            total += std::fs::metadata(&path).expect("readable").len();
        }
    }
    total
}

/// Generates the reference with `generator` into `work/name` and measures the crate.
fn measure(generator: &Path, docs: &Path, work: &Path, name: &str) -> Figures {
    let out = work.join(name);
    let target = work.join(format!("{name}-target"));
    std::fs::create_dir_all(&target).expect("writable");
    let status = Command::new(generator)
        .args(["generate", "--workload-features", "--docs"])
        .arg(docs)
        .arg("--out")
        .arg(&out)
        .stderr(std::process::Stdio::null())
        .status()
        .expect("the generator runs");
    // 1 is errors in the docs, which the real reference has.
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "{name}: generate failed"
    );
    // Dependencies first, every optional one included, so that the timed builds compile the
    // generated crate alone: they are built beside an empty lib, then the lib is put back
    // (written again, so that cargo sees it changed).
    let lib = out.join("src/lib.rs");
    let code = std::fs::read(&lib).expect("the crate has a lib");
    std::fs::write(&lib, "").expect("writable");
    run(cargo()
        .args(["build", "-q", "--lib", "--all-features"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", &target)
        .env("CARGO_INCREMENTAL", "0"));
    run(cargo()
        .args(["check", "-q", "--lib", "--features", "beta-microsoft-teams"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", &target)
        .env("CARGO_INCREMENTAL", "0"));
    std::fs::write(&lib, code).expect("writable");
    eprintln!("{name}: cargo build --lib --all-features ...");
    let build = timed_cargo(&out, &target, &["build", "-q", "--lib", "--all-features"]);
    let calls_check = timed_cargo(
        &out,
        &target,
        &["check", "-q", "--lib", "--features", "beta-microsoft-teams"],
    );
    Figures {
        source_bytes: source_bytes(&out.join("src")),
        build,
        calls_check,
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a filter that names nothing here means "not me".
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && a != "generated_build")
    {
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let docs = root.join("../shared/graph-docs/2019-04/api-reference");
    assert!(
        docs.join("beta").is_dir() && docs.join("v1.0").is_dir(),
        "{} is missing: this bench needs ../shared/ beside the repository",
        docs.display()
    );
    let baseline = std::env::var("CODEGEN_BENCH_BASELINE").unwrap_or_else(|_| BASELINE.into());
    let work = std::env::temp_dir().join(format!("codegen-build-bench-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("writable");
    let tree = work.join("baseline");
    let _cleanup = Cleanup {
        root: root.clone(),
        tree: tree.clone(),
        work: work.clone(),
    };

    eprintln!("building the generator of {baseline} ...");
    run(Command::new("git")
        .args(["worktree", "add", "--detach", "-q"])
        .arg(&tree)
        .arg(&baseline)
        .current_dir(&root));
    run(cargo()
        .args(["build", "-q", "--release", "-p", "codegen"])
        .current_dir(&tree)
        .env("CARGO_TARGET_DIR", work.join("baseline-generator")));
    let old_generator = work.join("baseline-generator/release/codegen");
    let new_generator = PathBuf::from(env!("CARGO_BIN_EXE_codegen"));

    let before = measure(&old_generator, &docs, &work, "before");
    let after = measure(&new_generator, &docs, &work, "after");

    println!(
        "generated crate of the 2019-04 reference (beta and v1.0), {baseline} against this tree:"
    );
    println!(
        "| figure | before | after | after / before | target |\n| --- | ---: | ---: | ---: | --- |"
    );
    let mb = |b: u64| b as f64 / 1e6;
    println!(
        "| generated source | {:.1} MB | {:.1} MB | {:.2} | <= 1/3 |",
        mb(before.source_bytes),
        mb(after.source_bytes),
        after.source_bytes as f64 / before.source_bytes as f64
    );
    println!(
        "| `cargo build --lib --all-features` | {:.0} s | {:.0} s | {:.2} | <= 1/3 |",
        before.build.seconds,
        after.build.seconds,
        after.build.seconds / before.build.seconds
    );
    println!(
        "| its peak memory | {:.0} MiB | {:.0} MiB | {:.2} | <= 4 GB |",
        before.build.peak_mib,
        after.build.peak_mib,
        after.build.peak_mib / before.build.peak_mib
    );
    println!(
        "| `cargo check --lib --features beta-microsoft-teams` | {:.1} s | {:.1} s | {:.2} | a few seconds |",
        before.calls_check.seconds,
        after.calls_check.seconds,
        after.calls_check.seconds / before.calls_check.seconds
    );
}

/// Removes the baseline's worktree and the work folder (about 2 GB) when the bench ends,
/// also when a step fails and panics.
struct Cleanup {
    root: PathBuf,
    tree: PathBuf,
    work: PathBuf,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = Command::new("git")
            .args(["worktree", "remove", "--force"])
            .arg(&self.tree)
            .current_dir(&self.root)
            // Nothing to say when the worktree was never made.
            .stderr(std::process::Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.work);
        // A worktree whose folder is gone is forgotten too.
        let _ = Command::new("git")
            .args(["worktree", "prune"])
            .current_dir(&self.root)
            .status();
    }
}
