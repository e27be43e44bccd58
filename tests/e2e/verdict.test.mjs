// No verdict nobody earned (issue 13, points 1 and 5), in Chinese and in English, on a desktop
// window and a phone's: until every indicator is answered the self-assessment says how many are and
// the scores and grades still possible — no score and grade as if they were the result, no
// measures, a printed report that says at its top it is not a conclusion, progress announced once
// per change; once complete, the score, grade and measures. A grade set by a direct-grade rule shows
// beside the points score and the grade the points alone give, with its reason and basis, and no
// gap to a grade that points cannot reach. Screenshots of each state go to test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, page, ARTIFACTS, pdfPageCount, nodeModule } from './harness.mjs';
import * as core from '../../www/pkg/yibao_credit.js';

nodeModule(core, 'yibao_credit');
const AS_OF = '2026-11-23';
const expect = (type, facts = {}, events = []) => core.evaluate({ subject: { type, name: '' }, asOf: AS_OF, facts, events });

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

const TEXT = {
  zh: {
    progress: (a) => `已填写 ${a.given} / ${a.of} 项`,
    range: (x) => `可能得分 ${x.min} – ${x.max} 分（等级 ${x.minGrade === x.maxGrade ? x.minGrade : `${x.minGrade} – ${x.maxGrade}`}）`,
    follow: (n) => `填完全部 ${n} 项后，才有得分、等级和适用措施。`,
    notYet: (n) => `自评未完成：尚有 ${n} 项未填写，以下不是评价结论。`,
    measures: '适用措施',
    gap: '还差',
    done: (r) => `全部 ${r.answers.of} 项已填写：${r.score} 分，等级 ${r.grade}（${r.label.zh}）`,
    pointsGrade: (r, band) => `按分数为 ${r.pointsGrade} 级（${band.label.zh}）${band.min} ≤ 分数 < ${band.max}`,
    direct: '直接定级',
    reportDirect: (r, band) => `${r.score} / ${r.scale}（按分数为 ${r.pointsGrade} 级，${band.label.zh}）`,
  },
  en: {
    progress: (a) => `${a.given} of ${a.of} answered`,
    range: (x) => `Possible score ${x.min} – ${x.max} (grade ${x.minGrade === x.maxGrade ? x.minGrade : `${x.minGrade} – ${x.maxGrade}`})`,
    follow: (n) => `The score, grade and measures follow once all ${n} are answered.`,
    notYet: (n) => `Self-assessment not complete: ${n} indicators not answered; what follows is not a result.`,
    measures: 'Measures that follow',
    gap: 'points short of',
    done: (r) => `All ${r.answers.of} answered: ${r.score} points, grade ${r.grade} (${r.label.en})`,
    pointsGrade: (r, band) => `The points alone give ${r.pointsGrade} (${band.label.en})${band.min} ≤ score < ${band.max}`,
    direct: 'direct grade',
    reportDirect: (r, band) => `${r.score} / ${r.scale} (the points alone: ${r.pointsGrade}, ${band.label.en})`,
  },
};

const PHARMACY = { 10101: 'yes', 10102: 'yes', 10201: 'yes', 10202: 'no', 20101: 'good', 20102: 'yes', 20103: 'yes' };
const COUNTS = { 20201: '1', 30101: '0', 30102: '1', 30103: '0', 30201: '0', 30202: '0', 30203: '0', 30204: '0', 30205: '0', 30301: '0', 30401: '0' };
const asFacts = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === 'yes' ? true : v === 'no' ? false : v]));

/** The page in `lang`, evaluated as of AS_OF, nothing typed. */
async function open(lang, width = 1280) {
  const p = await page(b, { viewport: { width, height: width > 1000 ? 900 : 844 }, serviceWorkers: 'block' });
  await p.goto(srv.url);
  await p.evaluate((l) => localStorage.setItem('yibao-credit:lang', l), lang);
  await p.reload();
  await p.waitForSelector('#headline');
  await p.fill('#as-of', AS_OF);
  return p;
}

/** Screenshots of the view as it is, on the desktop window and on a phone's (the top of the page, where the headline is on each). */
async function shots(p, name) {
  await p.evaluate(() => document.querySelector('#headline').scrollIntoView({ block: 'center' }));
  await p.screenshot({ path: path.join(ARTIFACTS, `${name}-1280.png`) });
  await p.setViewportSize({ width: 390, height: 844 });
  await p.evaluate(() => window.scrollTo(0, 0));
  await p.waitForTimeout(50);
  await p.screenshot({ path: path.join(ARTIFACTS, `${name}-390.png`) });
  await p.setViewportSize({ width: 1280, height: 900 });
}

const resultText = (p) => p.locator('#result').innerText();
/** The report as printed (built by the page's `beforeprint`, as when the browser prints). */
async function printed(p) {
  await p.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await p.emulateMedia({ media: 'print' });
  const text = await p.locator('#report').innerText();
  await p.emulateMedia({ media: 'screen' });
  return text;
}
/** Waits two frames: the full result of the last change is drawn. */
const frames = (p) => p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

for (const lang of ['zh', 'en']) {
  const T = TEXT[lang];

  test(`no score, grade or measures until every indicator is answered; then the result (${lang})`, async () => {
    const p = await open(lang);
    // Nothing answered: how many, and what is still possible; no score, no grade, no measures.
    const r0 = expect('retail-pharmacy');
    assert.equal(r0.complete, false);
    await p.waitForFunction((s) => document.querySelector('#progress')?.textContent === s, T.progress(r0.answers));
    assert.equal(await p.locator('#range').textContent(), T.range(r0.reachable));
    assert.match(await p.locator('#headline').textContent(), new RegExp(T.follow(18).replace(/[.()]/g, '\\$&')));
    assert.equal(await p.locator('#score').count(), 0);
    assert.equal(await p.locator('#grade').count(), 0);
    assert.equal(await p.locator('.measures').count(), 0);
    const blank = await resultText(p);
    for (const m of r0.measures) assert.ok(!blank.includes(lang === 'zh' ? m.text.zh : m.text.en), `no measure: ${m.text.zh}`);
    assert.equal(await p.locator('#result h3', { hasText: T.measures }).count(), 0);
    assert.ok(!blank.includes(T.gap), 'no gap to a grade');
    assert.ok(!blank.includes(`${r0.score} / 1000`));
    // What to answer: all eighteen, in the order of the form.
    assert.equal(await p.locator('#result .missing li').count(), 18);
    assert.match(await p.locator('#result .missing li').first().textContent(), /^10101 /);
    assert.equal(await p.locator('#headbar-text').textContent(), `${T.progress(r0.answers)} · ${T.range(r0.reachable)}`);
    await shots(p, `verdict-blank-${lang}`);

    // The printed report says, at its top, that it is no conclusion; no measures in it.
    const pdf = await p.pdf({ format: 'A4', printBackground: true });
    fs.writeFileSync(path.join(ARTIFACTS, `verdict-report-blank-${lang}.pdf`), pdf);
    assert.equal(pdfPageCount(pdf), 1);
    const report = await printed(p);
    assert.ok(report.split('\n').filter(Boolean).slice(0, 3).some((l) => l.includes(T.notYet(18))), `said at the top: ${report}`);
    assert.ok(report.includes(T.range(r0.reachable)));
    assert.ok(!report.includes(T.measures) && !report.includes(r0.measures[r0.measures.length - 1].text[lang]), 'no measures in the report');
    assert.ok(!report.includes(`${r0.score} / 1000`), 'no score in the report');

    // Progress is announced once per change: an answer is, typing a name is not, nor a second
    // digit that changes neither the count nor the grades possible.
    await p.selectOption('#fact-10101', 'yes');
    const r1 = expect('retail-pharmacy', { 10101: true });
    await p.waitForFunction((s) => document.querySelector('#progress-live').textContent === s, `${T.progress(r1.answers)}${lang === 'zh' ? '，' : '. '}${T.range(r1.reachable)}`);
    const quiet = async (act) => {
      await p.evaluate(() => { document.querySelector('#progress-live').textContent = ''; });
      await act();
      await frames(p);
      assert.equal(await p.locator('#progress-live').textContent(), '');
    };
    await quiet(() => p.fill('#subject-name', '某某大药房'));
    await p.fill('#fact-30101', '1');
    await p.waitForFunction((s) => document.querySelector('#progress-live').textContent.startsWith(s), T.progress({ given: 2, of: 18 }));
    const [a, c] = [expect('retail-pharmacy', { 10101: true, 30101: '1' }).reachable, expect('retail-pharmacy', { 10101: true, 30101: '12' }).reachable];
    assert.deepEqual([a.minGrade, a.maxGrade], [c.minGrade, c.maxGrade], 'the second digit changes no grade');
    await quiet(async () => { await p.focus('#fact-30101'); await p.keyboard.press('End'); await p.keyboard.type('2'); });
    assert.equal(await p.locator('#range').textContent(), T.range(c), 'the range follows every keystroke');
    assert.equal(await p.locator('#grade-live').textContent(), '', 'no grade said while answers are missing');
    await p.fill('#fact-30101', '');
    await shots(p, `verdict-partial-${lang}`);

    // Every indicator answered: the score, the grade and the measures, and the grade is announced.
    for (const [code, v] of Object.entries(PHARMACY)) await p.selectOption(`#fact-${code}`, v);
    for (const [code, v] of Object.entries(COUNTS)) await p.fill(`#fact-${code}`, v);
    const r = expect('retail-pharmacy', { ...asFacts(PHARMACY), ...COUNTS });
    assert.equal(r.complete, true);
    await p.waitForFunction((s) => document.querySelector('#score')?.textContent === s, String(r.score));
    assert.equal(await p.locator('#grade').textContent(), `${r.grade} ${r.label[lang]}`);
    assert.equal(await p.locator('#grade-live').textContent(), T.done(r));
    await p.waitForFunction((n) => document.querySelectorAll('.measures li').length === n, r.measures.length);
    assert.equal(await p.locator('#progress').count(), 0);
    assert.equal(await p.locator('#headbar-text').textContent(), `${r.score} / 1000 · ${r.grade} ${r.label[lang]}`);
    const full = await printed(p);
    assert.ok(full.includes(`${r.score} / 1000`));
    assert.ok(!full.includes(T.notYet(1).split(/[：:]/)[0]), 'not said to be incomplete');
    await shots(p, `verdict-complete-${lang}`);

    // Taking one answer back: incomplete again, the measures go.
    await p.fill('#fact-30401', '');
    await p.waitForFunction((s) => document.querySelector('#progress')?.textContent === s, T.progress({ given: 17, of: 18 }));
    await p.waitForFunction(() => !document.querySelector('.measures'));
    assert.deepEqual(p.errors, []);
    await p.context().close();
  });

  test(`a direct grade shows beside the points score and their grade, with its reason and basis (${lang})`, async () => {
    const p = await open(lang);
    await p.selectOption('#subject-type', 'insured');
    await p.waitForSelector('#fact-10101');
    const facts = { 10101: '0', 20101: '0', 20201: '0', 30101: '0', 30201: '0', 30301: '0' };
    for (const [code, v] of Object.entries(facts)) await p.fill(`#fact-${code}`, v);
    await p.click('#add-event');
    await p.locator('.event-row select').selectOption('fraud-serious');
    await p.locator('.event-row input[type=date]').fill('2026-03-01');
    const r = expect('insured', facts, [{ kind: 'fraud-serious', date: '2026-03-01' }]);
    assert.equal(r.complete, true, 'the fraud answers 30102');
    assert.ok(r.directGrade && r.grade !== r.pointsGrade, 'the grade is not the points\' grade');
    const band = { ...r.band, ...core.rules({ type: 'insured' }).bands.find((x) => x.grade === r.pointsGrade) };
    band.max = core.rules({ type: 'insured' }).bands.filter((x) => x.min > band.min).map((x) => x.min).sort((x, y) => x - y)[0];
    await p.waitForFunction((s) => document.querySelector('#score')?.textContent === s, String(r.score));
    assert.equal((await p.locator('#points-grade').innerText()).replace(/\n/g, '').replace(/ · .*$/, ''), T.pointsGrade(r, band));
    assert.equal(await p.locator('#grade').textContent(), `${r.grade} ${r.label[lang]} ${T.direct}`);
    const direct = await p.locator('#direct-grade').innerText();
    assert.ok(direct.includes(r.directGrade.reason[lang]), 'the reason');
    assert.ok(direct.includes(r.directGrade.cite[lang]), 'its basis');
    // Nothing that contradicts the score: no band of the direct grade, no points to a grade points cannot reach.
    const text = await resultText(p);
    assert.ok(!text.includes(`< ${r.band.max}`), 'no band line of the direct grade');
    assert.ok(!text.includes(T.gap), 'no gap to the next grade');
    assert.ok(text.includes(r.nextGrade.blockedBy[lang]), 'what would change the grade');
    // The report: the points score with their grade, and the direct grade with its reason.
    const pdf = await p.pdf({ format: 'A4', printBackground: true });
    fs.writeFileSync(path.join(ARTIFACTS, `verdict-report-direct-${lang}.pdf`), pdf);
    assert.equal(pdfPageCount(pdf), 1);
    const report = await printed(p);
    assert.ok(report.includes(T.reportDirect(r, band)), report);
    assert.ok(report.includes(r.directGrade.reason[lang]));
    await shots(p, `verdict-direct-${lang}`);
    assert.deepEqual(p.errors, []);
    await p.context().close();
  });
}
