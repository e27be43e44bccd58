// Peer comparison for `node benches/browser.mjs`: the same default retail-pharmacy rule set
// (data/rules/retail-pharmacy.json) scored with npm `json-rules-engine`, and the comparison loop.
// Platform-neutral (no Node imports): it is run in the headless-Chromium page benches/peer.html
// by benches/peer-browser.mjs, which loads json-rules-engine (CommonJS only) with the small
// loader benches/cjs-loader.mjs and passes its `Engine` class in. Our wasm and the peer are both
// timed in that one page, and the ratio is computed there.
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

export function buildEngine(Engine, doc) {
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

// Times one evaluation each, `ruleSet.evaluate(input)` (yibao-credit's wasm RuleSet) and the
// peer's `engine.run`, interleaved, median over `n` after a warm-up; the input varies 30201 over
// 0, 1, 2 and both must give the same score and grade on each of those inputs, else it throws.
export async function comparePeer({ Engine, peerName, doc, ruleSet, input, n = 2000, warmUp = 200 }) {
  const peer = buildEngine(Engine, doc);
  input = structuredClone(input);
  // Both agree on every input timed below (else the comparison is void).
  for (let k = 0; k < 3; k++) {
    input.facts['30201'] = k;
    const a = ruleSet.evaluate(input);
    const b = await peer.evaluate(input);
    if (a.score !== b.score || a.grade !== b.grade) {
      throw new Error(`peer disagrees (30201 = ${k}): ours ${a.score} ${a.grade}, json-rules-engine ${b.score} ${b.grade}`);
    }
  }
  delete input.facts['30201'];
  const ours = ruleSet.evaluate(input);
  for (let i = 0; i < warmUp; i++) { ruleSet.evaluate(input); await peer.evaluate(input); }
  const tw = [];
  const tp = [];
  for (let i = 0; i < n; i++) {
    input.facts['30201'] = i % 3;
    let t0 = performance.now();
    ruleSet.evaluate(input);
    tw.push(performance.now() - t0);
    t0 = performance.now();
    await peer.evaluate(input);
    tp.push(performance.now() - t0);
  }
  const wasmMs = median(tw);
  const peerMs = median(tp);
  return {
    peer: peerName,
    peerRules: peer.rules,
    leaves: peer.leaves,
    score: ours.score,
    grade: ours.grade,
    wasmEvaluateMedianMs: +wasmMs.toFixed(4),
    peerEvaluateMedianMs: +peerMs.toFixed(4),
    peerOverWasm: +(peerMs / wasmMs).toFixed(1),
  };
}
