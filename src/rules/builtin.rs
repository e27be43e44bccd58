//! The sample rule sets shipped with the tool (`data/rules/*.json`), compiled on first use.
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条 — the real lists are set by the city bureau;
//! these are marked `sample: true` and say so on every result.

use super::CompiledRules;
use crate::error::{Error, Result};
use std::sync::OnceLock;

/// (file name, JSON text) of every shipped rule set.
pub const BUILTIN: &[(&str, &str)] = &[
    ("medical-institution", include_str!("../../data/rules/medical-institution.json")),
    ("retail-pharmacy", include_str!("../../data/rules/retail-pharmacy.json")),
    ("practitioner", include_str!("../../data/rules/practitioner.json")),
    ("insured", include_str!("../../data/rules/insured.json")),
];

/// The subject types each shipped rule set covers (its `subjectTypes`, in `BUILTIN` order), so
/// finding the set for a type compiles only that set (the page's first grade waits on it). A test
/// checks this table against the files.
const SUBJECT_TYPES: [&[&str]; 4] = [&["medical-institution"], &["retail-pharmacy"], &["physician", "pharmacist"], &["insured"]];

static COMPILED: [OnceLock<CompiledRules>; 4] = [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];

fn compiled(i: usize) -> &'static CompiledRules {
    COMPILED[i].get_or_init(|| CompiledRules::from_json(BUILTIN[i].1).expect("shipped rule sets pass the checker (tested)"))
}

/// The shipped rule set named `name` (file name without `.json`).
pub fn by_name(name: &str) -> Option<&'static CompiledRules> {
    BUILTIN.iter().position(|(n, _)| *n == name).map(compiled)
}

/// The shipped rule set that covers `subject_type`.
pub fn for_subject_type(subject_type: &str) -> Result<&'static CompiledRules> {
    index_for_subject_type(subject_type).map(compiled)
}

/// The (name, JSON text) of the shipped rule set that covers `subject_type`.
pub fn source_for_subject_type(subject_type: &str) -> Result<&'static (&'static str, &'static str)> {
    index_for_subject_type(subject_type).map(|i| &BUILTIN[i])
}

fn index_for_subject_type(subject_type: &str) -> Result<usize> {
    SUBJECT_TYPES.iter().position(|types| types.contains(&subject_type)).ok_or_else(|| {
        Error::new(
            "E_RULES_NONE_FOR_TYPE",
            format!("没有适用于主体类型“{subject_type}”的内置指标，请载入本地医保局发布的指标文件"),
            format!("no built-in indicators cover subject type \"{subject_type}\"; load the rule set your local bureau published"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_type_table_matches_the_files() {
        for (i, types) in SUBJECT_TYPES.iter().enumerate() {
            assert_eq!(compiled(i).doc.subject_types, types.iter().map(|t| t.to_string()).collect::<Vec<_>>(), "{}", BUILTIN[i].0);
        }
    }
}
