// Hosted offline: the page served over http registers its service worker, keeps scoring after the
// network is cut and the page reloaded, and a new deploy (new precache version) replaces the old
// files and cache after a reload. Runs on a copy of www/ so the deploy can be changed. Every
// request of the whole run stays inside the origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, browser, page, ROOT, nodeModule } from './harness.mjs';
import * as core from '../../www/pkg/yibao_credit.js';

nodeModule(core, 'yibao_credit');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yc-sw-'));
let srv;
let b;
before(async () => {
  fs.cpSync(path.join(ROOT, 'www'), dir, { recursive: true });
  execFileSync('node', [path.join(ROOT, 'scripts/precache.mjs'), dir]);
  srv = await serve(dir);
  b = await browser();
});
after(async () => { await b.close(); await srv.close(); fs.rmSync(dir, { recursive: true, force: true }); });

/** Polls fn in the page until ok(value), at most 20 s. */
async function until(p, fn, ok) {
  let v;
  for (let i = 0; i < 200; i++) {
    v = await p.evaluate(fn);
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting; last value ${JSON.stringify(v)}`);
}

test('the hosted page works with the network cut and updates cleanly on a new deploy', async () => {
  const p = await page(b);
  const ctx = p.context();
  const all = [];
  ctx.on('request', (r) => all.push(r.url()));
  await p.goto(srv.url);
  await p.waitForSelector('#headline');
  const v1 = fs.readFileSync(path.join(dir, 'precache.js'), 'utf8').match(/"version": "([0-9a-f]{16})"/)[1];
  await p.evaluate(async () => { await navigator.serviceWorker.ready; });
  await until(p, () => caches.keys(), (k) => k.length === 1);
  assert.deepEqual(await p.evaluate(() => caches.keys()), [`yibao-credit-${v1}`]);

  // Network cut: reload from the cache, and still score.
  await ctx.setOffline(true);
  const served = srv.requests.length;
  await p.reload();
  await p.waitForSelector('#headline');
  assert.equal(srv.requests.length, served, 'nothing reached the server while offline');
  await p.selectOption('#subject-type', 'retail-pharmacy');
  const asOf = await p.locator('#as-of').inputValue();
  await p.selectOption('#fact-10101', 'yes');
  const r = core.evaluate({ subject: { type: 'retail-pharmacy', name: '', code: '' }, asOf, facts: { 10101: true } });
  const { min, max } = r.reachable;
  await p.waitForFunction((s) => document.querySelector('#range')?.textContent.startsWith(s), `可能得分 ${min} – ${max} 分`);
  assert.equal(await p.locator('#progress').textContent(), '已填写 1 / 18 项');
  await ctx.setOffline(false);

  // A new deploy: a changed file, a new precache version. After a reload the new worker takes
  // over, the old cache is gone, and the next load shows the new file.
  const idx = path.join(dir, 'index.html');
  fs.writeFileSync(idx, fs.readFileSync(idx, 'utf8').replace('<title>医保信用自评工具', '<title>医保信用自评工具（新版）'));
  execFileSync('node', [path.join(ROOT, 'scripts/precache.mjs'), dir]);
  const v2 = fs.readFileSync(path.join(dir, 'precache.js'), 'utf8').match(/"version": "([0-9a-f]{16})"/)[1];
  assert.notEqual(v2, v1);
  assert.match(await p.title(), /^医保信用自评工具 ·/, 'still the old version from the cache');
  await p.reload();
  await until(p, () => caches.keys(), (k) => k.length === 1 && k[0] === `yibao-credit-${v2}`);
  await p.reload();
  await p.waitForSelector('#headline');
  assert.match(await p.title(), /（新版）/);

  // And the new version works offline too.
  await ctx.setOffline(true);
  await p.reload();
  await p.waitForSelector('#headline');
  assert.match(await p.title(), /（新版）/);
  await ctx.setOffline(false);

  const outside = all.filter((u) => !u.startsWith(srv.url) && !u.startsWith('data:'));
  assert.deepEqual(outside, []);
  assert.ok(all.length > 10, `the request log saw the run (${all.length} requests)`);
  assert.deepEqual(p.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), []);
  await ctx.close();
});
