// Writes www/yibao-credit.d.ts (git-ignored), the declarations of the JS API (www/yibao-credit.js),
// from what wasm-bindgen wrote for the two modules: www/pkg/yibao_credit.d.ts and
// www/pkg/yibao_tools.d.ts. Those come from the Rust types at the JS boundary (`#[derive(Tsify)]`,
// and `unchecked_param_type` / `unchecked_return_type` in src/binding.rs), so the declarations
// cannot drift from what the core reads and returns. Run by scripts/build.sh after wasm-bindgen.
//
// The file re-exports every type of both modules, re-exports what yibao-credit.js re-exports from
// the core module, copies the declaration (with its doc comment) of every tool yibao-credit.js
// forwards, and declares the wrapper's own functions (below). It fails when yibao-credit.js
// exports something it does not know how to declare, or when a type both modules declare differs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WWW = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'www');
const read = (rel) => fs.readFileSync(path.join(WWW, rel), 'utf8');
const fail = (msg) => { console.error(`dts: ${msg}`); process.exit(1); };

/** The top-level declarations of a wasm-bindgen .d.ts: name → {kind, text (with its doc comment)}. */
function declarations(rel) {
  const lines = read(rel).split('\n');
  const out = new Map();
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i].match(/^export (?:default )?(?:declare )?(interface|type|class|function|const|enum) (\w+)/);
    if (!m) continue;
    let start = i;
    if (i > 0 && lines[i - 1].trim() === '*/') {
      start = i - 1;
      while (start > 0 && !lines[start].startsWith('/**')) start--;
    }
    // The declaration ends at a line ending in `;` at depth 0 (a type, a function), or at the `}`
    // closing a block opened on its first line (an interface, a class).
    let end = i;
    if (/\{\s*$/.test(lines[i])) while (lines[end] !== '}') end++;
    else while (!/;\s*$/.test(lines[end])) end++;
    out.set(m[2], { kind: m[1], text: lines.slice(start, end + 1).join('\n') });
    i = end;
  }
  return out;
}

const GLUE = new Set(['InitInput', 'InitOutput', 'SyncInitInput', 'initSync', '__wbg_init']);
const core = declarations('pkg/yibao_credit.d.ts');
const tools = declarations('pkg/yibao_tools.d.ts');
const isType = (d) => d.kind === 'interface' || d.kind === 'type';
const typeNames = (decls) => [...decls].filter(([n, d]) => isType(d) && !GLUE.has(n)).map(([n]) => n).sort();
const coreTypes = typeNames(core);
const toolTypes = typeNames(tools).filter((n) => !core.has(n));
for (const n of typeNames(tools).filter((x) => core.has(x))) {
  if (core.get(n).text !== tools.get(n).text) fail(`the two modules declare ${n} differently:\n${core.get(n).text}\n---\n${tools.get(n).text}`);
}

// What yibao-credit.js exports, and how.
const api = read('yibao-credit.js');
const reexported = [...api.matchAll(/^export \{([^}]*)\} from '\.\/pkg\/yibao_credit\.js';/gm)]
  .flatMap((m) => m[1].split(',').map((s) => s.trim()).filter(Boolean));
for (const n of reexported) if (!core.has(n)) fail(`yibao-credit.js re-exports ${n}, which pkg/yibao_credit.d.ts does not declare`);
const forwarded = [...api.matchAll(/^export const (\w+) = \(input\) => need\('(\w+)'\)\(input\);/gm)].map((m) => {
  if (m[1] !== m[2]) fail(`${m[1]} forwards to ${m[2]}`);
  const d = tools.get(m[1]);
  if (!d || d.kind !== 'function') fail(`yibao-credit.js forwards ${m[1]}, which pkg/yibao_tools.d.ts does not declare as a function`);
  return d.text;
});

/** The constructor of the core's BatchRun, which the wrapper's takes the options of. */
function batchRunConstructor() {
  const d = tools.get('BatchRun');
  const m = d && d.text.match(/^ *(constructor\(.*\);)$/m);
  if (!m) fail('pkg/yibao_tools.d.ts declares no BatchRun constructor');
  return m[1];
}

// The wrapper's own functions and class (yibao-credit.js), declared here.
const OWN = {
  ready: `/**
 * Loads the core (once; later calls return the same promise), then, by default, the tools module
 * and every shipped rule set. \`options\`: a wasm source for the core (a URL, a \`Response\`, bytes or
 * a \`WebAssembly.Module\`; default: pkg/yibao_credit_bg.wasm next to the module), or
 * \`{wasm, tools: true | false, rules: 'all' | [subject type or rule-set name, …]}\`.
 */
export function ready(options?: WasmSource | ReadyOptions): Promise<void>;`,
  isReady: `/** True once \`ready()\` has finished. */
export function isReady(): boolean;`,
  toolsReady: `/** Loads the tools module (batch, deadlines, repair, forms); \`ready()\` does it unless told not to. */
export function toolsReady(): Promise<typeof Tools>;`,
  loadBuiltin: `/** Fetches a shipped rule set (by subject type or name), hands it to the loaded modules, and gives its name. */
export function loadBuiltin(typeOrName: SubjectType): Promise<string>;`,
  errorMessage: `/** The message of an error thrown by the core (a {@link YibaoError}), in \`lang\`: Chinese first (default), or English. */
export function errorMessage(e: unknown, lang?: "zh" | "en"): string;`,
  BatchRun: `/**
 * A batch fed piece by piece (progress between pieces): \`new BatchRun({asOf, type?, rules?,
 * allowOutOfEffect?})\`, then \`push(text)\` for each piece of the CSV text, \`finish()\`, \`free()\`.
 * Needs the tools module (\`ready()\` or \`toolsReady()\`).
 */
export class BatchRun {
  ${batchRunConstructor()}
  /** Feeds the next piece of the CSV text (split anywhere): the rows it completed. */
  push(text: string): ChunkOut;
  /** Ends the input: the last rows and the summary. */
  finish(): BatchOut;
  /** Frees the core's memory of the batch. */
  free(): void;
}`,
};
const ownExports = [...api.matchAll(/^export (?:async )?(?:function|class) (\w+)/gm)].map((m) => m[1]);
for (const n of ownExports) if (!OWN[n]) fail(`yibao-credit.js exports ${n}: add its declaration to scripts/dts.mjs`);
for (const n of Object.keys(OWN)) if (!ownExports.includes(n)) fail(`scripts/dts.mjs declares ${n}, which yibao-credit.js no longer exports`);
const allExports = [...api.matchAll(/^export\s+(?:async\s+)?(?:function|class|const|let|var)\s+(\w+)|^export \{([^}]*)\}/gm)].length;
if (allExports !== ownExports.length + forwarded.length + (reexported.length ? 1 : 0)) fail('yibao-credit.js has an export form this script does not read');

const list = (names) => names.map((n) => `  ${n},`).join('\n');
const text = `// Generated by scripts/dts.mjs from www/pkg/yibao_credit.d.ts and www/pkg/yibao_tools.d.ts, which
// wasm-bindgen writes from the Rust types at the JS boundary (src/binding.rs): do not edit, run
// scripts/build.sh. The declarations of www/yibao-credit.js, the JS API over the WebAssembly core.
//
//   import { ready, RuleSet } from './yibao-credit.js';
//   await ready();
//   const r = RuleSet.forSubjectType('retail-pharmacy').evaluate({ subject: { type: 'retail-pharmacy' }, asOf: '2026-11-23', facts: { 10101: true } });
//   r.score; r.grade; r.label.zh; r.measures; r.trace; r.rules.hash;   // r: Evaluation
//
// Every function takes a plain object (or its JSON text) and returns a plain object. Errors are
// thrown as \`Error\` objects with \`code\`, \`zh\`, \`en\` and (when it applies) \`path\`: see YibaoError.
// Dates are \`YYYY-MM-DD\` strings; points are numbers with at most two decimals.

import type * as Tools from './pkg/yibao_tools.js';
import type {
${list(coreTypes)}
} from './pkg/yibao_credit.js';
import type {
${list(toolTypes)}
} from './pkg/yibao_tools.js';

export type {
${list([...coreTypes, ...toolTypes].sort())}
};

/** Every error the core throws: an \`Error\` with these fields. */
export interface YibaoError extends Error {
  /** Stable code, e.g. \`E_INPUT_JSON\`, \`E_RULES_INVALID\`, \`E_DATE_FORMAT\`, \`E_SCALE\`, \`E_NOT_READY\`. */
  code: string;
  /** The message in Chinese. */
  zh: string;
  /** The message in English. */
  en: string;
  /** The JSON path of the offending value (e.g. \`$.bands[1].min\`), when there is one. */
  path?: string;
}

/** Where the core's wasm comes from. */
export type WasmSource = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/** What \`ready()\` loads. */
export interface ReadyOptions {
  /** The core's wasm (default: pkg/yibao_credit_bg.wasm next to the module). */
  wasm?: WasmSource;
  /** Load the tools module too (default: true). */
  tools?: boolean;
  /** The shipped rule sets to load: \`'all'\` (default), or subject types / rule-set names. */
  rules?: "all" | SubjectType[];
}

/** Former names of these types. */
export type EvaluateResult = Evaluation;
export type GradeResult = GradeOut;
export type ValidateResult = CodeCheck;
export type DeadlineResult = Deadline;

// The scoring core: scoring, rule sets, identifiers (pkg/yibao_credit.js).
export { ${reexported.join(', ')} } from './pkg/yibao_credit.js';

// The tools (pkg/yibao_tools.js), loaded by \`ready()\` (or \`toolsReady()\`): calling one before
// throws E_NOT_READY.

${forwarded.join('\n\n')}

${Object.values(OWN).join('\n\n')}
`;

fs.writeFileSync(path.join(WWW, 'yibao-credit.d.ts'), text);
console.log(`dts: www/yibao-credit.d.ts (${coreTypes.length + toolTypes.length} types, ${reexported.length + forwarded.length + ownExports.length} functions and classes)`);
