#!/usr/bin/env bash
# make demo: start the bundled sandbox on a free loopback port, run every job of
# jobs.example.yaml against it, stop the sandbox, and say where the data went.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."

log=$(mktemp)
started=$(mktemp)  # files newer than this are this run's
"$build/bin/apirunner-sandbox" --port 0 --records 250 >"$log.out" 2>"$log" &
sandbox=$!
trap 'kill $sandbox 2>/dev/null; wait $sandbox 2>/dev/null; rm -f "$log" "$log.out" "$started"' EXIT

for _ in $(seq 50); do
  grep -q "listening on" "$log.out" 2>/dev/null && break
  sleep 0.1
done
url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$log.out")
[ -n "$url" ] || { echo "demo: the sandbox did not start"; cat "$log"; exit 1; }
echo "sandbox: $url"

export SANDBOX_URL=$url
status=0
"$build/bin/apirunner" run --config jobs.example.yaml --log-level warn || status=$?

echo
echo "data:"
if [ -f out/extracts.sqlite ] && command -v sqlite3 >/dev/null; then
  sqlite3 out/extracts.sqlite "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name" |
    while read -r table; do
      echo "  out/extracts.sqlite  $table: $(sqlite3 out/extracts.sqlite "SELECT count(*) FROM \"$table\"") rows"
    done
fi
find out -name '*.jsonl' -newer "$started" 2>/dev/null | sort | while read -r file; do
  echo "  $file: $(wc -l <"$file") records"
done
echo "run history: $build/bin/apirunner history --config jobs.example.yaml"
exit $status
