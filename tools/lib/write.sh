# tools/lib/write.sh - sourced by the tools' scripts: a file they write
# for later (a report, the record of the findings known) is written whole
# or not at all, as the sdeisim commands write theirs (outfile.h).
#
# write_new TOOL FILE COMMAND... - COMMAND's standard output as FILE.new,
# to be renamed over FILE once all that goes with it is written too.  A
# failure (a full disk, a COMMAND that fails) leaves no FILE.new, is said
# once, as "TOOL: cannot write FILE: WHY" (the last line COMMAND or the
# shell said, with the OS's reason: "cat: write error: No space left on
# device"), and returns 1.  COMMAND is one program or builtin whose status
# says whether its writes succeeded (cat, awk, printf): not a function or
# a { list; }, where set -e, off here, would not stop at a failed write.
write_new() {
  local tool=$1 file=$2 why reason
  shift 2
  why=$("$@" 2>&1 >"$file.new") && return 0
  rm -f -- "$file.new"
  why=${why##*$'\n'} && reason=${why#*: line [0-9]*: }
  echo "$tool: cannot write $file: ${reason:-$1 failed}" >&2
  return 1
}

# write_whole TOOL FILE COMMAND... - write_new, and FILE.new renamed over
# FILE: FILE is what COMMAND wrote, whole, or as it was.
write_whole() { write_new "$@" && mv -f -- "$2.new" "$2"; }
