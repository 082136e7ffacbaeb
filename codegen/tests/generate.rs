//! The `codegen` command end to end: hostile pages give a crate that compiles and passes
//! its own tests, `check` names stale files, and a second `generate` rewrites nothing.

use std::path::{Path, PathBuf};

mod common;
use common::{codegen, copy_dir, repo};

/// Runs `cargo test` in a generated crate, built in `target/TARGET`; fails the calling test
/// when it fails. Each test that runs one names its own target: the crates share a package
/// name, and two built at once in one folder would overwrite each other's library.
fn cargo_test_in(dir: &Path, target: &str) -> String {
    let (passed, out) = common::cargo_test(dir, target, &[]);
    assert!(passed, "{out}");
    out
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("codegen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Generates the crate of `codegen/tests/fixtures/NAME` into a fresh folder; returns the
/// fixture's folder and the crate's.
fn generate_fixture(name: &str) -> (PathBuf, PathBuf) {
    let out = temp(name);
    let docs = repo().join("codegen/tests/fixtures").join(name);
    let run = common::generate(&docs, &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    (docs, out)
}

#[test]
fn hostile_pages_generate_a_crate_that_compiles_and_passes() {
    let parent = temp("hostile");
    let out = parent.join("crate");
    let hostile = repo().join("codegen/tests/fixtures/hostile");
    let run = codegen(&[
        "generate",
        "--docs",
        hostile.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(matches!(run.status.code(), Some(0 | 1)), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // Problems in the pages are explained, with positions.
    assert!(
        stderr.contains("warning[link-missing-target]: link target `nowhere.md` does not exist"),
        "{stderr}"
    );
    assert!(stderr.contains("--> beta/resources/option.md:"), "{stderr}");
    assert!(stderr.contains("fence-not-closed"), "{stderr}");
    assert!(stderr.contains("name-collision"), "{stderr}");

    // Every awkward name that is an OData identifier became a Rust one, and its wire name
    // stayed as data.
    let types = std::fs::read_to_string(out.join("src/beta/types.rs")).unwrap();
    // `#[derive(support::Object)]` reads `type_` as `type`; `field` needs its wire name.
    for (wire, field) in [("type", "type_"), ("self", "self_"), ("_", "field")] {
        let declared = format!("pub {field}: support::Field<");
        let renamed = format!("#[object(rename = \"{wire}\")]\n    {declared}");
        match codegen::emit::support_derive::derived_wire_name(field) == wire {
            true => assert!(
                types.contains(&declared) && !types.contains(&renamed),
                "{field}"
            ),
            false => assert!(types.contains(&renamed), "{field}"),
        }
    }
    // A name that is none is reported where it stands and is no field: its key is kept in
    // `additional_properties` (the example's test, which expects that, passes below).
    for (wire, line) in [
        ("0start", 19),
        ("a-b", 20),
        ("a.b", 21),
        ("@odata.type", 22),
    ] {
        let message =
            format!("warning[property-name-invalid]: `{wire}` is listed as a property of `Option`");
        assert!(stderr.contains(&message), "{wire}: {stderr}");
        let at = format!("--> beta/resources/option.md:{line}:3");
        assert!(stderr.contains(&at), "{at}: {stderr}");
        assert!(!types.contains(&format!("take(\"{wire}\")")), "{wire}");
    }
    assert!(
        types.contains("pub struct Option {")
            && types.contains("pub struct SelfType {")
            && types.contains("pub struct Contract {")
    );
    // `Contract` and `contract` are one type to the docs' case-insensitive links: the second is reported.
    assert!(stderr.contains("warning[type-duplicate]: type `microsoft.graph.Contract` is also documented in beta/resources/contract-lower.md"), "{stderr}");
    assert!(types.contains(
        "/// A type named like std's Option. Ends a comment */ and an attribute \"\\] #\\[ } here."
    ));
    for name in ["String", "Vec", "Result", "Serde", "Box"] {
        assert!(types.contains(&format!("pub struct {name} {{")), "{name}");
    }
    assert!(
        types.contains("#[object(rename = \"café\")]"),
        "non-ASCII wire names are kept"
    );
    assert!(
        types.contains("pub caf_ue9: support::Field<"),
        "non-ASCII names"
    );
    assert!(!types.contains('\0'), "NUL is not written into the code");
    // The decision taken for an undocumented type is stated where the user sees it.
    assert!(
        types.contains("which no page documents; any JSON is accepted."),
        "{types}"
    );

    // Nothing lands outside `--out`.
    let beside: Vec<_> = std::fs::read_dir(&parent)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(beside, vec![std::ffi::OsString::from("crate")]);

    let test_out = cargo_test_in(&out, "hostile");
    assert!(!test_out.contains("warning"), "{test_out}");
    assert!(test_out.contains("7 passed"), "{test_out}");
    std::fs::remove_dir_all(&parent).unwrap();
}

#[test]
fn check_names_what_is_stale() {
    let out = temp("stale");
    let first = codegen(&["generate", "--out", out.to_str().unwrap()]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let fresh = codegen(&["check", "--out", out.to_str().unwrap()]);
    assert_eq!(
        fresh.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&fresh.stderr)
    );

    let types = out.join("src/beta/types.rs");
    let text = std::fs::read_to_string(&types).unwrap();
    std::fs::write(
        &types,
        text.replace("pub struct Call {", "pub struct Kall {"),
    )
    .unwrap();
    std::fs::write(
        out.join("src/extra.rs"),
        "// @generated by codegen, an older run\n",
    )
    .unwrap();
    let stale = codegen(&["check", "--out", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&stale.stderr);
    assert_eq!(stale.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("stale: src/beta/types.rs (differs)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("stale: src/extra.rs (no longer generated)"),
        "{stderr}"
    );
    assert!(!stderr.contains("stale: src/beta/requests.rs"), "{stderr}");
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn a_second_generate_rewrites_nothing_and_output_is_deterministic() {
    let out = temp("twice");
    let first = codegen(&["generate", "--out", out.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&first.stderr).contains("wrote"));
    let before = std::fs::metadata(out.join("src/beta/types.rs"))
        .unwrap()
        .modified()
        .unwrap();
    let second = codegen(&["generate", "--out", out.to_str().unwrap()]);
    assert!(
        !String::from_utf8_lossy(&second.stderr).contains("wrote"),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert_eq!(
        std::fs::metadata(out.join("src/beta/types.rs"))
            .unwrap()
            .modified()
            .unwrap(),
        before
    );
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn usage_and_io_errors_exit_2_without_a_backtrace() {
    for args in [
        &["frobnicate"][..],
        &["generate", "--docs"],
        &["lint", "--docs", "/nonexistent/docs"],
        &["lint", "--deny", "everything"],
    ] {
        let run = codegen(args);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("error:") && !stderr.contains("panicked"),
            "{stderr}"
        );
    }
}

#[test]
fn lint_prints_json_lines_and_counts() {
    let run = codegen(&["lint", "--message-format", "json"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    let first: serde_json::Value = serde_json::from_str(stderr.lines().next().unwrap()).unwrap();
    assert!(
        first["code"].is_string() && first["location"]["line"].is_u64(),
        "{first}"
    );
    let human = codegen(&["lint"]);
    let text = String::from_utf8_lossy(&human.stderr);
    assert!(text.contains("     5  table-json-disagree"), "{text}");
}

#[test]
fn snapshot_of_the_redirect_request_module() {
    let generated = codegen::Config::new()
        .docs_dir(repo().join("docs-input"))
        .cargo_output(false)
        .run()
        .unwrap();
    // What a run gives can be taken apart: its fields move out (no `Drop` of its own).
    let codegen::config::Generated { mut output, .. } = generated;
    let requests = output.modules.remove("beta/requests").unwrap_or_default();
    insta::assert_snapshot!("requests", requests);
    let hostile = codegen::Config::new()
        .docs_dir(repo().join("codegen/tests/fixtures/hostile"))
        .cargo_output(false)
        .run()
        .unwrap();
    insta::assert_snapshot!("hostile_requests", hostile.output.modules["beta/requests"]);
}

#[test]
fn page_suppressions_silence_codes_and_stale_ones_are_reported() {
    let docs = repo().join("codegen/tests/fixtures/suppressed");
    let run = codegen::Config::new()
        .docs_dir(&docs)
        .cargo_output(false)
        .run()
        .unwrap();
    let codes: Vec<_> = run
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.message.as_str()))
        .collect();
    assert!(
        !codes.iter().any(|(c, _)| *c == "table-ragged-row"),
        "{codes:?}"
    );
    assert!(
        !codes
            .iter()
            .any(|(c, m)| *c == "table-json-disagree" && m.contains("`shape`")),
        "{codes:?}"
    );
    let unused: Vec<_> = codes
        .iter()
        .filter(|(c, _)| *c == "suppression-unused")
        .collect();
    assert_eq!(unused.len(), 1, "{codes:?}");
    assert!(unused[0].1.contains("\"json-invalid\""), "{codes:?}");
    // The example does not fit its type: reported, and listed instead of tested.
    assert!(
        codes.iter().any(|(c, m)| *c == "example-mismatch"
            && m.contains("$.size is a string where the docs document a 32-bit integer")),
        "{codes:?}"
    );
    assert!(
        codes.iter().any(|(c, m)| *c == "example-mismatch"
            && m.contains("`green` is not one of the documented values")),
        "{codes:?}"
    );
    let report = run.report();
    assert_eq!(
        (report.total.examples, report.total.examples_tested),
        (1, 0)
    );
    assert_eq!(
        (
            report.total.json_examples,
            report.total.json_examples_round_tripped
        ),
        (1, 0)
    );
    assert_eq!(
        report.total.untested_by_reason["does not match its documented type"],
        1
    );
    assert!(
        report.untested[0]
            .reason
            .contains("does not match its documented type"),
        "{:?}",
        report.untested
    );
}

#[test]
fn a_derived_value_where_the_base_is_documented_is_read_as_the_derived_type() {
    let (docs, out) = generate_fixture("derived");
    // A user's test against the generated crate: it reads the variants by name.
    std::fs::copy(
        docs.join("uses_derived.rs.txt"),
        out.join("tests/derived.rs"),
    )
    .unwrap();
    let test_out = cargo_test_in(&out, "derived");
    assert!(test_out.contains("1 passed"), "{test_out}");
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn enum_values_in_another_case_are_read_as_their_variant_and_written_back_as_they_came() {
    let (docs, out) = generate_fixture("cased");
    // The generated tests expect `Other` for `urgent` only, not for `High` or `html`.
    let examples = std::fs::read_to_string(out.join("tests/examples.rs")).unwrap();
    assert_eq!(
        examples.matches("FallbackKind::OtherValue").count(),
        1,
        "{examples}"
    );
    std::fs::copy(docs.join("uses_cased.rs.txt"), out.join("tests/cased.rs")).unwrap();
    let (passed, test_out) = common::cargo_test(&out, "cased", &["--test", "cased"]);
    assert!(passed && test_out.contains("2 passed"), "{test_out}");
    cargo_test_in(&out, "cased");
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn a_build_script_fails_on_errors_in_the_docs_with_the_rendered_diagnostic() {
    let out = temp("broken");
    let docs = repo().join("codegen/tests/fixtures/broken");
    let err = codegen::Config::new()
        .docs_dir(&docs)
        .out_dir(&out)
        .cargo_output(false)
        .generate()
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("error[annotation-invalid]: annotation is not JSON"),
        "{text}"
    );
    assert!(text.contains("--> resources/thing.md:9:"), "{text}");
    assert!(
        text.contains("help: write the annotation as a JSON object"),
        "{text}"
    );
    // Nothing was written for a build that fails.
    assert!(!out.exists());
}

#[test]
fn an_entity_wrapped_in_value_is_not_mistaken_for_a_wrapped_primitive() {
    let docs = repo().join("codegen/tests/fixtures/wrapped");
    let run = codegen::Config::new()
        .docs_dir(&docs)
        .cargo_output(false)
        .run()
        .unwrap();
    let messages: Vec<_> = run
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.message.as_str()))
        .collect();
    // The wrapped example cannot be read as `key`: reported and not tested; the plain one is.
    assert!(
        messages.contains(&(
            "example-mismatch",
            "$.value is an object where the docs document a string"
        )),
        "{messages:?}"
    );
    let report = &run.report().total;
    assert_eq!((report.examples, report.examples_tested), (2, 1));
    // `@odata.type` in the JSON representation names the type; it does not become a property.
    assert!(
        !messages.iter().any(|(_, m)| m.contains("`@odata.type`")),
        "{messages:?}"
    );
    assert!(!run.output.modules["types"].contains("take(\"@odata.type\")"));
}

#[test]
fn documented_query_parameters_are_typed_fields_that_the_contract_tests_send() {
    let (docs, out) = generate_fixture("query");
    let requests = std::fs::read_to_string(out.join("src/v1_0/requests.rs")).unwrap();
    assert!(
        requests.contains("pub start_date_time: ::std::option::Option<::std::string::String>,"),
        "{requests}"
    );
    let contract = std::fs::read_to_string(out.join("tests/contract.rs")).unwrap();
    for field in ["start_date_time", "end_date_time"] {
        assert!(
            contract.contains(&format!("request.query.{field} = Some(")),
            "{contract}"
        );
    }
    std::fs::copy(docs.join("uses_query.rs.txt"), out.join("tests/query.rs")).unwrap();
    // The contract test sends the docs' `startDateTime` and `endDateTime` through the typed
    // fields, and the local Graph answers only when both arrive.
    let args = [
        "--features",
        "client",
        "--test",
        "contract",
        "--test",
        "query",
    ];
    let (passed, test_out) = common::cargo_test(&out, "query", &args);
    assert!(passed, "{test_out}");
    // One contract test and one test of the typed fields.
    assert_eq!(test_out.matches("1 passed").count(), 2, "{test_out}");
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn each_workload_is_a_module_of_its_own_that_builds_alone_and_keeps_its_paths() {
    // The calls pages moved from `ms.prod: microsoft-teams` to `cloud-communications` in a
    // later release; `call-get.md` makes that move here, so the crate has two workloads.
    let docs = temp("workloads-docs");
    copy_dir(&repo().join("docs-input"), &docs);
    let page = docs.join("beta/api/call-get.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let moved = text.replace(
        "ms.prod: \"microsoft-teams\"",
        "ms.prod: \"cloud-communications\"",
    );
    assert_ne!(text, moved, "call-get.md has no `ms.prod` to change");
    std::fs::write(&page, moved).unwrap();
    // `call-forward` has the paths and the body of `call-redirect`: they share a path enum
    // and a body struct, in their workload's module. The owner names the enum of
    // `targetDisposition` (`CallRedirectTargetDisposition`), so that row goes from both, or
    // the bodies would differ.
    let redirect = docs.join("beta/api/call-redirect.md");
    let text = std::fs::read_to_string(&redirect).unwrap();
    let row = "|targetDisposition|String|The possible value is: `default`|\n";
    assert!(
        text.contains(row),
        "call-redirect.md has no `targetDisposition` row"
    );
    let text = text.replace(row, "");
    std::fs::write(&redirect, &text).unwrap();
    let forward = text
        .replace("call-redirect", "call-forward")
        .replace("\"call: redirect\"", "\"call: forward\"");
    std::fs::write(docs.join("beta/api/call-forward.md"), forward).unwrap();
    let out = temp("workloads");
    let run = codegen(&[
        "generate",
        "--workload-features",
        "--docs",
        docs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    let read = |file: &str| std::fs::read_to_string(out.join(file)).unwrap();
    let teams = read("src/beta/requests/microsoft_teams.rs");
    let calls = read("src/beta/requests/cloud_communications.rs");
    assert!(teams.contains("pub struct CallRedirect {"), "{teams}");
    assert!(!teams.contains("pub struct CallGet {"), "{teams}");
    assert!(calls.contains("pub struct CallGet {"), "{calls}");
    for shared in ["pub enum CallPath {", "pub struct CallForwardBody {"] {
        assert!(teams.contains(shared), "{teams}");
    }
    let compact: String = teams.split_whitespace().collect();
    for request in [
        "CallRedirect(CallRedirectPath=CallPath,body:CallForwardBodyasCallRedirectBody)",
        "CallForward(CallForwardPath=CallPath,body:CallForwardBody)",
    ] {
        assert!(compact.contains(request), "{teams}");
    }
    // Types that one workload alone reaches are in its module; `call` is reached by both.
    let teams_types = read("src/beta/types/microsoft_teams.rs");
    assert!(
        teams_types.contains("pub struct InvitationParticipantInfo {"),
        "{teams_types}"
    );
    let shared_types = read("src/beta/types.rs");
    let call = shared_types
        .find("pub struct Call {")
        .expect("`Call` is shared");
    assert!(shared_types[..call].ends_with("#[non_exhaustive]\n"));
    let gate = shared_types[..call].rfind("#[cfg(").unwrap();
    assert!(shared_types[gate..call].starts_with("#[cfg(feature = \"_any-"));
    // One `#[cfg]` for a whole workload, on its module, instead of one on each item.
    for code in [&teams, &calls, &teams_types] {
        assert!(!code.contains("#[cfg("), "{code}");
    }
    // Every type `call-get` reaches, the resource pages of microsoft-teams reach too.
    assert!(!out.join("src/beta/types/cloud_communications.rs").exists());
    for (parent, feature, module) in [
        (
            "requests",
            "beta-cloud-communications",
            "cloud_communications",
        ),
        ("requests", "beta-microsoft-teams", "microsoft_teams"),
        ("types", "beta-microsoft-teams", "microsoft_teams"),
    ] {
        let shared = read(&format!("src/beta/{parent}.rs"));
        let declared = format!(
            "#[cfg(feature = \"{feature}\")]\nmod {module};\n#[cfg(feature = \"{feature}\")]\npub use {module}::*;"
        );
        assert!(shared.contains(&declared), "{shared}");
    }

    // Each workload builds on its own, and the generated tests, which name every request by
    // its path (`beta::requests::CallGet`), pass with both.
    for feature in ["beta-cloud-communications", "beta-microsoft-teams"] {
        let (passed, out) = common::cargo_test(&out, "workloads", &["--features", feature]);
        assert!(passed, "{feature} alone:\n{out}");
    }
    let (passed, test_out) = common::cargo_test(&out, "workloads", &["--all-features"]);
    assert!(passed, "{test_out}");
    // The moved request's example, and the examples of both requests that share a body.
    for (test, count) in [
        ("beta_call_get_response_1", "1 passed"),
        ("beta_call_forward", "7 passed"),
        ("beta_call_redirect", "7 passed"),
    ] {
        let args = ["--all-features", "--test", "examples", test];
        let (passed, test_out) = common::cargo_test(&out, "workloads", &args);
        assert!(passed && test_out.contains(count), "{test}:\n{test_out}");
    }
    std::fs::remove_dir_all(&out).unwrap();
    std::fs::remove_dir_all(&docs).unwrap();
}

#[test]
fn a_build_script_includes_each_workload_module_under_its_feature() {
    let out = temp("workloads-build-rs");
    codegen::Config::new()
        .docs_dir(repo().join("docs-input"))
        .out_dir(&out)
        .workload_features(true)
        .cargo_output(false)
        .generate()
        .unwrap();
    assert!(out.join("beta/requests/microsoft_teams.rs").is_file());
    let graph: String = std::fs::read_to_string(out.join("graph.rs"))
        .unwrap()
        .split_whitespace()
        .collect();
    // From `OUT_DIR` a file cannot declare `mod name;`: `graph.rs` gives the module a body.
    let nested = concat!(
        r#"pubmodrequests{include!(concat!(env!("OUT_DIR"),"/beta/requests.rs"));"#,
        r#"#[cfg(feature="beta-microsoft-teams")]modmicrosoft_teams{"#,
        r#"include!(concat!(env!("OUT_DIR"),"/beta/requests/microsoft_teams.rs"));}"#,
        r#"#[cfg(feature="beta-microsoft-teams")]pubusemicrosoft_teams::*;}"#,
    );
    assert!(graph.contains(nested), "{graph}");
    let requests = std::fs::read_to_string(out.join("beta/requests.rs")).unwrap();
    assert!(!requests.contains("mod microsoft_teams"), "{requests}");
    std::fs::remove_dir_all(&out).unwrap();
}

/// `lint` makes no code, so it skips what cannot report anything (docs, contract tests);
/// what it reports must still be what `generate` reports, on every fixture.
#[test]
fn lint_finds_what_generate_finds() {
    let fixtures = repo().join("codegen/tests/fixtures");
    let mut folders: Vec<std::path::PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    folders.push(repo().join("docs-input"));
    folders.sort();
    let mut messages = Vec::new();
    for docs in folders {
        for features in [false, true] {
            let mut config = codegen::Config::new();
            config
                .docs_dir(&docs)
                .cargo_output(false)
                .workload_features(features);
            let rendered = |g: &codegen::config::Generated| -> Vec<String> {
                g.diagnostics
                    .iter()
                    .map(|d| d.render(&g.sources, false))
                    .collect()
            };
            let (Ok(run), Ok(lint)) = (config.run(), config.lint()) else {
                panic!("{}: generate or lint failed", docs.display());
            };
            assert_eq!(rendered(&lint), rendered(&run), "{}", docs.display());
            messages.extend(run.diagnostics.iter().map(|d| d.message.clone()));
        }
    }
    // The diagnostics that only emitting finds are among those compared.
    for finding in ["has the same Rust name as another", "is not the documented"] {
        assert!(
            messages.iter().any(|m| m.contains(finding)),
            "no fixture reports `{finding}`"
        );
    }
}
