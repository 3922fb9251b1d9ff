#!/usr/bin/env bash
# Brings a supported Node.js (>= 22) and pnpm into .tools/ when the machine lacks them,
# using only the npm registry (the `node-<os>-<arch>` packages ship the official binary).
# Source it: `. scripts/bootstrap.sh` puts .tools/bin-<major> first on PATH.
# MAGNUM_TS_NODE_MAJOR=24 selects Node 24 (CI runs the suite on 22 and 24).
# Sourced: it must not change the caller's shell options, so failures return explicitly.
_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
_tools="${MAGNUM_TS_TOOLS:-$_root/.tools}"
_major="${MAGNUM_TS_NODE_MAJOR:-22}"
# Exact versions so every machine runs the same binaries.
case "$_major" in
  22) _node_version=22.23.3 ;;
  24) _node_version=24.9.0 ;;
  *) echo "bootstrap: unsupported MAGNUM_TS_NODE_MAJOR=$_major (use 22 or 24)" >&2; return 2 2>/dev/null || exit 2 ;;
esac
_pnpm_version=10.34.8

# npm install into a prefix, three tries: a registry hiccup (a reset connection, a TLS error
# from a proxy) should not fail a fresh machine's setup.
_npm_install() {
  for _try in 1 2 3; do
    PATH=$_machine_path npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$1" "$2" >&2 && return 0
    [ "$_try" = 3 ] || { echo "bootstrap: npm install $2 failed (try $_try of 3), retrying" >&2; sleep $((_try * 5)); }
  done
  return 1
}

_os=$(uname -s | tr '[:upper:]' '[:lower:]')
case "$(uname -m)" in x86_64) _arch=x64 ;; aarch64|arm64) _arch=arm64 ;; *) _arch=$(uname -m) ;; esac

# The machine's own node and npm: looked up with our .tools dirs left out of PATH (a shell that
# already sourced this script has them first), the node resolved to the real binary. npm runs on
# the machine's node so that it reads the machine's npm configuration (its global npmrc).
_machine_path=$(printf '%s' "$PATH" | tr ':' '\n' | grep -v "^$_tools/" | paste -sd: -)
_system_node=$(PATH=$_machine_path command -v node 2>/dev/null || true)
[ -n "$_system_node" ] && _system_node=$(readlink -f "$_system_node" 2>/dev/null || true)
_system_major=0
if [ -n "$_system_node" ]; then _system_major=$("$_system_node" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0); fi

# One bin directory per Node major, so a shell on Node 24 never switches another one's node.
if [ "${MAGNUM_TS_NODE_MAJOR:-}" = "" ] && [ "$_system_major" -ge 22 ] && [ ! -x "$_tools/node-$_major/node_modules/node-$_os-$_arch/bin/node" ]; then
  _node_bin=$_system_node
  _bin="$_tools/bin-system"
else
  _bin="$_tools/bin-$_major"
  _node_bin="$_tools/node-$_major/node_modules/node-$_os-$_arch/bin/node"
  if [ ! -x "$_node_bin" ] || [ "$("$_node_bin" -v)" != "v$_node_version" ]; then
    echo "bootstrap: installing Node $_node_version from the npm registry (node-$_os-$_arch)" >&2
    _npm_install "$_tools/node-$_major" "node-$_os-$_arch@$_node_version" \
      || { echo "bootstrap: could not install node-$_os-$_arch@$_node_version" >&2; return 1 2>/dev/null || exit 1; }
  fi
fi
mkdir -p "$_bin"
ln -sf "$_node_bin" "$_bin/node"

_pnpm_js="$_tools/pnpm/node_modules/pnpm/bin/pnpm.cjs"
if [ ! -f "$_pnpm_js" ] || [ "$("$_node_bin" "$_pnpm_js" --version)" != "$_pnpm_version" ]; then
  echo "bootstrap: installing pnpm $_pnpm_version from the npm registry" >&2
  _npm_install "$_tools/pnpm" "pnpm@$_pnpm_version" \
    || { echo "bootstrap: could not install pnpm@$_pnpm_version" >&2; return 1 2>/dev/null || exit 1; }
fi
printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$_bin/node" "$_pnpm_js" > "$_bin/pnpm"
chmod +x "$_bin/pnpm"

# Our node binaries carry their own list of CAs. Where the machine's npm is set up to trust
# another bundle (a registry reached through a TLS-inspecting proxy), pnpm and the tests on our
# node trust it too.
if [ -z "${NODE_EXTRA_CA_CERTS:-}" ]; then
  _cafile=$(PATH=$_machine_path npm config get cafile 2>/dev/null || true)
  if [ -n "$_cafile" ] && [ "$_cafile" != null ] && [ -f "$_cafile" ]; then export NODE_EXTRA_CA_CERTS=$_cafile; fi
fi

export PATH="$_bin:$PATH"
export npm_config_update_notifier=false
echo "bootstrap: node $(node -v), pnpm $(pnpm --version)" >&2
