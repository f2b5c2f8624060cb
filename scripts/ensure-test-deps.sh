#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages: a FerretDB build (the MongoDB-wire
# server the store contract tests run against), Debian's chromium (web chat and card tests) and
# hadolint (the Dockerfile lint); with LLM_REAL_MODEL_TESTS=1 (the default when CI=true) also
# llama.cpp's llama-server and a 135M GGUF model (test/e2e/llm-real-model.test.ts; the first build
# takes ~25-40 min on 2 cores, then it is cached).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${MONGODB_URI:-}" ]; then
  bash scripts/ensure-ferretdb.sh >/dev/null || { echo "ensure-test-deps: FerretDB could not be built (see above)" >&2; [ "${CI:-}" = "true" ] && exit 1; }
fi
bash scripts/ensure-chromium.sh >/dev/null || { echo "ensure-test-deps: chromium is not available" >&2; [ "${CI:-}" = "true" ] && exit 1; }
bash scripts/ensure-hadolint.sh >/dev/null || { echo "ensure-test-deps: hadolint could not be fetched (the Dockerfile lint is skipped)" >&2; [ "${CI:-}" = "true" ] && exit 1; }
if [ "${LLM_REAL_MODEL_TESTS:-$([ "${CI:-}" = "true" ] && echo 1 || echo 0)}" = "1" ]; then
  bash scripts/ensure-llama-server.sh >/dev/null || { echo "ensure-test-deps: llama-server could not be built (see above)" >&2; [ "${CI:-}" = "true" ] && exit 1; }
fi
exit 0
