/*
 * trace_cli.c - `sdeisim import`, `sdeisim replay`, `sdeisim export`
 * (trace_cli.h).  Records go to stdout or -o FILE; messages, notes and
 * skipped-line reports to stderr.  An output file is written whole or
 * not at all (outfile.h): a failed import leaves what was there.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "outfile.h"
#include "progress.h"
#include "replay.h"
#include "scn.h"
#include "tarmac_export.h"
#include "timeline.h"
#include "trace_cli.h"
#include "trace_simplat.h"

#define EXIT_OK       0
#define EXIT_DIVERGED 1
#define EXIT_BAD      2
#define MAX_DIAG      20     /* lenient: skipped-line messages shown before only counting */

/* ---- Options ---- */

struct cli {
	const char *cmd;
	const char *positional[2];
	unsigned    npositional;
	const char *out;
	const char *profile;
	const char *platform;
	bool        lenient, first, help;
};

/* Parse argv[1..]: the options each command allows (a string of letters:
 * o = -o FILE, p = --profile NAME, P = --platform FILE, l = --lenient,
 * f = --first) and at
 * most `max` positional arguments.  false after printing why. */
static bool parse(int argc, char **argv, const char *allowed, unsigned max, struct cli *c)
{
	memset(c, 0, sizeof *c);
	c->cmd = argc > 0 ? argv[0] : "?";
	for (int k = 1; k < argc; k++) {
		const char *a = argv[k];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			c->help = true;
		} else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && strchr(allowed, 'o')) {
			if (++k == argc)
				goto missing;
			if (c->out)
				goto twice;
			c->out = argv[k];
		} else if (strcmp(a, "--profile") == 0 && strchr(allowed, 'p')) {
			if (++k == argc)
				goto missing;
			if (c->profile)
				goto twice;
			c->profile = argv[k];
		} else if (strcmp(a, "--platform") == 0 && strchr(allowed, 'P')) {
			if (++k == argc)
				goto missing;
			if (c->platform)
				goto twice;
			c->platform = argv[k];
		} else if (strcmp(a, "--lenient") == 0 && strchr(allowed, 'l')) {
			c->lenient = true;
		} else if (strcmp(a, "--first") == 0 && strchr(allowed, 'f')) {
			c->first = true;
		} else if (a[0] == '-' && a[1] != 0) {
			fprintf(stderr, "sdeisim %s: unknown option '%s' (try --help)\n", c->cmd, a);
			return false;
		} else if (c->npositional < max) {
			c->positional[c->npositional++] = a;
		} else {
			fprintf(stderr, "sdeisim %s: unexpected argument '%s' (try --help)\n", c->cmd, a);
			return false;
		}
		continue;
missing:
		fprintf(stderr, "sdeisim %s: %s needs a value\n", c->cmd, a);
		return false;
twice:
		fprintf(stderr, "sdeisim %s: %s given twice\n", c->cmd, a);
		return false;
	}
	return true;
}

/* Open the command's -o (standard output without one), refusing a file
 * that is one of its inputs.  false after saying why. */
static bool open_out(const struct cli *c, struct outfile *o)
{
	const char *inputs[] = { c->npositional == 2 ? c->positional[1] : NULL, c->platform };
	const char *in = outfile_clobbers(c->out, inputs, 2);
	char err[600];

	if (in) {
		fprintf(stderr, "sdeisim %s: the output %s is the input %s\n", c->cmd, c->out, in);
		return false;
	}
	if (outfile_open(o, c->out, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		return false;
	}
	return true;
}

/* Finish an output: a file is replaced only when keep (the command
 * succeeded) and every write did (outfile.h).  false if writing failed. */
static bool close_out(struct outfile *o, bool keep)
{
	char err[600];

	if (outfile_close(o, keep, err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		return false;
	}
	return true;
}

/* ---- import ---- */

static const char import_help[] =
	"usage: sdeisim import tarmac FILE [-o OUT] [--lenient] [--platform SCENARIO [--profile NAME]]\n"
	"       sdeisim import tf-a-log FILE [-o OUT] [--lenient] [--profile NAME] [--platform SCENARIO]\n\n"
	"Turn an FVP Tarmac trace, or the console log of TF-A built with LOG_LEVEL=50\n"
	"(verbose SDEI messages), into a canonical SDEI trace (traces/FORMAT.md).\n"
	"FILE may be gzip-compressed, or - for standard input.  One streaming pass:\n"
	"memory does not grow with the input.  On a terminal (with -o OUT, or the\n"
	"output piped), a line on stderr shows how far the import is.\n\n"
	"Options:\n"
	"  -o OUT           write the trace to OUT, whole or not at all (default: standard\n"
	"                   output, where an import that fails leaves what it wrote)\n"
	"  --lenient        report bad lines on stderr, skip them and go on\n"
	"                   (default: the first bad line stops the import)\n"
	"  --platform SCENARIO  the machine the trace was taken on, as the `platform:` of\n"
	"                   a scenario file (scenarios/FORMAT.md; the file must load, but\n"
	"                   only its platform is used): written as the trace's platform record, which\n"
	"                   `sdeisim replay` builds its machine from; tf-a-log: its\n"
	"                   PEs' MPIDRs number the log's PEs\n"
	"  --profile NAME   the profile of a --platform file that names none; tf-a-log:\n"
	"                   also the profile whose MPIDRs number the PEs (without\n"
	"                   --platform) and whose event-0 SGI is event 0's interrupt\n"
	"                   (default: tf-a-fvp)\n"
	"  --help, -h       this text\n\n"
	"Exit status: 0 imported, 2 bad input or usage (FILE:LINE:COLUMN: message).\n";

struct emit_ctx { FILE *f; struct progress *progress; int werr; /* errno of a failed write, 0 */ };

/* --platform: the platform record of a scenario file's platform. */
static int platform_record(const char *path, const char *profile, struct trace_rec *rec,
			   struct trace_platform *store)
{
	struct sim_program prog;
	char err[800];
	int rc;

	sim_program_init(&prog);
	rc = scn_load_file(path, profile, &prog, err, sizeof err);
	if (rc)
		fprintf(stderr, "%s\n", err);
	else
		trace_platform_record(&prog.platform, rec, store);
	sim_program_free(&prog);
	return rc ? -1 : 0;
}

static int emit_record(void *ctx, const struct trace_rec *r)
{
	struct emit_ctx *e = ctx;

	/* A warning is something the importer saw and could not explain (a
	 * call that went on somewhere else than after itself, say): in the
	 * trace, and said at once, or no one reads it (the replay compares
	 * nothing there). */
	if (r->kind == TRACE_WARNING) {
		progress_clear(e->progress);
		if (r->has & TRACE_HAS_SRC)
			fprintf(stderr, "%s:%" PRIu32 ": warning: PE %u: %s\n", r->src_file, r->src_line, r->pe, r->msg);
		else
			fprintf(stderr, "warning: PE %u: %s\n", r->pe, r->msg);
	}
	if (trace_write(e->f, r)) {
		e->werr = errno ? errno : EIO;
		return -1;
	}
	return 0;
}

struct diag_ctx { unsigned shown; struct progress *progress; };

static void show_diag(void *ctx, const char *msg)
{
	struct diag_ctx *d = ctx;
	if (d->shown++ < MAX_DIAG) {
		progress_clear(d->progress);
		fprintf(stderr, "%s (skipped)\n", msg);
	}
}

/* After each read of the input: how far the import is, on a terminal. */
static void show_progress(void *ctx, const struct linein *in)
{
	progress_update(ctx, linein_read_bytes(in), linein_size(in), linein_lineno(in));
}

int trace_cmd_import(int argc, char **argv)
{
	struct cli c;
	struct import_opts o;
	struct import_stats st;
	struct emit_ctx ec;
	struct progress progress;
	struct diag_ctx dc = { 0, &progress };
	struct linein *in;
	struct trace_rec prec;
	struct trace_platform pstore;
	char err[800], comment[700], what[600];
	struct outfile of;
	bool tarmac;
	FILE *out;
	int rc;

	memset(&st, 0, sizeof st);
	if (!parse(argc, argv, "olpP", 2, &c))
		return EXIT_BAD;
	if (c.help) {
		fputs(import_help, stdout);
		return EXIT_OK;
	}
	if (c.npositional >= 1 && strcmp(c.positional[0], "tarmac") && strcmp(c.positional[0], "tf-a-log")) {
		fprintf(stderr, "sdeisim import: unknown kind of input '%s': tarmac or tf-a-log (see --help)\n",
			c.positional[0]);
		return EXIT_BAD;
	}
	if (c.npositional != 2) {
		fputs(import_help, stderr);
		return EXIT_BAD;
	}
	tarmac = strcmp(c.positional[0], "tarmac") == 0;
	if (tarmac && c.profile && !c.platform) {
		fprintf(stderr, "sdeisim import: --profile is for tf-a-log, or for --platform\n");
		return EXIT_BAD;
	}
	in = linein_open(c.positional[1], err, sizeof err);
	if (!in) {
		fprintf(stderr, "%s\n", err);
		return EXIT_BAD;
	}
	if (!open_out(&c, &of)) {
		linein_close(in);
		return EXIT_BAD;
	}
	out = of.f;
	snprintf(comment, sizeof comment, "imported from %s (%s)", linein_name(in), c.positional[0]);
	if (c.platform && platform_record(c.platform, c.profile, &prec, &pstore)) {
		linein_close(in);
		close_out(&of, false);
		return EXIT_BAD;
	}
	ec.f = out;
	ec.progress = &progress;
	ec.werr = 0;
	memset(&o, 0, sizeof o);
	o.lenient = c.lenient;
	o.profile = c.profile ? c.profile : c.platform ? prec.profile : NULL;
	o.platform = c.platform ? &prec : NULL;
	o.emit = emit_record;
	o.emit_ctx = &ec;
	o.diag = show_diag;
	o.diag_ctx = &dc;
	snprintf(what, sizeof what, "import %s", linein_name(in));
	progress_begin(&progress, what, progress_wanted(out));
	linein_watch(in, show_progress, &progress);
	rc = trace_write_header(out, comment);
	if (rc == 0 && c.platform)
		rc = trace_write(out, &prec);
	if (rc == 0)
		rc = (tarmac ? tarmac_import : tfa_log_import)(in, &o, &st, err, sizeof err);
	else
		snprintf(err, sizeof err, "cannot write the trace");
	progress_end(&progress);
	if (rc && (ec.werr || ferror(out)))     /* the output failed, not the input: name it */
		fprintf(stderr, "%s: cannot write the trace: %s\n", c.out && strcmp(c.out, "-") ? c.out :
			"standard output", strerror(ec.werr ? ec.werr : EIO));
	else if (rc)
		fprintf(stderr, "%s\n", err);
	if (st.errors)
		fprintf(stderr, "%s: %llu bad line%s skipped (%u shown)\n", linein_name(in),
			(unsigned long long)st.errors, st.errors == 1 ? "" : "s", dc.shown < MAX_DIAG ? dc.shown : MAX_DIAG);
	if (rc == 0 && st.unknown)
		fprintf(stderr, "%s: %llu line%s of no kind the importer knows, not imported (the first: line %llu)\n",
			linein_name(in), (unsigned long long)st.unknown, st.unknown == 1 ? "" : "s",
			(unsigned long long)st.first_unknown);
	if (rc == 0 && st.blind_calls)
		fprintf(stderr, "%s: %llu SMC/HVC instruction%s with x0 not in the trace (trace_core_registers=0?) "
			"ignored\n", linein_name(in), (unsigned long long)st.blind_calls, st.blind_calls == 1 ? "" : "s");
	linein_close(in);
	if (!close_out(&of, rc == 0))
		return EXIT_BAD;
	return rc ? EXIT_BAD : EXIT_OK;
}

/* ---- replay ---- */

static const char replay_help[] =
	"usage: sdeisim replay TRACE [--profile NAME] [--first]\n\n"
	"Run a canonical SDEI trace (traces/FORMAT.md; - for standard input) on the\n"
	"simulated machine and compare what its dispatcher answers with what the trace\n"
	"recorded: every call's result, every dispatch, completion and acknowledged\n"
	"interrupt.  Prints each divergence as TRACE:LINE: what the trace recorded, what\n"
	"the replay did, and the event's state, in trace order; then `N matched, M\n"
	"diverged`.  Notes on what the replay cannot reproduce exactly go to stderr.\n\n"
	"Options:\n"
	"  --profile NAME   dispatcher profile: default, tf-a-fvp (default: the trace's\n"
	"                   platform record, else default)\n"
	"  --first          report only the first divergence (the summary then counts\n"
	"                   the records up to it)\n"
	"  --help, -h       this text\n\n"
	"Exit status: 0 no divergence, 1 divergences, 2 bad input or usage.\n";

int trace_cmd_replay(int argc, char **argv)
{
	struct cli c;
	struct replay rp;
	struct replay_opts ro = { NULL, false };
	struct replay_summary sum;
	struct trace_reader *rd;
	struct sim_cpu *cpu = NULL;
	char err[800];
	FILE *in;
	int status = EXIT_BAD;

	if (!parse(argc, argv, "pf", 1, &c))
		return EXIT_BAD;
	if (c.help) {
		fputs(replay_help, stdout);
		return EXIT_OK;
	}
	if (c.npositional != 1) {
		fputs(replay_help, stderr);
		return EXIT_BAD;
	}
	in = strcmp(c.positional[0], "-") == 0 ? stdin : fopen(c.positional[0], "r");
	if (!in) {
		fprintf(stderr, "%s: cannot open: %s\n", c.positional[0], strerror(errno));
		return EXIT_BAD;
	}
	rd = trace_reader_open(in, in == stdin ? "<stdin>" : c.positional[0]);
	ro.profile = c.profile;
	if (!rd || replay_build(&rp, rd, &ro, err, sizeof err)) {
		fprintf(stderr, "%s\n", rd ? err : "out of memory");
		if (rd)
			replay_free(&rp);
		goto out;
	}
	for (uint32_t k = 0; k < rp.nnotes; k++)
		fprintf(stderr, "%s\n", rp.notes[k]);
	cpu = sim_cpu_create(err, sizeof err);
	if (!cpu) {
		fprintf(stderr, "cannot create the CPU: %s\n", err);
	} else if (replay_run(&rp, cpu, c.first, stdout, &sum)) {
		fprintf(stderr, "%s: %s\n", rp.name, sum.stop_message);
	} else {
		status = sum.diverged ? EXIT_DIVERGED : EXIT_OK;
	}
	replay_free(&rp);
out:
	if (cpu)
		sim_cpu_destroy(cpu);
	trace_reader_close(rd);
	if (in != stdin)
		fclose(in);
	if (fflush(stdout) != 0)
		status = EXIT_BAD;
	return status;
}

/* ---- export ---- */

static const char export_help[] =
	"usage: sdeisim export timeline TRACE [-o FILE]\n"
	"       sdeisim export tarmac SCENARIO [-o FILE] [--profile NAME]\n"
	"       sdeisim export yaml TRACE [-o FILE] [--profile NAME]\n\n"
	"Write a run in another form:\n"
	"  timeline  a canonical SDEI trace (- for standard input) as Chrome trace-event\n"
	"            JSON (Perfetto, chrome://tracing): a thread per PE, a slice per\n"
	"            handler, instants for calls, interrupts and power\n"
	"  tarmac    run a scenario (scenarios/FORMAT.md) and write it as an FVP Tarmac\n"
	"            trace: the client instructions that ran, with the registers they\n"
	"            wrote, and the SMC/HVC calls, exceptions, interrupt acknowledgements\n"
	"            and ERETs of the firmware, per PE (cpuN), timed by an instruction\n"
	"            clock; `sdeisim import tarmac OUT --platform SCENARIO` reads it back\n"
	"            (without --platform the trace has no platform record: the\n"
	"            scenario's events are unknown to its replay; traces/README.md)\n"
	"  yaml      a canonical SDEI trace (- for standard input) as the scenario its\n"
	"            replay runs (scenarios/FORMAT.md): the platform, handlers rebuilt\n"
	"            from what each invocation called, the steps, and the trace's\n"
	"            results as expectations; `sdeisim run` passes it where the replay\n"
	"            matches and fails at the first expectation the replay breaks\n\n"
	"Options:\n"
	"  -o FILE          write to FILE (default: standard output)\n"
	"  --profile NAME   tarmac: the platform profile of a scenario that names none;\n"
	"                   yaml: the dispatcher profile, as for `sdeisim replay`\n"
	"  --help, -h       this text\n\n"
	"Exit status: 0 written (tarmac: and the scenario passed), 1 tarmac: written, but\n"
	"the scenario failed (the trace ends where it failed), 2 bad input or usage.\n"
	"Notes on what the replay cannot reproduce exactly go to stderr (yaml).\n";

static FILE *open_trace(const char *path, struct trace_reader **rd)
{
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");

	*rd = NULL;
	if (!in) {
		fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
		return NULL;
	}
	*rd = trace_reader_open(in, in == stdin ? "<stdin>" : path);
	if (!*rd)
		fprintf(stderr, "out of memory\n");
	return in;
}

static void close_trace(FILE *in, struct trace_reader *rd)
{
	trace_reader_close(rd);
	if (in && in != stdin)
		fclose(in);
}

/* Where a timeline waits until the whole trace has read: a temporary
 * file (memory independent of the trace's length), or memory when no
 * temporary file can be made. */
struct spool {
	FILE  *f;
	char  *mem;              /* the memory stream's buffer */
	size_t len;
	bool   in_memory;
};

static bool spool_open(struct spool *sp)
{
	memset(sp, 0, sizeof *sp);
	sp->f = tmpfile();
	if (!sp->f) {
		sp->f = open_memstream(&sp->mem, &sp->len);
		sp->in_memory = true;
	}
	return sp->f != NULL;
}

/* Close the spool, first copying what it holds to out unless out is
 * NULL.  0, or -1 when it cannot be read back (a write error on out is
 * left for close_out to name). */
static int spool_close(struct spool *sp, FILE *out)
{
	char buf[65536];
	size_t n;
	int rc = 0;

	if (sp->in_memory) {
		rc = fclose(sp->f) ? -1 : 0;      /* the buffer is complete only now */
		n = rc == 0 && out ? fwrite(sp->mem, 1, sp->len, out) : 0;   /* short: out's error */
		free(sp->mem);
		return rc;
	}
	if (out && (fflush(sp->f) || fseek(sp->f, 0, SEEK_SET)))
		rc = -1;
	while (out && rc == 0 && (n = fread(buf, 1, sizeof buf, sp->f)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			break;                    /* out's error */
	if (ferror(sp->f))
		rc = -1;
	fclose(sp->f);
	return rc;
}

static int export_timeline(const struct cli *c)
{
	struct trace_reader *rd;
	char err[800];
	FILE *in = open_trace(c->positional[1], &rd);
	struct outfile of;
	bool opened = rd && open_out(c, &of);
	struct spool sp = { 0 };
	int rc = -1;

	/* The reader finds a bad line only when it gets there, after the
	 * timeline of the records before it is written.  An -o file is
	 * written to a temporary file that a failure throws away (outfile.h),
	 * but an output written in place - standard output, a pipe, a
	 * device - would keep the JSON written so far, which whoever reads
	 * the pipe takes for a timeline.  That one gets the timeline through
	 * a spool, and only once the whole trace has read. */
	if (opened && of.tmp) {
		rc = trace_timeline(rd, of.f, err, sizeof err);
	} else if (opened && !spool_open(&sp)) {
		snprintf(err, sizeof err, "cannot keep the timeline until the trace has read: out of memory");
	} else if (opened) {
		rc = trace_timeline(rd, sp.f, err, sizeof err);
		if (spool_close(&sp, rc == 0 ? of.f : NULL) && rc == 0) {
			snprintf(err, sizeof err, "cannot read the timeline back from its temporary file");
			rc = -1;
		}
	}
	if (rc && opened)
		fprintf(stderr, "%s\n", err);
	if (opened && !close_out(&of, rc == 0))
		rc = -1;
	close_trace(in, rd);
	return rc ? EXIT_BAD : EXIT_OK;
}

static int export_tarmac(const struct cli *c)
{
	struct sim_program prog;
	struct sim_result res;
	struct sim_cpu *cpu = NULL;
	char err[800];
	struct outfile of;
	int status = EXIT_BAD;

	sim_program_init(&prog);
	if (scn_load_file(c->positional[1], c->profile, &prog, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		goto done;
	}
	cpu = sim_cpu_create(err, sizeof err);
	if (!cpu) {
		fprintf(stderr, "cannot create the CPU: %s\n", err);
		goto done;
	}
	if (!open_out(c, &of))
		goto done;
	if (tarmac_export(cpu, &prog, of.f, &res)) {
		/* a write error is the output's, which close_out names */
		if (!ferror(of.f))
			fprintf(stderr, "%s:%u:%u: %s\n", c->positional[1], res.loc.line ? res.loc.line : 1,
				res.loc.line ? res.loc.col : 1, res.message);
	} else if (!res.passed) {
		fprintf(stderr, "%s:%u:%u: the scenario failed (the trace ends there): %s\n", c->positional[1],
			res.loc.line, res.loc.col, res.message);
		status = EXIT_DIVERGED;
	} else {
		status = EXIT_OK;
	}
	if (!close_out(&of, status != EXIT_BAD))
		status = EXIT_BAD;
done:
	if (cpu)
		sim_cpu_destroy(cpu);
	sim_program_free(&prog);
	return status;
}

/* The replay's program, with the trace's results as expectations and the
 * choices that route its 1-of-N SPIs as the replay does. */
static int export_yaml(const struct cli *c)
{
	struct trace_reader *rd;
	struct replay rp;
	struct replay_opts ro = { c->profile, true };
	struct sim_cpu *cpu = NULL;
	char err[800], desc[600];
	FILE *in = open_trace(c->positional[1], &rd);
	struct outfile of;
	int rc = -1;

	if (!rd) {
		close_trace(in, rd);
		return EXIT_BAD;
	}
	if (replay_build(&rp, rd, &ro, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
	} else if ((cpu = sim_cpu_create(err, sizeof err)) == NULL) {
		fprintf(stderr, "cannot create the CPU: %s\n", err);
	} else if (replay_export_ready(&rp, cpu, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
	} else if (open_out(c, &of)) {
		for (uint32_t k = 0; k < rp.nnotes; k++)
			fprintf(stderr, "%s\n", rp.notes[k]);
		snprintf(desc, sizeof desc, "The replay of %s (sdeisim export yaml): its calls, handlers and the "
			 "interrupts and dispatches that ran them, with the results the trace recorded as expectations.",
			 rp.name);
		free(rp.prog.description);
		rp.prog.description = strdup(desc);
		rc = scn_write(of.f, &rp.prog, err, sizeof err);
		if (rc)
			fprintf(stderr, "%s: %s\n", rp.name, err);
		if (!close_out(&of, rc == 0))
			rc = -1;
	}
	if (cpu)
		sim_cpu_destroy(cpu);
	replay_free(&rp);
	close_trace(in, rd);
	return rc ? EXIT_BAD : EXIT_OK;
}

int trace_cmd_export(int argc, char **argv)
{
	struct cli c;

	if (!parse(argc, argv, "op", 2, &c))
		return EXIT_BAD;
	if (c.help) {
		fputs(export_help, stdout);
		return EXIT_OK;
	}
	if (c.npositional == 2 && strcmp(c.positional[0], "yaml") == 0)
		return export_yaml(&c);
	if (c.npositional == 2 && strcmp(c.positional[0], "tarmac") == 0)
		return export_tarmac(&c);
	if (c.npositional != 2 || strcmp(c.positional[0], "timeline") != 0) {
		fputs(export_help, stderr);
		return EXIT_BAD;
	}
	if (c.profile) {
		fprintf(stderr, "sdeisim export: --profile is for tarmac and yaml\n");
		return EXIT_BAD;
	}
	return export_timeline(&c);
}
