// Excel worker: reads and writes .xlsx workbooks (the Excel module, pkg/yibao_excel.js) off the
// page's thread, so a large workbook does not freeze the page (a 100,000-row workbook takes
// seconds to read: BENCHMARKS.md). Used through www/excel.js (www/worker-call.js: the channel).
// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
import { loadExcel, excelOp } from './excel.js';
import { answer } from './worker-call.js';

answer(async (msg) => excelOp(await loadExcel(), msg));
