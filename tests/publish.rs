//! The publication package (issue 14, points 7 and 9): institutions only, only the fields the
//! article discloses, the dishonest list from the rule set's labels, the objection period's last
//! day from the calendar, score details only when asked, pages that load nothing from elsewhere.
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第二十一条、第二十二条、第二十三条.

use yibao_credit::batch::template;
use yibao_credit::ident::uscc_check_char;
use yibao_credit::law;
use yibao_credit::publish::{publish, PublishInput, PublishOut};
use yibao_credit::rules::builtin;

fn uscc(first17: &str) -> String {
    format!("{first17}{}", uscc_check_char(first17).unwrap())
}

fn header() -> String {
    // (The template's first line: an example row and the columns' explanations follow it.)
    template(builtin::for_subject_type("retail-pharmacy").unwrap()).trim_start_matches('\u{feff}').lines().next().unwrap().to_string()
}

/// A pharmacy row: name, code, type, yes/no ×4, level, yes/no ×2, counts ×11, direct ×2.
fn row(name: &str, code: &str, level: &str, counts: [&str; 11], list: &str) -> String {
    format!("{name},{code},,是,是,是,是,{level},是,是,{},{list},", counts.join(","))
}

const Z: [&str; 11] = ["", "", "", "", "", "", "", "", "", "", ""];
/// 合格, two fines, two talks, one refusal: 700 points, grade D.
const D: [&str; 11] = ["", "", "2", "", "2", "", "", "", "", "1", ""];
/// 合格 and a heavy penalty: 690 points, grade E.
const E: [&str; 11] = ["", "", "2", "1", "", "", "", "", "", "", ""];

struct Codes {
    a: String,
    d: String,
    e: String,
    listed: String,
}

fn codes() -> Codes {
    Codes { a: uscc("91441500MA4W0000A"), d: uscc("91441500MA4W0000D"), e: uscc("91441500MA4W0000E"), listed: uscc("91441500MA4W0000L") }
}

fn list() -> String {
    let c = codes();
    [
        header(),
        row("优秀药店", &c.a, "优秀", Z, "否"),
        row("一般失信药店", &c.d, "合格", D, "否"),
        row("严重失信药店", &c.e, "合格", E, "否"),
        row("名单药店", &c.listed, "优秀", Z, "是"),
        row("无代码药店", "", "优秀", Z, "否"),
        row("错码药店", "91441500MA4W00000Z", "优秀", Z, "否"),
        // A person's type in an institutions' list: not graded, never published.
        format!("张三,{},医保医师,是,是,是,是,优秀,是,是,,,,,,,,,,,,否,", "440101199001011234"),
    ]
    .join("\r\n")
}

fn input(csv: &str) -> PublishInput {
    PublishInput {
        csv: Some(csv.to_string()),
        as_of: "2026-06-30".into(),
        published: "2026-09-30".into(),
        subject_type: Some("retail-pharmacy".into()),
        ..Default::default()
    }
}

fn file<'a>(out: &'a PublishOut, path: &str) -> &'a str {
    &out.files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("no {path}")).content
}

fn json(out: &PublishOut) -> serde_json::Value {
    serde_json::from_str(file(out, "data/results.json")).unwrap()
}

#[test]
fn the_package_has_its_files() {
    let out = publish(input(&list())).unwrap();
    let paths: Vec<&str> = out.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["index.html", "dishonest.html", "assets/publish.css", "assets/lookup.js", "assets/icon.svg", "data/results.json", "data/results.csv", "README.txt"]);
    assert_eq!(out.report.institutions, 4);
    assert_eq!(out.report.dishonest, 3);
}

#[test]
fn institutions_only() {
    // A rule set for persons is refused (第二十三条 publishes institutions' results).
    let e = publish(PublishInput { subject_type: Some("insured".into()), ..input("姓名,身份证号码\r\n张三,440101199001011234\r\n") }).err().unwrap();
    assert_eq!(e.code, "E_PUBLISH_PERSONS");
    assert!(e.zh.contains("第二十三条") && e.en.contains("Article 23"), "{e}");
    // A person's row in an institutions' list is in no file.
    let out = publish(input(&list())).unwrap();
    for f in &out.files {
        assert!(!f.content.contains("张三") && !f.content.contains("440101199001011234"), "{}", f.path);
    }
    let left: Vec<(&str, usize)> = out.report.left_out.iter().map(|l| (l.code, l.count)).collect();
    assert_eq!(left, [("ungraded", 1), ("no-code", 2)]);
    assert_eq!(out.report.left_out[1].rows, [6, 7]);
    for f in &out.files {
        assert!(!f.content.contains("无代码药店") && !f.content.contains("错码药店"), "{}", f.path);
    }
}

#[test]
fn only_the_fields_the_article_allows_and_no_details_by_default() {
    let out = publish(input(&list())).unwrap();
    assert!(!out.report.details);
    let j = json(&out);
    assert_eq!(j["columns"], serde_json::json!(["code", "name", "grade"]));
    let subjects = j["subjects"].as_array().unwrap();
    assert!(subjects.iter().all(|s| s.as_array().unwrap().len() == 3));
    assert_eq!(j["evaluated"], "2026-06-30");
    assert_eq!(j["published"], "2026-09-30");
    assert_eq!(j["rules"]["id"], out.report.rules.id.as_str());
    assert_eq!(j["rules"]["version"], out.report.rules.version.as_str());
    // Sorted by code: the look-up's binary search relies on it.
    let in_order: Vec<&str> = subjects.iter().map(|s| s[0].as_str().unwrap()).collect();
    let mut sorted = in_order.clone();
    sorted.sort();
    assert_eq!(in_order, sorted);
    let csv = file(&out, "data/results.csv");
    assert!(csv.starts_with("\u{feff}统一社会信用代码,机构名称,信用等级,等级名称,评价日期,公示日期,指标ID,指标版本\r\n"), "{csv}");
    // No score in the pages or the data: 950 (the good ones), 700 (D), 690 (E).
    for f in out.files.iter().filter(|f| !f.path.ends_with(".js")) {
        for score in ["950", "700", "690", "得分"] {
            assert!(!f.content.contains(score), "{} has {score}", f.path);
        }
    }
    // With details ticked: the score and the reason of a direct grade.
    let out = publish(PublishInput { details: true, ..input(&list()) }).unwrap();
    let j = json(&out);
    assert_eq!(j["columns"], serde_json::json!(["code", "name", "grade", "score", "directReason"]));
    let c = codes();
    let listed = j["subjects"].as_array().unwrap().iter().find(|s| s[0] == c.listed.as_str()).unwrap();
    assert_eq!(listed[2], "E");
    assert_eq!(listed[3], 950);
    assert!(listed[4].as_str().unwrap().contains("严重失信主体名单"));
    assert!(file(&out, "data/results.csv").contains(",得分,直接定级原因\r\n"));
    assert!(file(&out, "dishonest.html").contains("<td data-label=\"得分 Score\">700</td>"));
}

#[test]
fn identifiers_stay_text_in_excel() {
    let out = publish(input(&list())).unwrap();
    let csv = file(&out, "data/results.csv");
    let c = codes();
    assert!(csv.contains(&format!("\r\n=\"{}\",优秀药店,A,信用优秀,2026-06-30,2026-09-30,", c.a)), "{csv}");
}

#[test]
fn the_dishonest_list_is_the_grades_labelled_dishonest() {
    let c = codes();
    let out = publish(input(&list())).unwrap();
    let page = file(&out, "dishonest.html");
    for code in [&c.d, &c.e, &c.listed] {
        assert!(page.contains(code.as_str()), "{code} missing");
    }
    assert!(!page.contains(&c.a), "an A institution on the dishonest list");
    assert!(page.contains("一般失信") && page.contains("严重失信"));
    let flags: Vec<(String, bool, usize)> = out.report.grades.iter().map(|g| (g.grade.clone(), g.dishonest, g.count)).collect();
    assert_eq!(
        flags,
        [("A".into(), false, 1), ("B".into(), false, 0), ("C".into(), false, 0), ("D".into(), true, 1), ("E".into(), true, 2)]
    );
    // The labels come from the rule set: a bureau's own labels are what the page says.
    let mut doc: serde_json::Value = serde_json::from_str(&yibao_credit::api::call("rules", "{\"type\":\"retail-pharmacy\"}").unwrap()).unwrap();
    doc["bands"][3]["label"]["zh"] = "一般失信（本局用语）".into();
    doc["bands"][3]["label"]["en"] = "Dishonest (our words)".into();
    doc["id"] = "bureau-pharmacy".into();
    // The bands as a bureau's own document sets them (not 汕尾 第十九条's own words).
    doc["sources"].as_array_mut().unwrap().push(serde_json::json!({"id": "bureau", "title": "《某市医疗保障信用评价细则》"}));
    for b in doc["bands"].as_array_mut().unwrap() {
        b["cite"] = serde_json::json!({"source": "bureau", "article": "第五条"});
    }
    let rules: yibao_credit::value::Value = serde_json::from_value(doc).unwrap();
    let out = publish(PublishInput { rules: Some(rules), ..input(&list()) }).unwrap();
    let page = file(&out, "dishonest.html");
    assert!(page.contains("一般失信（本局用语）") && page.contains("Dishonest (our words)"));
    assert!(file(&out, "data/results.json").contains("一般失信（本局用语）"));
}

#[test]
fn the_objection_deadline_comes_from_the_calendar_across_a_holiday() {
    // 汕尾 第二十二条: 10 working days from 2026-09-30; 国庆节 10-01..07 off, Sat 10-10 a
    // make-up working day: the last day is Tuesday 2026-10-20.
    let out = publish(input(&list())).unwrap();
    assert_eq!(out.report.objection.due, "2026-10-20");
    for page in ["index.html", "dishonest.html"] {
        let p = file(&out, page);
        assert!(p.contains("2026年10月20日") && p.contains("2026-10-20"), "{page}");
        assert!(p.contains("星期二") && p.contains("Tuesday"), "{page}");
        assert!(p.contains("<span id=\"published\">2026-09-30</span>"), "{page}");
    }
    assert_eq!(json(&out)["objectionDue"], "2026-10-20");
    // A holiday notice loaded by the clerk moves it: make 10-19 and 10-20 days off.
    let extra: yibao_credit::value::Value = serde_json::from_value(serde_json::json!({
        "year": 2026, "papers": [], "days": [
            {"name": "国庆节", "date": "2026-10-01", "isOffDay": true}, {"name": "国庆节", "date": "2026-10-02", "isOffDay": true},
            {"name": "国庆节", "date": "2026-10-03", "isOffDay": true}, {"name": "国庆节", "date": "2026-10-04", "isOffDay": true},
            {"name": "国庆节", "date": "2026-10-05", "isOffDay": true}, {"name": "国庆节", "date": "2026-10-06", "isOffDay": true},
            {"name": "国庆节", "date": "2026-10-07", "isOffDay": true}, {"name": "国庆节", "date": "2026-10-10", "isOffDay": false},
            {"name": "测试", "date": "2026-10-19", "isOffDay": true}, {"name": "测试", "date": "2026-10-20", "isOffDay": true}
        ]
    }))
    .unwrap();
    match publish(PublishInput { holidays: Some(extra), ..input(&list()) }) {
        Ok(out) => assert_eq!(out.report.objection.due, "2026-10-22"),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn the_pages_cite_the_law_library() {
    let out = publish(input(&list())).unwrap();
    let page = file(&out, "index.html");
    for (art, zh) in [("第二十一条", "第二十一条"), ("第二十三条第（二）项", "第二十三条"), ("第二十二条、附件1", "第二十二条")] {
        let c = law::cite(law::SHANWEI, art).unwrap();
        assert!(c.zh.contains(zh));
        assert!(page.contains(&c.zh), "{art}: {}", c.zh);
        assert!(out.report.cites.contains(&c));
    }
}

#[test]
fn the_pages_load_nothing_from_elsewhere_and_escape_the_data() {
    let csv = format!("{}\r\n{}", list(), row("<script>alert(1)</script>药店", &uscc("91441500MA4W0000X"), "合格", D, "否"));
    let out = publish(input(&csv)).unwrap();
    for f in &out.files {
        // (An SVG's namespace is a name, not a request.)
        let c = &f.content.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assert!(!c.contains("http://") && !c.contains("https://") && !c.contains("//cdn"), "{}", f.path);
        if f.path.ends_with(".html") {
            assert!(!c.contains("<script>"), "{}: inline script", f.path);
            assert!(!c.contains(" style=") && !c.contains("<style"), "{}: inline style", f.path);
            assert!(!c.contains(" onclick=") && !c.contains(" onload="), "{}: inline handler", f.path);
            assert!(c.contains("Content-Security-Policy") && c.contains("script-src 'self'"), "{}", f.path);
        }
    }
    assert!(file(&out, "dishonest.html").contains("&lt;script&gt;alert(1)&lt;/script&gt;药店"));
    // The JSON is JSON, whatever the names hold.
    assert_eq!(json(&out)["subjects"].as_array().unwrap().len(), 5);
}

#[test]
fn dates_are_checked() {
    let e = publish(PublishInput { published: "2026-06-29".into(), ..input(&list()) }).err().unwrap();
    assert_eq!((e.code, e.path.as_deref()), ("E_PUBLISH_DATE", Some("$.published")));
    let e = publish(PublishInput { published: "2026-13-01".into(), ..input(&list()) }).err().unwrap();
    assert_eq!(e.path.as_deref(), Some("$.published"));
    let e = publish(input(&format!("{}\r\n{}", header(), row("无代码药店", "", "优秀", Z, "否")))).err().unwrap();
    assert_eq!(e.code, "E_PUBLISH_EMPTY");
}

#[test]
fn the_command_gives_the_same_package() {
    let i = serde_json::json!({"csv": list(), "asOf": "2026-06-30", "published": "2026-09-30", "type": "retail-pharmacy"});
    let text = yibao_credit::api::call("publish", &i.to_string()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let direct = publish(input(&list())).unwrap();
    assert_eq!(v["files"][5]["content"], file(&direct, "data/results.json"));
    assert_eq!(v["report"]["objection"]["due"], "2026-10-20");
}

#[test]
fn the_cli_writes_the_folder_and_the_zip() {
    let dir = std::env::temp_dir().join(format!("yc-publish-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // As Excel on Chinese Windows saves it: GBK, CRLF.
    let text = list();
    let (gbk, _, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad);
    let list_path = dir.join("名单.csv");
    std::fs::write(&list_path, &gbk).unwrap();
    let out_dir = dir.join("公示包");
    let zip_path = dir.join("公示包.zip");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_yibao-credit"))
        .args(["publish", "--type", "retail-pharmacy", "--date", "2026-06-30", "--published", "2026-09-30", "--input"])
        .arg(&list_path)
        .arg("--out")
        .arg(&out_dir)
        .arg("--zip")
        .arg(&zip_path)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["institutions"], 4);
    assert_eq!(report["objection"]["due"], "2026-10-20");
    let direct = publish(input(&list())).unwrap();
    let mut z = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    assert_eq!(z.len(), direct.files.len());
    for f in &direct.files {
        assert_eq!(std::fs::read_to_string(out_dir.join(&f.path)).unwrap(), f.content, "{}", f.path);
        let mut text = String::new();
        std::io::Read::read_to_string(&mut z.by_name(&f.path).unwrap(), &mut text).unwrap();
        assert_eq!(text, f.content, "{} in the zip", f.path);
    }
    // Without a date: told what is missing, in both languages.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_yibao-credit"))
        .args(["publish", "--type", "retail-pharmacy", "--published", "2026-09-30", "--input"])
        .arg(&list_path)
        .arg("--out")
        .arg(&out_dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let e: serde_json::Value = serde_json::from_slice(&o.stderr).unwrap();
    assert!(e["zh"].as_str().unwrap().contains("--date") && e["en"].as_str().unwrap().contains("--date"));
    let _ = std::fs::remove_dir_all(&dir);
}
