#!/bin/sh
# check_long_tokens_tarmac.sh TOOL CASE
#
# Every message of the Tarmac importer that quotes a token of its input
# says it to its first 64 characters and "... (N characters)" (sim_quote),
# and the rest of the message whole: the file:line:column, what follows
# the token, a second token, and " (the input ends in the middle of this
# line)" for a cut line.  Before, the messages were formatted into 300
# bytes with their tokens whole: a token of a few hundred characters
# pushed the end of the message out (and its newline with it).  CASE
# names the message's site; each makes one bad line (or two, or 65)
# whose token is thousands of characters long where the format allows,
# or as long as it allows (a source name: 255 bytes).
set -u
tool=$1 case=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

rep() { printf "%$2s" '' | tr ' ' "$1"; }
# what a message says of token $1 (ASCII): its first 64 characters and its length
q() { printf '%s... (%s characters)' "$(printf %s "$1" | cut -c1-64)" "${#1}"; }
# the 1-based column just after text $1
after() { echo $((${#1} + 1)); }
Z=$(rep Z 3000) G=$(rep G 3000) zeros=$(rep 0 3000) name200=$(rep A 200) name255=$(rep A 255)
insn=" 80001000 d2800420 O EL2h_n : MOV x0,#0"
cut=" (the input ends in the middle of this line)"
nl='
'
lines=""          # the lines before the bad one, each with its newline
end="$nl"         # the bad line's end: "" for a cut line
case $case in
insn-open)
	pre="1 clk cpu0 IT " tok="($Z"; bad="$pre$tok"
	want="1:$(after "$bad"): truncated instruction line: expected the address or opcode after '$(q "$tok")'" ;;
insn-state-indexed)
	pre="1 clk cpu0 IT (1) 80001000 d2800420 " tok=$Z; bad="$pre$tok EL2h_n"
	want="1:$(after "$pre"): expected the instruction set (O, A, T), found '$(q "$tok")'" ;;
insn-state)
	pre="1 clk cpu0 IT 80001000 d2800420 " tok=$Z; bad="$pre$tok EL2h_n"
	want="1:$(after "$pre"): expected the instruction set (O, A, T), found '$(q "$tok")'" ;;
insn-address)
	pre="1 clk cpu0 IT " tok=$G; bad="$pre$tok d2800420 O EL2h_n"
	want="1:$(after "$pre"): bad instruction address '$(q "$tok")'" ;;
insn-opcode)
	pre="1 clk cpu0 IT 80001000 " tok=$Z; bad="$pre$tok O EL2h_n"
	want="1:$(after "$pre"): bad opcode '$(q "$tok")': expected 4 or 8 hex digits" ;;
insn-mode)
	pre="1 clk cpu0 IT 80001000 d2800420 O " tok="EL9$Z"; bad="$pre$tok : MOV x0,#0"
	want="1:$(after "$pre"): mode '$(q "$tok")' names no exception level (EL0..EL3)" ;;
es-form)
	pre="1 clk cpu0 ES " tok=$Z; bad="$pre$tok O EL3h_s"
	want="1:$(after "$pre"): expected '(address:opcode)', found '$(q "$tok")'" ;;
es-address)
	pre="1 clk cpu0 ES " tok="($G:d2800420)"; bad="$pre$tok O EL3h_s"
	want="1:$(after "$pre"): bad instruction address in '$(q "$tok")'" ;;
es-opcode)
	pre="1 clk cpu0 ES " tok="(80001000:$Z)"; bad="$pre$tok O EL3h_s"
	want="1:$(after "$pre(80001000:"): bad opcode in '$(q "$tok")': expected 4 or 8 hex digits" ;;
es-state)
	pre="1 clk cpu0 ES (80001000:d2800420) " tok=$Z; bad="$pre$tok EL3h_s"
	want="1:$(after "$pre"): expected the instruction set (O, A, T), found '$(q "$tok")'" ;;
es-mode)
	pre="1 clk cpu0 ES (80001000:d2800420) O " tok="EL9$Z"; bad="$pre$tok"
	want="1:$(after "$pre"): mode '$(q "$tok")' names no exception level (EL0..EL3)" ;;
reg-value)
	pre="1 clk cpu0 R X0 " tok=$Z; bad="$pre$tok"
	want="1:$(after "$pre"): bad value '$(q "$tok")' for register X0" ;;
reg-wide)
	pre="1 clk cpu0 R X0 " tok=$zeros; bad="$pre$tok"
	want="1:$(after "$pre"): bad value '$(q "$tok")' for register X0: 3000 hex digits, more than 64 bits" ;;
reg-split)
	pre="1 clk cpu0 R X0 " tok="1$(rep _ 3000) 2"; bad="$pre$tok"
	want="1:$(after "${bad% 2} "): bad value '$(q "$tok")' for register X0: a split value is two words of 8 hex digits" ;;
reg-no-value)
	pre="1 clk cpu0 R " tok=$Z; bad="$pre$tok"
	want="1:$(after "$bad"): truncated register line: expected a value after '$(q "$tok")'" ;;
unit-word)
	pre="1 " tok=$Z; bad="$pre$tok cpu0 IT$insn"
	want="1:$(after "$pre"): unknown timestamp unit '$(q "$tok")'" ;;
mem-size)
	pre="1 clk cpu0 " tok="MW${zeros}3"; bad="$pre$tok 2f000204 00000100"
	want="1:$(after "${pre}MW"): bad memory access size in '$(q "$tok")': 1, 2, 4 ... 64 bytes" ;;
mem-no-address)
	pre="1 clk cpu0 " tok="MW${zeros}4"; bad="$pre$tok"
	want="1:$(after "$bad"): truncated memory line: expected an address after '$(q "$tok")'" ;;
mem-address)
	pre="1 clk cpu0 MW4 " tok=$Z; bad="$pre$tok 00000100"
	want="1:$(after "$pre"): bad address '$(q "$tok")' in a memory line: expected hex VA[:PA[_SPACE]], SPACE letters (S, NS, RT, RL)" ;;
mem-value)
	pre="1 clk cpu0 MW4 2f000204 " tok=$Z; bad="$pre$tok"
	want="1:$(after "$pre"): bad value '$(q "$tok")' in a memory line" ;;
mem-digits)
	pre="1 clk cpu0 MW4 2f000204 " tok=$zeros; bad="$pre$tok"
	want="1:$(after "$pre"): memory value '$(q "$tok")' has 3000 hex digits; a 4-byte access has 8" ;;
cut-digits)
	pre="1 clk cpu0 R X0 " tok="1$(rep _ 3000)2"; bad="$pre$tok" end=""
	want="1:$(after "$pre"): truncated register line: the value '$(q "$tok")' of X0 is cut short: 2 digits of 16$cut" ;;
cut-words)
	pre="1 clk cpu0 R $Z " tok="$(rep 0 3001)"; bad="$pre$tok" end=""
	want="1:$(after "$pre"): truncated register line: the value '$(q "$tok")' of $(q "$Z") is cut short$cut" ;;
cut-mode)
	lines="1 clk cpu0 IT$insn$nl"
	pre="2 clk cpu0 IT 80001004 d2800420 O " tok="EL$Z"; bad="$pre$tok" end=""
	want="2:$(after "$pre"): truncated instruction line: the mode '$(q "$tok")' is cut short$cut" ;;
time-negative)
	tok="-${zeros}1"; bad="$tok clk cpu0 IT$insn"
	want="1:1: negative timestamp '$(q "$tok")'" ;;
time-range)
	tok=$(rep 9 3000); bad="$tok clk cpu0 IT$insn"
	want="1:1: timestamp '$(q "$tok")' out of range" ;;
time-unit)
	tok="1$Z"; bad="$tok cpu0 IT$insn"
	want="1:2: unknown timestamp unit '$(q "$Z")'" ;;
time-fraction)
	tok="1.$zeros"; bad="$tok clk cpu0 IT$insn"
	want="1:1: fractional timestamp '$(q "$tok")' in clk: only us, ns and ps have fractions" ;;
time-scaled-range)
	tok="18446744073709552.$zeros"; bad="$tok ns cpu0 IT$insn"
	want="1:1: timestamp '$(q "$tok")' out of range" ;;
source-cpu-taken)
	lines="1 clk $name255 IT$insn$nl"
	pre="2 clk " tok="cpu$zeros"; bad="$pre$tok IT$insn"
	want="2:$(after "$pre"): source '$(q "$tok")' is PE 0, already given to '$(q "$name255")'" ;;
source-none-taken)
	lines="1 clk $name255 IT$insn$nl"
	pre="2 clk "; bad="${pre}IT$insn"
	want="2:$(after "$pre"): a line without a source is PE 0, already given to '$(q "$name255")'" ;;
source-cluster-core)
	pre="1 clk " tok="$name200.cluster0.cpu4"; bad="$pre$tok IT$insn" end=""
	want="1:$(after "$pre"): source '$(q "$tok")' names core 4 of a cluster: FVP Base's clusters, whose layout numbers the PEs, have 4 (cpu0..cpu3)$cut" ;;
source-cluster-range)
	pre="1 clk " tok="$name200.cluster$(rep 9 30).cpu0"; bad="$pre$tok IT$insn" end=""
	want="1:$(after "$pre"): source '$(q "$tok")' out of range: cluster beyond 64 bits, and there are at most 64 PEs (16 clusters of 4)$cut" ;;
source-cluster-named)
	lines="1 clk $(rep B 200) IT$insn$nl"
	pre="2 clk " tok="$(rep C 200).cluster0.cpu0"; bad="$pre$tok IT$insn" end=""
	want="2:$(after "$pre"): source '$(q "$tok")' is PE 0, already given to '$(q "$(rep B 200)")'$cut" ;;
source-cluster-cpu)
	lines="1 clk cpu1 IT$insn$nl"
	pre="2 clk " tok="$(rep C 200).cluster0.cpu1"; bad="$pre$tok IT$insn"
	want="2:$(after "$pre"): source '$(q "$tok")' is PE 1, already given to 'cpu1'" ;;
source-cpu-range)
	pre="1 clk " tok="cpu${zeros}64"; bad="$pre$tok IT$insn"
	want="1:$(after "$pre"): PE '$(q "$tok")' out of range (at most 64 PEs)" ;;
source-name-long)
	pre="1 clk " tok=$Z; bad="$pre$tok IT$insn"
	want="1:$(after "$pre"): source name '$(q "$tok")' is longer than 255 bytes" ;;
source-too-many)
	lines=$(k=0; while [ $k -lt 64 ]; do echo "$((k + 1)) clk core$k IT$insn"; k=$((k + 1)); done)$nl
	pre="65 clk " tok="$name200"; bad="$pre$tok IT$insn" end=""
	want="65:$(after "$pre"): too many sources: no PE left for '$(q "$tok")' (at most 64 PEs)$cut" ;;
mpidr)
	pre="1 clk $name200.cluster0.cpu1 R MPIDR_EL1 " bad="${pre}0000000080000000" end=""
	want="1:$(after "$pre"): MPIDR_EL1 0x80000000 is cluster 0, core 0 (Aff1, Aff0), but source '$(q "$name200.cluster0.cpu1")' is cluster 0, core 1: PE 1, as FVP Base numbers its cores$cut" ;;
*)
	echo "unknown case $case"; exit 1 ;;
esac
printf '%s%s%s' "$lines" "$bad" "$end" > t.tarmac
want="t.tarmac:$want"
got=$("$tool" import tarmac t.tarmac -o t.trace 2>&1)
st=$?
[ $st = 2 ] || { echo "exit $st, not 2"; exit 1; }
[ "$got" = "$want" ] || { echo "expected: $want"; echo "got:      $got"; exit 1; }
# bounded: no message of these is longer than its text and two quotes
[ ${#got} -le 400 ] || { echo "a message of ${#got} bytes"; exit 1; }
exit 0
