#!/bin/sh
# check_gzip.sh TOOL SAMPLE.tarmac
#
# Importing a gzip-compressed copy, and standard input, gives the same
# records as the plain file (only the names in src= differ).
set -u
tool=$1 sample=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cp "$sample" "$tmp/s.tarmac" && gzip -c "$tmp/s.tarmac" > "$tmp/s.tarmac.gz" || exit 1
cd "$tmp" || exit 1
"$tool" import tarmac s.tarmac -o plain.trace || exit 1
"$tool" import tarmac s.tarmac.gz -o gz.trace || exit 1
"$tool" import tarmac - < s.tarmac > stdin.trace || exit 1
grep -v '^#' plain.trace > a || exit 1
grep -v '^#' gz.trace | sed 's/src=s\.tarmac\.gz:/src=s.tarmac:/' > b
grep -v '^#' stdin.trace | sed 's/src=<stdin>:/src=s.tarmac:/' > c
[ -s a ] || { echo "no records"; exit 1; }
diff -u a b && diff -u a c
