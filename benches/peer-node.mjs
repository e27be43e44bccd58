// `node benches/peer-node.mjs [N]` (after `scripts/build.sh`): the per-keystroke scoring of the
// default retail-pharmacy rule set (data/rules/retail-pharmacy.json, 18 leaves) in Node, four
// ways, in one process, interleaved on the same inputs (rounds of 20 calls of each, the order
// rotating; benches/peer-compare.mjs), median of N calls each (default 2,000) after a warm-up of
// 3,000 each:
//   ours       our wasm (www/pkg, loaded with initSync as tests/e2e/embed.test.mjs does, one module
//              or the scoring module of two: benches/ours-node.mjs): every call of RuleSet among
//              score / explain / evaluate that exists (feature-detected)
//   jre        npm json-rules-engine, the translation of benches/peer-json-rules-engine.mjs
//   zen        npm @gorules/zen-engine (Rust, native N-API binary), the JDM graph of
//              benches/zen-scorecard.mjs
//   floor      the hand-written JS scorer of benches/floor-scorecard.mjs
// A sample is one call, or for calls under 20 µs (the floor's is ~1 µs) as many calls back to back
// on the same input as make 20 µs, divided (the count is printed).
// Prints each median and the ratios ours/zen, ours/jre, ours/floor (per call of ours), then one
// JSON line. Agreement (asserted, the run fails otherwise): all four give the same score and
// grade on every timed input; ours, zen and the floor on 400 more varied inputs (events at the
// period's ends, direct grades, 是/否 and Chinese level labels, 29 February); json-rules-engine on
// 200 (what its translation reads: no direct grades, booleans and level ids).
// Env: PEER_N (same as the argument).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jre from 'json-rules-engine';
import { loadOurs } from './ours-node.mjs';
import { buildEngine } from './peer-json-rules-engine.mjs';
import { makeZenScorer } from './zen-scorecard.mjs';
import { makeFloorScorer } from './floor-scorecard.mjs';
import { PEER_INPUT, varyPeerInput, ourCalls, checkAgreement, timeInterleaved, agreementInputs, ratio } from './peer-compare.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.argv[2] || process.env.PEER_N || 2000);
// Node 20's V8 moves a wasm function to its optimising tier only after ~1,000 calls (measured:
// the first 1,000 evaluate calls take 0.45 ms, the next 0.28 ms), so the warm-up is long.
const WARM_UP = 3000;
// A timed sample lasts at least this long (calls back to back on one input, divided): the floor's
// call takes ~1 µs, next to the ~0.1 µs cost of reading the clock.
const MIN_SAMPLE_MS = 0.02;
const version = (pkg) => JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;

// zen-engine is a native binary per platform; npm's lock file of this project cannot list them all
// (npm 11 keeps only this platform's, and `npm ci` then refuses the lock), so it is installed for
// the benchmark alone: benches/install-peers.sh.
const { ZenEngine } = await import('@gorules/zen-engine').catch(() => {
  console.error('npm @gorules/zen-engine is not installed: run benches/install-peers.sh first');
  process.exit(2);
});

const { RuleSet, doc } = await loadOurs(ROOT);
const ruleSet = RuleSet.forSubjectType('retail-pharmacy');
const ours = ourCalls(ruleSet);
if (!ours.length) throw new Error('RuleSet has none of score / explain / evaluate');
const jreEngine = buildEngine(jre.Engine, doc);
const zen = makeZenScorer(ZenEngine, doc);
const floorScore = makeFloorScorer(doc);
const peers = {
  jre: { name: `json-rules-engine ${version('json-rules-engine')}`, run: jreEngine.evaluate },
  zen: { name: `zen-engine ${version('@gorules/zen-engine')}`, run: zen.score },
  floor: { name: 'hand-written JS floor', run: floorScore },
};
const all = [...ours, peers.jre, peers.zen, peers.floor];

console.log(`$ node benches/peer-node.mjs ${N}   (Node ${process.version}; ${peers.jre.name} with ${jreEngine.rules} rules, ${peers.zen.name} graph of ${zen.nodes} nodes, for ${jreEngine.leaves} leaves)`);

// Agreement: every contender, every input timed; then the wider sets.
const timed = [0, 1, 2].map((i) => varyPeerInput(PEER_INPUT, i));
await checkAgreement(all, timed, 'timed input');
const wide = await checkAgreement([...ours, peers.zen, peers.floor], agreementInputs(doc, 400), 'varied input');
const wideJre = await checkAgreement([...ours, peers.jre], agreementInputs(doc, 200, { jreSafe: true, seed: 777 }), 'json-rules-engine input');
const first = ruleSet[ours[0].name.split('.')[1]](timed[0]);
console.log(`agreement: all ${all.length} on the ${timed.length} timed inputs (${first.score} ${first.grade}, …); ours, zen, floor on ${wide} varied inputs; ours and json-rules-engine on ${wideJre}`);

const { medianMs: med, reps } = await timeInterleaved(all, { input: PEER_INPUT, vary: varyPeerInput, n: N, warmUp: WARM_UP, minSampleMs: MIN_SAMPLE_MS });
const us = (ms) => `${(ms * 1000).toFixed(2)} µs`;
console.log(`median per call, interleaved, ${N} samples each (calls per sample in brackets):`);
for (const c of all) console.log(`  ${c.name.padEnd(26)} ${us(med[c.name]).padStart(12)}  [${reps[c.name]}]`);
const out = { n: N, medianMs: med, reps, ratios: {} };
for (const o of ours) {
  const r = { oursOverZen: ratio(med[o.name], med[peers.zen.name]), oursOverJre: ratio(med[o.name], med[peers.jre.name]), oursOverFloor: ratio(med[o.name], med[peers.floor.name]) };
  out.ratios[o.name] = r;
  console.log(`  ${o.name}: ours/zen ${r.oursOverZen}×, ours/jre ${r.oursOverJre}×, ours/floor ${r.oursOverFloor}×`);
}
console.log(JSON.stringify(out));
zen.dispose();
