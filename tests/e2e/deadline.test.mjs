// The deadline calculator in headless Chromium: a named kind gives its due date and skipped days,
// bad dates and a malformed holiday file get bilingual errors, a 2027 file is taken at run time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, browser, page, ARTIFACTS } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

test('objection deadline over National Day 2026 (第二十二条: 10 working days from publication)', async () => {
  const p = await page(b);
  await p.goto(srv.url + '#deadline');
  await p.waitForSelector('select[name=kind]');
  await p.selectOption('select[name=kind]', 'objection-filing');
  await p.fill('input[name=from]', '2026-09-30');
  // 10-1 … 10-7 are the National Day holiday; counting resumes 10-8; the 10th working day is 10-20.
  await p.waitForFunction(() => document.querySelector('.dl-due-date')?.getAttribute('datetime') === '2026-10-20');
  assert.match(await p.locator('.dl-due').textContent(), /2026年10月20日/);
  assert.match(await p.locator('.dl-result').textContent(), /第二十二条/);
  await p.screenshot({ path: path.join(ARTIFACTS, 'deadline-objection.png'), fullPage: true });
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('bad dates and a malformed holiday file are refused in Chinese and English', async () => {
  const p = await page(b);
  await p.goto(srv.url + '#deadline');
  await p.waitForSelector('select[name=kind]');
  await p.selectOption('select[name=kind]', 'repair-decision');
  await p.fill('input[name=from]', '1900-01-01');
  await p.waitForSelector('.view-deadline [data-code=E_DATE_RANGE]');
  const text = await p.locator('.view-deadline').textContent();
  assert.match(text, /超出可处理范围/);
  // In the page's language alone, with no code (issue 13.6).
  assert.doesNotMatch(text, /outside the range|E_[A-Z]/);

  await p.fill('input[name=from]', '2026-12-28');
  await p.waitForFunction(() => document.querySelector('.dl-due-date') !== null);
  assert.match(await p.locator('.dl-result .dl-warnings').first().textContent(), /2027/);
  const dueBefore = await p.locator('.dl-due-date').getAttribute('datetime');

  const fileInput = p.locator('main input[type=file]');
  await fileInput.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"year": 2027, "days": [{"date": "2027-02-30", "isOffDay": true, "name": "春节"}]}') });
  await p.waitForSelector('.view-deadline [data-code^=E_HOLIDAY_DATA], .view-deadline [data-code^=E_DATE]');
  assert.equal(await p.locator('.dl-due-date').getAttribute('datetime'), dueBefore, 'the built-in calendar stays in force');

  // A made-up 2027 notice: 2027-01-01 off, 2027-01-04 … 01-05 off too.
  const doc = { year: 2027, papers: ['test notice'], days: [
    { name: '元旦', date: '2027-01-01', isOffDay: true }, { name: '测试', date: '2027-01-04', isOffDay: true }, { name: '测试', date: '2027-01-05', isOffDay: true }] };
  await fileInput.setInputFiles({ name: '2027.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await p.waitForFunction((d) => document.querySelector('.dl-due-date')?.getAttribute('datetime') !== d, dueBefore);
  // 12-29, 12-30, 12-31, then 1-6, 1-7, 1-8, 1-11 … 1-14: the 10th working day is 2027-01-14.
  assert.equal(await p.locator('.dl-due-date').getAttribute('datetime'), '2027-01-14');
  const warned = await p.locator('.dl-result .dl-warnings').allTextContents();
  assert.ok(!warned.join('').includes('2027'), `no "year not covered" warning once 2027 is loaded: ${warned}`);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
