#!/bin/sh
# Checks that src/ includes flow one way: python -> cli -> output -> extract -> rules -> text.
# A file may include its own folder and the folders below it, never one above,
# and every project include names its folder ("text/normalizer.h").
# Usage: tools/check-layers.sh [SRC_DIR]   (exit 0: clean; 1: a violation, listed)
set -eu
src=${1:-"$(dirname "$0")/../src"}
layers="text rules extract output cli python"   # lowest first

rank() {
  i=0
  for l in $layers; do
    [ "$l" = "$1" ] && { echo $i; return; }
    i=$((i + 1))
  done
  echo -1
}

bad=0
for dir in "$src"/*/; do
  layer=$(basename "$dir")
  own=$(rank "$layer")
  if [ "$own" -lt 0 ]; then
    echo "$dir: folder is not a layer ($layers)"; bad=1; continue
  fi
  for file in "$dir"*.h "$dir"*.cc; do
    [ -f "$file" ] || continue
    # Each line: LINE:#include "folder/name.h"
    grep -n '^#include "' "$file" | while IFS= read -r line; do
      target=${line#*\"}; target=${target%%\"*}
      case $target in
        */*) ;;
        *) echo "${file#"$src"/}:${line%%:*}: include \"$target\" names no folder"; exit 1 ;;
      esac
      theirs=$(rank "${target%%/*}")
      if [ "$theirs" -lt 0 ]; then
        echo "${file#"$src"/}:${line%%:*}: include \"$target\": no such layer"; exit 1
      elif [ "$theirs" -gt "$own" ]; then
        echo "${file#"$src"/}:${line%%:*}: $layer/ includes \"$target\" from a higher layer"; exit 1
      fi
    done || bad=1
  done
done
for file in "$src"/*.h "$src"/*.cc; do
  [ -f "$file" ] && { echo "${file#"$src"/}: outside every layer folder"; bad=1; }
done
[ "$bad" -eq 0 ] && echo "layers: clean ($layers, lowest first)"
exit "$bad"
