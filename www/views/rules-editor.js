// 指标管理 / Indicator lists: where a bureau writes, checks, publishes and compares its own
// indicator list (《汕尾市医疗保障信用管理办法（试行）》第十七、十八条: the indicators are the city
// bureau's to set and update; 第十二条: the 采集目录 is published). Off the citizen's path: opened
// from the page's footer, loaded only then (app.js).
//
// The list is a rule-set document (docs/rules-format.md) edited in place; the core's checker
// (`checkRules`) runs on every change and each problem is shown next to the field its JSON path
// names (fields carry `data-path`; a problem without a field of its own goes to the nearest
// enclosing one). Undo/redo over snapshots; saved as typed (www/store.js, `rules-editor`).
// Import/export of the bureaus' table: www/editor/table.js; the catalogue page:
// www/editor/catalogue.js; comparing two versions: the tools module's `diffRules`.
/** @import { ViewContext } from './context.js' */
import { h, put, newId } from '../dom.js';
import { t, tx, getLang, sentence } from '../i18n.js';
import * as store from '../store.js';
import { ALL } from '../loader.js';
import { fetchLaw } from '../cite.js';
import * as M from '../editor/model.js';
import { importTable, exportTable, template, decode } from '../editor/table.js';
import { readXlsx, tableXlsx } from '../excel.js';
import { catalogueHtml } from '../editor/catalogue.js';
import { compareSection } from '../editor/compare.js';
import { adoptStyle } from '../editor/style.js';

const STORE = 'rules-editor';
const BUILTIN_NAMES = {
  'medical-institution': ['定点医疗机构（示例）', 'Medical institutions (sample)'],
  'retail-pharmacy': ['定点零售药店（示例）', 'Retail pharmacies (sample)'],
  practitioner: ['医保医师、药师（示例）', 'Physicians and pharmacists (sample)'],
  insured: ['参保人员（示例）', 'Insured persons (sample)'],
};

/** A download of `text` as `name`. */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Titles of the law library's documents by id (for citations written as 《…》第…条). */
async function lawTitles(doc, en = null) {
  const out = {};
  for (const s of doc.sources) {
    if (s.law && !out[s.law]) {
      try {
        const d = await fetchLaw(s.law);
        out[s.law] = d.title;
        // In English, the document's English name with its Chinese title beside it.
        // (A document whose title is not known, only its number, goes by its English name: the number is in it.)
        if (en) en[s.law] = !d.titleEn ? d.title : d.title.startsWith('《') ? `${d.titleEn} (${d.title})` : d.titleEn;
      } catch (_) { /* offline without it: the article alone */ }
    }
  }
  return out;
}

/** Rule-set text as the download writes it (the hash is of its canonical form: spacing does not matter). */
export const ruleText = (doc) => `${JSON.stringify(doc, null, 1)}\n`;

export const view = {
  /** @param {HTMLElement} root @param {ViewContext} ctx */
  mount(root, ctx) {
    adoptStyle();
    const { api } = ctx;
    const saved = store.load(STORE, (d) => !d.doc || !Array.isArray(d.doc.indicators)).value;
    let doc = saved ? saved.doc : null;
    /** Undo / redo: snapshots (JSON) of the document before each change. */
    const past = [];
    const future = [];
    let lastKey = null;
    let lastAt = 0;
    let report = null;
    /** The law library's titles of the sources (fetched once the list is drawn). */
    const titles = {};
    const titlesEn = {};
    /** A law-library document's name in the page's language. */
    const lawName = (l) => (getLang() === 'en' && titlesEn[l]) || titles[l] || l;
    const asked = new Set();
    const status = h('p', { class: 'note ed-status', role: 'status', id: 'ed-status' });
    const summary = h('div', { id: 'ed-problems', class: 'ed-problems' });
    const body = h('div', { class: 'ed-body' });
    const say = (zh, en) => { status.textContent = t(zh, en); };

    function persist() {
      if (!store.save(STORE, { doc })) say('浏览器不允许保存：关闭页面前请先下载指标文件。', 'The browser does not let this page save: download the rule file before closing the page.');
    }

    /** Records the document before a change; typing in one field is one step (until another field or 2 s pass). */
    function snapshot(key) {
      const now = Date.now();
      if (key && key === lastKey && now - lastAt < 2000) { lastAt = now; return; }
      past.push(JSON.stringify(doc));
      if (past.length > 200) past.shift();
      future.length = 0;
      lastKey = key;
      lastAt = now;
    }

    /** A change of one value (typing): no redraw, so the cursor stays. */
    function edit(key, fn) {
      snapshot(key);
      fn();
      M.sums(doc);
      persist();
      refreshSums();
      check();
      syncHistoryButtons();
    }

    /** A change of the form's shape (add, move, delete, kind): redraw, focus `focusKey` (or what had it). */
    function change(fn, focusKey) {
      snapshot(null);
      lastKey = null;
      fn();
      M.normalise(doc);
      persist();
      draw(focusKey);
    }

    function undo() {
      if (!past.length) return;
      future.push(JSON.stringify(doc));
      doc = JSON.parse(past.pop());
      lastKey = null;
      persist();
      draw();
      say('已撤销', 'Undone');
    }
    function redo() {
      if (!future.length) return;
      past.push(JSON.stringify(doc));
      doc = JSON.parse(future.pop());
      lastKey = null;
      persist();
      draw();
      say('已重做', 'Redone');
    }
    root.addEventListener('keydown', (e) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) { e.preventDefault(); undo(); } else if (k === 'y' || (k === 'z' && e.shiftKey)) { e.preventDefault(); redo(); }
    });

    const undoBtn = h('button', { type: 'button', id: 'ed-undo', class: 'ghost', onclick: undo }, t('撤销', 'Undo'));
    const redoBtn = h('button', { type: 'button', id: 'ed-redo', class: 'ghost', onclick: redo }, t('重做', 'Redo'));
    function syncHistoryButtons() {
      undoBtn.disabled = !past.length;
      redoBtn.disabled = !future.length;
    }

    // -----------------------------------------------------------------------------------------
    // Start: a built-in list, an empty one, or a table
    // -----------------------------------------------------------------------------------------
    const startSel = h('select', { id: 'ed-start' },
      h('option', { value: '' }, t('空白指标体系（机构类）', 'Empty list (institutions)')),
      h('option', { value: ':person' }, t('空白指标体系（个人类）', 'Empty list (persons)')),
      ALL.map((n) => h('option', { value: n }, t(...BUILTIN_NAMES[n]))));
    async function start() {
      const v = startSel.value;
      if (doc && doc.indicators.length && !window.confirm(t('当前指标将被替换（可撤销）。继续？', 'The current list will be replaced (you can undo). Continue?'))) return;
      let next;
      if (!v || v === ':person') next = M.emptyDoc(ctx.today, v ? 'person' : 'institution');
      else {
        try {
          if (ctx.loadRules) await ctx.loadRules(v);
          next = M.fromBuiltin(api.rules({ name: v }));
        } catch (e) {
          say(`无法读取内置指标：${e.zh || e.message}`, `The built-in list could not be read: ${e.en || e.message}`);
          return;
        }
      }
      change(() => { doc = next; }, 'basic:title-zh');
      say('已新建，请填写标题和发布单位。', 'Started: fill in the title and the issuer.');
    }
    const fileIn = h('input', { type: 'file', id: 'ed-import', class: 'file', accept: '.csv,text/csv,.txt,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', onchange: async (e) => {
      const f = e.target.files && e.target.files[0];
      e.target.value = '';
      if (!f) return;
      let text;
      try {
        const bytes = new Uint8Array(await f.arrayBuffer());
        // An .xlsx workbook (a zip: "PK"): its first sheet as CSV, by the Excel module (www/excel.js,
        // loaded now, the first time); anything else is read as CSV text (UTF-8 or GBK).
        if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
          text = (await readXlsx(bytes)).csv;
        } else {
          text = decode(bytes);
        }
      } catch (err) {
        const e = err && err.zh ? err : { zh: '文件无法读取，请确认是 CSV 或 Excel（.xlsx）指标表。', en: 'The file could not be read: check that it is an indicator table as CSV or Excel (.xlsx).' };
        showImport([{ row: 0, zh: e.zh, en: e.en || e.zh }], 0, f.name);
        return;
      }
      const base = doc ? M.clone(doc) : M.emptyDoc(ctx.today);
      const res = importTable(text, base, await lawTitles(base));
      showImport(res.problems, res.used, f.name);
      if (res.used) change(() => { doc = res.doc; }, null);
      else importMsg.querySelector('[tabindex]')?.focus();
    } });
    const importMsg = h('div', { id: 'ed-import-msg', class: 'ed-import-msg' });
    function showImport(problems, used, name) {
      put(importMsg,
        h('div', { class: problems.length ? 'error' : 'note', role: problems.length ? 'alert' : 'status', tabindex: '-1' },
          h('p', {}, used
            ? t(`已从“${name}”导入 ${used} 项三级指标${problems.length ? `；以下 ${problems.length} 行未导入，请改正后再导入：` : '。'}`, `Imported ${used} ${used === 1 ? 'indicator' : 'indicators'} from "${name}"${problems.length ? `; ${problems.length === 1 ? 'the row below was' : `the ${problems.length} rows below were`} left out: correct ${problems.length === 1 ? 'it' : 'them'} and import again:` : '.'}`)
            : t(`“${name}”没有可导入的行：`, `Nothing could be imported from "${name}":`)),
          problems.length ? h('ul', {}, problems.slice(0, 50).map((p) => h('li', {}, t(p.zh, p.en)))) : null,
          problems.length > 50 ? h('p', {}, t(`另有 ${problems.length - 50} 行`, `${problems.length - 50} more rows`)) : null));
    }

    const startCard = h('section', { class: 'card ed-start', 'aria-labelledby': 'ed-start-h' },
      h('h2', { id: 'ed-start-h' }, t('指标管理', 'Indicator lists')),
      h('p', { class: 'note' }, t('供医疗保障部门编制、检查、发布和比较本地的信用评价指标（第十七、十八条：指标由市医保局另行制定并更新；第十二条：采集目录向社会公布）。所填内容只保存在本机浏览器中。',
        'For the medical-insurance bureau: write, check, publish and compare its own credit indicators (articles 17-18: the city bureau sets and updates them; article 12: the catalogue is published). What you type stays in this browser.')),
      h('div', { class: 'row' },
        h('label', { for: 'ed-start' }, t('从这里开始：', 'Start from: ')), startSel,
        h('button', { type: 'button', id: 'ed-start-go', onclick: start }, t('新建', 'Start'))),
      h('div', { class: 'row' },
        h('label', { class: 'button', for: 'ed-import' }, t('导入指标表（CSV 或 Excel）…', 'Import a table (CSV or Excel)…')), fileIn,
        h('button', { type: 'button', class: 'ghost', id: 'ed-template', onclick: () => download('指标表模板.csv', template(getLang()), 'text/csv;charset=utf-8') }, t('下载指标表模板', 'Download the table template')),
        h('button', { type: 'button', class: 'ghost', id: 'ed-export', onclick: async () => { if (doc) download(`${doc.id}-${doc.version}-指标表.csv`, exportTable(doc, await lawTitles(doc)), 'text/csv;charset=utf-8'); } }, t('导出为指标表（CSV）', 'Export as a table (CSV)')),
        // The same table as an Excel workbook (the Excel module, loaded now): imported again, the same indicators.
        h('button', { type: 'button', class: 'ghost', id: 'ed-export-xlsx', onclick: async () => {
          if (!doc) return;
          try {
            const bytes = await tableXlsx(exportTable(doc, await lawTitles(doc)), tx(doc.title), '指标表');
            download(`${doc.id}-${doc.version}-指标表.xlsx`, bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
          } catch (e) { say(`无法生成 Excel 工作簿：${e.zh || e.message}`, `The Excel workbook could not be made: ${e.en || e.message}`); }
        } }, t('导出为指标表（Excel）', 'Export as a table (Excel)'))),
      h('p', { class: 'note' }, t('指标表每行一项三级指标：一级指标、二级指标、三级指标、分值、计分方式（是否、档次、打分、扣分、加分）、每次分值、档次、评分标准、依据，CSV 的 UTF-8 或 GBK 编码均可；Excel 工作簿（.xlsx）读第一个工作表。',
        'One row per level-3 indicator: level 1, level 2, level 3, points, kind ("是否" yes/no, "档次" levels, "打分" points, "扣分" deduction, "加分" bonus), per incident, levels, scoring rule, legal basis; CSV in UTF-8 or GBK, or an Excel workbook (.xlsx: its first sheet is read).')),
      importMsg);

    // -----------------------------------------------------------------------------------------
    // Fields
    // -----------------------------------------------------------------------------------------
    /** A labelled field; `path` is the checker's path of the value it edits. */
    function field(label, control, path, focusKey) {
      const id = control.id || newId('ed');
      control.id = id;
      if (focusKey) control.dataset.focus = focusKey;
      return h('div', { class: 'field ed-field', dataset: path ? { path } : {} }, h('label', { for: id }, label), control);
    }
    function textIn(get, set, path, key, attrs = {}) {
      return h('input', { type: 'text', value: get() ?? '', ...attrs, oninput: (e) => edit(key || path, () => set(e.target.value)) });
    }
    function numIn(get, set, path, key, attrs = {}) {
      return h('input', { type: 'text', inputmode: 'decimal', value: get() ?? '', ...attrs, class: 'ed-num', oninput: (e) => {
        const v = e.target.value.trim();
        edit(key || path, () => set(v === '' || Number.isNaN(Number(v)) ? 0 : Number(v)));
      } });
    }
    function sel(options, get, set, key, opts = {}) {
      return h('select', { onchange: (e) => (opts.redraw ? change(() => set(e.target.value), key) : edit(key, () => set(e.target.value))) },
        options.map(([v, zh, en]) => h('option', { value: v, selected: v === get() }, en === undefined ? zh : t(zh, en))));
    }
    /** The citation of `obj.cite`: its source and article. */
    function citeFields(obj, path, key) {
      const srcs = doc.sources.map((s) => [s.id, s.law ? lawName(s.law) : s.title || s.id]);
      if (!srcs.some(([id]) => id === obj.cite.source)) srcs.push([obj.cite.source, obj.cite.source]);
      return h('div', { class: 'field-row ed-cite', dataset: { path: `${path}.cite` } },
        field(t('依据文件', 'Source'), sel(srcs.map(([v, l]) => [v, l]), () => obj.cite.source, (v) => { obj.cite.source = v; }, `${key}:cite-source`), `${path}.cite.source`, `${key}:cite-source`),
        field(t('条款（如 第十九条；不知道时留空）', 'Article (in Chinese, e.g. "第十九条"; empty if not known)'), textIn(() => obj.cite.article, (v) => { obj.cite.article = v; }, `${path}.cite.article`, null, { class: 'ed-article' }), `${path}.cite.article`, `${key}:cite-article`));
    }
    function textPair(label, obj, prop, path, key) {
      if (!obj[prop]) obj[prop] = { zh: '', en: '' };
      return h('div', { class: 'field-row', dataset: { path: `${path}.${prop}` } },
        field(`${label}${t('（中文）', ' (Chinese)')}`, textIn(() => obj[prop].zh, (v) => { obj[prop].zh = v; }, `${path}.${prop}.zh`), `${path}.${prop}.zh`, `${key}-zh`),
        field(`${label}${t('（英文，可空）', ' (English, optional)')}`, textIn(() => obj[prop].en, (v) => { obj[prop].en = v; }, `${path}.${prop}.en`), `${path}.${prop}.en`, `${key}-en`));
    }
    function btn(label, aria, onclick, attrs = {}) {
      return h('button', { type: 'button', class: 'ghost small', 'aria-label': aria, onclick, ...attrs }, label);
    }

    // -----------------------------------------------------------------------------------------
    // The form
    // -----------------------------------------------------------------------------------------
    function basicCard() {
      const cls = doc.subjectClass;
      const types = M.SUBJECT_TYPES[cls] || [];
      return h('fieldset', { class: 'card ed-basic', dataset: { path: '$' } },
        h('legend', {}, t('基本信息', 'About the list')),
        textPair(t('标题', 'Title'), doc, 'title', '$', 'basic:title'),
        textPair(t('发布单位', 'Issuer'), doc, 'issuer', '$', 'basic:issuer'),
        h('div', { class: 'field-row' },
          field(t('编号', 'Id'), textIn(() => doc.id, (v) => { doc.id = v; }, '$.id'), '$.id', 'basic:id'),
          field(t('版本', 'Version'), textIn(() => doc.version, (v) => { doc.version = v; }, '$.version'), '$.version', 'basic:version')),
        h('div', { class: 'field-row' },
          field(t('施行日期', 'In force from'), h('input', { type: 'date', value: doc.effectiveFrom, oninput: (e) => edit('$.effectiveFrom', () => { doc.effectiveFrom = e.target.value; }) }), '$.effectiveFrom', 'basic:from'),
          field(t('失效日期（可空）', 'In force until (optional)'), h('input', { type: 'date', value: doc.effectiveTo || '', oninput: (e) => edit('$.effectiveTo', () => { doc.effectiveTo = e.target.value || null; }) }), '$.effectiveTo', 'basic:to')),
        h('div', { class: 'field-row' },
          field(t('主体类别（第五条）', 'Subject class (art. 5)'), sel([['institution', '机构类', 'Institutions'], ['person', '个人类', 'Persons']], () => cls, (v) => {
            doc.subjectClass = v;
            doc.subjectTypes = [M.SUBJECT_TYPES[v][0][0]];
          }, 'basic:class', { redraw: true }), '$.subjectClass', 'basic:class'),
          field(t('满分', 'Full score'), numIn(() => doc.scale, (v) => { doc.scale = v; }, '$.scale'), '$.scale', 'basic:scale')),
        h('fieldset', { class: 'ed-types', dataset: { path: '$.subjectTypes' } },
          h('legend', {}, t('适用的主体类型', 'Subject types covered')),
          types.map(([v, zh, en], i) => {
            const id = newId('ed-type');
            return h('span', { class: 'ed-check', dataset: { path: `$.subjectTypes[${doc.subjectTypes.indexOf(v)}]` } },
              h('input', { type: 'checkbox', id, checked: doc.subjectTypes.includes(v), dataset: { focus: `basic:type-${i}` }, onchange: (e) => edit(null, () => {
                doc.subjectTypes = types.map((x) => x[0]).filter((x) => (x === v ? e.target.checked : doc.subjectTypes.includes(x)));
              }) }),
              h('label', { for: id }, t(zh, en)));
          })),
        sourcesBlock());
    }

    function sourcesBlock() {
      return h('fieldset', { class: 'ed-sources', dataset: { path: '$.sources' } },
        h('legend', {}, t('依据文件', 'Source documents')),
        doc.sources.map((s, i) => {
          const p = `$.sources[${i}]`;
          const key = `src:${i}`;
          const lawSel = sel([['', '（本单位文件，填写标题）', '(own document: give its title)'], ...M.LAW_IDS.map((l) => [l, lawName(l), undefined])], () => s.law || '', (v) => {
            if (v) { s.law = v; delete s.title; } else { delete s.law; s.title = s.title || ''; }
          }, `${key}:law`, { redraw: true });
          return h('div', { class: 'ed-source', dataset: { path: p } },
            h('div', { class: 'field-row' },
              field(t('简称（引用时使用）', 'Short id (used by citations)'), textIn(() => s.id, (v) => {
                for (const o of allCites()) if (o.source === s.id) o.source = v;
                s.id = v;
              }, `${p}.id`), `${p}.id`, `${key}:id`),
              field(t('法规库中的文件', 'Law-library document'), lawSel, `${p}.law`, `${key}:law`),
              s.law ? null : field(t('标题（含书名号《》）', 'Title (with 《》)'), textIn(() => s.title, (v) => { s.title = v; }, `${p}.title`), `${p}.title`, `${key}:title`),
              doc.sources.length > 1 ? btn(t('删除', 'Delete'), t(`删除依据文件 ${s.id}`, `Delete source ${s.id}`), () => change(() => { doc.sources.splice(i, 1); }, 'src:add')) : null));
        }),
        btn(t('添加依据文件', 'Add a source'), null, () => change(() => { doc.sources.push({ id: `src${doc.sources.length + 1}`, title: '' }); }, `src:${doc.sources.length}:id`), { dataset: { focus: 'src:add' } }));
    }

    function allCites() {
      return [...doc.indicators, ...doc.bands, ...doc.eventKinds, ...doc.directGrades, ...doc.measures].map((o) => o.cite).filter(Boolean);
    }

    function indicatorsCard() {
      const kids = M.childrenMap(doc);
      const list = h('div', { class: 'ed-tree', role: 'list' });
      const index = new Map(doc.indicators.map((n, i) => [n, i]));
      const node = (n) => {
        const i = index.get(n);
        const p = `$.indicators[${i}]`;
        const key = `ind:${n.code}`;
        const sib = kids.get(n.parent || '') || [];
        const pos = sib.indexOf(n);
        const children = kids.get(n.code) || [];
        const level = ['', t('一级指标', 'Level 1'), t('二级指标', 'Level 2'), t('三级指标', 'Level 3')][n.depth] || '';
        const label = `${level} ${n.code} ${n.name.zh || t('（未命名）', '(unnamed)')}`;
        const headId = newId('ed-node');
        const parents = n.depth > 1 ? doc.indicators.filter((x) => x.depth === n.depth - 1) : [];
        const box = h('div', { class: `ed-node ed-d${n.depth}`, dataset: { path: p, code: n.code } },
          h('h3', { id: headId, class: 'ed-node-h' }, `${level} ${n.code}`, h('span', { class: 'ed-sum', dataset: { sumFor: n.code } }, children.length ? ` · ${t('合计', 'total')} ${n.points} ${t('分', 'pts')}` : '')),
          h('div', { class: 'field-row' },
            field(t('名称', 'Name'), textIn(() => n.name.zh, (v) => { n.name.zh = v; }, `${p}.name.zh`, `${key}:name`), `${p}.name.zh`, `${key}:name-zh`),
            field(t('英文名称（可空）', 'English name (optional)'), textIn(() => n.name.en, (v) => { n.name.en = v; }, `${p}.name.en`), `${p}.name.en`, `${key}:name-en`),
            field(t('代码', 'Code'), textIn(() => n.code, (v) => { const old = n.code; M.recode(doc, old, v); }, `${p}.code`, `${key}:code`, { class: 'ed-code', spellcheck: false }), `${p}.code`, `${key}:code`),
            n.depth === 3 ? field(t('分值', 'Points'), numIn(() => n.points, (v) => { n.points = v; }, `${p}.points`), `${p}.points`, `${key}:points`) : null,
            parents.length > 1 ? field(t('所属上级', 'Parent'), sel(parents.map((x) => [x.code, `${x.code} ${x.name.zh}`, undefined]), () => n.parent, (v) => M.reparent(doc, n.code, v), `${key}:parent`, { redraw: true }), `${p}.parent`, `${key}:parent`) : null),
          n.depth === 3 ? scoringFields(n, p, key) : null,
          citeFields(n, p, key),
          h('div', { class: 'row ed-node-tools' },
            btn(t('上移', 'Up'), t(`上移：${label}`, `Move up: ${label}`), () => change(() => M.moveNode(doc, n.code, -1), `${key}:up`), { disabled: pos === 0, dataset: { focus: `${key}:up` } }),
            btn(t('下移', 'Down'), t(`下移：${label}`, `Move down: ${label}`), () => change(() => M.moveNode(doc, n.code, 1), `${key}:down`), { disabled: pos === sib.length - 1, dataset: { focus: `${key}:down` } }),
            n.depth < 3 ? btn(t(`添加${n.depth === 1 ? '二' : '三'}级指标`, `Add a level-${n.depth + 1} indicator`), t(`在“${n.name.zh || n.code}”下添加${n.depth === 1 ? '二' : '三'}级指标`, `Add a level-${n.depth + 1} indicator under ${n.name.zh || n.code}`), () => {
              let added;
              change(() => { added = M.addNode(doc, n.code); }, () => `ind:${added.code}:name-zh`);
            }, { dataset: { focus: `${key}:add` } }) : null,
            btn(t('删除', 'Delete'), t(`删除：${label}${children.length ? '（含下级）' : ''}`, `Delete: ${label}${children.length ? ' (with its children)' : ''}`), () => {
              const next = sib[pos + 1] || sib[pos - 1];
              change(() => M.removeNode(doc, n.code), next ? `ind:${next.code}:name-zh` : (n.parent ? `ind:${n.parent}:add` : 'ind:add'));
            })));
        const wrap = h('div', { class: 'ed-sub', role: 'listitem', 'aria-labelledby': headId }, box);
        if (children.length) wrap.appendChild(h('div', { class: 'ed-children', role: 'list' }, children.map(node)));
        return wrap;
      };
      for (const r of kids.get('') || []) list.appendChild(node(r));
      return h('section', { class: 'card ed-indicators', 'aria-labelledby': 'ed-ind-h', dataset: { path: '$.indicators' } },
        h('h2', { id: 'ed-ind-h' }, t('评价指标', 'Indicators')),
        h('p', { id: 'ed-total', class: 'ed-total' }),
        list,
        btn(t('添加一级指标', 'Add a level-1 indicator'), null, () => {
          let added;
          change(() => { added = M.addNode(doc, null); }, () => `ind:${added.code}:name-zh`);
        }, { id: 'ed-add-l1', dataset: { focus: 'ind:add' } }));
    }

    function scoringFields(n, p, key) {
      const s = n.scoring || {};
      const kind = M.kindOf(n.scoring);
      const sp = `${p}.scoring`;
      const kindSel = sel(M.KINDS, () => kind, (v) => { n.scoring = M.scoringOf(v, n.points, n.scoring); }, `${key}:kind`, { redraw: true });
      const out = h('div', { class: 'ed-scoring', dataset: { path: sp } },
        h('div', { class: 'field-row' }, field(t('计分方式', 'Scoring'), kindSel, `${sp}.type`, `${key}:kind`),
          kind === 'yesNo' ? field(t('得分的回答', 'Points when the answer is'), sel([['true', '是', 'Yes'], ['false', '否', 'No']], () => String(s.pointsIf !== false), (v) => { s.pointsIf = v === 'true'; }, `${key}:if`), `${sp}.pointsIf`, `${key}:if`) : null,
          kind === 'deduction' || kind === 'bonus'
            ? field(kind === 'deduction' ? t('每次扣分（扣完本项分值为止）', 'Off per incident (down to 0)') : t('每次加分（最多本项分值）', 'Per instance (up to the points)'), numIn(() => s.per, (v) => { s.per = v; }, `${sp}.per`), `${sp}.per`, `${key}:per`)
            : null),
        field(t('评分标准（说明，可空）', 'Scoring rule (text, optional)'), h('textarea', { rows: 2, value: n.help ? n.help.zh : '', oninput: (e) => edit(`${p}.help`, () => {
          if (e.target.value) n.help = { zh: e.target.value, en: n.help ? n.help.en : '' }; else delete n.help;
        }) }), `${p}.help.zh`, `${key}:help`));
      if (kind === 'rating') {
        const lp = `${sp}.levels`;
        out.appendChild(h('fieldset', { class: 'ed-levels', dataset: { path: lp } },
          h('legend', {}, t('档次（至少一档为满分）', 'Levels (one must give the full points)')),
          s.levels.map((l, j) => h('div', { class: 'field-row', dataset: { path: `${lp}[${j}]` } },
            field(t('档次名称', 'Level'), textIn(() => l.label.zh, (v) => { l.label.zh = v; }, `${lp}[${j}].label.zh`), `${lp}[${j}].label.zh`, `${key}:lv${j}-name`),
            field(t('得分', 'Points'), numIn(() => l.points, (v) => { l.points = v; }, `${lp}[${j}].points`), `${lp}[${j}].points`, `${key}:lv${j}-pts`),
            field(t('代号', 'Id'), textIn(() => l.id, (v) => { l.id = v; }, `${lp}[${j}].id`, null, { class: 'ed-code', spellcheck: false }), `${lp}[${j}].id`, `${key}:lv${j}-id`),
            s.levels.length > 1 ? btn(t('删除', 'Delete'), t(`删除档次 ${l.label.zh}`, `Delete level ${l.label.zh}`), () => change(() => { s.levels.splice(j, 1); }, `${key}:lv-add`)) : null)),
          btn(t('添加档次', 'Add a level'), null, () => change(() => { s.levels.push({ id: `l${s.levels.length + 1}`, label: { zh: '', en: '' }, points: 0 }); }, `${key}:lv${s.levels.length}-name`), { dataset: { focus: `${key}:lv-add` } })));
      }
      if ((kind === 'deduction' || kind === 'bonus') && doc.eventKinds.length) {
        out.appendChild(h('fieldset', { class: 'ed-kinds', dataset: { path: `${sp}.eventKinds` } },
          h('legend', {}, t('同时计入的事件（可不选）', 'Events that also count (optional)')),
          doc.eventKinds.map((ek, j) => {
            const id = newId('ed-ek');
            return h('span', { class: 'ed-check' },
              h('input', { type: 'checkbox', id, checked: s.eventKinds.includes(ek.kind), dataset: { focus: `${key}:ek${j}` }, onchange: (e) => edit(null, () => {
                s.eventKinds = doc.eventKinds.map((x) => x.kind).filter((x) => (x === ek.kind ? e.target.checked : s.eventKinds.includes(x)));
              }) }),
              h('label', { for: id }, tx(ek.name) || ek.kind));
          })));
      }
      return out;
    }

    function bandsCard() {
      const grades = doc.bands.map((b) => b.grade);
      return h('section', { class: 'card ed-bands', 'aria-labelledby': 'ed-bands-h', dataset: { path: '$.bands' } },
        h('h2', { id: 'ed-bands-h' }, t('信用等级', 'Grade bands')),
        h('p', { class: 'note' }, t('从最高等级往下排列；最低一档的最低分为 0。引用第十九条的等级须与第十九条一致（千分制 850、800、750、700；百分制 85、80、75、70）。', 'From the best down; the lowest starts at 0. Bands citing article 19 must be those of article 19 (850, 800, 750, 700 of 1000; 85, 80, 75, 70 of 100).')),
        doc.bands.map((b, i) => {
          const p = `$.bands[${i}]`;
          const key = `band:${i}`;
          return h('div', { class: 'ed-item', role: 'group', 'aria-label': t(`等级 ${b.grade}`, `Grade ${b.grade}`), dataset: { path: p } },
            h('div', { class: 'field-row' },
              field(t('等级', 'Grade'), textIn(() => b.grade, (v) => { b.grade = v; }, `${p}.grade`, null, { class: 'ed-code' }), `${p}.grade`, `${key}:grade`),
              field(t('最低分', 'From (points)'), numIn(() => b.min, (v) => { b.min = v; }, `${p}.min`), `${p}.min`, `${key}:min`),
              field(t('类别', 'Side'), sel([['trustworthy', '守信（第二十五条激励）', 'Trustworthy (art. 25)'], ['dishonest', '失信（第二十六条惩戒）', 'Dishonest (art. 26)']], () => b.side, (v) => { b.side = v; }, `${key}:side`), `${p}.side`, `${key}:side`)),
            textPair(t('名称', 'Label'), b, 'label', p, `${key}:label`),
            citeFields(b, p, key),
            h('div', { class: 'row' },
              btn(t('删除', 'Delete'), t(`删除等级 ${b.grade}`, `Delete grade ${b.grade}`), () => change(() => { doc.bands.splice(i, 1); }, 'band:add'))));
        }),
        btn(t('添加等级', 'Add a band'), null, () => change(() => {
          doc.bands.push({ grade: String.fromCharCode(65 + doc.bands.length), min: 0, label: { zh: '', en: '' }, side: 'dishonest', cite: { source: doc.sources[0] ? doc.sources[0].id : '', article: '' } });
        }, `band:${doc.bands.length}:grade`), { dataset: { focus: 'band:add' } }),
        grades.length ? null : h('p', { class: 'note' }, t('尚无等级。', 'No bands yet.')));
    }

    function kindsCard() {
      return h('section', { class: 'card ed-events', 'aria-labelledby': 'ed-ev-h', dataset: { path: '$.eventKinds' } },
        h('h2', { id: 'ed-ev-h' }, t('计分事件类型', 'Event kinds')),
        h('p', { class: 'note' }, t('评价期间内发生、按日期列出的事件（如行政处罚、协议处理）；扣分、加分项和直接定级规则可引用它们。', 'Dated events in the period (e.g. penalties, agreement handling) that deductions, bonuses and direct-grade rules can count.')),
        doc.eventKinds.map((k, i) => {
          const p = `$.eventKinds[${i}]`;
          const key = `ek:${i}`;
          return h('div', { class: 'ed-item', role: 'group', 'aria-label': tx(k.name) || k.kind, dataset: { path: p } },
            h('div', { class: 'field-row' },
              field(t('代号（英文字母、数字和 -）', 'Id (letters, digits, -)'), textIn(() => k.kind, (v) => {
                for (const o of [...doc.indicators.map((n) => n.scoring), ...doc.directGrades]) {
                  if (o && o.eventKinds) o.eventKinds = o.eventKinds.map((x) => (x === k.kind ? v : x));
                }
                k.kind = v;
              }, `${p}.kind`, null, { class: 'ed-code', spellcheck: false }), `${p}.kind`, `${key}:kind`),
              field(t('性质', 'Nature'), sel([['adverse', '不良', 'Adverse'], ['trustworthy', '守信', 'Trustworthy']], () => k.nature, (v) => { k.nature = v; }, `${key}:nature`), `${p}.nature`, `${key}:nature`)),
            textPair(t('名称', 'Name'), k, 'name', p, `${key}:name`),
            citeFields(k, p, key),
            h('div', { class: 'row' }, btn(t('删除', 'Delete'), t(`删除事件类型 ${tx(k.name) || k.kind}`, `Delete event kind ${tx(k.name) || k.kind}`), () => change(() => {
              doc.eventKinds.splice(i, 1);
              for (const o of [...doc.indicators.map((n) => n.scoring), ...doc.directGrades]) if (o && o.eventKinds) o.eventKinds = o.eventKinds.filter((x) => x !== k.kind);
            }, 'ek:add'))));
        }),
        btn(t('添加事件类型', 'Add an event kind'), null, () => change(() => {
          let n = doc.eventKinds.length + 1;
          while (doc.eventKinds.some((e) => e.kind === `event-${n}`)) n++;
          doc.eventKinds.push({ kind: `event-${n}`, name: { zh: '', en: '' }, nature: 'adverse', cite: { source: doc.sources[0] ? doc.sources[0].id : '', article: '' } });
        }, `ek:${doc.eventKinds.length}:name-zh`), { dataset: { focus: 'ek:add' } }));
    }

    function directCard() {
      return h('section', { class: 'card ed-direct', 'aria-labelledby': 'ed-dg-h', dataset: { path: '$.directGrades' } },
        h('h2', { id: 'ed-dg-h' }, t('直接定级规则', 'Direct-grade rules')),
        h('p', { class: 'note' }, t('期间内发生所列事件之一时，无论得分多少，等级最高为所选等级。', 'When one of the listed events is in the period, the grade is at most the one chosen, whatever the points.')),
        doc.directGrades.map((d, i) => {
          const p = `$.directGrades[${i}]`;
          const key = `dg:${i}`;
          return h('div', { class: 'ed-item', role: 'group', 'aria-label': tx(d.reason) || d.id, dataset: { path: p } },
            h('div', { class: 'field-row' },
              field(t('编号', 'Id'), textIn(() => d.id, (v) => { d.id = v; }, `${p}.id`, null, { class: 'ed-code' }), `${p}.id`, `${key}:id`),
              field(t('等级最高为', 'Grade at most'), sel(doc.bands.map((b) => [b.grade, `${b.grade} ${b.label.zh}`, undefined]).concat(doc.bands.some((b) => b.grade === d.grade) ? [] : [[d.grade, d.grade, undefined]]), () => d.grade, (v) => { d.grade = v; }, `${key}:grade`), `${p}.grade`, `${key}:grade`)),
            textPair(t('情形', 'Reason'), d, 'reason', p, `${key}:reason`),
            h('fieldset', { class: 'ed-kinds', dataset: { path: `${p}.eventKinds` } },
              h('legend', {}, t('触发的事件', 'Events that trigger it')),
              doc.eventKinds.length ? doc.eventKinds.map((ek, j) => {
                const id = newId('ed-dgk');
                return h('span', { class: 'ed-check' },
                  h('input', { type: 'checkbox', id, checked: d.eventKinds.includes(ek.kind), dataset: { focus: `${key}:ek${j}` }, onchange: (e) => edit(null, () => {
                    d.eventKinds = doc.eventKinds.map((x) => x.kind).filter((x) => (x === ek.kind ? e.target.checked : d.eventKinds.includes(x)));
                  }) }),
                  h('label', { for: id }, tx(ek.name) || ek.kind));
              }) : h('p', { class: 'note' }, t('请先添加事件类型。', 'Add an event kind first.'))),
            citeFields(d, p, key),
            h('div', { class: 'row' }, btn(t('删除', 'Delete'), t(`删除直接定级规则 ${d.id}`, `Delete direct-grade rule ${d.id}`), () => change(() => { doc.directGrades.splice(i, 1); }, 'dg:add'))));
        }),
        btn(t('添加直接定级规则', 'Add a direct-grade rule'), null, () => change(() => {
          const worst = doc.bands[doc.bands.length - 1];
          doc.directGrades.push({ id: `direct-${doc.directGrades.length + 1}`, eventKinds: [], grade: worst ? worst.grade : '', reason: { zh: '', en: '' }, cite: { source: doc.sources[0] ? doc.sources[0].id : '', article: '' } });
        }, `dg:${doc.directGrades.length}:reason-zh`), { dataset: { focus: 'dg:add' } }));
    }

    // -----------------------------------------------------------------------------------------
    // Publish
    // -----------------------------------------------------------------------------------------
    const publishMsg = h('div', { id: 'ed-publish-msg' });
    function publishCard() {
      return h('section', { class: 'card ed-publish', 'aria-labelledby': 'ed-pub-h' },
        h('h2', { id: 'ed-pub-h' }, t('发布', 'Publish')),
        h('p', { class: 'note' }, t('没有问题时可下载指标文件（供自评和批量评价载入）和指标目录网页（第十二条：向社会公布，可打印为 A4）。每次修改后请更新版本号；校验值随内容变化。', 'With no problems left, download the rule file (to load in the self-assessment and the batch) and the catalogue page (article 12: published; prints on A4). Change the version with every revision; the hash follows the content.')),
        h('div', { class: 'row' },
          h('button', { type: 'button', id: 'ed-download-rules', onclick: () => publish('rules') }, t('下载指标文件（JSON）', 'Download the rule file (JSON)')),
          h('button', { type: 'button', id: 'ed-download-catalogue', onclick: () => publish('catalogue') }, t('下载指标目录（网页）', 'Download the catalogue page (HTML)'))),
        publishMsg);
    }
    function publish(what) {
      const text = ruleText(doc);
      const rep = api.checkRules(text);
      if (!rep.valid) {
        put(publishMsg, h('p', { class: 'error', role: 'alert' }, t(`还有 ${rep.errors.length} 处问题，改正后才能发布（见页首的问题列表）。`, `${rep.errors.length} ${rep.errors.length === 1 ? 'problem' : 'problems'} left: correct ${rep.errors.length === 1 ? 'it' : 'them'} before publishing (see the list at the top).`)));
        return;
      }
      const info = rep.rules;
      const base = `${doc.id}-${doc.version}`;
      if (what === 'rules') download(`${base}.json`, text, 'application/json');
      else {
        const rs = new api.RuleSet(text);
        try { download(`${base}-指标目录.html`, catalogueHtml(doc, rs.catalog, info), 'text/html;charset=utf-8'); } finally { rs.free(); }
      }
      put(publishMsg, h('p', { class: 'ok', role: 'status', id: 'ed-published' },
        t(`已生成：版本 ${info.version}，施行 ${info.effectiveFrom}${info.effectiveTo ? ` 至 ${info.effectiveTo}` : ' 起'}，校验值（SHA-256）`, `Made: version ${info.version}, in force ${info.effectiveFrom}${info.effectiveTo ? ` to ${info.effectiveTo}` : ' on'}, hash (SHA-256) `),
        h('code', { class: 'ed-hash' }, info.hash)));
    }

    // -----------------------------------------------------------------------------------------
    // The checker's problems, next to their fields
    // -----------------------------------------------------------------------------------------
    const SECTION = { indicators: ['评价指标', 'Indicators'], bands: ['信用等级', 'Grade bands'], eventKinds: ['计分事件类型', 'Event kinds'], directGrades: ['直接定级规则', 'Direct-grade rules'], measures: ['措施', 'Measures'], sources: ['依据文件', 'Source documents'], repair: ['信用修复', 'Credit repair'] };
    /** Where a problem is shown: the field of its path or of the nearest enclosing one. */
    function target(path) {
      for (const p of M.pathChain(path)) {
        const el = body.querySelector(`[data-path="${CSS.escape(p)}"]`);
        if (el) return el;
      }
      return null;
    }
    /** Words for where a problem is (no path on screen): the field's label, or the part of the list. */
    function place(el, path) {
      const m = (path || '').match(/^\$\.(\w+)(?:\[(\d+)\])?/);
      const sec = m && SECTION[m[1]] ? t(...SECTION[m[1]]) : '';
      if (m && m[1] === 'indicators' && m[2] !== undefined) {
        const n = doc.indicators[Number(m[2])];
        if (n) return `${t('指标', 'Indicator')} ${n.code} ${n.name.zh}`;
      }
      if (el) {
        const label = el.querySelector(':scope > label') || el.querySelector(':scope > legend');
        const item = el.closest('.ed-item');
        const itemName = item ? item.getAttribute('aria-label') : '';
        return [sec, itemName, label ? label.textContent : ''].filter(Boolean).join(' · ');
      }
      return sec || t('整个文件', 'The whole file');
    }
    function check() {
      if (!doc) return;
      report = api.checkRules(doc);
      for (const el of body.querySelectorAll('.ed-problem')) el.remove();
      for (const el of body.querySelectorAll('[aria-invalid]')) { el.removeAttribute('aria-invalid'); el.removeAttribute('aria-describedby'); }
      const items = [];
      const shown = [...report.errors.map((e) => [e, 'error']), ...report.warnings.filter((w) => w.code !== 'W_RULES_SAMPLE').map((w) => [w, 'warn'])];
      for (const [pr, kind] of shown) {
        const el = target(pr.path);
        const id = newId('ed-pr');
        const msg = h('p', { class: `ed-problem ${kind}`, id }, kind === 'warn' ? t('提示：', 'Note: ') : '', kind === 'warn' ? t(pr.zh, pr.en) : sentence(pr));
        let input = null;
        if (el && el !== body) {
          const total = el.querySelector(':scope > .ed-total');
          if (total) total.after(msg); else el.appendChild(msg);
          input = el.matches('input, select, textarea') ? el : el.querySelector(':scope > input, :scope > select, :scope > textarea');
          if (input && kind === 'error') {
            input.setAttribute('aria-invalid', 'true');
            input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
          }
        }
        const focusable = input || (el && el.querySelector('input, select, textarea, button'));
        items.push(h('li', { class: kind },
          h('button', { type: 'button', class: 'link', onclick: () => { focusable ? focusable.focus() : el && el.scrollIntoView(); } }, place(el, pr.path)),
          t('：', ': '), t(pr.zh, pr.en)));
      }
      const nErr = report.errors.length;
      put(summary,
        h('p', { class: nErr ? 'error' : 'ok', id: 'ed-count', role: 'status' }, nErr
          ? t(`检查发现 ${nErr} 处问题，须改正后才能发布：`, `The check found ${nErr} ${nErr === 1 ? 'problem' : 'problems'} to correct before publishing:`)
          : t(`检查通过：${report.indicators} 项指标，其中三级指标 ${report.leaves} 项。`, `Check passed: ${report.indicators} indicators, ${report.leaves} at level 3.`)),
        items.length ? h('ul', { class: 'ed-problem-list' }, items.slice(0, 100)) : null);
    }
    function refreshSums() {
      for (const el of body.querySelectorAll('[data-sum-for]')) {
        const n = doc.indicators.find((x) => x.code === el.dataset.sumFor);
        const has = n && doc.indicators.some((x) => x.parent === n.code);
        el.textContent = has ? ` · ${t('合计', 'total')} ${n.points} ${t('分', 'pts')}` : '';
      }
      const tot = body.querySelector('#ed-total');
      if (tot) tot.textContent = t(`一级指标合计 ${M.total(doc)} 分，满分 ${doc.scale} 分。`, `Level-1 total ${M.total(doc)} of a full score of ${doc.scale}.`);
    }

    // -----------------------------------------------------------------------------------------
    // Drawing
    // -----------------------------------------------------------------------------------------
    const compare = compareSection(ctx, () => doc);
    const toolbar = h('div', { class: 'row ed-toolbar', role: 'toolbar', 'aria-label': t('编辑', 'Editing') }, undoBtn, redoBtn,
      h('span', { class: 'muted' }, t('（Ctrl+Z 撤销，Ctrl+Y 重做）', '(Ctrl+Z undo, Ctrl+Y redo)')));
    function draw(focusKey) {
      const active = /** @type {HTMLElement} */ (document.activeElement);
      const key = typeof focusKey === 'function' ? focusKey() : focusKey || (active && root.contains(active) ? active.dataset.focus : null);
      if (!doc) {
        put(body, h('p', { class: 'note' }, t('尚未开始：请在上方选择从哪里开始，或导入指标表。', 'Nothing yet: choose where to start above, or import a table.')));
        put(summary);
      } else {
        put(body, toolbar, basicCard(), indicatorsCard(), kindsCard(), bandsCard(), directCard(), publishCard());
        refreshSums();
        check();
      }
      syncHistoryButtons();
      // The sources' titles, fetched once each; drawn again when they arrive.
      // (All the library's documents: the source picker names them.)
      const want = doc ? [...doc.sources, ...M.LAW_IDS.map((law) => ({ law }))].filter((s) => s.law && !asked.has(s.law)) : [];
      for (const s of want) asked.add(s.law);
      if (want.length) {
        lawTitles({ sources: want }, titlesEn).then((x) => { Object.assign(titles, x); if (Object.keys(x).length && root.isConnected) draw(); });
      }
      if (key) {
        let el = /** @type {HTMLButtonElement} */ (root.querySelector(`[data-focus="${CSS.escape(key)}"]`));
        // A node moved to the top or bottom: its other move button keeps the focus.
        if (el && el.disabled) el = root.querySelector(`[data-focus="${CSS.escape(key.replace(/:(up|down)$/, (_, d) => (d === 'up' ? ':down' : ':up')))}"]`) || el;
        if (el) { el.focus(); if (el.scrollIntoView) el.scrollIntoView({ block: 'nearest' }); }
      }
    }

    put(root, startCard, status, summary, body, compare.el);
    draw();
  },
};
