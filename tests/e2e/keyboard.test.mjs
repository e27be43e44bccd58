// The self-assessment with the keyboard alone (Tab, Shift+Tab, arrow keys, Enter, typing): the
// subject type, answers, an event, the grade, and its announcement. Focus is visible on every stop,
// and Tab goes through the whole page and out again (no trap).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, page } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

/** What has focus, and whether it is visibly marked (outline on it, or on the label of a hidden file input). */
const focused = (p) => p.evaluate(() => {
  const a = document.activeElement;
  if (!a || a === document.body) return { id: null, none: true };
  let shown = a;
  if (a.matches('input[type=file]')) shown = document.querySelector(`label[for="${a.id}"]`) || a;
  const cs = getComputedStyle(shown);
  return { id: a.id || null, tag: a.tagName.toLowerCase(), text: (a.textContent || '').trim().slice(0, 30), value: a.value, visible: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 };
});

async function tabTo(p, id, max = 120) {
  for (let i = 0; i < max; i++) {
    await p.keyboard.press('Tab');
    const f = await focused(p);
    assert.ok(f.none || f.visible, `focus is visible on ${f.tag}#${f.id} "${f.text}"`);
    if (f.id === id) return;
  }
  assert.fail(`Tab never reached #${id}`);
}

/** Arrow keys on a focused <select> until it shows `value`. */
async function arrowTo(p, value) {
  for (let i = 0; i < 40; i++) {
    if ((await focused(p)).value === value) return;
    await p.keyboard.press('ArrowDown');
  }
  assert.fail(`no option ${value}`);
}

test('the self-assessment can be done with the keyboard alone, with visible focus and no trap', async () => {
  const p = await page(b);
  await p.goto(srv.url);
  await p.waitForSelector('#headline');
  await p.keyboard.press('Tab');
  assert.equal((await focused(p)).text, '跳到主要内容 / Skip to content');

  // The subject type: another type and back; focus stays on the control when the view redraws.
  await tabTo(p, 'subject-type');
  await p.keyboard.press('ArrowDown');
  await p.waitForFunction(() => document.querySelector('#subject-type').value !== 'retail-pharmacy');
  assert.equal((await focused(p)).id, 'subject-type');
  await p.keyboard.press('ArrowUp');
  await p.waitForFunction(() => document.querySelector('#subject-type').value === 'retail-pharmacy');
  assert.equal((await focused(p)).id, 'subject-type');

  await tabTo(p, 'subject-name');
  await p.keyboard.type('键盘大药房');

  // Answers: 1000 − 20 (10202 否) − 30 (良好) − 25 (one award short) − 50 (one fine) = 875 → A.
  // Each answer is announced politely with what is still possible; the grade once all are given.
  for (const [code, v] of [['10101', 'yes'], ['10102', 'yes'], ['10201', 'yes'], ['10202', 'no'], ['20101', 'good'], ['20102', 'yes'], ['20103', 'yes']]) {
    await tabTo(p, `fact-${code}`);
    await arrowTo(p, v);
  }
  await p.waitForFunction(() => /^已填写 7 \/ 18 项，可能得分 \d+ – \d+ 分（等级 [A-E] – [A-E]）$/.test(document.querySelector('#progress-live').textContent));
  assert.equal(await p.locator('#grade-live').textContent(), '');
  for (const [code, n] of [['20201', '1'], ['30101', '0'], ['30102', '1'], ['30103', '0'], ['30201', '0'], ['30202', '0'], ['30203', '0'], ['30204', '0'], ['30205', '0'], ['30301', '0'], ['30401', '0']]) {
    await tabTo(p, `fact-${code}`);
    await p.keyboard.type(n);
  }
  await p.waitForFunction(() => document.querySelector('#score')?.textContent === '875');
  assert.match(await p.locator('#grade').textContent(), /A\s*信用优秀/);
  assert.equal(await p.locator('#grade-live').textContent(), '全部 18 项已填写：875 分，等级 A（信用优秀）');

  // Shift+Tab goes back.
  await p.keyboard.press('Shift+Tab');
  assert.notEqual((await focused(p)).id, 'fact-30401');
  await tabTo(p, 'fact-30401');

  // An event: Enter on 「添加事件」 puts focus on the new row's kind.
  await tabTo(p, 'add-event');
  await p.keyboard.press('Enter');
  const kindId = await p.evaluate(() => document.activeElement.id);
  assert.equal(kindId, await p.locator('.event-row select').getAttribute('id'));
  await arrowTo(p, 'agreement-suspend-settlement');
  await p.keyboard.press('Tab'); // 日期
  // The order of the date's parts follows the browser's locale, so step them: ArrowUp on each empty
  // part gives this year, January, the 1st, whatever the order (always inside the default period).
  for (const k of ['ArrowUp', 'Tab', 'ArrowUp', 'Tab', 'ArrowUp']) await p.keyboard.press(k);
  assert.equal(await p.locator('.event-row input[type=date]').inputValue(), `${new Date().getFullYear()}-01-01`);
  await p.waitForFunction(() => document.querySelector('#score').textContent === '845');
  assert.match(await p.locator('#grade').textContent(), /B\s*信用良好/);
  assert.match(await p.locator('#grade-live').textContent(), /等级变为 B（信用良好），845 分/);

  // Space on a button works too: 「删除」 the event, focus returns to 「添加事件」.
  for (let i = 0; i < 6 && (await focused(p)).text !== '删除'; i++) await p.keyboard.press('Tab'); // past the date's picker and 说明
  assert.equal((await focused(p)).text, '删除');
  await p.keyboard.press('Space');
  await p.waitForFunction(() => document.querySelector('#score').textContent === '875');
  assert.equal((await focused(p)).id, 'add-event');

  // No trap: Tab goes through the footer (我的数据) and leaves the page.
  const seen = [];
  for (let i = 0; i < 200; i++) {
    await p.keyboard.press('Tab');
    const f = await focused(p);
    if (f.none) break;
    assert.ok(f.visible, `focus is visible on ${f.tag}#${f.id} "${f.text}"`);
    seen.push(f.id);
  }
  assert.ok(seen.includes('data-export') && seen.includes('data-clear'), 'the data tools are reachable');
  assert.ok(seen.length < 200, 'focus leaves the page');
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('the views are switched by keyboard and focus stays on the chosen tab', async () => {
  const p = await page(b);
  await p.goto(srv.url);
  await p.waitForSelector('#headline');
  for (const [name, id] of [['信用修复', 'repair'], ['期限计算', 'deadline'], ['信用自评', 'assess']]) {
    for (let i = 0; i < 20 && (await focused(p)).text !== name; i++) await p.keyboard.press('Tab');
    assert.equal((await focused(p)).text, name);
    await p.keyboard.press('Enter');
    await p.waitForSelector(`.view-${id}`);
    const f = await focused(p);
    assert.equal(f.text, name, 'focus stays on the tab');
    assert.ok(f.visible);
    assert.equal(await p.evaluate(() => document.activeElement.getAttribute('aria-current')), 'page');
    assert.equal(await p.evaluate(() => location.hash), `#${id}`);
    await p.keyboard.press('Shift+Tab');
    for (let i = 0; i < 10 && !(await focused(p)).text.startsWith('跳到'); i++) await p.keyboard.press('Shift+Tab');
    assert.match((await focused(p)).text, /^跳到主要内容/);
  }
  // The skip link takes focus to the main content, and the view stays.
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => document.activeElement.id === 'main');
  assert.equal(await p.locator('.view-assess').count(), 1);
  assert.equal(await p.evaluate(() => location.hash), '#assess', 'the address still names the view');
  await p.keyboard.press('Tab');
  assert.ok((await focused(p)).visible);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('redrawing controls in the forms and repair views keep the keyboard focus', async () => {
  const p = await page(b);
  await p.goto(`${srv.url}#forms`);
  await p.waitForSelector('#fm-pick-4');
  await p.focus('#fm-pick-3');
  await p.keyboard.press('Tab');
  assert.equal((await focused(p)).id, 'fm-pick-4');
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => document.querySelector('#fm-pick-4')?.getAttribute('aria-pressed') === 'true');
  assert.equal((await focused(p)).id, 'fm-pick-4');

  await p.goto(`${srv.url}#repair`);
  await p.waitForSelector('#rp-type');
  const typeId = 'rp-type';
  const marker = await p.evaluate(() => { const el = document.querySelector('#rp-type'); el.dataset.old = '1'; return el.dataset.old; });
  assert.equal(marker, '1');
  await p.focus(`#${typeId}`);
  const before = await p.locator(`#${typeId}`).inputValue();
  await p.keyboard.press('ArrowDown');
  await p.waitForFunction(([id, v]) => document.getElementById(id).value !== v, [typeId, before]);
  assert.equal((await focused(p)).id, typeId);
  assert.equal(await p.evaluate(() => document.activeElement.dataset.old), undefined, 'the view was redrawn: a new control has the focus');
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
