//! Inputs the coverage-guided fuzz targets (`fuzz/`, `scripts/fuzz.sh`) found wrong, kept as
//! tests once fixed. Each test names its target and the crash it reproduces.

use yibao_credit::value::{parse_trusted, Value};

/// Target `parse_trusted`: whatever the trusted reader accepts, serde_json accepts too and reads
/// as the same value. It took raw control characters in strings, leading zeros (`005`), a sign in
/// a `\u` escape (`\u+01fe`), and read `-0` as the integer 0 where serde_json reads -0.0.
#[test]
fn trusted_reader_accepts_only_json_and_reads_it_as_serde_json() {
    for text in ["\"a\rb\"", "\"\u{0}\"", "[\"x\u{1f}\"]", "005", "[1,-2,005]", "-01", "\"\\u+01fe\"", "\"\\u-041\"", "\"\\u 041\"", ".5", "-.5"] {
        assert!(serde_json::from_str::<serde_json::Value>(text).is_err(), "{text:?} is not JSON");
        assert_eq!(parse_trusted(text), None, "{text:?}");
    }
    for text in ["-0", "[1,-0,0.5]", "0", "-0.0", "0.25", "10", "\"\\u01fe\\u00E9\"", "\"a\\tb\""] {
        let theirs: Value = serde_json::from_str(text).unwrap();
        let ours = parse_trusted(text).unwrap_or_else(|| panic!("{text:?} refused"));
        assert_eq!(ours.to_json(), theirs.to_json(), "{text:?}");
        assert_eq!(ours, theirs, "{text:?}");
    }
}
