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
//   new.evaluate   RuleSet.evaluate: the full result, as old.evaluate gives it
//   new.score+evaluate   what the page does on a keystroke that shows everything
// Checked first: new.evaluate gives the same score, grade and trace as old.evaluate (see `same`).
// An old build of this engine (one with www/score-fast.js, e.g. a copy of an earlier main's www/)
// is measured as its page runs it: its compiled rule set (rules/NAME.plan.json) and its own fast
// paths in Node, its public API (yibao-credit.js, `ready`) in Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { oldBuildArgs, INPUT, timeAll, inIsolatedPage } from './ab-timing.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { OLD, N } = oldBuildArgs('old-vs-new.mjs');

/**
 * What is compared. An old build of this engine (`strict`): the same result, byte for byte once
 * stringified. The build before it (e32971e): the rule sets and the result's texts have changed
 * since (citations became objects with the English name and the articles, the hash, one more
 * measure and source warning, `answers` and `reachable` added), so the same score, grade and
 * grade by points, and the same trace: every indicator's code and score and its lines' amounts.
 */
function same(a, b, strict) {
  if (strict) return JSON.stringify(a) === JSON.stringify(b);
  const skeleton = (r) => JSON.stringify([r.score, r.grade, r.pointsGrade, r.trace.map((t) => [t.code, t.score, t.lines.map((l) => l.amount)])]);
  return skeleton(a) === skeleton(b);
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
// An old build that fetches its rule sets (rules as data) is handed the document, as its page did
// (or the compiled form, when it reads that); one of this engine gets its own fast paths.
const OLD_PLAN = path.join(OLD, 'rules/retail-pharmacy.plan.json');
const OLD_FAST = path.join(OLD, 'score-fast.js');
const OLD_API = fs.existsSync(OLD_FAST);
if (fs.existsSync(OLD_PLAN)) old.registerBuiltin('retail-pharmacy', fs.readFileSync(OLD_PLAN, 'utf8'));
else if (typeof old.registerBuiltin === 'function') old.registerBuiltin('retail-pharmacy', rules);
if (OLD_API) (await import(pathToFileURL(OLD_FAST).href)).installFastPaths(old);
const neu = await import(pathToFileURL(path.join(ROOT, 'www/pkg/yibao_credit.js')).href);
neu.initSync({ module: fs.readFileSync(path.join(ROOT, 'www/pkg/yibao_credit_bg.wasm')) });
// The shipped set as the page hands it over: compiled at build time (rules/NAME.plan.json).
neu.registerBuiltin('retail-pharmacy', fs.readFileSync(path.join(ROOT, 'www/rules/retail-pharmacy.plan.json'), 'utf8'));
(await import(pathToFileURL(path.join(ROOT, 'www/score-fast.js')).href)).installFastPaths(neu);
const ro = old.RuleSet.forSubjectType('retail-pharmacy');
const rn = neu.RuleSet.forSubjectType('retail-pharmacy');
if (!same(ro.evaluate(INPUT), rn.evaluate(INPUT), OLD_API)) throw new Error('old and new evaluate disagree');
const node = timeAll({
  'old.evaluate': () => ro.evaluate(INPUT),
  'new.score': () => rn.score(INPUT),
  'new.evaluate': () => rn.evaluate(INPUT),
  'new.score+evaluate': () => { rn.score(INPUT); rn.evaluate(INPUT); },
}, N, 50);
report(`Node ${process.version}, ${N} rounds of 50 calls`, node);

// ---- Chromium: one page with both builds (a temporary root: old/ → OLD_WWW, new/ → www/)
await inIsolatedPage(ROOT, OLD, 'old vs new', async (p, b) => {
  const t = await p.evaluate(async ({ input, n, timeSrc, sameSrc, oldApi }) => {
    if (!self.crossOriginIsolated) throw new Error('not cross-origin isolated');
    const timeAllIn = new Function(`return (${timeSrc})`)();
    const sameIn = new Function(`return (${sameSrc})`)();
    let old;
    if (oldApi) {
      old = await import('/old/yibao-credit.js');
      await old.ready({ tools: false, rules: ['retail-pharmacy'] });
    } else {
      old = await import('/old/pkg/yibao_credit.js');
      await old.default();
      if (typeof old.registerBuiltin === 'function') old.registerBuiltin('retail-pharmacy', await (await fetch('/old/rules/retail-pharmacy.json')).text());
    }
    const api = await import('/new/yibao-credit.js');
    await api.ready({ tools: false, rules: ['retail-pharmacy'] });
    const ro = old.RuleSet.forSubjectType('retail-pharmacy');
    const rn = api.RuleSet.forSubjectType('retail-pharmacy');
    if (!sameIn(ro.evaluate(input), rn.evaluate(input), oldApi)) throw new Error('old and new evaluate disagree');
    return timeAllIn({
      'old.evaluate': () => ro.evaluate(input),
      'new.score': () => rn.score(input),
      'new.evaluate': () => rn.evaluate(input),
      'new.score+evaluate': () => { rn.score(input); rn.evaluate(input); },
    }, n, 50);
  }, { input: INPUT, n: N, timeSrc: timeAll.toString(), sameSrc: same.toString(), oldApi: OLD_API });
  report(`Chromium (headless, ${b.version()}), ${N} rounds of 50 calls`, t);
  console.log(JSON.stringify({ node, chromium: t }));
});
