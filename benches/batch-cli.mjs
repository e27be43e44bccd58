// `node benches/batch-cli.mjs`: the batch end to end as programs — our CLI
// (`target/release/yibao-credit batch --type retail-pharmacy --as-of 2025-12-31 FILE`) against the
// native floor as a program (`batch_floor --cli FILE --as-of 2025-12-31`, benches/batch_floor.rs:
// read the file, split lines on commas, a hard-coded scorer, `input,score,grade` to stdout) on
// the same CSV file (the rows of `cargo bench --bench batch`, written by `batch_floor
// --write-csv`). Each process's wall time (spawn → exit), the two alternating, median of
// BATCH_RUNS (default 5) each → ours/floor. Both write their result CSV to /dev/null (the
// processing, not the disk). First, untimed, both write to files and `batch_floor --compare`
// asserts that every row has the same score and grade. The same-output floor
// (`batch_floor --cli-same FILE --as-of 2025-12-31`, `SameFloor` in benches/batch_floor.rs: the
// floor's scorer plus the checks and columns our result has) is timed in the same alternation;
// its result CSV is asserted byte-identical to ours first.
//
// It builds what it runs: `cargo build --release` (the CLI) and
// `cargo bench --bench batch_floor --no-run` (the floor). Env: BATCH_ROWS (default 1,000,000),
// BATCH_RUNS (default 5), BATCH_CLI_OLD (another build of the CLI, e.g. main's before a change:
// timed in the same alternation, its figures printed beside ours).
import { spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROWS = Number(process.env.BATCH_ROWS || 1000000);
const RUNS = Math.max(1, Number(process.env.BATCH_RUNS || 5));
const AS_OF = '2025-12-31';
const env = { ...process.env };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yc-batch-cli-'));
try {
  // The CLI as `cargo build --release` makes it, copied away first: the bench build below also
  // builds the binaries (bench profile) into the same target/release/ path.
  execFileSync('cargo', ['build', '--release', '--quiet', '--bin', 'yibao-credit'], { cwd: ROOT, stdio: 'inherit', env });
  const cli = path.join(dir, 'yibao-credit');
  fs.copyFileSync(path.join(ROOT, 'target/release/yibao-credit'), cli);
  const built = execFileSync('cargo', ['bench', '--bench', 'batch_floor', '--no-run', '--message-format=json'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 }).toString();
  const floorBin = built.split('\n').filter(Boolean).map((l) => JSON.parse(l))
    .find((m) => m.reason === 'compiler-artifact' && m.target?.name === 'batch_floor' && m.executable)?.executable;
  if (!floorBin) throw new Error('cargo did not build the batch_floor bench (is its [[bench]] stanza in Cargo.toml?)');

  const csv = path.join(dir, 'bench.csv');
  execFileSync(floorBin, ['--write-csv', csv, '--rows', String(ROWS)]);
  const ours = [cli, ['batch', '--type', 'retail-pharmacy', '--as-of', AS_OF, csv]];
  const floor = [floorBin, ['--cli', csv, '--as-of', AS_OF]];
  const same = [floorBin, ['--cli-same', csv, '--as-of', AS_OF]];
  const old = process.env.BATCH_CLI_OLD ? [process.env.BATCH_CLI_OLD, ['batch', '--type', 'retail-pharmacy', '--as-of', AS_OF, csv]] : null;
  const show = ([bin, args]) => [bin === cli ? 'target/release/yibao-credit' : path.relative(ROOT, bin), ...args.map((a) => (a === csv ? 'FILE' : a))].join(' ');

  // Agreement, untimed: both to files, every row compared.
  const run = ([bin, args], outFd) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(bin, args, { stdio: ['ignore', outFd, 'pipe'], maxBuffer: 1 << 26 });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) throw new Error(`${show([bin, args])} exited ${r.status}: ${r.stderr}`);
    return { s, stderr: r.stderr.toString() };
  };
  for (const [name, cmd] of [['ours.csv', ours], ['floor.csv', floor], ['same.csv', same]]) {
    const fd = fs.openSync(path.join(dir, name), 'w');
    try { run(cmd, fd); } finally { fs.closeSync(fd); }
  }
  const cmp = spawnSync(floorBin, ['--compare', path.join(dir, 'ours.csv'), path.join(dir, 'floor.csv')], { stdio: ['ignore', 'inherit', 'pipe'] });
  if (cmp.status !== 0) throw new Error(`the CLI and the floor disagree: ${cmp.stderr}`);
  const agreement = cmp.stderr.toString().trim();
  if (!fs.readFileSync(path.join(dir, 'ours.csv')).equals(fs.readFileSync(path.join(dir, 'same.csv')))) throw new Error('the same-output floor does not write the CLI\'s bytes');
  fs.rmSync(path.join(dir, 'same.csv'));
  fs.rmSync(path.join(dir, 'ours.csv'));
  fs.rmSync(path.join(dir, 'floor.csv'));

  // Timed, alternating, to /dev/null.
  const devNull = fs.openSync('/dev/null', 'w');
  const t = { ours: [], floor: [], same: [], old: [] };
  let summary = '';
  try {
    for (let r = 0; r < RUNS; r++) {
      const order = old ? ['ours', 'floor', 'same', 'old'] : ['ours', 'floor', 'same'];
      for (const which of r % 2 ? order.reverse() : order) {
        const res = run(which === 'ours' ? ours : which === 'old' ? old : which === 'same' ? same : floor, devNull);
        t[which].push(res.s);
        if (which === 'ours') summary = res.stderr;
      }
    }
  } finally {
    fs.closeSync(devNull);
  }
  const rowsEvaluated = JSON.parse(summary).rowsEvaluated;
  if (rowsEvaluated !== ROWS) throw new Error(`the CLI graded ${rowsEvaluated} rows of ${ROWS}`);
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const [mo, mf, ms] = [median(t.ours), median(t.floor), median(t.same)];
  console.log(`$ node benches/batch-cli.mjs   (BATCH_ROWS=${ROWS}, BATCH_RUNS=${RUNS}; FILE = ${(fs.statSync(csv).size / 1e6).toFixed(1)} MB, ${ROWS} rows)`);
  console.log(`  ours:  ${show(ours)} > /dev/null`);
  console.log(`  floor: ${show(floor)} > /dev/null`);
  console.log(`  same-output floor: ${show(same)} > /dev/null`);
  console.log(`  ${agreement}; the same-output floor's result CSV is byte-identical to ours`);
  console.log(`  wall time, alternating, median of ${RUNS}: ours ${mo.toFixed(3)} s, floor ${mf.toFixed(3)} s — ours/floor ${(mo / mf).toFixed(1)}×`);
  console.log(`  same-output floor ${ms.toFixed(3)} s — ours/same-output floor ${(mo / ms).toFixed(2)}× (floor/same-output floor ${(mf / ms).toFixed(2)}×)`);
  if (old) console.log(`  old: ${process.env.BATCH_CLI_OLD}: median ${median(t.old).toFixed(3)} s — old/floor ${(median(t.old) / mf).toFixed(1)}×, old/ours ${(median(t.old) / mo).toFixed(2)}× (runs ${t.old.map((x) => x.toFixed(3)).join(' ')})`);
  console.log(`  runs (s): ours ${t.ours.map((x) => x.toFixed(3)).join(' ')}; floor ${t.floor.map((x) => x.toFixed(3)).join(' ')}; same-output floor ${t.same.map((x) => x.toFixed(3)).join(' ')}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
