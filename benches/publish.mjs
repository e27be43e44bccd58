// `node benches/publish.mjs [--rows 100000] [--lookups 50] [--details]`: the publication package of
// a 100,000-institution list (issue 14, point 8), against the built tools module (run
// scripts/build.sh first):
//   make      — api.publish in Node (the tools wasm, as the page runs it): batch + package files;
//   size      — every file of the package, raw and brotli (quality 11, what a web server sends),
//               and the total (target: at most 3 MB brotli);
//   load      — the look-up page served by a static server in headless Chromium (Debian's):
//               navigation → data loaded and indexed (html[data-ready]);
//   look-up   — after load, a code typed and submitted → the result card in the DOM (the search and
//               the drawing, layout forced), for --lookups random codes (target: under 50 ms),
//               and a few name searches (a scan of every name).
// The list: realistic pharmacy and clinic names of 汕尾's counties, valid 统一社会信用代码 (GB 32100
// check character), grades from A to E (direct E included), made with a fixed seed.
// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十一条（查询服务）、第二十三条（官方网站发布）.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, browser, page, nodeModule } from '../tests/e2e/harness.mjs';
import * as tools from '../www/pkg/yibao_tools.js';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const ROWS = Number(arg('rows', 100000));
const LOOKUPS = Number(arg('lookups', 50));
const DETAILS = process.argv.includes('--details');

// A fixed-seed generator (mulberry32), so every run measures the same list.
let seed = 20261202;
const rand = () => {
  seed = (seed + 0x6D2B79F5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};
const pick = (a) => a[Math.floor(rand() * a.length)];

const A = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function uscc(first17) {
  const s = [...first17].reduce((n, ch, i) => n + A.indexOf(ch) * W[i], 0);
  return first17 + A[(31 - (s % 31)) % 31];
}

const PLACES = ['汕尾市城区', '海丰县', '陆丰市', '陆河县', '红海湾', '华侨管理区', '汕尾市', '海城镇', '东海街道', '碣石镇', '甲子镇', '河田镇', '梅陇镇', '可塘镇', '公平镇'];
const CHARS = '康泰仁和安健福寿民生益华济德顺兴宏源长春百信恒达永利同心惠众博爱普天瑞祥金海鸿运宝善正元广济天成新开乐嘉明辉志诚';
const KINDS = ['大药房', '药店', '药房', '诊所', '门诊部', '医院', '卫生院', '社区卫生服务站', '中医诊所', '口腔门诊部', '医药连锁店', '大药房连锁店'];
const DIVISIONS = ['441502', '441521', '441523', '441581', '441500'];

/** The list, from the tools module's own template (so the columns are the rule set's). */
function makeList(api) {
  const header = api.batchTemplate({ type: 'retail-pharmacy' }).csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
  const codes = header.map((h) => (h.match(/^(\d{5}) /) || [])[1]);
  const seen = new Set();
  const lines = [header.join(',')];
  const all = [];
  const good = { 10101: '是', 10102: '是', 10201: '是', 10202: '是', 20102: '是', 20103: '是' };
  while (lines.length <= ROWS) {
    let code;
    do {
      let org = '';
      for (let i = 0; i < 9; i++) org += A[Math.floor(rand() * 31)];
      code = uscc(`${pick(['91', '92', '52', '12'])}${pick(DIVISIONS)}${org}`);
    } while (seen.has(code));
    seen.add(code);
    const name = `${pick(PLACES)}${pick(CHARS)}${pick(CHARS)}${rand() < 0.5 ? pick(CHARS) : ''}${pick(KINDS)}${rand() < 0.4 ? '有限公司' : ''}`;
    const r = rand();
    // About 50 % A, 20 % B, 15 % C, 10 % D, 5 % E (1 % directly).
    const vals = r < 0.5 ? { ...good, 20101: '优秀' }
      : r < 0.7 ? { ...good, 20101: '良好', 30101: '1' }
        : r < 0.85 ? { ...good, 20101: '合格', 30102: '2' }
          : r < 0.95 ? { ...good, 20101: '合格', 30102: '2', 30201: '2', 30301: '1' }
            : r < 0.99 ? { ...good, 20101: '合格', 30102: '2', 30103: '1' }
              : { ...good, 20101: '优秀', direct: '是' };
    lines.push(header.map((h, i) => {
      if (i === 0) return name;
      if (i === 1) return code;
      if (i === 2) return '';
      if (codes[i]) return vals[codes[i]] ?? '';
      return vals.direct ?? '否';
    }).join(','));
    all.push([code, name]);
  }
  return { csv: `${lines.join('\r\n')}\r\n`, all };
}

const api = nodeModule(tools, 'yibao_tools');
const { csv, all } = makeList(api);
let t0 = performance.now();
const out = api.publish({ csv, asOf: '2026-06-30', published: '2026-09-30', type: 'retail-pharmacy', details: DETAILS });
const makeMs = performance.now() - t0;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yc-publish-bench-'));
let raw = 0;
let br = 0;
const sizes = [];
for (const f of out.files) {
  const p = path.join(dir, f.path);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  const bytes = Buffer.from(f.content, 'utf8');
  fs.writeFileSync(p, bytes);
  const b = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length;
  raw += bytes.length;
  br += b;
  sizes.push({ file: f.path, raw: bytes.length, brotli: b });
}
console.log(`list: ${ROWS} institutions, ${(csv.length / 1048576).toFixed(1)} M characters of CSV; published ${out.report.institutions}, dishonest list ${out.report.dishonest}; details ${DETAILS}`);
console.log(`make (api.publish in Node, tools wasm): ${makeMs.toFixed(0)} ms`);
for (const s of sizes) console.log(`  ${String(s.raw).padStart(10)} ${String(s.brotli).padStart(9)}  ${s.file}`);
const MB = 1024 * 1024;
console.log(`package: ${(raw / MB).toFixed(2)} MB raw, ${(br / MB).toFixed(2)} MB brotli (target ≤ 3 MB): ${br <= 3 * MB ? 'met' : 'NOT met'}`);

const srv = await serve(dir, { 'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'" });
const b = await browser();
const p = await page(b);
t0 = performance.now();
await p.goto(`${srv.url}index.html`);
await p.waitForSelector(`html[data-ready="${out.report.institutions}"]`, { timeout: 120000 });
const loadMs = performance.now() - t0;
const targets = Array.from({ length: LOOKUPS }, () => pick(all)[0]);
const times = await p.evaluate((codes) => {
  const input = document.getElementById('q-text');
  const form = document.getElementById('q');
  const results = document.getElementById('results');
  return codes.map((c) => {
    const t = performance.now();
    input.value = c;
    form.requestSubmit();
    // The card is in the DOM when the submit handler returns; force its layout too.
    if (!results.querySelector('.card') || !results.textContent.includes(c)) throw new Error(`not found: ${c}`);
    void results.offsetHeight;
    return performance.now() - t;
  });
}, targets);
const names = await p.evaluate((qs) => {
  const input = document.getElementById('q-text');
  const form = document.getElementById('q');
  const results = document.getElementById('results');
  return qs.map((q) => {
    const t = performance.now();
    input.value = q;
    form.requestSubmit();
    void results.offsetHeight;
    return performance.now() - t;
  });
}, ['康泰', '海丰县仁和', '不存在的名字', '大药房']);
times.sort((x, y) => x - y);
const median = times[Math.floor(times.length / 2)];
const worst = times[times.length - 1];
console.log(`look-up page: data loaded and indexed ${loadMs.toFixed(0)} ms after navigation`);
console.log(`code look-up after load (${LOOKUPS} codes): median ${median.toFixed(2)} ms, worst ${worst.toFixed(2)} ms (target < 50 ms): ${worst < 50 ? 'met' : 'NOT met'}`);
console.log(`name search (a scan of every name): ${names.map((x) => x.toFixed(1)).join(', ')} ms`);
if (p.errors.length) console.log('page errors:', p.errors);
await b.close();
await srv.close();
fs.rmSync(dir, { recursive: true, force: true });
