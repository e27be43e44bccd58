// The full result of `RuleSet.evaluate` from its two parts (see src/explain.rs): the explanation of
// one input, which refers to the rule set's texts by position, and the rule set's catalog of those
// texts, read from the core once per rule set. The core's own `evaluate` makes the same join in
// Rust (the command line's `evaluate`); the two are tested to give the same bytes
// (tests/e2e/score.test.mjs, every golden case and random inputs). Nothing is computed here: every
// number and every text comes from the core; this only puts them where `evaluate` puts them, in
// the same order.
// 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至二十条、第二十三条、第二十五至二十六条.

const catalogs = new WeakMap();

/** The catalog of a rule set handle (read from the core once). */
export function catalogOf(rs) {
  let c = catalogs.get(rs);
  if (!c) catalogs.set(rs, (c = rs.catalog));
  return c;
}

const text = (t) => (t.en === undefined ? { zh: t.zh } : { zh: t.zh, en: t.en });

/**
 * The explanation the core packed (src/explain.rs `Packed`: `nums` from `explainEncoded`, `texts`
 * from `explainTexts`) as the object `join` reads, in the order the core wrote it. Points come in
 * hundredths; -1 is an absent position or text.
 */
export function unpack(nums, texts) {
  let i = 0;
  let at = 0;
  const num = () => nums[i++];
  const pts = () => nums[i++] / 100;
  const str = () => {
    const n = nums[i++];
    if (n < 0) return undefined;
    const s = texts.slice(at, at + n);
    at += n;
    return s;
  };
  const txt = () => {
    const zh = str();
    const en = str();
    return en === undefined ? { zh } : { zh, en };
  };
  const list = (f) => {
    const n = num();
    const a = new Array(n);
    for (let k = 0; k < n; k++) a[k] = f();
    return a;
  };
  const scale = pts();
  const score = pts();
  const complete = num() === 1;
  const given = num();
  const of = num();
  const min = pts();
  const max = pts();
  const band = num();
  const d = num();
  const result = { scale, score, grade: str(), pointsGrade: str() };
  const directGrade = str();
  if (directGrade !== undefined) result.directGrade = directGrade;
  result.complete = complete;
  result.answers = { given, of };
  const minGrade = str();
  result.reachable = { min, max, minGrade, maxGrade: str() };
  const subjectClass = str();
  const asOf = str();
  const from = str();
  const period = { from, to: str() };
  const x = { result, subjectClass, asOf, period, band };
  if (d >= 0) x.direct = d;
  x.directEvents = list(num);
  const n = num();
  x.nodes = new Float64Array(n);
  for (let k = 0; k < n; k++) x.nodes[k] = pts();
  x.lines = list(() => {
    const node = num();
    const amount = pts();
    const reason = txt();
    const l = { node, amount, reason };
    const e = num();
    if (e >= 0) l.eventIndex = e;
    const date = str();
    if (date !== undefined) l.date = date;
    return l;
  });
  x.notes = list(() => {
    const node = num();
    return { node, note: txt() };
  });
  x.missing = list(num);
  x.measures = list(num);
  x.joint = list(() => {
    const eventIndex = num();
    const kind = num();
    return { eventIndex, kind, punishment: num() };
  });
  const pos = num();
  if (pos >= 0) {
    const gap = pts();
    const reachableByPoints = num() === 1;
    x.nextGrade = {
      pos, gap, reachableByPoints,
      candidates: list(() => {
        const node = num();
        return { node, headroom: pts() };
      }),
    };
  }
  x.eventsIgnored = list(() => {
    const index = num();
    return { index, reason: txt() };
  });
  x.warnings = list(() => {
    const w = num();
    if (w >= 0) return w;
    const code = str();
    const zh = str();
    return { code, zh, en: str() };
  });
  return x;
}

/** `evaluate`'s result from the explanation (`unpack`ed), the catalog and the input. */
export function join(x, cat, input) {
  const s = input.subject;
  const facts = input.facts || {};
  const lines = new Map();
  for (const l of x.lines) {
    const line = { amount: l.amount, reason: text(l.reason) };
    if (l.eventIndex !== undefined) line.eventIndex = l.eventIndex;
    if (l.date !== undefined) line.date = l.date;
    if (!lines.has(l.node)) lines.set(l.node, []);
    lines.get(l.node).push(line);
  }
  const notes = new Map(x.notes.map((n) => [n.node, n.note]));
  const missing = new Set(x.missing);
  const trace = cat.nodes.map((n, i) => {
    const t = { code: n.code };
    if (n.parent !== undefined) t.parent = n.parent;
    t.depth = n.depth;
    t.name = text(n.name);
    t.points = n.points;
    t.score = x.nodes[i];
    t.cite = n.cite;
    if (n.scoring !== undefined) {
      t.scoring = n.scoring;
      const a = facts[n.code];
      if (a !== undefined && a !== null) t.answer = a;
    }
    t.lines = lines.get(i) || [];
    if (notes.has(i)) t.note = text(notes.get(i));
    t.missing = missing.has(i);
    return t;
  });
  const b = cat.bands[x.band];
  const band = { grade: b.grade, label: text(b.label), min: b.min };
  if (b.max !== undefined) band.max = b.max;
  band.side = b.side;
  band.cite = b.cite;
  const r = {
    rules: { ...cat.rules, title: text(cat.rules.title), issuer: text(cat.rules.issuer) },
    subject: { type: s.type, name: s.name ?? '', code: s.code ?? '' },
    subjectClass: x.subjectClass,
    asOf: x.asOf,
    period: { from: x.period.from, to: x.period.to },
    scale: x.result.scale,
    score: x.result.score,
    grade: x.result.grade,
    label: text(b.label),
    band,
    pointsGrade: x.result.pointsGrade,
  };
  if (x.direct !== undefined) {
    const d = cat.direct[x.direct];
    r.directGrade = { id: d.id, grade: d.grade, reason: text(d.reason), cite: d.cite, eventIndices: x.directEvents.slice() };
  }
  r.measures = x.measures.map((i) => {
    const m = cat.measures[i];
    return { id: m.id, kind: m.kind, text: text(m.text), cite: m.cite };
  });
  r.jointPunishments = x.joint.map((j) => {
    const k = cat.kinds[j.kind];
    const p = k.punishments[j.punishment];
    return { id: p.id, eventIndex: j.eventIndex, eventKind: k.kind, text: text(p.text), basis: p.basis, cite: p.cite };
  });
  if (x.nextGrade !== undefined) {
    const n = x.nextGrade;
    const nb = cat.bands[n.pos];
    const next = { grade: nb.grade, label: text(nb.label), min: nb.min, gap: n.gap, reachableByPoints: n.reachableByPoints };
    if (x.direct !== undefined) next.blockedBy = text(cat.direct[x.direct].blockedBy);
    next.candidates = n.candidates.map((c) => {
      const node = cat.nodes[c.node];
      return { code: node.code, name: text(node.name), headroom: c.headroom, scoring: node.scoring, how: text(node.how) };
    });
    r.nextGrade = next;
  }
  r.complete = x.result.complete;
  r.answers = { given: x.result.answers.given, of: x.result.answers.of };
  r.reachable = { ...x.result.reachable };
  r.missing = x.missing.map((i) => {
    const n = cat.nodes[i];
    return { code: n.code, name: text(n.name), treatedAs: text(n.treatedAs) };
  });
  r.eventsIgnored = x.eventsIgnored;
  // A number is one of the rule set's own warnings (the catalog's), an object one this input made.
  r.warnings = x.warnings.map((w) => (typeof w === 'number' ? { ...cat.warnings[w] } : w));
  r.trace = trace;
  return r;
}
