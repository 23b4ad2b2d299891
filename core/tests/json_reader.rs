//! finwait's JSON (`finwait_core::json`) against serde_json: the reader builds the same tree for
//! every document serde_json writes and gives the same verdict (valid or not) on damaged
//! documents, never panicking; the writer writes the same text as serde_json for the same tree.

use finwait_core::json::{parse, Json, Number};
use proptest::prelude::*;
use serde_json::Value;

/// serde_json's tree in the reader's terms: whole numbers convert, other numbers are kept as
/// text (compared only by kind, since serde_json rewrites them).
fn from_serde(v: &Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => match n.as_u64() {
            Some(u) => Json::Number(Number::Whole(u)),
            None => Json::Number(Number::Other(String::new())),
        },
        Value::String(s) => Json::String(s.clone()),
        Value::Array(items) => Json::Array(items.iter().map(from_serde).collect()),
        Value::Object(map) => Json::Object(map.iter().map(|(k, v)| (k.clone(), from_serde(v))).collect()),
    }
}

/// Forgets the text of non-whole numbers, as `from_serde` must, and puts members in key order
/// as serde_json's map does (this reader keeps the file's order).
fn blur(v: Json) -> Json {
    match v {
        Json::Number(Number::Other(_)) => Json::Number(Number::Other(String::new())),
        Json::Array(items) => Json::Array(items.into_iter().map(blur).collect()),
        Json::Object(members) => {
            let mut members: Vec<_> = members.into_iter().map(|(k, v)| (k, blur(v))).collect();
            members.sort_by(|a, b| a.0.cmp(&b.0));
            Json::Object(members)
        }
        other => other,
    }
}

/// The tree with every number that is not a whole number ≥ 0 replaced by one (finwait writes
/// no others).
fn whole_numbers_only(v: Value) -> Value {
    match v {
        Value::Number(n) => Value::from(n.as_u64().unwrap_or(7)),
        Value::Array(items) => Value::Array(items.into_iter().map(whole_numbers_only).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, whole_numbers_only(v))).collect()),
        other => other,
    }
}

fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e300..1e300f64).prop_map(Value::from),
        "\\PC*".prop_map(Value::String),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_\\u{e9}\\u{1F600}\"\\\\]{0,8}", inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn reads_what_serde_json_writes(v in any_value(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap();
        let ours = parse(&text).map_err(|e| TestCaseError::fail(format!("{e:?} in {text}")))?;
        prop_assert_eq!(blur(ours), from_serde(&v));
    }

    /// A document with one character removed, inserted or replaced is valid for both readers
    /// or for neither (serde_json takes a repeated key, which this reader refuses, and refuses a
    /// number beyond the range of f64, which this reader keeps as text).
    #[test]
    fn agrees_with_serde_json_on_damaged_documents(
        v in any_value(),
        at in any::<prop::sample::Index>(),
        edit in 0..3u8,
        c in prop::sample::select(vec!['{', '}', '[', ']', ',', ':', '"', '\\', '-', '0', '.', 'e', 'x', ' ', '\n', '\u{1}']),
    ) {
        let text = serde_json::to_string(&v).unwrap();
        let mut chars: Vec<char> = text.chars().collect();
        let i = at.index(chars.len() + 1);
        match edit {
            0 if i < chars.len() => { chars.remove(i); }
            1 => chars.insert(i, c),
            _ if i < chars.len() => chars[i] = c,
            _ => chars.push(c),
        }
        let damaged: String = chars.into_iter().collect();
        let theirs = serde_json::from_str::<Value>(&damaged);
        let ours = parse(&damaged);
        match (&ours, &theirs) {
            (Ok(o), Ok(t)) => prop_assert_eq!(blur(o.clone()), from_serde(t)),
            (Err(e), Ok(_)) => prop_assert!(e.message.contains("given twice"), "refused {damaged:?}: {e:?}"),
            // serde_json refuses numbers beyond f64's range; here they are kept as text.
            (Ok(_), Err(e)) if e.to_string().starts_with("number out of range") => {}
            (Ok(_), Err(e)) => prop_assert!(false, "took {damaged:?}, which serde_json refuses: {e}"),
            (Err(_), Err(_)) => {}
        }
    }

    /// Byte for byte what serde_json writes, pretty and compact, for any tree of whole numbers,
    /// strings, lists and objects (the trees finwait writes).
    #[test]
    fn writes_what_serde_json_writes(v in any_value()) {
        let v = whole_numbers_only(v);
        let ours = from_serde(&v);
        prop_assert_eq!(ours.to_pretty(), serde_json::to_string_pretty(&v).unwrap());
        prop_assert_eq!(ours.to_compact(), serde_json::to_string(&v).unwrap());
    }

    #[test]
    fn never_panics(text in any::<String>()) {
        let _ = parse(&text);
    }
}
