// How long the page stops answering while it reads a large Excel workbook and while it makes the
// publication package of a long list: a 20 ms heartbeat runs on the page, the longest gap between
// two beats is the figure. Pages given side by side (e.g. a build before a change and this one),
// interleaved, each run `--runs` times.
//   node benches/page-freeze.mjs [--rows 20000] [--runs 2] WWW_DIR...   (default: www)
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, page, nodeModule, ROOT } from '../tests/e2e/harness.mjs';
import { benchCsv } from './bench-csv.mjs';
import * as tools from '../www/pkg/yibao_tools.js';
import * as excel from '../www/pkg/yibao_excel.js';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); if (i < 0) return dflt; const v = args[i + 1]; args.splice(i, 2); return Number(v); };
const rows = opt('--rows', 20000);
const runs = opt('--runs', 2);
const dirs = args.length ? args : [path.join(ROOT, 'www')];

nodeModule(tools, 'yibao_tools');
excel.initSync({ module: fs.readFileSync(path.join(ROOT, 'www/pkg/yibao_excel_bg.wasm')) });
const header = tools.batchTemplate({ type: 'retail-pharmacy' }).csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
const csv = benchCsv(header, rows);
const xlsx = Buffer.from(excel.templateXlsx(csv, '名单'));

const startBeats = (p) => p.evaluate(() => { window.beats = []; window.beat = setInterval(() => window.beats.push(performance.now()), 20); });
const longestGap = (p) => p.evaluate(() => {
  clearInterval(window.beat);
  let g = 0;
  for (let i = 1; i < window.beats.length; i++) g = Math.max(g, window.beats[i] - window.beats[i - 1]);
  return Math.round(g);
});

async function once(b, srv) {
  const p = await page(b, { acceptDownloads: true, serviceWorkers: 'block' });
  await p.goto(`${srv.url}#batch`);
  await p.waitForSelector('#bt-template');
  // The workbook: read, batch run, table shown.
  await startBeats(p);
  let t = performance.now();
  await p.setInputFiles('#bt-file', { name: '名单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx });
  await p.waitForSelector('.bt-counts', { timeout: 600000 });
  const xlsxMs = Math.round(performance.now() - t);
  const xlsxGap = await longestGap(p);
  // The publication package of the same list.
  await p.click('#bt-publish');
  await p.waitForSelector('#pub-go');
  await startBeats(p);
  t = performance.now();
  await Promise.all([p.waitForEvent('download', { timeout: 600000 }), p.click('#pub-go')]);
  const pubMs = Math.round(performance.now() - t);
  const pubGap = await longestGap(p);
  await p.context().close();
  return { xlsxMs, xlsxGap, pubMs, pubGap };
}

const b = await browser();
const servers = await Promise.all(dirs.map((d) => serve(path.resolve(d))));
console.log(`${rows} rows; longest time without an answer (ms) / whole operation (ms)`);
for (let r = 1; r <= runs; r++) {
  for (let i = 0; i < dirs.length; i++) {
    const m = await once(b, servers[i]);
    console.log(`run ${r} ${dirs[i]}: workbook read + batch: gap ${m.xlsxGap} / ${m.xlsxMs}; publication package: gap ${m.pubGap} / ${m.pubMs}`);
  }
}
await b.close();
for (const s of servers) await s.close();
