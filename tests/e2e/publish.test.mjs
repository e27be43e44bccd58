// The publication package in headless Chromium (issue 14, points 7 and 9), in Chinese and in
// English: a batch of pharmacies saved as Excel saves it (GBK, CRLF), 「生成公示包」, the .zip
// downloaded and unzipped by another program (Python's zipfile), the folder served by a static
// server with a strict CSP header; then, on that site: a code and a name looked up, the dishonest
// list, the publication date and the objection period's last day, no request off the site, no CSP
// violation, a 390-px window, axe 0.
// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十一条、第二十二条、第二十三条.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, browser, page, openView, ARTIFACTS, ROOT } from './harness.mjs';

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

/** GB 32100-2015: the 18th character of a 统一社会信用代码 from its first 17. */
function uscc(first17) {
  const A = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const s = [...first17].reduce((n, ch, i) => n + A.indexOf(ch) * W[i], 0);
  return first17 + A[(31 - (s % 31)) % 31];
}

const CODES = { a: uscc('91441500MA4W0000A'), b: uscc('91441500MA4W0000B'), d: uscc('91441500MA4W0000D'), e: uscc('91441500MA4W0000L') };

/** The list as a GBK file with CRLF (Excel on Chinese Windows), from the template's header. */
function gbkList(header) {
  const codes = header.map((h) => (h.match(/^(\d{5}) /) || [])[1]);
  const row = (name, code, vals) => header.map((h, i) => {
    if (i === 0) return name;
    if (i === 1) return code;
    if (i === 2) return '';
    if (codes[i]) return vals[codes[i]] ?? '';
    return vals.direct ?? '否';
  }).join(',');
  const good = { 10101: '是', 10102: '是', 10201: '是', 10202: '是', 20101: '优秀', 20102: '是', 20103: '是' };
  const lines = [
    header.join(','),
    row('甲大药房', CODES.a, good), // A
    row('乙大药房', CODES.b, { ...good, 20101: '合格', 30102: '2' }), // 790: C
    row('丁大药房', CODES.d, { ...good, 20101: '合格', 30102: '2', 30201: '2', 30301: '1' }), // 700: D 一般失信
    row('戊大药房', CODES.e, { ...good, direct: '是' }), // on the serious list: E
    row('己大药房', '', good), // no code: not published
  ];
  const text = lines.join('\r\n') + '\r\n';
  // GBK bytes by Python's codec (an encoder other than the project's).
  return execFileSync('python3', ['-c', 'import sys; sys.stdout.buffer.write(sys.stdin.read().encode("gbk"))'], { input: text });
}

for (const lang of ['zh', 'en']) {
  test(`batch → publication package → a static site anyone can search (${lang})`, async () => {
    const zh = lang === 'zh';
    // ---- the clerk's page: batch, then the package ----
    const p = await openView(b, srv, '#batch', lang, '#bt-template');
    await p.fill('input[id^=bt-asof]', '2026-06-30');
    const [tdl] = await Promise.all([p.waitForEvent('download'), p.click('#bt-template')]);
    const header = fs.readFileSync(await tdl.path(), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
    await p.setInputFiles('#bt-file', { name: '名单.csv', mimeType: 'text/csv', buffer: gbkList(header) });
    await p.waitForSelector('.bt-bars li');
    await p.click('#bt-publish');
    await p.waitForSelector('#pub-panel');
    assert.equal(await p.evaluate(() => document.activeElement && document.activeElement.type), 'date', 'focus moves to the publication date');
    const panel = await p.locator('#pub-panel').innerText();
    assert.match(panel, zh ? /公示日期[\s\S]*同时公示得分/ : /Publication date[\s\S]*Publish the score/);
    await p.fill('#pub-panel input[type=date]', '2026-09-30');
    if (!zh) await p.check('#pub-panel input[type=checkbox]');
    const [zdl] = await Promise.all([p.waitForEvent('download'), p.click('#pub-go')]);
    assert.match(zdl.suggestedFilename(), /\.zip$/);
    assert.ok(srv.requests.some((u) => /publish-worker\.js/.test(u)), 'the package is made in the publication worker, off the page\'s thread');
    await p.waitForSelector('#pub-report');
    const rep = await p.locator('#pub-report').innerText();
    // 第二十二条: 10 working days from Wed 2026-09-30 across 国庆节 (10-01..07 off, Sat 10-10 worked).
    assert.match(rep, zh ? /公示机构 4 家，其中失信名单 2 家/ : /4 institutions published, 2 of them on the dishonest list/);
    assert.match(rep, zh ? /异议截止日 2026-10-20（星期二）/ : /last day for an objection 2026-10-20 \(Tuesday\)/);
    assert.match(rep, zh ? /第 ?6 ?行/ : /1 row \(row 6\)/, 'the row without a code is named');
    const shown = await p.locator('.view-batch').innerText();
    assert.doesNotMatch(shown, /[EW]_[A-Z_]+|\$\./, 'no error code or JSON path on screen');
    await p.screenshot({ path: path.join(ARTIFACTS, `publish-panel-${lang}.png`), fullPage: true });
    assert.deepEqual(p.errors.filter((e) => !/404/.test(e)), []);

    // ---- unzipped by another program ----
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yc-pub-'));
    const zipPath = path.join(dir, 'package.zip');
    fs.copyFileSync(await zdl.path(), zipPath);
    const site = path.join(dir, 'site');
    execFileSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; z.extractall(sys.argv[2])', zipPath, site]);
    for (const f of ['index.html', 'dishonest.html', 'assets/lookup.js', 'assets/publish.css', 'data/results.json', 'data/results.csv']) {
      assert.ok(fs.existsSync(path.join(site, f)), f);
    }
    const data = JSON.parse(fs.readFileSync(path.join(site, 'data/results.json'), 'utf8'));
    assert.deepEqual(data.columns, zh ? ['code', 'name', 'grade'] : ['code', 'name', 'grade', 'score', 'directReason'], 'details only when ticked');
    const csv = fs.readFileSync(path.join(site, 'data/results.csv'), 'utf8');
    assert.ok(csv.startsWith('\uFEFF统一社会信用代码,'), 'UTF-8 with BOM');
    assert.ok(csv.includes(`="${CODES.a}",甲大药房,A,`), 'the code kept as text for Excel');
    assert.ok(!csv.includes('己大药房'));

    // ---- the public site, under a strict CSP header ----
    const pub = await serve(site, { 'content-security-policy': CSP });
    const v = await page(b, { viewport: { width: 1280, height: 900 } });
    const requests = [];
    v.on('request', (r) => requests.push(r.url()));
    const res = await v.goto(pub.url + 'index.html');
    assert.equal(res.headers()['content-security-policy'], CSP);
    await v.waitForSelector('html[data-ready="4"]');
    assert.equal(await v.locator('#published').textContent(), '2026-09-30');
    assert.match(await v.locator('#objection-due').textContent(), /2026年10月20日/);
    assert.match(await v.locator('.facts').innerText(), /星期二[\s\S]*Tuesday/);
    assert.match(await v.locator('footer').innerText(), /第二十一条[\s\S]*第二十三条[\s\S]*第二十二条/);
    // A code: the full code, with spaces and in lower case as people type it.
    await v.fill('#q-text', ` ${CODES.d.toLowerCase().slice(0, 9)} ${CODES.d.toLowerCase().slice(9)} `);
    await v.press('#q-text', 'Enter');
    await v.waitForSelector('#results .card');
    let card = await v.locator('#results').innerText();
    assert.match(card, /丁大药房/);
    assert.match(card, /D 一般失信/);
    assert.match(card, /列入失信名单/);
    assert.match(card, /2026-06-30/);
    assert.ok(card.includes(data.rules.id), 'the rule set');
    assert.equal(await v.locator('#results .card').count(), 1);
    if (!zh) assert.match(card, /700/, 'the score when ticked');
    else assert.doesNotMatch(card, /得分|Score/);
    // A name: a few characters of it.
    await v.fill('#q-text', '甲大');
    await v.click('#q-go');
    await v.waitForFunction(() => /甲大药房/.test(document.querySelector('#results').textContent));
    card = await v.locator('#results').innerText();
    assert.match(card, /A 信用优秀/);
    assert.doesNotMatch(card, /列入失信名单/);
    // Nothing found: said so.
    await v.fill('#q-text', '不存在的药房');
    await v.click('#q-go');
    await v.waitForFunction(() => /没有找到/.test(document.querySelector('#status').textContent));
    await v.screenshot({ path: path.join(ARTIFACTS, `publish-site-${lang}.png`), fullPage: true });
    // A phone's window: nothing wider than the screen.
    await v.setViewportSize({ width: 390, height: 844 });
    await v.fill('#q-text', CODES.e);
    await v.click('#q-go');
    await v.waitForSelector('#results .card');
    assert.ok(await v.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scrolling at 390 px');
    await v.screenshot({ path: path.join(ARTIFACTS, `publish-site-390-${lang}.png`), fullPage: true });

    // The dishonest list: D and E, not A or B.
    await v.goto(pub.url + 'dishonest.html');
    const list = await v.locator('main').innerText();
    assert.match(list, /丁大药房[\s\S]*戊大药房/);
    assert.doesNotMatch(list, /甲大药房|乙大药房/);
    assert.match(list, /一般失信[\s\S]*严重失信/);
    assert.match(list, /2026年10月20日/);
    assert.ok(await v.evaluate(() => document.documentElement.scrollWidth <= 390), 'the list fits 390 px');
    await v.screenshot({ path: path.join(ARTIFACTS, `publish-list-390-${lang}.png`), fullPage: true });
    assert.deepEqual(v.errors, [], 'no CSP violation or script error');
    assert.ok(requests.length > 0 && requests.every((u) => u.startsWith(pub.url)), `only the site's own files: ${requests.filter((u) => !u.startsWith(pub.url))}`);
    await v.context().close();

    // Opened from the disk (file://): the page asks for its data file, then looks up.
    const f = await page(b);
    await f.goto(`file://${path.join(site, 'index.html')}`);
    await f.waitForSelector('#q-file');
    await f.setInputFiles('#q-file', path.join(site, 'data/results.json'));
    await f.waitForSelector('html[data-ready="4"]');
    await f.fill('#q-text', CODES.a);
    await f.click('#q-go');
    await f.waitForSelector('#results .card');
    assert.match(await f.locator('#results').innerText(), /甲大药房[\s\S]*A 信用优秀/);
    await f.context().close();

    // axe on both pages (axe is added past the CSP in a context of its own).
    const a = await page(b, { bypassCSP: true });
    for (const [url, ready] of [['index.html', 'html[data-ready]'], ['dishonest.html', 'main']]) {
      for (const width of [1280, 390]) {
        await a.setViewportSize({ width, height: 844 });
        await a.goto(pub.url + url);
        await a.waitForSelector(ready);
        if (url === 'index.html') {
          await a.fill('#q-text', '药房');
          await a.click('#q-go');
          await a.waitForSelector('#results .card');
        }
        await a.addScriptTag({ content: AXE });
        const r = await a.evaluate(async () => {
          const x = await window.axe.run(document);
          return { passes: x.passes.length, bad: x.violations.map((w) => `${w.id}: ${w.help} — ${w.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`) };
        });
        assert.ok(r.passes >= 15, `axe ran on ${url}`);
        assert.deepEqual(r.bad, [], `${url} at ${width} px`);
      }
    }
    await a.context().close();
    await pub.close();
    await p.context().close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
}
