// What the user typed survives a killed browser (issue 19.2): a real Chromium on a persistent
// profile, in its own process group, is killed (SIGKILL, the whole group) about 100 ms after the
// last keystroke and started again on the same profile; the last value typed is back.
// (Chromium writes localStorage to disk late; the page mirrors every save to IndexedDB with a
// durable transaction and recovers from it at start: www/store.js, www/durable.js.)
// A crashed tab (chrome://crash) loses nothing either: the browser process still holds localStorage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { serve } from './harness.mjs';

let srv;
before(async () => { srv = await serve(); });
after(async () => { await srv.close(); });

/** Chromium on the profile `dir`, in a process group of its own, driven over CDP. */
async function launch(dir) {
  const proc = spawn(process.env.CHROMIUM || '/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu',
    '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync',
    '--disable-dev-shm-usage', '--lang=zh-CN', `--user-data-dir=${dir}`, '--remote-debugging-port=0', 'about:blank'],
  { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const ws = await new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`chromium did not start: ${err}`)), 30000);
    proc.stderr.on('data', (d) => {
      err += d;
      const m = err.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', () => { clearTimeout(timer); reject(new Error(`chromium exited: ${err}`)); });
  });
  const b = await chromium.connectOverCDP(ws);
  const page = await b.contexts()[0].newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  return { proc, b, page };
}

/** SIGKILL to the browser's whole process group, as a crash or a killed task would. */
async function kill(proc) {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const gone = new Promise((r) => proc.once('exit', r));
  process.kill(-proc.pid, 'SIGKILL');
  await gone;
}

test('the last value typed about 100 ms before the browser is killed is back after a restart', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yc-crash-'));
  try {
    let run = await launch(dir);
    await run.page.goto(srv.url);
    await run.page.waitForSelector('#headline');
    await run.page.fill('#subject-name', '城区某某大药房');
    await run.page.selectOption('#fact-10202', 'no');
    await run.page.waitForTimeout(3000);
    await run.page.fill('#subject-name', '城区某某大药房（崩溃前最后输入）');
    await run.page.waitForTimeout(100);
    assert.deepEqual(run.page.errors, []);
    await kill(run.proc);

    run = await launch(dir);
    await run.page.goto(srv.url);
    await run.page.waitForSelector('#headline');
    assert.equal(await run.page.locator('#subject-name').inputValue(), '城区某某大药房（崩溃前最后输入）');
    assert.equal(await run.page.locator('#fact-10202').inputValue(), 'no');
    assert.deepEqual(run.page.errors, []);
    await kill(run.proc);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a crashed tab loses nothing: the value typed just before is there in a new tab', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yc-crash-'));
  try {
    const run = await launch(dir);
    await run.page.goto(srv.url);
    await run.page.waitForSelector('#headline');
    await run.page.fill('#subject-name', '标签页崩溃前输入的名称');
    const crashed = new Promise((r) => run.page.once('crash', r));
    run.page.goto('chrome://crash').catch(() => {});
    await crashed;
    const again = await run.b.contexts()[0].newPage();
    await again.goto(srv.url);
    await again.waitForSelector('#headline');
    assert.equal(await again.locator('#subject-name').inputValue(), '标签页崩溃前输入的名称');
    await kill(run.proc);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
