#!/usr/bin/env bash
# Renders a report to PNG with headless Chromium (Debian package `chromium`) for review.
# Usage: scripts/render-report.sh [REPORT.html] [OUT.png] [WIDTH]
#   default: reports/out/demo/index.html (run `make demo` first) → reports/out/demo/report.png, 1400 px wide.
set -euo pipefail
cd "$(dirname "$0")/.."
report="${1:-reports/out/demo/index.html}"
png="${2:-${report%/*}/report.png}"
width="${3:-1400}"
[ -f "$report" ] || { echo "render-report: $report not found (run make demo, or pass a report)" >&2; exit 1; }
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
  echo "render-report: no Chromium found; install it with: sudo apt-get install chromium" >&2
  exit 1
fi
# Headless screenshots capture the window only: make it as tall as the page (estimated from its size, capped).
height="${HEIGHT:-$(python3 - "$report" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
heights = sum(float(h) for h in re.findall(r'<svg[^>]* height="([0-9.]+)"', html))
rows = html.count("<tr>")
print(int(min(32000, 1200 + heights * 1.1 + rows * 40 + html.count("<pre>") * 90 + html.count("<h3>") * 150 + html.count("<li>") * 45 + html.count("<section") * 60)))
PY
)}"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --window-size="$width,$height" --screenshot="$png" "file://$(realpath "$report")" >/dev/null 2>&1
# Trim the blank space below the page when ImageMagick is installed (optional).
if command -v mogrify >/dev/null 2>&1; then mogrify -trim +repage -bordercolor white -border 20 "$png" 2>/dev/null || true; fi
echo "$png"
