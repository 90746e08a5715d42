#!/bin/sh
# check_lines.sh SDEISIM_BATCH SAMPLES
#
# `--lines FROM-TO` replays (and exports) the window of a trace those
# lines hold, exactly as the trace cut by hand would replay: the records
# outside it made comment lines (so that every line keeps its number),
# the header, comments and platform records kept, and on each PE an
# exchange an edge splits kept whole (cut_by_hand) - with --mid-run when
# records before the window were cut, which --lines implies and notes
# once, at the window's first record.  For
# every whole sample trace (not window-, not bad-) and several windows of
# each (all of it, from its second record, its second half, its first
# half, its middle), the replay's report, notes and exit status, the
# scenario `export yaml` writes (but for its title and description, which
# say the lines) and the timeline `export timeline` writes are the
# hand-cut trace's; and the scenario of a window that replays with no
# divergence passes `sdeisim run`.  And a window's edges make no
# divergence of their own (below: 52 windows of the clean samples).  The samples have no warning record:
# warned.trace, made here, is one of them with warnings before its first
# record and inside it (a warning is not replayed: none cut makes the
# window mid-run), and a window of its warnings alone is no window (exit
# 2, as one with no record: before, it replayed nothing and passed).
#
# Runs inside a copy of SAMPLES, the hand-cut trace under the same name
# in a directory beside it, so that file names in the output are alike.
# The commands run in one process (SDEISIM_BATCH, tools/tests'
# sdeisim_batch), not some 1,300 of their own.
set -u
batch=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") samples=$2
. "$(dirname "$0")/../../tools/tests/sdeisim_batch.sh"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
batch_start "$batch" "$tmp"
mkdir "$tmp/whole" "$tmp/cut" "$tmp/out"
cp "$samples"/*.trace "$tmp/whole/" || exit 1
awk 'NR == 3 { print "warning msg=before%20the%20first%20record"; print "warning t=1 pe=1 msg=again" }
     NR == 11 { print "warning msg=inside" } { print }' "$samples/fvp-multi-pe-signal.trace" > "$tmp/whole/warned.trace"
bad=0 windows=0 cutwins=0 passed=0
NOTE='the window starts here, after [0-9]+ records? it does not read: it is replayed as --mid-run replays a window of a run$'

fail() {
	echo "FAIL $*"
	bad=$((bad + 1))
}

# The trace $1 with lines $2..$3 only: other record lines made "#", the
# lines after $3 too; the header, comments and platform records before
# $3 kept - and, on each PE, an exchange the window's edges split (a call
# or an acknowledge, and the dispatch or completion it made) kept whole:
# the record before $2 a PE's first record in the window follows from,
# the record after $3 its last one there is owed.  (A second reading of
# the rule trace_window.c follows, written apart from it.)
cut_by_hand() {
	awk -v a="$2" -v b="$3" '
	function kind(line) {
		if (line ~ /^call / || (line ~ /^irq / && line ~ / how=ack( |$)/)) return "cause"
		if (line ~ /^(dispatch|complete) /) return "consequence"
		return "other"
	}
	function pe_of(line) { return match(line, / pe=[0-9]+/) ? substr(line, RSTART + 4, RLENGTH - 4) : "" }
	FNR == NR {
		if (FNR == 1 || $0 !~ /^[a-z]/ || /^(platform|warning) /) next
		p = pe_of($0); k = kind($0)
		if (FNR < a) { last_line[p] = FNR; last_kind[p] = k; next }
		if (FNR <= b) {
			if (!(p in first) && k == "consequence" && last_kind[p] == "cause") keep[last_line[p]] = 1
			first[p] = 1; end_kind[p] = k; next
		}
		if (!(p in after)) { after[p] = 1; if (end_kind[p] == "cause" && k == "consequence") keep[FNR] = 1 }
		next
	}
	FNR == 1 || /^#/ || /^[ \t]*$/ || (/^platform / && FNR <= b) || (FNR >= a && FNR <= b) || (FNR in keep) { print; next }
	{ print "#" }' "$1" "$1"
}

# The records (not platform, warning) of trace $1 before line $2.
records_before() {
	awk -v a="$2" 'NR > 1 && NR < a && /^[a-z]/ && !/^(platform|warning) /' "$1" | wc -l
}

# Replay and export window $2-$3 of sample $1 both ways and compare.
check_window() {
	f=$1 from=$2 to=$3
	windows=$((windows + 1))
	cut_by_hand "$tmp/whole/$f" "$from" "$to" > "$tmp/cut/$f"
	# records before the window (but a cause kept): --lines replays it as --mid-run
	before=$(($(records_before "$tmp/whole/$f" "$from") - $(records_before "$tmp/cut/$f" "$from")))
	mid=
	[ "$before" -gt 0 ] && mid=--mid-run && cutwins=$((cutwins + 1))
	(cd "$tmp/whole" && sdeisim "$tmp/out/lines.txt" "$tmp/out/lines-notes.txt" replay "$f" --lines "$from-$to")
	rc=$?
	(cd "$tmp/cut" && sdeisim "$tmp/out/cut.txt" "$tmp/out/cut-notes.txt" replay "$f" $mid)
	crc=$?
	n=$(grep -Ec "$NOTE" "$tmp/out/lines-notes.txt")
	if [ -n "$mid" ] && [ "$n" != 1 ]; then
		fail "$f --lines $from-$to: cuts $before records, but notes that $n times:"; cat "$tmp/out/lines-notes.txt"
	elif [ -z "$mid" ] && [ "$n" != 0 ]; then
		fail "$f --lines $from-$to: cuts no record, but notes the window starts mid-run"
	fi
	replayed=$rc
	grep -Ev "$NOTE" "$tmp/out/lines-notes.txt" > "$tmp/out/lines-rest.txt"
	if ! cmp -s "$tmp/out/lines.txt" "$tmp/out/cut.txt" || ! cmp -s "$tmp/out/lines-rest.txt" "$tmp/out/cut-notes.txt" ||
	   [ "$rc" != "$crc" ]; then
		fail "$f --lines $from-$to: replays otherwise (exit $rc) than the trace cut by hand ($mid, exit $crc):"
		diff "$tmp/out/cut-notes.txt" "$tmp/out/lines-rest.txt"
		diff "$tmp/out/cut.txt" "$tmp/out/lines.txt"
	fi
	(cd "$tmp/whole" && sdeisim "$tmp/out/lines.json" = export timeline "$f" --lines "$from-$to")
	rc=$?
	(cd "$tmp/cut" && sdeisim "$tmp/out/cut.json" = export timeline "$f")
	crc=$?
	[ "$rc" = 0 ] && [ "$crc" = 0 ] && cmp -s "$tmp/out/lines.json" "$tmp/out/cut.json" ||
		fail "$f --lines $from-$to: export timeline (exit $rc) is not the hand-cut trace's (exit $crc)"
	[ "$replayed" = 2 ] && return
	(cd "$tmp/whole" && sdeisim /dev/null /dev/null export yaml "$f" --lines "$from-$to" -o "$tmp/out/lines.yaml")
	rc=$?
	(cd "$tmp/cut" && sdeisim /dev/null /dev/null export yaml "$f" $mid -o "$tmp/out/cut.yaml")
	crc=$?
	[ "$rc" = "$crc" ] || fail "$f --lines $from-$to: export yaml exits $rc, of the trace cut by hand $crc"
	[ "$rc" = 0 ] || return
	grep -Fq "name: replay of $f, lines $from-$to" "$tmp/out/lines.yaml" ||
		fail "$f --lines $from-$to: the scenario's name does not say the lines"
	grep -Fq "The replay of $f, lines $from-$to (sdeisim export yaml)" "$tmp/out/lines.yaml" ||
		fail "$f --lines $from-$to: the scenario's description does not say the lines"
	sed "s/, lines $from-$to//" "$tmp/out/lines.yaml" > "$tmp/out/lines-unnamed.yaml"
	cmp -s "$tmp/out/lines-unnamed.yaml" "$tmp/out/cut.yaml" ||
		{ fail "$f --lines $from-$to: export yaml writes otherwise than of the trace cut by hand:";
		  diff "$tmp/out/cut.yaml" "$tmp/out/lines-unnamed.yaml"; }
	if grep -q ', 0 diverged$' "$tmp/out/lines.txt"; then
		if sdeisim "$tmp/out/run.txt" = run "$tmp/out/lines.yaml"; then
			passed=$((passed + 1))
		else
			fail "$f --lines $from-$to: replays with no divergence, but its scenario fails:"; cat "$tmp/out/run.txt"
		fi
	fi
}

for path in "$tmp"/whole/*.trace; do
	f=${path##*/}
	case $f in window-*|bad-*) continue ;; esac
	# the lines of its records (not platform, warning)
	set -- $(awk '/^[a-z]/ && !/^(platform|warning) / { print NR }' "$path")
	[ $# -ge 4 ] || continue
	n=$# first=$1 second=$2 last=$(eval echo \${$n}) half=$(eval echo \${$((n / 2 + 1))})
	third=$3 penult=$(eval echo \${$((n - 1))})
	total=$(wc -l < "$path")
	check_window "$f" "$first" "$last"
	check_window "$f" "$second" "$total"
	check_window "$f" "$half" "$total"
	check_window "$f" 1 "$half"
	check_window "$f" "$third" "$penult"
done
# lines 3-4 of warned.trace: its first two warnings, nothing to replay
for cmd in replay "export yaml" "export timeline"; do
	(cd "$tmp/whole" && sdeisim "$tmp/out/warn.txt" = $cmd warned.trace --lines 3-4)
	rc=$?
	grep -qx 'warned.trace: no record at lines 3-4 (--lines)' "$tmp/out/warn.txt" && [ "$rc" = 2 ] ||
		{ fail "$cmd warned.trace --lines 3-4 (warnings alone): exit $rc, not 2 with 'no record':"; cat "$tmp/out/warn.txt"; }
done
# A window's edges make no divergence of their own: of every sample that
# replays whole with no divergence, the windows from its second or third
# record to its second- or third-last replay with none (18 of 52 diverged
# when an edge could split an exchange, 2 when --mid-run took no hold for
# a registration).
clean=0
for path in "$tmp"/whole/*.trace; do
	f=${path##*/}
	case $f in window-*|bad-*|warned.trace) continue ;; esac
	(cd "$tmp/whole" && sdeisim /dev/null = replay "$f") || continue
	set -- $(awk '/^[a-z]/ && !/^(platform|warning) / { print NR }' "$path")
	[ $# -ge 6 ] || continue
	n=$#
	for a in $2 $3; do
		for b in $(eval echo \${$((n - 1))} \${$((n - 2))}); do
			clean=$((clean + 1))
			(cd "$tmp/whole" && sdeisim "$tmp/out/edge.txt" = replay "$f" --lines "$a-$b") ||
				{ fail "$f --lines $a-$b diverges, the whole trace does not:"; cat "$tmp/out/edge.txt"; }
		done
	done
done
batch_stop
echo "$windows windows ($cutwins of them after records cut), $passed exported scenarios passed, $clean edge windows, $bad failed"
[ "$bad" = 0 ] && [ "$windows" -gt 50 ] && [ "$cutwins" -gt 20 ] && [ "$passed" -gt 20 ] && [ "$clean" -gt 40 ]
