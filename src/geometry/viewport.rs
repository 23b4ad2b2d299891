//! Which part of a tall SVG to draw. The timeline of a long run has thousands of shapes; only
//! those near the visible part are put in the page. The SVG is scaled to its box, so a scroll
//! position in CSS pixels is converted to SVG units first.

/// Shapes are drawn for whole chunks of this many SVG units, so a small scroll changes nothing.
pub const CHUNK: f64 = 600.0;
/// Drawn beyond the visible part on both sides, in SVG units.
pub const MARGIN: f64 = 300.0;

/// A scroll box's visible part, in CSS pixels, and how many SVG units one pixel is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub top_px: f64,
    pub height_px: f64,
    pub units_per_px: f64,
}

impl View {
    /// The visible part in SVG units.
    pub fn visible(&self) -> (f64, f64) {
        let top = self.top_px * self.units_per_px;
        (top, top + self.height_px * self.units_per_px)
    }

    /// The stretch to draw: the visible part and a margin, rounded out to whole chunks.
    pub fn drawn(&self) -> (f64, f64) {
        let (top, bottom) = self.visible();
        let lo = ((top - MARGIN) / CHUNK).floor().max(0.0) * CHUNK;
        let hi = ((bottom + MARGIN) / CHUNK).ceil() * CHUNK;
        (lo, hi)
    }

    /// Where to scroll (CSS pixels) so that height `y` (SVG units) is in view, or `None` when it
    /// is already: a `y` near the bottom edge or above the top is brought to 60% of the height.
    pub fn scroll_to_show(&self, y: f64) -> Option<f64> {
        let (top, bottom) = self.visible();
        let edge = 80.0 * self.units_per_px;
        if y < top || y > bottom - edge {
            Some((y / self.units_per_px - self.height_px * 0.6).max(0.0))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixels_become_svg_units() {
        // An SVG 748 units wide drawn 1122 px wide: one pixel is two thirds of a unit.
        let v = View { top_px: 900.0, height_px: 600.0, units_per_px: 748.0 / 1122.0 };
        let (top, bottom) = v.visible();
        assert!((top - 600.0).abs() < 1e-9 && (bottom - 1000.0).abs() < 1e-9);
    }

    #[test]
    fn the_drawn_stretch_moves_in_whole_chunks() {
        let at = |top_px: f64| View { top_px, height_px: 500.0, units_per_px: 1.0 }.drawn();
        assert_eq!(at(0.0), (0.0, 1200.0));
        // A small scroll draws the same shapes.
        assert_eq!(at(40.0), at(0.0));
        assert_eq!(at(1000.0), (600.0, 1800.0));
        let (lo, hi) = at(1000.0);
        assert!(lo <= 1000.0 - MARGIN && hi >= 1500.0 + MARGIN);
    }

    #[test]
    fn scrolls_only_when_the_point_is_out_of_view() {
        let v = View { top_px: 100.0, height_px: 500.0, units_per_px: 2.0 };
        assert_eq!(v.scroll_to_show(600.0), None);
        assert_eq!(v.scroll_to_show(100.0), Some(0.0));
        assert_eq!(v.scroll_to_show(1200.0), Some(300.0));
    }
}
