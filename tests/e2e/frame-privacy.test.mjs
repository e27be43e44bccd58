// frame.html must not hand the answers saved on the user's computer to whoever embeds it.
// The allowed parents are set by the deployment (www/frame-parents.json on the tool's origin), not
// by the embedding page's `?parent=`; before the parent is verified nothing saved is read or posted.
// Attackers: a page on the same site (another port of 127.0.0.1) and a page on another site
// (evil.test, mapped to 127.0.0.1), each in a real Chromium profile with third-party storage blocked,
// allowed, and allowed without storage partitioning.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, browser, persistent, ROOT } from './harness.mjs';

const SECRET = {
  v: 1,
  data: {
    answers: {
      'type:retail-pharmacy': { type: 'retail-pharmacy', name: '王秘密药房', facts: { 10101: true } },
      'type:physician': { type: 'physician', name: '李秘密医生', facts: {} },
    },
  },
};
const KEY = 'yibao-credit:embed:evaluator';

// Every localStorage read, per frame, for the test to look at.
const SPY = `(() => {
  window.__reads = [];
  const get = Storage.prototype.getItem;
  Storage.prototype.getItem = function (k) { window.__reads.push(String(k)); return get.call(this, k); };
})();`;

let tool; // serves the tool (www/frame.html) and its deployment file
let portal; // a host the deployment lists
let evil; // an attacker: same site as 127.0.0.1, or another site as evil.test
before(async () => { tool = await serve(ROOT); portal = await serve(ROOT); evil = await serve(ROOT); });
after(async () => { await tool.close(); await portal.close(); await evil.close(); });

const origin = (s) => s.url.replace(/\/$/, '');
const frameUrl = () => `${tool.url}www/frame.html`;

/** Saves the user's answers on the tool's origin (first party), as an earlier visit would have. */
async function seed(ctx) {
  const p = await ctx.newPage();
  await p.goto(`${tool.url}tests/host/probe.html`);
  await p.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, JSON.stringify(SECRET)]);
  await p.close();
}

/** A browser context with the user's answers saved earlier on the tool's origin. */
async function withSaved(b) {
  const ctx = await b.newContext({ locale: 'zh-CN' });
  await ctx.addInitScript(SPY);
  await seed(ctx);
  return ctx;
}

// How a frame of the tool's origin inside a page of another site sees the tool's storage, by the
// browser's settings (measured in Debian's Chromium 156): blocked when third-party cookies are
// blocked (its default); shared with the first party when they are allowed; shared as well with
// storage partitioning switched off, as in older Chromium cores. A frame on the same site (another
// port of the bureau's host) shares the first party's storage in every case.
const configurations = [
  ['default profile (third-party storage blocked)', [], null, 'blocked'],
  ['third-party cookies allowed, storage partitioning on', [], { profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }, true],
  ['third-party cookies allowed, storage partitioning off (older Chromium cores)', ['--disable-features=ThirdPartyStoragePartitioning'],
    { profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }, true],
];

for (const [label, flags, prefs, crossSite] of configurations) {
  test(`attackers get nothing, and nothing saved is read for them — ${label}`, async () => {
    // A real profile (third-party storage as a user's browser has it).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yc-profile-'));
    if (prefs) {
      fs.mkdirSync(path.join(dir, 'Default'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'Default', 'Preferences'), JSON.stringify(prefs));
    }
    const ctx = await persistent(['--host-resolver-rules=MAP evil.test 127.0.0.1', ...flags], dir);
    try {
      await ctx.addInitScript(SPY);
      // The deployment lists the portal only.
      tool.files.set('/www/frame-parents.json', JSON.stringify({ allowedParents: [origin(portal)] }));
      for (const [who, base] of [['same site', evil.url], ['another site', `http://evil.test:${evil.port}/`]]) {
        await seed(ctx);
        const p = await ctx.newPage();
        const errors = [];
        p.on('pageerror', (e) => errors.push(e.message));
        await p.goto(`${base}tests/host/attacker.html?frame=${encodeURIComponent(frameUrl())}&probe=${encodeURIComponent(`${tool.url}tests/host/probe.html`)}`);
        const fr = await (await p.waitForSelector('#victim')).contentFrame();
        await fr.waitForSelector('yibao-credit-evaluator .headline');
        await p.waitForFunction(() => window.probe !== null);
        await p.waitForTimeout(800); // dozens of configure attempts
        const probe = await p.evaluate(() => window.probe);
        // The condition under test is real: without partitioning (or on the same site) a frame of
        // the tool's origin in this page can see the saved answers.
        assert.equal(probe, who === 'same site' ? true : crossSite, `${who}: what a frame of the tool's origin sees of its storage here`);

        assert.deepEqual(await p.evaluate(() => window.received), [], `${who}: nothing is posted to the attacker`);
        const reads = await fr.evaluate(() => window.__reads.filter((k) => k.startsWith('yibao-credit:embed')));
        assert.deepEqual(reads, [], `${who}: the frame did not read the saved answers`);
        assert.equal(await fr.locator('yibao-credit-evaluator #yc-name').inputValue(), '', `${who}: the name is not shown`);
        assert.match(await fr.locator('yibao-credit-evaluator #yc-saved').textContent(), /不在本机保存/);
        // The user can still type in it; it is neither posted nor saved.
        await fr.locator('yibao-credit-evaluator #yc-name').fill('typed here');
        await p.waitForTimeout(100);
        assert.deepEqual(await p.evaluate(() => window.received), []);
        assert.deepEqual(errors, []);
        await p.close();
        // The saved answers are untouched.
        const p2 = await ctx.newPage();
        await p2.goto(`${tool.url}tests/host/probe.html`);
        assert.deepEqual(JSON.parse(await p2.evaluate((k) => localStorage.getItem(k), KEY)), SECRET);
        await p2.close();
      }

      // The listed portal: verified, the saved answers come back and results reach it.
      await seed(ctx);
      const p = await ctx.newPage();
      await p.goto(`${portal.url}tests/host/iframe-host.html?frame=${encodeURIComponent(`${frameUrl()}?parent=https://ignored.example`)}`);
      await p.waitForFunction(() => window.frameMessages.some((m) => m.type === 'yibao-credit:change' && m.result.subject.name === '李秘密医生'));
      const msgs = await p.evaluate(() => window.frameMessages);
      assert.equal(msgs[0].type, 'yibao-credit:ready');
      assert.equal(msgs.filter((m) => m.type === 'yibao-credit:ready').length, 1, 'one ready');
      const fr = await (await p.waitForSelector('#yc-frame')).contentFrame();
      assert.equal(await fr.locator('yibao-credit-evaluator #yc-name').inputValue(), '李秘密医生');
    } finally {
      tool.files.delete('/www/frame-parents.json');
      await ctx.close();
      fs.rmSync(ctx.dir, { recursive: true, force: true });
    }
  });
}

test('the shipped setting allows the tool\'s own origin only, whatever ?parent= says', async () => {
  const b = await browser();
  try {
    // Same origin as the tool: allowed by default.
    let ctx = await withSaved(b);
    let p = await ctx.newPage();
    await p.goto(`${tool.url}tests/host/iframe-host.html?frame=${encodeURIComponent(frameUrl())}`);
    await p.waitForFunction(() => window.frameMessages.some((m) => m.type === 'yibao-credit:change' && m.result.subject.name === '李秘密医生'));
    // The host can set a rule file and clear it again (an empty value goes back to the built-in set).
    const send = (m) => p.evaluate((msg) => document.getElementById('yc-frame').contentWindow.postMessage(msg, location.origin), m);
    await send({ type: 'yibao-credit:configure', rulesUrl: '../www/rules/insured.json', subjectType: 'insured' });
    await p.waitForFunction(() => window.frameMessages.at(-1).result?.rules.id === 'sample-insured');
    await send({ type: 'yibao-credit:configure', rulesUrl: '', subjectType: 'physician' });
    await p.waitForFunction(() => window.frameMessages.at(-1).result?.rules.id === 'sample-practitioner');
    await ctx.close();

    // Another origin naming itself in ?parent=, as the README of earlier versions said: refused.
    ctx = await withSaved(b);
    p = await ctx.newPage();
    await p.goto(`${portal.url}tests/host/iframe-host.html?frame=${encodeURIComponent(`${frameUrl()}?parent=${origin(portal)}`)}`);
    const fr = await (await p.waitForSelector('#yc-frame')).contentFrame();
    await fr.waitForSelector('yibao-credit-evaluator .headline');
    await p.waitForTimeout(500);
    assert.deepEqual(await p.evaluate(() => window.frameMessages), []);
    assert.deepEqual(await fr.evaluate(() => window.__reads.filter((k) => k.startsWith('yibao-credit:embed'))), []);
    await ctx.close();

    // Opened on its own, frame.html is the tool's page: the answers are there.
    ctx = await withSaved(b);
    p = await ctx.newPage();
    await p.goto(frameUrl());
    await p.waitForFunction(() => document.querySelector('yibao-credit-evaluator').shadowRoot.querySelector('#yc-name')?.value === '王秘密药房');
    await ctx.close();
  } finally {
    await b.close();
  }
});

test('a damaged or hostile deployment file allows nothing more than the tool\'s own origin', async () => {
  const b = await browser();
  try {
    for (const body of ['not json', JSON.stringify({ allowedParents: ['*', 'null', 'javascript:alert(1)', 'file:///etc', 42] }), JSON.stringify({ allowedParents: `${origin(portal)}` })]) {
      tool.files.set('/www/frame-parents.json', body);
      const ctx = await withSaved(b);
      const p = await ctx.newPage();
      await p.goto(`${portal.url}tests/host/iframe-host.html?frame=${encodeURIComponent(frameUrl())}`);
      const fr = await (await p.waitForSelector('#yc-frame')).contentFrame();
      await fr.waitForSelector('yibao-credit-evaluator .headline');
      await p.waitForTimeout(400);
      assert.deepEqual(await p.evaluate(() => window.frameMessages), [], body);
      await ctx.close();
    }
  } finally {
    tool.files.delete('/www/frame-parents.json');
    await b.close();
  }
});

test('the headers the README recommends: the page works, frame.html only inside the pages listed', async () => {
  // Taken from README.md itself, so the test and the documentation cannot differ.
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const row = (file) => readme.split('\n').find((l) => l.startsWith(`| ${file}`));
  const page = row('`index.html`').match(/Content-Security-Policy: ([^`]+)`/)[1];
  // frame.html: "the same, but `frame-ancestors …`" (the listed portal's origin in the example's place).
  const ancestors = row('`frame.html`').match(/`(frame-ancestors [^`]+)`/)[1];
  const frame = page.replace("frame-ancestors 'none'", ancestors).replace('https://portal.example.gov.cn', origin(portal));
  assert.match(page, /frame-ancestors 'none'/);
  const headed = await serve(ROOT, (p) => ({
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(p.endsWith('/frame.html') ? { 'content-security-policy': frame } : p.endsWith('.html') ? { 'content-security-policy': page } : {}),
  }));
  const b = await browser();
  try {
    const ctx = await b.newContext({ locale: 'zh-CN' });
    const p = await ctx.newPage();
    const errors = [];
    p.on('pageerror', (e) => errors.push(e.message));
    // The page itself, under its header: it loads and scores.
    await p.goto(`${headed.url}www/index.html`);
    await p.waitForSelector('#headline #progress');
    assert.deepEqual(errors, []);
    // The frame, in a page the header lists: it runs and talks to it.
    headed.files.set('/www/frame-parents.json', JSON.stringify({ allowedParents: [origin(portal)] }));
    await p.goto(`${portal.url}tests/host/iframe-host.html?frame=${encodeURIComponent(`${headed.url}www/frame.html`)}`);
    await p.waitForFunction(() => window.frameMessages.some((m) => m.type === 'yibao-credit:change'));
    // In any other page the browser refuses to show it: nothing of it runs, nothing is posted.
    await p.goto(`${evil.url}tests/host/attacker.html?frame=${encodeURIComponent(`${headed.url}www/frame.html`)}`);
    await p.waitForTimeout(800);
    const fr = p.frames().find((f) => f.url().includes('/www/frame.html'));
    const ran = fr ? await fr.evaluate(() => !!document.querySelector('yibao-credit-evaluator')).catch(() => false) : false;
    assert.equal(ran, false, 'frame.html did not run inside the unlisted page');
    assert.deepEqual(await p.evaluate(() => window.received), []);
    // The index page cannot be framed at all.
    await p.goto(`${portal.url}tests/host/iframe-host.html?frame=${encodeURIComponent(`${headed.url}www/index.html`)}`);
    await p.waitForTimeout(800);
    const fi = p.frames().find((f) => f.url().includes('/www/index.html'));
    assert.equal(fi ? await fi.evaluate(() => !!document.getElementById('app-title')).catch(() => false) : false, false);
    await ctx.close();
  } finally {
    await b.close();
    await headed.close();
  }
});
