//! Moodle XML: `<quiz>` of `<question type="multichoice">`, one right answer at 100 %, the
//! others at 0 %, each with its feedback, and the rule as general feedback.

use crate::xml::escape;
use crate::Item;

pub fn write(items: &[Item]) -> String {
    let text = |tag: &str, s: &str| format!("<{tag} format=\"plain_text\"><text>{}</text></{tag}>", escape(s));
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    for item in items {
        out.push_str("  <question type=\"multichoice\">\n");
        out.push_str(&format!("    <name><text>{}</text></name>\n", escape(&item.title)));
        out.push_str(&format!("    {}\n", text("questiontext", &item.stem)));
        out.push_str(&format!("    {}\n", text("generalfeedback", &item.explanation)));
        out.push_str("    <defaultgrade>1</defaultgrade>\n    <penalty>0</penalty>\n    <hidden>0</hidden>\n");
        out.push_str("    <single>true</single>\n    <shuffleanswers>false</shuffleanswers>\n");
        out.push_str("    <answernumbering>abc</answernumbering>\n");
        for c in &item.choices {
            let fraction = if c.right { 100 } else { 0 };
            out.push_str(&format!(
                "    <answer fraction=\"{fraction}\" format=\"plain_text\"><text>{}</text>{}</answer>\n",
                escape(&c.text),
                text("feedback", &c.feedback)
            ));
        }
        out.push_str("  </question>\n");
    }
    out.push_str("</quiz>\n");
    out
}
