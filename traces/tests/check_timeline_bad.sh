#!/bin/sh
# check_timeline_bad.sh TOOL SAMPLES
#
# `export timeline` of a trace that turns out bad part-way (bad-time.trace:
# two good records, then time going backwards at line 4) writes nothing:
# not to standard output (a file, a pipe, /dev/stdout, from standard input
# too), where a consumer would otherwise get JSON cut short, and not over
# an -o file, which keeps what it held.  A good trace still comes out whole
# through the same paths.
set -u
tool=$1 samples=$2
msg="4:1: time goes backwards on PE 0: t=9 after t=10 at line 2"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cp "$samples/bad-time.trace" "$samples/fastmodel-single-pe.trace" "$tmp/" || exit 1
cd "$tmp" || exit 1
fail=0

# bad WHAT NAME COMMAND...: exit status 2, NAME:$msg on stderr, nothing on
# standard output
bad() {
	what=$1 name=$2
	shift 2
	"$@" > out 2> err
	rc=$?
	if [ "$rc" != 2 ]; then
		echo "$what: exit status $rc, expected 2"
		fail=1
	fi
	if ! grep -qxF -- "$name:$msg" err; then
		echo "$what: expected on stderr: $name:$msg"
		cat err
		fail=1
	fi
	if [ -s out ]; then
		echo "$what: wrote $(wc -c < out) bytes to standard output, expected none:"
		head -c 300 out
		echo
		fail=1
	fi
}
bad "to a file" bad-time.trace "$tool" export timeline bad-time.trace
bad "to a pipe" bad-time.trace sh -c '{ "$1" export timeline bad-time.trace; echo $? > rc; } | cat; exit $(cat rc)' sh "$tool"
bad "-o -" bad-time.trace "$tool" export timeline bad-time.trace -o -
bad "-o /dev/stdout" bad-time.trace "$tool" export timeline bad-time.trace -o /dev/stdout
bad "from standard input" "<stdin>" sh -c '"$1" export timeline - < bad-time.trace' sh "$tool"

# -o FILE: the file keeps what it held (outfile.h: whole or not at all)
echo old > kept.json
"$tool" export timeline bad-time.trace -o kept.json 2> /dev/null
rc=$?
[ "$rc" = 2 ] || { echo "-o FILE: exit status $rc, expected 2"; fail=1; }
[ "$(cat kept.json)" = old ] || { echo "-o FILE: the file was changed"; fail=1; }

# good: the same paths give the whole timeline
"$tool" export timeline fastmodel-single-pe.trace -o whole.json || { echo "good trace: -o failed"; fail=1; }
"$tool" export timeline fastmodel-single-pe.trace > stdout.json || { echo "good trace: stdout failed"; fail=1; }
"$tool" export timeline fastmodel-single-pe.trace | cat > pipe.json
[ -s whole.json ] && tail -n 1 whole.json | grep -qxF ']}' || { echo "good trace: -o FILE is not a whole timeline"; fail=1; }
cmp -s whole.json stdout.json || { echo "good trace: standard output differs from -o FILE"; fail=1; }
cmp -s whole.json pipe.json || { echo "good trace: a pipe differs from -o FILE"; fail=1; }
exit $fail
