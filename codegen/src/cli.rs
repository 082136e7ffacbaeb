//! Command-line front end. Arguments are few, so they are read by hand: the build-script
//! API pays for no argument-parsing crate.

use crate::config::{crate_files, Config};
use crate::diag::{Diagnostic, Severity};
use crate::ir;
use crate::write::write_file_if_changed;
use std::path::PathBuf;

const USAGE: &str = "\
usage: codegen <command> [options]

commands:
  generate   regenerate the bindings crate from the docs
  check      exit 1 and name the files that differ when the committed crate is stale
  lint       list the docs' problems, with a count per code
  ir         print the intermediate representation as JSON
  ir-schema  print the JSON Schema of what `ir` prints
  subset     copy the pages that the given API pages need into --out
  diff       what changed between --old and --new for the generated crate, and the
             version bump it calls for

options:
  --docs DIR                  docs folder to read (default: docs-input)
  --out DIR                   output folder (default: generated)
  --message-format human|json diagnostics as rendered text or JSON lines
  --deny warnings             count warnings as errors
  --crate-name NAME           package name of the generated crate (default: graph-generated)
  --workload-features         one Cargo feature per workload (docs `ms.prod`) in the generated crate;
                              (diff) the crate compared has them
  --force                     (generate) overwrite files in --out that codegen did not write
  --page PATH                 (subset) API page to start from, relative to --docs; repeatable
  --old DIR, --new DIR        (diff) the two docs folders, each as --docs takes it
  --format markdown|json      (diff) the report's format (default: markdown)
  --fail-on breaking|additive (diff) exit 1 when there is a change of that class (or a
                              breaking one, for additive)
  --limit N                   (diff) list at most N changes per class and workload
";

struct Options {
    command: String,
    docs: PathBuf,
    out: Option<PathBuf>,
    json: bool,
    deny_warnings: bool,
    pages: Vec<String>,
    crate_name: String,
    workload_features: bool,
    force: bool,
    old: Option<PathBuf>,
    new: Option<PathBuf>,
    json_format: bool,
    fail_on: Option<crate::diff::Class>,
    limit: Option<usize>,
}

fn parse_args(args: Vec<String>) -> Result<Options, String> {
    let mut it = args.into_iter();
    let command = it.next().ok_or("no command given")?;
    let mut o = Options {
        command,
        docs: PathBuf::from("docs-input"),
        out: None,
        json: false,
        deny_warnings: false,
        pages: Vec::new(),
        crate_name: "graph-generated".into(),
        workload_features: false,
        force: false,
        old: None,
        new: None,
        json_format: false,
        fail_on: None,
        limit: None,
    };
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--docs" => o.docs = value("--docs")?.into(),
            "--out" => o.out = Some(value("--out")?.into()),
            "--page" => o.pages.push(value("--page")?),
            "--crate-name" => o.crate_name = value("--crate-name")?,
            "--workload-features" => o.workload_features = true,
            "--force" => o.force = true,
            "--old" => o.old = Some(value("--old")?.into()),
            "--new" => o.new = Some(value("--new")?.into()),
            "--format" => match value("--format")?.as_str() {
                "json" => o.json_format = true,
                "markdown" => o.json_format = false,
                other => return Err(format!("unknown format `{other}`: `markdown` or `json`")),
            },
            "--limit" => {
                let n = value("--limit")?;
                o.limit = Some(
                    n.parse()
                        .map_err(|_| format!("`--limit {n}`: a number of changes"))?,
                );
            }
            "--fail-on" => match value("--fail-on")?.as_str() {
                "breaking" => o.fail_on = Some(crate::diff::Class::Breaking),
                "additive" => o.fail_on = Some(crate::diff::Class::Additive),
                other => return Err(format!("`--fail-on {other}`: `breaking` or `additive`")),
            },
            "--message-format" => match value("--message-format")?.as_str() {
                "json" => o.json = true,
                "human" => o.json = false,
                other => return Err(format!("unknown message format `{other}`")),
            },
            "--deny" => match value("--deny")?.as_str() {
                "warnings" => o.deny_warnings = true,
                other => return Err(format!("`--deny {other}`: only `warnings` can be denied")),
            },
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(o)
}

/// Runs a command; returns the exit code: 0 success, 1 errors in the docs, 2 usage or I/O.
pub fn run(args: Vec<String>) -> i32 {
    let o = match parse_args(args) {
        Ok(o) => o,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("error: {e}\n");
            }
            eprint!("{USAGE}");
            return 2;
        }
    };
    if o.command == "ir-schema" {
        return match serde_json::to_string_pretty(&ir::schema()) {
            Ok(s) => {
                println!("{s}");
                0
            }
            Err(e) => {
                eprintln!("error: {e}");
                2
            }
        };
    }
    if matches!(o.command.as_str(), "generate" | "check" | "lint") {
        return generate_or_check(&o);
    }
    if o.command == "diff" {
        return diff(&o);
    }
    let mut diags = Vec::new();
    let ir = match ir::load(&o.docs, &mut diags) {
        Ok(ir) => ir,
        Err(e) => {
            eprintln!("error: cannot read docs folder {}: {e}", o.docs.display());
            return 2;
        }
    };
    let result = match o.command.as_str() {
        "ir" => serde_json::to_string_pretty(&ir)
            .map(|s| println!("{s}"))
            .map_err(|e| e.to_string()),
        "subset" => subset(&o, &ir),
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        return 2;
    }
    report(
        &o,
        &ir.sources,
        crate::diag::suppress::apply(ir.versions.iter().flat_map(|v| &v.pages), diags),
    )
}

/// `diff`: 0 when nothing of the `--fail-on` class changed, 1 when it did, 2 for usage or
/// a docs folder that cannot be read.
fn diff(o: &Options) -> i32 {
    let (Some(old), Some(new)) = (&o.old, &o.new) else {
        eprintln!("error: `diff` needs `--old DIR` and `--new DIR`\n");
        eprint!("{USAGE}");
        return 2;
    };
    let load = |dir: &PathBuf| -> Result<crate::ir::model::Corpus, String> {
        if !dir.is_dir() {
            return Err(format!("{} is not a docs folder", dir.display()));
        }
        let mut diags = Vec::new();
        let corpus = ir::load(dir, &mut diags)
            .map_err(|e| format!("cannot read docs folder {}: {e}", dir.display()))?;
        // The docs' own problems are `lint`'s to list; the diff compares what could be read,
        // and says when errors left something out.
        let pages = corpus.versions.iter().flat_map(|v| &v.pages);
        let errors = crate::diag::suppress::apply(pages, diags)
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        if errors > 0 {
            eprintln!(
                "note: {} has {errors} error(s) in its pages, and what they leave out is not compared; `codegen lint --docs {}` lists them",
                dir.display(),
                dir.display()
            );
        }
        Ok(corpus)
    };
    let (old_corpus, new_corpus) = match (load(old), load(new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let options = crate::diff::Options {
        workload_features: o.workload_features,
    };
    let report = crate::diff::compare(&old_corpus, &new_corpus, options);
    if o.json_format {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("error: {e}");
                return 2;
            }
        }
    } else {
        print!(
            "{}",
            crate::diff::markdown(
                &report,
                &old.display().to_string(),
                &new.display().to_string(),
                o.limit,
            )
        );
    }
    let failing = match o.fail_on {
        Some(crate::diff::Class::Breaking) => {
            report.count(crate::diff::Class::Breaking) > 0 || !report.versions_removed.is_empty()
        }
        Some(crate::diff::Class::Additive) => matches!(
            report.bump,
            crate::diff::Bump::Major | crate::diff::Bump::Minor
        ),
        _ => false,
    };
    i32::from(failing)
}

fn generate_or_check(o: &Options) -> i32 {
    let out = o.out.clone().unwrap_or_else(|| PathBuf::from("generated"));
    if o.command == "generate" {
        if let Err(e) = crate::write::refuse_out_in_docs(&out, &o.docs, ("--out", "--docs")) {
            eprintln!("error: {e}");
            return 2;
        }
    }
    let mut config = Config::new();
    config
        .docs_dir(&o.docs)
        .crate_name(&o.crate_name)
        .cargo_output(false)
        .workload_features(o.workload_features);
    // `lint` wants only the diagnostics: no code is printed.
    let run = if o.command == "lint" {
        Config::lint
    } else {
        Config::run
    };
    let generated = match run(&config) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let code = report(o, &generated.sources, generated.diagnostics.clone());
    if o.command == "lint" {
        return code;
    }
    let files = match crate_files(&generated.output, &o.crate_name, is_standalone(&out)) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let r = &generated.report().total;
    eprintln!(
        "{} pages ({} yield IR), {} types, {} requests, {} examples ({} tested); JSON examples round-tripped: {}",
        r.pages,
        r.pages_with_ir,
        r.types,
        r.requests,
        r.examples,
        r.examples_tested,
        crate::emit::Report::percent(r.json_examples_round_tripped, r.json_examples)
    );
    if o.command == "check" {
        let stale = stale_files(&out, &files);
        if stale.is_empty() {
            eprintln!("{} is up to date", out.display());
            return code;
        }
        for (path, why) in &stale {
            eprintln!("stale: {path} ({why})");
        }
        eprintln!(
            "error: {} is stale; run `cargo run -p codegen -- generate`",
            out.display()
        );
        return 1;
    }
    // Everything in the way is found before anything is written or removed.
    let (overridden, conflicts): (Vec<_>, Vec<_>) = crate::write::conflicts(&out, &files)
        .into_iter()
        .partition(|c| o.force && c.overridable);
    if !conflicts.is_empty() {
        eprintln!(
            "error: {}",
            crate::write::refusal(&out, &conflicts, "pass --force")
        );
        return 2;
    }
    for c in &overridden {
        eprintln!(
            "warning: overwriting {}, which codegen did not write (--force)",
            c.path.display()
        );
    }
    for relative in crate::write::generated_files(&out, &["src", "tests"]) {
        if !files.contains_key(&relative) {
            match std::fs::remove_file(out.join(&relative)) {
                Ok(()) => eprintln!("removed {}", out.join(&relative).display()),
                Err(e) => eprintln!("warning: cannot remove {relative}: {e}"),
            }
        }
    }
    for (relative, contents) in &files {
        let path = out.join(relative);
        match write_file_if_changed(&path, contents.as_bytes()) {
            Ok(true) => eprintln!("wrote {}", path.display()),
            Ok(false) => {}
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                return 2;
            }
        }
    }
    code
}

/// A crate written into a folder that some workspace lists as a member must not declare
/// its own workspace; anywhere else it must, or cargo would look for one above it.
fn is_standalone(out: &std::path::Path) -> bool {
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return true;
    };
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    match std::fs::read_to_string(parent.join("Cargo.toml")) {
        Ok(manifest) => {
            !(manifest.contains("[workspace]") && manifest.contains(&format!("\"{name}\"")))
        }
        Err(_) => true,
    }
}

/// Files whose content on disk is not what generation gives, and files nobody generates.
fn stale_files(out: &std::path::Path, files: &crate::write::Files) -> Vec<(String, &'static str)> {
    let mut stale = Vec::new();
    for (relative, contents) in files {
        match std::fs::read(out.join(relative)) {
            Ok(bytes) if bytes == contents.as_bytes() => {}
            Ok(_) => stale.push((relative.clone(), "differs")),
            Err(_) => stale.push((relative.clone(), "missing")),
        }
    }
    for relative in crate::write::generated_files(out, &["src", "tests"]) {
        if !files.contains_key(&relative) {
            stale.push((relative, "no longer generated"));
        }
    }
    stale
}

fn subset(o: &Options, corpus: &ir::model::Corpus) -> Result<(), String> {
    let out = o.out.as_ref().ok_or("subset needs --out")?;
    let pages: std::collections::BTreeSet<String> = corpus
        .versions
        .iter()
        .flat_map(|ir| ir::closure::pages_needed(ir, &o.pages))
        .collect();
    // What the pages include comes along, so that the copy reads as the original does.
    let included: Vec<String> = corpus
        .versions
        .iter()
        .flat_map(|ir| &ir.pages)
        .filter(|p| pages.contains(&p.path))
        .flat_map(|p| p.includes.iter().filter_map(|i| i.path.clone()))
        .filter(|path| o.docs.join(path).is_file())
        .collect();
    let pages: std::collections::BTreeSet<String> = pages.into_iter().chain(included).collect();
    for page in &pages {
        let from = o.docs.join(page);
        let to = out.join(page);
        std::fs::create_dir_all(to.parent().unwrap_or(out)).map_err(|e| e.to_string())?;
        std::fs::copy(&from, &to).map_err(|e| format!("{}: {e}", from.display()))?;
        println!("{page}");
    }
    Ok(())
}

fn report(o: &Options, sources: &crate::source::SourceMap, mut diags: Vec<Diagnostic>) -> i32 {
    let mut all = crate::diag::Diagnostics {
        items: std::mem::take(&mut diags),
    };
    all.sort();
    let rendered = crate::diag::render_each(&all.items, |d| match o.json {
        true => d.to_json_line(sources),
        false => format!("{}\n", d.render(sources, false)),
    });
    for text in rendered {
        eprintln!("{text}");
    }
    if o.command == "lint" && !o.json {
        eprintln!("{:>6}  code", "count");
        for (code, n) in all.counts_by_code() {
            eprintln!("{n:>6}  {code}");
        }
    }
    let errors = all.count(Severity::Error)
        + if o.deny_warnings {
            all.count(Severity::Warning)
        } else {
            0
        };
    if errors > 0 {
        1
    } else {
        0
    }
}
