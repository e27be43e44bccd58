// A host that cannot load modules: embeds frame.html (FRAME given in this page's ?frame=) and talks
// to it with postMessage. The test reads window.frameMessages.
window.frameMessages = [];
window.addEventListener('DOMContentLoaded', () => {
  const src = new URLSearchParams(location.search).get('frame');
  const frameOrigin = new URL(src).origin;
  const f = document.createElement('iframe');
  f.id = 'yc-frame';
  f.title = '医保信用自评';
  f.width = '800';
  f.height = '600';
  f.src = src;
  window.addEventListener('message', (e) => {
    if (e.origin !== frameOrigin || !e.data || typeof e.data.type !== 'string') return;
    window.frameMessages.push(e.data);
    if (e.data.type === 'yibao-credit:ready') {
      f.contentWindow.postMessage({ type: 'yibao-credit:configure', subjectType: 'physician', lang: 'en', asOf: '2026-11-23' }, frameOrigin);
    }
    if (e.data.type === 'yibao-credit:change') {
      // A grade only once every indicator is answered; until then how many are.
      const r = e.data.result;
      document.getElementById('last').textContent = r.complete ? `${r.score} ${r.grade}` : `${r.answers.given}/${r.answers.of}`;
    }
  });
  document.body.appendChild(f);
});
