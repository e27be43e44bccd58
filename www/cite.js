// Citations on the page. Every result cites as {zh, en, refs: [{law, article | attachment}]}
// (src/law.rs); the law library's files (law/ID.json, copied from data/law/ by scripts/build.sh;
// the single-file build carries them as <script type="application/json" id="yc-law-ID">) hold
// the articles' texts. A citation is shown as a disclosure the user opens (click, tap, or Enter /
// Space on the focused citation) to read the article itself — or, where the tool does not hold its
// wording, what is known of it and that it is not verified, in plain words.
import { h, put } from './dom.js';
import { t, getLang } from './i18n.js';

/** The text of a citation in the page's language (a plain string is shown as it is). */
export function citeText(c) {
  if (!c) return '';
  if (typeof c === 'string') return c;
  return t(c.zh, c.en);
}

const SHANWEI_ZH = '《汕尾市医疗保障信用管理办法（试行）》';
const SHANWEI_EN = / of the Measures of Shanwei City for the Management of Medical Security Credit \(Trial\) \(《汕尾市医疗保障信用管理办法（试行）》\)/;

/** The citation without the Shanwei measures' title, for tables that say once which measures they cite. */
export function shortCiteText(c) {
  const s = citeText(c);
  return getLang() === 'en' ? s.replace(SHANWEI_EN, '') : s.replace(SHANWEI_ZH, '');
}

const docs = new Map(); // law id → Promise of its file

/** The law library's file `id` (fetched once; a failed fetch is tried again next time). */
export function fetchLaw(id) {
  if (!/^[a-z0-9-]+$/.test(id)) return Promise.reject(new Error(`law id ${id}`));
  if (!docs.has(id)) {
    const p = (async () => {
      const inline = document.getElementById(`yc-law-${id}`);
      if (inline) return JSON.parse(inline.textContent);
      const res = await fetch(new URL(`law/${id}.json`, import.meta.url));
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return res.json();
    })();
    p.catch(() => docs.delete(id));
    docs.set(id, p);
  }
  return docs.get(id);
}

/** The document's name in the page's language (English: its English name and the Chinese title). */
function lawTitle(d) {
  return getLang() === 'en' ? `${d.titleEn} (${d.title})` : d.title + (d.number && !d.title.includes(d.number) ? `（${d.number}）` : '');
}

/** What the library says of one reference, as elements. */
function refBody(d, ref) {
  const head = h('p', { class: 'cite-doc' }, lawTitle(d));
  if (ref.attachment) {
    const a = (d.attachments || []).find((x) => x.id === ref.attachment);
    return [head, h('p', {}, a ? `${t(a.label.zh, a.label.en)}　${t(a.title.zh, a.title.en)}` : ref.attachment,
      ' ', h('small', {}, t('（附件为表格，见“附件表格”页）', '(a form: see the Forms page)')))];
  }
  if (!ref.article) {
    return [head, h('p', { class: 'cite-unverified' }, t(d.certainty.zh, d.certainty.en))];
  }
  const a = (d.articles || []).find((x) => x.id === ref.article);
  if (!a) return [head, h('p', {}, ref.article)];
  const label = h('strong', {}, t(a.label.zh, a.label.en), ' ');
  if (a.verified && a.text) {
    // The text as written (in Chinese: it is the law); paragraphs kept.
    return [head, getLang() === 'en' ? h('p', { class: 'cite-gist' }, 'The official text, in Chinese:') : null,
      h('blockquote', { class: 'cite-article', lang: 'zh-CN' }, a.text.split('\n').map((p, i) => h('p', {}, i === 0 ? label : null, p))),
      getLang() === 'en' && a.gist && a.gist.en ? h('p', { class: 'cite-gist' }, t('', 'In short: '), a.gist.en) : null];
  }
  return [head, h('p', {}, label, a.gist ? t(a.gist.zh, a.gist.en) : ''),
    h('p', { class: 'cite-unverified' }, t('本工具未取得该条原文，以上内容不是原文，请以正式文本为准。',
      'The tool does not have the text of this article: the above is not its wording; the official text governs.'))];
}

/**
 * A citation the user can open: `<details>` whose summary is the citation and whose body is the
 * article's text, fetched when first opened. `short`: without the Shanwei measures' title;
 * `label`: another text for the summary (where the citation is already written beside it).
 * A citation without references (a bureau's own document) is plain text.
 */
export function citeEl(c, { short = false, label = null } = {}) {
  const text = label || (short ? shortCiteText(c) : citeText(c));
  if (!c || typeof c === 'string' || !Array.isArray(c.refs) || !c.refs.length) return h('span', { class: 'cite-text' }, text);
  const body = h('div', { class: 'cite-body', 'aria-live': 'polite' });
  const box = h('details', { class: 'cite-box' }, h('summary', { class: 'cite-sum', title: t('点开查看条文', 'Open to read the article') }, text), body);
  let loaded = false;
  box.addEventListener('toggle', async () => {
    if (!box.open || loaded) return;
    loaded = true;
    put(body, h('p', { class: 'muted' }, t('正在读取条文……', 'Reading the article…')));
    const parts = [];
    for (const ref of c.refs) {
      try {
        parts.push(h('div', { class: 'cite-ref' }, refBody(await fetchLaw(ref.law), ref)));
      } catch (_) {
        loaded = false;
        parts.push(h('p', { class: 'cite-unverified' }, t('条文未能读取（页面文件不全或网络不通），请稍后再试。', 'The article could not be read (a page file is missing, or no network); try again later.')));
      }
    }
    put(body, parts);
  });
  return box;
}

/**
 * The articles a result relies on, for the printed report: every reference of `cites`, once,
 * with its text (or what is known of it). A promise of elements.
 */
export async function citedArticles(cites) {
  const seen = new Set();
  const refs = [];
  for (const c of cites) {
    for (const r of (c && c.refs) || []) {
      const k = `${r.law}|${r.article || ''}|${r.attachment || ''}`;
      if (!seen.has(k) && !r.attachment) { seen.add(k); refs.push(r); }
    }
  }
  const out = [];
  for (const r of refs) {
    try { out.push(h('div', { class: 'cite-ref' }, refBody(await fetchLaw(r.law), r))); } catch (_) { /* left out: the citation itself is printed */ }
  }
  return out;
}
