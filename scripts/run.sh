#!/usr/bin/env bash
# Installs what is missing, builds the web app and serves it at http://127.0.0.1:8080/ (--port N to change).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PORT=8080
while [ $# -gt 0 ]; do
    case "$1" in
    --port) PORT="$2"; shift 2 ;;
    --port=*) PORT="${1#--port=}"; shift ;;
    *) echo "usage: scripts/run.sh [--port N]" >&2; exit 2 ;;
    esac
done
"$ROOT/scripts/setup.sh" web
"$ROOT/scripts/build.sh" web
exec node "$ROOT/scripts/serve.mjs" "$ROOT/build/web" --port "$PORT"
