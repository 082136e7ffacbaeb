//! `Default` of a generated object, which `support::object!` makes by reading `{}`: every
//! property absent and nothing else, so a value built from it writes only what was set.

use graph_docs_build_example::beta::types::{Call, InvitationParticipantInfo};
use graph_docs_build_example::support::{Build, Field};
use serde_json::json;

#[test]
fn a_default_object_has_every_property_absent() {
    let call = Call::default();
    assert_eq!(call.subject, Field::Absent);
    assert_eq!(call.targets, Field::Absent);
    assert!(call.additional_properties.is_empty());
    assert_eq!(serde_json::to_value(&call).unwrap(), json!({}));
    assert_eq!(call, serde_json::from_str::<Call>("{}").unwrap());
}

#[test]
fn a_built_object_writes_only_what_was_set() {
    let target = InvitationParticipantInfo::build(|t| {
        t.replaces_call_id = Field::Value("c1".into());
        t.region = Field::Null;
    });
    assert_eq!(
        serde_json::to_value(&target).unwrap(),
        json!({"replacesCallId": "c1", "region": null})
    );
}
