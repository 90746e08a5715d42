# tools/lib/procs.sh - sourced by the tools' scripts that start commands
# in the background.
#
# stop_descendants - end every process this shell started, and theirs,
# however deep: SIGTERM, then SIGKILL to what is left after 5 s.  Found by
# parenthood, not by process group: `timeout` puts the command it runs in
# a group of its own, out of reach of a terminal's Ctrl-C and of a kill of
# the script's group, so that an interrupted script would leave its
# commands running (up to their time limit) after it has gone.
# Returns when none is left.
# _descendants PID - the processes below PID that have not ended (a
# zombie has: only its parent's wait is owed), one a line
_descendants() {
  ps -e -o pid= -o ppid= -o stat= | awk -v root="$1" '
    { kids[$2] = kids[$2] " " $1; if ($3 ~ /^Z/) dead[$1] = 1 }
    END {
      todo = root
      while (todo != "") {
        n = split(todo, now, " "); todo = ""
        for (k = 1; k <= n; k++) {
          m = split(kids[now[k]], below, " ")
          for (j = 1; j <= m; j++) {
            if (!(below[j] in dead)) print below[j]
            todo = todo " " below[j]
          }
        }
      }
    }'
}

stop_descendants() {
  local me=$BASHPID pids p k
  for k in $(seq 1 50); do
    # those listed that are still there: not the listing's own ps and
    # awk, which were children of the shell too, and have ended
    pids=
    for p in $(_descendants "$me"); do
      [ -e "/proc/$p" ] && pids+=" $p"
    done
    [ -n "$pids" ] || return 0
    # shellcheck disable=SC2086
    kill -TERM $pids 2>/dev/null || true
    sleep 0.1
  done
  # shellcheck disable=SC2086
  kill -KILL $(_descendants "$me") 2>/dev/null || true
}
