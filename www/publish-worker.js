// Publication worker: makes the publication package (the tools module's `publish`, then the zip)
// off the page's thread — for 100,000 institutions that takes seconds (BENCHMARKS.md). Its own
// instance of the tools module, given the shipped rule sets (a bureau's own rules come inside the
// input). Used through views/publish.js (www/worker-call.js: the channel).
// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十三条.
import { loadTools, loadAllBuiltins } from './loader.js';
import { answer } from './worker-call.js';
import { makePackage } from './publish-make.js';

answer(async ({ input }) => {
  const tools = await loadTools();
  if (!input.rules) await loadAllBuiltins();
  return makePackage(tools, input);
});
