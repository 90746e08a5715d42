#!/bin/sh
# check_export_limits.sh SDEISIM CASE - `export yaml` of a long trace, made
# here (awk), writes a scenario `sdeisim run` loads, or refuses: exit 2, no
# file, and a message that names the loader's limit and says what to do.
# Before, each trace below was written to a file `sdeisim run` refused
# (exit 2: "too many handlers: at most 256", "the file is too large",
# "too many YAML nodes"), and export yaml exited 0.
#
#   rounds-300        300 rounds of event 0 (REGISTER with its own argument,
#                     ENABLE, SIGNAL, the handler's COMPLETE, UNREGISTER): one
#                     handler serves them all (the argument is each dispatch's
#                     `arg`), and the scenario passes
#   distinct-300      the same, each handler asking the STATUS of another
#                     event: 300 handlers, refused; `sdeisim replay` refuses
#                     it too, saying to replay a window (--lines), and a
#                     window of 100 rounds replays
#   rounds-3000       3000 rounds: more bytes than a scenario file may have
#   calls-33000       one round whose handler makes 33,000 calls: more
#                     handler actions than the simulator holds (32,736
#                     records): `sdeisim replay` refuses it saying to replay
#                     a window (--lines), as it does 300 handlers (before:
#                     "handler 'ev0_line4': too many handler actions: ..."),
#                     and a window of 20,000 calls replays
#   vendor-17000      17,000 vendor SMCs with 5 arguments: more YAML nodes
#   system-off-arg    a dispatch whose handler calls SYSTEM_OFF, with another
#                     argument than its registration's: the run ends at the
#                     SYSTEM_OFF, and the expect_dispatches step that checks
#                     the argument comes before it (the handler yields before
#                     the call, a `resume` step makes it), so the scenario
#                     fails there; the expect_entry checks no x1 (before, a
#                     trace with a SYSTEM_OFF kept x1 in it, the step after
#                     the window not running)
set -u
sdeisim=$1 case=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

# gen N KIND (same, distinct, vendor): the trace, on standard output
gen() {
	awk -v n="$1" -v kind="$2" 'BEGIN {
		c = "call t=%d pe=0 conduit=smc el=2 h=%d fn=%s x0=%s x1=%s x2=%s x3=%s x4=0x0 x5=0x0 end=%s"
		print "# sdeisim-trace 2"
		print "platform profile=default pes=4 el=2 conduit=smc"
		t = 1
		if (kind == "vendor") {
			for (k = 0; k < n; k++)
				printf "call t=%d pe=0 conduit=smc el=2 h=0 x0=0xc2000001 x1=0x1 x2=0x2 x3=0x3 x4=0x4 x5=0x5 end=ret\n", t++
			exit
		}
		printf c " r0=0x0\n", t++, 0, "PE_UNMASK", "0xc400002c", "0x0", "0x0", "0x0", "ret"
		rounds = kind == "calls" ? 1 : n
		for (k = 0; k < rounds; k++) {
			arg = sprintf("0x%x", 4096 + k)
			printf c " r0=0x0\n", t++, 0, "EVENT_REGISTER", "0xc4000021", "0x0", "0x11000", arg, "ret"
			printf c " r0=0x0\n", t++, 0, "EVENT_ENABLE", "0xc4000022", "0x0", "0x0", "0x0", "ret"
			printf c " r0=0x0\n", t++, 0, "EVENT_SIGNAL", "0xc400002f", "0x0", "0x0", "0x0", "ret"
			printf "irq t=%d pe=0 intid=8 how=ack res=dispatched\n", t++
			printf "dispatch t=%d pe=0 event=0 ep=0x11000 cause=irq intid=8 depth=1 x0=0x0 x1=%s x2=0x10800 x3=0x9 pstate=0x3c9\n", t++, arg
			if (kind == "distinct")
				printf c " r0=0xfffffffffffffffe\n", t++, 1, "EVENT_STATUS", "0xc4000028", sprintf("0x%x", 100 + k), "0x0", "0x0", "ret"
			for (j = 0; kind == "calls" && j < n; j++)
				printf c " r0=0xfffffffffffffffe\n", t++, 1, "EVENT_STATUS", "0xc4000028", sprintf("0x%x", 100 + j), "0x0", "0x0", "ret"
			printf c "\n", t++, 1, "EVENT_COMPLETE", "0xc4000025", "0x0", "0x0", "0x0", "complete"
			printf "complete t=%d pe=0 event=0 how=complete status=0x0 pc=0x10800 pstate=0x9 depth=0\n", t++
			printf c " r0=0x0\n", t++, 0, "EVENT_UNREGISTER", "0xc4000027", "0x0", "0x0", "0x0", "ret"
		}
	}'
}

# refused LIMIT: export yaml exits 2, writes no file, and says LIMIT and
# what to do
refused() {
	"$sdeisim" export yaml t.trace -o s.yaml 2> err
	rc=$?
	msg="t.trace: too long for one scenario ($1): export a shorter window of it (--lines FROM-TO)"
	if [ "$rc" != 2 ] || [ -e s.yaml ] || ! grep -qxF "$msg" err; then
		echo "expected exit 2, no s.yaml, and: $msg"
		echo "got exit $rc$( [ -e s.yaml ] && echo ', s.yaml written')"; cat err
		[ -e s.yaml ] && "$sdeisim" run s.yaml
		exit 1
	fi
}

# replay_refused LIMIT: `sdeisim replay` exits 2 saying the trace is too
# long to replay at once (LIMIT) and to replay a window of it
replay_refused() {
	"$sdeisim" replay t.trace > out 2> err
	rc=$?
	msg="t.trace: too long to replay at once ($1): replay a window of it (--lines FROM-TO)"
	[ "$rc" = 2 ] && grep -qxF "$msg" err || { echo "expected replay to exit 2 with: $msg"; echo "got exit $rc:"; cat err; exit 1; }
}

# window_replays LINES N: `sdeisim replay --lines LINES` matches N records, diverging nowhere
window_replays() {
	"$sdeisim" replay t.trace --lines "$1" > out 2> err || { echo "replay --lines $1 failed:"; cat out err; exit 1; }
	grep -qx "$2 matched, 0 diverged" out || { echo "expected $2 matched:"; cat out; exit 1; }
}

case $case in
rounds-300)
	gen 300 same > t.trace
	"$sdeisim" export yaml t.trace -o s.yaml 2> err || { echo "export yaml failed:"; cat err; exit 1; }
	"$sdeisim" run s.yaml > out 2>&1 || { echo "sdeisim run failed:"; cat out; exit 1; }
	n=$(grep -c '^  ev0_line' s.yaml)
	[ "$n" = 1 ] || { echo "expected one handler, got $n"; exit 1; } ;;
distinct-300)
	gen 300 distinct > t.trace
	refused "300 handlers: a scenario file may have at most 256"
	# nor can the simulator replay it at once: it says so, and what to do
	replay_refused "300 handlers: the simulator holds at most 256"
	# a window of it replays: rounds 101-200 (9 records each), mid-run
	window_replays 904-1803 900 ;;
rounds-3000)
	gen 3000 same > t.trace
	refused "1158493 bytes: a scenario file may have at most 1048576" ;;
calls-33000)
	gen 33000 calls > t.trace
	replay_refused "33003 handler action records: the simulator holds at most 32736"
	# lines 3-20002: the round's start and its first 19,994 calls, the
	# handler running when the window ends
	window_replays 3-20002 20000 ;;
vendor-17000)
	gen 17000 vendor > t.trace
	refused "204014 YAML nodes: a scenario file may have at most 200000" ;;
system-off-arg)
	cat > t.trace <<-EOF
	# sdeisim-trace 2
	platform profile=default pes=4 el=2 conduit=smc
	call t=2 pe=0 conduit=smc el=2 h=0 fn=PE_UNMASK x0=0xc400002c x1=0x0 x2=0x0 x3=0x0 x4=0x0 x5=0x0 end=ret r0=0x0
	call t=4 pe=0 conduit=smc el=2 h=0 fn=EVENT_REGISTER x0=0xc4000021 x1=0x0 x2=0x11000 x3=0x1234 x4=0x0 x5=0x0 end=ret r0=0x0
	call t=6 pe=0 conduit=smc el=2 h=0 fn=EVENT_ENABLE x0=0xc4000022 x1=0x0 x2=0x0 x3=0x0 x4=0x0 x5=0x0 end=ret r0=0x0
	call t=8 pe=0 conduit=smc el=2 h=0 fn=EVENT_SIGNAL x0=0xc400002f x1=0x0 x2=0x0 x3=0x0 x4=0x0 x5=0x0 end=ret r0=0x0
	irq t=9 pe=0 intid=8 how=ack res=dispatched
	dispatch t=10 pe=0 event=0 ep=0x11000 cause=irq intid=8 depth=1 x0=0x0 x1=0x1235 x2=0x10800 x3=0x9 pstate=0x3c9
	call t=11 pe=0 conduit=smc el=2 h=1 fn=SYSTEM_OFF x0=0x84000008 x1=0x0 x2=0x0 x3=0x0 x4=0x0 x5=0x0 end=none
	complete t=11 pe=0 event=0 how=implicit depth=0
	EOF
	"$sdeisim" export yaml t.trace -o s.yaml 2> err || { echo "export yaml failed:"; cat err; exit 1; }
	"$sdeisim" run s.yaml > out 2>&1
	rc=$?
	if [ "$rc" != 1 ] || ! grep -qF "expected entry 1 with argument 0x1235, got 0x1234" out; then
		echo "expected exit 1 at the expect_dispatches argument, got exit $rc:"; cat out; exit 1
	fi
	grep -q 'expect_entry: {x0: 0, pstate: 0x3C9}' s.yaml || { echo "expected an expect_entry without x1:"; cat s.yaml; exit 1; } ;;
*)
	echo "unknown case $case"; exit 1 ;;
esac
exit 0
