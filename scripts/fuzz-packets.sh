#!/usr/bin/env bash
# Builds the libFuzzer harness for LiDAR packets, PTP containers, trigger-box lines, MCAP bytes and the raw-record
# scanners (Tests/Fuzz/PacketDecoderFuzzer.swift + TaktCore sources, one module, -sanitize=fuzzer,address) and runs
# it on a corpus seeded from the real LiDAR captures, the MCAP conformance files and the simulator's fixtures.
# Usage: scripts/fuzz-packets.sh [SECONDS] [extra libFuzzer flags...]   (default 60 s; corpus in .build/fuzz-packets/)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
shared=${TAKT_SHARED:-../shared}
out=${FUZZ_OUT:-.build/fuzz-packets}
mkdir -p "$out/corpus"
mapfile -t sources < <(find Sources/TaktCore -name '*.swift' | sort)
swiftc -O -g -parse-as-library -sanitize=fuzzer,address -module-name TaktCoreFuzz \
  "${sources[@]}" Tests/Fuzz/PacketDecoderFuzzer.swift -o "$out/packet-fuzzer"
if [[ -z "$(ls -A "$out/corpus")" ]]; then
  seed() { { printf '%b' "$1"; head -c "$3" "$2"; } > "$out/corpus/$4"; }
  # Selector byte (first) picks the path: 0 Velodyne script, 1 Ouster packets, 2 PTP, 3 trigger box, 4 MCAP, 5 scanners.
  head -c 4096 /dev/zero > "$out/corpus/velodyne-in-order"
  i=0
  for f in "$shared"/data/lidar/ouster/*.pcap; do
    [[ -f "$f" ]] || continue
    i=$((i + 1))
    seed '\x01\x00\x01\x01' <(tail -c +1000 "$f") 8192 "ouster-$i"
    seed '\x05' "$f" 8192 "pcap-$i"
  done
  for f in $(find "$shared"/data -name '*.mcap' -size -64k | sort | head -40); do
    seed '\x04' <(tail -c +9 "$f") 65536 "mcap-$(basename "$f")"
  done
  for f in hw/sim/*.jpg; do seed '\x05' "$f" 16384 "jpeg-$(basename "$f")"; done
  printf '\x03\x05A 1 100\nA 2 200\nE bad\nT 3\n' > "$out/corpus/triggerbox"
  printf '\x02\x04\x10\x00\x00\x00\x03\x00\x01\x20\x01\x00\x00\x00\x01\x00\x00\x00' > "$out/corpus/ptp-response"
fi
exec "$out/packet-fuzzer" "$out/corpus" -max_total_time="$seconds" -max_len=32768 -print_final_stats=1 \
  -artifact_prefix="$out/" "$@"
