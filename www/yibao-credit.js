// yibao-credit JS API: a documented ES module over the WebAssembly core, for developers who build
// their own UI. Nothing is re-implemented here: every function is the core's.
// Types: ./yibao-credit.d.ts (generated from the Rust types by scripts/dts.mjs). Example: ./examples/api.html.
//
//   import { ready, RuleSet } from './yibao-credit.js';
//   await ready();                                   // the core, the tools and the shipped rule sets
//   const rs = RuleSet.forSubjectType('retail-pharmacy');
//   rs.score({ subject: { type: 'retail-pharmacy' }, asOf: '2026-11-23', facts: { 10101: true } });
//   // → { score, grade, complete, answers: {given, of}, reachable: {min, max, minGrade, maxGrade}, … }
//   const r = rs.evaluate({ subject: { type: 'retail-pharmacy', name: '某药房' }, asOf: '2026-11-23', facts: { 10101: true } });
//   r.score; r.grade; r.label.zh; r.measures; r.trace; r.rules.hash;
//
// Every function takes a plain object and returns a plain object (a JSON text is read with
// JSON.parse first). Errors are thrown as `Error` objects with `code`, `zh`, `en` and (when it
// applies) `path`. The core never reads the clock: pass `asOf` / `today` yourself.
//
// Two WebAssembly modules: the scoring core (`evaluate`, `score`, `rules`, `checkRules`, `RuleSet`)
// and the tools (`grade`, `validate`, `batch`, `batchTemplate`, `BatchRun`, `deadline`,
// `deadlineKinds`, `workday`, `calendarMonth`, `holidayNotices`, `timeline`, `repair`, `objection`,
// `paymentPoints`, `paymentPointsBatch`, `paymentPointsTemplate`, `publish`, `diffRules`, `rulesInForce`,
// `form`, `forms`, `compileRules`). `ready()` loads both and all shipped rule sets; `ready({ tools: false, rules: [...] })`
// loads less (then `toolsReady()` / `loadBuiltin(type)` before using the rest).
//
// The scoring core reads rule sets already checked and compiled (the shipped ones are compiled when
// the page is built). A rule-set document of your own — `new RuleSet(doc)`, `checkRules(doc)`,
// `evaluate({rules: doc, …})` — is checked and compiled by the tools module, so it needs the tools
// loaded (`ready()` does; after `ready({tools: false})` these throw / report `E_RULES_NEED_TOOLS`
// until `toolsReady()`). To score a document many times without the tools module, compile it once
// (`compileRules(doc)`, or `yibao-credit compile-rules FILE` on the command line) and give the
// compiled form to `new RuleSet(compiled)`.
import init, * as core from './pkg/yibao_credit.js';
import { give, loadTools, loadBuiltin as giveBuiltin, ALL, builtinName } from './loader.js';
// The tools' forwarders have the types wasm-bindgen declares for the tools module (tsc checks them).
/** @import * as Tools from './pkg/yibao_tools.js' */

export { evaluate, score, rules, checkRules, RuleSet } from './pkg/yibao_credit.js';

let loading = null;
let loaded = false;
let tools = null;

/**
 * Loads the core (once; later calls return the same promise), then, by default, the tools module
 * and every shipped rule set. `options` may be a wasm source for the core (a URL, a `Response`,
 * bytes or a `WebAssembly.Module`), or `{wasm, tools: true|false, rules: 'all' | [type or name…]}`.
 */
export function ready(options) {
  if (!loading) {
    const o = options && typeof options === 'object' && !(options instanceof URL) && !ArrayBuffer.isView(options)
      && !(options instanceof ArrayBuffer) && !(typeof Response !== 'undefined' && options instanceof Response)
      && !(typeof WebAssembly !== 'undefined' && options instanceof WebAssembly.Module) ? options : { wasm: options };
    const names = o.rules === undefined || o.rules === 'all' ? ALL : o.rules.map(builtinName).filter(Boolean);
    loading = (async () => {
      await init(o.wasm === undefined ? undefined : { module_or_path: o.wasm });
      await give(core, names);
      if (o.tools !== false) tools = await loadTools();
      loaded = true;
    })();
    loading.catch(() => { loading = null; });
  }
  return loading;
}

/** True once `ready()` has finished. */
export function isReady() { return loaded; }

/** Loads the tools module (batch, deadlines, repair, forms); `ready()` does it unless told not to. */
export async function toolsReady() {
  tools = await loadTools();
  return tools;
}

/** Fetches a shipped rule set (by subject type or name) and hands it to the loaded modules. */
export function loadBuiltin(typeOrName) { return giveBuiltin(typeOrName); }

function need(name) {
  if (!tools) {
    throw Object.assign(new Error(`${name}: call await ready() (or toolsReady()) first`), {
      code: 'E_NOT_READY', zh: `${name}：请先 await ready()（或 toolsReady()）`, en: `${name}: call await ready() (or toolsReady()) first`,
    });
  }
  return tools[name];
}

/** Grade, label and measures of a known score (in the tools module; `RuleSet.score` grades as it scores). @type {typeof Tools.grade} */
export const grade = (input) => need('grade')(input);
/** A 统一社会信用代码 or ID number checked, with what each position means (the code check; in the tools module). @type {typeof Tools.validate} */
export const validate = (input) => need('validate')(input);
/** @type {typeof Tools.batch} */
export const batch = (input) => need('batch')(input);
/** @type {typeof Tools.batchTemplate} */
export const batchTemplate = (input) => need('batchTemplate')(input);
/** @type {typeof Tools.deadline} */
export const deadline = (input) => need('deadline')(input);
/** @type {typeof Tools.deadlineKinds} */
export const deadlineKinds = (input) => need('deadlineKinds')(input);
/** @type {typeof Tools.workday} */
export const workday = (input) => need('workday')(input);
/** @type {typeof Tools.calendarMonth} */
export const calendarMonth = (input) => need('calendarMonth')(input);
/** The holiday notices in force and the statutory holidays of a year without one. @type {typeof Tools.holidayNotices} */
export const holidayNotices = (input) => need('holidayNotices')(input);
/** @type {typeof Tools.timeline} */
export const timeline = (input) => need('timeline')(input);
/** @type {typeof Tools.repair} */
export const repair = (input) => need('repair')(input);
/** @type {typeof Tools.objection} */
export const objection = (input) => need('objection')(input);
/** 医保支付资格记分 (the shipped models `national` and `example-province` are loaded with the tools). @type {typeof Tools.paymentPoints} */
export const paymentPoints = (input) => need('paymentPoints')(input);
/** 医保支付资格记分 for a list of persons (CSV: one record a row) → per person the points and the consequence. @type {typeof Tools.paymentPointsBatch} */
export const paymentPointsBatch = (input) => need('paymentPointsBatch')(input);
/** The CSV template of that list. @type {typeof Tools.paymentPointsTemplate} */
export const paymentPointsTemplate = (input) => need('paymentPointsTemplate')(input);
/** The publication package of a batch (汕尾 第二十一至二十三条): `{files: [{path, content}], report}`. @type {typeof Tools.publish} */
export const publish = (input) => need('publish')(input);
/** Two versions of a rule set compared, and the effect on a self-assessment or a batch. @type {typeof Tools.diffRules} */
export const diffRules = (input) => need('diffRules')(input);
/** Of several versions of a rule set, the one in force on the as-of date, and why. @type {typeof Tools.rulesInForce} */
export const rulesInForce = (input) => need('rulesInForce')(input);
/** A rule-set document checked and compiled into what `new RuleSet(…)` reads without the tools module; throws the checker's first error. @type {typeof Tools.compileRules} */
export const compileRules = (input) => need('compileRules')(input);
/** @type {typeof Tools.form} */
export const form = (input) => need('form')(input);
/** @type {typeof Tools.forms} */
export const forms = (input) => need('forms')(input);

/** A batch fed piece by piece: `new BatchRun({asOf, type?, rules?})`, `push(text)`, `finish()`, `free()`. */
export class BatchRun {
  constructor(options) { this.inner = new (need('BatchRun'))(options); }
  push(text) { return this.inner.push(text); }
  finish() { return this.inner.finish(); }
  free() { this.inner.free(); }
}

/** The message of an error thrown by the core, in `lang` (`zh` first, `en`). */
export function errorMessage(e, lang = 'zh') {
  if (e && e.code && e.zh) return lang === 'en' ? `${e.en} [${e.code}]` : `${e.zh}（${e.en}）[${e.code}]`;
  return String(e && e.message ? e.message : e);
}
