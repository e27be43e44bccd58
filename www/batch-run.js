// Runs a batch evaluation piece by piece through the core's BatchRun, reporting progress: the one
// loop used by the Web Worker (batch-worker.js) and by the page-thread fallback from file://
// (views/batch.js). 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
//
// send() receives {type: 'progress', done, total, rows}, then {type: 'done', summary, rows, csv}.
// Between pieces `pause()` is awaited (the page thread yields there); when `stopped()` turns true
// the run ends without a 'done'.

/** A thrown core error ({code, zh, en, path}) or any other error, as a plain object. */
export function plainError(e) {
  if (e && e.code) return { code: e.code, zh: e.zh, en: e.en, path: e.path };
  const m = e && e.message ? e.message : String(e);
  return { code: 'E_WORKER', zh: `批量评价出错：${m}`, en: `batch failed: ${m}` };
}

export async function runBatch(BatchRun, text, options, chunkBytes, send, pause = null, stopped = () => false) {
  const run = new BatchRun(options);
  try {
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
      send({ type: 'progress', done: pos, total, rows: rows.length });
      if (pause) await pause();
      if (stopped()) return;
    }
    const last = run.finish();
    for (const r of last.rows) rows.push(r);
    if (last.resultCsv) csv.push(last.resultCsv);
    send({ type: 'done', summary: last.summary, rows, csv: csv.join('') });
  } finally {
    run.free();
  }
}
