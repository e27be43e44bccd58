//! The publication package: from a finished batch, the files a city bureau copies to any static
//! web server — a look-up page (anyone types a 统一社会信用代码 or a name and sees that
//! institution's grade), the list of subjects graded 失信, and the data as CSV and JSON.
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第二十一条（机构类信用主体评价结果的查询服务）、
//! 第二十二条（评价结果公示之日起10个工作日内提出异议申述）、第二十三条（机构类信用主体的评价结果由
//! 市级医疗保障部门在官方网站发布；披露的信息包括（一）信用等级、（二）信用等级为失信的信用主体名单）.
//!
//! # What is published
//! - Institutions only: 第二十三条 names 机构类信用主体; a rule set for persons is refused, and
//!   rows of a person type are left out.
//! - Only graded rows with a valid code (a row without a code cannot be looked up, a row with an
//!   invalid one would publish a mistake); the rest are counted in the report, by reason.
//! - Only the fields the article's disclosure needs: name, 统一社会信用代码, grade (letter and the
//!   rule set's label), evaluation date, rule set id and version (and its SHA-256, so anyone can
//!   tell which rules graded them). The score, and the reason of a direct grade, only with
//!   `details: true` (the clerk's choice; off by default).
//! - The dishonest list (第二十三条（二）“信用等级为失信”): the grades whose label in the rule set
//!   says 失信 (一般失信 D, 严重失信 E in 第十九条); labels come from the rule set, never from code.
//! - The publication date and the last day for an objection (第二十二条: 10 working days from the
//!   publication, counted with the project's calendar, [`crate::deadline`]), with citations from
//!   the law library.
//!
//! # Files
//! `index.html` (look-up), `dishonest.html` (the list), `assets/publish.css`, `assets/lookup.js`,
//! `assets/icon.svg`,
//! `data/results.json` (sorted by code: the look-up finds a code by binary search),
//! `data/results.csv` (UTF-8 with BOM, CRLF; codes written `="…"` so Excel keeps them as text),
//! `README.txt` (how to serve it, the CSP header). The pages load nothing from another origin, use
//! no inline script or style (a strict CSP: `default-src 'none'; script-src 'self'; style-src
//! 'self'; connect-src 'self'`), and are bilingual (Chinese first).

use crate::batch::{choose_rules, options_of, BatchInput, Plan, RowOut, RowSink, Session, MAX_ROWS_TEXT};
use crate::calendar::Calendar;
use crate::error::{Error, Result};
use crate::forms::html::escape;
use crate::law::{self, Citation};
use crate::points::Points;
use crate::rules::{CompiledRules, RulesInfo, INSTITUTION_TYPES};
use crate::text::Text;
use crate::value::write_json_str;
use chrono::NaiveDate;
use serde::Serialize;

/// Input of `publish`: the batch's own inputs, the publication date, and the options.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十一至二十三条.
#[derive(serde::Deserialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct PublishInput {
    /// The CSV text of the list (as `batch` takes it).
    #[serde(default)]
    pub csv: Option<String>,
    /// The evaluation (as-of) date, `YYYY-MM-DD`.
    pub as_of: String,
    /// The day the results are published, `YYYY-MM-DD` (the objection period starts then).
    pub published: String,
    /// The subject type of rows whose type column is empty (and whose shipped rules are used when
    /// `rules` is absent).
    #[serde(default, rename = "type")]
    pub subject_type: Option<String>,
    /// A rule-set document (an object, or its JSON text); default: the shipped set for `type`.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "RuleSetDoc | string | null"))]
    pub rules: Option<crate::value::Value>,
    /// Evaluate even when the rules are not in force on `asOf`.
    #[serde(default)]
    pub allow_out_of_effect: bool,
    /// Holiday notices (holiday-cn JSON, one or a list) extending the built-in calendar.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Holidays | null"))]
    pub holidays: Option<crate::value::Value>,
    /// Publish each institution's score (and the reason of a direct grade) too. Off by default:
    /// 第二十三条 discloses the grade.
    #[serde(default)]
    pub details: bool,
}

/// One file of the package: its path inside the folder (`/`-separated) and its text.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十三条（官方网站发布）.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PackageFile {
    pub path: String,
    pub content: String,
}

/// How many institutions of a grade are published.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条、第二十三条.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PublishedGrade {
    pub grade: String,
    pub label: Text,
    /// On the dishonest list (第二十三条（二）).
    pub dishonest: bool,
    pub count: usize,
}

/// Rows of the batch not published, by reason (`code`), with the first row numbers.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十三条.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct LeftOut {
    /// `ungraded`, `no-code` (blank or invalid 统一社会信用代码), `person`.
    pub code: &'static str,
    pub zh: String,
    pub en: String,
    pub count: usize,
    /// The first [`LEFT_OUT_ROWS`] row numbers (as the spreadsheet shows them).
    pub rows: Vec<usize>,
}

/// How many row numbers a [`LeftOut`] lists.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十三条.
pub const LEFT_OUT_ROWS: usize = 20;

/// What the clerk is told about the package (not part of it).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十一至二十三条.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PublishReport {
    pub rules: RulesInfo,
    pub as_of: String,
    pub published: String,
    /// The objection period (第二十二条), computed by the calendar: its last day is `objection.due`.
    pub objection: crate::deadline::Deadline,
    /// Institutions published.
    pub institutions: usize,
    /// Institutions on the dishonest list.
    pub dishonest: usize,
    pub grades: Vec<PublishedGrade>,
    pub left_out: Vec<LeftOut>,
    /// Codes given to several names in the list (一码多赋): published as they are, check first.
    pub duplicate_codes: usize,
    pub details: bool,
    /// The citations the pages carry.
    pub cites: Vec<Citation>,
}

/// What `publish` answers: the files of the package and the clerk's report.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十一至二十三条.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PublishOut {
    pub files: Vec<PackageFile>,
    pub report: PublishReport,
}

/// One institution to publish.
struct Entry {
    code: String,
    name: String,
    pos: usize,
    score: Option<Points>,
    direct: Option<usize>,
}

/// Collects the publishable rows of a batch.
struct Collect {
    entries: Vec<Entry>,
    ungraded: (usize, Vec<usize>),
    no_code: (usize, Vec<usize>),
    person: (usize, Vec<usize>),
}

fn note(slot: &mut (usize, Vec<usize>), row: usize) {
    slot.0 += 1;
    if slot.1.len() < LEFT_OUT_ROWS {
        slot.1.push(row);
    }
}

impl RowSink for Collect {
    fn row(&mut self, _plan: &Plan, r: &RowOut<'_>) -> Result<()> {
        let Some(pos) = r.grade_pos else {
            note(&mut self.ungraded, r.row);
            return Ok(());
        };
        if !INSTITUTION_TYPES.iter().any(|t| t.0 == r.subject_type) {
            note(&mut self.person, r.row);
            return Ok(());
        }
        if r.code.is_empty() || r.problems.iter().any(|p| p.code == "E_BATCH_CODE") {
            note(&mut self.no_code, r.row);
            return Ok(());
        }
        self.entries.push(Entry { code: r.code.to_string(), name: r.name.to_string(), pos, score: r.score, direct: r.direct });
        Ok(())
    }
}

/// A grade of the rule set as the package shows it.
struct GradeOut {
    grade: String,
    label: Text,
    dishonest: bool,
}

/// Whether a grade is on the dishonest list: its label in the rule set says 失信 (第二十三条（二）
/// “信用等级为失信的信用主体名单”; 第十九条 names D 一般失信 and E 严重失信).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条、第二十三条第（二）项.
pub fn is_dishonest_label(label_zh: &str) -> bool {
    label_zh.contains("失信")
}

/// The citations of the package: 第二十一条 (look-up), 第二十三条 and its item (二) (publication, the
/// list), the objection period's own (第二十二条、附件1).
fn cites() -> [Citation; 4] {
    [
        law::cite_known(law::SHANWEI, "第二十一条"),
        law::cite_known(law::SHANWEI, "第二十三条"),
        law::cite_known(law::SHANWEI, "第二十三条第（二）项"),
        law::cite_known(law::SHANWEI, "第二十二条、附件1"),
    ]
}

/// `publish`: a batch's inputs plus `published` → the package's files and the clerk's report.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十一条、第二十二条、第二十三条.
pub fn publish(i: PublishInput) -> Result<PublishOut> {
    let rules = choose_rules(&i.rules, &i.subject_type)?;
    if rules.doc.subject_class == "person" {
        return Err(Error::new(
            "E_PUBLISH_PERSONS",
            "人员类信用主体的评价结果不公示：第二十三条规定在官方网站发布的是机构类信用主体的评价结果。请用机构类的指标和名单生成公示包",
            "results of persons are not published: Article 23 publishes the results of institutions. Use an institutions' rule set and list",
        )
        .at("$.rules"));
    }
    let b = BatchInput { csv: None, as_of: i.as_of.clone(), subject_type: i.subject_type.clone(), rules: None, allow_out_of_effect: i.allow_out_of_effect };
    let opts = options_of(&b, MAX_ROWS_TEXT)?;
    let published = crate::dates::parse_date(&i.published, "published").map_err(|e| e.at("$.published"))?;
    if published < opts.as_of {
        return Err(Error::new(
            "E_PUBLISH_DATE",
            format!("公示日期 {} 早于评价日期 {}：结果要在评价之后公示", i.published, i.as_of),
            format!("the publication date {} is before the evaluation date {}: results are published after the evaluation", i.published, i.as_of),
        )
        .at("$.published"));
    }
    let cal = Calendar::with_holidays(i.holidays.as_ref())?;
    let objection = crate::deadline::compute(&cal, crate::deadline::kind("objection-filing")?, published, None, None, None)?;
    let csv = i.csv.as_deref().ok_or_else(|| Error::new("E_BATCH_CSV", "缺少 csv（CSV 文件的文字）", "csv (the CSV text) is missing").at("$.csv"))?;
    if csv.len() > crate::batch::MAX_TEXT_BYTES {
        // The batch's own message (the same limit).
        crate::batch::run_text(&rules, opts.clone(), csv)?;
    }
    let mut s = Session::new(&rules, opts)?;
    let mut c = Collect { entries: vec![], ungraded: (0, vec![]), no_code: (0, vec![]), person: (0, vec![]) };
    s.push(csv.as_bytes(), &mut c)?;
    let summary = s.finish(&mut c)?;
    if c.entries.is_empty() {
        return Err(Error::new(
            "E_PUBLISH_EMPTY",
            "名单中没有可以公示的机构：没有已评定等级且统一社会信用代码有效的机构",
            "nothing to publish: no institution in the list has a grade and a valid unified social credit code",
        )
        .at("$.csv"));
    }
    c.entries.sort_by(|a, b| a.code.cmp(&b.code).then_with(|| a.name.cmp(&b.name)));

    let grades: Vec<GradeOut> = rules
        .bands_desc
        .iter()
        .map(|&k| {
            let band = &rules.doc.bands[k];
            GradeOut { grade: band.grade.clone(), label: band.label.clone(), dishonest: is_dishonest_label(&band.label.zh) }
        })
        .collect();
    let mut counts = vec![0usize; grades.len()];
    for e in &c.entries {
        counts[e.pos] += 1;
    }
    let dishonest: usize = grades.iter().zip(&counts).filter(|(g, _)| g.dishonest).map(|(_, n)| n).sum();
    let reasons: Vec<Text> = rules.plan.direct.iter().map(|d| rules.doc.direct_grades[d.rule].reason.clone()).collect();

    let cites = cites();
    let ctx = Ctx { rules: &rules, info: rules.info(), grades: &grades, reasons: &reasons, details: i.details, as_of: &i.as_of, published: &i.published, published_date: published, objection: &objection, cites: &cites };
    let files = vec![
        PackageFile { path: "index.html".into(), content: ctx.index_html() },
        PackageFile { path: "dishonest.html".into(), content: ctx.dishonest_html(&c.entries) },
        PackageFile { path: "assets/publish.css".into(), content: PUBLISH_CSS.into() },
        PackageFile { path: "assets/lookup.js".into(), content: LOOKUP_JS.into() },
        PackageFile { path: "assets/icon.svg".into(), content: ICON_SVG.into() },
        PackageFile { path: "data/results.json".into(), content: ctx.json(&c.entries) },
        PackageFile { path: "data/results.csv".into(), content: ctx.csv(&c.entries) },
        PackageFile { path: "README.txt".into(), content: ctx.readme(c.entries.len()) },
    ];

    let left = |code: &'static str, (count, rows): (usize, Vec<usize>), zh: &str, en: &str| LeftOut { code, zh: zh.into(), en: en.into(), count, rows };
    let left_out: Vec<LeftOut> = [
        left("ungraded", c.ungraded, "未评定等级（该行有错误）", "not graded (the row has an error)"),
        left("no-code", c.no_code, "统一社会信用代码为空或无效（无法查询）", "blank or invalid unified social credit code (it could not be looked up)"),
        left("person", c.person, "人员类主体（第二十三条只公示机构类主体）", "a person (Article 23 publishes institutions only)"),
    ]
    .into_iter()
    .filter(|l| l.count > 0)
    .collect();
    let report = PublishReport {
        rules: ctx.info.clone(),
        as_of: i.as_of.clone(),
        published: i.published.clone(),
        institutions: c.entries.len(),
        dishonest,
        grades: grades.iter().zip(&counts).map(|(g, &count)| PublishedGrade { grade: g.grade.clone(), label: g.label.clone(), dishonest: g.dishonest, count }).collect(),
        left_out,
        duplicate_codes: summary.duplicates.one_code_many_names.len(),
        details: i.details,
        cites: cites.to_vec(),
        objection: objection.clone(),
    };
    Ok(PublishOut { files, report })
}

/// What the files are written from.
struct Ctx<'a> {
    rules: &'a CompiledRules,
    info: RulesInfo,
    grades: &'a [GradeOut],
    reasons: &'a [Text],
    details: bool,
    as_of: &'a str,
    published: &'a str,
    published_date: NaiveDate,
    objection: &'a crate::deadline::Deadline,
    cites: &'a [Citation; 4],
}

/// The content security policy of the pages (also sent as a header by a server set up as
/// README.txt says; a `<meta>` cannot carry `frame-ancestors`).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十三条（官方网站发布）；W3C Content Security Policy Level 3.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

/// Chinese, then English in a span of its own (`lang="en"`).
fn bi(zh: &str, en: &str) -> String {
    format!("{}<span class=\"en\" lang=\"en\">{}</span>", escape(zh), escape(en))
}

impl Ctx<'_> {
    fn title(&self) -> (String, String) {
        (format!("医疗保障信用评价结果（评价日期 {}）", self.as_of), format!("Medical-insurance credit evaluation results (evaluated {})", self.as_of))
    }

    fn head(&self, zh: &str, en: &str) -> String {
        format!(
            "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<title>{} / {}</title>\n<link rel=\"icon\" href=\"assets/icon.svg\" type=\"image/svg+xml\">\n<link rel=\"stylesheet\" href=\"assets/publish.css\">\n",
            CSP,
            escape(zh),
            escape(en)
        )
    }

    /// The facts every page states: rules, dates, the objection period, the sample warning.
    fn facts(&self) -> String {
        let o = self.objection;
        let mut s = String::from("<section class=\"facts\" aria-labelledby=\"facts-h\">\n");
        s.push_str(&format!("<h2 id=\"facts-h\">{}</h2>\n<dl>\n", bi("公示信息", "About these results")));
        let row = |dt: String, dd: String| format!("<div><dt>{dt}</dt><dd>{dd}</dd></div>\n");
        s.push_str(&row(bi("公示日期", "Published on"), format!("<span id=\"published\">{}</span>", escape(self.published))));
        s.push_str(&row(bi("评价日期", "Evaluation date"), format!("<span id=\"evaluated\">{}</span>", escape(self.as_of))));
        s.push_str(&row(
            bi("评价指标", "Rule set"),
            format!("{}<br><span class=\"mono\">{} {}</span>", bi(&self.info.title.zh, if self.info.title.en.is_empty() { &self.info.title.zh } else { &self.info.title.en }), escape(&self.info.id), escape(&self.info.version)),
        ));
        s.push_str(&row(
            bi("异议截止日", "Last day for an objection"),
            format!(
                "<strong id=\"objection-due\">{}</strong>（{}）<span class=\"en\" lang=\"en\">{} ({})</span>",
                escape(&o.due_zh),
                escape(&o.due_weekday.zh),
                escape(&o.due),
                escape(&o.due_weekday.en)
            ),
        ));
        s.push_str("</dl>\n");
        s.push_str(&format!(
            "<p class=\"objection\">{}</p>\n",
            bi(
                &format!(
                    "信用主体对评价结果有异议的，可在评价结果公示之日（{}）起 10 个工作日内，即最迟于 {}（{}），向医疗保障部门提出异议申述（附件1），说明理由并提供相关证明材料。工作日已除去周末和国务院办公厅公布的节假日，并计入调休上班日。",
                    crate::dates::chinese(self.published_date),
                    o.due_zh,
                    o.due_weekday.zh
                ),
                &format!(
                    "A subject that disagrees with its result may object to the healthcare security department within 10 working days from the day the results are published ({}), that is by {} ({}) at the latest, stating its reasons with supporting evidence (Form 1). Working days leave out weekends and the public holidays announced by the State Council, and count its make-up working days.",
                    self.published, o.due, o.due_weekday.en
                ),
            )
        ));
        for w in o.warnings.iter().filter(|w| w.code == "W_YEAR_NOT_COVERED") {
            s.push_str(&format!("<p class=\"warn\">{}</p>\n", bi(&w.zh, &w.en)));
        }
        if self.info.sample {
            s.push_str(&format!(
                "<p class=\"warn\">{}</p>\n",
                bi("注意：这些结果是按本工具自带的示例指标算出的，示例指标不是任何医疗保障部门发布的正式指标。", "Note: these results were computed with the tool's sample rule set, which no healthcare security department has issued.")
            ));
        }
        s.push_str("</section>\n");
        s
    }

    fn footer(&self) -> String {
        let mut s = String::from("<footer>\n<p>");
        s.push_str(&bi("依据：", "Legal basis: "));
        s.push_str("</p>\n<ul class=\"cites\">\n");
        for c in self.cites {
            s.push_str(&format!("<li>{}</li>\n", bi(&c.zh, &c.en)));
        }
        s.push_str("</ul>\n");
        s.push_str(&format!(
            "<p class=\"muted\">{} <span class=\"mono\">{}</span></p>\n</footer>\n",
            bi("指标文件 SHA-256：", "Rule set SHA-256: "),
            escape(&self.info.hash)
        ));
        s
    }

    fn nav(&self, here: &str) -> String {
        let link = |href: &str, zh: &str, en: &str| {
            let current = if href == here { " aria-current=\"page\"" } else { "" };
            format!("<li><a href=\"{href}\"{current}>{}</a></li>", bi(zh, en))
        };
        format!(
            "<nav aria-label=\"页面 / Pages\"><ul>{}{}{}{}</ul></nav>\n",
            link("index.html", "查询", "Look up"),
            link("dishonest.html", "失信名单", "Dishonest list"),
            link("data/results.csv", "数据（CSV）", "Data (CSV)"),
            link("data/results.json", "数据（JSON）", "Data (JSON)")
        )
    }

    /// The look-up page (第二十一条): a form; assets/lookup.js reads data/results.json.
    fn index_html(&self) -> String {
        let (tz, te) = self.title();
        let mut s = self.head(&format!("查询 · {tz}"), &format!("Look up · {te}"));
        s.push_str("<script src=\"assets/lookup.js\" defer></script>\n</head>\n<body>\n");
        s.push_str("<a class=\"skip\" href=\"#q-text\">跳到查询框 / Skip to the search box</a>\n");
        s.push_str(&format!("<header>\n<h1>{}</h1>\n{}</header>\n<main>\n", bi(&tz, &te), self.nav("index.html")));
        s.push_str(&format!(
            "<section class=\"search\" aria-labelledby=\"q-h\">\n<h2 id=\"q-h\">{}</h2>\n<form id=\"q\" role=\"search\">\n<label for=\"q-text\">{}</label>\n<div class=\"row\"><input id=\"q-text\" name=\"q\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\" aria-describedby=\"q-hint\" disabled><button id=\"q-go\" type=\"submit\" disabled>{}</button></div>\n<p id=\"q-hint\" class=\"muted\">{}</p>\n</form>\n<p id=\"status\" role=\"status\" aria-live=\"polite\">{}</p>\n<noscript><p class=\"warn\">{}</p></noscript>\n<div id=\"results\" aria-live=\"polite\"></div>\n</section>\n",
            bi("查询机构信用等级", "Look up an institution's grade"),
            bi("统一社会信用代码或机构名称", "Unified social credit code or the institution's name"),
            bi("查询", "Look up"),
            bi("输入完整的18位统一社会信用代码，或名称中的几个字。", "Type the full 18-character code, or a few characters of the name."),
            bi("正在载入数据…", "Loading the data…"),
            bi("查询需要启用 JavaScript。失信名单和数据文件无需 JavaScript 即可查看。", "Looking up needs JavaScript. The dishonest list and the data files can be read without it."),
        ));
        s.push_str(&self.grades_legend());
        s.push_str(&self.facts());
        s.push_str("</main>\n");
        s.push_str(&self.footer());
        s.push_str("</body>\n</html>\n");
        s
    }

    fn grades_legend(&self) -> String {
        let mut s = format!("<section aria-labelledby=\"g-h\">\n<h2 id=\"g-h\">{}</h2>\n<ul class=\"grades\">\n", bi("信用等级", "Credit grades"));
        for g in self.grades {
            s.push_str(&format!(
                "<li><span class=\"grade g-{}\">{}</span> {}{}</li>\n",
                if g.dishonest { "bad" } else { "ok" },
                escape(&g.grade),
                bi(&g.label.zh, if g.label.en.is_empty() { &g.label.zh } else { &g.label.en }),
                if g.dishonest { format!(" <span class=\"muted\">{}</span>", bi("（列入失信名单）", " (on the dishonest list)")) } else { String::new() }
            ));
        }
        s.push_str("</ul>\n</section>\n");
        s
    }

    /// The dishonest list (第二十三条（二）): a static table per dishonest grade, worst last.
    fn dishonest_html(&self, entries: &[Entry]) -> String {
        let (tz, te) = self.title();
        let mut s = self.head(&format!("失信名单 · {tz}"), &format!("Dishonest list · {te}"));
        s.push_str("</head>\n<body>\n<a class=\"skip\" href=\"#main\">跳到正文 / Skip to the list</a>\n");
        s.push_str(&format!("<header>\n<h1>{}</h1>\n{}</header>\n<main id=\"main\">\n", bi(&format!("失信名单（{}）", self.as_of), &format!("Dishonest list (evaluated {})", self.as_of)), self.nav("dishonest.html")));
        let labels: Vec<String> = self.grades.iter().filter(|g| g.dishonest).map(|g| format!("{} {}", g.grade, g.label.zh)).collect();
        let labels_en: Vec<String> = self.grades.iter().filter(|g| g.dishonest).map(|g| format!("{} {}", g.grade, if g.label.en.is_empty() { &g.label.zh } else { &g.label.en })).collect();
        s.push_str(&format!(
            "<p>{}</p>\n",
            bi(
                &format!("信用等级为失信（{}）的机构类信用主体名单。", labels.join("、")),
                &format!("Institutions whose credit grade is dishonest ({}).", labels_en.join(", "))
            )
        ));
        for (pos, g) in self.grades.iter().enumerate().filter(|(_, g)| g.dishonest) {
            let list: Vec<&Entry> = entries.iter().filter(|e| e.pos == pos).collect();
            let en_label = if g.label.en.is_empty() { &g.label.zh } else { &g.label.en };
            s.push_str(&format!(
                "<section class=\"list\" aria-labelledby=\"l-{pos}\">\n<h2 id=\"l-{pos}\"><span class=\"grade g-bad\">{}</span> {} <span class=\"count\">{}</span></h2>\n",
                escape(&g.grade),
                bi(&g.label.zh, en_label),
                bi(&format!("（{} 家）", list.len()), &format!(" ({} institutions)", list.len()))
            ));
            if list.is_empty() {
                s.push_str(&format!("<p class=\"muted\">{}</p>\n</section>\n", bi("无。", "None.")));
                continue;
            }
            let (h_name, h_code, h_grade) = (bi("机构名称", "Name"), bi("统一社会信用代码", "Unified social credit code"), bi("信用等级", "Grade"));
            s.push_str(&format!(
                "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{h_name}</th><th scope=\"col\">{h_code}</th><th scope=\"col\">{h_grade}</th>",
                bi(&format!("{} {}", g.grade, g.label.zh), &format!("{} {}", g.grade, en_label))
            ));
            if self.details {
                s.push_str(&format!("<th scope=\"col\">{}</th><th scope=\"col\">{}</th>", bi("得分", "Score"), bi("直接定级原因", "Direct grade reason")));
            }
            s.push_str("</tr></thead>\n<tbody>\n");
            let grade_cell = format!("{} {}", escape(&g.grade), escape(&g.label.zh));
            for e in list {
                s.push_str(&format!("<tr><td data-label=\"名称 Name\">{}</td><td class=\"mono\" data-label=\"代码 Code\">{}</td><td data-label=\"等级 Grade\">{grade_cell}</td>", escape(&e.name), escape(&e.code)));
                if self.details {
                    s.push_str(&format!(
                        "<td data-label=\"得分 Score\">{}</td><td data-label=\"原因 Reason\">{}</td>",
                        e.score.map(|p| p.to_string()).unwrap_or_default(),
                        e.direct.and_then(|d| self.reasons.get(d)).map(|r| escape(&r.zh)).unwrap_or_default()
                    ));
                }
                s.push_str("</tr>\n");
            }
            s.push_str("</tbody>\n</table>\n</section>\n");
        }
        s.push_str(&self.facts());
        s.push_str("</main>\n");
        s.push_str(&self.footer());
        s.push_str("</body>\n</html>\n");
        s
    }

    /// The data as JSON: one array per institution, sorted by code (the look-up's index).
    fn json(&self, entries: &[Entry]) -> String {
        let mut s = String::with_capacity(entries.len() * 80 + 4096);
        s.push_str("{\"format\":\"yibao-credit-publication\",\"formatVersion\":1,\"published\":");
        write_json_str(&mut s, self.published);
        s.push_str(",\"evaluated\":");
        write_json_str(&mut s, self.as_of);
        s.push_str(",\"objectionDue\":");
        write_json_str(&mut s, &self.objection.due);
        s.push_str(",\"rules\":{\"id\":");
        write_json_str(&mut s, &self.info.id);
        s.push_str(",\"version\":");
        write_json_str(&mut s, &self.info.version);
        s.push_str(",\"title\":{\"zh\":");
        write_json_str(&mut s, &self.info.title.zh);
        s.push_str(",\"en\":");
        write_json_str(&mut s, &self.info.title.en);
        s.push_str("},\"hash\":");
        write_json_str(&mut s, &self.info.hash);
        s.push_str(",\"sample\":");
        s.push_str(if self.info.sample { "true" } else { "false" });
        s.push_str("},\"grades\":[");
        for (k, g) in self.grades.iter().enumerate() {
            if k > 0 {
                s.push(',');
            }
            s.push_str("{\"grade\":");
            write_json_str(&mut s, &g.grade);
            s.push_str(",\"label\":{\"zh\":");
            write_json_str(&mut s, &g.label.zh);
            s.push_str(",\"en\":");
            write_json_str(&mut s, &g.label.en);
            s.push_str("},\"dishonest\":");
            s.push_str(if g.dishonest { "true" } else { "false" });
            s.push('}');
        }
        s.push_str("],\"columns\":[\"code\",\"name\",\"grade\"");
        if self.details {
            s.push_str(",\"score\",\"directReason\"");
        }
        s.push_str("],\"subjects\":[");
        for (k, e) in entries.iter().enumerate() {
            s.push_str(if k > 0 { ",\n[" } else { "\n[" });
            write_json_str(&mut s, &e.code);
            s.push(',');
            write_json_str(&mut s, &e.name);
            s.push(',');
            write_json_str(&mut s, &self.grades[e.pos].grade);
            if self.details {
                s.push(',');
                match e.score {
                    Some(p) => s.push_str(&p.to_string()),
                    None => s.push_str("null"),
                }
                s.push(',');
                match e.direct.and_then(|d| self.reasons.get(d)) {
                    Some(r) => write_json_str(&mut s, &r.zh),
                    None => s.push_str("null"),
                }
            }
            s.push(']');
        }
        s.push_str("\n]}\n");
        s
    }

    /// The data as CSV (UTF-8 with BOM, CRLF): codes as `="…"` so Excel keeps every digit.
    fn csv(&self, entries: &[Entry]) -> String {
        let mut cols = vec!["统一社会信用代码", "机构名称", "信用等级", "等级名称", "评价日期", "公示日期", "指标ID", "指标版本"];
        if self.details {
            cols.extend(["得分", "直接定级原因"]);
        }
        let mut b: Vec<u8> = Vec::with_capacity(entries.len() * 100 + 256);
        b.extend_from_slice("\u{feff}".as_bytes());
        b.extend_from_slice(cols.join(",").as_bytes());
        b.extend_from_slice(b"\r\n");
        let mut tail = vec![];
        for f in [self.as_of, self.published, &self.info.id, &self.info.version] {
            tail.push(b',');
            crate::batch::push_field(&mut tail, f);
        }
        let cells: Vec<(Vec<u8>, Vec<u8>)> = self
            .grades
            .iter()
            .map(|g| {
                let (mut a, mut l) = (vec![], vec![]);
                crate::batch::push_field(&mut a, &g.grade);
                crate::batch::push_field(&mut l, &g.label.zh);
                (a, l)
            })
            .collect();
        for e in entries {
            push_code(&mut b, &e.code);
            b.push(b',');
            crate::batch::push_field(&mut b, &e.name);
            b.push(b',');
            b.extend_from_slice(&cells[e.pos].0);
            b.push(b',');
            b.extend_from_slice(&cells[e.pos].1);
            b.extend_from_slice(&tail);
            if self.details {
                b.push(b',');
                if let Some(p) = e.score {
                    b.extend_from_slice(p.to_string().as_bytes());
                }
                b.push(b',');
                if let Some(r) = e.direct.and_then(|d| self.reasons.get(d)) {
                    crate::batch::push_field(&mut b, &r.zh);
                }
            }
            b.extend_from_slice(b"\r\n");
        }
        String::from_utf8(b).unwrap_or_default()
    }

    fn readme(&self, n: usize) -> String {
        let _ = self.rules;
        format!(
            "医疗保障信用评价结果公示包 / Publication package of medical-insurance credit results\r\n\
             \r\n\
             评价日期 / Evaluated: {}\r\n公示日期 / Published: {}\r\n异议截止日 / Last day for an objection: {}\r\n指标 / Rule set: {} {} (SHA-256 {})\r\n机构数 / Institutions: {}\r\n\
             \r\n\
             把整个文件夹原样复制到网站服务器（任何静态网站服务器均可），打开 index.html 即可查询。\r\n\
             Copy the whole folder as it is to the web server (any static web server) and open index.html.\r\n\
             \r\n\
             页面不从其他网站加载任何内容。建议服务器对本文件夹发送以下响应头 / The pages load nothing from another site; have the server send this header for the folder:\r\n\
             Content-Security-Policy: {}; frame-ancestors 'none'\r\n\
             \r\n\
             在本机直接双击打开 index.html 时，浏览器不允许页面自动读取数据：请在页面上选择本文件夹中的 data/results.json。\r\n\
             Opened from the disk (double-click), the browser does not let the page read its data by itself: choose data/results.json of this folder on the page.\r\n",
            self.as_of, self.published, self.objection.due, self.info.id, self.info.version, self.info.hash, n, CSP
        )
    }
}

/// A code as a CSV field Excel keeps as text: `="…"` when it is letters and digits only (a
/// valid 统一社会信用代码 always is), else the plain, defused field.
/// 依据：GB 32100-2015（18位代码，末位可为字母）；RFC 4180.
pub fn push_code(out: &mut Vec<u8>, code: &str) {
    if !code.is_empty() && code.bytes().all(|c| c.is_ascii_alphanumeric()) {
        out.extend_from_slice(b"=\"");
        out.extend_from_slice(code.as_bytes());
        out.push(b'"');
    } else {
        crate::batch::push_field(out, code);
    }
}

/// The look-up page's style: phone first, no external font, print without the form.
const PUBLISH_CSS: &str = include_str!("publish/publish.css");
/// The pages' icon (a file: the CSP allows no `data:` image).
const ICON_SVG: &str = include_str!("publish/icon.svg");
/// The look-up page's script: loads data/results.json, finds a code by binary search over the
/// sorted codes, a name by a scan of the names.
const LOOKUP_JS: &str = include_str!("publish/lookup.js");
