// 期限计算 / Deadlines view: pick a kind of deadline and a start date, see the due date, the days
// left from today, a month calendar with the skipped days marked, and the timeline of a repair or
// an objection. Plain ES module, no framework, no inline styles (strict CSP): every element is
// built with createElement and filled with textContent.
//
// ctx = { api, today, lang, t }: api.deadline / api.deadlineKinds / api.timeline /
// api.calendarMonth / api.workday take plain objects and return plain objects, or throw an Error
// with .code/.zh/.en/.path. The holiday notices the user loaded (holiday-cn JSON, www/holidays.js:
// saved with the page's other input, shared with the forms and repair views) are passed as
// `holidays` on every call; a refused file leaves the calendar as it was.
// 依据：《中华人民共和国民法典》第二百零一条、第二百零三条；《汕尾市医疗保障信用管理办法（试行）》第二十二条、第三十条、附件5。
import { citeEl, basisText } from '../cite.js';
import { errorText } from '../dom.js';
import { sentence } from '../i18n.js';
/** @import { ViewContext } from './context.js' */
/** @import { Deadline, DeadlineInput, KindInfo, MonthResult, Timeline } from '../yibao-credit.js' */
import { panel as holidayPanel, withHolidays, check as checkHolidays } from '../holidays.js';

let uid = 0;
const nextId = (p) => `${p}-${++uid}`;

/** el('div', {class: 'x', for: id}, child, 'text', [more]) — text always via text nodes. */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  const add = (c) => {
    if (c === undefined || c === null || c === false) return;
    if (Array.isArray(c)) c.forEach(add);
    else if (c instanceof Node) e.appendChild(c);
    else e.appendChild(document.createTextNode(String(c)));
  };
  children.forEach(add);
  return e;
}

/** A {zh, en} text in the current language. */
const tx = (ctx, o) => (!o ? '' : ctx.lang === 'en' ? (o.en || o.zh) : o.zh);

/** An error from the core, in the page's language alone (its stable code is kept out of sight, as `data-code`). */
function errorNodes(e) {
  if (e && e.zh) {
    return [el('span', { class: 'dl-error-msg', 'data-code': e.code }, errorText(e, document.documentElement.lang === 'en' ? 'en' : 'zh'))];
  }
  return [String(e && e.message ? e.message : e)];
}

const PROCESS_KINDS = {
  'objection-filing': 'objection',
  'objection-review': 'objection',
  'repair-decision': 'repair',
  'repair-decision-max': 'repair',
  'repair-publicity': 'repair',
  'refusal-objection': 'repair',
};

const REASON_CLASS = {
  weekend: 'dl-day--weekend',
  holiday: 'dl-day--holiday',
  'makeup-workday': 'dl-day--makeup',
  workday: 'dl-day--work',
};

export const view = {
  id: 'deadline',
  /** @param {ViewContext} ctx */
  mount(root, ctx) {
    const t = ctx.t;
    checkHolidays(ctx.api);

    const field = (labelZh, labelEn, input, extra) => {
      const id = input.id || nextId('dl-in');
      input.id = id;
      const err = el('p', { class: 'dl-error', role: 'alert', id: `${id}-err` });
      input.setAttribute('aria-describedby', `${id}-err`);
      const wrap = el('div', { class: 'dl-field' }, el('label', { for: id }, t(labelZh, labelEn)), input, extra || null, err);
      return { wrap, input, err };
    };

    // --- the deadline form -------------------------------------------------------------
    /** @type {KindInfo[]} */
    let kinds = [];
    try {
      kinds = ctx.api.deadlineKinds({});
    } catch (e) {
      kinds = [];
    }
    const kindSel = el('select', { name: 'kind' }, kinds.map((k) => el('option', { value: k.kind }, tx(ctx, k.label))));
    const fromIn = el('input', { type: 'date', name: 'from', required: true, min: '1949-10-01', max: '2100-12-31' });
    fromIn.value = ctx.today || '';
    const daysIn = el('input', { type: 'number', name: 'days', min: '1', max: '3660', step: '1', inputmode: 'numeric' });
    daysIn.value = '10';
    const filedIn = el('input', { type: 'date', name: 'filedOn', min: '1949-10-01', max: '2100-12-31' });
    const fKind = field('期限种类', 'Kind of deadline', kindSel);
    const fFrom = field('起算日（事件发生之日）', 'Start date (day of the event)', fromIn);
    const fDays = field('天数', 'Number of days', daysIn);
    const fFiled = field('实际提交日期（可选）', 'Actual filing date (optional)', filedIn);
    const basisP = el('p', { class: 'dl-basis' });
    const formErr = el('p', { class: 'dl-error', role: 'alert' });

    // --- the holiday notices (built in, loaded by the user; www/holidays.js) -------------------
    const holidays = holidayPanel(ctx, () => computeDeadline());

    // --- the timeline form -------------------------------------------------------------
    const procSel = el('select', { name: 'process' },
      el('option', { value: '' }, t('不显示', 'None')),
      el('option', { value: 'repair' }, t('信用修复', 'Credit repair')),
      el('option', { value: 'objection' }, t('评价结果异议', 'Objection to a result')));
    const subjSel = el('select', { name: 'subjectClass' },
      el('option', { value: 'institution' }, t('机构类（须公示5个工作日）', 'Institution (published 5 working days)')),
      el('option', { value: 'person' }, t('个人类', 'Person')));
    const outcomeSel = el('select', { name: 'outcome' },
      el('option', { value: '' }, t('尚未决定（两种结果都显示）', 'Not decided yet (show both)')),
      el('option', { value: 'repaired' }, t('予以修复', 'Repaired')),
      el('option', { value: 'refused' }, t('不予修复', 'Refused')));
    const dateIn = (name) => el('input', { type: 'date', name, min: '1949-10-01', max: '2100-12-31' });
    const tl = {
      process: field('流程', 'Process', procSel),
      subjectClass: field('主体类别', 'Subject class', subjSel),
      outcome: field('处理结果', 'Outcome', outcomeSel),
      acceptedOn: field('受理日期（已发生则填）', 'Accepted on (if it happened)', dateIn('acceptedOn')),
      decidedOn: field('决定日期（已发生则填）', 'Decided on (if it happened)', dateIn('decidedOn')),
      refusalReceivedOn: field('收到不予修复告知书日期', 'Refusal notice received on', dateIn('refusalReceivedOn')),
      objectionFiledOn: field('对不予修复提出异议日期', 'Objection to the refusal filed on', dateIn('objectionFiledOn')),
      filedOn: field('提出异议日期（已发生则填）', 'Objection filed on (if it happened)', dateIn('filedOn')),
      reviewedOn: field('收到复核意见日期', 'Review answered on', dateIn('reviewedOn')),
    };
    const REPAIR_FIELDS = ['subjectClass', 'outcome', 'acceptedOn', 'decidedOn', 'refusalReceivedOn', 'objectionFiledOn'];
    const OBJECTION_FIELDS = ['filedOn', 'reviewedOn'];
    const tlErr = el('p', { class: 'dl-error', role: 'alert' });

    // --- the results -------------------------------------------------------------------
    const result = el('div', { class: 'dl-result', 'aria-live': 'polite' });
    const monthBox = el('div', { class: 'dl-months' });
    const timelineOut = el('div', { class: 'dl-timeline-out', 'aria-live': 'polite' });

    const form = el('form', { class: 'dl-form', novalidate: true },
      el('fieldset', {}, el('legend', {}, t('期限', 'Deadline')), fKind.wrap, basisP, fFrom.wrap, fDays.wrap, fFiled.wrap, formErr),
      el('fieldset', {}, el('legend', {}, t('节假日数据（放假通知）', 'Holiday data (State Council notices)')), holidays));
    const tlForm = el('form', { class: 'dl-form', novalidate: true },
      el('fieldset', {}, el('legend', {}, t('流程时间线', 'Process timeline')),
        Object.values(tl).map((f) => f.wrap), tlErr));

    root.replaceChildren(
      el('h2', { class: 'dl-title' }, t('期限计算', 'Deadline calculator')),
      el('p', { class: 'dl-intro' }, t(
        '按《民法典》第二百零一条，起算日当天不计入；工作日期限跳过周末和法定节假日，调休上班日计入。',
        'Under Article 201 of the Civil Code of the People\'s Republic of China (《中华人民共和国民法典》), the start day is not counted; working-day periods skip weekends and holidays and count make-up working days.')),
      el('div', { class: 'dl-layout' },
        el('div', { class: 'dl-inputs' }, form),
        el('div', { class: 'dl-outputs' }, result, monthBox)),
      el('div', { class: 'dl-layout' }, el('div', { class: 'dl-inputs' }, tlForm), el('div', { class: 'dl-outputs' }, timelineOut)));

    const clearErrors = (...fs) => fs.forEach((f) => f.replaceChildren());

    /** Shows an error next to the input its JSON path names, else at `fallback`. */
    function showError(e, map, fallback) {
      const path = (e && e.path) || '';
      const key = Object.keys(map).find((k) => path === `$.${k}` || path.startsWith(`$.${k}.`) || path.startsWith(`$.${k}[`));
      const target = key ? map[key] : fallback;
      target.replaceChildren(...errorNodes(e));
    }

    // ------------------------------------------------------------------------------------
    function selectedKind() {
      return kinds.find((k) => k.kind === kindSel.value);
    }

    function computeDeadline() {
      clearErrors(fFrom.err, fDays.err, fFiled.err, fKind.err, formErr);
      const k = selectedKind();
      fDays.wrap.hidden = !(k && k.needsDays);
      basisP.textContent = k ? `${t('依据：', 'Basis: ')}${basisText(k.basis)}` : '';
      if (!fromIn.value) {
        fFrom.err.textContent = t('请选择起算日。', 'Please choose the start date.');
        result.replaceChildren();
        monthBox.replaceChildren();
        return;
      }
      /** @type {DeadlineInput} */
      const base = { kind: kindSel.value, from: fromIn.value, today: ctx.today || null, filedOn: filedIn.value || null };
      if (k && k.needsDays) base.days = daysIn.value;
      const input = withHolidays(base);
      /** @type {Deadline} */
      let r;
      try {
        r = ctx.api.deadline(input);
      } catch (e) {
        showError(e, { from: fFrom.err, days: fDays.err, filedOn: fFiled.err, kind: fKind.err }, formErr);
        result.replaceChildren();
        monthBox.replaceChildren();
        return;
      }
      renderResult(r);
      renderMonths(r);
      if (PROCESS_KINDS[r.kind] && !procSel.value) {
        procSel.value = PROCESS_KINDS[r.kind];
        syncTimelineFields();
      }
      computeTimeline();
    }

    /** @param {Deadline} r */
    function renderResult(r) {
      const rows = [
        [t('期限', 'Deadline'), tx(ctx, r.label)],
        [t('起算事件', 'Start event'), `${sentence(r.startEvent)}${t('：', ': ')}${ctx.lang === 'en' ? r.from : r.fromZh}`],
      ];
      if (r.countingStarts) rows.push([t('开始计算', 'Counting starts'), r.countingStarts]);
      if (r.nominalDue && r.nominalDue !== r.due) rows.push([t('名义截止日', 'Nominal last day'), r.nominalDue]);
      rows.push([t('天数', 'Days'), r.counting === 'working-days' ? t(`${r.days} 个工作日`, `${r.days} working days`)
        : r.counting === 'calendar-days' ? t(`${r.days} 日`, `${r.days} calendar days`) : t(`距起算日 ${r.days} 日`, `${r.days} days after the start`)]);
      rows.push([t('依据', 'Basis'), [basisText(r.basis), ' ', r.cite ? citeEl(r.cite, { label: t('查看条文', 'Read the article') }) : null]]);
      rows.push([t('计算规则', 'Counting rule'), tx(ctx, r.countingRule)]);
      const years = (r.yearsRelied || []).map((y) => (y.covered ? `${y.year}`
        : y.statutory ? `${y.year}${t('（尚无通知：已计法定节假日，未计连休和调休）', ' (no notice yet: statutory holidays counted, not the bridging or make-up days)')}`
          : `${y.year}${t('（无通知：只计周末）', ' (no notice: weekends only)')}`)).join(t('、', ', '));
      rows.push([t('所依据的放假通知年份', 'Holiday notices relied on'), years]);

      let left = null;
      if (r.today) {
        const cls = r.overdue ? 'dl-left dl-left--overdue' : r.dueToday ? 'dl-left dl-left--today' : 'dl-left';
        const text = r.overdue
          ? t(`已逾期 ${-r.calendarDaysLeft} 日（${-r.workingDaysLeft} 个工作日）`, `Overdue by ${-r.calendarDaysLeft} days (${-r.workingDaysLeft} working days)`)
          : r.dueToday ? t('今天是最后一天', 'Today is the last day')
            : t(`还剩 ${r.workingDaysLeft} 个工作日（${r.calendarDaysLeft} 日）`, `${r.workingDaysLeft} working days left (${r.calendarDaysLeft} days)`);
        left = el('p', { class: cls }, `${t('今天', 'Today')} ${r.today}${t('：', ': ')}${text}`);
      }
      let inTime = null;
      if (r.filedOn) {
        inTime = el('p', { class: r.inTime ? 'dl-intime' : 'dl-intime dl-intime--late' },
          r.inTime ? t(`${r.filedOn} 提交：在期限内`, `Filed ${r.filedOn}: in time`) : t(`${r.filedOn} 提交：已超过期限`, `Filed ${r.filedOn}: too late`));
      }
      const warnings = (r.warnings || []).map((w) => el('li', {}, sentence(w)));
      const notes = (r.notes || []).map((n) => el('li', {}, sentence(n)));
      const skipped = (r.skipped || []).map((d) => el('li', {}, el('time', { datetime: d.date }, d.date), ` ${tx(ctx, d.weekday)} · ${tx(ctx, d.label)}`));

      result.replaceChildren(...[
        el('p', { class: 'dl-due' }, t('截止日：', 'Due: '),
          el('time', { datetime: r.due, class: 'dl-due-date' }, ctx.lang === 'en' ? r.due : r.dueZh), ` ${tx(ctx, r.dueWeekday)}`),
        left, inTime,
        warnings.length ? el('ul', { class: 'dl-warnings' }, warnings) : null,
        notes.length ? el('ul', { class: 'dl-notes' }, notes) : null,
        el('dl', { class: 'dl-facts' }, rows.map(([a, b]) => [el('dt', {}, a), el('dd', {}, b)])),
        skipped.length ? el('details', { class: 'dl-skipped' }, el('summary', {}, t(`跳过的休息日（${skipped.length}）`, `Rest days skipped (${skipped.length})`)), el('ul', {}, skipped)) : null,
      ].filter(Boolean));
    }

    /** Month grids from the start month to the due month (at most 3), skipped days marked. */
    /** @param {Deadline} r */
    function renderMonths(r) {
      const skipped = new Set((r.skipped || []).map((d) => d.date));
      const [fy, fm] = r.from.split('-').map(Number);
      const [dy, dm] = r.due.split('-').map(Number);
      const months = [];
      let y = fy; let m = fm;
      while ((y < dy || (y === dy && m <= dm)) && months.length < 3) {
        months.push([y, m]);
        m += 1;
        if (m > 12) { m = 1; y += 1; }
      }
      if (months.length === 3 && (y < dy || (y === dy && m <= dm))) months[2] = [dy, dm];
      const grids = [];
      for (const [yy, mm] of months) {
        /** @type {MonthResult} */
        let mon;
        try {
          mon = ctx.api.calendarMonth(withHolidays({ year: yy, month: mm }));
        } catch (e) {
          grids.push(el('p', { class: 'dl-error', role: 'alert' }, errorNodes(e)));
          continue;
        }
        grids.push(monthTable(mon, r, skipped));
      }
      const legend = el('ul', { class: 'dl-legend' },
        el('li', {}, el('span', { class: 'dl-swatch dl-day--work' }), t('工作日', 'Working day')),
        el('li', {}, el('span', { class: 'dl-swatch dl-day--weekend' }), t('周末', 'Weekend')),
        el('li', {}, el('span', { class: 'dl-swatch dl-day--holiday' }), t('法定节假日', 'Holiday')),
        el('li', {}, el('span', { class: 'dl-swatch dl-day--makeup' }), t('调休上班', 'Make-up working day')),
        el('li', {}, el('span', { class: 'dl-swatch dl-swatch--skipped' }), t('计算时跳过', 'Skipped in the count')),
        el('li', {}, el('span', { class: 'dl-swatch dl-swatch--start' }), t('起算日', 'Start date')),
        el('li', {}, el('span', { class: 'dl-swatch dl-swatch--due' }), t('截止日', 'Due date')));
      monthBox.replaceChildren(...grids, legend);
    }

    /** @param {MonthResult} mon @param {Deadline} r @param {Set<string>} skipped */
    function monthTable(mon, r, skipped) {
      const heads = ctx.lang === 'en' ? ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] : ['一', '二', '三', '四', '五', '六', '日'];
      const rows = [];
      let cells = [];
      for (let i = 1; i < mon.firstWeekday; i += 1) cells.push(el('td', { class: 'dl-empty' }));
      for (const d of mon.days) {
        const cls = ['dl-day', REASON_CLASS[d.reason] || ''];
        if (skipped.has(d.date)) cls.push('dl-day--skipped');
        if (d.date === r.from) cls.push('dl-day--start');
        if (d.date === r.due) cls.push('dl-day--due');
        if (!d.covered) cls.push('dl-day--guess');
        const title = `${d.date} ${tx(ctx, d.weekday)} · ${tx(ctx, d.label)}${d.date === r.due ? ` · ${t('截止日', 'due')}` : ''}${d.date === r.from ? ` · ${t('起算日', 'start')}` : ''}`;
        cells.push(el('td', { class: cls.join(' '), title }, el('time', { datetime: d.date, 'aria-hidden': 'true' }, String(Number(d.date.slice(8)))), el('span', { class: 'sr-only' }, title)));
        if (cells.length === 7) { rows.push(el('tr', {}, cells)); cells = []; }
      }
      if (cells.length) {
        while (cells.length < 7) cells.push(el('td', { class: 'dl-empty' }));
        rows.push(el('tr', {}, cells));
      }
      return el('table', { class: 'dl-month' },
        el('caption', {}, ctx.lang === 'en' ? `${mon.year}-${String(mon.month).padStart(2, '0')}` : `${mon.year}年${mon.month}月`),
        el('thead', {}, el('tr', {}, heads.map((x) => el('th', { scope: 'col' }, x)))),
        el('tbody', {}, rows));
    }

    // ------------------------------------------------------------------------------------
    function syncTimelineFields() {
      const p = procSel.value;
      for (const k of REPAIR_FIELDS) tl[k].wrap.hidden = p !== 'repair';
      for (const k of OBJECTION_FIELDS) tl[k].wrap.hidden = p !== 'objection';
    }

    function computeTimeline() {
      clearErrors(tlErr, ...Object.values(tl).map((f) => f.err));
      const p = procSel.value;
      if (!p || !fromIn.value) { timelineOut.replaceChildren(); return; }
      const input = withHolidays({ process: p, from: fromIn.value, today: ctx.today || null });
      const fields = p === 'repair' ? REPAIR_FIELDS : OBJECTION_FIELDS;
      for (const k of fields) if (tl[k].input.value) input[k] = tl[k].input.value;
      /** @type {Timeline} */
      let r;
      try {
        r = ctx.api.timeline(input);
      } catch (e) {
        const map = Object.fromEntries(Object.entries(tl).map(([k, f]) => [k, f.err]));
        map.from = fFrom.err;
        showError(e, map, tlErr);
        timelineOut.replaceChildren();
        return;
      }
      const items = r.steps.map((s) => {
        const badges = [];
        if (s.actual) badges.push(el('span', { class: 'dl-badge dl-badge--actual' }, t('实际', 'actual')));
        if (s.projected) badges.push(el('span', { class: 'dl-badge dl-badge--projected' }, t('推算', 'projected')));
        if (s.branch) badges.push(el('span', { class: 'dl-badge' }, s.branch === 'refused' ? t('若不予修复', 'if refused') : t('若予以修复', 'if repaired')));
        if (s.inTime === true) badges.push(el('span', { class: 'dl-badge dl-badge--ok' }, t('按时', 'in time')));
        if (s.inTime === false) badges.push(el('span', { class: 'dl-badge dl-badge--late' }, t('逾期', 'late')));
        const d = s.deadline;
        let left = null;
        if (d && d.today) {
          left = el('span', { class: d.overdue ? 'dl-left dl-left--overdue' : 'dl-left' },
            d.overdue ? t(`已过 ${-d.workingDaysLeft} 个工作日`, `${-d.workingDaysLeft} working days ago`)
              : t(`还剩 ${d.workingDaysLeft} 个工作日`, `${d.workingDaysLeft} working days left`));
        }
        const notes = (s.notes || []).map((n) => el('li', {}, sentence(n)));
        return el('li', { class: s.type === 'deadline' ? 'dl-step dl-step--deadline' : 'dl-step' },
          el('time', { datetime: s.date, class: 'dl-step-date' }, ctx.lang === 'en' ? s.date : s.dateZh), ' ',
          el('span', { class: 'dl-step-label' }, tx(ctx, s.label)), ' ', badges.flatMap((b) => [b, ' ']), left,
          d ? el('p', { class: 'dl-basis' }, basisText(d.basis), ' ', d.cite ? citeEl(d.cite, { label: t('查看条文', 'Read the article') }) : null) : null,
          notes.length ? el('ul', { class: 'dl-notes' }, notes) : null);
      });
      const warnings = (r.warnings || []).map((w) => el('li', {}, sentence(w)));
      const notes = (r.notes || []).map((n) => el('li', {}, sentence(n)));
      timelineOut.replaceChildren(...[
        el('h3', {}, tx(ctx, r.label)),
        warnings.length ? el('ul', { class: 'dl-warnings' }, warnings) : null,
        notes.length ? el('ul', { class: 'dl-notes' }, notes) : null,
        el('ol', { class: 'dl-timeline' }, items),
      ].filter(Boolean));
    }

    for (const e of [kindSel, fromIn, daysIn, filedIn]) e.addEventListener('change', computeDeadline);
    daysIn.addEventListener('input', computeDeadline);
    procSel.addEventListener('change', () => { syncTimelineFields(); computeTimeline(); });
    for (const [k, f] of Object.entries(tl)) if (k !== 'process') f.input.addEventListener('change', computeTimeline);
    form.addEventListener('submit', (e) => { e.preventDefault(); computeDeadline(); });
    tlForm.addEventListener('submit', (e) => { e.preventDefault(); computeTimeline(); });

    syncTimelineFields();
    computeDeadline();
  },
};
