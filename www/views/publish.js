// The publication package of a finished batch (「生成公示包」): a look-up page, the dishonest list
// and the data (CSV, JSON), zipped, to copy to the bureau's web server. The core makes the files
// (api.publish, src/publish.rs) from the same list and options as the batch; this module asks for
// the publication date and whether to publish the score, reads the list again, and zips the files
// with www/zip.js (stored entries). Loaded only when the clerk opens it (views/batch.js imports it
// on the button's click), so the batch view and the first screen do not grow.
// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十一条（查询服务）、第二十二条（异议申诉期）、
// 第二十三条（在官方网站发布机构类信用主体的信用等级和失信名单）.
import { h, put, newId } from '../dom.js';
import { t, tx, sentence } from '../i18n.js';
import { citeEl } from '../cite.js';
import { withHolidays } from '../holidays.js';
import { makePackage } from '../publish-make.js';
import { workerCall } from '../worker-call.js';

// The package is made in a worker (publish-worker.js): for a long list it takes seconds, and the
// page keeps answering meanwhile; from file://, on the page's thread with the page's tools module.
let pageApi = null;
const makeIt = workerCall(new URL('../publish-worker.js', import.meta.url), ({ input }) => makePackage(pageApi, input));

// Kept while the page is open (the clerk's choices for this list).
const state = { published: '', details: false };

/** The list's text: UTF-8 (with or without BOM), else GB18030 (a superset of GBK), as the batch reads it. */
async function readList(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (_) {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

const say = (e) => (e && (e.zh || e.en) ? sentence(e) : t(`出错：${e && e.message ? e.message : e}`, `Failed: ${e && e.message ? e.message : e}`));

/**
 * The panel: publication date, the score tick box, 「生成并下载」, then what was published.
 * @param {any} api the core's API (ctx.api: the tools module's `publish`)
 * @param {{file: File, options: {asOf: string, type?: string, rules?: string}, today: string}} batch
 */
export function publishPanel(api, batch) {
  if (!state.published || state.published < batch.options.asOf) state.published = batch.today >= batch.options.asOf ? batch.today : batch.options.asOf;
  const id = newId('pub');
  const out = h('div', { class: 'pub-out', 'aria-live': 'polite' });
  const date = h('input', { type: 'date', id: `${id}-date`, value: state.published, min: batch.options.asOf, required: true, onchange: (e) => { state.published = e.target.value; } });
  const details = h('input', { type: 'checkbox', id: `${id}-details`, checked: state.details, onchange: (e) => { state.details = e.target.checked; } });
  const go = h('button', { type: 'submit', id: 'pub-go' }, t('生成并下载公示包（.zip）', 'Make and download the package (.zip)'));

  async function make(ev) {
    ev.preventDefault();
    if (!date.value) { put(out, h('p', { class: 'error', role: 'alert' }, t('请填写公示日期。', 'Enter the publication date.'))); return; }
    go.disabled = true;
    put(out, h('p', { class: 'note' }, t('正在生成…', 'Making the package…')));
    try {
      const csv = await readList(batch.file);
      pageApi = api;
      const res = await makeIt({ input: withHolidays({ ...batch.options, csv, published: date.value, details: details.checked }) });
      const name = `${t('公示包', 'publication')}-${res.report.rules.id}-${date.value}.zip`;
      download(name, res.zip);
      put(out, report(res.report, name, res.zip.size));
    } catch (e) {
      put(out, h('p', { class: 'error', role: 'alert' }, say(e)));
    } finally {
      go.disabled = false;
    }
  }

  return h('form', { class: 'card pub-panel', id: 'pub-panel', onsubmit: make, 'aria-labelledby': `${id}-h` },
    h('h2', { id: `${id}-h` }, t('公示包', 'Publication package')),
    h('p', { class: 'muted' }, t(
      '生成可直接复制到网站服务器的文件夹：查询页（输入统一社会信用代码或名称查询信用等级）、失信名单、数据文件（CSV、JSON）。只公示机构类主体的名称、统一社会信用代码、信用等级、评价日期和指标；页面写明公示日期和异议截止日。',
      'A folder to copy to the web server as it is: a look-up page (type a unified social credit code or a name to see the grade), the dishonest list, and the data (CSV, JSON). Only institutions are published, with their name, code, grade, evaluation date and rule set; the pages state the publication date and the last day for an objection.')),
    h('div', { class: 'field' },
      h('label', { for: `${id}-date` }, t('公示日期', 'Publication date')),
      date,
      h('small', { class: 'muted' }, t('异议期（10 个工作日）自这一天起算。', 'The objection period (10 working days) runs from this day.'))),
    h('div', { class: 'rp-check' },
      details,
      h('label', { for: `${id}-details` }, t('同时公示得分和直接定级原因（第二十三条规定披露信用等级；默认不公示得分）', 'Publish the score and the reason of a direct grade too (Article 23 discloses the grade; the score is not published unless ticked)'))),
    h('div', { class: 'actions' }, go),
    out);
}

/** What the package holds, for the clerk. */
function report(r, name, size) {
  const o = r.objection;
  const left = r.leftOut.map((l) => h('li', {}, t(`${l.zh}：${l.count} 行（第 ${l.rows.join('、')} 行${l.count > l.rows.length ? ' 等' : ''}）`, `${l.en}: ${l.count} ${l.count === 1 ? 'row' : 'rows'} (${l.count === 1 ? 'row' : 'rows'} ${l.rows.join(', ')}${l.count > l.rows.length ? ', …' : ''})`)));
  return h('div', { class: 'pub-report', id: 'pub-report' },
    h('p', { class: 'ok' }, t(`已下载 ${name}（${(size / 1024).toFixed(0)} KB）。解压后把整个文件夹复制到网站服务器即可。`, `Downloaded ${name} (${(size / 1024).toFixed(0)} KB). Unzip it and copy the whole folder to the web server.`)),
    h('ul', {},
      h('li', {}, t(`公示机构 ${r.institutions} 家，其中失信名单 ${r.dishonest} 家`, `${r.institutions} institutions published, ${r.dishonest} of them on the dishonest list`)),
      h('li', {}, t('按等级：', 'By grade: '), r.grades.map((g) => `${g.grade} ${tx(g.label)} ${g.count}`).join(t('，', ', '))),
      h('li', { id: 'pub-due' }, t(`公示日期 ${r.published}，异议截止日 ${o.due}（${o.dueWeekday.zh}）`, `Published ${r.published}; last day for an objection ${o.due} (${o.dueWeekday.en})`), ' ', h('small', {}, citeEl(o.cite))),
      h('li', {}, r.details ? t('已公示得分和直接定级原因。', 'Scores and direct-grade reasons are published.') : t('未公示得分。', 'Scores are not published.'))),
    left.length ? h('div', {}, h('p', {}, t('以下各行未公示：', 'These rows are not published:')), h('ul', {}, left)) : '',
    r.duplicateCodes ? h('p', { class: 'note' }, t(`有 ${r.duplicateCodes} 个代码对应多个名称（一码多赋），已按原样公示，请先核对。`, `${r.duplicateCodes} codes have several names; they are published as they are: check them first.`)) : '',
    o.warnings.map((w) => h('p', { class: 'note' }, sentence(w))),
    r.rules.sample ? h('p', { class: 'note' }, t('这些结果是按示例指标算出的；公示前请改用本局发布的指标文件。', 'These results come from the sample rule set: use the rule set your bureau issued before publishing.')) : '');
}
