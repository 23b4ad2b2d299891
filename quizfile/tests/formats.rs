//! Each format read back: GIFT by a small reader of its grammar (escapes included), Moodle XML
//! and the QTI files by a real XML parser, the QTI package by the system's `unzip`.

use finwait_quizfile::{gift, moodle_xml, qti, Choice, Item};
use std::process::Command;

/// Questions whose text uses every character the formats treat specially.
fn items() -> Vec<Item> {
    let choice = |text: &str, right: bool| Choice { text: text.into(), right, feedback: format!("fb: {text} {{#}}") };
    vec![
        Item {
            title: "S08 · who enters TIME-WAIT".into(),
            stem: "Lost final ACK: who enters TIME-WAIT? (a=b, ~c, #d, {e}, f:g, h\\i, <j> & \"k\" 'l')".into(),
            choices: vec![
                choice("A only", true),
                choice("B only", false),
                choice("both = ~", false),
                choice("neither: #", false),
            ],
            explanation: "RFC 9293 §3.10.7.4: FIN received in FIN-WAIT-2 → TIME-WAIT".into(),
        },
        Item {
            title: "S01 · true or false".into(),
            stem: "True or false: the FIN takes no sequence number.".into(),
            choices: vec![choice("true", false), choice("false", true)],
            explanation: "False: a FIN takes one.".into(),
        },
    ]
}

/// A reader of the GIFT this project writes: `::title::stem{` then one `=`/`~` line per
/// choice with `#feedback`, then `####general feedback` and `}`; `\x` is the character x.
fn read_gift(text: &str) -> Vec<Item> {
    // Splits `s` at the first unescaped `sep`, and unescapes the part before it.
    fn take<'a>(s: &'a str, sep: &str) -> (String, &'a str) {
        let mut out = String::new();
        let mut chars = s.char_indices();
        while let Some((i, c)) = chars.next() {
            if c == '\\' {
                if let Some((_, n)) = chars.next() {
                    out.push(n);
                }
                continue;
            }
            if s[i..].starts_with(sep) {
                return (out, &s[i + sep.len()..]);
            }
            out.push(c);
        }
        (out, "")
    }
    let mut items = Vec::new();
    let body: String = text.lines().filter(|l| !l.starts_with("//")).collect::<Vec<_>>().join("\n");
    let mut rest = body.as_str();
    while let Some(start) = rest.find("::") {
        rest = &rest[start + 2..];
        let (title, r) = take(rest, "::");
        let (stem, r) = take(r, "{");
        let mut item = Item { title, stem, choices: Vec::new(), explanation: String::new() };
        let mut r = r;
        loop {
            r = r.trim_start();
            if let Some(after) = r.strip_prefix("####") {
                let (general, r2) = take(after, "\n");
                item.explanation = general;
                r = r2.trim_start().strip_prefix('}').expect("a closing brace");
                break;
            }
            let right = match r.chars().next() {
                Some('=') => true,
                Some('~') => false,
                other => panic!("unexpected {other:?} in {r:?}"),
            };
            let (text, r2) = take(&r[1..], "#");
            let (feedback, r3) = take(r2, "\n");
            item.choices.push(Choice { text, right, feedback });
            r = r3;
        }
        items.push(item);
        rest = r;
    }
    items
}

#[test]
fn gift_round_trips_through_a_reader_with_every_special_character() {
    let text = gift::write("finwait quiz\nseed 7", &items());
    assert!(text.starts_with("// finwait quiz\n// seed 7\n"));
    assert!(text.contains(r"a\=b, \~c, \#d, \{e\}, f\:g, h\\i"), "{text}");
    assert_eq!(read_gift(&text), items());
}

#[test]
fn moodle_xml_is_well_formed_with_one_right_answer_each() {
    let text = moodle_xml::write(&items());
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let quiz = doc.root_element();
    assert_eq!(quiz.tag_name().name(), "quiz");
    let questions: Vec<_> = quiz.children().filter(|n| n.has_tag_name("question")).collect();
    assert_eq!(questions.len(), 2);
    for (q, item) in questions.iter().zip(items()) {
        assert_eq!(q.attribute("type"), Some("multichoice"));
        let text_of = |tag: &str| {
            q.children()
                .find(|n| n.has_tag_name(tag))
                .and_then(|n| n.children().find(|c| c.has_tag_name("text")))
                .and_then(|t| t.text())
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(text_of("questiontext"), item.stem);
        assert_eq!(text_of("generalfeedback"), item.explanation);
        let answers: Vec<_> = q.children().filter(|n| n.has_tag_name("answer")).collect();
        assert_eq!(answers.len(), item.choices.len());
        for (a, c) in answers.iter().zip(&item.choices) {
            assert_eq!(a.attribute("fraction"), Some(if c.right { "100" } else { "0" }));
            let feedback = a.children().find(|n| n.has_tag_name("feedback")).unwrap();
            assert_eq!(feedback.children().find(|n| n.has_tag_name("text")).unwrap().text(), Some(c.feedback.as_str()));
        }
    }
}

#[test]
fn the_qti_package_opens_with_unzip_and_has_the_canvas_layout() {
    let dir = std::env::temp_dir().join(format!("finwait-qti-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let zip = dir.join("quiz.zip");
    std::fs::write(&zip, qti::write("finwait-quiz-7", "finwait: closing a TCP connection", &items())).unwrap();
    let unzip = |args: &[&str]| {
        let out = Command::new("unzip").args(args).arg(&zip).output().expect("unzip runs (scripts/setup installs it)");
        assert!(out.status.success(), "unzip {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    assert!(String::from_utf8(unzip(&["-t"])).unwrap().contains("No errors detected"));
    let names = String::from_utf8(unzip(&["-Z1"])).unwrap();
    assert_eq!(
        names.lines().collect::<Vec<_>>(),
        ["imsmanifest.xml", "finwait-quiz-7/finwait-quiz-7.xml", "finwait-quiz-7/assessment_meta.xml"]
    );
    let file = |name: &str| {
        let out = Command::new("unzip").arg("-p").arg(&zip).arg(name).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let manifest = file("imsmanifest.xml");
    let m = roxmltree::Document::parse(&manifest).unwrap();
    let hrefs: Vec<_> =
        m.descendants().filter(|n| n.has_tag_name("file")).filter_map(|n| n.attribute("href")).collect();
    assert_eq!(hrefs, ["finwait-quiz-7/finwait-quiz-7.xml", "finwait-quiz-7/assessment_meta.xml"]);
    assert!(m.descendants().any(|n| n.attribute("type") == Some("imsqti_xmlv1p2")));

    let assessment = file("finwait-quiz-7/finwait-quiz-7.xml");
    let a = roxmltree::Document::parse(&assessment).unwrap();
    assert_eq!(a.root_element().tag_name().namespace(), Some("http://www.imsglobal.org/xsd/ims_qtiasiv1p2"));
    let item_nodes: Vec<_> = a.descendants().filter(|n| n.has_tag_name("item")).collect();
    assert_eq!(item_nodes.len(), 2);
    for (node, item) in item_nodes.iter().zip(items()) {
        let fields: Vec<(String, String)> = node
            .descendants()
            .filter(|n| n.has_tag_name("qtimetadatafield"))
            .map(|f| {
                let get = |t: &str| {
                    f.children().find(|c| c.has_tag_name(t)).and_then(|c| c.text()).unwrap_or_default().to_string()
                };
                (get("fieldlabel"), get("fieldentry"))
            })
            .collect();
        assert!(fields.contains(&("question_type".into(), "multiple_choice_question".into())));
        let labels = node.descendants().filter(|n| n.has_tag_name("response_label")).count();
        assert_eq!(labels, item.choices.len());
        let stem = node.descendants().find(|n| n.has_tag_name("mattext")).and_then(|n| n.text()).unwrap();
        assert_eq!(stem, item.stem);
        // The right answer scores 100, and each answer has its feedback.
        let right = item.choices.iter().position(|c| c.right).unwrap();
        let scored = node
            .descendants()
            .filter(|n| n.has_tag_name("respcondition"))
            .find(|n| n.descendants().any(|s| s.has_tag_name("setvar")))
            .unwrap();
        let varequal = scored.descendants().find(|n| n.has_tag_name("varequal")).unwrap().text().unwrap();
        assert!(varequal.ends_with(&format!("-a{}", right + 1)));
        assert_eq!(node.descendants().filter(|n| n.has_tag_name("itemfeedback")).count(), item.choices.len() + 1);
    }
    let meta = file("finwait-quiz-7/assessment_meta.xml");
    roxmltree::Document::parse(&meta).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
