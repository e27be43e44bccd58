// The identity documents a person is identified by (依据：《汕尾市医疗保障信用管理办法（试行）》第八条
// “身份证号码或其他有效身份证件号码”、第十三条“居民身份证号码、出入境证件号码”): [id, 中文, English].
// The ids are those of the core (src/ident.rs DOCUMENT_TYPES); only the 居民身份证 is checked by
// GB 11643 there. An institution is identified by its 统一社会信用代码 and has no choice to make.
// Loaded by the repair and forms views only (not on the first screen).
import { h } from './dom.js';
import { t } from './i18n.js';

export const PERSON_DOCUMENTS = [
  ['resident-id', '居民身份证', 'Resident identity card'],
  ['passport', '出入境证件（护照等）', 'Exit-entry document (passport etc.)'],
  ['hmt-permit', '港澳台居民居住证或往来通行证', 'Hong Kong, Macao or Taiwan resident permit'],
  ['other', '其他有效身份证件', 'Other valid identity document'],
];

/**
 * The document-type select that goes beside a person's number: `obj[key]` holds the id (empty
 * means 居民身份证, the default of 第八条).
 * @param {string} id @param {Record<string, any>} obj @param {string} key @param {() => void} changed
 */
export function documentSelect(id, obj, key, changed) {
  const current = obj[key] || 'resident-id';
  return h('select', { id, class: 'doc-type', 'aria-label': t('证件类型', 'Document type'),
    onchange: (e) => { obj[key] = e.target.value; changed(); } },
  PERSON_DOCUMENTS.map(([v, zh, en]) => h('option', { value: v, selected: current === v }, t(zh, en))));
}
