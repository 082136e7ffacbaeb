//! Any bytes as a docs page: decoding, page parsing and rendering every diagnostic must not
//! panic, hang or overflow the stack.

#![no_main]

use codegen::parse::page;
use codegen::source::SourceMap;
use libfuzzer_sys::fuzz_target;

/// The page kind comes from the path; pick one from the input length so that corpus files
/// (for instance real docs pages) are used as they are.
const PATHS: [&str; 3] = [
    "beta/resources/fuzz.md",
    "beta/api/fuzz-get.md",
    "beta/includes/fuzz.md",
];

fuzz_target!(|data: &[u8]| {
    let path = PATHS[data.len() % PATHS.len()];
    let mut sources = SourceMap::default();
    let file = sources.add(path.to_string(), Default::default(), data.to_vec());
    let mut diags = Vec::new();
    let _page = page::parse(file, path, &sources.file(file).text, &mut diags);
    for diag in &diags {
        let _ = diag.render(&sources, false);
        let _ = diag.to_json_line(&sources);
    }
});
