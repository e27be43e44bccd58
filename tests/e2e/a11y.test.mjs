// axe-core on every view, in Chinese and in English: zero violations (all of axe's default rules,
// WCAG 2.x A/AA and best practice). The page's CSP forbids injected scripts, so this test alone
// bypasses CSP to add axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, page, ROOT } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
export const VIEWS = ['assess', 'repair', 'forms', 'deadline', 'ident', 'batch'];

for (const lang of ['zh', 'en']) {
  test(`axe finds no violations on any view (${lang})`, async () => {
    const p = await page(b, { bypassCSP: true, serviceWorkers: 'block' });
    await p.goto(srv.url);
    await p.evaluate((l) => localStorage.setItem('yibao-credit:lang', l), lang);
    const found = {};
    for (const id of VIEWS) {
      await p.goto(`${srv.url}#${id}`);
      await p.reload();
      await p.waitForSelector(`.view-${id}`);
      await p.waitForTimeout(200);
      assert.equal(await p.evaluate(() => document.documentElement.lang), lang === 'en' ? 'en' : 'zh-CN');
      await p.addScriptTag({ content: AXE });
      const r = await p.evaluate(async () => {
        const res = await window.axe.run(document);
        const list = (vs) => vs.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
        // "Needs review" for ARIA on elements that do not take it counts too (screen readers ignore it).
        return { passes: res.passes.length, bad: list(res.violations.concat(res.incomplete.filter((v) => v.id === 'aria-prohibited-attr'))) };
      });
      assert.ok(r.passes >= 20, `axe ran its checks on ${id} (${r.passes} passed)`);
      if (r.bad.length) found[id] = r.bad;
    }
    assert.deepEqual(found, {});
    assert.deepEqual(p.errors, []);
    await p.context().close();
  });
}

test('axe finds no violations with the self-assessment filled in and messages showing, wide and on a phone', async () => {
  const p = await page(b, { bypassCSP: true, serviceWorkers: 'block' });
  await p.goto(srv.url);
  // Data of another version (the banner), then a filled-in assessment with an event and a refused import.
  await p.evaluate(() => localStorage.setItem('yibao-credit:repair', JSON.stringify({ v: 9, data: {} })));
  for (const lang of ['zh', 'en']) {
    await p.evaluate((l) => localStorage.setItem('yibao-credit:lang', l), lang);
    await p.reload();
    await p.waitForSelector('#headline');
    await p.waitForSelector('#app-msg [role=alert]');
    await p.fill('#subject-name', '某某大药房');
    await p.fill('#subject-code', '91110000600037341N');
    await p.selectOption('#fact-10101', 'yes');
    await p.click('#add-event');
    await p.locator('.event-row select').last().selectOption('agreement-talk');
    await p.locator('.event-row input[type=date]').last().fill('2026-05-06');
    // An event outside the period: its row says it does not count, and why.
    await p.click('#add-event');
    await p.locator('.event-row select').last().selectOption('agreement-talk');
    await p.locator('.event-row input[type=date]').last().fill('2020-05-06');
    await p.waitForSelector('.ev-status:not(:empty)');
    await p.setInputFiles('#data-import', { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{') });
    await p.waitForSelector('#data-msg [role=alert]');
    await p.waitForSelector('.warnings');
    await p.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    for (const width of [1280, 390]) {
      // On a phone the compact bar with the headline is at the top.
      await p.setViewportSize({ width, height: 900 });
      await p.addScriptTag({ content: AXE });
      const r = await p.evaluate(async () => {
        const res = await window.axe.run(document);
        return { passes: res.passes.length, bad: res.violations.concat(res.incomplete.filter((v) => v.id === 'aria-prohibited-attr')).map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`) };
      });
      assert.ok(r.passes >= 20);
      assert.deepEqual(r.bad, [], `${lang}, ${width}px`);
    }
    await p.setViewportSize({ width: 1280, height: 900 });
  }
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
