#!/usr/bin/env bash
# Installs what the tests need, builds native and web, runs every test: Catch2 for the core, then the browser
# tests against build/web in headless Chromium. Ends with one line "N passed, N failed"; exit 0 only if all pass.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
"$ROOT/scripts/setup.sh" test || { echo "0 passed, 1 failed"; exit 1; }
"$ROOT/scripts/build.sh" native web || { echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
mkdir -p build/test-artifacts

# ---- core (Catch2): one line per test case with -r compact is too chatty; count from the summary ----
echo "== core tests (Catch2)"
core_out="$(build/native/gridstar_tests 2>&1)"
core_rc=$?
echo "$core_out" > build/test-artifacts/core.log
echo "$core_out" | tail -n 15
if echo "$core_out" | grep -q "All tests passed"; then
    n=$(echo "$core_out" | sed -n 's/.*All tests passed ([0-9]* assertions* in \([0-9]*\) test cases*).*/\1/p' | tail -n1)
    passed=$((passed + ${n:-0}))
else
    p=$(echo "$core_out" | sed -n 's/^test cases: *[0-9]* | *\([0-9]*\) passed.*/\1/p' | tail -n1)
    f=$(echo "$core_out" | sed -n 's/^test cases:.*| *\([0-9]*\) failed.*/\1/p' | tail -n1)
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-1}))
fi
if [ $core_rc -ne 0 ] && [ "$failed" -eq 0 ]; then failed=$((failed + 1)); fi

# ---- browser (playwright-core + Debian chromium) ----
echo "== browser tests (headless Chromium)"
GS_WEB_DIR="$ROOT/build/web" node tests/browser/run.mjs 2>&1 | tee build/test-artifacts/browser.log
browser_rc=${PIPESTATUS[0]}
browser_out="$(cat build/test-artifacts/browser.log)"
bp=$(echo "$browser_out" | sed -n 's/^browser: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
bf=$(echo "$browser_out" | sed -n 's/^browser: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
passed=$((passed + ${bp:-0}))
failed=$((failed + ${bf:-1}))
if [ $browser_rc -ne 0 ] && [ "${bf:-1}" -eq 0 ]; then failed=$((failed + 1)); fi

# ---- the main checks again in Firefox ESR (puppeteer-core over WebDriver BiDi, under Xvfb for WebGL) ----
echo "== browser tests (Firefox ESR)"
GS_WEB_DIR="$ROOT/build/web" node tests/browser/firefox_smoke.mjs 2>&1 | tee build/test-artifacts/firefox.log
firefox_rc=${PIPESTATUS[0]}
fp=$(sed -n 's/^firefox: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' build/test-artifacts/firefox.log)
ff=$(sed -n 's/^firefox: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' build/test-artifacts/firefox.log)
passed=$((passed + ${fp:-0}))
failed=$((failed + ${ff:-1}))
if [ $firefox_rc -ne 0 ] && [ "${ff:-1}" -eq 0 ]; then failed=$((failed + 1)); fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
