// yibao-credit JS API: a documented ES module over the WebAssembly core, for developers who build
// their own UI. Nothing is re-implemented here: every function is the core's, re-exported.
// Types: ./yibao-credit.d.ts. Example: ./examples/api.html.
//
//   import { ready, evaluate, RuleSet } from './yibao-credit.js';
//   await ready();                                   // loads ./pkg/yibao_credit_bg.wasm once
//   const rs = RuleSet.forSubjectType('retail-pharmacy');
//   const r = rs.evaluate({ subject: { type: 'retail-pharmacy', name: '某药房' }, asOf: '2026-11-23', facts: { '10101': true } });
//   r.score; r.grade; r.label.zh; r.measures; r.trace; r.rules.hash;
//
// Every function takes a plain object (or its JSON text) and returns a plain object. Errors are
// thrown as `Error` objects with `code`, `zh`, `en` and (when it applies) `path` (a JSON path).
// The core never reads the clock: pass `asOf` / `today` yourself.
import init from './pkg/yibao_credit.js';

export {
  evaluate, grade, rules, checkRules, deadline, deadlineKinds, workday, calendarMonth, timeline,
  validate, repair, objection, form, forms, batch, batchTemplate, commands, callJson, RuleSet, BatchRun,
} from './pkg/yibao_credit.js';

let loading = null;

/**
 * Loads the wasm core (once; later calls return the same promise). `wasm` is optional: a URL,
 * a `Response`, bytes (`ArrayBuffer` / `Uint8Array`) or a `WebAssembly.Module`; by default the file
 * `pkg/yibao_credit_bg.wasm` next to this module.
 */
export function ready(wasm) {
  if (!loading) loading = init(wasm === undefined ? undefined : { module_or_path: wasm }).then(() => { loaded = true; });
  return loading;
}

let loaded = false;
/** True once `ready()` has finished. */
export function isReady() { return loaded; }

/** The message of an error thrown by the core, in `lang` (`zh` first, `en`). */
export function errorMessage(e, lang = 'zh') {
  if (e && e.code && e.zh) return lang === 'en' ? `${e.en} [${e.code}]` : `${e.zh}（${e.en}）[${e.code}]`;
  return String(e && e.message ? e.message : e);
}
