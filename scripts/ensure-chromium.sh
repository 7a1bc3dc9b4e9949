#!/usr/bin/env bash
# Playwright cannot download browsers here: the suite drives Debian's chromium.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium_path" ]; then exit 0; fi
if [ "$(id -u)" = 0 ]; then apt_get="apt-get"; elif command -v sudo >/dev/null; then apt_get="sudo apt-get"; else
  echo "chromium is missing at $chromium_path; install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH" >&2
  exit 1
fi
echo "Installing Debian's chromium for the browser tests..."
$apt_get update -qq
DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq chromium >/dev/null
