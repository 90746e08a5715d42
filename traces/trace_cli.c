/*
 * trace_cli.c - `sdeisim import` and `sdeisim replay` (trace_cli.h), and
 * what every trace subcommand shares (trace_cli_internal.h; `sdeisim
 * export` is trace_cli_export.c).  Records go to stdout or -o FILE; messages, notes and
 * skipped-line reports to stderr.  An output file is written whole or
 * not at all (outfile.h): a failed import leaves what was there.
 */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "outfile.h"
#include "progress.h"
#include "replay.h"
#include "scn.h"
#include "scn_near.h"
#include "trace_cli.h"
#include "trace_cli_internal.h"
#include "trace_internal.h"
#include "trace_simplat.h"

#define MAX_DIAG      20     /* lenient: skipped-line messages shown before only counting */

/* ---- Options, output files, traces to read (trace_cli_internal.h) ---- */

/* The options a trace subcommand may allow (cli_parse's letters), and
 * where each goes in struct cli: a value (const char *; taken as the next
 * argument or after '=') or a flag (bool). */
struct cli_option {
	char letter;
	const char *name;              /* without its "--" */
	size_t at;                     /* offsetof its place in struct cli */
	bool takes_value;
};

static const struct cli_option cli_options[] = {
	{ 'o', "output", offsetof(struct cli, out), true },
	{ 'p', "profile", offsetof(struct cli, profile), true },
	{ 'P', "platform", offsetof(struct cli, platform), true },
	{ 'l', "lenient", offsetof(struct cli, lenient), false },
	{ 'f', "first", offsetof(struct cli, first), false },
	{ 'm', "mid-run", offsetof(struct cli, mid_run), false },
	{ 'L', "lines", offsetof(struct cli, lines), true },
};

#define NCLI_OPTIONS (sizeof cli_options / sizeof cli_options[0])

/* The option of those allowed whose name is the len bytes at name
 * (NCLI_OPTIONS: none); a slip of one offered to nr. */
static size_t find_option(const char *allowed, const char *name, size_t len, struct scn_near *nr)
{
	for (size_t k = 0; k < NCLI_OPTIONS; k++) {
		if (!strchr(allowed, cli_options[k].letter))
			continue;
		if (strlen(cli_options[k].name) == len && memcmp(cli_options[k].name, name, len) == 0)
			return k;
		scn_near(nr, name, len, cli_options[k].name);
	}
	return NCLI_OPTIONS;
}

/* A line number of --lines at *p (advanced past it): 1 .. UINT32_MAX - 1. */
static bool line_number(const char **p, uint32_t *n)
{
	uint64_t v = 0;

	if (**p < '0' || **p > '9')
		return false;
	for (; **p >= '0' && **p <= '9'; (*p)++) {
		v = v * 10 + (uint64_t)(**p - '0');
		if (v >= UINT32_MAX)
			return false;
	}
	*n = (uint32_t)v;
	return v > 0;
}

/* --lines FROM-TO, FROM- (to the end) or -TO (from the start) into c,
 * whose from_line and to_line hold cli_parse's defaults, the bound a form
 * leaves out. */
static bool parse_lines(struct cli *c, const char *v)
{
	const char *p = v;

	if (*p != '-' && !line_number(&p, &c->from_line))
		goto bad;
	if (*p++ != '-' || (*p && !line_number(&p, &c->to_line)) || *p || p == v + 1)
		goto bad;
	if (c->to_line < c->from_line) {
		fprintf(stderr, "sdeisim %s: --lines '%s': the window ends (line %" PRIu32 ") before it starts (line %"
			PRIu32 ")\n", c->cmd, SIM_QUOTED_STR(v), c->to_line, c->from_line);
		return false;
	}
	return true;
bad:
	fprintf(stderr, "sdeisim %s: --lines '%s': expected FROM-TO, FROM- or -TO, trace line numbers 1 to %" PRIu32 " "
		"(e.g. --lines 120-300)\n", c->cmd, SIM_QUOTED_STR(v), UINT32_MAX - 1);
	return false;
}

bool cli_parse(int argc, char **argv, const char *allowed, unsigned max, struct cli *c)
{
	memset(c, 0, sizeof *c);
	c->cmd = argc > 0 ? argv[0] : "?";
	c->from_line = 1;
	c->to_line = UINT32_MAX;
	for (int k = 1; k < argc; k++) {
		const char *a = argv[k], *name = a + 2, *value, **slot;
		size_t len = strcspn(name, "="), opt;
		struct scn_near nr = { 0 };

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			c->help = true;
			continue;
		}
		if (a[0] != '-' || a[1] == 0) {           /* "-" is standard input */
			if (c->npositional == max) {
				fprintf(stderr, "sdeisim %s: unexpected argument '%s' (try --help)\n", c->cmd,
					SIM_QUOTED_STR(a));
				return false;
			}
			c->positional[c->npositional++] = a;
			continue;
		}
		if (strcmp(a, "-o") == 0)
			name = "output", len = 6;
		opt = a[1] == '-' || strcmp(a, "-o") == 0 ? find_option(allowed, name, len, &nr) : NCLI_OPTIONS;
		if (opt == NCLI_OPTIONS) {
			if (a[1] == '-' && scn_near_said(&nr, "--"))
				fprintf(stderr, "sdeisim %s: unknown option '%s' (did you mean %s?)\n", c->cmd,
					SIM_QUOTED_STR(a), nr.said);
			else
				fprintf(stderr, "sdeisim %s: unknown option '%s' (try --help)\n", c->cmd,
					SIM_QUOTED_STR(a));
			return false;
		}
		len = strcspn(a, "=");                    /* the option as written */
		if (!cli_options[opt].takes_value) {
			if (a[len]) {
				fprintf(stderr, "sdeisim %s: %.*s takes no value\n", c->cmd, (int)len, a);
				return false;
			}
			*(bool *)(void *)((char *)c + cli_options[opt].at) = true;
			continue;
		}
		if (a[len])
			value = a + len + 1;
		else if (k + 1 < argc)
			value = argv[++k];
		else {
			fprintf(stderr, "sdeisim %s: %s needs a value\n", c->cmd, a);
			return false;
		}
		slot = (const char **)(void *)((char *)c + cli_options[opt].at);
		if (*slot) {
			fprintf(stderr, "sdeisim %s: %.*s given twice\n", c->cmd, (int)len, a);
			return false;
		}
		*slot = value;
		if (slot == &c->profile && !trace_profile_known(value)) {
			char choices[SCN_PROFILE_CHOICES_SIZE];

			fprintf(stderr, "sdeisim %s: unknown profile '%s' (%s)\n", c->cmd, SIM_QUOTED_STR(value),
				scn_profile_choices(value, choices, sizeof choices));
			return false;
		}
		if (slot == &c->lines && !parse_lines(c, value))
			return false;
	}
	return true;
}

/* Open the command's -o (standard output without one), refusing a file
 * that is one of its inputs.  false after saying why. */
bool cli_open_out(const struct cli *c, struct outfile *o)
{
	const char *inputs[] = { c->npositional == 2 ? c->positional[1] : NULL, c->platform };
	const char *in = outfile_clobbers(c->out, inputs, 2);
	char err[LINEIN_MSG_MAX];

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
bool cli_close_out(struct outfile *o, bool keep)
{
	char err[LINEIN_MSG_MAX];

	if (outfile_close(o, keep, err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		return false;
	}
	return true;
}

struct trace_reader *cli_open_trace(const struct cli *c, const char *path)
{
	char err[LINEIN_MSG_MAX];
	struct trace_reader *rd = trace_reader_open_path(path, err, sizeof err);

	if (!rd) {
		fprintf(stderr, "%s\n", err);
	} else if (trace_reader_window(rd, c->from_line, c->to_line)) {
		fprintf(stderr, "%s: out of memory\n", path);
		trace_reader_close(rd);
		rd = NULL;
	}
	return rd;
}

const char *cli_lines_text(const struct cli *c, char *buf, size_t n)
{
	if (c->to_line == UINT32_MAX)
		snprintf(buf, n, "%" PRIu32 "-", c->from_line);
	else
		snprintf(buf, n, "%" PRIu32 "-%" PRIu32, c->from_line, c->to_line);
	return buf;
}

bool cli_window_empty(const struct cli *c, const struct trace_reader *rd, char *err, size_t n)
{
	char lines[32];

	if (!c->lines || trace_reader_records(rd))
		return false;
	snprintf(err, n, "%s: no record at lines %s (--lines)", trace_reader_name(rd),
		 cli_lines_text(c, lines, sizeof lines));
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
	"  -o OUT           write the trace to OUT, whole or not at all, making its\n"
	"                   directory if need be (default: standard output, where an\n"
	"                   import that fails leaves what it wrote)\n"
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

/* The import's output.  Its header (and --platform's record) is written
 * with the first record, or at the end of an import that found none: an
 * input found bad before any record leaves nothing on the output, not a
 * header-only trace a pipe's reader would take for a whole one. */
struct emit_ctx {
	FILE *f;
	struct progress *progress;
	int werr;                         /* errno of a failed write, 0 */
	bool started;                     /* the header is written */
	const char *comment;              /* the header's comment */
	const struct trace_rec *platform; /* --platform's record, or NULL */
};

/* The header, once.  0, or -1 on a write error (werr set). */
static int emit_start(struct emit_ctx *e)
{
	if (e->started)
		return 0;
	e->started = true;
	if (trace_write_header(e->f, e->comment) || (e->platform && trace_write(e->f, e->platform))) {
		e->werr = errno ? errno : EIO;
		return -1;
	}
	return 0;
}

/* --platform: the platform record of a scenario file's platform. */
static int platform_record(const char *path, const char *profile, struct trace_rec *rec,
			   struct trace_platform *store)
{
	struct sim_program prog;
	char err[LINEIN_MSG_MAX];
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
	if (emit_start(e))
		return -1;
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
	char err[LINEIN_MSG_MAX], comment[LINEIN_MSG_MAX], what[600];
	struct outfile of;
	bool tarmac;
	FILE *out;
	int rc;

	memset(&st, 0, sizeof st);
	if (!cli_parse(argc, argv, "olpP", 2, &c))
		return EXIT_BAD;
	if (c.help) {
		fputs(import_help, stdout);
		return EXIT_OK;
	}
	if (c.npositional >= 1 && strcmp(c.positional[0], "tarmac") && strcmp(c.positional[0], "tf-a-log")) {
		fprintf(stderr, "sdeisim import: unknown kind of input '%s': tarmac or tf-a-log (see --help)\n",
			SIM_QUOTED_STR(c.positional[0]));
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
	if (!cli_open_out(&c, &of)) {
		linein_close(in);
		return EXIT_BAD;
	}
	out = of.f;
	snprintf(comment, sizeof comment, "imported from %s (%s)", linein_name(in), c.positional[0]);
	if (c.platform && platform_record(c.platform, c.profile, &prec, &pstore)) {
		linein_close(in);
		cli_close_out(&of, false);
		return EXIT_BAD;
	}
	ec.f = out;
	ec.progress = &progress;
	ec.werr = 0;
	ec.started = false;
	ec.comment = comment;
	ec.platform = c.platform ? &prec : NULL;
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
	rc = (tarmac ? tarmac_import : tfa_log_import)(in, &o, &st, err, sizeof err);
	if (rc == 0 && emit_start(&ec))
		rc = -1;
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
	if (!cli_close_out(&of, rc == 0))
		return EXIT_BAD;
	return rc ? EXIT_BAD : EXIT_OK;
}

/* ---- replay ---- */

static const char replay_help[] =
	"usage: sdeisim replay TRACE [--profile NAME] [--first] [--mid-run] [--lines FROM-TO]\n\n"
	"Run a canonical SDEI trace (traces/FORMAT.md; plain or gzip; - for standard\n"
	"input) on the simulated machine and compare what its dispatcher answers with\n"
	"what the trace recorded: every call's result, every dispatch, completion and\n"
	"acknowledged interrupt.  Prints each divergence as TRACE:LINE: what the trace\n"
	"recorded, what the replay did, and the event's state, in trace order; then\n"
	"`N matched, M diverged`.  Notes on what the replay cannot reproduce exactly go\n"
	"to stderr.\n\n"
	"Options:\n"
	"  --profile NAME   dispatcher profile: default, tf-a-fvp (default: the trace's\n"
	"                   platform record, else default)\n"
	"  --first          report only the first divergence (the summary then counts\n"
	"                   the records up to it)\n"
	"  --mid-run        the trace is a window of a run that started before it:\n"
	"                   assume the state its records presuppose (events registered,\n"
	"                   enabled and bound, PEs unmasked, a handler running when it\n"
	"                   starts), made by steps before its first record, each noted\n"
	"                   on stderr as `assumed:` at the line it comes from\n"
	"                   (default: a dispatch of an event the trace never registered\n"
	"                   is the dispatcher's fault, reported as such)\n"
	"  --lines FROM-TO  replay only the records at those lines of TRACE (FROM-: to\n"
	"                   its end, -TO: from its start) and the platform records\n"
	"                   before them, as if the others were comment lines - but a\n"
	"                   PE's call or acknowledge and the dispatch or completion it\n"
	"                   made, which an edge splits, are kept whole; a window that\n"
	"                   leaves out records before it is replayed as --mid-run\n"
	"                   replays one (noted on stderr)\n"
	"  --help, -h       this text\n\n"
	"Exit status: 0 no divergence, 1 divergences, 2 bad input or usage.\n";

/* A replay's program the machine would refuse for its size - more handlers,
 * or more handler action records, than the runtime's image holds: true
 * after saying so and what to do, as export yaml does of a scenario. */
static bool too_long_to_replay(const struct replay *rp)
{
	uint32_t records = sim_action_records(&rp->prog, NULL);

	if (rp->prog.nhandlers > SIM_MAX_HANDLERS)
		fprintf(stderr, "%s: too long to replay at once (%" PRIu32 " handlers: the simulator holds at most %u): "
			"replay a window of it (--lines FROM-TO)\n", rp->name, rp->prog.nhandlers, SIM_MAX_HANDLERS);
	else if (records > SIM_MAX_ACTION_RECORDS)
		fprintf(stderr, "%s: too long to replay at once (%" PRIu32 " handler action records: the simulator holds "
			"at most %u): replay a window of it (--lines FROM-TO)\n", rp->name, records,
			SIM_MAX_ACTION_RECORDS);
	else
		return false;
	return true;
}

int trace_cmd_replay(int argc, char **argv)
{
	struct cli c;
	struct replay rp;
	struct replay_opts ro = { NULL, false, false };
	struct replay_summary sum;
	struct trace_reader *rd;
	struct sim_cpu *cpu = NULL;
	char err[LINEIN_MSG_MAX];
	int status = EXIT_BAD;

	if (!cli_parse(argc, argv, "pfmL", 1, &c))
		return EXIT_BAD;
	if (c.help) {
		fputs(replay_help, stdout);
		return EXIT_OK;
	}
	if (c.npositional != 1) {
		fputs(replay_help, stderr);
		return EXIT_BAD;
	}
	rd = cli_open_trace(&c, c.positional[0]);
	if (!rd)
		return EXIT_BAD;
	ro.profile = c.profile;
	ro.mid_run = c.mid_run;
	if (replay_build(&rp, rd, &ro, err, sizeof err) || cli_window_empty(&c, rd, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		replay_free(&rp);
		goto out;
	}
	if (too_long_to_replay(&rp)) {
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
	/* the divergences are the result: lost, the replay has failed, and
	 * says so as the other commands say a lost output */
	if (outfile_flush_stdout(err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		status = EXIT_BAD;
	}
	return status;
}

