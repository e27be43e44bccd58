// <yibao-credit-evaluator>: the self-assessment as a Web Component, for pages the bureau does not
// control. One tag loads it:  <script type="module" src="/yibao-credit/embed.js"></script>
// Attributes: rules-url, subject-type, lang (zh | en), as-of (YYYY-MM-DD; default: today on this computer).
// Open shadow root, its own stylesheet (embed.css next to this file, via <link>: no inline style, so
// strict host CSPs work). Theming: --yc-accent, --yc-text, --yc-bg, --yc-border, --yc-font,
// --yc-font-size, --yc-width, --yc-radius. Event: `yibao-credit-change` (bubbles, composed),
// detail = the evaluation result. Method: print() prints the report alone.
// 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至二十条、第二十五、二十六条.
import { ready, RuleSet, errorMessage } from './yibao-credit.js';
import { TYPES } from './subjects.js';

/** The subject type's name in the current language (第五条), or its id if unknown. */
function typeLabel(id, t) {
  const x = TYPES.find((r) => r[0] === id);
  return x ? t(x[1], x[2]) : id;
}

const BASE = new URL('.', import.meta.url);
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

export class YibaoCreditEvaluator extends HTMLElement {
  static get observedAttributes() { return ['rules-url', 'subject-type', 'lang', 'as-of']; }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('embed.css', BASE).href;
    this._root = el('div', { class: 'yc', part: 'root' }, el('p', { class: 'muted' }, '正在加载… / Loading…'));
    this.shadowRoot.append(link, this._root);
    this._facts = {};
    this._rules = null;
    this._rulesKey = null;
    this._last = null;
    this.result = null;
    this._gen = 0;
  }

  connectedCallback() { addPrintSheet(); this._load(); }
  attributeChangedCallback(name, oldV, newV) { if (oldV !== newV && this.isConnected) this._load(); }

  get lang() { return this.getAttribute('lang') === 'en' ? 'en' : 'zh'; }
  set lang(v) { this.setAttribute('lang', v); }
  get subjectType() { return this.getAttribute('subject-type') || 'retail-pharmacy'; }
  get asOf() { return this.getAttribute('as-of') || today(); }
  _t(zh, en) { return this.lang === 'en' ? en : zh; }
  _tx(o) { return o ? this._t(o.zh, o.en) : ''; }

  /** Answers by indicator code (a copy); set with setFacts(). */
  get facts() { return { ...this._facts }; }
  setFacts(facts) { this._facts = { ...facts }; this._render(); }

  async _load() {
    const gen = ++this._gen;
    const url = this.getAttribute('rules-url');
    const key = url ? `url:${new URL(url, document.baseURI).href}` : `type:${this.subjectType}`;
    try {
      await ready();
      if (key !== this._rulesKey) {
        let rs;
        if (url) {
          const res = await fetch(new URL(url, document.baseURI), { credentials: 'same-origin' });
          if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { code: 'E_RULES_FETCH', zh: `指标文件无法读取（HTTP ${res.status}）：${url}`, en: `the rule file could not be read (HTTP ${res.status}): ${url}` });
          rs = new RuleSet(await res.text());
        } else {
          rs = RuleSet.forSubjectType(this.subjectType);
        }
        if (gen !== this._gen) return;
        if (this._rules) this._rules.free();
        this._rules = rs;
        this._doc = rs.doc;
        this._rulesKey = key;
        this._facts = {};
      }
      this._error = null;
    } catch (e) {
      if (gen !== this._gen) return;
      this._error = e;
    }
    this._render();
  }

  _type() {
    const types = this._doc ? this._doc.subjectTypes : [this.subjectType];
    return types.includes(this.subjectType) ? this.subjectType : types[0];
  }

  _evaluate() {
    return this._rules.evaluate({ subject: { type: this._type(), name: this._name || '' }, asOf: this.asOf, facts: this._facts });
  }

  _render() {
    const t = this._t.bind(this);
    const tx = this._tx.bind(this);
    this._root.setAttribute('lang', this.lang === 'en' ? 'en' : 'zh-CN');
    if (this._error || !this._rules) {
      this._root.replaceChildren(el('p', { class: 'error', role: 'alert' }, this._error ? errorMessage(this._error, this.lang) : t('正在加载…', 'Loading…')));
      return;
    }
    let r;
    try { r = this._evaluate(); } catch (e) {
      this._root.replaceChildren(el('p', { class: 'error', role: 'alert' }, errorMessage(e, this.lang)));
      return;
    }
    const doc = this._doc;
    const info = this._rules.info;
    const kids = {};
    doc.indicators.forEach((n) => { (kids[n.parent || ''] = kids[n.parent || ''] || []).push(n); });
    const leaves = (code) => (kids[code] || []).flatMap((n) => (kids[n.code] ? leaves(n.code) : [n]));
    const form = el('div', { class: 'form' },
      el('p', { class: 'rules' }, tx(info.title), ' ', el('span', { class: info.sample ? 'tag warn' : 'tag' }, info.sample ? t('示例', 'sample') : t('本地', 'local'))),
      el('label', { class: 'name' }, el('span', {}, typeLabel(this._type(), t), ' · ', t('名称', 'Name')),
        el('input', { type: 'text', maxlength: 200, value: this._name || '', oninput: (e) => { this._name = e.target.value; this._update(); } })),
      (kids[''] || []).map((l1) => el('fieldset', { class: 'l1' },
        el('legend', {}, `${l1.code} ${tx(l1.name)} · ${l1.points} ${t('分', 'pts')}`),
        leaves(l1.code).map((leaf) => this._leafRow(leaf)))));
    this._result = el('div', { class: 'result', part: 'result' });
    this._report = el('div', { class: 'report' });
    this._root.replaceChildren(
      el('div', { class: 'layout' }, form,
        el('div', { class: 'side' }, this._result,
          el('button', { type: 'button', class: 'print', part: 'print-button', onclick: () => this.print() }, t('打印自评报告', 'Print the report')))),
      this._report);
    this._show(r);
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
        sc.levels.map((l) => el('option', { value: l.id, selected: cur === l.id }, `${tx(l.label)}（${l.points}）`)));
    } else {
      control = el('input', { id, 'data-code': leaf.code, type: 'number', min: 0, step: sc.type === 'rating' ? '0.01' : '1', inputmode: 'decimal', value: cur ?? '',
        placeholder: sc.type === 'rating' ? '' : '0', oninput: (e) => set(e.target.value) });
    }
    const unit = sc.type === 'deduction' ? t(`次，每次扣 ${sc.per} 分`, `times, −${sc.per} each`)
      : sc.type === 'bonus' ? t(`项，每项加 ${sc.per} 分`, `+${sc.per} each`) : t(`满分 ${leaf.points}`, `max ${leaf.points}`);
    return el('div', { class: 'leaf' }, el('label', { for: id }, el('span', { class: 'code' }, leaf.code), ' ', tx(leaf.name)),
      el('span', { class: 'ctl' }, control, el('small', {}, unit)));
  }

  _update() {
    let r;
    try { r = this._evaluate(); } catch (e) {
      this._result.replaceChildren(el('p', { class: 'error', role: 'alert' }, errorMessage(e, this.lang)));
      return;
    }
    this._show(r);
  }

  _show(r) {
    const t = this._t.bind(this);
    const tx = this._tx.bind(this);
    put(this._result,
      el('p', { class: 'score' }, el('span', { class: 'num', part: 'score' }, String(r.score)), el('span', { class: 'of' }, ` / ${r.scale}`)),
      el('p', { class: `grade grade-${String(r.grade).toLowerCase()}`, part: 'grade' }, el('b', {}, r.grade), ' ', tx(r.label)),
      el('p', { class: 'muted' }, t(`评价期间 ${r.period.from} 至 ${r.period.to}`, `Period ${r.period.from} to ${r.period.to}`)),
      r.nextGrade ? el('p', { class: 'next' }, t(`距 ${r.nextGrade.grade} 级还差 ${r.nextGrade.gap} 分`, `${r.nextGrade.gap} points short of ${r.nextGrade.grade}`)) : null,
      el('p', { class: 'h' }, t('适用措施', 'Measures that follow')),
      el('ul', { class: 'measures' }, r.measures.map((m) => el('li', { class: `m-${m.kind}` }, tx(m.text), el('small', {}, ' ', m.cite)))),
      r.missing.length ? el('p', { class: 'muted' }, t(`尚有 ${r.missing.length} 项未填写`, `${r.missing.length} answers missing`)) : el('p', { class: 'ok' }, t('全部指标已填写。', 'Every indicator answered.')));
    const s = r.subject;
    put(this._report,
      el('h1', {}, t('医疗保障信用自评报告', 'Medical-insurance credit self-assessment report')),
      el('p', {}, t('（自评结果，不作为正式评价结论）', '(Self-assessment; not an official evaluation.)')),
      el('table', {}, el('tbody', {},
        el('tr', {}, el('th', {}, t('名称', 'Name')), el('td', {}, s.name || '—'), el('th', {}, t('基准日', 'As of')), el('td', {}, r.asOf)),
        el('tr', {}, el('th', {}, t('得分', 'Score')), el('td', {}, `${r.score} / ${r.scale}`), el('th', {}, t('等级', 'Grade')), el('td', {}, `${r.grade} ${tx(r.label)}`)))),
      el('table', { class: 'trace' }, el('tbody', {}, r.trace.map((n) => el('tr', { class: `d${n.depth}` },
        el('th', {}, `${n.code} ${tx(n.name)}`), el('td', {}, `${n.score}/${n.points}`))))),
      el('p', {}, el('b', {}, t('适用措施：', 'Measures: ')), r.measures.map((m) => tx(m.text)).join(t('；', '; '))),
      el('p', { class: 'foot' }, `${tx(r.rules.title)} · ${r.rules.id} v${r.rules.version} · SHA-256 ${r.rules.hash}`));
    this.result = r;
    const key = JSON.stringify(r);
    if (key !== this._last) {
      this._last = key;
      this.dispatchEvent(new CustomEvent('yibao-credit-change', { bubbles: true, composed: true, detail: r }));
    }
  }

  /** Marks this element and its ancestors so the host document's print stylesheet shows only its report. */
  preparePrint() {
    addPrintSheet();
    this.clearPrint();
    this.setAttribute('data-yc-printing', '');
    for (let n = this.parentElement; n; n = n.parentElement) n.setAttribute('data-yc-print-path', '');
    const host = this.getRootNode && this.getRootNode().host;
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

if (!customElements.get(TAG)) customElements.define(TAG, YibaoCreditEvaluator);
