// frame.html: the evaluator alone, for hosts that cannot load modules. Talks to its parent with
// postMessage.
//
// Which pages may embed it is decided by whoever deploys the tool, never by the embedder: the list
// is `frame-parents.json` next to this file, on the tool's own origin:
//   {"allowedParents": ["https://portal.example.gov.cn"]}
// This origin is always allowed; nothing else is unless listed (the shipped file lists nothing).
// Any `?parent=` in the frame's address is ignored.
//
// Until the parent is verified the evaluator neither reads nor writes saved answers (`no-save` in
// frame.html) and nothing is posted. The parent is verified when
//   - the browser names it (location.ancestorOrigins[0], Chromium and Safari) and it is allowed, or
//   - it sends {type: 'yibao-credit:configure'} from window.parent with an allowed origin.
// Then, and only then, the saved answers are loaded and results are posted, to that origin alone.
// Opened on its own (no parent), it is the tool's own page: answers are saved as usual.
//
// In:  {type: 'yibao-credit:configure', subjectType?, lang?, asOf?, rulesUrl?}
// Out: {type: 'yibao-credit:ready'}, {type: 'yibao-credit:change', result}
import './embed.js';

const CONFIG = 'frame-parents.json';
const ev = document.getElementById('evaluator');
const framed = window.parent !== window;

/** Origins from the deployment file; `*`, `null` and anything not an http(s) origin are dropped. */
function parseAllowed(doc) {
  const list = doc && Array.isArray(doc.allowedParents) ? doc.allowedParents : [];
  const out = [];
  for (const s of list) {
    if (typeof s !== 'string') continue;
    let u;
    try { u = new URL(s.trim()); } catch (_) { continue; }
    if ((u.protocol === 'https:' || u.protocol === 'http:') && u.origin !== 'null' && !out.includes(u.origin)) out.push(u.origin);
  }
  return out;
}

/** The deployment's allowed parents (this origin always; the file's list if it can be read). */
async function loadAllowed() {
  const allowed = [location.origin];
  try {
    const res = await fetch(new URL(CONFIG, import.meta.url), { cache: 'no-store', credentials: 'same-origin' });
    if (res.ok) for (const o of parseAllowed(await res.json())) if (!allowed.includes(o)) allowed.push(o);
  } catch (_) { /* no file, or not JSON: this origin only */ }
  return allowed;
}

let target = null; // the verified parent's origin
let announced = false; // 'ready' went to the allowed origins (only a matching parent received it)
const early = []; // configure messages that came before the deployment list was read

function post(msg) {
  if (framed && target) window.parent.postMessage(msg, target);
}

/** The parent is who we think it is: from now on answers are saved and loaded, results posted. */
function verified(origin) {
  if (target) return;
  target = origin;
  ev.removeAttribute('no-save');
  if (!announced) post({ type: 'yibao-credit:ready' });
  if (ev.result) post({ type: 'yibao-credit:change', result: ev.result });
}

function configure(m) {
  const set = (attr, v) => {
    if (typeof v !== 'string') return;
    if (v) ev.setAttribute(attr, v); else ev.removeAttribute(attr);
  };
  set('subject-type', m.subjectType);
  if (m.lang === 'en' || m.lang === 'zh') ev.setAttribute('lang', m.lang);
  set('as-of', m.asOf);
  set('rules-url', m.rulesUrl);
}

function onMessage(e, allowed) {
  if (e.source !== window.parent || !allowed.includes(e.origin)) return;
  const m = e.data;
  if (!m || typeof m !== 'object' || m.type !== 'yibao-credit:configure') return;
  configure(m);
  verified(e.origin);
}

ev.addEventListener('yibao-credit-change', (e) => post({ type: 'yibao-credit:change', result: e.detail }));

if (!framed) {
  ev.removeAttribute('no-save');
} else {
  const collect = (e) => early.push(e);
  window.addEventListener('message', collect);
  loadAllowed().then((allowed) => {
    window.removeEventListener('message', collect);
    window.addEventListener('message', (e) => onMessage(e, allowed));
    const named = location.ancestorOrigins && location.ancestorOrigins.length ? location.ancestorOrigins[0] : null;
    if (named && allowed.includes(named)) verified(named);
    else {
      // Tell an allowed parent that we are here (the browser drops it for any other origin); it
      // answers with configure, which verifies it.
      for (const o of allowed) window.parent.postMessage({ type: 'yibao-credit:ready' }, o);
      announced = true;
      if (!named) console.info(`yibao-credit frame: waiting for an allowed parent to configure; allowed: ${allowed.join(', ')} (${CONFIG})`);
      else console.warn(`yibao-credit frame: ${named} is not listed in ${CONFIG}; answers are not saved and nothing is posted to it`);
    }
    early.splice(0).forEach((e) => onMessage(e, allowed));
  });
}
