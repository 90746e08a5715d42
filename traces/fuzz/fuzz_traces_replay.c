/*
 * fuzz_traces_replay - run the parser fuzz targets over files without a
 * fuzzing engine, so that the seed corpora and every saved crash are
 * regression tests of the normal suite.
 *
 *   fuzz_traces_replay tarmac|tf-a-log|trace FILE_OR_DIR...
 *
 * A target that finds something aborts (fuzz_targets.c); otherwise prints
 * how many inputs ran and exits 0.  Exit 2 on bad usage or unreadable
 * files.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_targets.h"

typedef void (*target)(const uint8_t *, size_t);

static unsigned ran, unreadable;

static void run_file(target t, const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0;

	if (!f) {
		fprintf(stderr, "%s: cannot open\n", path);
		unreadable++;
		return;
	}
	for (;;) {
		if (n == cap) {
			uint8_t *bigger = realloc(buf, cap = cap ? cap * 2 : 65536);
			if (!bigger)
				break;
			buf = bigger;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		if (got == 0)
			break;
		n += got;
	}
	fclose(f);
	t(buf, n);
	free(buf);
	ran++;
}

static void run_path(target t, const char *path)
{
	struct stat st;
	struct dirent **names;
	int n;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "%s: no such file or directory\n", path);
		unreadable++;
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		run_file(t, path);
		return;
	}
	n = scandir(path, &names, NULL, alphasort);      /* sorted: the same order every time */
	for (int k = 0; k < n; k++) {
		char sub[4096];
		if (names[k]->d_name[0] != '.') {
			snprintf(sub, sizeof sub, "%s/%s", path, names[k]->d_name);
			run_path(t, sub);
		}
		free(names[k]);
	}
	if (n >= 0)
		free(names);
}

int main(int argc, char **argv)
{
	target t = NULL;

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
	for (int k = 2; k < argc; k++)
		run_path(t, argv[k]);
	printf("%u input%s, no finding\n", ran, ran == 1 ? "" : "s");
	return unreadable ? 2 : 0;
}
