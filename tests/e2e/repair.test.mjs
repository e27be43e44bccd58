// The credit repair check in headless Chromium: a pharmacy fills the four steps and gets its
// answer, conditions, materials and timeline; an incomplete record shows the 需补充 list; a
// contradiction shows an error naming the field; reload keeps the input; the objection
// calculator answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, browser, page, ARTIFACTS } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

const verdict = (p) => p.locator('#rp-verdict').getAttribute('data-verdict');

test('a pharmacy checks its repair: not yet, then eligible, with materials and timeline', async () => {
  const p = await page(b);
  // The self-assessment's subject is prefilled.
  await p.addInitScript(() => {
    if (!localStorage.getItem('yibao-credit:assess')) {
      localStorage.setItem('yibao-credit:assess', JSON.stringify({ v: 1, data: { type: 'retail-pharmacy', name: '汕尾市城区某某大药房', code: '91110000600037341L', asOf: '2026-04-01', facts: {}, events: [{ kind: 'penalty-fine', date: '2025-06-15', description: '' }] } }));
    }
  });
  await p.goto(`${srv.url}#repair`);
  await p.waitForSelector('#rp-verdict');
  assert.equal(await p.locator('#rp-name').inputValue(), '汕尾市城区某某大药房');
  assert.equal(await p.locator('#rp-code').inputValue(), '91110000600037341L');

  // Step 2: the record, severity not chosen yet → 需补充.
  await p.fill('#rp-decision-date', '2025-06-15');
  await p.fill('#rp-publication-date', '2025-06-20');
  await p.fill('#rp-department', '汕尾市医疗保障局');
  await p.fill('#rp-decision-no', '汕医保罚〔2025〕3号');
  await p.fill('#rp-app-date', '2026-04-01');
  await p.waitForFunction(() => document.querySelector('#rp-verdict').dataset.verdict === 'needs-info');
  const need = await p.locator('#rp-need').textContent();
  assert.match(need, /需补充/);
  assert.match(need, /失信程度/);
  // Each item names its field by the label and offers to go there; no JSON path (issue 13.6).
  assert.doesNotMatch(need, /\$\./);
  assert.match(need, /填写“失信程度”/);
  assert.match(need, /填写“已对失信行为进行纠正”/);
  await p.locator('#rp-need button', { hasText: '失信程度' }).click();
  assert.equal(await p.evaluate(() => document.activeElement.id), 'rp-severity');

  // Step 3: tick everything done.
  await p.selectOption('#rp-severity', 'serious');
  for (const k of ['corrected', 'obligationsPerformed', 'effectEliminated', 'pledgeSigned', 'proofAttached']) await p.check(`#rp-done-${k}`);
  // Serious under Order 36 (from 2026-04-01): 1 year from 2025-06-15 → not yet, from 2026-06-16.
  await p.waitForFunction(() => document.querySelector('#rp-verdict').dataset.verdict === 'not-yet');
  assert.equal(await p.locator('#rp-earliest').textContent(), '2026年6月16日');
  assert.match(await p.locator('#rp-verdict').textContent(), /暂不能申请/);
  assert.match(await p.locator('.rp-cond[data-id=minimum-period]').textContent(), /最短公示期为12个月/);
  assert.equal(await p.locator('#rp-need').count(), 0);

  // The day before Order 36: Order 58 (527号 values, 6 months) → eligible, with the caveat.
  await p.fill('#rp-app-date', '2026-03-31');
  await p.waitForFunction(() => document.querySelector('#rp-verdict').dataset.verdict === 'eligible');
  assert.match(await p.locator('#rp-answer').textContent(), /符合信用修复条件（第二十九条），可于2026年3月31日/);
  assert.match(await p.locator('.rp-national').textContent(), /第58号/);
  assert.match(await p.locator('.rp-national').textContent(), /未经原文核对/);
  assert.match(await p.locator('#rp-disclosed').textContent(), /0年9个月/);
  const materials = await p.locator('#rp-materials').textContent();
  assert.match(materials, /信用修复申请表（附件3）/);
  assert.match(materials, /信用修复承诺书（附件4）/);
  assert.match(materials, /证明材料/);
  // Timeline from receipt 2026-03-31: decision due 2026-04-15 (清明 04-04..06), latest 04-29,
  // publicity end 04-22; the refusal objection window.
  const tl = await p.locator('#rp-timeline').textContent();
  assert.match(tl, /2026年4月15日/);
  assert.match(tl, /2026年4月29日/);
  // A projected step says so once (the hint), not again in its label.
  assert.doesNotMatch(tl, /预计/);
  assert.match(await p.locator('[data-step=decision]').textContent(), /作出处理决定（按最迟日期）（推算）/);
  assert.match(await p.locator('[data-step=publicity-end]').textContent(), /2026年4月22日/);
  assert.match(await p.locator('#rp-objwin').textContent(), /5个工作日内提出异议/);
  // What-if from the self-assessment, whose fine of 2025-06-15 is this record: +50 once repaired.
  const wi = await p.locator('#rp-whatif').textContent();
  const [, now, after] = wi.match(/现在：(\d+(?:\.\d+)?) 分.*修复后：(\d+(?:\.\d+)?) 分/);
  assert.equal(Number(after) - Number(now), 50);
  await p.screenshot({ path: path.join(ARTIFACTS, 'repair-eligible.png'), fullPage: true });

  // Not corrected → not eligible, with the article.
  await p.uncheck('#rp-done-corrected');
  await p.waitForFunction(() => document.querySelector('#rp-verdict').dataset.verdict === 'not-eligible');
  const c = await p.locator('.rp-cond[data-id=corrected]').textContent();
  assert.match(c, /✗/);
  assert.match(c, /第二十九条/);
  await p.check('#rp-done-corrected');
  await p.waitForFunction(() => document.querySelector('#rp-verdict').dataset.verdict === 'eligible');

  // Reload: the input is still there, saved in the repair command's own shape.
  await p.reload();
  await p.waitForSelector('#rp-verdict');
  assert.equal(await p.locator('#rp-decision-no').inputValue(), '汕医保罚〔2025〕3号');
  assert.equal(await p.locator('#rp-app-date').inputValue(), '2026-03-31');
  assert.equal(await p.locator('#rp-done-pledgeSigned').isChecked(), true);
  assert.equal(await verdict(p), 'eligible');
  const saved = await p.evaluate(() => JSON.parse(localStorage.getItem('yibao-credit:repair')));
  assert.equal(saved.v, 1);
  assert.deepEqual(Object.keys(saved.data).sort(), ['applicationDate', 'barredByLaw', 'done', 'record', 'subject']);
  assert.equal(saved.data.subject.type, 'retail-pharmacy');
  assert.equal(saved.data.record.severity, 'serious');
  assert.equal(saved.data.done.newSameKindSince, false);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('a person: no publicity step; a contradiction names the field; objections', async () => {
  const p = await page(b);
  await p.goto(`${srv.url}#repair`);
  await p.waitForSelector('#rp-verdict');
  await p.selectOption('#rp-type', 'insured');
  await p.waitForSelector('#rp-verdict');
  await p.fill('#rp-name', '李四');
  await p.selectOption('#rp-severity', 'general');
  await p.fill('#rp-decision-date', '2026-01-10');
  await p.fill('#rp-publication-date', '2026-01-12');
  await p.fill('#rp-app-date', '2026-05-06');
  for (const k of ['corrected', 'obligationsPerformed', 'effectEliminated', 'pledgeSigned', 'proofAttached']) await p.check(`#rp-done-${k}`);
  await p.waitForFunction(() => document.querySelector('#rp-verdict').dataset.verdict === 'eligible');
  assert.equal(await p.locator('[data-step=publicity-end]').count(), 0);
  assert.match(await p.locator('[data-step=no-publicity]').textContent(), /个人类信用修复不公示/);

  // Application before the decision: an error naming the field, no verdict.
  await p.fill('#rp-app-date', '2025-12-31');
  await p.waitForSelector('#rp-error');
  assert.match(await p.locator('#rp-error').textContent(), /申请日期（2025-12-31）早于决定日期（2026-01-10）/);
  assert.match(await p.locator('#rp-error').textContent(), /填写“拟提出申请（部门收到）的日期”/);
  assert.doesNotMatch(await p.locator('#rp-error').textContent(), /\$\.|E_[A-Z]|Application/);
  assert.equal(await p.locator('#rp-verdict').count(), 0);

  // Objection calculator (第二十二条).
  await p.fill('#rp-ob-pub', '2026-09-30');
  await p.fill('#rp-ob-filed', '2026-10-21');
  await p.waitForSelector('#rp-ob-intime');
  assert.equal(await p.locator('#rp-ob-last').textContent(), '2026年10月20日');
  assert.match(await p.locator('#rp-ob-intime').textContent(), /已超过期限/);
  assert.equal(await p.locator('#rp-ob-review').textContent(), '2026年11月4日');
  await p.screenshot({ path: path.join(ARTIFACTS, 'repair-person-objection.png'), fullPage: true });
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
