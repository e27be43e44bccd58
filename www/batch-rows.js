// The rows of a batch, made again from the columns the tools module sends them as (a list of
// 100,000 rows crosses out of WebAssembly as a few typed arrays and one string, not value by value:
// src/binding.rs `rows_out`). The rows are the command line's:
// `[row, name, code, type, score|null, grade|null, [[code, column, zh, en], …], direct|null]`.
// Nothing is computed here. `installBatchRows(mod)` wraps a tools module's `batch` and `BatchRun`
// so that every caller gets the rows (www/loader.js does it for every tools module it loads).

/** The rows from their columns (an array of rows is returned as it is). */
export function rowsOf(cols) {
  if (Array.isArray(cols)) return cols;
  const n = cols.n;
  const text = n ? cols.text.split('\u001e') : [];
  const problems = new Map();
  for (const [i, code, column, zh, en] of cols.problems) {
    if (!problems.has(i)) problems.set(i, []);
    problems.get(i).push([code, column, zh, en]);
  }
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    const [name, code, type] = text[i].split('\u001f');
    const s = cols.score[i];
    const g = cols.grade[i];
    const d = cols.direct ? cols.direct[i] : 255;
    rows[i] = [cols.row[i], name, code, type, Number.isNaN(s) ? null : s, g === 255 ? null : cols.grades[g], problems.get(i) || [], d === 255 ? null : d];
  }
  return rows;
}

/**
 * `out` with its `rows` as rows: made from the columns when first read (a caller that reads only
 * the summary or the result CSV does not pay for 100,000 arrays), then kept. An ordinary
 * enumerable property to callers: `JSON.stringify`, spreading, `structuredClone` and
 * `postMessage` read it as they read any property; assigning it replaces it.
 */
const withRows = (out) => {
  const cols = out.rows;
  if (Array.isArray(cols)) return out;
  let rows = null;
  Object.defineProperty(out, 'rows', {
    get() {
      if (rows === null) rows = rowsOf(cols);
      return rows;
    },
    set(v) { rows = v; },
    enumerable: true,
    configurable: true,
  });
  return out;
};

/**
 * Gives a tools module's `BatchRun#push` / `#finish` the rows (its class is shared, once per
 * instance; `pushColumns` / `finishColumns` keep the columns, for a `RowStore`) and returns its
 * `batch` doing the same (an ES module namespace cannot be changed: the loader hands callers an
 * object with this `batch` instead).
 */
export function installBatchRows(mod) {
  if (!mod || typeof mod.batch !== 'function') return null;
  const proto = mod.BatchRun.prototype;
  if (!proto.pushColumns) {
    const push = proto.push;
    const finish = proto.finish;
    Object.defineProperty(proto, 'pushColumns', { value: push });
    Object.defineProperty(proto, 'finishColumns', { value: finish });
    proto.push = function (text) { return withRows(push.call(this, text)); };
    proto.finish = function () { return withRows(finish.call(this)); };
  }
  const batch = mod.batch;
  return (input) => withRows(batch(input));
}

// ---------------------------------------------------------------------------------------------
// The rows of a whole batch, held compactly (the batch page: up to a million rows). What a row
// holds is kept as columns — numbers in typed arrays, each piece's texts as the UTF-8 of the one
// string the core sent them in, every distinct problem text once — and a row is made an array only
// when it is drawn (`get(i)`). A store is made piece by piece in the worker (`add`), sent to the
// page in one message (`pack()`: every array transferred, nothing copied) and read there
// (`RowStore.from`).
// ---------------------------------------------------------------------------------------------

const FS = '\u001f'; // between a row's name, code and type (U+001E: between rows)
const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Distinct problem texts kept, at most (characters); past it a problem's text says where it is. */
const MAX_STRING_CHARS = 32 * 1024 * 1024;
const ELSEWHERE = ['（此问题的全文见下载的结果文件）', '(the full text of this problem is in the downloaded results)'];

function grow(a, need) {
  if (need <= a.length) return a;
  const b = new a.constructor(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class RowStore {
  constructor() {
    this.n = 0;
    this.row = new Uint32Array(1024);
    this.score = new Float64Array(1024); // NaN: not graded
    this.grade = new Uint8Array(1024); // index into `grades`; 255: not graded
    this.direct = new Uint8Array(1024); // summary.directRules index; 255: none
    this.probAt = new Uint32Array(1025); // problems of row i: probs[2·probAt[i] … 2·probAt[i+1])
    this.probs = new Uint32Array(2048); // per problem: [string id of "code␟column", of "zh␟en"]
    this.nProbs = 0;
    /** @type {string[]} */
    this.grades = [];
    /** @type {string[] | null} every distinct "code␟column" and "zh␟en" (in a store from `pack()`: strBytes from strOff[id]) */
    this.strs = [];
    /** @type {Uint8Array | null} */
    this.strBytes = null;
    /** @type {Uint32Array | null} */
    this.strOff = null;
    this.strChars = 0;
    /** @type {Map<string, number> | null} */
    this.ids = new Map();
    /** @type {{first: number, bytes?: Uint8Array, off?: Uint32Array, rows?: any[]}[]} pieces of rows: their texts as UTF-8 (or, rarely, as rows) */
    this.chunks = [];
  }

  /** The id of a problem's text (`message`: its "zh␟en"; else its "code␟column"), kept once. */
  intern(s, message = false) {
    let id = this.ids.get(s);
    if (id !== undefined) return id;
    if (message && this.strChars + s.length > MAX_STRING_CHARS) {
      s = `${ELSEWHERE[0]}${FS}${ELSEWHERE[1]}`;
      const again = this.ids.get(s);
      if (again !== undefined) return again;
    }
    id = this.strs.length;
    this.strs.push(s);
    this.strChars += s.length;
    this.ids.set(s, id);
    return id;
  }

  /** Adds the rows of one piece: the core's columns (or, rarely, ordinary rows). */
  add(cols) {
    const first = this.n;
    const rows = Array.isArray(cols) ? cols : null;
    const m = rows ? rows.length : cols.n;
    if (!m) return;
    const end = first + m;
    this.row = grow(this.row, end);
    this.score = grow(this.score, end);
    this.grade = grow(this.grade, end);
    this.direct = grow(this.direct, end);
    this.probAt = grow(this.probAt, end + 1);
    const gradeIndex = (g) => {
      if (g === null || g === undefined) return 255;
      let k = this.grades.indexOf(g);
      if (k < 0) { k = this.grades.length; this.grades.push(g); }
      return k;
    };
    /** @type {any[][]} problems of the piece: [i, code, column, zh, en] */
    let problems;
    if (rows) {
      problems = [];
      rows.forEach((r, j) => {
        this.row[first + j] = r[0];
        this.score[first + j] = r[4] === null ? NaN : r[4];
        this.grade[first + j] = gradeIndex(r[5]);
        this.direct[first + j] = r[7] === null || r[7] === undefined ? 255 : r[7];
        for (const p of r[6]) problems.push([j, ...p]);
      });
      this.chunks.push({ first, rows: rows.map((r) => [r[1], r[2], r[3]]) });
    } else {
      this.row.set(cols.row, first);
      this.score.set(cols.score, first);
      if (cols.direct) this.direct.set(cols.direct, first); else this.direct.fill(255, first, end);
      const map = cols.grades.map(gradeIndex);
      for (let j = 0; j < m; j++) {
        const g = cols.grade[j];
        this.grade[first + j] = g === 255 ? 255 : map[g];
      }
      // The texts as UTF-8 (smaller than a string of Chinese, and sent to the page without a
      // copy); off[j]: where row j starts (the separators are single bytes in UTF-8).
      const bytes = encoder.encode(cols.text);
      const off = new Uint32Array(m + 1);
      let j = 1;
      for (let b = 0; b < bytes.length && j < m; b++) if (bytes[b] === 0x1e) off[j++] = b + 1;
      off[m] = bytes.length + 1;
      this.chunks.push({ first, bytes, off });
      problems = cols.problems;
    }
    // Problems come in row order.
    this.probs = grow(this.probs, 2 * (this.nProbs + problems.length));
    let k = 0;
    for (let j = 0; j < m; j++) {
      this.probAt[first + j] = this.nProbs;
      while (k < problems.length && problems[k][0] === j) {
        const [, code, column, zh, en] = problems[k];
        this.probs[2 * this.nProbs] = this.intern(`${code}${FS}${column || ''}`);
        this.probs[2 * this.nProbs + 1] = this.intern(`${zh}${FS}${en}`, true);
        this.nProbs++;
        k++;
      }
    }
    this.probAt[end] = this.nProbs;
    this.n = end;
  }

  /** How many problems row i has. */
  problemCount(i) { return this.probAt[i + 1] - this.probAt[i]; }

  /** Name, code and type of row i. */
  texts(i) {
    const c = this.chunks[this.chunkOf(i)];
    const j = i - c.first;
    if (c.rows) return c.rows[j];
    return decoder.decode(c.bytes.subarray(c.off[j], c.off[j + 1] - 1)).split(FS);
  }

  /** One of name (0), code (1), type (2) of row i. */
  text(i, field) {
    const c = this.chunks[this.chunkOf(i)];
    const j = i - c.first;
    if (c.rows) return c.rows[j][field];
    const end = c.off[j + 1] - 1;
    let a = c.off[j];
    for (let f = 0; f < field; f++) { while (a < end && c.bytes[a] !== 0x1f) a++; a++; }
    let b = a;
    while (b < end && c.bytes[b] !== 0x1f) b++;
    return a >= end ? '' : decoder.decode(c.bytes.subarray(a, b));
  }

  chunkOf(i) {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunks[mid].first <= i) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /** Row i as the command line writes it. */
  get(i) {
    const [name, code, type] = this.texts(i);
    const s = this.score[i];
    const g = this.grade[i];
    const problems = [];
    for (let k = this.probAt[i]; k < this.probAt[i + 1]; k++) {
      const [pc, column] = this.str(this.probs[2 * k]).split(FS);
      const [zh, en] = this.str(this.probs[2 * k + 1]).split(FS);
      problems.push([pc, column, zh, en]);
    }
    const d = this.direct[i];
    return [this.row[i], name, code, type, Number.isNaN(s) ? null : s, g === 255 ? null : this.grades[g], problems, d === 255 ? null : d];
  }

  /** The problem text of an id. */
  str(id) {
    if (this.strs) return this.strs[id];
    return decoder.decode(this.strBytes.subarray(this.strOff[id], this.strOff[id + 1]));
  }

  /**
   * Everything, for one postMessage: `[message, transfer list]` (the problem texts as UTF-8 too:
   * half a million of them would take the page a while to receive as strings).
   * @returns {[object, ArrayBuffer[]]}
   */
  pack() {
    const n = this.n;
    const parts = this.strs.map((x) => encoder.encode(x));
    const strOff = new Uint32Array(parts.length + 1);
    for (let k = 0; k < parts.length; k++) strOff[k + 1] = strOff[k] + parts[k].length;
    const strBytes = new Uint8Array(strOff[parts.length]);
    parts.forEach((b, k) => strBytes.set(b, strOff[k]));
    const o = {
      n, grades: this.grades, strs: null, strBytes, strOff, nProbs: this.nProbs, chunks: this.chunks,
      row: this.row.slice(0, n), score: this.score.slice(0, n), grade: this.grade.slice(0, n), direct: this.direct.slice(0, n),
      probAt: this.probAt.slice(0, n + 1), probs: this.probs.slice(0, 2 * this.nProbs),
    };
    /** @type {ArrayBuffer[]} */
    const transfer = [o.row, o.score, o.grade, o.direct, o.probAt, o.probs, strBytes, strOff].map((a) => /** @type {ArrayBuffer} */ (a.buffer));
    for (const c of this.chunks) if (c.off) transfer.push(/** @type {ArrayBuffer} */ (c.off.buffer), /** @type {ArrayBuffer} */ (c.bytes.buffer));
    return [o, transfer];
  }

  /** A store from `pack()`'s message (read only: nothing is added to it). */
  static from(o) {
    const s = new RowStore();
    Object.assign(s, o, { ids: null, strChars: 0 });
    return s;
  }

  /**
   * The positions of the rows that pass `keep(i)` (all when it is null), in file order.
   * @param {((i: number) => boolean) | null} keep
   * @returns {Uint32Array<ArrayBufferLike>}
   */
  select(keep) {
    const out = new Uint32Array(this.n);
    let m = 0;
    for (let i = 0; i < this.n; i++) if (!keep || keep(i)) out[m++] = i;
    return out.slice(0, m);
  }

  /**
   * `idx` sorted by a column (1 name, 2 code, 3 type, 4 score, 5 grade, 6 problem count; row
   * order breaks ties; no score or grade comes last), `dir` 1 ascending or -1 descending. A merge
   * sort that awaits `pause()` every few thousand steps, so that a page sorting a million rows
   * still answers meanwhile; `stopped()` true ends it early (null is returned).
   * @param {Uint32Array<ArrayBufferLike>} idx
   * @param {number} col
   * @param {number} dir
   * @param {() => Promise<void>} [pause]
   * @param {() => boolean} [stopped]
   * @returns {Promise<Uint32Array<ArrayBufferLike> | null>}
   */
  async sorted(idx, col, dir, pause = async () => {}, stopped = () => false) {
    const m = idx.length;
    /** @type {(i: number) => any} the key of row i; null sorts last */
    let key;
    if (col === 4) key = (i) => (Number.isNaN(this.score[i]) ? null : this.score[i]);
    else if (col === 5) key = (i) => (this.grade[i] === 255 ? null : this.grades[this.grade[i]]);
    else if (col === 6) key = (i) => this.probAt[i + 1] - this.probAt[i];
    else if (col >= 1 && col <= 3) {
      const keys = new Array(m);
      for (let k = 0; k < m; k++) {
        keys[k] = this.text(idx[k], col - 1);
        if ((k & 16383) === 16383) { await pause(); if (stopped()) return null; }
      }
      // The text of row idx[k] is keys[k].
      const pos = new Uint32Array(this.n);
      for (let k = 0; k < m; k++) pos[idx[k]] = k;
      key = (i) => keys[pos[i]];
    } else key = (i) => i;
    const cmp = (a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka === kb) return a - b;
      if (ka === null) return 1;
      if (kb === null) return -1;
      return (ka < kb ? -1 : 1) * dir;
    };
    let src = Uint32Array.from(idx);
    let dst = new Uint32Array(m);
    let steps = 0;
    for (let width = 1; width < m; width *= 2) {
      for (let lo = 0; lo < m; lo += 2 * width) {
        const mid = Math.min(lo + width, m);
        const hi = Math.min(lo + 2 * width, m);
        let a = lo;
        let b = mid;
        let k = lo;
        while (a < mid && b < hi) dst[k++] = cmp(src[a], src[b]) <= 0 ? src[a++] : src[b++];
        while (a < mid) dst[k++] = src[a++];
        while (b < hi) dst[k++] = src[b++];
        steps += hi - lo;
        if (steps >= 65536) { steps = 0; await pause(); if (stopped()) return null; }
      }
      [src, dst] = [dst, src];
    }
    return src;
  }
}
