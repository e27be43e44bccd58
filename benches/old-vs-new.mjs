// `node benches/old-vs-new.mjs OLD_WWW [N]`: this engine against an earlier build, side by side in
// one run — in Node, and in one headless-Chromium page (cross-origin isolated: 5 µs timer).
// OLD_WWW is the www/ of an earlier checkout after its scripts/build.sh, e.g. the main before the
// one-engine change:
//   git worktree add /tmp/old e32971e && (cd /tmp/old && ln -s "$PWD/node_modules" . ; scripts/build.sh)
//   scripts/build.sh && node benches/old-vs-new.mjs /tmp/old/www
// Timed, interleaved in rounds of 50 calls each (the order rotating), median of the rounds after a
// warm-up of 3,000 calls each, on the same input (benches/peer-compare.mjs's PEER_INPUT):
//   old.evaluate   the earlier RuleSet.evaluate (score, grade and the full explanation, as JSON text
//                  through the boundary)
//   new.score      RuleSet.score: score, grade and what is unanswered
//   new.evaluate   RuleSet.evaluate: the same full result as old.evaluate
//   new.score+evaluate   what the page does on a keystroke that shows everything
// Checked first: new.evaluate gives the same score and grade as old.evaluate, and the same result
// apart from the fields this engine adds (answers, reachable).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve, browser, page } from '../tests/e2e/harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OLD = path.resolve(process.argv[2] || '');
const N = Number(process.argv[3] || 200);
if (!fs.existsSync(path.join(OLD, 'pkg/yibao_credit.js'))) {
  console.error('usage: node benches/old-vs-new.mjs OLD_WWW [ROUNDS]  (OLD_WWW: an earlier www/ after its scripts/build.sh)');
  process.exit(2);
}
const INPUT = {
  subject: { type: 'retail-pharmacy', name: '某药房', code: '91110000600037341L' }, asOf: '2026-11-23',
  facts: { 10101: true, 10102: true, 10201: true, 10202: false, 20101: 'good', 20102: true, 20103: true, 20201: 1, 30102: 1 },
  events: [{ kind: 'agreement-talk', date: '2026-05-06' }],
};

/** The timing loop, run in Node and in the page: `calls` by name, rounds of `per` calls each. */
function timeAll(calls, rounds, per) {
  const names = Object.keys(calls);
  for (const n of names) for (let i = 0; i < 3000; i++) calls[n]();
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const n = names[(r + k) % names.length];
      const f = calls[n];
      const t0 = performance.now();
      for (let i = 0; i < per; i++) f();
      samples[n].push(((performance.now() - t0) / per) * 1000);
    }
  }
  const med = (v) => { const s = [...v].sort((a, b) => a - b); return s[s.length >> 1]; };
  return Object.fromEntries(names.map((n) => [n, med(samples[n])]));
}

/** What is compared: the same result apart from the added fields. */
function same(a, b) {
  const strip = (r) => JSON.stringify({ ...r, answers: undefined, reachable: undefined });
  return a.score === b.score && a.grade === b.grade && strip(a) === strip(b);
}

function report(where, t) {
  const line = (k) => `${k.padEnd(20)} ${t[k].toFixed(2).padStart(9)} µs`;
  console.log(`\n${where}`);
  for (const k of Object.keys(t)) console.log(line(k));
  console.log(`old.evaluate / new.score            ${(t['old.evaluate'] / t['new.score']).toFixed(1)}×`);
  console.log(`old.evaluate / new.evaluate         ${(t['old.evaluate'] / t['new.evaluate']).toFixed(1)}×`);
  console.log(`old.evaluate / new.score+evaluate   ${(t['old.evaluate'] / t['new.score+evaluate']).toFixed(1)}×`);
}

// ---- Node
const rules = JSON.parse(fs.readFileSync(path.join(ROOT, 'www/rules/retail-pharmacy.json'), 'utf8'));
const old = await import(pathToFileURL(path.join(OLD, 'pkg/yibao_credit.js')).href);
old.initSync({ module: fs.readFileSync(path.join(OLD, 'pkg/yibao_credit_bg.wasm')) });
// An old build that fetches its rule sets (rules as data) is handed what its page fetched: the
// compiled form when it has one (rules/NAME.plan.json), else the document.
const oldPlan = path.join(OLD, 'rules/retail-pharmacy.plan.json');
if (typeof old.registerBuiltin === 'function') old.registerBuiltin('retail-pharmacy', fs.existsSync(oldPlan) ? fs.readFileSync(oldPlan, 'utf8') : rules);
const neu = await import(pathToFileURL(path.join(ROOT, 'www/pkg/yibao_credit.js')).href);
neu.initSync({ module: fs.readFileSync(path.join(ROOT, 'www/pkg/yibao_credit_bg.wasm')) });
// The shipped set as the page hands it over: compiled at build time (rules/NAME.plan.json).
neu.registerBuiltin('retail-pharmacy', fs.readFileSync(path.join(ROOT, 'www/rules/retail-pharmacy.plan.json'), 'utf8'));
(await import(pathToFileURL(path.join(ROOT, 'www/score-fast.js')).href)).installFastPaths(neu);
const ro = old.RuleSet.forSubjectType('retail-pharmacy');
const rn = neu.RuleSet.forSubjectType('retail-pharmacy');
if (!same(ro.evaluate(INPUT), rn.evaluate(INPUT))) throw new Error('old and new evaluate disagree');
const node = timeAll({
  'old.evaluate': () => ro.evaluate(INPUT),
  'new.score': () => rn.score(INPUT),
  'new.evaluate': () => rn.evaluate(INPUT),
  'new.score+evaluate': () => { rn.score(INPUT); rn.evaluate(INPUT); },
}, N, 50);
report(`Node ${process.version}, ${N} rounds of 50 calls`, node);

// ---- Chromium: one page with both builds (a temporary root: old/ → OLD_WWW, new/ → www/)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yc-oldnew-'));
fs.symlinkSync(OLD, path.join(tmp, 'old'));
fs.symlinkSync(path.join(ROOT, 'www'), path.join(tmp, 'new'));
fs.symlinkSync(path.join(ROOT, 'data'), path.join(tmp, 'data'));
fs.writeFileSync(path.join(tmp, 'index.html'), '<!doctype html><meta charset="utf-8"><title>old vs new</title><p>old vs new</p>');
const srv = await serve(tmp, { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' });
const b = await browser();
try {
  const p = await page(b);
  await p.goto(srv.url);
  const t = await p.evaluate(async ({ input, n, timeSrc, sameSrc }) => {
    if (!self.crossOriginIsolated) throw new Error('not cross-origin isolated');
    const timeAllIn = new Function(`return (${timeSrc})`)();
    const sameIn = new Function(`return (${sameSrc})`)();
    const old = await import('/old/pkg/yibao_credit.js');
    await old.default();
    if (typeof old.registerBuiltin === 'function') {
      const plan = await fetch('/old/rules/retail-pharmacy.plan.json');
      old.registerBuiltin('retail-pharmacy', await (plan.ok ? plan : await fetch('/old/rules/retail-pharmacy.json')).text());
    }
    const api = await import('/new/yibao-credit.js');
    await api.ready({ tools: false, rules: ['retail-pharmacy'] });
    const ro = old.RuleSet.forSubjectType('retail-pharmacy');
    const rn = api.RuleSet.forSubjectType('retail-pharmacy');
    if (!sameIn(ro.evaluate(input), rn.evaluate(input))) throw new Error('old and new evaluate disagree');
    return timeAllIn({
      'old.evaluate': () => ro.evaluate(input),
      'new.score': () => rn.score(input),
      'new.evaluate': () => rn.evaluate(input),
      'new.score+evaluate': () => { rn.score(input); rn.evaluate(input); },
    }, n, 50);
  }, { input: INPUT, n: N, timeSrc: timeAll.toString(), sameSrc: same.toString() });
  report(`Chromium (headless, ${b.version()}), ${N} rounds of 50 calls`, t);
  console.log(JSON.stringify({ node, chromium: t }));
} finally {
  await b.close();
  await srv.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
