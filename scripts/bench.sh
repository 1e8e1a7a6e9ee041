#!/usr/bin/env bash
# Prints measured figures, one `name: value unit` a line (the README quotes them). Not a test: nothing here fails
# on a number. Scale datasets are generated into build/bench-data/ on first use (about a minute each).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
"$ROOT/scripts/setup.sh" bench >&2
"$ROOT/scripts/build.sh" native web webbench >&2
DATA="$ROOT/build/bench-data"
mkdir -p "$DATA"
gen() { # file args...
    local file="$1"; shift
    [ -f "$DATA/$file" ] || node tools/gen_sample/gen.mjs "$@" --out "$DATA/$file" >&2
}
gen laoshan-100000act.json --activities 100000
gen laoshan-x10.json --scale 10
gen jiujiang.json --district jiujiang
[ -f "$DATA/ranking-10k.json" ] || node bench/web/gen_ranking.mjs --out "$DATA/ranking-10k.json" >&2

echo "# native (g++ -O3, $(nproc) cores)"
build/native/bench_load sample=assets/sample/laoshan.json 100k="$DATA/laoshan-100000act.json" 10x="$DATA/laoshan-x10.json"
for b in build/native/bench_map build/native/bench_timeline build/native/bench_ranking; do
    [ -x "$b" ] && "$b"
done
echo "# browser (headless Chromium, software WebGL): the app, then the same core benchmarks compiled to wasm (web_*)"
node bench/web/bench_web.mjs --data 100k="$DATA/laoshan-100000act.json" --data 10x="$DATA/laoshan-x10.json" --frames 10x \
    --ranking "$DATA/ranking-10k.json"
