// End-to-end test helpers: a static server for www/ on loopback (it logs every request), and
// Debian's Chromium driven by playwright-core.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
fs.mkdirSync(ARTIFACTS, { recursive: true });

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8', '.csv': 'text/csv; charset=utf-8', '.webmanifest': 'application/manifest+json',
};

/**
 * Serves `dir` on 127.0.0.1 on a free port. Returns {url, port, requests, files, close}.
 * `files`: a map of URL path → text served instead of the file (a deployment's own settings).
 * `extraHeaders`: headers for every file, or a function of the URL path giving them.
 */
export async function serve(dir = path.join(ROOT, 'www'), extraHeaders = {}) {
  const requests = [];
  const files = new Map();
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    const u = new URL(req.url, 'http://x');
    if (files.has(u.pathname)) {
      const more = typeof extraHeaders === 'function' ? extraHeaders(u.pathname) : extraHeaders;
      res.writeHead(200, { 'content-type': TYPES[path.extname(u.pathname)] || 'application/octet-stream', 'cache-control': 'no-cache', ...more });
      res.end(files.get(u.pathname));
      return;
    }
    let p = path.normalize(path.join(dir, decodeURIComponent(u.pathname)));
    if (!p.startsWith(dir)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(p) && fs.statSync(p).isDirectory()) p = path.join(p, 'index.html');
    if (!fs.existsSync(p)) { res.writeHead(404).end('not found'); return; }
    const more = typeof extraHeaders === 'function' ? extraHeaders(u.pathname) : extraHeaders;
    res.writeHead(200, { 'content-type': TYPES[path.extname(p)] || 'application/octet-stream', 'cache-control': 'no-cache', ...more });
    fs.createReadStream(p).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, port, requests, files, close: () => new Promise((r) => server.close(r)) };
}

/** Debian's Chromium, headless, with the flags this machine needs. */
export async function browser(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--disable-dev-shm-usage', '--lang=zh-CN', ...extraArgs],
  });
}

/**
 * Debian's Chromium with a real (persistent) profile in a new temporary folder, as a user's browser
 * is: third-party storage as a normal profile has it, localStorage written to disk. Returns the
 * BrowserContext (its `.dir` is the profile folder; close it, then remove the folder).
 */
export async function persistent(extraArgs = [], dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yc-profile-'))) {
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    locale: 'zh-CN',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--disable-dev-shm-usage', '--lang=zh-CN', ...extraArgs],
  });
  ctx.dir = dir;
  return ctx;
}

/** A new page that fails the test on any uncaught page error; console errors are collected. */
export async function page(b, opts = {}) {
  const ctx = await b.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, ...opts });
  const p = await ctx.newPage();
  p.errors = [];
  p.on('pageerror', (e) => p.errors.push(e.message));
  p.on('console', (m) => { if (m.type() === 'error') p.errors.push(m.text()); });
  return p;
}

/** Number of pages of a PDF (counts its /Type /Page objects). */
export function pdfPageCount(buf) {
  return (buf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
}

/**
 * Initialises a wasm-bindgen module of www/pkg/ in Node (for expected values) and hands it every
 * shipped rule set (www/rules/NAME.plan.json: data/rules/NAME.json with its shared sections in
 * place, checked and compiled by scripts/build.sh), as the page's loader does: `nodeModule(core,
 * 'yibao_credit')`, `nodeModule(tools, 'yibao_tools')`.
 */
export function nodeModule(mod, name) {
  mod.initSync({ module: fs.readFileSync(path.join(ROOT, `www/pkg/${name}_bg.wasm`)) });
  const dir = path.join(ROOT, 'www/rules');
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.plan.json')).sort()) {
    mod.registerBuiltin(f.slice(0, -'.plan.json'.length), fs.readFileSync(path.join(dir, f), 'utf8'));
  }
  return mod;
}

let gbkTable = null;
/**
 * GBK bytes of `text`, as Excel in Chinese Windows saves a CSV (Node's TextDecoder has gb18030;
 * the encoder is a table made from it). Throws on a character GBK does not have.
 */
export function gbk(text) {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++) for (let c = 0x40; c <= 0xfe; c++) {
      if (c === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(a, c));
      if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [a, c]);
    }
  }
  const out = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp < 0x80) out.push(cp);
    else if (gbkTable.has(ch)) out.push(...gbkTable.get(ch));
    else throw new Error(`GBK has no ${ch}`);
  }
  return Buffer.from(out);
}

/**
 * A new page (downloads accepted, service workers blocked) showing the view `hash` of the served
 * page in `lang` ('zh' or 'en'), once `ready` (a selector) is there.
 */
export async function openView(b, srv, hash, lang, ready) {
  const p = await page(b, { acceptDownloads: true, serviceWorkers: 'block' });
  await p.goto(srv.url);
  await p.evaluate((l) => localStorage.setItem('yibao-credit:lang', l), lang);
  await p.goto(srv.url + hash);
  await p.reload();
  await p.waitForSelector(ready);
  return p;
}

/**
 * A new page with the single-file build (dist/yibao-credit-offline.html) opened from file://,
 * recording every request (`p.requests`) and every CSP violation (`window.cspViolations`).
 */
export async function openOffline(b, opts = {}) {
  const p = await page(b, opts);
  p.requests = [];
  p.on('request', (r) => p.requests.push(r.url()));
  await p.addInitScript(() => { window.cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`)); });
  p.fileUrl = pathToFileURL(path.join(ROOT, 'dist/yibao-credit-offline.html')).href;
  await p.goto(p.fileUrl);
  await p.waitForSelector('#headline');
  return p;
}
