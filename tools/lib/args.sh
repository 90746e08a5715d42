# tools/lib/args.sh - sourced by the tools' scripts and bench/'s: their
# arguments are checked before they build or run anything.
#
# tool_positive NAME WHAT VALUE - VALUE is a whole number from 1 to
# 999999999 (seconds, runs), or the script ends: "NAME: WHAT must be a
# positive number up to 999999999, not 'VALUE' (try --help)" on standard
# error, exit 2.
tool_positive() {
  [[ $3 =~ ^[0-9]{1,9}$ ]] && [ "$3" -gt 0 ] && return 0
  echo "$1: $2 must be a positive number up to 999999999, not '$3' (try --help)" >&2
  exit 2
}
