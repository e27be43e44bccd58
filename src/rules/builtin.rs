//! The sample rule sets shipped with the tool (`data/rules/*.json`), compiled on first use.
//!
//! Natively (the CLI, the tests) the files are compiled into the program. In WebAssembly they are
//! data, not code: the page fetches the file it needs (`www/rules/NAME.json`) and hands the
//! document to [`register`], so the first screen downloads one rule set, not four.
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条 — the real lists are set by the city bureau;
//! these are marked `sample: true` and say so on every result.

use super::CompiledRules;
use crate::error::{Error, Result};
use std::sync::OnceLock;

/// The file name (without `.json`) of every shipped rule set.
pub const NAMES: [&str; 4] = ["medical-institution", "retail-pharmacy", "practitioner", "insured"];

/// (file name, JSON text) of every shipped rule set.
#[cfg(not(target_arch = "wasm32"))]
pub const BUILTIN: &[(&str, &str)] = &[
    ("medical-institution", include_str!("../../data/rules/medical-institution.json")),
    ("retail-pharmacy", include_str!("../../data/rules/retail-pharmacy.json")),
    ("practitioner", include_str!("../../data/rules/practitioner.json")),
    ("insured", include_str!("../../data/rules/insured.json")),
];

/// The subject types each shipped rule set covers (its `subjectTypes`, in `NAMES` order), so
/// finding the set for a type compiles only that set (the page's first grade waits on it). A test
/// checks this table against the files.
pub const SUBJECT_TYPES: [&[&str]; 4] = [&["medical-institution"], &["retail-pharmacy"], &["physician", "pharmacist"], &["insured"]];

static COMPILED: [OnceLock<CompiledRules>; 4] = [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];

#[cfg(all(not(target_arch = "wasm32"), feature = "tools"))]
fn compiled(i: usize) -> Result<&'static CompiledRules> {
    Ok(COMPILED[i].get_or_init(|| CompiledRules::from_json(BUILTIN[i].1).expect("shipped rule sets pass the checker (tested)")))
}

#[cfg(any(target_arch = "wasm32", not(feature = "tools")))]
fn compiled(i: usize) -> Result<&'static CompiledRules> {
    COMPILED[i].get().ok_or_else(|| {
        Error::new(
            "E_RULES_NOT_LOADED",
            format!("内置指标“{}”尚未载入（请先调用 ready() 或 loadBuiltin()）", NAMES[i]),
            format!("the built-in rule set \"{}\" is not loaded yet (call ready() or loadBuiltin() first)", NAMES[i]),
        )
    })
}

/// Hands the document of the shipped rule set `name` to the core (WebAssembly: the page fetched
/// it). It must be that set: it is checked, and must cover that set's subject types.
#[cfg(feature = "tools")]
pub fn register(name: &str, doc: crate::value::Value) -> Result<()> {
    let i = NAMES.iter().position(|n| *n == name).ok_or_else(|| unknown(name))?;
    if COMPILED[i].get().is_some() {
        return Ok(());
    }
    register_compiled(name, CompiledRules::from_value(doc)?)
}

/// Hands the shipped rule set `name`, already checked and compiled (`rules/NAME.plan.json`, read
/// by [`super::compiled::read`]), to the core. It must cover that set's subject types.
pub fn register_compiled(name: &str, rules: CompiledRules) -> Result<()> {
    let i = NAMES.iter().position(|n| *n == name).ok_or_else(|| unknown(name))?;
    if COMPILED[i].get().is_some() {
        return Ok(());
    }
    if rules.doc.subject_types.iter().map(String::as_str).ne(SUBJECT_TYPES[i].iter().copied()) {
        return Err(Error::new(
            "E_RULES_INVALID",
            format!("文件不是内置指标“{name}”（主体类型不符）"),
            format!("the document is not the built-in rule set \"{name}\" (its subject types differ)"),
        ));
    }
    let _ = COMPILED[i].set(rules);
    Ok(())
}

/// Whether the shipped rule set `name` is ready (always, natively).
pub fn is_loaded(name: &str) -> bool {
    NAMES.iter().position(|n| *n == name).is_some_and(|i| cfg!(all(not(target_arch = "wasm32"), feature = "tools")) || COMPILED[i].get().is_some())
}

fn unknown(name: &str) -> Error {
    Error::new("E_RULES_UNKNOWN", format!("没有名为“{name}”的内置指标"), format!("there is no built-in rule set named \"{name}\"")).at("$.name")
}

/// The shipped rule set named `name` (file name without `.json`).
pub fn by_name(name: &str) -> Result<&'static CompiledRules> {
    NAMES.iter().position(|n| *n == name).ok_or_else(|| unknown(name)).and_then(compiled)
}

/// A shipped rule set, the first one ready (their common parts, such as the repair section, are
/// the same in every one).
pub fn any() -> Result<&'static CompiledRules> {
    (0..NAMES.len()).map(compiled).find(|r| r.is_ok()).unwrap_or_else(|| compiled(0))
}

/// The shipped rule set that covers `subject_type`.
pub fn for_subject_type(subject_type: &str) -> Result<&'static CompiledRules> {
    index_for_subject_type(subject_type).and_then(compiled)
}

/// The name of the shipped rule set that covers `subject_type`.
pub fn name_for_subject_type(subject_type: &str) -> Result<&'static str> {
    index_for_subject_type(subject_type).map(|i| NAMES[i])
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
            assert_eq!(compiled(i).unwrap().doc.subject_types, types.iter().map(|t| t.to_string()).collect::<Vec<_>>(), "{}", NAMES[i]);
            assert_eq!(BUILTIN[i].0, NAMES[i]);
        }
    }

    /// A shipped set compiled (`compile-rules`, what the first screen reads) and read back is the
    /// rule set the checker compiled: same document, hash, warnings, indexes and plan.
    #[test]
    fn compiled_form_reads_back_as_checked() {
        for i in 0..NAMES.len() {
            let checked = compiled(i).unwrap();
            let text = crate::api::call("compile-rules", BUILTIN[i].1).unwrap();
            let v = crate::value::parse_trusted(&text).expect("the compiled form is plain JSON");
            let back = super::super::compiled::read(&v).expect("reads back");
            assert_eq!(format!("{:?}", back.doc), format!("{:?}", checked.doc), "{}", NAMES[i]);
            assert_eq!(back.hash, checked.hash);
            assert_eq!(back.warnings, checked.warnings);
            assert_eq!((&back.children, &back.roots, &back.bands_desc), (&checked.children, &checked.roots, &checked.bands_desc));
            assert_eq!(back.by_code, checked.by_code);
            // The citations and date notes come with it (the first screen has no law library).
            assert_eq!(format!("{:?}", back.catalog()), format!("{:?}", checked.catalog()));
            assert_eq!(format!("{:?}", back.date_notes()), format!("{:?}", checked.date_notes()));
            assert!(!back.cites.is_empty());
            assert_eq!(format!("{:?}", (&back.plan.nodes, &back.plan.leaves, &back.plan.direct, &back.plan.measures, &back.plan.mins_desc)), format!("{:?}", (&checked.plan.nodes, &checked.plan.leaves, &checked.plan.direct, &checked.plan.measures, &checked.plan.mins_desc)));
            // Not a compiled form: refused (the first screen then says the file cannot be read).
            assert!(super::super::compiled::read(&crate::value::parse_trusted(BUILTIN[i].1).unwrap()).is_none());
        }
    }
}
