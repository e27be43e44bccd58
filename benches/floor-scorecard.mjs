// The hand-written JavaScript floor of the scorecard: what scoring one subject, or a CSV of them,
// costs in plain JS with no rule engine at all. The benchmarks compare our wasm against it
// (`node benches/peer-node.mjs`, `node benches/browser.mjs`): ours / floor is the price of the
// engine (input checks, the wasm boundary, JSON in and out, trace, measures …) over the bare
// arithmetic. Platform-neutral ES module (no Node imports): Node imports it directly, the browser
// peer page (benches/peer.html) loads it from the repo root.
//
// The closures are specialised FROM the rule data once (`makeFloorScorer(doc)`,
// `makeFloorBatch(doc)`, doc = data/rules/retail-pharmacy.json or any rule set without free
// ratings in the batch): the leaves are turned into flat arrays (kind, points, per, level table,
// event kind → leaves), and the returned function is a straight loop over them with integer
// arithmetic — no rules, facts, conditions or events of an engine. What it does per subject,
// as docs/rules-format.md and src/evaluate.rs define the score:
//   yesNo     points if the answer equals pointsIf (true/false, 是/否, yes/no, 1/0 …), else 0
//   rating    the level's points (by id, Chinese label or English label), or a free number
//   deduction points − min(points, per × count);  bonus  min(points, per × count)
//             count = the typed count + the events of the leaf's eventKinds dated inside the
//             period (default: the year ending on asOf, from asOf − 12 months + 1 day to asOf)
//   total     in integer hundredths of a point; grade = the first band (highest min first) whose
//             min the total reaches; direct grades: an event in the period of one of a
//             directGrades rule's kinds makes the grade at most that rule's (the worse wins)
// It does not check the input (subject type, dates, effective dates …), warn, list missing
// answers, give measures or a trace: the core does, and that is what the ratio shows.

const YES = new Set(['是', 'yes', 'y', 'true', '1', '符合']);
const NO = new Set(['否', 'no', 'n', 'false', '0', '不符合']);
const YES_NO = 0;
const LEVELS = 1;
const FREE = 2;
const DEDUCTION = 3;
const BONUS = 4;

/** Points (at most two decimals) → integer hundredths. */
const cents = (p) => Math.round(p * 100);

/** The first day of the year ending on `asOf` (`YYYY-MM-DD`): asOf − 12 months (day clamped to the month's end) + 1 day. */
export function yearStart(asOf) {
  let y = +asOf.slice(0, 4) - 1;
  let m = +asOf.slice(5, 7);
  let d = +asOf.slice(8, 10);
  const dim = m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  if (d > dim) d = dim;
  d += 1;
  if (d > dim) { d = 1; m += 1; if (m > 12) { m = 1; y += 1; } }
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

function yesNo(v, code) {
  if (v === true || v === 1) return true;
  if (v === false || v === 0) return false;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (YES.has(t)) return true;
    if (NO.has(t)) return false;
  }
  throw new Error(`floor: indicator ${code}: expected yes or no, got ${JSON.stringify(v)}`);
}

function count(v, code) {
  if (typeof v === 'string') v = v.trim() === '' ? 0 : Number(v.trim());
  if (Number.isInteger(v) && v >= 0 && v <= 10000) return v;
  throw new Error(`floor: indicator ${code}: bad count ${JSON.stringify(v)}`);
}

/** The leaves of `doc` as flat arrays, and the grade bands (highest min first), in hundredths. */
function specialise(doc) {
  const leaves = doc.indicators.filter((i) => i.scoring);
  const n = leaves.length;
  const spec = {
    n,
    code: leaves.map((l) => l.code),
    kind: new Int8Array(n),
    points: new Int32Array(n),
    per: new Int32Array(n),
    pointsIf: leaves.map((l) => l.scoring.pointsIf !== false),
    // level id / Chinese label / lower-cased English label → points (hundredths)
    levels: leaves.map((l) => {
      const m = new Map();
      for (const lv of l.scoring.levels || []) {
        m.set(lv.id, cents(lv.points));
        m.set(lv.label.zh, cents(lv.points));
        if (lv.label.en) m.set(lv.label.en.toLowerCase(), cents(lv.points));
      }
      return m;
    }),
    leavesOfKind: new Map(), // event kind → indexes of the leaves it counts for
    directOfKind: new Map(), // event kind → the worst band index a direct-grade rule sets for it
  };
  leaves.forEach((l, i) => {
    const s = l.scoring;
    spec.points[i] = cents(l.points);
    spec.kind[i] = s.type === 'yesNo' ? YES_NO : s.type === 'rating' ? (s.levels && s.levels.length ? LEVELS : FREE) : s.type === 'deduction' ? DEDUCTION : s.type === 'bonus' ? BONUS : -1;
    if (spec.kind[i] < 0) throw new Error(`floor: leaf ${l.code}: scoring ${s.type} unknown`);
    if (s.per !== undefined) spec.per[i] = cents(s.per);
    for (const k of s.eventKinds || []) {
      if (!spec.leavesOfKind.has(k)) spec.leavesOfKind.set(k, []);
      spec.leavesOfKind.get(k).push(i);
    }
  });
  const bands = [...doc.bands].sort((a, b) => b.min - a.min);
  spec.mins = Int32Array.from(bands, (b) => cents(b.min));
  spec.grades = bands.map((b) => b.grade);
  for (const d of doc.directGrades || []) {
    const pos = spec.grades.indexOf(d.grade);
    for (const k of d.eventKinds) spec.directOfKind.set(k, Math.max(pos, spec.directOfKind.get(k) ?? -1));
  }
  return spec;
}

/**
 * The floor scorer of `doc`: `score(input)` → `{score, grade}` for an evaluate input
 * (`{asOf, facts, events?, period?}`), score in points (a number), grade a letter.
 */
export function makeFloorScorer(doc) {
  const { n, code, kind, points, per, pointsIf, levels, leavesOfKind, directOfKind, mins, grades } = specialise(doc);
  const counts = new Int32Array(n);
  return function score(input) {
    const facts = input.facts || {};
    const events = input.events || [];
    const to = input.period ? input.period.to : input.asOf;
    const from = input.period ? input.period.from : yearStart(input.asOf);
    counts.fill(0);
    let direct = -1;
    for (let e = 0; e < events.length; e++) {
      const ev = events[e];
      if (ev.date < from || ev.date > to) continue;
      const ls = leavesOfKind.get(ev.kind);
      if (ls !== undefined) for (let k = 0; k < ls.length; k++) counts[ls[k]] += 1;
      const d = directOfKind.get(ev.kind);
      if (d !== undefined && d > direct) direct = d;
    }
    let total = 0;
    for (let i = 0; i < n; i++) {
      const v = facts[code[i]];
      const missing = v === undefined || v === null;
      switch (kind[i]) {
        case YES_NO:
          if (!missing && yesNo(v, code[i]) === pointsIf[i]) total += points[i];
          break;
        case LEVELS:
          if (!missing) {
            const t = String(v).trim();
            const p = levels[i].get(t) ?? levels[i].get(t.toLowerCase());
            if (p === undefined) throw new Error(`floor: indicator ${code[i]}: unknown level ${JSON.stringify(v)}`);
            total += p;
          }
          break;
        case FREE:
          if (!missing) {
            const p = cents(Number(v));
            if (!(p >= 0 && p <= points[i])) throw new Error(`floor: indicator ${code[i]}: bad rating ${JSON.stringify(v)}`);
            total += p;
          }
          break;
        default: {
          const c = (missing ? 0 : count(v, code[i])) + counts[i];
          const moved = per[i] * c < points[i] ? per[i] * c : points[i];
          total += kind[i] === DEDUCTION ? points[i] - moved : moved;
        }
      }
    }
    let g = 0;
    while (g < mins.length - 1 && total < mins[g]) g++;
    if (direct > g) g = direct;
    return { score: total / 100, grade: grades[g] };
  };
}

/**
 * The floor batch of `doc`: `floorBatch(csvText, asOf)` → `{csv, rows}`. Reads a CSV made from
 * the `batchTemplate` header (名称, 统一社会信用代码, 主体类型, one column per leaf, one 是/否
 * column per direct-grade event kind) — counts in a cell are the full counts of the period, as
 * in the core's batch — and writes each input line followed by `,score,grade` (CRLF). A minimal
 * CSV reader: comma-split lines, no quoted fields (it throws on a `"`), blank lines skipped; a
 * value it cannot read throws. `asOf` is taken for the same call shape as the core's batch; the
 * cells already are the counts of the period, so it does not change the scores.
 */
export function makeFloorBatch(doc) {
  const { code, kind, points, per, pointsIf, levels, mins, grades } = specialise(doc);
  const kindNames = new Map((doc.eventKinds || []).map((k) => [k.name.zh, k.kind]));
  const directOfKind = new Map();
  for (const d of doc.directGrades || []) {
    const pos = grades.indexOf(d.grade);
    for (const k of d.eventKinds) directOfKind.set(k, Math.max(pos, directOfKind.get(k) ?? -1));
  }
  return function floorBatch(csvText, asOf) {
    if (typeof asOf !== 'string') throw new Error('floor batch: asOf missing');
    if (csvText.indexOf('"') >= 0) throw new Error('floor batch: quoted CSV fields are not read by the floor');
    const text = csvText.charCodeAt(0) === 0xfeff ? csvText.slice(1) : csvText;
    const lines = text.split(/\r?\n/);
    // Header → per column: the leaf index (≥ 0), a direct-grade band index (−2 − pos), or −1 (passed through).
    const header = lines[0].split(',');
    const col = new Int32Array(header.length).fill(-1);
    header.forEach((h, j) => {
      const leaf = code.indexOf(h.split(/[\s（(]/)[0]);
      if (leaf >= 0) { col[j] = leaf; return; }
      const d = directOfKind.get(kindNames.get(h.split(/[（(]/)[0].trim()));
      if (d !== undefined) col[j] = -2 - d;
    });
    const out = [`${lines[0]},得分,等级`];
    let rows = 0;
    for (let r = 1; r < lines.length; r++) {
      const line = lines[r];
      if (line === '') continue;
      const cells = line.split(',');
      let total = 0;
      let direct = -1;
      for (let j = 0; j < cells.length; j++) {
        const c = col[j];
        if (c === -1) continue;
        const cell = cells[j];
        if (c < -1) {
          if (cell === '是' || (cell !== '否' && cell !== '' && yesNo(cell, header[j]))) direct = Math.max(direct, -2 - c);
          continue;
        }
        switch (kind[c]) {
          case YES_NO:
            if (cell !== '' && (cell === '是' ? true : cell === '否' ? false : yesNo(cell, code[c])) === pointsIf[c]) total += points[c];
            break;
          case LEVELS:
            if (cell !== '') {
              const p = levels[c].get(cell);
              if (p === undefined) throw new Error(`floor batch: row ${r + 1}: unknown level ${cell}`);
              total += p;
            }
            break;
          case FREE:
            throw new Error('floor batch: free ratings are not read by the floor');
          default: {
            const k = cell === '' ? 0 : count(cell, code[c]);
            const moved = per[c] * k < points[c] ? per[c] * k : points[c];
            total += kind[c] === DEDUCTION ? points[c] - moved : moved;
          }
        }
      }
      let g = 0;
      while (g < mins.length - 1 && total < mins[g]) g++;
      if (direct > g) g = direct;
      out.push(`${line},${total / 100},${grades[g]}`);
      rows++;
    }
    return { csv: out.join('\r\n') + '\r\n', rows };
  };
}

/** [score, grade] of each row of a floorBatch result CSV (for the agreement checks, not timed). */
export function floorBatchGrades(resultCsv) {
  return resultCsv.split('\r\n').slice(1).filter((l) => l !== '').map((l) => {
    const a = l.lastIndexOf(',');
    const b = l.lastIndexOf(',', a - 1);
    return [Number(l.slice(b + 1, a)), l.slice(a + 1)];
  });
}
