// `node benches/batch-page.mjs [DIR ...]`: the batch page's throughput, builds side by side — the
// 100,000-row CSV of benches/bench-csv.mjs chosen in 批量评价 (#batch) of each built page DIR
// (default: this worktree's www/, after scripts/build.sh), until the results table shows; the
// page's own figure (`data-elapsed-ms`: file read → table shown, in its Web Worker: both passes,
// decode, evaluate, rows and result file kept, render). The DIRs alternate (the order turning
// each round), a fresh browser context per load, median of BATCH_PAGE_RUNS (default 5) each;
// rows/s = 100,000 / median. Env: BATCH_PAGE_ROWS (default 100,000).
//
//   git worktree add /tmp/old <commit> && (cd /tmp/old && ln -s "$PWD/node_modules" . && scripts/build.sh)
//   node benches/batch-page.mjs /tmp/old/www www
import path from 'node:path';
import { serve, browser, page, ROOT } from '../tests/e2e/harness.mjs';
import { loadOurs } from './ours-node.mjs';
import { benchCsv } from './bench-csv.mjs';

const ROWS = Number(process.env.BATCH_PAGE_ROWS || 100000);
const RUNS = Math.max(1, Number(process.env.BATCH_PAGE_RUNS || 5));
const dirs = (process.argv.slice(2).length ? process.argv.slice(2) : ['www']).map((d) => path.resolve(d));
const csv = Buffer.from(benchCsv((await loadOurs(ROOT)).tools.batchTemplate({ type: 'retail-pharmacy' }).csv, ROWS), 'utf8');

const servers = await Promise.all(dirs.map((d) => serve(d)));
const b = await browser();
const times = dirs.map(() => []);
try {
  for (let r = 0; r < RUNS; r++) {
    const order = dirs.map((_, i) => i);
    if (r % 2) order.reverse();
    for (const i of order) {
      const p = await page(b);
      await p.goto(servers[i].url + '#batch');
      await p.waitForSelector('#bt-template');
      await p.setInputFiles('#bt-file', { name: 'bench.csv', mimeType: 'text/csv', buffer: csv });
      await p.waitForSelector('[data-elapsed-ms]', { timeout: 120000 });
      const rows = await p.$$eval('.bt-table tbody tr', (trs) => trs.length);
      if (!rows) throw new Error(`${dirs[i]}: no rows shown`);
      times[i].push(Number(await p.getAttribute('[data-elapsed-ms]', 'data-elapsed-ms')));
      if (p.errors.length) throw new Error(`${dirs[i]}: ${p.errors.join('; ')}`);
      await p.context().close();
    }
  }
} finally {
  await b.close();
  await Promise.all(servers.map((s) => s.close()));
}
const median = (xs) => [...xs].sort((a, c) => a - c)[xs.length >> 1];
console.log(`$ node benches/batch-page.mjs ${process.argv.slice(2).join(' ')}   (${ROWS} rows, ${(csv.length / 1e6).toFixed(1)} MB; alternating, median of ${RUNS})`);
dirs.forEach((d, i) => {
  const m = median(times[i]);
  console.log(`  ${path.relative(ROOT, d) || d}: ${m} ms file read → table shown, ${Math.round(ROWS / (m / 1000)).toLocaleString('en')} rows/s (runs ${times[i].join(', ')} ms)`);
});
