#!/usr/bin/env bash
# Makes sure Debian's Chromium is there for the end-to-end tests (Playwright cannot download its
# own browsers here). Installs it with apt-get when missing and we are root; otherwise says how.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
	echo "Installing Debian's chromium for the end-to-end tests…"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
	exit 0
fi
echo "Chromium is missing at $CHROMIUM. Install it with: sudo apt-get update && sudo apt-get install -y chromium" >&2
echo "(or point CHROMIUM_PATH at another Chromium binary)" >&2
exit 1
