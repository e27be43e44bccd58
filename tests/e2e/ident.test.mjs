// Codes checked as they are typed (GB 32100-2015, GB 11643-1999).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, page } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b.close(); await srv.close(); });

test('a valid code is explained, a wrong check character named', async () => {
  const p = await page(b);
  await p.goto(srv.url + '#ident');
  const uscc = p.locator('input[name=uscc]');
  await uscc.waitFor();
  await uscc.fill('91110000600037341L');
  await p.waitForFunction(() => /北京/.test(document.querySelector('.id-msg').textContent));
  assert.notEqual(await uscc.getAttribute('aria-invalid'), 'true');
  await uscc.fill('91110000600037341N');
  await p.waitForFunction(() => /应为“L”/.test(document.querySelector('.id-msg').textContent));
  assert.equal(await uscc.getAttribute('aria-invalid'), 'true');
  const id = p.locator('input[name=id]');
  await id.fill('360426199113010079');
  await id.dispatchEvent('change');
  await p.waitForFunction(() => /月/.test(document.querySelectorAll('.id-msg')[1].textContent));
  assert.equal(await id.getAttribute('aria-invalid'), 'true');
  // Markup typed into the field stays text.
  await uscc.fill('<img src=x onerror=alert(1)>');
  await p.waitForTimeout(100);
  assert.equal(await p.locator('.id-msg img').count(), 0);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
