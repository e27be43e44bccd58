// Excel worker: reads and writes .xlsx workbooks (the Excel module, pkg/yibao_excel.js) off the
// page's thread, so a large workbook does not freeze the page (measured: a 100,000-row workbook
// takes seconds to read; BENCHMARKS.md). Used by www/excel.js; from file:// (the single-file
// build) a module worker cannot load and excel.js calls the module on the page's thread instead.
// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
//
// In:  {id, op: 'read', bytes, sheet?} | {id, op: 'result', csv, meta} | {id, op: 'template', csv, title}
// Out: {id, ok: true, value} (a read's value: {sheets, sheet, csv}; a write's: the workbook's bytes,
//      transferred) or {id, ok: false, error: {code, zh, en}}
import { loadExcel, excelOp } from './excel.js';

self.onmessage = async (ev) => {
  const { id } = ev.data;
  try {
    const value = excelOp(await loadExcel(), ev.data);
    self.postMessage({ id, ok: true, value }, value instanceof Uint8Array ? [value.buffer] : []);
  } catch (e) {
    const error = e && e.zh ? { code: e.code, zh: e.zh, en: e.en || e.zh, path: e.path } : { code: 'E_XLSX', zh: String(e && e.message || e), en: String(e && e.message || e) };
    self.postMessage({ id, ok: false, error });
  }
};
