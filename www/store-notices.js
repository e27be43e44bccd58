// The notices of www/store.js, above every view until dealt with (loaded when there is one): storage
// full, another tab's changes, saved data partly unusable, a saved rule file or form field no
// longer understood. Each says what happened and what was kept, in plain words, and offers the
// backup (a download) or the way out (export, load the newer version, use the other tab's).
import { h, put } from './dom.js';
import { t } from './i18n.js';
import * as store from './store.js';
import { download, exportNow, NAMES_ZH } from './data.js';

let storeToday = '';

const backupButton = (name) => h('button', { type: 'button', class: 'ghost', dataset: { backup: name },
  onclick: () => download(`yibao-credit-backup-${name}.json`, JSON.stringify(store.backups([name]), null, 2)) }, t('下载备份', 'Download the backup'));
const closeButton = (kind, name) => h('button', { type: 'button', class: 'ghost', onclick: () => store.dismiss(kind, name) }, t('知道了', 'OK'));

function storeNotice(p) {
  const [zh, en] = NAMES_ZH[p.name] || ['', ''];
  switch (p.kind) {
    case 'full': {
      const names = p.names.map((n) => NAMES_ZH[n] || [n, n]);
      return [t(`最近的修改未能保存（${names.map((x) => x[0]).join('、')}）：浏览器为本网站保留的存储空间已满，可能被同一网站上其他网页或工具的数据占用。请先导出您的数据保存到文件，再在浏览器设置中清理本网站的其他数据；您每次修改时都会自动重试保存。`,
        `Your last changes are not saved (${names.map((x) => x[1]).join(', ')}): the browser's storage for this site is full, perhaps with data of other pages or tools on the same site. Export your data to a file now, then free space by clearing this site's other data in the browser's settings; every change tries to save again.`),
      ' ', h('button', { type: 'button', id: 'store-export', onclick: () => exportNow(storeToday) }, t('导出我的数据', 'Export my data'))];
    }
    case 'other-tab':
      return [t(`“${zh}”已在另一个标签页（或窗口）中修改并保存，本页显示的是较早的内容。若在本页继续填写，另一个标签页保存的内容会先另存为备份。`,
        `The ${en} was changed and saved in another tab (or window); this page shows the earlier version. If you go on typing here, the other tab's version is first kept as a backup.`),
      ' ', h('button', { type: 'button', id: `store-reload-${p.name}`, onclick: () => location.reload() }, t('载入较新的内容', 'Load the newer version'))];
    case 'conflict':
      return [t(`另一个标签页（或窗口）保存的“${zh}”已另存为备份，本页的修改已保存。`, `The ${en} saved in another tab (or window) was kept as a backup; this page's changes are saved.`),
        ' ', h('button', { type: 'button', id: `store-other-${p.name}`, onclick: async () => {
          if (await store.useOtherTab(p.name)) location.reload();
        } }, t('改用另一个标签页的内容', 'Use the other tab\'s version')), ' ', backupButton(p.name), ' ', closeButton(p.kind, p.name)];
    case 'salvaged':
      return [t(`本机保存的“${zh}”有部分内容已损坏或格式不对，已略过；其余内容已载入。原数据已另存为备份。`,
        `Part of the saved ${en} is damaged or in the wrong form and was left out; the rest is loaded. The original was kept as a backup.`),
      ' ', backupButton(p.name), ' ', closeButton(p.kind, p.name)];
    case 'rules':
      return [t('本机保存的指标文件已无法载入，已改用内置指标；您的回答都已保留。该指标文件已另存为备份，可下载后检查，或改用医保局公布的最新文件。',
        'The saved rule file no longer loads, so the built-in rules are used; all your answers are kept. The rule file was kept as a backup: download it to check it, or load the bureau\'s latest file.'),
      ' ', p.file ? h('button', { type: 'button', class: 'ghost', id: 'store-rules-file', onclick: () => download('yibao-credit-rules-backup.json', p.file) }, t('下载该指标文件', 'Download the rule file')) : null,
      ' ', closeButton(p.kind, p.name)];
    case 'form-field':
      return [t('本机保存的申请表格中有本版本无法使用的栏目（例如本版本不认识的栏目），已略过；其余栏目的内容都已保留。原数据已另存为备份。',
        'The saved forms have a field this version cannot use (one it does not know, say); it was left out and every other field\'s value is kept. The original was kept as a backup.'),
      ' ', backupButton(p.name), ' ', closeButton(p.kind, p.name)];
    default:
      return null;
  }
}

/**
 * Draws the store's notices in `box` (#store-msg, which app.js puts above every view), in the
 * current language; `today` names the export file.
 * @param {HTMLElement} box
 * @param {string} today
 */
export function draw(box, today) {
  storeToday = today;
  const ps = store.currentProblems();
  put(box, ps.map((p) => h('p', { class: p.kind === 'full' || p.kind === 'other-tab' || p.kind === 'conflict' ? 'error' : 'note', role: 'alert', dataset: { problem: p.kind } }, storeNotice(p))));
}
