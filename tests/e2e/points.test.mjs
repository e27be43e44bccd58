// 医保支付资格记分 on the page (issue 16, point 3): the section beside the self-assessment of a
// 医保医师 (loaded only once that type is chosen), records across a year boundary, the running total,
// the suspension's dates, a refused record shown on its row, another model, saved as typed, its own
// printed A4 page; in Chinese and English on a 390-px phone with axe; the persons' batch from the batch view;
// the JS API giving the bytes the command line gives (the golden cases).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, page, openOffline, gbk, ARTIFACTS, ROOT, pdfPageCount } from './harness.mjs';

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const GOLDEN = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/golden/cases.json'), 'utf8'));

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

/** Fills record row `i` (0-based) of the section. */
async function fillRow(p, i, { date, points, band, responsibility }) {
  const row = p.locator('#points-section .points-row').nth(i);
  await row.locator('input[type=date]').fill(date);
  await row.locator('input[type=number]').fill(String(points));
  const selects = row.locator('select');
  const n = await selects.count();
  if (band) await selects.nth(n - 2).selectOption(band);
  if (responsibility) await selects.nth(n - 1).selectOption(responsibility);
}

const text = (p, sel) => p.locator(sel).innerText();

test('a doctor\'s points beside the self-assessment: year boundary, suspension dates, a refused record, another model, saved, printed', async () => {
  const p = await page(b, { serviceWorkers: 'block' });
  const asked = [];
  p.on('request', (r) => asked.push(r.url()));
  await p.goto(srv.url);
  await p.waitForSelector('#headline');
  // The first screen does not load the section's module.
  assert.equal(asked.some((u) => u.endsWith('min/points.js')), false, 'points.js is not part of the first screen');
  assert.equal(await p.locator('#points-section').count(), 0);
  await p.selectOption('#subject-type', 'physician');
  await p.waitForSelector('#points-model');
  assert.ok(asked.some((u) => u.endsWith('min/points.js')), 'loaded once a doctor is chosen');
  await p.fill('#subject-name', '李四');
  await p.fill('#points-asof', '2026-12-31');

  // 2025-12-31: of another year, listed and not counted; 2026-01-01 and 2026-05-20: 3 + 6 = 9.
  await fillRow(p, 0, { date: '2025-12-31', points: 6 });
  await p.click('#points-add');
  await fillRow(p, 1, { date: '2026-01-01', points: 3, responsibility: 'general' });
  await p.click('#points-add');
  await fillRow(p, 2, { date: '2026-05-20', points: 6, band: '4-6', responsibility: 'main' });
  await p.waitForFunction(() => document.querySelector('#points-total')?.textContent === '9');
  assert.match(await text(p, '#points-section .points-row >> nth=0'), /不计入：属于 2025 年，不计入 2026 年的累计/);
  assert.match(await text(p, '#points-section .points-row >> nth=2'), /计 6 分，本年累计 9 分/);
  assert.match(await text(p, '#points-consequence'), /累计达到9分：暂停医保支付资格1至6个月/);
  assert.match(await text(p, '#points-consequence'), /2026-05-20/);
  // The suspension runs from the decision date (the Civil Code's months), with the rule.
  const susp = await text(p, '#points-suspension');
  assert.match(susp, /自 2026-05-20 起暂停 1 至 6 个月/);
  assert.match(susp, /最早至 2026-06-20，最迟至 2026-11-20/);
  assert.match(susp, /第二百零一条/);
  // The Civil Code's articles open to their text (www/cite.js, the law library).
  await p.locator('#points-rule summary').click();
  await p.waitForFunction(() => /开始的当日不计入，自下一日开始计算/.test(document.querySelector('#points-rule .cite-body')?.textContent));
  assert.match(await text(p, '#points-next'), /再记 3 分：.*终止医保支付资格/);
  // Each record with its act, band, responsibility and basis.
  const list = await text(p, '.points-list');
  assert.match(list, /4至6分档 · 主要责任/);
  assert.match(list, /依据：.*医保发〔2024〕23号/);
  assert.match(list, /不计入：属于 2025 年/);
  // Which rules, and that the province's may differ.
  assert.match(await text(p, '#points-which'), /国家规定[\s\S]*可能不同/);

  // A record outside its band: said on its row, left out; the rest still count.
  await p.click('#points-add');
  await fillRow(p, 3, { date: '2026-06-01', points: 5, band: '1-3' });
  await p.waitForFunction(() => /未计入：1至3分档的记分应为 1 至 3 分，实为 5/.test(document.querySelectorAll('#points-section .points-row')[3].textContent));
  assert.equal(await text(p, '#points-total'), '9');
  await p.locator('#points-section .points-row >> nth=3').getByRole('button', { name: '删除' }).click();

  // The province's example: 9 → 2 months; it says the province is not verified.
  await p.selectOption('#points-model', 'example-province');
  await p.waitForFunction(() => /暂停医保支付资格2个月/.test(document.querySelector('#points-consequence')?.textContent));
  assert.match(await text(p, '#points-suspension'), /自 2026-05-20 起暂停 2 个月，至 2026-07-20/);
  assert.match(await text(p, '#points-which'), /示例[\s\S]*省份未核实/);
  assert.match(await text(p, '#points-notes'), /您所在省份的细则可能不同/);

  // Saved as typed: a reload brings the records and the model back.
  await p.reload();
  await p.waitForFunction(() => document.querySelector('#points-total')?.textContent === '9');
  assert.equal(await p.locator('#points-model').inputValue(), 'example-province');
  assert.equal(await p.locator('#points-section .points-row').count(), 3);

  // Print: the section's own report, alone, on one A4 page.
  await p.evaluate(() => { window.print = () => { window.printedPoints = document.documentElement.classList.contains('print-points'); }; });
  await p.click('#points-print');
  assert.equal(await p.evaluate(() => window.printedPoints), true);
  const report = await p.evaluate(() => document.querySelector('#points-report').textContent);
  assert.match(report, /医保支付资格记分报告/);
  assert.match(report, /李四/);
  assert.match(report, /9 \/ 12/);
  assert.match(report, /2026-07-20/);
  assert.match(report, /您所在省份的细则可能不同/);
  await p.evaluate(() => document.documentElement.classList.add('print-points'));
  await p.emulateMedia({ media: 'print' });
  assert.equal(await p.locator('#points-report').isVisible(), true);
  assert.equal(await p.locator('#report').isVisible(), false, 'the self-assessment report is not printed with it');
  assert.equal(await p.locator('.top').isVisible(), false, 'no page chrome in print');
  const pdf = await p.pdf({ format: 'A4', printBackground: true });
  fs.writeFileSync(path.join(ARTIFACTS, 'points-report.pdf'), pdf);
  assert.equal(pdfPageCount(pdf), 1, 'the report fits one page');
  await p.emulateMedia({ media: 'screen' });
  await p.evaluate(() => document.documentElement.classList.remove('print-points'));
  // Printing the self-assessment (Ctrl+P) leaves the points report out.
  await p.emulateMedia({ media: 'print' });
  assert.equal(await p.locator('#points-report').isVisible(), false);
  await p.emulateMedia({ media: 'screen' });
  await p.screenshot({ path: path.join(ARTIFACTS, 'points-section.png'), fullPage: true });
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('on a 390-px phone, in Chinese and in English: the section reads in the language, fits the width, and axe finds nothing', async () => {
  const p = await page(b, { bypassCSP: true, serviceWorkers: 'block', viewport: { width: 390, height: 844 } });
  await p.goto(srv.url);
  const WANT = {
    zh: { h: /医保支付资格记分/, c: /终止医保支付资格/, bar: /一次性记满 12 分：3 年内不得再次登记备案，至 2029-03-10/, row: /不计入：属于 2027 年/, which: /可能不同/ },
    en: { h: /Payment-qualification points/, c: /payment qualification terminated/, bar: /12 points at once: no new registration for 3 years, until 2029-03-10/, row: /Not counted: belongs to 2027/, which: /may differ/ },
  };
  for (const lang of ['zh', 'en']) {
    await p.evaluate((l) => {
      localStorage.setItem('yibao-credit:lang', l);
      localStorage.setItem('yibao-credit:assess', JSON.stringify({ v: 1, data: { type: 'pharmacist', name: 'Wang Wu', asOf: '2026-12-31' } }));
      localStorage.setItem('yibao-credit:points', JSON.stringify({ v: 1, data: { asOf: '2026-12-31', model: 'national', modelText: null, records: [
        { date: '2026-03-10', points: '12', band: '10-12', act: '', responsibility: 'main', decisionNo: 'No. 3', description: '' },
        { date: '2027-01-01', points: '2', band: '', act: '', responsibility: '', decisionNo: '', description: '' },
      ] } }));
    }, lang);
    await p.reload();
    await p.waitForFunction(() => document.querySelector('#points-total')?.textContent === '12');
    const w = WANT[lang];
    assert.match(await text(p, '#points-h'), w.h);
    assert.match(await text(p, '#points-consequence'), w.c);
    // 12 points at once: no new registration for 3 years from the decision.
    assert.match(await text(p, '#points-bar'), w.bar);
    assert.match(await text(p, '#points-section .points-row >> nth=1'), w.row);
    assert.match(await text(p, '#points-which'), w.which);
    assert.doesNotMatch(await text(p, '#points-section'), /E_[A-Z_]+|\$\.records/, 'no error codes or JSON paths on screen');
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${lang}: the page is ${overflow}px wider than the phone`);
    await p.evaluate(() => document.querySelectorAll('#points-section details').forEach((d) => { d.open = true; }));
    await p.addScriptTag({ content: AXE });
    const r = await p.evaluate(async () => {
      const res = await window.axe.run(document);
      return { passes: res.passes.length, bad: res.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`) };
    });
    assert.ok(r.passes >= 20);
    assert.deepEqual(r.bad, [], lang);
    await p.screenshot({ path: path.join(ARTIFACTS, `points-section-390-${lang}.png`), fullPage: true });
  }
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('the persons\' batch from the batch view, and the JS API gives the command line\'s bytes', async () => {
  const p = await page(b, { bypassCSP: true, serviceWorkers: 'block' });
  const asked = [];
  p.on('request', (r) => asked.push(r.url()));
  await p.goto(`${srv.url}#batch`);
  await p.waitForSelector('#points-batch-open');
  assert.equal(asked.some((u) => u.includes('points-batch.js')), false, 'not loaded before it is opened');
  await p.click('#points-batch-open');
  await p.waitForSelector('#pb-file', { state: 'attached' });
  // The template downloads.
  const [dl] = await Promise.all([p.waitForEvent('download'), p.click('#pb-template')]);
  const tpl = fs.readFileSync(await dl.path(), 'utf8');
  assert.match(tpl, /^\uFEFF姓名,证件号码或人员代码,人员类型,决定日期,记分/);
  // Two persons, records across the year boundary, 12 at once; the file as GBK, as Excel saves it.
  const golden = GOLDEN.find((c) => c.name === 'payment-points-batch-two-persons-year-boundary-twelve-at-once');
  const file = gbk(golden.input.csv);
  await p.setInputFiles('#pb-file', { name: '名单.csv', mimeType: 'text/csv', buffer: file });
  await p.waitForSelector('#pb-counts');
  assert.match(await text(p, '#pb-summary'), /2 人，4 条记录/);
  assert.match(await text(p, '#pb-counts'), /暂停 1 人，终止 1 人/);
  const persons = await text(p, '#pb-persons');
  assert.match(persons, /李四[\s\S]*9 \/ 12 分[\s\S]*最早至 2026-06-20，最迟至 2026-11-20/);
  assert.match(persons, /王五[\s\S]*12 \/ 12 分[\s\S]*不得再次登记备案至 2029-03-10（一次性记满 12 分，3 年）/);
  assert.match(await text(p, '#pb-which'), /可能不同|国家规定/);
  const [res] = await Promise.all([p.waitForEvent('download'), p.click('#pb-download')]);
  assert.match(fs.readFileSync(await res.path(), 'utf8'), /李四,D001,医保医师,2026,9,12,/);

  // The JS API (the tools module in the browser) answers every golden case of the batch and the
  // template with the bytes the command line prints (tests/points_batch.rs checks CLI = native).
  for (const c of GOLDEN.filter((x) => x.command.startsWith('payment-points-'))) {
    const fn = c.command === 'payment-points-batch' ? 'paymentPointsBatch' : 'paymentPointsTemplate';
    const out = await p.evaluate(async ({ fn, input }) => {
      const api = await import('/yibao-credit.js');
      await api.ready();
      return JSON.stringify(api[fn](input));
    }, { fn, input: c.input });
    assert.equal(out, c.output, c.name);
  }
  await p.evaluate(() => document.querySelectorAll('#points-batch details').forEach((d) => { d.open = true; }));
  for (const lang of ['zh', 'en']) {
    if (lang === 'en') {
      await p.click('#lang');
      await p.click('#points-batch-open');
      await p.waitForSelector('#pb-file', { state: 'attached' });
      assert.match(await text(p, '#pb-h'), /Payment-qualification points: a list of persons/);
      assert.match(await text(p, '#pb-summary'), /Results: 2 persons, 4 records/);
    }
    await p.addScriptTag({ content: AXE });
    const r = await p.evaluate(async () => {
      const res = await window.axe.run(document);
      return res.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    });
    assert.deepEqual(r, [], lang);
  }
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('the single-file build (file://) carries the section, its models and the persons\' batch', async () => {
  const FILE = path.join(ROOT, 'dist/yibao-credit-offline.html');
  assert.ok(fs.existsSync(FILE), 'scripts/build.sh wrote dist/yibao-credit-offline.html');
  const p = await openOffline(b);
  const { requests, fileUrl: url } = p;
  await p.selectOption('#subject-type', 'physician');
  await p.waitForSelector('#points-model');
  await p.fill('#points-asof', '2026-12-31');
  await fillRow(p, 0, { date: '2026-02-01', points: 12 });
  await p.waitForFunction(() => document.querySelector('#points-total')?.textContent === '12');
  assert.match(await text(p, '#points-bar'), /至 2029-02-01/);
  await p.selectOption('#points-model', 'example-province');
  await p.waitForFunction(() => /示例/.test(document.querySelector('#points-which')?.textContent));
  await p.goto(`${url}#batch`);
  await p.click('#points-batch-open');
  await p.waitForSelector('#pb-file', { state: 'attached' });
  await p.setInputFiles('#pb-file', { name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from(GOLDEN.find((c) => c.command === 'payment-points-batch').input.csv) });
  await p.waitForSelector('#pb-counts');
  assert.match(await text(p, '#pb-summary'), /2 人/);
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('blob:')), []);
  assert.deepEqual(await p.evaluate(() => window.cspViolations), []);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('a province\'s own rule file: a broken one is refused in plain words, a good one answers and is named', async () => {
  const p = await page(b, { serviceWorkers: 'block' });
  await p.goto(srv.url);
  await p.evaluate(() => {
    localStorage.setItem('yibao-credit:assess', JSON.stringify({ v: 1, data: { type: 'physician', name: '李四', asOf: '2026-12-31' } }));
    localStorage.setItem('yibao-credit:points', JSON.stringify({ v: 1, data: { asOf: '2026-12-31', model: 'national', modelText: null, records: [
      { date: '2026-04-01', points: '9', band: '', act: '', responsibility: '', decisionNo: '', description: '' }] } }));
  });
  await p.reload();
  await p.waitForFunction(() => document.querySelector('#points-total')?.textContent === '9');
  const province = JSON.parse(fs.readFileSync(path.join(ROOT, 'data/points/example-province.json'), 'utf8'));
  // Bands that leave a gap: refused, with the checker's words; the national rules stay.
  const broken = structuredClone(province);
  broken.bands[1].min = 5;
  await p.setInputFiles('#points-file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await p.waitForSelector('#points-model-error');
  assert.match(await text(p, '#points-model-error'), /“broken\.json”未采用：记分档应从 1 分起依次相接/);
  assert.doesNotMatch(await text(p, '#points-model-error'), /E_POINTS|\$\./);
  assert.equal(await p.locator('#points-model').inputValue(), 'national');
  // A province's file (here the example with a title of its own and 9 → 3 months): used, named, kept.
  const own = structuredClone(province);
  own.id = 'our-province'; own.sample = false; own.title = { zh: '某省医保支付资格记分细则', en: 'Our province\'s rules' };
  own.thresholds[1].months = { min: 3, max: 3 };
  await p.setInputFiles('#points-file', { name: 'our.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(own)) });
  await p.waitForFunction(() => /某省医保支付资格记分细则/.test(document.querySelector('#points-which')?.textContent));
  assert.equal(await p.locator('#points-model').inputValue(), 'file');
  assert.match(await text(p, '#points-which'), /载入的文件/);
  assert.match(await text(p, '#points-suspension'), /自 2026-04-01 起暂停 3 个月，至 2026-07-01/);
  await p.reload();
  await p.waitForFunction(() => /某省医保支付资格记分细则/.test(document.querySelector('#points-which')?.textContent));
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
