#!/usr/bin/env python3
"""Writes the seed inputs of every fuzz target into fuzz/corpus/TARGET/ (files named seed-HASH).

Seeds: the inputs of tests/golden/cases.json, strict.json and batch.json (by command; `score`
also takes `evaluate`'s), the extra inputs tests/fuzz.rs seeds with, data/rules/*.json,
data/holiday-cn/*.json and a few CSVs made from `yibao-credit batch-template`. Usage:

    python3 fuzz/seed.py [PATH_TO_yibao-credit]   # default: target/debug/yibao-credit (built if missing)

`scripts/fuzz.sh --seed` runs it; the corpus kept in the repository was seeded by it, fuzzed and
minimised (`cargo fuzz cmin`).
"""
import glob
import hashlib
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
TYPES = ["retail-pharmacy", "medical-institution", "physician", "pharmacist", "insured"]


def target_of(command):
    return "cmd_" + command.replace("-", "_")


def put(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


def text_of(inp):
    return inp if isinstance(inp, str) else json.dumps(inp, ensure_ascii=False, separators=(",", ":"))


def main():
    cli = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "debug", "yibao-credit")
    if not os.path.exists(cli):
        subprocess.run(["cargo", "build", "--quiet"], cwd=ROOT, check=True)

    def run(*args):
        return subprocess.run([cli, *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout

    # The JSON commands: golden inputs.
    for f in ["tests/golden/cases.json", "tests/golden/strict.json"]:
        for c in json.loads(read(f)):
            put(target_of(c["command"]), text_of(c["input"]))
            if c["command"] == "evaluate":
                put(target_of("score"), text_of(c["input"]))
    for c in json.loads(read("tests/golden/batch.json")):
        put(target_of("batch"), text_of(c["input"]))
    for f in sorted(glob.glob(os.path.join(ROOT, "tests/golden/forms/*.json"))):
        c = json.load(open(f, encoding="utf-8"))
        if "input" in c:
            put(target_of("form"), text_of(c["input"]))

    holidays = {os.path.basename(p)[:-5]: read(p) for p in sorted(glob.glob(os.path.join(ROOT, "data/holiday-cn/*.json")))}
    h2026 = json.loads(holidays["2026"])
    h2027 = json.loads(holidays["2027"])
    templates = {t: run("batch-template", "--type", t) for t in TYPES}
    # What tests/fuzz.rs seeds with, for the commands the golden files cover little.
    for name, v in [
        ("batch", {"csv": templates["retail-pharmacy"], "asOf": "2026-11-23", "type": "retail-pharmacy"}),
        ("batch-template", {"type": "insured"}),
        ("calendar-month", {"year": 2026, "month": 10, "holidays": h2026}),
        ("workday", {"date": "2027-01-01", "holidays": [h2027]}),
        ("deadline", {"kind": "working-days", "days": 3, "from": "2026-12-29", "holidays": h2027}),
        ("deadline", {"kind": "calendar-days", "days": 30, "from": "2026-09-01"}),
        ("deadline-kinds", {}),
        ("forms", {}),
        ("timeline", {"process": "repair", "from": "2025-09-26", "acceptedOn": "2025-10-24", "decidedOn": "2025-10-31", "outcome": "refused"}),
        ("timeline", {"process": "objection", "from": "2026-09-30", "filedOn": "2026-10-09"}),
        ("rules", {"type": "insured"}),
        ("rules", ""),
        ("payment-points-batch", {"asOf": "2026-12-31", "csv": run("payment-points-template"), "model": "example-province"}),
        ("payment-points-template", {}),
        ("payment-points", {"asOf": "2026-12-31", "person": {"type": "physician"}, "records": [{"date": "2026-03-10", "points": 3}],
                            "model": json.loads(read("data/points/example-province.json"))}),
    ]:
        put(target_of(name), text_of(v))

    # The rule loader (and check-rules): the shipped rule sets.
    for p in sorted(glob.glob(os.path.join(ROOT, "data/rules/*.json"))):
        t = read(p)
        put("rules_loader", t)
        put(target_of("check-rules"), t)
        put(target_of("compile-rules"), t)
        put("parse_trusted", t)
    # compile-rules also on the shipped rule sets with their shared sections in place (www/rules/,
    # written by scripts/build.sh), as the build compiles them.
    for p in sorted(glob.glob(os.path.join(ROOT, "www/rules/*.json"))):
        if not p.endswith(".plan.json"):
            put(target_of("compile-rules"), read(p))

    # The holiday loader: each year's notice, and two years in one array.
    for year, t in holidays.items():
        put("holidays", t)
        put("parse_trusted", t)
    put("holidays", json.dumps([json.loads(holidays["2026"]), h2027], ensure_ascii=False))
    put("parse_trusted", '{"a":[1,-2,0.5,-0.25,true,false,null,"x\\n\\u00e9\\"\\\\\\/"],"b":{}}')

    # The CSV reader: first byte = rule set (low 3 bits, an index into TYPES), a default type
    # (bit 7) and the largest piece (bits 3-6); then the CSV.
    for i, t in enumerate(TYPES):
        header = templates[t]
        cols = header.split("\r\n")[0].split(",")
        rows = [
            ",".join(["某单位", "91350100M000100Y6D"] + ["1"] * (len(cols) - 2)),
            ",".join(["\"名,称\"", ""] + ["是"] * (len(cols) - 2)),
            ",".join(["=x", "110101199003074477"] + ["否"] * (len(cols) - 2)),
        ]
        put("csv_stream", bytes([i | 0x80 | 0x18]) + header.encode("utf-8"))
        put("csv_stream", bytes([i | 0x28]) + (header + "\r\n".join(rows) + "\n").encode("utf-8"))
        put("csv_stream", bytes([i | 0x80]) + ("\ufeff" + header + "\n".join(rows)).encode("utf-8"))
    for c in json.loads(read("tests/golden/batch.json")):
        put("csv_stream", bytes([0x81 & 0xF8 | TYPES.index(c["input"]["type"])]) + c["input"]["csv"].encode("utf-8"))


if __name__ == "__main__":
    main()
