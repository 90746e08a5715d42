/*
 * test_scn_write.c - the YAML writer's round trip: for a program P,
 * load(write(P)) must be P (sim_program_equal), except for the cases
 * scn.h documents, and must run as P runs (the same observations on the
 * same machine).
 *
 *   test_scn_write files PATH...   every *.yml / *.yaml below each PATH,
 *                                  and the ```yaml blocks of a PATH ending
 *                                  in .md; every one must load
 *   test_scn_write suite DIR       every *.yaml below DIR that loads (the
 *                                  regression suite, whatever it holds)
 *   test_scn_write fuzz DIR N      every fuzz input in DIR (fuzz_seeds
 *                                  writes them) and N random byte strings,
 *                                  through the fuzz decoder
 *   test_scn_write api             the writer's text and refusals, and
 *                                  sim_program_equal (test_scn_write_api.c)
 *
 * How the documented cases are allowed, and no others: the test applies
 * them to P itself (normalize(), written from scn.h's list, not from the
 * writer) after running it; P normalized must then equal load(write(P))
 * exactly, and the run of load(write(P)) must observe what P's did.
 */
#define _XOPEN_SOURCE 700     /* realpath, nftw */

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fz_input.h"
#include "scn_run.h"
#include "scn_write_test.h"
#include "sdd/sdd.h"

static char **args_v;
static int args_n;

/* ---- The documented cases, applied to P (scn.h) ---- */

static void normalize_op(struct sim_program *p, struct sim_op *op, bool step)
{
	bool targeted = op->psci_fn == SIM_PSCI_CPU_ON || op->psci_fn == SIM_PSCI_AFFINITY_INFO;

	if (op->kind == SIM_OP_PSCI && !targeted) {
		if (op->target != SIM_NONE && op->nargs == 0 && op->psci_fn != SIM_PSCI_CPU_SUSPEND) {
			op->args = sim_add_value(p, (struct sim_value){ SIM_V_MPIDR, op->target });
			op->nargs = 1;
		}
		op->target = SIM_NONE;
	}
	if (op->kind == SIM_OP_PSCI && op->psci_fn != SIM_PSCI_CPU_SUSPEND)
		op->state = 0;
	if (op->kind == SIM_OP_INTERRUPT && op->intid >= 32)
		op->pe = SIM_NONE;
	if (step && op->pe == SIM_NONE &&
	    (op->kind == SIM_OP_CALL || op->kind == SIM_OP_PSCI || op->kind == SIM_OP_SET ||
	     op->kind == SIM_OP_DISPATCH || op->kind == SIM_OP_WAKE || op->kind == SIM_OP_RESUME ||
	     (op->kind == SIM_OP_INTERRUPT && op->intid < 32)))
		op->pe = 0;
	if (op->kind == SIM_OP_CALL && !op->raw_fid &&
	    (op->fid.kind != SIM_V_CONST || op->fid.u > UINT32_MAX ||
	     sdd_call_name((uint32_t)op->fid.u) == NULL))
		op->raw_fid = 1;
}

void normalize(struct sim_program *p)
{
	if (p->name == NULL || p->name[0] == '\0') {
		free(p->name);
		p->name = strdup("unnamed");
	}
	for (uint32_t k = 0; k < p->nsteps; k++)
		normalize_op(p, &p->steps[k], true);
	for (uint32_t k = 0; k < p->nactions; k++)
		normalize_op(p, &p->actions[k], false);
	for (uint32_t k = 0; k < p->nhandlers; k++) {
		char *abs;
		if (p->handlers[k].kind != SIM_H_ELF)
			continue;
		abs = realpath(sim_str(p, p->handlers[k].elf_path), NULL);
		if (abs)
			p->handlers[k].elf_path = sim_add_string(p, abs);
		free(abs);
	}
}

/* ---- One round trip ---- */

char *write_text(const struct sim_program *p, char *err, size_t n)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	if (scn_write(f, p, err, n) != 0) {
		fclose(f);
		free(text);
		return NULL;
	}
	fclose(f);
	return text;
}

void round_trip(struct sim_program *p, const char *what)
{
	struct sim_program q;
	struct sim_result ra, rb;
	struct obs_log la = { 0 }, lb = { 0 };
	char err[1024], why[600];
	char *text = write_text(p, err, sizeof err);
	int runa, runb;

	if (text == NULL)
		fail_msg("%s: the writer refused it: %s", what, err);
	sim_program_init(&q);
	if (scn_load_string("written.yaml", text, strlen(text), NULL, &q, err, sizeof err))
		fail_msg("%s: what the writer wrote does not load: %s\n%s", what, err, text);
	/* Run the program as it was, then allow the documented cases. */
	runa = scn_test_run(p, &ra, &la);
	normalize(p);
	if (!sim_program_equal(p, &q, why, sizeof why))
		fail_msg("%s: load(write(P)) is not P: %s\n%s", what, why, text);
	runb = scn_test_run(&q, &rb, &lb);
	if (runa != runb || ra.passed != rb.passed || strcmp(ra.message, rb.message) != 0)
		fail_msg("%s: the runs end differently: %d %s '%s' / %d %s '%s'", what, runa,
			 ra.passed ? "passed" : "failed", ra.message, runb, rb.passed ? "passed" : "failed",
			 rb.message);
	if (!obs_log_same(&la, &lb, why, sizeof why))
		fail_msg("%s: the runs differ: %s\n%s", what, why, text);
	obs_log_free(&la);
	obs_log_free(&lb);
	sim_program_free(&q);
	free(text);
}

/* ---- Scenario files ---- */

static unsigned files_done, files_skipped;
static bool must_load;

static void one_text(const char *name, const char *text, size_t len)
{
	struct sim_program p;
	char err[1024];

	sim_program_init(&p);
	if (scn_load_string(name, text, len, NULL, &p, err, sizeof err)) {
		if (must_load)
			fail_msg("%s", err);
		files_skipped++;
	} else {
		round_trip(&p, name);
		files_done++;
	}
	sim_program_free(&p);
}

static void one_file(const char *path)
{
	struct sim_program p;
	char err[1024];

	sim_program_init(&p);
	if (scn_load_file(path, NULL, &p, err, sizeof err)) {
		if (must_load)
			fail_msg("%s", err);
		files_skipped++;
	} else {
		round_trip(&p, path);
		files_done++;
	}
	sim_program_free(&p);
}

/* The ```yaml blocks of a Markdown file. */
static void md_blocks(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024], *text = NULL, name[600];
	size_t len = 0;
	unsigned lineno = 0, start = 0;
	bool in = false;

	if (f == NULL)
		fail_msg("%s: %s", path, strerror(errno));
	while (fgets(line, sizeof line, f)) {
		lineno++;
		if (!in && strcmp(line, "```yaml\n") == 0) {
			in = true;
			len = 0;
			start = lineno + 1;
		} else if (in && strcmp(line, "```\n") == 0) {
			in = false;
			snprintf(name, sizeof name, "%s (example at line %u)", path, start);
			one_text(name, text ? text : "", len);
		} else if (in) {
			size_t l = strlen(line);
			text = realloc(text, len + l + 1);
			assert_non_null(text);
			memcpy(text + len, line, l + 1);
			len += l;
		}
	}
	fclose(f);
	free(text);
}

/* `files`: fixtures (*.yml) and scenarios; `suite`: scenarios (*.yaml)
 * only, since *.yml below scenarios/ are fixtures, malformed ones too. */
static int walk_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	size_t len = strlen(path);
	bool yml = len > 4 && strcmp(path + len - 4, ".yml") == 0;
	bool yaml = len > 5 && strcmp(path + len - 5, ".yaml") == 0;

	(void)st;
	(void)ftw;
	if (flag == FTW_F && (yaml || (yml && must_load)))
		one_file(path);
	return 0;
}

static void test_files(void **state)
{
	(void)state;
	must_load = strcmp(args_v[1], "files") == 0;
	for (int k = 2; k < args_n; k++) {
		size_t len = strlen(args_v[k]);
		if (len > 3 && strcmp(args_v[k] + len - 3, ".md") == 0)
			md_blocks(args_v[k]);
		else if (nftw(args_v[k], walk_one, 16, FTW_PHYS) != 0)
			fail_msg("%s: %s", args_v[k], strerror(errno));
	}
	printf("%u programs written, loaded, compared and run; %u files that do not load skipped\n",
	       files_done, files_skipped);
	assert_true(files_done > 0);
}

/* ---- Fuzz inputs ---- */

static void one_input(const uint8_t *data, size_t len, const char *what)
{
	struct sim_program p;
	struct fz_choices ch;

	sim_program_init(&p);
	assert_int_equal(fz_decode(data, len, &p, &ch), 0);
	round_trip(&p, what);
	sim_program_free(&p);
}

static void test_fuzz(void **state)
{
	DIR *d = opendir(args_v[2]);
	struct dirent *e;
	unsigned seeds = 0, random = (unsigned)strtoul(args_v[3], NULL, 10);
	uint64_t s = 0x9E3779B97F4A7C15ull;
	uint8_t buf[FZ_HEADER_BYTES + (FZ_MAX_RECORDS + 1) * FZ_RECORD_BYTES];

	(void)state;
	if (d == NULL)
		fail_msg("%s: %s", args_v[2], strerror(errno));
	while ((e = readdir(d)) != NULL) {
		char path[4096];
		FILE *f;
		size_t n;
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", args_v[2], e->d_name);
		f = fopen(path, "rb");
		assert_non_null(f);
		n = fread(buf, 1, sizeof buf, f);
		fclose(f);
		one_input(buf, n, path);
		seeds++;
	}
	closedir(d);
	assert_true(seeds > 0);
	/* Random bytes: any length up to past the record limit. */
	for (unsigned k = 0; k < random; k++) {
		char what[64];
		size_t n;
		s ^= s << 13, s ^= s >> 7, s ^= s << 17;
		n = (size_t)(s % sizeof buf);
		for (size_t b = 0; b < n; b++) {
			s ^= s << 13, s ^= s >> 7, s ^= s << 17;
			buf[b] = (uint8_t)(s >> 32);
		}
		snprintf(what, sizeof what, "random input %u (%zu bytes)", k, n);
		one_input(buf, n, what);
	}
	printf("%u seed inputs and %u random ones written, loaded, compared and run\n", seeds, random);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest files[] = { cmocka_unit_test(test_files) };
	const struct CMUnitTest fuzz[] = { cmocka_unit_test(test_fuzz) };
	const char *mode = argc > 1 ? argv[1] : "";

	args_v = argv;
	args_n = argc;
	if ((strcmp(mode, "files") == 0 || strcmp(mode, "suite") == 0) && argc > 2)
		return cmocka_run_group_tests_name(mode, files, NULL, NULL);
	if (strcmp(mode, "fuzz") == 0 && argc == 4)
		return cmocka_run_group_tests_name("fuzz", fuzz, NULL, NULL);
	if (strcmp(mode, "api") == 0)
		return scn_write_api_tests();
	fprintf(stderr, "usage: %s files PATH... | suite DIR | fuzz DIR N | api\n", argv[0]);
	return 2;
}
