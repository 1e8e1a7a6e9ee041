#!/usr/bin/env python3
"""Stamps a built web app with its build id (run by CMake after every link of `gridstar`).

The build id is a hash of what the page loads (gridstar.wasm, .js, .data, the page, the wide font, the manifest
and icon). It goes into index.html (<meta name="gridstar-build">) and into sw.js together with the SHA-256 of every
file, so each build is a new service worker with its own cache, and install can refuse a half-deployed server.

    stamp_sw.py --web-dir build/web [--template web/static/sw.js]
"""
import argparse
import hashlib
import json
import os
import re
import sys

FILES = ['gridstar.wasm', 'gridstar.js', 'gridstar.data', 'index.html', 'gridstar-wide.ttf',
         'manifest.webmanifest', 'icon.svg']
META = re.compile(r'(<meta name="gridstar-build" content=")[^"]*(")')
MANIFEST = re.compile(r'/\*GS-MANIFEST\*/.*?/\*GS-MANIFEST-END\*/', re.S)


def sha256(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            h.update(block)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--web-dir', required=True)
    ap.add_argument('--template', default=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'static', 'sw.js'))
    args = ap.parse_args()
    d = args.web_dir
    present = [f for f in FILES if os.path.isfile(os.path.join(d, f))]
    missing = [f for f in ('gridstar.wasm', 'gridstar.js', 'gridstar.data', 'index.html') if f not in present]
    if missing:
        sys.exit('stamp_sw.py: missing in %s: %s' % (d, ', '.join(missing)))

    index_path = os.path.join(d, 'index.html')
    with open(index_path, encoding='utf-8') as f:
        index = f.read()
    if not META.search(index):
        sys.exit('stamp_sw.py: index.html has no <meta name="gridstar-build" content="...">')
    # The id covers the page as written by the build (its meta blanked), so restamping gives the same id.
    h = hashlib.sha256()
    for name in present:
        if name == 'index.html':
            h.update(META.sub(r'\1\2', index).encode('utf-8'))
        else:
            h.update(sha256(os.path.join(d, name)).encode())
        h.update(name.encode())
    build = h.hexdigest()[:16]

    index = META.sub(lambda m: m.group(1) + build + m.group(2), index)
    with open(index_path, 'w', encoding='utf-8') as f:
        f.write(index)

    files = {name: sha256(os.path.join(d, name)) for name in present}
    with open(args.template, encoding='utf-8') as f:
        sw = f.read()
    manifest = '/*GS-MANIFEST*/ ' + json.dumps({'build': build, 'files': files}, indent=None) + ' /*GS-MANIFEST-END*/'
    sw, n = MANIFEST.subn(lambda m: manifest, sw)
    if n != 1:
        sys.exit('stamp_sw.py: the template has no /*GS-MANIFEST*/ ... /*GS-MANIFEST-END*/ block')
    with open(os.path.join(d, 'sw.js'), 'w', encoding='utf-8') as f:
        f.write(sw)
    print('GridStar build %s (%d files) stamped into %s' % (build, len(files), d))


if __name__ == '__main__':
    main()
