// Bundles and minifies the page's scripts and stylesheets (esbuild) into www/min/ (git-ignored),
// which www/index.html loads. The sources in www/ stay as they are (the embeddable component, the
// JS API and the single-file build read them); run `node scripts/bundle.mjs` (or scripts/build.sh)
// after changing one.
//
// - The page: app.js and every module a page module imports lazily (`import('./x.js')`: the views,
//   the 医保支付资格记分 section, the version picker, the store's notices…) are entry points of ONE
//   esbuild run with ESM code splitting, so a module several of them use (i18n.js, store.js,
//   dom.js, data.js…) is one instance for the whole page: the page's state depends on it. Each
//   lazily loaded entry also imports app.js, which it always follows: so every module of the first
//   screen lands in one chunk, renamed min/first.js, which index.html preloads (this script checks
//   that index.html preloads exactly what min/app.js imports). Modules only lazily loaded parts share
//   go to chunks of their own (min/c-HASH.js).
// - Workers (a `new URL('./x.js', import.meta.url)` in a page module: batch-worker.js,
//   excel-worker.js, publish-worker.js): each bundled on its own (a worker is a separate realm),
//   to min/NAME.js, and the page's URL of it points there.
// - The wasm-bindgen glue (pkg/*.js) is not bundled: loaded from www/pkg/ as before, so the wasm
//   next to it is found, a fresh instance after a trap is the same file with `?reload=n`
//   (loader.js), and the tests that serve a patched copy of it still reach it. The scoring core's
//   (first load) is minified in place, keeping its names (see below).
// - `import.meta.url` in a bundled module becomes that module's place in www/ (from min/, where
//   every output file is), so URLs made from it (rules/, law/, points/, pkg/) name the same files.
// - Stylesheets (www/css/*.css but frame.css, which frame.html links) minified: the first screen's
//   (base, assess, ident) together in min/first.css, which index.html links; each other one to
//   min/NAME.css, which app.js loads when a view that needs it opens (from the folder of
//   first.css's link). No source maps are shipped.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www');
const OUT = path.join(WWW, 'min');
const rel = (abs) => path.relative(WWW, abs).split(path.sep).join('/');
const GLUE = /(?:^|\/)pkg\/(yibao_\w+)\.js$/;
const LAZY_IMPORT = /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
const STATIC_IMPORT = /^\s*(?:import|export)\b[^'"]*?['"](\.{1,2}\/[^'"]+)['"]/gm;
const WORKER_URL = /new URL\(\s*['"](\.{1,2}\/[^'"]+\.js)['"]\s*,\s*import\.meta\.url\s*\)/g;

// The page's module graph from app.js: its lazily imported modules and its workers.
const lazy = new Set();
const workers = new Set();
function scan(file, seen) {
  if (seen.has(file) || GLUE.test(file)) return;
  seen.add(file);
  const src = fs.readFileSync(path.join(WWW, file), 'utf8');
  const at = (spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
  for (const m of src.matchAll(STATIC_IMPORT)) scan(at(m[1]), seen);
  for (const m of src.matchAll(LAZY_IMPORT)) {
    const f = at(m[1]);
    if (!GLUE.test(f)) lazy.add(f);
    scan(f, seen);
  }
  for (const m of src.matchAll(WORKER_URL)) workers.add(at(m[1]));
}
const pageModules = new Set();
scan('app.js', pageModules);
const workerModules = new Set();
for (const w of workers) scan(w, workerModules);
lazy.delete('app.js');

/** Output name in min/ of an entry (its file name without the folder): they must not collide. */
const outName = (f) => path.posix.basename(f, '.js');
const names = new Map();
for (const f of ['app.js', ...lazy, ...workers]) {
  const n = outName(f);
  if (names.has(n) && names.get(n) !== f) throw new Error(`bundle: ${f} and ${names.get(n)} would both be min/${n}.js`);
  names.set(n, f);
}

/** `page`: lazily imported modules become the page's entries (not in a worker's bundle). */
const plugin = (page) => ({
  name: 'yibao-page',
  setup(b) {
    // The wasm-bindgen glue stays a file of its own in www/pkg/ (seen from min/: ../pkg/).
    b.onResolve({ filter: GLUE }, (a) => ({ path: `../pkg/${a.path.match(GLUE)[1]}.js`, external: true }));
    // A lazily loaded module, as an entry (namespace "lazy") that imports app.js first.
    b.onResolve({ filter: /^lazy:/ }, (a) => ({ path: a.path.slice(5), namespace: 'lazy' }));
    b.onResolve({ filter: /^\.{1,2}\// }, (a) => {
      if (!page || a.kind !== 'dynamic-import' || a.namespace !== 'file') return undefined;
      const f = rel(path.resolve(a.resolveDir, a.path));
      return lazy.has(f) ? { path: f, namespace: 'lazy' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (a) => ({
      contents: `import ${JSON.stringify(path.join(WWW, 'app.js'))};\nexport * from ${JSON.stringify(path.join(WWW, a.path))};\n`,
      resolveDir: WWW,
      loader: 'js',
    }));
    // import.meta.url → the module's own place in www/; a worker's URL → its bundle in min/.
    b.onLoad({ filter: /\.js$/, namespace: 'file' }, (a) => {
      const f = rel(a.path);
      if (f.startsWith('..')) return undefined;
      let src = fs.readFileSync(a.path, 'utf8');
      const KEEP = '\0yc-min-url\0';
      src = src.replace(WORKER_URL, (all, spec) => {
        const w = path.posix.normalize(path.posix.join(path.posix.dirname(f), spec));
        return workers.has(w) ? `new URL(${JSON.stringify(`./${outName(w)}.js`)}, ${KEEP})` : all;
      });
      src = src.replace(/\bimport\.meta\.url\b/g, `new URL(${JSON.stringify(`../${f}`)}, import.meta.url).href`);
      src = src.split(KEEP).join('import.meta.url');
      return { contents: src, loader: 'js' };
    });
  },
});

const common = {
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  legalComments: 'none',
  sourcemap: false,
  write: false,
  metafile: true,
  outdir: OUT,
  entryNames: '[name]',
  absWorkingDir: ROOT,
  logLevel: 'warning',
};

const page = await esbuild.build({
  ...common,
  splitting: true,
  chunkNames: 'c-[hash]',
  plugins: [plugin(true)],
  entryPoints: [{ in: path.join(WWW, 'app.js'), out: 'app' }, ...[...lazy].map((f) => ({ in: `lazy:${f}`, out: outName(f) }))],
});
const worker = await esbuild.build({
  ...common,
  splitting: false,
  plugins: [plugin(false)],
  entryPoints: [...workers].map((f) => ({ in: path.join(WWW, f), out: outName(f) })),
});
// The first screen's stylesheets in one file, min/first.css (in this order); each other one on its own.
const FIRST_CSS = ['base.css', 'assess.css', 'ident.css'];
const css = await esbuild.build({
  entryPoints: [
    { in: 'first-css', out: 'first' },
    ...fs.readdirSync(path.join(WWW, 'css')).filter((f) => f.endsWith('.css') && f !== 'frame.css' && !FIRST_CSS.includes(f)).map((f) => path.join(WWW, 'css', f)),
  ],
  plugins: [{
    name: 'first-css',
    setup(b) {
      b.onResolve({ filter: /^first-css$/ }, () => ({ path: 'first-css', namespace: 'first-css' }));
      b.onLoad({ filter: /.*/, namespace: 'first-css' }, () => ({ contents: FIRST_CSS.map((f) => `@import "./${f}";`).join('\n'), resolveDir: path.join(WWW, 'css'), loader: 'css' }));
    },
  }],
  bundle: true, outdir: OUT, entryNames: '[name]', minify: true, write: false, logLevel: 'warning', legalComments: 'none',
});

// The scoring core's wasm-bindgen glue (www/pkg/yibao_credit.js, in the first load) minified in
// place, whitespace and syntax only: its names and calls stay as wasm-bindgen wrote them (the
// wasm-trap tests patch its RuleSet calls; scripts/build-offline.mjs finds its wasm URL).
const CORE_GLUE = path.join(WWW, 'pkg', 'yibao_credit.js');
const glue = await esbuild.transform(fs.readFileSync(CORE_GLUE, 'utf8'), { minifyWhitespace: true, minifySyntax: true, format: 'esm', loader: 'js', legalComments: 'none', target: 'es2022' });
fs.writeFileSync(CORE_GLUE, glue.code);

// The first screen's chunk: what min/app.js imports statically (one chunk, see the top).
const outputs = page.metafile.outputs;
const key = (abs) => path.relative(ROOT, abs).split(path.sep).join('/');
const appOut = outputs[key(path.join(OUT, 'app.js'))];
const firstChunks = appOut.imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => i.path);
if (firstChunks.length > 1) throw new Error(`bundle: min/app.js imports ${firstChunks.length} chunks, expected one: ${firstChunks}`);
const renames = new Map(firstChunks.map((c) => [path.posix.basename(c), 'first.js']));

fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT, { recursive: true });
let bytes = 0;
for (const f of [...page.outputFiles, ...worker.outputFiles, ...css.outputFiles]) {
  let name = path.basename(f.path);
  let text = f.text;
  for (const [from, to] of renames) {
    if (name === from) name = to;
    text = text.split(`./${from}`).join(`./${to}`);
  }
  fs.writeFileSync(path.join(OUT, name), text);
  bytes += Buffer.byteLength(text);
}

// index.html preloads the first screen's modules: exactly those min/app.js imports.
const html = fs.readFileSync(path.join(WWW, 'index.html'), 'utf8');
const preloaded = [...html.matchAll(/<link rel="modulepreload" href="min\/([^"]+)">/g)].map((m) => m[1]).sort();
const wanted = [...renames.values()].sort();
if (JSON.stringify(preloaded) !== JSON.stringify(wanted)) throw new Error(`bundle: index.html preloads min/${preloaded.join(', min/')}, but min/app.js imports min/${wanted.join(', min/')}`);
if (!html.includes('<script type="module" src="min/app.js"></script>')) throw new Error('bundle: index.html does not load min/app.js');

console.log(`bundled www/min/: ${1 + lazy.size} page entries (${pageModules.size} modules), ${workers.size} workers, ${css.outputFiles.length} stylesheets; ${fs.readdirSync(OUT).length} files, ${bytes} bytes`);
