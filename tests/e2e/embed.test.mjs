// The embeddable parts inside a host page that imitates an old government portal
// (tests/host/portal.html: global `*` and table styles, a conflicting framework, a strict CSP):
// the Web Component renders, scores, fires events, stays independent of a second instance,
// prints; the JS API example page; the iframe option with its origin check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, page, ROOT, ARTIFACTS, pdfPageCount, nodeModule } from './harness.mjs';
import * as core from '../../www/pkg/yibao_credit.js';

nodeModule(core, 'yibao_credit');
const score = (type, facts = {}) => core.evaluate({ subject: { type, name: '' }, asOf: '2026-11-23', facts });

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
  await p.waitForSelector('#ev1 .num');
  await p.waitForSelector('#ev2 .num');

  // Scores as the core computes them, for each instance.
  const ph0 = score('retail-pharmacy');
  const doc0 = score('physician');
  assert.equal(await p.locator('#ev1 .num').textContent(), String(ph0.score));
  assert.equal(await p.locator('#ev2 .num').textContent(), String(doc0.score));
  assert.equal(await p.locator('#ev2 .of').textContent(), ' / 100');
  assert.match(await p.locator('#ev1 .grade').textContent(), new RegExp(`${ph0.grade}\\s*${ph0.label.zh}`));

  // The host's CSS does not reach in: not red, not 12px SimSun, fieldsets shown, controls full size.
  const inner = await p.evaluate(() => {
    const sr = document.getElementById('ev1').shadowRoot;
    const g = getComputedStyle(sr.querySelector('.grade'));
    const sel = sr.querySelector('select');
    return { color: g.color, size: getComputedStyle(sr.querySelector('.yc')).fontSize, fieldset: getComputedStyle(sr.querySelector('fieldset')).display,
      selectWidth: sel.getBoundingClientRect().width, shadowMode: sr.mode };
  });
  assert.notEqual(inner.color, 'rgb(255, 0, 0)');
  assert.equal(inner.color, ph0.grade === 'E' || ph0.grade === 'D' ? 'rgb(179, 89, 0)' : inner.color);
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
  assert.equal(await p.evaluate(() => getComputedStyle(document.getElementById('ev1').shadowRoot.querySelector('.num')).color), 'rgb(1, 2, 3)');

  // Answer one indicator: the score moves as the core says, the event reaches the host.
  const leaf = core.rules({ type: 'retail-pharmacy' }).indicators.find((n) => n.scoring && n.scoring.type === 'yesNo');
  const ph1 = score('retail-pharmacy', { [leaf.code]: true });
  assert.notEqual(ph1.score, ph0.score);
  const eventsBefore = await p.evaluate(() => window.portalEvents.length);
  await p.locator(`#ev1 select[data-code="${leaf.code}"]`).selectOption('yes');
  await p.waitForFunction((s) => document.getElementById('ev1').shadowRoot.querySelector('.num').textContent === s, String(ph1.score));
  // The score follows the answer at once; the full result, and its event, the next frame.
  await p.waitForFunction((n) => window.portalEvents.length > n, eventsBefore);
  const ev = await p.evaluate(() => window.portalEvents);
  assert.equal(ev.length, eventsBefore + 1);
  assert.deepEqual(ev[ev.length - 1], { id: 'ev1', score: ph1.score, grade: ph1.grade });
  assert.equal(await p.evaluate(() => document.getElementById('ev1').result.score), ph1.score);
  // The other instance did not move.
  assert.equal(await p.locator('#ev2 .num').textContent(), String(doc0.score));
  assert.ok(ev.some((e) => e.id === 'ev2' && e.score === doc0.score), 'the late instance fired its own event');

  // Attribute change re-renders: English labels, and a new as-of date moves the period.
  await p.evaluate(() => { const e = document.getElementById('ev2'); e.setAttribute('lang', 'en'); e.setAttribute('as-of', '2026-06-30'); });
  await p.waitForFunction(() => /Period 2025-07-01 to 2026-06-30/.test(document.getElementById('ev2').shadowRoot.querySelector('.result').textContent));
  assert.match(await p.locator('#ev2 .grade').textContent(), new RegExp(score('physician').label.en));
  assert.match(await p.locator('#ev2 button.print').textContent(), /Print the report/);
  assert.doesNotMatch(await p.locator('#ev2 .result').textContent(), /null|undefined/);
  await p.screenshot({ path: path.join(ARTIFACTS, 'embed-portal.png'), fullPage: true });

  // Print: the button marks the path to this instance and calls the page's print.
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
  assert.ok(report.includes(`${ph1.score} / 1000`));
  assert.ok(report.includes(ph1.rules.hash));
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
  await p.waitForSelector('#ev1 .num');
  await p.evaluate(() => document.getElementById('ev1').setAttribute('rules-url', '/data/rules/insured.json'));
  const ins = score('insured');
  await p.waitForFunction((s) => document.getElementById('ev1').result && document.getElementById('ev1').result.subject.type === 'insured', null);
  assert.equal(await p.locator('#ev1 .num').textContent(), String(ins.score));
  assert.equal(await p.evaluate(() => document.getElementById('ev1').result.rules.hash), ins.rules.hash);
  // A missing file is an error message in the component, not a broken page.
  await p.evaluate(() => document.getElementById('ev1').setAttribute('rules-url', '/data/rules/nope.json'));
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
  assert.match(await p.locator('#error').textContent(), /^E_SCALE \$\.scale /);
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
  assert.equal(last.result.score, doc0.score);
  assert.equal(last.result.scale, 100);
  assert.equal(last.result.asOf, '2026-11-23');
  assert.equal(await p.locator('#last').textContent(), `${doc0.score} ${doc0.grade}`);
  // The frame took the language: its button is in English.
  const fr = await (await p.waitForSelector('#yc-frame')).contentFrame();
  assert.match(await fr.locator('yibao-credit-evaluator button.print').textContent(), /Print the report/);

  // A frame whose deployment does not list this host neither talks to it nor obeys it.
  srv2.files.set('/www/frame-parents.json', JSON.stringify({ allowedParents: ['https://portal.example.gov.cn'] }));
  const p2 = await page(b);
  const other = `${srv2.url}www/frame.html`;
  await p2.goto(`${srv.url}tests/host/iframe-host.html?frame=${encodeURIComponent(other)}`);
  const fr2 = await (await p2.waitForSelector('#yc-frame')).contentFrame();
  await fr2.waitForSelector('yibao-credit-evaluator .num');
  await p2.evaluate((o) => document.getElementById('yc-frame').contentWindow.postMessage({ type: 'yibao-credit:configure', subjectType: 'insured' }, o), srv2.url.replace(/\/$/, ''));
  await p2.waitForTimeout(300);
  assert.deepEqual(await p2.evaluate(() => window.frameMessages), []);
  assert.equal(await fr2.locator('yibao-credit-evaluator .of').textContent(), ' / 1000', 'still the default type');
  srv2.files.delete('/www/frame-parents.json');
  assert.deepEqual(outside, []);
  assert.deepEqual(p.errors, []);
  await p.context().close();
  await p2.context().close();
});
