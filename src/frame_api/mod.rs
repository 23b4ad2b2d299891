//! finwait in a course page's frame: it tells the page what happens (`ready`, `stateChanged`,
//! `segment`, `resize`) and takes commands from it — only from the origin the embed names
//! (`origin=`), only from the window that frames it. Events go to that origin, or else to the
//! framing page's own (from the referrer); never to `*`. See docs/embedding.md.

pub mod hook;
pub mod protocol;

use protocol::{Message, Value};

/// Where messages to the framing page go, if anywhere: the origin the embed names, else the
/// referrer's (the page that framed us). `None` outside a frame.
pub fn target_origin(named: Option<&str>) -> Option<String> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    if parent == window {
        return None;
    }
    if let Some(o) = named {
        return Some(o.to_string());
    }
    let referrer = window.document()?.referrer();
    origin_of(&referrer)
}

/// `https://host:port` of a URL.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next().filter(|h| !h.is_empty())?;
    Some(format!("{scheme}://{host}"))
}

/// Posts `message` to the framing page at `origin`.
pub fn post(origin: &str, message: &Message) {
    let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) else { return };
    let object = js_sys::Object::new();
    for (key, value) in &message.0 {
        let value = match value {
            Value::Null => wasm_bindgen::JsValue::NULL,
            Value::Bool(b) => (*b).into(),
            Value::Number(n) => (*n as f64).into(),
            Value::Text(s) => s.into(),
        };
        let _ = js_sys::Reflect::set(&object, &(*key).into(), &value);
    }
    let _ = parent.post_message(&object, origin);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_origin_is_scheme_host_and_port() {
        assert_eq!(
            origin_of("https://lms.example.edu:8443/course/view.php?id=3").as_deref(),
            Some("https://lms.example.edu:8443")
        );
        assert_eq!(origin_of("http://127.0.0.1:4174/").as_deref(), Some("http://127.0.0.1:4174"));
        assert_eq!(origin_of(""), None);
        assert_eq!(origin_of("file:///tmp/page.html"), None);
    }
}
