// Events in the self-assessment (issue 13, points 2 and 4), in Chinese and in English. One
// incident is never counted twice: the count box of an indicator that events also answer holds
// only the incidents not listed below (the two are added), it says so, and shows how many listed
// events count for it; once one is listed the indicator is answered. An event that does not count
// (dated outside the period, or after the as-of date) says so on its row, with the reason, and is a
// muted line of 0 with the reason in the table of scores; it changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, browser, page, ARTIFACTS, nodeModule } from './harness.mjs';
import * as core from '../../www/pkg/yibao_credit.js';

nodeModule(core, 'yibao_credit');
const AS_OF = '2026-11-23'; // the period: 2025-11-24 to 2026-11-23
const expect = (facts, events) => core.evaluate({ subject: { type: 'retail-pharmacy', name: '' }, asOf: AS_OF, facts, events });
const TALK = 'agreement-talk'; // counts for 30201, −20 each, at most −40

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

const TEXT = {
  zh: {
    box: /^30201 被约谈、限期整改（每次扣20分） 另有未在下方列出的$/,
    listed: (n, out) => (out ? `已列出 ${n} 条事件（另有 ${out} 条不计入）` : `已列出 ${n} 条事件`),
    notCounted: (d) => `不计入：发生于 ${d}，不在评价期间 2025-11-24 至 2026-11-23 内（第二十条）`,
    noDate: '未填日期，暂不计入。',
    traceNot: (d) => `（不计入：发生于 ${d}，`,
    progress: (n) => `已填写 ${n} / 18 项`,
  },
  en: {
    box: /^30201 Talk or rectification order \(20 each\) Other times not listed below:$/,
    listed: (n, out) => `${n} listed event${n === 1 ? '' : 's'} counted here${out ? ` (${out} more not counted)` : ''}`,
    notCounted: (d) => `Not counted: dated ${d}, outside the period 2025-11-24 to 2026-11-23 (article 20)`,
    noDate: 'No date yet: not counted.',
    traceNot: (d) => `(not counted: dated ${d},`,
    progress: (n) => `${n} of 18 answered`,
  },
};

/** Adds an event row and fills it (an empty `date` leaves the date blank). */
async function addEvent(p, kind, date) {
  await p.click('#add-event');
  const row = p.locator('.event-row').last();
  await row.locator('select').selectOption(kind);
  if (date) await row.locator('input[type=date]').fill(date);
}

/** The 30201 row of the table of scores, once the last change is drawn: [score cell, its lines (text, muted or not)]. */
async function traceRow(p) {
  await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await p.evaluate(() => { const d = document.querySelector('#result details.trace'); if (!d.open) d.open = true; });
  const row = p.locator('#result .trace tr', { has: p.locator('th', { hasText: /^30201 / }) });
  await row.waitFor();
  const lines = await row.locator('td div').evaluateAll((ds) => ds.map((d) => ({ text: d.textContent, muted: d.classList.contains('not-counted') })));
  return [await row.locator('td.num').textContent(), lines];
}

for (const lang of ['zh', 'en']) {
  const T = TEXT[lang];
  test(`a count box holds only the incidents not listed; events that do not count say why (${lang})`, async () => {
    const p = await page(b, { serviceWorkers: 'block' });
    await p.goto(srv.url);
    await p.evaluate((l) => localStorage.setItem('yibao-credit:lang', l), lang);
    await p.reload();
    await p.waitForSelector('#headline');
    await p.fill('#as-of', AS_OF);

    // The box is named for what it holds; nothing listed yet, so no count of listed events.
    const box = p.getByRole('spinbutton', { name: T.box });
    assert.equal(await box.getAttribute('id'), 'fact-30201');
    assert.equal(await p.locator('#fact-30201-listed').textContent(), '');
    assert.match(await p.locator('#result .missing').textContent(), /30201 /);

    // One talk listed: it answers 30201 (no longer asked for), −20.
    await addEvent(p, TALK, '2026-05-06');
    await p.waitForFunction((s) => document.querySelector('#fact-30201-listed').textContent === s, T.listed(1, 0));
    await p.waitForFunction((s) => document.querySelector('#progress')?.textContent === s, T.progress(1));
    assert.doesNotMatch(await p.locator('#result .missing').textContent(), /30201 /);
    const one = expect({}, [{ kind: TALK, date: '2026-05-06' }]).trace.find((n) => n.code === '30201');
    assert.equal(one.score, 20);
    assert.equal((await traceRow(p))[0], '20/40');

    // One more typed in the box: the box is the talks not listed, so two in all, −40.
    await box.fill('1');
    const two = expect({ 30201: '1' }, [{ kind: TALK, date: '2026-05-06' }]);
    assert.equal(two.trace.find((n) => n.code === '30201').score, 0);
    await p.waitForFunction((s) => document.querySelector('#range')?.textContent.includes(s), `${two.reachable.min} – ${two.reachable.max}`);
    assert.equal((await traceRow(p))[0], '0/40');
    // The table stays open while typing, drawn again with each change.
    await box.fill('');
    await p.waitForFunction(() => [...document.querySelectorAll('#result details.trace[open] tr')].some((r) => /^30201 /.test(r.cells[0].textContent) && r.cells[1].textContent === '20/40'));

    // Two talks that do not count (before the period; after the as-of date) and one with no date:
    // each row says so, the box shows them apart, the table has them as muted lines of 0, and
    // nothing else moves.
    const before = await p.locator('#headline').textContent();
    await addEvent(p, TALK, '2024-05-06');
    await addEvent(p, TALK, '2026-12-06');
    await addEvent(p, TALK, '');
    await p.waitForFunction((s) => document.querySelector('#fact-30201-listed').textContent === s, T.listed(1, 2));
    await p.waitForFunction(() => document.querySelectorAll('.ev-status:not(:empty)').length === 3);
    const status = await p.locator('.event-row .ev-status').allTextContents();
    assert.deepEqual(status, ['', T.notCounted('2024-05-06'), T.notCounted('2026-12-06'), T.noDate]);
    assert.equal(await p.locator('.event-row').nth(1).locator('input[type=date]').getAttribute('aria-describedby'),
      await p.locator('.event-row').nth(1).locator('.ev-status').getAttribute('id'), 'the reason is read with the date');
    assert.equal(await p.locator('#headline').textContent(), before, 'they change nothing');
    const [cell, lines] = await traceRow(p);
    assert.equal(cell, '20/40');
    assert.equal(lines.length, 3);
    assert.equal(lines[0].muted, false);
    for (const [i, d] of [[1, '2024-05-06'], [2, '2026-12-06']]) {
      assert.equal(lines[i].muted, true, `${d}: muted`);
      assert.ok(lines[i].text.startsWith('0 ') && lines[i].text.includes(T.traceNot(d)), lines[i].text);
    }
    await p.locator('#result .trace tr', { has: p.locator('th', { hasText: /^30201 / }) }).scrollIntoViewIfNeeded();
    await p.screenshot({ path: path.join(ARTIFACTS, `events-trace-${lang}-1280.png`) });
    await p.locator('.event-row').nth(1).scrollIntoViewIfNeeded();
    await p.screenshot({ path: path.join(ARTIFACTS, `events-${lang}-1280.png`) });
    await p.setViewportSize({ width: 390, height: 844 });
    await p.locator('.event-row').nth(1).scrollIntoViewIfNeeded();
    await p.screenshot({ path: path.join(ARTIFACTS, `events-${lang}-390.png`) });
    assert.deepEqual(p.errors, []);
    await p.context().close();
  });
}
