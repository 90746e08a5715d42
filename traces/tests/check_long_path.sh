#!/bin/bash
# check_long_path.sh SDEISIM SAMPLES WORK names
# check_long_path.sh SDEISIM SAMPLES WORK sources
#
# An input reached through a long path (some 1500 characters, past every
# buffer that once held a name: 512 to 800 bytes) is named whole: what a
# command prints for it is what it prints for the sample by its own name
# (run in SAMPLES), with the long path's directory before each mention.
#
# names: the importers' errors (a Tarmac line, a TF-A log line, gzip data
# cut short, no line of the format), the trace reader's, and an imported
# trace's header comment and src= fields.
# sources: the replay of a trace imported through the long path, whose
# divergences end with "[from FILE:LINE]": the file and its line whole.
set -u
tool=$1 samples=$2 work=$3 what=$4
# absolute: the commands by the samples' own names run in SAMPLES
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
tool=$(abs "$tool") samples=$(abs "$samples") work=$(abs "$work")
mkdir -p "$work" || exit 1
dir=$work/long-path
long=$dir
for k in $(seq 12); do
	long=$long/$(printf 'a-directory-with-a-long-name-%02d-' "$k")$(printf 'x%.0s' $(seq 90))
done
rm -rf "$dir" && mkdir -p "$long" || exit 1
failed=0

# run COMMAND...: its output, then its messages.
run() {
	local rc
	"$@" > "$work/out" 2> "$work/err"
	rc=$?
	cat "$work/out"
	echo "-- exit $rc, stderr:"
	cat "$work/err"
}

# same NAME COMMAND...: COMMAND's output and messages for the sample NAME
# by its name, then by its long path; "{}" in COMMAND stands for it.
same() {
	local name=$1 short long_out want
	shift
	cp "$samples/$name" "$long/$name" || exit 1
	short=$(cd "$samples" && run "${@//\{\}/$name}")
	long_out=$(run "${@//\{\}/$long/$name}")
	want=${short//"$name"/"$long/$name"}
	if [ "$long_out" != "$want" ]; then
		echo "$* with $name by a path of ${#long} + ${#name} characters:"
		diff <(echo "$want") <(echo "$long_out") | head -8 | cut -c1-300 | sed 's/^/  /'
		failed=1
	fi
}

case $what in
names)
	same bad-eret-no-call.tarmac "$tool" import tarmac {}
	same bad-truncated.tarmac.gz "$tool" import tarmac {}
	same bad-truncated-call.log "$tool" import tf-a-log {}
	same tf-a-verbose.log "$tool" import tarmac {}
	same bad-field.trace "$tool" replay {}
	same rtl-fb26-signal-masked.tarmac "$tool" import tarmac {}
	same tf-a-verbose.log "$tool" import tf-a-log {}
	;;
sources)
	# the trace imported by the two names, replayed from one file
	trace=$work/long-path.trace
	for name in rtl-fb26-signal-masked.tarmac tf-a-verbose.log; do
		kind=tarmac
		[ "${name##*.}" = log ] && kind=tf-a-log
		same "$name" sh -c "\"\$0\" import $kind \"\$1\" -o \"$trace\" && \"\$0\" replay \"$trace\"" "$tool" {}
	done
	;;
*)
	echo "check_long_path.sh: names or sources, not '$what'"
	exit 2
	;;
esac
exit $failed
