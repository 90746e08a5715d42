#!/bin/sh
# check_long_tokens.sh TOOL SAMPLES CASE
#
# A message that quotes an input's token says it to its first 64 characters
# and "... (N characters)", and the rest of the message whole; one that lists
# a platform's MPIDRs lists all 64.  Before, the TF-A importer's messages
# went through 300 bytes and the trace reader's platform field errors
# through 400, and the reader's through its error buffer: a long token
# pushed the end of the message out, and 63 MPIDRs did not fit (64 were
# said to be the profile's).  CASE is one of mpidrs-64, number-cut,
# number-wide, policy-name, policy-value, features, decimal-range, or a
# trace line's record kind, key=value word, field name or fn= (record-kind,
# key-value, field-name, fn-name: these were quoted whole into the
# reader's error, and one of 10000 characters lost its end).
set -u
tool=$1 samples=$2 case=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
x300=$(printf '%300s' '' | tr ' ' x)
x64=$(printf '%64s' '' | tr ' ' x)
x10k=$(printf '%10000s' '' | tr ' ' x)
z64=$(printf '%064d' 0)
n64=$(printf "%064d" 0 | tr 0 9)
head -15 "$samples/tf-a-verbose.log" > log || exit 1
trace() {
	printf '# sdeisim-trace 2\nplatform profile=default pes=%s el=2 conduit=smc%s\n' "$1" "$2" > t.trace
}
case $case in
mpidrs-64)
	sed 's/80000001/80000100/g' "$samples/tf-a-verbose.log" > log
	list=$(k=0; while [ $k -lt 64 ]; do printf '0xff00ffff%02x' $k; [ $k -lt 63 ] && printf ', '; k=$((k + 1)); done)
	printf 'name: p\nplatform: {pes: 64, mpidr: [%s]}\nsteps: []\n' "$list" > p.yaml
	cmd="import tf-a-log log --platform p.yaml"
	want="log:14:25: MPIDR 0x80000000 is no PE of the platform (MPIDRs $list)" ;;
number-cut)
	printf 'VERBOSE: SDEI: > ENABLE(n:0)\nVERBOSE: SDEI: < ENABLE:%0600d5' 0 >> log
	cmd="import tf-a-log log"
	want="log:17:25: the number '$z64... (601 characters)' may be cut short: TF-A prints numbers with no fixed width (the input ends in the middle of this line)" ;;
number-wide)
	printf 'VERBOSE: SDEI: > ENABLE(n:%0600d99999999999)\n' 0 >> log
	cmd="import tf-a-log log"
	want="log:16:27: the argument $z64... (611 characters) does not fit in 32 bits" ;;
policy-name)
	trace 2 " policy=$x300:none"
	cmd="replay t.trace"
	want="t.trace:2:56: policy: '$x64... (300 characters)' is not a policy (upper_bits, signal, bind, resume_error, entry_pstate, resume_pstate, entry_regs, signaled, mask_result, unbound, priv_route, ctx_order, rel_vbar, cpu_on, mpidr, explicit_err, number_space, mask_timing, reset_release, unreg_trigger, bound_active or reset_signal)" ;;
policy-value)
	trace 2 " policy=reset_release:$x300"
	cmd="replay t.trace"
	want="t.trace:2:70: policy: reset_release is none or unused, found '$x64... (300 characters)'" ;;
features)
	trace 2 " features=PAN,$x300"
	cmd="replay t.trace"
	want="t.trace:2:62: features: '$x64... (300 characters)' is not a feature (PAN, UAO, SSBS, BTI, MTE2, NMI or VHE)" ;;
decimal-range)
	trace "$(printf '%010000d' 0 | tr 0 9)" ""
	cmd="replay t.trace"
	want="t.trace:2:30: pes=$n64... (10000 characters): out of range (at most 64)" ;;
record-kind)
	trace 2 ""
	printf '%s t=1\n' "$x10k" >> t.trace
	cmd="replay t.trace"
	want="t.trace:3:1: unknown record kind '$x64... (10000 characters)'" ;;
key-value)
	trace 2 ""
	printf 'call %s\n' "$x10k" >> t.trace
	cmd="replay t.trace"
	want="t.trace:3:6: expected key=value, found '$x64... (10000 characters)'" ;;
field-name)
	trace 2 ""
	printf 'call %s=1\n' "$x10k" >> t.trace
	cmd="replay t.trace"
	want="t.trace:3:6: call records have no field '$x64... (10000 characters)'" ;;
fn-name)
	trace 2 ""
	printf 'call t=1 pe=0 conduit=smc el=2 h=0 fn=%s x0=0xc4000028 x1=0x0 x2=0x0 x3=0x0 x4=0x0 x5=0x0 end=ret r0=0x7\n' \
		"$x10k" >> t.trace
	cmd="replay t.trace"
	want="t.trace:3:39: fn=$x64... (10000 characters) does not name the function in x0" ;;
*)
	echo "unknown case $case"; exit 1 ;;
esac
# shellcheck disable=SC2086
got=$("$tool" $cmd 2>&1 >/dev/null)
st=$?
[ $st = 2 ] || { echo "$cmd: exit $st, not 2"; exit 1; }
[ "$got" = "$want" ] || { echo "expected: $want"; echo "got:      $got"; exit 1; }
exit 0
