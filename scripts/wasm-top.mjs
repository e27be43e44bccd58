// `node scripts/wasm-top.mjs target/wasm32-unknown-unknown/wasm/yibao_credit.wasm [N]`: a minimal
// "twiggy top" (no extra install): the sections by size, the N largest functions by name (from the
// name section, so use the cargo output before wasm-bindgen strips it, after `scripts/build.sh`),
// and the function bytes grouped by crate / yibao_credit module. Sizes are before wasm-opt.
import fs from 'node:fs';
const b = fs.readFileSync(process.argv[2]);
let p = 8;
const leb = () => { let r = 0, s = 0, x; do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
const sections = []; let codeStart = 0, codeEnd = 0, nameSec = null, importFuncs = 0, dataSize = 0;
while (p < b.length) {
  const id = b[p++]; const size = leb(); const start = p;
  let name = ['custom','type','import','function','table','memory','global','export','start','element','code','data','datacount'][id];
  if (id === 0) { const n = leb(); name = 'custom:' + b.slice(p, p + n).toString(); if (name === 'custom:name') nameSec = [p + n, start + size]; }
  if (id === 2) { let q = p; const save = p; const cnt = leb(); for (let i = 0; i < cnt; i++) { const m = leb(); p += m; const f = leb(); p += f; const k = b[p++]; if (k === 0) { leb(); importFuncs++; } else if (k === 1) { p++; const fl = leb(); leb(); if (fl & 1) leb(); } else if (k === 2) { const fl = leb(); leb(); if (fl & 1) leb(); } else if (k === 3) { p += 2; } } p = save; }
  if (id === 10) { codeStart = start; codeEnd = start + size; }
  sections.push([name, size]);
  p = start + size;
}
const names = new Map();
if (nameSec) { p = nameSec[0]; while (p < nameSec[1]) { const sub = b[p++]; const sz = leb(); const e = p + sz; if (sub === 1) { const cnt = leb(); for (let i = 0; i < cnt; i++) { const idx = leb(); const n = leb(); names.set(idx, b.slice(p, p + n).toString()); p += n; } } p = e; } }
p = codeStart; const cnt = leb(); const funcs = [];
for (let i = 0; i < cnt; i++) { const sz = leb(); funcs.push([sz, names.get(importFuncs + i) || `func${importFuncs + i}`]); p += sz; }
console.log('sections:'); for (const [n, s] of sections.sort((a, c) => c[1] - a[1])) console.log(String(s).padStart(9), n);
const total = funcs.reduce((a, f) => a + f[0], 0);
console.log(`functions: ${funcs.length}, ${total} bytes`);
funcs.sort((a, c) => c[0] - a[0]);
for (const [s, n] of funcs.slice(0, Number(process.argv[3] || 40))) console.log(String(s).padStart(8), n.slice(0, 150));
// Grouped by crate / module path prefix.
const groups = new Map();
function origin(n) {
  const y = n.match(/yibao_credit(?:\.\.|\d+)([a-z_]+)/);
  const crate = (() => {
    if (n.startsWith('_ZN')) {
      const m = n.slice(3).match(/^(\d+)/); if (!m) return 'other';
      const first = n.slice(3 + m[1].length, 3 + m[1].length + Number(m[1]));
      if (/^[a-z_][a-z0-9_]*$/.test(first)) return first;
      // an impl block `<A as B>`: the trait's crate if it is serde, else the type's.
      const crates = [...first.matchAll(/([a-z_][a-z0-9_]*)\.\./g)].map((x) => x[1]);
      return crates.find((c) => c.startsWith('serde')) || crates[0] || 'other';
    }
    const v = n.match(/Cs[0-9a-zA-Z]+_(\d+)([a-z_][a-z0-9_]*)/);
    return v ? v[2].slice(0, Number(v[1])) : 'other';
  })();
  if (crate === 'yibao_credit') return 'yibao_credit::' + (y ? y[1] : '?');
  return crate;
}
for (const [s, n] of funcs) groups.set(origin(n), (groups.get(origin(n)) || 0) + s);
console.log('by origin (function bodies before wasm-opt; generic code counted where its name says):');
for (const [k, s] of [...groups].sort((a, c) => c[1] - a[1]).slice(0, 30)) console.log(String(s).padStart(9), (100 * s / total).toFixed(1).padStart(5) + '%', k);
