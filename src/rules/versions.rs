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
    let (date, mut all) = compile_all(list, as_of, field)?;
    match in_force(&all, date) {
        Some(i) => Ok(all.swap_remove(i)),
        None => {
            let spans: Vec<(String, String)> = all.iter().map(|r| {
                let (zh, en) = r.effective_span();
                (format!("{} {zh}", r.doc.version), format!("{} {en}", r.doc.version))
            }).collect();
            let zh: Vec<&str> = spans.iter().map(|s| s.0.as_str()).collect();
            let en: Vec<&str> = spans.iter().map(|s| s.1.as_str()).collect();
            Err(Error::new(
                "E_RULES_NONE_IN_FORCE",
                format!("给出的 {} 个指标版本在评价基准日 {as_of} 都不在施行期内（{}）", list.len(), zh.join("；")),
                format!("none of the {} rule-set versions given is in force on {as_of} ({})", list.len(), en.join("; ")),
            )
            .at(field))
        }
    }
}

/// The as-of date and every version compiled (an error at its place in the list, under `field`).
#[cfg(feature = "tools")]
fn compile_all(list: &[Value], as_of: &str, field: &str) -> Result<(chrono::NaiveDate, Vec<CompiledRules>)> {
    if list.is_empty() {
        return Err(Error::new("E_RULES_VERSIONS", "指标版本列表为空", "the list of rule-set versions is empty").at(field));
    }
    let date = dates::parse_date(as_of, "asOf").map_err(|e| e.at("$.asOf"))?;
    let all = list.iter().enumerate().map(|(i, doc)| CompiledRules::from_input(doc).map_err(|e| under(e, &format!("{field}[{i}]")))).collect::<Result<Vec<_>>>()?;
    Ok((date, all))
}

/// The place of the version in force on `date`: of several, the one in force since the latest
/// date (the first of those when two start the same day).
#[cfg(feature = "tools")]
fn in_force(all: &[CompiledRules], date: chrono::NaiveDate) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, r) in all.iter().enumerate() {
        if r.in_effect(date) && best.map_or(true, |b| r.effective_from > all[b].effective_from) {
            best = Some(i);
        }
    }
    best
}

/// Input of `rules-in-force`: the versions loaded and the as-of date.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条、第二十条.
#[cfg(feature = "tools")]
#[derive(Debug, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InForceInput {
    /// The versions: an array of rule-set documents (or natively their JSON texts), or one.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "RuleSetDoc[] | RuleSetDoc | string"))]
    pub rules: Value,
    /// The as-of date of the evaluation, `YYYY-MM-DD`.
    pub as_of: String,
}

/// What `rules-in-force` answers: which of the versions is in force on the as-of date, each
/// version's dates, and a sentence saying so (for the page and the command line alike).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条、第二十条.
#[cfg(feature = "tools")]
#[derive(Debug, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct InForce {
    pub as_of: String,
    /// The place in the list of the version in force (null: none is in force on that date).
    pub in_force: Option<usize>,
    /// Every version, in the order given.
    pub versions: Vec<super::RulesInfo>,
    /// 「按评价基准日 2027-03-01，适用 2027.1 版（2027-01-01 起施行）；另已载入 2026.1 版（2022-12-15 至 2026-12-31）」.
    pub says: crate::text::Text,
}

/// `rules-in-force`: of the versions given, the one in force on `asOf` (as every evaluation with
/// several versions picks it), and why.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条、第二十条.
#[cfg(feature = "tools")]
pub fn rules_in_force(i: InForceInput) -> Result<InForce> {
    let list = match i.rules {
        Value::Array(list) => list,
        one => vec![one],
    };
    let (date, all) = compile_all(&list, &i.as_of, "$.rules")?;
    let at = in_force(&all, date);
    let span = |r: &CompiledRules| match r.effective_to {
        None => (format!("{} 版（{} 起施行）", r.doc.version, dates::iso(r.effective_from)), format!("version {} (in force from {})", r.doc.version, dates::iso(r.effective_from))),
        Some(_) => {
            let (zh, en) = r.effective_span();
            (format!("{} 版（{zh}）", r.doc.version), format!("version {} ({en})", r.doc.version))
        }
    };
    let others: Vec<(String, String)> = all.iter().enumerate().filter(|(k, _)| Some(*k) != at).map(|(_, r)| span(r)).collect();
    let zh_others = others.iter().map(|o| o.0.as_str()).collect::<Vec<_>>().join("、");
    let en_others = others.iter().map(|o| o.1.as_str()).collect::<Vec<_>>().join(", ");
    let as_of = dates::iso(date);
    let says = match at {
        Some(k) => {
            let (zh, en) = span(&all[k]);
            let (mut zh, mut en) = (format!("按评价基准日 {as_of}，适用 {zh}"), format!("As of {as_of}, {en} applies"));
            if !others.is_empty() {
                zh.push_str(&format!("；另已载入 {zh_others}"));
                en.push_str(&format!("; also loaded: {en_others}"));
            }
            crate::text::Text::new(zh, en)
        }
        None => crate::text::Text::new(
            format!("评价基准日 {as_of} 不在已载入的任何一版指标的施行期内（{zh_others}），无法评价：请改评价基准日，或载入在该日施行的指标版本"),
            format!("None of the loaded versions of the rules is in force on {as_of} ({en_others}), so nothing can be evaluated: change the as-of date, or load the version in force on that day"),
        ),
    };
    Ok(InForce { as_of, in_force: at, versions: all.iter().map(|r| r.info()).collect(), says })
}
