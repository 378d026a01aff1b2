#!/usr/bin/env bash
# Builds the libFuzzer harness for the GNSS decoders (Tests/Fuzz/GNSSDecoderFuzzer.swift + TaktCore sources, one
# module, -sanitize=fuzzer,address) and runs it on a corpus seeded from the gpsd regression logs.
# Usage: scripts/fuzz-gnss.sh [SECONDS] [extra libFuzzer flags...]   (default 60 s; corpus in .build/fuzz-gnss/)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
shared=${TAKT_SHARED:-../shared}
out=${FUZZ_OUT:-.build/fuzz-gnss}
src=${FUZZ_SOURCES:-Sources/TaktCore}
mkdir -p "$out/corpus"
mapfile -t sources < <(find "$src" -name '*.swift' | sort)
swiftc -O -g -parse-as-library -sanitize=fuzzer,address -module-name TaktCoreFuzz \
  "${sources[@]}" Tests/Fuzz/GNSSDecoderFuzzer.swift -o "$out/gnss-fuzzer"
if [[ -z "$(ls -A "$out/corpus")" ]]; then
  # Seed with 4 KiB windows of every real log (libFuzzer mutates from there) ...
  for f in "$shared"/data/gnss/gpsd-test-logs/*.log; do
    head -c 4096 "$f" > "$out/corpus/$(basename "$f")"
  done
  # ... and one structure-aware seed (0xFF, class, id, zero payload) per decoded UBX message.
  for spec in 01:07:92 01:20:16 01:06:52 01:02:28 01:03:16 01:61:4 0d:01:16 0d:03:28 10:03:12 10:02:12 10:15:36 \
    28:00:72 02:15:48 02:13:12; do
    IFS=: read -r cls id len <<<"$spec"
    { printf '%b' "\xff\x$cls\x$id"; head -c "$len" /dev/zero; } > "$out/corpus/ubx-$cls-$id"
  done
fi
exec "$out/gnss-fuzzer" "$out/corpus" -max_total_time="$seconds" -max_len=16384 -print_final_stats=1 \
  -artifact_prefix="$out/" "$@"
