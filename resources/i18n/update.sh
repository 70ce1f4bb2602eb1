#!/bin/sh
# Regenerate the translation sources (.ts) from the code and compile them (.qm).
# Usage: resources/i18n/update.sh   (from anywhere; uses /work/venv or $PYSIDE6_BIN)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${PYSIDE6_BIN:-$(dirname "$(command -v pyside6-lupdate || echo /work/venv/bin/pyside6-lupdate)")}
sources=$(cd "$root" && find whatdesk/ui whatdesk/app.py -name '*.py' | sort)
cd "$root"
for lang in pt_BR; do
    # -no-obsolete: strings removed from the code leave the .ts; existing translations are kept
    "$bin/pyside6-lupdate" -no-obsolete -locations none $sources -ts "resources/i18n/whatdesk_$lang.ts"
    "$bin/pyside6-lrelease" "resources/i18n/whatdesk_$lang.ts" -qm "resources/i18n/whatdesk_$lang.qm"
done
