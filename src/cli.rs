// (Included by src/bin/yibao-credit.rs.) `yibao-credit`: the command line over the same core and the same JSON as the JS API.
//
// `yibao-credit NAME [INPUT.json|-] [--flag value …]`: the input JSON is read from the file (or
// standard input), flags are merged into it (`--as-of 2026-11-23` sets `asOf`), flags naming a
// file (`--rules`, `--holidays`, `--input`) put that file's JSON in. The result is printed as
// JSON; an error is printed as JSON on standard error with exit code 2. `form N --html` prints the
// form's print-ready HTML (the `html` of the model) instead of the model. `check-rules` exits 1
// when the rule set has errors (the report is on standard output).

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
    match args.first().map(String::as_str) {
        #[cfg(not(target_arch = "wasm32"))]
        Some("batch") => {
            batch::run(&args[1..])?;
            std::process::exit(0);
        }
        Some("batch-template") => {
            let v: serde_json::Value = serde_json::from_str(&api::call("batch-template", &build_input("batch-template", &args[1..])?)?)
                .map_err(|e| Error::bad_json("输出", "Output", &e))?;
            let mut so = std::io::stdout().lock();
            let _ = so.write_all(v["csv"].as_str().unwrap_or("").as_bytes());
            let _ = so.flush();
            std::process::exit(0);
        }
        _ => {}
    }
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

/// `yibao-credit batch (--type T | --rules FILE) --as-of DATE INPUT.csv|- > out.csv`: streams the
/// result CSV to standard output, the summary JSON to standard error. The input may be UTF-8
/// (with or without BOM) or GBK/GB18030: a file that is valid UTF-8 throughout is read as UTF-8,
/// any other as GB18030 (a superset of GBK).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条（按年定期评价）.
#[cfg(not(target_arch = "wasm32"))]
mod batch {
    use super::{io_err, read_file};
    use std::io::{BufReader, Read, Write};
    use yibao_credit::batch::{choose_rules, run_stream, Options, MAX_ROWS_STREAM};
    use yibao_credit::{dates, Error};

    const USAGE_ZH: &str = "用法：yibao-credit batch (--type 主体类型 | --rules 指标.json) --as-of 评价基准日 输入.csv > 结果.csv";
    const USAGE_EN: &str = "usage: yibao-credit batch (--type TYPE | --rules RULES.json) --as-of YYYY-MM-DD INPUT.csv > out.csv";

    pub fn run(args: &[String]) -> Result<(), Error> {
        let (mut ty, mut rules_file, mut as_of, mut input, mut allow) = (None, None, None, None, false);
        let mut i = 0;
        while i < args.len() {
            let a = args[i].as_str();
            let val = || args.get(i + 1).cloned().ok_or_else(|| Error::new("E_USAGE", format!("参数 {a} 缺少取值。{USAGE_ZH}"), format!("flag {a} needs a value. {USAGE_EN}")));
            match a {
                "--type" => ty = Some(val()?),
                "--rules" => rules_file = Some(val()?),
                "--as-of" => as_of = Some(val()?),
                "--allow-out-of-effect" => {
                    allow = true;
                    i += 1;
                    continue;
                }
                _ if a.starts_with("--") && a.len() > 2 => {
                    return Err(Error::new("E_USAGE", format!("未知参数 {a}。{USAGE_ZH}"), format!("unknown flag {a}. {USAGE_EN}")))
                }
                _ if input.is_none() => {
                    input = Some(a.to_string());
                    i += 1;
                    continue;
                }
                _ => return Err(Error::new("E_USAGE", format!("多余的参数：{a}。{USAGE_ZH}"), format!("unexpected argument: {a}. {USAGE_EN}"))),
            }
            i += 2;
        }
        let as_of = as_of.ok_or_else(|| {
            Error::new(
                "E_AS_OF_MISSING",
                format!("缺少 --as-of 评价基准日（例如 --as-of 2025-12-31）：本工具不读取系统时钟，评价日期必须明确给出。{USAGE_ZH}"),
                format!("--as-of is missing (e.g. --as-of 2025-12-31): the tool never reads the clock, so the evaluation date must be given. {USAGE_EN}"),
            )
        })?;
        let input = input.ok_or_else(|| Error::new("E_USAGE", format!("缺少输入的 CSV 文件。{USAGE_ZH}"), format!("the input CSV file is missing. {USAGE_EN}")))?;
        let rules_doc = match &rules_file {
            Some(f) => Some(serde_json::from_str::<yibao_credit::value::Value>(&read_file(f)?).map_err(|e| Error::bad_json(&format!("{f} "), &format!("{f} "), &e))?),
            None => None,
        };
        let rules = choose_rules(&rules_doc, &ty)?;
        let as_of = dates::parse_date(&as_of, "--as-of")?;
        let opts = Options { as_of, default_type: ty, allow_out_of_effect: allow, max_rows: MAX_ROWS_STREAM };
        let stdout = std::io::stdout().lock();
        let out = std::io::BufWriter::with_capacity(1 << 16, stdout);
        let summary = if input == "-" {
            let mut bytes = vec![];
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| io_err(&input, &e))?;
            if std::str::from_utf8(&bytes).is_ok() {
                run_stream(&rules, opts, &bytes[..], out)?
            } else {
                let (text, _, _) = encoding_rs::GB18030.decode(&bytes);
                run_stream(&rules, opts, text.as_bytes(), out)?
            }
        } else if is_utf8_file(&input)? {
            let f = std::fs::File::open(&input).map_err(|e| io_err(&input, &e))?;
            run_stream(&rules, opts, BufReader::with_capacity(1 << 16, f), out)?
        } else {
            let f = std::fs::File::open(&input).map_err(|e| io_err(&input, &e))?;
            let dec = Gb18030Reader { inner: f, dec: encoding_rs::GB18030.new_decoder_without_bom_handling(), src: vec![0; 1 << 16], start: 0, end: 0, eof: false };
            run_stream(&rules, opts, BufReader::with_capacity(1 << 16, dec), out)?
        };
        let mut se = std::io::stderr().lock();
        let _ = writeln!(se, "{}", serde_json::to_string(&summary).unwrap_or_default());
        Ok(())
    }

    /// Reads the file once to see whether it is UTF-8 throughout (without keeping it in memory).
    fn is_utf8_file(path: &str) -> Result<bool, Error> {
        let mut f = std::fs::File::open(path).map_err(|e| io_err(path, &e))?;
        let mut buf = vec![0u8; 1 << 16];
        let mut carry = 0;
        loop {
            let n = f.read(&mut buf[carry..]).map_err(|e| io_err(path, &e))?;
            if n == 0 {
                return Ok(carry == 0);
            }
            let len = carry + n;
            match std::str::from_utf8(&buf[..len]) {
                Ok(_) => carry = 0,
                Err(e) if e.error_len().is_none() => {
                    // A character cut at the end of the buffer: keep its bytes for the next read.
                    let valid = e.valid_up_to();
                    buf.copy_within(valid..len, 0);
                    carry = len - valid;
                }
                Err(_) => return Ok(false),
            }
        }
    }

    /// GB18030 bytes in, UTF-8 bytes out.
    struct Gb18030Reader<R: Read> {
        inner: R,
        dec: encoding_rs::Decoder,
        src: Vec<u8>,
        start: usize,
        end: usize,
        eof: bool,
    }

    impl<R: Read> Read for Gb18030Reader<R> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            loop {
                if self.start == self.end && !self.eof {
                    let n = self.inner.read(&mut self.src)?;
                    self.start = 0;
                    self.end = n;
                    self.eof = n == 0;
                }
                if out.len() < 4 {
                    return Ok(0);
                }
                let (_, read, written, _) = self.dec.decode_to_utf8(&self.src[self.start..self.end], out, self.eof);
                self.start += read;
                if written > 0 || (self.eof && self.start == self.end) {
                    return Ok(written);
                }
            }
        }
    }
}
