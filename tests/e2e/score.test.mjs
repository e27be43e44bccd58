// The JavaScript fast paths give what the core's ordinary paths give, in Node and in Chromium:
// - `RuleSet#score` (the encoded input, www/score-fast.js) = `scoreOrdinary`;
// - `RuleSet#evaluate` (the packed explanation joined with the catalog, www/explain-join.js) =
//   `evaluateOrdinary` (the core's own full result), byte for byte once stringified, and = the
//   command line's bytes on every golden case;
// - `batch` (rows sent as columns, www/batch-rows.js) = the command line's `batch`.
// On random inputs over every shipped rule set: answers of every kind and form (booleans, 是/否,
// level ids and labels, counts as numbers and texts, unknown codes, null), events in and out of
// the period and of unknown kinds, odd subjects, wrong types (both paths must then throw the same);
// and inputs with answers only in the forms the encoder takes, so that most explanations cross
// packed (texts beyond the BMP among them: a text's length is counted in UTF-16 units).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, page, ROOT, nodeModule } from './harness.mjs';
import * as core from '../../www/pkg/yibao_credit.js';
import * as tools from '../../www/pkg/yibao_tools.js';
import { installFastPaths } from '../../www/score-fast.js';
import { installBatchRows } from '../../www/batch-rows.js';

nodeModule(core, 'yibao_credit');
nodeModule(tools, 'yibao_tools');
installFastPaths(core);
const batch = installBatchRows(tools);

const CASES = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/golden/cases.json'), 'utf8'));
const TYPES = ['retail-pharmacy', 'medical-institution', 'physician', 'pharmacist', 'insured'];

/**
 * The random inputs, the same in Node and in the page (a seeded generator). `plain`: answers only
 * in the forms the page's encoder puts into numbers (so that `evaluate` takes the packed path).
 */
function randomInputs(docs, n, seed, plain = false) {
  let x = seed;
  const r = (k) => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x % k; };
  const pick = (a) => a[r(a.length)];
  const out = [];
  for (let i = 0; i < n; i++) {
    const type = pick(Object.keys(docs));
    const doc = docs[type];
    const leaves = doc.indicators.filter((l) => l.scoring);
    const facts = {};
    for (const l of leaves) {
      const s = l.scoring;
      const k = r(10);
      if (k === 0) continue;
      if (k === 1) { facts[l.code] = null; continue; }
      if (plain) {
        if (s.type === 'yesNo') facts[l.code] = k % 2 === 0;
        else if (s.type === 'rating' && s.levels && s.levels.length) facts[l.code] = pick(s.levels).id;
        else if (s.type === 'rating') facts[l.code] = r(l.points * 100 + 1) / 100;
        else facts[l.code] = r(5);
        continue;
      }
      if (s.type === 'yesNo') facts[l.code] = k < 6 ? k % 2 === 0 : pick(['是', '否', 'yes', 0, 1, 'maybe']);
      else if (s.type === 'rating' && s.levels && s.levels.length) facts[l.code] = k < 7 ? pick(s.levels).id : pick([pick(s.levels).label.zh, 'superb', 3]);
      else if (s.type === 'rating') facts[l.code] = k < 8 ? r(l.points * 100 + 1) / 100 : pick([`${r(l.points)}`, 1.005, -1]);
      else facts[l.code] = k < 8 ? r(5) : pick(['2', '', -1, 1.5, 10001]);
    }
    if (!plain && r(8) === 0) facts['99999'] = true;
    const kinds = doc.eventKinds.map((e) => e.kind);
    const events = [];
    for (let e = r(4); e > 0; e--) {
      events.push({ kind: r(12) === 0 ? 'no-such-kind' : pick(kinds), date: `20${pick(['25', '26'])}-${String(1 + r(12)).padStart(2, '0')}-${String(1 + r(28)).padStart(2, '0')}`, ...(r(2) ? { description: pick(['', '说明', 'a\u0000b', 'd'.repeat(4001), '𠮷野家🙂（复查）']) } : {}), ...(r(9) === 0 ? { note: pick(['n', 'z'.repeat(4001)]) } : {}) });
    }
    const input = { subject: { type, name: pick(['', '某药房', 'x'.repeat(r(3) * 1500)]), ...(r(3) === 0 ? { code: pick(['91110000600037341L', '91110000600037341X', '110101199003074578', '9111000060003734𠮷']) } : {}) }, asOf: pick(['2026-11-23', '2025-12-31', '2026-02-30', '2026-02-28']), facts, events };
    if (plain) { out.push(input); continue; }
    if (r(15) === 0) input.period = { from: '2026-01-01', to: '2026-06-30' };
    if (r(20) === 0) input.allowOutOfEffect = true;
    if (r(25) === 0) input.extra = 1;
    out.push(input);
  }
  return out;
}

/** Both ways, as JSON (an error as `{error: {code, zh, en, path}}`). */
function both(rs, input, fast, ordinary) {
  const run = (f) => { try { return JSON.stringify(f.call(rs, input)); } catch (e) { return JSON.stringify({ error: { code: e.code, zh: e.zh, en: e.en, path: e.path } }); } };
  return [run(rs[fast]), run(rs[ordinary])];
}

function docsByType() {
  const docs = {};
  for (const t of TYPES) docs[t] = core.rules({ type: t });
  return docs;
}

test('Node: score and evaluate by the fast paths = the ordinary ones, on 4,000 random inputs', () => {
  const docs = docsByType();
  let n = 0;
  // How many explanations crossed packed (src/explain.rs `Packed`): the others are the core's own.
  const explainEncoded = core.RuleSet.prototype.explainEncoded;
  let packed = 0;
  let astral = 0;
  core.RuleSet.prototype.explainEncoded = function (...a) {
    const nums = explainEncoded.apply(this, a);
    if (nums.length) {
      packed++;
      if (/[\u{10000}-\u{10ffff}]/u.test(a[3] + a[5])) astral++;
    }
    return nums;
  };
  try {
    for (const input of [...randomInputs(docs, 3000, 12345), ...randomInputs(docs, 1000, 54321, true)]) {
      const rs = core.RuleSet.forSubjectType(input.subject.type);
      const [fs1, os1] = both(rs, input, 'score', 'scoreOrdinary');
      assert.equal(fs1, os1, JSON.stringify(input));
      const [fe, oe] = both(rs, input, 'evaluate', 'evaluateOrdinary');
      assert.equal(fe, oe, JSON.stringify(input));
      n++;
    }
  } finally {
    core.RuleSet.prototype.explainEncoded = explainEncoded;
  }
  assert.equal(n, 4000);
  assert.ok(packed >= 300 && astral >= 10, `${packed} packed, ${astral} with a character beyond the BMP`);
});

test('Node: the joined evaluate gives the command line\'s bytes on every golden case', () => {
  let n = 0;
  for (const c of CASES.filter((c) => c.command === 'evaluate' && !c.input.rules)) {
    let rs;
    try { rs = core.RuleSet.forSubjectType(c.input.subject.type); } catch { continue; }
    let out;
    try { out = JSON.stringify(rs.evaluate(c.input)); } catch (e) { out = JSON.stringify({ error: { code: e.code, zh: e.zh, en: e.en, ...(e.path ? { path: e.path } : {}) } }); }
    assert.equal(out, c.output, c.name);
    n++;
  }
  assert.ok(n >= 15, `${n}`);
});

const BATCH = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/golden/batch.json'), 'utf8'));

test('Node: batch (rows sent as columns) gives the command line\'s bytes', () => {
  for (const c of BATCH) {
    assert.equal(JSON.stringify(batch(c.input)), c.output, c.name);
  }
  // The rows did cross as columns (but for the file whose names hold the separators).
  assert.ok(tools.batch(BATCH[0].input).rows.row instanceof Uint32Array);
  assert.ok(Array.isArray(tools.batch(BATCH[1].input).rows));
  // And piece by piece (the page's worker): the same rows and CSV.
  const run = new tools.BatchRun({ asOf: '2026-11-23', type: 'retail-pharmacy' });
  const text = BATCH[0].input.csv;
  const rows = [];
  let csv = '';
  // The page's two passes: duplicates first (scan), then the same text evaluated.
  for (let i = 0; i < text.length; i += 777) run.scan(text.slice(i, i + 777));
  run.endScan();
  for (let i = 0; i < text.length; i += 777) {
    const out = run.push(text.slice(i, i + 777));
    rows.push(...out.rows);
    csv += out.resultCsv;
  }
  const last = run.finish();
  rows.push(...last.rows);
  csv += last.resultCsv;
  const whole = JSON.parse(BATCH[0].output);
  assert.deepEqual(rows, whole.rows);
  assert.equal(csv, whole.resultCsv);
  assert.deepEqual(last.summary, whole.summary);
});

let srv;
let b;
before(async () => { srv = await serve(ROOT); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

test('Chromium: the same agreements through the public JS API (yibao-credit.js)', async () => {
  const p = await page(b);
  // A page of the test's own (no CSP: the generator is handed over as source text).
  srv.files.set('/blank.html', '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>agreement</title>');
  await p.goto(`${srv.url}blank.html`);
  const res = await p.evaluate(async ({ cases, batchCases, genSrc, types }) => {
    const api = await import('/www/yibao-credit.js');
    await api.ready();
    const gen = new Function(`return (${genSrc})`)();
    const docs = {};
    for (const t of types) docs[t] = api.rules({ type: t });
    const run = (rs, f, input) => { try { return JSON.stringify(rs[f](input)); } catch (e) { return JSON.stringify({ error: { code: e.code, zh: e.zh, en: e.en, path: e.path } }); } };
    const bad = [];
    for (const input of [...gen(docs, 1000, 777), ...gen(docs, 500, 778, true)]) {
      const rs = api.RuleSet.forSubjectType(input.subject.type);
      if (run(rs, 'score', input) !== run(rs, 'scoreOrdinary', input)) bad.push(['score', input]);
      if (run(rs, 'evaluate', input) !== run(rs, 'evaluateOrdinary', input)) bad.push(['evaluate', input]);
    }
    let golden = 0;
    for (const c of cases) {
      let rs;
      try { rs = api.RuleSet.forSubjectType(c.input.subject.type); } catch { continue; }
      let out;
      try { out = JSON.stringify(rs.evaluate(c.input)); } catch (e) { out = JSON.stringify({ error: { code: e.code, zh: e.zh, en: e.en, ...(e.path ? { path: e.path } : {}) } }); }
      if (out !== c.output) bad.push(['golden', c.name]);
      golden++;
    }
    for (const c of batchCases) if (JSON.stringify(api.batch(c.input)) !== c.output) bad.push(['batch', c.name]);
    return { bad: bad.slice(0, 5), golden };
  }, { cases: CASES.filter((c) => c.command === 'evaluate' && !c.input.rules), batchCases: BATCH, genSrc: randomInputs.toString(), types: TYPES });
  assert.deepEqual(res.bad, []);
  assert.ok(res.golden >= 15);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
