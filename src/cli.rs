// (Included by src/bin/yibao-credit.rs.) `yibao-credit`: the command line over the same core and the same JSON as the JS API.
//
// `yibao-credit COMMAND [ARGS…] [INPUT.json|-] [--flag value …]`: every command of
// [`api::COMMANDS`] is a subcommand (the table [`SPECS`] gives each its arguments and help, in
// Chinese and English; the arguments are parsed by `clap`). The input JSON is read from the file
// (or standard input, `-`, or `--input FILE`), flags are merged into it (`--as-of 2026-11-23`
// sets `asOf`, a switch sets `true`), flags naming a file (`--rules`, `--holidays`) put that
// file's JSON in. The result is printed as JSON; an error is printed as JSON on standard error
// (`{"code","zh","en","path"?}`) with exit code 2, usage errors included. `form N --html` prints
// the form's print-ready HTML instead of the model, `batch-template` the CSV. `check-rules` exits
// 1 when the rule set has errors (the report is on standard output).
//
// Every file or stream is read with a byte bound (the command layer's limits): at most one byte
// more than the limit is read, so a huge file, `/dev/zero` or `/dev/urandom` is refused at once
// with `E_INPUT_TOO_LARGE` / `E_RULES_TOO_LARGE`. `batch` streams its CSV (see [`batch`]).

use clap::error::{ContextKind, ErrorKind};
use clap::{Arg, ArgAction, ArgMatches, Command};
use std::io::{Read, Write};
use yibao_credit::{api, Error};

fn main() {
    let code = match run(std::env::args_os()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}", e.to_json());
            2
        }
    };
    std::process::exit(code);
}

/// Parses the arguments, runs the command, prints its answer; the exit code.
fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<i32, Error> {
    let args: Vec<std::ffi::OsString> = args.into_iter().collect();
    let m = match command().try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return Ok(0);
        }
        Err(e) => return Err(usage_error(&e, args.get(1).and_then(|a| a.to_str()))),
    };
    let (name, sub) = m.subcommand().expect("a subcommand is required");
    let spec = SPECS.iter().find(|s| s.name == name).expect("every subcommand has a spec");
    match spec.takes {
        Takes::Csv => batch::run(sub).map(|()| 0),
        Takes::Package => publish::run(sub).map(|()| 0),
        Takes::RuleSet if name == "compile-rules" => compile_rules(sub.get_one::<String>("RULES").expect("required")),
        Takes::RuleSet => check_rules(sub.get_one::<String>("RULES").expect("required")),
        Takes::Json | Takes::Nothing => {
            let out = api::call(name, &build_input(spec, sub)?)?;
            if name == "batch-template" && sub.get_flag("xlsx") {
                // The template as a workbook (issue 14.5): the list and the explanation sheet.
                let v = parse_json(&out, name)?;
                let bytes = yibao_credit::excel::template_xlsx(v["csv"].as_str().unwrap_or_default(), "批量评价模板")?;
                let mut so = std::io::stdout().lock();
                let _ = so.write_all(&bytes);
                let _ = so.flush();
                return Ok(0);
            }
            print_answer(name, &out, text_field(name, sub))
        }
    }
}

/// The field of the answer printed alone, as text, and what ends it: the CSV of
/// `batch-template`, the HTML of `form --html`.
fn text_field(name: &str, m: &ArgMatches) -> Option<(&'static str, &'static str)> {
    match name {
        "batch-template" | "payment-points-template" => Some(("csv", "")),
        "form" if m.get_flag("html") => Some(("html", "\n")),
        _ => None,
    }
}

/// Prints a command's answer: the JSON, or the text of one field of it.
fn print_answer(name: &str, out: &str, field: Option<(&str, &str)>) -> Result<i32, Error> {
    let text = match field {
        Some((field, end)) => format!("{}{end}", parse_json(out, name)?[field].as_str().unwrap_or_default()),
        None => format!("{out}\n"),
    };
    let mut so = std::io::stdout().lock();
    let _ = so.write_all(text.as_bytes());
    let _ = so.flush();
    Ok(0)
}

/// `compile-rules FILE` prints the file checked and compiled (what the first screen reads);
/// a file with errors is refused with the first (exit status as for any refused input).
fn compile_rules(path: &str) -> Result<i32, Error> {
    let text = read_text(path, RULES)?;
    print_answer("compile-rules", &api::call("compile-rules", &text)?, None)
}

/// `check-rules FILE` checks the file as written, so its errors point into that file; exit 1
/// when it has errors. A file over the rule-set limit gets the report the core gives for one.
fn check_rules(path: &str) -> Result<i32, Error> {
    let out = match read_text(path, RULES) {
        Ok(text) => api::call("check-rules", &text)?,
        Err(e) if e.code == RULES.code => api::to_json(&too_large_report(e))?,
        Err(e) => return Err(e),
    };
    let valid = !out.starts_with("{\"valid\":false");
    print_answer("check-rules", &out, None)?;
    Ok(if valid { 0 } else { 1 })
}

fn too_large_report(e: Error) -> yibao_credit::rules::CheckReport {
    let p = yibao_credit::rules::Problem { code: e.code, path: None, zh: e.zh, en: e.en };
    yibao_credit::rules::CheckReport { valid: false, errors: vec![p], warnings: vec![], rules: None, indicators: None, leaves: None, compiled: None }
}

// ---------------------------------------------------------------------------------------------
// The commands and their arguments
// ---------------------------------------------------------------------------------------------

/// What a command reads besides its flags.
#[derive(Clone, Copy, PartialEq)]
enum Takes {
    /// A JSON input: `[INPUT|-]` or `--input FILE` (optional: flags may give every field).
    Json,
    /// Nothing (`forms`, `deadline-kinds`).
    Nothing,
    /// A rule-set file, checked as written (`check-rules`).
    RuleSet,
    /// A CSV file or `-`, streamed (`batch`).
    Csv,
    /// A CSV list in, a folder (and a .zip) of files out (`publish`).
    Package,
}

/// How one argument goes into the command's JSON input (under the camelCase of its name).
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// `--as-of 2026-11-23`: the text, as a string.
    Text,
    /// `--rules FILE`: the file's JSON, read within the limit.
    File(Limit),
    /// `--allow-out-of-effect`: `true`.
    Switch,
    /// `workday 2026-10-01`: a positional argument, as a string (before the optional INPUT).
    Positional,
    /// `form --html`: changes what is printed; not part of the input.
    Output,
    /// `--model national` or `--model county.json`: a value ending in `.json` (or naming an
    /// existing file) is that file's JSON, read within the limit; else the text (a shipped name).
    NameOrFile(Limit),
    /// `--csv FILE`, `--batch FILE`: the file's text (UTF-8, or GBK / GB18030 as Excel saves it), as a string.
    TextFile(Limit),
    /// `diff-rules A.json retail-pharmacy`: a positional argument read as [`Kind::NameOrFile`].
    PositionalNameOrFile(Limit),
}

/// One argument of a command: its name (kebab-case, `--as-of`), kind, value name and help.
struct Param {
    name: &'static str,
    kind: Kind,
    value: &'static str,
    help: &'static str,
}

/// One subcommand: its name (as in [`api::COMMANDS`]), help, what it reads, its arguments and an
/// example.
struct Spec {
    name: &'static str,
    about: &'static str,
    takes: Takes,
    params: &'static [Param],
    example: &'static str,
}

const fn text(name: &'static str, value: &'static str, help: &'static str) -> Param {
    Param { name, kind: Kind::Text, value, help }
}
const fn file(name: &'static str, limit: Limit, help: &'static str) -> Param {
    Param { name, kind: Kind::File(limit), value: "FILE", help }
}
const fn switch(name: &'static str, help: &'static str) -> Param {
    Param { name, kind: Kind::Switch, value: "", help }
}
const fn positional(name: &'static str, value: &'static str, help: &'static str) -> Param {
    Param { name, kind: Kind::Positional, value, help }
}

const AS_OF: Param = text("as-of", "DATE", "评价基准日（YYYY-MM-DD） / as-of date of the evaluation (YYYY-MM-DD)");
const RULES_FILE: Param = file("rules", RULES, "指标规则文件（JSON）；默认为主体类型的内置指标 / rule-set file (JSON); default: the built-in set for the subject type");
const ALLOW: Param = switch("allow-out-of-effect", "指标不在评价基准日的有效期内也评价 / evaluate even when the rules are not in force on the as-of date");
const HOLIDAYS_FILE: Param = file("holidays", HOLIDAYS, "节假日文件（holiday-cn JSON，一个或一组），补充内置日历 / holiday file (holiday-cn JSON, one or a list) extending the built-in calendar");
const TODAY: Param = text("today", "DATE", "今天（用于计算剩余天数；本工具不读系统时钟） / today (for the days left; the tool never reads the clock)");
const SHEET: Param = text("sheet", "NAME", "读取 .xlsx 工作簿中的这个工作表（默认第一个） / the sheet of an .xlsx workbook to read (default: the first)");
const OUT: Param = text("out", "FILE", "结果写入此文件：.xlsx 为 Excel 工作簿（代码为文本、等级着色、含汇总表），否则为 CSV；默认输出 CSV 到标准输出 / write the results to FILE: .xlsx makes an Excel workbook (codes as text, grades coloured, a summary sheet), anything else CSV; default: CSV on standard output");
const TYPE: Param = text("type", "TYPE", "主体类型（如 retail-pharmacy、insured） / subject type (e.g. retail-pharmacy, insured)");

/// Every command, sorted by name; the same names as [`api::COMMANDS`].
const SPECS: &[Spec] = &[
    Spec {
        name: "batch",
        about: "批量评价 CSV：逐行流式处理，结果 CSV 输出到标准输出，汇总 JSON 输出到标准错误 / Score a CSV of subjects, streamed: the result CSV on standard output, the summary JSON on standard error",
        takes: Takes::Csv,
        params: &[TYPE, RULES_FILE, AS_OF, ALLOW, SHEET, OUT],
        example: "yibao-credit batch --type retail-pharmacy --as-of 2025-12-31 药店.xlsx --out 结果.xlsx",
    },
    Spec {
        name: "batch-template",
        about: "批量评价的 CSV 模板（表头） / The CSV template (header row) of a batch",
        takes: Takes::Json,
        params: &[
            TYPE,
            RULES_FILE,
            Param { name: "xlsx", kind: Kind::Output, value: "", help: "输出 Excel 工作簿（.xlsx：名单表含示例行，另有“填写说明”表） / print an Excel workbook (.xlsx: the list with the example row, and a sheet explaining each column)" },
        ],
        example: "yibao-credit batch-template --type retail-pharmacy --xlsx > 模板.xlsx",
    },
    Spec {
        name: "calendar-month",
        about: "一个月的日历：节假日、调休、工作日 / One month of the calendar: holidays, make-up workdays, working days",
        takes: Takes::Json,
        params: &[text("year", "YEAR", "年 / year"), text("month", "MONTH", "月（1–12） / month (1–12)"), HOLIDAYS_FILE],
        example: "yibao-credit calendar-month --year 2026 --month 10",
    },
    Spec {
        name: "check-rules",
        about: "检查指标规则文件（有错误时退出码为 1，报告输出到标准输出） / Check a rule-set file (exit code 1 when it has errors; the report is on standard output)",
        takes: Takes::RuleSet,
        params: &[],
        example: "yibao-credit check-rules county.json",
    },
    Spec {
        name: "compile-rules",
        about: "检查并编译指标规则文件，输出首屏读取的编译形式（有错误时不输出，报第一处错误） / Check and compile a rule-set file into the form the first screen reads (refused with the first error if it has any)",
        takes: Takes::RuleSet,
        params: &[],
        example: "yibao-credit compile-rules county.json > county.plan.json",
    },
    Spec {
        name: "deadline",
        about: "计算期限（工作日或自然日，按国务院放假安排） / Compute a deadline (working or calendar days, by the State Council's holiday notices)",
        takes: Takes::Json,
        params: &[
            text("kind", "KIND", "期限种类（见 deadline-kinds） / deadline kind (see deadline-kinds)"),
            text("from", "DATE", "起算事件之日 / day of the event counted from"),
            text("days", "N", "天数（按天数计的种类，如 working-days） / number of days (kinds counted in days, e.g. working-days)"),
            TODAY,
            text("filed-on", "DATE", "实际办理之日（判断是否逾期） / day it was actually done (in time or late)"),
            HOLIDAYS_FILE,
        ],
        example: "yibao-credit deadline --kind objection-filing --from 2026-09-30",
    },
    Spec {
        name: "deadline-kinds",
        about: "期限种类一览 / List the deadline kinds",
        takes: Takes::Nothing,
        params: &[],
        example: "yibao-credit deadline-kinds",
    },
    Spec {
        name: "diff-rules",
        about: "比较两版指标：新增、删除、移动、调整分值的指标，等级和直接定级规则的变化，及对一份自评或一批机构等级的影响 / Compare two versions of a rule set: indicators added, removed, moved, re-weighted; bands and direct-grade rules changed; the effect on a self-assessment or a batch",
        takes: Takes::Nothing,
        params: &[
            Param { name: "a", kind: Kind::PositionalNameOrFile(RULES), value: "A", help: "旧版指标文件（JSON）或内置指标名称 / the old rule-set file (JSON) or a built-in set's name" },
            Param { name: "b", kind: Kind::PositionalNameOrFile(RULES), value: "B", help: "新版指标文件（JSON）或内置指标名称 / the new rule-set file (JSON) or a built-in set's name" },
            file("input", INPUT, "一份自评（evaluate 的输入 JSON），两版各评一次 / a self-assessment (the JSON input of evaluate) scored with both"),
            Param { name: "batch", kind: Kind::TextFile(BATCH_CSV), value: "CSV", help: "批量评价 CSV（UTF-8 或 GBK），两版各评一次 / a batch CSV (UTF-8 or GBK) scored with both" },
            AS_OF,
            TYPE,
        ],
        example: "yibao-credit diff-rules 2026.json 2027.json --batch 药店.csv --as-of 2026-12-31",
    },
    Spec {
        name: "evaluate",
        about: "评价一个主体：得分、等级、措施和计分明细 / Score a subject: score, grade, measures and trace",
        takes: Takes::Json,
        params: &[AS_OF, RULES_FILE, ALLOW],
        example: "yibao-credit evaluate input.json --as-of 2026-11-23 --rules county.json",
    },
    Spec {
        name: "form",
        about: "填写附件表格（附件1–6）：字段、错误和可打印的 HTML / Fill in an attachment form (1–6): fields, errors and print-ready HTML",
        takes: Takes::Json,
        params: &[
            positional("form", "N", "附件编号（1–6） / attachment number (1–6)"),
            text("filled-on", "DATE", "填写日期 / the day the form is filled in"),
            HOLIDAYS_FILE,
            Param { name: "html", kind: Kind::Output, value: "", help: "只输出可打印的 HTML / print only the print-ready HTML" },
        ],
        example: "yibao-credit form 3 --input repair-form.json --html > 附件3.html",
    },
    Spec {
        name: "forms",
        about: "六个附件表格及其字段 / The six attachment forms and their fields",
        takes: Takes::Nothing,
        params: &[],
        example: "yibao-credit forms",
    },
    Spec {
        name: "grade",
        about: "已知得分的等级、等级名称和措施 / The grade, its label and measures for a known score",
        takes: Takes::Json,
        params: &[
            text("scale", "SCALE", "institution（机构类，千分制）或 person（个人类，百分制） / institution (1000 points) or person (100 points)"),
            text("score", "SCORE", "得分 / the score"),
        ],
        example: "yibao-credit grade --scale institution --score 849.99",
    },
    Spec {
        name: "holiday-notices",
        about: "已收录的放假通知（内置和加载的），及无通知年份按《全国年节及纪念日放假办法》计入的法定节假日 / The holiday notices in force (built in and loaded), and the statutory holidays counted for a year without one",
        takes: Takes::Json,
        params: &[text("year", "YEAR", "要列出法定节假日的年份（默认：最后一份通知的下一年） / the year whose statutory holidays to list (default: the year after the last notice)"), HOLIDAYS_FILE],
        example: "yibao-credit holiday-notices --year 2027 [--holidays 2027.json]",
    },
    Spec {
        name: "objection",
        about: "异议期限：最后一日、是否按期、复核期限 / Objection deadlines: last day, in time or not, review due",
        takes: Takes::Json,
        params: &[
            text("publication-date", "DATE", "评价结果公示（告知）之日 / day the result was published"),
            text("filed-on", "DATE", "提出异议之日 / day the objection was filed"),
            text("received-on", "DATE", "部门收到异议之日 / day the department received it"),
            TODAY,
            HOLIDAYS_FILE,
        ],
        example: "yibao-credit objection --publication-date 2026-09-30 --filed-on 2026-10-21",
    },
    Spec {
        name: "payment-points",
        about: "医保支付资格记分：医保医师、药师一年内的记分、累计、后果及其日期 / Payment-qualification points of a doctor or pharmacist: points of the year, the total, what follows and from when",
        takes: Takes::Json,
        params: &[
            AS_OF,
            Param { name: "model", kind: Kind::NameOrFile(RULES), value: "NAME|FILE", help: "记分规则：内置名称（national、example-province）或规则文件（JSON）；默认 national / points model: a shipped name (national, example-province) or a model file (JSON); default national" },
        ],
        example: "yibao-credit payment-points records.json --as-of 2026-12-31 --model example-province",
    },
    Spec {
        name: "payment-points-batch",
        about: "医保支付资格记分（人员名单）：CSV 每行一条记分记录，按人合计，得出每人的累计、后果及其日期 / Payment-qualification points of a list of persons: a CSV with one record a row, added up per person: each one's total, what follows and from when",
        takes: Takes::Json,
        params: &[
            Param { name: "csv", kind: Kind::TextFile(INPUT), value: "FILE", help: "人员记分名单（CSV，UTF-8 或 GBK；列见 docs/points-format.md） / the list of records (CSV, UTF-8 or GBK; columns in docs/points-format.md)" },
            AS_OF,
            text("type", "TYPE", "人员类型列为空时的类型（physician 或 pharmacist；默认 physician） / the type of a person whose type cell is blank (physician or pharmacist; default physician)"),
            Param { name: "model", kind: Kind::NameOrFile(RULES), value: "NAME|FILE", help: "记分规则：内置名称（national、example-province）或规则文件（JSON）；默认 national / points model: a shipped name (national, example-province) or a model file (JSON); default national" },
        ],
        example: "yibao-credit payment-points-batch --csv 记分名单.csv --as-of 2026-12-31 --model example-province",
    },
    Spec {
        name: "payment-points-template",
        about: "医保支付资格记分人员名单的 CSV 模板 / The CSV template of the list of persons for payment-qualification points",
        takes: Takes::Nothing,
        params: &[],
        example: "yibao-credit payment-points-template > 记分名单模板.csv",
    },
    Spec {
        name: "publish",
        about: "公示包：由批量评价生成可复制到网站的查询页、失信名单和数据（只含机构类主体） / Publication package: a look-up page, the dishonest list and the data, from a batch, to copy to a web server (institutions only)",
        takes: Takes::Package,
        params: &[
            TYPE,
            RULES_FILE,
            text("input", "FILE", "名单 CSV 文件（UTF-8 或 GBK/GB18030），- 表示标准输入 / the list as CSV (UTF-8 or GBK/GB18030); - reads standard input"),
            text("date", "DATE", "评价日期（评价基准日，YYYY-MM-DD） / evaluation (as-of) date (YYYY-MM-DD)"),
            text("published", "DATE", "公示日期（YYYY-MM-DD），异议期自此日起算 / publication date (YYYY-MM-DD); the objection period runs from it"),
            text("out", "DIR", "写入公示包的文件夹（不存在则新建） / folder to write the package into (made if missing)"),
            text("zip", "FILE", "另存为一个 .zip 文件 / also write it as one .zip file"),
            switch("details", "同时公示得分和直接定级原因（默认只公示等级） / publish the score and the reason of a direct grade too (default: the grade only)"),
            HOLIDAYS_FILE,
            ALLOW,
        ],
        example: "yibao-credit publish --type retail-pharmacy --input 名单.csv --date 2026-06-30 --published 2026-09-30 --out 公示包 --zip 公示包.zip",
    },
    Spec {
        name: "repair",
        about: "信用修复评估：可否申请、最早日期、所需材料 / Assess a credit repair: eligible or not, earliest date, what is needed",
        takes: Takes::Json,
        params: &[
            text("application-date", "DATE", "申请日（部门收到申请之日） / application date (the day the department receives it)"),
            TODAY,
            RULES_FILE,
            HOLIDAYS_FILE,
        ],
        example: "yibao-credit repair repair.json --application-date 2026-06-16",
    },
    Spec {
        name: "rules",
        about: "内置指标：不带参数列出全部，带 --type 或 --name 输出一套 / Built-in rule sets: the list, or one by --type or --name",
        takes: Takes::Json,
        params: &[TYPE, text("name", "NAME", "内置指标的名称 / name of a built-in rule set")],
        example: "yibao-credit rules --type insured",
    },
    Spec {
        name: "rules-in-force",
        about: "几版指标中，评价基准日施行的是哪一版（及各版的施行期） / Of several versions of a rule set, the one in force on the as-of date (and each version's dates)",
        takes: Takes::Json,
        params: &[
            file("rules", RULES, "指标规则文件（JSON）：几版指标组成的数组，或一版 / rule-set file (JSON): an array of versions, or one"),
            AS_OF,
        ],
        example: "yibao-credit rules-in-force --rules versions.json --as-of 2026-12-02",
    },
    Spec {
        name: "score",
        about: "只计算得分和等级（精简结果） / Score a subject: score and grade only (compact answer)",
        takes: Takes::Json,
        params: &[AS_OF, RULES_FILE, ALLOW],
        example: "yibao-credit score input.json --as-of 2026-11-23",
    },
    Spec {
        name: "timeline",
        about: "信用修复或异议的期限时间线 / The timeline of deadlines of a credit repair or an objection",
        takes: Takes::Json,
        params: &[
            text("process", "PROCESS", "repair（信用修复）或 objection（异议） / repair or objection"),
            text("from", "DATE", "修复：收到申请之日；异议：公示之日 / repair: day the application was received; objection: day of publication"),
            text("subject-class", "CLASS", "institution（默认）或 person / institution (default) or person"),
            text("accepted-on", "DATE", "修复：受理之日 / repair: day the application was accepted"),
            text("decided-on", "DATE", "修复：作出决定之日 / repair: day of the decision"),
            text("outcome", "OUTCOME", "修复：repaired 或 refused / repair: repaired or refused"),
            text("refusal-received-on", "DATE", "修复被拒：收到不予修复通知之日 / refused: day the refusal notice was received"),
            text("objection-filed-on", "DATE", "修复被拒：提出异议之日 / refused: day an objection was filed"),
            text("filed-on", "DATE", "异议：提出异议之日 / objection: day it was filed"),
            text("reviewed-on", "DATE", "异议：复核答复之日 / objection: day the review answered"),
            TODAY,
            HOLIDAYS_FILE,
        ],
        example: "yibao-credit timeline --process objection --from 2026-09-30",
    },
    Spec {
        name: "validate",
        about: "校验统一社会信用代码（uscc）或居民身份证号码（id） / Check a unified social credit code (uscc) or a resident ID number (id)",
        takes: Takes::Json,
        params: &[
            positional("kind", "KIND", "uscc 或 id / uscc or id"),
            positional("value", "VALUE", "要校验的代码 / the code to check"),
            TODAY,
        ],
        example: "yibao-credit validate uscc 91110000600037341L",
    },
    Spec {
        name: "workday",
        about: "某日是否工作日，及其原因（节假日、调休） / Whether a day is a working day, and why (holiday, make-up workday)",
        takes: Takes::Json,
        params: &[positional("date", "DATE", "日期（YYYY-MM-DD） / the date (YYYY-MM-DD)"), HOLIDAYS_FILE],
        example: "yibao-credit workday 2026-10-10",
    },
];

const ARGS_HEADING: &str = "参数 / Arguments";
const OPTIONS_HEADING: &str = "选项 / Options";
const TEMPLATE: &str = "{about-with-newline}\n用法 / Usage: {usage}\n\n{all-args}{after-help}";

/// The whole command line: `yibao-credit` and a subcommand per [`SPECS`] entry.
fn command() -> Command {
    Command::new("yibao-credit")
        .version(env!("CARGO_PKG_VERSION"))
        .about("医保信用规则离线评价工具 / Offline evaluator of medical-insurance (医保) credit rules")
        .after_help(
            "每个命令读一个 JSON 输入（文件，或 - 表示标准输入），参数并入其中，结果为 JSON；出错时错误以 JSON 输出到标准错误，退出码为 2。\n\
             Each command reads a JSON input (a file, or - for standard input), flags merge into it, the answer is JSON; \
             errors are JSON on standard error with exit code 2.\n\
             yibao-credit COMMAND --help：各命令的参数 / each command's arguments.",
        )
        .help_template(TEMPLATE)
        .subcommand_required(true)
        .subcommand_value_name("COMMAND")
        .subcommand_help_heading("命令 / Commands")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(help_flag())
        .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help("显示版本 / Print the version").help_heading(OPTIONS_HEADING))
        .subcommands(SPECS.iter().map(subcommand))
}

fn help_flag() -> Arg {
    Arg::new("help").short('h').long("help").action(ArgAction::Help).help("显示帮助 / Print help").help_heading(OPTIONS_HEADING)
}

fn subcommand(spec: &'static Spec) -> Command {
    let (positionals, flags): (Vec<&Param>, Vec<&Param>) = spec.params.iter().partition(|p| matches!(p.kind, Kind::Positional | Kind::PositionalNameOrFile(_)));
    let mut c = Command::new(spec.name).about(spec.about).after_help(format!("例 / Example: {}", spec.example)).help_template(TEMPLATE).disable_help_flag(true);
    // Arguments first (in their order: clap would sort them by name under a heading of ours),
    // then options, then --help.
    for (k, p) in positionals.iter().enumerate() {
        c = c.arg(param_arg(p).display_order(k));
    }
    let last = positionals.len();
    c = match spec.takes {
        Takes::Json => c.arg(Arg::new("INPUT").display_order(last).help("输入 JSON 文件，- 表示标准输入 / input JSON file; - reads standard input").help_heading(ARGS_HEADING)),
        Takes::RuleSet => c.arg(Arg::new("RULES").required(true).help("指标规则文件（JSON），- 表示标准输入 / rule-set file (JSON); - reads standard input").help_heading(ARGS_HEADING)),
        Takes::Csv => c.arg(Arg::new("CSV").required(true).help("输入 CSV 文件（UTF-8 或 GBK/GB18030）或 Excel 工作簿（.xlsx），- 表示标准输入 / input CSV file (UTF-8 or GBK/GB18030) or Excel workbook (.xlsx); - reads standard input").help_heading(ARGS_HEADING)),
        Takes::Nothing | Takes::Package => c,
    };
    for p in flags {
        c = c.arg(param_arg(p));
    }
    if spec.takes == Takes::Json {
        c = c.arg(Arg::new("input").long("input").value_name("FILE").conflicts_with("INPUT").help("输入 JSON 文件（同 INPUT） / input JSON file (same as INPUT)").help_heading(OPTIONS_HEADING));
    }
    c.arg(help_flag())
}

fn param_arg(p: &Param) -> Arg {
    let a = Arg::new(p.name).help(p.help);
    match p.kind {
        Kind::Positional => a.value_name(p.value).help_heading(ARGS_HEADING),
        Kind::PositionalNameOrFile(_) => a.value_name(p.value).required(true).help_heading(ARGS_HEADING),
        Kind::Switch | Kind::Output => a.long(p.name).action(ArgAction::SetTrue).help_heading(OPTIONS_HEADING),
        Kind::Text | Kind::File(_) | Kind::NameOrFile(..) | Kind::TextFile(_) => a.long(p.name).value_name(p.value).allow_negative_numbers(true).help_heading(OPTIONS_HEADING),
    }
}

/// The command's JSON input: the INPUT file's JSON (or `{}`), with the arguments merged in.
fn build_input(spec: &Spec, m: &ArgMatches) -> Result<String, Error> {
    let mut fields = serde_json::Map::new();
    for p in spec.params {
        if let Some(v) = param_value(p, m)? {
            fields.insert(camel(p.name), v);
        }
    }
    let base = match spec.takes {
        Takes::Json => m.get_one::<String>("INPUT").or_else(|| m.get_one::<String>("input")),
        _ => None,
    };
    let base = match base {
        Some(path) => Some(parse_json(&read_text(path, INPUT)?, path)?),
        None => None,
    };
    merge(base, fields).map(|v| v.to_string())
}

/// What one argument puts into the input, if it was given.
fn param_value(p: &Param, m: &ArgMatches) -> Result<Option<serde_json::Value>, Error> {
    Ok(match p.kind {
        Kind::Text | Kind::Positional => m.get_one::<String>(p.name).map(|s| serde_json::Value::String(s.clone())),
        Kind::File(limit) => match m.get_one::<String>(p.name) {
            Some(path) => Some(parse_json(&read_text(path, limit)?, path)?),
            None => None,
        },
        Kind::NameOrFile(limit) | Kind::PositionalNameOrFile(limit) => match m.get_one::<String>(p.name) {
            Some(v) if v.ends_with(".json") || std::path::Path::new(v).is_file() => Some(parse_json(&read_text(v, limit)?, v)?),
            Some(v) => Some(serde_json::Value::String(v.clone())),
            None => None,
        },
        Kind::TextFile(limit) => match m.get_one::<String>(p.name) {
            Some(path) => Some(serde_json::Value::String(read_any_text(path, limit)?)),
            None => None,
        },
        Kind::Switch => m.get_flag(p.name).then_some(serde_json::Value::Bool(true)),
        Kind::Output => None,
    })
}

/// The input file's JSON with the arguments' fields added (they win over the file's).
fn merge(base: Option<serde_json::Value>, fields: serde_json::Map<String, serde_json::Value>) -> Result<serde_json::Value, Error> {
    match base {
        Some(serde_json::Value::Object(mut m)) => {
            m.extend(fields);
            Ok(serde_json::Value::Object(m))
        }
        Some(other) if fields.is_empty() => Ok(other),
        Some(_) => Err(Error::new(
            "E_USAGE",
            "输入文件不是 JSON 对象，不能再加参数",
            "the input file is not a JSON object, so flags cannot be added to it",
        )),
        None => Ok(serde_json::Value::Object(fields)),
    }
}

/// `as-of` → `asOf`.
fn camel(flag: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in flag.chars() {
        if c == '-' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn parse_json(text: &str, what: &str) -> Result<serde_json::Value, Error> {
    serde_json::from_str(text).map_err(|e| Error::bad_json(&format!("{what} "), what, &e))
}

// ---------------------------------------------------------------------------------------------
// Usage errors
// ---------------------------------------------------------------------------------------------

/// A usage error from the parser as the CLI's JSON error: `E_UNKNOWN_COMMAND` for an unknown
/// command, else `E_USAGE`; Chinese from the error's kind, English from clap's own message. Both
/// end with where to find the usage (`yibao-credit NAME --help` when `name` is a command).
fn usage_error(e: &clap::Error, name: Option<&str>) -> Error {
    let ctx = |k: ContextKind| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let arg = ctx(ContextKind::InvalidArg);
    let (code, zh) = match e.kind() {
        ErrorKind::InvalidSubcommand => {
            let name = ctx(ContextKind::InvalidSubcommand);
            ("E_UNKNOWN_COMMAND", format!("没有名为“{name}”的命令；可用的命令：{}", command_names()))
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            ("E_USAGE", format!("用法：yibao-credit 命令 [输入.json|-] [--参数 取值 …]；可用的命令：{}", command_names()))
        }
        ErrorKind::UnknownArgument => ("E_USAGE", format!("未知或多余的参数：{arg}")),
        ErrorKind::InvalidValue if ctx(ContextKind::InvalidValue).is_empty() => ("E_USAGE", format!("参数 {arg} 缺少取值")),
        ErrorKind::InvalidValue => ("E_USAGE", format!("参数 {arg} 的取值无效")),
        ErrorKind::MissingRequiredArgument => ("E_USAGE", format!("缺少必需的参数：{arg}")),
        ErrorKind::ArgumentConflict => ("E_USAGE", format!("参数 {arg} 不能与 {} 同时使用", ctx(ContextKind::PriorArg))),
        ErrorKind::InvalidUtf8 => ("E_USAGE", "参数不是有效的 UTF-8 文字".to_string()),
        _ => ("E_USAGE", "命令行参数有误".to_string()),
    };
    let tip = match ctx(ContextKind::SuggestedSubcommand) + &ctx(ContextKind::SuggestedArg) {
        s if s.is_empty() => String::new(),
        s => format!("（是否想用 {s}？）"),
    };
    let help = match name.filter(|n| SPECS.iter().any(|s| s.name == *n)) {
        Some(c) => format!("yibao-credit {c} --help"),
        None => "yibao-credit --help".to_string(),
    };
    Error::new(code, format!("{zh}{tip}。用法见 {help}"), format!("{}; see {help}.", clap_message(e)))
}

/// clap's message on one line (its lines joined by `; `), without its `error:` prefix and
/// closing `--help` hint.
fn clap_message(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("For more information")).collect();
    lines.join("; ").trim_start_matches("error: ").to_string()
}

fn command_names() -> String {
    api::COMMANDS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
}

// ---------------------------------------------------------------------------------------------
// Bounded reads
// ---------------------------------------------------------------------------------------------

/// A byte limit on a text the CLI reads, and how a text over it is refused.
#[derive(Clone, Copy, PartialEq)]
struct Limit {
    bytes: usize,
    code: &'static str,
    zh: &'static str,
    en: &'static str,
}

/// An input (INPUT, `-`, `--input`): the command layer's limit.
const INPUT: Limit = Limit { bytes: api::MAX_INPUT_BYTES, code: "E_INPUT_TOO_LARGE", zh: "输入", en: "input" };
/// A rule-set file (`--rules`, `check-rules`): the checker's limit on a rule-set text.
const RULES: Limit = Limit { bytes: yibao_credit::rules::check::MAX_RULES_BYTES, code: "E_RULES_TOO_LARGE", zh: "规则文件", en: "rule set" };
/// The CSV of `diff-rules --batch`: the page's limit on a batch text.
const BATCH_CSV: Limit = Limit { bytes: yibao_credit::batch::MAX_TEXT_BYTES, code: "E_BATCH_TOO_LARGE", zh: "CSV 文件", en: "CSV file" };
/// A holiday file (`--holidays`): 1 MB, room for the most documents a `holidays` field takes
/// ([`yibao_credit::calendar::MAX_DOCUMENTS`], 200) at the size of a year's notice (about 5 KB).
const HOLIDAYS: Limit = Limit { bytes: 1024 * 1024, code: "E_INPUT_TOO_LARGE", zh: "节假日文件", en: "holiday file" };

/// The bytes of the file `path` (`-`: standard input), refused past `limit` without reading the
/// rest: a regular file by its size, before reading; anything else after `limit + 1` bytes.
fn read_file_bytes(path: &str, limit: Limit) -> Result<Vec<u8>, Error> {
    if path == "-" {
        return read_bounded(std::io::stdin().lock(), path, limit);
    }
    let f = std::fs::File::open(path).map_err(|e| io_err(path, &e))?;
    if let Ok(meta) = f.metadata() {
        if meta.is_file() && meta.len() > limit.bytes as u64 {
            return Err(too_large(path, limit, Some(meta.len())));
        }
    }
    read_bounded(f, path, limit)
}

/// The text of the file `path` (`-`: standard input), UTF-8, read as [`read_file_bytes`] reads it.
fn read_text(path: &str, limit: Limit) -> Result<String, Error> {
    String::from_utf8(read_file_bytes(path, limit)?).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Error::new("E_FILE", format!("{} 不是 UTF-8 文本（第 {at} 字节起）", source_zh(path)), format!("{} is not UTF-8 text (from byte {at})", source_en(path)))
    })
}

/// The text of the file `path` as `read_text` reads it, but a file that is not UTF-8 is read as
/// GB18030 (GBK), as Excel and WPS save a CSV in Chinese; a BOM is dropped.
fn read_any_text(path: &str, limit: Limit) -> Result<String, Error> {
    let bytes = read_file_bytes(path, limit)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) => Ok(encoding_rs::GB18030.decode_without_bom_handling(bytes).0.into_owned()),
    }
}

/// At most `limit.bytes` bytes of `r`; an error if there are more (one more byte is read to know).
fn read_bounded(r: impl Read, path: &str, limit: Limit) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    r.take(limit.bytes as u64 + 1).read_to_end(&mut bytes).map_err(|e| io_err(path, &e))?;
    if bytes.len() > limit.bytes {
        return Err(too_large(path, limit, None));
    }
    Ok(bytes)
}

/// The refusal of a text over its limit; `len` when known (a regular file's size).
fn too_large(path: &str, limit: Limit, len: Option<u64>) -> Error {
    let (max, (zh, en)) = (limit.bytes, (source_zh(path), source_en(path)));
    match len {
        Some(n) => Error::new(
            limit.code,
            format!("{}过大（{n} 字节），上限为 {max} 字节：{zh}", limit.zh),
            format!("{} too large ({n} bytes); the limit is {max} bytes: {en}", limit.en),
        ),
        None => Error::new(
            limit.code,
            format!("{}过大（超过上限 {max} 字节，其余部分未读取）：{zh}", limit.zh),
            format!("{} too large (more than the limit of {max} bytes; the rest was not read): {en}", limit.en),
        ),
    }
}

fn source_zh(path: &str) -> String {
    if path == "-" { "标准输入".to_string() } else { format!("文件 {path}") }
}

fn source_en(path: &str) -> String {
    if path == "-" { "standard input".to_string() } else { format!("file {path}") }
}

fn io_err(path: &str, e: &std::io::Error) -> Error {
    Error::new("E_FILE", format!("无法读取{}：{e}", source_zh(path)), format!("cannot read {}: {e}", source_en(path)))
}

// ---------------------------------------------------------------------------------------------
// batch
// ---------------------------------------------------------------------------------------------

/// `yibao-credit batch (--type T | --rules FILE) --as-of DATE INPUT.csv|- > out.csv`: streams the
/// result CSV to standard output, the summary JSON to standard error. The input may be UTF-8
/// (with or without BOM) or GBK/GB18030, decided as it streams ([`CsvDecoder`]); nothing is read
/// whole, so an endless input (`/dev/zero`) meets the batch's own checks (binary data, record
/// length, row count) at once.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条（按年定期评价）.
mod batch {
    use super::{io_err, read_text, RULES};
    use clap::ArgMatches;
    use std::io::{BufReader, Read, Write};
    use yibao_credit::batch::{choose_rules_on, run_stream, Options, MAX_ROWS_STREAM};
    use yibao_credit::{dates, Error};

    pub fn run(m: &ArgMatches) -> Result<(), Error> {
        let ty = m.get_one::<String>("type").cloned();
        let as_of = m.get_one::<String>("as-of").ok_or_else(|| {
            Error::new(
                "E_AS_OF_MISSING",
                "缺少 --as-of 评价基准日（例如 --as-of 2025-12-31）：本工具不读取系统时钟，评价日期必须明确给出。用法见 yibao-credit batch --help",
                "--as-of is missing (e.g. --as-of 2025-12-31): the tool never reads the clock, so the evaluation date must be given. See yibao-credit batch --help.",
            )
        })?;
        let rules_doc = match m.get_one::<String>("rules") {
            Some(f) => Some(serde_json::from_str::<yibao_credit::value::Value>(&read_text(f, RULES)?).map_err(|e| Error::bad_json(&format!("{f} "), f, &e))?),
            None => None,
        };
        let rules = choose_rules_on(&rules_doc, &ty, as_of)?;
        let as_of = dates::parse_date(as_of, "--as-of")?;
        let opts = Options { as_of, default_type: ty, allow_out_of_effect: m.get_flag("allow-out-of-effect"), max_rows: MAX_ROWS_STREAM };
        let input = m.get_one::<String>("CSV").expect("required");
        let out_file = m.get_one::<String>("out").cloned();
        let xlsx_out = out_file.as_deref().is_some_and(|f| f.to_ascii_lowercase().ends_with(".xlsx"));
        // An Excel workbook (by its name or its first bytes): its sheet as CSV text, then as a CSV.
        let mut head = [0u8; 4];
        let is_xlsx = input != "-"
            && (input.to_ascii_lowercase().ends_with(".xlsx") || std::fs::File::open(input).and_then(|mut f| f.read_exact(&mut head)).is_ok() && yibao_credit::excel::is_xlsx(&head));
        if is_xlsx || xlsx_out {
            // Read and written whole (a workbook is a zip file: neither is streamed).
            let text = if is_xlsx {
                let bytes = std::fs::read(input).map_err(|e| io_err(input, &e))?;
                yibao_credit::excel::sheet_csv(&bytes, m.get_one::<String>("sheet").map(String::as_str))?
            } else {
                let mut s = String::new();
                let reader: Box<dyn Read> = if input == "-" { Box::new(std::io::stdin().lock()) } else { Box::new(std::fs::File::open(input).map_err(|e| io_err(input, &e))?) };
                BufReader::new(CsvDecoder::new(reader)).read_to_string(&mut s).map_err(|e| io_err(input, &e))?;
                s
            };
            let mut csv = Vec::new();
            let summary = run_stream(&rules, opts, text.as_bytes(), || Ok(text.as_bytes()), &mut csv)?;
            let bytes = if xlsx_out {
                let meta: yibao_credit::excel::XlsxMeta = serde_json::from_value(serde_json::to_value(&summary).unwrap_or_default()).unwrap_or_default();
                yibao_credit::excel::result_xlsx(&String::from_utf8_lossy(&csv), &meta)?
            } else {
                csv
            };
            match &out_file {
                Some(f) => std::fs::write(f, &bytes).map_err(|e| write_err(f, &e))?,
                None => std::io::stdout().lock().write_all(&bytes).map_err(|e| write_err("-", &e))?,
            }
            let _ = writeln!(std::io::stderr().lock(), "{}", serde_json::to_string(&summary).unwrap_or_default());
            return Ok(());
        }
        let out: Box<dyn Write> = match &out_file {
            Some(f) => Box::new(std::fs::File::create(f).map_err(|e| write_err(f, &e))?),
            None => Box::new(std::io::stdout().lock()),
        };
        let out = std::io::BufWriter::with_capacity(1 << 16, out);
        // Two passes (duplicates first, so that every row of a group can name the others): a
        // file is read twice; standard input is copied to a temporary file as the first pass
        // reads it (nothing is held in memory), and the copy removed at the end.
        let open = |path: &str| -> Result<Box<dyn Read>, Error> { Ok(Box::new(std::fs::File::open(path).map_err(|e| io_err(path, &e))?)) };
        let summary = if input == "-" {
            let spool = Spool::new()?;
            let file = std::fs::File::create(&spool.0).map_err(|e| io_err(&spool.0.to_string_lossy(), &e))?;
            let tee = Tee { inner: std::io::stdin().lock(), copy: std::io::BufWriter::new(file) };
            let path = spool.0.to_string_lossy().to_string();
            let second = || -> Result<_, Error> { Ok(BufReader::with_capacity(1 << 16, CsvDecoder::new(open(&path)?))) };
            run_stream(&rules, opts, BufReader::with_capacity(1 << 16, CsvDecoder::new(tee)), second, out)?
        } else {
            let second = || -> Result<_, Error> { Ok(BufReader::with_capacity(1 << 16, CsvDecoder::new(open(input)?))) };
            run_stream(&rules, opts, BufReader::with_capacity(1 << 16, CsvDecoder::new(open(input)?)), second, out)?
        };
        let mut se = std::io::stderr().lock();
        let _ = writeln!(se, "{}", serde_json::to_string(&summary).unwrap_or_default());
        Ok(())
    }

    fn write_err(path: &str, e: &std::io::Error) -> Error {
        Error::new("E_FILE", format!("无法写入 {path}：{e}"), format!("cannot write {path}: {e}"))
    }

    /// A temporary file removed when dropped (standard input's copy for the second pass).
    struct Spool(std::path::PathBuf);

    impl Spool {
        fn new() -> Result<Spool, Error> {
            let path = std::env::temp_dir().join(format!("yibao-credit-batch-{}.csv", std::process::id()));
            Ok(Spool(path))
        }
    }

    impl Drop for Spool {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }

    /// Reads `inner` and writes what it read to `copy` (flushed at the end of the input).
    struct Tee<R: Read, W: Write> {
        inner: R,
        copy: W,
    }

    impl<R: Read, W: Write> Read for Tee<R, W> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.copy.write_all(&buf[..n])?;
            if n == 0 && !buf.is_empty() {
                self.copy.flush()?;
            }
            Ok(n)
        }
    }

    /// How many bytes, from the first that is not ASCII, decide the encoding.
    const WINDOW: usize = 1 << 16;

    /// The encoding of a CSV stream, as far as it is known.
    enum Mode {
        /// Only ASCII so far (the same in every encoding accepted): passed through.
        Ascii,
        /// The window was valid UTF-8: passed through (a later bad byte is the batch's row problem).
        Utf8,
        /// The window was not UTF-8: decoded as GB18030 (a superset of GBK).
        Gb18030(encoding_rs::Decoder),
        /// The GB18030 decoder has had the end of the input (it must not be called again).
        Done,
    }

    /// CSV bytes in, UTF-8 out, in one pass with a fixed buffer. ASCII passes through; at the
    /// first other byte, the [`WINDOW`] bytes from there decide: UTF-8 if they are valid UTF-8
    /// (a BOM included), else GB18030 — as the page decides on the whole file. Read it through a
    /// `BufReader` (the GB18030 decoder needs room for a character: 4 bytes).
    pub struct CsvDecoder<R: Read> {
        inner: R,
        buf: Vec<u8>,
        start: usize,
        end: usize,
        eof: bool,
        mode: Mode,
    }

    impl<R: Read> CsvDecoder<R> {
        pub fn new(inner: R) -> Self {
            CsvDecoder { inner, buf: vec![0; 2 * WINDOW], start: 0, end: 0, eof: false, mode: Mode::Ascii }
        }

        /// Reads more after the unread bytes (moved to the front first).
        fn fill(&mut self) -> std::io::Result<()> {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
            loop {
                match self.inner.read(&mut self.buf[self.end..]) {
                    Ok(n) => {
                        self.end += n;
                        self.eof = n == 0;
                        return Ok(());
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            }
        }

        /// Decides the encoding on the window that starts at the first non-ASCII byte (`start`).
        fn decide(&mut self) -> std::io::Result<()> {
            while self.end - self.start < WINDOW && !self.eof {
                self.fill()?;
            }
            let utf8 = match std::str::from_utf8(&self.buf[self.start..self.end]) {
                Ok(_) => true,
                // A character cut at the window's end is not a fault.
                Err(e) => e.error_len().is_none() && !self.eof,
            };
            self.mode = if utf8 { Mode::Utf8 } else { Mode::Gb18030(encoding_rs::GB18030.new_decoder_without_bom_handling()) };
            Ok(())
        }

        /// Copies up to `n` buffered bytes to `out`.
        fn copy(&mut self, n: usize, out: &mut [u8]) -> usize {
            let n = n.min(out.len());
            out[..n].copy_from_slice(&self.buf[self.start..self.start + n]);
            self.start += n;
            n
        }
    }

    impl<R: Read> Read for CsvDecoder<R> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            if out.is_empty() {
                return Ok(0);
            }
            loop {
                if self.start == self.end && !self.eof {
                    self.fill()?;
                    continue;
                }
                let pending = self.end - self.start;
                match &mut self.mode {
                    Mode::Ascii => {
                        let ascii = self.buf[self.start..self.end].iter().position(|b| !b.is_ascii()).unwrap_or(pending);
                        if ascii == 0 && pending > 0 {
                            self.decide()?;
                            continue;
                        }
                        return Ok(self.copy(ascii, out));
                    }
                    Mode::Utf8 => return Ok(self.copy(pending, out)),
                    Mode::Gb18030(dec) => {
                        if out.len() < 4 {
                            return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "read a GB18030 stream into 4 bytes or more"));
                        }
                        let (result, read, written, _) = dec.decode_to_utf8(&self.buf[self.start..self.end], out, self.eof);
                        self.start += read;
                        if self.eof && result == encoding_rs::CoderResult::InputEmpty {
                            self.mode = Mode::Done;
                        }
                        if written > 0 || self.eof {
                            return Ok(written);
                        }
                    }
                    Mode::Done => return Ok(0),
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// publish
// ---------------------------------------------------------------------------------------------

/// `yibao-credit publish (--type T | --rules FILE) --input LIST.csv --date D --published P --out DIR
/// [--zip FILE] [--details] [--holidays FILE]`: runs the batch and writes the publication package
/// ([`yibao_credit::publish`]) into DIR, and as one .zip (deflated) when asked; the clerk's report
/// (JSON) on standard output.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十一条、第二十二条、第二十三条.
mod publish {
    use super::{io_err, parse_json, read_bounded, read_text, Limit, HOLIDAYS, RULES};
    use clap::ArgMatches;
    use std::io::{Read, Write};
    use yibao_credit::publish::{publish, PublishInput, PublishOut};
    use yibao_credit::Error;

    /// The list: the batch's own limit on a text (50 MB).
    const LIST: Limit = Limit { bytes: yibao_credit::batch::MAX_TEXT_BYTES, code: "E_BATCH_TOO_LARGE", zh: "名单文件", en: "list" };

    fn required<'a>(m: &'a ArgMatches, name: &str, zh: &str, en: &str) -> Result<&'a String, Error> {
        m.get_one::<String>(name).ok_or_else(|| {
            Error::new("E_USAGE", format!("缺少 --{name}（{zh}）。用法见 yibao-credit publish --help"), format!("--{name} is missing ({en}). See yibao-credit publish --help."))
        })
    }

    fn write_err(path: &std::path::Path, e: impl std::fmt::Display) -> Error {
        Error::new("E_FILE", format!("无法写入 {}：{e}", path.display()), format!("cannot write {}: {e}", path.display()))
    }

    pub fn run(m: &ArgMatches) -> Result<(), Error> {
        let input = required(m, "input", "名单 CSV 文件", "the list as CSV")?;
        let as_of = required(m, "date", "评价日期；本工具不读取系统时钟", "the evaluation date; the tool never reads the clock")?;
        let published = required(m, "published", "公示日期", "the publication date")?;
        let out_dir = required(m, "out", "写入公示包的文件夹", "the folder to write the package into")?;
        let rules = match m.get_one::<String>("rules") {
            Some(f) => Some(serde_json::from_str::<yibao_credit::value::Value>(&read_text(f, RULES)?).map_err(|e| Error::bad_json(&format!("{f} "), f, &e))?),
            None => None,
        };
        let holidays = match m.get_one::<String>("holidays") {
            Some(f) => Some(serde_json::from_value::<yibao_credit::value::Value>(parse_json(&read_text(f, HOLIDAYS)?, f)?).map_err(|e| Error::bad_json(f, f, &e))?),
            None => None,
        };
        let bytes = if input == "-" {
            read_bounded(std::io::stdin().lock(), input, LIST)?
        } else {
            read_bounded(std::fs::File::open(input).map_err(|e| io_err(input, &e))?, input, LIST)?
        };
        // Decoded as `batch` decodes (UTF-8, else GB18030), a 64 KB piece at a time.
        let mut dec = super::batch::CsvDecoder::new(bytes.as_slice());
        let mut utf8 = Vec::with_capacity(bytes.len() + bytes.len() / 2);
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = dec.read(&mut buf).map_err(|e| io_err(input, &e))?;
            if n == 0 {
                break;
            }
            utf8.extend_from_slice(&buf[..n]);
        }
        let csv = String::from_utf8_lossy(&utf8).into_owned();
        let out = publish(PublishInput {
            csv: Some(csv),
            as_of: as_of.clone(),
            published: published.clone(),
            subject_type: m.get_one::<String>("type").cloned(),
            rules,
            allow_out_of_effect: m.get_flag("allow-out-of-effect"),
            holidays,
            details: m.get_flag("details"),
        })?;
        write_folder(&out, std::path::Path::new(out_dir))?;
        if let Some(z) = m.get_one::<String>("zip") {
            write_zip(&out, std::path::Path::new(z), published)?;
        }
        let mut so = std::io::stdout().lock();
        let _ = writeln!(so, "{}", serde_json::to_string(&out.report).unwrap_or_default());
        Ok(())
    }

    /// Writes every file under `dir` (its folders made as needed).
    fn write_folder(out: &PublishOut, dir: &std::path::Path) -> Result<(), Error> {
        for f in &out.files {
            let path = dir.join(&f.path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| write_err(parent, e))?;
            }
            std::fs::write(&path, f.content.as_bytes()).map_err(|e| write_err(&path, e))?;
        }
        Ok(())
    }

    /// The package as one .zip (deflated; dated the publication day, so the same input gives the
    /// same bytes: the tool never reads the clock).
    fn write_zip(out: &PublishOut, path: &std::path::Path, published: &str) -> Result<(), Error> {
        let file = std::fs::File::create(path).map_err(|e| write_err(path, e))?;
        let mut z = zip::ZipWriter::new(std::io::BufWriter::new(file));
        let d = chrono::NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
        let time = d
            .and_then(|d| {
                use chrono::Datelike;
                zip::DateTime::from_date_and_time(d.year() as u16, d.month() as u8, d.day() as u8, 0, 0, 0).ok()
            })
            .unwrap_or_default();
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).last_modified_time(time);
        for f in &out.files {
            z.start_file(f.path.as_str(), opts).map_err(|e| write_err(path, e))?;
            z.write_all(f.content.as_bytes()).map_err(|e| write_err(path, e))?;
        }
        z.finish().map_err(|e| write_err(path, e))?.flush().map_err(|e| write_err(path, e))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        command().debug_assert();
    }

    #[test]
    fn every_command_is_a_subcommand() {
        let names: Vec<&str> = api::COMMANDS.iter().map(|(n, _)| *n).collect();
        let specs: Vec<&str> = SPECS.iter().map(|s| s.name).collect();
        assert_eq!(names, specs);
    }

    #[test]
    fn flags_are_camel_cased() {
        assert_eq!(camel("as-of"), "asOf");
        assert_eq!(camel("refusal-received-on"), "refusalReceivedOn");
        assert_eq!(camel("type"), "type");
    }

    fn decode(bytes: &[u8]) -> String {
        let mut out = String::new();
        std::io::BufReader::new(batch::CsvDecoder::new(bytes)).read_to_string(&mut out).unwrap();
        out
    }

    /// A reader that hands over one byte at a time (a slow pipe).
    struct OneByte<'a>(&'a [u8]);

    impl Read for OneByte<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.len().min(out.len()).min(1);
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn csv_encoding_is_decided_at_the_first_non_ascii_byte() {
        let text = format!("{}名称,代码\r\n汕尾康泰大药房,1\r\n", "a,b\r\n".repeat(50_000));
        assert_eq!(decode(text.as_bytes()), text);
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        assert!(std::str::from_utf8(&gbk).is_err());
        assert_eq!(decode(&gbk), text);
        assert_eq!(decode(format!("\u{feff}{text}").as_bytes()), format!("\u{feff}{text}"));
        assert_eq!(decode(b""), "");
        // A character cut by the end of the window is still UTF-8.
        let long = "汉".repeat(100_000);
        assert_eq!(decode(long.as_bytes()), long);
        // Bytes coming one at a time: the same text.
        for bytes in [text.as_bytes(), &gbk[..]] {
            let mut out = String::new();
            std::io::BufReader::new(batch::CsvDecoder::new(OneByte(bytes))).read_to_string(&mut out).unwrap();
            assert_eq!(out, text);
        }
    }
}
