// Nothing typed is lost or overwritten without a word (issue 18.3): storage full, two tabs, saved
// data of the right version but the wrong shape, a saved rule file that no longer loads, a saved
// form with a field this version does not know. Each: the page says so (Chinese and English), keeps
// what it can, backs up the rest (downloadable), never overwrites silently.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, browser, page } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

const KEY = 'yibao-credit:';
const get = (p, k) => p.evaluate((key) => localStorage.getItem(key), KEY + k);
const notice = (p, kind) => p.locator(`#store-msg [data-problem="${kind}"]`);
const toEnglish = async (p) => { await p.click('#lang'); await p.waitForFunction(() => document.documentElement.lang === 'en'); };
const downloaded = async (p, selector) => {
  const [dl] = await Promise.all([p.waitForEvent('download'), p.click(selector)]);
  return fs.readFileSync(await dl.path(), 'utf8');
};

/** Fills this origin's localStorage to the last character, as other pages of the same site can. */
const fillStorage = (p) => p.evaluate(() => {
  let i = 0;
  for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
    const chunk = 'x'.repeat(size);
    for (;;) {
      try { localStorage.setItem(`other-app:${i++}`, chunk); } catch (_) { break; }
    }
  }
  return i;
});
const freeStorage = (p) => p.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('other-app:')) localStorage.removeItem(k); });

test('storage full: the self-assessment says the last changes are not saved, exports them, saves again once there is room', async () => {
  const p = await page(b, { acceptDownloads: true });
  await p.goto(srv.url);
  await p.waitForSelector('#headline');
  await p.fill('#subject-name', '城区某某大药房');
  assert.equal(JSON.parse(await get(p, 'assess')).data.name, '城区某某大药房');
  assert.equal(await notice(p, 'full').count(), 0);

  await fillStorage(p);
  await p.fill('#subject-name', '城区某某大药房（更名后：汕尾市城区某某医药连锁有限公司第一分店）');
  await p.selectOption('#fact-10202', 'no');
  const zh = await notice(p, 'full').textContent();
  assert.match(zh, /最近的修改未能保存（信用自评）：浏览器为本网站保留的存储空间已满/);
  assert.match(zh, /请先导出您的数据保存到文件/);
  assert.equal(await notice(p, 'full').getAttribute('role'), 'alert');
  assert.equal(JSON.parse(await get(p, 'assess')).data.name, '城区某某大药房', 'the older save is still there');
  // The export from the notice holds what is on screen, not the older save.
  const doc = JSON.parse(await downloaded(p, '#store-export'));
  assert.equal(doc.views.assess.name, '城区某某大药房（更名后：汕尾市城区某某医药连锁有限公司第一分店）');
  assert.equal(doc.views.assess.facts['10202'], false);
  // The notice stays (on every view) until a save succeeds.
  await p.click('[data-view="deadline"]');
  await p.waitForSelector('.view-deadline');
  assert.equal(await notice(p, 'full').count(), 1);
  await p.click('[data-view="assess"]');
  await p.waitForSelector('#headline');
  await toEnglish(p);
  assert.match(await notice(p, 'full').textContent(), /Your last changes are not saved \(self-assessment\): the browser's storage for this site is full.*Export your data to a file now/);

  // Room again: the next change saves, the notice goes.
  await freeStorage(p);
  await p.fill('#subject-name', '城区某某大药房（再改）');
  await p.waitForSelector('#store-msg [data-problem="full"]', { state: 'detached' });
  assert.equal(JSON.parse(await get(p, 'assess')).data.name, '城区某某大药房（再改）');
  await p.reload();
  await p.waitForSelector('#headline');
  assert.equal(await p.locator('#subject-name').inputValue(), '城区某某大药房（再改）');
  assert.equal(await p.locator('#fact-10202').inputValue(), 'no');
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('storage full and the page reloaded: the last changes come back from the IndexedDB copy', async () => {
  const p = await page(b);
  await p.goto(srv.url);
  await p.waitForSelector('#headline');
  await fillStorage(p);
  await p.fill('#subject-name', '存储已满时输入的名称');
  await p.waitForSelector('#store-msg [data-problem="full"]');
  await p.waitForTimeout(500);
  await p.reload();
  await p.waitForSelector('#headline');
  assert.equal(await p.locator('#subject-name').inputValue(), '存储已满时输入的名称');
  // Still full: the page says so at once, and again at the next change.
  await p.waitForSelector('#store-msg [data-problem="full"]');
  await p.fill('#subject-name', '存储已满时输入的名称2');
  await p.waitForSelector('#store-msg [data-problem="full"]');
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('two tabs: the older tab is told, does not overwrite silently, keeps the other tab\'s version as a backup and can switch to it', async () => {
  const p1 = await page(b, { acceptDownloads: true });
  await p1.goto(srv.url);
  await p1.waitForSelector('#headline');
  await p1.fill('#subject-name', '第一个标签页的名称');
  const p2 = await p1.context().newPage();
  p2.errors = [];
  p2.on('pageerror', (e) => p2.errors.push(e.message));
  await p2.goto(srv.url);
  await p2.waitForSelector('#headline');
  assert.equal(await p2.locator('#subject-name').inputValue(), '第一个标签页的名称');
  await p2.fill('#subject-name', '第二个标签页改过的名称');
  await p2.selectOption('#fact-10202', 'yes');

  // The first tab hears of it at once.
  await p1.waitForSelector('#store-msg [data-problem="other-tab"]');
  assert.match(await notice(p1, 'other-tab').textContent(), /“信用自评”已在另一个标签页（或窗口）中修改并保存，本页显示的是较早的内容/);
  // It types anyway: the other tab's version is kept as a backup first, and it says so.
  await p1.selectOption('#fact-10202', 'no');
  await p1.waitForSelector('#store-msg [data-problem="conflict"]');
  assert.match(await notice(p1, 'conflict').textContent(), /另一个标签页（或窗口）保存的“信用自评”已另存为备份，本页的修改已保存/);
  const other = JSON.parse(await get(p1, 'backup:assess#tab'));
  assert.equal(other.data.name, '第二个标签页改过的名称');
  assert.equal(other.data.facts['10202'], true);
  const mine = JSON.parse(await get(p1, 'assess'));
  assert.equal(mine.data.name, '第一个标签页的名称');
  assert.equal(mine.data.facts['10202'], false);
  const backup = JSON.parse(await downloaded(p1, '#store-msg [data-backup="assess"]'));
  assert.equal(JSON.parse(backup['backup:assess#tab']).data.name, '第二个标签页改过的名称');
  // The second tab is told in turn (in English here).
  await p2.waitForSelector('#store-msg [data-problem="other-tab"]');
  await toEnglish(p2);
  assert.match(await notice(p2, 'other-tab').textContent(), /The self-assessment was changed and saved in another tab \(or window\); this page shows the earlier version/);
  await p1.reload(); // in English now (the language is saved for the site); back to Chinese
  await p1.waitForSelector('#headline');
  await p1.click('#lang');
  await p1.waitForFunction(() => document.documentElement.lang === 'zh-CN');

  // Both tabs type in turn; the first one then takes the second one's version: it comes back, its own is kept.
  await p1.selectOption('#fact-10202', 'yes');
  await p2.fill('#subject-name', '第二个标签页再改的名称');
  await p1.selectOption('#fact-10202', 'no');
  await p1.waitForSelector('#store-msg [data-problem="conflict"]');
  await Promise.all([p1.waitForNavigation(), p1.click('#store-other-assess')]);
  await p1.waitForSelector('#headline');
  assert.equal(await p1.locator('#subject-name').inputValue(), '第二个标签页再改的名称');
  assert.equal(JSON.parse(await get(p1, 'backup:assess#tab')).data.facts['10202'], false, 'the first tab\'s version is the backup now');
  // The second tab loads the newer version on request.
  await p2.waitForSelector('#store-reload-assess');
  await Promise.all([p2.waitForNavigation(), p2.click('#store-reload-assess')]);
  await p2.waitForSelector('#headline');
  assert.equal(await p2.locator('#subject-name').inputValue(), '第二个标签页再改的名称');
  assert.equal(await notice(p2, 'other-tab').count(), 0);
  assert.deepEqual(p1.errors, []);
  assert.deepEqual(p2.errors, []);
  await p1.context().close();
});

/** A page with `values` saved (name → data, this version) before it loads, opened on `view`. */
async function withSaved(values, view = '') {
  const p = await page(b, { acceptDownloads: true });
  await p.goto(srv.url + '#ident');
  await p.waitForSelector('#tabs button');
  await p.evaluate((vs) => { for (const [k, d] of Object.entries(vs)) localStorage.setItem(`yibao-credit:${k}`, typeof d === 'string' ? d : JSON.stringify({ v: 1, data: d })); }, values);
  await p.goto('about:blank'); // a new document: the old one must not draw the view with them first
  await p.goto(srv.url + (view ? `#${view}` : '#assess'));
  return p;
}

test('a saved self-assessment of the wrong shape: what is valid loads, the original is backed up, the page says so', async () => {
  const original = JSON.stringify({ v: 1, data: { type: 'retail-pharmacy', name: '城区某某大药房', code: 42, facts: { 10202: false, 10203: { x: 1 } }, events: 'x', kept: { 'type:physician': { facts: 'y', events: [] } } } });
  const p = await withSaved({ assess: original });
  await p.waitForSelector('#headline');
  assert.equal(await p.locator('#subject-name').inputValue(), '城区某某大药房');
  assert.equal(await p.locator('#fact-10202').inputValue(), 'no');
  assert.match(await notice(p, 'salvaged').textContent(), /本机保存的“信用自评”有部分内容已损坏或格式不对，已略过；其余内容已载入。原数据已另存为备份/);
  assert.equal(await get(p, 'backup:assess'), original);
  assert.equal(await get(p, 'assess'), original, 'not overwritten before the user changes something');
  const dl = JSON.parse(await downloaded(p, '#store-msg [data-backup="assess"]'));
  assert.equal(dl['backup:assess'], original);
  // Events can be added again (the list was not an array).
  await p.click('#add-event');
  await p.locator('.event-row select').selectOption('agreement-talk');
  await p.locator('.event-row input[type=date]').fill('2026-05-06');
  const now = JSON.parse(await get(p, 'assess')).data;
  assert.equal(now.name, '城区某某大药房');
  assert.deepEqual(now.events, [{ kind: 'agreement-talk', date: '2026-05-06', description: '' }]);
  assert.equal(await get(p, 'backup:assess'), original, 'the backup stays');
  await toEnglish(p);
  assert.match(await notice(p, 'salvaged').textContent(), /Part of the saved self-assessment is damaged or in the wrong form and was left out; the rest is loaded\. The original was kept as a backup/);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('a saved repair check of the wrong shape: the repair view works, keeps what is valid, backs up the original', async () => {
  const original = JSON.stringify({ v: 1, data: { subject: { type: 'retail-pharmacy', name: '城区某某大药房', code: '' }, record: 'x', done: [1], applicationDate: 20260101 } });
  const p = await withSaved({ repair: original, assess: { name: 'x', events: { 0: 1 } } }, 'repair');
  await p.waitForSelector('#rp-result');
  assert.match(await notice(p, 'salvaged').first().textContent(), /有部分内容已损坏或格式不对/);
  assert.match(await p.locator('#store-msg').textContent(), /“信用修复”有部分内容已损坏/);
  assert.equal(await get(p, 'backup:repair'), original);
  assert.equal(await p.locator('#rp-name, input[value="城区某某大药房"]').count() > 0, true);
  await toEnglish(p);
  assert.match(await p.locator('#store-msg').textContent(), /Part of the saved credit repair is damaged/);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('a saved rule file that no longer loads: the page says so, keeps the answers, offers the file back', async () => {
  const rules = JSON.stringify({ title: '某市指标（旧格式）', indicators: 'x' });
  const original = JSON.stringify({ v: 1, data: { type: 'retail-pharmacy', name: '城区某某大药房', facts: { 10202: false }, events: [], customRules: rules } });
  const p = await withSaved({ assess: original });
  await p.waitForSelector('#headline');
  assert.match(await notice(p, 'rules').textContent(), /本机保存的指标文件已无法载入，已改用内置指标；您的回答都已保留。该指标文件已另存为备份/);
  assert.equal(await p.locator('#fact-10202').inputValue(), 'no');
  assert.equal(await downloaded(p, '#store-rules-file'), rules);
  assert.equal(await get(p, 'backup:assess'), original);
  await toEnglish(p);
  assert.match(await notice(p, 'rules').textContent(), /The saved rule file no longer loads, so the built-in rules are used; all your answers are kept/);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('a saved form with a field this version does not know: every known field keeps its value, the original is backed up', async () => {
  const original = JSON.stringify({ v: 1, data: { form: 3, typed: { 3: { contact: '0660-3388123', faxNumber: '0660-1234567' }, 4: 'x' }, base: { 'subject.name': '城区某某大药房' }, eligible: null } });
  const p = await withSaved({ forms: original }, 'forms');
  await p.waitForSelector('#fm-f-contact');
  assert.equal(await p.locator('#fm-f-contact').inputValue(), '0660-3388123');
  assert.equal(await p.locator('#fm-f-name').inputValue(), '城区某某大药房');
  assert.match(await notice(p, 'form-field').textContent(), /本机保存的申请表格中有本版本无法使用的栏目.*其余栏目的内容都已保留。原数据已另存为备份/);
  assert.equal(await get(p, 'backup:forms'), original);
  const saved = JSON.parse(await get(p, 'forms')).data;
  assert.deepEqual(saved.typed['3'], { contact: '0660-3388123' });
  assert.equal(saved.typed['4'], undefined, 'a form\'s values that are not a set of fields are left out');
  assert.match(await notice(p, 'salvaged').textContent(), /“申请表格”有部分内容已损坏或格式不对/);
  const dl = JSON.parse(await downloaded(p, '#store-msg [data-backup="forms"]'));
  assert.equal(dl['backup:forms'], original);
  await toEnglish(p);
  assert.match(await notice(p, 'form-field').textContent(), /The saved forms have a field this version cannot use.*every other field's value is kept/);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('axe finds no violations with the notices showing, in Chinese and English, wide and on a phone', async () => {
  const AXE = fs.readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
  const p = await page(b, { bypassCSP: true, serviceWorkers: 'block' });
  await p.goto(srv.url + '#ident');
  await p.waitForSelector('#tabs button');
  await p.evaluate(() => localStorage.setItem('yibao-credit:assess', JSON.stringify({ v: 1, data: { name: '城区某某大药房', events: 'x', customRules: '{"x":1}' } })));
  await p.goto(srv.url + '#assess');
  await p.reload();
  await p.waitForSelector('#headline');
  await fillStorage(p);
  await p.fill('#subject-name', '城区某某大药房（存储已满时改的名称，比原来的长得多）');
  await p.waitForSelector('#store-msg [data-problem="full"]');
  for (const lang of ['zh', 'en']) {
    if (lang === 'en') await toEnglish(p);
    for (const width of [1280, 390]) {
      await p.setViewportSize({ width, height: 900 });
      assert.equal(await p.locator('#store-msg [data-problem]').count(), 3, 'full, salvaged and rules notices');
      await p.addScriptTag({ content: AXE });
      const bad = await p.evaluate(async () => {
        const res = await window.axe.run(document);
        return res.violations.concat(res.incomplete.filter((v) => v.id === 'aria-prohibited-attr')).map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      });
      assert.deepEqual(bad, [], `${lang} ${width}px`);
      assert.ok(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `no sideways scrolling at ${width}px`);
    }
  }
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
