// Several versions of a bureau's rule set in the self-assessment (issue 17, point 5): the rule files
// read (several at once, or one holding an array of versions; 「添加一个版本」 adds to those loaded),
// the versions listed with a way to remove each, and which applies on the as-of date and why. The
// choice is the core's (`rulesInForce` in the tools module: src/rules/versions.rs), the same as the
// command line's and the batch's. Loaded with the first rule file, never by the first screen.
// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条（指标另行制定并更新）、第二十条（按评价期间评价）.
import { h } from '../dom.js';
import { t, tx } from '../i18n.js';
/** @import { ViewContext } from './context.js' */
/** @import { RuleSet, RuleSetDoc, RulesInfo, Text } from '../yibao-credit.js' */
/** @typedef {{at: number, none: Text | null, says: Text | null, asOf: string | null, first?: string, versions?: RulesInfo[]}} Pick */

/** A rule file's size limit (as the checker's). */
const MAX = 2 * 1024 * 1024;

/** A version's text, checked: {text, hash, id, types}, or {errors}. @param {ViewContext['api']} api @param {string} text */
function entry(api, text) {
  const report = api.checkRules(text);
  if (!report.valid) return { errors: report.errors };
  let rs;
  try { rs = new api.RuleSet(text); } catch (e) { return { errors: [e] }; }
  try { return { text, hash: rs.info.hash, id: rs.info.id, types: rs.doc.subjectTypes }; } finally { rs.free(); }
}

/** The texts of the versions a rule file holds: an array's documents, else the file itself. @param {string} text */
function texts(text) {
  try {
    const v = JSON.parse(text);
    if (Array.isArray(v)) return v.map((d) => JSON.stringify(d));
  } catch (_) { /* the checker says what is wrong with it */ }
  return [text];
}

/**
 * The files chosen, checked, after the versions loaded before (`kept`: the rule file kept, or
 * null). {text: what to keep (one document, or an array of the versions), first: the first
 * version's hash, types: its subject types} or {errors, name}. A version given twice is kept once;
 * versions of another rule set (another id) are refused.
 * @param {ViewContext['api']} api @param {File[]} files @param {string | null} kept
 */
export async function readRuleFiles(api, files, kept) {
  const all = [];
  const add = (e) => { if (!all.some((a) => a.hash === e.hash)) all.push(e); };
  for (const x of kept ? texts(kept) : []) { const e = entry(api, x); if (!e.errors) add(e); }
  for (const f of files) {
    if (f.size > MAX) return { errors: [{ zh: '文件超过 2 MB', en: 'file larger than 2 MB' }], name: f.name };
    const list = texts(await f.text());
    if (!list.length) return { errors: [{ zh: '文件中没有任何指标版本', en: 'the file holds no version of a rule set' }], name: f.name };
    for (const x of list) {
      const e = entry(api, x);
      if (e.errors) return { errors: e.errors, name: f.name };
      add(e);
    }
  }
  const ids = [...new Set(all.map((a) => a.id))];
  if (ids.length > 1) return { errors: [{ zh: `这些文件不是同一套指标的不同版本（指标编号：${ids.join('、')}）`, en: `these files are not versions of one rule set (rule-set ids: ${ids.join(', ')})` }] };
  return { text: all.length === 1 ? all[0].text : `[${all.map((a) => a.text).join(',')}]`, first: all[0].hash, types: all[0].types };
}

/**
 * The version in force on `asOf`, as the core chooses it; `was`: the last choice, `rules`: the
 * rule set the form shows. With none in force the form keeps the version shown (or the last) and
 * `none` says why, and no result is drawn; while the date is not a date (being typed, or cleared)
 * the version shown stays, and the result says what is wrong with the date.
 * @param {ViewContext['api']} api @param {RuleSetDoc[]} docs @param {string} asOf @param {Pick} was @param {RuleSet | null} rules
 * @returns {{rules: RuleSet | null, rulesError: any, pick: Pick}}
 */
export function pick(api, docs, asOf, was, rules) {
  const p = { ...was, asOf };
  let out = null;
  try {
    if (!p.first) { const rs = new api.RuleSet(docs[0]); p.first = rs.info.hash; rs.free(); }
    out = api.rulesInForce({ rules: docs, asOf });
  } catch (e) {
    if (!String(e && e.path).startsWith('$.asOf')) return { rules: null, rulesError: e, pick: p };
  }
  if (out) Object.assign(p, { says: out.says, versions: out.versions });
  p.none = out && out.inForce === null ? out.says : null;
  const at = out && out.inForce !== null ? out.inForce : p.at >= 0 ? p.at : docs.length - 1;
  if (at === p.at && rules) return { rules, rulesError: null, pick: p };
  try {
    const next = new api.RuleSet(docs[at]);
    p.at = at;
    return { rules: next, rulesError: null, pick: p };
  } catch (e) { return { rules: null, rulesError: e, pick: p }; }
}

/** Says which version applies (or that none does) in `line`. @param {HTMLElement} line @param {Pick} p */
export function say(line, p) {
  line.className = p.none ? 'alert' : 'note';
  line.textContent = p.says ? tx(p.says) : '';
}

/** 「2025-01-01 至 2026-06-30」, 「2026-07-01 起施行」 @param {RulesInfo} v */
function span(v) {
  return v.effectiveTo ? t(`${v.effectiveFrom} 至 ${v.effectiveTo}`, `${v.effectiveFrom} to ${v.effectiveTo}`) : t(`${v.effectiveFrom} 起施行`, `in force from ${v.effectiveFrom}`);
}

/**
 * The versions loaded, each with its dates and a button removing it, under the line saying which
 * applies. @param {HTMLElement} line @param {Pick} p @param {(i: number) => void} remove
 */
export function list(line, p, remove) {
  say(line, p);
  return h('div', { class: 'versions', id: 'rules-versions' }, line,
    h('ul', { 'aria-label': t('已载入的指标版本', 'Versions loaded') }, (p.versions || []).map((v, i) => h('li', {},
      h('strong', {}, t(`${v.version} 版`, `Version ${v.version}`)), ` ${span(v)} `,
      h('button', { type: 'button', class: 'ghost', 'aria-label': t(`移除 ${v.version} 版`, `Remove version ${v.version}`), onclick: () => remove(i) }, t('移除', 'Remove'))))));
}

/**
 * After a version is removed: the answers kept for the other subject types under the first
 * version's hash go under the new first version's (`doc`), so they stay reachable.
 * @param {ViewContext['api']} api @param {Record<string, any>} kept @param {string | null} from @param {RuleSetDoc} doc
 */
export function rekey(api, kept, from, doc) {
  let to;
  try { const rs = new api.RuleSet(doc); to = rs.info.hash; rs.free(); } catch (_) { return; }
  if (!from || from === to) return;
  for (const k of Object.keys(kept)) {
    if (k.startsWith(`rules:${from}:`)) { kept[`rules:${to}:${k.slice(from.length + 7)}`] = kept[k]; delete kept[k]; }
  }
}

/** A rule file refused, with its errors (the rules in use stay). @param {any[]} errors @param {string} [name] */
export function errorsBox(errors, name) {
  return h('div', { class: 'error', role: 'alert', id: 'rules-errors' },
    h('p', {}, t(`指标文件${name ? '“' + name + '”' : ''}有误，未采用，仍使用原指标：`, `The rule file${name ? ' "' + name + '"' : ''} has errors and was not used; the previous rules stay in force:`)),
    h('ul', {}, errors.slice(0, 20).map((er) => h('li', {}, er.path ? h('code', {}, er.path) : null, er.path ? ' ' : null, t(er.zh, er.en)))),
    errors.length > 20 ? h('p', {}, t(`另有 ${errors.length - 20} 处`, `${errors.length - 20} more`)) : null);
}
