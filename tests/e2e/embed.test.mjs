// The embeddable parts inside a host page that imitates an old government portal
// (tests/host/portal.html: global `*` and table styles, a conflicting framework, a strict CSP):
// the Web Component renders, scores, fires events, stays independent of a second instance,
// prints; until every indicator is answered it shows progress and the scores still possible, not a
// verdict, and its event says `complete: false`; the JS API example page; the iframe option with
// its origin check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, page, ROOT, ARTIFACTS, pdfPageCount, nodeModule } from './harness.mjs';
import * as core from '../../www/pkg/yibao_credit.js';

nodeModule(core, 'yibao_credit');
const score = (type, facts = {}) => core.evaluate({ subject: { type, name: '' }, asOf: '2026-11-23', facts });
const progress = (r, lang = 'zh') => (lang === 'zh' ? `已填写 ${r.answers.given} / ${r.answers.of} 项` : `${r.answers.given} of ${r.answers.of} answered`);
const range = ({ reachable: x }) => `可能得分 ${x.min} – ${x.max} 分（等级 ${x.minGrade === x.maxGrade ? x.minGrade : `${x.minGrade} – ${x.maxGrade}`}）`;
/** A retail pharmacy's every answer, as the component's controls take them and as facts. */
const SELECTS = { 10101: 'yes', 10102: 'yes', 10201: 'yes', 10202: 'no', 20101: 'good', 20102: 'yes', 20103: 'yes' };
const COUNTS = { 20201: '1', 30101: '0', 30102: '1', 30103: '0', 30201: '0', 30202: '0', 30203: '0', 30204: '0', 30205: '0', 30301: '0', 30401: '0' };
const ALL = { ...Object.fromEntries(Object.entries(SELECTS).map(([k, v]) => [k, v === 'yes' ? true : v === 'no' ? false : v])), ...COUNTS };

let srv;
let srv2;
let b;
before(async () => { srv = await serve(ROOT); srv2 = await serve(ROOT); b = await browser(); });
after(async () => { await b.close(); await srv.close(); await srv2.close(); });

function outsideLog(p, origins) {
  const outside = [];
  p.on('request', (r) => { const u = r.url(); if (!origins.some((o) => u.startsWith(o)) && !u.startsWith('data:')) outside.push(u); });
  return outside;
}

test('the component renders, scores, prints and keeps its styles inside a hostile portal page', async () => {
  const p = await page(b);
  const outside = outsideLog(p, [srv.url]);
  await p.goto(`${srv.url}tests/host/portal.html`);
  await p.waitForSelector('#ev1 .headline');
  await p.waitForSelector('#ev2 .headline');

  // Nothing answered: each instance says how many are, and what is still possible, as the core
  // computes it — no score, no grade, no measures, and its event says so.
  const ph0 = score('retail-pharmacy');
  const doc0 = score('physician');
  assert.equal(await p.locator('#ev1 .progress').textContent(), progress(ph0));
  assert.equal(await p.locator('#ev1 .range').textContent(), range(ph0));
  assert.equal(await p.locator('#ev2 .progress').textContent(), progress(doc0));
  for (const sel of ['.num', '.grade', '.measures', '.next']) assert.equal(await p.locator(`#ev1 ${sel}`).count(), 0, sel);
  assert.doesNotMatch(await p.locator('#ev1 .result').textContent(), /还差|警示约谈|失信信用主体名单/);
  const first = await p.evaluate(() => window.portalEvents.find((e) => e.id === 'ev1'));
  assert.deepEqual(first, { id: 'ev1', complete: false, answers: { given: 0, of: 18 }, reachable: ph0.reachable }, 'the first event says complete: false');

  // The host's CSS does not reach in: not red, not 12px SimSun, fieldsets shown, controls full size.
  const inner = await p.evaluate(() => {
    const sr = document.getElementById('ev1').shadowRoot;
    const g = getComputedStyle(sr.querySelector('.progress'));
    const sel = sr.querySelector('select');
    return { color: g.color, size: getComputedStyle(sr.querySelector('.yc')).fontSize, fieldset: getComputedStyle(sr.querySelector('fieldset')).display,
      selectWidth: sel.getBoundingClientRect().width, shadowMode: sr.mode };
  });
  assert.equal(inner.color, 'rgb(27, 31, 36)', 'the component\'s text colour, not the host\'s red');
  assert.equal(inner.size, '14px');
  assert.equal(inner.fieldset, 'block');
  assert.ok(inner.selectWidth > 60, `select is ${inner.selectWidth}px wide`);
  assert.equal(inner.shadowMode, 'open');
  // …and the component's CSS does not leak out: host elements keep the host's styles.
  const host = await p.evaluate(() => {
    const s = (sel) => getComputedStyle(document.querySelector(sel));
    return { red: s('#host-red').color, font: s('#host-red').fontSize, td: s('#slot-1').borderTopWidth, p: s('.intro').textAlign, frame: s('table.frame').borderTopStyle };
  });
  assert.deepEqual(host, { red: 'rgb(255, 0, 0)', font: '12px', td: '3px', p: 'right', frame: 'solid' });

  // Theming through custom properties set by the host.
  await p.evaluate(() => document.getElementById('ev1').style.setProperty('--yc-accent', 'rgb(1, 2, 3)'));
  assert.equal(await p.evaluate(() => getComputedStyle(document.getElementById('ev1').shadowRoot.querySelector('button.print')).backgroundColor), 'rgb(1, 2, 3)');

  // The report of an incomplete self-assessment says so at its top, and has no measures.
  await p.evaluate(() => document.getElementById('ev1').preparePrint());
  const draft = await p.evaluate(() => {
    const r = document.getElementById('ev1').shadowRoot.querySelector('.report');
    return { top: r.children[2].textContent, all: r.textContent };
  });
  assert.equal(draft.top, `自评未完成：尚有 18 项未填写，以下不是评价结论。 已填写 0 / 18 项；${range(ph0)}。`, 'said under the title');
  assert.doesNotMatch(draft.all, /适用措施|失信信用主体名单/);
  await p.evaluate(() => document.getElementById('ev1').clearPrint());

  // Answer one indicator: the progress moves as the core says, the event reaches the host.
  const leaf = core.rules({ type: 'retail-pharmacy' }).indicators.find((n) => n.scoring && n.scoring.type === 'yesNo');
  const ph1 = score('retail-pharmacy', { [leaf.code]: true });
  assert.notDeepEqual(ph1.reachable, ph0.reachable);
  const eventsBefore = await p.evaluate(() => window.portalEvents.length);
  await p.locator(`#ev1 select[data-code="${leaf.code}"]`).selectOption('yes');
  await p.waitForFunction((s) => document.getElementById('ev1').shadowRoot.querySelector('.range').textContent === s, range(ph1));
  // The headline follows the answer at once; the full result, and its event, the next frame.
  await p.waitForFunction((n) => window.portalEvents.length > n, eventsBefore);
  const ev = await p.evaluate(() => window.portalEvents);
  assert.equal(ev.length, eventsBefore + 1);
  assert.deepEqual(ev[ev.length - 1], { id: 'ev1', complete: false, answers: { given: 1, of: 18 }, reachable: ph1.reachable });
  assert.equal(await p.evaluate(() => document.getElementById('ev1').result.complete), false);
  // The other instance did not move.
  assert.equal(await p.locator('#ev2 .progress').textContent(), progress(doc0));
  assert.ok(ev.some((e) => e.id === 'ev2' && e.complete === false && e.answers.of === 7), 'the late instance fired its own event');

  // Every indicator answered: the score, the grade and the measures, and the event says complete.
  for (const [code, v] of Object.entries(SELECTS)) await p.locator(`#ev1 select[data-code="${code}"]`).selectOption(v);
  for (const [code, v] of Object.entries(COUNTS)) await p.locator(`#ev1 input[data-code="${code}"]`).fill(v);
  const phAll = score('retail-pharmacy', ALL);
  assert.equal(phAll.complete, true);
  await p.waitForFunction((s) => document.getElementById('ev1').shadowRoot.querySelector('.num')?.textContent === s, String(phAll.score));
  assert.match(await p.locator('#ev1 .grade').textContent(), new RegExp(`${phAll.grade}\\s*${phAll.label.zh}`));
  await p.waitForFunction((n) => document.getElementById('ev1').shadowRoot.querySelectorAll('.measures li').length === n, phAll.measures.length);
  await p.waitForFunction(() => window.portalEvents.at(-1).complete === true);
  assert.deepEqual(await p.evaluate(() => window.portalEvents.at(-1)), { id: 'ev1', complete: true, score: phAll.score, grade: phAll.grade });
  assert.equal(await p.evaluate(() => getComputedStyle(document.getElementById('ev1').shadowRoot.querySelector('.num')).color), 'rgb(1, 2, 3)');

  // Attribute change re-renders: English labels, and a new as-of date moves the period.
  await p.evaluate(() => { const e = document.getElementById('ev2'); e.setAttribute('lang', 'en'); e.setAttribute('as-of', '2026-06-30'); });
  await p.waitForFunction(() => /Period 2025-07-01 to 2026-06-30/.test(document.getElementById('ev2').shadowRoot.querySelector('.result').textContent));
  assert.equal(await p.locator('#ev2 .progress').textContent(), progress(doc0, 'en'));
  assert.match(await p.locator('#ev2 .headline').textContent(), /The score, grade and measures follow once all 7 are answered\./);
  assert.match(await p.locator('#ev2 button.print').textContent(), /Print the report/);
  assert.doesNotMatch(await p.locator('#ev2 .result').textContent(), /null|undefined/);
  await p.screenshot({ path: path.join(ARTIFACTS, 'embed-portal.png'), fullPage: true });

  // Print: the button marks the path to this instance and calls the page's print. (Back to the top
  // first: after the full-page screenshot a click that has to scroll the page can miss the button.)
  await p.evaluate(() => window.scrollTo(0, 0));
  await p.evaluate(() => { window.printed = []; window.print = () => window.printed.push(document.querySelectorAll('[data-yc-print-path]').length + ':' + !!document.querySelector('#ev1[data-yc-printing]')); });
  await p.locator('#ev1 button.print').click();
  const printed = await p.evaluate(() => window.printed);
  assert.equal(printed.length, 1);
  assert.match(printed[0], /^[1-9]\d*:true$/);
  await p.evaluate(() => document.getElementById('ev1').preparePrint());
  await p.emulateMedia({ media: 'print' });
  assert.equal(await p.locator('#portal-title').isVisible(), false, 'portal chrome hidden in print');
  assert.equal(await p.locator('#ev2').isVisible(), false, 'the other instance is not printed');
  assert.equal(await p.locator('#ev1 .layout').isVisible(), false);
  const report = await p.locator('#ev1 .report').innerText();
  assert.match(report, /医疗保障信用自评报告/);
  assert.ok(report.includes(`${phAll.score} / 1000`));
  assert.doesNotMatch(report, /自评未完成/);
  assert.ok(report.includes(phAll.rules.hash));
  const pdf = await p.pdf({ format: 'A4', printBackground: true });
  fs.writeFileSync(path.join(ARTIFACTS, 'embed-report.pdf'), pdf);
  assert.equal(pdfPageCount(pdf), 1);
  await p.emulateMedia({ media: 'screen' });
  await p.evaluate(() => document.getElementById('ev1').clearPrint());
  assert.equal(await p.locator('#portal-title').isVisible(), true);

  // CSP in force, never violated; nothing outside the origin; no errors.
  assert.deepEqual(await p.evaluate(() => window.cspViolations), []);
  assert.match(await p.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content), /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'$/);
  assert.deepEqual(outside, []);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('a rules-url attribute loads a bureau rule file', async () => {
  const p = await page(b);
  await p.goto(`${srv.url}tests/host/portal.html`);
  await p.waitForSelector('#ev1 .headline');
  await p.evaluate(() => document.getElementById('ev1').setAttribute('rules-url', '/www/rules/insured.json'));
  const ins = score('insured');
  await p.waitForFunction((s) => document.getElementById('ev1').result && document.getElementById('ev1').result.subject.type === 'insured', null);
  assert.equal(await p.locator('#ev1 .progress').textContent(), progress(ins));
  assert.equal(await p.locator('#ev1 .range').textContent(), range(ins));
  assert.equal(await p.evaluate(() => document.getElementById('ev1').result.rules.hash), ins.rules.hash);
  // A missing file is an error message in the component, not a broken page.
  await p.evaluate(() => document.getElementById('ev1').setAttribute('rules-url', '/www/rules/nope.json'));
  await p.waitForSelector('#ev1 .error');
  assert.match(await p.locator('#ev1 .error').textContent(), /指标文件无法读取（HTTP 404）/);
  assert.deepEqual(await p.evaluate(() => window.cspViolations), []);
  await p.context().close();
});

test('the JS API example page scores and shows an error with code and path', async () => {
  const p = await page(b);
  await p.goto(`${srv.url}www/examples/api.html`);
  const r0 = score('retail-pharmacy');
  await p.waitForFunction((s) => document.getElementById('score').textContent === s, `${r0.score} / 1000`);
  await p.check('#pledge');
  const r1 = core.evaluate({ subject: { type: 'retail-pharmacy', name: '示例药房' }, asOf: '2026-11-23', facts: { 10101: true } });
  await p.waitForFunction((s) => document.getElementById('score').textContent === s, `${r1.score} / 1000`);
  assert.equal(await p.locator('#grade').textContent(), `${r1.grade} ${r1.label.zh}（${r1.label.en}）`);
  assert.match(await p.locator('#error').textContent(), /^E_DATE_INVALID \$\.asOf /);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('the TypeScript declarations cover every export of the JS API', async () => {
  const api = await import('../../www/yibao-credit.js');
  // Generated by scripts/dts.mjs (scripts/build.sh): declared here, or re-exported from the
  // module declarations wasm-bindgen writes (`export { … } from './pkg/…'`).
  const read = (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
  const dts = read('www/yibao-credit.d.ts');
  const declared = new Set([...dts.matchAll(/^export (?:function|class) (\w+)/gm)].map((m) => m[1]));
  for (const [, list, mod] of dts.matchAll(/^export \{([^}]*)\} from '\.\/pkg\/(\w+)\.js';/gm)) {
    const pkg = read(`www/pkg/${mod}.d.ts`);
    for (const name of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      assert.match(pkg, new RegExp(`^export (function|class) ${name}\\b`, 'm'), `${name} is declared by pkg/${mod}.d.ts`);
      declared.add(name);
    }
  }
  for (const name of Object.keys(api)) assert.ok(declared.has(name), `${name} is declared`);
  for (const name of declared) assert.ok(name in api, `${name} exists`);
  // The declared result fields are the ones the core returns: every field of a real result is
  // declared, every field declared without `?` is in it. (Evaluation is the Rust type; the API's
  // declarations export it, also as EvaluateResult.)
  assert.match(dts, /^ {2}Evaluation,$/m);
  assert.match(dts, /^export type EvaluateResult = Evaluation;$/m);
  const core = read('www/pkg/yibao_credit.d.ts');
  const start = core.indexOf('export interface Evaluation {');
  assert.ok(start >= 0, 'pkg/yibao_credit.d.ts declares Evaluation');
  const block = core.slice(start, core.indexOf('\n}', start));
  const fields = new Map([...block.matchAll(/^ {4}(\w+)(\??):/gm)].map((m) => [m[1], m[2] === '?']));
  for (const r of [score('retail-pharmacy'), score('insured')]) {
    for (const k of Object.keys(r)) assert.ok(fields.has(k), `Evaluation.${k} is declared`);
    for (const [k, optional] of fields) if (!optional) assert.ok(k in r, `Evaluation.${k} is in the result`);
  }
});

test('the iframe option round-trips messages and checks the parent origin', async () => {
  const p = await page(b);
  const outside = outsideLog(p, [srv.url, srv2.url]);
  const hostOrigin = srv.url.replace(/\/$/, '');
  // The deployment (the frame's own server) lists the host.
  srv2.files.set('/www/frame-parents.json', JSON.stringify({ allowedParents: [hostOrigin] }));
  const frame = `${srv2.url}www/frame.html`;
  await p.goto(`${srv.url}tests/host/iframe-host.html?frame=${encodeURIComponent(frame)}`);
  const doc0 = score('physician');
  await p.waitForFunction(() => window.frameMessages.some((m) => m.type === 'yibao-credit:change' && m.result.subject.type === 'physician'));
  const msgs = await p.evaluate(() => window.frameMessages);
  assert.equal(msgs[0].type, 'yibao-credit:ready');
  const last = msgs.filter((m) => m.type === 'yibao-credit:change').pop();
  assert.equal(last.result.complete, false);
  assert.deepEqual(last.result.answers, doc0.answers);
  assert.deepEqual(last.result.reachable, doc0.reachable);
  assert.equal(last.result.scale, 100);
  assert.equal(last.result.asOf, '2026-11-23');
  assert.equal(await p.locator('#last').textContent(), `0/${doc0.answers.of}`, 'the host shows no grade while answers are missing');
  // The frame took the language: its button is in English.
  const fr = await (await p.waitForSelector('#yc-frame')).contentFrame();
  assert.match(await fr.locator('yibao-credit-evaluator button.print').textContent(), /Print the report/);

  // A frame whose deployment does not list this host neither talks to it nor obeys it.
  srv2.files.set('/www/frame-parents.json', JSON.stringify({ allowedParents: ['https://portal.example.gov.cn'] }));
  const p2 = await page(b);
  const other = `${srv2.url}www/frame.html`;
  await p2.goto(`${srv.url}tests/host/iframe-host.html?frame=${encodeURIComponent(other)}`);
  const fr2 = await (await p2.waitForSelector('#yc-frame')).contentFrame();
  await fr2.waitForSelector('yibao-credit-evaluator .headline');
  await p2.evaluate((o) => document.getElementById('yc-frame').contentWindow.postMessage({ type: 'yibao-credit:configure', subjectType: 'insured' }, o), srv2.url.replace(/\/$/, ''));
  await p2.waitForTimeout(300);
  assert.deepEqual(await p2.evaluate(() => window.frameMessages), []);
  assert.equal(await fr2.locator('yibao-credit-evaluator .progress').textContent(), '已填写 0 / 18 项', 'still the default type');
  srv2.files.delete('/www/frame-parents.json');
  assert.deepEqual(outside, []);
  assert.deepEqual(p.errors, []);
  await p.context().close();
  await p2.context().close();
});
