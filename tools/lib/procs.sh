# tools/lib/procs.sh - sourced by the tools' scripts that start commands
# in the background.
#
# stop_all_on_interrupt - from here on, a SIGINT (a Ctrl-C) or SIGTERM
# stops every process below this shell (stop_descendants) and exits 130
# or 143; the EXIT trap, if set, then runs (removes the script's files),
# with $interrupted_by set to INT or TERM (else empty).
#
# stop_descendants - end every process this shell started, and theirs,
# however deep: the shells among them (this script's subshells, scripts
# it runs) with SIGKILL, the other commands with SIGTERM, then SIGKILL to
# what is left after 5 s.  A shell waiting for a command defers a SIGTERM
# until the command has ended, and a command ended by the same SIGTERM
# let it run its next line first (check-planted-bugs reported a fuzzer
# "stopped without a finding", and kept its files); a shell has nothing
# of its own to clean up, the script's EXIT trap does that.  Found by
# parenthood, not by process group: `timeout` puts the command it runs in
# a group of its own, out of reach of a terminal's Ctrl-C and of a kill
# of the script's group, so that an interrupted script would leave its
# commands running (up to their time limit) after it had gone.  Returns
# when none is left.
#
# _descendants PID - the processes below PID, a PID a line
_descendants() {
  ps -e -o pid= -o ppid= | awk -v root="$1" '
    { kids[$2] = kids[$2] " " $1 }
    END {
      todo = root
      while (todo != "") {
        n = split(todo, now, " "); todo = ""
        for (k = 1; k <= n; k++) {
          m = split(kids[now[k]], below, " ")
          for (j = 1; j <= m; j++) { print below[j]; todo = todo " " below[j] }
        }
      }
    }'
}

# _alive PID... - those of the PIDs whose processes are there and have
# not ended (a zombie has: only its parent's wait is owed)
_alive() {
  local p
  for p; do
    if [ -r "/proc/$p/stat" ] && ! awk '{ exit $3 != "Z" }' "/proc/$p/stat" 2>/dev/null; then
      echo "$p"
    fi
  done
  return 0                  # (under set -e, a last PID gone is no failure)
}

stop_descendants() {
  local me=$BASHPID shell p k pids shells= others=
  shell=$(readlink "/proc/$me/exe")
  # the listing's own ps and awk are children too, and have ended
  pids=$(_alive $(_descendants "$me"))
  [ -n "$pids" ] || return 0
  for p in $pids; do
    if [ "$(readlink "/proc/$p/exe" 2>/dev/null)" = "$shell" ]; then
      shells+=" $p"
    else
      others+=" $p"
    fi
  done
  # shellcheck disable=SC2086
  [ -z "$shells" ] || kill -KILL $shells 2>/dev/null || true
  # shellcheck disable=SC2086
  [ -z "$others" ] || kill -TERM $others 2>/dev/null || true
  for k in $(seq 1 50); do
    # shellcheck disable=SC2086
    [ -n "$(_alive $pids)" ] || return 0
    sleep 0.1
  done
  # shellcheck disable=SC2046
  kill -KILL $(_alive $pids) 2>/dev/null || true
}

interrupted_by=
stop_all_on_interrupt() {
  trap '_stop_all_and_exit INT 130' INT
  trap '_stop_all_and_exit TERM 143' TERM
}

_stop_all_and_exit() {
  trap '' INT TERM          # the clean-up is not cut short
  interrupted_by=$1
  stop_descendants
  wait || true              # reaped: none ends while the EXIT trap runs
  exit "$2"
}
