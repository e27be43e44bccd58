// English complete and natural (issue 13, point 9): every view in English, filled in, shows no
// full-width punctuation beside English words (「Basis：」), warnings and notes that begin with a
// capital letter, no 「0 year(s) 9 month(s)」, and citations that give the document's English name
// with its Chinese title beside it.
// The forms themselves stay in Chinese (they are filed in Chinese).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, page, ARTIFACTS, ROOT } from './harness.mjs';

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

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

async function open(data, lang = 'en') {
  const p = await page(b, { serviceWorkers: 'block', bypassCSP: true }); // bypassCSP: to add axe-core
  await p.goto(srv.url);
  await p.evaluate(([d, l]) => {
    localStorage.clear();
    localStorage.setItem('yibao-credit:lang', l);
    for (const [k, v] of Object.entries(d)) localStorage.setItem(`yibao-credit:${k}`, JSON.stringify({ v: 1, data: v }));
  }, [data, lang]);
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

// ---------------------------------------------------------------------------------------------
// Every view walked in English with realistic input (the sample rule sets, events, a doctor's
// points, a repair case, each form, every kind of deadline and both timelines, identifiers good
// and bad, a small batch list and its publication package, the indicator editor with an imported
// table and a comparison), every citation opened: no Chinese on screen outside the places it
// belongs, no error code, no 「(s)」 plural, no developer word.
// Chinese belongs: in an element marked lang="zh-CN" (an article's official text), in a document's
// Chinese title beside its English name (《…》, its number 「医保发〔2024〕23号」), in a value quoted
// from the user's file ("也许", "是"), in what the user typed (the names below), in the printed
// forms (they are filed in Chinese). The same walk in Chinese: no code, path, id or developer
// word either, no run of English words after Chinese, no ASCII colon or semicolon between Chinese.
// axe-core finds no violations at five of the states walked, in each language.

/** What the user typed or the file held: Chinese shown back as it was written. */
const TYPED = ['甲大药房', '乙大药房', '戊大药房', '丙', '登记注册事项真实完整', '年度协议考核结果', '受到警告', '其他失信信息',
  '登记信息', '协议考核', '履约情况', '基础信息', '不良信息', '行政处罚', '其他', '不合格', '优秀', '合格', '指标表.csv'];
/** The law library's ids (file names): developer words on screen. */
const LAW_IDS = /\b(?:shanwei-2022|guangdong-2024|qinhuangdao-2023|ndrc-order-\d+|ndrc-2019-527|fund-regulation|health-law|civil-code-2020|gov-20\d\d-\d+|holidays-2024)\b/;

/** Stray Chinese, full-width punctuation, codes, 「(s)」 and developer words in the view on screen (English; `zh`: what applies in Chinese). */
async function stray(p, where, lang = 'en') {
  const found = await p.evaluate(([typed, lawIds, lang]) => {
    const out = [];
    const main = document.querySelector('#main').cloneNode(true);
    main.querySelectorAll('.fm-print, [lang="zh-CN"], input, textarea, script, style').forEach((x) => x.remove());
    // A select's choices are the page's words (the chosen one too).
    main.querySelectorAll('select').forEach((x) => x.replaceWith(document.createTextNode(` ${[...x.options].map((o) => o.text).join(' | ')} `)));
    // Words a screen reader or a tooltip gives are English too.
    main.querySelectorAll('[title], [aria-label]').forEach((x) => x.append(` ${x.getAttribute('title') || ''} ${x.getAttribute('aria-label') || ''} `));
    document.body.append(main); // (innerText of an element on the page: line breaks as drawn)
    const lines = main.innerText.split('\n');
    main.remove();
    const re = new RegExp(lawIds);
    for (const line of lines) {
      let s = line.replace(/《[^》]*》/g, '').replace(/[\u4e00-\u9fff]+〔\d{4}〕\d+号/g, '').replace(/"[^"\n]*"/g, '');
      for (const w of typed) s = s.split(w).join('');
      const why = [];
      if (lang === 'en' && /[\u3000-\u303f\u4e00-\u9fff\uff01-\uff1f]/.test(s)) why.push('Chinese or full-width punctuation');
      if (lang === 'zh' && /[\u4e00-\u9fff][^\n]*?\b[A-Za-z]{3,}[,.]?(?:\s+[A-Za-z]{2,}[,.]?){2,}/.test(line)) why.push('English after Chinese');
      if (lang === 'zh' && /[\u4e00-\u9fff]\s?[:;]\s?[\u4e00-\u9fff]/.test(line)) why.push('an ASCII colon or semicolon in Chinese');
      if (/\b[EW]_[A-Z]{2,}/.test(s)) why.push('an error code');
      if (/\$\.[a-z]/.test(s)) why.push('a JSON path');
      if (/\w\(s\)/.test(s)) why.push('a 「(s)」 plural');
      if (/(?:^|[^\w-])1 (?:rows|records|persons|years|months|days|events|problems|indicators|items)\b/.test(s)) why.push('a plural after 1');
      if (re.test(s)) why.push('a law-library id');
      if (/\b[a-z]+[A-Z][a-z]+[A-Za-z]*\b/.test(s)) why.push('a camelCase word');
      if (/\bDOMAIN\.md\b/.test(s)) why.push('a developer file name');
      if (why.length) out.push(`${why.join(', ')}: «${line.trim().slice(0, 140)}»`);
    }
    // Messages that stand alone (warnings, notes, errors, list items of problems) begin with a capital.
    if (lang === 'en') for (const li of document.querySelectorAll('#main .warnings li, #main .rp-warn li, #main .rp-notes li, #main .dl-warnings li, #main .dl-notes li, #main .id-errors li, #main .id-warnings li, #main .error, #main [role=alert], #main .bt-listed li, #main .ed-import-msg li, #main #pb-problems li, #main .dl-facts dd')) {
      const s = li.textContent.trim().replace(/^[※✗✓\s]+/, '');
      if (/^[a-z]/.test(s)) out.push(`not in sentence case: «${s.slice(0, 80)}»`);
    }
    return [...new Set(out)];
  }, [TYPED, LAW_IDS.source, lang]);
  return found.map((x) => `${where} (${lang}): ${x}`);
}

/** axe-core's violations on the page as it is (none expected). */
async function axe(p, where) {
  await p.addScriptTag({ content: AXE });
  const bad = await p.evaluate(async () => (await window.axe.run(document)).violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`));
  return bad.map((x) => `${where}: axe ${x}`);
}

/** Opens every citation (and every other disclosure) on screen, and waits for the articles. */
async function openAll(p) {
  await p.locator('#main details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
  await p.waitForFunction(() => ![...document.querySelectorAll('#main .cite-body')].some((b) => /Reading the article|正在读取条文/.test(b.textContent)));
}

/** The batch list: from the template's header, three pharmacies and a row with problems. */
function batchList(header) {
  const codes = header.map((x) => (x.match(/^(\d{5}) /) || [])[1]);
  const row = (name, code, vals) => header.map((x, i) => (i === 0 ? name : i === 1 ? code : i === 2 ? '' : codes[i] ? (vals[codes[i]] ?? '') : (vals.direct ?? '否'))).join(',');
  const good = { 10101: '是', 10102: '是', 10201: '是', 10202: '是', 20101: '优秀', 20102: '是', 20103: '是' };
  return [header.join(','), row('甲大药房', '91441500MA4W0000A2', good), row('乙大药房', '91110000600037341L', { ...good, 20101: '合格', 30102: '2' }),
    row('戊大药房', '', { ...good, direct: '是' }), row('丙', '123', { 10101: '也许' })].join('\r\n') + '\r\n';
}

for (const lang of ['en', 'zh']) {
test(`every view walked ${lang === 'en' ? 'in English shows no stray Chinese' : 'in Chinese shows no stray English'}, code, 「(s)」 or developer word (${lang})`, async () => {
  const p = await open({ assess: ASSESS, repair: REPAIR }, lang);
  const bad = [];
  // Self-assessment: each subject type, a doctor's payment-qualification points.
  await openAll(p);
  bad.push(...await stray(p, 'self-assessment, pharmacy', lang));
  for (const type of ['medical-institution', 'insured', 'pharmacist', 'physician']) {
    await p.selectOption('#subject-type', type);
    await p.waitForSelector('#headline');
    await openAll(p);
    bad.push(...await stray(p, `self-assessment, ${type}`, lang));
  }
  await p.waitForSelector('#points-model');
  await p.fill('#points-asof', '2026-12-31');
  const rec = (i) => p.locator('#points-section .points-row').nth(i);
  for (const [i, date, points] of [[0, '2025-12-31', '6'], [1, '2026-01-01', '3'], [2, '2026-05-20', '12']]) {
    if (i) await p.click('#points-add');
    await rec(i).locator('input[type=date]').fill(date);
    await rec(i).locator('input[type=number]').fill(points);
  }
  const sel = rec(2).locator('select');
  await sel.nth((await sel.count()) - 1).selectOption({ index: 1 });
  await p.waitForFunction(() => document.querySelector('#points-total')?.textContent === '15');
  await openAll(p);
  bad.push(...await stray(p, 'self-assessment, a doctor\'s points', lang));
  bad.push(...await axe(p, 'self-assessment, a doctor\'s points'));

  // Repair check: the case, then everything done and an objection.
  await p.click('[data-view="repair"]');
  await p.waitForSelector('#rp-verdict');
  await openAll(p);
  bad.push(...await stray(p, 'repair check', lang));
  await p.fill('#rp-ob-pub', '2026-09-30');
  await p.waitForSelector('#rp-ob-last');
  bad.push(...await stray(p, 'repair check, objection', lang));
  bad.push(...await axe(p, 'repair check, objection'));

  // Every form (its printed sheet stays Chinese).
  await p.click('[data-view="forms"]');
  await p.waitForSelector('#fm-preview .fm-sheet');
  for (let n = 1; n <= 6; n++) {
    await p.click(`#fm-pick-${n}`);
    await p.waitForSelector(`#fm-preview .fm-form-${n}`);
    bad.push(...await stray(p, `form ${n}`, lang));
  }

  // Every kind of deadline, filed late, then both process timelines.
  await p.click('[data-view="deadline"]');
  await p.waitForSelector('select[name=kind]');
  const kinds = await p.locator('select[name=kind] option').evaluateAll((os) => os.map((o) => o.value));
  assert.ok(kinds.length >= 10, 'all kinds of deadline listed');
  for (const k of kinds) {
    await p.selectOption('select[name=kind]', k);
    await p.fill('input[name=from]', '2026-12-28');
    await p.locator('input[name=from]').dispatchEvent('change');
    await p.locator('input[name=filedOn]').first().fill('2027-02-10');
    await p.locator('input[name=filedOn]').first().dispatchEvent('change');
    await p.waitForSelector('.dl-intime');
    await openAll(p);
    bad.push(...await stray(p, `deadline ${k}`, lang));
  }
  await p.selectOption('select[name=process]', 'repair');
  await p.fill('input[name=acceptedOn]', '2027-01-05');
  await p.locator('input[name=acceptedOn]').dispatchEvent('change');
  await p.waitForSelector('.dl-timeline');
  await openAll(p);
  bad.push(...await stray(p, 'deadline, repair timeline', lang));
  await p.selectOption('select[name=process]', 'objection');
  await p.locator('input[name=filedOn]').nth(1).fill('2027-01-05');
  await p.locator('input[name=filedOn]').nth(1).dispatchEvent('change');
  await p.waitForSelector('.dl-badge--ok');
  bad.push(...await stray(p, 'deadline, objection timeline', lang));
  bad.push(...await axe(p, 'deadline, objection timeline'));
  await p.screenshot({ path: path.join(ARTIFACTS, `walk-deadline-${lang}.png`), fullPage: true });

  // Codes good and bad (wrong check character, too short, birth date in the future).
  await p.click('[data-view="ident"]');
  await p.waitForSelector('input[name=uscc]');
  for (const [uscc, id] of [['91110000600037341L', '11010519491231002X'], ['91110000600037341N', '36042619911301007'], ['9111000060003734', '110105204912310025']]) {
    await p.locator('input[name=uscc]').fill(uscc);
    await p.locator('input[name=uscc]').press('Tab');
    await p.locator('input[name=id]').fill(id);
    await p.locator('input[name=id]').press('Tab');
    await p.waitForSelector('.id-verdict >> nth=1');
    bad.push(...await stray(p, `code check ${uscc} ${id}`, lang));
  }
  await p.screenshot({ path: path.join(ARTIFACTS, `walk-ident-${lang}.png`), fullPage: true });

  // Batch: the template, a list with good and bad rows, the publication package.
  await p.click('[data-view="batch"]');
  await p.waitForSelector('#bt-template');
  bad.push(...await stray(p, 'batch', lang));
  await p.fill('input[id^=bt-asof]', '2026-06-30');
  const [tdl] = await Promise.all([p.waitForEvent('download'), p.click('#bt-template')]);
  const header = fs.readFileSync(await tdl.path(), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
  await p.setInputFiles('#bt-file', { name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(batchList(header), 'utf8') });
  await p.waitForSelector('.bt-bars li');
  await openAll(p);
  bad.push(...await stray(p, 'batch, results', lang));
  await p.screenshot({ path: path.join(ARTIFACTS, `walk-batch-${lang}.png`), fullPage: true });
  await p.click('#bt-publish');
  await p.waitForSelector('#pub-panel');
  await p.fill('#pub-panel input[type=date]', '2026-09-30');
  await Promise.all([p.waitForEvent('download'), p.click('#pub-go')]);
  await p.waitForSelector('#pub-report');
  bad.push(...await stray(p, 'batch, publication package', lang));
  bad.push(...await axe(p, 'batch, publication package'));

  // Indicator lists: a table with two bad rows imported, the checker's problems, a comparison.
  await p.click('#link-rules-editor');
  await p.waitForSelector('#ed-start');
  bad.push(...await stray(p, 'indicator lists', lang));
  const table = ['一级指标,二级指标,三级指标,分值,计分方式,每次分值,档次,评分标准,依据',
    '基础信息,登记信息,登记注册事项真实完整,300,是否,,,登记信息真实完整得满分,第十三条',
    '履约情况,协议考核,年度协议考核结果,300,档次,,优秀=300；合格=150；不合格=0,,第十四条',
    '不良信息,行政处罚,受到警告,abc,扣分,10,,,第十五条', '不良信息,其他,其他失信信息,10,未知,,,,第十五条'].join('\r\n') + '\r\n';
  await p.setInputFiles('#ed-import', { name: '指标表.csv', mimeType: 'text/csv', buffer: Buffer.from(table, 'utf8') });
  await p.waitForSelector('#ed-import-msg li');
  await p.waitForFunction(() => /problem|问题/.test(document.querySelector('#ed-count')?.textContent || ''));
  // (The source picker names the library's documents once their files are read.)
  await p.waitForFunction(() => [...document.querySelectorAll('.ed-source select option')].some((o) => /Qinhuangdao|秦皇岛/.test(o.text)));
  bad.push(...await stray(p, 'indicator lists, imported', lang));
  await p.selectOption('#cmp-a', 'medical-institution');
  await p.selectOption('#cmp-b', 'retail-pharmacy');
  await p.click('#cmp-run');
  await p.waitForSelector('#cmp-counts');
  bad.push(...await stray(p, 'indicator lists, compared', lang));
  bad.push(...await axe(p, 'indicator lists, compared'));
  await p.screenshot({ path: path.join(ARTIFACTS, `walk-editor-${lang}.png`), fullPage: true });

  assert.deepEqual(bad, []);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
}
