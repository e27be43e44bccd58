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

const SHANWEI_FULL_EN = 'Measures of Shanwei City for the Management of Medical Security Credit (Trial) (《汕尾市医疗保障信用管理办法（试行）》)';

/** A basis the core words 「Shanwei measures, art. 29」 in English: with the measures' English name and the Chinese title beside it. */
export function basisText(b) {
  const s = citeText(b);
  return getLang() === 'en' ? s.replace(/^Shanwei [mM]easures(?: \(trial\))?/, SHANWEI_FULL_EN) : s;
}

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

/** The document's name as an element: in English, its Chinese title marked as Chinese (read out as such). */
function lawTitleEl(d) {
  if (getLang() !== 'en') return h('span', { class: 'cite-doc cite-line' }, lawTitle(d));
  return h('span', { class: 'cite-doc cite-line' }, `${d.titleEn} (`, h('span', { lang: 'zh-CN' }, d.title), ')');
}

/** What the library says of one reference, as elements. */
function refBody(d, ref) {
  const head = lawTitleEl(d);
  if (ref.attachment) {
    const a = (d.attachments || []).find((x) => x.id === ref.attachment);
    return [head, h('span', { class: 'cite-line' }, a ? `${t(a.label.zh, a.label.en)}${t('　', ': ')}${t(a.title.zh, a.title.en)}` : ref.attachment,
      ' ', h('small', {}, t('（附件为表格，见“附件表格”页）', '(a form: see the Forms page)')))];
  }
  if (!ref.article) {
    return [head, h('span', { class: 'cite-unverified cite-line' }, t(d.certainty.zh, d.certainty.en))];
  }
  const a = (d.articles || []).find((x) => x.id === ref.article);
  if (!a) return [head, h('span', { class: 'cite-line' }, ref.article)];
  const label = h('strong', { lang: getLang() === 'en' ? 'en' : null }, t(a.label.zh, a.label.en), ' ');
  if (a.verified && a.text) {
    // The text as written (in Chinese: it is the law); paragraphs kept.
    return [head, getLang() === 'en' ? h('span', { class: 'cite-gist cite-line' }, 'The official text, in Chinese:') : null,
      h('span', { class: 'cite-article', lang: 'zh-CN' }, a.text.split('\n').map((p, i) => h('span', { class: 'cite-line' }, i === 0 ? label : null, p))),
      getLang() === 'en' && a.gist && a.gist.en ? h('span', { class: 'cite-gist cite-line' }, t('', 'In short: '), a.gist.en) : null];
  }
  return [head, h('span', { class: 'cite-line' }, label, a.gist ? t(a.gist.zh, a.gist.en) : ''),
    h('span', { class: 'cite-unverified cite-line' }, t('本工具未取得该条原文，以上内容不是原文，请以正式文本为准。',
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
  // (A span shown as a block: a citation sits inside table cells and lines whose rows are divs.)
  const body = h('span', { class: 'cite-body', 'aria-live': 'polite' });
  const box = h('details', { class: 'cite-box' }, h('summary', { class: 'cite-sum', title: t('点开查看条文', 'Open to read the article') }, text), body);
  let loaded = false;
  box.addEventListener('toggle', async () => {
    if (!box.open || loaded) return;
    loaded = true;
    put(body, h('span', { class: 'muted cite-line' }, t('正在读取条文……', 'Reading the article…')));
    const parts = [];
    for (const ref of c.refs) {
      try {
        parts.push(h('span', { class: 'cite-ref' }, refBody(await fetchLaw(ref.law), ref)));
      } catch (_) {
        loaded = false;
        parts.push(h('span', { class: 'cite-unverified cite-line' }, t('条文未能读取（页面文件不全或网络不通），请稍后再试。', 'The article could not be read (a page file is missing, or no network); try again later.')));
      }
    }
    put(body, parts);
  });
  return box;
}

/**
 * The articles `cites` rely on, for a printed page: 「《…》第十三条、第十九条；《…》第二十条（原文本工具未核实）」,
 * each source once, its articles in its own order. A promise of the text ('' when none).
 */
export async function articleList(cites) {
  const byLaw = new Map();
  for (const c of cites) {
    for (const r of (c && c.refs) || []) {
      if (!byLaw.has(r.law)) byLaw.set(r.law, new Set());
      if (r.article) byLaw.get(r.law).add(r.article);
    }
  }
  const parts = [];
  for (const [law, ids] of byLaw) {
    let d;
    try { d = await fetchLaw(law); } catch (_) { continue; }
    const arts = (d.articles || []).filter((a) => ids.has(a.id));
    const labels = arts.map((a) => t(a.label.zh, a.label.en) + (a.verified ? '' : t('（原文本工具未核实）', ' (text not verified)')));
    parts.push(`${lawTitle(d)}${labels.length ? t('', ': ') : ''}${labels.join(t('、', ', '))}`);
  }
  return parts.join(t('；', '; '));
}
