// 医保支付资格记分 for a list of persons, opened from the batch view: a CSV with one record a row
// (template to download; UTF-8 or GBK as Excel and WPS save it) → per person the year's points, the
// consequence reached with its dates, what the next points would bring and the rows that could not
// be read; the result as a CSV with one row per person. The core's paymentPointsBatch does the work
// (the same JSON as `yibao-credit payment-points-batch`). Kept while the page is open, not saved:
// the list holds personal data.
// 依据：医保发〔2024〕23号；本省实施细则（the model: data/points/*.json）.
import { h, put, newId } from '../dom.js';
import { t, tx } from '../i18n.js';
import { citeEl } from '../cite.js';
import { POINT_MODELS } from '../loader.js';
/** @import { ViewContext } from './context.js' */
/** @import { PointsBatchOut, PersonOut } from '../yibao-credit.js' */

/** Largest file the page reads (the core's input limit is 8 MB). */
const MAX_BYTES = 8 * 1024 * 1024 - 4096;
/** Persons drawn on the page (all are in the downloaded result). */
const SHOWN = 200;

const state = {
  model: 'national', asOf: '', type: 'physician',
  /** @type {PointsBatchOut | null} */
  result: null,
  file: '',
  /** @type {string | null} */
  error: null,
};

/** Offers text as a CSV download (a BOM first, for Excel). */
function download(name, text) {
  const url = URL.createObjectURL(new Blob([`\uFEFF${text}`], { type: 'text/csv;charset=utf-8' }));
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** The file's text: UTF-8, else GB18030 (GBK), as spreadsheets save it. */
async function readText(file) {
  const bytes = await file.arrayBuffer();
  try { return new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch (_) { return new TextDecoder('gb18030').decode(bytes); }
}

const say = (e) => (e && e.zh ? t(e.zh, e.en) : String(e && e.message ? e.message : e));
const typeName = (id) => (id === 'pharmacist' ? t('医保药师', 'Pharmacist') : id === 'physician' ? t('医保医师', 'Physician') : id);

/** @param {HTMLElement} el @param {ViewContext} ctx */
export async function mount(el, ctx) {
  if (!state.asOf) state.asOf = ctx.today;
  put(el, h('p', { class: 'boot', role: 'status' }, t('正在加载…', 'Loading…')));
  try { await ctx.loadTools(); } catch (_) {
    put(el, h('p', { class: 'error', role: 'alert' }, t('无法加载此功能的程序文件。请检查网络连接后刷新页面。', 'This part of the tool could not be loaded. Check the connection and reload the page.')));
    return;
  }
  const { api } = ctx;
  const msg = h('div', { 'aria-live': 'polite', id: 'pb-msg' });
  const results = h('div', { id: 'pb-results' });

  const modelSel = h('select', { id: newId('pb-model'), onchange: (e) => { state.model = e.target.value; } },
    POINT_MODELS.map((n) => h('option', { value: n, selected: state.model === n },
      n === 'national' ? t('国家规定（医保发〔2024〕23号）', 'National rules (医保发〔2024〕23号)') : n === 'example-province' ? t('省级细则示例（省份未核实）', 'A province\'s example (province not verified)') : n)));
  const asOf = h('input', { type: 'date', id: newId('pb-asof'), value: state.asOf, required: true, onchange: (e) => { state.asOf = e.target.value; } });
  const typeSel = h('select', { id: newId('pb-type'), onchange: (e) => { state.type = e.target.value; } },
    ['physician', 'pharmacist'].map((id) => h('option', { value: id, selected: state.type === id }, typeName(id))));
  const file = h('input', { type: 'file', id: 'pb-file', class: 'file', accept: '.csv,text/csv,text/plain', onchange: async (e) => {
    const f = e.target.files && e.target.files[0];
    e.target.value = '';
    if (!f) return;
    state.result = null;
    state.error = null;
    state.file = f.name;
    if (f.size > MAX_BYTES) {
      state.error = t(`文件过大（${(f.size / 1048576).toFixed(1)} MB），页面中最多 8 MB；更大的名单请用命令行 yibao-credit payment-points-batch。`, `The file is too large (${(f.size / 1048576).toFixed(1)} MB); the page takes up to 8 MB (larger lists: the command line, yibao-credit payment-points-batch).`);
    } else {
      try {
        state.result = api.paymentPointsBatch({ csv: await readText(f), asOf: state.asOf, type: state.type, model: state.model });
      } catch (err) { state.error = say(err); }
    }
    show();
    document.getElementById(state.error ? 'pb-error' : 'pb-summary')?.focus();
  } });

  function show() {
    put(msg, state.error ? h('p', { class: 'error', role: 'alert', id: 'pb-error', tabindex: '-1' }, state.error) : null);
    put(results, state.result ? resultView(state.result, state.file) : null);
  }

  put(el,
    h('h2', { id: 'pb-h' }, t('医保支付资格记分（人员名单）', 'Payment-qualification points: a list of persons')),
    h('p', { class: 'muted' }, t('一次计算一批医保医师、医保药师的年度记分：下载模板，每行填写一条记分记录（同一人的多条记录用同一证件号码或人员代码），保存为 CSV 后导入，得到每人的累计记分和后果。文件只在本机处理，不上传，也不保存。',
      'The year\'s points of many doctors and pharmacists at once: download the template, fill in one record per row (a person\'s records under the same ID or staff code), save as CSV and open it here: each person\'s total and consequence. The file never leaves this computer and is not saved.')),
    h('div', { class: 'bt-form' },
      h('div', {}, h('label', { for: modelSel.id }, t('记分规则', 'Scoring rules')), h('br'), modelSel),
      h('div', {}, h('label', { for: asOf.id }, t('计算基准日（按其所在年度计分）', 'As of (its year is counted)')), h('br'), asOf),
      h('div', {}, h('label', { for: typeSel.id }, t('人员类型列为空时按', 'A blank type cell is')), h('br'), typeSel)),
    h('p', { class: 'note' }, t('各省的实施细则（各档包含的行为、9 至 12 分之间的处理）可能不同，请以您所在省份医保部门公布的细则为准。',
      'Each province\'s implementing rules (which acts fall in each band, the steps between 9 and 12 points) may differ: the rules your provincial bureau published govern.')),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'ghost', id: 'pb-template', onclick: () => {
        try { const tp = api.paymentPointsTemplate(); download(tp.filename, tp.csv); } catch (err) { state.error = say(err); show(); }
      } }, t('下载记分名单模板（CSV）', 'Download the template (CSV)')),
      h('label', { class: 'button', for: 'pb-file' }, t('选择名单文件并计算…', 'Choose the list and compute…')), file),
    h('p', { class: 'muted' }, h('small', {}, t('列：姓名、证件号码或人员代码、人员类型（医保医师／医保药师）、决定日期、记分、记分档、行为、责任程度（一般／重要／主要责任）、决定书文号、说明。决定日期和记分必填；支持 UTF-8 与 GBK 编码。',
      'Columns: name, ID or staff code, type (医保医师 / 医保药师), decision date, points, band, act, responsibility (一般 / 重要 / 主要责任), decision number, note. The date and the points are required; UTF-8 and GBK files.'))),
    msg,
    results);
  show();
}

/** @param {PointsBatchOut} r @param {string} fileName */
function resultView(r, fileName) {
  const s = r.summary;
  const listed = [...r.problems];
  return [
    h('h3', { id: 'pb-summary', tabindex: '-1' }, t(`计算结果：${s.persons} 人，${s.rows} 条记录`, `Results: ${s.persons} ${s.persons === 1 ? 'person' : 'persons'}, ${s.rows} ${s.rows === 1 ? 'record' : 'records'}`)),
    h('p', { id: 'pb-counts' },
      t(`${r.year} 年度：未达到处理档次 ${s.none} 人，提醒约谈 ${s.warn} 人，暂停 ${s.suspend} 人，终止 ${s.terminate} 人。`,
        `${r.year}: ${s.none} with no step reached, ${s.warn} reminded, ${s.suspend} suspended, ${s.terminate} terminated.`),
      s.rowsWithErrors ? t(` ${s.rowsWithErrors} 行无法读取，未计入（${s.incomplete} 人的结果可能不全）。`, ` ${s.rowsWithErrors} rows could not be read and were not counted (${s.incomplete} persons' results may be short).`) : '',
      s.rowsBlank ? t(`（另有 ${s.rowsBlank} 个空行已跳过）`, ` (${s.rowsBlank} blank rows skipped)`) : ''),
    h('p', { class: 'note', id: 'pb-which' }, h('strong', {}, t('所用规则：', 'Rules used: ')), tx(r.model.title), r.model.sample ? [' ', h('span', { class: 'tag warn' }, t('示例', 'sample'))] : null,
      h('br'), r.notes.map((n) => [tx(n), h('br')]), h('small', {}, `${r.model.id} v${r.model.version} · SHA-256 ${r.model.hash}`)),
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'pb-download', onclick: () => download(`记分结果-${fileName.replace(/\.[^.]*$/, '')}.csv`, r.csv) }, t('下载结果（CSV，每人一行）', 'Download the results (CSV, one row per person)'))),
    listed.length ? h('details', { open: true }, h('summary', {}, t(`文件的问题（${listed.length} 项）`, `Problems of the file (${listed.length})`)),
      h('ul', { id: 'pb-problems' }, listed.map((p) => h('li', {}, p.row ? t(`第 ${p.row} 行 `, p.column ? `Row ${p.row}, column ` : `Row ${p.row}: `) : '', p.column ? t(`${p.column}：`, `"${p.column}": `) : '', t(p.zh, p.en))))) : null,
    h('ol', { class: 'pb-persons', id: 'pb-persons', 'aria-label': t('每人的记分', 'Points per person') }, r.persons.slice(0, SHOWN).map((p) => personItem(p))),
    r.persons.length > SHOWN ? h('p', { class: 'muted' }, t(`页面列出前 ${SHOWN} 人；全部 ${r.persons.length} 人见下载的结果文件。`, `The first ${SHOWN} persons are listed; all ${r.persons.length} are in the downloaded results.`)) : null,
  ];
}

/** One person: who, the total, the consequence and its dates, the next step, the rows not counted; the records on demand. @param {PersonOut} p */
function personItem(p) {
  const c = p.consequence;
  const s = c && c.suspension;
  const bar = c && c.reRegistration;
  return h('li', { class: 'card pb-person' },
    h('p', {}, h('strong', {}, p.person.name || '—'), ` · ${p.person.code || '—'} · ${typeName(p.person.type)}`),
    h('p', {}, h('strong', {}, t(`${p.total} / ${p.of} 分`, `${p.total} of ${p.of} points`)), ' · ',
      c ? tx(c.text) : t('未达到处理档次', 'no step reached'), c ? [' ', h('small', {}, t('依据：', 'Basis: '), citeEl(c.cite))] : null),
    s ? h('p', {}, s.months.min === s.months.max
      ? t(`暂停：自 ${s.from} 起 ${s.months.min} 个月，至 ${s.untilLatest}`, `Suspended from ${s.from} for ${s.months.min} months, until ${s.untilLatest}`)
      : t(`暂停：自 ${s.from} 起 ${s.months.min} 至 ${s.months.max} 个月，最早至 ${s.untilEarliest}，最迟至 ${s.untilLatest}`, `Suspended from ${s.from} for ${s.months.min} to ${s.months.max} months: until ${s.untilEarliest} at the earliest, ${s.untilLatest} at the latest`),
      ' ', h('small', {}, t('（期间的算法：', '(counted by '), citeEl(s.cite), t('）', ')'))) : null,
    bar ? h('p', {}, t(`不得再次登记备案至 ${bar.until}（${bar.atOnce ? '一次性' : '累计'}记满 ${p.of} 分，${bar.years} 年）`, `No new registration until ${bar.until} (${p.of} points ${bar.atOnce ? 'at once' : 'accumulated'}, ${bar.years} year${bar.years === 1 ? '' : 's'})`)) : null,
    p.next ? h('p', { class: 'muted' }, t(`再记 ${p.next.needed} 分：`, `${p.next.needed} more: `), tx(p.next.text)) : null,
    p.problems.length ? h('ul', { class: p.complete ? 'muted' : 'warnings' }, p.problems.map((x) => h('li', {}, t(`第 ${x.row} 行 `, x.column ? `Row ${x.row}, column ` : `Row ${x.row}: `), x.column ? t(`${x.column}：`, `"${x.column}": `) : '', t(x.zh, x.en)))) : null,
    p.complete ? null : h('p', { class: 'warnings' }, t('有记录未能读取：累计可能偏少，改正后重新导入。', 'Some records could not be read: the total may be short; correct them and open the file again.')),
    p.records.length ? h('details', {}, h('summary', {}, t(`逐条记分（${p.records.length} 条）`, `Record by record (${p.records.length})`)),
      h('ul', {}, p.records.map((x, k) => h('li', { class: x.counted ? null : 'muted' },
        t(`第 ${p.recordRows[k]} 行：`, `Row ${p.recordRows[k]}: `), `${x.date} · ${t(`${x.points} 分`, `${x.points} pt`)} · ${tx(x.band)}`, x.responsibility ? ` · ${tx(x.responsibility)}` : '',
        x.counted ? t(`（累计 ${x.runningTotal}）`, ` (total ${x.runningTotal})`) : [' ', t('不计入：', 'not counted: '), tx(x.reason)])))) : null);
}
