// The headline stays in sight while answering (issue 13, point 7). On a phone (390 px) the header
// is short and a compact bar with the headline sticks to the top of the window wherever the form
// is scrolled, never covering the control being answered; 「查看详情」 takes the focus to the full
// result. On a desktop window the result's own headline or, once it has scrolled away, the same
// bar is in sight at every scroll position, down to the events and the page's end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, browser, page, ARTIFACTS } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

/** Where the bar and the headline are, and whether each can be seen in the window. */
const sight = (p) => p.evaluate(() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; };
  const bar = document.querySelector('#headbar .hb');
  const head = document.querySelector('#headline');
  const inWindow = (r) => r.bottom > 0 && r.top < window.innerHeight;
  return {
    bar: box(bar), barSeen: getComputedStyle(bar).visibility === 'visible' && inWindow(box(bar)),
    headSeen: inWindow(box(head)), barText: document.querySelector('#headbar-text').textContent,
  };
});
/** Two frames: the intersection observer has told the bar. */
const settle = (p) => p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

for (const lang of ['zh', 'en']) {
  test(`on a 390-px phone the headline is always in sight while answering (${lang})`, async () => {
    const p = await page(b, { viewport: { width: 390, height: 844 }, serviceWorkers: 'block', isMobile: true, hasTouch: true });
    await p.goto(srv.url);
    await p.evaluate((l) => localStorage.setItem('yibao-credit:lang', l), lang);
    await p.reload();
    await p.waitForSelector('#headline');
    const headerHeight = await p.evaluate(() => document.querySelector('.top').getBoundingClientRect().height);
    assert.ok(headerHeight <= 150, `the header is ${headerHeight}px tall`);
    const progress = lang === 'zh' ? '已填写 0 / 18 项' : '0 of 18 answered';
    let s = await sight(p);
    assert.ok(s.barSeen && s.bar.top < headerHeight + 40, `the bar is right under the header (at ${s.bar.top})`);
    assert.ok(s.barText.startsWith(progress), s.barText);
    assert.ok(!s.headSeen, 'the full result is further down');
    await p.screenshot({ path: path.join(ARTIFACTS, `narrow-top-${lang}.png`) });

    // Answering down the form: the bar stays at the top, follows every answer, and the control
    // being answered is never under it.
    const codes = ['10101', '20101', '20201', '30101', '30205', '30401'];
    for (const [i, code] of codes.entries()) {
      const el = p.locator(`#fact-${code}`);
      await el.focus();
      if (await el.evaluate((e) => e.tagName === 'SELECT')) await el.selectOption({ index: 1 });
      else await el.fill('0');
      await p.waitForFunction((t) => document.querySelector('#headbar-text').textContent.startsWith(t), lang === 'zh' ? `已填写 ${i + 1} / 18 项` : `${i + 1} of 18 answered`);
      s = await sight(p);
      const at = await el.evaluate((e) => e.getBoundingClientRect().top);
      assert.ok(s.barSeen && Math.abs(s.bar.top) < 1, `${code}: the bar is at the top (${s.bar.top})`);
      assert.ok(at >= s.bar.bottom, `${code}: the control (at ${at}) is not under the bar (to ${s.bar.bottom})`);
    }
    await p.locator('#add-event').scrollIntoViewIfNeeded();
    await settle(p);
    assert.ok((await sight(p)).barSeen, 'by the events too');
    await p.screenshot({ path: path.join(ARTIFACTS, `narrow-answering-${lang}.png`) });

    // 「查看详情」: the full result, with the focus on its headline.
    await p.click('#to-result');
    await settle(p);
    assert.equal(await p.evaluate(() => document.activeElement.id), 'headline');
    assert.ok((await sight(p)).headSeen);
    assert.deepEqual(p.errors, []);
    await p.context().close();
  });
}

test('on a desktop window the headline or the bar is in sight at every scroll position', async () => {
  const p = await page(b, { viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  await p.goto(srv.url);
  await p.waitForSelector('#headline');
  // At the top the result's own headline is in sight, and the bar is not there twice.
  let s = await sight(p);
  assert.ok(s.headSeen && !s.barSeen);
  const height = await p.evaluate(() => document.documentElement.scrollHeight);
  let barShown = 0;
  for (let y = 0; y <= height; y += 250) {
    await p.evaluate((v) => window.scrollTo(0, v), y);
    await settle(p);
    s = await sight(p);
    assert.ok(s.headSeen || s.barSeen, `at ${y}px: neither the headline nor the bar is in sight`);
    if (s.barSeen) barShown += 1;
  }
  assert.ok(barShown > 0, 'near the events and the end the result panel scrolls away, and the bar is there');
  await p.locator('#add-event').scrollIntoViewIfNeeded();
  await p.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await settle(p);
  assert.ok((await sight(p)).barSeen);
  await p.screenshot({ path: path.join(ARTIFACTS, 'narrow-desktop-bottom.png') });
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
