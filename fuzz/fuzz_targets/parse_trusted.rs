//! `value::parse_trusted` (the small JSON reader the shipped holiday and rule files are read
//! with, so that WebAssembly needs no JSON library): whatever it accepts, serde_json accepts too
//! and reads as the same value. And `Value::to_json` writes what serde_json writes.
#![no_main]
use yibao_credit::value::{parse_trusted, Value};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let theirs: Option<Value> = serde_json::from_str(text).ok();
    if let Some(ours) = parse_trusted(text) {
        let theirs = theirs.as_ref().unwrap_or_else(|| panic!("parse_trusted accepted what serde_json refuses: {text:?}"));
        // Compared by their JSON: also tells a whole number from a float (0 from -0.0).
        assert_eq!(&ours, theirs, "parse_trusted and serde_json read {text:?} differently");
        assert_eq!(ours.to_json(), theirs.to_json(), "parse_trusted and serde_json read {text:?} differently");
    }
    // The canonical writer (the rule-set hash is taken of it) writes as serde_json does.
    if let (Some(v), Ok(sj)) = (&theirs, serde_json::from_str::<serde_json::Value>(text)) {
        assert_eq!(v.to_json(), serde_json::to_string(&sj).unwrap(), "Value::to_json and serde_json write {text:?} differently");
    }
});
