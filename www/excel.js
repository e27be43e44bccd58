// The Excel module (pkg/yibao_excel.js: .xlsx workbooks read and written for the batch and the
// indicator editor with calamine and rust_xlsxwriter), loaded only when a workbook is read or
// written: neither the first screen nor the tools module carries it. The views call the async
// functions below, which run the module in a worker (excel-worker.js) so a large workbook does not
// freeze the page; from file:// (no module worker there) they call it on the page's thread.
// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
import { workerCall } from './worker-call.js';

let excel = null;
/** A promise of the initialised Excel module (loaded once; a failed load is tried again next time). */
export function loadExcel(wasm) {
  if (!excel) {
    excel = (async () => {
      const mod = await import('./pkg/yibao_excel.js');
      await mod.default(wasm === undefined ? undefined : { module_or_path: wasm });
      return mod;
    })();
    excel.catch(() => { excel = null; });
  }
  return excel;
}

/**
 * One operation of the Excel module `mod` (the worker's and the page-thread fallback's shared code):
 * `read` gives `{sheets, sheet, csv}` (the chosen sheet, or the first, as CSV text); `result`,
 * `template` and `table` give the workbook's bytes.
 */
export function excelOp(mod, { op, bytes, sheet, csv, meta, title }) {
  if (op === 'read') {
    const sheets = mod.xlsxSheets(bytes);
    const name = sheet || sheets[0] || '';
    return { sheets, sheet: name, csv: mod.xlsxToCsv(bytes, name) };
  }
  if (op === 'result') return mod.resultXlsx(csv, meta);
  if (op === 'template') return mod.templateXlsx(csv, title);
  if (op === 'table') return mod.tableXlsx(csv, title, sheet);
  throw new Error(`unknown Excel operation ${op}`);
}

const call = workerCall(new URL('./excel-worker.js', import.meta.url), async (msg) => excelOp(await loadExcel(), msg));

/** An .xlsx workbook's sheet (`sheet`, or the first) as CSV text: `{sheets, sheet, csv}`. */
export function readXlsx(bytes, sheet) {
  return call({ op: 'read', bytes, sheet });
}

/** The batch's result CSV as a workbook (identifiers as text, grades coloured, a summary sheet). */
export function resultXlsx(csv, meta) {
  return call({ op: 'result', csv, meta });
}

/** A batch template's CSV as a workbook (the list with its example row, a sheet explaining each column). */
export function templateXlsx(csv, title) {
  return call({ op: 'template', csv, title });
}

/** The indicator editor's table (its CSV) as a workbook of one sheet named `sheet`. */
export function tableXlsx(csv, title, sheet) {
  return call({ op: 'table', csv, title, sheet });
}
