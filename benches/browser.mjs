// `node benches/browser.mjs`: the browser side of the benchmark, in headless Chromium (Debian's),
// against the built page (run `scripts/build.sh` first). Prints JSON and a short table:
//   cold start  — navigation start to the first grade shown (median of 5 fresh loads)
//   re-evaluate — one call of our RuleSet per keystroke: each of score / explain / evaluate that
//                 exists (feature-detected), median and p95 over 2,000 in the app page (its timer
//                 has 0.1 ms steps: the peer page's figures below are the precise ones)
//   deadlines   — deadline computations per second through the JS API
//   batch       — 100,000 pharmacies: the `batch` call alone, and the page (file chosen → table shown)
//   peer        — in one Chromium page (benches/peer.html, served from the repo root, cross-origin
//                 isolated for a 5 µs timer; see benches/peer-browser.mjs), interleaved:
//                 our RuleSet's calls vs npm json-rules-engine (CommonJS only, loaded there by
//                 benches/cjs-loader.mjs) vs the hand-written JS floor (benches/floor-scorecard.mjs),
//                 one evaluation each → ours/floor, jre/ours; and the 100,000-row `batch` call vs
//                 the floor's `floorBatch` on the same CSV text, median of 7 each → ours/floor.
//                 Score and grade agreement is asserted (every timed input, every batch row).
// The 100,000-row CSV is benches/bench-csv.mjs's, made here in Node from our wasm's template.
import { serve, browser, page, ROOT } from '../tests/e2e/harness.mjs';
import { loadOurs } from './ours-node.mjs';
import { PEER_INPUT } from './peer-compare.mjs';
import { benchCsv } from './bench-csv.mjs';

// The input of the re-evaluation and of the peer comparison (30201 varied over 0, 1, 2).
const INPUT = PEER_INPUT;
// 100,000 rows from the template's header, varied answers (benches/bench-csv.mjs).
const CSV = benchCsv((await loadOurs(ROOT)).tools.batchTemplate({ type: 'retail-pharmacy' }).csv, 100000);

const srv = await serve();
// --expose-gc: the peer page collects the heap before each timed 100,000-row run.
const b = await browser(['--js-flags=--expose-gc']);
const chromiumVersion = b.version();
const out = {};
try {
  const colds = [];
  for (let i = 0; i < 5; i++) {
    const p = await page(b);
    // The page's own time of the frame that first shows the headline (the grade, or on a
    // blank page how many are answered): Playwright's polling (from the
    // load event, with backoff) would add 150–250 ms here. benches/cold-start.mjs: the phases.
    await p.addInitScript(() => new MutationObserver((_, mo) => {
      if (document.getElementById('grade') || document.getElementById('progress')) { mo.disconnect(); requestAnimationFrame(() => { window.__gradeShownAt = performance.now(); }); }
    }).observe(document, { childList: true, subtree: true }));
    await p.goto(srv.url);
    colds.push(await (await p.waitForFunction(() => window.__gradeShownAt)).jsonValue());
    await p.context().close();
  }
  colds.sort((a, b2) => a - b2);
  out.coldStartMs = +colds[2].toFixed(1);

  const p = await page(b);
  await p.goto(srv.url + '#deadline');
  await p.waitForSelector('select[name=kind]');
  Object.assign(out, await p.evaluate(async ({ input, csv }) => {
    // The public JS API (www/yibao-credit.js): ready() loads the module(s) and rule sets either build has.
    const m = await import('./yibao-credit.js');
    await m.ready();
    const rs = m.RuleSet.forSubjectType('retail-pharmacy');
    // Each call of the RuleSet that exists, one after the other (absolute figures, 0.1 ms timer).
    const reCalls = {};
    for (const name of ['score', 'explain', 'evaluate'].filter((k) => typeof rs[k] === 'function')) {
      for (let i = 0; i < 200; i++) rs[name](input);
      const times = [];
      for (let i = 0; i < 2000; i++) {
        input.facts['30201'] = i % 3;
        const t0 = performance.now();
        rs[name](input);
        times.push(performance.now() - t0);
      }
      times.sort((a, b2) => a - b2);
      reCalls[name] = { medianMs: +times[1000].toFixed(3), p95Ms: +times[1900].toFixed(3) };
    }
    const kinds = ['objection-filing', 'objection-review', 'repair-decision', 'repair-decision-max', 'repair-publicity', 'refusal-objection', 'double-publicity', 'case-report', 'monthly-report'];
    const n = 20000;
    const base = Date.UTC(2020, 0, 1);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const d = new Date(base + ((i * 7919) % 2500) * 86400000).toISOString().slice(0, 10);
      m.deadline({ kind: kinds[i % kinds.length], from: d });
    }
    const secs = (performance.now() - t0) / 1000;
    const tb = performance.now();
    const res = m.batch({ csv, asOf: '2026-11-23', type: 'retail-pharmacy' });
    const batchMs = performance.now() - tb;
    return { reCalls, reEvaluateMedianMs: reCalls.evaluate?.medianMs, reEvaluateP95Ms: reCalls.evaluate?.p95Ms, deadlinesPerSecond: Math.round(n / secs),
      batch100kMs: Math.round(batchMs), batchRowsEvaluated: res.summary.rowsEvaluated };
  }, { input: structuredClone(INPUT), csv: CSV }));
  // The page: the same file chosen in 批量评价, evaluated in the Web Worker, until the table shows.
  const csvText = CSV;
  await p.goto(srv.url + '#batch');
  await p.waitForSelector('#bt-template');
  const t0 = Date.now();
  await p.setInputFiles('#bt-file', { name: 'bench.csv', mimeType: 'text/csv', buffer: Buffer.from(csvText, 'utf8') });
  await p.waitForSelector('.bt-table tbody tr', { timeout: 60000 });
  out.batch100kPageMs = Date.now() - t0;
  // The page's own figure: file read → results shown (worker start, wasm init, decode, evaluate, render).
  out.batch100kInPageMs = Number(await p.getAttribute('[data-elapsed-ms]', 'data-elapsed-ms'));
  await p.context().close();

  // The peer: our wasm, json-rules-engine and the hand-written floor, timed in one page, the
  // ratios computed there; then the 100,000-row batch against the floor's.
  const rootSrv = await serve(ROOT, { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' });
  try {
    const pp = await page(b);
    await pp.goto(rootSrv.url + 'benches/peer.html');
    const { result, modules } = await pp.evaluate(async () => (await import('./peer-browser.mjs')).runPeer());
    // The loader probes candidate paths as Node's resolver does (x, x.js, …; node_modules walking
    // up), so 404s are expected misses; any other error fails the benchmark.
    const errors = pp.errors.filter((e) => !/^Failed to load resource: .* 404 /.test(e));
    if (errors.length) throw new Error(`peer page errors: ${errors.join('; ')}`);
    console.error(`peer page ran ${modules.length} CommonJS files: ${modules.join(', ')}`);
    out.peer = result;
    await pp.context().close();
  } finally {
    await rootSrv.close();
  }
} finally {
  await b.close();
  await srv.close();
}
console.log(`$ node benches/browser.mjs   (Node ${process.version}, Chromium ${chromiumVersion})`);
console.log(JSON.stringify(out));
console.log(`cold start (navigation → first grade shown, median of 5): ${out.coldStartMs} ms`);
for (const [name, r] of Object.entries(out.reCalls)) console.log(`one re-evaluation (RuleSet.${name}, app page, median / p95): ${r.medianMs} / ${r.p95Ms} ms`);
console.log(`deadline computations in the browser: ${out.deadlinesPerSecond}/s`);
const pr = out.peer;
console.log(`peer page (headless Chromium, cross-origin isolated, 5 µs timer), interleaved, median of ${pr.n} each; same score and grade on every input timed (${pr.score} ${pr.grade}; checked on ${pr.agreement.timed} timed + ${pr.agreement.varied} varied inputs with the floor, ${pr.agreement.jre} with ${pr.peer}):`);
console.log(`  ${pr.peer} (${pr.peerRules} rules for ${pr.leaves} leaves), engine.run: ${pr.jreMedianMs} ms; hand-written JS floor: ${pr.floorMedianMs} ms (samples of ${pr.floorReps} calls)`);
for (const [name, c] of Object.entries(pr.calls)) console.log(`  ${name}: ${c.medianMs} ms${c.reps > 1 ? ` (samples of ${c.reps} calls)` : ''} — ours/floor ${c.oursOverFloor}×, jre/ours ${c.jreOverOurs}×`);
const bt = pr.batch;
console.log(`  ${bt.rows.toLocaleString('en')}-row batch (${(bt.csvBytes / 1e6).toFixed(1)} MB CSV), alternating, median of ${bt.runs}: our wasm batch call ${bt.oursMedianMs} ms vs floorBatch ${bt.floorMedianMs} ms — ours/floor ${bt.oursOverFloor}× (all ${pr.agreement.batchRows} rows: same score and grade); the call and its rows read: ${bt.oursWithRowsMedianMs} ms, ${bt.oursWithRowsOverFloor}×`);
console.log(`100,000-row batch in the browser: ${out.batch100kMs} ms for the batch call (${out.batchRowsEvaluated} rows graded), ${out.batch100kInPageMs} ms in the page (file read → table shown, Web Worker; ${out.batch100kPageMs} ms including the test's upload through DevTools)`);
