//! The one scoring engine, tested as properties over the shipped rule sets and over random valid
//! rule sets (made here, checked by the checker):
//! - a batch row and `evaluate` give the same score and grade for the same answers;
//! - `score` gives what `evaluate` gives (score, grade, complete, answers, reachable);
//! - the reachable range is exact: answering every unanswered indicator in the worst way gives
//!   `reachable.min` and its grade, in the best way `reachable.max` and its grade, and any other
//!   way a score in between;
//! - the encoded input (the JavaScript fast path) scores and explains as the ordinary one.
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条、第十九条.

use serde_json::{json, Value};
use yibao_credit::batch::{run_text, Options, MAX_ROWS_TEXT};
use yibao_credit::evaluate::{self, Encoded, EncodedMore, EvaluateInput, Scratch};
use yibao_credit::plan::LeafKind;
use yibao_credit::rules::{builtin, CompiledRules};

/// xorshift64
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len() as u64) as usize]
    }
}

/// Splits `total` (whole points) into `n` positive whole parts.
fn split(r: &mut Rng, total: u64, n: usize) -> Vec<u64> {
    let mut parts = vec![1u64; n];
    for _ in 0..total - n as u64 {
        let i = r.below(n as u64) as usize;
        parts[i] += 1;
    }
    parts
}

/// A random rule set that passes the checker: a three-level tree adding up to the scale, every
/// kind of leaf, event kinds counted by deduction and bonus leaves, direct-grade rules.
fn random_rules(r: &mut Rng, k: usize) -> Value {
    let base: Value = serde_json::from_str(builtin::BUILTIN.iter().find(|(n, _)| *n == "retail-pharmacy").unwrap().1).unwrap();
    let person = r.below(2) == 0;
    let scale: u64 = if person { 100 } else { 1000 };
    let kinds: Vec<String> = (0..1 + r.below(5)).map(|i| format!("kind-{i}")).collect();
    let mut indicators = vec![];
    let l1n = 1 + r.below(3) as usize;
    for (a, p1) in split(r, scale, l1n).into_iter().enumerate() {
        let c1 = format!("{}", a + 1);
        indicators.push(json!({"code": c1, "depth": 1, "name": {"zh": format!("一级{c1}")}, "points": p1, "cite": {"source": "shanwei", "article": "第十八条"}}));
        let l2n = (1 + r.below(3) as usize).min(p1 as usize);
        for (b, p2) in split(r, p1, l2n).into_iter().enumerate() {
            let c2 = format!("{c1}{:02}", b + 1);
            indicators.push(json!({"code": c2, "parent": c1, "depth": 2, "name": {"zh": format!("二级{c2}")}, "points": p2, "cite": {"source": "shanwei", "article": "第十八条"}}));
            let l3n = (1 + r.below(4) as usize).min(p2 as usize);
            for (c, p3) in split(r, p2, l3n).into_iter().enumerate() {
                let c3 = format!("{c2}{:02}", c + 1);
                let scoring = match r.below(5) {
                    0 => json!({"type": "yesNo", "pointsIf": r.below(4) != 0}),
                    1 => {
                        // Levels from 0 up to the points; the top one gives them all.
                        let n = 2 + r.below(3);
                        let levels: Vec<Value> = (0..n)
                            .map(|i| json!({"id": format!("l{i}"), "label": {"zh": format!("档{i}"), "en": format!("Level {i}")}, "points": p3 * (n - 1 - i) / (n - 1)}))
                            .collect();
                        json!({"type": "rating", "levels": levels})
                    }
                    2 => json!({"type": "rating"}),
                    3 => json!({"type": "deduction", "per": 1 + r.below(p3), "eventKinds": [r.pick(&kinds)]}),
                    _ => json!({"type": "bonus", "per": 1 + r.below(p3), "eventKinds": [r.pick(&kinds)]}),
                };
                indicators.push(json!({"code": c3, "parent": c2, "depth": 3, "name": {"zh": format!("三级{c3}")}, "points": p3, "scoring": scoring, "cite": {"source": "shanwei", "article": "第十八条"}}));
            }
        }
    }
    let mins: [u64; 5] = if person { [85, 80, 75, 70, 0] } else { [850, 800, 750, 700, 0] };
    // 第十九条's grades, as a rule set citing it must have them.
    let bands: Vec<Value> = ["A", "B", "C", "D", "E"]
        .iter()
        .zip(mins)
        .zip(["信用优秀", "信用良好", "信用一般", "一般失信", "严重失信"])
        .map(|((g, m), label)| json!({"grade": g, "min": m, "label": {"zh": label}, "side": if m >= mins[1] { "trustworthy" } else { "dishonest" }, "cite": {"source": "shanwei", "article": "第十九条"}}))
        .collect();
    let event_kinds: Vec<Value> =
        kinds.iter().map(|k| json!({"kind": k, "name": {"zh": format!("事件{k}")}, "nature": "adverse", "cite": {"source": "shanwei", "article": "第十五条"}})).collect();
    let direct: Vec<Value> = (0..r.below(3))
        .map(|i| json!({"id": format!("d{i}"), "eventKinds": [r.pick(&kinds)], "grade": *r.pick(&["C", "D", "E"]), "reason": {"zh": format!("直接定级{i}")}, "cite": {"source": "shanwei", "article": "第十九条"}}))
        .collect();
    let mut doc = base;
    let o = doc.as_object_mut().unwrap();
    o.insert("id".into(), json!(format!("random-{k}")));
    o.insert("sample".into(), json!(false));
    o.remove("notice");
    o.insert("subjectClass".into(), json!(if person { "person" } else { "institution" }));
    o.insert("subjectTypes".into(), json!([if person { "insured" } else { "retail-pharmacy" }]));
    o.insert("scale".into(), json!(scale));
    o.insert("bands".into(), json!(bands));
    o.insert("indicators".into(), json!(indicators));
    o.insert("eventKinds".into(), json!(event_kinds));
    o.insert("directGrades".into(), json!(direct));
    doc
}

/// Every shipped rule set and `n` random ones.
fn rule_sets(n: usize) -> Vec<CompiledRules> {
    let mut r = Rng(0x5851_F42D_4C95_7F2D);
    let mut out: Vec<CompiledRules> = builtin::NAMES.iter().map(|n| builtin::by_name(n).unwrap().clone()).collect();
    for k in 0..n {
        let doc = random_rules(&mut r, k);
        out.push(CompiledRules::from_json(&doc.to_string()).unwrap_or_else(|e| panic!("random rule set {k} refused: {e}\n{doc}")));
    }
    out
}

/// A random answer for each leaf (some unanswered), as JSON facts and as CSV cells.
fn random_answers(r: &mut Rng, rules: &CompiledRules, unanswered: u64) -> (serde_json::Map<String, Value>, Vec<String>) {
    let mut facts = serde_json::Map::new();
    let mut cells = vec![];
    for leaf in &rules.plan.leaves {
        if r.below(100) < unanswered {
            cells.push(String::new());
            continue;
        }
        let (v, cell) = match &leaf.kind {
            LeafKind::YesNo { .. } => {
                let b = r.below(2) == 0;
                (json!(b), if b { "是".to_string() } else { "否".to_string() })
            }
            LeafKind::Levels(levels) => {
                let l = r.pick(levels);
                (json!(l.id), l.label.zh.clone())
            }
            LeafKind::Free => {
                let p = r.below(leaf.points.0 as u64 + 1) as i64;
                let s = yibao_credit::points::Points(p).to_string();
                (json!(s.parse::<f64>().unwrap()), s)
            }
            LeafKind::Count { .. } => {
                let c = r.below(4);
                (json!(c), c.to_string())
            }
        };
        facts.insert(leaf.code.clone(), v);
        cells.push(cell);
    }
    (facts, cells)
}

fn input(rules: &CompiledRules, facts: serde_json::Map<String, Value>) -> EvaluateInput {
    serde_json::from_value(json!({"subject": {"type": rules.doc.subject_types[0]}, "asOf": "2025-12-31", "facts": facts})).unwrap()
}

#[test]
fn a_batch_row_and_evaluate_agree() {
    let mut r = Rng(7);
    let mut compared = 0;
    for rules in rule_sets(40) {
        let mut csv = String::from("名称,主体类型");
        for leaf in &rules.plan.leaves {
            csv.push(',');
            csv.push_str(&leaf.code);
        }
        csv.push_str("\r\n");
        let mut inputs = vec![];
        for i in 0..60 {
            let (facts, cells) = random_answers(&mut r, &rules, 15);
            csv.push_str(&format!("主体{i},{}", rules.doc.subject_types[0]));
            for c in &cells {
                csv.push(',');
                csv.push_str(c);
            }
            csv.push_str("\r\n");
            inputs.push(input(&rules, facts));
        }
        let as_of = yibao_credit::dates::parse_date("2025-12-31", "asOf").unwrap();
        let out = run_text(&rules, Options { as_of, default_type: None, allow_out_of_effect: true, max_rows: MAX_ROWS_TEXT }, &csv).unwrap();
        assert_eq!(out.rows.len(), inputs.len(), "{}", rules.doc.id);
        for (row, inp) in out.rows.iter().zip(&inputs) {
            let e = evaluate::evaluate_with(&rules, inp).unwrap();
            assert_eq!(row.4, Some(e.score), "{} row {}", rules.doc.id, row.0);
            assert_eq!(row.5.as_deref(), Some(e.grade.as_str()), "{} row {}", rules.doc.id, row.0);
            compared += 1;
        }
    }
    assert!(compared >= 2500, "{compared}");
}

#[test]
fn score_gives_what_evaluate_gives() {
    let mut r = Rng(11);
    for rules in rule_sets(30) {
        for _ in 0..40 {
            let (facts, _) = random_answers(&mut r, &rules, 30);
            let i = input(&rules, facts);
            let s = serde_json::to_value(evaluate::score(&rules, &i).unwrap()).unwrap();
            let e = serde_json::to_value(evaluate::evaluate_with(&rules, &i).unwrap()).unwrap();
            for k in ["scale", "score", "grade", "pointsGrade", "complete", "answers", "reachable"] {
                assert_eq!(s[k], e[k], "{} {k}", rules.doc.id);
            }
        }
    }
}

/// Answers every unanswered leaf of `facts` in the worst (`best` false) or the best way.
fn complete(rules: &CompiledRules, facts: &serde_json::Map<String, Value>, best: bool, r: Option<&mut Rng>) -> serde_json::Map<String, Value> {
    let mut out = facts.clone();
    let mut r = r;
    for leaf in &rules.plan.leaves {
        if out.contains_key(&leaf.code) {
            continue;
        }
        let v = match (&leaf.kind, r.as_deref_mut()) {
            (LeafKind::YesNo { points_if }, None) => json!(if best { *points_if } else { !*points_if }),
            (LeafKind::YesNo { .. }, Some(r)) => json!(r.below(2) == 0),
            (LeafKind::Levels(levels), None) => {
                let l = if best { levels.iter().max_by_key(|l| l.points) } else { levels.iter().min_by_key(|l| l.points) };
                json!(l.unwrap().id)
            }
            (LeafKind::Levels(levels), Some(r)) => json!(r.pick(levels).id),
            (LeafKind::Free, None) => json!(if best { leaf.points.to_string().parse::<f64>().unwrap() } else { 0.0 }),
            (LeafKind::Free, Some(r)) => json!(r.below(leaf.points.0 as u64 / 100 + 1)),
            (LeafKind::Count { deduction, .. }, None) => json!(if best != *deduction { 10_000 } else { 0 }),
            (LeafKind::Count { .. }, Some(r)) => json!(r.below(5)),
        };
        out.insert(leaf.code.clone(), v);
    }
    out
}

#[test]
fn the_reachable_range_is_exact() {
    let mut r = Rng(13);
    let mut partial = 0;
    for rules in rule_sets(30) {
        for _ in 0..30 {
            let (facts, _) = random_answers(&mut r, &rules, 40);
            // Direct-grade events too, sometimes (they bound both ends of the range).
            let mut i = input(&rules, facts.clone());
            if r.below(4) == 0 && !rules.doc.event_kinds.is_empty() {
                let k = &rules.doc.event_kinds[r.below(rules.doc.event_kinds.len() as u64) as usize].kind;
                i.events.push(serde_json::from_value(json!({"kind": k, "date": "2025-06-30"})).unwrap());
            }
            let s = evaluate::score(&rules, &i).unwrap();
            // A leaf answered by its listed events is answered: only the open ones are completed.
            let open: std::collections::HashSet<String> = evaluate::evaluate_with(&rules, &i).unwrap().missing.into_iter().map(|m| m.code).collect();
            let facts: serde_json::Map<String, Value> = {
                let mut f = facts.clone();
                for leaf in &rules.plan.leaves {
                    if !open.contains(&leaf.code) && !f.contains_key(&leaf.code) {
                        f.insert(leaf.code.clone(), json!(0));
                    }
                }
                f
            };
            let at = |f: serde_json::Map<String, Value>| {
                let mut j = input(&rules, f);
                j.events = i.events.clone();
                let e = evaluate::score(&rules, &j).unwrap();
                assert!(e.complete);
                e
            };
            let lo = at(complete(&rules, &facts, false, None));
            let hi = at(complete(&rules, &facts, true, None));
            assert_eq!((lo.score, &lo.grade), (s.reachable.min, &s.reachable.min_grade), "{} worst", rules.doc.id);
            assert_eq!((hi.score, &hi.grade), (s.reachable.max, &s.reachable.max_grade), "{} best", rules.doc.id);
            for _ in 0..3 {
                let any = at(complete(&rules, &facts, true, Some(&mut r)));
                assert!(any.score >= s.reachable.min && any.score <= s.reachable.max, "{}", rules.doc.id);
            }
            if !s.complete {
                partial += 1;
            } else {
                assert_eq!((s.reachable.min, s.reachable.max), (s.score, s.score));
            }
        }
    }
    assert!(partial > 300, "{partial}");
}

#[test]
fn the_encoded_input_scores_and_explains_as_the_ordinary_one() {
    let mut r = Rng(17);
    let mut scratch = Scratch::default();
    for rules in rule_sets(20) {
        for _ in 0..30 {
            let (facts, _) = random_answers(&mut r, &rules, 30);
            let mut i = input(&rules, facts.clone());
            let n_events = r.below(4);
            let mut kinds = vec![];
            let mut dates = vec![];
            for _ in 0..n_events {
                if rules.doc.event_kinds.is_empty() {
                    break;
                }
                let k = r.below(rules.doc.event_kinds.len() as u64) as usize;
                let d = format!("2025-{:02}-{:02}", 1 + r.below(12), 1 + r.below(28));
                i.events.push(serde_json::from_value(json!({"kind": rules.doc.event_kinds[k].kind, "date": d, "description": "说明"})).unwrap());
                kinds.push(k as u32);
                dates.push(d);
            }
            // Answers as the encoder writes them.
            let slots: Vec<f64> = rules
                .plan
                .leaves
                .iter()
                .map(|l| match (facts.get(&l.code), &l.kind) {
                    (None, _) => f64::NAN,
                    (Some(Value::Bool(b)), _) => f64::from(u8::from(*b)),
                    (Some(Value::String(id)), LeafKind::Levels(ls)) => ls.iter().position(|x| &x.id == id).unwrap() as f64,
                    (Some(v), _) => v.as_f64().unwrap(),
                })
                .collect();
            let dates = dates.join("|");
            let e = Encoded { slots: &slots, kinds: &kinds, dates: &dates, as_of: "2025-12-31", allow_out_of_effect: false };
            evaluate::score_encoded(&rules, &e, &mut scratch).unwrap();
            let ordinary = evaluate::score(&rules, &i).unwrap();
            let sc = &scratch.scored;
            assert_eq!((sc.total, rules.plan.grades[sc.pos].as_str()), (ordinary.score, ordinary.grade.as_str()));
            assert_eq!((sc.min, sc.max, sc.answered), (ordinary.reachable.min, ordinary.reachable.max, ordinary.answers.given));
            let descriptions = vec!["说明"; kinds.len()].join("\0");
            let more = EncodedMore { subject_type: &rules.doc.subject_types[0], code: "", descriptions: &descriptions };
            let x = evaluate::explain(&rules, &e.to_input(&rules, &more).unwrap()).unwrap();
            let y = evaluate::explain(&rules, &i).unwrap();
            assert_eq!(serde_json::to_value(&x).unwrap(), serde_json::to_value(&y).unwrap(), "{}", rules.doc.id);
        }
    }
}
