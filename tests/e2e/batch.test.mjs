// A bureau's whole list in headless Chromium: download the template, fill it, upload it, read the
// grade chart and the duplicate-code problems (秦皇岛方案 重复赋码 / 一码多赋), download the results.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, page, ARTIFACTS, ROOT } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

test('template → filled CSV → chart, problems and a result file that opens in Excel', async () => {
  const p = await page(b, { acceptDownloads: true });
  await p.goto(srv.url + '#batch');
  await p.waitForSelector('#bt-template');
  const [dl] = await Promise.all([p.waitForEvent('download'), p.click('#bt-template')]);
  const template = fs.readFileSync(await dl.path(), 'utf8');
  assert.ok(template.startsWith('\uFEFF'), 'template has a BOM for Excel');
  const header = template.replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
  assert.equal(header[0], '名称');
  const codes = header.map((h) => (h.match(/^(\d{5}) /) || [])[1]);
  // One row: values by indicator code; the rest blank (counts 0) or 否 for direct-grade columns.
  const row = (name, code, vals) => header.map((h, i) => {
    if (i === 0) return name;
    if (i === 1) return code;
    if (i === 2) return 'retail-pharmacy';
    if (codes[i]) return vals[codes[i]] ?? '';
    return vals.direct ?? '否';
  }).join(',');
  const good = { 10101: '是', 10102: '是', 10201: '是', 10202: '是', 20101: '优秀', 20102: '是', 20103: '是', 20201: '2' };
  const lines = [
    header.join(','),
    row('甲药房', '91110000600037341L', good),                                  // 1000 A
    row('乙药房', '9144030071526726XG', { ...good, 20101: '合格', 30102: '2' }),  // 1000 − 60 − 100 = 840 B
    row('丙药房', '91340600MA2PBM9HXD', { ...good, direct: '是' }),             // on a serious list → E
    row('丁药房', '91110000600037341L', good),                                  // 一码多赋 with row 1
    row('乙药房', '91110000600037341N', good),                                  // 重复赋码 with row 2, and a bad check char
    row('戊药房', '9144030071526726XG', { ...good, 10101: '也许' }),             // a bad yes/no: not graded
  ];
  const csv = '\uFEFF' + lines.join('\r\n') + '\r\n';
  await p.setInputFiles('#bt-file', { name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await p.waitForSelector('.bt-bars li');
  const chart = await p.locator('.bt-bars').innerText();
  assert.match(chart, /A[\s\S]*信用优秀[\s\S]*3（/, 'three A rows (甲, 丁 and the second 乙)');
  assert.match(chart, /B[\s\S]*信用良好[\s\S]*1（/);
  assert.match(chart, /E[\s\S]*严重失信[\s\S]*1（/);
  const problems = await p.locator('.bt-problems').innerText();
  assert.match(problems, /一码多赋[\s\S]*91110000600037341L/);
  assert.match(problems, /重复赋码[\s\S]*乙药房/);
  assert.match(problems, /第 ?7 ?行/);
  await p.screenshot({ path: path.join(ARTIFACTS, 'batch.png'), fullPage: true });

  const [res] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: /下载结果（CSV）/ }).click()]);
  const out = fs.readFileSync(await res.path(), 'utf8');
  assert.ok(out.startsWith('\uFEFF行号,'), 'UTF-8 with BOM, 行号 first');
  const outLines = out.trim().split(/\r\n/);
  assert.equal(outLines.length, 7);
  // The code written so that Excel keeps it as text (="…"), the input's columns kept.
  assert.match(outLines[1], /甲药房,"=""91110000600037341L""",.*,1000,A,信用优秀/);
  assert.match(outLines[2], /,840,B,信用良好/);
  assert.match(outLines[3], /,E,严重失信/);
  assert.deepEqual(p.errors.filter((e) => !/404/.test(e)), []);
  await p.context().close();
});

test('a file that is not CSV is refused with a clear message', async () => {
  const p = await page(b);
  await p.goto(srv.url + '#batch');
  await p.waitForSelector('#bt-template');
  await p.setInputFiles('#bt-file', { name: 'photo.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0xff, 0xfe, 0, 1, 2, 3]) });
  await p.waitForSelector('.bt-msg [role=alert]');
  const text = await p.locator('.view-batch').innerText();
  assert.match(await p.locator('.bt-msg [role=alert]').innerText(), /CSV/);
  assert.doesNotMatch(text, /[EW]_[A-Z_]+|\$\./, 'words only: no error code or JSON path on screen');
  assert.doesNotMatch(text, /等级分布/);
  await p.context().close();
});

test('a rule file loaded in the self-assessment: the batch view names it, its template and its batch use it (issue 18.2)', async () => {
  const p = await page(b, { acceptDownloads: true, serviceWorkers: 'block' });
  await p.goto(srv.url);
  await p.waitForSelector('#rules-file', { state: 'attached' });
  const doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'www/rules/retail-pharmacy.json'), 'utf8'));
  doc.id = 'county-pharmacy-2026'; doc.version = '2026.3'; doc.sample = false;
  doc.title = { zh: '某县定点零售药店信用评价指标（2026）', en: 'County pharmacy indicators (2026)' };
  const leaf = doc.indicators.find((x) => x.code === '10101');
  leaf.name = { zh: '县定：登记事项真实完整', en: 'County: registration true' };
  await p.setInputFiles('#rules-file', { name: 'county.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  // Taken (and saved, which is where the batch view finds it).
  await p.waitForFunction(() => /county-pharmacy-2026/.test(localStorage.getItem('yibao-credit:assess') || ''));

  await p.goto(`${srv.url}#batch`);
  await p.reload();
  await p.waitForSelector('#bt-template');
  assert.match(await p.locator('#bt-custom').innerText(), /正在使用在“信用自评”中载入的指标：某县定点零售药店信用评价指标（2026） county-pharmacy-2026 2026\.3/);
  // The template: the county's columns.
  const [dl] = await Promise.all([p.waitForEvent('download'), p.click('#bt-template')]);
  assert.equal(dl.suggestedFilename(), '批量评价模板-county-pharmacy-2026-2026.3.csv');
  const header = fs.readFileSync(await dl.path(), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
  assert.ok(header.includes('10101 县定：登记事项真实完整（是/否）'), header.join(','));
  // A batch of it: graded under the county's rules.
  const row = header.map((hd, i) => (i === 0 ? '甲药房' : i === 1 ? '91110000600037341L' : i === 2 ? 'retail-pharmacy' : /（是\/否）$/.test(hd) ? '否' : '')).join(',');
  await p.setInputFiles('#bt-file', { name: '县名单.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${header.join(',')}\r\n${row}\r\n`, 'utf8') });
  await p.waitForSelector('.bt-counts');
  assert.equal(await p.locator('.bt-msg [role=alert]').count(), 0);
  assert.match(await p.locator('.bt-counts').innerText(), /共 1 行，已评价 1 行/);
  assert.match(await p.locator('.view-batch').innerText(), /指标：某县定点零售药店信用评价指标（2026） county-pharmacy-2026 2026\.3/);
  const [res] = await Promise.all([p.waitForEvent('download'), p.click('#bt-download')]);
  const out = fs.readFileSync(await res.path(), 'utf8').trim().split(/\r\n/);
  assert.equal(out.length, 2);
  assert.match(out[1], /^2,甲药房,"=""91110000600037341L""",.*,county-pharmacy-2026,2026\.3,[0-9a-f]{64}$/);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
