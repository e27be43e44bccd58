// Batch worker: runs a batch evaluation off the page's thread, piece by piece, so the page can
// show progress and stop it (worker.terminate()). 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
//
// In:  {text, options: {asOf, type?, rules?}, chunkBytes?}
// Out: {type: 'progress', done, total, rows} … then {type: 'done', summary, rows, csv}
//      or {type: 'error', error: {code, zh, en, path?}}
import init, { BatchRun } from './pkg/yibao_credit.js';
import { runBatch, plainError } from './batch-run.js';

const ready = init();

self.onmessage = async (ev) => {
  const { text, options, chunkBytes = 512 * 1024 } = ev.data;
  try {
    await ready;
    await runBatch(BatchRun, text, options, chunkBytes, (m) => self.postMessage(m));
  } catch (e) {
    self.postMessage({ type: 'error', error: plainError(e) });
  }
};
