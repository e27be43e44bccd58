// The page shell: loads the wasm core, shows one view at a time, switches language.
//
// Cold start (navigation → first grade): index.html preloads the scoring core's wasm, the first
// rule set and the modules of the first screen, so they download with the stylesheets. The first
// screen needs only the scoring core (pkg/yibao_credit.js) and the one rule set of the saved (or
// default) subject type. Of the views only the self-assessment comes with app.js; the others are
// imported when first shown, and in the background once the first view is on screen, with the
// tools module (pkg/yibao_tools.js: repair, forms, deadlines, batch); then the service worker is
// registered (it downloads every file again). A view that needs the tools module gets it before it
// is drawn, and, when it names subject types, every shipped rule set (www/loader.js). Two
// performance marks (yc:…) show in DevTools; benches/cold-start.mjs prints all phases.
import init, * as firstCore from './pkg/yibao_credit.js';
import { h, put, errorText } from './dom.js';
import { t, getLang, setLang } from './i18n.js';
import { recoveringApi, joinedApi, TRAP } from './safe-api.js';
import { dataTools, takeFlash, clearData, refusedNotice } from './data.js';
import { builtinName, fetchRules, give, loadBuiltin, loadAllBuiltins, loadTools, freshModule } from './loader.js';
import * as store from './store.js';
// The first screen comes with app.js: loaded by import() it was ready only 20–40 ms after the wasm.
import * as assessModule from './views/assess.js';

performance.mark('yc:modules');
// Started at once: the wasm (already downloading, see index.html) compiles off the main thread, and
// the rule set of the subject type the self-assessment shows first downloads meanwhile.
const coreReady = init();
// The last edits before a killed browser, from IndexedDB, taken back before any view loads (store.js).
const recovered = store.recover();
const saved = store.peek('assess');
const firstRules = builtinName(saved && typeof saved.type === 'string' ? saved.type : 'retail-pharmacy');
if (firstRules) fetchRules(firstRules).catch(() => { /* the self-assessment says so, and tries again */ });

/** Loads something once (`get.value` is set when it has); a failure (e.g. offline with no service worker yet) is tried again next time. */
function lazy(load) {
  let pending = null;
  const get = () => {
    pending ??= load().then((v) => { get.value = v; return v; }, (e) => { pending = null; throw e; });
    return pending;
  };
  get.value = null;
  return get;
}

/** The same shape for something already loaded. */
function loaded(v) {
  const get = () => Promise.resolve(v);
  get.value = v;
  return get;
}

// The wasm modules: a trap leaves an instance unusable, so the views get a guarded API that loads a
// fresh instance of the module that trapped (the module again, with a query so it is a new
// instance, given the rule sets again) and re-draws the view: what the user typed is in
// localStorage, so nothing is lost. (The mechanism: www/safe-api.js.)
const banner = h('div', { id: 'app-msg', class: 'app-msg' });
// What store.js has to tell (storage full, another tab, data partly unusable…): drawn by
// store-notices.js, loaded the first time there is something to say.
const storeBox = h('div', { id: 'store-msg', class: 'app-msg' });
function drawStore() {
  if (store.currentProblems().length || storeBox.firstChild) import('./store-notices.js').then((m) => m.draw(storeBox, ctx.today), () => {});
}
store.onProblems(drawStore);

/** Shows a message at the top of the page (role=alert for errors, status otherwise). */
export function showMessage(text, kind = 'status') {
  put(banner, text ? h('p', { class: kind === 'alert' ? 'error' : 'note', role: kind }, text) : null);
}

const recovery = {
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
};
const coreApi = recoveringApi(firstCore, (n, trapped) => freshModule('core', n, trapped), recovery);
const tools = lazy(async () => recoveringApi(await loadTools(), (n, trapped) => freshModule('tools', n, trapped), recovery));
const allRules = lazy(loadAllBuiltins);
const api = joinedApi(() => (tools.value ? [coreApi, tools.value] : [coreApi]));

// A view's own stylesheets (www/css/NAME.css, minified to www/min/NAME.css by scripts/bundle.mjs:
// found from the <link> to min/first.css), loaded when the view is first prepared: the first
// screen's (base, assess, ident: its code check) come with index.html in min/first.css. The
// single-file build inlines every stylesheet (it has no such <link>): nothing to load there.
const sheets = new Map();
function css(name) {
  if (!sheets.has(name)) {
    sheets.set(name, lazy(() => new Promise((resolve, reject) => {
      const first = document.querySelector('link[rel="stylesheet"][href$="first.css"]');
      if (!first) { resolve(true); return; }
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = first.getAttribute('href').replace(/first\.css$/, `${name}.css`);
      link.onload = () => resolve(true);
      link.onerror = () => { link.remove(); reject(new Error(`${link.href}: not loaded`)); };
      document.head.append(link);
    })));
  }
  return sheets.get(name);
}

// The tab bar needs only ids and titles; a view's module (its `view.mount`) is loaded when shown,
// with what it `needs`. The single-file build (scripts/build-offline.mjs) turns these import()
// calls into the inlined modules.
const VIEWS = [
  { id: 'assess', title: ['信用自评', 'Self-assessment'], module: loaded(assessModule), needs: [] },
  { id: 'repair', title: ['信用修复', 'Credit repair'], module: lazy(() => import('./views/repair.js')), needs: [tools, allRules, css('repair')] },
  { id: 'forms', title: ['申请表格', 'Forms'], module: lazy(() => import('./views/forms.js')), needs: [tools, allRules, css('forms'), css('deadline'), css('repair')] },
  { id: 'deadline', title: ['期限计算', 'Deadlines'], module: lazy(() => import('./views/deadline.js')), needs: [tools, css('deadline')] },
  { id: 'ident', title: ['代码校验', 'Code check'], module: lazy(() => import('./views/ident.js')), needs: [tools] },
  { id: 'batch', title: ['批量评价', 'Batch'], module: lazy(() => import('./views/batch.js')), needs: [tools, allRules, css('batch'), css('repair')] },
  // For bureaus, off the citizen's path: no tab, a link in the footer; loaded only when opened.
  { id: 'rules-editor', title: ['指标管理', 'Indicator lists'], module: lazy(() => import('./views/rules-editor.js')), needs: [tools, allRules], bureau: true },
];
/** Loads a view's module and what it needs. */
const prepare = (v) => Promise.all([v.module(), ...v.needs.map((get) => get())]);
const isPrepared = (v) => v.module.value && v.needs.every((get) => get.value);
const fromHash = () => VIEWS.find((v) => v.id === location.hash.slice(1));
prepare(fromHash() || VIEWS[0]).catch(() => { /* reported when it is shown (render) */ }); // e.g. #batch

/** Today's date on this computer, as YYYY-MM-DD (the core never reads the clock). */
function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

const ctx = { api, today: today(), get lang() { return getLang(); }, t, showMessage, clearData, loadRules: loadBuiltin, handoff: null, go, loadTools: () => tools() };
let current = VIEWS[0].id;

/** Shows view `id` from another view's button, handing it `handoff` (e.g. which form to open); focus goes to the new view. */
function go(id, handoff = null) {
  if (!VIEWS.some((v) => v.id === id)) return;
  ctx.handoff = handoff;
  current = id;
  location.hash = id;
  render();
  window.scrollTo(0, 0);
  document.querySelector(`#tabs [data-view="${id}"]`)?.focus();
}
let drawn = 0; // counts renders: a view module that arrives after another view was chosen is not drawn

function render() {
  document.documentElement.lang = getLang() === 'en' ? 'en' : 'zh-CN';
  document.getElementById('app-title').textContent = t('医疗保障信用自评', 'Medical-insurance credit self-assessment');
  document.getElementById('app-sub').textContent = t('离线运行 · 数据不离开本机', 'Runs offline · your data never leaves this computer');
  document.getElementById('lang').textContent = getLang() === 'en' ? '中文' : 'English';
  document.getElementById('lang').setAttribute('aria-label', getLang() === 'en' ? '切换到中文' : 'Switch to English');
  const tabs = document.getElementById('tabs');
  put(tabs, VIEWS.filter((v) => !v.bureau || v.id === current).map((v) => h('button', {
    type: 'button',
    class: v.id === current ? 'tab active' : 'tab',
    'aria-current': v.id === current ? 'page' : null,
    dataset: { view: v.id },
    onclick: () => { current = v.id; location.hash = v.id; render(); tabs.querySelector(`[data-view="${v.id}"]`)?.focus(); },
  }, t(v.title[0], v.title[1]))));
  const main = document.getElementById('main');
  const section = h('section', { class: `view view-${current}` });
  put(main, banner, storeBox, section);
  drawStore();
  const v = VIEWS.find((x) => x.id === current) || VIEWS[0];
  const n = ++drawn;
  const mount = () => {
    try {
      section.replaceChildren();
      v.module.value.view.mount(section, ctx);
    } catch (e) {
      put(section, h('p', { class: 'error', role: 'alert' }, errorText(e, getLang())));
    }
  };
  if (isPrepared(v)) mount();
  else {
    put(section, h('p', { class: 'boot', role: 'status' }, t('正在加载…', 'Loading…')));
    prepare(v).then(() => { if (n === drawn) mount(); }, () => {
      if (n === drawn) put(section, h('p', { class: 'error', role: 'alert' }, t('无法加载此功能的程序文件。请检查网络连接后刷新页面。', 'This part of the tool could not be loaded. Check the connection and reload the page.')));
    });
  }
  put(document.getElementById('foot'),
    h('p', {}, t('依据《汕尾市医疗保障信用管理办法（试行）》等文件。内置指标为示例，正式评价以本地医疗保障局公布的指标为准。',
      'Based on the Measures of Shanwei City for the Management of Medical Security Credit (Trial) (《汕尾市医疗保障信用管理办法（试行）》) and other documents. The built-in indicators are a sample; the local bureau\'s published indicators govern.')),
    h('p', {}, t('今天（本机日期）：', 'Today (this computer): '), ctx.today),
    h('p', {}, t('医疗保障部门：', 'For bureaus: '), h('a', { href: '#rules-editor', id: 'link-rules-editor' }, t('指标管理（编制、发布、比较评价指标）', 'Indicator lists (write, publish, compare)'))),
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
  } catch (_) {
    put(document.getElementById('main'), h('p', { class: 'error', role: 'alert' },
      t('无法加载计算模块（WebAssembly）。请使用较新的浏览器，或通过本地服务器打开。', 'The calculation module (WebAssembly) could not load. Use a newer browser, or open the page through a local web server.')));
    return;
  }
  // The first rule set was fetched meanwhile (if that failed, the self-assessment says so and tries
  // again); a view's module and what it needs are usually loaded by now (if not, render() says so).
  await give(firstCore, firstRules ? [firstRules] : []).catch(() => {});
  await prepare(first || VIEWS[0]).catch(() => {});
  await recovered;
  // A bureau's own rule file the self-assessment saved: the tools module checks and compiles it
  // (the first screen's module reads compiled rule sets only), so it is loaded first.
  if (store.peek('assess')?.customRules) await tools().catch(() => { /* the self-assessment says the rules did not load */ });
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
  // The address may have changed while the modules loaded (a link followed early): show what it names.
  const now = fromHash();
  if (now) current = now.id;
  render();
  performance.mark('yc:first-view');
  const flash = takeFlash();
  const old = refusedNotice();
  if (flash) showMessage(t(flash[0], flash[1]), flash[2] || 'alert');
  else if (old) showMessage(old, 'alert');
  // Not before the first view is on screen: the other views' modules and the tools module, then
  // the service worker.
  afterPaint(() => {
    for (const v of VIEWS) if (!v.bureau) v.module().catch(() => { /* tried again when shown */ });
    for (const get of sheets.values()) get().catch(() => { /* tried again when its view is shown */ });
    tools().catch(() => { /* tried again when a view needs it */ });
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
