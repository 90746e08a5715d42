# tools/lib/help.sh - sourced by the tools' scripts, for their --help.
#
# tool_help SCRIPT - SCRIPT's opening comment (its second line to the
# first line that is not a comment), without the comment marks: what the
# tool does, its usage and its exit status.  When it does not all reach
# standard output (a full disk), the tool has failed, as the sdeisim
# programs fail: "NAME: standard output: write error: REASON" (NAME
# SCRIPT's file name, REASON the OS's, as sed said it) and exit 2.  When
# sed was killed (SIGPIPE: the reader of a pipe left, `| true`), the tool
# dies of the same signal, silent, as the programs do: no write failed
# that it could name.
tool_help() {
  local why rc=0
  { why=$(sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$1" 2>&1 >&3); } 3>&1 || rc=$?
  [ "$rc" -eq 0 ] && return 0
  if [ "$rc" -gt 128 ] && [ -z "$why" ]; then
    kill -s "$(kill -l "$rc")" "$$"
    exit "$rc"                       # the signal is trapped here
  fi
  why=${why##*: }
  echo "${1##*/}: standard output: write error: ${why:-sed ended with status $rc}" >&2
  exit 2
}
