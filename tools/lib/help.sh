# tools/lib/help.sh - sourced by the tools' scripts, for their --help.
#
# tool_help SCRIPT - SCRIPT's opening comment (its second line to the
# first line that is not a comment), without the comment marks: what the
# tool does, its usage and its exit status.
tool_help() { sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$1"; }
