/*
 * test_export_yaml - `sdeisim export yaml`: a trace written as the
 * scenario its replay runs passes `sdeisim run` exactly when the replay
 * matches, and otherwise fails at an expectation made from a record the
 * replay diverged on.
 *
 *   test_export_yaml SAMPLES SCENARIOS
 *   test_export_yaml --mutants SAMPLES
 *
 * Traces: each sample trace (SAMPLES/NAME.trace but the bad- ones) replayed
 * on both profiles, and every scenario under SCENARIOS recorded on the
 * default profile then replayed on it, and recorded on tf-a-fvp then
 * replayed on `default` (a different dispatcher: many diverge); where the
 * scenario's profile is the replay's, the replay's machine must be the
 * scenario's (sim_platform_equal: the platform record carries it all).  With
 * --mutants, the sample traces changed the ways a dispatcher and a trace
 * can disagree, each replayed on both profiles: every record left out,
 * every record twice, every known call result changed, every completing
 * call refused (with its error, or with none traced), every dispatch's
 * argument changed, every acknowledgement that dispatched deferred, every
 * two adjacent records of different PEs the other way round (each with the
 * other's time: the order across PEs, which the export must keep as the
 * replay does), every dispatch left out with what made it and its
 * handlers' calls, and every dispatch's and every COMPLETE_AND_RESUME's
 * PSTATE with one bit flipped (NZCV's C; DAIF's F; M[2], the EL).  For
 * each: the replay's divergences (their trace lines); the program with
 * expectations written by scn_write, loaded back and run; PASS iff no
 * divergence, but for the kinds README "YAML export" says the scenario
 * does not check: the firmware's acknowledgements, which the export must
 * then have noted, and a PSTATE, or what a trace shows at or after the
 * SYSTEM_OFF that ends the run, it noted as not checked at the line of
 * that divergence; a FAIL's place in the YAML mapped back to the elements
 * of the written program it was loaded from, whose locations are trace
 * lines, one of which must be a divergence.  Prints each mismatch; exit 1
 * if any.
 */
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "replay.h"
#include "scn.h"
#include "test_export_yaml.h"
#include "trace_recorder.h"

static struct sim_cpu *cpu;
static unsigned cases, passes, fails, bad;
bool ey_mid_run;         /* replay and export with --mid-run (a window- sample's second pass) */
#define MODE (ey_mid_run ? ", --mid-run" : "")


/* The divergences of a replay report: its "NAME:LINE: ..." lines. */
static const char *divergence(const char *p, const char *name, uint32_t *line)
{
	size_t n = strlen(name);

	if (strncmp(p, name, n) != 0 || p[n] != ':' || p[n + 1] < '0' || p[n + 1] > '9')
		return NULL;
	*line = (uint32_t)strtoul(p + n + 1, NULL, 10);
	return strchr(p + n + 1, ' ');
}

#define EACH_LINE(p, report) for (const char *p = report; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p))

static bool diverged_at(const char *report, const char *name, uint32_t line)
{
	uint32_t at;

	EACH_LINE(p, report)
		if (divergence(p, name, &at) && at == line)
			return true;
	return false;
}

/* Is there a note at trace line `line` that has `what` in it? */
static bool noted_at(const struct replay *rp, const char *name, uint32_t line, const char *what)
{
	uint32_t at;

	for (uint32_t k = 0; k < rp->nnotes; k++)
		if (divergence(rp->notes[k], name, &at) && at == line && strstr(rp->notes[k], what))
			return true;
	return false;
}

/* Are all the divergences of kinds the exported scenario does not check
 * and says so: a PSTATE ("pstate=") where the export noted at the same
 * line that it does not check it, acknowledgements ("INTID") when acks,
 * what the trace shows at or after the SYSTEM_OFF that ends the run where
 * the export noted at the same line that it cannot check it? */
static bool only_unchecked(const char *report, const char *name, const struct replay *re, bool acks)
{
	uint32_t at;

	EACH_LINE(p, report) {
		const char *text = divergence(p, name, &at), *end = strchr(p, '\n');
		char buf[1000];
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (!text && strncmp(p, name, strlen(name)) == 0)
			return false;            /* "NAME: N trace records ... not replayed" */
		if (!text)
			continue;
		snprintf(buf, sizeof buf, "%.*s", (int)(n < sizeof buf ? n : sizeof buf - 1), p);
		if (!(strstr(buf, " pstate=") && noted_at(re, name, at, "PSTATE")) && !(acks && strstr(buf, "INTID")) &&
		    !noted_at(re, name, at, "the SYSTEM_OFF at line"))
			return false;
	}
	return true;
}

/* Does resume entry j of y (loaded from the YAML) stand at YAML line
 * `line`, or one of its checks? */
static bool resume_at(const struct sim_program *y, uint32_t j, uint32_t line)
{
	bool here = y->resumes[j].loc.line == line;

	for (uint32_t c = 0; c < y->resumes[j].nchecks; c++)
		here |= y->checks[y->resumes[j].checks + c].m.loc.line == line;
	return here;
}

/* The trace lines a failure at YAML line `line` in step `step` of y (loaded
 * from the YAML) stands for, from e (written from, at the same places),
 * whose locations are trace lines: a failed expectation's own; for an
 * entry of expect_resumes, the call that made the landing and its
 * completion (its PSTATE check's); for the number of dispatches of an
 * expect_dispatches step (of landings of an expect_resumes step), every
 * step of its window and every dispatch (landing) it lists; for an
 * expect_view step at the end, every dispatch and completion of its PE's
 * (rp: the records); for an expect_entry, which every entry of its
 * handler runs, every dispatch into that handler and the step it failed
 * in (a dispatch the trace does not have is reported at that step's
 * line); for a failure of the run's own (a handler that ran off its
 * actions), the step's.  Returns how many, at most max. */
static unsigned fail_lines(const struct sim_program *e, const struct sim_program *y, const struct replay *rp,
			   uint32_t step, uint32_t line, uint32_t *out, unsigned max)
{
	unsigned n = 0;

#define ADD(l) do { if (n < max) out[n++] = (l); } while (0)
	if (step < y->nsteps && step < e->nsteps) {
		const struct sim_op *ys = &y->steps[step], *es = &e->steps[step];
		bool here = ys->loc.line == line, res = es->kind == SIM_OP_EXPECT_RESUMES;
		for (uint32_t j = 0; ys->kind == SIM_OP_EXPECT_VIEW && j < ys->nlist; j++)
			for (uint32_t c = 0; c < y->views[ys->list + j].nchecks; c++)
				here |= y->checks[y->views[ys->list + j].checks + c].m.loc.line == line;
		for (uint32_t j = 0; ys->kind == SIM_OP_EXPECT_DISPATCHES && j < ys->nlist && j < es->nlist; j++)
			if (y->dispatches[ys->list + j].loc.line == line)
				ADD(e->dispatches[es->list + j].loc.line);
		for (uint32_t j = 0; res && j < ys->nlist && j < es->nlist; j++) {
			const struct sim_expect_resume *r = &e->resumes[es->list + j];
			if (!resume_at(y, ys->list + j, line))
				continue;
			ADD(r->loc.line);
			for (uint32_t c = 0; c < r->nchecks; c++)
				ADD(e->checks[r->checks + c].m.loc.line);
		}
		if (n)
			return n;
		if (here)
			ADD(es->loc.line);
		if (here && (es->kind == SIM_OP_EXPECT_DISPATCHES || res)) {
			for (uint32_t j = 0; j < es->nlist; j++)
				ADD(res ? e->resumes[es->list + j].loc.line : e->dispatches[es->list + j].loc.line);
			for (uint32_t k = step; k-- > 0 && e->steps[k].kind != es->kind;)
				ADD(e->steps[k].loc.line);
		}
		for (uint32_t k = 0; here && es->kind == SIM_OP_EXPECT_VIEW && k < rp->nrecs; k++)
			if ((rp->role[k] == ROLE_DISPATCH || rp->role[k] == ROLE_COMPLETE) && rp->recs[k].pe == es->pe)
				ADD(rp->recs[k].line);
		if (n)
			return n;
	}
	for (uint32_t h = 0; h < y->nhandlers && h < e->nhandlers; h++)
		for (uint32_t k = 0; k < y->handlers[h].nops && k < e->handlers[h].nops; k++) {
			const struct sim_op *a = &y->actions[y->handlers[h].ops + k];
			bool here = a->loc.line == line;
			for (uint32_t c = 0; c < a->nchecks; c++)
				here |= y->checks[a->checks + c].m.loc.line == line;
			if (here)
				ADD(e->actions[e->handlers[h].ops + k].loc.line);
			for (uint32_t v = 0; here && a->kind == SIM_OP_EXPECT_ENTRY && v < rp->ninvs; v++)
				if (rp->invs[v].handler == (int32_t)h)
					ADD(rp->recs[rp->invs[v].dispatch].line);
			if (here && a->kind == SIM_OP_EXPECT_ENTRY && step < e->nsteps)
				ADD(e->steps[step].loc.line);
		}
	if (n == 0 && step < e->nsteps)    /* a failure of the run's own: the replay stops there too */
		ADD(e->steps[step].loc.line);
#undef ADD
	return n;
}

static bool noted(const struct replay *rp, const char *what)
{
	for (uint32_t k = 0; k < rp->nnotes; k++)
		if (strstr(rp->notes[k], what))
			return true;
	return false;
}

/* The verdict on one trace's run: true when it is what the README says. */
static bool judge(const char *name, const char *profile, const struct replay_summary *sum, const char *report,
		  const struct replay *re, const struct sim_program *y, const struct sim_result *res)
{
	uint32_t at[256];
	unsigned n;

	if (res->passed) {
		if (sum->diverged == 0)
			return true;
		if (only_unchecked(report, name, re, noted(re, "acknowledgements")))
			return true;
		printf("%s (%s%s): PASS, but the replay diverged:\n%s", name, profile, MODE, report);
		return false;
	}
	n = fail_lines(&re->prog, y, re, res->step, res->loc.line, at, 256);
	for (unsigned k = 0; k < n && sum->diverged; k++)
		if (diverged_at(report, name, at[k]))
			return true;
	printf("%s (%s%s): FAIL at x.yaml:%u (trace line%s", name, profile, MODE, res->loc.line, n == 1 ? "" : "s");
	for (unsigned k = 0; k < n; k++)
		printf(" %u", at[k]);
	printf("%s): %s\nreplay:\n%s", n ? "" : " none", res->message, report);
	return false;
}

/* Run y as `sdeisim run` does: with its `choices` (the export's route
 * its 1-of-N SPIs as the replay did). */
static int run(const struct sim_program *y, struct sim_result *res)
{
	struct sim_run_opts ro;
	struct sim_choice_cursor cur;

	memset(&ro, 0, sizeof ro);
	ro.choice = sim_program_choice(y, &cur);
	return sim_run(cpu, y, &ro, res);
}

/* Is the machine the replay built the one the trace was recorded on?
 * (want NULL: not known.)  A recording names the whole machine its
 * scenario set up (FORMAT.md, `platform`): a 2-PE scenario's replayed on
 * 4 PEs before the record's pes= was the machine's. */
static bool same_machine(const char *name, const struct sim_platform *want, const struct replay *rp)
{
	char why[300];

	if (want == NULL || sim_platform_equal(want, &rp->prog.platform, why, sizeof why))
		return true;
	printf("%s: the replay's machine is not the recorded scenario's: %s\n", name, why);
	return false;
}

/* One trace (text): replay (on the machine want, when known), export,
 * run, compare.  A mutant that does not read is skipped (quiet). */
void ey_check(const char *name, const char *text, size_t len, const char *profile, bool quiet,
	      const struct sim_platform *want)
{
	struct replay rp, re;
	struct replay_opts plain = { profile, false, ey_mid_run }, expect = { profile, true, ey_mid_run };
	struct replay_summary sum;
	struct sim_program y;
	struct sim_result res;
	char err[800], *report = NULL, *yaml = NULL;
	size_t rlen, ylen;
	FILE *in, *out;
	struct trace_reader *rd;
	bool ok = false;

	in = fmemopen((void *)(uintptr_t)text, len, "r");
	rd = trace_reader_open(in, name);
	out = open_memstream(&report, &rlen);
	if (replay_build(&rp, rd, &plain, err, sizeof err) || replay_run(&rp, cpu, false, out, &sum)) {
		if (!quiet)
			printf("%s (%s%s): the replay does not run: %s\n", name, profile, MODE, err);
		bad += !quiet;
		cases += !quiet;
		fclose(out);
		replay_free(&rp);
		trace_reader_close(rd);
		fclose(in);
		free(report);
		return;
	}
	cases++;
	bad += !same_machine(name, want, &rp);
	fclose(out);
	replay_free(&rp);
	trace_reader_close(rd);
	rewind(in);
	rd = trace_reader_open(in, name);
	sim_program_init(&y);
	out = open_memstream(&yaml, &ylen);
	if (replay_build(&re, rd, &expect, err, sizeof err) || replay_export_ready(&re, cpu, err, sizeof err) ||
	    scn_write(out, &re.prog, err, sizeof err)) {
		printf("%s (%s%s): export: %s\n", name, profile, MODE, err);
	} else {
		fclose(out);
		out = NULL;
		if (scn_load_string("x.yaml", yaml, ylen, NULL, &y, err, sizeof err) || run(&y, &res)) {
			printf("%s (%s%s): the exported YAML does not load or run: %s\n", name, profile, MODE, err);
		} else {
			ok = judge(name, profile, &sum, report, &re, &y, &res);
			passes += ok && res.passed;
			fails += ok && !res.passed;
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

/* Each sample trace of dir (not the bad- ones), to fn. */
static void each_sample(const char *dir, void (*fn)(const char *name, char *text, size_t len))
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
		fn(e->d_name, text, len);
		free(text);
	}
	if (d)
		closedir(d);
}

/* see test_export_yaml.h: a window is checked with --mid-run too */
bool ey_window(const char *name)
{
	return strncmp(name, "window-", 7) == 0;
}

static void sample(const char *name, char *text, size_t len)
{
	for (ey_mid_run = false; !ey_mid_run || ey_window(name); ey_mid_run = !ey_mid_run) {
		ey_check(name, text, len, "default", false, NULL);
		ey_check(name, text, len, "tf-a-fvp", false, NULL);
		if (ey_mid_run)
			break;
	}
	ey_mid_run = false;
}

/* Record scenario `path` run on run_profile, with its `choices` as
 * `sdeisim run` makes them; check its replay on replay_profile. */
static void recorded(const char *path, const char *run_profile, const char *replay_profile)
{
	struct sim_program prog;
	struct sim_run_opts ro;
	struct sim_result res;
	struct sim_observer none = { NULL, NULL };
	struct sim_choice_cursor cur;
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
		ro.choice = sim_program_choice(&prog, &cur);
		if (sim_run(cpu, &prog, &ro, &res) == 0) {
			trace_recorder_close(rec);
			fclose(f);
			ey_check(path, text, len, replay_profile, false,
			      strcmp(prog.platform.profile, replay_profile) == 0 ? &prog.platform : NULL);
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

	bool mutate = argc == 3 && strcmp(argv[1], "--mutants") == 0;

	if (argc != 3) {
		fprintf(stderr, "usage: test_export_yaml SAMPLES SCENARIOS | --mutants SAMPLES\n");
		return 2;
	}
	cpu = sim_cpu_create(err, sizeof err);
	if (!cpu) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	if (mutate) {
		each_sample(argv[2], ey_mutants);
	} else {
		each_sample(argv[1], sample);
		scenarios(argv[2]);
	}
	sim_cpu_destroy(cpu);
	printf("%u traces exported: %u pass as their replay matches, %u fail at a divergence, %u wrong\n", cases, passes,
	       fails, bad);
	return bad || fails == 0 || passes == 0 ? 1 : 0;
}
