// A pharmacy's whole self-assessment in headless Chromium: answer, see the grade once every
// indicator is answered, add an event, load a broken rule set and see the error (old rules stay),
// reload and find the answers again, print the one-page report; another subject type or rule file
// keeps each one's answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, page, ARTIFACTS, ROOT, pdfPageCount } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

const ANSWERS = { '10101': 'yes', '10102': 'yes', '10201': 'yes', '10202': 'no', '20102': 'yes', '20103': 'yes' };
/** The counts not answered above: none of these happened. */
const NONE = ['30101', '30103', '30201', '30202', '30203', '30204', '30205', '30301', '30401'];

test('a retail pharmacy fills its self-assessment and gets its grade', async () => {
  const p = await page(b);
  await p.goto(srv.url);
  await p.waitForSelector('#headline');
  assert.equal(await p.locator('#subject-type').inputValue(), 'retail-pharmacy');
  await p.fill('#subject-name', '汕尾市城区某某大药房');
  await p.fill('#subject-code', '91110000600037341N');
  await p.waitForFunction(() => /应为“L”/.test(document.querySelector('.code-msg').textContent));
  // The score and grade follow every keystroke; the rest of the result the next frame.
  await p.waitForFunction(() => /未通过校验/.test(document.querySelector('.warnings')?.textContent));
  await p.fill('#subject-code', '91110000600037341L');
  await p.waitForFunction(() => !/未通过校验/.test(document.querySelector('#result').textContent));
  for (const [code, v] of Object.entries(ANSWERS)) await p.selectOption(`#fact-${code}`, v);
  await p.selectOption('#fact-20101', 'good');
  await p.fill('#fact-20201', '1');
  await p.fill('#fact-30102', '1');
  // Nine of eighteen answered: no score or grade yet, what is still possible instead.
  await p.waitForFunction(() => document.querySelector('#progress')?.textContent === '已填写 9 / 18 项');
  assert.equal(await p.locator('#score').count(), 0);
  for (const code of NONE) await p.fill(`#fact-${code}`, '0');
  // 1000 − 20 (10202 否) − 30 (良好) − 25 (one award short) − 50 (one fine) = 875 → A.
  await p.waitForFunction(() => document.querySelector('#score')?.textContent === '875');
  assert.match(await p.locator('#grade').textContent(), /A\s*信用优秀/);
  await p.waitForFunction(() => /容缺受理/.test(document.querySelector('.measures')?.textContent));

  // An agreement suspension and a talk in the period, listed (their counts, 0, are the ones not
  // listed): 875 − 30 − 20 = 825 → B, and it is announced.
  for (const [kind, date] of [['agreement-suspend-settlement', '2026-03-02'], ['agreement-talk', '2026-05-06']]) {
    await p.click('#add-event');
    const row = p.locator('.event-row').last();
    await row.locator('select').selectOption(kind);
    await row.locator('input[type=date]').fill(date);
  }
  await p.waitForFunction(() => document.querySelector('#score').textContent === '825');
  assert.match(await p.locator('#grade').textContent(), /B\s*信用良好/);
  assert.match(await p.locator('#grade-live').textContent(), /等级变为 B/);
  await p.waitForFunction(() => /距 A 级（信用优秀）还差 25 分/.test(document.querySelector('.next h3')?.textContent));
  await p.screenshot({ path: path.join(ARTIFACTS, 'assess-pharmacy.png'), fullPage: true });

  // Print: one A4 page with the report and the rule-set hash.
  const pdf = await p.pdf({ format: 'A4', printBackground: true });
  fs.writeFileSync(path.join(ARTIFACTS, 'assess-report.pdf'), pdf);
  assert.equal(pdfPageCount(pdf), 1, 'the report fits one page');
  await p.emulateMedia({ media: 'print' });
  const reportText = await p.locator('#report').innerText();
  assert.match(reportText, /医疗保障信用自评报告/);
  assert.match(reportText, /汕尾市城区某某大药房/);
  assert.match(reportText, /825 \/ 1000/);
  const hash = await p.evaluate(() => document.querySelector('.hash code').textContent);
  assert.match(hash, /^[0-9a-f]{64}$/);
  assert.ok(reportText.includes(hash), 'the printed report carries the rule-set hash');
  assert.equal(await p.locator('.top').isVisible(), false, 'no page chrome in print');
  await p.emulateMedia({ media: 'screen' });

  // Reload: everything typed is still there.
  await p.reload();
  await p.waitForSelector('#grade');
  assert.equal(await p.locator('#subject-name').inputValue(), '汕尾市城区某某大药房');
  assert.equal(await p.locator('#score').textContent(), '825');
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('a code typed before the tools module has loaded is checked once it has, in Chinese and English', async () => {
  for (const [lang, wrong] of [['zh', /应为“L”/], ['en', /give "L", found "N"/]]) {
    const p = await page(b, { serviceWorkers: 'block' }); // so the module's request reaches the route
    let release;
    const held = new Promise((r) => { release = r; });
    await p.route(/\/pkg\/yibao_tools(_bg)?\.(js|wasm)(\?.*)?$/, async (route) => { await held; await route.continue(); });
    await p.goto(srv.url);
    await p.waitForSelector('#headline');
    if (lang === 'en') {
      await p.click('#lang');
      await p.waitForFunction(() => document.documentElement.lang === 'en');
    }
    await p.fill('#subject-code', '91110000600037341N');
    // Nothing yet (no error either): the check waits for its module.
    await p.waitForTimeout(300);
    assert.equal((await p.locator('.code-msg').textContent()).trim(), '');
    release();
    await p.waitForFunction(() => document.querySelector('.code-msg').dataset.state !== undefined);
    const msg = await p.locator('.code-msg').textContent();
    assert.match(msg, wrong);
    assert.doesNotMatch(msg, /function|undefined|TypeError|E_[A-Z]/);
    assert.deepEqual(p.errors, []);
    await p.context().close();
  }
});

test('a broken rule file is refused with its errors and the old rules stay in force', async () => {
  const p = await page(b);
  await p.goto(srv.url);
  await p.waitForSelector('#headline');
  const before = await p.locator('#headline').textContent();
  const rules = JSON.parse(fs.readFileSync(path.join(ROOT, 'www/rules/retail-pharmacy.json'), 'utf8'));
  rules.indicators[2].points = 31;
  rules.bands[1].min = 900;
  await p.setInputFiles('#rules-file', { name: 'broken-rules.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(rules)) });
  await p.waitForSelector('#rules-errors');
  const msg = await p.locator('#rules-errors').textContent();
  assert.match(msg, /有误，未采用，仍使用原指标/);
  assert.match(msg, /\$\.indicators\[1\]\.points/);
  assert.match(msg, /\$\.bands\[1\]\.min/);
  assert.equal(await p.locator('#headline').textContent(), before);
  assert.match(await p.locator('.rules-title').textContent(), /定点零售药店医疗保障信用评价指标（示例）/);
  await p.screenshot({ path: path.join(ARTIFACTS, 'assess-broken-rules.png') });

  // Not JSON at all.
  await p.setInputFiles('#rules-file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('这不是指标文件') });
  await p.waitForFunction(() => /JSON/.test(document.querySelector('#rules-errors').textContent));

  // A good custom rule set is taken, and named on the page.
  const good = JSON.parse(fs.readFileSync(path.join(ROOT, 'www/rules/retail-pharmacy.json'), 'utf8'));
  good.id = 'county-pharmacy-2026'; good.sample = false; good.title = { zh: '某县定点零售药店信用评价指标（2026）', en: 'County pharmacy indicators' };
  await p.setInputFiles('#rules-file', { name: 'county.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
  await p.waitForFunction(() => /某县定点零售药店/.test(document.querySelector('.rules-title').textContent));
  assert.match(await p.locator('.hash').first().textContent(), /county-pharmacy-2026/);
  await p.click('#rules-reset');
  await p.waitForFunction(() => /示例/.test(document.querySelector('.rules-title').textContent));
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('the page switches to English, loads another subject type\'s rules, and makes no request outside its origin', async () => {
  const p = await page(b, { serviceWorkers: 'block' }); // so the rule file's request reaches the route
  const outside = [];
  p.on('request', (r) => { if (!r.url().startsWith(srv.url) && !r.url().startsWith('data:')) outside.push(r.url()); });
  await p.goto(srv.url);
  await p.waitForSelector('#headline');
  await p.click('#lang');
  await p.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await p.locator('h1').first().textContent(), /self-assessment/);
  // Another subject type: its rule set is fetched first; meanwhile the form stays, the result says
  // so and shows no headline.
  let release;
  const held = new Promise((r) => { release = r; });
  await p.route(/\/rules\/practitioner\.plan\.json$/, async (route) => { await held; await route.continue(); });
  await p.selectOption('#subject-type', 'physician');
  await p.waitForSelector('#result [role=status]');
  assert.equal(await p.locator('#result [role=status]').textContent(), 'Loading…');
  assert.equal(await p.locator('#headline').count(), 0);
  assert.equal(await p.locator('#subject-type').inputValue(), 'physician');
  release();
  await p.waitForFunction(() => document.querySelector('#progress')?.textContent === '0 of 7 answered');
  assert.equal(await p.locator('#fact-10101').count(), 1, 'the physician indicators are drawn');
  assert.deepEqual(outside, []);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('each subject type and rule file keeps its own answers and events: switching discards nothing, so asks nothing', async () => {
  const p = await page(b, { serviceWorkers: 'block' });
  let asked = 0;
  p.on('dialog', (d) => { asked += 1; d.dismiss(); });
  await p.goto(srv.url);
  await p.waitForSelector('#headline');
  await p.fill('#subject-name', '某某大药房');
  await p.selectOption('#fact-10101', 'yes');
  await p.fill('#fact-30102', '2');
  await p.click('#add-event');
  await p.locator('.event-row select').selectOption('agreement-talk');
  await p.locator('.event-row input[type=date]').fill('2026-05-06');
  // 10101, 30102, and 30201 answered by the event listed.
  await p.waitForFunction(() => document.querySelector('#progress')?.textContent === '已填写 3 / 18 项');
  const pharmacy = async () => {
    assert.equal(await p.locator('#fact-10101').inputValue(), 'yes');
    assert.equal(await p.locator('#fact-30102').inputValue(), '2');
    assert.equal(await p.locator('.event-row select').inputValue(), 'agreement-talk');
    assert.equal(await p.locator('.event-row input[type=date]').inputValue(), '2026-05-06');
    await p.waitForFunction(() => document.querySelector('#progress')?.textContent === '已填写 3 / 18 项');
  };

  // Another type: an empty form of its own; the pharmacy's answers are kept, and the page says so.
  await p.selectOption('#subject-type', 'physician');
  await p.waitForSelector('#fact-10101[type=number]');
  assert.equal(await p.locator('#switch-note').textContent(), '“定点零售药店”的 2 项回答和 1 条事件已保留，换回即可恢复。');
  assert.equal(await p.locator('#subject-type').getAttribute('aria-describedby'), 'switch-note');
  assert.equal(await p.locator('#fact-10101').inputValue(), '');
  assert.equal(await p.locator('.event-row').count(), 0);
  assert.equal(await p.locator('#subject-name').inputValue(), '某某大药房', 'the subject stays');
  await p.fill('#fact-10101', '1');
  await p.waitForFunction(() => !document.querySelector('#switch-note'), null, { timeout: 2000 });
  // And back: the pharmacy's answers and event, the physician's kept in turn.
  await p.selectOption('#subject-type', 'retail-pharmacy');
  await p.waitForSelector('#fact-10101:not([type=number])');
  assert.equal(await p.locator('#switch-note').textContent(), '“医保医师”的 1 项回答已保留，换回即可恢复。已恢复此前为“定点零售药店”填写的 2 项回答和 1 条事件。');
  await pharmacy();

  // Both are saved: after a reload each type has its own.
  await p.reload();
  await p.waitForSelector('#headline');
  await pharmacy();
  await p.selectOption('#subject-type', 'physician');
  await p.waitForSelector('#fact-10101[type=number]');
  assert.equal(await p.locator('#fact-10101').inputValue(), '1');
  await p.selectOption('#subject-type', 'retail-pharmacy');
  await p.waitForSelector('#fact-10101:not([type=number])');
  await pharmacy();

  // A rule file has its own answers too; going back to the built-in rules brings theirs back.
  const county = JSON.parse(fs.readFileSync(path.join(ROOT, 'www/rules/retail-pharmacy.json'), 'utf8'));
  county.id = 'county-pharmacy-2026'; county.sample = false; county.title = { zh: '某县定点零售药店信用评价指标（2026）', en: 'County pharmacy indicators' };
  await p.setInputFiles('#rules-file', { name: 'county.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(county)) });
  await p.waitForFunction(() => /某县定点零售药店/.test(document.querySelector('.rules-title').textContent));
  assert.equal(await p.locator('#switch-note').textContent(), '“定点零售药店”（内置指标）的 2 项回答和 1 条事件已保留，换回即可恢复。');
  assert.equal(await p.locator('#fact-10101').inputValue(), '');
  await p.selectOption('#fact-10102', 'yes');
  await p.click('#rules-reset');
  await p.waitForFunction(() => /示例/.test(document.querySelector('.rules-title').textContent));
  assert.equal(await p.locator('#switch-note').textContent(), '“定点零售药店”（载入的指标文件）的 1 项回答已保留，换回即可恢复。已恢复此前为“定点零售药店”（内置指标）填写的 2 项回答和 1 条事件。');
  await pharmacy();
  // Loading the same file again brings its answers back.
  await p.setInputFiles('#rules-file', { name: 'county.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(county)) });
  await p.waitForFunction(() => /某县定点零售药店/.test(document.querySelector('.rules-title').textContent));
  assert.equal(await p.locator('#fact-10102').inputValue(), 'yes');
  await p.click('#rules-reset');
  await p.waitForFunction(() => /示例/.test(document.querySelector('.rules-title').textContent));

  // In English.
  await p.click('#lang');
  await p.waitForFunction(() => document.documentElement.lang === 'en');
  await p.selectOption('#subject-type', 'physician');
  await p.waitForSelector('#fact-10101[type=number]');
  assert.equal(await p.locator('#switch-note').textContent(),
    'Kept for "Designated retail pharmacy": 2 answers and 1 event (switch back to see them again). Back for "Medical-insurance physician": the 1 answer given earlier.');
  assert.equal(asked, 0, 'nothing was discarded, so nothing was asked');
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
