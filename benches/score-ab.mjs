// `node benches/score-ab.mjs OLD_WWW [ROUNDS]`: the per-keystroke calls of two builds side by side
// in one run — `RuleSet.score` and `RuleSet.evaluate` of an earlier build (OLD_WWW: its www/ after
// its scripts/build.sh) against this one, each with its own fast paths (its www/score-fast.js), in
// Node and in one headless-Chromium page (cross-origin isolated: 5 µs timer). Interleaved rounds
// of 50 calls (order rotating), medians after a warm-up, on benches/old-vs-new.mjs's input.
// Checked first: both builds give the same score result and the same full result.
// Used to check that a change to the first screen's module (e.g. its size) leaves scoring as fast.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { oldBuildArgs, INPUT, timeAll, inIsolatedPage } from './ab-timing.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { OLD, N } = oldBuildArgs('score-ab.mjs');

function report(where, t) {
  console.log(`\n${where}`);
  for (const k of Object.keys(t)) console.log(`${k.padEnd(14)} ${t[k].toFixed(2).padStart(9)} µs`);
  console.log(`new/old score     ${(t['new.score'] / t['old.score']).toFixed(2)}`);
  console.log(`new/old evaluate  ${(t['new.evaluate'] / t['old.evaluate']).toFixed(2)}`);
}

async function load(www) {
  const mod = await import(pathToFileURL(path.join(www, 'pkg/yibao_credit.js')).href);
  mod.initSync({ module: fs.readFileSync(path.join(www, 'pkg/yibao_credit_bg.wasm')) });
  mod.registerBuiltin('retail-pharmacy', fs.readFileSync(path.join(www, 'rules/retail-pharmacy.plan.json'), 'utf8'));
  (await import(pathToFileURL(path.join(www, 'score-fast.js')).href)).installFastPaths(mod);
  return mod.RuleSet.forSubjectType('retail-pharmacy');
}
const ro = await load(OLD);
const rn = await load(path.join(ROOT, 'www'));
if (JSON.stringify(ro.score(INPUT)) !== JSON.stringify(rn.score(INPUT))) throw new Error('old and new score disagree');
if (JSON.stringify(ro.evaluate(INPUT)) !== JSON.stringify(rn.evaluate(INPUT))) throw new Error('old and new evaluate disagree');
const node = timeAll({
  'old.score': () => ro.score(INPUT), 'new.score': () => rn.score(INPUT),
  'old.evaluate': () => ro.evaluate(INPUT), 'new.evaluate': () => rn.evaluate(INPUT),
}, N, 50);
report(`Node ${process.version}, ${N} rounds of 50 calls`, node);

await inIsolatedPage(ROOT, OLD, 'score a/b', async (p, b) => {
  const t = await p.evaluate(async ({ input, n, timeSrc }) => {
    if (!self.crossOriginIsolated) throw new Error('not cross-origin isolated');
    const timeAllIn = new Function(`return (${timeSrc})`)();
    const rs = {};
    for (const k of ['old', 'new']) {
      const api = await import(`/${k}/yibao-credit.js`);
      await api.ready({ tools: false, rules: ['retail-pharmacy'] });
      rs[k] = api.RuleSet.forSubjectType('retail-pharmacy');
    }
    if (JSON.stringify(rs.old.evaluate(input)) !== JSON.stringify(rs.new.evaluate(input))) throw new Error('old and new evaluate disagree');
    return timeAllIn({
      'old.score': () => rs.old.score(input), 'new.score': () => rs.new.score(input),
      'old.evaluate': () => rs.old.evaluate(input), 'new.evaluate': () => rs.new.evaluate(input),
    }, n, 50);
  }, { input: INPUT, n: N, timeSrc: timeAll.toString() });
  report(`Chromium (headless, ${b.version()}), ${N} rounds of 50 calls`, t);
  console.log(JSON.stringify({ node, chromium: t }));
});
