#!/bin/sh
# check_import_replay.sh TOOL DIR TARMAC PLATFORM SUMMARY [RECORD]
#
# TARMAC (in DIR), imported with the scenario PLATFORM's platform, must
# replay under it printing exactly SUMMARY as its last line ("N matched,
# M diverged"), and, given RECORD (an extended regular expression), have
# a record that matches it.
set -u
tool=$1 dir=$2 tarmac=$3 platform=$4 summary=$5 record=${6:-}
cd "$dir" || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
"$tool" import tarmac "$tarmac" --platform "$platform" -o "$tmp/t.trace" || { echo "import of $tarmac failed"; exit 1; }
"$tool" replay "$tmp/t.trace" > "$tmp/replay.txt" 2>&1
if [ -n "$record" ] && ! grep -Eq -- "$record" "$tmp/t.trace"; then
	echo "no record matches '$record' in the import:"; cat "$tmp/t.trace"; exit 1
fi
got=$(tail -1 "$tmp/replay.txt")
[ "$got" = "$summary" ] || { echo "replay: expected '$summary', got:"; cat "$tmp/replay.txt"; exit 1; }
exit 0
