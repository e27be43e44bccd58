// The comparison loop shared by the peer benchmarks — Node (`node benches/peer-node.mjs`) and the
// headless-Chromium page (`node benches/browser.mjs` → benches/peer.html → benches/peer-browser.mjs).
// Platform-neutral (no Node imports; performance.now() exists in both).
//
// Contenders are `{name, run(input)}`; `run` may return a promise (json-rules-engine and zen
// are async), which is then awaited inside the timed span. Our wasm contributes one contender per
// call of its RuleSet that exists — `score`, `explain`, `evaluate`, feature-detected
// (`ourCalls`) — so the same harness times today's `evaluate` and the new engine's calls.

/** The input of the re-evaluation and peer timings (also `node benches/browser.mjs`'s); they vary 30201 over 0, 1, 2. */
export const PEER_INPUT = {
  subject: { type: 'retail-pharmacy', name: '某药房', code: '91110000600037341L' }, asOf: '2026-11-23',
  facts: { 10101: true, 10102: true, 10201: true, 10202: false, 20101: 'good', 20102: true, 20103: true, 20201: 1, 30102: 1 },
  events: [{ kind: 'agreement-talk', date: '2026-05-06' }],
};

/** The timed inputs: PEER_INPUT with 30201 = i % 3 (a fresh object each time). */
export function varyPeerInput(base, i) {
  const x = structuredClone(base);
  x.facts['30201'] = i % 3;
  return x;
}

/** Our RuleSet's calls that exist, in this order: score, explain, evaluate. */
export function ourCalls(ruleSet, prefix = 'ours') {
  return ['score', 'explain', 'evaluate']
    .filter((m) => typeof ruleSet[m] === 'function')
    .map((m) => ({ name: `${prefix}.${m}`, ours: true, run: (input) => ruleSet[m](input) }));
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The score and grade every contender gives for each input must be the same; throws otherwise. */
export async function checkAgreement(contenders, inputs, what = 'input') {
  for (const [k, input] of inputs.entries()) {
    const got = [];
    for (const c of contenders) {
      let r;
      try {
        r = await c.run(structuredClone(input));
      } catch (e) {
        throw new Error(`${c.name} failed on ${what} ${k} (${JSON.stringify(input)}): ${e.message}`);
      }
      got.push([c.name, r && r.score, r && r.grade]);
    }
    if (got.some(([, s, g]) => s !== got[0][1] || g !== got[0][2])) {
      throw new Error(`disagreement on ${what} ${k} ${JSON.stringify(input)}: ${got.map(([n, s, g]) => `${n} ${s} ${g}`).join('; ')}`);
    }
  }
  return inputs.length;
}

/**
 * Times every contender on the same inputs, interleaved in rounds: each round runs every
 * contender `block` times in a row (the order of the contenders rotating from round to round, so
 * none is always first), one timed sample per call (or per `reps` calls, below), until each has
 * `n` samples; `warmUp` untimed
 * calls of each first, interleaved the same way. The input of call i is `vary(input, i)`, the
 * same i for every contender. Blocks rather than single calls: each contender runs with its own
 * code and data warm, as it would keystroke after keystroke, not after a peer evicted them; the
 * rounds (~ms each) still cancel the drift of a shared machine.
 * A sample is `reps` calls back to back on the same input, divided by `reps`: after the warm-up
 * each contender's `reps` is set so that a sample lasts at least `minSampleMs` (the browser
 * page's timer has 5 µs steps, the floor takes ~1 µs), never below the contender's own `reps`.
 * Returns `{medianMs: {name: median ms per call}, reps: {name: calls per sample}}`.
 */
export async function timeInterleaved(contenders, { input, vary = (x) => x, n = 2000, warmUp = 200, block = 20, minSampleMs = 0 }) {
  const times = contenders.map(() => []);
  const reps = contenders.map((c) => c.reps || 1);
  const base = structuredClone(input);
  const inputs = new Map();
  const inputOf = (i) => {
    if (!inputs.has(i)) inputs.set(i, vary(base, i));
    return inputs.get(i);
  };
  const run = async (c, x, k) => {
    const t0 = performance.now();
    for (let r = 0; r < k; r++) {
      const out = c.run(x);
      if (out && typeof out.then === 'function') await out;
    }
    return performance.now() - t0;
  };
  const rounds = async (total, keep) => {
    for (let start = 0, round = 0; start < total; start += block, round++) {
      const end = Math.min(total, start + block);
      for (let k = 0; k < contenders.length; k++) {
        const j = (k + round) % contenders.length;
        for (let i = start; i < end; i++) {
          const dt = await run(contenders[j], inputOf(i), reps[j]);
          if (keep) times[j].push(dt / reps[j]);
        }
      }
      for (let i = start; i < end; i++) inputs.delete(i);
    }
  };
  await rounds(warmUp, false);
  if (minSampleMs > 0) {
    for (const [j, c] of contenders.entries()) {
      // The fastest of 5 estimates (a pause of the machine during one must not shrink reps).
      let perCall = Infinity;
      for (let t = 0; t < 5; t++) {
        let k = 1;
        let dt = await run(c, inputOf(0), k);
        while (dt < 4 * minSampleMs && k < 1e6) dt = await run(c, inputOf(0), (k *= 2));
        perCall = Math.min(perCall, dt / k);
      }
      reps[j] = Math.max(reps[j], Math.ceil(minSampleMs / perCall));
    }
    inputs.clear();
  }
  await rounds(n, true);
  return {
    medianMs: Object.fromEntries(contenders.map((c, j) => [c.name, median(times[j])])),
    reps: Object.fromEntries(contenders.map((c, j) => [c.name, reps[j]])),
  };
}

/** Ratio a / b, to two significant digits. */
export const ratio = (a, b) => +(a / b).toPrecision(2);

/**
 * Inputs for the agreement checks beyond the timed ones: `count` pseudo-random evaluate inputs of
 * `doc` (fixed seed), spread over every grade: each input has a profile from 0 (all answers good,
 * no counts, few events) to 4 (many bad answers, counts and events); a leaf is unanswered one time
 * in 12; yes/no as true/false or 是/否, levels by id or Chinese label, counts 0–3; events of the
 * rules' kinds (direct-grade kinds now and then) dated on and around both ends of the period;
 * as-of dates 2023–2026 including 29 February and month ends. `jreSafe`: only what the
 * json-rules-engine translation reads (booleans, level ids, counts, no direct-grade events).
 */
export function agreementInputs(doc, count = 400, { jreSafe = false, seed = 12345 } = {}) {
  let x = seed >>> 0;
  const rnd = (k) => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x % k;
  };
  const leaves = doc.indicators.filter((i) => i.scoring);
  const direct = new Set((doc.directGrades || []).flatMap((d) => d.eventKinds));
  const kinds = (doc.eventKinds || []).map((k) => k.kind).filter((k) => !(jreSafe && direct.has(k)));
  const asOfs = ['2026-11-23', '2024-02-29', '2025-03-31', '2023-12-31', '2026-01-01', '2025-02-28'];
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  const out = [];
  for (let n = 0; n < count; n++) {
    const profile = rnd(5);
    const asOf = asOfs[rnd(asOfs.length)];
    const to = Date.parse(`${asOf}T00:00:00Z`);
    const [y, m, d] = asOf.split('-').map(Number);
    const from = Date.UTC(y - 1, m - 1, Math.min(d, new Date(Date.UTC(y - 1, m, 0)).getUTCDate()) + 1);
    const facts = {};
    for (const l of leaves) {
      if (rnd(12) === 0) continue; // not answered
      const s = l.scoring;
      if (s.type === 'yesNo') {
        const good = rnd(10) >= 2 * profile ? s.pointsIf !== false : s.pointsIf === false;
        facts[l.code] = jreSafe || rnd(2) ? good : good ? '是' : '否';
      } else if (s.type === 'rating') {
        const lv = [...s.levels].sort((a, b) => b.points - a.points)[Math.min(s.levels.length - 1, rnd(profile + 1))];
        facts[l.code] = jreSafe || rnd(2) ? lv.id : lv.label.zh;
      } else {
        facts[l.code] = rnd(10) < profile ? 1 + rnd(3) : 0;
      }
    }
    const events = [];
    const ne = rnd(profile + 2);
    for (let e = 0; e < ne; e++) {
      let kind = kinds[rnd(kinds.length)];
      if (direct.has(kind) && rnd(3)) kind = kinds[rnd(kinds.length)];
      const day = [from - 86400000, from, from + 86400000 * rnd(360), to, to + 86400000][rnd(5)];
      events.push({ kind, date: iso(day) });
    }
    out.push({ subject: { type: doc.subjectTypes[0], name: `主体${n}` }, asOf, facts, events });
  }
  return out;
}
