// Service worker: the app keeps working with the network off after one visit. Network first, so an online
// visit always gets the current build; the cache answers when the network does not.
const CACHE = 'gridstar-v1';
const SHELL = ['./', 'index.html', 'gridstar.js', 'gridstar.wasm', 'gridstar.data', 'manifest.webmanifest', 'icon.svg'];

self.addEventListener('install', (e) => {
    e.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (e) => {
    e.waitUntil(self.clients.claim());
});
self.addEventListener('fetch', (e) => {
    const req = e.request;
    if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
    e.respondWith(
        fetch(req).then((res) => {
            if (res.ok) {
                const copy = res.clone();
                caches.open(CACHE).then((c) => c.put(req, copy));
            }
            return res;
        }).catch(() => caches.match(req, { ignoreSearch: true }).then((hit) => hit || Response.error()))
    );
});
