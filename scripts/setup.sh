#!/usr/bin/env bash
# Installs everything GridStar needs from Debian packages and npm, idempotently.
# Heavy third-party builds (SDL2 for Emscripten) are cached outside the repo in $GRIDSTAR_CACHE.
#   setup.sh web    -> what building the web app needs
#   setup.sh test   -> web + native tests + browser tests
set -euo pipefail
MODE="${1:-web}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${GRIDSTAR_CACHE:-$HOME/.cache/gridstar}"
mkdir -p "$CACHE"
log() { printf '[setup] %s\n' "$*" >&2; }

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

need_pkgs=(emscripten nodejs nlohmann-json3-dev fonts-noto-cjk fonttools cmake ninja-build dpkg-dev python3)
if [ "$MODE" = test ] || [ "$MODE" = bench ]; then
    need_pkgs+=(catch2 chromium g++)
fi
if [ "$MODE" = test ]; then
    # Firefox ESR for tests/browser/firefox_smoke.mjs; headless Firefox has no WebGL, so it runs on Xvfb.
    need_pkgs+=(firefox-esr xvfb xauth)
fi
missing=()
for p in "${need_pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# deb-src entry so that `apt-get source` works (ImGui 1.86 and SDL2 2.26.5 sources).
SRC_LIST=/etc/apt/sources.list.d/gridstar-debian-src.sources
add_deb_src() {
    if grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ 2>/dev/null || grep -qs '^deb-src' /etc/apt/sources.list 2>/dev/null; then
        return 1
    fi
    log "adding deb-src entry $SRC_LIST"
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | $SUDO tee "$SRC_LIST" >/dev/null
    return 0
}

need_update=0
if add_deb_src; then need_update=1; fi
if [ ${#missing[@]} -gt 0 ]; then need_update=1; fi
if [ ! -d "$CACHE/src/imgui" ] || [ ! -d "$CACHE/src/sdl2" ]; then
    if [ ! -f "$CACHE/.apt-updated" ]; then need_update=1; fi
fi
if [ "$need_update" = 1 ]; then
    log "apt-get update"
    $SUDO apt-get update -qq
    touch "$CACHE/.apt-updated"
fi
if [ ${#missing[@]} -gt 0 ]; then
    log "installing: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- third-party sources, outside the repo ---------------------------------------------------
fetch_source() { # name pkg
    local name="$1" pkg="$2"
    if [ -d "$CACHE/src/$name" ]; then return; fi
    log "apt-get source $pkg"
    rm -rf "$CACHE/src/tmp-$name" && mkdir -p "$CACHE/src/tmp-$name"
    (cd "$CACHE/src/tmp-$name" && apt-get source -qq "$pkg" >/dev/null 2>&1 || apt-get source "$pkg")
    local dir
    dir="$(find "$CACHE/src/tmp-$name" -mindepth 1 -maxdepth 1 -type d | head -n1)"
    mv "$dir" "$CACHE/src/$name"
    rm -rf "$CACHE/src/tmp-$name"
}
mkdir -p "$CACHE/src"
fetch_source imgui imgui
fetch_source sdl2 libsdl2

export NODE_PATH=/usr/share/nodejs

# --- SDL2 built for Emscripten, installed into a cached prefix --------------------------------
# Lean: only what the app uses (video with WebGL through EGL, events, timers). No audio, renderer, joystick,
# haptic, sensors, power, locale, misc, filesystem or loadso, no offscreen/dummy video drivers, no software
# blitters (SDL_LEAN_AND_MEAN), no assertions, -Oz. This cut SDL's share of the wasm from ~300 KB to ~70 KB.
# The prefix name carries the configuration, so a cache built with another configuration is never reused.
SDL_PREFIX="$CACHE/sdl2-wasm-lean"
if [ ! -f "$SDL_PREFIX/lib/libSDL2.a" ]; then
    log "building SDL2 for Emscripten (first time only, several minutes)"
    rm -rf "$CACHE/sdl2-build"
    emcmake cmake -S "$CACHE/src/sdl2" -B "$CACHE/sdl2-build" -G Ninja \
        -DCMAKE_BUILD_TYPE=Release -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF \
        -DSDL_AUDIO=OFF -DSDL_RENDER=OFF -DSDL_JOYSTICK=OFF -DSDL_HAPTIC=OFF -DSDL_HIDAPI=OFF -DSDL_POWER=OFF \
        -DSDL_SENSOR=OFF -DSDL_LOCALE=OFF -DSDL_MISC=OFF -DSDL_FILESYSTEM=OFF -DSDL_LOADSO=OFF \
        -DSDL_OFFSCREEN=OFF -DSDL_DUMMYVIDEO=OFF -DSDL_DISKAUDIO=OFF -DSDL_DUMMYAUDIO=OFF -DSDL_ASSERTIONS=disabled \
        "-DCMAKE_C_FLAGS=-DSDL_LEAN_AND_MEAN=1" "-DCMAKE_C_FLAGS_RELEASE=-Oz -DNDEBUG" \
        -DCMAKE_INSTALL_PREFIX="$SDL_PREFIX" >"$CACHE/sdl2-configure.log" 2>&1 \
        || { tail -n 40 "$CACHE/sdl2-configure.log"; exit 1; }
    cmake --build "$CACHE/sdl2-build" -j"$(nproc)" >"$CACHE/sdl2-build.log" 2>&1 \
        || { tail -n 40 "$CACHE/sdl2-build.log"; exit 1; }
    cmake --install "$CACHE/sdl2-build" >/dev/null
    rm -rf "$CACHE/sdl2-build"
fi

# --- npm tooling (browser tests, sample generator inputs) -------------------------------------
if [ "$MODE" = test ] || [ "$MODE" = bench ] || [ "$MODE" = gen ]; then
    if [ ! -d "$ROOT/node_modules/playwright-core" ] || [ ! -d "$ROOT/node_modules/puppeteer-core" ]; then
        log "npm install"
        (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    fi
fi
log "ok (cache: $CACHE)"
