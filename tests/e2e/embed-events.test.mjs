// The embedded component (issue 13, point 10), in Chinese and in English: the dated events list of
// the self-assessment (an event outside the period says it does not count, and why; the score is
// the core's for the same input), saved with the answers; 「得分说明」 opens the working of every
// indicator; the printed report lists the events and is one A4 page, complete or not (a report
// of an unanswered form used to spill onto a second page). axe finds no violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, browser, page, ROOT, ARTIFACTS, pdfPageCount, nodeModule } from './harness.mjs';
import * as core from '../../www/pkg/yibao_credit.js';

nodeModule(core, 'yibao_credit');
const AS_OF = '2026-11-23';
const FINE = { kind: 'penalty-fine', date: '2026-06-15', description: '串换药品' };
const OLD = { kind: 'agreement-talk', date: '2020-01-01', description: '' };
const expected = core.evaluate({ subject: { type: 'retail-pharmacy', name: '' }, asOf: AS_OF, facts: {}, events: [FINE, OLD] });

let srv, b;
before(async () => { srv = await serve(ROOT); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

const inEv = (sel) => `#ev1 ${sel}`;

async function open(lang, opts = {}) {
  const p = await page(b, opts);
  await p.goto(`${srv.url}tests/host/portal.html`);
  await p.evaluate(() => localStorage.clear());
  await p.reload();
  await p.waitForSelector(inEv('.headline'));
  if (lang === 'en') {
    await p.evaluate(() => document.getElementById('ev1').setAttribute('lang', 'en'));
    await p.waitForSelector(inEv('#yc-ev-add:text("Add an event")'));
  }
  return p;
}

async function addEvent(p, i, e) {
  await p.locator(inEv('#yc-ev-add')).click();
  await p.locator(inEv(`#yc-ev-k-${i}`)).selectOption(e.kind);
  await p.locator(inEv(`#yc-ev-d-${i}`)).fill(e.date);
  if (e.description) await p.locator(inEv(`#yc-ev-t-${i}`)).fill(e.description);
}

/** Prints ev1 alone (its print button's preparation) to A4; keeps the PDF and a PNG of each page. */
async function printed(p, name) {
  await p.evaluate(() => document.getElementById('ev1').preparePrint());
  await p.emulateMedia({ media: 'print' });
  const pdf = await p.pdf({ format: 'A4', printBackground: true });
  const file = path.join(ARTIFACTS, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '60', '-png', file, path.join(ARTIFACTS, name)]);
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
  await p.emulateMedia({ media: 'screen' });
  await p.evaluate(() => document.getElementById('ev1').clearPrint());
  return { pages: pdfPageCount(pdf), text };
}

for (const lang of ['zh', 'en']) {
  const zh = lang === 'zh';

  test(`the component lists dated events, explains the score, and prints one page (${lang})`, async () => {
    const p = await open(lang);
    // Unanswered: the report is one page.
    const blank = await printed(p, `embed-events-blank-${lang}`);
    assert.equal(blank.pages, 1, 'an unanswered form prints on one page');
    assert.match(blank.text, zh ? /自评未完成/ : /not complete/);

    await addEvent(p, 0, FINE);
    await addEvent(p, 1, OLD);
    await p.waitForFunction(() => /2020-01-01/.test(document.getElementById('ev1').shadowRoot.querySelector('#yc-evs-1')?.textContent || ''));
    const status = await p.locator(inEv('#yc-evs-1')).innerText();
    assert.match(status, zh ? /^不计入：.*不在评价期间/ : /^Not counted: .*outside the period/);
    assert.equal(await p.locator(inEv('#yc-evs-0')).innerText(), '', 'the fine counts');
    const r = await p.evaluate(() => document.getElementById('ev1').result);
    assert.deepEqual(r.reachable, expected.reachable, 'the same result as the core for the same events');
    assert.equal(r.eventsIgnored.length, 1);
    // A count box holds only the incidents not listed as events.
    assert.match(await p.locator(inEv('label[for="f-30102"] + .ctl small, .leaf:has(#f-30102) small')).first().innerText(), zh ? /未在下方事件中列出/ : /not listed as events/);

    // The explanation, opened on demand: each event's line, the one not counted with 0.
    assert.equal(await p.locator(inEv('details.explain')).getAttribute('open'), null, 'closed until opened');
    await p.locator(inEv('details.explain summary')).click();
    await p.waitForSelector(inEv('details.explain table'));
    const ex = await p.locator(inEv('details.explain')).innerText();
    assert.match(ex, zh ? /-50 2026年6月15日/ : /-50 .*2026-06-15/);
    assert.match(ex, zh ? /\n0 2020年1月1日/ : /\n0 .*2020-01-01/);
    assert.match(ex, zh ? /第十五条第（一）项/ : /Article 15\(1\)/);
    assert.doesNotMatch(ex, zh ? /《汕尾市医疗保障信用管理办法（试行）》第/ : /Article 13 of the Measures/, 'the measures named once, not on every line');
    // It stays open while answering.
    await p.locator(inEv('select[data-code="10101"]')).selectOption('yes');
    await p.waitForTimeout(100);
    assert.equal(await p.locator(inEv('details.explain')).getAttribute('open'), '');
    await p.screenshot({ path: path.join(ARTIFACTS, `embed-events-${lang}.png`), fullPage: true });

    // Saved with the answers: back after a reload.
    await p.reload();
    await p.waitForSelector(inEv('#yc-ev-d-1'));
    assert.equal(await p.locator(inEv('#yc-ev-d-0')).inputValue(), FINE.date);
    assert.equal(await p.locator(inEv('#yc-ev-t-0')).inputValue(), FINE.description);
    assert.equal(await p.locator(inEv('#yc-ev-k-1')).inputValue(), OLD.kind);
    if (!zh) await p.evaluate(() => document.getElementById('ev1').setAttribute('lang', 'en'));
    await p.waitForTimeout(100);

    // The printed report lists the events, with the one that does not count; one page.
    const full = await printed(p, `embed-events-report-${lang}`);
    assert.equal(full.pages, 1);
    assert.match(full.text, zh ? /信用事件：.*2026-06-15 行政处罚：罚款（串换药品）/ : /Credit events: .*2026-06-15 Penalty: fine \(串换药品\)/);
    assert.match(full.text, zh ? /2020-01-01 协议处理：约谈、限期整改（不计入：/ : /2020-01-01 Agreement handling: talk, rectification order \(not counted:/);

    // Removing an event: gone from the result.
    await p.locator(inEv('#yc-ev-x-1')).click();
    await p.waitForFunction(() => document.getElementById('ev1').result.eventsIgnored.length === 0);
    assert.equal(await p.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id), 'yc-ev-add', 'focus stays in the list');
    assert.deepEqual(p.errors, []);
    await p.context().close();
  });
}

test('axe finds no violations in the component with events and the explanation open', async () => {
  const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  for (const lang of ['zh', 'en']) {
    const p = await open(lang, { bypassCSP: true });
    await addEvent(p, 0, FINE);
    await addEvent(p, 1, OLD);
    await p.locator(inEv('#yc-ev-add')).click();
    await p.locator(inEv('details.explain summary')).click();
    await p.waitForTimeout(100);
    // The portal's AMD `define` would take axe's UMD export: hide it from axe.
    await p.addScriptTag({ content: `(function (define) {\n${AXE}\n})();` });
    const r = await p.evaluate(async () => {
      const res = await window.axe.run({ include: [['#ev1']] });
      return { passes: res.passes.length, bad: res.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`) };
    });
    assert.ok(r.passes >= 15, `axe ran its checks (${r.passes} passed)`);
    assert.deepEqual(r.bad, [], lang);
    await p.context().close();
  }
});
