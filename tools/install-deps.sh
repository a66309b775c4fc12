#!/bin/sh
# Installs what vbhc needs to build and test on Debian 12 (run as root).
set -eu
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  ca-certificates g++ cmake make pkg-config python3 \
  libicu-dev libre2-dev libboost-program-options-dev libboost-dev libutf8proc-dev \
  libgtest-dev libtomlplusplus-dev nlohmann-json3-dev libssl-dev libsqlite3-dev zlib1g-dev sqlite3 \
  libbenchmark-dev libmimalloc-dev icu-devtools python3-jsonschema time valgrind clang-14 clang libfuzzer-14-dev \
  pybind11-dev python3-dev python3-pytest python3-dask python3-distributed parallel \
  chromium fonts-dejavu-core libcpp-httplib-dev libical-dev libcsv-dev python3-icalendar curl \
  postgresql >/dev/null
