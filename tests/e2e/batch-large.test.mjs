// Awkward files in the batch page (issues 18.4 and 19.1), in Chinese and in English: a code filled
// down 100,000 rows, cells of 20,000 characters without a space, a rule file with a 100,000-
// character title, files past the page's limits. Each leaves the page answering: the table holds
// one page of rows, a duplicate group is summarised (never a list of thousands of names), a long
// text is cut with its full text on demand, and a file too large is refused in words that point to
// the command line. Also: the same in the single-file build from file:// (the batch on the page's
// thread), axe on the results, the pager by keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, browser, page, ROOT, ARTIFACTS, nodeModule } from './harness.mjs';
import * as tools from '../../www/pkg/yibao_tools.js';
import { PAGE_LIMITS } from '../../www/batch-run.js';

nodeModule(tools, 'yibao_tools');
const HEADER = tools.batchTemplate({ type: 'retail-pharmacy' }).csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'yc-batch-e2e-'));

/** A valid 统一社会信用代码 for i (GB 32100-2015 check character). */
function uscc(i) {
  const A = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `91441500${String(i).padStart(9, '0')}`;
  const sum = [...body].reduce((a, ch, k) => a + A.indexOf(ch) * W[k], 0);
  return body + A[(31 - (sum % 31)) % 31];
}

/** n rows: name, code (one for all when `code` is given), blank type, two counts. */
function narrow(n, code = null) {
  const cols = ['30101', '30201'].map((c) => HEADER.find((x) => x.startsWith(c)));
  const lines = [['名称', '统一社会信用代码', '主体类型', ...cols].join(',')];
  for (let i = 0; i < n; i++) lines.push(`药房${i},${code || uscc(i)},,${i % 2},${i % 3}`);
  return `${lines.join('\r\n')}\r\n`;
}

/** 60 rows of every column, 24 of them with a 20,000-character cell (name, code or a yes/no answer). */
function longCells() {
  const lines = [HEADER.join(',')];
  for (let i = 0; i < 60; i++) {
    const row = HEADER.map((x, j) => (j === 0 ? `药房${i}` : j === 1 ? uscc(i) : j === 2 ? '' : /（是\/否）$/.test(x) ? '是' : ''));
    if (i < 24) row[[0, 1, 3][i % 3]] = String.fromCharCode(65 + (i % 26)).repeat(20000);
    lines.push(row.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

const files = {
  shared: path.join(TMP, '同一代码.csv'),
  long: path.join(TMP, '长单元格.csv'),
  big: path.join(TMP, '太大.csv'),
};
fs.writeFileSync(files.shared, narrow(100000, uscc(7)));
fs.writeFileSync(files.long, longCells());
// Past the byte limit (the page refuses it by its size, before reading a byte of it).
fs.writeFileSync(files.big, `${HEADER.join(',')}\r\n`);
fs.truncateSync(files.big, PAGE_LIMITS.bytes + 1);

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); fs.rmSync(TMP, { recursive: true, force: true }); });

/** The batch view in `lang`, fresh. */
async function batchPage(lang, opts = {}) {
  const p = await page(b, { serviceWorkers: 'block', ...opts });
  await p.goto(srv.url);
  await p.evaluate((l) => localStorage.setItem('yibao-credit:lang', l), lang);
  await p.goto(`${srv.url}#batch`);
  await p.reload();
  await p.waitForSelector('#bt-template');
  return p;
}

/** What every awkward file must leave: a page that answers, one page of rows, no code on screen. */
async function answers(p, lang) {
  const rows = await p.locator('.bt-table tbody tr').count();
  assert.ok(rows > 0 && rows <= 50, `${rows} rows drawn`);
  const status = () => p.locator('#bt-page-status').textContent();
  const before1 = await status();
  if (await p.locator('#bt-next').isEnabled()) {
    await p.click('#bt-next');
    await p.waitForFunction((s) => document.querySelector('#bt-page-status').textContent !== s, before1);
    assert.match(await status(), lang === 'en' ? /^Page 2 of/ : /^第 2 \//);
  }
  const text = await p.locator('.view-batch').innerText();
  assert.doesNotMatch(text, /\b[EW]_[A-Z_]{3,}/, 'no error code on screen');
}

for (const lang of ['zh', 'en']) {
  test(`100,000 rows sharing one code: the duplicate group is summarised, the page answers (${lang})`, async () => {
    const p = await batchPage(lang);
    await p.setInputFiles('#bt-file', files.shared);
    await p.waitForSelector('.bt-counts', { timeout: 120000 });
    // One group of 100,000 names: its count, five names with their rows, the rest in the file.
    const item = p.locator('.bt-dup').first();
    const text = await item.innerText();
    assert.ok(text.length < 1000, `the group is ${text.length} characters on screen`);
    if (lang === 'zh') {
      assert.match(text, new RegExp(`一码多赋：${uscc(7)} — 100000 个名称，共 100000 行：药房0（第 2 行）；药房1（第 3 行）`));
      assert.match(text, /还有 99995 行，见下载的结果文件（按代码筛选）/);
    } else {
      assert.match(text, new RegExp(`One code, several names: ${uscc(7)} — 100000 names on 100000 rows: 药房0 \\(row 2\\); 药房1 \\(row 3\\)`));
      assert.match(text, /99995 more rows are in the downloaded results \(filter by the code\)/);
    }
    await answers(p, lang);
    // Sorted by name, descending: a hundred thousand names, the page still answers meanwhile.
    await p.click('#bt-sort-1');
    await p.click('#bt-sort-1');
    await p.waitForFunction(() => document.querySelector('th[data-col="1"]').getAttribute('aria-sort') === 'descending' && document.querySelectorAll('.bt-table tbody tr').length === 50);
    assert.equal(await p.locator('.bt-table tbody tr td:nth-child(2)').first().textContent(), '药房99999');
    assert.deepEqual(p.errors, []);
    await p.context().close();
  });

  test(`cells of 20,000 characters are cut, the full text on demand (${lang})`, async () => {
    const p = await batchPage(lang);
    await p.setInputFiles('#bt-file', files.long);
    await p.waitForSelector('.bt-counts');
    const cells = await p.locator('.bt-table td').evaluateAll((tds) => tds.map((td) => td.innerText.length));
    assert.ok(Math.max(...cells) < 300, `longest cell shows ${Math.max(...cells)} characters`);
    // The first row's name: cut, with the full text in its title and behind 「全文」.
    const cut = p.locator('.bt-table tbody tr').first().locator('td').nth(1);
    assert.match(await cut.locator('.bt-cut').textContent(), /^A{40}…$/);
    assert.ok((await cut.locator('.bt-cut').getAttribute('title')).startsWith('A'.repeat(1000)));
    const more = cut.locator('.bt-more');
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    assert.match(await more.getAttribute('aria-label'), lang === 'en' ? /full text \(20000 characters\)/ : /显示全文（20000 字）/);
    await more.click();
    assert.equal(await cut.locator('.bt-full').textContent(), 'A'.repeat(20000));
    assert.equal(await more.getAttribute('aria-expanded'), 'true');
    await more.click();
    assert.equal(await cut.locator('.bt-full').count(), 0);
    // The refused yes/no answer of row 4 (its problem repeats the cell): cut in the table too.
    const probs = await p.locator('.bt-prob-cell').evaluateAll((tds) => tds.map((td) => td.innerText.length));
    assert.ok(Math.max(...probs) < 300);
    assert.ok((await p.locator('.bt-listed li').allInnerTexts()).every((t) => t.length < 300));
    await p.screenshot({ path: path.join(ARTIFACTS, `batch-long-cells-${lang}.png`) });
    await answers(p, lang);
    assert.deepEqual(p.errors, []);
    await p.context().close();
  });

  test(`a file past the page's limit is refused in words, pointing to the command line (${lang})`, async () => {
    const p = await batchPage(lang);
    await p.setInputFiles('#bt-file', files.big);
    await p.waitForSelector('.bt-msg [role=alert]');
    const msg = await p.locator('.bt-msg [role=alert]').innerText();
    const mb = (PAGE_LIMITS.bytes / 1048576).toFixed(1);
    if (lang === 'zh') {
      assert.match(msg, new RegExp(`文件太大（${mb} MB）：页面中最多处理 ${mb} MB`));
      assert.match(msg, /请把名单拆成几个文件分别评价，或用命令行评价整个文件/);
    } else {
      assert.match(msg, new RegExp(`The file is too large \\(${mb} MB\\): the page takes at most ${mb} MB`));
      assert.match(msg, /Split the list into several files, or evaluate the whole file with the command line/);
    }
    assert.match(msg, /yibao-credit batch --type retail-pharmacy --as-of \d{4}-\d{2}-\d{2}/);
    assert.doesNotMatch(msg, /E_[A-Z]/);
    assert.equal(await p.locator('.bt-counts').count(), 0);
    assert.equal(await p.locator('.bt-progress').isVisible(), false);
    // The limits are on the page before a file is chosen.
    assert.match(await p.locator('.view-batch').innerText(), lang === 'en' ? /the page takes up to \d+ MB and [\d,]+ rows/ : /页面中最多 \d+ MB、\d+ 万行/);
    assert.deepEqual(p.errors, []);
    await p.context().close();
  });
}

test('a rule file with a 100,000-character title: cut where the batch view names it', async () => {
  const doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'www/rules/retail-pharmacy.json'), 'utf8'));
  doc.id = 'long-title'; doc.sample = false; doc.title = { zh: '很'.repeat(100000), en: 'L'.repeat(100000) };
  const p = await page(b, { serviceWorkers: 'block' });
  await p.goto(srv.url);
  await p.evaluate((text) => localStorage.setItem('yibao-credit:assess', JSON.stringify({ v: 1, data: { type: 'retail-pharmacy', facts: {}, events: [], customRules: text } })), JSON.stringify(doc));
  await p.goto(`${srv.url}#batch`);
  await p.reload();
  await p.waitForSelector('#bt-custom');
  assert.ok((await p.locator('#bt-custom').innerText()).length < 300);
  assert.equal(await p.locator('#bt-custom .bt-more').count(), 1);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('the pager by keyboard, and axe finds nothing on the results (both languages)', async () => {
  const p = await batchPage('zh', { bypassCSP: true });
  await p.setInputFiles('#bt-file', { name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(narrow(120)) });
  await p.waitForSelector('.bt-counts');
  // Next twice by keyboard: the last page disables 下一页, the focus goes to the page number.
  await p.focus('#bt-next');
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => /^第 2 \/ 3 页/.test(document.querySelector('#bt-page-status').textContent));
  assert.equal(await p.evaluate(() => document.activeElement.id), 'bt-next');
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => /^第 3 \/ 3 页：第 101–120 行/.test(document.querySelector('#bt-page-status').textContent));
  assert.equal(await p.evaluate(() => document.activeElement.id), 'bt-page');
  await p.fill('#bt-page', '1');
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => /^第 1 \/ 3 页/.test(document.querySelector('#bt-page-status').textContent));
  assert.equal(await p.getAttribute('.bt-table', 'aria-rowcount'), '121');
  assert.equal(await p.getAttribute('.bt-table tbody tr:first-child', 'aria-rowindex'), '2');
  for (const lang of ['zh', 'en']) {
    if (lang === 'en') {
      await p.click('#lang');
      await p.waitForFunction(() => document.documentElement.lang === 'en' && document.querySelector('.bt-counts'));
    }
    await p.setInputFiles('#bt-file', files.long);
    await p.waitForFunction(() => document.querySelectorAll('.bt-table .bt-more').length > 0);
    await p.locator('.bt-table .bt-more').first().click();
    await p.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    await p.addScriptTag({ content: AXE });
    const r = await p.evaluate(async () => {
      const res = await window.axe.run(document);
      return { passes: res.passes.length, bad: res.violations.concat(res.incomplete.filter((v) => v.id === 'aria-prohibited-attr')).map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`) };
    });
    assert.ok(r.passes >= 20);
    assert.deepEqual(r.bad, [], lang);
  }
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('from file:// (the single-file build, the batch on the page\'s thread): the same summary and table', async () => {
  const FILE = path.join(ROOT, 'dist/yibao-credit-offline.html');
  assert.ok(fs.existsSync(FILE), 'scripts/build.sh wrote dist/yibao-credit-offline.html');
  const p = await page(b);
  await p.goto(`${pathToFileURL(FILE).href}#batch`);
  await p.waitForSelector('#bt-template');
  await p.setInputFiles('#bt-file', { name: 'shared.csv', mimeType: 'text/csv', buffer: Buffer.from(narrow(20000, uscc(3))) });
  await p.waitForSelector('.bt-counts', { timeout: 120000 });
  assert.match(await p.locator('.bt-dup').first().innerText(), /还有 19995 行，见下载的结果文件/);
  await answers(p, 'zh');
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
