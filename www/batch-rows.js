// The rows of a batch, made again from the columns the tools module sends them as (a list of
// 100,000 rows crosses out of WebAssembly as a few typed arrays and one string, not value by value:
// src/binding.rs `rows_out`). The rows are the command line's:
// `[row, name, code, type, score|null, grade|null, [[code, column, zh, en], …]]`.
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
    rows[i] = [cols.row[i], name, code, type, Number.isNaN(s) ? null : s, g === 255 ? null : cols.grades[g], problems.get(i) || []];
  }
  return rows;
}

const withRows = (out) => {
  out.rows = rowsOf(out.rows);
  return out;
};

/**
 * Gives a tools module's `BatchRun#push` / `#finish` the rows (its class is shared, once per
 * instance) and returns its `batch` doing the same (an ES module namespace cannot be changed: the
 * loader hands callers an object with this `batch` instead).
 */
export function installBatchRows(mod) {
  if (!mod || typeof mod.batch !== 'function') return null;
  const proto = mod.BatchRun.prototype;
  if (!proto.pushColumns) {
    const push = proto.push;
    const finish = proto.finish;
    Object.defineProperty(proto, 'pushColumns', { value: push });
    proto.push = function (text) { return withRows(push.call(this, text)); };
    proto.finish = function () { return withRows(finish.call(this)); };
  }
  const batch = mod.batch;
  return (input) => withRows(batch(input));
}
