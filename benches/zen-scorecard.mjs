// The scorecard as a GoRules ZEN decision graph (JDM), for the Node peer benchmark
// `node benches/peer-node.mjs` (npm @gorules/zen-engine: the Rust engine with native N-API
// binaries). `zenGraph(doc)` builds the graph from the rule data (doc =
// data/rules/retail-pharmacy.json); `makeZenScorer(ZenEngine, doc)` returns
// `async score(input) → {score, grade}` for the same evaluate input our wasm takes
// (`{subject, asOf, facts, events}`). Platform-neutral: the engine class is passed in.
//
// The graph, one node after the other (each passes its input through, adding its keys):
//   request               the evaluate input as is
//   period                from / to as timestamps: the year ending on asOf
//                         (d(asOf).sub(12, "M").add(1, "d"), as the core counts it)
//   events in period      `counted`: the kinds of the events dated inside the period
//   counts                n.c<code> = the typed count + the counted events of the leaf's kinds
//   <code> (one decision table per yes/no and rating leaf)
//                         first hit: the answers that earn the points (true, 是, yes, 1 … /
//                         the level's id or label) → points, else 0, into p.c<code>
//   count leaves          p.c<code> = min(points, per × n) (bonus), points − that (deduction)
//   total                 the sum of the leaves, in integer hundredths
//   grade bands           decision table, first hit: total ≥ min → grade and its rank
//   result                direct grades (an event of a directGrades kind in the period: the
//                         worse grade wins); outputs {score, grade} only
// The core's input checks, warnings, measures and trace are not in the graph.

const YES = ['true', '"是"', '"yes"', '"y"', '"true"', '"1"', '"符合"', '1'];
const NO = ['false', '"否"', '"no"', '"n"', '"false"', '"0"', '"不符合"', '0'];
const cents = (p) => Math.round(p * 100);
const q = (s) => JSON.stringify(s);

export function zenGraph(doc) {
  const leaves = doc.indicators.filter((i) => i.scoring);
  const counted = leaves.filter((l) => l.scoring.type === 'deduction' || l.scoring.type === 'bonus');
  const tabled = leaves.filter((l) => l.scoring.type === 'yesNo' || l.scoring.type === 'rating');
  for (const l of tabled) {
    if (l.scoring.type === 'rating' && !(l.scoring.levels || []).length) throw new Error(`zen graph: leaf ${l.code}: free ratings not translated`);
  }
  const nodes = [{ id: 'request', type: 'inputNode', name: 'request' }];
  const expr = (id, name, rows, passThrough = true) => nodes.push({
    id, type: 'expressionNode', name,
    content: { expressions: rows.map(([key, value], k) => ({ id: `${id}-${k}`, key, value })), passThrough, inputField: null, outputPath: null, executionMode: 'single' },
  });
  const table = (id, name, field, rules, outputs) => nodes.push({
    id, type: 'decisionTableNode', name,
    content: {
      hitPolicy: 'first', passThrough: true, inputField: null, outputPath: null, executionMode: 'single',
      inputs: [{ id: `${id}-in`, name: 'answer', field }],
      outputs: outputs.map((o, k) => ({ id: `${id}-out${k}`, name: o, field: o })),
      rules: rules.map(([test, ...values], r) => Object.fromEntries([['_id', `${id}-r${r}`], [`${id}-in`, test], ...values.map((v, k) => [`${id}-out${k}`, v])])),
    },
  });

  expr('period', 'period', [['period.from', 'd(asOf).sub(12, "M").add(1, "d").timestamp()'], ['period.to', 'd(asOf).timestamp()']]);
  expr('events', 'events in period', [['counted', 'map(filter(events ?? [], d(#.date).timestamp() >= period.from and d(#.date).timestamp() <= period.to), #.kind)']]);
  expr('counts', 'counts', counted.map((l) => [`n.c${l.code}`, `(facts[${q(l.code)}] ?? 0) + count(counted, # in ${q(l.scoring.eventKinds)})`]));
  for (const l of tabled) {
    const s = l.scoring;
    const rows = s.type === 'yesNo'
      ? [[(s.pointsIf === false ? NO : YES).join(', '), String(cents(l.points))], ['', '0']]
      : [...s.levels.map((lv) => [[lv.id, lv.label.zh, ...(lv.label.en ? [lv.label.en] : [])].map(q).join(', '), String(cents(lv.points))]), ['', '0']];
    table(`t${l.code}`, l.code, `facts[${q(l.code)}]`, rows, [`p.c${l.code}`]);
  }
  expr('count-leaves', 'count leaves', counted.map((l) => {
    const moved = `min([${cents(l.points)}, ${cents(l.scoring.per)} * n.c${l.code}])`;
    return [`p.c${l.code}`, l.scoring.type === 'bonus' ? moved : `${cents(l.points)} - ${moved}`];
  }));
  expr('total', 'total', [['total', leaves.map((l) => `p.c${l.code}`).join(' + ')]]);
  const bands = [...doc.bands].sort((a, b) => b.min - a.min);
  table('bands', 'grade bands', 'total', bands.map((b, r) => [`>= ${cents(b.min)}`, q(b.grade), String(r)]), ['pointsGrade', 'pointsRank']);
  const direct = (doc.directGrades || []).map((d) => `(some(counted, # in ${q(d.eventKinds)}) ? ${bands.findIndex((b) => b.grade === d.grade)} : 0)`);
  expr('result', 'result', [
    ['score', 'total / 100'],
    ['grade', `${q(bands.map((b) => b.grade))}[max([pointsRank${direct.map((x) => `, ${x}`).join('')}])]`],
  ], false);
  nodes.push({ id: 'response', type: 'outputNode', name: 'response' });
  const edges = nodes.slice(1).map((nd, k) => ({ id: `e${k}`, sourceId: nodes[k].id, targetId: nd.id, type: 'edge' }));
  return { contentType: 'application/vnd.gorules.decision', nodes, edges };
}

/** `{score, grade, nodes}`: the scorer over a ZenEngine decision made from `zenGraph(doc)`. */
export function makeZenScorer(ZenEngine, doc) {
  const graph = zenGraph(doc);
  const engine = new ZenEngine();
  const decision = engine.createDecision(graph);
  async function score(input) {
    const { result } = await decision.evaluate(input);
    return result;
  }
  return { score, nodes: graph.nodes.length, graph, dispose: () => engine.dispose() };
}
