#!/usr/bin/env bash
# Installs what is missing, builds the web app and serves it at http://127.0.0.1:8080/ (--port N to change).
#   --portable   instead writes ONE self-contained build/portable/gridstar.html (wasm, core font and sample inlined)
#                that runs when opened from disk by double-click (file://); add --wide-font to inline the font for
#                rare characters too (~12 MB more).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PORT=8080
PORTABLE=0
WIDE=""
while [ $# -gt 0 ]; do
    case "$1" in
    --port) PORT="$2"; shift 2 ;;
    --port=*) PORT="${1#--port=}"; shift ;;
    --portable) PORTABLE=1; shift ;;
    --wide-font) WIDE="--wide-font"; shift ;;
    *) echo "usage: scripts/run.sh [--port N] | --portable [--wide-font]" >&2; exit 2 ;;
    esac
done
"$ROOT/scripts/setup.sh" web
"$ROOT/scripts/build.sh" web
if [ "$PORTABLE" = 1 ]; then
    python3 "$ROOT/tools/portable/make_portable.py" --web-dir "$ROOT/build/web" --out "$ROOT/build/portable/gridstar.html" $WIDE
    echo "Open build/portable/gridstar.html by double-click (or copy it to a USB stick): no server needed."
    exit 0
fi
exec node "$ROOT/scripts/serve.mjs" "$ROOT/build/web" --port "$PORT"
