// The indicator table (指标表) bureaus keep in Excel or WPS, as CSV: one row per 三级指标 with its
// 一级、二级指标, points, scoring kind and rule, and legal basis. Read (UTF-8 or GBK, as Excel saves
// it) into a rule-set document with a message per row that cannot be used; written back from a
// document in the same columns. (An .xlsx is turned into CSV text by the view, with the Excel module.)
import { emptyDoc, normalise, kindOf, ruleText, levelsText, round2, freeCode } from './model.js';

/** The columns, in the template's order: [key, Chinese header, English header, other accepted headers]. @type {[string, string, string, string[]][]} */
export const COLUMNS = [
  ['l1', '一级指标', 'Level 1', ['一级', 'level1']],
  ['l2', '二级指标', 'Level 2', ['二级', 'level2']],
  ['l3', '三级指标', 'Level 3', ['三级', 'level3', '指标名称']],
  ['points', '分值', 'Points', ['分数', '满分']],
  ['kind', '计分方式', 'Kind', ['类型', '评分方式', 'type']],
  ['per', '每次分值', 'Per incident', ['每次扣分', '每次加分', 'per']],
  ['levels', '档次', 'Levels', ['评分档次']],
  ['rule', '评分标准', 'Scoring rule', ['扣分规则', '说明', 'rule']],
  ['cite', '依据', 'Legal basis', ['法律依据', '依据条款', 'citation']],
  ['events', '计入事件', 'Events counted', ['事件类型', 'events']],
];

/** Accepted words for each kind (the editor's kinds, model.js KINDS). */
const KIND_WORDS = {
  yesNo: ['是否', '是/否', '是否项', 'yesno', 'yes/no'],
  rating: ['档次', '评级', '等次', 'rating', 'levels'],
  points: ['打分', '评分', '实得分', 'points', 'score'],
  deduction: ['扣分', '每次扣分', 'deduction'],
  bonus: ['加分', '每次加分', 'bonus'],
};

/** Reads CSV text (RFC 4180: quotes, doubled quotes, commas and line breaks inside quotes). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else q = false;
      } else field += c;
    } else if (c === '"' && field === '') q = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

const csvField = (s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
/** CSV text of rows (CRLF, as Excel writes it). */
export function writeCsv(rows) {
  return rows.map((r) => r.map((x) => csvField(String(x ?? ''))).join(',')).join('\r\n') + '\r\n';
}

/**
 * The text of a file's bytes: UTF-8 (with or without BOM), else GBK/GB18030 (Excel's "CSV" in
 * Chinese Windows). Throws {zh, en} for what is plainly not a CSV file.
 */
export function decode(bytes) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (b[0] === 0x50 && b[1] === 0x4b) {
    throw { zh: '这是 Excel（.xlsx）文件：请在 Excel 或 WPS 中“另存为”CSV（逗号分隔）后再导入。本页暂不直接读取 .xlsx。', en: 'This is an Excel (.xlsx) file: save it as CSV (comma separated) in Excel or WPS and import that. The page does not read .xlsx yet.' };
  }
  if (b[0] === 0xd0 && b[1] === 0xcf) throw { zh: '这是旧版 Excel（.xls）文件：请另存为 CSV（逗号分隔）后再导入。', en: 'This is an old Excel (.xls) file: save it as CSV (comma separated) and import that.' };
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b).replace(/^\uFEFF/, '');
  } catch (_) {
    return new TextDecoder('gb18030').decode(b);
  }
}

/** The template: the header row and two example rows. */
export function template(lang) {
  const en = lang === 'en';
  return '\uFEFF' + writeCsv([
    COLUMNS.map((c) => c[1]),
    ['基础信息', '机构资质', '医保协议在有效期内', '20', '是否', '', '', '协议在有效期内得满分，否则不得分', '第十三条', ''],
    ['医保基金使用', '违规行为', '违规使用医保基金', '50', '扣分', '10', '', en ? 'per incident' : '每发现一次扣 10 分，扣完为止', '第十五条', ''],
  ]);
}

/** Finds the kind of a cell: a key of KIND_WORDS or ''. */
function kindFrom(cell) {
  const w = cell.trim().toLowerCase().replace(/\s+/g, '');
  for (const [k, words] of Object.entries(KIND_WORDS)) if (words.includes(w)) return k;
  return '';
}

const num = (s) => {
  const t = String(s).trim().replace(/分$/, '');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return NaN;
  return Number(t);
};

/** `优秀=30；良好=20；差=0` (also `:` or `：`, separated by `；` `;` `、` or line breaks). */
function levelsFrom(cell) {
  const parts = cell.split(/[；;、\n]/).map((s) => s.trim()).filter(Boolean);
  const out = [];
  for (const [i, p] of parts.entries()) {
    const m = p.match(/^(.+?)\s*[=:：]\s*(\d+(?:\.\d{1,2})?)\s*分?$/);
    if (!m) return null;
    out.push({ id: `l${i + 1}`, label: { zh: m[1], en: '' }, points: Number(m[2]) });
  }
  return out.length ? out : null;
}

/** The citation cell: `第十三条` (the first source), or `《title》第十三条` (a source by its title, added when new). */
function citeFrom(doc, cell, lawTitles) {
  const c = cell.trim();
  const m = c.match(/^(《[^》]+》)\s*(.*)$/);
  if (!m) return { source: doc.sources[0].id, article: c };
  const [, title, article] = m;
  let src = doc.sources.find((s) => (s.law ? lawTitles[s.law] === title : s.title === title));
  if (!src) {
    const law = Object.keys(lawTitles).find((k) => lawTitles[k] === title);
    let i = 1;
    while (doc.sources.some((s) => s.id === `src${i}`)) i++;
    src = law ? { id: `src${i}`, law } : { id: `src${i}`, title };
    doc.sources.push(src);
  }
  return { source: src.id, article: article.trim() };
}

/**
 * A rule-set document from the table's text. `base` gives what the table has not (sources, bands,
 * event kinds, dates); `lawTitles` maps law-library ids to titles (for `《…》` citations).
 * Returns {doc, problems: [{row, zh, en}], used}: rows with a problem are left out.
 */
export function importTable(text, base, lawTitles = {}) {
  const doc = base || emptyDoc('2026-01-01');
  doc.indicators = [];
  const problems = [];
  const rows = parseCsv(text).filter((r) => r.some((c) => c.trim() !== ''));
  if (!rows.length) return { doc, problems: [{ row: 0, zh: '文件是空的', en: 'the file is empty' }], used: 0 };
  const header = rows[0].map((h) => h.trim().replace(/^\uFEFF/, ''));
  const col = {};
  for (const [key, zh, en, more] of COLUMNS) {
    const i = header.findIndex((h) => h === zh || h.toLowerCase() === en.toLowerCase() || more.includes(h) || more.includes(h.toLowerCase()));
    if (i >= 0) col[key] = i;
  }
  const missing = COLUMNS.slice(0, 5).filter(([key]) => col[key] === undefined);
  if (missing.length) {
    return {
      doc,
      problems: [{ row: 1, zh: `表头缺少列：${missing.map((c) => c[1]).join('、')}（请从“下载模板”开始）`, en: `the header row lacks: ${missing.map((c) => c[2]).join(', ')} (start from the template)` }],
      used: 0,
    };
  }
  const cell = (r, key) => (col[key] === undefined ? '' : String(r[col[key]] ?? '').trim());
  const byName = new Map(); // 'l1' / 'l1\u0000l2' → code
  const leaves = new Map(); // full name → row number
  let used = 0;
  rows.slice(1).forEach((r, k) => {
    const row = k + 2; // the sheet's row number (header is row 1)
    const bad = (zh, en) => problems.push({ row, zh: `第 ${row} 行：${zh}`, en: `Row ${row}: ${en}` });
    const [l1, l2, l3] = [cell(r, 'l1'), cell(r, 'l2'), cell(r, 'l3')];
    if (!l1 || !l2 || !l3) {
      const which = [[l1, '一级指标', 'level 1'], [l2, '二级指标', 'level 2'], [l3, '三级指标', 'level 3']].filter((x) => !x[0]);
      bad(`缺少${which.map((x) => x[1]).join('、')}名称`, `the ${which.map((x) => x[2]).join(', ')} name is missing`);
      return;
    }
    const key = `${l1}\u0000${l2}\u0000${l3}`;
    if (leaves.has(key)) { bad(`与第 ${leaves.get(key)} 行是同一个指标（一、二、三级名称都相同）`, `the same indicator as row ${leaves.get(key)} (all three names equal)`); return; }
    const points = num(cell(r, 'points'));
    if (!(points > 0)) { bad(`分值“${cell(r, 'points')}”应为大于 0 的数（最多两位小数）`, `points "${cell(r, 'points')}" must be a number above 0 (at most two decimals)`); return; }
    const kind = kindFrom(cell(r, 'kind'));
    if (!kind) { bad(`计分方式“${cell(r, 'kind')}”无法识别（可填：是否、档次、打分、扣分、加分）`, `kind "${cell(r, 'kind')}" is not one of: "是否" (yes/no), "档次" (levels), "打分" (points), "扣分" (deduction), "加分" (bonus)`); return; }
    let scoring;
    if (kind === 'deduction' || kind === 'bonus') {
      const per = num(cell(r, 'per'));
      if (!(per > 0)) { bad(`${kind === 'deduction' ? '扣分' : '加分'}项须在“每次分值”列填写每次的分数`, `a ${kind} needs its points per incident in the "Per incident" column`); return; }
      scoring = { type: kind, per, eventKinds: [] };
    } else if (kind === 'rating') {
      const levels = levelsFrom(cell(r, 'levels'));
      if (!levels) { bad(`“档次”列应写作“优秀=${points}；一般=${round2(points / 2)}；差=0”`, `the "Levels" column should read like 优秀=${points}；一般=${round2(points / 2)}；差=0`); return; }
      scoring = { type: 'rating', levels };
    } else if (kind === 'points') scoring = { type: 'rating', levels: [] };
    else scoring = { type: 'yesNo', pointsIf: true };
    const events = cell(r, 'events');
    if (events) {
      if (!scoring.eventKinds) { bad('只有扣分、加分项可以计入事件', 'only a deduction or a bonus can count events'); return; }
      const ids = [];
      for (const w of events.split(/[、,，;；\s]+/).filter(Boolean)) {
        const ek = doc.eventKinds.find((e) => e.kind === w || e.name.zh === w);
        if (!ek) { bad(`计入事件“${w}”不是本指标体系的事件类型`, `event "${w}" is not an event kind of this list`); return; }
        ids.push(ek.kind);
      }
      scoring.eventKinds = ids;
    }
    const citeCell = cell(r, 'cite');
    const cite = citeFrom(doc, citeCell, lawTitles);
    const node = (parent, name, depth) => {
      const k = parent ? `${parent}\u0000${name}` : name;
      if (!byName.has(k)) {
        const code = freeCode(doc, parent);
        doc.indicators.push({ code, parent, depth, name: { zh: name, en: '' }, points: 0, cite: { ...cite } });
        byName.set(k, code);
      }
      return byName.get(k);
    };
    const c1 = node(null, l1, 1);
    const c2 = node(c1, l2, 2);
    const leaf = { code: freeCode(doc, c2), parent: c2, depth: 3, name: { zh: l3, en: '' }, points, scoring, cite };
    const rule = cell(r, 'rule');
    if (rule) leaf.help = { zh: rule, en: '' };
    doc.indicators.push(leaf);
    leaves.set(key, row);
    used++;
  });
  normalise(doc);
  return { doc, problems, used };
}

/** The table of a document (the same columns as the template), UTF-8 with BOM for Excel. */
export function exportTable(doc, lawTitles = {}) {
  const byCode = new Map(doc.indicators.map((n) => [n.code, n]));
  const rows = [COLUMNS.map((c) => c[1])];
  for (const n of doc.indicators) {
    if (n.depth !== 3 || !n.scoring) continue;
    const p2 = byCode.get(n.parent);
    const p1 = p2 && byCode.get(p2.parent);
    const kind = kindOf(n.scoring);
    const src = doc.sources.find((s) => s.id === n.cite.source);
    const title = src && src !== doc.sources[0] ? (src.law ? lawTitles[src.law] || '' : src.title || '') : '';
    rows.push([
      p1 ? p1.name.zh : '', p2 ? p2.name.zh : '', n.name.zh, round2(n.points),
      { yesNo: '是否', rating: '档次', points: '打分', deduction: '扣分', bonus: '加分' }[kind] || '',
      n.scoring.per ?? '', kind === 'rating' ? levelsText(n.scoring.levels) : '',
      n.help ? n.help.zh : ruleText(doc, n, 'zh'),
      `${title}${n.cite.article || ''}`,
      (n.scoring.eventKinds || []).join('、'),
    ]);
  }
  return '\uFEFF' + writeCsv(rows);
}
