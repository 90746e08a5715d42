#!/bin/sh
# check_replay_paths.sh FUZZ_TRACES_REPLAY - a path the replayer cannot
# run is an error (exit 2, said as PATH:1:1: REASON), never a pass: a directory with
# no input below it (it ran as "0 inputs, no finding", exit 0), a missing
# path, a symlink loop (told as "no such file"), a FIFO below a directory
# (listed, not read: it was opened and waited for ever); the other
# inputs still run.  A summary lost to a full standard output is exit 2.
set -u
tool=$1
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# expect WANT_RC STDERR_LINE ARGS... - runs the tool on ARGS
expect() {
  want=$1 line=$2
  shift 2
  timeout 10 "$tool" trace "$@" >out 2>err
  rc=$?
  [ "$rc" = "$want" ] || fail "$*: exit $rc, expected $want ($(cat out err))"
  [ -z "$line" ] || grep -qxF "$line" err || fail "$*: stderr: $(cat err), expected '$line'"
}
printf '# sdeisim-trace 2\n' > good
mkdir -p empty/sub
expect 2 "empty:1:1: no input below the directory" good empty
grep -qx '1 input, no finding' out || fail "the good input did not run beside the empty directory: $(cat out)"
expect 2 "missing:1:1: cannot open the file: No such file or directory" missing
ln -s loop-b loop-a && ln -s loop-a loop-b
expect 2 "loop-a:1:1: cannot open the file: Too many levels of symbolic links" loop-a
mkdir fifo && mkfifo fifo/f && cp good fifo/g
expect 2 "fifo/f:1:1: not a regular file (a FIFO, socket or device): not read" fifo
grep -qx '1 input, no finding' out || fail "fifo: $(cat out)"
expect 0 "" good
# a summary that does not reach standard output (a full disk) is a failure
timeout 10 "$tool" trace good >/dev/full 2>err
rc=$?
[ "$rc" = 2 ] && grep -qxF "fuzz_traces_replay: standard output: write error: No space left on device" err ||
  fail "a full standard output: exit $rc, stderr: $(cat err)"
echo "check_replay_paths: $fails failed"
[ "$fails" -eq 0 ]
