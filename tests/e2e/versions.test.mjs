// Several versions of a bureau's indicator list (issue 17, point 5), in headless Chromium, in
// Chinese and English: two versions with different effective dates loaded in the self-assessment,
// the as-of date moved across the boundary (the version that applies, said; the score changes; the
// answers stay), none in force (said, no verdict), a reload (both versions and the answers still
// there), a version removed; the batch picks by its as-of date. axe-core on the views with them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, page, ROOT } from './harness.mjs';

const SHOTS = '/tmp/shots-versions';
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
let srv, b;
before(async () => { srv = await serve(); b = await browser(); fs.mkdirSync(SHOTS, { recursive: true }); });
after(async () => { await b.close(); await srv.close(); });

/** The county's list in two versions: 2025.1 (2025-01-01 to 2026-06-30), 2026.2 (from 2026-07-01: 30101 deducts 50 a time, not 25). */
function versions() {
  const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'www/rules/retail-pharmacy.json'), 'utf8'));
  Object.assign(base, { id: 'county-pharmacy', sample: false, title: { zh: '某县定点零售药店信用评价指标', en: 'County pharmacy indicators' } });
  const v1 = { ...structuredClone(base), version: '2025.1', effectiveFrom: '2025-01-01', effectiveTo: '2026-06-30' };
  const v2 = { ...structuredClone(base), version: '2026.2', effectiveFrom: '2026-07-01' };
  delete v2.effectiveTo;
  v2.indicators.find((n) => n.code === '30101').scoring.per = 50;
  return [v1, v2];
}
const file = (name, doc) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });

/** Every indicator answered: all yes, 优秀, no award, one warning (30101), no other deduction. */
async function answer(p) {
  for (const c of ['10101', '10102', '10201', '10202', '20102', '20103']) await p.selectOption(`#fact-${c}`, 'yes');
  await p.selectOption('#fact-20101', 'excellent');
  for (const c of ['20201', '30102', '30103', '30201', '30202', '30203', '30204', '30205', '30301', '30401']) await p.fill(`#fact-${c}`, '0');
  await p.fill('#fact-30101', '1');
}

async function axe(p) {
  await p.addScriptTag({ content: AXE });
  return p.evaluate(async () => {
    const res = await window.axe.run(document);
    return res.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

const score = (p) => p.locator('#score').innerText();

test('two versions in the self-assessment: the one in force on the as-of date, said; answers kept across the switch and a reload (Chinese)', async () => {
  const p = await page(b, { bypassCSP: true, serviceWorkers: 'block' });
  await p.goto(srv.url);
  await p.waitForSelector('#rules-file', { state: 'attached' });
  const [v1, v2] = versions();
  await p.fill('#as-of', '2026-12-02');
  // Both files at once.
  await p.setInputFiles('#rules-file', [file('county-2025.json', v1), file('county-2026.json', v2)]);
  await p.waitForSelector('#rules-in-force');
  assert.equal(await p.locator('#rules-in-force').innerText(), '按评价基准日 2026-12-02，适用 2026.2 版（2026-07-01 起施行）；另已载入 2025.1 版（2025-01-01 至 2026-06-30）');
  assert.equal(await p.locator('#rules-versions li').count(), 2);
  await answer(p);
  await p.waitForSelector('#score');
  assert.equal(await score(p), '900'); // 1000 − 50 (no award) − 50 (one warning under 2026.2)
  assert.match(await p.locator('#result .hash').innerText(), /county-pharmacy v2026\.2/);
  await p.screenshot({ path: path.join(SHOTS, 'assess-versions-zh.png'), fullPage: true });
  await p.locator('.card.rules').screenshot({ path: path.join(SHOTS, 'assess-versions-zh-card.png') });

  // Across the boundary: 2025.1 applies, the same answers give 925.
  await p.fill('#as-of', '2026-06-30');
  await p.waitForFunction(() => /适用 2025\.1 版/.test(document.querySelector('#rules-in-force').textContent));
  assert.equal(await p.locator('#rules-in-force').innerText(), '按评价基准日 2026-06-30，适用 2025.1 版（2025-01-01 至 2026-06-30）；另已载入 2026.2 版（2026-07-01 起施行）');
  await p.waitForFunction(() => document.querySelector('#score')?.textContent === '925');
  assert.equal(await p.inputValue('#fact-30101'), '1');
  assert.equal(await p.inputValue('#fact-20101'), 'excellent');
  assert.match(await p.locator('#result .hash').innerText(), /county-pharmacy v2025\.1/);
  assert.equal(await p.evaluate(() => document.activeElement && document.activeElement.id), 'as-of', 'the date field keeps the focus: the switch is in place');

  // None in force: said in words, no score, no grade.
  await p.fill('#as-of', '2024-12-31');
  await p.waitForSelector('#eval-error');
  assert.match(await p.locator('#eval-error').innerText(), /评价基准日 2024-12-31 不在已载入的任何一版指标的施行期内（2025\.1 版（2025-01-01 至 2026-06-30）、2026\.2 版（2026-07-01 起施行））/);
  assert.equal(await p.locator('#score').count(), 0);
  assert.equal(await p.locator('#grade').count(), 0);
  assert.equal(await p.inputValue('#fact-30101'), '1', 'the answers stay');
  assert.deepEqual(await axe(p), []);

  // Back in force, then a reload: both versions, the answers, the score.
  await p.fill('#as-of', '2026-06-30');
  await p.waitForFunction(() => document.querySelector('#score')?.textContent === '925');
  await p.waitForFunction(() => (localStorage.getItem('yibao-credit:assess') || '').includes('2026.2'));
  await p.reload();
  await p.waitForSelector('#rules-in-force');
  assert.equal(await p.locator('#rules-versions li').count(), 2);
  assert.match(await p.locator('#rules-in-force').innerText(), /适用 2025\.1 版/);
  assert.equal(await score(p), '925');
  assert.equal(await p.inputValue('#fact-30101'), '1');
  assert.deepEqual(await axe(p), []);

  // Removing a version: the other alone, the answers still there.
  await p.fill('#as-of', '2026-12-02');
  await p.waitForFunction(() => document.querySelector('#score')?.textContent === '900');
  await p.getByRole('button', { name: '移除 2025.1 版' }).click();
  await p.waitForFunction(() => !document.querySelector('#rules-versions'));
  assert.equal(await score(p), '900');
  assert.equal(await p.inputValue('#fact-30101'), '1');
  assert.doesNotMatch(await p.locator('main').innerText(), /[EW]_[A-Z_]+|\$\./, 'words only');
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('a version added to the one loaded; the page in English and at 390 px', async () => {
  const p = await page(b, { bypassCSP: true, serviceWorkers: 'block', viewport: { width: 390, height: 844 } });
  await p.goto(srv.url);
  await p.evaluate(() => localStorage.setItem('yibao-credit:lang', 'en'));
  await p.reload();
  await p.waitForSelector('#rules-file', { state: 'attached' });
  const [v1, v2] = versions();
  await p.fill('#as-of', '2026-12-02');
  await p.setInputFiles('#rules-file', file('county-2025.json', v1));
  await p.waitForSelector('#rules-add', { state: 'attached' });
  await answer(p);
  // 2025.1 alone is not in force on 2026-12-02: the core says so (one rule set, as before).
  await p.setInputFiles('#rules-add', file('county-2026.json', v2));
  await p.waitForSelector('#rules-in-force');
  assert.equal(await p.locator('#rules-in-force').innerText(), 'As of 2026-12-02, version 2026.2 (in force from 2026-07-01) applies; also loaded: version 2025.1 (2025-01-01 to 2026-06-30)');
  await p.waitForFunction(() => document.querySelector('#score')?.textContent === '900');
  assert.equal(await p.inputValue('#fact-30101'), '1', 'the answers given under the first version stay');
  await p.fill('#as-of', '2026-01-15');
  await p.waitForFunction(() => document.querySelector('#score')?.textContent === '925');
  assert.match(await p.locator('#rules-in-force').innerText(), /^As of 2026-01-15, version 2025\.1 \(2025-01-01 to 2026-06-30\) applies/);
  await p.fill('#as-of', '2024-06-01');
  await p.waitForSelector('#eval-error');
  assert.match(await p.locator('#eval-error').innerText(), /^None of the loaded versions of the rules is in force on 2024-06-01/);
  await p.screenshot({ path: path.join(SHOTS, 'assess-versions-en-390.png'), fullPage: true });
  await p.locator('.card.rules').screenshot({ path: path.join(SHOTS, 'assess-versions-en-390-card.png') });
  await p.locator('#result').screenshot({ path: path.join(SHOTS, 'assess-versions-en-390-none.png') });
  assert.deepEqual(await axe(p), []);
  // The same version again is not loaded twice; another rule set's file is refused.
  await p.setInputFiles('#rules-add', file('again.json', v2));
  await p.waitForFunction(() => !document.querySelector('#rules-errors'));
  assert.equal(await p.locator('#rules-versions li').count(), 2);
  await p.setInputFiles('#rules-add', file('other.json', { ...v2, id: 'another-list', version: '9' }));
  await p.waitForSelector('#rules-errors');
  assert.match(await p.locator('#rules-errors').innerText(), /not versions of one rule set \(rule-set ids: county-pharmacy, another-list\)/);
  assert.equal(await p.locator('#rules-versions li').count(), 2);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

for (const lang of ['zh', 'en']) {
test(`the batch uses the version in force on its as-of date and says which (the versions loaded in the self-assessment; ${lang})`, async () => {
  const en = lang === 'en';
  const p = await page(b, { acceptDownloads: true, bypassCSP: true, serviceWorkers: 'block' });
  await p.addInitScript((l) => localStorage.setItem('yibao-credit:lang', l), lang);
  await p.goto(srv.url);
  await p.waitForSelector('#rules-file', { state: 'attached' });
  // One file holding both versions.
  await p.setInputFiles('#rules-file', file('county-versions.json', versions()));
  await p.waitForSelector('#rules-in-force');
  await p.waitForFunction(() => (localStorage.getItem('yibao-credit:assess') || '').includes('2026.2'));
  await p.goto(`${srv.url}#batch`);
  await p.reload();
  await p.waitForSelector('#bt-template');
  assert.match(await p.locator('#bt-custom').innerText(), en ? /2 versions, the one in force on the as-of date is used/ : /2 个版本，按评价基准日选用/);
  const asOf = p.locator('.bt-form input[type=date]');
  await asOf.fill('2026-06-30');
  await asOf.dispatchEvent('change');
  assert.match(await p.locator('#bt-in-force').innerText(), en ? /^As of 2026-06-30, version 2025\.1 \(2025-01-01 to 2026-06-30\) applies/ : /^按评价基准日 2026-06-30，适用 2025\.1 版/);
  // The template: the version in force.
  const [dl] = await Promise.all([p.waitForEvent('download'), p.click('#bt-template')]);
  assert.equal(dl.suggestedFilename(), '批量评价模板-county-pharmacy-2025.1.csv');
  const header = fs.readFileSync(await dl.path(), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
  const vals = { 10101: '是', 10102: '是', 10201: '是', 10202: '是', 20101: '优秀', 20102: '是', 20103: '是', 30101: '1' };
  const row = header.map((hd, i) => (i === 0 ? '甲药房' : i === 1 ? '91110000600037341L' : i === 2 ? 'retail-pharmacy' : vals[(hd.match(/^(\d{5}) /) || [])[1]] ?? (/（是\/否）$/.test(hd) ? '否' : ''))).join(',');
  const csv = Buffer.from(`\uFEFF${header.join(',')}\r\n${row}\r\n`, 'utf8');
  const run = async (date, version, points) => {
    await asOf.fill(date);
    await asOf.dispatchEvent('change');
    await p.setInputFiles('#bt-file', { name: '县名单.csv', mimeType: 'text/csv', buffer: csv });
    await p.waitForFunction(([d, v, e]) => (document.querySelector('#bt-version')?.textContent || '').startsWith(e ? `As of ${d}, version ${v} ` : `按评价基准日 ${d}，适用 ${v} 版`), [date, version, en]);
    assert.match(await p.locator('.view-batch').innerText(), new RegExp(`county-pharmacy ${version.replace('.', '\\.')}`));
    const [res] = await Promise.all([p.waitForEvent('download'), p.click('#bt-download')]);
    const out = fs.readFileSync(await res.path(), 'utf8').trim().split(/\r\n/);
    assert.match(out[1], new RegExp(`,${points},[A-E],.*,county-pharmacy,${version.replace('.', '\\.')},[0-9a-f]{64}$`), out[1]);
  };
  await run('2026-06-30', '2025.1', 925);
  await run('2026-12-02', '2026.2', 900);
  await p.screenshot({ path: path.join(SHOTS, `batch-versions-${lang}.png`), fullPage: true });
  assert.deepEqual(await axe(p), []);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
}

test('versions saved with no as-of date: the list appears once a date is given', async () => {
  const p = await page(b, { serviceWorkers: 'block' });
  await p.goto(srv.url);
  await p.evaluate((text) => localStorage.setItem('yibao-credit:assess', JSON.stringify({ v: 1, data: { type: 'retail-pharmacy', asOf: '', facts: {}, events: [], customRules: text } })), JSON.stringify(versions()));
  await p.reload();
  await p.waitForSelector('#rules-versions');
  assert.equal(await p.locator('#rules-versions li').count(), 0);
  assert.ok(await p.locator('#eval-error').count(), 'the result says the date is missing');
  await p.fill('#as-of', '2026-03-01');
  await p.waitForFunction(() => document.querySelectorAll('#rules-versions li').length === 2);
  assert.match(await p.locator('#rules-in-force').innerText(), /^按评价基准日 2026-03-01，适用 2025\.1 版/);
  assert.match(await p.locator('#result .hash').innerText(), /county-pharmacy v2025\.1/);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('several versions loaded: the repair check still offers the self-assessment\'s events by their names', async () => {
  const p = await page(b, { serviceWorkers: 'block' });
  await p.goto(srv.url);
  const events = [{ kind: 'penalty-warning', date: '2026-02-10', description: '未按规定公示' }, { kind: 'award', date: '2026-01-05' }];
  await p.evaluate(({ text, events }) => localStorage.setItem('yibao-credit:assess', JSON.stringify({ v: 1, data: { type: 'retail-pharmacy', name: '某药房', asOf: '2026-03-01', facts: {}, events, customRules: text } })), { text: JSON.stringify(versions()), events });
  await p.goto(`${srv.url}#repair`);
  await p.waitForSelector('#rp-from-event');
  const options = await p.locator('#rp-from-event option').allInnerTexts();
  assert.equal(options.length, 2, options.join(' | '));
  assert.ok(options.some((o) => o.includes('2026-02-10') && o.includes('警告') && o.includes('未按规定公示')), options.join(' | '));
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
