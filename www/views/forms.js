// The six attachment forms (附件1—附件6): pick a form, see it filled from the self-assessment and
// the repair check, overwrite any field, fix what is flagged, print one A4 page, save or load
// the filled data. The printed page is the HTML the core generates (the CLI gives the same bytes).
// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条、第二十九条、第三十条，附件1—附件6.
import { h, put, errorText } from '../dom.js';
import { t, tx, getLang } from '../i18n.js';
import * as store from '../store.js';
import { ALL_TYPES as TYPES, isInstitution } from '../subjects.js';
import { basisText } from '../cite.js';
import { documentSelect } from '../documents.js';
import { panel as holidayPanel, withHolidays, check as checkHolidays } from '../holidays.js';
/** @import { ViewContext } from './context.js' */
/** @import { FieldInfo, FormInfo, FormInput, FormModel } from '../yibao-credit.js' */

const FILE_FORMAT = 'yibao-credit-form';
const FILE_VERSION = 1;
const MAX_FILE = 1024 * 1024;


// The repair input's fields that can be typed here when the repair check was not used.
const BASE = [
  ['subject.type', '主体类型', 'Subject type', 'type'],
  ['subject.name', '名称', 'Name', 'text'],
  ['subject.code', '统一社会信用代码（自然人：证件号码）', 'USCC (person: identity document number)', 'text'],
  ['subject.contact', '联系方式', 'Contact number', 'tel'],
  ['subject.legalRepresentative', '法定代表人', 'Legal representative', 'text'],
  ['record.decisionDate', '处罚决定日期', 'Decision date', 'date'],
  ['record.publicationDate', '失信信息公示日期', 'Publication date', 'date'],
  ['record.department', '处罚（认定）部门', 'Deciding department', 'text'],
  ['record.decisionNo', '处罚决定书文号', 'Decision number', 'text'],
  ['record.act', '失信行为', 'Act', 'text'],
  ['record.penalty', '处罚内容', 'Penalty', 'text'],
  ['applicationDate', '信用修复申请日期', 'Repair application date', 'date'],
];

function defaults() { return { form: 3, typed: {}, base: {}, eligible: null }; }

let state = null;
let notice = null;

function loadState() {
  if (state) return;
  const got = store.load('forms');
  const v = got.value;
  state = defaults();
  if (v && typeof v === 'object') {
    if (Number.isInteger(v.form) && v.form >= 1 && v.form <= 6) state.form = v.form;
    if (v.typed && typeof v.typed === 'object') state.typed = v.typed;
    if (v.base && typeof v.base === 'object') state.base = v.base;
    if (v.eligible === true || v.eligible === false) state.eligible = v.eligible;
  }
  if (got.refused) notice = t('本机保存的表格数据来自不兼容的版本，未载入。', 'Saved form data is from an incompatible version and was not loaded.');
}

function persist() { store.save('forms', state); }

function getPath(o, path) { return path.split('.').reduce((a, k) => (a && typeof a === 'object' ? a[k] : undefined), o); }
function setPath(o, path, v) {
  const ks = path.split('.');
  let cur = o;
  for (const k of ks.slice(0, -1)) { if (!cur[k] || typeof cur[k] !== 'object') cur[k] = {}; cur = cur[k]; }
  cur[ks[ks.length - 1]] = v;
}

/** The repair input the form is filled from: self-assessment, then the repair check, then what was typed here. */
function repairInput() {
  const assess = store.peek('assess');
  const saved = store.peek('repair');
  const r = { subject: {}, record: {} };
  if (assess && typeof assess === 'object') {
    for (const k of ['type', 'name', 'code']) if (typeof assess[k] === 'string' && assess[k]) r.subject[k] = assess[k];
  }
  if (saved && typeof saved === 'object') {
    for (const [k, v] of Object.entries(saved)) {
      if ((k === 'subject' || k === 'record') && v && typeof v === 'object') {
        for (const [kk, vv] of Object.entries(v)) if (vv !== '' && vv !== null && vv !== undefined) r[k][kk] = vv;
      } else if (k !== 'subject' && k !== 'record') r[k] = v;
    }
  }
  for (const [path, v] of Object.entries(state.base)) if (typeof v === 'string') setPath(r, path, v);
  // 第八条: only a person has a document type (an institution is identified by its 统一社会信用代码).
  if (isInstitution(r.subject.type) || r.subject.documentType === '') delete r.subject.documentType;
  return r;
}

/**
 * The 第二十九条 box of 附件3 from the repair check: 符合 when every condition of 第二十九条 is met,
 * 不符合 when one is unmet, unknown (chosen by hand) otherwise. The national minimum publicity
 * period is not a 第二十九条 condition, so it does not tick this box.
 * @param {ViewContext['api']} api
 */
function repairVerdict(api) {
  const saved = store.peek('repair');
  if (!saved || typeof api.repair !== 'function') return null;
  try {
    const out = api.repair(saved);
    const art29 = (out.conditions || []).filter((c) => (c.cite && c.cite.refs || []).some((r) => r.law === 'shanwei-2022' && r.article === '29'));
    if (!art29.length) return null;
    if (art29.some((c) => c.status === 'unmet')) return false;
    if (art29.every((c) => c.status === 'met')) return true;
  } catch (_) { /* incomplete repair input: the verdict is then chosen by hand */ }
  return null;
}

function formInput(ctx, eligible) {
  const repair = repairInput();
  /** @type {FormInput} */
  const input = { form: state.form, filledOn: ctx.today, repair, fields: state.typed[state.form] || {} };
  const e = eligible !== null ? eligible : state.eligible;
  if (e === true || e === false) input.eligible = e;
  return input;
}

/** Puts the core's HTML in the preview (everything typed in it is escaped by the core). */
function showHtml(el, html) {
  const tpl = document.createElement('template');
  tpl.innerHTML = html;
  el.replaceChildren(tpl.content);
}

function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const view = {
  id: 'forms',
  /** @param {ViewContext} ctx */
  mount(root, ctx) {
    loadState();
    const { api } = ctx;
    checkHolidays(api);
    // Opened from the repair check (「可以申请修复」): the form it asked for, filled from what was entered
    // there; a value typed here earlier for something the repair check now gives yields to it.
    if (ctx.handoff && Number.isInteger(ctx.handoff.form)) {
      state.form = ctx.handoff.form;
      ctx.handoff = null;
      const saved = store.load('repair').value;
      for (const path of Object.keys(state.base)) {
        const v = saved && getPath(saved, path);
        if (typeof v === 'string' && v) delete state.base[path];
      }
      persist();
      notice = t('已按信用修复检查中填写的内容填好本表，请核对后打印。', 'Filled in from the repair check: check it, then print.');
    }
    /** @type {FormInfo[]} */
    let list;
    try { list = api.forms(); } catch (e) { put(root, h('p', { class: 'error', role: 'alert' }, errorText(e, getLang()))); return; }
    const verdict = repairVerdict(api);
    const def = list.find((f) => f.form === state.form) || list[2];

    const preview = h('div', { class: 'fm-print', id: 'fm-preview', role: 'region', 'aria-label': t('打印预览', 'Print preview') });
    const status = h('div', { class: 'fm-status', id: 'fm-status', 'aria-live': 'polite' });
    const general = h('div', { id: 'fm-general' });
    const fileMsg = h('div', { id: 'fm-file-msg', 'aria-live': 'polite' });
    // A printed date that relies on a year without its holiday notice (附件5's last day to object).
    const calWarn = h('div', { id: 'fm-cal-warnings' });
    const rows = {};
    /** @type {FormModel | null} */
    let model = null;

    function typed() { return (state.typed[state.form] = state.typed[state.form] || {}); }

    function update() {
      const input = formInput(ctx, verdict);
      try {
        model = api.form(withHolidays(input));
      } catch (e) {
        put(status, h('p', { class: 'error', role: 'alert' }, errorText(e, getLang())));
        return;
      }
      showHtml(preview, model.html);
      const errs = model.errors;
      put(status, model.valid
        ? h('p', { class: 'ok', id: 'fm-valid' }, t('✓ 检查通过，可以打印。', '✓ All checks passed: ready to print.'))
        : h('p', { class: 'note', id: 'fm-invalid' }, t(`还有 ${errs.length} 处需要修改（见各栏下方红字）。`, `${errs.length} ${errs.length === 1 ? 'problem' : 'problems'} to fix (shown under each field).`)));
      const warnings = model.warnings || [];
      put(calWarn, warnings.length ? h('ul', { class: 'fm-cal-warnings' },
        warnings.map((w) => h('li', {}, t('※ 打印日期依赖尚无放假通知的年份：', '※ A printed date relies on a year without its holiday notice: '), t(w.zh, w.en)))) : null);
      const loose = errs.filter((e) => !e.field || !rows[e.field]);
      put(general, loose.length ? h('ul', { class: 'error', id: 'fm-general-errors' }, loose.map((e) => h('li', {}, t(e.zh, e.en)))) : null);
      for (const f of model.fields) {
        const r = rows[f.id];
        if (!r) continue;
        const fe = errs.filter((e) => e.field === f.id);
        r.wrap.classList.toggle('fm-bad', fe.length > 0);
        r.input.setAttribute('aria-invalid', fe.length ? 'true' : 'false');
        put(r.err, fe.map((e) => h('span', {}, getLang() === 'en' ? e.en : e.zh)));
        const isComputed = f.source === 'computed';
        put(r.mark, f.computed !== null || isComputed
          ? h('span', { class: isComputed ? 'fm-mark fm-mark-computed' : 'fm-mark fm-mark-typed', dataset: { source: f.source } },
            isComputed ? t('自动带入', 'brought over') : t('手动填写', 'typed'))
          : h('span', { class: 'fm-mark fm-mark-typed', dataset: { source: f.source } }, t('手动填写', 'typed')));
        put(r.restore, f.computed !== null && f.source === 'typed'
          ? h('button', { type: 'button', class: 'ghost fm-restore', id: `fm-restore-${f.id}`, onclick: () => {
            delete typed()[f.id]; persist(); r.input.value = f.computed; update(); r.input.focus();
          } }, t('恢复自动带入的值', 'Restore the value brought over'))
          : null);
        put(r.note, f.computed !== null && f.source === 'typed'
          ? t(`自动带入的值：${f.computed}`, `Brought over: ${f.computed}`)
          : (f.id === 'objectionLastDay' && f.value ? t(`异议申请最后一日：${f.display || f.value}${warnings.length ? '※（见上方提示）' : ''}`, `Last day to object: ${f.value}${warnings.length ? ' ※ (see the note above)' : ''}`) : ''));
        // A value the user did not type follows the computation.
        if (isComputed && document.activeElement !== r.input && r.input.value !== f.value) r.input.value = f.value;
      }
    }

    /** @param {FieldInfo} f */
    function control(f) {
      const id = `fm-f-${f.id}`;
      const onInput = (e) => {
        // Typing the computed value again is the same as not overwriting it.
        const cur = model && model.fields.find((x) => x.id === f.id);
        if (cur && cur.computed !== null && e.target.value === cur.computed) delete typed()[f.id];
        else typed()[f.id] = e.target.value;
        persist();
        update();
      };
      const common = { id, 'aria-describedby': `fm-e-${f.id}`, oninput: onInput };
      if (f.kind === 'multiline') return h('textarea', { ...common, maxlength: f.maxLength + 1000, rows: 4 });
      if (f.kind === 'choice') {
        return h('select', { ...common, onchange: common.oninput, oninput: null },
          h('option', { value: '' }, t('— 未勾选 —', '— not ticked —')),
          f.options.map((o) => h('option', { value: o.id }, t(o.zh, o.en))));
      }
      if (f.kind === 'date') return h('input', { ...common, type: 'date', min: '1949-10-01', max: '2100-12-31' });
      if (f.kind === 'phone') return h('input', { ...common, type: 'tel', inputmode: 'tel', autocomplete: 'tel', maxlength: f.maxLength + 100 });
      return h('input', { ...common, type: 'text', spellcheck: f.kind === 'uscc-or-id' ? 'false' : null, maxlength: f.maxLength + 1000 });
    }

    // The fields of the chosen form, as the core defines them.
    const fieldsBox = h('fieldset', { class: 'card' }, h('legend', {}, t(`${def.attachment} ${def.title.zh}`, `Form ${def.form}: ${def.title.en}`)),
      h('p', { class: 'muted' }, t('依据：', 'Basis: '), basisText(def.basis)));
    /** @type {FormModel} */
    let first;
    try {
      first = api.form(withHolidays(formInput(ctx, verdict)));
    } catch (_e) {
      // Saved values the core no longer accepts (a field this version does not know): keep every
      // known field's value, back up the whole saved forms and say so (www/store.js, store-notices.js).
      const known = store.knownFields(typed(), def.fields.map((f) => f.id));
      const knownBase = store.knownFields(state.base, BASE.map((b) => b[0]));
      if (known.unknown.length || knownBase.unknown.length) {
        store.setAside('forms', 'form-field');
        state.typed[state.form] = known.fields;
        state.base = knownBase.fields;
        persist();
      }
      try { first = api.form(withHolidays(formInput(ctx, verdict))); } catch (e2) {
        put(root, h('p', { class: 'error', role: 'alert' }, t('信用修复检查中保存的数据无法用于表格：', 'The repair data cannot be used on the forms: '), errorText(e2, getLang())));
        return;
      }
    }
    for (const f of def.fields) {
      const cur = first.fields.find((x) => x.id === f.id) || { value: '' };
      const input = control(f);
      input.value = cur.value;
      const mark = h('span', {});
      const err = h('p', { class: 'fm-err', id: `fm-e-${f.id}`, role: 'alert' });
      const restore = h('span', {});
      const note = h('p', { class: 'fm-computed-note', id: `fm-n-${f.id}` });
      const wrap = h('div', { class: 'fm-field', dataset: { field: f.id } },
        h('label', { for: input.id }, t(f.label.zh, f.label.en), f.required ? h('span', { class: 'fm-req', role: 'img', 'aria-label': t('必填', 'required') }, '*') : null, mark),
        input,
        f.computedFrom ? h('small', {}, t('自动带入自：', 'Brought over from: '), tx(f.computedFrom)) : null,
        f.printed ? null : h('small', {}, t('（不印在表上，仅用于计算）', '(not printed; used for the calculation)')),
        note, restore, err);
      rows[f.id] = { wrap, input, mark, err, restore, note };
      fieldsBox.appendChild(wrap);
    }

    // What the form is filled from (for filling it on its own, or correcting what was brought over).
    const eff = repairInput();
    const baseBox = h('details', { class: 'card fm-base', id: 'fm-base' },
      h('summary', {}, t('带入的信息（来自信用自评和信用修复检查，可在此补充）', 'Brought over from the self-assessment and the repair check (can be completed here)')),
      h('div', { class: 'field-row' }, BASE.map(([path, zh, en, kind]) => {
        const id = `fm-b-${path.replace('.', '-')}`;
        const val = getPath(eff, path);
        const set = (e) => { state.base[path] = e.target.value; persist(); update(); };
        let input;
        if (kind === 'type') {
          input = h('select', { id, onchange: set }, h('option', { value: '' }, t('— 请选择 —', '— choose —')),
            TYPES.map(([v, z, en2]) => h('option', { value: v, selected: v === val }, t(z, en2))));
        } else {
          input = h('input', { id, type: kind, value: typeof val === 'string' ? val : '', oninput: set, maxlength: 2000 });
        }
        if (path === 'subject.code') {
          // A person's number may be of a passport, a permit or another document (第八条、第十三条).
          const doc = { documentType: getPath(eff, 'subject.documentType') || '' };
          const sel = documentSelect('fm-b-subject-documentType', doc, 'documentType', () => { state.base['subject.documentType'] = doc.documentType; persist(); update(); });
          return h('div', { class: 'field' }, h('label', { for: id }, t(zh, en)), h('span', { class: 'doc-number' }, sel, input));
        }
        return h('div', { class: 'field' }, h('label', { for: id }, t(zh, en)), input);
      })));

    // 第二十九条: the verdict of the repair check ticks the box of 附件3.
    const verdictBox = state.form !== 3 ? null : verdict === null
      ? h('div', { class: 'card field', id: 'fm-verdict-box' },
        h('label', { for: 'fm-b-eligible' }, t('信用修复检查结论：是否符合第二十九条规定的修复条件', 'Repair check: are the conditions of art. 29 met?')),
        h('select', { id: 'fm-b-eligible', onchange: (e) => { state.eligible = e.target.value === '' ? null : e.target.value === 'yes'; persist(); update(); } },
          h('option', { value: '' }, t('— 未检查 —', '— not checked —')),
          h('option', { value: 'yes', selected: state.eligible === true }, t('符合', 'Yes')),
          h('option', { value: 'no', selected: state.eligible === false }, t('不符合', 'No'))),
        h('small', {}, t('用于勾选附件3“第二十九条规定：符合□不符合□”。', 'Ticks the art. 29 box of attachment 3.')))
      : h('p', { class: 'card muted', id: 'fm-verdict' }, t(`信用修复检查结论：${verdict ? '符合' : '不符合'}第二十九条规定`, `Repair check: the conditions of art. 29 are ${verdict ? '' : 'not '}met`));

    const picker = h('div', { class: 'fm-pick', role: 'group', 'aria-label': t('选择表格', 'Choose a form') },
      list.map((f) => h('button', { type: 'button', id: `fm-pick-${f.form}`, 'aria-pressed': f.form === state.form ? 'true' : 'false',
        onclick: () => { state.form = f.form; persist(); view.mount(root, ctx); root.querySelector(`#fm-pick-${f.form}`)?.focus(); } }, t(`${f.attachment} ${f.title.zh}`, `Form ${f.form}: ${f.title.en}`))));

    const fileIn = h('input', { type: 'file', id: 'fm-load', class: 'file', accept: '.json,application/json', onchange: async (e) => {
      const f = e.target.files && e.target.files[0];
      e.target.value = '';
      if (!f) return;
      const refuse = (why) => put(fileMsg, h('p', { class: 'error', role: 'alert', id: 'fm-load-error' },
        t(`文件“${f.name}”无法载入：${why.zh}。当前填写的内容未改变。`, `The file "${f.name}" cannot be loaded: ${why.en}. Your current data is unchanged.`)));
      if (f.size > MAX_FILE) { refuse({ zh: '文件超过 1 MB', en: 'it is larger than 1 MB' }); return; }
      let doc;
      try { doc = JSON.parse(await f.text()); } catch (_) { refuse({ zh: '不是有效的 JSON 文件（可能已损坏）', en: 'it is not valid JSON (it may be damaged)' }); return; }
      if (!doc || doc.format !== FILE_FORMAT || !doc.input || typeof doc.input !== 'object') {
        refuse({ zh: '不是本工具保存的表格数据', en: 'it is not form data saved by this tool' }); return;
      }
      if (doc.version !== FILE_VERSION) { refuse({ zh: `文件版本 ${doc.version} 不受支持`, en: `file version ${doc.version} is not supported` }); return; }
      const inp = doc.input;
      try { api.form(withHolidays({ ...inp, filledOn: ctx.today })); } catch (err) { refuse({ zh: `内容有误（${err.zh || err.message}）`, en: `its content is wrong (${err.en || err.message})` }); return; }
      const n = Number(inp.form);
      state.form = n;
      state.typed[n] = inp.fields && typeof inp.fields === 'object' ? { ...inp.fields } : {};
      state.base = {};
      if (inp.repair && typeof inp.repair === 'object') {
        for (const [path] of [...BASE, ['subject.documentType']]) { const v = getPath(inp.repair, path); if (typeof v === 'string') state.base[path] = v; }
      }
      state.eligible = inp.eligible === true || inp.eligible === false ? inp.eligible : null;
      persist();
      notice = t(`已载入“${f.name}”。`, `Loaded "${f.name}".`);
      view.mount(root, ctx);
    } });

    const actions = h('div', { class: 'fm-actions' },
      h('button', { type: 'button', id: 'fm-print-btn', onclick: () => {
        if (model && !model.valid && !confirm(t(`表格还有 ${model.errors.length} 处问题，仍要打印吗？`, `The form still has ${model.errors.length} ${model.errors.length === 1 ? 'problem' : 'problems'}. Print anyway?`))) return;
        window.print();
      } }, t('打印', 'Print')),
      h('button', { type: 'button', class: 'ghost', id: 'fm-save', onclick: () => {
        const input = formInput(ctx, verdict);
        const doc = { format: FILE_FORMAT, version: FILE_VERSION, savedOn: ctx.today, input };
        download(`附件${state.form}-${def.title.zh}-${ctx.today}.json`, JSON.stringify(doc, null, 2));
      } }, t('保存为文件', 'Save to a file')),
      h('label', { class: 'button ghost', for: 'fm-load' }, t('从文件载入', 'Load from a file')), fileIn);

    // The holiday notices the last day of 附件5 is counted on (built in, loaded; www/holidays.js).
    const holidaysBox = h('details', { class: 'card fm-holidays', id: 'fm-holidays', open: state.form === 5 },
      h('summary', {}, t('节假日数据（放假通知）：计算附件5异议期限所用', 'Holiday data (State Council notices): used for the objection period of attachment 5')),
      holidayPanel(ctx, () => update()));
    const editor = h('div', { class: 'fm-editor' },
      notice ? h('p', { class: 'note', role: 'status' }, notice) : null,
      picker, status, calWarn, general, actions, fileMsg, verdictBox, baseBox, fieldsBox, holidaysBox);
    notice = null;
    put(root, editor, preview);
    update();
  },
};
