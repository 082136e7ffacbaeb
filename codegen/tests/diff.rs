//! `codegen diff`: each kind of change made to a copy of `docs-input/` (real pages), and
//! classified as the README's evolution policy says; a real pair of releases of the
//! `call: redirect` page; the command's formats and exit codes.

mod common;

use codegen::diff::{compare, Bump, Options, Report};
use std::path::{Path, PathBuf};

use common::copy_dir;

/// `docs-input/` as the old side, and a copy changed by `change` as the new one.
struct Pair {
    old: PathBuf,
    new: PathBuf,
}

impl Pair {
    fn new(name: &str) -> Pair {
        let root = std::env::temp_dir().join(format!("codegen-diff-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let new = root.join("new");
        copy_dir(&common::repo().join("docs-input"), &new);
        Pair {
            old: common::repo().join("docs-input"),
            new,
        }
    }

    /// Replaces `from` (which must be there) with `to` in the new side's `page`.
    fn edit(&self, page: &str, from: &str, to: &str) -> &Pair {
        let path = self.new.join(page);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{page} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        self
    }

    fn write(&self, page: &str, text: &str) -> &Pair {
        std::fs::write(self.new.join(page), text).unwrap();
        self
    }

    fn remove(&self, page: &str) -> &Pair {
        std::fs::remove_file(self.new.join(page)).unwrap();
        self
    }

    /// The report for a crate generated without workload features, as `generate` makes it.
    fn report(&self) -> Report {
        self.report_with(Options::default())
    }

    fn report_with(&self, options: Options) -> Report {
        let load = |dir: &Path| codegen::ir::load(dir, &mut Vec::new()).unwrap();
        compare(&load(&self.old), &load(&self.new), options)
    }
}

/// Each change as `class kind item`, in report order.
fn listed(report: &Report) -> Vec<String> {
    report
        .changes
        .iter()
        .map(|c| format!("{} {} {}", c.class.as_str(), c.kind, c.item))
        .collect()
}

#[test]
fn the_same_docs_have_no_changes() {
    let report = Pair::new("same").report();
    assert_eq!(listed(&report), Vec::<String>::new());
    assert_eq!(report.rustdoc_only, 0);
    assert_eq!(report.bump, Bump::None);
}

/// Folders without version subfolders are one version each, whatever the folders are called.
#[test]
fn two_folders_without_versions_are_the_same_version() {
    let root = std::env::temp_dir().join(format!("codegen-diff-flat-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let (old, new) = (root.join("release-a"), root.join("release-b"));
    copy_dir(&common::repo().join("docs-input/beta"), &old);
    copy_dir(&common::repo().join("docs-input/beta"), &new);
    let path = new.join("resources/callroute.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "| original            |",
            "| reason | String | Why. |\n| original            |",
        ),
    )
    .unwrap();
    let load = |dir: &Path| codegen::ir::load(dir, &mut Vec::new()).unwrap();
    let report = compare(&load(&old), &load(&new), Options::default());
    assert_eq!(
        (report.versions_added.len(), report.versions_removed.len()),
        (0, 0)
    );
    assert_eq!(
        listed(&report),
        ["additive property-added types::CallRoute::reason"]
    );
}

#[test]
fn a_version_removed_is_breaking_and_one_added_is_additive() {
    let p = Pair::new("versions");
    std::fs::rename(p.new.join("beta"), p.new.join("v1.0")).unwrap();
    let report = p.report();
    assert_eq!(
        (
            report.versions_removed.as_slice(),
            report.versions_added.as_slice()
        ),
        (&["beta".to_string()][..], &["v1.0".to_string()][..])
    );
    assert_eq!(report.bump, Bump::Major);
}

#[test]
fn properties_added_removed_retyped_and_made_collections() {
    let p = Pair::new("properties");
    p.edit("beta/resources/callroute.md", "| final               | [identitySet](identityset.md) |", "| final               | String |")
        .edit("beta/resources/callroute.md", "| original            | [identitySet](identityset.md) |", "| original            | [identitySet](identityset.md) collection |")
        .edit("beta/resources/callroute.md", "| routingType         | String                        | Possible values are: `forwarded`, `lookup`, `selfFork`.  |",
            "| reason | String | Why the call was routed. |")
        // A property the table drops is still read from the JSON representation: drop both.
        .edit("beta/resources/callroute.md", ",\n  \"routingType\": \"forwarded | lookup | selfFork\"", "");
    let report = p.report();
    assert_eq!(
        listed(&report),
        [
            "breaking property-retyped beta::types::CallRoute::final_",
            "breaking property-collection-changed beta::types::CallRoute::original",
            "breaking property-removed beta::types::CallRoute::routing_type",
            "additive property-added beta::types::CallRoute::reason",
        ]
    );
    let retyped = &report.changes[0];
    assert_eq!(
        retyped.detail,
        "property `final`: `::std::boxed::Box<types::IdentitySet>` -> `::std::string::String`"
    );
    assert_eq!(retyped.location, "beta/resources/callroute.md:19:3");
    assert_eq!(retyped.workload, "beta-microsoft-teams");
    assert_eq!(report.bump, Bump::Major);
}

/// Fields are named in table order, so a property added before another with the same Rust
/// name renames the other's field.
#[test]
fn a_field_renamed_by_a_property_added_before_it_is_breaking() {
    let p = Pair::new("field-renamed");
    p.edit(
        "beta/resources/callroute.md",
        "| original            |",
        "| Original | String | The same name in another case. |\n| original            |",
    );
    let report = p.report();
    assert_eq!(
        listed(&report),
        [
            "breaking property-renamed beta::types::CallRoute::original_2",
            "additive property-added beta::types::CallRoute::original",
        ]
    );
    assert_eq!(
        report.changes[0].detail,
        "property `original` is now the field `original_2`, was `original`"
    );
}

#[test]
fn enum_values_added_are_additive_and_removed_are_breaking() {
    let p = Pair::new("enum");
    p.edit(
        "beta/resources/callroute.md",
        "Possible values are: `forwarded`, `lookup`, `selfFork`.",
        "Possible values are: `forwarded`, `selfFork`, `transferred`.",
    );
    let report = p.report();
    assert_eq!(
        listed(&report),
        [
            "breaking enum-value-removed beta::types::CallRouteRoutingType::Lookup",
            "additive enum-value-added beta::types::CallRouteRoutingType::Transferred",
        ]
    );
    assert!(
        report.changes[0].detail.contains("`lookup`"),
        "{}",
        report.changes[0].detail
    );
    assert!(
        report.changes[1].detail.contains("`transferred`"),
        "{}",
        report.changes[1].detail
    );
    // The description of the property changed with its values: counted, not listed.
    assert_eq!(report.rustdoc_only, 1);
}

/// Variants are named in the docs' order, so a value added before another with the same
/// Rust name renames the other's variant.
#[test]
fn a_variant_renamed_by_a_value_added_before_it_is_breaking() {
    let p = Pair::new("variant-renamed");
    p.edit(
        "beta/resources/callroute.md",
        "Possible values are: `forwarded`, `lookup`, `selfFork`.",
        "Possible values are: `forwarded`, `Lookup`, `lookup`, `selfFork`.",
    );
    let report = p.report();
    assert_eq!(
        listed(&report),
        [
            "breaking enum-value-renamed beta::types::CallRouteRoutingType::Lookup2",
            "additive enum-value-added beta::types::CallRouteRoutingType::Lookup",
        ]
    );
    assert_eq!(
        report.changes[0].detail,
        "value `lookup` of `microsoft.graph.callroute.routingType` is now the variant `Lookup2`, was `Lookup`"
    );
}

#[test]
fn a_value_spelled_in_another_case_is_the_same_variant() {
    let p = Pair::new("respelled");
    p.edit(
        "beta/resources/callroute.md",
        "Possible values are: `forwarded`, `lookup`, `selfFork`.",
        "Possible values are: `Forwarded`, `lookup`, `selfFork`.",
    );
    let report = p.report();
    assert_eq!(
        listed(&report),
        ["additive enum-value-respelled beta::types::CallRouteRoutingType::Forwarded"]
    );
    assert_eq!(report.bump, Bump::Minor);
}

#[test]
fn a_description_alone_is_a_patch() {
    let p = Pair::new("docs");
    p.edit(
        "beta/resources/callroute.md",
        "The identity that was resolved to in the call.",
        "The identity the call was resolved to.",
    );
    let report = p.report();
    assert_eq!(listed(&report), Vec::<String>::new());
    assert_eq!((report.rustdoc_only, report.bump), (1, Bump::Patch));
}

#[test]
fn a_type_renamed_in_the_docs_is_a_removal_and_an_addition_that_look_like_a_rename() {
    let p = Pair::new("rename");
    let route = std::fs::read_to_string(p.new.join("beta/resources/callroute.md")).unwrap();
    p.write(
        "beta/resources/callpath.md",
        &route.replace("callRoute", "callPath"),
    );
    p.remove("beta/resources/callroute.md");
    let report = p.report();
    assert_eq!(
        listed(&report),
        [
            // `call.md` still links to the page that is gone.
            "breaking property-retyped beta::types::Call::call_routes",
            "breaking type-removed beta::types::CallRoute",
            "additive type-added beta::types::CallPath",
        ]
    );
    let removed = &report.changes[1];
    assert_eq!(
        removed.location,
        "old docs: beta/resources/callroute.md:9:1"
    );
    assert_eq!(
        removed.note.as_deref(),
        Some("looks like a rename to `microsoft.graph.callPath`: the same properties")
    );
    assert_eq!(
        report.changes[2].note.as_deref(),
        Some("looks like a rename of `microsoft.graph.callRoute`: the same properties")
    );
}

#[test]
fn a_page_that_changed_the_case_of_its_file_name_is_the_same_page() {
    let p = Pair::new("case");
    std::fs::rename(
        p.new.join("beta/resources/chatInfo.md"),
        p.new.join("beta/resources/chatinfo.md"),
    )
    .unwrap();
    let report = p.report();
    assert_eq!(listed(&report), Vec::<String>::new());
    assert_eq!(report.bump, Bump::None);
}

#[test]
fn base_types() {
    let p = Pair::new("base");
    p.edit(
        "beta/resources/apphostedmediaconfig.md",
        "\"baseType\": \"microsoft.graph.mediaConfig\",",
        "",
    );
    assert_eq!(
        listed(&p.report()),
        ["breaking base-type-changed beta::types::AppHostedMediaConfig"]
    );
}

#[test]
fn requests_added_and_removed() {
    let p = Pair::new("requests");
    let get = std::fs::read_to_string(p.new.join("beta/api/call-get.md")).unwrap();
    p.write(
        "beta/api/call-delete.md",
        &get.replace("GET /", "DELETE /")
            .replace("# Get call", "# Delete call"),
    );
    p.remove("beta/api/call-list-participants.md");
    let report = p.report();
    assert_eq!(
        listed(&report),
        [
            "breaking request-removed beta::requests::CallListParticipants",
            "additive request-added beta::requests::CallDelete",
        ]
    );
    assert_eq!(
        report.changes[0].location,
        "old docs: beta/api/call-list-participants.md:30:5"
    );
}

#[test]
fn paths_methods_and_path_parameters() {
    let p = Pair::new("paths");
    p.edit(
        "beta/api/call-get.md",
        "GET /app/calls/{id}\nGET /applications/{id}/calls/{id}",
        "GET /app/calls/{participantId}\nGET /communications/calls/{id}",
    );
    p.edit(
        "beta/api/call-list-participants.md",
        "GET /app/calls/{id}/participants\nGET /applications/{id}/calls/{id}/participants",
        "POST /app/calls/{id}/participants\nPOST /applications/{id}/calls/{id}/participants",
    );
    let report = p.report();
    assert_eq!(
        listed(&report),
        [
            "breaking path-parameter-renamed beta::requests::CallGetPath::App",
            "breaking path-removed beta::requests::CallGetPath::Applications",
            "breaking method-changed beta::requests::CallListParticipants",
            "additive path-added beta::requests::CallGetPath::Communications",
        ]
    );
    assert_eq!(report.changes[0].detail, "path `/app/calls/{participantId}` of `CallGet`: `App { call_id }` -> `App { participant_id }`");
}

#[test]
fn bodies_and_their_parameters() {
    let p = Pair::new("bodies");
    p.edit(
        "beta/api/call-redirect.md",
        "|timeout|Int32|",
        "|timeout|String|",
    )
    .edit(
        "beta/api/call-redirect.md",
        "|maskCaller|Boolean|Indicates whether to mask the caller.|",
        "|callbackUri|String|Where callbacks go.|",
    )
    .edit(
        "beta/api/call-get.md",
        "Do not supply a request body for this method.",
        "| Parameter | Type | Description |\n|:--|:--|:--|\n| reason | String | Why. |",
    );
    assert_eq!(
        listed(&p.report()),
        [
            "breaking body-added beta::requests::CallGet",
            "breaking body-parameter-removed beta::requests::CallRedirectBody::mask_caller",
            "breaking body-parameter-retyped beta::requests::CallRedirectBody::timeout",
            "additive body-parameter-added beta::requests::CallRedirectBody::callback_uri",
        ]
    );
}

#[test]
fn query_parameters_status_responses_and_permissions() {
    let p = Pair::new("responses");
    p.edit("beta/api/call-list-participants.md", "## Optional query parameters", "## Optional query parameters\n\n| Name | Type | Description |\n|:--|:--|:--|\n| since | String | Only those who joined since. |\n")
        .edit("beta/api/call-redirect.md", "Returns `202 Accepted` response code", "Returns `200 OK` response code")
        .edit("beta/api/call-redirect.md", "| Application     | Calls.Initiate.All ", "| Application     | Calls.Initiate.All, Calls.JoinGroupCall.All ")
        .edit("beta/api/call-get.md", "\"@odata.type\": \"microsoft.graph.call\"", "\"@odata.type\": \"microsoft.graph.participant\"");
    let report = p.report();
    assert_eq!(
        listed(&report),
        [
            "breaking response-retyped beta::requests::CallGet",
            "additive query-parameter-added beta::requests::CallListParticipantsQuery::since",
            "additive status-changed beta::requests::CallRedirect",
            "docs-only permissions-changed beta::requests::CallRedirect",
        ]
    );
    assert_eq!(
        report.changes[0].detail,
        "`CallGet` returns `types::Participant`, returned `types::Call`"
    );
    assert_eq!(
        report.changes[3].detail,
        "permissions of `CallRedirect`: +Application: Calls.JoinGroupCall.All"
    );
}

const WORKLOAD_FEATURES: Options = Options {
    workload_features: true,
};

#[test]
fn a_request_that_moves_to_another_workload_leaves_its_feature() {
    let p = Pair::new("feature");
    p.edit(
        "beta/api/call-get.md",
        "ms.prod: \"microsoft-teams\"",
        "ms.prod: \"cloud-communications\"",
    );
    let report = p.report_with(WORKLOAD_FEATURES);
    assert_eq!(
        listed(&report),
        [
            "breaking request-moved beta::requests::CallGet",
            "additive feature-added beta-cloud-communications",
        ]
    );
    assert_eq!(report.changes[0].workload, "beta-cloud-communications");
    // A crate without workload features has nothing a move can break.
    let report = p.report();
    assert_eq!(listed(&report), Vec::<String>::new());
    assert_eq!(report.bump, Bump::None);
}

/// The real page a year apart: what the docs' own README says changed is what the report says.
#[test]
fn the_call_redirect_page_a_year_apart() {
    let dir = common::repo().join("codegen/tests/fixtures/diff-call-redirect");
    let load = |d: &str| codegen::ir::load(&dir.join(d), &mut Vec::new()).unwrap();
    let report = compare(&load("2019-04"), &load("2020-05"), WORKLOAD_FEATURES);
    assert_eq!(
        listed(&report),
        [
            // Grouped by workload: the request's new one, then the feature it left.
            "breaking request-moved beta::requests::CallRedirect",
            "breaking path-removed beta::requests::CallRedirectPath::ApplicationsCalls",
            "breaking feature-removed beta-microsoft-teams",
            "additive feature-added beta-cloud-communications",
            "additive body-parameter-added beta::requests::CallRedirectBody::callback_uri",
            "additive path-added beta::requests::CallRedirectPath::CommunicationsCalls",
            "additive enum-value-added beta::types::CallRedirectTargetDisposition::Forward",
            "additive enum-value-added beta::types::CallRedirectTargetDisposition::SimultaneousRing",
        ]
    );
    assert_eq!(report.bump, Bump::Major);
}

fn diff_command(args: &[&str]) -> (i32, String, String) {
    let out = common::codegen(&[&["diff"], args].concat());
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

const OLD: &str = "codegen/tests/fixtures/diff-call-redirect/2019-04";
const NEW: &str = "codegen/tests/fixtures/diff-call-redirect/2020-05";

#[test]
fn markdown_puts_breaking_first_grouped_by_workload_and_ends_with_no_failure() {
    let (code, md, _) = diff_command(&["--old", OLD, "--new", NEW, "--workload-features"]);
    assert_eq!(code, 0);
    assert!(md.contains("**Version bump: major"), "{md}");
    let breaking = md.find("### Breaking (3)").expect("a breaking section");
    let additive = md.find("### Additive (5)").expect("an additive section");
    assert!(breaking < additive);
    assert!(md.contains("#### beta-cloud-communications"));
    assert!(md.contains("- `beta::requests::CallRedirectBody::callback_uri`: body parameter `callbackUri` added: `::std::string::String` (beta/api/call-redirect.md:57:2)"), "{md}");
}

#[test]
fn limit_lists_that_many_per_class_and_workload_and_counts_the_rest() {
    let (code, md, _) = diff_command(&[
        "--old",
        OLD,
        "--new",
        NEW,
        "--workload-features",
        "--limit",
        "1",
    ]);
    assert_eq!(code, 0);
    let section = &md[md.find("### Additive (5)").unwrap()..];
    assert_eq!(section.matches("\n- `").count(), 1, "{section}");
    assert!(
        section.contains("- and 4 more (`--format json` lists every one)"),
        "{section}"
    );
    assert_eq!(
        diff_command(&["--old", OLD, "--new", NEW, "--limit", "many"]).0,
        2
    );
}

#[test]
fn errors_in_the_docs_are_counted_and_the_diff_still_runs() {
    let p = Pair::new("errors");
    p.edit(
        "beta/resources/callroute.md",
        "  \"original\": {",
        "  \"original\": {{",
    );
    let new = p.new.to_str().unwrap();
    let (code, md, err) = diff_command(&["--old", "docs-input", "--new", new]);
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("**Version bump:"), "{md}");
    assert!(
        err.contains(&format!("note: {new} has 1 error(s) in its pages")),
        "{err}"
    );
    assert!(
        err.contains(&format!("`codegen lint --docs {new}` lists them")),
        "{err}"
    );
    assert!(!err.contains("docs-input has"), "{err}");
}

#[test]
fn json_and_exit_codes() {
    let (code, json, _) = diff_command(&[
        "--old",
        OLD,
        "--new",
        NEW,
        "--format",
        "json",
        "--fail-on",
        "breaking",
    ]);
    assert_eq!(code, 1, "breaking changes with --fail-on breaking");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["bump"], "major");
    assert_eq!(value["changes"][0]["class"], "breaking");
    // Only additions: --fail-on breaking passes, --fail-on additive fails.
    let p = Pair::new("exit");
    p.edit(
        "beta/resources/callroute.md",
        "| original            |",
        "| reason | String | Why. |\n| original            |",
    );
    let (old, new) = (p.old.to_str().unwrap(), p.new.to_str().unwrap());
    assert_eq!(
        diff_command(&["--old", old, "--new", new, "--fail-on", "breaking"]).0,
        0
    );
    assert_eq!(
        diff_command(&["--old", old, "--new", new, "--fail-on", "additive"]).0,
        1
    );
    // Usage and unreadable input.
    let (code, _, err) = diff_command(&["--old", OLD]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`diff` needs `--old DIR` and `--new DIR`"),
        "{err}"
    );
    let (code, _, err) = diff_command(&["--old", OLD, "--new", "no/such/folder"]);
    assert_eq!(code, 2);
    assert!(err.contains("no/such/folder is not a docs folder"), "{err}");
    assert_eq!(
        diff_command(&["--old", OLD, "--new", NEW, "--fail-on", "everything"]).0,
        2
    );
}
