#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs check-dit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh" check-dit
