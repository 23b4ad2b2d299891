//! Geometry: data → SVG coordinates, kept apart from the components (which only place the
//! shapes) so it is tested natively with plain `#[test]`s.

pub mod state_diagram;
pub mod time_axis;
pub mod timeline;
pub mod viewport;

/// A coordinate for SVG, to a tenth of a pixel. Written with integer arithmetic: Rust's float
/// formatting is one of the larger pieces of a wasm bundle, and the app needs none of it.
pub fn px(v: f64) -> String {
    let tenths = (v * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.unsigned_abs();
    if t.is_multiple_of(10) {
        format!("{sign}{}", t / 10)
    } else {
        format!("{sign}{}.{}", t / 10, t % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::px;

    #[test]
    fn coordinates_to_a_tenth() {
        assert_eq!(px(12.0), "12");
        assert_eq!(px(12.34), "12.3");
        assert_eq!(px(-0.06), "-0.1");
        assert_eq!(px(-3.0), "-3");
        assert_eq!(px(0.04), "0");
    }
}
