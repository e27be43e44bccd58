// 指标管理 in headless Chromium, in Chinese and in English: a bureau imports its indicator table
// (GBK, with two bad rows), fixes what the checker reports next to the fields, undoes and redoes,
// publishes the rule file (its hash as the CLI computes it) and the catalogue page (printed to an
// A4 PDF), loads the file in the self-assessment, and compares it with a built-in set (with the
// saved self-assessment). Keyboard-only editing; axe-core finds nothing; the view's code is not
// loaded on the first screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, browser, page, ARTIFACTS, ROOT, pdfPageCount } from './harness.mjs';

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const CLI = path.join(ROOT, 'target/debug/yibao-credit');

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

/** The bureau's table: four good rows (total 990 of 1000) and two bad ones, saved by Excel as GBK. */
const TABLE = [
  '一级指标,二级指标,三级指标,分值,计分方式,每次分值,档次,评分标准,依据',
  '基础信息,登记信息,登记注册事项真实完整,300,是否,,,登记信息真实完整得满分,第十三条',
  '基础信息,信用承诺,签署医保服务协议,200,是否,,,,第十三条',
  '履约情况,协议考核,年度协议考核结果,300,档次,,优秀=300；合格=150；不合格=0,,第十四条',
  '不良信息,行政处罚,受到罚款,190,扣分,50,,每次扣50分，扣完为止,第十五条',
  '不良信息,行政处罚,受到警告,abc,扣分,10,,,第十五条',
  '不良信息,其他,其他失信信息,10,未知,,,,第十五条',
].join('\r\n') + '\r\n';
const gbk = () => execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: TABLE });

async function axe(p) {
  await p.addScriptTag({ content: AXE });
  return p.evaluate(async () => {
    const res = await window.axe.run(document);
    return res.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

const L = {
  zh: { imported: /已从“指标表\.csv”导入 4 项/, row6: /第 6 行：分值“abc”/, row7: /第 7 行：计分方式“未知”无法识别/, total: /一级指标合计 990 分，应等于满分 1000/, passed: /检查通过：11 项指标，其中三级指标 4 项/, problems: /检查发现 \d+ 处问题/, title: '某市定点医疗机构医疗保障信用评价指标', compare: /指标：新增 \d+ 项，删除 \d+ 项/ },
  en: { imported: /Imported 4 indicators from "指标表\.csv"; the 2 rows below were left out/, row6: /Row 6: points "abc"/, row7: /Row 7: kind "未知" is not one of/, total: /[Tt]he level-1 indicators add up to 990, but the full score is 1000/, passed: /Check passed: 11 indicators, 4 at level 3/, problems: /The check found \d+ problem/, title: '某市定点医疗机构医疗保障信用评价指标', compare: /Indicators: \d+ added, \d+ removed/ },
};

for (const lang of ['zh', 'en']) {
  test(`a bureau builds, fixes, publishes, uses and compares its list (${lang})`, async () => {
    const T = L[lang];
    const p = await page(b, { acceptDownloads: true, bypassCSP: true }); // bypassCSP: to add axe-core
    await p.addInitScript((l) => { if (!sessionStorage.getItem('set')) { localStorage.setItem('yibao-credit:lang', l); sessionStorage.setItem('set', '1'); } }, lang);
    await p.goto(srv.url);
    await p.waitForSelector('#headline, #progress');
    // The first screen, and the other views loaded after it, do not fetch the editor.
    await p.waitForTimeout(1500);
    // (The service worker, registered after the first view, may precache it for offline use.)
    const loaded = () => p.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    assert.ok(!(await loaded()).some((u) => /rules-editor|\/editor\//.test(u)), 'the editor is not loaded before it is opened');
    assert.equal(await p.locator('#tabs [data-view="rules-editor"]').count(), 0, 'no tab on the citizen\'s path');

    await p.click('#link-rules-editor');
    await p.waitForSelector('#ed-start');
    assert.ok((await loaded()).some((u) => /min\/rules-editor\.js/.test(u)));

    // The template downloads with the columns the import reads.
    const [tpl] = await Promise.all([p.waitForEvent('download'), p.click('#ed-template')]);
    const tplText = fs.readFileSync(await tpl.path(), 'utf8');
    assert.match(tplText, /^\uFEFF一级指标,二级指标,三级指标,分值,计分方式/);

    // Import the GBK table: four rows in, a message for each bad row.
    await p.setInputFiles('#ed-import', { name: '指标表.csv', mimeType: 'text/csv', buffer: gbk() });
    await p.waitForSelector('#ed-import-msg li');
    const msg = await p.locator('#ed-import-msg').textContent();
    assert.match(msg, T.imported);
    assert.match(msg, T.row6);
    assert.match(msg, T.row7);
    assert.equal(await p.locator('.ed-d3').count(), 4);

    // The checker's problems are next to their fields: the total under the indicators, the
    // missing title and issuer at their inputs (no path or code on screen).
    await p.waitForFunction((re) => new RegExp(re).test(document.querySelector('#ed-count').textContent), T.problems.source);
    assert.match(await p.locator('.ed-indicators > .ed-problem').textContent(), T.total);
    const titleField = p.locator('[data-focus="basic:title-zh"]');
    assert.equal(await titleField.getAttribute('aria-invalid'), 'true');
    const summary = await p.locator('#ed-problems').textContent();
    assert.doesNotMatch(summary, /\$\.|E_RULES|indicators\[/);

    // Fix them by typing.
    await titleField.fill(T.title);
    await p.fill('[data-focus="basic:issuer-zh"]', '某市医疗保障局');
    await p.fill('[data-focus="ind:30101:points"]', '200');
    await p.waitForFunction((re) => new RegExp(re).test(document.querySelector('#ed-count').textContent), T.passed.source);
    assert.equal(await p.locator('.ed-problem.error').count(), 0);
    assert.match(await p.locator('[data-sum-for="3"]').textContent(), /200/);

    // Undo brings the problem back, redo fixes it again; a reload keeps the list.
    await p.focus('[data-focus="ind:30101:points"]');
    await p.keyboard.press('Control+z');
    await p.waitForFunction(() => document.querySelector('[data-focus="ind:30101:points"]').value === '190');
    assert.match(await p.locator('#ed-count').textContent(), T.problems);
    await p.click('#ed-redo');
    await p.waitForFunction(() => document.querySelector('[data-focus="ind:30101:points"]').value === '200');
    await p.reload();
    await p.waitForSelector('[data-focus="ind:30101:points"]');
    assert.equal(await p.inputValue('[data-focus="ind:30101:points"]'), '200');
    assert.match(await p.locator('#ed-count').textContent(), T.passed);

    const violations = await axe(p);
    assert.deepEqual(violations, [], 'axe on the editor');

    // Publish: the rule file (hash as the CLI computes it) and the catalogue page.
    await p.fill('[data-focus="basic:version"]', '2027.1');
    const [rulesDl] = await Promise.all([p.waitForEvent('download'), p.click('#ed-download-rules')]);
    assert.equal(rulesDl.suggestedFilename(), 'local-indicators-2027.1.json');
    const rulesPath = path.join(ARTIFACTS, `rules-editor-${lang}.json`);
    fs.copyFileSync(await rulesDl.path(), rulesPath);
    const shown = await p.locator('#ed-published .ed-hash').textContent();
    if (fs.existsSync(CLI)) {
      const report = JSON.parse(execFileSync(CLI, ['check-rules', rulesPath]).toString());
      assert.equal(report.valid, true);
      assert.equal(report.rules.hash, shown, 'the hash the page shows is the one the CLI computes');
    }
    const [catDl] = await Promise.all([p.waitForEvent('download'), p.click('#ed-download-catalogue')]);
    const catPath = path.join(ARTIFACTS, `rules-catalogue-${lang}.html`);
    fs.copyFileSync(await catDl.path(), catPath);
    const html = fs.readFileSync(catPath, 'utf8');
    assert.match(html, /某市定点医疗机构医疗保障信用评价指标/);
    assert.ok(html.includes(shown), 'the catalogue states the hash');
    assert.match(html, /2027\.1/);
    assert.match(html, /每次扣 50 分，扣完本项 200 分为止/);
    assert.match(html, /“依据”栏只写条款的，指《汕尾市医疗保障信用管理办法（试行）》/);
    assert.match(html, /<td>第十五条<\/td>/);
    const cat = await b.newPage();
    await cat.goto(`file://${catPath}`);
    const pdf = await cat.pdf({ format: 'A4', printBackground: true });
    fs.writeFileSync(path.join(ARTIFACTS, `rules-catalogue-${lang}.pdf`), pdf);
    await cat.screenshot({ path: path.join(ARTIFACTS, `rules-catalogue-${lang}.png`), fullPage: true });
    assert.ok(pdfPageCount(pdf) >= 1 && pdfPageCount(pdf) <= 2, `catalogue prints on 1-2 A4 pages (${pdfPageCount(pdf)})`);
    await cat.close();

    // Load the file in the self-assessment: its title and hash are shown there.
    await p.click('#tabs [data-view="assess"]');
    await p.waitForSelector('#rules-file', { state: 'attached' });
    await p.setInputFiles('#rules-file', rulesPath);
    await p.waitForFunction((title) => document.querySelector('.rules-title')?.textContent.includes(title), T.title);
    assert.match(await p.locator('.rules .hash').textContent(), new RegExp(`2027\\.1 · SHA-256 ${shown.slice(0, 16)}`));
    await p.selectOption('#fact-10101', 'yes');

    // Compare the built-in medical-institution set with the list being edited, with the saved
    // self-assessment (answered under the new list).
    await p.click('#link-rules-editor');
    await p.waitForSelector('#cmp-run');
    await p.selectOption('#cmp-a', 'medical-institution');
    await p.selectOption('#cmp-b', 'current');
    await p.check('#cmp-case');
    await p.click('#cmp-run');
    await p.waitForSelector('#cmp-counts');
    assert.match(await p.locator('#cmp-counts').textContent(), T.compare);
    assert.match(await p.locator('#cmp-result').textContent(), lang === 'zh' ? /年度协议考核结果/ : /年度协议考核结果/);
    await p.waitForSelector('#cmp-case-result');
    // The published file picked as the new version: the same list, so the same changes.
    const counts = await p.locator('#cmp-counts').textContent();
    await p.setInputFiles('#cmp-file-b', rulesPath);
    await p.waitForFunction(() => document.querySelector('#cmp-b').value === 'file');
    await p.click('#cmp-run');
    await p.waitForFunction((c) => document.querySelector('#cmp-counts')?.textContent === c && /2027\.1/.test(document.querySelector('#cmp-result').textContent), counts);
    await p.screenshot({ path: path.join(ARTIFACTS, `rules-editor-${lang}.png`), fullPage: true });
    assert.deepEqual(await axe(p), [], 'axe with the comparison shown');
    assert.deepEqual(p.errors, []);
    await p.context().close();
  });
}

test('the list is edited with the keyboard alone: add, name, move, undo', async () => {
  const p = await page(b);
  await p.goto(`${srv.url}#rules-editor`);
  await p.waitForSelector('#ed-start');
  const tabTo = async (pred, arg) => {
    for (let i = 0; i < 400; i++) {
      if (await p.evaluate(pred, arg)) return;
      await p.keyboard.press('Tab');
    }
    throw new Error(`never reached: ${pred}`);
  };
  await tabTo(() => document.activeElement?.id === 'ed-start');
  // The empty list is the first choice: start it.
  await p.keyboard.press('Tab');
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => document.activeElement?.dataset.focus === 'basic:title-zh');
  await p.keyboard.type('测试指标');
  await tabTo(() => document.activeElement?.id === 'ed-add-l1');
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => document.activeElement?.dataset.focus === 'ind:1:name-zh');
  await p.keyboard.type('基础信息');
  await tabTo(() => document.activeElement?.dataset.focus === 'ind:1:add');
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => document.activeElement?.dataset.focus === 'ind:101:name-zh');
  await p.keyboard.type('登记信息');
  for (const name of ['甲项', '乙项']) {
    await tabTo(() => document.activeElement?.dataset.focus === 'ind:101:add');
    await p.keyboard.press('Enter');
    await p.waitForFunction(() => /^ind:101\d\d:name-zh$/.test(document.activeElement?.dataset.focus || ''));
    await p.keyboard.type(name);
  }
  // The editor's own stylesheet applies under the page's strict CSP.
  assert.equal(await p.evaluate(() => getComputedStyle(document.querySelector('.ed-d1')).borderLeftWidth), '6px');
  const leaves = () => p.evaluate(() => [...document.querySelectorAll('.ed-d3 [data-focus$=":name-zh"]')].map((i) => i.value));
  assert.deepEqual(await leaves(), ['甲项', '乙项']);
  // Move 乙项 up: it comes first, and the focus stays on it.
  await tabTo(() => document.activeElement?.dataset.focus === 'ind:10102:up');
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => document.querySelector('.ed-d3 [data-focus$=":name-zh"]').value === '乙项');
  assert.match(await p.evaluate(() => document.activeElement.dataset.focus), /^ind:10102:(up|down)$/);
  // Change 甲项's kind with the arrow keys: a deduction has its per-incident field.
  await tabTo(() => document.activeElement?.dataset.focus === 'ind:10101:kind');
  await p.keyboard.press('ArrowDown');
  await p.waitForSelector('[data-focus="ind:10101:per"]');
  // Undo twice: the kind, then the move.
  await p.keyboard.press('Control+z');
  await p.keyboard.press('Control+z');
  await p.waitForFunction(() => document.querySelector('.ed-d3 [data-focus$=":name-zh"]').value === '甲项');
  assert.equal(await p.locator('[data-focus="ind:10101:per"]').count(), 0);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('from a built-in set, in the single-file build: checked, styled, exported as a table, compared with a batch file', async () => {
  const file = path.join(ROOT, 'dist/yibao-credit-offline.html');
  if (!fs.existsSync(file)) return; // scripts/build.sh writes it
  const p = await page(b, { acceptDownloads: true });
  await p.goto(`file://${file}#rules-editor`);
  await p.waitForSelector('#ed-start');
  await p.selectOption('#ed-start', 'retail-pharmacy');
  await p.click('#ed-start-go');
  await p.waitForSelector('[data-focus="ind:30102:points"]');
  // The only problem of a sample made one's own: the issuer is to be filled in.
  await p.waitForFunction(() => /1 处问题/.test(document.querySelector('#ed-count').textContent));
  assert.equal(await p.locator('[data-focus="basic:issuer-zh"]').getAttribute('aria-invalid'), 'true');
  assert.equal(await p.evaluate(() => getComputedStyle(document.querySelector('.ed-d1')).borderLeftWidth), '6px');
  await p.fill('[data-focus="basic:issuer-zh"]', '某市医疗保障局');
  await p.waitForFunction(() => /检查通过/.test(document.querySelector('#ed-count').textContent));

  // Re-weight two indicators, then compare with the built-in set on a batch file.
  await p.fill('[data-focus="ind:10201:points"]', '20');
  await p.fill('[data-focus="ind:10202:points"]', '30');
  await p.waitForFunction(() => /检查通过/.test(document.querySelector('#ed-count').textContent));
  const header = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/golden/batch.json'), 'utf8'))[0].input.csv.split('\n')[0];
  const cols = header.split(',');
  const row = (name, no10202) => cols.map((c) => {
    const code = c.split(' ')[0];
    if (c === '名称') return name;
    if (code === '10202') return no10202 ? '否' : '是';
    if (code === '20101') return '优秀';
    if (code === '30101' || code === '30102') return no10202 ? '1' : '0';
    if (/^(1|201)/.test(code)) return '是';
    if (/^[23]/.test(code)) return '0';
    return c.startsWith('主体类型') || c.startsWith('统一') ? '' : '否';
  }).join(',');
  const batch = [header, row('甲药房', false), row('乙药房', true)].join('\n') + '\n';
  await p.selectOption('#cmp-a', 'retail-pharmacy');
  await p.selectOption('#cmp-b', 'current');
  await p.setInputFiles('#cmp-batch', { name: '药店.csv', mimeType: 'text/csv', buffer: Buffer.from(batch) });
  await p.fill('#cmp-as-of', '2026-11-23');
  await p.click('#cmp-run');
  await p.waitForSelector('#cmp-batch-result');
  assert.match(await p.locator('#cmp-counts').textContent(), /改变 2 项/);
  assert.match(await p.locator('#cmp-in-force').textContent(), /2026-11-23 施行的是：两版都在施行期内/);
  assert.match(await p.locator('#cmp-batch-result').textContent(), /共 2 行（评价基准日 2026-11-23），1 行等级改变/);
  assert.match(await p.locator('#cmp-result table:last-of-type').textContent(), /乙药房.*855 A.*845 B/);
  // The table export has one row per level-3 indicator, and imports back to the same tree (the
  // table holds the Chinese names only).
  const [dl] = await Promise.all([p.waitForEvent('download'), p.click('#ed-export')]);
  const csv = fs.readFileSync(await dl.path(), 'utf8');
  const rows = csv.trimEnd().split(/\r\n/);
  assert.equal(rows.length, 1 + 18);
  assert.match(rows[0], /^\uFEFF一级指标,二级指标,三级指标,分值,计分方式,每次分值,档次,评分标准,依据/);
  assert.match(csv, /不良信息,行政处罚,受到罚款（每次扣50分）,100,扣分,50,/);
  assert.match(csv, /基础信息,信用承诺,签署医保服务协议（视为作出信用承诺）,20,是否,/);
  const before = await p.evaluate(() => [...document.querySelectorAll('.ed-node h3')].map((x) => x.textContent));
  await p.setInputFiles('#ed-import', { name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await p.waitForFunction(() => /导入 18 项/.test(document.querySelector('#ed-import-msg').textContent));
  assert.deepEqual(await p.evaluate(() => [...document.querySelectorAll('.ed-node h3')].map((x) => x.textContent)), before);

  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('each problem is shown at its own field: a level, an article, a band, a direct-grade rule', async () => {
  const p = await page(b);
  await p.goto(`${srv.url}#rules-editor`);
  await p.waitForSelector('#ed-start');
  await p.selectOption('#ed-start', 'retail-pharmacy');
  await p.click('#ed-start-go');
  await p.fill('[data-focus="basic:issuer-zh"]', '某市医疗保障局');
  await p.waitForFunction(() => /检查通过/.test(document.querySelector('#ed-count').textContent));
  // No level of 20101 gives the full points any more: said at its levels.
  await p.fill('[data-focus="ind:20101:lv0-pts"]', '140');
  await p.waitForSelector('.ed-levels > .ed-problem');
  assert.match(await p.locator('.ed-levels > .ed-problem').textContent(), /没有一个档次能得满分 150/);
  // An article the law library does not hold: said at the article, which is marked invalid.
  const art = p.locator('[data-focus="ind:10101:cite-article"]');
  await art.fill('第九十九条');
  // (Read in one step: the check runs again as the page settles and may redraw the message.)
  await p.waitForFunction(() => {
    const a = document.querySelector('[data-focus="ind:10101:cite-article"]');
    const said = a && document.getElementById(a.getAttribute('aria-describedby') || '');
    return a.getAttribute('aria-invalid') === 'true' && !!said && /中没有“第九十九条”/.test(said.textContent);
  });
  // Band B starting at 810 is not article 19's: said at the band.
  await p.fill('[data-focus="band:1:min"]', '810');
  await p.waitForFunction(() => document.querySelectorAll('.ed-bands .ed-problem').length > 0);
  // A direct-grade rule without events: said at its events.
  await p.click('.ed-direct > button');
  await p.waitForSelector('.ed-direct .ed-kinds > .ed-problem');
  assert.match(await p.locator('.ed-direct .ed-kinds > .ed-problem').textContent(), /须列出触发的事件类型/);
  // The list at the top names each place in words and takes the focus there.
  const items = await p.locator('.ed-problem-list li').allTextContents();
  assert.ok(items.length >= 4, items.join('\n'));
  assert.doesNotMatch(items.join('\n'), /\$\.|E_RULES|\[\d+\]/);
  await p.locator('.ed-problem-list li button').filter({ hasText: '10101' }).first().click();
  assert.equal(await p.evaluate(() => document.activeElement.dataset.focus), 'ind:10101:cite-article');
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

// Issue 17, point 2: the same table kept as an Excel workbook (written by openpyxl, not by the
// project: tests/fixtures/excel/make_openpyxl_indicator_table.py) imports as the CSV does.
for (const lang of ['zh', 'en']) {
  test(`an indicator table saved as .xlsx imports as the CSV does, bad rows named (${lang})`, async () => {
    const T = L[lang];
    const p = await page(b);
    await p.addInitScript((l) => localStorage.setItem('yibao-credit:lang', l), lang);
    await p.goto(srv.url);
    await p.waitForSelector('#headline, #progress');
    await p.click('#link-rules-editor');
    await p.waitForSelector('#ed-start');
    const xlsx = fs.readFileSync(path.join(ROOT, 'tests/fixtures/excel/指标表-openpyxl.xlsx'));
    await p.setInputFiles('#ed-import', { name: '指标表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx });
    await p.waitForSelector('#ed-import-msg li');
    const msg = await p.locator('#ed-import-msg').textContent();
    assert.match(msg, new RegExp(T.imported.source.replace('csv', 'xlsx')));
    assert.match(msg, T.row6);
    assert.match(msg, T.row7);
    assert.equal(await p.locator('.ed-d3').count(), 4);
    // The imported points are the workbook's numbers.
    assert.equal(await p.locator('[data-focus="ind:30101:points"]').inputValue(), '190');
    await p.context().close();
  });
}

// Issue 17, point 2: the table exported as an Excel workbook imports back to the same rule set
// (the same table, the same rule file as after importing the CSV export), in Chinese and English.
for (const lang of ['zh', 'en']) {
  test(`the table exported as .xlsx imports back to the same indicators (${lang})`, async () => {
    const p = await page(b, { acceptDownloads: true, bypassCSP: true });
    await p.addInitScript((l) => localStorage.setItem('yibao-credit:lang', l), lang);
    await p.goto(`${srv.url}#rules-editor`);
    await p.waitForSelector('#ed-start');
    await p.selectOption('#ed-start', 'retail-pharmacy');
    await p.click('#ed-start-go');
    await p.fill('[data-focus="basic:issuer-zh"]', '某市医疗保障局');
    await p.fill('[data-focus="ind:10201:points"]', '20');
    await p.fill('[data-focus="ind:10202:points"]', '30');
    await p.waitForFunction(() => /检查通过|Check passed/.test(document.querySelector('#ed-count').textContent));
    const save = async (sel) => { const [d] = await Promise.all([p.waitForEvent('download'), p.click(sel)]); return { name: d.suggestedFilename(), bytes: fs.readFileSync(await d.path()) }; };
    const csv = (await save('#ed-export')).bytes.toString('utf8');
    const xlsx = await save('#ed-export-xlsx');
    assert.equal(xlsx.name, 'local-retail-pharmacy-1.0-指标表.xlsx');
    assert.equal(xlsx.bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
    const tree = () => p.evaluate(() => [...document.querySelectorAll('.ed-node h3')].map((x) => x.textContent));
    // Through the CSV, as before: the reference.
    await p.setInputFiles('#ed-import', { name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await p.waitForFunction(() => /导入 18 项|Imported 18 indicator/.test(document.querySelector('#ed-import-msg').textContent));
    await p.waitForFunction(() => /检查通过|Check passed/.test(document.querySelector('#ed-count').textContent));
    const viaCsv = { tree: await tree(), rules: (await save('#ed-download-rules')).bytes.toString('utf8') };
    // Through the workbook: the same tree, the same rule file, the same table exported again.
    await p.setInputFiles('#ed-import', { name: xlsx.name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx.bytes });
    await p.waitForFunction((n) => new RegExp(`导入 18 项|Imported 18 indicator.*${n.replace('.', '\\.')}`).test(document.querySelector('#ed-import-msg').textContent), xlsx.name);
    await p.waitForFunction(() => /检查通过|Check passed/.test(document.querySelector('#ed-count').textContent));
    assert.deepEqual(await tree(), viaCsv.tree);
    assert.equal((await save('#ed-download-rules')).bytes.toString('utf8'), viaCsv.rules);
    assert.equal((await save('#ed-export')).bytes.toString('utf8'), csv);
    assert.equal(JSON.parse(viaCsv.rules).indicators.find((n) => n.code === '10202').points, 30, 'the edit went through both');
    assert.equal(await p.locator('#ed-export-xlsx').innerText(), lang === 'en' ? 'Export as a table (Excel)' : '导出为指标表（Excel）');
    assert.deepEqual(await axe(p), []);
    await p.locator('.ed-start').screenshot({ path: `/tmp/shots-versions/editor-export-${lang}.png` });
    assert.deepEqual(p.errors, []);
    await p.context().close();
  });
}
