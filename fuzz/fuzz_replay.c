/*
 * fuzz_replay - run fuzz inputs (files, or every file below directories)
 * through the same runner the fuzzers use, without a fuzzing engine: the
 * seed corpus and every saved reproducer become regression tests.
 *
 *   fuzz_replay [-v] [--migrate | --core] [--repro] FILE_OR_DIR...
 *
 * --migrate runs each input the way fuzz_migrate does (once as it is,
 * once migrated at the step it chooses, compared).  --core runs it the
 * way fuzz_core does (the dispatcher alone on fz_core's host machine).  --repro minimises
 * each input that finds something and says whether the program it gives,
 * with expectations added, fails on its own (see fz_repro.h).
 * Prints one line per finding and a summary; exit 0 when nothing was
 * found, 1 when something was, 2 on bad usage.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fz_core.h"
#include "fz_repro.h"
#include "fz_run.h"

static unsigned inputs, findings;
static bool verbose, migrate, repro;
static struct fz_core *core;          /* --core */

static void replay_file(struct fz_run *r, const char *path)
{
	FILE *f = fopen(path, "rb");
	static uint8_t buf[1 << 16];
	size_t n;

	if (!f) {
		fprintf(stderr, "%s: cannot open\n", path);
		findings++;
		return;
	}
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	inputs++;
	if (core) {
		if (!fz_core_run_one(core, buf, n)) {
			printf("FINDING %s: %s\n", path, core->finding);
			findings++;
		} else if (verbose) {
			printf("ok %s (%u steps, %u dispatches, %llu model checks%s)\n", path, core->res.steps_run,
			       core->res.dispatches, (unsigned long long)core->oracle.checks,
			       core->skipped ? "; skipped: not a program fuzz_core runs" : "");
		}
		return;
	}
	if (!(migrate ? fz_run_migrated(r, buf, n) : fz_run_one(r, buf, n))) {
		printf("FINDING %s: %s\n", path, r->finding);
		findings++;
		if (repro) {
			static struct fz_repro rp;
			if (fz_repro(r, buf, n, migrate, &rp) == 0)
				printf("  minimised %zu -> %zu bytes, %u steps; %s%s%s\n", rp.original_len, rp.len,
				       r->prog.nsteps, rp.verified ? "the program fails on its own" :
				       rp.expressed ? "NOT VERIFIED" : "not expressed", rp.note[0] ? ": " : "", rp.note);
		}
	} else if (verbose) {
		printf("ok %s (%u steps, %u dispatches, %llu model checks)\n", path, r->res.steps_run,
		       r->res.dispatches, (unsigned long long)r->oracle.checks);
	}
}

static void replay(struct fz_run *r, const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "%s: no such file or directory\n", path);
		findings++;
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		replay_file(r, path);
		return;
	}
	d = opendir(path);
	while (d && (e = readdir(d)) != NULL) {
		char sub[4096];
		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		replay(r, sub);
	}
	if (d)
		closedir(d);
}

int main(int argc, char **argv)
{
	struct fz_run r;
	struct fz_core c;
	char err[200];
	int first = 1;

	for (; first < argc && argv[first][0] == '-'; first++) {
		if (strcmp(argv[first], "-v") == 0) {
			verbose = true;
		} else if (strcmp(argv[first], "--migrate") == 0) {
			migrate = true;
		} else if (strcmp(argv[first], "--repro") == 0) {
			repro = true;
		} else if (strcmp(argv[first], "--core") == 0) {
			core = &c;
		} else {
			fprintf(stderr, "fuzz_replay: unknown option '%s'\n", argv[first]);
			return 2;
		}
	}
	if (first >= argc) {
		fprintf(stderr, "usage: fuzz_replay [-v] [--migrate | --core] [--repro] FILE_OR_DIR...\n");
		return 2;
	}
	if (core && (migrate || repro)) {
		fprintf(stderr, "fuzz_replay: --core runs inputs as fuzz_core does: no --migrate, no --repro "
			"(reproduce its findings as fuzz_sdei inputs)\n");
		return 2;
	}
	if (core && fz_core_init(core) != 0) {
		fprintf(stderr, "fuzz_replay: out of memory\n");
		return 2;
	}
	if (fz_run_init(&r, err, sizeof err)) {
		fprintf(stderr, "fuzz_replay: %s\n", err);
		return 2;
	}
	for (int k = first; k < argc; k++)
		replay(&r, argv[k]);
	printf("%u inputs, %u findings\n", inputs, findings);
	fz_run_free(&r);
	if (core)
		fz_core_free(core);
	return findings ? 1 : 0;
}
