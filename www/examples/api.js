// The JS API example: score a pharmacy live, show an error the core throws. It loads only what it
// uses, the scoring core and the retail-pharmacy rule set (`await ready()` alone loads everything:
// the tools module too, and every shipped rule set).
import { ready, RuleSet, errorMessage } from '../yibao-credit.js';

await ready({ tools: false, rules: ['retail-pharmacy'] });
const rs = RuleSet.forSubjectType('retail-pharmacy');
const pledge = /** @type {HTMLInputElement} */ (document.getElementById('pledge'));

function show() {
  const r = rs.evaluate({
    subject: { type: 'retail-pharmacy', name: '示例药房' },
    asOf: '2026-11-23',
    facts: { 10101: pledge.checked },
  });
  document.getElementById('score').textContent = `${r.score} / ${r.scale}`;
  document.getElementById('grade').textContent = `${r.grade} ${r.label.zh}（${r.label.en}）`;
  document.getElementById('measures').replaceChildren(...r.measures.map((m) => {
    const li = document.createElement('li');
    li.textContent = `${m.text.zh} — ${m.cite}`;
    return li;
  }));
}
pledge.addEventListener('change', show);
show();

try {
  // On purpose: 30 February is no date (the core refuses it, with the field's path).
  rs.score({ subject: { type: 'retail-pharmacy' }, asOf: '2026-02-30' });
} catch (e) {
  document.getElementById('error').textContent = `${e.code} ${e.path} ${errorMessage(e)}`;
}
