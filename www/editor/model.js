// The indicator-list editor's model (指标管理): plain functions over a rule-set document in the
// format of docs/rules-format.md. No DOM here (tests/e2e and Node can use it as it is).
//
// The document stays in the file's own shape, so the checker's JSON paths (`$.indicators[3].points`)
// point straight at what the form shows. The indicators are kept in tree order (each node followed
// by its subtree); a parent's points are always the sum of its children's (第十八条: 一级、二级、
// 三级指标), so only the leaves' points are typed.

/** The subject types by class (第五条), as the checker knows them (src/rules/mod.rs). */
export const SUBJECT_TYPES = {
  institution: [['medical-institution', '定点医疗机构', 'Designated medical institution'], ['retail-pharmacy', '定点零售药店', 'Designated retail pharmacy'], ['other-institution', '其他机构', 'Other institution']],
  person: [['physician', '医保医师', 'Medical-insurance physician'], ['pharmacist', '医保药师', 'Medical-insurance pharmacist'], ['insured', '参保人员', 'Insured person'], ['other-person', '其他个人', 'Other person']],
};

/** The law library's documents (data/law/ID.json) a source may name. */
export const LAW_IDS = ['shanwei-2022', 'guangdong-2024', 'qinhuangdao-2023', 'ndrc-order-58', 'ndrc-order-36', 'ndrc-2019-527', 'fund-regulation', 'health-law', 'civil-code-2020', 'gov-2014-21', 'gov-2015-51', 'gov-2020-20'];

/** Scoring kinds as the editor offers them; `points` is a rating without levels (a number 0…points). */
export const KINDS = [
  ['yesNo', '是否', 'Yes / no'],
  ['deduction', '扣分（每次）', 'Deduction per incident'],
  ['bonus', '加分（每次）', 'Bonus per incident'],
  ['rating', '档次', 'Rating levels'],
  ['points', '打分', 'Points given'],
];

/** The editor's kind of a leaf's scoring. */
export function kindOf(scoring) {
  if (!scoring) return '';
  if (scoring.type === 'rating') return scoring.levels && scoring.levels.length ? 'rating' : 'points';
  return scoring.type;
}

/** A scoring of `kind` for a leaf of `points`, keeping what carries over from `old`. */
export function scoringOf(kind, points, old) {
  const kinds = old && old.eventKinds ? old.eventKinds : [];
  switch (kind) {
    case 'yesNo': return { type: 'yesNo', pointsIf: true };
    case 'rating': return { type: 'rating', levels: old && old.levels && old.levels.length ? old.levels : defaultLevels(points) };
    case 'points': return { type: 'rating', levels: [] };
    case 'deduction': return { type: 'deduction', per: old && old.per > 0 ? old.per : Math.min(points || 10, 10), eventKinds: kinds };
    case 'bonus': return { type: 'bonus', per: old && old.per > 0 ? old.per : Math.min(points || 10, 10), eventKinds: kinds };
    default: return null;
  }
}

function defaultLevels(points) {
  const p = Number(points) || 0;
  return [
    { id: 'good', label: { zh: '好', en: 'Good' }, points: p },
    { id: 'fair', label: { zh: '一般', en: 'Fair' }, points: round2(p / 2) },
    { id: 'poor', label: { zh: '差', en: 'Poor' }, points: 0 },
  ];
}

export const round2 = (x) => Math.round(x * 100) / 100;

/** The 第十九条 bands (千分制 / 百分制), as the shipped sets write them. */
export function shanweiBands(cls) {
  const mins = cls === 'person' ? [85, 80, 75, 70, 0] : [850, 800, 750, 700, 0];
  const labels = [['信用优秀', 'Excellent'], ['信用良好', 'Good'], ['信用一般', 'Fair'], ['一般失信', 'Dishonest'], ['严重失信', 'Seriously dishonest']];
  return ['A', 'B', 'C', 'D', 'E'].map((grade, i) => ({
    grade, min: mins[i], label: { zh: labels[i][0], en: labels[i][1] }, side: i < 2 ? 'trustworthy' : 'dishonest', cite: { source: 'shanwei', article: '第十九条' },
  }));
}

/** An empty list: the Shanwei measures as its source, the 第十九条 bands, no indicators yet. */
export function emptyDoc(today, cls = 'institution') {
  return {
    format: 'yibao-credit-rules',
    formatVersion: 1,
    id: 'local-indicators',
    version: '1.0',
    title: { zh: '', en: '' },
    issuer: { zh: '', en: '' },
    sample: false,
    sources: [{ id: 'shanwei', law: 'shanwei-2022' }],
    effectiveFrom: today,
    effectiveTo: null,
    subjectClass: cls,
    subjectTypes: [SUBJECT_TYPES[cls][0][0]],
    scale: cls === 'person' ? 100 : 1000,
    bands: shanweiBands(cls),
    indicators: [],
    eventKinds: [],
    directGrades: [],
    measures: [],
  };
}

/** A shipped sample made the bureau's own starting point: not a sample any more, its notice dropped. */
export function fromBuiltin(doc) {
  const d = clone(doc);
  d.sample = false;
  delete d.notice;
  d.id = String(d.id).replace(/^sample-/, 'local-');
  d.title = { zh: String(d.title.zh).replace(/（示例）$/, ''), en: String(d.title.en || '').replace(/^Sample /, '') };
  d.issuer = { zh: '', en: '' };
  d.version = '1.0';
  return normalise(d);
}

export const clone = (x) => JSON.parse(JSON.stringify(x));

/** Children of each node by parent code ('' for the first level), in document order. */
export function childrenMap(doc) {
  const kids = new Map();
  for (const n of doc.indicators) {
    const k = n.parent || '';
    if (!kids.has(k)) kids.set(k, []);
    kids.get(k).push(n);
  }
  return kids;
}

/** Puts the indicators in tree order, sets each depth from its parent and each parent's points to its children's sum. */
export function normalise(doc) {
  const kids = childrenMap(doc);
  const out = [];
  const seen = new Set();
  const walk = (n, depth) => {
    if (seen.has(n)) return;
    seen.add(n);
    n.depth = depth;
    out.push(n);
    for (const c of kids.get(n.code) || []) walk(c, depth + 1);
  };
  for (const n of kids.get('') || []) walk(n, 1);
  // Nodes whose parent is missing stay (the checker reports them), at the end.
  for (const n of doc.indicators) if (!seen.has(n)) out.push(n);
  doc.indicators = out;
  sums(doc);
  return doc;
}

/** Each parent's points set to the sum of its children's (bottom up). */
export function sums(doc) {
  const kids = childrenMap(doc);
  for (let i = doc.indicators.length - 1; i >= 0; i--) {
    const n = doc.indicators[i];
    const cs = kids.get(n.code);
    if (cs && cs.length) {
      n.points = round2(cs.reduce((a, c) => a + (Number(c.points) || 0), 0));
      delete n.scoring;
    }
  }
  return doc;
}

/** The first-level total (what the checker compares with the scale). */
export function total(doc) {
  return round2(doc.indicators.filter((n) => !n.parent).reduce((a, n) => a + (Number(n.points) || 0), 0));
}

/** A code not used yet under `parent` (the shipped sets' pattern: 1, 101, 10101). */
export function freeCode(doc, parent) {
  const used = new Set(doc.indicators.map((n) => n.code));
  for (let i = 1; ; i++) {
    const c = parent ? `${parent}${String(i).padStart(2, '0')}` : String(i);
    if (!used.has(c)) return c;
  }
}

/** Adds a node under `parent` (null: first level); a leaf (depth 3) gets a yes/no scoring. Returns it. */
export function addNode(doc, parent, name = { zh: '', en: '' }) {
  const p = parent ? doc.indicators.find((n) => n.code === parent) : null;
  const depth = p ? p.depth + 1 : 1;
  const cite = p ? clone(p.cite) : { source: doc.sources[0] ? doc.sources[0].id : '', article: '' };
  const n = { code: freeCode(doc, parent), parent: parent || null, depth, name, points: depth === 3 ? 10 : 0, cite };
  if (depth === 3) n.scoring = { type: 'yesNo', pointsIf: true };
  // After the parent's subtree (or at the end for the first level).
  doc.indicators.push(n);
  normalise(doc);
  return n;
}

/** Removes a node and its subtree. */
export function removeNode(doc, code) {
  const gone = new Set([code]);
  for (const n of doc.indicators) if (n.parent && gone.has(n.parent)) gone.add(n.code); // tree order: parents first
  doc.indicators = doc.indicators.filter((n) => !gone.has(n.code));
  normalise(doc);
}

/** Moves a node one place up (-1) or down (+1) among its siblings; false when it cannot. */
export function moveNode(doc, code, dir) {
  const kids = childrenMap(doc);
  const n = doc.indicators.find((x) => x.code === code);
  if (!n) return false;
  const sib = kids.get(n.parent || '') || [];
  const i = sib.indexOf(n);
  const j = i + dir;
  if (j < 0 || j >= sib.length) return false;
  [sib[i], sib[j]] = [sib[j], sib[i]];
  // Rebuild the flat list from the reordered sibling lists.
  const out = [];
  const walk = (x) => { out.push(x); for (const c of kids.get(x.code) || []) walk(c); };
  for (const r of kids.get('') || []) walk(r);
  for (const x of doc.indicators) if (!out.includes(x)) out.push(x);
  doc.indicators = out;
  return true;
}

/** Moves a node (with its subtree) under another parent of the level above. */
export function reparent(doc, code, parent) {
  const n = doc.indicators.find((x) => x.code === code);
  if (!n || n.parent === parent) return;
  n.parent = parent;
  // Keep it last among its new siblings.
  doc.indicators = doc.indicators.filter((x) => x !== n).concat(n);
  normalise(doc);
}

/** Changes a node's code; its children follow. */
export function recode(doc, oldCode, code) {
  for (const n of doc.indicators) {
    if (n.code === oldCode) n.code = code;
    else if (n.parent === oldCode) n.parent = code;
  }
}

// ---------------------------------------------------------------------------------------------
// Texts: the scoring rule in words (catalogue page, CSV export)
// ---------------------------------------------------------------------------------------------

const fmt = (x) => String(round2(Number(x) || 0));

/** The names of event kinds in a language. */
function kindNames(doc, ids, lang) {
  return ids.map((k) => {
    const ek = doc.eventKinds.find((e) => e.kind === k);
    return ek ? (lang === 'en' ? ek.name.en || ek.name.zh : ek.name.zh) : k;
  });
}

/** How a leaf scores, in words (评分标准), in `lang`. */
export function ruleText(doc, n, lang = 'zh') {
  const s = n.scoring;
  const en = lang === 'en';
  if (!s) return '';
  const p = fmt(n.points);
  let text;
  switch (kindOf(s)) {
    case 'yesNo':
      text = s.pointsIf === false
        ? (en ? `${p} points if not, 0 if so` : `否得 ${p} 分，是得 0 分`)
        : (en ? `${p} points if met, 0 if not` : `是得 ${p} 分，否得 0 分`);
      break;
    case 'rating':
      text = (en ? 'By level: ' : '按档次：') + s.levels.map((l) => `${en ? l.label.en || l.label.zh : l.label.zh} ${fmt(l.points)}${en ? '' : ' 分'}`).join(en ? '; ' : '；');
      break;
    case 'points':
      text = en ? `Points given, 0 to ${p}` : `按评定得分，0 至 ${p} 分`;
      break;
    case 'deduction':
      text = en ? `${fmt(s.per)} points off per incident, down to 0 (at most ${p} off)` : `每次扣 ${fmt(s.per)} 分，扣完本项 ${p} 分为止`;
      break;
    case 'bonus':
      text = en ? `${fmt(s.per)} points per instance, at most ${p}` : `每次加 ${fmt(s.per)} 分，最多 ${p} 分`;
      break;
    default: text = '';
  }
  if (s.eventKinds && s.eventKinds.length) text += en ? ` (events counted: ${kindNames(doc, s.eventKinds, lang).join(', ')})` : `（计入事件：${kindNames(doc, s.eventKinds, lang).join('、')}）`;
  return text;
}

/** Level text as the CSV writes it: `优秀=30；良好=20`. */
export function levelsText(levels) {
  return (levels || []).map((l) => `${l.label.zh}=${fmt(l.points)}`).join('；');
}

/** The citation as written in the file, in words: `《title》第十九条` (title from the source's own title or `lawTitles`). */
export function citeWords(doc, cite, lawTitles = {}) {
  if (!cite) return '';
  const src = doc.sources.find((s) => s.id === cite.source);
  const title = src ? (src.law ? lawTitles[src.law] || '' : src.title || '') : '';
  return `${title}${cite.article || (title ? '' : cite.source)}`;
}

// ---------------------------------------------------------------------------------------------
// Where a checker problem goes on the form
// ---------------------------------------------------------------------------------------------

/** `$.a[1].b` → ['$.a[1].b', '$.a[1]', '$.a', '$']: the path and each enclosing one. */
export function pathChain(path) {
  const out = [];
  let p = path || '$';
  for (;;) {
    out.push(p);
    const m = p.match(/^(.*)(\.[A-Za-z_][\w]*|\[\d+\])$/);
    if (!m || !m[1]) break;
    p = m[1];
  }
  if (out[out.length - 1] !== '$') out.push('$');
  return out;
}
