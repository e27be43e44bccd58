// 「我的数据」: export everything to one file, import it back (bad files refused, nothing changed),
// clear from any view, and data saved by another version is shown, kept and backed up, not lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, browser, page } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

const saved = (p) => p.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('yibao-credit:')).map((k) => [k, localStorage.getItem(k)])));
const file = (name, text) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

test('export, refuse bad files without change, import back, clear from another view', async () => {
  const p = await page(b, { acceptDownloads: true });
  await p.goto(srv.url);
  await p.waitForSelector('#headline');
  await p.fill('#subject-name', '城区某某大药房');
  await p.selectOption('#fact-10202', 'no');
  await p.click('#add-event');
  await p.locator('.event-row select').selectOption('agreement-talk');
  await p.locator('.event-row input[type=date]').fill('2026-05-06');
  // 10202 answered, and 30201 by the event listed.
  await p.waitForFunction(() => document.querySelector('#progress')?.textContent === '已填写 2 / 18 项');
  const headline = await p.locator('#headline').textContent();

  const [dl] = await Promise.all([p.waitForEvent('download'), p.click('#data-export')]);
  assert.match(dl.suggestedFilename(), /^yibao-credit-data-\d{4}-\d\d-\d\d\.json$/);
  const text = fs.readFileSync(await dl.path(), 'utf8');
  const doc = JSON.parse(text);
  assert.equal(doc.format, 'yibao-credit-data');
  assert.equal(doc.version, 1);
  assert.match(doc.savedOn, /^\d{4}-\d\d-\d\dT/);
  assert.equal(doc.views.assess.name, '城区某某大药房');
  assert.equal(doc.views.assess.facts['10202'], false);
  assert.deepEqual(doc.views.assess.events, [{ kind: 'agreement-talk', date: '2026-05-06', description: '' }]);
  assert.deepEqual(doc.views.assess.kept, {}, 'no other subject type answered');
  assert.match(await p.locator('#data-msg').textContent(), /已导出 1 项数据/);

  // Bad files: refused with the reason, in Chinese and English; storage unchanged, no question asked.
  let asked = 0;
  p.on('dialog', (d) => { asked += 1; d.accept(); });
  const before = await saved(p);
  const bad = [
    ['cut.json', text.slice(0, text.length / 2), /未导入“cut\.json”：文件不是有效的 JSON.*原有数据未改动.*not valid JSON/],
    ['other.json', JSON.stringify({ hello: 1 }), /不是本工具导出的数据文件.*not a data file exported by this tool/],
    ['v2.json', JSON.stringify({ ...doc, version: 2 }), /数据文件的版本（2）与本工具（1）不兼容/],
    ['shape.json', JSON.stringify({ ...doc, views: { assess: { ...doc.views.assess, events: 'x' } } }), /“assess\.events”的内容有误/],
    ['kept.json', JSON.stringify({ ...doc, views: { assess: { ...doc.views.assess, kept: { 'type:physician': { facts: 'x' } } } } }), /“assess\.kept\.type:physician\.facts”的内容有误/],
    ['unknown.json', JSON.stringify({ ...doc, views: { ...doc.views, secrets: {} } }), /未知的部分“secrets”/],
  ];
  for (const [name, body, re] of bad) {
    await p.setInputFiles('#data-import', file(name, body));
    await p.waitForFunction((n) => document.querySelector('#data-msg [role=alert]')?.textContent.includes(n), name);
    assert.match(await p.locator('#data-msg').textContent(), re);
    assert.deepEqual(await saved(p), before, `${name} changed nothing`);
  }
  assert.equal(asked, 0);
  assert.equal(await p.locator('#subject-name').inputValue(), '城区某某大药房');

  // Change things, then import the export: back as it was, after one confirmation.
  await p.fill('#subject-name', '别的名字');
  await p.selectOption('#fact-10202', 'yes');
  await p.setInputFiles('#data-import', file('backup.json', text));
  await p.waitForFunction(() => /已导入“backup\.json”/.test(document.querySelector('#app-msg')?.textContent));
  assert.equal(asked, 1);
  await p.waitForSelector('#headline');
  assert.equal(await p.locator('#subject-name').inputValue(), '城区某某大药房');
  assert.equal(await p.locator('#headline').textContent(), headline);

  // Clear, from the forms view.
  await p.goto(srv.url + '#forms');
  await p.waitForSelector('#data-clear');
  await p.click('#data-clear');
  await p.waitForFunction(() => /已清除本机保存的全部填写内容/.test(document.querySelector('#app-msg')?.textContent));
  assert.equal(asked, 2);
  assert.deepEqual(Object.keys(await saved(p)).filter((k) => !['yibao-credit:lang', 'yibao-credit:forms', 'yibao-credit:cleared-at'].includes(k)), []);
  // The durable copy (IndexedDB, www/durable.js) is cleared too: nothing comes back after a reload.
  const copies = await p.evaluate(() => new Promise((resolve) => {
    const q = indexedDB.open('yibao-credit');
    q.onsuccess = () => { const g = q.result.transaction('saves').objectStore('saves').getAllKeys(); g.onsuccess = () => resolve(g.result); };
  }));
  assert.deepEqual(copies.filter((k) => k !== 'forms'), []);
  await p.goto(srv.url + '#assess');
  await p.waitForSelector('#headline');
  assert.equal(await p.locator('#subject-name').inputValue(), '');
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('data saved by another version is shown, kept, and backed up before it is overwritten', async () => {
  const p = await page(b, { acceptDownloads: true });
  await p.goto(srv.url);
  const old = JSON.stringify({ v: 2, data: { name: '旧版本的药房', facts: {} } });
  await p.evaluate((o) => localStorage.setItem('yibao-credit:assess', o), old);
  await p.reload();
  await p.waitForSelector('#headline');
  const msg = await p.locator('#app-msg [role=alert]').textContent();
  assert.match(msg, /部分数据（信用自评）来自不兼容的版本或已损坏，未载入。原数据仍保留/);
  assert.equal(await p.evaluate(() => localStorage.getItem('yibao-credit:assess')), old, 'not overwritten on load');
  const [dl] = await Promise.all([p.waitForEvent('download'), p.click('#download-old')]);
  assert.deepEqual(JSON.parse(fs.readFileSync(await dl.path(), 'utf8')), { assess: old });
  // Typing saves the new answers and sets the old data aside.
  await p.fill('#subject-name', '新名字');
  const after = await p.evaluate(() => [localStorage.getItem('yibao-credit:assess'), localStorage.getItem('yibao-credit:backup:assess')]);
  assert.equal(JSON.parse(after[0]).data.name, '新名字');
  assert.equal(after[1], old);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
