// The batch page's run loop and row store, in Node with the built tools module (www/pkg):
// - runBatch (www/batch-run.js) reading a file piece by piece gives the command line's rows, in
//   every piece size (cuts inside a character, a quoted field, a line end), and a result file
//   byte for byte the command line's `resultCsv`, in UTF-8 and in GBK;
// - the RowStore (www/batch-rows.js) gives each row as `batch` does, also after pack() / from()
//   (what the worker sends the page), and sorts as a plain sort does;
// - the summary the page gets has its long lists cut (`brief`), counts kept;
// - past the page's row limit the run stops with the page's message (Chinese and English, the
//   command line named, no code shown).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, nodeModule, gbk } from './harness.mjs';
import * as tools from '../../www/pkg/yibao_tools.js';
import { installBatchRows, RowStore } from '../../www/batch-rows.js';
import { runBatch, brief, limitError, PAGE_LIMITS, BRIEF } from '../../www/batch-run.js';

nodeModule(tools, 'yibao_tools');
const batch = installBatchRows(tools);
const BATCH = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/golden/batch.json'), 'utf8'));

/** Runs the page's loop over `bytes`; the 'done' message (store read back as the page reads it). */
async function run(bytes, options, how = {}) {
  let done = null;
  const progress = [];
  await runBatch(tools.BatchRun, new Blob([bytes]), options, {
    ...how,
    send: (m, transfer) => {
      if (m.type === 'progress') progress.push(m);
      if (m.type === 'done') {
        // What postMessage does with the transfer list: the page gets the arrays, the worker none.
        const copy = structuredClone(m, { transfer });
        done = { ...copy, store: RowStore.from(copy.store) };
      }
    },
  });
  return { done, progress };
}

const rowsOfStore = (s) => Array.from({ length: s.n }, (_, i) => s.get(i));

test('the page\'s loop gives the command line\'s rows and file, whatever the piece size', async () => {
  for (const c of BATCH) {
    const want = batch(c.input);
    const bytes = Buffer.from(c.input.csv, 'utf8');
    for (const chunkBytes of [1, 7, 64, 1000, 1 << 20]) {
      const { done, progress } = await run(bytes, { asOf: c.input.asOf, type: c.input.type }, { chunkBytes });
      assert.ok(done, `${c.name} ${chunkBytes}`);
      assert.equal(done.encoding, 'UTF-8');
      assert.deepEqual(rowsOfStore(done.store), want.rows, `${c.name}, pieces of ${chunkBytes} bytes`);
      assert.ok(Buffer.from(await done.blob.arrayBuffer()).equals(Buffer.from(want.resultCsv, 'utf8')), `${c.name}: the result file is the command line's, byte for byte`);
      assert.equal(done.summary.rowsTotal, want.summary.rowsTotal);
      assert.equal(progress.at(-1).done, bytes.length);
    }
  }
});

test('a GBK file is read as GBK, the same rows as its UTF-8 twin', async () => {
  const c = BATCH[0];
  const want = batch(c.input);
  const { done } = await run(Uint8Array.from(gbk(c.input.csv.replace(/^\uFEFF/, ''))), { asOf: c.input.asOf, type: c.input.type }, { chunkBytes: 333 });
  assert.equal(done.encoding, 'GB18030/GBK');
  assert.deepEqual(rowsOfStore(done.store), want.rows);
  assert.ok(Buffer.from(await done.blob.arrayBuffer()).equals(Buffer.from(want.resultCsv, 'utf8')));
});

test('the store sorts as a plain sort does, and filters', async () => {
  const c = BATCH[0];
  const { done } = await run(Buffer.from(c.input.csv), { asOf: c.input.asOf, type: c.input.type });
  const s = done.store;
  const all = s.select(null);
  const rows = rowsOfStore(s);
  for (const col of [1, 2, 3, 4, 5, 6]) {
    for (const dir of [1, -1]) {
      const key = (i) => (col === 6 ? rows[i][6].length : rows[i][col]);
      const want = [...all].sort((a, b) => {
        const ka = key(a); const kb = key(b);
        if (ka === kb) return a - b;
        if (ka === null) return 1;
        if (kb === null) return -1;
        return (ka < kb ? -1 : 1) * dir;
      });
      let pauses = 0;
      const got = await s.sorted(all, col, dir, async () => { pauses++; });
      assert.deepEqual([...got], want, `column ${col}, ${dir}`);
      assert.ok(pauses >= 0);
    }
  }
  const withProblems = s.select((i) => s.problemCount(i) > 0);
  assert.deepEqual([...withProblems], [...all].filter((i) => rows[i][6].length > 0));
});

test('a million rows: the store stays compact, a sort yields', async () => {
  // 1,000,000 rows fed as columns (no core needed: the store's own cost).
  const s = new RowStore();
  const piece = 10000;
  for (let first = 0; first < 1000000; first += piece) {
    const text = Array.from({ length: piece }, (_, j) => `药房${first + j}\u001f91441500${String(first + j).padStart(9, '0')}X\u001fretail-pharmacy`).join('\u001e');
    s.add({ n: piece, row: Uint32Array.from({ length: piece }, (_, j) => first + j + 2), score: Float64Array.from({ length: piece }, (_, j) => (first + j) % 1001), grade: new Uint8Array(piece), grades: ['A'], text, problems: [] });
  }
  const [packed, transfer] = s.pack();
  const bytes = transfer.reduce((a, b) => a + b.byteLength, 0);
  assert.ok(bytes < 120 * 1024 * 1024, `${(bytes / 1048576).toFixed(0)} MB for a million rows`);
  const page = RowStore.from(structuredClone(packed, { transfer }));
  assert.deepEqual(page.get(999999), [1000001, '药房999999', '91441500000999999X', 'retail-pharmacy', 999999 % 1001, 'A', [], null]);
  let pauses = 0;
  const sorted = await page.sorted(page.select(null), 4, -1, async () => { pauses++; });
  assert.ok(pauses > 100, `the sort paused ${pauses} times`);
  assert.equal(page.score[sorted[0]], 1000);
  assert.equal(page.get(sorted[0])[0], 1000 + 2);
  // A sort overtaken by another (the user clicked again) stops at its next pause.
  assert.equal(await page.sorted(page.select(null), 1, 1, async () => {}, () => true), null);
});

test('the page gets the duplicates summarised: the first few, and how many in all', () => {
  const names = Array.from({ length: 12 }, (_, k) => ({ value: `名称${k}`, rows: Array.from({ length: 8 }, (_, r) => 2 + k * 8 + r) }));
  const summary = {
    ...batch(BATCH[0].input).summary,
    problems: Array.from({ length: 1000 }, (_, k) => ({ row: k + 2, code: 'E_FACT_VALUE', column: '10101', zh: '很'.repeat(20000), en: 'x'.repeat(20000) })),
    duplicates: {
      oneCodeManyNames: Array.from({ length: 70 }, (_, g) => ({ code: `CODE${g}`, names, rows: names.flatMap((n) => n.rows) })),
      oneNameManyCodes: [],
      skippedRows: [5, 6, 7],
    },
  };
  const b = brief(summary);
  const d = b.duplicates;
  assert.equal(d.oneCodeManyNames.length, BRIEF.groups);
  assert.equal(d.oneCodeManyNamesGroups, 70);
  assert.equal(d.oneCodeManyNames[0].names.length, BRIEF.perGroup);
  assert.equal(d.oneCodeManyNames[0].count, 12);
  assert.equal(d.oneCodeManyNames[0].rowCount, 96);
  assert.equal(d.oneCodeManyNames[0].names[0].rows.length, BRIEF.rowsPerName);
  assert.equal(d.oneCodeManyNames[0].names[0].rowCount, 8);
  assert.equal(d.skippedRows, 3);
  assert.equal(b.problems.length, BRIEF.problems);
  assert.equal(b.problemsListed, 1000);
  assert.ok(b.problems.every((p) => p.zh.length <= BRIEF.text + 1 && p.en.length <= BRIEF.text + 1));
  assert.ok(JSON.stringify(b).length < 200000);
});

test('past the page\'s row limit the run stops with the page\'s message', async () => {
  const header = '名称,统一社会信用代码,主体类型';
  const csv = `${header}\r\n${Array.from({ length: 30 }, (_, i) => `药房${i},,`).join('\r\n')}\r\n`;
  await assert.rejects(run(Buffer.from(csv), { asOf: '2026-11-23', type: 'retail-pharmacy' }, { maxRows: 20, chunkBytes: 100 }), (e) => {
    assert.equal(e.code, 'E_BATCH_TOO_MANY_ROWS');
    assert.match(e.zh, /文件超过 20 行：页面中最多处理 20 行/);
    assert.match(e.zh, /yibao-credit batch --type retail-pharmacy --as-of 2026-11-23/);
    assert.match(e.en, /more than 20 rows/);
    return true;
  });
  const big = limitError('bytes', 80 * 1048576, PAGE_LIMITS, { asOf: '2026-11-23', rules: '{}' });
  assert.match(big.zh, /文件太大（80\.0 MB）/);
  assert.match(big.zh, /--rules 指标文件\.json/);
  assert.match(big.en, /too large \(80\.0 MB\)/);
  assert.match(big.en, /command line/);
  for (const text of [big.zh, big.en]) assert.doesNotMatch(text, /E_[A-Z]/);
});

test('batch\'s rows, made when first read, are an ordinary property to callers', () => {
  for (const c of BATCH) {
    const want = JSON.parse(c.output);
    const out = batch(c.input);
    assert.deepEqual(Object.keys(out), Object.keys(want), c.name);
    // Read in every way a caller reads a property: the same rows each time (made once).
    assert.deepEqual(out.rows, want.rows, c.name);
    assert.equal(out.rows, out.rows);
    assert.deepEqual({ ...out }.rows, want.rows);
    assert.deepEqual(structuredClone(out).rows, want.rows);
    assert.equal(JSON.stringify(batch(c.input)), c.output, c.name);
    assert.deepEqual(JSON.parse(JSON.stringify(structuredClone(batch(c.input)))), want, c.name);
    // Assigned, it is replaced.
    out.rows = [];
    assert.deepEqual(out.rows, []);
  }
});
