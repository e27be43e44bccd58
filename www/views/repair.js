// Credit repair check, step by step: who, the record, what has been done, the application date →
// the answer in plain Chinese with the article for each point, the materials, the timeline and
// the objection window. Also a small objection calculator (第二十二条).
// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条、第二十八至三十条、附件3至附件6。
//
// What the user typed is saved as the `repair` command's input (store 'repair'); the forms view
// reads it to prefill 附件3/4/5/6, so the saved value is exactly that input shape.
import { h, put, newId, errorText, labelText } from '../dom.js';
import { t, tx, getLang, sentence } from '../i18n.js';
import * as store from '../store.js';
import { citeEl } from '../cite.js';
import { ALL_TYPES, isInstitution } from '../subjects.js';
import { documentSelect } from '../documents.js';
// The holiday notices loaded in the deadline or forms view count here too.
import { withHolidays, check as checkHolidays } from '../holidays.js';
/** @import { ViewContext } from './context.js' */
/** @import { ObjectionInput, ObjectionResult, RepairResult } from '../yibao-credit.js' */

const KINDS = [
  ['admin-penalty', '行政处罚', 'Administrative penalty'],
  ['agreement-breach', '协议违约处理', 'Agreement-breach handling'],
  ['serious-list', '列入严重失信主体名单', 'Serious-dishonesty list'],
  ['refusal-to-perform', '拒不履行处罚或决定', 'Refusal to perform a penalty or decision'],
  ['other', '其他失信行为', 'Other dishonest act'],
];
const SEVERITIES = [
  ['minor', '轻微', 'Minor'],
  ['general', '一般', 'General'],
  ['serious', '严重', 'Serious'],
  ['unknown', '不清楚', 'Not sure'],
];
// [field, zh, en, [article in Chinese, in English]]. newSameKindSince and barredByLaw are "bad if ticked".
/** @type {[string, string, string, [string, string]][]} */
const DONE = [
  ['corrected', '已对失信行为进行纠正', 'The act has been corrected', ['第二十九条', 'art. 29']],
  ['obligationsPerformed', '已履行完毕法定责任或约定义务（如罚款已缴清）', 'Liabilities or obligations fully performed (fines paid)', ['第二十九条', 'art. 29']],
  ['effectEliminated', '不良影响已基本消除', 'The adverse effect has basically been eliminated', ['第二十九条', 'art. 29']],
  ['pledgeSigned', '已签署信用修复承诺书（附件4）', 'Repair pledge (Form 4) signed', ['第二十九条、附件4', 'art. 29, attachment 4']],
  ['proofAttached', '已备齐纠正、整改情况的证明材料', 'Proof of correction ready', ['第二十九条第（二）项', 'art. 29(2)']],
  ['newSameKindSince', '该记录之后又产生了同类不良信息', 'New adverse information of the same kind since', ['附件6', 'attachment 6']],
];

function blank(today) {
  return {
    subject: { type: 'retail-pharmacy', name: '', code: '', contact: '', legalRepresentative: '' },
    record: { kind: 'admin-penalty', severity: '', decisionDate: '', publicationDate: '', department: '', decisionNo: '', act: '', penalty: '' },
    done: {},
    applicationDate: today,
  };
}

let input = null;
let objection = null;

function loadInput(today) {
  if (input) return;
  const got = store.load('repair');
  if (got.value && typeof got.value === 'object') {
    const b = blank(today);
    input = Object.assign(b, got.value);
    input.subject = Object.assign(b.subject, got.value.subject || {});
    input.record = Object.assign(blank(today).record, got.value.record || {});
    input.done = Object.assign({}, got.value.done || {});
    return;
  }
  input = blank(today);
  // Prefill who from the self-assessment, if there is one.
  const a = store.peek('assess');
  if (a && typeof a === 'object') {
    if (typeof a.type === 'string' && a.type) input.subject.type = a.type;
    if (typeof a.name === 'string') input.subject.name = a.name;
    if (typeof a.code === 'string') input.subject.code = a.code;
  }
}

function loadObjection(today) {
  if (objection) return;
  const got = store.load('objection');
  objection = Object.assign({ publicationDate: '', filedOn: '', receivedOn: '' }, got.value || {});
  void today;
}

/** The saved input, minus the empty strings, as the core reads it (empty = not given). */
function forCore(today) {
  const clean = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== null && v !== undefined));
  const out = { subject: clean(input.subject), record: clean(input.record), done: clean(input.done) };
  if (input.barredByLaw !== undefined) out.barredByLaw = input.barredByLaw;
  if (input.applicationDate) out.applicationDate = input.applicationDate;
  out.today = today;
  return out;
}

/** The self-assessment's evaluation, for the what-if, when one of its events is this record. */
function whatIfSource() {
  const a = store.peek('assess');
  if (!a || a.customRules || !Array.isArray(a.events) || a.type !== input.subject.type || !input.record.decisionDate) return null;
  const events = a.events.filter((e) => e && e.kind && e.date);
  const hits = events.map((e, i) => [e, i]).filter(([e]) => e.date === input.record.decisionDate);
  if (hits.length !== 1) return null;
  const evaluation = { subject: { type: a.type, name: a.name || '', code: a.code || '' }, asOf: a.asOf || input.applicationDate, facts: a.facts || {}, events };
  if (a.periodFrom && a.periodTo) evaluation.period = { from: a.periodFrom, to: a.periodTo };
  return { evaluation, recordEventIndex: hits[0][1] };
}

/**
 * The adverse events listed in the self-assessment (with a kind and a date), offered as the record
 * so that they are not typed again: [{date, kind, description, name: Text | null}].
 * @param {ViewContext['api']} api
 */
function assessEvents(api) {
  const a = store.load('assess').value;
  if (!a || !Array.isArray(a.events)) return [];
  /** @type {Map<string, any>} */
  let kinds = new Map();
  // A bureau's rule file, or several versions of it (an array: every version's event kinds, the
  // later ones' names first), or the shipped rule set of the subject type.
  let docs = [null];
  try { if (a.customRules) docs = [].concat(JSON.parse(a.customRules)); } catch (_) { docs = []; }
  for (const doc of docs) {
    try {
      const rs = doc ? new api.RuleSet(doc) : api.RuleSet.forSubjectType(a.type);
      for (const k of rs.doc.eventKinds) kinds.set(k.kind, k);
      rs.free();
    } catch (_) { /* rules not at hand: the events are offered by kind id and date */ }
  }
  return a.events.filter((e) => e && e.kind && e.date && (!kinds.get(e.kind) || kinds.get(e.kind).nature !== 'trustworthy'))
    .map((e) => ({ date: e.date, kind: e.kind, description: e.description || '', name: kinds.get(e.kind) ? kinds.get(e.kind).name : null }));
}

/** The kind of record (第十五条) an event of the self-assessment's rule sets is. */
function recordKind(kind) {
  if (/^penalty-/.test(kind)) return 'admin-penalty';
  if (/^agreement-/.test(kind)) return 'agreement-breach';
  if (kind === 'refuse-to-perform') return 'refusal-to-perform';
  if (kind === 'serious-dishonesty-list') return 'serious-list';
  return 'other';
}

/** The control each part of the core's input is typed in (the answer names the field by its label, and offers to go there). */
function controlOf(path) {
  const p = String(path || '').replace(/^\$\./, '');
  const ids = {
    'subject.type': 'rp-type', 'subject.name': 'rp-name', 'subject.code': 'rp-code', 'subject.contact': 'rp-contact', 'subject.legalRepresentative': 'rp-legal',
    'record.kind': 'rp-kind', 'record.severity': 'rp-severity', 'record.decisionDate': 'rp-decision-date', 'record.publicationDate': 'rp-publication-date',
    'record.department': 'rp-department', 'record.decisionNo': 'rp-decision-no', 'record.act': 'rp-act', 'record.penalty': 'rp-penalty',
    applicationDate: 'rp-app-date', barredByLaw: 'rp-barred', today: 'rp-app-date',
  };
  if (ids[p]) return ids[p];
  const done = /^done\.(\w+)/.exec(p);
  return done ? `rp-done-${done[1]}` : null;
}

/** A button that takes the user to the field `path` is typed in, named by its label; null when there is none on the page. */
function goToField(path) {
  const id = controlOf(path);
  const name = id && labelText(document, id);
  if (!name) return null;
  return h('button', { type: 'button', class: 'ghost rp-goto', onclick: () => document.getElementById(id)?.focus() },
    t(`填写“${name}”`, `Go to "${name}"`));
}

const STATUS = {
  met: ['✓', '符合', 'met'],
  unmet: ['✗', '不符合', 'not met'],
  unknown: ['?', '待确认', 'to confirm'],
};

export const view = {
  id: 'repair',
  /** @param {ViewContext} ctx */
  mount(root, ctx) {
    loadInput(ctx.today);
    loadObjection(ctx.today);
    const { api } = ctx;
    checkHolidays(api);
    const result = h('div', { class: 'rp-result', id: 'rp-result', 'aria-live': 'polite' });
    const obResult = h('div', { class: 'rp-ob-result', id: 'rp-ob-result', 'aria-live': 'polite' });

    // 第八条: an institution is identified by its 统一社会信用代码; only a person has a document type.
    function changed() { if (isInstitution(input.subject.type)) delete input.subject.documentType; store.save('repair', input); check(); }

    const field = (labelText, control, hint) => {
      control.id = control.id || newId('rp');
      return h('div', { class: 'rp-field' }, h('label', { for: control.id }, labelText), control, hint ? h('small', { class: 'rp-hint' }, hint) : null);
    };
    const text = (id, obj, key, max = 200) => h('input', { type: 'text', id, value: obj[key] || '', maxlength: max,
      oninput: (e) => { obj[key] = e.target.value; changed(); } });
    const date = (id, obj, key) => h('input', { type: 'date', id, value: obj[key] || '', min: '1949-10-01', max: '2100-12-31',
      oninput: (e) => { obj[key] = e.target.value; changed(); } });
    const select = (id, obj, key, options, empty) => h('select', { id, onchange: (e) => { obj[key] = e.target.value; changed(); if (key === 'type') { view.mount(root, ctx); root.querySelector(`#${id}`)?.focus(); } } },
      empty ? h('option', { value: '' }, empty) : null,
      options.map(([v, zh, en]) => h('option', { value: v, selected: obj[key] === v }, t(zh, en))));

    const s = input.subject;
    const isInst = isInstitution(s.type);
    const step1 = h('fieldset', { class: 'rp-step', id: 'rp-step-1' },
      h('legend', {}, h('span', { class: 'rp-num' }, '1'), t('谁申请修复', 'Who applies')),
      field(t('主体类型（第五条）', 'Subject type (art. 5)'), select('rp-type', s, 'type', ALL_TYPES)),
      field(isInst ? t('机构名称', 'Name') : t('姓名', 'Name'), text('rp-name', s, 'name')),
      isInst ? field(t('统一社会信用代码', 'Unified social credit code'), text('rp-code', s, 'code', 64))
        : h('div', { class: 'rp-field' }, h('label', { for: 'rp-code' }, t('证件号码（第八条、第十三条）', 'Identity document number (arts. 8, 13)')),
          h('span', { class: 'doc-number' }, documentSelect('rp-doc-type', s, 'documentType', changed), text('rp-code', s, 'code', 64))),
      isInst ? field(t('法定代表人', 'Legal representative'), text('rp-legal', s, 'legalRepresentative')) : null,
      field(t('联系方式', 'Contact'), text('rp-contact', s, 'contact')),
      h('p', { class: 'rp-hint' }, t('名称、代码、联系方式将填入信用修复申请表（附件3）。', 'Name, code and contact go into the application (Form 3).')));

    const r = input.record;
    // The adverse events listed in the self-assessment: choosing one brings its date, kind and note here.
    const offered = assessEvents(api);
    const eventPick = offered.length ? field(t('从信用自评列出的事件中选择', 'Pick one of the events listed in the self-assessment'),
      h('select', { id: 'rp-from-event', onchange: (e) => {
        const ev = offered[Number(e.target.value)];
        if (!ev) return;
        r.decisionDate = ev.date;
        r.kind = recordKind(ev.kind);
        if (ev.description) r.act = ev.description;
        changed();
        view.mount(root, ctx);
        root.querySelector('#rp-from-event')?.focus();
      } },
      h('option', { value: '' }, t('— 不选，自行填写 —', '— none: type it below —')),
      offered.map((ev, i) => h('option', { value: String(i), selected: r.decisionDate === ev.date && r.kind === recordKind(ev.kind) },
        `${ev.date} ${ev.name ? tx(ev.name) : ev.kind}${ev.description ? ` · ${ev.description}` : ''}`))),
      t('选中后，决定日期、类别和说明带入下方，可再修改。', 'Its date, kind and note are filled in below; you can still change them.')) : null;
    const step2 = h('fieldset', { class: 'rp-step', id: 'rp-step-2' },
      h('legend', {}, h('span', { class: 'rp-num' }, '2'), t('失信记录', 'The record')),
      eventPick,
      field(t('类别（第十五条）', 'Kind (art. 15)'), select('rp-kind', r, 'kind', KINDS, t('— 请选择 —', '— choose —'))),
      field(t('失信程度', 'Severity'), select('rp-severity', r, 'severity', SEVERITIES, t('— 请选择 —', '— choose —')),
        t('见处罚决定书；最短公示期按程度而定（国家发展改革委令第58号、第36号）', 'See the decision; the minimum publicity period depends on it')),
      h('div', { class: 'rp-row' },
        field(t('决定日期', 'Decision date'), date('rp-decision-date', r, 'decisionDate')),
        field(t('开始公示日期', 'Publication date'), date('rp-publication-date', r, 'publicationDate'))),
      field(t('做出决定的部门', 'Deciding department'), text('rp-department', r, 'department')),
      field(t('决定书文号', 'Decision number'), text('rp-decision-no', r, 'decisionNo')),
      field(t('失信行为', 'The act'), text('rp-act', r, 'act', 500)),
      field(t('处罚或处理', 'Penalty or measure'), text('rp-penalty', r, 'penalty', 500)));

    const doneBoxes = DONE.map(([key, zh, en, art]) => {
      const id = `rp-done-${key}`;
      return h('div', { class: 'rp-check' },
        h('input', { type: 'checkbox', id, checked: input.done[key] === true, onchange: () => answerAll() }),
        h('label', { for: id }, t(zh, en), ' ', h('small', { class: 'rp-cite' }, t(art[0], art[1]))));
    });
    const barred = h('div', { class: 'rp-check' },
      h('input', { type: 'checkbox', id: 'rp-barred', checked: input.barredByLaw === true, onchange: () => answerAll() }),
      h('label', { for: 'rp-barred' }, t('法律、法规或党中央、国务院政策文件明确规定此类信息不可修复', 'A law or central policy document bars repair of this record'), ' ', h('small', { class: 'rp-cite' }, t('第二十九条', 'art. 29'))));
    // Until the user touches a box, step 3 is unanswered (the answer lists it as 需补充); from
    // then on every box is an answer, unticked meaning "no".
    function answerAll() {
      for (const [key] of DONE) input.done[key] = /** @type {HTMLInputElement} */ (document.getElementById(`rp-done-${key}`)).checked;
      input.barredByLaw = /** @type {HTMLInputElement} */ (document.getElementById('rp-barred')).checked;
      changed();
    }
    const step3 = h('fieldset', { class: 'rp-step', id: 'rp-step-3' },
      h('legend', {}, h('span', { class: 'rp-num' }, '3'), t('已经做了什么', 'What has been done')),
      h('p', { class: 'rp-hint' }, t('勾选已做到的事项；未勾选即“否”。', 'Tick what is done; unticked means no.')),
      doneBoxes, barred);

    const step4 = h('fieldset', { class: 'rp-step', id: 'rp-step-4' },
      h('legend', {}, h('span', { class: 'rp-num' }, '4'), t('申请日期', 'Application date')),
      field(t('拟提出申请（部门收到）的日期', 'Day the department receives the application'), date('rp-app-date', input, 'applicationDate')));

    function check() {
      /** @type {RepairResult} */
      let out;
      const base = forCore(ctx.today);
      const src = whatIfSource();
      try {
        out = api.repair(withHolidays(src ? { ...base, ...src } : base));
      } catch (e) {
        if (src && (e.code === 'E_REPAIR_EVENT' || String(e.path || '').startsWith('$.evaluation'))) {
          try { out = api.repair(withHolidays(base)); } catch (e2) { showError(e2); return; }
        } else { showError(e); return; }
      }
      renderResult(result, out, ctx);
    }
    function showError(e) {
      put(result, h('div', { class: 'rp-error', role: 'alert', id: 'rp-error' },
        h('p', {}, h('strong', {}, t('输入有矛盾或错误：', 'The input is contradictory or wrong: ')), errorText(e, getLang(), (path) => { const id = controlOf(path); return id ? labelText(root, id) : null; })),
        e.path ? goToField(e.path) : null));
    }

    // Objection calculator (第二十二条).
    const ob = objection;
    const obChanged = () => { store.save('objection', ob); calcObjection(); };
    const obDate = (id, key) => h('input', { type: 'date', id, value: ob[key] || '', oninput: (e) => { ob[key] = e.target.value; obChanged(); } });
    function calcObjection() {
      if (!ob.publicationDate) { put(obResult, h('p', { class: 'rp-hint' }, t('填入评价结果公示日期即可计算。', 'Enter the publication date.'))); return; }
      /** @type {ObjectionInput} */
      const q = { publicationDate: ob.publicationDate, today: ctx.today };
      if (ob.filedOn) q.filedOn = ob.filedOn;
      if (ob.receivedOn) q.receivedOn = ob.receivedOn;
      /** @type {ObjectionResult} */
      let o;
      try { o = api.objection(withHolidays(q)); } catch (e) { put(obResult, h('p', { class: 'rp-error', role: 'alert' }, errorText(e, getLang()))); return; }
      const en = getLang() === 'en';
      put(obResult,
        h('p', { class: 'rp-big' }, t('最后一天提出异议：', 'Last day to object: '), h('strong', { id: 'rp-ob-last' }, en ? o.lastDay : o.lastDayZh)),
        o.inTime === undefined ? null : h('p', { class: o.inTime ? 'rp-ok' : 'rp-bad', id: 'rp-ob-intime' },
          o.inTime ? t('所填提出日期在期限内。', 'The filing date is in time.') : t('所填提出日期已超过期限。', 'The filing date is too late.')),
        o.workingDaysLeft === undefined ? null : h('p', {}, o.workingDaysLeft >= 0
          ? t(`距今还有 ${o.workingDaysLeft} 个工作日（${o.calendarDaysLeft} 天）。`, `${o.workingDaysLeft} working days (${o.calendarDaysLeft} days) from today.`)
          : t(`已过期 ${-o.workingDaysLeft} 个工作日。`, `${-o.workingDaysLeft} working days past.`)),
        h('p', {}, t('复审期限（自收到之日起10个工作日）：', 'Review due (10 working days from receipt): '), h('strong', { id: 'rp-ob-review' }, en ? o.reviewDue : o.reviewDueZh)),
        o.notes.map((n) => h('p', { class: 'rp-hint' }, sentence(n))),
        o.warnings.length ? h('ul', { class: 'rp-warn', id: 'rp-ob-warnings' }, o.warnings.map((w) => h('li', {}, sentence(w)))) : null,
        h('p', { class: 'rp-cite' }, t('依据：', 'Basis: '), citeEl(o.cite)));
    }
    const obSection = h('section', { class: 'rp-objection', 'aria-labelledby': 'rp-ob-title' },
      h('h2', { id: 'rp-ob-title' }, t('对信用评价结果提出异议', 'Objecting to an evaluation result')),
      h('p', { class: 'rp-hint' }, t('第二十二条：自评价结果公示之日起10个工作日内提出（附件1）；部门自收到之日起10个工作日内复审（附件2）。', 'Art. 22: within 10 working days from publication (Form 1); reviewed within 10 working days of receipt (Form 2).')),
      h('div', { class: 'rp-row' },
        field(t('评价结果公示日期', 'Publication date'), obDate('rp-ob-pub', 'publicationDate')),
        field(t('提出异议日期（可空）', 'Filed on (optional)'), obDate('rp-ob-filed', 'filedOn')),
        field(t('部门收到日期（可空）', 'Received on (optional)'), obDate('rp-ob-received', 'receivedOn'))),
      obResult);

    put(root,
      h('h2', { class: 'rp-title' }, t('信用修复自查', 'Credit repair check')),
      h('p', { class: 'rp-hint' }, t('按《汕尾市医疗保障信用管理办法（试行）》第二十八至三十条逐步判断：能否修复，何时可以申请，要交哪些材料，需要多长时间。', 'Step by step under articles 28–30 of the Measures of Shanwei City for the Management of Medical Security Credit (Trial) (《汕尾市医疗保障信用管理办法（试行）》): can it be repaired, when, with what, and how long it takes.')),
      h('div', { class: 'rp-layout' },
        h('form', { class: 'rp-form', novalidate: true, onsubmit: (e) => e.preventDefault() }, step1, step2, step3, step4),
        h('div', { class: 'rp-side' }, result)),
      obSection);
    check();
    calcObjection();
  },
};

/** 「1 year 2 months」, 「9 months」, 「2 years」: a span of whole months in English. */
function yearsMonths(months) {
  const y = Math.floor(months / 12);
  const m = months % 12;
  const part = (n, w) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return [y ? part(y, 'year') : '', m || !y ? part(m, 'month') : ''].filter(Boolean).join(' ');
}

/** @param {HTMLElement} el @param {RepairResult} r */
function renderResult(el, r, ctx) {
  const en = getLang() === 'en';
  const d = (iso, zh) => (en ? iso : zh || iso);
  const verdictLabel = {
    eligible: t('可以申请修复', 'Eligible'),
    'not-yet': t('暂不能申请', 'Not yet'),
    'not-eligible': t('不符合修复条件', 'Not eligible'),
    'needs-info': t('需补充信息', 'More information needed'),
  }[r.verdict];
  const tl = r.timeline;
  const steps = tl ? tl.steps : [];
  const refusal = steps.find((s) => s.id === 'refusal-objection');
  const received = steps.find((s) => s.id === 'refusal-received');
  put(el,
    h('div', { class: `rp-verdict rp-verdict--${r.verdict}`, id: 'rp-verdict', dataset: { verdict: r.verdict } },
      h('p', { class: 'rp-verdict-label' }, verdictLabel),
      h('p', { id: 'rp-answer' }, tx(r.answer)),
      r.earliestDate ? h('p', { class: 'rp-big' }, t('最早可申请日：', 'Earliest application date: '), h('strong', { id: 'rp-earliest' }, d(r.earliestDate, r.earliestDateZh))) : null,
      r.why ? h('p', { class: 'rp-why' }, tx(r.why)) : null),
    r.verdict === 'eligible' && ctx.go ? h('div', { class: 'rp-next', id: 'rp-next' },
      h('h3', {}, t('下一步：填写申请表和承诺书', 'Next: the application and the pledge')),
      h('p', { class: 'rp-hint' }, t('附件3、附件4已按上面填写的主体和失信记录填好，核对后打印，签字、盖章后提交。', 'Forms 3 and 4 are filled in from the subject and the record above: check them, print, sign and stamp them.')),
      h('div', { class: 'rp-next-actions' },
        h('button', { type: 'button', id: 'rp-to-form3', onclick: () => ctx.go('forms', { form: 3 }) }, t('填写附件3 信用修复申请表', 'Form 3: repair application')),
        h('button', { type: 'button', id: 'rp-to-form4', onclick: () => ctx.go('forms', { form: 4 }) }, t('填写附件4 信用修复承诺书', 'Form 4: repair pledge')))) : null,
    r.needInfo.length ? h('div', { class: 'rp-need', id: 'rp-need' },
      h('h3', {}, t('需补充', 'To supply')),
      h('ul', {}, r.needInfo.map((n) => h('li', {}, t(n.zh, n.en), ' ', goToField(n.path))))) : null,
    h('h3', {}, t('修复条件（逐项）', 'Conditions, one by one')),
    h('ul', { class: 'rp-conditions', id: 'rp-conditions' }, r.conditions.map((c) => {
      const [mark, zh, enl] = STATUS[c.status];
      return h('li', { class: `rp-cond rp-cond--${c.status}`, dataset: { id: c.id } },
        h('span', { class: 'rp-mark', role: 'img', 'aria-label': t(zh, enl) }, mark), ' ',
        tx(c.text), ' ', h('small', { class: 'rp-cite' }, citeEl(c.cite)),
        c.note ? h('div', { class: 'rp-hint' }, tx(c.note)) : null,
        c.remedy && c.status === 'unmet' ? h('div', { class: 'rp-remedy' }, t('怎么办：', 'What to do: '), tx(c.remedy)) : null);
    })),
    r.nationalRule ? h('div', { class: 'rp-national' },
      h('h3', {}, t('适用的国家公示期限（按申请日）', 'National publicity periods (by application date)')),
      h('p', {}, tx(r.nationalRule.order), ' · ', t(`${r.nationalRule.effectiveFrom} 起适用`, `applies from ${r.nationalRule.effectiveFrom}`)),
      r.nationalRule.why ? h('p', { id: 'rp-national-why' }, tx(r.nationalRule.why)) : null,
      r.severityLabel ? h('p', {}, t(`${r.severityLabel.zh}失信：`, `${sentence(r.severityLabel)}: `),
        r.nationalRule.minMonths !== undefined ? t(`最短 ${r.nationalRule.minMonths} 个月`, `at least ${r.nationalRule.minMonths} months`) : (r.nationalRule.published === false ? t('原则上不公示', 'not published in principle') : t('最短期限未载明', 'minimum not held')),
        r.nationalRule.maxMonths !== undefined ? t(`，最长 ${r.nationalRule.maxMonths} 个月`, `, at most ${r.nationalRule.maxMonths} months`) : '',
        r.nationalRule.minimumEnds ? t(`（最短期至 ${r.nationalRule.minimumEnds} 届满）`, ` (minimum ends ${r.nationalRule.minimumEnds})`) : '') : null,
      r.nationalRule.certain === false ? h('p', { class: 'rp-warn' }, t('注意：此项数值未经原文核对。', 'Note: these values are not confirmed from the text.')) : null,
      r.nationalRule.notes ? h('details', {}, h('summary', {}, t('确定与不确定之处', 'What is certain and what is not')), h('p', {}, sentence(r.nationalRule.notes))) : null) : null,
    r.disclosed ? h('p', { class: 'rp-disclosed', id: 'rp-disclosed' },
      t(`至申请日，不良信息已披露 ${r.disclosed.text}（${r.disclosed.from} 起，附件6）。`, `Disclosed for ${yearsMonths(r.disclosed.months)} up to the application date (from ${r.disclosed.from}; Form 6).`)) : null,
    h('h3', {}, t('申请材料清单（第二十九条）', 'Materials (art. 29)')),
    h('ul', { class: 'rp-materials', id: 'rp-materials' }, r.materials.map((m) => h('li', { class: m.ready === true ? 'rp-ready' : m.ready === false ? 'rp-missing' : '' },
      h('span', { class: 'rp-mark', role: 'img', 'aria-label': m.ready === true ? t('已具备', 'ready') : m.ready === false ? t('尚缺', 'missing') : t('待确认', 'to confirm') }, m.ready === true ? '✓' : m.ready === false ? '✗' : '□'), ' ', tx(m.text), ' ', h('small', { class: 'rp-cite' }, citeEl(m.cite))))),
    tl ? [h('h3', {}, t('办理时间线（自收到申请之日起，第三十条）', 'Timeline from receipt (art. 30)')),
      h('ol', { class: 'rp-timeline', id: 'rp-timeline' }, steps.map((s) => h('li', { class: `rp-step-item rp-step--${s.type}`, dataset: { step: s.id } },
        h('span', { class: 'rp-date' }, d(s.date, s.dateZh)), ' ',
        s.branch ? h('span', { class: `rp-branch rp-branch--${s.branch}` }, s.branch === 'repaired' ? t('予以修复时', 'if repaired') : t('不予修复时', 'if refused')) : null, ' ',
        tx(s.label), s.projected ? h('small', { class: 'rp-hint' }, t('（推算）', ' (projected)')) : null,
        s.cite ? [' ', h('small', { class: 'rp-cite' }, citeEl(s.cite))] : null))),
      tl.warnings.length ? h('ul', { class: 'rp-warn' }, tl.warnings.map((w) => h('li', {}, sentence(w)))) : null] : null,
    refusal && received ? h('p', { class: 'rp-objwin', id: 'rp-objwin' },
      t(`如被告知不予修复（附件5），可自收到告知书之日起5个工作日内提出异议：若于${received.dateZh}收到，最迟${refusal.dateZh}（${refusal.deadline ? refusal.deadline.basis.zh.split('：')[0] : '附件5'}）。`,
        `If refused (Form 5), an objection may be filed within 5 working days of receiving the notice: by ${refusal.date} if it is received on ${received.date}.`)) : null,
    r.whatIf ? h('div', { class: 'rp-whatif', id: 'rp-whatif' },
      h('h3', {}, t('修复后的信用评价（估算）', 'The evaluation once repaired (estimate)')),
      h('p', {}, t(`现在：${r.whatIf.now.score} 分，${r.whatIf.now.grade} 级（${r.whatIf.now.label.zh}）；修复后：${r.whatIf.repaired.score} 分，${r.whatIf.repaired.grade} 级（${r.whatIf.repaired.label.zh}）`,
        `Now: ${r.whatIf.now.score}, grade ${r.whatIf.now.grade}; repaired: ${r.whatIf.repaired.score}, grade ${r.whatIf.repaired.grade}`)),
      h('p', { class: 'rp-hint' }, tx(r.whatIf.note))) : null,
    r.notes.length ? h('ul', { class: 'rp-notes' }, r.notes.map((n) => h('li', {}, sentence(n)))) : null,
    h('p', { class: 'rp-cite' }, t('规则：', 'Rules: '), `${tx(r.rules.title)} · ${r.rules.id} v${r.rules.version}`));
  void ctx;
}
