#!/usr/bin/env bash
# What the suite needs from Debian: chromium (Playwright cannot download browsers here, so the
# suite drives Debian's) and jq (the infra tests run Firehose's partitioning query on jq 1.6).
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chromium_path" ] || missing+=(chromium)
command -v jq >/dev/null || missing+=(jq)
if ((${#missing[@]} == 0)); then exit 0; fi
if [ "$(id -u)" = 0 ]; then apt_get="apt-get"; elif command -v sudo >/dev/null; then apt_get="sudo apt-get"; else
  echo "missing: ${missing[*]}; install Debian's packages (apt-get install ${missing[*]}) or set CHROMIUM_PATH" >&2
  exit 1
fi
echo "Installing Debian's ${missing[*]} for the tests..."
$apt_get update -qq
DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq "${missing[@]}" >/dev/null
