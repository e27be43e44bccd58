//! The law library (`data/law/`, issue 15 points 1–3): each file's shape; the Shanwei measures'
//! and the Qinhuangdao plan's texts are those of the source documents (`../shared/seeds/`,
//! compared here, not copied from the tool's output); every citation of the shipped rule sets
//! resolves; the trial period of 第三十四条 is told by every command that rests on the measures, on
//! screen and on paper; the direct E grade of the serious-dishonesty list cites the province.

use serde_json::{json, Value};
use std::path::PathBuf;
use yibao_credit::api;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn law(id: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(format!("data/law/{id}.json"))).unwrap()).unwrap()
}

fn seed(name: &str) -> String {
    let p = root().join("../shared/seeds").join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{} (the source documents sit beside the project in ../shared): {e}", p.display()))
}

/// Text without line breaks, spaces and the word processor's bookmark marks.
fn flat(s: &str) -> String {
    let mut t = s.to_string();
    while let Some(i) = t.find("[bookmark: ") {
        let j = t[i..].find(']').map_or(t.len(), |j| i + j + 1);
        t.replace_range(i..j, "");
    }
    t.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_law_file_has_its_shape() {
    let mut ids = vec![];
    for e in std::fs::read_dir(root().join("data/law")).unwrap() {
        let p = e.unwrap().path();
        let d: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        let id = d["id"].as_str().unwrap().to_string();
        assert_eq!(p.file_stem().unwrap().to_str().unwrap(), id);
        assert_eq!(d["format"], "yibao-credit-law");
        assert_eq!(d["formatVersion"], 1);
        let title = d["title"].as_str().unwrap();
        assert!(!title.is_empty() && !d["titleEn"].as_str().unwrap().is_empty(), "{id}");
        assert!(["national", "province", "city", "plan"].contains(&d["level"].as_str().unwrap()), "{id}");
        assert!(!d["certainty"]["zh"].as_str().unwrap().is_empty() && !d["certainty"]["en"].as_str().unwrap().is_empty(), "{id}: says what is certain");
        for a in d["articles"].as_array().unwrap() {
            let verified = a["verified"].as_bool().unwrap();
            // A verified article has its text; one that is not has what secondary sources say,
            // marked as such, and no text.
            if verified {
                assert!(!a["text"].as_str().unwrap().is_empty(), "{id} {}", a["id"]);
            } else {
                assert!(a["text"].is_null(), "{id} {}: no text unless verified", a["id"]);
                let gist = a["gist"]["zh"].as_str().unwrap();
                assert!(gist.starts_with("（据"), "{id} {}: the gist says where it comes from: {gist}", a["id"]);
            }
            for word in ["条次待核", "待核", ".txt", "seeds"] {
                assert!(!a.to_string().contains(word), "{id}: {word}");
            }
        }
        for f in ["published", "inForce", "trialUntil", "validUntil", "repealed"] {
            if let Some(s) = d[f].as_str() {
                assert!(chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(), "{id}.{f}");
            }
        }
        ids.push(id);
    }
    for e in std::fs::read_dir(root().join("data/law")).unwrap() {
        let d: Value = serde_json::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap();
        for f in ["replacedBy"] {
            if let Some(r) = d[f].as_str() {
                assert!(ids.iter().any(|i| i == r), "{} replacedBy {r}", d["id"]);
            }
        }
    }
    assert!(ids.len() >= 10);
}

#[test]
fn shanwei_articles_are_the_measures_own_text() {
    let text = flat(&seed("003_a6a36f3ea7b7ee5d.txt"));
    let d = law("shanwei-2022");
    let arts = d["articles"].as_array().unwrap();
    assert_eq!(arts.len(), 34, "第一条至第三十四条");
    for (i, a) in arts.iter().enumerate() {
        let label = a["label"]["zh"].as_str().unwrap();
        assert_eq!(a["id"], json!((i + 1).to_string()));
        let whole = format!("{label}{}", flat(a["text"].as_str().unwrap()));
        assert!(text.contains(&whole), "{label}: not the text of the measures");
        assert_eq!(a["verified"], true);
    }
    // Each article's text ends where the next article (or a chapter heading) begins.
    let a19 = flat(arts[18]["text"].as_str().unwrap());
    assert!(a19.starts_with("机构类信用主体的信用评价实行“千分制”管理"));
    assert!(a19.ends_with("分别为信用优秀、信用良好、信用一般、一般失信、严重失信。"), "{a19}");
    // 第三十四条: in force 2022-12-15, a two-year trial.
    assert_eq!(arts[33]["text"], "本办法自2022年12月15日起施行，试行两年。");
    assert_eq!(d["inForce"], "2022-12-15");
    assert_eq!(d["trialUntil"], "2024-12-14");
    // The attachments' titles as the measures list them.
    for a in d["attachments"].as_array().unwrap() {
        assert!(text.contains(&format!("{}.{}", a["id"].as_str().unwrap(), a["title"]["zh"].as_str().unwrap())), "{a}");
    }
}

#[test]
fn qinhuangdao_sections_are_the_plans_own_text() {
    let text = flat(&seed("000_459a73f671c8d689.txt"));
    let d = law("qinhuangdao-2023");
    for a in d["articles"].as_array().unwrap() {
        let body = flat(a["text"].as_str().unwrap());
        assert!(text.contains(&body), "{}", a["id"]);
        assert!(text.contains(&flat(a["heading"].as_str().unwrap())), "{}", a["id"]);
    }
    assert_eq!(d["published"], "2023-02-27");
}

#[test]
fn the_civil_code_articles_are_verbatim() {
    let d = law("civil-code-2020");
    let a = |id: &str| d["articles"].as_array().unwrap().iter().find(|a| a["id"] == id).unwrap()["text"].as_str().unwrap().to_string();
    assert!(a("201").starts_with("按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算。"));
    assert_eq!(a("202"), "按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日。");
    assert!(a("203").starts_with("期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日。"));
}

fn run(cmd: &str, input: Value) -> Value {
    serde_json::from_str(&api::call(cmd, &input.to_string()).unwrap_or_else(|e| panic!("{cmd}: {}", e.to_json()))).unwrap()
}

fn trial_noted(v: &Value) -> bool {
    v.as_array().unwrap().iter().any(|n| n["zh"].as_str().unwrap_or("").contains("试行期已于 2024-12-14 届满"))
}

#[test]
fn the_trial_period_is_told_by_every_command() {
    // deadline, timeline: the warnings; before the end of the trial: none.
    // (A timeline whose later steps fall after 2024-12-14 says so too: those steps rest on the measures.)
    for (from, noted) in [("2024-11-01", false), ("2024-12-15", true), ("2026-09-30", true)] {
        let d = run("deadline", json!({"kind": "objection-filing", "from": from}));
        assert_eq!(trial_noted(&d["warnings"]), noted, "deadline {from}");
        let t = run("timeline", json!({"process": "objection", "from": from}));
        assert_eq!(trial_noted(&t["warnings"]), noted, "timeline {from}");
        let t = run("timeline", json!({"process": "repair", "from": from}));
        assert_eq!(trial_noted(&t["warnings"]), noted, "timeline repair {from}");
        let o = run("objection", json!({"publicationDate": from}));
        assert_eq!(trial_noted(&o["warnings"]), noted, "objection {from}");
    }
    // A deadline of the Qinhuangdao plan or of the Civil Code alone: not the Shanwei trial.
    let d = run("deadline", json!({"kind": "double-publicity", "from": "2026-09-30"}));
    assert!(!trial_noted(&d["warnings"]));
    // repair: the application date.
    let repair = json!({
        "subject": {"type": "retail-pharmacy", "name": "某药房"},
        "record": {"kind": "admin-penalty", "severity": "general", "decisionDate": "2025-06-15", "publicationDate": "2025-06-20"},
        "applicationDate": "2026-04-01"
    });
    assert!(trial_noted(&run("repair", repair)["notes"]));
    // batch: the summary.
    let b = api::call("batch", &json!({"type": "retail-pharmacy", "asOf": "2026-11-23", "csv": "名称,统一社会信用代码\n某药房,91110000600037341L\n"}).to_string()).unwrap();
    let b: Value = serde_json::from_str(&b).unwrap();
    assert!(trial_noted(&b["summary"]["notes"]), "{}", b["summary"]["notes"]);
    let b = api::call("batch", &json!({"type": "retail-pharmacy", "asOf": "2024-06-30", "csv": "名称,统一社会信用代码\n某药房,91110000600037341L\n"}).to_string()).unwrap();
    let b: Value = serde_json::from_str(&b).unwrap();
    assert!(b["summary"].get("notes").is_none());
    // form: on screen and on paper.
    let f = run("form", json!({"form": 1, "filledOn": "2026-11-23", "fields": {"applicant": "某药房"}}));
    assert!(trial_noted(&f["notes"]));
    assert!(f["html"].as_str().unwrap().contains("<p class=\"fm-note\">注：《汕尾市医疗保障信用管理办法（试行）》试行两年，试行期已于 2024-12-14 届满（第三十四条）"));
    let f = run("form", json!({"form": 1, "filledOn": "2024-12-01", "fields": {"applicant": "某药房"}}));
    assert!(!f["html"].as_str().unwrap().contains("fm-note"));
    // evaluate: the rule set's sources; the province's validity too (in force 2024-07-01, two years).
    let e = run("evaluate", json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23"}));
    let codes: Vec<&str> = e["warnings"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"W_SOURCE_TRIAL_ENDED") && codes.contains(&"W_SOURCE_VALIDITY_ENDED"), "{codes:?}");
    let e = run("evaluate", json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2024-11-30"}));
    let codes: Vec<&str> = e["warnings"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap()).collect();
    assert!(!codes.contains(&"W_SOURCE_TRIAL_ENDED") && !codes.contains(&"W_SOURCE_VALIDITY_ENDED"), "{codes:?}");
}

#[test]
fn the_serious_dishonesty_list_grade_cites_the_province() {
    let e = run("evaluate", json!({"subject": {"type": "physician"}, "asOf": "2026-11-23", "facts": {}, "events": [{"kind": "serious-dishonesty-list", "date": "2026-01-05"}]}));
    assert_eq!(e["grade"], "E");
    let c = &e["directGrade"]["cite"];
    assert_eq!(c["zh"], "《广东省医疗保障信用管理办法（试行）》第二十条（该条原文本工具未核实）");
    assert!(c["en"].as_str().unwrap().contains("not verified"));
    assert_eq!(c["refs"], json!([{"law": "guangdong-2024", "article": "20"}]));
    // No shipped rule set cites 第十五条 or 第十九条 of the city measures for it any more.
    for name in ["medical-institution", "retail-pharmacy", "practitioner", "insured"] {
        let d: Value = serde_json::from_str(&api::call("rules", &json!({"name": name}).to_string()).unwrap()).unwrap();
        for g in d["directGrades"].as_array().unwrap_or(&vec![]) {
            if g["eventKinds"].as_array().unwrap().iter().any(|k| k == "serious-dishonesty-list") {
                assert_eq!(g["cite"], json!({"source": "guangdong", "article": "第二十条"}), "{name}");
            }
        }
    }
}

#[test]
fn shipped_rule_sets_cite_the_library_and_never_a_placeholder() {
    for name in ["medical-institution", "retail-pharmacy", "practitioner", "insured"] {
        let text = api::call("rules", &json!({"name": name}).to_string()).unwrap();
        assert!(!text.contains("条次待核"), "{name}");
        let d: Value = serde_json::from_str(&text).unwrap();
        for s in d["sources"].as_array().unwrap() {
            assert!(s["law"].is_string(), "{name}: {s}");
            assert!(s.get("title").is_none(), "{name}: the title comes from the library");
        }
        let r = yibao_credit::rules::check_text(&text);
        assert!(r.valid, "{name}: {:?}", r.errors);
    }
}

/// The checker's figures of 第十九条 are the article's own.
#[test]
fn the_checkers_article_19_figures_are_in_the_article() {
    let d = law("shanwei-2022");
    let a19 = d["articles"][18]["text"].as_str().unwrap();
    for (grade, inst, person, label, _) in yibao_credit::rules::check::SHANWEI_BANDS {
        assert!(a19.contains(label), "{label}");
        if grade == "A" {
            assert!(a19.contains(&format!("A级（积分≥{inst}）")) && a19.contains(&format!("A级（积分≥{person}）")));
        } else if grade != "E" {
            assert!(a19.contains(&format!("{grade}级（{inst}≤积分")), "{grade} {inst}");
            assert!(a19.contains(&format!("{grade}级（{person}≤积分")), "{grade} {person}");
        } else {
            assert!(a19.contains("E级（积分＜700）") && a19.contains("E级（积分＜70）"));
        }
    }
}
