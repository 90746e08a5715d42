#!/bin/sh
# check_export_system_off.sh SDEISIM SAMPLES CASE - `export yaml` of a
# trace with a SYSTEM_OFF, which ends the scenario's run: the checks of
# what came before it run before it, and what the trace shows after it is
# said (the replay compares it; no step runs there).  The traces are
# samples/recorded-system-off-while-a-handler-waits.trace changed here.
#
#   checks-before  its dispatches, acknowledgements, completions and
#                  handler calls left out (a firmware that never
#                  dispatched): the replay diverges at both SIGNALs'
#                  dispatches, and the scenario fails at the empty
#                  expect_dispatches step just before PE 0's SYSTEM_OFF
#                  (before, that step came after the SYSTEM_OFF, never
#                  ran, and the scenario passed)
#   after          the SYSTEM_OFF twice: the replay diverges at the
#                  second, which the export notes it cannot check
#   notes          the notes of the SYSTEM_OFF, whole (and of
#                  samples/recorded-system-off-in-handler.trace): none
#                  where the trace shows what the SYSTEM_OFF did (its PE's
#                  handler completed implicitly, the PEs powered off);
#                  with that completion left out (and the handler's
#                  other call: the SYSTEM_OFF is its first), one at the
#                  handler's dispatch, which the SYSTEM_OFF completes in
#                  the replay and the scenario cannot check
set -u
sdeisim=$1 samples=$2 case=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
sample=$samples/recorded-system-off-while-a-handler-waits.trace

case $case in
checks-before)
	grep -v '^dispatch\|^irq\|^complete\| h=1 ' "$sample" > "$tmp/t.trace"
	"$sdeisim" replay "$tmp/t.trace" > "$tmp/replay" 2>&1
	[ $? = 1 ] && grep -qF "t.trace:11: PE 1: the replay dispatched event 0" "$tmp/replay" ||
		{ echo "expected the replay to diverge at line 11:"; cat "$tmp/replay"; exit 1; }
	"$sdeisim" export yaml "$tmp/t.trace" -o "$tmp/s.yaml" 2>/dev/null || { echo "export yaml failed"; exit 1; }
	tail -n 2 "$tmp/s.yaml" > "$tmp/end"
	printf '  - expect_dispatches: []\n  - {pe: 0, psci: SYSTEM_OFF}\n' | cmp -s - "$tmp/end" ||
		{ echo "expected the scenario to end with expect_dispatches: [] then the SYSTEM_OFF:"; cat "$tmp/s.yaml"; exit 1; }
	"$sdeisim" run "$tmp/s.yaml" > "$tmp/out" 2>&1
	rc=$?
	if [ "$rc" != 1 ] || ! grep -qF "s.yaml:18:5: expected 0 handler entries, got 2" "$tmp/out"; then
		echo "expected exit 1 at the expect_dispatches step, got exit $rc:"; cat "$tmp/out"; exit 1
	fi ;;
after)
	awk '/fn=SYSTEM_OFF/ { print } { print }' "$sample" > "$tmp/t.trace"
	"$sdeisim" replay "$tmp/t.trace" > "$tmp/replay" 2>&1
	[ $? = 1 ] && grep -qF "t.trace:20: SYSTEM_OFF on PE 0: the replay did not make this call" "$tmp/replay" ||
		{ echo "expected the replay to diverge at line 20:"; cat "$tmp/replay"; exit 1; }
	"$sdeisim" export yaml "$tmp/t.trace" -o "$tmp/s.yaml" 2> "$tmp/err" || { echo "export yaml failed"; exit 1; }
	note="t.trace:20: after the SYSTEM_OFF at line 19, which ends the run: the exported scenario cannot check this record (the replay compares it)"
	grep -qF "$note" "$tmp/err" || { echo "expected the note: $note"; cat "$tmp/err"; exit 1; }
	"$sdeisim" run "$tmp/s.yaml" > "$tmp/out" 2>&1 || { echo "expected sdeisim run to pass:"; cat "$tmp/out"; exit 1; } ;;
notes)
	in_handler=$samples/recorded-system-off-in-handler.trace
	ack="the exported scenario checks the dispatches interrupts lead to, not the acknowledgements: one that dispatches nothing, in the trace or in the replay, is a divergence only the replay reports"
	cp "$in_handler" "$tmp/h.trace"
	sed '10d;12d' "$in_handler" > "$tmp/i.trace"   # the handler's STATUS, and its implicit completion
	[ "$(grep -c '^complete .* how=implicit\| h=1 fn=EVENT_STATUS' "$tmp/i.trace")" = 0 ] ||
		{ echo "lines 10 and 12 are no longer the STATUS and the implicit completion"; exit 1; }
	cp "$sample" "$tmp/w.trace"
	for t in h w i; do
		(cd "$tmp" && "$sdeisim" export yaml $t.trace -o $t.yaml 2> $t.err) || { echo "export yaml of $t.trace failed"; exit 1; }
	done
	printf 'h.trace:7: %s\n' "$ack" | cmp -s - "$tmp/h.err" ||
		{ echo "expected one note of h.trace (a handler's SYSTEM_OFF, its completion shown):"; cat "$tmp/h.err"; exit 1; }
	printf 'w.trace:17: the trace ends with 1 handler running on PE 1, the innermost this dispatch'"'"'s (event 0)\nw.trace:10: %s\n' "$ack" |
		cmp -s - "$tmp/w.err" || { echo "expected two notes of w.trace (PE 1's handler waits):"; cat "$tmp/w.err"; exit 1; }
	printf 'i.trace:9: the trace ends with 1 handler running on PE 2, the innermost this dispatch'"'"'s (event 0)\ni.trace:9: the trace ends inside this handler, which the SYSTEM_OFF at line 10 completes: the exported scenario cannot check that (its run ends there; the replay compares it)\ni.trace:7: %s\n' "$ack" |
		cmp -s - "$tmp/i.err" || { echo "expected three notes of i.trace (the SYSTEM_OFF completes the handler):"; cat "$tmp/i.err"; exit 1; } ;;
*)
	echo "unknown case $case"; exit 1 ;;
esac
exit 0
