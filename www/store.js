// Saves what the user typed, per view, in localStorage, as they type. Each saved value carries
// a format version; a value of another version is refused (not half-loaded) and reported.
const PREFIX = 'yibao-credit:';
export const STORE_VERSION = 1;

export function load(name) {
  let raw;
  try { raw = localStorage.getItem(PREFIX + name); } catch (_) { return { value: null }; }
  if (raw === null) return { value: null };
  try {
    const o = JSON.parse(raw);
    if (!o || o.v !== STORE_VERSION || typeof o.data !== 'object') {
      return { value: null, refused: true };
    }
    return { value: o.data };
  } catch (_) {
    return { value: null, refused: true };
  }
}

export function save(name, data) {
  try {
    localStorage.setItem(PREFIX + name, JSON.stringify({ v: STORE_VERSION, data }));
    return true;
  } catch (_) {
    return false;
  }
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
