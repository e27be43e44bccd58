// `node benches/batch-memory.mjs [--runs 2] [--only a,b] [--timeout 300] [--www DIR] [--limits ROWS,MB]`: what a big
// or awkward file costs the batch page (批量评价) in headless Chromium (Debian's), against the built
// page (run `scripts/build.sh` first). Each case runs in a fresh browser, so the figures are that
// file's alone:
//   renderer peak  — peak resident memory (VmHWM, /proc) of the page's renderer process: the page,
//                    its batch worker and their WebAssembly memory;
//   browser peak   — the same of the browser process (where Blobs such as the result file are kept);
//   worst stall    — the longest main-thread task (PerformanceObserver 'longtask', and
//                    'long-animation-frame' where the browser has it: layout and paint included),
//                    from the batch view's load (the file chosen just after) until 3 s after the
//                    results show;
//   shown          — file chosen → results (or the page's message) on screen;
//   frame after    — a frame asked for once the results show (requestAnimationFrame round trip,
//                    from Node): how soon the page answers;
//   rows drawn     — table rows in the DOM.
// A run that does not show results within --timeout seconds is reported as such (the page is
// then closed); a renderer that dies is reported as crashed.
//
// The files (made once in $TMPDIR/yc-batch-bench/ from our wasm's template, benches/bench-csv.mjs):
//   distinct-100k    benches/bench-csv.mjs's 100,000 rows (the file benches/browser.mjs times)
//   distinct-500k    500,000 rows, distinct codes, narrow (name, code, type, three count columns)
//   distinct-1m      1,000,000 such rows
//   full-50mb        benches/bench-csv.mjs's rows (every column) up to 50 MB
//   shared-code-100k the 100,000 rows with one 统一社会信用代码 on every row (a code filled down)
//   shared-code-500k the 500,000 narrow rows, one code on every row
//   shared-code-1m   the 1,000,000 narrow rows, one code on every row
//   problems-500k    500,000 rows of every column with the answers left blank (a problem per
//                    unanswered indicator) and a refused yes/no answer of its own on each row
//   long-cells       200 rows, 24 of them with a 20,000-character cell without spaces (name, code
//                    or a yes/no answer, in turn)
//   long-title       a rule file whose title is 100,000 characters (loaded in the self-assessment,
//                    as localStorage has it), and a 10-row file
//   long-cells-en, long-title-en   the same with the page in English
// `--www DIR` serves another copy of the page (e.g. the last commit's, to compare); `--limits
// ROWS,MB` serves the page with other limits than its own (to measure what lies past them).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { serve, browser, page, ROOT } from '../tests/e2e/harness.mjs';
import { loadOurs } from './ours-node.mjs';
import { benchCsv } from './bench-csv.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i === -1 ? dflt : args[i + 1]; };
const RUNS = Number(opt('runs', 2));
const TIMEOUT = Number(opt('timeout', 300)) * 1000;
const WWW = path.resolve(opt('www', path.join(ROOT, 'www')));
const ONLY = opt('only', '') ? opt('only', '').split(',') : null;
const DIR = path.join(os.tmpdir(), 'yc-batch-bench');
fs.mkdirSync(DIR, { recursive: true });

const { tools, doc } = await loadOurs(ROOT);
const TEMPLATE = tools.batchTemplate({ type: 'retail-pharmacy' }).csv;
const HEADER = TEMPLATE.replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');

/** A valid 统一社会信用代码 for i (GB 32100-2015 check character), as bench-csv.mjs makes them. */
function uscc(i) {
  const A = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `91441500${String(i).padStart(9, '0')}`;
  const sum = [...body].reduce((a, ch, k) => a + A.indexOf(ch) * W[k], 0);
  return body + A[(31 - (sum % 31)) % 31];
}

/** Writes the file of `name` once (streamed in pieces for the big ones); returns its path. */
function file(name, make) {
  const p = path.join(DIR, `${name}.csv`);
  if (!fs.existsSync(p)) {
    const tmp = `${p}.part`;
    const fd = fs.openSync(tmp, 'w');
    make((s) => fs.writeSync(fd, s));
    fs.closeSync(fd);
    fs.renameSync(tmp, p);
  }
  return p;
}

/** The narrow file: name, code, type (blank: the page's type), three count columns. */
function narrow(n, shared) {
  return (write) => {
    const cols = ['30101', '30102', '30201'].map((c) => HEADER.find((h) => h.startsWith(c)));
    write(`${['名称', '统一社会信用代码', '主体类型', ...cols].join(',')}\r\n`);
    const one = uscc(1);
    let buf = [];
    for (let i = 0; i < n; i++) {
      buf.push(`药房${i},${shared ? one : uscc(i)},,${i % 2},${(i >> 1) % 2},${i % 3}`);
      if (buf.length === 50000) { write(`${buf.join('\r\n')}\r\n`); buf = []; }
    }
    if (buf.length) write(`${buf.join('\r\n')}\r\n`);
  };
}

/** benches/bench-csv.mjs's rows, made in pieces of 10,000; `edit(line, i)` may change a row. */
function full(n, edit = (l) => l, maxBytes = Infinity) {
  return (write) => {
    const block = benchCsv(TEMPLATE, 10000).split('\r\n');
    write(`${block[0]}\r\n`);
    let bytes = 0;
    for (let i = 0; i < n; i++) {
      // Row i of bench-csv differs from row i % 10000 only in its name and code.
      const base = block[1 + (i % 10000)].split(',');
      base[0] = `药房${i}`;
      base[1] = uscc(i);
      const line = `${edit(base, i).join(',')}\r\n`;
      bytes += Buffer.byteLength(line);
      if (bytes > maxBytes) break;
      write(line);
    }
  };
}

const one = uscc(1);
const longRules = (() => {
  const d = structuredClone(doc);
  d.id = 'long-title-rules';
  d.sample = false;
  d.title = { zh: '很'.repeat(100000), en: 'L'.repeat(100000) };
  return JSON.stringify(d);
})();
const CASES = {
  'distinct-100k': () => ({ path: file('distinct-100k', (w) => w(benchCsv(TEMPLATE, 100000))) }),
  'distinct-500k': () => ({ path: file('distinct-500k', narrow(500000, false)) }),
  'distinct-1m': () => ({ path: file('distinct-1m', narrow(1000000, false)) }),
  'full-50mb': () => ({ path: file('full-50mb', full(Infinity, undefined, 50 * 1024 * 1024 - 4096)) }),
  'shared-code-100k': () => ({ path: file('shared-code-100k', full(100000, (r) => { r[1] = one; return r; })) }),
  'shared-code-500k': () => ({ path: file('shared-code-500k', narrow(500000, true)) }),
  'shared-code-1m': () => ({ path: file('shared-code-1m', narrow(1000000, true)) }),
  'problems-500k': () => ({
    path: file('problems-500k', full(500000, (r, i) => r.map((v, j) => {
      if (j < 3) return v;
      if (j === 3) return `x${i}`; // 10101 (yes/no): a value of its own on every row, refused
      return v === '是' || v === '否' || /优秀|良好|合格/.test(v) ? '' : v; // the other answers left blank
    }))),
  }),
  'long-cells': () => ({
    path: file('long-cells', full(200, (r, i) => {
      if (i < 24) {
        const col = [0, 1, 3][i % 3]; // name, code, 10101 (yes/no: the problem repeats the cell)
        r[col] = String.fromCharCode(65 + (i % 26)).repeat(20000);
      }
      return r;
    })),
  }),
  'long-title': () => ({ path: file('long-title', full(10)), rules: longRules }),
};
// The two awkward files again with the page in English (the English title is 100,000 letters).
CASES['long-cells-en'] = () => ({ ...CASES['long-cells'](), lang: 'en' });
CASES['long-title-en'] = () => ({ ...CASES['long-title'](), lang: 'en' });

/** Every process under `pid` (from /proc): [{pid, type, cmd}]. */
function descendants(pid) {
  const kids = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(Number(d));
    } catch (_) { /* gone */ }
  }
  const out = [];
  // A process forked by a zygote is a renderer (its command line may still read as the zygote's).
  const walk = (p, parentType) => {
    for (const k of kids.get(p) || []) {
      let cmd = '';
      try { cmd = fs.readFileSync(`/proc/${k}/cmdline`, 'utf8').replace(/\0/g, ' '); } catch (_) { /* gone */ }
      const named = (cmd.match(/--type=([\w-]+)/) || [])[1] || 'other';
      const type = parentType === 'zygote' && named === 'zygote' ? 'renderer' : named;
      out.push({ pid: k, type, cmd });
      walk(k, type);
    }
  };
  walk(pid, 'browser');
  return out;
}
const kb = (pid, field) => {
  try { return Number((fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+)`)) || [])[1] || 0); } catch (_) { return 0; }
};

/** The browser process: the one whose command line carries our tag. */
function browserPid(tag) {
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (cmd.includes(tag) && !cmd.includes('--type=')) return Number(d);
    } catch (_) { /* gone */ }
  }
  return null;
}

async function runCase(name, c, srv) {
  const tag = `--yc-bench=${crypto.randomBytes(6).toString('hex')}`;
  const b = await browser([tag]);
  const bpid = browserPid(tag);
  const peaks = new Map(); // pid → {type, hwm}
  const sample = () => {
    if (!bpid) return;
    peaks.set(bpid, { type: 'browser', hwm: Math.max(peaks.get(bpid)?.hwm || 0, kb(bpid, 'VmHWM')) });
    for (const p of descendants(bpid)) {
      if (!p.cmd) continue; // exiting
      peaks.set(p.pid, { type: p.type, hwm: Math.max(peaks.get(p.pid)?.hwm || 0, kb(p.pid, 'VmHWM')) });
    }
  };
  const timer = setInterval(sample, 250);
  const out = { case: name, bytes: fs.statSync(c.path).size };
  try {
    const p = await page(b, { serviceWorkers: 'block' });
    let crashed = false;
    p.on('crash', () => { crashed = true; });
    await p.addInitScript(() => {
      window.__stalls = [];
      for (const type of ['longtask', 'long-animation-frame']) {
        try {
          new PerformanceObserver((l) => {
            for (const e of l.getEntries()) {
              // A long frame's longest script, by its invoker (what the frame spent its time on).
              const top = (e.scripts || []).reduce((a, x) => (!a || x.duration > a.duration ? x : a), null);
              const what = top ? `${top.invoker || top.name} ${Math.round(top.duration)} ms${top.sourceFunctionName ? ` (${top.sourceFunctionName})` : ''}; render ${Math.round(e.startTime + e.duration - (e.renderStart || e.startTime + e.duration))} ms` : '';
              window.__stalls.push([e.entryType, e.startTime, e.duration, what]);
            }
          }).observe({ type, buffered: true });
        } catch (_) { /* not in this browser */ }
      }
    });
    await p.goto(srv.url);
    if (c.lang) await p.evaluate((l) => localStorage.setItem('yibao-credit:lang', l), c.lang);
    if (c.rules) {
      await p.evaluate((text) => {
        localStorage.setItem('yibao-credit:assess', JSON.stringify({ v: 1, data: { type: 'retail-pharmacy', name: '', code: '', asOf: '2026-11-23', periodFrom: '', periodTo: '', facts: {}, events: [], customRules: text } }));
      }, c.rules);
    }
    // Loaded again at #batch (a hash change while the page starts may not switch the view).
    await p.goto(`${srv.url}#batch`);
    await p.reload();
    await p.waitForSelector('#bt-file', { state: 'attached', timeout: 60000 });
    // Stalls are counted from the batch view's load (a rule file's title is drawn then).
    const tFile = 0;
    const t0 = Date.now();
    await p.setInputFiles('#bt-file', c.path);
    const shown = await Promise.race([
      p.waitForFunction(() => document.querySelector('.bt-counts') || document.querySelector('.view-batch [role=alert]'), null, { timeout: TIMEOUT, polling: 250 }).then(() => 'ok', (e) => (crashed ? 'crashed' : /Timeout/.test(e.message) ? 'timeout' : `error: ${e.message.split('\n')[0]}`)),
      new Promise((r) => p.on('crash', () => r('crashed'))),
      // A frozen page answers no polling: the timeout is kept here.
      new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT)),
    ]);
    out.shownMs = Date.now() - t0;
    out.outcome = shown;
    if (shown === 'ok') {
      const f0 = Date.now();
      await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
      out.frameAfterMs = Date.now() - f0;
      await p.waitForTimeout(3000);
      Object.assign(out, await p.evaluate((since) => {
        const after = window.__stalls.filter(([, start]) => start >= since);
        const worst = (type) => Math.round(Math.max(0, ...after.filter(([t]) => t === type).map(([, , d]) => d)));
        const frames = after.filter(([t]) => t === 'long-animation-frame').sort((a, b) => b[2] - a[2]);
        const alert = document.querySelector('.view-batch [role=alert]');
        return {
          worstLongTaskMs: worst('longtask'),
          worstFrameMs: worst('long-animation-frame'),
          worstFrameWhat: frames.length ? frames[0][3] : '',
          rowsDrawn: document.querySelectorAll('.bt-table tbody tr').length,
          message: alert ? alert.textContent.slice(0, 160) : '',
          counts: (document.querySelector('.bt-counts') || {}).textContent || '',
          jsHeapMB: performance.memory ? Math.round(performance.memory.usedJSHeapSize / 1048576) : null,
        };
      }, tFile));
    }
    sample();
    if (shown === 'ok') await p.context().close().catch(() => {});
  } finally {
    clearInterval(timer);
    // A page still frozen would hold the close for as long: the browser is ended instead.
    if (out.outcome !== 'ok' && bpid) { try { process.kill(bpid, 'SIGKILL'); } catch (_) { /* gone */ } }
    await b.close().catch(() => {});
  }
  const renderers = [...peaks.values()].filter((x) => x.type === 'renderer').map((x) => x.hwm);
  out.rendererPeakMB = Math.round(Math.max(0, ...renderers) / 1024);
  out.processes = [...peaks.values()].map((x) => `${x.type} ${Math.round(x.hwm / 1024)}`).join(', ');
  out.browserPeakMB = Math.round(([...peaks.values()].find((x) => x.type === 'browser') || { hwm: 0 }).hwm / 1024);
  return out;
}

const srv = await serve(WWW);
// `--limits ROWS,MB`: the page served with other limits (its batch-run.js PAGE_LIMITS), to measure
// files past the page's own.
if (opt('limits', '')) {
  const [rows, mbs] = opt('limits', '').split(',').map(Number);
  const src = fs.readFileSync(path.join(WWW, 'batch-run.js'), 'utf8');
  const patched = src.replace(/export const PAGE_LIMITS = \{[^}]*\};/, `export const PAGE_LIMITS = { bytes: ${mbs} * 1024 * 1024, rows: ${rows} };`);
  if (patched === src) console.error('--limits: no PAGE_LIMITS in batch-run.js (an older page): served as it is');
  srv.files.set('/batch-run.js', patched);
}
const results = [];
try {
  for (const [name, make] of Object.entries(CASES)) {
    if (ONLY && !ONLY.includes(name)) continue;
    const c = make();
    for (let r = 1; r <= RUNS; r++) {
      const o = { run: r, ...(await runCase(name, c, srv)) };
      results.push(o);
      console.error(JSON.stringify(o));
    }
  }
} finally {
  await srv.close();
}
console.log(`$ node benches/batch-memory.mjs ${args.join(' ')}   (Node ${process.version}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB; page: ${path.relative(ROOT, WWW) || WWW})`);
console.log('| file | MB | run | outcome | shown (s) | renderer peak (MB) | browser peak (MB) | worst long task (ms) | worst frame (ms) | frame after (ms) | rows drawn |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const o of results) {
  console.log(`| ${o.case} | ${(o.bytes / 1048576).toFixed(1)} | ${o.run} | ${o.outcome}${o.message ? `: ${o.message.replace(/\|/g, '/').slice(0, 60)}` : ''} | ${(o.shownMs / 1000).toFixed(1)} | ${o.rendererPeakMB} | ${o.browserPeakMB} | ${o.worstLongTaskMs ?? '—'} | ${o.worstFrameMs ?? '—'} | ${o.frameAfterMs ?? '—'} | ${o.rowsDrawn ?? '—'} |`);
}
