// 「我的数据」 (in the page footer, on every view): export everything saved on this computer as one
// JSON file, import such a file back (checked in full first; a bad file changes nothing), clear it all.
// Import and clear reload the page, so every view starts from what is now saved (once the
// IndexedDB copy agrees, www/store.js).
import { h, put } from './dom.js';
import { t } from './i18n.js';
import * as store from './store.js';

const FLASH = 'yibao-credit:flash';
const MAX_BYTES = 5 * 1024 * 1024;

/** A message saved for after a reload: [zh, en, kind] or null. */
export function takeFlash() {
  try {
    const f = sessionStorage.getItem(FLASH);
    if (f === null) return null;
    sessionStorage.removeItem(FLASH);
    return JSON.parse(f);
  } catch (_) { return null; }
}

async function reloadWith(zh, en, kind = 'status') {
  try { sessionStorage.setItem(FLASH, JSON.stringify([zh, en, kind])); } catch (_) { /* ignore */ }
  await store.settled();
  location.reload();
}

export function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Asks, then removes everything this tool saved on this computer (the language choice stays). */
export async function clearData() {
  if (!confirm(t('清除本机保存的全部填写内容？此操作无法撤销，建议先导出。', 'Clear everything saved on this computer? This cannot be undone; export first if unsure.'))) return;
  await store.clearAll();
  await reloadWith('已清除本机保存的全部填写内容。', 'Everything saved on this computer was cleared.');
}

/** Downloads everything saved (the last unsaved changes included) as the export file; the number of parts. */
export function exportNow(today) {
  const doc = store.exportAll(new Date().toISOString());
  download(`yibao-credit-data-${today}.json`, JSON.stringify(doc, null, 2));
  return Object.keys(doc.views).length;
}

export function dataTools(ctx) {
  const msg = h('div', { id: 'data-msg', 'aria-live': 'polite' });
  const say = (zh, en, bad) => put(msg, h('p', { class: bad ? 'error' : 'ok', role: bad ? 'alert' : 'status' }, t(zh, en), bad && ctx.lang !== 'en' ? h('span', { lang: 'en' }, ` (${en})`) : null));
  const fileIn = h('input', { type: 'file', id: 'data-import', accept: '.json,application/json', class: 'file',
    onchange: async (e) => {
      const f = e.target.files && e.target.files[0];
      e.target.value = '';
      if (!f) return;
      if (f.size > MAX_BYTES) { say('文件超过 5 MB，不是本工具导出的数据文件。原有数据未改动。', 'The file is larger than 5 MB: not a data file from this tool. Nothing was changed.', true); return; }
      const text = await f.text();
      const check = store.checkImport(text);
      if (!check.ok) { say(`未导入“${f.name}”：${check.zh}原有数据未改动。`, `"${f.name}" was not imported: ${check.en} Nothing was changed.`, true); return; }
      if (!confirm(t('导入将替换本机当前保存的全部填写内容，继续吗？', 'Importing replaces everything saved on this computer. Continue?'))) return;
      if (!store.importAll(check.views)) { say('无法写入本机存储（空间不足或被浏览器禁止）。原有数据未改动。', 'Could not write to this computer\'s storage. Nothing was changed.', true); return; }
      reloadWith(`已导入“${f.name}”。`, `Imported "${f.name}".`);
    } });
  return h('section', { class: 'data-tools', 'aria-labelledby': 'data-h' },
    h('h2', { id: 'data-h' }, t('我的数据', 'My data')),
    h('p', {}, t('填写内容只保存在本机浏览器中。可导出为一个文件备份或带到另一台电脑，再导入。', 'What you type is kept only in this browser. Export it to one file as a backup or to move it, and import it back.')),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'data-export', onclick: () => {
        const n = exportNow(ctx.today);
        say(`已导出 ${n} 项数据。`, `Exported ${n} part(s).`);
      } }, t('导出我的数据', 'Export my data')),
      h('label', { class: 'button', for: 'data-import' }, t('导入数据…', 'Import data…')), fileIn,
      h('button', { type: 'button', class: 'ghost', id: 'data-clear', onclick: clearData }, t('清除我的数据', 'Clear my data'))),
    msg);
}

export const NAMES_ZH = { assess: ['信用自评', 'self-assessment'], repair: ['信用修复', 'credit repair'], objection: ['异议', 'objection'], forms: ['申请表格', 'forms'], holidays: ['节假日数据', 'holiday data'] };

/** The message for data saved by another version (not loaded, kept), or null. */
export function refusedNotice() {
  const names = store.refusedNames();
  if (!names.length) return null;
  const zh = names.map((n) => NAMES_ZH[n][0]).join('、');
  const en = names.map((n) => NAMES_ZH[n][1]).join(', ');
  return [
    t(`本机保存的部分数据（${zh}）来自不兼容的版本或已损坏，未载入。原数据仍保留：您继续填写时它会另存为备份，不会被直接覆盖。`,
      `Some saved data (${en}) is from an incompatible version or damaged and was not loaded. It is kept: if you go on typing it is set aside as a backup, not overwritten.`),
    ' ',
    h('button', { type: 'button', class: 'ghost', id: 'download-old', onclick: () => download('yibao-credit-old-data.json', JSON.stringify(store.refusedRaw(), null, 2)) },
      t('下载原数据', 'Download the old data')),
  ];
}
