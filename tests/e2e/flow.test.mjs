// Self-assessment → repair check → forms, joined (issue 13, point 8), in Chinese and in English:
// the events listed in the self-assessment are offered in the repair check (not typed again);
// 「可以申请修复」 leads on to 附件3 and 附件4 filled from what was entered (name, code, record);
// the self-assessment's printed report has 填报人 / 签字 / 日期 and a space for the unit's seal;
// 附件4 has 盖章 beside 承诺人 for a unit, 签字 alone for a person. Each printed page is one A4
// page, kept as a PDF and a PNG in test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, browser, page, ARTIFACTS, pdfPageCount } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

const NAME = '汕尾市城区某某大药房';
const CODE = '91110000600037341L';
const ASSESS = {
  type: 'retail-pharmacy', name: NAME, code: CODE, asOf: '2026-03-31', facts: {},
  events: [
    { kind: 'award', date: '2025-05-01', description: '诚信表彰' },
    { kind: 'penalty-fine', date: '2025-06-15', description: '串换药品' },
    { kind: 'agreement-talk', date: '2025-09-01', description: '' },
  ],
};

/** Prints the page to an A4 PDF; keeps it and a PNG of each page; returns the PDF and its text. */
async function printPdf(p, name) {
  await p.emulateMedia({ media: 'print' });
  const pdf = await p.pdf({ format: 'A4', printBackground: true });
  await p.emulateMedia({ media: 'screen' });
  const file = path.join(ARTIFACTS, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '60', '-png', file, path.join(ARTIFACTS, name)]);
  return { pdf, text: execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8') };
}

async function open(lang, data = ASSESS) {
  const p = await page(b, { serviceWorkers: 'block' });
  await p.goto(srv.url);
  await p.evaluate(([l, a]) => {
    localStorage.clear();
    localStorage.setItem('yibao-credit:lang', l);
    localStorage.setItem('yibao-credit:assess', JSON.stringify({ v: 1, data: a }));
  }, [lang, data]);
  await p.reload();
  await p.waitForSelector('#headline');
  return p;
}

for (const lang of ['zh', 'en']) {
  const zh = lang === 'zh';

  test(`the self-assessment's printed report is ready to sign and stamp (${lang})`, async () => {
    const p = await open(lang);
    const { pdf, text } = await printPdf(p, `flow-report-${lang}`);
    assert.equal(pdfPageCount(pdf), 1, 'one A4 page');
    const sign = await p.locator('#r-sign').innerText();
    if (zh) {
      for (const w of ['填报人', '签字', '日期', '年', '月', '日', '单位（盖章）']) assert.ok(sign.includes(w), `${w} in ${sign}`);
      assert.match(text, /填报人：/);
      assert.match(text, /单位（盖章）/);
    } else {
      for (const w of ['Filled in by', 'Signature', 'Date', 'Seal of the unit']) assert.ok(sign.includes(w), `${w} in ${sign}`);
      assert.doesNotMatch(sign, /[年月日]/, 'no Chinese date blank in English');
      assert.match(text, /Seal of the unit/);
    }
    // A person signs; there is no unit to stamp.
    await p.evaluate(() => localStorage.setItem('yibao-credit:assess', JSON.stringify({ v: 1, data: { type: 'insured', name: '李四', asOf: '2026-03-31', facts: {}, events: [] } })));
    await p.reload();
    await p.waitForSelector('#headline');
    const person = await printPdf(p, `flow-report-person-${lang}`);
    assert.equal(pdfPageCount(person.pdf), 1);
    assert.equal(await p.locator('#r-seal').count(), 0);
    assert.match(await p.locator('#r-sign').innerText(), zh ? /签字/ : /Signature/);
    assert.deepEqual(p.errors, []);
    await p.context().close();
  });

  test(`events of the self-assessment are offered in the repair check, which leads on to 附件3 and 附件4 (${lang})`, async () => {
    const p = await open(lang);
    // From the self-assessment's events, on to the repair check.
    await p.click('#to-repair');
    await p.waitForSelector('#rp-verdict');
    assert.equal(await p.evaluate(() => location.hash), '#repair');
    assert.equal(await p.locator('#rp-name').inputValue(), NAME);
    // The adverse events are offered (not the award); picking one fills the record.
    const options = await p.locator('#rp-from-event option').allInnerTexts();
    assert.equal(options.length, 3, options.join(' | '));
    assert.ok(options.some((o) => o.includes('2025-06-15') && o.includes(zh ? '行政处罚：罚款' : 'Penalty: fine') && o.includes('串换药品')), options.join(' | '));
    assert.ok(!options.some((o) => o.includes('2025-05-01')), 'an award is not a record to repair');
    await p.selectOption('#rp-from-event', { label: options.find((o) => o.includes('2025-06-15')) });
    await p.waitForFunction(() => document.querySelector('#rp-decision-date').value === '2025-06-15');
    assert.equal(await p.locator('#rp-kind').inputValue(), 'admin-penalty');
    assert.equal(await p.locator('#rp-act').inputValue(), '串换药品');
    assert.equal(await p.locator('#rp-from-event').inputValue(), '0', 'the event picked stays shown');
    // No way on to the forms before the answer is 可以申请修复.
    assert.equal(await p.locator('#rp-next').count(), 0);

    await p.selectOption('#rp-severity', 'general');
    await p.fill('#rp-publication-date', '2025-06-20');
    await p.fill('#rp-department', '汕尾市医疗保障局');
    await p.fill('#rp-decision-no', '汕医保罚〔2025〕3号');
    await p.fill('#rp-penalty', '罚款5000元');
    await p.fill('#rp-contact', '0660-3388123');
    await p.fill('#rp-app-date', '2026-03-31');
    for (const k of ['corrected', 'obligationsPerformed', 'effectEliminated', 'pledgeSigned', 'proofAttached']) await p.check(`#rp-done-${k}`);
    await p.waitForFunction(() => document.querySelector('#rp-verdict').dataset.verdict === 'eligible');
    assert.match(await p.locator('#rp-next').innerText(), zh ? /下一步/ : /Next/);
    await p.screenshot({ path: path.join(ARTIFACTS, `flow-repair-eligible-${lang}.png`), fullPage: true });

    // 附件3, filled from what was entered.
    await p.click('#rp-to-form3');
    await p.waitForSelector('#fm-preview .fm-form-3');
    assert.equal(await p.evaluate(() => location.hash), '#forms');
    assert.equal(await p.locator('#fm-pick-3').getAttribute('aria-pressed'), 'true');
    const f3 = await p.locator('#fm-preview').innerText();
    assert.ok(f3.includes(NAME) && f3.includes(CODE), f3);
    assert.match(f3, /2025年6月15日，因串换药品行为被处以罚款5000元/);
    assert.match(f3, /第二十九条规定：符合☑不符合□/);
    assert.match(f3, /签字：\s*（盖章）/);
    const p3 = await printPdf(p, `flow-form3-${lang}`);
    assert.equal(pdfPageCount(p3.pdf), 1);
    assert.match(p3.text, /汕尾市城区某某大药房/);

    // Back, and on to 附件4: the pledge names the unit, the penalty and its decision; 盖章 beside 承诺人.
    await p.click('[data-view="repair"]');
    await p.waitForSelector('#rp-to-form4');
    await p.click('#rp-to-form4');
    await p.waitForSelector('#fm-preview .fm-form-4');
    const f4 = await p.locator('#fm-preview').innerText();
    assert.match(f4, new RegExp(`我单位${NAME}，统一社会信用代码为${CODE}，于2025年6月15日，被汕尾市医疗保障局给予处罚，处罚决定书文号为汕医保罚〔2025〕3号。`));
    assert.match(f4, /承诺人：\s*（盖章）/);
    assert.match(await p.locator('#fm-status').innerText(), zh ? /检查通过/ : /All checks passed/);
    const p4 = await printPdf(p, `flow-form4-${lang}`);
    assert.equal(pdfPageCount(p4.pdf), 1);
    assert.match(p4.text, /承诺人：.*（盖章）/);
    await p.screenshot({ path: path.join(ARTIFACTS, `flow-form4-screen-${lang}.png`), fullPage: true });
    assert.deepEqual(p.errors, []);
    await p.context().close();
  });
}
