// No developer words on the page (issue 13, point 6): every view, in Chinese and in English, given
// bad input: no error code (E_…), no JSON path ($.…), and every message in the page's language alone
// (no Chinese message followed by its English in Chinese mode, no Chinese message in English mode).
// The codes and paths stay in the API and the CLI. (A rule file with errors is the one place a
// path is shown: it names the place in the file the bureau wrote; not walked here.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, browser, page, ARTIFACTS } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

/** Elements that carry a message to the user. */
const MESSAGES = '[role=alert], [role=status], .error, .note, .warnings li, .fm-err, .rp-need li, .rp-error, .rp-warn li, .dl-error, .hd-error, .id-msg, .code-msg, .bt-msg, .ev-status, #fm-general-errors li, .dl-warnings li';

/** Checks the view on screen; returns what it found wrong (empty when all is well). */
async function problems(p, lang, where) {
  const found = await p.evaluate(([sel, lang]) => {
    const out = [];
    const view = document.querySelector('#main');
    const text = view.innerText;
    const code = text.match(/\b[EW]_[A-Z][A-Z_]+/);
    if (code) out.push(`code ${code[0]}`);
    const json = text.match(/\$\.[A-Za-z[]\S*/);
    if (json) out.push(`path ${json[0]}`);
    // An input's key in place of its label: 「asOf：」, 「period.from: 」, 「events[0].date：」.
    const key = text.match(/(?:^|[^A-Za-z])((?:[a-z]+(?:[A-Z][a-z0-9]*)+|[a-z]+(?:\.[a-z][A-Za-z]*)+|[a-z]+\[\d+\](?:\.[a-z]+)?)(?:：|: ))/m);
    if (key) out.push(`key ${key[1]}`);
    for (const el of view.querySelectorAll(sel)) {
      const c = el.cloneNode(true);
      c.querySelectorAll('[lang="zh-CN"], .cite, .hash, code, input, select, textarea').forEach((x) => x.remove());
      const msg = c.textContent.trim();
      if (!msg) continue;
      if (lang === 'zh' && /[\u4e00-\u9fff][^\n]*?\b[A-Za-z]{3,}[,.]?(\s+[A-Za-z]{2,}[,.]?){2,}/.test(msg)) out.push(`English after Chinese: ${msg.slice(0, 160)}`);
      // (A document's Chinese title beside its English name, 《…》, is how English cites it.)
      if (lang === 'en' && /[\u4e00-\u9fff]/.test(msg.replace(/《[^》]*》/g, ''))) out.push(`Chinese in English: ${msg.slice(0, 160)}`);
    }
    return out;
  }, [MESSAGES, lang]);
  return found.map((x) => `${where} (${lang}): ${x}`);
}

async function open(lang, hash = '') {
  const p = await page(b, { serviceWorkers: 'block' });
  await p.goto(srv.url);
  await p.evaluate((l) => { localStorage.clear(); localStorage.setItem('yibao-credit:lang', l); }, lang);
  await p.goto(`${srv.url}${hash}`);
  await p.reload();
  return p;
}

for (const lang of ['zh', 'en']) {
  test(`every view with bad input speaks the user's language, without codes or paths (${lang})`, async () => {
    const bad = [];
    const p = await open(lang);

    // Self-assessment: a period that ends before it begins, a wrong code, an event with no date.
    await p.waitForSelector('#headline');
    await p.fill('#subject-code', '91110000600037341N');
    await p.fill('#period-from', '2026-06-01');
    await p.fill('#period-to', '2026-01-01');
    await p.waitForSelector('#eval-error');
    await p.click('#add-event');
    await p.locator('.event-row select').first().selectOption({ index: 2 });
    await p.waitForTimeout(100);
    bad.push(...await problems(p, lang, 'self-assessment'));
    await p.screenshot({ path: path.join(ARTIFACTS, `words-assess-${lang}.png`), fullPage: true });
    await p.fill('#as-of', '1900-01-01');
    await p.fill('#period-from', '');
    await p.waitForTimeout(100);
    bad.push(...await problems(p, lang, 'self-assessment, as-of 1900'));
    assert.match(await p.locator('#eval-error').innerText(), lang === 'zh' ? /^评价基准日：/ : /^As-of date: /, 'the field is named by its label');
    await p.fill('#as-of', '2026-11-23');
    await p.locator('.event-row input[type=date]').first().fill('1900-02-01');
    await p.waitForTimeout(100);
    bad.push(...await problems(p, lang, 'self-assessment, event in 1900'));

    // Repair check: what is missing, then an application before the decision.
    await p.click('[data-view="repair"]');
    await p.waitForSelector('#rp-verdict');
    await p.fill('#rp-decision-date', '2026-01-10');
    await p.waitForSelector('#rp-need');
    bad.push(...await problems(p, lang, 'repair check, needs'));
    await p.fill('#rp-app-date', '2025-12-31');
    await p.waitForSelector('#rp-error');
    await p.fill('#rp-ob-pub', '1800-01-01');
    await p.waitForTimeout(100);
    bad.push(...await problems(p, lang, 'repair check, contradiction'));
    await p.screenshot({ path: path.join(ARTIFACTS, `words-repair-${lang}.png`), fullPage: true });

    // Forms: a wrong code, a wrong phone, dates out of order.
    await p.click('[data-view="forms"]');
    await p.waitForSelector('#fm-preview .fm-sheet');
    await p.fill('#fm-f-code', '12345');
    await p.fill('#fm-f-contact', 'abc');
    await p.fill('#fm-f-applicationDate', '1900-01-01');
    await p.waitForSelector('#fm-invalid');
    bad.push(...await problems(p, lang, 'forms'));
    await p.screenshot({ path: path.join(ARTIFACTS, `words-forms-${lang}.png`), fullPage: true });

    // Deadlines: a date out of range, a broken holiday file.
    await p.click('[data-view="deadline"]');
    await p.waitForSelector('select[name=kind]');
    await p.selectOption('select[name=kind]', 'repair-decision');
    await p.fill('input[name=from]', '');
    await p.locator('input[name=from]').dispatchEvent('change');
    await p.waitForTimeout(100);
    bad.push(...await problems(p, lang, 'deadlines, no start date'));
    await p.fill('input[name=from]', '1900-01-01');
    await p.waitForSelector('.view-deadline [data-code]');
    await p.locator('main input[type=file]').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"year": 2027, "days": [{"date": "2027-02-30", "isOffDay": true}]}') });
    await p.waitForTimeout(300);
    bad.push(...await problems(p, lang, 'deadlines'));
    // A due date in a year with no holiday notice: the warning in one language.
    await p.fill('input[name=from]', '2026-12-28');
    await p.waitForSelector('.dl-warnings li');
    bad.push(...await problems(p, lang, 'deadlines, warning'));

    // Code check.
    await p.click('[data-view="ident"]');
    await p.locator('input[name=uscc]').fill('91110000600037341N');
    await p.locator('input[name=id]').fill('36042619911301007');
    await p.locator('input[name=id]').press('Tab');
    await p.waitForTimeout(200);
    bad.push(...await problems(p, lang, 'code check'));

    // Batch: a file that is not CSV, then a list with a bad answer.
    await p.click('[data-view="batch"]');
    await p.waitForSelector('#bt-template');
    await p.setInputFiles('#bt-file', { name: 'photo.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0xff, 0xfe, 0, 1, 2, 3]) });
    await p.waitForSelector('.bt-msg [role=alert]');
    bad.push(...await problems(p, lang, 'batch, not a CSV'));
    await p.setInputFiles('#bt-file', { name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from('名称,代码,主体类型,10101 x\r\n甲,123,retail-pharmacy,也许\r\n', 'utf8') });
    await p.waitForTimeout(1500);
    bad.push(...await problems(p, lang, 'batch, bad rows'));
    await p.screenshot({ path: path.join(ARTIFACTS, `words-batch-${lang}.png`), fullPage: true });

    assert.deepEqual(bad, []);
    await p.context().close();
  });
}
