// A trap in the WebAssembly (here a real one: an out-of-bounds memory access in the instance) leaves
// that instance unusable. The page says so, loads a fresh instance, re-draws the view, and keeps
// what was typed. No test hook ships: the test serves a copy of the wasm-bindgen glue in which
// RuleSet.evaluate passes a bad pointer into the core once, when the test sets a flag.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, page, ROOT } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

const GLUE = fs.readFileSync(path.join(ROOT, 'www/pkg/yibao_credit.js'), 'utf8');
const CALL = 'wasm.ruleset_evaluate(this.__wbg_ptr, input)';
assert.ok(GLUE.includes(CALL), 'the glue still calls ruleset_evaluate this way');
const PATCHED = GLUE.replace(CALL, 'wasm.ruleset_evaluate(globalThis.__ycTrapOnce ? (globalThis.__ycTrapOnce = 0, 0x7ffffff0) : this.__wbg_ptr, input)');

test('a wasm trap shows the message, reloads the core, and keeps what was typed', async () => {
  const p = await page(b, { serviceWorkers: 'block' }); // so every module request reaches the route
  const glueLoads = [];
  await p.route(/\/pkg\/yibao_credit\.js(\?.*)?$/, (route) => {
    glueLoads.push(new URL(route.request().url()).search);
    route.fulfill({ status: 200, contentType: 'text/javascript', body: PATCHED });
  });
  await p.goto(srv.url);
  await p.waitForSelector('#grade');
  await p.fill('#subject-name', '某某大药房');
  await p.selectOption('#fact-10101', 'yes');
  await p.waitForFunction(() => document.querySelector('#score').textContent === '630');

  await p.evaluate(() => { globalThis.__ycTrapOnce = 1; });
  await p.selectOption('#fact-10102', 'yes');
  await p.waitForFunction(() => /计算模块出错，已重新加载；您填写的内容已保存/.test(document.querySelector('#app-msg')?.textContent));
  assert.equal(await p.locator('#app-msg [role=alert]').count(), 1);
  assert.deepEqual(glueLoads, ['', '?reload=1'], 'a fresh instance of the module was loaded');
  // The view was drawn again from the fresh instance, with everything typed, including the answer that trapped.
  await p.waitForSelector('#grade');
  assert.equal(await p.locator('#subject-name').inputValue(), '某某大药房');
  assert.equal(await p.locator('#fact-10102').inputValue(), 'yes');
  assert.equal(await p.locator('#score').textContent(), '650');
  // And it keeps working.
  await p.selectOption('#fact-10201', 'yes');
  await p.waitForFunction(() => document.querySelector('#score').textContent === '680');
  assert.equal(await p.locator('#eval-error').count(), 0);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
