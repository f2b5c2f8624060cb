#!/usr/bin/env bash
# `npm run eval -- --classifier llm` against a real OpenAI-compatible server: llama.cpp's
# llama-server with SmolLM2-135M-Instruct (built/fetched once by scripts/ensure-llama-server.sh),
# started on a free 127.0.0.1 port (one thread by default: LLAMA_THREADS; one slot) and stopped afterwards.
#
#   scripts/eval-real-model.sh                                   # the sample, one report at a time
#   scripts/eval-real-model.sh --data my-labelled.jsonl
#
# Another model or server needs no script: set OPENAI_BASE_URL and OPENAI_MODEL (see README) and
# run `npm run eval -- --data FILE --classifier llm`. LLAMA_MODEL=/path/to/other.gguf swaps the
# GGUF served here (the name sent is then the file's name without .gguf).
set -euo pipefail
cd "$(dirname "$0")/.."

paths="$(bash scripts/ensure-llama-server.sh | tail -n 2)"
BIN="$(sed -n 1p <<<"$paths")"
MODEL="${LLAMA_MODEL:-$(sed -n 2p <<<"$paths")}"
[[ -x "$BIN" && -f "$MODEL" ]] || { echo "eval-real-model: llama-server or model missing ($BIN, $MODEL)" >&2; exit 1; }
NAME="$(basename "$MODEL" .gguf)"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
log="$(mktemp)"
"$BIN" --model "$MODEL" --alias "$NAME" --host 127.0.0.1 --port "$port" --threads "${LLAMA_THREADS:-1}" --threads-batch "${LLAMA_THREADS:-1}" \
  --ctx-size "${LLAMA_CTX:-4096}" --parallel 1 --seed 42 >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"' EXIT

for _ in $(seq 1 240); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { tail -n 5 "$log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/health" >/dev/null || { echo "eval-real-model: llama-server not healthy in 120 s" >&2; exit 1; }
echo "eval-real-model: llama-server on 127.0.0.1:$port serving $NAME" >&2

args=("$@")
[[ " ${args[*]-} " == *" --data "* ]] || args+=(--data test/fixtures/sample-reports.jsonl)
[[ " ${args[*]-} " == *" --concurrency "* ]] || args+=(--concurrency 1)
OPENAI_BASE_URL="http://127.0.0.1:$port/v1" OPENAI_MODEL="$NAME" OPENAI_API_KEY="" \
  LLM_TIMEOUT_MS="${LLM_TIMEOUT_MS:-120000}" LLM_MAX_RETRIES=0 LLM_BREAKER_FAILURES=100 \
  npx tsx --no-deprecation src/cli/eval.ts --classifier llm "${args[@]}"
