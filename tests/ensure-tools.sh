#!/usr/bin/env bash
# What `make test` needs besides Python, make and git, got before anything else runs:
# Debian's Chromium for the browser tests, Node.js 18 or newer and npm for the accessibility
# engines, and the npm packages that package-lock.json pins. Missing system packages are
# installed with apt-get when this user may (root, or sudo without a password); otherwise the
# script stops at once with one line saying what to install. Nothing is ever skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

node_ok() {
  command -v node >/dev/null && node -e 'process.exit(parseInt(process.versions.node) < 18 ? 1 : 0)'
}

lacking() {
  missing=()
  command -v chromium >/dev/null || command -v chromium-browser >/dev/null || missing+=(chromium)
  node_ok || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
}

stop() {  # one line: what is missing, then what to do (the arguments)
  local need
  printf -v need "%s, " "${missing[@]/nodejs/nodejs (18 or newer)}"
  echo "make test cannot start: this machine lacks ${need%, }. $*" >&2
  exit 1
}

lacking
if ((${#missing[@]})); then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    as_root=(none)
  fi
  if [ "${as_root[*]}" = none ] || ! command -v apt-get >/dev/null; then
    stop "Install what is missing (on Debian: sudo apt-get install ${missing[*]})" \
      "and run make test again."
  fi
  echo "Installing: ${missing[*]}"
  "${as_root[@]}" apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
  lacking
  if ((${#missing[@]})); then
    stop "apt-get did not provide it: install it another way and run make test again."
  fi
fi

# npm ci only when package.json or package-lock.json is newer than the last install.
# --ignore-scripts: puppeteer's install script downloads a browser of its own, which cannot
# work here; the tests launch Debian's Chromium instead.
stamp=node_modules/.installed
if [ ! -e "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]
then
  npm ci --ignore-scripts --no-audit --no-fund
  touch "$stamp"
fi
