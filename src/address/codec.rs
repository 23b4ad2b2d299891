//! Share links in the browser: the core writes and reads the link's text; the browser's own
//! `CompressionStream` deflates the body when that makes the link shorter (a whole custom
//! scenario), so compression costs the bundle a few lines of JavaScript and no wasm.

use finwait_core::limits::LINK_BODY_BYTES;
use finwait_core::link::{Envelope, LinkError, Packing, Shared};
use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const run = async (bytes, stream, limit) => {
  const reader = new Blob([bytes]).stream().pipeThrough(stream).getReader();
  const parts = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.length;
    if (n > limit) { await reader.cancel(); throw new RangeError("too large"); }
    parts.push(value);
  }
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};
export const deflate = (bytes) => run(bytes, new CompressionStream("deflate-raw"), Infinity);
export const inflate = (bytes, limit) => run(bytes, new DecompressionStream("deflate-raw"), limit);
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn deflate(bytes: &[u8]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn inflate(bytes: &[u8], limit: f64) -> Result<JsValue, JsValue>;
}

/// A body shorter than this is not worth deflating: the packed form is already compact.
const DEFLATE_FROM_BYTES: usize = 160;

/// The link text for a session: plain, or deflated when that is shorter.
pub async fn to_text(shared: &Shared) -> String {
    let body = shared.to_body();
    if body.len() >= DEFLATE_FROM_BYTES {
        if let Ok(packed) = deflate(&body).await {
            let packed = Uint8Array::new(&packed).to_vec();
            if packed.len() < body.len() {
                return Envelope { packing: Packing::Deflated, body: packed }.to_text();
            }
        }
    }
    Envelope { packing: Packing::Plain, body }.to_text()
}

/// The session a link's text holds.
pub async fn from_text(text: &str) -> Result<Shared, LinkError> {
    let envelope = Envelope::open(text)?;
    let body = match envelope.packing {
        Packing::Plain => envelope.body,
        Packing::Deflated => {
            let inflated = inflate(&envelope.body, LINK_BODY_BYTES as f64).await.map_err(|_| LinkError::NotDeflate)?;
            Uint8Array::new(&inflated).to_vec()
        }
    };
    Shared::from_body(&body)
}
