// `node benches/browser.mjs`: the browser side of the benchmark, in headless Chromium (Debian's),
// against the built page (run `scripts/build.sh` first). Prints JSON and a short table:
//   cold start  — navigation start to the first grade shown (median of 5 fresh loads)
//   re-evaluate — one RuleSet.evaluate call, the work done per keystroke (median over 2,000)
//   deadlines   — deadline computations per second through the JS API
//   batch       — 100,000 pharmacies: the `batch` call alone, and the page (file chosen → table shown)
//   peer        — the same rule set in npm json-rules-engine vs our wasm, one evaluation each, both
//                 timed in the same Chromium page (benches/peer.html, served from the repo root,
//                 cross-origin isolated for a 5 µs timer; json-rules-engine is CommonJS only and is
//                 loaded there by benches/cjs-loader.mjs; see benches/peer-browser.mjs)
import { serve, browser, page, ROOT } from '../tests/e2e/harness.mjs';

// The input of the re-evaluation and of the peer comparison.
const INPUT = {
  subject: { type: 'retail-pharmacy', name: '某药房', code: '91110000600037341L' }, asOf: '2026-11-23',
  facts: { 10101: true, 10102: true, 10201: true, 10202: false, 20101: 'good', 20102: true, 20103: true, 20201: 1, 30102: 1 },
  events: [{ kind: 'agreement-talk', date: '2026-05-06' }],
};

const srv = await serve();
const b = await browser();
const out = {};
try {
  const colds = [];
  for (let i = 0; i < 5; i++) {
    const p = await page(b);
    // The page's own time of the frame that first shows the grade: Playwright's polling (from the
    // load event, with backoff) would add 150–250 ms here. benches/cold-start.mjs: the phases.
    await p.addInitScript(() => new MutationObserver((_, mo) => {
      if (document.getElementById('grade')) { mo.disconnect(); requestAnimationFrame(() => { window.__gradeShownAt = performance.now(); }); }
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
  Object.assign(out, await p.evaluate(async (input) => {
    const m = await import('./pkg/yibao_credit.js');
    await m.default();
    const rs = m.RuleSet.forSubjectType('retail-pharmacy');
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
    // 100,000 rows from the template's header, varied answers.
    const header = m.batchTemplate({ type: 'retail-pharmacy' }).csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
    const codes = header.map((h) => (h.match(/^(\d{5}) /) || [])[1]);
    const levels = ['优秀', '良好', '合格', '不合格'];
    // A distinct valid 统一社会信用代码 per row (GB 32100-2015 check character).
    const A = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    const uscc = (i) => {
      const body = `91441500${String(i).padStart(9, '0')}`;
      const sum = [...body].reduce((a, ch, k) => a + A.indexOf(ch) * W[k], 0);
      return body + A[(31 - (sum % 31)) % 31];
    };
    const lines = [header.join(',')];
    for (let i = 0; i < 100000; i++) {
      lines.push(header.map((h, j) => {
        if (j === 0) return `药房${i}`;
        if (j === 1) return uscc(i);
        if (j === 2) return 'retail-pharmacy';
        const c = codes[j];
        if (!c) return '否';
        if (c === '20101') return levels[i % 4];
        if (c.startsWith('1') || c === '20102' || c === '20103') return (i + j) % 7 ? '是' : '否';
        return String((i * 31 + j) % 3);
      }).join(','));
    }
    const csv = lines.join('\r\n') + '\r\n';
    window.__benchCsv = csv;
    const tb = performance.now();
    const res = m.batch({ csv, asOf: '2026-11-23', type: 'retail-pharmacy' });
    const batchMs = performance.now() - tb;
    return { reEvaluateMedianMs: +times[1000].toFixed(3), reEvaluateP95Ms: +times[1900].toFixed(3), deadlinesPerSecond: Math.round(n / secs),
      batch100kMs: Math.round(batchMs), batchRowsEvaluated: res.summary.rowsEvaluated };
  }, INPUT));
  // The page: the same file chosen in 批量评价, evaluated in the Web Worker, until the table shows.
  const csvText = await p.evaluate(() => window.__benchCsv);
  await p.goto(srv.url + '#batch');
  await p.waitForSelector('#bt-template');
  const t0 = Date.now();
  await p.setInputFiles('#bt-file', { name: 'bench.csv', mimeType: 'text/csv', buffer: Buffer.from(csvText, 'utf8') });
  await p.waitForSelector('.bt-table tbody tr', { timeout: 60000 });
  out.batch100kPageMs = Date.now() - t0;
  // The page's own figure: file read → results shown (worker start, wasm init, decode, evaluate, render).
  out.batch100kInPageMs = Number(await p.getAttribute('[data-elapsed-ms]', 'data-elapsed-ms'));
  await p.context().close();

  // The peer: json-rules-engine and our wasm, timed in one page, the ratio computed there.
  const rootSrv = await serve(ROOT, { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' });
  try {
    const pp = await page(b);
    await pp.goto(rootSrv.url + 'benches/peer.html');
    const { result, modules } = await pp.evaluate(async (input) => (await import('./peer-browser.mjs')).runPeer(input), INPUT);
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
console.log(JSON.stringify(out));
console.log(`cold start (navigation → first grade shown, median of 5): ${out.coldStartMs} ms`);
console.log(`one re-evaluation (RuleSet.evaluate, median / p95): ${out.reEvaluateMedianMs} / ${out.reEvaluateP95Ms} ms`);
console.log(`deadline computations in the browser: ${out.deadlinesPerSecond}/s`);
console.log(`peer (${out.peer.peer}, ${out.peer.peerRules} rules for ${out.peer.leaves} leaves), both timed in the same headless-Chromium page (cross-origin isolated, 5 µs timer): ${out.peer.peerEvaluateMedianMs} ms per engine.run vs ${out.peer.wasmEvaluateMedianMs} ms per RuleSet.evaluate of yibao-credit's wasm — ${out.peer.peerOverWasm}× (same score ${out.peer.score}, grade ${out.peer.grade})`);
console.log(`100,000-row batch in the browser: ${out.batch100kMs} ms for the batch call (${out.batchRowsEvaluated} rows graded), ${out.batch100kInPageMs} ms in the page (file read → table shown, Web Worker; ${out.batch100kPageMs} ms including the test's upload through DevTools)`);
