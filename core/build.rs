//! Embeds the conformance scenarios as the built-in presets: each file under tests/scenarios
//! is copied into OUT_DIR as compact JSON. Without the `expectations` feature (the web app)
//! their `expect` entries are left out too — nothing would read them, and the bundle is
//! smaller.

use std::{env, fs, path::Path};

fn main() {
    let src = Path::new("tests/scenarios");
    println!("cargo:rerun-if-changed={}", src.display());
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("presets");
    fs::create_dir_all(&out).expect("OUT_DIR is writable");
    let keep_expect = env::var_os("CARGO_FEATURE_EXPECTATIONS").is_some();
    let mut files: Vec<_> =
        fs::read_dir(src).expect("tests/scenarios exists").filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(path).expect("a readable scenario file");
        // A broken file is reported by the conformance test with a proper message; here it is
        // copied as it is.
        let compact = match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(mut value) => {
                if let (false, Some(map)) = (keep_expect, value.as_object_mut()) {
                    map.remove("expect");
                }
                serde_json::to_string(&value).unwrap_or(text)
            }
            Err(_) => text,
        };
        let name = path.file_name().expect("a file name");
        fs::write(out.join(name), compact).expect("OUT_DIR is writable");
    }
}
