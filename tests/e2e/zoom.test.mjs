// 200% zoom: a 1280px window at 200% lays out like a 640px one. On every view, in both languages,
// and with the self-assessment filled in: the page never scrolls sideways, and no text is cut off
// (no element with text is wider than its box while hiding the overflow, none sticks out of the page).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, browser, page, ARTIFACTS } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

const VIEWS = ['assess', 'repair', 'forms', 'deadline', 'ident', 'batch'];

const measure = (p) => p.evaluate(() => {
  const vw = window.innerWidth;
  const out = { vw, scrollWidth: document.documentElement.scrollWidth, bodyScroll: document.body.scrollWidth, clipped: [], outside: [] };
  for (const el of document.querySelectorAll('body *')) {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden' || el.closest('.sr-only, [aria-hidden="true"], .report, input[type=file], .skip:not(:focus)')) continue;
    const text = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!text) continue;
    const name = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''} "${el.textContent.trim().slice(0, 20)}"`;
    if (/(hidden|clip)/.test(cs.overflowX) && el.scrollWidth > el.clientWidth + 1 && cs.textOverflow !== 'ellipsis') out.clipped.push(name);
    const r = el.getBoundingClientRect();
    if (r.width && (r.right > vw + 1 || r.left < -1)) out.outside.push(name);
  }
  return out;
});

for (const lang of ['zh', 'en']) {
  test(`at 200% zoom (640px) no view scrolls sideways or cuts text (${lang})`, async () => {
    const p = await page(b, { viewport: { width: 640, height: 900 }, serviceWorkers: 'block' });
    await p.goto(srv.url);
    await p.evaluate((l) => localStorage.setItem('yibao-credit:lang', l), lang);
    const bad = {};
    for (const id of VIEWS) {
      await p.goto(`${srv.url}#${id}`);
      await p.reload();
      await p.waitForSelector(`.view-${id}`);
      await p.waitForTimeout(200);
      if (id === 'assess') {
        // With a result that has every part: warnings, next grade, measures, an event row.
        await p.fill('#subject-name', '汕尾市城区某某大药房有限公司第一分店');
        await p.fill('#subject-code', '91110000600037341N');
        await p.selectOption('#fact-10101', 'yes');
        await p.click('#add-event');
        await p.locator('.event-row select').selectOption('agreement-talk');
        await p.locator('.event-row input[type=date]').fill('2026-05-06');
        await p.waitForSelector('.warnings');
        await p.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      }
      const m = await measure(p);
      assert.equal(m.vw, 640);
      if (m.scrollWidth > m.vw + 1 || m.clipped.length || m.outside.length) bad[id] = m;
      await p.screenshot({ path: path.join(ARTIFACTS, `zoom200-${id}-${lang}.png`), fullPage: true });
    }
    assert.deepEqual(bad, {});
    assert.deepEqual(p.errors, []);
    await p.context().close();
  });
}
