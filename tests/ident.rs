//! Tests of the code checks: 统一社会信用代码 (GB 32100-2015) and 居民身份证号码 (GB 11643-1999).

use chrono::NaiveDate;
use serde_json::Value;
use std::process::Command;
use yibao_credit::api;
use yibao_credit::ident;
use yibao_credit::ident::{
    age_on, id_15_to_18, id_check_char, uscc_check_char, validate_id, validate_uscc, CodeCheck, Details, IdDetails,
    UsccDetails,
    USCC_ALPHABET,
};

const USCC_VALID: [&str; 3] = ["91110000600037341L", "9144030071526726XG", "91340600MA2PBM9HXD"];
const ID_VALID: [&str; 2] = ["360426199101010071", "110102199101010078"];

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn codes(r: &CodeCheck) -> Vec<&'static str> {
    r.errors.iter().map(|e| e.code).collect()
}

fn warn_codes(r: &CodeCheck) -> Vec<&'static str> {
    r.warnings.iter().map(|e| e.code).collect()
}

fn uscc_details(r: &CodeCheck) -> &UsccDetails {
    match &r.details {
        Details::Uscc(d) => d,
        Details::Id(_) => panic!("expected USCC details"),
    }
}

fn id_details(r: &CodeCheck) -> &IdDetails {
    match &r.details {
        Details::Id(d) => d,
        Details::Uscc(_) => panic!("expected ID details"),
    }
}

/// A USCC from 17 characters plus its computed check character.
fn uscc_with_check(first17: &str) -> String {
    format!("{first17}{}", uscc_check_char(first17).unwrap())
}

/// An ID number from 17 digits plus its computed check character.
fn id_with_check(first17: &str) -> String {
    format!("{first17}{}", id_check_char(first17).unwrap())
}

fn replace_at(s: &str, i: usize, c: char) -> String {
    s.chars().enumerate().map(|(k, x)| if k == i { c } else { x }).collect()
}

fn swap(s: &str, i: usize, j: usize) -> String {
    let mut v: Vec<char> = s.chars().collect();
    v.swap(i, j);
    v.into_iter().collect()
}

/// Deterministic pseudo-random valid USCCs (linear congruential generator, no crate).
fn generated_usccs(n: usize) -> Vec<String> {
    let alphabet: Vec<char> = USCC_ALPHABET.chars().collect();
    let mut x: u64 = 0x2015_3210;
    let mut out = Vec::new();
    for _ in 0..n {
        let mut s = String::new();
        for _ in 0..17 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            s.push(alphabet[((x >> 33) % 31) as usize]);
        }
        out.push(uscc_with_check(&s));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Published samples (DOMAIN.md)
// ---------------------------------------------------------------------------------------------

#[test]
fn published_uscc_samples() {
    for code in USCC_VALID {
        let r = validate_uscc(code);
        assert!(r.valid, "{code}: {:?}", r.errors);
        assert_eq!(r.normalized, code);
        assert!(r.errors.is_empty());
        assert!(r.warnings.is_empty(), "{code}: {:?}", r.warnings);
        let d = uscc_details(&r);
        assert_eq!(d.authority.as_ref().unwrap().zh, "工商（市场监督管理）");
        assert_eq!(d.entity_type.as_ref().unwrap().zh, "企业");
        assert!(d.org_code.as_ref().unwrap().valid);
    }
    let d = uscc_details(&validate_uscc("91110000600037341L")).clone();
    assert_eq!(d.region.as_ref().unwrap().code, "110000");
    assert_eq!(d.region.as_ref().unwrap().province.as_ref().unwrap().zh, "北京市");
    assert_eq!(d.org_code.as_ref().unwrap().code, "60003734-1");
    assert_eq!(uscc_details(&validate_uscc("9144030071526726XG")).org_code.as_ref().unwrap().code, "71526726-X");
    assert_eq!(
        uscc_details(&validate_uscc("9144030071526726XG")).region.as_ref().unwrap().province.as_ref().unwrap().zh,
        "广东省"
    );
    assert_eq!(
        uscc_details(&validate_uscc("91340600MA2PBM9HXD")).region.as_ref().unwrap().province.as_ref().unwrap().zh,
        "安徽省"
    );

    let r = validate_uscc("91110000600037341N");
    assert!(!r.valid);
    assert_eq!(codes(&r), vec!["E_USCC_CHECK"]);
    assert_eq!(r.errors[0].position, Some(18));
    assert!(r.errors[0].zh.contains("应为“L”，实际为“N”"), "{}", r.errors[0].zh);
    let cc = uscc_details(&r).check_char.clone().unwrap();
    assert_eq!((cc.expected.as_str(), cc.found.as_str()), ("L", "N"));
}

#[test]
fn published_id_samples() {
    let today = Some(day(2026, 11, 23));
    let r = validate_id("360426199101010071", today);
    assert!(r.valid, "{:?}", r.errors);
    let d = id_details(&r);
    assert_eq!(d.region.as_ref().unwrap().code, "360426");
    assert_eq!(d.region.as_ref().unwrap().province.as_ref().unwrap().zh, "江西省");
    assert_eq!(d.birth_date.as_deref(), Some("1991-01-01"));
    assert_eq!(d.birth_date_zh.as_deref(), Some("1991年1月1日"));
    assert_eq!(d.sequence.as_deref(), Some("007"));
    assert_eq!(d.sex.as_ref().unwrap().zh, "男");
    assert_eq!(d.age, Some(35));

    let r = validate_id("110102199101010078", None);
    assert!(r.valid);
    assert_eq!(id_details(&r).region.as_ref().unwrap().province.as_ref().unwrap().zh, "北京市");
    assert_eq!(id_details(&r).age, None);

    let r = validate_id("36042619910102009X", today);
    assert!(!r.valid);
    assert_eq!(codes(&r), vec!["E_ID_CHECK"]);
    assert_eq!(r.errors[0].position, Some(18));
    let cc = id_details(&r).check_char.clone().unwrap();
    assert_eq!((cc.expected.as_str(), cc.found.as_str()), ("3", "X"));

    let r = validate_id("360426199113010079", today);
    assert!(!r.valid);
    assert_eq!(codes(&r), vec!["E_ID_BIRTH_DATE"]);
    assert_eq!(r.errors[0].position, Some(7));
    assert!(r.errors[0].zh.contains("没有 13 月"));
    assert_eq!(id_details(&r).birth_date, None);
}

// ---------------------------------------------------------------------------------------------
// Every error and warning
// ---------------------------------------------------------------------------------------------

#[test]
fn uscc_errors() {
    let r = validate_uscc("");
    assert_eq!(codes(&r), vec!["E_CODE_EMPTY"]);
    assert_eq!(codes(&validate_uscc(" \u{3000}\t")), vec!["E_CODE_EMPTY"]);

    let long = "9".repeat(65);
    let r = validate_uscc(&long);
    assert_eq!(codes(&r), vec!["E_CODE_TOO_LONG"]);
    assert!(r.errors[0].zh.contains("65 个字符"));
    assert_eq!(r.input.chars().count(), 65); // 64 characters and "…"
    assert_eq!(codes(&validate_uscc(&"9".repeat(64))), vec!["E_USCC_LENGTH"]);

    let r = validate_uscc("9111000060003734");
    assert_eq!(codes(&r), vec!["E_USCC_LENGTH"]);
    assert!(r.errors[0].zh.contains("实际为 16 位（少 2 位）"), "{}", r.errors[0].zh);
    let r = validate_uscc("91110000600037341LL");
    assert!(r.errors[0].en.contains("this one has 19 (1 too many)"), "{}", r.errors[0].en);

    // I O Z S V: each named, with the character it is likely to be.
    for (bad, like) in [('I', "1"), ('O', "0"), ('Z', "2"), ('S', "5"), ('V', "U")] {
        let code = replace_at("91110000600037341L", 9, bad);
        let r = validate_uscc(&code);
        assert_eq!(codes(&r), vec!["E_USCC_CHAR"], "{code}");
        assert_eq!(r.errors[0].position, Some(10));
        assert!(r.errors[0].zh.contains(&format!("可能应为“{like}”")), "{}", r.errors[0].zh);
    }
    let r = validate_uscc("9111 0000600037341L");
    assert_eq!(codes(&r), vec!["E_USCC_CHAR", "E_USCC_LENGTH"]);
    assert_eq!(r.errors[0].position, Some(5));
    assert!(r.errors[0].zh.contains("空白字符（U+0020）"));
    let r = validate_uscc("9111000060003734-L");
    assert_eq!(codes(&r), vec!["E_USCC_CHAR"]);
    assert_eq!(r.errors[0].position, Some(17));
    let r = validate_uscc("中华人民共和国");
    assert_eq!(r.errors.len(), 8); // 7 characters + length
    assert_eq!(r.errors[6].position, Some(7));

    let r = validate_uscc("91110000600037341N");
    assert_eq!(codes(&r), vec!["E_USCC_CHECK"]);
}

#[test]
fn uscc_warnings() {
    // Organisation code check (position 17) inconsistent, USCC check right: valid, with warning.
    let code = uscc_with_check("91110000600037342");
    let r = validate_uscc(&code);
    assert!(r.valid);
    assert_eq!(warn_codes(&r), vec!["W_USCC_ORG_CHECK"]);
    assert_eq!(r.warnings[0].position, Some(17));
    let oc = uscc_details(&r).org_code.clone().unwrap();
    assert_eq!((oc.code.as_str(), oc.valid, oc.expected_check.as_str()), ("60003734-2", false, "1"));

    let r = validate_uscc(&uscc_with_check("B1110000600037341"));
    assert!(r.valid);
    assert_eq!(warn_codes(&r), vec!["W_USCC_AUTHORITY_UNKNOWN"]);
    assert_eq!(uscc_details(&r).authority, None);

    let r = validate_uscc(&uscc_with_check("95110000600037341"));
    assert_eq!(warn_codes(&r), vec!["W_USCC_TYPE_UNKNOWN"]);
    assert_eq!(uscc_details(&r).authority.as_ref().unwrap().code, "9");

    let r = validate_uscc(&uscc_with_check("91990000600037341"));
    assert_eq!(warn_codes(&r), vec!["W_REGION_UNKNOWN"]);
    assert_eq!(uscc_details(&r).region.as_ref().unwrap().province, None);

    let r = validate_uscc(&uscc_with_check("9111A000600037341"));
    assert_eq!(warn_codes(&r), vec!["W_REGION_NOT_DIGITS"]);
    assert_eq!(uscc_details(&r).region, None);

    // National-level registration (region 100000) is named, not warned about.
    let r = validate_uscc(&uscc_with_check("51100000500000001"));
    let d = uscc_details(&r);
    assert_eq!(d.region.as_ref().unwrap().province.as_ref().unwrap().code, "10");
    assert_eq!(d.authority.as_ref().unwrap().zh, "民政");
    assert_eq!(d.entity_type.as_ref().unwrap().zh, "社会团体");
    assert!(!r.warnings.iter().any(|w| w.code == "W_REGION_UNKNOWN"));

    // Other authority/type pairs of the table.
    for (first2, auth, typ) in [
        ("12", "机构编制", "事业单位"),
        ("53", "民政", "基金会"),
        ("92", "工商（市场监督管理）", "个体工商户"),
        ("93", "工商（市场监督管理）", "农民专业合作社"),
        ("11", "机构编制", "机关"),
    ] {
        let r = validate_uscc(&uscc_with_check(&format!("{first2}110000600037341")));
        let d = uscc_details(&r);
        assert_eq!(d.authority.as_ref().unwrap().zh, auth);
        assert_eq!(d.entity_type.as_ref().unwrap().zh, typ);
        assert!(!d.authority.as_ref().unwrap().uncertain);
    }
    let r = validate_uscc(&uscc_with_check("31110000600037341"));
    assert!(uscc_details(&r).authority.as_ref().unwrap().uncertain);
}

#[test]
fn id_errors_and_warnings() {
    let today = Some(day(2026, 11, 23));
    assert_eq!(codes(&validate_id("", today)), vec!["E_CODE_EMPTY"]);
    assert_eq!(codes(&validate_id(&"1".repeat(100), today)), vec!["E_CODE_TOO_LONG"]);

    let r = validate_id("11010219910101007", today);
    assert_eq!(codes(&r), vec!["E_ID_LENGTH"]);
    assert!(r.errors[0].zh.contains("实际为 17 位"));
    // A partly typed number already names its region.
    assert_eq!(id_details(&r).region.as_ref().unwrap().code, "110102");

    let r = validate_id("1101021991X1010078", today);
    assert_eq!(codes(&r), vec!["E_ID_CHAR"]);
    assert_eq!(r.errors[0].position, Some(11));
    assert!(r.errors[0].zh.contains("X 只能作为 18 位号码的最后一位"));
    let r = validate_id("11010219910101007A", today);
    assert_eq!(codes(&r), vec!["E_ID_CHAR"]);
    assert_eq!(r.errors[0].position, Some(18));

    // Feb 29 of a common year.
    let r = validate_id(&id_with_check("11010219910229007"), today);
    assert_eq!(codes(&r), vec!["E_ID_BIRTH_DATE"]);
    assert!(r.errors[0].zh.contains("1991年2月没有29日"), "{}", r.errors[0].zh);
    assert!(validate_id(&id_with_check("11010220000229007"), today).valid);

    let r = validate_id(&id_with_check("11010218991231007"), today);
    assert_eq!(codes(&r), vec!["E_ID_BIRTH_TOO_EARLY"]);
    assert!(validate_id(&id_with_check("11010219000101007"), today).valid);

    let r = validate_id(&id_with_check("11010220261124007"), today);
    assert_eq!(codes(&r), vec!["E_ID_BIRTH_FUTURE"]);
    assert!(validate_id(&id_with_check("11010220261124007"), None).valid);
    let r = validate_id(&id_with_check("11010220261123008"), today);
    assert!(r.valid);
    assert_eq!(id_details(&r).age, Some(0));
    assert_eq!(id_details(&r).sex.as_ref().unwrap().code, "female");

    assert_eq!(codes(&validate_id("36042619910102009X", today)), vec!["E_ID_CHECK"]);

    let r = validate_id(&id_with_check("99010219910101007"), today);
    assert!(r.valid);
    assert_eq!(warn_codes(&r), vec!["W_REGION_UNKNOWN"]);
    assert!(r.warnings[0].zh.contains("外国人永久居留身份证"));
}

#[test]
fn age_counts_completed_years() {
    assert_eq!(age_on(day(1991, 1, 1), day(2026, 11, 23)), Some(35));
    assert_eq!(age_on(day(1991, 11, 24), day(2026, 11, 23)), Some(34));
    assert_eq!(age_on(day(1991, 11, 23), day(2026, 11, 23)), Some(35));
    assert_eq!(age_on(day(2000, 2, 29), day(2001, 2, 28)), Some(0));
    assert_eq!(age_on(day(2000, 2, 29), day(2001, 3, 1)), Some(1));
    assert_eq!(age_on(day(2000, 2, 29), day(1999, 3, 1)), None);
}

// ---------------------------------------------------------------------------------------------
// Properties: every single substitution is detected; transpositions as far as guaranteed
// ---------------------------------------------------------------------------------------------

/// GB 32100 MOD 31: 31 is prime and every weight (3^k mod 31) is non-zero, so changing one
/// character from value a to b ≠ a changes the weighted sum by (b − a)·w ≢ 0 (mod 31), |b − a| < 31.
/// Every position × every other allowed character must give exactly the check error.
#[test]
fn uscc_every_single_substitution_is_detected() {
    let alphabet: Vec<char> = USCC_ALPHABET.chars().collect();
    let mut all: Vec<String> = USCC_VALID.iter().map(|s| s.to_string()).collect();
    all.extend(generated_usccs(40));
    let mut checked = 0;
    for code in &all {
        assert!(validate_uscc(code).valid, "{code}");
        for (i, orig) in code.chars().enumerate() {
            for &c in &alphabet {
                if c == orig {
                    continue;
                }
                let changed = replace_at(code, i, c);
                let r = validate_uscc(&changed);
                assert!(!r.valid, "{changed} (from {code}) should be invalid");
                assert_eq!(codes(&r), vec!["E_USCC_CHECK"], "{changed}");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 43 * 18 * 30);
}

/// GB 11643 MOD 11-2: 11 is prime, weights 2^k mod 11 are non-zero and digits differ by < 11,
/// so a one-digit change always breaks the check; a change of the check character too. A change
/// in the birth date may also make the date invalid: either way the number is invalid, and the
/// check error is always there (the check is computed whatever the date).
#[test]
fn id_every_single_substitution_is_detected() {
    let today = Some(day(2026, 11, 23));
    let mut checked = 0;
    for id in ID_VALID {
        for (i, orig) in id.chars().enumerate() {
            let allowed: &[char] = if i == 17 {
                &['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']
            } else {
                &['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']
            };
            for &c in allowed {
                if c == orig {
                    continue;
                }
                let changed = replace_at(id, i, c);
                let r = validate_id(&changed, today);
                assert!(!r.valid, "{changed} (from {id}) should be invalid");
                assert!(codes(&r).contains(&"E_ID_CHECK"), "{changed}: {:?}", codes(&r));
                checked += 1;
            }
            // X anywhere but the end is not allowed at all.
            if i < 17 {
                let r = validate_id(&replace_at(id, i, 'X'), today);
                assert_eq!(codes(&r), vec!["E_ID_CHAR"]);
            }
        }
    }
    assert_eq!(checked, 2 * (17 * 9 + 10));
}

/// Swapping adjacent characters a ≠ b at positions with weights w, w' changes the sum by
/// (a − b)(w − w'). GB 32100: adjacent weights are w and 3w (mod 31) for positions 1–17, and
/// 28 and 1 for positions 17–18, never equal, so every adjacent transposition of two different
/// characters is detected — tested for every adjacent pair of positions and every pair (a, b).
/// Not guaranteed: positions 1 and 18 both have weight 1 (3^30 ≡ 1 mod 31), so swapping them
/// is not detected — checked below so that the limit is documented by a test.
#[test]
fn uscc_adjacent_transpositions_are_detected() {
    let alphabet: Vec<char> = USCC_ALPHABET.chars().collect();
    let base: Vec<char> = "91110000600037341L".chars().collect();
    let mut checked = 0;
    for i in 0..16 {
        for &a in &alphabet {
            for &b in &alphabet {
                if a == b {
                    continue;
                }
                let mut v = base.clone();
                v[i] = a;
                v[i + 1] = b;
                let first17: String = v[..17].iter().collect();
                let code = uscc_with_check(&first17);
                assert!(validate_uscc(&code).valid);
                let r = validate_uscc(&swap(&code, i, i + 1));
                assert_eq!(codes(&r), vec!["E_USCC_CHECK"], "{code} swapped at {}", i + 1);
                checked += 1;
            }
        }
    }
    // Positions 17 and 18: the check character follows from position 17.
    for &a in &alphabet {
        let code = uscc_with_check(&format!("9111000060003734{a}"));
        let c18 = code.chars().nth(17).unwrap();
        if c18 == a {
            continue;
        }
        let r = validate_uscc(&swap(&code, 16, 17));
        assert_eq!(codes(&r), vec!["E_USCC_CHECK"], "{code}");
        checked += 1;
    }
    // Exactly one value at position 17 equals its own check character: 30 pairs remain.
    assert_eq!(checked, 16 * 31 * 30 + 30);

    // The documented limit: positions 1 and 18 have the same weight.
    let swapped = swap("91110000600037341L", 0, 17);
    assert_eq!(swapped, "L11100006000373419");
    let r = validate_uscc(&swapped);
    assert!(r.valid, "not detected by MOD 31, as the weights say");
    assert_eq!(warn_codes(&r), vec!["W_USCC_AUTHORITY_UNKNOWN"]);
}

/// GB 11643 (ISO 7064 MOD 11-2): weights 2^(18−i) mod 11; adjacent weights are 2w and w, never
/// equal, so every adjacent transposition of two different digits is detected (positions 1–18;
/// when the check character is X, moving it to position 17 is a character error instead).
/// Not guaranteed: positions ten apart (2^10 ≡ 1 mod 11) have equal weights.
#[test]
fn id_adjacent_transpositions_are_detected() {
    let today = Some(day(2026, 11, 23));
    let base: Vec<char> = "110102199101010078".chars().collect();
    let mut checked = 0;
    for i in 0..16 {
        for a in '0'..='9' {
            for b in '0'..='9' {
                if a == b {
                    continue;
                }
                let mut v = base.clone();
                v[i] = a;
                v[i + 1] = b;
                let first17: String = v[..17].iter().collect();
                let id = id_with_check(&first17);
                let r = validate_id(&swap(&id, i, i + 1), today);
                assert!(!r.valid);
                assert!(codes(&r).contains(&"E_ID_CHECK"), "{id} swapped at {}: {:?}", i + 1, codes(&r));
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 16 * 90);
    for a in '0'..='9' {
        let id = id_with_check(&format!("1101021991010100{a}"));
        let c18 = id.chars().nth(17).unwrap();
        if c18 == a {
            continue;
        }
        let r = validate_id(&swap(&id, 16, 17), today);
        let want = if c18 == 'X' { "E_ID_CHAR" } else { "E_ID_CHECK" };
        assert_eq!(codes(&r), vec![want], "{id}");
    }
    // The documented limit: positions 1 and 11 (weights 7 and 7).
    let swapped = swap("110102199101010078", 0, 10);
    assert_eq!(swapped, "010102199111010078");
    let r = validate_id(&swapped, today);
    assert!(r.valid, "not detected by MOD 11-2, as the weights say");
    assert_eq!(warn_codes(&r), vec!["W_REGION_UNKNOWN"]);
}

// ---------------------------------------------------------------------------------------------
// 15 → 18 digits
// ---------------------------------------------------------------------------------------------

/// 110102910101007 → 17 digits 11010219910101007; Σ digit·weight with weights
/// 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 = 7+9+0+5+0+8+2+9+54+3+0+9+0+5+0+0+14 = 125;
/// 125 mod 11 = 4; "10X98765432"[4] = '8' → 110102199101010078 (a published valid sample).
#[test]
fn legacy_15_digit_numbers_are_converted() {
    assert_eq!(id_15_to_18("110102910101007").as_deref(), Some("110102199101010078"));
    assert_eq!(id_15_to_18("11010291010100X"), None);
    assert_eq!(id_15_to_18("1101029101010"), None);

    let r = validate_id(" 110102910101007 ", Some(day(2026, 11, 23)));
    assert!(r.valid);
    assert_eq!(r.normalized, "110102199101010078");
    assert_eq!(warn_codes(&r), vec!["W_ID_LEGACY_15"]);
    assert!(r.warnings[0].zh.contains("已换算为 18 位：110102199101010078"));
    let d = id_details(&r);
    assert_eq!(d.converted_from15.as_deref(), Some("110102910101007"));
    assert_eq!(d.birth_date.as_deref(), Some("1991-01-01"));
    assert_eq!(d.sex.as_ref().unwrap().zh, "男");
    assert_eq!(d.age, Some(35));
    assert_eq!(d.check_char, None);

    let r = validate_id("110102911301007", None);
    assert_eq!(codes(&r), vec!["E_ID_BIRTH_DATE"]);
    let r = validate_id("11010291010100X", None);
    assert_eq!(codes(&r), vec!["E_ID_CHAR"]);
    assert_eq!(r.errors[0].position, Some(15));
}

// ---------------------------------------------------------------------------------------------
// Lowercase, whitespace, full-width; no panics
// ---------------------------------------------------------------------------------------------

#[test]
fn lowercase_whitespace_fullwidth() {
    // Surrounding whitespace, half- and full-width, is trimmed.
    for s in ["  91110000600037341L\t", "\u{3000}91110000600037341L\u{3000}", "\n91110000600037341L\r\n"] {
        let r = validate_uscc(s);
        assert!(r.valid, "{s:?}");
        assert_eq!(r.normalized, "91110000600037341L");
        assert_eq!(r.input, s);
    }
    // Lowercase USCC: refused, with the uppercase form.
    let r = validate_uscc("91340600ma2pbm9hxd");
    assert!(!r.valid);
    assert_eq!(codes(&r), vec!["E_USCC_LOWERCASE"]);
    assert_eq!(r.errors[0].position, Some(9));
    assert!(r.errors[0].zh.contains("大写形式为 91340600MA2PBM9HXD"));
    assert_eq!(r.normalized, "91340600MA2PBM9HXD");
    // Lowercase that is wrong in uppercase too: both said.
    let r = validate_uscc("91110000600037341n");
    assert_eq!(codes(&r), vec!["E_USCC_LOWERCASE", "E_USCC_CHECK"]);
    // Lowercase o: must be uppercase, and O is not allowed anyway.
    assert_eq!(codes(&validate_uscc("9111o000600037341L")), vec!["E_USCC_LOWERCASE", "E_USCC_CHAR"]);

    // Full-width digits and letters.
    let r = validate_uscc("９１１１００００６０００３７３４１Ｌ");
    assert_eq!(codes(&r), vec!["E_FULLWIDTH"]);
    assert_eq!(r.errors[0].position, Some(1));
    assert!(r.errors[0].zh.contains("半角形式为 91110000600037341L"));
    assert_eq!(r.normalized, "91110000600037341L");
    let r = validate_id("11010219910101007８", None);
    assert_eq!(codes(&r), vec!["E_FULLWIDTH"]);
    assert_eq!(r.errors[0].position, Some(18));
    assert_eq!(r.normalized, "110102199101010078");
    let r = validate_uscc("9111\u{3000}0000600037341L");
    assert_eq!(codes(&r), vec!["E_FULLWIDTH", "E_USCC_CHAR", "E_USCC_LENGTH"]);

    // ID with lowercase x: accepted with a note.
    let first17 = (0..1000).map(|s| format!("110102199101010{:02}", s % 100)).find(|f| id_check_char(f) == Some('X')).unwrap();
    let upper = format!("{first17}X");
    assert!(validate_id(&upper, None).valid);
    assert!(validate_id(&upper, None).warnings.is_empty());
    let r = validate_id(&format!("{first17}x"), None);
    assert!(r.valid);
    assert_eq!(r.normalized, upper);
    assert_eq!(warn_codes(&r), vec!["W_ID_LOWERCASE_X"]);
    assert_eq!(r.warnings[0].position, Some(18));
}

#[test]
fn no_panic_on_odd_input() {
    let pieces = [
        "", "9", "Ｘ", "x", "é", "中", "😀", "\u{0}", "\u{200B}", "\u{FEFF}", "\u{301}", "-", " ", "\u{3000}", "1", "X", "19",
        "0229",
    ];
    let mut x: u64 = 7;
    for _ in 0..3000 {
        let mut s = String::new();
        for _ in 0..(x % 24) {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            s.push_str(pieces[((x >> 33) % pieces.len() as u64) as usize]);
        }
        for r in [validate_uscc(&s), validate_id(&s, Some(day(2026, 11, 23)))] {
            assert_eq!(r.valid, r.errors.is_empty());
            assert!(serde_json::to_string(&r).is_ok());
        }
    }
    let huge = "中".repeat(100_000);
    let r = validate_id(&huge, None);
    assert_eq!(codes(&r), vec!["E_CODE_TOO_LONG"]);
    assert_eq!(r.input.chars().count(), 65);
    assert_eq!(codes(&validate_uscc("\u{0}")), vec!["E_USCC_CHAR", "E_USCC_LENGTH"]);
    assert!(validate_uscc("\u{0}").errors[0].zh.contains("U+0000"));
}

// ---------------------------------------------------------------------------------------------
// The JSON command and the CLI
// ---------------------------------------------------------------------------------------------

#[test]
fn validate_command_json() {
    let out = api::call("validate", r#"{"kind":"uscc","value":"91110000600037341L"}"#).unwrap();
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["kind"], "uscc");
    assert_eq!(v["valid"], true);
    assert_eq!(v["errors"], serde_json::json!([]));
    assert_eq!(v["details"]["authority"]["code"], "9");
    assert_eq!(v["details"]["entityType"]["zh"], "企业");
    assert_eq!(v["details"]["orgCode"]["expectedCheck"], "1");
    assert_eq!(v["details"]["checkChar"]["expected"], "L");

    let out = api::call("validate", r#"{"kind":"id","value":"36042619910102009X","today":"2026-11-23"}"#).unwrap();
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["valid"], false);
    assert_eq!(v["errors"][0]["code"], "E_ID_CHECK");
    assert_eq!(v["errors"][0]["position"], 18);
    assert_eq!(v["details"]["birthDate"], "1991-01-02");
    assert_eq!(v["details"]["age"], 35);

    let e = api::call("validate", r#"{"kind":"passport","value":"E1234"}"#).unwrap_err();
    assert_eq!(e.code, "E_VALIDATE_KIND");
    assert_eq!(e.path.as_deref(), Some("$.kind"));
    let e = api::call("validate", r#"{"kind":"id","value":"1","today":"2026/11/23"}"#).unwrap_err();
    assert_eq!(e.code, "E_DATE_FORMAT");
    assert_eq!(e.path.as_deref(), Some("$.today"));
    assert_eq!(api::call("validate", r#"{"kind":"id"}"#).unwrap_err().code, "E_INPUT_JSON");
    assert_eq!(api::call("validate", r#"{"kind":"id","value":360426199101010071}"#).unwrap_err().code, "E_INPUT_JSON");
    // An empty today is no today.
    let out = api::call("validate", r#"{"kind":"id","value":"360426199101010071","today":""}"#).unwrap();
    assert!(!out.contains("\"age\""));
}

fn cli(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_yibao-credit")).args(args).output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn cli_validate() {
    let (rc, out, err) = cli(&["validate", "uscc", "91110000600037341L"]);
    assert_eq!((rc, err.as_str()), (0, ""));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["normalized"], "91110000600037341L");

    // An invalid code is an answer: exit 0.
    let (rc, out, _) = cli(&["validate", "uscc", "91110000600037341N"]);
    assert_eq!(rc, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["valid"], false);
    assert_eq!(v["errors"][0]["code"], "E_USCC_CHECK");

    let (rc, out, _) = cli(&["validate", "id", "360426199101010071", "--today", "2026-11-23"]);
    assert_eq!(rc, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["details"]["sex"]["zh"], "男");
    assert_eq!(v["details"]["age"], 35);

    let (rc, out, _) = cli(&["validate", "id", "360426199113010079"]);
    assert_eq!(rc, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["errors"][0]["code"], "E_ID_BIRTH_DATE");

    let (rc, out, err) = cli(&["validate", "passport", "E1234"]);
    assert_eq!((rc, out.as_str()), (2, ""));
    let e: Value = serde_json::from_str(err.trim()).unwrap();
    assert_eq!(e["code"], "E_VALIDATE_KIND");
    assert!(e["zh"].as_str().unwrap().contains("passport"));
}

// ---------------------------------------------------------------------------------------------
// Issue 15 point 6: every identity document of 第八条 and 第十三条
// ---------------------------------------------------------------------------------------------

fn article(n: &str, next: &str) -> String {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds/003_a6a36f3ea7b7ee5d.txt");
    let s = std::fs::read_to_string(p).unwrap();
    let i = s.find(n).unwrap();
    let j = s.find(next).unwrap();
    s[i..j].to_string()
}

#[test]
fn identity_documents_of_articles_8_and_13() {
    use yibao_credit::ident::{check_document, default_document, document_type, read_document_type};
    let a8 = article("第八条", "第九条");
    let a13 = article("第十三条", "第十四条");
    // 第八条: institutions by 统一社会信用代码; persons by 身份证号码 or 其他有效身份证件号码.
    assert!(a8.contains("机构类主体信用档案以统一社会信用代码作为标识"));
    assert!(a8.contains("身份证号码或其他有效身份证件号码"));
    // 第十三条: 居民身份证号码、出入境证件号码.
    assert!(a13.contains("居民身份证号码、出入境证件号码"));
    let uscc = document_type("uscc").unwrap();
    let id = document_type("resident-id").unwrap();
    let passport = document_type("passport").unwrap();
    let permit = document_type("hmt-permit").unwrap();
    let other = document_type("other").unwrap();
    assert_eq!((uscc.class, id.class, passport.class, permit.class, other.class), ("institution", "person", "person", "person", "person"));
    assert!(id.zh.contains("居民身份证") && passport.zh.contains("出入境证件") && other.zh.contains("其他有效身份证件"));
    assert!(permit.zh.contains("港澳台"));
    assert_eq!(default_document("institution").id, "uscc");
    assert_eq!(default_document("person").id, "resident-id");
    // Only the 居民身份证 gets the GB 11643 check (and the 统一社会信用代码 the GB 32100 one).
    for v in ID_VALID {
        assert_eq!(check_document(id, v, None), None, "{v}");
    }
    assert_eq!(check_document(id, "36042619910102009X", None).unwrap().code, "E_ID_CHECK");
    assert_eq!(check_document(uscc, "91110000600037341N", None).unwrap().code, "E_USCC_CHECK");
    assert_eq!(check_document(uscc, USCC_VALID[0], None), None);
    // A passport or permit number has letters: never refused as "not a digit".
    for (d, v) in [(passport, "E12345678"), (passport, "EA1234567"), (passport, "P<CHN1234"), (permit, "H12345678"), (permit, "M87654321"), (permit, "12345678"), (other, "军字第2024001号")] {
        assert_eq!(check_document(d, v, None), None, "{} {v}", d.id);
    }
    // The same passport number, read as a 居民身份证, is wrong, and the message says to pick the document type.
    let e = check_document(id, "E12345678", None).unwrap();
    assert!(e.code.starts_with("E_ID_"), "{e:?}");
    assert!(e.zh.contains("证件类型") && e.en.contains("document type"), "{e:?}");
    // Empty, or a line break inside: refused for any document.
    assert_eq!(check_document(passport, "  ", None).unwrap().code, "E_DOCUMENT_EMPTY");
    assert_eq!(check_document(passport, "E123\n45678", None).unwrap().code, "E_DOCUMENT_CHAR");
    // Reading the answer: unknown ids and documents of the other class are errors at the path given.
    assert_eq!(read_document_type(None, Some("person"), "$.x").unwrap(), None);
    assert_eq!(read_document_type(Some("passport"), Some("person"), "$.x").unwrap().unwrap().id, "passport");
    let e = read_document_type(Some("driving-licence"), None, "$.x").unwrap_err();
    assert_eq!((e.code, e.path.as_deref()), ("E_DOCUMENT_TYPE", Some("$.x")));
    let e = read_document_type(Some("passport"), Some("institution"), "$.x").unwrap_err();
    assert!(e.zh.contains("统一社会信用代码") && e.zh.contains("第八条"), "{}", e.zh);
    assert!(read_document_type(Some("uscc"), Some("person"), "$.x").is_err());
}

// ---------------------------------------------------------------------------------------------
// The errors-only checks (the self-assessment's subject code, 第八条)
// ---------------------------------------------------------------------------------------------

/// `uscc_errors` / `id_errors` give exactly the errors (codes, texts, positions, order), the verdict
/// and the normalized form of the full checks, over valid codes, every one-character change and
/// swap of them, cut and lengthened ones, lowercase, full-width, spaces, and 15-digit numbers.
#[test]
fn errors_only_checks_agree_with_the_full_ones() {
    let mut usccs: Vec<String> = USCC_VALID.iter().map(|s| s.to_string()).collect();
    usccs.extend(generated_usccs(20));
    let mut ids: Vec<String> = ID_VALID.iter().map(|s| s.to_string()).collect();
    ids.extend(["36042619910101007x", "360426910101007", "360426911301007", "360426000101007", "11010219000101001X"].map(String::from));
    ids.push(id_with_check("11010220990101001"));
    ids.push(id_with_check("11010218991231001"));
    ids.push(id_with_check("99010219900230001"));
    let variants = |base: &[String]| {
        let mut out: Vec<String> = vec![String::new(), " \u{3000}".into(), "x".repeat(80)];
        for s in base {
            out.push(s.clone());
            out.push(s.to_lowercase());
            out.push(format!(" {s} "));
            out.push(s.chars().take(17).collect());
            out.push(format!("{s}0"));
            out.push(s.chars().take(6).collect());
            out.push(s.chars().map(|c| if c.is_ascii_alphanumeric() { char::from_u32(c as u32 + 0xFEE0).unwrap() } else { c }).collect());
            let n = s.chars().count();
            for i in 0..n {
                for c in ['0', '7', 'I', 'X', 'a', ' ', '-'] {
                    out.push(replace_at(s, i, c));
                }
                if i + 1 < n {
                    out.push(swap(s, i, i + 1));
                }
            }
        }
        out
    };
    let today = Some(day(2026, 11, 23));
    let mut checked = 0;
    for v in variants(&usccs).iter().chain(variants(&ids).iter()) {
        let pairs = [(validate_uscc(v), ident::uscc_errors(v)), (validate_id(v, today), ident::id_errors(v, today)), (validate_id(v, None), ident::id_errors(v, None))];
        for (full, lean) in pairs {
            assert_eq!(lean.errors, full.errors, "{v:?}");
            assert_eq!((lean.valid, &lean.normalized, &lean.input, lean.kind), (full.valid, &full.normalized, &full.input, full.kind), "{v:?}");
            assert!(lean.warnings.is_empty(), "{v:?}");
            checked += 1;
        }
    }
    assert!(checked > 3000, "{checked}");
}
