// The page shell: loads the wasm core, shows one view at a time, switches language.
//
// Cold start (navigation → first grade): index.html preloads the wasm and the modules of the first
// screen, so they download with the stylesheets. Of the views only the self-assessment (the first
// screen) comes with app.js; the others are imported when first shown, and in the background once
// the first view is on screen (then the service worker is registered: it downloads every file
// again). Two performance marks (yc:…) show in DevTools; benches/cold-start.mjs prints all phases.
import init, * as firstCore from './pkg/yibao_credit.js';
import { h, put, errorText } from './dom.js';
import { t, getLang, setLang } from './i18n.js';
import { recoveringApi, TRAP } from './safe-api.js';
import { dataTools, takeFlash, clearData, refusedNotice } from './data.js';
// The first screen comes with app.js: loaded by import() it was ready only 20–40 ms after the wasm.
import * as assessModule from './views/assess.js';

performance.mark('yc:modules');
// Started at once: the wasm (already downloading, see index.html) compiles off the main thread.
const coreReady = init();

/** Loads a module once; a failed load (e.g. offline with no service worker yet) is tried again next time. */
function lazy(importer) {
  let pending = null;
  const load = () => {
    pending ??= importer().then((m) => { load.module = m; return m; }, (e) => { pending = null; throw e; });
    return pending;
  };
  load.module = null;
  return load;
}

/** The same shape for a module that is already loaded. */
function loaded(m) {
  const load = () => Promise.resolve(m);
  load.module = m;
  return load;
}

// The tab bar needs only ids and titles; a view's module (its `view.mount`) is loaded when shown.
// The single-file build (scripts/build-offline.mjs) turns these import() calls into the inlined modules.
const VIEWS = [
  { id: 'assess', title: ['信用自评', 'Self-assessment'], load: loaded(assessModule) },
  { id: 'repair', title: ['信用修复', 'Credit repair'], load: lazy(() => import('./views/repair.js')) },
  { id: 'forms', title: ['申请表格', 'Forms'], load: lazy(() => import('./views/forms.js')) },
  { id: 'deadline', title: ['期限计算', 'Deadlines'], load: lazy(() => import('./views/deadline.js')) },
  { id: 'ident', title: ['代码校验', 'Code check'], load: lazy(() => import('./views/ident.js')) },
  { id: 'batch', title: ['批量评价', 'Batch'], load: lazy(() => import('./views/batch.js')) },
];
const fromHash = () => VIEWS.find((v) => v.id === location.hash.slice(1));
(fromHash() || VIEWS[0]).load().catch(() => { /* reported when it is shown (render) */ }); // e.g. #batch

/** Today's date on this computer, as YYYY-MM-DD (the core never reads the clock). */
function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

// The wasm core: a trap leaves the instance unusable, so the views get a guarded API that loads a
// fresh instance (the module again, with a query so it is a new instance) and re-draws the view:
// what the user typed is in localStorage, so nothing is lost. (The mechanism: www/safe-api.js.)
const banner = h('div', { id: 'app-msg', class: 'app-msg' });

/** Shows a message at the top of the page (role=alert for errors, status otherwise). */
export function showMessage(text, kind = 'status') {
  put(banner, text ? h('p', { class: kind === 'alert' ? 'error' : 'note', role: kind }, text) : null);
}

/** After a trap: a fresh instance of the module, or a reload of the page (single-file build). */
async function freshCore(n) {
  // The single-file build has no module file to load again (and its CSP allows none).
  if (!/\/app\.js$/.test(new URL(import.meta.url).pathname)) throw new Error('single-file build');
  const url = `./pkg/yibao_credit.js?reload=${n}`;
  const fresh = await import(url);
  await fresh.default();
  return fresh;
}

const api = recoveringApi(firstCore, freshCore, {
  onRecovered() {
    render();
    showMessage(t(TRAP.zh, TRAP.en), 'alert');
  },
  onFailed() {
    // No module file to load again (single-file build): reload the page, say so after.
    try { sessionStorage.setItem('yibao-credit:flash', JSON.stringify([TRAP.zh, TRAP.en])); } catch (_e) { /* ignore */ }
    location.reload();
  },
  onRepeated() {
    showMessage(t('计算模块反复出错。您填写的内容已保存；请刷新页面或换用较新的浏览器。', 'The calculation module keeps failing. What you typed is saved; reload the page or use a newer browser.'), 'alert');
  },
});

const ctx = { api, today: today(), get lang() { return getLang(); }, t, showMessage, clearData };
let current = VIEWS[0].id;
let drawn = 0; // counts renders: a view module that arrives after another view was chosen is not drawn

function render() {
  document.documentElement.lang = getLang() === 'en' ? 'en' : 'zh-CN';
  document.getElementById('app-title').textContent = t('医疗保障信用自评', 'Medical-insurance credit self-assessment');
  document.getElementById('app-sub').textContent = t('离线运行 · 数据不离开本机', 'Runs offline · your data never leaves this computer');
  document.getElementById('lang').textContent = getLang() === 'en' ? '中文' : 'English';
  document.getElementById('lang').setAttribute('aria-label', getLang() === 'en' ? '切换到中文' : 'Switch to English');
  const tabs = document.getElementById('tabs');
  put(tabs, VIEWS.map((v) => h('button', {
    type: 'button',
    class: v.id === current ? 'tab active' : 'tab',
    'aria-current': v.id === current ? 'page' : null,
    dataset: { view: v.id },
    onclick: () => { current = v.id; location.hash = v.id; render(); tabs.querySelector(`[data-view="${v.id}"]`)?.focus(); },
  }, t(v.title[0], v.title[1]))));
  const main = document.getElementById('main');
  const section = h('section', { class: `view view-${current}` });
  put(main, banner, section);
  const v = VIEWS.find((x) => x.id === current) || VIEWS[0];
  const n = ++drawn;
  const mount = () => {
    try {
      section.replaceChildren();
      v.load.module.view.mount(section, ctx);
    } catch (e) {
      put(section, h('p', { class: 'error', role: 'alert' }, errorText(e, getLang())));
    }
  };
  if (v.load.module) mount();
  else {
    put(section, h('p', { class: 'boot', role: 'status' }, t('正在加载…', 'Loading…')));
    v.load().then(() => { if (n === drawn) mount(); }, () => {
      if (n === drawn) put(section, h('p', { class: 'error', role: 'alert' }, t('无法加载此功能的程序文件。请检查网络连接后刷新页面。', 'This part of the tool could not be loaded. Check the connection and reload the page.')));
    });
  }
  put(document.getElementById('foot'),
    h('p', {}, t('依据《汕尾市医疗保障信用管理办法（试行）》等文件。内置指标为示例，正式评价以本地医疗保障局公布的指标为准。',
      'Based on the Shanwei medical-insurance credit measures (trial). The built-in indicators are a sample; the local bureau\'s published indicators govern.')),
    h('p', {}, t('今天（本机日期）：', 'Today (this computer): '), ctx.today),
    dataTools(ctx));
}

/** Runs fn once the page has painted: after the next frame (at once in a hidden tab, which paints none). */
function afterPaint(fn) {
  if (document.visibilityState === 'hidden') setTimeout(fn, 0);
  else requestAnimationFrame(() => setTimeout(fn, 0));
}

async function start() {
  const first = fromHash();
  if (first) current = first.id;
  try {
    await coreReady;
  } catch (e) {
    put(document.getElementById('main'), h('p', { class: 'error', role: 'alert' },
      '无法加载计算模块（WebAssembly）。请使用较新的浏览器，或通过本地服务器打开。 / The calculation module could not load.'));
    return;
  }
  // Usually loaded by now (it was started with the wasm); if it failed, render() says so.
  await (first || VIEWS[0]).load().catch(() => {});
  // The skip link focuses the content without changing the address (#view stays, so reload keeps the view).
  document.querySelector('.skip')?.addEventListener('click', (e) => {
    e.preventDefault();
    const main = document.getElementById('main');
    main.focus();
    main.scrollIntoView();
  });
  document.getElementById('lang').addEventListener('click', () => { setLang(getLang() === 'en' ? 'zh' : 'en'); render(); });
  window.addEventListener('hashchange', () => {
    const id = location.hash.slice(1);
    if (id !== current && VIEWS.some((v) => v.id === id)) { current = id; render(); }
  });
  render();
  performance.mark('yc:first-view');
  const flash = takeFlash();
  const old = refusedNotice();
  if (flash) showMessage(t(flash[0], flash[1]), flash[2] || 'alert');
  else if (old) showMessage(old, 'alert');
  // Not before the first view is on screen: the other views' modules, then the service worker.
  afterPaint(() => {
    for (const v of VIEWS) v.load().catch(() => { /* tried again when shown */ });
    registerServiceWorker();
  });
}

// Hosted use (http/https, not file://): a service worker keeps the page working offline once it has
// loaded, and swaps in a new version cleanly when one is deployed (www/sw.js).
function registerServiceWorker() {
  if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
    navigator.serviceWorker.register('sw.js').catch(() => { /* no precache.js (not built) or blocked: works online */ });
  }
}

start();
