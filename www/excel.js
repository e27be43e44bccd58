// The Excel module (pkg/yibao_excel.js: .xlsx workbooks read and written for the batch with
// calamine and rust_xlsxwriter), loaded only when a workbook is read or written: neither the first
// screen nor the tools module carries it. 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.

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
