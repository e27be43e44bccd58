//! `yibao-credit`: the command line over the same core and the same JSON as the JS API.
//!
//! `yibao-credit NAME [INPUT.json|-] [--flag value …]`: the input JSON is read from the file (or
//! standard input), flags are merged into it (`--as-of 2026-11-23` sets `asOf`), flags naming a
//! file (`--rules`, `--holidays`, `--input`) put that file's JSON in. The result is printed as
//! JSON; an error is printed as JSON on standard error with exit code 2. `form N --html` prints the
//! form's print-ready HTML (the `html` of the model) instead of the model. `check-rules` exits 1
//! when the rule set has errors (the report is on standard output).

use std::io::{Read, Write};
use yibao_credit::{api, Error};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(out) => {
            let mut so = std::io::stdout().lock();
            let _ = so.write_all(out.as_bytes());
            let _ = so.write_all(b"\n");
            // `check-rules` on a rule set with errors prints the report and exits 1.
            if args.first().map(String::as_str) == Some("check-rules") && out.starts_with("{\"valid\":false") {
                std::process::exit(1);
            }
        }
        Err(e) => {
            eprintln!("{}", e.to_json());
            std::process::exit(2);
        }
    }
}

const USAGE: &str = "用法 / usage: yibao-credit COMMAND [INPUT.json|-] [--flag value …]\n命令 / commands: ";

fn run(args: &[String]) -> Result<String, Error> {
    let Some(cmd) = args.first() else {
        let names: Vec<&str> = api::COMMANDS.iter().map(|(n, _)| *n).collect();
        return Err(Error::new("E_USAGE", format!("{USAGE}{}", names.join(", ")), format!("{USAGE}{}", names.join(", "))));
    };
    let rest = &args[1..];
    // `check-rules FILE` checks the file as written, so its errors point into that file.
    if cmd == "check-rules" {
        return match rest {
            [file] => api::call(cmd, &read_file(file)?),
            _ => Err(Error::new("E_USAGE", "用法：yibao-credit check-rules RULES.json", "usage: yibao-credit check-rules RULES.json")),
        };
    }
    // `form N --html` prints the form's print-ready HTML instead of its model.
    if cmd == "form" && rest.iter().any(|a| a == "--html") {
        let rest: Vec<String> = rest.iter().filter(|a| *a != "--html").cloned().collect();
        let out = api::call(cmd, &build_input(cmd, &rest)?)?;
        let v: serde_json::Value = parse_json(&out, "form")?;
        return Ok(v["html"].as_str().unwrap_or_default().to_string());
    }
    let input = build_input(cmd, rest)?;
    api::call(cmd, &input)
}

/// Positional arguments some commands take, by field name (`workday 2026-10-01`).
fn positional_names(cmd: &str) -> &'static [&'static str] {
    match cmd {
        "workday" => &["date"],
        "validate" => &["kind", "value"],
        "form" => &["form"],
        _ => &[],
    }
}

/// Flags whose value is a file path whose JSON goes into the input.
const FILE_FLAGS: &[&str] = &["rules", "holidays"];

fn read_file(path: &str) -> Result<String, Error> {
    if path == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map_err(|e| io_err(path, &e))?;
        return Ok(s);
    }
    std::fs::read_to_string(path).map_err(|e| io_err(path, &e))
}

fn io_err(path: &str, e: &std::io::Error) -> Error {
    Error::new("E_FILE", format!("无法读取文件 {path}：{e}"), format!("cannot read file {path}: {e}"))
}

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
    serde_json::from_str(text).map_err(|e| Error::bad_json(&format!("{what} "), &format!("{what} "), &e))
}

fn build_input(cmd: &str, rest: &[String]) -> Result<String, Error> {
    let mut obj = serde_json::Map::new();
    let mut base: Option<serde_json::Value> = None;
    let mut positionals = Vec::new();
    let mut i = 0;
    while i < rest.len() {
        let a = &rest[i];
        if let Some(flag) = a.strip_prefix("--") {
            let Some(v) = rest.get(i + 1) else {
                return Err(Error::new("E_USAGE", format!("参数 --{flag} 缺少取值"), format!("flag --{flag} needs a value")));
            };
            if flag == "input" {
                base = Some(parse_json(&read_file(v)?, v)?);
            } else if FILE_FLAGS.contains(&flag) {
                obj.insert(camel(flag), parse_json(&read_file(v)?, v)?);
            } else {
                obj.insert(camel(flag), serde_json::Value::String(v.clone()));
            }
            i += 2;
        } else {
            positionals.push(a.clone());
            i += 1;
        }
    }
    let names = positional_names(cmd);
    for (k, p) in positionals.into_iter().enumerate() {
        if let Some(name) = names.get(k) {
            obj.insert((*name).to_string(), serde_json::Value::String(p));
        } else if base.is_none() {
            base = Some(parse_json(&read_file(&p)?, &p)?);
        } else {
            return Err(Error::new("E_USAGE", format!("多余的参数：{p}"), format!("unexpected argument: {p}")));
        }
    }
    let value = match base {
        Some(serde_json::Value::Object(mut m)) => {
            m.extend(obj);
            serde_json::Value::Object(m)
        }
        Some(other) if obj.is_empty() => other,
        Some(_) => {
            return Err(Error::new(
                "E_USAGE",
                "输入文件不是 JSON 对象，不能再加参数",
                "the input file is not a JSON object, so flags cannot be added to it",
            ))
        }
        None => serde_json::Value::Object(obj),
    };
    Ok(value.to_string())
}
