//! Writing output: only what changed, and atomically, so that an interrupted run leaves
//! the previous output whole and an unchanged file keeps its mtime (cargo rebuilds nothing).

use std::io::Write;
use std::path::{Component, Path};

/// Writes `contents` to `path` unless it already holds exactly that. Returns whether it wrote.
pub fn write_file_if_changed(path: &Path, contents: &[u8]) -> std::io::Result<bool> {
    if std::fs::read(path).is_ok_and(|existing| existing == contents) {
        return Ok(false);
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(contents)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map(|()| true)
}

/// Whether a relative output path stays inside the output folder.
pub fn is_contained(relative: &str) -> bool {
    let path = Path::new(relative);
    !relative.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_files_are_not_rewritten() {
        let dir = std::env::temp_dir().join(format!("codegen-write-{}", std::process::id()));
        let path = dir.join("a/b.rs");
        assert!(write_file_if_changed(&path, b"one").unwrap());
        let before = std::fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(!write_file_if_changed(&path, b"one").unwrap());
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            before
        );
        assert!(write_file_if_changed(&path, b"two").unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        // No temporary files are left behind.
        assert_eq!(std::fs::read_dir(dir.join("a")).unwrap().count(), 1);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn paths_that_leave_the_output_folder_are_refused() {
        assert!(is_contained("src/types.rs"));
        assert!(!is_contained("../../x"));
        assert!(!is_contained("/etc/passwd"));
        assert!(!is_contained("src/../../x"));
    }
}

/// Files below `dir/sub` (for each `sub`) that a run of the generator wrote: they start with
/// the `@generated` marker. Paths are relative to `dir`, sorted.
pub fn generated_files(dir: &Path, subs: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack: Vec<std::path::PathBuf> = subs.iter().map(|s| dir.join(s)).collect();
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if std::fs::read(&path).is_ok_and(|b| b.starts_with(b"// @generated")) {
                out.push(crate::source::relative_path(dir, &path));
            }
        }
    }
    out.sort();
    out
}
