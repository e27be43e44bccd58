// Batch worker: runs a batch evaluation off the page's thread, piece by piece, so the page can
// show progress and stop it (worker.terminate()). 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
//
// The worker has its own instance of the tools module (pkg/yibao_tools.js), given only the shipped
// rule set the batch uses (by name, fetched as rules/NAME.json); a bureau's own rules come inside
// the options instead. It reads the file itself, a piece at a time (batch-run.js); the page ends
// the worker once the results are in, which gives back the module's memory.
//
// In:  {file, options: {asOf, type?, rules?}, builtin?: NAME, chunkBytes?, maxRows?}
// Out: {type: 'progress', done, total, rows} … then {type: 'done', summary, store, blob, encoding, rows}
//      (the store's arrays transferred) or {type: 'error', error: {code, zh, en, path?}}
import { loadTools, loadBuiltin } from './loader.js';
import { runBatch, plainError } from './batch-run.js';

self.onmessage = async (ev) => {
  const { file, options, builtin, chunkBytes = 512 * 1024, maxRows } = ev.data;
  try {
    const tools = await loadTools();
    if (builtin) await loadBuiltin(builtin);
    await runBatch(tools.BatchRun, file, options, { chunkBytes, maxRows, send: (m, transfer) => self.postMessage(m, transfer || []) });
  } catch (e) {
    self.postMessage({ type: 'error', error: plainError(e) });
  }
};
