/*
 * fuzz_floor - the least a harness that makes 32 dispatcher operations per
 * input with the reference model can cost: the throughput benchmark runs
 * it beside fuzz_core, whose target is for inputs of about 32 operations.
 * (fuzz_core makes as many operations as a mutated input holds, often
 * fewer; this makes 32 from every input.)
 *
 * Per input: the dispatcher (sdd_init) and the model (rm_init) of one
 * fixed platform, then 32 SDEI calls, each four input bytes (PE,
 * function, arguments from a small vocabulary; a shorter input is read
 * round and round, so every input makes 32), each answered by the
 * dispatcher and judged by the model, and the dispatcher's invariants
 * (sdd_check) once at the end.  Nothing else: no interrupt controller, no
 * interrupts or dispatches, no handlers, no input decoder, no per-step
 * checks - everything fuzz_core does besides is left out.  A disagreement
 * or a broken invariant aborts (it is a real finding: only calls run, so
 * the two must agree on every one).
 *
 * SDEISIM_FLOOR=core in the environment leaves the model out too: the
 * dispatcher alone.
 *
 * Not a harness of the nightly run or the suite (CEILING in
 * fuzz/CMakeLists.txt): fuzz_core covers all of this and more.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fz_image.h"
#include "port_rules.h"
#include "rm.h"
#include "runtime/rt_layout.h"
#include "sdd/sdd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FLOOR_PES   4u
#define FLOOR_OPS   32u

static bool p_true(void *c, unsigned pe, uint32_t i) { (void)c; (void)pe; (void)i; return true; }
static bool p_ep_valid(void *c, unsigned pe, uint64_t a) { (void)c; (void)pe; return sim_ep_valid(a); }
static void p_fault(void *c, int code)
{
	(void)c;
	fprintf(stderr, "fuzz_floor: FINDING: the dispatcher reports fault %d\n", code);
	abort();
}

/* The platform, for the dispatcher and (the same events) for the model:
 * event 0, a static critical private event on a PPI, a static shared one
 * on an SPI, an explicit one, two private and two shared bind slots. */
struct floor_event { int32_t num; uint8_t kind, shared, critical; uint32_t intid; };
static const struct floor_event events[] = {
	{ 0,          0, 0, 0, 8 },
	{ 0x40000100, 1, 0, 1, 29 },
	{ 0x40000200, 1, 1, 0, 40 },
	{ 0x40000300, 3, 0, 0, 0 },
	{ 0x40001000, 2, 0, 0, 0 },
	{ 0x40001001, 2, 0, 0, 0 },
	{ 0x40002000, 2, 1, 0, 0 },
	{ 0x40002001, 2, 1, 0, 0 },
};
#define FLOOR_EVENTS (sizeof events / sizeof events[0])

static const enum sdd_event_kind sdd_kind[] = { SDD_EVK_EVENT0, SDD_EVK_STATIC, SDD_EVK_DYNAMIC, SDD_EVK_EXPLICIT };
static const uint8_t rm_kind[] = { RM_EVENT0, RM_STATIC, RM_SLOT, RM_EXPLICIT };

/* Argument values: event numbers (each platform event's, one unknown),
 * entry points (valid, relative, misaligned, outside client memory),
 * flags, MPIDRs, INTIDs, boundaries, upper-bit garbage. */
static const uint64_t vocab[16] = {
	0, 1, 2, 3, 0x40000100, 0x40000200, 0x40000300, 0x40001000,
	0x40002000, RT_USER_BASE, 0x800, 29, 40, 0xFFFFFFFFu, 0x8000000000000000ull, 0x40000101,
};

struct floor {
	struct sdd_port port;
	struct sdd_platform plat;
	struct rm_platform rplat;
	struct sdd disp;
	struct rm_model rm;
	bool with_model;
	bool ready;
};

static struct floor fl;

static void floor_setup(struct floor *f)
{
	const char *mode = getenv("SDEISIM_FLOOR");

	memset(f, 0, sizeof *f);
	f->with_model = !(mode && strcmp(mode, "core") == 0);
	/* The port: every operation does nothing (fz_image_port), but entry
	 * points are valid where the simulator's client code lives (as the
	 * model has them), a fault is a finding, and the client owns every
	 * INTID, the platform events' own and those that do not exist
	 * included: the dispatcher checks both itself (the model alike), so
	 * BIND's answers still follow the platform. */
	f->port = fz_image_port;
	f->port.irq_is_client_owned = p_true;
	f->port.ep_valid = p_ep_valid;
	f->port.fault = p_fault;
	f->plat.pe_count = f->rplat.pes = FLOOR_PES;
	for (unsigned k = 0; k < FLOOR_PES; k++)
		f->plat.mpidr[k] = f->rplat.mpidr[k] = k;
	f->plat.client_el = f->rplat.client_el = 2;
	f->plat.version_minor = f->rplat.version_minor = 1;
	f->plat.relative_mode = f->rplat.relative_mode = true;
	f->plat.spi_count = f->rplat.spis = 96;
	f->plat.event_count = f->rplat.nevents = FLOOR_EVENTS;
	for (unsigned i = 0; i < FLOOR_EVENTS; i++) {
		const struct floor_event *e = &events[i];
		f->plat.events[i] = (struct sdd_event_desc){ e->num, sdd_kind[e->kind],
			e->shared ? SDD_SHARED : SDD_PRIVATE, e->critical ? SDD_PRI_CRITICAL : SDD_PRI_NORMAL,
			e->intid };
		f->rplat.events[i] = (struct rm_event){ e->num, rm_kind[e->kind], e->shared, e->critical,
							e->intid };
	}
	f->ready = true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct floor *f = &fl;
	struct sdd_regs r;
	char why[300];
	int err;

	if (size == 0)
		return 0;
	if (!f->ready)
		floor_setup(f);
	if (sdd_init(&f->disp, &f->plat, &f->port, NULL) != SDD_INIT_OK ||
	    (f->with_model && rm_init(&f->rm, &f->rplat) != 0)) {
		fprintf(stderr, "fuzz_floor: the platform is refused\n");
		abort();
	}
	memset(&r, 0, sizeof r);
	r.vbar_elc = RT_VECTORS;
	for (size_t i = 0; i < FLOOR_OPS; i++) {
		uint8_t b[4];
		uint64_t x[6];
		enum sdd_action a;

		for (unsigned k = 0; k < 4; k++)
			b[k] = data[(4 * i + k) % size];
		x[0] = SDD_FID_FIRST + (b[0] >> 2) % SDD_CALL_COUNT;
		x[1] = vocab[b[1] & 15];
		x[2] = vocab[b[1] >> 4];
		x[3] = vocab[b[2] & 15];
		x[4] = vocab[b[2] >> 4];
		x[5] = b[3];
		memcpy(r.x, x, sizeof x);
		r.pstate = SDD_PSTATE_M_EL2H;
		a = sdd_call(&f->disp, b[0] % FLOOR_PES, &r, NULL);
		if (f->with_model && !rm_call(&f->rm, b[0] % FLOOR_PES, x, 2, false, (int64_t)r.x[0], a != SDD_ACT_RETURN,
					      why, sizeof why)) {
			fprintf(stderr, "fuzz_floor: FINDING: %s\n", why);
			abort();
		}
	}
	if ((err = sdd_check(&f->disp)) != 0) {
		fprintf(stderr, "fuzz_floor: FINDING: dispatcher invariant violated (sdd_check %d: %s)\n", err,
			sdd_check_rule(err));
		abort();
	}
	return 0;
}
