// Service worker: keeps the page working once it has loaded, with the network cut.
// precache.js (written by scripts/build.sh) lists the files and their version (a hash of them all).
// Install: cache every file under `yibao-credit-<version>`. Activate: delete every other
// yibao-credit cache, take over open pages. Fetch: same-origin GETs cache-first, network if missing.
// A new deploy changes precache.js, so the browser installs the new worker on the next visit.
importScripts('precache.js');

const { version, files } = self.PRECACHE;
const CACHE = `yibao-credit-${version}`;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(files.map((f) => new Request(f, { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith('yibao-credit-') && key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const scope = new URL(self.registration.scope);
    let rel = url.pathname.startsWith(scope.pathname) ? url.pathname.slice(scope.pathname.length) : null;
    if (req.mode === 'navigate' && (rel === '' || rel === null)) rel = 'index.html';
    const hit = rel !== null && files.includes(rel) ? await cache.match(rel) : await cache.match(req);
    return hit || fetch(req);
  })());
});
