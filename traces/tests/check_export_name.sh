#!/bin/sh
# check_export_name.sh SDEISIM SAMPLES
#
# `export yaml` of a trace whose file name is no UTF-8 (Latin-1 "café",
# a C1 control, a byte order mark): the scenario's name and description
# hold the name as text a scenario can hold (a byte that is no UTF-8 as
# \xNN, a character YAML does not take as it is as an escape), and the
# scenario loads and passes, as the export of the sample by its own name
# does.  (It was refused, "the name is not UTF-8 text", or written with
# characters the loader refuses.)  The files live in a temporary
# directory, not the build's: git quotes such names, which
# tools/tests/check-nothing-ignored would not see are the build's.
set -u
tool=$1 samples=$2
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
failed=0
for name in "caf$(printf '\351')" "c1-$(printf '\302\205')" "bom-$(printf '\357\273\277')"; do
	trace=$dir/$name.trace
	cp "$samples/fvp-multi-pe-signal.trace" "$trace" || exit 1
	if ! "$tool" export yaml "$trace" -o "$dir/out.yaml" 2>"$dir/err"; then
		echo "export yaml of '$name.trace' failed:"; cat "$dir/err"; failed=1; continue
	fi
	if ! "$tool" run "$dir/out.yaml" >"$dir/run" 2>&1; then
		echo "the export of '$name.trace' does not pass:"; cat "$dir/run"; failed=1
	fi
	case $name in caf*)
		grep -qxF 'name: "replay of caf\\xE9.trace"' "$dir/out.yaml" ||
			{ echo "the name of the export of 'caf\351.trace':"; head -1 "$dir/out.yaml"; failed=1; } ;;
	esac
done
exit $failed
