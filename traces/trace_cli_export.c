/*
 * trace_cli_export.c - `sdeisim export timeline|tarmac|yaml` (trace_cli.h):
 * a trace as a timeline or a scenario, a scenario run as a Tarmac trace.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quote.h"
#include "replay.h"
#include "scn.h"
#include "tarmac_export.h"
#include "timeline.h"
#include "trace_cli.h"
#include "trace_cli_internal.h"
#include "utf8.h"

/* ---- export ---- */

static const char export_help[] =
	"usage: sdeisim export timeline TRACE [-o FILE] [--lines FROM-TO]\n"
	"       sdeisim export tarmac SCENARIO [-o FILE] [--profile NAME]\n"
	"       sdeisim export yaml TRACE [-o FILE] [--profile NAME] [--mid-run] [--lines FROM-TO]\n\n"
	"Write a run in another form:\n"
	"  timeline  a canonical SDEI trace (plain or gzip; - for standard input) as\n"
	"            Chrome trace-event JSON (Perfetto, chrome://tracing): a thread per\n"
	"            PE, a slice per handler, instants for calls, interrupts and power\n"
	"  tarmac    run a scenario (scenarios/FORMAT.md) and write it as an FVP Tarmac\n"
	"            trace: the client instructions that ran, with the registers they\n"
	"            wrote, and the SMC/HVC calls, exceptions, interrupt acknowledgements\n"
	"            and ERETs of the firmware, per PE (cpuN), timed by an instruction\n"
	"            clock; `sdeisim import tarmac OUT --platform SCENARIO` reads it back\n"
	"            (without --platform the trace has no platform record: the\n"
	"            scenario's events are unknown to its replay; traces/README.md)\n"
	"  yaml      a canonical SDEI trace (plain or gzip; - for standard input) as\n"
	"            the scenario its replay runs (scenarios/FORMAT.md): the platform,\n"
	"            handlers rebuilt from what each invocation called, the steps,\n"
	"            and the trace's results as expectations; `sdeisim run` passes it\n"
	"            where the replay matches and fails at the first expectation the\n"
	"            replay breaks\n\n"
	"Options:\n"
	"  -o FILE          write to FILE, making its directory if need be (default:\n"
	"                   standard output)\n"
	"  --profile NAME   tarmac: the platform profile of a scenario that names none;\n"
	"                   yaml: the dispatcher profile, as for `sdeisim replay`\n"
	"  --mid-run        yaml: the trace is a window of a run that started before it:\n"
	"                   the scenario first makes the state its records presuppose,\n"
	"                   as `sdeisim replay --mid-run` does (noted on stderr)\n"
	"  --lines FROM-TO  timeline, yaml: only the records at those lines of TRACE\n"
	"                   (FROM-: to its end, -TO: from its start), as `sdeisim\n"
	"                   replay --lines` replays them\n"
	"  --help, -h       this text\n\n"
	"Exit status: 0 written (tarmac: and the scenario passed), 1 tarmac: written, but\n"
	"the scenario failed (the trace ends where it failed), 2 bad input or usage.\n"
	"Notes on what the replay cannot reproduce exactly go to stderr (yaml).\n";

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

/* The timeline of rd into f: 0, or -1 with the message in err (a trace
 * that does not read, or a --lines window with no record). */
static int write_timeline(const struct cli *c, struct trace_reader *rd, FILE *f, char *err, size_t n)
{
	return trace_timeline(rd, f, err, n) || cli_window_empty(c, rd, err, n) ? -1 : 0;
}

static int export_timeline(const struct cli *c)
{
	struct trace_reader *rd = cli_open_trace(c, c->positional[1]);
	char err[LINEIN_MSG_MAX];
	struct outfile of;
	bool opened = rd && cli_open_out(c, &of);
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
		rc = write_timeline(c, rd, of.f, err, sizeof err);
	} else if (opened && !spool_open(&sp)) {
		snprintf(err, sizeof err, "cannot keep the timeline until the trace has read: out of memory");
	} else if (opened) {
		rc = write_timeline(c, rd, sp.f, err, sizeof err);
		if (spool_close(&sp, rc == 0 ? of.f : NULL) && rc == 0) {
			snprintf(err, sizeof err, "cannot read the timeline back from its temporary file");
			rc = -1;
		}
	}
	if (rc && opened)
		fprintf(stderr, "%s\n", err);
	if (opened && !cli_close_out(&of, rc == 0))
		rc = -1;
	trace_reader_close(rd);
	return rc ? EXIT_BAD : EXIT_OK;
}

static int export_tarmac(const struct cli *c)
{
	struct sim_program prog;
	struct sim_result res;
	struct sim_cpu *cpu = NULL;
	char err[LINEIN_MSG_MAX];
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
	if (!cli_open_out(c, &of))
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
	if (!cli_close_out(&of, status != EXIT_BAD))
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
	struct trace_reader *rd = cli_open_trace(c, c->positional[1]);
	struct replay rp;
	struct replay_opts ro = { c->profile, true, c->mid_run };
	struct sim_cpu *cpu = NULL;
	char err[LINEIN_MSG_MAX], desc[LINEIN_MSG_MAX], title[340], window[48] = "", lines[32];
	struct outfile of;
	const char *base;
	char *name = NULL;
	int rc = -1;

	if (!rd)
		return EXIT_BAD;
	if (replay_build(&rp, rd, &ro, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
	} else if (cli_window_empty(c, rd, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
	} else if ((cpu = sim_cpu_create(err, sizeof err)) == NULL) {
		fprintf(stderr, "cannot create the CPU: %s\n", err);
	} else if (replay_export_ready(&rp, cpu, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
	} else if ((name = sim_utf8_escaped(rp.name, NULL)) == NULL) {
		fprintf(stderr, "%s: out of memory\n", rp.name);
	} else if (cli_open_out(c, &of)) {
		for (uint32_t k = 0; k < rp.nnotes; k++)
			fprintf(stderr, "%s\n", rp.notes[k]);
		if (c->lines)
			snprintf(window, sizeof window, ", lines %s", cli_lines_text(c, lines, sizeof lines));
		/* the trace's path, which need not be UTF-8 (a Latin-1 file name):
		 * a scenario's text must be */
		snprintf(desc, sizeof desc, "The replay of %s%s (sdeisim export yaml): its calls, handlers and the "
			 "interrupts and dispatches that ran them, with the results the trace recorded as expectations.",
			 name, window);
		if (rp.nassumed)
			snprintf(desc + strlen(desc), sizeof desc - strlen(desc), " It starts with the steps that make the "
				 "state the trace presupposes (--mid-run: assumed, not in the trace).");
		free(rp.prog.description);
		rp.prog.description = strdup(desc);
		/* named for the trace file, not the path it was read by (the
		 * description keeps that): not "/tmp/x/fvp.trace" */
		base = strrchr(name, '/');
		snprintf(title, sizeof title, "replay of %s%s", base ? base + 1 : name, window);
		free(rp.prog.name);
		rp.prog.name = strdup(title);
		if (!rp.prog.name || !rp.prog.description)
			snprintf(err, sizeof err, "out of memory");
		else
			rc = scn_write(of.f, &rp.prog, err, sizeof err);
		if (rc == SCN_WRITE_TOO_LARGE)
			fprintf(stderr, "%s: too long for one scenario (%s): export a shorter window of it "
				"(--lines FROM-TO)\n", rp.name, err);
		else if (rc)
			fprintf(stderr, "%s: %s\n", rp.name, err);
		if (!cli_close_out(&of, rc == 0))
			rc = -1;
	}
	if (cpu)
		sim_cpu_destroy(cpu);
	free(name);
	replay_free(&rp);
	trace_reader_close(rd);
	return rc ? EXIT_BAD : EXIT_OK;
}

int trace_cmd_export(int argc, char **argv)
{
	struct cli c;
	const char *kind;

	if (!cli_parse(argc, argv, "opmL", 2, &c))
		return EXIT_BAD;
	if (c.help) {
		fputs(export_help, stdout);
		return EXIT_OK;
	}
	kind = c.npositional ? c.positional[0] : "";
	if (c.npositional && strcmp(kind, "timeline") && strcmp(kind, "tarmac") && strcmp(kind, "yaml")) {
		fprintf(stderr, "sdeisim export: unknown kind of output '%s': timeline, tarmac or yaml (see --help)\n",
			SIM_QUOTED_STR(kind));
		return EXIT_BAD;
	}
	if (c.npositional != 2) {
		fputs(export_help, stderr);
		return EXIT_BAD;
	}
	if (strcmp(kind, "yaml") == 0)
		return export_yaml(&c);
	if (c.mid_run) {
		fprintf(stderr, "sdeisim export: --mid-run is for yaml\n");
		return EXIT_BAD;
	}
	if (strcmp(kind, "tarmac") == 0 && c.lines) {
		fprintf(stderr, "sdeisim export: --lines is for yaml and timeline\n");
		return EXIT_BAD;
	}
	if (strcmp(kind, "tarmac") == 0)
		return export_tarmac(&c);
	if (c.profile) {
		fprintf(stderr, "sdeisim export: --profile is for tarmac and yaml\n");
		return EXIT_BAD;
	}
	return export_timeline(&c);
}
