//! Bounded reads of the command line: every input, rule-set and holiday file is read with a byte
//! limit and refused past it without reading the rest; `batch` streams its CSV. Endless inputs
//! (`/dev/zero`, `/dev/urandom`) end quickly with the usual JSON error and exit code 2.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Generous: the point is that the command ends (the machine may be busy).
const LIMIT: Duration = Duration::from_secs(20);

enum In<'a> {
    Nothing,
    File(&'a str),
    Bytes(Vec<u8>),
}

/// Runs the CLI; panics if it has not ended within [`LIMIT`] (it is then killed). The exit code,
/// the error's code (stderr's JSON `code`) and the time taken.
fn run(args: &[&str], stdin: In) -> (i32, String, Duration) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_yibao-credit"));
    c.args(args).stdout(Stdio::null()).stderr(Stdio::piped());
    c.stdin(match &stdin {
        In::Nothing => Stdio::null(),
        In::File(p) => Stdio::from(std::fs::File::open(p).unwrap()),
        In::Bytes(_) => Stdio::piped(),
    });
    let start = Instant::now();
    let mut child = c.spawn().unwrap();
    if let In::Bytes(b) = stdin {
        let mut w = child.stdin.take().unwrap();
        // The CLI stops reading at its limit: the rest of the write may fail (broken pipe).
        std::thread::spawn(move || {
            let _ = w.write_all(&b);
        });
    }
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let Ok(out) = rx.recv_timeout(LIMIT) else {
        let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
        panic!("{args:?} did not end within {LIMIT:?}");
    };
    let out = out.unwrap();
    let took = start.elapsed();
    let err = String::from_utf8_lossy(&out.stderr);
    let e: serde_json::Value = serde_json::from_str(err.trim()).unwrap_or_else(|_| panic!("{args:?}: stderr is not JSON: {err}"));
    let zh = e["zh"].as_str().unwrap_or_default();
    let en = e["en"].as_str().unwrap_or_default();
    assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) && en.len() > 20, "{args:?}: {err}");
    eprintln!("{args:?}: {} in {took:?}", e["code"]);
    (out.status.code().unwrap_or(-1), e["code"].as_str().unwrap_or_default().to_string(), took)
}

fn devices() -> Vec<&'static str> {
    ["/dev/zero", "/dev/urandom"].into_iter().filter(|d| std::path::Path::new(d).exists()).collect()
}

fn big_json() -> Vec<u8> {
    format!("{{\"x\":\"{}\"}}", " ".repeat(9 * 1024 * 1024)).into_bytes()
}

#[test]
fn a_9_mb_input_is_refused() {
    let dir = std::env::temp_dir().join(format!("yibao-cli-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("big.json");
    std::fs::write(&f, big_json()).unwrap();
    let p = f.to_str().unwrap();
    for args in [&["evaluate", p][..], &["score", "--input", p], &["deadline", p]] {
        let (code, e, _) = run(args, In::Nothing);
        assert_eq!((code, e.as_str()), (2, "E_INPUT_TOO_LARGE"), "{args:?}");
    }
    // Through a pipe: the CLI stops reading after 8 MB.
    let (code, e, _) = run(&["evaluate", "-"], In::Bytes(big_json()));
    assert_eq!((code, e.as_str()), (2, "E_INPUT_TOO_LARGE"));
    // Over the rule-set limit (2 MB) as --rules; `check-rules` reports it (exit 1).
    let (code, e, _) = run(&["evaluate", "--rules", p, "--as-of", "2026-01-01"], In::Bytes(b"{}".to_vec()));
    assert_eq!((code, e.as_str()), (2, "E_RULES_TOO_LARGE"));
    let o = Command::new(env!("CARGO_BIN_EXE_yibao-credit")).args(["check-rules", p]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["errors"][0]["code"], "E_RULES_TOO_LARGE");
    // Over the holiday-file limit (1 MB).
    let (code, e, _) = run(&["workday", "2026-10-01", "--holidays", p], In::Nothing);
    assert_eq!((code, e.as_str()), (2, "E_INPUT_TOO_LARGE"));
    std::fs::remove_dir_all(&dir).ok();
}

/// Each use of an endless device ends at once: as the input file, as standard input, with
/// `--input`, as `--rules` or `--holidays`.
#[test]
fn endless_json_inputs_are_refused() {
    for dev in devices() {
        for (args, stdin, want) in [
            (vec!["evaluate", dev], In::Nothing, "E_INPUT_TOO_LARGE"),
            (vec!["evaluate", "-"], In::File(dev), "E_INPUT_TOO_LARGE"),
            (vec!["repair", "--input", dev], In::Nothing, "E_INPUT_TOO_LARGE"),
            (vec!["evaluate", "--rules", dev, "--as-of", "2026-01-01"], In::Nothing, "E_RULES_TOO_LARGE"),
            (vec!["score", "-", "--rules", dev], In::Bytes(b"{}".to_vec()), "E_RULES_TOO_LARGE"),
            (vec!["batch-template", "--rules", dev], In::Nothing, "E_RULES_TOO_LARGE"),
            (vec!["deadline", "--kind", "case-report", "--from", "2026-01-05", "--holidays", dev], In::Nothing, "E_INPUT_TOO_LARGE"),
        ] {
            let (code, e, took) = run(&args, stdin);
            assert_eq!((code, e.as_str()), (2, want), "{args:?}");
            assert!(took < LIMIT);
        }
        let o = Command::new(env!("CARGO_BIN_EXE_yibao-credit")).args(["check-rules", dev]).output().unwrap();
        assert_eq!(o.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&o.stdout).contains("E_RULES_TOO_LARGE"));
    }
}

/// `batch` streams: an endless CSV meets the batch's own check (binary data) in its first bytes,
/// as a file or on standard input; an endless rule set is refused as above.
#[test]
fn endless_batch_inputs_are_refused() {
    let batch = ["batch", "--type", "insured", "--as-of", "2025-12-31"];
    for dev in devices() {
        let (code, e, _) = run(&[&batch[..], &[dev]].concat(), In::Nothing);
        assert_eq!((code, e.as_str()), (2, "E_BATCH_NOT_CSV"), "{dev}");
        let (code, e, _) = run(&[&batch[..], &["-"]].concat(), In::File(dev));
        assert_eq!((code, e.as_str()), (2, "E_BATCH_NOT_CSV"), "{dev} on stdin");
        let (code, e, _) = run(&["batch", "--rules", dev, "--as-of", "2025-12-31", "-"], In::Bytes(b"a,b\n".to_vec()));
        assert_eq!((code, e.as_str()), (2, "E_RULES_TOO_LARGE"), "{dev} as --rules");
    }
}

/// A CSV of one endless record (no line end, no NUL): refused at the record limit (1 MB), not
/// read whole — on standard input too.
#[test]
fn an_endless_record_is_refused() {
    let row = vec![b'a'; 8 * 1024 * 1024];
    let (code, e, _) = run(&["batch", "--type", "insured", "--as-of", "2025-12-31", "-"], In::Bytes(row));
    assert_eq!((code, e.as_str()), (2, "E_BATCH_RECORD_TOO_LONG"));
}
