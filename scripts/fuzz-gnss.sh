#!/usr/bin/env bash
# Builds the libFuzzer harness for the GNSS decoders (Tests/Fuzz/GNSSDecoderFuzzer.swift + TaktCore sources, one
# module, -sanitize=fuzzer,address) and runs it on a corpus seeded from the gpsd regression logs.
# Usage: scripts/fuzz-gnss.sh [SECONDS] [extra libFuzzer flags...]   (default 60 s; corpus in .build/fuzz-gnss/)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
shared=${TAKT_SHARED:-../shared}
out=.build/fuzz-gnss
mkdir -p "$out/corpus"
mapfile -t sources < <(find Sources/TaktCore -name '*.swift' | sort)
swiftc -O -g -parse-as-library -sanitize=fuzzer,address -module-name TaktCoreFuzz \
  "${sources[@]}" Tests/Fuzz/GNSSDecoderFuzzer.swift -o "$out/gnss-fuzzer"
if [[ -z "$(ls -A "$out/corpus")" ]]; then
  # Seed with 4 KiB windows of every real log (libFuzzer mutates from there).
  for f in "$shared"/data/gnss/gpsd-test-logs/*.log; do
    head -c 4096 "$f" > "$out/corpus/$(basename "$f")"
  done
fi
exec "$out/gnss-fuzzer" "$out/corpus" -max_total_time="$seconds" -max_len=16384 -print_final_stats=1 "$@"
