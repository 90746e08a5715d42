# nightly-standins.sh - sourced by the tests of tools/fuzz-nightly: the
# nightly run in a stand-in tree, with stand-ins for what it builds and
# runs.
#
#   standin_tree NIGHTLY WORK HARNESS...
#
# makes WORK/root, whose tools/ holds links to NIGHTLY and the
# fuzz-triage beside it (through a link, the nightly takes the stand-in
# tree for its own) and a stand-in fuzz-coverage (below), with its builds
# in place: build/fuzz/harnesses.txt
# lists the HARNESSes, each a stand-in libFuzzer harness in
# build/fuzz/bin and build/afl/bin (below); WORK/path holds a stand-in
# cmake that logs its arguments in WORK/cmake.log and does nothing, and
# WORK/corpus/HARNESS a seed.  Run the nightly with PATH=WORK/path:$PATH.
#
# The stand-in harness: -merge=1 -timeout=10 [-artifact_prefix=P] NEW OLD
# copies OLD into NEW, but for an input holding the line "crashes", saved
# as a crash at P; -fork=J ... fuzzes: prints libFuzzer's status
# line (cov 5, ft 7; libFuzzer's "#0" of no execution when a path it
# would hand its jobs holds a space, or STANDIN_NOTHING is set), saves a crash at -artifact_prefix
# when STANDIN_CRASH is set and, when STANDIN_PIDS names a file, runs on with a
# worker of its own (as libFuzzer's -fork workers: "WORKER PARENT" PIDs
# appended to the file) until it is killed; an input run finds nothing.
standin_tree() {
  local nightly=$1 work=$2 root=$2/root h
  shift 2
  mkdir -p "$root/tools" "$root/build/fuzz/bin" "$root/build/afl/bin" "$root/build/default/bin" \
           "$work/path"
  ln -s "$nightly" "$root/tools/fuzz-nightly"
  ln -s "$(dirname "$nightly")/fuzz-triage" "$root/tools/fuzz-triage"
  printf '%s\n' "$@" >"$root/build/fuzz/harnesses.txt"
  cat >"$root/build/fuzz/bin/standin" <<'HARNESS'
#!/bin/sh
case $1 in
  -merge=1)
    # ... [-artifact_prefix=P] NEW OLD; an input of OLD holding "crashes"
    # is left out and saved as a crash (at P, or where it runs)
    prefix=
    for a; do case $a in -artifact_prefix=*) prefix=${a#-artifact_prefix=} ;; esac; done
    shift $(($# - 2))
    for f in "$2"/*; do
      if grep -qx crashes "$f"; then cp -- "$f" "${prefix}crash-merged"; else cp -- "$f" "$1"/; fi
    done ;;
  -fork=*)
    # libFuzzer runs its jobs through the shell, its path, its options
    # and TMPDIR in the command: one with a space splits, every job fails
    # at once, nothing is executed
    for a in "$0" "$@" "${TMPDIR:-}" ${STANDIN_NOTHING:+"a b"}; do
      case $a in *[[:space:]]*)
        echo "ERROR: The required directory \"${a#* }\" does not exist" >&2
        echo '#0: cov: 0 ft: 0 corp: 0 exec/s 0 oom/timeout/crash: 0/0/3 time: 1s job: 4 dft_time: 0' >&2
        exit 0 ;;
      esac
    done
    echo '#1000: cov: 5 ft: 7 corp: 1/1b lim: 4 exec/s: 100 rss: 30Mb' >&2
    # STANDIN_CRASH: a crash saved where -artifact_prefix says
    if [ -n "${STANDIN_CRASH:-}" ]; then
      for a; do case $a in -artifact_prefix=*) echo crashed >"${a#-artifact_prefix=}crash-standin" ;; esac; done
    fi
    if [ -n "${STANDIN_PIDS:-}" ]; then
      sleep 600 &
      echo "$! $$" >>"$STANDIN_PIDS"
      wait
    fi ;;
esac
exit 0
HARNESS
  chmod +x "$root/build/fuzz/bin/standin"
  for h; do
    cp "$root/build/fuzz/bin/standin" "$root/build/fuzz/bin/$h"
    cp "$root/build/fuzz/bin/standin" "$root/build/afl/bin/$h"
    mkdir -p "$work/corpus/$h"
    echo seed >"$work/corpus/$h/seed"
  done
  rm "$root/build/fuzz/bin/standin"
  printf '#!/bin/sh\necho "$*" >>"%s/cmake.log"\nexit 0\n' "$work" >"$work/path/cmake"
  chmod +x "$work/path/cmake"
  # tools/fuzz-coverage: logs its arguments in WORK/coverage.log, writes
  # the --unreached file and prints a table; fails (exit 2) when
  # STANDIN_COVERAGE=fail
  cat >"$root/tools/fuzz-coverage" <<COVERAGE
#!/bin/sh
echo "\$*" >>"$work/coverage.log"
[ "\${STANDIN_COVERAGE:-}" != fail ] || { echo "fuzz-coverage: stand-in failure" >&2; exit 2; }
[ "\$1" != --unreached ] || echo "core/src/sdd_call.c:58: 		return false;" >"\$2"
echo "| dispatcher file | lines reached | of | branches taken | of |"
echo "| **core/src** | **9 (90.0%)** | **10** | **3 (75.0%)** | **4** |"
COVERAGE
  chmod +x "$root/tools/fuzz-coverage"
}
