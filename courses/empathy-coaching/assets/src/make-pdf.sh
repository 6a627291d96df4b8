#!/bin/sh
# Prints empathy-scoring-checklist.html to ../empathy-scoring-checklist.pdf with Debian's chromium, then
# fixes the PDF's two time stamps (the only bytes that change from run to run) to 2020-01-01, so the
# same HTML and the same chromium give the same bytes. Run from anywhere: sh courses/empathy-coaching/assets/src/make-pdf.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../empathy-scoring-checklist.pdf"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$out" \
  "file://$here/empathy-scoring-checklist.html" 2>/dev/null
python3 - "$out" <<'PY'
import re, sys
path = sys.argv[1]
data = open(path, "rb").read()
# same length as chromium's D:YYYYMMDDHHMMSS+00'00', so the cross-reference offsets stay right
fixed = re.sub(rb"\((D:\d{14}\+00'00')\)", b"(D:20200101000000+00'00')", data)
open(path, "wb").write(fixed)
PY
echo "wrote $out"
