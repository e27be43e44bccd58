// A hostile page (tests only): embeds frame.html with ?parent=<its own origin>, asks it to configure
// again and again (to any origin), and keeps every message that reaches it in window.received.
// With ?probe=URL it also embeds a page of the tool's origin that reports whether the saved answers
// are visible to a frame in this position (so the test knows storage partitioning's effect).
window.received = [];
window.probe = null;
window.addEventListener('DOMContentLoaded', () => {
  const q = new URLSearchParams(location.search);
  const f = document.createElement('iframe');
  f.id = 'victim';
  f.src = `${q.get('frame')}?parent=${encodeURIComponent(location.origin)}`;
  f.width = '800';
  f.height = '600';
  window.addEventListener('message', (e) => {
    if (e.data && e.data.type === 'probe') { window.probe = e.data.seen; return; }
    window.received.push({ origin: e.origin, data: e.data });
  });
  document.body.appendChild(f);
  setInterval(() => { try { f.contentWindow.postMessage({ type: 'yibao-credit:configure' }, '*'); } catch (_) { /* gone */ } }, 50);
  if (q.get('probe')) {
    const p = document.createElement('iframe');
    p.src = q.get('probe');
    document.body.appendChild(p);
  }
});
