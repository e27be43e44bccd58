// Saves what the user typed, per view, in localStorage, as they type, and keeps it from being lost
// or overwritten without a word (issue 18.3, 19.2).
//
// - Each saved value is `{v, rev, data}`: a format version (a value of another version is refused,
//   not half-loaded, and reported) and a revision (a time-based number, larger at every save; the
//   page's views only).
// - A refused value is never overwritten silently: the first save over it moves it to a backup,
//   `yibao-credit:backup:<name>` (then `…#2`, `#3` for further ones), downloadable from the page.
// - A value of this version with parts of the wrong shape (hand-edited, another tool, a bug) is
//   salvaged: the valid parts load, the original is backed up, the page says so (`problems`).
// - Two tabs: a tab remembers the revision it loaded or last wrote (`seen`). Another tab's save is
//   noticed at once (the `storage` event: the page offers to load the newer one); if this tab saves
//   over it anyway, the other tab's value is first kept as `backup:<name>#tab` and the page says so,
//   offering to switch to it.
// - A save the browser refuses (storage full, with other data of the same site) is reported and
//   kept in memory (the export includes it); the next change tries again.
// - Every save of the page's views is also written to IndexedDB with a durable transaction
//   (www/durable.js); `recover()`, at start, takes it back when it is newer than localStorage's
//   (a killed browser writes localStorage to disk late). localStorage stays the synchronous read.
// Export / import: every view's data as one JSON file, checked in full before anything is written.
// The embedded component (embed.js) saves through the same functions, as `embed:<storage-key>`,
// with a shape check of its own; the page's export/import, notices and IndexedDB copy cover only NAMES.
import * as durable from './durable.js';

const PREFIX = 'yibao-credit:';
export const STORE_VERSION = 1;
/** The names views save under (import accepts only these). */
export const NAMES = ['assess', 'repair', 'objection', 'forms', 'holidays', 'points', 'rules-editor'];
export const EXPORT_FORMAT = 'yibao-credit-data';
export const EXPORT_VERSION = 1;
/** Set by clearAll: IndexedDB copies of an earlier revision are not recovered. */
const CLEARED = PREFIX + 'cleared-at';

/** name → the revision this tab loaded (its view's own load) or last wrote. */
const seen = new Map();
/** name → the JSON text of the data at that revision (another tab writing the same is no conflict). */
const seenData = new Map();
/** name → the text recovered from IndexedDB that localStorage could not take (full). */
const memory = new Map();
/** name → data whose last save failed (the export includes it). */
const unsaved = new Map();
/** What the page should tell the user, by key: {kind, name}. kind: full, other-tab, conflict, salvaged, rules, form-field; key: `${kind}:${name}`. */
const problems = new Map();
const listeners = new Set();
let lastRev = 0;

/** Calls `fn` whenever the problems change. */
export function onProblems(fn) { listeners.add(fn); }
/** The current problems, [{kind, name}]. */
export function currentProblems() { return [...problems.values()]; }
function report(key, problem) {
  if (problem) problems.set(key, problem);
  else if (!problems.delete(key)) return;
  for (const fn of listeners) fn();
}
/** Removes a problem once the user has dealt with it. */
export function dismiss(kind, name) { report(`${kind}:${name}`, null); }

function rawGet(name) {
  if (memory.has(name)) return memory.get(name);
  try { return localStorage.getItem(PREFIX + name); } catch (_) { return null; }
}

/** A new revision: the time, or one more than the last when the clock did not move on. */
function nextRev(after) {
  lastRev = Math.max(Date.now(), lastRev + 1, after + 1);
  return lastRev;
}

/**
 * {value, rev} or {value: null, refused: true, data?}; `data` is there when only `check` refused it.
 * `check(data)`, optional: a problem (truthy) refuses the value, as another version would be.
 */
function parse(raw, check) {
  try {
    const o = JSON.parse(raw);
    if (!o || o.v !== STORE_VERSION || !o.data || typeof o.data !== 'object' || Array.isArray(o.data)) return { value: null, refused: true };
    const rev = Number.isFinite(o.rev) ? o.rev : 0;
    if (check && check(o.data)) return { value: null, refused: true, rev, data: o.data };
    return { value: o.data, rev };
  } catch (_) {
    return { value: null, refused: true };
  }
}

/**
 * Keeps `raw` as a backup of `name`: in the first free slot (`backup:<name>`, `#2`, …) unless one
 * already holds it, or in `slot` (e.g. '#tab'). Throws when the browser refuses (full).
 */
function keepBackup(name, raw, slot = null) {
  const base = `${PREFIX}backup:${name}`;
  if (slot) { localStorage.setItem(base + slot, raw); return; }
  for (let i = 1; ; i++) {
    const k = i === 1 ? base : `${base}#${i}`;
    const b = localStorage.getItem(k);
    if (b === raw) return;
    if (b === null) { localStorage.setItem(k, raw); return; }
  }
}

/** The page's views' own check of a saved value (`check` given explicitly replaces it). */
const checkOf = (name, check) => (check !== undefined ? check : SHAPES[name]);

/**
 * A view's saved value: {value} (null when nothing is saved), {value: null, refused: true} (another
 * version, damaged), or {value, salvaged: true} (parts of the wrong shape left out; the original is
 * backed up and the page says so). Remembers the revision: call it once, for the view's own state
 * (read another view's value with `peek`).
 * @param {string} name
 * @param {(data: any) => unknown} [check]
 */
export function load(name, check) {
  const raw = rawGet(name);
  if (raw === null) { seen.set(name, 0); seenData.set(name, 'null'); return { value: null }; }
  const got = parse(raw, checkOf(name, check));
  seen.set(name, got.rev || 0);
  seenData.set(name, JSON.stringify(got.value));
  if (got.refused && got.data && SALVAGE[name]) {
    const value = SALVAGE[name](got.data);
    try { keepBackup(name, raw); } catch (_) { /* full: the first save tries again, and fails rather than overwrite it */ }
    report(`salvaged:${name}`, { kind: 'salvaged', name });
    return { value, salvaged: true };
  }
  return got.refused ? { value: null, refused: true } : { value: got.value };
}

/** Another view's saved value, or null (not remembered as loaded; salvaged when needed, nothing written). */
export function peek(name) {
  if (unsaved.has(name)) return unsaved.get(name);
  const raw = rawGet(name);
  if (raw === null) return null;
  const got = parse(raw, SHAPES[name]);
  if (got.refused && got.data && SALVAGE[name]) return SALVAGE[name](got.data);
  return got.value;
}

/**
 * Saves `data` under `name`; false when the browser does not let us (private mode, quota, sandbox):
 * then the page says so and the next save tries again.
 * A saved value that is refused (or any, with `setAside`) is first kept as the backup; one saved by
 * another tab since this one loaded is kept as `backup:<name>#tab` and the page says so.
 * Nothing is overwritten when its backup cannot be written.
 * @param {string} name
 * @param {unknown} data
 * @param {{ check?: (data: any) => unknown, setAside?: boolean }} [options] `check`: as for `load`
 */
export function save(name, data, { check, setAside = false } = {}) {
  const page = NAMES.includes(name);
  let text = null;
  let rev = 0;
  try {
    const raw = rawGet(name);
    const cur = raw === null ? null : parse(raw, checkOf(name, check));
    const base = seen.get(name);
    let conflict = false;
    if (raw !== null && (setAside || cur.refused)) keepBackup(name, raw);
    else if (raw !== null && page && base !== undefined && cur.rev !== base && ![seenData.get(name), JSON.stringify(data)].includes(JSON.stringify(cur.value))) {
      keepBackup(name, raw, '#tab');
      conflict = true;
    }
    rev = nextRev(Math.max(cur && cur.rev || 0, base || 0));
    // (The component's saves carry no revision: it neither checks other tabs nor keeps a second copy.)
    const json = JSON.stringify(data);
    text = page ? `{"v":${STORE_VERSION},"rev":${rev},"data":${json}}` : `{"v":${STORE_VERSION},"data":${json}}`;
    localStorage.setItem(PREFIX + name, text);
    seen.set(name, rev);
    seenData.set(name, json);
    memory.delete(name);
    unsaved.delete(name);
    if (page) {
      durable.put(name, rev, text);
      if (problems.get('full:')?.names.includes(name)) {
        const names = problems.get('full:').names.filter((n) => n !== name);
        report('full:', names.length ? { kind: 'full', name: '', names } : null);
      }
      report(`other-tab:${name}`, null);
      if (conflict) report(`conflict:${name}`, { kind: 'conflict', name });
    }
    return true;
  } catch (_) {
    if (page) {
      unsaved.set(name, data);
      // The IndexedDB copy may still take it (recovered at the next start if so), but only when no
      // backup was needed first: recovery must not replace what could not be backed up.
      if (text !== null) durable.put(name, rev, text);
      reportFull(name);
    }
    return false;
  }
}

function reportFull(name) {
  const names = [...new Set([...(problems.get('full:')?.names || []), name])];
  report('full:', { kind: 'full', name: '', names });
}

/** Removes what is saved under `name`, and its backups. */
export function remove(name) {
  try {
    localStorage.removeItem(PREFIX + name);
    for (const k of backupKeys([name])) localStorage.removeItem(k);
  } catch (_) { /* nothing saved, or no storage */ }
  memory.delete(name);
  unsaved.delete(name);
  if (NAMES.includes(name)) durable.remove([name]);
}

/** The keys of the backups of `names`. */
function backupKeys(names) {
  const out = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (!k || !k.startsWith(PREFIX + 'backup:')) continue;
      const rest = k.slice((PREFIX + 'backup:').length).replace(/#[^#]*$/, '');
      if (names.includes(rest)) out.push(k);
    }
  } catch (_) { /* no storage */ }
  return out.sort();
}

/** Names whose saved value could not be loaded (another version, or damaged beyond salvage). */
export function refusedNames() {
  return NAMES.filter((n) => { const r = rawGet(n); return r !== null && parse(r).refused; });
}

/** The refused values and the backups of them, raw, as {name: text}. */
export function refusedRaw() {
  const out = {};
  for (const n of NAMES) {
    for (const k of backupKeys([n])) out[k.slice(PREFIX.length)] = localStorage.getItem(k);
    const r = rawGet(n);
    if (r !== null && parse(r).refused) out[n] = r;
  }
  return out;
}

/** The backups of `names` (all the page's views when omitted), raw, as {key: text}. */
export function backups(names = NAMES) {
  const out = {};
  for (const k of backupKeys(names)) out[k.slice(PREFIX.length)] = localStorage.getItem(k);
  return out;
}

/**
 * Makes the value another tab saved (kept as `backup:<name>#tab` when this tab saved over it) the
 * saved one again, and keeps this tab's in its place. Resolves when it is on disk; false if it cannot.
 */
export async function useOtherTab(name) {
  try {
    const other = localStorage.getItem(`${PREFIX}backup:${name}#tab`);
    const got = other === null ? null : parse(other);
    if (!got || got.refused) return false;
    const mine = rawGet(name);
    if (mine !== null) keepBackup(name, mine, '#tab');
    const rev = nextRev(seen.get(name) || 0);
    const text = JSON.stringify({ v: STORE_VERSION, rev, data: got.value });
    localStorage.setItem(PREFIX + name, text);
    seen.set(name, rev);
    seenData.set(name, JSON.stringify(got.value));
    durable.put(name, rev, text);
    await settled();
    return true;
  } catch (_) {
    return false;
  }
}

/**
 * Keeps the saved value of `name` as a backup and tells the user why (`kind`: rules, form-field);
 * `extra` goes with the notice (rules: `file`, the rule file's text, offered as a download).
 */
export function setAside(name, kind, extra = {}) {
  const raw = rawGet(name);
  try { if (raw !== null) keepBackup(name, raw); } catch (_) { /* full: said by the save that follows */ }
  report(`${kind}:${name}`, { kind, name, ...extra });
}

/** Resolves when every IndexedDB copy started so far is written (at most `ms` later). */
export function settled(ms = 2000) {
  return Promise.race([durable.settled(), new Promise((r) => setTimeout(r, ms))]);
}

export async function clearAll() {
  try {
    const keys = [];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k && k.startsWith(PREFIX) && k !== PREFIX + 'lang') keys.push(k);
    }
    keys.forEach((k) => localStorage.removeItem(k));
    localStorage.setItem(CLEARED, String(nextRev(0)));
  } catch (_) { /* ignore */ }
  memory.clear();
  unsaved.clear();
  await Promise.race([durable.remove(), new Promise((r) => setTimeout(r, 2000))]);
}

/**
 * At start, before the views load: takes back from IndexedDB every view's value that is newer there
 * than in localStorage (or missing from it), the last edits before a killed browser. A refused
 * value in localStorage, or one without a revision, is left alone. Resolves to the names recovered (never rejects).
 */
export async function recover(ms = 2000) {
  let entries;
  try {
    entries = await Promise.race([durable.readAll(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
  } catch (_) {
    return [];
  }
  let cleared = 0;
  try { cleared = Number(localStorage.getItem(CLEARED)) || 0; } catch (_) { /* no storage */ }
  const out = [];
  for (const name of NAMES) {
    const e = entries.get(name);
    if (!e || e.rev <= cleared || seen.has(name)) continue;
    const raw = rawGet(name);
    const got = raw === null ? null : parse(raw);
    // A value without a revision was written by something else (an older version, by hand): left alone.
    if (got && (got.refused || !got.rev || got.rev >= e.rev)) continue;
    lastRev = Math.max(lastRev, e.rev);
    try { localStorage.setItem(PREFIX + name, e.raw); } catch (_) { memory.set(name, e.raw); reportFull(name); }
    out.push(name);
  }
  return out;
}

// Another tab saved (or cleared) a value this tab has loaded: say so, offer the newer one.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === null || !e.key.startsWith(PREFIX)) return;
    const name = e.key.slice(PREFIX.length);
    // (The holiday notices are read afresh before every save: nothing of them is held in a tab.)
    if (!NAMES.includes(name) || name === 'holidays' || !seen.has(name)) return;
    const got = e.newValue === null ? { rev: 0, value: null } : parse(e.newValue);
    if (got.rev === seen.get(name)) return;
    if (!got.refused && JSON.stringify(got.value) === seenData.get(name)) { seen.set(name, got.rev); return; } // the same data
    report(`other-tab:${name}`, { kind: 'other-tab', name });
  });
}

/** Everything saved (that loads; the last unsaved changes included), as the export document. */
export function exportAll(savedOn) {
  const views = {};
  for (const n of NAMES) {
    const v = peek(n);
    if (v) views[n] = v;
  }
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, savedOn, views };
}

const isObj = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);
const isStr = (x) => typeof x === 'string';
const optStr = (o, k) => o[k] === undefined || isStr(o[k]);

/** The self-assessment's answers and events (`at`: where they are, for the message), or the path of the first problem. */
function answersProblem(d, at) {
  if (d.facts !== undefined) {
    if (!isObj(d.facts)) return `${at}.facts`;
    for (const [k, v] of Object.entries(d.facts)) if (!['boolean', 'string', 'number'].includes(typeof v)) return `${at}.facts.${k}`;
  }
  if (d.events !== undefined) {
    if (!Array.isArray(d.events)) return `${at}.events`;
    for (let i = 0; i < d.events.length; i++) {
      const e = d.events[i];
      if (!isObj(e) || !optStr(e, 'kind') || !optStr(e, 'date') || !optStr(e, 'description')) return `${at}.events[${i}]`;
    }
  }
  return null;
}

/** Shape checks per view: [ok, path of the first problem]. */
const SHAPES = {
  assess(d) {
    for (const k of ['type', 'name', 'code', 'asOf', 'periodFrom', 'periodTo']) if (!optStr(d, k)) return `assess.${k}`;
    const bad = answersProblem(d, 'assess');
    if (bad) return bad;
    if (d.customRules !== undefined && d.customRules !== null && !isStr(d.customRules)) return 'assess.customRules';
    // The answers and events of the other subject types and rule files, by their key.
    if (d.kept !== undefined) {
      if (!isObj(d.kept)) return 'assess.kept';
      for (const [k, a] of Object.entries(d.kept)) {
        const badKept = isObj(a) ? answersProblem(a, `assess.kept.${k}`) : `assess.kept.${k}`;
        if (badKept) return badKept;
      }
    }
    return null;
  },
  repair(d) {
    for (const k of ['subject', 'record', 'done']) if (d[k] !== undefined && !isObj(d[k])) return `repair.${k}`;
    return optStr(d, 'applicationDate') ? null : 'repair.applicationDate';
  },
  objection(d) {
    for (const k of ['publicationDate', 'filedOn', 'receivedOn']) if (!optStr(d, k)) return `objection.${k}`;
    return null;
  },
  holidays(d) {
    if (!Array.isArray(d.docs)) return 'holidays.docs';
    for (let i = 0; i < d.docs.length; i++) {
      const x = d.docs[i];
      if (!isObj(x) || !isObj(x.doc) || !Number.isInteger(x.doc.year) || !Array.isArray(x.doc.days) || !optStr(x, 'file') || !optStr(x, 'loadedOn')) return `holidays.docs[${i}]`;
    }
    return null;
  },
  points(d) {
    for (const k of ['asOf', 'model', 'modelText']) if (d[k] !== undefined && d[k] !== null && !isStr(d[k])) return `points.${k}`;
    if (d.records !== undefined) {
      if (!Array.isArray(d.records)) return 'points.records';
      for (let i = 0; i < d.records.length; i++) {
        const r = d.records[i];
        if (!isObj(r) || !['date', 'act', 'band', 'responsibility', 'points', 'decisionNo', 'description'].every((k) => optStr(r, k))) return `points.records[${i}]`;
      }
    }
    return null;
  },
  forms(d) {
    if (d.form !== undefined && !(Number.isInteger(d.form) && d.form >= 1 && d.form <= 6)) return 'forms.form';
    for (const k of ['typed', 'base']) if (d[k] !== undefined && !isObj(d[k])) return `forms.${k}`;
    for (const [k, v] of Object.entries(d.typed || {})) if (!isObj(v)) return `forms.typed.${k}`;
    return null;
  },
};


const keepIf = (out, k, ok) => { if (out[k] !== undefined && !ok(out[k])) delete out[k]; };
const goodFact = (v) => ['boolean', 'string', 'number'].includes(typeof v);
const goodEvent = (e) => isObj(e) && optStr(e, 'kind') && optStr(e, 'date') && optStr(e, 'description');
/** The answers and events of `d` that are of the right shape. */
function answersOf(d) {
  return {
    facts: isObj(d.facts) ? Object.fromEntries(Object.entries(d.facts).filter(([, v]) => goodFact(v))) : {},
    events: Array.isArray(d.events) ? d.events.filter(goodEvent) : [],
  };
}

/**
 * Per view: the parts of a saved value (right version, wrong shape) that can be used; what is left
 * out takes its default in the view. The result passes SHAPES, or the view starts afresh.
 */
const SALVAGE = Object.fromEntries(Object.entries({
  assess(d) {
    const out = { ...d };
    for (const k of ['type', 'name', 'code', 'asOf', 'periodFrom', 'periodTo']) keepIf(out, k, isStr);
    const a = answersOf(d);
    if (out.facts !== undefined) out.facts = a.facts;
    if (out.events !== undefined) out.events = a.events;
    keepIf(out, 'customRules', (x) => x === null || isStr(x));
    if (out.kept !== undefined) out.kept = isObj(d.kept) ? Object.fromEntries(Object.entries(d.kept).filter(([, x]) => isObj(x)).map(([k, x]) => [k, answersOf(x)])) : {};
    return out;
  },
  repair(d) {
    const out = { ...d };
    for (const k of ['subject', 'record', 'done']) keepIf(out, k, isObj);
    keepIf(out, 'applicationDate', isStr);
    return out;
  },
  objection(d) {
    const out = { ...d };
    for (const k of ['publicationDate', 'filedOn', 'receivedOn']) keepIf(out, k, isStr);
    return out;
  },
  holidays(d) {
    const ok = (x) => isObj(x) && isObj(x.doc) && Number.isInteger(x.doc.year) && Array.isArray(x.doc.days) && optStr(x, 'file') && optStr(x, 'loadedOn');
    return { ...d, docs: Array.isArray(d.docs) ? d.docs.filter(ok) : [] };
  },
  forms(d) {
    const out = { ...d };
    keepIf(out, 'form', (x) => Number.isInteger(x) && x >= 1 && x <= 6);
    for (const k of ['typed', 'base']) keepIf(out, k, isObj);
    if (out.typed) out.typed = Object.fromEntries(Object.entries(out.typed).filter(([, v]) => isObj(v)));
    return out;
  },
}).map(([name, fix]) => [name, (d) => { const v = fix(d); return SHAPES[name](v) ? {} : v; }]));

/**
 * The fields of one saved form the current version does not know (`known`: the form's field ids),
 * left out: {fields: the known ones' values, unknown: the ids left out}.
 * @param {Record<string, unknown>} typed
 * @param {string[]} known
 */
export function knownFields(typed, known) {
  const fields = {};
  const unknown = [];
  for (const [k, v] of Object.entries(typed || {})) {
    if (known.includes(k) && typeof v === 'string') fields[k] = v; else unknown.push(k);
  }
  return { fields, unknown };
}

const refuse = (zh, en) => ({ ok: false, zh, en });

/** Checks an export file's text in full. {ok: true, views} or {ok: false, zh, en}. Writes nothing. */
export function checkImport(text) {
  let doc;
  try { doc = JSON.parse(text); } catch (_) {
    return refuse('文件不是有效的 JSON（可能已损坏或不完整）。', 'The file is not valid JSON (it may be damaged or cut short).');
  }
  if (!isObj(doc) || doc.format !== EXPORT_FORMAT) {
    return refuse('这不是本工具导出的数据文件。', 'This is not a data file exported by this tool.');
  }
  if (doc.version !== EXPORT_VERSION) {
    return refuse(`数据文件的版本（${String(doc.version)}）与本工具（${EXPORT_VERSION}）不兼容。`, `The data file's version (${String(doc.version)}) does not match this tool's (${EXPORT_VERSION}).`);
  }
  if (!isObj(doc.views)) return refuse('数据文件缺少 views 部分。', 'The data file has no "views" part.');
  for (const [name, data] of Object.entries(doc.views)) {
    if (!NAMES.includes(name)) return refuse(`数据文件含有未知的部分“${name}”。`, `The data file has an unknown part "${name}".`);
    const bad = isObj(data) ? SHAPES[name](data) : name;
    if (bad) return refuse(`数据文件中“${bad}”的内容有误。`, `The data file's "${bad}" is not valid.`);
  }
  return { ok: true, views: doc.views };
}

/** Replaces every view's saved data with `views` (from checkImport), all or nothing (then `settled()` before a reload). */
export function importAll(views) {
  const before = {};
  for (const n of NAMES) before[n] = rawGet(n);
  try {
    const written = [];
    for (const n of NAMES) {
      if (views[n]) {
        const rev = nextRev(0);
        const text = JSON.stringify({ v: STORE_VERSION, rev, data: views[n] });
        localStorage.setItem(PREFIX + n, text);
        written.push([n, rev, text]);
      } else localStorage.removeItem(PREFIX + n);
    }
    for (const [n, rev, text] of written) durable.put(n, rev, text);
    const gone = NAMES.filter((n) => !views[n]);
    if (gone.length) durable.remove(gone);
    memory.clear();
    unsaved.clear();
    return true;
  } catch (_) {
    try {
      for (const n of NAMES) {
        if (before[n] === null) localStorage.removeItem(PREFIX + n); else localStorage.setItem(PREFIX + n, before[n]);
      }
    } catch (_e) { /* nothing more to do */ }
    return false;
  }
}
