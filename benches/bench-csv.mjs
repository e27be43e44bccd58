// The batch benchmark's CSV: `benchCsv(templateCsv, n)` → n rows under the header of the
// retail-pharmacy `batchTemplate` (our wasm's `batchTemplate({type: 'retail-pharmacy'}).csv`),
// with varied answers — the file `node benches/browser.mjs` has always timed (this generator was
// inline there). Platform-neutral (no Node imports): used in Node by benches/browser.mjs (which
// hands the text to the pages) and benches/peer-node.mjs.
//
// Row i: name 药房i, a distinct valid 统一社会信用代码 (GB 32100-2015 check character), type
// retail-pharmacy; yes/no leaves 是 except when (i + column) % 7 == 0; 20101 cycles 优秀, 良好,
// 合格, 不合格; counts (i·31 + column) % 3; the direct-grade columns 否.

export function benchCsv(templateCsv, n) {
  const header = templateCsv.replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
  const codes = header.map((h) => (h.match(/^(\d{5}) /) || [])[1]);
  const levels = ['优秀', '良好', '合格', '不合格'];
  const A = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const uscc = (i) => {
    const body = `91441500${String(i).padStart(9, '0')}`;
    const sum = [...body].reduce((a, ch, k) => a + A.indexOf(ch) * W[k], 0);
    return body + A[(31 - (sum % 31)) % 31];
  };
  const lines = [header.join(',')];
  for (let i = 0; i < n; i++) {
    lines.push(header.map((h, j) => {
      if (j === 0) return `药房${i}`;
      if (j === 1) return uscc(i);
      if (j === 2) return 'retail-pharmacy';
      const c = codes[j];
      if (!c) return '否';
      if (c === '20101') return levels[i % 4];
      if (c.startsWith('1') || c === '20102' || c === '20103') return (i + j) % 7 ? '是' : '否';
      return String((i * 31 + j) % 3);
    }).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
