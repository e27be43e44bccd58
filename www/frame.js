// frame.html: the evaluator alone, for hosts that cannot load modules. Talks to its parent with
// postMessage. The parent's origin must be in the allow-list given in the URL:
//   frame.html?parent=https://portal.example.gov.cn[,https://other.example]   (default: this origin only)
// In:  {type: 'yibao-credit:configure', subjectType?, lang?, asOf?, rulesUrl?}
// Out: {type: 'yibao-credit:ready'}, {type: 'yibao-credit:change', result}
// Messages from other origins are ignored; messages are posted only to allowed origins.
import './embed.js';

const params = new URLSearchParams(location.search);
const allowed = (params.get('parent') || '').split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
  try { return new URL(s).origin; } catch (_) { return null; }
}).filter((o) => o && o !== 'null');
if (allowed.length === 0) allowed.push(location.origin);

const ev = document.getElementById('evaluator');
let target = null; // the origin that configured us, once it has

function post(msg) {
  if (window.parent === window) return;
  for (const origin of target ? [target] : allowed) window.parent.postMessage(msg, origin);
}

window.addEventListener('message', (e) => {
  if (e.source !== window.parent || !allowed.includes(e.origin)) return;
  const m = e.data;
  if (!m || typeof m !== 'object' || m.type !== 'yibao-credit:configure') return;
  target = e.origin;
  const set = (attr, v) => { if (typeof v === 'string' && v) ev.setAttribute(attr, v); };
  set('subject-type', m.subjectType);
  set('lang', m.lang === 'en' ? 'en' : m.lang === 'zh' ? 'zh' : '');
  set('as-of', m.asOf);
  set('rules-url', m.rulesUrl);
  if (ev.result) post({ type: 'yibao-credit:change', result: ev.result });
});

ev.addEventListener('yibao-credit-change', (e) => post({ type: 'yibao-credit:change', result: e.detail }));
post({ type: 'yibao-credit:ready' });
