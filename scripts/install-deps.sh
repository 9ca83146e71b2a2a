#!/usr/bin/env bash
# Installs what Showroom needs on Debian (bookworm): C libraries, nginx, wrk, the browser
# for the browser tests, and the Python test tools. Quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  libfcgi-dev libfcgi-bin        # FastCGI (2.4.2-2+deb12u1 carries the CVE-2025-23016 fix)
  nginx-light                    # the web server in front
  libsqlite3-dev                 # SQLite for GRDB
  libmagic-dev                   # document types from content
  libsodium-dev                  # argon2id passwords, random tokens, SHA-256
  libssl-dev                     # libcrypto: fast SHA-256 of uploaded documents
  pkg-config
  wrk                            # the benchmark
  chromium chromium-driver       # browser tests
  poppler-utils                  # pdftotext for PDF assertions
  python3-pip
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! python3 -c 'import selenium, aiosmtpd, pytest, requests' 2>/dev/null; then
  # Debian's own python3 is "externally managed"; these are test tools, not system packages.
  PIP_BREAK_SYSTEM_PACKAGES=1 PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q -r Tests/e2e/requirements.txt
fi
