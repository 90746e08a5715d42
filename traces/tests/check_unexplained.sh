#!/bin/sh
# check_unexplained.sh TOOL TARMAC - what the importer sees and cannot
# explain reaches the user, instead of a clean "0 diverged":
#  - a call that went on elsewhere than after itself (the ELR_EL3 its
#    ERET restores, line 42, changed to a wild address): the import says
#    it on stderr at the ERET's line, the trace keeps the warning record,
#    and the replay notes it (it compares nothing there);
#  - a dispatch whose handler gets an interrupted PC (x2, line 256) that is
#    not the ELR_EL3 the FIQ's exception saved (line 244): the same;
#  - a trace that ends inside a handler (the sample's trace cut after its
#    dispatch, line 11): replayed as it is, with a note that says so;
#  - a line of no known kind (the SMC's ` IT ` at line 19 corrupted to
#    ` JT `: the call is lost): the import says how many and where the
#    first is.
set -u
tool=$1 tarmac=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0

# import NAME SED-EDIT: the sample edited, imported to $tmp/NAME.trace,
# its stderr in $tmp/err
import() {
	sed "$2" "$tarmac" > "$tmp/$1.tarmac"
	"$tool" import tarmac "$tmp/$1.tarmac" -o "$tmp/$1.trace" 2> "$tmp/err" || { echo "import failed"; exit 1; }
}
# said FILE LINE WHAT: FILE holds LINE (whole), or a failure about WHAT
said() {
	grep -qxF -- "$2" "$1" || { echo "FAIL: $3:"; cat "$1"; fails=$((fails + 1)); }
}

import wild '42s/0000000080001028/0000000080005000/'
said "$tmp/err" "$tmp/wild.tarmac:43: warning: PE 0: the call at line 19 went on at 0x80005000, not at the instruction after it (0x80001028)" \
	"the import does not say the call went elsewhere"
grep -q '^warning ' "$tmp/wild.trace" || { echo "FAIL: no warning record in the trace"; fails=$((fails + 1)); }
"$tool" replay "$tmp/wild.trace" > /dev/null 2> "$tmp/notes"
said "$tmp/notes" "$tmp/wild.trace:4: the trace's warning on PE 0: the call at line 19 went on at 0x80005000, not at the instruction after it (0x80001028)" \
	"the replay does not note the warning"

import x2 '256s/0000000080002004/0000000080002000/'
said "$tmp/err" "$tmp/x2.tarmac:262: warning: PE 1: the dispatch of event 0 gives the handler x2 (the interrupted PC) = 0x80002000, but the interrupt's exception at line 242 saved ELR_EL3 = 0x80002004" \
	"the import does not say x2 differs from ELR_EL3"

head -11 "${tarmac%.tarmac}.trace" > "$tmp/cut.trace"
"$tool" replay "$tmp/cut.trace" > /dev/null 2> "$tmp/notes"
said "$tmp/notes" "$tmp/cut.trace:11: the trace ends with 1 handler running on PE 1, the innermost this dispatch's (event 0)" \
	"the replay does not note the handler the trace ends in"

import kind '19s/ IT / JT /'
said "$tmp/err" "$tmp/kind.tarmac: 1 line of no kind the importer knows, not imported (the first: line 19)" \
	"the import does not count the line of no kind"
"$tool" import tarmac "$tarmac" -o /dev/null 2> "$tmp/err"
[ ! -s "$tmp/err" ] || { echo "FAIL: the intact trace is not imported silently:"; cat "$tmp/err"; fails=$((fails + 1)); }
echo "check_unexplained: $fails failed"
[ "$fails" -eq 0 ]
