// Builds dist/yibao-credit-offline.html: the whole page in one file that works opened straight
// from disk (file://), with no server and no network. Node and esbuild (a dev dependency, as for
// scripts/bundle.mjs).
//
// - CSS: every stylesheet of www/index.html inlined as <style> (print one kept media=print), then
//   the other views' (www/min/*.css, minified by scripts/bundle.mjs, which app.js loads on the page
//   when a view opens).
// - JS: the sources (not the bundle of www/min/): app.js and every module it imports, each wrapped in a function in dependency order inside
//   ONE inline <script type="module"> (file:// cannot import modules from files); imports become
//   reads of the loaded modules, exports the function's return value. A lazy `import('./x.js')`
//   (a literal path: app.js's views, loader.js's tools module) becomes a promise of the inlined
//   module.
// - The preload / modulepreload links of www/index.html are dropped (everything is inline).
// - wasm: the three modules (the scoring core, the tools, the Excel workbooks) as base64 in
//   non-executed <script type="application/octet-stream" id="yc-wasm-core|tools|excel"> blocks, decoded when the
//   wasm-bindgen init asks and handed to it as bytes. The calendar is inside the tools wasm.
// - The law library: every www/law/ID.json as <script type="application/json" id="yc-law-ID">.
// - Point-scoring models: every www/points/NAME.json as <script type="application/json"
//   id="yc-points-NAME">, the same way as the rule sets.
// - Rule sets: every www/rules/NAME.plan.json (the shipped set checked and compiled by
//   scripts/build.sh) as a non-executed <script type="application/json" id="yc-rules-NAME"> block,
//   which www/loader.js reads instead of fetching the file.
// - CSP: default-src 'none'; the inline script and styles are allowed by their SHA-256 hashes (the
//   data blocks are never run, so they need none).
// - Batch: the module worker cannot load from file://; views/batch.js runs it on the page's thread.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www');
const OUT = path.join(ROOT, 'dist', 'yibao-credit-offline.html');
const read = (rel) => fs.readFileSync(path.join(WWW, rel), 'utf8');
const sha = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const IMPORT_RE = /^import\s+(.+?)\s+from\s+'(\.{1,2}\/[^']+)';?\s*$/gm;
const DYNAMIC_IMPORT_RE = /\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g;
const resolve = (from, spec) => path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));

/** The wasm-bindgen modules: [glue, wasm, id of its data block]. */
const WASM = [['pkg/yibao_credit.js', 'pkg/yibao_credit_bg.wasm', 'core'], ['pkg/yibao_tools.js', 'pkg/yibao_tools_bg.wasm', 'tools'], ['pkg/yibao_excel.js', 'pkg/yibao_excel_bg.wasm', 'excel']];

/** Module graph from app.js, dependencies first. */
const order = [];
const seen = new Set();
function visit(rel) {
  if (seen.has(rel)) return;
  seen.add(rel);
  const src = read(rel);
  for (const m of src.matchAll(IMPORT_RE)) visit(resolve(rel, m[2]));
  for (const m of src.matchAll(DYNAMIC_IMPORT_RE)) visit(resolve(rel, m[1]));
  order.push(rel);
}
visit('app.js');

function bindings(clause, mod) {
  // `init, * as core` | `init, { a, b as c }` | `{ a, b as c }` | `* as x` | `x`
  const out = [];
  let rest = clause.trim();
  const def = rest.match(/^([A-Za-z_$][\w$]*)\s*(?:,\s*|$)/);
  if (def && !rest.startsWith('{') && !rest.startsWith('*')) { out.push(`const ${def[1]} = ${mod}.default;`); rest = rest.slice(def[0].length).trim(); }
  if (rest.startsWith('* as ')) out.push(`const ${rest.slice(5).trim()} = ${mod};`);
  else if (rest.startsWith('{')) {
    const names = rest.slice(1, rest.lastIndexOf('}')).split(',').map((s) => s.trim()).filter(Boolean)
      .map((s) => { const [a, b] = s.split(/\s+as\s+/); return b ? `${a}: ${b}` : a; });
    out.push(`const { ${names.join(', ')} } = ${mod};`);
  } else if (rest) throw new Error(`build-offline: cannot read import clause "${clause}"`);
  return out.join(' ');
}

function wrap(rel) {
  // The scoring core's glue is minified on one line (scripts/bundle.mjs): printed again one
  // statement a line (esbuild, not minified), as the line-based rewriting below reads modules.
  let src = WASM.some(([glue]) => glue === rel) ? esbuild.transformSync(read(rel), { format: 'esm', loader: 'js' }).code : read(rel);
  const exported = [];
  src = src.replace(IMPORT_RE, (_, clause, spec) => bindings(clause, `__m[${JSON.stringify(resolve(rel, spec))}]`));
  src = src.replace(DYNAMIC_IMPORT_RE, (_, spec) => `Promise.resolve(__m[${JSON.stringify(resolve(rel, spec))}])`);
  src = src.replace(/^export\s+(async\s+function\*?|function\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/gm, (_, kw, name) => { exported.push(name); return `${kw} ${name}`; });
  src = src.replace(/^export\s*\{([^}]*)\};?\s*$/gm, (_, list) => {
    for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [a, b] = item.split(/\s+as\s+/);
      exported.push(b ? `${b}: ${a}` : a);
    }
    return '';
  });
  if (/^\s*(import|export)\b/m.test(src)) throw new Error(`build-offline: ${rel} has an import/export form this script does not handle`);
  const wasm = WASM.find(([glue]) => glue === rel);
  if (wasm) {
    const before = src;
    // (As wasm-bindgen writes it, or minified: scripts/bundle.mjs minifies the scoring core's glue.)
    const url = new RegExp(`new URL\\(\\s*['"]${path.posix.basename(wasm[1]).replace(/\./g, '\\.')}['"]\\s*,\\s*import\\.meta\\.url\\s*\\)`);
    src = src.replace(url, `__ycWasm('yc-wasm-${wasm[2]}')`);
    if (src === before) throw new Error(`build-offline: wasm-bindgen glue ${rel} changed: cannot find the default wasm URL`);
  }
  return `__m[${JSON.stringify(rel)}] = (() => {\n${src}\nreturn { ${exported.join(', ')} };\n})();\n`;
}

for (const [glue] of WASM) if (!seen.has(glue)) throw new Error(`build-offline: ${glue} is not imported from app.js`);
const script = [
  '// yibao-credit offline build: every module of www/ in one script (see scripts/build-offline.mjs).',
  'const __m = Object.create(null);',
  "const __ycWasm = (id) => { const s = atob(document.getElementById(id).textContent.trim()); const b = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i); return b; };",
  ...order.map(wrap),
].join('\n').replace(/<\/script/gi, '<\\/script');

// The data blocks: the wasm modules, then every shipped rule set (JSON, with `<` escaped so no
// text in it can end or confuse the block).
const rulesDir = path.join(WWW, 'rules');
const ruleFiles = fs.readdirSync(rulesDir).filter((f) => f.endsWith('.plan.json')).sort();
if (!ruleFiles.length) throw new Error('build-offline: no rule sets in www/rules/ (run scripts/build.sh)');
const blocks = [
  ...WASM.map(([, wasm, id]) => `<script type="application/octet-stream" id="yc-wasm-${id}">${fs.readFileSync(path.join(WWW, wasm)).toString('base64')}</script>`),
  ...ruleFiles.map((f) => `<script type="application/json" id="yc-rules-${f.slice(0, -'.plan.json'.length)}">${JSON.stringify(JSON.parse(fs.readFileSync(path.join(rulesDir, f), 'utf8'))).replace(/</g, '\\u003c')}</script>`),
  // The law library (www/law/ID.json: the articles a citation opens), the same way.
  ...fs.readdirSync(path.join(WWW, 'law')).filter((f) => f.endsWith('.json')).sort()
    .map((f) => `<script type="application/json" id="yc-law-${f.slice(0, -5)}">${JSON.stringify(JSON.parse(fs.readFileSync(path.join(WWW, 'law', f), 'utf8'))).replace(/</g, '\\u003c')}</script>`),
  // The point-scoring models of 医保支付资格记分 (www/points/NAME.json), the same way.
  ...fs.readdirSync(path.join(WWW, 'points')).filter((f) => f.endsWith('.json')).sort()
    .map((f) => `<script type="application/json" id="yc-points-${f.slice(0, -5)}">${JSON.stringify(JSON.parse(fs.readFileSync(path.join(WWW, 'points', f), 'utf8'))).replace(/</g, '\\u003c')}</script>`),
];

let html = read('index.html').replace(/<link rel="(?:preload|modulepreload)"[^>]*>\n/g, '');
const styles = [];
html = html.replace(/<link rel="stylesheet" href="([^"]+)"( media="print")?>/g, (_, href, media) => {
  const css = read(href).replace(/<\/style/gi, '<\\/style');
  styles.push(css);
  return `<style${media ? ' media="print"' : ''}>${css}</style>`;
});
// The other views' stylesheets (app.js loads them from the folder of first.css's link when a view
// opens; with no such link it loads none): inlined too, after the first screen's.
const linked = new Set();
for (const m of read('index.html').matchAll(/<link rel="stylesheet" href="([^"]+)"/g)) linked.add(m[1]);
const sheetDir = path.posix.dirname([...linked].find((h) => h.endsWith('/first.css')) || 'min/first.css');
const more = fs.readdirSync(path.join(WWW, sheetDir)).filter((f) => f.endsWith('.css') && !linked.has(`${sheetDir}/${f}`)).sort()
  .map((f) => { const css = read(`${sheetDir}/${f}`).replace(/<\/style/gi, '<\\/style'); styles.push(css); return `<style>${css}</style>\n`; });
html = html.replace('</head>', () => `${more.join('')}</head>`);
html = html.replace('<script type="module" src="min/app.js"></script>', () => `${blocks.join('\n')}\n<script type="module">${script}</script>`);
if (!html.includes('id="yc-wasm-core"')) throw new Error('build-offline: index.html has no <script type="module" src="min/app.js">');
const csp = `default-src 'none'; script-src ${sha(script)} 'wasm-unsafe-eval'; style-src ${[...new Set(styles.map(sha))].join(' ')}; img-src data:; object-src 'none'; base-uri 'none'; form-action 'none'`;
html = html.replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
if (!html.includes(sha(script))) throw new Error('build-offline: no CSP meta in index.html');
if (/<link rel="(?:stylesheet|preload|modulepreload)"|src="[^"d]/.test(html)) throw new Error('build-offline: something still points to a file');

fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, html);
console.log(`built ${path.relative(ROOT, OUT)} (${order.length} modules, ${WASM.length} wasm modules, ${ruleFiles.length} rule sets, ${styles.length} stylesheets, ${fs.statSync(OUT).size} bytes)`);
