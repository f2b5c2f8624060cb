#!/usr/bin/env bash
# Build (once) the FerretDB v1.24.2 test server from scripts/ferretdb-wrapper/
# into a cache directory outside git, and print the binary's absolute path
# as the LAST stdout line. Fast no-op when the cached binary is up to date.
#
#   FERRETDB=$(scripts/ensure-ferretdb.sh | tail -n1)
#   "$FERRETDB" -listen 127.0.0.1:27018 -sqlite-dir "$(mktemp -d)"
#   # -> prints "ready mongodb://127.0.0.1:27018/" once it accepts connections
#
# Why a wrapper: `go install .../cmd/ferretdb@v1.24.2` builds a binary that
# panics at start (build/version/version.txt is not shipped in the module).
set -euo pipefail

SRC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/ferretdb-wrapper" && pwd)"
CACHE_DIR="${FERRETDB_CACHE:-$HOME/.cache/clinician-feedback-bot/ferretdb-v1.24.2}"
BIN="$CACHE_DIR/ferretdb"
STAMP="$CACHE_DIR/ferretdb.src-sha256"

# Rebuild whenever the wrapper sources change.
src_hash="$(cd "$SRC_DIR" && cat go.mod go.sum main.go | sha256sum | cut -d' ' -f1)"

if [[ -x "$BIN" && -f "$STAMP" && "$(cat "$STAMP")" == "$src_hash" ]]; then
  echo "$BIN"
  exit 0
fi

command -v go >/dev/null || { echo "go is required to build FerretDB" >&2; exit 1; }
mkdir -p "$CACHE_DIR"

echo "building FerretDB v1.24.2 into $CACHE_DIR (first time takes several minutes)..." >&2
export GOTOOLCHAIN=local   # never try to download another Go toolchain
export GOFLAGS=-mod=mod    # tolerate a go.sum that lacks entries
export CGO_ENABLED=0       # SQLite backend is pure Go (modernc.org/sqlite)
tmp_bin="$BIN.tmp.$$"
trap 'rm -f "$tmp_bin"' EXIT
# ferretdb_no_postgresql: only the SQLite backend is needed, which trims the build.
(cd "$SRC_DIR" && go build -trimpath -tags ferretdb_no_postgresql -ldflags '-s -w' -o "$tmp_bin" .) >&2
mv -f "$tmp_bin" "$BIN"   # atomic, so a concurrent run never sees half a binary
echo "$src_hash" > "$STAMP"

echo "$BIN"
