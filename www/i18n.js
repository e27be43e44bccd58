// Chinese first, English second. The language is kept in localStorage.
const KEY = 'yibao-credit:lang';
let lang = 'zh';
try {
  const saved = localStorage.getItem(KEY);
  if (saved === 'en' || saved === 'zh') lang = saved;
} catch (_) { /* storage blocked: stay in Chinese */ }

export function getLang() { return lang; }
export function setLang(l) {
  lang = l === 'en' ? 'en' : 'zh';
  try { localStorage.setItem(KEY, lang); } catch (_) { /* ignore */ }
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
}
/** t('中文', 'English'): the string for the current language. */
export function t(zh, en) { return lang === 'en' && en ? en : zh; }
/** A {zh, en} text object in the current language. */
export function tx(text) { return text ? t(text.zh, text.en) : ''; }
/** A {zh, en} text that stands as a sentence of its own (a warning, a note): in English, with a capital first letter. */
export function sentence(text) {
  const s = tx(text);
  return lang === 'en' ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}
