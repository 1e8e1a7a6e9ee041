#!/usr/bin/env python3
"""Writes the portable GridStar: ONE self-contained .html that runs when opened from disk (file://, double-click).

It is made from a finished web build, without compiling or linking again: the page (index.html, our shell), the
wasm and the data package gridstar.data (core font + sample) go into the page as base64, and the Emscripten script is inlined.
At start-up (shell.html calls gsPortable.start) the wasm is instantiated from the page (Module.instantiateWasm,
which keeps the compiled module for the parser warm-up) and the data package handed over as Module.gsDataPackage
(web/pre.js), so nothing is fetched. The service worker and the web manifest
are left out (neither works from file://). With --wide-font the font for rare characters is inlined too (~9 MB
more); without it, rare characters in a loaded dataset show as placeholders.

    make_portable.py --web-dir build/web --out build/portable/gridstar.html [--wide-font]
"""
import argparse
import base64
import os
import re
import sys

BOOT = r"""<script>
// Portable GridStar (tools/portable/make_portable.py): everything below was inlined from build %(build)s.
window.gsPortable = {
  build: '%(build)s',
  take: function (id) {
    var el = document.getElementById(id);
    if (!el) return null;
    var bin = atob(el.textContent.replace(/\s+/g, ''));
    el.parentNode.removeChild(el); // let the base64 text go
    var n = bin.length, out = new Uint8Array(n);
    for (var i = 0; i < n; i++) out[i] = bin.charCodeAt(i);
    return out;
  },
  start: function (Module) {
    var wasm = this.take('gs-wasm');
    Module.instantiateWasm = function (imports, receive) {
      WebAssembly.instantiate(wasm, imports).then(function (r) {
        Module.gsWasmModule = r.module; // web/api.js's parser warm-up instantiates it again in a worker
        wasm = null;
        receive(r.instance, r.module);
      }).catch(function (e) { Module.onAbort && Module.onAbort(String(e)); });
      return {};
    };
    Module.gsDataPackage = this.take('gs-data').buffer; // read by web/pre.js instead of fetching gridstar.data
    var wide = this.take('gs-wide');
    if (wide) {
      // The app fetches the wide font on demand; answer that fetch from the page itself.
      var fetch0 = window.fetch.bind(window);
      window.fetch = function (what, opts) {
        if (typeof what === 'string' && /(^|\/)gridstar-wide\.ttf$/.test(what)) return Promise.resolve(new Response(wide));
        return fetch0(what, opts);
      };
    }
    var code = document.getElementById('gs-app-js');
    var s = document.createElement('script');
    s.textContent = code.textContent;
    code.parentNode.removeChild(code);
    document.body.appendChild(s);
  },
};
</script>
"""


def b64_block(element_id, path):
    with open(path, 'rb') as f:
        data = base64.b64encode(f.read()).decode('ascii')
    lines = '\n'.join(data[i:i + 4096] for i in range(0, len(data), 4096))
    return '<script type="application/octet-stream" id="%s">\n%s\n</script>\n' % (element_id, lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--web-dir', required=True, help='a finished web build (index.html, gridstar.js/.wasm/.data)')
    ap.add_argument('--out', required=True)
    ap.add_argument('--wide-font', action='store_true', help='inline gridstar-wide.ttf as well')
    args = ap.parse_args()
    d = args.web_dir
    need = ['index.html', 'gridstar.js', 'gridstar.wasm', 'gridstar.data'] + (['gridstar-wide.ttf'] if args.wide_font else [])
    for n in need:
        if not os.path.isfile(os.path.join(d, n)):
            sys.exit('make_portable.py: %s not found in %s (build the web app first)' % (n, d))

    with open(os.path.join(d, 'index.html'), encoding='utf-8') as f:
        page = f.read()
    with open(os.path.join(d, 'gridstar.js'), encoding='utf-8') as f:
        app = f.read()
    m = re.search(r'<meta name="gridstar-build" content="([^"]*)"', page)
    build = m.group(1) if m else 'dev'

    # Inside <script> nothing may close the element or open an HTML comment; in JS strings, regexps and comments
    # "<\/" and "<\!--" mean the same as what they replace.
    app = re.sub(r'</(script)', r'<\\/\1', app, flags=re.I).replace('<!--', '<\\!--')
    page = re.sub(r'\s*<link rel="manifest"[^>]*>', '', page)
    page = page.replace('<title>网格·争星 GridStar</title>', '<title>网格·争星 GridStar（便携版 / portable）</title>')

    payload = (b64_block('gs-wasm', os.path.join(d, 'gridstar.wasm'))
               + b64_block('gs-data', os.path.join(d, 'gridstar.data'))
               + (b64_block('gs-wide', os.path.join(d, 'gridstar-wide.ttf')) if args.wide_font else '')
               + '<script type="text/plain" id="gs-app-js">\n' + app + '\n</script>\n'
               + BOOT % {'build': build})
    # The payload goes right before the shell's own script, which calls gsPortable.start().
    at = page.find('<script>')
    if at < 0:
        sys.exit('make_portable.py: no <script> in index.html')
    page = page[:at] + payload + page[at:]

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write(page)
    os.replace(tmp, args.out)
    print('portable GridStar (build %s): %s, %.1f MB' % (build, args.out, os.path.getsize(args.out) / 1048576))


if __name__ == '__main__':
    main()
