// `node benches/browser.mjs`: the browser side of the benchmark, in headless Chromium (Debian's),
// against the built page (run `scripts/build.sh` first). Prints JSON and a short table:
//   cold start  — navigation start to the first grade shown (median of 5 fresh loads)
//   re-evaluate — one RuleSet.evaluate call, the work done per keystroke (median over 2,000)
//   deadlines   — deadline computations per second through the JS API
import { serve, browser, page } from '../tests/e2e/harness.mjs';

const srv = await serve();
const b = await browser();
const out = {};
try {
  const colds = [];
  for (let i = 0; i < 5; i++) {
    const p = await page(b);
    await p.goto(srv.url);
    await p.waitForSelector('#grade');
    colds.push(await p.evaluate(() => performance.now()));
    await p.context().close();
  }
  colds.sort((a, b2) => a - b2);
  out.coldStartMs = +colds[2].toFixed(1);

  const p = await page(b);
  await p.goto(srv.url + '#deadline');
  await p.waitForSelector('select[name=kind]');
  Object.assign(out, await p.evaluate(async () => {
    const m = await import('./pkg/yibao_credit.js');
    await m.default();
    const rs = m.RuleSet.forSubjectType('retail-pharmacy');
    const input = { subject: { type: 'retail-pharmacy', name: '某药房', code: '91110000600037341L' }, asOf: '2026-11-23',
      facts: { 10101: true, 10102: true, 10201: true, 10202: false, 20101: 'good', 20102: true, 20103: true, 20201: 1, 30102: 1 },
      events: [{ kind: 'agreement-talk', date: '2026-05-06' }] };
    for (let i = 0; i < 200; i++) rs.evaluate(input);
    const times = [];
    for (let i = 0; i < 2000; i++) {
      input.facts['30201'] = i % 3;
      const t0 = performance.now();
      rs.evaluate(input);
      times.push(performance.now() - t0);
    }
    times.sort((a, b2) => a - b2);
    const kinds = ['objection-filing', 'objection-review', 'repair-decision', 'repair-decision-max', 'repair-publicity', 'refusal-objection', 'double-publicity', 'case-report', 'monthly-report'];
    const n = 20000;
    const base = Date.UTC(2020, 0, 1);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const d = new Date(base + ((i * 7919) % 2500) * 86400000).toISOString().slice(0, 10);
      m.deadline({ kind: kinds[i % kinds.length], from: d });
    }
    const secs = (performance.now() - t0) / 1000;
    return { reEvaluateMedianMs: +times[1000].toFixed(3), reEvaluateP95Ms: +times[1900].toFixed(3), deadlinesPerSecond: Math.round(n / secs) };
  }));
  await p.context().close();
} finally {
  await b.close();
  await srv.close();
}
console.log(JSON.stringify(out));
console.log(`cold start (navigation → first grade shown, median of 5): ${out.coldStartMs} ms`);
console.log(`one re-evaluation (RuleSet.evaluate, median / p95): ${out.reEvaluateMedianMs} / ${out.reEvaluateP95Ms} ms`);
console.log(`deadline computations in the browser: ${out.deadlinesPerSecond}/s`);
