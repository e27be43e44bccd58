// Self-assessment: choose the subject type, answer the indicators, see score and grade as you type.
// 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至二十条、第二十四至二十七条.
//
// No verdict nobody earned: until every indicator is answered (`complete`), the headline says how
// many are answered and the score and grades still possible (`reachable`), not a score and a grade
// as if they were the result, and no measures follow; the printed report says at its top that it is
// not a conclusion. A grade set by a direct-grade rule shows beside the points score and the grade
// the points alone give, with its reason and basis, and no gap to a grade points cannot reach.
//
// Fast while typing: every keystroke scores the answers (`RuleSet.score`, cheap) and draws the
// headline (#headline, the compact bar #headbar; announced in #grade-live / #progress-live when
// it changes); the full result (`RuleSet.evaluate`: measures, next grade, missing answers,
// warnings, which events count) is drawn at the next animation frame, once for all the keystrokes
// of that frame. The table of scores by indicator is built when its <details> is opened, the print
// report (#report) just before printing (`beforeprint`, or the print button).
// Each subject type (and each loaded rule file) keeps its own answers and events (`state.kept`):
// switching the type, loading a rule file or going back to the built-in rules puts the current
// ones aside and brings back those of the other, so nothing typed is discarded.
// Narrow windows: the compact bar sticks to the top of the window with the headline; on wide ones
// it shows only once the result's own headline has scrolled out of view.
// A subject type whose shipped rule set is not loaded yet shows 正在加载… until it is
// (ctx.loadRules, www/loader.js).
import { h, put, newId, errorText, labelText } from '../dom.js';
import { t, tx, getLang, sentence } from '../i18n.js';
import * as store from '../store.js';
import { attachCodeCheck } from './ident.js';
import { TYPES, POINT_TYPES, isInstitution } from '../subjects.js';
import { citeEl, articleList, shortCiteText } from '../cite.js';
import { catalogOf } from '../explain-join.js';
/** @import { ViewContext } from './context.js' */
/** @import { Catalog, Citation, EvaluateInput, Evaluation, Reachable, RuleSet, RuleSetDoc, ScoreOut, Text } from '../yibao-credit.js' */

/**
 * What the headline needs of a rule set, read once from its document: each grade's label and score
 * band (from its lower bound up to the next better grade's), and each direct-grade rule's reason
 * and basis (a fast-path score names the rule by its id alone).
 * @typedef {{ bands: Map<string, { label: Text, min: number, max?: number, cite: Citation }>,
 *   direct: Map<string, { grade: string, reason: Text, cite: Citation }>, nodes: Map<string, Citation> }} GradeBook
 */

function defaults(today) {
  return { type: 'retail-pharmacy', name: '', code: '', asOf: today, periodFrom: '', periodTo: '', facts: {}, events: [], customRules: null, kept: {} };
}

let state = null;
let notice = null;
let switched = null; // what the last switch of subject type or rules did with the answers, [zh, en]: shown under the type until the next change
let mounts = 0; // counts mounts: a rule set that arrives after the view was drawn again is not used
let printReport = null; // builds the report of the view on screen (set by mount)
let observer = null; // whether the result's headline is in view (the compact bar shows on wide windows when it is not)
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

/** The versions of a rule set loaded together (a rule file holding an array of documents), else null. */
function versionsOf(text) {
  if (!text || !/^\s*\[/.test(text)) return null;
  try { const v = JSON.parse(text); return Array.isArray(v) && v.length ? v : null; } catch (_) { return null; }
}

/** The rule files' module, loaded with the first rule file. */
let versionsMod = null;
const loadVersions = () => import('./rules-versions.js').then((m) => (versionsMod = m));

/** Where a subject type's answers and events are kept while another is shown: under the built-in rules, or a loaded rule file (its hash). */
function keptKey(type, hash) { return hash ? `rules:${hash}:${type}` : `type:${type}`; }

/** 「“定点零售药店”（内置指标）」: whose answers, as [zh, en]; `rules`: '' (the type alone), 'builtin' or 'file'. */
function whose(type, rules = '') {
  const x = TYPES.find((r) => r[0] === type) || [type, type, type];
  const zh = { '': '', builtin: '（内置指标）', file: '（载入的指标文件）' }[rules];
  const en = { '': '', builtin: ' (built-in rules)', file: ' (loaded rule file)' }[rules];
  return [`“${x[1]}”${zh}`, `"${x[2]}"${en}`];
}

/** 「6 项回答和 2 条事件」 as [zh, en], or null when there is nothing. */
function amount(facts, events) {
  const f = Object.keys(facts).length;
  const e = events.length;
  if (!f && !e) return null;
  return [[f ? `${f} 项回答` : '', e ? `${e} 条事件` : ''].filter(Boolean).join('和 '),
    [f ? `${f} answer${f === 1 ? '' : 's'}` : '', e ? `${e} event${e === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ')];
}

/**
 * Puts the answers and events on screen aside under `from` and brings back those kept under `to`:
 * nothing is discarded. `switched` says what was kept and what came back.
 */
function swapAnswers(from, fromName, to, toName) {
  if (from === to) return;
  const out = amount(state.facts, state.events);
  if (out) state.kept[from] = { facts: state.facts, events: state.events };
  else delete state.kept[from];
  const back = state.kept[to];
  delete state.kept[to];
  state.facts = back ? back.facts : {};
  state.events = back ? back.events : [];
  const came = back && amount(back.facts, back.events);
  const zh = [];
  const en = [];
  if (out) { zh.push(`${fromName[0]}的 ${out[0]}已保留，换回即可恢复。`); en.push(`Kept for ${fromName[1]}: ${out[1]} (switch back to see them again).`); }
  if (came) { zh.push(`已恢复此前为${toName[0]}填写的 ${came[0]}。`); en.push(`Back for ${toName[1]}: the ${came[1]} given earlier.`); }
  switched = zh.length ? [zh.join(''), en.join(' ')] : null;
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
    // Several versions: the one in force on the as-of date (www/views/rules-versions.js), switched in place.
    const docs = versionsOf(state.customRules);
    const waiting = !!docs && (!api.rulesInForce || !versionsMod);
    let pick = { at: -1, none: null, says: null, asOf: null };
    if (docs && !waiting) ({ rules, rulesError, pick } = versionsMod.pick(api, docs, state.asOf, pick, rules));
    else if (!docs) { try { rules = ruleSetFor(api); } catch (e) { rulesError = e; } }
    // (While the tools load, the first version's hash already keys the answers.)
    else try { const rs = new api.RuleSet(docs[0]); pick.first = rs.info.hash; rs.free(); } catch (_) { /* said once the tools are here */ }
    if (!rules && state.customRules && !waiting) {
      // The saved custom rules no longer load: fall back to the built-in ones, keep the answers,
      // back the rule file up and say so (www/store.js).
      store.setAside('assess', 'rules', { file: state.customRules });
      state.customRules = null;
      try { rules = ruleSetFor(api); rulesError = null; } catch (e) { rulesError = e; }
    }
    const loading = waiting || (!rules && rulesError && rulesError.code === 'E_RULES_NOT_LOADED');
    let doc, info, book;
    const read = () => {
      doc = rules ? rules.doc : null; // read once: the getter copies it out of the core
      info = rules ? rules.info : null;
      book = doc ? gradeBook(doc, catalogOf(rules)) : null;
    };
    read();
    // A loaded rule file's answers are kept under its hash (several versions: the first's).
    const fileHash = !state.customRules ? null : docs ? pick.first || null : info ? info.hash : null;

    const result = h('div', { class: 'result', id: 'result' });
    // The headline: drawn on every keystroke, kept across the full result's draws (the compact bar
    // watches it; 「查看详情」 takes the focus to it).
    const headBox = h('div', { class: 'score-box', id: 'headline', tabindex: '-1' });
    const barText = h('p', { id: 'headbar-text' });
    const headbar = h('div', { class: 'headbar', id: 'headbar' }, h('div', { class: 'hb' }, barText,
      h('button', { type: 'button', class: 'ghost', id: 'to-result', onclick: () => { headBox.scrollIntoView({ block: 'start' }); headBox.focus({ preventScroll: true }); } },
        t('查看详情', 'Details'))));
    const live = h('p', { class: 'sr-only', 'aria-live': 'assertive', id: 'grade-live' });
    const progressLive = h('p', { class: 'sr-only', 'aria-live': 'polite', id: 'progress-live' });
    const report = h('div', { class: 'report', id: 'report', 'aria-hidden': 'true' });
    const rulesMsg = h('div', { class: 'rules-msg', id: 'rules-msg', 'aria-live': 'polite' });
    let said = null; // what the headline said when last drawn: announced when it changes (not when the view is first drawn)
    let shown = false; // a full result (not an error) is on screen: the headline alone follows keystrokes
    let last = null; // the full result drawn last
    let frame = 0; // the requested animation frame of the next full draw
    const listed = new Map(); // leaf code → its 「已列出 N 条事件」 element
    let evStatus = []; // per event row: the element saying it does not count, and why

    /** The events handed to the core (those with a kind and a date), as their rows' indices. */
    const sent = () => state.events.flatMap((e, i) => (e.kind && e.date ? [i] : []));

    /** @returns {Omit<EvaluateInput, 'rules'>} */
    function input() {
      /** @type {Omit<EvaluateInput, 'rules'>} */
      const out = {
        subject: { type: state.type, name: state.name, code: state.code },
        asOf: state.asOf,
        facts: state.facts,
        events: sent().map((i) => state.events[i]),
      };
      if (state.periodFrom && state.periodTo) out.period = { from: state.periodFrom, to: state.periodTo };
      return out;
    }

    /** The label of the field an error's path names (an event: its row), for the message. */
    function labelOf(path) {
      const ev = /^\$\.events\[(\d+)\]/.exec(path);
      if (ev) { const row = sent()[Number(ev[1])]; return row === undefined ? null : t(`事件 ${row + 1}`, `Event ${row + 1}`); }
      const id = { '$.asOf': 'as-of', '$.period.from': 'period-from', '$.period.to': 'period-to', '$.subject.code': 'subject-code', '$.subject.name': 'subject-name' }[path];
      return id ? labelText(root, id) : null;
    }

    function showError(e) {
      shown = false;
      last = null;
      put(result, h('p', { class: 'error', role: 'alert', id: 'eval-error' }, errorText(e, getLang(), labelOf)));
      barText.textContent = plainError(e);
      report.replaceChildren();
    }

    /**
     * Says the headline when what it says changes: progress (answers given, grades possible)
     * politely, the grade at once; typing that changes neither says nothing.
     * @param {ScoreOut | Evaluation} s
     */
    function announce(s) {
      const now = s.complete ? `grade ${s.grade}` : `progress ${s.answers.given} ${s.reachable.minGrade} ${s.reachable.maxGrade}`;
      if (said !== null && now !== said) {
        const label = book.bands.get(s.grade).label;
        const direct = s.directGrade ? t('，直接定级', ', direct grade') : '';
        if (!s.complete) progressLive.textContent = `${progressText(s.answers)}${t('，', '. ')}${rangeText(s.reachable)}`;
        else if (said.startsWith('grade')) live.textContent = t(`等级变为 ${s.grade}（${label.zh}${direct}），${s.score} 分`, `Grade is now ${s.grade} (${label.en}${direct}), ${s.score} points`);
        else live.textContent = t(`全部 ${s.answers.of} 项已填写：${s.score} 分，等级 ${s.grade}（${label.zh}${direct}）`, `All ${s.answers.of} answered: ${s.score} points, grade ${s.grade} (${label.en}${direct})`);
      }
      said = now;
    }

    /** The headline and the compact bar, from a score (the fast path's or the full result). @param {ScoreOut | Evaluation} s */
    function drawHead(s) {
      put(headBox, headline(s, book));
      barText.textContent = barLine(s, book);
      announce(s);
    }

    /** The full result, drawn now. */
    function draw() {
      if (frame) { cancelAnimationFrame(frame); frame = 0; }
      if (mountNo !== mounts) return; // this view was drawn again since
      if (pick.none) {
        shown = false;
        put(result, h('p', { class: 'error', role: 'alert', id: 'eval-error' }, tx(pick.none)));
        barText.textContent = t('评价基准日没有施行中的指标版本', 'No version of the rules in force on the as-of date');
        return;
      }
      if (!rules) {
        put(result, loading ? h('p', { class: 'boot', role: 'status' }, t('正在加载…', 'Loading…')) : h('p', { class: 'error', role: 'alert' }, errorText(rulesError, getLang())));
        barText.textContent = loading ? t('正在加载…', 'Loading…') : plainError(rulesError);
        return;
      }
      let out;
      try { out = rules.evaluate(input()); } catch (e) { showError(e); return; }
      last = out;
      // A keyboard user may be inside the result when it is drawn again (a frame after typing):
      // focus goes back to the same control of the new result, never lost to the page.
      const focusable = () => [...result.querySelectorAll('a[href], button, summary, input, select, [tabindex]')];
      const at = focusable().indexOf(document.activeElement);
      renderResult(result, headBox, out);
      drawHead(out);
      shown = true;
      if (at >= 0) focusable()[Math.min(at, focusable().length - 1)]?.focus();
      showEventEffects(out);
      report.replaceChildren(); // built again when printing
    }

    /**
     * Beside each counting indicator, how many listed events count for it (once any of its kinds is
     * listed); beside each event that does not count, why (outside the period; or not filled in enough to be counted).
     * @param {Evaluation} r
     */
    function showEventEffects(r) {
      const rows = sent();
      const why = new Map(r.eventsIgnored.map((x) => [rows[x.index], x.reason]));
      state.events.forEach((e, i) => {
        const el = evStatus[i];
        if (!el) return;
        const reason = why.get(i);
        if (reason) put(el, h('strong', {}, t('不计入：', 'Not counted: ')), tx(reason));
        else if (e.kind && !e.date) put(el, t('未填日期，暂不计入。', 'No date yet: not counted.'));
        else if (!e.kind && e.date) put(el, t('未选类型，暂不计入。', 'No kind chosen yet: not counted.'));
        else el.replaceChildren();
      });
      const ignored = new Set(r.eventsIgnored.map((x) => x.index));
      for (const n of r.trace) {
        const el = listed.get(n.code);
        if (!el) continue;
        const evs = n.lines.filter((l) => l.eventIndex !== undefined && l.eventIndex !== null);
        const out = evs.filter((l) => ignored.has(l.eventIndex)).length;
        const counted = evs.length - out;
        el.textContent = !evs.length ? '' : out
          ? t(`已列出 ${counted} 条事件（另有 ${out} 条不计入）`, `${counted} listed event${counted === 1 ? '' : 's'} counted here (${out} more not counted)`)
          : t(`已列出 ${counted} 条事件`, `${counted} listed event${counted === 1 ? '' : 's'} counted here`);
      }
    }

    /** After every change: the headline now, the full result at the next frame. */
    function update() {
      if (!rules) return;
      if (docs && !waiting && state.asOf !== pick.asOf) {
        const was = [rules, pick.versions];
        ({ rules, rulesError, pick } = versionsMod.pick(api, docs, state.asOf, pick, rules));
        versionsMod.say(forceLine, pick);
        if (rules !== was[0] || !was[1]) { read(); drawRules(); shown = false; }
      }
      if (!shown || pick.none) { draw(); return; }
      let s;
      try { s = rules.score(input()); } catch (e) { if (frame) { cancelAnimationFrame(frame); frame = 0; } showError(e); return; }
      drawHead(s);
      if (!frame) frame = requestAnimationFrame(() => { frame = 0; draw(); });
    }

    function changed() {
      if (switched) { switched = null; root.querySelector('#switch-note')?.remove(); typeSel.removeAttribute('aria-describedby'); }
      persist();
      update();
    }

    /** The print report, from the latest answers (kept until the next draw empties it). */
    function buildReport() {
      if (!report.isConnected) return;
      if (frame) draw();
      if (last && !report.firstChild) renderReport(report, last, ctx.today, book);
    }
    printReport = buildReport;

    // Subject. Another type brings back its own answers and events; those on screen are kept.
    const typeSel = h('select', { id: 'subject-type', 'aria-describedby': switched ? 'switch-note' : null, onchange: (e) => {
      const to = e.target.value;
      swapAnswers(keptKey(state.type, fileHash), whose(state.type), keptKey(to, fileHash), whose(to));
      state.type = to;
      persist();
      view.mount(root, ctx);
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
      field(t('主体类型（第五条）', 'Subject type (art. 5)'), typeSel, switched ? h('p', { class: 'note', role: 'status', id: 'switch-note' }, t(switched[0], switched[1])) : null),
      field(isInst ? t('机构名称', 'Name') : t('姓名', 'Name'), nameIn),
      field(isInst ? t('统一社会信用代码（第八条）', 'Unified social credit code (art. 8)') : t('身份证号码（第八条）', 'ID number (art. 8)'), codeIn, codeMsg),
      field(t('评价基准日', 'As-of date'), asOfIn),
      h('div', { class: 'field-row' },
        field(t('评价期间起（可空，默认基准日前一年）', 'Period from (default: the year before)'), pfIn),
        field(t('评价期间止', 'Period to'), ptIn)),
    );

    // Rules picker. A rule file has its own answers, kept apart from those of the built-in rules.
    // Several files, or one holding an array, are versions of one rule set (「添加一个版本」: added to those loaded).
    const onFiles = (add) => async (e) => {
      const files = [...(e.target.files || [])];
      e.target.value = '';
      if (!files.length) return;
      // A rule file is checked and compiled by the tools module (the first screen's core reads compiled rule sets only).
      try { await ctx.loadTools(); } catch (_) { /* the check then reports that the tools are missing */ }
      const m = await loadVersions();
      const got = await m.readRuleFiles(api, files, add ? state.customRules : null);
      if (got.errors) { put(rulesMsg, m.errorsBox(got.errors, got.name)); return; }
      const type = got.types.includes(state.type) ? state.type : got.types[0];
      swapAnswers(keptKey(state.type, fileHash), whose(state.type, fileHash ? 'file' : 'builtin'), keptKey(type, got.first), whose(type, 'file'));
      state.customRules = got.text;
      state.type = type;
      persist();
      view.mount(root, ctx);
    };
    const fileIn = h('input', { type: 'file', id: 'rules-file', accept: '.json,application/json', class: 'file', multiple: true, onchange: onFiles(false) });
    const addIn = h('input', { type: 'file', id: 'rules-add', accept: '.json,application/json', class: 'file', multiple: true, onchange: onFiles(true) });
    /** Takes out version `i` of those loaded (its answers stay). */
    function removeVersion(i) {
      const left = docs.filter((_, k) => k !== i);
      state.customRules = JSON.stringify(left.length === 1 ? left[0] : left);
      versionsMod.rekey(api, state.kept, fileHash, left[0]);
      persist();
      view.mount(root, ctx);
      root.querySelector('#rules-file')?.focus();
    }
    const forceLine = h('p', { id: 'rules-in-force', 'aria-live': 'polite' });
    const rulesCard = h('div', { class: 'card rules' });
    function drawRules() {
      put(rulesCard,
        h('h2', {}, t('评价指标', 'Indicators')),
        info ? h('p', { class: 'rules-title' }, tx(info.title), ' ', h('span', { class: info.sample ? 'tag warn' : 'tag' }, info.sample ? t('示例', 'sample') : t('本地', 'local'))) : null,
        info ? h('p', { class: 'hash' }, `${info.id} v${info.version} · SHA-256 ${info.hash.slice(0, 16)}…`) : null,
        info && info.sample ? h('p', { class: 'note' }, t('内置指标为示例（第十八条：指标由市医保局另行制定），请载入本地医保局公布的指标文件。', 'The built-in indicators are a sample (art. 18): load the rule file your bureau published.')) : null,
        docs && !waiting ? versionsMod.list(forceLine, pick, removeVersion) : null,
        h('div', { class: 'row' },
          h('label', { class: 'button', for: 'rules-file' }, t('载入指标文件…', 'Load a rule file…')), fileIn,
          state.customRules ? [h('label', { class: 'button ghost', for: 'rules-add' }, t('添加一个版本…', 'Add a version…')), addIn] : null,
          state.customRules ? h('button', { type: 'button', class: 'ghost', id: 'rules-reset', onclick: () => {
            swapAnswers(keptKey(state.type, fileHash), whose(state.type, 'file'), keptKey(state.type, null), whose(state.type, 'builtin'));
            state.customRules = null;
            persist();
            view.mount(root, ctx);
          } }, t('恢复内置指标', 'Back to built-in rules')) : null),
        rulesMsg);
      drawIndicators();
      renderEvents();
    }

    // Indicators.
    const indicators = h('div', { class: 'indicators' });
    function drawIndicators() {
      indicators.replaceChildren();
      listed.clear();
      if (!rules) return;
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
      // A count whose incidents can also be listed as events below holds only those not listed
      // (the two are added): its box says so, with how many listed events count for it.
      const counts = sc.eventKinds && sc.eventKinds.length > 0;
      let control;
      if (sc.type === 'yesNo') {
        control = h('select', { id, onchange: (e) => set(e.target.value === '' ? '' : e.target.value === 'yes') },
          h('option', { value: '' }, t('— 未填 —', '— not answered —')),
          h('option', { value: 'yes', selected: cur === true }, t('是', 'Yes')),
          h('option', { value: 'no', selected: cur === false }, t('否', 'No')));
      } else if (sc.type === 'rating' && sc.levels.length) {
        control = h('select', { id, onchange: (e) => set(e.target.value) },
          h('option', { value: '' }, t('— 未填 —', '— not answered —')),
          sc.levels.map((l) => h('option', { value: l.id, selected: cur === l.id }, t(`${tx(l.label)}（${l.points}）`, `${tx(l.label)} (${l.points})`))));
      } else if (sc.type === 'rating') {
        control = h('input', { id, type: 'number', min: 0, max: leaf.points, step: '0.01', inputmode: 'decimal', value: cur ?? '',
          oninput: (e) => set(e.target.value === '' ? '' : e.target.value) });
      } else {
        // No placeholder: an empty box is not an answer of 0 (unless events below answer it).
        control = h('input', { id, type: 'number', min: 0, max: 10000, step: 1, inputmode: 'numeric', value: cur ?? '',
          'aria-labelledby': counts ? `${id}-name ${id}-pre` : null, 'aria-describedby': counts ? `${id}-unit ${id}-listed` : null,
          oninput: (e) => set(e.target.value === '' ? '' : e.target.value) });
      }
      const unit = sc.type === 'deduction' ? t(`次（每次扣 ${sc.per} 分，至多扣 ${leaf.points} 分）`, `${counts ? '' : 'number of times '}(−${sc.per} each, at most −${leaf.points})`)
        : sc.type === 'bonus' ? t(`项（每项加 ${sc.per} 分，至多 ${leaf.points} 分）`, `(+${sc.per} each, up to ${leaf.points})`)
        : t(`满分 ${leaf.points} 分`, `up to ${leaf.points} points`);
      const pre = counts ? h('span', { class: 'pre', id: `${id}-pre` }, sc.type === 'bonus'
        ? t('另有未在下方列出的', 'Others not listed below:') : t('另有未在下方列出的', 'Other times not listed below:')) : null;
      const many = counts ? h('small', { class: 'listed', id: `${id}-listed` }) : null;
      if (many) listed.set(leaf.code, many);
      const cite = book.nodes.get(leaf.code);
      return h('div', { class: 'leaf' },
        h('label', { for: id, id: `${id}-name` }, h('span', { class: 'code' }, leaf.code), ' ', tx(leaf.name)),
        h('div', { class: 'control' }, pre, control, h('small', { class: 'unit', id: `${id}-unit` }, unit), many),
        h('small', { class: 'cite' }, t('依据：', 'Basis: '), cite ? citeEl(cite) : `${leaf.cite.source} ${leaf.cite.article}`));
    }

    // Events. Each row says when it does not count, and why (showEventEffects).
    const eventsBox = h('div', { class: 'events' });
    function renderEvents() {
      if (!rules) return;
      const kinds = doc.eventKinds;
      evStatus = state.events.map(() => h('p', { class: 'ev-status', id: newId('evs') }));
      put(eventsBox,
        state.events.length === 0 ? h('p', { class: 'muted' }, t('未列出事件。', 'No events listed.')) : null,
        state.events.map((ev, i) => {
          const kid = newId('ev');
          const status = evStatus[i];
          return h('div', { class: 'event-row', role: 'group', 'aria-label': t(`事件 ${i + 1}`, `Event ${i + 1}`) },
            h('label', { for: kid + 'k' }, t('类型', 'Kind')),
            h('select', { id: kid + 'k', 'aria-describedby': status.id, onchange: (e) => { ev.kind = e.target.value; changed(); } },
              h('option', { value: '' }, t('— 请选择 —', '— choose —')),
              kinds.map((k) => h('option', { value: k.kind, selected: k.kind === ev.kind }, tx(k.name)))),
            h('label', { for: kid + 'd' }, t('日期', 'Date')),
            h('input', { type: 'date', id: kid + 'd', value: ev.date || '', 'aria-describedby': status.id, oninput: (e) => { ev.date = e.target.value; changed(); } }),
            h('label', { for: kid + 't' }, t('说明', 'Note')),
            h('input', { type: 'text', id: kid + 't', value: ev.description || '', maxlength: 2000, oninput: (e) => { ev.description = e.target.value; changed(); } }),
            h('button', { type: 'button', class: 'ghost', onclick: () => { state.events.splice(i, 1); changed(); renderEvents(); eventsBox.querySelector('#add-event')?.focus(); } }, t('删除', 'Remove')),
            status);
        }),
        h('button', { type: 'button', id: 'add-event', onclick: () => {
          state.events.push({ kind: '', date: '', description: '' }); renderEvents(); persist();
          const rows = eventsBox.querySelectorAll('.event-row select'); rows[rows.length - 1]?.focus();
        } }, t('＋ 添加事件', '+ Add an event')));
      if (last && !frame) showEventEffects(last); // the rows are new; the result drawn last still holds for them
    }
    drawRules();
    const eventsCard = h('fieldset', { class: 'card' },
      h('legend', {}, t('评价期间内的信用事件（第十四条、第十五条）', 'Credit events in the period (arts. 14, 15)')),
      h('p', { class: 'muted' }, t('处罚、协议处理、表彰等按日期列出；期间外的事件不计分（第二十条）。', 'Penalties, agreement handling, awards, by date; events outside the period do not count (art. 20).')),
      eventsBox,
      // On to the repair check, which offers these events as the record (not typed again).
      ctx.go ? h('p', { class: 'muted to-repair' }, t('处罚或协议处理能否信用修复：', 'Can a penalty or agreement handling be repaired? '),
        h('button', { type: 'button', class: 'ghost', id: 'to-repair', onclick: () => ctx.go('repair') }, t('去信用修复自查（可直接选用以上事件）', 'Check in the repair view (pick from the events above)'))) : null);

    const actions = h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'print', onclick: () => { buildReport(); window.print(); } }, t('打印自评报告', 'Print the report')),
      h('button', { type: 'button', class: 'ghost', id: 'clear', onclick: () => ctx.clearData() }, t('清除我的数据', 'Clear my data')));

    put(root,
      notice ? h('p', { class: 'note', role: 'status' }, notice) : null,
      headbar,
      h('div', { class: 'layout' },
        h('div', { class: 'form' }, subject, rulesCard, indicators, eventsCard),
        h('aside', { class: 'side', 'aria-label': t('评价结果', 'Result') }, result, actions)),
      live, progressLive, report);
    notice = null;
    // 医保支付资格记分 beside the self-assessment, for the types it scores: its own module, loaded only then.
    if (POINT_TYPES.includes(state.type)) import('./points.js').then((m) => { if (mountNo === mounts) m.attach(root, live, ctx, () => ({ type: state.type, name: state.name, code: state.code })); }, () => {});
    // Wide windows: the compact bar shows while the result's headline is out of view.
    if (observer) observer.disconnect();
    observer = typeof IntersectionObserver === 'function'
      ? new IntersectionObserver(([e]) => headbar.classList.toggle('away', !e.isIntersecting)) : null;
    if (observer) observer.observe(headBox);
    draw();
    if (loading) {
      // This subject type's rule set (or the tools, for versions) is on its way: draw the view again once it is here.
      (waiting ? Promise.all([ctx.loadTools(), loadVersions()]) : ctx.loadRules(state.type)).then(() => {
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

/** An error in the user's words alone (for the compact bar: the result below has the full message). */
function plainError(e) { return errorText(e, getLang()); }

/** @param {RuleSetDoc} doc @param {Catalog} cat @returns {GradeBook} */
function gradeBook(doc, cat) {
  // The citations as the core resolves them (the law library's titles, both languages, references).
  const bandCite = new Map(cat.bands.map((b) => [b.grade, b.cite]));
  const directCite = new Map(cat.direct.map((d) => [d.id, d.cite]));
  const best = [...doc.bands].sort((a, b) => b.min - a.min);
  return {
    bands: new Map(best.map((b, i) => [b.grade, { label: b.label, min: b.min, max: i > 0 ? best[i - 1].min : undefined, cite: bandCite.get(b.grade) }])),
    direct: new Map((doc.directGrades || []).map((d) => [d.id, { grade: d.grade, reason: d.reason, cite: directCite.get(d.id) }])),
    nodes: new Map(cat.nodes.map((n) => [n.code, n.cite])),
  };
}

/** 「已填写 6 / 18 项」 @param {{given: number, of: number}} a */
function progressText(a) { return t(`已填写 ${a.given} / ${a.of} 项`, `${a.given} of ${a.of} answered`); }

/**
 * 「可能得分 20 – 980 分（等级 E – A）」: what answering the rest can still give (a grade said once
 * when it is one); `bare`: without 「可能得分」, under a heading that says it.
 * @param {Reachable} r
 */
function rangeText(r, bare = false) {
  const pts = r.min === r.max ? `${r.min}` : `${r.min} – ${r.max}`;
  const g = r.minGrade === r.maxGrade ? r.minGrade : `${r.minGrade} – ${r.maxGrade}`;
  return bare ? t(`${pts} 分（等级 ${g}）`, `${pts} (grade ${g})`) : t(`可能得分 ${pts} 分（等级 ${g}）`, `Possible score ${pts} (grade ${g})`);
}

/** 「70 ≤ 分数 < 85」 */
function bandText(b) {
  return t(`${b.min} ≤ 分数`, `${b.min} ≤ score`) + (b.max !== undefined ? ` < ${b.max}` : '');
}

/**
 * The headline of a score (the fast path's or the full result). While answers are missing: how
 * many are answered and what is still possible, no score or grade as if it were the result. Once
 * complete: the score and grade; when a direct-grade rule set the grade, the grade the points
 * alone give (and their band) beside it, so that no line contradicts the score.
 * @param {ScoreOut | Evaluation} s @param {GradeBook} book
 */
function headline(s, book) {
  if (!s.complete) {
    return [
      h('p', { class: 'progress', id: 'progress' }, progressText(s.answers)),
      h('p', { class: 'range', id: 'range' }, rangeText(s.reachable)),
      h('p', { class: 'muted' }, t(`填完全部 ${s.answers.of} 项后，才有得分、等级和适用措施。`, `The score, grade and measures follow once all ${s.answers.of} are answered.`)),
    ];
  }
  const grade = book.bands.get(s.grade);
  const points = book.bands.get(s.pointsGrade);
  const score = h('p', { class: 'score' }, h('span', { id: 'score' }, String(s.score)), h('span', { class: 'of' }, ` / ${s.scale}`));
  if (!s.directGrade) {
    return [score,
      h('p', { class: gradeClass(s.grade), id: 'grade' }, h('span', { class: 'letter' }, s.grade), ' ', tx(grade.label)),
      h('p', { class: 'muted', id: 'band' }, bandText(grade), ' · ', citeEl(grade.cite))];
  }
  return [score,
    h('p', { class: 'points-grade', id: 'points-grade' }, t(`按分数为 ${s.pointsGrade} 级（${points.label.zh}）`, `The points alone give ${s.pointsGrade} (${points.label.en})`),
      h('br'), h('small', {}, bandText(points), ' · ', citeEl(points.cite))),
    h('p', { class: gradeClass(s.grade), id: 'grade' }, h('span', { class: 'letter' }, s.grade), ' ', tx(grade.label), ' ', h('span', { class: 'tag' }, t('直接定级', 'direct grade')))];
}

/** The compact bar's one line. @param {ScoreOut | Evaluation} s @param {GradeBook} book */
function barLine(s, book) {
  if (!s.complete) return `${progressText(s.answers)} · ${rangeText(s.reachable)}`;
  return `${s.score} / ${s.scale} · ${s.grade} ${tx(book.bands.get(s.grade).label)}${s.directGrade ? t('（直接定级）', ' (direct grade)') : ''}`;
}

/**
 * Draws the full result around the headline box (its content is drawn by the caller). Measures and
 * the way to the next grade only once every indicator is answered; until then, what is unanswered.
 * @param {HTMLElement} el @param {HTMLElement} headBox @param {Evaluation} r
 */
function renderResult(el, headBox, r) {
  const n = r.nextGrade;
  const d = r.directGrade;
  // The table of every indicator's score: built when first opened; open still if it was open in
  // the result drawn before (typing does not close it).
  const trace = h('details', { class: 'trace', open: !!el.querySelector('details.trace[open]'),
    ontoggle: () => { if (trace.open && !trace.querySelector('table')) trace.appendChild(traceTable(r)); } },
    h('summary', {}, t('逐项得分明细', 'Score by indicator')));
  put(el,
    headBox,
    h('p', { class: 'muted period' }, t(`评价期间 ${r.period.from} 至 ${r.period.to}`, `Period ${r.period.from} to ${r.period.to}`)),
    d ? h('div', { class: 'alert', id: 'direct-grade' }, h('strong', {}, t(`直接定级为 ${d.grade} 级：`, `Graded ${d.grade} directly: `)), tx(d.reason),
      h('br'), h('small', {}, t('依据：', 'Basis: '), citeEl(d.cite))) : null,
    r.warnings.length ? h('ul', { class: 'warnings' }, r.warnings.map((w) => h('li', {}, sentence(w)))) : null,
    r.complete && n && n.blockedBy ? h('p', { class: 'next' }, tx(n.blockedBy)) : null,
    r.complete && n && !n.blockedBy ? h('div', { class: 'next' },
      h('h3', {}, t(`距 ${n.grade} 级（${n.label.zh}）还差 ${n.gap} 分`, `${n.gap} points short of ${n.grade} (${n.label.en})`)),
      h('ul', {}, n.candidates.slice(0, 4).map((c) => h('li', {}, `${c.code} ${tx(c.name)}：`, t(`可提高 ${c.headroom} 分`, `up to +${c.headroom}`), h('br'), h('small', {}, tx(c.how)))))) : null,
    r.complete ? [
      h('h3', {}, t('适用措施', 'Measures that follow')),
      h('ul', { class: 'measures' }, r.measures.map((m) => h('li', { class: `m-${m.kind}` }, tx(m.text), h('small', {}, ' ', citeEl(m.cite))))),
      r.jointPunishments.length ? [h('h3', {}, t('联合惩戒', 'Joint punishments')),
        h('ul', {}, r.jointPunishments.map((j) => h('li', {}, tx(j.text), h('small', {}, t('（依据：', ' (basis: '), j.basis, t('）', ')')))))] : null,
      h('p', { class: 'ok' }, t('全部指标已填写。', 'Every indicator answered.')),
    ] : [
      h('h3', { id: 'missing-h' }, t(`尚未填写（${r.missing.length} 项）`, `Not answered yet (${r.missing.length})`)),
      h('ul', { class: 'missing', 'aria-labelledby': 'missing-h' }, unanswered(r).map((n) => h('li', {}, `${n.code} ${tx(n.name)}`))),
    ],
    trace,
    h('p', { class: 'hash' }, t('指标：', 'Rules: '), `${r.rules.id} v${r.rules.version}`, h('br'), 'SHA-256 ', h('code', {}, r.rules.hash)));
}

/** The unanswered indicators, in the order of the form. @param {Evaluation} r */
function unanswered(r) { return r.trace.filter((n) => n.missing); }

/** The article alone (`第十九条`), for rows under a header that names the document once. */
/** A citation without the Shanwei measures' title (the report says once that its articles are theirs). */
function shortCite(c) { return shortCiteText(c); }

/**
 * Every indicator's score and working. An unanswered indicator has no score yet (nor has one above
 * it); an event that does not count is a muted line of 0 with the reason.
 * @param {Evaluation} r
 */
function traceTable(r, compact = false) {
  const byCode = new Map(r.trace.map((n) => [n.code, n]));
  const open = new Set();
  for (const n of r.trace) if (n.missing) for (let p = n; p; p = byCode.get(p.parent)) open.add(p.code);
  const ignored = new Set(r.eventsIgnored.map((x) => x.index));
  return h('table', { class: compact ? 'r-trace' : null },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('指标', 'Indicator')), h('th', { scope: 'col' }, t('得分', 'Score')), h('th', { scope: 'col' }, t('依据与计算', 'Basis and working')))),
    h('tbody', {}, r.trace.map((n) => h('tr', { class: `d${n.depth}` },
      h('th', { scope: 'row' }, `${n.code} ${tx(n.name)}`),
      h('td', { class: 'num' }, !open.has(n.code) ? `${n.score}/${n.points}` : n.missing ? t('未填写', 'not answered') : t('未填完', 'incomplete')),
      h('td', {}, h('small', {}, compact ? shortCite(n.cite) : citeEl(n.cite)), n.note ? h('div', {}, tx(n.note)) : null,
        n.lines.map((l) => (ignored.has(l.eventIndex)
          ? h('div', { class: 'not-counted' }, '0 ', tx(l.reason))
          : h('div', {}, `${l.amount > 0 ? '+' : ''}${l.amount} `, tx(l.reason)))))))));
}

/**
 * Where the report is signed (and, for a unit, stamped) by hand: 填报人, 签字, 日期, and 单位盖章.
 * @param {boolean} unit
 */
function signArea(unit) {
  const blank = (cls = '') => h('span', { class: `r-blank ${cls}` });
  return h('div', { class: unit ? 'r-sign' : 'r-sign r-sign-person', id: 'r-sign' },
    h('div', { class: 'r-sign-lines' },
      h('p', {}, t('填报人：', 'Filled in by: '), blank(), t('联系电话：', 'Phone: '), blank('r-blank-s')),
      h('p', {}, t('签字：', 'Signature: '), blank(), t('日期：', 'Date: '), getLang() === 'en' ? blank('r-blank-s') : '　　　　年　　月　　日')),
    unit ? h('div', { class: 'r-seal', id: 'r-seal' }, t('单位（盖章）', 'Seal of the unit')) : null);
}

/**
 * The one-page report. Incomplete: it says so at its top, with the scores still possible; no
 * score, grade or measures as if they were the result, but what is unanswered.
 * @param {HTMLElement} el @param {Evaluation} r @param {string} today @param {GradeBook} book
 */
function renderReport(el, r, today, book) {
  const s = r.subject;
  const d = r.directGrade;
  const points = book.bands.get(r.pointsGrade);
  // The articles the report relies on (filled in once the law library's files are read).
  const laws = h('p', { class: 'r-laws', id: 'r-laws' });
  const cites = [...r.trace.map((n) => n.cite), points && points.cite, d && d.cite, ...(r.complete ? r.measures.map((m) => m.cite) : [])];
  articleList(cites.filter(Boolean)).then((text) => { if (text) put(laws, h('strong', {}, t('所依据的条文：', 'Articles relied on: ')), text); });
  put(el,
    h('h1', {}, t('医疗保障信用自评报告', 'Medical-insurance credit self-assessment report')),
    h('p', { class: 'r-basis' }, t('（依据《汕尾市医疗保障信用管理办法（试行）》第三条、第十九条；表中条款均指该办法；自评结果，不作为正式评价结论）', '(Self-assessment; not an official evaluation. Articles cited are of the Measures of Shanwei City for the Management of Medical Security Credit (Trial) (《汕尾市医疗保障信用管理办法（试行）》) unless named.)')),
    r.complete ? null : h('p', { class: 'r-incomplete', id: 'r-incomplete' },
      h('strong', {}, t(`自评未完成：尚有 ${r.missing.length} 项未填写，以下不是评价结论。`, `Self-assessment not complete: ${r.missing.length} indicator${r.missing.length === 1 ? '' : 's'} not answered; what follows is not a result.`)),
      ' ', progressText(r.answers), t('；', '. '), rangeText(r.reachable), t('。', '.')),
    h('table', { class: 'r-head' }, h('tbody', {},
      h('tr', {}, h('th', {}, t('名称', 'Name')), h('td', {}, s.name || '—'), h('th', {}, t('代码', 'Code')), h('td', {}, s.code || '—')),
      h('tr', {}, h('th', {}, t('评价期间', 'Period')), h('td', {}, `${r.period.from} — ${r.period.to}`), h('th', {}, t('基准日', 'As of')), h('td', {}, r.asOf)),
      r.complete
        ? h('tr', {}, h('th', {}, t('得分', 'Score')), h('td', {}, `${r.score} / ${r.scale}`, d ? t(`（按分数为 ${r.pointsGrade} 级，${points.label.zh}）`, ` (the points alone: ${r.pointsGrade}, ${points.label.en})`) : ''),
          h('th', {}, t('等级', 'Grade')), h('td', { class: 'r-grade' }, `${r.grade} ${tx(r.label)}`, d ? t('（直接定级）', ' (direct grade)') : ''))
        : h('tr', {}, h('th', {}, t('已填写', 'Answered')), h('td', {}, t(`${r.answers.given} / ${r.answers.of} 项`, `${r.answers.given} of ${r.answers.of}`)),
          h('th', {}, t('可能得分', 'Possible score')), h('td', {}, rangeText(r.reachable, true))))),
    d ? h('p', {}, t(`直接定级为 ${d.grade} 级：`, `Graded ${d.grade} directly: `), tx(d.reason), t('（依据：', ' (basis: '), shortCite(d.cite), t('）', ')')) : null,
    traceTable(r, true),
    r.complete
      ? h('p', {}, h('strong', {}, t('适用措施：', 'Measures: ')), r.measures.map((m) => tx(m.text)).join('；'))
      : h('p', { class: 'r-missing' }, h('strong', {}, t('尚未填写：', 'Not answered yet: ')), unanswered(r).map((n) => `${n.code} ${tx(n.name)}`).join(t('；', '; '))),
    laws,
    signArea(isInstitution(s.type)),
    h('p', { class: 'r-foot' }, t('指标：', 'Rules: '), `${tx(r.rules.title)} · ${r.rules.id} v${r.rules.version} · SHA-256 ${r.rules.hash}`, h('br'),
      t('填报日期：', 'Filled on: '), today, r.rules.sample ? t(' · 示例指标，仅供自评参考', ' · sample indicators, for self-assessment only') : ''));
}
