//! Embeds the conformance scenarios as the built-in presets: each file under tests/scenarios
//! is copied into OUT_DIR as compact JSON, and OUT_DIR/presets.rs lists them with their name,
//! row and title (so a list of presets needs no parsing). Without the `expectations` feature
//! (the web app) their `expect` entries are left out too — nothing would read them, and the
//! bundle is smaller — and so are the name, row and title, which `Preset::scenario` puts back
//! from the list instead of keeping each twice.

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
    let mut list =
        String::from("/// Every built-in scenario, in conformance order.\npub const PRESETS: &[Preset] = &[\n");
    for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(path).expect("a readable scenario file");
        // A broken file is reported by the conformance test with a proper message; here it is
        // copied as it is.
        let field = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or_default().to_string();
        let mut meta = (String::new(), String::new(), String::new());
        let compact = match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(mut value) => {
                meta = (field(&value, "name"), field(&value, "conformance"), field(&value, "title"));
                if let (false, Some(map)) = (keep_expect, value.as_object_mut()) {
                    for key in ["expect", "name", "conformance", "title"] {
                        map.remove(key);
                    }
                }
                serde_json::to_string(&value).unwrap_or(text)
            }
            Err(_) => text,
        };
        let name = path.file_name().expect("a file name");
        let target = out.join(name);
        fs::write(&target, compact).expect("OUT_DIR is writable");
        list += &format!(
            "    Preset {{ file: {:?}, json: include_str!({:?}), name: {:?}, conformance: {:?}, title: {:?} }},\n",
            name.to_string_lossy(),
            target.display().to_string(),
            meta.0,
            meta.1,
            meta.2
        );
    }
    list += "];\n";
    fs::write(out.join("presets.rs"), list).expect("OUT_DIR is writable");
}
