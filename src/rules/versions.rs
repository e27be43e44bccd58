//! Several versions of a rule set given together (an array of documents): the one in force on the
//! as-of date is used, and every result names it (`rules.version`, its effective dates).
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条（指标另行制定并更新）、第二十条（按评价期间评价）.

use super::CompiledRules;
#[cfg(feature = "tools")]
use crate::dates;
use crate::error::{Error, Result};
use crate::value::Value;

/// The rules a `rules` field gives for `as_of`: a document (or natively its JSON text) as it is;
/// an array of versions: the one in force on `as_of` (of several, the one in force since the
/// latest date). Errors carry their path under `field` (`$.rules[1].bands`).
pub fn on(v: &Value, as_of: &str, field: &str) -> Result<CompiledRules> {
    // The first screen's module (no `tools`: the page's self-assessment scores one loaded rule
    // set) does not carry the choice among versions; the CLI and the tools module do.
    #[cfg(not(feature = "tools"))]
    let _ = as_of;
    match v {
        #[cfg(feature = "tools")]
        Value::Array(list) => pick(list, as_of, field),
        other => CompiledRules::from_input(other).map_err(|e| under(e, field)),
    }
}

/// An error of a rule set given at `at`, its path put under it.
fn under(mut e: Error, at: &str) -> Error {
    e.path = Some(format!("{at}{}", e.path.as_deref().map(|p| p.trim_start_matches('$')).unwrap_or("")));
    e
}

/// Of several versions, the one in force on `as_of`.
#[cfg(feature = "tools")]
fn pick(list: &[Value], as_of: &str, field: &str) -> Result<CompiledRules> {
    if list.is_empty() {
        return Err(Error::new("E_RULES_VERSIONS", "指标版本列表为空", "the list of rule-set versions is empty").at(field));
    }
    let date = dates::parse_date(as_of, "asOf").map_err(|e| e.at("$.asOf"))?;
    let mut best: Option<CompiledRules> = None;
    let mut spans = vec![];
    for (i, doc) in list.iter().enumerate() {
        let r = CompiledRules::from_input(doc).map_err(|e| under(e, &format!("{field}[{i}]")))?;
        if r.in_effect(date) {
            if best.as_ref().map_or(true, |b| r.effective_from > b.effective_from) {
                best = Some(r);
            }
        } else {
            let (zh, en) = r.effective_span();
            spans.push((format!("{} {zh}", r.doc.version), format!("{} {en}", r.doc.version)));
        }
    }
    best.ok_or_else(|| {
        let zh: Vec<&str> = spans.iter().map(|s| s.0.as_str()).collect();
        let en: Vec<&str> = spans.iter().map(|s| s.1.as_str()).collect();
        Error::new(
            "E_RULES_NONE_IN_FORCE",
            format!("给出的 {} 个指标版本在评价基准日 {as_of} 都不在施行期内（{}）", list.len(), zh.join("；")),
            format!("none of the {} rule-set versions given is in force on {as_of} ({})", list.len(), en.join("; ")),
        )
        .at(field)
    })
}
