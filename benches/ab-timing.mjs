// What benches/old-vs-new.mjs and benches/score-ab.mjs share: the old build's directory from the
// command line, the input both time, and the interleaved timing loop (run in Node and, as its
// source text, in the page).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, browser, page } from '../tests/e2e/harness.mjs';

/** `OLD_WWW` (argv[2]) and the rounds (argv[3], default 200); exits with the usage line when absent. */
export function oldBuildArgs(script) {
  const old = path.resolve(process.argv[2] || '');
  if (!fs.existsSync(path.join(old, 'pkg/yibao_credit.js'))) {
    console.error(`usage: node benches/${script} OLD_WWW [ROUNDS]  (OLD_WWW: an earlier www/ after its scripts/build.sh)`);
    process.exit(2);
  }
  return { OLD: old, N: Number(process.argv[3] || 200) };
}

/** The self-assessment timed (benches/peer-compare.mjs's PEER_INPUT). */
export const INPUT = {
  subject: { type: 'retail-pharmacy', name: '某药房', code: '91110000600037341L' }, asOf: '2026-11-23',
  facts: { 10101: true, 10102: true, 10201: true, 10202: false, 20101: 'good', 20102: true, 20103: true, 20201: 1, 30102: 1 },
  events: [{ kind: 'agreement-talk', date: '2026-05-06' }],
};

/**
 * The timing loop, run in Node and in the page: `calls` by name, each warmed up by 3,000 calls,
 * then `rounds` rounds of `per` calls each, the order rotated every round; medians in µs.
 * Self-contained (no outer names): the page gets it as `timeAll.toString()`.
 */
export function timeAll(calls, rounds, per) {
  const names = Object.keys(calls);
  for (const n of names) for (let i = 0; i < 3000; i++) calls[n]();
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const n = names[(r + k) % names.length];
      const f = calls[n];
      const t0 = performance.now();
      for (let i = 0; i < per; i++) f();
      samples[n].push(((performance.now() - t0) / per) * 1000);
    }
  }
  const med = (v) => { const s = [...v].sort((a, b) => a - b); return s[s.length >> 1]; };
  return Object.fromEntries(names.map((n) => [n, med(samples[n])]));
}

/**
 * Runs `run(page, browser)` in a cross-origin-isolated page (a 5 µs timer), which serves the old
 * build as /old/, this tree's www/ as /new/ and its data/ as /data/; closes everything after.
 */
export async function inIsolatedPage(root, old, title, run) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yc-ab-'));
  fs.symlinkSync(old, path.join(tmp, 'old'));
  fs.symlinkSync(path.join(root, 'www'), path.join(tmp, 'new'));
  fs.symlinkSync(path.join(root, 'data'), path.join(tmp, 'data'));
  fs.writeFileSync(path.join(tmp, 'index.html'), `<!doctype html><meta charset="utf-8"><title>${title}</title><p>${title}</p>`);
  const srv = await serve(tmp, { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' });
  const b = await browser();
  try {
    const p = await page(b);
    await p.goto(srv.url);
    return await run(p, b);
  } finally {
    await b.close();
    await srv.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
