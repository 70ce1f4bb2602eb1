#!/usr/bin/env bash
# Build the PyInstaller bundle and prove it starts: the native neonize library, the
# migrations and the resources must all be inside. Usage: packaging/build-smoke.sh [PYTHON]
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${1:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$PY" -m pip install -q -e '.[package]'
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$work/dist" --workpath "$work/build" whatdesk.spec
app="$work/dist/whatdesk/whatdesk"
test -f "$work"/dist/whatdesk/_internal/neonize/neonize-linux-amd64.so
test -f "$work"/dist/whatdesk/_internal/README.md  # Help > User guide opens it
"$app" --version
"$app" flow validate resources/flows/suporte.wdflow.json
# The window, on the offscreen platform, with a fresh data dir: migrations run, the demo
# connection links and simulated customers write in; then a clean shutdown on SIGINT.
# No OS keyring on a build machine: the sessions are sealed with a passphrase (this also
# proves scrypt and AES-GCM made it into the bundle).
printf 'senha de teste do pacote\n' > "$work/passphrase"
QT_QPA_PLATFORM=offscreen "$app" --demo --data-dir "$work/data" --passphrase-file "$work/passphrase" &
pid=$!
for _ in $(seq 60); do
  sleep 1
  if "$PY" - "$work/data/whatdesk.db" <<'PY' 2>/dev/null; then break; fi
import sqlite3, sys
n = sqlite3.connect(sys.argv[1]).execute("select count(*) from messages").fetchone()[0]
sys.exit(0 if n > 0 else 1)
PY
done
kill -INT "$pid"
wait "$pid"
"$PY" - "$work/data/whatdesk.db" <<'PY'
import sqlite3, sys
n = sqlite3.connect(sys.argv[1]).execute("select count(*) from messages").fetchone()[0]
assert n > 0, "the bundled demo stored no message"
print(f"bundle ok: the demo stored {n} messages")
PY
# ...and after the clean stop its session exists only sealed
test -n "$(find "$work/data/sessions" -name '*.vault' -print -quit)"
if grep -rl "SQLite format 3" "$work/data/sessions" >/dev/null 2>&1; then
  echo "a session was left in clear" >&2; exit 1
fi
