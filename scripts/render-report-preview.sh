#!/usr/bin/env bash
# Renders the first pages of the demo report to PNG for the README (needs LibreOffice and
# poppler-utils): docs/images/report-page1.png (cover) and report-page2.png (KH_TH).
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
node bin/tonghop.cjs demo --out-dir "$work/demo" >/dev/null
soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to pdf --outdir "$work" "$work/demo/BaoCaoTongHop_2023-9M.xlsx" >/dev/null
pdftoppm -r 80 -png -f 1 -l 2 "$work/BaoCaoTongHop_2023-9M.pdf" "$work/page"
cp "$work/page-01.png" docs/images/report-page1.png 2>/dev/null || cp "$work/page-001.png" docs/images/report-page1.png
cp "$work/page-02.png" docs/images/report-page2.png 2>/dev/null || cp "$work/page-002.png" docs/images/report-page2.png
echo "docs/images/report-page1.png, docs/images/report-page2.png"
