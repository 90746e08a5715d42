/*
 * repro.c - `sdeisim repro`: replay a fuzz input with full tracing, say
 * what it finds, and turn it into the regression test to commit.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fz_repro.h"
#include "outfile.h"
#include "quote.h"
#include "fz_run.h"
#include "hostfs.h"
#include "input_kind.h"
#include "scn.h"

static const char repro_help[] =
	"usage: sdeisim repro [OPTIONS] INPUT\n\n"
	"Replay a fuzz input (a crash or finding of fuzz_sdei / fuzz_migrate) with every\n"
	"step, call, interrupt, dispatch and completion narrated, and print what it finds:\n"
	"the first disagreement with the reference model, the violated invariant, or the\n"
	"difference migration makes - marked in the narration too, by a line\n"
	"'^^^ first difference: ...' right after what differed.\n\n"
	"INPUT is a fuzz input (a crash-* file, a corpus file): any bytes are one, run as\n"
	"they are; given an empty file or one that looks like a YAML scenario, repro says\n"
	"so on standard error (a scenario runs with `sdeisim run`).\n\n"
	"Options:\n"
	"  --harness NAME   fuzz_sdei (default) or fuzz_migrate: how the input is run\n"
	"  --yaml FILE      minimise the input and write it as a scenario that fails the\n"
	"                   same way without the model (the regression test to commit)\n"
	"  --input FILE     write the minimised input\n"
	"  --quiet, -q      no narration\n"
	"  --help, -h       this text\n\n"
	"Exit status: 0 the input finds nothing, 1 it finds something, 2 bad input or usage.\n\n"
	"The last line of standard output is the verdict, for scripts to read (the lines\n"
	"above it are for people and may change); there is none with exit status 2:\n"
	"  verdict: nothing               the input finds nothing\n"
	"  verdict: finding: FINDING      it finds FINDING (without --yaml and --input: not\n"
	"                                 minimised)\n"
	"  verdict: reproduces: FAILURE   minimised, and the program fails on its own, with\n"
	"                                 FAILURE\n"
	"  verdict: unverified: WHY       minimised, but the program passes when run alone,\n"
	"                                 or fails there on its own before its expectations\n"
	"  verdict: unpinned: WHY         minimised, but the program cannot pin the finding\n"
	"                                 by itself: only the input reproduces it\n"
	"The words are kept as they are; the text after them is for people.\n";

/* ---- the first difference, marked in the narration ---- */

/* An observer around the recorder's that notes where in the narration
 * the first difference can show: the model's first disagreement, the
 * observations of a migrated run (fz_run_migrated's second, r->pair[1]).
 * (A failure of the simulator ends the run, and its narration.) */
struct marks {
	struct recorder *rec;
	struct sim_observer narrate;
	const struct fz_run *r;
	bool   disagreed;               /* the model had disagreed by the last observation */
	long   model_at;                /* where its first disagreement shows, or -1 */
	long   migrated[FZ_LOG_MAX];    /* after each observation of the migrated run's log */
};

static void marks_observe(void *ctx, const struct sim_obs *o)
{
	struct marks *m = ctx;
	const struct fz_run *r = m->r;
	long before = (long)recorder_narrated(m->rec), after;

	m->narrate.obs(m->narrate.ctx, o);
	after = (long)recorder_narrated(m->rec);
	/* (the settled check is made when the next step starts, or at the
	 * end: the difference is before that step's narration) */
	if (r->oracle.failed && !m->disagreed && m->model_at < 0)
		m->model_at = r->oracle.bad.kind == FZ_D_SETTLED ? before : after;
	m->disagreed = r->oracle.failed;
	/* the log counts every observation but steps and migrations */
	if (r->log == &r->pair[1] && o->kind != SIM_OBS_STEP && o->kind != SIM_OBS_MIGRATE &&
	    r->log->total >= 1 && r->log->total <= FZ_LOG_MAX)
		m->migrated[r->log->total - 1] = after;
}

/* Where the narration (len bytes) shows the finding of r: after the
 * observation that made the first difference, else at its end (where a
 * failure of the simulator, or a final state that migration changed,
 * shows). */
static size_t first_difference_at(const struct marks *m, const struct fz_run *r, bool migrate, size_t len)
{
	long at = -1;

	if (r->oracle.failed)
		at = m->model_at;
	else if (migrate && !sim_fail_is_fault(r->res.fail_kind)) {
		long k = fz_first_difference(&r->pair[0], &r->pair[1]);
		if (k >= 0 && (uint32_t)k < r->pair[1].n)
			at = m->migrated[k];
	}
	return at >= 0 && (size_t)at <= len ? (size_t)at : len;
}

/* Print the narration with the first difference marked. */
static void print_marked(const char *text, size_t at, const char *finding)
{
	fwrite(text, 1, at, stdout);
	printf("    ^^^ first difference: %s\n", finding);
	fputs(text + at, stdout);
}

/* ---- the input ---- */

/* What the input is not, said on standard error: repro runs it all the
 * same (every byte string is a fuzz input). */
static void warn_input(const char *path, const uint8_t *p, size_t n)
{
	if (n == 0)
		fprintf(stderr, "sdeisim repro: warning: %s is empty: as a fuzz input, it runs a program "
			"of no steps\n", path);
	else if (sim_input_kind_of((const char *)p, n) == SIM_INPUT_SCENARIO)
		fprintf(stderr, "sdeisim repro: warning: %s looks like a YAML scenario, but repro takes a "
			"fuzz input (a crash-* file, a corpus file) and runs its bytes as one; to run a "
			"scenario: sdeisim run %s\n", path, path);
}

/* The input, read as fuzz_replay reads it (hostfs_read_file: whole, or
 * refused when longer than the buffer). */
static int read_input(const char *path, uint8_t *buf, size_t cap, size_t *len)
{
	char why[300];

	if (hostfs_read_file(path, buf, cap, len, why, sizeof why) == 0)
		return 0;
	fprintf(stderr, "%s:1:1: %s\n", path, why);
	return -1;
}

static int write_bytes(const char *path, const uint8_t *p, size_t n)
{
	struct outfile of;
	char err[600];
	int rc;

	if (outfile_open(&of, path, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	rc = outfile_close(&of, fwrite(p, 1, n, of.f) == n, err, sizeof err);
	if (rc)
		fprintf(stderr, "%s\n", rc < 0 ? err : "cannot write");
	return rc ? -1 : 0;
}

/* The scenario's name says what it pins; its description where it came
 * from. */
static void name_reproducer(struct sim_program *p, const struct fz_repro *rp, bool migrate)
{
	char text[1200];

	free(p->name);
	free(p->description);
	snprintf(text, sizeof text, "fuzz finding: %s", rp->minimised[0] ? rp->minimised : rp->finding);
	p->name = strdup(text);
	fz_repro_describe(rp, migrate, text, sizeof text);
	p->description = strdup(text);
}

/* The verdict, the last line of the output (repro_help): "verdict: WORD",
 * or "verdict: WORD: DETAIL" with DETAIL on the one line. */
static void print_verdict(const char *word, const char *detail)
{
	printf("verdict: %s", word);
	if (detail) {
		fputs(": ", stdout);
		for (; *detail; detail++)
			putchar(*detail == '\n' || *detail == '\r' ? ' ' : *detail);
	}
	putchar('\n');
}

/* What the minimised program holds: its steps, and its handlers with
 * their actions (the program's actions[] may hold more than its handlers
 * use: the decoder's, for handlers the minimised input lost). */
static void print_size(const struct fz_repro *rp, const struct sim_program *p)
{
	uint32_t actions = 0;

	for (uint32_t k = 0; k < p->nhandlers; k++)
		if (p->handlers[k].kind == SIM_H_ACTIONS)
			actions += p->handlers[k].nops;
	printf("minimised: %zu -> %zu bytes: %" PRIu32 " step%s, %" PRIu32 " handler%s (%" PRIu32 " action%s)\n",
	       rp->original_len, rp->len, p->nsteps, p->nsteps == 1 ? "" : "s", p->nhandlers,
	       p->nhandlers == 1 ? "" : "s", actions, actions == 1 ? "" : "s");
}

/* Minimise, and write what was asked for; *word and *detail are the
 * verdict when it returns EXIT_FAILED. */
static int reproduce(struct fz_run *r, const uint8_t *data, size_t len, bool migrate, const char *yaml,
		     const char *input, const char **word, const char **detail)
{
	static struct fz_repro rp;
	char err[300];

	if (fz_repro(r, data, len, migrate, &rp) != 0) {
		fprintf(stderr, "sdeisim repro: out of memory or the finding did not come back\n");
		return EXIT_BADINPUT;
	}
	print_size(&rp, &r->prog);
	if (input && write_bytes(input, rp.input, rp.len))
		return EXIT_BADINPUT;
	if (!rp.expressed) {
		printf("the program cannot pin this finding by itself: %s\n", rp.note);
		*word = "unpinned";
		*detail = rp.note;
	} else if (!rp.verified) {
		printf("warning: %s\n", rp.note);
		*word = "unverified";
		*detail = rp.note;
	} else {
		printf("the reproducer fails on its own: %s\n", rp.res.message);
		*word = "reproduces";
		*detail = rp.res.message;
	}
	if (yaml) {
		struct outfile of;
		char why[600];
		int rc;

		if (outfile_open(&of, yaml, why, sizeof why)) {
			fprintf(stderr, "%s\n", why);
			return EXIT_BADINPUT;
		}
		fz_choices_to_program(&r->choices, &r->prog);
		name_reproducer(&r->prog, &rp, migrate);
		rc = scn_write(of.f, &r->prog, err, sizeof err);
		if (rc)
			fprintf(stderr, "%s: %s\n", yaml, err);
		if (outfile_close(&of, rc == 0, why, sizeof why) < 0) {
			fprintf(stderr, "%s\n", why);
			rc = -1;
		}
		if (rc)
			return EXIT_BADINPUT;
		printf("wrote %s\n", yaml);
	}
	return EXIT_FAILED;
}

/* --yaml, --input and INPUT are three files (NULL: not given): an output
 * over the input, or the two outputs over each other, would lose one.
 * false, having said which two are the same, when not. */
static bool files_differ(const char *yaml, const char *input, const char *in)
{
	const struct {
		const char *a, *a_is, *b, *b_is;
	} pairs[] = {
		{ yaml, "--yaml", in, "the input" },
		{ input, "--input", in, "the input" },
		{ yaml, "--yaml", input, "--input" },
	};

	for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++)
		if (pairs[k].a && pairs[k].b && outfile_is(pairs[k].a, pairs[k].b)) {
			fprintf(stderr, "sdeisim repro: %s %s and %s %s are the same file\n", pairs[k].a_is,
				pairs[k].a, pairs[k].b_is, pairs[k].b);
			return false;
		}
	return true;
}

int cmd_repro(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "harness", required_argument, NULL, 'H' }, { "yaml", required_argument, NULL, 'y' },
		{ "input", required_argument, NULL, 'i' },   { "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },          { NULL, 0, NULL, 0 },
	};
	static uint8_t buf[FZ_MAX_INPUT];
	static struct marks marks;
	const char *yaml = NULL, *input = NULL, *harness = NULL, *word = NULL, *detail = NULL;
	bool migrate = false, quiet = false, ok;
	struct scen_report rep;
	struct recorder *rec = NULL;
	struct fz_run r;
	char err[700];
	size_t len;
	int c, status;

	/* 0: getopt starts afresh (glibc), not where a command before this
	 * one in the same process left it - in a cluster of short options
	 * when it stopped at a bad one (-zv), pointing into that command's
	 * arguments (tools/tests/sdeisim_batch.c runs many) */
	optind = 0;
	opterr = 0;           /* option_error says it, as "sdeisim repro: ..." */
	while ((c = getopt_long(argc, argv, ":qh", longs, NULL)) != -1) {
		switch (c) {
		case 'H':
			if (!option_once("repro", "--harness", &harness))
				return EXIT_BADINPUT;
			if (strcmp(optarg, "fuzz_migrate") != 0 && strcmp(optarg, "fuzz_sdei") != 0) {
				fprintf(stderr, "sdeisim repro: unknown harness '%s' (fuzz_sdei, fuzz_migrate)\n",
					SIM_QUOTED_STR(optarg));
				return EXIT_BADINPUT;
			}
			migrate = strcmp(optarg, "fuzz_migrate") == 0;
			break;
		case 'y': if (!option_once("repro", "--yaml", &yaml)) return EXIT_BADINPUT; break;
		case 'i': if (!option_once("repro", "--input", &input)) return EXIT_BADINPUT; break;
		case 'q': quiet = true; break;
		case 'h': fputs(repro_help, stdout); return EXIT_PASSED;
		default: return option_error("repro", c, argv, longs);
		}
	}
	if (optind != argc - 1) {
		fputs(repro_help, stderr);
		return EXIT_BADINPUT;
	}
	if (!files_differ(yaml, input, argv[optind]))
		return EXIT_BADINPUT;
	/* an output that cannot be written is said now, not after the run
	 * and the minimisation */
	for (unsigned k = 0; k < 2; k++) {
		const char *out = k ? input : yaml;
		if (out && outfile_check(out, err, sizeof err)) {
			fprintf(stderr, "%s (nothing run)\n", err);
			return EXIT_BADINPUT;
		}
	}
	if (read_input(argv[optind], buf, sizeof buf, &len))
		return EXIT_BADINPUT;
	warn_input(argv[optind], buf, len);
	if (fz_run_init(&r, err, sizeof err)) {
		fprintf(stderr, "sdeisim repro: %s\n", err);
		return EXIT_BADINPUT;
	}
	memset(&rep, 0, sizeof rep);
	if (!quiet && fz_decode(buf, len, &r.prog, &r.choices) == 0) {
		rec = recorder_open(&r.prog, true, false, 0);
		marks = (struct marks){ .rec = rec, .narrate = recorder_observer(rec), .r = &r,
					.model_at = -1 };
		if (marks.narrate.obs)
			r.also = (struct sim_observer){ marks_observe, &marks };
	}
	ok = migrate ? fz_run_migrated(&r, buf, len) : fz_run_one(&r, buf, len);
	if (rec) {
		recorder_close(rec, &rep);
		if (rep.verbose && !ok)
			print_marked(rep.verbose, first_difference_at(&marks, &r, migrate, strlen(rep.verbose)),
				     r.finding);
		else if (rep.verbose)
			fputs(rep.verbose, stdout);
		report_free(&rep);
		memset(&r.also, 0, sizeof r.also);
	}
	if (ok) {
		printf("%s: finds nothing (%u steps run, %u dispatches)\n", argv[optind], r.res.steps_run,
		       r.res.dispatches);
		if (yaml || input)
			printf("nothing to reproduce: %s not written\n",
			       yaml && input ? "--yaml and --input" : yaml ? "--yaml" : "--input");
		status = EXIT_PASSED;
		word = "nothing";
	} else {
		printf("%s: FINDING: %s\n", argv[optind], r.finding);
		word = "finding";
		detail = r.finding;
		if (yaml || input)
			status = reproduce(&r, buf, len, migrate, yaml, input, &word, &detail);
		else
			status = EXIT_FAILED;
	}
	if (status != EXIT_BADINPUT)
		print_verdict(word, detail);
	fz_run_free(&r);
	return status;
}
