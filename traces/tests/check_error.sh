#!/bin/sh
# check_error.sh TOOL DIR MESSAGE ARGS...
#
# `TOOL ARGS...`, run inside DIR, must exit with status 2 and print
# MESSAGE (a whole line: FILE:LINE:COLUMN: text) on stderr.
set -u
tool=$1 dir=$2 message=$3
shift 3
cd "$dir" || exit 1
err=$("$tool" "$@" 2>&1 >/dev/null)
rc=$?
[ "$rc" = 2 ] || { echo "exit status $rc, expected 2"; echo "$err"; exit 1; }
printf '%s\n' "$err" | grep -qxF -- "$message" || { echo "expected on stderr: $message"; echo "got: $err"; exit 1; }
exit 0
