// Issue 15 points 5–9 on the page, in Chinese and in English (headless Chromium):
// - 5: the repair check offers every subject type of 第五条, 其他机构 and 其他个人 too, and answers;
// - 6: beside a person's number, a select of the identity documents of 第八条 and 第十三条; a passport
//   number is never refused as "not a digit", on the repair check or on the forms (附件3 names the
//   document before the number); only the 居民身份证 is checked by GB 11643;
// - 7: before Order 58 the 527 notice's minimum applies, and the page says why;
// - 8: the repair timeline goes on past the publicity: 附件6, the record no longer published, the report;
// - 9: an institution's self-assessment lists the publication of its grade among the measures.
// axe finds no violations on the repair view with a person's document select showing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, page, ROOT, ARTIFACTS } from './harness.mjs';

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

const T = {
  zh: {
    types: ['定点零售药店', '定点医疗机构', '其他机构', '医保医师', '医保药师', '参保人员', '其他个人'],
    passport: '出入境证件（护照等）',
    wrong: '有误',
    docHint: '证件类型',
    why: ['申请日2023年3月21日', '527号', '2023年5月1日起施行'],
    steps: { 'repair-notice': '附件6', 'record-unpublished': '停止公示其失信记录', reported: '报送同级信用管理部门' },
    published: '信用等级由市级医疗保障部门在官网动态发布（无论何等级）',
  },
  en: {
    types: ['Designated retail pharmacy', 'Designated medical institution', 'Other institution', 'Medical-insurance physician', 'Medical-insurance pharmacist', 'Insured person', 'Other person'],
    passport: 'Exit-entry document (passport etc.)',
    wrong: 'fails its check',
    docHint: 'document type',
    why: ['2023-03-21', '527', '2023-05-01'],
    steps: { 'repair-notice': 'Form 6', 'record-unpublished': 'no longer published', reported: 'credit authority at the same level' },
    published: 'whatever the grade',
  },
};

async function open(lang, hash, init = {}) {
  const p = await page(b, { serviceWorkers: 'block', bypassCSP: true });
  await p.goto(srv.url);
  await p.evaluate(([l, data]) => {
    localStorage.clear();
    localStorage.setItem('yibao-credit:lang', l);
    for (const [k, v] of Object.entries(data)) localStorage.setItem(`yibao-credit:${k}`, JSON.stringify({ v: 1, data: v }));
  }, [lang, init]);
  await p.goto(`${srv.url}#${hash}`);
  await p.reload();
  return p;
}

for (const lang of ['zh', 'en']) {
  const L = T[lang];

  test(`the repair check for 其他个人 with a passport, before Order 58, to the end of the timeline (${lang})`, async () => {
    const p = await open(lang, 'repair');
    await p.waitForSelector('#rp-verdict');
    // 第五条: every subject type is offered.
    const offered = await p.locator('#rp-type option').allTextContents();
    assert.deepEqual(offered, L.types);
    // An institution has no document choice (第八条: 统一社会信用代码).
    assert.equal(await p.locator('#rp-doc-type').count(), 0);
    await p.selectOption('#rp-type', 'other-person');
    await p.waitForSelector('#rp-doc-type');
    assert.equal(await p.locator('#rp-doc-type').inputValue(), 'resident-id', '居民身份证 by default');
    await p.selectOption('#rp-doc-type', 'passport');
    await p.fill('#rp-name', 'John Smith');
    await p.fill('#rp-code', 'E12345678');
    await p.selectOption('#rp-kind', 'admin-penalty');
    await p.selectOption('#rp-severity', 'general');
    await p.fill('#rp-decision-date', '2022-12-20');
    await p.fill('#rp-publication-date', '2022-12-21');
    await p.fill('#rp-app-date', '2023-03-21');
    for (const k of ['corrected', 'obligationsPerformed', 'effectEliminated', 'pledgeSigned', 'proofAttached']) await p.check(`#rp-done-${k}`);
    // 第二十九条's conditions met, the 527 notice's 3 months run (2022-12-20 → 2023-03-20): eligible.
    await p.waitForFunction(() => document.querySelector('#rp-verdict')?.dataset.verdict === 'eligible');
    const result = await p.locator('#rp-result').innerText();
    assert.ok(!result.includes(L.wrong), `a passport number is not refused: ${result}`);
    const why = await p.locator('#rp-national-why').innerText();
    for (const w of L.why) assert.ok(why.includes(w), `${w} in ${why}`);
    // 第三十条: after the decision, 附件6, the record no longer published, the report.
    for (const [id, text] of Object.entries(L.steps)) {
      const s = await p.locator(`[data-step=${id}]`).innerText();
      assert.ok(s.includes(text), `${id}: ${s}`);
    }
    // A wrong 居民身份证 number is told (GB 11643 check character).
    await p.selectOption('#rp-doc-type', 'resident-id');
    await p.fill('#rp-code', '36042619910102009X');
    await p.waitForFunction((w) => document.querySelector('#rp-result').innerText.includes(w), L.wrong);
    await p.selectOption('#rp-doc-type', 'passport');
    await p.fill('#rp-code', 'E12345678');
    await p.waitForFunction((w) => !document.querySelector('#rp-result').innerText.includes(w), L.wrong);
    // Kept on reload.
    await p.reload();
    await p.waitForSelector('#rp-doc-type');
    assert.equal(await p.locator('#rp-doc-type').inputValue(), 'passport');
    assert.equal(await p.locator('#rp-code').inputValue(), 'E12345678');
    await p.screenshot({ path: path.join(ARTIFACTS, `law-subjects-repair-${lang}.png`), fullPage: true });
    // axe, with the document select showing; and on a phone's width.
    for (const width of [1280, 390]) {
      await p.setViewportSize({ width, height: 844 });
      await p.addScriptTag({ content: AXE });
      const bad = await p.evaluate(async () => (await window.axe.run(document)).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`));
      assert.deepEqual(bad, [], `axe at ${width}px`);
    }
    assert.ok(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scroll at 390 px');
    assert.deepEqual(p.errors, []);
    await p.context().close();
  });

  test(`附件3 for a person with a passport: the document named before the number, no error (${lang})`, async () => {
    const repair = {
      subject: { type: 'other-person', name: 'John Smith', code: 'E12345678', documentType: 'passport', contact: '13800138000' },
      record: { kind: 'admin-penalty', severity: 'general', decisionDate: '2025-03-15', publicationDate: '2025-03-20', department: '汕尾市医疗保障局', decisionNo: '汕医保罚〔2025〕3号', act: '串换药品', penalty: '罚款5000元' },
      applicationDate: '2026-05-20',
    };
    const p = await open(lang, 'forms', { repair, forms: { form: 3, typed: {}, base: {}, eligible: true } });
    await p.waitForSelector('#fm-preview .fm-sheet');
    const cell = await p.locator('#fm-preview tr', { hasText: '统一社会信用代码' }).innerText();
    assert.ok(cell.includes('（自然人填写身份证号）'), `the template's instruction is kept: ${cell}`);
    assert.ok(cell.replace(/\s+/g, '').includes('出入境证件（护照等）：E12345678'), cell);
    assert.equal((await p.locator('#fm-e-code').innerText()).trim(), '');
    assert.equal(await p.locator('#fm-b-subject-documentType').inputValue(), 'passport');
    // As a 居民身份证 the same number is wrong, and the message says to choose the document type.
    await p.locator('#fm-base summary').click();
    await p.selectOption('#fm-b-subject-documentType', 'resident-id');
    await p.waitForFunction(() => document.querySelector('#fm-e-code').innerText.trim() !== '');
    assert.ok((await p.locator('#fm-e-code').innerText()).includes(L.docHint));
    await p.selectOption('#fm-b-subject-documentType', 'passport');
    await p.waitForFunction(() => document.querySelector('#fm-e-code').innerText.trim() === '');
    const opts = await p.locator('#fm-b-subject-documentType option').allTextContents();
    assert.ok(opts.includes(L.passport), opts.join(' | '));
    await p.screenshot({ path: path.join(ARTIFACTS, `law-subjects-form3-${lang}.png`), fullPage: true });
    await p.setViewportSize({ width: 390, height: 844 });
    await p.waitForTimeout(100);
    assert.ok(await p.evaluate(() => document.querySelector('.fm-editor').scrollWidth <= document.querySelector('.fm-editor').clientWidth + 1), 'the editor fits 390 px');
    assert.deepEqual(p.errors, []);
    await p.context().close();
  });

  test(`an institution's self-assessment lists the publication of its grade (第二十三条（一）) (${lang})`, async () => {
    const p = await open(lang, 'assess');
    await p.waitForSelector('#headline');
    await p.fill('#as-of', '2026-11-23');
    const PHARMACY = { 10101: 'yes', 10102: 'yes', 10201: 'yes', 10202: 'no', 20101: 'good', 20102: 'yes', 20103: 'yes' };
    const COUNTS = { 20201: '1', 30101: '0', 30102: '1', 30103: '0', 30201: '0', 30202: '0', 30203: '0', 30204: '0', 30205: '0', 30301: '0', 30401: '0' };
    for (const [code, v] of Object.entries(PHARMACY)) await p.selectOption(`#fact-${code}`, v);
    for (const [code, v] of Object.entries(COUNTS)) await p.fill(`#fact-${code}`, v);
    await p.waitForSelector('.measures li.m-publication');
    const li = await p.locator('.measures li.m-publication').innerText();
    assert.ok(li.includes(L.published), li);
    assert.ok(li.includes(lang === 'zh' ? '第二十三条' : 'Article 23'), li);
    assert.deepEqual(p.errors, []);
    await p.context().close();
  });
}
