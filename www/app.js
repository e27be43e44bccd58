// The page shell: loads the wasm core, shows one view at a time, switches language.
import init, * as core from './pkg/yibao_credit.js';
import { h, put, errorText } from './dom.js';
import { t, getLang, setLang } from './i18n.js';
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

const ctx = { api: core, today: today(), get lang() { return getLang(); }, t };
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
    onclick: () => { current = v.id; location.hash = v.id; render(); },
  }, t(v.title[0], v.title[1]))));
  const main = document.getElementById('main');
  const section = h('section', { class: `view view-${current}` });
  put(main, section);
  const v = VIEWS.find((x) => x.id === current) || VIEWS[0];
  try {
    v.mount(section, ctx);
  } catch (e) {
    put(section, h('p', { class: 'error', role: 'alert' }, errorText(e, getLang())));
  }
  put(document.getElementById('foot'),
    h('p', {}, t('依据《汕尾市医疗保障信用管理办法（试行）》等文件。内置指标为示例，正式评价以本地医疗保障局公布的指标为准。',
      'Based on the Shanwei medical-insurance credit measures (trial). The built-in indicators are a sample; the local bureau\'s published indicators govern.')),
    h('p', {}, t('今天（本机日期）：', 'Today (this computer): '), ctx.today));
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
  document.getElementById('lang').addEventListener('click', () => { setLang(getLang() === 'en' ? 'zh' : 'en'); render(); });
  window.addEventListener('hashchange', () => {
    const id = location.hash.slice(1);
    if (id !== current && VIEWS.some((v) => v.id === id)) { current = id; render(); }
  });
  render();
}

start();

// Hosted use (http/https, not file://): a service worker keeps the page working offline once it has
// loaded, and swaps in a new version cleanly when one is deployed (www/sw.js).
if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
  navigator.serviceWorker.register('sw.js').catch(() => { /* no precache.js (not built) or blocked: works online */ });
}
