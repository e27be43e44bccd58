// English complete and natural (issue 13, point 9): every view in English, filled in, shows no
// full-width punctuation beside English words (「Basis：」), warnings and notes that begin with a
// capital letter, no 「0 year(s) 9 month(s)」, and citations that give the document's English name
// with its Chinese title beside it.
// The forms themselves stay in Chinese (they are filed in Chinese).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, browser, page, ARTIFACTS } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

const ASSESS = {
  type: 'retail-pharmacy', name: 'Test pharmacy', code: '91110000600037341L', asOf: '2026-03-31', facts: { 10101: true },
  events: [{ kind: 'penalty-fine', date: '2025-06-15', description: '' }, { kind: 'agreement-talk', date: '2020-01-01', description: '' }],
};
const REPAIR = {
  subject: { type: 'retail-pharmacy', name: 'Test pharmacy', code: '91110000600037341L', contact: '0660-3388123', legalRepresentative: '' },
  record: { kind: 'admin-penalty', severity: 'general', decisionDate: '2025-06-15', publicationDate: '2025-06-20', department: 'Bureau', decisionNo: 'No. 3', act: 'x', penalty: 'y' },
  done: { corrected: true, obligationsPerformed: true, effectEliminated: true, pledgeSigned: true, proofAttached: true, newSameKindSince: false },
  barredByLaw: false,
  applicationDate: '2026-03-31',
};

/** What is wrong with the English of the view on screen (forms' printed sheets excluded: they stay Chinese). */
async function problems(p, where) {
  const found = await p.evaluate(() => {
    const out = [];
    const main = document.querySelector('#main').cloneNode(true);
    main.querySelectorAll('.fm-print, [lang="zh-CN"], input, textarea').forEach((x) => x.remove());
    // A select's own choices count (its chosen text is the user's answer, not typed text).
    main.querySelectorAll('select').forEach((x) => x.replaceWith(document.createTextNode(` ${[...x.options].map((o) => o.text).join(' | ')} `)));
    const text = main.innerText || main.textContent;
    const fw = text.match(/.{0,20}(?:[A-Za-z0-9)\]][：；，。、（]|[：；，。）][ ]?[A-Za-z]).{0,20}/);
    if (fw) out.push(`full-width punctuation in English: «${fw[0]}»`);
    const plural = text.match(/.{0,20}\b\w+\(s\).{0,20}/) || text.match(/.{0,20}\b1 (?:rows|years|months|days|events|answers)\b.{0,20}/);
    if (plural) out.push(`plural: «${plural[0]}»`);
    for (const li of document.querySelectorAll('#main .warnings li, #main .rp-warn li, #main .rp-notes li, #main .dl-warnings li, #main .fm-cal-warnings li, #main .bt-file, #main .bt-counts-list li')) {
      const s = li.textContent.trim().replace(/^[※\s]+/, '');
      if (/^[a-z]/.test(s)) out.push(`warning not in sentence case: «${s.slice(0, 60)}»`);
    }
    const short = text.match(/.{0,30}Shanwei [mM]easures.{0,30}/);
    if (short) out.push(`the measures named without their English name and Chinese title: «${short[0]}»`);
    // A citation naming the Shanwei measures in English gives the Chinese title beside it.
    for (const c of document.querySelectorAll('#main .cite-sum, #main .cite-text, #main .rp-cite')) {
      const s = c.textContent;
      if (/Measures of Shanwei|Shanwei measures/.test(s) && !/《汕尾市医疗保障信用管理办法（试行）》/.test(s)) out.push(`citation without its Chinese title: «${s.slice(0, 80)}»`);
      if (/[\u4e00-\u9fff]/.test(s.replace(/《[^》]*》/g, '').replace(/[\u4e00-\u9fff]+〔\d{4}〕\d+号/g, ''))) out.push(`Chinese citation in English: «${s.slice(0, 80)}»`);
    }
    return out;
  });
  return found.map((x) => `${where}: ${x}`);
}

async function open(data) {
  const p = await page(b, { serviceWorkers: 'block' });
  await p.goto(srv.url);
  await p.evaluate((d) => {
    localStorage.clear();
    localStorage.setItem('yibao-credit:lang', 'en');
    for (const [k, v] of Object.entries(d)) localStorage.setItem(`yibao-credit:${k}`, JSON.stringify({ v: 1, data: v }));
  }, data);
  await p.reload();
  await p.waitForSelector('#headline');
  return p;
}

test('every view in English is English: punctuation, sentence case, plurals, citations', async () => {
  const p = await open({ assess: ASSESS, repair: REPAIR });
  const bad = [];
  bad.push(...await problems(p, 'self-assessment'));
  await p.locator('details.trace summary').click();
  await p.waitForSelector('details.trace table');
  bad.push(...await problems(p, 'self-assessment, score by indicator'));
  await p.screenshot({ path: path.join(ARTIFACTS, 'english-assess.png'), fullPage: true });

  await p.click('[data-view="repair"]');
  await p.waitForSelector('#rp-verdict');
  await p.fill('#rp-ob-pub', '2026-09-30');
  await p.waitForSelector('#rp-ob-last');
  assert.match(await p.locator('#rp-disclosed').innerText(), /Disclosed for 9 months up to the application date/);
  assert.match(await p.locator('.rp-national').innerText(), /General: at least 3 months/);
  bad.push(...await problems(p, 'repair check'));
  await p.screenshot({ path: path.join(ARTIFACTS, 'english-repair.png'), fullPage: true });

  await p.click('[data-view="forms"]');
  await p.waitForSelector('#fm-preview .fm-sheet');
  bad.push(...await problems(p, 'forms'));
  assert.match(await p.locator('#fm-preview').innerText(), /信用修复申请表/, 'the form itself stays in Chinese');
  // A form with one problem: 「1 problem」.
  await p.fill('#fm-f-contact', 'abc');
  await p.waitForSelector('#fm-invalid');
  assert.match(await p.locator('#fm-invalid').innerText(), /^1 problem to fix/);
  bad.push(...await problems(p, 'forms, one problem'));
  await p.click('#fm-pick-5');
  await p.waitForSelector('#fm-preview .fm-form-5');
  bad.push(...await problems(p, 'forms, attachment 5'));

  await p.click('[data-view="deadline"]');
  await p.waitForSelector('select[name=kind]');
  await p.selectOption('select[name=kind]', 'repair-decision');
  await p.fill('input[name=from]', '2026-12-28');
  await p.waitForSelector('.dl-due-date');
  bad.push(...await problems(p, 'deadlines'));
  await p.screenshot({ path: path.join(ARTIFACTS, 'english-deadline.png'), fullPage: true });

  await p.click('[data-view="ident"]');
  await p.locator('input[name=uscc]').fill('91110000600037341L');
  await p.waitForTimeout(200);
  bad.push(...await problems(p, 'code check'));

  await p.click('[data-view="batch"]');
  await p.waitForSelector('#bt-template');
  bad.push(...await problems(p, 'batch'));
  await p.setInputFiles('#bt-file', { name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from('名称,代码,主体类型,10101 x\r\n甲,123,retail-pharmacy,也许\r\n', 'utf8') });
  await p.waitForSelector('.bt-problems');
  bad.push(...await problems(p, 'batch, a list with problems'));
  await p.screenshot({ path: path.join(ARTIFACTS, 'english-batch.png'), fullPage: true });

  assert.deepEqual(bad, []);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
