#!/usr/bin/env bash
# Builds what the other scripts need. `build.sh web` -> build/web; `build.sh native` -> build/native (tests, benches).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export NODE_PATH=/usr/share/nodejs
JOBS="${GRIDSTAR_JOBS:-$(nproc)}"
for what in "$@"; do
    case "$what" in
    web)
        if [ ! -f build/wasm/build.ninja ]; then
            emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release -DGS_WEB_OUT="$ROOT/build/web" >/dev/null
        fi
        cmake --build build/wasm --target gridstar hello_imgui_ref -j"$JOBS"
        ;;
    webbench)
        # The core benchmarks as wasm, for bench/web/bench_web.mjs (needs the web build's configure step).
        [ -f build/wasm/build.ninja ] || "$0" web
        cmake --build build/wasm --target bench_map bench_timeline bench_ranking -j"$JOBS"
        ;;
    native)
        if [ ! -f build/native/build.ninja ]; then
            cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release -DGRIDSTAR_APP=OFF >/dev/null
        fi
        cmake --build build/native -j"$JOBS"
        ;;
    *) echo "build.sh: unknown target $what" >&2; exit 2 ;;
    esac
done
