// <yibao-credit-evaluator>: the self-assessment as a Web Component, for pages the bureau does not
// control. One tag loads it:  <script type="module" src="/yibao-credit/embed.js"></script>
// Attributes: rules-url, subject-type, lang (zh | en), as-of (YYYY-MM-DD; default: today on this computer),
// storage-key (name of its saved answers; default: the element's id, else "default"), no-save.
// Open shadow root, its own stylesheet (embed.css next to this file, via <link>: no inline style, so
// strict host CSPs work). Theming: --yc-accent, --yc-text, --yc-bg, --yc-border, --yc-font,
// --yc-font-size, --yc-width, --yc-radius. Event: `yibao-credit-change` (bubbles, composed),
// detail = the evaluation result; `detail.complete` is false while answers are missing (then the
// score and grade are not a result: `answers` says how many are given, `reachable` what is still
// possible). Methods: print() prints the report alone; clearData().
// Until every indicator is answered the element shows how many are, and the scores and grades
// still possible, never a score and grade as if they were the result, and no measures; its printed
// report says at the top that it is not a conclusion.
// Credit events are listed by date (kind, date, note), as in the page's self-assessment: each
// that does not count says why; a count box holds only the incidents not listed. 「得分说明」 opens
// the working of every indicator (its article, each event and answer that moved it). The printed
// report lists the events and is one A4 page.
// What the user typed is saved as they type (www/store.js) under `yibao-credit:embed:<storage-key>`:
//   {v: 1, data: {answers: {"type:retail-pharmacy" | "url:<rules-url>": {type, name, facts, events?}}}}
// (one entry per rule set, so a host that switches subject-type keeps each one's answers). A saved
// value of another version, damaged, or not fitting the rule set is not loaded (a short notice) and is
// kept as `yibao-credit:backup:embed:<storage-key>` when first overwritten. No storage (private
// mode, sandbox, quota): nothing is saved, nothing else changes. A trap in the wasm: the same
// recovery as the page (www/safe-api.js), shared by every instance on the page.
// Only the scoring core is loaded (pkg/yibao_credit.js), and the shipped rule set of each
// `subject-type` shown (www/loader.js); a `rules-url` file is fetched and read by the core.
// Fast while typing, as the page's self-assessment: every answer scores (`RuleSet.score`) and draws
// the headline at once; the full result (and the change event) follows at the next
// animation frame, once for all the answers of that frame; the print report is built only to print.
// 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至二十条、第二十五、二十六条.
import init, * as firstCore from './pkg/yibao_credit.js';
import { builtinName, give, loadBuiltin, loadTools, freshModule } from './loader.js';
import { errorText } from './dom.js';
import { recoveringApi, TRAP } from './safe-api.js';
import * as store from './store.js';
import { TYPES } from './subjects.js';
/** @import { Evaluation, Reachable, RuleSet, ScoreOut } from './yibao-credit.js' */

/** The subject type's name in the current language (第五条), or its id if unknown. */
function typeLabel(id, t) {
  const x = TYPES.find((r) => r[0] === id);
  return x ? t(x[1], x[2]) : id;
}

const BASE = new URL('.', import.meta.url);
// The Shanwei measures' title, said once above the explanation instead of on every line.
const SHANWEI_ZH = '《汕尾市医疗保障信用管理办法（试行）》';
const SHANWEI_EN = / of the Measures of Shanwei City for the Management of Medical Security Credit \(Trial\) \(《汕尾市医疗保障信用管理办法（试行）》\)/;
const TAG = 'yibao-credit-evaluator';

function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** el('div', {class: 'x', onchange: f}, ...children): text always as text nodes. */
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else if (k === 'selected' || k === 'value' || k === 'checked') e[k] = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  const add = (c) => {
    if (c === undefined || c === null || c === false) return;
    if (Array.isArray(c)) c.forEach(add);
    else e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  };
  kids.forEach(add);
  return e;
}

/** Replaces the children of parent (null/false children skipped, arrays flattened). */
function put(parent, ...kids) {
  parent.replaceChildren();
  const add = (c) => { if (c === undefined || c === null || c === false) return; if (Array.isArray(c)) c.forEach(add); else parent.appendChild(c instanceof Node ? c : document.createTextNode(String(c))); };
  kids.forEach(add);
  return parent;
}

let printSheetAdded = false;
/** The host document's print stylesheet (a file next to this one): hides everything but the marked path. */
function addPrintSheet() {
  if (printSheetAdded || document.querySelector('link[data-yc-print]')) { printSheetAdded = true; return; }
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.media = 'print';
  link.href = new URL('embed-print.css', BASE).href;
  link.setAttribute('data-yc-print', '');
  document.head.appendChild(link);
  printSheetAdded = true;
}

// The wasm core, shared by every instance on the page. A trap leaves it unusable: a fresh instance is
// loaded (the module again, `?reload=n`, given the rule sets again), and every instance builds its
// rule set again and redraws, keeping what was typed.
const instances = new Set();
let coreGen = 0;
let coreBroken = false;
let coreLoading = null;
/** Loads the core once (a failure is tried again by the next element that asks). */
function coreReady() {
  if (!coreLoading) {
    coreLoading = init().then(() => give(firstCore));
    coreLoading.catch(() => { coreLoading = null; });
  }
  return coreLoading;
}
const api = recoveringApi(firstCore, (n, trapped) => freshModule('core', n, trapped), {
  onRecovered() { coreGen += 1; instances.forEach((c) => c._load()); },
  onFailed() { coreBroken = true; instances.forEach((c) => c._drawMsgs()); },
  onRepeated() { coreBroken = true; instances.forEach((c) => c._drawMsgs()); },
});

const isObj = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);

/** The saved payload's shape (store.load check): a problem, or null. */
function badPayload(d) {
  if (!isObj(d.answers)) return 'answers';
  for (const [k, a] of Object.entries(d.answers)) {
    if (!isObj(a) || !isObj(a.facts) || typeof (a.name ?? '') !== 'string' || typeof (a.type ?? '') !== 'string') return k;
    if (Object.values(a.facts).some((v) => !['boolean', 'string', 'number'].includes(typeof v))) return k;
    if (a.events !== undefined && (!Array.isArray(a.events) || a.events.some((e) => !isObj(e) || ['kind', 'date', 'description'].some((f) => typeof (e[f] ?? '') !== 'string')))) return k;
  }
  return null;
}

/** The indicators answered on the form (those without children), by code. */
function leavesOf(doc) {
  const parents = new Set(doc.indicators.map((n) => n.parent).filter(Boolean));
  return new Map(doc.indicators.filter((n) => !parents.has(n.code)).map((n) => [n.code, n]));
}

/** Saved answers that do not fit this rule set's form (unknown code, wrong kind of value): the code, or null. */
function badAnswers(a, doc) {
  if ((a.name || '').length > 200) return 'name';
  const kinds = new Set(doc.eventKinds.map((k) => k.kind));
  if ((a.events || []).some((e) => e.kind && !kinds.has(e.kind))) return 'events';
  const leaves = leavesOf(doc);
  for (const [code, v] of Object.entries(a.facts)) {
    if (!leaves.has(code)) return code;
    const sc = leaves.get(code).scoring || {};
    const ok = sc.type === 'yesNo' ? typeof v === 'boolean'
      : sc.type === 'rating' && sc.levels && sc.levels.length ? sc.levels.some((l) => l.id === v)
        : typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
    if (!ok) return code;
  }
  return null;
}

export class YibaoCreditEvaluator extends HTMLElement {
  static get observedAttributes() { return ['rules-url', 'subject-type', 'lang', 'as-of', 'storage-key', 'no-save']; }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('embed.css', BASE).href;
    this._msgs = el('div', { class: 'msgs', 'aria-live': 'polite' });
    this._body = el('div', {}); // 正在加载… in the element's language once connected
    this._root = el('div', { class: 'yc', part: 'root' }, this._msgs, this._body);
    this.shadowRoot.append(link, this._root);
    this._facts = {};
    this._name = '';
    this._events = []; // {kind, date, description}: the dated credit events listed
    this._evStatus = []; // per event row: where it says whether it counts
    /** @type {RuleSet | null} */
    this._rules = null;
    this._rulesKey = null;
    this._rulesGen = -1;
    this._from = null; // the store name the answers were restored from (and are saved to)
    this._notice = null; // 'refused' | 'cleared'
    this._refusedEntry = false;
    this._trapped = false;
    this._canSave = true;
    this._confirming = false;
    this._last = null;
    this._head = null; // the headline in the result drawn last (drawn again alone while typing)
    this._frame = 0; // the requested animation frame of the next full draw
    /** @type {Evaluation | null} */
    this.result = null;
    this._gen = 0;
  }

  connectedCallback() {
    instances.add(this);
    addPrintSheet();
    // Until the rules are here: in the element's language (its attributes are read now, not in the constructor).
    if (!this._rules) put(this._body, el('p', { class: 'muted' }, this._t('正在加载…', 'Loading…')));
    this._load();
  }
  disconnectedCallback() { instances.delete(this); }
  attributeChangedCallback(name, oldV, newV) { if (oldV !== newV && this.isConnected) this._load(); }

  get lang() { return this.getAttribute('lang') === 'en' ? 'en' : 'zh'; }
  set lang(v) { this.setAttribute('lang', v); }
  get subjectType() { return this.getAttribute('subject-type') || 'retail-pharmacy'; }
  get asOf() { return this.getAttribute('as-of') || today(); }
  _t(zh, en) { return this.lang === 'en' ? en : zh; }
  _tx(o) { return o ? this._t(o.zh, o.en) : ''; }
  /** A notice or error in the element's language alone (no Chinese message followed by its English). */
  _both(zh, en) { return this._t(zh, en); }

  /** Where this element's answers are saved (store name; key `yibao-credit:embed:…`). */
  _storeName() { return `embed:${this.getAttribute('storage-key') || this.id || 'default'}`; }
  _saving() { return !this.hasAttribute('no-save') && this._canSave; }

  /** Answers by indicator code (a copy); set with setFacts(). */
  get facts() { return { ...this._facts }; }
  setFacts(facts) { this._facts = { ...facts }; this._save(); this._render(); }

  async _load() {
    const gen = ++this._gen;
    const url = this.getAttribute('rules-url');
    const abs = url ? new URL(url, document.baseURI).href : null;
    const key = abs ? `url:${abs}` : `type:${this.subjectType}`;
    try {
      await coreReady();
      if (!abs && builtinName(this.subjectType)) await loadBuiltin(this.subjectType);
      if (gen !== this._gen) return;
      if (key !== this._rulesKey || this._rulesGen !== coreGen) {
        // A new rule set, or the same one again in a fresh core after a trap (answers kept).
        const again = key === this._rulesKey;
        let rs;
        if (abs) {
          let text = again && this._rulesText && this._rulesText.url === abs ? this._rulesText.text : null;
          if (text === null) {
            const res = await fetch(abs, { credentials: 'same-origin' });
            if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { code: 'E_RULES_FETCH', zh: `指标文件无法读取（HTTP ${res.status}）：${url}`, en: `the rule file could not be read (HTTP ${res.status}): ${url}` });
            text = await res.text();
            if (gen !== this._gen) return;
          }
          // A rule-set document is checked and compiled by the tools module (loaded for it); a
          // compiled one (`yibao-credit compile-rules`, rules/NAME.plan.json) is read as it is.
          if (!/^\s*\{\s*"format"\s*:\s*"yibao-credit-compiled"/.test(text)) {
            await loadTools();
            if (gen !== this._gen) return;
          }
          rs = new api.RuleSet(text);
          this._rulesText = { url: abs, text };
        } else {
          rs = api.RuleSet.forSubjectType(this.subjectType);
        }
        if (this._rules && this._rulesGen === coreGen) this._rules.free();
        this._rules = rs;
        this._rulesGen = coreGen;
        this._doc = rs.doc;
        this._labels = new Map(this._doc.bands.map((b) => [b.grade, b.label]));
        this._rulesKey = key;
        if (!again) this._restore();
      } else if (this._storeName() !== this._from) {
        // Another storage-key, or `no-save` just removed (the frame, once its parent is verified).
        this._restore(this._from === null);
      }
      this._error = null;
    } catch (e) {
      if (gen !== this._gen) return;
      this._error = e;
    }
    this._render();
  }

  /**
   * The saved answers for this rule set, all or nothing (never half-applied). Under `no-save` nothing
   * is read. When saving starts after the user has typed without it (`wasNotSaving`), what they
   * typed stays and what was saved before is kept as the backup at the first save.
   */
  _restore(wasNotSaving = false) {
    const typed = wasNotSaving && (this._name || Object.keys(this._facts).length > 0);
    if (this.hasAttribute('no-save')) {
      this._from = null;
      if (!wasNotSaving) { this._facts = {}; this._name = ''; this._events = []; this._notice = null; this._refusedEntry = false; }
      return;
    }
    this._from = this._storeName();
    if (typed) { this._refusedEntry = true; this._save(); return; }
    this._facts = {};
    this._name = '';
    this._events = [];
    this._notice = null;
    this._refusedEntry = false;
    const got = store.load(this._from, badPayload);
    if (got.refused) { this._notice = 'refused'; return; }
    const a = got.value && got.value.answers[this._rulesKey];
    if (!a) return;
    if (badAnswers(a, this._doc)) { this._notice = 'refused'; this._refusedEntry = true; return; }
    this._name = a.name || '';
    this._facts = { ...a.facts };
    this._events = (a.events || []).map((e) => ({ kind: e.kind || '', date: e.date || '', description: e.description || '' }));
  }

  /** Saves the answers for this rule set, next to those for other rule sets under the same key. */
  _save() {
    if (this.hasAttribute('no-save') || !this._rulesKey || !this._from) return;
    const got = store.load(this._from, badPayload);
    const answers = got.value ? { ...got.value.answers } : {};
    if (this._name || Object.keys(this._facts).length || this._events.length) {
      answers[this._rulesKey] = { type: this._type(), name: this._name || '', facts: { ...this._facts } };
      if (this._events.length) answers[this._rulesKey].events = this._events.map((e) => ({ ...e }));
    }
    else delete answers[this._rulesKey];
    const ok = store.save(this._from, { answers }, { check: badPayload, setAside: this._refusedEntry });
    if (ok !== this._canSave) { this._canSave = ok; this._drawTools(); }
  }

  /** Removes this element's saved answers and empties the form. */
  clearData() {
    store.remove(this._from || this._storeName());
    this._facts = {};
    this._name = '';
    this._events = [];
    this._refusedEntry = false;
    this._confirming = false;
    this._notice = 'cleared';
    this._render();
    const b = this.shadowRoot.getElementById('yc-clear');
    if (b) b.focus();
  }

  _type() {
    const types = this._doc ? this._doc.subjectTypes : [this.subjectType];
    return types.includes(this.subjectType) ? this.subjectType : types[0];
  }

  /** The rows of the events list handed to the core (those with a kind and a date), by index. */
  _sent() { return this._events.flatMap((e, i) => (e.kind && e.date ? [i] : [])); }

  _input() {
    return { subject: { type: this._type(), name: this._name || '' }, asOf: this.asOf, facts: this._facts,
      events: this._sent().map((i) => ({ kind: this._events[i].kind, date: this._events[i].date, description: this._events[i].description })) };
  }

  /** Notices above the form: the core failing (alert), saved data not loaded or cleared (status). */
  _drawMsgs() {
    const t = this._t.bind(this);
    const kept = this._saving() ? [TRAP.zh, TRAP.en]
      : ['计算模块出错，已重新加载；您填写的内容仍在', 'The calculation module failed and has been reloaded; what you typed is still here'];
    put(this._msgs,
      coreBroken ? el('p', { class: 'error', role: 'alert' }, this._both('计算模块反复出错，请刷新页面或换用较新的浏览器。', 'The calculation module keeps failing; reload the page or use a newer browser.'))
        : this._trapped ? el('p', { class: 'error', role: 'alert' }, this._both(kept[0], kept[1])) : null,
      this._notice === 'refused' ? el('p', { class: 'note', role: 'status' }, this._both('此前在本机保存的填写内容来自不兼容的版本或已损坏，未载入。',
        'Answers saved earlier on this computer are from an incompatible version or damaged; they were not loaded.')) : null,
      this._notice === 'cleared' ? el('p', { class: 'note', role: 'status' }, t('已清除本机保存的填写内容。', 'The answers saved on this computer were cleared.')) : null);
  }

  /** Under the result: print, and 清除我的数据 (asks once, inline: no dialog in the host's page). */
  _drawTools() {
    if (!this._tools) return;
    const t = this._t.bind(this);
    const focus = (id) => { const b = this.shadowRoot.getElementById(id); if (b) b.focus(); };
    const cancel = () => { this._confirming = false; this._drawTools(); focus('yc-clear'); };
    put(this._tools,
      el('button', { type: 'button', id: 'yc-print', class: 'print', part: 'print-button', onclick: () => this.print() }, t('打印自评报告', 'Print the report')),
      this._confirming
        ? el('div', { class: 'confirm', role: 'group', 'aria-labelledby': 'yc-clear-q', onkeydown: (e) => { if (e.key === 'Escape') { e.preventDefault(); cancel(); } } },
          el('p', { id: 'yc-clear-q' }, t('清除在本机保存的填写内容，并清空表单？', 'Remove the answers saved on this computer and empty the form?')),
          el('button', { type: 'button', id: 'yc-clear-yes', part: 'clear-confirm-button', onclick: () => this.clearData() }, t('确定清除', 'Clear')),
          el('button', { type: 'button', id: 'yc-clear-no', class: 'ghost', onclick: cancel }, t('取消', 'Cancel')))
        : el('button', { type: 'button', id: 'yc-clear', class: 'ghost', part: 'clear-button', 'aria-describedby': 'yc-saved',
          onclick: () => { this._confirming = true; this._drawTools(); focus('yc-clear-yes'); } }, t('清除我的数据', 'Clear my data')),
      el('p', { id: 'yc-saved', class: 'muted' }, this._saving()
        ? t('填写内容自动保存在本机浏览器中。', 'Your answers are saved in this browser as you type.')
        : t('填写内容不在本机保存。', 'Your answers are not saved on this computer.')));
  }

  _render() {
    const t = this._t.bind(this);
    const tx = this._tx.bind(this);
    this._root.setAttribute('lang', this.lang === 'en' ? 'en' : 'zh-CN');
    this._drawMsgs();
    if (this._error || !this._rules) {
      if (this._frame) { cancelAnimationFrame(this._frame); this._frame = 0; }
      this._head = null;
      this._tools = null;
      put(this._body, el('p', { class: 'error', role: 'alert' }, this._error ? errorText(this._error, this.lang) : t('正在加载…', 'Loading…')));
      return;
    }
    const active = this.shadowRoot.activeElement;
    const focusId = active && active.id;
    const doc = this._doc;
    const info = this._rules.info;
    const kids = {};
    doc.indicators.forEach((n) => { (kids[n.parent || ''] = kids[n.parent || ''] || []).push(n); });
    const leaves = (code) => (kids[code] || []).flatMap((n) => (kids[n.code] ? leaves(n.code) : [n]));
    const form = el('div', { class: 'form' },
      el('p', { class: 'rules' }, tx(info.title), ' ', el('span', { class: info.sample ? 'tag warn' : 'tag' }, info.sample ? t('示例', 'sample') : t('本地', 'local'))),
      el('label', { class: 'name' }, el('span', {}, typeLabel(this._type(), t), ' · ', t('名称', 'Name')),
        el('input', { type: 'text', id: 'yc-name', maxlength: 200, value: this._name || '', oninput: (e) => { this._name = e.target.value; this._update(); } })),
      (kids[''] || []).map((l1) => el('fieldset', { class: 'l1' },
        el('legend', {}, `${l1.code} ${tx(l1.name)} · ${l1.points} ${t('分', 'pts')}`),
        leaves(l1.code).map((leaf) => this._leafRow(leaf)))),
      this._eventsCard());
    this._result = el('div', { class: 'result', part: 'result' });
    this._tools = el('div', { class: 'tools' });
    this._report = el('div', { class: 'report' });
    this._explainBox = el('div', { class: 'explain-box' });
    this._head = null;
    put(this._body, el('div', { class: 'layout' }, form, el('div', { class: 'side' }, this._result, this._tools)), this._explainBox, this._report);
    this._drawTools();
    this._draw();
    if (focusId) { const f = this.shadowRoot.getElementById(focusId); if (f) f.focus(); }
  }

  _leafRow(leaf) {
    const t = this._t.bind(this);
    const tx = this._tx.bind(this);
    const sc = leaf.scoring || {};
    const cur = this._facts[leaf.code];
    const id = `f-${leaf.code}`;
    const set = (v) => { if (v === '' || v === undefined) delete this._facts[leaf.code]; else this._facts[leaf.code] = v; this._update(); };
    let control;
    if (sc.type === 'yesNo') {
      control = el('select', { id, 'data-code': leaf.code, onchange: (e) => set(e.target.value === '' ? '' : e.target.value === 'yes') },
        el('option', { value: '' }, t('— 未填 —', '— not answered —')),
        el('option', { value: 'yes', selected: cur === true }, t('是', 'Yes')),
        el('option', { value: 'no', selected: cur === false }, t('否', 'No')));
    } else if (sc.type === 'rating' && sc.levels && sc.levels.length) {
      control = el('select', { id, 'data-code': leaf.code, onchange: (e) => set(e.target.value) },
        el('option', { value: '' }, t('— 未填 —', '— not answered —')),
        sc.levels.map((l) => el('option', { value: l.id, selected: cur === l.id }, t(`${tx(l.label)}（${l.points}）`, `${tx(l.label)} (${l.points})`))));
    } else {
      // No placeholder: an empty box is not an answer of 0.
      control = el('input', { id, 'data-code': leaf.code, type: 'number', min: 0, step: sc.type === 'rating' ? '0.01' : '1', inputmode: 'decimal', value: cur ?? '',
        oninput: (e) => set(e.target.value) });
    }
    // A count whose incidents can also be listed as events holds only those not listed (the two are added).
    const listed = sc.eventKinds && sc.eventKinds.length ? t('（未在下方事件中列出的）', ' not listed as events below,') : '';
    const unit = sc.type === 'deduction' ? t(`次${listed}，每次扣 ${sc.per} 分`, `times${listed} −${sc.per} each`)
      : sc.type === 'bonus' ? t(`项${listed}，每项加 ${sc.per} 分`, `${listed ? `${listed} ` : ''}+${sc.per} each`) : t(`满分 ${leaf.points}`, `max ${leaf.points}`);
    return el('div', { class: 'leaf' }, el('label', { for: id }, el('span', { class: 'code' }, leaf.code), ' ', tx(leaf.name)),
      el('span', { class: 'ctl' }, control, el('small', {}, unit)));
  }

  /** The dated credit events (第十四条、第十五条): a row each, with whether it counts and why not. */
  _eventsCard() {
    const t = this._t.bind(this);
    const tx = this._tx.bind(this);
    const again = (focus) => { this._save(); this._render(); const f = focus && this.shadowRoot.getElementById(focus); if (f) f.focus(); };
    this._evStatus = this._events.map((_, i) => el('p', { class: 'ev-status', id: `yc-evs-${i}` }));
    return el('fieldset', { class: 'events' },
      el('legend', {}, t('评价期间内的信用事件', 'Credit events in the period')),
      el('p', { class: 'muted' }, t('处罚、协议处理、表彰等按日期列出；期间外的事件不计分。', 'Penalties, agreement handling, awards, by date; events outside the period do not count.')),
      this._events.length ? null : el('p', { class: 'muted' }, t('未列出事件。', 'No events listed.')),
      this._events.map((ev, i) => el('div', { class: 'ev', role: 'group', 'aria-label': t(`事件 ${i + 1}`, `Event ${i + 1}`) },
        el('label', { for: `yc-ev-k-${i}` }, t('类型', 'Kind')),
        el('select', { id: `yc-ev-k-${i}`, 'aria-describedby': `yc-evs-${i}`, onchange: (e) => { ev.kind = e.target.value; this._update(); } },
          el('option', { value: '' }, t('— 请选择 —', '— choose —')),
          this._doc.eventKinds.map((k) => el('option', { value: k.kind, selected: k.kind === ev.kind }, tx(k.name)))),
        el('label', { for: `yc-ev-d-${i}` }, t('日期', 'Date')),
        el('input', { type: 'date', id: `yc-ev-d-${i}`, value: ev.date, min: '1949-10-01', max: '2100-12-31', 'aria-describedby': `yc-evs-${i}`, oninput: (e) => { ev.date = e.target.value; this._update(); } }),
        el('label', { for: `yc-ev-t-${i}` }, t('说明', 'Note')),
        el('input', { type: 'text', id: `yc-ev-t-${i}`, maxlength: 2000, value: ev.description, oninput: (e) => { ev.description = e.target.value; this._update(); } }),
        el('button', { type: 'button', class: 'ghost', id: `yc-ev-x-${i}`, onclick: () => { this._events.splice(i, 1); again('yc-ev-add'); } }, t('删除', 'Remove')),
        this._evStatus[i])),
      el('button', { type: 'button', id: 'yc-ev-add', class: 'ghost', onclick: () => { this._events.push({ kind: '', date: '', description: '' }); again(`yc-ev-k-${this._events.length - 1}`); } },
        t('＋ 添加事件', '+ Add an event')));
  }

  /** Beside each event, whether it counts: not until it has a kind and a date; outside the period, not at all (the core's reason). @param {Evaluation} r */
  _eventEffects(r) {
    const t = this._t.bind(this);
    const rows = this._sent();
    const why = new Map((r.eventsIgnored || []).map((x) => [rows[x.index], x.reason]));
    this._events.forEach((e, i) => {
      const st = this._evStatus[i];
      if (!st) return;
      const reason = why.get(i);
      put(st, reason ? [el('b', {}, t('不计入：', 'Not counted: ')), this._tx(reason)]
        : e.kind && !e.date ? t('未填日期，暂不计入。', 'No date yet: not counted.')
          : !e.kind && e.date ? t('未选类型，暂不计入。', 'No kind chosen yet: not counted.') : null);
    });
  }

  /**
   * 「得分说明」: every indicator's score, its article, and each answer and event that moved it (an
   * event that does not count: 0, with the reason). Built when first opened. @param {Evaluation} r
   */
  _explain(r) {
    const t = this._t.bind(this);
    const tx = this._tx.bind(this);
    const byCode = new Map(r.trace.map((n) => [n.code, n]));
    const open = new Set();
    for (const n of r.trace) if (n.missing) for (let p = n; p; p = byCode.get(p.parent)) open.add(p.code);
    const ignored = new Set((r.eventsIgnored || []).map((x) => x.index));
    return [el('p', { class: 'muted' }, t('未注明文件的条款均指《汕尾市医疗保障信用管理办法（试行）》。', 'Articles with no document named are of the Measures of Shanwei City for the Management of Medical Security Credit (Trial) (《汕尾市医疗保障信用管理办法（试行）》).')),
      el('table', { class: 'explain-table' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('指标', 'Indicator')), el('th', { scope: 'col' }, t('得分', 'Score')), el('th', { scope: 'col' }, t('依据与计算', 'Basis and working')))),
      el('tbody', {}, r.trace.map((n) => el('tr', { class: `d${n.depth}` },
        el('th', { scope: 'row' }, `${n.code} ${tx(n.name)}`),
        el('td', { class: 'num' }, !open.has(n.code) ? `${n.score}/${n.points}` : n.missing ? t('未填写', 'not answered') : t('未填完', 'incomplete')),
        el('td', {}, el('small', {}, tx(n.cite).replace(SHANWEI_EN, '').replace(SHANWEI_ZH, '')), n.note ? el('div', {}, tx(n.note)) : null,
          n.lines.map((l) => (l.eventIndex !== undefined && l.eventIndex !== null && ignored.has(l.eventIndex)
            ? el('div', { class: 'not-counted' }, '0 ', tx(l.reason))
            : el('div', {}, `${l.amount > 0 ? '+' : ''}${l.amount} `, tx(l.reason)))))))))];
  }

  /** After the user changed an answer: save, then score. */
  _update() {
    this._save();
    if (this._notice === 'cleared') { this._notice = null; this._drawMsgs(); }
    if (this._scoreShow() && this._trapped) { this._trapped = false; this._drawMsgs(); }
  }

  /** Shows an error of the core in the result's place (a trap: the notice, the fresh core is on its way). */
  _failed(e) {
    if (this._frame) { cancelAnimationFrame(this._frame); this._frame = 0; }
    this._head = null;
    this._report.replaceChildren();
    this._explainBox.replaceChildren();
    if (e && e.code === TRAP.code) {
      // The fresh core is on its way; the notice says so, the result follows when it is here.
      this._trapped = true;
      this._drawMsgs();
      put(this._result, coreBroken ? null : el('p', { class: 'muted' }, this._t('正在重新计算…', 'Recalculating…')));
    } else {
      put(this._result, el('p', { class: 'error', role: 'alert' }, errorText(e, this.lang)));
    }
    return false;
  }

  /** Scores and draws the headline now; the full result follows at the next frame. True when it worked. */
  _scoreShow() {
    if (!this._head) return this._draw();
    let s;
    try { s = this._rules.score(this._input()); } catch (e) { return this._failed(e); }
    this._headline(s);
    if (!this._frame) this._frame = requestAnimationFrame(() => { this._frame = 0; this._draw(); });
    return true;
  }

  /** 「已填写 6 / 18 项」 @param {{given: number, of: number}} a */
  _progress(a) { return this._t(`已填写 ${a.given} / ${a.of} 项`, `${a.given} of ${a.of} answered`); }

  /** 「可能得分 20 – 980 分（等级 E – A）」: what answering the rest can still give. @param {Reachable} r */
  _range(r) {
    const pts = r.min === r.max ? `${r.min}` : `${r.min} – ${r.max}`;
    const g = r.minGrade === r.maxGrade ? r.minGrade : `${r.minGrade} – ${r.maxGrade}`;
    return this._t(`可能得分 ${pts} 分（等级 ${g}）`, `Possible score ${pts} (grade ${g})`);
  }

  /**
   * The headline: while answers are missing, how many are given and what is still possible (no
   * score or grade as if it were the result); once complete, the score and grade.
   * @param {ScoreOut | Evaluation} s
   */
  _headline(s) {
    if (!s.complete) {
      put(this._head,
        el('p', { class: 'progress', part: 'progress' }, this._progress(s.answers)),
        el('p', { class: 'range', part: 'range' }, this._range(s.reachable)),
        el('p', { class: 'muted' }, this._t(`填完全部 ${s.answers.of} 项后，才有得分、等级和适用措施。`, `The score, grade and measures follow once all ${s.answers.of} are answered.`)));
      return;
    }
    put(this._head,
      el('p', { class: 'score' }, el('span', { class: 'num', part: 'score' }, String(s.score)), el('span', { class: 'of' }, ` / ${s.scale}`)),
      el('p', { class: `grade grade-${String(s.grade).toLowerCase()}`, part: 'grade' }, el('b', {}, s.grade), ' ', this._tx(this._labels.get(s.grade))));
  }

  /** Evaluates and shows the full result now (or the error in its place). True when it worked. */
  _draw() {
    if (this._frame) { cancelAnimationFrame(this._frame); this._frame = 0; }
    let r;
    try { r = this._rules.evaluate(this._input()); } catch (e) { return this._failed(e); }
    this._show(r);
    return true;
  }

  /** The full result; measures and the gap to the next grade only once every indicator is answered. @param {Evaluation} r */
  _show(r) {
    const t = this._t.bind(this);
    const tx = this._tx.bind(this);
    this._head = el('div', { class: 'headline', part: 'headline' });
    this._headline(r);
    // Open still if it was open in the result drawn before (answering does not close it).
    const wasOpen = !!this._explainBox.querySelector('details.explain[open]');
    const explain = el('details', { class: 'explain', part: 'explain', open: wasOpen,
      ontoggle: () => { if (explain.open && !explain.querySelector('table')) explain.append(...this._explain(r)); } },
    el('summary', {}, t('得分说明（逐项依据与计算）', 'How the score is worked out')), wasOpen ? this._explain(r) : null);
    put(this._result,
      this._head,
      el('p', { class: 'muted' }, t(`评价期间 ${r.period.from} 至 ${r.period.to}`, `Period ${r.period.from} to ${r.period.to}`)),
      r.complete ? [
        r.nextGrade ? el('p', { class: 'next' }, t(`距 ${r.nextGrade.grade} 级还差 ${r.nextGrade.gap} 分`, `${r.nextGrade.gap} points short of ${r.nextGrade.grade}`)) : null,
        el('p', { class: 'h' }, t('适用措施', 'Measures that follow')),
        el('ul', { class: 'measures' }, r.measures.map((m) => el('li', { class: `m-${m.kind}` }, tx(m.text), el('small', {}, ' ', tx(m.cite))))),
        el('p', { class: 'ok' }, t('全部指标已填写。', 'Every indicator answered.')),
      ] : el('p', { class: 'missing' }, t(`尚有 ${r.missing.length} 项未填写`, `${r.missing.length} not answered yet`)));
    put(this._explainBox, explain);
    this._eventEffects(r);
    this._report.replaceChildren(); // built again when printing
    this.result = r;
    const key = JSON.stringify(r);
    if (key !== this._last) {
      this._last = key;
      this.dispatchEvent(new CustomEvent('yibao-credit-change', { bubbles: true, composed: true, detail: r }));
    }
  }

  /**
   * The print report, from the latest answers (kept until the next draw empties it). Incomplete:
   * it says so at its top, with the scores still possible, and lists what is unanswered instead
   * of measures.
   */
  _buildReport() {
    if (!this._report) return;
    if (this._frame) this._draw();
    const r = this.result;
    if (!r || !this._head || this._report.firstChild) return;
    const t = this._t.bind(this);
    const tx = this._tx.bind(this);
    const s = r.subject;
    // An indicator unanswered, or with an unanswered one under it, has no score yet.
    const byCode = new Map(r.trace.map((n) => [n.code, n]));
    const open = new Set();
    for (const n of r.trace) if (n.missing) for (let p = n; p; p = byCode.get(p.parent)) open.add(p.code);
    put(this._report,
      el('h1', {}, t('医疗保障信用自评报告', 'Medical-insurance credit self-assessment report')),
      el('p', {}, t('（自评结果，不作为正式评价结论）', '(Self-assessment; not an official evaluation.)')),
      r.complete ? null : el('p', { class: 'incomplete' },
        el('b', {}, t(`自评未完成：尚有 ${r.missing.length} 项未填写，以下不是评价结论。`, `Self-assessment not complete: ${r.missing.length} indicator${r.missing.length === 1 ? '' : 's'} not answered; what follows is not a result.`)),
        ' ', this._progress(r.answers), t('；', '; '), this._range(r.reachable), t('。', '.')),
      el('table', {}, el('tbody', {},
        el('tr', {}, el('th', {}, t('名称', 'Name')), el('td', {}, s.name || '—'), el('th', {}, t('基准日', 'As of')), el('td', {}, r.asOf)),
        r.complete
          ? el('tr', {}, el('th', {}, t('得分', 'Score')), el('td', {}, `${r.score} / ${r.scale}`), el('th', {}, t('等级', 'Grade')), el('td', {}, `${r.grade} ${tx(r.label)}`))
          : el('tr', {}, el('th', {}, t('已填写', 'Answered')), el('td', {}, this._progress(r.answers)), el('th', {}, t('可能得分', 'Possible')), el('td', {}, this._range(r.reachable))))),
      el('table', { class: 'trace' }, el('tbody', {}, r.trace.map((n) => el('tr', { class: `d${n.depth}` },
        el('th', {}, `${n.code} ${tx(n.name)}`),
        el('td', {}, !open.has(n.code) ? `${n.score}/${n.points}` : n.missing ? t('未填写', 'not answered') : t('未填完', 'incomplete')))))),
      r.complete
        ? el('p', {}, el('b', {}, t('适用措施：', 'Measures: ')), r.measures.map((m) => tx(m.text)).join(t('；', '; ')))
        : el('p', { class: 'missing-list' }, el('b', {}, t('尚未填写：', 'Not answered yet: ')), r.trace.filter((n) => n.missing).map((n) => `${n.code} ${tx(n.name)}`).join(t('；', '; '))),
      this._reportEvents(r),
      el('p', { class: 'foot' }, `${tx(r.rules.title)} · ${r.rules.id} v${r.rules.version} · SHA-256 ${r.rules.hash}`));
  }

  /** The listed events, by date, for the report: each that does not count says so. @param {Evaluation} r */
  _reportEvents(r) {
    const t = this._t.bind(this);
    const rows = this._sent();
    if (!rows.length) return el('p', {}, el('b', {}, t('信用事件：', 'Credit events: ')), t('未列出。', 'none listed.'));
    const names = new Map(this._doc.eventKinds.map((k) => [k.kind, k.name]));
    const why = new Map((r.eventsIgnored || []).map((x) => [x.index, x.reason]));
    return el('p', { class: 'events-list' }, el('b', {}, t('信用事件：', 'Credit events: ')), rows.map((row, i) => {
      const e = this._events[row];
      const no = why.get(i);
      const note = e.description ? t(`（${e.description}）`, ` (${e.description})`) : '';
      return `${e.date} ${this._tx(names.get(e.kind))}${note}${no ? t('（不计入：', ' (not counted: ') + this._tx(no) + t('）', ')') : ''}`;
    }).join(t('；', '; ')));
  }

  /** Builds the report, and marks this element and its ancestors so the host document's print stylesheet shows only it. */
  preparePrint() {
    this._buildReport();
    addPrintSheet();
    this.clearPrint();
    this.setAttribute('data-yc-printing', '');
    for (let n = this.parentElement; n; n = n.parentElement) n.setAttribute('data-yc-print-path', '');
    const host = this.getRootNode && /** @type {ShadowRoot} */ (this.getRootNode()).host;
    if (host) for (let n = host; n; n = n.parentElement) n.setAttribute('data-yc-print-path', '');
  }

  clearPrint() {
    document.querySelectorAll('[data-yc-print-path]').forEach((n) => n.removeAttribute('data-yc-print-path'));
    document.querySelectorAll('[data-yc-printing]').forEach((n) => n.removeAttribute('data-yc-printing'));
  }

  /** Prints this instance's report (the page's print dialog; the rest of the page is hidden). */
  print() {
    this.preparePrint();
    const done = () => { window.removeEventListener('afterprint', done); this.clearPrint(); };
    window.addEventListener('afterprint', done);
    window.print();
  }
}

if (!customElements.get(TAG)) {
  customElements.define(TAG, YibaoCreditEvaluator);
  // Printing from the browser's menu: every element's report, from its latest answers.
  window.addEventListener('beforeprint', () => instances.forEach((c) => c._buildReport()));
}
