#!/bin/sh
# check_mid_run.sh SDEISIM SAMPLES window NAME
# check_mid_run.sh SDEISIM SAMPLES noted NAME
# check_mid_run.sh SDEISIM SAMPLES whole
#
# window: NAME.trace (in SAMPLES) is a window of a run, which `sdeisim
# replay` reports as NAME.replay.txt does, diverging (exit 1), its notes
# suggesting --mid-run; with --mid-run its notes (what it assumed) and
# report are NAME.mid-run.txt's, with no divergence (exit 0); and `export
# yaml --mid-run` writes a scenario `sdeisim run` passes, where the export
# without it fails.
#
# noted: NAME.trace is a window whose start --mid-run cannot wholly
# assume, or whose assumptions the replay does not bear out: with
# --mid-run its notes and report are NAME.mid-run.txt's (exit 1 when that
# reports a divergence, else 0).
#
# In both, the notes of --mid-run come in the trace's line order (stable:
# those of one line in the order they are made).
#
# whole: every other sample trace (not window-, not bad-) is a whole run:
# on both profiles, --mid-run assumes nothing and the replay prints and
# exits as without it - but for the samples in ASSUMING, whole traces of a
# faulty dispatcher whose fault is what a window's start would be, which
# --mid-run (opt-in for that reason) assumes away, as listed.
#
# Runs inside SAMPLES so that file names in the output are the samples' own.
set -u
sdeisim=$1 dir=$2 mode=$3 name=${4:-}

# sample <tab> the notes it must assume (a regular expression) <tab> why
ASSUMING='imported-signal-to-masked-pe.trace	^imported-signal-to-masked-pe.trace:11: assumed: PE 1 unmasked \(its dispatch at line 11\)$	a dispatch on PE 1, which has not unmasked: the planted fault
recorded-spi-1-of-n-masked.trace	^recorded-spi-1-of-n-masked.trace:12: assumed: PE 2 unmasked \(its dispatch at line 12\)$	PE 2 PE_UNMASK left out by hand'

cd "$dir" || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
bad=0

fail() {
	echo "FAIL $*"
	bad=$((bad + 1))
}

# The notes in $1 (TRACE:LINE: ...) are in line order.
in_line_order() {
	awk -F: '$2 + 0 < last { bad = 1 } { last = $2 + 0 } END { exit bad }' "$1" ||
		{ fail "the notes of replay --mid-run are not in line order:"; cat "$1"; }
}

if [ "$mode" = noted ]; then
	"$sdeisim" replay "$name.trace" --mid-run > "$tmp/mid.txt" 2> "$tmp/mid-notes.txt"
	rc=$?
	cat "$tmp/mid-notes.txt" "$tmp/mid.txt" > "$tmp/both.txt"
	diff -u "$name.mid-run.txt" "$tmp/both.txt" || fail "replay --mid-run differs from $name.mid-run.txt"
	if grep -q ', 0 diverged$' "$name.mid-run.txt"; then want=0; else want=1; fi
	[ "$rc" = "$want" ] || fail "replay --mid-run exited $rc, expected $want"
	in_line_order "$tmp/mid-notes.txt"
	exit $((bad > 0))
fi

if [ "$mode" = window ]; then
	"$sdeisim" replay "$name.trace" > "$tmp/plain.txt" 2> "$tmp/plain-notes.txt"
	rc=$?
	diff -u "$name.replay.txt" "$tmp/plain.txt" || fail "replay differs from $name.replay.txt"
	[ "$rc" = 1 ] || fail "replay exited $rc, expected 1 (divergences)"
	grep -q -- '--mid-run assumes' "$tmp/plain-notes.txt" || fail "replay's notes do not suggest --mid-run"
	"$sdeisim" replay "$name.trace" --mid-run > "$tmp/mid.txt" 2> "$tmp/mid-notes.txt"
	rc=$?
	cat "$tmp/mid-notes.txt" "$tmp/mid.txt" > "$tmp/both.txt"
	diff -u "$name.mid-run.txt" "$tmp/both.txt" || fail "replay --mid-run differs from $name.mid-run.txt"
	[ "$rc" = 0 ] || fail "replay --mid-run exited $rc, expected 0"
	in_line_order "$tmp/mid-notes.txt"
	"$sdeisim" export yaml "$name.trace" --mid-run -o "$tmp/mid.yaml" 2> /dev/null || fail "export yaml --mid-run exited $?"
	"$sdeisim" run "$tmp/mid.yaml" > "$tmp/run.txt" 2>&1 || { fail "the scenario export yaml --mid-run wrote fails:"; cat "$tmp/run.txt"; }
	"$sdeisim" export yaml "$name.trace" -o "$tmp/plain.yaml" 2> /dev/null || fail "export yaml exited $?"
	"$sdeisim" run "$tmp/plain.yaml" > "$tmp/run.txt" 2>&1 && fail "the scenario export yaml wrote (no --mid-run) passes"
	exit $((bad > 0))
fi

n=0
for f in *.trace; do
	case $f in window-*|bad-*) continue ;; esac
	n=$((n + 1))
	want=
	while IFS='	' read -r af are awhy; do
		[ "$af" = "$f" ] && want=$are
	done <<LIST
$ASSUMING
LIST
	for profile in default tf-a-fvp; do
		"$sdeisim" replay "$f" --profile "$profile" > "$tmp/plain.txt" 2> /dev/null
		rc=$?
		"$sdeisim" replay "$f" --profile "$profile" --mid-run > "$tmp/mid.txt" 2> "$tmp/mid-notes.txt"
		mrc=$?
		grep -E 'assumed|cannot assume' "$tmp/mid-notes.txt" > "$tmp/assumed.txt"
		if [ -n "$want" ]; then
			[ "$(wc -l < "$tmp/assumed.txt")" = 1 ] && grep -Eq "$want" "$tmp/assumed.txt" ||
				{ fail "$f ($profile): --mid-run should assume only what ASSUMING says:"; cat "$tmp/assumed.txt"; }
			continue
		fi
		[ -s "$tmp/assumed.txt" ] && { fail "$f ($profile): --mid-run assumes something of a whole trace:"; cat "$tmp/assumed.txt"; }
		cmp -s "$tmp/plain.txt" "$tmp/mid.txt" && [ "$rc" = "$mrc" ] ||
			{ fail "$f ($profile): replay --mid-run differs from replay (exit $mrc, $rc):"; diff "$tmp/plain.txt" "$tmp/mid.txt"; }
	done
done
echo "$n whole sample traces, $bad failed"
[ "$bad" = 0 ] && [ "$n" -gt 0 ]
