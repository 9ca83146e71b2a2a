#!/usr/bin/env bash
# Fuzzes Showroom's parsers of untrusted input with libFuzzer and AddressSanitizer.
#   scripts/fuzz.sh TARGET [-runs=N | -max_total_time=S ...]   one parser, libFuzzer's options after it
#   scripts/fuzz.sh ci [SECONDS]                               every parser for SECONDS each (default 8)
# TARGET: form, query, cookie, percent (Sources/Web, Fuzz/WebFuzzer.swift), money, vat, vin,
# email (Sources/Showroom, Fuzz/RulesFuzzer.swift), multipart (scripts/fuzz-multipart.sh).
# Inputs that crash are written to Fuzz/crashes/; each corpus grows in var/fuzz/TARGET.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v swiftc >/dev/null 2>&1 || export PATH="/opt/swift/usr/bin:$PATH"
out=var/fuzz
mkdir -p "$out" Fuzz/crashes

build() {  # build NAME SOURCES...: rebuilt only when a source is newer than the binary
  local name=$1; shift
  local bin="$out/fuzz-$name"
  if [ ! -x "$bin" ] || [ -n "$(find "$@" -newer "$bin" 2>/dev/null | head -n1)" ]; then
    swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name "Fuzz$name" "$@" -o "$bin"
  fi
  echo "$bin"
}

web() { build web Sources/Web/Request.swift Sources/Web/FormFields.swift Sources/Web/PercentDecoding.swift Sources/Web/HTTPError.swift \
  Sources/Web/Cookies.swift Fuzz/WebFuzzer.swift; }
rules() { build rules Sources/Showroom/*.swift Fuzz/RulesFuzzer.swift; }

run() {  # run TARGET OPTIONS...
  local t=$1; shift
  local bin
  case "$t" in
    form|query|cookie|percent) bin=$(web) ;;
    money|vat|vin|email) bin=$(rules) ;;
    *) echo "unknown target $t" >&2; exit 2 ;;
  esac
  mkdir -p "$out/$t"
  [ -d "Fuzz/corpus-$t" ] && cp -n Fuzz/corpus-$t/* "$out/$t/" 2>/dev/null || true
  FUZZ_TARGET=$t SWIFT_BACKTRACE=enable=no "$bin" -max_len=4096 -artifact_prefix=Fuzz/crashes/ -print_final_stats=1 "$@" "$out/$t"
}

case "${1:-}" in
  ci)
    seconds="${2:-8}"
    for t in form query cookie percent money vat vin email; do
      echo "=== fuzz $t (${seconds} s)"
      if ! run "$t" -max_total_time="$seconds" > "$out/ci-$t.log" 2>&1; then
        tail -n 40 "$out/ci-$t.log"; echo "fuzz $t failed (input in Fuzz/crashes/)"; exit 1
      fi
      grep -E "stat::number_of_executed_units" "$out/ci-$t.log"
    done
    echo "=== fuzz multipart (${seconds} s)"
    scripts/fuzz-multipart.sh "$seconds" 2>&1 | tail -n 2
    ;;
  multipart) shift; exec scripts/fuzz-multipart.sh "${1:-60}" ;;
  "") sed -n '2,7p' "$0"; exit 2 ;;
  *) t=$1; shift; run "$t" "$@" ;;
esac
