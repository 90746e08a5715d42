/*
 * bench_core - SDEI calls per second through the dispatcher core alone.
 *
 * The core runs on a port whose operations do nothing (the cost of the
 * interrupt controller is the embedder's, not the dispatcher's), and is
 * driven with a mixed sequence of 16 calls that exercises the decode
 * table, argument validation, event look-up, the state table and the
 * interrupt-bookkeeping paths:
 *   VERSION, FEATURES, STATUS x2, GET_INFO x2, REGISTER, ENABLE, DISABLE,
 *   UNREGISTER, PE_UNMASK, PE_MASK, CONTEXT (denied), SIGNAL,
 *   INTERRUPT_BIND (already bound), ROUTING_SET (denied).
 * Prints the median of 7 runs of 2,000,000 sequences.
 *
 *   bench_core [SEQUENCES]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "outfile.h"
#include "sdd/sdd.h"

static bool no_bool(void *c, unsigned pe, uint32_t i) { (void)c; (void)pe; (void)i; return false; }
static bool yes_bool(void *c, unsigned pe, uint32_t i) { (void)c; (void)pe; (void)i; return true; }
static void no_claim(void *c, unsigned pe, uint32_t i, enum sdd_priority p) { (void)c; (void)pe; (void)i; (void)p; }
static void no_irq(void *c, unsigned pe, uint32_t i) { (void)c; (void)pe; (void)i; }
static void no_irq_bool(void *c, unsigned pe, uint32_t i, bool b) { (void)c; (void)pe; (void)i; (void)b; }
static void no_route(void *c, uint32_t i, bool a, unsigned t) { (void)c; (void)i; (void)a; (void)t; }
static void no_pe_bool(void *c, unsigned pe, bool b) { (void)c; (void)pe; (void)b; }
static void no_pri(void *c, unsigned pe, enum sdd_priority p) { (void)c; (void)pe; (void)p; }
static bool ep_ok(void *c, unsigned pe, uint64_t a) { (void)c; (void)pe; return a >= 0x1000; }
static void no_ctx(void *c) { (void)c; }
static void on_fault(void *c, int code) { (void)c; fprintf(stderr, "fault %d\n", code); exit(1); }

static const struct sdd_port port = {
	.irq_is_client_owned = yes_bool, .irq_is_active = no_bool, .irq_is_pending = no_bool,
	.irq_claim = no_claim, .irq_unclaim = no_irq, .irq_enable = no_irq_bool,
	.irq_set_pending = no_irq_bool, .irq_route = no_route, .irq_eoi = no_irq,
	.sgi_raise = no_irq, .pe_participate = no_pe_bool, .pri_activate = no_pri,
	.pri_deactivate = no_pri, .ep_valid = ep_ok, .lock = no_ctx, .unlock = no_ctx,
	.fault = on_fault,
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

#define CALL(fid, a, b, c, d, e) do { \
	r.x[0] = (fid); r.x[1] = (a); r.x[2] = (b); r.x[3] = (c); r.x[4] = (d); r.x[5] = (e); \
	sdd_call(&disp, 1, &r, NULL); sink += r.x[0]; } while (0)

static struct sdd disp;

int main(int argc, char **argv)
{
	long seqs = argc > 1 ? atol(argv[1]) : 2000000;
	struct sdd_platform p;
	struct sdd_regs r;
	double runs[7];
	uint64_t sink = 0;
	const int calls_per_seq = 16;

	memset(&p, 0, sizeof p);
	p.pe_count = 8;
	for (unsigned k = 0; k < 8; k++)
		p.mpidr[k] = k;
	p.client_el = 2;
	p.version_minor = 1;
	p.relative_mode = true;
	p.spi_count = 96;
	p.event_count = 8;
	p.events[0] = (struct sdd_event_desc){ 0, SDD_EVK_EVENT0, SDD_PRIVATE, SDD_PRI_NORMAL, 8 };
	p.events[1] = (struct sdd_event_desc){ 0x40000100, SDD_EVK_STATIC, SDD_PRIVATE, SDD_PRI_CRITICAL, 29 };
	p.events[2] = (struct sdd_event_desc){ 0x40000200, SDD_EVK_STATIC, SDD_SHARED, SDD_PRI_NORMAL, 40 };
	p.events[3] = (struct sdd_event_desc){ 0x40000300, SDD_EVK_EXPLICIT, SDD_PRIVATE, SDD_PRI_NORMAL, 0 };
	for (unsigned i = 0; i < 2; i++) {
		p.events[4 + i] = (struct sdd_event_desc){ (int32_t)(0x40001000 + i), SDD_EVK_DYNAMIC, SDD_PRIVATE, SDD_PRI_NORMAL, 0 };
		p.events[6 + i] = (struct sdd_event_desc){ (int32_t)(0x40002000 + i), SDD_EVK_DYNAMIC, SDD_SHARED, SDD_PRI_NORMAL, 0 };
	}
	if (sdd_init(&disp, &p, &port, NULL) != SDD_INIT_OK)
		return 1;
	memset(&r, 0, sizeof r);
	r.pstate = SDD_PSTATE_M_EL2H;
	CALL(SDD_FID_INTERRUPT_BIND, 50, 0, 0, 0, 0);
	CALL(SDD_FID_EVENT_REGISTER, 0x40000200, 0x20000, 0, 0, 0);

	for (int run = 0; run < 7; run++) {
		double t0 = now();
		for (long s = 0; s < seqs; s++) {
			CALL(SDD_FID_VERSION, 0, 0, 0, 0, 0);
			CALL(SDD_FID_FEATURES, 0, 0, 0, 0, 0);
			CALL(SDD_FID_EVENT_STATUS, 0x40000100, 0, 0, 0, 0);
			CALL(SDD_FID_EVENT_STATUS, 0x40002000, 0, 0, 0, 0);
			CALL(SDD_FID_EVENT_GET_INFO, 0x40000200, 3, 0, 0, 0);
			CALL(SDD_FID_EVENT_GET_INFO, 0, 1, 0, 0, 0);
			CALL(SDD_FID_EVENT_REGISTER, 0x40000100, 0x20000, s, 0, 0);
			CALL(SDD_FID_EVENT_ENABLE, 0x40000100, 0, 0, 0, 0);
			CALL(SDD_FID_EVENT_DISABLE, 0x40000100, 0, 0, 0, 0);
			CALL(SDD_FID_EVENT_UNREGISTER, 0x40000100, 0, 0, 0, 0);
			CALL(SDD_FID_PE_UNMASK, 0, 0, 0, 0, 0);
			CALL(SDD_FID_PE_MASK, 0, 0, 0, 0, 0);
			CALL(SDD_FID_EVENT_CONTEXT, 3, 0, 0, 0, 0);
			CALL(SDD_FID_EVENT_SIGNAL, 0, 5, 0, 0, 0);
			CALL(SDD_FID_INTERRUPT_BIND, 50, 0, 0, 0, 0);
			CALL(SDD_FID_EVENT_ROUTING_SET, 0x40000200, 1, 7, 0, 0);
		}
		runs[run] = now() - t0;
	}
	qsort(runs, 7, sizeof runs[0], cmp);
	printf("bench_core: %ld sequences x %d calls, median of 7 runs: %.3f s\n",
	       seqs, calls_per_seq, runs[3]);
	printf("bench_core: %.1f million SDEI calls/s (%.1f ns per call) [checksum %llx]\n",
	       (double)seqs * calls_per_seq / runs[3] / 1e6, runs[3] * 1e9 / ((double)seqs * calls_per_seq),
	       (unsigned long long)sink);
	return outfile_exit_status("bench_core", sdd_check(&disp) == 0 ? 0 : 1);
}
