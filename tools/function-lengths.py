#!/usr/bin/env python3
"""Lists the functions of C++ files longer than a limit (default 80 lines).

usage: tools/function-lengths.py [--max N] FILE|DIR...   exit 1 when one is longer
(a DIR is read for its *.h and *.cc files)

A function is a brace block opened at namespace level (or a lambda or method body
opened on a line that ends a signature); good enough for this tree's style.
"""
import os
import re
import sys


def scan(path, limit):
    out = []
    depth = 0
    stack = []  # (line, is_function, name)
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        code = re.sub(r'"(\\.|[^"\\])*"|\'(\\.|[^\'\\])*\'|//.*', "", line)
        for i, ch in enumerate(code):
            if ch == "{":
                head = code[:i].strip()
                is_ns = head.startswith("namespace") or head.startswith("extern")
                is_fn = (")" in head or head.endswith("const") or head.endswith("override")) and not is_ns \
                    and not re.match(r"^(if|for|while|switch|else|do|catch)\b", head) \
                    and not re.match(r"^\}?\s*(else|catch)\b", head)
                outer_fn = any(f for _, f, _ in stack)
                stack.append((n, is_fn and not outer_fn, head[:60]))
            elif ch == "}" and stack:
                s, is_fn, head = stack.pop()
                if is_fn and n - s + 1 > limit:
                    out.append((path, s, n - s + 1, head))
    return out


def main():
    args = sys.argv[1:]
    limit = 80
    if args[:1] == ["--max"]:
        limit, args = int(args[1]), args[2:]
    files = []
    for p in args:
        if os.path.isdir(p):
            files += sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith((".h", ".cc")))
        else:
            files.append(p)
    found = []
    for p in files:
        found += scan(p, limit)
    for path, s, length, head in sorted(found, key=lambda x: -x[2]):
        print(f"{path}:{s}: {length} lines: {head}")
    if not found:
        print(f"function lengths: none over {limit} lines in {len(files)} files")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
