#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs check-dit,
# and closes with one "N passed, M failed" line.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
"$root/scripts/build.sh" check-dit 2>&1 | tee "$log" || status=$?
passed=$(grep -oE '^ +Passed: +[0-9]+' "$log" | grep -oE '[0-9]+' || true)
failed=$(grep -oE '^ +Failed: +[0-9]+' "$log" | grep -oE '[0-9]+' || true)
if [ -z "$passed$failed" ]; then
  echo "check-dit ran no test (exit $status)"
  exit $(( status == 0 ? 1 : status ))
fi
echo "${passed:-0} passed, ${failed:-0} failed"
exit "$status"
