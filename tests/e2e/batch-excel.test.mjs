// Issue 14 (points 1–6) in headless Chromium, in Chinese and in English, with files made as Excel
// makes them: a GBK CSV with CRLF line ends (duplicate codes, a code Excel turned into scientific
// notation, a subject on the serious dishonesty list, a column of the clerk's own); the result
// CSV downloaded and opened again; the template with its example row and explanation; an .xlsx
// written by openpyxl (tests/fixtures/excel/, with the script that made it) read, the result
// downloaded as .xlsx and read back.
// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八至二十条；秦皇岛方案 整改任务分工表 第1项.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, page, openView, gbk, nodeModule, ARTIFACTS, ROOT } from './harness.mjs';
import * as excel from '../../www/pkg/yibao_excel.js';
import * as tools from '../../www/pkg/yibao_tools.js';
import { benchCsv } from '../../benches/bench-csv.mjs';

// The Excel module in Node, to read back what the page downloads (calamine: another reader than
// the writer that made the file).
excel.initSync({ module: fs.readFileSync(path.join(ROOT, 'www/pkg/yibao_excel_bg.wasm')) });
nodeModule(tools, 'yibao_tools');
const FIXTURE = path.join(ROOT, 'tests/fixtures/excel/名单-openpyxl.xlsx');
const records = (csv) => csv.trim().split('\r\n');

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

const TEXT = {
  zh: {
    dup: '一码多赋：此代码也用于第 5 行（名称“丁药房”）', dupBack: '一码多赋：此代码也用于第 2 行（名称“甲药房”）',
    sci: 'Excel 已将代码转为科学计数法，请将该列设为文本后重新导出', direct: /直接定级：已被列入严重失信主体名单/,
    only: '只看有问题的行', skipped: /已跳过模板的示例行和说明行/, download: /下载结果（CSV）/, downloadX: /下载结果（Excel）/,
  },
  en: {
    dup: 'one code, several names: this code is also on row 5 (name "丁药房")', dupBack: 'one code, several names: this code is also on row 2 (name "甲药房")',
    // (The table shows a long message's first 80 characters; the whole in the file and behind 「全文」.)
    sci: 'Excel has turned the code into scientific notation: set the column to Text', direct: /Graded directly: /,
    only: 'Only rows with problems', skipped: /rows of the template's example and explanation/, download: /Download results \(CSV\)/, downloadX: /Download results \(Excel\)/,
  },
};

const open = (lang) => openView(b, srv, '#batch', lang, '#bt-template');

async function download(p, button) {
  const [dl] = await Promise.all([p.waitForEvent('download'), p.locator(button).click()]);
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(await dl.path()) };
}

/** Takes the last results off the screen (so that the next ones are waited for). */
const clearResults = (p) => p.evaluate(() => document.querySelector('#bt-results').replaceChildren());

/** The table's rows as text, all pages of up to 50 (the lists here are short). */
const tableText = (p) => p.locator('.bt-table tbody').innerText();

for (const lang of ['zh', 'en']) {
  const T = TEXT[lang];

  test(`${lang}: a GBK CSV from Excel — duplicates on every row, scientific codes explained, input kept, direct grades shown, the result opened again`, async () => {
    const p = await open(lang);
    // The template: header, an example row, the explanation; as it comes it grades nothing.
    const tpl = await download(p, '#bt-template');
    const tplText = tpl.bytes.toString('utf8').replace(/^\uFEFF/, '');
    const tplLines = tplText.split('\r\n');
    assert.match(tplLines[1], /^【示例】/);
    assert.ok(tplLines.some((l) => /^【说明】30101 .*每次扣 25 分/.test(l)), 'each column explained: indicator, values, points');
    const header = tplLines[0].split(',');
    const codes = header.map((h) => (h.match(/^(\d{5}) /) || [])[1]);
    const row = (name, code, vals, note = '') => [...header.map((h, i) => {
      if (i === 0) return name;
      if (i === 1) return code;
      if (i === 2) return '';
      if (codes[i]) return vals[codes[i]] ?? '';
      return vals.direct ?? '否';
    }), note].join(',');
    const good = { 10101: '是', 10102: '是', 10201: '是', 10202: '是', 20101: '优秀', 20102: '是', 20103: '是', 20201: '2' };
    const lines = [
      [...header, '备注'].join(','),
      row('甲药房', '91110000600037341L', good, '城区'),          // 2: 一码多赋 with 5
      row('乙药房', '9.14415E+17', good, '代码被 Excel 改了'),    // 3: scientific notation
      row('丙药房', '91340600MA2PBM9HXD', { ...good, direct: '是' }), // 4: E, directly
      row('丁药房', '91110000600037341L', good),                  // 5: 一码多赋 with 2
    ];
    const csv = gbk(lines.join('\r\n') + '\r\n');
    await p.setInputFiles('#bt-file', { name: '名单.csv', mimeType: 'text/csv', buffer: csv });
    await p.waitForSelector('.bt-table tbody tr');
    assert.match(await p.locator('.bt-progress-text').innerText(), /GB18030\/GBK/);
    let table = await tableText(p);
    assert.ok(table.includes(T.dup), table);
    assert.ok(table.includes(T.dupBack), table);
    assert.ok(table.includes(T.sci), table);
    assert.match(table, T.direct);
    // 「只看有问题的行」: the duplicate rows and the scientific code, not the E row without problems.
    await p.getByLabel(T.only).check();
    await p.waitForFunction(() => document.querySelectorAll('.bt-table tbody tr').length === 3);
    table = await tableText(p);
    assert.ok(table.includes('甲药房') && table.includes('乙药房') && table.includes('丁药房') && !table.includes('丙药房'), table);
    await p.screenshot({ path: path.join(ARTIFACTS, `batch-excel-${lang}.png`), fullPage: true });

    // The result file: the input's columns kept (备注 too), codes as text for Excel, the duplicates named.
    const res = await download(p, '#bt-download');
    const out = res.bytes.toString('utf8');
    assert.ok(out.startsWith('\uFEFF行号,名称,统一社会信用代码,'));
    const outLines = out.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.match(outLines[0], /,备注,得分,等级,等级名称,直接定级原因,措施,问题,指标ID,指标版本,指标SHA-256$/);
    assert.match(outLines[1], /^2,甲药房,"=""91110000600037341L""",.*,城区,1000,A,信用优秀,,/);
    assert.match(outLines[1], /一码多赋：此代码也用于第 5 行（名称“丁药房”）/);
    assert.match(outLines[3], /,E,严重失信,已被列入严重失信主体名单/);
    assert.match(outLines[2], /Excel 已将代码转为科学计数法/);

    // The result opened again: the same codes and grades.
    await clearResults(p);
    await p.setInputFiles('#bt-file', { name: '评价结果.csv', mimeType: 'text/csv', buffer: res.bytes });
    await p.waitForSelector('.bt-table tbody tr');
    const again = await download(p, '#bt-download');
    const againLines = again.bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(againLines.length, outLines.length);
    for (let i = 1; i < outLines.length; i++) {
      const code = (l) => (l.match(/"=""([0-9A-Z]+)"""/) || [])[1];
      assert.equal(code(againLines[i]), code(outLines[i]), againLines[i]);
      const grade = (l) => (l.match(/,(\d+),([A-E]),/) || []).slice(1).join(' ');
      assert.ok(againLines[i].includes(`,${grade(outLines[i]).replace(' ', ',')},`), `${againLines[i]} keeps ${grade(outLines[i])}`);
    }

    // The template as downloaded: the example and explanation rows are skipped, and the page says so.
    await clearResults(p);
    await p.setInputFiles('#bt-file', { name: '模板.csv', mimeType: 'text/csv', buffer: tpl.bytes });
    await p.waitForSelector('.bt-problems');
    assert.match(await p.locator('.bt-problems').innerText(), T.skipped);
    assert.doesNotMatch(await p.locator('.view-batch').innerText(), /[EW]_[A-Z_]{3,}/, 'no error codes on screen');
    assert.deepEqual(p.errors.filter((e) => !/404/.test(e)), []);
    await p.context().close();
  });
}

for (const lang of ['zh', 'en']) {
  const T = TEXT[lang];

  test(`${lang}: an .xlsx written by openpyxl — read (first sheet, then a chosen one), the result downloaded as .xlsx and read back, the Excel template`, async () => {
    const p = await open(lang);
    const requests = srv.requests.length;
    await p.setInputFiles('#bt-file', { name: '名单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: fs.readFileSync(FIXTURE) });
    await p.waitForSelector('.bt-table tbody tr');
    // The Excel module was loaded for it (and only now).
    assert.ok(srv.requests.slice(requests).some((u) => /yibao_excel_bg\.wasm/.test(u)));
    let table = await tableText(p);
    assert.ok(table.includes('甲药房') && table.includes('丙药房'), table);
    assert.ok(table.includes(T.sci), 'the number openpyxl stored is what Excel shows, explained');
    assert.ok(table.includes(lang === 'zh' ? '一码多赋：此代码也用于第 4 行（名称“丁药房”）' : 'one code, several names: this code is also on row 4 (name "丁药房")'), table);
    assert.match(table, T.direct);

    // The result as .xlsx, read back: codes are text (not 9.14415E+17), the grades, the summary sheet.
    const x = await download(p, '#bt-download-xlsx');
    assert.match(x.name, /\.xlsx$/);
    assert.deepEqual(excel.xlsxSheets(x.bytes), ['评价结果', '汇总']);
    const res = records(excel.xlsxToCsv(x.bytes, '评价结果'));
    assert.match(res[0], /^行号,名称,统一社会信用代码,.*,得分,等级,等级名称,直接定级原因,措施,问题,指标ID,指标版本,指标SHA-256$/);
    assert.match(res[1], /^2,甲药房,91110000600037341L,.*,1000,A,信用优秀,/);
    assert.match(res[4], /^5,丙药房,91340600MA2PBM9HXD,.*,E,严重失信,已被列入严重失信主体名单/);
    const sum = records(excel.xlsxToCsv(x.bytes, '汇总'));
    assert.ok(sum.some((l) => /^指标ID,sample-retail-pharmacy,*$/.test(l)), sum.join('\n'));
    assert.ok(sum.some((l) => /^指标版本,2026\.1,*$/.test(l)));
    assert.ok(sum.some((l) => /^指标SHA-256,[0-9a-f]{64},*$/.test(l)));
    assert.ok(sum.includes('E,严重失信,1'));

    // Another sheet of the workbook, chosen.
    await clearResults(p);
    await p.selectOption('#bt-sheet', '第二批');
    await p.waitForSelector('.bt-table tbody tr');
    table = await tableText(p);
    assert.ok(table.includes('戊药房') && !table.includes('甲药房'), table);

    // The template as a workbook: the list with the example row, and the explanation sheet.
    const tpl = await download(p, '#bt-template-xlsx');
    assert.match(tpl.name, /^批量评价模板-.*\.xlsx$/);
    assert.deepEqual(excel.xlsxSheets(tpl.bytes), ['名单', '填写说明']);
    assert.match(records(excel.xlsxToCsv(tpl.bytes))[1], /^【示例】/);
    assert.ok(records(excel.xlsxToCsv(tpl.bytes, '填写说明')).some((l) => /^30101 .*每次扣 25 分/.test(l)));
    assert.deepEqual(p.errors.filter((e) => !/404/.test(e)), []);
    await p.context().close();
  });
}

test('the first screen does not load the Excel module', async () => {
  const p = await page(b, { serviceWorkers: 'block' });
  const before = srv.requests.length;
  await p.goto(srv.url);
  await p.waitForSelector('#headline');
  await p.goto(srv.url + '#batch');
  await p.waitForSelector('#bt-template');
  assert.ok(!srv.requests.slice(before).some((u) => /yibao_excel/.test(u)), 'not for the first screen, not for the batch view until a workbook is read or written');
  await p.context().close();
});

test('a large workbook is read and written off the page\'s thread: the page keeps answering', async (t) => {
  // 20,000 rows, written by the Excel module in Node. Read on the page's thread this took seconds
  // (a 100,000-row workbook about 8 s in Node: BENCHMARKS.md), with the page frozen meanwhile.
  const N = 20000;
  const p = await openView(b, srv, '#batch', 'zh', '#bt-template');
  const header = tools.batchTemplate({ type: 'retail-pharmacy' }).csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
  const bytes = excel.templateXlsx(benchCsv(header, N), '名单');
  // A heartbeat every 20 ms: the longest gap between beats is the longest the page could not answer.
  await p.evaluate(() => {
    window.beats = [];
    window.beat = setInterval(() => window.beats.push(performance.now()), 20);
  });
  await p.setInputFiles('#bt-file', { name: '大名单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(bytes) });
  await p.waitForSelector('.bt-counts', { timeout: 180000 });
  assert.match(await p.locator('.bt-progress-text').innerText(), /20000 行/);
  // The result as a workbook, made in the worker too.
  const [dl] = await Promise.all([p.waitForEvent('download', { timeout: 180000 }), p.click('#bt-download-xlsx')]);
  const back = excel.xlsxToCsv(fs.readFileSync(await dl.path()), '评价结果');
  assert.equal(records(back).length, N + 1);
  const gap = await p.evaluate(() => {
    clearInterval(window.beat);
    let g = 0;
    for (let i = 1; i < window.beats.length; i++) g = Math.max(g, window.beats[i] - window.beats[i - 1]);
    return g;
  });
  t.diagnostic(`longest time the page did not answer: ${Math.round(gap)} ms`);
  assert.ok(gap < 1000, `the page did not answer for ${Math.round(gap)} ms`);
  assert.ok(srv.requests.some((u) => /excel-worker\.js/.test(u)), 'the workbook went to the Excel worker');
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
