# sdeisim_batch.sh - sourced by a test script that runs sdeisim for each
# of hundreds of files: the commands run in one sdeisim_batch process
# (sdeisim_batch.c), not a process each.
#
#   batch_start BATCH DIR   start BATCH (the sdeisim_batch program), its
#                           pipes and its own standard error in DIR
#   sdeisim OUT ERR ARG...  run `sdeisim ARG...` there, in the current
#                           directory (a subshell's too), its standard
#                           output to the file OUT (+OUT: appended), its
#                           standard error to ERR (the same, or = for
#                           OUT's): returns its exit status
#   batch_stop              end it: fails (says why, exit 1) unless it ended
#                           with status 0 and nothing on its standard error
#                           (ASan's leak report of a command goes there)
#
# A batch that stops mid-way (a sanitizer's report ends it) ends the
# script, exit 1, with what it said.

batch_start() {
	_batch_dir=$2
	[ -f "$1" ] && [ -x "$1" ] || { echo "FAIL: $1 is not the sdeisim_batch program"; exit 1; }
	# a batch that has stopped: a write to it fails (and the read of its
	# answer says so), not a SIGPIPE that ends the script unsaid
	trap '' PIPE
	rm -f "$_batch_dir/batch.in" "$_batch_dir/batch.out"
	mkfifo "$_batch_dir/batch.in" "$_batch_dir/batch.out" || exit 1
	"$1" <"$_batch_dir/batch.in" >"$_batch_dir/batch.out" 2>"$_batch_dir/batch.err" &
	_batch_pid=$!
	exec 8>"$_batch_dir/batch.in" 9<"$_batch_dir/batch.out"
}

_batch_died() {
	echo "FAIL: sdeisim_batch stopped $1; it said:"
	sed 's/^/    /' "$_batch_dir/batch.err" | head -60
	exit 1
}

sdeisim() {
	_batch_out=$1 _batch_err=$2
	shift 2
	{
		printf '%s\t%s\t%s' "$PWD" "$_batch_out" "$_batch_err"
		for _batch_arg; do printf '\t%s' "$_batch_arg"; done
		printf '\n'
	} >&8
	read -r _batch_rc <&9 || _batch_died "at: sdeisim $*"
	return "$_batch_rc"
}

batch_stop() {
	exec 8>&-
	wait "$_batch_pid"
	_batch_rc=$?
	exec 9<&-
	[ "$_batch_rc" = 0 ] && [ ! -s "$_batch_dir/batch.err" ] ||
		_batch_died "at its end with status $_batch_rc"
}
