//! The generated tests are the instrument: each must fail when the generated code reads a
//! documented name, an enum value or a dispatch wrongly, even though the JSON would still
//! come back unchanged (the wrong key lands in `additional_properties`, the value in
//! `Other`, the resource in plain JSON, and all of them are written back as they came).
//!
//! This test generates the crate from `docs-input/`, checks that its tests pass, then breaks
//! the generated code in one place at a time and expects a named test to fail for that reason:
//! a round-trip test, or for what only sending shows, a contract test.

use std::path::Path;

mod common;

/// The generated round-trip tests of the crate in `dir`, or with `contract` its contract
/// tests: whether they passed, and the output.
fn cargo_test(dir: &Path, contract: bool) -> (bool, String) {
    let args: &[&str] = match contract {
        false => &["--test", "examples"],
        true => &["--features", "client", "--test", "contract"],
    };
    common::cargo_test(dir, "mutations", args)
}

/// `text` with the first `from` after `anchor` replaced by `to`; fails when either is missing,
/// so that a change in the generated code cannot make a mutation silently miss.
fn mutate(text: &str, anchor: &str, from: &str, to: &str) -> String {
    let start = text
        .find(anchor)
        .unwrap_or_else(|| panic!("`{anchor}` is not in the generated code"));
    let at = start
        + text[start..]
            .find(from)
            .unwrap_or_else(|| panic!("`{from}` is not after `{anchor}`"));
    format!("{}{to}{}", &text[..at], &text[at + from.len()..])
}

struct Mutation {
    what: &'static str,
    file: &'static str,
    anchor: &'static str,
    from: &'static str,
    to: &'static str,
    /// A test that must fail, and what its failure must say.
    test: &'static str,
    says: &'static str,
    /// Whether `test` is a contract test (`tests/contract.rs`, with the `client` feature).
    contract: bool,
}

const MUTATIONS: &[Mutation] = &[
    Mutation {
        what: "a request body property renamed on the wire",
        file: "src/beta/requests.rs",
        anchor: "pub struct CallRedirectBody {",
        from: "pub mask_callee:",
        to: "#[object(rename = \"maskCalleeX\")] pub mask_callee:",
        test: "beta_call_redirect_request_1",
        says: "$.maskCallee: undocumented key kept in `additional_properties`",
        contract: false,
    },
    Mutation {
        what: "the derive spelling wire names without their capitals",
        file: "derive/src/lib.rs",
        anchor: "fn wire_name(",
        from: "'_' => upper = true,",
        to: "'_' => upper = false,",
        test: "beta_call_redirect_request_1",
        says: "$.targetDisposition: undocumented key kept in `additional_properties`",
        contract: false,
    },
    Mutation {
        what: "the derive writing a property under another name than it reads it",
        file: "derive/src/lib.rs",
        anchor: "fn object_impl(",
        from: "\"out.field({wire}, &self.{name});\"",
        to: "\"out.field(concat!({wire}, \\\"X\\\"), &self.{name});\"",
        test: "beta_call_redirect_request_1",
        says: "round trip changed the example at $.",
        contract: false,
    },
    Mutation {
        what: "a nested resource property misspelled",
        file: "src/beta/types.rs",
        anchor: "pub struct Identity {",
        from: "pub display_name:",
        to: "#[object(rename = \"displayname\")] pub display_name:",
        test: "beta_call_redirect_request_1",
        says: "$.targets[0].identity.user.displayName: undocumented key",
        contract: false,
    },
    Mutation {
        what: "an enum value no longer read as its variant",
        file: "src/beta/types.rs",
        anchor: "impl CallState {",
        from: "(\"incoming\", Self::Incoming)",
        to: "(\"incomingX\", Self::Incoming)",
        test: "beta_commsnotification_example_1",
        says: "$.value[0].resourceData.state: value the docs do not list, kept as `Other`",
        contract: false,
    },
    Mutation {
        what: "a resource no longer dispatched by its @odata.type",
        file: "src/beta/types.rs",
        anchor: "pub enum Resource {",
        from: "#[odata(\"microsoft.graph.call\")]",
        to: "#[odata(\"microsoft.graph.calls\")]",
        test: "beta_call_redirect_example_1",
        says: "$.value[0].resourceData: kept as plain JSON",
        contract: false,
    },
    Mutation {
        what: "a request's response mapped to another type",
        file: "src/beta/requests.rs",
        anchor: "as CallGetResponse",
        from: "types::Call",
        to: "types::Participant",
        test: "beta_call_get_response_1",
        says: "$.activeModalities: undocumented key kept in `additional_properties`",
        contract: false,
    },
    Mutation {
        what: "a list's response read as one item instead of a page",
        file: "src/beta/requests.rs",
        anchor: "CallListParticipantsResponse =",
        from: "support::Page < types::Participant >",
        to: "types::Participant",
        test: "beta_call_list_participants_response_1",
        says: "$.value: undocumented key kept in `additional_properties`",
        contract: false,
    },
    Mutation {
        what: "requests sent under another API version",
        file: "src/beta/requests.rs",
        anchor: "pub const API_VERSION",
        from: "\"beta\"",
        to: "\"v1.0\"",
        test: "beta_call_redirect_request_1",
        says: "Graph answered 404",
        contract: true,
    },
];

#[test]
fn generated_tests_fail_when_the_generated_code_misreads_a_name_a_value_or_a_type() {
    let dir = std::env::temp_dir().join(format!("codegen-mutations-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let run = common::codegen(&["generate", "--out", dir.to_str().unwrap()]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for contract in [false, true] {
        let (passed, out) = cargo_test(&dir, contract);
        assert!(passed, "the unbroken crate must pass its tests:\n{out}");
    }

    for m in MUTATIONS {
        let path = dir.join(m.file);
        let original = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, mutate(&original, m.anchor, m.from, m.to)).unwrap();
        let (passed, out) = cargo_test(&dir, m.contract);
        std::fs::write(&path, &original).unwrap();
        assert!(
            !passed,
            "{}: every generated test still passes\n{out}",
            m.what
        );
        assert!(
            out.contains(&format!("{} ... FAILED", m.test))
                || out.contains(&format!("---- {} stdout ----", m.test)),
            "{}: `{}` does not fail\n{out}",
            m.what,
            m.test
        );
        assert!(
            out.contains(m.says),
            "{}: the failure does not say `{}`\n{out}",
            m.what,
            m.says
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
