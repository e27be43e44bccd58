// A minimal CommonJS loader for the browser, used only by the benchmark's peer page
// (benches/peer.html, via benches/peer-browser.mjs) to run npm json-rules-engine, which ships
// CommonJS only, without a bundler or any extra npm dependency.
//
// `await loadCommonJS(nodeModulesUrl, ids)` does two passes:
//   1. fetch: resolves each id, fetches the file from the static server, scans it for
//      `require('…')` string literals and fetches those too, recursively (asynchronously);
//   2. run: returns a synchronous `require` that runs each file once, wrapped as
//      `function (exports, require, module, __filename, __dirname)` with `this` = module.exports.
// Resolution follows Node's for what these packages use: relative paths (exact, .js, .json,
// dir/index.js), bare names looked up in node_modules directories walking up from the requiring
// file, package.json `exports` (exact subpaths, conditions taken in the package's key order
// among CONDITIONS) or else `main`. `.json` files are parsed. Node built-ins are not provided:
// requiring one throws. A require found by the scan that cannot be resolved (dead branches,
// comments) is only an error if it is actually called.
//
// CONDITIONS: the first `exports` key of the package among these wins. A CommonJS loader needs
// CommonJS files, so `browser`/`import` (ESM) are not accepted; `umd` comes first because
// jsonpath-plus lists its browser UMD build under it (its `require` build is the Node one).
const CONDITIONS = new Set(['umd', 'require', 'default']);

export async function loadCommonJS(nodeModulesUrl, ids) {
  const texts = new Map(); // url → Promise<string | null>
  const deps = new Map(); // url → Map(specifier → url | Error)
  const fetchText = (url) => {
    if (!texts.has(url)) {
      texts.set(url, fetch(url).then((r) => (r.ok ? r.text() : null)));
    }
    return texts.get(url);
  };
  const isFile = async (url) => !url.endsWith('/') && (await fetchText(url)) !== null;

  async function asFile(url) {
    for (const u of [url, `${url}.js`, `${url}.json`]) if (await isFile(u)) return u;
    return null;
  }
  async function asDir(url) {
    const dir = url.endsWith('/') ? url : `${url}/`;
    const pj = await fetchText(`${dir}package.json`);
    if (pj !== null) {
      const main = JSON.parse(pj).main;
      if (main) {
        const u = new URL(main, dir).href;
        const f = (await asFile(u)) || (await isFile(`${u}/index.js`) ? `${u}/index.js` : null);
        if (f) return f;
      }
    }
    return (await isFile(`${dir}index.js`)) ? `${dir}index.js` : null;
  }
  function exportsTarget(exp, subpath) {
    const keyed = exp && typeof exp === 'object' && !Array.isArray(exp) && Object.keys(exp).some((k) => k.startsWith('.'));
    const entry = keyed ? exp[subpath] : subpath === '.' ? exp : undefined;
    const pick = (e) => {
      if (typeof e === 'string') return e;
      if (Array.isArray(e)) {
        for (const x of e) { const r = pick(x); if (r) return r; }
        return null;
      }
      if (e && typeof e === 'object') {
        for (const k of Object.keys(e)) if (CONDITIONS.has(k)) { const r = pick(e[k]); if (r) return r; }
      }
      return null;
    };
    return pick(entry);
  }
  async function resolve(spec, parentUrl) {
    if (/^\.{0,2}\//.test(spec)) {
      const u = new URL(spec, parentUrl).href;
      const r = (await asFile(u)) || (await asDir(u));
      if (r) return r;
      throw new Error(`cannot resolve '${spec}' from ${parentUrl}`);
    }
    const parts = spec.split('/');
    const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
    const sub = spec.slice(name.length + 1);
    // node_modules directories from the requiring file's directory up to the server's root.
    const dirs = [];
    for (let d = new URL('.', parentUrl); ; d = new URL('..', d)) {
      if (!d.pathname.endsWith('/node_modules/')) dirs.push(new URL('node_modules/', d).href);
      if (d.pathname === '/') break;
    }
    for (const nm of dirs) {
      const pkgDir = `${nm}${name}/`;
      const pj = await fetchText(`${pkgDir}package.json`);
      if (pj === null) continue;
      const pkg = JSON.parse(pj);
      if (pkg.exports !== undefined) {
        const t = exportsTarget(pkg.exports, sub ? `./${sub}` : '.');
        if (!t) throw new Error(`'${spec}': not exported for ${[...CONDITIONS].join('/')} by ${pkgDir}package.json`);
        const u = new URL(t, pkgDir).href;
        if (!(await isFile(u))) throw new Error(`'${spec}': ${u} not found`);
        return u;
      }
      const r = sub ? (await asFile(pkgDir + sub)) || (await asDir(pkgDir + sub)) : await asDir(pkgDir);
      if (r) return r;
    }
    throw new Error(`cannot resolve '${spec}' from ${parentUrl} (no package; Node built-ins are not provided)`);
  }

  // Pass 1: fetch the graph.
  async function visit(url) {
    if (deps.has(url)) return;
    const m = new Map();
    deps.set(url, m);
    if (url.endsWith('.json')) return;
    const src = await fetchText(url);
    const specs = new Set([...src.matchAll(/\brequire\(\s*(['"])([^'"\n]+)\1\s*\)/g)].map((x) => x[2]));
    await Promise.all([...specs].map(async (s) => {
      try {
        const u = await resolve(s, url);
        m.set(s, u);
        await visit(u);
      } catch (e) {
        m.set(s, e);
      }
    }));
  }
  const entry = `${nodeModulesUrl.replace(/\/?$/, '/')}__entry__.js`;
  const top = new Map();
  deps.set(entry, top);
  for (const id of ids) {
    const u = await resolve(id, entry);
    top.set(id, u);
    await visit(u);
  }

  // Pass 2: run on demand.
  const modules = new Map(); // url → module
  const executed = [];
  function run(url) {
    if (modules.has(url)) return modules.get(url).exports;
    const module = { id: url, exports: {}, loaded: false };
    modules.set(url, module);
    executed.push(url);
    const src = texts.get(url).value;
    if (url.endsWith('.json')) {
      module.exports = JSON.parse(src);
    } else {
      const fn = new Function('exports', 'require', 'module', '__filename', '__dirname', `${src}\n//# sourceURL=${url}`);
      const dirname = new URL('.', url).href;
      fn.call(module.exports, module.exports, requireFrom(url), module, url, dirname);
    }
    module.loaded = true;
    return module.exports;
  }
  function requireFrom(url) {
    return (spec) => {
      const u = deps.get(url).get(spec);
      if (u === undefined) throw new Error(`require('${spec}') from ${url}: not a string literal, not prefetched`);
      if (u instanceof Error) throw u;
      return run(u);
    };
  }
  // The fetch promises have settled: keep their values for the synchronous pass.
  await Promise.all([...texts].map(async ([u, p]) => { texts.set(u, { value: await p }); }));
  return { require: requireFrom(entry), executed };
}
