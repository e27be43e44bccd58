// 医保支付资格记分, beside the self-assessment of a 医保医师 or 医保药师: the person's dated records of
// a year → points per record (act, band, responsibility, basis), the running total, the consequence
// reached, the dates a suspension runs (from the decision date, with the rule counting them), the
// day a re-registration bar ends, what the next points would bring; records of another year listed
// as not counted, with the reason. Which model (the national rules, a province's example, or a
// province's file the user loads) answers, and that the user's province may differ, is always said.
// Saved as you type (store name "points"); printed as its own A4 page (#points-report).
// Loaded by the self-assessment only for the types the models score (subjects.js POINT_TYPES).
// 依据：医保发〔2024〕23号；医保办发〔2024〕34号；本省实施细则（the model: data/points/*.json）.
import { h, put, newId } from '../dom.js';
import { t, tx, sentence } from '../i18n.js';
import * as store from '../store.js';
import { citeEl, citeText } from '../cite.js';
import { fetchPoints, POINT_MODELS } from '../loader.js';
/** @import { ViewContext } from './context.js' */
/** @import { PointsResult, PointsInput, PointsModel } from '../yibao-credit.js' */

/** @typedef {{date: string, act: string, band: string, responsibility: string, points: string, decisionNo: string, description: string}} Row */
/** @typedef {{asOf: string, model: string, modelText: string | null, records: Row[]}} PointsState */

const NAME = 'points';
/** @type {PointsState | null} */
let state = null;
let refused = false;

const blank = () => ({ date: '', act: '', band: '', responsibility: '', points: '', decisionNo: '', description: '' });

function loadState(today) {
  if (state) return;
  const got = store.load(NAME);
  refused = !!got.refused;
  state = Object.assign({ asOf: today, model: 'national', modelText: null, records: [blank()] }, got.value || {});
  state.records = state.records.map((r) => Object.assign(blank(), r));
}

function persist() { store.save(NAME, state); }

/** Plain words of an error of the core (no code, no path). */
function say(e) { return e && e.zh ? t(e.zh, e.en) : String(e && e.message ? e.message : e); }

const docs = new Map(); // model name → parsed document (the shipped ones)

/** The model document in use: a shipped one (fetched once) or the file the user loaded. @returns {Promise<PointsModel>} */
async function modelDoc() {
  if (state.model === 'file' && state.modelText) return JSON.parse(state.modelText);
  const name = POINT_MODELS.includes(state.model) ? state.model : 'national';
  if (!docs.has(name)) docs.set(name, JSON.parse(await fetchPoints(name)));
  return docs.get(name);
}

/** What the core is given as the model: a shipped name, or the loaded document. */
function modelArg(doc) { return state.model === 'file' && state.modelText ? doc : (POINT_MODELS.includes(state.model) ? state.model : 'national'); }

let mounts = 0;

// The layout of a record row and its status line (as the self-assessment's event rows), set as
// properties: the page's CSP allows no style attributes, and no stylesheet is loaded for this part.
const ROW = { display: 'flex', flexWrap: 'wrap', gap: '.35rem .6rem', alignItems: 'center', padding: '.4rem 0', borderBottom: '1px dashed var(--yc-line)' };
const STATUS = { flexBasis: '100%', margin: '0', color: 'var(--yc-warn)', fontSize: '.95rem' };
/** @template {HTMLElement} E @param {E} el @param {Partial<CSSStyleDeclaration>} style @returns {E} */
function styled(el, style) { Object.assign(el.style, style); return el; }

/**
 * Puts the section into the self-assessment `root`, before `before`, and draws it.
 * @param {HTMLElement} root @param {Node} before @param {ViewContext} ctx @param {() => {type: string, name: string, code: string}} subject
 */
export function attach(root, before, ctx, subject) {
  const box = h('section', { class: 'card', id: 'points-section', 'aria-labelledby': 'points-h' },
    h('h2', { id: 'points-h' }, t('医保支付资格记分', 'Payment-qualification points')), h('p', { class: 'boot', role: 'status' }, t('正在加载…', 'Loading…')));
  root.insertBefore(box, before.parentNode === root ? before : null);
  return mount(box, ctx, subject);
}

/**
 * Draws the section into `el` (the self-assessment's #points-section).
 * @param {HTMLElement} el @param {ViewContext} ctx @param {() => {type: string, name: string, code: string}} subject
 */
export async function mount(el, ctx, subject) {
  loadState(ctx.today);
  const mountNo = ++mounts;
  const heading = h('h2', { id: 'points-h' }, t('医保支付资格记分', 'Payment-qualification points'));
  let doc;
  try {
    await ctx.loadTools();
    doc = await modelDoc();
  } catch (e) {
    if (state.model === 'file') { state.model = 'national'; state.modelText = null; persist(); return mount(el, ctx, subject); }
    put(el, heading, h('p', { class: 'error', role: 'alert' }, t('无法加载记分规则。请检查网络连接后刷新页面。', 'The scoring rules could not be loaded. Check the connection and reload the page.')));
    return;
  }
  if (mountNo !== mounts || !el.isConnected) return;
  const { api } = ctx;
  const view = el.closest('.view') || document.body;
  let report = /** @type {HTMLElement | null} */ (view.querySelector(':scope > #points-report'));
  if (!report) { report = h('div', { class: 'report points-report', id: 'points-report', 'aria-hidden': 'true' }); view.appendChild(report); }

  const result = h('div', { id: 'points-result' });
  const live = h('p', { class: 'sr-only', 'aria-live': 'polite', id: 'points-live' });
  const modelMsg = h('div', { 'aria-live': 'polite' });
  /** @type {PointsResult | null} */
  let last = null;
  let said = null;
  /** Per row: its status element. @type {HTMLElement[]} */
  let statusEls = [];

  // ---- the model ----
  const modelSel = h('select', { id: 'points-model', onchange: async (e) => {
    state.model = e.target.value;
    persist();
    await mount(el, ctx, subject);
    document.getElementById('points-model')?.focus();
  } },
  POINT_MODELS.map((n) => h('option', { value: n, selected: state.model === n },
    n === 'national' ? t('国家规定（医保发〔2024〕23号）', 'National rules (医保发〔2024〕23号)') : n === 'example-province' ? t('省级细则示例（省份未核实）', 'A province\'s example (province not verified)') : n)),
  state.modelText ? h('option', { value: 'file', selected: state.model === 'file' }, t('载入的本省记分规则文件', 'The province\'s rule file loaded')) : null);
  const fileIn = h('input', { type: 'file', id: 'points-file', class: 'file', accept: '.json,application/json', onchange: async (e) => {
    const f = e.target.files && e.target.files[0];
    e.target.value = '';
    if (!f) return;
    const bad = (zh, en) => put(modelMsg, h('p', { class: 'error', role: 'alert', id: 'points-model-error' }, t(`记分规则文件“${f.name}”未采用：`, `The rule file "${f.name}" was not used: `), t(zh, en)));
    if (f.size > 1024 * 1024) { bad('文件超过 1 MB', 'the file is larger than 1 MB'); return; }
    const text = await f.text();
    let parsed;
    try { parsed = JSON.parse(text); } catch (_) { bad('不是有效的 JSON 文件', 'it is not a valid JSON file'); return; }
    try {
      api.paymentPoints({ person: { type: subject().type }, asOf: state.asOf || ctx.today, records: [], model: parsed });
    } catch (err) { bad(err.zh || say(err), err.en || say(err)); return; }
    state.modelText = text;
    state.model = 'file';
    persist();
    await mount(el, ctx, subject);
  } });

  // ---- the records ----
  const asOfIn = h('input', { type: 'date', id: 'points-asof', value: state.asOf, min: '1949-10-01', max: '2100-12-31', oninput: (e) => { state.asOf = e.target.value; changed(); } });
  const rowsBox = h('div', { class: 'points-rows' });
  const field = (label, input) => { input.id = input.id || newId('pt'); return [h('label', { for: input.id }, label), input]; };

  function drawRows() {
    statusEls = state.records.map(() => styled(h('p', { class: 'points-status', id: newId('pts') }), STATUS));
    put(rowsBox,
      state.records.length ? null : h('p', { class: 'muted' }, t('未填写记分记录。', 'No records yet.')),
      state.records.map((r, i) => {
        const st = statusEls[i];
        const set = (k) => (e) => { r[k] = e.target.value; changed(); };
        const actSel = doc.acts && doc.acts.length ? h('select', { 'aria-describedby': st.id, onchange: (e) => {
          r.act = e.target.value;
          const a = doc.acts.find((x) => x.id === r.act);
          if (a) { r.band = a.band; bandSel.value = a.band; }
          changed();
        } }, h('option', { value: '' }, t('— 未列明 —', '— not listed —')),
        doc.acts.map((a) => h('option', { value: a.id, selected: r.act === a.id }, tx(a.text)))) : null;
        const bandSel = h('select', { 'aria-describedby': st.id, onchange: set('band') },
          h('option', { value: '' }, t('— 按分值 —', '— from the points —')),
          doc.bands.map((b) => h('option', { value: b.id, selected: r.band === b.id }, tx(b.label))));
        const respSel = h('select', { onchange: set('responsibility') },
          h('option', { value: '' }, t('— 未填 —', '— not given —')),
          doc.responsibilities.map((x) => h('option', { value: x.id, selected: r.responsibility === x.id }, sentence(x.label))));
        return styled(h('div', { class: 'points-row', role: 'group', 'aria-label': t(`记分记录 ${i + 1}`, `Record ${i + 1}`) },
          field(t('决定日期', 'Decision date'), h('input', { type: 'date', value: r.date, min: '1949-10-01', max: '2100-12-31', 'aria-describedby': st.id, oninput: set('date') })),
          field(t('记分', 'Points'), h('input', { type: 'number', value: r.points, min: 1, max: doc.total, step: 1, inputmode: 'numeric', 'aria-describedby': st.id, oninput: set('points') })),
          actSel ? field(t('行为', 'Act'), actSel) : null,
          field(t('记分档', 'Band'), bandSel),
          field(t('责任程度', 'Responsibility'), respSel),
          field(t('决定书文号', 'Decision no.'), h('input', { type: 'text', value: r.decisionNo, maxlength: 200, oninput: set('decisionNo') })),
          field(t('说明', 'Note'), h('input', { type: 'text', value: r.description, maxlength: 2000, oninput: set('description') })),
          h('button', { type: 'button', class: 'ghost', onclick: () => { state.records.splice(i, 1); drawRows(); changed(); rowsBox.querySelector('#points-add')?.focus(); } }, t('删除', 'Remove')),
          st), ROW);
      }),
      h('button', { type: 'button', id: 'points-add', onclick: () => {
        state.records.push(blank());
        drawRows();
        persist();
        const dates = rowsBox.querySelectorAll('.points-row input[type=date]');
        /** @type {HTMLElement} */ (dates[dates.length - 1])?.focus();
      } }, t('＋ 添加记分记录', '+ Add a record')));
    if (last) showRowStatus();
  }

  // ---- scoring ----
  /** The rows handed to the core (date and points filled in), as indices; errors of rows left out, by index. */
  let sent = [];
  let rowErrors = new Map();

  function compute() {
    const s = subject();
    rowErrors = new Map();
    sent = state.records.flatMap((r, i) => (r.date && r.points !== '' ? [i] : []));
    // A record the core refuses is shown on its row and left out; the rest still count.
    for (let tries = 0; tries <= state.records.length; tries++) {
      /** @type {PointsInput} */
      const input = {
        person: { type: s.type, name: s.name || '', code: s.code || '' },
        asOf: state.asOf,
        model: modelArg(doc),
        records: sent.map((i) => {
          const r = state.records[i];
          const out = { date: r.date, points: Number(r.points), decisionNo: r.decisionNo, description: r.description };
          if (r.band) out.band = r.band;
          if (r.act) out.act = r.act;
          if (r.responsibility) out.responsibility = r.responsibility;
          return out;
        }),
      };
      const bad = input.records.findIndex((x) => !Number.isInteger(x.points) || x.points < 0 || x.points > 1000);
      if (bad >= 0) {
        rowErrors.set(sent[bad], t(`记分应为 1 至 ${doc.total} 的整数`, `points must be a whole number from 1 to ${doc.total}`));
        sent.splice(bad, 1);
        continue;
      }
      try {
        return api.paymentPoints(input);
      } catch (e) {
        const m = e && e.path && /^\$\.records\[(\d+)\]/.exec(e.path);
        if (!m) throw e;
        const k = Number(m[1]);
        rowErrors.set(sent[k], say(e).replace(/^第 \d+ 条记录：|^record \d+: /, ''));
        sent.splice(k, 1);
      }
    }
    return null;
  }

  function showRowStatus() {
    state.records.forEach((r, i) => {
      const st = statusEls[i];
      if (!st) return;
      const err = rowErrors.get(i);
      const k = sent.indexOf(i);
      const rec = last && k >= 0 ? last.records[k] : null;
      if (err) put(st, h('strong', {}, t('未计入：', 'Not counted: ')), err);
      else if (!r.date || r.points === '') st.textContent = !r.date && r.points === '' ? '' : t('填写决定日期和记分后计入。', 'Counted once the decision date and the points are filled in.');
      else if (rec && !rec.counted) put(st, h('strong', {}, t('不计入：', 'Not counted: ')), tx(rec.reason));
      else if (rec) st.textContent = t(`计 ${rec.points} 分，本年累计 ${rec.runningTotal} 分`, `${rec.points} points; ${rec.runningTotal} in the year so far`);
      else st.textContent = '';
    });
  }

  function draw() {
    report.replaceChildren();
    if (!state.asOf) {
      last = null;
      put(result, h('p', { class: 'error', role: 'alert', id: 'points-error' }, t('请填写计算基准日。', 'Enter the as-of date.')));
      return;
    }
    try {
      last = compute();
    } catch (e) {
      last = null;
      put(result, h('p', { class: 'error', role: 'alert', id: 'points-error' }, say(e)));
      showRowStatus();
      return;
    }
    showRowStatus();
    renderResult(result, last);
    const c = last.consequence;
    const now = `${last.total} ${c ? c.kind + c.points : ''}`;
    if (said !== null && now !== said) live.textContent = headText(last);
    said = now;
  }

  function changed() {
    persist();
    draw();
  }

  function printReport() {
    if (!last) draw();
    if (!last) return;
    renderReport(report, last, ctx.today);
    const root = document.documentElement;
    root.classList.add('print-points');
    const done = () => { root.classList.remove('print-points'); window.removeEventListener('afterprint', done); };
    window.addEventListener('afterprint', done);
    window.print();
    setTimeout(done, 0); // a print() that returns at once (no dialog) still leaves the page as it was
  }

  drawRows();
  // A phone: the rules' names wrap in the field's width rather than widen the page.
  const modelField = h('div', { class: 'field' }, h('label', { for: 'points-model' }, t('记分规则', 'Scoring rules')), modelSel,
    h('div', { class: 'row' }, h('label', { class: 'button ghost', for: 'points-file' }, t('载入本省记分规则文件…', 'Load your province\'s rule file…')), fileIn), modelMsg);
  modelField.style.minWidth = '0';
  modelSel.style.width = '100%';
  const info = h('div', { class: 'points-model-info' });
  put(el,
    heading,
    refused ? h('p', { class: 'note', role: 'status' }, t('本机保存的记分记录来自不兼容的版本，未载入。', 'Saved records are from an incompatible version and were not loaded.')) : null,
    h('p', { class: 'muted' }, t('医保医师、医保药师等定点医药机构相关人员，除信用评价外，还按医保支付资格管理记分：每个自然年度 12 分，每年清零；记分累计达到一定分值的，暂停或终止医保支付资格。按处理决定书所记分值逐条填写（档内分值按责任程度确定）。',
      'Doctors, pharmacists and other staff of designated institutions are also scored under the payment-qualification rules: 12 points a calendar year, starting again each year; reaching certain totals suspends or ends their payment qualification. Enter each decision with the points it gave (within its band, by the degree of responsibility).')),
    h('div', { class: 'field-row' },
      modelField,
      h('div', { class: 'field' }, h('label', { for: 'points-asof' }, t('计算基准日（按其所在年度计分）', 'As of (its year is counted)')), asOfIn)),
    info,
    h('h3', {}, t('记分记录', 'Records')),
    rowsBox,
    result,
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'points-print', onclick: printReport }, t('打印记分报告', 'Print the points report'))),
    live);
  refused = false; // said once
  modelInfo(info, doc, state.model === 'file');
  draw();
}

/** Which rules answer, and that the user's province may differ. */
function modelInfo(el, doc, fromFile) {
  put(el, h('p', { class: 'note', id: 'points-which' },
    h('strong', {}, t('所用规则：', 'Rules used: ')), tx(doc.title), ' ', h('span', { class: doc.sample ? 'tag warn' : 'tag' }, doc.sample ? t('示例', 'sample') : fromFile ? t('载入的文件', 'loaded file') : t('国家规定', 'national')),
    h('br'), t('发布：', 'Issued by: '), tx(doc.issuer), h('br'),
    doc.notice ? [tx(doc.notice), h('br')] : null,
    t('各省的实施细则（各档包含的行为、9 至 12 分之间的处理）可能不同，请以您所在省份医保部门公布的细则为准；可载入本省的记分规则文件。',
      'Each province\'s implementing rules (which acts fall in each band, the steps between 9 and 12 points) may differ: the rules your provincial bureau published govern. You can load your province\'s rule file.')));
}

/** 「本年累计 9 / 12 分：暂停…」 */
function headText(r) {
  const c = r.consequence;
  return t(`${r.year} 年累计 ${r.total} / ${r.of} 分`, `${r.total} of ${r.of} points in ${r.year}`) + (c ? t('：', ': ') + tx(c.text) : t('：未达到处理档次', ': no step reached'));
}

/** @param {HTMLElement} el @param {PointsResult} r */
function renderResult(el, r) {
  const c = r.consequence;
  const s = c && c.suspension;
  const bar = c && c.reRegistration;
  const kindClass = !c ? 'ok' : c.kind === 'warn' ? 'note' : 'alert';
  put(el,
    h('div', { class: 'score-box', id: 'points-head' },
      h('p', { class: 'score' }, h('span', { id: 'points-total' }, String(r.total)), h('span', { class: 'of' }, ` / ${r.of}`)),
      h('p', { class: 'muted' }, t(`${r.year} 年度累计记分（计算基准日 ${r.asOf}）`, `Points in ${r.year} (as of ${r.asOf})`))),
    c ? h('div', { class: kindClass, id: 'points-consequence' },
      h('strong', {}, tx(c.text)), h('br'),
      h('small', {}, t(`于 ${c.reachedOn} 的决定达到 ${c.points} 分。依据：`, `Reached with the decision of ${c.reachedOn} (${c.points} points). Basis: `), citeEl(c.cite))) : h('p', { class: 'ok', id: 'points-consequence' }, t('本年度尚未达到任何处理档次。', 'No step has been reached this year.')),
    s ? h('div', { id: 'points-suspension' },
      h('h3', {}, t('暂停医保支付资格的期间', 'The suspension')),
      h('p', {}, s.months.min === s.months.max
        ? t(`自 ${s.from} 起暂停 ${s.months.min} 个月，至 ${s.untilLatest}。`, `From ${s.from} for ${s.months.min} month${s.months.min === 1 ? '' : 's'}, until ${s.untilLatest}.`)
        : t(`自 ${s.from} 起暂停 ${s.months.min} 至 ${s.months.max} 个月（由作出决定的部门在此范围内确定）：最早至 ${s.untilEarliest}，最迟至 ${s.untilLatest}。`,
          `From ${s.from} for ${s.months.min} to ${s.months.max} months (the deciding department picks within this range): until ${s.untilEarliest} at the earliest, ${s.untilLatest} at the latest.`)),
      h('p', { class: 'muted', id: 'points-rule' }, h('small', {}, t('日期的算法：', 'How the dates are counted: '), tx(s.rule), ' ', t('依据：', 'Basis: '), citeEl(s.cite)))) : null,
    bar ? h('div', { id: 'points-bar' },
      h('h3', {}, t('不得再次登记备案', 'No new registration')),
      h('p', {}, bar.atOnce
        ? t(`一次性记满 ${r.of} 分：${bar.years} 年内不得再次登记备案，至 ${bar.until}。`, `${r.of} points at once: no new registration for ${bar.years} years, until ${bar.until}.`)
        : t(`累计记满 ${r.of} 分：${bar.years} 年内不得再次登记备案，至 ${bar.until}。`, `${r.of} points accumulated: no new registration for ${bar.years} year${bar.years === 1 ? '' : 's'}, until ${bar.until}.`)),
      h('p', { class: 'muted' }, h('small', {}, t(`自终止决定之日（${c.reachedOn}）起按年计算，以决定书为准。依据：`, `Counted in years from the termination decision (${c.reachedOn}); the decision's own dates govern. Basis: `), citeEl(bar.cite)))) : null,
    r.next ? h('p', { id: 'points-next' }, h('strong', {}, t(`再记 ${r.next.needed} 分：`, `${r.next.needed} more point${r.next.needed === 1 ? '' : 's'}: `)), tx(r.next.text))
      : h('p', { id: 'points-next' }, t('已达到最高档次。', 'The highest step is reached.')),
    r.records.length ? [
      h('h3', { id: 'points-list-h' }, t('逐条记分', 'Record by record')),
      h('ol', { class: 'points-list', 'aria-labelledby': 'points-list-h' }, r.records.map((x) => h('li', { class: x.counted ? null : 'muted' },
        h('strong', {}, `${x.date} · ${t(`${x.points} 分`, `${x.points} point${x.points === 1 ? '' : 's'}`)}`),
        x.counted ? t(`（累计 ${x.runningTotal} 分）`, ` (total ${x.runningTotal})`) : h('span', { class: 'muted' }, t('（不计入）', ' (not counted)')),
        h('br'),
        x.act ? [tx(x.act), h('br')] : null,
        tx(x.band), x.responsibility ? ` · ${tx(x.responsibility)}` : '', h('br'),
        x.reason ? [h('span', { class: 'muted' }, t('不计入：', 'Not counted: '), tx(x.reason)), h('br')] : null,
        x.reaches && x.reaches.length ? [h('span', {}, t('达到：', 'Reaches: '), x.reaches.map(tx).join(t('；', '; '))), h('br')] : null,
        h('small', {}, t('依据：', 'Basis: '), citeEl(x.basis)))))] : null,
    r.notes.length ? h('ul', { class: 'warnings', id: 'points-notes' }, r.notes.map((n) => h('li', {}, tx(n)))) : null,
    h('p', { class: 'hash' }, t('记分规则：', 'Rules: '), `${r.model.id} v${r.model.version}`, h('br'), 'SHA-256 ', h('code', {}, r.model.hash)));
}

/** The one-page report (A4). @param {HTMLElement} el @param {PointsResult} r @param {string} today */
function renderReport(el, r, today) {
  const c = r.consequence;
  const s = c && c.suspension;
  const bar = c && c.reRegistration;
  const typeName = r.person.type === 'pharmacist' ? t('医保药师', 'Medical-insurance pharmacist') : r.person.type === 'physician' ? t('医保医师', 'Medical-insurance physician') : r.person.type;
  put(el,
    h('h1', {}, t('医保支付资格记分报告', 'Payment-qualification points report')),
    h('p', { class: 'r-basis' }, t('（依据医保发〔2024〕23号及本省实施细则；自行计算，不作为正式处理结论，以处理决定书为准）', '(Under 医保发〔2024〕23号 and the province\'s rules; a self-check, not an official decision: the decisions govern.)')),
    h('table', { class: 'r-head' }, h('tbody', {},
      h('tr', {}, h('th', {}, t('姓名', 'Name')), h('td', {}, r.person.name || '—'), h('th', {}, t('证件号码', 'ID number')), h('td', {}, r.person.code || '—')),
      h('tr', {}, h('th', {}, t('人员类型', 'Type')), h('td', {}, typeName), h('th', {}, t('计算基准日', 'As of')), h('td', {}, r.asOf)),
      h('tr', {}, h('th', {}, t('年度累计', 'Points in the year')), h('td', { class: 'r-grade' }, `${r.total} / ${r.of}`), h('th', {}, t('年度', 'Year')), h('td', {}, String(r.year))))),
    h('p', {}, h('strong', {}, t('后果：', 'Consequence: ')), c ? `${tx(c.text)}${t(`（${c.reachedOn} 达到；依据：`, ` (reached ${c.reachedOn}; basis: `)}${citeText(c.cite)}${t('）', ')')}` : t('未达到处理档次', 'no step reached')),
    s ? h('p', {}, h('strong', {}, t('暂停期间：', 'Suspension: ')), s.months.min === s.months.max ? t(`${s.from} 起 ${s.months.min} 个月，至 ${s.untilLatest}`, `from ${s.from}, ${s.months.min} months, until ${s.untilLatest}`)
      : t(`${s.from} 起 ${s.months.min} 至 ${s.months.max} 个月，最早至 ${s.untilEarliest}，最迟至 ${s.untilLatest}`, `from ${s.from}, ${s.months.min} to ${s.months.max} months, until ${s.untilEarliest} at the earliest, ${s.untilLatest} at the latest`),
    h('br'), h('small', {}, tx(s.rule), t('（依据：', ' (basis: '), citeText(s.cite), t('）', ')'))) : null,
    bar ? h('p', {}, h('strong', {}, t('不得再次登记备案至：', 'No new registration until: ')), bar.until, t(`（${bar.atOnce ? '一次性' : '累计'}记满，${bar.years} 年；依据：${citeText(bar.cite)}）`, ` (${bar.atOnce ? 'at once' : 'accumulated'}, ${bar.years} ${bar.years === 1 ? 'year' : 'years'}; basis: ${citeText(bar.cite)})`)) : null,
    r.next ? h('p', {}, h('strong', {}, t('下一档：', 'Next step: ')), t(`再记 ${r.next.needed} 分，`, `${r.next.needed} more ${r.next.needed === 1 ? 'point' : 'points'}: `), tx(r.next.text)) : null,
    h('table', { class: 'r-trace' },
      h('thead', {}, h('tr', {}, [t('决定日期', 'Date'), t('记分', 'Points'), t('累计', 'Total'), t('档次、行为与责任', 'Band, act, responsibility'), t('依据', 'Basis')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, r.records.map((x) => h('tr', { class: x.counted ? '' : 'not-counted' },
        h('td', {}, x.date), h('td', {}, String(x.points)), h('td', {}, x.counted ? String(x.runningTotal) : t('不计入', 'not counted')),
        h('td', {}, tx(x.band), x.act ? `${t('；', '; ')}${tx(x.act)}` : '', x.responsibility ? `${t('；', '; ')}${tx(x.responsibility)}` : '', x.reason ? h('div', {}, tx(x.reason)) : null),
        h('td', {}, h('small', {}, citeText(x.basis))))))),
    r.notes.map((n) => h('p', {}, tx(n))),
    h('p', { class: 'r-foot' }, t('记分规则：', 'Rules: '), `${tx(r.model.title)} · ${tx(r.model.issuer)} · ${r.model.id} v${r.model.version} · SHA-256 ${r.model.hash}`, h('br'),
      r.model.sample ? t('示例规则，所属省份未核实；您所在省份的细则可能不同。', 'Sample rules; the province is not verified; your province\'s rules may differ.') : t('各省实施细则可能不同，以本省公布的为准。', 'Provinces\' rules may differ: your province\'s govern.'), h('br'),
      t('填报日期：', 'Filled on: '), today));
}
