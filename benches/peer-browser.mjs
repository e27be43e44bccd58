// Browser entry of the peer comparison, run by `node benches/browser.mjs` in headless Chromium in
// the page benches/peer.html (served from the repo root, cross-origin isolated so that
// performance.now() has a 5 µs resolution instead of 100 µs). In this one page it loads
// json-rules-engine from node_modules with the CommonJS loader benches/cjs-loader.mjs, our wasm
// through its public JS API (www/yibao-credit.js, `ready()`: one module or two, whichever the
// build has), the rule set from data/rules and the hand-written floor
// (benches/floor-scorecard.mjs), and times, interleaved (benches/peer-compare.mjs):
//   per keystroke  every call of our RuleSet among score / explain / evaluate that exists,
//                  json-rules-engine's run (benches/peer-json-rules-engine.mjs) and the floor's
//                  score function, median of n calls each → ours/floor and jre/ours
//   100,000 rows   our wasm's `batch` call and the floor's `floorBatch` on the same CSV text
//                  (benches/bench-csv.mjs), alternating, each after a gc(), median of
//                  `batchRuns` (7) each → ours/floor; also ours with its rows read right after the
//                  call (the JS API makes the 100,000 row arrays when `rows` is first read)
// and asserts that they agree: score and grade of every contender on every timed input (and ours
// with the floor on 400 varied inputs, ours with json-rules-engine on 200), and the score and
// grade of every one of the 100,000 rows.
import { loadCommonJS } from './cjs-loader.mjs';
import { buildEngine } from './peer-json-rules-engine.mjs';
import { makeFloorScorer, makeFloorBatch, floorBatchGrades } from './floor-scorecard.mjs';
import { benchCsv } from './bench-csv.mjs';
import { PEER_INPUT, varyPeerInput, ourCalls, checkAgreement, timeInterleaved, agreementInputs, median, ratio } from './peer-compare.mjs';

export async function runPeer({ n = 2000, warmUp = 1000, batchRows = 100000, batchRuns = 7, asOf = '2026-11-23' } = {}) {
  if (!self.crossOriginIsolated) throw new Error('peer page is not cross-origin isolated (coarse timer)');
  const { require, executed } = await loadCommonJS(new URL('../node_modules/', import.meta.url).href,
    ['json-rules-engine', 'json-rules-engine/package.json']);
  const { Engine } = require('json-rules-engine');
  const { version } = require('json-rules-engine/package.json');
  // Our public JS API (www/yibao-credit.js): ready() loads the module(s) and rule sets the build has.
  const wasm = await import('../www/yibao-credit.js');
  await wasm.ready();
  const doc = await (await fetch(new URL('../www/rules/retail-pharmacy.json', import.meta.url))).json();
  const ruleSet = wasm.RuleSet.forSubjectType('retail-pharmacy');
  const ours = ourCalls(ruleSet);
  if (!ours.length) throw new Error('RuleSet has none of score / explain / evaluate');
  const peer = buildEngine(Engine, doc);
  const jre = { name: `json-rules-engine ${version}`, run: peer.evaluate };
  const floor = { name: 'hand-written JS floor', run: makeFloorScorer(doc) };
  const all = [...ours, jre, floor];

  // Agreement first (else the comparison is void), then the per-keystroke timing.
  const timed = [0, 1, 2].map((i) => varyPeerInput(PEER_INPUT, i));
  await checkAgreement(all, timed, 'timed input');
  const wide = await checkAgreement([...ours, floor], agreementInputs(doc, 400), 'varied input');
  const wideJre = await checkAgreement([...ours, jre], agreementInputs(doc, 200, { jreSafe: true, seed: 777 }), 'json-rules-engine input');
  const first = await ours[0].run(timed[0]);
  // A sample lasts ≥ 0.1 ms (20 steps of the 5 µs timer): calls shorter than that are timed
  // back to back on one input and divided (the floor ~1 µs; a small score call a few µs).
  const { medianMs: med, reps } = await timeInterleaved(all, { input: PEER_INPUT, vary: varyPeerInput, n, warmUp, minSampleMs: 0.1 });
  const calls = {};
  for (const o of ours) {
    calls[o.name] = { medianMs: +med[o.name].toFixed(4), reps: reps[o.name], oursOverFloor: ratio(med[o.name], med[floor.name]), jreOverOurs: ratio(med[jre.name], med[o.name]) };
  }

  // 100,000 rows: the wasm batch call and the floor batch, alternating, on the same text.
  const csv = benchCsv(wasm.batchTemplate({ type: 'retail-pharmacy' }).csv, batchRows);
  const floorBatch = makeFloorBatch(doc);
  const tb = [];
  const tbr = []; // the call and then its rows read (the JS API makes them when first read)
  const tf = [];
  let checked = 0;
  const got = {};
  for (let r = 0; r < batchRuns; r++) {
    for (const which of r % 2 ? ['floor', 'ours'] : ['ours', 'floor']) {
      // Each run starts on a collected heap (its previous 100,000 results are garbage by now):
      // gc() is there when the browser runs with --js-flags=--expose-gc (benches/browser.mjs).
      got[which] = undefined;
      if (typeof self.gc === 'function') self.gc();
      const t0 = performance.now();
      got[which] = which === 'ours' ? wasm.batch({ csv, asOf, type: 'retail-pharmacy' }) : floorBatch(csv, asOf);
      (which === 'ours' ? tb : tf).push(performance.now() - t0);
      if (which === 'ours' && got.ours.rows.length >= 0) tbr.push(performance.now() - t0);
    }
    if (r === 0) {
      // Every row: the same score and grade (not timed).
      const fg = floorBatchGrades(got.floor.csv);
      const rows = got.ours.rows;
      if (rows.length !== batchRows || fg.length !== batchRows) throw new Error(`batch rows: ours ${rows.length}, floor ${fg.length}, expected ${batchRows}`);
      rows.forEach((row, i) => {
        if (row[4] !== fg[i][0] || row[5] !== fg[i][1]) throw new Error(`batch row ${row[0]}: ours ${row[4]} ${row[5]}, floor ${fg[i][0]} ${fg[i][1]}`);
      });
      checked = rows.length;
    }
  }
  const result = {
    peer: jre.name,
    peerRules: peer.rules,
    leaves: peer.leaves,
    score: first.score,
    grade: first.grade,
    n,
    agreement: { timed: timed.length, varied: wide, jre: wideJre, batchRows: checked },
    jreMedianMs: +med[jre.name].toFixed(4),
    floorMedianMs: +med[floor.name].toFixed(6),
    floorReps: reps[floor.name],
    calls,
    batch: {
      rows: batchRows,
      runs: batchRuns,
      csvBytes: new TextEncoder().encode(csv).length,
      oursMedianMs: Math.round(median(tb)),
      floorMedianMs: Math.round(median(tf)),
      oursOverFloor: ratio(median(tb), median(tf)),
      oursWithRowsMedianMs: Math.round(median(tbr)),
      oursWithRowsOverFloor: ratio(median(tbr), median(tf)),
      oursMs: tb.map(Math.round),
      floorMs: tf.map(Math.round),
    },
  };
  // The CommonJS files that actually ran, relative to node_modules (for the log).
  const nm = new URL('../node_modules/', import.meta.url).href;
  return { result, modules: executed.map((u) => u.replace(nm, '')) };
}
