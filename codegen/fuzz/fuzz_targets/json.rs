//! Any text through the lenient JSON parser: it must not panic, and on text that serde_json
//! accepts as strict JSON it must accept it too, report nothing but duplicate keys, and read
//! the same value.

#![no_main]

use codegen::parse::json::{self, RepairKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let strict = serde_json::from_str::<serde_json::Value>(&text).ok();
    match json::parse(&text) {
        Ok(parsed) => {
            let value = parsed.value.to_value();
            if let Some(strict) = strict {
                assert!(
                    parsed
                        .repairs
                        .iter()
                        .all(|r| r.kind == RepairKind::DuplicateKey),
                    "repairs on strict JSON {text:?}: {:?}",
                    parsed.repairs
                );
                assert_eq!(value, strict, "values differ for {text:?}");
            }
        }
        Err(err) => assert!(
            strict.is_none(),
            "lenient parser rejected strict JSON {text:?}: {err}"
        ),
    }
    let _ = json::parse_prefix(&text);
});
