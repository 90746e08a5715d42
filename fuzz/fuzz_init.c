/*
 * fuzz_init - the dispatcher's platform validation (sdd_init) on platform
 * descriptions made from arbitrary bytes: the embedder's configuration,
 * which a firmware build or a hypervisor's VM set-up writes, and which the
 * dispatcher promises to refuse rather than run with (sdd_platform.h).
 *
 * Input, read as bytes run out as zeros: the PE count and how the MPIDRs
 * are made (index, clusters of four, or given), client EL, version,
 * relative mode, SPI count, features, a policy (fz_policy_flips' values,
 * or with bit 30 of the flip word one byte per field, 0..3, so that some
 * are out of range), the event count and then 4 bytes per event (how its
 * number is made, its low byte, kind/type/priority, INTID; 4 more for a
 * number given whole).  Most bytes keep a field inside its valid range, some
 * push it out, so that both valid and broken platforms come up.
 *
 * Findings (besides the sanitizers'):
 *   - sdd_init accepts a platform the contract in sdd_platform.h forbids,
 *     or refuses one it allows (valid_platform: those rules, written here
 *     from the header, not from sdd_init.c);
 *   - a refused platform made a port call, or left a dispatcher that
 *     answers a call;
 *   - an accepted one made a port call with a PE or INTID the platform
 *     lacks (the promise of sdd_port.h, as the host machines check it),
 *     breaks the dispatcher's invariants (sdd_check), does not answer
 *     VERSION with its version, or does not load back its own saved state.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fz_input.h"
#include "port_rules.h"
#include "sdd/sdd.h"
#include "sdd/sdd_spec.h"
#include "sim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct bytes { const uint8_t *p; size_t n, at; };

static uint8_t next(struct bytes *b)
{
	return b->at < b->n ? b->p[b->at++] : 0;
}

static uint32_t next32(struct bytes *b)
{
	uint32_t v = 0;

	for (unsigned k = 0; k < 4; k++)
		v |= (uint32_t)next(b) << (8 * k);
	return v;
}

static void broken(const char *what)
{
	fprintf(stderr, "fuzz_init: FINDING: %s\n", what);
	abort();
}

/* ---- The platform the bytes describe ---- */

/* An INTID at the edge of a range an event's may or may not be in. */
static uint32_t edge_intid(const struct sdd_platform *p, uint8_t id)
{
	const uint32_t edges[8] = { 15, 16, 31, 32, 31 + p->spi_count, 32 + p->spi_count, 1020, 1u << 24 };

	return edges[id % 8] + (id >> 3 & 1);   /* and one past it */
}

static void decode_events(struct bytes *b, struct sdd_platform *p)
{
	uint8_t n = next(b);

	p->event_count = n & 0x80 ? 12u + n % 60u : n % 12u;   /* 0 (refused) .. 11, or 12 .. 71 (64 the most) */
	for (unsigned i = 0; i < p->event_count && i < SDD_MAX_EVENTS; i++) {
		struct sdd_event_desc *e = &p->events[i];
		uint8_t how = next(b), low = next(b), sel = next(b), id = next(b);
		uint32_t vendor = how & 1 ? SDD_EVENT_VENDOR_BIT : 0;

		/* numbers mostly ascending and well formed: event 0 first */
		e->number = how & 0x80 ? (int32_t)(next32(b)) :
			    i == 0 && !(how & 0x40) ? 0 : (int32_t)(vendor | (uint32_t)(i * 0x100 + low));
		e->kind = sel & 0x80 ? sel >> 4 & 7 : i == 0 ? SDD_EVK_EVENT0 : 1 + sel % 3;
		e->type = sel & 0x40 ? 2 : sel >> 2 & 1;
		e->priority = sel & 0x20 ? 2 : sel >> 3 & 1;
		e->intid = id & 0x80 ? edge_intid(p, id) : e->kind == SDD_EVK_EVENT0 ? id % 16u :
			   e->kind != SDD_EVK_STATIC ? 0 : e->type == SDD_PRIVATE ? 16u + id % 16u : 32u + id;
	}
}

static void decode(struct bytes *b, struct sdd_platform *p)
{
	uint8_t pes = next(b), shape = next(b), mode = next(b), feat = next(b);
	uint16_t spis = (uint16_t)(next(b) | next(b) << 8);
	uint32_t flips = next32(b);

	memset(p, 0, sizeof *p);
	p->pe_count = pes & 0x80 ? pes % (SDD_MAX_PES + 2u) : 1u + pes % 8u;   /* 0 .. SDD_MAX_PES + 1 */
	for (unsigned k = 0; k < p->pe_count && k < SDD_MAX_PES; k++)
		p->mpidr[k] = shape % 3 == 0 ? k : shape % 3 == 1 ? (uint64_t)(k / 4) << 8 | (k % 4) :
			      (uint64_t)next32(b) | (uint64_t)next32(b) << 32;
	p->client_el = mode & 3;
	p->version_minor = mode >> 2 & 3;
	p->relative_mode = mode >> 4 & 1;
	p->vendor_version = next32(b);
	p->spi_count = spis & 0x8000 ? spis & 0x7FFF : spis % 128u;
	p->features = feat & 0x80 ? feat : feat & SDD_FEAT_ALL;
	for (unsigned k = 0; k < FZ_POLICY_FLIPS; k++)
		if (flips >> k & 1)
			((uint8_t *)&p->policy)[fz_policy_flips[k].offset] = fz_policy_flips[k].value;
	if (flips >> 31 & 1)
		p->policy.number_space = SDD_BOUND_ANY_SPACE;
	if (flips >> 30 & 1)
		for (unsigned k = 0; k < SIM_POLICY_FIELDS; k++)
			((uint8_t *)&p->policy)[sim_policy_fields[k].offset] = next(b) & 3;
	decode_events(b, p);
}

/* ---- What the contract allows (sdd_platform.h, DEN0054C §4.4) ---- */

static bool valid_event(const struct sdd_platform *p, const struct sdd_event_desc *e, unsigned i)
{
	uint32_t n = (uint32_t)e->number;
	bool bound_number_ok = (n & SDD_EVENT_VENDOR_BIT) || p->policy.number_space == SDD_BOUND_ANY_SPACE;

	if (e->number < 0 || (n & SDD_EVENT_RESERVED_MASK) || e->kind > SDD_EVK_EXPLICIT ||
	    e->type > SDD_SHARED || e->priority > SDD_PRI_CRITICAL)
		return false;
	if (i > 0 && e->number <= p->events[i - 1].number)
		return false;                                  /* strictly ascending */
	if ((i == 0) != (e->kind == SDD_EVK_EVENT0) || (i == 0) != (e->number == 0))
		return false;                                  /* event 0, first and only there */
	switch (e->kind) {
	case SDD_EVK_EVENT0:   /* private, on a firmware SGI */
		return e->type == SDD_PRIVATE && e->intid < 16;
	case SDD_EVK_STATIC:   /* on a PPI, or on an SPI the GIC has */
		return e->type == SDD_PRIVATE ? e->intid >= 16 && e->intid < 32 :
		       e->intid >= 32 && e->intid < 32 + p->spi_count;
	case SDD_EVK_DYNAMIC:  /* a bind slot: normal, no interrupt yet, a vendor event by default */
		return e->intid == 0 && e->priority == SDD_PRI_NORMAL && bound_number_ok;
	default:               /* explicit: private, no interrupt */
		return e->intid == 0 && e->type == SDD_PRIVATE;
	}
}

/* Every policy one of the values the simulator names for it, and not one
 * it refuses for that field (sim/platform_names.c). */
static bool valid_policy(const struct sdd_policy *pol)
{
	for (unsigned k = 0; k < SIM_POLICY_FIELDS; k++) {
		uint8_t v = ((const uint8_t *)pol)[sim_policy_fields[k].offset];
		if (v >= sim_policy_fields[k].nvalues || sim_policy_refused(k, v))
			return false;
	}
	return true;
}

static bool valid_platform(const struct sdd_platform *p)
{
	unsigned private_events = 0;

	if (p->pe_count < 1 || p->pe_count > SDD_MAX_PES || p->client_el < 1 || p->client_el > 2 ||
	    p->version_minor > 1 || (p->relative_mode && p->version_minor == 0) || p->spi_count > 988 ||
	    (p->features & ~SDD_FEAT_ALL) || !valid_policy(&p->policy) || p->event_count < 1 ||
	    p->event_count > SDD_MAX_EVENTS)
		return false;
	for (unsigned k = 0; k < p->pe_count; k++) {
		if (p->mpidr[k] & ~SDD_MPIDR_AFF_MASK)
			return false;
		for (unsigned j = k + 1; j < p->pe_count; j++)
			if (p->mpidr[j] == p->mpidr[k])
				return false;
	}
	for (unsigned i = 0; i < p->event_count; i++) {
		const struct sdd_event_desc *e = &p->events[i];
		if (!valid_event(p, e, i))
			return false;
		private_events += e->type == SDD_PRIVATE;
		for (unsigned j = 0; j < i; j++)              /* one event an interrupt */
			if (e->kind <= SDD_EVK_STATIC && p->events[j].kind <= SDD_EVK_STATIC &&
			    p->events[j].intid == e->intid)
				return false;
	}
	return private_events <= SDD_MAX_PRIVATE_EVENTS;
}

/* ---- A port that holds the dispatcher to sdd_port.h's promises ---- */

struct machine {
	struct sim_platform plat;     /* pes, spis and event 0's SGI: what the promises name */
	struct sim_port_lock lock;    /* its discipline (port_rules.h) */
	unsigned calls;
	const char *bad;              /* the first operation that broke a promise */
};

static void note(struct machine *m, const char *op, enum sim_port_arg kind, unsigned pe, uint32_t intid)
{
	m->calls++;
	if (!m->bad && !sim_port_call_ok(&m->plat, &m->lock, kind, pe, intid))
		m->bad = op;
}

static void lock_fault(struct machine *m, const char *fault)
{
	m->calls++;
	if (!m->bad && fault)
		m->bad = fault;
}

#define M ((struct machine *)ctx)
static bool q_owned(void *ctx, unsigned pe, uint32_t i) { note(M, "irq_is_client_owned", SIM_PORT_INTID, pe, i); return true; }
static bool q_active(void *ctx, unsigned pe, uint32_t i) { note(M, "irq_is_active", SIM_PORT_INTID, pe, i); return false; }
static bool q_pending(void *ctx, unsigned pe, uint32_t i) { note(M, "irq_is_pending", SIM_PORT_INTID, pe, i); return false; }
static void o_claim(void *ctx, unsigned pe, uint32_t i, enum sdd_priority pri) { (void)pri; note(M, "irq_claim", SIM_PORT_INTID, pe, i); }
static void o_unclaim(void *ctx, unsigned pe, uint32_t i) { note(M, "irq_unclaim", SIM_PORT_INTID, pe, i); }
static void o_enable(void *ctx, unsigned pe, uint32_t i, bool on) { (void)on; note(M, "irq_enable", SIM_PORT_INTID, pe, i); }
static void o_pend(void *ctx, unsigned pe, uint32_t i, bool on) { (void)on; note(M, "irq_set_pending", SIM_PORT_INTID, pe, i); }
static void o_route(void *ctx, uint32_t i, bool any, unsigned pe) { note(M, "irq_route", SIM_PORT_SPI, any ? SIM_PORT_ANY_PE : pe, i); }
static void o_eoi(void *ctx, unsigned pe, uint32_t i) { note(M, "irq_eoi", SIM_PORT_INTID, pe, i); }
static void o_sgi(void *ctx, unsigned pe, uint32_t i) { note(M, "sgi_raise", SIM_PORT_SGI, pe, i); }
static void o_part(void *ctx, unsigned pe, bool on) { (void)on; note(M, "pe_participate", SIM_PORT_PE, pe, 0); }
static void o_pri(void *ctx, unsigned pe, enum sdd_priority pri) { (void)pri; note(M, "pri_*", SIM_PORT_PE, pe, 0); }
static bool q_ep(void *ctx, unsigned pe, uint64_t a) { (void)a; note(M, "ep_valid", SIM_PORT_PE, pe, 0); return true; }
static void o_lock(void *ctx) { lock_fault(M, sim_port_lock_take(&M->lock)); }
static void o_unlock(void *ctx) { lock_fault(M, sim_port_lock_release(&M->lock)); }
static void o_fault(void *ctx, int code) { (void)code; M->calls++; }
#undef M

static const struct sdd_port port = {
	.irq_is_client_owned = q_owned, .irq_is_active = q_active, .irq_is_pending = q_pending,
	.irq_claim = o_claim, .irq_unclaim = o_unclaim, .irq_enable = o_enable, .irq_set_pending = o_pend,
	.irq_route = o_route, .irq_eoi = o_eoi, .sgi_raise = o_sgi, .pe_participate = o_part,
	.pri_activate = o_pri, .pri_deactivate = o_pri, .ep_valid = q_ep, .lock = o_lock,
	.unlock = o_unlock, .fault = o_fault,
};

/* ---- The harness ---- */

/* VERSION from PE 0: x0 afterwards. */
static uint64_t version(struct sdd *d, const struct sdd_platform *p)
{
	struct sdd_regs r;

	memset(&r, 0, sizeof r);
	r.x[0] = SDD_FID_VERSION;
	r.pstate = p->client_el == 2 ? SDD_PSTATE_M_EL2H : SDD_PSTATE_M_EL1H;
	sdd_call(d, 0, &r, NULL);
	return r.x[0];
}

/* sdd_init of p into d on machine m, which its operations may use
 * without the lock (port_rules.h). */
static int init(struct sdd *d, const struct sdd_platform *p, struct machine *m)
{
	int err;

	m->lock.initialising = true;
	err = sdd_init(d, p, &port, m);
	m->lock.initialising = false;
	return err;
}

/* A valid platform, for the dispatcher every input's sdd_init starts
 * from: that it refuses a platform has to undo what it held before, the
 * same state for every input (a finding does not depend on the inputs
 * run before it). */
static void start_valid(struct sdd *d)
{
	static const struct sdd_platform base = {
		.pe_count = 2, .mpidr = { 0, 1 }, .client_el = 2, .version_minor = 1, .spi_count = 64,
		.event_count = 1, .events = { { .intid = 8 } },     /* event 0 on SGI 8 */
	};
	static struct machine m;          /* d keeps it as its port's context */

	memset(&m, 0, sizeof m);
	if (init(d, &base, &m) != SDD_INIT_OK)
		broken("the harness's own valid platform is refused");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sdd d, again;
	static struct sdd_platform p;
	static uint8_t img[1u << 16];
	struct bytes b = { data, size, 0 };
	struct machine m;
	bool valid;
	uint64_t v;
	size_t n;
	int err;

	decode(&b, &p);
	valid = valid_platform(&p);
	start_valid(&d);
	memset(&m, 0, sizeof m);
	m.plat.pes = p.pe_count;
	m.plat.spis = p.spi_count;
	m.plat.event0_sgi = p.events[0].intid;
	err = init(&d, &p, &m);
	if (valid != (err == SDD_INIT_OK)) {
		fprintf(stderr, "fuzz_init: sdd_init %d (%s)\n", err, sdd_init_error_name(err));
		broken(valid ? "sdd_init refused a platform the contract allows" :
			       "sdd_init accepted a platform the contract forbids");
	}
	if (err != SDD_INIT_OK) {
		if (m.calls != 0)
			broken("sdd_init called the port for a platform it refused");
		if (version(&d, &p) != (uint64_t)(int64_t)SDD_NOT_SUPPORTED || sdd_save(&d, img, sizeof img) != 0 ||
		    m.calls != 0)
			broken("a refused platform left a dispatcher that answers");
		return 0;
	}
	if (m.bad)
		broken("sdd_init broke a promise of sdd_port.h (a PE or INTID the platform lacks)");
	if (sdd_check(&d) != 0)
		broken("a freshly initialised dispatcher breaks its invariants");
	v = version(&d, &p);
	if (v >> 48 != 1 || (v >> 32 & 0xFFFF) != p.version_minor || (uint32_t)v != p.vendor_version)
		broken("VERSION does not answer the platform's version");
	if (sdd_save_size(&d) > sizeof img)
		return 0;                     /* a machine larger than this harness's buffer */
	n = sdd_save(&d, img, sizeof img);
	if (n == 0 || init(&again, &p, &m) != SDD_INIT_OK || sdd_load(&again, img, n) != 0)
		broken("a fresh dispatcher's saved state does not load");
	if (m.bad || m.lock.held)
		broken("a port operation broke a promise of sdd_port.h (an argument, or the lock's discipline)");
	return 0;
}
