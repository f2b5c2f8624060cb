#!/usr/bin/env bash
# Ensure a Chromium browser is installed (needed by browser tests).
# Idempotent: exits 0 at once when chromium is already there.
# Prints the chromium path as its last stdout line.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [[ -x "$CHROMIUM" ]]; then
  echo "$CHROMIUM"
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
  echo "chromium is not installed at $CHROMIUM and this script is not running as root." >&2
  echo "Install it yourself, e.g.: sudo apt-get install -y chromium fonts-liberation" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "installing chromium with apt-get (this may take a minute)..." >&2
apt-get update -qq >&2

pkgs=(chromium)
# Fonts make screenshots readable; add them only when the archive has them.
if apt-cache show fonts-liberation >/dev/null 2>&1; then
  pkgs+=(fonts-liberation)
fi
apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >&2

if [[ ! -x "$CHROMIUM" ]]; then
  echo "apt-get finished but $CHROMIUM is missing" >&2
  exit 1
fi
echo "$CHROMIUM"
