#!/bin/sh
# check_callers.sh NM LIBRARY BUILD_DIR
#
# Every function the traces library exports has a caller outside the
# tests: a function only tests call is dead code that the tests keep
# alive.  The callers are the undefined symbols of the build's objects
# (the library's own, the tools', the fuzz harnesses', the benchmarks'),
# not of those under a tests/ directory.  Run after a full build.
set -u
nm=$1 lib=$2 build=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

"$nm" -g --defined-only "$lib" | awk '$2 == "T" { print $3 }' | sort -u > "$tmp/defined" || exit 1
if [ ! -s "$tmp/defined" ]; then
	echo "no function defined in $lib"
	exit 1
fi
find "$build" -name '*.o' ! -path '*/tests/*' > "$tmp/objects" || exit 1
xargs "$nm" -u < "$tmp/objects" 2>/dev/null | awk 'NF == 2 && $1 == "U" { print $2 }' | sort -u > "$tmp/used"
comm -23 "$tmp/defined" "$tmp/used" > "$tmp/dead"
if [ -s "$tmp/dead" ]; then
	echo "functions of $lib that nothing but tests calls:"
	cat "$tmp/dead"
	exit 1
fi
echo "$(wc -l < "$tmp/defined") functions, each with a caller outside the tests"
