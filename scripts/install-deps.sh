#!/usr/bin/env bash
# Installs every Debian and npm dependency examens needs that is missing.
# Idempotent: a no-op (no apt, no network) when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libboost1.81-dev libboost-url1.81-dev libboost-json1.81-dev
  libsoci-dev libsqlite3-dev libpq-dev postgresql-15 sqlite3
  libkainjow-mustache-dev libsodium-dev libhowardhinnant-date-dev tzdata
  libcurl4-openssl-dev libcairo2-dev libpango1.0-dev libqrencode-dev libmagic-dev
  libbrotli-dev zlib1g-dev
  libtcmalloc-minimal4  # the server's allocator (docs/decisions/0026-allocator.md)
  fonts-dejavu-core poppler-utils zbar-tools iso-codes python3
  clamav-daemon
  nginx-light  # the cluster test and make bench start their own, on loopback
  libgtest-dev googletest
  clang libclang-rt-14-dev  # the fuzz build (tests/fuzz): clang and its libFuzzer runtime
  chromium
)
# Node.js 20 may come from outside Debian (as on our CI image); Debian's nodejs/npm
# only when no node is present, since they conflict with such an install.
command -v node >/dev/null 2>&1 || DEBIAN_PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || DEBIAN_PACKAGES+=(npm)

missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # clamav-daemon is for the tests, which start their own clamd with a local signature:
  # its service and freshclam (which would download signatures) must not start. Nor must
  # nginx's, which would listen on port 80 of every address.
  policy=""
  if [[ " ${missing[*]} " =~ " "(clamav-daemon|nginx-light)" " ]] && [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\ncase "$1" in clamav-*|nginx) exit 101;; esac\nexit 0\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod 755 "$policy"
    trap '$SUDO rm -f "$policy"' EXIT
  fi
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  if [ -n "$policy" ]; then
    $SUDO rm -f "$policy"
    if [ -d /run/systemd/system ]; then
      $SUDO systemctl disable --quiet clamav-daemon.service clamav-daemon.socket \
        clamav-freshclam.service nginx.service 2>/dev/null || true
    fi
  fi
fi

# npm packages from the committed lock file; skipped when node_modules matches it.
if [ -f package-lock.json ]; then
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "install-deps: npm ci"
    DSFR_ACCEPT_LICENSE=1 npm ci --no-audit --no-fund --loglevel=error
  fi
fi
