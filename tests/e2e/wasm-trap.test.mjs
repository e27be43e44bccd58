// A trap in the WebAssembly (here a real one: an out-of-bounds memory access in the instance) leaves
// that instance unusable. The page says so, loads a fresh instance of the module that trapped (the
// scoring core or the tools), re-draws the view, and keeps what was typed. No test hook ships: the
// test serves a copy of the wasm-bindgen glue in which the next call into the module passes a bad
// pointer once, when the test sets a flag (the core: any RuleSet method; the tools: repair).
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
// Every RuleSet method hands the core its instance's pointer; the copy hands a bad one, once.
const CALL = /wasm\.ruleset_(\w+)\(this\.__wbg_ptr\b/g;
const BAD_CALL = 'wasm.ruleset_$1((globalThis.__ycTrapOnce ? (globalThis.__ycTrapOnce = 0, 0x7ffffff0) : this.__wbg_ptr)';
assert.ok((GLUE.match(CALL) || []).length >= 3, 'the glue calls RuleSet methods with this.__wbg_ptr');
const PATCHED = GLUE.replace(CALL, BAD_CALL);

// The tools module: repair first makes a call with a bad pointer (BatchRun.push's export), once.
const TOOLS_GLUE = fs.readFileSync(path.join(ROOT, 'www/pkg/yibao_tools.js'), 'utf8');
const REPAIR_CALL = /const ret = wasm\.repair\((\w+)\);/;
assert.ok(REPAIR_CALL.test(TOOLS_GLUE) && TOOLS_GLUE.includes('wasm.batchrun_push('), 'the tools glue still calls repair and batchrun_push');
const TOOLS_PATCHED = TOOLS_GLUE.replace(REPAIR_CALL, (call) => `if (globalThis.__ycTrapOnce) { globalThis.__ycTrapOnce = 0; wasm.batchrun_push(0x7ffffff0, 0, 0); }\n    ${call}`);

test('a wasm trap shows the message, reloads the core, and keeps what was typed', async () => {
  const p = await page(b, { serviceWorkers: 'block' }); // so every module request reaches the route
  const glueLoads = [];
  await p.route(/\/pkg\/yibao_credit\.js(\?.*)?$/, (route) => {
    glueLoads.push(new URL(route.request().url()).search);
    route.fulfill({ status: 200, contentType: 'text/javascript', body: PATCHED });
  });
  await p.goto(srv.url);
  await p.waitForSelector('#headline');
  await p.fill('#subject-name', '某某大药房');
  await p.selectOption('#fact-10101', 'yes');
  await p.waitForFunction(() => document.querySelector('#progress')?.textContent === '已填写 1 / 18 项');

  await p.evaluate(() => { globalThis.__ycTrapOnce = 1; });
  await p.selectOption('#fact-10102', 'yes');
  await p.waitForFunction(() => /计算模块出错，已重新加载；您填写的内容已保存/.test(document.querySelector('#app-msg')?.textContent));
  assert.equal(await p.locator('#app-msg [role=alert]').count(), 1);
  assert.deepEqual(glueLoads, ['', '?reload=1'], 'a fresh instance of the module was loaded');
  // The view was drawn again from the fresh instance, with everything typed, including the answer that trapped.
  await p.waitForSelector('#headline');
  assert.equal(await p.locator('#subject-name').inputValue(), '某某大药房');
  assert.equal(await p.locator('#fact-10102').inputValue(), 'yes');
  assert.equal(await p.locator('#progress').textContent(), '已填写 2 / 18 项');
  // And it keeps working.
  await p.selectOption('#fact-10201', 'yes');
  await p.waitForFunction(() => document.querySelector('#progress')?.textContent === '已填写 3 / 18 项');
  assert.equal(await p.locator('#eval-error').count(), 0);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('in the single-file build (file://, CSP by hash) a trap reloads the page and keeps what was typed', async () => {
  // The same one-time bad pointer, in a copy of dist/yibao-credit-offline.html whose CSP hash is
  // recomputed for the changed script, so the CSP stays in force.
  let html = fs.readFileSync(path.join(ROOT, 'dist/yibao-credit-offline.html'), 'utf8');
  const sha = (s) => crypto.createHash('sha256').update(s).digest('base64');
  const oldScript = html.match(/<script type="module">([\s\S]*?)<\/script>/)[1];
  const newScript = oldScript.replace(CALL, BAD_CALL);
  assert.notEqual(newScript, oldScript);
  html = html.replace(oldScript, () => newScript).replace(`'sha256-${sha(oldScript)}'`, `'sha256-${sha(newScript)}'`);
  const file = path.join(ARTIFACTS, 'offline-trap.html');
  fs.writeFileSync(file, html);

  const p = await page(b);
  await p.goto(pathToFileURL(file).href);
  await p.waitForSelector('#headline');
  await p.fill('#subject-name', '离线药房');
  await p.selectOption('#fact-10101', 'yes');
  await p.waitForFunction(() => document.querySelector('#progress')?.textContent === '已填写 1 / 18 项');
  await p.evaluate(() => { globalThis.__ycTrapOnce = 1; });
  await p.selectOption('#fact-10102', 'yes');
  await p.waitForFunction(() => /计算模块出错，已重新加载；您填写的内容已保存/.test(document.querySelector('#app-msg')?.textContent));
  await p.waitForSelector('#headline');
  assert.equal(await p.locator('#subject-name').inputValue(), '离线药房');
  assert.equal(await p.locator('#progress').textContent(), '已填写 2 / 18 项');
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('a trap in the tools module shows the message, reloads the tools, and keeps what was typed', async () => {
  const p = await page(b, { serviceWorkers: 'block' });
  const glueLoads = [];
  await p.route(/\/pkg\/yibao_tools\.js(\?.*)?$/, (route) => {
    glueLoads.push(new URL(route.request().url()).search);
    route.fulfill({ status: 200, contentType: 'text/javascript', body: TOOLS_PATCHED });
  });
  await p.goto(`${srv.url}#repair`);
  await p.waitForSelector('#rp-verdict');
  await p.fill('#rp-name', '某某大药房');
  await p.fill('#rp-decision-date', '2025-06-15');
  await p.fill('#rp-app-date', '2026-04-01');
  await p.waitForFunction(() => /失信程度/.test(document.querySelector('#rp-need')?.textContent));

  await p.evaluate(() => { globalThis.__ycTrapOnce = 1; });
  await p.fill('#rp-publication-date', '2025-06-20');
  await p.waitForFunction(() => /计算模块出错，已重新加载；您填写的内容已保存/.test(document.querySelector('#app-msg')?.textContent));
  assert.equal(await p.locator('#app-msg [role=alert]').count(), 1);
  assert.deepEqual(glueLoads, ['', '?reload=1'], 'a fresh instance of the tools module was loaded');
  // The view was drawn again from the fresh instance, with everything typed, including the date that trapped.
  await p.waitForSelector('#rp-verdict');
  assert.equal(await p.locator('#rp-name').inputValue(), '某某大药房');
  assert.equal(await p.locator('#rp-publication-date').inputValue(), '2025-06-20');
  assert.equal(await p.locator('#rp-verdict').getAttribute('data-verdict'), 'needs-info');
  // And it keeps working: the severity is no longer asked for once it is chosen.
  await p.selectOption('#rp-severity', 'serious');
  await p.waitForFunction(() => !/失信程度/.test(document.querySelector('#rp-need')?.textContent ?? ''));
  assert.equal(await p.locator('#rp-verdict').count(), 1);
  assert.equal(await p.locator('#rp-error').count(), 0);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
