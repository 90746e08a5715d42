#!/bin/sh
# check_sample.sh TOOL SAMPLES NAME FORMAT INPUT
#
# A sample's import must equal NAME.trace byte for byte, and its replay
# under each profile must print NAME.replay-PROFILE.txt and exit 0 when
# that says "0 diverged", 1 otherwise.  Runs inside SAMPLES so that file
# names in the output are the samples' own.
set -u
tool=$1 dir=$2 name=$3 format=$4 input=$5
cd "$dir" || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

"$tool" import "$format" "$input" -o "$tmp/$name.trace" || { echo "import of $input failed"; exit 1; }
diff -u "$name.trace" "$tmp/$name.trace" || { echo "import of $input differs from $name.trace"; exit 1; }
for profile in default tf-a-fvp; do
	"$tool" replay "$name.trace" --profile "$profile" > "$tmp/replay.txt" 2> "$tmp/notes.txt"
	rc=$?
	diff -u "$name.replay-$profile.txt" "$tmp/replay.txt" || { echo "replay --profile $profile differs"; exit 1; }
	if grep -q ', 0 diverged$' "$name.replay-$profile.txt"; then want=0; else want=1; fi
	[ "$rc" = "$want" ] || { echo "replay --profile $profile: exit $rc, expected $want"; cat "$tmp/notes.txt"; exit 1; }
done
exit 0
