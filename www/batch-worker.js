// Batch worker: runs a batch evaluation off the page's thread, piece by piece, so the page can
// show progress and stop it (worker.terminate()). 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
//
// In:  {text, options: {asOf, type?, rules?}, chunkBytes?}
// Out: {type: 'progress', done, total, rows} … then {type: 'done', summary, rows, csv}
//      or {type: 'error', error: {code, zh, en, path?}}
import init, { BatchRun } from './pkg/yibao_credit.js';

const ready = init();

function plainError(e) {
  if (e && e.code) return { code: e.code, zh: e.zh, en: e.en, path: e.path };
  return { code: 'E_WORKER', zh: `批量评价出错：${e && e.message ? e.message : e}`, en: `batch failed: ${e && e.message ? e.message : e}` };
}

self.onmessage = async (ev) => {
  const { text, options, chunkBytes = 512 * 1024 } = ev.data;
  try {
    await ready;
    const run = new BatchRun(options);
    const rows = [];
    const csv = [];
    const total = text.length;
    let pos = 0;
    while (pos < total) {
      // Cut after a line end when there is one near the size asked for (the core also accepts
      // any cut, even inside a quoted field).
      let end = Math.min(total, pos + chunkBytes);
      if (end < total) {
        const nl = text.indexOf('\n', end);
        end = nl === -1 ? total : nl + 1;
      }
      const out = run.push(text.slice(pos, end));
      for (const r of out.rows) rows.push(r);
      if (out.resultCsv) csv.push(out.resultCsv);
      pos = end;
      self.postMessage({ type: 'progress', done: pos, total, rows: rows.length });
    }
    const last = run.finish();
    for (const r of last.rows) rows.push(r);
    if (last.resultCsv) csv.push(last.resultCsv);
    run.free();
    self.postMessage({ type: 'done', summary: last.summary, rows, csv: csv.join('') });
  } catch (e) {
    self.postMessage({ type: 'error', error: plainError(e) });
  }
};
