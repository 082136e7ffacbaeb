//! The build script and the `generate` command must produce the same code: the committed
//! `generated/` crate is what a downstream build.rs gets.

use std::path::Path;

#[test]
fn build_script_output_matches_the_committed_crate() {
    let out_dir = Path::new(env!("OUT_DIR"));
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("generated/src");
    for module in ["support", "beta/types", "beta/requests"] {
        let built = std::fs::read_to_string(out_dir.join(format!("{module}.rs"))).unwrap();
        let committed = std::fs::read_to_string(committed.join(format!("{module}.rs"))).unwrap();
        assert!(built == committed, "{module}.rs from build.rs differs from generated/src/{module}.rs: run `cargo run -p codegen -- generate`");
    }
}

#[test]
fn a_bot_reads_an_incoming_call_without_touching_json_values() {
    use graph_docs_build_example::beta::types::{
        AnyValue, CallDirection, CallState, CommsNotifications, Resource,
    };
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input/beta/api/call-redirect.md"),
    )
    .unwrap();
    // The first notification on the page: an incoming call.
    let start = text.find("```json\n{\n  \"value\"").unwrap() + "```json\n".len();
    let end = start + text[start..].find("```").unwrap();
    let notifications: CommsNotifications = serde_json::from_str(&text[start..end]).unwrap();
    let notification = &notifications.value.value().unwrap()[0];
    let Some(AnyValue::Resource(Resource::Call(call))) = notification.resource_data.value() else {
        panic!(
            "resourceData is not read as a call: {:?}",
            notification.resource_data
        );
    };
    assert_eq!(call.state.value(), Some(&CallState::Incoming));
    assert_eq!(call.direction.value(), Some(&CallDirection::Incoming));
    let source = call.source.value().unwrap();
    let user = source.identity.value().unwrap().user.value().unwrap();
    assert_eq!(
        user.display_name.value().map(String::as_str),
        Some("Test User")
    );
    // `@odata.*` annotations are kept, not dropped.
    assert_eq!(call.additional_properties["@odata.etag"], "W/\"5445\"");
}

#[test]
fn unlisted_enum_values_and_explicit_nulls_survive() {
    use graph_docs_build_example::beta::support::Field;
    use graph_docs_build_example::beta::types::{Call, CallState};
    let call: Call = serde_json::from_str(r#"{"state": "parked", "subject": null}"#).unwrap();
    assert_eq!(call.state, Field::Value(CallState::Other("parked".into())));
    assert!(call.subject.is_null());
    assert!(call.tenant_id.is_absent());
    assert_eq!(
        serde_json::to_value(&call).unwrap(),
        serde_json::json!({"state": "parked", "subject": null})
    );
}

#[test]
fn query_options_are_encoded_after_the_path() {
    use graph_docs_build_example::beta::requests::{CallRedirect, CallRedirectPath};
    use graph_docs_build_example::support::{Query, Request};
    let request = CallRedirect::new(
        CallRedirectPath::ApplicationsCalls {
            application_id: "app 1".into(),
            call_id: "c/2".into(),
        },
        Default::default(),
    );
    assert_eq!(request.path(), "/applications/app%201/calls/c%2F2/redirect");
    let query = Query::new().select(["id", "state"]).top(5);
    assert_eq!(
        request.path_with_query(&query),
        "/applications/app%201/calls/c%2F2/redirect?$select=id%2Cstate&$top=5"
    );
}

/// The `$` of an option stays; in values, a space is `%20` and `'`, `&`, `#`, `+` and
/// non-ASCII are escaped, so that each value arrives as it was given.
#[test]
fn query_values_survive_encoding() {
    use graph_docs_build_example::support::{odata_string, Query};
    let filter = format!("displayName eq {}", odata_string("O'Neil & Søn #1+2"));
    assert_eq!(filter, "displayName eq 'O''Neil & Søn #1+2'");
    let query = Query::new()
        .filter(filter)
        .orderby("displayName desc")
        .expand(["members"])
        .skip(10)
        .count(true)
        .search("\"displayName:room\"")
        .param("startDateTime", "2019-04-01T00:00:00Z");
    assert_eq!(
        query.encode(),
        "?$expand=members&$orderby=displayName%20desc\
         &$filter=displayName%20eq%20%27O%27%27Neil%20%26%20S%C3%B8n%20%231%2B2%27\
         &$skip=10&$count=true&$search=%22displayName%3Aroom%22\
         &startDateTime=2019-04-01T00%3A00%3A00Z"
    );
    assert_eq!(Query::new().encode(), "");
}

/// A notification whose call carries a value of the wrong JSON type (a `resultInfo.code` sent
/// as a number where the docs document a string) is kept whole as JSON; inspecting it says
/// where and why, down to the property that did not fit, instead of leaving the caller to
/// guess.
#[test]
fn a_value_that_does_not_fit_says_why() {
    use graph_docs_build_example::beta::types::{AnyValue, Call, CommsNotifications, Resource};
    use graph_docs_build_example::support::{FallbackKind, Inspect};
    let json = r##"{"value": [{
        "changeType": "deleted",
        "resource": "/app/calls/57DAB8B1894C409AB240BD8BEAE78896",
        "resourceData": {
            "@odata.type": "#microsoft.graph.call",
            "state": "terminated",
            "resultInfo": {"@odata.type": "#microsoft.graph.resultInfo", "code": 500, "subcode": 8510}
        }
    }]}"##;
    let notifications: CommsNotifications = serde_json::from_str(json).unwrap();
    let data = notifications.value.value().unwrap()[0]
        .resource_data
        .value()
        .unwrap();
    let AnyValue::Json(unread) = data else {
        panic!("read as a call although `code` is no string: {data:?}");
    };
    assert_eq!(unread.value["resultInfo"]["code"], 500);
    let fallbacks = notifications.fallbacks();
    assert_eq!(fallbacks.len(), 1, "{fallbacks:?}");
    assert_eq!(fallbacks[0].path, "$.value[0].resourceData");
    assert_eq!(fallbacks[0].kind, FallbackKind::Json);
    assert_eq!(
        fallbacks[0].detail,
        "does not fit `#microsoft.graph.call`: `resultInfo`: `code`: invalid type: integer `500`, expected a string"
    );
    // Once the value fits, it is a call, named as Graph names it.
    let fixed = json.replace("\"code\": 500", "\"code\": \"500\"");
    let notifications: CommsNotifications = serde_json::from_str(&fixed).unwrap();
    let data = notifications.value.value().unwrap()[0]
        .resource_data
        .value()
        .unwrap();
    assert!(
        matches!(data.resource(), Some(Resource::Call(_))),
        "{data:?}"
    );
    assert_eq!(data.odata_type(), Some(Call::ODATA_TYPE));
    assert_eq!(Call::ODATA_TYPE, "microsoft.graph.call");
    let found: Vec<_> = notifications
        .fallbacks()
        .into_iter()
        .map(|f| (f.path, f.kind))
        .collect();
    assert_eq!(
        found,
        [(
            "$.value[0].resourceData.resultInfo.subcode".to_string(),
            FallbackKind::UnknownKey
        )]
    );
}

#[test]
fn timestamps_guids_and_durations_keep_their_text_and_parse_on_request() {
    use graph_docs_build_example::beta::support::{
        Date, DateTimeOffset, Duration, Guid, TimeOfDay,
    };
    // Seven digits of fraction, as the service writes them: written back as they came.
    let text = r#"["2019-04-16T09:30:00.1234567Z","0af7e3f6-1f4b-4c3b-9a4b-8f0e1a2b3c4d","2019-04-16","09:30:00.0000000","P1DT2H30M0.5S"]"#;
    let (timestamp, guid, date, time, duration): (DateTimeOffset, Guid, Date, TimeOfDay, Duration) =
        serde_json::from_str(text).unwrap();
    assert_eq!(
        serde_json::to_string(&(&timestamp, &guid, &date, &time, &duration)).unwrap(),
        text
    );
    assert_eq!(timestamp.as_str(), "2019-04-16T09:30:00.1234567Z");

    let parsed = timestamp.to_offset_date_time().unwrap();
    assert_eq!(
        (parsed.year(), parsed.hour(), parsed.nanosecond()),
        (2019, 9, 123_456_700)
    );
    assert_eq!(guid.to_uuid().unwrap().as_fields().0, 0x0af7e3f6);
    assert_eq!(Guid::from(guid.to_uuid().unwrap()), guid);
    assert_eq!(date.to_date().unwrap().ordinal(), 106);
    assert_eq!(time.to_time().unwrap().minute(), 30);
    assert_eq!(
        duration.to_std(),
        Some(std::time::Duration::from_millis(
            ((24 + 2) * 3600 + 30 * 60) * 1000 + 500
        ))
    );
    // Text that is no value of its type stays readable and says so when parsed.
    let odd: DateTimeOffset = serde_json::from_str(r#""datetime-value""#).unwrap();
    assert_eq!(odd.as_str(), "datetime-value");
    assert!(odd.to_offset_date_time().is_err());
    for no_fixed_length in ["P1Y", "P2M", "-PT1H", "PT1H2", "1H"] {
        assert_eq!(
            Duration::new(no_fixed_length).to_std(),
            None,
            "{no_fixed_length}"
        );
    }
    assert_eq!(
        Duration::new("PT1M30S").to_std(),
        Some(std::time::Duration::from_secs(90))
    );
    assert_eq!(
        DateTimeOffset::try_from(parsed).unwrap().as_str(),
        "2019-04-16T09:30:00.1234567Z"
    );
}

/// A path template's `{}` takes the next parameter, percent-encoded; `{{` and `}}` are braces
/// of the path itself, and a lone brace is kept.
#[test]
fn path_templates_fill_their_parameters_and_keep_their_braces() {
    use graph_docs_build_example::support::fill_path;
    let (a, b) = ("a b".to_string(), "c/{d}".to_string());
    assert_eq!(fill_path("/x/{}/y/{}", &[&a, &b]), "/x/a%20b/y/c%2F%7Bd%7D");
    assert_eq!(fill_path("/x({{key}})/{}", &[&a]), "/x({key})/a%20b");
    assert_eq!(fill_path("/x}/y{", &[]), "/x}/y{");
    // A template with more markers than parameters fills the rest with nothing.
    assert_eq!(fill_path("/x/{}/{}", &[&a]), "/x/a%20b/");
}
