#!/bin/sh
# Renders the demo data's published report (programme year 2022) and turns its first page into a PNG with
# pdftoppm (Debian/Ubuntu: apt-get install poppler-utils), for looking at it and for the README.
# Usage: scripts/render-report-png.sh [OUT_DIR] [KEEP_PDF]
#   writes OUT_DIR/report-page1.png (default docs/); with KEEP_PDF=1 also OUT_DIR/report-demo-2022.pdf
set -eu
out_dir=${1:-docs}
keep_pdf=${2:-0}
command -v pdftoppm >/dev/null 2>&1 || { echo "pdftoppm is missing: apt-get install poppler-utils" >&2; exit 1; }
mkdir -p "$out_dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pdf="$work/report-demo-2022.pdf"
npx tsx scripts/renderReport.ts "$pdf" 2022
pdftoppm -png -r 100 -f 1 -l 1 -singlefile "$pdf" "$out_dir/report-page1"
[ "$keep_pdf" = 1 ] && cp "$pdf" "$out_dir/"
echo "$out_dir/report-page1.png"
