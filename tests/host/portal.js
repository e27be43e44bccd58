// The portal's own script: counts evaluator events (as a host page would react), adds a second
// evaluator after load, and records CSP violations for the test.
window.portalEvents = [];
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
// As the README asks of hosts: the score and grade are a result only when `complete`.
document.addEventListener('yibao-credit-change', (e) => {
  const r = e.detail;
  window.portalEvents.push(r.complete ? { id: e.target.id, complete: true, score: r.score, grade: r.grade } : { id: e.target.id, complete: false, answers: r.answers, reachable: r.reachable });
  document.getElementById('events').textContent = String(window.portalEvents.length);
});
window.addEventListener('load', () => {
  setTimeout(() => {
    const el = document.createElement('yibao-credit-evaluator');
    el.id = 'ev2';
    el.setAttribute('subject-type', 'physician');
    el.setAttribute('as-of', '2026-11-23');
    document.getElementById('slot-2').appendChild(el);
  }, 50);
});
