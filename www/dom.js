// Tiny DOM helpers. Text is always set with textContent: what a user typed is never parsed as HTML.

/** h('div', {class: 'x', onclick: f}, 'text', child, [more]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** Replaces the children of el. */
export function put(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let uid = 0;
/** A fresh id for label/aria wiring. */
export function newId(prefix = 'f') {
  uid += 1;
  return `${prefix}-${uid}`;
}

/**
 * The message of an error thrown by the wasm API ({code, zh, en, path}) in the page's language alone
 * (the code and the path stay in the API and the CLI). A message that starts with the input's key
 * (「asOf：…」) names the field by its label instead (`labelOf(path)`, when the view knows it), or not at all.
 * @param {any} e @param {string} lang @param {(path: string) => string | null} [labelOf]
 */
export function errorText(e, lang, labelOf) {
  if (e && e.zh) {
    let msg = lang === 'en' && e.en ? e.en : e.zh;
    const key = /^[a-z][A-Za-z0-9]*(?:\.[a-z][A-Za-z0-9]*|\[\d+\])*(：|: )/.exec(msg);
    if (key) {
      const label = labelOf && e.path ? labelOf(e.path) : null;
      msg = (label ? label + key[1] : '') + msg.slice(key[0].length);
    }
    return lang === 'en' ? msg.charAt(0).toUpperCase() + msg.slice(1) : msg;
  }
  return String(e && e.message ? e.message : e);
}

/** The text of the label of the control `id` under `root` (its own words, not those of a hint inside it), or null. */
export function labelText(root, id) {
  const label = root.querySelector(`label[for="${id}"]`);
  if (!label) return null;
  return [...label.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim() || label.textContent.trim();
}
