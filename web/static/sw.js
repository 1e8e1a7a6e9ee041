// GridStar service worker: after one visit the app starts with the network off.
//
// One cache per build ("gridstar-<build id>"). The build step (web/stamp_sw.py) writes the build id and the SHA-256
// of every file into MANIFEST below, so each build is a new service worker with a new cache. Install fetches the
// whole set past the HTTP cache, checks every file against its hash, and only then writes the cache: an update is
// either complete or not there at all (a server caught in the middle of a deploy fails the install; the old version
// stays and the next visit tries again). Requests are answered cache-first from THIS build's cache only, so one
// visit never mixes files of two builds.
//
// The first install takes over at once. A later one waits while a page of the old build is open; the page shows
// "新版本已就绪，刷新即可使用 / A new version is ready — reload" (shell.html). Reloading the last open page, or the
// banner's button, switches to the new build; activation deletes the old caches.
const MANIFEST = /*GS-MANIFEST*/ { build: 'dev', files: {} } /*GS-MANIFEST-END*/;
const BUILD = MANIFEST.build;
const PREFIX = 'gridstar-';
const CACHE = PREFIX + BUILD;
// The app shell: everything a start needs (the .data holds the core font and the sample).
const CORE = ['index.html', 'gridstar.js', 'gridstar.wasm', 'gridstar.data', 'manifest.webmanifest', 'icon.svg'];
// Fetched by the page only when a dataset needs it; once fetched it is cached, and carried into later builds.
const LAZY = ['gridstar-wide.ttf'];

const abs = (name) => new URL(name, self.registration.scope).href;
// 'gridstar.js' for .../gridstar.js?x; '' for the scope itself; null outside the scope.
function nameOf(url) {
    const u = new URL(url);
    const scope = new URL(self.registration.scope);
    if (u.origin !== scope.origin || !u.pathname.startsWith(scope.pathname)) return null;
    return decodeURIComponent(u.pathname.slice(scope.pathname.length));
}
const hex = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');

// Fetches one file of this build from the network, bypassing the HTTP cache, and checks its hash.
async function fetchOwn(name) {
    const res = await fetch(new Request(abs(name), { cache: 'reload', credentials: 'same-origin' }));
    if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
    const body = await res.arrayBuffer();
    const want = MANIFEST.files[name];
    if (want) {
        const got = hex(await crypto.subtle.digest('SHA-256', body));
        if (got !== want) throw new Error(`${name} on the server is not the one of build ${BUILD}`);
    }
    const headers = new Headers();
    headers.set('content-type', res.headers.get('content-type') || 'application/octet-stream');
    headers.set('x-gridstar-build', BUILD);
    return new Response(body, { status: 200, headers });
}

async function cachedElsewhere(name) {
    for (const key of await caches.keys()) {
        if (!key.startsWith(PREFIX) || key === CACHE) continue;
        const hit = await (await caches.open(key)).match(abs(name));
        if (hit) return hit;
    }
    return null;
}

self.addEventListener('install', (event) => {
    event.waitUntil((async () => {
        // The wide font goes into the new set only if the user already needed it.
        const names = CORE.slice();
        for (const n of LAZY) if (await cachedElsewhere(n)) names.push(n);
        // All or nothing: every file is fetched and checked before the cache is touched.
        const responses = await Promise.all(names.map(fetchOwn));
        await caches.delete(CACHE); // leftovers of an earlier attempt at this same build
        try {
            const cache = await caches.open(CACHE);
            await Promise.all(names.map((n, i) => cache.put(abs(n), responses[i])));
            await cache.put(abs('build-complete'), new Response(BUILD)); // written last: the set is whole
        } catch (e) {
            await caches.delete(CACHE);
            throw e;
        }
        // Nothing to replace: take over at once so this very page is served offline next time.
        if (!self.registration.active) await self.skipWaiting();
    })());
});

self.addEventListener('activate', (event) => {
    event.waitUntil((async () => {
        for (const key of await caches.keys()) {
            if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
        }
        await self.clients.claim();
    })());
});

self.addEventListener('message', (event) => {
    const m = event.data || {};
    if (m.type === 'skipWaiting') self.skipWaiting();
    else if (m.type === 'build' && event.ports && event.ports[0]) event.ports[0].postMessage({ build: BUILD });
});

async function fromCache(name, request) {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(abs(name));
    if (hit) return hit;
    // Not cached yet (the lazy font, or a cache the browser evicted): this build's copy from the network.
    try {
        const res = await fetchOwn(name);
        if (MANIFEST.files[name] || BUILD === 'dev') await cache.put(abs(name), res.clone());
        return res;
    } catch (e) {
        return Response.error();
    }
}

async function navigate(event) {
    const reg = self.registration;
    // A reload of the last page of the old build, with the new build installed and waiting: switch now, and
    // have the browser load the page again, this time entirely from the new build.
    if (reg.waiting) {
        const open = await self.clients.matchAll({ type: 'window' });
        if (open.length <= 1) {
            // The new worker cannot activate while this one still handles an event (this very navigation), so it
            // is not awaited here: that would stall until a timeout. A small page answers at once and loads the app
            // again as soon as the new worker has taken over (controllerchange), or after 4 s at the latest.
            reg.waiting.postMessage({ type: 'skipWaiting' });
            // The take-over may also have happened before the page's script runs: then no worker is waiting any more.
            return new Response('<!doctype html><meta charset="utf-8"><title>GridStar</title><script>' +
                'var sw=navigator.serviceWorker,done=false;function go(){if(!done){done=true;location.reload();}}' +
                'sw.addEventListener("controllerchange",go);setTimeout(go,4000);' +
                '(function poll(){sw.getRegistration().then(function(r){if(!r||!r.waiting)go();else setTimeout(poll,100);},go);})();' +
                '</script>', {
                headers: { 'content-type': 'text/html; charset=utf-8' },
            });
        }
    }
    return fromCache('index.html', event.request);
}

self.addEventListener('fetch', (event) => {
    const req = event.request;
    if (req.method !== 'GET') return;
    const name = nameOf(req.url);
    if (name === null) return;
    if (req.mode === 'navigate') {
        if (name === '' || name === 'index.html') event.respondWith(navigate(event));
        return;
    }
    if (CORE.includes(name) || LAZY.includes(name)) event.respondWith(fromCache(name, req));
    // Anything else (?data= files, sw.js itself) goes to the network as usual.
});
