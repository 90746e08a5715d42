# tools/lib/help.sh - sourced by the tools' scripts and bench/'s: what
# they print for their user (their --help, a benchmark's figures) reaches
# standard output, or the script has failed.
#
# tool_print NAME COMMAND... - COMMAND, its standard output the script's.
# When what it wrote does not all reach it (a full disk), the script has
# failed, as the sdeisim programs fail: "NAME: standard output: write
# error: REASON" (REASON the OS's, as COMMAND said it) and exit 2.  When
# COMMAND was killed (SIGPIPE: the reader of a pipe left, `| true`), the
# script dies of the same signal, silent, as the programs do: no write
# failed that it could name.  COMMAND is one program or builtin whose
# status says whether its writes succeeded (printf, sed).
tool_print() {
  local name=$1 why rc=0
  shift
  { why=$("$@" 2>&1 >&3); } 3>&1 || rc=$?
  [ "$rc" -eq 0 ] && return 0
  if [ "$rc" -gt 128 ] && [ -z "$why" ]; then
    kill -s "$(kill -l "$rc")" "$$"
    exit "$rc"                       # the signal is trapped here
  fi
  why=${why##*: }
  echo "$name: standard output: write error: ${why:-$1 ended with status $rc}" >&2
  exit 2
}

# tool_help SCRIPT - SCRIPT's opening comment (its second line to the
# first line that is not a comment), without the comment marks: what the
# tool does, its usage and its exit status; printed as tool_print does,
# NAME SCRIPT's file name.
tool_help() {
  tool_print "${1##*/}" sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$1"
}

# tool_machine NAME - a benchmark's first line, "machine: N CPUs, MODEL",
# printed as tool_print does: the figures that follow are this machine's.
tool_machine() {
  tool_print "$1" printf 'machine: %s CPUs, %s\n' "$(nproc)" \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
}
