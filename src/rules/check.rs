//! The rule-set checker: every problem with its JSON path, in Chinese and English.
//!
//! Checks (依据：《汕尾市医疗保障信用管理办法（试行）》第十八条、第十九条): the format and version; ids
//! and codes unique; a three-level tree whose children's points add up to their parent and whose
//! first level adds up to the scale; every leaf scores between 0 and its points and can reach
//! them (so the scale's total is reachable); bands ordered, starting at 0 and covering the scale;
//! every citation names a known source; dates real and in order.

use super::model::*;
use super::{class_of, CompiledRules};
use crate::value::Value;
use crate::dates;
use crate::points::Points;
use std::collections::{HashMap, HashSet};

pub use super::{CheckReport, Problem};

/// Largest rule-set text accepted (bytes).
pub const MAX_RULES_BYTES: usize = 2 * 1024 * 1024;

struct Ck {
    errors: Vec<Problem>,
    warnings: Vec<Problem>,
}

impl Ck {
    fn err(&mut self, code: &'static str, path: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) {
        self.errors.push(Problem { code, path: Some(path.into()), zh: zh.into(), en: en.into() });
    }
    fn warn(&mut self, code: &'static str, path: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) {
        self.warnings.push(Problem { code, path: Some(path.into()), zh: zh.into(), en: en.into() });
    }
    fn text(&mut self, t: &Text, path: &str) {
        if t.zh.trim().is_empty() {
            self.err("E_RULES_TEXT", format!("{path}.zh"), "缺少中文文字", "Chinese text is missing");
        }
    }
    /// A citation: its source listed; for a source of the law library, the article as written
    /// must be one the library holds (an unverified article is cited saying so); for a source of
    /// the rule set's own, the article must be given.
    fn cite(&mut self, c: &Cite, sources: &Sources, path: &str) {
        match sources.get(c.source.as_str()) {
            None => self.err(
                "E_RULES_CITE",
                format!("{path}.source"),
                format!("引用了未在 sources 中列出的依据文件“{}”", c.source),
                format!("cites source \"{}\", which is not listed in sources", c.source),
            ),
            Some(Some(law)) => match crate::law::cite(law, &c.article) {
                Ok(_) if c.article.trim().is_empty() && crate::law::get(law).is_some_and(|l| !l.has_no_text()) => {
                    self.err("E_RULES_CITE", format!("{path}.article"), "缺少条款（例如“第十九条”）", "the article is missing (e.g. 第十九条)")
                }
                Ok(_) => {}
                Err(crate::law::CiteError::NotInLaw(a)) => {
                    let title = crate::law::get(law).map_or("", |l| l.title);
                    self.err("E_RULES_CITE", format!("{path}.article"), format!("{title}中没有“{a}”"), format!("{title} has no \"{a}\""));
                }
                Err(_) => self.err(
                    "E_RULES_CITE",
                    format!("{path}.article"),
                    format!("条款的写法无法识别：“{}”（请写作“第十九条”“第十五条第（三）项”“附件6”，多处用“、”分隔；不知道条款时留空）", c.article),
                    format!("the article is not written in a way the tool reads: \"{}\" (write 第十九条, 第十五条第（三）项 or 附件6, several separated by 、; leave it empty when the article is not known)", c.article),
                ),
            },
            Some(None) => {
                if c.article.trim().is_empty() {
                    self.err("E_RULES_CITE", format!("{path}.article"), "缺少条款（例如“第十九条”）", "the article is missing (e.g. 第十九条)");
                }
            }
        }
    }
}

use crate::text::Text;

/// The listed sources: id → the law-library id, if it is one.
/// (A few entries: a list, not a map — the first screen's module carries this code.)
struct Sources<'a>(Vec<(&'a str, Option<&'a str>)>);

impl<'a> Sources<'a> {
    fn get(&self, id: &str) -> Option<&Option<&'a str>> {
        self.0.iter().find(|(i, _)| *i == id).map(|(_, l)| l)
    }
    /// Adds `id` (or sets its law); whether it was there already.
    fn insert(&mut self, id: &'a str, law: Option<&'a str>) -> bool {
        match self.0.iter_mut().find(|(i, _)| *i == id) {
            Some(e) => {
                e.1 = law;
                true
            }
            None => {
                self.0.push((id, law));
                false
            }
        }
    }
}

fn fail(p: Problem) -> CheckReport {
    CheckReport { valid: false, errors: vec![p], warnings: vec![], rules: None, indicators: None, leaves: None, compiled: None }
}

/// Checks a rule-set JSON text and, if it has no error, compiles it. A text that is not JSON,
/// or not of this shape, gets serde_json's message with its line and column.
#[cfg(not(target_arch = "wasm32"))]
pub fn check_text(text: &str) -> CheckReport {
    if text.len() > MAX_RULES_BYTES {
        return fail(too_large(text.len()));
    }
    let mut value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let er = crate::error::Error::bad_json("规则文件", "Rule set", &e);
            return fail(Problem { code: "E_RULES_JSON", path: None, zh: er.zh, en: er.en });
        }
    };
    if let Some(p) = format_problem(&value) {
        return fail(p);
    }
    // A file that includes shared sections (`$include`) is checked as the document they make.
    match super::shared::resolve(&mut value) {
        Err(p) => return fail(p),
        Ok(true) => return check_value(value),
        Ok(false) => {}
    }
    let doc: RuleSetDoc = match serde_json::from_str(text) {
        Ok(d) => d,
        Err(e) => {
            let er = crate::error::Error::bad_json("规则文件", "Rule set", &e);
            return fail(Problem { code: "E_RULES_SHAPE", path: None, zh: er.zh, en: er.en });
        }
    };
    let hash = super::canonical_hash(&value);
    check_doc(doc, hash)
}

/// The problem of a text too long to be a rule set.
pub fn too_large(len: usize) -> Problem {
    Problem {
        code: "E_RULES_TOO_LARGE",
        path: None,
        zh: format!("规则文件过大（{} 字节），上限 {} 字节", len, MAX_RULES_BYTES),
        en: format!("rule set too large ({} bytes); the limit is {} bytes", len, MAX_RULES_BYTES),
    }
}

/// Checks a rule-set document already read (a JavaScript object, an inline `rules` input) and,
/// if it has no error, compiles it.
pub fn check_value(mut value: Value) -> CheckReport {
    // Shared sections (`$include`) in place first: the document, and its hash, are what they make.
    if let Err(p) = super::shared::resolve(&mut value) {
        return fail(p);
    }
    // The canonical text (hashed) is compact: a document too long even so is refused.
    let canonical = value.to_json();
    if canonical.len() > MAX_RULES_BYTES {
        return fail(too_large(canonical.len()));
    }
    if let Some(p) = format_problem(&value) {
        return fail(p);
    }
    let hash = crate::sha256::hex(canonical.as_bytes());
    let doc: RuleSetDoc = match crate::value::from_value(value) {
        Ok(d) => d,
        Err(e) => {
            return fail(Problem {
                code: "E_RULES_SHAPE",
                path: None,
                zh: format!("规则文件无法读取：内容与格式不符（{e}）"),
                en: format!("Rule set cannot be read: wrong shape ({e})"),
            })
        }
    };
    check_doc(doc, hash)
}

/// Format and version first: a file of another format gets one clear message, not fifty.
fn format_problem(value: &Value) -> Option<Problem> {
    let fmt = value.get("format").and_then(|v| v.as_str());
    let ver = value.get("formatVersion").and_then(|v| v.as_u64());
    if fmt != Some("yibao-credit-rules") {
        return Some(Problem {
            code: "E_RULES_FORMAT",
            path: Some("$.format".into()),
            zh: "不是本工具的规则文件：format 应为 \"yibao-credit-rules\"".into(),
            en: "not a rule set of this tool: format must be \"yibao-credit-rules\"".into(),
        });
    }
    if ver != Some(1) {
        return Some(Problem {
            code: "E_RULES_VERSION",
            path: Some("$.formatVersion".into()),
            zh: format!("不支持的规则格式版本 {}：本工具读取版本 1", value.get("formatVersion").map(|v| v.to_string()).unwrap_or_else(|| "（缺失）".into())),
            en: format!("unsupported rule format version {}: this tool reads version 1", value.get("formatVersion").map(|v| v.to_string()).unwrap_or_else(|| "(missing)".into())),
        });
    }
    None
}

fn check_doc(doc: RuleSetDoc, hash: String) -> CheckReport {
    let mut ck = Ck { errors: vec![], warnings: vec![] };

    for (field, v) in [("id", &doc.id), ("version", &doc.version)] {
        if v.trim().is_empty() {
            ck.err("E_RULES_FIELD", format!("$.{field}"), format!("{field} 不能为空"), format!("{field} must not be empty"));
        }
    }
    ck.text(&doc.title, "$.title");
    ck.text(&doc.issuer, "$.issuer");

    // Sources.
    let mut sources = Sources(Vec::new());
    if doc.sources.is_empty() {
        ck.err("E_RULES_SOURCES", "$.sources", "至少要列出一个依据文件", "at least one source document must be listed");
    }
    for (i, s) in doc.sources.iter().enumerate() {
        let p = format!("$.sources[{i}]");
        if sources.insert(s.id.as_str(), s.law.as_deref()) {
            ck.err("E_RULES_DUPLICATE", format!("{p}.id"), format!("依据文件编号“{}”重复", s.id), format!("source id \"{}\" is used twice", s.id));
        }
        match s.law.as_deref() {
            Some(law) => match crate::law::get(law) {
                None => {
                    let known: Vec<&str> = crate::law::LAWS.iter().map(|l| l.id).collect();
                    ck.err(
                        "E_RULES_SOURCE_LAW",
                        format!("{p}.law"),
                        format!("本工具的法规库中没有“{law}”（有：{}）；不在库中的文件请不写 law，改写 title", known.join("、")),
                        format!("the tool's law library has no \"{law}\" ({}); for another document, leave out law and give its title", known.join(", ")),
                    );
                    sources.insert(s.id.as_str(), None);
                }
                Some(l) if !s.title.is_empty() && s.title != l.title => ck.warn(
                    "W_RULES_SOURCE_TITLE",
                    format!("{p}.title"),
                    format!("标题与法规库不同，以法规库为准：{}", l.title),
                    format!("the title differs from the law library's, which is used: {}", l.title),
                ),
                Some(_) => {}
            },
            None if s.title.trim().is_empty() => ck.err("E_RULES_FIELD", format!("{p}.title"), "依据文件缺少标题（或用 law 指明法规库中的文件）", "source title is missing (or name a law-library document with law)"),
            None => {}
        }
        for (f, d) in [("date", &s.date), ("trialUntil", &s.trial_until)] {
            if let Some(d) = d {
                if let Err(e) = dates::parse_date(d, f) {
                    ck.err("E_RULES_DATE", format!("{p}.{f}"), e.zh, e.en);
                }
            }
        }
    }

    // Dates.
    let from = match dates::parse_date(&doc.effective_from, "effectiveFrom") {
        Ok(d) => Some(d),
        Err(e) => {
            ck.err("E_RULES_DATE", "$.effectiveFrom", e.zh, e.en);
            None
        }
    };
    let to = match &doc.effective_to {
        None => None,
        Some(t) => match dates::parse_date(t, "effectiveTo") {
            Ok(d) => Some(d),
            Err(e) => {
                ck.err("E_RULES_DATE", "$.effectiveTo", e.zh, e.en);
                None
            }
        },
    };
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            ck.err("E_RULES_DATE", "$.effectiveTo", format!("失效日期 {t} 早于生效日期 {f}"), format!("effectiveTo {t} is before effectiveFrom {f}"));
        }
    }

    // Class, types, scale (第五条, 第十九条).
    let class = doc.subject_class.as_str();
    if class != "institution" && class != "person" {
        ck.err("E_RULES_CLASS", "$.subjectClass", "subjectClass 应为 institution（机构类）或 person（个人类）", "subjectClass must be institution or person");
    }
    if doc.subject_types.is_empty() {
        ck.err("E_RULES_TYPES", "$.subjectTypes", "至少要列出一种信用主体类型", "at least one subject type must be listed");
    }
    for (i, t) in doc.subject_types.iter().enumerate() {
        match class_of(t) {
            None => ck.err("E_RULES_TYPES", format!("$.subjectTypes[{i}]"), format!("未知的主体类型“{t}”"), format!("unknown subject type \"{t}\"")),
            Some(c) if c != class => ck.err(
                "E_RULES_TYPES",
                format!("$.subjectTypes[{i}]"),
                format!("主体类型“{t}”不属于 {class} 类"),
                format!("subject type \"{t}\" is not of class {class}"),
            ),
            _ => {}
        }
    }
    // 第十九条: a rule set that cites it for its grades must grade as it says (千分制 / 百分制,
    // five bands A–E with those bounds and names). Any other rule set may use its own scale and
    // any number of bands with its own labels (another city's 100-point A–D, A+ … D-).
    let shanwei = claims_shanwei_bands(&doc, &sources);
    if shanwei {
        check_shanwei_bands(&mut ck, &doc, class);
    } else if doc.scale <= Points::ZERO {
        ck.err("E_RULES_SCALE", "$.scale", "满分应大于 0", "the scale must be above 0");
    }

    // Bands.
    let mut grades = HashSet::new();
    for (i, b) in doc.bands.iter().enumerate() {
        let p = format!("$.bands[{i}]");
        if b.grade.trim().is_empty() || !grades.insert(b.grade.as_str()) {
            ck.err("E_RULES_BANDS", format!("{p}.grade"), format!("等级“{}”为空或重复", b.grade), format!("grade \"{}\" is empty or repeated", b.grade));
        }
        ck.text(&b.label, &format!("{p}.label"));
        ck.cite(&b.cite, &sources, &format!("{p}.cite"));
        if b.side != "trustworthy" && b.side != "dishonest" {
            ck.err("E_RULES_BANDS", format!("{p}.side"), "side 应为 trustworthy 或 dishonest", "side must be trustworthy or dishonest");
        }
        if b.min < Points::ZERO || b.min > doc.scale {
            ck.err("E_RULES_BANDS", format!("{p}.min"), format!("下限 {} 不在 0 至 {} 之间", b.min, doc.scale), format!("min {} is not between 0 and {}", b.min, doc.scale));
        }
    }
    if doc.bands.is_empty() {
        ck.err("E_RULES_BANDS", "$.bands", "至少要有一个等级", "at least one band is needed");
    }
    for i in 1..doc.bands.len() {
        if doc.bands[i].min >= doc.bands[i - 1].min {
            ck.err(
                "E_RULES_BANDS",
                format!("$.bands[{i}].min"),
                "等级须按下限从高到低排列，且下限互不相同",
                "bands must be listed from the highest min down, with distinct mins",
            );
        }
    }
    if let Some(last) = doc.bands.last() {
        if last.min != Points::ZERO {
            ck.err(
                "E_RULES_BANDS",
                format!("$.bands[{}].min", doc.bands.len() - 1),
                "最低等级的下限应为 0，否则低分无等级可归",
                "the lowest band must start at 0, or low scores get no grade",
            );
        }
    }

    // Event kinds.
    let mut kinds = HashSet::new();
    for (i, k) in doc.event_kinds.iter().enumerate() {
        let p = format!("$.eventKinds[{i}]");
        if k.kind.trim().is_empty() || !kinds.insert(k.kind.as_str()) {
            ck.err("E_RULES_DUPLICATE", format!("{p}.kind"), format!("事件类型“{}”为空或重复", k.kind), format!("event kind \"{}\" is empty or repeated", k.kind));
        }
        ck.text(&k.name, &format!("{p}.name"));
        ck.cite(&k.cite, &sources, &format!("{p}.cite"));
        if k.nature != "adverse" && k.nature != "trustworthy" {
            ck.err("E_RULES_FIELD", format!("{p}.nature"), "nature 应为 adverse（不良）或 trustworthy（守信）", "nature must be adverse or trustworthy");
        }
        for (j, jp) in k.joint_punishments.iter().enumerate() {
            let q = format!("{p}.jointPunishments[{j}]");
            ck.text(&jp.text, &format!("{q}.text"));
            ck.cite(&jp.cite, &sources, &format!("{q}.cite"));
            if jp.basis.trim().is_empty() {
                ck.err("E_RULES_CITE", format!("{q}.basis"), "联合惩戒须写明法律依据", "a joint punishment must state its legal basis");
            }
        }
    }
    let check_kinds = |ck: &mut Ck, list: &[String], p: &str| {
        for (j, k) in list.iter().enumerate() {
            if !kinds.contains(k.as_str()) {
                ck.err(
                    "E_RULES_EVENT_KIND",
                    format!("{p}[{j}]"),
                    format!("事件类型“{k}”未在 eventKinds 中定义"),
                    format!("event kind \"{k}\" is not defined in eventKinds"),
                );
            }
        }
    };

    // Indicators.
    let mut by_code: HashMap<String, usize> = HashMap::new();
    for (i, ind) in doc.indicators.iter().enumerate() {
        if ind.code.trim().is_empty() {
            ck.err("E_RULES_CODE", format!("$.indicators[{i}].code"), "指标代码不能为空", "indicator code must not be empty");
        } else if by_code.insert(ind.code.clone(), i).is_some() {
            ck.err("E_RULES_DUPLICATE", format!("$.indicators[{i}].code"), format!("指标代码“{}”重复", ind.code), format!("indicator code \"{}\" is used twice", ind.code));
        }
    }
    let mut children: Vec<Vec<usize>> = vec![vec![]; doc.indicators.len()];
    let mut roots = vec![];
    for (i, ind) in doc.indicators.iter().enumerate() {
        let p = format!("$.indicators[{i}]");
        ck.text(&ind.name, &format!("{p}.name"));
        ck.cite(&ind.cite, &sources, &format!("{p}.cite"));
        if !(1..=3).contains(&ind.depth) {
            ck.err("E_RULES_DEPTH", format!("{p}.depth"), "depth 应为 1、2 或 3（一级、二级、三级指标，第十八条）", "depth must be 1, 2 or 3 (article 18)");
        }
        if ind.points <= Points::ZERO {
            ck.err("E_RULES_POINTS", format!("{p}.points"), "分值须大于 0", "points must be greater than 0");
        }
        match &ind.parent {
            None => {
                if ind.depth != 1 {
                    ck.err("E_RULES_PARENT", format!("{p}.parent"), "只有一级指标可以没有上级", "only a level-1 indicator may have no parent");
                }
                roots.push(i);
            }
            Some(par) => match by_code.get(par) {
                None => ck.err("E_RULES_PARENT", format!("{p}.parent"), format!("上级指标“{par}”不存在"), format!("parent \"{par}\" does not exist")),
                Some(&pi) => {
                    if doc.indicators[pi].depth + 1 != ind.depth {
                        ck.err(
                            "E_RULES_DEPTH",
                            format!("{p}.depth"),
                            format!("depth 应比上级“{par}”多 1", ),
                            format!("depth must be one more than its parent \"{par}\""),
                        );
                    }
                    children[pi].push(i);
                }
            },
        }
    }
    for (i, ind) in doc.indicators.iter().enumerate() {
        let p = format!("$.indicators[{i}]");
        let kids = &children[i];
        if !kids.is_empty() {
            if ind.scoring.is_some() {
                ck.err("E_RULES_SCORING", format!("{p}.scoring"), "有下级的指标不能自带计分方式", "an indicator with children cannot have its own scoring");
            }
            let sum: Points = kids.iter().map(|&k| doc.indicators[k].points).sum();
            if sum != ind.points {
                ck.err(
                    "E_RULES_SUM",
                    format!("{p}.points"),
                    format!("指标“{}”分值为 {}，其下级指标合计 {}，两者应相等", ind.code, ind.points, sum),
                    format!("indicator \"{}\" has {} points but its children add up to {}", ind.code, ind.points, sum),
                );
            }
            continue;
        }
        // A leaf.
        if ind.depth != 3 {
            ck.err(
                "E_RULES_DEPTH",
                format!("{p}.depth"),
                format!("指标“{}”没有下级，应为三级指标（第十八条：一级、二级、三级指标）", ind.code),
                format!("indicator \"{}\" has no children, so it must be at depth 3 (article 18)", ind.code),
            );
        }
        match &ind.scoring {
            None => ck.err("E_RULES_SCORING", format!("{p}.scoring"), "三级指标须写明计分方式", "a leaf indicator must say how it scores"),
            Some(Scoring::Deduction { per, event_kinds }) | Some(Scoring::Bonus { per, event_kinds }) => {
                if *per <= Points::ZERO {
                    ck.err("E_RULES_SCORING", format!("{p}.scoring.per"), "每次分值须大于 0", "per must be greater than 0");
                }
                check_kinds(&mut ck, event_kinds, &format!("{p}.scoring.eventKinds"));
            }
            Some(Scoring::YesNo { .. }) => {}
            Some(Scoring::Rating { levels }) => {
                let mut ids = HashSet::new();
                for (j, l) in levels.iter().enumerate() {
                    let q = format!("{p}.scoring.levels[{j}]");
                    if !ids.insert(l.id.as_str()) {
                        ck.err("E_RULES_DUPLICATE", format!("{q}.id"), format!("档次“{}”重复", l.id), format!("level \"{}\" is repeated", l.id));
                    }
                    ck.text(&l.label, &format!("{q}.label"));
                    if l.points < Points::ZERO || l.points > ind.points {
                        ck.err("E_RULES_POINTS", format!("{q}.points"), format!("档次分值须在 0 至 {} 之间", ind.points), format!("level points must be between 0 and {}", ind.points));
                    }
                }
                if !levels.is_empty() && !levels.iter().any(|l| l.points == ind.points) {
                    ck.err(
                        "E_RULES_REACHABLE",
                        format!("{p}.scoring.levels"),
                        format!("没有一个档次能得满分 {}，满分无法达到", ind.points),
                        format!("no level gives the full {} points, so the scale total cannot be reached", ind.points),
                    );
                }
            }
        }
    }
    let total: Points = roots.iter().map(|&r| doc.indicators[r].points).sum();
    if !doc.indicators.is_empty() && total != doc.scale {
        ck.err(
            "E_RULES_SUM",
            "$.indicators",
            format!("一级指标合计 {total} 分，应等于满分 {}", doc.scale),
            format!("the level-1 indicators add up to {total}, but the full score is {}", doc.scale),
        );
    }
    if doc.indicators.is_empty() {
        ck.err("E_RULES_INDICATORS", "$.indicators", "指标体系为空", "there are no indicators");
    }

    // Direct grades and measures.
    for (i, d) in doc.direct_grades.iter().enumerate() {
        let p = format!("$.directGrades[{i}]");
        if !grades.contains(d.grade.as_str()) {
            ck.err("E_RULES_GRADE", format!("{p}.grade"), format!("等级“{}”不在 bands 中", d.grade), format!("grade \"{}\" is not among the bands", d.grade));
        }
        if d.event_kinds.is_empty() {
            ck.err("E_RULES_EVENT_KIND", format!("{p}.eventKinds"), "直接定级规则须列出触发的事件类型", "a direct-grade rule must list the event kinds that trigger it");
        }
        check_kinds(&mut ck, &d.event_kinds, &format!("{p}.eventKinds"));
        ck.text(&d.reason, &format!("{p}.reason"));
        ck.cite(&d.cite, &sources, &format!("{p}.cite"));
    }
    let mut measure_ids = HashSet::new();
    for (i, m) in doc.measures.iter().enumerate() {
        let p = format!("$.measures[{i}]");
        if !measure_ids.insert(m.id.as_str()) {
            ck.err("E_RULES_DUPLICATE", format!("{p}.id"), format!("措施编号“{}”重复", m.id), format!("measure id \"{}\" is used twice", m.id));
        }
        if !["incentive", "penalty", "publication"].contains(&m.kind.as_str()) {
            ck.err("E_RULES_FIELD", format!("{p}.kind"), "kind 应为 incentive、penalty 或 publication", "kind must be incentive, penalty or publication");
        }
        for (j, g) in m.grades.iter().enumerate() {
            if !grades.contains(g.as_str()) {
                ck.err("E_RULES_GRADE", format!("{p}.grades[{j}]"), format!("等级“{g}”不在 bands 中"), format!("grade \"{g}\" is not among the bands"));
            }
        }
        for (j, c) in m.classes.iter().enumerate() {
            if c != "institution" && c != "person" {
                ck.err("E_RULES_CLASS", format!("{p}.classes[{j}]"), "classes 只能含 institution、person", "classes may only contain institution and person");
            }
        }
        ck.text(&m.text, &format!("{p}.text"));
        ck.cite(&m.cite, &sources, &format!("{p}.cite"));
    }

    // Credit repair (第二十八至三十条).
    if let Some(r) = &doc.repair {
        check_repair(&mut ck, r, &sources);
    }

    // Warnings: a sample set, a source whose trial period has ended.
    if doc.sample {
        ck.warn(
            "W_RULES_SAMPLE",
            "$.sample",
            "这是示例指标（依据第十三至十五条类别编制），正式评价请使用本地医保局公布的指标",
            "this is a sample indicator set (built from the categories of articles 13-15); use the local bureau's published indicators for a real evaluation",
        );
    }

    let valid = ck.errors.is_empty();
    let leaves = children.iter().filter(|c| c.is_empty()).count();
    let mut report = CheckReport {
        valid,
        errors: ck.errors,
        warnings: ck.warnings,
        rules: None,
        indicators: Some(doc.indicators.len()),
        leaves: Some(leaves),
        compiled: None,
    };
    if valid {
        // The same assembly as a compiled rule set read back (`compiled.rs`), so the two cannot differ.
        report.compiled = CompiledRules::assemble(doc, hash, report.warnings.clone(), vec![]);
        report.rules = report.compiled.as_ref().map(CompiledRules::info);
    }
    report
}

/// Checks the `repair` section: ids unique, tests known and used once, cites known, every
/// severity present at most once per order, months in range, dates real, orders not overlapping.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十九条；国家发展改革委令第58号、第36号。
/// Whether the rule set cites 《汕尾市医疗保障信用管理办法（试行）》第十九条 for a band (by the law
/// library, or by a source of its own with that title).
fn claims_shanwei_bands(doc: &RuleSetDoc, sources: &Sources) -> bool {
    let title = crate::law::get(crate::law::SHANWEI).map_or("", |l| l.title);
    doc.bands.iter().any(|b| {
        let is_shanwei = match sources.get(b.cite.source.as_str()) {
            Some(Some(law)) => *law == crate::law::SHANWEI,
            Some(None) => doc.sources.iter().any(|s| s.id == b.cite.source && s.title.trim() == title),
            None => false,
        };
        is_shanwei && b.cite.article.contains("第十九条")
    })
}

/// The grades of 第十九条: institutions 千分制 (A ≥ 850, B ≥ 800, C ≥ 750, D ≥ 700, E below),
/// persons 百分制 (85, 80, 75, 70); 信用优秀、信用良好、信用一般、一般失信、严重失信. A and B are
/// the trustworthy side (第二十五条 incentives), C to E the other (第二十六条 punishments).
/// (`tests/law.rs` checks these figures against the article's text in `data/law/shanwei-2022.json`.)
pub const SHANWEI_BANDS: [(&str, u32, u32, &str, &str); 5] = [
    ("A", 850, 85, "信用优秀", "trustworthy"),
    ("B", 800, 80, "信用良好", "trustworthy"),
    ("C", 750, 75, "信用一般", "dishonest"),
    ("D", 700, 70, "一般失信", "dishonest"),
    ("E", 0, 0, "严重失信", "dishonest"),
];

/// A rule set citing 第十九条 for its grades: its scale and bands must be the article's.
fn check_shanwei_bands(ck: &mut Ck, doc: &RuleSetDoc, class: &str) {
    let person = class == "person";
    let scale = Points::whole(if person { 100 } else { 1000 });
    if doc.scale != scale {
        ck.err(
            "E_RULES_SCALE",
            "$.scale",
            format!("第十九条：机构类实行千分制、人员类实行百分制，此处应为 {scale}，实为 {}", doc.scale),
            format!("article 19: institutions are scored out of 1000 and persons out of 100; expected {scale}, found {}", doc.scale),
        );
    }
    let expected: Vec<String> = SHANWEI_BANDS.iter().map(|b| format!("{} ≥ {} {}", b.0, if person { b.2 } else { b.1 }, b.3)).collect();
    let listed = expected.join("，");
    if doc.bands.len() != SHANWEI_BANDS.len() {
        ck.err(
            "E_RULES_SHANWEI_BANDS",
            "$.bands",
            format!("引用第十九条的等级应为五级：{listed}；此处有 {} 级", doc.bands.len()),
            format!("bands citing article 19 must be its five: {listed}; found {}", doc.bands.len()),
        );
        return;
    }
    for (i, (b, e)) in doc.bands.iter().zip(SHANWEI_BANDS.iter()).enumerate() {
        let min = Points::whole(if person { e.2 } else { e.1 } as i64);
        if b.grade != e.0 || b.min != min || b.label.zh != e.3 || b.side != e.4 {
            ck.err(
                "E_RULES_SHANWEI_BANDS",
                format!("$.bands[{i}]"),
                format!("第十九条规定此级为 {}（下限 {min}，{}），此处为 {}（下限 {}，{}）", e.0, e.3, b.grade, b.min, b.label.zh),
                format!("article 19 sets this band as {} (from {min}, {}); found {} (from {}, {})", e.0, e.3, b.grade, b.min, b.label.zh),
            );
        }
    }
}

fn check_repair(ck: &mut Ck, r: &Repair, sources: &Sources) {
    if r.conditions.is_empty() {
        ck.err("E_RULES_REPAIR", "$.repair.conditions", "至少要列出一项修复条件（第二十九条）", "at least one repair condition is needed (article 29)");
    }
    let mut ids = HashSet::new();
    let mut tests = HashSet::new();
    for (i, c) in r.conditions.iter().enumerate() {
        let p = format!("$.repair.conditions[{i}]");
        if c.id.trim().is_empty() || !ids.insert(c.id.as_str()) {
            ck.err("E_RULES_DUPLICATE", format!("{p}.id"), format!("修复条件编号“{}”为空或重复", c.id), format!("repair condition id \"{}\" is empty or repeated", c.id));
        }
        if !REPAIR_TESTS.contains(&c.test.as_str()) {
            ck.err(
                "E_RULES_REPAIR",
                format!("{p}.test"),
                format!("未知的检查项“{}”；可选：{}", c.test, REPAIR_TESTS.join("、")),
                format!("unknown test \"{}\"; known: {}", c.test, REPAIR_TESTS.join(", ")),
            );
        } else if !tests.insert(c.test.as_str()) {
            ck.err("E_RULES_DUPLICATE", format!("{p}.test"), format!("检查项“{}”已被另一条件使用", c.test), format!("test \"{}\" is used by another condition", c.test));
        }
        ck.text(&c.text, &format!("{p}.text"));
        if let Some(t) = &c.remedy {
            ck.text(t, &format!("{p}.remedy"));
        }
        ck.cite(&c.cite, sources, &format!("{p}.cite"));
    }
    let mut mids = HashSet::new();
    for (i, m) in r.materials.iter().enumerate() {
        let p = format!("$.repair.materials[{i}]");
        if m.id.trim().is_empty() || !mids.insert(m.id.as_str()) {
            ck.err("E_RULES_DUPLICATE", format!("{p}.id"), format!("材料编号“{}”为空或重复", m.id), format!("material id \"{}\" is empty or repeated", m.id));
        }
        if let Some(t) = &m.test {
            if !t.starts_with("done.") || !REPAIR_TESTS.contains(&t.as_str()) {
                ck.err("E_RULES_REPAIR", format!("{p}.test"), format!("材料的检查项“{t}”应为 done. 开头的已知项"), format!("a material's test \"{t}\" must be a known done.* answer"));
            }
        }
        ck.text(&m.text, &format!("{p}.text"));
        ck.cite(&m.cite, sources, &format!("{p}.cite"));
    }
    if r.materials.is_empty() {
        ck.err("E_RULES_REPAIR", "$.repair.materials", "至少要列出一项申请材料（第二十九条）", "at least one material is needed (article 29)");
    }
    let mut spans: Vec<(chrono::NaiveDate, Option<chrono::NaiveDate>, usize)> = vec![];
    let mut pids = HashSet::new();
    for (i, n) in r.national_periods.iter().enumerate() {
        let p = format!("$.repair.nationalPeriods[{i}]");
        if n.id.trim().is_empty() || !pids.insert(n.id.as_str()) {
            ck.err("E_RULES_DUPLICATE", format!("{p}.id"), format!("期限规则编号“{}”为空或重复", n.id), format!("period rule id \"{}\" is empty or repeated", n.id));
        }
        ck.text(&n.order, &format!("{p}.order"));
        ck.cite(&n.cite, sources, &format!("{p}.cite"));
        if let Some(t) = &n.notes {
            ck.text(t, &format!("{p}.notes"));
        }
        if n.runs_from != "decisionDate" && n.runs_from != "publicationDate" {
            ck.err("E_RULES_REPAIR", format!("{p}.runsFrom"), "runsFrom 应为 decisionDate 或 publicationDate", "runsFrom must be decisionDate or publicationDate");
        }
        let from = match dates::parse_date(&n.effective_from, "effectiveFrom") {
            Ok(d) => Some(d),
            Err(e) => {
                ck.err("E_RULES_DATE", format!("{p}.effectiveFrom"), e.zh, e.en);
                None
            }
        };
        let to = match &n.effective_to {
            None => None,
            Some(t) => match dates::parse_date(t, "effectiveTo") {
                Ok(d) => Some(d),
                Err(e) => {
                    ck.err("E_RULES_DATE", format!("{p}.effectiveTo"), e.zh, e.en);
                    None
                }
            },
        };
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                ck.err("E_RULES_DATE", format!("{p}.effectiveTo"), format!("失效日期 {t} 早于生效日期 {f}"), format!("effectiveTo {t} is before effectiveFrom {f}"));
            }
        }
        if let Some(f) = from {
            spans.push((f, to, i));
        }
        let mut sev = HashSet::new();
        for (j, s) in n.by_severity.iter().enumerate() {
            let q = format!("{p}.bySeverity[{j}]");
            if !["minor", "general", "serious"].contains(&s.severity.as_str()) {
                ck.err("E_RULES_REPAIR", format!("{q}.severity"), "severity 应为 minor（轻微）、general（一般）或 serious（严重）", "severity must be minor, general or serious");
            } else if !sev.insert(s.severity.as_str()) {
                ck.err("E_RULES_DUPLICATE", format!("{q}.severity"), format!("严重程度“{}”重复", s.severity), format!("severity \"{}\" is repeated", s.severity));
            }
            for (f, v) in [("minMonths", s.min_months), ("maxMonths", s.max_months)] {
                if v.is_some_and(|m| m > 120) {
                    ck.err("E_RULES_REPAIR", format!("{q}.{f}"), "月数应在 0 至 120 之间", "months must be between 0 and 120");
                }
            }
            if let (Some(a), Some(b)) = (s.min_months, s.max_months) {
                if a > b {
                    ck.err("E_RULES_REPAIR", format!("{q}.minMonths"), format!("最短公示期 {a} 个月长于最长公示期 {b} 个月"), format!("the minimum ({a} months) is longer than the maximum ({b} months)"));
                }
            }
            if let Some(t) = &s.note {
                ck.text(t, &format!("{q}.note"));
            }
        }
    }
    crate::sort::sort(&mut spans);
    for w in spans.windows(2) {
        let (_, to_a, _) = w[0];
        let (from_b, _, ib) = w[1];
        if to_a.map_or(true, |t| t >= from_b) {
            ck.err(
                "E_RULES_REPAIR",
                format!("$.repair.nationalPeriods[{ib}].effectiveFrom"),
                "两项国家期限规则的有效期重叠：同一申请日只能适用一项",
                "two national period rules overlap: only one may apply on a given application date",
            );
        }
    }
}
