// Sizes of every file the page ships, raw and brotli (quality 11), and the first-load total
// (what a browser fetches to show the self-assessment: index.html, its stylesheets, the modules it
// loads and their static imports, the scoring core's wasm and the default subject type's rule set;
// not the tools module, imported later). `node scripts/size.mjs --json` for JSON.
// `--budget`: also checks two kinds of limit (1 KB = 1,024 bytes) and exits 1 when a ceiling is
// passed, so CI (scripts/test.sh) fails on it:
//   ceilings — what CI enforces: the sizes last measured plus about 3 %, so the download cannot
//              grow unnoticed (the first screen's wasm, the tools wasm, the first load). Lower them
//              whenever a change makes the files smaller; raising one is a decision to write down
//              in BENCHMARKS.md.
//   targets  — the issue's budgets (the first screen's wasm ≤ 80 KB brotli, first load ≤ 120 KB
//              brotli), reported as met or not; see BENCHMARKS.md ("Size").
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'www');
const brotli = (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

const files = walk(root).filter((p) => !p.endsWith('.d.ts')).sort().map((p) => {
  const b = fs.readFileSync(p);
  return { file: path.relative(root, p), raw: b.length, brotli: brotli(b) };
});

// First load: the HTML, the stylesheets and module scripts it names (links and the script: the
// page's are the bundles of www/min/, scripts/bundle.mjs), followed through their static imports
// (minified or not; not `import()`), the scoring core's wasm and the first rule set (the default
// subject type's). The other views' stylesheets and modules load when they open (www/app.js).
const STATIC = /(?<![\w$.])(?:import|export)\s*(?:[\w$\s{},*]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g;
/** `f` and every file it imports statically (paths relative to www/). */
function closure(f, into = new Set()) {
  if (into.has(f)) return into;
  into.add(f);
  if (!f.endsWith('.js')) return into;
  const src = fs.readFileSync(path.join(root, f), 'utf8');
  for (const m of src.matchAll(STATIC)) closure(path.posix.normalize(path.posix.join(path.posix.dirname(f), m[1])), into);
  return into;
}
const first = new Set(['index.html']);
const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
for (const m of html.matchAll(/(?:href|src)="([^"#?:]+\.(?:css|js))"/g)) closure(m[1], first);
if (!first.has('min/app.js')) throw new Error('size: index.html does not load min/app.js (see scripts/bundle.mjs)');
for (const f of first) if (!fs.existsSync(path.join(root, f))) throw new Error(`size: ${f} is missing (run scripts/build.sh)`);
/** Brotli bytes of what loading `entries` fetches beyond the first load. */
const beyondFirst = (...entries) => {
  const all = new Set();
  for (const e of entries) closure(e, all);
  return files.filter((f) => all.has(f.file) && !first.has(f.file)).reduce((a, f) => a + f.brotli, 0);
};
const WASM = 'pkg/yibao_credit_bg.wasm';
const TOOLS_WASM = 'pkg/yibao_tools_bg.wasm';
const EXCEL_WASM = 'pkg/yibao_excel_bg.wasm';
const FIRST_RULES = 'rules/retail-pharmacy.plan.json';
first.add(WASM);
first.add(FIRST_RULES);
const load = files.filter((f) => first.has(f.file));
const total = { raw: load.reduce((a, f) => a + f.raw, 0), brotli: load.reduce((a, f) => a + f.brotli, 0) };
const wasm = files.find((f) => f.file === WASM);
const toolsWasm = files.find((f) => f.file === TOOLS_WASM);
const excelWasm = files.find((f) => f.file === EXCEL_WASM);
if (!wasm || !toolsWasm || !excelWasm || !files.some((f) => f.file === FIRST_RULES)) throw new Error('size: www/pkg or www/rules is missing (run scripts/build.sh)');

const KB = 1024;
// The ceilings CI enforces (see the top of this file). Measured 2026-12-02 after the one-engine
// change (node 20, brotli quality 11): first screen's wasm 127,014, tools wasm 176,102, first
// load 176,419 bytes brotli; plus about 3 %. Since then (measured 2026-12-02, side by side with
// the build before each change): 医保支付资格记分 (issue 16) added about 13 KB to the tools wasm
// (its scoring and the derived readers of its model and input); the law library (issue 15: the
// citations of every result resolved from data/law in both languages with their references, the
// sources' date notes, the checks of cited articles and of 第十九条's bands) added 10.0 KB to the
// first screen's wasm (128,187 → 138,242) and about 4 KB to the tools wasm; the self-assessment's
// no-verdict-until-answered view (issue 13) and www/cite.js about 8 KB to the first load. Each
// ceiling is the figure after them plus about 3 %. Keeping typed data from being lost (issues
// 18.3, 19.2: the IndexedDB copy recovered before the first view, www/durable.js; the checks that
// salvage damaged saved data and notice another tab's saves, www/store.js) added 5.5 KB to the first
// load (200,267 → 205,857 bytes brotli, measured side by side); its notices load only when needed
// (www/store-notices.js). First-load ceiling: that figure plus about 1.6 %.
// 医保支付资格记分 for a list of persons (issue 16,
// point 3: its CSV reader, the grouping into persons, the result file, two commands) added 8.4 KB to
// the tools wasm (202,750 → 211,343, measured 2026-12-02 side by side with the build before it);
// its ceiling is the figure after it plus about 3 %.
// Issue 15 points 5–10 (measured 2026-12-02 against
// the build of trust): the identity documents of 第八、十三条, the repair timeline past the publicity,
// the national rule that applies and why, repair for every subject type: tools wasm 202,750 →
// 206,616 (+3.8 KB); first screen's wasm 138,320 → 138,606 (+286 bytes: the shared rule sections'
// one-line refusal; the sections themselves are not in the page's modules); first load 200,267 →
// 201,112 (the rule data of 第二十三条（一） and of the 527 notice in the first rule set).
// Issue 12 point 4 (measured 2026-12-02, `node scripts/size.mjs --budget`, side by side with the
// build before it): the shipped rule sets come checked and compiled (www/rules/NAME.plan.json,
// `yibao-credit compile-rules` in scripts/build.sh) with their citations and date notes resolved,
// so the first screen's wasm carries neither the rule-set checker, nor the strict reader of rule
// files, nor the law library: 138,764 → 115,239 (compiled rule sets) → 109,020 bytes brotli
// (citations resolved at build time). The first load: 209,217 → 182,802 (27 files; the compiled
// set carries its catalog too, +1.5 KB, which the page no longer copies out of the wasm before the
// first grade). The tools wasm grew by 9.6 KB (245,081 → 254,707: it checks and compiles a bureau's own file for the first
// screen, `compileRules`, and reads the compiled sets too). Ceilings: those figures plus about 3 %.
// Then (branch wasmsize, measured 2026-12-02 side by side with the build before each step): the code
// check `validate` in the tools module, a subject's code checked by the errors-only checks of
// src/ident.rs: 108,938 → 102,480; JS inputs read by the binding's own reader and serde errors
// written without Rust's float formatting: → 94,854; `grade` and `builtinNames` in the tools
// module: → 92,090 bytes brotli. Ceiling: that plus about 3 %.
const CEILING_WASM = 93 * KB;
// Issue 14 (batch: duplicates marked on every row in a second pass, the input's columns kept, the
// template's example row and explanation, scientific-notation codes) took the tools wasm from under
// 201 KB to 208,323 bytes brotli (measured 2026-12-02); its ceiling is that plus about 3 %.
// diff-rules (issue 17.4: comparing two rule sets, their effect on a self-assessment and a batch)
// brought the tools wasm to 211,964 bytes (207.0 KB): ceiling 207 KB plus about 3 %.
// All of this stop's work merged (measured 2026-12-02 on the merged tree): tools wasm 245,081 bytes
// brotli (from 202,750 at its start: the persons' batch, the publication package, diff-rules and
// the version picker, issue 14's two-pass batch, issue 15's documents and timeline); first load
// 209,217 (from 200,267: the IndexedDB copy and salvage of saved data 5.6 KB, the flow between the
// views and the words fixes 1.7 KB, issue 15's rule data 0.8 KB, the hooks of the points section
// and the editor 0.5 KB). Ceilings: those figures plus about 1 %. Next: batch, publish and
// diff-rules in a module of their own, so the deadline, repair and forms views load less.
// Then (measured 2026-12-02, builds of the merged tree before and after each merge): compiling a
// bureau's rule file in the tools module (issue 12.4) took it to 254,707; rules-in-force (issue
// 17.5) +1.8 KB; the batch's fast paths (issue 12, batch: byte readers, radix sort, whole-line copy)
// +2.5 KB, to 263,143. Ceiling: that plus about 3 %.
const CEILING_TOOLS_WASM = 265 * KB;
// Issue 12 point 4, the page side (branch firstload, measured 2026-12-02 side by side with the
// build before it): the page's scripts bundled and minified with esbuild (scripts/bundle.mjs, into
// www/min/: the first screen's modules in min/first.js), the first screen's stylesheets only (in
// min/first.css; each other view's loaded when it opens), batch-rows.js loaded with the tools module,
// the scoring core's glue minified: first load 183,531 → 149,575 bytes brotli (27 → 8 files; the JS,
// CSS and HTML 66,060 → 32,104). With the smaller first-screen wasm (branch wasmsize, 92,012 bytes)
// merged: 133,125. Ceiling: that plus about 3 %.
const CEILING_FIRST_LOAD = 134 * KB;
const LAZY_POINTS = 6.5 * KB; // measured 7,836; bundled and minified (min/points.js) 6,376
const LAZY_POINTS_BATCH = 4 * KB; // measured 4,438; bundled and minified 3,918
// Parts the first screen does not load, each with its own ceiling (measured 2026-12-02, plus about
// 3 %): 医保支付资格记分's section (views/points.js, imported once 医保医师 or 医保药师 is chosen) and its
// persons' batch (views/points-batch.js, imported when opened from the batch view).
// Since the page is bundled (scripts/bundle.mjs): each is its bundle in www/min/ with the chunks it
// imports beyond the first load's.
const LAZY = [['min/points.js', LAZY_POINTS], ['min/points-batch.js', LAZY_POINTS_BATCH]];
for (const [f] of LAZY) if (first.has(f) || !fs.existsSync(path.join(root, f))) throw new Error(`size: ${f} is meant to load later, but the first load pulls it in (or it is missing)`);
// The publication package (issue 14.7:
// src/publish.rs, its pages, their script and style) added 15.4 KB to the tools wasm (202,750 →
// 218,503 bytes brotli, measured 2026-12-02 against the build of the commit before it); together with the persons'
// batch: tools ceiling 228 KB (measured after both, plus about 1 %).
// The publication package's page part (issue 14.7: views/publish.js and its zip writer www/zip.js),
// loaded only when 「生成公示包」 is clicked, never with the first screen. Measured 2026-12-02:
// 2,778 + 1,311 bytes brotli; the ceiling is that plus about 20 %. Since then the package is made
// in a worker (publish-worker.js, with publish-make.js and the channel worker-call.js; it loads the
// tools module the page has already): 5,983 bytes brotli in all (measured 2026-12-02); the ceiling is
// raised to that plus about 8 % (BENCHMARKS.md, "Excel workbooks off the page's thread").
// Bundled (scripts/bundle.mjs): min/publish.js and min/publish-worker.js with what they import
// beyond the first load. The worker's bundle carries its own copy of loader.js and the fast paths
// (score-fast.js, explain-join.js): a worker is a realm of its own, and the page no longer loads
// those files one by one, so there is nothing of the page's for it to re-use.
const PUBLISH = ['min/publish.js', 'min/publish-worker.js'];
// Bundled (issue 12.4, firstload): 11,482 bytes, as the worker now brings its own minified copy of
// loader.js, the fast paths and batch-rows.js (before, it re-used the page's cached source files);
// ceiling that plus about 7 %.
const CEILING_PUBLISH = 12 * KB;
const publishPart = beyondFirst(...PUBLISH);
if (PUBLISH.some((f) => first.has(f) || !fs.existsSync(path.join(root, f)))) throw new Error('size: the publication package\'s modules must not be in the first load');
// The Excel module (issue 14.3: .xlsx read with calamine, written with rust_xlsxwriter; loaded only
// when a workbook is read or written, never by the first screen or the tools module): measured
// 2026-12-02 360,847 bytes brotli (932,334 raw): calamine, quick-xml, zip with its deflate
// (flate2 and zopfli, both pulled in by the two libraries' `deflate` feature) and rust_xlsxwriter;
// its ceiling is that plus about 3 %.
const CEILING_EXCEL_WASM = 363 * KB;
// The indicator editor (指标管理, issue 17): views/rules-editor.js and editor/*.js, loaded only
// when a bureau opens it (not in the first load). Measured 2026-12-02: about 27 KB brotli.
// Bundled: min/rules-editor.js with what it imports beyond the first load.
const EDITOR = 'min/rules-editor.js';
const CEILING_EDITOR = 22 * KB; // bundled and minified (issue 12.4, firstload): 21,472
const budgets = [
  { name: 'wasm (brotli)', limit: 80 * KB, ceiling: CEILING_WASM, actual: wasm.brotli },
  { name: 'tools wasm (brotli)', limit: null, ceiling: CEILING_TOOLS_WASM, actual: toolsWasm.brotli },
  { name: 'excel wasm (brotli)', limit: null, ceiling: CEILING_EXCEL_WASM, actual: excelWasm.brotli },
  { name: 'first load (brotli)', limit: 120 * KB, ceiling: CEILING_FIRST_LOAD, actual: total.brotli },
  ...LAZY.map(([f, ceiling]) => ({ name: `${f} (brotli)`, limit: null, ceiling, actual: beyondFirst(f) })),
  { name: 'publish part (brotli)', limit: null, ceiling: CEILING_PUBLISH, actual: publishPart },
  { name: 'indicator editor (brotli)', limit: null, ceiling: CEILING_EDITOR, actual: beyondFirst(EDITOR) },
].map((b) => ({ ...b, met: b.limit === null ? null : b.actual <= b.limit, withinCeiling: b.actual <= b.ceiling }));

if (process.argv.includes('--json')) {
  const extra = process.argv.includes('--budget') ? { budgets } : {};
  console.log(JSON.stringify({ files, firstLoad: { files: [...first].sort(), ...total }, wasm, toolsWasm, excelWasm, ...extra }, null, 1));
} else {
  for (const f of files) console.log(`${String(f.raw).padStart(9)} ${String(f.brotli).padStart(8)}  ${f.file}${first.has(f.file) ? '' : '  (not in first load)'}`);
  console.log(`wasm (first screen): ${wasm.raw} bytes raw, ${wasm.brotli} bytes brotli`);
  console.log(`tools wasm (loaded later): ${toolsWasm.raw} bytes raw, ${toolsWasm.brotli} bytes brotli`);
  console.log(`excel wasm (loaded only for .xlsx): ${excelWasm.raw} bytes raw, ${excelWasm.brotli} bytes brotli`);
  console.log(`first load: ${load.length} files, ${total.raw} bytes raw, ${total.brotli} bytes brotli`);
}
if (process.argv.includes('--budget') && !process.argv.includes('--json')) {
  console.log('ceilings (enforced: exit status 1 when passed):');
  for (const b of budgets) {
    console.log(`  ${b.name.padEnd(20)} ${String(b.actual).padStart(8)} / ${b.ceiling} bytes (${(b.actual / KB).toFixed(1)} KB of ${b.ceiling / KB} KB): ${b.withinCeiling ? 'within' : `PASSED by ${((b.actual - b.ceiling) / KB).toFixed(1)} KB`}`);
  }
  console.log('targets (the issue\'s, reported):');
  for (const b of budgets.filter((x) => x.limit !== null)) {
    const pct = ((b.actual / b.limit) * 100).toFixed(0);
    console.log(`  ${b.name.padEnd(20)} ${String(b.actual).padStart(8)} / ${b.limit} bytes (${(b.actual / KB).toFixed(1)} KB of ${b.limit / KB} KB, ${pct}%): ${b.met ? 'met' : `NOT met (${((b.actual - b.limit) / KB).toFixed(1)} KB over)`}`);
  }
}
if (process.argv.includes('--budget') && budgets.some((b) => !b.withinCeiling)) {
  console.error('size ceiling passed: the download grew; see scripts/size.mjs and BENCHMARKS.md');
  process.exit(1);
}
