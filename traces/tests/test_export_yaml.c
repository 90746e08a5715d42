/*
 * test_export_yaml - `sdeisim export yaml`: a trace written as the
 * scenario its replay runs passes `sdeisim run` exactly when the replay
 * matches, and otherwise fails at an expectation made from a record the
 * replay diverged on.
 *
 *   test_export_yaml SAMPLES SCENARIOS
 *
 * Traces: each sample trace (SAMPLES/NAME.trace but the bad- ones) replayed on
 * both profiles, and every scenario under SCENARIOS recorded on the
 * default profile then replayed on it, and recorded on tf-a-fvp then
 * replayed on `default` (a different dispatcher: many diverge).  For each:
 * the replay's divergences (their trace lines); the program with
 * expectations written by scn_write, loaded back and run; PASS iff no
 * divergence; a FAIL's place in the YAML mapped back to the element of the
 * written program it was loaded from, whose location is a trace line,
 * which must be one of the divergences.  Prints each mismatch; exit 1 if
 * any.
 */
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "replay.h"
#include "scn.h"
#include "trace_recorder.h"

static struct sim_cpu *cpu;
static unsigned cases, passes, fails, bad;

/* The divergence lines of a replay report ("NAME:LINE: ..."). */
static bool diverged_at(const char *report, const char *name, uint32_t line)
{
	size_t n = strlen(name);

	for (const char *p = report; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p))
		if (strncmp(p, name, n) == 0 && p[n] == ':' && strtoul(p + n + 1, NULL, 10) == line)
			return true;
	return false;
}

/* The trace line of what failed: the element of y (loaded from the YAML)
 * at YAML line `line` is at the same place in e (written from), whose
 * locations are trace lines.  0: not found. */
static uint32_t trace_line(const struct sim_program *e, const struct sim_program *y, uint32_t step, uint32_t line)
{
	if (step < y->nsteps && step < e->nsteps) {
		const struct sim_op *ys = &y->steps[step], *es = &e->steps[step];
		if (ys->loc.line == line)
			return es->loc.line;
		for (uint32_t j = 0; ys->kind == SIM_OP_EXPECT_DISPATCHES && j < ys->nlist && j < es->nlist; j++)
			if (y->dispatches[ys->list + j].loc.line == line)
				return e->dispatches[es->list + j].loc.line;
	}
	for (uint32_t h = 0; h < y->nhandlers && h < e->nhandlers; h++)
		for (uint32_t k = 0; k < y->handlers[h].nops && k < e->handlers[h].nops; k++) {
			const struct sim_op *a = &y->actions[y->handlers[h].ops + k];
			bool here = a->loc.line == line;
			for (uint32_t c = 0; c < a->nchecks; c++)
				here |= y->checks[a->checks + c].m.loc.line == line;
			if (here)
				return e->actions[e->handlers[h].ops + k].loc.line;
		}
	return 0;
}

/* One trace (text): replay, export, run, compare. */
static void check(const char *name, const char *text, size_t len, const char *profile)
{
	struct replay rp, re;
	struct replay_opts plain = { profile, false }, expect = { profile, true };
	struct replay_summary sum;
	struct sim_program y;
	struct sim_result res;
	char err[800], *report = NULL, *yaml = NULL;
	size_t rlen, ylen;
	FILE *in, *out;
	struct trace_reader *rd;
	bool ok = false;

	cases++;
	in = fmemopen((void *)(uintptr_t)text, len, "r");
	rd = trace_reader_open(in, name);
	out = open_memstream(&report, &rlen);
	if (replay_build(&rp, rd, &plain, err, sizeof err) || replay_run(&rp, cpu, false, out, &sum)) {
		printf("%s (%s): the replay does not run: %s\n", name, profile, err);
		bad++;
		fclose(out);
		replay_free(&rp);
		trace_reader_close(rd);
		fclose(in);
		free(report);
		return;
	}
	fclose(out);
	replay_free(&rp);
	trace_reader_close(rd);
	rewind(in);
	rd = trace_reader_open(in, name);
	sim_program_init(&y);
	out = open_memstream(&yaml, &ylen);
	if (replay_build(&re, rd, &expect, err, sizeof err) || scn_write(out, &re.prog, err, sizeof err)) {
		printf("%s (%s): export: %s\n", name, profile, err);
	} else {
		fclose(out);
		out = NULL;
		if (scn_load_string("x.yaml", yaml, ylen, NULL, &y, err, sizeof err) || sim_run(cpu, &y, NULL, &res)) {
			printf("%s (%s): the exported YAML does not load or run: %s\n", name, profile, err);
		} else if (res.passed) {
			ok = sum.diverged == 0;
			passes += ok;
			if (!ok)
				printf("%s (%s): PASS, but the replay diverged:\n%s", name, profile, report);
		} else {
			uint32_t at = trace_line(&re.prog, &y, res.step, res.loc.line);
			ok = sum.diverged > 0 && at && diverged_at(report, name, at);
			fails += ok;
			if (!ok)
				printf("%s (%s): FAIL at x.yaml:%u (trace line %u): %s\nreplay:\n%s", name, profile,
				       res.loc.line, at, res.message, report);
		}
	}
	if (out)
		fclose(out);
	bad += !ok;
	sim_program_free(&y);
	replay_free(&re);
	trace_reader_close(rd);
	fclose(in);
	free(report);
	free(yaml);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) != NULL) {
		*len = fread(buf, 1, (size_t)n, f);
		buf[*len] = 0;
	}
	fclose(f);
	return buf;
}

static void samples(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name), len;
		char path[4096], *text;
		if (n < 7 || strcmp(e->d_name + n - 6, ".trace") != 0 || strncmp(e->d_name, "bad-", 4) == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if ((text = slurp(path, &len)) == NULL)
			continue;
		check(e->d_name, text, len, "default");
		check(e->d_name, text, len, "tf-a-fvp");
		free(text);
	}
	if (d)
		closedir(d);
}

/* Record scenario `path` run on run_profile; check its replay on replay_profile. */
static void recorded(const char *path, const char *run_profile, const char *replay_profile)
{
	struct sim_program prog;
	struct sim_run_opts ro;
	struct sim_result res;
	struct sim_observer none = { NULL, NULL };
	struct trace_recorder *rec;
	char err[800], *text = NULL;
	size_t len;
	FILE *f;

	sim_program_init(&prog);
	if (scn_load_file(path, run_profile, &prog, err, sizeof err) == 0) {   /* others are the loader's fixtures */
		f = open_memstream(&text, &len);
		rec = trace_recorder_open(f, &prog);
		memset(&ro, 0, sizeof ro);
		ro.observer = trace_recorder_observer(rec, none);
		if (sim_run(cpu, &prog, &ro, &res) == 0) {
			trace_recorder_close(rec);
			fclose(f);
			check(path, text, len, replay_profile);
		} else {
			trace_recorder_close(rec);
			fclose(f);
		}
		free(text);
	}
	sim_program_free(&prog);
}

static void scenarios(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d)) != NULL) {
		char path[4096];
		struct stat st;
		size_t n = strlen(e->d_name);
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode) && strcmp(e->d_name, "tests") != 0)
			scenarios(path);
		else if (n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0) {
			recorded(path, "default", "default");
			recorded(path, "tf-a-fvp", "default");
		}
	}
	if (d)
		closedir(d);
}

int main(int argc, char **argv)
{
	char err[200];

	if (argc != 3) {
		fprintf(stderr, "usage: test_export_yaml SAMPLES SCENARIOS\n");
		return 2;
	}
	cpu = sim_cpu_create(err, sizeof err);
	if (!cpu) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	samples(argv[1]);
	scenarios(argv[2]);
	sim_cpu_destroy(cpu);
	printf("%u traces exported: %u pass as their replay matches, %u fail at a divergence, %u wrong\n", cases, passes,
	       fails, bad);
	return bad || fails == 0 || passes == 0 ? 1 : 0;
}
