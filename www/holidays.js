// The holiday notices a user loads (holiday-cn JSON: the State Council's notice of a year that
// came out after this release), shared by the views that count working days — deadlines, forms,
// repair and objections. Saved with the page's other input (store name `holidays`: in the export,
// the import and 「清除我的数据」); checked by the core before it is kept, so a refused file changes
// nothing. `panel()` lists the notices in force (built in and loaded), loads and removes one, and
// says in plain words how a year without a notice is counted (《全国年节及纪念日放假办法》: its
// statutory holidays are rest days; bridging days and make-up working days are not known yet).
// 依据：国务院办公厅年度放假安排通知；《全国年节及纪念日放假办法》.
import { h, put, errorText, newId } from './dom.js';
import { t, tx, getLang } from './i18n.js';
import * as store from './store.js';
/** @import { ViewContext } from './views/context.js' */
/** @import { HolidayDoc, NoticesResult } from './yibao-credit.js' */

/** Largest holiday file read (a year's notice is about 5 KB). */
const MAX_FILE = 1024 * 1024;

/**
 * The saved notices, by year: `[{doc, file, loadedOn}]`.
 * @returns {{ doc: HolidayDoc, file: string, loadedOn: string }[]}
 */
export function loaded() {
  const v = store.load('holidays').value;
  return v && Array.isArray(v.docs) ? v.docs : [];
}

/** Saved notices the core refused (a later version may check more): not used, kept until removed. */
let refused = null;

/**
 * Checks the saved notices with the core (once per view mount): refused ones are not used.
 * @param {ViewContext['api']} api
 */
export function check(api) {
  const docs = loaded();
  refused = null;
  if (!docs.length) return;
  try { api.holidayNotices({ holidays: docs.map((d) => d.doc) }); } catch (e) { refused = e; }
}

/** The `holidays` field of an API input: the loaded notices, or undefined. */
export function holidaysInput() {
  const docs = loaded();
  return docs.length && !refused ? docs.map((d) => d.doc) : undefined;
}

/**
 * `input` with the loaded notices as its `holidays`.
 * @template {object} T
 * @param {T} input
 * @returns {T & { holidays?: HolidayDoc[] }}
 */
export function withHolidays(input) {
  const hs = holidaysInput();
  return hs ? { ...input, holidays: hs } : input;
}

function save(docs) {
  docs.sort((a, b) => a.doc.year - b.doc.year);
  if (docs.length) store.save('holidays', { docs });
  else store.remove('holidays');
}

/** An error from the core, in the page's language alone (its stable code is kept out of sight, as `data-code`). */
function errorNodes(e) {
  if (e && e.zh) return [h('span', { class: 'hd-error-msg', dataset: { code: e.code } }, errorText(e, getLang()))];
  return [errorText(e, getLang())];
}

/**
 * The holiday-data panel: the notices in force, the loaded ones with a button each to remove it, a
 * file input to load one, and how the first year without a notice is counted.
 * @param {ViewContext} ctx
 * @param {() => void} onChange called after a notice was loaded or removed
 */
export function panel(ctx, onChange) {
  const { api } = ctx;
  const fileId = newId('hd-file');
  const box = h('div', { class: 'hd-panel' });
  const status = h('p', { class: 'hd-status', 'aria-live': 'polite' });
  const err = h('p', { class: 'hd-error', role: 'alert', id: `${fileId}-err` });
  const fileIn = h('input', { type: 'file', id: fileId, class: 'hd-file', accept: '.json,application/json', 'aria-describedby': `${fileId}-err` });
  const info = h('div', { class: 'hd-info' });

  function render() {
    const docs = loaded();
    /** @type {NoticesResult | null} */
    let r = null;
    // Saved notices this version refuses: the built-in calendar is used, the file is kept.
    check(api);
    try { r = api.holidayNotices(withHolidays({})); } catch (_) { r = null; }
    const builtIn = r ? r.notices.filter((n) => n.builtIn).map((n) => n.year) : [];
    const span = builtIn.length ? (builtIn.length > 1 ? `${builtIn[0]}${t('—', '–')}${builtIn[builtIn.length - 1]}` : `${builtIn[0]}`) : '—';
    const rows = docs.map((d) => h('li', { class: 'hd-loaded', dataset: { year: String(d.doc.year) } },
      h('strong', {}, t(`${d.doc.year}年`, `${d.doc.year}`)), ' ',
      t(`（您加载的通知：${d.file}，${d.loadedOn}）`, `(loaded by you: ${d.file}, ${d.loadedOn})`), ' ',
      h('button', { type: 'button', class: 'ghost hd-remove', 'aria-label': t(`移除${d.doc.year}年的通知`, `Remove the ${d.doc.year} notice`), onclick: () => {
        save(loaded().filter((x) => x.doc.year !== d.doc.year));
        status.textContent = t(`已移除${d.doc.year}年的通知。`, `The ${d.doc.year} notice was removed.`);
        render();
        onChange();
        fileIn.focus();
      } }, t('移除', 'Remove'))));
    const shown = r && !r.covered && r.statutoryHolidays.length
      ? h('details', { class: 'hd-statutory' },
        h('summary', {}, t(`${r.year}年计为休息日的法定节假日（${r.statutoryHolidays.length}天）`, `Statutory holidays counted as rest days in ${r.year} (${r.statutoryHolidays.length} days)`)),
        h('ul', {}, r.statutoryHolidays.map((x) => h('li', {}, h('time', { datetime: x.date }, getLang() === 'en' ? x.date : x.dateZh), ` ${tx(x.weekday)} · ${tx(x.name)}`))))
      : null;
    put(info,
      h('p', { class: 'hd-in-force' }, t('已收录的放假通知：', 'Holiday notices in force: '),
        t(`${span}年（内置）`, `${span} (built in)`),
        docs.length && !refused ? t(`；${docs.map((d) => d.doc.year).join('、')}年（您加载）`, `; ${docs.map((d) => d.doc.year).join(', ')} (loaded by you)`) : '',
        t('。', '.')),
      rows.length ? h('ul', { class: 'hd-list' }, rows) : null,
      refused ? h('p', { class: 'hd-error', role: 'alert' }, t('您保存的放假通知未被本版本接受，暂按内置日历计算（文件仍保存，可移除后重新加载）：', 'The notices you saved are not accepted by this version; the built-in calendar is used (they stay saved: remove and load them again): '), errorNodes(refused)) : null,
      r ? h('p', { class: r.covered ? 'hd-note' : 'hd-note hd-warn' }, tx(r.note)) : null,
      shown);
  }

  fileIn.addEventListener('change', async () => {
    err.replaceChildren();
    const file = fileIn.files && fileIn.files[0];
    fileIn.value = '';
    if (!file) return;
    const refuse = (e) => err.replaceChildren(...errorNodes(e));
    if (file.size > MAX_FILE) {
      refuse({ code: 'E_INPUT_TOO_LARGE', zh: `文件“${file.name}”超过 1 MB，未加载；日历不变`, en: `"${file.name}" is larger than 1 MB and was not loaded; the calendar is unchanged` });
      return;
    }
    let doc;
    try {
      doc = JSON.parse(await file.text());
    } catch (_) {
      refuse({ code: 'E_HOLIDAY_DATA', zh: `文件“${file.name}”不是有效的 JSON；日历不变`, en: `"${file.name}" is not valid JSON; the calendar is unchanged` });
      return;
    }
    const added = Array.isArray(doc) ? doc : [doc];
    const years = new Set(added.map((d) => d && d.year));
    const others = loaded().filter((x) => !years.has(x.doc.year));
    try {
      // Checked by the core, together with what is already loaded, before anything is kept.
      api.holidayNotices({ holidays: [...others.map((x) => x.doc), ...added] });
    } catch (e) {
      refuse(e);
      return;
    }
    save([...others, ...added.map((d) => ({ doc: d, file: file.name, loadedOn: ctx.today }))]);
    const list = added.map((d) => d.year).join('、');
    status.textContent = t(`已加载“${file.name}”（${list}年），已保存在本机浏览器中。`, `Loaded "${file.name}" (${list}); saved in this browser.`);
    render();
    onChange();
  });

  render();
  put(box,
    info,
    h('div', { class: 'hd-load' },
      h('label', { for: fileId }, t('加载新发布的放假通知（holiday-cn JSON 格式）', 'Load a newly published holiday notice (holiday-cn JSON)')),
      fileIn),
    status, err);
  return box;
}
