// The embedded component keeps what the user typed, inside a host page it does not own
// (tests/host/portal.html): saved as they type under its own key, back after a reload, cleared by
// its own button (keyboard alone); `storage-key` and `no-save`; a damaged or future-version saved
// value refused with a notice and never half-applied; no usable localStorage; a trap in the wasm
// (the same patched glue as wasm-trap.test.mjs) shown, answers kept, the next answer works; axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, page, ROOT, ARTIFACTS, nodeModule } from './harness.mjs';
import * as core from '../../www/pkg/yibao_credit.js';

nodeModule(core, 'yibao_credit');
const score = (type, facts = {}, name = '') => core.evaluate({ subject: { type, name }, asOf: '2026-11-23', facts });

let srv, b;
before(async () => { srv = await serve(ROOT); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

const PORTAL = () => `${srv.url}tests/host/portal.html`;
// In the element's language alone (issue 13.6): no English after the Chinese.
const REFUSED = /^此前在本机保存的填写内容来自不兼容的版本或已损坏，未载入。$/;
const saved = (p) => p.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('yibao-credit:')).map((k) => [k, localStorage.getItem(k)])));
/** What the core's result `r` has the element say while answers are missing: how many are answered, and the scores still possible. */
const headline = ({ answers: a, reachable: x }) => `已填写 ${a.given} / ${a.of} 项 可能得分 ${x.min} – ${x.max} 分（等级 ${x.minGrade === x.maxGrade ? x.minGrade : `${x.minGrade} – ${x.maxGrade}`}）`;
/** What the element says (its progress and range). */
const shown = (p, id) => p.evaluate((i) => { const sr = document.getElementById(i).shadowRoot; return `${sr.querySelector('.progress')?.textContent} ${sr.querySelector('.range')?.textContent}`; }, id);
/** Waits until the element says what the core's result `r` has it say. */
const waitShown = (p, id, r) => p.waitForFunction(([i, v]) => {
  const sr = document.getElementById(i)?.shadowRoot;
  return sr && `${sr.querySelector('.progress')?.textContent} ${sr.querySelector('.range')?.textContent}` === v;
}, [id, headline(r)]);
const msgs = (p, id) => p.evaluate((i) => document.getElementById(i).shadowRoot.querySelector('.msgs').textContent, id);
/** What has focus inside the component's shadow root: its id. */
const focusIn = (p, id) => p.evaluate((i) => { const e = document.getElementById(i); return document.activeElement === e ? e.shadowRoot.activeElement?.id ?? null : null; }, id);

async function portal(p) {
  await p.goto(PORTAL());
  await p.waitForSelector('#ev1 .headline');
  await p.waitForSelector('#ev2 .headline');
}

test('answers are saved as they are typed, back after a reload, and cleared by the keyboard', async () => {
  const p = await page(b);
  await portal(p);
  assert.deepEqual(await saved(p), {}, 'nothing is written before the user types');
  await p.locator('#ev1 #yc-name').fill('某某大药房');
  await p.locator('#ev1 select[data-code="10101"]').selectOption('yes');
  await p.locator('#ev1 select[data-code="20101"]').selectOption('good');
  await p.locator('#ev1 input[data-code="30101"]').fill('2');
  await p.locator('#ev2 input[data-code="10101"]').fill('1');
  const facts = { 10101: true, 20101: 'good', 30101: '2' };
  const r1 = score('retail-pharmacy', facts, '某某大药房');
  const r2 = score('physician', { 10101: '1' });
  await waitShown(p, 'ev1', r1);
  await waitShown(p, 'ev2', r2);

  // One key per element (its id here), versioned; the answers are filed under their rule set.
  const s = await saved(p);
  assert.deepEqual(Object.keys(s).sort(), ['yibao-credit:embed:ev1', 'yibao-credit:embed:ev2']);
  assert.deepEqual(JSON.parse(s['yibao-credit:embed:ev1']), { v: 1, data: { answers: { 'type:retail-pharmacy': { type: 'retail-pharmacy', name: '某某大药房', facts } } } });
  assert.deepEqual(JSON.parse(s['yibao-credit:embed:ev2']).data.answers['type:physician'].facts, { 10101: '1' });
  assert.match(await p.locator('#ev1 #yc-saved').textContent(), /填写内容自动保存在本机浏览器中/);

  // Reload (as after a crash or closing the tab): every answer, the score and the grade are back.
  await p.reload();
  await p.waitForSelector('#ev1 .headline');
  await waitShown(p, 'ev2', r2);
  assert.equal(await shown(p, 'ev1'), headline(r1));
  assert.equal(await p.locator('#ev1 #yc-name').inputValue(), '某某大药房');
  assert.equal(await p.locator('#ev1 select[data-code="10101"]').inputValue(), 'yes');
  assert.equal(await p.locator('#ev1 select[data-code="20101"]').inputValue(), 'good');
  assert.equal(await p.locator('#ev1 input[data-code="30101"]').inputValue(), '2');
  assert.equal(await p.locator('#ev2 input[data-code="10101"]').inputValue(), '1');
  assert.equal(await p.evaluate(() => document.getElementById('ev1').result.subject.name), '某某大药房');
  assert.equal(await msgs(p, 'ev1'), '', 'no notice after a normal restore');
  await p.screenshot({ path: path.join(ARTIFACTS, 'embed-restored.png'), fullPage: true });

  // Clear with the keyboard alone: Tab reaches the labelled button; it asks once, inline; Escape
  // takes the question back; Enter on 确定清除 clears this element only.
  await p.locator('#ev1 #yc-print').focus();
  await p.keyboard.press('Tab');
  assert.equal(await focusIn(p, 'ev1'), 'yc-clear');
  assert.equal(await p.locator('#ev1 #yc-clear').textContent(), '清除我的数据');
  assert.equal(await p.locator('#ev1 #yc-clear').getAttribute('aria-describedby'), 'yc-saved');
  await p.keyboard.press('Enter');
  assert.equal(await focusIn(p, 'ev1'), 'yc-clear-yes');
  assert.match(await p.locator('#ev1 [role=group]').textContent(), /清除在本机保存的填写内容，并清空表单？/);
  await p.keyboard.press('Escape');
  assert.equal(await focusIn(p, 'ev1'), 'yc-clear');
  assert.ok((await saved(p))['yibao-credit:embed:ev1'], 'cancelled: still saved');
  await p.keyboard.press('Enter');
  await p.keyboard.press('Enter');
  await waitShown(p, 'ev1', score('retail-pharmacy'));
  assert.equal(await focusIn(p, 'ev1'), 'yc-clear', 'focus stays on the button');
  assert.match(await p.locator('#ev1 .msgs [role=status]').textContent(), /已清除本机保存的填写内容/);
  assert.equal(await p.locator('#ev1 #yc-name').inputValue(), '');
  assert.equal(await p.locator('#ev1 select[data-code="10101"]').inputValue(), '');
  assert.deepEqual(Object.keys(await saved(p)), ['yibao-credit:embed:ev2']);
  await p.reload();
  await p.waitForSelector('#ev1 .headline');
  await waitShown(p, 'ev2', r2);
  assert.equal(await shown(p, 'ev1'), headline(score('retail-pharmacy')));
  assert.equal(await p.locator('#ev1 #yc-name').inputValue(), '');
  assert.equal(await msgs(p, 'ev1'), '');
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('storage-key names the saved answers, no-save saves nothing, each rule set keeps its answers', async () => {
  const p = await page(b);
  await portal(p);
  const add = (attrs) => p.evaluate((a) => {
    const e = document.createElement('yibao-credit-evaluator');
    for (const [k, v] of Object.entries(a)) e.setAttribute(k, v);
    e.setAttribute('as-of', '2026-11-23');
    document.body.appendChild(e);
  }, attrs);
  const q = (key, sel) => p.locator(`yibao-credit-evaluator[storage-key="${key}"] ${sel}`);
  await add({ 'storage-key': 'pharmacy-a' });
  await add({ 'storage-key': 'pharmacy-b' });
  await add({ 'storage-key': 'kiosk', 'no-save': '' });
  await p.waitForFunction(() => [...document.querySelectorAll('yibao-credit-evaluator[storage-key]')].every((e) => e.result));
  await q('pharmacy-a', 'select[data-code="10101"]').selectOption('yes');
  await q('pharmacy-b', 'select[data-code="10102"]').selectOption('no');
  await q('kiosk', 'select[data-code="10201"]').selectOption('yes');
  assert.match(await q('kiosk', '#yc-saved').textContent(), /填写内容不在本机保存/);
  const s = await saved(p);
  assert.deepEqual(Object.keys(s).sort(), ['yibao-credit:embed:pharmacy-a', 'yibao-credit:embed:pharmacy-b']);
  assert.deepEqual(JSON.parse(s['yibao-credit:embed:pharmacy-b']).data.answers['type:retail-pharmacy'].facts, { 10102: false });

  // The host switches the subject type and back: each rule set's answers are kept under the one key.
  const a = () => p.locator('yibao-credit-evaluator[storage-key="pharmacy-a"]');
  await a().evaluate((e) => e.setAttribute('subject-type', 'physician'));
  await p.waitForFunction(() => document.querySelector('[storage-key="pharmacy-a"]').result?.subject.type === 'physician');
  assert.equal(await q('pharmacy-a', 'input[data-code="10101"]').inputValue(), '');
  await q('pharmacy-a', 'input[data-code="10101"]').fill('3');
  await a().evaluate((e) => e.setAttribute('subject-type', 'retail-pharmacy'));
  await p.waitForFunction(() => document.querySelector('[storage-key="pharmacy-a"]').result?.subject.type === 'retail-pharmacy');
  assert.equal(await q('pharmacy-a', 'select[data-code="10101"]').inputValue(), 'yes');
  assert.deepEqual(Object.keys(JSON.parse((await saved(p))['yibao-credit:embed:pharmacy-a']).data.answers).sort(), ['type:physician', 'type:retail-pharmacy']);

  // A new page with the same elements: their own answers back, the no-save one empty.
  await p.reload();
  await portal(p);
  await add({ 'storage-key': 'pharmacy-b' });
  await add({ 'storage-key': 'kiosk', 'no-save': '' });
  await add({ 'storage-key': 'pharmacy-a' });
  await p.waitForFunction(() => [...document.querySelectorAll('yibao-credit-evaluator[storage-key]')].every((e) => e.result));
  assert.equal(await q('pharmacy-a', 'select[data-code="10101"]').inputValue(), 'yes');
  assert.equal(await q('pharmacy-a', 'select[data-code="10102"]').inputValue(), '');
  assert.equal(await q('pharmacy-b', 'select[data-code="10102"]').inputValue(), 'no');
  assert.equal(await q('kiosk', 'select[data-code="10201"]').inputValue(), '');
  assert.equal(await p.evaluate(() => document.querySelector('[storage-key="pharmacy-a"]').result.score), score('retail-pharmacy', { 10101: true }).score);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('a damaged or future-version saved value is refused with a notice, never half-applied; the component still works', async () => {
  const p = await page(b);
  await p.goto(PORTAL());
  const good = { v: 1, data: { answers: { 'type:retail-pharmacy': { type: 'retail-pharmacy', name: '旧名字', facts: { 10101: true } } } } };
  const cases = [
    ['cut short', JSON.stringify(good).slice(0, 40)],
    ['a future version', JSON.stringify({ ...good, v: 2 })],
    ['a bad shape', JSON.stringify({ v: 1, data: { answers: { 'type:retail-pharmacy': { name: '旧名字', facts: 'yes' } } } })],
    ['an answer the form cannot hold', JSON.stringify({ v: 1, data: { answers: { 'type:retail-pharmacy': { name: '旧名字', facts: { 10101: true, 10102: 'maybe' } } } } })],
    ['an indicator not in the rules', JSON.stringify({ v: 1, data: { answers: { 'type:retail-pharmacy': { name: '旧名字', facts: { 10101: true, 99999: 3 } } } } })],
  ];
  const base = score('retail-pharmacy');
  for (const [what, raw] of cases) {
    await p.evaluate((r) => { localStorage.clear(); localStorage.setItem('yibao-credit:embed:ev1', r); }, raw);
    await p.reload();
    await p.waitForSelector('#ev1 .headline');
    await p.waitForSelector('#ev1 .msgs [role=status]');
    assert.match(await p.locator('#ev1 .msgs [role=status]').textContent(), REFUSED, what);
    assert.equal(await p.locator('#ev1 .msgs [role=alert]').count(), 0, `${what}: nothing alarming`);
    // Nothing of it is applied, not even the part that would fit.
    assert.equal(await p.locator('#ev1 #yc-name').inputValue(), '', what);
    assert.equal(await p.locator('#ev1 select[data-code="10101"]').inputValue(), '', what);
    assert.equal(await shown(p, 'ev1'), headline(base), what);
    assert.equal(await p.evaluate(() => localStorage.getItem('yibao-credit:embed:ev1')), raw, `${what}: not overwritten on load`);
    assert.equal(await msgs(p, 'ev2'), '', `${what}: the other element is not concerned`);
    // Still usable: answers score and are saved; the old value is set aside, not lost.
    await p.locator('#ev1 select[data-code="10201"]').selectOption('yes');
    await waitShown(p, 'ev1', score('retail-pharmacy', { 10201: true }));
    const s = await saved(p);
    assert.deepEqual(JSON.parse(s['yibao-credit:embed:ev1']).data.answers['type:retail-pharmacy'].facts, { 10201: true }, what);
    assert.equal(s['yibao-credit:backup:embed:ev1'], raw, `${what}: kept as the backup`);
  }
  // In English, the notice is in English alone.
  await p.evaluate(() => { localStorage.setItem('yibao-credit:embed:ev1', '{"v":9,"data":{}}'); });
  await p.reload();
  await p.waitForSelector('#ev1 .headline');
  await p.evaluate(() => document.getElementById('ev1').setAttribute('lang', 'en'));
  await p.waitForFunction(() => /Clear my data/.test(document.getElementById('ev1').shadowRoot.querySelector('#yc-clear')?.textContent));
  assert.equal(await p.locator('#ev1 .msgs').textContent(), 'Answers saved earlier on this computer are from an incompatible version or damaged; they were not loaded.');
  // Clear removes the value and its backup; the notice goes.
  await p.locator('#ev1 #yc-clear').click();
  await p.locator('#ev1 #yc-clear-yes').click();
  await p.waitForFunction(() => /were cleared/.test(document.getElementById('ev1').shadowRoot.querySelector('.msgs').textContent));
  assert.deepEqual(await saved(p), {});
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

for (const [what, script] of [
  ['localStorage itself throws (blocked storage, sandboxed frame)', () => {
    Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('The document is sandboxed', 'SecurityError'); } });
  }],
  ['every write throws (private mode, quota)', () => {
    Storage.prototype.setItem = function setItem() { throw new DOMException('quota', 'QuotaExceededError'); };
  }],
]) {
  test(`the component works when ${what}`, async () => {
    const p = await page(b);
    await p.addInitScript(script);
    await portal(p);
    await p.locator('#ev1 #yc-name').fill('某某大药房');
    await p.locator('#ev1 select[data-code="10101"]').selectOption('yes');
    await waitShown(p, 'ev1', score('retail-pharmacy', { 10101: true }));
    assert.equal(await msgs(p, 'ev1'), '', 'nothing scary');
    assert.match(await p.locator('#ev1 #yc-saved').textContent(), /填写内容不在本机保存/);
    // Clear still empties the form.
    await p.locator('#ev1 #yc-clear').click();
    await p.locator('#ev1 #yc-clear-yes').click();
    await waitShown(p, 'ev1', score('retail-pharmacy'));
    assert.equal(await p.locator('#ev1 #yc-name').inputValue(), '');
    assert.deepEqual(p.errors, []);
    await p.context().close();
  });
}

// The wasm-bindgen glue with a one-time bad pointer in the next RuleSet method, as in wasm-trap.test.mjs.
const GLUE = fs.readFileSync(path.join(ROOT, 'www/pkg/yibao_credit.js'), 'utf8');
const CALL = /wasm\.ruleset_(\w+)\(this\.__wbg_ptr\b/g;
assert.ok((GLUE.match(CALL) || []).length >= 3, 'the glue calls RuleSet methods with this.__wbg_ptr');
const PATCHED = GLUE.replace(CALL, 'wasm.ruleset_$1((globalThis.__ycTrapOnce ? (globalThis.__ycTrapOnce = 0, 0x7ffffff0) : this.__wbg_ptr)');

test('a wasm trap inside the component: an alert, a fresh core, the answers kept, the next answer works', async () => {
  const p = await page(b);
  const glueLoads = [];
  await p.route(/\/pkg\/yibao_credit\.js(\?.*)?$/, (route) => {
    glueLoads.push(new URL(route.request().url()).search);
    route.fulfill({ status: 200, contentType: 'text/javascript', body: PATCHED });
  });
  await portal(p);
  await p.locator('#ev1 #yc-name').fill('某某大药房');
  await p.locator('#ev1 select[data-code="10101"]').selectOption('yes');
  await waitShown(p, 'ev1', score('retail-pharmacy', { 10101: true }));
  await p.locator('#ev2 input[data-code="10101"]').fill('1');
  const doc1 = score('physician', { 10101: '1' });
  await waitShown(p, 'ev2', doc1);

  await p.evaluate(() => { globalThis.__ycTrapOnce = 1; });
  await p.locator('#ev1 select[data-code="10102"]').selectOption('yes');
  await p.waitForSelector('#ev1 .msgs [role=alert]');
  assert.match(await p.locator('#ev1 .msgs [role=alert]').textContent(), /^计算模块出错，已重新加载；您填写的内容已保存$/, 'in Chinese alone (issue 13.6)');
  // The fresh core answers with everything typed, including the answer that trapped.
  await waitShown(p, 'ev1', score('retail-pharmacy', { 10101: true, 10102: true }));
  assert.deepEqual(glueLoads, ['', '?reload=1'], 'a fresh instance of the module was loaded');
  assert.equal(await p.locator('#ev1 #yc-name').inputValue(), '某某大药房');
  assert.equal(await p.locator('#ev1 select[data-code="10102"]').inputValue(), 'yes');
  assert.deepEqual(JSON.parse((await saved(p))['yibao-credit:embed:ev1']).data.answers['type:retail-pharmacy'].facts, { 10101: true, 10102: true });
  assert.equal(await p.locator('#ev1 .msgs [role=alert]').count(), 1, 'the alert stays until the next answer');
  // The other element moved to the fresh core too, with its answers, silently.
  assert.equal(await shown(p, 'ev2'), headline(doc1));
  assert.equal(await p.locator('#ev2 input[data-code="10101"]').inputValue(), '1');
  assert.equal(await msgs(p, 'ev2'), '');
  await p.locator('#ev2 input[data-code="10101"]').fill('2');
  await waitShown(p, 'ev2', score('physician', { 10101: '2' }));
  // The next answer works, and the alert goes.
  await p.locator('#ev1 select[data-code="10201"]').selectOption('yes');
  await waitShown(p, 'ev1', score('retail-pharmacy', { 10101: true, 10102: true, 10201: true }));
  assert.equal(await msgs(p, 'ev1'), '');
  assert.equal(await p.locator('#ev1 .result .error').count(), 0);
  assert.deepEqual(await p.evaluate(() => window.cspViolations), []);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('axe finds no violations in the component with answers, notices and the clear question showing', async () => {
  const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const p = await page(b, { bypassCSP: true });
  await p.goto(PORTAL());
  for (const lang of ['zh', 'en']) {
    await p.evaluate(() => { localStorage.clear(); localStorage.setItem('yibao-credit:embed:ev1', '{"v":2,"data":{}}'); });
    await p.reload();
    await p.waitForSelector('#ev1 .headline');
    await p.evaluate((l) => document.getElementById('ev1').setAttribute('lang', l), lang);
    await p.waitForSelector('#ev1 .msgs [role=status]');
    await p.locator('#ev1 #yc-name').fill('某某大药房');
    await p.locator('#ev1 select[data-code="10101"]').selectOption('yes');
    await p.locator('#ev1 #yc-clear').click();
    await p.waitForSelector('#ev1 #yc-clear-yes');
    // The portal's AMD `define` would take axe's UMD export: hide it from axe.
    await p.addScriptTag({ content: `(function (define) {\n${AXE}\n})();` });
    const r = await p.evaluate(async () => {
      const res = await window.axe.run({ include: [['#ev1']] });
      return { passes: res.passes.length, bad: res.violations.concat(res.incomplete.filter((v) => v.id === 'aria-prohibited-attr')).map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`) };
    });
    assert.ok(r.passes >= 15, `axe ran its checks (${r.passes} passed)`);
    assert.deepEqual(r.bad, [], lang);
  }
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
