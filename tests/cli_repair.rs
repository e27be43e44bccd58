//! The CLI forms of issue 4: `repair INPUT.json`, `objection --publication-date D --filed-on D`.

use serde_json::Value;
use std::process::Command;

fn run(args: &[&str]) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_yibao-credit")).args(args).output().unwrap();
    let code = out.status.code().unwrap_or(-1);
    let text = if code == 0 { out.stdout } else { out.stderr };
    (code, serde_json::from_slice(&text).unwrap())
}

#[test]
fn repair_from_a_file_and_flags() {
    let dir = std::env::temp_dir().join(format!("yibao-cli-repair-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("repair.json");
    std::fs::write(
        &f,
        r#"{"subject":{"type":"insured","name":"李四","code":"110102199101010078"},
            "record":{"kind":"admin-penalty","severity":"serious","decisionDate":"2025-06-15","publicationDate":"2025-06-20"},
            "done":{"corrected":true,"obligationsPerformed":true,"effectEliminated":true,"newSameKindSince":false,"pledgeSigned":true,"proofAttached":true},
            "barredByLaw":false}"#,
    )
    .unwrap();
    let p = f.to_str().unwrap();
    // Order 36: serious, 1 year from 2025-06-15 → first day 2026-06-16.
    let (code, v) = run(&["repair", p, "--application-date", "2026-04-01"]);
    assert_eq!(code, 0);
    assert_eq!((v["verdict"].as_str(), v["earliestDate"].as_str()), (Some("not-yet"), Some("2026-06-16")));
    let (code, v) = run(&["repair", p, "--application-date", "2026-06-16"]);
    assert_eq!(code, 0);
    assert_eq!(v["verdict"], "eligible");
    assert_eq!(v["disclosed"]["text"], "0年11个月");
    // Before the decision: an error on stderr, exit 2.
    let (code, v) = run(&["repair", p, "--application-date", "2025-06-01"]);
    assert_eq!(code, 2);
    assert_eq!((v["code"].as_str(), v["path"].as_str()), (Some("E_REPAIR_ORDER"), Some("$.applicationDate")));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn objection_from_flags() {
    let (code, v) = run(&["objection", "--publication-date", "2026-09-30", "--filed-on", "2026-10-21"]);
    assert_eq!(code, 0);
    assert_eq!((v["lastDay"].as_str(), v["inTime"].as_bool()), (Some("2026-10-20"), Some(false)));
    assert_eq!(v["reviewDue"], "2026-11-04");
}
