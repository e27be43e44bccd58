// Saves what the user typed, per view, in localStorage, as they type. Each saved value carries
// a format version; a value of another version is refused (not half-loaded) and reported.
// A refused value is never overwritten silently: the first save over it moves it to
// `yibao-credit:backup:<name>` (downloadable from the page) before writing.
// Export / import: every view's data as one JSON file, checked in full before anything is written.
// The embedded component (embed.js) saves through the same functions, as `embed:<storage-key>`,
// with a shape check of its own; the page's export/import and refusal notice cover only NAMES.
const PREFIX = 'yibao-credit:';
export const STORE_VERSION = 1;
/** The names views save under (import accepts only these). */
export const NAMES = ['assess', 'repair', 'objection', 'forms', 'holidays', 'rules-editor'];
export const EXPORT_FORMAT = 'yibao-credit-data';
export const EXPORT_VERSION = 1;

function rawGet(name) {
  try { return localStorage.getItem(PREFIX + name); } catch (_) { return null; }
}

/** `check(data)`, optional: a problem (truthy) refuses the value, as another version would be. */
function parse(raw, check) {
  try {
    const o = JSON.parse(raw);
    if (!o || o.v !== STORE_VERSION || !o.data || typeof o.data !== 'object' || (check && check(o.data))) return { value: null, refused: true };
    return { value: o.data };
  } catch (_) {
    return { value: null, refused: true };
  }
}

/** {value} (null when nothing is saved) or {value: null, refused: true}. */
export function load(name, check) {
  const raw = rawGet(name);
  if (raw === null) return { value: null };
  return parse(raw, check);
}

/**
 * Saves `data` under `name`; false when the browser does not let us (private mode, quota, sandbox).
 * A saved value that is refused (or any, with `setAside`) is first kept as the backup.
 * @param {string} name
 * @param {unknown} data
 * @param {{ check?: (data: any) => unknown, setAside?: boolean }} [options] `check`: as for `load`
 */
export function save(name, data, { check, setAside = false } = {}) {
  try {
    const raw = localStorage.getItem(PREFIX + name);
    if (raw !== null && (setAside || parse(raw, check).refused) && localStorage.getItem(PREFIX + 'backup:' + name) === null) {
      localStorage.setItem(PREFIX + 'backup:' + name, raw);
    }
    localStorage.setItem(PREFIX + name, JSON.stringify({ v: STORE_VERSION, data }));
    return true;
  } catch (_) {
    return false;
  }
}

/** Removes what is saved under `name`, and its backup. */
export function remove(name) {
  try {
    localStorage.removeItem(PREFIX + name);
    localStorage.removeItem(PREFIX + 'backup:' + name);
  } catch (_) { /* nothing saved, or no storage */ }
}

/** Names whose saved value could not be loaded (another version, or damaged). */
export function refusedNames() {
  return NAMES.filter((n) => load(n).refused);
}

/** The refused values and the backups of them, raw, as {name: text}. */
export function refusedRaw() {
  const out = {};
  for (const n of NAMES) {
    const b = rawGet('backup:' + n);
    if (b !== null) out['backup:' + n] = b;
    const r = rawGet(n);
    if (r !== null && parse(r).refused) out[n] = r;
  }
  return out;
}

export function clearAll() {
  try {
    const keys = [];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k && k.startsWith(PREFIX) && k !== PREFIX + 'lang') keys.push(k);
    }
    keys.forEach((k) => localStorage.removeItem(k));
  } catch (_) { /* ignore */ }
}

/** Everything saved (that loads), as the export document. */
export function exportAll(savedOn) {
  const views = {};
  for (const n of NAMES) {
    const got = load(n);
    if (got.value) views[n] = got.value;
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
  forms(d) {
    if (d.form !== undefined && !(Number.isInteger(d.form) && d.form >= 1 && d.form <= 6)) return 'forms.form';
    for (const k of ['typed', 'base']) if (d[k] !== undefined && !isObj(d[k])) return `forms.${k}`;
    return null;
  },
};

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

/** Replaces every view's saved data with `views` (from checkImport), all or nothing. */
export function importAll(views) {
  const before = {};
  for (const n of NAMES) before[n] = rawGet(n);
  try {
    for (const n of NAMES) {
      if (views[n]) localStorage.setItem(PREFIX + n, JSON.stringify({ v: STORE_VERSION, data: views[n] }));
      else localStorage.removeItem(PREFIX + n);
    }
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
