// Batch evaluation: a CSV list of institutions or persons in, grades, problems, duplicates and a
// result CSV out. The work runs in a Web Worker (batch-worker.js), piece by piece, so the page
// stays responsive, shows progress and can stop it. The worker loads its own tools module and is
// told which shipped rule set to fetch (or is given the bureau's rules loaded in the self-assessment).
// 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至二十条、第二十五至二十六条；
// 秦皇岛方案 整改任务分工表 第1项（一码多赋、重复赋码）.
import { h, put, newId, errorText } from '../dom.js';
import { t, tx, getLang } from '../i18n.js';
import * as store from '../store.js';
import { TYPES } from '../subjects.js';
import { runBatch, plainError } from '../batch-run.js';
import { builtinName } from '../loader.js';
/** @import { ViewContext } from './context.js' */
/** @import { RowJson, Summary } from '../yibao-credit.js' */

const MAX_BYTES = 50 * 1024 * 1024;
const PAGE = 500;
// Row arrays from the core: [row, name, code, type, score|null, grade|null, [[code, column, zh, en], …]]
const R_ROW = 0; const R_NAME = 1; const R_CODE = 2; const R_TYPE = 3; const R_SCORE = 4; const R_GRADE = 5; const R_PROB = 6;

// Kept while the page is open (not saved: the list may hold personal data).
const state = { type: 'retail-pharmacy', asOf: '', result: null, fileName: '', sort: { col: R_ROW, dir: 1 }, grade: '', onlyProblems: false, page: 0 };

function typeName(id) {
  const x = TYPES.find((r) => r[0] === id);
  return x ? t(x[1], x[2]) : id;
}

/** The bureau's rules loaded in the self-assessment: {text, doc}, or null. */
function customRules() {
  const got = store.load('assess');
  const text = got.value && got.value.customRules;
  if (!text) return null;
  try { return { text, doc: JSON.parse(text) }; } catch (_) { return null; }
}

function download(name, text) {
  const blob = new Blob([text.startsWith('\uFEFF') ? text : `\uFEFF${text}`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Bytes → text: UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK). */
function decode(bytes) {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch (_) {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'GB18030/GBK' };
  }
}

/**
 * The batch worker (batch-worker.js). Opened from file:// (the single-file offline build) a module
 * worker cannot load, so the batch then runs on the page's thread, piece by piece, yielding between
 * pieces so progress still shows and 停止 still works; same messages as the worker. (The page's
 * tools module has every shipped rule set: this view is drawn only once they are loaded, app.js.)
 */
function makeWorker(api) {
  if (location.protocol !== 'file:') {
    try { return new Worker(new URL('../batch-worker.js', import.meta.url), { type: 'module' }); } catch (_) { /* fall back below */ }
  }
  let stopped = false;
  const w = {
    mainThread: true, onmessage: null, onerror: null,
    terminate() { stopped = true; },
    postMessage({ text, options: opts, chunkBytes = 256 * 1024 }) {
      const send = (data) => { if (!stopped && w.onmessage) w.onmessage({ data }); };
      runBatch(api.BatchRun, text, opts, chunkBytes, send, () => new Promise((r) => setTimeout(r, 0)), () => stopped)
        .catch((e) => send({ type: 'error', error: plainError(e) }));
    },
  };
  return w;
}

export const view = {
  id: 'batch',
  /** @param {ViewContext} ctx */
  mount(root, ctx) {
    const { api } = ctx;
    if (!state.asOf) state.asOf = ctx.today;
    const custom = customRules();
    let worker = null;

    const msg = h('div', { class: 'bt-msg', 'aria-live': 'polite' });
    const progress = h('progress', { class: 'bt-progress', max: 100, value: 0, hidden: true });
    const progressText = h('span', { class: 'bt-progress-text', 'aria-live': 'polite' });
    const cancel = h('button', { type: 'button', class: 'ghost', hidden: true, onclick: () => stop(true) }, t('取消', 'Cancel'));
    const results = h('div', { class: 'bt-results', id: 'bt-results' });

    function options() {
      const o = { asOf: state.asOf };
      if (custom) o.rules = custom.text; else o.type = state.type;
      return o;
    }

    function stop(cancelled) {
      if (worker) { worker.terminate(); worker = null; }
      progress.hidden = true;
      cancel.hidden = true;
      if (cancelled) put(msg, h('p', { class: 'note' }, t('已取消，未生成结果。', 'Cancelled; no results.')));
    }

    function showError(e) {
      put(msg, h('p', { class: 'error', role: 'alert' }, errorText(e, getLang())));
    }

    function template() {
      try {
        const o = custom ? { rules: custom.text } : { type: state.type };
        const out = api.batchTemplate(o);
        download(out.filename || 'template.csv', out.csv);
      } catch (e) { showError(e); }
    }

    async function onFile(file) {
      if (!file) return;
      stop(false);
      put(msg);
      if (file.size > MAX_BYTES) {
        showError({ code: 'E_BATCH_TOO_LARGE', zh: `文件过大（${(file.size / 1048576).toFixed(1)} MB），页面中最多处理 50 MB；请拆分文件，或用命令行 yibao-credit batch`, en: `The file is too large (${(file.size / 1048576).toFixed(1)} MB); the page takes at most 50 MB. Split it or use the CLI.` });
        return;
      }
      const started = performance.now();
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { text, encoding } = decode(bytes);
      state.fileName = file.name;
      progress.hidden = false;
      progress.value = 0;
      cancel.hidden = false;
      progressText.textContent = t('正在评价…', 'Evaluating…');
      worker = makeWorker(ctx.api);
      worker.onmessage = (ev) => {
        const m = ev.data;
        if (m.type === 'progress') {
          progress.value = Math.round((m.done / m.total) * 100);
          progressText.textContent = t(`已处理 ${m.rows} 行（${progress.value}%）`, `${m.rows} rows done (${progress.value}%)`);
        } else if (m.type === 'done') {
          stop(false);
          state.result = { summary: m.summary, rows: m.rows, csv: m.csv, encoding, file: file.name };
          state.page = 0;
          state.grade = '';
          state.onlyProblems = false;
          state.sort = { col: R_ROW, dir: 1 };
          renderResults();
          const ms = Math.round(performance.now() - started);
          results.dataset.elapsedMs = String(ms);
          progressText.textContent = t(`完成：${m.rows.length} 行，用时 ${(ms / 1000).toFixed(1)} 秒（${encoding}）`, `Done: ${m.rows.length} rows in ${(ms / 1000).toFixed(1)} s (${encoding})`);
        } else if (m.type === 'error') {
          stop(false);
          progressText.textContent = '';
          showError(m.error);
        }
      };
      worker.onerror = (e) => { stop(false); showError({ code: 'E_WORKER', zh: `后台计算出错：${e.message}`, en: `The background worker failed: ${e.message}` }); };
      worker.postMessage({ text, options: options(), builtin: custom ? null : builtinName(state.type) });
    }

    // ---- results ----
    function renderResults() {
      const r = state.result;
      if (!r) { put(results); return; }
      /** @type {Summary} */
      const s = r.summary;
      put(results,
        h('div', { class: 'card' },
          h('h2', {}, t('评价结果', 'Results')),
          h('p', { class: 'bt-counts' },
            t(`共 ${s.rowsTotal} 行，已评价 ${s.rowsEvaluated} 行，有问题 ${s.rowsWithProblems} 行，直接定级 ${s.rowsDirectGraded} 行`,
              `${s.rowsTotal} rows, ${s.rowsEvaluated} graded, ${s.rowsWithProblems} with problems, ${s.rowsDirectGraded} graded directly`),
            s.rowsBlank ? t(`（另有 ${s.rowsBlank} 个空行已跳过）`, ` (${s.rowsBlank} blank rows skipped)`) : ''),
          h('p', { class: 'muted' }, t('指标：', 'Rules: '), tx(s.rules.title), ` ${s.rules.id} ${s.rules.version}`, s.rules.sample ? t('（示例指标）', ' (sample)') : '',
            h('br'), t('评价基准日：', 'As of: '), s.asOf, ' · SHA-256 ', h('code', { class: 'bt-hash' }, s.rules.hash)),
          h('div', { class: 'actions' },
            h('button', { type: 'button', onclick: () => download(`评价结果-${r.file.replace(/\.[^.]*$/, '')}.csv`, r.csv) }, t('下载结果（CSV）', 'Download results (CSV)')))),
        h('div', { class: 'bt-two' }, chart(s), problems(s)),
        table());
    }

    /** @param {Summary} s */
    function chart(s) {
      const total = s.distribution.reduce((a, g) => a + g.count, 0) || 1;
      const max = Math.max(1, ...s.distribution.map((g) => g.count));
      const bars = s.distribution.map((g) => {
        const bar = h('span', { class: `bt-bar bt-g-${g.grade.toLowerCase()}` });
        bar.style.width = `${(g.count / max) * 100}%`;
        return h('li', { class: 'bt-row' },
          h('span', { class: 'bt-grade' }, g.grade),
          h('span', { class: 'bt-label' }, tx(g.label)),
          h('span', { class: 'bt-track' }, bar),
          h('span', { class: 'bt-num' }, `${g.count}（${((g.count / total) * 100).toFixed(1)}%）`));
      });
      return h('div', { class: 'card bt-chart' },
        h('h3', {}, t('等级分布', 'Grade distribution')),
        h('ul', { class: 'bt-bars', 'aria-label': t('等级分布', 'Grade distribution') }, bars),
        h('details', {}, h('summary', {}, t('各等级的奖惩措施', 'Measures by grade')),
          s.distribution.map((g) => h('div', {}, h('h4', {}, `${g.grade} ${tx(g.label)}`),
            h('ul', {}, g.measures.map((m) => h('li', {}, `${m.id} ${tx(m.text)} `, h('small', {}, m.cite))))))));
    }

    /** @param {Summary} s */
    function problems(s) {
      const d = s.duplicates;
      const items = [];
      for (const f of s.fileProblems) items.push(h('li', { class: 'bt-file' }, `${t(f.zh, f.en)} [${f.code}]`));
      for (const g of d.oneCodeManyNames) {
        items.push(h('li', {}, h('strong', {}, t('一码多赋：', 'One code, several names: ')), `${g.code} — `,
          g.names.map((n) => `${n.value}（${t('第', 'rows ')}${n.rows.join('、')}${t(' 行', '')}）`).join('；')));
      }
      for (const g of d.oneNameManyCodes) {
        items.push(h('li', {}, h('strong', {}, t('重复赋码：', 'One name, several codes: ')), `${g.name} — `,
          g.codes.map((c) => `${c.value}（${t('第', 'rows ')}${c.rows.join('、')}${t(' 行', '')}）`).join('；')));
      }
      const counts = Object.entries(s.problemCounts).map(([code, n]) => h('li', {}, `${code}: ${n}`));
      const listed = s.problems.slice(0, 200).map((p) => h('li', {}, `${t('第', 'Row ')}${p.row}${t(' 行', '')} ${p.column ? `${p.column}：` : ''}${t(p.zh, p.en)}`));
      return h('div', { class: 'card bt-problems' },
        h('h3', {}, t('问题', 'Problems')),
        items.length ? h('ul', {}, items) : h('p', { class: 'ok' }, t('未发现一码多赋、重复赋码或整个文件的问题。', 'No duplicate codes or names, no file problems.')),
        counts.length ? h('details', { open: true }, h('summary', {}, t(`行内问题（${s.rowsWithProblems} 行）`, `Row problems (${s.rowsWithProblems} rows)`)),
          h('ul', { class: 'bt-counts-list' }, counts), h('ul', { class: 'bt-listed' }, listed),
          s.problems.length > 200 || s.problemsTruncated ? h('p', { class: 'muted' }, t('更多问题见结果表和下载的结果文件。', 'More in the table and the downloaded results.')) : '') : '');
    }

    function filtered() {
      const r = state.result;
      /** @type {RowJson[]} */
      let rows = r.rows;
      if (state.grade) rows = rows.filter((x) => (state.grade === '-' ? x[R_GRADE] === null : x[R_GRADE] === state.grade));
      if (state.onlyProblems) rows = rows.filter((x) => x[R_PROB].length > 0);
      const { col, dir } = state.sort;
      if (!(col === R_ROW && dir === 1)) {
        const key = col === R_PROB ? (x) => x[R_PROB].length : (x) => x[col];
        rows = rows.slice().sort((a, b) => {
          const ka = key(a); const kb = key(b);
          if (ka === kb) return a[R_ROW] - b[R_ROW];
          if (ka === null) return 1;
          if (kb === null) return -1;
          return (ka < kb ? -1 : 1) * dir;
        });
      }
      return rows;
    }

    function table() {
      const s = state.result.summary;
      const rows = filtered();
      const pages = Math.max(1, Math.ceil(rows.length / PAGE));
      if (state.page >= pages) state.page = pages - 1;
      const slice = rows.slice(state.page * PAGE, state.page * PAGE + PAGE);
      /** @type {[number, string, string][]} */
      const cols = [[R_ROW, '行号', 'Row'], [R_NAME, '名称', 'Name'], [R_CODE, '代码', 'Code'], [R_TYPE, '主体类型', 'Type'],
        [R_SCORE, '得分', 'Score'], [R_GRADE, '等级', 'Grade'], [R_PROB, '问题', 'Problems']];
      const head = h('tr', {}, cols.map(([c, zh, en]) => {
        const sorted = state.sort.col === c;
        return h('th', { scope: 'col', 'aria-sort': sorted ? (state.sort.dir === 1 ? 'ascending' : 'descending') : 'none' },
          h('button', { type: 'button', class: 'bt-sort', onclick: () => { state.sort = { col: c, dir: sorted ? -state.sort.dir : 1 }; state.page = 0; rerenderTable(); } },
            t(zh, en), sorted ? (state.sort.dir === 1 ? ' ▲' : ' ▼') : ''));
      }));
      const body = slice.map((x) => h('tr', { class: x[R_PROB].length ? 'bt-has-problem' : '' },
        h('td', { class: 'bt-num-cell' }, x[R_ROW]),
        h('td', {}, x[R_NAME]),
        h('td', { class: 'bt-code' }, x[R_CODE]),
        h('td', {}, typeName(x[R_TYPE])),
        h('td', { class: 'bt-num-cell' }, x[R_SCORE] === null ? '—' : x[R_SCORE]),
        h('td', {}, x[R_GRADE] === null ? '—' : h('span', { class: `bt-letter bt-g-${x[R_GRADE].toLowerCase()}` }, x[R_GRADE])),
        h('td', { class: 'bt-prob-cell' }, x[R_PROB].map((p) => h('div', {}, `${p[1] ? `${p[1]}：` : ''}${t(p[2], p[3])}`)))));
      const gradeSel = h('select', { id: newId('bt-grade'), onchange: (e) => { state.grade = e.target.value; state.page = 0; rerenderTable(); } },
        h('option', { value: '' }, t('全部等级', 'All grades')),
        s.distribution.map((g) => h('option', { value: g.grade, selected: state.grade === g.grade }, `${g.grade} ${tx(g.label)}`)),
        h('option', { value: '-', selected: state.grade === '-' }, t('未评价（有错误）', 'Not graded (errors)')));
      const only = h('input', { type: 'checkbox', id: newId('bt-only'), checked: state.onlyProblems, onchange: (e) => { state.onlyProblems = e.target.checked; state.page = 0; rerenderTable(); } });
      const pager = h('div', { class: 'bt-pager' },
        h('button', { type: 'button', class: 'ghost', disabled: state.page === 0, onclick: () => { state.page -= 1; rerenderTable(); } }, t('上一页', 'Previous')),
        h('span', {}, t(`第 ${state.page + 1} / ${pages} 页，共 ${rows.length} 行`, `Page ${state.page + 1} of ${pages}, ${rows.length} rows`)),
        h('button', { type: 'button', class: 'ghost', disabled: state.page >= pages - 1, onclick: () => { state.page += 1; rerenderTable(); } }, t('下一页', 'Next')));
      return h('div', { class: 'card bt-table-card', id: 'bt-table-card' },
        h('div', { class: 'bt-filters' },
          h('label', { for: gradeSel.id }, t('等级：', 'Grade: ')), gradeSel,
          h('label', { class: 'bt-check' }, only, t('只看有问题的行', 'Only rows with problems'))),
        h('div', { class: 'bt-scroll' }, h('table', { class: 'bt-table' }, h('thead', {}, head), h('tbody', {}, body))),
        pager);
    }

    function rerenderTable() {
      const old = results.querySelector('#bt-table-card');
      if (old) old.replaceWith(table());
    }

    // ---- form ----
    const typeSel = h('select', { id: newId('bt-type'), disabled: !!custom, onchange: (e) => { state.type = e.target.value; } },
      TYPES.map(([id, zh, en]) => h('option', { value: id, selected: id === state.type }, t(zh, en))));
    const asOf = h('input', { type: 'date', id: newId('bt-asof'), value: state.asOf, required: true, onchange: (e) => { state.asOf = e.target.value; } });
    const file = h('input', { type: 'file', id: 'bt-file', class: 'file', accept: '.csv,text/csv,text/plain', onchange: (e) => { onFile(e.target.files[0]); e.target.value = ''; } });

    put(root,
      h('div', { class: 'card' },
        h('h2', {}, t('批量评价', 'Batch evaluation')),
        h('p', { class: 'muted' }, t('一次评价一整张名单：下载模板，在 Excel 或 WPS 中每行填写一个主体，保存为 CSV 后导入。文件只在本机处理，不上传。',
          'Evaluate a whole list at once: download the template, fill in one subject per row in Excel or WPS, save as CSV and open it here. The file never leaves this computer.')),
        h('div', { class: 'bt-form' },
          h('div', {}, h('label', { for: typeSel.id }, t('主体类型（内置示例指标）', 'Subject type (built-in sample rules)')), h('br'), typeSel),
          h('div', {}, h('label', { for: asOf.id }, t('评价基准日', 'As-of date')), h('br'), asOf)),
        custom ? h('p', { class: 'note' }, t('正在使用在“信用自评”中载入的指标：', 'Using the rules loaded in the self-assessment: '), tx(custom.doc.title || {}), ` ${custom.doc.id || ''} ${custom.doc.version || ''}`) : '',
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'ghost', id: 'bt-template', onclick: template }, t('下载 CSV 模板', 'Download the CSV template')),
          h('label', { class: 'button', for: 'bt-file' }, t('选择 CSV 文件并评价…', 'Choose a CSV file and evaluate…')), file),
        h('p', { class: 'muted' }, h('small', {}, t('支持 UTF-8 与 GBK 编码；最多 50 MB、100 万行。次数列填期间内的次数（空白按 0），是/否列填“是”或“否”；“列入严重失信主体名单”等列填“是”即直接定级。',
          'UTF-8 and GBK files; up to 50 MB and 1,000,000 rows. Count columns take the number of times in the period (blank is 0); yes/no columns take 是 or 否; 是 in a direct-grade column sets the grade.'))),
        h('div', { class: 'bt-run' }, progress, progressText, cancel),
        msg),
      results);
    renderResults();
  },
};
