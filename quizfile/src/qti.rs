//! IMS QTI 1.2 packaged as Canvas imports it: a .zip with `imsmanifest.xml` and one folder per
//! assessment holding the assessment (`<id>/<id>.xml`, namespace ims_qtiasiv1p2, items of
//! `question_type` multiple_choice_question) and Canvas's `assessment_meta.xml`.

use crate::xml::escape;
use crate::{zip, Item};

const QTI_NS: &str = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2";

/// The package of one quiz called `title`; `id` names its folder and identifiers (letters,
/// digits and dashes).
pub fn write(id: &str, title: &str, items: &[Item]) -> Vec<u8> {
    let (assessment_path, meta_path) = (format!("{id}/{id}.xml"), format!("{id}/assessment_meta.xml"));
    zip::write(&[
        ("imsmanifest.xml", manifest(id).into_bytes()),
        (&assessment_path, assessment(id, title, items).into_bytes()),
        (&meta_path, meta(id, title, items.len()).into_bytes()),
    ])
}

fn manifest(id: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{id}-manifest" xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1" xmlns:lom="http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource" xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_v1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lomresource_v1p0.xsd http://www.imsglobal.org/xsd/imsmd_v1p2 http://www.imsglobal.org/xsd/imsmd_v1p2p2.xsd">
  <metadata>
    <schema>IMS Content</schema>
    <schemaversion>1.1.3</schemaversion>
  </metadata>
  <organizations/>
  <resources>
    <resource identifier="{id}" type="imsqti_xmlv1p2">
      <file href="{id}/{id}.xml"/>
      <dependency identifierref="{id}-meta"/>
    </resource>
    <resource identifier="{id}-meta" type="associatedcontent/imscc_xmlv1p1/learning-application-resource" href="{id}/assessment_meta.xml">
      <file href="{id}/assessment_meta.xml"/>
    </resource>
  </resources>
</manifest>
"#
    )
}

fn meta(id: &str, title: &str, count: usize) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<quiz identifier="{id}" xmlns="http://canvas.instructure.com/xsd/cccv1p0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://canvas.instructure.com/xsd/cccv1p0 https://canvas.instructure.com/xsd/cccv1p0.xsd">
  <title>{}</title>
  <description></description>
  <shuffle_answers>false</shuffle_answers>
  <scoring_policy>keep_highest</scoring_policy>
  <hide_results></hide_results>
  <quiz_type>practice_quiz</quiz_type>
  <points_possible>{count}</points_possible>
  <show_correct_answers>true</show_correct_answers>
  <allowed_attempts>-1</allowed_attempts>
  <one_question_at_a_time>false</one_question_at_a_time>
  <cant_go_back>false</cant_go_back>
  <available>false</available>
</quiz>
"#,
        escape(title)
    )
}

fn field(label: &str, entry: &str) -> String {
    format!(
        "<qtimetadatafield><fieldlabel>{label}</fieldlabel><fieldentry>{}</fieldentry></qtimetadatafield>",
        escape(entry)
    )
}

fn mattext(text: &str) -> String {
    format!("<material><mattext texttype=\"text/plain\">{}</mattext></material>", escape(text))
}

fn assessment(id: &str, title: &str, items: &[Item]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<questestinterop xmlns=\"{QTI_NS}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"{QTI_NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd\">\n  <assessment ident=\"{id}\" title=\"{}\">\n    <qtimetadata>{}</qtimetadata>\n    <section ident=\"root_section\">\n",
        escape(title),
        field("cc_maxattempts", "1")
    );
    for (n, item) in items.iter().enumerate() {
        let q = format!("{id}-q{}", n + 1);
        let answer_ids: Vec<String> = (1..=item.choices.len()).map(|i| format!("{q}-a{i}")).collect();
        out.push_str(&format!("      <item ident=\"{q}\" title=\"{}\">\n", escape(&item.title)));
        out.push_str(&format!(
            "        <itemmetadata><qtimetadata>{}{}{}</qtimetadata></itemmetadata>\n",
            field("question_type", "multiple_choice_question"),
            field("points_possible", "1"),
            field("original_answer_ids", &answer_ids.join(","))
        ));
        out.push_str(&format!(
            "        <presentation>\n          {}\n          <response_lid ident=\"response1\" rcardinality=\"Single\">\n            <render_choice>\n",
            mattext(&item.stem)
        ));
        for (c, aid) in item.choices.iter().zip(&answer_ids) {
            out.push_str(&format!(
                "              <response_label ident=\"{aid}\">{}</response_label>\n",
                mattext(&c.text)
            ));
        }
        out.push_str("            </render_choice>\n          </response_lid>\n        </presentation>\n");
        out.push_str("        <resprocessing>\n          <outcomes><decvar maxvalue=\"100\" minvalue=\"0\" varname=\"SCORE\" vartype=\"Decimal\"/></outcomes>\n");
        out.push_str(&format!(
            "          <respcondition continue=\"Yes\"><conditionvar><other/></conditionvar><displayfeedback feedbacktype=\"Response\" linkrefid=\"{q}-general\"/></respcondition>\n"
        ));
        for aid in &answer_ids {
            out.push_str(&format!(
                "          <respcondition continue=\"Yes\"><conditionvar><varequal respident=\"response1\">{aid}</varequal></conditionvar><displayfeedback feedbacktype=\"Response\" linkrefid=\"{aid}-fb\"/></respcondition>\n"
            ));
        }
        if let Some(right) = item.choices.iter().position(|c| c.right) {
            out.push_str(&format!(
                "          <respcondition continue=\"No\"><conditionvar><varequal respident=\"response1\">{}</varequal></conditionvar><setvar action=\"Set\" varname=\"SCORE\">100</setvar></respcondition>\n",
                answer_ids[right]
            ));
        }
        out.push_str("        </resprocessing>\n");
        out.push_str(&format!(
            "        <itemfeedback ident=\"{q}-general\"><flow_mat>{}</flow_mat></itemfeedback>\n",
            mattext(&item.explanation)
        ));
        for (c, aid) in item.choices.iter().zip(&answer_ids) {
            out.push_str(&format!(
                "        <itemfeedback ident=\"{aid}-fb\"><flow_mat>{}</flow_mat></itemfeedback>\n",
                mattext(&c.feedback)
            ));
        }
        out.push_str("      </item>\n");
    }
    out.push_str("    </section>\n  </assessment>\n</questestinterop>\n");
    out
}
