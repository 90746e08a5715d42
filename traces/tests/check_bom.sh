#!/bin/sh
# check_bom.sh TOOL SAMPLES
#
# An input that starts with a UTF-8 byte order mark (a Windows editor's
# save) reads as the same input without it, in each text format: a
# Tarmac trace and a TF-A log import to the same records, a canonical
# trace replays the same (a Tarmac trace's first line was a line of no
# known kind, lost; a canonical trace was "not an sdeisim trace"); a
# message about the first line gives the column an editor shows, after
# the mark.
set -u
tool=$1 dir=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
bom=$(printf '\357\273\277')

# NAME: TEXT and $bom TEXT, in tmp as NAME and bom-NAME
pair() {
	cat > "$tmp/$1" && { printf '%s' "$bom"; cat "$tmp/$1"; } > "$tmp/bom-$1"
}
# records: the import's records and notes, without the file's name
records() {
	"$tool" import "$1" "$tmp/$2" -o "$tmp/$2.trace" 2> "$tmp/$2.err" || { echo "import $1 $2 failed"; exit 1; }
	grep -v '^#' "$tmp/$2.trace" | sed 's/ src=[^ :]*:/ src=:/'
	sed "s|$tmp/$2|FILE|g" "$tmp/$2.err"
}

pair s.tarmac < "$dir/fvp-multi-pe-signal.tarmac"
sed -n '10,$p' "$dir/tf-a-verbose.log" | pair s.log
pair s.trace < "$dir/fvp-multi-pe-signal.trace"
records tarmac s.tarmac > "$tmp/a" && records tarmac bom-s.tarmac > "$tmp/b" || exit 1
diff -u "$tmp/a" "$tmp/b" || { echo "tarmac: the mark changed the records"; exit 1; }
records tf-a-log s.log > "$tmp/a" && records tf-a-log bom-s.log > "$tmp/b" || exit 1
diff -u "$tmp/a" "$tmp/b" || { echo "tf-a-log: the mark changed the records"; exit 1; }
"$tool" replay "$tmp/s.trace" > "$tmp/a" 2>&1
"$tool" replay "$tmp/bom-s.trace" 2>&1 | sed 's/bom-s\.trace/s.trace/g' > "$tmp/b"
diff -u "$tmp/a" "$tmp/b" || { echo "replay: the mark changed the result"; exit 1; }

printf '%s2368003 xyz cpu0 IT (1) 80001000 d2800420 O EL2h_n : MOV x0,#0x21\n' "$bom" > "$tmp/bad.tarmac"
want="bad.tarmac:1:9: unknown timestamp unit 'xyz'"
got=$(cd "$tmp" && "$tool" import tarmac bad.tarmac 2>&1 >/dev/null)
[ "$got" = "$want" ] || { echo "expected: $want"; echo "got: $got"; exit 1; }
exit 0
