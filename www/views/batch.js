// Batch evaluation: a CSV list of institutions or persons in, grades, problems, duplicates and a
// result CSV out. The work runs in a Web Worker (batch-worker.js), piece by piece, so the page
// stays responsive, shows progress and can stop it. The worker loads its own tools module and is
// told which shipped rule set to fetch (or is given the bureau's rules loaded in the self-assessment).
//
// What the page holds stays small whatever the file: the rows as columns (www/batch-rows.js
// RowStore; a row is made only when drawn), the result file as a Blob, the duplicates and problems
// summarised (batch-run.js `brief`). The table shows one page of PAGE rows; a long text is cut for
// display (its full text on demand). Files past the page's limits (batch-run.js PAGE_LIMITS) are
// refused with a message that points to the command line.
// 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至二十条、第二十五至二十六条；
// 秦皇岛方案 整改任务分工表 第1项（一码多赋、重复赋码）.
import { h, put, newId } from '../dom.js';
import { t, tx, getLang, sentence } from '../i18n.js';
import * as store from '../store.js';
import { TYPES } from '../subjects.js';
import { runBatch, plainError, PAGE_LIMITS, limitError } from '../batch-run.js';
import { RowStore } from '../batch-rows.js';
import { builtinName } from '../loader.js';
import { readXlsx, resultXlsx, templateXlsx as templateWorkbook } from '../excel.js';
import { citeEl } from '../cite.js';
/** @import { ViewContext } from './context.js' */
/** @import { Summary } from '../yibao-credit.js' */

/** Rows per page of the table. */
const PAGE = 50;
/** Characters of a text shown before it is cut (its full text: the cell's title and 「全文」). */
const CUT = 60;
/** Characters of a full text put in a title (a tooltip shows no more). */
const TITLE = 2000;
// Columns of a row from the store: [row, name, code, type, score|null, grade|null, [[code, column, zh, en], …], direct|null]
const R_ROW = 0; const R_NAME = 1; const R_CODE = 2; const R_TYPE = 3; const R_SCORE = 4; const R_GRADE = 5; const R_PROB = 6; const R_DIRECT = 7;

/**
 * @typedef {{value: string, rows: number[], rowCount: number}} BriefOccurrence
 * @typedef {Omit<Summary, 'duplicates'> & {problemsListed: number, duplicates: {
 *   oneCodeManyNames: {code: string, names: BriefOccurrence[], count: number, rowCount: number}[], oneCodeManyNamesGroups: number,
 *   oneNameManyCodes: {name: string, codes: BriefOccurrence[], count: number, rowCount: number}[], oneNameManyCodesGroups: number,
 *   skippedRows: number }}} BriefSummary
 * @typedef {{summary: BriefSummary, store: RowStore, blob: Blob, encoding: string, file: string, ms: number, input: File, options: any}} Result
 */

// Kept while the page is open (not saved: the list may hold personal data).
const state = {
  type: 'retail-pharmacy', asOf: '',
  /** @type {Result | null} */
  result: null,
  sort: { col: R_ROW, dir: 1 }, grade: '', onlyProblems: false, page: 0,
  /** @type {Uint32Array<ArrayBufferLike> | null} positions in the store of the rows shown, in order (null: being made) */
  order: null,
  /** @type {{code?: string, zh: string, en: string} | null} the last run's message */
  error: null,
  /** @type {{file: File, sheets: string[], sheet: string} | null} the workbook read, when the list came as .xlsx */
  xlsx: null,
};

/** The batch running, if one is: its worker, file and progress (kept when the view is drawn again). */
let job = null;
/** The drawn view's hooks (the latest mount). */
let ui = null;

function typeName(id) {
  const x = TYPES.find((r) => r[0] === id);
  return x ? t(x[1], x[2]) : id;
}

/**
 * The bureau's rules loaded in the self-assessment: {text, doc}, or null; several versions of them
 * (an array): {text, doc: null, versions}, the run given them all (the core uses the one in force
 * on the batch's as-of date and names it in the result).
 */
function customRules() {
  const a = store.peek('assess');
  const text = a && a.customRules;
  if (!text) return null;
  try {
    const doc = JSON.parse(text);
    return Array.isArray(doc) ? { text, doc: null, versions: doc } : { text, doc };
  } catch (_) { return null; }
}

/** The media type of an .xlsx workbook. */
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Whether `file` is an .xlsx workbook (by its name, or its first bytes: a zip file). */
async function isXlsx(file) {
  if (/\.xlsx$/i.test(file.name || '')) return true;
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return head.length === 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4;
}

/** Offers `data` (a Blob, or text: a BOM is put first for Excel) as a download. */
function download(name, data) {
  const blob = data instanceof Blob ? data : new Blob([data.startsWith('\uFEFF') ? data : `\uFEFF${data}`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** A message of the core or of the page, in the page's language, in words only. */
function say(e) {
  if (e && (e.zh || e.en)) return t(e.zh || e.en, e.en || e.zh);
  return String(e && e.message ? e.message : e);
}

/** The first `n` characters of `s` (one fewer rather than half of a character outside the BMP). */
function head(s, n) {
  const c = s.charCodeAt(n - 1);
  return s.slice(0, c >= 0xd800 && c <= 0xdbff ? n - 1 : n);
}

/**
 * A text as the page shows it: up to `n` characters; a longer one cut with an ellipsis, its full
 * text in the title (up to TITLE characters) and behind a 「全文」 button that opens it in place (in a
 * box of its own size, scrolled).
 */
function longText(s, n = CUT) {
  s = s === null || s === undefined ? '' : String(s);
  if (s.length <= n) return s;
  const shown = h('span', { class: 'bt-cut', title: s.length > TITLE ? `${head(s, TITLE)}…` : s }, `${head(s, n)}…`);
  const label = () => t(`显示全文（${s.length} 字）`, `Show the full text (${s.length} characters)`);
  const more = h('button', { type: 'button', class: 'bt-more', 'aria-expanded': 'false', 'aria-label': label() }, t('全文', 'Full text'));
  const box = h('span', { class: 'bt-long' }, shown, ' ', more);
  let full = null;
  more.addEventListener('click', () => {
    if (full) { box.replaceChild(shown, full); full = null; } else { full = h('span', { class: 'bt-full', tabindex: '0' }, s); box.replaceChild(full, shown); }
    more.setAttribute('aria-expanded', String(!!full));
    more.textContent = full ? t('收起', 'Hide') : t('全文', 'Full text');
    more.setAttribute('aria-label', full ? t('收起全文', 'Hide the full text') : label());
  });
  return box;
}

/** Row numbers as the page says them: 第 2、3、5 行 (and how many in all when more). */
/** 「1 row」, 「3 rows」 */
function rowCount(n) { return `${n} ${n === 1 ? 'row' : 'rows'}`; }

function rowsText(rows, count) {
  const list = rows.join(t('、', ', '));
  if (count > rows.length) return t(`第 ${list} 行等 ${count} 行`, `rows ${list} and ${count - rows.length} more`);
  return t(`第 ${list} 行`, rows.length > 1 ? `rows ${list}` : `row ${list}`);
}

/** What a row problem's code means, for the counts. */
const PROBLEM_KINDS = {
  E_FACT_VALUE: ['填写的值无法识别（未评价）', 'A value that could not be read (not graded)'],
  E_POINTS_PRECISION: ['分值多于两位小数（未评价）', 'Points with more than two decimals (not graded)'],
  E_SUBJECT_TYPE: ['主体类型不适用（未评价）', 'A subject type these rules do not cover (not graded)'],
  E_BATCH_ENCODING: ['含有无法识别的字符（未评价）', 'Characters that could not be read (not graded)'],
  E_BATCH_CODE: ['代码为空或有误', 'A blank or wrong code'],
  W_BATCH_DUP_CODE: ['一码多赋（同一代码用于不同名称）', 'One code used for several names'],
  W_BATCH_DUP_NAME: ['重复赋码（同一名称有不同代码）', 'One name with several codes'],
  W_BATCH_MISSING: ['未填写的指标（按 0 分计）', 'Unanswered indicators (0 points)'],
  W_BATCH_NAME_EMPTY: ['名称为空', 'A blank name'],
  W_BATCH_EXTRA_FIELDS: ['多于表头的格', 'More cells than the header has columns'],
  W_BATCH_QUOTE: ['未闭合的引号', 'A quote left open'],
};

/**
 * The batch worker (batch-worker.js). Opened from file:// (the single-file offline build) a module
 * worker cannot load, so the batch then runs on the page's thread, piece by piece, yielding between
 * pieces so progress still shows and 取消 still works; same messages as the worker. (The page's
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
    postMessage({ file, options: opts, maxRows, chunkBytes = 256 * 1024 }) {
      const send = (data) => { if (!stopped && w.onmessage) w.onmessage({ data }); };
      runBatch(api.BatchRun, file, opts, { chunkBytes, maxRows, send, pause: () => new Promise((r) => setTimeout(r, 0)), stopped: () => stopped })
        .catch((e) => send({ type: 'error', error: plainError(e) }));
    },
  };
  return w;
}

/** Waits for the page to handle what is waiting (a macrotask, without setTimeout's clamping). */
function yieldToPage() {
  return new Promise(/** @param {(v?: void) => void} resolve */ (resolve) => {
    const c = new MessageChannel();
    c.port1.onmessage = () => { c.port1.close(); resolve(); };
    c.port2.postMessage(0);
  });
}

/** Stops the running batch, if any. */
function stopJob() {
  if (job) { job.worker.terminate(); job = null; }
}

/** Starts a batch of `file` (already checked against the byte limit). */
function startJob(api, file, options, builtin) {
  stopJob();
  const started = performance.now();
  const worker = makeWorker(api);
  job = { worker, file: file.name, progress: null };
  const mine = job;
  worker.onmessage = (ev) => {
    if (job !== mine) return;
    const m = ev.data;
    if (m.type === 'progress') {
      mine.progress = m;
      if (ui) ui.progress();
    } else if (m.type === 'done') {
      stopJob();
      state.result = { summary: m.summary, store: RowStore.from(m.store), blob: m.blob, encoding: m.encoding, file: file.name, ms: Math.round(performance.now() - started), input: file, options };
      state.page = 0;
      state.grade = '';
      state.onlyProblems = false;
      state.sort = { col: R_ROW, dir: 1 };
      state.order = state.result.store.select(null);
      state.error = null;
      if (ui) ui.done();
    } else if (m.type === 'error') {
      stopJob();
      state.error = m.error;
      if (ui) ui.failed();
    }
  };
  worker.onerror = (e) => {
    if (job !== mine) return;
    stopJob();
    state.error = { zh: `后台计算出错：${e.message}`, en: `The background worker failed: ${e.message}` };
    if (ui) ui.failed();
  };
  worker.postMessage({ file, options, builtin, maxRows: PAGE_LIMITS.rows });
}

export const view = {
  id: 'batch',
  /** @param {ViewContext} ctx */
  mount(root, ctx) {
    const { api } = ctx;
    if (!state.asOf) state.asOf = ctx.today;
    const custom = customRules();

    const msg = h('div', { class: 'bt-msg', 'aria-live': 'polite' });
    const progress = h('progress', { class: 'bt-progress', max: 100, value: 0, hidden: true, 'aria-label': t('评价进度', 'Progress') });
    const progressText = h('span', { class: 'bt-progress-text', 'aria-live': 'polite' });
    const cancel = h('button', { type: 'button', class: 'ghost', hidden: true, onclick: () => { stopJob(); showIdle(); put(msg, h('p', { class: 'note' }, t('已取消，未生成结果。', 'Cancelled; no results.'))); } }, t('取消', 'Cancel'));
    const results = h('div', { class: 'bt-results', id: 'bt-results' });

    function options() {
      const o = { asOf: state.asOf };
      if (custom) o.rules = custom.text; else o.type = state.type;
      return o;
    }

    /** Of several versions, which is in force on `asOf` (the core's choice): {doc, says}; doc null when none is. */
    function inForce(asOf) {
      try {
        const o = api.rulesInForce({ rules: custom.versions, asOf });
        return { doc: o.inForce === null ? null : custom.versions[o.inForce], says: o.says };
      } catch (e) { return { doc: null, says: e }; }
    }
    /** The rules of a template or a publication package: the file, or of several versions the one in force on `asOf` (thrown: why none is). */
    function rulesOn(asOf) {
      if (!custom.versions) return custom.text;
      const v = inForce(asOf);
      if (!v.doc) throw v.says;
      return JSON.stringify(v.doc);
    }
    const versionLine = h('span', { id: 'bt-in-force', 'aria-live': 'polite' });
    const sayVersion = () => { if (custom && custom.versions) versionLine.textContent = say(inForce(state.asOf).says); };

    function showIdle() {
      progress.hidden = true;
      cancel.hidden = true;
    }

    function showRunning() {
      progress.hidden = false;
      cancel.hidden = false;
      const m = job && job.progress;
      progress.value = m ? Math.round((m.done / m.total) * 100) : 0;
      progressText.textContent = !m ? t('正在评价…', 'Evaluating…')
        : m.phase === 'scan' ? t(`正在查找重复的代码和名称（${progress.value}%）`, `Looking for duplicate codes and names (${progress.value}%)`)
          : t(`已处理 ${m.rows} 行（${progress.value}%）`, `${m.rows} rows done (${progress.value}%)`);
    }

    function showError(e) {
      put(msg, h('p', { class: 'error', role: 'alert' }, say(e)));
    }

    function template() {
      try {
        const o = custom ? { rules: rulesOn(state.asOf) } : { type: state.type };
        const out = api.batchTemplate(o);
        download(out.filename || 'template.csv', out.csv);
      } catch (e) { showError(e); }
    }

    async function onFile(file) {
      if (!file) return;
      stopJob();
      put(msg);
      state.error = null;
      if (file.size > PAGE_LIMITS.bytes) {
        showIdle();
        progressText.textContent = '';
        showError(limitError('bytes', file.size, PAGE_LIMITS, options()));
        return;
      }
      if (await isXlsx(file)) {
        state.xlsx = { file, sheets: [], sheet: '' };
        await runXlsx('');
        return;
      }
      state.xlsx = null;
      sheetPicker();
      startJob(api, file, options(), custom ? null : builtinName(state.type));
      showRunning();
    }

    /**
     * An .xlsx workbook: the Excel module (loaded now, the first time) reads the sheet (the first,
     * or the one chosen) as CSV text, which the batch evaluates as it does a CSV file.
     */
    async function runXlsx(sheet) {
      const x = state.xlsx;
      progress.hidden = false;
      progressText.textContent = t('正在读取 Excel 工作簿…', 'Reading the Excel workbook…');
      try {
        const bytes = new Uint8Array(await x.file.arrayBuffer());
        const read = await readXlsx(bytes, sheet);
        if (state.xlsx !== x) return; // another file was chosen meanwhile
        x.sheets = read.sheets;
        x.sheet = read.sheet;
        const csv = read.csv;
        sheetPicker();
        startJob(api, new File([csv], x.file.name, { type: 'text/csv' }), options(), custom ? null : builtinName(state.type));
        showRunning();
      } catch (e) {
        showIdle();
        progressText.textContent = '';
        showError(plainError(e));
      }
    }

    /** The sheet chooser of a workbook with more than one sheet. */
    function sheetPicker() {
      const x = state.xlsx;
      if (!x || x.sheets.length < 2) { put(sheetBox); return; }
      const sel = h('select', { id: 'bt-sheet', onchange: (e) => runXlsx(e.target.value) },
        x.sheets.map((n) => h('option', { value: n, selected: n === x.sheet }, n)));
      put(sheetBox, h('label', { for: 'bt-sheet' }, t(`工作簿“${x.file.name}”中的工作表：`, `Sheet of the workbook "${x.file.name}": `)), sel);
    }

    /** The result as an Excel workbook (made by the Excel module from the result file). */
    async function downloadXlsx(r) {
      try {
        const csv = (await r.blob.text()).replace(/^\uFEFF/, '');
        const bytes = await resultXlsx(csv, r.summary);
        download(`评价结果-${r.file.replace(/\.[^.]*$/, '')}.xlsx`, new Blob([bytes], { type: XLSX_TYPE }));
      } catch (e) { showError(plainError(e)); }
    }

    /** The template as an Excel workbook: the list with an example row, and a sheet explaining each column. */
    async function templateXlsx() {
      try {
        const o = custom ? { rules: rulesOn(state.asOf) } : { type: state.type };
        const out = api.batchTemplate(o);
        const bytes = await templateWorkbook(out.csv, t('批量评价模板', 'Batch evaluation template'));
        download((out.filename || 'template.csv').replace(/\.csv$/, '.xlsx'), new Blob([bytes], { type: XLSX_TYPE }));
      } catch (e) { showError(plainError(e)); }
    }

    ui = {
      progress: showRunning,
      done() {
        showIdle();
        const r = state.result;
        results.dataset.elapsedMs = String(r.ms);
        progressText.textContent = t(`完成：${r.store.n} 行，用时 ${(r.ms / 1000).toFixed(1)} 秒（${r.encoding}）`, `Done: ${rowCount(r.store.n)} in ${(r.ms / 1000).toFixed(1)} s (${r.encoding})`);
        renderResults();
      },
      failed() {
        showIdle();
        progressText.textContent = '';
        showError(state.error);
      },
    };

    // ---- results ----
    const pubSlot = h('div', { id: 'bt-pub' });
    function renderResults() {
      const r = state.result;
      put(pubSlot);
      if (!r) { put(results); return; }
      const s = r.summary;
      put(results,
        h('div', { class: 'card' },
          h('h2', {}, t('评价结果', 'Results')),
          h('p', { class: 'bt-counts' },
            t(`共 ${s.rowsTotal} 行，已评价 ${s.rowsEvaluated} 行，有问题 ${s.rowsWithProblems} 行，直接定级 ${s.rowsDirectGraded} 行`,
              `${rowCount(s.rowsTotal)}, ${s.rowsEvaluated} graded, ${s.rowsWithProblems} with problems, ${s.rowsDirectGraded} graded directly`),
            s.rowsBlank ? t(`（另有 ${s.rowsBlank} 个空行已跳过）`, ` (${s.rowsBlank} blank ${s.rowsBlank === 1 ? 'row' : 'rows'} skipped)`) : ''),
          h('p', { class: 'muted' }, t('指标：', 'Rules: '), longText(tx(s.rules.title), 80), ' ', longText(`${s.rules.id} ${s.rules.version}`, 80), s.rules.sample ? t('（示例指标）', ' (sample)') : '',
            h('br'), t('评价基准日：', 'As of: '), s.asOf, ' · SHA-256 ', h('code', { class: 'bt-hash' }, s.rules.hash)),
          custom && custom.versions ? h('p', { class: 'note', id: 'bt-version' }, say(inForce(s.asOf).says)) : null,
          h('div', { class: 'actions' },
            h('button', { type: 'button', id: 'bt-download', onclick: () => download(`评价结果-${r.file.replace(/\.[^.]*$/, '')}.csv`, r.blob) }, t('下载结果（CSV）', 'Download results (CSV)')),
            h('button', { type: 'button', class: 'ghost', id: 'bt-download-xlsx', onclick: () => downloadXlsx(r) }, t('下载结果（Excel）', 'Download results (Excel)')),
            // 公示包 (第二十一至二十三条; institutions only): views/publish.js, loaded on the click.
            s.subjectClass === 'institution' ? h('button', { type: 'button', id: 'bt-publish', class: 'ghost', onclick: (e) => import('./publish.js').then((m) => { e.target.remove(); put(pubSlot, m.publishPanel(api, { file: r.input, options: custom && custom.versions ? { ...r.options, rules: rulesOn(r.options.asOf) } : r.options, today: ctx.today })); pubSlot.querySelector('input').focus(); }) }, t('生成公示包', 'Publication package')) : '')),
        pubSlot,
        h('div', { class: 'bt-two' }, chart(s), problems(s)),
        tableCard());
    }

    /** @param {BriefSummary} s */
    function chart(s) {
      const total = s.distribution.reduce((a, g) => a + g.count, 0) || 1;
      const max = Math.max(1, ...s.distribution.map((g) => g.count));
      const bars = s.distribution.map((g) => {
        const bar = h('span', { class: `bt-bar bt-g-${g.grade.toLowerCase()}` });
        bar.style.width = `${(g.count / max) * 100}%`;
        return h('li', { class: 'bt-row' },
          h('span', { class: 'bt-grade' }, g.grade),
          h('span', { class: 'bt-label' }, longText(tx(g.label), 20)),
          h('span', { class: 'bt-track' }, bar),
          h('span', { class: 'bt-num' }, t(`${g.count}（${((g.count / total) * 100).toFixed(1)}%）`, `${g.count} (${((g.count / total) * 100).toFixed(1)}%)`)));
      });
      return h('div', { class: 'card bt-chart' },
        h('h3', {}, t('等级分布', 'Grade distribution')),
        h('ul', { class: 'bt-bars', 'aria-label': t('等级分布', 'Grade distribution') }, bars),
        h('details', {}, h('summary', {}, t('各等级的奖惩措施', 'Measures by grade')),
          s.distribution.map((g) => h('div', {}, h('h4', {}, g.grade, ' ', longText(tx(g.label), 40)),
            h('ul', {}, g.measures.map((m) => h('li', {}, `${m.id} `, longText(tx(m.text), 200), ' ', h('small', {}, citeEl(m.cite)))))))));
    }

    /**
     * One duplicate group: the key, how many names (or codes) on how many rows, the first few with
     * their first rows, and how many rows more (they are all in the result file).
     */
    function group(label, key, occ, count, rowCount, filterBy) {
      let shown = 0;
      const parts = occ.map((o, k) => {
        shown += o.rows.length;
        return [k ? t('；', '; ') : '', longText(o.value, 40), t(`（${rowsText(o.rows, o.rowCount)}）`, ` (${rowsText(o.rows, o.rowCount)})`)];
      });
      const rest = rowCount - shown;
      return h('li', { class: 'bt-dup' }, h('strong', {}, label), longText(key, 40), ' — ',
        t(`${count} 个${filterBy === 'code' ? '名称' : '代码'}，共 ${rowCount} 行：`, `${count} ${filterBy === 'code' ? 'names' : 'codes'} on ${rowCount} rows: `),
        parts,
        rest > 0 ? h('span', { class: 'bt-rest' }, t(`；还有 ${rest} 行，见下载的结果文件（按${filterBy === 'code' ? '代码' : '名称'}筛选）。`, `; ${rest} more rows are in the downloaded results (filter by the ${filterBy === 'code' ? 'code' : 'name'}).`)) : t('。', '.'));
    }

    /** @param {BriefSummary} s */
    function problems(s) {
      const d = s.duplicates;
      const items = [];
      for (const f of s.fileProblems) items.push(h('li', { class: 'bt-file' }, longText(sentence(f), 200)));
      for (const g of d.oneCodeManyNames) items.push(group(t('一码多赋：', 'One code, several names: '), g.code, g.names, g.count, g.rowCount, 'code'));
      if (d.oneCodeManyNamesGroups > d.oneCodeManyNames.length) {
        const more = d.oneCodeManyNamesGroups - d.oneCodeManyNames.length;
        items.push(h('li', { class: 'bt-rest' }, t(`另有 ${more} 个代码一码多赋，见下载的结果文件。`, `${more} more codes with several names are in the downloaded results.`)));
      }
      for (const g of d.oneNameManyCodes) items.push(group(t('重复赋码：', 'One name, several codes: '), g.name, g.codes, g.count, g.rowCount, 'name'));
      if (d.oneNameManyCodesGroups > d.oneNameManyCodes.length) {
        const more = d.oneNameManyCodesGroups - d.oneNameManyCodes.length;
        items.push(h('li', { class: 'bt-rest' }, t(`另有 ${more} 个名称重复赋码，见下载的结果文件。`, `${more} more names with several codes are in the downloaded results.`)));
      }
      const firstOf = (code) => s.problems.find((p) => p.code === code);
      const counts = Object.entries(s.problemCounts).map(([code, n]) => {
        const kind = PROBLEM_KINDS[code];
        const p = firstOf(code);
        const label = kind ? t(kind[0], kind[1]) : p ? longText(t(p.zh, p.en), 60) : t('其他问题', 'other problems');
        return h('li', {}, label, t(`：${n} 处`, `: ${n}`));
      });
      const listed = s.problems.map((p) => h('li', {}, t(`第 ${p.row} 行 `, p.column ? `Row ${p.row}, column "` : `Row ${p.row}: `), p.column ? [longText(p.column, 40), t('：', '": ')] : '', longText(t(p.zh, p.en), 120)));
      const more = s.problemsListed > s.problems.length || s.problemsTruncated;
      return h('div', { class: 'card bt-problems' },
        h('h3', {}, t('问题', 'Problems')),
        items.length ? h('ul', { class: 'bt-dups' }, items) : h('p', { class: 'ok' }, t('未发现一码多赋、重复赋码或整个文件的问题。', 'No duplicate codes or names, no file problems.')),
        counts.length ? h('details', { open: true }, h('summary', {}, t(`行内问题（${s.rowsWithProblems} 行）`, `Row problems (${rowCount(s.rowsWithProblems)})`)),
          h('ul', { class: 'bt-counts-list' }, counts), h('ul', { class: 'bt-listed', tabindex: '0', 'aria-label': t('行内问题', 'Row problems') }, listed),
          more ? h('p', { class: 'muted' }, t(`以上是前 ${s.problems.length} 项；更多问题见结果表和下载的结果文件。`, `The first ${s.problems.length} are listed; more in the table and the downloaded results.`)) : '') : '');
    }

    // ---- the table: one page of rows, drawn from the store ----
    /** @type {{body: HTMLElement, table: HTMLElement, heads: HTMLElement[], status: HTMLElement, pageIn: HTMLInputElement, pages: HTMLElement, first: HTMLButtonElement, prev: HTMLButtonElement, next: HTMLButtonElement, last: HTMLButtonElement} | null} */
    let tv = null;
    let orderToken = 0;

    /** The rows shown made again for the current filter and sort (a million rows are sorted in slices). */
    async function reorder() {
      const r = state.result;
      const token = ++orderToken;
      const st = r.store;
      const g = state.grade;
      const gi = g && g !== '-' ? st.grades.indexOf(g) : -1;
      /** @type {((i: number) => boolean) | null} */
      let keep = null;
      if (g || state.onlyProblems) {
        keep = (i) => (!g || (g === '-' ? st.grade[i] === 255 : st.grade[i] === gi)) && (!state.onlyProblems || st.probAt[i + 1] > st.probAt[i]);
      }
      let idx = st.select(keep);
      const { col, dir } = state.sort;
      if (col === R_ROW && dir === -1) idx.reverse();
      else if (col !== R_ROW) {
        state.order = null;
        drawRows();
        idx = await st.sorted(idx, col, dir, yieldToPage, () => token !== orderToken);
        if (!idx) return;
      }
      if (token !== orderToken) return;
      state.order = idx;
      drawRows();
    }

    function tableCard() {
      const s = state.result.summary;
      /** @type {[number, string, string][]} */
      const cols = [[R_ROW, '行号', 'Row'], [R_NAME, '名称', 'Name'], [R_CODE, '代码', 'Code'], [R_TYPE, '主体类型', 'Type'],
        [R_SCORE, '得分', 'Score'], [R_GRADE, '等级', 'Grade'], [R_PROB, '问题', 'Problems']];
      const heads = cols.map(([c, zh, en]) => h('th', { scope: 'col', dataset: { col: String(c) } },
        h('button', { type: 'button', class: 'bt-sort', id: `bt-sort-${c}`, onclick: () => {
          const sorted = state.sort.col === c;
          state.sort = { col: c, dir: sorted ? -state.sort.dir : 1 };
          state.page = 0;
          reorder();
        } }, t(zh, en), h('span', { class: 'bt-sort-mark', 'aria-hidden': 'true' }))));
      const gradeSel = h('select', { id: newId('bt-grade'), onchange: (e) => { state.grade = e.target.value; state.page = 0; reorder(); } },
        h('option', { value: '' }, t('全部等级', 'All grades')),
        s.distribution.map((g) => h('option', { value: g.grade, selected: state.grade === g.grade }, `${g.grade} ${tx(g.label).slice(0, 40)}`)),
        h('option', { value: '-', selected: state.grade === '-' }, t('未评价（有错误）', 'Not graded (errors)')));
      const only = h('input', { type: 'checkbox', id: newId('bt-only'), checked: state.onlyProblems, onchange: (e) => { state.onlyProblems = e.target.checked; state.page = 0; reorder(); } });
      const go = (p) => { state.page = p; drawRows(); };
      const btn = (id, zh, en, onclick) => h('button', { type: 'button', class: 'ghost', id, onclick }, t(zh, en));
      const first = btn('bt-first', '首页', 'First', () => go(0));
      const prev = btn('bt-prev', '上一页', 'Previous', () => go(state.page - 1));
      const next = btn('bt-next', '下一页', 'Next', () => go(state.page + 1));
      const last = btn('bt-last', '末页', 'Last', () => go(Number.MAX_SAFE_INTEGER));
      const pageIn = /** @type {HTMLInputElement} */ (h('input', { type: 'number', id: 'bt-page', class: 'bt-page-in', min: 1, value: 1, inputmode: 'numeric',
        onchange: (e) => { const n = Math.floor(Number(e.target.value)); if (Number.isFinite(n)) go(Math.max(0, n - 1)); } }));
      const pages = h('span', { class: 'bt-pages' });
      const status = h('p', { class: 'bt-page-status', id: 'bt-page-status', 'aria-live': 'polite' });
      const body = h('tbody');
      const table = h('table', { class: 'bt-table', 'aria-describedby': 'bt-page-status' },
        h('caption', { class: 'sr-only' }, t('评价结果表（每页 50 行）', 'Results table (50 rows a page)')),
        h('thead', {}, h('tr', { 'aria-rowindex': '1' }, heads)), body);
      tv = { body, table, heads, status, pageIn, pages, first, prev, next, last };
      const card = h('div', { class: 'card bt-table-card', id: 'bt-table-card' },
        h('div', { class: 'bt-filters' },
          h('label', { for: gradeSel.id }, t('等级：', 'Grade: ')), gradeSel,
          h('label', { class: 'bt-check' }, only, t('只看有问题的行', 'Only rows with problems'))),
        status,
        h('div', { class: 'bt-scroll' }, table),
        h('div', { class: 'bt-pager', role: 'group', 'aria-label': t('翻页', 'Pages') },
          first, prev,
          h('label', { for: 'bt-page' }, t('第', 'Page')), pageIn, pages,
          next, last));
      if (state.order) drawRows(); else reorder();
      return card;
    }

    /** Draws the current page of rows (at most PAGE) and the pager. */
    function drawRows() {
      if (!tv || !state.result) return;
      const st = state.result.store;
      for (const th of tv.heads) {
        const c = Number(th.dataset.col);
        const sorted = state.sort.col === c;
        th.setAttribute('aria-sort', state.sort.col === c ? (state.sort.dir === 1 ? 'ascending' : 'descending') : 'none');
        th.querySelector('.bt-sort-mark').textContent = sorted ? (state.sort.dir === 1 ? ' ▲' : ' ▼') : '';
      }
      const order = state.order;
      if (!order) {
        tv.status.textContent = t('正在排序…', 'Sorting…');
        tv.body.replaceChildren();
        for (const b of [tv.first, tv.prev, tv.next, tv.last]) b.disabled = true;
        tv.pageIn.disabled = true;
        return;
      }
      const n = order.length;
      const pages = Math.max(1, Math.ceil(n / PAGE));
      state.page = Math.min(Math.max(0, state.page), pages - 1);
      const from = state.page * PAGE;
      const slice = order.subarray(from, from + PAGE);
      tv.table.setAttribute('aria-rowcount', String(n + 1));
      tv.body.replaceChildren(...Array.from(slice, (i, k) => rowEl(st.get(i), from + k + 2)));
      tv.status.textContent = n
        ? t(`第 ${state.page + 1} / ${pages} 页：第 ${from + 1}–${from + slice.length} 行，共 ${n} 行`, `Page ${state.page + 1} of ${pages}: rows ${from + 1}–${from + slice.length} of ${n}`)
        : t('没有符合条件的行。', 'No rows match.');
      tv.pageIn.disabled = pages === 1;
      tv.pageIn.max = String(pages);
      tv.pageIn.value = String(state.page + 1);
      tv.pages.textContent = t(` / ${pages} 页`, ` of ${pages}`);
      // A button that goes disabled would drop the focus: it moves to the page number instead.
      const focused = document.activeElement;
      tv.first.disabled = tv.prev.disabled = state.page === 0;
      tv.next.disabled = tv.last.disabled = state.page >= pages - 1;
      if (focused instanceof HTMLButtonElement && focused.disabled && [tv.first, tv.prev, tv.next, tv.last].includes(focused)) {
        (tv.pageIn.disabled ? tv.heads[0].querySelector('button') : tv.pageIn).focus();
      }
    }

    /** One row of the table (`index`: its row number in the table, for screen readers). */
    function rowEl(x, index) {
      // Duplicates first: they concern other rows too.
      const probs = x[R_PROB].slice().sort((a, b) => Number(b[0].startsWith('W_BATCH_DUP')) - Number(a[0].startsWith('W_BATCH_DUP')));
      const rule = x[R_DIRECT] === null || x[R_DIRECT] === undefined ? null : (state.result.summary.directRules || [])[x[R_DIRECT]];
      return h('tr', { class: probs.length ? 'bt-has-problem' : '', 'aria-rowindex': String(index) },
        h('td', { class: 'bt-num-cell' }, x[R_ROW]),
        h('td', { class: 'bt-text-cell' }, longText(x[R_NAME], 40)),
        h('td', { class: 'bt-code bt-text-cell' }, longText(x[R_CODE], 24)),
        h('td', { class: 'bt-text-cell' }, longText(typeName(x[R_TYPE]), 40)), // (40: 「Medical-insurance pharmacist」 whole)
        h('td', { class: 'bt-num-cell' }, x[R_SCORE] === null ? '—' : x[R_SCORE]),
        h('td', {}, x[R_GRADE] === null ? '—' : h('span', { class: `bt-letter bt-g-${x[R_GRADE].toLowerCase()}` }, x[R_GRADE]),
          rule ? h('div', { class: 'bt-prob-cell' }, t('直接定级：', 'Graded directly: '), longText(tx(rule.reason), 40)) : ''),
        h('td', { class: 'bt-prob-cell bt-text-cell' },
          probs.slice(0, 3).map((p) => h('div', {}, p[1] ? [t('', '"'), longText(p[1], 24), t('：', '": ')] : '', longText(t(p[2], p[3]), 80))),
          probs.length > 3 ? h('div', { class: 'muted' }, t(`另有 ${probs.length - 3} 项，见下载的结果文件`, `${probs.length - 3} more in the downloaded results`)) : ''));
    }

    // ---- form ----
    const typeSel = h('select', { id: newId('bt-type'), disabled: !!custom, onchange: (e) => { state.type = e.target.value; } },
      TYPES.map(([id, zh, en]) => h('option', { value: id, selected: id === state.type }, t(zh, en))));
    const asOf = h('input', { type: 'date', id: newId('bt-asof'), value: state.asOf, required: true, onchange: (e) => { state.asOf = e.target.value; sayVersion(); } });
    const file = h('input', { type: 'file', id: 'bt-file', class: 'file', accept: `.csv,text/csv,text/plain,.xlsx,${XLSX_TYPE}`, onchange: (e) => { onFile(e.target.files[0]); e.target.value = ''; } });
    const sheetBox = h('div', { class: 'bt-sheet' });
    const limitMb = Math.round(PAGE_LIMITS.bytes / 1048576);
    const limitRows = PAGE_LIMITS.rows;

    put(root,
      h('div', { class: 'card' },
        h('h2', {}, t('批量评价', 'Batch evaluation')),
        h('p', { class: 'muted' }, t('一次评价一整张名单：下载模板（模板第 2 行是示例，导入时自动跳过；另有每一列的填写说明），在 Excel 或 WPS 中每行填写一个主体，保存为 Excel 工作簿（.xlsx）或 CSV 后导入。结果保留您原有的各列，另加得分、等级、直接定级原因和问题。文件只在本机处理，不上传。',
          'Evaluate a whole list at once: download the template (its second row is an example, skipped when read; each column is explained), fill in one subject per row in Excel or WPS, save it as an Excel workbook (.xlsx) or CSV and open it here. The results keep your columns and add the score, grade, direct-grade reason and problems. The file never leaves this computer.')),
        h('div', { class: 'bt-form' },
          h('div', {}, h('label', { for: typeSel.id }, t('主体类型（内置示例指标）', 'Subject type (built-in sample rules)')), h('br'), typeSel),
          h('div', {}, h('label', { for: asOf.id }, t('评价基准日', 'As-of date')), h('br'), asOf)),
        custom ? h('p', { class: 'note', id: 'bt-custom' }, t('正在使用在“信用自评”中载入的指标：', 'Using the rules loaded in the self-assessment: '),
          custom.doc ? [longText(tx(custom.doc.title || {}), 80), ' ', longText(`${custom.doc.id || ''} ${custom.doc.version || ''}`, 80)]
            : [t(`${custom.versions.length} 个版本，按评价基准日选用。`, `${custom.versions.length} versions, the one in force on the as-of date is used. `), versionLine]) : '',
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'ghost', id: 'bt-template', onclick: template }, t('下载 CSV 模板', 'Download the CSV template')),
          h('button', { type: 'button', class: 'ghost', id: 'bt-template-xlsx', onclick: templateXlsx }, t('下载 Excel 模板', 'Download the Excel template')),
          h('label', { class: 'button', for: 'bt-file' }, t('选择 CSV 或 Excel 文件并评价…', 'Choose a CSV or Excel file and evaluate…')), file),
        sheetBox,
        h('p', { class: 'muted' }, h('small', {}, t(`支持 UTF-8 与 GBK 编码；页面中最多 ${limitMb} MB、${limitRows / 10000} 万行（更大的文件请用命令行 yibao-credit batch）。次数列填期间内的次数（空白按 0），是/否列填“是”或“否”；“列入严重失信主体名单”等列填“是”即直接定级。`,
          `UTF-8 and GBK files; the page takes up to ${limitMb} MB and ${limitRows.toLocaleString('en')} rows (larger files: the command line, yibao-credit batch). Count columns take the number of times in the period (blank is 0); yes/no columns take "是" (yes) or "否" (no); "是" in a direct-grade column sets the grade.`))),
        h('div', { class: 'bt-run' }, progress, progressText, cancel),
        msg),
      results);
    sayVersion();
    if (job) showRunning();
    else if (state.error) showError(state.error);
    if (state.result && !job) {
      const r = state.result;
      progressText.textContent = t(`完成：${r.store.n} 行（${r.encoding}）`, `Done: ${r.store.n} rows (${r.encoding})`);
    }
    renderResults();
    // 医保支付资格记分 for a list of persons: its own module, loaded when opened.
    const pts = h('div', { class: 'card', id: 'points-batch' }, h('button', { type: 'button', class: 'ghost', id: 'points-batch-open',
      onclick: () => import('./points-batch.js').then((m) => m.mount(pts, ctx)) }, t('医保支付资格记分（人员名单）…', 'Payment-qualification points of a list of persons…')));
    root.appendChild(pts);
  },
};
