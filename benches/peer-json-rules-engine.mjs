// The json-rules-engine peer: the same default retail-pharmacy rule set
// (data/rules/retail-pharmacy.json) scored with npm `json-rules-engine`. `buildEngine(Engine, doc)`
// → `{evaluate(input) → Promise<{score, grade}>, rules, leaves}`. Platform-neutral (no Node
// imports), the `Engine` class is passed in: benches/peer-node.mjs imports json-rules-engine in
// Node; in the headless-Chromium page benches/peer.html, benches/peer-browser.mjs loads it
// (CommonJS only) with the small loader benches/cjs-loader.mjs. The timing loop and the agreement
// checks are benches/peer-compare.mjs.
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
      engine.addRule({ conditions: { all: [{ fact: 'answers', path: `$.${leaf.code}`, operator: 'equal', value: s.pointsIf !== false }] }, event: ev(leaf.points) });
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
    // The year ending on asOf, as the core counts it: asOf − 12 months (the day clamped to the
    // month's end: 2024-02-29 → 2023-02-28) + 1 day.
    const [y, m, d] = input.asOf.split('-').map(Number);
    const from = new Date(Date.UTC(y - 1, m - 1, Math.min(d, new Date(Date.UTC(y - 1, m, 0)).getUTCDate()) + 1)).toISOString().slice(0, 10);
    const { events } = await engine.run({ answers: input.facts, events: input.events || [], period: { from, to: input.asOf } });
    const score = events.reduce((a, e) => a + e.params.points, 0);
    return { score, grade: bands.find((b) => score >= b.min).grade };
  }
  return { evaluate, rules, leaves: leaves.length };
}
