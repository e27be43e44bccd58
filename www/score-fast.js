// Fast paths of the core's `RuleSet` for the page's every keystroke: `score` and `evaluate`.
//
// Scoring on every keystroke, cheaply. Reading a whole input object into the WebAssembly core costs
// more than scoring it, so `RuleSet.prototype.score` first tries to put the input into numbers
// here — one per leaf, in the rule set's order (yes/no 1 or 0, a level's index, a count, a free
// rating's points), the events as kind indices and their dates — and hands those to the core's
// `scoreEncoded`, which scores through the same plan and checks dates, ranges and decimals itself.
// Anything not plainly so (a text answer such as "是" or a level's label, a period, a field not
// known here, a wrong type) goes to the core's ordinary `score`, which answers or throws the
// proper error. Nothing is decided here: the two paths are tested to agree (tests/e2e/score.test.mjs).
// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条、第十九条.

import { join, unpack, catalogOf } from './explain-join.js';

const TOP = new Set(['subject', 'asOf', 'facts', 'events', 'allowOutOfEffect']);
const SUBJECT = new Set(['type', 'name', 'code']);
const EVENT_TEXT = ['description', 'decisionNo', 'department'];
const EVENT_KEYS = new Set(['kind', 'date', ...EVENT_TEXT]);
// The longest text any input field may hold (src/error.rs MAX_STRING_CHARS): a longer one is the
// ordinary path's to refuse. UTF-16 units ≥ characters, so a text within it in units is within.
const MAX_ANY_TEXT = 4000;
const MAX_TEXT = 2000; // characters of a subject's name or code (UTF-16 units ≥ characters)
const MAX_ITEMS = 10000;
const UNKNOWN_KIND = 0xffffffff;
const encodings = new WeakMap();

function encodingOf(rs) {
  let e = encodings.get(rs);
  if (!e) {
    const enc = rs.encoding;
    e = {
      scale: enc.scale,
      types: new Set(enc.subjectTypes),
      leaf: new Map(enc.leaves.map(([code, kind, levels], i) => [code, { i, kind, levels: new Map(levels.map((id, j) => [id, j])) }])),
      n: enc.leaves.length,
      kind: new Map(enc.kinds.map((k, i) => [k, i])),
      grades: enc.grades,
      directIds: enc.directIds,
      slots: new Float64Array(enc.leaves.length),
      out: new Float64Array(10),
    };
    encodings.set(rs, e);
  }
  return e;
}

const isObj = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);
const optText = (v) => v === undefined || (typeof v === 'string' && v.length <= MAX_TEXT);

/**
 * `input` put into numbers for the core (see above), or null when the ordinary path must answer.
 * `forExplain`: also every event kind known to the rules, every answer on a leaf (the warnings
 * about the others are the ordinary path's to write), and the events' descriptions.
 */
function encode(rs, input, forExplain) {
  if (!isObj(input)) return null;
  for (const k in input) if (!TOP.has(k)) return null;
  const s = input.subject;
  if (!isObj(s)) return null;
  for (const k in s) if (!SUBJECT.has(k)) return null;
  const e = encodingOf(rs);
  if (typeof s.type !== 'string' || !e.types.has(s.type) || !optText(s.name) || !optText(s.code)) return null;
  if (typeof input.asOf !== 'string') return null;
  const allow = input.allowOutOfEffect;
  if (allow !== undefined && typeof allow !== 'boolean') return null;
  const slots = e.slots;
  slots.fill(NaN);
  const facts = input.facts;
  if (facts !== undefined) {
    if (!isObj(facts)) return null;
    let n = 0;
    for (const code in facts) {
      if (++n > MAX_ITEMS) return null;
      const leaf = e.leaf.get(code);
      if (leaf === undefined) {
        if (forExplain) return null;
        continue;
      }
      const v = facts[code];
      if (v === null || v === undefined) continue;
      if (leaf.kind === 'yesNo') {
        if (typeof v !== 'boolean') return null;
        slots[leaf.i] = v ? 1 : 0;
      } else if (leaf.kind === 'levels') {
        const j = typeof v === 'string' ? leaf.levels.get(v) : undefined;
        if (j === undefined) return null;
        slots[leaf.i] = j;
      } else if (leaf.kind === 'count') {
        if (!Number.isInteger(v) || v < 0 || v > MAX_ITEMS) return null;
        slots[leaf.i] = v;
      } else {
        if (typeof v !== 'number' || !Number.isFinite(v)) return null;
        slots[leaf.i] = v;
      }
    }
  }
  let kinds = EMPTY;
  let dates = '';
  let descriptions = '';
  const events = input.events;
  if (events !== undefined) {
    if (!Array.isArray(events) || events.length > MAX_ITEMS) return null;
    if (events.length) {
      kinds = new Uint32Array(events.length);
      const ds = [];
      const texts = [];
      for (let i = 0; i < events.length; i++) {
        const ev = events[i];
        if (!isObj(ev) || typeof ev.kind !== 'string' || typeof ev.date !== 'string' || ev.date.includes('|')) return null;
        for (const k in ev) if (!EVENT_KEYS.has(k)) return null;
        for (const f of EVENT_TEXT) if (ev[f] !== undefined && (typeof ev[f] !== 'string' || ev[f].length > MAX_ANY_TEXT)) return null;
        const k = e.kind.get(ev.kind);
        if (k === undefined && forExplain) return null;
        kinds[i] = k === undefined ? UNKNOWN_KIND : k;
        ds.push(ev.date);
        if (forExplain) {
          const d = ev.description ?? '';
          if (d.includes('\0')) return null;
          texts.push(d);
        }
      }
      dates = ds.join('|');
      descriptions = texts.join('\0');
    }
  }
  return { e, slots, kinds, dates, descriptions, allow: allow === true };
}

const EMPTY = new Uint32Array(0);

/** The score of `input` by the encoded path, or null when the ordinary path must answer. */
function scoreFast(rs, input) {
  const c = encode(rs, input, false);
  if (!c) return null;
  const { e } = c;
  const out = e.out;
  if (!rs.scoreEncoded(c.slots, c.kinds, c.dates, input.asOf, c.allow, out)) return null;
  const g = e.grades;
  const r = { scale: e.scale, score: out[0] / 100, grade: g[out[1]], pointsGrade: g[out[2]] };
  if (out[3] >= 0) r.directGrade = e.directIds[out[3]];
  r.complete = out[4] === out[5];
  r.answers = { given: out[4], of: out[5] };
  r.reachable = { min: out[6] / 100, max: out[7] / 100, minGrade: g[out[8]], maxGrade: g[out[9]] };
  return r;
}

/** The packed explanation's numbers of `input` by the encoded path (empty or undefined: none). */
function explainFast(rs, input) {
  const c = encode(rs, input, true);
  if (!c) return undefined;
  return rs.explainEncoded(c.slots, c.kinds, c.dates, c.descriptions, input.subject.type, input.subject.code ?? '', input.asOf, c.allow);
}
const plainInput = (input) => isObj(input) && isObj(input.subject);

/**
 * Gives a core module's `RuleSet` its fast paths (once per module instance): `score` and
 * `evaluate` try the encoded path first; `evaluate` joins the packed explanation with the rule
 * set's catalog (www/explain-join.js). The core's own methods stay as `scoreOrdinary` and
 * `evaluateOrdinary`.
 */
export function installFastPaths(mod) {
  const proto = mod && mod.RuleSet && mod.RuleSet.prototype;
  if (!proto || proto.scoreOrdinary) return;
  const score = proto.score;
  const evaluate = proto.evaluate;
  Object.defineProperty(proto, 'scoreOrdinary', { value: score });
  Object.defineProperty(proto, 'evaluateOrdinary', { value: evaluate });
  Object.defineProperty(proto, 'score', {
    value(input) { return scoreFast(this, input) ?? score.call(this, input); },
    writable: true,
    configurable: true,
  });
  Object.defineProperty(proto, 'evaluate', {
    value(input) {
      // An object the encoder can put into numbers is explained by the core, and the explanation
      // crosses packed (its numbers, then its texts: src/explain.rs `Packed`) to be joined with the
      // rule set's catalog here. Anything else (a JSON text, a text answer, an error to report) is
      // the core's own `evaluate`, which gives the same result or throws the proper error.
      const nums = plainInput(input) ? explainFast(this, input) : undefined;
      if (!nums || nums.length === 0) return evaluate.call(this, input);
      return join(unpack(nums, this.explainTexts()), catalogOf(this), input);
    },
    writable: true,
    configurable: true,
  });
}
