#!/usr/bin/env bash
# One-time, idempotent set-up of a fresh machine: pnpm, the workspace's packages, kubectl.
# Called by `npm run demo` and `npm test` (with --test: also what only the tests need: Debian's
# chromium, Node 24 and code-server for the VS Code e2e, a Node >= 22 for the client-node fidelity
# test; FLOKOA_E2E=0 skips that). Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v kubectl >/dev/null 2>&1 || need_apt+=(kubectl)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${need_apt[*]} from Debian's packages" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "setup: please install: ${need_apt[*]}" >&2
  fi
fi

want_pnpm=$(node -p "require('./package.json').packageManager.split('@')[1]")
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$want_pnpm" ]; then
  echo "setup: installing pnpm@$want_pnpm" >&2
  npm install -g --silent "pnpm@$want_pnpm" >/dev/null
fi

pnpm install --frozen-lockfile --reporter=silent

if [ "${1:-}" = "--test" ] && [ "${FLOKOA_E2E:-1}" != 0 ]; then
  bash packages/vscode-ext/e2e/setup.sh >/dev/null
fi
