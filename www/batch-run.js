// Runs a batch evaluation piece by piece through the core's BatchRun, reporting progress: the one
// loop used by the Web Worker (batch-worker.js) and by the page-thread fallback from file://
// (views/batch.js). 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
//
// The file is read a piece at a time (never whole), decoded as it comes (UTF-8, else GB18030, a
// superset of GBK), and what comes out is held compactly: the rows in a RowStore (batch-rows.js),
// the result CSV as a Blob made of the core's pieces (the browser keeps a Blob's bytes out of the
// page's memory), the summary with its long lists cut short (`brief`).
//
// send() receives {type: 'progress', phase?: 'scan', done, total, rows} (the duplicate pass, then
// the evaluation), then {type: 'done', summary, store,
// blob, encoding, rows} (with a list of what to transfer). Between pieces `pause()` is awaited
// (the page thread yields there); when `stopped()` turns true the run ends without a 'done'.
import { RowStore } from './batch-rows.js';

/**
 * What the page takes (the core's own limits, src/batch.rs, are higher). Measured with
 * benches/batch-memory.mjs: the page stays within about 1.5 GB of memory up to these; larger
 * files go to the command line, which streams them in constant memory.
 */
export const PAGE_LIMITS = { bytes: 60 * 1024 * 1024, rows: 500000 };

/** The command line that evaluates a file of any size with the same options (`--rules`: the bureau's rule file). */
function cli(options, zh) {
  const rules = options && options.rules ? `--rules ${zh ? '指标文件' : 'rules'}.json` : `--type ${(options && options.type) || 'retail-pharmacy'}`;
  return `yibao-credit batch ${rules} --as-of ${(options && options.asOf) || '2025-12-31'} ${zh ? '名单.csv > 结果.csv' : 'list.csv > results.csv'}`;
}

const mb = (n) => (n / 1048576).toFixed(1);
const thousands = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * The message for a file past the page's limits: `kind` 'bytes' (its size is `value`) or 'rows'
 * (it has more than the limit). Chinese and English, pointing to the command line (with the
 * batch's `options`: type or rule file, as-of date).
 */
export function limitError(kind, value, limits = PAGE_LIMITS, options = null) {
  const rowsZh = limits.rows % 10000 ? `${limits.rows} 行` : `${limits.rows / 10000} 万行`;
  const rowsEn = `${thousands(limits.rows)} rows`;
  const how = {
    zh: `请把名单拆成几个文件分别评价，或用命令行评价整个文件（不限大小，边读边算，占用内存很少）：${cli(options, true)}`,
    en: `Split the list into several files, or evaluate the whole file with the command line (any size: it reads as it goes and needs little memory): ${cli(options, false)}`,
  };
  if (kind === 'bytes') {
    return {
      code: 'E_BATCH_TOO_LARGE',
      zh: `文件太大（${mb(value)} MB）：页面中最多处理 ${mb(limits.bytes)} MB、${rowsZh}，更大的文件会让浏览器内存不足。${how.zh}`,
      en: `The file is too large (${mb(value)} MB): the page takes at most ${mb(limits.bytes)} MB and ${rowsEn}; a larger file would exhaust the browser's memory. ${how.en}`,
    };
  }
  return {
    code: 'E_BATCH_TOO_MANY_ROWS',
    zh: `文件超过 ${rowsZh}：页面中最多处理 ${rowsZh}，更多的行会让浏览器内存不足，未生成结果。${how.zh}`,
    en: `The file has more than ${rowsEn}: the page takes at most ${rowsEn}; more would exhaust the browser's memory, so there are no results. ${how.en}`,
  };
}

/** A thrown core error ({code, zh, en, path}) or any other error, as a plain object. */
export function plainError(e) {
  if (e && e.code) return { code: e.code, zh: e.zh, en: e.en, path: e.path };
  const m = e && e.message ? e.message : String(e);
  return { code: 'E_WORKER', zh: `批量评价出错：${m}`, en: `batch failed: ${m}` };
}

/** How much of the summary's lists the page is sent (the result file has every row). */
export const BRIEF = { groups: 50, perGroup: 5, rowsPerName: 5, problems: 200, text: 300 };

const cutTo = (s, n) => (typeof s === 'string' && s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * The summary the page shows: as the core's, but each duplicate group with its first few names
 * (or codes) and their first few rows, and how many there are in all (`count`, `rowCount`); the
 * first groups only (`groups`: how many in all); the first listed problems, their texts cut; the
 * skipped rows counted, not listed. A code filled down a million rows is one group of a million
 * names: the page gets five of them and the count.
 * @param {any} s the core's Summary
 */
export function brief(s) {
  const d = s.duplicates;
  const occ = (list) => list.slice(0, BRIEF.perGroup).map((o) => ({ value: cutTo(o.value, BRIEF.text), rows: o.rows.slice(0, BRIEF.rowsPerName), rowCount: o.rows.length }));
  const byCode = d.oneCodeManyNames.slice(0, BRIEF.groups).map((g) => ({ code: cutTo(g.code, BRIEF.text), names: occ(g.names), count: g.names.length, rowCount: g.rows.length }));
  const byName = d.oneNameManyCodes.slice(0, BRIEF.groups).map((g) => ({ name: cutTo(g.name, BRIEF.text), codes: occ(g.codes), count: g.codes.length, rowCount: g.rows.length }));
  const cutProblem = (p) => ({ ...p, column: cutTo(p.column, BRIEF.text), zh: cutTo(p.zh, BRIEF.text), en: cutTo(p.en, BRIEF.text) });
  return {
    ...s,
    problems: s.problems.slice(0, BRIEF.problems).map(cutProblem),
    problemsListed: s.problems.length,
    fileProblems: s.fileProblems.map(cutProblem),
    columns: s.columns.map((c) => ({ ...c, header: cutTo(c.header, BRIEF.text) })),
    duplicates: {
      oneCodeManyNames: byCode, oneCodeManyNamesGroups: d.oneCodeManyNames.length,
      oneNameManyCodes: byName, oneNameManyCodesGroups: d.oneNameManyCodes.length,
      skippedRows: d.skippedRows.length,
    },
  };
}

/** The result CSV as it comes, in Blobs of a few MB (one string of a million rows would not fit). */
class CsvParts {
  constructor() { this.parts = []; this.chars = 0; this.blobs = []; }
  add(s) {
    if (!s) return;
    this.parts.push(s);
    this.chars += s.length;
    if (this.chars >= 4 * 1024 * 1024) this.flush();
  }
  flush() {
    if (this.parts.length) this.blobs.push(new Blob(this.parts));
    this.parts = [];
    this.chars = 0;
  }
  blob() {
    this.flush();
    return new Blob(this.blobs, { type: 'text/csv;charset=utf-8' });
  }
}

class WrongEncoding extends Error {}

async function runOnce(BatchRun, file, options, encoding, { chunkBytes, send, pause, stopped, maxRows }) {
  const run = new BatchRun(options);
  try {
    const dec = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
    const store = new RowStore();
    const csv = new CsvParts();
    const push = (text) => {
      const out = run.pushColumns ? run.pushColumns(text) : run.push(text);
      store.add(out.rows);
      csv.add(out.resultCsv);
      if (store.n > maxRows) throw Object.assign(new Error('rows'), limitError('rows', store.n, { ...PAGE_LIMITS, rows: maxRows }, options));
    };
    const decode = (bytes, stream) => {
      try {
        return dec.decode(bytes, { stream });
      } catch (e) {
        if (encoding === 'utf-8') throw new WrongEncoding();
        throw e;
      }
    };
    const total = file.size;
    // First pass: duplicates only (一码多赋、重复赋码), so that the second can mark every row of a
    // group with the other rows. The file is read twice, a piece at a time either way.
    if (run.scan) {
      const first = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
      const scanDecode = (bytes, stream) => {
        try {
          return first.decode(bytes, { stream });
        } catch (e) {
          if (encoding === 'utf-8') throw new WrongEncoding();
          throw e;
        }
      };
      for (let pos = 0; pos < total;) {
        const end = Math.min(total, pos + chunkBytes);
        const text = scanDecode(new Uint8Array(await file.slice(pos, end).arrayBuffer()), true);
        if (text) run.scan(text);
        pos = end;
        send({ type: 'progress', phase: 'scan', done: pos, total, rows: 0 });
        if (pause) await pause();
        if (stopped()) return;
      }
      const rest = scanDecode(undefined, false);
      if (rest) run.scan(rest);
      run.endScan();
    }
    for (let pos = 0; pos < total;) {
      const end = Math.min(total, pos + chunkBytes);
      const bytes = new Uint8Array(await file.slice(pos, end).arrayBuffer());
      const text = decode(bytes, true);
      if (text) push(text);
      pos = end;
      send({ type: 'progress', done: pos, total, rows: store.n });
      if (pause) await pause();
      if (stopped()) return;
    }
    const rest = decode(undefined, false);
    if (rest) push(rest);
    const last = run.finishColumns ? run.finishColumns() : run.finish();
    store.add(last.rows);
    csv.add(last.resultCsv);
    if (store.n > maxRows) throw Object.assign(new Error('rows'), limitError('rows', store.n, { ...PAGE_LIMITS, rows: maxRows }, options));
    const [packed, transfer] = store.pack();
    send({ type: 'done', summary: brief(last.summary), store: packed, blob: csv.blob(), encoding: encoding === 'utf-8' ? 'UTF-8' : 'GB18030/GBK', rows: store.n }, transfer);
  } finally {
    run.free();
  }
}

/**
 * Evaluates `file` (a File or Blob of CSV bytes) with `new BatchRun(options)`, piece by piece:
 * UTF-8 when the bytes are valid UTF-8, else GB18030 (the run starts again in that encoding at the
 * first byte that is not UTF-8 — in practice in the header, so nothing is done twice). Past
 * `maxRows` rows it stops with the page's message.
 * @param {any} BatchRun
 * @param {Blob} file
 * @param {object} options {asOf, type?, rules?}
 * @param {{chunkBytes?: number, send: (m: any, transfer?: Transferable[]) => void, pause?: (() => Promise<void>) | null, stopped?: () => boolean, maxRows?: number}} how
 */
export async function runBatch(BatchRun, file, options, { chunkBytes = 512 * 1024, send, pause = null, stopped = () => false, maxRows = PAGE_LIMITS.rows }) {
  const how = { chunkBytes, send, pause, stopped, maxRows };
  try {
    await runOnce(BatchRun, file, options, 'utf-8', how);
  } catch (e) {
    if (!(e instanceof WrongEncoding)) throw e;
    await runOnce(BatchRun, file, options, 'gb18030', how);
  }
}
