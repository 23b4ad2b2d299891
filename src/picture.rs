//! The diagram as a file: an SVG that stands on its own, and a PNG drawn from it.
//!
//! The picture is drawn on the page by the timeline's own `Marks` (so it is what the page
//! shows), off screen, and then copied with each mark's computed style written on the copy:
//! the file needs no stylesheet, and opens the same in a browser, an editor or a slide.

use js_sys::{Array, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlImageElement};

/// The PNG is drawn at twice the SVG's size, sharp on a projector or a high-density screen.
pub const PNG_SCALE: f64 = 2.0;

/// The properties a mark's look comes from, each with the value it has when nothing sets it
/// (left out of the file). The font's only matter on text.
const PAINT: [(&str, &str); 10] = [
    ("fill", "rgb(0, 0, 0)"),
    ("fill-opacity", "1"),
    ("stroke", "none"),
    ("stroke-width", "1px"),
    ("stroke-opacity", "1"),
    ("stroke-dasharray", "none"),
    ("stroke-linejoin", "miter"),
    ("stroke-linecap", "butt"),
    ("opacity", "1"),
    ("paint-order", "normal"),
];
const FONT: [(&str, &str); 4] =
    [("font-family", ""), ("font-size", ""), ("font-weight", "400"), ("font-style", "normal")];

/// The `<svg>` drawn on the page as a file's text: a copy with every mark's computed style
/// inline and its classes and page-only attributes gone.
pub fn svg_file(svg: &Element) -> Option<String> {
    let window = web_sys::window()?;
    let copy: Element = svg.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    let (originals, copies) = (svg.query_selector_all("*").ok()?, copy.query_selector_all("*").ok()?);
    let pairs = (0..originals.length()).filter_map(|i| Some((originals.item(i)?, copies.item(i)?)));
    for (original, copied) in std::iter::once((svg.clone().into(), copy.clone().into())).chain(pairs) {
        let (original, copied): (Element, Element) = (original.dyn_into().ok()?, copied.dyn_into().ok()?);
        let computed = window.get_computed_style(&original).ok()??;
        let fonts: &[(&str, &str)] = if original.tag_name() == "text" { &FONT } else { &[] };
        let style: String = PAINT
            .iter()
            .chain(fonts)
            .filter_map(|(name, unset)| {
                let value = computed.get_property_value(name).ok()?;
                (value != *unset && !value.is_empty()).then(|| format!("{name}:{value};"))
            })
            .collect();
        for page_only in ["class", "aria-hidden", "inert"] {
            let _ = copied.remove_attribute(page_only);
        }
        if !style.is_empty() {
            let _ = copied.set_attribute("style", &style);
        }
    }
    let text = web_sys::XmlSerializer::new().ok()?.serialize_to_string(&copy).ok()?;
    Some(format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}\n"))
}

/// Why a PNG could not be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PngRefused {
    /// The page's Content-Security-Policy forbids images from `blob:` addresses, which the
    /// browser's only way to draw an SVG on a canvas needs.
    Policy,
    /// Another step failed (no canvas, no memory).
    Browser,
}

/// `svg` (a file from `svg_file`, `width` × `height` units) drawn as a PNG at `PNG_SCALE`.
pub async fn png(svg: &str, width: f64, height: f64) -> Result<Blob, PngRefused> {
    let browser = |_| PngRefused::Browser;
    let kind = BlobPropertyBag::new();
    kind.set_type("image/svg+xml");
    let source = Blob::new_with_str_sequence_and_options(&Array::of1(&svg.into()), &kind).map_err(browser)?;
    let url = web_sys::Url::create_object_url_with_blob(&source).map_err(browser)?;
    let image = HtmlImageElement::new().map_err(browser)?;
    image.set_src(&url);
    // Under a policy without `img-src blob:`, loading is refused and decoding fails.
    let decoded = JsFuture::from(image.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded.map_err(|_| PngRefused::Policy)?;

    let document = web_sys::window().and_then(|w| w.document()).ok_or(PngRefused::Browser)?;
    let canvas: HtmlCanvasElement =
        document.create_element("canvas").ok().and_then(|c| c.dyn_into().ok()).ok_or(PngRefused::Browser)?;
    let (w, h) = ((width * PNG_SCALE).round(), (height * PNG_SCALE).round());
    canvas.set_width(w as u32);
    canvas.set_height(h as u32);
    let context: CanvasRenderingContext2d =
        canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into().ok()).ok_or(PngRefused::Browser)?;
    context.draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, w, h).map_err(browser)?;
    let made = Promise::new(&mut |resolve, _| {
        let _ = canvas.to_blob(&resolve);
    });
    // `toBlob` gives null when the canvas is too large to encode.
    let blob: JsValue = JsFuture::from(made).await.map_err(browser)?;
    blob.dyn_into::<Blob>().map_err(browser)
}
