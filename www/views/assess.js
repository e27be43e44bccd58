// Self-assessment: choose the subject type, answer the indicators, see score and grade as you type.
// 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至二十条、第二十四至二十七条.
//
// Fast while typing: every keystroke scores the answers (`RuleSet.score`, cheap) and sets the
// headline (#score, #grade, the #grade-live announcement); the full result (`RuleSet.evaluate`:
// measures, next grade, missing answers, warnings) is drawn at the next animation frame, once for
// all the keystrokes of that frame. The table of scores by indicator is built when its <details>
// is opened, the print report (#report) just before printing (`beforeprint`, or the print button).
// A subject type whose shipped rule set is not loaded yet shows 正在加载… until it is
// (ctx.loadRules, www/loader.js).
import { h, put, newId, errorText } from '../dom.js';
import { t, tx, getLang } from '../i18n.js';
import * as store from '../store.js';
import { attachCodeCheck } from './ident.js';
import { TYPES, isInstitution } from '../subjects.js';
/** @import { ViewContext } from './context.js' */
/** @import { EvaluateInput, Evaluation, RuleSet } from '../yibao-credit.js' */


function defaults(today) {
  return { type: 'retail-pharmacy', name: '', code: '', asOf: today, periodFrom: '', periodTo: '', facts: {}, events: [], customRules: null };
}

let state = null;
let notice = null;
let mounts = 0; // counts mounts: a rule set that arrives after the view was drawn again is not used
let printReport = null; // builds the report of the view on screen (set by mount)
window.addEventListener('beforeprint', () => { if (printReport) printReport(); });

function loadState(today) {
  if (state) return;
  const got = store.load('assess');
  state = Object.assign(defaults(today), got.value || {});
  if (got.refused) notice = t('本机保存的数据来自不兼容的版本，未载入（原数据未删除前不会被覆盖，直到您修改）。', 'Saved data is from an incompatible version and was not loaded.');
}

function persist() { store.save('assess', state); }

/** @param {ViewContext['api']} api @returns {RuleSet} */
function ruleSetFor(api) {
  if (state.customRules) return new api.RuleSet(state.customRules);
  return api.RuleSet.forSubjectType(state.type);
}

export const view = {
  id: 'assess',
  /** @param {ViewContext} ctx */
  mount(root, ctx) {
    loadState(ctx.today);
    const { api } = ctx;
    const mountNo = ++mounts;
    /** @type {RuleSet | null} */
    let rules = null;
    let rulesError = null;
    try { rules = ruleSetFor(api); } catch (e) { rulesError = e; }
    if (!rules && state.customRules) {
      // The saved custom rules no longer load: fall back to the built-in ones, keep the answers.
      state.customRules = null;
      try { rules = ruleSetFor(api); rulesError = null; } catch (e) { rulesError = e; }
    }
    const loading = !rules && rulesError && rulesError.code === 'E_RULES_NOT_LOADED';
    const doc = rules ? rules.doc : null; // read once: the getter copies it out of the core
    const labels = doc ? new Map(doc.bands.map((b) => [b.grade, b.label])) : null;

    const result = h('div', { class: 'result', id: 'result' });
    const live = h('p', { class: 'sr-only', 'aria-live': 'assertive', id: 'grade-live' });
    const report = h('div', { class: 'report', id: 'report', 'aria-hidden': 'true' });
    const rulesMsg = h('div', { class: 'rules-msg', id: 'rules-msg', 'aria-live': 'polite' });
    let lastGrade = null;
    let head = null; // {score, grade}: the headline's elements in the result drawn last
    let last = null; // the full result drawn last
    let frame = 0; // the requested animation frame of the next full draw

    /** @returns {Omit<EvaluateInput, 'rules'>} */
    function input() {
      /** @type {Omit<EvaluateInput, 'rules'>} */
      const out = {
        subject: { type: state.type, name: state.name, code: state.code },
        asOf: state.asOf,
        facts: state.facts,
        events: state.events.filter((e) => e.kind && e.date),
      };
      if (state.periodFrom && state.periodTo) out.period = { from: state.periodFrom, to: state.periodTo };
      return out;
    }

    function showError(e) {
      head = null;
      last = null;
      put(result, h('p', { class: 'error', role: 'alert', id: 'eval-error' }, errorText(e, getLang())));
      report.replaceChildren();
    }

    /** The grade is announced when it changes (not when the view is first drawn). */
    function announce(grade, score) {
      if (lastGrade !== null && lastGrade !== grade) {
        const label = labels.get(grade) || { zh: '', en: '' };
        live.textContent = t(`等级变为 ${grade}（${label.zh}），${score} 分`, `Grade is now ${grade} (${label.en}), ${score} points`);
      }
      lastGrade = grade;
    }

    /** The full result, drawn now. */
    function draw() {
      if (frame) { cancelAnimationFrame(frame); frame = 0; }
      if (mountNo !== mounts) return; // this view was drawn again since
      if (!rules) {
        put(result, loading ? h('p', { class: 'boot', role: 'status' }, t('正在加载…', 'Loading…')) : h('p', { class: 'error', role: 'alert' }, errorText(rulesError, getLang())));
        return;
      }
      let out;
      try { out = rules.evaluate(input()); } catch (e) { showError(e); return; }
      last = out;
      // A keyboard user may be inside the result when it is drawn again (a frame after typing):
      // focus goes back to the same control of the new result, never lost to the page.
      const focusable = () => [...result.querySelectorAll('a[href], button, summary, input, select, [tabindex]')];
      const at = focusable().indexOf(document.activeElement);
      head = renderResult(result, out);
      if (at >= 0) focusable()[Math.min(at, focusable().length - 1)]?.focus();
      report.replaceChildren(); // built again when printing
      announce(out.grade, out.score);
    }

    /** After every change: the headline now, the full result at the next frame. */
    function update() {
      if (!rules) return;
      if (!head) { draw(); return; }
      let s;
      try { s = rules.score(input()); } catch (e) { if (frame) { cancelAnimationFrame(frame); frame = 0; } showError(e); return; }
      head.score.textContent = String(s.score);
      head.grade.className = gradeClass(s.grade);
      put(head.grade, h('span', { class: 'letter' }, s.grade), ' ', tx(labels.get(s.grade)));
      announce(s.grade, s.score);
      if (!frame) frame = requestAnimationFrame(() => { frame = 0; draw(); });
    }

    function changed() { persist(); update(); }

    /** The print report, from the latest answers (kept until the next draw empties it). */
    function buildReport() {
      if (!report.isConnected) return;
      if (frame) draw();
      if (last && !report.firstChild) renderReport(report, last, ctx.today);
    }
    printReport = buildReport;

    // Subject.
    const typeSel = h('select', { id: 'subject-type', onchange: (e) => {
      state.type = e.target.value; state.facts = {}; state.events = []; persist(); view.mount(root, ctx);
      root.querySelector('#subject-type')?.focus(); // keyboard users stay where they were
    } }, TYPES.map(([v, zh, en]) => h('option', { value: v, selected: v === state.type }, t(zh, en))));
    const field = (label, input, hint) => {
      const id = input.id || newId();
      input.id = id;
      return h('div', { class: 'field' }, h('label', { for: id }, label), input, hint ? (hint instanceof Node ? hint : h('small', {}, hint)) : null);
    };
    const nameIn = h('input', { type: 'text', id: 'subject-name', value: state.name, maxlength: 200, autocomplete: 'organization',
      oninput: (e) => { state.name = e.target.value; changed(); } });
    const isInst = isInstitution(state.type);
    const codeIn = h('input', { type: 'text', id: 'subject-code', value: state.code, maxlength: 64, spellcheck: false,
      oninput: (e) => { state.code = e.target.value.trim(); changed(); } });
    const asOfIn = h('input', { type: 'date', id: 'as-of', value: state.asOf, min: '1949-10-01', max: '2100-12-31',
      oninput: (e) => { state.asOf = e.target.value; changed(); } });
    const pfIn = h('input', { type: 'date', id: 'period-from', value: state.periodFrom, oninput: (e) => { state.periodFrom = e.target.value; changed(); } });
    const ptIn = h('input', { type: 'date', id: 'period-to', value: state.periodTo, oninput: (e) => { state.periodTo = e.target.value; changed(); } });

    const codeMsg = h('div', { class: 'code-msg' });
    attachCodeCheck(codeIn, isInst ? 'uscc' : 'id', ctx, codeMsg);
    const subject = h('fieldset', { class: 'card subject' },
      h('legend', {}, t('评价对象', 'Subject')),
      field(t('主体类型（第五条）', 'Subject type (art. 5)'), typeSel),
      field(isInst ? t('机构名称', 'Name') : t('姓名', 'Name'), nameIn),
      field(isInst ? t('统一社会信用代码（第八条）', 'Unified social credit code (art. 8)') : t('身份证号码（第八条）', 'ID number (art. 8)'), codeIn, codeMsg),
      field(t('评价基准日', 'As-of date'), asOfIn),
      h('div', { class: 'field-row' },
        field(t('评价期间起（可空，默认基准日前一年）', 'Period from (default: the year before)'), pfIn),
        field(t('评价期间止', 'Period to'), ptIn)),
    );

    // Rules picker.
    const fileIn = h('input', { type: 'file', id: 'rules-file', accept: '.json,application/json', class: 'file',
      onchange: async (e) => {
        const f = e.target.files && e.target.files[0];
        if (!f) return;
        if (f.size > 2 * 1024 * 1024) { showRulesErrors([{ zh: '文件超过 2 MB', en: 'file larger than 2 MB', code: 'E_RULES_TOO_LARGE' }]); return; }
        const text = await f.text();
        const report = api.checkRules(text);
        if (!report.valid) { showRulesErrors(report.errors, f.name); e.target.value = ''; return; }
        state.customRules = text;
        try { const rs = new api.RuleSet(text); const doc = rs.doc; if (!doc.subjectTypes.includes(state.type)) state.type = doc.subjectTypes[0]; }
        catch (err) { state.customRules = null; showRulesErrors([err], f.name); return; }
        state.facts = {}; state.events = [];
        persist();
        view.mount(root, ctx);
      } });
    function showRulesErrors(errors, name) {
      put(rulesMsg, h('div', { class: 'error', role: 'alert', id: 'rules-errors' },
        h('p', {}, t(`指标文件${name ? '“' + name + '”' : ''}有误，未采用，仍使用原指标：`, `The rule file${name ? ' "' + name + '"' : ''} has errors and was not used; the previous rules stay in force:`)),
        h('ul', {}, errors.slice(0, 20).map((er) => h('li', {}, er.path ? h('code', {}, er.path) : null, er.path ? ' ' : null, t(er.zh, er.en)))),
        errors.length > 20 ? h('p', {}, t(`另有 ${errors.length - 20} 处`, `${errors.length - 20} more`)) : null));
    }
    const info = rules ? rules.info : null;
    const rulesCard = h('div', { class: 'card rules' },
      h('h2', {}, t('评价指标', 'Indicators')),
      info ? h('p', { class: 'rules-title' }, tx(info.title), ' ', h('span', { class: info.sample ? 'tag warn' : 'tag' }, info.sample ? t('示例', 'sample') : t('本地', 'local'))) : null,
      info ? h('p', { class: 'hash' }, `${info.id} v${info.version} · SHA-256 ${info.hash.slice(0, 16)}…`) : null,
      info && info.sample ? h('p', { class: 'note' }, t('内置指标为示例（第十八条：指标由市医保局另行制定），请载入本地医保局公布的指标文件。', 'The built-in indicators are a sample (art. 18): load the rule file your bureau published.')) : null,
      h('div', { class: 'row' },
        h('label', { class: 'button', for: 'rules-file' }, t('载入指标文件…', 'Load a rule file…')), fileIn,
        state.customRules ? h('button', { type: 'button', class: 'ghost', id: 'rules-reset', onclick: () => { state.customRules = null; persist(); view.mount(root, ctx); } }, t('恢复内置指标', 'Back to built-in rules')) : null),
      rulesMsg);

    // Indicators.
    const indicators = h('div', { class: 'indicators' });
    if (rules) {
      const kids = {};
      doc.indicators.forEach((n) => { (kids[n.parent || ''] = kids[n.parent || ''] || []).push(n); });
      for (const l1 of kids[''] || []) {
        const fs = h('fieldset', { class: 'card level1' }, h('legend', {}, `${l1.code} ${tx(l1.name)}`, h('span', { class: 'pts' }, ` ${l1.points} ${t('分', 'pts')}`)));
        for (const l2 of kids[l1.code] || []) {
          const grp = h('div', { class: 'level2', role: 'group', 'aria-labelledby': `l2-${l2.code}` },
            h('h3', { id: `l2-${l2.code}` }, `${l2.code} ${tx(l2.name)}`, h('span', { class: 'pts' }, ` ${l2.points} ${t('分', 'pts')}`)));
          for (const leaf of kids[l2.code] || []) grp.appendChild(leafRow(leaf, doc));
          fs.appendChild(grp);
        }
        indicators.appendChild(fs);
      }
    }

    function leafRow(leaf, doc) {
      const id = `fact-${leaf.code}`;
      const sc = leaf.scoring;
      const cur = state.facts[leaf.code];
      const set = (v) => { if (v === '' || v === null || v === undefined) delete state.facts[leaf.code]; else state.facts[leaf.code] = v; changed(); };
      let control;
      if (sc.type === 'yesNo') {
        control = h('select', { id, onchange: (e) => set(e.target.value === '' ? '' : e.target.value === 'yes') },
          h('option', { value: '' }, t('— 未填 —', '— not answered —')),
          h('option', { value: 'yes', selected: cur === true }, t('是', 'Yes')),
          h('option', { value: 'no', selected: cur === false }, t('否', 'No')));
      } else if (sc.type === 'rating' && sc.levels.length) {
        control = h('select', { id, onchange: (e) => set(e.target.value) },
          h('option', { value: '' }, t('— 未填 —', '— not answered —')),
          sc.levels.map((l) => h('option', { value: l.id, selected: cur === l.id }, `${tx(l.label)}（${l.points}）`)));
      } else if (sc.type === 'rating') {
        control = h('input', { id, type: 'number', min: 0, max: leaf.points, step: '0.01', inputmode: 'decimal', value: cur ?? '',
          oninput: (e) => set(e.target.value === '' ? '' : e.target.value) });
      } else {
        control = h('input', { id, type: 'number', min: 0, max: 10000, step: 1, inputmode: 'numeric', value: cur ?? '', placeholder: '0',
          oninput: (e) => set(e.target.value === '' ? '' : e.target.value) });
      }
      const kinds = sc.eventKinds && sc.eventKinds.length ? sc.eventKinds : null;
      const unit = sc.type === 'deduction' ? t(`次（每次扣 ${sc.per} 分，至多扣 ${leaf.points} 分）`, `time(s) (−${sc.per} each, at most −${leaf.points})`)
        : sc.type === 'bonus' ? t(`项（每项加 ${sc.per} 分，至多 ${leaf.points} 分）`, `(+${sc.per} each, up to ${leaf.points})`)
        : t(`满分 ${leaf.points} 分`, `up to ${leaf.points} points`);
      const cite = doc.sources.find((s) => s.id === leaf.cite.source);
      return h('div', { class: 'leaf' },
        h('label', { for: id }, h('span', { class: 'code' }, leaf.code), ' ', tx(leaf.name)),
        h('div', { class: 'control' }, control, h('small', { class: 'unit' }, unit)),
        h('small', { class: 'cite' }, t('依据：', 'Basis: '), cite ? cite.title : leaf.cite.source, leaf.cite.article,
          kinds ? t('；也计入下方列出的相应事件', '; events listed below also count') : ''));
    }

    // Events.
    const eventsBox = h('div', { class: 'events' });
    function renderEvents() {
      if (!rules) return;
      const kinds = doc.eventKinds;
      put(eventsBox,
        state.events.length === 0 ? h('p', { class: 'muted' }, t('未列出事件。', 'No events listed.')) : null,
        state.events.map((ev, i) => {
          const kid = newId('ev');
          return h('div', { class: 'event-row', role: 'group', 'aria-label': t(`事件 ${i + 1}`, `Event ${i + 1}`) },
            h('label', { for: kid + 'k' }, t('类型', 'Kind')),
            h('select', { id: kid + 'k', onchange: (e) => { ev.kind = e.target.value; changed(); } },
              h('option', { value: '' }, t('— 请选择 —', '— choose —')),
              kinds.map((k) => h('option', { value: k.kind, selected: k.kind === ev.kind }, tx(k.name)))),
            h('label', { for: kid + 'd' }, t('日期', 'Date')),
            h('input', { type: 'date', id: kid + 'd', value: ev.date || '', oninput: (e) => { ev.date = e.target.value; changed(); } }),
            h('label', { for: kid + 't' }, t('说明', 'Note')),
            h('input', { type: 'text', id: kid + 't', value: ev.description || '', maxlength: 2000, oninput: (e) => { ev.description = e.target.value; changed(); } }),
            h('button', { type: 'button', class: 'ghost', onclick: () => { state.events.splice(i, 1); renderEvents(); changed(); eventsBox.querySelector('#add-event')?.focus(); } }, t('删除', 'Remove')));
        }),
        h('button', { type: 'button', id: 'add-event', onclick: () => {
          state.events.push({ kind: '', date: '', description: '' }); renderEvents(); persist();
          const rows = eventsBox.querySelectorAll('.event-row select'); rows[rows.length - 1]?.focus();
        } }, t('＋ 添加事件', '+ Add an event')));
    }
    renderEvents();
    const eventsCard = h('fieldset', { class: 'card' },
      h('legend', {}, t('评价期间内的信用事件（第十四条、第十五条）', 'Credit events in the period (arts. 14, 15)')),
      h('p', { class: 'muted' }, t('处罚、协议处理、表彰等按日期列出；期间外的事件不计分（第二十条）。', 'Penalties, agreement handling, awards, by date; events outside the period do not count (art. 20).')),
      eventsBox);

    const actions = h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'print', onclick: () => { buildReport(); window.print(); } }, t('打印自评报告', 'Print the report')),
      h('button', { type: 'button', class: 'ghost', id: 'clear', onclick: () => ctx.clearData() }, t('清除我的数据', 'Clear my data')));

    put(root,
      notice ? h('p', { class: 'note', role: 'status' }, notice) : null,
      h('div', { class: 'layout' },
        h('div', { class: 'form' }, subject, rulesCard, indicators, eventsCard),
        h('aside', { class: 'side', 'aria-label': t('评价结果', 'Result') }, result, actions)),
      live, report);
    notice = null;
    draw();
    if (loading) {
      // This subject type's rule set is on its way: draw the view again once it is here.
      ctx.loadRules(state.type).then(() => {
        if (mountNo !== mounts || !root.isConnected) return;
        const focused = root.contains(document.activeElement) && document.activeElement.id;
        view.mount(root, ctx);
        if (focused) document.getElementById(focused)?.focus();
      }, (e) => {
        if (mountNo === mounts) put(result, h('p', { class: 'error', role: 'alert' }, errorText(e, getLang())));
      });
    }
  },
};

function gradeClass(g) { return `grade grade-${String(g).toLowerCase()}`; }

/**
 * Draws the full result; returns the headline's elements (updated alone while typing).
 * @param {HTMLElement} el @param {Evaluation} r
 */
function renderResult(el, r) {
  const n = r.nextGrade;
  const score = h('span', { id: 'score' }, String(r.score));
  const grade = h('p', { class: gradeClass(r.grade), id: 'grade' }, h('span', { class: 'letter' }, r.grade), ' ', tx(r.label));
  // The table of every indicator's score: built when first opened.
  const trace = h('details', { class: 'trace', ontoggle: () => { if (trace.open && !trace.querySelector('table')) trace.appendChild(traceTable(r)); } },
    h('summary', {}, t('逐项得分明细', 'Score by indicator')));
  put(el,
    h('div', { class: 'score-box' },
      h('p', { class: 'score' }, score, h('span', { class: 'of' }, ` / ${r.scale}`)),
      grade,
      h('p', { class: 'muted' }, t(`${r.band.min} ≤ 分数`, `${r.band.min} ≤ score`), r.band.max !== undefined ? t(` < ${r.band.max}`, ` < ${r.band.max}`) : '', ' · ', r.band.cite),
      h('p', { class: 'muted' }, t(`评价期间 ${r.period.from} 至 ${r.period.to}`, `Period ${r.period.from} to ${r.period.to}`))),
    r.directGrade ? h('div', { class: 'alert', role: 'alert' }, h('strong', {}, t('直接定级：', 'Direct grade: ')), tx(r.directGrade.reason), h('small', {}, ' ', r.directGrade.cite)) : null,
    r.warnings.length ? h('ul', { class: 'warnings' }, r.warnings.map((w) => h('li', {}, t(w.zh, w.en)))) : null,
    n ? h('div', { class: 'next' },
      h('h3', {}, t(`距 ${n.grade} 级（${n.label.zh}）还差 ${n.gap} 分`, `${n.gap} points short of ${n.grade} (${n.label.en})`)),
      n.blockedBy ? h('p', { class: 'alert' }, tx(n.blockedBy)) : null,
      h('ul', {}, n.candidates.slice(0, 4).map((c) => h('li', {}, `${c.code} ${tx(c.name)}：`, t(`可提高 ${c.headroom} 分`, `up to +${c.headroom}`), h('br'), h('small', {}, tx(c.how)))))) : null,
    h('h3', {}, t('适用措施', 'Measures that follow')),
    h('ul', { class: 'measures' }, r.measures.map((m) => h('li', { class: `m-${m.kind}` }, tx(m.text), h('small', {}, ' ', m.cite)))),
    r.jointPunishments.length ? [h('h3', {}, t('联合惩戒', 'Joint punishments')),
      h('ul', {}, r.jointPunishments.map((j) => h('li', {}, tx(j.text), h('small', {}, t('（依据：', ' (basis: '), j.basis, t('）', ')')))))] : null,
    r.missing.length ? h('details', { class: 'missing' }, h('summary', {}, t(`尚有 ${r.missing.length} 项未填写`, `${r.missing.length} answers missing`)),
      h('ul', {}, r.missing.map((m) => h('li', {}, `${m.code} ${tx(m.name)}：${tx(m.treatedAs)}`)))) : h('p', { class: 'ok' }, t('全部指标已填写。', 'Every indicator answered.')),
    trace,
    h('p', { class: 'hash' }, t('指标：', 'Rules: '), `${r.rules.id} v${r.rules.version}`, h('br'), 'SHA-256 ', h('code', {}, r.rules.hash)));
  return { score, grade };
}

/** The article alone (`第十九条`), for rows under a header that names the document once. */
function shortCite(c) { return String(c).replace(/^《汕尾市医疗保障信用管理办法（试行）》/, ''); }

/** @param {Evaluation} r */
function traceTable(r, compact = false) {
  return h('table', { class: compact ? 'r-trace' : null },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('指标', 'Indicator')), h('th', { scope: 'col' }, t('得分', 'Score')), h('th', { scope: 'col' }, t('依据与计算', 'Basis and working')))),
    h('tbody', {}, r.trace.map((n) => h('tr', { class: `d${n.depth}` },
      h('th', { scope: 'row' }, `${n.code} ${tx(n.name)}`),
      h('td', { class: 'num' }, `${n.score}/${n.points}`),
      h('td', {}, h('small', {}, compact ? shortCite(n.cite) : n.cite), n.note ? h('div', {}, tx(n.note)) : null,
        n.lines.map((l) => h('div', {}, `${l.amount > 0 ? '+' : ''}${l.amount} `, tx(l.reason))))))));
}

/** @param {HTMLElement} el @param {Evaluation} r @param {string} today */
function renderReport(el, r, today) {
  const s = r.subject;
  put(el,
    h('h1', {}, t('医疗保障信用自评报告', 'Medical-insurance credit self-assessment report')),
    h('p', { class: 'r-basis' }, t('（依据《汕尾市医疗保障信用管理办法（试行）》第三条、第十九条；表中条款均指该办法；自评结果，不作为正式评价结论）', '(Self-assessment; not an official evaluation. Articles cited are of the Shanwei measures unless named.)')),
    h('table', { class: 'r-head' }, h('tbody', {},
      h('tr', {}, h('th', {}, t('名称', 'Name')), h('td', {}, s.name || '—'), h('th', {}, t('代码', 'Code')), h('td', {}, s.code || '—')),
      h('tr', {}, h('th', {}, t('评价期间', 'Period')), h('td', {}, `${r.period.from} — ${r.period.to}`), h('th', {}, t('基准日', 'As of')), h('td', {}, r.asOf)),
      h('tr', {}, h('th', {}, t('得分', 'Score')), h('td', {}, `${r.score} / ${r.scale}`), h('th', {}, t('等级', 'Grade')), h('td', { class: 'r-grade' }, `${r.grade} ${tx(r.label)}`)))),
    r.directGrade ? h('p', {}, t('直接定级：', 'Direct grade: '), tx(r.directGrade.reason)) : null,
    traceTable(r, true),
    h('p', {}, h('strong', {}, t('适用措施：', 'Measures: ')), r.measures.map((m) => tx(m.text)).join('；')),
    r.missing.length ? h('p', {}, t(`未填写 ${r.missing.length} 项，按“未填写”规则计分。`, `${r.missing.length} answers missing.`)) : null,
    h('p', { class: 'r-foot' }, t('指标：', 'Rules: '), `${tx(r.rules.title)} · ${r.rules.id} v${r.rules.version} · SHA-256 ${r.rules.hash}`, h('br'),
      t('填报日期：', 'Filled on: '), today, r.rules.sample ? t(' · 示例指标，仅供自评参考', ' · sample indicators, for self-assessment only') : ''));
}
