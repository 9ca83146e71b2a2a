#!/usr/bin/env bash
# Fuzzes the streaming multipart parser with libFuzzer and AddressSanitizer:
#   scripts/fuzz-multipart.sh [seconds]      (default 60)
# Inputs that crash are written to Fuzz/crashes/. The corpus grows in var/fuzz-multipart.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
out=var/fuzz-multipart
mkdir -p "$out/corpus" Fuzz/crashes
cp -n Fuzz/corpus-multipart/* "$out/corpus/" 2>/dev/null || true
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name MultipartFuzz \
  Sources/Web/Multipart.swift Sources/Web/UploadFileName.swift Fuzz/MultipartFuzzer.swift -o "$out/fuzz-multipart"
SWIFT_BACKTRACE=enable=no "$out/fuzz-multipart" -max_total_time="$seconds" -max_len=4096 -artifact_prefix=Fuzz/crashes/ "$out/corpus"
