//! Sections the shipped rule sets share (`data/rules/shared/`): the sources, the direct grades and
//! the credit-repair section are the same for every subject type, so each is written once and a
//! rule file includes it: `"repair": {"$include": "shared/repair.json"}`. The core carries these
//! files and puts each in place before a rule set is checked and hashed, so a file that includes a
//! section means exactly what it would with the section written out (same document, same hash).
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十五条、第二十条（直接定级）、第二十八至三十条（信用修复）；
//! 《广东省医疗保障信用管理办法（试行）》第二十条；国家发展改革委令第58号、第36号，发改办财金〔2019〕527号。

use super::check::Problem;
use crate::value::Value;

/// The sections a rule file may include, by the key they stand for.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十七、十八条（指标另行制定；共用部分只写一次）。
pub const INCLUDABLE: &[&str] = &["sources", "directGrades", "repair"];

/// The shared sections the core carries: (name as written in `$include`, JSON text). Natively
/// only (the command line, the tests): the page's WebAssembly modules do not carry them, because
/// `scripts/build.sh` writes the shipped files to `www/rules/` with the sections in place
/// (`scripts/resolve-rules.mjs`), so the first screen does not grow by them.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十八至三十条；国家发展改革委令第58号、第36号。
#[cfg(not(target_arch = "wasm32"))]
pub const SHARED: &[(&str, &str)] = &[
    ("shared/sources.json", include_str!("../../data/rules/shared/sources.json")),
    ("shared/direct-grades.json", include_str!("../../data/rules/shared/direct-grades.json")),
    ("shared/repair.json", include_str!("../../data/rules/shared/repair.json")),
];

fn problem(path: String, zh: String, en: String) -> Problem {
    Problem { code: "E_RULES_INCLUDE", path: Some(path), zh, en }
}

/// In the page (WebAssembly) no shared section is carried: a document that still includes one is
/// refused in one sentence (the shipped files reach the page written out).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十七、十八条。
#[cfg(target_arch = "wasm32")]
pub fn resolve(value: &mut Value) -> Result<bool, Problem> {
    let Value::Object(doc) = value else { return Ok(false) };
    match doc.iter().find(|(_, v)| v.get("$include").is_some()) {
        Some((k, _)) => Err(problem(
            format!("$.{k}"),
            "网页中载入的规则文件须写出全部内容，不能引用共用部分（$include）".into(),
            "a rule set loaded in the page must be written out in full, without shared sections ($include)".into(),
        )),
        None => Ok(false),
    }
}

/// Puts every `{"$include": NAME}` section of a rule-set document in place. Only the top-level
/// keys of [`INCLUDABLE`] may include, only the shared sections of [`SHARED`]; anything else is a
/// problem at its path. Returns whether anything was included.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十七、十八条。
#[cfg(not(target_arch = "wasm32"))]
pub fn resolve(value: &mut Value) -> Result<bool, Problem> {
    let Value::Object(doc) = value else { return Ok(false) };
    let mut done = false;
    for (key, section) in doc.iter_mut() {
        let Value::Object(o) = section else { continue };
        let Some(name) = o.get("$include") else { continue };
        let path = format!("$.{key}");
        if !INCLUDABLE.contains(&key.as_str()) {
            return Err(problem(
                path,
                format!("只有 {} 可以引用共用部分（$include）", INCLUDABLE.join("、")),
                format!("only {} may include a shared section ($include)", INCLUDABLE.join(", ")),
            ));
        }
        if o.len() != 1 {
            return Err(problem(path, "引用共用部分时，该部分只能写 $include 一项".into(), "a section that includes a shared one holds $include alone".into()));
        }
        let known = SHARED.iter().map(|(n, _)| *n).collect::<Vec<_>>().join("、");
        let text = name.as_str().and_then(|n| SHARED.iter().find(|(s, _)| *s == n)).map(|(_, t)| *t).ok_or_else(|| {
            let shown: String = name.as_str().unwrap_or("").chars().take(80).collect();
            problem(
                format!("{path}.$include"),
                format!("未知的共用部分“{shown}”（可用：{known}）"),
                format!("unknown shared section \"{shown}\" (known: {})", known.replace('、', ", ")),
            )
        })?;
        let shared = crate::value::parse_trusted(text).ok_or_else(|| problem(format!("{path}.$include"), "内置共用部分无法读取".into(), "a built-in shared section cannot be read".into()))?;
        *section = shared;
        done = true;
    }
    Ok(done)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #[test]
    fn every_shared_section_reads() {
        for (name, text) in super::SHARED {
            assert!(crate::value::parse_trusted(text).is_some(), "{name}");
        }
    }
}
