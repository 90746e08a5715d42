#!/bin/sh
# check_bench_import.sh BENCH failed-run
#
# A bench_trace_import run without --keep that fails removes the
# directory it made: here its synthetic Tarmac cannot be written (a file
# size limit, SIGXFSZ ignored so that the write fails with EFBIG).  The
# message names the file, so the directory; it must be gone.
set -u
bench=$1
case $2 in
failed-run)
	trap '' XFSZ
	ulimit -f 1
	said=$("$bench" --size 64K 2>&1)
	echo "$said"
	dir=${said#*: }
	dir=${dir%%/synthetic.tarmac:*}
	case $dir in
	/*) ;;
	*) echo "no directory in the message"; exit 1 ;;
	esac
	if [ -e "$dir" ]; then
		echo "left behind: $dir"
		rm -rf "$dir"
		exit 1
	fi
	echo removed
	;;
*)
	echo "check_bench_import.sh: failed-run, not '$2'"
	exit 2
	;;
esac
