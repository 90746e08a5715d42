#!/bin/sh
# check_gzip.sh TOOL SAMPLE.tarmac
#
# Importing a gzip-compressed copy, and standard input, gives the same
# records as the plain file (only the names in src= differ); a canonical
# trace gzip-compressed replays and exports as the plain one does (it was
# refused: "binary data (byte 0x1f) in a text trace"), from standard
# input too.
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
diff -u a b && diff -u a c || exit 1
gzip -c plain.trace > t.trace.gz || exit 1
for how in replay "export yaml" "export timeline"; do
  # shellcheck disable=SC2086 # how is words
  "$tool" $how plain.trace > p.out 2> p.err; prc=$?
  "$tool" $how t.trace.gz > z.out 2> z.err; zrc=$?
  "$tool" $how - < t.trace.gz > s.out 2> s.err; src=$?
  [ "$prc" -le 1 ] && [ -s p.out ] || { echo "$how of the plain trace: exit $prc"; cat p.err; exit 1; }
  [ "$prc" = "$zrc" ] && [ "$prc" = "$src" ] ||
    { echo "$how: exit $prc plain, $zrc gzip, $src gzip on stdin"; cat z.err s.err; exit 1; }
  sed 's/t\.trace\.gz/plain.trace/g' z.out | diff -u p.out - || exit 1
  sed -e 's/"replay of <stdin>"/replay of plain.trace/' -e 's/"<stdin>"/plain.trace/g' \
      -e 's/<stdin>/plain.trace/g' s.out | diff -u p.out - || exit 1
done
