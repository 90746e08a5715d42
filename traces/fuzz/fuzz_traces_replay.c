/*
 * fuzz_traces_replay - run the parser fuzz targets over files without a
 * fuzzing engine, so that the seed corpora and every saved crash are
 * regression tests of the normal suite.
 *
 *   fuzz_traces_replay tarmac|tf-a-log|trace FILE_OR_DIR...
 *
 * A target that finds something aborts (fuzz_targets.c); otherwise prints
 * how many inputs ran and exits 0.  Exit 2 on bad usage or a path it
 * cannot run (missing, unreadable, longer than 4 MiB, a FIFO below a
 * directory, a directory with no input below it): the others still run.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_targets.h"
#include "hostfs.h"
#include "outfile.h"

typedef void (*target)(const uint8_t *, size_t);

/* Larger than any input the harnesses are given (their -max_len): a
 * longer file is refused, not cut. */
#define MAX_INPUT (4u << 20)

static unsigned ran, unreadable;

static void cannot(const char *path, const char *why)
{
	fprintf(stderr, "%s:1:1: %s\n", path, why);
	unreadable++;
}

/* path's bytes, in a buffer of their own size (so that ASan sees a read
 * past their end), given to the target. */
static void run_file(target t, const char *path, uint8_t *buf)
{
	char why[300];
	uint8_t *exact;
	size_t n;

	if (hostfs_read_file(path, buf, MAX_INPUT, &n, why, sizeof why)) {
		cannot(path, why);
		return;
	}
	exact = malloc(n ? n : 1);
	if (!exact) {
		cannot(path, "out of memory");
		return;
	}
	memcpy(exact, buf, n);
	t(exact, n);
	free(exact);
	ran++;
}

/* FILE, or every file below DIR (hostfs_walk: in name order, each
 * directory once, FIFOs listed and not read). */
static void run_path(target t, const char *path, uint8_t *buf)
{
	struct hostfs_list l = { 0 };

	if (hostfs_walk(&l, path, NULL, "no input below the directory"))
		cannot(path, "out of memory listing the directory");
	for (size_t k = 0; k < l.n; k++) {
		if (l.v[k].error)
			cannot(l.v[k].path, l.v[k].error);
		else
			run_file(t, l.v[k].path, buf);
	}
	hostfs_list_free(&l);
}

int main(int argc, char **argv)
{
	target t = NULL;
	uint8_t *buf;

	if (argc >= 3 && strcmp(argv[1], "tarmac") == 0)
		t = fuzz_target_tarmac;
	else if (argc >= 3 && strcmp(argv[1], "tf-a-log") == 0)
		t = fuzz_target_tfa_log;
	else if (argc >= 3 && strcmp(argv[1], "trace") == 0)
		t = fuzz_target_trace;
	if (!t) {
		fprintf(stderr, "usage: fuzz_traces_replay tarmac|tf-a-log|trace FILE_OR_DIR...\n");
		return 2;
	}
	buf = malloc(MAX_INPUT);
	if (!buf) {
		fprintf(stderr, "fuzz_traces_replay: out of memory\n");
		return 2;
	}
	for (int k = 2; k < argc; k++)
		run_path(t, argv[k], buf);
	free(buf);
	printf("%u input%s, no finding\n", ran, ran == 1 ? "" : "s");
	return outfile_exit_status("fuzz_traces_replay", unreadable ? 2 : 0);   /* the summary is the result */
}
