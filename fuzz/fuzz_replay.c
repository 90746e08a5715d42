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
 * found, 1 when something was, 2 on bad usage or an input that cannot be
 * run (missing, unreadable, longer than FZ_MAX_INPUT; a directory with no
 * input below it): the others still run,
 * but a run that skipped one is not a pass; 2 too when what it printed
 * did not all reach standard output.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fz_cells.h"
#include "fz_core.h"
#include "fz_repro.h"
#include "fz_run.h"
#include "hostfs.h"
#include "outfile.h"
#include "quote.h"
#include "scn_near.h"

#define STR_(x) #x
#define STR(x)  STR_(x)

static const char usage[] =
	"usage: fuzz_replay [-v] [--migrate | --core] [--repro] FILE_OR_DIR...\n\n"
	"Run fuzz inputs through the runner the fuzz harnesses use, without an engine:\n"
	"each FILE, and every file below each DIR (in name order; names starting with\n"
	"'.' are skipped).  Prints a line per finding and a summary.\n\n"
	"Options:\n"
	"  -v          a line for every input, with what it ran, a hash of what it\n"
	"              observed (`run`: equal for equal runs), of the extra coverage\n"
	"              cells a harness hands its engine (`cells`: emulated edges /\n"
	"              the model's state) and, with --migrate, of the final state\n"
	"  --migrate   run each input as fuzz_migrate does (as it is, and migrated)\n"
	"  --core      run each input as fuzz_core does (the dispatcher alone)\n"
	"  --repro     minimise each input that finds something (not with --core)\n"
	"  --help, -h  this text\n\n"
	"Inputs are at most " STR(FZ_MAX_INPUT) " bytes (as for sdeisim repro).\n"
	"Exit status: 0 nothing found, 1 something found, 2 bad usage or an input\n"
	"that cannot be run (missing, unreadable, too long; a directory with none),\n"
	"or what it printed did not all reach standard output (a full disk).\n";

static unsigned inputs, findings, errors;
static bool verbose, migrate, repro, core_wanted, help;
static struct fz_core *core;          /* --core */

/* status, unless what was printed did not all reach standard output (a
 * full disk): the findings and the summary are the result */
static int flushed(int status)
{
	return outfile_exit_status("fuzz_replay", status);
}

/* The options, each a flag it sets. */
static const struct option_flag {
	const char *name;
	bool *set;
} options[] = {
	{ "-v", &verbose }, { "--migrate", &migrate }, { "--core", &core_wanted },
	{ "--repro", &repro }, { "--help", &help }, { "-h", &help },
};
#define NOPTIONS (sizeof options / sizeof options[0])

/* Set the flag word names; false, having said why, when it names none
 * (with the option it is a slip of, if any: long options for "--x",
 * short ones for "-x"). */
static bool take_option(const char *word)
{
	size_t dashes = strncmp(word, "--", 2) == 0 ? 2 : 1;
	struct scn_near nr = { 0 };
	const char *near;

	for (size_t k = 0; k < NOPTIONS; k++)
		if (strcmp(word, options[k].name) == 0) {
			*options[k].set = true;
			return true;
		}
	for (size_t k = 0; k < NOPTIONS; k++)
		if (strspn(options[k].name, "-") == dashes)
			scn_near(&nr, word + dashes, strlen(word + dashes), options[k].name + dashes);
	near = scn_near_said(&nr, dashes == 2 ? "--" : "-");
	if (near)
		fprintf(stderr, "fuzz_replay: unknown option '%s' (did you mean %s?)\n", SIM_QUOTED_STR(word),
			near);
	else
		fprintf(stderr, "fuzz_replay: unknown option '%s' (try --help)\n", SIM_QUOTED_STR(word));
	return false;
}

/* -v: what each run observed, and the cells of extra coverage it set
 * (cleared before each input, as the engines clear theirs) */
static struct fz_log run_log;
static uint8_t emulated[FZ_EMULATED_CELLS], state[FZ_STATE_CELLS];

static unsigned long long cells_hash(const uint8_t *cells, size_t n)
{
	uint64_t h = SIM_FNV_BASIS;

	sim_fnv64(&h, cells, n);
	return h;
}

/* fuzz_core's observations into the log (fz_run's runner logs its own) */
static void core_obs(void *ctx, const struct sim_obs *o)
{
	fz_log_obs(ctx, o);
}

/* An input that cannot be run: said, counted, and the exit status 2. */
__attribute__((format(printf, 2, 3)))
static void bad_input(const char *path, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:1:1: ", path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	errors++;
}

static void replay_file(struct fz_run *r, const char *path)
{
	static uint8_t buf[FZ_MAX_INPUT];
	char why[300];
	size_t n;
	int rc = hostfs_read_file(path, buf, sizeof buf, &n, why, sizeof why);

	if (rc) {
		bad_input(path, "%s%s", why,
			  rc > 0 ? ", the most a fuzz input is run with (as by sdeisim repro)" : "");
		return;
	}
	inputs++;
	memset(emulated, 0, sizeof emulated);
	memset(state, 0, sizeof state);
	if (core) {
		fz_log_begin(&run_log);
		if (!fz_core_run_one(core, buf, n)) {
			printf("FINDING %s: %s\n", path, core->finding);
			findings++;
		} else if (verbose && core->skipped) {
			printf("ok %s (skipped: not a program fuzz_core runs)\n", path);
		} else if (verbose) {
			printf("ok %s (%u steps, %u dispatches, %llu model checks, run %016llx, cells %016llx)\n",
			       path, core->res.steps_run, core->res.dispatches,
			       (unsigned long long)core->oracle.checks, (unsigned long long)run_log.hash,
			       cells_hash(state, sizeof state));
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
		printf("ok %s (%u steps, %u dispatches, %llu model checks, run %016llx, cells %016llx/%016llx",
		       path, r->res.steps_run, r->res.dispatches, (unsigned long long)r->oracle.checks,
		       r->last_log ? (unsigned long long)r->last_log->hash : 0ull,
		       cells_hash(emulated, sizeof emulated), cells_hash(state, sizeof state));
		if (migrate)
			printf(", final %016llx", (unsigned long long)r->res.digest);
		printf(")\n");
	}
}

/* FILE, or every file below DIR (hostfs_walk: in name order, each
 * directory once). */
static void replay(struct fz_run *r, const char *path)
{
	struct hostfs_list l = { 0 };

	if (hostfs_walk(&l, path, NULL, "no input below the directory"))
		bad_input(path, "out of memory listing the directory");
	for (size_t k = 0; k < l.n; k++) {
		if (l.v[k].error)
			bad_input(l.v[k].path, "%s", l.v[k].error);
		else
			replay_file(r, l.v[k].path);
	}
	hostfs_list_free(&l);
}

int main(int argc, char **argv)
{
	struct fz_run r;
	struct fz_core c;
	char err[200];
	int first = 1;

	for (; first < argc && argv[first][0] == '-'; first++)
		if (!take_option(argv[first]))
			return 2;
	if (help) {
		fputs(usage, stdout);
		return flushed(0);
	}
	if (core_wanted)
		core = &c;
	if (first >= argc) {
		fputs(usage, stderr);
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
	if (verbose) {
		/* each run's observations hashed, and the cells the harness
		 * would hand its engine, for the -v line */
		r.log = &run_log;
		fz_run_cells(&r, emulated, sizeof emulated, state);
		if (core) {
			core->oracle.state_cells = state;
			core->also = (struct sim_observer){ .obs = core_obs, .ctx = &run_log };
		}
	}
	for (int k = first; k < argc; k++)
		replay(&r, argv[k]);
	if (errors)
		printf("%u inputs, %u findings, %u not run (above)\n", inputs, findings, errors);
	else
		printf("%u inputs, %u findings\n", inputs, findings);
	fz_run_free(&r);
	if (core)
		fz_core_free(core);
	return flushed(errors ? 2 : findings ? 1 : 0);
}
