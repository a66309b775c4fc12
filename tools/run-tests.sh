#!/bin/sh
# Builds and runs every test (README's second command; .ci/run runs it):
#   1. Release build, ctest (unit, per-rule-example, golden and CLI tests);
#   2. the same suite under AddressSanitizer + UndefinedBehaviorSanitizer
#      (LeakSanitizer included), in build-asan/;
#   3. each libFuzzer target for FUZZ_SECONDS (default 30) seconds, seeded
#      from corpora/, rules/, tests/fuzz/seeds/ and tests/fuzz/regressions/,
#      in build-fuzz/.
# A fuzzer crash fails the run; its input is left in build-fuzz/ for
# tests/fuzz/regressions/.
set -eu
cd "$(dirname "$0")/.."
jobs=$(nproc)
fuzz_seconds="${FUZZ_SECONDS:-30}"

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVBHC_SANITIZE=ON
cmake --build build-asan -j"$jobs"
ctest --test-dir build-asan --output-on-failure -j"$jobs"

cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DVBHC_BUILD_FUZZERS=ON -DVBHC_BUILD_TESTS=OFF
cmake --build build-fuzz -j"$jobs"
passed=0
failed=0
for target in normalize rules extract pattern; do
  seeds="build-fuzz/seeds-$target"
  rm -rf "$seeds" && mkdir -p "$seeds"
  if [ "$target" = rules ]; then
    find rules -name '*.toml' -exec cp {} "$seeds/" \;
  else
    find corpora -name '*.txt' -exec cp {} "$seeds/" \;
  fi
  find tests/fuzz/regressions -name "$target-*" -exec cp {} "$seeds/" \;
  if [ -d "tests/fuzz/seeds/$target" ]; then cp tests/fuzz/seeds/"$target"/* "$seeds/"; fi
  if (cd build-fuzz && "./tests/fuzz/${target}_fuzzer" -max_total_time="$fuzz_seconds" -max_len=8192 \
        -print_final_stats=1 "seeds-$target" > "fuzz-$target.log" 2>&1); then
    passed=$((passed + 1))
    echo "fuzz $target: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "build-fuzz/fuzz-$target.log" | awk '{print $2}') executions, no crash"
  else
    failed=$((failed + 1))
    echo "fuzz $target: CRASH"; tail -30 "build-fuzz/fuzz-$target.log"
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" = 0 ]
