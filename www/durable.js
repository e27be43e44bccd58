// A second copy of every save of the page's views, in IndexedDB, written by one transaction per
// save that asks the browser to reach the disk before it completes (`durability: 'strict'` where
// the browser knows it). Chromium writes localStorage to disk late (seconds, rate-limited), so a
// killed browser loses the last edits there; this copy is what www/store.js recovers from at
// start when it holds a newer revision. Entries: name → {rev, raw} (raw: the localStorage text).
// Saves of one name made while its transaction runs are coalesced: the latest is written next.
// Everything fails softly (no IndexedDB, private mode, blocked): the page then keeps to localStorage.
const DB = 'yibao-credit';
const STORE = 'saves';

/** @type {Promise<IDBDatabase> | null} */
let opening = null;

function db() {
  opening ??= new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') { reject(new Error('no IndexedDB')); return; }
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => { r.result.createObjectStore(STORE); };
    r.onsuccess = () => {
      const d = r.result;
      d.onversionchange = () => { d.close(); opening = null; };
      resolve(d);
    };
    r.onerror = () => reject(r.error);
    r.onblocked = () => reject(new Error('IndexedDB blocked'));
  });
  return opening;
}

/** @param {IDBDatabase} d @param {IDBTransactionMode} mode */
function transaction(d, mode) {
  try {
    // @ts-ignore: the options argument is not in every DOM typing
    return d.transaction(STORE, mode, { durability: 'strict' });
  } catch (_) {
    return d.transaction(STORE, mode);
  }
}

/** @param {IDBTransaction} t */
function completion(t) {
  return new Promise((resolve, reject) => {
    t.oncomplete = () => resolve(true);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error);
  });
}

/** @type {Map<string, { rev: number, raw: string }>} */
const waiting = new Map();
/** @type {Map<string, Promise<boolean>>} */
const running = new Map();

async function run(name) {
  try {
    while (waiting.has(name)) {
      const entry = /** @type {{ rev: number, raw: string }} */ (waiting.get(name));
      waiting.delete(name);
      const t = transaction(await db(), 'readwrite');
      const s = t.objectStore(STORE);
      const got = s.get(name);
      // Never replaces a newer revision (another tab's, written meanwhile).
      got.onsuccess = () => { if (!got.result || !(got.result.rev > entry.rev)) s.put(entry, name); };
      await completion(t);
    }
    return true;
  } catch (_) {
    waiting.delete(name);
    return false;
  } finally {
    running.delete(name);
  }
}

/** Writes `raw` (revision `rev`) for `name`; resolves true once it is committed, false if it could not be. */
export function put(name, rev, raw) {
  waiting.set(name, { rev, raw });
  let p = running.get(name);
  if (!p) { p = run(name); running.set(name, p); }
  return p;
}

/** Removes the entries of `names` (all when omitted); resolves when done (false on failure). */
export async function remove(names) {
  await settled();
  try {
    const t = transaction(await db(), 'readwrite');
    const s = t.objectStore(STORE);
    if (names) for (const n of names) s.delete(n); else s.clear();
    return await completion(t);
  } catch (_) {
    return false;
  }
}

/** Every entry, as a Map name → {rev, raw}. */
export async function readAll() {
  const t = transaction(await db(), 'readonly');
  const s = t.objectStore(STORE);
  /** @type {Map<string, { rev: number, raw: string }>} */
  const out = new Map();
  const req = s.openCursor();
  req.onsuccess = () => {
    const c = req.result;
    if (!c) return;
    const v = c.value;
    if (v && Number.isFinite(v.rev) && typeof v.raw === 'string') out.set(String(c.key), v);
    c.continue();
  };
  await completion(t);
  return out;
}

/** Resolves when every write started so far has completed (or failed). */
export async function settled() {
  while (running.size) await Promise.all([...running.values()]);
}
