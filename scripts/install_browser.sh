#!/usr/bin/env bash
# Install the headless browser the widget test drives: Debian's chromium and chromium-driver.
# Idempotent and quiet when both are present. Never downloads a browser build of its own.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "install_browser.sh: /usr/bin/chromium or /usr/bin/chromedriver is missing;" >&2
  echo "  run as root, or: sudo apt-get install -y chromium chromium-driver" >&2
  exit 1
fi
echo "Installing chromium and chromium-driver (apt-get)..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]
echo "chromium installed: $(/usr/bin/chromium --version 2>/dev/null || echo unknown)"
