// A small static file server for build/web (run.sh and the browser tests). Serves .wasm as application/wasm
// and sends no caching headers, so a rebuilt app is always what loads.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
    '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
    '.wasm': 'application/wasm', '.data': 'application/octet-stream', '.json': 'application/json; charset=utf-8',
    '.otf': 'font/otf', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json', '.png': 'image/png',
    '.css': 'text/css; charset=utf-8',
};

export function serve(root, port, host = '127.0.0.1') {
    root = path.resolve(root);
    const server = http.createServer((req, res) => {
        let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
        if (rel.endsWith('/')) rel += 'index.html';
        const file = path.join(root, rel);
        if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
        fs.stat(file, (err, st) => {
            if (err || !st.isFile()) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); return; }
            res.writeHead(200, {
                'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
                'content-length': st.size, 'cache-control': 'no-cache',
            });
            fs.createReadStream(file).pipe(res);
        });
    });
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(server));
    });
}

if (import.meta.url === `file://${process.argv[1]}`) {
    const args = process.argv.slice(2);
    let port = 8080, root = 'build/web';
    for (let i = 0; i < args.length; i++) {
        if (args[i] === '--port') port = +args[++i];
        else root = args[i];
    }
    serve(root, port).then(() => console.log(`GridStar is served at http://127.0.0.1:${port}/  (Ctrl+C stops)`))
        .catch((e) => { console.error(`cannot serve on port ${port}: ${e.message}`); process.exit(1); });
}
