#!/usr/bin/env bash
# Installs the system packages FlowRL needs, once. Idempotent: installs only what is missing.
# Run as root (or through sudo) on Debian/Ubuntu; otherwise prints the exact command to run.
set -euo pipefail

packages=(libsqlite3-dev libxml2-dev libarchive-dev libdeflate-dev liblz4-dev libopenblas-dev libseccomp-dev
          bubblewrap python3 pkg-config zstd)
# Optional, never required for the build or the tests: `chromium` for scripts/render-report.sh (report → PNG).
# Installed only when FLOWRL_SCREENSHOTS=1.
if [ "${FLOWRL_SCREENSHOTS:-0}" = "1" ]; then packages+=(chromium); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
  echo "bootstrap: note: swift is at /opt/swift/usr/bin; add it to PATH" >&2
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "bootstrap: missing system packages: ${missing[*]}" >&2
  echo "bootstrap: this is not a Debian/Ubuntu system; install their equivalents by hand." >&2
  exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo"
  else
    echo "bootstrap: missing system packages: ${missing[*]}" >&2
    echo "bootstrap: run this, then try again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

echo "bootstrap: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Update the package index when it has never been fetched or is older than a day.
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -n 1)" ]; then
  $sudo apt-get update -q >&2
fi
if ! $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2; then
  # A stale index names package versions the mirror no longer has: refresh once and retry.
  $sudo apt-get update -q >&2
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi
