// A trap in the WebAssembly (here a real one: an out-of-bounds memory access in the instance) leaves
// that instance unusable. The page says so, loads a fresh instance, re-draws the view, and keeps
// what was typed. No test hook ships: the test serves a copy of the wasm-bindgen glue in which
// RuleSet.evaluate passes a bad pointer into the core once, when the test sets a flag.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { serve, browser, page, ROOT, ARTIFACTS } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

const GLUE = fs.readFileSync(path.join(ROOT, 'www/pkg/yibao_credit.js'), 'utf8');
const CALL = 'wasm.ruleset_evaluate(this.__wbg_ptr, input)';
assert.ok(GLUE.includes(CALL), 'the glue still calls ruleset_evaluate this way');
const BAD_CALL = 'wasm.ruleset_evaluate(globalThis.__ycTrapOnce ? (globalThis.__ycTrapOnce = 0, 0x7ffffff0) : this.__wbg_ptr, input)';
const PATCHED = GLUE.replace(CALL, BAD_CALL);

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

test('in the single-file build (file://, CSP by hash) a trap reloads the page and keeps what was typed', async () => {
  // The same one-time bad pointer, in a copy of dist/yibao-credit-offline.html whose CSP hash is
  // recomputed for the changed script, so the CSP stays in force.
  let html = fs.readFileSync(path.join(ROOT, 'dist/yibao-credit-offline.html'), 'utf8');
  assert.ok(html.includes(CALL));
  const sha = (s) => crypto.createHash('sha256').update(s).digest('base64');
  const oldScript = html.match(/<script type="module">([\s\S]*?)<\/script>/)[1];
  const newScript = oldScript.replace(CALL, BAD_CALL);
  assert.notEqual(newScript, oldScript);
  html = html.replace(oldScript, () => newScript).replace(`'sha256-${sha(oldScript)}'`, `'sha256-${sha(newScript)}'`);
  const file = path.join(ARTIFACTS, 'offline-trap.html');
  fs.writeFileSync(file, html);

  const p = await page(b);
  await p.goto(pathToFileURL(file).href);
  await p.waitForSelector('#grade');
  await p.fill('#subject-name', '离线药房');
  await p.selectOption('#fact-10101', 'yes');
  await p.waitForFunction(() => document.querySelector('#score').textContent === '630');
  await p.evaluate(() => { globalThis.__ycTrapOnce = 1; });
  await p.selectOption('#fact-10102', 'yes');
  await p.waitForFunction(() => /计算模块出错，已重新加载；您填写的内容已保存/.test(document.querySelector('#app-msg')?.textContent));
  await p.waitForSelector('#grade');
  assert.equal(await p.locator('#subject-name').inputValue(), '离线药房');
  assert.equal(await p.locator('#score').textContent(), '650');
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
