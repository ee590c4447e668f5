#!/usr/bin/env bash
# Installs the Node that Electron 45 runs main-process code on (the version in .nvmrc) from the
# npm registry's `node` package, which ships the binary, into .tools/node. Prints its bin folder.
# Every Node-side check runs on it: `export PATH="$(bash scripts/install-node.sh):$PATH"`.
set -euo pipefail
cd "$(dirname "$0")/.."
want="$(tr -d 'v \n' < .nvmrc)"
bin="$PWD/.tools/node/node_modules/node/bin"
if [ ! -x "$bin/node" ] || [ "$("$bin/node" --version)" != "v$want" ]; then
  rm -rf .tools/node
  mkdir -p .tools/node
  npm install --prefix .tools/node --no-audit --no-fund --no-save --loglevel=error "node@$want" >&2
fi
[ "$("$bin/node" --version)" = "v$want" ] || { echo "install-node: could not install Node $want" >&2; exit 1; }
echo "$bin"
