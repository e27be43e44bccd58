// `node benches/cold-start.mjs [N] [DIR ...]`: where the cold start goes (navigation → first grade
// shown), in headless Chromium against the built page (www/, or each DIR: loads alternate between
// them, for an A/B comparison on a noisy machine). Median of N fresh loads each (default 9), in ms
// since navigation start. Nothing in the page is changed for it: an init script wraps fetch,
// WebAssembly.instantiateStreaming and the wasm exports, and watches the DOM for the first headline (#grade, or #progress while answers are
// missing: a blank page shows no grade since issue 13); the rest
// is the Navigation and Resource Timing entries, and the page's own performance marks if any.
import path from 'node:path';
import { serve, browser, page, ROOT } from '../tests/e2e/harness.mjs';

const N = Number(process.argv[2]) || 9;
const DIRS = process.argv.length > 3 ? process.argv.slice(3).map((d) => path.resolve(d)) : [path.join(ROOT, 'www')];

// Runs in the page before any of its scripts.
function hooks() {
  const T = (window.__cold = { calls: {} });
  const now = () => performance.now();
  const origFetch = window.fetch;
  window.fetch = function (...args) {
    if (T.wasmFetchCall === undefined && /\.wasm/.test(String(args[0]))) T.wasmFetchCall = now();
    return origFetch.apply(this, args);
  };
  const timed = (name, f) => function (...args) {
    const t0 = now();
    const r = f.apply(this, args);
    const t1 = now();
    T[`${name}Start`] ??= t0;
    T[`${name}End`] ??= t1;
    if (T.gradeInDom === undefined) { const c = (T.calls[name] ??= [0, 0]); c[0] += 1; c[1] += t1 - t0; }
    return r;
  };
  const wrapInstance = (instance) => {
    const exports = {};
    for (const [k, v] of Object.entries(instance.exports)) exports[k] = typeof v === 'function' ? timed(k, v) : v;
    // Still an Instance to `instanceof` (the glue checks), with the wrapped exports.
    return Object.create(WebAssembly.Instance.prototype, { exports: { value: exports } });
  };
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const orig = WebAssembly[name];
    WebAssembly[name] = async function (...args) {
      T.via ??= name;
      const r = await orig.apply(this, args);
      T.wasmInstantiated ??= now();
      return r.instance ? { module: r.module, instance: wrapInstance(r.instance) } : wrapInstance(r);
    };
  }
  new MutationObserver(() => {
    if (T.gradeInDom === undefined && (document.getElementById('grade') || document.getElementById('progress'))) {
      T.gradeInDom = now();
      requestAnimationFrame(() => { T.gradeFrame = now(); });
    }
  }).observe(document, { childList: true, subtree: true });
}

// Phase → how to read it from the page (ms since navigation start), in pipeline order.
const PHASES = [
  ['html received', 'nav.responseEnd'],
  ['html parsed (domInteractive)', 'nav.domInteractive'],
  ['css loaded (last stylesheet)', 'css'],
  ['wasm request sent', 'wasm.requestStart'],
  ['js modules before the grade loaded', 'js'],
  ['app.js runs (core fetch() called)', 'T.wasmFetchCall'],
  ['  the same, app.js mark yc:modules', 'marks.yc:modules'],
  ['wasm downloaded', 'wasm.responseEnd'],
  ['wasm compiled + instantiated', 'T.wasmInstantiated'],
  ['RuleSet.forSubjectType start', 'T.ruleset_forSubjectTypeStart'],
  ['RuleSet.forSubjectType end', 'T.ruleset_forSubjectTypeEnd'],
  ['first evaluate start', 'T.ruleset_evaluateStart'],
  ['first evaluate end', 'T.ruleset_evaluateEnd'],
  ['  app.js mark yc:first-view', 'marks.yc:first-view'],
  ['headline (#grade / #progress) in the DOM (task ends)', 'T.gradeInDom'],
  ['frame with the grade (rAF)', 'T.gradeFrame'],
  ['seen after waitForSelector (old bench)', 'seen'],
];

async function measure(b, url) {
  const p = await page(b);
  await p.addInitScript(hooks);
  await p.goto(url);
  await p.waitForSelector('#grade, #progress');
  const seen = await p.evaluate(() => performance.now());
  await p.waitForFunction(() => window.__cold.gradeFrame !== undefined);
  const row = await p.evaluate(([phases, seenAt]) => {
    const T = window.__cold;
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource');
    const wasm = res.find((r) => /\.wasm(\?|$)/.test(r.name)) || {};
    const js = Math.max(0, ...res.filter((r) => /\.js(\?|$)/.test(r.name) && r.responseEnd < T.gradeInDom).map((r) => r.responseEnd));
    // The stylesheets loaded before the grade (the other views' load after it: www/app.js).
    const css = Math.max(0, ...res.filter((r) => /\.css(\?|$)/.test(r.name) && !/print/.test(r.name) && r.responseEnd < T.gradeInDom).map((r) => r.responseEnd));
    const marks = Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]));
    const env = { T, nav, wasm, js, css, marks, seen: seenAt };
    const out = {};
    for (const [name, expr] of phases) {
      const [a, b2] = expr.split(/\.(.*)/);
      const v = b2 ? env[a][b2] : env[a];
      out[name] = typeof v === 'number' && v > 0 ? v : NaN;
    }
    return { out, calls: T.calls, via: T.via };
  }, [PHASES, seen]);
  await p.context().close();
  return row;
}

const servers = await Promise.all(DIRS.map((d) => serve(d)));
const b = await browser();
const rows = DIRS.map(() => []);
try {
  for (let i = 0; i < N; i++) for (let d = 0; d < DIRS.length; d++) rows[d].push(await measure(b, servers[d].url));
} finally {
  await b.close();
  await Promise.all(servers.map((s) => s.close()));
}
const median = (xs) => {
  const v = xs.filter((x) => !Number.isNaN(x)).sort((a, c) => a - c);
  return v.length ? v[Math.floor(v.length / 2)] : NaN;
};
const fmt = (x) => (Number.isNaN(x) ? '—' : x.toFixed(0)).padStart(8);
console.log(`cold start, median of ${N} fresh loads, ms since navigation start (wasm via ${rows[0][0].via}):`);
if (DIRS.length > 1) DIRS.forEach((d, i) => console.log(`  [${i + 1}] ${d}`));
console.log(`${''.padEnd(40)}${DIRS.map((_, i) => `[${i + 1}]`.padStart(8)).join('')}`);
for (const [name] of PHASES) console.log(`  ${name.padEnd(38)}${rows.map((r) => fmt(median(r.map((x) => x.out[name])))).join('')}`);
rows.forEach((r, i) => {
  const heavy = Object.entries(r[r.length - 1].calls).filter(([, [, ms]]) => ms >= 1).sort((a, c) => c[1][1] - a[1][1]);
  console.log(`wasm exports called before the grade${DIRS.length > 1 ? ` [${i + 1}]` : ''} (last load, ≥ 1 ms): ${heavy.map(([k, [n, ms]]) => `${k} ×${n} ${ms.toFixed(1)} ms`).join(', ')}`);
});
