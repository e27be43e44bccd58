// Loads the core's two WebAssembly modules and hands them the shipped rule sets. Used by the JS API
// (yibao-credit.js), the page (app.js), the embedded component (embed.js) and the batch worker.
//
//   pkg/yibao_credit.js — the first screen: scoring, rule sets, identifiers
//   pkg/yibao_tools.js  — batch, deadlines and the calendar, repair, forms (loaded when needed)
//   rules/NAME.json     — the shipped sample rule sets: data, fetched one by one as needed (the
//                         single-file build carries them as <script type="application/json"
//                         id="yc-rules-NAME"> blocks instead)
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

/** The shipped rule set covering a subject type (or the name itself), or null. */
export function builtinName(typeOrName) {
  const hit = BUILTINS.find(([n, types]) => n === typeOrName || types.includes(typeOrName));
  return hit ? hit[0] : null;
}

const docs = new Map(); // name → Promise of the document
const given = new WeakMap(); // module instance → Set of names it has
const instances = new Set(); // every instance given rule sets (the newest of each kind matters)

/** The document of a shipped rule set (fetched once). */
export function fetchRules(name) {
  if (!docs.has(name)) {
    const p = (async () => {
      const inline = typeof document !== 'undefined' && document.getElementById(`yc-rules-${name}`);
      if (inline) return JSON.parse(inline.textContent);
      const res = await fetch(new URL(`rules/${name}.json`, import.meta.url));
      if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { code: 'E_RULES_FETCH', zh: `内置指标“${name}”无法读取（HTTP ${res.status}）`, en: `the built-in rule set "${name}" could not be read (HTTP ${res.status})` });
      return res.json();
    })();
    p.catch(() => docs.delete(name)); // tried again next time
    docs.set(name, p);
  }
  return docs.get(name);
}

/** Hands `mod` (an initialised module namespace) the rule sets `names` and every one fetched so far. */
export async function give(mod, names = []) {
  const want = new Set([...names, ...docs.keys()]);
  let has = given.get(mod);
  if (!has) given.set(mod, (has = new Set()));
  instances.add(mod);
  installFastPaths(mod);
  for (const n of want) {
    if (has.has(n)) continue;
    const doc = await fetchRules(n);
    if (!has.has(n)) { mod.registerBuiltin(n, doc); has.add(n); }
  }
  return mod;
}

/** Fetches the shipped rule set `name` and hands it to every module instance loaded so far. */
export async function loadBuiltin(typeOrName) {
  const name = builtinName(typeOrName);
  if (!name) throw Object.assign(new Error(typeOrName), { code: 'E_RULES_NONE_FOR_TYPE', zh: `没有适用于主体类型“${typeOrName}”的内置指标`, en: `no built-in indicators cover "${typeOrName}"` });
  await fetchRules(name);
  for (const mod of instances) await give(mod, [name]);
  return name;
}

/** Forgets an instance that trapped (it is replaced by a fresh one). */
export function forget(mod) { instances.delete(mod); }

/** All shipped rule set names. */
export const ALL = BUILTINS.map(([n]) => n);

/** Loads the tools module once (a promise of its initialised namespace with every rule set given). */
let tools = null;
export function loadTools(wasm) {
  if (!tools) {
    tools = (async () => {
      const mod = await import('./pkg/yibao_tools.js');
      await mod.default(wasm === undefined ? undefined : { module_or_path: wasm });
      return give(mod);
    })();
    tools.catch(() => { tools = null; });
  }
  return tools;
}
