#!/bin/sh
# check_tfa_platform.sh TOOL SAMPLES
#
# import tf-a-log --platform numbers the PEs by the platform's mpidr list:
# the sample log with PE 1's MPIDR changed to 0x80000100 imports on a
# platform {pes: 2, mpidr: [0, 0x100]} with PE 1's records on pe=1 (it was
# exit 2, "MPIDR 0x80000100 is no PE of profile default"), and an MPIDR the
# list lacks is an error though the profile has it.
set -u
tool=$1 samples=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
sed 's/80000001/80000100/g' "$samples/tf-a-verbose.log" > "$tmp/uart1.log" || exit 1
printf 'name: p\nplatform: {pes: 2, mpidr: [0, 0x100]}\nsteps: []\n' > "$tmp/p.yaml"
printf 'name: q\nplatform: {pes: 2, mpidr: [0, 0x200]}\nsteps: []\n' > "$tmp/q.yaml"
cd "$tmp" || exit 1
"$tool" import tf-a-log uart1.log --platform p.yaml -o p.trace || { echo "import on p.yaml failed"; exit 1; }
grep -q '^platform profile=default pes=2 mpidr=0x0,0x100 ' p.trace || { echo "no platform record"; cat p.trace; exit 1; }
grep -q '^call .* pe=1 .*fn=EVENT_REGISTER' p.trace || { echo "no call on pe=1"; cat p.trace; exit 1; }
err=$("$tool" import tf-a-log uart1.log --platform q.yaml 2>&1 >/dev/null)
[ $? = 2 ] || { echo "import on q.yaml: not exit 2"; exit 1; }
want="uart1.log:21:25: MPIDR 0x80000100 is no PE of the platform (MPIDRs 0x0, 0x200)"
[ "$err" = "$want" ] || { echo "expected: $want"; echo "got: $err"; exit 1; }
exit 0
