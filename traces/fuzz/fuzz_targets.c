/*
 * fuzz_targets.c - see fuzz_targets.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_targets.h"
#include "import.h"
#include "replay.h"
#include "scn.h"
#include "trace.h"

#define MAX_REPLAY_BUILD 4096   /* replay and export traces up to this size */

static void fail(const char *what)
{
	fprintf(stderr, "fuzz oracle: %s\n", what);
	abort();
}

static int emit(void *ctx, const struct trace_rec *r)
{
	return trace_write((FILE *)ctx, r);
}

/* Every line written must read back as a record that writes the same. */
static void check_round_trip(const char *text, size_t len)
{
	FILE *in, *again;
	char *copy = NULL;
	size_t copy_len = 0;
	struct trace_reader *rd;
	struct trace_rec r;
	int rc;

	if (len == 0)
		return;
	in = fmemopen((void *)(uintptr_t)text, len, "r");
	again = open_memstream(&copy, &copy_len);
	if (!in || !again)
		fail("out of memory");
	rd = trace_reader_open(in, "written");
	if (!rd)
		fail("out of memory");
	trace_write_header(again, NULL);
	while ((rc = trace_read(rd, &r)) == 1)
		if (trace_write(again, &r))
			fail("a record read back cannot be written");
	if (rc < 0) {
		fprintf(stderr, "%s\n", trace_reader_error(rd));
		fail("an importer wrote a record its reader refuses");
	}
	fclose(again);
	{
		/* the importer's text without its comment lines must equal the re-written text */
		const char *p = text, *end = text + len;
		size_t o = 0;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
			if (p[0] != '#') {
				while (o < copy_len && copy[o] == '#')
					o = (size_t)((char *)memchr(copy + o, '\n', copy_len - o) - copy) + 1;
				if (o + n > copy_len || memcmp(copy + o, p, n) != 0)
					fail("a record read back writes different bytes");
				o += n;
			}
			p += n;
		}
	}
	free(copy);
	trace_reader_close(rd);
	fclose(in);
}

static void check_replay(const uint8_t *data, size_t size);

typedef int (*importer)(struct linein *, const struct import_opts *, struct import_stats *, char *, size_t);

static void run_importer(importer imp, const uint8_t *data, size_t size, bool lenient)
{
	struct linein *in = linein_open_mem(data, size, "fuzz");
	struct import_opts o;
	struct import_stats st;
	char *text = NULL, err[800];
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	if (!in || !out)
		fail("out of memory");
	memset(&o, 0, sizeof o);
	o.lenient = lenient;
	o.emit = emit;
	o.emit_ctx = out;
	trace_write_header(out, NULL);
	if (imp(in, &o, &st, err, sizeof err) == 0 && st.errors && !lenient)
		fail("errors counted outside lenient mode");
	fclose(out);
	check_round_trip(text, len);
	if (lenient && len <= MAX_REPLAY_BUILD)
		check_replay((const uint8_t *)text, len);   /* what `sdeisim replay` does with the import */
	free(text);
	linein_close(in);
}

void fuzz_target_tarmac(const uint8_t *data, size_t size)
{
	run_importer(tarmac_import, data, size, false);
	run_importer(tarmac_import, data, size, true);
}

void fuzz_target_tfa_log(const uint8_t *data, size_t size)
{
	run_importer(tfa_log_import, data, size, false);
	run_importer(tfa_log_import, data, size, true);
}

/* Build the replay of the input trace, with or without expectations.
 * False when it does not build (a clear error: no finding).  The profile:
 * for an input of odd length the trace's own (its platform record's, else
 * `default`, as `sdeisim replay` takes it), for one of even length
 * tf-a-fvp's, so that a trace without a platform record - every import -
 * meets both dispatchers as the fuzzer adds and removes bytes; and as a
 * window of a run (--mid-run) when bit 1 of the length is set. */
static bool build_replay(struct replay *rp, const uint8_t *data, size_t size, bool expectations,
			 FILE **in, struct trace_reader **rd)
{
	struct replay_opts ro = { size % 2 ? NULL : "tf-a-fvp", expectations, (size & 2) != 0 };
	char err[800];

	*in = fmemopen((void *)(uintptr_t)data, size, "r");
	*rd = *in ? trace_reader_open(*in, "fuzz") : NULL;
	if (!*rd)
		fail("out of memory");
	return replay_build(rp, *rd, &ro, err, sizeof err) == 0;
}

static void free_replay(struct replay *rp, FILE *in, struct trace_reader *rd)
{
	replay_free(rp);
	trace_reader_close(rd);
	fclose(in);
}

/*
 * What `sdeisim replay` and `sdeisim export yaml` do with a trace the
 * replay builder takes: the replay runs and compares (every divergence is
 * an answer, not a finding; a stop for a fault of the machine under it -
 * a violated invariant, a dispatcher fault - is one, as in fuzz_sdei),
 * and the exported scenario, written by scn_write, loads back and, when
 * the replay matched the trace, passes.
 */
static void check_replay(const uint8_t *data, size_t size)
{
	static struct sim_cpu *cpu;     /* one Unicorn engine for every input (fuzz/README.md) */
	struct replay rp;
	struct replay_summary sum;
	struct trace_reader *rd;
	struct sim_program y;
	struct sim_run_opts ro;
	struct sim_choice_cursor cur;
	struct sim_result res;
	char err[800], *yaml = NULL;
	size_t ylen = 0;
	FILE *in, *out;
	bool clean = false;

	if (!cpu && !(cpu = sim_cpu_create(err, sizeof err))) {
		fprintf(stderr, "%s\n", err);
		fail("cannot create the CPU");
	}
	if (build_replay(&rp, data, size, false, &in, &rd)) {
		out = fopen("/dev/null", "w");
		if (!out)
			fail("cannot open /dev/null");
		if (replay_run(&rp, cpu, false, out, &sum) == 0) {
			if (sum.stopped && sim_fail_is_fault(sum.fail_kind)) {
				fprintf(stderr, "%s\n", sum.stop_message);
				fail("the replay stopped for a fault of the machine");
			}
			clean = sum.diverged == 0;
		}
		fclose(out);
	}
	free_replay(&rp, in, rd);
	if (!build_replay(&rp, data, size, true, &in, &rd)) {
		free_replay(&rp, in, rd);
		return;
	}
	out = open_memstream(&yaml, &ylen);
	if (!out)
		fail("out of memory");
	if (replay_export_ready(&rp, cpu, err, sizeof err) || scn_write(out, &rp.prog, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		fail("export yaml cannot write a replay that builds");
	}
	fclose(out);
	sim_program_init(&y);
	if (scn_load_string("exported.yaml", yaml, ylen, NULL, &y, err, sizeof err)) {
		fprintf(stderr, "%s\n--- exported.yaml ---\n%s", err, yaml);
		fail("the exported scenario does not load");
	}
	/* A trace the replay follows with no divergence is one the exported
	 * scenario passes (traces/README.md, "YAML export"): run as `sdeisim
	 * run` does, with its choices. */
	memset(&ro, 0, sizeof ro);
	ro.choice = sim_program_choice(&y, &cur);
	if (clean && (sim_run(cpu, &y, &ro, &res) || !res.passed)) {
		fprintf(stderr, "%s\n--- exported.yaml ---\n%s", res.message, yaml);
		fail("the replay matched, the exported scenario fails");
	}
	sim_program_free(&y);
	free(yaml);
	free_replay(&rp, in, rd);
}

void fuzz_target_trace(const uint8_t *data, size_t size)
{
	FILE *in;
	char *text = NULL;
	size_t len = 0;
	struct trace_reader *rd;
	struct trace_rec r;
	FILE *out;

	if (size == 0)
		return;
	in = fmemopen((void *)(uintptr_t)data, size, "r");
	out = open_memstream(&text, &len);
	rd = in ? trace_reader_open(in, "fuzz") : NULL;
	if (!rd || !out)
		fail("out of memory");
	trace_write_header(out, NULL);
	while (trace_read(rd, &r) == 1)
		trace_write(out, &r);
	fclose(out);
	check_round_trip(text, len);
	free(text);
	trace_reader_close(rd);
	fclose(in);
	if (size <= MAX_REPLAY_BUILD)
		check_replay(data, size);
}
