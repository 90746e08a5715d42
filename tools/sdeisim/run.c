/*
 * run.c - `sdeisim run`: run YAML scenarios (contract/scenario-v1.md).
 *
 * Output, in the order of the files: a line per scenario, `PASS name`, or
 * `FAIL name` followed by `FILE:LINE:COLUMN: what was expected, what
 * happened`, or, for a file that cannot be used, its
 * `FILE:LINE:COLUMN: message`; then exactly `N passed, M failed` (a file
 * that cannot be used counts as failed).  Exit 0 when all pass, 1 when
 * any fails, 2 when a file cannot be used, a report file cannot be
 * written, or the command line is wrong.  A path that does not exist or
 * cannot be read, and a directory with no *.yaml below it, is such a
 * file: it does not stop the others.
 *
 * The JUnit report has no wall-clock times unless --junit-times asks for
 * them (time="0.000000"): the same files give the same report, byte for
 * byte, as they give the same output.
 *
 * With -j N, N worker processes (each with its own CPU engine) run the
 * scenarios and send their reports back through pipes; the output is the
 * same, in the same order, as with -j 1.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "outfile.h"
#include "quote.h"
#include "scn.h"
#include "trace_recorder.h"

struct run_opts {
	const char *profile;
	const char *junit;
	const char *timeline;
	const char *trace;       /* --trace: the canonical trace of the (one) scenario */
	bool verbose;
	bool junit_times;        /* --junit-times: measured seconds in the JUnit report */
	unsigned jobs;
};

static const char run_help[] =
	"usage: sdeisim run [OPTIONS] FILE_OR_DIR...\n\n"
	"Run scenarios: every FILE, and every *.yaml below every DIR, in sorted order.\n\n"
	"Options:\n"
	"  --profile NAME   platform profile for files that do not name one\n"
	"                   (default, tf-a-fvp; default: default)\n"
	"  --junit FILE     write a JUnit XML report (its times are 0: the same every run)\n"
	"  --junit-times    with --junit: each scenario's measured wall-clock time\n"
	"  --timeline FILE  write a Chrome trace-event JSON timeline (Perfetto, chrome://tracing)\n"
	"  --trace FILE     write the canonical SDEI trace of the run (one scenario; traces/FORMAT.md)\n"
	"  --verbose, -v    narrate every step and what happened\n"
	"  -j N             run N scenarios in parallel (1 to 64; default 1)\n"
	"  --help, -h       this text\n\n"
	"A report file (--junit, --timeline, --trace) is written whole or not at all,\n"
	"making its directory if need be.\n\n"
	"Exit status: 0 all passed, 1 a scenario failed, 2 a file could not be used\n"
	"(or a report written) or bad usage.\n";

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* --trace: a trace recorder in front of the run's observer. */
static int open_trace(const char *path, const struct sim_program *prog, struct sim_observer *obs,
		      struct outfile *of, struct trace_recorder **tr, struct scen_report *rep)
{
	char err[600];

	*tr = NULL;
	if (outfile_open(of, path, err, sizeof err) == 0 && (*tr = trace_recorder_open(of->f, prog)) == NULL) {
		outfile_close(of, false, err, sizeof err);
		snprintf(err, sizeof err, "%s: out of memory", path);
	}
	if (*tr == NULL) {
		snprintf(rep->message, sizeof rep->message, "%s (--trace)", err);
		rep->status = EXIT_BADINPUT;
		return -1;
	}
	*obs = trace_recorder_observer(*tr, *obs);
	return 0;
}

/* The trace written, or why not in rep->output_error: the scenario ran,
 * and its result is told as well. */
static void close_trace(struct outfile *of, struct trace_recorder *tr, struct scen_report *rep)
{
	char err[600];
	int werr = trace_recorder_close(tr);

	if (outfile_close(of, !werr, err, sizeof err) != 0 || werr) {
		if (werr)       /* in outfile_close's words */
			snprintf(err, sizeof err, "%s: write error: %s", of->path, strerror(werr));
		snprintf(rep->output_error, sizeof rep->output_error, "%s (--trace)", err);
	}
}

/* A passing run's notes: what it did not check, said where it is
 * written, not left to be believed checked. */
struct note { struct sim_loc at; char text[800]; };

static int note_order(const void *a, const void *b)
{
	const struct sim_loc *x = &((const struct note *)a)->at, *y = &((const struct note *)b)->at;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

/* The notes of a run of prog (from file) that passed, into rep: the first
 * as its message, the others as its notes, in file order. */
static void note_passed(const char *file, const struct sim_program *prog, const struct sim_result *res,
			struct scen_report *rep)
{
	struct note notes[3];
	unsigned n = 0;

	if (res->unran) {
		/* expectations in handlers that were never made */
		char nor[40] = "";

		if (res->unran > 1)
			snprintf(nor, sizeof nor, ", nor %u more in handlers", (unsigned)(res->unran - 1));
		notes[n].at = res->unran_at;
		snprintf(notes[n++].text, sizeof notes[0].text, "this expectation was never made%s: %s", nor,
			 res->unran_why);
	}
	if (res->unchecked) {
		/* dispatches after the last check: said, as a contract's
		 * "unexpected dispatch" that nothing looked for */
		notes[n].at = res->unchecked_after;
		snprintf(notes[n++].text, sizeof notes[0].text, "%u handler entr%s %s: %s", res->unchecked,
			 res->unchecked == 1 ? "y" : "ies", res->unchecked_by_none ?
			 "by this last step, and no expect_dispatches step checks them" :
			 "after this expect_dispatches, checked by no later one", res->unchecked_list);
	}
	if (res->steps_run < prog->nsteps) {
		/* steps were written that never ran */
		uint32_t more = prog->nsteps - res->steps_run - 1;
		char nor[40] = "";

		if (more)
			snprintf(nor, sizeof nor, ", nor the %u after it", (unsigned)more);
		notes[n].at = prog->steps[res->steps_run].loc;
		snprintf(notes[n++].text, sizeof notes[0].text, "this step did not run%s: SYSTEM_OFF ended the run "
			 "at step %u", nor, res->steps_run);
	} else if (res->unfinished[0] && res->steps_run > 0) {
		/* a handler's actions after its yield, or a held interrupt,
		 * never reached */
		notes[n].at = prog->steps[res->steps_run - 1].loc;
		snprintf(notes[n++].text, sizeof notes[0].text, "after this last step, %s", res->unfinished);
	}
	qsort(notes, n, sizeof notes[0], note_order);
	for (unsigned k = 0; k < n; k++) {
		char *to = k ? rep->note[k - 1] : rep->message;
		size_t room = k ? sizeof rep->note[0] : sizeof rep->message;

		snprintf(to, room, "%s:%u:%u: note: %s", file, notes[k].at.line, notes[k].at.col, notes[k].text);
	}
}

/* Load and run one scenario into rep; error: why file (a directory)
 * cannot be read, or NULL. */
static void run_one(struct sim_cpu **cpu, const char *file, const char *error,
		    const struct run_opts *o, unsigned index, struct scen_report *rep)
{
	struct sim_program prog;
	double t0 = now();

	memset(rep, 0, sizeof *rep);
	rep->file = strdup(file);
	sim_program_init(&prog);
	if (error) {
		snprintf(rep->message, sizeof rep->message, "%s:1:1: %s", file, error);
		rep->status = EXIT_BADINPUT;
	} else if (scn_load_file(file, o->profile, &prog, rep->message, sizeof rep->message)) {
		rep->status = EXIT_BADINPUT;
	} else {
		struct sim_run_opts ro;
		struct sim_choice_cursor choices;
		struct sim_result res;
		struct recorder *rec;
		struct trace_recorder *tr = NULL;
		struct outfile tof;
		char err[200];
		int rc;

		rep->name = strdup(prog.name);
		if (*cpu == NULL && (*cpu = sim_cpu_create(err, sizeof err)) == NULL) {
			snprintf(rep->message, sizeof rep->message, "%s:1:1: cannot create the CPU: %s", file, err);
			rep->status = EXIT_BADINPUT;
			goto out;
		}
		memset(&ro, 0, sizeof ro);
		/* A fuzz reproducer's `choices` make the input's choices again. */
		ro.choice = sim_program_choice(&prog, &choices);
		rec = recorder_open(&prog, o->verbose, o->timeline != NULL, index);
		ro.observer = recorder_observer(rec);
		if (o->trace && open_trace(o->trace, &prog, &ro.observer, &tof, &tr, rep)) {
			recorder_close(rec, rep);
			goto out;
		}
		rc = sim_run(*cpu, &prog, &ro, &res);
		recorder_close(rec, rep);
		if (tr)
			close_trace(&tof, tr, rep);
		if (rc) {
			rep->status = EXIT_BADINPUT;
			snprintf(rep->message, sizeof rep->message, "%s:%u:%u: %s", file,
				 res.loc.line ? res.loc.line : 1, res.loc.line ? res.loc.col : 1, res.message);
		} else if (!res.passed) {
			rep->status = EXIT_FAILED;
			snprintf(rep->message, sizeof rep->message, "%s:%u:%u: %s", file, res.loc.line,
				 res.loc.col, res.message);
		} else {
			note_passed(file, &prog, &res, rep);
		}
	}
out:
	/* measured only on request: a report that holds times differs from run to run */
	rep->seconds = o->junit_times ? now() - t0 : 0;
	sim_program_free(&prog);
}

/* One line of s: a control character (a name from the user's file may
 * hold a newline, which would forge a line of the output) as \xNN. */
static void put_line(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7F)
			fprintf(f, "\\x%02X", *p);
		else
			putc(*p, f);
	putc('\n', f);
}

static void print_report(const struct scen_report *r)
{
	if (r->verbose)
		fputs(r->verbose, stdout);
	if (r->status == EXIT_PASSED || r->status == EXIT_FAILED) {
		fputs(r->status == EXIT_PASSED ? "PASS " : "FAIL ", stdout);
		put_line(stdout, r->name ? r->name : r->file);
	}
	if (r->status != EXIT_PASSED) {
		put_line(stdout, r->message);
	} else if (r->message[0]) {
		/* a passing scenario's note: on stderr, so that standard output
		 * is the contract's exactly (a line per scenario, then the
		 * count), and after its PASS line where both go to one place */
		fflush(stdout);
		put_line(stderr, r->message);
		for (unsigned k = 0; k < 2 && r->note[k][0]; k++)
			put_line(stderr, r->note[k]);
	}
	fflush(stdout);
	if (r->output_error[0])
		fprintf(stderr, "%s\n", r->output_error);
}

/* ---- reports through a pipe (for -j) ---- */

static int put(FILE *f, const void *p, size_t n)
{
	return fwrite(p, 1, n, f) == n ? 0 : -1;
}

static int put_str(FILE *f, const char *s)
{
	uint32_t len = s ? (uint32_t)strlen(s) : UINT32_MAX;
	return put(f, &len, sizeof len) || (s && put(f, s, len));
}

static int send_report(FILE *f, uint32_t index, const struct scen_report *r)
{
	int32_t status = r->status;
	return put(f, &index, sizeof index) || put(f, &status, sizeof status) ||
	       put(f, &r->seconds, sizeof r->seconds) || put_str(f, r->file) || put_str(f, r->name) ||
	       put_str(f, r->message) || put_str(f, r->note[0]) || put_str(f, r->note[1]) || put_str(f, r->verbose) ||
	       put_str(f, r->timeline) || put_str(f, r->output_error);
}

struct reader { const char *p; size_t n; };

static int get(struct reader *rd, void *out, size_t n)
{
	if (rd->n < n)
		return -1;
	memcpy(out, rd->p, n);
	rd->p += n;
	rd->n -= n;
	return 0;
}

static int get_str(struct reader *rd, char **out)
{
	uint32_t len;
	if (get(rd, &len, sizeof len))
		return -1;
	if (len == UINT32_MAX) {
		*out = NULL;
		return 0;
	}
	if (rd->n < len || (*out = malloc((size_t)len + 1)) == NULL)
		return -1;
	memcpy(*out, rd->p, len);
	(*out)[len] = 0;
	rd->p += len;
	rd->n -= len;
	return 0;
}

static int recv_report(struct reader *rd, struct scen_report *reps, size_t n)
{
	uint32_t index;
	int32_t status;
	double seconds;
	char *msg = NULL, *note = NULL, *note2 = NULL, *oerr = NULL;
	struct scen_report r;

	memset(&r, 0, sizeof r);
	if (get(rd, &index, sizeof index) || index >= n || get(rd, &status, sizeof status) ||
	    get(rd, &seconds, sizeof seconds) || get_str(rd, &r.file) || get_str(rd, &r.name) ||
	    get_str(rd, &msg) || get_str(rd, &note) || get_str(rd, &note2) || get_str(rd, &r.verbose) ||
	    get_str(rd, &r.timeline) || get_str(rd, &oerr)) {
		free(msg);
		free(note);
		free(note2);
		free(oerr);
		report_free(&r);
		return -1;
	}
	r.status = status;
	r.seconds = seconds;
	snprintf(r.message, sizeof r.message, "%s", msg ? msg : "");
	snprintf(r.note[0], sizeof r.note[0], "%s", note ? note : "");
	snprintf(r.note[1], sizeof r.note[1], "%s", note2 ? note2 : "");
	snprintf(r.output_error, sizeof r.output_error, "%s", oerr ? oerr : "");
	free(msg);
	free(note);
	free(note2);
	free(oerr);
	report_free(&reps[index]);
	reps[index] = r;
	return 0;
}

/* Run the files in jobs worker processes; reports land in reps[]. */
static int run_parallel(const struct scen_files *files, const struct run_opts *o,
			struct scen_report *reps)
{
	size_t n = files->n;
	unsigned jobs = o->jobs > n ? (unsigned)n : o->jobs;
	struct pollfd pfd[64];
	char *buf[64];
	size_t len[64];
	pid_t pid[64];
	unsigned open_pipes = 0;
	int rc = 0;

	for (unsigned w = 0; w < jobs; w++) {
		int fds[2];
		if (pipe(fds) || (pid[w] = fork()) < 0) {
			perror("sdeisim: cannot start workers");
			return -1;
		}
		if (pid[w] == 0) {
			FILE *f = fdopen(fds[1], "w");
			struct sim_cpu *cpu = NULL;
			close(fds[0]);
			for (unsigned v = 0; v < w; v++)
				close(pfd[v].fd);
			for (size_t k = w; k < n && f; k += jobs) {
				struct scen_report r;
				run_one(&cpu, files->path[k], files->error[k], o, (unsigned)k, &r);
				if (send_report(f, (uint32_t)k, &r))
					_exit(3);
				report_free(&r);
			}
			sim_cpu_destroy(cpu);
			_exit(f && fclose(f) == 0 ? 0 : 3);
		}
		close(fds[1]);
		pfd[w].fd = fds[0];
		pfd[w].events = POLLIN;
		buf[w] = NULL;
		len[w] = 0;
		open_pipes++;
	}
	while (open_pipes) {
		if (poll(pfd, jobs, -1) < 0 && errno != EINTR)
			break;
		for (unsigned w = 0; w < jobs; w++) {
			char chunk[65536];
			ssize_t got;
			if (pfd[w].fd < 0 || !(pfd[w].revents & (POLLIN | POLLHUP)))
				continue;
			got = read(pfd[w].fd, chunk, sizeof chunk);
			if (got > 0) {
				char *bigger = realloc(buf[w], len[w] + (size_t)got);
				if (!bigger)
					break;
				memcpy(bigger + len[w], chunk, (size_t)got);
				buf[w] = bigger;
				len[w] += (size_t)got;
			} else {
				close(pfd[w].fd);
				pfd[w].fd = -1;
				open_pipes--;
			}
		}
	}
	for (unsigned w = 0; w < jobs; w++) {
		struct reader rd = { buf[w], len[w] };
		int status;
		while (rd.n > 0 && recv_report(&rd, reps, n) == 0)
			;
		if (rd.n != 0 || waitpid(pid[w], &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0) {
			fprintf(stderr, "sdeisim: worker %u failed\n", w);
			rc = -1;
		}
		free(buf[w]);
	}
	return rc;
}

/* Write a report's file (none when path is NULL) with write_fn.  0, or
 * -1 after saying why. */
static int write_report(const char *path, int (*write_fn)(struct outfile *, const struct scen_report *, size_t),
			const struct scen_report *reps, size_t n)
{
	struct outfile of;
	char err[600];

	if (!path)
		return 0;
	if (outfile_open(&of, path, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return write_fn(&of, reps, n);
}

/* A report's file that could not be written: said before the run, not
 * after it (opening it now would empty a file written in place, and
 * leave a temporary file behind if the run is interrupted). */
static int check_report(const char *path)
{
	char err[600];

	if (path && outfile_check(path, err, sizeof err)) {
		fprintf(stderr, "%s (no scenario run)\n", err);
		return -1;
	}
	return 0;
}

/* Would an output file overwrite a scenario, or another output?  true
 * after saying which. */
static bool outputs_clobber(const struct run_opts *o, const char *const *files, size_t n)
{
	const char *outs[] = { o->junit, o->timeline, o->trace };
	const char *names[] = { "--junit", "--timeline", "--trace" };

	for (unsigned k = 0; k < 3; k++) {
		const char *in = outs[k] ? outfile_clobbers(outs[k], files, n) : NULL;
		if (in) {
			fprintf(stderr, "sdeisim run: %s %s is the scenario %s\n", names[k], outs[k], in);
			return true;
		}
		for (unsigned j = 0; j < k && outs[k]; j++)
			if (outs[j] && outfile_is(outs[j], outs[k])) {
				fprintf(stderr, "sdeisim run: %s and %s name the same file\n", names[j], names[k]);
				return true;
			}
	}
	return false;
}

int cmd_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "junit", required_argument, NULL, 'J' },
		{ "junit-times", no_argument, NULL, 'M' },
		{ "timeline", required_argument, NULL, 'T' },
		{ "trace", required_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct run_opts o = { NULL, NULL, NULL, NULL, false, false, 1 };
	const char *jobs_arg = NULL;
	struct scen_report *reps;
	unsigned passed = 0, failed = 0, bad = 0, unwritten = 0;
	struct scen_files files;
	size_t n;
	int c;

	/* 0: getopt starts afresh (glibc), not where a command before this
	 * one in the same process left it - in a cluster of short options
	 * when it stopped at a bad one (-zv), pointing into that command's
	 * arguments (tools/tests/sdeisim_batch.c runs many) */
	optind = 0;
	opterr = 0;           /* option_error says it, as "sdeisim run: ..." */
	while ((c = getopt_long(argc, argv, ":vhj:", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': if (!option_once("run", "--profile", &o.profile)) return EXIT_BADINPUT; break;
		case 'J': if (!option_once("run", "--junit", &o.junit)) return EXIT_BADINPUT; break;
		case 'T': if (!option_once("run", "--timeline", &o.timeline)) return EXIT_BADINPUT; break;
		case 't': if (!option_once("run", "--trace", &o.trace)) return EXIT_BADINPUT; break;
		case 'M': o.junit_times = true; break;
		case 'v': o.verbose = true; break;
		case 'j': {
			char *end;
			long j;
			if (!option_once("run", "-j", &jobs_arg))
				return EXIT_BADINPUT;
			j = strtol(optarg, &end, 10);
			if (*end || j < 1 || j > 64) {
				fprintf(stderr, "sdeisim run: -j takes a number from 1 to 64\n");
				return EXIT_BADINPUT;
			}
			o.jobs = (unsigned)j;
			break;
		}
		case 'h':
			fputs(run_help, stdout);
			return EXIT_PASSED;
		default:
			return option_error("run", c, argv, longopts);
		}
	}
	if (optind >= argc) {
		fputs("sdeisim run: name at least one scenario file or directory\n\n", stderr);
		fputs(run_help, stderr);
		return EXIT_BADINPUT;
	}
	if (o.profile && !sim_platform_profile(&(struct sim_platform){ 0 }, o.profile)) {
		char choices[SCN_PROFILE_CHOICES_SIZE];

		fprintf(stderr, "sdeisim run: unknown profile '%s' (%s)\n", SIM_QUOTED_STR(o.profile),
			scn_profile_choices(o.profile, choices, sizeof choices));
		return EXIT_BADINPUT;
	}
	if (o.junit_times && !o.junit) {
		fprintf(stderr, "sdeisim run: --junit-times goes with --junit FILE\n");
		return EXIT_BADINPUT;
	}
	if (collect_yaml(argv + optind, argc - optind, &files))
		return EXIT_BADINPUT;
	n = files.n;      /* at least one: a path with nothing to run is an entry with its error */
	if (outputs_clobber(&o, (const char *const *)files.path, n)) {
		free_files(&files);
		return EXIT_BADINPUT;
	}
	if (o.trace && n != 1) {
		fprintf(stderr, "sdeisim run: --trace records one scenario, %zu were named\n", n);
		free_files(&files);
		return EXIT_BADINPUT;
	}
	reps = calloc(n, sizeof *reps);
	if (!reps || check_report(o.junit) || check_report(o.timeline) || check_report(o.trace)) {
		free(reps);
		free_files(&files);
		return EXIT_BADINPUT;
	}
	if (o.jobs > 1) {
		if (run_parallel(&files, &o, reps) == 0)
			for (size_t k = 0; k < n; k++)
				print_report(&reps[k]);
	} else {
		struct sim_cpu *cpu = NULL;
		for (size_t k = 0; k < n; k++) {
			run_one(&cpu, files.path[k], files.error[k], &o, (unsigned)k, &reps[k]);
			print_report(&reps[k]);
		}
		sim_cpu_destroy(cpu);
	}
	for (size_t k = 0; k < n; k++) {
		passed += reps[k].file && reps[k].status == EXIT_PASSED;
		failed += reps[k].status == EXIT_FAILED;
		bad += reps[k].status == EXIT_BADINPUT || reps[k].file == NULL;
		unwritten += reps[k].output_error[0] != 0;
	}
	printf("%u passed, %u failed\n", passed, failed + bad);
	fflush(stdout);          /* before a report written to the same file (--junit /dev/stdout) */
	if (write_report(o.junit, write_junit, reps, n))
		bad++;
	if (write_report(o.timeline, write_timeline, reps, n))
		bad++;
	for (size_t k = 0; k < n; k++)
		report_free(&reps[k]);
	free(reps);
	free_files(&files);
	return bad || unwritten ? EXIT_BADINPUT : failed ? EXIT_FAILED : EXIT_PASSED;
}
