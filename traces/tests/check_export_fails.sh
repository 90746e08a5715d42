#!/bin/sh
# check_export_fails.sh SDEISIM TRACE PROFILE MESSAGE - the scenario
# `export yaml` writes of a trace the replay diverges on must fail where
# the replay diverges: `sdeisim run` on it exits 1 with MESSAGE (a
# fixed string, after the file name) as its failure.
set -u
sdeisim=$1 trace=$2 profile=$3 message=$4
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

"$sdeisim" export yaml "$trace" --profile "$profile" -o "$tmp/s.yaml" 2>/dev/null ||
	{ echo "export yaml failed"; exit 1; }
"$sdeisim" run "$tmp/s.yaml" > "$tmp/out" 2>&1
rc=$?
if [ "$rc" != 1 ] || ! grep -qF "$message" "$tmp/out"; then
	echo "expected exit 1 with: $message"
	echo "got exit $rc:"; cat "$tmp/out"; exit 1
fi
exit 0
