// Loads the core's two WebAssembly modules and hands them the shipped rule sets. Used by the JS API
// (yibao-credit.js), the page (app.js), the embedded component (embed.js) and the batch worker.
//
//   pkg/yibao_credit.js — the first screen: scoring, rule sets, identifiers
//   pkg/yibao_tools.js  — batch, deadlines and the calendar, repair, forms (loaded when needed)
//   rules/NAME.plan.json — the shipped sample rule sets, checked and compiled when the page was
//                         built (scripts/build.sh: `yibao-credit compile-rules`): data, fetched one
//                         by one as needed (the single-file build carries them as <script
//                         type="application/json" id="yc-rules-NAME"> blocks instead). The
//                         documents themselves are rules/NAME.json, for people and tests to read.
//   points/NAME.json    — the point-scoring models of 医保支付资格记分, handed to the tools module
//                         when it loads (single-file build: id="yc-points-NAME")
//
// Each module instance keeps its own copy of the rule sets it was given; `give(mod, names)` hands
// an instance the ones it lacks (a fresh instance after a trap gets them all again). `give` also
// gives a core module's `RuleSet` its fast `score` and `evaluate` (www/score-fast.js).
import { installFastPaths } from './score-fast.js';

/** The shipped rule sets and the subject types each covers (checked against the core by a test). */
export const BUILTINS = [
  ['medical-institution', ['medical-institution']],
  ['retail-pharmacy', ['retail-pharmacy']],
  ['practitioner', ['physician', 'pharmacist']],
  ['insured', ['insured']],
];

/** All shipped rule set names. */
export const ALL = BUILTINS.map(([n]) => n);

/** The shipped rule set covering a subject type (or the name itself), or null. */
export function builtinName(typeOrName) {
  const hit = BUILTINS.find(([n, types]) => n === typeOrName || types.includes(typeOrName));
  return hit ? hit[0] : null;
}

const docs = new Map(); // name → Promise of the document's text
const given = new WeakMap(); // module instance → Set of names it has
const instances = new Set(); // every live instance given rule sets (loadBuiltin gives to each)

function fetchFailed(name, zh, en) {
  return Object.assign(new Error(`rules/${name}.plan.json: ${en}`), {
    code: 'E_RULES_FETCH',
    zh: `内置指标“${name}”无法读取（${zh}）`,
    en: `the built-in rule set "${name}" could not be read (${en})`,
  });
}

/**
 * The text of a shipped rule set's compiled form (fetched once; a failed fetch is tried again next
 * time). The core reads the text in one go (faster than a parsed object crossing into WebAssembly
 * value by value), without checking it again.
 */
export function fetchRules(name) {
  if (!docs.has(name)) {
    const p = (async () => {
      const inline = typeof document !== 'undefined' && document.getElementById(`yc-rules-${name}`);
      if (inline) return inline.textContent;
      let res;
      try {
        res = await fetch(new URL(`rules/${name}.plan.json`, import.meta.url));
      } catch (_) {
        throw fetchFailed(name, '网络不通', 'no network');
      }
      if (!res.ok) throw fetchFailed(name, `HTTP ${res.status}`, `HTTP ${res.status}`);
      return res.text();
    })();
    p.catch(() => docs.delete(name));
    docs.set(name, p);
  }
  return docs.get(name);
}

const texts = new Map(); // name → the text of the compiled form, once fetched
const parsed = new Map(); // name → its catalog, parsed once (read only, as explain-join.js uses it)
const ORIGIN = Symbol('yibao-credit built-in rule set');
const PATCHED = Symbol('yibao-credit compiled views');

/**
 * The document and the catalog of a shipped rule set are in its compiled form, which the page
 * already holds as text: `doc` and `catalog` of a RuleSet made by `forSubjectType` are read from
 * it (JSON.parse) rather than copied out of WebAssembly value by value, which took 10–30 ms before
 * the first grade. `doc` is a fresh copy each time, as the core's getter gives.
 */
function installCompiledViews(mod) {
  const RS = mod.RuleSet;
  if (!RS || RS[PATCHED]) return;
  RS[PATCHED] = true;
  const forType = RS.forSubjectType;
  RS.forSubjectType = function forSubjectType(type) {
    const rs = forType.call(this, type);
    const name = builtinName(type);
    if (name && texts.has(name)) rs[ORIGIN] = name;
    return rs;
  };
  for (const key of ['doc', 'catalog']) {
    const d = Object.getOwnPropertyDescriptor(RS.prototype, key);
    if (!d || !d.get) continue;
    Object.defineProperty(RS.prototype, key, {
      configurable: true,
      enumerable: d.enumerable,
      get() {
        const name = this[ORIGIN];
        if (!name) return d.get.call(this);
        if (key === 'doc') return JSON.parse(texts.get(name)).doc;
        if (!parsed.has(name)) parsed.set(name, JSON.parse(texts.get(name)).catalog || null);
        return parsed.get(name) || d.get.call(this);
      },
    });
  }
}

async function giveOne(mod, has, name) {
  const doc = await fetchRules(name);
  if (!has.has(name)) { mod.registerBuiltin(name, doc); has.add(name); texts.set(name, doc); }
}

/**
 * Hands `mod` (an initialised module namespace) the rule sets `names` (each must load) and every
 * other one fetched so far (one that fails to load is skipped: it is fetched again when asked for).
 */
export async function give(mod, names = []) {
  let has = given.get(mod);
  if (!has) given.set(mod, (has = new Set()));
  instances.add(mod);
  installFastPaths(mod);
  installCompiledViews(mod);
  for (const n of names) await giveOne(mod, has, n);
  for (const n of [...docs.keys()]) if (!names.includes(n)) await giveOne(mod, has, n).catch(() => {});
  return mod;
}

/** Fetches the shipped rule set for a subject type (or by name) and hands it to every instance. */
export async function loadBuiltin(typeOrName) {
  const name = builtinName(typeOrName);
  if (!name) throw Object.assign(new Error(typeOrName), { code: 'E_RULES_NONE_FOR_TYPE', zh: `没有适用于主体类型“${typeOrName}”的内置指标`, en: `no built-in indicators cover "${typeOrName}"` });
  await fetchRules(name);
  for (const mod of [...instances]) await give(mod, [name]);
  return name;
}

/** Every shipped rule set, fetched and handed to every instance. */
export function loadAllBuiltins() {
  return Promise.all(ALL.map(loadBuiltin));
}

const namespaceOf = new WeakMap(); // tools API object → its module namespace

/**
 * The tools module as its callers use it: its exports, with `batch` and `BatchRun` giving the rows
 * as rows (www/batch-rows.js; a module namespace cannot itself be changed). batch-rows.js is
 * imported here, with the tools module, not with the first screen (which does not need it).
 */
async function toolsApi(mod) {
  const { installBatchRows } = await import('./batch-rows.js');
  const batch = installBatchRows(mod);
  const api = batch ? { ...mod, batch } : { ...mod };
  namespaceOf.set(api, mod);
  return api;
}

/** Forgets an instance that trapped (it is replaced by a fresh one). */
export function forget(mod) { instances.delete(namespaceOf.get(mod) || mod); }

/** The shipped point-scoring models (data/points/NAME.json): the national rules, a province's example. */
export const POINT_MODELS = ['national', 'example-province'];
const pointTexts = new Map(); // name → Promise of the model's text

/** The text of a shipped point-scoring model (fetched once; a failed fetch is tried again next time). */
export function fetchPoints(name) {
  if (!pointTexts.has(name)) {
    const p = (async () => {
      const inline = typeof document !== 'undefined' && document.getElementById(`yc-points-${name}`);
      if (inline) return inline.textContent;
      const res = await fetch(new URL(`points/${name}.json`, import.meta.url));
      if (!res.ok) throw new Error(`points/${name}.json: HTTP ${res.status}`);
      return res.text();
    })();
    p.catch(() => pointTexts.delete(name));
    pointTexts.set(name, p);
  }
  return pointTexts.get(name);
}

/**
 * Hands a tools instance the shipped point-scoring models. One that cannot be fetched is left out:
 * `paymentPoints` then says that model is unknown, and a model given in the input still works.
 */
async function givePoints(mod) {
  for (const name of POINT_MODELS) {
    try { mod.registerPointsModel(name, await fetchPoints(name)); } catch (_) { /* see above */ }
  }
  return mod;
}

/**
 * The first screen's module reads rule sets already checked and compiled; a rule-set document (a
 * bureau's own file: `new RuleSet(doc)`, `checkRules`, `evaluate({rules})`) is checked and compiled
 * by the tools module, which it asks through these two functions (src/binding.rs) once it is loaded.
 */
export function installRuleHooks(mod) {
  globalThis.__yibaoCompileRules = (doc) => JSON.stringify(mod.compileRules(doc));
  globalThis.__yibaoCheckRules = (doc) => mod.checkRules(doc);
}

let tools = null;
/** Loads the tools module once (a promise of its initialised namespace, given the rule sets fetched so far). */
export function loadTools(wasm) {
  if (!tools) {
    tools = (async () => {
      const mod = await import('./pkg/yibao_tools.js');
      await mod.default(wasm === undefined ? undefined : { module_or_path: wasm });
      installRuleHooks(mod);
      return await toolsApi(await givePoints(await give(mod)));
    })();
    tools.catch(() => { tools = null; });
  }
  return tools;
}

/**
 * After a trap in `trapped`: the n-th fresh instance of the same module (`kind` 'core' or
 * 'tools'), imported again with `?reload=n` so it is a new instance, and given every rule set
 * fetched so far. The single-file build has no module file to import again (its CSP allows none):
 * there it throws, and the page reloads instead.
 */
export async function freshModule(kind, n, trapped) {
  forget(trapped);
  if (!/\/loader\.js$/.test(new URL(import.meta.url).pathname)) throw new Error('single-file build: no module file to load again');
  // A URL made from import.meta.url (not a relative specifier): the built page's bundle
  // (scripts/bundle.mjs) rewrites import.meta.url to this file's place in www/, so it names the same file.
  const glue = new URL(`./pkg/${kind === 'tools' ? 'yibao_tools' : 'yibao_credit'}.js?reload=${n}`, import.meta.url).href;
  const mod = await import(glue);
  await mod.default();
  await give(mod);
  if (kind === 'core') return mod;
  installRuleHooks(mod);
  await givePoints(mod);
  const api = await toolsApi(mod);
  tools = Promise.resolve(api);
  return api;
}
