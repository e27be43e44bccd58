// Peer comparison for `node benches/browser.mjs`: the same default retail-pharmacy rule set
// (data/rules/retail-pharmacy.json) scored with npm `json-rules-engine`.
//
// json-rules-engine 7 ships CommonJS only (dist/index.js requires clone, eventemitter2, hash-it,
// jsonpath-plus): there is no UMD/browser bundle to load with page.addScriptTag, and this
// project builds no bundle for a benchmark. So the peer runs in Node (V8, the engine of the
// headless Chromium) in the same benchmark command, and our wasm is timed there too, with the
// same input, for a like-for-like ratio.
//
// Translation: one rule per leaf outcome —
//   yesNo     → fact equal pointsIf → the leaf's points
//   rating    → one rule per level: fact equal level id → that level's points
//   bonus     → one rule per count k (k·per < points), and one for count ≥ cap → min(k·per, points)
//   deduction → the same on the count, earning points − min(k·per, points)
// Counts are dynamic facts: the typed count plus the events of the leaf's kinds in the period
// (the year ending on asOf), as the core counts them. The grade is the band of the total.
// Not translated (the core does them, the peer does not): input validation, direct grades,
// measures, the trace and the warnings — so the peer does less work per evaluation.
import { createRequire } from 'node:module';
import fs from 'node:fs';

const require = createRequire(import.meta.url);
const { Engine } = require('json-rules-engine');

export function buildEngine(doc) {
  const engine = new Engine([], { allowUndefinedFacts: true });
  const leaves = doc.indicators.filter((i) => i.scoring);
  for (const leaf of leaves) {
    const s = leaf.scoring;
    const ev = (points) => ({ type: 'points', params: { code: leaf.code, points } });
    if (s.type === 'yesNo') {
      engine.addRule({ conditions: { all: [{ fact: 'answers', path: `$.${leaf.code}`, operator: 'equal', value: s.pointsIf }] }, event: ev(leaf.points) });
    } else if (s.type === 'rating') {
      for (const l of s.levels) {
        engine.addRule({ conditions: { all: [{ fact: 'answers', path: `$.${leaf.code}`, operator: 'equal', value: l.id }] }, event: ev(l.points) });
      }
    } else if (s.type === 'bonus' || s.type === 'deduction') {
      const cap = Math.ceil(leaf.points / s.per);
      const fact = `count:${leaf.code}`;
      engine.addFact(fact, (params, almanac) => Promise.all([almanac.factValue('answers'), almanac.factValue('events'), almanac.factValue('period')])
        .then(([answers, events, period]) => {
          const typed = Number(answers?.[leaf.code] ?? 0) || 0;
          return typed + (events || []).filter((e) => s.eventKinds.includes(e.kind) && e.date >= period.from && e.date <= period.to).length;
        }));
      for (let k = 0; k <= cap; k++) {
        const moved = Math.min(k * s.per, leaf.points);
        const points = s.type === 'bonus' ? moved : leaf.points - moved;
        if (points === 0) continue;
        const cond = k === cap ? { fact, operator: 'greaterThanInclusive', value: k } : { fact, operator: 'equal', value: k };
        engine.addRule({ conditions: { all: [cond] }, event: ev(points) });
      }
    } else {
      throw new Error(`leaf ${leaf.code}: scoring ${s.type} not translated`);
    }
  }
  const bands = [...doc.bands].sort((a, b) => b.min - a.min);
  const rules = engine.rules.length;
  async function evaluate(input) {
    const asOf = new Date(`${input.asOf}T00:00:00Z`);
    const from = new Date(Date.UTC(asOf.getUTCFullYear() - 1, asOf.getUTCMonth(), asOf.getUTCDate() + 1)).toISOString().slice(0, 10);
    const { events } = await engine.run({ answers: input.facts, events: input.events || [], period: { from, to: input.asOf } });
    const score = events.reduce((a, e) => a + e.params.points, 0);
    return { score, grade: bands.find((b) => score >= b.min).grade };
  }
  return { evaluate, rules, leaves: leaves.length };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

// Times one evaluation each (median over `n`, after a warm-up), in this Node process.
export async function peerBench(root, input, n = 2000) {
  const doc = JSON.parse(fs.readFileSync(`${root}/data/rules/retail-pharmacy.json`, 'utf8'));
  const peer = buildEngine(doc);
  const wasm = await import(`${root}/www/pkg/yibao_credit.js`);
  wasm.initSync({ module: fs.readFileSync(`${root}/www/pkg/yibao_credit_bg.wasm`) });
  const rs = wasm.RuleSet.forSubjectType('retail-pharmacy');
  // Both agree on every input timed below (else the comparison is void).
  for (let k = 0; k < 3; k++) {
    input.facts['30201'] = k;
    const a = rs.evaluate(input);
    const b = await peer.evaluate(input);
    if (a.score !== b.score || a.grade !== b.grade) {
      throw new Error(`peer disagrees (30201 = ${k}): ours ${a.score} ${a.grade}, json-rules-engine ${b.score} ${b.grade}`);
    }
  }
  delete input.facts['30201'];
  const ours = rs.evaluate(input);
  for (let i = 0; i < 200; i++) { rs.evaluate(input); await peer.evaluate(input); }
  const tw = [];
  const tp = [];
  for (let i = 0; i < n; i++) {
    input.facts['30201'] = i % 3;
    let t0 = performance.now();
    rs.evaluate(input);
    tw.push(performance.now() - t0);
    t0 = performance.now();
    await peer.evaluate(input);
    tp.push(performance.now() - t0);
  }
  const wasmMs = median(tw);
  const peerMs = median(tp);
  return {
    peer: `json-rules-engine ${require('json-rules-engine/package.json').version}`,
    peerRules: peer.rules,
    leaves: peer.leaves,
    score: ours.score,
    grade: ours.grade,
    nodeWasmEvaluateMedianMs: +wasmMs.toFixed(4),
    nodePeerEvaluateMedianMs: +peerMs.toFixed(4),
    peerOverWasm: +(peerMs / wasmMs).toFixed(1),
  };
}
