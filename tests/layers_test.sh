#!/bin/sh
# Issue #15: the include check passes on src/ and fails on copies that break it.
set -eu
top=$1
check="$top/tools/check-layers.sh"
"$check" "$top/src"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
expect_fail() {  # NAME EXPECTED_MESSAGE
  if out=$("$check" "$tmp/src" 2>&1); then echo "FAIL: $1 passed the check"; exit 1; fi
  case $out in *"$2"*) echo "ok: $1" ;; *) echo "FAIL: $1: got '$out'"; exit 1 ;; esac
}
reset() { rm -rf "$tmp/src"; cp -r "$top/src" "$tmp/src"; }
reset; echo '#include "extract/header.h"' >> "$tmp/src/text/vietnamese.h"
expect_fail "upward include" 'text/ includes "extract/header.h" from a higher layer'
reset; echo '#include "normalizer.h"' >> "$tmp/src/rules/values.cc"
expect_fail "include without folder" 'names no folder'
reset; mkdir "$tmp/src/misc"; : > "$tmp/src/misc/x.h"
expect_fail "unknown folder" 'folder is not a layer'
reset; : > "$tmp/src/loose.cc"
expect_fail "file outside the layers" 'outside every layer folder'
echo "layers_test: 5 passed, 0 failed"
