#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages: a FerretDB build (the MongoDB-wire
# server the store contract tests run against), Debian's chromium (web chat and card tests) and
# hadolint (the Dockerfile lint).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${MONGODB_URI:-}" ]; then
  bash scripts/ensure-ferretdb.sh >/dev/null || { echo "ensure-test-deps: FerretDB could not be built (see above)" >&2; [ "${CI:-}" = "true" ] && exit 1; }
fi
bash scripts/ensure-chromium.sh >/dev/null || { echo "ensure-test-deps: chromium is not available" >&2; [ "${CI:-}" = "true" ] && exit 1; }
bash scripts/ensure-hadolint.sh >/dev/null || { echo "ensure-test-deps: hadolint could not be fetched (the Dockerfile lint is skipped)" >&2; [ "${CI:-}" = "true" ] && exit 1; }
exit 0
