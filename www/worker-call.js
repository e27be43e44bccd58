// One request–answer channel to a module worker, for work that would freeze the page (Excel
// workbooks, the publication package). `workerCall(url, onPage)` gives `call(msg, transfer)`: a
// promise of the worker's answer. From file:// (the single-file build: a module worker cannot load
// there) or where a worker cannot start, `onPage(msg)` does the work on the page's thread instead.
//
// The worker answers each `{id, ...msg}` with `{id, ok: true, value}` or `{id, ok: false, error}`
// (`error`: `{code, zh, en, path?}`); `answer(work)` below is its side of the channel.

/** The page's side: `call(msg, transfer)` → a promise of the value the worker answers. */
export function workerCall(url, onPage) {
  let worker = null;
  let nextId = 0;
  const waiting = new Map();
  const start = () => {
    if (worker || typeof location === 'undefined' || location.protocol === 'file:' || typeof Worker === 'undefined') return worker;
    try {
      worker = new Worker(url, { type: 'module' });
    } catch (_) {
      return null;
    }
    worker.onmessage = (ev) => {
      const w = waiting.get(ev.data.id);
      if (!w) return;
      waiting.delete(ev.data.id);
      if (ev.data.ok) w.resolve(ev.data.value); else w.reject(ev.data.error);
    };
    worker.onerror = (ev) => {
      // The worker failed to load or crashed: each waiting call fails in plain words; the next
      // call starts a new worker.
      ev.preventDefault();
      const error = { code: 'E_WORKER', zh: '后台处理出错，请重试；若仍不行，请刷新页面后再试。', en: 'The background work failed: try again, or reload the page and try once more.' };
      for (const w of waiting.values()) w.reject(error);
      waiting.clear();
      worker.terminate();
      worker = null;
    };
    return worker;
  };
  return (msg, transfer = []) => {
    const w = start();
    if (!w) return Promise.resolve().then(() => onPage(msg));
    return new Promise((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, { resolve, reject });
      w.postMessage({ ...msg, id }, transfer);
    });
  };
}

/**
 * The worker's side: answers every message with `await work(msg)` (an ArrayBuffer-backed
 * Uint8Array answer is transferred, not copied).
 */
export function answer(work) {
  const scope = /** @type {any} */ (self); // a worker's global scope (postMessage with transfers)
  scope.onmessage = async (/** @type {MessageEvent} */ ev) => {
    const { id } = ev.data;
    try {
      const value = await work(ev.data);
      scope.postMessage({ id, ok: true, value }, value instanceof Uint8Array ? [value.buffer] : []);
    } catch (e) {
      const m = String((e && e.message) || e);
      const error = e && e.zh ? { code: e.code, zh: e.zh, en: e.en || e.zh, path: e.path } : { code: 'E_WORKER', zh: `后台处理出错：${m}`, en: `the background work failed: ${m}` };
      scope.postMessage({ id, ok: false, error });
    }
  };
}
