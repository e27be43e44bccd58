// 比较两个版本 / Compare two versions: two indicator lists (the one being edited, a shipped sample,
// or a rule file) compared by the tools module's `diffRules` — indicators added, removed, moved,
// re-weighted, scored differently; bands and direct-grade rules — and what that does to the
// self-assessment saved in this browser and to a batch file (how many change grade, which).
// 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至十九条.
import { h, put } from '../dom.js';
import { t, tx } from '../i18n.js';
import * as store from '../store.js';
import { ALL } from '../loader.js';
import { decode } from './table.js';

const NAMES = {
  'medical-institution': ['内置：定点医疗机构（示例）', 'Built-in: medical institutions (sample)'],
  'retail-pharmacy': ['内置：定点零售药店（示例）', 'Built-in: retail pharmacies (sample)'],
  practitioner: ['内置：医保医师、药师（示例）', 'Built-in: physicians and pharmacists (sample)'],
  insured: ['内置：参保人员（示例）', 'Built-in: insured persons (sample)'],
};

/** The self-assessment saved in this browser as `evaluate` reads it, or null. */
function savedCase() {
  const s = store.load('assess').value;
  if (!s || !s.type || !s.asOf) return null;
  const out = {
    subject: { type: s.type, name: s.name || '', code: s.code || '' },
    asOf: s.asOf,
    facts: s.facts || {},
    events: (s.events || []).filter((e) => e && e.kind && e.date),
  };
  if (s.periodFrom && s.periodTo) out.period = { from: s.periodFrom, to: s.periodTo };
  return out;
}

/** @param {any} ctx @param {() => any} getDoc the list being edited (or null) */
export function compareSection(ctx, getDoc) {
  const { api } = ctx;
  const files = { a: null, b: null }; // side → {name, doc}
  const result = h('div', { id: 'cmp-result', class: 'ed-diff', 'aria-live': 'polite' });

  function side(key, label, initial) {
    const selId = `cmp-${key}`;
    const fileId = `cmp-file-${key}`;
    const select = h('select', { id: `cmp-${key}` },
      h('option', { value: 'current' }, t('正在编辑的指标', 'The list being edited')),
      ALL.map((n) => h('option', { value: n, selected: n === initial }, t(...NAMES[n]))));
    const msg = h('p', { class: 'ed-file-msg', id: `cmp-msg-${key}` });
    const fileIn = h('input', { type: 'file', id: fileId, class: 'file', accept: '.json,application/json', onchange: async (e) => {
      const f = e.target.files && e.target.files[0];
      if (!f) return;
      let doc;
      try { doc = JSON.parse(decode(new Uint8Array(await f.arrayBuffer()))); } catch (_) {
        put(msg, h('span', { class: 'error', role: 'alert' }, t(`“${f.name}”不是指标文件（JSON）。`, `"${f.name}" is not a rule file (JSON).`)));
        return;
      }
      files[key] = { name: f.name, doc };
      select.querySelector('option[value="file"]')?.remove();
      select.appendChild(h('option', { value: 'file', selected: true }, t(`文件：${f.name}`, `File: ${f.name}`)));
      put(msg);
    } });
    return h('div', { class: 'field' },
      h('label', { for: selId }, label), select,
      h('div', { class: 'row' }, h('label', { class: 'button', for: fileId }, t('或选择指标文件…', 'Or choose a rule file…')), fileIn),
      msg);
  }

  const a = side('a', t('旧版', 'Old version'), 'retail-pharmacy');
  const b = side('b', t('新版', 'New version'), null);
  const caseBox = h('input', { type: 'checkbox', id: 'cmp-case' });
  const batchMsg = h('span', { id: 'cmp-batch-name', class: 'muted' });
  let batchText = null;
  const batchIn = h('input', { type: 'file', id: 'cmp-batch', class: 'file', accept: '.csv,text/csv', onchange: async (e) => {
    const f = e.target.files && e.target.files[0];
    if (!f) return;
    try { batchText = decode(new Uint8Array(await f.arrayBuffer())); batchMsg.textContent = f.name; } catch (err) { batchText = null; batchMsg.textContent = t(err.zh, err.en); }
  } });
  const asOf = h('input', { type: 'date', id: 'cmp-as-of', value: ctx.today });

  function pick(key, el) {
    const v = el.querySelector('select').value;
    if (v === 'current') return getDoc();
    if (v === 'file') return files[key] && files[key].doc;
    return v;
  }

  async function run() {
    const A = pick('a', a);
    const B = pick('b', b);
    if (!A || !B) { put(result, h('p', { class: 'error', role: 'alert' }, t('请先选择两个版本（正在编辑的指标为空时请选择其他版本）。', 'Choose both versions first (the list being edited is empty).'))); return; }
    const input = { a: A, b: B };
    if (caseBox.checked) {
      const c = savedCase();
      if (c) input.input = c;
    }
    if (batchText !== null) { input.batch = batchText; input.asOf = asOf.value; }
    put(result, h('p', { role: 'status' }, t('正在比较…', 'Comparing…')));
    let d;
    try {
      d = api.diffRules(input);
    } catch (e) {
      const where = e.path && e.path.startsWith('$.a') ? t('旧版', 'The old version') : e.path && e.path.startsWith('$.b') ? t('新版', 'The new version') : '';
      put(result, h('p', { class: 'error', role: 'alert' }, where ? `${where}：` : '', t(e.zh || String(e), e.en || String(e))));
      return;
    }
    show(d);
  }

  /** Which version is in force on the as-of date (their effective dates). */
  function inForce(d, date) {
    if (!date) return null;
    const span = (r) => `${r.effectiveFrom} ${t('至', 'to')} ${r.effectiveTo || t('（未定）', '(open)')}`;
    const on = (r) => date >= r.effectiveFrom && (!r.effectiveTo || date <= r.effectiveTo);
    const [oa, ob] = [on(d.a), on(d.b)];
    const which = oa && ob ? t('两版都在施行期内：请给新版设定施行日期，或给旧版设定失效日期', 'both are in force: give the new version its start date, or the old one an end date')
      : oa ? t('旧版', 'the old version') : ob ? t('新版', 'the new version') : t('两版都不在施行期内', 'neither');
    return h('p', { id: 'cmp-in-force' }, t(`施行期：旧版 ${span(d.a)}；新版 ${span(d.b)}。${date} 施行的是：${which}。`, `In force: old ${span(d.a)}; new ${span(d.b)}. On ${date}: ${which}.`));
  }

  function indName(r) { return `${r.code} ${tx(r.name)}`; }
  function show(d) {
    const ch = d.indicators.changed;
    const what = (c) => [
      c.moved ? t(`移动（${c.a.path.join(' › ') || '—'} → ${c.b.path.join(' › ') || '—'}）`, `moved (${c.a.path.join(' › ') || '—'} → ${c.b.path.join(' › ') || '—'})`) : null,
      c.reweighted ? t(`分值 ${c.a.points} → ${c.b.points}`, `points ${c.a.points} → ${c.b.points}`) : null,
      c.renamed ? t(`名称改为“${c.b.name.zh}”`, `renamed "${tx(c.b.name)}"`) : null,
      c.recoded ? t(`代码 ${c.a.code} → ${c.b.code}`, `code ${c.a.code} → ${c.b.code}`) : null,
      c.scoring ? t(`计分方式：${c.scoringA.zh} → ${c.scoringB.zh}`, `scoring: ${tx(c.scoringA)} → ${tx(c.scoringB)}`) : null,
      c.cite ? t('依据改变', 'legal basis changed') : null,
    ].filter(Boolean).join('；');
    const table = (head, rows) => h('table', {}, h('thead', {}, h('tr', {}, head.map((x) => h('th', { scope: 'col' }, x)))), h('tbody', {}, rows));
    const parts = [
      h('h3', {}, t('比较结果', 'Result')),
      h('p', {}, t(`旧版 ${d.a.id} ${d.a.version} → 新版 ${d.b.id} ${d.b.version}`, `Old ${d.a.id} ${d.a.version} → new ${d.b.id} ${d.b.version}`),
        d.identical ? h('strong', {}, t('：内容完全相同。', ': the same content.')) : null),
      h('p', { id: 'cmp-counts' }, t(`指标：新增 ${d.indicators.added.length} 项，删除 ${d.indicators.removed.length} 项，改变 ${ch.length} 项，未变 ${d.indicators.unchanged} 项。`,
        `Indicators: ${d.indicators.added.length} added, ${d.indicators.removed.length} removed, ${ch.length} changed, ${d.indicators.unchanged} unchanged.`)),
      d.scale ? h('p', {}, t(`满分 ${d.scale[0]} → ${d.scale[1]}`, `Full score ${d.scale[0]} → ${d.scale[1]}`)) : null,
      inForce(d, asOf.value),
    ];
    if (d.indicators.added.length || d.indicators.removed.length || ch.length) {
      parts.push(table([t('指标', 'Indicator'), t('变化', 'Change')], [
        ...d.indicators.added.map((r) => h('tr', {}, h('td', {}, indName(r)), h('td', {}, t(`新增（${r.points} 分）`, `added (${r.points} points)`)))),
        ...d.indicators.removed.map((r) => h('tr', {}, h('td', {}, indName(r)), h('td', {}, t(`删除（原 ${r.points} 分）`, `removed (was ${r.points} points)`)))),
        ...ch.map((c) => h('tr', {}, h('td', {}, indName(c.a)), h('td', {}, what(c)))),
      ]));
    }
    const bands = d.bands;
    if (bands.added.length || bands.removed.length || bands.changed.length) {
      parts.push(h('h3', {}, t('信用等级的变化', 'Grade bands changed')), h('ul', {},
        bands.added.map((x) => h('li', {}, t(`新增等级 ${x.grade}（${x.label.zh}，${x.min} 分起）`, `band ${x.grade} added (${tx(x.label)}, from ${x.min})`))),
        bands.removed.map((x) => h('li', {}, t(`删除等级 ${x.grade}`, `band ${x.grade} removed`))),
        bands.changed.map((x) => h('li', {}, t(`等级 ${x.a.grade}：${x.a.min} 分起“${x.a.label.zh}” → ${x.b.min} 分起“${x.b.label.zh}”${x.a.side !== x.b.side ? '，类别改变' : ''}${x.a.label.en !== x.b.label.en ? `，英文名称 ${x.a.label.en} → ${x.b.label.en}` : ''}`,
          `band ${x.a.grade}: from ${x.a.min} "${tx(x.a.label)}" → from ${x.b.min} "${tx(x.b.label)}"${x.a.side !== x.b.side ? ', side changed' : ''}`)))));
    } else parts.push(h('p', {}, t('信用等级未变。', 'Grade bands unchanged.')));
    const dg = d.directGrades;
    if (dg.added.length || dg.removed.length || dg.changed.length) {
      parts.push(h('h3', {}, t('直接定级规则的变化', 'Direct-grade rules changed')), h('ul', {},
        dg.added.map((x) => h('li', {}, t(`新增：${x.reason.zh}（最高 ${x.grade} 级）`, `added: ${tx(x.reason)} (at most ${x.grade})`))),
        dg.removed.map((x) => h('li', {}, t(`删除：${x.reason.zh}`, `removed: ${tx(x.reason)}`))),
        dg.changed.map((x) => h('li', {}, t(`${x.a.reason.zh}：最高 ${x.a.grade} 级 → ${x.b.grade} 级${x.a.eventKinds.join() !== x.b.eventKinds.join() ? '，触发事件改变' : ''}`, `${tx(x.a.reason)}: at most ${x.a.grade} → ${x.b.grade}${x.a.eventKinds.join() !== x.b.eventKinds.join() ? ', trigger events changed' : ''}`)))));
    } else parts.push(h('p', {}, t('直接定级规则未变。', 'Direct-grade rules unchanged.')));
    if (d.eventKinds.added.length || d.eventKinds.removed.length) {
      parts.push(h('p', {}, t(`事件类型：新增 ${d.eventKinds.added.map((k) => k.name.zh || k.kind).join('、') || '无'}；删除 ${d.eventKinds.removed.map((k) => k.name.zh || k.kind).join('、') || '无'}。`,
        `Event kinds added: ${d.eventKinds.added.map((k) => tx(k.name) || k.kind).join(', ') || 'none'}; removed: ${d.eventKinds.removed.map((k) => tx(k.name) || k.kind).join(', ') || 'none'}.`)));
    }
    if (d.case) {
      const s = (x) => (x.error ? t(`无法评价（${x.error.zh}）`, `cannot be scored (${tx(x.error)})`) : `${x.score} ${t('分', 'points')} · ${x.grade}${x.complete ? '' : t('（尚未填完）', ' (not all answered)')}`);
      parts.push(h('h3', {}, t('对本机保存的自评的影响', 'Effect on the self-assessment saved here')),
        h('p', { id: 'cmp-case-result' }, t(`旧版：${s(d.case.a)}；新版：${s(d.case.b)}。`, `Old: ${s(d.case.a)}; new: ${s(d.case.b)}.`),
          h('strong', {}, d.case.gradeChanged ? t('等级改变。', ' The grade changes.') : t('等级不变。', ' The grade stays.'))));
    }
    if (d.batch) {
      const bt = d.batch;
      parts.push(h('h3', {}, t('对批量评价文件的影响', 'Effect on the batch file')),
        h('p', { id: 'cmp-batch-result' }, t(`共 ${bt.rows} 行（评价基准日 ${bt.asOf}），${bt.changed} 行等级改变。`, `${bt.rows} rows (as of ${bt.asOf}); ${bt.changed} change grade.`)),
        bt.moves.length ? h('ul', {}, bt.moves.map((m) => h('li', {}, t(`${m.from || '无等级'} → ${m.to || '无等级'}：${m.count} 行`, `${m.from || 'no grade'} → ${m.to || 'no grade'}: ${m.count}`)))) : null,
        bt.list.length ? table([t('行', 'Row'), t('名称', 'Name'), t('代码', 'Code'), t('旧版', 'Old'), t('新版', 'New')], bt.list.map((r) => h('tr', {},
          h('td', { class: 'num' }, String(r.row)), h('td', {}, r.name), h('td', {}, r.code),
          h('td', {}, r.gradeA ? `${r.scoreA ?? ''} ${r.gradeA}` : '—'), h('td', {}, r.gradeB ? `${r.scoreB ?? ''} ${r.gradeB}` : '—')))) : null,
        bt.truncated ? h('p', { class: 'note' }, t('只列出前 1000 行。', 'Only the first 1000 rows are listed.')) : null);
    }
    put(result, ...parts);
  }

  const el = h('section', { class: 'card ed-compare', 'aria-labelledby': 'cmp-h' },
    h('h2', { id: 'cmp-h' }, t('比较两个版本', 'Compare two versions')),
    h('p', { class: 'note' }, t('看新版指标改变了什么，以及对本机保存的自评和一批机构的等级有何影响（按各自答案分别用两版评分，不考虑指标的施行日期）。', 'See what a new version changes, and what it does to the self-assessment saved here and to a batch of subjects (each scored with both versions; the lists\' dates are not applied).')),
    h('div', { class: 'field-row' }, a, b),
    h('div', { class: 'row' }, caseBox, h('label', { for: 'cmp-case' }, t('包括本机保存的自评', 'Include the self-assessment saved here'))),
    h('div', { class: 'row' },
      h('label', { class: 'button', for: 'cmp-batch' }, t('批量评价文件（CSV，可选）…', 'Batch file (CSV, optional)…')), batchIn, batchMsg),
    h('div', { class: 'field' }, h('label', { for: 'cmp-as-of' }, t('批量评价的基准日', 'As-of date of the batch')), asOf),
    h('button', { type: 'button', id: 'cmp-run', onclick: run }, t('比较', 'Compare')),
    result);
  return { el };
}
