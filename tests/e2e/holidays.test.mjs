// Dates beyond the published calendar (issue 15, points 11 and 12), in headless Chromium: the
// deadline view counts 2027's statutory holidays and says the make-up days are not known; a 2027
// notice loaded in the deadline view is saved, listed there and in the forms view, and used by
// both; removed in the forms view, it is gone from both; 附件5 with a last day in 2027 and no
// notice shows the warning on screen and prints it under the date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, browser, page, ARTIFACTS } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

const NOTICE_2027 = { year: 2027, papers: ['https://example.invalid/2027'], days: [
  { name: '元旦', date: '2027-01-01', isOffDay: true }, { name: '元旦', date: '2027-01-04', isOffDay: true }] };

const REPAIR = {
  subject: { type: 'retail-pharmacy', name: '汕尾市城区某某大药房', code: '91110000600037341L', contact: '0660-3388123' },
  record: { kind: 'admin-penalty', severity: 'general', decisionDate: '2025-03-15', department: '汕尾市医疗保障局', act: '串换药品', penalty: '罚款5000元' },
  applicationDate: '2026-05-20',
};

const dueIs = (p, d) => p.waitForFunction((x) => document.querySelector('.dl-due-date')?.getAttribute('datetime') === x, d);

test('a 2027 notice loaded in the deadline view is saved, shown in both views, used, and removed', async () => {
  const p = await page(b);
  await p.goto(srv.url);
  await p.waitForSelector('#tabs .tab');
  await p.evaluate(() => localStorage.clear());
  await p.goto(srv.url + '#deadline');
  await p.reload();
  await p.waitForSelector('select[name=kind]');
  const panel = p.locator('.view-deadline .hd-panel');
  assert.match(await panel.locator('.hd-in-force').textContent(), /2020—2026年（内置）/);
  const note = await panel.locator('.hd-note').textContent();
  assert.match(note, /尚无2027年的放假通知/);
  assert.match(note, /调休上班日要等通知发布才知道/);
  assert.match(await panel.locator('.hd-statutory summary').textContent(), /2027年计为休息日的法定节假日（13天）/);

  // 3 working days from 2026-12-29: 12-30, 12-31, then 元旦 (statutory) and a weekend: 2027-01-04.
  await p.selectOption('select[name=kind]', 'working-days');
  await p.fill('input[name=days]', '3');
  await p.fill('input[name=from]', '2026-12-29');
  await p.locator('input[name=from]').dispatchEvent('change');
  await dueIs(p, '2027-01-04');
  const warn = await p.locator('.dl-result .dl-warnings').textContent();
  assert.match(warn, /法定节假日.*已按《全国年节及纪念日放假办法》计为休息日/);
  assert.match(await p.locator('.dl-result .dl-skipped').textContent(), /元旦（法定节假日，尚无放假通知）/);
  assert.match(await p.locator('.dl-facts').textContent(), /2027（尚无通知：已计法定节假日，未计连休和调休）/);

  // Load the notice: 01-01 and 01-04 off → 12-30, 12-31, 01-05.
  await p.setInputFiles('.view-deadline .hd-file', { name: '2027.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(NOTICE_2027)) });
  await dueIs(p, '2027-01-05');
  assert.equal(await p.locator('.dl-result .dl-warnings').count(), 0);
  assert.match(await panel.locator('.hd-in-force').textContent(), /2027年（您加载）/);
  assert.match(await panel.locator('.hd-loaded').textContent(), /2027年.*2027\.json/);
  assert.match(await panel.locator('.hd-status').textContent(), /已保存在本机浏览器中/);
  assert.match(await panel.locator('.hd-note').textContent(), /尚无2028年的放假通知/);
  // What the user typed is still there.
  assert.equal(await p.locator('input[name=from]').inputValue(), '2026-12-29');
  const saved = await p.evaluate(() => JSON.parse(localStorage.getItem('yibao-credit:holidays')));
  assert.equal(saved.data.docs[0].doc.year, 2027);
  await p.screenshot({ path: path.join(ARTIFACTS, 'holidays-deadline.png'), fullPage: true });

  // After a reload, and in the forms view too.
  await p.reload();
  await p.waitForSelector('.view-deadline .hd-loaded');
  await p.goto(srv.url + '#forms');
  await p.waitForSelector('#fm-holidays .hd-loaded', { state: 'attached' });
  assert.match(await p.locator('#fm-holidays .hd-in-force').textContent(), /2027年（您加载）/);
  // A broken file is refused there, and changes nothing.
  await p.locator('#fm-holidays').evaluate((d) => { d.open = true; });
  await p.setInputFiles('#fm-holidays .hd-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"year": 2028, "days": []}') });
  await p.waitForSelector('#fm-holidays .hd-error [data-code=E_HOLIDAY_DATA]');
  assert.equal(await p.locator('#fm-holidays .hd-loaded').count(), 1);
  // Removed in the forms view: gone from the deadline view as well.
  await p.click('#fm-holidays .hd-remove');
  await p.waitForFunction(() => document.querySelectorAll('#fm-holidays .hd-loaded').length === 0);
  assert.equal(await p.evaluate(() => localStorage.getItem('yibao-credit:holidays')), null);
  await p.goto(srv.url + '#deadline');
  await p.waitForSelector('.view-deadline .hd-panel');
  assert.equal(await p.locator('.view-deadline .hd-loaded').count(), 0);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('附件5 with a last day in 2027 and no notice: the warning on screen and on paper', async () => {
  const p = await page(b);
  await p.goto(srv.url);
  await p.waitForSelector('#tabs .tab');
  await p.evaluate((r) => {
    localStorage.clear();
    localStorage.setItem('yibao-credit:repair', JSON.stringify({ v: 1, data: r }));
    localStorage.setItem('yibao-credit:forms', JSON.stringify({ v: 1, data: { form: 5, typed: { 5: { deliveryDate: '2026-12-29', number: '汕医保不修〔2026〕9号' } }, base: {}, eligible: null } }));
  }, REPAIR);
  await p.goto(srv.url + '#forms');
  await p.reload();
  await p.waitForSelector('#fm-preview .fm-sheet');
  // 12-30, 12-31, 元旦 and the weekend skipped, 01-04, 01-05, 01-06.
  assert.equal(await p.locator('#fm-f-objectionLastDay').inputValue(), '2027-01-06');
  assert.match(await p.locator('#fm-cal-warnings').textContent(), /尚无2027年的放假通知/);
  assert.match(await p.locator('#fm-n-objectionLastDay').textContent(), /※/);
  const foot = await p.locator('#fm-preview .fm-foot').textContent();
  assert.match(foot, /最后一日为2027年1月6日※/);
  assert.match(foot, /※ 尚无2027年放假通知：此日期已计入《全国年节及纪念日放假办法》规定的法定节假日和周末/);
  assert.equal(await p.locator('#fm-holidays').getAttribute('open'), '', 'the holiday data is open on 附件5');

  await p.emulateMedia({ media: 'print' });
  const pdf = await p.pdf({ format: 'A4', printBackground: true });
  const file = path.join(ARTIFACTS, 'form5-2027.pdf');
  fs.writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8').replace(/\s+/g, '');
  assert.match(text, /最后一日为2027年1月6日※/);
  assert.match(text, /尚无2027年放假通知/);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
