// The single-file build opened straight from disk: dist/yibao-credit-offline.html over file://,
// no server. It scores a pharmacy (the scoring core and a rule set, both inside the file), counts a
// deadline and runs a batch (the tools module, also inside; the batch on the page's thread: no
// worker from file://), its CSP (hashes, no unsafe-inline) is in force and never violated, and no
// request leaves the file: every request is file:, data: or blob:.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { browser, openOffline, ROOT, ARTIFACTS, nodeModule } from './harness.mjs';
import * as core from '../../www/pkg/yibao_credit.js';
import * as tools from '../../www/pkg/yibao_tools.js';

nodeModule(core, 'yibao_credit');
nodeModule(tools, 'yibao_tools');
const FILE = path.join(ROOT, 'dist/yibao-credit-offline.html');

let b;
before(async () => { b = await browser(); });
after(async () => { await b.close(); });

test('the single-file build works from file:// with no request of any kind', async () => {
  assert.ok(fs.existsSync(FILE), 'scripts/build.sh wrote dist/yibao-credit-offline.html');
  const html = fs.readFileSync(FILE, 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];
  assert.match(csp, /^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'; style-src( 'sha256-[A-Za-z0-9+/=]+')+;/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\s\*[\s;]/);
  assert.doesNotMatch(html, /<script[^>]+src=|<link rel="stylesheet"/);

  const p = await openOffline(b, { acceptDownloads: true });
  const { requests, fileUrl: url } = p;

  // Score a pharmacy: the score follows the core.
  const asOf = await p.locator('#as-of').inputValue();
  const expect = (facts) => core.evaluate({ subject: { type: 'retail-pharmacy', name: '离线药房' }, asOf, facts });
  await p.fill('#subject-name', '离线药房');
  // Nothing answered yet: the scores and grades still possible, as the core gives them.
  const range = ({ reachable: x }) => `可能得分 ${x.min} – ${x.max} 分（等级 ${x.minGrade === x.maxGrade ? x.minGrade : `${x.minGrade} – ${x.maxGrade}`}）`;
  assert.equal(await p.locator('#range').textContent(), range(expect({})));
  await p.selectOption('#fact-10101', 'yes');
  await p.fill('#fact-30102', '2');
  const r = expect({ 10101: true, 30102: '2' });
  await p.waitForFunction((s) => document.querySelector('#range').textContent === s, range(r));
  assert.equal(await p.locator('#progress').textContent(), `已填写 ${r.answers.given} / ${r.answers.of} 项`);
  assert.ok((await p.locator('.hash code').textContent()) === r.rules.hash, 'the built-in rule set inside the file');
  await p.screenshot({ path: path.join(ARTIFACTS, 'offline-file.png') });

  // The tools module and its calendar are inside too: a deadline over the National Day holiday, as
  // the tools module computes it.
  const d = tools.deadline({ kind: 'objection-filing', from: '2026-09-30' });
  assert.equal(d.due, '2026-10-20');
  await p.goto(`${url}#deadline`);
  await p.waitForSelector('select[name=kind]');
  await p.selectOption('select[name=kind]', 'objection-filing');
  await p.fill('input[name=from]', '2026-09-30');
  await p.waitForFunction((due) => document.querySelector('.dl-due-date')?.getAttribute('datetime') === due, d.due);

  // Batch from file:// runs on the page's thread.
  await p.goto(`${url}#batch`);
  await p.waitForSelector('#bt-template');
  const [dl] = await Promise.all([p.waitForEvent('download'), p.click('#bt-template')]);
  const header = fs.readFileSync(await dl.path(), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
  const row = header.map((h, i) => (i === 0 ? '甲药房' : i === 1 ? '91110000600037341L' : i === 2 ? 'retail-pharmacy' : '')).join(',');
  await p.setInputFiles('#bt-file', { name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header.join(',')}\r\n${row}\r\n`, 'utf8') });
  await p.waitForSelector('.bt-bars li');
  assert.match(await p.locator('.bt-counts').textContent(), /共 1 行，已评价 1 行/);
  // An .xlsx (written by openpyxl) read and the result written as .xlsx: the Excel module is inside too (issue 14.3).
  await p.evaluate(() => document.querySelector('#bt-results').replaceChildren());
  await p.setInputFiles('#bt-file', { name: '名单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: fs.readFileSync(path.join(ROOT, 'tests/fixtures/excel/名单-openpyxl.xlsx')) });
  await p.waitForSelector('.bt-bars li');
  assert.match(await p.locator('.bt-counts').textContent(), /共 4 行，已评价 4 行/);
  const [xl] = await Promise.all([p.waitForEvent('download'), p.click('#bt-download-xlsx')]);
  assert.equal(fs.readFileSync(await xl.path()).subarray(0, 4).toString('latin1'), 'PK\u0003\u0004');
  // The publication package, made on the page's thread (no worker from file://).
  await p.click('#bt-publish');
  await p.waitForSelector('#pub-panel');
  const [zip] = await Promise.all([p.waitForEvent('download'), p.click('#pub-go')]);
  assert.equal(fs.readFileSync(await zip.path()).subarray(0, 4).toString('latin1'), 'PK\u0003\u0004');
  await p.waitForSelector('#pub-report');

  assert.deepEqual(await p.evaluate(() => window.cspViolations), []);
  const outside = requests.filter((u) => !/^(file|data|blob):/.test(u));
  assert.deepEqual(outside, []);
  assert.ok(requests.every((u) => !u.startsWith('file:') || u.startsWith(url)), `only the file itself: ${requests.filter((u) => u.startsWith('file:'))}`);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
