//! The six attachment forms (附件1—附件6): golden models and HTML on normal, minimal and hostile
//! input (`UPDATE_FORMS_GOLDEN=1 cargo test --test forms` rewrites `tests/golden/forms/`), the
//! computed fields, validation of each field kind, and the command line.

use serde_json::{json, Value};
use std::process::{Command, Stdio};
use yibao_credit::api;

/// The hash of the shipped retail-pharmacy rule set, as the core computes it.
fn pharmacy_hash() -> String {
    yibao_credit::rules::builtin::for_subject_type("retail-pharmacy").unwrap().hash.clone()
}

fn repair() -> Value {
    json!({
        "subject": {"type": "retail-pharmacy", "name": "汕尾市城区某某大药房", "code": "91110000600037341L",
                    "contact": "0660-3388123", "legalRepresentative": "陈某某"},
        "record": {"kind": "admin-penalty", "severity": "general", "decisionDate": "2025-03-15", "publicationDate": "2025-03-20",
                   "department": "汕尾市医疗保障局", "decisionNo": "汕医保罚〔2025〕3号", "act": "串换药品", "penalty": "罚款5000元"},
        "applicationDate": "2026-05-20",
        "corrected": true
    })
}

/// Normal input: what a pharmacy's repair check hands over, plus what only the form asks for.
fn normal(n: u8) -> Value {
    let fields = match n {
        1 => json!({"contactPerson": "李某", "reason": "该处罚已于2025年4月履行完毕，评价结果仍按未整改计分，申请复核。"}),
        2 => json!({"result": "经复核，异议成立，已更正信用评价结果。"}),
        5 => json!({"number": "汕医保不修〔2026〕1号", "deliveryDate": "2026-09-30", "handler": "王某", "handlerPhone": "0660-3210000"}),
        6 => json!({"opinion": "同意信用修复，停止公示该失信记录。", "handler": "王某"}),
        _ => json!({}),
    };
    json!({"form": n, "filledOn": "2026-11-23", "repair": repair(), "eligible": true, "fields": fields})
}

fn minimal(n: u8) -> Value {
    json!({"form": n, "filledOn": "2026-11-23"})
}

fn long_text() -> String {
    let unit = "因系统故障导致结算数据异常，已整改并补充说明；";
    let s: String = unit.chars().cycle().take(2000).collect();
    assert_eq!(s.chars().count(), 2000);
    s
}

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";

/// Hostile input: markup in every place text can come from, a 2,000-character text, 𠮷 and 龘.
fn hostile(n: u8) -> Value {
    let mut r = repair();
    r["subject"]["name"] = json!(format!("{SCRIPT}𠮷龘大药房"));
    r["subject"]["legalRepresentative"] = json!(IMG);
    r["record"]["act"] = json!(format!("{IMG}串换药品"));
    r["record"]["department"] = json!(format!("龘{SCRIPT}"));
    r["record"]["decisionNo"] = json!("'&\"<>");
    let long = long_text();
    let fields = match n {
        1 => json!({"contactPerson": IMG, "objectionInfo": long, "reason": format!("{SCRIPT}𠮷")}),
        2 => json!({"objectionContent": long, "result": format!("{IMG}龘")}),
        3 | 6 => json!({"description": long, "opinion": format!("{SCRIPT}𠮷龘")}),
        4 => json!({"authority": format!("{IMG}𠮷龘")}),
        _ => json!({"number": SCRIPT, "handler": "𠮷龘", "deliveryDate": "2026-09-30"}),
    };
    let mut fields = fields;
    if n == 3 {
        fields.as_object_mut().unwrap().remove("opinion");
    }
    json!({"form": n, "filledOn": "2026-11-23", "repair": r, "eligible": false, "fields": fields,
           "rules": {"id": format!("local{SCRIPT}"), "version": "1", "hash": IMG}})
}

fn form(input: &Value) -> Value {
    let out = api::call("form", &input.to_string()).unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_str(&out).unwrap()
}

fn field<'a>(m: &'a Value, id: &str) -> &'a Value {
    m["fields"].as_array().unwrap().iter().find(|f| f["id"] == id).unwrap_or_else(|| panic!("no field {id}"))
}

fn errors_of<'a>(m: &'a Value, id: &str) -> Vec<&'a str> {
    m["errors"].as_array().unwrap().iter().filter(|e| e["field"] == id).map(|e| e["code"].as_str().unwrap()).collect()
}

fn html(m: &Value) -> &str {
    m["html"].as_str().unwrap()
}

// ---------------------------------------------------------------------------------------------
// Golden files
// ---------------------------------------------------------------------------------------------

#[test]
fn golden_models_and_html_for_every_form() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/forms");
    let update = std::env::var("UPDATE_FORMS_GOLDEN").is_ok();
    if update {
        std::fs::create_dir_all(dir).unwrap();
    }
    let mut failures = vec![];
    let mut count = 0;
    for n in 1..=6u8 {
        for (variant, input) in [("normal", normal(n)), ("minimal", minimal(n)), ("hostile", hostile(n))] {
            let mut m = form(&input);
            let h = m["html"].as_str().unwrap().to_string();
            m.as_object_mut().unwrap().remove("html");
            let model = serde_json::to_string_pretty(&json!({"input": input, "model": m})).unwrap() + "\n";
            let page = h + "\n";
            for (path, got) in [(format!("{dir}/form{n}-{variant}.json"), model), (format!("{dir}/form{n}-{variant}.html"), page)] {
                count += 1;
                if update {
                    std::fs::write(&path, &got).unwrap();
                } else {
                    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| format!("(missing {path})"));
                    if want != got {
                        failures.push(path);
                    }
                }
            }
        }
    }
    assert_eq!(count, 36, "6 forms × 3 inputs × (model, HTML)");
    assert!(failures.is_empty(), "golden files differ (UPDATE_FORMS_GOLDEN=1 rewrites them): {failures:?}");
}

// ---------------------------------------------------------------------------------------------
// Normal input: computed fields
// ---------------------------------------------------------------------------------------------

#[test]
fn form3_is_filled_from_the_repair_check() {
    let m = form(&normal(3));
    assert_eq!(m["form"], 3);
    assert_eq!(m["title"]["zh"], "信用修复申请表");
    assert_eq!(m["valid"], true, "{}", m["errors"]);
    assert_eq!(field(&m, "name")["value"], "汕尾市城区某某大药房");
    assert_eq!(field(&m, "name")["source"], "computed");
    assert_eq!(field(&m, "code")["value"], "91110000600037341L");
    assert_eq!(field(&m, "contact")["value"], "0660-3388123");
    let d = field(&m, "description");
    assert_eq!(d["value"], "2025年3月15日，因串换药品行为被处以罚款5000元");
    assert_eq!(d["computed"], d["value"]);
    assert_eq!(field(&m, "art29")["value"], "yes");
    assert_eq!(field(&m, "art29")["display"], "符合");
    assert_eq!(field(&m, "applicationDate")["display"], "2026年5月20日");
    assert_eq!(m["rules"]["id"], "sample-retail-pharmacy");
    assert_eq!(m["rules"]["hash"], pharmacy_hash());
    let h = html(&m);
    assert!(h.starts_with("<article class=\"fm-sheet fm-form-3\""));
    assert!(h.contains("<h1 class=\"fm-title\">信用修复申请表</h1>"));
    assert!(h.contains("第二十九条规定：符合<span class=\"fm-box\">☑</span>不符合<span class=\"fm-box\">□</span>"));
    assert!(h.contains("2025年3月15日，因串换药品行为被处以罚款5000元"));
    assert!(h.contains("申请日期：<span class=\"fm-fill\">2026年5月20日</span>"));
    assert!(h.contains("法定代表人（自然人）签字：<span class=\"fm-blank fm-blank-l\"></span>（盖章）"));
    assert!(h.contains(&pharmacy_hash()) && h.contains("填写日期：2026年11月23日"));
    // The official rows, in the official order.
    let order = ["失信主体基本情况", "名称", "统一社会信用代码", "联系方式", "申请修复的失信信息内容", "失信信息内容描述", "申请信用修复的理由", "本单位（本人）声明"];
    let pos: Vec<usize> = order.iter().map(|s| h.find(s).unwrap_or_else(|| panic!("{s} missing"))).collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "rows out of order: {pos:?}");
}

#[test]
fn form3_box_follows_the_eligibility_verdict() {
    let mut i = normal(3);
    i["eligible"] = json!(false);
    let m = form(&i);
    assert_eq!(field(&m, "art29")["value"], "no");
    assert!(html(&m).contains("符合<span class=\"fm-box\">□</span>不符合<span class=\"fm-box\">☑</span>"));
    i["eligible"] = Value::Null;
    let m = form(&i);
    assert_eq!(field(&m, "art29")["computed"], Value::Null);
    assert_eq!(errors_of(&m, "art29"), ["E_FORM_REQUIRED"]);
    assert!(html(&m).contains("符合<span class=\"fm-box\">□</span>不符合<span class=\"fm-box\">□</span>"));
}

#[test]
fn form4_blanks_are_filled_in_the_pledge_text() {
    let m = form(&normal(4));
    assert_eq!(m["valid"], true, "{}", m["errors"]);
    assert_eq!(field(&m, "penaltyDate")["value"], "2025-03-15");
    assert_eq!(field(&m, "authority")["value"], "汕尾市医疗保障局");
    assert_eq!(field(&m, "decisionNo")["value"], "汕医保罚〔2025〕3号");
    let h = html(&m);
    assert!(h.contains("我单位<span class=\"fm-fill\">汕尾市城区某某大药房</span>，统一社会信用代码为<span class=\"fm-fill\">91110000600037341L</span>，于<span class=\"fm-fill\">2025年3月15日</span>，被<span class=\"fm-fill\">汕尾市医疗保障局</span>给予处罚，处罚决定书文号为<span class=\"fm-fill\">汕医保罚〔2025〕3号</span>。"));
    assert!(h.contains("六、本《信用承诺书》同意在“信用汕尾”网站向社会公开。"));
    // The pledge date is left to write by hand.
    assert!(h.contains("日期：<span class=\"fm-date-blank\">　　　年　　月　　日</span>"));
}

/// 附件4 is pledged by 「我单位」: a unit stamps it (盖章) beside 承诺人; a person only signs (issue 13.8).
#[test]
fn form4_signer_has_a_seal_mark_for_a_unit_and_a_signature_for_a_person() {
    let unit = form(&normal(4));
    assert_eq!(unit["subjectClass"], "institution");
    assert!(html(&unit).contains("承诺人：<span class=\"fm-blank fm-blank-l\"></span>（盖章）"), "{}", html(&unit));
    let mut person = normal(4);
    person["repair"]["subject"]["type"] = json!("physician");
    person["repair"]["subject"]["code"] = json!("11010519491231002X");
    let person = form(&person);
    assert_eq!(person["subjectClass"], "person");
    let h = html(&person);
    assert!(h.contains("承诺人（签字）：<span class=\"fm-blank fm-blank-l\"></span>"), "{h}");
    assert!(!h.contains("盖章"), "{h}");
}

#[test]
fn form5_objection_window_is_five_working_days_from_delivery() {
    let m = form(&normal(5));
    assert_eq!(m["valid"], true, "{}", m["errors"]);
    // Delivered Wed 2026-09-30: 10-01..07 National Day; 10-08 (1), 10-09 (2), Sat 10-10 make-up day (3), 10-12 (4), 10-13 (5).
    let last = field(&m, "objectionLastDay");
    assert_eq!(last["value"], "2026-10-13");
    assert_eq!(last["source"], "computed");
    assert_eq!(last["printed"], false);
    assert_eq!(field(&m, "applicationKind")["value"], "信用修复");
    let h = html(&m);
    assert!(h.contains("我局于<span class=\"fm-fill\">2026年5月20日</span>收到你（单位）提出的<span class=\"fm-fill\">信用修复</span>申请"));
    assert!(h.contains("可以自收到本告知书之日起5个工作日内，向<span class=\"fm-fill\">汕尾市医疗保障局</span>提出异议申请。"));
    assert!(h.contains("最后一日为2026年10月13日"));
    assert!(h.contains("经办人：<span class=\"fm-fill\">王某</span>"));
    // Without a delivery date there is no last day.
    let mut i = normal(5);
    i["fields"].as_object_mut().unwrap().remove("deliveryDate");
    let m = form(&i);
    assert_eq!(field(&m, "objectionLastDay")["value"], "");
    assert!(!html(&m).contains("最后一日"));
}

#[test]
fn form6_states_how_long_the_record_was_disclosed() {
    let m = form(&normal(6));
    assert_eq!(m["valid"], true, "{}", m["errors"]);
    // 2025-03-20 → 2026-05-20: 14 whole months.
    assert_eq!(field(&m, "disclosed")["value"], "1年2个月");
    assert_eq!(field(&m, "legalRepresentative")["value"], "陈某某");
    let h = html(&m);
    assert!(h.contains("至申请日，不良信息已披露<span class=\"fm-fill\">1年2个月</span>，期间未产生新的记入信用档案的同类不良信息。"));
    assert!(h.contains("经办人：<span class=\"fm-fill\">王某</span><span class=\"fm-gap\"></span>单位（盖章）"));
    // One day short of 14 months is 13.
    let mut i = normal(6);
    i["repair"]["applicationDate"] = json!("2026-05-19");
    assert_eq!(field(&form(&i), "disclosed")["value"], "1年1个月");
}

#[test]
fn forms_1_and_2_take_the_record_as_the_objection() {
    let m = form(&normal(1));
    assert_eq!(m["valid"], true, "{}", m["errors"]);
    assert_eq!(field(&m, "applicant")["value"], "汕尾市城区某某大药房");
    assert_eq!(field(&m, "objectionInfo")["value"], "2025年3月15日，因串换药品行为被处以罚款5000元");
    let h = html(&m);
    for s in ["申请单位（人）", "联系人", "联系方式", "异议信息描述", "申请理由<br>（可附页）", "信用承诺", "备注"] {
        assert!(h.contains(&format!("<th scope=\"row\">{s}</th>")), "{s}");
    }
    assert!(h.contains("本人承诺所填写内容和提交的相关材料真实准确，否则由此产生的相应后果自负。"));
    let m = form(&normal(2));
    assert_eq!(m["valid"], true, "{}", m["errors"]);
    assert_eq!(field(&m, "bureau")["value"], "汕尾市医疗保障局");
    assert!(html(&m).contains("<span class=\"fm-fill\">汕尾市医疗保障局</span>"));
}

#[test]
fn typed_values_win_and_the_computed_value_is_kept() {
    let mut i = normal(3);
    i["fields"] = json!({"description": "2025年3月15日，因串换药品行为被处以罚款5000元并约谈", "name": ""});
    let m = form(&i);
    let d = field(&m, "description");
    assert_eq!(d["value"], "2025年3月15日，因串换药品行为被处以罚款5000元并约谈");
    assert_eq!(d["computed"], "2025年3月15日，因串换药品行为被处以罚款5000元");
    assert_eq!(d["source"], "typed");
    // A field typed empty stays empty (and is then missing).
    assert_eq!(field(&m, "name")["value"], "");
    assert_eq!(field(&m, "name")["computed"], "汕尾市城区某某大药房");
    assert_eq!(errors_of(&m, "name"), ["E_FORM_REQUIRED"]);
    assert!(html(&m).contains("（填写法人单位名称或自然人名称）"));
}

#[test]
fn the_form_names_the_rule_set_it_was_given_or_the_one_for_the_subject() {
    let mut i = normal(3);
    i["rules"] = json!({"id": "shanwei-2026", "version": "1.0", "hash": "ab".repeat(32)});
    let m = form(&i);
    assert_eq!(m["rules"]["id"], "shanwei-2026");
    assert!(html(&m).contains(&"ab".repeat(32)));
    let mut i = normal(3);
    i["repair"]["subject"]["type"] = json!("physician");
    i["repair"]["subject"]["code"] = json!("11010519491231002X");
    let m = form(&i);
    assert_eq!(m["rules"]["id"], "sample-practitioner");
    assert_eq!(m["subjectClass"], "person");
    assert_eq!(m["valid"], true, "{}", m["errors"]);
    // No repair input at all: the retail-pharmacy set.
    assert_eq!(form(&minimal(1))["rules"]["hash"], pharmacy_hash());
}

// ---------------------------------------------------------------------------------------------
// Minimal and hostile input
// ---------------------------------------------------------------------------------------------

#[test]
fn minimal_input_lists_every_missing_required_field() {
    for n in 1..=6u8 {
        let m = form(&minimal(n));
        assert_eq!(m["valid"], false);
        let required: Vec<&str> = m["fields"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["required"] == true && f["computed"].is_null())
            .map(|f| f["id"].as_str().unwrap())
            .collect();
        for id in &required {
            assert_eq!(errors_of(&m, id), ["E_FORM_REQUIRED"], "附件{n} {id}");
        }
        let h = html(&m);
        assert!(h.contains(&format!("<p class=\"fm-att\">附件{n}</p>")));
        assert!(h.contains("填写日期：2026年11月23日"));
    }
    let m = form(&minimal(3));
    assert!(html(&m).contains("（自然人填写身份证号）"));
    assert!(html(&m).contains("申请日期：<span class=\"fm-date-blank\">"));
    let e = &m["errors"].as_array().unwrap().iter().find(|e| e["field"] == "name").unwrap()["zh"];
    assert_eq!(e, "请填写“名称”");
}

#[test]
fn hostile_input_stays_text() {
    for n in 1..=6u8 {
        let m = form(&hostile(n));
        let h = html(&m);
        assert!(!h.contains("<script") && !h.contains("<img") && !h.contains("onerror=alert(1)>"), "附件{n}: {h}");
        assert!(!h.contains("style="), "no inline style");
        assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || h.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), "附件{n}");
        assert!(h.contains("𠮷") || h.contains("龘"), "附件{n}: rare characters pass through");
        assert!(h.contains("local&lt;script&gt;alert(1)&lt;/script&gt;"), "the rules id is escaped too");
        // Every tag in the output is one of ours.
        for tag in h.split('<').skip(1) {
            let name: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            assert!(
                ["article", "p", "h1", "div", "table", "colgroup", "col", "tbody", "tr", "th", "td", "span", "br", "footer"].contains(&name.as_str()),
                "unexpected tag {name} in 附件{n}"
            );
        }
    }
    // 2,000 characters are accepted and printed whole, in the smallest type.
    let m = form(&hostile(3));
    assert_eq!(errors_of(&m, "description"), Vec::<&str>::new());
    assert!(html(&m).contains(&long_text()));
    assert!(html(&m).contains("<div class=\"fm-v fm-xs\">"));
    assert_eq!(field(&m, "name")["value"], "<script>alert(1)</script>𠮷龘大药房");
    assert!(html(&m).contains("&lt;script&gt;alert(1)&lt;/script&gt;𠮷龘大药房"));
    assert!(html(&m).contains("&#39;&amp;&quot;&lt;&gt;") || m["form"] != 4);
    let m4 = form(&hostile(4));
    assert!(html(&m4).contains("处罚决定书文号为<span class=\"fm-fill\">&#39;&amp;&quot;&lt;&gt;</span>"));
}

#[test]
fn text_longer_than_allowed_is_reported_and_not_printed() {
    let mut i = normal(3);
    let long: String = "龘".repeat(2001);
    i["fields"] = json!({"description": long, "name": "𠮷".repeat(201)});
    let m = form(&i);
    assert_eq!(errors_of(&m, "description"), ["E_FORM_TOO_LONG"]);
    assert_eq!(errors_of(&m, "name"), ["E_FORM_TOO_LONG"]);
    let h = html(&m);
    assert!(h.contains(&"龘".repeat(2000)) && !h.contains(&"龘".repeat(2001)));
    assert!(h.contains(&"𠮷".repeat(200)) && !h.contains(&"𠮷".repeat(201)));
    // Two long texts together do not fit one page.
    let mut i = normal(1);
    i["fields"] = json!({"contactPerson": "李某", "objectionInfo": long_text(), "reason": "理".repeat(600)});
    let m = form(&i);
    assert_eq!(errors_of(&m, "objectionInfo"), ["E_FORM_PAGE_FULL"]);
    // A repair input text over 2,000 characters is refused outright.
    let mut i = normal(3);
    i["repair"]["record"]["act"] = json!("串".repeat(2001));
    let e = api::call("form", &i.to_string()).unwrap_err();
    assert_eq!(e.code, "E_FORM_TOO_LONG");
    assert_eq!(e.path.as_deref(), Some("$.repair.record.act"));
}

// ---------------------------------------------------------------------------------------------
// Validation by field kind
// ---------------------------------------------------------------------------------------------

fn with_fields(n: u8, fields: Value) -> Value {
    let mut i = normal(n);
    let o = i["fields"].as_object_mut().unwrap();
    for (k, v) in fields.as_object().unwrap() {
        o.insert(k.clone(), v.clone());
    }
    form(&i)
}

#[test]
fn phone_numbers() {
    for good in ["13800138000", "+86 138 0013 8000", "0660-3388123", "(0660)3388123", "020-12345678-801", "06603388123", "０６６０－３３８８１２３", "13800138000、0660-3388123"] {
        let m = with_fields(3, json!({"contact": good}));
        assert_eq!(errors_of(&m, "contact"), Vec::<&str>::new(), "{good}");
    }
    for bad in ["12345678901", "3388123", "1380013800", "0660-338812", "电话", "13800138000、"] {
        let m = with_fields(3, json!({"contact": bad}));
        assert_eq!(errors_of(&m, "contact"), ["E_FORM_PHONE"], "{bad}");
    }
    let m = with_fields(3, json!({"contact": "3388123"}));
    let zh = m["errors"][0]["zh"].as_str().unwrap();
    assert!(zh.contains("固定电话须带区号"), "{zh}");
    assert_eq!(m["errors"][0]["path"], "$.fields.contact");
}

#[test]
fn codes_by_check_character() {
    // Institution: a USCC with its check character.
    assert_eq!(errors_of(&with_fields(3, json!({"code": "91110000600037341L"})), "code"), Vec::<&str>::new());
    let m = with_fields(3, json!({"code": "91110000600037341X"}));
    assert_eq!(m["valid"], false);
    let e = m["errors"].as_array().unwrap().iter().find(|e| e["field"] == "code").unwrap();
    assert!(e["code"].as_str().unwrap().starts_with("E_"), "{e}");
    assert!(e["zh"].as_str().unwrap().starts_with("统一社会信用代码有误"), "{e}");
    // An institution with an ID number is refused; a person with one is fine.
    assert_eq!(with_fields(3, json!({"code": "11010519491231002X"}))["valid"], false);
    let mut i = normal(3);
    i["repair"]["subject"]["type"] = json!("insured");
    i["fields"] = json!({"code": "110105194912310021"});
    let m = form(&i);
    let e = m["errors"].as_array().unwrap().iter().find(|e| e["field"] == "code").unwrap();
    assert!(e["zh"].as_str().unwrap().starts_with("身份证号码有误"), "{e}");
}

#[test]
fn dates_must_exist_and_be_in_order() {
    let m = with_fields(3, json!({"applicationDate": "2026/05/20"}));
    assert_eq!(errors_of(&m, "applicationDate"), ["E_DATE_FORMAT"]);
    let m = with_fields(3, json!({"applicationDate": "2026-02-30"}));
    assert_eq!(errors_of(&m, "applicationDate"), ["E_DATE_INVALID"]);
    // The application cannot come before the decision.
    let m = with_fields(3, json!({"applicationDate": "2025-03-14"}));
    assert_eq!(errors_of(&m, "applicationDate"), ["E_FORM_DATE_ORDER"]);
    let zh = m["errors"][0]["zh"].as_str().unwrap();
    assert_eq!(zh, "日期顺序有误：申请日期（2025年3月14日）早于处罚决定日期（2025年3月15日）");
    assert_eq!(errors_of(&with_fields(4, json!({"pledgeDate": "2025-01-01"})), "pledgeDate"), ["E_FORM_DATE_ORDER"]);
    assert_eq!(errors_of(&with_fields(5, json!({"signDate": "2026-05-19"})), "signDate"), ["E_FORM_DATE_ORDER"]);
    assert_eq!(errors_of(&with_fields(5, json!({"signDate": "2026-09-30", "deliveryDate": "2026-09-29"})), "deliveryDate"), ["E_FORM_DATE_ORDER"]);
    // Published before the application: 附件6 cannot say how long.
    let mut i = normal(6);
    i["repair"]["applicationDate"] = json!("2025-03-19");
    let m = form(&i);
    assert_eq!(field(&m, "disclosed")["value"], "");
    assert_eq!(errors_of(&m, "disclosed"), ["E_FORM_REQUIRED"]);
    // A malformed date in the repair input is reported with its path, the form still renders.
    let mut i = normal(3);
    i["repair"]["record"]["decisionDate"] = json!("2025-3-15");
    let m = form(&i);
    let e = &m["errors"][0];
    assert_eq!(e["code"], "E_DATE_FORMAT");
    assert_eq!(e["path"], "$.repair.record.decisionDate");
    assert_eq!(field(&m, "description")["computed"], Value::Null);
    // No fill date.
    let m = form(&json!({"form": 1}));
    assert!(m["errors"].as_array().unwrap().iter().any(|e| e["code"] == "E_FORM_FILLED_ON"));
    assert!(html(&m).contains("填写日期：—"));
}

#[test]
fn choice_text_and_multiline_fields() {
    assert_eq!(errors_of(&with_fields(3, json!({"art29": "maybe"})), "art29"), ["E_FORM_CHOICE"]);
    let m = with_fields(3, json!({"art29": "no"}));
    assert_eq!(field(&m, "art29")["display"], "不符合");
    assert_eq!(field(&m, "art29")["source"], "typed");
    assert_eq!(errors_of(&with_fields(1, json!({"contactPerson": "  "})), "contactPerson"), ["E_FORM_REQUIRED"]);
    assert_eq!(errors_of(&with_fields(1, json!({"reason": "理".repeat(2001)})), "reason"), ["E_FORM_TOO_LONG"]);
    // Line breaks in a multi-line text are kept (the sheet shows them with pre-wrap).
    let m = with_fields(1, json!({"reason": "第一行\n第二行\r\n第三行"}));
    assert!(html(&m).contains("第一行\n第二行\n第三行"));
}

#[test]
fn wrong_shapes_are_refused() {
    let err = |v: Value| api::call("form", &v.to_string()).unwrap_err();
    assert_eq!(err(json!({"form": 7})).code, "E_FORM_UNKNOWN");
    assert_eq!(err(json!({"form": "x"})).code, "E_FORM_UNKNOWN");
    let e = err(json!({"form": 3, "fields": {"nmae": "x"}}));
    assert_eq!(e.code, "E_FORM_FIELD_UNKNOWN");
    assert_eq!(e.path.as_deref(), Some("$.fields.nmae"));
    assert_eq!(err(json!({"form": 3, "fields": {"name": 5}})).code, "E_INPUT_JSON");
    assert_eq!(err(json!({"form": 3, "extra": 1})).code, "E_INPUT_JSON");
    assert_eq!(err(json!({"form": 3, "eligible": "perhaps"})).code, "E_INPUT_JSON");
    assert!(api::call("form", "{").is_err());
    // "form": "3" (as the CLI passes it) is the same as 3.
    let a = api::call("form", &json!({"form": "3", "filledOn": "2026-11-23"}).to_string()).unwrap();
    let b = api::call("form", &json!({"form": 3, "filledOn": "2026-11-23"}).to_string()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn forms_lists_the_six_with_their_fields() {
    let v: Value = serde_json::from_str(&api::call("forms", "").unwrap()).unwrap();
    let titles: Vec<&str> = v.as_array().unwrap().iter().map(|f| f["title"]["zh"].as_str().unwrap()).collect();
    assert_eq!(titles, ["异议信息处理申请表", "异议信息处理结果反馈单", "信用修复申请表", "信用修复承诺书", "不予信用修复告知书", "信用修复确认通知书"]);
    let f3 = &v[2];
    assert_eq!(f3["attachment"], "附件3");
    let ids: Vec<&str> = f3["fields"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["name", "code", "contact", "description", "art29", "applicationDate"]);
    assert_eq!(f3["fields"][1]["kind"], "uscc-or-id");
    assert_eq!(f3["fields"][3]["maxLength"], 2000);
    assert_eq!(f3["fields"][4]["options"][0]["zh"], "符合");
    assert!(f3["fields"][3]["computedFrom"]["zh"].as_str().unwrap().contains("xxxx年xx月xx日"));
}

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

fn cli(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_yibao-credit"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (o.status.code().unwrap_or(-1), String::from_utf8(o.stdout).unwrap(), String::from_utf8(o.stderr).unwrap())
}

#[test]
fn cli_prints_the_model_and_with_html_the_same_html() {
    let dir = std::env::temp_dir().join(format!("yibao-forms-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("repair-form.json");
    let mut input = normal(3);
    input.as_object_mut().unwrap().remove("form");
    std::fs::write(&file, input.to_string()).unwrap();
    let f = file.to_str().unwrap();

    let (code, out, err) = cli(&["form", "3", "--input", f]);
    assert_eq!(code, 0, "{err}");
    let m: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(m["form"], 3);
    assert_eq!(field(&m, "description")["value"], "2025年3月15日，因串换药品行为被处以罚款5000元");
    input["form"] = json!("3");
    assert_eq!(out.trim_end(), api::call("form", &input.to_string()).unwrap());

    let (code, page, _) = cli(&["form", "3", "--input", f, "--html"]);
    assert_eq!(code, 0);
    assert_eq!(page.trim_end(), m["html"].as_str().unwrap());
    assert!(page.starts_with("<article class=\"fm-sheet fm-form-3\""));

    // The same file gives 附件4 too.
    let (code, page4, _) = cli(&["form", "4", "--html", "--input", f]);
    assert_eq!(code, 0);
    assert!(page4.contains("信用修复承诺书"));

    let (code, _, err) = cli(&["form", "9", "--input", f]);
    assert_eq!(code, 2);
    assert!(err.contains("E_FORM_UNKNOWN"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn form_and_repair_accept_the_same_repair_input_shape() {
    // One shape for both commands (the page hands its saved repair input to the forms as-is):
    // a misspelt key is refused by both, at the same place, rather than silently ignored by one.
    let bad = serde_json::json!({"subject": {"type": "retail-pharmacy", "nmae": "某药房"}, "record": {}});
    let r = yibao_credit::api::call("repair", &bad.to_string()).unwrap_err();
    assert_eq!(r.code, "E_INPUT_JSON");
    assert!(r.en.contains("nmae"));
    let f = yibao_credit::api::call("form", &serde_json::json!({"form": 3, "filledOn": "2026-11-23", "repair": bad}).to_string()).unwrap_err();
    assert_eq!(f.code, "E_INPUT_JSON");
    assert_eq!(f.path.as_deref(), Some("$.repair.subject"));
    assert!(f.en.contains("nmae"));
    // And the well-formed input is read the same way: the record sentence comes from it.
    let good = serde_json::json!({"form": 3, "filledOn": "2026-11-23", "repair": {
        "subject": {"type": "retail-pharmacy", "name": "  某药房  "},
        "record": {"decisionDate": "2025-03-15", "act": "串换药品", "penalty": "罚款5000元"}}});
    let out: serde_json::Value = serde_json::from_str(&yibao_credit::api::call("form", &good.to_string()).unwrap()).unwrap();
    let field = |id: &str| out["fields"].as_array().unwrap().iter().find(|f| f["id"] == id).unwrap()["value"].clone();
    assert_eq!(field("name"), "某药房");
    assert_eq!(field("description"), "2025年3月15日，因串换药品行为被处以罚款5000元");
}

#[test]
fn form5_last_day_in_a_year_without_a_notice_is_warned_on_paper() {
    // Issue 15, points 11 and 12. Delivered Tue 2026-12-29: 12-30 (1), 12-31 (2), then
    // 2027-01-01 is 元旦 — a statutory holiday though the 2027 notice is not out — and a weekend:
    // 01-04 (3), 01-05 (4), 01-06 (5). (Counting Monday to Friday only, it ended on 01-05.)
    let mut i = normal(5);
    i["fields"]["deliveryDate"] = json!("2026-12-29");
    let m = form(&i);
    assert_eq!(field(&m, "objectionLastDay")["value"], "2027-01-06");
    assert_eq!(m["warnings"][0]["code"], "W_YEAR_NOT_COVERED");
    assert_eq!(m["warnings"][0]["year"], 2027);
    let h = html(&m);
    // The printed date is marked, and the warning is printed right under it, in plain words.
    assert!(h.contains("最后一日为2027年1月6日※（第三十条、附件5）。</p><p class=\"fm-cal-warn\">※ 尚无2027年放假通知："), "{h}");
    assert!(h.contains("已计入《全国年节及纪念日放假办法》规定的法定节假日和周末，未计入通知才确定的连休放假日和调休上班日，通知发布后可能变动"));
    assert_eq!(m["valid"], true, "a warning, not an error: the form can be printed");

    // A typed last day that relies on 2027 is warned too (the foot prints it).
    let mut t = normal(5);
    t["fields"]["deliveryDate"] = json!("2026-12-20");
    t["fields"]["objectionLastDay"] = json!("2027-01-04");
    let m = form(&t);
    assert_eq!(m["warnings"][0]["year"], 2027);
    assert!(html(&m).contains("最后一日为2027年1月4日※"));

    // With the 2027 notice loaded (point 12: a bureau loads it without a release): no warning,
    // the notice decides (here it also gives 01-04 off), and the paper says nothing more.
    let y2027 = json!({"year": 2027, "papers": ["https://example.invalid/2027"], "days": [
        {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
        {"name": "元旦", "date": "2027-01-04", "isOffDay": true}]});
    let mut i2 = i.clone();
    i2["holidays"] = y2027.clone();
    let m = form(&i2);
    assert_eq!(field(&m, "objectionLastDay")["value"], "2027-01-07");
    assert!(m.get("warnings").is_none());
    assert!(!html(&m).contains("fm-cal-warn") && !html(&m).contains('※'));

    // Within a year that has its notice: no warning (the golden 附件5 is unchanged).
    let m = form(&normal(5));
    assert!(m.get("warnings").is_none());
    // Other forms print no computed date: never a warning.
    let mut i6 = normal(6);
    i6["repair"]["applicationDate"] = json!("2027-01-01");
    assert!(form(&i6).get("warnings").is_none());
    // A bad holiday file is refused as such, at its path.
    let mut bad = normal(5);
    bad["holidays"] = json!({"year": 2027, "days": []});
    let e = api::call("form", &bad.to_string()).unwrap_err();
    assert_eq!((e.code, e.path.as_deref()), ("E_HOLIDAY_DATA", Some("$.holidays.days")));

    // The command line: `form 5 --holidays FILE`.
    let dir = std::env::temp_dir().join(format!("yibao-forms-cal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("form5.json");
    std::fs::write(&input, i.to_string()).unwrap();
    let notice = dir.join("2027.json");
    std::fs::write(&notice, y2027.to_string()).unwrap();
    let (code, page, err) = cli(&["form", "5", "--input", input.to_str().unwrap(), "--html"]);
    assert_eq!(code, 0, "{err}");
    assert!(page.contains("fm-cal-warn"));
    let (code, page, err) = cli(&["form", "5", "--input", input.to_str().unwrap(), "--holidays", notice.to_str().unwrap(), "--html"]);
    assert_eq!(code, 0, "{err}");
    assert!(page.contains("最后一日为2027年1月7日（") && !page.contains("fm-cal-warn"));
    std::fs::remove_dir_all(&dir).ok();
}

/// A date field's message names the field in the message's own language (issue 13.6).
#[test]
fn a_wrong_date_is_named_in_each_language() {
    let m = with_fields(3, json!({"applicationDate": "1900-01-01"}));
    let e = m["errors"].as_array().unwrap().iter().find(|e| e["field"] == "applicationDate").expect("an error on the date");
    assert!(e["zh"].as_str().unwrap().starts_with("申请日期"), "{e}");
    let en = e["en"].as_str().unwrap();
    assert!(en.starts_with("Date of application"), "{en}");
    assert!(!en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{en}");
}

// ---------------------------------------------------------------------------------------------
// Issue 15 point 10: the instructions the template prints beside 名称 and 统一社会信用代码
// ---------------------------------------------------------------------------------------------

/// The text of attachment `n` in the Shanwei measures as published (`../shared/seeds/`).
fn seed_attachment(n: u8) -> String {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds/003_a6a36f3ea7b7ee5d.txt");
    let s = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}"));
    let start = s.find(&format!("\n附件{n}\n")).unwrap_or_else(|| panic!("附件{n} in the seed"));
    let rest = &s[start + 1..];
    let end = rest[3..].find("\n附件").map_or(rest.len(), |i| i + 3);
    rest[..end].to_string()
}

/// The instruction printed in the template right after the label `label` (a line 「（…）」).
fn seed_instruction(n: u8, label: &str) -> String {
    let a = seed_attachment(n);
    let lines: Vec<&str> = a.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let i = lines.iter().position(|l| *l == label).unwrap_or_else(|| panic!("附件{n}: no label {label}"));
    let next = lines[i + 1];
    assert!(next.starts_with('（') && next.ends_with('）'), "附件{n}: {label} is followed by {next}");
    next.to_string()
}

/// The `<th>` of the row whose label starts with `label`, and the `<td>` after it.
fn row_cells<'a>(html: &'a str, label: &str) -> (&'a str, &'a str) {
    let key = format!("<th scope=\"row\">{label}");
    let i = html.find(&key).unwrap_or_else(|| panic!("no row {label} in {html}"));
    let th_end = i + html[i..].find("</th>").unwrap();
    let td = th_end + html[th_end..].find("<td>").unwrap();
    let td_end = td + html[td..].find("</td>").unwrap();
    (&html[i..th_end], &html[td..td_end])
}

#[test]
fn attachments_3_and_6_keep_the_template_instructions_once_filled() {
    let name_hint = seed_instruction(3, "名称");
    let code_hint = seed_instruction(3, "统一社会信用代码");
    assert_eq!(name_hint, "（填写法人单位名称或自然人名称）");
    assert_eq!(code_hint, "（自然人填写身份证号）");
    // The same two instructions are printed in 附件6.
    assert_eq!(seed_instruction(6, "名称"), name_hint);
    assert_eq!(seed_instruction(6, "统一社会信用代码"), code_hint);
    let person = json!({"type": "insured", "name": "张某某", "code": "360426199101010071", "contact": "13800138000"});
    let pharmacy = repair()["subject"].clone();
    for n in [3u8, 6] {
        for (subject, name, code) in [(&person, "张某某", "360426199101010071"), (&pharmacy, "汕尾市城区某某大药房", "91110000600037341L")] {
            let mut input = normal(n);
            input["repair"]["subject"] = subject.clone();
            let m = form(&input);
            let h = html(&m);
            let (th, td) = row_cells(h, "名称");
            assert!(th.contains(&name_hint), "附件{n}: {th}");
            assert!(td.contains(name), "附件{n}: {td}");
            let (th, td) = row_cells(h, "统一社会信用代码");
            assert!(th.contains(&code_hint), "附件{n}: the filled code sits under 「统一社会信用代码{code_hint}」: {th}");
            assert!(td.contains(code) && !td.contains(&code_hint), "附件{n}: {td}");
        }
        // An empty form prints the instructions too, once each.
        let m = form(&minimal(n));
        assert_eq!(html(&m).matches(&name_hint).count(), 1, "附件{n}");
        assert_eq!(html(&m).matches(&code_hint).count(), 1, "附件{n}");
    }
}

/// Issue 15 point 5: 其他机构 and 其他个人 (第五条 “及其他主体”) get every form, filled and valid,
/// naming the rule set whose repair section the repair check used.
#[test]
fn other_institutions_and_other_persons_get_the_forms() {
    for (ty, code) in [("other-institution", "9144030071526726XG"), ("other-person", "110102199101010078")] {
        let mut r = repair();
        r["subject"]["type"] = json!(ty);
        r["subject"]["code"] = json!(code);
        let check: Value = serde_json::from_str(&api::call("repair", &json!({"subject": r["subject"].clone(), "record": r["record"].clone(), "applicationDate": "2026-05-20"}).to_string()).unwrap()).unwrap();
        for n in 1..=6u8 {
            let mut input = normal(n);
            input["repair"] = r.clone();
            let m = form(&input);
            assert_eq!(m["errors"], json!([]), "{ty} 附件{n}");
            assert_eq!(m["valid"], true, "{ty} 附件{n}");
            assert_eq!(m["rules"]["id"], check["rules"]["id"], "{ty} 附件{n}: the same rule set as the repair check");
        }
    }
}

/// Issue 15 point 6: a person identified by a passport, a permit or another valid document (第八条
/// “其他有效身份证件号码”, 第十三条 “出入境证件号码”) gets a valid 附件3 and 附件6 with the document
/// named; only the 居民身份证 is checked by GB 11643.
#[test]
fn forms_accept_every_identity_document_of_articles_8_and_13() {
    let person = |doc: Option<&str>, code: &str| {
        let mut r = repair();
        r["subject"] = json!({"type": "other-person", "name": "John Smith", "code": code, "contact": "13800138000"});
        if let Some(d) = doc {
            r["subject"]["documentType"] = json!(d);
        }
        r
    };
    for n in [3u8, 6] {
        for (doc, code, name) in [("passport", "E12345678", "出入境证件（护照等）"), ("hmt-permit", "H12345678", "港澳台居民居住证或往来通行证"), ("other", "军字第2024001号", "其他有效身份证件")] {
            let mut input = normal(n);
            input["repair"] = person(Some(doc), code);
            let m = form(&input);
            assert_eq!(m["errors"], json!([]), "附件{n} {doc}");
            assert_eq!(m["documentType"], doc);
            let (_, td) = row_cells(html(&m), "统一社会信用代码");
            assert!(td.contains(&format!("{name}：</span>{code}")), "附件{n}: {td}");
        }
        // Without a document type a person's number is read as a 居民身份证: a passport number is
        // then wrong, and the message says to choose the document type.
        let mut input = normal(n);
        input["repair"] = person(None, "E12345678");
        let m = form(&input);
        let e = m["errors"].as_array().unwrap().iter().find(|e| e["field"] == "code").expect("an error on the code");
        assert!(e["zh"].as_str().unwrap().contains("证件类型"), "{e}");
        // The 居民身份证 keeps its GB 11643 check.
        input["repair"] = person(Some("resident-id"), "36042619910102009X");
        assert_eq!(errors_of(&form(&input), "code"), ["E_ID_CHECK"]);
        input["repair"] = person(Some("resident-id"), "360426199101010071");
        let m = form(&input);
        assert_eq!(errors_of(&m, "code"), Vec::<&str>::new());
        assert!(!html(&m).contains("居民身份证："), "an ID number is printed as it is");
        // An institution is identified by its 统一社会信用代码 (第八条): a passport is reported on the code.
        let mut r = repair();
        r["subject"]["documentType"] = json!("passport");
        input["repair"] = r;
        assert_eq!(errors_of(&form(&input), "code"), ["E_DOCUMENT_TYPE"]);
    }
    // An unknown document type is a wrong input, named by its path.
    let mut input = normal(3);
    input["repair"]["subject"]["documentType"] = json!("driving-licence");
    let e = api::call("form", &input.to_string()).unwrap_err();
    assert_eq!((e.code, e.path.as_deref()), ("E_DOCUMENT_TYPE", Some("$.repair.subject.documentType")));
}
