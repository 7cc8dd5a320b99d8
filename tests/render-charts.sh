#!/usr/bin/env bash
# Writes every sample chart (tests/Llm.Tests/Charts/ChartSamples.cs) and architecture diagram as SVG and renders each to PNG
# with headless Chromium, to look at them: overlaps, clipped labels, missing Chinese glyphs.
# Not part of the test suite.
#
#   tests/render-charts.sh [output folder]        (default: artifacts/chart-samples)
#
# Needs Chromium and CJK fonts; on Debian/Ubuntu, as root:
#   apt-get install -y chromium fonts-noto-cjk
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(realpath -m "${1:-$root/artifacts/chart-samples}")"
mkdir -p "$out"

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [[ -z "$browser" ]]; then
  echo "Chromium not found: apt-get install -y chromium fonts-noto-cjk" >&2
  exit 1
fi

# The samples come from a test that writes them only when LLM_CHART_SAMPLES is set.
LLM_CHART_SAMPLES="$out" dotnet test "$root/tests/Llm.Tests" \
  --filter "FullyQualifiedName~SampleRenderTests" --nologo --verbosity quiet

for svg in "$out"/*.svg; do
  png="${svg%.svg}.png"
  # The window is the SVG's own size, read from its width and height attributes.
  width="$(grep -o -m1 '<svg[^>]* width="[0-9.]*"' "$svg" | sed -E 's/.* width="([0-9.]*)"/\1/')"
  height="$(grep -o -m1 '<svg[^>]* height="[0-9.]*"' "$svg" | sed -E 's/.* height="([0-9.]*)"/\1/')"
  "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
    --force-device-scale-factor=1 --window-size="${width%.*},${height%.*}" \
    --screenshot="$png" "file://$svg" >/dev/null 2>&1
  echo "$png"
done
