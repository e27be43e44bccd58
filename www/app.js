// The page shell: loads the wasm core, shows one view at a time, switches language.
import init, * as firstCore from './pkg/yibao_credit.js';
import { h, put, errorText } from './dom.js';
import { t, getLang, setLang } from './i18n.js';
import { recoveringApi, TRAP } from './safe-api.js';
import { dataTools, takeFlash, clearData, refusedNotice } from './data.js';
import { view as assess } from './views/assess.js';
import { view as repair } from './views/repair.js';
import { view as deadline } from './views/deadline.js';
import { view as ident } from './views/ident.js';
import { view as batch } from './views/batch.js';
import { view as forms } from './views/forms.js';

const VIEWS = [assess, repair, forms, deadline, ident, batch];

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
  try {
    v.mount(section, ctx);
  } catch (e) {
    put(section, h('p', { class: 'error', role: 'alert' }, errorText(e, getLang())));
  }
  put(document.getElementById('foot'),
    h('p', {}, t('依据《汕尾市医疗保障信用管理办法（试行）》等文件。内置指标为示例，正式评价以本地医疗保障局公布的指标为准。',
      'Based on the Shanwei medical-insurance credit measures (trial). The built-in indicators are a sample; the local bureau\'s published indicators govern.')),
    h('p', {}, t('今天（本机日期）：', 'Today (this computer): '), ctx.today),
    dataTools(ctx));
}

async function start() {
  try {
    await init();
  } catch (e) {
    put(document.getElementById('main'), h('p', { class: 'error', role: 'alert' },
      '无法加载计算模块（WebAssembly）。请使用较新的浏览器，或通过本地服务器打开。 / The calculation module could not load.'));
    return;
  }
  const fromHash = location.hash.slice(1);
  if (VIEWS.some((v) => v.id === fromHash)) current = fromHash;
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
  const flash = takeFlash();
  const old = refusedNotice();
  if (flash) showMessage(t(flash[0], flash[1]), flash[2] || 'alert');
  else if (old) showMessage(old, 'alert');
}

start();

// Hosted use (http/https, not file://): a service worker keeps the page working offline once it has
// loaded, and swaps in a new version cleanly when one is deployed (www/sw.js).
if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
  navigator.serviceWorker.register('sw.js').catch(() => { /* no precache.js (not built) or blocked: works online */ });
}
