// 附件3 and 附件4 filled from a saved repair check, in headless Chromium: computed fields and
// their markers, overwrite and restore, one A4 page each with the name, the record sentence and
// the rule-set hash; hostile input stays text; save to a file, refuse a broken file, load back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, browser, page, ARTIFACTS, pdfPageCount } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

const REPAIR = {
  subject: { type: 'retail-pharmacy', name: '汕尾市城区某某大药房', code: '91110000600037341L', contact: '0660-3388123', legalRepresentative: '陈某某' },
  record: { kind: 'admin-penalty', severity: 'general', decisionDate: '2025-03-15', publicationDate: '2025-03-20', department: '汕尾市医疗保障局', decisionNo: '汕医保罚〔2025〕3号', act: '串换药品', penalty: '罚款5000元' },
  applicationDate: '2026-05-20',
};
const SENTENCE = '2025年3月15日，因串换药品行为被处以罚款5000元';
// The shipped retail-pharmacy rule set's hash, from the CLI (the same core as the page).
const HASH = JSON.parse(execFileSync('cargo', ['run', '-q', '--bin', 'yibao-credit', '--', 'rules'], { encoding: 'utf8' }))
  .find((r) => r.name === 'retail-pharmacy').hash;

async function openForms(p, repair = REPAIR) {
  await p.goto(srv.url);
  await p.waitForSelector('#tabs .tab');
  await p.evaluate((r) => {
    localStorage.clear();
    localStorage.setItem('yibao-credit:repair', JSON.stringify({ v: 1, data: r }));
  }, repair);
  await p.goto(`${srv.url}#forms`);
  await p.reload();
  await p.waitForSelector('#fm-preview .fm-sheet');
}

/** Prints the page to an A4 PDF, keeps it (and a PNG of each page) in test-artifacts/. */
async function printPdf(p, name) {
  const pdf = await p.pdf({ format: 'A4', printBackground: true });
  const file = path.join(ARTIFACTS, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '60', '-png', file, path.join(ARTIFACTS, name)]);
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
  return { pdf, text };
}

const squash = (s) => s.replace(/\s+/g, '');

test('附件3 and 附件4 are filled from the repair check and print one page each', async () => {
  const p = await page(b);
  await openForms(p);

  // 附件3
  await p.click('#fm-pick-3');
  await p.waitForSelector('#fm-f-description');
  assert.equal(await p.locator('#fm-f-name').inputValue(), '汕尾市城区某某大药房');
  assert.equal(await p.locator('#fm-f-description').inputValue(), SENTENCE);
  assert.equal(await p.locator('[data-field=description] .fm-mark').textContent(), '自动带入');
  // The repair input has no answers on what was done, so the 第二十九条 box is chosen by hand.
  await p.selectOption('#fm-b-eligible', 'yes');
  await p.waitForSelector('#fm-valid');
  assert.match(await p.locator('#fm-preview .fm-choice').textContent(), /符合☑不符合□/);

  // Overwrite a computed field, see the marker change, restore it.
  await p.fill('#fm-f-description', '2025年3月15日，因串换药品行为被处以罚款5000元并约谈');
  await p.waitForFunction(() => document.querySelector('[data-field=description] .fm-mark').textContent === '手动填写');
  assert.match(await p.locator('#fm-n-description').textContent(), /自动带入的值：2025年3月15日/);
  assert.match(await p.locator('#fm-preview').textContent(), /并约谈/);
  await p.click('#fm-restore-description');
  await p.waitForFunction(() => document.querySelector('[data-field=description] .fm-mark').textContent === '自动带入');
  assert.equal(await p.locator('#fm-f-description').inputValue(), SENTENCE);

  // An error sits next to its field, in Chinese.
  await p.fill('#fm-f-contact', '3388123');
  await p.waitForSelector('[data-field=contact].fm-bad');
  assert.match(await p.locator('#fm-e-contact').textContent(), /固定电话须带区号/);
  await p.fill('#fm-f-contact', '0660-3388123');
  await p.waitForSelector('#fm-valid');

  await p.screenshot({ path: path.join(ARTIFACTS, 'forms-3-screen.png'), fullPage: true });
  const f3 = await printPdf(p, 'forms-3');
  assert.equal(pdfPageCount(f3.pdf), 1, '附件3 is one A4 page');
  for (const s of ['信用修复申请表', '汕尾市城区某某大药房', SENTENCE, HASH, '2026年5月20日', '本单位（本人）声明，提交的材料真实有效。']) {
    assert.ok(squash(f3.text).includes(squash(s)), `the 附件3 PDF shows ${s}`);
  }
  await p.emulateMedia({ media: 'print' });
  assert.equal(await p.locator('.top').isVisible(), false, 'no page chrome in print');
  assert.equal(await p.locator('.fm-editor').isVisible(), false, 'no editor in print');
  assert.ok((await p.locator('#fm-preview').innerText()).includes(HASH));
  await p.emulateMedia({ media: null }); // back to normal (page.pdf then prints with print media again)

  // 附件4
  await p.click('#fm-pick-4');
  await p.waitForSelector('#fm-f-unit');
  await p.waitForSelector('#fm-valid');
  const preview4 = await p.locator('#fm-preview').innerText();
  assert.match(squash(preview4), /我单位汕尾市城区某某大药房，统一社会信用代码为91110000600037341L，于2025年3月15日，被汕尾市医疗保障局给予处罚，处罚决定书文号为汕医保罚〔2025〕3号。/);
  const f4 = await printPdf(p, 'forms-4');
  assert.equal(pdfPageCount(f4.pdf), 1, '附件4 is one A4 page');
  for (const s of ['信用修复承诺书', '汕尾市城区某某大药房', '91110000600037341L', '2025年3月15日', '汕医保罚〔2025〕3号', HASH, '填写日期']) {
    assert.ok(squash(f4.text).includes(squash(s)), `the 附件4 PDF shows ${s}`);
  }

  // Reload: the choice and the typed values are still there.
  await p.reload();
  await p.waitForSelector('#fm-preview .fm-sheet');
  assert.equal(await p.locator('#fm-pick-4').getAttribute('aria-pressed'), 'true');
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('hostile input stays text, and a 2,000-character description still prints on one page', async () => {
  const p = await page(b);
  await openForms(p);
  await p.click('#fm-pick-3');
  await p.waitForSelector('#fm-f-name');
  await p.evaluate(() => { window.__pwned = 0; });
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>𠮷龘';
  await p.fill('#fm-f-name', evil);
  const long = '因系统故障导致结算数据异常，已整改并补充说明；'.repeat(100).slice(0, 2000);
  await p.fill('#fm-f-description', long);
  await p.waitForFunction(() => document.querySelector('#fm-preview').textContent.includes('𠮷龘'));
  assert.equal(await p.locator('#fm-preview img, #fm-preview script').count(), 0);
  assert.ok((await p.locator('#fm-preview').textContent()).includes(evil));
  assert.equal(await p.evaluate(() => window.__pwned), 0);
  const { pdf, text } = await printPdf(p, 'forms-3-hostile');
  assert.equal(pdfPageCount(pdf), 1, 'long text cannot push the form onto a second page');
  assert.ok(squash(text).includes('𠮷龘'), 'rare characters are printed');
  assert.ok(text.includes(HASH), 'the foot with the hash is still on the page');
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('the form data is saved to a file, a broken file is refused, the saved file loads back', async () => {
  const p = await page(b);
  await openForms(p);
  await p.click('#fm-pick-3');
  await p.waitForSelector('#fm-f-name');
  await p.fill('#fm-f-name', '汕尾市城区某某大药房（海滨店）');
  const [dl] = await Promise.all([p.waitForEvent('download'), p.click('#fm-save')]);
  const saved = path.join(ARTIFACTS, 'forms-3-data.json');
  await dl.saveAs(saved);
  const doc = JSON.parse(fs.readFileSync(saved, 'utf8'));
  assert.equal(doc.format, 'yibao-credit-form');
  assert.equal(doc.input.form, 3);
  assert.equal(doc.input.fields.name, '汕尾市城区某某大药房（海滨店）');
  assert.equal(doc.input.repair.record.act, '串换药品');

  await p.fill('#fm-f-name', '另一个名称');
  for (const [name, body] of [['broken.json', '{"format":"yibao-credit-form","input":{'], ['foreign.json', '{"hello":"world"}'],
    ['bad-field.json', JSON.stringify({ format: 'yibao-credit-form', version: 1, input: { form: 3, fields: { nope: 'x' } } })]]) {
    await p.setInputFiles('#fm-load', { name, mimeType: 'application/json', buffer: Buffer.from(body) });
    await p.waitForFunction((n) => (document.querySelector('#fm-load-error') || {}).textContent?.includes(n), name);
    assert.match(await p.locator('#fm-load-error').textContent(), /无法载入.*当前填写的内容未改变/);
    assert.equal(await p.locator('#fm-f-name').inputValue(), '另一个名称', `${name} leaves the data as it was`);
  }
  await p.setInputFiles('#fm-load', saved);
  await p.waitForFunction(() => document.querySelector('#fm-f-name') && document.querySelector('#fm-f-name').value === '汕尾市城区某某大药房（海滨店）');
  assert.match(await p.locator('#fm-preview').textContent(), /海滨店/);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('the repair check ticks 附件3\'s 第二十九条 box: 符合 when all conditions are met, 不符合 when one is not', async () => {
  const done = { corrected: true, obligationsPerformed: true, effectEliminated: true, newSameKindSince: false, pledgeSigned: true, proofAttached: true };
  for (const [d, box] of [[done, /符合☑不符合□/], [{ ...done, corrected: false }, /符合□不符合☑/]]) {
    const p = await page(b);
    await openForms(p, { ...REPAIR, done: d, barredByLaw: false });
    await p.click('#fm-pick-3');
    await p.waitForSelector('#fm-f-description');
    await p.waitForFunction((re) => new RegExp(re).test(document.querySelector('#fm-preview .fm-choice').textContent), box.source);
    assert.deepEqual(p.errors, []);
    await p.context().close();
  }
});
