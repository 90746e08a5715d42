/*
 * bench_trace_import - Tarmac import speed and memory, and replay speed.
 *
 *   bench_trace_import [--size SIZE] [--calls-every N] [--replay] [--keep DIR]
 *
 * Writes a synthetic multi-PE FVP Tarmac trace of SIZE bytes (K, M, G
 * suffixes; default 100M) to a temporary directory: four PEs interleaved
 * by scheduling quantum, each running a mix of instruction, register and
 * memory lines (about two lines per instruction, like the measured
 * samples of tarmac-traces.md §4.7) and, every N instructions (default
 * 200), SDEI activity as TF-A on FVP answers it: status and version
 * calls, and EVENT_SIGNAL to itself, whose SGI is taken at EL3 and
 * dispatched to a handler that reads its context and completes.  Then
 * imports it (MB/s of Tarmac read, records written, peak RSS), and with
 * --replay replays the canonical trace on tf-a-fvp (calls per second,
 * which must all match).  The files and their directory are deleted
 * unless --keep, however the run ends; a failure is said, with why.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "import.h"
#include "outfile.h"
#include "replay.h"
#include "writefile.h"

#define PES      4
#define QUANTUM  64         /* instructions per PE before the next one runs */
#define VBAR3    0x04003000u
#define EP       0x80081000u

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long peak_rss_kib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* ---- The synthetic trace ---- */

struct gen {
	FILE *f;
	uint64_t bytes, limit;
	uint64_t t;                 /* clk: global, +1 per instruction of any PE */
	uint64_t calls_every;
	struct { uint64_t idx, pc, since_call, x[6]; unsigned phase, cycle; } pe[PES];
};

static void insn(struct gen *g, unsigned pe, uint64_t pc, uint32_t op, int el, const char *dis)
{
	g->t++;
	g->bytes += (uint64_t)fprintf(g->f, "%" PRIu64 " clk cpu%u IT (%" PRIu64 ") %08" PRIx64 " %08" PRIx32 " O EL%dh_%s : %s\n",
				      g->t, pe, ++g->pe[pe].idx, pc, op, el, el == 3 ? "s" : "n", dis);
}

static void reg(struct gen *g, unsigned pe, const char *name, uint64_t v)
{
	g->bytes += (uint64_t)fprintf(g->f, "%" PRIu64 " clk cpu%u R %s %016" PRIX64 "\n", g->t, pe, name, v);
}

static void xreg(struct gen *g, unsigned pe, unsigned n, uint64_t v)
{
	char name[8];
	snprintf(name, sizeof name, "X%u", n);
	if (n < 6)
		g->pe[pe].x[n] = v;
	reg(g, pe, name, v);
}

/* One instruction of ordinary work. */
static void work(struct gen *g, unsigned pe)
{
	uint64_t pc = 0x80100000u + (g->pe[pe].idx % 256) * 4;

	switch (g->pe[pe].idx % 4) {
	case 0:
		insn(g, pe, pc, 0x91000421, 2, "ADD      x1,x1,#1");
		xreg(g, pe, 1, g->pe[pe].idx);
		break;
	case 1:
		insn(g, pe, pc, 0xf9400662, 2, "LDR      x2,[x19,#8]");
		g->bytes += (uint64_t)fprintf(g->f, "%" PRIu64 " clk cpu%u MR8 80c00008:000080c00008_NS 00000000_%08" PRIx64 "\n",
					      g->t, pe, g->pe[pe].idx & 0xffffffff);
		xreg(g, pe, 2, g->pe[pe].idx & 0xffffffff);
		break;
	case 2:
		insn(g, pe, pc, 0xf9000261, 2, "STR      x1,[x19,#0]");
		g->bytes += (uint64_t)fprintf(g->f, "%" PRIu64 " clk cpu%u MW8 80c00000:000080c00000_NS 00000000_%08" PRIx64 "\n",
					      g->t, pe, g->pe[pe].idx & 0xffffffff);
		break;
	default:
		insn(g, pe, pc, 0xeb02003f, 2, "CMP      x1,x2");
		reg(g, pe, "cpsr", 0x600003c9);
		break;
	}
}

/* Set x0..x5 and SMC at EL2 (or from a handler); TF-A's EL3 path; ERET to
 * `back` with x0 = result and x1..x3 = regs. */
static void call(struct gen *g, unsigned pe, uint32_t fid, unsigned nargs, const uint64_t *args, uint64_t result,
		 uint64_t back_pc, const uint64_t *ret123)
{
	uint64_t pc = g->pe[pe].pc;

	insn(g, pe, pc, 0xd2800000 | ((fid & 0xffff) << 5), 2, "MOV      x0,#lo");
	xreg(g, pe, 0, fid & 0xffff);
	insn(g, pe, pc + 4, 0xf2a00000 | ((fid >> 16) << 5), 2, "MOVK     x0,#hi,LSL #16");
	xreg(g, pe, 0, fid);
	pc += 8;
	for (unsigned k = 0; k < nargs; k++, pc += 4) {
		insn(g, pe, pc, 0xaa1403e0 | (k + 1), 2, "MOV      xN,x20");
		xreg(g, pe, k + 1, args[k]);
	}
	insn(g, pe, pc, 0xd4000003, 2, "SMC      #0");
	g->bytes += (uint64_t)fprintf(g->f, "%" PRIu64 " clk cpu%u E %016" PRIx64 " 00000084 CoreEvent_LOWER_EL_AARCH64_SYNC\n",
				      g->t, pe, pc);
	reg(g, pe, "ESR_EL3", 0x5E000000);
	reg(g, pe, "ELR_EL3", pc + 4);
	reg(g, pe, "SPSR_EL3", 0x3c9);
	insn(g, pe, VBAR3 + 0x400, 0xd53e521e, 3, "MRS      x30,ESR_EL3");
	xreg(g, pe, 30, 0x5E000000);
	insn(g, pe, VBAR3 + 0x404, 0x94000c00, 3, "BL       sdei_smc_handler");
	insn(g, pe, 0x04006000, 0xa94007e0, 3, "LDP      x0,x1,[sp,#0]");
	xreg(g, pe, 0, result);
	xreg(g, pe, 1, ret123 ? ret123[0] : g->pe[pe].x[1]);
	insn(g, pe, 0x04006004, 0xa94107e2, 3, "LDP      x2,x3,[sp,#0x10]");
	xreg(g, pe, 2, ret123 ? ret123[1] : g->pe[pe].x[2]);
	xreg(g, pe, 3, ret123 ? ret123[2] : g->pe[pe].x[3]);
	insn(g, pe, 0x04006008, 0xd51e4010, 3, "MSR      SPSR_EL3,x16");
	reg(g, pe, "SPSR_EL3", 0x3c9);
	insn(g, pe, 0x0400600c, 0xd51e4031, 3, "MSR      ELR_EL3,x17");
	reg(g, pe, "ELR_EL3", back_pc ? back_pc : pc + 4);
	insn(g, pe, 0x04006010, 0xd69f03e0, 3, "ERET");
	g->pe[pe].pc = back_pc ? back_pc : pc + 4;
}

/* The SGI of EVENT_SIGNAL taken at EL3, event 0's handler, COMPLETE. */
static void dispatch(struct gen *g, unsigned pe)
{
	uint64_t interrupted = g->pe[pe].pc, arg = 0x80a01000u + pe * 0x40;
	uint64_t entry[3] = { arg, interrupted, 0x9 };
	uint64_t ctx0 = 0, none[3] = { 0, 0, 0 };

	g->bytes += (uint64_t)fprintf(g->f, "%" PRIu64 " clk cpu%u E %016" PRIx64 " 00000085 CoreEvent_FIQ\n", g->t, pe,
				      interrupted);
	reg(g, pe, "ELR_EL3", interrupted);
	insn(g, pe, VBAR3 + 0x500, 0xd538c800, 3, "MRS      x0,ICC_IAR0_EL1");
	xreg(g, pe, 0, 8);
	insn(g, pe, 0x04006000, 0xa94007e0, 3, "LDP      x0,x1,[sp,#0]");
	xreg(g, pe, 0, 0);
	xreg(g, pe, 1, entry[0]);
	insn(g, pe, 0x04006004, 0xa94107e2, 3, "LDP      x2,x3,[sp,#0x10]");
	xreg(g, pe, 2, entry[1]);
	xreg(g, pe, 3, entry[2]);
	insn(g, pe, 0x0400600c, 0xd51e4031, 3, "MSR      ELR_EL3,x17");
	reg(g, pe, "ELR_EL3", EP);
	insn(g, pe, 0x04006010, 0xd69f03e0, 3, "ERET");
	g->pe[pe].pc = EP;
	call(g, pe, 0xC4000024, 1, &ctx0, 0, 0, NULL);                  /* EVENT_CONTEXT(0) */
	call(g, pe, 0xC4000025, 1, &ctx0, 0, interrupted, none);        /* COMPLETE -> interrupted */
}

/* The next piece of SDEI activity of a PE. */
static void sdei(struct gen *g, unsigned pe)
{
	uint64_t a[5] = { 0, EP, 0x80a01000u + pe * 0x40, 0, 0 }, self = pe, ev0 = 0;
	uint64_t sig[2] = { 0, self };

	switch (g->pe[pe].phase++) {
	case 0: call(g, pe, 0xC4000021, 5, a, 0, 0, NULL); return;              /* REGISTER(0) */
	case 1: call(g, pe, 0xC4000022, 1, &ev0, 0, 0, NULL); return;           /* ENABLE(0) */
	case 2: call(g, pe, 0xC400002C, 0, NULL, 0, 0, NULL); return;           /* PE_UNMASK */
	default: break;
	}
	switch (g->pe[pe].cycle++ % 3) {
	case 0:
		call(g, pe, 0xC4000028, 1, &ev0, 3, 0, NULL);                   /* STATUS(0): registered, enabled */
		break;
	case 1:
		call(g, pe, 0xC4000020, 0, NULL, 0x1000000000000ull, 0, NULL);  /* VERSION: 1.0 */
		break;
	default:
		call(g, pe, 0xC400002F, 2, sig, 0, 0, NULL);                     /* SIGNAL(0, self) */
		dispatch(g, pe);
		break;
	}
}

/* The trace of size bytes as path: 0, or -1 said. */
static int generate(const char *path, uint64_t size, uint64_t calls_every)
{
	struct gen *g = calloc(1, sizeof *g);
	static char buf[1 << 20];
	int rc;

	if (!g) {
		fprintf(stderr, "bench_trace_import: out of memory\n");
		return -1;
	}
	g->f = fopen(path, "w");
	if (!g->f) {
		free(g);
		return writefile_failed("bench_trace_import", path, errno);
	}
	setvbuf(g->f, buf, _IOFBF, sizeof buf);
	g->limit = size;
	g->calls_every = calls_every;
	g->t = 1000000;
	for (unsigned p = 0; p < PES; p++)
		g->pe[p].pc = 0x80001000;
	while (g->bytes < g->limit)
		for (unsigned p = 0; p < PES && g->bytes < g->limit; p++)
			for (unsigned k = 0; k < QUANTUM; k++) {
				if (++g->pe[p].since_call >= g->calls_every) {
					g->pe[p].since_call = 0;
					sdei(g, p);
				} else {
					work(g, p);
				}
			}
	rc = writefile_close("bench_trace_import", g->f, path);
	free(g);
	return rc;
}

/* ---- Measuring ---- */

struct counter {
	FILE *out;
	uint64_t records, calls;
	int errnum;             /* why the first record was not written (0: all were) */
};

static int emit(void *ctx, const struct trace_rec *r)
{
	struct counter *c = ctx;
	c->records++;
	c->calls += r->kind == TRACE_CALL;
	if (trace_write(c->out, r) == 0)
		return 0;
	c->errnum = errno;      /* gone by the time the file is closed */
	return -1;
}

static uint64_t parse_size(const char *s)
{
	char *end;
	double v = strtod(s, &end);
	if (*end == 'K' || *end == 'k')
		v *= 1024;
	else if (*end == 'M' || *end == 'm')
		v *= 1024 * 1024;
	else if (*end == 'G' || *end == 'g')
		v *= 1024.0 * 1024 * 1024;
	return (uint64_t)v;
}

/* Replay the trace at path: 0, or -1 after saying why not (the trace
 * cannot be read, the replay cannot run or diverged). */
static int replay(const char *path, uint64_t calls)
{
	struct trace_reader *rd;
	struct replay_opts ro = { "tf-a-fvp", false, false };
	struct replay rp;
	struct replay_summary sum;
	struct sim_cpu *cpu = NULL;
	char err[LINEIN_MSG_MAX];
	double t0, t1, t2;
	FILE *devnull = NULL;
	int rc = -1;

	rd = trace_reader_open_path(path, err, sizeof err);
	if (rd && !(devnull = fopen("/dev/null", "w")))
		snprintf(err, sizeof err, "/dev/null: cannot open: %s", strerror(errno));
	if (devnull && !(cpu = sim_cpu_create(err, sizeof err)))
		fprintf(stderr, "bench_trace_import: replay: cannot create the CPU: %s\n", err);
	else if (!devnull)
		fprintf(stderr, "bench_trace_import: replay: %s\n", err);
	t0 = now();
	if (cpu && replay_build(&rp, rd, &ro, err, sizeof err) != 0) {
		fprintf(stderr, "bench_trace_import: replay: %s\n", err);
		replay_free(&rp);
	} else if (cpu) {
		t1 = now();
		if (replay_run(&rp, cpu, false, devnull, &sum) != 0) {
			fprintf(stderr, "bench_trace_import: replay: %s: %s\n", rp.name, sum.stop_message);
		} else {
			t2 = now();
			printf("replay: %" PRIu64 " calls, %u matched, %u diverged; build %.2f s, run %.2f s: %.0f calls/s "
			       "(build and run)\n", calls, sum.matched, sum.diverged, t1 - t0, t2 - t1,
			       (double)calls / (t2 - t0));
			printf("peak RSS after replay: %ld KiB\n", peak_rss_kib());
			if (sum.diverged)
				fprintf(stderr, "bench_trace_import: replay: %s: %u of the synthetic trace's records "
					"diverged (sdeisim replay %s --profile tf-a-fvp says which)\n", rp.name,
					sum.diverged, rp.name);
			rc = sum.diverged ? -1 : 0;
		}
		replay_free(&rp);
	}
	if (cpu)
		sim_cpu_destroy(cpu);
	trace_reader_close(rd);
	if (devnull)
		fclose(devnull);
	return rc;
}

/* What a run writes: the directory (made: mkdtemp's, without --keep) and
 * its two files, their paths whole. */
struct files {
	char dir[PATH_MAX - sizeof "/synthetic.tarmac"], tarmac[PATH_MAX], trace[PATH_MAX];
	bool made;
};

/* The run ends with status: without --keep, its directory goes, with what
 * it holds (whichever of the files were written); one that cannot is said,
 * and the run has failed. */
static int finish(const struct files *fs, int status)
{
	if (!fs->made)
		return status;
	for (const char *const *p = (const char *const[]){ fs->tarmac, fs->trace, NULL }; *p; p++)
		if (unlink(*p) != 0 && errno != ENOENT) {
			fprintf(stderr, "bench_trace_import: %s: cannot remove: %s\n", *p, strerror(errno));
			status = 2;
		}
	if (rmdir(fs->dir) != 0) {
		fprintf(stderr, "bench_trace_import: %s: cannot remove: %s\n", fs->dir, strerror(errno));
		status = 2;
	}
	return status;
}

int main(int argc, char **argv)
{
	uint64_t size = 100u << 20, every = 200;
	const char *keep = NULL;
	bool do_replay = false;
	struct files fs = { .made = false };
	char err[LINEIN_MSG_MAX];
	struct counter c = { NULL, 0, 0, 0 };
	struct import_opts o;
	struct import_stats st;
	struct linein *in;
	double t0, t1;
	int rc;

	for (int k = 1; k < argc; k++) {
		if (strcmp(argv[k], "--size") == 0 && k + 1 < argc)
			size = parse_size(argv[++k]);
		else if (strcmp(argv[k], "--calls-every") == 0 && k + 1 < argc)
			every = strtoull(argv[++k], NULL, 10);
		else if (strcmp(argv[k], "--keep") == 0 && k + 1 < argc)
			keep = argv[++k];
		else if (strcmp(argv[k], "--replay") == 0)
			do_replay = true;
		else {
			fprintf(stderr, "usage: bench_trace_import [--size SIZE] [--calls-every N] [--replay] [--keep DIR]\n");
			return 2;
		}
	}
	if (every < 2)
		every = 2;
	if (snprintf(fs.dir, sizeof fs.dir, "%s", keep ? keep : "/tmp/bench_trace_import.XXXXXX") >= (int)sizeof fs.dir) {
		writefile_failed("bench_trace_import", keep, ENAMETOOLONG);
		return 2;
	}
	if (keep ? mkdir(fs.dir, 0777) != 0 && errno != EEXIST : !mkdtemp(fs.dir)) {
		writefile_failed("bench_trace_import", fs.dir, errno);
		return 2;
	}
	fs.made = !keep;
	snprintf(fs.tarmac, sizeof fs.tarmac, "%s/synthetic.tarmac", fs.dir);
	snprintf(fs.trace, sizeof fs.trace, "%s/synthetic.trace", fs.dir);
	t0 = now();
	if (generate(fs.tarmac, size, every))
		return finish(&fs, 2);
	printf("generated %s: %.1f MiB in %.2f s (%u PEs, SDEI activity every %" PRIu64 " instructions)\n", fs.tarmac,
	       (double)size / (1 << 20), now() - t0, PES, every);

	in = linein_open(fs.tarmac, err, sizeof err);
	if (!in) {
		fprintf(stderr, "bench_trace_import: %s\n", err);
		return finish(&fs, 2);
	}
	c.out = fopen(fs.trace, "w");
	if (!c.out) {
		writefile_failed("bench_trace_import", fs.trace, errno);
		linein_close(in);
		return finish(&fs, 2);
	}
	memset(&o, 0, sizeof o);
	o.emit = emit;
	o.emit_ctx = &c;
	trace_write_header(c.out, "bench_trace_import");
	t0 = now();
	rc = tarmac_import(in, &o, &st, err, sizeof err);
	/* the records lost to a full disk are the failure, not the import
	 * that could not write them ("cannot write the records") */
	if (c.errnum)
		fclose(c.out);
	if (c.errnum ? writefile_failed("bench_trace_import", fs.trace, c.errnum)
		     : writefile_close("bench_trace_import", c.out, fs.trace)) {
		linein_close(in);
		return finish(&fs, 2);
	}
	t1 = now();
	linein_close(in);
	if (rc) {
		fprintf(stderr, "bench_trace_import: %s\n", err);
		return finish(&fs, 2);
	}
	printf("import: %" PRIu64 " lines, %" PRIu64 " records (%" PRIu64 " calls) in %.2f s: %.0f MB/s "
	       "(%.1f MiB/s)\n", st.lines, c.records, c.calls, t1 - t0, (double)size / 1e6 / (t1 - t0),
	       (double)size / (1 << 20) / (t1 - t0));
	printf("peak RSS after import: %ld KiB\n", peak_rss_kib());
	rc = do_replay ? replay(fs.trace, c.calls) : 0;
	return finish(&fs, outfile_exit_status("bench_trace_import", rc ? 1 : 0));
}
