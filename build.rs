//! Embeds every file of `themes/default/` into the binary, so a site without a `themes/`
//! folder still builds, and the list of embedded files can never drift from the folder.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn files(dir: &Path, base: &Path, out: &mut Vec<(String, PathBuf)>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("theme folder")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, base, out);
        } else {
            let relative = path
                .strip_prefix(base)
                .expect("inside base")
                .to_string_lossy()
                .replace('\\', "/");
            out.push((relative, path));
        }
    }
}

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("manifest dir")).join("themes/default");
    println!("cargo:rerun-if-changed=themes/default");
    let mut code = String::new();
    for (kind, macro_name, ty) in [
        ("templates", "include_str", "&str"),
        ("static", "include_bytes", "&[u8]"),
        ("translations", "include_str", "&str"),
    ] {
        let base = root.join(kind);
        let mut list = Vec::new();
        files(&base, &base, &mut list);
        for (_, path) in &list {
            println!("cargo:rerun-if-changed={}", path.display());
        }
        let constant = match kind {
            "templates" => "DEFAULT_TEMPLATES",
            "translations" => "DEFAULT_TRANSLATIONS",
            _ => "DEFAULT_STATIC",
        };
        code.push_str(&format!("pub const {constant}: &[(&str, {ty})] = &[\n"));
        for (name, path) in list {
            code.push_str(&format!(
                "    ({name:?}, {macro_name}!({:?})),\n",
                path.display().to_string()
            ));
        }
        code.push_str("];\n");
    }
    let out = PathBuf::from(env::var("OUT_DIR").expect("out dir")).join("default_theme.rs");
    fs::write(out, code).expect("write generated theme list");
}
