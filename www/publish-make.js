// The publication package made from the batch's list (api.publish, src/publish.rs) and zipped
// (www/zip.js): shared by the publication worker (publish-worker.js) and, from file://, the page.
// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十三条.
import { zipStore } from './zip.js';

/** `{report, zip}`: what was published, and the package as one .zip Blob (stored entries). */
export function makePackage(api, input) {
  const res = api.publish(input);
  return { report: res.report, zip: zipStore(res.files, input.published) };
}
